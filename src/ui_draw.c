/* ui_draw.c - what every screen draws with: the header (title, totals,
 * the what-if scenario, the breadcrumb), the footer (key hints, the status
 * line) and the glyphs. The screens themselves are ui_list.c, ui_rows.c, ...
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

#include "format.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"

/* the head: title, totals, [what-if: 3 lines], breadcrumb, column heads */

static const struct ui_glyphs utf8_glyphs = {
	" \xe2\x94\x82 ", " \xe2\x80\xba ", "\xe2\x96\xbc", "\xe2\x96\xb2",
	"\xe2\x96\x88",
	{"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a",
	    "\xe2\x96\x89"},
	{"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88"},
	"\xe2\x96\x91",
	" \xc2\xb7 ", "\xe2\x80\xa6",
};

static const struct ui_glyphs ascii_glyphs = {
	" | ", " > ", "v", "^",
	"#",
	{"", "", "", "", "", "", "", ""},
	{"_", ".", "-", "~", "=", "+", "*", "#"},
	":",
	" - ", "~",
};

const struct ui_glyphs *ui_glyph = &ascii_glyphs;

/* Draws s, sanitized and cut to w columns, at (y, x). Returns columns used. */
int
ui_put(const struct ui *u, int y, int x, int w, const char *s, int attr)
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
void
ui_put_right(const struct ui *u, int y, int xend, int w, const char *s, int attr)
{
	char fit[2048];
	int used = text_fit(s, w, fit, sizeof fit, !u->utf8);
	ui_put(u, y, xend - used, used, fit, attr);
}

void
ui_fill(int y, int attr)
{
	if (y < 0 || y >= LINES)
		return;
	attrset(attr);
	mvhline(y, 0, ' ', COLS);
	attrset(A_NORMAL);
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
		x += ui_put(u, y, x, COLS - x, sg[i].s, sg[i].attr);
	return x;
}

/* The title line: focal, the files, the provider, the periods. */
static void
draw_title(struct ui *u)
{
	int room = COLS - 2, x = ui_put(u, 0, 1, room, "focal", theme_attr(C_TITLE));
	x += ui_put(u, 0, 1 + x, room - x, ui_glyph->dot, theme_attr(C_NORMAL));
	for (int i = 0; i < 3; i++)
		if (i == 2 || text_width(u->dataset[i]) <= room - x) {
			ui_put(u, 0, 1 + x, room - x, u->dataset[i], theme_attr(C_NORMAL));
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
int
ui_crumb_row(const struct ui *u)
{
	return 2 + sim_rows(u);
}

void
ui_sim_money(const struct ui *u, money_t v, int mark, char *buf, size_t n)
{
	char m[80];
	report_money(u->s, v, m, sizeof m);
	snprintf(buf, n, "%s%s", m, mark ? "*" : "");
}

/* The scenario's totals from y on: baseline (always shown), scenario* and
 * savings*, per month and annualised, then the legend. Narrower terminals
 * get shorter words, never fewer numbers. */
void
ui_draw_sim(struct ui *u, int y)
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
			ui_sim_money(u, val[r][c], sim && c > 0, v[r][c], sizeof v[r][c]);
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
		ui_put(u, y + r, 1, lw, form[f].label[r], theme_attr(C_NORMAL));
		for (int c = 0; c < 3; c++) {
			int a = c == 0 ? theme_attr(C_TOTAL) : sim ? theme_attr(C_SIM) : theme_attr(C_NORMAL);
			x += form[f].gap;
			x += ui_put(u, y + r, x, COLS - 1 - x, form[f].word[c], theme_attr(C_NORMAL));
			ui_put_right(u, y + r, x + vw[c], vw[c], v[r][c], a);
			x += vw[c];
		}
	}
	if (sim)
		snprintf(legend, sizeof legend, "* simulated (what-if: %zu product%s changed)", u->m.wi.sim.nchanged,
		    u->m.wi.sim.nchanged == 1 ? "" : "s");
	else
		snprintf(legend, sizeof legend, "the scenario is the baseline: nothing changed");
	{
		int x = 1 + ui_put(u, y + 2, 1, COLS - 2, legend, theme_attr(sim ? C_SIM : C_DIMTEXT));
		char next[96];
		right[0] = '\0';
		if (sim) {
			ui_sim_money(u, t->next12_saving, 1, next, sizeof next);
			snprintf(right, sizeof right, "next 12 months %s", next);
		}
		if (right[0] && x + 2 + text_width(right) <= COLS - 1)
			ui_put_right(u, y + 2, COLS - 1, COLS - x, right, theme_attr(C_SIM));
	}
}

