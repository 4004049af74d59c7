/* fuzz_csv.c - the loader end to end: a FOCUS CSV file as `focal report` and
 * `focal validate` read it (header binding, NULL spellings, decimals, dates,
 * Tags JSON through SQLite, rejects and deviations), then store_finish with
 * the installed profiles and the query engine and the three report formats
 * over the fuzzed dictionaries. The validator's report is also printed in
 * one of its other forms (table, CSV, JSON; every level of detail): it must
 * count the same failures, and the JSON must be valid JSON. The load has a
 * progress callback: bytes never past the total, never going back.
 *
 * Built twice: fuzz_csv (plain bytes) and, with -DFUZZ_GZ, fuzz_csv_gz
 * (the input gzip-compressed by the harness, or passed as is when it already
 * starts with the gzip magic: truncated, concatenated and corrupt streams). */
#include "fuzz_common.h"

#include <zlib.h>

#include "json.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_load_profiles();
	fd = fz_memfd("fuzz.csv", path);
	return 0;
}

#ifdef FUZZ_GZ
/* gzip-wraps data; the level comes from the size so every level is used. */
static void
fill_gzip(const uint8_t *data, size_t size)
{
	z_stream z;
	size_t cap = compressBound((uLong)size) + 64;
	unsigned char *out = xmalloc(cap);
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, (int)(size % 10), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	fz_fill(fd, out, cap - z.avail_out);
	deflateEnd(&z);
	free(out);
}
#endif

struct progress {
	uint64_t bytes, rows;
};

static void
on_progress(void *ctx, const char *file, uint64_t bytes, uint64_t total, uint64_t rows)
{
	struct progress *p = ctx;
	FZ_CHECK(strcmp(file, path) == 0, "progress of another file: %s", file);
	FZ_CHECK(total == 0 || bytes <= total, "%llu bytes of %llu", (unsigned long long)bytes,
	    (unsigned long long)total);
	FZ_CHECK(bytes >= p->bytes && rows >= p->rows, "%s", "progress went back");
	p->bytes = bytes;
	p->rows = rows;
}

/* The report in the form size picks: the failures it counts, and the JSON
 * form valid JSON (`focal validate --format json`). */
static void
report_as(struct validator *v, size_t size, int must)
{
	enum validate_format fmt = (enum validate_format)(size % 3);
	char *text = NULL;
	size_t n = 0, at = 0;
	const char *expected = NULL;
	FILE *f = open_memstream(&text, &n);
	if (f == NULL)
		fz_die("open_memstream");
	FZ_CHECK(validate_report_as(v, f, 3, fmt, (int)(size / 3 % 3)) == must, "%s",
	    "another form of the report counts other failures");
	fclose(f);
	if (fmt == VALIDATE_JSON)
		FZ_CHECK(json_check(text, &at, &expected) == 0, "the JSON report is not JSON at byte %zu (expected %s)",
		    at, expected ? expected : "?");
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = store_new(), *json = NULL;
	struct validator *v = NULL;
	struct load_opts lo = {0};
	char err[1024], clean[1100];
	enum load_result r;
	int known = 1;	/* the loader reads `data` itself (not a gzip stream of ours) */
	struct progress prog = {0, 0};

#ifdef FUZZ_GZ
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		fz_fill(fd, data, size);
		known = 0;
	} else
		fill_gzip(data, size);
	lo.strict = (size & 3) == 3;	/* --strict on a quarter of the inputs */
#else
	fz_fill(fd, data, size);
	/* `focal validate` feeds every record to the validator */
	json = store_new();
	v = validate_new(store_json_check, json);
	lo.validator = v;
#endif
	lo.progress = on_progress;
	lo.progress_ctx = &prog;
	r = load_file(s, path, &lo, err, sizeof err);
	text_sanitize(err, clean, sizeof clean, 0);
	if (v)
		report_as(v, size, validate_report(v, fz_null(), 3));
	if (r == LOAD_OK) {
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		/* labels are checked only when no value can hold a NUL byte */
		fz_exercise(s, (unsigned)size, known && memchr(data, '\0', size) == NULL);
	}
	fz_problems(s);
	if (v)
		validate_free(v);
	store_free(json);
	store_free(s);
	return 0;
}
