/* ui.h - the explorer: `focal FILE...` on a terminal.
 *
 * One file per screen, each with its draw function, its key actions and
 * its rows of the key table; the screens are one stack (ncdu's
 * switch (pstate) to browse_draw()/browse_key(), here a table):
 *   ui.c         lifecycle: settings, loading, the terminal, signals, the one
 *                blocking wait for a key, the screen dump and the bench hook
 *   ui_screens.c the table of screens; dispatch of keys and frames; the key
 *                table assembled from the screens' rows (the `?` screen, the
 *                footer hints, the KEYS section of focal(1)); the keys every
 *                screen shares (moving, closing, help, Ctrl-L/C/Z)
 *   ui_list.c    the groups of the view on top of the drill stack
 *   ui_dims.c    choosing the dimension of a level
 *   ui_rows.c    the FOCUS rows behind a group
 *   ui_pivot.c   the level as a grid: its groups by a second dimension (P)
 *   ui_chart.c   the path's metric per period as bars (T)
 *   ui_whatif.c  the what-if panel
 *   ui_renewals.c the renewal calendar (c): Enter tries a cut in the panel
 *   ui_runway.c  the prepaid runway of virtual currencies (t)
 *   ui_forecast.c the path's metric projected to the end of the month,
 *                quarter and year (f)
 *   ui_anomaly.c groups whose latest complete month departs from their own
 *                history, across the data (A)
 *   ui_pager.c   help, the load log, one row's every column
 *   ui_input.c   a line typed on the status line (filter, file name, y/n, seats)
 *   ui_stack.c   the screen stack and the status line's message
 *   ui_draw.c    the header, the footer and the glyphs every screen draws with
 *   ui_hooks.c   the screen dump and the bench replay (tests, bench/)
 *   ui_theme.c   the colour table with its monochrome column
 * The model they draw is drill.h and whatif_panel.h (curses-free, libfocal.a).
 *
 * A new screen is a new file with a `const struct ui_screen` and one line in
 * UI_SCREENS below. This header never includes curses: cmd_explore.c
 * includes it. */
#ifndef FOCAL_UI_H
#define FOCAL_UI_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "anomaly.h"
#include "dim_rank.h"
#include "drill.h"
#include "forecast.h"
#include "query.h"
#include "settings.h"
#include "sqltab.h"
#include "whatif_panel.h"

/* Writes the KEYS section body of focal(1) (mdoc) from the key table. */
void ui_keys_mdoc(FILE *f);

struct cli;
struct saved_view;
struct seat_month;
struct pivot;
struct chart_series;
/* The explorer on the files of c (cmd_explore.c). Returns an exit code, or
 * UI_PRINT_REPORT when the terminal cannot be driven: the caller prints the
 * report instead. */
#define UI_PRINT_REPORT (-1)
int ui_explore(struct cli *c);

/* ---- the screens ---- */

/* The table of screens: X(state, name in the screen dump, its entry).
 * Its order is the order of the screens' rows on the `?` screen and in
 * focal(1). */
#define UI_SCREENS(X) \
	X(ST_LIST, "list", ui_list_screen) \
	X(ST_FILTERS, "filters", ui_filters_screen) \
	X(ST_COMPARE, "compare", ui_compare_screen) \
	X(ST_VIEWS, "views", ui_views_screen) \
	X(ST_DIMS, "dims", ui_dims_screen) \
	X(ST_ROWS, "rows", ui_rows_screen) \
	X(ST_PIVOT, "pivot", ui_pivot_screen) \
	X(ST_CHART, "chart", ui_chart_screen) \
	X(ST_SQL, "sql", ui_sql_screen) \
	X(ST_RENEWALS, "renewals", ui_renewals_screen) \
	X(ST_RUNWAY, "runway", ui_runway_screen) \
	X(ST_FORECAST, "forecast", ui_forecast_screen) \
	X(ST_ANOMALY, "anomaly", ui_anomaly_screen) \
	X(ST_WHATIF, "whatif", ui_whatif_screen) \
	X(ST_PAGER, "pager", ui_pager_screen) \
	X(ST_INPUT, "input", ui_input_screen)

enum ui_state {
#define X(st, name, entry) st,
	UI_SCREENS(X)
#undef X
	ST_COUNT
};
#define SB(st) (1u << (st))
/* rows shared by screens (ui_screens.c): a screen says which apply to it */
#define SB_CLOSES (1u << 29)	/* every screen that the close keys close */
#define SB_MOVES (1u << 30)	/* every screen that moves a cursor */
#define SB_ANY (1u << 31)	/* every screen */

