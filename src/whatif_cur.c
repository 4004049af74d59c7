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

/* Codes in the order of their names, for "the first" to be stable. */
static const struct store *cmp_s;
static int cmp_col;

static int
cmp_code(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	const char *x = a ? store_label(cmp_s, cmp_col, a) : "", *y = b ? store_label(cmp_s, cmp_col, b) : "";
	return strcmp(x ? x : "", y ? y : "");
}

static size_t
rows_currency(const struct store *s, size_t *rows, size_t n, const char *want, struct whatif_model *m)
{
	char *cur = m->currency, *all = m->currencies;
	size_t curlen = sizeof m->currency, alllen = sizeof m->currencies, o = 0;
	int *ncur = &m->ncurrencies;
	int c = store_find_column(s, "BillingCurrency");
	uint32_t *seen = NULL, keep;
	size_t nseen = 0, kept = 0;
	const char *l;

	*ncur = 0;
	all[0] = '\0';
	snprintf(cur, curlen, "%s", want ? want : "");
	if (c < 0)
		return want ? 0 : n;	/* no currency at all: nothing to tell apart */
	for (size_t i = 0; i < n; i++) {
		uint32_t code = store_code(s, c, rows[i]);
		size_t k = 0;
		while (k < nseen && seen[k] != code)
			k++;
		if (k == nseen) {
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = code;
		}
	}
	*ncur = (int)nseen;
	if (nseen == 0) {
		free(seen);
		return 0;
	}
	cmp_s = s;
	cmp_col = c;
	qsort(seen, nseen, sizeof *seen, cmp_code);
	for (size_t k = 0; k < nseen && o < alllen; k++) {
		l = seen[k] ? store_label(s, c, seen[k]) : NULL;
		o += (size_t)snprintf(all + o, alllen - o, "%s%s", k ? ", " : "", l ? l : "(null)");
	}
	keep = seen[0];
	if (want) {
		keep = UINT32_MAX;
		for (size_t k = 0; k < nseen; k++)
			if (seen[k] && (l = store_label(s, c, seen[k])) && !strcmp(l, want))
				keep = seen[k];
	} else
		snprintf(cur, curlen, "%s", keep && (l = store_label(s, c, keep)) ? l : "");
	free(seen);
	for (size_t i = 0; i < n; i++)
		if (store_code(s, c, rows[i]) == keep)
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
