/* ui_forecast.c - the forecast panel (f from the list): the metric of the
 * path on screen projected to the end of the current month, quarter and
 * year, with a range, as forecast.h computes it. Projections are marked *
 * and drawn as the what-if panel draws simulated figures; they are never
 * added to a total from the data. The screen is lines written at each
 * frame's width (a table when it fits, a block per period when narrow),
 * scrolled. */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "forecast.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define SIMON '\001'	/* in a line: what follows is a projection (C_SIM) */
#define SIMOFF '\002'	/* ... up to here */
#define FTOP 3		/* title, path, legend */

static ui_action act_forecast;

static const struct ui_keydef forecast_keys[] = {
	{NULL, 0, {0}, "Forecast (projected)", NULL, NULL, 0},
	{act_forecast, SB(ST_LIST), {'f'}, "f",
	    "forecast of the metric for the path on screen: actual to date and projected* end of the current "
	    "month, quarter and year with a range*: usage at the daily rate of the last 3 complete months, "
	    "recurring charges at the last month's amount, one-time charges not projected",
	    NULL, 0},
};

static void
lines_free(struct ui *u)
{
	for (size_t i = 0; i < u->fc.n; i++)
		free(u->fc.lines[i].text);
	free(u->fc.lines);
	u->fc.lines = NULL;
	u->fc.n = 0;
}

void
ui_forecast_free(struct ui *u)
{
	lines_free(u);
	u->fc.top = 0;
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
	u->fc.lines = xreallocarray(u->fc.lines, u->fc.n + 1, sizeof *u->fc.lines);
	l = &u->fc.lines[u->fc.n++];
	l->color = color;
	l->text = xstrdup(buf);
}

/* Words of s in lines of at most w columns, after prefix. */
static void
add_wrapped(struct ui *u, int color, const char *prefix, const char *s, int w)
{
	char line[512];
	size_t p = strlen(prefix);
	while (*s) {
		size_t n = strlen(s), room = w > (int)p + 10 ? (size_t)w - p : 10;
		if (n > room) {
			n = room;
			while (n > 0 && s[n] != ' ')
				n--;
			if (n == 0)
				n = room;
		}
		snprintf(line, sizeof line, "%s%.*s", prefix, (int)n, s);
		add(u, color, "%s", line);
		s += n;
		while (*s == ' ')
			s++;
		prefix = "  ";
		p = 2;
	}
}

/* A figure of the metric; projected ones carry * */
static const char *
fig(struct ui *u, money_t v, int projected, char *buf, size_t n)
{
	char cur[64], f[FORMAT_MAX];
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, v, 1, f, sizeof f);
	snprintf(buf, n, "%s%s", f, projected ? "*" : "");
	return buf;
}

