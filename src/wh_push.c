/* wh_push.c - the loaded rows into a warehouse table (wh_push.h): every
 * column focal loaded, `meter` too; metrics as exact decimals, date-times
 * as UTC, Tags as compact JSON (what wh_clickhouse.c's tag reader wants),
 * any other column as its text ('' for NULL). */
#include "wh_push.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "xmalloc.h"

/* One batch: this many rows or this many bytes, whichever comes first. */
#define PUSH_BATCH_ROWS 100000
#define PUSH_BATCH_BYTES ((size_t)16 << 20)

static const char *
col_type(const struct wh_dialect *d, const struct store *s, int col)
{
	switch (store_column_kind(s, col)) {
	case COL_METRIC: return d->money_type;
	case COL_DATE: return d->date_type;
	default: return d->text_type;
	}
}

static int
has_column(const struct store *s, const char *name)
{
	int c = store_find_column(s, name);
	return c >= 0 && store_column_kind(s, c) == COL_DIM && strcmp(store_column_name(s, c), name) == 0;
}

char *
wh_push_create_sql(const struct wh *w, const struct store *s)
{
	/* the first drill levels lead the sort key: a drill step reads a range */
	static const char *const keys[] = {"ServiceCategory", "ServiceSubcategory", "meter", "ServiceName",
	    "SubAccountName"};
	struct wh_buf b = {NULL, 0, 0}, order = {NULL, 0, 0};
	char q[600];

	wh_buf_str(&b, "CREATE TABLE ");
	wh_buf_str(&b, w->d->ident(w->db, q, sizeof q));
	wh_buf_str(&b, ".");
	wh_buf_str(&b, w->d->ident(w->table, q, sizeof q));
	wh_buf_str(&b, " (");
	for (int c = 0; c < store_ncolumns(s); c++) {
		wh_buf_str(&b, c ? ", " : "");
		wh_buf_str(&b, w->d->ident(store_column_name(s, c), q, sizeof q));
		wh_buf_str(&b, " ");
		wh_buf_str(&b, col_type(w->d, s, c));
	}
	wh_buf_str(&b, ") ");
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (has_column(s, keys[i])) {
			wh_buf_str(&order, order.n ? ", " : "");
			wh_buf_str(&order, w->d->ident(keys[i], q, sizeof q));
		}
	wh_buf_str(&b, w->d->create_tail(order.p ? order.p : "", q, sizeof q));
	free(order.p);
	return b.p;
}

/* A JSON string, UTF-8 kept as it is. */
static void
json_str(struct wh_buf *b, const char *s)
{
	wh_buf_add(b, "\"", 1);
	for (; *s; s++) {
		char esc[8];
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = *s;
			wh_buf_add(b, esc, 2);
		} else if ((unsigned char)*s < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)(unsigned char)*s);
			wh_buf_add(b, esc, 6);
		} else
			wh_buf_add(b, s, 1);
	}
	wh_buf_add(b, "\"", 1);
}

/* The compact JSON of each tag set, from the store's tag index. */
static char **
tag_json(const struct store *s, int col)
{
	uint32_t n = store_ncodes(s, col);
	char **out = xcalloc(n, sizeof *out);
	for (uint32_t t = 1; t < n; t++) {
		struct wh_buf b = {NULL, 0, 0};
		wh_buf_add(&b, "{", 1);
		for (int k = 0; k < store_ntagkeys(s); k++) {
			uint32_t v = store_tag_value(s, k, t);
			const char *label = v != CODE_NULL ? store_tag_label(s, k, v) : NULL;
			if (label == NULL)
				continue;
			wh_buf_str(&b, b.n > 1 ? "," : "");
			json_str(&b, store_tagkey(s, k));
			wh_buf_add(&b, ":", 1);
			json_str(&b, label);
		}
		wh_buf_add(&b, "}", 1);
		out[t] = b.p;
	}
	return out;
}

