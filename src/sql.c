/* sql.c - sessions of user SQL on the store's connection: read-only by
 * construction (authorizer, limits, db_config), exact money, located errors. */
#include "sql.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xmalloc.h"

struct sql {
	sqlite3 *db;
	char refused[256];	/* why the authorizer said no */
	int old_attached;
	volatile int interrupted;
};

/* ---- money <-> SQL values ---- */

static const double pow10d[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
	1e14, 1e15, 1e16, 1e17, 1e18};

/* 1 and the double when v's exact decimal has at most 15 significant
 * digits: m and 10^k are exact doubles, so one correctly rounded division
 * gives the double nearest the decimal, which reads back to it. */
static int
money_double(money_t v, double *out)
{
	__extension__ unsigned __int128 m = (unsigned __int128)(v < 0 ? -v : v);
	int zeros = 0, digits = 0;
	while (m && m % 10 == 0 && zeros < MONEY_DIGITS) {
		m /= 10;
		zeros++;
	}
	for (money_t t = (money_t)m; t; t /= 10)	/* m < 10^37 */
		digits++;
	if (digits > 15)
		return 0;
	*out = (double)(uint64_t)m / pow10d[MONEY_DIGITS - zeros];
	if (v < 0)
		*out = -*out;
	return 1;
}

static int
money_int(money_t v, sqlite3_int64 *out)
{
	if (v % MONEY_ONE != 0 || v / MONEY_ONE > INT64_MAX || v / MONEY_ONE < INT64_MIN)
		return 0;
	*out = (sqlite3_int64)(v / MONEY_ONE);
	return 1;
}

void
sql_result_money(sqlite3_context *ctx, money_t v)
{
	sqlite3_int64 i;
	double d;
	if (money_int(v, &i))
		sqlite3_result_int64(ctx, i);
	else if (money_double(v, &d))
		sqlite3_result_double(ctx, d);
	else {
		char buf[64];
		size_t n = money_format(v, -1, 0, 0, buf, sizeof buf);
		sqlite3_result_text(ctx, buf, (int)n, SQLITE_TRANSIENT);
		sqlite3_result_subtype(ctx, 'M');	/* a number, for writers */
	}
}

/* The decimal a double stands for: the one with the fewest decimals that
 * reads back to it (every column value of <= 15 digits is found this way),
 * else its shortest round-trip text. */
static int
double_money(double x, money_t *out)
{
	char buf[40];
	unsigned dev = 0;
	if (!isfinite(x))
		return -1;
	for (int e = 0; e <= MONEY_DIGITS; e++) {
		double r = nearbyint(x * pow10d[e]);
		if (fabs(r) < 1e15 && r / pow10d[e] == x) {
			*out = (money_t)(long long)r * (money_t)(long long)pow10d[MONEY_DIGITS - e];
			return 0;
		}
	}
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return money_parse(buf, strlen(buf), out, &dev) == 0 ? 0 : -1;
}

int
sql_value_money(sqlite3_value *v, money_t *out)
{
	unsigned dev = 0;
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		*out = money_from_int(sqlite3_value_int64(v));
		return 0;
	case SQLITE_FLOAT:
		return double_money(sqlite3_value_double(v), out);
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_value_text(v);
		if (t && money_parse(t, (size_t)sqlite3_value_bytes(v), out, &dev) == 0)
			return 0;
		if (sqlite3_value_numeric_type(v) == SQLITE_NULL || sqlite3_value_type(v) == SQLITE_TEXT)
			return -1;
		return sql_value_money(v, out);
	}
	default:
		return -1;
	}
}

const char *
sql_value_text(sqlite3_value *v, char *buf, size_t n, int *isnum, int *isnull)
{
	money_t m;
	*isnum = *isnull = 0;
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		*isnull = 1;
		return "";
	case SQLITE_INTEGER:
		*isnum = 1;
		snprintf(buf, n, "%lld", (long long)sqlite3_value_int64(v));
		return buf;
	case SQLITE_FLOAT:
		*isnum = 1;
		if (double_money(sqlite3_value_double(v), &m) == 0)
			money_format(m, -1, 0, 0, buf, n);
		else
			snprintf(buf, n, "%.17g", sqlite3_value_double(v));
		return buf;
	case SQLITE_BLOB:
		snprintf(buf, n, "(blob of %d bytes)", sqlite3_value_bytes(v));
		return buf;
	default:
		/* exact money made by focal carries subtype 'M' */
		*isnum = sqlite3_value_subtype(v) == 'M';
		return (const char *)sqlite3_value_text(v);
	}
}

