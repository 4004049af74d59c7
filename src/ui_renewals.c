/* ui_renewals.c - the renewal calendar (c from the list): the seat
 * subscriptions renewing in the next 90 days, in date order, as `focal
 * renewals` lists them (renewals.h, over the what-if panel's own model, so
 * the products and cuts are the panel's). Renewal costs and savings are
 * projections: marked * and drawn as the panel draws simulated figures,
 * never added to the totals from the data. Enter opens the what-if panel on
 * the product with the suggested cut filled in (a scenario edit: marked
 * simulated, u undoes it). */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "renewals.h"
#include "report.h"
#include "seatact.h"
#include "text.h"
#include "ui.h"

#define REN_DAYS 90	/* as focal renewals without --days */

static ui_action act_renewals, act_ren_whatif;

static const struct ui_keydef renewals_keys[] = {
	{NULL, 0, {0}, "Renewal calendar (projected)", NULL, NULL, 0},
	{act_renewals, SB(ST_LIST), {'c'}, "c",
	    "the renewal calendar: every seat subscription renewing in the next 90 days, in date order, with its "
	    "term, seats, renewal cost at the contracted price*, seats active at peak, the cut the suggestion "
	    "rules would make and what it saves over the next term*, as focal renewals lists them; * marks "
	    "projections, never added to the totals from the data; under it, the seat activity of the "
	    "selected line's product, month by month (data, as focal renewals --activity prints it)", NULL, 0},
	{act_ren_whatif, SB(ST_RENEWALS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "open the what-if panel on the product with the suggested cut filled in (a scenario change, "
	    "marked * simulated; u undoes it)", "Enter what-if", 1},
};

static void
renewals_free(struct ui *u)
{
	free(u->ren.r);
	free(u->ren.act);
	u->ren.r = NULL;
	u->ren.act = NULL;
	u->ren.n = u->ren.cur = u->ren.top = u->ren.nact = u->ren.act_of = 0;
	u->ren.dcols = 0;
}

void
ui_renewals_free(struct ui *u)
{
	renewals_free(u);
	u->ren.built = 0;
}

/* Closing the screen keeps the list (the what-if model it comes from does
 * not change after the load): the cursor and the activity read go. */
static void
renewals_close(struct ui *u)
{
	/* the list and the activity read for it stay: c opens at once */
	u->ren.cur = u->ren.top = 0;
}

static void
renewals_ensure(struct ui *u)
{
	char cur[64];
	/* the model is of the seats in the currency shown, when they are
	 * billed in several: another currency, another model, another list */
	whatif_panel_prepare(&u->m.wi, u->s, drill_currency(&u->m, cur, sizeof cur));
	if (u->ren.built && u->ren.of_gen == u->m.wi.gen)
		return;
	renewals_free(u);
	u->ren.n = renewals_list(&u->m.wi.m, REN_DAYS, &u->ren.r);
	u->ren.built = 1;
	u->ren.of_gen = u->m.wi.gen;
}

static int detail_lines(struct ui *);
static void act_load(struct ui *);

int
ui_renewals_pending(const struct ui *u)
{
	return store_engine(u->s, NULL) == NULL &&
	    !(u->ren.built && u->ren.dcols && (u->ren.cur >= u->ren.n || u->ren.act_of));
}

int
ui_renewals_idle(struct ui *u)
{
	/* once the what-if model is ready, a step each: the list, its
	 * details' height for this width (each item's detail written once:
	 * 3,900 of them take 20 ms at 10M rows), the seat activity of the
	 * first renewal's product (a pass over the seat rows), so that c only
	 * draws */
	if (!ui_renewals_pending(u) || !u->m.wi.loaded)
		return 0;
	if (!u->ren.built || u->ren.of_gen != u->m.wi.gen) {	/* none yet, or of a model gone */
		renewals_ensure(u);
		return 1;
	}
	if (u->ren.dcols == 0) {	/* not yet measured for any width */
		detail_lines(u);
		return 1;
	}
	if (u->ren.cur < u->ren.n && u->ren.act_of == 0) {	/* the activity of the product under the cursor */
		act_load(u);
		return 1;
	}
	return 0;
}

static void
act_renewals(struct ui *u)
{
	if (ui_rows_elsewhere(u, "renewals", "open the files pushed to it"))
		return;
	renewals_close(u);
	renewals_ensure(u);
	ui_push(u, ST_RENEWALS);
	if (u->ren.n == 0)
		ui_status(u, MSG_INFO, u->m.wi.m.n ? "no seat subscription renews in the next %d days" :
		    "no seat products in the data (meter product_seats): no renewals (%d days)", REN_DAYS);
}

/* Enter: the panel on the product, its seats cut as suggested. */
static void
act_ren_whatif(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	const struct renewal *r;
	char change[96], err[600], save[96], d[32];
	if (u->ren.cur >= u->ren.n)
		return;
	r = &u->ren.r[u->ren.cur];
	ui_whatif_toggle(u);
	if (ui_top(u) != ST_WHATIF)
		return;
	w->cur = r->product;
	whatif_panel_day(r->date, d, sizeof d);
	if (r->cut == 0) {
		ui_status(u, MSG_INFO, "%s: no cut suggested at its %s renewal: the scenario is unchanged",
		    w->m.p[r->product].label, d);
		return;
	}
	snprintf(change, sizeof change, "-%lld", r->cut);
	if (r->flex_days) {
		char fd[48];
		money_format(r->flex_days, -1, 0, 0, fd, sizeof fd);
		snprintf(change + strlen(change), sizeof change - strlen(change), " flex %s", fd);
	}
	if (whatif_panel_apply(w, r->product, change, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "%s", err);
		return;
	}
	report_money(u->s, w->r.total.month_saving, save, sizeof save);
	ui_status(u, MSG_INFO, "%s: %lld -> %lld seats*, saves %s*/mo (u undoes)",
	    w->m.p[r->product].label, w->r.line[r->product].seats_before, w->r.line[r->product].seats_after, save);
}

/* ---- drawing ---- */

/* Columns after the product, in screen order; the optional ones drop as
 * the terminal narrows, in the order of rdrop[]. */
enum { RC_DATE, RC_TERM, RC_SUB, RC_SEATS, RC_COST, RC_PEAK, RC_CUT, RC_RULE, RC_SAVE, RC_N };
static const char *const rhead[RC_N] = {"Renews", "Term", "Subscription", "Seats", "Renewal*", "Peak", "Cut",
    "Rule", "Saves/term*"};
static const int rright[RC_N] = {0, 0, 0, 1, 1, 1, 1, 0, 1};
static const int rdrop[] = {RC_SUB, RC_RULE, RC_TERM};

#define RTOP 2		/* title, column heads (plus the scenario's 3 lines) */
#define RLABEL_MIN 10

struct rlayout {
	int lw, x[RC_N], w[RC_N], on[RC_N];
};

/* The text of column c of renewal i (SIZE_MAX: the total); *proj: it is a
 * projection (drawn marked). */
static void
rcell(struct ui *u, size_t i, int c, char *buf, size_t n, int *proj)
{
	const struct whatif_model *m = &u->m.wi.m;
	const struct renewal *r = i < u->ren.n ? &u->ren.r[i] : NULL;
	long long seats = 0, cut = 0;
	money_t cost = 0, save = 0;
	*proj = 0;
	buf[0] = '\0';
	if (r == NULL)
		for (size_t k = 0; k < u->ren.n; k++) {
			seats += u->ren.r[k].seats;
			cut += u->ren.r[k].cut;
			cost = money_add(cost, u->ren.r[k].cost);
			save = money_add(save, u->ren.r[k].saving);
		}
	switch (c) {
	case RC_DATE:
		if (r)
			whatif_panel_day(r->date, buf, n);
		break;
	case RC_TERM:
		if (r)
			snprintf(buf, n, "%s", whatif_term_name(m->p[r->product].term));
		break;
	case RC_SUB:
		if (r)
			snprintf(buf, n, "%s", m->p[r->product].lot[r->lot].id);
		break;
	case RC_SEATS:
		snprintf(buf, n, "%lld", r ? r->seats : seats);
		break;
	case RC_COST:
		ui_sim_money(u, r ? r->cost : cost, 1, buf, n);
		*proj = 1;
		break;
	case RC_PEAK:
		if (r && r->peak >= 0)
			snprintf(buf, n, "%lld", r->peak);
		else if (r)
			snprintf(buf, n, "-");
		break;
	case RC_CUT:
		snprintf(buf, n, "%lld", r ? r->cut : cut);
		break;
	case RC_RULE:
		if (r)
			renewals_rules_text(r->rules, buf, n);
		break;
	case RC_SAVE:
		ui_sim_money(u, r ? r->saving : save, 1, buf, n);
		*proj = 1;
		break;
	}
}

static void
rlayout(struct ui *u, struct rlayout *L)
{
	char buf[160];
	int maxl = text_width("Product"), need, proj;
	size_t k = 0;
	for (int c = 0; c < RC_N; c++) {
		L->w[c] = text_width(rhead[c]);
		L->on[c] = 1;
	}
	for (size_t i = 0; i <= u->ren.n; i++) {
		if (i < u->ren.n) {
			text_fit(u->m.wi.m.p[u->ren.r[i].product].label, 40, buf, sizeof buf, !u->utf8);
			if (text_width(buf) > maxl)
				maxl = text_width(buf);
		}
		for (int c = 0; c < RC_N; c++) {
			rcell(u, i < u->ren.n ? i : SIZE_MAX, c, buf, sizeof buf, &proj);
			if (text_width(buf) > L->w[c])
				L->w[c] = text_width(buf) > 24 ? 24 : text_width(buf);
		}
	}
	for (;;) {
		need = 2 + RLABEL_MIN;
		for (int c = 0; c < RC_N; c++)
			need += L->on[c] ? 1 + L->w[c] : 0;
		if (need <= COLS - 1 || k == sizeof rdrop / sizeof *rdrop)
			break;
		L->on[rdrop[k++]] = 0;
	}
	L->lw = COLS - 1 - (need - RLABEL_MIN);
	if (L->lw > maxl)
		L->lw = maxl;
	if (L->lw < 4)
		L->lw = 4;
	{
		/* the date first, then the product, then the rest */
		int x = 2;
		L->x[RC_DATE] = x;
		x += L->w[RC_DATE] + 1 + L->lw;
		for (int c = RC_DATE + 1; c < RC_N; c++)
			if (L->on[c]) {
				L->x[c] = x + 1;
				x += 1 + L->w[c];
			}
	}
}

/* What the detail lines say about renewal i. */
static void
rdetail(struct ui *u, size_t i, char *buf, size_t n)
{
	const struct whatif_model *m = &u->m.wi.m;
	const struct renewal *r;
	const struct whatif_product *p;
	const struct whatif_lot *l;
	char d[32], price[96], cost[96], save[96], rules[200], peak[128], per[32];
	if (i >= u->ren.n) {
		buf[0] = '\0';
		return;
	}
	r = &u->ren.r[i];
	p = &m->p[r->product];
	l = &p->lot[r->lot];
	whatif_panel_day(r->date, d, sizeof d);
	report_money(u->s, l->price, price, sizeof price);
	ui_sim_money(u, r->cost, 1, cost, sizeof cost);
	ui_sim_money(u, r->saving, 1, save, sizeof save);
	if (r->peak >= 0)
		snprintf(peak, sizeof peak, r->peak_months == 1 ? "Peak %lld active last month" :
		    "Peak %lld active over the last %d months", r->peak, r->peak_months);
	else
		snprintf(peak, sizeof peak, "No seat activity in the data");
	if (r->cut) {
		char why[48];
		snprintf(rules, sizeof rules, "Cut %lld (%s) saves %s over the term; Enter tries it", r->cut,
		    renewals_rules_text(r->rules, why, sizeof why), save);
	} else
		snprintf(rules, sizeof rules, "No cut suggested");
	if (l->price_months == 1 || l->price_months == 12)
		snprintf(per, sizeof per, "a %s", l->price_months == 1 ? "month" : "year");
	else
		snprintf(per, sizeof per, "per %d months", l->price_months);
	snprintf(buf, n, "%s (%s): %lld seats at %s %s (%s) renew %s for a %s term, %s. %s. %s.", p->label, l->id,
	    r->seats, price, per, whatif_price_source_column(l->source), d, whatif_term_name(p->term), cost, peak,
	    rules);
}

static void
draw_head(struct ui *u, const struct rlayout *L, int y)
{
	ui_fill(y, A_NORMAL);
	ui_put(u, y, L->x[RC_DATE], L->w[RC_DATE], rhead[RC_DATE], theme_attr(C_HEAD));
	ui_put(u, y, L->x[RC_DATE] + L->w[RC_DATE] + 1, L->lw, "Product", theme_attr(C_HEAD));
	for (int c = RC_DATE + 1; c < RC_N; c++)
		if (L->on[c]) {
			if (rright[c])
				ui_put_right(u, y, L->x[c] + L->w[c], L->w[c], rhead[c], theme_attr(C_HEAD));
			else
				ui_put(u, y, L->x[c], L->w[c], rhead[c], theme_attr(C_HEAD));
		}
}

/* Line i of the calendar (SIZE_MAX: the total) at y. */
static void
draw_line(struct ui *u, const struct rlayout *L, size_t i, int y, int base)
{
	char buf[160];
	int proj, tot = i == SIZE_MAX;
	int la = theme_attr(tot ? C_TOTAL : C_NORMAL);
	rcell(u, i, RC_DATE, buf, sizeof buf, &proj);
	ui_put(u, y, L->x[RC_DATE], L->w[RC_DATE], buf, la | base);
	ui_put(u, y, L->x[RC_DATE] + L->w[RC_DATE] + 1, L->lw, tot ? "Total" :
	    u->m.wi.m.p[u->ren.r[i].product].label, la | base);
	for (int c = RC_DATE + 1; c < RC_N; c++) {
		int a;
		if (!L->on[c])
			continue;
		rcell(u, i, c, buf, sizeof buf, &proj);
		a = theme_attr(proj ? C_SIM : tot ? C_TOTAL : C_NORMAL) | base;
		if (rright[c])
			ui_put_right(u, y, L->x[c] + L->w[c], L->w[c], buf, a);
		else
			ui_put(u, y, L->x[c], L->w[c], buf, a);
	}
}

/* ---- the seat activity chart of the product under the cursor ---- */

#define ACT_MONTHS 12	/* as focal renewals --activity */
#define ACT_MIN 3	/* months the chart keeps when the list is long (it scrolls) */

/* Reads the product's seat activity once, not per frame: the cursor moving
 * to another renewal of the same product reads nothing. */
static void
act_load(struct ui *u)
{
	const struct whatif_model *m = &u->m.wi.m;
	size_t p;
	if (u->ren.cur >= u->ren.n)
		return;
	p = u->ren.r[u->ren.cur].product;
	if (u->ren.act_of == p + 1)
		return;
	free(u->ren.act);
	u->ren.nact = seat_activity(u->s, m->p[p].name, m->as_of, ACT_MONTHS, &u->ren.act);
	u->ren.act_of = p + 1;
}

/* Months of the activity that say how many seats were active; none: the
 * chart says so rather than drawing zeros. */
static int
act_known(const struct ui *u)
{
	for (size_t k = 0; k < u->ren.nact; k++)
		if (u->ren.act[k].active >= 0)
			return 1;
	return 0;
}

/* Lines of the chart below the list, of `rows` for both: its title, heads
 * and a line a month, as many months as fit under the whole list; at least
 * ACT_MIN of them (the list then scrolls in the rest), else no chart. */
static int
act_lines(struct ui *u, int rows, size_t nd)
{
	int want, fit;
	if (u->ren.n == 0)
		return 0;
	act_load(u);
	want = act_known(u) ? 2 + (int)u->ren.nact : 2;
	fit = rows - (int)nd;
	if (fit >= want)
		return want;
	if (fit < 2 + ACT_MIN)
		fit = want < 2 + ACT_MIN ? want : 2 + ACT_MIN;
	return rows - fit >= 2 ? fit : 0;
}

/* The title: the product, its peak and the cut, so the reason for the
 * cut stands over the months behind it. */
static void
act_title(struct ui *u, int y)
{
	const struct renewal *r = &u->ren.r[u->ren.cur];
	char tail[200], why[48], name[128], buf[400];
	int w;
	if (r->peak >= 0)
		snprintf(tail, sizeof tail, " seat activity: peak %lld active, ", r->peak);
	else
		snprintf(tail, sizeof tail, " seat activity: ");
	if (r->cut)
		snprintf(tail + strlen(tail), sizeof tail - strlen(tail), "cut %lld (%s)", r->cut,
		    renewals_rules_text(r->rules, why, sizeof why));
	else
		snprintf(tail + strlen(tail), sizeof tail - strlen(tail), "no cut");
	w = COLS - 2 - text_width(tail);
	text_fit(u->m.wi.m.p[r->product].label, w < 6 ? 6 : w, name, sizeof name, !u->utf8);
	snprintf(buf, sizeof buf, "%s%s", name, tail);
	ui_put(u, y, 1, COLS - 2, buf, theme_attr(C_TITLE));
}

/* Columns of a month's line: month, seats, assigned, active (each ending
 * before aend), the bar. */
enum { AC_MONTH, AC_SEATS, AC_ASSIGNED, AC_ACTIVE, AC_BAR, AC_N };
static const char *const ahead[AC_N] = {"Month", "Seats", "Assigned", "Active", "Active of seats"};
static const int ax[AC_N] = {2, 10, 17, 27, 35}, aend[AC_N] = {9, 15, 25, 33, 0};

/* Month k of the activity at y; peak: it is a month of the above-peak
 * rule's window at the peak (marked, the bar bold). */
static void
act_month(struct ui *u, int y, size_t k, int peak)
{
	const struct seat_month *sm = &u->ren.act[k];
	char buf[256];
	long long v[3] = {sm->seats, sm->assigned, sm->active};
	int bw = COLS - 1 - ax[AC_BAR] - 5;
	whatif_panel_day(sm->month, buf, sizeof buf);
	buf[7] = '\0';
	ui_put(u, y, ax[AC_MONTH], 7, buf, theme_attr(C_NORMAL));
	for (int c = AC_SEATS; c <= AC_ACTIVE; c++) {
		if (v[c - AC_SEATS] >= 0)
			snprintf(buf, sizeof buf, "%lld", v[c - AC_SEATS]);
		else
			snprintf(buf, sizeof buf, "-");
		ui_put_right(u, y, aend[c], aend[c] - ax[c], buf, theme_attr(C_NORMAL));
	}
	if (bw > 40)
		bw = 40;
	seat_bar(sm->active, sm->seats, bw, !u->utf8, buf, sizeof buf);
	ui_put(u, y, ax[AC_BAR], bw, buf, theme_attr(C_BAR) | (peak ? (int)A_BOLD : 0));
	if (peak)
		ui_put(u, y, ax[AC_BAR] + text_width(buf) + 1, 4, "peak", theme_attr(C_NORMAL));
}

/* The chart in `lines` lines from y: the last months that fit, oldest
 * first. Data, not a projection: nothing in it is marked. */
static void
draw_activity(struct ui *u, int y, int lines)
{
	const struct renewal *r = &u->ren.r[u->ren.cur];
	size_t shown = lines > 2 && act_known(u) ? (size_t)(lines - 2) : 0, first;
	int64_t window;
	if (shown > u->ren.nact)
		shown = u->ren.nact;
	act_title(u, y);
	if (shown == 0) {
		ui_put(u, y + 1, 2, COLS - 4, "no seat activity in the data (x_ActiveSeats)", theme_attr(C_DIMTEXT));
		return;
	}
	for (int c = 0; c < AC_N; c++)
		if (c == AC_MONTH || c == AC_BAR)
			ui_put(u, y + 1, ax[c], c == AC_BAR ? COLS - 1 - ax[c] : 7, ahead[c], theme_attr(C_HEAD));
		else
			ui_put_right(u, y + 1, aend[c], aend[c] - ax[c], ahead[c], theme_attr(C_HEAD));
	first = u->ren.nact - shown;
	window = calendar_month_time(calendar_month_index(u->m.wi.m.as_of) - renewals_window(&u->m.wi.m) + 1);
	for (size_t k = first; k < u->ren.nact; k++)
		act_month(u, y + 2 + (int)(k - first), k, r->peak >= 0 && u->ren.act[k].active == r->peak &&
		    u->ren.act[k].month >= window);
}

/* The lines each item's detail gets (ui_detail_lines), for this size:
 * the longest one's, at least base, at most half the room. */
static int
detail_lines(struct ui *u)
{
	int top = RTOP + (u->m.wi.sim.active ? 3 : 0), room = LINES - FOOT - 1 - top, base = LINES >= 24 ? 3 : 2;
	int cap = room / 2 > base ? room / 2 : base;
	/* the details do not change with the scenario (their amounts are
	 * marked simulated always), so only a new width measures them again:
	 * a scenario set or dropped changes the room, which only caps */
	if (u->ren.dcols != COLS) {
		u->ren.dlines = ui_detail_lines(u, u->ren.n, rdetail, 0, INT_MAX);
		u->ren.dcols = COLS;
	}
	return u->ren.dlines > cap ? cap : u->ren.dlines < base ? base : u->ren.dlines;
}

static void
draw_renewals(struct ui *u)
{
	const struct whatif_model *m = &u->m.wi.m;
	struct rlayout L;
	char buf[4200], a[32], b[32];
	int sim = u->m.wi.sim.active ? 3 : 0, top = RTOP + sim;
	int ndetail = detail_lines(u), rows = LINES - FOOT - ndetail - 1 - top, chart;
	size_t nd = u->ren.n ? u->ren.n + 1 : 0;


	chart = act_lines(u, rows, nd);
	rows -= chart;
	u->list_rows = rows;
	whatif_panel_day(m->as_of, a, sizeof a);
	whatif_panel_day(m->as_of == DATE_NULL ? DATE_NULL : m->as_of + (int64_t)REN_DAYS * 86400, b, sizeof b);
	snprintf(buf, sizeof buf, "Renewals: %zu subscription%s in the next %d days (%s to %s)%s%s%s", u->ren.n,
	    u->ren.n == 1 ? "" : "s", REN_DAYS, a, b, m->currency[0] ? " (" : "", m->currency,
	    m->currency[0] ? ")" : "");
	if (text_width(buf) > COLS - 2)	/* narrow: the window's end and the currency kept */
		snprintf(buf, sizeof buf, "Renewals: %zu in %d days, %s to %s%s%s%s", u->ren.n, REN_DAYS, a, b,
		    m->currency[0] ? " (" : "", m->currency, m->currency[0] ? ")" : "");
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	if (sim)
		ui_draw_sim(u, 1);
	rlayout(u, &L);
	draw_head(u, &L, top - 1);
	ui_scroll_to(u->ren.cur, &u->ren.top, u->ren.n, rows - 1);
	for (int y = 0; y < rows && u->ren.top + (size_t)y < nd; y++) {
		size_t i = u->ren.top + (size_t)y;
		int yy = top + y, sel = i == u->ren.cur, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(yy, base);
			ui_put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		draw_line(u, &L, i < u->ren.n ? i : SIZE_MAX, yy, base);
	}
	if (chart)
		draw_activity(u, top + rows, chart);
	if (u->ren.n == 0)
		ui_put(u, top, 2, COLS - 4, m->n ? "no seat subscription renews in that time" :
		    "no seat products in the data (meter product_seats)", theme_attr(C_DIMTEXT));
	ui_put(u, LINES - FOOT - ndetail - 1, 1, COLS - 2, COLS >= 78 ? "* projected: the next term at the contracted "
	    "price, not in the data's totals" : "* projected at the contracted price, not in the totals",
	    theme_attr(C_SIM));
	rdetail(u, u->ren.cur, buf, sizeof buf);
	ui_put_wrapped(u, LINES - FOOT - ndetail, ndetail, buf, theme_attr(C_NORMAL));
}

static size_t *
renewals_cursor(struct ui *u, size_t *n)
{
	*n = u->ren.n;
	return &u->ren.cur;
}

const struct ui_screen ui_renewals_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_renewals,
	.cursor = renewals_cursor,
	.close = renewals_close,
	.keys = renewals_keys,
	.nkeys = sizeof renewals_keys / sizeof *renewals_keys,
};
