/* ui_whatif.c - the what-if panel: one line per seat product with its
 * term, seats, price, renewal, monthly cost and when a cut saves, then the
 * suggestions; the keys that change the scenario (whatif_panel.h, where
 * every number comes from) and save or load it. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"

static ui_action act_seat_more, act_seat_less, act_seat_type, act_seat_percent, act_wundo, act_wclear,
    act_wapply, act_wsave, act_wload;
static void seats_accept(struct ui *, const char *);
static void save_accept(struct ui *, const char *);
static void load_accept(struct ui *, const char *);
static ui_action seats_cancel, save_no, load_no;

static const struct ui_keydef whatif_keys[] = {
	{NULL, 0, {0}, "What-if: seat counts (simulated)", NULL, NULL, 0},
	{ui_whatif_toggle, SB(ST_LIST) | SB(ST_ROWS) | SB(ST_WHATIF), {'w'}, "w",
	    "open the what-if panel (from the list or the rows), or close it: one line per seat product "
	    "(meter product_seats) with its term, seats, unit price and where it comes from, renewal, monthly "
	    "cost, and when a cut saves; then suggestions from the seat activity. Closing keeps the scenario: "
	    "every screen's header shows baseline, scenario* and savings* per month and annualised, "
	    "marked * simulated", "w what-if", 4},
	{act_seat_more, SB(ST_WHATIF), {'+', '='}, "+, =", "one seat more for the product", "+- seats", 1},
	{act_seat_less, SB(ST_WHATIF), {'-'}, "-", "one seat less for the product", NULL, 0},
	{act_seat_type, SB(ST_WHATIF), {'1', '2', '3', '4', '5', '6', '7', '8', '9', ENTER_KEYS}, "1-9, Enter",
	    "type the product's seats, against the baseline: 12 (a new count), -3 or +2 (a change), -10% (a "
	    "percentage, rounded toward zero), optionally followed by flex DAYS", "1-9 type", 2},
	{act_seat_percent, SB(ST_WHATIF), {'%'}, "%", "type a percentage change of the product's seats (-10: "
	    "a tenth fewer)", "% percent", 6},
	{act_wundo, SB(ST_WHATIF), {'u'}, "u", "undo the last change to the scenario", "u undo", 2},
	{act_wclear, SB(ST_WHATIF), {'0'}, "0", "clear the scenario: back to the baseline (u undoes it)",
	    "0 clear", 3},
	{act_wapply, SB(ST_WHATIF), {'a'}, "a",
	    "apply the highlighted suggestion to the scenario; a suggestion is never applied otherwise",
	    "a apply", 2},
	{act_wsave, SB(ST_WHATIF), {'S'}, "S",
	    "save the scenario to a scenario file (asks before replacing a file)", "S save", 5},
	{act_wload, SB(ST_WHATIF), {'L'}, "L",
	    "load a scenario file, as focal whatif --scenario reads it", "L load", 5},
};

static void
whatif_close(struct ui *u)
{
	if (u->m.wi.sim.active)
		ui_status(u, MSG_INFO, "scenario kept: * marks simulated values (w reopens the panel)");
}

void
ui_whatif_toggle(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	char cur[64];
	int r, first = !w->opened;
	if (ui_top(u) == ST_WHATIF) {
		ui_pop(u);
		whatif_close(u);
		return;
	}
	if (ui_rows_elsewhere(u, "the what-if", "open the files pushed to it"))
		return;
	r = whatif_panel_open(&u->m.wi, u->s, drill_currency(&u->m, cur, sizeof cur));
	if (first)	/* first opened: the core's notes go to the log (W) and the status line */
		for (int i = 0; i < w->m.nnotes; i++)
			ui_log(u, C_WARN, "what-if: %s", w->m.note[i]);
	if (r < 0) {
		ui_status(u, MSG_WARN, "no seat products in the data (meter product_seats, ChargeCategory "
		    "Purchase): nothing to simulate%s", w->m.nnotes ? "; W lists why" : "");
		return;
	}
	if (first && w->m.nnotes)
		ui_status(u, MSG_WARN, "%s%s", w->m.note[0], w->m.nnotes > 1 ? " (W lists every note)" : "");
	ui_push(u, ST_WHATIF);
}

