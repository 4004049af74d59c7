/* drill.c - the explorer's view stack over the core query API.
 *
 * Never includes curses (like ncdu's dirlist.c): every number the explorer
 * shows comes from query_run/query_series/qresult_top, the functions behind
 * `focal report`. A view caches its results; going back is free, and a stale
 * flag says what a key changed (groups, order, or just the list shown). */
#include "drill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "store.h"
#include "upfront.h"
#include "xmalloc.h"

/* series cells held per view (16 bytes each): trends for the biggest groups */
#define SERIES_CELLS (1u << 20)
#define NONE SIZE_MAX

static void
view_results_free(struct drill_view *v)
{
	qresult_free(&v->res);
	qresult_free(&v->shown);
	qseries_free(&v->ser);
	free(v->order);
	free(v->ser_of);
	free(v->chg);
	free(v->chgv);
	free(v->shown_gi);
	v->order = v->ser_of = v->shown_gi = NULL;
	v->chg = NULL;
	v->chgv = NULL;
}

void
drill_view_clear(struct drill_view *v)
{
	view_results_free(v);
	free(v->crumb);
	free(v->marks);
	memset(v, 0, sizeof *v);
}

static int
is_period(const struct dim *d)
{
	return d->type == DIM_PERIOD || d->type == DIM_BILLING_PERIOD;
}

/* A new level lists periods in time order, anything else as sorted last. */
static void
view_sort_default(const struct drill *m, struct drill_view *v)
{
	v->sort = is_period(&v->dim) ? SORT_NAME : m->sort;
	v->reverse = is_period(&v->dim) ? 0 : m->reverse;
}

/* With more than one BillingCurrency: each one's total, and the one with
 * the most rows shown first. */
static void
currencies(struct drill *m)
{
	struct qresult r;
	char err[256];
	uint64_t most = 0;
	if (dim_parse(m->s, "BillingCurrency", m->grain, &m->cur_dim, err, sizeof err) != 0 ||
	    (m->ncur = dim_ncodes(m->s, &m->cur_dim) - 1) < 2)
		return;
	m->split_cur = 1;
	m->cur_total = xcalloc(m->ncur + 1, sizeof *m->cur_total);
	query_run(m->s, &m->cur_dim, 1, NULL, 0, &r);
	for (size_t i = 0; i < r.n; i++)
		if (r.g[i].key[0] <= m->ncur) {
			m->cur_total[r.g[i].key[0]] = r.g[i];
			if (r.g[i].rows > most) {
				most = r.g[i].rows;
				m->cur = r.g[i].key[0];
			}
		}
	qresult_free(&r);
	m->grand = m->cur_total[m->cur];
}

const char *
drill_currency(const struct drill *m, char *buf, size_t n)
{
	if (!m->split_cur)
		return store_currency(m->s);
	if (m->cur == CODE_NULL)
		return NULL;
	return dim_label(m->s, &m->cur_dim, m->cur, buf, n);
}

void
drill_next_currency(struct drill *m)
{
	if (!m->split_cur)
		return;
	do
		m->cur = m->cur >= m->ncur ? 0 : m->cur + 1;
	while (m->cur_total[m->cur].rows == 0);
	m->grand = m->cur_total[m->cur];
	for (int i = 0; i < m->depth; i++)
		m->views[i].stale = V_ALL;
}

void
drill_init(struct drill *m, const struct store *s, const struct dim *path, int npath, enum metric metric,
    enum grain g, size_t top)
{
	struct qresult all;
	char err[256];
	memset(m, 0, sizeof *m);
	m->s = s;
	m->metric = metric;
	m->grain = g;
	m->top = top ? top : 100;
	m->npath = npath < DRILL_MAX_PATH ? npath : DRILL_MAX_PATH;
	memcpy(m->path, path, (size_t)m->npath * sizeof *path);
	m->has_period = dim_parse(s, "period", g, &m->period, err, sizeof err) == 0;
	m->nperiods = m->has_period ? dim_ncodes(s, &m->period) - 1 : 0;
	period_coverage(s, &m->cov);
	currencies(m);
	if (!m->split_cur) {
		query_run(s, NULL, 0, NULL, 0, &all);
		m->grand = all.total;
		qresult_free(&all);
	}
	m->depth = 1;
	m->views[0].dim = m->path[0];
	m->views[0].level = 0;
	m->views[0].stale = V_ALL;
	view_sort_default(m, &m->views[0]);
}

