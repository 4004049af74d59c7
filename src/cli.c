/* cli.c - what every command does the same way: exit codes, usage errors,
 * the common options, loading with progress and cancel, the problem lines
 * and --where (cli.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "compare.h"
#include "format.h"
#include "load.h"
#include "period.h"
#include "profile.h"
#include "range.h"
#include "snapcache.h"
#include "store.h"
#include "text.h"
#include "value.h"
#include "validate.h"
#include "warehouse.h"
#include "whatif.h"
#include "xmalloc.h"

#include <csv.h>
#include <sqlite3.h>
#include <zlib.h>

int
cli_exit_code(enum status st)
{
	switch (st) {
#define X(s, code) \
	case STATUS_##s: \
		return code;
		EXIT_STATUSES(X)
#undef X
	default:
		return EXIT_INTERNAL;
	}
}

/* ---- messages ---- */

__attribute__((format(printf, 2, 0))) static void
vsay(const char *prefix, const char *fmt, va_list ap)
{
	char msg[1600], clean[1700];
	vsnprintf(msg, sizeof msg, fmt, ap);
	text_sanitize(msg, clean, sizeof clean, 0);
	fprintf(stderr, "focal: %s%s\n", prefix, clean);
}

void
cli_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char prefix[64];
	snprintf(prefix, sizeof prefix, "%s%s", cmd ? cmd : "", cmd ? ": " : "");
	va_start(ap, fmt);
	vsay(prefix, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'focal %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

int
cli_parse_days(const char *cmd, const char *opt, const char *arg, int lo, int hi, int *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi)
		return cli_usage(cmd, "%s takes a whole number of days from %d to %d, not '%s'", opt, lo, hi, arg);
	*out = (int)v;
	return 0;
}

int
cli_parse_date(const char *cmd, const char *arg, int64_t *out)
{
	unsigned dev = 0;
	if (date_parse(arg, strlen(arg), out, &dev) != 0)
		return cli_usage(cmd, "--as-of takes a date like 2026-10-01, not '%s'", arg);
	return 0;
}

void
cli_day(int64_t t, char buf[21])
{
	if (t == DATE_NULL) {
		snprintf(buf, 21, "-");
		return;
	}
	date_format(t, buf);
	buf[10] = '\0';
}

void
cli_csv_num(FILE *f, money_t v, int decimals)
{
	char buf[96];
	if (v == MONEY_NULL) {
		fputs("overflow", f);
		return;
	}
	money_format(v, decimals, decimals < 0 ? 0 : decimals, 0, buf, sizeof buf);
	fputs(buf, f);
}

void
cli_json_num(FILE *f, const char *key, money_t v, int decimals)
{
	fprintf(f, ",\"%s\":", key);
	if (v == MONEY_NULL)
		fputs("null", f);
	else
		cli_csv_num(f, v, decimals);
}

void
cli_json_text(FILE *f, const char *key, const char *text)
{
	fprintf(f, ",\"%s\":", key);
	if (text)
		text_json(f, text);
	else
		fputs("null", f);
}

void
cli_json_date(FILE *f, const char *key, int64_t t)
{
	char a[21];
	if (t == DATE_NULL) {
		fprintf(f, ",\"%s\":null", key);
		return;
	}
	cli_day(t, a);
	fprintf(f, ",\"%s\":\"%s\"", key, a);
}

void
cli_json_notes(FILE *f, char *const *note, int n)
{
	fputs(",\"notes\":[", f);
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		text_json(f, note[i]);
	}
	fputc(']', f);
}

void
cli_warn_profile(void *ctx, const char *msg)
{
	(void)ctx;
	cli_say("warning: %s (profile skipped)", msg);
}

/* ---- problem lines ---- */

void
cli_print_reject(void *ctx, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason)
{
	char buf[1200];
	fprintf(ctx, "%s\n", format_problem(buf, sizeof buf, file, line, field, column, value, reason));
}

