/* store_vt.c - the store's rows as SQLite virtual tables: `focus` (one row
 * per loaded row, every column by its name plus meter, file and line) and
 * `focus_tags` (row, key, value: the tag pairs). Both are eponymous and
 * read-only; xBestIndex turns equality and IN on a dictionary column into a
 * set of codes, looked up once, so a filtered query never compares text. */
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xmalloc.h"

/* Extra columns after the store's own. */
enum { EX_FILE, EX_LINE, EX_COUNT };

struct fvtab {
	sqlite3_vtab base;
	struct store *s;
	int ncols;		/* store columns */
	char **iso;		/* per date column: ISO text per code, built lazily */
	money_t **num;		/* per numeric dictionary column: value per code */
	int tags_col;
	int cur_col;		/* BillingCurrency, for the SQL session's currency note */
};

/* A constraint pushed down: rows whose code lies in the set. */
struct fcons {
	int col;
	unsigned char *ok;	/* per code: 1 if wanted */
};

struct fcursor {
	sqlite3_vtab_cursor base;
	size_t row, end;
	struct fcons *cons;
	int ncons;
	int scoped;		/* store_sql_scope: some rows are not in the table */
};

/* Plain dictionary columns whose SQL value is their label: pushdown-able. */
static int
col_dict(const struct store *s, int col)
{
	return col < store_ncolumns(s) && store_column_kind(s, col) != COL_METRIC && !store_column_decimal(s, col);
}

static int
f_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err)
{
	struct store *s = aux;
	struct fvtab *v;
	sqlite3_str *q = sqlite3_str_new(db);
	int rc;
	(void)argc;
	(void)argv;
	sqlite3_str_appendall(q, "CREATE TABLE x(");
	for (int c = 0; c < store_ncolumns(s); c++) {
		enum col_kind k = store_column_kind(s, c);
		sqlite3_str_appendf(q, "%s\"%w\" %s", c ? ", " : "", store_column_name(s, c),
		    k == COL_METRIC || store_column_decimal(s, c) ? "NUMERIC" : "TEXT");
	}
	sqlite3_str_appendf(q, "%s\"file\" TEXT, \"line\" INTEGER)", store_ncolumns(s) ? ", " : "");
	{
		char *sql = sqlite3_str_finish(q);
		rc = sql ? sqlite3_declare_vtab(db, sql) : SQLITE_NOMEM;
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK) {
		*err = sqlite3_mprintf("focus table: %s", sqlite3_errmsg(db));
		return rc;
	}
	v = xcalloc(1, sizeof *v);
	v->s = s;
	v->ncols = store_ncolumns(s);
	v->iso = xcalloc((size_t)v->ncols + 1, sizeof *v->iso);
	v->num = xcalloc((size_t)v->ncols + 1, sizeof *v->num);
	v->tags_col = store_find_column(s, "Tags");
	v->cur_col = store_find_column(s, "BillingCurrency");
	*out = &v->base;
	return SQLITE_OK;
}

static int
f_disconnect(sqlite3_vtab *vt)
{
	struct fvtab *v = (struct fvtab *)vt;
	for (int c = 0; c < v->ncols; c++) {
		if (v->iso[c])
			free(v->iso[c]);
		free(v->num[c]);
	}
	free(v->iso);
	free(v->num);
	free(v);
	return SQLITE_OK;
}

static unsigned *watch;
static struct vt_scans *scans;

void
store_vt_watch(unsigned *flags)
{
	watch = flags;
}

void
store_vt_scans(struct vt_scans *to)
{
	scans = to;
}

void
store_vt_unwatch(struct vt_scans *to)
{
	if (scans == to)
		scans = NULL;
}

/* A scan begins (xFilter): did its constraints keep it to one currency? */
static void
count_scan(const struct fvtab *v, const struct fcursor *c)
{
	int cur = v->cur_col, pinned = 0;
	uint32_t code = 0, n = cur >= 0 ? store_ncodes(v->s, cur) + 1 : 0;
	scans->n++;
	for (int i = 0; i < c->ncons; i++) {
		uint32_t k = 0, one = 0;
		if (c->cons[i].col != cur)
			continue;
		for (uint32_t j = 0; j < n; j++)
			if (c->cons[i].ok[j]) {
				k++;
				one = j;
			}
		if (k <= 1) {	/* (none: the scan reads no row) */
			pinned = 1;
			if (k == 1)
				code = one;
		}
	}
	if (!pinned)
		scans->unpinned = 1;
	else if (code && scans->code && code != scans->code)
		scans->unpinned = 1;	/* EUR here, USD there: a UNION may add them */
	else if (code)
		scans->code = code;
}

