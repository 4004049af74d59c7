/* cellnum.c - numbers in text columns, parsed once per value (cellnum.h). */
#include "cellnum.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xmalloc.h"

void
cellnum_init(struct cellnum *c, const struct store *s)
{
	c->ncols = store_ncolumns(s);
	c->col = xcalloc(c->ncols > 0 ? (size_t)c->ncols : 1, sizeof *c->col);
}

money_t
cellnum_money(struct cellnum *c, const struct store *s, int col, size_t row)
{
	struct cellnum_col *nc;
	uint32_t code;
	if (col < 0 || col >= c->ncols)
		return MONEY_NULL;
	if (store_column_kind(s, col) == COL_METRIC)
		return store_money(s, col, row);
	if ((code = store_code(s, col, row)) == CODE_NULL)
		return MONEY_NULL;
	nc = &c->col[col];
	if (nc->done == NULL) {
		nc->n = store_ncodes(s, col);
		nc->done = xcalloc(nc->n, 1);
		nc->v = xcalloc(nc->n, sizeof *nc->v);
	}
	if (!nc->done[code]) {
		const char *t = store_label(s, col, code);
		unsigned dev = 0;
		if (!t || money_parse(t, strlen(t), &nc->v[code], &dev) != 0)
			nc->v[code] = MONEY_NULL;
		nc->done[code] = 1;
	}
	return nc->v[code];
}

void
cellnum_free(struct cellnum *c)
{
	for (int i = 0; i < c->ncols; i++) {
		free(c->col[i].done);
		free(c->col[i].v);
	}
	free(c->col);
	c->col = NULL;
	c->ncols = 0;
}
