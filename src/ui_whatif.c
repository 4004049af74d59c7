/* ui_whatif.c - the what-if panel's model: the seat products, the scenario,
 * its undo history and the suggestions, over the core's whatif API.
 *
 * Never includes curses (ui_draw.c draws the panel, ui_keys.c binds its
 * keys). Every number comes from whatif_compute, the function behind
 * `focal whatif`, so the panel, every screen's header and the command line
 * agree to the cent. Each change is pushed on the undo history first, and
 * popped again if the core refuses it: a failed change leaves no trace. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

void
ui_whatif_prepare(struct ui_model *m)
{
	struct ui_whatif *w = &m->wi;
	if (w->loaded)
		return;
	whatif_products(m->s, store_profile(m->s), DATE_NULL, &w->m);
	whatif_scenario_init(&w->sc, &w->m);
	w->nsg = whatif_suggest(&w->m, &w->sg);
	w->loaded = 1;
	ui_whatif_update(m);
}

int
ui_whatif_open(struct ui_model *m)
{
	struct ui_whatif *w = &m->wi;
	ui_whatif_prepare(m);
	w->opened = 1;
	return w->m.n ? 0 : -1;
}

void
ui_whatif_free(struct ui_whatif *w)
{
	if (!w->loaded)
		return;
	whatif_result_free(&w->r);
	whatif_undo_free(&w->undo);
	whatif_scenario_free(&w->sc);
	whatif_model_free(&w->m);
	free(w->sg);
	memset(w, 0, sizeof *w);
}

void
ui_whatif_update(struct ui_model *m)
{
	struct ui_whatif *w = &m->wi;
	whatif_result_free(&w->r);
	whatif_compute(&w->m, &w->sc, &w->r);
	m->sim.nchanged = whatif_scenario_nchanged(&w->sc);
	m->sim.active = m->sim.nchanged > 0;
	m->sim.total = w->r.total;
}

size_t
ui_whatif_items(const struct ui_whatif *w)
{
	return w->m.n + w->nsg;
}

int
ui_whatif_step(struct ui_model *m, size_t i, long long delta, char *err, size_t n)
{
	struct ui_whatif *w = &m->wi;
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_step(&w->m, &w->sc, i, delta, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	ui_whatif_update(m);
	return 0;
}

int
ui_whatif_apply(struct ui_model *m, size_t i, const char *change, char *err, size_t n)
{
	struct ui_whatif *w = &m->wi;
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_apply(&w->m, &w->sc, i, change, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	ui_whatif_update(m);
	return 0;
}

int
ui_whatif_clear(struct ui_model *m)
{
	struct ui_whatif *w = &m->wi;
	if (whatif_scenario_nchanged(&w->sc) == 0)
		return 0;
	whatif_undo_push(&w->undo, &w->sc);
	whatif_scenario_clear(&w->sc);
	ui_whatif_update(m);
	return 1;
}

int
ui_whatif_undo(struct ui_model *m)
{
	if (!whatif_undo_pop(&m->wi.undo, &m->wi.sc))
		return 0;
	ui_whatif_update(m);
	return 1;
}

/* A suggestion is in the scenario when its cut (and its Flex days) already
 * are: applying it again would cut twice. */
int
ui_whatif_suggestion_in(const struct ui_whatif *w, size_t k)
{
	const struct whatif_suggestion *sg = &w->sg[k];
	size_t i = sg->product;
	const struct whatif_change *c = &w->sc.c[i];
	if (whatif_seats(&w->m, &w->sc, i) > w->m.p[i].seats - sg->cut)
		return 0;
	return sg->flex_days == 0 || (c->set && c->flex_days >= sg->flex_days);
}

int
ui_whatif_suggestion(struct ui_model *m, size_t k, char *err, size_t n)
{
	struct ui_whatif *w = &m->wi;
	if (k >= w->nsg) {
		snprintf(err, n, "no such suggestion");
		return -1;
	}
	if (ui_whatif_suggestion_in(w, k)) {
		snprintf(err, n, "in the scenario already: %s %+lld seats", w->m.p[w->sg[k].product].label,
		    -w->sg[k].cut);
		return -1;
	}
	whatif_undo_push(&w->undo, &w->sc);
	whatif_suggestion_apply(&w->m, &w->sc, &w->sg[k]);
	ui_whatif_update(m);
	return 0;
}

