/* cmd_report.c - `focal report`: totals grouped by dimensions, as a table,
 * CSV or JSON (report.c prints them). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "query.h"
#include "report.h"
#include "sqlgen.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

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

static void
note_no_match(void *ctx, const char *where)
{
	char clean[600];
	(void)ctx;
	text_sanitize(where, clean, sizeof clean, 0);
	fprintf(stderr, "focal: note: --where %s matches no row\n", clean);
}

static int
list_dims(struct cli *c, struct store *s)
{
	struct dim *d;
	size_t n = dim_list(s, c->grain, &d);
	for (size_t i = 0; i < n; i++) {
		char name[300], clean[600];
		dim_name(s, &d[i], name, sizeof name);
		text_sanitize(name, clean, sizeof clean, 0);
		printf("%s\t%u\n", clean, dim_ncodes(s, &d[i]) - 1);
	}
	free(d);
	/* the values counted leave the rejected rows out: say so, as the
	 * report does */
	return cli_report_rejects(s, stderr, 20) ? EXIT_ROWS : EXIT_OK;
}

/* The group-by dimensions, and the --where filters, into by and f. */
static int
parse_query(struct cli *c, struct store *s, struct dim *by, struct filter *f, int *nf)
{
	char err[512];
	if (c->nby == 0) {
		c->by = xcalloc(1, sizeof *c->by);
		cli_default_by(s, c->grain, &c->by[c->nby++]);
	}
	if (c->nby > QUERY_MAX_BY)
		return cli_usage(NULL, "--by takes at most %d dimensions", QUERY_MAX_BY);
	for (int i = 0; i < c->nby; i++)
		if (dim_parse(s, c->by[i], c->grain, &by[i], err, sizeof err) != 0) {
			fprintf(stderr, "focal: --by %s: %s\n", c->by[i], err);
			return EXIT_USAGE;
		}
	if (cli_parse_where(s, c, f, nf, note_no_match, NULL, err, sizeof err) != 0)
		return cli_usage(NULL, "%s", err);
	return EXIT_OK;
}

/* report --sql: the SELECT over the focus table that computes the report */
static int
print_sql(struct cli *c, struct store *s, const struct dim *by, const struct filter *f, int nf)
{
	const char *values[CLI_MAX_WHERE];
	char *sql;
	for (int i = 0; i < nf; i++)
		values[i] = strchr(c->where[i], '=') + 1;
	sql = sqlgen_report(s, by, c->nby, (const char *const *)c->by, f, nf, values, c->metric, c->top);
	fputs(sql, stdout);
	free(sql);
	return fflush(stdout) != 0 && errno != EPIPE ? EXIT_WRITE : EXIT_OK;
}

/* The report of c (c parsed): also what the explorer prints when it cannot
 * run. */
int
cmd_report(struct cli *c)
{
	struct store *s;
	struct dim by[QUERY_MAX_BY];
	struct filter f[CLI_MAX_WHERE];
	struct qresult r;
	struct report_opts ro = {0};
	int nf = 0, rc = cli_load(c, &s, NULL);

	if (rc != EXIT_OK)
		cli_report_rejects(s, stderr, 20);
	else if (c->list_dims)
		rc = list_dims(c, s);
	else if ((rc = parse_query(c, s, by, f, &nf)) == EXIT_OK && c->sql)
		rc = print_sql(c, s, by, f, nf);
	else if (rc == EXIT_OK) {
		query_run(s, by, c->nby, f, nf, &r);
		qresult_sort(s, &r, c->metric, QSORT_VALUE, 0);
		if (c->top > 0)
			qresult_top(&r, (size_t)c->top);
		ro.format = c->format;
		ro.metric = c->metric;
		ro.ascii = c->ascii;
		ro.by_names = (const char *const *)c->by;
		if (report_print(stdout, s, &r, &ro) != 0 && errno != EPIPE) {
			fprintf(stderr, "focal: writing the report: %s\n", strerror(errno));
			rc = EXIT_WRITE;
		}
		store_each_note(s, cli_print_note, stderr);
		store_each_deviation(s, note_kept_values, stderr);
		if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
			rc = EXIT_ROWS;
		qresult_free(&r);
	}
	store_free(s);
	return rc;
}

static int
run(int argc, char **argv)
{
	return cli_run(argc, argv, cmd_report);
}

const struct cmd_entry cmd_report_entry = {
	"report", "[OPTION]... FILE...", "print totals grouped by dimensions", run,
};
