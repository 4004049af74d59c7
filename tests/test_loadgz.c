/* Unit tests: a gzip file parsed on two cores (load_gz.c) when inflating is
 * slower than parsing, so the parsing threads wait on every segment. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "load.h"
#include "load_int.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "value.h"

static char tmpdir[] = "/tmp/focal-test-XXXXXX";
static char path[256];

static void
slow_fill(unsigned n)
{
	struct timespec ts = {0, 3000000L};	/* 3 ms: a 4 KiB segment parses in far less */
	if (n >= 2)
		nanosleep(&ts, NULL);
}

static void
on_alarm(int sig)
{
	static const char msg[] = "test_loadgz: a load did not end in 60 s (a wait for a segment never filled)\n";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

/* A gzip file of rows rows, each about 60 bytes; the sum of its BilledCost
 * in cents goes to *cents. */
static void
write_rows(unsigned rows, long long *cents)
{
	gzFile g = gzopen(path, "wb");
	assert_non_null(g);
	gzputs(g, "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName\n");
	*cents = 0;
	for (unsigned i = 0; i < rows; i++) {
		unsigned c = (i * 7919u) % 100000u;
		gzprintf(g, "%u.%02u,%u.%02u,2025-%02u-01T00:00:00Z,Service number %u\n", c / 100, c % 100,
		    c / 100, c % 100, i % 12 + 1, i % 17);
		*cents += c;
	}
	gzclose(g);
}

/* Loads the file on threads threads: its rows, rejections and BilledCost. */
static uint64_t
load_rows(const char *threads, uint64_t *rejected, char *billed, size_t len)
{
	struct store *s = store_new();
	struct load_opts o = {0};
	struct profile *p = profile_generic();
	struct dim d;
	struct qresult r;
	char err[512];
	uint64_t n;
	setenv("FOCAL_THREADS", threads, 1);
	assert_int_equal(load_file(s, path, &o, err, sizeof err), LOAD_OK);
	n = store_nrows(s);
	*rejected = store_nrejects(s);
	store_finish(s, (const struct profile *const *)&p, 1);
	profile_free(p);
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &d, err, sizeof err), 0);
	query_run(s, &d, 1, NULL, 0, &r);
	money_format(r.total.sum[M_BILLED], 2, 0, 0, billed, len);
	qresult_free(&r);
	store_free(s);
	return n;
}

/* Files of 3 to about 20 segments, ending at every even and odd segment
 * index: every one is read whole, as one thread reads it. Before the fix
 * the second thread could take a slot not yet filled again for its next
 * segment's start and, when that segment was the file's last, wait for one
 * more that never came. */
static void
test_slow_inflate(void **state)
{
	(void)state;
	load_gz_segment = LOAD_SNIFF;
	load_gz_before_fill = slow_fill;
	signal(SIGALRM, on_alarm);
	alarm(60);
	for (unsigned rows = 150; rows < 1500; rows += 23) {
		long long cents;
		uint64_t rej1, rej2;
		char want[64], one[64], two[64];
		write_rows(rows, &cents);
		snprintf(want, sizeof want, "%lld.%02lld", cents / 100, cents % 100);
		assert_int_equal(load_rows("2", &rej2, two, sizeof two), rows);
		assert_int_equal(load_rows("1", &rej1, one, sizeof one), rows);
		assert_int_equal(rej1, 0);
		assert_int_equal(rej2, 0);
		assert_string_equal(one, want);
		assert_string_equal(two, want);
	}
	alarm(0);
	load_gz_before_fill = NULL;
	unsetenv("FOCAL_THREADS");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_inflate),
	};
	int rc;
	if (!mkdtemp(tmpdir))
		return 1;
	snprintf(path, sizeof path, "%s/slow.csv.gz", tmpdir);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	rmdir(tmpdir);
	return rc;
}