/* The product under the cursor: 1, or 0 (on a suggestion: said why). */
static int
whatif_product(struct ui *u, size_t *i)
{
	struct whatif_panel *w = &u->m.wi;
	if (w->cur < w->m.n) {
		*i = w->cur;
		return 1;
	}
	ui_status(u, MSG_INFO, "a suggestion: a applies it; seats are changed on a product's line");
	return 0;
}

/* After a change: the product's seats now, and the scenario's saving. */
static void
whatif_said(struct ui *u, size_t i)
{
	struct whatif_panel *w = &u->m.wi;
	const struct whatif_line *l = &w->r.line[i];
	char save[96];
	report_money(u->s, w->r.total.month_saving, save, sizeof save);
	ui_status(u, MSG_INFO, "%s: %lld -> %lld seats%s; the scenario saves %s*/mo", w->m.p[i].label,
	    l->seats_before, l->seats_after, l->simulated ? "*" : "", save);
}

static void
seat_step(struct ui *u, long long delta)
{
	char err[600];
	size_t i;
	if (!whatif_product(u, &i))
		return;
	if (whatif_panel_step(&u->m.wi, i, delta, err, sizeof err) != 0)
		ui_status(u, MSG_ERROR, "%s", err);
	else
		whatif_said(u, i);
}

static void act_seat_more(struct ui *u) { seat_step(u, 1); }
static void act_seat_less(struct ui *u) { seat_step(u, -1); }

static void
seats_cancel(struct ui *u)
{
	ui_status(u, MSG_INFO, "seats unchanged");
}

/* A typed seat change of the product under the cursor; "-10" typed after %
 * is "-10%". */
static void
seats_accept(struct ui *u, const char *text)
{
	char change[600], err[600];
	size_t i = u->m.wi.cur, len = strlen(text);
	if (len == 0) {
		seats_cancel(u);
		return;
	}
	snprintf(change, sizeof change, "%s%s", text, u->in.kind == IN_PERCENT && text[len - 1] != '%' ? "%" : "");
	if (whatif_panel_apply(&u->m.wi, i, change, err, sizeof err) != 0)
		ui_status(u, MSG_ERROR, "%s", err);
	else
		whatif_said(u, i);
}

static void
seat_prompt(struct ui *u, enum ui_input kind)
{
	size_t i;
	char first[8] = "";
	if (u->m.wi.cur >= u->m.wi.m.n && (u->key == '\n' || u->key == '\r' || u->key == KC(KEY_ENTER))) {
		ui_status(u, MSG_INFO, "a applies this suggestion (nothing is applied without it)");
		return;
	}
	if (!whatif_product(u, &i))
		return;
	if (kind == IN_SEATS && u->key >= '1' && u->key <= '9')
		snprintf(first, sizeof first, "%c", u->key);
	ui_input_open(u, kind, first, NULL, seats_accept, seats_cancel);
}

static void act_seat_type(struct ui *u) { seat_prompt(u, IN_SEATS); }
static void act_seat_percent(struct ui *u) { seat_prompt(u, IN_PERCENT); }

static void
act_wundo(struct ui *u)
{
	if (whatif_panel_undo(&u->m.wi))
		ui_status(u, MSG_INFO, "undone: %zu product%s changed", u->m.wi.sim.nchanged,
		    u->m.wi.sim.nchanged == 1 ? "" : "s");
	else
		ui_status(u, MSG_INFO, "nothing to undo");
}

static void
act_wclear(struct ui *u)
{
	if (whatif_panel_clear(&u->m.wi))
		ui_status(u, MSG_INFO, "scenario cleared: the baseline (u undoes it)");
	else
		ui_status(u, MSG_INFO, "the scenario is the baseline already");
}