struct ui;
typedef void ui_action(struct ui *);
typedef int ui_export_csv(struct ui *, FILE *, size_t *count);	/* ui_export */

#define KC(k) ((int)(k) | 0x40000000)	/* a KEY_* code, apart from characters */
#ifndef CTRL
#define CTRL(c) ((c) & 0x1f)
#endif
#define ESC 27
#define ENTER_KEYS '\n', '\r', KC(KEY_ENTER)
#define BACK_KEYS KC(KEY_BACKSPACE), 127, '\b'
#define NKEYCODES 16

/* A row of the key table. A key may mean different things on different
 * screens (Enter drills in the list, chooses among dimensions, opens a row);
 * each meaning is one row. */
struct ui_keydef {
	ui_action *fn;		/* NULL: a section heading, titled by names */
	unsigned states;	/* SB() of the screens the row applies on, SB_MOVES, SB_ANY */
	int keys[NKEYCODES];	/* characters and KC(KEY_*); 0 ends */
	const char *names;	/* as `?` and focal(1) show them, ", "-separated */
	const char *help;
	const char *hint;	/* footer: "KEY what", or NULL */
	int prio;		/* footer: the lowest stay when space is short */
};

struct ui_screen {
	unsigned groups;	/* SB_MOVES, SB_CLOSES: the shared rows that apply */
	/* Draws the screen below the footer. An overlay (the input line) draws
	 * only the footer's last line, over the screen under it. */
	ui_action *draw;
	int overlay;
	/* The cursor the moving keys move, and how many lines there are; a
	 * screen that scrolls (the pager) returns its first line shown. */
	size_t *(*cursor)(struct ui *, size_t *n);
	int scrolls;
	ui_action *close;	/* frees what the screen holds, when it is popped (or NULL) */
	ui_action *resize;	/* lays out again for a new terminal size (or NULL) */
	/* A character no row binds (the input line types it), or NULL:
	 * "that key does nothing here". */
	void (*type)(struct ui *, unsigned ch);
	/* Printable characters go to type() before any row of the key table
	 * (a list searched as it is typed: j, q and ? are letters there);
	 * the screen's own rows then bind no printable character. */
	int types;
	const struct ui_keydef *keys;	/* its rows of the key table */
	size_t nkeys;
};

#define UI_STACK 8	/* screens open at once: list, rows, what-if, a pager, input */

/* what is typed: a filter, an export file, y/n, a seat change (count,
 * +/-delta, percentage), a percentage, a scenario file, SQL, a search that
 * moves the cursor (the rows), a range of time, a view's name */
enum ui_input { IN_SEARCH, IN_EXPORT, IN_CONFIRM, IN_SEATS, IN_PERCENT, IN_SAVE, IN_LOAD, IN_SQL, IN_FIND, IN_RANGE,
	IN_VIEW };
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

/* The line being typed: what the screen that opened it does with it. */
struct ui_prompt {
	enum ui_input kind;
	char text[512];
	void (*changed)(struct ui *, const char *text);	/* as it is typed (or NULL) */
	void (*accept)(struct ui *, const char *text);	/* Enter; the prompt is closed first */
	void (*cancel)(struct ui *);			/* Esc (or NULL) */
	/* IN_CONFIRM: "PATH exists: overwrite it? (y/n)" */
	char *confirm_path;
	void (*write)(struct ui *, const char *path, int replace);
};

/* ui_partial.c: the frame while a big file loads (see there). */
struct partial_cur;
struct ui_partial {
	struct ui *u;
	enum metric metric;
	double t_start, t_drawn, first_ms;	/* first_ms: when it first showed */
	int met, cur, dim;			/* columns: metric, BillingCurrency, the list's */
	const char *dimname;
	struct partial_cur *c;			/* the sums, by currency code */
	uint32_t ncur;
	size_t done;				/* rows summed */
	int on;
	int quit;				/* q was pressed: stop, and quit quietly */
	int typed[64], ntyped;			/* other keys, for the explorer (type-ahead) */
	volatile sig_atomic_t *cancel;		/* q sets it: the load stops */
	int (*open)(struct ui_partial *);	/* the terminal, at the first frame: 0 or -1 */
	void *open_ctx;
};
void ui_partial_init(struct ui_partial *, struct ui *, enum metric, double t_start);
void ui_partial_progress(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows);
void ui_partial_free(struct ui_partial *);
/* The keys typed while loading, given back to curses for the explorer. */
void ui_partial_typed(struct ui_partial *);

