/* store.c - SQLite for metadata, tags and problems; dictionary-coded columns
 * for rows. The only module that writes SQL. */
#include "bytes.h"
#include "store.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "profile.h"
#include "xmalloc.h"

/* How many rejected rows are kept with their details (all are counted). */
#define REJECT_DETAIL_MAX 10000

static const char *const metric_names[] = {
#define X(id, col, money) #col,
	METRICS(X)
#undef X
};
static const int metric_money[] = {
#define X(id, col, money) money,
	METRICS(X)
#undef X
};

const char *
metric_name(enum metric m)
{
	return m < M_COUNT ? metric_names[m] : "?";
}

int
metric_is_money(enum metric m)
{
	return m < M_COUNT && metric_money[m];
}

int
metric_find(const char *name)
{
	for (int m = 0; m < M_COUNT; m++)
		if (strcasecmp(name, metric_names[m]) == 0)
			return m;
	return -1;
}

/* String dictionary: open addressing over codes, strings in a chunked arena. */
struct dict {
	char **str;		/* code -> string (str[0] = NULL) */
	uint32_t *len;
	int64_t *epoch;		/* COL_DATE only */
	uint32_t *info;		/* loader's word per code */
	uint32_t n, cap;
	uint32_t *slots;	/* 0 = empty, else code */
	uint32_t nslots;	/* power of two */
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
	money_t *money;		/* COL_METRIC */
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
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	/* 8 bytes a step; dictionary lookups are on the loader's hot path */
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

static void
dict_init(struct dict *d)
{
	memset(d, 0, sizeof *d);
	d->cap = 16;
	d->str = xcalloc(d->cap, sizeof *d->str);
	d->len = xcalloc(d->cap, sizeof *d->len);
	d->info = xcalloc(d->cap, sizeof *d->info);
	d->n = 1;	/* code 0 = NULL */
	d->nslots = 64;
	d->slots = xcalloc(d->nslots, sizeof *d->slots);
}

static void
dict_free(struct dict *d)
{
	while (d->arena) {
		struct arena *prev = d->arena->prev;
		free(d->arena);
		d->arena = prev;
	}
	free(d->str);
	free(d->len);
	free(d->epoch);
	free(d->info);
	free(d->slots);
}

static char *
dict_store_string(struct dict *d, const char *s, size_t n)
{
	char *p;
	if (d->arena == NULL || d->arena_used + n + 1 > d->arena_cap) {
		size_t cap = 64 * 1024;
		struct arena *chunk;
		if (n + 1 > cap)
			cap = n + 1;
		chunk = xmalloc(sizeof *chunk + cap);
		chunk->prev = d->arena;
		d->arena = chunk;
		d->arena_used = 0;
		d->arena_cap = cap;
	}
	p = d->arena->data + d->arena_used;
	memcpy(p, s, n);
	p[n] = '\0';
	d->arena_used += n + 1;
	return p;
}

static void
dict_grow_slots(struct dict *d)
{
	uint32_t ns = d->nslots * 2;
	uint32_t *slots = xcalloc(ns, sizeof *slots);
	for (uint32_t c = 1; c < d->n; c++) {
		uint64_t h = hash_bytes(d->str[c], d->len[c]);
		uint32_t i = (uint32_t)h & (ns - 1);
		while (slots[i])
			i = (i + 1) & (ns - 1);
		slots[i] = c;
	}
	free(d->slots);
	d->slots = slots;
	d->nslots = ns;
}

static uint32_t
dict_find(const struct dict *d, const char *s, size_t n, uint32_t *slot)
{
	uint64_t h = hash_bytes(s, n);
	uint32_t i = (uint32_t)h & (d->nslots - 1);
	while (d->slots[i]) {
		uint32_t c = d->slots[i];
		if (d->len[c] == n && bytes_equal(d->str[c], s, n))
			return c;
		i = (i + 1) & (d->nslots - 1);
	}
	if (slot)
		*slot = i;
	return UINT32_MAX;
}

static uint32_t
dict_intern(struct dict *d, const char *s, size_t n, int *isnew)
{
	uint32_t slot, c = dict_find(d, s, n, &slot);
	if (isnew)
		*isnew = c == UINT32_MAX;
	if (c != UINT32_MAX)
		return c;
	if (d->n == UINT32_MAX - 1)
		fatal("more than 4 billion distinct values in one column");
	if (d->n == d->cap) {
		d->cap *= 2;
		d->str = xreallocarray(d->str, d->cap, sizeof *d->str);
		d->len = xreallocarray(d->len, d->cap, sizeof *d->len);
		if (d->epoch)
			d->epoch = xreallocarray(d->epoch, d->cap, sizeof *d->epoch);
		d->info = xreallocarray(d->info, d->cap, sizeof *d->info);
	}
	c = d->n++;
	d->str[c] = dict_store_string(d, s, n);
	d->len[c] = (uint32_t)n;
	if (d->epoch)
		d->epoch[c] = DATE_NULL;
	d->info[c] = 0;
	d->slots[slot] = c;
	if ((uint64_t)d->n * 4 > (uint64_t)d->nslots * 3)
		dict_grow_slots(d);
	return c;
}

/* Removes code, the newest entry of d, from its hash slots. Emptying its slot
 * is enough: no entry was placed after the newest one, so no probe run
 * crosses its slot. Its text stays in the arena until d is freed. */
static void
dict_forget_last(struct dict *d, uint32_t code)
{
	uint32_t mask = d->nslots - 1, i;
	if (code == 0 || code + 1 != d->n)
		fatal("internal error: forgetting code %u of %u", code, d->n);
	for (i = (uint32_t)hash_bytes(d->str[code], d->len[code]) & mask; d->slots[i] != code; i = (i + 1) & mask)
		;
	d->slots[i] = 0;
	d->n--;
}

static void
must(struct store *s, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		fatal("SQLite: %s: %s", what, sqlite3_errmsg(s->db));
}

static sqlite3_stmt *
prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	must(s, sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), sql);
	return st;
}

