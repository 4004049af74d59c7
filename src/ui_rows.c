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

static ui_action act_record;

static const struct ui_keydef rows_keys[] = {
	{NULL, 0, {0}, "Rows behind a group", NULL, NULL, 0},
	{act_record, SB(ST_ROWS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "show every column of the row", "Enter columns", 1},
};

void
ui_rows_open(struct ui *u, size_t line)
{
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
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT, x[10], w[10], nc = r->ncols, lw;
	char buf[1024], right[256], num[64], sum[96], cur[64];
	int multi = store_nfiles(u->s) > 1;

	u->list_rows = rows;
	drill_refresh(&u->m);
	ui_draw_totals(u, &r->g);
	format_count(r->n, num, sizeof num);
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, r->g.sum[u->m.metric], r->g.nn[u->m.metric] > 0, sum, sizeof sum);
	snprintf(right, sizeof right, "%s row%s, %s", num, r->n == 1 ? "" : "s", sum);
	ui_draw_crumb(u, hd, r->title, right);
	ui_scroll_to(r->cur, &r->top, r->n, rows);

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
	ui_fill(hd + 1, A_NORMAL);
	ui_put(u, hd + 1, x[0], w[0], "Line", theme_attr(C_HEAD));
	for (int c = 0; c < nc; c++) {
		const char *h = store_column_kind(u->s, r->cols[c]) == COL_DATE ? "Date" :
		    store_column_name(u->s, r->cols[c]);
		if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
			ui_put_right(u, hd + 1, x[c + 1] + w[c + 1], w[c + 1], h, theme_attr(C_HEAD));
		else
			ui_put(u, hd + 1, x[c + 1], w[c + 1], h, theme_attr(C_HEAD));
	}
	for (int y = 0; y < rows && r->top + (size_t)y < r->n; y++) {
		size_t i = r->top + (size_t)y, row = drill_rows_get(r, u->s, i);
		int sel = i == r->cur, base = sel ? theme_attr(C_SEL) : 0, yy = hd + 2 + y;
		if (row == SIZE_MAX)
			break;
		if (sel) {
			ui_fill(yy, base);
			ui_put(u, yy, 0, 1, ">", base | (int)A_BOLD);
		}
		if (multi) {
			const char *p = store_file_path(u->s, store_row_file(u->s, row)), *b = strrchr(p, '/');
			snprintf(buf, sizeof buf, "%s:%lu", b ? b + 1 : p, (unsigned long)store_row_line(u->s, row));
		} else
			snprintf(buf, sizeof buf, "%lu", (unsigned long)store_row_line(u->s, row));
		ui_put_right(u, yy, x[0] + w[0], w[0], buf, theme_attr(C_DIMTEXT) | base);
		for (int c = 0; c < nc; c++) {
			cell_text(u, row, r->cols[c], buf, sizeof buf);
			if (store_column_kind(u->s, r->cols[c]) == COL_METRIC)
				ui_put_right(u, yy, x[c + 1] + w[c + 1], w[c + 1], buf, theme_attr(C_NORMAL) | base);
			else
				ui_put(u, yy, x[c + 1], w[c + 1], buf,
				    theme_attr(strcmp(buf, "(null)") ? C_NORMAL : C_EMPTY) | base);
		}
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