int
cli_seat_currency(const char *cmd, const struct whatif_model *m, const char *asked)
{
	char clean[64];
	if (!asked && m->ncurrencies > 1)
		return cli_usage(cmd, "the seat rows are billed in %d currencies (%s): seat costs in different currencies "
		    "are never added; give --currency %s (or another of them)", m->ncurrencies, m->currencies, m->currency);
	if (asked && m->n == 0 && m->ncurrencies > 0) {
		text_sanitize(asked, clean, sizeof clean, 0);
		return cli_usage(cmd, "--currency %s: no seat row is billed in it (the seats are billed in %s)", clean,
		    m->currencies);
	}
	return EXIT_OK;
}

/* A period shown that the rows cover only in part (a quarter holding one
 * month, a month to date, a quarter --from cuts) is said, so that its
 * smaller total is not read as a drop. */
void
cli_note_partial(const struct store *s, const struct dim *by, int nby, const struct filter *f, int nf)
{
	char label[64], why[64];
	for (int i = 0; i < nby; i++) {
		struct coverage cov;
		struct qresult r;
		unsigned char *shown;
		uint32_t n;
		if (by[i].type != DIM_PERIOD && by[i].type != DIM_BILLING_PERIOD)
			continue;
		period_coverage_under(s, &by[i], f, nf, &cov);
		n = dim_ncodes(s, &by[i]);
		shown = xcalloc(n, 1);
		query_run(s, &by[i], 1, f, nf, &r);
		for (size_t k = 0; k < r.n; k++)
			if (r.g[k].key[0] < n)
				shown[r.g[k].key[0]] = 1;
		qresult_free(&r);
		for (uint32_t c = 1; c < n; c++)
			if (shown[c] && period_whole(s, &by[i], c, &cov, why, sizeof why) == 0)
				fprintf(stderr, "focal: note: %s is partial: the rows cover %s of it\n",
				    dim_label(s, &by[i], c, label, sizeof label), why);
		free(shown);
	}
}

void
cli_print_note(void *ctx, const char *note)
{
	char clean[600];
	text_sanitize(note, clean, sizeof clean, 0);
	fprintf(ctx ? ctx : stderr, "focal: note: %s\n", clean);
}

/* Values kept as written are worth a line, not an exit status. */
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

static void
note_but_currencies(void *ctx, const char *note)
{
	if (!strstr(note, STORE_NOTE_CURRENCIES))
		cli_print_note(ctx, note);
}

void
cli_print_notes(struct store *s, int currencies_said)
{
	store_each_note(s, currencies_said ? note_but_currencies : cli_print_note, stderr);
	store_each_deviation(s, note_kept_values, stderr);
}

int
cli_report_rejects(struct store *s, FILE *f, size_t limit)
{
	uint64_t n = store_nrejects(s);
	if (n == 0)
		return 0;
	store_each_reject(s, limit, cli_print_reject, f);
	if (n > limit)
		fprintf(f, "focal: ... and %llu more rejected rows\n", (unsigned long long)(n - limit));
	fprintf(f, "focal: %llu row%s rejected: not counted in any total\n", (unsigned long long)n,
	    n == 1 ? "" : "s");
	return 1;
}

/* ---- loading ---- */

struct progress {
	double t0;
	int shown;
};

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress on stderr (a plain terminal), only for loads that take a while:
 * a bar, bytes, and bytes and rows per second. */