static void
act_wapply(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	const struct whatif_suggestion *sg;
	char err[600], y[96], from[64];
	if (w->nsg == 0) {
		ui_status(u, MSG_INFO, "no suggestions: the data shows no idle, unassigned or occasional seats");
		return;
	}
	if (w->cur < w->m.n) {
		ui_status(u, MSG_INFO, "a applies a suggestion: move down to one, below the products");
		return;
	}
	sg = &w->sg[w->cur - w->m.n];
	if (whatif_panel_suggestion(&u->m.wi, w->cur - w->m.n, err, sizeof err) != 0) {
		ui_status(u, MSG_WARN, "%s", err);
		return;
	}
	report_money(u->s, sg->effect.year_saving, y, sizeof y);
	whatif_panel_starts(w, sg->product, 1, from, sizeof from);
	ui_status(u, MSG_INFO, "applied %s: %s %+lld seats, saves %s* a year from %s (u undoes)",
	    whatif_rule_name(sg->rule), w->m.p[sg->product].label, -sg->cut, y, from);
}

/* ---- scenario files ---- */

static void
remember_saved(struct ui *u)
{
	free(u->scenario_saved);
	u->scenario_saved = whatif_panel_spec(&u->m.wi);
	u->quit_asked = 0;
}

int
ui_whatif_unsaved(struct ui *u)
{
	char *now;
	int unsaved;
	if (!u->m.wi.sim.active)
		return 0;
	now = whatif_panel_spec(&u->m.wi);
	unsaved = u->scenario_saved == NULL || strcmp(now, u->scenario_saved) != 0;
	free(now);
	return unsaved;
}

static void
scenario_save(struct ui *u, const char *path, int force)
{
	char err[1200];
	if (whatif_panel_save(&u->m.wi, path, force, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "not saved: %s", err);
		return;
	}
	snprintf(u->scenario_path, sizeof u->scenario_path, "%s", path);
	remember_saved(u);
	ui_status(u, MSG_INFO, "scenario saved to %s (%zu product%s changed)", path, u->m.wi.sim.nchanged,
	    u->m.wi.sim.nchanged == 1 ? "" : "s");
}

static void
scenario_load(struct ui *u, const char *path)
{
	char err[1200];
	if (whatif_panel_load(&u->m.wi, path, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "not loaded: %s", err);
		return;
	}
	snprintf(u->scenario_path, sizeof u->scenario_path, "%s", path);
	remember_saved(u);
	ui_status(u, MSG_INFO, "scenario loaded from %s: %zu product%s changed (u undoes)", path, u->m.wi.sim.nchanged,
	    u->m.wi.sim.nchanged == 1 ? "" : "s");
}

static void
save_no(struct ui *u)
{
	ui_status(u, MSG_INFO, "not saved");
}

static void
load_no(struct ui *u)
{
	ui_status(u, MSG_INFO, "not loaded");
}

static void
save_accept(struct ui *u, const char *text)
{
	ui_input_file(u, text, scenario_save, save_no);
}

static void
load_accept(struct ui *u, const char *text)
{
	char *path;
	if (text[0] == '\0') {
		load_no(u);
		return;
	}
	path = ui_input_path(text);
	scenario_load(u, path);
	free(path);
}

static void
scenario_prompt(struct ui *u, enum ui_input kind)
{
	ui_input_open(u, kind, u->scenario_path[0] ? u->scenario_path : kind == IN_SAVE ? "focal.scenario" : "", NULL,
	    kind == IN_SAVE ? save_accept : load_accept, kind == IN_SAVE ? save_no : load_no);
}

static void act_wsave(struct ui *u) { scenario_prompt(u, IN_SAVE); }
static void act_wload(struct ui *u) { scenario_prompt(u, IN_LOAD); }

/* ---- drawing ---- */

