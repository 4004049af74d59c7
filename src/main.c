/* main.c - focal's command line: report, validate, and the explorer. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "load.h"
#include "profile.h"
#include "query.h"
#include "report.h"
#include "sqlgen.h"
#include "store.h"
#include "text.h"
#include "validate.h"
#include "xmalloc.h"
#include "cli.h"
#include "ui.h"

#include <csv.h>
#include <sqlite3.h>
#include <zlib.h>

/* Exit statuses (focal(1) EXIT STATUS) */
enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1,	/* validate found rule failures */
	EXIT_FILE = 2,		/* a file could not be read as FOCUS CSV */
	EXIT_ROWS = 3,		/* rows were rejected */
	EXIT_USAGE = 64,
};

static void
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("focal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'focal --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static void
help(void)
{
	fputs(
	    "Usage: focal [OPTION]... FILE...\n"
	    "       focal report [OPTION]... FILE...\n"
	    "       focal validate [OPTION]... FILE...\n"
	    "       focal save -o FILE.sqlite [--force] FILE...\n"
	    "Explore FOCUS cost and usage exports (CSV, .csv.gz, or - for standard input).\n"
	    "\n"
	    "Without a command, focal opens the interactive explorer on a terminal and\n"
	    "prints the report otherwise.\n"
	    "\n"
	    "Commands:\n"
	    "  report      print totals grouped by dimensions\n"
	    "  validate    check files against FOCUS 1.3 and list every deviation\n"
	    "  sql         run read-only SQL over the loaded rows (focal sql --help)\n"
	    "  save        save the loaded files as one SQLite database (FILE.sqlite),\n"
	    "              which focal reopens faster than the CSV\n"
	    "\n"
	    "Report options:\n"
	    "  -b, --by=DIM[,DIM]...   group by these dimensions (default: the profile's\n"
	    "                          first drill level); DIM is a column name, meter,\n"
	    "                          tag:KEY, period[:GRAIN], billing-period or file\n"
	    "  -w, --where=DIM=VALUE   keep only rows whose DIM is VALUE (repeatable)\n"
	    "  -m, --metric=NAME       sort by BilledCost, EffectiveCost (default), ListCost,\n"
	    "                          ContractedCost, ConsumedQuantity or PricingQuantity\n"
	    "  -p, --period=GRAIN      grain of period dimensions: day, month (default),\n"
	    "                          quarter or year\n"
	    "  -n, --top=N             show the first N groups and fold the rest into Other\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv (default otherwise)\n"
	    "                          or json\n"
	    "      --list-dims         list the dimensions available in the data\n"
	    "      --sql               print the SELECT over the focus table that computes\n"
	    "                          this report (for focal sql), instead of the report\n"
	    "\n"
	    "Common options:\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "      --color=WHEN        colour: auto (default), always or never\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    "\n"
	    "Exit status: 0 success, 1 validation failures, 2 a file could not be read,\n"
	    "3 rows were rejected, 64 usage error.\n"
	    "\n"
	    "Examples:\n"
	    "  focal data/autodesk-sample.csv\n"
	    "  focal report --by ServiceSubcategory,meter --format csv export.csv.gz\n"
	    "  focal report --by tag:area --where meter=product_seats export.csv\n"
	    "  focal validate export.csv\n",
	    stdout);
}

static void
progress_stderr(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows)
{
	(void)ctx;
	if (total)
		fprintf(stderr, "\rfocal: loading %s: %3d%% %llu rows", path, (int)(bytes * 100 / total),
		    (unsigned long long)rows);
	else
		fprintf(stderr, "\rfocal: loading %s: %llu MB %llu rows", path,
		    (unsigned long long)(bytes >> 20), (unsigned long long)rows);
	if (bytes >= total)
		fputs("\r\033[K", stderr);
}

static void
warn_profile(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "focal: warning: %s (profile skipped)\n", msg);
}

static void
print_reject(void *ctx, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason)
{
	char buf[1200];
	fprintf(ctx, "%s\n", format_problem(buf, sizeof buf, file, line, field, column, value, reason));
}

static void
print_note(void *ctx, const char *note)
{
	char clean[600];
	text_sanitize(note, clean, sizeof clean, 0);
	fprintf(ctx, "focal: note: %s\n", clean);
}

int
cli_report_rejects(struct store *s, FILE *f, size_t limit)
{
	uint64_t n = store_nrejects(s);
	if (n == 0)
		return 0;
	store_each_reject(s, limit, print_reject, f);
	if (n > limit)
		fprintf(f, "focal: ... and %llu more rejected rows\n", (unsigned long long)(n - limit));
	fprintf(f, "focal: %llu row%s rejected: not counted in any total\n", (unsigned long long)n,
	    n == 1 ? "" : "s");
	return 1;
}

