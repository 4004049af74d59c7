/* Unit tests: a money column's two forms (store_money.c). Every value reads
 * back exactly as it was put, whichever form the column is in and however
 * it got there: more decimals arriving, a value too large for 64 bits, a
 * merge of two stores in different forms, a save and reopen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "profile.h"
#include "query.h"
#include "store.h"
#include "store_save.h"

static char tmpdir[] = "/tmp/focal-test-XXXXXX";

/* A reproducible stream of amounts: up to maxdec decimals, up to `digits`
 * digits in all (at most 18), either sign; 1 in 9 NULL. */
static uint64_t seed = 88172645463325252ULL;

static uint64_t
next(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static money_t
amount(int maxdec, int digits)
{
	int d = (int)(next() % (unsigned)(maxdec + 1));
	money_t v = (money_t)(next() % 1000000000000000000ULL), scale = 1;
	for (int i = 0; i < 18 - d; i++)
		scale *= 10;
	for (int i = digits; i < 18; i++)
		v /= 10;
	if (next() % 9 == 0)
		return MONEY_NULL;
	return (next() & 1 ? -v : v) * scale;
}

static int
new_store(struct store **s)
{
	*s = store_new();
	store_add_file(*s, "x.csv");
	return store_column(*s, "BilledCost", FC_BilledCost, COL_METRIC);
}

static void
put(struct store *s, int col, money_t v)
{
	store_put_money(s, col, v);
	store_commit_row(s, 0, (uint32_t)store_nrows(s) + 2);
}

static void
check(const struct store *s, int col, const money_t *want, size_t n)
{
	struct mcol m = store_money_col(s, col);
	assert_int_equal(store_nrows(s), n);
	for (size_t r = 0; r < n; r++) {
		assert_true(store_money(s, col, r) == want[r]);
		assert_true(mcol_get(&m, r) == want[r]);
	}
}

/* A column goes narrow -> more decimals -> wide, its NULLs kept. */
static void
test_forms(void **state)
{
	struct store *s;
	int c = new_store(&s);
	money_t want[8] = {
		MONEY_NULL, 3 * MONEY_ONE, 25 * MONEY_ONE / 10, MONEY_NULL,
		-7000001 * (MONEY_ONE / 1000000), 1, 0, 0,
	};
	(void)state;
	assert_int_equal(store_money_decimals(s, c), 0);
	put(s, c, want[0]);
	put(s, c, want[1]);
	assert_int_equal(store_money_decimals(s, c), 0);
	put(s, c, want[2]);
	assert_int_equal(store_money_decimals(s, c), 1);
	put(s, c, want[3]);
	put(s, c, want[4]);
	assert_int_equal(store_money_decimals(s, c), 6);
	check(s, c, want, 5);
	/* 10^-18 needs 18 decimals: -7.000001 still fits (7 * 10^18 < 2^63) */
	put(s, c, want[5]);
	assert_int_equal(store_money_decimals(s, c), 18);
	check(s, c, want, 6);
	/* 10 at 18 decimals is past 2^63: wide from here on */
	want[6] = 10 * MONEY_ONE;
	put(s, c, want[6]);
	assert_int_equal(store_money_decimals(s, c), -1);
	want[7] = -want[6] * 1000000000;
	put(s, c, want[7]);
	check(s, c, want, 8);
	store_free(s);

	/* large whole amounts stay narrow at 0 decimals; a cent more makes
	 * them too large for 2 decimals: wide */
	c = new_store(&s);
	want[0] = (money_t)4000000000000000000LL * MONEY_ONE;
	want[1] = -want[0];
	put(s, c, want[0]);
	put(s, c, want[1]);
	assert_int_equal(store_money_decimals(s, c), 0);
	want[2] = MONEY_ONE / 100;
	put(s, c, want[2]);
	assert_int_equal(store_money_decimals(s, c), -1);
	check(s, c, want, 3);
	store_free(s);
}

/* 200,000 random amounts: each reads back, and the query's total is the
 * exact sum (the query engine reads the narrow form on both cores). A
 * column stays narrow while its digits and decimals come to 18 at most. */
static void
test_random(void **state)
{
	static const int maxdec[] = {2, 6, 9, 4, 18, 10}, digits[] = {8, 12, 9, 14, 12, 10};
	(void)state;
	for (size_t k = 0; k < sizeof maxdec / sizeof *maxdec; k++) {
		size_t n = 200000;
		money_t *want = malloc(n * sizeof *want), sum = 0;
		struct store *s;
		int c = new_store(&s);
		struct qresult r;
		for (size_t i = 0; i < n; i++) {
			want[i] = amount(maxdec[k], digits[k]);
			put(s, c, want[i]);
			if (want[i] != MONEY_NULL)
				sum += want[i];
		}
		check(s, c, want, n);
		if (maxdec[k] + digits[k] <= 18)
			assert_int_equal(store_money_decimals(s, c), maxdec[k]);
		else
			assert_int_equal(store_money_decimals(s, c), -1);
		query_run_metric(s, NULL, 0, NULL, 0, M_BILLED, &r);
		assert_true(r.total.sum[M_BILLED] == sum);
		qresult_free(&r);
		free(want);
		store_free(s);
	}
}

/* store_append into every pair of forms: the joined column holds both. */
static void
test_merge(void **state)
{
	/* per store: the decimals and digits of its values (over 18 in all: wide) */
	static const int spec[][2] = {{2, 8}, {9, 9}, {18, 12}, {0, 18}, {12, 6}};
	(void)state;
	for (size_t a = 0; a < 5; a++)
		for (size_t b = 0; b < 5; b++) {
			size_t na = 3000, nb = 70000;
			money_t *want = malloc((na + nb) * sizeof *want);
			struct store *m, *sh;
			int c = new_store(&m);
			for (size_t i = 0; i < na; i++)
				put(m, c, want[i] = amount(spec[a][0], spec[a][1]));
			sh = store_new_shard(m);
			for (size_t i = 0; i < nb; i++) {
				store_put_money(sh, c, want[na + i] = amount(spec[b][0], spec[b][1]));
				store_commit_row(sh, 0, (uint32_t)i + 1);
			}
			store_append(m, sh, 0, (uint32_t)na + 1);
			check(m, c, want, na + nb);
			free(want);
			store_free(m);
		}
}

/* A saved store keeps each column's form and every value; a column saved
 * wide reads back wide. */
static void
test_save_open(void **state)
{
	static const int spec[][2] = {{4, 10}, {18, 12}};
	char path[300], err[512];
	struct store *s, *t;
	struct profile *gen = profile_generic();
	const struct profile *p[1] = {gen};
	int c[2];
	size_t n = 5000;
	money_t *want[2];
	(void)state;
	s = store_new();
	store_add_file(s, "x.csv");
	c[0] = store_column(s, "BilledCost", FC_BilledCost, COL_METRIC);
	c[1] = store_column(s, "EffectiveCost", FC_EffectiveCost, COL_METRIC);
	for (int k = 0; k < 2; k++)
		want[k] = malloc(n * sizeof *want[k]);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 2; k++)
			store_put_money(s, c[k], want[k][i] = amount(spec[k][0], spec[k][1]));
		store_commit_row(s, 0, (uint32_t)i + 2);
	}
	store_finish(s, p, 1);
	assert_true(store_money_decimals(s, c[0]) >= 0);
	assert_int_equal(store_money_decimals(s, c[1]), -1);
	snprintf(path, sizeof path, "%s/s.sqlite", tmpdir);
	assert_int_equal(store_save_compact(s, path, err, sizeof err), 0);
	t = store_new();
	assert_int_equal(store_open_saved(t, path, err, sizeof err), 0);
	store_finish(t, p, 1);
	for (int k = 0; k < 2; k++) {
		int tc = store_find_column(t, store_column_name(s, c[k]));
		assert_true(tc >= 0);
		assert_int_equal(store_money_decimals(t, tc), store_money_decimals(s, c[k]));
		check(t, tc, want[k], n);
	}
	store_free(t);

	/* version 1 (every amount in 16 bytes, no decimals column) still
	 * reads: a store of one wide column, as version 1 wrote it; a narrow
	 * column in a version 1 file is refused */
	for (int narrow = 0; narrow < 2; narrow++) {
		struct store *w = narrow ? s : store_new();
		sqlite3 *db;
		int wc = c[narrow ? 0 : 1];
		if (!narrow) {
			store_add_file(w, "x.csv");
			wc = store_column(w, "EffectiveCost", FC_EffectiveCost, COL_METRIC);
			for (size_t i = 0; i < n; i++) {
				store_put_money(w, wc, want[1][i]);
				store_commit_row(w, 0, (uint32_t)i + 2);
			}
			store_finish(w, p, 1);
			assert_int_equal(store_money_decimals(w, wc), -1);
		}
		assert_int_equal(store_save_compact(w, path, err, sizeof err), 0);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "UPDATE focal_meta SET value = 1 WHERE key = 'version';"
		    "ALTER TABLE focal_column DROP COLUMN decimals", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		t = store_new();
		if (narrow) {
			assert_int_equal(store_open_saved(t, path, err, sizeof err), -1);
			assert_non_null(strstr(err, "bad width"));
		} else {
			assert_int_equal(store_open_saved(t, path, err, sizeof err), 0);
			store_finish(t, p, 1);
			check(t, store_find_column(t, "EffectiveCost"), want[1], n);
			store_free(w);
		}
		store_free(t);
	}
	for (int k = 0; k < 2; k++)
		free(want[k]);
	unlink(path);
	profile_free(gen);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_save_open),
	};
	int rc;
	if (!mkdtemp(tmpdir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
