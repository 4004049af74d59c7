/* ui_draw.c - one draw function per state.
 *
 * Every frame is erase() + draw + doupdate(): ncurses diffs against what the
 * terminal shows and sends only the cells that changed (never clear(), which
 * would repaint all of it on every key over a slow SSH link). Every string,
 * ours or the data's, goes through text_fit() before it reaches curses, so
 * control characters and escape sequences in a cost file are drawn as \xNN. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"

/* the head: title, totals, [what-if: 3 lines], breadcrumb, column heads */
#define FOOT 2		/* key hints, status */
#define LABEL_MIN 16	/* below this the list drops a column (see layout) */

struct glyphs {
	const char *sep, *crumb, *down, *up;
	const char *full, *part[8];
	const char *spark[8];
};

static const struct glyphs utf8_glyphs = {
	" \xe2\x94\x82 ", " \xe2\x80\xba ", "\xe2\x96\xbc", "\xe2\x96\xb2",
	"\xe2\x96\x88",
	{"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
	    "\xe2\x96\x89"},
	{"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88"},
};

static const struct glyphs ascii_glyphs = {
	" | ", " > ", "v", "^",
	"#",
	{"", "", "", "", "", "", "", ""},
	{"_", ".", "-", "~", "=", "+", "*", "#"},
};

static const struct glyphs *G;

/* Draws s, sanitized and cut to w columns, at (y, x). Returns columns used. */
static int
put(const struct ui *u, int y, int x, int w, const char *s, int attr)
{
	char fit[2048];
	wchar_t wbuf[1024];
	size_t n;
	int used;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	used = text_fit(s, w, fit, sizeof fit, !u->utf8);
	n = mbstowcs(wbuf, fit, sizeof wbuf / sizeof *wbuf - 1);
	if (n == (size_t)-1)
		return 0;
	attrset(attr);
	mvaddnwstr(y, x, wbuf, (int)n);
	attrset(A_NORMAL);
	return used;
}

/* Right-aligned so that the text ends before column xend. */
static void
put_right(const struct ui *u, int y, int xend, int w, const char *s, int attr)
{
	char fit[2048];
	int used = text_fit(s, w, fit, sizeof fit, !u->utf8);
	put(u, y, xend - used, used, fit, attr);
}

static void
fill(int y, int attr)
{
	if (y < 0 || y >= LINES)
		return;
	attrset(attr);
	mvhline(y, 0, ' ', COLS);
	attrset(A_NORMAL);
}

static void
count_text(unsigned long long n, char *buf, size_t len)
{
	money_format(money_from_int((long long)n), 0, 0, ',', buf, len);
}

static void
share_text(long long tenths, int ok, char *buf, size_t n)
{
	long long a = tenths < 0 ? -tenths : tenths;
	if (!ok)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s%lld.%lld%%", tenths < 0 ? "-" : "", a / 10, a % 10);
}

int
ui_too_small(const struct ui *u)
{
	return u->too_small == SMALL_MESSAGE && (COLS < u->min_cols || LINES < u->min_rows);
}

/* ---- header ---- */

struct seg {
	const char *s;
	int attr;
};

static int
segs_width(const struct seg *sg, int n)
{
	int w = 0;
	for (int i = 0; i < n; i++)
		w += text_width(sg[i].s);
	return w;
}

static int
segs_put(const struct ui *u, int y, int x, const struct seg *sg, int n)
{
	for (int i = 0; i < n; i++)
		x += put(u, y, x, COLS - x, sg[i].s, sg[i].attr);
	return x;
}

/* The title line: focal, the files, the provider, the periods. */
static void
draw_title(struct ui *u)
{
	int room = COLS - 2, x = put(u, 0, 1, room, "focal", theme_attr(C_TITLE));
	x += put(u, 0, 1 + x, room - x, G == &utf8_glyphs ? " \xc2\xb7 " : " - ", theme_attr(C_NORMAL));
	for (int i = 0; i < 3; i++)
		if (i == 2 || text_width(u->dataset[i]) <= room - x) {
			put(u, 0, 1 + x, room - x, u->dataset[i], theme_attr(C_NORMAL));
			break;
		}
}

/* ---- the what-if scenario, on every screen ---- */

#define SIM_ROWS 3	/* per month, annualised, the legend */

static int
sim_rows(const struct ui *u)
{
	return u->m.wi.sim.active ? SIM_ROWS : 0;
}

/* The row of the breadcrumb: below the title, the totals and the what-if. */
static int
crumb_row(const struct ui *u)
{
	return 2 + sim_rows(u);
}

static void
sim_money(const struct ui *u, money_t v, int mark, char *buf, size_t n)
{
	char m[80];
	report_money(u->s, v, m, sizeof m);
	snprintf(buf, n, "%s%s", m, mark ? "*" : "");
}

/* The scenario's totals from y on: baseline (always shown), scenario* and
 * savings*, per month and annualised, then the legend. Narrower terminals
 * get shorter words, never fewer numbers. */
