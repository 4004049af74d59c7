/* ui_runway.c - the prepaid runway (t from the list): per virtual currency
 * (Flex tokens, cloud credits) what was bought, used and is left, the burn
 * rate over a window (+ and - change it), the day the balance runs out and
 * what expires unused, the packs, the months and the products or APIs
 * behind the burn, as `focal runway` reads them (runway.h). The run-out
 * date and the amounts that will expire are projections: marked * and drawn
 * as the what-if panel draws simulated figures, never added to data totals.
 * The screen is lines written once per build and per width, scrolled; its
 * tables size each column to its widest cell and leave out a column that
 * would not fit (never a figure cut in half), so 60 columns show them. */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "grid.h"
#include "runway.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define SIMON '\001'	/* in a line: the rest is a projection (drawn C_SIM) */
#define RTOP 3		/* title, legend, blank */
#define WINDOW 90	/* days of the burn rate t opens with */
#define SLICE 262144	/* rows an idle step reads: about 10 ms */

static ui_action act_runway, act_window_more, act_window_less;

static const struct ui_keydef runway_keys[] = {
	{NULL, 0, {0}, "Prepaid runway (projected)", NULL, NULL, 0},
	{act_runway, SB(ST_LIST), {'t'}, "t",
	    "the prepaid runway of each virtual currency (Flex tokens, cloud credits): bought, used, balance, the "
	    "burn rate over a window, the day it runs out*, what expires unused*, its packs, months and the "
	    "products behind the burn, as focal runway prints them; * marks projections", NULL, 0},
	{act_window_more, SB(ST_RUNWAY), {'+', '='}, "+, =", "a burn-rate window 30 days longer", "+- window", 1},
	{act_window_less, SB(ST_RUNWAY), {'-'}, "-", "a burn-rate window 30 days shorter (30 at least)", NULL, 0},
};

static void
lines_free(struct ui *u)
{
	for (size_t i = 0; i < u->rw.n; i++)
		free(u->rw.lines[i].text);
	free(u->rw.lines);
	u->rw.lines = NULL;
	u->rw.n = 0;
}

void
ui_runway_free(struct ui *u)
{
	lines_free(u);
	if (u->rw.job) {
		runway_job_free(u->rw.job);	/* not done: frees the runway's part too */
		u->rw.job = NULL;
		free(u->rw.rw);
		u->rw.rw = NULL;
	}
	if (u->rw.rw) {
		runway_free(u->rw.rw);
		free(u->rw.rw);
		u->rw.rw = NULL;
	}
	u->rw.top = 0;
}

/* Closing the screen keeps the runway (a few entries per day once built,
 * not one per row): t opens it again at once. */
static void
runway_close(struct ui *u)
{
	lines_free(u);
	u->rw.top = 0;
}

static void
job_start(struct ui *u)
{
	u->rw.rw = xcalloc(1, sizeof *u->rw.rw);
	u->rw.window = WINDOW;
	u->rw.job = runway_begin(u->s, DATE_NULL, WINDOW, u->rw.rw);
}

/* The job, done: the rest of its passes at once. */
static void
job_done(struct ui *u)
{
	while (!runway_step(u->rw.job, SIZE_MAX))
		;
	runway_job_free(u->rw.job);
	u->rw.job = NULL;
	u->rw.tried = 1;
}

static void runway_fill(struct ui *);

/* The runway's screen, once the runway is built. */
static void
runway_show(struct ui *u)
{
	runway_fill(u);
	if (u->rw.rw->n == 0)
		ui_status(u, MSG_INFO, "no virtual currency in the data: nothing to run out");
}

int
ui_runway_idle(struct ui *u)
{
	/* once, a slice of rows a step: it reads every row three times, so t
	 * should not wait for it, nor a key pressed meanwhile for all of it */
	if (u->rw.tried)
		return 0;
	if (u->rw.job == NULL) {
		if (u->rw.rw || store_engine(u->s, NULL) != NULL) {
			u->rw.tried = 1;
			return 0;
		}
		job_start(u);
	}
	if (runway_step(u->rw.job, SLICE)) {
		job_done(u);
		if (ui_top(u) == ST_RUNWAY)	/* t is waiting for it */
			runway_show(u);
	}
	return 1;
}

