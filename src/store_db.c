/* store_db.c - the store's SQLite connection, as the other store_*.c files
 * use it: statements that cannot fail without a message, and the file names
 * the problems are about. The bottom of the store: it calls no other
 * store file. */
#include "store_int.h"

#include "xmalloc.h"

/* The connection, its tables and statements, opened at the first use: a
 * store that never files a tag, a problem or a note (the label table of a
 * warehouse's answer) never pays for one. */
void
store_db_ready(struct store *s)
{
	if (s->db)
		return;
	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		fatal("SQLite: cannot open an in-memory database");
	store_must(s, sqlite3_exec(s->db,
	    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	    "CREATE TABLE tag(tagset INTEGER, key TEXT, value TEXT);"
	    "CREATE TABLE reject(file INTEGER, line INTEGER, field INTEGER, col TEXT, value TEXT, reason TEXT);"
	    "CREATE TABLE deviation(file INTEGER, kind INTEGER, count INTEGER, line INTEGER, field INTEGER,"
	    " PRIMARY KEY(file, kind));"
	    "CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT UNIQUE);", NULL, NULL, NULL), "create the store");
	s->ins_tag = store_prepare(s,
	    "INSERT INTO tag SELECT ?1, key, CASE type WHEN 'null' THEN NULL WHEN 'true' THEN 'true'"
	    " WHEN 'false' THEN 'false' ELSE CAST(value AS TEXT) END FROM json_each(?2)");
	s->ins_reject = store_prepare(s, "INSERT INTO reject VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	s->ins_dev = store_prepare(s,
	    "INSERT INTO deviation VALUES(?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(file, kind) DO UPDATE SET count = count + excluded.count");
	s->ins_note = store_prepare(s, "INSERT OR IGNORE INTO note(text) VALUES(?1)");
	/* one transaction for the load; a finished store reads at once */
	if (!s->finished)
		store_must(s, sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL), "BEGIN");
}

void
store_must(struct store *s, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		fatal("SQLite: %s: %s", what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	store_db_ready(s);
	store_must(s, sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), sql);
	return st;
}

const char *
store_file_path(const struct store *s, int file)
{
	return file >= 0 && file < s->nfiles ? s->files[file] : "?";
}