/* What the planner asks of BillingCurrency, for the SQL session's note on
 * sums over several currencies (sql_currencies_mixed). */
static void
watch_currency(const struct fvtab *v, sqlite3_index_info *info)
{
	int cur = v->cur_col;
	if (cur < 0)
		return;
	if (sqlite3_vtab_distinct(info) >= 1)	/* GROUP BY or DISTINCT, not a plain ORDER BY */
		for (int i = 0; i < info->nOrderBy; i++)
			if (info->aOrderBy[i].iColumn == cur)
				*watch |= VT_CURRENCY_GROUPED;
}

/* idxStr lists the pushed columns, one per argv, e.g. "3,i7,-1" (-1: rowid,
 * i: an IN list). */
static int
f_bestindex(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	struct fvtab *v = (struct fvtab *)vt;
	sqlite3_str *cols = sqlite3_str_new(NULL);
	int argv = 0, rowid = 0;
	double rows = (double)store_nrows(v->s) + 1;

	if (watch)
		watch_currency(v, info);
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		const char *coll;
		if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			continue;
		if (c->iColumn >= 0 && !col_dict(v->s, c->iColumn))
			continue;
		coll = sqlite3_vtab_collation(info, i);
		if (c->iColumn >= 0 && coll && sqlite3_stricmp(coll, "BINARY") != 0)
			continue;
		if (c->iColumn < 0) {
			if (rowid)
				continue;
			rowid = 1;
		}
		info->aConstraintUsage[i].argvIndex = ++argv;
		info->aConstraintUsage[i].omit = 1;
		/* "i" marks an IN list handed over whole (sqlite3_vtab_in_first) */
		sqlite3_str_appendf(cols, "%s%s%d", argv > 1 ? "," : "",
		    c->iColumn >= 0 && sqlite3_vtab_in(info, i, 1) ? "i" : "", c->iColumn);
		rows = c->iColumn < 0 ? 1 : rows / 10;
	}
	info->idxNum = argv;
	info->idxStr = sqlite3_str_finish(cols);
	info->needToFreeIdxStr = 1;
	info->estimatedRows = (sqlite3_int64)rows;
	info->estimatedCost = rows;
	return SQLITE_OK;
}

static int
f_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct fcursor *c = xcalloc(1, sizeof *c);
	(void)vt;
	*out = &c->base;
	return SQLITE_OK;
}

static void
cons_free(struct fcursor *c)
{
	for (int i = 0; i < c->ncons; i++)
		free(c->cons[i].ok);
	free(c->cons);
	c->cons = NULL;
	c->ncons = 0;
}

static int
f_close(sqlite3_vtab_cursor *cur)
{
	struct fcursor *c = (struct fcursor *)cur;
	cons_free(c);
	free(c);
	return SQLITE_OK;
}

static const char *date_iso(struct fvtab *v, int col, uint32_t code);

/* Marks the code whose SQL text equals val (none if absent: the set stays
 * empty and so does the result). */
static void
cons_add(struct fvtab *v, struct fcons *k, sqlite3_value *val)
{
	const char *t;
	uint32_t code;
	if (sqlite3_value_type(val) == SQLITE_NULL || (t = (const char *)sqlite3_value_text(val)) == NULL)
		return;
	if (store_column_kind(v->s, k->col) == COL_DATE) {
		for (uint32_t i = 1; i < store_ncodes(v->s, k->col); i++)
			if (strcmp(date_iso(v, k->col, i), t) == 0)
				k->ok[i] = 1;
		return;
	}
	code = store_lookup(v->s, k->col, t);
	if (code != UINT32_MAX && code != CODE_NULL)
		k->ok[code] = 1;
}

static int
row_passes(const struct fvtab *v, const struct fcursor *c, size_t row)
{
	if (c->scoped && !store_sql_in_scope(v->s, row))
		return 0;
	for (int i = 0; i < c->ncons; i++)
		if (!c->cons[i].ok[store_code(v->s, c->cons[i].col, row)])
			return 0;
	return 1;
}

