/* ui_keys.c - the one key table, and the actions it dispatches to.
 *
 * The table (as nnn's and htop's key arrays) is the truth for dispatch, for
 * the `?` screen, for the footer hints and for the KEYS section of focal(1)
 * (ui_keys_mdoc): a key documented is a key bound, and the other way round.
 * A key may mean different things in different states (Enter drills in the
 * list, chooses among dimensions, opens a row); each meaning is one entry. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "report.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define KC(k) ((int)(k) | 0x40000000)	/* a KEY_* code, apart from characters */
#define CTRL(c) ((c) & 0x1f)
#define ESC 27
#define ENTER_KEYS '\n', '\r', KC(KEY_ENTER)
#define BACK_KEYS KC(KEY_BACKSPACE), 127, '\b'
#define NAV (SB(ST_LIST) | SB(ST_DIMS) | SB(ST_ROWS) | SB(ST_PAGER) | SB(ST_WHATIF))
#define NKEYCODES 16
#define ANY (NAV | SB(ST_INPUT))

typedef void action(struct ui *);

struct ui_keydef {
	action *fn;		/* NULL: a section heading, titled by names */
	unsigned states;	/* SB() of the states the entry applies in */
	int keys[NKEYCODES];	/* characters and KC(KEY_*); 0 ends */
	const char *names;	/* as `?` and focal(1) show them, ", "-separated */
	const char *help;
	const char *hint;	/* footer: "KEY what", or NULL */
	int prio;		/* footer: the lowest stay when space is short */
};

static action act_up, act_down, act_pgup, act_pgdn, act_home, act_end, act_drill, act_back, act_dims,
    act_metric, act_grain, act_win_prev, act_win_next, act_search, act_next, act_prev, act_clear, act_sort,
    act_reverse, act_rows, act_export, act_whatif, act_log, act_quit, act_suspend, act_choose, act_record,
    act_close, act_help, act_redraw, act_accept, act_cancel, act_erase, act_kill, act_seat_more, act_seat_less,
    act_seat_type, act_seat_percent, act_wundo, act_wclear, act_wapply, act_wsave, act_wload;