static void
exec(struct store *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fatal("SQLite: %s: %s", sql, err ? err : "?");
}

struct store *
store_new(void)
{
	struct store *s = xcalloc(1, sizeof *s);
	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		fatal("SQLite: cannot open an in-memory database");
	exec(s,
	    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	    "CREATE TABLE tag(tagset INTEGER, key TEXT, value TEXT);"
	    "CREATE TABLE reject(file INTEGER, line INTEGER, field INTEGER, col TEXT, value TEXT, reason TEXT);"
	    "CREATE TABLE deviation(file INTEGER, kind INTEGER, count INTEGER, line INTEGER, field INTEGER,"
	    " PRIMARY KEY(file, kind));"
	    "CREATE TABLE note(id INTEGER PRIMARY KEY, text TEXT UNIQUE);");
	s->ins_tag = prepare(s,
	    "INSERT INTO tag SELECT ?1, key, CASE type WHEN 'null' THEN NULL WHEN 'true' THEN 'true'"
	    " WHEN 'false' THEN 'false' ELSE CAST(value AS TEXT) END FROM json_each(?2)");
	s->ins_reject = prepare(s, "INSERT INTO reject VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	s->ins_dev = prepare(s,
	    "INSERT INTO deviation VALUES(?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT(file, kind) DO UPDATE SET count = count + excluded.count");
	s->ins_note = prepare(s, "INSERT OR IGNORE INTO note(text) VALUES(?1)");
	static uint64_t serials;
	s->serial = ++serials;
	s->tags_col = -1;
	exec(s, "BEGIN");
	return s;
}

void
store_free(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->ins_tag);
	sqlite3_finalize(s->ins_reject);
	sqlite3_finalize(s->ins_dev);
	sqlite3_finalize(s->ins_note);
	sqlite3_finalize(s->json_check);
	sqlite3_finalize(s->tags_valid);
	sqlite3_finalize(s->del_tagset);
	sqlite3_finalize(s->ins_tag_raw);
	sqlite3_close(s->db);
	free(s->newc);
	for (int i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	for (int i = 0; i < s->ncols; i++) {
		free(s->cols[i].name);
		dict_free(&s->cols[i].dict);
		free(s->cols[i].codes);
		free(s->cols[i].money);
	}
	free(s->cols);
	for (int i = 0; i < s->ntagkeys; i++) {
		free(s->tagkeys[i].key);
		dict_free(&s->tagkeys[i].values);
		free(s->tagkeys[i].of_tagset);
	}
	free(s->tagkeys);
	free(s->row_line);
	free(s->row_file);
	free(s->currency);
	free(s);
}

int
store_add_file(struct store *s, const char *path)
{
	if (s->nfiles >= UINT16_MAX)
		fatal("too many input files (at most %d)", UINT16_MAX);
	s->files = xreallocarray(s->files, (size_t)s->nfiles + 1, sizeof *s->files);
	s->files[s->nfiles] = xstrdup(path);
	return s->nfiles++;
}

int
store_nfiles(const struct store *s)
{
	return s->nfiles;
}

const char *
store_file_path(const struct store *s, int file)
{
	return file >= 0 && file < s->nfiles ? s->files[file] : "?";
}

void
store_file_set_stats(struct store *s, int file, uint64_t rows, uint64_t rejected, uint64_t bytes)
{
	(void)s, (void)file, (void)rows, (void)rejected, (void)bytes;
}

static void
column_widen(struct column *c, size_t nrows, size_t cap, int width)
{
	void *n = xcalloc(cap ? cap : 1, (size_t)width);
	for (size_t r = 0; r < nrows; r++) {
		uint32_t v = store_codes_get((struct store_codes){c->codes, c->width}, r);
		if (width == 2)
			((uint16_t *)n)[r] = (uint16_t)v;
		else
			((uint32_t *)n)[r] = v;
	}
	free(c->codes);
	c->codes = n;
	c->width = width;
}

