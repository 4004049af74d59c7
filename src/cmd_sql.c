/* cmd_sql.c - `focal sql QUERY FILE...`: user SQL over the loaded rows,
 * printed as a table, CSV or JSON like `focal report`. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "format.h"
#include "profile.h"
#include "sql.h"
#include "sqlout.h"
#include "store.h"
#include "text.h"
#include "warehouse.h"
#include "xmalloc.h"

enum { SQL_EXIT_QUERY = 4, SQL_EXIT_INTERRUPTED = 130 };

static struct sql *running;	/* for the SIGINT handler */

static void
on_sigint(int sig)
{
	(void)sig;
	if (running)
		sql_interrupt(running);	/* sqlite3_interrupt: safe here */
}

static char *
read_query(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 > cap)
			buf = xreallocarray(buf, cap = cap * 2 + 8192, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	buf[n] = '\0';
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

/* Runs one prepared statement, printing its rows. 0, or the step's error. */
static int
run_stmt(struct sql *q, sqlite3_stmt *st, enum report_format fmt, int ascii, int *first_json)
{
	int ncol = sqlite3_column_count(st), rc;
	const char **names = xcalloc((size_t)ncol + 1, sizeof *names);
	struct sqlout o;
	char buf[128];

	for (int i = 0; i < ncol; i++)
		names[i] = sqlite3_column_name(st, i);
	sqlout_begin(&o, fmt, ascii, ncol, names, first_json);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < ncol; i++) {
			int isnum, isnull;
			const char *t = sql_value_text(sqlite3_column_value(st, i), buf, sizeof buf, &isnum, &isnull);
			const char *decl = sqlite3_column_decltype(st, i);
			money_t m;
			unsigned dev = 0;
			/* exact money of a NUMERIC column comes as TEXT: still a number */
			if (!isnum && !isnull && decl && !strcmp(decl, "NUMERIC") &&
			    money_parse(t, strlen(t), &m, &dev) == 0 && dev == 0)
				isnum = 1;
			sqlout_cell(&o, i, t, isnum, isnull);
		}
		sqlout_row_end(&o);
	}
	sqlout_end(&o);
	free(names);
	(void)q;
	return rc == SQLITE_DONE ? 0 : rc;
}

static void
sql_usage(FILE *f)
{
	fputs("Usage: focal sql [OPTION]... 'SELECT ...' FILE...\n"
	    "       focal sql [OPTION]... -f QUERY.sql FILE...\n"
	    "       focal sql [OPTION]... 'SELECT ...' clickhouse://HOST:PORT/DB.TABLE\n"
	    "Run read-only SQL over the loaded rows: the tables focus (every column, plus\n"
	    "meter, file and line) and focus_tags (row, key, value). On a warehouse table,\n"
	    "the warehouse's own SQL, run there read-only.\n"
	    "\n"
	    "  -f, --file=QUERY.sql      read the query from this file (- for standard input)\n"
	    "  -P, --param=NAME=VALUE    bind VALUE to :NAME, @NAME or $NAME (repeatable)\n"
	    "      --format=FORMAT       table (default on a terminal), csv or json\n"
	    "      --strict, --profile=FILE, --ascii  as for focal report\n"
	    "  -h, --help                show this help and exit\n"
	    "\n"
	    "Exit status: 0 success, 2 a file could not be read, 3 rows were rejected,\n"
	    "4 the query failed or was refused, 64 usage error, 130 interrupted (Ctrl-C).\n", f);
}

struct sqlargs {
	const char *query, *file;
	char **params;
	int nparams;
};