static const struct ui_keydef keytab[] = {
	{NULL, 0, {0}, "Moving, on every screen", NULL, NULL, 0},
	{act_up, NAV, {KC(KEY_UP), 'k'}, "Up, k", "move up", NULL, 0},
	{act_down, NAV, {KC(KEY_DOWN), 'j'}, "Down, j", "move down", NULL, 0},
	{act_pgup, NAV, {KC(KEY_PPAGE), CTRL('b')}, "PgUp, Ctrl-B", "page up", NULL, 0},
	{act_pgdn, NAV, {KC(KEY_NPAGE), CTRL('f'), ' '}, "PgDn, Ctrl-F, Space", "page down", NULL, 0},
	{act_home, NAV, {KC(KEY_HOME), 'g'}, "Home, g", "first line", NULL, 0},
	{act_end, NAV, {KC(KEY_END), 'G'}, "End, G", "last line", NULL, 0},

	{NULL, 0, {0}, "The list of groups", NULL, NULL, 0},
	{act_drill, SB(ST_LIST), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "drill into the group: filter on it and group by the next dimension of the drill path; "
	    "on Other (n), list every group; at the end of the path, list the rows behind it",
	    "Enter drill", 1},
	{act_back, SB(ST_LIST), {BACK_KEYS, KC(KEY_LEFT), 'h'}, "Backspace, Left, h", "back up a level",
	    "h back", 1},
	{act_dims, SB(ST_LIST), {'d'}, "d",
	    "choose the dimension of this level: any FOCUS column present, meter, tag:KEY, period, x_ columns",
	    "d dim", 2},
	{act_metric, SB(ST_LIST), {'m'}, "m", "next metric: EffectiveCost, BilledCost, ListCost, ContractedCost",
	    "m metric", 2},
	{act_grain, SB(ST_LIST), {'p'}, "p", "next period grain: month, quarter, year, day", "p period", 4},
	{act_win_prev, SB(ST_LIST), {'['}, "[",
	    "period window one period earlier (from all periods: the last period)", "[] window", 6},
	{act_win_next, SB(ST_LIST), {']'}, "]", "period window one period later (after the last: all periods)",
	    NULL, 0},
	{act_search, SB(ST_LIST), {'/'}, "/", "filter the list as you type (case-insensitive)", "/ filter", 3},
	{act_next, SB(ST_LIST), {'n'}, "n", "next match of the filter", NULL, 0},
	{act_prev, SB(ST_LIST), {'N'}, "N", "previous match of the filter", NULL, 0},
	{act_clear, SB(ST_LIST), {ESC}, "Esc", "clear the filter", NULL, 0},
	{act_sort, SB(ST_LIST), {'s'}, "s", "next sort: value, name, change against the previous period",
	    "s sort", 5},
	{act_reverse, SB(ST_LIST), {'r'}, "r", "reverse the sort", NULL, 0},
	{act_rows, SB(ST_LIST), {'R'}, "R", "list the FOCUS rows behind the group", "R rows", 3},
	{act_export, SB(ST_LIST), {'e'}, "e",
	    "export this level to a CSV file, as focal report --format csv prints it", "e export", 4},
	{act_log, SB(ST_LIST) | SB(ST_ROWS) | SB(ST_WHATIF), {'W'}, "W", "list rejected rows and load warnings",
	    NULL, 0},
	{act_quit, SB(ST_LIST), {'q'}, "q", "quit", "q quit", 0},

	{NULL, 0, {0}, "Choosing a dimension", NULL, NULL, 0},
	{act_choose, SB(ST_DIMS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "group this level by the dimension", "Enter choose", 1},

	{NULL, 0, {0}, "Rows behind a group", NULL, NULL, 0},
	{act_record, SB(ST_ROWS), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter, Right, l",
	    "show every column of the row", "Enter columns", 1},

	{NULL, 0, {0}, "What-if: seat counts (simulated)", NULL, NULL, 0},
	{act_whatif, SB(ST_LIST) | SB(ST_ROWS) | SB(ST_WHATIF), {'w'}, "w",
	    "open the what-if panel (from the list or the rows), or close it: one line per seat product "
	    "(meter product_seats) with its term, seats, unit price and where it comes from, renewal, monthly "
	    "cost, and when a cut saves; then suggestions from the seat activity. Closing keeps the scenario: "
	    "every screen's header shows baseline, scenario* and savings* per month and annualised, "
	    "marked * simulated", "w what-if", 4},
	{act_seat_more, SB(ST_WHATIF), {'+', '='}, "+, =", "one seat more for the product", "+- seats", 1},
	{act_seat_less, SB(ST_WHATIF), {'-'}, "-", "one seat less for the product", NULL, 0},
	{act_seat_type, SB(ST_WHATIF), {'1', '2', '3', '4', '5', '6', '7', '8', '9', ENTER_KEYS}, "1-9, Enter",
	    "type the product's seats, against the baseline: 12 (a new count), -3 or +2 (a change), -10% (a "
	    "percentage, rounded toward zero), optionally followed by flex DAYS", "1-9 type", 2},
	{act_seat_percent, SB(ST_WHATIF), {'%'}, "%", "type a percentage change of the product's seats (-10: "
	    "a tenth fewer)", "% percent", 6},
	{act_wundo, SB(ST_WHATIF), {'u'}, "u", "undo the last change to the scenario", "u undo", 2},
	{act_wclear, SB(ST_WHATIF), {'0'}, "0", "clear the scenario: back to the baseline (u undoes it)",
	    "0 clear", 3},
	{act_wapply, SB(ST_WHATIF), {'a'}, "a",
	    "apply the highlighted suggestion to the scenario; a suggestion is never applied otherwise",
	    "a apply", 2},
	{act_wsave, SB(ST_WHATIF), {'S'}, "S",
	    "save the scenario to a scenario file (asks before replacing a file)", "S save", 5},
	{act_wload, SB(ST_WHATIF), {'L'}, "L",
	    "load a scenario file, as focal whatif --scenario reads it", "L load", 5},

	{NULL, 0, {0}, "Every screen", NULL, NULL, 0},
	{act_close, SB(ST_DIMS) | SB(ST_ROWS) | SB(ST_PAGER) | SB(ST_WHATIF),
	    {ESC, 'q', KC(KEY_LEFT), 'h', BACK_KEYS}, "Esc, q, Left, h, Backspace", "close this screen", "q close", 0},
	{act_help, NAV, {'?', KC(KEY_F(1))}, "?, F1", "this help", "? help", 0},
	{act_redraw, ANY, {CTRL('l')}, "Ctrl-L", "redraw the screen", NULL, 0},
	{act_quit, ANY, {CTRL('c')}, "Ctrl-C", "quit at once (SIGTERM and SIGHUP too)", NULL, 0},
	{act_suspend, ANY, {CTRL('z')}, "Ctrl-Z",
	    "suspend: the terminal goes back to the shell as it was, and fg brings the explorer back, "
	    "redrawn; stopped any other way (SIGSTOP, or its job stopped behind its back), focal redraws "
	    "everything when it is continued", NULL, 0},

	{NULL, 0, {0}, "Typing a filter, a file name or seats", NULL, NULL, 0},
	{act_accept, SB(ST_INPUT), {ENTER_KEYS}, "Enter", "accept", "Enter accept", 0},
	{act_cancel, SB(ST_INPUT), {ESC, CTRL('g')}, "Esc, Ctrl-G", "cancel", "Esc cancel", 0},
	{act_erase, SB(ST_INPUT), {BACK_KEYS}, "Backspace", "erase a character", NULL, 0},
	{act_kill, SB(ST_INPUT), {CTRL('u')}, "Ctrl-U", "erase the line", NULL, 0},
};
#define NKEYS (sizeof keytab / sizeof *keytab)

/* ---- messages ---- */

void
ui_status(struct ui *u, enum ui_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->status, sizeof u->status, fmt, ap);
	va_end(ap);
	u->status_level = lvl;
}

void
ui_log(struct ui *u, int color, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	u->log = xreallocarray(u->log, u->nlog + 1, sizeof *u->log);
	u->log[u->nlog].text = s;
	u->log[u->nlog++].color = color;
}

size_t
ui_hints(const struct ui *u, const char **hints, size_t max)
{
	enum ui_state st = u->state;
	size_t n = 0;
	for (size_t i = 0; i < NKEYS && n < max; i++)
		if (keytab[i].fn && keytab[i].hint && (keytab[i].states & SB(st)))
			hints[n++] = keytab[i].hint;
	return n;
}

int
ui_hint_prio(const char *hint)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (keytab[i].hint == hint)
			return keytab[i].prio;
	return 9;
}

