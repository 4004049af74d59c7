/* ui_anomaly.c - the anomaly list (A from the list): across the whole data
 * (the currency shown), every group of the drill path's dimensions and of
 * ServiceName, ServiceSubcategory and meter whose latest complete month
 * departs from its own history, by the robust z-score of anomaly.h, the
 * largest change first. Enter jumps the explorer to the group: the top
 * level, grouped by its dimension, the cursor on it. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "anomaly.h"
#include "format.h"
#include "text.h"
#include "ui.h"

#define NARROW 70	/* below: no median column */

static ui_action act_anomaly, act_jump;

static const struct ui_keydef anomaly_keys[] = {
	{NULL, 0, {0}, "Anomalies", NULL, NULL, 0},
	{act_anomaly, SB(ST_LIST), {'A'}, "A",
	    "anomalies across the data: groups of the drill dimensions, ServiceName, ServiceSubcategory and meter "
	    "whose latest complete month departs from their own history (robust z-score: |z| >= 3.5 against the "
	    "median and MAD of their previous complete months, and a change of at least 1% of the month's total)",
	    NULL, 0},
	{act_jump, SB(ST_ANOMALY), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "show the group in the list: the top level grouped by its dimension, the cursor on it", "Enter show", 1},
};

void
ui_anomaly_free(struct ui *u)
{
	anomaly_job_free(u->an.job);	/* one under way is abandoned */
	u->an.job = NULL;
	anomalies_free(&u->an.an);
	u->an.cur = u->an.top = 0;
	u->an.scanned = 0;
}

/* The screen closed: the scan is kept for the next A (same metric and
 * currency), only the cursor goes back to the top. */
static void
anomaly_close(struct ui *u)
{
	u->an.cur = u->an.top = 0;
}

/* Starts a scan of the data for the metric and currency on screen. */
static void
anomaly_start(struct ui *u)
{
	struct dim d[DRILL_MAX_PATH + 3];
	struct filter f[1];
	int nd, nf = 0;
	nd = anomaly_dims(u->s, u->m.path, u->m.npath, d, (int)(sizeof d / sizeof *d));
	if (u->m.split_cur) {	/* money in one currency at a time */
		f[0].dim = u->m.cur_dim;
		f[0].lo = f[0].hi = u->m.cur;
		f[0].exclude = 0;
		f[0].timed = 0;
		nf = 1;
	}
	ui_anomaly_free(u);
	u->an.metric = u->m.metric;
	u->an.currency = u->m.cur;
	u->an.job = anomaly_begin(u->s, d, nd, f, nf, u->m.metric, &u->an.an);
}

/* One step of the scan under way; when it is done, it is the scan. */
static int
anomaly_done(struct ui *u)
{
	if (!anomaly_step(u->an.job))
		return 0;
	anomaly_job_free(u->an.job);
	u->an.job = NULL;
	u->an.scanned = 1;
	return 1;
}

/* The scan for the metric and currency on screen is done or under way,
 * unless the last one (or the one under way) was for them. */
static void
anomaly_want(struct ui *u)
{
	int same = u->an.metric == u->m.metric && u->an.currency == u->m.cur;
	if (u->an.scanned && same)
		return;
	if (!u->an.job || !same)
		anomaly_start(u);
}

/* What the finished scan found, on the status line. */
static void
anomaly_announce(struct ui *u)
{
	if (u->an.an.month == DATE_NULL)
		ui_status(u, MSG_INFO, "%s", u->an.an.why);
	else if (u->an.an.n == 0)
		ui_status(u, MSG_INFO, "no anomaly: %zu groups scored, none departs from its history", u->an.an.scored);
}

int
ui_anomaly_idle(struct ui *u)
{
	/* once, for the metric the explorer opened with, a dimension a step:
	 * a scan reads every row once per dimension, so A should not wait for
	 * it, nor a key pressed meanwhile for all of it; and a scan A asked
	 * for, while its screen says so */
	if (u->an.job == NULL) {
		if (u->an.tried || u->an.scanned) {
			u->an.tried = 1;
			return 0;
		}
		anomaly_start(u);
	}
	if (u->an.job == NULL || anomaly_done(u)) {
		u->an.tried = 1;
		if (ui_top(u) == ST_ANOMALY)
			anomaly_announce(u);
	}
	return 1;
}

/* The screen opens at once; a scan not done yet goes on between keys (its
 * screen says so), as the one begun at start does. */
