/* fuzz_csv_shard.c - the two-thread loader against the one-thread loader.
 *
 * load_file splits a big plain file at the first newline after its middle and
 * parses the second half on another thread into a shard store, merged with
 * store_append (or thrown away when the split falls inside a quoted field).
 * Makefile.fuzz builds this target with a copy of load.c whose PARALLEL_MIN
 * is 256 bytes, so small inputs take that path. The same input is loaded with
 * FOCAL_THREADS=1 and FOCAL_THREADS=2; both stores must say the same: result,
 * rows (every cell and line), rejected rows, deviations, notes, and after
 * store_finish the totals and every row's tag values.
 *
 * The input gzipped is loaded on two threads too (load_gz.c: segments of
 * the inflated stream, here of the least size, LOAD_SNIFF bytes, parsed in
 * turn by the main thread and a shard) and must say the same again. */
#include "fuzz_common.h"

#include <stdarg.h>

#include <zlib.h>

#include "load_int.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_load_profiles();
	fd = fz_memfd("fuzz-shard.csv", path);
	return 0;
}

/* A growing text of what a store reports. */
struct text {
	char *s;
	size_t n, cap;
};

static void
text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;
	char buf[2048];
	va_start(ap, fmt);
	k = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if ((size_t)k >= sizeof buf)
		k = sizeof buf - 1;
	if (t->n + (size_t)k + 1 > t->cap) {
		t->cap = (t->n + (size_t)k + 1) * 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->n, buf, (size_t)k + 1);
	t->n += (size_t)k;
}

static void
on_reject(void *ctx, const char *file, unsigned long line, int field, const char *column, const char *value,
    const char *reason)
{
	(void)file;
	text_add(ctx, "reject %lu:%d %s [%s] %s\n", line, field, column ? column : "-", value ? value : "-",
	    reason ? reason : "-");
}

static void
on_dev(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	(void)file;
#ifdef FUZZ_SKIP_KNOWN
	if (d == DEV_CRLF)
		return;	/* finding F13 (README): CRLF counted twice, first at line 2 */
#endif
	text_add(ctx, "dev %d x%llu first %lu:%d\n", (int)d, (unsigned long long)count, line, field);
}

static void
on_note(void *ctx, const char *note)
{
	text_add(ctx, "note %s\n", note);
}

/* Everything a user can see of a loaded store, as text. */
static void
describe(struct store *s, enum load_result r, const char *err, struct text *t)
{
	char buf[256];
	text_add(t, "result %d: %s\nrows %zu rejects %llu\n", (int)r, err, store_nrows(s),
	    (unsigned long long)store_nrejects(s));
	for (size_t row = 0; row < store_nrows(s); row++) {
		text_add(t, "%u:", store_row_line(s, row));
		for (int c = 0; c < store_ncolumns(s); c++) {
			const char *v = store_cell(s, row, c, buf, sizeof buf);
			text_add(t, "|%s", v ? v : "\\N");
		}
		text_add(t, "\n");
	}
	store_each_reject(s, 0, on_reject, t);
	if (r == LOAD_FILE_ERROR)
		return;	/* what was noted on the way to a file error is not shown (and differs) */
	store_each_deviation(s, on_dev, t);
	store_each_note(s, on_note, t);
}

static void
describe_finished(struct store *s, struct text *t)
{
	struct qresult q;
	char buf[96];
	query_run(s, NULL, 0, NULL, 0, &q);
	for (int m = 0; m < M_COUNT; m++) {
		money_format(q.total.sum[m], -1, 0, 0, buf, sizeof buf);
		text_add(t, "total %d %s %llu\n", m, buf, (unsigned long long)q.total.nn[m]);
	}
	qresult_free(&q);
	text_add(t, "currency %s\n", store_currency(s) ? store_currency(s) : "-");
	for (int k = 0; k < store_ntagkeys(s); k++) {
		struct dim d = {DIM_TAG, k, GRAIN_MONTH};
		int tc = store_find_column(s, "Tags");
		text_add(t, "tag %s:", store_tagkey(s, k));
		for (size_t row = 0; tc >= 0 && row < store_nrows(s); row++)
			text_add(t, " %s", dim_label(s, &d, store_tag_value(s, k, store_code(s, tc, row)), buf, sizeof buf));
		text_add(t, "\n");
	}
}

/* data with a gzip wrapper, in *out (freed by the caller); its length */
static size_t
gzip_mem(const uint8_t *data, size_t size, uint8_t **out)
{
	z_stream z;
	size_t cap, n;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	cap = deflateBound(&z, (uLong)size) + 64;
	*out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)size;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	n = (size_t)z.total_out;
	deflateEnd(&z);
	return n;
}

static void
first_difference(const struct text *a, const struct text *b, const char *which)
{
	size_t i = 0, line = 1, start = 0;
	while (i < a->n && i < b->n && a->s[i] == b->s[i]) {
		if (a->s[i] == '\n')
			line++, start = i + 1;
		i++;
	}
	fprintf(stderr, "FOCAL-FUZZ: one thread and %s differ at line %zu:\n  1: %.200s\n  2: %.200s\n", which,
	    line, a->s + start, b->s + start);
}

/* The input (gzipped when gz) loaded on threads threads into t. */
static void
load_describe(const uint8_t *data, size_t size, int gz, const char *threads, struct text *t)
{
	struct store *s = store_new();
	struct load_opts lo = {0};
	char err[1024];
	enum load_result r;
	uint8_t *z = NULL;
	if (gz)
		size = gzip_mem(data, size, &z);
	fz_fill(fd, z ? z : data, size);
	free(z);
	setenv("FOCAL_THREADS", threads, 1);
	r = load_file(s, path, &lo, err, sizeof err);
	describe(s, r, err, t);
	if (r == LOAD_OK) {
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		describe_finished(s, t);
	}
	store_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct text t1 = {0}, t2 = {0}, g1 = {0}, g2 = {0};

	load_describe(data, size, 0, "1", &t1);
	load_describe(data, size, 0, "2", &t2);
	if (t1.n != t2.n || memcmp(t1.s, t2.s, t1.n) != 0) {
		first_difference(&t1, &t2, "two threads");
		abort();
	}
	/* (gzipped, a saved store is a CSV like any other: its own pair) */
	load_gz_segment = LOAD_SNIFF;
	load_describe(data, size, 1, "1", &g1);
	load_describe(data, size, 1, "2", &g2);
	if (g1.n != g2.n || memcmp(g1.s, g2.s, g1.n) != 0) {
		first_difference(&g1, &g2, "two threads on its gzip");
		abort();
	}
	free(t1.s);
	free(t2.s);
	free(g1.s);
	free(g2.s);
	return 0;
}
