/* fuzz_wh_sql.c - light: the SQL focal sends a warehouse for a report
 * (wh_report.c, wh_clickhouse.c): `--by` and `--where` as `focal report
 * clickhouse://...` reads them (wh_dim_parse, wh_filter_parse) over a fixed
 * FOCUS table (every FOCUS column, typed as `focal push --create` makes
 * them, and Tags), then wh_report_sql. No server: the SQL is only checked.
 *
 * Input: line 1 the `--by` value (DIM[,DIM...], at most 4), each further
 * line a `--where` (at most 8); `@GRAIN` sets `--period`.
 *
 * Beyond the sanitizers, what a user's text must not do to the SQL: the SQL
 * ends outside any quote; every value compared (DIM=VALUE) and every tag key
 * is one string literal of it, exactly (ClickHouse's escapes undone): not
 * cut, not spilled into the statement; a tag key is the one written. */
#include "fuzz_common.h"

#include "warehouse.h"
#include "wh_report.h"

static struct wh w;
static struct wh_table t;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[512];
	(void)argc, (void)argv;
	if (warehouse_open(&w, "clickhouse://127.0.0.1:1/focal.focus", NULL, NULL, err, sizeof err) != 0)
		fz_die(err);
	t.n = FC_COUNT + 1;
	t.names = xcalloc((size_t)t.n, sizeof *t.names);
	t.types = xcalloc((size_t)t.n, sizeof *t.types);
	for (int i = 0; i < FC_COUNT; i++) {
		enum focus_type ty = focus_columns[i].type;
		t.names[i] = xstrdup(focus_columns[i].name);
		t.types[i] = xstrdup(ty == FT_DECIMAL ? w.d->money_type : ty == FT_DATETIME ? w.d->date_type :
		    w.d->text_type);
	}
	if (wh_table_has(&t, "Tags") < 0)
		t.names[FC_COUNT] = xstrdup("Tags");
	else
		t.names[FC_COUNT] = xstrdup("x_Extra");
	t.types[FC_COUNT] = xstrdup(w.d->text_type);
	return 0;
}

/* The string literals of sql, unescaped, one after another (NUL between);
 * -1 when the SQL ends inside a quote. */
static int
literals(const char *sql, char *out, size_t *nout)
{
	size_t o = 0;
	char q = 0;
	for (const char *p = sql; *p; p++) {
		if (!q) {
			if (*p == '\'' || *p == '`')
				q = *p;
			continue;
		}
		if (*p == '\\' && p[1]) {
			p++;
			if (q == '\'')
				out[o++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p == '0' ? '\0' : *p;
			continue;
		}
		if (*p == q) {
			if (q == '\'')
				out[o++] = '\0';
			q = 0;
			continue;
		}
		if (q == '\'')
			out[o++] = *p;
	}
	*nout = o;
	return q ? -1 : 0;
}

/* Is s one of the n bytes of NUL-separated literals? */
static int
has_literal(const char *lits, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t at = 0; at < n; at += strlen(lits + at) + 1)
		if (strlen(lits + at) == k && memcmp(lits + at, s, k) == 0)
			return 1;
	return 0;
}

/* The SQL's literals hold every value compared and every tag key. */
static void
check(const char *sql, const struct wh_dim *dims, int nby, const struct wh_filter *f, int nf, char *const *lines)
{
	size_t n = 0;
	char *lits = xmalloc(strlen(sql) + 1);
	FZ_CHECK(literals(sql, lits, &n) == 0, "the SQL ends inside a quote: %.300s", sql);
	for (int i = 0; i < nby; i++)
		if (dims[i].type == DIM_TAG)
			FZ_CHECK(has_literal(lits, n, dims[i].col), "tag key '%.100s' is not a literal of the SQL",
			    dims[i].col);
	for (int i = 0; i < nf; i++) {
		size_t k = strcspn(lines[i], "!<>=");	/* the DIM the user wrote */
		if (f[i].dim.type == DIM_TAG)
			FZ_CHECK(strlen(f[i].dim.col) == k - 4 && memcmp(f[i].dim.col, lines[i] + 4, k - 4) == 0,
			    "filter tag key '%.100s' is not the key written", f[i].dim.col);
		if (f[i].dim.type == DIM_TAG)
			FZ_CHECK(has_literal(lits, n, f[i].dim.col), "filter tag key '%.100s' is not a literal of the SQL",
			    f[i].dim.col);
		if (f[i].dim.type != DIM_PERIOD && f[i].dim.type != DIM_BILLING_PERIOD &&
		    strcmp(f[i].value, f[i].dim.type == DIM_TAG ? "(untagged)" : "(null)") != 0)
			FZ_CHECK(has_literal(lits, n, f[i].value), "value '%.100s' (%zu bytes) is not a literal of the SQL",
			    f[i].value, strlen(f[i].value));
	}
	free(lits);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), *line, *save = NULL, *byline = NULL, *p, *save2 = NULL, err[1024];
	struct wh_dim dims[4];
	struct wh_filter f[8];
	char *lines[8];
	int nby = 0, nf = 0, ok = 1;
	enum grain g = GRAIN_MONTH;

	memcpy(text, data, size);
	text[size] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '@') {
			int k = grain_parse(line + 1);
			if (k >= 0)
				g = (enum grain)k;
		} else if (byline == NULL)
			byline = line;
		else if (ok && nf < 8) {
			ok = wh_filter_parse(&t, line, g, &f[nf], err, sizeof err) == 0;
			lines[nf] = line;
			nf += ok;
		}
	}
	for (p = byline ? strtok_r(byline, ",", &save2) : NULL; ok && p && nby < 4; p = strtok_r(NULL, ",", &save2)) {
		ok = wh_dim_parse(&t, p, g, &dims[nby], err, sizeof err) == 0;
		nby += ok;
	}
	if (!ok)
		FZ_CHECK(err[0] != '\0', "%s", "refused without a message");
	else {
		char *sql = wh_report_sql(&w, &t, dims, nby, f, nf);
		check(sql, dims, nby, f, nf, lines);
		free(sql);
	}
	for (int i = 0; i < nby; i++)
		wh_dim_free(&dims[i]);
	for (int i = 0; i < nf; i++) {
		wh_dim_free(&f[i].dim);
		free(f[i].value);
	}
	free(text);
	return 0;
}