static void
draw_sim(struct ui *u, int y)
{
	static const struct {
		const char *label[2], *word[3];
		int gap;
	} form[] = {
		{{"seats/month", "seats/year"}, {"baseline ", "scenario ", "savings "}, 2},
		{{"per month", "annualised"}, {"baseline ", "scenario ", "savings "}, 2},
		{{"/month", "/year"}, {"", "-> ", "saves "}, 1},	/* the last: cut at the right */
	};
	const struct whatif_line *t = &u->m.wi.sim.total;
	int sim = u->m.wi.sim.active, f = 0, lw, vw[3] = {0, 0, 0};
	char v[2][3][96], legend[160], right[160];
	money_t val[2][3] = {{t->month_before, t->month_after, t->month_saving},
	    {t->year_before, t->year_after, t->year_saving}};
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < 3; c++) {
			sim_money(u, val[r][c], sim && c > 0, v[r][c], sizeof v[r][c]);
			if (text_width(v[r][c]) > vw[c])
				vw[c] = text_width(v[r][c]);
		}
	for (f = 0; f < (int)(sizeof form / sizeof *form) - 1; f++) {
		int w = text_width(form[f].label[0]) > text_width(form[f].label[1]) ? text_width(form[f].label[0]) :
		    text_width(form[f].label[1]);
		for (int c = 0; c < 3; c++)
			w += form[f].gap + text_width(form[f].word[c]) + vw[c];
		if (w <= COLS - 2)
			break;
	}
	lw = text_width(form[f].label[0]) > text_width(form[f].label[1]) ? text_width(form[f].label[0]) :
	    text_width(form[f].label[1]);
	for (int r = 0; r < 2; r++) {
		int x = 1 + lw;
		put(u, y + r, 1, lw, form[f].label[r], theme_attr(C_NORMAL));
		for (int c = 0; c < 3; c++) {
			int a = c == 0 ? theme_attr(C_TOTAL) : sim ? theme_attr(C_SIM) : theme_attr(C_NORMAL);
			x += form[f].gap;
			x += put(u, y + r, x, COLS - 1 - x, form[f].word[c], theme_attr(C_NORMAL));
			put_right(u, y + r, x + vw[c], vw[c], v[r][c], a);
			x += vw[c];
		}
	}
	if (sim)
		snprintf(legend, sizeof legend, "* simulated (what-if: %zu product%s changed)", u->m.wi.sim.nchanged,
		    u->m.wi.sim.nchanged == 1 ? "" : "s");
	else
		snprintf(legend, sizeof legend, "the scenario is the baseline: nothing changed");
	{
		int x = 1 + put(u, y + 2, 1, COLS - 2, legend, theme_attr(sim ? C_SIM : C_DIMTEXT));
		char next[96];
		right[0] = '\0';
		if (sim) {
			sim_money(u, t->next12_saving, 1, next, sizeof next);
			snprintf(right, sizeof right, "next 12 months %s", next);
		}
		if (right[0] && x + 2 + text_width(right) <= COLS - 1)
			put_right(u, y + 2, COLS - 1, COLS - x, right, theme_attr(C_SIM));
	}
}

/* The grand total, the path's total (path: the view's, or a group's), its
 * share of the grand total, and the rows behind it; the title line above
 * them, and the what-if scenario below them while there is one. */
static void
draw_totals(struct ui *u, const struct qgroup *path_g)
{
	struct drill *m = &u->m;
	char tot[96], path[96], pct[32], rows[64];
	struct seg sg[12];
	int n, ok;
	const char *sep = G->sep;
	enum metric me = m->metric;

	ui_value_text(u->s, me, m->grand.sum[me], m->grand.nn[me] > 0, tot, sizeof tot);
	ui_value_text(u->s, me, path_g->sum[me], path_g->nn[me] > 0, path, sizeof path);
	{
		long long t = ui_permille(path_g->sum[me], m->grand.sum[me], &ok);
		share_text(t, ok, pct, sizeof pct);
	}
	count_text(path_g->rows, rows, sizeof rows);
	for (int variant = 0; variant < 3; variant++) {
		int a = theme_attr(C_NORMAL), b = theme_attr(C_TOTAL);
		n = 0;
		sg[n++] = (struct seg){"Total ", a};
		sg[n++] = (struct seg){tot, b};
		sg[n++] = (struct seg){variant == 0 ? sep : variant == 1 ? sep : "  ", a};
		sg[n++] = (struct seg){variant == 0 ? "This path " : "Path ", a};
		sg[n++] = (struct seg){path, b};
		sg[n++] = (struct seg){variant == 0 ? " = " : " ", a};
		sg[n++] = (struct seg){pct, b};
		sg[n++] = (struct seg){variant == 0 ? " of total" : "", a};
		sg[n++] = (struct seg){variant < 2 ? sep : "  ", a};
		sg[n++] = (struct seg){rows, b};
		sg[n++] = (struct seg){path_g->rows == 1 ? " row" : " rows", a};
		if (segs_width(sg, n) <= COLS - 2)
			break;
	}
	segs_put(u, 1, 1, sg, n);
	draw_title(u);
	if (m->wi.sim.active)
		draw_sim(u, 2);
}

