/* ui_list.c - the list of groups: the view on top of the drill stack
 * (drill.h), its columns (value, share, bar, trend, change), and the keys
 * that drill, filter, sort, change the metric, the grain and the window,
 * and export the level. */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"

#define LABEL_MIN 16	/* below this the list drops a column (see layout) */

static ui_action act_drill, act_back, act_metric, act_grain, act_win_prev, act_win_next, act_search, act_next,
    act_prev, act_clear, act_sort, act_reverse, act_rows, act_export, act_log, act_quit, act_currency;

static const struct ui_keydef list_keys[] = {
	{NULL, 0, {0}, "The list of groups", NULL, NULL, 0},
	{act_drill, SB(ST_LIST), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "drill into the group: filter on it and group by the next dimension of the drill path; "
	    "on Other (n), list every group; at the end of the path, list the rows behind it",
	    "Enter drill", 1},
	{act_back, SB(ST_LIST), {BACK_KEYS, KC(KEY_LEFT), 'h'}, "Backspace, Left, h", "back up a level",
	    "h back", 1},
	{ui_dims_open, SB(ST_LIST), {'d'}, "d",
	    "choose the dimension of this level: any FOCUS column present, meter, tag:KEY, period, x_ columns",
	    "d dim", 2},
	{act_metric, SB(ST_LIST), {'m'}, "m", "next metric: EffectiveCost, BilledCost, ListCost, ContractedCost",
	    "m metric", 2},
	{act_grain, SB(ST_LIST), {'p'}, "p", "next period grain: month, quarter, year, day", "p period", 4},
	{act_currency, SB(ST_LIST), {'$'}, "$",
	    "next billing currency: with more than one, money is shown one currency at a time, never added",
	    NULL, 0},
	{act_win_prev, SB(ST_LIST), {'['}, "[",
	    "period window one period earlier (from all periods: the last period)", "[] window", 6},
	{act_win_next, SB(ST_LIST), {']'}, "]", "period window one period later (after the last: all periods)",
	    NULL, 0},
	{act_search, SB(ST_LIST), {'/'}, "/", "filter the list as you type (case-insensitive)", "/ filter", 3},
	{act_next, SB(ST_LIST), {'n'}, "n", "next match of the filter", NULL, 0},
	{act_prev, SB(ST_LIST), {'N'}, "N", "previous match of the filter", NULL, 0},
	{act_clear, SB(ST_LIST), {ESC}, "Esc", "clear the filter", NULL, 0},
	{act_sort, SB(ST_LIST), {'s'}, "s", "next sort: value, name, change against the previous period",
	    "s sort", 5},
	{act_reverse, SB(ST_LIST), {'r'}, "r", "reverse the sort", NULL, 0},
	{act_rows, SB(ST_LIST), {'R'}, "R", "list the FOCUS rows behind the group", "R rows", 3},
	{act_export, SB(ST_LIST), {'e'}, "e",
	    "export this level to a CSV file, as focal report --format csv prints it", "e export", 4},
	{act_log, SB(ST_LIST) | SB(ST_ROWS) | SB(ST_WHATIF), {'W'}, "W", "list rejected rows and load warnings",
	    NULL, 0},
	{ui_sql_prompt, SB(ST_LIST), {':'}, ":", "run an SQL query over the loaded rows (the focus table, read-only; "
	    "Up and Down recall earlier ones)", ": sql", 5},
	{ui_sql_usecases, SB(ST_LIST), {'u'}, "u", "the FOCUS use cases: which the files answer; Enter runs one",
	    NULL, 0},
	{ui_sql_view, SB(ST_LIST), {'S'}, "S", "show the SQL of this view (one SELECT, for focal sql or a warehouse)",
	    NULL, 0},
	{act_quit, SB(ST_LIST), {'q'}, "q", "quit (an unsaved what-if scenario is asked about once)", "q quit", 0},
};

static void
act_drill(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	size_t line = v->cur;
	int r;
	if (v->shown.n == 0) {
		ui_status(u, MSG_INFO, "nothing to drill into");
		return;
	}
	r = drill_into(&u->m, line);
	if (r == 1)
		ui_status(u, MSG_INFO, "Other unfolded: every group listed");
	else if (r == -1)
		ui_rows_open(u, line);	/* a leaf: the rows are the next level */
	else if (r == -2)
		ui_status(u, MSG_WARN, "the drill path is %d levels deep at most: R lists the rows", DRILL_MAX_DEPTH);
}