/* Columns of the panel, in screen order. The product, its seats before and
 * after and its monthly cost before and after always show; the others drop
 * as the terminal narrows, in the order of wdrop[]. The detail lines below
 * the list say everything about the line under the cursor at any width. */
enum { WC_TERM, WC_SEATS, WC_NEW, WC_PRICE, WC_FROM, WC_RENEW, WC_MONTH, WC_AFTER, WC_YEAR, WC_STARTS, WC_N };
static const char *const whead[WC_N] = {"Term", "Seats", "New*", "Unit price", "From", "Renews", "Monthly",
    "After*", "Saves/yr*", "Saves from"};
static const int wright[WC_N] = {0, 1, 1, 1, 0, 0, 1, 1, 1, 0};
static const int wdrop[] = {WC_FROM, WC_PRICE, WC_RENEW, WC_YEAR, WC_TERM, WC_STARTS};

#define WTOP 5		/* title, the scenario (3 lines), column heads */
#define WLABEL_MIN 12

struct wlayout {
	int lw, x[WC_N], w[WC_N], on[WC_N];
};

/* The text of column c for product i (SIZE_MAX: the total). *sim: the cell
 * is the scenario's (drawn marked); *dim: a date a cut would start at. */
static void
wcell(struct ui *u, size_t i, int c, char *buf, size_t n, int *sim, int *dim)
{
	const struct whatif_panel *w = &u->m.wi;
	const struct whatif_product *p = i < w->m.n ? &w->m.p[i] : NULL;
	const struct whatif_line *l = p ? &w->r.line[i] : &w->r.total;
	*sim = l->simulated;
	*dim = 0;
	buf[0] = '\0';
	switch (c) {
	case WC_TERM:
		if (p)
			snprintf(buf, n, "%s", whatif_term_name(p->term));
		break;
	case WC_SEATS:
		snprintf(buf, n, "%lld", l->seats_before);
		break;
	case WC_NEW:
		snprintf(buf, n, "%lld%s", l->seats_after, *sim ? "*" : "");
		break;
	case WC_PRICE:
		if (p)
			whatif_panel_price(u->s, p, buf, n);
		break;
	case WC_FROM:
		if (p)
			snprintf(buf, n, "%s", whatif_price_source_name(p->price_source));
		break;
	case WC_RENEW:
		if (p)
			whatif_panel_day(p->renewal, buf, n);
		break;
	case WC_MONTH:
		ui_sim_money(u, l->month_before, 0, buf, n);
		break;
	case WC_AFTER:
		ui_sim_money(u, l->month_after, *sim, buf, n);
		break;
	case WC_YEAR:	/* blank where nothing changes: a saving is the scenario's */
		if (*sim || !p)
			ui_sim_money(u, l->year_saving, *sim, buf, n);
		break;
	case WC_STARTS:
		if (p) {
			whatif_panel_starts(w, i, 1, buf, n);
			*dim = !(l->simulated && (l->seats_after != l->seats_before || l->flex_month));
		} else if (l->simulated && l->starts != DATE_NULL)
			whatif_panel_day(l->starts, buf, n);
		break;
	}
	if (c != WC_NEW && c != WC_AFTER && c != WC_YEAR)
		*sim = 0;
}

