/* query.c - the drill-down engine: one pass over dictionary codes per query,
 * exact 128-bit sums, no SQL on the hot path (SQLite's GROUP BY over a
 * million rows costs 150 ms or more; this loop costs a few ms). */
#include "query.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xmalloc.h"

static const char *const grain_names[] = {"day", "month", "quarter", "year"};

const char *
grain_name(enum grain g)
{
	return g < GRAIN_COUNT ? grain_names[g] : "?";
}

int
grain_parse(const char *s)
{
	for (int g = 0; g < GRAIN_COUNT; g++)
		if (strcasecmp(s, grain_names[g]) == 0)
			return g;
	return -1;
}

/* Periods: the distinct buckets of a date column at a grain, densely coded. */
struct periods {
	uint64_t serial;
	int col;
	enum grain grain;
	uint32_t ncol;		/* dictionary size when built */
	uint32_t *map;		/* date code -> period code */
	int32_t *bucket;	/* period code - 1 -> bucket number */
	uint32_t n;		/* period codes 1..n */
};

#define PERIOD_CACHE 8
static struct periods period_cache[PERIOD_CACHE];
static int period_next;

static int32_t
bucket_of(int64_t t, enum grain g)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int y, m, d;
	if (g == GRAIN_DAY)
		return (int32_t)days;
	civil_from_days(days, &y, &m, &d);
	switch (g) {
	case GRAIN_MONTH: return y * 12 + m - 1;
	case GRAIN_QUARTER: return y * 4 + (m - 1) / 3;
	default: return y;
	}
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int
period_col(const struct store *s, enum dim_type t)
{
	return store_find_column(s, t == DIM_PERIOD ? "ChargePeriodStart" : "BillingPeriodStart");
}

static const struct periods *
periods_get(const struct store *s, int col, enum grain g)
{
	struct periods *p;
	uint32_t ncol = store_ncodes(s, col), n = 0;
	int32_t *all;

	for (int i = 0; i < PERIOD_CACHE; i++) {
		p = &period_cache[i];
		if (p->serial == store_serial(s) && p->col == col && p->grain == g && p->ncol == ncol)
			return p;
	}
	p = &period_cache[period_next];
	period_next = (period_next + 1) % PERIOD_CACHE;
	free(p->map);
	free(p->bucket);
	p->serial = store_serial(s);
	p->col = col;
	p->grain = g;
	p->ncol = ncol;
	p->map = xcalloc(ncol, sizeof *p->map);
	all = xcalloc(ncol, sizeof *all);
	for (uint32_t c = 1; c < ncol; c++) {
		int64_t t = store_code_epoch(s, col, c);
		if (t != DATE_NULL)
			all[n++] = bucket_of(t, g);
	}
	qsort(all, n, sizeof *all, cmp_i32);
	{
		uint32_t k = 0;
		for (uint32_t i = 0; i < n; i++)
			if (k == 0 || all[k - 1] != all[i])
				all[k++] = all[i];
		n = k;
	}
	p->bucket = all;
	p->n = n;
	for (uint32_t c = 1; c < ncol; c++) {
		int64_t t = store_code_epoch(s, col, c);
		int32_t b, *hit;
		if (t == DATE_NULL)
			continue;
		b = bucket_of(t, g);
		hit = bsearch(&b, all, n, sizeof *all, cmp_i32);
		p->map[c] = hit ? (uint32_t)(hit - all) + 1 : CODE_NULL;
	}
	return p;
}

static void
bucket_label(int32_t b, enum grain g, char *buf, size_t n)
{
	int y, m, d;
	switch (g) {
	case GRAIN_DAY:
		civil_from_days(b, &y, &m, &d);
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
		break;
	case GRAIN_MONTH:
		snprintf(buf, n, "%04d-%02d", b / 12, b % 12 + 1);
		break;
	case GRAIN_QUARTER:
		snprintf(buf, n, "%04d-Q%d", b / 4, b % 4 + 1);
		break;
	default:
		snprintf(buf, n, "%04d", b);
		break;
	}
}

/* Would this column name be read as one of the words below? Such a column
 * is named "column:NAME" (a FOCUS file may have a column called "file"). */
