/* ui.h - the explorer: `focal FILE...` on a terminal.
 *
 *   ui.c        lifecycle: settings, loading, the terminal, signals, the one
 *               blocking wait for a key, the screen dump and the bench hook
 *   ui_keys.c   the key table (dispatch, the `?` screen, the man page) and
 *               the actions, one state machine
 *   ui_model.c  the view stack over the core's query API; never sees curses
 *   ui_whatif.c the what-if panel's model over the core's whatif API (the
 *               seat products, the scenario, undo, suggestions); no curses
 *   ui_draw.c   one draw function per state
 *   ui_theme.c  the colour table with its monochrome column
 *
 * This header never includes curses: main.c includes it for ui_keys_mdoc. */
#ifndef FOCAL_UI_H
#define FOCAL_UI_H

#include <stddef.h>
#include <stdio.h>

#include "query.h"
#include "settings.h"
#include "whatif.h"

/* Writes the KEYS section body of focal(1) (mdoc) from the key table. */
void ui_keys_mdoc(FILE *f);

/* ---- the model (ui_model.c): curses-free ---- */

#define UI_MAX_DEPTH 14		/* drill levels: 16 query filters minus window and row group */
#define UI_MAX_PATH 16

enum ui_sort { SORT_VALUE, SORT_NAME, SORT_CHANGE, SORT_COUNT };

/* change of a group against the previous period */
enum ui_change { CHG_NONE, CHG_PCT, CHG_NEW };

/* stale flags: what a view must recompute before it is drawn. The trend
 * (one more pass over the rows) is left for when no key is waiting, so a
 * drill step answers in one frame and the sparklines follow (model_idle). */
#define V_QUERY 1u	/* the groups (filters, dimension, window changed) */
#define V_RESORT 2u	/* res in value order of the metric (metric changed) */
#define V_TREND 4u	/* sparklines and changes (deferred unless sorted by change) */
#define V_ORDER 8u	/* the display order (sort key changed) */
#define V_LIST 16u	/* the list shown (search, top-N changed) */
#define V_ALL (V_QUERY | V_RESORT | V_TREND | V_ORDER | V_LIST)

struct ui_view {
	struct dim dim;			/* what this level groups by */
	int level;			/* index of dim in the drill path; -1: chosen with d */
	struct filter f[UI_MAX_DEPTH];	/* the drill path down to this view */
	int nf;
	char *crumb;			/* raw label of the group drilled into (NULL: root) */
	unsigned stale;

	struct qresult res;		/* every group, from query_run */
	size_t *order;			/* display order of res (sort by change is ours) */
	struct qseries ser;		/* trend of res.g[0..ser.ngroups) in value order */
	size_t *ser_of;			/* res index -> series row, SIZE_MAX none */
	enum ui_change *chg;		/* per res group */
	double *chgv;

	struct qresult shown;		/* the list: matches in order, top-N folded by qresult_top */
	size_t *shown_gi;		/* shown.g[i] -> res index (SIZE_MAX: the Other row) */
	money_t match_sum;		/* sum of the metric over matching groups */
	size_t nmatch;

	enum ui_sort sort;		/* periods start in time order, others as set last */
	int reverse;
	char search[128];		/* `/` filter, case-insensitive substring */
	int expanded;			/* Other unfolded */
	size_t cur, top;		/* cursor and first line on screen */
};

/* The FOCUS rows behind a group, paged through query_rows. */
struct ui_rows {
	struct filter f[16];
	int nf;
	size_t n;			/* rows in all */
	size_t base, count, cap;	/* the page of row indices held */
	size_t *idx;
	size_t cur, top;
	struct qgroup g;		/* the group's sums: the header's path total */
	char *title;
	int cols[8];			/* columns shown, -1 none */
	int ncols;
};

/* The what-if panel (ui_whatif.c): read from the store on first use, then
 * kept for the session. r is the scenario's result, recomputed on every change. */
