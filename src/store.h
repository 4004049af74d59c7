/* store.h - the in-memory store: SQLite for what is queried rarely (files,
 * tag pairs parsed by json_each, rejected rows, deviations, notes) and compact
 * dictionary-encoded columns for what every drill step scans.
 *
 * Only store.c writes SQL; every value from data or from the user is a bound
 * parameter. Nothing here knows about curses. */
#ifndef FOCAL_STORE_H
#define FOCAL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "focus.h"
#include "value.h"

enum col_kind {
	COL_DIM,	/* dictionary-coded text (also non-metric numbers, JSON) */
	COL_DATE,	/* dictionary-coded ISO text with an epoch per code */
	COL_METRIC,	/* exact decimal per row */
};

/* The metric columns, in the order reports print them. */
#define METRICS(X) \
	X(M_BILLED, BilledCost, 1) \
	X(M_EFFECTIVE, EffectiveCost, 1) \
	X(M_LIST, ListCost, 1) \
	X(M_CONTRACTED, ContractedCost, 1) \
	X(M_CONSUMED, ConsumedQuantity, 0) \
	X(M_PRICING, PricingQuantity, 0)

enum metric {
#define X(id, col, money) id,
	METRICS(X)
#undef X
	M_COUNT
};
const char *metric_name(enum metric m);
int metric_is_money(enum metric m);
int metric_find(const char *name);	/* -1 if unknown; case-insensitive */

#define CODE_NULL 0u	/* code 0 of every dictionary is NULL */

struct store;

struct store *store_new(void);
void store_free(struct store *);
/* Empties the store as store_new leaves it, keeping its SQLite connection
 * (a new serial): fuzz_csv_fields loads each input into one store. */
void store_reset(struct store *);

/* Files and columns */
int store_add_file(struct store *, const char *path);
int store_nfiles(const struct store *);
const char *store_file_path(const struct store *, int file);
void store_file_set_stats(struct store *, int file, uint64_t rows, uint64_t rejected, uint64_t bytes);

/* Finds or creates the column bound to this (canonical) name. */
int store_column(struct store *, const char *name, enum focus_col fc, enum col_kind kind);
int store_find_column(const struct store *, const char *name);	/* exact, then case-insensitive; -1 */
int store_ncolumns(const struct store *);
const char *store_column_name(const struct store *, int col);
enum col_kind store_column_kind(const struct store *, int col);
enum focus_col store_column_focus(const struct store *, int col);
/* A FOCUS Decimal column held as text (a unit price, a quantity): a number
 * in SQL (`focal sql`, the saved store). */
int store_column_decimal(const struct store *, int col);
/* The number of each code of such a column, MONEY_NULL where the label is
 * none (malloc'd, store_ncodes of them). */
money_t *store_column_numbers(const struct store *, int col);
int store_column_virtual(const struct store *, int col);	/* computed by focal (meter) */
int store_metric_column(const struct store *, enum metric m);	/* -1 when absent */

/* Dictionaries. store_intern returns the code of s (creating it; *isnew set).
 * store_intern_row does the same for a value of the row being staged: if the
 * row is discarded, the values it brought into the dictionaries (and the tag
 * pairs of a new Tags value) are forgotten again, so a rejected row leaves no
 * value, period or tag key behind. One thread at a time. */
uint32_t store_intern(struct store *, int col, const char *str, size_t n, int *isnew);
uint32_t store_intern_row(struct store *, int col, const char *str, size_t n);
uint32_t store_ncodes(const struct store *, int col);	/* including CODE_NULL */
const char *store_label(const struct store *, int col, uint32_t code);	/* NULL for CODE_NULL */
int64_t store_code_epoch(const struct store *, int col, uint32_t code);
void store_set_code_epoch(struct store *, int col, uint32_t code, int64_t t);
uint32_t store_lookup(const struct store *, int col, const char *str);	/* UINT32_MAX if absent */
/* A word per code for the loader: what it learnt parsing that value once. */
uint32_t store_code_info(const struct store *, int col, uint32_t code);
void store_set_code_info(struct store *, int col, uint32_t code, uint32_t info);

/* Rows: stage values with store_put_*, then commit. Unset columns are NULL. */
void store_put_code(struct store *, int col, uint32_t code);
uint32_t store_staged_code(const struct store *, int col);	/* of the row being assembled */
void store_put_money(struct store *, int col, money_t v);
size_t store_commit_row(struct store *, int file, uint32_t line);
void store_discard_row(struct store *);

size_t store_nrows(const struct store *);
uint32_t store_code(const struct store *, int col, size_t row);
money_t store_money(const struct store *, int col, size_t row);	/* MONEY_NULL if NULL */
int store_row_file(const struct store *, size_t row);
uint32_t store_row_line(const struct store *, size_t row);

/* Columnar access for the query engine's inner loops. */
struct store_codes {
	const void *p;
	int width;	/* 1, 2 or 4 bytes */
};
struct store_codes store_codes(const struct store *, int col);
/* A money column: wide (w, the amounts as they are) or narrow (n, counts
 * of 1/mul of an amount's unit: every value of the column fits in 64 bits
 * that way; INT64_MIN is NULL). mcol_get reads either. */