static void
act_back(struct ui *u)
{
	if (drill_back(&u->m) < 0)
		ui_status(u, MSG_INFO, "at the top already: q quits");
}

static void
act_metric(struct ui *u)
{
	static const enum metric cycle[] = {M_EFFECTIVE, M_BILLED, M_LIST, M_CONTRACTED};
	size_t at = 0;
	for (size_t i = 0; i < 4; i++)
		if (cycle[i] == u->m.metric)
			at = i + 1;
	for (size_t i = 0; i < 4; i++) {
		enum metric m = cycle[(at + i) % 4];
		if (store_metric_column(u->s, m) >= 0) {
			drill_set_metric(&u->m, m);
			ui_status(u, MSG_INFO, "metric: %s", metric_name(m));
			return;
		}
	}
	ui_status(u, MSG_WARN, "the data has no other cost column");
}

static void
act_grain(struct ui *u)
{
	static const enum grain next[GRAIN_COUNT] = {
		[GRAIN_MONTH] = GRAIN_QUARTER, [GRAIN_QUARTER] = GRAIN_YEAR,
		[GRAIN_YEAR] = GRAIN_DAY, [GRAIN_DAY] = GRAIN_MONTH,
	};
	drill_set_grain(&u->m, next[u->m.grain]);
	ui_status(u, MSG_INFO, "period grain: %s (window: all periods)", grain_name(u->m.grain));
}

static void
act_currency(struct ui *u)
{
	char buf[64];
	const char *c;
	if (!u->m.split_cur) {
		ui_status(u, MSG_INFO, "one billing currency: %s", (c = drill_currency(&u->m, buf, sizeof buf)) ? c : "none");
		return;
	}
	drill_next_currency(&u->m);
	c = drill_currency(&u->m, buf, sizeof buf);
	ui_status(u, MSG_INFO, "billing currency: %s (the other currencies' totals are in the header)",
	    c ? c : "(none)");
}

static void
window_status(struct ui *u)
{
	char buf[64];
	if (u->m.win == 0)
		ui_status(u, MSG_INFO, "period window: all periods");
	else
		ui_status(u, MSG_INFO, "period window: %s ([ earlier, ] later)",
		    dim_label(u->s, &u->m.period, u->m.win, buf, sizeof buf));
}

static int
have_periods(struct ui *u)
{
	if (u->m.has_period && u->m.nperiods > 0)
		return 1;
	ui_status(u, MSG_WARN, "the data has no ChargePeriodStart: no periods");
	return 0;
}

static void
act_win_prev(struct ui *u)
{
	if (!have_periods(u))
		return;
	drill_set_window(&u->m, u->m.win == 0 ? u->m.nperiods : u->m.win - 1);
	window_status(u);
}

static void
act_win_next(struct ui *u)
{
	if (!have_periods(u))
		return;
	drill_set_window(&u->m, u->m.win >= u->m.nperiods ? 0 : u->m.win + 1);
	window_status(u);
}

static void
search_changed(struct ui *u, const char *text)
{
	drill_set_search(&u->m, text);
}

static void
search_accept(struct ui *u, const char *text)
{
	struct drill_view *v = drill_view(&u->m);
	(void)text;
	if (v->search[0])
		ui_status(u, MSG_INFO, "filter: %zu of %zu groups match (Esc clears)", v->nmatch, v->res.n);
}

static void
search_cancel(struct ui *u)
{
	drill_set_search(&u->m, u->saved_search);
}

static void
act_search(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	snprintf(u->saved_search, sizeof u->saved_search, "%s", v->search);
	ui_input_open(u, IN_SEARCH, v->search, search_changed, search_accept, search_cancel);
}

static void
find_match(struct ui *u, int dir)
{
	struct drill_view *v = drill_view(&u->m);
	size_t n = v->shown.n;
	if (v->search[0] == '\0') {
		ui_status(u, MSG_INFO, "no filter: / types one");
		return;
	}
	for (size_t k = 1; k <= n; k++) {
		size_t i = dir > 0 ? (v->cur + k) % n : (v->cur + n - k % n) % n;
		if (drill_line_matches(&u->m, v, i)) {
			if ((dir > 0 && i <= v->cur) || (dir < 0 && i >= v->cur))
				ui_status(u, MSG_INFO, "search wrapped");
			v->cur = i;
			return;
		}
	}
	ui_status(u, MSG_INFO, "no match");
}

