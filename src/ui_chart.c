/* ui_chart.c - the path's metric per period as bars (T from the list): one
 * line a period in time order, labelled, its value as format_value writes
 * it, its bar scaled to the largest period, a partial period marked with
 * how much of it the rows cover. The numbers and the layout (which periods
 * fit, how long each bar) are chart.h's; this draws them, with block
 * characters in a UTF-8 locale and # otherwise. Every period of the path
 * is charted, whatever the list's period window ([ ]): the window's period
 * is where the cursor starts. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "format.h"
#include "period.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

static ui_action act_chart, act_chart_grain;

static const struct ui_keydef chart_keys[] = {
	{NULL, 0, {0}, "Time chart of the path", NULL, NULL, 0},
	{act_chart, SB(ST_LIST), {'T'}, "T",
	    "chart the metric of this path per period: a bar and a value a period, a partial period marked "
	    "with how much of it the rows cover", NULL, 0},
	{act_chart_grain, SB(ST_CHART), {'p'}, "p", "next period grain: month, quarter, year, day", "p period", 1},
};

void
ui_chart_free(struct ui *u)
{
	if (u->ch.c) {
		chart_series_free(u->ch.c);
		free(u->ch.c);
		u->ch.c = NULL;
	}
}

/* The path's filters without the period window: the chart shows them all. */
static int
chart_filters(struct ui *u, struct filter *f)
{
	struct drill_view *v = drill_view(&u->m);
	int nf = drill_filters(&u->m, v, f), dropped = 0, k = 0;
	for (int i = 0; i < nf; i++) {
		if (!dropped && u->m.win && dim_equal(&f[i].dim, &u->m.period) && f[i].lo == u->m.win) {
			dropped = 1;	/* drill_filters puts the window before the path */
			continue;
		}
		f[k++] = f[i];
	}
	return k;
}

static void
build(struct ui *u)
{
	struct filter f[16];
	int nf;
	drill_refresh(&u->m);
	nf = chart_filters(u, f);
	if (u->ch.c)
		chart_series_free(u->ch.c);
	else
		u->ch.c = xcalloc(1, sizeof *u->ch.c);
	chart_series(u->s, &u->m.period, f, nf, u->m.metric, u->ch.c);
	u->ch.cur = u->m.win && u->m.win <= u->ch.c->n ? u->m.win - 1 : u->ch.c->n ? u->ch.c->n - 1 : 0;
	u->ch.top = 0;
}

static void
act_chart(struct ui *u)
{
	if (!u->m.has_period || u->m.nperiods == 0) {
		ui_status(u, MSG_WARN, "the data has no ChargePeriodStart: no periods to chart");
		return;
	}
	build(u);
	ui_push(u, ST_CHART);
	ui_status(u, MSG_INFO, "%s per %s: %zu periods", metric_name(u->m.metric), grain_name(u->m.grain),
	    u->ch.c->n);
}

static void
act_chart_grain(struct ui *u)
{
	static const enum grain next[GRAIN_COUNT] = {
		[GRAIN_MONTH] = GRAIN_QUARTER, [GRAIN_QUARTER] = GRAIN_YEAR,
		[GRAIN_YEAR] = GRAIN_DAY, [GRAIN_DAY] = GRAIN_MONTH,
	};
	drill_set_grain(&u->m, next[u->m.grain]);
	build(u);
	ui_status(u, MSG_INFO, "period grain: %s (window: all periods)", grain_name(u->m.grain));
}

/* A bar of e eighths of a cell: blocks in UTF-8, # (rounded) otherwise. */
static void
bar_text(struct ui *u, int e, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	if (e <= 0)
		return;
	if (u->utf8) {
		for (int i = 0; i < e / 8 && o + 4 < n; i++, o += 3)
			memcpy(buf + o, ui_glyph->full, 3);
		if (e % 8 && o + 4 < n) {
			memcpy(buf + o, ui_glyph->part[e % 8], 3);
			o += 3;
		}
	} else {
		int cells = (e + 4) / 8 > 0 ? (e + 4) / 8 : 1;
		for (int i = 0; i < cells && o + 1 < n; i++)
			buf[o++] = '#';
	}
	buf[o] = '\0';
}

struct chart_cols {
	int label_w, value_w, note_w;
	struct coverage cov;
};