static void
wlayout(struct ui *u, struct wlayout *L)
{
	const struct whatif_panel *w = &u->m.wi;
	char buf[160];
	int maxl = text_width("Product"), need, sim, dim;
	size_t k = 0;
	for (int c = 0; c < WC_N; c++) {
		L->w[c] = text_width(whead[c]);
		L->on[c] = 1;
	}
	for (size_t i = 0; i <= w->m.n; i++) {
		size_t pi = i < w->m.n ? i : SIZE_MAX;
		if (i < w->m.n) {
			text_fit(w->m.p[i].label, 60, buf, sizeof buf, !u->utf8);
			if (text_width(buf) > maxl)
				maxl = text_width(buf);
		}
		for (int c = 0; c < WC_N; c++) {
			wcell(u, pi, c, buf, sizeof buf, &sim, &dim);
			if (text_width(buf) > L->w[c])
				L->w[c] = text_width(buf);
		}
	}
	for (;;) {
		need = 2 + WLABEL_MIN;
		for (int c = 0; c < WC_N; c++)
			need += L->on[c] ? 1 + L->w[c] : 0;
		if (need <= COLS - 1 || k == sizeof wdrop / sizeof *wdrop)
			break;
		L->on[wdrop[k++]] = 0;
	}
	L->lw = COLS - 1 - (need - WLABEL_MIN);
	if (L->lw > maxl)
		L->lw = maxl;
	if (L->lw < 4)
		L->lw = 4;
	{
		int x = 2 + L->lw;
		for (int c = 0; c < WC_N; c++)
			if (L->on[c]) {
				L->x[c] = x + 1;
				x += 1 + L->w[c];
			}
	}
}

/* What the detail lines say about item i (a product, then a suggestion). */
static void
wdetail(struct ui *u, size_t i, char *buf, size_t n)
{
	const struct whatif_panel *w = &u->m.wi;
	char price[96], a[96], b[96], c[96], from[160], renew[160];
	if (i < w->m.n) {
		const struct whatif_product *p = &w->m.p[i];
		const struct whatif_line *l = &w->r.line[i];
		char subs[96] = "";
		whatif_panel_price(u->s, p, price, sizeof price);
		whatif_panel_day(p->renewal, a, sizeof a);
		if (p->renewal == DATE_NULL)
			snprintf(renew, sizeof renew, "renewal not in the data");
		else
			snprintf(renew, sizeof renew, "%s %s", p->term == TERM_MONTHLY ? "next charge" : "renews", a);
		if (p->nlots > 1)
			snprintf(subs, sizeof subs, " in %d subscriptions%s", p->nlots, p->mixed_prices ?
			    " (prices differ: the first is shown)" : "");
		whatif_panel_starts(w, i, 0, from, sizeof from);
		if (l->simulated) {
			ui_sim_money(u, l->month_saving < 0 ? -l->month_saving : l->month_saving, 1, a, sizeof a);
			ui_sim_money(u, l->year_saving < 0 ? -l->year_saving : l->year_saving, 1, b, sizeof b);
			ui_sim_money(u, l->next12_saving, 1, c, sizeof c);
			snprintf(buf, n, "%s: %s term (%s), %lld seats at %s (%s)%s, %s. Scenario: %lld seats*, %s %s a "
			    "month, %s a year, from %s; in the next 12 months %s.", p->label, whatif_term_name(p->term),
			    p->term_from, p->seats, price, whatif_price_source_column(p->price_source), subs, renew,
			    l->seats_after, l->month_saving < 0 ? "costs more by" : "saves", a, b, from, c);
		} else
			snprintf(buf, n, "%s: %s term (%s), %lld seats at %s (%s)%s, %s. A cut saves from %s.", p->label,
			    whatif_term_name(p->term), p->term_from, p->seats, price,
			    whatif_price_source_column(p->price_source), subs, renew, from);
	} else if (i - w->m.n < w->nsg) {
		const struct whatif_suggestion *sg = &w->sg[i - w->m.n];
		ui_sim_money(u, sg->effect.month_saving, 1, a, sizeof a);
		ui_sim_money(u, sg->effect.year_saving, 1, b, sizeof b);
		ui_sim_money(u, sg->effect.next12_saving, 1, c, sizeof c);
		whatif_panel_day(sg->effect.starts, from, sizeof from);
		snprintf(buf, n, "Rule %s (%s): %s: %s. Saves %s a month, %s a year, from %s; in the next 12 months %s.",
		    whatif_rule_name(sg->rule), whatif_panel_suggestion_in(w, i - w->m.n) ? "in the scenario" :
		    "not applied; a applies it", w->m.p[sg->product].label, sg->why, a, b, from, c);
	} else
		buf[0] = '\0';
}