static int
name_is_keyword(const char *name)
{
	return !strncasecmp(name, "tag:", 4) || !strncasecmp(name, "column:", 7) || !strcasecmp(name, "file") ||
	    (!strncasecmp(name, "period", 6) && (name[6] == '\0' || name[6] == ':')) ||
	    (!strncasecmp(name, "billing-period", 14) && (name[14] == '\0' || name[14] == ':'));
}

static int
column_dim(const struct store *s, const char *name, struct dim *out, char *err, size_t errlen)
{
	int c = store_find_column(s, name);
	if (c < 0) {
		snprintf(err, errlen, "no column '%s' in the data (see --list-dims)", name);
		return -1;
	}
	if (store_column_kind(s, c) == COL_METRIC) {
		snprintf(err, errlen, "'%s' is a metric, not a dimension (use --metric)", name);
		return -1;
	}
	out->type = DIM_COLUMN;
	out->idx = c;
	return 0;
}

int
dim_parse(const struct store *s, const char *spec, enum grain dg, struct dim *out, char *err, size_t errlen)
{
	const char *colon = strchr(spec, ':');
	memset(out, 0, sizeof *out);
	out->grain = dg;
	if (strncasecmp(spec, "column:", 7) == 0)
		return column_dim(s, spec + 7, out, err, errlen);
	if (strncasecmp(spec, "tag:", 4) == 0) {
		int k = store_find_tagkey(s, spec + 4);
		if (k < 0) {
			snprintf(err, errlen, "no tag key '%s' in the data%s", spec + 4,
			    store_ntagkeys(s) ? "" : " (the data has no Tags)");
			return -1;
		}
		out->type = DIM_TAG;
		out->idx = k;
		return 0;
	}
	if (!strncasecmp(spec, "period", 6) && (spec[6] == '\0' || spec[6] == ':')) {
		out->type = DIM_PERIOD;
	} else if (!strncasecmp(spec, "billing-period", 14) && (spec[14] == '\0' || spec[14] == ':')) {
		out->type = DIM_BILLING_PERIOD;
	} else if (!strcasecmp(spec, "file")) {
		out->type = DIM_FILE;
		return 0;
	} else
		return column_dim(s, spec, out, err, errlen);
	if (colon) {
		int g = grain_parse(colon + 1);
		if (g < 0) {
			snprintf(err, errlen, "unknown period grain '%s' (day, month, quarter, year)", colon + 1);
			return -1;
		}
		out->grain = (enum grain)g;
	}
	out->idx = period_col(s, out->type);
	if (out->idx < 0) {
		snprintf(err, errlen, "the data has no %s column",
		    out->type == DIM_PERIOD ? "ChargePeriodStart" : "BillingPeriodStart");
		return -1;
	}
	return 0;
}

void
dim_name(const struct store *s, const struct dim *d, char *buf, size_t n)
{
	switch (d->type) {
	case DIM_COLUMN:
		snprintf(buf, n, "%s%s", name_is_keyword(store_column_name(s, d->idx)) ? "column:" : "",
		    store_column_name(s, d->idx));
		break;
	case DIM_TAG:
		snprintf(buf, n, "tag:%s", store_tagkey(s, d->idx));
		break;
	case DIM_PERIOD:
		snprintf(buf, n, "period:%s", grain_name(d->grain));
		break;
	case DIM_BILLING_PERIOD:
		snprintf(buf, n, "billing-period:%s", grain_name(d->grain));
		break;
	case DIM_FILE:
		snprintf(buf, n, "file");
		break;
	}
}

int
dim_equal(const struct dim *a, const struct dim *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == DIM_FILE)
		return 1;
	if (a->type == DIM_PERIOD || a->type == DIM_BILLING_PERIOD)
		return a->grain == b->grain;
	return a->idx == b->idx;
}

