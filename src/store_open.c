/* store_open.c - reopens a store saved by store_save.c from its compact form.
 *
 * The file is outside input: it is opened read only, with a schema that may
 * run no code of its own (no views, triggers or functions), a step budget
 * against a crafted query plan, and every length, code, offset and checksum
 * of the compact form checked before a value reaches the store. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_save.h"
#include "value.h"
#include "xmalloc.h"

struct blobref;

struct opener {
	struct store *s;
	sqlite3 *db;
	const char *path;
	char *err;
	size_t errlen;
	int failed;
	size_t nrows;
	int ncols;
	int *col;		/* saved column id -> store column */
	int *width;		/* saved width per column */
	int version;		/* of the file: 1 or STORE_SAVE_VERSION */
	struct blobref *refs;	/* by (column, kind, part) */
	size_t *ncodes;		/* saved, per column */
};

static int
bad(struct opener *o, const char *fmt, const char *detail)
{
	if (!o->failed) {
		char what[400];
		/* fmt's one %s is detail (the formats are this file's own) */
		const char *at = strstr(fmt, "%s");
		if (at)
			snprintf(what, sizeof what, "%.*s%s%s", (int)(at - fmt), fmt, detail ? detail : "", at + 2);
		else
			snprintf(what, sizeof what, "%s", fmt);
		snprintf(o->err, o->errlen, "%s: not a usable focal store (%s)", o->path, what);
	}
	o->failed = 1;
	return -1;
}

/* bad(), then finalizes st: detail may be one of st's columns, which the
 * finalize frees (F19: a damaged store's column name was read after it) */
static int
bad_stmt(struct opener *o, sqlite3_stmt *st, const char *fmt, const char *detail)
{
	int rc = bad(o, fmt, detail);
	sqlite3_finalize(st);
	return rc;
}

static int
sqlerr(struct opener *o, const char *what)
{
	char msg[320];
	snprintf(msg, sizeof msg, "%s: %s", what, sqlite3_errmsg(o->db));
	return bad(o, "%s", msg);
}

/* Far more VM steps than reading a real store takes: a hang guard. */
static int
budget(void *ctx)
{
	unsigned long *n = ctx;
	return ++*n > 1000000ul;
}

static int
found_row(void *ctx, int n, char **values, char **names)
{
	(void)n, (void)values, (void)names;
	*(int *)ctx = 1;
	return 0;
}

/* store_save's focal_edit: a row there says the focus table was changed
 * after the save (a store from before it has no such table). */
