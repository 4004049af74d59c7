/* fuzz_csv_shard.c - the two-thread loader against the one-thread loader.
 *
 * load_file splits a big plain file at the first newline after its middle and
 * parses the second half on another thread into a shard store, merged with
 * store_append (or thrown away when the split falls inside a quoted field).
 * Makefile.fuzz builds this target with a copy of load.c whose PARALLEL_MIN
 * is 256 bytes, so small inputs take that path. The same input is loaded with
 * FOCAL_THREADS=1 and FOCAL_THREADS=2; both stores must say the same: result,
 * rows (every cell and line), rejected rows, deviations, notes, and after
 * store_finish the totals and every row's tag values. */
#include "fuzz_common.h"

#include <stdarg.h>

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

static void
first_difference(const struct text *a, const struct text *b)
{
	size_t i = 0, line = 1, start = 0;
	while (i < a->n && i < b->n && a->s[i] == b->s[i]) {
		if (a->s[i] == '\n')
			line++, start = i + 1;
		i++;
	}
	fprintf(stderr, "FOCAL-FUZZ: one thread and two threads differ at line %zu:\n  1: %.200s\n  2: %.200s\n", line,
	    a->s + start, b->s + start);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s1 = store_new(), *s2 = store_new();
	struct load_opts lo = {0};
	char e1[1024], e2[1024];
	enum load_result r1, r2;
	struct text t1 = {0}, t2 = {0};

	fz_fill(fd, data, size);
	lo.strict = 0;
	setenv("FOCAL_THREADS", "1", 1);
	r1 = load_file(s1, path, &lo, e1, sizeof e1);
	setenv("FOCAL_THREADS", "2", 1);
	r2 = load_file(s2, path, &lo, e2, sizeof e2);
	describe(s1, r1, e1, &t1);
	describe(s2, r2, e2, &t2);
	if (r1 == LOAD_OK && r2 == LOAD_OK) {
		store_finish(s1, (const struct profile *const *)fz_prof, fz_nprof);
		store_finish(s2, (const struct profile *const *)fz_prof, fz_nprof);
		describe_finished(s1, &t1);
		describe_finished(s2, &t2);
	}
	if (t1.n != t2.n || memcmp(t1.s, t2.s, t1.n) != 0) {
		first_difference(&t1, &t2);
		abort();
	}
	free(t1.s);
	free(t2.s);
	store_free(s1);
	store_free(s2);
	return 0;
}
