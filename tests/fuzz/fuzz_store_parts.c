/* fuzz_store_parts.c - light: the checks of a saved store's contents
 * (store_restore.c) that store_open.c and the snapshot reader apply to what
 * they read from a file, fed directly, without an SQLite file per input
 * (fuzz_store_open and fuzz_snapshot take that whole path at about 150
 * inputs a CPU-second; SQLite's own file format is SQLite's to fuzz).
 *
 * Input (little-endian), what store_open_saved would have read:
 *   [flags: bit 0 = version 1][rows: u16, at most 1,024][columns, at most 80]
 *   the columns, each a focal_column row:
 *     [name length][focus: i8][kind: i8][width][decimals: i8]
 *     [flags: bit 0 decimals not an INTEGER, bit 1 name NULL, bit 2 id out
 *      of order][ncodes: u16][name]
 *     then, for a column that is not money, its dictionary: ncodes - 1
 *     values, each [length][bytes] (and [epoch: i64] for a date column)
 *   then each column's rows: rows x width bytes (zeros where input ends).
 * The harness does what the reader does between the checks (lengths add
 * up, a BLOB is as long as its rows); a column, dictionary or row part the
 * input ends in is what a missing BLOB would be: the reader stops there.
 *
 * Beyond the sanitizers: a refusal says which column; an accepted store
 * gives back every value, epoch, code and amount it was given. */
#include "fuzz_common.h"

#include "store_save.h"

#define MAXCOLS 80
#define MAXROWS 1024

struct in {
	const uint8_t *p;
	size_t n, at;
};

static int
take(struct in *in, void *out, size_t k)
{
	if (in->n - in->at < k)
		return -1;
	memcpy(out, in->p + in->at, k);
	in->at += k;
	return 0;
}

struct col {
	int c, width, kind, decimals;
	size_t nvals;
	uint32_t ncodes;
	const uint8_t *val[256];	/* the first values as given, to compare */
	uint8_t len[256];
	int64_t epoch[256];
};

/* One column's focal_column row and dictionary; 1 accepted, 0 refused, -1
 * the input ended. */
static int
column(struct store *s, struct in *in, int version, int id, struct col *out, char *err, size_t errlen)
{
	uint8_t h[8], l;
	char name[256];
	struct saved_column sc;
	uint32_t *lens;
	int64_t *epoch = NULL;
	char *bytes;
	size_t total = 0;
	int rc;

	if (take(in, h, sizeof h) < 0 || take(in, name, h[0]) < 0)
		return -1;
	name[h[0]] = '\0';
	sc = (struct saved_column){
		.id = (h[5] & 4) ? 4096 : id, .focus = (int8_t)h[1], .kind = (int8_t)h[2], .width = h[3],
		.decimals = (int8_t)h[4], .decimals_integer = !(h[5] & 1), .name = (h[5] & 2) ? NULL : name,
		.ncodes = h[6] | h[7] << 8,
	};
	if (restore_column(s, version, &sc, &out->c, err, errlen) != 0) {
		FZ_CHECK(strncmp(err, "column ", 7) == 0, "a refused column is not named: %s", err);
		return 0;
	}
	out->width = (int)sc.width;
	out->kind = (int)sc.kind;
	out->decimals = (int)sc.decimals;
	out->ncodes = (uint32_t)sc.ncodes;
	out->nvals = out->kind == COL_METRIC ? 0 : (size_t)sc.ncodes - 1;
	if (out->nvals == 0)
		return 1;
	if (out->nvals > in->n - in->at)
		return -1;	/* each value takes a byte at least */
	lens = xcalloc(out->nvals, sizeof *lens);
	bytes = xmalloc(in->n - in->at + 1);
	if (out->kind == COL_DATE)
		epoch = xcalloc(out->nvals, sizeof *epoch);
	rc = 1;
	for (size_t i = 0; i < out->nvals && rc == 1; i++) {
		if (take(in, &l, 1) < 0 || take(in, bytes + total, l) < 0 ||
		    (epoch && take(in, &epoch[i], sizeof *epoch) < 0)) {
			rc = -1;
			break;
		}
		if (i < 256) {
			out->val[i] = in->p + in->at - l - (epoch ? 8 : 0);
			out->len[i] = l;
			out->epoch[i] = epoch ? epoch[i] : 0;
		}
		lens[i] = l;
		total += l;
	}
	if (rc == 1 && restore_dict(s, out->c, lens, out->nvals, bytes, epoch, err, errlen) != 0) {
		FZ_CHECK(strncmp(err, "column ", 7) == 0, "a refused dictionary is not named: %s", err);
		rc = 0;
	}
	free(lens);
	free(bytes);
	free(epoch);
	return rc;
}

