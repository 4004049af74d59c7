/* ui_partial.c - the explorer's frame while a big file loads (ncdu's scan
 * screen, but already the list): the totals of the rows read so far by
 * ServiceSubcategory (else ServiceName), one list per billing currency,
 * marked PARTIAL with the share of bytes read, redrawn as rows arrive; q or
 * Ctrl-C stops the load, other keys wait for the explorer. The explorer
 * itself opens on the final, exact totals when the load ends. Sums are kept as the loader commits rows (each
 * row added once, in its own currency), so a redraw costs only the new rows.
 *
 * Loads under about 0.1 s never show it. With a file split over two
 * threads, the rows so far are those of the first thread (the file's first
 * half, in order); the second half joins at the end. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "ui.h"
#include "value.h"
#include "xmalloc.h"

#define PARTIAL_AFTER 0.1	/* seconds of loading before the frame shows */
#define PARTIAL_EVERY 0.1	/* seconds between redraws */
#define MAX_CUR 8		/* currencies kept apart; more are one list "..." */

struct pgroup {
	money_t sum;
	uint64_t rows;
};

struct partial_cur {
	struct pgroup *g;	/* by the dimension's code */
	size_t ng;
	money_t total;
	uint64_t rows;
};

static struct pgroup *
group_at(struct partial_cur *pc, uint32_t code)
{
	if (code >= pc->ng) {
		size_t n = pc->ng ? pc->ng : 16;
		while (n <= code)
			n *= 2;
		pc->g = xreallocarray(pc->g, n, sizeof *pc->g);
		memset(pc->g + pc->ng, 0, (n - pc->ng) * sizeof *pc->g);
		pc->ng = n;
	}
	return &pc->g[code];
}

/* The columns, once the header is read: 0, or -1 (nothing to sum yet). */
static int
find_columns(struct ui_partial *p, const struct store *s)
{
	const char *dims[] = {"ServiceSubcategory", "ServiceName", "ServiceCategory"};
	if (p->met >= 0)
		return 0;
	p->met = store_find_column(s, metric_name(p->metric));
	if (p->met < 0)
		return -1;
	p->cur = store_find_column(s, "BillingCurrency");
	for (size_t i = 0; i < sizeof dims / sizeof *dims && p->dim < 0; i++)
		if ((p->dim = store_find_column(s, dims[i])) >= 0)
			p->dimname = dims[i];
	return 0;
}

/* The rows committed since the last call, into the sums. */
static void
add_rows(struct ui_partial *p, const struct store *s)
{
	size_t n = store_nrows(s);
	struct mcol m;
	if (find_columns(p, s) != 0)
		return;
	m = store_money_col(s, p->met);
	for (size_t r = p->done; r < n; r++) {
		uint32_t c = p->cur >= 0 ? store_code(s, p->cur, r) : 0, k = p->dim >= 0 ? store_code(s, p->dim, r) : 0;
		struct partial_cur *pc;
		struct pgroup *g;
		if (c >= MAX_CUR)
			c = MAX_CUR - 1;
		if (c >= p->ncur)
			p->ncur = c + 1;
		pc = &p->c[c];
		g = group_at(pc, k);
		g->rows++;
		pc->rows++;
		money_t v = mcol_get(&m, r);
		if (v != MONEY_NULL) {
			g->sum = money_add(g->sum, v);
			pc->total = money_add(pc->total, v);
		}
	}
	p->done = n;
}

static const struct partial_cur *sort_pc;