static void
progress(void *ctx, const char *path, uint64_t bytes, uint64_t total, uint64_t rows)
{
	struct progress *p = ctx;
	double t = now() - p->t0;
	struct winsize ws;
	char name[64], bar[41], line[256];
	int cols = 80, bw = 20, fill;
	const char *b = strrchr(path, '/');
	if (t < 0.25 || (total && bytes >= total)) {
		if (p->shown && total && bytes >= total)
			fputs("\r\033[K", stderr);
		p->shown = 0;
		return;
	}
	if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		cols = ws.ws_col;
	text_fit(b ? b + 1 : path, cols < 80 ? 12 : 24, name, sizeof name, 1);
	fill = total ? (int)(bytes * (uint64_t)bw / total) : 0;
	for (int i = 0; i < bw; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[bw] = '\0';
	if (total)
		snprintf(line, sizeof line, "focal: loading %s [%s] %3d%% %llu/%llu MB %.0f MB/s %.0fk rows/s", name, bar,
		    (int)(bytes * 100 / total), (unsigned long long)(bytes >> 20), (unsigned long long)(total >> 20),
		    (double)bytes / 1048576.0 / t, (double)rows / 1000.0 / t);
	else
		snprintf(line, sizeof line, "focal: loading %s %llu MB %.0f MB/s %.0fk rows/s", name,
		    (unsigned long long)(bytes >> 20), (double)bytes / 1048576.0 / t, (double)rows / 1000.0 / t);
	fprintf(stderr, "\r%.*s\033[K", cols - 1, line);
	p->shown = 1;
}

/* Whether two files of n bytes have the same first and last 64 KiB. */
static int
same_ends(const char *a, const char *b, off_t n)
{
	enum { SPAN = 65536 };
	static char x[SPAN], y[SPAN];
	int fa = open(a, O_RDONLY), fb = open(b, O_RDONLY), same = fa >= 0 && fb >= 0;
	for (int k = 0; k < 2 && same; k++) {
		off_t at = k == 0 || n <= SPAN ? 0 : n - SPAN;
		size_t len = (size_t)(n < SPAN ? n : SPAN);
		same = pread(fa, x, len, at) == (ssize_t)len && pread(fb, y, len, at) == (ssize_t)len &&
		    memcmp(x, y, len) == 0;
	}
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return same;
}

/* A file given twice would have its rows counted twice: refused. Two
 * files of one size and the same first and last 64 KiB are likely one
 * export under two names: noted into s (*alike) once the rows are in. */
static enum status
given_twice(const struct cli *c, const struct cli_load_ui *lui, char *alike, size_t n)
{
	struct stat *sb = xcalloc((size_t)c->nfiles + 1, sizeof *sb);
	char x[300], y[300];
	enum status st = STATUS_OK;
	alike[0] = '\0';
	for (int i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], "-") == 0 || warehouse_is_url(c->files[i]) || stat(c->files[i], &sb[i]) != 0 ||
		    !S_ISREG(sb[i].st_mode))
			sb[i].st_mode = 0;
	for (int i = 0; i < c->nfiles && st == STATUS_OK; i++)
		for (int j = i + 1; j < c->nfiles && st == STATUS_OK && sb[i].st_mode; j++) {
			if (!sb[j].st_mode || sb[i].st_size != sb[j].st_size)
				continue;
			text_sanitize(c->files[i], x, sizeof x, 0);
			text_sanitize(c->files[j], y, sizeof y, 0);
			if (sb[i].st_dev == sb[j].st_dev && sb[i].st_ino == sb[j].st_ino) {
				if (lui && lui->before_say)
					lui->before_say(lui->ctx);
				cli_say("%s is given twice%s%s%s: its rows would be counted twice", x,
				    strcmp(x, y) ? " (as " : "", strcmp(x, y) ? y : "", strcmp(x, y) ? ")" : "");
				st = STATUS_USAGE;
			} else if (!alike[0] && same_ends(c->files[i], c->files[j], sb[i].st_size))
				snprintf(alike, n, "%s and %s are alike (the same size, the same first and last 64 KiB): "
				    "the same export twice? The rows of both are counted", x, y);
		}
	free(sb);
	return st;
}

static enum status load_files(struct cli *, struct store *, const struct load_opts *, struct progress *,
    const struct cli_load_ui *lui, char *err, size_t errlen);