/* With several billing currencies, the totals of the ones not shown:
 * " (+ 2.25 USD, $ next)". */
static void
other_currencies(const struct drill *m, char *buf, size_t n)
{
	char label[64], v[96];
	size_t o = 0;
	buf[0] = '\0';
	if (!m->split_cur)
		return;
	for (uint32_t c = 0; c <= m->ncur && o + 1 < n; c++) {
		const struct qgroup *g = &m->cur_total[c];
		if (c == m->cur || g->rows == 0)
			continue;
		format_value(c ? dim_label(m->s, &m->cur_dim, c, label, sizeof label) : "(no currency)", m->metric,
		    g->sum[m->metric], g->nn[m->metric] > 0, v, sizeof v);
		o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : " (+ ", v);
	}
	if (o && o + 1 < n)
		snprintf(buf + o, n - o, "; key $ next)");
}

/* The same in few columns: " (+1 more: $)". */
static void
other_currencies_short(const struct drill *m, char *buf, size_t n)
{
	int k = 0;
	buf[0] = '\0';
	for (uint32_t c = 0; m->split_cur && c <= m->ncur; c++)
		k += c != m->cur && m->cur_total[c].rows > 0;
	if (k)
		snprintf(buf, n, " (+%d more: $)", k);
}

/* The grand total, the path's total (path: the view's, or a group's), its
 * share of the grand total, and the rows behind it; the title line above
 * them, and the what-if scenario below them while there is one. */
void
ui_draw_totals(struct ui *u, const struct qgroup *path_g)
{
	struct drill *m = &u->m;
	char tot[96], path[96], pct[32], rows[64], cur[64], others[200], few[32];
	struct seg sg[14];
	int n, ok;
	const char *sep = ui_glyph->sep, *c = drill_currency(m, cur, sizeof cur);
	enum metric me = m->metric;

	format_value(c, me, m->grand.sum[me], m->grand.nn[me] > 0, tot, sizeof tot);
	format_value(c, me, path_g->sum[me], path_g->nn[me] > 0, path, sizeof path);
	other_currencies(m, others, sizeof others);
	other_currencies_short(m, few, sizeof few);
	{
		long long t = format_permille(path_g->sum[me], m->grand.sum[me], &ok);
		format_share(t, ok, pct, sizeof pct);
	}
	format_count(path_g->rows, rows, sizeof rows);
	/* narrower and narrower: shorter words, the other currencies counted
	 * instead of listed, then no rows count, then no share; never a
	 * figure cut */
	for (int variant = 0; variant < 6; variant++) {
		int a = theme_attr(C_NORMAL), b = theme_attr(C_TOTAL);
		n = 0;
		sg[n++] = (struct seg){"Total ", a};
		sg[n++] = (struct seg){tot, b};
		if (others[0])	/* never added to tot: shown beside it */
			sg[n++] = (struct seg){variant < 3 ? others : few, theme_attr(C_DIMTEXT)};
		sg[n++] = (struct seg){variant == 0 ? sep : variant == 1 ? sep : "  ", a};
		sg[n++] = (struct seg){variant == 0 ? "This path " : "Path ", a};
		sg[n++] = (struct seg){path, b};
		if (variant < 5) {
			sg[n++] = (struct seg){variant == 0 ? " = " : " ", a};
			sg[n++] = (struct seg){pct, b};
			sg[n++] = (struct seg){variant == 0 ? " of total" : "", a};
		}
		if (variant < 4) {
			sg[n++] = (struct seg){variant < 2 ? sep : "  ", a};
			sg[n++] = (struct seg){rows, b};
			sg[n++] = (struct seg){path_g->rows == 1 ? " row" : " rows", a};
		}
		if (segs_width(sg, n) <= COLS - 2)
			break;
	}
	segs_put(u, 1, 1, sg, n);
	draw_title(u);
	if (m->wi.sim.active)
		ui_draw_sim(u, 2);
}