static int
f_next(sqlite3_vtab_cursor *cur)
{
	struct fcursor *c = (struct fcursor *)cur;
	struct fvtab *v = (struct fvtab *)cur->pVtab;
	c->row++;
	while ((c->ncons || c->scoped) && c->row < c->end && !row_passes(v, c, c->row))
		c->row++;
	return SQLITE_OK;
}

/* A rowid constraint: one row (rowid = index + 1), or none. */
static void
rowid_range(struct fcursor *c, sqlite3_value *val, size_t n)
{
	sqlite3_int64 id;
	int t = sqlite3_value_numeric_type(val);
	if (t != SQLITE_INTEGER || (id = sqlite3_value_int64(val)) < 1 || (size_t)id > n || (size_t)id - 1 < c->row ||
	    (size_t)id > c->end) {
		c->row = c->end = 0;
		return;
	}
	c->row = (size_t)id - 1;
	c->end = (size_t)id;
}

static int
f_filter(sqlite3_vtab_cursor *cur, int idxnum, const char *idxstr, int argc, sqlite3_value **argv)
{
	struct fcursor *c = (struct fcursor *)cur;
	struct fvtab *v = (struct fvtab *)cur->pVtab;
	const char *p = idxstr;
	(void)idxnum;
	cons_free(c);
	c->row = 0;
	c->end = store_nrows(v->s);
	c->scoped = store_sql_scoped(v->s);
	for (int i = 0; i < argc && p && *p; i++) {
		int in = *p == 'i', col = atoi(p + in);
		sqlite3_value *x;
		int rc;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
		if (col < 0) {
			rowid_range(c, argv[i], store_nrows(v->s));
			continue;
		}
		c->cons = xreallocarray(c->cons, (size_t)c->ncons + 1, sizeof *c->cons);
		c->cons[c->ncons].col = col;
		c->cons[c->ncons].ok = xcalloc(store_ncodes(v->s, col) + 1, 1);
		if (!in)
			cons_add(v, &c->cons[c->ncons], argv[i]);
		else {
			for (rc = sqlite3_vtab_in_first(argv[i], &x); rc == SQLITE_OK && x;
			    rc = sqlite3_vtab_in_next(argv[i], &x))
				cons_add(v, &c->cons[c->ncons], x);
			if (rc != SQLITE_OK && rc != SQLITE_DONE) {
				c->ncons++;
				return rc;
			}
		}
		c->ncons++;
	}
	if (scans)
		count_scan(v, c);
	if ((c->ncons || c->scoped) && c->row < c->end && !row_passes(v, c, c->row)) {
		c->row--;	/* f_next moves to the first passing row */
		return f_next(cur);
	}
	return SQLITE_OK;
}

static int
f_eof(sqlite3_vtab_cursor *cur)
{
	struct fcursor *c = (struct fcursor *)cur;
	return c->row >= c->end;
}

static const char *
date_iso(struct fvtab *v, int col, uint32_t code)
{
	if (v->iso[col] == NULL) {
		uint32_t n = store_ncodes(v->s, col);
		v->iso[col] = xcalloc(n ? n : 1, 21);
		for (uint32_t i = 1; i < n; i++) {
			int64_t t = store_code_epoch(v->s, col, i);
			if (t == DATE_NULL)	/* kept as written (focal validate says so) */
				snprintf(v->iso[col] + (size_t)i * 21, 21, "%s", store_label(v->s, col, i));
			else
				date_format(t, v->iso[col] + (size_t)i * 21);
		}
	}
	return v->iso[col] + (size_t)code * 21;
}

/* Numbers of non-metric columns (unit prices): parsed once per code;
 * MONEY_NULL marks a value kept as written. */
static money_t
dict_number(struct fvtab *v, int col, uint32_t code)
{
	if (v->num[col] == NULL)
		v->num[col] = store_column_numbers(v->s, col);
	return v->num[col][code];
}

