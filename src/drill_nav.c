/* drill_nav.c - the explorer's navigation beyond drilling (drill.h): a range
 * of time for every view, filter chips that include or exclude a group
 * without moving down a level, marked groups and their sum, and undo of the
 * last navigation step. Curses-free, unit-tested (tests/test_nav.c). */
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "format.h"
#include "xmalloc.h"

#define HIST_MAX 64

static void
stale_views(struct drill *m)
{
	for (int i = 0; i < m->depth; i++)
		m->views[i].stale = V_ALL;
}

/* The last period code (at the grain) that starts before t. */
static uint32_t
period_before(const struct drill *m, int64_t t)
{
	uint32_t last = 0;
	for (uint32_t c = 1; c <= m->nperiods; c++) {
		int64_t a, b;
		if (period_span(m->s, &m->period, c, &a, &b) == 0 && a < t)
			last = c;
	}
	return last;
}

int
drill_set_range(struct drill *m, const char *text, char *err, size_t n)
{
	struct range r;
	int64_t end;
	if (text[0] == '\0' || !strcmp(text, "all")) {
		m->has_range = 0;
		m->win = 0;
		stale_views(m);
		return 0;
	}
	if (range_parse(text, m->grain, m->fy_month, &m->cov, &r, err, n) != 0)
		return -1;
	if (r.start == DATE_NULL && r.end == DATE_NULL) {
		m->has_range = 0;
		m->win = 0;
		stale_views(m);
		return 0;
	}
	if (range_filter(m->s, &r, &m->range_f) != 0) {
		snprintf(err, n, "the data has no ChargePeriodStart to take a range of");
		return -1;
	}
	m->range = r;
	m->has_range = 1;
	m->win = 0;
	range_label(&r, m->range_label, sizeof m->range_label);
	end = r.end == DATE_NULL || (m->cov.end != DATE_NULL && m->cov.end < r.end) ? m->cov.end : r.end;
	m->range_last = m->has_period && end != DATE_NULL ? period_before(m, end) : 0;
	stale_views(m);
	return 0;
}

void
drill_window_text(const struct drill *m, int utf8, char *buf, size_t n)
{
	char per[64];
	if (m->has_range) {
		snprintf(buf, n, "%s%s%s", grain_name(m->grain), utf8 ? " \xc2\xb7 " : ": ", m->range_label);
		return;
	}
	if (!m->has_period) {
		snprintf(buf, n, "no periods");
		return;
	}
	if (m->win)
		dim_label(m->s, &m->period, m->win, per, sizeof per);
	snprintf(buf, n, "%s%s%s", grain_name(m->grain), utf8 ? " \xc2\xb7 " : ": ", m->win ? per : "all periods");
}

/* ---- chips ---- */

int
drill_chip(struct drill *m, size_t i, int exclude)
{
	struct drill_view *v = drill_view(m);
	struct filter *f;
	drill_refresh(m);
	if (i >= v->shown.n || v->shown_gi[i] == SIZE_MAX)
		return -1;
	if (v->nf + 1 >= DRILL_MAX_DEPTH)
		return -2;
	f = &v->f[v->nf];
	f->dim = v->dim;
	f->lo = f->hi = v->shown.g[i].key[0];
	f->exclude = exclude;
	f->timed = 0;
	v->chips |= 1u << v->nf;
	v->nf++;
	v->cur = v->top = 0;
	v->stale = V_ALL;
	return 0;
}

int
drill_unfilter(struct drill *m, int k)
{
	struct drill_view *v = drill_view(m);
	unsigned low, high;
	if (k < 0 || k >= v->nf)
		return -1;
	memmove(&v->f[k], &v->f[k + 1], (size_t)(v->nf - k - 1) * sizeof *v->f);
	v->nf--;
	low = v->chips & ((1u << k) - 1);
	high = (v->chips >> (k + 1)) << k;
	v->chips = low | high;
	v->cur = v->top = 0;
	v->stale = V_ALL;
	return 0;
}

