/* drill_rows.c - the FOCUS rows behind a group of a drill view, paged
 * through query_rows. Curses-free (libfocal.a); ui_rows.c draws it. */
#include "drill.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xmalloc.h"

#define NONE SIZE_MAX

void
drill_rows_open(struct drill_rows *r, struct drill *m, size_t line)
{
	static const char *const prefer[] = {"SkuId", "ResourceName", "ChargeDescription", "Tags"};
	struct drill_view *v = drill_view(m);
	char buf[1024];
	int c;
	drill_refresh(m);
	drill_rows_free(r);
	r->g = v->res.total;
	if (line < v->shown.n && v->shown_gi[line] != NONE) {
		const struct qgroup *g = &v->shown.g[line];
		r->f[0].dim = v->dim;	/* the narrowest first */
		r->f[0].lo = r->f[0].hi = g->key[0];
		r->nf = 1 + drill_filters(m, v, r->f + 1);
		r->g = *g;
		drill_label(m, v, line, buf, sizeof buf);
		r->title = xstrdup(buf);
	} else {
		r->nf = drill_filters(m, v, r->f);	/* the whole view: its crumb says it */
	}
	r->cap = 1024;
	r->idx = xcalloc(r->cap, sizeof *r->idx);
	r->n = query_rows(m->s, r->f, r->nf, 0, r->cap, r->idx);
	r->base = 0;
	r->count = r->n < r->cap ? r->n : r->cap;
	r->ncols = 0;
	if ((c = store_find_column(m->s, "ChargePeriodStart")) >= 0)
		r->cols[r->ncols++] = c;
	if ((c = store_metric_column(m->s, m->metric)) >= 0)
		r->cols[r->ncols++] = c;
	for (size_t i = 0; i < sizeof prefer / sizeof *prefer; i++)
		if ((c = store_find_column(m->s, prefer[i])) >= 0)
			r->cols[r->ncols++] = c;
}

size_t
drill_rows_get(struct drill_rows *r, const struct store *s, size_t i)
{
	if (i >= r->n)
		return NONE;
	if (i < r->base || i >= r->base + r->count) {
		r->base = i >= r->cap / 2 ? i - r->cap / 2 : 0;
		query_rows(s, r->f, r->nf, r->base, r->cap, r->idx);
		r->count = r->n - r->base < r->cap ? r->n - r->base : r->cap;
	}
	return r->idx[i - r->base];
}

void
drill_rows_free(struct drill_rows *r)
{
	free(r->idx);
	free(r->title);
	memset(r, 0, sizeof *r);
}
