/* settings.h - the explorer's settings file, $XDG_CONFIG_HOME/focal/config
 * (see settings.c for the format). Curses-free: part of the core library.
 *
 * (The module is not called config.h: automake's generated config.h would be
 * shadowed by it for every `#include "config.h"` in src/.) */
#ifndef FOCAL_SETTINGS_H
#define FOCAL_SETTINGS_H

#include <stddef.h>

/* Themes: the colour table in ui_theme.c has one column per theme. */
#define SETTINGS_THEMES(X) \
	X(THEME_DEFAULT, "default") \
	X(THEME_MONO, "mono")

enum settings_theme {
#define X(id, name) id,
	SETTINGS_THEMES(X)
#undef X
	THEME_COUNT
};

/* Below the minimum size: a "terminal too small" screen, or draw anyway. */
enum settings_small { SMALL_MESSAGE, SMALL_DRAW };

struct settings_drill {
	char *profile;		/* NULL: every profile without its own line */
	char **dims;
	int ndims;
};

struct settings {
	int theme;		/* enum settings_theme */
	int metric;		/* enum metric, or -1 (unset) */
	int grain;		/* enum grain, or -1 */
	int ascii;		/* -1 unset, 0 no, 1 yes */
	int color;		/* -1 auto, 0 never, 1 always */
	int min_cols, min_rows;
	int too_small;		/* enum settings_small */
	int top;		/* list length before "Other (n)" */
	int fy_month;		/* the fiscal year's first month, 1-12 */
	struct settings_drill *drills;
	int ndrills;
	/* a ClickHouse table's login (focal push, focal report URL); the
	 * environment's FOCAL_CLICKHOUSE_USER/_PASSWORD beat them */
	char *clickhouse_user, *clickhouse_password;
};

#define SETTINGS_MIN_COLS 60
#define SETTINGS_MIN_ROWS 17
#define SETTINGS_TOP 100

void settings_init(struct settings *);
void settings_free(struct settings *);

/* Reads settings from text; each bad line is reported through warn as
 * "NAME:LINE: message" and skipped. Returns the number of bad lines. */
int settings_parse(struct settings *, const char *text, size_t n, const char *name,
    void (*warn)(void *ctx, const char *msg), void *ctx);
/* Reads the file at path; a missing file is not an error (returns 0). An
 * unreadable file is reported through warn and counts as one bad line. */
int settings_load(struct settings *, const char *path, void (*warn)(void *ctx, const char *msg), void *ctx);
/* $XDG_CONFIG_HOME/focal/config, else $HOME/.config/focal/config (malloc'd);
 * NULL when neither variable is set. */
char *settings_path(void);
/* The drill path for a profile name: its own line, else the general one, else NULL. */
const struct settings_drill *settings_drill(const struct settings *, const char *profile);
const char *settings_theme_name(int theme);

#endif