size_t
dim_list(const struct store *s, enum grain g, struct dim **out)
{
	size_t n = 0, cap = (size_t)store_ncolumns(s) + (size_t)store_ntagkeys(s) + 4;
	struct dim *d = xcalloc(cap, sizeof *d);
	int m = store_find_column(s, "meter");
	if (m >= 0)
		d[n++] = (struct dim){DIM_COLUMN, m, g};
	for (int c = 0; c < store_ncolumns(s); c++)
		if (c != m && store_column_kind(s, c) != COL_METRIC)
			d[n++] = (struct dim){DIM_COLUMN, c, g};
	for (int k = 0; k < store_ntagkeys(s); k++)
		d[n++] = (struct dim){DIM_TAG, k, g};
	if (period_col(s, DIM_PERIOD) >= 0)
		d[n++] = (struct dim){DIM_PERIOD, period_col(s, DIM_PERIOD), g};
	if (period_col(s, DIM_BILLING_PERIOD) >= 0)
		d[n++] = (struct dim){DIM_BILLING_PERIOD, period_col(s, DIM_BILLING_PERIOD), GRAIN_MONTH};
	if (store_nfiles(s) > 1)
		d[n++] = (struct dim){DIM_FILE, 0, g};
	*out = d;
	return n;
}

const char *
dim_label(const struct store *s, const struct dim *d, uint32_t code, char *buf, size_t n)
{
	const char *l = NULL;
	switch (d->type) {
	case DIM_COLUMN:
		l = code == CODE_NULL ? "(null)" : store_label(s, d->idx, code);
		break;
	case DIM_TAG:
		l = code == CODE_NULL ? "(untagged)" : store_tag_label(s, d->idx, code);
		break;
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: {
		const struct periods *p = periods_get(s, d->idx, d->grain);
		if (code == CODE_NULL || code > p->n)
			l = "(null)";
		else {
			bucket_label(p->bucket[code - 1], d->grain, buf, n);
			return buf;
		}
		break;
	}
	case DIM_FILE:
		l = code == CODE_NULL ? "(null)" : store_file_path(s, (int)code - 1);
		break;
	}
	snprintf(buf, n, "%s", l ? l : "?");
	return buf;
}

uint32_t
dim_ncodes(const struct store *s, const struct dim *d)
{
	switch (d->type) {
	case DIM_COLUMN: return store_ncodes(s, d->idx);
	case DIM_TAG: return store_tag_ncodes(s, d->idx);
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: return periods_get(s, d->idx, d->grain)->n + 1;
	case DIM_FILE: return (uint32_t)store_nfiles(s) + 1;
	}
	return 1;
}

int
dim_lookup(const struct store *s, const struct dim *d, const char *value, uint32_t *code)
{
	uint32_t n = dim_ncodes(s, d), c;
	char buf[256];
	/* the labels of empty groups are accepted as values too */
	if (!strcmp(value, d->type == DIM_TAG ? "(untagged)" : "(null)")) {
		*code = CODE_NULL;
		return 0;
	}
	switch (d->type) {
	case DIM_COLUMN:
		c = store_lookup(s, d->idx, value);
		break;
	case DIM_TAG:
		c = store_tag_lookup(s, d->idx, value);
		break;
	default:
		c = UINT32_MAX;
		for (uint32_t i = 1; i < n; i++)
			if (!strcmp(dim_label(s, d, i, buf, sizeof buf), value))
				c = i;
		break;
	}
	if (c == UINT32_MAX)
		return -1;
	*code = c;
	return 0;
}

/* Row -> value code for one dimension. */
struct acc {
	struct store_codes codes;
	const uint32_t *map;
	uint32_t *owned;
};

static void
acc_init(const struct store *s, const struct dim *d, struct acc *a)
{
	memset(a, 0, sizeof *a);
	switch (d->type) {
	case DIM_COLUMN:
		a->codes = store_codes(s, d->idx);
		break;
	case DIM_TAG: {
		int tc = store_find_column(s, "Tags");
		a->codes = store_codes(s, tc);
		a->map = store_tag_values(s, d->idx);
		break;
	}
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD:
		a->codes = store_codes(s, d->idx);
		a->map = periods_get(s, d->idx, d->grain)->map;
		break;
	case DIM_FILE:
		a->codes = store_file_codes(s);
		a->owned = xcalloc((size_t)store_nfiles(s) + 1, sizeof *a->owned);
		for (int i = 0; i < store_nfiles(s); i++)
			a->owned[i] = (uint32_t)i + 1;
		a->map = a->owned;
		break;
	}
}

static inline uint32_t
acc_get(const struct acc *a, size_t r)
{
	uint32_t c = store_codes_get(a->codes, r);
	return a->map ? a->map[c] : c;
}

