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

/* The rows that can be upfront purchases: ChargeCategory Purchase,
 * BilledCost > 0, EffectiveCost 0, found once per store by a pass over
 * every row on both cores (upfront_prepare, when the explorer is idle; else
 * at the first upfront_find). A few per thousand rows in real exports
 * (5,483 of 1M in bench/focal-gen's): each upfront_find then tests only
 * those against its filters. When they are more than a quarter of the rows
 * none are kept and each upfront_find makes its own pass. Under mu. */
static struct {
	int valid;
	uint64_t serial;
	size_t nrows;
	uint32_t *rows;	/* NULL: too many, a pass each time */
	size_t n;
} cand;

/* The answer of the last upfront_find, for the other metric of the two at
 * the same filters (switching ListCost to ContractedCost asks again). */
static struct {
	int valid;
	uint64_t serial;
	size_t nrows;
	int nf;
	struct filter f[16];
	struct upfront up[2];
} last;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* The rows [from, to) of a pass (one half on each core): the candidates
 * into rows (when cap allows), or, with V, both metrics' purchases into out. */
struct upfront_job {
	const struct filters *F;
	struct mcol B, E, V[2];
	int sum;		/* 1: into out; 0: candidates into rows */
	struct acc cur;
	int has_cur;
	size_t from, to;
	struct upfront out[2];
	uint32_t *rows;
	size_t n, cap;
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

/* Row r, a purchase with BilledCost > 0 and EffectiveCost 0: both metrics'
 * amounts into out. */
static void
upfront_row(struct upfront_job *j, size_t r)
{
	for (int k = 0; k < 2; k++) {
		money_t v = j->V[k].w || j->V[k].n ? mcol_get(&j->V[k], r) : MONEY_NULL;
		if (v != MONEY_NULL && v != 0)
			upfront_add(&j->out[k], 1, v, j->has_cur ? acc_get(&j->cur, r) : CODE_NULL);
	}
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
			if (j->sum)
				upfront_row(j, r);
			else if (j->n < j->cap) {
				if (j->rows == NULL)
					j->rows = xreallocarray(NULL, j->cap, sizeof *j->rows);
				j->rows[j->n++] = (uint32_t)r;
			} else
				j->n = j->cap + 1;	/* too many */
		}
	}
	return j;
}

/* A job over the rows of f[nf]: the cost columns, both metrics', the currency. */
static void
job_init(const struct store *s, struct upfront_job *job, struct filters *F)
{
	int cb = store_metric_column(s, M_BILLED), ce = store_metric_column(s, M_EFFECTIVE);
	int cc = store_find_column(s, "BillingCurrency");
	memset(job, 0, sizeof *job);
	job->F = F;
	job->B = store_money_col(s, cb);
	job->E = store_money_col(s, ce);
	for (int k = 0; k < 2; k++) {
		int c = store_metric_column(s, twice[k]);
		if (c >= 0)
			job->V[k] = store_money_col(s, c);
		job->out[k].currency = CODE_NULL;
	}
	if ((job->has_cur = cc >= 0) != 0)
		job->cur.codes = store_codes(s, cc);
}

/* One pass of job over F's rows on both cores; the halves merged. */
static void
job_run(struct upfront_job *job)
{
	struct upfront_job half;
	job->to = filters_space(job->F, job->to);
	half = *job;
	if (!split_run(upfront_pass, job, &job->to, split_worth(job->to) ? &half : NULL, &half.from))
		return;
	for (int k = 0; k < 2; k++)
		upfront_add(&job->out[k], half.out[k].rows, half.out[k].sum, half.out[k].currency);
	if (job->sum)
		return;
	if (job->n + half.n <= job->cap) {
		job->rows = xreallocarray(job->rows, job->n + half.n + 1, sizeof *job->rows);
		if (half.n)
			memcpy(job->rows + job->n, half.rows, half.n * sizeof *half.rows);
		job->n += half.n;
	} else
		job->n = job->cap + 1;
	free(half.rows);
}

/* The candidates of s, found if they are not (under mu). purchase: the
 * filter ChargeCategory = Purchase. */
