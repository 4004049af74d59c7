/* cmd_usecase.c - `focal usecase`: the FOCUS use cases focal ships
 * (data/usecases/NAME.sql, read by usecase.c), which of them the loaded files
 * can answer, and running one. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "profile.h"
#include "sql.h"
#include "store.h"
#include "text.h"
#include "usecase.h"
#include "xmalloc.h"

static void
warn_usecase(void *ctx, const char *msg)
{
	char clean[1100];
	(void)ctx;
	text_sanitize(msg, clean, sizeof clean, 0);
	fprintf(stderr, "focal: warning: %s\n", clean);
}

static void
usecase_help(void)
{
	fputs("Usage: focal usecase [OPTION]... [FILE]...\n"
	    "       focal usecase run NAME [OPTION]... FILE...\n"
	    "List the FOCUS use cases focal ships as SQL; with files, say which of them\n"
	    "the files can answer and, for the others, which column is missing.\n"
	    "`run` runs one use case over the files.\n"
	    "\n"
	    "  -p, --param=NAME=VALUE  give a use case parameter a value (repeatable)\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv or json\n"
	    "      --currency=CODE     run on the rows in this BillingCurrency only (a use case\n"
	    "                          that adds money runs on each currency apart)\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "  -h, --help              show this help and exit\n"
	    "\n"
	    "Use cases are read from $FOCAL_DATADIR/usecases, ~/.config/focal/usecases and\n"
	    "the installed data folder; a file there overrides a shipped one of that name.\n"
	    "\n"
	    "Examples:\n"
	    "  focal usecase export.csv\n"
	    "  focal usecase run tag-coverage --param key=project export.csv\n",
	    stdout);
}

/* A use case runs when every column it needs is loaded; a needed column
 * that is NULL on every row is said (the answer will be empty or partial). */
struct need {
	struct store *s;
	char why[160];
	char empty[160];
};

static int
has_column(void *ctx, const char *name)
{
	struct need *n = ctx;
	int col = store_find_column(n->s, name);
	if (col < 0) {
		snprintf(n->why, sizeof n->why, "no %s column", name);
		return 0;
	}
	if (!n->empty[0] && store_column_kind(n->s, col) != COL_METRIC && store_ncodes(n->s, col) <= 1)
		snprintf(n->empty, sizeof n->empty, "%s is NULL on every row", name);
	return 1;
}

/* Why the use case cannot run on the store ("" when it can). */
static const char *
why_not(const struct usecase *uc, struct store *s, struct need *n)
{
	n->s = s;
	n->why[0] = n->empty[0] = '\0';
	if (s)
		usecase_missing(uc, has_column, n);
	return n->why;
}

static void
list_table(FILE *f, struct usecase **list, int n, struct store *s)
{
	struct need nd;
	int w = 4;
	for (int i = 0; i < n; i++)
		if ((int)strlen(list[i]->name) > w)
			w = (int)strlen(list[i]->name);
	if (s) {
		int ok = 0;
		for (int i = 0; i < n; i++)
			ok += !*why_not(list[i], s, &nd);
		fprintf(f, "%d of %d use cases can run on these files:\n", ok, n);
	}
	for (int i = 0; i < n; i++) {
		const char *why = why_not(list[i], s, &nd);
		char clean[600];
		text_sanitize(list[i]->title, clean, sizeof clean, 0);
		if (s && *why)
			fprintf(f, "  %-*s  %s  (cannot: %s)\n", w, list[i]->name, clean, why);
		else if (s && nd.empty[0])
			fprintf(f, "  %-*s  %s  (runs, but %s)\n", w, list[i]->name, clean, nd.empty);
		else
			fprintf(f, "  %-*s  %s  [FOCUS %s]\n", w, list[i]->name, clean, list[i]->versions);
	}
}

static void
list_csv(FILE *f, struct usecase **list, int n, struct store *s)
{
	struct need nd;
	fputs("name,title,focus,columns,runs,missing,note\n", f);
	for (int i = 0; i < n; i++) {
		const char *why = why_not(list[i], s, &nd);
		char cols[1024] = "";
		for (int k = 0; k < list[i]->ncolumns; k++)
			snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s", k ? " " : "", list[i]->columns[k]);
		text_csv(f, list[i]->name);
		fputc(',', f);
		text_csv(f, list[i]->title);
		fputc(',', f);
		text_csv(f, list[i]->versions);
		fputc(',', f);
		text_csv(f, cols);
		fprintf(f, ",%s,", !s ? "" : *why ? "no" : "yes");
		text_csv(f, why);
		fputc(',', f);
		text_csv(f, s ? nd.empty : "");
		fputc('\n', f);
	}
}

