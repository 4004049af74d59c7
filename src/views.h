/* views.h - named views of the explorer, saved in the settings folder
 * ($XDG_CONFIG_HOME/focal/views) and recalled on any file: a view is the
 * metric, the grain, the range, the dimension on screen and its filters
 * (drill steps and chips), by their labels, so a view saved on one month's
 * export opens on the next. The file is text a person may edit:
 *
 *   [Q3 by product, no tax]
 *   metric = EffectiveCost
 *   grain = month
 *   range = 2026-07-01..2026-09-30
 *   dim = ServiceSubcategory
 *   step = ServiceName = Revit
 *   chip = ChargeCategory != Tax
 *   mode = compare
 *
 * Curses-free (tests/test_nav.c). */
#ifndef FOCAL_VIEWS_H
#define FOCAL_VIEWS_H

#include <stddef.h>

#include "drill.h"

struct saved_view {
	char *name;
	char *spec;		/* its lines, as drill_spec writes them */
};

/* The view on screen as the lines of a saved view (malloc'd); mode is
 * "list" or "compare". NULL when out of memory. */
char *drill_spec(const struct drill *, const char *mode);
/* Opens a saved view: the drill starts over at one level. Values the data
 * lacks become filters that match nothing, said in note (may be ""). Returns
 * 0 (mode set: 1 compare, 0 list), or -1 with the reason in err. */
int drill_apply_spec(struct drill *, const char *spec, int *mode, char *note, size_t notelen, char *err,
    size_t errlen);

/* $XDG_CONFIG_HOME/focal/views (as settings_path; NULL: no such folder). */
char *views_path(void);
/* Reads the views of path (a missing file: none). 0, or -1 (err). */
int views_load(const char *path, struct saved_view **out, size_t *n, char *err, size_t errlen);
/* Adds the view, or replaces the one of the same name, through outfile.c. */
int views_save(const char *path, const char *name, const char *spec, char *err, size_t errlen);
void views_free(struct saved_view *, size_t n);

#endif