/* ---- exact sum, total, avg (over the built-in names) ---- */

struct acc {
	money_t sum;
	sqlite3_int64 n;
	int bad;	/* left the exact range */
};

/* sqlite3_aggregate_context's memory is only 8-byte aligned and money_t
 * wants 16, so the state is copied in and out rather than used in place. */
static void *
acc_get(sqlite3_context *ctx, int n, struct acc *a)
{
	void *p = sqlite3_aggregate_context(ctx, n);
	memset(a, 0, sizeof *a);
	if (p != NULL)
		memcpy(a, p, sizeof *a);
	return p;
}

static void
agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct acc acc, *a = &acc;
	void *p = acc_get(ctx, (int)sizeof acc, a);
	money_t v;
	(void)argc;
	if (p == NULL || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if (sql_value_money(argv[0], &v) != 0) {
		/* text that is no number counts as SQLite counts it */
		if (double_money(sqlite3_value_double(argv[0]), &v) != 0)
			v = 0;
	}
	a->n++;
	if (!a->bad && (a->sum = money_add(a->sum, v)) == MONEY_NULL)
		a->bad = 1;
	memcpy(p, a, sizeof *a);
}

static void
agg_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct acc acc, *a = &acc;
	void *p = acc_get(ctx, (int)sizeof acc, a);
	money_t v;
	(void)argc;
	if (p == NULL || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if (sql_value_money(argv[0], &v) != 0 && double_money(sqlite3_value_double(argv[0]), &v) != 0)
		v = 0;
	a->n--;
	if (!a->bad && (a->sum = money_add(a->sum, -v)) == MONEY_NULL)
		a->bad = 1;
	memcpy(p, a, sizeof *a);
}


static void
agg_value(sqlite3_context *ctx, int kind)
{
	struct acc acc, *a = &acc;
	acc_get(ctx, 0, a);
	if (a->bad) {
		sqlite3_result_error(ctx, "sum out of focal's exact range (about 10^19 with 18 decimals)", -1);
		return;
	}
	if (kind == 't')
		sql_result_money(ctx, a->sum);
	else if (a->n == 0)
		sqlite3_result_null(ctx);
	else if (kind == 's')
		sql_result_money(ctx, a->sum);
	else
		sql_result_money(ctx, money_div(a->sum, money_from_int(a->n)));
}

static void sum_value(sqlite3_context *c) { agg_value(c, 's'); }
static void total_value(sqlite3_context *c) { agg_value(c, 't'); }
static void avg_value(sqlite3_context *c) { agg_value(c, 'a'); }

/* ---- decimal(), decimal_add/sub/mul/cmp(), decimal_sum() ----
 * The names and meaning of SQLite's decimal extension (which the stock
 * sqlite3 shell has built in), over focal's exact money: a query that
 * subtracts one cost from another is exact in focal and in the shell. */

static int
decimal_arg(sqlite3_context *ctx, sqlite3_value *v, money_t *out)
{
	if (sqlite3_value_type(v) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return -1;
	}
	if (sql_value_money(v, out) != 0) {
		sqlite3_result_error(ctx, "decimal: not a number focal can hold exactly "
		    "(up to about 10^19 with 18 decimals)", -1);
		return -1;
	}
	return 0;
}

static void
decimal_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *op = sqlite3_user_data(ctx);
	money_t a, b = 0, r;
	if (decimal_arg(ctx, argv[0], &a) != 0 || (argc > 1 && decimal_arg(ctx, argv[1], &b) != 0))
		return;
	switch (*op) {
	case '+': r = money_add(a, b); break;
	case '-': r = money_add(a, -b); break;
	case '*': r = money_mul(a, b); break;
	case '<':
		sqlite3_result_int(ctx, a < b ? -1 : a > b);
		return;
	default: r = a; break;
	}
	if (r == MONEY_NULL) {
		sqlite3_result_error(ctx, "decimal: result out of focal's exact range (about 10^19 with 18 decimals)", -1);
		return;
	}
	sql_result_money(ctx, r);
}

static int
decimal_register(sqlite3 *db)
{
	static const struct { const char *name; int n; const char *op; } fns[] = {
		{"decimal", 1, "="}, {"decimal_add", 2, "+"}, {"decimal_sub", 2, "-"},
		{"decimal_mul", 2, "*"}, {"decimal_cmp", 2, "<"},
	};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof fns / sizeof fns[0]; i++)
		rc = sqlite3_create_function(db, fns[i].name, fns[i].n, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		    (void *)fns[i].op, decimal_fn, NULL, NULL);
	return rc;
}

