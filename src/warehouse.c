/* warehouse.c - the URL, the HTTP requests (libcurl, every one bounded by
 * a connect and a total timeout) and the TSV both ways (warehouse.h). */
#include "warehouse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "curl_load.h"
#include "xmalloc.h"

/* Largest answer read (a report's groups, a column list): 1 GiB. */
#define WH_MAX_ANSWER ((size_t)1 << 30)

static const struct scheme {
	const char *prefix;
	const char *http;	/* what libcurl speaks */
	long port;
	const struct wh_dialect *d;
} schemes[] = {
	{"clickhouse://", "http", 8123, &wh_clickhouse},
	{"https://", "https", 8443, &wh_clickhouse},
};
#define NSCHEMES (sizeof schemes / sizeof *schemes)

int
warehouse_is_url(const char *s)
{
	for (size_t i = 0; i < NSCHEMES; i++)
		if (strncasecmp(s, schemes[i].prefix, strlen(schemes[i].prefix)) == 0)
			return 1;
	return 0;
}

static int
is_ident(const char *s, size_t n)
{
	if (n == 0 || n > 200)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

static long
env_seconds(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	long s;
	if (v == NULL || *v == '\0')
		return def;
	s = strtol(v, &end, 10);
	return *end || s < 1 || s > 86400 ? def : s;
}

/* HOST[:PORT]/DB.TABLE after the scheme */
static int
parse_rest(struct wh *w, const struct scheme *sc, const char *rest, char *err, size_t errlen)
{
	const char *slash = strchr(rest, '/'), *colon, *dot;
	long port = sc->port;
	char host[256];

	if (strchr(rest, '@')) {
		/* the URL is not repeated: it may hold a password */
		snprintf(err, errlen, "%sHOST:PORT/DB.TABLE: no user or password in the URL: give them in %s and %s, "
		    "or the settings file", sc->prefix, w->d->env_user, w->d->env_password);
		return -1;
	}
	colon = memchr(rest, ':', slash ? (size_t)(slash - rest) : strlen(rest));
	if (slash == NULL || slash == rest || (colon && colon == rest)) {
		snprintf(err, errlen, "%s: expected %sHOST:PORT/DB.TABLE", w->url, sc->prefix);
		return -1;
	}
	if (colon) {
		char *end;
		port = strtol(colon + 1, &end, 10);
		if (end != slash || port < 1 || port > 65535) {
			snprintf(err, errlen, "%s: the port must be a number from 1 to 65535", w->url);
			return -1;
		}
	}
	snprintf(host, sizeof host, "%.*s", (int)((colon ? colon : slash) - rest), rest);
	dot = strchr(slash + 1, '.');
	if (dot == NULL || !is_ident(slash + 1, (size_t)(dot - slash - 1)) || !is_ident(dot + 1, strlen(dot + 1))) {
		snprintf(err, errlen, "%s: expected DB.TABLE after the host (letters, digits and _)", w->url);
		return -1;
	}
	w->db = xstrndup(slash + 1, (size_t)(dot - slash - 1));
	w->table = xstrdup(dot + 1);
	w->endpoint = xmalloc(strlen(host) + 32);
	sprintf(w->endpoint, "%s://%s:%ld/", sc->http, host, port);
	return 0;
}

int
warehouse_open(struct wh *w, const char *url, const char *user, const char *password, char *err, size_t errlen)
{
	const struct scheme *sc = NULL;
	const char *v;
	char why[300];

	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < NSCHEMES; i++)
		if (strncasecmp(url, schemes[i].prefix, strlen(schemes[i].prefix)) == 0)
			sc = &schemes[i];
	if (sc == NULL) {
		snprintf(err, errlen, "%s: not a warehouse URL (clickhouse://HOST:PORT/DB.TABLE or https://...)", url);
		return -1;
	}
	w->d = sc->d;
	w->url = xstrdup(url);
	if (parse_rest(w, sc, url + strlen(sc->prefix), err, errlen) != 0) {
		warehouse_close(w);
		return -1;
	}
	if ((v = getenv(w->d->env_user)) != NULL && *v)
		user = v;
	if ((v = getenv(w->d->env_password)) != NULL)
		password = v;
	w->user = user ? xstrdup(user) : NULL;
	w->password = password ? xstrdup(password) : NULL;
	w->connect_timeout = env_seconds("FOCAL_WAREHOUSE_CONNECT_TIMEOUT", 10);
	w->timeout = env_seconds("FOCAL_WAREHOUSE_TIMEOUT", 300);
	if ((w->api = curl_load(why, sizeof why)) == NULL || (w->curl = w->api->easy_init()) == NULL) {
		snprintf(err, errlen, "%s: %s", url, w->api ? "libcurl could not start" : why);
		warehouse_close(w);
		return -2;
	}
	return 0;
}