struct filters {
	int n;
	struct acc acc[16];
	uint32_t lo[16], hi[16];
};

static void
filters_init(const struct store *s, const struct filter *f, int nf, struct filters *F)
{
	if (nf > 16)
		fatal("too many filters (at most 16)");
	F->n = nf;
	for (int i = 0; i < nf; i++) {
		acc_init(s, &f[i].dim, &F->acc[i]);
		F->lo[i] = f[i].lo;
		F->hi[i] = f[i].hi;
	}
}

static void
filters_free(struct filters *F)
{
	for (int i = 0; i < F->n; i++)
		free(F->acc[i].owned);
}

static inline int
filters_pass(const struct filters *F, size_t r)
{
	for (int i = 0; i < F->n; i++) {
		uint32_t v = acc_get(&F->acc[i], r);
		if (v < F->lo[i] || v > F->hi[i])
			return 0;
	}
	return 1;
}

struct metrics {
	const money_t *col[M_COUNT];
	struct acc unit[2];
	int has_unit[2];
};

#define ALL_METRICS ((1u << M_COUNT) - 1)

/* The metric columns to sum (mask: bit per enum metric), and the unit
 * columns of the quantities among them. */
static void
metrics_init(const struct store *s, struct metrics *M, unsigned mask)
{
	static const char *const units[2] = {"ConsumedUnit", "PricingUnit"};
	static const enum metric unit_of[2] = {M_CONSUMED, M_PRICING};
	for (int m = 0; m < M_COUNT; m++) {
		int c = (mask >> m) & 1 ? store_metric_column(s, (enum metric)m) : -1;
		M->col[m] = c >= 0 ? store_money_array(s, c) : NULL;
	}
	for (int u = 0; u < 2; u++) {
		int c = (mask >> unit_of[u]) & 1 ? store_find_column(s, units[u]) : -1;
		M->has_unit[u] = c >= 0;
		if (c >= 0)
			M->unit[u] = (struct acc){store_codes(s, c), NULL, NULL};
	}
}

static void
group_init(struct qgroup *g)
{
	memset(g, 0, sizeof *g);
}

static inline void
group_add(struct qgroup *g, const struct metrics *M, size_t r)
{
	for (int m = 0; m < M_COUNT; m++) {
		if (M->col[m]) {
			money_t v = M->col[m][r];
			if (v != MONEY_NULL) {
				g->sum[m] = money_add(g->sum[m], v);	/* MONEY_NULL: overflowed */
				g->nn[m]++;
			}
		}
	}
	for (int u = 0; u < 2; u++) {
		if (M->has_unit[u]) {
			uint32_t c = acc_get(&M->unit[u], r);
			if (c != CODE_NULL && g->unit[u] != c)
				g->unit[u] = g->unit[u] == CODE_NULL ? c : UINT32_MAX;
		}
	}
	g->rows++;
}

static void
group_merge(struct qgroup *into, const struct qgroup *g)
{
	for (int m = 0; m < M_COUNT; m++) {
		into->sum[m] = money_add(into->sum[m], g->sum[m]);
		into->nn[m] += g->nn[m];
	}
	for (int u = 0; u < 2; u++)
		if (g->unit[u] != CODE_NULL && into->unit[u] != g->unit[u])
			into->unit[u] = into->unit[u] == CODE_NULL ? g->unit[u] : UINT32_MAX;
	into->rows += g->rows;
}

/* Open-addressing map from a composite key to a group index. */
struct gmap {
	uint64_t *keys;
	uint32_t *idx;
	size_t cap, n;
};

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* One pass of the dense aggregation over rows [from, to). */
struct scan {
	const struct filters *F;
	const struct metrics *M;
	const struct acc *A;
	const uint64_t *radix;
	int nby;
	struct qgroup *slot;
	size_t from, to;
};

/* The explorer's usual pass: one dimension, the one metric on screen, no
 * unit to track. Written out per code width, without the general loop's
 * per-row walks over dimensions and metrics; with filters, each block of
 * rows is first tested without branches (a drill step keeps rows at random,
 * and a mispredicted branch per row cost more than the rest of the pass).
 * Sums and counts are exactly group_add's. */
#define SCAN_BLOCK 1024