int
store_column(struct store *s, const char *name, enum focus_col fc, enum col_kind kind)
{
	struct column *c;
	for (int i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, name) == 0)
			return i;
	if (s->ncols == s->capcols) {
		s->capcols = s->capcols ? s->capcols * 2 : 32;
		s->cols = xreallocarray(s->cols, (size_t)s->capcols, sizeof *s->cols);
	}
	c = &s->cols[s->ncols];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->fc = fc;
	c->kind = kind;
	dict_init(&c->dict);
	if (kind == COL_DATE) {
		c->dict.epoch = xcalloc(c->dict.cap, sizeof *c->dict.epoch);
		c->dict.epoch[0] = DATE_NULL;
	}
	/* rows loaded before this column appeared (an earlier file) are NULL */
	if (kind == COL_METRIC) {
		c->money = xcalloc(s->caprows ? s->caprows : 1, sizeof *c->money);
		for (size_t r = 0; r < s->nrows; r++)
			c->money[r] = MONEY_NULL;
	} else {
		c->width = 1;
		c->codes = xcalloc(s->caprows ? s->caprows : 1, 1);
	}
	c->stage_code = CODE_NULL;
	c->stage_money = MONEY_NULL;
	if (fc == FC_Tags)
		s->tags_col = s->ncols;
	return s->ncols++;
}

int
store_find_column(const struct store *s, const char *name)
{
	for (int i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, name) == 0)
			return i;
	for (int i = 0; i < s->ncols; i++)
		if (strcasecmp(s->cols[i].name, name) == 0)
			return i;
	return -1;
}

int
store_ncolumns(const struct store *s)
{
	return s->ncols;
}

const char *
store_column_name(const struct store *s, int col)
{
	return s->cols[col].name;
}

enum col_kind
store_column_kind(const struct store *s, int col)
{
	return s->cols[col].kind;
}

enum focus_col
store_column_focus(const struct store *s, int col)
{
	return s->cols[col].fc;
}

int
store_column_virtual(const struct store *s, int col)
{
	return s->cols[col].virt;
}

int
store_metric_column(const struct store *s, enum metric m)
{
	int i = store_find_column(s, metric_name(m));
	return i >= 0 && s->cols[i].kind == COL_METRIC ? i : -1;
}

uint32_t
store_intern(struct store *s, int col, const char *str, size_t n, int *isnew)
{
	struct column *c = &s->cols[col];
	uint32_t code = dict_intern(&c->dict, str, n, isnew);
	int need = code > UINT16_MAX ? 4 : code > UINT8_MAX ? 2 : 1;
	if (need > c->width)
		column_widen(c, s->nrows, s->caprows, need);
	return code;
}

uint32_t
store_intern_row(struct store *s, int col, const char *str, size_t n)
{
	int isnew;
	uint32_t code = store_intern(s, col, str, n, &isnew);
	if (isnew) {
		if (s->nnew == s->capnew) {
			s->capnew = s->capnew ? s->capnew * 2 : 64;
			s->newc = xreallocarray(s->newc, s->capnew, sizeof *s->newc);
		}
		s->newc[s->nnew].col = col;
		s->newc[s->nnew++].code = code;
	}
	return code;
}

uint32_t
store_ncodes(const struct store *s, int col)
{
	return s->cols[col].dict.n;
}

const char *
store_label(const struct store *s, int col, uint32_t code)
{
	const struct dict *d = &s->cols[col].dict;
	return code < d->n ? d->str[code] : NULL;
}

int64_t
store_code_epoch(const struct store *s, int col, uint32_t code)
{
	const struct dict *d = &s->cols[col].dict;
	return d->epoch && code < d->n ? d->epoch[code] : DATE_NULL;
}

void
store_set_code_epoch(struct store *s, int col, uint32_t code, int64_t t)
{
	struct dict *d = &s->cols[col].dict;
	if (d->epoch && code < d->n)
		d->epoch[code] = t;
}

uint32_t
store_lookup(const struct store *s, int col, const char *str)
{
	return dict_find(&s->cols[col].dict, str, strlen(str), NULL);
}

void
store_put_code(struct store *s, int col, uint32_t code)
{
	s->cols[col].stage_code = code;
}

void
store_put_money(struct store *s, int col, money_t v)
{
	s->cols[col].stage_money = v;
}

/* Big row arrays are touched once per row while loading: on 4 KiB pages
 * that is a page fault every few thousand rows per column, a tenth of the
 * load on a virtual machine. Ask for transparent huge pages (where the
 * kernel offers them on request); harmless where it does not. */
static void
huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2u << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (bytes >= 4 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p, (void)bytes;
#endif
}