void
warehouse_close(struct wh *w)
{
	if (w->curl)
		w->api->easy_cleanup(w->curl);
	free(w->url);
	free(w->endpoint);
	free(w->db);
	free(w->table);
	free(w->user);
	if (w->password)
		memset(w->password, 0, strlen(w->password));
	free(w->password);
	memset(w, 0, sizeof *w);
}

/* ---- TSV and buffers ---- */

void
wh_buf_add(struct wh_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
wh_buf_str(struct wh_buf *b, const char *s)
{
	wh_buf_add(b, s, strlen(s));
}

void
wh_buf_tsv(struct wh_buf *b, const char *s)
{
	const char *run = s;
	if (s == NULL) {
		wh_buf_add(b, "\\N", 2);
		return;
	}
	for (; *s; s++) {
		const char *esc = *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : *s == '\\' ? "\\\\" :
		    *s == '\b' ? "\\b" : *s == '\f' ? "\\f" : *s == '\0' ? "\\0" : NULL;
		if (esc) {
			wh_buf_add(b, run, (size_t)(s - run));
			wh_buf_add(b, esc, 2);
			run = s + 1;
		}
	}
	wh_buf_add(b, run, (size_t)(s - run));
}

/* Unescapes one field in place (ends at \t, \n or NUL); returns its end. */
static char *
tsv_field(char *p, char **field)
{
	char *o = p;
	*field = p;
	if (p[0] == '\\' && p[1] == 'N' && (p[2] == '\t' || p[2] == '\n' || p[2] == '\0')) {
		*field = NULL;
		return p + 2;
	}
	while (*p && *p != '\t' && *p != '\n') {
		if (*p == '\\' && p[1]) {
			static const char from[] = "tnrbf0\\'", to[] = "\t\n\r\b\f\0\\'";
			const char *k = strchr(from, p[1]);
			*o++ = k ? to[k - from] : p[1];
			p += 2;
		} else
			*o++ = *p++;
	}
	return o == p ? p : (*o = '\0', p);
}

int
warehouse_tsv_row(char **pp, char **fields, int max)
{
	char *p = *pp;
	int n = 0;
	if (*p == '\0')
		return -1;
	for (;;) {
		char *f, *end = tsv_field(p, &f), c = *end;
		if (n < max)
			fields[n] = f;
		n++;
		/* tsv_field left the end in place: cut the field there */
		if (*end)
			*end = '\0';
		if (c == '\n' || c == '\0') {
			*pp = c ? end + 1 : end;
			return n;
		}
		p = end + 1;
	}
}

/* ---- requests ---- */

struct answer {
	struct wh_buf b;
	int too_big;
};

static size_t
on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct answer *a = ctx;
	size_t n = size * nmemb;
	if (a->b.n + n > WH_MAX_ANSWER) {
		a->too_big = 1;
		return 0;	/* stops the transfer */
	}
	wh_buf_add(&a->b, p, n);
	return n;
}

void
warehouse_error_text(const char *text, char *buf, size_t n)
{
	const char *what, *disp, *nl;
	size_t len;
	if (text == NULL || *text == '\0') {
		snprintf(buf, n, "(no message)");
		return;
	}
	len = strcspn(text, "\n");
	what = strstr(text, ", e.what() = ");
	if (what && (size_t)(what - text) < len)
		len = (size_t)(what - text);
	disp = strstr(text, "e.displayText() = ");
	if (disp && (size_t)(disp - text) < len) {
		snprintf(buf, n, "%.*s%.*s", (int)(disp - text), text, (int)(len - (size_t)(disp - text) - 18), disp + 18);
	} else
		snprintf(buf, n, "%.*s", (int)(len > 600 ? 600 : len), text);
	nl = text + strcspn(text, "\n");
	if (len >= 5 && strncmp(text + len - 5, "Log: ", 5) == 0 && *nl) {
		while (*nl == '\n' || *nl == ' ' || *nl == '\t')
			nl++;
		len = strlen(buf);
		snprintf(buf + len, n - len, "%.*s", (int)(strcspn(nl, "\n") > 300 ? 300 : strcspn(nl, "\n")), nl);
	}
}

