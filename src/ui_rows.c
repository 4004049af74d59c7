/* ui_rows.c - the FOCUS rows behind a group (drill_rows), a page at a
 * time; Enter shows one row's every column in the pager. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"

static ui_action act_record, act_col_prev, act_col_next, act_sort, act_search, act_next, act_prev, act_export;

static const struct ui_keydef rows_keys[] = {
	{NULL, 0, {0}, "Rows behind a group", NULL, NULL, 0},
	{act_record, SB(ST_ROWS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "show every column of the row", "Enter columns", 1},
	{act_col_prev, SB(ST_ROWS), {'<', ','}, "<", "the column to the left", "<> column", 2},
	{act_col_next, SB(ST_ROWS), {'>', '.'}, ">", "the column to the right", NULL, 0},
	{act_sort, SB(ST_ROWS), {'s'}, "s",
	    "sort every row by the column chosen: amounts and dates largest first, texts A to Z "
	    "(again: reverse)", "s sort", 2},
	{act_search, SB(ST_ROWS), {'/'}, "/", "search the cells shown as you type (case-insensitive)",
	    "/ search", 3},
	{act_next, SB(ST_ROWS), {'n'}, "n", "next row that matches the search", NULL, 0},
	{act_prev, SB(ST_ROWS), {'N'}, "N", "previous row that matches the search", NULL, 0},
	{act_export, SB(ST_ROWS), {'e'}, "e",
	    "export every row behind the group, with every column, to a CSV file", "e export", 3},
};

void
ui_rows_open(struct ui *u, size_t line)
{
	if (ui_rows_elsewhere(u, "R", "focal sql URL 'SELECT ...' reads them there"))
		return;
	drill_rows_open(&u->rows, &u->m, line);
	ui_push(u, ST_ROWS);
	if (u->rows.n == 0)
		ui_status(u, MSG_INFO, "no rows");
}

static void
act_record(struct ui *u)
{
	size_t row = drill_rows_get(&u->rows, u->s, u->rows.cur);
	if (row != SIZE_MAX)
		ui_pager_record(u, row);
}

static void
rows_close(struct ui *u)
{
	drill_rows_free(&u->rows);
}

static const char *
col_name(struct ui *u, int c)
{
	return store_column_name(u->s, u->rows.cols[c]);
}

static void
act_col_prev(struct ui *u)
{
	if (u->rows.col > 0)
		u->rows.col--;
	ui_status(u, MSG_INFO, "column %s: s sorts by it", col_name(u, u->rows.col));
}

static void
act_col_next(struct ui *u)
{
	if (u->rows.col + 1 < u->rows.ncols)
		u->rows.col++;
	ui_status(u, MSG_INFO, "column %s: s sorts by it", col_name(u, u->rows.col));
}

static void
act_sort(struct ui *u)
{
	struct drill_rows *r = &u->rows;
	int rev = r->sorted == r->col ? !r->reverse : 0, text;
	if (r->ncols == 0)
		return;
	text = store_column_kind(u->s, r->cols[r->col]) == COL_DIM;
	drill_rows_sort(r, u->s, r->col, rev);
	r->cur = r->top = 0;
	ui_status(u, MSG_INFO, "sorted by %s, %s", col_name(u, r->col),
	    text ? (rev ? "Z to A" : "A to Z") : (rev ? "smallest first" : "largest first"));
}

/* Moves the cursor to the first match from line `from` on (dir); says so. */
static void
find_from(struct ui *u, size_t from, int dir, int quiet)
{
	struct drill_rows *r = &u->rows;
	size_t i;
	if (r->search[0] == '\0') {
		if (!quiet)
			ui_status(u, MSG_INFO, "no search: / types one");
		return;
	}
	i = drill_rows_find(r, u->s, from, dir);
	if (i == SIZE_MAX) {
		ui_status(u, MSG_INFO, "no row matches \"%s\"", r->search);
		return;
	}
	if (!quiet && ((dir > 0 && i <= r->cur) || (dir < 0 && i >= r->cur)))
		ui_status(u, MSG_INFO, "search wrapped");
	r->cur = i;
}