struct ui_whatif {
	int loaded;		/* the model is built (when idle, or on first use) */
	int opened;		/* the user has opened the panel */
	struct whatif_model m;
	struct whatif_scenario sc;
	struct whatif_undo undo;
	struct whatif_result r;
	struct whatif_suggestion *sg;	/* proposed from the activity; never applied unasked */
	size_t nsg;
	size_t cur, top;		/* items: products 0..m.n-1, then suggestions */
};

struct ui_model {
	const struct store *s;
	struct dim path[UI_MAX_PATH];	/* the drill path */
	int npath;
	enum metric metric;
	enum grain grain;
	enum ui_sort sort;		/* the sort chosen last, for new levels */
	int reverse;
	size_t top;			/* groups before "Other" */
	uint32_t win;			/* period window: 0 all, else one period code at `grain` */
	struct dim period;		/* period dimension at grain (has_period) */
	int has_period;
	uint32_t nperiods;
	struct qgroup grand;		/* every row: query_run with no filters */
	struct ui_view views[UI_MAX_DEPTH];
	int depth;			/* views in use; views[depth-1] is on screen */
	struct ui_whatif wi;
	/* The what-if scenario's totals for every screen's header (and the
	 * export), marked simulated: set by ui_whatif_update. */
	struct {
		int active;			/* the scenario changes something */
		size_t nchanged;		/* products changed */
		struct whatif_line total;	/* before (baseline), after, saving */
	} sim;
};

void model_init(struct ui_model *, const struct store *, const struct dim *path, int npath,
    enum metric metric, enum grain g, size_t top);
void model_free(struct ui_model *);
struct ui_view *model_view(struct ui_model *);
/* Recomputes what is stale in the view on screen, but the trend. */
void model_refresh(struct ui_model *);
/* Does deferred work (the trend) for the view on screen: 1 if it did some. */
int model_idle(struct ui_model *);
int model_busy(struct ui_model *);	/* deferred work is waiting */
/* Drills into the list line i: 0, or -1 (a leaf: no next dimension), -2 (too deep),
 * 1 (the line was Other: it was unfolded instead). */
int model_drill(struct ui_model *, size_t i);
int model_back(struct ui_model *);
void model_set_dim(struct ui_model *, const struct dim *d);
void model_set_metric(struct ui_model *, enum metric metric);
void model_set_grain(struct ui_model *, enum grain g);
void model_set_sort(struct ui_model *, enum ui_sort k, int reverse);
void model_set_window(struct ui_model *, uint32_t win);
void model_set_search(struct ui_model *, const char *text);
/* Filters of the view on screen, with the window: fills f (16), returns the count. */
int model_filters(const struct ui_model *, const struct ui_view *, struct filter *f);
/* The next dimension below the view on screen (0), or -1 at a leaf. */
int model_next_dim(const struct ui_model *, const struct ui_view *, struct dim *out);
/* Label of list line i (sanitize before drawing). */
const char *model_label(const struct ui_model *, const struct ui_view *, size_t i, char *buf, size_t n);
int model_line_matches(const struct ui_model *, const struct ui_view *, size_t i);
/* The trend of list line i: its series row (nper values) or NULL. */
const money_t *model_trend(const struct ui_model *, const struct ui_view *, size_t i, enum ui_change *chg,
    double *pct);
/* The period code the trend ends at, and how many periods there are. */
uint32_t model_last_period(const struct ui_model *);
/* Exports the view on screen as `focal report --format csv` does. 0 or -1 (errno). */
int model_export(struct ui_model *, FILE *f);

/* ---- the what-if panel's model (ui_whatif.c): curses-free ---- */

/* Reads the seat products and the suggestions once: 1 when it just did,
 * 0 when they were read before, -1 if the data has no seat products. */
/* Builds the what-if model (once; the explorer does it when idle after the
 * first frame, as it takes ~25 ms on 1M rows). */