static int
check_edits(struct opener *o)
{
	sqlite3_stmt *st;
	char at[64] = "";
	int edited = 0;
	if (sqlite3_prepare_v2(o->db, "SELECT at FROM focal_edit", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		edited = 1;
		if (sqlite3_column_type(st, 0) == SQLITE_TEXT)
			snprintf(at, sizeof at, " (%.40s)", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (!edited)
		return 0;
	snprintf(o->err, o->errlen, "%s: its focus table was changed after focal saved it%s; focal reads the rows "
	    "as saved, not as changed, so it does not open it: load the changed rows as CSV instead "
	    "(sqlite3 -csv -header FILE 'SELECT * FROM focus' > changed.csv)", o->path, at);
	o->failed = 1;
	return -1;
}

static int
check_schema(struct opener *o)
{
	static const char *const want[] = {"focal_meta", "focal_column", "focal_blob", "file", "tag",
		"reject", "deviation", "note"};
	sqlite3_stmt *st = NULL;
	int rc = 0, found = 0;
	if (sqlite3_prepare_v2(o->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "schema");
	for (size_t i = 0; i < sizeof want / sizeof want[0] && rc == 0; i++) {
		sqlite3_bind_text(st, 1, want[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			rc = sqlerr(o, "schema");
		else if (sqlite3_column_int(st, 0) != 1)
			rc = bad(o, i < 3 ? "no %s table: not saved by focal save" : "no %s table", want[i]);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == 0 && sqlite3_exec(o->db, "SELECT 1 FROM sqlite_schema WHERE type IN ('view', 'trigger')"
	    " AND tbl_name IN ('focal_meta', 'focal_column', 'focal_blob', 'file', 'tag', 'reject', 'deviation',"
	    " 'note') LIMIT 1", found_row, &found, NULL) != SQLITE_OK)
		rc = sqlerr(o, "schema");
	else if (rc == 0 && found)	/* sqlite3_exec is SQLITE_OK either way: the row is the answer */
		rc = bad(o, "%s", "a trigger or view on its tables: not saved by focal save");
	return rc == 0 ? check_edits(o) : rc;
}

static int
meta_int(struct opener *o, const char *key, sqlite3_int64 lo, sqlite3_int64 hi, sqlite3_int64 *out)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(o->db, "SELECT value FROM focal_meta WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "focal_meta");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*out = sqlite3_column_int64(st, 0);
		rc = *out < lo || *out > hi ? bad(o, "%s out of range", key) : 0;
	} else
		rc = bad(o, "no %s in focal_meta", key);
	sqlite3_finalize(st);
	return rc;
}

static int
read_meta(struct opener *o, sqlite3_int64 *nrejects, sqlite3_int64 *nfiles)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 v, rows;
	int ok;
	if (sqlite3_prepare_v2(o->db, "SELECT value FROM focal_meta WHERE key = 'format'", -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(o, "focal_meta");
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    strcmp((const char *)sqlite3_column_text(st, 0), STORE_SAVE_FORMAT) == 0;
	sqlite3_finalize(st);
	if (!ok)
		return bad(o, "focal_meta has no format '%s'", STORE_SAVE_FORMAT);
	if (meta_int(o, "version", 0, INT_MAX, &v) < 0)
		return -1;
	if (v < 1 || v > STORE_SAVE_VERSION)
		return bad(o, "format version %s; this focal reads versions 1 and 2", v > STORE_SAVE_VERSION ?
		    "newer than this focal's" : "older than this focal's");
	o->version = (int)v;
	if (meta_int(o, "byteorder", 0, INT64_MAX, &v) < 0)
		return -1;
	if (v != 0x01020304 || *(const unsigned char *)&(uint32_t){1} != 1)
		return bad(o, "%s", "saved on a machine of another byte order");
	if (meta_int(o, "part_rows", SAVE_PART_ROWS, SAVE_PART_ROWS, &v) < 0 ||
	    meta_int(o, "rows", 0, (sqlite3_int64)UINT32_MAX * 4, &rows) < 0 ||
	    meta_int(o, "rejects", 0, INT64_MAX, nrejects) < 0 || meta_int(o, "files", 1, UINT16_MAX, nfiles) < 0)
		return -1;
	o->nrows = (size_t)rows;
	return 0;
}

/* One row of focal_column into column id: 0, or -1 (st finalized). */
static int
read_column(struct opener *o, sqlite3_stmt *st, int id, const char *name, int named)
{
	struct saved_column sc = {
		.id = sqlite3_column_int64(st, 0) != id ? 4096 : id,	/* ids are 0, 1, 2, ... */
		.focus = sqlite3_column_int64(st, 2), .kind = sqlite3_column_int64(st, 3),
		.ncodes = sqlite3_column_int64(st, 4), .width = sqlite3_column_int64(st, 5),
		.decimals = sqlite3_column_int64(st, 6),
		.decimals_integer = sqlite3_column_type(st, 6) == SQLITE_INTEGER,
		.name = named ? name : NULL,
	};
	char msg[400];
	int c;
	if (restore_column(o->s, o->version, &sc, &c, msg, sizeof msg) != 0) {
		if (sc.id == 4096)	/* the message names the id found in order */
			snprintf(msg, sizeof msg, "column %d ('%.200s'): focal_column ids are not 0, 1, 2, ...", id, name);
		return bad_stmt(o, st, "%s", msg);
	}
	o->col = xreallocarray(o->col, (size_t)id + 1, sizeof *o->col);
	o->width = xreallocarray(o->width, (size_t)id + 1, sizeof *o->width);
	o->ncodes = xreallocarray(o->ncodes, (size_t)id + 1, sizeof *o->ncodes);
	o->col[id] = c;
	o->width[id] = (int)sc.width;
	o->ncodes[id] = (size_t)sc.ncodes;
	return 0;
}

static int
read_columns(struct opener *o)
{
	sqlite3_stmt *st = NULL;
	int id = 0;
	if (sqlite3_prepare_v2(o->db, o->version < 2 ?
	    "SELECT id, name, focus, kind, ncodes, width, 0 FROM focal_column ORDER BY id" :
	    "SELECT id, name, focus, kind, ncodes, width, decimals FROM focal_column ORDER BY id",
	    -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "focal_column");
	while (!o->failed && sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 1);
		char *name = xstrdup(text ? text : "");	/* messages are made after sqlite3_finalize */
		int rc = read_column(o, st, id, name, text != NULL);
		free(name);
		if (rc != 0)
			return -1;
		id++;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "focal_column");
	o->ncols = id;
	return o->failed ? -1 : 0;
}

/* Reads blob `rowid` (nbytes checked by the caller) into p, and checks it. */
static int
read_blob(struct opener *o, sqlite3_int64 rowid, void *p, size_t n, sqlite3_int64 hash)
{
	sqlite3_blob *b = NULL;
	int rc = 0;
	if (sqlite3_blob_open(o->db, "main", "focal_blob", "data", rowid, 0, &b) != SQLITE_OK)
		return sqlerr(o, "focal_blob");
	if ((size_t)sqlite3_blob_bytes(b) != n)
		rc = bad(o, "%s", "a BLOB's length differs from its nbytes");
	if (rc == 0)
		prefault(p, n);
	for (size_t at = 0; rc == 0 && at < n; at += 1u << 26) {
		size_t k = n - at < (1u << 26) ? n - at : 1u << 26;
		if (sqlite3_blob_read(b, (char *)p + at, (int)k, (int)at) != SQLITE_OK)
			rc = sqlerr(o, "focal_blob");
	}
	sqlite3_blob_close(b);
	if (rc == 0 && (sqlite3_int64)store_save_hash(p, n) != hash)
		rc = bad(o, "%s", "a BLOB's checksum does not match: the file is damaged");
	return rc;
}

/* The focal_blob rows without their data, checked, in memory. */
struct blobref {
	sqlite3_int64 rowid, hash;
	size_t nbytes;
};

static struct blobref *
find(struct opener *o, int col, enum save_blob what, size_t part)
{
	size_t nparts = o->nrows ? (o->nrows + SAVE_PART_ROWS - 1) / SAVE_PART_ROWS : 1;
	size_t i = ((size_t)(col + 2) * 4 + (size_t)what) * nparts + part;
	return o->refs[i].rowid ? &o->refs[i] : NULL;
}

static int
index_blobs(struct opener *o)
{
	size_t nparts = o->nrows ? (o->nrows + SAVE_PART_ROWS - 1) / SAVE_PART_ROWS : 1;
	sqlite3_stmt *st = NULL;
	o->refs = xcalloc((size_t)(o->ncols + 2) * 4 * nparts, sizeof *o->refs);
	if (sqlite3_prepare_v2(o->db, "SELECT id, col, what, part, nbytes, hash FROM focal_blob", -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(o, "focal_blob");
	while (!o->failed && sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0), col = sqlite3_column_int64(st, 1);
		sqlite3_int64 what = sqlite3_column_int64(st, 2), part = sqlite3_column_int64(st, 3);
		sqlite3_int64 nb = sqlite3_column_int64(st, 4);
		struct blobref *r;
		if (id <= 0 || col < -2 || col >= o->ncols || what < SB_ROWS || what > SB_EPOCH || part < 0 ||
		    (size_t)part >= nparts || (what != SB_ROWS && part != 0) || nb < 0 || nb > 1000000000)
			bad(o, "%s", "a focal_blob row out of range");
		else if (find(o, (int)col, (enum save_blob)what, (size_t)part))
			bad(o, "%s", "a focal_blob row repeated");
		else {
			r = &o->refs[((size_t)(col + 2) * 4 + (size_t)what) * nparts + (size_t)part];
			r->rowid = id;
			r->hash = sqlite3_column_int64(st, 5);
			r->nbytes = (size_t)nb;
		}
	}
	if (sqlite3_finalize(st) != SQLITE_OK && !o->failed)
		return sqlerr(o, "focal_blob");
	return o->failed ? -1 : 0;
}

/* Reads one blob that must exist with exactly n bytes. */
static int
read_ref(struct opener *o, int col, enum save_blob what, size_t part, void *p, size_t n)
{
	struct blobref *r = find(o, col, what, part);
	if (r == NULL || r->nbytes != n) {
		char d[64];
		snprintf(d, sizeof d, "column %d, kind %d, part %zu", col, (int)what, part);
		return bad(o, r ? "a BLOB of the wrong size (%s)" : "a BLOB is missing (%s)", d);
	}
	return read_blob(o, r->rowid, p, n, r->hash);
}

/* A dictionary: lengths, then the bytes they cut (then epochs for dates). */
static int
read_dict(struct opener *o, int id, size_t ncodes)
{
	int c = o->col[id], date = store_column_kind(o->s, c) == COL_DATE;
	size_t n = ncodes - 1, total = 0;
	struct blobref *rb = find(o, id, SB_BYTES, 0);
	uint32_t *lens = xcalloc(n + 1, 4);
	int64_t *epoch = date ? xcalloc(n + 1, 8) : NULL;
	char *bytes = NULL;
	int rc = read_ref(o, id, SB_LENS, 0, lens, n * 4);
	for (size_t i = 0; rc == 0 && i < n; i++)
		total += lens[i];
	if (rc == 0 && (rb == NULL || total != rb->nbytes))
		rc = bad(o, "column %s: dictionary lengths do not add up", store_column_name(o->s, c));
	if (rc == 0) {
		bytes = xmalloc(total ? total : 1);
		rc = read_ref(o, id, SB_BYTES, 0, bytes, total);
	}
	if (rc == 0 && date)
		rc = read_ref(o, id, SB_EPOCH, 0, epoch, n * 8);
	if (rc == 0) {
		char msg[400];
		if (restore_dict(o->s, c, lens, n, bytes, epoch, msg, sizeof msg) != 0)
			rc = bad(o, "%s", msg);
	}
	free(lens);
	free(epoch);
	free(bytes);
	return rc;
}

/* One part of a coded column: read as saved (in place when the widths
 * agree), each code checked, stored at the store's width. */
static int
read_codes(struct opener *o, int id, size_t r0, size_t k, void *tmp)
{
	int c = o->col[id], sw = o->width[id];
	void *src = restore_codes_place(o->s, c, sw, r0, tmp);
	char msg[400];
	if (read_ref(o, id, SB_ROWS, r0 / SAVE_PART_ROWS, src, k * (size_t)sw) < 0)
		return -1;
	if (restore_codes(o->s, c, sw, (uint32_t)o->ncodes[id], r0, k, src, msg, sizeof msg) != 0)
		return bad(o, "%s", msg);
	return 0;
}

/* One part of a money column, read in place and checked. */
static int
read_money(struct opener *o, int id, size_t r0, size_t k)
{
	int c = o->col[id], w = o->width[id];
	char *at = (char *)store_column_rows(o->s, c) + r0 * (size_t)w;
	char msg[400];
	if (read_ref(o, id, SB_ROWS, r0 / SAVE_PART_ROWS, at, k * (size_t)w) < 0)
		return -1;
	if (restore_money(o->s, c, w, r0, k, msg, sizeof msg) != 0)
		return bad(o, "%s", msg);
	return 0;
}

static int
read_rows(struct opener *o, uint64_t nrejects, int nfiles)
{
	uint16_t *file;
	uint32_t *line;
	/* a part's codes when the saved width is not the store's */
	void *tmp = xmalloc((o->nrows < SAVE_PART_ROWS ? o->nrows + 1 : SAVE_PART_ROWS) * 4);
	int rc = 0;
	store_restore_rows(o->s, o->nrows, nrejects, &file, &line);
	for (size_t r0 = 0; rc == 0 && (r0 < o->nrows || r0 == 0); r0 += SAVE_PART_ROWS) {
		size_t k = o->nrows - r0 < SAVE_PART_ROWS ? o->nrows - r0 : SAVE_PART_ROWS;
		rc = read_ref(o, SAVE_COL_FILE, SB_ROWS, r0 / SAVE_PART_ROWS, file + r0, k * 2);
		for (size_t i = 0; rc == 0 && i < k; i++)
			if (file[r0 + i] >= nfiles)
				rc = bad(o, "%s", "a row's file is past the file table");
		if (rc == 0)
			rc = read_ref(o, SAVE_COL_LINE, SB_ROWS, r0 / SAVE_PART_ROWS, line + r0, k * 4);
		for (int id = 0; rc == 0 && id < o->ncols; id++)
			rc = store_column_kind(o->s, o->col[id]) == COL_METRIC ? read_money(o, id, r0, k) :
			    read_codes(o, id, r0, k, tmp);
		if (o->nrows == 0)
			break;
	}
	free(tmp);
	return rc;
}

/* The files, tag pairs and problems, back into the store's own tables. */
static int
read_tables(struct opener *o, int nfiles)
{
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(o->db, "SELECT id, path FROM file ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "file");
	while (sqlite3_step(st) == SQLITE_ROW && n <= nfiles) {
		const char *p = (const char *)sqlite3_column_text(st, 1);
		if (sqlite3_column_int64(st, 0) != n || p == NULL)
			break;
		store_add_file(o->s, p);
		n++;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "file");
	if (n != nfiles)
		return bad(o, "%s", "the file table disagrees with focal_meta");
	if (sqlite3_prepare_v2(o->db, "SELECT tagset, key, value FROM tag ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "tag");
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_type(st, 1) == SQLITE_TEXT)
			store_restore_tag(o->s, (uint32_t)sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "tag");
	if (sqlite3_prepare_v2(o->db, "SELECT file, line, field, col, value, reason FROM reject ORDER BY rowid", -1,
	    &st, NULL) != SQLITE_OK)
		return sqlerr(o, "reject");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 4), *why = (const char *)sqlite3_column_text(st, 5);
		store_reject(o->s, sqlite3_column_int(st, 0), (unsigned long)sqlite3_column_int64(st, 1),
		    sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3), v, v ? strlen(v) : 0,
		    why ? why : "");
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "reject");
	if (sqlite3_prepare_v2(o->db, "SELECT file, kind, count, line, field FROM deviation", -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(o, "deviation");
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_int64(st, 1) >= 0 && sqlite3_column_int64(st, 1) < DEV_COUNT)
			store_deviation(o->s, sqlite3_column_int(st, 0), (enum value_dev)sqlite3_column_int(st, 1),
			    (uint64_t)sqlite3_column_int64(st, 2), (unsigned long)sqlite3_column_int64(st, 3),
			    sqlite3_column_int(st, 4));
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "deviation");
	if (sqlite3_prepare_v2(o->db, "SELECT text FROM note ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(o, "note");
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_type(st, 0) == SQLITE_TEXT)
			store_note(o->s, "%s", (const char *)sqlite3_column_text(st, 0));
	if (sqlite3_finalize(st) != SQLITE_OK)
		return sqlerr(o, "note");
	return 0;
}

int
store_open_saved(struct store *s, const char *path, char *err, size_t errlen)
{
	struct opener o = {0};
	sqlite3_int64 nrejects = 0, nfiles = 0;
	unsigned long steps = 0;
	int rc = -1;

	o.s = s;
	o.path = path;
	o.err = err;
	o.errlen = errlen;
	if (store_nfiles(s) > 0 || store_nrows(s) > 0) {
		snprintf(err, errlen, "%s: a saved store opens alone, not with other files", path);
		return -1;
	}
	if (sqlite3_open_v2(path, &o.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot open (%s)", path, o.db ? sqlite3_errmsg(o.db) : "out of memory");
		sqlite3_close(o.db);
		return -1;
	}
	sqlite3_db_config(o.db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(o.db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(o.db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(o.db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_progress_handler(o.db, 1000, budget, &steps);
	if (check_schema(&o) == 0 && read_meta(&o, &nrejects, &nfiles) == 0 && read_tables(&o, (int)nfiles) == 0 &&
	    read_columns(&o) == 0 && index_blobs(&o) == 0) {
		rc = 0;
		for (int id = 0; rc == 0 && id < o.ncols; id++)
			if (store_column_kind(s, o.col[id]) != COL_METRIC)
				rc = read_dict(&o, id, o.ncodes[id]);
		if (rc == 0)
			rc = read_rows(&o, (uint64_t)nrejects, (int)nfiles);
	}
	if (steps > 1000000ul)
		snprintf(err, errlen, "%s: not a usable focal store (reading it takes too long)", path);
	sqlite3_close(o.db);
	free(o.col);
	free(o.width);
	free(o.ncodes);
	free(o.refs);
	return o.failed ? -1 : rc;
}