static void
act_anomaly(struct ui *u)
{
	anomaly_want(u);
	u->an.cur = u->an.top = 0;
	ui_push(u, ST_ANOMALY);
	if (u->an.job == NULL)
		anomaly_announce(u);
}

/* The top level, grouped by the anomaly's dimension, the cursor on it. */
static void
act_jump(struct ui *u)
{
	const struct anomaly *a;
	struct drill_view *v;
	char name[128];
	if (u->an.job || u->an.an.n == 0)
		return;	/* nothing to show yet, or at all */
	a = &u->an.an.a[u->an.cur];
	while (drill_back(&u->m) == 0)
		;
	drill_set_search(&u->m, "");
	drill_set_dim(&u->m, &a->dim);
	drill_refresh(&u->m);
	v = drill_view(&u->m);
	for (int pass = 0; pass < 2; pass++) {
		size_t other = SIZE_MAX;
		for (size_t i = 0; i < v->shown.n; i++) {
			if (v->shown.g[i].folded)
				other = i;
			else if (v->shown.g[i].key[0] == a->code) {
				v->cur = i;
				ui_pop(u);
				anomaly_close(u);
				return;
			}
		}
		if (other == SIZE_MAX || drill_into(&u->m, other) != 1)
			break;
		v = drill_view(&u->m);
	}
	dim_name(u->s, &a->dim, name, sizeof name);
	ui_pop(u);
	anomaly_close(u);
	ui_status(u, MSG_INFO, "grouped by %s: the group is not in this list", name);
}

static const char *
fig(struct ui *u, money_t v, int sign, char *buf, size_t n)
{
	char cur[64], f[FORMAT_MAX];
	format_value(drill_currency(&u->m, cur, sizeof cur), u->an.metric, v, 1, f, sizeof f);
	snprintf(buf, n, "%s%s", sign && v > 0 ? "+" : "", f);
	return buf;
}

/* Column widths: the widest figure of each. */
struct cols {
	int dim, val, med, chg, grp, narrow;
};

static void
layout(struct ui *u, struct cols *c)
{
	char b[FORMAT_MAX + 2], name[128];
	c->narrow = COLS < NARROW;
	c->dim = 9;
	c->val = 5;
	c->med = 6;
	c->chg = 6;
	for (size_t i = 0; i < u->an.an.n; i++) {
		const struct anomaly *a = &u->an.an.a[i];
		int w;
		dim_name(u->s, &a->dim, name, sizeof name);
		if ((w = text_width(name)) > c->dim)
			c->dim = w;
		if ((w = (int)strlen(fig(u, a->value, 0, b, sizeof b))) > c->val)
			c->val = w;
		if ((w = (int)strlen(fig(u, a->sc.median, 0, b, sizeof b))) > c->med)
			c->med = w;
		if ((w = (int)strlen(fig(u, a->sc.change, 1, b, sizeof b))) > c->chg)
			c->chg = w;
	}
	if (c->dim > (c->narrow ? 10 : 18))
		c->dim = c->narrow ? 10 : 18;
	/* "  dim group value median change z" */
	c->grp = COLS - 3 - c->dim - 1 - 1 - c->val - 1 - c->chg - 1 - 5 - (c->narrow ? 0 : c->med + 1);
	if (c->grp < 8)
		c->grp = 8;
}

static void
draw_row(struct ui *u, int y, const struct cols *c, const char *dim, const char *grp, const char *val,
    const char *med, const char *chg, const char *z, int attr)
{
	char d[128], g[256], buf[768];
	text_fit(dim, c->dim, d, sizeof d, !u->utf8);
	text_fit(grp, c->grp, g, sizeof g, !u->utf8);
	if (c->narrow)
		snprintf(buf, sizeof buf, "%s%*s %s%*s %*s %*s %5s", d, c->dim - text_width(d), "", g,
		    c->grp - text_width(g), "", c->val, val, c->chg, chg, z);
	else
		snprintf(buf, sizeof buf, "%s%*s %s%*s %*s %*s %*s %5s", d, c->dim - text_width(d), "", g,
		    c->grp - text_width(g), "", c->val, val, c->med, med, c->chg, chg, z);
	ui_fill(y, attr);
	ui_put(u, y, 2, COLS - 3, buf, attr);
}

/* The title and the rule, wrapped to the width (3 lines at most): returns
 * the row below them. */
