/* fuzz_tags.c - the Tags column (FOCUS KeyValueFormat): a value interned as
 * the loader interns it, store_tags_parse (SQLite's json_each splits it into
 * tag pairs), store_json_check as `focal validate` asks it, and the row
 * discarded, as a rejected row is. One store, opened once, serves every
 * input; a JSON object is also flattened the way store_finish does it, in a
 * store of its own (store_tags_index runs once a store).
 *
 * Beyond the sanitizers: parse and validate agree on what is an object; the
 * pairs filed are json_each's; a discarded row leaves no pair and no value
 * behind; the flattened tag keys are the object's distinct keys, each with
 * the value of its first occurrence (null as "null"). */
#include "fuzz_common.h"

#include <sqlite3.h>

static struct store *st;
static int col;
static sqlite3_stmt *q_pairs, *q_filed;
static const struct profile *generic;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	generic = profile_generic();
	st = store_new();
	col = store_column(st, "Tags", FC_Tags, COL_DIM);
	if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM json_each(?1)", -1, &q_pairs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM tag", -1, &q_filed, NULL) != SQLITE_OK)
		fz_die("prepare");
	return 0;
}

static long
count(sqlite3_stmt *q, const char *json)
{
	long n = -1;
	sqlite3_reset(q);
	if (json)
		sqlite3_bind_text(q, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return n;
}

/* The value json_each gives key's first occurrence, as the store files it. */
static const char *
first_value(sqlite3 *db, const char *json, const char *key, char *buf, size_t n)
{
	static sqlite3_stmt *q;
	const char *v = NULL;
	if (q == NULL && sqlite3_prepare_v2(db, "SELECT CASE type WHEN 'null' THEN NULL WHEN 'true'"
	    " THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(value AS TEXT) END FROM json_each(?1) WHERE key = ?2"
	    " ORDER BY id LIMIT 1", -1, &q, NULL) != SQLITE_OK)
		fz_die("prepare");
	sqlite3_bind_text(q, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *val = (const char *)sqlite3_column_text(q, 0);
		snprintf(buf, n, "%s", val ? val : "null");
		v = buf;
	}
	sqlite3_reset(q);
	return v;
}

/* A store with this one row of Tags, finished: its tag index. */
static void
flatten(const char *json)
{
	struct store *s = store_new();
	int c = store_column(s, "Tags", FC_Tags, COL_DIM), isnew;
	uint32_t code = store_intern(s, c, json, strlen(json), &isnew);
	char why[128], buf[4096];
	long keys;
	static sqlite3_stmt *q_keys;

	FZ_CHECK(store_tags_parse(s, code, store_label(s, c, code), why, sizeof why) == 0, "%s", why);
	store_put_code(s, c, code);
	store_commit_row(s, 0, 2);
	store_finish(s, &generic, 1);
	if (q_keys == NULL && sqlite3_prepare_v2(store_db(st), "SELECT count(DISTINCT key) FROM json_each(?1)", -1,
	    &q_keys, NULL) != SQLITE_OK)
		fz_die("prepare");
	keys = count(q_keys, json);
	FZ_CHECK(store_ntagkeys(s) == keys, "%d tag keys, the object has %ld", store_ntagkeys(s), keys);
	for (int k = 0; k < store_ntagkeys(s); k++) {
		const char *key = store_tagkey(s, k), *want;
		uint32_t v = store_tag_value(s, k, code);
		FZ_CHECK(store_find_tagkey(s, key) == k, "tag key '%s' not found again", key);
		want = first_value(store_db(st), json, key, buf, sizeof buf);
		FZ_CHECK(want && v != CODE_NULL && !strcmp(store_tag_label(s, k, v), want),
		    "tag '%s' is '%s', json_each says '%s'", key, v ? store_tag_label(s, k, v) : "(none)", want);
		FZ_CHECK(store_tag_lookup(s, k, want) == v, "tag value '%s' does not look up", want);
	}
	store_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[128], why2[128];
	uint32_t code;
	const char *json;
	int rc, valid;
	static unsigned long inputs;

	/* A discarded value's text stays in the dictionary's arena (as a
	 * rejected row's does in a load), so one store taking every input grew
	 * by about 500 bytes an input: 1.15 GB after 2 million, past libFuzzer's
	 * 2 GB limit within the hour. A fresh column every 65,536 inputs. */
	if (++inputs % 65536 == 0) {
		store_reset(st);
		col = store_column(st, "Tags", FC_Tags, COL_DIM);
	}
	code = store_intern_row(st, col, (const char *)data, size);
	json = store_label(st, col, code);	/* NUL-terminated, as the loader passes it */
	rc = store_tags_parse(st, code, json, why, sizeof why);
	valid = store_json_check(st, json, 0, why2, sizeof why2);
	/* validate also refuses duplicate keys, which parse files as they come */
	FZ_CHECK(valid != 0 || rc == 0, "validate takes '%s' as an object, parse does not: %s", json, why);
	if (rc == 0) {
		long pairs = count(q_pairs, json), filed = count(q_filed, NULL);
		FZ_CHECK(pairs == filed, "%ld pairs filed for an object of %ld", filed, pairs);
		(void)store_json_check(st, json, 1, why2, sizeof why2);
	} else
		FZ_CHECK(count(q_filed, NULL) == 0, "a refused Tags value filed pairs");
	store_discard_row(st);
	FZ_CHECK(count(q_filed, NULL) == 0, "a discarded row left tag pairs");
	FZ_CHECK(store_ncodes(st, col) == 1, "a discarded row left %u values", store_ncodes(st, col) - 1);
	if (rc == 0 && strlen(json) < 4096)
		flatten(json);
	return 0;
}
