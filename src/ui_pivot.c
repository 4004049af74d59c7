/* ui_pivot.c - the level as a grid (P from the list): its groups as rows,
 * a second dimension as columns (a period at the grain in time order by
 * default, d picks any other), each cell the exact sum of the metric under
 * the path's filters, as focal report --pivot prints it (pivot.h). The row
 * labels and the Total column stay put while the other columns scroll
 * sideways; the Total line stays at the bottom; e exports the grid. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "period.h"
#include "pivot.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define PV_MAX_ROWS 1000	/* groups beyond fold into Other (k), as the list's top N */
#define PV_MAX_COLS 24		/* two years of months */
#define PV_COL_MAX 16		/* widest column label (the figures take what they need) */
#define PV_LABEL_MAX 28

static ui_action act_pivot, act_columns, act_right, act_left, act_export;

static const struct ui_keydef pivot_keys[] = {
	{NULL, 0, {0}, "Pivot: the level by a second dimension", NULL, NULL, 0},
	{act_pivot, SB(ST_LIST), {'P'}, "P",
	    "pivot this level: its groups as rows, a second dimension as columns (the periods at the grain, "
	    "in time order), each cell the exact sum of the metric under the path, with row, column and grand "
	    "totals; a partial period is marked *, columns beyond 24 fold into Other (k)", NULL, 0},
	{act_columns, SB(ST_PIVOT), {'d'}, "d", "choose the dimension of the columns (any dimension)",
	    "d columns", 1},
	{act_right, SB(ST_PIVOT), {KC(KEY_RIGHT), '>', '.', 'l'}, "Right, >, l",
	    "scroll the columns right (the row labels and the Total column stay)", "<> scroll", 1},
	{act_left, SB(ST_PIVOT), {KC(KEY_LEFT), '<', ','}, "Left, <",
	    "scroll the columns left; at the first column, Left closes the pivot", NULL, 0},
	{act_export, SB(ST_PIVOT), {'e'}, "e",
	    "export the pivot to a CSV file, as focal report --pivot --format csv prints it", "e export", 2},
};

void
ui_pivot_free(struct ui *u)
{
	if (u->pv.p) {
		pivot_free(u->pv.p);
		free(u->pv.p);
		u->pv.p = NULL;
	}
}

static void
build(struct ui *u)
{
	struct drill_view *v;
	struct filter f[16];
	int nf;
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	nf = drill_filters(&u->m, v, f);
	if (u->pv.p)
		pivot_free(u->pv.p);
	else
		u->pv.p = xcalloc(1, sizeof *u->pv.p);
	pivot_build(u->s, &v->dim, &u->pv.col, f, nf, u->m.metric, PV_MAX_ROWS, PV_MAX_COLS, u->pv.p);
	u->pv.cur = u->pv.top = u->pv.left = 0;
}

static void
say_columns(struct ui *u)
{
	char name[300];
	const struct pivot *p = u->pv.p;
	dim_name(u->s, &u->pv.col, name, sizeof name);
	if (p->cfolded)
		ui_status(u, MSG_INFO, "columns by %s: %zu, the %s %u folded into Other (%u)", name, p->ncol,
		    pivot_is_period(&p->col) ? "earliest" : "smallest", p->cfolded, p->cfolded);
	else
		ui_status(u, MSG_INFO, "columns by %s: %zu", name, p->ncol);
}

/* The columns by default: the periods at the grain; when the level is the
 * periods, the next dimension of the drill path. */
static int
default_columns(struct ui *u, const struct drill_view *v, struct dim *out)
{
	struct dim *all;
	size_t n;
	if (u->m.has_period && !pivot_is_period(&v->dim)) {
		*out = u->m.period;
		return 0;
	}
	if (drill_next_dim(&u->m, v, out) == 0 && !dim_equal(out, &v->dim))
		return 0;
	n = dim_list(u->s, u->m.grain, &all);
	for (size_t i = 0; i < n; i++)
		if (!dim_equal(&all[i], &v->dim)) {
			*out = all[i];
			free(all);
			return 0;
		}
	free(all);
	return -1;
}

static void
act_pivot(struct ui *u)
{
	struct drill_view *v;
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	if (v->res.total.rows == 0) {
		ui_status(u, MSG_INFO, "no rows in this path: nothing to pivot");
		return;
	}
	if (default_columns(u, v, &u->pv.col) != 0) {
		ui_status(u, MSG_WARN, "the data has one dimension only: nothing to pivot by");
		return;
	}
	build(u);
	ui_push(u, ST_PIVOT);
	say_columns(u);
}

static void
columns_chosen(struct ui *u, const struct dim *d)
{
	if (dim_equal(d, &u->pv.p->row)) {
		ui_status(u, MSG_WARN, "the rows are that dimension already: pick another for the columns");
		return;
	}
	u->pv.col = *d;
	build(u);
	say_columns(u);
}