static void
transport_error(const struct wh *w, CURLcode rc, const char *detail, char *err, size_t errlen)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
		snprintf(err, errlen, "%s: cannot connect to %s (connection refused: is the server running, on this "
		    "port?)", w->url, w->endpoint);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(err, errlen, "%s: unknown host", w->url);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "%s: no answer within the time allowed (%ld s to connect, %ld s in all; "
		    "FOCAL_WAREHOUSE_CONNECT_TIMEOUT, FOCAL_WAREHOUSE_TIMEOUT)", w->url, w->connect_timeout, w->timeout);
		break;
	default:
		snprintf(err, errlen, "%s: %s%s%s", w->url, w->api->easy_strerror(rc), detail[0] ? ": " : "", detail);
		break;
	}
}

static void
set_request(struct wh *w, CURL *c, const char *url, struct curl_slist *hdr, struct answer *a)
{
	const struct curl_api *cu = w->api;
	cu->easy_reset(c);
	cu->easy_setopt(c, CURLOPT_URL, url);
	cu->easy_setopt(c, CURLOPT_CONNECTTIMEOUT, w->connect_timeout);
	cu->easy_setopt(c, CURLOPT_TIMEOUT, w->timeout);
	cu->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	cu->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	cu->easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	cu->easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	cu->easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	cu->easy_setopt(c, CURLOPT_WRITEDATA, a);
	if (w->user) {
		cu->easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		cu->easy_setopt(c, CURLOPT_USERNAME, w->user);
		cu->easy_setopt(c, CURLOPT_PASSWORD, w->password ? w->password : "");
	}
}

/* libcurl's progress callback: stops the transfer when *cancel is set, and
 * tells the caller how long it has waited. */
static int
on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	struct wh *w = ctx;
	struct timespec now;
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	if (w->cancel && *w->cancel)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (w->waiting)
		w->waiting(w->waiting_ctx, (double)(now.tv_sec - w->t0.tv_sec) + (double)(now.tv_nsec - w->t0.tv_nsec) / 1e9);
	return 0;
}

/* The query named id is stopped on the server too (a closed connection
 * alone does not stop it there): a short request of its own. */
static void
cancel_on_server(struct wh *w, const char *id, char *err, size_t errlen)
{
	volatile sig_atomic_t *cancel = w->cancel;
	void (*waiting)(void *, double) = w->waiting;
	char sql[256], e[512];
	long timeout = w->timeout;
	w->cancel = NULL;
	w->waiting = NULL;
	w->timeout = 10;
	if (w->d->cancel(id, sql, sizeof sql) == NULL || warehouse_exec(w, sql, NULL, 0, NULL, e, sizeof e) != 0)
		snprintf(err, errlen, "%s: cancelled here; stopping query %s on the server failed too (%s)", w->url, id,
		    e);
	else
		snprintf(err, errlen, "%s: cancelled (query %s stopped on the server too)", w->url, id);
	w->cancel = cancel;
	w->waiting = waiting;
	w->timeout = timeout;
}