static void
store_reserve(struct store *s, size_t need)
{
	size_t cap;
	if (need <= s->caprows)
		return;
	cap = s->caprows ? s->caprows * 2 : 4096;
	while (cap < need)
		cap *= 2;
	s->row_line = xreallocarray(s->row_line, cap, sizeof *s->row_line);
	s->row_file = xreallocarray(s->row_file, cap, sizeof *s->row_file);
	for (int i = 0; i < s->ncols; i++) {
		struct column *c = &s->cols[i];
		if (c->kind == COL_METRIC) {
			c->money = xreallocarray(c->money, cap, sizeof *c->money);
			huge_pages(c->money, cap * sizeof *c->money);
		} else {
			c->codes = xreallocarray(c->codes, cap, (size_t)c->width);
			huge_pages(c->codes, cap * (size_t)c->width);
		}
	}
	s->caprows = cap;
}

size_t
store_commit_row(struct store *s, int file, uint32_t line)
{
	size_t r = s->nrows;
	store_reserve(s, r + 1);
	for (int i = 0; i < s->ncols; i++) {
		struct column *c = &s->cols[i];
		if (c->kind == COL_METRIC) {
			c->money[r] = c->stage_money;
			c->stage_money = MONEY_NULL;
		} else {
			switch (c->width) {
			case 1: ((uint8_t *)c->codes)[r] = (uint8_t)c->stage_code; break;
			case 2: ((uint16_t *)c->codes)[r] = (uint16_t)c->stage_code; break;
			default: ((uint32_t *)c->codes)[r] = c->stage_code; break;
			}
			c->stage_code = CODE_NULL;
		}
	}
	s->row_line[r] = line;
	s->row_file[r] = (uint16_t)file;
	s->nrows++;
	s->nnew = 0;
	return r;
}

void
store_discard_row(struct store *s)
{
	for (int i = 0; i < s->ncols; i++) {
		s->cols[i].stage_code = CODE_NULL;
		s->cols[i].stage_money = MONEY_NULL;
	}
	while (s->nnew > 0) {
		const struct newcode *nc = &s->newc[--s->nnew];
		if (nc->col == s->tags_col && nc->code == s->last_tagset && s->last_tag_pairs > 0) {
			/* the tag pairs store_tags_parse filed under this tag set:
			 * the newest rows of the tag table (a range of rowids) */
			if (s->del_tagset == NULL)
				s->del_tagset = prepare(s, "DELETE FROM tag WHERE rowid > (SELECT max(rowid) FROM tag) - ?1");
			sqlite3_reset(s->del_tagset);
			sqlite3_bind_int(s->del_tagset, 1, s->last_tag_pairs);
			must(s, sqlite3_step(s->del_tagset), "forget tags");
			sqlite3_reset(s->del_tagset);
			s->last_tag_pairs = 0;
		}
		dict_forget_last(&s->cols[nc->col].dict, nc->code);
	}
}

size_t
store_nrows(const struct store *s)
{
	return s->nrows;
}

uint32_t
store_code(const struct store *s, int col, size_t row)
{
	const struct column *c = &s->cols[col];
	return store_codes_get((struct store_codes){c->codes, c->width}, row);
}

money_t
store_money(const struct store *s, int col, size_t row)
{
	return s->cols[col].money[row];
}

int
store_row_file(const struct store *s, size_t row)
{
	return s->row_file[row];
}

uint32_t
store_row_line(const struct store *s, size_t row)
{
	return s->row_line[row];
}

struct store_codes
store_codes(const struct store *s, int col)
{
	return (struct store_codes){s->cols[col].codes, s->cols[col].width};
}

const money_t *
store_money_array(const struct store *s, int col)
{
	return s->cols[col].money;
}

/* Tags */

int
store_json_check(void *ctx, const char *text, int keyvalue, char *why, size_t whylen)
{
	struct store *s = ctx;
	sqlite3_stmt *st;
	int rc = -1;

	if (s->json_check == NULL)
		s->json_check = prepare(s,
		    "SELECT json_valid(?1), json_type(?1),"
		    " CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN"
		    "  (SELECT count(*) - count(DISTINCT key) FROM json_each(?1)) END,"
		    " CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN"
		    "  (SELECT count(*) FROM json_each(?1) WHERE type IN ('object', 'array')) END");
	st = s->json_check;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
		snprintf(why, whylen, "not valid JSON");
	} else if (strcmp((const char *)sqlite3_column_text(st, 1), "object") != 0) {
		snprintf(why, whylen, "JSON %s where an object was expected", sqlite3_column_text(st, 1));
	} else if (sqlite3_column_int(st, 2) > 0) {
		snprintf(why, whylen, "duplicate keys");
	} else if (keyvalue && sqlite3_column_int(st, 3) > 0) {
		snprintf(why, whylen, "nested object or array value");
	} else
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int
store_tags_parse(struct store *s, uint32_t tagset, const char *json, char *why, size_t whylen)
{
	sqlite3_stmt *st;
	int valid = 0;

	if (s->tags_valid == NULL)
		s->tags_valid = prepare(s, "SELECT json_valid(?1) AND json_type(?1) = 'object'");
	st = s->tags_valid;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		valid = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!valid) {
		snprintf(why, whylen, "Tags is not a JSON object");
		return -1;
	}
	sqlite3_reset(s->ins_tag);
	sqlite3_bind_int64(s->ins_tag, 1, tagset);
	sqlite3_bind_text(s->ins_tag, 2, json, -1, SQLITE_STATIC);
	must(s, sqlite3_step(s->ins_tag), "insert tags");
	s->last_tagset = tagset;
	s->last_tag_pairs = sqlite3_changes(s->db);
	return 0;
}