static int
bind_all(sqlite3_stmt *st, const struct sqlargs *a, int *used)
{
	for (int i = 0; i < a->nparams; i++) {
		char name[256];
		const char *eq = strchr(a->params[i], '=');
		snprintf(name, sizeof name, "%.*s", (int)(eq - a->params[i]), a->params[i]);
		if (sql_bind_param(st, name, eq + 1) == 0)
			used[i] = 1;
	}
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *n = sqlite3_bind_parameter_name(st, i);
		int bound = 0;
		for (int j = 0; n && j < a->nparams; j++) {
			size_t l = strcspn(a->params[j], "=");
			if (strlen(n + 1) == l && !strncmp(n + 1, a->params[j], l))
				bound = 1;
		}
		if (!bound) {
			fprintf(stderr, "focal: the query's parameter %s has no value (give --param %s=VALUE)\n",
			    n ? n : "?", n ? n + 1 : "N");
			return -1;
		}
	}
	return 0;
}

/* "focal: SQL error: MSG", the query's text it quotes line by line with
 * its control characters shown (\x1b), never sent to the terminal. */
static void
say_error(const char *msg)
{
	char line[1300], clean[4 * sizeof line];
	fputs("focal: SQL error: ", stderr);
	for (const char *p = msg;; p++) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		text_sanitize(line, clean, sizeof clean, 0);
		fputs(clean, stderr);
		fputc('\n', stderr);
		if (p[n] == '\0')
			return;
		p += n;
	}
}

static int
run_query(struct sql *q, const char *text, const struct sqlargs *a, enum report_format fmt, int ascii)
{
	const char *p = text;
	int first_json = 1, rc = 0, *used = xcalloc((size_t)a->nparams + 1, sizeof *used);
	char err[1200];
	if (fmt == FMT_JSON)
		fputs("[", stdout);
	while (rc == 0 && p && *p) {
		sqlite3_stmt *st = NULL;
		if (sql_prepare(q, text, &p, &st, err, sizeof err) != 0) {
			fflush(stdout);
			say_error(err);
			rc = SQL_EXIT_QUERY;
			break;
		}
		if (st == NULL)
			break;	/* only blanks or comments left */
		if (bind_all(st, a, used) != 0)
			rc = SQL_EXIT_QUERY;
		else if (run_stmt(q, st, fmt, ascii, &first_json) != 0) {
			fflush(stdout);
			if (sql_interrupted(q)) {
				fprintf(stderr, "\nfocal: query interrupted (Ctrl-C)\n");
				rc = SQL_EXIT_INTERRUPTED;
			} else {
				say_error(sql_errmsg(q));
				rc = SQL_EXIT_QUERY;
			}
		}
		sqlite3_finalize(st);
	}
	if (fmt == FMT_JSON)
		fputs(first_json ? "]\n" : "]\n", stdout);
	for (int i = 0; rc == 0 && i < a->nparams; i++)
		if (!used[i]) {
			fprintf(stderr, "focal: --param %s: the query has no such parameter\n", a->params[i]);
			rc = SQL_EXIT_QUERY;
		}
	free(used);
	return rc;
}

/* The statements of text with NAME=VALUE parameters, printed; Ctrl-C
 * interrupts. For `focal usecase run` (cli.h). */
int
cli_sql_run(struct sql *q, const char *text, char **params, int nparams, enum report_format fmt, int ascii)
{
	struct sqlargs a = {0};
	struct sigaction sa, old;
	int rc;
	a.query = text;
	a.params = params;
	a.nparams = nparams;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	running = q;
	sigaction(SIGINT, &sa, &old);
	rc = run_query(q, text, &a, fmt, ascii);
	sigaction(SIGINT, &old, NULL);
	running = NULL;
	return rc;
}