/* ---- dispatch ---- */

static void input_insert(struct ui *u, unsigned ch);

void
ui_key(struct ui *u, int keycode, unsigned ch)
{
	int code = keycode ? KC(ch) : (int)ch;
	u->nkeys++;
	if (keycode && ch == KEY_RESIZE)
		return;	/* ncurses has resized; the next draw lays out again */
	if (ui_too_small(u)) {
		if (ch == 'q' || ch == CTRL('c'))
			u->quit = 1;
		return;
	}
	if (u->state != ST_INPUT)
		u->status[0] = '\0';
	for (size_t i = 0; i < NKEYS; i++) {
		if (!keytab[i].fn || !(keytab[i].states & SB(u->state)))
			continue;
		for (int k = 0; k < NKEYCODES && keytab[i].keys[k]; k++)
			if (keytab[i].keys[k] == code) {
				u->key = code;
				keytab[i].fn(u);
				return;
			}
	}
	if (u->state == ST_INPUT && !keycode && ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch < 0xa0))
		input_insert(u, ch);
	else if (u->state != ST_INPUT)
		ui_status(u, MSG_INFO, "that key does nothing here: ? lists the keys");
}

/* ---- moving ---- */

/* The cursor of the state's list, or NULL (the pager scrolls instead). */
static size_t *
cursor(struct ui *u, size_t *n)
{
	struct drill_view *v;
	switch (u->state) {
	case ST_LIST:
		v = drill_view(&u->m);
		*n = v->shown.n;
		return &v->cur;
	case ST_DIMS:
		*n = u->ndims;
		return &u->dims_cur;
	case ST_ROWS:
		*n = u->rows.n;
		return &u->rows.cur;
	case ST_WHATIF:
		*n = whatif_panel_items(&u->m.wi);
		return &u->m.wi.cur;
	default:
		*n = u->pager.n;
		return NULL;
	}
}

static void
move_by(struct ui *u, long long delta)
{
	size_t n, *c = cursor(u, &n), shown = u->list_rows > 0 ? (size_t)u->list_rows : 1;
	long long pos;
	if (c == NULL) {	/* the pager: scroll */
		size_t maxtop = n > shown ? n - shown : 0;
		pos = (long long)u->pager.top + delta;
		u->pager.top = pos < 0 ? 0 : (size_t)pos > maxtop ? maxtop : (size_t)pos;
		return;
	}
	if (n == 0)
		return;
	pos = (long long)*c + delta;
	*c = pos < 0 ? 0 : (size_t)pos >= n ? n - 1 : (size_t)pos;
}

static long long
page(struct ui *u)
{
	return u->list_rows > 1 ? u->list_rows - 1 : 1;
}

static void act_up(struct ui *u) { move_by(u, -1); }
static void act_down(struct ui *u) { move_by(u, 1); }
static void act_pgup(struct ui *u) { move_by(u, -page(u)); }
static void act_pgdn(struct ui *u) { move_by(u, page(u)); }
static void act_home(struct ui *u) { move_by(u, -(LLONG_MAX / 2)); }
static void act_end(struct ui *u) { move_by(u, LLONG_MAX / 2); }

/* ---- the list ---- */

static void
open_rows(struct ui *u, size_t line)
{
	drill_rows_open(&u->rows, &u->m, line);
	u->state = ST_ROWS;
	if (u->rows.n == 0)
		ui_status(u, MSG_INFO, "no rows");
}

static void
act_drill(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	size_t line = v->cur;
	int r;
	if (v->shown.n == 0) {
		ui_status(u, MSG_INFO, "nothing to drill into");
		return;
	}
	r = drill_into(&u->m, line);
	if (r == 1)
		ui_status(u, MSG_INFO, "Other unfolded: every group listed");
	else if (r == -1)
		open_rows(u, line);	/* a leaf: the rows are the next level */
	else if (r == -2)
		ui_status(u, MSG_WARN, "the drill path is %d levels deep at most: R lists the rows", DRILL_MAX_DEPTH);
}

static void
act_back(struct ui *u)
{
	if (drill_back(&u->m) < 0)
		ui_status(u, MSG_INFO, "at the top already: q quits");
}

static void
act_dims(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	free(u->dims);
	u->ndims = dim_list(u->s, u->m.grain, &u->dims);
	u->dims_cur = u->dims_top = 0;
	for (size_t i = 0; i < u->ndims; i++)
		if (dim_equal(&u->dims[i], &v->dim))
			u->dims_cur = i;
	u->state = ST_DIMS;
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
	act_close(u);
}

static void
act_metric(struct ui *u)
{
	static const enum metric cycle[] = {M_EFFECTIVE, M_BILLED, M_LIST, M_CONTRACTED};
	size_t at = 0;
	for (size_t i = 0; i < 4; i++)
		if (cycle[i] == u->m.metric)
			at = i + 1;
	for (size_t i = 0; i < 4; i++) {
		enum metric m = cycle[(at + i) % 4];
		if (store_metric_column(u->s, m) >= 0) {
			drill_set_metric(&u->m, m);
			ui_status(u, MSG_INFO, "metric: %s", metric_name(m));
			return;
		}
	}
	ui_status(u, MSG_WARN, "the data has no other cost column");
}

