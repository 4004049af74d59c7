/* ui_dims.c - choosing the dimension of a level: every dimension the data
 * has, with how many values it takes. */
#include <curses.h>
#include <stdlib.h>

#include "format.h"
#include "ui.h"

static ui_action act_choose;

static const struct ui_keydef dims_keys[] = {
	{NULL, 0, {0}, "Choosing a dimension", NULL, NULL, 0},
	{act_choose, SB(ST_DIMS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "group this level by the dimension", "Enter choose", 1},
};

void
ui_dims_open(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	free(u->dims);
	u->ndims = dim_list(u->s, u->m.grain, &u->dims);
	u->dims_cur = u->dims_top = 0;
	for (size_t i = 0; i < u->ndims; i++)
		if (dim_equal(&u->dims[i], &v->dim))
			u->dims_cur = i;
	ui_push(u, ST_DIMS);
}

static void
dims_close(struct ui *u)
{
	free(u->dims);
	u->dims = NULL;
	u->ndims = 0;
}

static void
act_choose(struct ui *u)
{
	char name[300];
	if (u->dims_cur < u->ndims) {
		drill_set_dim(&u->m, &u->dims[u->dims_cur]);
		dim_name(u->s, &u->dims[u->dims_cur], name, sizeof name);
		ui_status(u, MSG_INFO, "grouped by %s", name);
	}
	ui_pop(u);
	dims_close(u);
}

static void
draw_dims(struct ui *u)
{
	struct drill_view *v;
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT;
	char name[300], num[64];
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	u->list_rows = rows;
	ui_draw_totals(u, &v->res.total);
	ui_draw_crumb(u, hd, NULL, "group this level by");
	ui_fill(hd + 1, A_NORMAL);
	snprintf(name, sizeof name, "Dimension (%zu available)", u->ndims);
	ui_put(u, hd + 1, 2, COLS - 14, name, theme_attr(C_HEAD));
	ui_put_right(u, hd + 1, COLS - 1, 10, "values", theme_attr(C_HEAD));
	ui_scroll_to(u->dims_cur, &u->dims_top, u->ndims, rows);
	for (int y = 0; y < rows && u->dims_top + (size_t)y < u->ndims; y++) {
		size_t i = u->dims_top + (size_t)y;
		int sel = i == u->dims_cur, base = sel ? theme_attr(C_SEL) : 0, x;
		if (sel) {
			ui_fill(hd + 2 + y, base);
			ui_put(u, hd + 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		dim_name(u->s, &u->dims[i], name, sizeof name);
		x = ui_put(u, hd + 2 + y, 2, COLS - 16, name, theme_attr(C_NORMAL) | base);
		if (dim_equal(&u->dims[i], &v->dim))
			ui_put(u, hd + 2 + y, 2 + x, COLS - 16 - x, " (shown now)", theme_attr(C_DIMTEXT) | base);
		format_count(dim_ncodes(u->s, &u->dims[i]) - 1, num, sizeof num);
		ui_put_right(u, hd + 2 + y, COLS - 1, 12, num, theme_attr(C_NORMAL) | base);
	}
}


static size_t *
dims_cursor(struct ui *u, size_t *n)
{
	*n = u->ndims;
	return &u->dims_cur;
}

const struct ui_screen ui_dims_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_dims,
	.cursor = dims_cursor,
	.close = dims_close,
	.keys = dims_keys,
	.nkeys = sizeof dims_keys / sizeof *dims_keys,
};
