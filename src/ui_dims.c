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
	    "group this level by the dimension (from the pivot: lay its columns out by it)", "Enter choose", 1},
};

void
ui_dims_choose(struct ui *u, const struct dim *now, void (*chosen)(struct ui *, const struct dim *))
{
	free(u->dims);
	u->ndims = dim_list(u->s, u->m.grain, &u->dims);
	u->dims_cur = u->dims_top = 0;
	u->dims_now = *now;
	u->dims_chosen = chosen;
	for (size_t i = 0; i < u->ndims; i++)
		if (dim_equal(&u->dims[i], now))
			u->dims_cur = i;
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
	free(u->dims);
	u->dims = NULL;
	u->ndims = 0;
}

static void
act_choose(struct ui *u)
{
	char name[300];
	struct dim d;
	void (*chosen)(struct ui *, const struct dim *) = u->dims_chosen;
	int ok = u->dims_cur < u->ndims;
	if (ok)
		d = u->dims[u->dims_cur];
	ui_pop(u);
	dims_close(u);
	if (ok && chosen)
		chosen(u, &d);	/* the screen that asked is on top again */
	else if (ok) {
		drill_set_dim(&u->m, &d);
		dim_name(u->s, &d, name, sizeof name);
		ui_status(u, MSG_INFO, "grouped by %s", name);
	}
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
	ui_draw_crumb(u, hd, NULL, u->dims_chosen ? "the columns of the pivot by" : "group this level by");
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
		if (dim_equal(&u->dims[i], &u->dims_now))
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
