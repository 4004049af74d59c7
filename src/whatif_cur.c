/* whatif_cur.c - the what-if model is of seats billed in one currency:
 * renewal costs, monthly baselines and savings in EUR and USD are never
 * added. The seat rows are split by BillingCurrency before they are read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"
#include "whatif_int.h"
#include "xmalloc.h"

/* Keeps of rows those of one currency (see whatif_seat_rows); the names
 * in label order, as dim_sorted_codes gives them (the null one first). */
static size_t
rows_currency(const struct store *s, size_t *rows, size_t n, const char *want, struct whatif_model *m)
{
	struct dim d;
	char err[256], label[64];
	unsigned char *seen;
	uint32_t nc, *order, keep = UINT32_MAX;
	size_t o = 0, kept = 0;

	m->ncurrencies = 0;
	m->currencies[0] = '\0';
	snprintf(m->currency, sizeof m->currency, "%s", want ? want : "");
	if (dim_parse(s, "BillingCurrency", GRAIN_MONTH, &d, err, sizeof err) != 0)
		return want ? 0 : n;	/* no currency at all: nothing to tell apart */
	nc = dim_ncodes(s, &d) - 1;
	seen = xcalloc((size_t)nc + 1, 1);
	for (size_t i = 0; i < n; i++) {
		uint32_t code = store_code(s, d.idx, rows[i]);
		if (code <= nc)
			seen[code] = 1;
	}
	order = dim_sorted_codes(s, &d, nc);
	for (uint32_t k = 0; k <= nc; k++) {
		uint32_t c = order[k];
		if (!seen[c])
			continue;
		dim_label(s, &d, c, label, sizeof label);
		if (o < sizeof m->currencies)
			o += (size_t)snprintf(m->currencies + o, sizeof m->currencies - o, "%s%s",
			    m->ncurrencies ? ", " : "", label);
		if (m->ncurrencies++ == 0 && !want) {
			keep = c;	/* the first by name */
			snprintf(m->currency, sizeof m->currency, "%.*s", (int)sizeof m->currency - 1, c ? label : "");
		}
		if (want && c && !strcmp(label, want))
			keep = c;
	}
	free(order);
	free(seen);
	for (size_t i = 0; i < n; i++)
		if (store_code(s, d.idx, rows[i]) == keep)
			rows[kept++] = rows[i];
	return kept;
}

size_t *
whatif_seat_rows(const struct store *s, const char *want, struct whatif_model *m, size_t *n)
{
	struct dim d;
	struct filter f;
	uint32_t code;
	char err[256];
	size_t *rows;
	*n = 0;
	m->ncurrencies = 0;
	if (dim_parse(s, "meter", GRAIN_MONTH, &d, err, sizeof err) != 0 ||
	    dim_lookup(s, &d, "product_seats", &code) != 0)
		return NULL;
	memset(&f, 0, sizeof f);
	f.dim = d;
	f.lo = f.hi = code;
	*n = query_rows(s, &f, 1, 0, 0, NULL);
	rows = xcalloc(*n ? *n : 1, sizeof *rows);
	query_rows(s, &f, 1, 0, *n, rows);
	*n = rows_currency(s, rows, *n, want, m);
	return rows;
}
