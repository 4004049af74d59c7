/* fuzz_sql.c - light: user SQL (sql.c, sql_money.c, store_vt.c), as
 * `focal sql`, `focal usecase` and the explorer's SQL prompt run it: each
 * statement of the input prepared with sql_prepare, stepped (at most 256
 * rows, 200,000 VM steps: the harness's bound, as a user's Ctrl-C is
 * focal's), every value read with sql_value_text, on one session over a
 * store of the sample's first rows opened once.
 *
 * Beyond the sanitizers: the session only reads. After each input the
 * store's rows and total are those it had, no change was counted, no table,
 * view, trigger or index exists that did not before (main or temp), no
 * database is attached, and the working directory has the entries it had:
 * no ATTACH, VACUUM INTO or other file. A failed prepare gives a message; a refused statement
 * says it was refused. The text also goes through sqlmix_may_add (the
 * warehouse SQL's currency note), under the sanitizers. */
#include "fuzz_common.h"

#include <dirent.h>

#include <sqlite3.h>

#include "sql.h"
#include "sqlmix.h"

static struct store *st;
static struct sql *q;
static sqlite3 *db;
static sqlite3_stmt *q_schema;
static size_t rows0;
static money_t total0;
static long schema0;
static sqlite3_int64 changes0;
static int entries0;
static unsigned long steps;

/* Tables, views, triggers and indexes, main and temp. */
static long
schema(void)
{
	long n = -1;
	sqlite3_reset(q_schema);
	if (sqlite3_step(q_schema) == SQLITE_ROW)
		n = sqlite3_column_int(q_schema, 0);
	sqlite3_reset(q_schema);
	return n;
}

static int
budget(void *ctx)
{
	(void)ctx;
	return ++steps > 200;	/* called every 1,000 steps */
}

/* Entries of the working directory. */
static int
entries(void)
{
	DIR *d = opendir(".");
	struct dirent *e;
	int n = 0;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char csv[64], err[1024], *text;
	struct load_opts lo = {0};
	size_t n;
	int cfd;

	(void)argc, (void)argv;
	fz_load_profiles();
	st = store_new();
	cfd = fz_memfd("sql.csv", csv);
	text = fz_sample_head(40, &n);
	fz_fill(cfd, text, n);
	free(text);
	if (load_file(st, csv, &lo, err, sizeof err) != LOAD_OK)
		fz_die(err);
	store_finish(st, (const struct profile *const *)fz_prof, fz_nprof);
	if ((q = sql_open(st, err, sizeof err)) == NULL)
		fz_die(err);
	db = sql_db(q);
	/* a user's huge string is theirs to wait for; the search needs speed */
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 16);
	sqlite3_progress_handler(db, 1000, budget, NULL);
	if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sqlite_schema) + (SELECT count(*) FROM"
	    " sqlite_temp_schema)", -1, &q_schema, NULL) != SQLITE_OK)
		fz_die(sqlite3_errmsg(db));
	rows0 = store_nrows(st);
	total0 = fz_total(st);
	schema0 = schema();
	changes0 = sqlite3_total_changes64(db);
	entries0 = entries();
	return 0;
}

/* Binds each parameter as `focal sql --param NAME=VALUE` would, with a
 * value from a fixed list (numbers bound as exact money, text as text). */
static void
bind(sqlite3_stmt *s, size_t seed)
{
	static const char *const values[] = {"2025-01-01", "12.5", "-0.000000000000000001",
		"99999999999999999999999999999999999999", "", "1e3", "NaN", "Compute", "0"};
	for (int i = 1; i <= sqlite3_bind_parameter_count(s); i++) {
		const char *name = sqlite3_bind_parameter_name(s, i);
		char num[16];
		if (name == NULL) {
			snprintf(num, sizeof num, "%d", i);
			name = num;
		} else if (name[0] == '?')
			name++;
		else if (strchr(":@$", name[0]) && strlen(name) < 200)
			name++;	/* :NAME, @NAME, $NAME (SQLite's #NAME: not a --param) */
		else
			continue;
		FZ_CHECK(sql_bind_param(s, name, values[(seed + (size_t)i) % (sizeof values / sizeof values[0])]) == 0,
		    "parameter %d ('%s') not bound", i, name);
	}
}

/* Steps one statement, reading every value as focal prints it. */
static void
run(sqlite3_stmt *s)
{
	char buf[256];
	int rows = 0, rc = SQLITE_ROW;
	while (rows < 256 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			int isnum, isnull;
			const char *t = sql_value_text(sqlite3_column_value(s, i), buf, sizeof buf, &isnum, &isnull);
			FZ_CHECK(t != NULL, "column %d of row %d: no text", i, rows);
			FZ_CHECK(!isnull || *t == '\0', "a NULL printed as '%s'", t);
		}
		rows++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		FZ_CHECK(*sql_errmsg(q) != '\0', "%s", "a failed step without a message");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), err[2048];
	const char *at = text;
	int stmts = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	steps = 0;
	/* the same text as a warehouse's SQL: its scan for the currency note */
	FZ_CHECK(sqlmix_may_add(text, text[0] & 1) >> 1 == 0, "%s", "sqlmix_may_add answered neither 0 nor 1");
	while (*at && stmts++ < 8 && steps <= 200) {
		sqlite3_stmt *s = NULL;
		err[0] = '\0';
		if (sql_prepare(q, text, &at, &s, err, sizeof err) != 0) {
			FZ_CHECK(err[0] != '\0', "%s", "a statement failed without a message");
			if (sqlite3_errcode(db) == SQLITE_AUTH)
				FZ_CHECK(strstr(err, "refused") != NULL, "a refusal that does not say so: %s", err);
			break;
		}
		if (s == NULL)
			break;
		bind(s, size);
		run(s);
		sqlite3_finalize(s);
	}
	free(text);
	steps = 0;	/* the checks' own query runs unbounded */
	FZ_CHECK(sqlite3_get_autocommit(db), "%s", "a transaction left open");
	FZ_CHECK(sqlite3_total_changes64(db) == changes0, "%s", "the session changed rows");
	FZ_CHECK(schema() == schema0, "%s", "the schema changed (a table, view, trigger or index)");
	FZ_CHECK(sqlite3_db_name(db, 2) == NULL, "%s", "a database is attached");
	FZ_CHECK(entries() == entries0, "%s", "a file appeared in the working directory");
	FZ_CHECK(store_nrows(st) == rows0, "%s", "the store's rows changed");
	FZ_CHECK(fz_total(st) == total0, "%s", "the store's total changed");
	return 0;
}