static void
act_grain(struct ui *u)
{
	static const enum grain next[GRAIN_COUNT] = {
		[GRAIN_MONTH] = GRAIN_QUARTER, [GRAIN_QUARTER] = GRAIN_YEAR,
		[GRAIN_YEAR] = GRAIN_DAY, [GRAIN_DAY] = GRAIN_MONTH,
	};
	drill_set_grain(&u->m, next[u->m.grain]);
	ui_status(u, MSG_INFO, "period grain: %s (window: all periods)", grain_name(u->m.grain));
}

static void
window_status(struct ui *u)
{
	char buf[64];
	if (u->m.win == 0)
		ui_status(u, MSG_INFO, "period window: all periods");
	else
		ui_status(u, MSG_INFO, "period window: %s ([ earlier, ] later)",
		    dim_label(u->s, &u->m.period, u->m.win, buf, sizeof buf));
}

static int
have_periods(struct ui *u)
{
	if (u->m.has_period && u->m.nperiods > 0)
		return 1;
	ui_status(u, MSG_WARN, "the data has no ChargePeriodStart: no periods");
	return 0;
}

static void
act_win_prev(struct ui *u)
{
	if (!have_periods(u))
		return;
	drill_set_window(&u->m, u->m.win == 0 ? u->m.nperiods : u->m.win - 1);
	window_status(u);
}

static void
act_win_next(struct ui *u)
{
	if (!have_periods(u))
		return;
	drill_set_window(&u->m, u->m.win >= u->m.nperiods ? 0 : u->m.win + 1);
	window_status(u);
}

static void
act_search(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	snprintf(u->saved_search, sizeof u->saved_search, "%s", v->search);
	snprintf(u->input, sizeof u->input, "%s", v->search);
	u->input_kind = IN_SEARCH;
	u->under = ST_LIST;
	u->state = ST_INPUT;
}

static void
find_match(struct ui *u, int dir)
{
	struct drill_view *v = drill_view(&u->m);
	size_t n = v->shown.n;
	if (v->search[0] == '\0') {
		ui_status(u, MSG_INFO, "no filter: / types one");
		return;
	}
	for (size_t k = 1; k <= n; k++) {
		size_t i = dir > 0 ? (v->cur + k) % n : (v->cur + n - k % n) % n;
		if (drill_line_matches(&u->m, v, i)) {
			if ((dir > 0 && i <= v->cur) || (dir < 0 && i >= v->cur))
				ui_status(u, MSG_INFO, "search wrapped");
			v->cur = i;
			return;
		}
	}
	ui_status(u, MSG_INFO, "no match");
}

static void act_next(struct ui *u) { find_match(u, 1); }
static void act_prev(struct ui *u) { find_match(u, -1); }

static void
act_clear(struct ui *u)
{
	if (drill_view(&u->m)->search[0]) {
		drill_set_search(&u->m, "");
		ui_status(u, MSG_INFO, "filter cleared");
	}
}

static void
act_sort(struct ui *u)
{
	static const char *const names[SORT_COUNT] = {"value", "name", "change against the previous period"};
	enum drill_sort k = (enum drill_sort)((drill_view(&u->m)->sort + 1) % SORT_COUNT);
	if (k == SORT_CHANGE && !u->m.has_period)
		k = SORT_VALUE;
	drill_set_sort(&u->m, k, 0);
	ui_status(u, MSG_INFO, "sort: %s", names[k]);
}

static void
act_reverse(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	drill_set_sort(&u->m, v->sort, !v->reverse);
	ui_status(u, MSG_INFO, "sort reversed");
}

static void
act_rows(struct ui *u)
{
	open_rows(u, drill_view(&u->m)->cur);
}

static void
act_export(struct ui *u)
{
	char name[300], *p;
	dim_name(u->s, &drill_view(&u->m)->dim, name, sizeof name);
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		    *p == '_'))
			*p = '-';
	snprintf(u->input, sizeof u->input, "focal-%.200s.csv", name);
	u->input_kind = IN_EXPORT;
	u->under = ST_LIST;
	u->state = ST_INPUT;
}

/* ---- the what-if panel ---- */

static void
act_whatif(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	int r, first = !w->opened;
	if (u->state == ST_WHATIF) {
		act_close(u);
		return;
	}
	r = whatif_panel_open(&u->m.wi, u->s);
	if (first)	/* first opened: the core's notes go to the log (W) and the status line */
		for (int i = 0; i < w->m.nnotes; i++)
			ui_log(u, C_WARN, "what-if: %s", w->m.note[i]);
	if (r < 0) {
		ui_status(u, MSG_WARN, "no seat products in the data (meter product_seats, ChargeCategory "
		    "Purchase): nothing to simulate%s", w->m.nnotes ? "; W lists why" : "");
		return;
	}
	if (first && w->m.nnotes)
		ui_status(u, MSG_WARN, "%s%s", w->m.note[0], w->m.nnotes > 1 ? " (W lists every note)" : "");
	u->whatif_from = u->state;
	u->state = ST_WHATIF;
}

/* The product under the cursor: 1, or 0 (on a suggestion: said why). */
static int
whatif_product(struct ui *u, size_t *i)
{
	struct whatif_panel *w = &u->m.wi;
	if (w->cur < w->m.n) {
		*i = w->cur;
		return 1;
	}
	ui_status(u, MSG_INFO, "a suggestion: a applies it; seats are changed on a product's line");
	return 0;
}

