/* sqltab.c - a user's SQL result as a table to look at (sqltab.h). */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "sql.h"
#include "sqltab.h"
#include "text.h"
#include "value.h"
#include "xmalloc.h"

void
sqltab_free(struct sqltab *t)
{
	for (int c = 0; c < t->ncol; c++)
		free(t->col[c]);
	for (size_t i = 0; i < t->nrow * (size_t)t->ncol; i++)
		free(t->cell[i]);
	free(t->col);
	free(t->cell);
	free(t->num);
	memset(t, 0, sizeof *t);
}

const char *
sqltab_cell(const struct sqltab *t, size_t row, int c)
{
	if (row >= t->nrow || c < 0 || c >= t->ncol)
		return "";
	return t->cell[row * (size_t)t->ncol + (size_t)c];
}

/* The rows of one statement into t (emptied first). */
static int
take_rows(struct sql *q, sqlite3_stmt *st, size_t maxrows, struct sqltab *t, char *err, size_t errlen)
{
	size_t cap = 0;
	int rc;
	sqltab_free(t);
	t->ncol = sqlite3_column_count(st);
	t->col = xcalloc((size_t)t->ncol + 1, sizeof *t->col);
	for (int c = 0; c < t->ncol; c++) {
		const char *name = sqlite3_column_name(st, c);
		t->col[c] = xstrdup(name ? name : "");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->nrow == maxrows) {
			t->truncated = 1;
			break;
		}
		if (t->nrow == cap) {
			cap = cap ? cap * 2 : 64;
			t->cell = xreallocarray(t->cell, cap * (size_t)t->ncol + 1, sizeof *t->cell);
			t->num = xreallocarray(t->num, cap * (size_t)t->ncol + 1, sizeof *t->num);
		}
		for (int c = 0; c < t->ncol; c++) {
			char buf[256];
			int isnum, isnull;
			const char *v = sql_value_text(sqlite3_column_value(st, c), buf, sizeof buf, &isnum, &isnull);
			size_t k = t->nrow * (size_t)t->ncol + (size_t)c;
			t->cell[k] = xstrdup(isnull ? "" : v);
			t->num[k] = (unsigned char)(isnum && !isnull);
		}
		t->nrow++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sql_errmsg(q));
		return -1;
	}
	return 0;
}

/* Binds the NAME=VALUE params the statement has; the others are not its. */
static void
bind_params(sqlite3_stmt *st, char *const *params, int nparams)
{
	for (int i = 0; i < nparams; i++) {
		char name[128];
		size_t l = strcspn(params[i], "=");
		if (params[i][l] != '=' || l >= sizeof name)
			continue;
		memcpy(name, params[i], l);
		name[l] = '\0';
		(void)sql_bind_param(st, name, params[i] + l + 1);
	}
}

int
sqltab_run(struct sql *q, const char *text, char *const *params, int nparams, size_t maxrows,
    struct sqltab *out, char *err, size_t errlen)
{
	const char *p = text;
	struct sqltab t = {0};
	int kept = 0;

	for (;;) {
		sqlite3_stmt *st = NULL;
		int rc;
		if (sql_prepare(q, text, &p, &st, err, errlen) != 0) {
			sqltab_free(&t);
			return -1;
		}
		if (st == NULL)
			break;
		bind_params(st, params, nparams);
		if (sqlite3_column_count(st) > 0) {
			rc = take_rows(q, st, maxrows, &t, err, errlen);
			kept = 1;
		} else {
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			rc = rc == SQLITE_DONE ? 0 : (snprintf(err, errlen, "%s", sql_errmsg(q)), -1);
		}
		sqlite3_finalize(st);
		if (rc != 0) {
			sqltab_free(&t);
			return -1;
		}
	}
	if (!kept) {
		snprintf(err, errlen, "no statement returned rows");
		return -1;
	}
	sqltab_free(out);
	*out = t;
	return 0;
}

static const struct sqltab *sort_t;	/* qsort has no context argument */
static int sort_c, sort_rev;

static int
cmp_rows(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb, n = (size_t)sort_t->ncol;
	size_t ka = a * n + (size_t)sort_c, kb = b * n + (size_t)sort_c;
	int na = sort_t->num[ka], nb = sort_t->num[kb], c;
	if (na && nb) {
		money_t x, y;
		unsigned dev = 0;
		const char *sa = sort_t->cell[ka], *sb = sort_t->cell[kb];
		int ox = money_parse(sa, strlen(sa), &x, &dev) == 0, oy = money_parse(sb, strlen(sb), &y, &dev) == 0;
		if (ox && oy)
			c = (x > y) - (x < y);
		else
			c = strcmp(sort_t->cell[ka], sort_t->cell[kb]);
	} else if (na != nb)
		c = na ? -1 : 1;	/* numbers before texts, either way */
	else
		c = strcmp(sort_t->cell[ka], sort_t->cell[kb]);
	if (sort_rev && (na == nb))
		c = -c;
	return c ? c : (a > b) - (a < b);
}

void
sqltab_sort(struct sqltab *t, int c, int reverse)
{
	size_t n = (size_t)t->ncol, *order;
	char **cell;
	unsigned char *num;
	if (c < 0 || c >= t->ncol || t->nrow < 2)
		return;
	order = xcalloc(t->nrow, sizeof *order);
	for (size_t i = 0; i < t->nrow; i++)
		order[i] = i;
	sort_t = t;
	sort_c = c;
	sort_rev = reverse;
	qsort(order, t->nrow, sizeof *order, cmp_rows);
	cell = xcalloc(t->nrow * n, sizeof *cell);
	num = xcalloc(t->nrow * n, sizeof *num);
	for (size_t i = 0; i < t->nrow; i++) {
		memcpy(cell + i * n, t->cell + order[i] * n, n * sizeof *cell);
		memcpy(num + i * n, t->num + order[i] * n, n * sizeof *num);
	}
	free(t->cell);
	free(t->num);
	t->cell = cell;
	t->num = num;
	free(order);
}

int
sqltab_csv(const struct sqltab *t, FILE *f)
{
	for (int c = 0; c < t->ncol; c++) {
		if (c)
			fputc(',', f);
		text_csv(f, t->col[c]);
	}
	fputc('\n', f);
	for (size_t i = 0; i < t->nrow; i++) {
		for (int c = 0; c < t->ncol; c++) {
			if (c)
				fputc(',', f);
			text_csv(f, sqltab_cell(t, i, c));
		}
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- the prompt's history ---- */

size_t
sqltab_history_load(const char *path, char ***lines)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	*lines = NULL;
	if (f == NULL)
		return 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		*lines = xreallocarray(*lines, n + 1, sizeof **lines);
		(*lines)[n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	return n;
}

void
sqltab_history_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int
sqltab_history_add(const char *path, const char *text, char *err, size_t errlen)
{
	char **lines, *one = xstrdup(text);
	size_t n = sqltab_history_load(path, &lines), first;
	struct outfile of;
	int rc = 0;
	for (char *p = one; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (*one && (n == 0 || strcmp(lines[n - 1], one) != 0)) {
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = xstrdup(one);
		first = n > SQLTAB_HISTORY ? n - SQLTAB_HISTORY : 0;
		if (outfile_open(&of, path, err, errlen) == NULL)
			rc = -1;
		else {
			for (size_t i = first; i < n; i++)
				fprintf(of.f, "%s\n", lines[i]);
			rc = outfile_commit(&of, 1, err, errlen) == 0 ? 0 : -1;
		}
	}
	sqltab_history_free(lines, n);
	free(one);
	return rc;
}