static void
cand_find(const struct store *s, const struct filter *purchase)
{
	struct filters F;
	struct upfront_job job;
	size_t nrows = store_nrows(s);
	if (cand.valid && cand.serial == store_serial(s) && cand.nrows == nrows)
		return;
	free(cand.rows);
	memset(&cand, 0, sizeof cand);
	filters_init_plain(s, purchase, 1, &F);
	job_init(s, &job, &F);
	job.cap = nrows / 4;
	job.to = nrows;
	job_run(&job);
	filters_free(&F);
	cand.valid = 1;
	cand.serial = store_serial(s);
	cand.nrows = nrows;
	if (job.n <= job.cap) {
		cand.rows = xreallocarray(job.rows, job.n + 1, sizeof *cand.rows);	/* as many as found */
		cand.n = job.n;
	} else
		free(job.rows);
}

/* Both metrics' purchases among f[nf] (purchase: the ChargeCategory
 * filter), into out. */
static void
upfront_both(const struct store *s, const struct filter *f, int nf, const struct filter *purchase,
    struct upfront out[2])
{
	struct filter all[16];
	struct filters F;
	struct upfront_job job;
	cand_find(s, purchase);
	if (cand.rows) {	/* the candidates under f */
		filters_init_plain(s, f, nf, &F);
		job_init(s, &job, &F);
		for (size_t i = 0; i < cand.n; i++)
			if (filters_pass(&F, cand.rows[i]))
				upfront_row(&job, cand.rows[i]);
	} else {	/* too many to keep: a pass under f and the purchase filter */
		if (nf > 0)
			memcpy(all, f, (size_t)nf * sizeof *f);
		all[nf] = *purchase;
		/* a remembered selection, or one from its parent; not a pass of
		 * its own over every row for the purchases alone */
		filters_init_known(s, all, nf + 1, &F);
		job_init(s, &job, &F);
		job.sum = 1;
		job.to = store_nrows(s);
		job_run(&job);
	}
	out[0] = job.out[0];
	out[1] = job.out[1];
	filters_free(&F);
}

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

/* The filter ChargeCategory = Purchase, or -1 when s cannot have upfront
 * purchases (no such column or value, no cost columns). */
static int
purchase_filter(const struct store *s, struct filter *p)
{
	int cat = store_find_column(s, "ChargeCategory");
	char err[128];
	memset(p, 0, sizeof *p);
	if (store_metric_column(s, M_BILLED) < 0 || store_metric_column(s, M_EFFECTIVE) < 0 || cat < 0 ||
	    (p->lo = store_lookup(s, cat, "Purchase")) == UINT32_MAX ||
	    dim_parse(s, "ChargeCategory", GRAIN_MONTH, &p->dim, err, sizeof err) != 0)
		return -1;
	p->hi = p->lo;
	return 0;
}

void
upfront_prepare(const struct store *s)
{
	struct filter p;
	void *ectx;
	if (store_engine(s, &ectx) || purchase_filter(s, &p) != 0)
		return;
	pthread_mutex_lock(&mu);
	cand_find(s, &p);
	pthread_mutex_unlock(&mu);
}

/* The rows of ChargeCategory Purchase among the filters': a purchase
 * covering future charges has BilledCost > 0 and EffectiveCost 0, and
 * metric m counts it again on the rows that amortise it. */
void
upfront_find(const struct store *s, const struct filter *f, int nf, enum metric m, struct upfront *out)
{
	struct filter p;
	void *ectx;
	const struct store_engine *e = store_engine(s, &ectx);

	memset(out, 0, sizeof *out);
	out->currency = CODE_NULL;
	if (e && upfront_metric(m) && nf <= 15) {
		e->upfront(ectx, s, f, nf, m, out);
		return;
	}
	if (!upfront_metric(m) || store_metric_column(s, m) < 0 || nf > 15 || purchase_filter(s, &p) != 0)
		return;
	pthread_mutex_lock(&mu);
	if (!last_is(s, f, nf)) {
		upfront_both(s, f, nf, &p, last.up);
		last.valid = 1;
		last.serial = store_serial(s);
		last.nrows = store_nrows(s);
		last.nf = nf;
		if (nf > 0)
			memcpy(last.f, f, (size_t)nf * sizeof *f);
	}
	*out = last.up[m == twice[1]];
	pthread_mutex_unlock(&mu);
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
