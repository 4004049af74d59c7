/* fuzz_common.h - shared by focal's libFuzzer targets (tests/fuzz/README.md).
 *
 * Each target is one fuzz_*.c including this header. The core library is
 * compiled with the same sanitizers (Makefile.fuzz); nothing here knows
 * about curses. Inputs reach the loader through a memfd, by path
 * (/proc/self/fd/N), exactly as `focal report FILE` reads a file. */
#ifndef FOCAL_FUZZ_COMMON_H
#define FOCAL_FUZZ_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "load.h"
#include "profile.h"
#include "query.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "validate.h"
#include "value.h"
#include "whatif.h"
#include "xmalloc.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

/* libFuzzer's entry points (each target defines them) */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: a finding, like a sanitizer report. */
#define FZ_CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "FOCAL-FUZZ: %s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* The source tree: $FOCAL_FUZZ_SRCDIR, else the one the target was built from. */
static inline const char *
fz_srcdir(void)
{
	const char *e = getenv("FOCAL_FUZZ_SRCDIR");
	return e && *e ? e : FUZZ_SRCDIR;
}

static inline void
fz_die(const char *what)
{
	fprintf(stderr, "FOCAL-FUZZ: setup: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* An anonymous in-memory file; its path is /proc/self/fd/N. */
static inline int
fz_memfd(const char *name, char path[64])
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		fz_die("memfd_create");
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

static inline void
fz_fill(int fd, const void *data, size_t n)
{
	const char *p = data;
	size_t off = 0;
	if (ftruncate(fd, 0) != 0)
		fz_die("ftruncate");
	while (off < n) {
		ssize_t w = pwrite(fd, p + off, n - off, (off_t)off);
		if (w <= 0)
			fz_die("pwrite");
		off += (size_t)w;
	}
}

/* A copy of seed[n] with the patches of data applied: each patch is
 * [offset:3][len:1][bytes], the offset taken modulo n (malloc'd, n long). */
static inline char *
fz_patch(const char *seed, size_t n, const uint8_t *data, size_t size)
{
	char *buf = xmalloc(n);
	memcpy(buf, seed, n);
	for (size_t i = 0; i + 4 <= size;) {
		size_t off = ((size_t)data[i] << 16 | (size_t)data[i + 1] << 8 | data[i + 2]) % n;
		size_t len = data[i + 3];
		i += 4;
		for (size_t k = 0; k < len && i < size; k++, i++)
			buf[(off + k) % n] = (char)data[i];
	}
	return buf;
}

/* Reads a whole file of the source tree (setup only). */
static inline char *
fz_read_src(const char *rel, size_t *n)
{
	char path[4096];
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	snprintf(path, sizeof path, "%s/%s", fz_srcdir(), rel);
	if ((f = fopen(path, "rb")) == NULL)
		fz_die(path);
	for (;;) {
		size_t k;
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = xreallocarray(buf, cap, 1);
		}
		k = fread(buf + len, 1, cap - len - 1, f);
		len += k;
		if (k == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

/* The sample's header and its first rows: `lines` lines (setup only). */
static inline char *
fz_sample_head(int lines, size_t *n)
{
	char *text = fz_read_src("data/autodesk-sample.csv", n), *p;
	int k = 0;
	for (p = text; p < text + *n && k < lines; p++)
		k += *p == '\n';
	*n = (size_t)(p - text);
	return text;
}

/* The installed profiles as focal loads them: data/autodesk.profile, then
 * the generic one (always last). */
static struct profile *fz_prof[2];
static int fz_nprof;

static inline void
fz_load_profiles(void)
{
	char path[4096], err[512];
	if (fz_nprof)
		return;
	snprintf(path, sizeof path, "%s/data/autodesk.profile", fz_srcdir());
	if ((fz_prof[0] = profile_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "FOCAL-FUZZ: setup: %s\n", err);
		exit(1);
	}
	fz_prof[1] = profile_generic();
	fz_nprof = 2;
}

static inline FILE *
fz_null(void)
{
	static FILE *f;
	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		fz_die("/dev/null");
	return f;
}

/* What the CLI does with problems: sanitise and print them. */
static inline void
fz_on_reject(void *ctx, const char *file, unsigned long line, int field, const char *column, const char *value,
    const char *reason)
{
	char v[256], c[256];
	text_sanitize(value ? value : "", v, sizeof v, 0);
	text_sanitize(column ? column : "", c, sizeof c, 1);
	fprintf(ctx, "%s:%lu:%d: %s \"%s\": %s\n", file, line, field, c, v, reason ? reason : "");
}

static inline void
fz_on_note(void *ctx, const char *note)
{
	char clean[600];
	text_sanitize(note, clean, sizeof clean, 0);
	fprintf(ctx, "note: %s\n", clean);
}

static inline void
fz_on_dev(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	fprintf(ctx, "%s: %s %llu %lu:%d\n", file, value_dev_message(d), (unsigned long long)count, line, field);
}

static inline void
fz_problems(struct store *s)
{
	store_each_reject(s, 20, fz_on_reject, fz_null());
	store_each_note(s, fz_on_note, fz_null());
	store_each_deviation(s, fz_on_dev, fz_null());
}

/* Column names that read as a keyword (README, finding F11). */
static inline int __attribute__((unused))
fz_name_is_special(const char *name)
{
	return !strncasecmp(name, "tag:", 4) || !strncasecmp(name, "period", 6) ||
	    !strncasecmp(name, "billing-period", 14) || !strcasecmp(name, "file");
}

/* A dimension's name, as focal prints it, must parse back to it. */
static inline void
fz_check_dim_roundtrip(const struct store *s, const struct dim *d)
{
	char name[1024], err[512];
	struct dim back;
	dim_name(s, d, name, sizeof name);
	if (strlen(name) + 1 >= sizeof name)
		return;
#ifdef FUZZ_SKIP_KNOWN
	if (d->type == DIM_COLUMN && fz_name_is_special(name))
		return;
#endif
	if (d->type == DIM_COLUMN && store_find_column(s, name) != d->idx)
		return;	/* two columns equal but for case: the exact one is found first */
	if (d->type == DIM_TAG && store_find_tagkey(s, store_tagkey(s, d->idx)) != d->idx)
		return;	/* (tag keys are distinct: never taken) */
	FZ_CHECK(dim_parse(s, name, d->grain, &back, err, sizeof err) == 0, "dim '%s' does not parse: %s", name, err);
	FZ_CHECK(dim_equal(&back, d), "dim '%s' parses to another dimension", name);
}

/* Every value label of a dimension must look up to its code. Values with
 * a NUL byte print cut at it; the caller skips inputs that have one. */
static inline void
fz_check_labels(const struct store *s, const struct dim *d, uint32_t max)
{
	uint32_t n = dim_ncodes(s, d);
	char buf[1024];
	for (uint32_t c = 0; c < n && c < max; c++) {
		uint32_t back;
		const char *l = dim_label(s, d, c, buf, sizeof buf);
		if (strlen(l) + 1 >= sizeof buf)
			continue;	/* cut to the buffer */
		if (c != CODE_NULL && (!strcmp(l, "(null)") || !strcmp(l, "(untagged)")))
			continue;	/* the word for an empty group, also a value in the data */
		if (d->type == DIM_FILE)
			continue;	/* several files may share a name */
		FZ_CHECK(dim_lookup(s, d, l, &back) == 0, "label '%s' of code %u does not look up", l, c);
		if (d->type == DIM_PERIOD || d->type == DIM_BILLING_PERIOD) {
			char again[1024];
			FZ_CHECK(!strcmp(dim_label(s, d, back, again, sizeof again), l), "period label '%s'", l);
			continue;
		}
		FZ_CHECK(back == c, "label '%s' looks up to code %u, not %u", l, back, c);
	}
}

/* Drives the query engine and the report over a finished store, the way
 * `focal report` and the explorer do. A few dimensions per input (chosen by
 * seed) keep it fast: a query callocs up to 16384 dense groups. */
static inline void
fz_exercise(struct store *s, unsigned seed, int check_labels)
{
	struct dim *d;
	size_t n = dim_list(s, GRAIN_MONTH, &d);
	static const char *const names[QUERY_MAX_BY] = {"a", "b", "c", "d"};
	struct report_opts ro = {0};
	struct qresult r;
	size_t pick[6], np = 0;

	ro.by_names = names;
	/* no grouping: the total */
	query_run(s, NULL, 0, NULL, 0, &r);
	ro.format = FMT_TABLE;
	report_print(fz_null(), s, &r, &ro);
	qresult_free(&r);
	if (n == 0) {
		free(d);
		return;
	}
	/* meter and the first column, then four more by seed */
	for (size_t k = 0; k < 6 && k < n; k++)
		pick[np++] = k < 2 ? k : (seed * 7 + k * 13) % n;

	for (size_t j = 0; j < np; j++) {
		size_t i = pick[j];
		struct filter f;
		uint32_t nc = dim_ncodes(s, &d[i]);
		fz_check_dim_roundtrip(s, &d[i]);
		if (check_labels)
			fz_check_labels(s, &d[i], 32);
		query_run(s, &d[i], 1, NULL, 0, &r);
		qresult_sort(s, &r, (enum metric)((seed + j) % M_COUNT), (enum qsort_key)((seed + j) % 3),
		    (int)((seed >> 3) & 1));
		if ((seed + j) & 1)
			qresult_top(&r, 1 + (seed + j) % 5);
		ro.format = (enum report_format)((seed + j) % 3);
		ro.metric = (enum metric)((seed + j) % M_COUNT);
		report_print(fz_null(), s, &r, &ro);
		/* drill one level (once): filter on the biggest group, group by two more */
		if (j == 0 && r.n && !r.g[0].folded && n > 1) {
			struct dim two[2] = {d[(i + 1) % n], d[(i + 2 + seed) % n]};
			struct qresult r2;
			struct qseries q;
			size_t rows[8];
			f.dim = d[i];
			f.lo = f.hi = r.g[0].key[0];
			query_run(s, two, 2, &f, 1, &r2);
			qresult_sort(s, &r2, M_EFFECTIVE, QSORT_NAME, 0);
			ro.format = (enum report_format)((seed + 1) % 3);
			report_print(fz_null(), s, &r2, &ro);
			for (size_t k = 0; k < n; k++)
				if (d[k].type == DIM_PERIOD) {
					query_series(s, &r2, 4, &f, 1, M_BILLED, &d[k], &q);
					qseries_free(&q);
					break;
				}
			{
				size_t got = query_rows(s, &f, 1, 0, 8, rows);
				char buf[128];
				for (size_t k = 0; k < got && k < 8; k++)
					for (int c = 0; c < store_ncolumns(s); c++)
						store_cell(s, rows[k], c, buf, sizeof buf);
			}
			qresult_free(&r2);
		}
		/* a range filter, as the explorer's period zoom does */
		if (j == 1 && nc > 2) {
			f.dim = d[i];
			f.lo = 1;
			f.hi = nc - 2;
			qresult_free(&r);
			query_run(s, &d[(i + seed) % n], 1, &f, 1, &r);
		}
		qresult_free(&r);
	}
	free(d);
}

/* The store's EffectiveCost total (the sum the explorer's header shows). */
static inline money_t
fz_total(struct store *s)
{
	struct qresult r;
	money_t t;
	query_run(s, NULL, 0, NULL, 0, &r);
	t = r.total.sum[M_EFFECTIVE];
	qresult_free(&r);
	return t;
}

#endif
