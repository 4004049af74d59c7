/* store_save.c - writes a finished store as a plain SQLite file: the typed
 * `focus` table and the problems for SQLite tools, the compact form for focal.
 * Every value is a bound parameter; the write is atomic (store_save.h). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sql_money.h"
#include "store.h"
#include "store_save.h"
#include "value.h"
#include "xmalloc.h"

struct saver {
	struct store *s;
	sqlite3 *db;
	const char *path;	/* the file asked for, for messages */
	char *err;
	size_t errlen;
	int failed;
	int compact_only;	/* a snapshot (snapcache.h): no typed table */
};

unsigned long long
store_save_hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0x84222325cbf29ce4ULL ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		b += 8;
		n -= 8;
	}
	while (n--)
		h = (h ^ *b++) * 0x100000001b3ULL;
	return h ^ (h >> 31);
}

int
store_save_is_sqlite(int fd)
{
	char head[16];
	return pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
	    memcmp(head, "SQLite format 3", 16) == 0;
}

static int
fail(struct saver *v, const char *what)
{
	if (!v->failed)
		snprintf(v->err, v->errlen, "%s: cannot save (%s: %s)", v->path, what,
		    v->db ? sqlite3_errmsg(v->db) : "out of memory");
	v->failed = 1;
	return -1;
}