void
drill_free(struct drill *m)
{
	for (int i = 0; i < DRILL_MAX_DEPTH; i++)
		drill_view_clear(&m->views[i]);
	whatif_panel_free(&m->wi);
	free(m->cur_total);
}

struct drill_view *
drill_view(struct drill *m)
{
	return &m->views[m->depth - 1];
}

/* The filters of the drill path, the deepest first: the scan tests them in
 * order and the deepest is usually the narrowest, so most rows are turned
 * away by the first test (the sum is the same in any order). */
static int
path_filters(const struct drill_view *v, struct filter *f)
{
	for (int i = 0; i < v->nf; i++)
		f[i] = v->f[v->nf - 1 - i];
	return v->nf;
}

/* The currency shown, when there are several: first of every query. */
static int
currency_filter(const struct drill *m, struct filter *f)
{
	if (!m->split_cur)
		return 0;
	f->dim = m->cur_dim;
	f->lo = f->hi = m->cur;
	f->exclude = 0;
	f->timed = 0;
	return 1;
}

int
drill_filters(const struct drill *m, const struct drill_view *v, struct filter *f)
{
	int n = currency_filter(m, f);
	if (m->has_range)
		f[n++] = m->range_f;
	else if (m->win && m->has_period) {
		f[n].dim = m->period;
		f[n].lo = f[n].hi = m->win;
		f[n].exclude = 0;
		f[n].timed = 0;
		n++;
	}
	return n + path_filters(v, f + n);
}

uint32_t
drill_last_period(const struct drill *m)
{
	return m->has_range ? m->range_last : m->win ? m->win : m->nperiods;
}

/* ---- ordering ---- */

static const struct drill_view *cmp_v;	/* qsort has no context argument */
static const char **cmp_lbl;

static int
cmp_name(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const char *x = cmp_lbl ? cmp_lbl[a] : NULL, *y = cmp_lbl ? cmp_lbl[b] : NULL;
	int c;
	if (x && y && (c = strcmp(x, y)) != 0)
		return cmp_v->reverse ? -c : c;
	c = cmp_v->res.g[a].key[0] < cmp_v->res.g[b].key[0] ? -1 : cmp_v->res.g[a].key[0] > cmp_v->res.g[b].key[0];
	return cmp_v->reverse ? -c : c;
}

static int
cmp_change(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	enum drill_change ka = cmp_v->chg[a], kb = cmp_v->chg[b];
	int c = 0;
	/* groups without a change stay last either way */
	if ((ka == CHG_NONE) != (kb == CHG_NONE))
		return ka == CHG_NONE ? 1 : -1;
	if (ka != kb)
		c = ka == CHG_NEW ? -1 : 1;	/* new spend ranks above any rise */
	else if (ka == CHG_PCT && cmp_v->chgv[a] != cmp_v->chgv[b])
		c = cmp_v->chgv[a] > cmp_v->chgv[b] ? -1 : 1;
	if (c == 0)
		return a < b ? -1 : a > b;	/* then by value, as res is */
	return cmp_v->reverse ? -c : c;
}

static void
view_order(struct drill *m, struct drill_view *v)
{
	size_t n = v->res.n;
	v->order = xreallocarray(v->order, n ? n : 1, sizeof *v->order);
	for (size_t i = 0; i < n; i++)
		v->order[i] = v->sort == SORT_VALUE && v->reverse ? n - 1 - i : i;
	cmp_v = v;
	if (v->sort == SORT_NAME) {
		const char **lbl = NULL;
		if (v->dim.type == DIM_COLUMN || v->dim.type == DIM_TAG) {
			lbl = xcalloc(n ? n : 1, sizeof *lbl);
			for (size_t i = 0; i < n; i++) {
				uint32_t k = v->res.g[i].key[0];
				if (k == CODE_NULL)
					lbl[i] = v->dim.type == DIM_TAG ? "(untagged)" : "(null)";
				else
					lbl[i] = v->dim.type == DIM_TAG ? store_tag_label(m->s, v->dim.idx, k) :
					    store_label(m->s, v->dim.idx, k);
			}
		}
		cmp_lbl = lbl;	/* periods and files sort by code: in time and file order */
		qsort(v->order, n, sizeof *v->order, cmp_name);
		free(lbl);
		cmp_lbl = NULL;
	} else if (v->sort == SORT_CHANGE) {
		qsort(v->order, n, sizeof *v->order, cmp_change);
	}
}