static void act_next(struct ui *u) { find_match(u, 1); }
static void act_prev(struct ui *u) { find_match(u, -1); }

static void
act_clear(struct ui *u)
{
	if (drill_view(&u->m)->search[0]) {
		drill_set_search(&u->m, "");
		ui_status(u, MSG_INFO, "filter cleared");
	}
}

static void
act_sort(struct ui *u)
{
	static const char *const names[SORT_COUNT] = {"value", "name", "change against the previous period"};
	enum drill_sort k = (enum drill_sort)((drill_view(&u->m)->sort + 1) % SORT_COUNT);
	if (k == SORT_CHANGE && !u->m.has_period)
		k = SORT_VALUE;
	drill_set_sort(&u->m, k, 0);
	ui_status(u, MSG_INFO, "sort: %s", names[k]);
}

static void
act_reverse(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	drill_set_sort(&u->m, v->sort, !v->reverse);
	ui_status(u, MSG_INFO, "sort reversed");
}

static void
act_rows(struct ui *u)
{
	ui_rows_open(u, drill_view(&u->m)->cur);
}

/* ---- export ---- */

/* Through the one safe writer (outfile.c): a failed write never leaves a
 * half file, and never harms the old one, which is replaced only once the
 * user said yes (replace). */
static int
export_csv(struct ui *u, FILE *f, size_t *count)
{
	*count = drill_view(&u->m)->res.n;
	return drill_export(&u->m, f);
}

static void
act_export(struct ui *u)
{
	char name[300], file[320], *p;
	dim_name(u->s, &drill_view(&u->m)->dim, name, sizeof name);
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		    *p == '_'))
			*p = '-';
	snprintf(file, sizeof file, "focal-%.200s.csv", name);
	ui_export(u, file, export_csv, "groups");
}

static void
act_log(struct ui *u)
{
	ui_pager_log(u);
}

/* An unsaved what-if scenario is asked about once: q again quits. */
static void
act_quit(struct ui *u)
{
	if (!u->quit_asked && ui_whatif_unsaved(u)) {
		u->quit_asked = 1;
		ui_status(u, MSG_WARN, "unsaved what-if scenario (%zu product%s changed): q again quits",
		    u->m.wi.sim.nchanged, u->m.wi.sim.nchanged == 1 ? "" : "s");
		return;
	}
	u->quit = 1;
}

/* ---- drawing ---- */

static void
window_text(struct ui *u, char *buf, size_t n)
{
	drill_window_text(&u->m, u->utf8, buf, n);
}

struct layout {
	int lx, lw, vx, vw, px, pw, bx, bw, tx, tw, cx, cw;
	int show_pct, show_bar, show_trend;
};

/* Columns drop as the terminal narrows: the trend first, then the bar, then
 * the share; the label and the value always stay. */
static void
layout(struct ui *u, struct drill_view *v, struct layout *L)
{
	struct drill *m = &u->m;
	char buf[96], cur[64];
	int avail, need = 0, last = (int)drill_last_period(m);
	memset(L, 0, sizeof *L);
	L->vw = 8;	/* the column head may reach into the label column */
	{
		/* as wide as the widest value of the whole list, so that the
		 * columns stay put while it scrolls: the largest and the most
		 * negative sums are the longest texts */
		money_t hi = 0, lo = 0;
		for (size_t i = 0; i < v->shown.n; i++) {
			money_t x = v->shown.g[i].sum[m->metric];
			if (x > hi)
				hi = x;
			if (x < lo)
				lo = x;
		}
		for (int k = 0; k < 2; k++) {
			int w;
			format_value(drill_currency(m, cur, sizeof cur), m->metric, k ? lo : hi, 1, buf, sizeof buf);
			if ((w = text_width(buf)) > L->vw)
				L->vw = w;
		}
	}

	L->pw = 6;
	L->bw = COLS >= 120 ? 24 : COLS >= 100 ? 16 : 10;
	L->tw = m->has_period && last >= 2 ? (last < 6 ? 6 : last < 12 ? last : 12) : 0;
	L->cw = 6;
	avail = COLS - 2 - 1 - L->vw - 1;
	for (int level = 3; level >= 0; level--) {
		L->show_trend = level >= 3 && L->tw > 0;
		L->show_bar = level >= 2;
		L->show_pct = level >= 1;
		need = (L->show_pct ? 1 + L->pw : 0) + (L->show_bar ? 1 + L->bw : 0) +
		    (L->show_trend ? 1 + L->tw + 1 + L->cw : 0);
		if (avail - need >= LABEL_MIN)
			break;
	}
	L->lx = 2;
	L->lw = avail - need;
	if (L->lw < 4)
		L->lw = 4;
	L->vx = L->lx + L->lw + 1;
	L->px = L->vx + L->vw + 1;
	L->bx = L->px + (L->show_pct ? L->pw + 1 : 0);
	L->tx = L->bx + (L->show_bar ? L->bw + 1 : 0);
	L->cx = L->tx + L->tw + 1;
}