const char *
drill_filter_text(const struct drill *m, const struct drill_view *v, int k, char *buf, size_t n)
{
	char name[256], label[512];
	const struct filter *f;
	if (k < 0 || k >= v->nf) {
		snprintf(buf, n, "?");
		return buf;
	}
	f = &v->f[k];
	dim_name(m->s, &f->dim, name, sizeof name);
	if (f->lo == f->hi)
		dim_label(m->s, &f->dim, f->lo, label, sizeof label);
	else
		snprintf(label, sizeof label, "%u values", f->hi - f->lo + 1);
	snprintf(buf, n, "%s %s %s", name, f->exclude ? "!=" : "=", label);
	return buf;
}

/* ---- marks ---- */

static void
marks_check(struct drill_view *v)
{
	if (v->nmarks && !dim_equal(&v->mark_dim, &v->dim)) {
		free(v->marks);
		v->marks = NULL;
		v->nmarks = 0;
	}
}

static long
mark_find(const struct drill_view *v, uint32_t key)
{
	for (size_t k = 0; k < v->nmarks; k++)
		if (v->marks[k] == key)
			return (long)k;
	return -1;
}

int
drill_mark(struct drill *m, size_t i)
{
	struct drill_view *v = drill_view(m);
	uint32_t key;
	long at;
	drill_refresh(m);
	marks_check(v);
	if (i >= v->shown.n || v->shown_gi[i] == SIZE_MAX)
		return -1;
	key = v->shown.g[i].key[0];
	if ((at = mark_find(v, key)) >= 0) {
		v->marks[at] = v->marks[--v->nmarks];
		return 0;
	}
	v->marks = xreallocarray(v->marks, v->nmarks + 1, sizeof *v->marks);
	v->marks[v->nmarks++] = key;
	v->mark_dim = v->dim;
	return 1;
}

int
drill_marked(const struct drill *m, const struct drill_view *v, size_t i)
{
	(void)m;
	if (!v->nmarks || !dim_equal(&v->mark_dim, &v->dim) || i >= v->shown.n || v->shown_gi[i] == SIZE_MAX)
		return 0;
	return mark_find(v, v->shown.g[i].key[0]) >= 0;
}

void
drill_marks_clear(struct drill *m)
{
	struct drill_view *v = drill_view(m);
	free(v->marks);
	v->marks = NULL;
	v->nmarks = 0;
}

size_t
drill_marks_sum(struct drill *m, money_t *sum)
{
	struct drill_view *v = drill_view(m);
	size_t count = 0;
	*sum = 0;
	drill_refresh(m);
	marks_check(v);
	for (size_t i = 0; i < v->res.n; i++)
		if (mark_find(v, v->res.g[i].key[0]) >= 0) {
			money_t x = v->res.g[i].sum[m->metric];
			*sum = *sum == MONEY_NULL || x == MONEY_NULL ? MONEY_NULL : money_add(*sum, x);
			count++;
		}
	return count;
}

/* ---- undo ---- */

struct drill_snap {
	int depth;
	enum metric metric;
	enum grain grain;
	uint32_t win;
	int has_range;
	char range_text[64];
	struct snap_view {
		struct dim dim;
		int level;
		struct filter f[DRILL_MAX_DEPTH];
		int nf;
		unsigned chips;
		char *crumb;
		enum drill_sort sort;
		int reverse;
		size_t cur, top;
		char search[128];
	} v[DRILL_MAX_DEPTH];
};

struct drill_snap *
drill_snap_take(const struct drill *m)
{
	struct drill_snap *s = xcalloc(1, sizeof *s);
	s->depth = m->depth;
	s->metric = m->metric;
	s->grain = m->grain;
	s->win = m->win;
	s->has_range = m->has_range;
	if (m->has_range)
		snprintf(s->range_text, sizeof s->range_text, "%s", m->range_label);
	for (int i = 0; i < m->depth; i++) {
		const struct drill_view *v = &m->views[i];
		struct snap_view *w = &s->v[i];
		w->dim = v->dim;
		w->level = v->level;
		memcpy(w->f, v->f, sizeof w->f);
		w->nf = v->nf;
		w->chips = v->chips;
		w->crumb = v->crumb ? xstrdup(v->crumb) : NULL;
		w->sort = v->sort;
		w->reverse = v->reverse;
		w->cur = v->cur;
		w->top = v->top;
		memcpy(w->search, v->search, sizeof w->search);
	}
	return s;
}

static void
snap_free(struct drill_snap *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->depth; i++)
		free(s->v[i].crumb);
	free(s);
}

