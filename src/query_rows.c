/* query_rows.c - the rows behind a group, and one cell of a row as text. */
#include "query_int.h"

size_t
query_rows(const struct store *s, const struct filter *f, int nf, size_t offset, size_t limit, size_t *rows)
{
	struct filters F;
	size_t n = 0, nrows = store_nrows(s);
	filters_init(s, f, nf, &F);
	for (size_t r = 0; r < nrows; r++) {
		if (!filters_pass(&F, r))
			continue;
		if (n >= offset && n - offset < limit)
			rows[n - offset] = r;
		n++;
	}
	filters_free(&F);
	return n;
}

const char *
store_cell(const struct store *s, size_t row, int col, char *buf, size_t n)
{
	if (store_column_kind(s, col) == COL_METRIC) {
		money_t v = store_money(s, col, row);
		if (v == MONEY_NULL)
			return NULL;
		money_format(v, -1, 0, 0, buf, n);
		return buf;
	}
	return store_label(s, col, store_code(s, col, row));
}