/* ---- the authorizer ---- */

/* Pragmas that only describe the schema or SQLite itself. */
static const char *const pragma_ok[] = {"table_info", "table_xinfo", "table_list", "function_list",
	"module_list", "pragma_list", "collation_list", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", NULL};

static int
refuse(struct sql *q, const char *what)
{
	snprintf(q->refused, sizeof q->refused, "%s is refused: focal's SQL only reads the loaded data", what);
	return SQLITE_DENY;
}

static int authorize_one(struct sql *, int action, const char *a1, const char *a2);

/* The first refusal is the one the user wrote (CREATE TABLE, not the
 * INSERT into sqlite_master it implies). */
static int
authorize(void *ctx, int action, const char *a1, const char *a2, const char *a3, const char *a4)
{
	struct sql *q = ctx;
	char first[sizeof q->refused];
	int rc;
	(void)a3;
	(void)a4;
	memcpy(first, q->refused, sizeof first);
	rc = authorize_one(q, action, a1, a2);
	if (first[0])
		memcpy(q->refused, first, sizeof first);
	return rc;
}

static int
authorize_one(struct sql *q, int action, const char *a1, const char *a2)
{
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		if (a2 && (!sqlite3_stricmp(a2, "load_extension") || !sqlite3_stricmp(a2, "readfile") ||
		    !sqlite3_stricmp(a2, "writefile") || !sqlite3_stricmp(a2, "fts3_tokenizer")))
			return refuse(q, !sqlite3_stricmp(a2, "load_extension") ? "load_extension()" : "this function");
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		for (int i = 0; a1 && pragma_ok[i]; i++)
			if (!sqlite3_stricmp(a1, pragma_ok[i]) && (a2 == NULL || sqlite3_stricmp(a1, "table_list")))
				return SQLITE_OK;
		snprintf(q->refused, sizeof q->refused,
		    "PRAGMA %.60s is refused: focal's SQL only reads the loaded data (allowed: table_info, "
		    "table_list, function_list, ...)", a1 ? a1 : "");
		return SQLITE_DENY;
	case SQLITE_ATTACH:
		return refuse(q, "ATTACH");
	case SQLITE_DETACH:
		return refuse(q, "DETACH");
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		if (a1 && (!sqlite3_stricmp(a1, "sqlite_master") || !sqlite3_stricmp(a1, "sqlite_temp_master"))) {
			/* SQLite asks for UPDATE of the schema when it first connects
			 * an eponymous table (pragma_table_info); SQLite itself never
			 * lets a statement write the schema table, and every CREATE,
			 * DROP and ALTER is refused below */
			if (action == SQLITE_UPDATE)
				return SQLITE_OK;
			return refuse(q, "changing the schema (CREATE, DROP, ALTER)");
		}
		snprintf(q->refused, sizeof q->refused,
		    "%s on %.60s is refused: the loaded data is read-only", action == SQLITE_INSERT ? "INSERT" :
		    action == SQLITE_UPDATE ? "UPDATE" : "DELETE", a1 ? a1 : "a table");
		return SQLITE_DENY;
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		return refuse(q, "a transaction statement");
	default:
		return refuse(q, action == SQLITE_ANALYZE ? "ANALYZE" : action == SQLITE_REINDEX ? "REINDEX" :
		    action == SQLITE_ALTER_TABLE ? "ALTER TABLE" : "creating or dropping a table, view, index or trigger");
	}
}

struct sql *
sql_open(struct store *s, char *err, size_t errlen)
{
	struct sql *q = xcalloc(1, sizeof *q);
	int rc, off = 0, on = 1;
	q->db = store_db(s);
	rc = store_vt_register(s, q->db);
	for (int i = 0; rc == SQLITE_OK && i < 4; i++) {
		static const char *const names[] = {"sum", "total", "avg", "decimal_sum"};
		static void (*const values[])(sqlite3_context *) = {sum_value, total_value, avg_value, sum_value};
		rc = sqlite3_create_window_function(q->db, names[i], 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, q,
		    agg_step, values[i], values[i], agg_inverse, NULL);
	}
	if (rc == SQLITE_OK)
		rc = decimal_register(q->db);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(q->db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(q->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "SQL: %s", sqlite3_errmsg(q->db));
		free(q);
		return NULL;
	}
	/* connect the eponymous tables now, before any authorizer sees it */
	for (int i = 0; rc == SQLITE_OK && i < 2; i++) {
		sqlite3_stmt *st;
		rc = sqlite3_prepare_v2(q->db, i ? "SELECT 1 FROM focus_tags" : "SELECT 1 FROM focus", -1, &st, NULL);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "SQL: %s", sqlite3_errmsg(q->db));
		free(q);
		return NULL;
	}
	q->old_attached = sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED, 0);
	return q;
}

