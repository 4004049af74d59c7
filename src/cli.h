/* cli.h - what the command line decided, shared by the commands. */
#ifndef FOCAL_CLI_H
#define FOCAL_CLI_H

#include <stdio.h>

#include "query.h"
#include "report.h"

struct profile;
struct store;
struct validator;

struct cli {
	char **by;
	int nby;
	char **where;
	int nwhere;
	enum metric metric;
	enum grain grain;
	int metric_set, grain_set;	/* given on the command line (they beat settings) */
	int top;
	enum report_format format;
	int list_dims;
	int sql;	/* report --sql: print the SELECT instead */
	int strict;
	const char *profile_path;
	int ascii;
	int color;	/* -1 auto, 0 never, 1 always */
	int quiet;
	char **files;
	int nfiles;
	struct profile **profiles;
	int nprofiles;
};

/* Loads every file into a new store (always returned, to be freed). Returns
 * an exit status: 0, 2 (a file could not be read) or 3 (strict mode). */
int cli_load(struct cli *, struct store **out, struct validator *v);
/* Prints up to `limit` rejected rows; returns 1 if there were any. */
int cli_report_rejects(struct store *, FILE *f, size_t limit);
const char *cli_sqlite_version(void);
const char *cli_zlib_version(void);
int cmd_report(struct cli *);
/* The explorer (ui.c); prints the report when it cannot run. */
int cmd_explore(struct cli *);

/* `focal whatif ...` and `focal import ...` (argv[0] is the command name). */
int cmd_whatif(int argc, char **argv);
int cmd_import(int argc, char **argv);
/* `focal renewals ...` and `focal runway ...` (cmd_renewals.c) */
int cmd_renewals(int argc, char **argv);
int cmd_runway(int argc, char **argv);
/* `focal sql ...` (cmd_sql.c) */
int cmd_sql(int argc, char **argv);
int cmd_save(int argc, char **argv);

#endif
