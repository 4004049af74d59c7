/* store_problems.c - rejected rows, deviations from FOCUS and notes, kept
 * in SQLite and walked in order. */
#include "store_int.h"

#include <stdio.h>

/* Problems */

void
store_reject(struct store *s, int file, unsigned long line, int field, const char *column,
    const char *value, size_t vlen, const char *reason)
{
	s->nrejects++;
	if (s->nrejects > REJECT_DETAIL_MAX)
		return;
	store_db_ready(s);
	sqlite3_reset(s->ins_reject);
	sqlite3_bind_int(s->ins_reject, 1, file);
	sqlite3_bind_int64(s->ins_reject, 2, (sqlite3_int64)line);
	sqlite3_bind_int(s->ins_reject, 3, field);
	if (column)
		sqlite3_bind_text(s->ins_reject, 4, column, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->ins_reject, 4);
	if (value) {
		if (vlen > 200)
			vlen = 200;
		sqlite3_bind_blob(s->ins_reject, 5, value, (int)vlen, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(s->ins_reject, 5);
	sqlite3_bind_text(s->ins_reject, 6, reason, -1, SQLITE_TRANSIENT);
	store_must(s, sqlite3_step(s->ins_reject), "insert reject");
}

uint64_t
store_nrejects(const struct store *s)
{
	return s->nrejects;
}

void
store_each_reject(struct store *s, size_t limit,
    void (*fn)(void *, const char *, unsigned long, int, const char *, const char *, const char *), void *ctx)
{
	sqlite3_stmt *st = store_prepare(s,
	    "SELECT file, line, field, col, CAST(value AS TEXT), reason FROM reject ORDER BY rowid LIMIT ?1");
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, store_file_path(s, sqlite3_column_int(st, 0)),
		    (unsigned long)sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2),
		    (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5));
	sqlite3_finalize(st);
}

void
store_deviation(struct store *s, int file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	store_db_ready(s);
	sqlite3_reset(s->ins_dev);
	sqlite3_bind_int(s->ins_dev, 1, file);
	sqlite3_bind_int(s->ins_dev, 2, (int)d);
	sqlite3_bind_int64(s->ins_dev, 3, (sqlite3_int64)count);
	sqlite3_bind_int64(s->ins_dev, 4, (sqlite3_int64)line);
	sqlite3_bind_int(s->ins_dev, 5, field);
	store_must(s, sqlite3_step(s->ins_dev), "insert deviation");
}

void
store_each_deviation(struct store *s,
    void (*fn)(void *, const char *, enum value_dev, uint64_t, unsigned long, int), void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT file, kind, count, line, field FROM deviation ORDER BY file, kind");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, store_file_path(s, sqlite3_column_int(st, 0)), (enum value_dev)sqlite3_column_int(st, 1),
		    (uint64_t)sqlite3_column_int64(st, 2), (unsigned long)sqlite3_column_int64(st, 3),
		    sqlite3_column_int(st, 4));
	sqlite3_finalize(st);
}

void
store_note(struct store *s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	store_db_ready(s);
	{	/* once: a store reopened and finished again says it anew */
		sqlite3_stmt *st = store_prepare(s, "SELECT 1 FROM note WHERE text = ?1");
		int seen;
		sqlite3_bind_text(st, 1, buf, -1, SQLITE_TRANSIENT);
		seen = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (seen)
			return;
	}
	sqlite3_reset(s->ins_note);
	sqlite3_bind_text(s->ins_note, 1, buf, -1, SQLITE_TRANSIENT);
	store_must(s, sqlite3_step(s->ins_note), "insert note");
}

void
store_each_note(struct store *s, void (*fn)(void *, const char *), void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT text FROM note ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}