#define SCAN_ROW(T, r)							\
	do {								\
		uint32_t k = ((const T *)a->codes.p)[r];		\
		struct qgroup *g;					\
		money_t v;						\
		if (a->map)						\
			k = a->map[k];					\
		g = &j->slot[k];					\
		g->rows++;						\
		v = col[r];						\
		if (v != MONEY_NULL) {					\
			g->sum[m] = money_add(g->sum[m], v);		\
			g->nn[m]++;					\
		}							\
	} while (0)

#define SCAN_ONE(T)							\
	if (j->F->n == 0) {						\
		for (size_t r = j->from; r < j->to; r++)		\
			SCAN_ROW(T, r);					\
	} else {							\
		for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {	\
			size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to; \
			size_t ns = select_rows(j->F, b, e, sel);	\
			for (size_t i = 0; i < ns; i++)			\
				SCAN_ROW(T, sel[i]);			\
		}							\
	}

/* The rows of [from, to) that pass every filter, into sel (in order). */
static size_t
select_rows(const struct filters *F, size_t from, size_t to, uint32_t *sel)
{
	uint8_t ok[SCAN_BLOCK];
	size_t n = to - from, ns = 0;
	memset(ok, 1, n);
	for (int f = 0; f < F->n; f++) {
		const struct acc *fa = &F->acc[f];
		uint32_t lo = F->lo[f], span = F->hi[f] - F->lo[f];
		if (F->lo[f] > F->hi[f])
			return 0;	/* an empty range, as filters_pass reads it */
		for (size_t i = 0; i < n; i++)
			ok[i] &= (uint8_t)(acc_get(fa, from + i) - lo <= span);
	}
	for (size_t i = 0; i < n; i++) {
		sel[ns] = (uint32_t)(from + i);
		ns += ok[i];
	}
	return ns;
}

static int
scan_one(struct scan *j)
{
	const struct metrics *M = j->M;
	const struct acc *a = &j->A[0];
	const money_t *col = NULL;
	uint32_t sel[SCAN_BLOCK];
	int m = -1;
	if (j->nby != 1 || M->has_unit[0] || M->has_unit[1])
		return 0;
	for (int i = 0; i < M_COUNT; i++)
		if (M->col[i]) {
			if (col)
				return 0;
			col = M->col[i];
			m = i;
		}
	if (col == NULL)
		return 0;
	switch (a->codes.width) {
	case 1: SCAN_ONE(uint8_t); break;
	case 2: SCAN_ONE(uint16_t); break;
	default: SCAN_ONE(uint32_t); break;
	}
	return 1;
}

static void *
scan_dense(void *arg)
{
	struct scan *j = arg;
	if (scan_one(j))
		return j;
	for (size_t r = j->from; r < j->to; r++) {
		uint64_t k = 0;
		if (!filters_pass(j->F, r))
			continue;
		for (int i = 0; i < j->nby; i++)
			k = k * j->radix[i] + acc_get(&j->A[i], r);
		group_add(&j->slot[k], j->M, r);
	}
	return j;
}

/* Below this many rows a second thread costs more than it saves. */
#define PARALLEL_ROWS 200000

static int
query_threads(void)
{
	static int n;
	if (n == 0) {
		const char *env = getenv("FOCAL_THREADS");
		long k = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
		n = k < 1 ? 1 : (int)k;
	}
	return n;
}

/* Whether a pass over nrows rows is worth a second thread. */
static int
split_worth(size_t nrows)
{
	return nrows >= PARALLEL_ROWS && query_threads() > 1;
}

/* Runs fn(job) over job's rows [from, to). With half (a copy of job with
 * its own output) the second half of the rows goes to half, on another
 * core: job_to and half_from point into job and half. Returns 1 when half
 * ran, and the caller merges its output into job's; 0 when job took every
 * row (no half, or the thread could not start). Always inlined: each
 * caller's own half is then a direct call to its pass, as before this helper. */
static inline __attribute__((always_inline)) int
split_run(void *(*fn)(void *), void *job, size_t *job_to, void *half, size_t *half_from)
{
	pthread_t tid;
	size_t to = *job_to;
	int threaded = 0;
	if (half) {
		*half_from += (to - *half_from) / 2;
		*job_to = *half_from;
		if (pthread_create(&tid, NULL, fn, half) == 0)
			threaded = 1;
		else
			*job_to = to;
	}
	fn(job);
	if (threaded)
		pthread_join(tid, NULL);
	return threaded;
}