/* After a change: the product's seats now, and the scenario's saving. */
static void
whatif_said(struct ui *u, size_t i)
{
	struct whatif_panel *w = &u->m.wi;
	const struct whatif_line *l = &w->r.line[i];
	char save[96];
	report_money(u->s, w->r.total.month_saving, save, sizeof save);
	ui_status(u, MSG_INFO, "%s: %lld -> %lld seats%s; the scenario saves %s*/mo", w->m.p[i].label,
	    l->seats_before, l->seats_after, l->simulated ? "*" : "", save);
}

static void
seat_step(struct ui *u, long long delta)
{
	char err[600];
	size_t i;
	if (!whatif_product(u, &i))
		return;
	if (whatif_panel_step(&u->m.wi, i, delta, err, sizeof err) != 0)
		ui_status(u, MSG_ERROR, "%s", err);
	else
		whatif_said(u, i);
}

static void act_seat_more(struct ui *u) { seat_step(u, 1); }
static void act_seat_less(struct ui *u) { seat_step(u, -1); }

static void
seat_prompt(struct ui *u, enum ui_input kind)
{
	size_t i;
	if (u->m.wi.cur >= u->m.wi.m.n && (u->key == '\n' || u->key == '\r' || u->key == KC(KEY_ENTER))) {
		ui_status(u, MSG_INFO, "a applies this suggestion (nothing is applied without it)");
		return;
	}
	if (!whatif_product(u, &i))
		return;
	u->input[0] = '\0';
	if (kind == IN_SEATS && u->key >= '1' && u->key <= '9')
		snprintf(u->input, sizeof u->input, "%c", u->key);
	u->input_kind = kind;
	u->under = ST_WHATIF;
	u->state = ST_INPUT;
}

static void act_seat_type(struct ui *u) { seat_prompt(u, IN_SEATS); }
static void act_seat_percent(struct ui *u) { seat_prompt(u, IN_PERCENT); }

static void
act_wundo(struct ui *u)
{
	if (whatif_panel_undo(&u->m.wi))
		ui_status(u, MSG_INFO, "undone: %zu product%s changed", u->m.wi.sim.nchanged,
		    u->m.wi.sim.nchanged == 1 ? "" : "s");
	else
		ui_status(u, MSG_INFO, "nothing to undo");
}

static void
act_wclear(struct ui *u)
{
	if (whatif_panel_clear(&u->m.wi))
		ui_status(u, MSG_INFO, "scenario cleared: the baseline (u undoes it)");
	else
		ui_status(u, MSG_INFO, "the scenario is the baseline already");
}

static void
act_wapply(struct ui *u)
{
	struct whatif_panel *w = &u->m.wi;
	const struct whatif_suggestion *sg;
	char err[600], y[96], from[64];
	if (w->nsg == 0) {
		ui_status(u, MSG_INFO, "no suggestions: the data shows no idle, unassigned or occasional seats");
		return;
	}
	if (w->cur < w->m.n) {
		ui_status(u, MSG_INFO, "a applies a suggestion: move down to one, below the products");
		return;
	}
	sg = &w->sg[w->cur - w->m.n];
	if (whatif_panel_suggestion(&u->m.wi, w->cur - w->m.n, err, sizeof err) != 0) {
		ui_status(u, MSG_WARN, "%s", err);
		return;
	}
	report_money(u->s, sg->effect.year_saving, y, sizeof y);
	whatif_panel_starts(w, sg->product, 1, from, sizeof from);
	ui_status(u, MSG_INFO, "applied %s: %s %+lld seats, saves %s* a year from %s (u undoes)",
	    whatif_rule_name(sg->rule), w->m.p[sg->product].label, -sg->cut, y, from);
}

static void
scenario_prompt(struct ui *u, enum ui_input kind)
{
	snprintf(u->input, sizeof u->input, "%s", u->scenario_path[0] ? u->scenario_path :
	    kind == IN_SAVE ? "focal.scenario" : "");
	u->input_kind = kind;
	u->under = ST_WHATIF;
	u->state = ST_INPUT;
}

static void act_wsave(struct ui *u) { scenario_prompt(u, IN_SAVE); }
static void act_wload(struct ui *u) { scenario_prompt(u, IN_LOAD); }

static void
scenario_save(struct ui *u, const char *path, int force)
{
	char err[1200];
	if (whatif_panel_save(&u->m.wi, path, force, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "not saved: %s", err);
		return;
	}
	snprintf(u->scenario_path, sizeof u->scenario_path, "%s", path);
	ui_status(u, MSG_INFO, "scenario saved to %s (%zu product%s changed)", path, u->m.wi.sim.nchanged,
	    u->m.wi.sim.nchanged == 1 ? "" : "s");
}

static void
scenario_load(struct ui *u, const char *path)
{
	char err[1200];
	if (whatif_panel_load(&u->m.wi, path, err, sizeof err) != 0) {
		ui_status(u, MSG_ERROR, "not loaded: %s", err);
		return;
	}
	snprintf(u->scenario_path, sizeof u->scenario_path, "%s", path);
	ui_status(u, MSG_INFO, "scenario loaded from %s: %zu product%s changed (u undoes)", path, u->m.wi.sim.nchanged,
	    u->m.wi.sim.nchanged == 1 ? "" : "s");
}

static void
act_log(struct ui *u)
{
	ui_pager_log(u);
}

static void
act_quit(struct ui *u)
{
	u->quit = 1;
}