enum status
cli_load_store(struct cli *c, struct store **out, struct validator *v, volatile sig_atomic_t *cancel,
    void (*warn)(void *ctx, const char *msg), void *warn_ctx, const struct cli_load_ui *lui)
{
	struct store *s = store_new();
	struct load_opts lo = {0};
	struct progress pr = {now(), 0};
	const char *term = getenv("TERM");
	char err[1024], alike[800];
	enum status st;
	struct snapcache sc = {NULL, NULL, 0};

	if (lui && lui->warehouse && c->nfiles == 1 && warehouse_is_url(c->files[0]) && v == NULL) {
		store_free(s);
		*out = NULL;
		c->nprofiles = profile_load_default(&c->profiles, c->profile_path, warn ? warn : cli_warn_profile,
		    warn_ctx);
		st = cli_load_warehouse(c, out, cancel, lui);
		if (*out == NULL)
			*out = store_new();	/* callers free it */
		return st;
	}
	lo.strict = c->strict;
	lo.validator = v;
	lo.cancel = cancel;
	if (lui && lui->progress) {
		lo.progress = lui->progress;
		lo.progress_ctx = lui->ctx;
	} else if (isatty(2) && !c->quiet && term && strcmp(term, "dumb") != 0) {
		lo.progress = progress;
		lo.progress_ctx = &pr;
	}
	*out = s;
	c->nprofiles = profile_load_default(&c->profiles, c->profile_path, warn ? warn : cli_warn_profile, warn_ctx);
	if ((st = given_twice(c, lui, alike, sizeof alike)) != STATUS_OK)
		return st;
	if (v == NULL && !c->no_cache && snapcache_begin(&sc, c->files, c->nfiles, c->strict, PACKAGE_VERSION) == 0) {
		int got = snapcache_open(&sc, s, err, sizeof err);
		if (got < 0) {
			char clean[1100];
			text_sanitize(err, clean, sizeof clean, 0);
			fprintf(stderr, "focal: note: the snapshot of an earlier load did not read back (%s): reading "
			    "the files\n", clean);
			store_free(s);
			*out = s = store_new();
		} else if (got > 0) {
			if (!c->quiet)
				fprintf(stderr, "focal: note: reopened from the snapshot of an earlier load of the same, "
				    "unchanged file%s (--no-cache reads %s)\n", c->nfiles > 1 ? "s" : "",
				    c->nfiles > 1 ? "them" : "it");
			store_finish(s, (const struct profile *const *)c->profiles, c->nprofiles);
			snapcache_end(&sc);
			return STATUS_OK;
		}
	}
	st = load_files(c, s, &lo, &pr, lui, err, sizeof err);
	if (st == STATUS_OK) {
		if (alike[0])
			store_note(s, "%s", alike);
		store_finish(s, (const struct profile *const *)c->profiles, c->nprofiles);
		snapcache_keep(&sc, s);
	}
	snapcache_end(&sc);
	return st;
}

/* Every file into s: STATUS_OK, or the status (said on stderr, except a
 * cancel, which the caller says). */
static enum status
load_files(struct cli *c, struct store *s, const struct load_opts *lo, struct progress *pr,
    const struct cli_load_ui *lui, char *err, size_t errlen)
{
	enum status st;
	for (int i = 0; i < c->nfiles; i++) {
		if (warehouse_is_url(c->files[i])) {
			if (lui && lui->before_say)
				lui->before_say(lui->ctx);
			cli_say("%s: a warehouse table: the explorer, focal report and focal sql read one, alone; this "
			    "command reads files", c->files[i]);
			return STATUS_USAGE;
		}
		st = (enum status)load_file(s, c->files[i], lo, err, errlen);
		if (pr->shown)
			fputs("\r\033[K", stderr);
		pr->shown = 0;
		if (st == STATUS_CANCELLED && lo->cancel)
			return st;	/* the caller says why (a signal) */
		if (st != STATUS_OK) {
			char clean[1100];
			if (lui && lui->before_say)
				lui->before_say(lui->ctx);
			text_sanitize(err, clean, sizeof clean, 0);
			fprintf(stderr, "focal: %s\n", clean);
			return st == STATUS_ROWS ? st : STATUS_FILE;
		}
	}
	return STATUS_OK;
}

int
cli_load(struct cli *c, struct store **out, struct validator *v)
{
	return cli_exit_code(cli_load_store(c, out, v, NULL, NULL, NULL, NULL));
}

/* ---- --where and --by ---- */

/* The operator of a --where: its start in w and its length, or NULL. */
static const char *
where_op(const char *w, size_t *len)
{
	const char *p = w + strcspn(w, "!<>=");
	if (*p == '\0')
		return NULL;
	*len = (p[0] != '=' && p[1] == '=') ? 2 : 1;
	if (p[0] == '!' && *len == 1)
		return NULL;	/* "!" alone is no operator */
	return p;
}

const char *
cli_where_value(const char *w)
{
	size_t len;
	const char *op = where_op(w, &len);
	return op ? op + len : w + strlen(w);
}

