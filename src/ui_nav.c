/* ui_nav.c - the list's navigation beyond drilling (drill_nav.c): a range
 * of time typed (o), filter chips (x leaves a group out, i keeps only it),
 * the filters screen where any one is removed (F), marks and their sum
 * (v, V), undo of the last step (z), and the comparison of the range with
 * the one before it (C), per group, like for like. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "ui.h"
#include "views.h"

static ui_action act_range, act_exclude, act_include, act_filters, act_mark, act_unmark, act_compare,
    act_unfilter, act_cmp_sort, act_cmp_reverse, act_view_save, act_views, act_view_open;

static const struct ui_keydef nav_keys[] = {
	{NULL, 0, {0}, "Time, filters, marks and undo", NULL, NULL, 0},
	{act_range, SB(ST_LIST), {'o'}, "o",
	    "type a range of time for every view: ytd, qtd, mtd, fytd, fy, lastN (periods of the grain), "
	    "2026-01..2026-03, a period (2026-Q3), or all; to date means to the end of the data",
	    "o range", 4},
	{act_exclude, SB(ST_LIST), {'x'}, "x", "leave the group out (a chip in the header: -label), staying here",
	    NULL, 0},
	{act_include, SB(ST_LIST), {'i'}, "i", "keep only the group (a chip: +label), staying on this dimension",
	    NULL, 0},
	{act_filters, SB(ST_LIST), {'F'}, "F", "the filters of this view (drill steps and chips): remove any one",
	    NULL, 0},
	{act_mark, SB(ST_LIST), {'v'}, "v", "mark the group (and move down): the marked groups' sum and share "
	    "show under the list", NULL, 0},
	{act_unmark, SB(ST_LIST), {'V'}, "V", "clear the marks", NULL, 0},
	{ui_nav_undo, SB(ST_LIST), {'z'}, "z",
	    "undo the last navigation step: a drill, back, dimension, metric, grain, window, range, sort or chip",
	    "z undo", 6},
	{act_compare, SB(ST_LIST), {'C'}, "C",
	    "compare: per group, the range (or window, or last period) against the one before it, the change in "
	    "money and in percent; like for like when the data ends inside the range", "C compare", 5},
	{act_view_save, SB(ST_LIST) | SB(ST_COMPARE), {'b'}, "b",
	    "save this view by a name (metric, grain, range, dimension, filters, and whether it compares) in "
	    "the settings folder's views file", NULL, 0},
	{act_views, SB(ST_LIST), {'B'}, "B", "the saved views: Enter opens one, on any file", NULL, 0},
	{NULL, 0, {0}, "Saved views", NULL, NULL, 0},
	{act_view_open, SB(ST_VIEWS), {ENTER_KEYS}, "Enter", "open the view (z goes back to where you were)",
	    "Enter open", 1},
	{NULL, 0, {0}, "Filters of the view", NULL, NULL, 0},
	{act_unfilter, SB(ST_FILTERS), {ENTER_KEYS, 'x', KC(KEY_DC)}, "Enter, x, Delete",
	    "remove the filter (the range: every period again)", "Enter remove", 1},
	{NULL, 0, {0}, "Comparison", NULL, NULL, 0},
	{act_cmp_sort, SB(ST_COMPARE), {'s'}, "s",
	    "next sort: change in money (largest first, rise or fall), in percent, current, previous, name",
	    "s sort", 1},
	{act_cmp_reverse, SB(ST_COMPARE), {'r'}, "r", "reverse the sort", NULL, 0},
};

/* ---- range ---- */

static void
range_accept(struct ui *u, const char *text)
{
	char err[300], win[128];
	if (drill_set_range(&u->m, text, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "range %s", err);
		return;
	}
	drill_window_text(&u->m, 0, win, sizeof win);
	ui_status(u, MSG_INFO, "%s (by ChargePeriodStart)", win);
}

static void
act_range(struct ui *u)
{
	ui_input_open(u, IN_RANGE, u->m.has_range ? u->m.range_label : "", NULL, range_accept, NULL);
}

/* ---- chips ---- */

static void
chip(struct ui *u, int exclude)
{
	struct drill_view *v = drill_view(&u->m);
	char what[300];
	int r;
	drill_label(&u->m, v, v->cur, what, sizeof what);
	r = drill_chip(&u->m, v->cur, exclude);
	if (r == -1)
		ui_status(u, MSG_INFO, "no group here to filter on (Other: Enter lists them)");
	else if (r == -2)
		ui_status(u, MSG_WARN, "no room for another filter: F removes one");
	else
		ui_status(u, MSG_INFO, "%s %s (F lists the filters, z undoes)", exclude ? "left out" : "only", what);
}

static void act_exclude(struct ui *u) { chip(u, 1); }
static void act_include(struct ui *u) { chip(u, 0); }