int
store_ntagkeys(const struct store *s)
{
	return s->ntagkeys;
}

const char *
store_tagkey(const struct store *s, int key)
{
	return s->tagkeys[key].key;
}

int
store_find_tagkey(const struct store *s, const char *key)
{
	for (int i = 0; i < s->ntagkeys; i++)
		if (strcmp(s->tagkeys[i].key, key) == 0)
			return i;
	return -1;
}

uint32_t
store_tag_value(const struct store *s, int key, uint32_t tagset)
{
	const struct tagkey *k = &s->tagkeys[key];
	return tagset < k->nof ? k->of_tagset[tagset] : CODE_NULL;
}

const uint32_t *
store_tag_values(const struct store *s, int key)
{
	return s->tagkeys[key].of_tagset;
}

uint32_t
store_tag_ncodes(const struct store *s, int key)
{
	return s->tagkeys[key].values.n;
}

const char *
store_tag_label(const struct store *s, int key, uint32_t code)
{
	const struct dict *d = &s->tagkeys[key].values;
	return code < d->n ? d->str[code] : NULL;
}

uint32_t
store_tag_lookup(const struct store *s, int key, const char *value)
{
	return dict_find(&s->tagkeys[key].values, value, strlen(value), NULL);
}

static void
build_tag_index(struct store *s)
{
	sqlite3_stmt *st;
	uint32_t ntagsets;

	if (s->tags_col < 0)
		return;
	ntagsets = s->cols[s->tags_col].dict.n;
	st = prepare(s, "SELECT DISTINCT key FROM tag ORDER BY key");
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tagkey *k;
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (key == NULL)
			continue;
		s->tagkeys = xreallocarray(s->tagkeys, (size_t)s->ntagkeys + 1, sizeof *s->tagkeys);
		k = &s->tagkeys[s->ntagkeys++];
		k->key = xstrdup(key);
		dict_init(&k->values);
		k->nof = ntagsets;
		k->of_tagset = xcalloc(ntagsets ? ntagsets : 1, sizeof *k->of_tagset);
	}
	sqlite3_finalize(st);
	/* with duplicate keys in one object, the first value wins */
	st = prepare(s, "SELECT tagset, key, value FROM tag ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t ts = (uint32_t)sqlite3_column_int64(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		const char *val = (const char *)sqlite3_column_text(st, 2);
		int ki;
		if (key == NULL || (ki = store_find_tagkey(s, key)) < 0 || ts >= ntagsets)
			continue;
		if (s->tagkeys[ki].of_tagset[ts] != CODE_NULL)
			continue;
		if (val == NULL)
			val = "null";
		s->tagkeys[ki].of_tagset[ts] = dict_intern(&s->tagkeys[ki].values, val, strlen(val), NULL);
	}
	sqlite3_finalize(st);
}

/* Problems */