static int
by_sum(const void *a, const void *b)
{
	money_t x = sort_pc->g[*(const uint32_t *)a].sum, y = sort_pc->g[*(const uint32_t *)b].sum;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* How many currencies have rows (a list each). */
static int
lists(const struct ui_partial *p)
{
	int n = 0;
	for (uint32_t c = 0; c < p->ncur; c++)
		n += p->c[c].rows > 0;
	return n;
}

/* One currency's list from screen line y; returns the next free line. */
static int
draw_cur(struct ui *u, struct ui_partial *p, const struct store *s, uint32_t c, int y, int bottom)
{
	struct partial_cur *pc = &p->c[c];
	uint32_t *order = xcalloc(pc->ng + 1, sizeof *order), n = 0;
	char cur[64] = "", label[256], fit[512], fig[64], share[16], rows[32];
	int w = COLS - 40 > 12 ? COLS - 40 : 12;
	if (p->cur >= 0 && c > 0 && c < MAX_CUR - 1)
		snprintf(cur, sizeof cur, "%s", store_label(s, p->cur, c));
	for (uint32_t k = 0; k < pc->ng; k++)
		if (pc->g[k].rows)
			order[n++] = k;
	sort_pc = pc;
	qsort(order, n, sizeof *order, by_sum);
	if (lists(p) > 1 && y < bottom) {
		attrset(theme_attr(C_TITLE));
		mvprintw(y++, 1, "BillingCurrency %s", c == MAX_CUR - 1 ? "(more)" : c == 0 ? "(none)" : cur);
	}
	for (uint32_t i = 0; i < n && y < bottom; i++, y++) {
		const struct pgroup *g = &pc->g[order[i]];
		snprintf(label, sizeof label, "%s", p->dim < 0 ? "All rows" : order[i] == 0 ? "(null)" :
		    store_label(s, p->dim, order[i]));
		text_fit(label, w, fit, sizeof fit, !u->utf8);
		format_money(cur[0] ? cur : NULL, g->sum, fig, sizeof fig);
		format_share_of(g->sum, pc->total, 1, share, sizeof share);
		format_count(g->rows, rows, sizeof rows);
		attrset(theme_attr(C_NORMAL));
		mvprintw(y, 1, "%-*s %16s %7s %10s", w, fit, fig, share, rows);
	}
	free(order);
	return y;
}

static void
draw(struct ui *u, struct ui_partial *p, const struct store *s, const char *path, uint64_t bytes, uint64_t total)
{
	const char *base = strrchr(path, '/');
	char name[128], head[512], nrows[32];
	const char *dot = u->utf8 ? "\xc2\xb7" : "-", *wide = COLS >= 80 ? (u->utf8 ? "focal \xc2\xb7" : "focal -") : "";
	int y = 3;
	erase();
	text_fit(base ? base + 1 : path, COLS / 4 > 12 ? COLS / 4 : 12, name, sizeof name, !u->utf8);
	format_count(p->done, nrows, sizeof nrows);
	double t = ui_now() - p->t_start;
	if (total)
		snprintf(head, sizeof head, " %s%sloading %s %s %d%% read%s %s %s rows%s", wide, wide[0] ? " " : "", name, dot,
		    (int)(bytes * 100 / total), bytes >= total ? ", finishing" : "", dot, nrows, wide[0] ? " so far" : "");
	else
		snprintf(head, sizeof head, " %s%sloading %s %s %llu MB read %s %s rows%s", wide, wide[0] ? " " : "", name, dot,
		    (unsigned long long)(bytes >> 20), dot, nrows, wide[0] ? " so far" : "");
	if (t > 0) {
		/* the rates, when the line has room for them (not cut short) */
		char rate[96];
		snprintf(rate, sizeof rate, " %s %.0f MB/s %s %.0fk rows/s", dot, (double)bytes / 1048576.0 / t, dot,
		    (double)p->done / 1000.0 / t);
		if (text_width(head) + text_width(rate) <= COLS)
			snprintf(head + strlen(head), sizeof head - strlen(head), "%s", rate);
	}
	attrset(theme_attr(C_TITLE));
	mvaddnstr(0, 0, head, COLS);
	attrset(theme_attr(C_WARN) | (int)A_REVERSE);
	mvaddnstr(1, 0, COLS >= 92 ? " PARTIAL: totals of the rows read so far, not the file's; exact totals when the "
	    "load ends " : " PARTIAL: the rows read so far; exact totals when loaded ", COLS);
	attrset(theme_attr(C_HEAD));
	mvprintw(2, 1, "%-*s %16s %7s %10s", COLS - 40 > 12 ? COLS - 40 : 12, p->dim < 0 ? "" : p->dimname,
	    metric_name(p->metric), "Share", "Rows");
	for (uint32_t c = 0; c < p->ncur && y < LINES - 1; c++)
		if (p->c[c].rows)
			y = draw_cur(u, p, s, c, y, LINES - 1);
	attrset(theme_attr(C_HINT));
	mvaddnstr(LINES - 1, 0, " q stops loading and quits; other keys act when the explorer opens", COLS);
	attrset(A_NORMAL);
	doupdate();
	refresh();
}

/* q stops the load (Ctrl-C stays a signal, cbreak); other keys are kept
 * for the explorer, as a terminal keeps what is typed ahead. */
static void
keys(struct ui_partial *p)
{
	int ch;
	while ((ch = getch()) != ERR)
		if (ch == 'q' || ch == 'Q') {
			p->quit = 1;
			*p->cancel = SIGINT;
		} else if (ch != KEY_RESIZE && p->ntyped < (int)(sizeof p->typed / sizeof *p->typed))
			p->typed[p->ntyped++] = ch;
}

void
ui_partial_typed(struct ui_partial *p)
{
	while (p->ntyped > 0)	/* the last first: ungetch is a stack */
		ungetch(p->typed[--p->ntyped]);
}

void
ui_partial_progress(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows)
{
	struct ui_partial *p = ctx;
	struct ui *u = p->u;
	double now = ui_now();
	(void)rows;
	if (u->s == NULL || now - p->t_start < PARTIAL_AFTER || (total && bytes >= total && !p->on))
		return;
	add_rows(p, u->s);
	if (!p->on) {
		if (p->open(p) != 0)
			return;
		p->on = 1;
		p->first_ms = (now - p->t_start) * 1000.0;
	} else if (now - p->t_drawn < PARTIAL_EVERY)
		return;
	keys(p);
	draw(u, p, u->s, path, bytes, total);
	p->t_drawn = ui_now();
}

void
ui_partial_free(struct ui_partial *p)
{
	for (int c = 0; c < MAX_CUR; c++)
		free(p->c[c].g);
	free(p->c);
	p->c = NULL;
}

void
ui_partial_init(struct ui_partial *p, struct ui *u, enum metric m, double t_start)
{
	memset(p, 0, sizeof *p);
	p->u = u;
	p->metric = metric_is_money(m) ? m : M_EFFECTIVE;
	p->t_start = t_start;
	p->met = p->cur = p->dim = -1;
	p->c = xcalloc(MAX_CUR, sizeof *p->c);
}