static void
set_change(struct drill_view *v, size_t i, money_t cur, money_t prev)
{
	if (prev == 0 && cur == 0)
		return;
	if (prev == 0) {
		v->chg[i] = CHG_NEW;
		return;
	}
	v->chg[i] = CHG_PCT;
	{
		double c = money_to_double(cur), p = money_to_double(prev);
		v->chgv[i] = (c - p) / (p < 0 ? -p : p) * 100.0;
	}
}

/* What the rows span, cut to the range when one is set: a period shown
 * under the range that it cuts (a quarter of which 2026-02..2026-08 keeps
 * two months) is partial like one the export cuts. Changes are of sums
 * of whole periods (view_change joins the range only when it holds both
 * periods compared; period_change sums outside it), so
 * whole() asks the export's cut only. */
static struct coverage
cut(const struct drill *m)
{
	struct coverage c = m->cov;
	if (m->has_range)
		period_cover_window(&c, m->range.start, m->range.end);
	return c;
}

/* Whether period code k (at the drill's grain) is whole; 1 too when it
 * cannot be told (no ChargePeriodEnd), as before. */
static int
whole(const struct drill *m, uint32_t k)
{
	char why[64];
	return period_whole(m->s, &m->period, k, &m->cov, why, sizeof why) != 0;
}

/* A level of periods: each line's change is against the period before it
 * (outside the window too); a partial period has none, and neither has a
 * whole one after a partial one (like would not be compared with like). */
static void
period_change(struct drill *m, struct drill_view *v, const struct filter *f, int nf)
{
	struct qresult all;
	money_t *sum;
	uint32_t n = dim_ncodes(m->s, &v->dim);
	char why[64];
	struct coverage c = cut(m);
	query_run_metric(m->s, &v->dim, 1, f, nf, m->metric, &all);
	sum = xcalloc(n + 1, sizeof *sum);
	for (size_t i = 0; i < all.n; i++)
		if (all.g[i].key[0] < n)
			sum[all.g[i].key[0]] = all.g[i].sum[m->metric];
	for (size_t i = 0; i < v->res.n; i++) {
		uint32_t k = v->res.g[i].key[0];
		if (k >= 1 && k < n && period_whole(m->s, &v->dim, k, &c, why, sizeof why) == 0)
			v->chg[i] = CHG_PARTIAL;
		else if (k >= 2 && k < n && period_whole(m->s, &v->dim, k - 1, &m->cov, why, sizeof why) != 0)
			set_change(v, i, sum[k], sum[k - 1]);
	}
	free(sum);
	qresult_free(&all);
}

/* The period v's path drilled into (Enter on a line of a period level at
 * the drill's grain), 0 when none: below it the change compares it with
 * the period before, as the window does, over the path without it (under
 * it the period before had no rows: every group read "new"). */
static uint32_t
path_period(const struct drill *m, const struct drill_view *v)
{
	for (int i = 0; m->has_period && i < v->nf; i++)
		if (!v->f[i].exclude && v->f[i].lo == v->f[i].hi && dim_equal(&v->f[i].dim, &m->period))
			return v->f[i].lo;
	return 0;
}

/* path_filters but path_period's: what a trend and its change read. */
static int
series_filters(const struct drill *m, const struct drill_view *v, struct filter *f)
{
	uint32_t p = path_period(m, v);
	int n = 0;
	for (int i = v->nf - 1; i >= 0; i--)
		if (!p || v->f[i].exclude || v->f[i].lo != p || v->f[i].hi != p || !dim_equal(&v->f[i].dim, &m->period))
			f[n++] = v->f[i];
	return n;
}

/* The two periods the trend's change compares: the last two up to the
 * window (or the period the path is in and the one before), stepping back
 * over a partial last one; 0 and 0 when there are not two whole ones. */