static void
draw_bar(struct ui *u, int y, int x, int w, long long tenths, int attr)
{
	char buf[512];
	size_t o = 0;
	long long eighths;
	if (tenths <= 0 || w <= 0)
		return;
	if (tenths > 1000)
		tenths = 1000;
	buf[0] = '\0';
	if (u->utf8) {
		eighths = (tenths * w * 8 + 500) / 1000;
		for (long long i = 0; i < eighths / 8 && o + 4 < sizeof buf; i++, o += 3)
			memcpy(buf + o, ui_glyph->full, 3);
		if (eighths % 8 && o + 4 < sizeof buf) {
			memcpy(buf + o, ui_glyph->part[eighths % 8], 3);
			o += 3;
		}
		if (eighths == 0) {	/* a sliver: there is something */
			memcpy(buf + o, ui_glyph->part[1], 3);
			o += 3;
		}
	} else {
		long long cells = (tenths * w + 500) / 1000;
		if (cells == 0)
			cells = 1;
		for (long long i = 0; i < cells && o + 1 < sizeof buf; i++)
			buf[o++] = '#';
	}
	buf[o] = '\0';
	ui_put(u, y, x, w, buf, attr);
}


/* The trend of a line: a bar a period, scaled between the lowest and the
 * highest whole period; a partial period (a month to date, a quarter of
 * one month) is drawn as spark_part, never as a bar that reads as a drop. */
static void
draw_spark(struct ui *u, int y, int x, int w, const money_t *row, uint32_t first, uint32_t last,
    const unsigned char *part, int attr)
{
	char buf[256];
	size_t o = 0;
	double lo = 0, hi = 0, v[64];
	int n = 0;
	for (uint32_t p = first; p <= last && n < 64; p++) {
		v[n] = money_to_double(row[p - 1]);
		if (!part[n] && v[n] > hi)
			hi = v[n];
		if (!part[n] && v[n] < lo)
			lo = v[n];
		n++;
	}
	for (int i = 0; i < w - n; i++)
		buf[o++] = ' ';	/* fewer periods than room: right-aligned */
	for (int i = 0; i < n; i++) {
		const char *g;
		int lvl;
		if (part[i])
			g = ui_glyph->spark_part;
		else if (v[i] == 0)
			g = " ";	/* no spend that period */
		else {
			lvl = hi > lo ? (int)((v[i] - lo) * 7.0 / (hi - lo) + 0.5) : 7;
			if (lvl < 0)
				lvl = 0;
			if (lvl > 7)
				lvl = 7;
			g = ui_glyph->spark[lvl];
		}
		memcpy(buf + o, g, strlen(g));
		o += strlen(g);
	}
	buf[o] = '\0';
	ui_put(u, y, x, w, buf, attr);
}

static void
change_text(enum drill_change c, double pct, char *buf, size_t n, int *color)
{
	*color = C_NORMAL;
	switch (c) {
	case CHG_NONE:
		buf[0] = '\0';
		return;
	case CHG_NEW:
		snprintf(buf, n, "new");
		*color = C_UP;
		return;
	case CHG_PARTIAL:	/* a partial period is not a drop */
		snprintf(buf, n, "(part)");
		*color = C_DIMTEXT;
		return;
	case CHG_PCT:
		if (pct >= 999.5)
			snprintf(buf, n, ">+999%%");
		else if (pct <= -999.5)
			snprintf(buf, n, "<-999%%");
		else if (pct > -0.5 && pct < 0.5)
			snprintf(buf, n, "0%%");
		else
			snprintf(buf, n, "%+.0f%%", pct);
		*color = pct >= 0.5 ? C_UP : pct <= -0.5 ? C_DOWN : C_NORMAL;
		return;
	}
}

