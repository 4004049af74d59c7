/* Unit tests: the one safe writer (outfile.c). It never replaces a file
 * unasked, and a failed write leaves nothing behind: no partial file at the
 * target, no temporary file beside it, the old file untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>

#include "outfile.h"

static char dir[] = "/tmp/focal-outfile.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/focal-outfile.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	(void)state;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))) {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

/* The directory's entries, sorted names joined by spaces. */
static const char *
entries(void)
{
	static char out[1024];
	char names[16][256];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 16)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(names[n++], sizeof names[0], "%s", e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, names[i]);
	}
	return out;
}

static const char *
slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;
	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
write_file(const char *path, const char *text, int replace, int expect)
{
	struct outfile of;
	char err[512];
	FILE *f = outfile_open(&of, path, err, sizeof err);
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(outfile_commit(&of, replace, err, sizeof err), expect);
}

static void
test_new_file(void **state)
{
	char path[512];
	(void)state;
	snprintf(path, sizeof path, "%s/out.csv", dir);
	write_file(path, "a,b\n", 0, 0);
	assert_string_equal(slurp(path), "a,b\n");
	assert_string_equal(entries(), "out.csv");	/* no temporary file left */
}

static void
test_refuses_to_replace(void **state)
{
	char path[512], err[512];
	struct outfile of;
	(void)state;
	snprintf(path, sizeof path, "%s/out.csv", dir);
	write_file(path, "old\n", 0, 0);
	assert_non_null(outfile_open(&of, path, err, sizeof err));
	fputs("new\n", of.f);
	assert_int_equal(outfile_commit(&of, 0, err, sizeof err), OUTFILE_EXISTS);
	assert_non_null(strstr(err, "out.csv exists"));
	assert_string_equal(slurp(path), "old\n");
	assert_string_equal(entries(), "out.csv");
	/* asked to, it replaces */
	write_file(path, "new\n", 1, 0);
	assert_string_equal(slurp(path), "new\n");
	assert_string_equal(entries(), "out.csv");
}

/* A write that fails (the descriptor gone under the stream) leaves no
 * partial file and the old one as it was. */
static void
test_failed_write_leaves_nothing(void **state)
{
	char path[512], other[512], err[512], big[8192];
	struct outfile of;
	(void)state;
	snprintf(path, sizeof path, "%s/out.csv", dir);
	snprintf(other, sizeof other, "%s/new.csv", dir);
	write_file(path, "old\n", 0, 0);
	memset(big, 'x', sizeof big);
	for (int replace = 0; replace < 2; replace++) {
		const char *target = replace ? path : other;
		assert_non_null(outfile_open(&of, target, err, sizeof err));
		fwrite(big, 1, sizeof big, of.f);	/* a part reaches the file */
		close(fileno(of.f));
		fwrite(big, 1, sizeof big, of.f);
		assert_int_equal(outfile_commit(&of, replace, err, sizeof err), -1);
		assert_non_null(strstr(err, "writing"));
		assert_string_equal(slurp(path), "old\n");
		assert_string_equal(entries(), "out.csv");
	}
}

static void
test_abort(void **state)
{
	char path[512], err[512];
	struct outfile of;
	(void)state;
	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_non_null(outfile_open(&of, path, err, sizeof err));
	fputs("half", of.f);
	outfile_abort(&of);
	assert_string_equal(entries(), "");
}

static void
test_no_directory(void **state)
{
	char path[512], err[512];
	struct outfile of;
	(void)state;
	snprintf(path, sizeof path, "%s/no/such/dir/out.csv", dir);
	assert_null(outfile_open(&of, path, err, sizeof err));
	assert_non_null(strstr(err, "cannot create a temporary file"));
	assert_string_equal(entries(), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_to_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_directory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