static void query_run_mask(const struct store *, const struct dim *, int, const struct filter *, int, unsigned,
    struct qresult *);

void
query_run(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    struct qresult *out)
{
	query_run_mask(s, by, nby, f, nf, ALL_METRICS, out);
}

void
query_run_metric(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    enum metric only, struct qresult *out)
{
	query_run_mask(s, by, nby, f, nf, 1u << only, out);
}

static void
query_run_mask(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf,
    unsigned mask, struct qresult *out)
{
	struct filters F;
	struct metrics M;
	struct acc A[QUERY_MAX_BY];
	uint64_t radix[QUERY_MAX_BY];
	size_t nrows = store_nrows(s);
	uint64_t space = 1;
	int dense;

	if (nby > QUERY_MAX_BY)
		fatal("at most %d group-by dimensions", QUERY_MAX_BY);
	memset(out, 0, sizeof *out);
	out->nby = nby;
	for (int i = 0; i < nby; i++) {
		out->by[i] = by[i];
		acc_init(s, &by[i], &A[i]);
		radix[i] = dim_ncodes(s, &by[i]);
		if (space > UINT64_MAX / (radix[i] ? radix[i] : 1))
			fatal("too many combinations of group-by values");
		space *= radix[i] ? radix[i] : 1;
	}
	filters_init(s, f, nf, &F);
	metrics_init(s, &M, mask);
	group_init(&out->total);
	/* dense slots are cheap only while they stay in cache */
	dense = space <= (1u << 14);

	if (dense) {
		/* one slot per possible key; slots seen are compacted afterwards */
		struct qgroup *slot = xcalloc(space, sizeof *slot);
		struct scan job = {&F, &M, A, radix, nby, slot, 0, nrows}, *half = NULL;
		if (split_worth(nrows)) {
			/* the second half into its own slots */
			half = xmalloc(sizeof *half);
			*half = job;
			half->slot = xcalloc(space, sizeof *slot);
		}
		if (split_run(scan_dense, &job, &job.to, half, half ? &half->from : NULL))
			for (uint64_t k = 0; k < space; k++)
				if (half->slot[k].rows)
					group_merge(&slot[k], &half->slot[k]);
		if (half) {
			free(half->slot);
			free(half);
		}
		for (uint64_t k = 0; k < space; k++)
			if (slot[k].rows)
				out->n++;
		out->g = xcalloc(out->n ? out->n : 1, sizeof *out->g);
		out->n = 0;
		for (uint64_t k = 0; k < space; k++) {
			if (!slot[k].rows)
				continue;
			struct qgroup *g = &out->g[out->n++];
			uint64_t rest = k;
			*g = slot[k];
			for (int i = nby - 1; i >= 0; i--) {
				g->key[i] = (uint32_t)(rest % radix[i]);
				rest /= radix[i];
			}
			group_merge(&out->total, g);
		}
		free(slot);
	} else {
		struct gmap G = {0};
		size_t capg = 1024;
		G.cap = 4096;
		G.keys = xcalloc(G.cap, sizeof *G.keys);
		G.idx = xcalloc(G.cap, sizeof *G.idx);
		out->g = xcalloc(capg, sizeof *out->g);
		for (size_t r = 0; r < nrows; r++) {
			uint64_t k = 0, h;
			size_t i;
			if (!filters_pass(&F, r))
				continue;
			for (int d = 0; d < nby; d++)
				k = k * radix[d] + acc_get(&A[d], r);
			k++;	/* 0 marks an empty slot */
			h = mix(k);
			for (i = h & (G.cap - 1); G.keys[i] && G.keys[i] != k; i = (i + 1) & (G.cap - 1))
				;
			if (!G.keys[i]) {
				if (out->n == capg) {
					capg *= 2;
					out->g = xreallocarray(out->g, capg, sizeof *out->g);
				}
				group_init(&out->g[out->n]);
				{
					uint64_t rest = k - 1;
					for (int d = nby - 1; d >= 0; d--) {
						out->g[out->n].key[d] = (uint32_t)(rest % radix[d]);
						rest /= radix[d];
					}
				}
				G.keys[i] = k;
				G.idx[i] = (uint32_t)out->n++;
				if (out->n * 2 > G.cap) {
					size_t nc = G.cap * 2;
					uint64_t *nk = xcalloc(nc, sizeof *nk);
					uint32_t *ni = xcalloc(nc, sizeof *ni);
					for (size_t j = 0; j < G.cap; j++) {
						size_t p;
						if (!G.keys[j])
							continue;
						for (p = mix(G.keys[j]) & (nc - 1); nk[p]; p = (p + 1) & (nc - 1))
							;
						nk[p] = G.keys[j];
						ni[p] = G.idx[j];
					}
					free(G.keys);
					free(G.idx);
					G.keys = nk;
					G.idx = ni;
					G.cap = nc;
					for (i = mix(k) & (G.cap - 1); G.keys[i] != k; i = (i + 1) & (G.cap - 1))
						;
				}
			}
			group_add(&out->g[G.idx[i]], &M, r);
		}
		for (size_t i = 0; i < out->n; i++)
			group_merge(&out->total, &out->g[i]);
		free(G.keys);
		free(G.idx);
	}
	for (int i = 0; i < nby; i++)
		free(A[i].owned);
	filters_free(&F);
}

