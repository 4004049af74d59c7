/* ui_runway.c - the prepaid runway (t from the list): per virtual currency
 * (Flex tokens, cloud credits) what was bought, used and is left, the burn
 * rate over a window (+ and - change it), the day the balance runs out and
 * what expires unused, the packs, the months and the products or APIs
 * behind the burn, as `focal runway` reads them (runway.h). The run-out
 * date and the amounts that will expire are projections: marked * and drawn
 * as the what-if panel draws simulated figures, never added to data totals.
 * The screen is lines written once per build (and per width), scrolled. */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "runway.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define SIMON '\001'	/* in a line: the rest is a projection (drawn C_SIM) */
#define RTOP 3		/* title, legend, blank */

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
	if (u->rw.rw) {
		runway_free(u->rw.rw);
		free(u->rw.rw);
		u->rw.rw = NULL;
	}
	u->rw.top = 0;
}

static void
add(struct ui *u, int color, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
add(struct ui *u, int color, const char *fmt, ...)
{
	va_list ap;
	struct ui_line *l;
	char buf[1024];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	u->rw.lines = xreallocarray(u->rw.lines, u->rw.n + 1, sizeof *u->rw.lines);
	l = &u->rw.lines[u->rw.n++];
	l->color = color;
	l->text = xstrdup(buf);
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

static void
fill_packs(struct ui *u, const struct runway_currency *c)
{
	char a[64], b[64], d[64], e[64], t1[32], t2[32];
	add(u, C_NORMAL, "%s", "");
	if (c->npacks == 0) {
		add(u, C_DIMTEXT, "  no Purchase rows of it in the data: the balance counts no packs");
		return;
	}
	add(u, C_HEAD, "  %-10s %12s  %-10s %12s %12s %13s", "Bought", "Amount", "Expires", "Used", "Left", "Will expire*");
	for (size_t k = 0; k < c->npacks; k++) {
		const struct runway_pack *p = &c->pack[k];
		char will[80];
		if (p->left > 0 && p->expires != DATE_NULL)
			snprintf(will, sizeof will, "%c%12s*", SIMON, amt(p->will_expire, e, sizeof e));
		else
			snprintf(will, sizeof will, "%13s", "-");
		add(u, C_NORMAL, "  %-10s %12s  %-10s %12s %12s %s", day(p->bought, t1, sizeof t1),
		    amt(p->amount, a, sizeof a), p->expires == DATE_NULL ? "not given" : day(p->expires, t2, sizeof t2),
		    amt(p->used, b, sizeof b), amt(p->left, d, sizeof d), will);
	}
}

static void
fill_months(struct ui *u, const struct runway_currency *c)
{
	char a[64], b[64], d[64], e[64], f[64], t[32];
	add(u, C_NORMAL, "%s", "");
	add(u, C_HEAD, "  %-7s %12s %12s %12s %12s %12s", "Month", "Bought", "Used", "Expired", "Beyond packs",
	    "Balance");
	for (size_t k = 0; k < c->nperiods; k++) {
		const struct runway_period *p = &c->period[k];
		day(p->start, t, sizeof t);
		t[7] = '\0';
		add(u, C_NORMAL, "  %-7s %12s %12s %12s %12s %12s", t, amt(p->bought, a, sizeof a), amt(p->used, b, sizeof b),
		    amt(p->expired, d, sizeof d), amt(p->uncovered, e, sizeof e), amt(p->balance, f, sizeof f));
	}
}

/* The products and APIs behind the burn over the window, with a bar. */
static void
fill_uses(struct ui *u, const struct runway_currency *c)
{
	char a[64], name[128], sku[64], bar[64];
	if (c->nuses == 0)
		return;
	add(u, C_NORMAL, "%s", "");
	add(u, C_HEAD, "  %-28s %-14s %12s %6s  %-10s", "Burn by (window)", "SkuId", "Used", "Share", "");
	for (size_t k = 0; k < c->nuses; k++) {
		const struct runway_use *s = &c->use[k];
		long long pm = c->window_used > 0 ? (long long)(money_div(money_mul(s->used, money_from_int(1000)),
		    c->window_used) / MONEY_ONE) : 0;
		size_t o = 0;
		text_fit(s->meter[0] ? s->meter : "(none)", 28, name, sizeof name, !u->utf8);
		text_fit(s->sku, 14, sku, sizeof sku, !u->utf8);
		bar[0] = '\0';
		for (long long w = pm; w >= 100 && o + 4 < sizeof bar; w -= 100)	/* a cell per 10% */
			o += (size_t)snprintf(bar + o, sizeof bar - o, "%s", ui_glyph->full);
		snprintf(bar + o, sizeof bar - o, "%s", ui_glyph->part[(pm % 100) * 8 / 100]);
		add(u, C_NORMAL, "  %s%*s %s%*s %12s %5lld%%  %s", name, 28 - text_width(name), "", sku,
		    14 - text_width(sku), "", amt(s->used, a, sizeof a), (pm + 5) / 10, bar);
	}
}

static void
runway_fill(struct ui *u)
{
	const struct runway *rw = u->rw.rw;
	lines_free(u);
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

static void
runway_build_for(struct ui *u, int window)
{
	if (u->rw.rw)
		runway_free(u->rw.rw);
	else
		u->rw.rw = xcalloc(1, sizeof *u->rw.rw);
	u->rw.window = window;
	runway_build(u->s, DATE_NULL, window, u->rw.rw);
	runway_fill(u);
}

static void
act_runway(struct ui *u)
{
	if (ui_rows_elsewhere(u, "the runway", "open the files pushed to it"))
		return;
	ui_runway_free(u);
	runway_build_for(u, 90);
	ui_push(u, ST_RUNWAY);
	if (u->rw.rw->n == 0)
		ui_status(u, MSG_INFO, "no virtual currency in the data: nothing to run out");
}

static void
window_by(struct ui *u, int delta)
{
	int w = u->rw.window + delta;
	if (w < 30)
		w = 30;
	if (w > 3650)
		w = 3650;
	if (w == u->rw.window) {
		ui_status(u, MSG_INFO, "the window is %d days already", w);
		return;
	}
	runway_build_for(u, w);
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
	snprintf(buf, sizeof buf, "Runway: %zu virtual currenc%s as of %s, burn rate over the last %d days", rw->n,
	    rw->n == 1 ? "y" : "ies", day(rw->as_of, d, sizeof d), u->rw.window);
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	ui_put(u, 1, 1, COLS - 2, "* projected at the burn rate, not in the data or its totals", theme_attr(C_SIM));
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
	.close = ui_runway_free,
	.keys = runway_keys,
	.nkeys = sizeof runway_keys / sizeof *runway_keys,
};
