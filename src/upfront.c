/* upfront.c - upfront purchases that ListCost and ContractedCost count twice
 * (see upfront.h). */
#include "upfront.h"

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

/* The rows of ChargeCategory Purchase among the filters', or none. */
static size_t *
purchase_rows(const struct store *s, const struct filter *f, int nf, size_t *n)
{
	struct filter all[16];
	char err[128];
	int c = store_find_column(s, "ChargeCategory");
	uint32_t code;
	size_t *rows;

	*n = 0;
	if (c < 0 || nf > 15 || (code = store_lookup(s, c, "Purchase")) == UINT32_MAX)
		return NULL;
	if (nf > 0)
		memcpy(all, f, (size_t)nf * sizeof *f);
	if (dim_parse(s, "ChargeCategory", GRAIN_MONTH, &all[nf].dim, err, sizeof err) != 0)
		return NULL;
	all[nf].lo = all[nf].hi = code;
	all[nf].exclude = 0;
	*n = query_rows(s, all, nf + 1, 0, 0, NULL);
	rows = xcalloc(*n ? *n : 1, sizeof *rows);
	query_rows(s, all, nf + 1, 0, *n, rows);
	return rows;
}

void
upfront_find(const struct store *s, const struct filter *f, int nf, enum metric m, struct upfront *out)
{
	int cb = store_metric_column(s, M_BILLED), ce = store_metric_column(s, M_EFFECTIVE);
	int cm = store_metric_column(s, m), cc = store_find_column(s, "BillingCurrency");
	size_t n, *rows;

	memset(out, 0, sizeof *out);
	out->currency = CODE_NULL;
	if (!upfront_metric(m) || cb < 0 || ce < 0 || cm < 0)
		return;
	rows = purchase_rows(s, f, nf, &n);
	for (size_t i = 0; i < n; i++) {
		money_t b = store_money(s, cb, rows[i]), e = store_money(s, ce, rows[i]);
		money_t v = store_money(s, cm, rows[i]);
		uint32_t cur = cc >= 0 ? store_code(s, cc, rows[i]) : CODE_NULL;
		if (b == MONEY_NULL || b <= 0 || e != 0 || v == MONEY_NULL || v == 0)
			continue;
		out->rows++;
		if (out->sum != MONEY_NULL)
			out->sum = money_add(out->sum, v);
		if (out->rows == 1)
			out->currency = cur;
		else if (out->currency != cur)
			out->currency = UINT32_MAX;
	}
	free(rows);
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