/* ---- other screens ---- */

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

static void
act_record(struct ui *u)
{
	size_t row = drill_rows_get(&u->rows, u->s, u->rows.cur);
	if (row != SIZE_MAX)
		ui_pager_record(u, row);
}

static void
act_close(struct ui *u)
{
	switch (u->state) {
	case ST_DIMS:
		free(u->dims);
		u->dims = NULL;
		u->ndims = 0;
		u->state = ST_LIST;
		break;
	case ST_ROWS:
		drill_rows_free(&u->rows);
		u->state = ST_LIST;
		break;
	case ST_PAGER:
		pager_free(u);
		u->state = u->pager.from;
		break;
	case ST_WHATIF:
		u->state = u->whatif_from;
		if (u->m.wi.sim.active)
			ui_status(u, MSG_INFO, "scenario kept: * marks simulated values (w reopens the panel)");
		break;
	default:
		break;
	}
}

static void
act_help(struct ui *u)
{
	ui_pager_help(u);
}

/* Ctrl-Z is a signal (the terminal is in cbreak mode); should it come as a
 * key all the same, it does what the signal does: ui.c suspends when the
 * SIGTSTP arrives (nothing, when SIGTSTP is ignored: no job control). */
static void
act_suspend(struct ui *u)
{
	(void)u;
	raise(SIGTSTP);
}

static void
act_redraw(struct ui *u)
{
	(void)u;
	clearok(curscr, TRUE);	/* asked for: repaint all, e.g. after line noise */
}

/* ---- typing ---- */

static void
input_changed(struct ui *u)
{
	if (u->input_kind == IN_SEARCH)
		drill_set_search(&u->m, u->input);
}

static int export_write(struct ui *u, const char *path);

static void
input_insert(struct ui *u, unsigned ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t k, len = strlen(u->input);
	if (u->input_kind == IN_CONFIRM) {
		if (ch == 'y' || ch == 'Y') {
			if (u->confirm_for == IN_SAVE)
				scenario_save(u, u->confirm_path, 1);
			else
				export_write(u, u->confirm_path);
			free(u->confirm_path);
			u->confirm_path = NULL;
			u->state = u->under;
		} else
			act_cancel(u);
		return;
	}
	memset(&st, 0, sizeof st);
	k = wcrtomb(mb, (wchar_t)ch, &st);
	if (k == (size_t)-1 || len + k >= sizeof u->input)
		return;
	memcpy(u->input + len, mb, k);
	u->input[len + k] = '\0';
	input_changed(u);
}

static void
act_erase(struct ui *u)
{
	size_t len = strlen(u->input);
	while (len > 0 && ((unsigned char)u->input[len - 1] & 0xc0) == 0x80)
		len--;	/* UTF-8 continuation bytes */
	if (len > 0)
		len--;
	u->input[len] = '\0';
	input_changed(u);
}

static void
act_kill(struct ui *u)
{
	u->input[0] = '\0';
	input_changed(u);
}

static void
act_cancel(struct ui *u)
{
	switch (u->input_kind) {
	case IN_SEARCH:
		drill_set_search(&u->m, u->saved_search);
		break;
	case IN_EXPORT:
	case IN_SAVE:
	case IN_CONFIRM:
		ui_status(u, MSG_INFO, u->input_kind == IN_SAVE || (u->input_kind == IN_CONFIRM &&
		    u->confirm_for == IN_SAVE) ? "not saved" : "not exported");
		free(u->confirm_path);
		u->confirm_path = NULL;
		break;
	case IN_SEATS:
	case IN_PERCENT:
		ui_status(u, MSG_INFO, "seats unchanged");
		break;
	case IN_LOAD:
		ui_status(u, MSG_INFO, "not loaded");
		break;
	}
	u->state = u->under;
}

/* "~/x" is the user's; anything else is taken as typed. */
static char *
expand_path(const char *in)
{
	const char *home = getenv("HOME");
	char *p;
	if (in[0] == '~' && in[1] == '/' && home && *home) {
		xasprintf(&p, "%s%s", home, in + 1);
		return p;
	}
	return xstrdup(in);
}

/* Writes to a temporary file beside the target, then renames: a failed
 * write never leaves a half file, and never harms the old one. */
static int
export_write(struct ui *u, const char *path)
{
	char dir[PATH_MAX], tmpl[PATH_MAX + 32];
	const char *slash = strrchr(path, '/');
	FILE *f;
	mode_t um;
	int fd, rc, e = 0;
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	snprintf(tmpl, sizeof tmpl, "%s/.focal-export.XXXXXX", dir);
	if ((fd = mkstemp(tmpl)) < 0) {
		ui_status(u, MSG_ERROR, "export failed: %s: %s", dir, strerror(errno));
		return -1;
	}
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		unlink(tmpl);
		ui_status(u, MSG_ERROR, "export failed: %s (nothing written)", strerror(e));
		return -1;
	}
	rc = drill_export(&u->m, f);
	if (rc != 0)
		e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && rename(tmpl, path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(tmpl);
		ui_status(u, MSG_ERROR, "export failed: %s: %s (the file is unchanged)", path, strerror(e));
		return -1;
	}
	ui_status(u, MSG_INFO, "exported %zu groups to %s", drill_view(&u->m)->res.n, path);
	return 0;
}

/* A typed seat change of the product under the cursor; "-10" typed after %
 * is "-10%". */
