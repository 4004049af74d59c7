/* upfront.c - upfront purchases that ListCost and ContractedCost count twice
 * (see upfront.h). */
#include "upfront.h"
#include "query_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xmalloc.h"

int
upfront_metric(enum metric m)
{
	return m == M_LIST || m == M_CONTRACTED;
}

/* One pass over the rows of ChargeCategory Purchase among the filters', a
 * block at a time (select_rows, as the aggregation): a purchase covering
 * future charges has BilledCost > 0 and EffectiveCost 0, and metric m counts
 * it again on the rows that amortise it. */
void
upfront_find(const struct store *s, const struct filter *f, int nf, enum metric m, struct upfront *out)
{
	int cb = store_metric_column(s, M_BILLED), ce = store_metric_column(s, M_EFFECTIVE);
	int cm = store_metric_column(s, m), cc = store_find_column(s, "BillingCurrency");
	int cat = store_find_column(s, "ChargeCategory");
	struct mcol B, E, V;
	struct filter all[16];
	struct filters F;
	struct acc cur;
	uint32_t sel[SCAN_BLOCK], code;
	size_t nrows = store_nrows(s);
	char err[128];

	void *ectx;
	const struct store_engine *e = store_engine(s, &ectx);

	memset(out, 0, sizeof *out);
	out->currency = CODE_NULL;
	if (e && upfront_metric(m) && nf <= 15) {
		e->upfront(ectx, s, f, nf, m, out);
		return;
	}
	if (!upfront_metric(m) || cb < 0 || ce < 0 || cm < 0 || cat < 0 || nf > 15 ||
	    (code = store_lookup(s, cat, "Purchase")) == UINT32_MAX)
		return;
	if (nf > 0)
		memcpy(all, f, (size_t)nf * sizeof *f);
	if (dim_parse(s, "ChargeCategory", GRAIN_MONTH, &all[nf].dim, err, sizeof err) != 0)
		return;
	all[nf].lo = all[nf].hi = code;
	all[nf].exclude = 0;
	B = store_money_col(s, cb);
	E = store_money_col(s, ce);
	V = store_money_col(s, cm);
	memset(&cur, 0, sizeof cur);
	if (cc >= 0)
		cur.codes = store_codes(s, cc);
	filters_init(s, all, nf + 1, &F);
	nrows = filters_space(&F, nrows);
	for (size_t from = 0; from < nrows; from += SCAN_BLOCK) {
		size_t to = nrows - from > SCAN_BLOCK ? from + SCAN_BLOCK : nrows;
		size_t ns = select_rows(&F, from, to, sel);
		for (size_t i = 0; i < ns; i++) {
			size_t r = sel[i];
			uint32_t c = cc >= 0 ? acc_get(&cur, r) : CODE_NULL;
			money_t b = mcol_get(&B, r), v = mcol_get(&V, r);
			if (b == MONEY_NULL || b <= 0 || mcol_get(&E, r) != 0 || v == MONEY_NULL || v == 0)
				continue;
			out->rows++;
			if (out->sum != MONEY_NULL)
				out->sum = money_add(out->sum, v);
			if (out->rows == 1)
				out->currency = c;
			else if (out->currency != c)
				out->currency = UINT32_MAX;
		}
	}
	filters_free(&F);
}

void
upfront_note(const struct store *s, enum metric m, const struct upfront *u, char *buf, size_t n)
{
	char amount[FORMAT_MAX], rows[32];
	int cc = store_find_column(s, "BillingCurrency");
	buf[0] = '\0';
	if (u->rows == 0)
		return;
	format_count(u->rows, rows, sizeof rows);
	if (u->currency == UINT32_MAX) {
		snprintf(buf, n, "%s counts %s upfront purchases twice", metric_name(m), rows);
		return;
	}
	format_money(cc >= 0 && u->currency != CODE_NULL ? store_label(s, cc, u->currency) : NULL, u->sum,
	    amount, sizeof amount);
	snprintf(buf, n, "%s counts %s upfront purchase%s (%s) twice", metric_name(m), rows,
	    u->rows == 1 ? "" : "s", amount);
}
