/* cmd_sql_wh.c - `focal sql 'SELECT ...' clickhouse://HOST:PORT/DB.TABLE`:
 * the user's SQL run by the warehouse, read-only (the server's own
 * `readonly=1` for the request: it refuses any write or setting), printed
 * by the same printer as SQL over the loaded rows (sqlout.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "cli.h"
#include "sqlmix.h"
#include "sqlout.h"
#include "text.h"
#include "warehouse.h"
#include "xmalloc.h"

#define MAX_COLS 1024

/* Is a column of this server type a number (printed right-aligned, bare
 * in CSV and JSON)? */
static int
numeric_type(const char *type)
{
	static const char *const num[] = {"Int", "UInt", "Float", "Decimal"};
	if (type == NULL)
		return 0;
	if (strncmp(type, "Nullable(", 9) == 0)
		type += 9;
	for (size_t i = 0; i < sizeof num / sizeof *num; i++)
		if (strncmp(type, num[i], strlen(num[i])) == 0)
			return 1;
	return 0;
}

/* A Decimal written as SQL over the loaded rows writes an exact decimal:
 * without the trailing zeros of its scale (ClickHouse writes all 18). */
static int
is_decimal(const char *type)
{
	if (type && strncmp(type, "Nullable(", 9) == 0)
		type += 9;
	return type && strncmp(type, "Decimal", 7) == 0;
}

static void
trim_scale(char *v)
{
	char *dot = strchr(v, '.'), *end;
	if (dot == NULL)
		return;
	end = v + strlen(v);
	while (end > dot + 1 && end[-1] == '0')
		end--;
	if (end == dot + 1)
		end = dot;
	*end = '\0';
	if (strcmp(v, "-0") == 0)
		strcpy(v, "0");
}

/* Does the statement answer with rows (so that it takes a FORMAT)? */
static int
answers_rows(const char *text)
{
	static const char *const kw[] = {"SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN"};
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r' || *text == '(')
		text++;
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++) {
		size_t n = strlen(kw[i]);
		if (strncasecmp(text, kw[i], n) == 0 && !isalnum((unsigned char)text[n]) && text[n] != '_')
			return 1;
	}
	return 0;
}

/* The query as sent: the user's text without a trailing ';', then, for a
 * statement with rows, the answer's format (malloc'd). Any other statement
 * goes as it is, for the server to refuse (readonly). */
static char *
as_sent(const char *text)
{
	size_t n = strlen(text);
	char *sql;
	while (n > 0 && (text[n - 1] == ';' || text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' ||
	    text[n - 1] == '\r'))
		n--;
	xasprintf(&sql, "%.*s%s", (int)n, text, answers_rows(text) ? " FORMAT TabSeparatedWithNamesAndTypes" : "");
	return sql;
}

/* The answer: names, types, then the rows. */
static int
print_answer(char *text, enum report_format fmt, int ascii, const char *url)
{
	char **names = xcalloc(MAX_COLS, sizeof *names), **types = xcalloc(MAX_COLS, sizeof *types);
	char **row = xcalloc(MAX_COLS, sizeof *row), *p = text;
	int ncol = warehouse_tsv_row(&p, names, MAX_COLS), first = 1, rc = 0;
	struct sqlout o;

	if (ncol < 1 || ncol > MAX_COLS || warehouse_tsv_row(&p, types, MAX_COLS) != ncol) {
		cli_say("%s: unexpected answer from the server (expected the column names and types first)", url);
		rc = 2;
	} else {
		int k;
		sqlout_begin(&o, fmt, ascii, ncol, (const char *const *)names, &first);
		while ((k = warehouse_tsv_row(&p, row, MAX_COLS)) >= 0) {
			if (k != ncol) {
				cli_say("%s: unexpected answer from the server (a row of %d fields, not %d)", url, k, ncol);
				rc = 2;
				break;
			}
			for (int i = 0; i < ncol; i++) {
				if (row[i] && is_decimal(types[i]))
					trim_scale(row[i]);
				sqlout_cell(&o, i, row[i] ? row[i] : "", numeric_type(types[i]) && row[i], row[i] == NULL);
			}
			sqlout_row_end(&o);
		}
		sqlout_end(&o);
		if (fmt == FMT_JSON)
			fputc('\n', stdout);
	}
	free(names);
	free(types);
	free(row);
	return rc;
}

/* The note `focal sql` gives over loaded rows (cmd_sql.c), from the query's
 * text (sqlmix.h): the warehouse plans its own SQL. Said after the answer,
 * only when the table's rows are in more than one currency; a failure to
 * count them is said too, so that silence always means one currency. */
static void
currency_note(struct wh *w, const char *text)
{
	char err[1200];
	unsigned n;
	if (!sqlmix_may_add(text, 0))
		return;
	if (warehouse_currencies(w, &n, err, sizeof err) != 0)
		cli_say("note: the billing currencies of the rows could not be counted (%s): "
		    "a sum over rows of more than one adds them", err);	/* (the server's words, sanitised) */
	else if (n > 1)
		fprintf(stderr, "focal: note: the rows are in %u billing currencies: a sum over rows of more "
		    "than one adds them (group or filter by BillingCurrency)\n", n);
}

int
cmd_sql_warehouse(struct cli *c, const char *text, int nparams)
{
	struct wh w;
	char err[1200], *sql, *answer = NULL;
	int rc, stop;

	if (nparams > 0)
		return cli_usage("sql", "--param works on loaded files only (write the values in the query)");
	if (c->nfiles != 1)
		return cli_usage("sql", "one warehouse table at a time, and no file beside it");
	if ((rc = cli_warehouse_open(&w, c->files[0], 0, err, sizeof err)) != 0)
		return cli_warehouse_failed("sql", rc, err);
	w.readonly = 1;
	sql = as_sent(text);
	if (warehouse_exec(&w, sql, NULL, 0, &answer, err, sizeof err) != 0) {
		cli_warehouse_wait_clear();
		cli_say("%s", err);
		rc = 4;	/* as a query the loaded rows refuse */
	} else {
		cli_warehouse_wait_clear();
		rc = print_answer(answer, c->format, c->ascii, w.url);
		if (rc == 0)
			currency_note(&w, text);
	}
	free(answer);
	free(sql);
	stop = cli_warehouse_close(&w);
	return stop ? stop : rc;
}