/* "All › a › b": the view stack, cut from the left when it is too long. */
static void
draw_crumb(struct ui *u, int y, const char *last, const char *right)
{
	struct drill *m = &u->m;
	const char *parts[DRILL_MAX_DEPTH + 2];
	int np = 0, w, skip = 0, rw = right ? text_width(right) : 0, x = 1, room;
	char fit[DRILL_MAX_DEPTH + 2][128];
	parts[np++] = m->views[0].nf ? "Filtered" : "All";
	for (int i = 1; i < m->depth; i++)
		parts[np++] = m->views[i].crumb;
	if (last)
		parts[np++] = last;
	room = COLS - 2 - (rw ? rw + 2 : 0);
	if (room < 20) {
		rw = 0;
		room = COLS - 2;
	}
	for (int i = 0; i < np; i++)
		text_fit(parts[i], 40, fit[i], sizeof fit[i], !u->utf8);
	for (;;) {
		w = 0;
		for (int i = 0; i < np; i++)
			if (i == 0 || i > skip)
				w += text_width(fit[i]) + (i ? text_width(G->crumb) : 0);
		if (skip)
			w += 1 + text_width(G->crumb);
		if (w <= room || skip >= np - 2)
			break;
		skip++;
	}
	for (int i = 0; i < np; i++) {
		if (i > 0 && i <= skip) {
			if (i == 1) {
				x += put(u, y, x, room - x, G->crumb, theme_attr(C_DIMTEXT));
				x += put(u, y, x, room - x, u->utf8 ? "\xe2\x80\xa6" : "~", theme_attr(C_DIMTEXT));
			}
			continue;
		}
		if (i > 0)
			x += put(u, y, x, room + 1 - x, G->crumb, theme_attr(C_DIMTEXT));
		x += put(u, y, x, room + 1 - x, fit[i], theme_attr(i == np - 1 ? C_TITLE : C_CRUMB));
	}
	if (rw)
		put_right(u, y, COLS - 1, rw, right, theme_attr(C_DIMTEXT));
}

static void
window_text(struct ui *u, char *buf, size_t n)
{
	char per[64];
	if (!u->m.has_period) {
		snprintf(buf, n, "no periods");
		return;
	}
	if (u->m.win)
		dim_label(u->s, &u->m.period, u->m.win, per, sizeof per);
	snprintf(buf, n, "%s%s%s", grain_name(u->m.grain), G == &utf8_glyphs ? " \xc2\xb7 " : ": ",
	    u->m.win ? per : "all periods");
}

/* ---- the list ---- */

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
	char buf[96];
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
			ui_value_text(u->s, m->metric, k ? lo : hi, 1, buf, sizeof buf);
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
			memcpy(buf + o, G->full, 3);
		if (eighths % 8 && o + 4 < sizeof buf) {
			memcpy(buf + o, G->part[eighths % 8], 3);
			o += 3;
		}
		if (eighths == 0) {	/* a sliver: there is something */
			memcpy(buf + o, G->part[1], 3);
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
	put(u, y, x, w, buf, attr);
}