int
cli_load(struct cli *c, struct store **out, struct validator *v)
{
	struct store *s = store_new();
	struct load_opts lo = {0};
	char err[1024];
	int rc = EXIT_OK;

	lo.strict = c->strict;
	lo.validator = v;
	if (isatty(2) && !c->quiet && getenv("TERM") && strcmp(getenv("TERM"), "dumb") != 0)
		lo.progress = progress_stderr;
	c->nprofiles = profile_load_default(&c->profiles, c->profile_path, warn_profile, NULL);
	for (int i = 0; i < c->nfiles; i++) {
		enum load_result r = load_file(s, c->files[i], &lo, err, sizeof err);
		if (r == LOAD_FILE_ERROR || r == LOAD_REJECTED || r == LOAD_CANCELLED) {
			char clean[1100];
			text_sanitize(err, clean, sizeof clean, 0);
			fprintf(stderr, "focal: %s\n", clean);
			rc = r == LOAD_REJECTED ? EXIT_ROWS : EXIT_FILE;
			break;
		}
	}
	if (rc == EXIT_OK)
		store_finish(s, (const struct profile *const *)c->profiles, c->nprofiles);
	*out = s;
	return rc;
}

const char *
cli_sqlite_version(void)
{
	return sqlite3_libversion();
}

const char *
cli_zlib_version(void)
{
	return zlibVersion();
}

/* Values kept as written are worth a line in a report, not an exit status. */
static void
note_kept_values(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	char clean[600];
	if (d != DEV_BAD_DATE && d != DEV_BAD_NUMBER && d != DEV_NOT_UTF8)
		return;
	text_sanitize(file, clean, sizeof clean, 0);
	fprintf(ctx, "focal: note: %s: %llu %s, first at line %lu column %d; see focal validate\n", clean,
	    (unsigned long long)count, d == DEV_BAD_DATE ? "invalid date-times kept as written (not used for totals)" :
	    d == DEV_NOT_UTF8 ? "values that are not UTF-8 (shown with \\xNN for each such byte)" :
	    "invalid numbers kept as written (not used for totals)", line, field);
}

static int
split_dims(const char *arg, char ***out)
{
	char *copy = xstrdup(arg), *save = NULL, *tok;
	int n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof **out);
		(*out)[n++] = xstrdup(tok);
	}
	free(copy);
	return n;
}

static void
cli_free(struct cli *c)
{
	for (int i = 0; i < c->nby; i++)
		free(c->by[i]);
	free(c->by);
	free(c->where);
	profile_free_all(c->profiles, c->nprofiles);
}

/* report --sql: the SELECT that computes this report, not the report */
static int
report_sql(const struct cli *c, const struct store *s, const struct dim *by, const struct filter *f, int nf)
{
	const char *values[16];
	char *sql;
	for (int i = 0; i < nf; i++)
		values[i] = strchr(c->where[i], '=') + 1;
	sql = sqlgen_report(s, by, c->nby, (const char *const *)c->by, f, nf, values, c->metric, c->top);
	fputs(sql, stdout);
	free(sql);
	return fflush(stdout) != 0 && errno != EPIPE ? EXIT_FILE : EXIT_OK;
}