void ui_whatif_prepare(struct ui_model *);
/* Opens the panel: 0, or -1 when the data has no seat products. */
int ui_whatif_open(struct ui_model *);
void ui_whatif_free(struct ui_whatif *);
/* Recomputes the result and the header slot (m->sim) after a change. */
void ui_whatif_update(struct ui_model *);
size_t ui_whatif_items(const struct ui_whatif *);
/* Scenario changes, each undoable (u): 0, or -1 with err (nothing changed). */
int ui_whatif_step(struct ui_model *, size_t i, long long delta, char *err, size_t n);
int ui_whatif_apply(struct ui_model *, size_t i, const char *change, char *err, size_t n);
int ui_whatif_clear(struct ui_model *);		/* 0 if there was nothing to clear */
int ui_whatif_undo(struct ui_model *);		/* 0 if there was nothing to undo */
int ui_whatif_suggestion(struct ui_model *, size_t k, char *err, size_t n);
int ui_whatif_suggestion_in(const struct ui_whatif *, size_t k);	/* already in the scenario */
int ui_whatif_load(struct ui_model *, const char *path, char *err, size_t n);
int ui_whatif_save(const struct ui_model *, const char *path, int force, char *err, size_t n);
/* When the scenario's change of product i saves from: "2027-07-01 (renewal)";
 * shortform: the date alone (or "unknown"). Unchanged: when a cut would. */
void ui_whatif_starts(const struct ui_whatif *, size_t i, int shortform, char *buf, size_t n);
/* "2027-07-01", or "unknown" for DATE_NULL */
void ui_whatif_day(int64_t t, char *buf, size_t n);
/* "$3,160.00/yr" */
void ui_whatif_price(const struct store *, const struct whatif_product *, char *buf, size_t n);
/* The what-if rows of an export (see model_export): ncols fields, the
 * value in field vcol, then the simulated flag. */
void ui_whatif_export(const struct ui_model *, FILE *f, int ncols, int vcol);

/* Rows behind list line i (SIZE_MAX: behind the whole view). */
void rows_open(struct ui_rows *, struct ui_model *, size_t line);
size_t rows_get(struct ui_rows *, const struct store *, size_t i);	/* row index of line i */
void rows_free(struct ui_rows *);

/* Formats a metric value for people (money or quantity). */
void ui_value_text(const struct store *, enum metric, money_t v, int has, char *buf, size_t n);
/* share of v in t in tenths of a percent; 0 if t is 0. ok=0 then. */
long long ui_permille(money_t v, money_t t, int *ok);

/* ---- the explorer (ui.c, ui_keys.c, ui_draw.c, ui_theme.c) ---- */

/* One state machine: each state has one draw function and its own rows in
 * the key table. */
enum ui_state {
	ST_LIST,	/* the groups of the view on top of the stack */
	ST_DIMS,	/* choosing the dimension of this level */
	ST_ROWS,	/* the FOCUS rows behind a group */
	ST_PAGER,	/* help, the load log, one row's every column */
	ST_INPUT,	/* a line typed on the status line (filter, file name, y/n) */
	ST_WHATIF,	/* the what-if panel: seat products, scenario, suggestions */
	ST_COUNT
};
#define SB(st) (1u << (st))

/* what is typed: a filter, an export file, y/n (for the kind in confirm_for),
 * a seat change (count, +/-delta, percentage), a percentage, a scenario file */
enum ui_input { IN_SEARCH, IN_EXPORT, IN_CONFIRM, IN_SEATS, IN_PERCENT, IN_SAVE, IN_LOAD };
enum ui_pager { PG_HELP, PG_LOG, PG_RECORD };
enum ui_level { MSG_INFO, MSG_WARN, MSG_ERROR };

/* Colours: one table, one column per theme (settings.h). A colour is never
 * the only carrier of meaning: signs, glyphs, words and attributes are.
 * X(id, foreground, background, attributes with colour, attributes in mono) */