/* Every value, epoch, code and amount back as given (rows at `rows`). */
static void
check(struct store *s, const struct col *cols, int ncols, const uint8_t *const *rows, size_t nrows)
{
	const money_t lim = (money_t)10000000000000000000ULL * (money_t)1000000000000000000LL;	/* 10^37 */
	for (int j = 0; j < ncols; j++) {
		const struct col *k = &cols[j];
		for (size_t i = 0; i < k->nvals && i < 256; i++) {
			const char *got = store_label(s, k->c, (uint32_t)(i + 1));
			FZ_CHECK(got && strlen(got) == k->len[i] && memcmp(got, k->val[i], k->len[i]) == 0,
			    "column %d: value %zu not read back", j, i + 1);
			if (k->kind == COL_DATE) {
				int64_t t = store_code_epoch(s, k->c, (uint32_t)(i + 1));
				FZ_CHECK(t == k->epoch[i], "column %d: epoch %zu not read back", j, i + 1);
				FZ_CHECK(t == DATE_NULL || (t >= -62167219200LL && t <= 253402300799LL),
				    "column %d: epoch %zu outside years 0-9999 accepted", j, i + 1);
			}
		}
		for (size_t r = 0; r < nrows; r++) {
			const uint8_t *at = rows[j] + r * (size_t)k->width;
			if (k->kind != COL_METRIC) {
				uint32_t want = 0;
				memcpy(&want, at, (size_t)k->width);	/* little-endian */
				FZ_CHECK(want < k->ncodes, "column %d row %zu: code %u past the dictionary accepted", j, r,
				    (unsigned)want);
				FZ_CHECK(store_codes_get(store_codes(s, k->c), r) == want, "column %d row %zu: code", j, r);
				FZ_CHECK(want == 0 || store_label(s, k->c, want) != NULL, "column %d row %zu: no label", j, r);
			} else {
				struct mcol m = store_money_col(s, k->c);
				money_t want;
				if (k->width == 8) {
					int64_t n;
					memcpy(&n, at, 8);
					want = n == INT64_MIN ? MONEY_NULL :
					    (money_t)n * money_scale_of(k->decimals);
				} else {
					memcpy(&want, at, sizeof want);
					FZ_CHECK(want == MONEY_NULL || (want < lim && want > -lim),
					    "column %d row %zu: an amount past 10^37 accepted", j, r);
				}
				FZ_CHECK(mcol_get(&m, r) == want, "column %d row %zu: amount", j, r);
			}
		}
	}
}

/* The rows part of each column, as read_rows reads it. */
static int
rows_of(struct store *s, struct in *in, struct col *cols, int ncols, size_t nrows, const uint8_t **rows,
    uint8_t *pad, char *err, size_t errlen)
{
	uint16_t *file;
	uint32_t *line;
	void *tmp = xmalloc(nrows * 4 + 4);
	int rc = 0;
	store_restore_rows(s, nrows, 0, &file, &line);
	memset(file, 0, nrows * sizeof *file);
	memset(line, 0, nrows * sizeof *line);
	for (int j = 0; j < ncols && rc == 0; j++) {
		struct col *k = &cols[j];
		size_t need = nrows * (size_t)k->width;
		uint8_t *src = pad + (size_t)j * MAXROWS * 16;
		void *dst;
		memset(src, 0, need);
		memcpy(src, in->p + in->at, in->n - in->at < need ? in->n - in->at : need);
		in->at += in->n - in->at < need ? in->n - in->at : need;
		rows[j] = src;
		if (k->kind == COL_METRIC) {
			memcpy(store_column_rows(s, k->c), src, need);
			rc = restore_money(s, k->c, k->width, 0, nrows, err, errlen);
		} else {
			dst = restore_codes_place(s, k->c, k->width, 0, tmp);
			memcpy(dst, src, need);
			rc = restore_codes(s, k->c, k->width, k->ncodes, 0, nrows, dst, err, errlen);
		}
		if (rc != 0)
			FZ_CHECK(strncmp(err, "column ", 7) == 0, "a refused part is not named: %s", err);
	}
	free(tmp);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct col cols[MAXCOLS];
	static uint8_t pad[MAXCOLS * MAXROWS * 16];
	const uint8_t *rows[MAXCOLS];
	struct in in = {data, size, 0};
	struct store *s;
	uint8_t h[4];
	char err[512] = "";
	int ncols = 0, rc = 1, version;
	size_t nrows;

	if (take(&in, h, sizeof h) < 0)
		return 0;
	version = (h[0] & 1) ? 1 : 2;
	nrows = (size_t)(h[1] | h[2] << 8) % (MAXROWS + 1);
	s = store_new();
	while (ncols < h[3] % (MAXCOLS + 1)) {
		rc = column(s, &in, version, ncols, &cols[ncols], err, sizeof err);
		if (rc != 1)
			break;
		ncols++;
	}
	if (rc == 1 && rows_of(s, &in, cols, ncols, nrows, rows, pad, err, sizeof err) == 0) {
		FZ_CHECK(store_nrows(s) == nrows, "%zu rows, %zu given", store_nrows(s), nrows);
		check(s, cols, ncols, rows, nrows);
	}
	store_free(s);
	return 0;
}