void
qresult_free(struct qresult *r)
{
	free(r->g);
	r->g = NULL;
	r->n = 0;
}

/* qsort has no context argument */
static const struct store *sort_store;
static const struct qresult *sort_res;
static enum metric sort_metric;
static enum qsort_key sort_key;
static int sort_reverse;

static int
cmp_label(const struct qgroup *a, const struct qgroup *b)
{
	for (int i = 0; i < sort_res->nby; i++) {
		char x[512], y[512];
		const struct dim *d = &sort_res->by[i];
		int c;
		if (a->key[i] == b->key[i])
			continue;
		if (d->type == DIM_PERIOD || d->type == DIM_BILLING_PERIOD || d->type == DIM_FILE)
			return a->key[i] < b->key[i] ? -1 : 1;
		c = strcmp(dim_label(sort_store, d, a->key[i], x, sizeof x),
		    dim_label(sort_store, d, b->key[i], y, sizeof y));
		if (c)
			return c;
	}
	return 0;
}

static int
cmp_group(const void *pa, const void *pb)
{
	const struct qgroup *a = pa, *b = pb;
	int c = 0;
	if (a->folded != b->folded)
		return a->folded ? 1 : -1;	/* "Other" stays last */
	switch (sort_key) {
	case QSORT_VALUE:
		c = a->sum[sort_metric] < b->sum[sort_metric] ? 1 : a->sum[sort_metric] > b->sum[sort_metric] ? -1 : 0;
		break;
	case QSORT_ROWS:
		c = a->rows < b->rows ? 1 : a->rows > b->rows ? -1 : 0;
		break;
	case QSORT_NAME:
		c = cmp_label(a, b);
		break;
	}
	if (sort_reverse)
		c = -c;
	return c ? c : cmp_label(a, b);
}

void
qresult_sort(const struct store *s, struct qresult *r, enum metric m, enum qsort_key key, int reverse)
{
	sort_store = s;
	sort_res = r;
	sort_metric = m;
	sort_key = key;
	sort_reverse = reverse;
	qsort(r->g, r->n, sizeof *r->g, cmp_group);
}

void
qresult_top(struct qresult *r, size_t n)
{
	struct qgroup other;
	if (r->n <= n + 1)
		return;	/* folding one group into "Other (1)" hides it for nothing */
	group_init(&other);
	for (size_t i = n; i < r->n; i++)
		group_merge(&other, &r->g[i]);
	other.folded = (uint32_t)(r->n - n);
	for (int i = 0; i < QUERY_MAX_BY; i++)
		other.key[i] = UINT32_MAX;
	r->g[n] = other;
	r->n = n + 1;
}

/* The rows from..to of a trend: sums per (group, period) cell into v. */
struct series_job {
	struct filters *F;
	struct acc *A, *P;
	const uint64_t *radix;
	int nby;
	const struct gmap *G;
	const money_t *col;
	size_t from, to;
	money_t *v;
	size_t nperiods;
};

