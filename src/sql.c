/* sql.c - sessions of user SQL on the store's connection: read-only by
 * construction (authorizer, limits, db_config), exact money, located errors. */
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlmix.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

struct sql {
	sqlite3 *db;
	char refused[256];	/* why the authorizer said no */
	unsigned reads;		/* READS_*: what the query's statements read */
	unsigned vt;		/* VT_CURRENCY_*: what the planner asked of focus */
	struct vt_scans scans;	/* what the scans of focus read */
	int textmix;		/* sqlmix_may_add on the query's text */
	int old_attached;
	volatile int interrupted;
};

/* ---- the authorizer ---- */

#define READS_MONEY 1u		/* a cost or unit price in the billing currency */
#define READS_CURRENCY 2u	/* BillingCurrency */
#define READS_SUM 4u		/* calls sum, total or avg (focal's exact ones) */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !sqlite3_stricmp(s + n - k, suffix);
}

/* What a column read tells about the sums a query may make. */
static unsigned
column_reads(const char *column)
{
	if (column == NULL)
		return 0;
	if (!sqlite3_stricmp(column, "BillingCurrency"))
		return READS_CURRENCY;
	if (!sqlite3_strnicmp(column, "PricingCurrency", 15))
		return 0;	/* in the pricing currency, not the billing one */
	return ends_with(column, "Cost") || ends_with(column, "UnitPrice") ? READS_MONEY : 0;
}

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
	case SQLITE_READ:
		q->reads |= column_reads(a2);
		return SQLITE_OK;
	case SQLITE_SELECT:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		if (a2 && (!sqlite3_stricmp(a2, "sum") || !sqlite3_stricmp(a2, "total") || !sqlite3_stricmp(a2, "avg") ||
		    !sqlite3_stricmp(a2, "decimal_sum")))
			q->reads |= READS_SUM;
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
	if (rc == SQLITE_OK)
		rc = sql_money_register(q->db);
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
	store_vt_unwatch(&q->scans);
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
	char head[32], pre[256];
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
	snprintf(pre, sizeof pre, "%.*s", col, line);	/* col <= w <= 200 bytes */
	col = text_width(pre);	/* columns, not bytes: an 'é' is one */
	snprintf(head, sizeof head, "  line %d: ", ln);
	snprintf(out, n, "\n%s%.*s\n%*s^", head, w, line, (int)strlen(head) + col, "");
	/* the caret counts a character as one column: a tab or a CR is a
	 * blank, another control character a '?' (never sent as it is) */
	for (char *c = out + 1; *c; c++)
		if (*c == '\t' || *c == '\r')
			*c = ' ';
		else if ((*c > 0 && *c < 0x20 && *c != '\n') || *c == 0x7f)
			*c = '?';
}

int
sql_prepare(struct sql *q, const char *base, const char **text, sqlite3_stmt **out, char *err, size_t errlen)
{
	const char *start = *text;
	int rc;
	char where[600] = "";
	if (base == NULL)
		base = start;
	if (start == base) {	/* a new query */
		q->reads = q->vt = 0;
		memset(&q->scans, 0, sizeof q->scans);
		q->textmix = sqlmix_may_add(base, 1);
		store_vt_scans(&q->scans);
	}
	q->refused[0] = '\0';
	q->interrupted = 0;
	sqlite3_set_authorizer(q->db, authorize, q);
	store_vt_watch(&q->vt);
	rc = sqlite3_prepare_v2(q->db, start, -1, out, text);
	store_vt_watch(NULL);
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
	const char *lead;
	for (int i = 0; idx == 0 && i < 3; i++) {
		snprintf(buf, sizeof buf, "%c%s", prefix[i], name);
		idx = sqlite3_bind_parameter_index(st, buf);
	}
	/* ?NNN by its number, when no :NNN, @NNN or $NNN has the name */
	if (idx == 0 && name[0] >= '0' && name[0] <= '9' && strspn(name, "0123456789") == strlen(name))
		idx = atoi(name);
	if (idx <= 0 || idx > sqlite3_bind_parameter_count(st))
		return -1;
	/* a leading zero (an account 012345678901, a code 007) is text: as a
	 * number it would lose the zeros and match nothing */
	lead = value + (*value == '-');
	if (*value && !(lead[0] == '0' && lead[1] >= '0' && lead[1] <= '9') &&
	    money_parse(value, strlen(value), &m, &dev) == 0 && dev == 0) {
		/* numbers bound by sql_result_money's rule, so they stay exact */
		int rc = sql_bind_money(st, idx, m);
		if (rc != SQLITE_MISUSE)
			return rc == SQLITE_OK ? 0 : -1;
	}
	return sqlite3_bind_text(st, idx, value, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

unsigned
sql_currencies_mixed(const struct sql *q, const struct store *s)
{
	int col = store_find_column(s, "BillingCurrency");
	if (col < 0 || store_ncodes(s, col) < 3 || !(q->reads & READS_MONEY))
		return 0;
	if (q->reads & READS_SUM) {
		/* every scan kept to one currency, or the summing SELECT groups by it */
		if ((q->scans.n > 0 && !q->scans.unpinned) || ((q->vt & VT_CURRENCY_GROUPED) && !q->textmix))
			return 0;
	} else if (q->reads & READS_CURRENCY) {
		return 0;	/* kept apart */
	}
	return store_ncodes(s, col) - 1;
}