static void
act_columns(struct ui *u)
{
	ui_dims_choose(u, &u->pv.col, columns_chosen);
}

static void
act_right(struct ui *u)
{
	if (u->pv.left + u->pv.shown < u->pv.p->ncol)
		u->pv.left++;
	else
		ui_status(u, MSG_INFO, "the last column is on screen");
}

static void
act_left(struct ui *u)
{
	if (u->pv.left > 0)
		u->pv.left--;
	else if (u->key == KC(KEY_LEFT)) {
		ui_pop(u);	/* Left closes, as on every screen, once there is nothing to its left */
		ui_pivot_free(u);
	} else
		ui_status(u, MSG_INFO, "the first column is on screen");
}

static int
export_csv(struct ui *u, FILE *f, size_t *count)
{
	char name[300];
	*count = u->pv.p->nrow;
	dim_name(u->s, &u->pv.p->row, name, sizeof name);
	return pivot_csv(f, u->s, u->pv.p, name);
}

static void
act_export(struct ui *u)
{
	char a[300], b[300], file[700], *p;
	dim_name(u->s, &u->pv.p->row, a, sizeof a);
	dim_name(u->s, &u->pv.col, b, sizeof b);
	snprintf(file, sizeof file, "focal-%.200s-by-%.200s.csv", a, b);
	for (p = file; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		    *p == '_' || *p == '-'))
			*p = '-';
	ui_export(u, file, export_csv, "rows");
}

/* ---- drawing ---- */

/* "2026-Q4*": a partial period's label (cut, should a label fill buf) */
static void
mark(char *buf, size_t n)
{
	size_t l = strlen(buf);
	if (l + 1 < n) {
		buf[l] = '*';
		buf[l + 1] = '\0';
	}
}

struct grid {
	int lw, tw, *cw;	/* label, Total, each column */
	int marks;		/* some period shown is partial: a note line */
	struct coverage cov;
};

static int
value_w(struct ui *u, money_t v, int has)
{
	char buf[FORMAT_MAX], cur[64];
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, v, has, buf, sizeof buf);
	return text_width(buf);
}

static void
grid_widths(struct ui *u, struct grid *G)
{
	const struct pivot *p = u->pv.p;
	char buf[1024], why[64];
	period_coverage(u->s, &G->cov);
	G->cw = xcalloc(p->ncol + 1, sizeof *G->cw);
	G->lw = 6;
	G->tw = 5 > value_w(u, p->total, p->has_total) ? 5 : value_w(u, p->total, p->has_total);
	G->marks = 0;
	for (size_t r = 0; r < p->nrow; r++) {
		int w = text_width(pivot_row_label(u->s, p, r, buf, sizeof buf));
		if (pivot_row_partial(u->s, p, r, &G->cov, why, sizeof why)) {
			w++;
			G->marks = 1;
		}
		if (w > G->lw)
			G->lw = w;
		if ((w = value_w(u, p->rtot[r], p->rhas[r])) > G->tw)
			G->tw = w;
	}
	if (G->lw > PV_LABEL_MAX)
		G->lw = PV_LABEL_MAX;
	if (G->lw > COLS / 3)
		G->lw = COLS / 3;
	for (size_t c = 0; c < p->ncol; c++) {
		int w = text_width(pivot_col_label(u->s, p, c, buf, sizeof buf)), k;
		if (pivot_col_partial(u->s, p, c, &G->cov, why, sizeof why)) {
			w++;
			G->marks = 1;
		}
		if (w > PV_COL_MAX)
			w = PV_COL_MAX;	/* a long label is cut; a figure never is */
		if ((k = value_w(u, p->ctot[c], p->chas[c])) > w)
			w = k;
		for (size_t r = 0; r < p->nrow; r++)
			if ((k = value_w(u, p->cell[r * p->ncol + c], p->has[r * p->ncol + c])) > w)
				w = k;
		G->cw[c] = w;
	}
}

/* One line of the grid at y: label, Total, the columns from left on. */
static void
grid_line(struct ui *u, const struct grid *G, int y, const char *label, int lattr, const money_t *cells,
    const unsigned char *has, money_t tot, int tot_has, int attr)
{
	const struct pivot *p = u->pv.p;
	char buf[FORMAT_MAX], cur[64];
	int x = 2 + G->lw + 1;
	const char *cc = drill_currency(&u->m, cur, sizeof cur);
	ui_put(u, y, 2, G->lw, label, lattr);
	format_value(cc, u->m.metric, tot, tot_has, buf, sizeof buf);
	ui_put_right(u, y, x + G->tw, G->tw, buf, attr | (int)A_BOLD);
	x += G->tw + 2;
	for (size_t c = u->pv.left; c < p->ncol && x + G->cw[c] < COLS; c++) {
		format_value(cc, u->m.metric, cells[c], has[c], buf, sizeof buf);
		ui_put_right(u, y, x + G->cw[c], G->cw[c], has[c] ? buf : "", attr);
		x += G->cw[c] + 1;
	}
}