int
cli_parse_where(const struct store *s, const struct cli *c, struct filter *f, int *nf,
    void (*note)(void *ctx, const char *where), void *ctx, char *err, size_t errlen)
{
	char spec[256], why[512], opname[3];
	*nf = 0;
	for (int i = 0; i < c->nwhere; i++) {
		const char *w = c->where[i], *op;
		size_t oplen;
		uint32_t code;
		if (*nf == CLI_MAX_WHERE) {
			snprintf(err, errlen, "at most %d --where filters", CLI_MAX_WHERE);
			return -1;
		}
		if ((op = where_op(w, &oplen)) == NULL || op == w) {
			snprintf(err, errlen, "--where '%s': expected DIM=VALUE, DIM!=VALUE, or a period compared: "
			    "period>=2026-07 (<, <=, >, >=)", w);
			return -1;
		}
		snprintf(spec, sizeof spec, "%.*s", (int)(op - w), w);
		snprintf(opname, sizeof opname, "%.*s", (int)oplen, op);
		memset(&f[*nf], 0, sizeof f[*nf]);
		if (dim_parse(s, spec, c->grain, &f[*nf].dim, why, sizeof why) != 0) {
			snprintf(err, errlen, "--where %s: %s", w, why);
			return -1;
		}
		if (strcmp(opname, "=") != 0 && strcmp(opname, "!=") != 0) {
			if (range_where(s, &f[*nf].dim, opname, op + oplen, &f[*nf], why, sizeof why) != 0) {
				snprintf(err, errlen, "--where %s: %s", w, why);
				return -1;
			}
		} else if (dim_lookup(s, &f[*nf].dim, op + oplen, &code) == 0) {
			f[*nf].lo = f[*nf].hi = code;
			f[*nf].timed = period_span(s, &f[*nf].dim, code, &f[*nf].from, &f[*nf].to) == 0;
		} else if ((f[*nf].dim.type == DIM_PERIOD || f[*nf].dim.type == DIM_BILLING_PERIOD) &&
		    range_where(s, &f[*nf].dim, "=", op + oplen, &f[*nf], why, sizeof why) == 0) {
			/* a period of another grain: 2026-Q3 while grouping by month */
		} else {
			f[*nf].lo = f[*nf].hi = UINT32_MAX;	/* matches no row */
			if (note && opname[0] == '=')
				note(ctx, w);
		}
		f[*nf].exclude = opname[0] == '!';
		(*nf)++;
	}
	return 0;
}

void
cli_default_by(const struct store *s, enum grain grain, char **name)
{
	const struct profile *p = store_profile(s);
	struct dim d;
	char err[512];
	for (int i = 0; p && i < p->ndrill; i++)
		if (dim_parse(s, p->drill[i], grain, &d, err, sizeof err) == 0) {
			*name = xstrdup(p->drill[i]);
			return;
		}
	*name = xstrdup("ServiceName");
}

/* ---- the options of report, validate and the explorer ---- */

static int
split_dims(const char *arg, char ***out, int n)
{
	char *copy = xstrdup(arg), *save = NULL, *tok;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof **out);
		(*out)[n++] = xstrdup(tok);
	}
	free(copy);
	return n;
}

/* The options of a time range and a comparison (range.h); -1 to go on, or
 * an exit code. */