/* "All › a › b": the view stack, cut from the left when it is too long. */
void
ui_draw_crumb(struct ui *u, int y, const char *last, const char *right)
{
	struct drill *m = &u->m;
	const struct drill_view *v = drill_view(m);
	const char *parts[DRILL_MAX_DEPTH + 2];
	int np = 0, w, skip = 0, rw = right ? text_width(right) : 0, x = 1, room;
	char fit[DRILL_MAX_DEPTH + 2][128], lab[DRILL_MAX_DEPTH][128];
	/* the filters of the view on screen: drill steps by their value, chips
	 * as +value (only it) and -value (left out) */
	parts[np++] = "All";
	for (int k = 0; k < v->nf && k < DRILL_MAX_DEPTH; k++) {
		char a[56], b[56];
		const struct filter *f = &v->f[k];
		dim_label(m->s, &f->dim, f->lo, a, sizeof a);
		dim_label(m->s, &f->dim, f->hi, b, sizeof b);
		snprintf(lab[k], sizeof lab[k], "%s%s%s%s", f->exclude ? "-" : (v->chips >> k) & 1 ? "+" : "", a,
		    f->lo != f->hi ? ".." : "", f->lo != f->hi ? b : "");
		parts[np++] = lab[k];
	}
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
				w += text_width(fit[i]) + (i ? text_width(ui_glyph->crumb) : 0);
		if (skip)
			w += 1 + text_width(ui_glyph->crumb);
		if (w <= room || skip >= np - 2)
			break;
		skip++;
	}
	for (int i = 0; i < np; i++) {
		if (i > 0 && i <= skip) {
			if (i == 1) {
				x += ui_put(u, y, x, room - x, ui_glyph->crumb, theme_attr(C_DIMTEXT));
				x += ui_put(u, y, x, room - x, ui_glyph->ellipsis, theme_attr(C_DIMTEXT));
			}
			continue;
		}
		if (i > 0)
			x += ui_put(u, y, x, room + 1 - x, ui_glyph->crumb, theme_attr(C_DIMTEXT));
		x += ui_put(u, y, x, room + 1 - x, fit[i], theme_attr(i == np - 1 ? C_TITLE : C_CRUMB));
	}
	if (rw)
		ui_put_right(u, y, COLS - 1, rw, right, theme_attr(C_DIMTEXT));
}

/* ---- lists ---- */

void
ui_scroll_to(size_t cur, size_t *top, size_t n, int rows)
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

/* Bytes of s (sanitized) that fit in w columns, at least one character. */
size_t
ui_fit_bytes(const char *s, int w)
{
	mbstate_t st;
	size_t off = 0;
	int used = 0;
	memset(&st, 0, sizeof st);
	while (s[off]) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + off, MB_CUR_MAX, &st);
		int cw;
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			k = 1;
			cw = 1;
			memset(&st, 0, sizeof st);
		} else
			cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (used + cw > w && off > 0)
			break;
		used += cw;
		off += k;
	}
	return off;
}

size_t
ui_wrap_bytes(const char *s, int w, size_t *skip)
{
	size_t k = ui_fit_bytes(s, w), b = k;
	*skip = 0;
	if (!s[k])
		return k;
	/* break at a space when there is one in the second half */
	while (b > k / 2 && s[b] != ' ')
		b--;
	if (s[b] == ' ' && b > k / 2) {
		k = b;
		*skip = 1;
	}
	return k;
}

/* The lines text needs, wrapped as ui_put_wrapped() draws it in width w. */
int
ui_wrap_lines(const struct ui *u, const char *text, int w)
{
	char clean[4096];
	const char *p = clean;
	int n = 0;
	if (w < 1)
		return 1;
	text_sanitize(text, clean, sizeof clean, !u->utf8);
	while (*p) {
		size_t skip, k = ui_wrap_bytes(p, w, &skip);
		p += k + skip;
		n++;
	}
	return n;
}