static void
compared(const struct drill *m, const struct drill_view *v, uint32_t *cur, uint32_t *prev)
{
	uint32_t pinned = path_period(m, v), last = pinned ? pinned : drill_last_period(m);
	*cur = *prev = 0;
	if (last >= 1 && !whole(m, last)) {
		if (pinned)
			return;	/* the period drilled into is partial: nothing like it */
		last--;
	}
	if (last >= 2 && whole(m, last - 1)) {
		*cur = last;
		*prev = last - 1;
	}
}

/* No trend yet (or no longer: res was reordered). */
static void
view_trend_reset(struct drill_view *v)
{
	size_t n = v->res.n;
	qseries_free(&v->ser);
	v->ser_of = xreallocarray(v->ser_of, n ? n : 1, sizeof *v->ser_of);
	v->chg = xreallocarray(v->chg, n ? n : 1, sizeof *v->chg);
	v->chgv = xreallocarray(v->chgv, n ? n : 1, sizeof *v->chgv);
	for (size_t i = 0; i < n; i++) {
		v->ser_of[i] = NONE;
		v->chg[i] = CHG_NONE;
		v->chgv[i] = 0;
	}
	v->chg_only = 0;
}

/* Each group's change from the series of the head of res (the two
 * periods compared, when there are two). */
static void
series_changes(struct drill *m, struct drill_view *v, const struct qseries *ser)
{
	if (m->cmp_cur == 0)
		return;
	for (size_t i = 0; i < ser->ngroups; i++) {
		const money_t *row = ser->v + i * ser->nperiods;
		set_change(v, i, row[m->cmp_cur - 1], row[m->cmp_prev - 1]);
	}
}

/* How many groups have a trend: as many as fit in SERIES_CELLS. */
static size_t
trend_groups(const struct drill *m, const struct drill_view *v)
{
	size_t ns = SERIES_CELLS / m->nperiods;
	if (ns > v->res.n)
		ns = v->res.n;
	return ns ? ns : 1;
}

/* The changes alone, for a sort by change on the key: the sums of the two
 * periods compared, for the groups the trend will have, under the path and
 * a filter on those periods; with the range too when it holds both whole,
 * so the pass starts from the level's remembered rows. The trend itself
 * (all periods: every row of the path without the range) waits for the
 * explorer to be idle, and gives the same changes. 0: only the trend can
 * say (a level of periods, a warehouse, nothing compared). */
static int
view_change(struct drill *m, struct drill_view *v)
{
	struct filter f[16];
	struct qseries ser;
	int64_t a, b, e;
	void *ectx;
	int nf;
	view_trend_reset(v);
	compared(m, v, &m->cmp_cur, &m->cmp_prev);
	if (!m->has_period || m->nperiods == 0 || v->res.n == 0 || is_period(&v->dim) || m->cmp_cur == 0 ||
	    store_engine(m->s, &ectx) != NULL)
		return 0;
	nf = currency_filter(m, f);
	if (m->has_range && period_span(m->s, &m->period, m->cmp_prev, &a, &e) == 0 &&
	    period_span(m->s, &m->period, m->cmp_cur, &e, &b) == 0 &&
	    (m->range.start == DATE_NULL || m->range.start <= a) && (m->range.end == DATE_NULL || b <= m->range.end))
		f[nf++] = m->range_f;
	if (nf + v->nf + 1 > 16)
		return 0;
	nf += series_filters(m, v, f + nf);
	f[nf].dim = m->period;
	f[nf].lo = m->cmp_prev;
	f[nf].hi = m->cmp_cur;
	f[nf].exclude = 0;
	f[nf].timed = 0;
	nf++;
	query_series(m->s, &v->res, trend_groups(m, v), f, nf, m->metric, &m->period, &ser);
	series_changes(m, v, &ser);
	qseries_free(&ser);
	v->chg_only = 1;
	return 1;
}