static void
seats_accept(struct ui *u)
{
	char change[600], err[600];
	size_t i = u->m.wi.cur, len = strlen(u->input);
	snprintf(change, sizeof change, "%s%s", u->input, u->input_kind == IN_PERCENT && len &&
	    u->input[len - 1] != '%' ? "%" : "");
	u->state = u->under;
	if (whatif_panel_apply(&u->m.wi, i, change, err, sizeof err) != 0)
		ui_status(u, MSG_ERROR, "%s", err);
	else
		whatif_said(u, i);
}

static void
act_accept(struct ui *u)
{
	struct drill_view *v = drill_view(&u->m);
	struct stat sb;
	char *path;
	switch (u->input_kind) {
	case IN_SEARCH:
		if (v->search[0])
			ui_status(u, MSG_INFO, "filter: %zu of %zu groups match (Esc clears)", v->nmatch, v->res.n);
		u->state = u->under;
		return;
	case IN_CONFIRM:
		act_cancel(u);	/* Enter alone answers no */
		return;
	case IN_SEATS:
	case IN_PERCENT:
		if (u->input[0] == '\0')
			act_cancel(u);
		else
			seats_accept(u);
		return;
	case IN_EXPORT:
	case IN_SAVE:
	case IN_LOAD:
		break;
	}
	if (u->input[0] == '\0') {
		act_cancel(u);
		return;
	}
	path = expand_path(u->input);
	if (u->input_kind == IN_LOAD) {
		scenario_load(u, path);
		free(path);
		u->state = u->under;
		return;
	}
	if (stat(path, &sb) == 0) {
		free(u->confirm_path);
		u->confirm_path = path;
		u->confirm_for = u->input_kind;
		u->input_kind = IN_CONFIRM;
		return;
	}
	if (u->input_kind == IN_SAVE)
		scenario_save(u, path, 0);
	else
		export_write(u, path);
	free(path);
	u->state = u->under;
}

/* ---- pager contents ---- */

static void
pager_add(struct ui *u, int color, const char *text)
{
	u->pager.lines = xreallocarray(u->pager.lines, u->pager.n + 1, sizeof *u->pager.lines);
	u->pager.lines[u->pager.n].text = xstrdup(text);
	u->pager.lines[u->pager.n++].color = color;
}

/* Bytes of s (sanitized) that fit in w columns, at least one character. */
size_t
ui_fit_bytes(const char *s, int w)
{
	mbstate_t st;
	size_t off = 0;
	int used = 0;
	memset(&st, 0, sizeof st);
	while (s[off]) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + off, MB_CUR_MAX, &st);
		int cw;
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			k = 1;
			cw = 1;
			memset(&st, 0, sizeof st);
		} else
			cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (used + cw > w && off > 0)
			break;
		used += cw;
		off += k;
	}
	return off;
}

/* Adds "prefix text", wrapped at width, continuation lines indented. */
static void
pager_wrap(struct ui *u, int color, const char *prefix, const char *text, int width)
{
	char clean[8192], line[9000];
	int pw = text_width(prefix), w = width - pw;
	const char *p = clean;
	int first = 1;
	text_sanitize(text, clean, sizeof clean, !u->utf8);
	if (w < 10)
		w = 10;
	do {
		size_t k = ui_fit_bytes(p, w), skip = 0;
		/* break at a space when there is one in the second half */
		if (p[k]) {
			size_t b = k;
			while (b > k / 2 && p[b] != ' ')
				b--;
			if (p[b] == ' ' && b > k / 2) {
				k = b;
				skip = 1;
			}
		}
		snprintf(line, sizeof line, "%*s%.*s", first ? 0 : pw, first ? prefix : "", (int)k, p);
		pager_add(u, color, line);
		first = 0;
		p += k + skip;
	} while (*p);
}

static void
pager_open(struct ui *u, enum ui_pager kind, const char *title)
{
	enum ui_state from = u->state;
	if (u->state == ST_PAGER) {
		from = u->pager.from;
		pager_free(u);
	}
	u->pager.kind = kind;
	u->pager.from = from;
	u->pager.title = xstrdup(title);
	u->pager.top = 0;
	u->state = ST_PAGER;
}

void
ui_pager_help(struct ui *u)
{
	int width = COLS - 2 > 40 ? COLS - 2 : 40;
	char title[128];
	snprintf(title, sizeof title, "focal %s: keys (q closes)", PACKAGE_VERSION);
	pager_open(u, PG_HELP, title);
	pager_wrap(u, C_NORMAL, "",
	    "Each line of the list is a group of the dimension named above it: its value in the metric, its "
	    "Share of the path above it (a percentage and a bar), a sparkline of its last periods and its "
	    "change against the previous period. Totals in the header are exact sums of the FOCUS rows, as "
	    "focal report prints them. The what-if panel (w) changes seat counts: its numbers are focal whatif's, "
	    "and while a scenario is active every screen shows them below the totals, marked * simulated, never "
	    "mixed into the totals from the data.", width);
	for (size_t i = 0; i < NKEYS; i++) {
		char prefix[64];
		if (keytab[i].fn == NULL) {
			pager_add(u, C_NORMAL, "");
			pager_add(u, C_TITLE, keytab[i].names);
			continue;
		}
		snprintf(prefix, sizeof prefix, "  %-28s", keytab[i].names);
		pager_wrap(u, C_NORMAL, prefix, keytab[i].help, width);
	}
	pager_add(u, C_NORMAL, "");
	pager_wrap(u, C_DIMTEXT, "",
	    "Settings: $XDG_CONFIG_HOME/focal/config (theme, metric, period, drill, drill.PROFILE, min-size, "
	    "too-small, top, ascii, color). See focal(1).", width);
}