/* The columns of the suggestions: product, cut, money. */
struct wsugg {
	int lw, cw, mw;
	int brief;	/* narrow: "(in)" for "(in scenario)" */
};

/* A suggestion's cut and saving a year, right-aligned in their columns. */
static void
wsugg_tail(struct ui *u, size_t k, const struct wsugg *W, char *buf, size_t n)
{
	const struct whatif_panel *w = &u->m.wi;
	const struct whatif_suggestion *sg = &w->sg[k];
	char money[96], flex[96] = "";
	ui_sim_money(u, sg->effect.year_saving, 1, money, sizeof money);
	if (sg->flex_days) {
		char d[48];
		money_format(sg->flex_days, -1, 0, 0, d, sizeof d);
		snprintf(flex, sizeof flex, ", Flex %s days/mo", d);
	}
	snprintf(buf, n, "%*lld seats  %*s/yr%s%s", W->cw, -sg->cut, W->mw, money, flex,
	    !whatif_panel_suggestion_in(w, k) ? "" : W->brief ? " (in)" : " (in scenario)");
}

static void
wsugg_widths(struct ui *u, struct wsugg *W)
{
	const struct whatif_panel *w = &u->m.wi;
	char buf[300];
	int tail = 0;
	W->lw = 4;
	W->cw = W->mw = W->brief = 0;
	for (size_t k = 0; k < w->nsg; k++) {
		ui_sim_money(u, w->sg[k].effect.year_saving, 1, buf, sizeof buf);
		if (text_width(buf) > W->mw)
			W->mw = text_width(buf);
		snprintf(buf, sizeof buf, "%lld", -w->sg[k].cut);
		if (text_width(buf) > W->cw)
			W->cw = text_width(buf);
	}
	for (size_t k = 0; k < w->nsg; k++) {
		text_fit(w->m.p[w->sg[k].product].label, 60, buf, sizeof buf, !u->utf8);
		if (text_width(buf) > W->lw)
			W->lw = text_width(buf);
	}
	for (W->brief = 0; W->brief < 2; W->brief++) {
		tail = 0;
		for (size_t k = 0; k < w->nsg; k++) {
			wsugg_tail(u, k, W, buf, sizeof buf);
			if (text_width(buf) > tail)
				tail = text_width(buf);
		}
		if (COLS - 1 - 14 - tail >= 8)
			break;
	}
	if (W->brief > 1)
		W->brief = 1;
	if (W->lw > COLS - 1 - 14 - tail)	/* rule (11), gaps */
		W->lw = COLS - 1 - 14 - tail;
	if (W->lw < 8)
		W->lw = 8;
}

/* A suggestion's line: its rule, the product, the cut and its saving. */
static void
draw_suggestion(struct ui *u, int y, size_t k, int base, const struct wsugg *W)
{
	const struct whatif_panel *w = &u->m.wi;
	char tail[300];
	int in = whatif_panel_suggestion_in(w, k), lw = W->lw;
	wsugg_tail(u, k, W, tail, sizeof tail);
	ui_put(u, y, 2, 11, whatif_rule_name(w->sg[k].rule), theme_attr(C_KEY) | base);
	ui_put(u, y, 13, lw, w->m.p[w->sg[k].product].label, theme_attr(in ? C_DIMTEXT : C_NORMAL) | base);
	ui_put(u, y, 14 + lw, COLS - 15 - lw, tail, theme_attr(in ? C_DIMTEXT : C_SIM) | base);
}

