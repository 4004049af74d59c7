/* store_db.c - the store's SQLite connection, as the other store_*.c files
 * use it: statements that cannot fail without a message, and the file names
 * the problems are about. The bottom of the store: it calls no other
 * store file. */
#include "store_int.h"

#include "xmalloc.h"

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
	store_must(s, sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), sql);
	return st;
}

const char *
store_file_path(const struct store *s, int file)
{
	return file >= 0 && file < s->nfiles ? s->files[file] : "?";
}

