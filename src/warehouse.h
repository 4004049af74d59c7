/* warehouse.h - a table of FOCUS rows in a SQL warehouse, reached over
 * HTTP with libcurl: `focal push` fills it, `focal report` groups it there.
 *
 * A URL names the engine, the server and the table:
 *   clickhouse://HOST[:PORT]/DB.TABLE   ClickHouse's HTTP interface (8123)
 *   https://HOST[:PORT]/DB.TABLE        the same over TLS (8443)
 * The user and password come from FOCAL_CLICKHOUSE_USER and
 * FOCAL_CLICKHOUSE_PASSWORD (or the settings file), never from the URL.
 *
 * What differs between engines is a small table (struct wh_dialect: quoting,
 * types, the period and tag expressions); the rest is engine-neutral.
 * Nothing here knows about curses or the command line. */
#ifndef FOCAL_WAREHOUSE_H
#define FOCAL_WAREHOUSE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "query.h"

/* One engine's SQL. Every function writes into buf (n bytes, truncation
 * is the caller's check) and returns buf. */
struct wh_dialect {
	const char *name;		/* "ClickHouse" */
	const char *env_user, *env_password;	/* where the credentials are */
	const char *money_type;		/* a metric column: exact decimal, NULL allowed */
	const char *date_type;		/* a date-time column, UTC, NULL allowed */
	const char *text_type;		/* any other column ('' stands for NULL) */
	const char *url_params;		/* added to every request's URL (or "") */
	/* `name` quoted as an identifier */
	char *(*ident)(const char *name, char *buf, size_t n);
	/* s as a string literal */
	char *(*literal)(const char *s, char *buf, size_t n);
	/* the text label of the period of grain g holding date-time column col
	 * ("2026-07", "2026-Q3", "2026", "2026-07-15"); NULL when col is NULL */
	char *(*period)(const char *col, enum grain g, char *buf, size_t n);
	/* col >= the date-time of epoch t (op is one of < >=) */
	char *(*date_cmp)(const char *col, const char *op, int64_t t, char *buf, size_t n);
	/* the value of tag key in the Tags column (JSON text), NULL when absent */
	char *(*tag)(const char *tags, const char *key, char *buf, size_t n);
	/* a date-time column as ISO-8601 text (2026-07-01T00:00:00Z) */
	char *(*date_label)(const char *col, char *buf, size_t n);
	/* a text column as a label, NULL for '' and NULL */
	char *(*text)(const char *col, char *buf, size_t n);
	/* the sum of a metric column, exact, written as decimal text */
	char *(*sum)(const char *col, char *buf, size_t n);
	/* the columns of a table: a SELECT of name and type, one row each */
	char *(*columns)(const char *db, const char *table, char *buf, size_t n);
	/* CREATE TABLE's engine clause, given the ORDER BY list */
	char *(*create_tail)(const char *order_by, char *buf, size_t n);
	const char *insert_format;	/* " FORMAT TabSeparated" */
	const char *select_format;	/* " FORMAT TabSeparated" */
	/* the URL parameter naming a request's query, so that it can be
	 * stopped on the server ("query_id"), and the statement that stops
	 * the query whose id is the literal id */
	const char *query_id_param;
	char *(*cancel)(const char *id, char *buf, size_t n);
	const char *readonly_param;	/* a request that may read only ("readonly=1") */
	/* a date-time column as seconds since 1970 (NULL stays NULL) */
	char *(*epoch)(const char *col, char *buf, size_t n);
	/* whether text expression e matches the regular expression whose
	 * literal is re (RE2/POSIX ERE syntax, anchored by the caller): 1 or
	 * 0, NULL for a NULL e */
	char *(*regex)(const char *e, const char *re, char *buf, size_t n);
};

extern const struct wh_dialect wh_clickhouse;

struct curl_api;

struct wh {
	const struct wh_dialect *d;
	char *url;		/* as given (for messages) */
	char *endpoint;		/* http[s]://HOST:PORT/ */
	char *db, *table;
	char *user, *password;	/* NULL: the server's default user */
	long connect_timeout, timeout;	/* seconds */
	const struct curl_api *api;	/* libcurl (curl_load.h) */
	void *curl;
	/* set by the caller (may be NULL): a signal handler sets *cancel to
	 * stop the request, here and on the server; waiting is told how long
	 * the request has run, a few times a second */
	volatile sig_atomic_t *cancel;
	void (*waiting)(void *ctx, double seconds);
	void *waiting_ctx;
	unsigned long nqueries;	/* for the ids of the queries */
	int readonly;		/* the server refuses writes and settings (user SQL) */
	struct timespec t0;	/* the request's start */
};

/* Does s look like a warehouse URL (a scheme focal knows, then "://")? */
int warehouse_is_url(const char *s);
/* Parses url and takes the credentials from the environment (user and
 * password, when not NULL, are the settings file's). 0, or with err -1
 * (not a URL it can use) or -2 (libcurl cannot be loaded, curl_load.h). */
int warehouse_open(struct wh *, const char *url, const char *user, const char *password, char *err,
    size_t errlen);
void warehouse_close(struct wh *);

/* Sends sql (with body: sql goes in the URL and body is POSTed, for an
 * INSERT). The answer (malloc'd, NUL-terminated) in *out when out is not
 * NULL. 0, or -1 with a message naming the server and what went wrong:
 * refused, timed out, or the server's own error text. */
int warehouse_exec(struct wh *, const char *sql, const char *body, size_t n, char **out, char *err,
    size_t errlen);

/* The table's columns: names[i] and types[i], malloc'd. 0; -1 with err
 * ("no table" when it does not exist). */
int warehouse_columns(struct wh *, char ***names, char ***types, int *n, char *err, size_t errlen);
/* How many billing currencies the table's rows are in (BillingCurrency's
 * distinct values, '' and NULL left out): 0 with *n, or -1 with err. */
int warehouse_currencies(struct wh *, unsigned *n, char *err, size_t errlen);
void warehouse_free_list(char **v, int n);

/* Splits the next line of TSV text at *p into at most max fields, in place
 * (unescaped; a \N field is NULL). Returns the number of fields, -1 at the
 * end of the text. */
int warehouse_tsv_row(char **p, char **fields, int max);
/* The server's error text (an answer body) as one line in buf: its first
 * line, without ClickHouse's repetition; when that ends in "Log: " (a
 * distributed query), the line the log gives. */
void warehouse_error_text(const char *text, char *buf, size_t n);
/* Appends s to a TSV field, escaped (s NULL: \N). */
struct wh_buf {
	char *p;
	size_t n, cap;
};
void wh_buf_add(struct wh_buf *, const char *s, size_t n);
void wh_buf_str(struct wh_buf *, const char *s);
void wh_buf_tsv(struct wh_buf *, const char *s);

#endif