/* The lines under the list: what the change column compares, and what the
 * metric counts twice. Each takes a row while more than 3 are left. */
struct list_notes {
	char change[200], upfront[200], marks[200];
};

static int
notes_take(struct ui *u, struct drill *m, struct list_notes *n, int rows)
{
	int used = 0;
	ui_nav_marks_note(u, n->marks, sizeof n->marks);
	if (n->marks[0] && rows - used > 3)
		used++;
	else
		n->marks[0] = '\0';
	drill_change_note(m, n->change, sizeof n->change);
	drill_upfront_note(m, n->upfront, sizeof n->upfront);
	if (n->upfront[0] && rows - used > 3)
		used++;
	else
		n->upfront[0] = '\0';
	if (n->change[0] && rows - used > 3)
		used++;
	else
		n->change[0] = '\0';
	return used;
}

/* The change note, when the trend shows the partial last period's mark,
 * says what the mark is: "(2026-Q4 is partial: 1 of 3 months, ':' in
 * trend)", 75 columns with a month to date. */
static void
notes_trend(struct list_notes *n)
{
	size_t k = strlen(n->change);
	if (k == 0 || n->change[k - 1] != ')')
		return;
	snprintf(n->change + k - 1, sizeof n->change - (k - 1), ", '%s' in trend)", ui_glyph->spark_part);
}

/* The periods of a trend w columns wide: their first, and in part[] (from
 * it) those the rows cover only in part; when the last is, the change
 * note says what its mark is. */
static uint32_t
spark_parts(const struct drill *m, int w, unsigned char *part, size_t n, struct list_notes *notes)
{
	uint32_t last = drill_last_period(m), first = last > (uint32_t)w ? last - (uint32_t)w + 1 : 1;
	char why[64];
	memset(part, 0, n);
	for (uint32_t p = first; m->has_period && p <= last && p - first < n; p++)
		part[p - first] = period_whole(m->s, &m->period, p, &m->cov, why, sizeof why) == 0;
	if (last >= first && last - first < n && part[last - first])
		notes_trend(notes);
	return first;
}

static void
notes_draw(struct ui *u, int y, const struct list_notes *n)
{
	if (n->change[0])
		ui_put(u, y++, 2, COLS - 3, n->change, theme_attr(C_DIMTEXT));
	if (n->upfront[0])
		ui_put(u, y++, 2, COLS - 3, n->upfront, theme_attr(C_WARN));
	if (n->marks[0])
		ui_put(u, y, 2, COLS - 3, n->marks, theme_attr(C_TOTAL));
}