static int
f_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct fcursor *c = (struct fcursor *)cur;
	struct fvtab *v = (struct fvtab *)cur->pVtab;
	const struct store *s = v->s;
	uint32_t code;

	if (col >= v->ncols) {
		if (col - v->ncols == EX_FILE)
			sqlite3_result_text(ctx, store_file_path(s, store_row_file(s, c->row)), -1, SQLITE_STATIC);
		else
			sqlite3_result_int64(ctx, store_row_line(s, c->row));
		return SQLITE_OK;
	}
	if (store_column_kind(s, col) == COL_METRIC) {
		money_t m = store_money(s, col, c->row);
		if (m != MONEY_NULL)
			sql_result_money(ctx, m);
		return SQLITE_OK;
	}
	code = store_code(s, col, c->row);
	if (code == CODE_NULL)
		return SQLITE_OK;
	if (store_column_kind(s, col) == COL_DATE)
		sqlite3_result_text(ctx, date_iso(v, col, code), -1, SQLITE_STATIC);
	else if (store_column_decimal(s, col) && dict_number(v, col, code) != MONEY_NULL)
		sql_result_money(ctx, dict_number(v, col, code));
	else
		sqlite3_result_text(ctx, store_label(s, col, code), -1, SQLITE_STATIC);
	return SQLITE_OK;
}

static int
f_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *id)
{
	*id = (sqlite_int64)((struct fcursor *)cur)->row + 1;
	return SQLITE_OK;
}

static const sqlite3_module focus_module = {
	.iVersion = 0,
	.xCreate = NULL,	/* eponymous only: the table is the module */
	.xConnect = f_connect,
	.xBestIndex = f_bestindex,
	.xDisconnect = f_disconnect,
	.xDestroy = f_disconnect,
	.xOpen = f_open,
	.xClose = f_close,
	.xFilter = f_filter,
	.xNext = f_next,
	.xEof = f_eof,
	.xColumn = f_column,
	.xRowid = f_rowid,
};

/* focus_tags(row, key, value): one row per tag pair of each focus row. */
struct tvtab {
	sqlite3_vtab base;
	struct store *s;
	int tags_col;
};

struct tcursor {
	sqlite3_vtab_cursor base;
	size_t row, end;
	int key, onlykey;	/* onlykey >= 0: that key only; -2: none */
	int nkeys;
};

static int
t_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err)
{
	struct tvtab *v;
	int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(row INTEGER, key TEXT, value TEXT)");
	(void)argc;
	(void)argv;
	if (rc != SQLITE_OK) {
		*err = sqlite3_mprintf("focus_tags table: %s", sqlite3_errmsg(db));
		return rc;
	}
	v = xcalloc(1, sizeof *v);
	v->s = aux;
	v->tags_col = store_find_column(v->s, "Tags");
	*out = &v->base;
	return SQLITE_OK;
}

static int
t_disconnect(sqlite3_vtab *vt)
{
	free(vt);
	return SQLITE_OK;
}

/* idxNum bits: 1 row =, 2 key = (argv in that order). */
static int
t_bestindex(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	int n = 0, rowc = -1, keyc = -1;
	double rows = (double)store_nrows(((struct tvtab *)vt)->s) * 4 + 1;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		const char *coll = sqlite3_vtab_collation(info, i);
		if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			continue;
		if (c->iColumn == 0 && rowc < 0)
			rowc = i;
		else if (c->iColumn == 1 && keyc < 0 && (!coll || !sqlite3_stricmp(coll, "BINARY")))
			keyc = i;
	}
	info->idxNum = 0;
	if (rowc >= 0) {
		info->aConstraintUsage[rowc].argvIndex = ++n;
		info->aConstraintUsage[rowc].omit = 1;
		info->idxNum |= 1;
		rows = 4;
	}
	if (keyc >= 0) {
		info->aConstraintUsage[keyc].argvIndex = ++n;
		info->aConstraintUsage[keyc].omit = 1;
		info->idxNum |= 2;
		rows /= 4;
	}
	info->estimatedRows = (sqlite3_int64)rows + 1;
	info->estimatedCost = rows + 1;
	return SQLITE_OK;
}

static int
t_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct tcursor *c = xcalloc(1, sizeof *c);
	(void)vt;
	*out = &c->base;
	return SQLITE_OK;
}

static int
t_close(sqlite3_vtab_cursor *cur)
{
	free(cur);
	return SQLITE_OK;
}

static int
t_has(const struct tvtab *v, const struct tcursor *c)
{
	uint32_t set = store_code(v->s, v->tags_col, c->row);
	return set != CODE_NULL && store_tag_value(v->s, c->key, set) != CODE_NULL;
}