static int
run(struct saver *v, const char *sql)
{
	if (v->failed)
		return -1;
	return sqlite3_exec(v->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(v, "schema");
}

static sqlite3_stmt *
prep(struct saver *v, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (!v->failed && sqlite3_prepare_v2(v->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail(v, "prepare");
	return st;
}

static void
step(struct saver *v, sqlite3_stmt *st, const char *what)
{
	if (v->failed || st == NULL)
		return;
	if (sqlite3_step(st) != SQLITE_DONE)
		fail(v, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Money as `focal sql` gives it (sql_money.h): INTEGER when whole, REAL
 * when the double reads back to the same decimal, else the exact decimal
 * as TEXT. */
static void
bind_money(sqlite3_stmt *st, int i, money_t m)
{
	if (m == MONEY_NULL)
		sqlite3_bind_null(st, i);
	else if (sql_bind_money(st, i, m) == SQLITE_MISUSE) {
		char buf[64];
		size_t n = money_format(m, -1, 0, 0, buf, sizeof buf);
		sqlite3_bind_text(st, i, buf, (int)n, SQLITE_TRANSIENT);
	}
}

/* Does every value of a money column keep its exact value as INTEGER or
 * REAL? Then it is declared NUMERIC; otherwise it gets no declared type, so
 * SQLite keeps the exact decimal TEXT as bound (NUMERIC would round it). A
 * store_column_decimal column is NUMERIC when every value is such a number. */
static int
money_fits_numeric(const struct store *s, int c, const money_t *num)
{
	double d;
	if (num) {
		for (uint32_t i = 1, n = store_ncodes(s, c); i < n; i++)
			if (num[i] == MONEY_NULL || (num[i] % MONEY_ONE != 0 && !sql_money_real(num[i], &d)))
				return 0;
		return 1;
	}
	for (size_t r = 0, n = store_nrows(s); r < n; r++) {
		money_t m = store_money(s, c, r);
		if (m != MONEY_NULL && m % MONEY_ONE != 0 && !sql_money_real(m, &d))
			return 0;
	}
	return 1;
}

static void
append_ident(char **sql, size_t *len, size_t *cap, const char *name, const char *type)
{
	size_t need = *len + 2 * strlen(name) + strlen(type) + 8;
	char *p;
	if (need > *cap) {
		*cap = need * 2;
		*sql = xreallocarray(*sql, *cap, 1);
	}
	p = *sql + *len;
	*p++ = '"';
	for (const char *q = name; *q; q++) {
		if (*q == '"')
			*p++ = '"';
		*p++ = *q;
	}
	*p++ = '"';
	if (*type) {
		*p++ = ' ';
		memcpy(p, type, strlen(type));
		p += strlen(type);
	}
	*p++ = ',';
	*len = (size_t)(p - *sql);
	(*sql)[*len] = '\0';
}

/* CREATE TABLE focus(...) with every column, then meter, file and line. */
static int
create_focus(struct saver *v, money_t **num)
{
	struct store *s = v->s;
	size_t len = 0, cap = 256;
	char *sql = xmalloc(cap);
	int rc;
	len = (size_t)snprintf(sql, cap, "CREATE TABLE focus(");
	for (int c = 0; c < store_ncolumns(s); c++) {
		const char *type = "TEXT";
		if (store_column_kind(s, c) == COL_METRIC)
			type = money_fits_numeric(s, c, NULL) ? "NUMERIC" : "";
		else if (num[c])
			type = money_fits_numeric(s, c, num[c]) ? "NUMERIC" : "";
		append_ident(&sql, &len, &cap, store_column_name(s, c), type);
	}
	append_ident(&sql, &len, &cap, "file", "TEXT");
	append_ident(&sql, &len, &cap, "line", "INTEGER");
	sql[len - 1] = ')';
	rc = run(v, sql);
	free(sql);
	return rc;
}

/* Per date column, the ISO text of each code (as `focal sql` shows it). */
static char **
date_texts(struct store *s)
{
	char **iso = xcalloc((size_t)store_ncolumns(s), sizeof *iso);
	for (int c = 0; c < store_ncolumns(s); c++) {
		uint32_t n = store_ncodes(s, c);
		if (store_column_kind(s, c) != COL_DATE)
			continue;
		iso[c] = xcalloc(n ? n : 1, 21);
		for (uint32_t i = 1; i < n; i++) {
			int64_t t = store_code_epoch(s, c, i);
			if (t == DATE_NULL)	/* kept as written */
				snprintf(iso[c] + (size_t)i * 21, 21, "%s", store_label(s, c, i));
			else
				date_format(t, iso[c] + (size_t)i * 21);
		}
	}
	return iso;
}

static void
bind_cell(struct store *s, sqlite3_stmt *st, int c, size_t r, char **iso, money_t **num)
{
	uint32_t code;
	if (store_column_kind(s, c) == COL_METRIC) {
		bind_money(st, c + 1, store_money(s, c, r));
		return;
	}
	code = store_code(s, c, r);
	if (code == CODE_NULL)
		return;
	if (num[c] && num[c][code] != MONEY_NULL)
		bind_money(st, c + 1, num[c][code]);
	else if (iso[c] && store_code_epoch(s, c, code) != DATE_NULL)
		sqlite3_bind_text(st, c + 1, iso[c] + (size_t)code * 21, -1, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, c + 1, store_label(s, c, code), -1, SQLITE_STATIC);
}

/* focal reopens the store from its own copy (focal_blob), not from the
 * focus table: a row changed there in another tool would be lost without
 * a word. So a change marks the store edited (triggers the sqlite3 shell
 * runs), and focal refuses an edited store, saying how to load the rows. */
static int
watch_edits(struct saver *v)
{
	static const char *const ev[] = {"INSERT", "UPDATE", "DELETE"};
	char sql[256];
	run(v, "CREATE TABLE focal_edit(id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT)");
	for (int i = 0; i < 3 && !v->failed; i++) {
		snprintf(sql, sizeof sql, "CREATE TRIGGER focal_edit_%d AFTER %s ON focus BEGIN INSERT OR IGNORE INTO "
		    "focal_edit VALUES(1, strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')); END", i, ev[i]);
		run(v, sql);
	}
	return v->failed ? -1 : 0;
}

static int
write_focus(struct saver *v)
{
	struct store *s = v->s;
	int nc = store_ncolumns(s);
	size_t len = 0, cap = 64 + 2 * (size_t)nc;
	char *sql = xmalloc(cap), **iso;
	money_t **num = xcalloc((size_t)nc + 1, sizeof *num);
	sqlite3_stmt *st;

	for (int c = 0; c < nc; c++)
		if (store_column_decimal(s, c))
			num[c] = store_column_numbers(s, c);
	if (create_focus(v, num) < 0) {
		for (int c = 0; c < nc; c++)
			free(num[c]);
		free(num);
		free(sql);
		return -1;
	}
	len = (size_t)snprintf(sql, cap, "INSERT INTO focus VALUES(");
	for (int c = 0; c < nc + 2; c++)
		len += (size_t)snprintf(sql + len, cap - len, "?%s", c + 1 < nc + 2 ? "," : ")");
	st = prep(v, sql);
	free(sql);
	iso = date_texts(s);
	for (size_t r = 0; r < store_nrows(s) && !v->failed; r++) {
		for (int c = 0; c < nc; c++)
			bind_cell(s, st, c, r, iso, num);
		sqlite3_bind_text(st, nc + 1, store_file_path(s, store_row_file(s, r)), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, nc + 2, store_row_line(s, r));
		step(v, st, "focus row");
	}
	for (int c = 0; c < nc; c++) {
		free(iso[c]);
		free(num[c]);
	}
	free(iso);
	free(num);
	sqlite3_finalize(st);
	return v->failed ? -1 : watch_edits(v);
}

/* ---- the tag pairs, the files and the problems ---- */

struct sink {
	struct saver *v;
	sqlite3_stmt *st;
	struct store *s;
};

static void
put_tag(void *ctx, uint32_t tagset, const char *key, const char *value)
{
	struct sink *k = ctx;
	sqlite3_bind_int64(k->st, 1, tagset);
	sqlite3_bind_text(k->st, 2, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(k->st, 3, value, -1, SQLITE_STATIC);
	step(k->v, k->st, "tag");
}

static int
file_index(struct store *s, const char *path)
{
	for (int f = 0; f < store_nfiles(s); f++)
		if (strcmp(store_file_path(s, f), path) == 0)
			return f;
	return -1;
}

static void
put_reject(void *ctx, const char *file, unsigned long line, int field, const char *column,
    const char *value, const char *reason)
{
	struct sink *k = ctx;
	sqlite3_bind_int(k->st, 1, file_index(k->s, file));
	sqlite3_bind_int64(k->st, 2, (sqlite3_int64)line);
	sqlite3_bind_int(k->st, 3, field);
	if (column)
		sqlite3_bind_text(k->st, 4, column, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(k->st, 5, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(k->st, 6, reason ? reason : "", -1, SQLITE_STATIC);
	step(k->v, k->st, "reject");
}

static void
put_deviation(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	struct sink *k = ctx;
	sqlite3_bind_int(k->st, 1, file_index(k->s, file));
	sqlite3_bind_int(k->st, 2, (int)d);
	sqlite3_bind_text(k->st, 3, value_dev_message(d), -1, SQLITE_STATIC);
	sqlite3_bind_int64(k->st, 4, (sqlite3_int64)count);
	sqlite3_bind_int64(k->st, 5, (sqlite3_int64)line);
	sqlite3_bind_int(k->st, 6, field);
	step(k->v, k->st, "deviation");
}

static void
put_note(void *ctx, const char *text)
{
	struct sink *k = ctx;
	sqlite3_bind_text(k->st, 1, text, -1, SQLITE_STATIC);
	step(k->v, k->st, "note");
}

static int
write_problems(struct saver *v)
{
	struct sink k = {v, NULL, v->s};
	run(v,
	    "CREATE TABLE file(id INTEGER PRIMARY KEY, path TEXT);"
	    "CREATE TABLE tag(tagset INTEGER, key TEXT, value TEXT);"
	    "CREATE TABLE reject(file INTEGER, line INTEGER, field INTEGER, col TEXT, value TEXT, reason TEXT);"
	    "CREATE TABLE deviation(file INTEGER, kind INTEGER, what TEXT, count INTEGER, line INTEGER,"
	    " field INTEGER);"
	    "CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT);");
	k.st = prep(v, "INSERT INTO file VALUES(?1, ?2)");
	for (int f = 0; f < store_nfiles(v->s) && !v->failed; f++) {
		sqlite3_bind_int(k.st, 1, f);
		sqlite3_bind_text(k.st, 2, store_file_path(v->s, f), -1, SQLITE_STATIC);
		step(v, k.st, "file");
	}
	sqlite3_finalize(k.st);
	k.st = prep(v, "INSERT INTO tag VALUES(?1, ?2, ?3)");
	if (k.st)
		store_each_tag(v->s, put_tag, &k);
	sqlite3_finalize(k.st);
	k.st = prep(v, "INSERT INTO reject VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	if (k.st)
		store_each_reject(v->s, 0, put_reject, &k);
	sqlite3_finalize(k.st);
	k.st = prep(v, "INSERT INTO deviation VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	if (k.st)
		store_each_deviation(v->s, put_deviation, &k);
	sqlite3_finalize(k.st);
	k.st = prep(v, "INSERT INTO note(text) VALUES(?1)");
	if (k.st)
		store_each_note(v->s, put_note, &k);
	sqlite3_finalize(k.st);
	return v->failed ? -1 : 0;
}

/* ---- the compact form ---- */

static void
put_blob(struct saver *v, sqlite3_stmt *st, int col, enum save_blob what, size_t part, const void *p,
    size_t n)
{
	if (v->failed)
		return;
	if (n > 1000000000u) {
		fail(v, "a dictionary of more than 1 GB");
		return;
	}
	sqlite3_bind_int(st, 1, col);
	sqlite3_bind_int(st, 2, (int)what);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)part);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)store_save_hash(p, n));
	sqlite3_bind_blob(st, 6, n ? p : "", (int)n, SQLITE_STATIC);
	step(v, st, "compact form");
}

/* The rows of one array, SAVE_PART_ROWS to a BLOB. */
static void
put_rows(struct saver *v, sqlite3_stmt *st, int col, const void *p, size_t width)
{
	size_t n = store_nrows(v->s);
	for (size_t r = 0, part = 0; r < n || (n == 0 && part == 0); r += SAVE_PART_ROWS, part++) {
		size_t k = n - r < SAVE_PART_ROWS ? n - r : SAVE_PART_ROWS;
		put_blob(v, st, col, SB_ROWS, part, (const char *)p + r * width, k * width);
	}
}

static void
put_dict(struct saver *v, sqlite3_stmt *st, int col, int id)
{
	struct store *s = v->s;
	uint32_t n = store_ncodes(s, col), *lens = xcalloc(n, sizeof *lens);
	int64_t *epoch = store_column_kind(s, col) == COL_DATE ? xcalloc(n, sizeof *epoch) : NULL;
	size_t total = 0, at = 0;
	char *bytes;
	for (uint32_t i = 1; i < n; i++) {
		lens[i - 1] = (uint32_t)strlen(store_label(s, col, i));
		total += lens[i - 1];
		if (epoch)
			epoch[i - 1] = store_code_epoch(s, col, i);
	}
	bytes = xmalloc(total ? total : 1);
	for (uint32_t i = 1; i < n; i++) {
		memcpy(bytes + at, store_label(s, col, i), lens[i - 1]);
		at += lens[i - 1];
	}
	put_blob(v, st, id, SB_LENS, 0, lens, (size_t)(n - 1) * sizeof *lens);
	put_blob(v, st, id, SB_BYTES, 0, bytes, total);
	if (epoch)
		put_blob(v, st, id, SB_EPOCH, 0, epoch, (size_t)(n - 1) * sizeof *epoch);
	free(lens);
	free(epoch);
	free(bytes);
}

static int
write_compact(struct saver *v)
{
	struct store *s = v->s;
	sqlite3_stmt *st, *col;
	int id = 0;
	run(v,
	    "CREATE TABLE focal_meta(key TEXT PRIMARY KEY, value);"
	    "CREATE TABLE focal_column(id INTEGER PRIMARY KEY, name TEXT, focus INTEGER, kind INTEGER,"
	    " ncodes INTEGER, width INTEGER, decimals INTEGER);"
	    "CREATE TABLE focal_blob(id INTEGER PRIMARY KEY, col INTEGER, what INTEGER, part INTEGER,"
	    " nbytes INTEGER, hash INTEGER, data BLOB);");
	st = prep(v, "INSERT INTO focal_meta VALUES(?1, ?2)");
	{
		const struct { const char *k; sqlite3_int64 i; } meta[] = {
			{"version", STORE_SAVE_VERSION}, {"byteorder", 0x01020304},
			{"rows", (sqlite3_int64)store_nrows(s)}, {"rejects", (sqlite3_int64)store_nrejects(s)},
			{"files", store_nfiles(s)}, {"part_rows", SAVE_PART_ROWS},
		};
		sqlite3_bind_text(st, 1, "format", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, STORE_SAVE_FORMAT, -1, SQLITE_STATIC);
		step(v, st, "meta");
		for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) {
			sqlite3_bind_text(st, 1, meta[i].k, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, meta[i].i);
			step(v, st, "meta");
		}
	}
	sqlite3_finalize(st);
	col = prep(v, "INSERT INTO focal_column VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	st = prep(v, "INSERT INTO focal_blob(col, what, part, nbytes, hash, data) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	put_rows(v, st, SAVE_COL_FILE, store_file_codes(s).p, 2);
	for (size_t r = 0, n = store_nrows(s); r < n || (n == 0 && r == 0); r += SAVE_PART_ROWS) {
		/* the lines: one array, copied part by part (no accessor for it) */
		size_t k = n - r < SAVE_PART_ROWS ? n - r : SAVE_PART_ROWS;
		uint32_t *line = xcalloc(k ? k : 1, sizeof *line);
		for (size_t i = 0; i < k; i++)
			line[i] = store_row_line(s, r + i);
		put_blob(v, st, SAVE_COL_LINE, SB_ROWS, r / SAVE_PART_ROWS, line, k * sizeof *line);
		free(line);
	}
	/* the meter is not kept: store_finish() computes it from the profiles */
	for (int c = 0; c < store_ncolumns(s) && !v->failed; c++) {
		struct store_codes codes;
		struct mcol m = {0};
		int decimals = 0;
		if (store_column_virtual(s, c))
			continue;
		codes = store_codes(s, c);
		if (store_column_kind(s, c) == COL_METRIC) {
			/* narrow: counts of 10^-decimals in 8 bytes; wide: 16 */
			m = store_money_col(s, c);
			codes = m.w ? (struct store_codes){m.w, (int)sizeof *m.w} : (struct store_codes){m.n, 8};
			decimals = m.w ? 0 : store_money_decimals(s, c);
		}
		sqlite3_bind_int(col, 1, id);
		sqlite3_bind_text(col, 2, store_column_name(s, c), -1, SQLITE_STATIC);
		sqlite3_bind_int(col, 3, (int)store_column_focus(s, c));
		sqlite3_bind_int(col, 4, (int)store_column_kind(s, c));
		sqlite3_bind_int64(col, 5, store_ncodes(s, c));
		sqlite3_bind_int(col, 6, codes.width);
		sqlite3_bind_int(col, 7, decimals);
		step(v, col, "column");
		if (store_column_kind(s, c) == COL_METRIC)
			put_rows(v, st, id, codes.p, (size_t)codes.width);
		else {
			put_dict(v, st, c, id);
			put_rows(v, st, id, codes.p, (size_t)codes.width);
		}
		id++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(col);
	return v->failed ? -1 : 0;
}

/* ---- the file ---- */

static int
sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC), rc;
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int
write_all(struct saver *v, const char *tmp)
{
	if (sqlite3_open_v2(tmp, &v->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return fail(v, "open");
	/* big pages for big stores: fewer overflow pages to chain through */
	run(v, store_nrows(v->s) > 100000 ? "PRAGMA page_size=65536" : "PRAGMA page_size=4096");
	run(v, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
	if (write_compact(v) == 0 && write_problems(v) == 0 && (v->compact_only || write_focus(v) == 0))
		run(v, "COMMIT");
	if (sqlite3_close(v->db) != SQLITE_OK && !v->failed)
		fail(v, "close");
	v->db = NULL;
	return v->failed ? -1 : 0;
}

static int save_file(struct saver *v, int force);

int
store_save(struct store *s, const char *path, int force, char *err, size_t errlen)
{
	struct saver v = {s, NULL, path, err, errlen, 0, 0};
	return save_file(&v, force);
}

int
store_save_compact(struct store *s, const char *path, char *err, size_t errlen)
{
	struct saver v = {s, NULL, path, err, errlen, 0, 1};
	return save_file(&v, 1);
}

static int
save_file(struct saver *v, int force)
{
	const char *path = v->path;
	char *err = v->err;
	size_t errlen = v->errlen;
	char *dup = xstrdup(path), *tmp;
	const char *dir = dirname(dup);
	size_t n = strlen(dir) + 32;
	mode_t mask = umask(0);
	int fd;

	umask(mask);
	tmp = xmalloc(n);
	snprintf(tmp, n, "%s/.focal-save.XXXXXX", dir);
	if (!force && access(path, F_OK) == 0) {
		snprintf(err, errlen, "%s: already exists (--force replaces it)", path);
		goto out;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(err, errlen, "%s: cannot save (cannot create a file in %s: %s)", path, dir, strerror(errno));
		goto out;
	}
	(void)fchmod(fd, 0666 & ~mask);
	close(fd);
	if (write_all(v, tmp) < 0)
		goto unlink;
	if (sync_path(tmp, 0) < 0) {
		snprintf(err, errlen, "%s: cannot save (fsync: %s)", path, strerror(errno));
		goto unlink;
	}
	/* link() never replaces: a file that appeared meanwhile is kept */
	if (force ? rename(tmp, path) : link(tmp, path)) {
		snprintf(err, errlen, "%s: %s", path, errno == EEXIST ? "already exists (--force replaces it)" :
		    strerror(errno));
		goto unlink;
	}
	if (!force)
		unlink(tmp);
	(void)sync_path(dir, 1);
	free(tmp);
	free(dup);
	return 0;
unlink:
	unlink(tmp);
out:
	free(tmp);
	free(dup);
	return -1;
}
