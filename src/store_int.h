/* store_int.h - the store's insides, shared by the store*.c files only. */
#ifndef FOCAL_STORE_INT_H
#define FOCAL_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

/* How many rejected rows are kept with their details (all are counted). */
#define REJECT_DETAIL_MAX 10000

/* String dictionary: open addressing over codes, strings in a chunked arena. */
struct dict {
	char **str;		/* code -> string (str[0] = NULL) */
	uint32_t *len;
	int64_t *epoch;		/* COL_DATE only */
	uint32_t *info;		/* loader's word per code */
	uint32_t n, cap;
	uint32_t *slots;	/* 0 = empty, else tag << sbits | code */
	uint32_t nslots;	/* power of two, 1 << sbits */
	uint32_t sbits;
	struct arena *arena;	/* newest chunk first */
	size_t arena_used, arena_cap;
};

struct arena {
	struct arena *prev;
	char data[];
};

struct column {
	char *name;
	enum focus_col fc;
	enum col_kind kind;
	int virt;
	struct dict dict;
	void *codes;		/* per row, 1/2/4 bytes */
	int width;
	/* COL_METRIC (store_money.c): wide (money), or narrow (money8: counts
	 * of 10^-mdec, the largest |value| mabs), mcap rows allocated */
	money_t *money;
	int64_t *money8;
	int mdec;
	uint64_t mabs;
	size_t mcap;
	/* staged value for the row being assembled */
	uint32_t stage_code;
	money_t stage_money;
};

struct tagkey {
	char *key;
	struct dict values;
	uint32_t *of_tagset;	/* tagset code -> value code */
	uint32_t nof;
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *ins_tag, *ins_reject, *ins_dev, *ins_note, *json_check, *tags_valid;
	char **files;
	int nfiles;
	struct column *cols;
	int ncols, capcols;
	size_t nrows, caprows;
	uint32_t *row_line;
	uint16_t *row_file;
	uint64_t nrejects;
	/* codes the row being staged added (store_intern_row), newest last */
	struct newcode { int col; uint32_t code; } *newc;
	size_t nnew, capnew;
	sqlite3_stmt *del_tagset, *ins_tag_raw;
	uint32_t last_tagset;	/* the newest tag set parsed, and how many pairs */
	int last_tag_pairs;	/* it added: the last rows of the tag table */
	int tags_col;
	struct tagkey *tagkeys;
	int ntagkeys;
	const struct profile *profile;
	char *currency;
	int finished;
	uint64_t serial;
	const struct store_engine *engine;	/* query.h: NULL for the rows here */
	void *engine_ctx;
	int scope_col;		/* store_sql_scope: -1, or the SQL tables' rows have */
	uint32_t scope_code;	/* this code in that column */
};

/* store_db.c */
void store_db_ready(struct store *);	/* opens the SQLite connection if not yet open */
void store_must(struct store *, int rc, const char *what);	/* dies unless rc is SQLITE_OK/DONE */
sqlite3_stmt *store_prepare(struct store *, const char *sql);
void store_reserve(struct store *, size_t need);	/* room for `need` rows */

/* store_dict.c */
void dict_init(struct dict *);
void dict_free(struct dict *);
/* The code of s[0..n), UINT32_MAX if absent (*slot, if given: where it would go). */
uint32_t dict_find(const struct dict *, const char *s, size_t n, uint32_t *slot);
/* The code of s[0..n), added if new (*isnew set). */
uint32_t dict_intern(struct dict *, const char *s, size_t n, int *isnew);
/* dict_intern keeping s itself (NUL-terminated), not a copy: the memory
 * behind it must become d's (dict_take_arena), or the text d's own
 * (dict_own_text), before it is freed */
uint32_t dict_adopt(struct dict *, const char *s, size_t n, int *isnew);
void dict_own_text(struct dict *, uint32_t code);
void dict_take_arena(struct dict *, struct dict *src);
uint32_t store_adopt(struct store *, int col, const char *str, size_t n, int *isnew);
/* Removes the newest code (a rejected row's value). */
void dict_forget_last(struct dict *, uint32_t code);

/* store_money.c: a money column's forms */
#define MONEY8_NULL INT64_MIN
void money_col_init(struct column *, size_t cap, size_t nrows);
void money_col_reserve(struct column *, size_t cap);
void money_col_free(struct column *);
void money_col_widen(struct column *, size_t nrows);
int money_col_rescale(struct column *, int decimals, size_t nrows);
void money_col_put(struct column *, size_t row, money_t v);
void money_col_join(struct column *dst, size_t nrows, const struct column *src);
void money_col_copy(struct column *dst, size_t at, const struct column *src, size_t from, size_t k);
void money_col_form(struct column *, int wide, int decimals);
void money_col_restored(struct column *, size_t r0, size_t k);

/* store_tags.c */
void store_tags_index(struct store *);	/* per tag key: tag set code -> value code */

#endif
