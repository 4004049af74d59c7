/* store_save.h - a loaded store saved as a plain SQLite file, and reopened.
 *
 * The file holds a typed `focus` table (every column by name, plus meter,
 * file and line) and the tag pairs, files and problems, for any SQLite tool;
 * and, in focal_* tables, the store's compact form (dictionaries and coded
 * column arrays as checked BLOBs) that focal reopens without re-reading or
 * re-parsing a single CSV value. */
#ifndef FOCAL_STORE_SAVE_H
#define FOCAL_STORE_SAVE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* The layout of the focal_* tables; a file of another version is refused.
 * Version 2 keeps a money column narrow (8 bytes a row) where version 1
 * kept every amount in 16; version 1 files are still read. */
#define STORE_SAVE_FORMAT "focal-store"
#define STORE_SAVE_VERSION 2

/* Writes s (finished) to path: a temporary file in the same directory,
 * fsync, then rename. An existing path is replaced only when force is set.
 * Returns 0, or -1 with err naming the file and the reason (no file left). */
int store_save(struct store *s, const char *path, int force, char *err, size_t errlen);

/* The same without the typed `focus` table (the problems and the compact
 * form only: what store_open_saved reads), always replacing path. */
int store_save_compact(struct store *s, const char *path, char *err, size_t errlen);

/* Does the open file fd start with the SQLite header? (not by extension) */
int store_save_is_sqlite(int fd);

/* Fills s (new, empty) from a saved store; store_finish() follows as after
 * a CSV load. Returns 0, or -1 with err naming the file and what is wrong:
 * every length, code and offset is checked, the file is outside input. */
int store_open_saved(struct store *s, const char *path, char *err, size_t errlen);

/* Storage shared by the writer and the reader. */
#define SAVE_PART_ROWS (1u << 20)	/* rows per BLOB of a column */
enum save_blob { SB_ROWS = 0, SB_LENS = 1, SB_BYTES = 2, SB_EPOCH = 3 };
#define SAVE_COL_FILE (-1)	/* SB_ROWS of the per-row file index */
#define SAVE_COL_LINE (-2)	/* SB_ROWS of the per-row line */
unsigned long long store_save_hash(const void *p, size_t n);

/* The checks of a saved store's contents, apart from SQLite
 * (store_restore.c): store_open.c reads, these check and fill the store.
 * Each returns 0, or -1 with err saying what is wrong (without the path). */
struct saved_column {		/* a row of focal_column */
	int64_t id, focus, kind, ncodes, width, decimals;
	int decimals_integer;	/* decimals was an INTEGER */
	const char *name;	/* NULL when the name was NULL */
};
/* Checks sc and adds its column to s (*col its number in s). */
int restore_column(struct store *s, int version, const struct saved_column *sc, int *col, char *err,
    size_t errlen);
/* Fills column c's dictionary (empty) from n values: lens[i] bytes each,
 * one after the other in bytes; epoch[i] each value's instant for a date
 * column (else NULL). */
int restore_dict(struct store *s, int c, const uint32_t *lens, size_t n, const char *bytes, const int64_t *epoch,
    char *err, size_t errlen);
/* Where k saved codes of width saved_width from row r0 are to be read:
 * in place in the store when the widths agree, else tmp (k codes). */
void *restore_codes_place(struct store *s, int c, int saved_width, size_t r0, void *tmp);
/* Puts those k codes (src, as restore_codes_place said) at rows r0... of
 * column c, each checked to be below max (the saved number of codes). */
int restore_codes(struct store *s, int c, int saved_width, uint32_t max, size_t r0, size_t k, const void *src,
    char *err, size_t errlen);
/* Checks the k amounts read in place at rows r0... of money column c
 * (width 16: each below 10^37; width 8: any count is an amount). */
int restore_money(struct store *s, int c, int width, size_t r0, size_t k, char *err, size_t errlen);

#endif
