/* whatif_panel.c - the what-if panel's model: the seat products, the
 * scenario, its undo history and the suggestions, over the core's whatif API.
 *
 * Never includes curses (ui_whatif.c draws the panel and binds its keys).
 * Every number comes from whatif_compute, the function behind `focal
 * whatif`, so the panel, every screen's header and the command line agree
 * to the cent. Each change is pushed on the undo history first, and popped
 * again if the core refuses it: a failed change leaves no trace. */
#include "whatif_panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "text.h"
#include "xmalloc.h"

/* Recomputes the result and the header slot (sim) after a change. */
static void
panel_update(struct whatif_panel *w)
{
	whatif_result_free(&w->r);
	whatif_compute(&w->m, &w->sc, &w->r);
	w->sim.nchanged = whatif_scenario_nchanged(&w->sc);
	w->sim.active = w->sim.nchanged > 0;
	w->sim.total = w->r.total;
}

/* A model of seats in several currencies that is not of cur: dropped, to
 * be built of cur's. 1 when it was. */
static int
other_currency(struct whatif_panel *w, const char *cur)
{
	unsigned gen = w->gen;
	/* (compared as far as the model keeps a name: never a loop) */
	if (!w->loaded || !cur || w->m.ncurrencies < 2 || strncmp(w->m.currency, cur, sizeof w->m.currency - 1) == 0)
		return 0;
	whatif_panel_free(w);
	w->gen = gen;
	snprintf(w->want, sizeof w->want, "%s", cur);
	return 1;
}

int
whatif_panel_prepare_step(struct whatif_panel *w, const struct store *s, const char *cur)
{
	if (other_currency(w, cur))
		return 0;
	if (w->loaded)
		return 1;
	if (w->job == NULL) {
		w->s = s;
		w->job = whatif_begin_in(s, store_profile(s), DATE_NULL, w->want[0] ? w->want : NULL, &w->m);
		return 0;
	}
	if (!whatif_step(w->job))
		return 0;
	whatif_job_free(w->job);
	w->job = NULL;
	whatif_scenario_init(&w->sc, &w->m);
	w->nsg = whatif_suggest(&w->m, &w->sg);
	w->loaded = 1;
	w->gen++;
	panel_update(w);
	return !other_currency(w, cur);
}

void
whatif_panel_prepare(struct whatif_panel *w, const struct store *s, const char *cur)
{
	while (!whatif_panel_prepare_step(w, s, cur))
		;
}

int
whatif_panel_open(struct whatif_panel *w, const struct store *s, const char *cur)
{
	whatif_panel_prepare(w, s, cur);
	w->opened = 1;
	return w->m.n ? 0 : -1;
}

void
whatif_panel_free(struct whatif_panel *w)
{
	if (w->job) {	/* the model half built */
		whatif_job_free(w->job);
		memset(w, 0, sizeof *w);
		return;
	}
	if (!w->loaded)
		return;
	whatif_result_free(&w->r);
	whatif_undo_free(&w->undo);
	whatif_scenario_free(&w->sc);
	whatif_model_free(&w->m);
	free(w->sg);
	memset(w, 0, sizeof *w);
}

size_t
whatif_panel_items(const struct whatif_panel *w)
{
	return w->m.n + w->nsg;
}

int
whatif_panel_step(struct whatif_panel *w, size_t i, long long delta, char *err, size_t n)
{
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_step(&w->m, &w->sc, i, delta, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	panel_update(w);
	return 0;
}

int
whatif_panel_apply(struct whatif_panel *w, size_t i, const char *change, char *err, size_t n)
{
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_apply(&w->m, &w->sc, i, change, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	panel_update(w);
	return 0;
}

int
whatif_panel_clear(struct whatif_panel *w)
{
	if (whatif_scenario_nchanged(&w->sc) == 0)
		return 0;
	whatif_undo_push(&w->undo, &w->sc);
	whatif_scenario_clear(&w->sc);
	panel_update(w);
	return 1;
}

int
whatif_panel_undo(struct whatif_panel *w)
{
	if (!whatif_undo_pop(&w->undo, &w->sc))
		return 0;
	panel_update(w);
	return 1;
}

/* A suggestion is in the scenario when its cut (and its Flex days) already
 * are: applying it again would cut twice. */
int
whatif_panel_suggestion_in(const struct whatif_panel *w, size_t k)
{
	const struct whatif_suggestion *sg = &w->sg[k];
	size_t i = sg->product;
	const struct whatif_change *c = &w->sc.c[i];
	if (whatif_seats(&w->m, &w->sc, i) > w->m.p[i].seats - sg->cut)
		return 0;
	return sg->flex_days == 0 || (c->set && c->flex_days >= sg->flex_days);
}

int
whatif_panel_suggestion(struct whatif_panel *w, size_t k, char *err, size_t n)
{
	if (k >= w->nsg) {
		snprintf(err, n, "no such suggestion");
		return -1;
	}
	if (whatif_panel_suggestion_in(w, k)) {
		snprintf(err, n, "in the scenario already: %s %+lld seats", w->m.p[w->sg[k].product].label,
		    -w->sg[k].cut);
		return -1;
	}
	whatif_undo_push(&w->undo, &w->sc);
	whatif_suggestion_apply(&w->m, &w->sc, &w->sg[k]);
	panel_update(w);
	return 0;
}

int
whatif_panel_load(struct whatif_panel *w, const char *path, char *err, size_t n)
{
	whatif_undo_push(&w->undo, &w->sc);
	if (whatif_scenario_load(&w->m, path, &w->sc, err, n) != 0) {
		whatif_undo_pop(&w->undo, &w->sc);
		return -1;
	}
	panel_update(w);
	return 0;
}

int
whatif_panel_save(const struct whatif_panel *w, const char *path, int force, char *err, size_t n)
{
	return whatif_scenario_save(&w->m, &w->sc, path, force, err, n);
}

void
whatif_panel_day(int64_t t, char *buf, size_t n)
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
whatif_panel_starts(const struct whatif_panel *w, size_t i, int shortform, char *buf, size_t n)
{
	const struct whatif_product *p = &w->m.p[i];
	const struct whatif_line *l = &w->r.line[i];
	enum whatif_when when = whatif_when(&w->m, p, l);
	char a[32], b[32];
	if (when == WHEN_UNCHANGED) {
		/* unchanged: when a cut would save */
		int64_t t = p->term == TERM_MONTHLY ? w->m.next_month : p->renewal;
		whatif_panel_day(t, a, sizeof a);
		if (shortform)
			snprintf(buf, n, "%s", a);
		else if (t == DATE_NULL)
			snprintf(buf, n, "a renewal the data does not give");
		else
			snprintf(buf, n, "%s (%s)", a, p->term == TERM_MONTHLY ? "next month" : "renewal");
		return;
	}
	whatif_panel_day(l->starts, a, sizeof a);
	whatif_panel_day(l->full_from, b, sizeof b);
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
whatif_panel_price(const struct store *s, const struct whatif_product *p, char *buf, size_t n)
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
whatif_panel_export(const struct whatif_panel *w, FILE *f, int ncols, int vcol)
{
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
		whatif_panel_starts(w, i, 1, from, sizeof from);
		snprintf(label, sizeof label, "what-if: savings per month*: %.400s (%lld -> %lld seats from %s)",
		    w->m.p[i].label, l->seats_before, l->seats_after, from);
		export_row(f, label, l->month_saving, ncols, vcol, 1);
	}
}

char *
whatif_panel_spec(const struct whatif_panel *w)
{
	return w->loaded ? whatif_scenario_spec(&w->m, &w->sc) : xstrdup("");
}
