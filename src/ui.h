/* ui.h - the explorer: `focal FILE...` on a terminal.
 *
 *   ui.c        lifecycle: settings, loading, the terminal, signals, the one
 *               blocking wait for a key, the screen dump and the bench hook
 *   ui_keys.c   the key table (dispatch, the `?` screen, the man page) and
 *               the actions, one state machine
 *   ui_draw.c   one draw function per state
 *   ui_theme.c  the colour table with its monochrome column
 *
 * This header never includes curses: main.c includes it for ui_keys_mdoc. */
#ifndef FOCAL_UI_H
#define FOCAL_UI_H

#include <stddef.h>
#include <stdio.h>

#include "drill.h"
#include "query.h"
#include "settings.h"
#include "whatif_panel.h"

/* Writes the KEYS section body of focal(1) (mdoc) from the key table. */
void ui_keys_mdoc(FILE *f);

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
	struct drill m;
	struct store *s;
	enum ui_state state;
	enum ui_state under;		/* the state ST_INPUT types over */
	struct drill_rows rows;

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
