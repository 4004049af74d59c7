/* upfront.c - upfront purchases that ListCost and ContractedCost count twice
 * (see upfront.h). */
#include "upfront.h"
#include "query_int.h"

#include <pthread.h>
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

/* The metrics that count upfront purchases twice: one pass finds both. */
static const enum metric twice[2] = {M_LIST, M_CONTRACTED};

/* The rows [from, to) of a pass, into out (one half on each core). */
struct upfront_job {
	const struct filters *F;
	struct mcol B, E, V[2];
	struct acc cur;
	int has_cur;
	size_t from, to;
	struct upfront out[2];
};

static void
upfront_add(struct upfront *out, uint64_t rows, money_t sum, uint32_t currency)
{
	if (rows == 0)
		return;
	out->currency = out->rows == 0 ? currency : out->currency != currency ? UINT32_MAX : currency;
	out->rows += rows;
	out->sum = money_add(out->sum, sum);	/* stays MONEY_NULL once overflowed */
}

static void *
upfront_pass(void *arg)
{
	struct upfront_job *j = arg;
	uint32_t sel[SCAN_BLOCK];
	for (size_t from = j->from; from < j->to; from += SCAN_BLOCK) {
		size_t to = j->to - from > SCAN_BLOCK ? from + SCAN_BLOCK : j->to;
		size_t ns = select_rows(j->F, from, to, sel);
		for (size_t i = 0; i < ns; i++) {
			size_t r = sel[i];
			money_t b = mcol_get(&j->B, r);
			if (b == MONEY_NULL || b <= 0 || mcol_get(&j->E, r) != 0)
				continue;
			for (int k = 0; k < 2; k++) {
				money_t v = j->V[k].w || j->V[k].n ? mcol_get(&j->V[k], r) : MONEY_NULL;
				if (v != MONEY_NULL && v != 0)
					upfront_add(&j->out[k], 1, v, j->has_cur ? acc_get(&j->cur, r) : CODE_NULL);
			}
		}
	}
	return j;
}

/* The last pass's answer, for the other metric of the two at the same
 * filters (switching ListCost to ContractedCost asks again). */
static struct {
	int valid;
	uint64_t serial;
	size_t nrows;
	int nf;
	struct filter f[16];
	struct upfront up[2];
} last;
static pthread_mutex_t last_mu = PTHREAD_MUTEX_INITIALIZER;

static int
last_is(const struct store *s, const struct filter *f, int nf)
{
	if (!last.valid || last.serial != store_serial(s) || last.nrows != store_nrows(s) || last.nf != nf)
		return 0;
	for (int i = 0; i < nf; i++)
		if (!dim_equal(&last.f[i].dim, &f[i].dim) || last.f[i].lo != f[i].lo || last.f[i].hi != f[i].hi ||
		    !last.f[i].exclude != !f[i].exclude)
			return 0;
	return 1;
}

/* Both metrics' purchases among f[nf] and ChargeCategory = code (all[]),
 * in one pass on both cores. */
static void
upfront_both(const struct store *s, const struct filter *all, int nall, struct upfront out[2])
{
	int cb = store_metric_column(s, M_BILLED), ce = store_metric_column(s, M_EFFECTIVE);
	int cc = store_find_column(s, "BillingCurrency");
	struct filters F;
	struct upfront_job job, half;
	memset(&job, 0, sizeof job);
	job.F = &F;
	job.B = store_money_col(s, cb);
	job.E = store_money_col(s, ce);
	for (int k = 0; k < 2; k++) {
		int c = store_metric_column(s, twice[k]);
		if (c >= 0)
			job.V[k] = store_money_col(s, c);
		job.out[k] = out[k];
	}
	if ((job.has_cur = cc >= 0) != 0)
		job.cur.codes = store_codes(s, cc);
	/* a remembered selection, or one from its parent; not a pass of its
	 * own over every row for the purchases alone */
	filters_init_known(s, all, nall, &F);
	job.to = filters_space(&F, store_nrows(s));
	half = job;
	if (split_run(upfront_pass, &job, &job.to, split_worth(job.to) ? &half : NULL, &half.from))
		for (int k = 0; k < 2; k++)
			upfront_add(&job.out[k], half.out[k].rows, half.out[k].sum, half.out[k].currency);
	out[0] = job.out[0];
	out[1] = job.out[1];
	filters_free(&F);
}

/* The rows of ChargeCategory Purchase among the filters': a purchase
 * covering future charges has BilledCost > 0 and EffectiveCost 0, and
 * metric m counts it again on the rows that amortise it. */
void
upfront_find(const struct store *s, const struct filter *f, int nf, enum metric m, struct upfront *out)
{
	int cb = store_metric_column(s, M_BILLED), ce = store_metric_column(s, M_EFFECTIVE);
	int cm = store_metric_column(s, m), cat = store_find_column(s, "ChargeCategory");
	struct filter all[16];
	struct upfront both[2];
	uint32_t code;
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
	pthread_mutex_lock(&last_mu);
	if (!last_is(s, f, nf)) {
		both[0] = both[1] = *out;
		pthread_mutex_unlock(&last_mu);
		upfront_both(s, all, nf + 1, both);
		pthread_mutex_lock(&last_mu);
		last.valid = 1;
		last.serial = store_serial(s);
		last.nrows = store_nrows(s);
		last.nf = nf;
		if (nf > 0)
			memcpy(last.f, f, (size_t)nf * sizeof *f);
		last.up[0] = both[0];
		last.up[1] = both[1];
	}
	*out = last.up[m == twice[1]];
	pthread_mutex_unlock(&last_mu);
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