static void
search_changed(struct ui *u, const char *text)
{
	drill_rows_set_search(&u->rows, text);
	u->rows.cur = u->rows_from;
	find_from(u, u->rows_from, 1, 1);
}

static void
search_accept(struct ui *u, const char *text)
{
	(void)text;
	if (u->rows.search[0] && drill_rows_find(&u->rows, u->s, u->rows.cur, 1) == u->rows.cur)
		ui_status(u, MSG_INFO, "line %zu matches \"%s\": n next, N previous", u->rows.cur + 1,
		    u->rows.search);
}

static void
search_cancel(struct ui *u)
{
	drill_rows_set_search(&u->rows, u->saved_search);
	u->rows.cur = u->rows_from;
}

static void
act_search(struct ui *u)
{
	snprintf(u->saved_search, sizeof u->saved_search, "%s", u->rows.search);
	u->rows_from = u->rows.cur;
	ui_input_open(u, IN_FIND, u->rows.search, search_changed, search_accept, search_cancel);
}

static void
act_next(struct ui *u)
{
	find_from(u, u->rows.cur + 1, 1, 0);
}

static void
act_prev(struct ui *u)
{
	find_from(u, u->rows.cur + u->rows.n - 1, -1, 0);
}

static int
export_csv(struct ui *u, FILE *f, size_t *count)
{
	return drill_rows_export(&u->rows, u->s, f, count);
}

static void
act_export(struct ui *u)
{
	ui_export(u, "focal-rows.csv", export_csv, "rows");
}

/* A cell as the line shows it, in buf. */
static void
cell_text(struct ui *u, size_t row, int col, char *buf, size_t n)
{
	const char *t = drill_rows_cell(u->s, row, col, buf, n);
	if (t != buf)
		snprintf(buf, n, "%s", t);
}

/* Places the columns from pos on, each as wide as it wants while it
 * fits (want -1: left out). */
static void
place(struct ui *u, const int *want, int pos, int *x, int *w)
{
	struct drill_rows *r = &u->rows;
	for (int c = 0; c < r->ncols; c++) {
		int left = COLS - 1 - pos;
		x[c + 1] = pos;
		w[c + 1] = want[c] < left ? want[c] : left;
		if (c == r->ncols - 1 && store_column_kind(u->s, r->cols[c]) == COL_DIM)
			w[c + 1] = left;
		if (w[c + 1] < 6 || want[c] < 0)
			w[c + 1] = 0;	/* no room: dropped */
		pos += w[c + 1] + (w[c + 1] > 0);
	}
}

/* Columns: line, date, value, then text columns as wide as their visible
 * cells (at most 40) while they fit; the last takes the rest. x[0], w[0]:
 * the line number; x[c + 1], w[c + 1]: cols[c] (w 0: no room, dropped). */
