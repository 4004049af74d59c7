/* fuzz_snapshot.c - the instant reopen (snapcache.c): a snapshot in the cache
 * folder is outside input (a disk fills, a write dies, someone edits it).
 * The input becomes the snapshot of a fixture CSV's load, under the key
 * snapcache_begin computes for it: a whole file when it starts with the
 * SQLite header, else patches ([offset:3][len:1][bytes]) to the true
 * snapshot written at start-up. snapcache_open must then either reopen the
 * fixture's rows exactly, or refuse the snapshot and remove it, after which
 * the CSV loads as the command would load it (cli_load_store): never a
 * crash, a hang, a leak, or other rows. Light: a reopened store is only
 * finished and totalled (fuzz_store_open runs the queries over one), and
 * one refusal in 64 goes on to the CSV load. */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "snapcache.h"
#include "store_save.h"

static char *seed;
static size_t seed_n, seed_rows;
static money_t seed_total;
static char csv[128];
static struct snapcache sc;
static unsigned long refused;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[64];
	char cache[160], err[1024], *text;
	struct store *s = store_new();
	struct load_opts lo = {0};
	size_t n;
	FILE *f;

	(void)argc, (void)argv;
	fz_load_profiles();
	snprintf(dir, sizeof dir, "%s/fuzz-snap-XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		fz_die("mkdtemp");
	snprintf(csv, sizeof csv, "%s/fixture.csv", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	setenv("FOCAL_CACHE_DIR", cache, 1);
	setenv("FOCAL_CACHE_MIN", "0", 1);
	setenv("FOCAL_CACHE_SIZE", "64", 1);
	if (mkdir(cache, 0700) != 0)
		fz_die(cache);
	text = fz_sample_head(24, &n);
	if ((f = fopen(csv, "wb")) == NULL || fwrite(text, 1, n, f) != n ||
	    fclose(f) != 0)
		fz_die(csv);
	free(text);
	{
		char *files[1] = {csv};
		if (snapcache_begin(&sc, files, 1, 0, "fuzz") != 0)
			fz_die("snapcache_begin: the fixture is not cacheable");
	}
	if (load_file(s, csv, &lo, err, sizeof err) != LOAD_OK)
		fz_die(err);
	store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
	seed_rows = store_nrows(s);
	seed_total = fz_total(s);
	if (store_save_compact(s, sc.path, err, sizeof err) != 0)
		fz_die(err);
	store_free(s);
	if ((f = fopen(sc.path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0)
		fz_die(sc.path);
	seed_n = (size_t)ftell(f);
	rewind(f);
	seed = xmalloc(seed_n);
	if (fread(seed, 1, seed_n, f) != seed_n)
		fz_die(sc.path);
	fclose(f);
	return 0;
}

/* The input as the snapshot's bytes (malloc'd, *n long). */
static char *
snapshot_of(const uint8_t *data, size_t size, size_t *n)
{
	char *buf;
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		buf = xmalloc(size);
		memcpy(buf, data, size);
		*n = size;
		return buf;
	}
	buf = fz_patch(seed, seed_n, data, size);
	*n = seed_n;
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *s;	/* one store, emptied per input (opening one is most of the cost) */
	struct load_opts lo = {0};
	char err[1024];
	size_t n;
	char *buf = snapshot_of(data, size, &n);
	FILE *f = fopen(sc.path, "wb");
	int rc;

	if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0)
		fz_die(sc.path);
	free(buf);
	if (s == NULL)
		s = store_new();
	else
		store_reset(s);
	rc = snapcache_open(&sc, s, err, sizeof err);
	FZ_CHECK(rc == 1 || rc == -1, "snapcache_open returned %d with a snapshot in place", rc);
	if (rc == 1) {
		FZ_CHECK(store_nrows(s) == seed_rows, "%zu rows reopened, %zu saved", store_nrows(s), seed_rows);
	} else {
		FZ_CHECK(access(sc.path, F_OK) != 0, "a snapshot that did not read back is still there: %s", err);
		FZ_CHECK(strstr(err, sc.path) != NULL, "the error does not name the snapshot: %s", err);
		if (++refused % 64 != 1)
			return 0;	/* the CSV load is the slow part: one refusal in 64 goes on to it */
		store_reset(s);	/* as cli_load_store: the files, from the start */
		FZ_CHECK(load_file(s, csv, &lo, err, sizeof err) == LOAD_OK, "the fixture no longer loads: %s", err);
		FZ_CHECK(store_nrows(s) == seed_rows, "%zu rows from the CSV, %zu before", store_nrows(s), seed_rows);
	}
	store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
	if (rc == -1)
		FZ_CHECK(fz_total(s) == seed_total, "%s", "the CSV's total changed");
	return 0;
}
