/* ui_dims.c - choosing the dimension of a level: every dimension the data
 * has, useful ones first (dim_rank), with how many values it takes; typing
 * searches the list as it goes. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "dim_rank.h"
#include "ui.h"
#include "xmalloc.h"

static ui_action act_choose, act_erase, act_escape, act_typing;

static const struct ui_keydef dims_keys[] = {
	{NULL, 0, {0}, "Choosing a dimension", NULL, NULL, 0},
	{act_choose, SB(ST_DIMS), {ENTER_KEYS, KC(KEY_RIGHT)}, "Enter, Right",
	    "group this level by the dimension (from the pivot: lay its columns out by it)", "Enter choose", 1},
	{act_typing, SB(ST_DIMS), {0}, "letters, digits",
	    "search the dimensions as you type (case-insensitive); every printable key types here "
	    "(j, k, q, ? too): the arrows move, F1 is help", "type search", 2},
	{act_erase, SB(ST_DIMS), {BACK_KEYS}, "Backspace",
	    "erase the last character of the search; with none, close", NULL, 0},
	{act_escape, SB(ST_DIMS), {ESC}, "Esc", "clear the search; with none, close", "Esc clear/back", 0},
};

/* The dimensions matching the search; the cursor stays on the one it was
 * on when it still matches, else goes to the first. */
static void
dims_match(struct ui *u)
{
	size_t was = u->dims.cur < u->dims.nshown ? u->dims.shown[u->dims.cur] : SIZE_MAX;
	u->dims.nshown = dim_rank_match(u->dims.d, u->dims.n, u->dims.search, u->dims.shown);
	u->dims.cur = u->dims.top = 0;
	for (size_t i = 0; i < u->dims.nshown; i++)
		if (u->dims.shown[i] == was)
			u->dims.cur = i;
}

void
ui_dims_choose(struct ui *u, const struct dim *now, void (*chosen)(struct ui *, const struct dim *))
{
	free(u->dims.d);
	free(u->dims.shown);
	u->dims.n = dim_rank(u->s, u->m.grain, &u->dims.d);
	u->dims.shown = xcalloc(u->dims.n ? u->dims.n : 1, sizeof *u->dims.shown);
	u->dims.search[0] = '\0';
	u->dims.now = *now;
	u->dims.chosen = chosen;
	u->dims.cur = SIZE_MAX;
	dims_match(u);
	for (size_t i = 0; i < u->dims.nshown; i++)
		if (dim_equal(&u->dims.d[u->dims.shown[i]].dim, now))
			u->dims.cur = i;
	ui_push(u, ST_DIMS);
}

void
ui_dims_open(struct ui *u)
{
	ui_dims_choose(u, &drill_view(&u->m)->dim, NULL);
}

static void
dims_close(struct ui *u)
{
	free(u->dims.d);
	free(u->dims.shown);
	u->dims.d = NULL;
	u->dims.shown = NULL;
	u->dims.n = u->dims.nshown = 0;
}

static void
leave(struct ui *u)
{
	ui_pop(u);
	dims_close(u);
}

static void
act_choose(struct ui *u)
{
	void (*chosen)(struct ui *, const struct dim *) = u->dims.chosen;
	struct dim d;
	char name[300];
	if (u->dims.cur >= u->dims.nshown) {
		ui_status(u, MSG_INFO, "no dimension matches \"%s\": Backspace or Esc", u->dims.search);
		return;
	}
	d = u->dims.d[u->dims.shown[u->dims.cur]].dim;
	snprintf(name, sizeof name, "%s", u->dims.d[u->dims.shown[u->dims.cur]].name);
	leave(u);
	if (chosen)
		chosen(u, &d);	/* the screen that asked is on top again */
	else {
		drill_set_dim(&u->m, &d);
		ui_status(u, MSG_INFO, "grouped by %s", name);
	}
}

static void
dims_type(struct ui *u, unsigned ch)
{
	size_t len = strlen(u->dims.search);
	if (ch > 0x7e || len + 1 >= sizeof u->dims.search)
		return;	/* dimension names are ASCII (dim_name) */
	u->dims.search[len] = (char)ch;
	u->dims.search[len + 1] = '\0';
	dims_match(u);
}

/* The table's row for typing: no key reaches it (dims_type does). */
static void
act_typing(struct ui *u)
{
	(void)u;
}

static void
act_erase(struct ui *u)
{
	size_t len = strlen(u->dims.search);
	if (len == 0) {
		leave(u);
		return;
	}
	u->dims.search[len - 1] = '\0';
	dims_match(u);
}

static void
act_escape(struct ui *u)
{
	if (u->dims.search[0] == '\0') {
		leave(u);
		return;
	}
	u->dims.search[0] = '\0';
	dims_match(u);
}

static void
draw_line(struct ui *u, int y, size_t i)
{
	const struct dim_ranked *d = &u->dims.d[u->dims.shown[i]];
	int sel = i == u->dims.cur, base = sel ? theme_attr(C_SEL) : 0, x;
	int text = theme_attr(d->cls == DC_USELESS ? C_DIMTEXT : C_NORMAL) | base;
	char note[64];
	if (sel) {
		ui_fill(y, base);
		ui_put(u, y, 0, 1, ">", base | (int)A_BOLD);
	}
	x = ui_put(u, y, 2, COLS - 18, d->name, text);
	if (dim_equal(&d->dim, &u->dims.now))
		x += ui_put(u, y, 2 + x, COLS - 18 - x, " (shown now)", theme_attr(C_DIMTEXT) | base);
	else if (d->cls == DC_DRILL)
		x += ui_put(u, y, 2 + x, COLS - 18 - x, " (drill path)", theme_attr(C_DIMTEXT) | base);
	/* the useless ones say why without colour: "all null", "1 value" */
	dim_rank_note(d, note, sizeof note);
	ui_put_right(u, y, COLS - 1, 15, note, text);
}

static void
draw_dims(struct ui *u)
{
	struct drill_view *v;
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT;
	char head[160];
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	u->list_rows = rows;
	ui_draw_totals(u, &v->res.total);
	ui_draw_crumb(u, hd, NULL, u->dims.chosen ? "the columns of the pivot by" : "group this level by");
	ui_fill(hd + 1, A_NORMAL);
	if (u->dims.search[0])
		snprintf(head, sizeof head, "Dimension (%zu of %zu) /%s", u->dims.nshown, u->dims.n, u->dims.search);
	else
		snprintf(head, sizeof head, "Dimension (%zu available, type to search)", u->dims.n);
	ui_put(u, hd + 1, 2, COLS - 14, head, theme_attr(C_HEAD));
	ui_put_right(u, hd + 1, COLS - 1, 10, "values", theme_attr(C_HEAD));
	if (u->dims.nshown == 0)
		ui_put(u, hd + 2, 2, COLS - 4, "no dimension matches (Backspace, Esc clears)", theme_attr(C_DIMTEXT));
	ui_scroll_to(u->dims.cur, &u->dims.top, u->dims.nshown, rows);
	for (int y = 0; y < rows && u->dims.top + (size_t)y < u->dims.nshown; y++)
		draw_line(u, hd + 2 + y, u->dims.top + (size_t)y);
}

static size_t *
dims_cursor(struct ui *u, size_t *n)
{
	*n = u->dims.nshown;
	return &u->dims.cur;
}

const struct ui_screen ui_dims_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_dims,
	.cursor = dims_cursor,
	.close = dims_close,
	.type = dims_type,
	.types = 1,
	.keys = dims_keys,
	.nkeys = sizeof dims_keys / sizeof *dims_keys,
};
