/* cli.h - the command line: the command table, what the options decided,
 * the exit codes, and what every command does the same way (loading with
 * progress and cancel, problem lines, --where). No curses here. */
#ifndef FOCAL_CLI_H
#define FOCAL_CLI_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "query.h"
#include "report.h"
#include "status.h"

struct cli;
struct profile;
struct store;
struct validator;

/* Exit codes (focal(1) EXIT STATUS), chosen here once for each of the
 * core's statuses. Out of memory and internal errors keep the 2 they always
 * had; their message says which it was. A signal is 128 + its number. */
#define EXIT_STATUSES(X) \
	X(OK, 0) \
	X(INVALID, 1) \
	X(FILE, 2) \
	X(ROWS, 3) \
	X(CANCELLED, 130) \
	X(WRITE, 2) \
	X(NOMEM, 2) \
	X(INTERNAL, 2) \
	X(USAGE, 64)

enum exit_code {
#define X(st, code) EXIT_##st = code,
	EXIT_STATUSES(X)
#undef X
};

/* The exit code of a status. */
int cli_exit_code(enum status);

/* One command: `focal NAME USAGE`. run gets argv[0] = NAME and returns an
 * exit code. Each cmd_*.c defines one; main.c lists them in cmd_table. */
struct cmd_entry {
	const char *name;
	const char *usage;	/* after "focal NAME " */
	const char *summary;	/* one line, for focal --help */
	int (*run)(int argc, char **argv);
};

extern const struct cmd_entry cmd_explore_entry, cmd_report_entry, cmd_validate_entry, cmd_whatif_entry,
    cmd_import_entry, cmd_renewals_entry, cmd_runway_entry, cmd_sql_entry,
    cmd_save_entry, cmd_usecase_entry, cmd_push_entry;

/* The report of c, parsed (cmd_report.c): also what the explorer prints
 * when it cannot run. */
int cmd_report(struct cli *c);
/* The same over a warehouse table, c->files[0] its URL (cmd_report_wh.c). */
int cmd_report_warehouse(struct cli *c);
/* `focal sql` on a warehouse table (cmd_sql_wh.c): text is the query. */
int cmd_sql_warehouse(struct cli *c, const char *text, int nparams);

/* What the options of report, validate and the explorer decided. */
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
	int no_cache;	/* --no-cache: read the files, not a snapshot (snapcache.h) */
	const char *currency;	/* report --currency: the one BillingCurrency to report */
	const char *pivot;	/* report --pivot DIM: DIM as columns, --by as rows */
	int focus_version;	/* validate --focus-version, x10; 0: each file's own */
	int detail;	/* validate: VALIDATE_SHORT, --all or --quiet */
	int format_set;	/* --format was given */
	char **files;
	int nfiles;
	struct profile **profiles;
	int nprofiles;
	int keys_mdoc;	/* --keys-mdoc: the man page's KEYS list */
	const char *from, *to;	/* --from, --to: periods, inclusive */
	const char *range;	/* --range: ytd, last3, 2026-01..2026-03 (range.h) */
	int compare;	/* --compare: the range against the one before */
	int cmp_sort, sort_set;	/* --sort (enum cmp_sort) */
	int fy_month;	/* --fy-start: the fiscal year's first month, 0 unset */
};

/* Parses the options of report, validate and the explorer (argv[0] is the
 * command). The options only the report uses are refused by validate, and
 * validate's own (--focus-version, --all, --quiet) by the others. Returns -1 to go on, CLI_HELP for --help (a command's run
 * returns it, and main prints focal --help from the command table), or an
 * exit code (--version, a usage error). --keys-mdoc sets keys_mdoc and
 * needs no file. */
enum { CLI_O_STRICT = 256, CLI_O_PROFILE, CLI_O_ASCII, CLI_O_COLOR, CLI_O_LIST_DIMS, CLI_O_KEYS_MDOC, CLI_O_SQL,
	CLI_O_FOCUS_VERSION, CLI_O_ALL, CLI_O_CURRENCY, CLI_O_PIVOT,
	CLI_O_FROM, CLI_O_TO, CLI_O_RANGE, CLI_O_COMPARE, CLI_O_SORT, CLI_O_FY_START, CLI_O_NO_CACHE };
#define CLI_HELP (-2)
int cli_parse(struct cli *, int argc, char **argv);
void cli_free(struct cli *);
/* cli_parse, then command(c) unless that ended it; cli_free. */
int cli_run(int argc, char **argv, int (*command)(struct cli *));

/* "focal: MESSAGE" then the pointer to CMD's --help on stderr (cmd NULL:
 * focal's); returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "focal: MESSAGE" on stderr, sanitised. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* --idle-days and the like: 0, or cli_usage's EXIT_USAGE. */
int cli_parse_days(const char *cmd, const char *opt, const char *arg, int lo, int hi, int *out);
int cli_parse_date(const char *cmd, const char *arg, int64_t *out);

/* The fields of the commands' CSV and JSON, written one way: a day as
 * 2026-10-01 ("-" when unknown); a number with DECIMALS places (-1: as many
 * as it has), "overflow" in CSV and null in JSON for a sum that left the
 * exact range; JSON members as ,"KEY":VALUE. */
void cli_day(int64_t t, char buf[21]);
void cli_csv_num(FILE *f, money_t v, int decimals);
void cli_json_num(FILE *f, const char *key, money_t v, int decimals);
void cli_json_date(FILE *f, const char *key, int64_t t);
/* ,"key":"text" (JSON-escaped), or ,"key":null when text is NULL. */
void cli_json_text(FILE *f, const char *key, const char *text);
/* ,"notes":[...] of the model's notes, as JSON strings. */
void cli_json_notes(FILE *f, char *const *note, int n);