/* The heads, and how many columns fit from left on. */
static void
grid_heads(struct ui *u, const struct grid *G, int y)
{
	const struct pivot *p = u->pv.p;
	char name[300], buf[1024], why[64];
	int x = 2 + G->lw + 1, h = theme_attr(C_HEAD);
	ui_fill(y, A_NORMAL);
	dim_name(u->s, &p->row, name, sizeof name);
	ui_put(u, y, 2, G->lw, name, h);
	ui_put_right(u, y, x + G->tw, G->tw, "Total", h);
	x += G->tw + 2;
	u->pv.shown = 0;
	for (size_t c = u->pv.left; c < p->ncol && x + G->cw[c] < COLS; c++) {
		pivot_col_label(u->s, p, c, buf, sizeof buf);
		if (pivot_col_partial(u->s, p, c, &G->cov, why, sizeof why))
			mark(buf, sizeof buf);
		ui_put_right(u, y, x + G->cw[c], G->cw[c], buf, h);
		x += G->cw[c] + 1;
		u->pv.shown++;
	}
}

/* "* 2026-Q4 (1 of 3 months)": the partial periods, on one line */
static void
draw_marks(struct ui *u, const struct grid *G, int y)
{
	const struct pivot *p = u->pv.p;
	char line[512] = "*", buf[256], why[64];
	size_t o = 1;
	for (size_t c = 0; c < p->ncol; c++)
		if (pivot_col_partial(u->s, p, c, &G->cov, why, sizeof why) && o < sizeof line)
			o += (size_t)snprintf(line + o, sizeof line - o, " %s (%s)", pivot_col_label(u->s, p, c, buf,
			    sizeof buf), why);
	for (size_t r = 0; r < p->nrow; r++)
		if (pivot_row_partial(u->s, p, r, &G->cov, why, sizeof why) && o < sizeof line)
			o += (size_t)snprintf(line + o, sizeof line - o, " %s (%s)", pivot_row_label(u->s, p, r, buf,
			    sizeof buf), why);
	ui_put(u, y, 2, COLS - 3, line, theme_attr(C_DIMTEXT));
}

static void
draw_pivot(struct ui *u)
{
	const struct pivot *p = u->pv.p;
	struct drill_view *v;
	struct grid G;
	char right[400], name[300], buf[1024], why[64];
	int hd = ui_crumb_row(u), rows, y;

	drill_refresh(&u->m);
	v = drill_view(&u->m);
	ui_draw_totals(u, &v->res.total);
	grid_widths(u, &G);
	rows = LINES - hd - 2 - FOOT - 1 - G.marks;
	u->list_rows = rows;
	grid_heads(u, &G, hd + 1);
	dim_name(u->s, &p->col, name, sizeof name);
	snprintf(right, sizeof right, "by %s: %zu-%zu of %zu", name, p->ncol ? u->pv.left + 1 : 0,
	    u->pv.left + u->pv.shown, p->ncol);
	ui_draw_crumb(u, hd, "pivot", right);
	ui_scroll_to(u->pv.cur, &u->pv.top, p->nrow, rows);
	for (y = 0; y < rows && u->pv.top + (size_t)y < p->nrow; y++) {
		size_t r = u->pv.top + (size_t)y;
		int sel = r == u->pv.cur, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(hd + 2 + y, base);
			ui_put(u, hd + 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		pivot_row_label(u->s, p, r, buf, sizeof buf);
		if (pivot_row_partial(u->s, p, r, &G.cov, why, sizeof why))
			mark(buf, sizeof buf);
		grid_line(u, &G, hd + 2 + y, buf, theme_attr(p->rkey[r] == PIVOT_OTHER ? C_OTHER : p->rkey[r] == CODE_NULL ?
		    C_EMPTY : C_NORMAL) | base, &p->cell[r * p->ncol], &p->has[r * p->ncol], p->rtot[r], p->rhas[r],
		    theme_attr(C_NORMAL) | base);
	}
	y = hd + 2 + (p->nrow < (size_t)rows ? (int)p->nrow : rows);	/* under the last row */
	grid_line(u, &G, y, "Total", theme_attr(C_TOTAL), p->ctot, p->chas, p->total, p->has_total, theme_attr(C_TOTAL));
	if (G.marks)
		draw_marks(u, &G, y + 1);
	free(G.cw);
}

static size_t *
pivot_cursor(struct ui *u, size_t *n)
{
	*n = u->pv.p ? u->pv.p->nrow : 0;
	return &u->pv.cur;
}

const struct ui_screen ui_pivot_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_pivot,
	.cursor = pivot_cursor,
	.close = ui_pivot_free,
	.keys = pivot_keys,
	.nkeys = sizeof pivot_keys / sizeof *pivot_keys,
};
