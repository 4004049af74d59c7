/* store.c - SQLite for metadata, tags and problems; dictionary-coded columns
 * for rows. The only module that writes SQL (with store_*.c). */
#include "store_int.h"
#include "query.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "profile.h"
#include "xmalloc.h"

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

static void
exec(struct store *s, const char *sql)
{
	char *err = NULL;
	store_db_ready(s);
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fatal("SQLite: %s: %s", sql, err ? err : "?");
}

static uint64_t serials;	/* store_serial */

struct store *
store_new(void)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->serial = ++serials;
	s->tags_col = -1;
	s->scope_col = -1;
	return s;	/* the SQLite connection opens at its first use (store_db.c) */
}

void
store_sql_scope(struct store *s, int col, uint32_t code)
{
	s->scope_col = col;
	s->scope_code = code;
}

int
store_sql_scoped(const struct store *s)
{
	return s->scope_col >= 0;
}

int
store_sql_in_scope(const struct store *s, size_t row)
{
	return s->scope_col < 0 || store_code(s, s->scope_col, row) == s->scope_code;
}

/* Frees what the store holds but its connection and statements. */
static void
store_clear(struct store *s)
{
	for (int i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	for (int i = 0; i < s->ncols; i++) {
		free(s->cols[i].name);
		dict_free(&s->cols[i].dict);
		free(s->cols[i].codes);
		money_col_free(&s->cols[i]);
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
	store_clear(s);
	if (s->engine && s->engine->free)
		s->engine->free(s->engine_ctx);
	free(s);
}

void
store_set_engine(struct store *s, const struct store_engine *e, void *ctx)
{
	if (s->engine && s->engine->free)
		s->engine->free(s->engine_ctx);
	s->engine = e;
	s->engine_ctx = ctx;
}

const struct store_engine *
store_engine(const struct store *s, void **ctx)
{
	if (ctx)
		*ctx = s->engine_ctx;
	return s->engine;
}

void
store_reset(struct store *s)
{
	store_clear(s);
	if (s->db) {
		exec(s, "DELETE FROM tag; DELETE FROM reject; DELETE FROM deviation; DELETE FROM note");
		if (sqlite3_get_autocommit(s->db))	/* a finished store: a new load's transaction */
			exec(s, "BEGIN");
	}
	s->files = NULL;
	s->nfiles = 0;
	s->cols = NULL;
	s->ncols = s->capcols = 0;
	s->nrows = s->caprows = 0;
	s->row_line = NULL;
	s->row_file = NULL;
	s->nrejects = 0;
	s->nnew = 0;
	s->last_tagset = 0;
	s->last_tag_pairs = 0;
	s->tags_col = -1;
	s->tagkeys = NULL;
	s->ntagkeys = 0;
	s->profile = NULL;
	s->currency = NULL;
	s->finished = 0;
	s->serial = ++serials;
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
		money_col_init(c, s->caprows, s->nrows);
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
store_column_decimal(const struct store *s, int col)
{
	enum focus_col fc = s->cols[col].fc;
	return s->cols[col].kind == COL_DIM && fc != FC_CUSTOM && focus_columns[fc].type == FT_DECIMAL;
}

money_t *
store_column_numbers(const struct store *s, int col)
{
	uint32_t n = store_ncodes(s, col);
	money_t *num = xcalloc(n ? n : 1, sizeof *num);
	for (uint32_t i = 0; i < n; i++) {
		const char *l = store_label(s, col, i);
		unsigned dev = 0;
		if (l == NULL || money_parse(l, strlen(l), &num[i], &dev) != 0)
			num[i] = MONEY_NULL;
	}
	return num;
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

/* store_intern and store_adopt: the text copied into the dictionary or
 * kept where it is (dict_adopt); the column widened when its codes outgrow
 * their width. */
static uint32_t
intern_col(struct store *s, int col, const char *str, size_t n, int *isnew, int copy)
{
	struct column *c = &s->cols[col];
	uint32_t code = copy ? dict_intern(&c->dict, str, n, isnew) : dict_adopt(&c->dict, str, n, isnew);
	int need = code > UINT16_MAX ? 4 : code > UINT8_MAX ? 2 : 1;
	if (need > c->width)
		column_widen(c, s->nrows, s->caprows, need);
	return code;
}

uint32_t
store_intern(struct store *s, int col, const char *str, size_t n, int *isnew)
{
	return intern_col(s, col, str, n, isnew, 1);
}

/* store_intern keeping str itself (see dict_adopt): the merge's. */
uint32_t
store_adopt(struct store *s, int col, const char *str, size_t n, int *isnew)
{
	return intern_col(s, col, str, n, isnew, 0);
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

uint32_t
store_staged_code(const struct store *s, int col)
{
	return s->cols[col].stage_code;
}

void
store_put_money(struct store *s, int col, money_t v)
{
	s->cols[col].stage_money = v;
}

void
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
			money_col_reserve(c, cap);
		} else {
			c->codes = xreallocarray(c->codes, cap, (size_t)c->width);
			huge_pages(c->codes, cap * (size_t)c->width);
		}
	}
	s->caprows = cap;
}

/* Rows whose pages are made present at once, ahead of the rows written
 * (prefault): one call instead of a page fault every 4 KiB of each column,
 * and at most this many rows' pages held before they are used. */
#define PREFAULT_ROWS 32768u

static void
prefault_rows(struct store *s, size_t r)
{
	size_t k = s->caprows - r < PREFAULT_ROWS ? s->caprows - r : PREFAULT_ROWS;
	for (int i = 0; i < s->ncols; i++) {
		struct column *c = &s->cols[i];
		if (c->kind != COL_METRIC)
			prefault((char *)c->codes + r * (size_t)c->width, k * (size_t)c->width);
		else if (c->money)
			prefault(c->money + r, k * sizeof *c->money);
		else
			prefault(c->money8 + r, k * sizeof *c->money8);
	}
	prefault(s->row_line + r, k * sizeof *s->row_line);
	prefault(s->row_file + r, k * sizeof *s->row_file);
}

size_t
store_commit_row(struct store *s, int file, uint32_t line)
{
	size_t r = s->nrows;
	store_reserve(s, r + 1);
	if ((r & (PREFAULT_ROWS - 1)) == 0)
		prefault_rows(s, r);
	for (int i = 0; i < s->ncols; i++) {
		struct column *c = &s->cols[i];
		if (c->kind == COL_METRIC) {
			money_col_put(c, r, c->stage_money);
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
				s->del_tagset = store_prepare(s, "DELETE FROM tag WHERE rowid > (SELECT max(rowid) FROM tag) - ?1");
			sqlite3_reset(s->del_tagset);
			sqlite3_bind_int(s->del_tagset, 1, s->last_tag_pairs);
			store_must(s, sqlite3_step(s->del_tagset), "forget tags");
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
	struct mcol m = store_money_col(s, col);
	return mcol_get(&m, row);
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

int
store_money_decimals(const struct store *s, int col)
{
	return s->cols[col].money ? -1 : s->cols[col].mdec;
}

struct mcol
store_money_col(const struct store *s, int col)
{
	const struct column *c = &s->cols[col];
	return (struct mcol){c->money, c->money8, money_scale_of(c->mdec)};
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

	prefault(rp, s->nrows * sizeof *rp);

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
	for (size_t r = 0; r < s->nrows && np > 0; r++)	/* no profile: rp[r] is -1 */
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
	/* present now: read while still zero, each page would fault twice */
	prefault(row_meter, s->nrows * sizeof *row_meter);
	prefault(s->cols[mcol].codes, s->nrows * (size_t)s->cols[mcol].width);
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

/* A cost FOCUS requires (BilledCost, EffectiveCost, ListCost,
 * ContractedCost) left empty adds nothing to a total: said, not hidden. */
static void
note_null_costs(struct store *s)
{
	for (int c = 0; c < s->ncols; c++) {
		enum focus_col fc = store_column_focus(s, c);
		unsigned long long n = 0;
		struct mcol m;
		if (s->cols[c].kind != COL_METRIC || fc == FC_CUSTOM || focus_columns[fc].nullable)
			continue;
		m = store_money_col(s, c);
		for (size_t r = 0; r < s->nrows; r++)
			n += mcol_get(&m, r) == MONEY_NULL;
		if (n)
			store_note(s, "%s is empty on %llu of %zu rows, where FOCUS requires a value: they add "
			    "nothing to its totals (focal validate lists them)", s->cols[c].name, n, s->nrows);
	}
}

int
store_finish(struct store *s, const struct profile *const *profiles, int nprofiles)
{
	int cur;
	if (s->finished)
		return 0;
	s->finished = 1;
	store_tags_index(s);
	build_meter(s, profiles, nprofiles);
	note_null_costs(s);
	cur = store_find_column(s, "BillingCurrency");
	if (cur >= 0) {
		if (s->cols[cur].dict.n == 2)
			s->currency = xstrdup(s->cols[cur].dict.str[1]);
		else if (s->cols[cur].dict.n > 2)
			store_note(s, "%u" STORE_NOTE_CURRENCIES "each is totalled apart, never added",
			    s->cols[cur].dict.n - 1);
	}
	/* the load's transaction, if the connection was opened during the load */
	if (s->db && !sqlite3_get_autocommit(s->db))
		exec(s, "COMMIT");
	return 0;
}

void
store_set_profile(struct store *s, const struct profile *p)
{
	s->profile = p;
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

sqlite3 *
store_db(struct store *s)
{
	store_db_ready(s);
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
	if (c->kind == COL_METRIC)
		return c->money ? (void *)c->money : (void *)c->money8;
	return c->codes;
}

void
store_restore_money_form(struct store *s, int col, int wide, int decimals)
{
	money_col_form(&s->cols[col], wide, decimals);
}

void
store_restore_money_done(struct store *s, int col, size_t r0, size_t k)
{
	money_col_restored(&s->cols[col], r0, k);
}

/* Appends a tag pair as the loader's json_each would have (store_open.c). */
void
store_restore_tag(struct store *s, uint32_t tagset, const char *key, const char *value)
{
	if (s->ins_tag_raw == NULL)
		s->ins_tag_raw = store_prepare(s, "INSERT INTO tag VALUES(?1, ?2, ?3)");
	sqlite3_reset(s->ins_tag_raw);
	sqlite3_bind_int64(s->ins_tag_raw, 1, tagset);
	sqlite3_bind_text(s->ins_tag_raw, 2, key, -1, SQLITE_TRANSIENT);
	if (value)
		sqlite3_bind_text(s->ins_tag_raw, 3, value, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->ins_tag_raw, 3);
	store_must(s, sqlite3_step(s->ins_tag_raw), "restore tag");
	sqlite3_reset(s->ins_tag_raw);
}

/* Calls fn for each tag pair, in the order they were filed (store_save.c). */
void
store_each_tag(struct store *s, void (*fn)(void *ctx, uint32_t tagset, const char *key, const char *value),
    void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT tagset, key, value FROM tag ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, (uint32_t)sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}