/* Trend: sums per period for the biggest groups (res is in value order). */
static void
view_trend(struct drill *m, struct drill_view *v)
{
	struct filter f[16];
	int nf;
	view_trend_reset(v);
	compared(m, v, &m->cmp_cur, &m->cmp_prev);
	if (!m->has_period || m->nperiods == 0 || v->res.n == 0)
		return;
	nf = currency_filter(m, f);
	if (is_period(&v->dim)) {
		nf += path_filters(v, f + nf);
		period_change(m, v, f, nf);
		return;
	}
	/* the path without the window (nor the period it is in): the trend
	 * leads up to it */
	nf += series_filters(m, v, f + nf);
	query_series(m->s, &v->res, trend_groups(m, v), f, nf, m->metric, &m->period, &v->ser);
	for (size_t i = 0; i < v->ser.ngroups; i++)
		v->ser_of[i] = i;
	series_changes(m, v, &v->ser);
}

static int
line_matches(const struct drill *m, const struct drill_view *v, const struct qgroup *g)
{
	char buf[1024];
	if (v->search[0] == '\0')
		return 1;
	return strcasestr(dim_label(m->s, &v->dim, g->key[0], buf, sizeof buf), v->search) != NULL;
}

static void
shown_reverse(struct drill_view *v, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		struct qgroup g = v->shown.g[i];
		size_t gi = v->shown_gi[i];
		v->shown.g[i] = v->shown.g[n - 1 - i];
		v->shown_gi[i] = v->shown_gi[n - 1 - i];
		v->shown.g[n - 1 - i] = g;
		v->shown_gi[n - 1 - i] = gi;
	}
}

static void
view_list(struct drill *m, struct drill_view *v)
{
	size_t k = 0;
	qresult_free(&v->shown);
	v->shown.nby = 1;
	v->shown.by[0] = v->dim;
	v->shown.total = v->res.total;
	v->shown.g = xcalloc(v->res.n ? v->res.n : 1, sizeof *v->shown.g);
	v->shown_gi = xreallocarray(v->shown_gi, v->res.n ? v->res.n : 1, sizeof *v->shown_gi);
	v->match_sum = 0;
	for (size_t i = 0; i < v->res.n; i++) {
		size_t gi = v->order[i];
		if (!line_matches(m, v, &v->res.g[gi]))
			continue;
		v->shown.g[k] = v->res.g[gi];
		v->shown_gi[k++] = gi;
		v->match_sum += v->res.g[gi].sum[m->metric];
	}
	v->shown.n = v->nmatch = k;
	if (!v->expanded) {
		/* periods in time order keep the latest: the oldest fold into
		 * an Other line at the top (548 days kept the first 100) */
		int oldest = is_period(&v->dim) && v->sort == SORT_NAME && !v->reverse && k > m->top + 1;
		if (oldest)
			shown_reverse(v, k);
		qresult_top(&v->shown, m->top);
		if (v->shown.n < k)
			v->shown_gi[v->shown.n - 1] = NONE;
		if (oldest)
			shown_reverse(v, v->shown.n);
	}
	if (v->cur >= v->shown.n)
		v->cur = v->shown.n ? v->shown.n - 1 : 0;
}

void
drill_refresh(struct drill *m)
{
	struct drill_view *v = drill_view(m);
	if (v->stale & V_QUERY) {
		struct filter f[16];
		int nf = drill_filters(m, v, f);
		view_results_free(v);
		query_run_metric(m->s, &v->dim, 1, f, nf, m->metric, &v->res);
		upfront_find(m->s, f, nf, m->metric, &v->up);
		v->stale |= V_RESORT | V_SEL;
	}
	if (v->stale & V_RESORT) {
		/* res stays in value order: the trend is computed for its head */
		qresult_sort(m->s, &v->res, m->metric, QSORT_VALUE, 0);
		view_trend_reset(v);
		v->stale |= V_TREND | V_ORDER;
	}
	if ((v->stale & V_TREND) && v->sort == SORT_CHANGE && !v->chg_only) {
		/* the order needs the changes now; the trend can wait */
		if (!view_change(m, v)) {
			view_trend(m, v);
			v->stale &= ~V_TREND;
		}
		v->stale |= V_ORDER;
	}
	if (v->stale & V_ORDER) {
		view_order(m, v);
		v->stale |= V_LIST;
	}
	if (v->stale & V_LIST)
		view_list(m, v);
	v->stale &= V_TREND | V_SEL;
}

int
drill_busy(struct drill *m)
{
	return (drill_view(m)->stale & V_TREND) != 0;
}