/* The same navigation state: the cursor may differ. */
static int
snap_same(const struct drill_snap *a, const struct drill_snap *b)
{
	if (a->depth != b->depth || a->metric != b->metric || a->grain != b->grain || a->win != b->win ||
	    a->has_range != b->has_range || strcmp(a->range_text, b->range_text) != 0)
		return 0;
	for (int i = 0; i < a->depth; i++) {
		const struct snap_view *x = &a->v[i], *y = &b->v[i];
		if (!dim_equal(&x->dim, &y->dim) || x->nf != y->nf || x->chips != y->chips || x->sort != y->sort ||
		    x->reverse != y->reverse || strcmp(x->search, y->search) != 0)
			return 0;
		for (int k = 0; k < x->nf; k++)
			if (!dim_equal(&x->f[k].dim, &y->f[k].dim) || x->f[k].lo != y->f[k].lo ||
			    x->f[k].hi != y->f[k].hi || x->f[k].exclude != y->f[k].exclude)
				return 0;
	}
	return 1;
}

void
drill_remember(struct drill *m, struct drill_snap *before)
{
	struct drill_snap *now = drill_snap_take(m);
	int same = snap_same(before, now);
	snap_free(now);
	if (same) {
		snap_free(before);
		return;
	}
	if (m->nhist == HIST_MAX) {
		snap_free(m->hist[0]);
		memmove(m->hist, m->hist + 1, (HIST_MAX - 1) * sizeof(struct drill_snap *));
		m->nhist--;
	}
	if (!m->hist)
		m->hist = xcalloc(HIST_MAX, sizeof(struct drill_snap *));
	m->hist[m->nhist++] = before;
}

int
drill_undo(struct drill *m)
{
	struct drill_snap *s;
	char err[256];
	if (m->nhist == 0)
		return -1;
	s = m->hist[--m->nhist];
	if (s->grain != m->grain)
		drill_set_grain(m, s->grain);
	if (s->metric != m->metric)
		drill_set_metric(m, s->metric);
	if (drill_set_range(m, s->has_range ? s->range_text : "", err, sizeof err) != 0)
		m->has_range = 0;
	m->win = s->win;
	for (int i = 0; i < m->depth; i++)
		drill_view_clear(&m->views[i]);
	m->depth = s->depth;
	for (int i = 0; i < s->depth; i++) {
		struct drill_view *v = &m->views[i];
		struct snap_view *w = &s->v[i];
		v->dim = w->dim;
		v->level = w->level;
		memcpy(v->f, w->f, sizeof v->f);
		v->nf = w->nf;
		v->chips = w->chips;
		v->crumb = w->crumb;
		w->crumb = NULL;
		v->sort = w->sort;
		v->reverse = w->reverse;
		v->cur = w->cur;
		v->top = w->top;
		memcpy(v->search, w->search, sizeof v->search);
		v->stale = V_ALL;
	}
	snap_free(s);
	return 0;
}

void
drill_history_free(struct drill *m)
{
	for (int i = 0; i < m->nhist; i++)
		snap_free(m->hist[i]);
	free(m->hist);
	m->hist = NULL;
	m->nhist = 0;
}

/* ---- comparison ---- */

int
drill_compare(const struct drill *m, struct cmp_result *out, struct range_cmp *rc)
{
	const struct drill_view *v = &m->views[m->depth - 1];
	struct drill plain = *m;	/* read only: the filters without the window */
	struct filter f[16], prev, cur;
	struct range r;
	char err[256];
	int nf;
	memset(out, 0, sizeof *out);
	if (m->has_range)
		r = m->range;
	else if (m->win && period_span(m->s, &m->period, m->win, &r.start, &r.end) == 0)
		r.months = 0;
	else if (range_parse("last1", m->grain, m->fy_month, &m->cov, &r, err, sizeof err) != 0)
		return -1;
	if (range_compare(&r, &m->cov, rc) != 0 || range_filter(m->s, &rc->prev, &prev) != 0 ||
	    range_filter(m->s, &rc->cur, &cur) != 0)
		return -1;
	plain.has_range = 0;
	plain.win = 0;
	nf = drill_filters(&plain, v, f);
	compare_run(m->s, &v->dim, 1, f, nf, &prev, &cur, m->metric, out);
	return 0;
}
