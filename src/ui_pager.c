/* ui_pager.c - the pager: help, the load log, one row's every column.
 *
 * Its lines are written by a fill function, so they are wrapped again at
 * a new width when the terminal is resized. Opened over a pager, a pager
 * takes its place (help from the log: q goes back to where the log was
 * opened from). */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

void
ui_pager_add(struct ui *u, int color, const char *text)
{
	u->pager.lines = xreallocarray(u->pager.lines, u->pager.n + 1, sizeof *u->pager.lines);
	u->pager.lines[u->pager.n].text = xstrdup(text);
	u->pager.lines[u->pager.n++].color = color;
}

void
ui_pager_wrap(struct ui *u, int color, const char *prefix, const char *text)
{
	int width = COLS - 2 > 40 ? COLS - 2 : 40;
	char clean[8192], line[9000];
	int pw = text_width(prefix), w = width - pw;
	const char *p = clean;
	int first = 1;
	text_sanitize(text, clean, sizeof clean, !u->utf8);
	if (w < 10)
		w = 10;
	do {
		size_t skip, k = ui_wrap_bytes(p, w, &skip);
		snprintf(line, sizeof line, "%*s%.*s", first ? 0 : pw, first ? prefix : "", (int)k, p);
		ui_pager_add(u, color, line);
		first = 0;
		p += k + skip;
	} while (*p);
}

static void
pager_free(struct ui *u)
{
	for (size_t i = 0; i < u->pager.n; i++)
		free(u->pager.lines[i].text);
	free(u->pager.lines);
	free(u->pager.title);
	u->pager.lines = NULL;
	u->pager.title = NULL;
	u->pager.n = u->pager.top = 0;
}

void
ui_pager_open(struct ui *u, const char *title, ui_action *fill)
{
	if (ui_top(u) == ST_PAGER)
		pager_free(u);
	else
		ui_push(u, ST_PAGER);
	u->pager.title = xstrdup(title);
	u->pager.top = 0;
	u->pager.fill = fill;
	fill(u);
}

static void
pager_resize(struct ui *u)
{
	size_t top = u->pager.top;	/* rewrap at the new width */
	char *title = u->pager.title;
	u->pager.title = NULL;
	ui_pager_open(u, title, u->pager.fill);
	free(title);
	u->pager.top = top;
}

static void
log_reject(void *ctx, const char *file, unsigned long line, int field, const char *column, const char *value,
    const char *reason)
{
	struct ui *u = ctx;
	char buf[1200];
	ui_pager_add(u, C_NORMAL, format_problem(buf, sizeof buf, file, line, field, column, value, reason));
}

static void
log_note(void *ctx, const char *note)
{
	ui_pager_add(ctx, C_NORMAL, note);
}

static void
log_deviation(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	char buf[1200];
	snprintf(buf, sizeof buf, "%s: %s: %llu, first at line %lu column %d", file, value_dev_message(d),
	    (unsigned long long)count, line, field);
	ui_pager_add(ctx, C_NORMAL, buf);
}

static void
log_fill(struct ui *u)
{
	uint64_t nrej = store_nrejects(u->s);
	char buf[256];
	if (u->nlog) {
		ui_pager_add(u, C_TITLE, "Settings and profiles");
		for (size_t i = 0; i < u->nlog; i++)
			ui_pager_add(u, u->log[i].color, u->log[i].text);
		ui_pager_add(u, C_NORMAL, "");
	}
	snprintf(buf, sizeof buf, "Rejected rows: %llu (not counted in any total)", (unsigned long long)nrej);
	ui_pager_add(u, C_TITLE, buf);
	store_each_reject(u->s, 1000, log_reject, u);
	if (nrej > 1000) {
		snprintf(buf, sizeof buf, "... and %llu more: focal validate lists every one",
		    (unsigned long long)(nrej - 1000));
		ui_pager_add(u, C_DIMTEXT, buf);
	}
	ui_pager_add(u, C_NORMAL, "");
	ui_pager_add(u, C_TITLE, "Read leniently (accepted, but not FOCUS format)");
	store_each_deviation(u->s, log_deviation, u);
	ui_pager_add(u, C_NORMAL, "");
	ui_pager_add(u, C_TITLE, "Notes");
	store_each_note(u->s, log_note, u);
}

void
ui_pager_log(struct ui *u)
{
	ui_pager_open(u, "Load log: rejected rows and warnings (q closes)", log_fill);
}

static void
record_fill(struct ui *u)
{
	size_t row = u->pager.row;
	int file = store_row_file(u->s, row);
	char buf[4096];
	const char *path = store_file_path(u->s, file);
	snprintf(buf, sizeof buf, "%-34s ", "(file)");
	ui_pager_wrap(u, C_DIMTEXT, buf, path);
	for (int c = 0; c < store_ncolumns(u->s); c++) {
		const char *v = store_cell(u->s, row, c, buf, sizeof buf);
		char prefix[300];
		snprintf(prefix, sizeof prefix, "%-34.200s ", store_column_name(u->s, c));
		ui_pager_wrap(u, v ? C_NORMAL : C_EMPTY, prefix, v ? v : "(null)");
	}
	/* the tags as focal reads them (tag:KEY dimensions) */
	{
		int tc = store_find_column(u->s, "Tags");
		uint32_t set = tc >= 0 ? store_code(u->s, tc, row) : CODE_NULL;
		for (int k = 0; set != CODE_NULL && k < store_ntagkeys(u->s); k++) {
			uint32_t code = store_tag_value(u->s, k, set);
			char prefix[300];
			if (code == CODE_NULL)
				continue;
			snprintf(prefix, sizeof prefix, "tag:%-30.200s ", store_tagkey(u->s, k));
			ui_pager_wrap(u, C_NORMAL, prefix, store_tag_label(u->s, k, code));
		}
	}
}

void
ui_pager_record(struct ui *u, size_t row)
{
	char title[1200];
	const char *path = store_file_path(u->s, store_row_file(u->s, row)), *base = strrchr(path, '/');
	/* the file's name in the title, so a long path cannot push the rest
	 * off an 80-column screen; the whole path is the first line */
	snprintf(title, sizeof title, "Row %s:%lu, every column (q closes)", base ? base + 1 : path,
	    (unsigned long)store_row_line(u->s, row));
	u->pager.row = row;
	ui_pager_open(u, title, record_fill);
}

static void
draw_pager(struct ui *u)
{
	int rows = LINES - 1 - FOOT;
	u->list_rows = rows;
	ui_fill(0, A_NORMAL);
	ui_put(u, 0, 1, COLS - 2, u->pager.title, theme_attr(C_TITLE));
	if (u->pager.n > (size_t)rows && u->pager.top > u->pager.n - (size_t)rows)
		u->pager.top = u->pager.n - (size_t)rows;
	for (int y = 0; y < rows && u->pager.top + (size_t)y < u->pager.n; y++) {
		const struct ui_line *l = &u->pager.lines[u->pager.top + (size_t)y];
		ui_put(u, 1 + y, 1, COLS - 2, l->text, theme_attr((enum ui_color)l->color));
	}
}


static size_t *
pager_cursor(struct ui *u, size_t *n)
{
	*n = u->pager.n;
	return &u->pager.top;
}

const struct ui_screen ui_pager_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_pager,
	.cursor = pager_cursor,
	.scrolls = 1,
	.close = pager_free,
	.resize = pager_resize,
};