static void
draw_whatif(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	struct wlayout L;
	struct wsugg SW;
	char buf[4200], d[32];
	int ndetail = ui_detail_lines(u, u->m.wi.m.n + u->m.wi.nsg, wdetail, LINES >= 24 ? 3 : 2, LINES - FOOT - WTOP);
	int rows = LINES - FOOT - ndetail - WTOP, sim, dim;
	size_t nd = w->m.n + 2 + w->nsg, dc = w->cur < w->m.n ? w->cur : w->cur + 2;

	u->list_rows = rows;
	whatif_panel_day(w->m.as_of, d, sizeof d);
	snprintf(buf, sizeof buf, "What-if: %zu seat product%s as of %s%s%s%s", w->m.n, w->m.n == 1 ? "" : "s", d,
	    w->m.currency[0] ? " (" : "", w->m.currency, w->m.currency[0] ? ")" : "");
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	ui_draw_sim(u, 1);
	wlayout(u, &L);
	wsugg_widths(u, &SW);
	ui_fill(WTOP - 1, A_NORMAL);
	ui_put(u, WTOP - 1, 2, L.lw, "Product", theme_attr(C_HEAD));
	for (int c = 0; c < WC_N; c++)
		if (L.on[c]) {
			if (wright[c])
				ui_put_right(u, WTOP - 1, L.x[c] + L.w[c], L.w[c], whead[c], theme_attr(C_HEAD));
			else
				ui_put(u, WTOP - 1, L.x[c], L.w[c], whead[c], theme_attr(C_HEAD));
		}

	ui_scroll_to(dc, &w->top, nd, rows);
	if (w->cur == w->m.n && w->top == dc && dc > 0)
		w->top = dc - 1;	/* the first suggestion: with its heading */
	for (int y = 0; y < rows && w->top + (size_t)y < nd; y++) {
		size_t di = w->top + (size_t)y;
		int yy = WTOP + y, sel = di == dc, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(yy, base);
			ui_put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		if (di == w->m.n + 1) {
			if (w->nsg)
				snprintf(buf, sizeof buf, "Suggestions (idle %d days, occasional < %d days/mo)%s",
				    w->m.idle_days, w->m.occasional_days, COLS >= 68 ? ": a applies one" : "");
			else
				snprintf(buf, sizeof buf, "Suggestions: none (the data shows no idle, unassigned or "
				    "occasional seats)");
			ui_put(u, yy, 1, COLS - 2, buf, theme_attr(C_HEAD));
			continue;
		}
		if (di > w->m.n + 1) {
			draw_suggestion(u, yy, di - w->m.n - 2, base, &SW);
			continue;
		}
		{
			size_t pi = di < w->m.n ? di : SIZE_MAX;
			int la = pi == SIZE_MAX ? theme_attr(C_TOTAL) : theme_attr(C_NORMAL);
			ui_put(u, yy, 2, L.lw, pi == SIZE_MAX ? "Total" : w->m.p[pi].label, la | base);
			for (int c = 0; c < WC_N; c++) {
				int a;
				if (!L.on[c])
					continue;
				wcell(u, pi, c, buf, sizeof buf, &sim, &dim);
				a = theme_attr(sim ? C_SIM : dim ? C_DIMTEXT : pi == SIZE_MAX ? C_TOTAL : C_NORMAL) | base;
				if (wright[c])
					ui_put_right(u, yy, L.x[c] + L.w[c], L.w[c], buf, a);
				else
					ui_put(u, yy, L.x[c], L.w[c], buf, a);
			}
		}
	}
	if (w->m.n == 0)
		ui_put(u, WTOP, 2, COLS - 4, "no seat products in the data", theme_attr(C_DIMTEXT));
	wdetail(u, w->cur, buf, sizeof buf);
	ui_put_wrapped(u, LINES - FOOT - ndetail, ndetail, buf, theme_attr(C_NORMAL));
}


static size_t *
whatif_cursor(struct ui *u, size_t *n)
{
	*n = whatif_panel_items(&u->m.wi);
	return &u->m.wi.cur;
}

const struct ui_screen ui_whatif_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_whatif,
	.cursor = whatif_cursor,
	.close = whatif_close,
	.keys = whatif_keys,
	.nkeys = sizeof whatif_keys / sizeof *whatif_keys,
};