struct mcol {
	const money_t *w;
	const int64_t *n;
	int64_t mul;	/* 10^(18 - decimals) */
};
struct mcol store_money_col(const struct store *, int col);
static inline money_t
mcol_get(const struct mcol *m, size_t row)
{
	if (m->w)
		return m->w[row];
	/* 64 x 64 -> 128 bits: one multiply */
	return m->n[row] == INT64_MIN ? MONEY_NULL : (money_t)m->n[row] * (money_t)m->mul;
}
/* 10^(18 - decimals): the unit of a narrow column's counts */
int64_t money_scale_of(int decimals);
int store_money_decimals(const struct store *, int col);	/* a narrow column's; -1 if wide */
static inline uint32_t
store_codes_get(struct store_codes c, size_t row)
{
	switch (c.width) {
	case 1: return ((const uint8_t *)c.p)[row];
	case 2: return ((const uint16_t *)c.p)[row];
	default: return ((const uint32_t *)c.p)[row];
	}
}

/* Parallel loading: a shard is a store with the same columns, loaded from a
 * later part of one file; store_append moves its rows (codes remapped, lines
 * shifted by line_offset, tagged with file) and its rejected rows into dst,
 * then frees it. */
struct store *store_new_shard(const struct store *like);
void store_append(struct store *dst, struct store *shard, int file, uint32_t line_offset);
/* The bytes of a column store_append moves at a time (0: the default,
 * 2 MiB); tests make it small so that a merge crosses many slices. */
void store_merge_slice(size_t bytes);
/* Makes room for n rows in all (a guess for big files: one allocation). */
void store_reserve_rows(struct store *, size_t n);

/* Tags: each distinct Tags text is parsed once with SQLite's json_each.
 * Returns 0, or -1 with a reason when the text is not a JSON object. */
int store_tags_parse(struct store *, uint32_t tagset, const char *json, char *why, size_t whylen);
/* JSON check for `focal validate` (keyvalue: flat KeyValueFormat object). */
int store_json_check(void *store, const char *text, int keyvalue, char *why, size_t whylen);
int store_ntagkeys(const struct store *);
const char *store_tagkey(const struct store *, int key);
int store_find_tagkey(const struct store *, const char *key);
/* Value code of tag `key` for a tag set (CODE_NULL: the key is absent). */
uint32_t store_tag_value(const struct store *, int key, uint32_t tagset);
const uint32_t *store_tag_values(const struct store *, int key);	/* indexed by tagset code */
uint32_t store_tag_ncodes(const struct store *, int key);
const char *store_tag_label(const struct store *, int key, uint32_t code);
uint32_t store_tag_lookup(const struct store *, int key, const char *value);
/* A value of tag key, added when new (a store with an engine: its labels
 * come with the answers). */
uint32_t store_tag_intern(struct store *, int key, const char *value);

/* Problems, kept in SQLite. */
void store_reject(struct store *, int file, unsigned long line, int field, const char *column,
    const char *value, size_t vlen, const char *reason);
uint64_t store_nrejects(const struct store *);
/* Calls fn for each kept rejection (up to limit; 0 = all), in file order. */
void store_each_reject(struct store *, size_t limit,
    void (*fn)(void *ctx, const char *file, unsigned long line, int field, const char *column,
	const char *value, const char *reason), void *ctx);
void store_deviation(struct store *, int file, enum value_dev d, uint64_t count, unsigned long line, int field);
void store_each_deviation(struct store *,
    void (*fn)(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field),
    void *ctx);
void store_note(struct store *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The words of the note store_finish leaves when the data has more than one
 * BillingCurrency ("2 billing currencies in the data: ..."): a command that
 * says it in its own words can leave this one out. */
#define STORE_NOTE_CURRENCIES " billing currencies in the data: "
void store_each_note(struct store *, void (*fn)(void *ctx, const char *note), void *ctx);

/* While a scope is set, the SQL tables focus and focus_tags (store_vt.c)
 * hold only the rows whose column col has code: a use case that adds money
 * runs on one billing currency at a time. col -1: every row again. */
void store_sql_scope(struct store *, int col, uint32_t code);
int store_sql_scoped(const struct store *);
int store_sql_in_scope(const struct store *, size_t row);

/* After loading: builds the tag index and the `meter` column. */
struct profile;
int store_finish(struct store *, const struct profile *const *profiles, int nprofiles);
const struct profile *store_profile(const struct store *);	/* dominant profile, or NULL */
/* Sets it (a store whose rows are elsewhere: its engine picks it). */
void store_set_profile(struct store *, const struct profile *);
const char *store_currency(const struct store *);	/* the single BillingCurrency, or NULL */
/* Unique per store for the process lifetime (cache keys). */
uint64_t store_serial(const struct store *);
/* Per-row source file index, as codes of width 2. */
struct store_codes store_file_codes(const struct store *);
/* The store's SQLite connection, for sql.c (user SQL under its authorizer)
 * and store_vt.c; nothing else writes SQL to it. */
struct sqlite3;
struct sqlite3 *store_db(struct store *);

/* Saved stores (store_save.c, store_open.c): what they need of the insides. */
void store_restore_rows(struct store *, size_t n, uint64_t nrejects, uint16_t **row_file, uint32_t **row_line);
void *store_column_rows(struct store *, int col);
/* A restored money column: wide, or narrow at `decimals` (before its rows),
 * then each part of its rows once read. */
void store_restore_money_form(struct store *, int col, int wide, int decimals);
void store_restore_money_done(struct store *, int col, size_t r0, size_t k);
void store_restore_tag(struct store *, uint32_t tagset, const char *key, const char *value);
void store_each_tag(struct store *, void (*fn)(void *ctx, uint32_t tagset, const char *key, const char *value),
    void *ctx);

#endif