/* Options; returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char **argv, struct cli *c, struct sqlargs *a)
{
	enum { O_FORMAT = 256, O_STRICT, O_PROFILE, O_ASCII };
	static const struct option longopts[] = {
		{"file", required_argument, NULL, 'f'},
		{"param", required_argument, NULL, 'P'},
		{"format", required_argument, NULL, O_FORMAT},
		{"strict", no_argument, NULL, O_STRICT},
		{"profile", required_argument, NULL, O_PROFILE},
		{"ascii", no_argument, NULL, O_ASCII},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, f;
	while ((opt = getopt_long(argc, argv, "f:P:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			a->file = optarg;
			break;
		case 'P':
			if (strchr(optarg, '=') == NULL || optarg[0] == '=') {
				fprintf(stderr, "focal: --param '%s': expected NAME=VALUE\n", optarg);
				return 64;
			}
			a->params = xreallocarray(a->params, (size_t)a->nparams + 1, sizeof *a->params);
			a->params[a->nparams++] = optarg;
			break;
		case O_FORMAT:
			if ((f = report_format_parse(optarg)) < 0) {
				fprintf(stderr, "focal: unknown format '%s' (table, csv, json)\n", optarg);
				return 64;
			}
			c->format = (enum report_format)f;
			break;
		case O_STRICT:
			c->strict = 1;
			break;
		case O_PROFILE:
			c->profile_path = optarg;
			break;
		case O_ASCII:
			c->ascii = 1;
			break;
		case 'h':
			sql_usage(stdout);
			return 0;
		default:
			fputs("Try 'focal sql --help' for more information.\n", stderr);
			return 64;
		}
	}
	if (a->file == NULL && optind < argc)
		a->query = argv[optind++];
	c->files = argv + optind;
	c->nfiles = argc - optind;
	if ((a->file == NULL && a->query == NULL) || c->nfiles == 0) {
		fprintf(stderr, "focal: sql needs a query and at least one file\n"
		    "Try 'focal sql --help' for more information.\n");
		return 64;
	}
	return -1;
}

static int
cmd_sql(int argc, char **argv)
{
	struct cli c;
	struct sqlargs a = {0};
	struct store *s;
	struct sql *q;
	char *text = NULL, err[512];
	int rc;
	unsigned ncur;
	struct sigaction sa, old;

	memset(&c, 0, sizeof c);
	c.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	if ((rc = parse_args(argc, argv, &c, &a)) >= 0) {
		free(a.params);
		return rc;
	}
	text = a.file ? read_query(a.file) : xstrdup(a.query);
	if (text == NULL) {
		fprintf(stderr, "focal: %s: %s\n", a.file, strerror(errno));
		free(a.params);
		return 2;
	}
	if (warehouse_is_url(c.files[0])) {
		rc = cmd_sql_warehouse(&c, text, a.nparams);
		free(text);
		free(a.params);
		return rc;
	}
	rc = cli_load(&c, &s, NULL);
	if (rc != 0) {
		cli_report_rejects(s, stderr, 20);
		store_free(s);
		profile_free_all(c.profiles, c.nprofiles);
		free(text);
		free(a.params);
		return rc;
	}
	if ((q = sql_open(s, err, sizeof err)) == NULL) {
		fprintf(stderr, "focal: %s\n", err);
		rc = SQL_EXIT_QUERY;
	} else {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_sigint;
		sigemptyset(&sa.sa_mask);
		running = q;
		sigaction(SIGINT, &sa, &old);
		rc = run_query(q, text, &a, c.format, c.ascii);
		if (rc == 0 && (ncur = sql_currencies_mixed(q, s)) != 0)
			fprintf(stderr, "focal: note: the rows are in %u billing currencies: a sum over rows of more "
			    "than one adds them (group or filter by BillingCurrency)\n", ncur);
		if (rc == 0)
			cli_print_notes(s, 1);	/* SQL adds what it is told: the note above, not the store's */
		sigaction(SIGINT, &old, NULL);
		running = NULL;
		if (fflush(stdout) != 0 && errno != EPIPE && rc == 0) {
			fprintf(stderr, "focal: writing the result: %s\n", strerror(errno));
			rc = 2;
		}
		sql_close(q);
	}
	if (cli_report_rejects(s, stderr, 20) && rc == 0)
		rc = 3;
	profile_free_all(c.profiles, c.nprofiles);
	store_free(s);
	free(text);
	free(a.params);
	return rc;
}

const struct cmd_entry cmd_sql_entry = {
	"sql", "[OPTION]... 'SELECT ...' FILE...", "run read-only SQL over the loaded rows", cmd_sql,
};