void
store_reject(struct store *s, int file, unsigned long line, int field, const char *column,
    const char *value, size_t vlen, const char *reason)
{
	s->nrejects++;
	if (s->nrejects > REJECT_DETAIL_MAX)
		return;
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
	must(s, sqlite3_step(s->ins_reject), "insert reject");
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
	sqlite3_stmt *st = prepare(s,
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
	sqlite3_reset(s->ins_dev);
	sqlite3_bind_int(s->ins_dev, 1, file);
	sqlite3_bind_int(s->ins_dev, 2, (int)d);
	sqlite3_bind_int64(s->ins_dev, 3, (sqlite3_int64)count);
	sqlite3_bind_int64(s->ins_dev, 4, (sqlite3_int64)line);
	sqlite3_bind_int(s->ins_dev, 5, field);
	must(s, sqlite3_step(s->ins_dev), "insert deviation");
}

void
store_each_deviation(struct store *s,
    void (*fn)(void *, const char *, enum value_dev, uint64_t, unsigned long, int), void *ctx)
{
	sqlite3_stmt *st = prepare(s, "SELECT file, kind, count, line, field FROM deviation ORDER BY file, kind");
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
	sqlite3_reset(s->ins_note);
	sqlite3_bind_text(s->ins_note, 1, buf, -1, SQLITE_TRANSIENT);
	must(s, sqlite3_step(s->ins_note), "insert note");
}

void
store_each_note(struct store *s, void (*fn)(void *, const char *), void *ctx)
{
	sqlite3_stmt *st = prepare(s, "SELECT text FROM note ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* The meter column */

/* For each code of column `col`, does it match glob? */
static uint8_t *
match_codes(struct store *s, int col, const char *glob)
{
	struct column *c = &s->cols[col];
	uint8_t *m = xcalloc(c->dict.n ? c->dict.n : 1, 1);
	for (uint32_t i = 1; i < c->dict.n; i++)
		m[i] = fnmatch(glob, c->dict.str[i], 0) == 0;
	return m;
}

/* Which profile each row belongs to: by the provider columns. */
static const struct profile *
pick_profile(struct store *s, const struct profile *const *profiles, int np, int **row_profile)
{
	uint64_t *votes = xcalloc((size_t)np + 1, sizeof *votes);
	int *rp = xcalloc(s->nrows ? s->nrows : 1, sizeof *rp);
	int best = np - 1;

	for (size_t r = 0; r < s->nrows; r++)
		rp[r] = np - 1;	/* the generic profile is last */
	for (int p = np - 2; p >= 0; p--) {
		const struct profile *pf = profiles[p];
		for (int k = 0; k < pf->nmatch; k++) {
			int col = store_find_column(s, pf->match[k].column);
			uint8_t *m;
			if (col < 0 || s->cols[col].kind == COL_METRIC)
				continue;
			m = match_codes(s, col, pf->match[k].glob);
			for (size_t r = 0; r < s->nrows; r++)
				if (m[store_code(s, col, r)])
					rp[r] = p;
			free(m);
		}
	}
	for (size_t r = 0; r < s->nrows; r++)
		votes[rp[r]]++;
	for (int p = 0; p < np; p++)
		if (votes[p] > votes[best])
			best = p;
	free(votes);
	*row_profile = rp;
	return np ? profiles[best] : NULL;
}

static void
build_meter(struct store *s, const struct profile *const *profiles, int np)
{
	int *rp, mcol;
	uint32_t *row_meter;

	s->profile = pick_profile(s, profiles, np, &rp);
	mcol = store_column(s, "meter", FC_CUSTOM, COL_DIM);
	s->cols[mcol].virt = 1;
	store_reserve(s, s->nrows);
	row_meter = xcalloc(s->nrows ? s->nrows : 1, sizeof *row_meter);
	for (int p = 0; p < np; p++) {
		const struct profile *pf = profiles[p];
		int used = 0;
		for (size_t r = 0; r < s->nrows && !used; r++)
			used = rp[r] == p;
		if (!used)
			continue;
		/* rules in file order; the first meter that matches a row wins */
		for (int m = 0; m < pf->nmeters; m++) {
			uint32_t code = store_intern(s, mcol, pf->meters[m].id, strlen(pf->meters[m].id), NULL);
			for (int k = 0; k < pf->meters[m].nrules; k++) {
				int col = store_find_column(s, pf->meters[m].rules[k].column);
				uint8_t *mt;
				if (col < 0 || s->cols[col].kind == COL_METRIC)
					continue;
				mt = match_codes(s, col, pf->meters[m].rules[k].glob);
				for (size_t r = 0; r < s->nrows; r++)
					if (rp[r] == p && row_meter[r] == CODE_NULL && mt[store_code(s, col, r)])
						row_meter[r] = code;
				free(mt);
			}
		}
		{
			uint64_t fell = 0;
			char used_cols[256] = "";
			for (int f = 0; f < pf->nfallback; f++) {
				int col = store_find_column(s, pf->meter_fallback[f]);
				uint32_t *map;
				uint64_t before = fell;
				if (col < 0 || s->cols[col].kind == COL_METRIC)
					continue;
				map = xcalloc(s->cols[col].dict.n, sizeof *map);
				for (size_t r = 0; r < s->nrows; r++) {
					uint32_t v;
					if (rp[r] != p || row_meter[r] != CODE_NULL)
						continue;
					v = store_code(s, col, r);
					if (v == CODE_NULL)
						continue;
					if (map[v] == CODE_NULL)
						map[v] = store_intern(s, mcol, s->cols[col].dict.str[v],
						    s->cols[col].dict.len[v], NULL);
					row_meter[r] = map[v];
					if (f > 0)
						fell++;
				}
				free(map);
				if (fell > before) {
					size_t l = strlen(used_cols);
					snprintf(used_cols + l, sizeof used_cols - l, "%s%s", l ? " or " : "",
					    pf->meter_fallback[f]);
				}
			}
			if (fell)
				store_note(s, "meter: %llu %s rows have no %s; their meter is their %s",
				    (unsigned long long)fell, pf->title, pf->nfallback ? pf->meter_fallback[0] : "rule",
				    used_cols);
		}
	}
	{
		struct column *c = &s->cols[mcol];
		for (size_t r = 0; r < s->nrows; r++) {
			switch (c->width) {
			case 1: ((uint8_t *)c->codes)[r] = (uint8_t)row_meter[r]; break;
			case 2: ((uint16_t *)c->codes)[r] = (uint16_t)row_meter[r]; break;
			default: ((uint32_t *)c->codes)[r] = row_meter[r]; break;
			}
		}
	}
	free(row_meter);
	free(rp);
}

int
store_finish(struct store *s, const struct profile *const *profiles, int nprofiles)
{
	int cur;
	if (s->finished)
		return 0;
	s->finished = 1;
	build_tag_index(s);
	build_meter(s, profiles, nprofiles);
	cur = store_find_column(s, "BillingCurrency");
	if (cur >= 0) {
		if (s->cols[cur].dict.n == 2)
			s->currency = xstrdup(s->cols[cur].dict.str[1]);
		else if (s->cols[cur].dict.n > 2)
			store_note(s, "%u billing currencies in the data: totals add different currencies",
			    s->cols[cur].dict.n - 1);
	}
	exec(s, "COMMIT");
	return 0;
}

const struct profile *
store_profile(const struct store *s)
{
	return s->profile;
}

const char *
store_currency(const struct store *s)
{
	return s->currency;
}

uint64_t
store_serial(const struct store *s)
{
	return s->serial;
}

struct store_codes
store_file_codes(const struct store *s)
{
	return (struct store_codes){s->row_file, 2};
}

uint32_t
store_code_info(const struct store *s, int col, uint32_t code)
{
	const struct dict *d = &s->cols[col].dict;
	return code < d->n ? d->info[code] : 0;
}

void
store_set_code_info(struct store *s, int col, uint32_t code, uint32_t info)
{
	struct dict *d = &s->cols[col].dict;
	if (code < d->n)
		d->info[code] = info;
}

struct store *
store_new_shard(const struct store *like)
{
	struct store *s = store_new();
	for (int i = 0; i < like->ncols; i++)
		store_column(s, like->cols[i].name, like->cols[i].fc, like->cols[i].kind);
	store_add_file(s, like->nfiles ? like->files[like->nfiles - 1] : "?");
	return s;
}

void
store_reserve_rows(struct store *s, size_t n)
{
	store_reserve(s, n);
}

/* dst[base + r] = map[src[r]] for n rows, one loop per pair of widths (the
 * merge after a two-thread load moves half the rows through here); where the
 * map changes nothing and the widths agree it is a copy. */
#define REMAP(DT, ST) do { \
		DT *d_ = (DT *)dst + base; \
		const ST *s_ = src; \
		for (size_t r_ = 0; r_ < n; r_++) \
			d_[r_] = (DT)map[s_[r_]]; \
	} while (0)

static void
remap_codes(void *dst, int dw, size_t base, const void *src, int sw, size_t n, const uint32_t *map,
    uint32_t ncodes)
{
	uint32_t c = 0;
	if (dw == sw) {
		while (c < ncodes && map[c] == c)
			c++;
		if (c == ncodes) {
			memcpy((char *)dst + base * (size_t)dw, src, n * (size_t)dw);
			return;
		}
	}
	switch (dw * 10 + sw) {
	case 11: REMAP(uint8_t, uint8_t); break;
	case 21: REMAP(uint16_t, uint8_t); break;
	case 41: REMAP(uint32_t, uint8_t); break;
	case 22: REMAP(uint16_t, uint16_t); break;
	case 42: REMAP(uint32_t, uint16_t); break;
	case 44: REMAP(uint32_t, uint32_t); break;
	default: fatal("internal error: a shard column is wider than its store's");
	}
}
#undef REMAP

/* Moves the rows of the shard's columns into dst: parity 0 or 1 takes every
 * other column (the Tags column always goes with parity 0), -1 all. */
struct merge_job {
	struct store *dst, *src;
	size_t base, n;
	int parity;
};

/* (test_store_append merges 70,000 rows: both paths are tested) */
#define MERGE_PARALLEL_ROWS 65536

static void *
merge_columns(void *arg)
{
	struct merge_job *j = arg;
	struct store *dst = j->dst, *src = j->src;
	size_t base = j->base, n = j->n;
	for (int i = 0; i < src->ncols; i++) {
		struct column *sc = &src->cols[i], *dc = &dst->cols[i];
		if (j->parity >= 0 && (i == src->tags_col ? 0 : i % 2) != j->parity)
			continue;
		if (sc->kind == COL_METRIC) {
			memcpy(dc->money + base, sc->money, n * sizeof *sc->money);
			free(sc->money);	/* keep the peak low */
			sc->money = NULL;
			continue;
		}
		{
			uint32_t *map = xcalloc(sc->dict.n, sizeof *map);
			for (uint32_t c = 1; c < sc->dict.n; c++) {
				int isnew;
				uint32_t d = store_intern(dst, i, sc->dict.str[c], sc->dict.len[c], &isnew);
				map[c] = d;
				if (!isnew)
					continue;
				if (sc->dict.epoch)
					dc->dict.epoch[d] = sc->dict.epoch[c];
				dc->dict.info[d] = sc->dict.info[c];
				if (i == src->tags_col && sc->dict.info[c] != 0) {
					char why[128];
					store_tags_parse(dst, d, sc->dict.str[c], why, sizeof why);
				}
			}
			dc = &dst->cols[i];	/* store_intern may have widened it */
			remap_codes(dc->codes, dc->width, base, sc->codes, sc->width, n, map, sc->dict.n);
			free(map);
		}
		/* the shard's copy is no longer needed: keep the peak low */
		free(sc->codes);
		sc->codes = NULL;
	}
	return NULL;
}

void
store_append(struct store *dst, struct store *src, int file, uint32_t line_offset)
{
	size_t base = dst->nrows, n = src->nrows;
	sqlite3_stmt *st;

	if (src->ncols != dst->ncols)
		fatal("internal error: shard columns differ");
	dst->nnew = 0;	/* the codes merged in are not a row's to forget */
	store_reserve(dst, base + n);
	{
		/* the columns are independent: half of them on another core
		 * (not the Tags column: its new tag sets go through SQLite) */
		struct merge_job helper = {dst, src, base, n, 1}, self = {dst, src, base, n, 0};
		pthread_t tid;
		int threaded = n >= MERGE_PARALLEL_ROWS && pthread_create(&tid, NULL, merge_columns, &helper) == 0;
		if (!threaded)
			self.parity = -1;	/* every column here */
		merge_columns(&self);
		if (threaded)
			pthread_join(tid, NULL);
	}
	for (size_t r = 0; r < n; r++) {
		dst->row_line[base + r] = src->row_line[r] + line_offset;
		dst->row_file[base + r] = (uint16_t)file;
	}
	dst->nrows = base + n;
	st = prepare(src, "SELECT line, field, col, value, reason FROM reject ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const void *v = sqlite3_column_blob(st, 3);
		store_reject(dst, file, (unsigned long)sqlite3_column_int64(st, 0) + line_offset,
		    sqlite3_column_int(st, 1), (const char *)sqlite3_column_text(st, 2), v,
		    v ? (size_t)sqlite3_column_bytes(st, 3) : 0, (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	/* rejects past the detail limit were counted, not kept */
	if (src->nrejects > REJECT_DETAIL_MAX)
		dst->nrejects += src->nrejects - REJECT_DETAIL_MAX;
	st = prepare(src, "SELECT text FROM note ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW)
		store_note(dst, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	store_free(src);
}

sqlite3 *
store_db(struct store *s)
{
	return s->db;
}

/* store_open.c fills a new store from a saved one: n rows, the rejected
 * count, and the per-row file and line arrays to fill. */
void
store_restore_rows(struct store *s, size_t n, uint64_t nrejects, uint16_t **row_file, uint32_t **row_line)
{
	store_reserve(s, n ? n : 1);
	s->nrows = n;
	s->nrejects = nrejects;
	*row_file = s->row_file;
	*row_line = s->row_line;
}

/* The writable rows of a column (codes at its current width, or money). */
void *
store_column_rows(struct store *s, int col)
{
	struct column *c = &s->cols[col];
	return c->kind == COL_METRIC ? (void *)c->money : c->codes;
}

/* Appends a tag pair as the loader's json_each would have (store_open.c). */
void
store_restore_tag(struct store *s, uint32_t tagset, const char *key, const char *value)
{
	if (s->ins_tag_raw == NULL)
		s->ins_tag_raw = prepare(s, "INSERT INTO tag VALUES(?1, ?2, ?3)");
	sqlite3_reset(s->ins_tag_raw);
	sqlite3_bind_int64(s->ins_tag_raw, 1, tagset);
	sqlite3_bind_text(s->ins_tag_raw, 2, key, -1, SQLITE_TRANSIENT);
	if (value)
		sqlite3_bind_text(s->ins_tag_raw, 3, value, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->ins_tag_raw, 3);
	must(s, sqlite3_step(s->ins_tag_raw), "restore tag");
	sqlite3_reset(s->ins_tag_raw);
}

/* Calls fn for each tag pair, in the order they were filed (store_save.c). */
void
store_each_tag(struct store *s, void (*fn)(void *ctx, uint32_t tagset, const char *key, const char *value),
    void *ctx)
{
	sqlite3_stmt *st = prepare(s, "SELECT tagset, key, value FROM tag ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (uint32_t)sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}