/* Moves to the next (row, key) with a value, starting at the current one. */
static void
t_settle(struct tvtab *v, struct tcursor *c)
{
	while (c->row < c->end) {
		if (!store_sql_in_scope(v->s, c->row)) {
			c->row++;
			c->key = c->onlykey >= 0 ? c->onlykey : 0;
			continue;
		}
		if (c->key < c->nkeys && (c->onlykey < 0 || c->key == c->onlykey) && t_has(v, c))
			return;
		if (c->onlykey >= 0 || ++c->key >= c->nkeys) {
			c->row++;
			c->key = c->onlykey >= 0 ? c->onlykey : 0;
		}
	}
}

static int
t_filter(sqlite3_vtab_cursor *cur, int idxnum, const char *idxstr, int argc, sqlite3_value **argv)
{
	struct tcursor *c = (struct tcursor *)cur;
	struct tvtab *v = (struct tvtab *)cur->pVtab;
	int a = 0;
	(void)idxstr;
	(void)argc;
	c->row = 0;
	c->end = v->tags_col < 0 ? 0 : store_nrows(v->s);
	c->nkeys = store_ntagkeys(v->s);
	c->onlykey = -1;
	if (idxnum & 1) {
		sqlite3_value *x = argv[a++];
		sqlite3_int64 id = sqlite3_value_int64(x);
		if (sqlite3_value_numeric_type(x) != SQLITE_INTEGER || id < 1 || (size_t)id > c->end)
			c->end = 0;
		else {
			c->row = (size_t)id - 1;
			c->end = (size_t)id;
		}
	}
	if (idxnum & 2) {
		const char *k = (const char *)sqlite3_value_text(argv[a++]);
		c->onlykey = k ? store_find_tagkey(v->s, k) : -1;
		if (c->onlykey < 0 || strcmp(store_tagkey(v->s, c->onlykey), k) != 0)
			c->end = 0;	/* no such key (find_tagkey may fold case) */
	}
	c->key = c->onlykey >= 0 ? c->onlykey : 0;
	t_settle(v, c);
	return SQLITE_OK;
}

static int
t_next(sqlite3_vtab_cursor *cur)
{
	struct tcursor *c = (struct tcursor *)cur;
	if (c->onlykey >= 0)
		c->row++;
	else if (++c->key >= c->nkeys) {
		c->row++;
		c->key = 0;
	}
	t_settle((struct tvtab *)cur->pVtab, c);
	return SQLITE_OK;
}

static int
t_eof(sqlite3_vtab_cursor *cur)
{
	struct tcursor *c = (struct tcursor *)cur;
	return c->row >= c->end;
}

static int
t_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	struct tcursor *c = (struct tcursor *)cur;
	struct tvtab *v = (struct tvtab *)cur->pVtab;
	if (col == 0)
		sqlite3_result_int64(ctx, (sqlite3_int64)c->row + 1);
	else if (col == 1)
		sqlite3_result_text(ctx, store_tagkey(v->s, c->key), -1, SQLITE_STATIC);
	else {
		uint32_t set = store_code(v->s, v->tags_col, c->row);
		const char *l = store_tag_label(v->s, c->key, store_tag_value(v->s, c->key, set));
		if (l)
			sqlite3_result_text(ctx, l, -1, SQLITE_STATIC);
	}
	return SQLITE_OK;
}

static int
t_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *id)
{
	struct tcursor *c = (struct tcursor *)cur;
	*id = (sqlite_int64)c->row * 65536 + c->key;
	return SQLITE_OK;
}

static const sqlite3_module tags_module = {
	.iVersion = 0,
	.xCreate = NULL,
	.xConnect = t_connect,
	.xBestIndex = t_bestindex,
	.xDisconnect = t_disconnect,
	.xDestroy = t_disconnect,
	.xOpen = t_open,
	.xClose = t_close,
	.xFilter = t_filter,
	.xNext = t_next,
	.xEof = t_eof,
	.xColumn = t_column,
	.xRowid = t_rowid,
};

int
store_vt_register(struct store *s, sqlite3 *db)
{
	int rc = sqlite3_create_module(db, "focus", &focus_module, s);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_module(db, "focus_tags", &tags_module, s);
	return rc;
}