static void
push_line(struct ui *u, int color, const char *text)
{
	struct ui_line *l;
	u->rw.lines = xreallocarray(u->rw.lines, u->rw.n + 1, sizeof *u->rw.lines);
	l = &u->rw.lines[u->rw.n++];
	l->color = color;
	l->text = xstrdup(text);
}

static void
add(struct ui *u, int color, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A line of prose: wrapped at spaces to the screen's width, the lines after
 * the first indented two more, a projection's mark carried over, so a
 * figure at the end of a long line is never cut off. */
static void
add(struct ui *u, int color, const char *fmt, ...)
{
	va_list ap;
	char buf[1024], head[1024];
	int lead = 0, ind, sim = 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	while (buf[lead] == ' ')
		lead++;
	ind = lead + 2;
	while (COLS >= 24) {
		size_t rest, mark, skip, k = ui_wrap_bytes(buf, COLS - 2, &skip);
		const char *brk = buf + k;
		if (!*brk || k <= (size_t)lead)
			break;	/* it fits, or cannot break past its indent */
		snprintf(head, sizeof head, "%.*s", (int)k, buf);
		push_line(u, color, head);
		sim |= strchr(head, SIMON) != NULL;
		while (*brk == ' ')
			brk++;
		/* the rest, after ind spaces (and the mark, if the projection
		 * began on a line before) */
		mark = sim && !strchr(brk, SIMON);
		rest = strlen(brk);
		if ((size_t)ind + mark + rest >= sizeof buf)
			rest = sizeof buf - 1 - (size_t)ind - mark;
		memmove(buf + ind + mark, brk, rest);
		buf[(size_t)ind + mark + rest] = '\0';
		memset(buf, ' ', (size_t)ind);
		if (mark)
			buf[ind] = SIMON;
		lead = ind;
	}
	push_line(u, color, buf);
}

/* A line of a table: written as it is (rt_emit and fill_uses make it fit). */
static void
add_row(struct ui *u, int color, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
add_row(struct ui *u, int color, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	push_line(u, color, buf);
}

/* An amount of the currency: "1,287.71" */
static const char *
amt(money_t v, char *buf, size_t n)
{
	if (v == MONEY_NULL)
		snprintf(buf, n, "overflow");
	else
		money_format(v, 2, 2, ',', buf, n);
	return buf;
}

static const char *
day(int64_t t, char *buf, size_t n)
{
	whatif_panel_day(t, buf, n);
	return buf;
}

/* A table of the screen (grid.h): two spaces in, one between columns, a
 * projected column's cells holding '*' marked SIMON; optional columns left
 * out when it is wider than the terminal. */
static struct grid
rt_grid(int ncols, const struct grid_col *c)
{
	struct grid t;
	memset(&t, 0, sizeof t);
	t.ncols = ncols;
	t.indent = 2;
	t.gap = 1;
	for (int k = 0; k < ncols; k++)
		t.c[k] = c[k];
	return t;
}

static void
rt_emit(struct ui *u, struct grid *t)
{
	/* as ui_put will draw them, so the widths are the drawn ones */
	for (size_t r = 0; r < t->n; r++)
		for (int k = 0; k < t->ncols; k++) {
			char s[GRID_CELL];
			text_sanitize(t->cell[r][k], s, sizeof s, !u->utf8);
			memcpy(t->cell[r][k], s, sizeof s);
		}
	grid_fit(t, COLS - 2);
	for (size_t r = 0; r <= t->n; r++) {
		char line[1024];
		grid_line(t, r, line, sizeof line);
		add_row(u, r == 0 ? C_HEAD : C_NORMAL, "%s", line);
	}
	grid_free(t);
}

/* bought, used, balance, burn, run-out, expiring: what a currency comes to */
static void
fill_summary(struct ui *u, const struct runway_currency *c)
{
	char a[64], b[64], d[64], t[32];
	add(u, C_NORMAL, "  Bought %s   Used %s   Balance %s%s%s", amt(c->bought, a, sizeof a), amt(c->used, b, sizeof b),
	    amt(c->balance, d, sizeof d), c->empty_since != DATE_NULL ? ", empty since " : "",
	    c->empty_since != DATE_NULL ? day(c->empty_since, t, sizeof t) : "");
	add(u, C_NORMAL, "  Expired unused %s   Used beyond the packs %s", amt(c->expired, a, sizeof a),
	    amt(c->uncovered, b, sizeof b));
	if (c->unbilled > 0)
		add(u, C_NORMAL, "  Of it billed 0: %s (from packs not in the data, or billed elsewhere)",
		    amt(c->unbilled, a, sizeof a));
	if (c->corrected != 0)
		add(u, C_NORMAL, "  Used counts %s of Usage rows below 0 (corrections), which refill no pack",
		    amt(c->corrected, a, sizeof a));
	if (c->billed_mixed)
		add(u, C_NORMAL, "  Its Usage rows are billed in more than one currency (not added)");
	else if (c->usage_rows) {
		format_money(c->billed_in, c->billed, a, sizeof a);
		add(u, C_NORMAL, "  Its Usage rows billed %s in all", a);
	}
	add(u, C_NORMAL, "  Burn rate %s a day over the last %d days (%s in all)", amt(c->burn, a, sizeof a),
	    c->window_days, amt(c->window_used, b, sizeof b));
	if (c->balance <= 0)
		add(u, C_NORMAL, "  Runs out: nothing left to run out");
	else if (c->runs_out == DATE_NULL)
		add(u, C_NORMAL, "  Runs out: not at this rate (no burn, and a pack has no expiry in the data)");
	else
		add(u, C_NORMAL, "  Runs out: %c%s*%s", SIMON, day(c->runs_out, t, sizeof t),
		    c->out_by_expiry ? " (its last pack expires first)" : "");
	if (c->balance <= 0)
		add(u, C_NORMAL, "  Will expire unused: nothing left to expire");
	else if (c->expiry_unknown && c->will_expire == 0)
		add(u, C_NORMAL, "  Will expire unused: the data gives no expiry (none is assumed)");
	else
		add(u, C_NORMAL, "  Will expire unused: %c%s*%s", SIMON, amt(c->will_expire, a, sizeof a),
		    c->expiry_unknown ? " (plus packs whose expiry the data does not give)" : "");
	if (c->missing_amount)
		add(u, C_WARN, "  %zu of %zu Usage rows have no PricingCurrencyEffectiveCost (not counted)",
		    c->missing_amount, c->usage_rows);
}

/* The packs, those that read the same on one line, as focal runway prints
 * them (Packs their count after the day, the figures their sums). */
static void
fill_packs(struct ui *u, const struct runway_currency *c)
{
	static const struct grid_col cols[] = {{"Bought", NULL, 1, 0, 0}, {"Packs", "#", 0, 0, 0},
	    {"Amount", NULL, 0, 0, 0}, {"Price", NULL, 0, 1, 0}, {"Expires", NULL, 1, 0, 0}, {"Used", NULL, 0, 0, 0},
	    {"Left", NULL, 0, 0, 0}, {"Will expire*", "Expiring*", 0, 0, SIMON}};
	struct grid t = rt_grid(8, cols);
	size_t r = 0, n;
	add(u, C_NORMAL, "%s", "");
	if (c->npacks == 0) {
		add(u, C_DIMTEXT, "  no Purchase rows of it in the data: the balance counts no packs");
		return;
	}
	for (size_t k = 0; k < c->npacks; k += n, r++) {
		struct runway_pack p;
		n = runway_pack_run(c, k);
		runway_pack_sum(c, k, n, &p);
		day(p.bought, grid_cell(&t, r, 0), GRID_CELL);
		snprintf(grid_cell(&t, r, 1), GRID_CELL, "%zu", n);
		amt(p.amount, grid_cell(&t, r, 2), GRID_CELL);
		if (p.cost != MONEY_NULL)
			format_money(p.billing, p.cost, grid_cell(&t, r, 3), GRID_CELL);
		if (p.expires == DATE_NULL)
			snprintf(grid_cell(&t, r, 4), GRID_CELL, "not given");
		else
			day(p.expires, grid_cell(&t, r, 4), GRID_CELL);
		amt(p.used, grid_cell(&t, r, 5), GRID_CELL);
		amt(p.left, grid_cell(&t, r, 6), GRID_CELL);
		if (p.left > 0 && p.expires != DATE_NULL) {
			amt(p.will_expire, grid_cell(&t, r, 7), GRID_CELL - 1);
			strcat(grid_cell(&t, r, 7), "*");
		} else
			snprintf(grid_cell(&t, r, 7), GRID_CELL, "-");
	}
	rt_emit(u, &t);
}

static void
fill_months(struct ui *u, const struct runway_currency *c)
{
	static const struct grid_col cols[] = {{"Month", NULL, 1, 0, 0}, {"Bought", NULL, 0, 0, 0},
	    {"Used", NULL, 0, 0, 0}, {"Expired", NULL, 0, 0, 0}, {"Beyond packs", "Beyond", 0, 0, 0},
	    {"Of it billed 0", NULL, 0, 1, 0}, {"Balance", NULL, 0, 0, 0}};
	struct grid t = rt_grid(7, cols);
	add(u, C_NORMAL, "%s", "");
	for (size_t k = 0; k < c->nperiods; k++) {
		const struct runway_period *p = &c->period[k];
		char *m = grid_cell(&t, k, 0);
		day(p->start, m, GRID_CELL);
		m[7] = '\0';
		amt(p->bought, grid_cell(&t, k, 1), GRID_CELL);
		amt(p->used, grid_cell(&t, k, 2), GRID_CELL);
		amt(p->expired, grid_cell(&t, k, 3), GRID_CELL);
		amt(p->uncovered, grid_cell(&t, k, 4), GRID_CELL);
		amt(p->unbilled, grid_cell(&t, k, 5), GRID_CELL);
		amt(p->balance, grid_cell(&t, k, 6), GRID_CELL);
	}
	rt_emit(u, &t);
}

/* The products and APIs behind the burn over the window, with a bar. */
static void
fill_uses(struct ui *u, const struct runway_currency *c)
{
	char a[64], name[128], sku[64], bar[64];
	int uw = 4, nw, bars = 1;
	if (c->nuses == 0)
		return;
	for (size_t k = 0; k < c->nuses; k++) {
		int w = text_width(amt(c->use[k].used, a, sizeof a));
		uw = w > uw ? w : uw;
	}
	/* the name takes what the other columns leave, 16 to 28 columns; the
	 * bars go first when there is not room for both */
	nw = COLS - 2 - (2 + 1 + 14 + 1 + uw + 1 + 6 + 2 + 10);
	if (nw < 16) {
		bars = 0;
		nw += 2 + 10;
	}
	nw = nw < 16 ? 16 : nw > 28 ? 28 : nw;
	add(u, C_NORMAL, "%s", "");
	add_row(u, C_HEAD, "  %-*s %-14s %*s %6s", nw, "Burn by (window)", "SkuId", uw, "Used", "Share");
	for (size_t k = 0; k < c->nuses; k++) {
		const struct runway_use *s = &c->use[k];
		long long pm = c->window_used > 0 ? (long long)(money_div(money_mul(s->used, money_from_int(1000)),
		    c->window_used) / MONEY_ONE) : 0;
		size_t o = 0;
		text_fit(s->meter[0] ? s->meter : "(none)", nw, name, sizeof name, !u->utf8);
		text_fit(s->sku, 14, sku, sizeof sku, !u->utf8);
		bar[0] = '\0';
		for (long long w = pm; bars && w >= 100 && o + 4 < sizeof bar; w -= 100)	/* a cell per 10% */
			o += (size_t)snprintf(bar + o, sizeof bar - o, "%s", ui_glyph->full);
		if (bars)
			snprintf(bar + o, sizeof bar - o, "%s", ui_glyph->part[(pm % 100) * 8 / 100]);
		add_row(u, C_NORMAL, "  %s%*s %s%*s %*s %5lld%%%s%s", name, nw - text_width(name), "", sku,
		    14 - text_width(sku), "", uw, amt(s->used, a, sizeof a), (pm + 5) / 10, bars ? "  " : "", bar);
	}
}

static void
runway_fill(struct ui *u)
{
	const struct runway *rw = u->rw.rw;
	lines_free(u);
	u->rw.cols = COLS;
	if (rw->n == 0) {
		add(u, C_NORMAL, "No virtual currency in the data: no Usage row has a PricingCurrency (other than its");
		add(u, C_NORMAL, "BillingCurrency) such as Flex Tokens or Cloud Credits.");
		return;
	}
	for (size_t i = 0; i < rw->n; i++) {
		const struct runway_currency *c = &rw->c[i];
		char name[128], unit[128], cost[96];
		text_fit(c->name, 40, name, sizeof name, !u->utf8);
		text_fit(c->unit, 30, unit, sizeof unit, !u->utf8);
		runway_cost_text(c, cost, sizeof cost);
		if (i)
			add(u, C_NORMAL, "%s", "");
		add(u, C_TITLE, "%s: %zu pack%s%s%s%s", name, c->npacks, c->npacks == 1 ? "" : "s",
		    unit[0] ? " bought as " : "", unit, cost);
		fill_summary(u, c);
		fill_packs(u, c);
		fill_months(u, c);
		fill_uses(u, c);
	}
}

/* The screen opens at once: a runway not built yet is built between keys
 * (its screen says so), as the one begun at start is. */
static void
act_runway(struct ui *u)
{
	if (ui_rows_elsewhere(u, "the runway", "open the files pushed to it"))
		return;
	runway_close(u);
	if (u->rw.rw == NULL)
		job_start(u);	/* t before the idle loop began it */
	ui_push(u, ST_RUNWAY);
	if (u->rw.job)
		return;
	if (u->rw.window != WINDOW) {
		u->rw.window = WINDOW;
		runway_window(u->s, u->rw.rw, WINDOW);
	}
	runway_show(u);
}

static void
window_by(struct ui *u, int delta)
{
	int w = u->rw.window + delta;
	if (u->rw.job) {
		ui_status(u, MSG_INFO, "the runway is still being read from the data");
		return;
	}
	if (w < 30)
		w = 30;
	if (w > 3650)
		w = 3650;
	if (w == u->rw.window) {
		ui_status(u, MSG_INFO, "the window is %d days already", w);
		return;
	}
	u->rw.window = w;
	runway_window(u->s, u->rw.rw, w);
	runway_fill(u);
	ui_status(u, MSG_INFO, "burn rate over the last %d days", w);
}

static void act_window_more(struct ui *u) { window_by(u, 30); }
static void act_window_less(struct ui *u) { window_by(u, -30); }

static void
draw_runway(struct ui *u)
{
	const struct runway *rw = u->rw.rw;
	char buf[256], d[32];
	int rows = LINES - FOOT - RTOP;
	u->list_rows = rows;
	if (u->rw.job) {	/* built between keys */
		ui_put(u, 0, 1, COLS - 2, "Runway: reading the data...", theme_attr(C_TITLE));
		ui_put(u, 1, 1, COLS - 2, "each virtual currency's packs and burn; keys work meanwhile",
		    theme_attr(C_DIMTEXT));
		return;
	}
	if (u->rw.cols != COLS)
		runway_fill(u);	/* the tables fit the new width */
	snprintf(buf, sizeof buf, "Runway: %zu virtual currenc%s as of %s, burn rate over the last %d days", rw->n,
	    rw->n == 1 ? "y" : "ies", day(rw->as_of, d, sizeof d), u->rw.window);
	if (text_width(buf) > COLS - 2)	/* narrow: the count goes (it is below), the window stays */
		snprintf(buf, sizeof buf, "Runway as of %s, burn rate over %d days", d, u->rw.window);
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	ui_put(u, 1, 1, COLS - 2, COLS - 2 >= 59 ? "* projected at the burn rate, not in the data or its totals" :
	    "* projected at the burn rate, not in the data", theme_attr(C_SIM));
	if (u->rw.n > (size_t)rows && u->rw.top > u->rw.n - (size_t)rows)
		u->rw.top = u->rw.n - (size_t)rows;
	for (int y = 0; y < rows && u->rw.top + (size_t)y < u->rw.n; y++) {
		const struct ui_line *l = &u->rw.lines[u->rw.top + (size_t)y];
		const char *sim = strchr(l->text, SIMON);
		char head[256];
		int x = 1;
		if (sim) {
			snprintf(head, sizeof head, "%.*s", (int)(sim - l->text), l->text);
			x += ui_put(u, RTOP + y, x, COLS - 2, head, theme_attr((enum ui_color)l->color));
			ui_put(u, RTOP + y, x, COLS - 1 - x, sim + 1, theme_attr(C_SIM));
		} else
			ui_put(u, RTOP + y, x, COLS - 2, l->text, theme_attr((enum ui_color)l->color));
	}
}

static size_t *
runway_cursor(struct ui *u, size_t *n)
{
	*n = u->rw.n;
	return &u->rw.top;
}

const struct ui_screen ui_runway_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_runway,
	.cursor = runway_cursor,
	.scrolls = 1,
	.close = runway_close,
	.keys = runway_keys,
	.nkeys = sizeof runway_keys / sizeof *runway_keys,
};
