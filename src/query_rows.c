/* query_rows.c - the rows behind a group, and one cell of a row as text. */
#include "query_int.h"

size_t
query_rows(const struct store *s, const struct filter *f, int nf, size_t offset, size_t limit, size_t *rows)
{
	struct filters F;
	uint32_t sel[SCAN_BLOCK];
	size_t n = 0, nrows = store_nrows(s);
	void *ectx;
	const struct store_engine *e = store_engine(s, &ectx);
	if (e)	/* the rows stay in the warehouse: how many, and none here */
		return e->rows ? e->rows(ectx, s, f, nf) : 0;
	filters_init(s, f, nf, &F);
	nrows = filters_space(&F, nrows);
	/* a block at a time, without a branch per row and filter (select_rows),
	 * as the aggregation does */
	for (size_t from = 0; from < nrows; from += SCAN_BLOCK) {
		size_t to = nrows - from > SCAN_BLOCK ? from + SCAN_BLOCK : nrows;
		size_t ns = select_rows(&F, from, to, sel);
		if (n + ns > offset && n < offset + limit)
			for (size_t i = 0; i < ns; i++)
				if (n + i >= offset && n + i - offset < limit)
					rows[n + i - offset] = sel[i];
		n += ns;
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