struct ui {
	double partial_ms;	/* when the partial frame first showed (0: never) */
	struct drill m;
	struct store *s;
	enum ui_state stack[UI_STACK];	/* the screens open; the last is on top */
	int nstack;
	struct drill_rows rows;
	size_t rows_from;		/* the line `/` started on (Esc goes back there) */

	struct {			/* ST_PAGER */
		char *title;
		struct ui_line *lines;
		size_t n, top;
		ui_action *fill;	/* writes the lines again (at a new width), or NULL */
		size_t row;		/* the row shown, for fill */
	} pager;

	struct {			/* ST_SQL (ui_sql.c) */
		struct sql *q;		/* the session, opened on first use */
		struct sqltab t;	/* the result shown */
		char *title;		/* the query, or what the table is */
		char *query;		/* the last query typed: the prompt starts from it */
		int usecases;		/* the table lists use cases: Enter runs one */
		struct usecase **uc;
		int nuc;
		size_t cur, top;
		int col, left;		/* the column chosen; the first shown */
		int sorted, reverse;	/* sorted by this column (-1 none) */
		char **hist;		/* the prompt's history, oldest first */
		size_t nhist, hpos;
	} sql;

	struct {			/* ST_RENEWALS (ui_renewals.c) */
		struct renewal *r;	/* renewals_list over the what-if panel's model */
		size_t n, cur, top;
		struct seat_month *act;	/* seat_activity of the product under the cursor */
		size_t nact, act_of;	/* its months; its product + 1 (0: none read) */
		int built;		/* r is renewals_list's (kept when closed) */
		unsigned of_gen;	/* of the what-if model built this time (wi.gen) */
		int dlines, dcols;	/* the longest detail's lines at dcols columns
					 * (0: not known); each item's detail is written
					 * once per list and width, not per frame */
	} ren;

	struct {			/* ST_RUNWAY (ui_runway.c) */
		struct runway *rw;	/* runway_build at the window */
		int window;		/* days of the burn rate */
		struct ui_line *lines;	/* the screen, written per build */
		size_t n, top;
		int cols;		/* the width it was written for */
		struct runway_job *job;	/* the idle loop building rw, a slice a step */
		int tried;		/* the idle loop built it (or had nothing to) */
	} rw;

	struct {			/* ST_COMPARE (ui_nav.c) */
		struct cmp_result r;
		struct range_cmp rc;
		size_t cur, top;
		enum cmp_sort sort;
		int reverse;
	} cmp;
	struct {			/* ST_FILTERS (ui_nav.c) */
		size_t cur, top;
	} flt;
	struct {			/* ST_VIEWS (ui_nav.c) */
		struct saved_view *v;
		size_t n, cur, top;
	} views;
	struct {			/* ST_FORECAST (ui_forecast.c) */
		struct forecast fc;	/* forecast_build for the path on screen */
		struct ui_line *lines;	/* the screen, written per frame (its width) */
		size_t n, top;
	} fc;

	struct {			/* ST_ANOMALY (ui_anomaly.c) */
		struct anomalies an;	/* anomaly_scan across the data */
		enum metric metric;	/* the metric it was scanned for */
		uint32_t currency;	/* and the currency (drill's cur) */
		int scanned, tried;	/* an holds a scan; the idle scan was done */
		struct anomaly_job *job;	/* a scan under way (the idle loop's) */
		size_t cur, top;
	} an;
	struct {			/* ST_PIVOT (ui_pivot.c) */
		struct pivot *p;	/* of the level's groups when P was typed */
		struct dim col;		/* the dimension of the columns */
		size_t cur, top;
		size_t left;		/* the first column shown (the labels and totals stay) */
		size_t shown;		/* columns on screen at the last draw */
	} pv;

	struct {			/* ST_CHART (ui_chart.c) */
		struct chart_series *c;	/* the path's metric per period */
		size_t cur, top;
	} ch;

	struct {			/* ST_DIMS (ui_dims.c) */
		struct dim_ranked *d;	/* every dimension, ranked (dim_rank) */
		size_t n;
		size_t *shown;		/* positions in d matching the search */
		size_t nshown, cur, top;	/* cur and top: in shown */
		char search[64];	/* typed as it goes */
		struct dim now;		/* the dimension shown now (marked) */
		/* what Enter does with the one chosen (NULL: the level's, drill_set_dim) */
		void (*chosen)(struct ui *, const struct dim *);
	} dims;