static void
layout(struct ui *u, int rows, int *x, int *w)
{
	struct drill_rows *r = &u->rows;
	int lw = store_nfiles(u->s) > 1 ? 22 : 7, pos, want[10];
	char buf[1024];
	x[0] = 2;
	w[0] = lw;
	pos = 2 + lw + 1;
	for (int c = 0; c < r->ncols; c++) {
		enum col_kind k = store_column_kind(u->s, r->cols[c]);
		want[c] = k == COL_DATE ? 10 : k == COL_METRIC ? 14 : text_width(store_column_name(u->s, r->cols[c]));
		want[c] += c == r->sorted ? 2 : 0;	/* the arrow */
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
	place(u, want, pos, x, w);
	/* the column chosen stays on screen: the text columns before it give way */
	for (int c = r->col - 1; c >= 0 && r->col < r->ncols && w[r->col + 1] == 0; c--)
		if (store_column_kind(u->s, r->cols[c]) == COL_DIM) {
			want[c] = -1;
			place(u, want, pos, x, w);
		}
}

/* The heads: the column chosen in reverse, the sorted one with its arrow. */
static void
draw_heads(struct ui *u, int y, const int *x, const int *w)
{
	struct drill_rows *r = &u->rows;
	char h[128];
	ui_fill(y, A_NORMAL);
	ui_put(u, y, x[0], w[0], "Line", theme_attr(C_HEAD));
	for (int c = 0; c < r->ncols; c++) {
		int a = theme_attr(C_HEAD) | (c == r->col ? theme_attr(C_SEL) : 0);
		/* a text column sorted A to Z goes up the alphabet; amounts largest first go down */
		int up = store_column_kind(u->s, r->cols[c]) == COL_DIM ? !r->reverse : r->reverse;
		snprintf(h, sizeof h, "%s%s%s",
		    store_column_kind(u->s, r->cols[c]) == COL_DATE ? "Date" : store_column_name(u->s, r->cols[c]),
		    c == r->sorted ? " " : "", c == r->sorted ? (up ? ui_glyph->up : ui_glyph->down) : "");
		if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
			ui_put_right(u, y, x[c + 1] + w[c + 1], w[c + 1], h, a);
		else
			ui_put(u, y, x[c + 1], w[c + 1], h, a);
	}
}

static void
draw_line(struct ui *u, int yy, size_t i, size_t row, const int *x, const int *w)
{
	struct drill_rows *r = &u->rows;
	int sel = i == r->cur, base = sel ? theme_attr(C_SEL) : 0;
	char buf[1024];
	if (sel) {
		ui_fill(yy, base);
		ui_put(u, yy, 0, 1, ">", base | (int)A_BOLD);
	}
	if (store_nfiles(u->s) > 1) {
		const char *p = store_file_path(u->s, store_row_file(u->s, row)), *b = strrchr(p, '/');
		snprintf(buf, sizeof buf, "%s:%lu", b ? b + 1 : p, (unsigned long)store_row_line(u->s, row));
	} else
		snprintf(buf, sizeof buf, "%lu", (unsigned long)store_row_line(u->s, row));
	ui_put_right(u, yy, x[0] + w[0], w[0], buf, theme_attr(C_DIMTEXT) | base);
	for (int c = 0; c < r->ncols; c++) {
		enum ui_color a;
		cell_text(u, row, r->cols[c], buf, sizeof buf);
		a = r->search[0] && strcasestr(buf, r->search) ? C_MATCH : strcmp(buf, "(null)") ? C_NORMAL : C_EMPTY;
		if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
			ui_put_right(u, yy, x[c + 1] + w[c + 1], w[c + 1], buf, theme_attr(a) | base);
		else
			ui_put(u, yy, x[c + 1], w[c + 1], buf, theme_attr(a) | base);
	}
}

static void
draw_rows(struct ui *u)
{
	struct drill_rows *r = &u->rows;
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT, x[10], w[10];
	char right[256], num[64], sum[96], cur[64];

	u->list_rows = rows;
	drill_refresh(&u->m);
	ui_draw_totals(u, &r->g);
	format_count(r->n, num, sizeof num);
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, r->g.sum[u->m.metric], r->g.nn[u->m.metric] > 0, sum, sizeof sum);
	snprintf(right, sizeof right, "%s row%s, %s", num, r->n == 1 ? "" : "s", sum);
	ui_draw_crumb(u, hd, r->title, right);
	ui_scroll_to(r->cur, &r->top, r->n, rows);
	layout(u, rows, x, w);
	draw_heads(u, hd + 1, x, w);
	for (int y = 0; y < rows && r->top + (size_t)y < r->n; y++) {
		size_t i = r->top + (size_t)y, row = drill_rows_get(r, u->s, i);
		if (row == SIZE_MAX)
			break;
		draw_line(u, hd + 2 + y, i, row, x, w);
	}
}


static size_t *
rows_cursor(struct ui *u, size_t *n)
{
	*n = u->rows.n;
	return &u->rows.cur;
}

const struct ui_screen ui_rows_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_rows,
	.cursor = rows_cursor,
	.close = rows_close,
	.keys = rows_keys,
	.nkeys = sizeof rows_keys / sizeof *rows_keys,
};