int
drill_idle(struct drill *m)
{
	struct drill_view *v = drill_view(m);
	drill_refresh(m);
	if (v->stale & V_TREND) {
		view_trend(m, v);
		v->stale &= ~V_TREND;
		return 1;
	}
	if (v->stale & V_SEL) {
		/* revisiting this level (back, undo, another metric) then
		 * reads only its rows; not made on the key that opened it */
		struct filter f[16];
		query_prepare(m->s, f, drill_filters(m, v, f));
		v->stale &= ~V_SEL;
		return 1;
	}
	if (!m->wi.loaded || (m->split_cur && m->wi.m.ncurrencies > 1)) {
		/* ready before anyone presses w (a what-if scenario also
		 * shows in every header once set); of the seats billed in
		 * the currency shown when they are billed in several */
		char cur[64];
		if (!whatif_panel_prepare_step(&m->wi, m->s, drill_currency(m, cur, sizeof cur)))
			return 1;	/* a slice of it */
	}
	if (!m->up_ready) {
		/* ready before anyone switches to ListCost or ContractedCost */
		upfront_prepare(m->s);
		m->up_ready = 1;
		return 1;
	}
	return 0;
}

int
drill_next_dim(const struct drill *m, const struct drill_view *v, struct dim *out)
{
	for (int i = v->level >= 0 ? v->level + 1 : 0; i < m->npath; i++) {
		int used = dim_equal(&m->path[i], &v->dim);
		for (int j = 0; j < v->nf && !used; j++)
			used = dim_equal(&m->path[i], &v->f[j].dim);
		if (!used) {
			*out = m->path[i];
			return i;
		}
	}
	return -1;
}

const char *
drill_label(const struct drill *m, const struct drill_view *v, size_t i, char *buf, size_t n)
{
	if (i >= v->shown.n) {
		buf[0] = '\0';
		return buf;
	}
	const char *l = report_label(m->s, &v->shown, &v->shown.g[i], 0, buf, n);
	if (l != buf)	/* callers read buf */
		snprintf(buf, n, "%s", l);
	return buf;
}

const char *
drill_period_note(const struct drill *m, const struct drill_view *v, size_t i, char *buf, size_t n)
{
	struct coverage c = cut(m);
	if (i >= v->shown.n || v->shown.g[i].folded)
		return NULL;
	return period_whole(m->s, &v->dim, v->shown.g[i].key[0], &c, buf, n) == 0 ? buf : NULL;
}

void
drill_change_note(const struct drill *m, char *buf, size_t n)
{
	const struct drill_view *v = &m->views[m->depth - 1];
	uint32_t last = path_period(m, v), cur, prev;
	char c[64], p[64], l[64], why[64];
	buf[0] = '\0';
	if (last == 0)
		last = drill_last_period(m);
	if (!m->has_period || last == 0 || period_whole(m->s, &m->period, last, &m->cov, why, sizeof why) != 0)
		return;
	compared(m, v, &cur, &prev);
	dim_label(m->s, &m->period, last, l, sizeof l);
	if (cur == 0) {
		snprintf(buf, n, "no change shown: %s is partial (%s)", l, why);
		return;
	}
	dim_label(m->s, &m->period, cur, c, sizeof c);
	dim_label(m->s, &m->period, prev, p, sizeof p);
	snprintf(buf, n, "change: %s vs %s (%s is partial: %s)", c, p, l, why);
}

void
drill_upfront_note(struct drill *m, char *buf, size_t n)
{
	drill_refresh(m);
	upfront_note(m->s, m->metric, &drill_view(m)->up, buf, n);
}

int
drill_line_matches(const struct drill *m, const struct drill_view *v, size_t i)
{
	return i < v->shown.n && !v->shown.g[i].folded && line_matches(m, v, &v->shown.g[i]);
}