int
ui_whatif_load(struct ui_model *m, const char *path, char *err, size_t n)
{
	struct ui_whatif *w = &m->wi;
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_load(&w->m, path, &w->sc, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	ui_whatif_update(m);
	return 0;
}

int
ui_whatif_save(const struct ui_model *m, const char *path, int force, char *err, size_t n)
{
	return whatif_scenario_save(&m->wi.m, &m->wi.sc, path, force, err, n);
}

void
ui_whatif_day(int64_t t, char *buf, size_t n)
{
	char d[21];
	if (t == DATE_NULL) {
		snprintf(buf, n, "unknown");
		return;
	}
	date_format(t, d);
	snprintf(buf, n, "%.10s", d);
}

void
ui_whatif_starts(const struct ui_whatif *w, size_t i, int shortform, char *buf, size_t n)
{
	const struct whatif_product *p = &w->m.p[i];
	const struct whatif_line *l = &w->r.line[i];
	enum whatif_when when = whatif_when(&w->m, p, l);
	char a[32], b[32];
	if (when == WHEN_UNCHANGED) {
		/* unchanged: when a cut would save */
		int64_t t = p->term == TERM_MONTHLY ? w->m.next_month : p->renewal;
		ui_whatif_day(t, a, sizeof a);
		if (shortform)
			snprintf(buf, n, "%s", a);
		else if (t == DATE_NULL)
			snprintf(buf, n, "a renewal the data does not give");
		else
			snprintf(buf, n, "%s (%s)", a, p->term == TERM_MONTHLY ? "next month" : "renewal");
		return;
	}
	ui_whatif_day(l->starts, a, sizeof a);
	ui_whatif_day(l->full_from, b, sizeof b);
	if (shortform) {
		snprintf(buf, n, "%s", a);
		return;
	}
	switch (when) {
	case WHEN_UNCHANGED:	/* above */
	case WHEN_UNKNOWN: snprintf(buf, n, "a renewal the data does not give"); break;
	case WHEN_ADDED: snprintf(buf, n, "%s (added seats cost from the next month)", a); break;
	case WHEN_REST_UNKNOWN: snprintf(buf, n, "%s, the rest at renewals the data does not give", a); break;
	case WHEN_STAGED: snprintf(buf, n, "%s, all of it from %s (renewals)", a, b); break;
	case WHEN_NEXT_MONTH: snprintf(buf, n, "%s (next month)", a); break;
	case WHEN_RENEWAL: snprintf(buf, n, "%s (renewal)", a); break;
	}
}

void
ui_whatif_price(const struct store *s, const struct whatif_product *p, char *buf, size_t n)
{
	char v[64];
	report_money(s, p->unit_price, v, sizeof v);
	if (p->price_months == 1 || p->price_months == 12 || p->price_months == 36)
		snprintf(buf, n, "%s%s", v, p->price_months == 1 ? "/mo" : p->price_months == 12 ? "/yr" : "/3yr");
	else
		snprintf(buf, n, "%s/%dmo", v, p->price_months);
}

/* ---- the export ---- */

static void
export_row(FILE *f, const char *label, money_t v, int ncols, int vcol, int simulated)
{
	char num[64];
	text_csv(f, label);
	money_format(v, 2, 2, 0, num, sizeof num);
	for (int c = 1; c < ncols; c++) {
		fputc(',', f);
		if (c == vcol)
			fputs(num, f);
	}
	fprintf(f, ",%s\n", simulated ? "true" : "false");
}

void
ui_whatif_export(const struct ui_model *m, FILE *f, int ncols, int vcol)
{
	const struct ui_whatif *w = &m->wi;
	const struct whatif_line *t = &w->r.total;
	char label[600];
	export_row(f, "what-if: seat cost per month (baseline)", t->month_before, ncols, vcol, 0);
	export_row(f, "what-if: seat cost per month (scenario*)", t->month_after, ncols, vcol, 1);
	export_row(f, "what-if: savings per month*", t->month_saving, ncols, vcol, 1);
	export_row(f, "what-if: seat cost annualised (baseline)", t->year_before, ncols, vcol, 0);
	export_row(f, "what-if: seat cost annualised (scenario*)", t->year_after, ncols, vcol, 1);
	export_row(f, "what-if: savings annualised*", t->year_saving, ncols, vcol, 1);
	export_row(f, "what-if: savings in the next 12 months*", t->next12_saving, ncols, vcol, 1);
	for (size_t i = 0; i < w->m.n; i++) {
		const struct whatif_line *l = &w->r.line[i];
		char from[64];
		if (!l->simulated)
			continue;
		ui_whatif_starts(w, i, 1, from, sizeof from);
		snprintf(label, sizeof label, "what-if: savings per month*: %.400s (%lld -> %lld seats from %s)",
		    w->m.p[i].label, l->seats_before, l->seats_after, from);
		export_row(f, label, l->month_saving, ncols, vcol, 1);
	}
}