static void
list_json(FILE *f, struct usecase **list, int n, struct store *s)
{
	struct need nd;
	fputs("[", f);
	for (int i = 0; i < n; i++) {
		const struct usecase *uc = list[i];
		const char *why = why_not(uc, s, &nd);
		fprintf(f, "%s\n  {\"name\": ", i ? "," : "");
		text_json(f, uc->name);
		fputs(", \"title\": ", f);
		text_json(f, uc->title);
		fputs(", \"focus\": ", f);
		text_json(f, uc->versions);
		fputs(", \"description\": ", f);
		text_json(f, uc->description);
		fputs(", \"columns\": [", f);
		for (int k = 0; k < uc->ncolumns; k++) {
			fputs(k ? ", " : "", f);
			text_json(f, uc->columns[k]);
		}
		fputs("], \"params\": {", f);
		for (int k = 0; k < uc->nparams; k++) {
			fputs(k ? ", " : "", f);
			text_json(f, uc->params[k].name);
			fputs(": ", f);
			text_json(f, uc->params[k].def);
		}
		fputs("}", f);
		if (s) {
			fprintf(f, ", \"runs\": %s, \"missing\": ", *why ? "false" : "true");
			if (*why)
				text_json(f, why);
			else
				fputs("null", f);
			fputs(", \"note\": ", f);
			if (nd.empty[0])
				text_json(f, nd.empty);
			else
				fputs("null", f);
		}
		fputs("}", f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

struct uopts {
	struct cli c;
	enum report_format format;
	char **params;
	int nparams;
	const char *currency;	/* --currency */
};

/* Options shared by the list and `run`; files and the NAME stay in argv
 * from optind. Returns -1 to go on, or an exit status. */
static int
parse_opts(int argc, char **argv, struct uopts *o)
{
	enum { O_PROFILE = 256, O_STRICT, O_ASCII, O_CURRENCY };
	static const struct option longopts[] = {
		{"param", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"profile", required_argument, NULL, O_PROFILE},
		{"strict", no_argument, NULL, O_STRICT},
		{"ascii", no_argument, NULL, O_ASCII},
		{"currency", required_argument, NULL, O_CURRENCY},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, f;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "p:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (!strchr(optarg, '=') || optarg[0] == '=')
				return cli_usage("usecase", "--param wants NAME=VALUE, not '%s'", optarg);
			o->params = xreallocarray(o->params, (size_t)o->nparams + 1, sizeof *o->params);
			o->params[o->nparams++] = optarg;
			break;
		case 'f':
			if ((f = report_format_parse(optarg)) < 0)
				return cli_usage("usecase", "unknown format '%s' (table, csv, json)", optarg);
			o->format = (enum report_format)f;
			break;
		case O_PROFILE:
			o->c.profile_path = optarg;
			break;
		case O_STRICT:
			o->c.strict = 1;
			break;
		case O_ASCII:
			o->c.ascii = 1;
			break;
		case O_CURRENCY:
			o->currency = optarg;
			break;
		case 'h':
			usecase_help();
			return EXIT_OK;
		default:
			fputs("Try 'focal usecase --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	return -1;
}

static int
cmd_usecase_list(struct uopts *o, struct usecase **list, int n)
{
	struct store *s = NULL;
	int rc = EXIT_OK;
	if (o->nparams || o->currency)
		return cli_usage("usecase", "--%s goes with 'focal usecase run'", o->nparams ? "param" : "currency");
	if (o->c.nfiles > 0) {
		o->c.metric = M_EFFECTIVE;
		o->c.grain = GRAIN_MONTH;
		rc = cli_load(&o->c, &s, NULL);
		if (rc != EXIT_OK) {
			cli_report_rejects(s, stderr, 20);
			store_free(s);
			return rc;
		}
	}
	if (o->format == FMT_JSON)
		list_json(stdout, list, n, s);
	else if (o->format == FMT_CSV)
		list_csv(stdout, list, n, s);
	else
		list_table(stdout, list, n, s);
	if ((fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE) {
		fprintf(stderr, "focal: writing the output: %s\n", strerror(errno));
		rc = EXIT_FILE;
	}
	store_free(s);
	return rc;
}

/* 1 when s is a whole number of at most 9 digits. */
static int
whole(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 9 && s[n] == '\0';
}

/* The use case's parameters as NAME=VALUE: the defaults, then the values
 * given. -1 (said) when a given name is not one of the use case's. */
static int
build_params(const struct usecase *uc, struct uopts *o, char ***out)
{
	char **p = xcalloc((size_t)uc->nparams + 1, sizeof *p);
	for (int i = 0; i < o->nparams; i++) {
		size_t l = strcspn(o->params[i], "=");
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)l, o->params[i]);
		if (usecase_param(uc, name) == NULL) {
			cli_usage("usecase", "use case %s has no parameter '%s'%s", uc->name, name,
			    uc->nparams ? " (focal usecase -f json lists them)" : " (it takes none)");
			for (int k = 0; k < uc->nparams; k++)
				free(p[k]);
			free(p);
			return -1;
		}
	}
	for (int k = 0; k < uc->nparams; k++) {
		const char *v = uc->params[k].def;
		for (int i = 0; i < o->nparams; i++) {
			size_t l = strcspn(o->params[i], "=");
			if (strlen(uc->params[k].name) == l && !strncmp(o->params[i], uc->params[k].name, l))
				v = o->params[i] + l + 1;	/* the last one given wins */
		}
		/* a count (its default is one) is a whole number: "abc" was a SQL
		 * "datatype mismatch", -1 listed everything */
		if (whole(uc->params[k].def) && !whole(v)) {
			cli_usage("usecase", "use case %s: --param %s=%s: expected a whole number, as its default %s",
			    uc->name, uc->params[k].name, v, uc->params[k].def);
			for (int j = 0; j < k; j++)
				free(p[j]);
			free(p);
			return -1;
		}
		xasprintf(&p[k], "%s=%s", uc->params[k].name, v);
	}
	*out = p;
	return 0;
}

/* A use case by month says which months the rows cover in part, as focal
 * report does. */
static void
note_periods(const struct usecase *uc, const struct store *s)
{
	const char *spec = usecase_period_dim(uc);
	struct dim d;
	char err[256];
	if (spec && dim_parse(s, spec, GRAIN_MONTH, &d, err, sizeof err) == 0)
		cli_note_partial(s, &d, 1, NULL, 0);
}

/* Money in different currencies is never added. A use case that does not
 * read BillingCurrency runs on the rows of one at a time (store_sql_scope):
 * the one --currency names, or each in turn, a table each; as CSV or JSON
 * it needs --currency. */
static int
run_by_currency(struct uopts *o, const struct usecase *uc, struct store *s, struct sql *q, char **params)
{
	int col = store_find_column(s, "BillingCurrency"), rc = EXIT_OK, has_null = 0;
	uint32_t code, n, first, *order;
	struct dim d;
	char clean[600], cur[64], names[256] = "";
	if (o->currency) {
		if (col < 0 || (code = store_lookup(s, col, o->currency)) == UINT32_MAX) {
			text_sanitize(o->currency, clean, sizeof clean, 0);
			fprintf(stderr, "focal: --currency %s: no row has this BillingCurrency\n", clean);
			return EXIT_USAGE;
		}
		store_sql_scope(s, col, code);
		rc = cli_sql_run(q, uc->sql, params, uc->nparams, o->format, o->c.ascii);
		store_sql_scope(s, -1, 0);
		return rc;
	}
	if (usecase_reads(uc, "BillingCurrency") || col < 0 || store_ncodes(s, col) < 3 ||
	    dim_parse(s, "BillingCurrency", GRAIN_MONTH, &d, clean, sizeof clean) != 0)
		return cli_sql_run(q, uc->sql, params, uc->nparams, o->format, o->c.ascii);
	n = store_ncodes(s, col) - 1;
	for (size_t r = 0; r < store_nrows(s) && !has_null; r++)
		has_null = store_code(s, col, r) == CODE_NULL;
	first = has_null ? 0 : 1;	/* a section for the rows without one, if any */
	order = dim_sorted_codes(s, &d, n);
	for (uint32_t i = first; i <= n; i++) {
		text_sanitize(order[i] ? store_label(s, col, order[i]) : "(null)", cur, sizeof cur, 0);
		if (strlen(names) + strlen(cur) + 8 < sizeof names)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i > first ? ", " : "", cur);
	}
	if (o->format != FMT_TABLE) {
		fprintf(stderr, "focal: use case %s adds money, and the rows are in %u billing currencies (%s), "
		    "which are never added: --currency CODE runs it on one (a table shows each)\n", uc->name,
		    n + 1 - first, names);
		free(order);
		return EXIT_USAGE;
	}
	fprintf(stderr, "focal: note: %u billing currencies (%s): the use case runs on each apart "
	    "(--currency picks one)\n", n + 1 - first, names);
	for (uint32_t i = first; i <= n && rc == EXIT_OK; i++) {
		text_sanitize(order[i] ? store_label(s, col, order[i]) : "(null)", clean, sizeof clean, 0);
		printf("%sBillingCurrency %s\n", i > first ? "\n" : "", clean);
		fflush(stdout);
		store_sql_scope(s, col, order[i]);
		rc = cli_sql_run(q, uc->sql, params, uc->nparams, o->format, o->c.ascii);
	}
	store_sql_scope(s, -1, 0);
	free(order);
	return rc;
}

static int
cmd_usecase_run(struct uopts *o, struct usecase **list, int n)
{
	const struct usecase *uc;
	struct store *s = NULL;
	struct sql *q;
	struct need nd;
	char **params = NULL, err[512];
	int rc;

	if (o->c.nfiles < 1)
		return cli_usage("usecase", "run: which use case? ('focal usecase' lists them)");
	if ((uc = usecase_find(list, n, o->c.files[0])) == NULL)
		return cli_usage("usecase", "run: no use case '%s' ('focal usecase' lists them)", o->c.files[0]);
	o->c.files++;
	o->c.nfiles--;
	if (o->c.nfiles < 1)
		return cli_usage("usecase", "run %s: no input file (give a FOCUS CSV file, or - for standard input)", uc->name);
	if (build_params(uc, o, &params) != 0)
		return EXIT_USAGE;
	o->c.metric = M_EFFECTIVE;
	o->c.grain = GRAIN_MONTH;
	o->c.format = o->format;
	rc = cli_load(&o->c, &s, NULL);
	if (rc != EXIT_OK)
		cli_report_rejects(s, stderr, 20);
	else if (*why_not(uc, s, &nd)) {
		fprintf(stderr, "focal: use case %s cannot run on these files: %s\n", uc->name, nd.why);
		rc = EXIT_INVALID;
	} else if ((q = sql_open(s, err, sizeof err)) == NULL) {
		fprintf(stderr, "focal: %s\n", err);
		rc = EXIT_INVALID;
	} else {
		rc = run_by_currency(o, uc, s, q, params);
		if (rc != EXIT_OK && rc != 130 && rc != EXIT_USAGE)
			fprintf(stderr, "focal: in use case %s (%s)\n", uc->name, uc->path);
		else if (rc == EXIT_OK) {
			note_periods(uc, s);
			/* run_by_currency said the currencies, but with --currency
			 * the store's note still says the others are there */
			cli_print_notes(s, !o->currency && !usecase_reads(uc, "BillingCurrency"));
		}
		sql_close(q);
		if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
			rc = EXIT_ROWS;
	}
	for (int k = 0; k < uc->nparams; k++)
		free(params[k]);
	free(params);
	store_free(s);
	return rc;
}

static int
cmd_usecase(int argc, char **argv)
{
	struct uopts o;
	struct usecase **list = NULL;
	int n, rc, run = argc > 1 && strcmp(argv[1], "run") == 0;

	memset(&o, 0, sizeof o);
	o.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	if ((rc = parse_opts(argc - run, argv + run, &o)) >= 0)
		goto out;
	o.c.files = argv + run + optind;
	o.c.nfiles = argc - run - optind;
	n = usecase_load_all(&list, warn_usecase, NULL);
	if (n == 0)	/* say where, or "0 of 0" reads as files that answer nothing */
		fprintf(stderr, "focal: no use case files found: looked in $FOCAL_DATADIR/usecases (%s), "
		    "~/.config/focal/usecases and %s; FOCAL_DATADIR names the folder that holds usecases/\n",
		    getenv("FOCAL_DATADIR") && *getenv("FOCAL_DATADIR") ? getenv("FOCAL_DATADIR") : "not set",
		    usecase_installed_dir());
	if (run)
		rc = cmd_usecase_run(&o, list, n);
	else
		rc = cmd_usecase_list(&o, list, n);
	usecase_free_all(list, n);
out:
	free(o.params);
	profile_free_all(o.c.profiles, o.c.nprofiles);
	return rc;
}

const struct cmd_entry cmd_usecase_entry = {
	"usecase", "[run NAME] [OPTION]... [FILE]...", "the FOCUS use cases as SQL: which the files answer, and run one",
	cmd_usecase,
};