static void
day(int64_t t, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(t / CALENDAR_DAY, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

static void
month(int64_t t, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(t / CALENDAR_DAY, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d", y, m);
}

/* The three periods: a table when it fits in w columns, else a block each. */
static void
fill_periods(struct ui *u, int w)
{
	const struct forecast *fc = &u->fc.fc;
	static const char *const kind[FCAST_COUNT] = {"month", "quarter", "year"};
	char per[FCAST_COUNT][16], a[FCAST_COUNT][FORMAT_MAX + 2], p[FCAST_COUNT][3][FORMAT_MAX + 2];
	int wa = 14, wp = 10, table;
	for (int k = 0; k < FCAST_COUNT; k++) {
		const struct forecast_line *l = &fc->line[k];
		forecast_label(l, (enum forecast_span)k, per[k], sizeof per[k]);
		fig(u, l->actual, 0, a[k], sizeof a[k]);
		fig(u, l->proj, 1, p[k][0], sizeof p[k][0]);
		fig(u, l->lo, 1, p[k][1], sizeof p[k][1]);
		fig(u, l->hi, 1, p[k][2], sizeof p[k][2]);
		if ((int)strlen(a[k]) > wa)
			wa = (int)strlen(a[k]);
		for (int j = 0; j < 3; j++)
			if ((int)strlen(p[k][j]) > wp)
				wp = (int)strlen(p[k][j]);
	}
	table = 2 + 7 + 1 + wa + 1 + 9 + 3 * (1 + wp) <= w;
	if (table)
		add(u, C_HEAD, "  %-7s %*s %9s %*s %*s %*s", "Period", wa, "Actual to date", "Days left", wp, "Projected*",
		    wp, "Low*", wp, "High*");
	for (int k = 0; k < FCAST_COUNT; k++) {
		long long left = fc->line[k].days_left;
		if (table) {
			add(u, C_NORMAL, "  %-7s %*s %9lld %c%*s %*s %*s%c", per[k], wa, a[k], left, SIMON, wp, p[k][0], wp,
			    p[k][1], wp, p[k][2], SIMOFF);
			continue;
		}
		add(u, C_TITLE, "  %s (%s): %lld days left", per[k], kind[k], left);
		add(u, C_NORMAL, "    actual to date %s", a[k]);
		add(u, C_NORMAL, "    projected %c%s%c", SIMON, p[k][0], SIMOFF);
		add(u, C_NORMAL, "    range %c%s%c to %c%s%c", SIMON, p[k][1], SIMOFF, SIMON, p[k][2], SIMOFF);
	}
}

/* The rates: by the day, and recurring by the month when the data has any. */
static void
fill_rates(struct ui *u, int w)
{
	const struct forecast *fc = &u->fc.fc;
	char from[16], to[16], r[FORMAT_MAX + 2], lo[FORMAT_MAX + 2], hi[FORMAT_MAX + 2], o[FORMAT_MAX + 2], t[512];
	int recurring = fc->recur_lo != 0 || fc->recur_hi != 0;
	month(fc->rate_from, from, sizeof from);
	month(fc->rate_to - 1, to, sizeof to);
	fig(u, fc->rate, 0, r, sizeof r);
	fig(u, fc->rate_lo, 0, lo, sizeof lo);
	fig(u, fc->rate_hi, 0, hi, sizeof hi);
	snprintf(t, sizeof t, "%s %s over %s..%s (lowest month %s, highest %s)",
	    recurring || fc->once ? "Usage-based charges a day" : "Daily rate", r, from, to, lo, hi);
	add_wrapped(u, C_NORMAL, "  ", t, w);
	if (recurring) {
		fig(u, fc->recur, 0, r, sizeof r);
		fig(u, fc->recur_lo, 0, lo, sizeof lo);
		fig(u, fc->recur_hi, 0, hi, sizeof hi);
		snprintf(t, sizeof t, "Recurring charges %s a month, as in %s (lowest month %s, highest %s)", r, to, lo,
		    hi);
		add_wrapped(u, C_NORMAL, "  ", t, w);
	}
	if (fc->once) {
		fig(u, fc->once, 0, o, sizeof o);
		snprintf(t, sizeof t, "One-time charges %s in %s..%s: in the actuals, never projected", o, from, to);
		add_wrapped(u, C_NORMAL, "  ", t, w);
	}
}

static void
forecast_fill(struct ui *u)
{
	const struct forecast *fc = &u->fc.fc;
	char d[16], method[512];
	int w = COLS - 2;
	lines_free(u);
	if (!fc->ok) {
		add_wrapped(u, C_WARN, "", fc->why, w);
		return;
	}
	fill_periods(u, w);
	add(u, C_NORMAL, "%s", "");
	fill_rates(u, w);
	day(fc->as_of - CALENDAR_DAY, d, sizeof d);
	snprintf(method, sizeof method,
	    "Method: actual to date (data to %s) + days left x the daily rate of the usage-based charges of the "
	    "last %d complete months + the recurring charges at the last month's amount for each month still to "
	    "bill (less what the current month holds); one-time charges are not projected. The range takes the "
	    "lowest and highest month. A partial month is never in the rate.", d, fc->nrate);
	add_wrapped(u, C_DIMTEXT, "  ", method, w);
}

static void
act_forecast(struct ui *u)
{
	struct drill_view *v;
	struct filter f[DRILL_MAX_DEPTH + 2];
	int nf = 0;
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	if (u->m.split_cur) {	/* one currency at a time, as the list */
		f[nf].dim = u->m.cur_dim;
		f[nf].lo = f[nf].hi = u->m.cur;
		f[nf].exclude = 0;
		f[nf].timed = 0;
		nf++;
	}
	for (int i = 0; i < v->nf; i++)	/* the path, not the period window: the rate needs months */
		f[nf++] = v->f[i];
	ui_forecast_free(u);
	forecast_build(u->s, f, nf, u->m.metric, &u->fc.fc);
	ui_push(u, ST_FORECAST);
	if (!u->fc.fc.ok)
		ui_status(u, MSG_INFO, "%s", u->fc.fc.why);
}

/* Draws a line: its projected parts in C_SIM. */
static void
draw_line(struct ui *u, int y, const struct ui_line *l)
{
	char seg[1024];
	const char *s = l->text;
	int x = 1, sim = 0;
	while (*s && x < COLS - 1) {
		size_t n = strcspn(s, "\001\002");
		snprintf(seg, sizeof seg, "%.*s", (int)n, s);
		if (n)
			x += ui_put(u, y, x, COLS - 1 - x, seg, theme_attr(sim ? C_SIM : (enum ui_color)l->color));
		s += n;
		if (*s)
			sim = *s++ == SIMON;
	}
}

static void
draw_forecast(struct ui *u)
{
	char buf[256], cur[64];
	const char *c = drill_currency(&u->m, cur, sizeof cur);
	int rows = LINES - FOOT - FTOP;
	forecast_fill(u);	/* at this frame's width */
	u->list_rows = rows;
	snprintf(buf, sizeof buf, "Forecast of %s%s%s%s", metric_name(u->m.metric), c ? " (" : "", c ? c : "",
	    c ? ")" : "");
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	ui_draw_crumb(u, 1, NULL, NULL);
	ui_put(u, 2, 1, COLS - 2, "* projected, not in the data or its totals", theme_attr(C_SIM));
	if (u->fc.n > (size_t)rows && u->fc.top > u->fc.n - (size_t)rows)
		u->fc.top = u->fc.n - (size_t)rows;
	if (u->fc.n <= (size_t)rows)
		u->fc.top = 0;
	for (int y = 0; y < rows && u->fc.top + (size_t)y < u->fc.n; y++)
		draw_line(u, FTOP + y, &u->fc.lines[u->fc.top + (size_t)y]);
}

static size_t *
forecast_cursor(struct ui *u, size_t *n)
{
	*n = u->fc.n;
	return &u->fc.top;
}

const struct ui_screen ui_forecast_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_forecast,
	.cursor = forecast_cursor,
	.scrolls = 1,
	.close = ui_forecast_free,
	.keys = forecast_keys,
	.nkeys = sizeof forecast_keys / sizeof *forecast_keys,
};