void
ui_put_wrapped(const struct ui *u, int y, int nlines, const char *text, int attr)
{
	char clean[4096];
	const char *p = clean;
	int w = COLS - 2;
	text_sanitize(text, clean, sizeof clean, !u->utf8);
	for (int k = 0; k < nlines && *p && w > 0; k++) {
		size_t skip, len = ui_wrap_bytes(p, w, &skip);
		char line[1024];
		if (k == nlines - 1) {
			len = strlen(p);	/* the last line: ui_put() cuts it with an ellipsis */
			skip = 0;
		}
		snprintf(line, sizeof line, "%.*s", (int)len, p);
		ui_put(u, y + k, 1, w, line, attr);
		p += len + skip;
	}
}

int
ui_detail_lines(struct ui *u, size_t items, void (*detail)(struct ui *, size_t, char *, size_t), int base,
    int room)
{
	char buf[4200];
	int need = base, cap = room / 2 > base ? room / 2 : base;
	for (size_t i = 0; i < items && need < cap; i++) {
		int k;
		detail(u, i, buf, sizeof buf);
		k = ui_wrap_lines(u, buf, COLS - 2);
		if (k > need)
			need = k;
	}
	return need < cap ? need : cap;
}

/* ---- footer ---- */

void
ui_draw_hints(struct ui *u, const char *const *h, const int *prio, int n)
{
	int keep[32], w = 0, x = 1, y = LINES - 2;
	if (n > 32)
		n = 32;
	for (int i = 0; i < n; i++) {
		keep[i] = 1;
		w += text_width(h[i]) + 2;
	}
	/* drop the least important hints until the rest fit */
	while (w > COLS - 1) {
		int worst = -1;
		for (int i = 0; i < n; i++)
			if (keep[i] && (worst < 0 || prio[i] >= prio[worst]))
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
		x += ui_put(u, y, x, COLS - x, key, theme_attr(C_KEY));
		if (sp)
			x += ui_put(u, y, x, COLS - x, sp, theme_attr(C_HINT));
		x += 2;
	}
}

void
ui_draw_status(struct ui *u, size_t cur, size_t n)
{
	int y = LINES - 1, x = 1;
	char buf[700];
	curs_set(0);
	if (u->status[0]) {
		int c = u->status_level == MSG_ERROR ? C_ERROR : u->status_level == MSG_WARN ? C_WARN : C_NORMAL;
		snprintf(buf, sizeof buf, "%s%s", u->status_level == MSG_ERROR ? "error: " :
		    u->status_level == MSG_WARN ? "! " : "", u->status);
		x += ui_put(u, y, x, COLS - 14, buf, theme_attr((enum ui_color)c));
	} else if (u->notice[0]) {
		snprintf(buf, sizeof buf, "! %s", u->notice);
		x += ui_put(u, y, x, COLS - 14, buf, theme_attr(C_WARN));
	}
	/* where the cursor is */
	if (n) {
		snprintf(buf, sizeof buf, "%zu/%zu", cur + 1, n);
		if (x < COLS - 1 - text_width(buf))
			ui_put_right(u, y, COLS - 1, 12, buf, theme_attr(C_DIMTEXT));
	}
}

void
ui_draw_small(struct ui *u)
{
	char buf[160];
	int y = LINES / 2 - 1;
	snprintf(buf, sizeof buf, "%dx%d is too small: focal needs %dx%d", COLS, LINES, u->min_cols, u->min_rows);
	ui_put(u, y - 1, 1, COLS - 1, "Terminal too small", theme_attr(C_TITLE));
	ui_put(u, y, 1, COLS - 1, buf, theme_attr(C_NORMAL));
	ui_put(u, y + 1, 1, COLS - 1, "Enlarge the window, or press q to quit.", theme_attr(C_NORMAL));
	curs_set(0);
}

void
ui_draw_begin(struct ui *u)
{
	ui_glyph = u->utf8 ? &utf8_glyphs : &ascii_glyphs;
	erase();
}

void
ui_draw_end(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