static int
draw_title(struct ui *u)
{
	const struct anomalies *an = &u->an.an;
	char buf[512], seg[512], mon[16], fl[FORMAT_MAX + 2];
	const char *s = buf;
	int y = 1, m, d, yr;
	if (an->month == DATE_NULL) {
		ui_put(u, 0, 1, COLS - 2, "Anomalies: none can be told", theme_attr(C_TITLE));
		ui_put(u, 1, 1, COLS - 2, an->why, theme_attr(C_WARN));
		return 2;
	}
	civil_from_days(an->month / CALENDAR_DAY, &yr, &m, &d);
	snprintf(mon, sizeof mon, "%04d-%02d", yr, m);
	snprintf(buf, sizeof buf, "Anomalies in %s: %zu of %zu groups (%s)", mon, an->n, an->scored,
	    metric_name(u->an.metric));
	ui_put(u, 0, 1, COLS - 2, buf, theme_attr(C_TITLE));
	fig(u, an->floor, 0, fl, sizeof fl);
	snprintf(buf, sizeof buf, "flagged: |z| >= 3.5, z = (%s - median) / (1.4826 x MAD) of the group's earlier "
	    "complete months (3 at least), and |change| >= %s (1%% of %s)", mon, fl, mon);
	while (*s && y < 4) {
		size_t n = strlen(s), room = (size_t)(COLS - 2);
		if (n > room && y < 3) {
			n = room;
			while (n > 0 && s[n] != ' ')
				n--;
			if (n == 0)
				n = room;
		}
		snprintf(seg, sizeof seg, "%.*s", (int)n, s);
		ui_put(u, y++, 1, COLS - 2, seg, theme_attr(C_DIMTEXT));
		s += n;
		while (*s == ' ')
			s++;
	}
	return y;
}

static void
draw_anomaly(struct ui *u)
{
	struct cols c;
	int top, rows;
	if (u->an.job) {	/* the scan goes on between keys */
		ui_put(u, 0, 1, COLS - 2, "Anomalies: scanning the data...", theme_attr(C_TITLE));
		ui_put(u, 1, 1, COLS - 2, "every group's months against its own history; keys work meanwhile",
		    theme_attr(C_DIMTEXT));
		u->list_rows = LINES - FOOT - 3;
		return;
	}
	top = draw_title(u) + 1;
	rows = LINES - FOOT - top;
	u->list_rows = rows;
	if (u->an.an.n == 0)
		return;
	layout(u, &c);
	draw_row(u, top - 1, &c, "Dimension", "Group", "Value", "Median", "Change", "z", theme_attr(C_HEAD));
	ui_scroll_to(u->an.cur, &u->an.top, u->an.an.n, rows);
	for (int y = 0; y < rows && u->an.top + (size_t)y < u->an.an.n; y++) {
		size_t i = u->an.top + (size_t)y;
		const struct anomaly *a = &u->an.an.a[i];
		char dim[128], grp[256], v[FORMAT_MAX], md[FORMAT_MAX], ch[FORMAT_MAX + 2], z[16];
		int sel = i == u->an.cur;
		dim_name(u->s, &a->dim, dim, sizeof dim);
		dim_label(u->s, &a->dim, a->code, grp, sizeof grp);
		if (a->sc.flat)
			snprintf(z, sizeof z, "flat");
		else
			snprintf(z, sizeof z, "%+.1f", a->sc.z > 99 ? 99.0 : a->sc.z < -99 ? -99.0 : a->sc.z);
		draw_row(u, top + y, &c, dim, grp, fig(u, a->value, 0, v, sizeof v), fig(u, a->sc.median, 0, md,
		    sizeof md), fig(u, a->sc.change, 1, ch, sizeof ch), z, theme_attr(sel ? C_SEL : C_NORMAL));
		if (sel)
			ui_put(u, top + y, 0, 1, ">", theme_attr(C_SEL) | (int)A_BOLD);
	}
}

static size_t *
anomaly_cursor(struct ui *u, size_t *n)
{
	*n = u->an.job ? 0 : u->an.an.n;	/* a scan under way fills an */
	return &u->an.cur;
}

const struct ui_screen ui_anomaly_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_anomaly,
	.cursor = anomaly_cursor,
	.close = anomaly_close,
	.keys = anomaly_keys,
	.nkeys = sizeof anomaly_keys / sizeof *anomaly_keys,
};