int
cmd_report(struct cli *c)
{
	struct store *s;
	struct dim by[QUERY_MAX_BY];
	struct filter f[16];
	struct qresult r;
	struct report_opts ro = {0};
	char err[512];
	int nf = 0, rc = cli_load(c, &s, NULL), empty = 0;
	char **names = NULL;

	if (rc != EXIT_OK) {
		cli_report_rejects(s, stderr, 20);
		store_free(s);
		return rc;
	}
	if (c->list_dims) {
		struct dim *d;
		size_t n = dim_list(s, c->grain, &d);
		for (size_t i = 0; i < n; i++) {
			char name[300], clean[600];
			dim_name(s, &d[i], name, sizeof name);
			text_sanitize(name, clean, sizeof clean, 0);
			printf("%s\t%u\n", clean, dim_ncodes(s, &d[i]) - 1);
		}
		free(d);
		/* the values counted leave the rejected rows out: say so, as
		 * the report does */
		rc = cli_report_rejects(s, stderr, 20) ? EXIT_ROWS : EXIT_OK;
		store_free(s);
		return rc;
	}
	if (c->nby == 0) {
		const struct profile *p = store_profile(s);
		/* the first drill level the data has */
		for (int i = 0; p && i < p->ndrill && c->nby == 0; i++)
			if (dim_parse(s, p->drill[i], c->grain, &by[0], err, sizeof err) == 0) {
				c->by = xcalloc(1, sizeof *c->by);
				c->by[c->nby++] = xstrdup(p->drill[i]);
			}
		if (c->nby == 0) {
			c->by = xcalloc(1, sizeof *c->by);
			c->by[c->nby++] = xstrdup("ServiceName");
		}
	}
	if (c->nby > QUERY_MAX_BY)
		usage_error("--by takes at most %d dimensions", QUERY_MAX_BY);
	for (int i = 0; i < c->nby; i++)
		if (dim_parse(s, c->by[i], c->grain, &by[i], err, sizeof err) != 0) {
			fprintf(stderr, "focal: --by %s: %s\n", c->by[i], err);
			store_free(s);
			return EXIT_USAGE;
		}
	for (int i = 0; i < c->nwhere; i++) {
		char *eq = strchr(c->where[i], '=');
		char dimspec[256];
		uint32_t code;
		if (nf == 16)
			usage_error("at most 16 --where filters");
		if (eq == NULL || eq == c->where[i])
			usage_error("--where '%s': expected DIM=VALUE", c->where[i]);
		snprintf(dimspec, sizeof dimspec, "%.*s", (int)(eq - c->where[i]), c->where[i]);
		if (dim_parse(s, dimspec, c->grain, &f[nf].dim, err, sizeof err) != 0) {
			fprintf(stderr, "focal: --where %s: %s\n", c->where[i], err);
			store_free(s);
			return EXIT_USAGE;
		}
		if (dim_lookup(s, &f[nf].dim, eq + 1, &code) != 0) {
			char clean[600];
			text_sanitize(c->where[i], clean, sizeof clean, 0);
			fprintf(stderr, "focal: note: --where %s matches no row\n", clean);
			empty = 1;
			code = UINT32_MAX;
		}
		f[nf].lo = f[nf].hi = code;
		nf++;
	}
	if (c->sql) {
		rc = report_sql(c, s, by, f, nf);
		store_free(s);
		return rc;
	}
	query_run(s, by, c->nby, f, nf, &r);
	(void)empty;
	qresult_sort(s, &r, c->metric, QSORT_VALUE, 0);
	if (c->top > 0)
		qresult_top(&r, (size_t)c->top);
	names = c->by;
	ro.format = c->format;
	ro.metric = c->metric;
	ro.ascii = c->ascii;
	ro.by_names = (const char *const *)names;
	if (report_print(stdout, s, &r, &ro) != 0 && errno != EPIPE) {
		fprintf(stderr, "focal: writing the report: %s\n", strerror(errno));
		rc = EXIT_FILE;
	}
	store_each_note(s, print_note, stderr);
	store_each_deviation(s, note_kept_values, stderr);
	if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
		rc = EXIT_ROWS;
	qresult_free(&r);
	store_free(s);
	return rc;
}

struct devctx {
	FILE *f;
	int any;
};

static void
print_deviation(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	struct devctx *dc = ctx;
	char clean[600];
	if (!dc->any)
		fputs("\nRead leniently (accepted, but not FOCUS format):\n", dc->f);
	dc->any = 1;
	text_sanitize(file, clean, sizeof clean, 0);
	fprintf(dc->f, "  %-56s %8llu  first at %s:%lu", value_dev_message(d), (unsigned long long)count, clean,
	    line);
	if (field > 0)
		fprintf(dc->f, ":%d", field);
	fputc('\n', dc->f);
}

static int
cmd_validate(struct cli *c)
{
	struct store *s;
	struct validator *v;
	struct devctx dc = {stdout, 0};
	int rc, failed;
	uint64_t nrej;

	/* the JSON checks run through SQLite; give the validator its own store */
	struct store *json = store_new();
	v = validate_new(store_json_check, json);
	rc = cli_load(c, &s, v);
	if (rc == EXIT_FILE) {
		validate_free(v);
		store_free(s);
		store_free(json);
		return rc;
	}
	failed = validate_report(v, stdout, 3);
	nrej = store_nrejects(s);
	store_each_deviation(s, print_deviation, &dc);
	if (store_nrejects(s)) {
		printf("\nRows that cannot be read (not loaded):\n");
		fflush(stdout);
		store_each_reject(s, 20, print_reject, stdout);
		if (store_nrejects(s) > 20)
			printf("... and %llu more\n", (unsigned long long)(store_nrejects(s) - 20));
	}
	store_each_note(s, print_note, stdout);
	if (fflush(stdout) != 0 && errno != EPIPE)
		rc = EXIT_FILE;
	validate_free(v);
	store_free(s);
	store_free(json);
	if (rc != EXIT_OK)
		return rc;
	return failed || nrej ? EXIT_INVALID : EXIT_OK;
}

