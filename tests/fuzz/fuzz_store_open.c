/* fuzz_store_open.c - reopening a saved store (store_open.c): the file is
 * outside input. An input that starts with the SQLite header is a whole
 * .sqlite file; any other input is a list of patches ([offset:3][len:1][bytes])
 * to a store saved at start-up from the first rows of the sample, so the
 * mutations land in a file SQLite accepts and reach focal's own checks.
 * A reopened patched store must have the seed's rows, or be refused. */
#include "fuzz_common.h"

#include "store_save.h"

static char *seed;
static size_t seed_n, seed_rows;
static int fd = -1;
static char path[64], dir[40];

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char csv[64], out[128], err[1024];
	struct store *s = store_new();
	struct load_opts lo = {0};
	size_t n;
	char *text;
	int cfd;

	(void)argc, (void)argv;
	fz_load_profiles();
	snprintf(dir, sizeof dir, "%s/fuzz-store-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		fz_die("mkdtemp");
	cfd = fz_memfd("seed.csv", csv);
	text = fz_sample_head(24, &n);
	fz_fill(cfd, text, n);
	free(text);
	snprintf(out, sizeof out, "%s/seed.sqlite", dir);
	if (load_file(s, csv, &lo, err, sizeof err) != LOAD_OK)
		fz_die(err);
	store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
	if (store_save(s, out, 0, err, sizeof err) != 0) {
		fprintf(stderr, "FOCAL-FUZZ: setup: %s\n", err);
		exit(1);
	}
	seed_rows = store_nrows(s);
	store_free(s);
	{
		FILE *f = fopen(out, "rb");
		if (f == NULL || fseek(f, 0, SEEK_END) != 0)
			fz_die(out);
		seed_n = (size_t)ftell(f);
		rewind(f);
		seed = xmalloc(seed_n);
		if (fread(seed, 1, seed_n, f) != seed_n)
			fz_die(out);
		fclose(f);
	}
	unlink(out);
	close(cfd);
	/* a real file: SQLite resolves /proc/self/fd/N of a memfd to
	 * "/memfd:... (deleted)" and cannot open it, so every input was
	 * refused before this (store_open.c was 4% covered) */
	snprintf(path, sizeof path, "%s/fuzz.sqlite", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		fz_die(path);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = store_new();
	struct load_opts lo = {0};
	char err[1024];
	int patched = size < 16 || memcmp(data, "SQLite format 3", 16) != 0, sqlite = 1;
	enum load_result r;

	if (patched) {
		char *buf = fz_patch(seed, seed_n, data, size);
		fz_fill(fd, buf, seed_n);
		sqlite = memcmp(buf, "SQLite format 3", 16) == 0;	/* else a CSV to the loader */
		free(buf);
	} else
		fz_fill(fd, data, size);
	r = load_file(s, path, &lo, err, sizeof err);
	FZ_CHECK(r == LOAD_OK || r == LOAD_FILE_ERROR, "load_file returned %d", (int)r);
	if (r == LOAD_OK) {
		if (patched && sqlite)
			FZ_CHECK(store_nrows(s) == seed_rows, "%zu rows reopened, %zu saved", store_nrows(s), seed_rows);
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		fz_exercise(s, (unsigned)size, 1);
	} else
		FZ_CHECK(strstr(err, path) == err, "the error does not name the file: %s", err);
	fz_problems(s);
	store_free(s);
	return 0;
}