int
drill_into(struct drill *m, size_t i)
{
	struct drill_view *v = drill_view(m), *nv;
	struct dim d;
	char buf[1024];
	int level;
	drill_refresh(m);	/* line i of the list as it is now */
	if (i >= v->shown.n)
		return -1;
	if (v->shown_gi[i] == NONE) {
		v->expanded = 1;
		v->stale |= V_LIST;
		return 1;
	}
	if ((level = drill_next_dim(m, v, &d)) < 0)
		return -1;
	if (m->depth == DRILL_MAX_DEPTH || v->nf + 1 >= DRILL_MAX_DEPTH)
		return -2;
	nv = &m->views[m->depth++];
	drill_view_clear(nv);
	nv->dim = d;
	nv->level = level;
	memcpy(nv->f, v->f, (size_t)v->nf * sizeof *nv->f);
	nv->nf = v->nf;
	nv->chips = v->chips;
	nv->f[nv->nf].dim = v->dim;
	nv->f[nv->nf].lo = nv->f[nv->nf].hi = v->shown.g[i].key[0];
	nv->f[nv->nf].exclude = 0;
	nv->f[nv->nf].timed = 0;
	nv->nf++;
	nv->crumb = xstrdup(drill_label(m, v, i, buf, sizeof buf));
	nv->stale = V_ALL;
	view_sort_default(m, nv);
	return 0;
}

int
drill_back(struct drill *m)
{
	if (m->depth <= 1)
		return -1;
	drill_view_clear(&m->views[--m->depth]);
	return 0;
}

static void
stale_all(struct drill *m, unsigned what)
{
	for (int i = 0; i < m->depth; i++)
		m->views[i].stale |= what;
}

void
drill_set_dim(struct drill *m, const struct dim *d)
{
	struct drill_view *v = drill_view(m);
	v->dim = *d;
	v->level = -1;
	for (int i = 0; i < m->npath; i++)
		if (dim_equal(&m->path[i], d)) {
			v->level = i;
			break;
		}
	v->cur = v->top = 0;
	v->expanded = 0;
	v->search[0] = '\0';
	v->stale = V_ALL;
	view_sort_default(m, v);
}

void
drill_set_metric(struct drill *m, enum metric metric)
{
	m->metric = metric;
	/* views hold the sums of their metric only */
	stale_all(m, V_QUERY | V_RESORT | V_TREND | V_ORDER | V_LIST);
}

void
drill_set_grain(struct drill *m, enum grain g)
{
	char err[256];
	int had_window = m->win != 0;
	m->grain = g;
	m->win = 0;
	m->has_period = dim_parse(m->s, "period", g, &m->period, err, sizeof err) == 0;
	m->nperiods = m->has_period ? dim_ncodes(m->s, &m->period) - 1 : 0;
	for (int i = 0; i < m->npath; i++)
		if (is_period(&m->path[i]))
			m->path[i].grain = g;
	for (int i = 0; i < m->depth; i++) {
		struct drill_view *v = &m->views[i];
		/* the groups change only where the periods are the groups, or the
		 * window went away (filters keep the grain they were made at) */
		if (is_period(&v->dim)) {
			v->dim.grain = g;
			v->cur = v->top = 0;
			v->stale |= V_QUERY;
		}
		if (had_window)
			v->stale |= V_QUERY;
		v->stale |= V_RESORT | V_TREND | V_ORDER | V_LIST;
	}
}

void
drill_set_sort(struct drill *m, enum drill_sort k, int reverse)
{
	struct drill_view *v = drill_view(m);
	m->sort = v->sort = k;
	m->reverse = v->reverse = reverse;
	v->stale |= V_ORDER | V_LIST;
}

void
drill_set_window(struct drill *m, uint32_t win)
{
	m->win = win <= m->nperiods ? win : 0;
	m->has_range = 0;	/* one period in place of a range */
	stale_all(m, V_ALL);
}

void
drill_set_search(struct drill *m, const char *text)
{
	struct drill_view *v = drill_view(m);
	snprintf(v->search, sizeof v->search, "%s", text);
	v->cur = v->top = 0;
	v->stale |= V_LIST;
}

const money_t *
drill_trend(const struct drill *m, const struct drill_view *v, size_t i, enum drill_change *chg, double *pct)
{
	size_t gi;
	(void)m;
	*chg = CHG_NONE;
	*pct = 0;
	if (i >= v->shown.n || (gi = v->shown_gi[i]) == NONE)
		return NULL;
	*chg = v->chg[gi];
	*pct = v->chgv[gi];
	return v->ser_of[gi] == NONE ? NULL : v->ser.v + v->ser_of[gi] * v->ser.nperiods;
}