#define UI_COLORS(X) \
	X(C_NORMAL, -1, -1, A_NORMAL, A_NORMAL) \
	X(C_TITLE, -1, -1, A_BOLD, A_BOLD) \
	X(C_TOTAL, -1, -1, A_BOLD, A_BOLD) \
	X(C_SIM, COLOR_MAGENTA, -1, A_BOLD, A_UNDERLINE) \
	X(C_CRUMB, COLOR_CYAN, -1, A_NORMAL, A_NORMAL) \
	X(C_HEAD, -1, -1, A_BOLD | A_UNDERLINE, A_UNDERLINE) \
	X(C_SEL, -1, -1, A_REVERSE, A_REVERSE) \
	X(C_BAR, COLOR_GREEN, -1, A_NORMAL, A_NORMAL) \
	X(C_SPARK, COLOR_CYAN, -1, A_NORMAL, A_NORMAL) \
	X(C_UP, COLOR_RED, -1, A_NORMAL, A_BOLD) \
	X(C_DOWN, COLOR_GREEN, -1, A_NORMAL, A_NORMAL) \
	X(C_EMPTY, COLOR_YELLOW, -1, A_NORMAL, A_DIM) \
	X(C_OTHER, -1, -1, A_DIM, A_DIM) \
	X(C_MATCH, COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE) \
	X(C_KEY, COLOR_CYAN, -1, A_BOLD, A_BOLD) \
	X(C_HINT, -1, -1, A_NORMAL, A_NORMAL) \
	X(C_WARN, COLOR_YELLOW, -1, A_BOLD, A_BOLD) \
	X(C_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE) \
	X(C_DIMTEXT, -1, -1, A_DIM, A_DIM)

enum ui_color {
#define X(id, fg, bg, attr, mono) id,
	UI_COLORS(X)
#undef X
	C_COUNT
};

struct ui_line {
	char *text;
	int color;		/* enum ui_color */
};

struct ui {
	struct ui_model m;
	struct store *s;
	enum ui_state state;
	enum ui_state under;		/* the state ST_INPUT types over */
	struct ui_rows rows;

	struct {			/* ST_PAGER */
		enum ui_pager kind;
		enum ui_state from;
		char *title;
		struct ui_line *lines;
		size_t n, top;
		size_t row;		/* PG_RECORD: the row shown */
	} pager;

	struct dim *dims;		/* ST_DIMS */
	size_t ndims, dims_cur, dims_top;

	enum ui_input input_kind;	/* ST_INPUT */
	char input[512];
	char saved_search[128];
	char *confirm_path;
	enum ui_input confirm_for;	/* IN_EXPORT or IN_SAVE */
	enum ui_state whatif_from;	/* the screen `w` was pressed on */
	char scenario_path[512];	/* the last scenario file saved or loaded */

	char status[512];		/* the last key's message; cleared by the next key */
	enum ui_level status_level;
	char notice[256];		/* a load warning, shown while there is no status */
	struct ui_line *log;		/* settings and load warnings, for W */
	size_t nlog;

	char *dataset[3];		/* header: files, provider, periods; long to short */
	int utf8;			/* UTF-8 glyphs (locale is UTF-8 and not --ascii) */
	int colour;
	int theme;
	int min_cols, min_rows, too_small;
	int list_rows;			/* lines of the list at the last draw (paging) */
	int quit;
	int key;			/* the key being handled (a KC() code or a character) */
	unsigned long nkeys;
};

/* ui_keys.c */
void ui_key(struct ui *, int keycode, unsigned ch);	/* keycode: ch is a KEY_* */
void ui_status(struct ui *, enum ui_level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ui_log(struct ui *, int color, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The footer hints of a state, in table order, that fit in width. */
size_t ui_hints(const struct ui *, const char **hints, size_t max);
int ui_hint_prio(const char *hint);	/* the footer drops the highest first */
size_t ui_fit_bytes(const char *s, int width);	/* bytes of s (sanitized) in width columns */
void ui_pager_help(struct ui *);
void ui_pager_log(struct ui *);
void ui_pager_record(struct ui *, size_t row);

/* ui_draw.c */
void ui_draw(struct ui *);
int ui_too_small(const struct ui *);

/* ui_theme.c */
void theme_init(int colour, int theme);
int theme_attr(enum ui_color);	/* attr_t with the colour pair */

#endif