static inline void
series_row(const struct series_job *j, size_t row)
{
	const struct gmap *G = j->G;
	uint64_t k = 0;
	size_t i;
	uint32_t p;
	money_t v = j->col[row];
	if (v == MONEY_NULL)
		return;
	for (int d = 0; d < j->nby; d++)
		k = k * j->radix[d] + acc_get(&j->A[d], row);
	k++;
	for (i = mix(k) & (G->cap - 1); G->keys[i] && G->keys[i] != k; i = (i + 1) & (G->cap - 1))
		;
	if (!G->keys[i])
		return;
	p = acc_get(j->P, row);
	if (p == CODE_NULL)
		return;
	{
		money_t *cell = &j->v[(size_t)G->idx[i] * j->nperiods + p - 1];
		*cell = money_add(*cell, v);
	}
}

/* Filters are tested a block at a time, as scan_one does. */
static void *
series_scan(void *arg)
{
	struct series_job *j = arg;
	uint32_t sel[SCAN_BLOCK];
	if (j->F->n == 0) {
		for (size_t row = j->from; row < j->to; row++)
			series_row(j, row);
		return j;
	}
	for (size_t b = j->from; b < j->to; b += SCAN_BLOCK) {
		size_t e = b + SCAN_BLOCK < j->to ? b + SCAN_BLOCK : j->to;
		size_t ns = select_rows(j->F, b, e, sel);
		for (size_t i = 0; i < ns; i++)
			series_row(j, sel[i]);
	}
	return j;
}

void
query_series(const struct store *s, const struct qresult *r, size_t ngroups, const struct filter *f, int nf,
    enum metric m, const struct dim *period, struct qseries *out)
{
	struct filters F;
	struct acc A[QUERY_MAX_BY], P;
	uint64_t radix[QUERY_MAX_BY];
	struct gmap G = {0};
	const money_t *col;
	int mc = store_metric_column(s, m);
	size_t nrows = store_nrows(s);

	memset(out, 0, sizeof *out);
	if (ngroups > r->n)
		ngroups = r->n;
	out->ngroups = ngroups;
	out->nperiods = dim_ncodes(s, period) - 1;
	out->first = 1;
	out->v = xcalloc(ngroups * out->nperiods + 1, sizeof *out->v);
	if (mc < 0 || ngroups == 0 || out->nperiods == 0)
		return;
	col = store_money_array(s, mc);
	for (int i = 0; i < r->nby; i++) {
		acc_init(s, &r->by[i], &A[i]);
		radix[i] = dim_ncodes(s, &r->by[i]);
	}
	acc_init(s, period, &P);
	filters_init(s, f, nf, &F);
	G.cap = 16;
	while (G.cap < ngroups * 2)
		G.cap *= 2;
	G.keys = xcalloc(G.cap, sizeof *G.keys);
	G.idx = xcalloc(G.cap, sizeof *G.idx);
	for (size_t g = 0; g < ngroups; g++) {
		uint64_t k = 0;
		size_t i;
		if (r->g[g].folded)
			continue;
		for (int d = 0; d < r->nby; d++)
			k = k * radix[d] + r->g[g].key[d];
		k++;
		for (i = mix(k) & (G.cap - 1); G.keys[i]; i = (i + 1) & (G.cap - 1))
			;
		G.keys[i] = k;
		G.idx[i] = (uint32_t)g;
	}
	{
		struct series_job job = {&F, A, &P, radix, r->nby, &G, col, 0, nrows, out->v, out->nperiods};
		size_t cells = ngroups * out->nperiods;
		struct series_job *half = NULL;
		if (split_worth(nrows)) {
			/* the second half into its own cells */
			half = xmalloc(sizeof *half);
			*half = job;
			half->v = xcalloc(cells + 1, sizeof *half->v);
		}
		if (split_run(series_scan, &job, &job.to, half, half ? &half->from : NULL))
			for (size_t c = 0; c < cells; c++)
				out->v[c] = money_add(out->v[c], half->v[c]);
		if (half) {
			free(half->v);
			free(half);
		}
	}
	free(G.keys);
	free(G.idx);
	for (int i = 0; i < r->nby; i++)
		free(A[i].owned);
	free(P.owned);
	filters_free(&F);
}

void
qseries_free(struct qseries *q)
{
	free(q->v);
	q->v = NULL;
}

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
