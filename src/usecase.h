/* usecase.h - the FOCUS use cases focal ships as SQL files
 * (data/usecases/NAME.sql): reading their header, finding them at run time,
 * and telling which loaded columns they need.
 *
 * A use case file starts with a header of "-- key: value" lines:
 *   -- title: Analyze tag coverage
 *   -- focus: 1.0 1.1 1.2 1.3
 *   -- columns: ProviderName EffectiveCost Tags
 *   -- param: key = area : the tag key whose coverage is measured
 *   -- description: Share of rows and EffectiveCost that carry the tag key.
 * then one SELECT over the `focus` table; parameters are :NAME in the SQL.
 * Nothing here runs SQL or knows about curses. */
#ifndef FOCAL_USECASE_H
#define FOCAL_USECASE_H

#include <stddef.h>

struct usecase_param {
	char *name;
	char *def;	/* default value, "" when empty */
	char *help;	/* "" when none */
};

struct usecase {
	char *name;	/* the file name without ".sql" */
	char *path;
	char *title;
	char *versions;	/* "1.0 1.1 1.2 1.3" */
	char *description;
	char **columns;
	int ncolumns;
	struct usecase_param *params;
	int nparams;
	char *sql;	/* the whole file: the header is SQL comments */
};

/* Parses a use case from text; `path` names it in errors, `name` is its
 * name. NULL with "PATH:LINE: what was expected" in err when the header is
 * malformed. */
struct usecase *usecase_parse(const char *text, size_t n, const char *name, const char *path,
    char *err, size_t errlen);
struct usecase *usecase_load(const char *path, char *err, size_t errlen);
void usecase_free(struct usecase *);

/* Every use case in the data folders, in this order (the first of a name
 * wins): $FOCAL_DATADIR/usecases, $XDG_CONFIG_HOME/focal/usecases (or
 * ~/.config/focal/usecases), <binary>/../data/usecases, PKGDATADIR/usecases.
 * Sorted by name. A file that cannot be read is passed to warn and
 * skipped. Returns the count; *out is freed by usecase_free_all. */
/* Where the installed use cases are (PKGDATADIR/usecases). */
const char *usecase_installed_dir(void);
int usecase_load_all(struct usecase ***out, void (*warn)(void *, const char *), void *ctx);
void usecase_free_all(struct usecase **, int n);
const struct usecase *usecase_find(struct usecase *const *, int n, const char *name);
const struct usecase_param *usecase_param(const struct usecase *, const char *name);

/* 1 when the use case needs column (its -- columns: header names it). */
int usecase_reads(const struct usecase *, const char *column);

/* The period dimension whose months a use case reads, as dim_parse takes
 * it: "billing-period" when it needs BillingPeriodStart, else "period" when
 * ChargePeriodStart, else NULL. Its partial months are said beside the
 * result, so that a month to date is not read as a drop. */
const char *usecase_period_dim(const struct usecase *);

/* The first column the use case needs that has(ctx, column) says is not
 * loaded, or NULL when it can run. */
const char *usecase_missing(const struct usecase *, int (*has)(void *, const char *), void *ctx);

#endif