static void
draw_list(struct ui *u)
{
	struct drill *m = &u->m;
	struct drill_view *v;
	struct layout L;
	char name[300], head[600], win[96], buf[1024], cur[64];
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT, y;
	enum metric me = m->metric;
	const char *arrow;

	struct list_notes notes;
	unsigned char partial[64];
	uint32_t first = 1;

	drill_refresh(m);
	v = drill_view(m);
	rows -= notes_take(u, m, &notes, rows);
	u->list_rows = rows;
	ui_draw_totals(u, &v->res.total);
	window_text(u, win, sizeof win);
	ui_draw_crumb(u, hd, NULL, win);
	ui_scroll_to(v->cur, &v->top, v->shown.n, rows);
	layout(u, v, &L);
	if (L.show_trend)
		first = spark_parts(m, L.tw, partial, sizeof partial, &notes);

	/* column heads: the sorted one carries the arrow */
	arrow = v->reverse ? ui_glyph->up : ui_glyph->down;	/* after a space: "v" is a letter too */
	dim_name(u->s, &v->dim, name, sizeof name);
	if (v->search[0])
		snprintf(head, sizeof head, "%s (%zu of %zu) /%s", name, v->nmatch, v->res.n, v->search);
	else
		snprintf(head, sizeof head, "%s (%zu)%s%s", name, v->res.n, v->sort == SORT_NAME ? " " : "",
		    v->sort == SORT_NAME ? (v->reverse ? ui_glyph->down : ui_glyph->up) : "");
	ui_fill(hd + 1, A_NORMAL);
	snprintf(buf, sizeof buf, "%s%s%s", metric_name(me), v->sort == SORT_VALUE ? " " : "",
	    v->sort == SORT_VALUE ? arrow : "");
	{
		int hw = text_width(buf), room = L.vx + L.vw - hw - 1 - L.lx;
		ui_put(u, hd + 1, L.lx, room < L.lw ? room : L.lw, head, theme_attr(C_HEAD));
		ui_put_right(u, hd + 1, L.vx + L.vw, hw, buf, theme_attr(C_HEAD));
	}
	if (L.show_pct)
		ui_put_right(u, hd + 1, L.px + L.pw, L.pw, "Share", theme_attr(C_HEAD));
	if (L.show_trend) {
		ui_put(u, hd + 1, L.tx, L.tw, "trend", theme_attr(C_HEAD));
		snprintf(buf, sizeof buf, "%s%s", v->sort == SORT_CHANGE ? "chg " : "change",
		    v->sort == SORT_CHANGE ? arrow : "");
		ui_put_right(u, hd + 1, L.cx + L.cw, L.cw, buf, theme_attr(C_HEAD));
	} else if (v->sort == SORT_CHANGE) {
		ui_put_right(u, hd + 1, COLS - 1, 12, "by change", theme_attr(C_HEAD));
	}

	if (v->shown.n == 0)
		ui_put(u, hd + 2, 2, COLS - 4, v->search[0] ? "no group matches the filter (Esc clears it)" :
		    "no rows in this path", theme_attr(C_DIMTEXT));
	for (y = 0; y < rows && v->top + (size_t)y < v->shown.n; y++) {
		size_t i = v->top + (size_t)y;
		const struct qgroup *g = &v->shown.g[i];
		int sel = i == v->cur, yy = hd + 2 + y, ok, cc;
		enum ui_color lc;
		int base = sel ? theme_attr(C_SEL) : 0;
		long long tenths = format_permille(g->sum[me], v->res.total.sum[me], &ok);
		enum drill_change chg;
		double pct;
		const money_t *trend = drill_trend(m, v, i, &chg, &pct);

		if (sel) {
			ui_fill(yy, base);
			ui_put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		if (drill_marked(m, v, i))
			ui_put(u, yy, 1, 1, "*", base | (int)A_BOLD);
		lc = g->folded ? C_OTHER : g->key[0] == CODE_NULL ? C_EMPTY : C_NORMAL;
		{
			char part[64];
			int x = ui_put(u, yy, L.lx, L.lw, drill_label(m, v, i, buf, sizeof buf), theme_attr(lc) | base);
			if (drill_period_note(m, v, i, part, sizeof part)) {
				snprintf(buf, sizeof buf, " (%s)", part);
				ui_put(u, yy, L.lx + x, L.lw - x, buf, theme_attr(C_DIMTEXT) | base);
			}
		}
		format_value(drill_currency(m, cur, sizeof cur), me, g->sum[me], g->nn[me] > 0, buf, sizeof buf);
		ui_put_right(u, yy, L.vx + L.vw, L.vw, buf, theme_attr(C_NORMAL) | base);
		if (L.show_pct) {
			format_share(tenths, ok && g->nn[me] > 0, buf, sizeof buf);
			ui_put_right(u, yy, L.px + L.pw, L.pw + 1, buf, theme_attr(C_NORMAL) | base);
		}
		if (L.show_bar && ok)
			draw_bar(u, yy, L.bx, L.bw, tenths, theme_attr(C_BAR) | base);
		if (L.show_trend) {
			if (trend)
				draw_spark(u, yy, L.tx, L.tw, trend, first, drill_last_period(m), partial,
				    theme_attr(C_SPARK) | base);
			change_text(chg, pct, buf, sizeof buf, &cc);
			ui_put_right(u, yy, L.cx + L.cw, L.cw, buf, theme_attr((enum ui_color)cc) | base);
		}
	}
	notes_draw(u, hd + 2 + rows, &notes);
}


static size_t *
list_cursor(struct ui *u, size_t *n)
{
	struct drill_view *v = drill_view(&u->m);
	*n = v->shown.n;
	return &v->cur;
}

const struct ui_screen ui_list_screen = {
	.groups = SB_MOVES,
	.draw = draw_list,
	.cursor = list_cursor,
	.keys = list_keys,
	.nkeys = sizeof list_keys / sizeof *list_keys,
};
