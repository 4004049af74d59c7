/* store_tags.c - the Tags column: JSON objects checked and split into keys
 * and values by SQLite (json_each), then indexed per tag set. */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "xmalloc.h"

/* Tags */

int
store_json_check(void *ctx, const char *text, int keyvalue, char *why, size_t whylen)
{
	struct store *s = ctx;
	sqlite3_stmt *st;
	int rc = -1;
	size_t at;
	const char *expected;

	if (json_check(text, &at, &expected) != 0) {	/* before SQLite's lenient reader (json.h) */
		snprintf(why, whylen, "not valid JSON (byte %zu: expected %s)", at + 1, expected);
		return -1;
	}
	if (s->json_check == NULL)
		s->json_check = store_prepare(s,
		    "SELECT json_valid(?1), json_type(?1),"
		    " CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN"
		    "  (SELECT count(*) - count(DISTINCT key) FROM json_each(?1)) END,"
		    " CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN"
		    "  (SELECT count(*) FROM json_each(?1) WHERE type IN ('object', 'array')) END");
	st = s->json_check;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
		snprintf(why, whylen, "not valid JSON");
	} else if (strcmp((const char *)sqlite3_column_text(st, 1), "object") != 0) {
		snprintf(why, whylen, "JSON %s where an object was expected", sqlite3_column_text(st, 1));
	} else if (sqlite3_column_int(st, 2) > 0) {
		snprintf(why, whylen, "duplicate keys");
	} else if (keyvalue && sqlite3_column_int(st, 3) > 0) {
		snprintf(why, whylen, "nested object or array value");
	} else
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int
store_tags_parse(struct store *s, uint32_t tagset, const char *json, char *why, size_t whylen)
{
	sqlite3_stmt *st;
	int valid = 0;

	if (json_check(json, NULL, NULL) != 0) {	/* before SQLite's lenient reader (json.h) */
		snprintf(why, whylen, "Tags is not a JSON object");
		return -1;
	}
	if (s->tags_valid == NULL)
		s->tags_valid = store_prepare(s, "SELECT json_valid(?1) AND json_type(?1) = 'object'");
	st = s->tags_valid;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		valid = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!valid) {
		snprintf(why, whylen, "Tags is not a JSON object");
		return -1;
	}
	store_db_ready(s);
	sqlite3_reset(s->ins_tag);
	sqlite3_bind_int64(s->ins_tag, 1, tagset);
	sqlite3_bind_text(s->ins_tag, 2, json, -1, SQLITE_STATIC);
	store_must(s, sqlite3_step(s->ins_tag), "insert tags");
	s->last_tagset = tagset;
	s->last_tag_pairs = sqlite3_changes(s->db);
	return 0;
}

int
store_ntagkeys(const struct store *s)
{
	return s->ntagkeys;
}

const char *
store_tagkey(const struct store *s, int key)
{
	return s->tagkeys[key].key;
}

int
store_find_tagkey(const struct store *s, const char *key)
{
	for (int i = 0; i < s->ntagkeys; i++)
		if (strcmp(s->tagkeys[i].key, key) == 0)
			return i;
	return -1;
}

uint32_t
store_tag_value(const struct store *s, int key, uint32_t tagset)
{
	const struct tagkey *k = &s->tagkeys[key];
	return tagset < k->nof ? k->of_tagset[tagset] : CODE_NULL;
}

const uint32_t *
store_tag_values(const struct store *s, int key)
{
	return s->tagkeys[key].of_tagset;
}

uint32_t
store_tag_ncodes(const struct store *s, int key)
{
	return s->tagkeys[key].values.n;
}

const char *
store_tag_label(const struct store *s, int key, uint32_t code)
{
	const struct dict *d = &s->tagkeys[key].values;
	return code < d->n ? d->str[code] : NULL;
}

uint32_t
store_tag_lookup(const struct store *s, int key, const char *value)
{
	return dict_find(&s->tagkeys[key].values, value, strlen(value), NULL);
}

uint32_t
store_tag_intern(struct store *s, int key, const char *value)
{
	return dict_intern(&s->tagkeys[key].values, value, strlen(value), NULL);
}

void
store_tags_index(struct store *s)
{
	sqlite3_stmt *st;
	uint32_t ntagsets;

	if (s->tags_col < 0)
		return;
	ntagsets = s->cols[s->tags_col].dict.n;
	st = store_prepare(s, "SELECT DISTINCT key FROM tag ORDER BY key");
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tagkey *k;
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (key == NULL)
			continue;
		s->tagkeys = xreallocarray(s->tagkeys, (size_t)s->ntagkeys + 1, sizeof *s->tagkeys);
		k = &s->tagkeys[s->ntagkeys++];
		k->key = xstrdup(key);
		dict_init(&k->values);
		k->nof = ntagsets;
		k->of_tagset = xcalloc(ntagsets ? ntagsets : 1, sizeof *k->of_tagset);
	}
	sqlite3_finalize(st);
	/* with duplicate keys in one object, the first value wins */
	st = store_prepare(s, "SELECT tagset, key, value FROM tag ORDER BY rowid");
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t ts = (uint32_t)sqlite3_column_int64(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		const char *val = (const char *)sqlite3_column_text(st, 2);
		int ki;
		if (key == NULL || (ki = store_find_tagkey(s, key)) < 0 || ts >= ntagsets)
			continue;
		if (s->tagkeys[ki].of_tagset[ts] != CODE_NULL)
			continue;
		if (val == NULL)
			val = "null";
		s->tagkeys[ki].of_tagset[ts] = dict_intern(&s->tagkeys[ki].values, val, strlen(val), NULL);
	}
	sqlite3_finalize(st);
}