/* Loads every file into a new store (always returned, to be freed), with a
 * progress line on a terminal's stderr; *cancel (may be NULL), set by a
 * signal handler, stops the load; lui (may be NULL) draws the progress
 * instead and is told before a message. Returns STATUS_OK, STATUS_FILE,
 * STATUS_ROWS (strict) or STATUS_CANCELLED, the message printed. */
struct cli_load_ui {
	/* instead of the progress line (load_opts' progress) */
	void (*progress)(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows);
	void (*before_say)(void *ctx);	/* before a message is printed */
	void *ctx;
	/* the caller asks only the query API (query.h), so one warehouse
	 * URL opens as a store whose engine is the table (wh_engine.h) */
	int warehouse;
};
enum status cli_load_store(struct cli *, struct store **out, struct validator *v,
    volatile sig_atomic_t *cancel, void (*warn)(void *ctx, const char *msg), void *warn_ctx,
    const struct cli_load_ui *lui);
/* cli_load_store's part for a warehouse URL (cli_wh.c): the store whose
 * engine is the table, its failure said. */
enum status cli_load_warehouse(struct cli *, struct store **out, volatile sig_atomic_t *cancel,
    const struct cli_load_ui *lui);
/* Ctrl-C, for the rest of the process, stops a warehouse request here and
 * on the server: the flag it sets, cleared (cli_wh.c). */
volatile sig_atomic_t *cli_warehouse_sigint(void);
/* cli_load_store without cancel, as an exit code. */
int cli_load(struct cli *, struct store **out, struct validator *v);
/* The one warehouse URL of c as a store whose engine is the table
 * (wh_engine.h), for a command that asks only the query API; Ctrl-C stops
 * a request here and on the server. An exit code. */
int cli_load_table(struct cli *, struct store **out);
/* After such a command: the engine's failure said (a request refused,
 * stopped), as an exit code (EXIT_OK when none). */
int cli_table_status(struct store *);
/* A profile that could not be read: a warning line (cli_load_store's warn
 * when NULL). */
void cli_warn_profile(void *ctx, const char *msg);

/* Problem lines. The rejected rows, up to `limit` (to f); returns 1 if there
 * were any. */
int cli_report_rejects(struct store *, FILE *f, size_t limit);
/* store_each_reject callback: one line to FILE *ctx. */
void cli_print_reject(void *ctx, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason);
/* store_each_note callback: "focal: note: ..." to FILE *ctx. */
void cli_print_note(void *ctx, const char *note);
/* The store's notes (but the one on currencies when the command has said
 * its own) and the values kept as written, "focal: note: ..." to stderr. */
void cli_print_notes(struct store *, int currencies_said);
/* "focal: note: 2026-10 is partial: the rows cover 14 of 31 days of it",
 * for each period of the period dimensions among by that the rows cover in
 * part, so that its smaller total is not read as a drop. */
/* The seat model m of focal whatif/renewals is of one currency: without
 * --currency (asked) over seats billed in several, a usage error naming
 * them; with one no seat row has, too. EXIT_OK otherwise. */
struct whatif_model;
int cli_seat_currency(const char *cmd, const struct whatif_model *m, const char *asked);
void cli_note_partial(const struct store *, const struct dim *by, int nby, const struct filter *f, int nf);

/* --where DIM=VALUE and the drill path, parsed once for the report and the
 * explorer. At most CLI_MAX_WHERE filters: the explorer needs the rest of
 * the query's 16 for drilling (UI_MAX_DEPTH). */
#define CLI_MAX_WHERE 8
/* Parses c->where into f[CLI_MAX_WHERE]; *nf set. A value no row has is a
 * filter that matches nothing (note() is called with the --where text).
 * Returns 0, or -1 with the message in err. */
/* The value of a --where (after its operator). */
const char *cli_where_value(const char *where);
int cli_parse_where(const struct store *, const struct cli *c, struct filter *f, int *nf,
    void (*note)(void *ctx, const char *where), void *ctx, char *err, size_t errlen);
/* The first drill level of the profile the data has ("ServiceName"
 * otherwise), into *name (allocated). */
void cli_default_by(const struct store *, enum grain, char **name);

/* Runs the SQL statements of text over an open session, NAME=VALUE
 * parameters bound, printing each result as `focal sql` does; Ctrl-C
 * interrupts. EXIT_OK, 4 (the query failed, said) or 130 (cmd_sql.c; for
 * focal usecase run). */
struct sql;
int cli_sql_run(struct sql *, const char *text, char **params, int nparams, enum report_format fmt, int ascii);

/* focal --version: focal's and the libraries' versions. */
void cli_version(void);

/* A warehouse table (warehouse.h), with the user and password of the
 * environment or the settings file, Ctrl-C stopping a query on the server
 * too and, on a terminal unless quiet, how long a query has waited. 0, or
 * -1 (a URL it cannot use) or -2 (no libcurl) with err. cli_warehouse_close
 * closes it: 0, or 128 + the signal when Ctrl-C stopped a query. */
struct wh;
int cli_warehouse_open(struct wh *, const char *url, int quiet, char *err, size_t errlen);
/* What a command returns when cli_warehouse_open() returned rc: a URL it
 * cannot use (-1) is a usage error; no libcurl (-2) a table it cannot read. */
int cli_warehouse_failed(const char *cmd, int rc, const char *err);
int cli_warehouse_close(struct wh *);
void cli_warehouse_wait_clear(void);	/* before printing to the terminal */

#endif