int
warehouse_exec(struct wh *w, const char *sql, const char *body, size_t n, char **out, char *err, size_t errlen)
{
	CURL *c = w->curl;
	const struct curl_api *cu = w->api;
	struct answer a = {{NULL, 0, 0}, 0};
	struct curl_slist *hdr = cu->slist_append(NULL, "Content-Type: text/plain; charset=utf-8");
	char detail[CURL_ERROR_SIZE] = "", msg[700], id[64];
	struct wh_buf url = {NULL, 0, 0};
	long status = 0;
	CURLcode rc;

	snprintf(id, sizeof id, "focal-%ld-%lu", (long)getpid(), ++w->nqueries);
	wh_buf_str(&url, w->endpoint);
	wh_buf_str(&url, "?");
	wh_buf_str(&url, w->d->url_params);
	wh_buf_str(&url, w->d->url_params[0] ? "&" : "");
	wh_buf_str(&url, w->d->query_id_param);
	wh_buf_str(&url, "=");
	wh_buf_str(&url, id);
	if (w->readonly) {
		wh_buf_str(&url, "&");
		wh_buf_str(&url, w->d->readonly_param);
	}
	if (body) {
		char *q = cu->easy_escape(c, sql, 0);
		wh_buf_str(&url, w->d->url_params[0] ? "&query=" : "query=");
		wh_buf_str(&url, q);
		cu->free(q);
	}
	hdr = cu->slist_append(hdr, "Expect:");	/* no 100-continue round trip */
	set_request(w, c, url.p, hdr, &a);
	cu->easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	cu->easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : sql);
	cu->easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? n : strlen(sql)));
	if (w->cancel || w->waiting) {
		cu->easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		cu->easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
		cu->easy_setopt(c, CURLOPT_XFERINFODATA, w);
		clock_gettime(CLOCK_MONOTONIC, &w->t0);
	}
	rc = cu->easy_perform(c);
	cu->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	cu->slist_free_all(hdr);
	free(url.p);
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		cancel_on_server(w, id, err, errlen);
	else if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && a.too_big))
		transport_error(w, rc, detail, err, errlen);
	else if (a.too_big)
		snprintf(err, errlen, "%s: the answer is larger than %zu MiB: narrow the report", w->url,
		    WH_MAX_ANSWER >> 20);
	else if (status != 200 || (a.b.p && strncmp(a.b.p, "Code: ", 6) == 0 && strstr(a.b.p, "DB::Exception"))) {
		int auth;
		warehouse_error_text(a.b.p, msg, sizeof msg);
		auth = status == 401 || status == 403 || strstr(msg, "password") != NULL;
		if (strstr(msg, "connection tries failed"))
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " (a server of the cluster behind the table "
			    "did not answer)");
		snprintf(err, errlen, "%s: the server answered %ld: %s%s%s%s%s%s", w->url, status, msg,
		    auth ? " (the user and password come from " : "", auth ? w->d->env_user : "", auth ? " and " : "",
		    auth ? w->d->env_password : "", auth ? ", or the settings file)" : "");
	} else {
		if (out)
			*out = a.b.p ? a.b.p : xstrdup("");
		else
			free(a.b.p);
		return 0;
	}
	free(a.b.p);
	return -1;
}

/* A ClickHouse error in the middle of a streamed answer lands after the
 * rows: the caller checks its last line too (warehouse_exec checks the
 * start). */

int
warehouse_columns(struct wh *w, char ***names, char ***types, int *n, char *err, size_t errlen)
{
	char sql[1024], *text, *p, *f[2];
	int k;
	*names = *types = NULL;
	*n = 0;
	if (warehouse_exec(w, w->d->columns(w->db, w->table, sql, sizeof sql), NULL, 0, &text, err, errlen) != 0)
		return -1;
	p = text;
	while ((k = warehouse_tsv_row(&p, f, 2)) >= 0) {
		if (k != 2 || !f[0] || !f[1])
			continue;
		*names = xreallocarray(*names, (size_t)*n + 1, sizeof **names);
		*types = xreallocarray(*types, (size_t)*n + 1, sizeof **types);
		(*names)[*n] = xstrdup(f[0]);
		(*types)[*n] = xstrdup(f[1]);
		(*n)++;
	}
	free(text);
	if (*n == 0) {
		snprintf(err, errlen, "%s: no table %s.%s on the server", w->url, w->db, w->table);
		return -1;
	}
	return 0;
}

int
warehouse_currencies(struct wh *w, unsigned *n, char *err, size_t errlen)
{
	char col[128], db[256], table[256], sql[1024], *text = NULL, *p, *f[1];
	int rc = -1;
	w->d->ident("BillingCurrency", col, sizeof col);
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT %s) FROM %s.%s WHERE %s <> ''%s", col,
	    w->d->ident(w->db, db, sizeof db), w->d->ident(w->table, table, sizeof table), col, w->d->select_format);
	*n = 0;
	if (warehouse_exec(w, sql, NULL, 0, &text, err, errlen) != 0)
		return -1;
	p = text;
	if (warehouse_tsv_row(&p, f, 1) == 1 && f[0] && strspn(f[0], "0123456789") == strlen(f[0]) && f[0][0]) {
		*n = (unsigned)strtoul(f[0], NULL, 10);
		rc = 0;
	} else {
		snprintf(err, errlen, "%s: unexpected answer counting the billing currencies", w->url);
	}
	free(text);
	return rc;
}

void
warehouse_free_list(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
