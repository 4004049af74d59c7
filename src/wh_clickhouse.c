/* wh_clickhouse.c - ClickHouse's SQL for warehouse.h (works with 18.16,
 * Debian 12's: Decimal since 18.12; no JSON functions yet, so tags are
 * read with visitParam*, which wants the compact JSON focal push writes).
 * Another engine (Trino, Spark SQL) is another table like this one. */
#include "warehouse.h"

#include <stdio.h>
#include <string.h>

/* Writes s into buf between q and q, backslash-escaping q, \ and controls. */
static char *
quote(const char *s, char q, char *buf, size_t n)
{
	size_t o = 0;
	if (n < 3) {
		if (n)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = q;
	for (; *s && o + 4 < n; s++) {
		char c = *s == '\n' ? 'n' : *s == '\t' ? 't' : *s == '\r' ? 'r' : *s == '\0' ? '0' : *s;
		if (*s == q || *s == '\\' || c != *s)
			buf[o++] = '\\';
		buf[o++] = c;
	}
	buf[o++] = q;
	buf[o] = '\0';
	return buf;
}

static char *
ch_ident(const char *name, char *buf, size_t n)
{
	return quote(name, '`', buf, n);
}

static char *
ch_literal(const char *s, char *buf, size_t n)
{
	return quote(s, '\'', buf, n);
}

/* Labels as focal writes them (query_dim.c bucket_label). */
static char *
ch_period(const char *col, enum grain g, char *buf, size_t n)
{
	switch (g) {
	case GRAIN_DAY:
		snprintf(buf, n, "toString(toDate(%s))", col);
		break;
	case GRAIN_MONTH:
		snprintf(buf, n, "substring(toString(toDate(%s)), 1, 7)", col);
		break;
	case GRAIN_QUARTER:
		snprintf(buf, n, "concat(toString(toYear(%s)), '-Q', toString(toQuarter(%s)))", col, col);
		break;
	default:
		snprintf(buf, n, "toString(toYear(%s))", col);
		break;
	}
	return buf;
}

static char *
ch_date_cmp(const char *col, const char *op, int64_t t, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s toDateTime(%lld, 'UTC')", col, op, (long long)t);
	return buf;
}

static char *
ch_tag(const char *tags, const char *key, char *buf, size_t n)
{
	char k[600];
	ch_literal(key, k, sizeof k);
	snprintf(buf, n, "if(visitParamHas(%s, %s), visitParamExtractString(%s, %s), NULL)", tags, k, tags, k);
	return buf;
}

static char *
ch_date_label(const char *col, char *buf, size_t n)
{
	snprintf(buf, n, "concat(replaceOne(toString(%s), ' ', 'T'), 'Z')", col);
	return buf;
}

static char *
ch_text(const char *col, char *buf, size_t n)
{
	snprintf(buf, n, "nullIf(toString(%s), '')", col);
	return buf;
}

static char *
ch_sum(const char *col, char *buf, size_t n)
{
	snprintf(buf, n, "toString(sum(%s))", col);
	return buf;
}

static char *
ch_columns(const char *db, const char *table, char *buf, size_t n)
{
	char d[600], t[600];
	snprintf(buf, n, "SELECT name, type FROM system.columns WHERE database = %s AND table = %s FORMAT TabSeparated",
	    ch_literal(db, d, sizeof d), ch_literal(table, t, sizeof t));
	return buf;
}

static char *
ch_create_tail(const char *order_by, char *buf, size_t n)
{
	snprintf(buf, n, "ENGINE = MergeTree() ORDER BY (%s)", order_by[0] ? order_by : "tuple()");
	return buf;
}

static char *
ch_epoch(const char *col, char *buf, size_t n)
{
	snprintf(buf, n, "toUnixTimestamp(%s)", col);
	return buf;
}

static char *
ch_regex(const char *e, const char *re, char *buf, size_t n)
{
	snprintf(buf, n, "match(%s, %s)", e, re);
	return buf;
}

static char *
ch_cancel(const char *id, char *buf, size_t n)
{
	char lit[160];
	snprintf(buf, n, "KILL QUERY WHERE query_id = %s", ch_literal(id, lit, sizeof lit));
	return buf;
}

const struct wh_dialect wh_clickhouse = {
	.name = "ClickHouse",
	.env_user = "FOCAL_CLICKHOUSE_USER",
	.env_password = "FOCAL_CLICKHOUSE_PASSWORD",
	.money_type = "Nullable(Decimal(38, 18))",
	.date_type = "Nullable(DateTime('UTC'))",
	.text_type = "String",
	/* errors as HTTP statuses, not after rows already sent; an INSERT
	 * through a Distributed table lands on the shards before it returns */
	.url_params = "wait_end_of_query=1&insert_distributed_sync=1",
	.ident = ch_ident,
	.literal = ch_literal,
	.period = ch_period,
	.date_cmp = ch_date_cmp,
	.tag = ch_tag,
	.date_label = ch_date_label,
	.text = ch_text,
	.sum = ch_sum,
	.columns = ch_columns,
	.create_tail = ch_create_tail,
	.insert_format = " FORMAT TabSeparated",
	.select_format = " FORMAT TabSeparated",
	.query_id_param = "query_id",
	.cancel = ch_cancel,
	.readonly_param = "readonly=1",
	.epoch = ch_epoch,
	.regex = ch_regex,
};