/* ---- the filters screen ---- */

/* Line 0 is the window or range when there is one; then the filters. */
static int
flt_has_window(const struct ui *u)
{
	return u->m.has_range || u->m.win;
}

static size_t
flt_lines(struct ui *u)
{
	return (size_t)drill_view(&u->m)->nf + (flt_has_window(u) ? 1 : 0);
}

static void
act_filters(struct ui *u)
{
	u->flt.cur = u->flt.top = 0;
	ui_push(u, ST_FILTERS);
}

static void
act_unfilter(struct ui *u)
{
	size_t i = u->flt.cur;
	char err[64];
	if (flt_lines(u) == 0) {
		ui_status(u, MSG_INFO, "no filter to remove");
		return;
	}
	if (flt_has_window(u) && i == 0)
		drill_set_range(&u->m, "", err, sizeof err);
	else
		drill_unfilter(&u->m, (int)i - (flt_has_window(u) ? 1 : 0));
	ui_status(u, MSG_INFO, "filter removed (z undoes)");
	if (u->flt.cur > 0 && u->flt.cur >= flt_lines(u))
		u->flt.cur--;
}

static void
draw_filters(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	size_t n = flt_lines(u);
	int rows = LINES - FOOT - 2, w = flt_has_window(u);
	char buf[700], line[800];
	u->list_rows = rows;
	ui_put(u, 0, 1, COLS - 2, "Filters of this view: Enter removes one, q goes back", theme_attr(C_TITLE));
	if (n == 0)
		ui_put(u, 2, 2, COLS - 4, "none: every row of the data", theme_attr(C_DIMTEXT));
	ui_scroll_to(u->flt.cur, &u->flt.top, n, rows);
	for (int y = 0; y < rows && u->flt.top + (size_t)y < n; y++) {
		size_t i = u->flt.top + (size_t)y;
		int sel = i == u->flt.cur, base = sel ? theme_attr(C_SEL) : 0, k = (int)i - w;
		if (w && i == 0) {
			drill_window_text(&u->m, u->utf8, buf, sizeof buf);
			snprintf(line, sizeof line, "%s  (time)", buf);
		} else
			snprintf(line, sizeof line, "%s  (%s)", drill_filter_text(&u->m, v, k, buf, sizeof buf),
			    (v->chips >> k) & 1 ? "chip" : "drill step");
		text_sanitize(line, buf, sizeof buf, !u->utf8);
		if (sel) {
			ui_fill(2 + y, base);
			ui_put(u, 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		ui_put(u, 2 + y, 2, COLS - 3, buf, theme_attr(C_NORMAL) | base);
	}
}

static size_t *
filters_cursor(struct ui *u, size_t *n)
{
	*n = flt_lines(u);
	return &u->flt.cur;
}

/* ---- marks ---- */

static void
act_mark(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	if (drill_mark(&u->m, v->cur) < 0) {
		ui_status(u, MSG_INFO, "Other cannot be marked: Enter lists its groups");
		return;
	}
	if (v->cur + 1 < v->shown.n)
		v->cur++;
}

static void
act_unmark(struct ui *u)
{
	drill_marks_clear(&u->m);
	ui_status(u, MSG_INFO, "marks cleared");
}

/* "3 marked: $1,234.00, 12.3% of the view" or "" (for the list's notes). */
void
ui_nav_marks_note(struct ui *u, char *buf, size_t n)
{
	money_t sum;
	char cur[64], val[FORMAT_MAX], share[32];
	size_t k = drill_marks_sum(&u->m, &sum);
	struct drill_view *v = drill_view(&u->m);
	if (k == 0) {
		buf[0] = '\0';
		return;
	}
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, sum, 1, val, sizeof val);
	format_share_of(sum, v->res.total.sum[u->m.metric], 1, share, sizeof share);
	snprintf(buf, n, "%zu marked: %s, %s of the view (V clears)", k, val, share);
}

/* ---- undo ---- */

void
ui_nav_undo(struct ui *u)
{
	if (drill_undo(&u->m) != 0)
		ui_status(u, MSG_INFO, "nothing to undo");
	else
		ui_status(u, MSG_INFO, "undone");
}

/* ---- the comparison ---- */

static void
cmp_build(struct ui *u)
{
	compare_free(&u->cmp.r);
	if (drill_compare(&u->m, &u->cmp.r, &u->cmp.rc) != 0)
		return;
	compare_sort(u->s, &u->cmp.r, u->cmp.sort, u->cmp.reverse);
}

static void
act_compare(struct ui *u)
{
	if (!u->m.has_period) {
		ui_status(u, MSG_WARN, "the data has no periods to compare");
		return;
	}
	u->cmp.sort = CMP_CHANGE;
	u->cmp.reverse = 0;
	u->cmp.cur = u->cmp.top = 0;
	cmp_build(u);
	ui_push(u, ST_COMPARE);
}

static void
act_cmp_sort(struct ui *u)
{
	static const char *const names[CMP_SORT_COUNT] = {"current", "previous", "change in money", "change in %",
	    "name"};
	static const enum cmp_sort next[CMP_SORT_COUNT] = {[CMP_CHANGE] = CMP_PCT, [CMP_PCT] = CMP_CURRENT,
	    [CMP_CURRENT] = CMP_PREVIOUS, [CMP_PREVIOUS] = CMP_NAME, [CMP_NAME] = CMP_CHANGE};
	u->cmp.sort = next[u->cmp.sort];
	compare_sort(u->s, &u->cmp.r, u->cmp.sort, u->cmp.reverse);
	ui_status(u, MSG_INFO, "sorted by %s", names[u->cmp.sort]);
}

static void
act_cmp_reverse(struct ui *u)
{
	u->cmp.reverse = !u->cmp.reverse;
	compare_sort(u->s, &u->cmp.r, u->cmp.sort, u->cmp.reverse);
}

static void
cmp_close(struct ui *u)
{
	compare_free(&u->cmp.r);
}

/* Previous, Current, Change, Change% of g; the Previous column goes first
 * when the terminal is narrow. */
static void
cmp_figures(struct ui *u, const struct cmp_group *g, char fig[4][FORMAT_MAX])
{
	char cur[64];
	const char *c = drill_currency(&u->m, cur, sizeof cur);
	int ok;
	long long pct = compare_pct(g, &ok);
	format_value(c, u->m.metric, g->prev, g->nprev > 0, fig[0], FORMAT_MAX);
	format_value(c, u->m.metric, g->cur, g->ncur > 0, fig[1], FORMAT_MAX);
	format_change(c, u->m.metric, compare_change(g), g->nprev + g->ncur > 0, fig[2], FORMAT_MAX);
	format_change_pct(pct, ok, g->nprev == 0 && g->ncur > 0, fig[3], FORMAT_MAX);
}

static void
cmp_line(struct ui *u, int y, const char *label, const struct cmp_group *g, const int *vw, int first, int attr)
{
	char fig[4][FORMAT_MAX], fit[256];
	int x = COLS - 1;
	cmp_figures(u, g, fig);
	for (int k = 3; k >= first; k--) {
		ui_put_right(u, y, x, vw[k], fig[k], attr);
		x -= vw[k] + 2;
	}
	text_fit(label, x - 2 > 4 ? x - 2 : 4, fit, sizeof fit, !u->utf8);
	ui_put(u, y, 2, x - 2, fit, attr);
}

static void
draw_compare(struct ui *u)
{
	static const char *const heads[4] = {"Previous", "Current", "Change", "Chg%"};
	const struct cmp_result *r = &u->cmp.r;
	char a[64], b[64], buf[700], fig[4][FORMAT_MAX], name[300];
	int vw[4], first = 0, rows = LINES - FOOT - 5, x = COLS - 1;
	u->list_rows = rows;
	range_label(&u->cmp.rc.prev, a, sizeof a);
	range_label(&u->cmp.rc.cur, b, sizeof b);
	snprintf(buf, sizeof buf, "%s: %s against %s", metric_name(u->m.metric), b, a);
	if (text_width(buf) > COLS - 2) {	/* narrow: whole months as months */
		range_label_short(&u->cmp.rc.prev, a, sizeof a);
		range_label_short(&u->cmp.rc.cur, b, sizeof b);
		snprintf(buf, sizeof buf, "%s: %s against %s", metric_name(u->m.metric), b, a);
	}
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	if (u->cmp.rc.cut)
		snprintf(buf, sizeof buf, "like for like: the data ends inside the range, the previous one is cut alike");
	else if (u->cmp.rc.prev_partial)
		snprintf(buf, sizeof buf, "the data starts inside the previous range: its figures are partial");
	else
		snprintf(buf, sizeof buf, "whole ranges");
	ui_put(u, 1, 1, COLS - 2, buf, theme_attr(u->cmp.rc.prev_partial ? C_WARN : C_DIMTEXT));
	for (int k = 0; k < 4; k++)
		vw[k] = (int)strlen(heads[k]);
	for (size_t i = 0; i <= r->n; i++) {
		cmp_figures(u, i < r->n ? &r->g[i] : &r->total, fig);
		for (int k = 0; k < 4; k++)
			vw[k] = text_width(fig[k]) > vw[k] ? text_width(fig[k]) : vw[k];
	}
	if (COLS - 2 - (vw[0] + vw[1] + vw[2] + vw[3] + 8) < 16)
		first = 1;	/* narrow: the previous value goes, its change stays */
	dim_name(u->s, &r->by[0], name, sizeof name);
	ui_fill(3, A_NORMAL);
	for (int k = 3; k >= first; k--) {
		ui_put_right(u, 3, x, vw[k], heads[k], theme_attr(C_HEAD));
		x -= vw[k] + 2;
	}
	ui_put(u, 3, 2, x - 2, name, theme_attr(C_HEAD));
	ui_scroll_to(u->cmp.cur, &u->cmp.top, r->n, rows - 1);
	for (int y = 0; y < rows - 1 && u->cmp.top + (size_t)y < r->n; y++) {
		size_t i = u->cmp.top + (size_t)y;
		int sel = i == u->cmp.cur, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(4 + y, base);
			ui_put(u, 4 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		cmp_line(u, 4 + y, dim_label(u->s, &r->by[0], r->g[i].key[0], buf, sizeof buf), &r->g[i], vw, first,
		    theme_attr(C_NORMAL) | base);
	}
	cmp_line(u, 4 + rows - 1, "Total", &r->total, vw, first, theme_attr(C_TOTAL));
}

static size_t *
compare_cursor(struct ui *u, size_t *n)
{
	*n = u->cmp.r.n;
	return &u->cmp.cur;
}

/* ---- saved views ---- */

static void
view_save_accept(struct ui *u, const char *name)
{
	char *path = views_path(), *spec, err[600];
	if (!path) {
		ui_status(u, MSG_ERROR, "no settings folder: set HOME or XDG_CONFIG_HOME");
		return;
	}
	spec = drill_spec(&u->m, ui_top(u) == ST_COMPARE ? "compare" : "list");
	if (spec == NULL)
		ui_status(u, MSG_ERROR, "saving the view: out of memory");
	else if (views_save(path, name, spec, err, sizeof err) != 0)
		ui_status(u, MSG_ERROR, "saving the view: %s", err);
	else
		ui_status(u, MSG_INFO, "view '%s' saved (B lists the views)", name);
	free(spec);
	free(path);
}

static void
act_view_save(struct ui *u)
{
	ui_input_open(u, IN_VIEW, "", NULL, view_save_accept, NULL);
}

static void
views_close(struct ui *u)
{
	views_free(u->views.v, u->views.n);
	u->views.v = NULL;
	u->views.n = 0;
}

static void
act_views(struct ui *u)
{
	char *path = views_path(), err[600];
	views_close(u);
	if (!path || views_load(path, &u->views.v, &u->views.n, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "%s", path ? err : "no settings folder: set HOME or XDG_CONFIG_HOME");
		free(path);
		return;
	}
	free(path);
	if (u->views.n == 0) {
		ui_status(u, MSG_INFO, "no saved view yet: b saves this one");
		return;
	}
	u->views.cur = u->views.top = 0;
	ui_push(u, ST_VIEWS);
}

static void
act_view_open(struct ui *u)
{
	char note[300], err[600], name[256];
	int mode;
	const struct saved_view *v = &u->views.v[u->views.cur];
	snprintf(name, sizeof name, "%s", v->name);
	if (drill_apply_spec(&u->m, v->spec, &mode, note, sizeof note, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "view '%s': %s", name, err);
		return;
	}
	views_close(u);
	ui_pop(u);
	if (mode)
		act_compare(u);
	if (note[0])
		ui_status(u, MSG_WARN, "view '%s': %s", name, note);
	else
		ui_status(u, MSG_INFO, "view '%s' (z goes back)", name);
}

static void
draw_views(struct ui *u)
{
	int rows = LINES - FOOT - 2;
	char buf[600];
	u->list_rows = rows;
	ui_put(u, 0, 1, COLS - 2, "Saved views: Enter opens one, q goes back", theme_attr(C_TITLE));
	ui_scroll_to(u->views.cur, &u->views.top, u->views.n, rows);
	for (int y = 0; y < rows && u->views.top + (size_t)y < u->views.n; y++) {
		size_t i = u->views.top + (size_t)y;
		int sel = i == u->views.cur, base = sel ? theme_attr(C_SEL) : 0;
		text_sanitize(u->views.v[i].name, buf, sizeof buf, !u->utf8);
		if (sel) {
			ui_fill(2 + y, base);
			ui_put(u, 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		ui_put(u, 2 + y, 2, COLS - 3, buf, theme_attr(C_NORMAL) | base);
	}
}

static size_t *
views_cursor(struct ui *u, size_t *n)
{
	*n = u->views.n;
	return &u->views.cur;
}

const struct ui_screen ui_views_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_views,
	.cursor = views_cursor,
	.close = views_close,
};

const struct ui_screen ui_filters_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_filters,
	.cursor = filters_cursor,
	.keys = nav_keys,
	.nkeys = sizeof nav_keys / sizeof *nav_keys,
};

const struct ui_screen ui_compare_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_compare,
	.cursor = compare_cursor,
	.close = cmp_close,
};