void
sql_close(struct sql *q)
{
	if (q == NULL)
		return;
	sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED, q->old_attached);
	free(q);
}

sqlite3 *
sql_db(struct sql *q)
{
	return q->db;
}

void
sql_interrupt(struct sql *q)
{
	q->interrupted = 1;
	sqlite3_interrupt(q->db);
}

int
sql_interrupted(struct sql *q)
{
	return q->interrupted;
}

const char *
sql_errmsg(struct sql *q)
{
	if (q->interrupted)
		return "query interrupted";
	if (strstr(sqlite3_errmsg(q->db), "too many attached"))
		return "ATTACH and VACUUM are refused: focal's SQL only reads the loaded data";
	return sqlite3_errmsg(q->db);
}

/* "line N: text\n         ^" for the byte at off of the query. */
static void
locate(const char *base, int off, char *out, size_t n)
{
	const char *p = base, *line = base;
	int ln = 1, col, w;
	char head[32];
	for (; p < base + off && *p; p++)
		if (*p == '\n') {
			ln++;
			line = p + 1;
		}
	col = (int)(base + off - line);
	w = (int)strcspn(line, "\n");
	w = w > 200 ? 200 : w;
	if (col > w)
		col = w;
	snprintf(head, sizeof head, "  line %d: ", ln);
	snprintf(out, n, "\n%s%.*s\n%*s^", head, w, line, (int)strlen(head) + col, "");
	for (char *c = out; *c; c++)
		if (*c == '\t')
			*c = ' ';	/* the caret counts a tab as one column */
}

int
sql_prepare(struct sql *q, const char *base, const char **text, sqlite3_stmt **out, char *err, size_t errlen)
{
	const char *start = *text;
	int rc;
	char where[600] = "";
	if (base == NULL)
		base = start;
	q->refused[0] = '\0';
	q->interrupted = 0;
	sqlite3_set_authorizer(q->db, authorize, q);
	rc = sqlite3_prepare_v2(q->db, start, -1, out, text);
	sqlite3_set_authorizer(q->db, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	if (sqlite3_error_offset(q->db) >= 0)
		locate(base, (int)(start - base) + sqlite3_error_offset(q->db), where, sizeof where);
	else {
		/* point at the statement when SQLite cannot say where */
		const char *p = start;
		while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			p++;
		locate(base, (int)(p - base), where, sizeof where);
	}
	snprintf(err, errlen, "%s%s%s", q->refused[0] ? q->refused : sqlite3_errmsg(q->db),
	    !q->refused[0] && strstr(sqlite3_errmsg(q->db), "may not be modified") ? ": the loaded data is read-only" :
	    !q->refused[0] && strstr(sqlite3_errmsg(q->db), "too many attached") ?
	    " (ATTACH and VACUUM INTO are refused: focal's SQL only reads the loaded data)" : "",
	    where);
	*out = NULL;
	return -1;
}

int
sql_bind_param(sqlite3_stmt *st, const char *name, const char *value)
{
	static const char prefix[] = ":@$";
	int idx = 0;
	money_t m;
	unsigned dev = 0;
	char buf[300];
	if (name[0] >= '0' && name[0] <= '9')
		idx = atoi(name);
	for (int i = 0; idx == 0 && i < 3; i++) {
		snprintf(buf, sizeof buf, "%c%s", prefix[i], name);
		idx = sqlite3_bind_parameter_index(st, buf);
	}
	if (idx <= 0 || idx > sqlite3_bind_parameter_count(st))
		return -1;
	if (*value && money_parse(value, strlen(value), &m, &dev) == 0 && dev == 0) {
		/* numbers bound by sql_result_money's rule, so they stay exact */
		sqlite3_int64 i;
		double d;
		if (money_int(m, &i))
			return sqlite3_bind_int64(st, idx, i) == SQLITE_OK ? 0 : -1;
		if (money_double(m, &d))
			return sqlite3_bind_double(st, idx, d) == SQLITE_OK ? 0 : -1;
	}
	return sqlite3_bind_text(st, idx, value, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}