int
main(int argc, char **argv)
{
	enum { O_STRICT = 256, O_PROFILE, O_ASCII, O_COLOR, O_LIST_DIMS, O_KEYS_MDOC, O_SQL };
	static const struct option longopts[] = {
		{"by", required_argument, NULL, 'b'},
		{"where", required_argument, NULL, 'w'},
		{"metric", required_argument, NULL, 'm'},
		{"period", required_argument, NULL, 'p'},
		{"top", required_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		{"list-dims", no_argument, NULL, O_LIST_DIMS},
		{"sql", no_argument, NULL, O_SQL},
		{"strict", no_argument, NULL, O_STRICT},
		{"profile", required_argument, NULL, O_PROFILE},
		{"ascii", no_argument, NULL, O_ASCII},
		{"color", required_argument, NULL, O_COLOR},
		{"colour", required_argument, NULL, O_COLOR},
		{"keys-mdoc", no_argument, NULL, O_KEYS_MDOC},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli c;
	const char *cmd = NULL;
	int opt, rc;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is an EPIPE we end quietly on */
	memset(&c, 0, sizeof c);
	c.metric = M_EFFECTIVE;
	c.grain = GRAIN_MONTH;
	c.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	c.color = -1;

	/* these commands read their own options */
	if (argc > 1 && !strcmp(argv[1], "whatif"))
		return cmd_whatif(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "renewals"))
		return cmd_renewals(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "runway"))
		return cmd_runway(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "import"))
		return cmd_import(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "sql"))
		return cmd_sql(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "save"))
		return cmd_save(argc - 1, argv + 1);
	if (argc > 1 && (!strcmp(argv[1], "report") || !strcmp(argv[1], "validate") ||
	    !strcmp(argv[1], "explore"))) {
		cmd = argv[1];
		argv++;
		argc--;
	}
	while ((opt = getopt_long(argc, argv, "b:w:m:p:n:f:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			c.nby += split_dims(optarg, &c.by) - 0;
			break;
		case 'w':
			c.where = xreallocarray(c.where, (size_t)c.nwhere + 1, sizeof *c.where);
			c.where[c.nwhere++] = optarg;
			break;
		case 'm': {
			int m = metric_find(optarg);
			c.metric_set = 1;
			if (m < 0)
				usage_error("unknown metric '%s' (BilledCost, EffectiveCost, ListCost, ContractedCost, "
				    "ConsumedQuantity, PricingQuantity)", optarg);
			c.metric = (enum metric)m;
			break;
		}
		case 'p': {
			int g = grain_parse(optarg);
			c.grain_set = 1;
			if (g < 0)
				usage_error("unknown period grain '%s' (day, month, quarter, year)", optarg);
			c.grain = (enum grain)g;
			break;
		}
		case 'n': {
			char *end;
			long n;
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 || n > 1000000)
				usage_error("--top takes a whole number from 1 to 1000000, not '%s'", optarg);
			c.top = (int)n;
			break;
		}
		case 'f': {
			int f = report_format_parse(optarg);
			if (f < 0)
				usage_error("unknown format '%s' (table, csv, json)", optarg);
			c.format = (enum report_format)f;
			break;
		}
		case O_LIST_DIMS:
			c.list_dims = 1;
			break;
		case O_SQL:
			c.sql = 1;
			break;
		case O_STRICT:
			c.strict = 1;
			break;
		case O_PROFILE:
			c.profile_path = optarg;
			break;
		case O_ASCII:
			c.ascii = 1;
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto"))
				c.color = -1;
			else if (!strcmp(optarg, "always"))
				c.color = 1;
			else if (!strcmp(optarg, "never"))
				c.color = 0;
			else
				usage_error("--color takes auto, always or never, not '%s'", optarg);
			break;
		case O_KEYS_MDOC:
			/* the man page's KEYS list, from the key table (tests compare) */
			ui_keys_mdoc(stdout);
			return EXIT_OK;
		case 'h':
			help();
			return EXIT_OK;
		case 'V':
			printf("focal %s\n", PACKAGE_VERSION);
			printf("libraries: SQLite %s, zlib %s, libcsv %d.%d.%d\n", cli_sqlite_version(), cli_zlib_version(),
			    CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
			return EXIT_OK;
		default:
			fputs("Try 'focal --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	c.files = argv + optind;
	c.nfiles = argc - optind;
	if (c.nfiles == 0)
		usage_error("no input file (give a FOCUS CSV file, or - for standard input)");
	if (cmd && !strcmp(cmd, "validate"))
		rc = cmd_validate(&c);
	else if (cmd == NULL || !strcmp(cmd, "explore")) {
		/* FOCAL_BENCH_KEYS replays keys without a terminal (bench/run.sh) */
		int tty = (isatty(0) && isatty(1)) || (getenv("FOCAL_BENCH_KEYS") && *getenv("FOCAL_BENCH_KEYS"));
		for (int i = 0; i < c.nfiles; i++)
			if (!strcmp(c.files[i], "-"))
				tty = 0;
		rc = tty ? cmd_explore(&c) : cmd_report(&c);
	} else
		rc = cmd_report(&c);
	cli_free(&c);
	return rc;
}