static void
put_cell(struct wh_buf *b, const struct store *s, int col, size_t row, char *const *tags)
{
	char buf[96];
	uint32_t code;
	switch (store_column_kind(s, col)) {
	case COL_METRIC: {
		money_t v = store_money(s, col, row);
		if (v == MONEY_NULL)
			wh_buf_tsv(b, NULL);
		else {
			money_format(v, -1, 0, 0, buf, sizeof buf);
			wh_buf_str(b, buf);
		}
		return;
	}
	case COL_DATE: {
		int64_t t;
		code = store_code(s, col, row);
		t = code == CODE_NULL ? DATE_NULL : store_code_epoch(s, col, code);
		/* a date-time the warehouse's type holds (1970 to 2105) */
		if (t == DATE_NULL || t < 0 || t >= (int64_t)1 << 32)
			wh_buf_tsv(b, NULL);
		else {
			date_format(t, buf);
			buf[10] = ' ';
			buf[19] = '\0';
			wh_buf_str(b, buf);
		}
		return;
	}
	default:
		code = store_code(s, col, row);
		if (tags)
			wh_buf_tsv(b, code == CODE_NULL ? "" : tags[code]);
		else
			wh_buf_tsv(b, code == CODE_NULL ? "" : store_label(s, col, code));
		return;
	}
}

/* The INSERT's text: its columns, by name. */
static char *
insert_sql(const struct wh *w, const struct store *s)
{
	struct wh_buf b = {NULL, 0, 0};
	char q[600];
	wh_buf_str(&b, "INSERT INTO ");
	wh_buf_str(&b, w->d->ident(w->db, q, sizeof q));
	wh_buf_str(&b, ".");
	wh_buf_str(&b, w->d->ident(w->table, q, sizeof q));
	wh_buf_str(&b, " (");
	for (int c = 0; c < store_ncolumns(s); c++) {
		wh_buf_str(&b, c ? ", " : "");
		wh_buf_str(&b, w->d->ident(store_column_name(s, c), q, sizeof q));
	}
	wh_buf_str(&b, ")");
	wh_buf_str(&b, w->d->insert_format);
	return b.p;
}

/* Every column of the store must be in the table (by its exact name). */
static int
check_table(struct wh *w, const struct store *s, char *err, size_t errlen)
{
	char **names, **types;
	int n, missing = -1;
	if (warehouse_columns(w, &names, &types, &n, err, errlen) != 0) {
		if (strstr(err, ": no table "))
			snprintf(err + strlen(err), errlen - strlen(err), " (focal push --create makes it)");
		return -1;
	}
	for (int c = 0; c < store_ncolumns(s) && missing < 0; c++) {
		int found = 0;
		for (int i = 0; i < n && !found; i++)
			found = strcmp(names[i], store_column_name(s, c)) == 0;
		if (!found)
			missing = c;
	}
	if (missing >= 0)
		snprintf(err, errlen, "%s: the table has no column %s, which the files have (focal push --create "
		    "makes a table with the loaded columns)", w->url, store_column_name(s, missing));
	warehouse_free_list(names, n);
	warehouse_free_list(types, n);
	return missing >= 0 ? -1 : 0;
}

int
wh_push(struct wh *w, const struct store *s, int create, uint64_t *sent, char *err, size_t errlen)
{
	int tcol = store_find_column(s, "Tags"), ncols = store_ncolumns(s), rc = 0;
	char **tags = NULL, *sql;
	size_t nrows = store_nrows(s), r = 0;
	struct wh_buf b = {NULL, 0, 0};

	*sent = 0;
	if (create) {
		sql = wh_push_create_sql(w, s);
		rc = warehouse_exec(w, sql, NULL, 0, NULL, err, errlen);
		free(sql);
	} else
		rc = check_table(w, s, err, errlen);
	if (rc != 0)
		return -1;
	if (tcol >= 0 && store_column_kind(s, tcol) == COL_DIM)
		tags = tag_json(s, tcol);
	sql = insert_sql(w, s);
	while (r < nrows && rc == 0) {
		size_t first = r;
		b.n = 0;
		for (; r < nrows && r - first < PUSH_BATCH_ROWS && b.n < PUSH_BATCH_BYTES; r++) {
			for (int c = 0; c < ncols; c++) {
				if (c)
					wh_buf_add(&b, "\t", 1);
				put_cell(&b, s, c, r, c == tcol ? tags : NULL);
			}
			wh_buf_add(&b, "\n", 1);
		}
		rc = warehouse_exec(w, sql, b.p, b.n, NULL, err, errlen);
		if (rc == 0)
			*sent += r - first;
	}
	free(sql);
	free(b.p);
	if (tags)
		for (uint32_t t = 0; t < store_ncodes(s, tcol); t++)
			free(tags[t]);
	free(tags);
	return rc;
}