	struct ui_prompt in;		/* ST_INPUT */
	ui_export_csv *export_csv;	/* ui_export: what `e` writes */
	const char *export_things;
	char saved_search[128];
	char scenario_path[512];	/* the last scenario file saved or loaded */
	char *scenario_saved;		/* its spec (whatif_panel_spec), NULL: none */
	int quit_asked;			/* q was refused once for an unsaved scenario */

	char status[512];		/* the last key's message; cleared by the next key */
	enum ui_level status_level;
	char notice[256];		/* a load warning, shown while there is no status */
	char wh_name[32];		/* the warehouse answering ("ClickHouse"), or "" */
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

#define X(st, name, entry) extern const struct ui_screen entry;
UI_SCREENS(X)
#undef X

/* ui_screens.c: dispatch */
void ui_key(struct ui *, int keycode, unsigned ch);	/* keycode: ch is a KEY_* */
void ui_frame(struct ui *);		/* draws the screens and the footer */
void ui_resized(struct ui *);		/* the terminal's size changed */
const char *ui_state_name(enum ui_state);
/* The pager's lines for `?`: the key table, one section per heading. */
void ui_help_fill(struct ui *);

/* ui_hooks.c: the screen dump (FOCAL_UI_DUMP) and the bench (FOCAL_BENCH_KEYS) */
double ui_now(void);	/* seconds, monotonic */
void ui_dump_screen(struct ui *, const char *path);
/* Replays keys (until *stop); returns the latencies' line, to print once
 * the screen is down. */
int ui_idle(struct ui *);	/* a step of the deferred work (ui_hooks.c); 1 if done */
char *ui_bench_run(struct ui *, const char *keys, const char *dump, volatile sig_atomic_t *stop,
    double first_frame);

/* ui_nav.c */
void ui_nav_undo(struct ui *);	/* z: the navigation step before */
/* "3 marked: $1,234.00, 12.3% of the view", or "" with no marks. */
void ui_nav_marks_note(struct ui *, char *buf, size_t n);

/* ui_stack.c */
enum ui_state ui_top(const struct ui *);	/* the screen on top */
void ui_push(struct ui *, enum ui_state);
void ui_pop(struct ui *);			/* does not call the screen's close */
void ui_status(struct ui *, enum ui_level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* 1 (said on the status line, with what to do instead) when the rows are
 * in a warehouse, which `what` (a screen that reads rows, not groups)
 * cannot ask. */
int ui_rows_elsewhere(struct ui *, const char *what, const char *instead);
void ui_log(struct ui *, int color, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int ui_too_small(const struct ui *);

/* ui_pager.c */
/* Opens the pager (or refills it, when it is on top) with title; fill
 * writes its lines, now and again after a resize. */
void ui_pager_open(struct ui *, const char *title, ui_action *fill);
void ui_pager_add(struct ui *, int color, const char *text);
/* Adds "prefix text", wrapped at the screen's width, continuation lines indented. */
void ui_pager_wrap(struct ui *, int color, const char *prefix, const char *text);
void ui_pager_log(struct ui *);
void ui_pager_record(struct ui *, size_t row);

/* ui_input.c: opens the input line over the screen on top */
void ui_input_open(struct ui *, enum ui_input, const char *text, void (*changed)(struct ui *, const char *),
    void (*accept)(struct ui *, const char *), ui_action *cancel);
/* A file name typed (for an accept callback): nothing typed calls no; a
 * file that exists asks "overwrite it? (y/n)" first; then write(path,
 * replace). */
void ui_input_file(struct ui *, const char *text, void (*write)(struct ui *, const char *path, int replace),
    ui_action *no);
/* "~/x" is the user's home; anything else is taken as typed. Free it. */
char *ui_input_path(const char *text);
/* `e` on a screen: asks for a file name (`name` offered), then writes the
 * CSV that csv() writes through one safe writer (outfile.h), says "exported
 * N things to PATH" (csv sets N) or why not. */
void ui_export(struct ui *, const char *name, ui_export_csv *csv, const char *things);

/* ui_sql.c: `:` (the prompt), `u` (use cases), `S` (the view's SQL) */
void ui_sql_prompt(struct ui *);
void ui_sql_usecases(struct ui *);
void ui_sql_view(struct ui *);
void ui_sql_free(struct ui *);
/* ui_signal.c: 1 (and forgotten) when Ctrl-C came since the last call: a slow
 * SQL query stops, the explorer stays. */
int ui_take_interrupt(void);
/* The last signal that ends the explorer (0: none), and its handler. */
extern volatile sig_atomic_t ui_signal;
void ui_on_signal(int sig);

/* ui_dims.c, ui_rows.c, ui_whatif.c: what other screens open */
void ui_dims_open(struct ui *);
/* The dimension chooser for another screen: now is marked, Enter closes it
 * and calls chosen (the chooser's screen is popped first). */
void ui_dims_choose(struct ui *, const struct dim *now, void (*chosen)(struct ui *, const struct dim *));
void ui_pivot_free(struct ui *);	/* at exit, whatever screen is open */
void ui_chart_free(struct ui *);
void ui_rows_open(struct ui *, size_t line);
void ui_whatif_toggle(struct ui *);
void ui_renewals_free(struct ui *);	/* at exit, whatever screen is open */
void ui_runway_free(struct ui *);
/* Deferred work: the runway, once, when nothing else waits. 1 if done. */
int ui_runway_idle(struct ui *);
/* Deferred work: the renewal calendar's list, once. 1 if done. */
int ui_renewals_idle(struct ui *);
/* Whether the calendar's idle steps have work left (none on a warehouse). */
int ui_renewals_pending(const struct ui *);
void ui_forecast_free(struct ui *);
void ui_anomaly_free(struct ui *);
/* Deferred work: the anomaly scan, once, when nothing else waits. 1 if done. */
int ui_anomaly_idle(struct ui *);
/* 1 when the what-if scenario changes something and is not the one last
 * saved or loaded (quitting asks first). */
int ui_whatif_unsaved(struct ui *);

/* ui_draw.c: the header, the footer, the glyphs */
#define FOOT 2		/* key hints, status */
struct ui_glyphs {
	const char *sep, *crumb, *down, *up;
	const char *full, *part[8];
	const char *spark[8];
	const char *spark_part;		/* a period the rows cover in part: no bar to misread as a drop */
	const char *dot;		/* between the title's parts */
	const char *ellipsis;
};
extern const struct ui_glyphs *ui_glyph;
void ui_draw_begin(struct ui *);
void ui_draw_end(void);
/* Draws s, sanitized and cut to w columns, at (y, x). Returns columns used. */
int ui_put(const struct ui *, int y, int x, int w, const char *s, int attr);
/* Right-aligned so that the text ends before column xend. */
void ui_put_right(const struct ui *, int y, int xend, int w, const char *s, int attr);
void ui_fill(int y, int attr);
/* Money as report_money writes it, "*" after it when mark (simulated). */
void ui_sim_money(const struct ui *, money_t v, int mark, char *buf, size_t n);
/* The title, the grand and the path's totals (path_g), the what-if
 * scenario while there is one (from ui_crumb_row down: the breadcrumb). */
void ui_draw_totals(struct ui *, const struct qgroup *path_g);
int ui_crumb_row(const struct ui *);
/* The what-if scenario's totals and legend (3 lines) from row y. */
void ui_draw_sim(struct ui *, int y);
/* "All > a > b": the drill stack, then last; right at the right. */
void ui_draw_crumb(struct ui *, int y, const char *last, const char *right);
/* The first line of a list below the crumb and its heads, kept on screen. */
void ui_scroll_to(size_t cur, size_t *top, size_t n, int rows);
/* Footer: the hints (drops the highest prio first), then the status line
 * with the cursor's place (cur of n) at the right. */
void ui_draw_hints(struct ui *, const char *const *hints, const int *prio, int n);
void ui_draw_status(struct ui *, size_t cur, size_t n);
void ui_draw_small(struct ui *);
size_t ui_fit_bytes(const char *s, int width);	/* bytes of s (sanitized) in width columns */
/* Bytes of s on a line of width columns, wrapped: at a space in the second
 * half of what fits (*skip = 1: the space is dropped), else cut. */
size_t ui_wrap_bytes(const char *s, int width, size_t *skip);
/* Text drawn from line y over at most nlines lines of COLS - 2 from column
 * 1, wrapped at spaces (ui_wrap_bytes); what does not fit is cut with an
 * ellipsis on the last line. ui_wrap_lines: the lines it needs in width w. */
void ui_put_wrapped(const struct ui *, int y, int nlines, const char *text, int attr);
int ui_wrap_lines(const struct ui *, const char *text, int w);
/* The lines of a screen's detail below its list: base at least, as many as
 * the longest of its items' details needs (detail(u, i, ...) writes item
 * i's), so the list keeps its height as the cursor moves; at most half of
 * room (the list's and its). */
int ui_detail_lines(struct ui *, size_t items, void (*detail)(struct ui *, size_t, char *, size_t), int base,
    int room);

/* ui_theme.c */
void theme_init(int colour, int theme);
int theme_attr(enum ui_color);	/* attr_t with the colour pair */

#endif