static void
chart_widths(struct ui *u, struct chart_cols *W)
{
	const struct chart_series *c = u->ch.c;
	char buf[FORMAT_MAX], cur[64], why[64];
	period_coverage(u->s, &W->cov);
	W->label_w = 6;
	W->value_w = text_width(metric_name(u->m.metric));
	W->note_w = 0;
	for (size_t k = 0; k < c->n; k++) {
		int w;
		if ((w = text_width(dim_label(u->s, &u->m.period, (uint32_t)k + 1, buf, sizeof buf))) > W->label_w)
			W->label_w = w;
		format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, c->v[k], c->has[k], buf, sizeof buf);
		if ((w = text_width(buf)) > W->value_w)
			W->value_w = w;
		if (period_whole(u->s, &u->m.period, (uint32_t)k + 1, &W->cov, why, sizeof why) == 0 &&
		    (w = text_width(why) + 2) > W->note_w)
			W->note_w = w;
	}
}

static void
draw_chart(struct ui *u)
{
	const struct chart_series *c = u->ch.c;
	struct drill_view *v;
	struct chart_layout L;
	struct chart_cols W;
	char buf[1024], cur[64], why[64], right[160], big[FORMAT_MAX];
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT, h = theme_attr(C_HEAD);

	drill_refresh(&u->m);
	v = drill_view(&u->m);
	ui_draw_totals(u, &v->res.total);
	u->list_rows = rows;
	chart_widths(u, &W);
	chart_fit(c->n, u->ch.cur, &u->ch.top, rows, COLS, W.label_w, W.value_w, W.note_w, &L);
	snprintf(right, sizeof right, "%s per %s: %zu-%zu of %zu", metric_name(u->m.metric), grain_name(u->m.grain),
	    L.n ? L.top + 1 : 0, L.top + L.n, c->n);
	ui_draw_crumb(u, hd, "chart", right);
	ui_fill(hd + 1, A_NORMAL);
	ui_put(u, hd + 1, L.label_x, W.label_w, "Period", h);
	ui_put_right(u, hd + 1, L.value_x, W.value_w, metric_name(u->m.metric), h);
	format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, c->max, 1, big, sizeof big);
	snprintf(buf, sizeof buf, "bar: share of the largest, %s", big);
	if (text_width(buf) > COLS - 1 - L.bar_x)	/* the figure whole, the words shorter */
		snprintf(buf, sizeof buf, "bar: of %s", big);
	ui_put(u, hd + 1, L.bar_x, COLS - 1 - L.bar_x, buf, h);
	if (c->n == 0)
		ui_put(u, hd + 2, 2, COLS - 4, "no periods in this path", theme_attr(C_DIMTEXT));
	for (size_t i = 0; i < L.n; i++) {
		size_t k = L.top + i;
		int y = hd + 2 + (int)i, sel = k == u->ch.cur, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(y, base);
			ui_put(u, y, 0, 1, ">", base | (int)A_BOLD);
		}
		ui_put(u, y, L.label_x, W.label_w, dim_label(u->s, &u->m.period, (uint32_t)k + 1, buf, sizeof buf),
		    theme_attr(C_NORMAL) | base);
		format_value(drill_currency(&u->m, cur, sizeof cur), u->m.metric, c->v[k], c->has[k], buf, sizeof buf);
		ui_put_right(u, y, L.value_x, W.value_w, buf, theme_attr(C_NORMAL) | base);
		bar_text(u, chart_eighths(c->v[k], c->max, L.bar_w), buf, sizeof buf);
		ui_put(u, y, L.bar_x, L.bar_w, buf, theme_attr(C_BAR) | base);
		if (period_whole(u->s, &u->m.period, (uint32_t)k + 1, &W.cov, why, sizeof why) == 0) {
			snprintf(buf, sizeof buf, "(%s)", why);
			ui_put(u, y, L.note_x, W.note_w, buf, theme_attr(C_DIMTEXT) | base);
		}
	}
}

static size_t *
chart_cursor(struct ui *u, size_t *n)
{
	*n = u->ch.c ? u->ch.c->n : 0;
	return &u->ch.cur;
}

const struct ui_screen ui_chart_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_chart,
	.cursor = chart_cursor,
	.close = ui_chart_free,
	.keys = chart_keys,
	.nkeys = sizeof chart_keys / sizeof *chart_keys,
};