static void
draw_spark(struct ui *u, int y, int x, int w, const money_t *row, uint32_t last, int attr)
{
	char buf[128];
	size_t o = 0;
	double lo = 0, hi = 0, v[64];
	int n = 0;
	uint32_t first = last > (uint32_t)w ? last - (uint32_t)w + 1 : 1;
	for (uint32_t p = first; p <= last && n < 64; p++) {
		v[n] = money_to_double(row[p - 1]);
		if (v[n] > hi)
			hi = v[n];
		if (v[n] < lo)
			lo = v[n];
		n++;
	}
	for (int i = 0; i < w - n; i++)
		buf[o++] = ' ';	/* fewer periods than room: right-aligned */
	for (int i = 0; i < n; i++) {
		const char *g;
		int lvl;
		if (v[i] == 0) {
			buf[o++] = ' ';	/* no spend that period */
			continue;
		}
		lvl = hi > lo ? (int)((v[i] - lo) * 7.0 / (hi - lo) + 0.5) : 7;
		if (lvl < 0)
			lvl = 0;
		if (lvl > 7)
			lvl = 7;
		g = G->spark[lvl];
		memcpy(buf + o, g, strlen(g));
		o += strlen(g);
	}
	buf[o] = '\0';
	put(u, y, x, w, buf, attr);
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

static void
scroll_to(size_t cur, size_t *top, size_t n, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;
	if (cur < *top)
		*top = cur;
	if (cur >= *top + r)
		*top = cur - r + 1;
	if (n <= r)
		*top = 0;
	else if (*top > n - r)
		*top = n - r;
}

static void
draw_list(struct ui *u)
{
	struct drill *m = &u->m;
	struct drill_view *v;
	struct layout L;
	char name[300], head[600], win[96], buf[1024];
	int hd = crumb_row(u), rows = LINES - hd - 2 - FOOT, y;
	enum metric me = m->metric;
	const char *arrow;

	drill_refresh(m);
	v = drill_view(m);
	u->list_rows = rows;
	draw_totals(u, &v->res.total);
	window_text(u, win, sizeof win);
	draw_crumb(u, hd, NULL, win);
	scroll_to(v->cur, &v->top, v->shown.n, rows);
	layout(u, v, &L);

	/* column heads: the sorted one carries the arrow */
	arrow = v->reverse ? G->up : G->down;	/* after a space: "v" is a letter too */
	dim_name(u->s, &v->dim, name, sizeof name);
	if (v->search[0])
		snprintf(head, sizeof head, "%s (%zu of %zu) /%s", name, v->nmatch, v->res.n, v->search);
	else
		snprintf(head, sizeof head, "%s (%zu)%s%s", name, v->res.n, v->sort == SORT_NAME ? " " : "",
		    v->sort == SORT_NAME ? (v->reverse ? G->down : G->up) : "");
	fill(hd + 1, A_NORMAL);
	snprintf(buf, sizeof buf, "%s%s%s", metric_name(me), v->sort == SORT_VALUE ? " " : "",
	    v->sort == SORT_VALUE ? arrow : "");
	{
		int hw = text_width(buf), room = L.vx + L.vw - hw - 1 - L.lx;
		put(u, hd + 1, L.lx, room < L.lw ? room : L.lw, head, theme_attr(C_HEAD));
		put_right(u, hd + 1, L.vx + L.vw, hw, buf, theme_attr(C_HEAD));
	}
	if (L.show_pct)
		put_right(u, hd + 1, L.px + L.pw, L.pw, "Share", theme_attr(C_HEAD));
	if (L.show_trend) {
		put(u, hd + 1, L.tx, L.tw, "trend", theme_attr(C_HEAD));
		snprintf(buf, sizeof buf, "%s%s", v->sort == SORT_CHANGE ? "chg " : "change",
		    v->sort == SORT_CHANGE ? arrow : "");
		put_right(u, hd + 1, L.cx + L.cw, L.cw, buf, theme_attr(C_HEAD));
	} else if (v->sort == SORT_CHANGE) {
		put_right(u, hd + 1, COLS - 1, 12, "by change", theme_attr(C_HEAD));
	}

	if (v->shown.n == 0)
		put(u, hd + 2, 2, COLS - 4, v->search[0] ? "no group matches the filter (Esc clears it)" :
		    "no rows in this path", theme_attr(C_DIMTEXT));
	for (y = 0; y < rows && v->top + (size_t)y < v->shown.n; y++) {
		size_t i = v->top + (size_t)y;
		const struct qgroup *g = &v->shown.g[i];
		int sel = i == v->cur, yy = hd + 2 + y, ok, cc;
		enum ui_color lc;
		int base = sel ? theme_attr(C_SEL) : 0;
		long long tenths = ui_permille(g->sum[me], v->res.total.sum[me], &ok);
		enum drill_change chg;
		double pct;
		const money_t *trend = drill_trend(m, v, i, &chg, &pct);

		if (sel) {
			fill(yy, base);
			put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		lc = g->folded ? C_OTHER : g->key[0] == CODE_NULL ? C_EMPTY : C_NORMAL;
		put(u, yy, L.lx, L.lw, drill_label(m, v, i, buf, sizeof buf), theme_attr(lc) | base);
		ui_value_text(u->s, me, g->sum[me], g->nn[me] > 0, buf, sizeof buf);
		put_right(u, yy, L.vx + L.vw, L.vw, buf, theme_attr(C_NORMAL) | base);
		if (L.show_pct) {
			share_text(tenths, ok && g->nn[me] > 0, buf, sizeof buf);
			put_right(u, yy, L.px + L.pw, L.pw + 1, buf, theme_attr(C_NORMAL) | base);
		}
		if (L.show_bar && ok)
			draw_bar(u, yy, L.bx, L.bw, tenths, theme_attr(C_BAR) | base);
		if (L.show_trend) {
			if (trend)
				draw_spark(u, yy, L.tx, L.tw, trend, drill_last_period(m), theme_attr(C_SPARK) | base);
			change_text(chg, pct, buf, sizeof buf, &cc);
			put_right(u, yy, L.cx + L.cw, L.cw, buf, theme_attr((enum ui_color)cc) | base);
		}
	}
}

/* ---- choosing a dimension ---- */

static void
draw_dims(struct ui *u)
{
	struct drill_view *v;
	int hd = crumb_row(u), rows = LINES - hd - 2 - FOOT;
	char name[300], num[64];
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	u->list_rows = rows;
	draw_totals(u, &v->res.total);
	draw_crumb(u, hd, NULL, "group this level by");
	fill(hd + 1, A_NORMAL);
	snprintf(name, sizeof name, "Dimension (%zu available)", u->ndims);
	put(u, hd + 1, 2, COLS - 14, name, theme_attr(C_HEAD));
	put_right(u, hd + 1, COLS - 1, 10, "values", theme_attr(C_HEAD));
	scroll_to(u->dims_cur, &u->dims_top, u->ndims, rows);
	for (int y = 0; y < rows && u->dims_top + (size_t)y < u->ndims; y++) {
		size_t i = u->dims_top + (size_t)y;
		int sel = i == u->dims_cur, base = sel ? theme_attr(C_SEL) : 0, x;
		if (sel) {
			fill(hd + 2 + y, base);
			put(u, hd + 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		dim_name(u->s, &u->dims[i], name, sizeof name);
		x = put(u, hd + 2 + y, 2, COLS - 16, name, theme_attr(C_NORMAL) | base);
		if (dim_equal(&u->dims[i], &v->dim))
			put(u, hd + 2 + y, 2 + x, COLS - 16 - x, " (shown now)", theme_attr(C_DIMTEXT) | base);
		count_text(dim_ncodes(u->s, &u->dims[i]) - 1, num, sizeof num);
		put_right(u, hd + 2 + y, COLS - 1, 12, num, theme_attr(C_NORMAL) | base);
	}
}

/* ---- rows behind a group ---- */

static void
cell_text(struct ui *u, size_t row, int col, char *buf, size_t n)
{
	const char *s;
	if (store_column_kind(u->s, col) == COL_METRIC) {
		money_t v = store_money(u->s, col, row);
		if (v == MONEY_NULL)
			snprintf(buf, n, "(null)");
		else if (metric_is_money(u->m.metric))
			report_money(u->s, v, buf, n);
		else
			money_format(v, -1, 0, ',', buf, n);
		return;
	}
	s = store_cell(u->s, row, col, buf, n);
	if (s == NULL)
		s = "(null)";
	if (store_column_kind(u->s, col) == COL_DATE)
		snprintf(buf, n, "%.10s", s);	/* the day is enough on a line */
	else if (s != buf)
		snprintf(buf, n, "%s", s);
}

static void
draw_rows(struct ui *u)
{
	struct drill_rows *r = &u->rows;
	int hd = crumb_row(u), rows = LINES - hd - 2 - FOOT, x[10], w[10], nc = r->ncols, lw;
	char buf[1024], right[256], num[64], sum[96];
	int multi = store_nfiles(u->s) > 1;

	u->list_rows = rows;
	drill_refresh(&u->m);
	draw_totals(u, &r->g);
	count_text(r->n, num, sizeof num);
	ui_value_text(u->s, u->m.metric, r->g.sum[u->m.metric], r->g.nn[u->m.metric] > 0, sum, sizeof sum);
	snprintf(right, sizeof right, "%s row%s, %s", num, r->n == 1 ? "" : "s", sum);
	draw_crumb(u, hd, r->title, right);
	scroll_to(r->cur, &r->top, r->n, rows);

	/* columns: line, date, value, then text columns as wide as their
	 * visible cells (at most 40) while they fit; the last takes the rest */
	lw = multi ? 22 : 7;
	x[0] = 2;
	w[0] = lw;
	{
		int pos = 2 + lw + 1, want[10];
		for (int c = 0; c < nc; c++) {
			enum col_kind k = store_column_kind(u->s, r->cols[c]);
			want[c] = k == COL_DATE ? 10 : k == COL_METRIC ? 14 : text_width(store_column_name(u->s, r->cols[c]));
			for (int y = 0; k == COL_DIM && y < rows && r->top + (size_t)y < r->n; y++) {
				size_t row = drill_rows_get(r, u->s, r->top + (size_t)y);
				int tw;
				if (row == SIZE_MAX)
					break;
				cell_text(u, row, r->cols[c], buf, sizeof buf);
				if ((tw = text_width(buf)) > want[c])
					want[c] = tw;
			}
			if (want[c] > 40)
				want[c] = 40;
		}
		for (int c = 0; c < nc; c++) {
			int left = COLS - 1 - pos;
			x[c + 1] = pos;
			w[c + 1] = want[c] < left ? want[c] : left;
			if (c == nc - 1 && store_column_kind(u->s, r->cols[c]) == COL_DIM)
				w[c + 1] = left;
			if (w[c + 1] < 6)
				w[c + 1] = 0;	/* no room: dropped */
			pos += w[c + 1] + 1;
		}
	}
	fill(hd + 1, A_NORMAL);
	put(u, hd + 1, x[0], w[0], "Line", theme_attr(C_HEAD));
	for (int c = 0; c < nc; c++) {
		const char *h = store_column_kind(u->s, r->cols[c]) == COL_DATE ? "Date" :
		    store_column_name(u->s, r->cols[c]);
		if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
			put_right(u, hd + 1, x[c + 1] + w[c + 1], w[c + 1], h, theme_attr(C_HEAD));
		else
			put(u, hd + 1, x[c + 1], w[c + 1], h, theme_attr(C_HEAD));
	}
	for (int y = 0; y < rows && r->top + (size_t)y < r->n; y++) {
		size_t i = r->top + (size_t)y, row = drill_rows_get(r, u->s, i);
		int sel = i == r->cur, base = sel ? theme_attr(C_SEL) : 0, yy = hd + 2 + y;
		if (row == SIZE_MAX)
			break;
		if (sel) {
			fill(yy, base);
			put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		if (multi) {
			const char *p = store_file_path(u->s, store_row_file(u->s, row)), *b = strrchr(p, '/');
			snprintf(buf, sizeof buf, "%s:%lu", b ? b + 1 : p, (unsigned long)store_row_line(u->s, row));
		} else
			snprintf(buf, sizeof buf, "%lu", (unsigned long)store_row_line(u->s, row));
		put_right(u, yy, x[0] + w[0], w[0], buf, theme_attr(C_DIMTEXT) | base);
		for (int c = 0; c < nc; c++) {
			cell_text(u, row, r->cols[c], buf, sizeof buf);
			if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
				put_right(u, yy, x[c + 1] + w[c + 1], w[c + 1], buf, theme_attr(C_NORMAL) | base);
			else
				put(u, yy, x[c + 1], w[c + 1], buf,
				    theme_attr(strcmp(buf, "(null)") ? C_NORMAL : C_EMPTY) | base);
		}
	}
}

/* ---- the what-if panel ---- */

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
		sim_money(u, l->month_before, 0, buf, n);
		break;
	case WC_AFTER:
		sim_money(u, l->month_after, *sim, buf, n);
		break;
	case WC_YEAR:	/* blank where nothing changes: a saving is the scenario's */
		if (*sim || !p)
			sim_money(u, l->year_saving, *sim, buf, n);
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

/* Draws text over n lines from y, wrapped at spaces. */
static void
put_wrapped(struct ui *u, int y, int nlines, const char *text, int attr)
{
	char clean[4096];
	const char *p = clean;
	int w = COLS - 2;
	text_sanitize(text, clean, sizeof clean, !u->utf8);
	for (int k = 0; k < nlines && *p && w > 0; k++) {
		size_t len = ui_fit_bytes(p, w), skip = 0;
		char line[1024];
		if (p[len] && k < nlines - 1) {
			size_t b = len;
			while (b > len / 2 && p[b] != ' ')
				b--;
			if (p[b] == ' ' && b > len / 2) {
				len = b;
				skip = 1;
			}
		}
		if (k == nlines - 1)
			len = strlen(p);	/* the last line: put() cuts it with an ellipsis */
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		put(u, y + k, 1, w, line, attr);
		p += len + skip;
	}
}

/* What the detail lines say about the line under the cursor. */
static void
wdetail(struct ui *u, char *buf, size_t n)
{
	const struct whatif_panel *w = &u->m.wi;
	char price[96], a[96], b[96], c[96], from[160], renew[160];
	if (w->cur < w->m.n) {
		const struct whatif_product *p = &w->m.p[w->cur];
		const struct whatif_line *l = &w->r.line[w->cur];
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
		whatif_panel_starts(w, w->cur, 0, from, sizeof from);
		if (l->simulated) {
			sim_money(u, l->month_saving < 0 ? -l->month_saving : l->month_saving, 1, a, sizeof a);
			sim_money(u, l->year_saving < 0 ? -l->year_saving : l->year_saving, 1, b, sizeof b);
			sim_money(u, l->next12_saving, 1, c, sizeof c);
			snprintf(buf, n, "%s: %s term (%s), %lld seats at %s (%s)%s, %s. Scenario: %lld seats*, %s %s a "
			    "month, %s a year, from %s; in the next 12 months %s.", p->label, whatif_term_name(p->term),
			    p->term_from, p->seats, price, whatif_price_source_column(p->price_source), subs, renew,
			    l->seats_after, l->month_saving < 0 ? "costs more by" : "saves", a, b, from, c);
		} else
			snprintf(buf, n, "%s: %s term (%s), %lld seats at %s (%s)%s, %s. A cut saves from %s.", p->label,
			    whatif_term_name(p->term), p->term_from, p->seats, price,
			    whatif_price_source_column(p->price_source), subs, renew, from);
	} else if (w->cur - w->m.n < w->nsg) {
		const struct whatif_suggestion *sg = &w->sg[w->cur - w->m.n];
		sim_money(u, sg->effect.month_saving, 1, a, sizeof a);
		sim_money(u, sg->effect.year_saving, 1, b, sizeof b);
		sim_money(u, sg->effect.next12_saving, 1, c, sizeof c);
		whatif_panel_day(sg->effect.starts, from, sizeof from);
		snprintf(buf, n, "Rule %s (%s): %s: %s. Saves %s a month, %s a year, from %s; in the next 12 months %s.",
		    whatif_rule_name(sg->rule), whatif_panel_suggestion_in(w, w->cur - w->m.n) ? "in the scenario" :
		    "not applied; a applies it", w->m.p[sg->product].label, sg->why, a, b, from, c);
	} else
		buf[0] = '\0';
}

/* The columns of the suggestions: product, cut, money. */
struct wsugg {
	int lw, cw, mw;
};

/* A suggestion's cut and saving a year, right-aligned in their columns. */
static void
wsugg_tail(struct ui *u, size_t k, const struct wsugg *W, char *buf, size_t n)
{
	const struct whatif_panel *w = &u->m.wi;
	const struct whatif_suggestion *sg = &w->sg[k];
	char money[96], flex[96] = "";
	sim_money(u, sg->effect.year_saving, 1, money, sizeof money);
	if (sg->flex_days) {
		char d[48];
		money_format(sg->flex_days, -1, 0, 0, d, sizeof d);
		snprintf(flex, sizeof flex, ", Flex %s days/mo", d);
	}
	snprintf(buf, n, "%*lld seats  %*s/yr%s%s", W->cw, -sg->cut, W->mw, money, flex,
	    whatif_panel_suggestion_in(w, k) ? " (in scenario)" : "");
}

static void
wsugg_widths(struct ui *u, struct wsugg *W)
{
	const struct whatif_panel *w = &u->m.wi;
	char buf[300];
	int tail = 0;
	W->lw = 4;
	W->cw = W->mw = 0;
	for (size_t k = 0; k < w->nsg; k++) {
		sim_money(u, w->sg[k].effect.year_saving, 1, buf, sizeof buf);
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
		wsugg_tail(u, k, W, buf, sizeof buf);
		if (text_width(buf) > tail)
			tail = text_width(buf);
	}
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
	put(u, y, 2, 11, whatif_rule_name(w->sg[k].rule), theme_attr(C_KEY) | base);
	put(u, y, 13, lw, w->m.p[w->sg[k].product].label, theme_attr(in ? C_DIMTEXT : C_NORMAL) | base);
	put(u, y, 14 + lw, COLS - 15 - lw, tail, theme_attr(in ? C_DIMTEXT : C_SIM) | base);
}

static void
draw_whatif(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	struct wlayout L;
	struct wsugg SW;
	char buf[4200], d[32];
	int ndetail = LINES >= 24 ? 3 : 2, rows = LINES - FOOT - ndetail - WTOP, sim, dim;
	size_t nd = w->m.n + 2 + w->nsg, dc = w->cur < w->m.n ? w->cur : w->cur + 2;

	u->list_rows = rows;
	whatif_panel_day(w->m.as_of, d, sizeof d);
	snprintf(buf, sizeof buf, "What-if: %zu seat product%s as of %s%s%s%s", w->m.n, w->m.n == 1 ? "" : "s", d,
	    w->m.currency[0] ? " (" : "", w->m.currency, w->m.currency[0] ? ")" : "");
	put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	draw_sim(u, 1);
	wlayout(u, &L);
	wsugg_widths(u, &SW);
	fill(WTOP - 1, A_NORMAL);
	put(u, WTOP - 1, 2, L.lw, "Product", theme_attr(C_HEAD));
	for (int c = 0; c < WC_N; c++)
		if (L.on[c]) {
			if (wright[c])
				put_right(u, WTOP - 1, L.x[c] + L.w[c], L.w[c], whead[c], theme_attr(C_HEAD));
			else
				put(u, WTOP - 1, L.x[c], L.w[c], whead[c], theme_attr(C_HEAD));
		}

	scroll_to(dc, &w->top, nd, rows);
	if (w->cur == w->m.n && w->top == dc && dc > 0)
		w->top = dc - 1;	/* the first suggestion: with its heading */
	for (int y = 0; y < rows && w->top + (size_t)y < nd; y++) {
		size_t di = w->top + (size_t)y;
		int yy = WTOP + y, sel = di == dc, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			fill(yy, base);
			put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		if (di == w->m.n + 1) {
			if (w->nsg)
				snprintf(buf, sizeof buf, "Suggestions (idle %d days, occasional < %d days/mo): a applies one",
				    w->m.idle_days, w->m.occasional_days);
			else
				snprintf(buf, sizeof buf, "Suggestions: none (the data shows no idle, unassigned or "
				    "occasional seats)");
			put(u, yy, 1, COLS - 2, buf, theme_attr(C_HEAD));
			continue;
		}
		if (di > w->m.n + 1) {
			draw_suggestion(u, yy, di - w->m.n - 2, base, &SW);
			continue;
		}
		{
			size_t pi = di < w->m.n ? di : SIZE_MAX;
			int la = pi == SIZE_MAX ? theme_attr(C_TOTAL) : theme_attr(C_NORMAL);
			put(u, yy, 2, L.lw, pi == SIZE_MAX ? "Total" : w->m.p[pi].label, la | base);
			for (int c = 0; c < WC_N; c++) {
				int a;
				if (!L.on[c])
					continue;
				wcell(u, pi, c, buf, sizeof buf, &sim, &dim);
				a = theme_attr(sim ? C_SIM : dim ? C_DIMTEXT : pi == SIZE_MAX ? C_TOTAL : C_NORMAL) | base;
				if (wright[c])
					put_right(u, yy, L.x[c] + L.w[c], L.w[c], buf, a);
				else
					put(u, yy, L.x[c], L.w[c], buf, a);
			}
		}
	}
	if (w->m.n == 0)
		put(u, WTOP, 2, COLS - 4, "no seat products in the data", theme_attr(C_DIMTEXT));
	wdetail(u, buf, sizeof buf);
	put_wrapped(u, LINES - FOOT - ndetail, ndetail, buf, theme_attr(C_NORMAL));
}

/* ---- help, log, one row ---- */

static void
draw_pager(struct ui *u)
{
	int rows = LINES - 1 - FOOT;
	u->list_rows = rows;
	fill(0, A_NORMAL);
	put(u, 0, 1, COLS - 2, u->pager.title, theme_attr(C_TITLE));
	if (u->pager.n > (size_t)rows && u->pager.top > u->pager.n - (size_t)rows)
		u->pager.top = u->pager.n - (size_t)rows;
	for (int y = 0; y < rows && u->pager.top + (size_t)y < u->pager.n; y++) {
		const struct ui_line *l = &u->pager.lines[u->pager.top + (size_t)y];
		put(u, 1 + y, 1, COLS - 2, l->text, theme_attr((enum ui_color)l->color));
	}
}

/* ---- footer ---- */

static void
draw_hints(struct ui *u)
{
	const char *h[32];
	int keep[32], n = (int)ui_hints(u, h, 32), w = 0, x = 1, y = LINES - 2;
	for (int i = 0; i < n; i++) {
		keep[i] = 1;
		w += text_width(h[i]) + 2;
	}
	/* drop the least important hints until the rest fit */
	while (w > COLS - 1) {
		int worst = -1;
		for (int i = 0; i < n; i++)
			if (keep[i] && (worst < 0 || ui_hint_prio(h[i]) >= ui_hint_prio(h[worst])))
				worst = i;
		if (worst < 0)
			break;
		keep[worst] = 0;
		w -= text_width(h[worst]) + 2;
	}
	for (int i = 0; i < n; i++) {
		char key[32];
		const char *sp;
		if (!keep[i])
			continue;
		sp = strchr(h[i], ' ');
		snprintf(key, sizeof key, "%.*s", sp ? (int)(sp - h[i]) : (int)strlen(h[i]), h[i]);
		x += put(u, y, x, COLS - x, key, theme_attr(C_KEY));
		if (sp)
			x += put(u, y, x, COLS - x, sp, theme_attr(C_HINT));
		x += 2;
	}
}

static void
draw_status(struct ui *u)
{
	int y = LINES - 1, x = 1;
	char buf[700];
	if (u->state == ST_INPUT) {
		struct drill_view *v = drill_view(&u->m);
		switch (u->input_kind) {
		case IN_SEARCH:
			x += put(u, y, x, COLS - 2, "/", theme_attr(C_KEY));
			x += put(u, y, x, COLS - 16 - x, u->input, theme_attr(C_NORMAL));
			snprintf(buf, sizeof buf, "%zu of %zu", v->nmatch, v->res.n);
			put_right(u, y, COLS - 1, 14, buf, theme_attr(C_DIMTEXT));
			break;
		case IN_EXPORT:
			x += put(u, y, x, COLS - 2, "Export to: ", theme_attr(C_KEY));
			x += put(u, y, x, COLS - 1 - x, u->input, theme_attr(C_NORMAL));
			break;
		case IN_CONFIRM:
			snprintf(buf, sizeof buf, "%s exists: overwrite it? (y/n)", u->confirm_path);
			x += put(u, y, x, COLS - 2, buf, theme_attr(C_WARN));
			break;
		case IN_SEATS:
		case IN_PERCENT: {
			const struct whatif_panel *w = &u->m.wi;
			char label[64];
			text_fit(w->m.p[w->cur].label, COLS > 70 ? 24 : 12, label, sizeof label, !u->utf8);
			if (u->input_kind == IN_SEATS)
				snprintf(buf, sizeof buf, "%s seats (%lld; 12, -3, -10%%): ", label, w->m.p[w->cur].seats);
			else
				snprintf(buf, sizeof buf, "%s seats (%lld), change in %%: ", label, w->m.p[w->cur].seats);
			x += put(u, y, x, COLS - 2, buf, theme_attr(C_KEY));
			x += put(u, y, x, COLS - 1 - x, u->input, theme_attr(C_NORMAL));
			if (u->input_kind == IN_PERCENT)
				x += put(u, y, x, COLS - 1 - x, "%", theme_attr(C_DIMTEXT)) - 1;
			break;
		}
		case IN_SAVE:
		case IN_LOAD:
			x += put(u, y, x, COLS - 2, u->input_kind == IN_SAVE ? "Save scenario to: " :
			    "Load scenario from: ", theme_attr(C_KEY));
			x += put(u, y, x, COLS - 1 - x, u->input, theme_attr(C_NORMAL));
			break;
		}
		curs_set(1);
		move(y, x < COLS ? x : COLS - 1);
		return;
	}
	curs_set(0);
	if (u->status[0]) {
		int c = u->status_level == MSG_ERROR ? C_ERROR : u->status_level == MSG_WARN ? C_WARN : C_NORMAL;
		snprintf(buf, sizeof buf, "%s%s", u->status_level == MSG_ERROR ? "error: " :
		    u->status_level == MSG_WARN ? "! " : "", u->status);
		x += put(u, y, x, COLS - 14, buf, theme_attr((enum ui_color)c));
	} else if (u->notice[0]) {
		snprintf(buf, sizeof buf, "! %s", u->notice);
		x += put(u, y, x, COLS - 14, buf, theme_attr(C_WARN));
	}
	/* where the cursor is */
	{
		size_t cur = 0, n = 0;
		if (u->state == ST_LIST) {
			struct drill_view *v = drill_view(&u->m);
			cur = v->cur;
			n = v->shown.n;
		} else if (u->state == ST_DIMS) {
			cur = u->dims_cur;
			n = u->ndims;
		} else if (u->state == ST_ROWS) {
			cur = u->rows.cur;
			n = u->rows.n;
		} else if (u->state == ST_WHATIF) {
			cur = u->m.wi.cur;
			n = whatif_panel_items(&u->m.wi);
		} else {
			cur = u->pager.top;
			n = u->pager.n;
		}
		if (n) {
			snprintf(buf, sizeof buf, "%zu/%zu", cur + 1, n);
			if (x < COLS - 1 - text_width(buf))
				put_right(u, y, COLS - 1, 12, buf, theme_attr(C_DIMTEXT));
		}
	}
}

static void
draw_small(struct ui *u)
{
	char buf[160];
	int y = LINES / 2 - 1;
	snprintf(buf, sizeof buf, "%dx%d is too small: focal needs %dx%d", COLS, LINES, u->min_cols, u->min_rows);
	put(u, y - 1, 1, COLS - 1, "Terminal too small", theme_attr(C_TITLE));
	put(u, y, 1, COLS - 1, buf, theme_attr(C_NORMAL));
	put(u, y + 1, 1, COLS - 1, "Enlarge the window, or press q to quit.", theme_attr(C_NORMAL));
	curs_set(0);
}

void
ui_draw(struct ui *u)
{
	G = u->utf8 ? &utf8_glyphs : &ascii_glyphs;
	erase();
	if (ui_too_small(u)) {
		drill_refresh(&u->m);	/* keep the data fresh for when it grows */
		draw_small(u);
	} else {
		switch (u->state == ST_INPUT ? u->under : u->state) {
		case ST_LIST:
			draw_list(u);
			break;
		case ST_DIMS:
			draw_dims(u);
			break;
		case ST_ROWS:
			draw_rows(u);
			break;
		case ST_WHATIF:
			draw_whatif(u);
			break;
		default:
			draw_pager(u);
			break;
		}
		draw_hints(u);
		draw_status(u);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- numbers for people ---- */

void
ui_value_text(const struct store *s, enum metric m, money_t v, int has, char *buf, size_t n)
{
	if (!has) {
		snprintf(buf, n, "-");
		return;
	}
	if (metric_is_money(m)) {
		report_money(s, v, buf, n);
		return;
	}
	{
		size_t l = money_format(v, 3, 0, ',', buf, n);
		while (l && buf[l - 1] == '0')
			buf[--l] = '\0';
		if (l && buf[l - 1] == '.')
			buf[--l] = '\0';
	}
}

long long
ui_permille(money_t v, money_t t, int *ok)
{
	money_t ratio, unit = MONEY_ONE / 1000;
	*ok = t != 0 && t != MONEY_NULL && v != MONEY_NULL;
	if (!*ok)
		return 0;
	/* tenths of a percent, rounded half away from zero in exact arithmetic (as report.c);
	 * v * 1000 overflowed for v above 1.7 * 10^17 */
	ratio = money_div(v, t);
	if (ratio == MONEY_NULL || ratio > 1000000 * MONEY_ONE || ratio < -1000000 * MONEY_ONE) {
		*ok = 0;
		return 0;
	}
	return (long long)((ratio + (ratio >= 0 ? unit / 2 : -unit / 2)) / unit);
}