static int
parse_range_opt(struct cli *c, const char *cmd, int opt)
{
	char *end;
	long v;
	switch (opt) {
	case CLI_O_FROM:
		c->from = optarg;
		return -1;
	case CLI_O_TO:
		c->to = optarg;
		return -1;
	case CLI_O_RANGE:
		c->range = optarg;
		return -1;
	case CLI_O_COMPARE:
		c->compare = 1;
		return -1;
	case CLI_O_SORT:
		if ((c->cmp_sort = compare_sort_parse(optarg)) < 0)
			return cli_usage(cmd, "unknown sort '%s' (current, previous, change, pct, name)", optarg);
		c->sort_set = 1;
		return -1;
	case CLI_O_FY_START:
		errno = 0;
		v = strtol(optarg, &end, 10);
		if (errno || *end || end == optarg || v < 1 || v > 12)
			return cli_usage(cmd, "--fy-start takes the fiscal year's first month, 1 to 12, not '%s'", optarg);
		c->fy_month = (int)v;
		return -1;
	default:
		fprintf(stderr, "Try 'focal %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
		return EXIT_USAGE;
	}
}

/* One option of cli_parse; -1 to go on, or an exit code. */
static int
parse_one(struct cli *c, const char *cmd, int opt)
{
	int v;
	char *end;
	switch (opt) {
	case 'b':
		c->nby = split_dims(optarg, &c->by, c->nby);
		return -1;
	case 'w':
		c->where = xreallocarray(c->where, (size_t)c->nwhere + 1, sizeof *c->where);
		c->where[c->nwhere++] = optarg;
		return -1;
	case 'm':
		c->metric_set = 1;
		if ((v = metric_find(optarg)) < 0)
			return cli_usage(cmd, "unknown metric '%s' (BilledCost, EffectiveCost, ListCost, ContractedCost, "
			    "ConsumedQuantity, PricingQuantity)", optarg);
		c->metric = (enum metric)v;
		return -1;
	case 'p':
		c->grain_set = 1;
		if ((v = grain_parse(optarg)) < 0)
			return cli_usage(cmd, "unknown period grain '%s' (day, month, quarter, year)", optarg);
		c->grain = (enum grain)v;
		return -1;
	case 'n': {
		long n;
		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno || *end || end == optarg || n < 1 || n > 1000000)
			return cli_usage(cmd, "--top takes a whole number from 1 to 1000000, not '%s'", optarg);
		c->top = (int)n;
		return -1;
	}
	case 'f':
		if ((v = report_format_parse(optarg)) < 0)
			return cli_usage(cmd, "unknown format '%s' (table, csv, json)", optarg);
		c->format = (enum report_format)v;
		c->format_set = 1;
		return -1;
	case CLI_O_FOCUS_VERSION:
		if ((c->focus_version = validate_version_parse(optarg)) < 0)
			return cli_usage(cmd, "--focus-version takes 1.0, 1.1, 1.2 or 1.3, not '%s'", optarg);
		return -1;
	case CLI_O_ALL:
		c->detail = VALIDATE_ALL;
		return -1;
	case 'q':
		c->detail = VALIDATE_QUIET;
		return -1;
	case CLI_O_CURRENCY:
		c->currency = optarg;
		return -1;
	case CLI_O_PIVOT:
		c->pivot = optarg;
		return -1;
	case CLI_O_COLOR:
		if (!strcmp(optarg, "auto"))
			c->color = -1;
		else if (!strcmp(optarg, "always"))
			c->color = 1;
		else if (!strcmp(optarg, "never"))
			c->color = 0;
		else
			return cli_usage(cmd, "--color takes auto, always or never, not '%s'", optarg);
		return -1;
	case CLI_O_LIST_DIMS:
		c->list_dims = 1;
		return -1;
	case CLI_O_STRICT:
		c->strict = 1;
		return -1;
	case CLI_O_NO_CACHE:
		c->no_cache = 1;
		return -1;
	case CLI_O_PROFILE:
		c->profile_path = optarg;
		return -1;
	case CLI_O_ASCII:
		c->ascii = 1;
		return -1;
	case CLI_O_SQL:
		c->sql = 1;
		return -1;
	default:
		return parse_range_opt(c, cmd, opt);
	}
}

/* The long name of an option (opt as getopt_long returns it), or NULL. */
static const char *
option_name(const struct option *o, int opt)
{
	for (; o->name; o++)
		if (o->val == opt && o->flag == NULL)
			return o->name;
	return NULL;
}

