/* store_merge.c - shards: a store a loader thread fills, appended to the
 * main store when the load is done. */
#include "store_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xmalloc.h"

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

/* The bytes of a column moved at a time: the shard's pages behind them are
 * given back at once, so that a column's two copies never both hold memory
 * (the peak of a two-thread load was its merge: 25 MB over the store at 1M
 * rows). Slices of 65,536 rows cost 4% of a 1M-row load in madvise calls;
 * 2 MiB slices 0-2%, within the noise. */
#define MERGE_SLICE_BYTES (2u << 20)
static size_t slice_bytes = MERGE_SLICE_BYTES;

void
store_merge_slice(size_t bytes)
{
	slice_bytes = bytes >= 16 ? bytes : MERGE_SLICE_BYTES;
}

/* Gives the kernel back the whole pages of p[*done..upto) (the part of a
 * shard's array already moved), without freeing the array; not when the
 * array is one slice (total bytes), which is freed once copied anyway: a
 * page dropped in a process with threads is a TLB flush on every core,
 * and the small shards of a gzip load would pay it for nothing. */
static void
drop_pages(const void *p, size_t upto, size_t *done, size_t total)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (total <= slice_bytes)
		return;
	uintptr_t a = ((uintptr_t)p + *done + pg - 1) & ~(pg - 1), e = ((uintptr_t)p + upto) & ~(pg - 1);
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_DONTNEED);
	*done = upto;
}

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
		size_t dropped = 0;
		if (sc->kind == COL_METRIC) {
			const void *p = sc->money ? (const void *)sc->money : (const void *)sc->money8;
			size_t w = sc->money ? sizeof *sc->money : sizeof *sc->money8, slice = slice_bytes / w;
			money_col_join(dc, base, sc);
			for (size_t r = 0; r < n; r += slice) {
				size_t k = n - r < slice ? n - r : slice;
				money_col_copy(dc, base + r, sc, r, k);
				drop_pages(p, (r + k) * w, &dropped, n * w);
			}
			money_col_free(sc);	/* keep the peak low */
			continue;
		}
		{
			/* the shard's texts are taken over, not copied, when most
			 * of them are new to dst (a value per row: the copies were
			 * the peak of the load); else the new ones are copied */
			uint32_t *map = xcalloc(sc->dict.n, sizeof *map), *fresh = xmalloc(sc->dict.n * sizeof *fresh);
			uint32_t nfresh = 0;
			uint64_t all_bytes = 0, new_bytes = 0;
			for (uint32_t c = 1; c < sc->dict.n; c++) {
				int isnew;
				uint32_t d = store_adopt(dst, i, sc->dict.str[c], sc->dict.len[c], &isnew);
				map[c] = d;
				all_bytes += sc->dict.len[c] + 1u;
				if (!isnew)
					continue;
				fresh[nfresh++] = d;
				new_bytes += sc->dict.len[c] + 1u;
				if (sc->dict.epoch)
					dc->dict.epoch[d] = sc->dict.epoch[c];
				dc->dict.info[d] = sc->dict.info[c];
				if (i == src->tags_col && sc->dict.info[c] != 0) {
					char why[128];
					store_tags_parse(dst, d, sc->dict.str[c], why, sizeof why);
				}
			}
			dc = &dst->cols[i];	/* store_adopt may have widened it */
			if (new_bytes * 2 >= all_bytes)
				dict_take_arena(&dc->dict, &sc->dict);
			else
				for (uint32_t k = 0; k < nfresh; k++)
					dict_own_text(&dc->dict, fresh[k]);
			free(fresh);
			size_t w = (size_t)sc->width, slice = slice_bytes / w;
			for (size_t r = 0; r < n; r += slice) {
				size_t k = n - r < slice ? n - r : slice;
				prefault((char *)dc->codes + (base + r) * (size_t)dc->width, k * (size_t)dc->width);
				remap_codes(dc->codes, dc->width, base + r, (const char *)sc->codes + r * w, sc->width, k,
				    map, sc->dict.n);
				drop_pages(sc->codes, (r + k) * w, &dropped, n * w);
			}
			free(map);
		}
		/* the shard's copy is no longer needed: keep the peak low */
		free(sc->codes);
		sc->codes = NULL;
		/* nor its dictionary (its texts are dst's or copied) */
		dict_free(&sc->dict);
		dict_init(&sc->dict);
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
	if (n > 0) {	/* (an empty store may have no arrays yet) */
		prefault(dst->row_line + base, n * sizeof *dst->row_line);
		prefault(dst->row_file + base, n * sizeof *dst->row_file);
	}
	for (size_t r = 0; r < n; r++) {
		dst->row_line[base + r] = src->row_line[r] + line_offset;
		dst->row_file[base + r] = (uint16_t)file;
	}
	dst->nrows = base + n;
	st = store_prepare(src, "SELECT line, field, col, value, reason FROM reject ORDER BY rowid");
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
	st = store_prepare(src, "SELECT text FROM note ORDER BY id");
	while (sqlite3_step(st) == SQLITE_ROW)
		store_note(dst, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	store_free(src);
}