static void
log_reject(void *ctx, const char *file, unsigned long line, int field, const char *column, const char *value,
    const char *reason)
{
	struct ui *u = ctx;
	char buf[1200];
	if (field > 0 && column)
		snprintf(buf, sizeof buf, "%s:%lu:%d: %s%s%.300s%s: %s", file, line, field, column, value ? " \"" : "",
		    value ? value : "", value ? "\"" : "", reason);
	else
		snprintf(buf, sizeof buf, "%s:%lu: %s", file, line, reason);
	pager_add(u, C_NORMAL, buf);
}

static void
log_note(void *ctx, const char *note)
{
	pager_add(ctx, C_NORMAL, note);
}

static void
log_deviation(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	char buf[1200];
	snprintf(buf, sizeof buf, "%s: %s: %llu, first at line %lu column %d", file, value_dev_message(d),
	    (unsigned long long)count, line, field);
	pager_add(ctx, C_NORMAL, buf);
}

void
ui_pager_log(struct ui *u)
{
	uint64_t nrej = store_nrejects(u->s);
	char buf[256];
	pager_open(u, PG_LOG, "Load log: rejected rows and warnings (q closes)");
	if (u->nlog) {
		pager_add(u, C_TITLE, "Settings and profiles");
		for (size_t i = 0; i < u->nlog; i++)
			pager_add(u, u->log[i].color, u->log[i].text);
		pager_add(u, C_NORMAL, "");
	}
	snprintf(buf, sizeof buf, "Rejected rows: %llu (not counted in any total)", (unsigned long long)nrej);
	pager_add(u, C_TITLE, buf);
	store_each_reject(u->s, 1000, log_reject, u);
	if (nrej > 1000) {
		snprintf(buf, sizeof buf, "... and %llu more: focal validate lists every one",
		    (unsigned long long)(nrej - 1000));
		pager_add(u, C_DIMTEXT, buf);
	}
	pager_add(u, C_NORMAL, "");
	pager_add(u, C_TITLE, "Read leniently (accepted, but not FOCUS format)");
	store_each_deviation(u->s, log_deviation, u);
	pager_add(u, C_NORMAL, "");
	pager_add(u, C_TITLE, "Notes");
	store_each_note(u->s, log_note, u);
}

void
ui_pager_record(struct ui *u, size_t row)
{
	int width = COLS - 2 > 40 ? COLS - 2 : 40, file = store_row_file(u->s, row);
	char title[1200], buf[4096];
	const char *path = store_file_path(u->s, file), *base = strrchr(path, '/');
	/* the file's name in the title, so a long path cannot push the rest
	 * off an 80-column screen; the whole path is the first line */
	snprintf(title, sizeof title, "Row %s:%lu, every column (q closes)", base ? base + 1 : path,
	    (unsigned long)store_row_line(u->s, row));
	pager_open(u, PG_RECORD, title);
	u->pager.row = row;
	snprintf(buf, sizeof buf, "%-34s ", "(file)");
	pager_wrap(u, C_DIMTEXT, buf, path, width);
	for (int c = 0; c < store_ncolumns(u->s); c++) {
		const char *v = store_cell(u->s, row, c, buf, sizeof buf);
		char prefix[300];
		snprintf(prefix, sizeof prefix, "%-34.200s ", store_column_name(u->s, c));
		pager_wrap(u, v ? C_NORMAL : C_EMPTY, prefix, v ? v : "(null)", width);
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
			pager_wrap(u, C_NORMAL, prefix, store_tag_label(u->s, k, code), width);
		}
	}
}

/* ---- focal(1) ---- */

/* Text lines of at most about 72 bytes (mandoc -Tlint), broken at spaces. */
static void
mdoc_text(FILE *f, const char *s)
{
	int col = 0;
	for (; *s; s++) {
		if (*s == ' ' && col >= 60 && strchr(s + 1, ' ') != NULL) {
			fputc('\n', f);
			col = 0;
			continue;
		}
		if (col == 0 && (*s == '.' || *s == '\''))
			fputs("\\&", f);	/* would be a request */
		if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
		col++;
	}
}

void
ui_keys_mdoc(FILE *f)
{
	int open = 0;
	for (size_t i = 0; i < NKEYS; i++) {
		const struct ui_keydef *k = &keytab[i];
		if (k->fn == NULL) {
			if (open)
				fputs(".El\n", f);
			fputs(".Ss ", f);
			mdoc_text(f, k->names);
			fputs("\n.Bl -tag -width Ds\n", f);
			open = 1;
			continue;
		}
		fputs(".It", f);
		for (const char *p = k->names; *p;) {
			size_t n = strcspn(p, ",");
			fputs(p == k->names ? " Cm " : " , Cm ", f);
			/* one punctuation character would be taken as a delimiter */
			if (n == 1 && strchr("()[].,:;?!/|", *p))
				fputs("\\&", f);
			fprintf(f, "%.*s", (int)n, p);
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
		fputs("\n", f);
		mdoc_text(f, k->help);
		fputs("\n", f);
	}
	if (open)
		fputs(".El\n", f);
}