int
cli_parse(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"by", required_argument, NULL, 'b'},
		{"where", required_argument, NULL, 'w'},
		{"metric", required_argument, NULL, 'm'},
		{"period", required_argument, NULL, 'p'},
		{"top", required_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		{"list-dims", no_argument, NULL, CLI_O_LIST_DIMS},
		{"strict", no_argument, NULL, CLI_O_STRICT},
		{"profile", required_argument, NULL, CLI_O_PROFILE},
		{"ascii", no_argument, NULL, CLI_O_ASCII},
		{"color", required_argument, NULL, CLI_O_COLOR},
		{"colour", required_argument, NULL, CLI_O_COLOR},
		{"keys-mdoc", no_argument, NULL, CLI_O_KEYS_MDOC},
		{"sql", no_argument, NULL, CLI_O_SQL},
		{"focus-version", required_argument, NULL, CLI_O_FOCUS_VERSION},
		{"all", no_argument, NULL, CLI_O_ALL},
		{"quiet", no_argument, NULL, 'q'},
		{"no-cache", no_argument, NULL, CLI_O_NO_CACHE},
		{"currency", required_argument, NULL, CLI_O_CURRENCY},
		{"from", required_argument, NULL, CLI_O_FROM},
		{"to", required_argument, NULL, CLI_O_TO},
		{"range", required_argument, NULL, CLI_O_RANGE},
		{"compare", no_argument, NULL, CLI_O_COMPARE},
		{"sort", required_argument, NULL, CLI_O_SORT},
		{"fy-start", required_argument, NULL, CLI_O_FY_START},
		{"pivot", required_argument, NULL, CLI_O_PIVOT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = NULL;	/* report, validate and the explorer share focal --help */
	const char *report_opt = NULL, *validate_opt = NULL;
	int opt, rc, validating = argc > 0 && argv[0] && !strcmp(argv[0], "validate");

	memset(c, 0, sizeof *c);
	c->metric = M_EFFECTIVE;
	c->grain = GRAIN_MONTH;
	c->format = isatty(1) ? FMT_TABLE : FMT_CSV;
	c->color = -1;
	c->detail = VALIDATE_SHORT;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:w:m:p:n:f:qhV", longopts, NULL)) != -1) {
		const char *name = option_name(longopts, opt);
		if (name && ((opt < 256 && strchr("bwmpn", opt)) || opt == CLI_O_LIST_DIMS || opt == CLI_O_ASCII ||
		    opt == CLI_O_COLOR || opt == CLI_O_SQL || opt == CLI_O_CURRENCY || opt >= CLI_O_PIVOT) && !report_opt)
			report_opt = name;
		if (name && (opt == CLI_O_FOCUS_VERSION || opt == CLI_O_ALL || opt == 'q') && !validate_opt)
			validate_opt = name;
		if (opt == 'h')
			return CLI_HELP;
		if (opt == 'V') {
			cli_version();
			return EXIT_OK;
		}
		if (opt == CLI_O_KEYS_MDOC) {
			c->keys_mdoc = 1;
			return -1;
		}
		if ((rc = parse_one(c, cmd, opt)) >= 0)
			return rc;
	}
	if (validating && report_opt)
		return cli_usage(cmd, "validate does not use --%s (it checks every row of every file)", report_opt);
	if (!validating && validate_opt)
		return cli_usage(cmd, "--%s is an option of focal validate", validate_opt);
	c->files = argv + optind;
	c->nfiles = argc - optind;
	if (c->nfiles == 0 && !c->keys_mdoc)
		return cli_usage(cmd, "no input file (give a FOCUS CSV file, or - for standard input)");
	return -1;
}

int
cli_run(int argc, char **argv, int (*command)(struct cli *))
{
	struct cli c;
	int rc = cli_parse(&c, argc, argv);
	if (rc == -1)
		rc = command(&c);
	cli_free(&c);
	return rc;
}

void
cli_free(struct cli *c)
{
	for (int i = 0; i < c->nby; i++)
		free(c->by[i]);
	free(c->by);
	free(c->where);
	profile_free_all(c->profiles, c->nprofiles);
}

void
cli_version(void)
{
	printf("focal %s\n", PACKAGE_VERSION);
	printf("libraries: SQLite %s, zlib %s, libcsv %d.%d.%d\n", sqlite3_libversion(), zlibVersion(), CSV_MAJOR,
	    CSV_MINOR, CSV_RELEASE);
}

/* ---- a warehouse table (the rest in cli_wh.c) ---- */

int
cli_warehouse_failed(const char *cmd, int rc, const char *err)
{
	if (rc == -1)
		return cli_usage(cmd, "%s", err);
	cli_say("%s", err);
	return EXIT_FILE;
}

int
cli_load_table(struct cli *c, struct store **out)
{
	static const struct cli_load_ui lui = {NULL, NULL, NULL, 1};
	return cli_exit_code(cli_load_store(c, out, NULL, cli_warehouse_sigint(), NULL, NULL, &lui));
}
