/* import_read.c - the importer's inputs (import_int.h): an Autodesk
 * Account CSV export read whole through libcsv, its cells as text, days and
 * numbers with errors naming file, line and column; list prices from a
 * prices file or the profile. */
#include "import_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "profile.h"
#include "text.h"
#include "whatif.h"
#include "xmalloc.h"

#define MAX_INPUT (256u << 20)

static const char *const prices_required[] = {"product", "term", "list", NULL};
static const char *const prices_known[] = {"product", "term", "list", "currency", "effective", NULL};

void
table_free(struct table *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->name[i]);
	free(t->name);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->line);
	for (int i = 0; i < t->ncur; i++)
		free(t->cur[i]);
	free(t->cur);
	memset(t, 0, sizeof *t);
}

static void
on_field(void *data, size_t n, void *ctx)
{
	struct table *t = ctx;
	if (t->failed)
		return;
	if (t->ncur == t->capcur) {
		t->capcur = t->capcur ? t->capcur * 2 : 32;
		t->cur = xreallocarray(t->cur, (size_t)t->capcur, sizeof *t->cur);
	}
	t->cur[t->ncur++] = data ? xstrndup(data, n) : NULL;
}

static char *
normalise(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), *w = o;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s; s++)
		*w++ = *s == ' ' || *s == '-' ? '_' : (char)tolower((unsigned char)*s);
	while (w > o && w[-1] == '_')
		w--;
	*w = '\0';
	return o;
}

static void
on_record(int c, void *ctx)
{
	struct table *t = ctx;
	(void)c;
	if (t->failed)
		goto done;
	if (!t->header_done) {
		t->ncols = t->ncur;
		t->name = xcalloc((size_t)t->ncols, sizeof *t->name);
		for (int i = 0; i < t->ncols; i++)
			t->name[i] = normalise(t->cur[i] ? t->cur[i] : "");
		t->header_done = 1;
		goto done;
	}
	if (t->ncur == 1 && t->cur[0] == NULL && t->ncols > 1)
		goto done;	/* a blank line */
	if (t->ncur != t->ncols) {
		text_seterr(t->err, t->errlen, "%s:%lu: %d field%s where the header has %d", t->path, t->rec_line, t->ncur,
		    t->ncur == 1 ? "" : "s", t->ncols);
		t->failed = 1;
		goto done;
	}
	if (t->nrows == t->caprows) {
		/* doubling: a realloc a row copied the table each time (quadratic
		 * where realloc cannot grow in place, as under ASan) */
		t->caprows = t->caprows ? t->caprows * 2 : 16;
		t->cell = xreallocarray(t->cell, t->caprows * (size_t)t->ncols, sizeof *t->cell);
		t->line = xreallocarray(t->line, t->caprows, sizeof *t->line);
	}
	memcpy(t->cell + t->nrows * (size_t)t->ncols, t->cur, (size_t)t->ncols * sizeof *t->cur);
	t->line[t->nrows++] = t->rec_line;
	t->ncur = 0;
	return;
done:
	for (int i = 0; i < t->ncur; i++)
		free(t->cur[i]);
	t->ncur = 0;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Reads a CSV export; lines starting with '#' are comments when `comments`. */
int
table_read(const char *path, int comments, struct table *t, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p, *end;
	size_t n = 0, cap = 0;
	struct csv_parser cp;
	unsigned long line = 1;
	int at_start = 1;

	memset(t, 0, sizeof *t);
	t->path = path;
	t->err = err;
	t->errlen = errlen;
	if (f == NULL) {
		text_seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t k;
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 16384;	/* most exports are small */
			buf = xreallocarray(buf, cap, 1);
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
		if (n > MAX_INPUT) {
			text_seterr(err, errlen, "%s: larger than %u MiB; not an Autodesk Account export", path, MAX_INPUT >> 20);
			fclose(f);
			free(buf);
			return -1;
		}
	}
	if (ferror(f)) {
		text_seterr(err, errlen, "%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	if (n >= 4 && memcmp(buf, "PK\003\004", 4) == 0) {
		text_seterr(err, errlen, "%s: an Excel workbook, not CSV: export CSV from Autodesk Account, or save the sheet "
		    "as CSV", path);
		free(buf);
		return -1;
	}
	if (memchr(buf, '\0', n)) {
		text_seterr(err, errlen, "%s: not a CSV text file (binary data)", path);
		free(buf);
		return -1;
	}
	p = buf;
	end = buf + n;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		fatal("cannot initialise the CSV parser");
	csv_set_space_func(&cp, never_space);
	while (p < end && !t->failed) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *seg = nl ? nl + 1 : end;
		if (at_start && cp.pstate == 0) {
			t->rec_line = line;
			if (comments && *p == '#') {
				p = seg;
				line++;
				continue;
			}
		}
		at_start = 0;
		if (csv_parse(&cp, p, (size_t)(seg - p), on_field, on_record, t) != (size_t)(seg - p)) {
			text_seterr(err, errlen, "%s:%lu: malformed CSV quoting (a stray '\"' in field %d)", path, line,
			    t->ncur + 1);
			t->failed = 1;
			break;
		}
		if (nl) {
			line++;
			at_start = 1;
		}
		p = seg;
	}
	if (!t->failed && csv_fini(&cp, on_field, on_record, t) != 0 && !t->failed) {
		text_seterr(err, errlen, "%s:%lu: unterminated quoted field at end of file", path, t->rec_line);
		t->failed = 1;
	}
	csv_free(&cp);
	free(buf);
	if (!t->failed && !t->header_done) {
		text_seterr(err, errlen, "%s: empty file (no header line)", path);
		t->failed = 1;
	}
	if (t->failed) {
		table_free(t);
		return -1;
	}
	return 0;
}

int
table_col(const struct table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->name[i], name))
			return i;
	return -1;
}

static int
listed(const char *const *list, const char *s)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

/* Every required column present? Otherwise one error naming them all. */
int
table_require(const struct table *t, const char *what, const char *const *req, const char *const *known, char *err,
    size_t errlen)
{
	char miss[512] = "", odd[512] = "";
	size_t om = 0, oo = 0;
	int nmiss = 0;
	for (int i = 0; req[i]; i++)
		if (table_col(t, req[i]) < 0) {
			int w = snprintf(miss + om, sizeof miss - om, "%s%s", nmiss ? ", " : "", req[i]);
			if (w > 0 && om + (size_t)w < sizeof miss)
				om += (size_t)w;
			nmiss++;
		}
	if (!nmiss)
		return 0;
	for (int i = 0; i < t->ncols; i++)
		if (!listed(known, t->name[i]) && t->name[i][0]) {
			char clean[128];
			int w;
			text_sanitize(t->name[i], clean, sizeof clean, 0);
			w = snprintf(odd + oo, sizeof odd - oo, "%s%s", oo ? ", " : "", clean);
			if (w > 0 && oo + (size_t)w < sizeof odd)
				oo += (size_t)w;
		}
	text_seterr(err, errlen, "%s: not %s: missing column%s %s%s%s%s", t->path, what, nmiss > 1 ? "s" : "", miss,
	    oo ? " (renamed? the file has unrecognised columns: " : "", odd, oo ? ")" : "");
	return -1;
}

/* A cell, trimmed; NULL when empty or masked ("*****": personal data hidden). */
const char *
table_get(const struct table *t, size_t r, int c, char *buf, size_t n)
{
	const char *v, *e;
	size_t k;
	if (c < 0)
		return NULL;
	v = t->cell[r * (size_t)t->ncols + (size_t)c];
	if (v == NULL)
		return NULL;
	while (*v == ' ' || *v == '\t')
		v++;
	e = v + strlen(v);
	while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	k = (size_t)(e - v);
	if (k == 0 || strspn(v, "*") >= k)
		return NULL;
	if (k >= n)
		k = n - 1;
	memcpy(buf, v, k);
	buf[k] = '\0';
	return buf;
}

static const struct table *uniq_t;	/* qsort has no context argument */
static int uniq_c;

static int
cmp_cell(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(uniq_t->cell[a * (size_t)uniq_t->ncols + (size_t)uniq_c],
	    uniq_t->cell[b * (size_t)uniq_t->ncols + (size_t)uniq_c]);
	return c ? c : a < b ? -1 : a > b;
}

int
table_unique(const struct table *t, int c, const char *what, const char *why, char *err, size_t errlen)
{
	size_t *ix = xcalloc(t->nrows ? t->nrows : 1, sizeof *ix), n = 0, dup = SIZE_MAX, first = 0;
	char msg[400];
	for (size_t r = 0; c >= 0 && r < t->nrows; r++)
		if (t->cell[r * (size_t)t->ncols + (size_t)c])
			ix[n++] = r;
	uniq_t = t;
	uniq_c = c;
	qsort(ix, n, sizeof *ix, cmp_cell);
	/* by value, then row: the second of a run is its first repeat, the one
	 * before it the value's first row */
	for (size_t i = 1; i < n; i++)
		if ((dup == SIZE_MAX || ix[i] < dup) && strcmp(t->cell[ix[i] * (size_t)t->ncols + (size_t)c],
		    t->cell[ix[i - 1] * (size_t)t->ncols + (size_t)c]) == 0) {
			dup = ix[i];
			first = ix[i - 1];
		}
	free(ix);
	if (dup == SIZE_MAX)
		return 0;
	snprintf(msg, sizeof msg, "%s (first at line %lu): %s", what, t->line[first], why);
	return table_error(t, dup, c, t->cell[dup * (size_t)t->ncols + (size_t)c], err, errlen, msg);
}

int
table_error(const struct table *t, size_t r, int c, const char *v, char *err, size_t errlen, const char *what)
{
	char clean[128];
	text_sanitize(v ? v : "", clean, sizeof clean, 0);
	text_seterr(err, errlen, "%s:%lu:%d: %s \"%s\": %s", t->path, t->line[r], c + 1, t->name[c], clean, what);
	return -1;
}

int
table_date(const struct table *t, size_t r, int c, int64_t *out, char *err, size_t errlen)
{
	char buf[128];
	const char *v = table_get(t, r, c, buf, sizeof buf);
	unsigned dev = 0;
	*out = DATE_NULL;
	if (v == NULL)
		return 0;
	if (date_parse(v, strlen(v), out, &dev) != 0)
		return table_error(t, r, c, v, err, errlen, "not a date (expected 2026-07-01 or 7/1/2026)");
	*out -= ((*out % DAY) + DAY) % DAY;	/* the day */
	return 0;
}

int
table_number(const struct table *t, size_t r, int c, int whole, money_t *out, int *has, char *err, size_t errlen)
{
	char buf[128];
	const char *v = table_get(t, r, c, buf, sizeof buf);
	unsigned dev = 0;
	*out = 0;
	*has = 0;
	if (v == NULL)
		return 0;
	if (money_parse(v, strlen(v), out, &dev) != 0 || *out < 0 || (whole && *out % MONEY_ONE != 0))
		return table_error(t, r, c, v, err, errlen, whole ? "not a whole number" : "not a number");
	*has = 1;
	return 0;
}

/* ---- prices ---- */

int
prices_read(const char *path, struct price **out, size_t *nout, char *err, size_t errlen)
{
	struct table t;
	int cp, ct, cl, cc, ce;
	if (table_read(path, 1, &t, err, errlen) != 0)
		return -1;
	if (table_require(&t, "a prices file (product,term,list[,currency,effective])", prices_required,
	    prices_known, err, errlen) != 0) {
		table_free(&t);
		return -1;
	}
	cp = table_col(&t, "product");
	ct = table_col(&t, "term");
	cl = table_col(&t, "list");
	cc = table_col(&t, "currency");
	ce = table_col(&t, "effective");
	*out = xcalloc(t.nrows ? t.nrows : 1, sizeof **out);
	*nout = 0;
	for (size_t r = 0; r < t.nrows; r++) {
		char b1[256], b2[64], b3[64];
		const char *product = table_get(&t, r, cp, b1, sizeof b1), *term = table_get(&t, r, ct, b2, sizeof b2);
		const char *cur = table_get(&t, r, cc, b3, sizeof b3);
		struct price *p = &(*out)[*nout];
		int has;
		if (product == NULL) {
			table_error(&t, r, cp, "", err, errlen, "the product is empty");
			goto fail;
		}
		p->product = xstrdup(product);
		(*nout)++;
		if ((p->term = whatif_term_parse(term)) < 0) {
			table_error(&t, r, ct, term, err, errlen, "expected monthly, annual or 3-year");
			goto fail;
		}
		if (table_number(&t, r, cl, 0, &p->list, &has, err, errlen) != 0)
			goto fail;
		if (!has) {
			table_error(&t, r, cl, "", err, errlen, "the list price is empty");
			goto fail;
		}
		if (cur && (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) || !isupper((unsigned char)cur[1]) ||
		    !isupper((unsigned char)cur[2]))) {
			table_error(&t, r, cc, cur, err, errlen, "expected an ISO 4217 code such as USD");
			goto fail;
		}
		snprintf(p->currency, sizeof p->currency, "%s", cur ? cur : "USD");
		if (table_date(&t, r, ce, &p->effective, err, errlen) != 0)
			goto fail;
		p->source = "file";
		p->confidence = NULL;
	}
	table_free(&t);
	return 0;
fail:
	table_free(&t);
	return -1;
}

/* The list price of product/term on `when`: the latest effective by then,
 * else the earliest known (*later set). */
int
price_pick(const struct price *ps, size_t n, const char *product, int term, int64_t when, struct price *out,
    int *later)
{
	const struct price *best = NULL, *first = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct price *p = &ps[i];
		if (strcasecmp(p->product, product) != 0 || p->term != term)
			continue;
		if (p->effective == DATE_NULL || p->effective <= when) {
			if (!best || (p->effective != DATE_NULL && (best->effective == DATE_NULL ||
			    p->effective >= best->effective)))
				best = p;
		} else if (!first || p->effective < first->effective)
			first = p;
	}
	*later = best == NULL && first != NULL;
	if (!best)
		best = first;
	if (!best)
		return -1;
	*out = *best;
	return 0;
}

int
profile_prices(const struct profile *prof, struct price **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	for (int i = 0; prof && i < prof->nprices; i++) {
		const struct profile_price *pp = &prof->prices[i];
		int term = pp->term ? whatif_term_parse(pp->term) : -1;
		if (!pp->product || term < 0)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n] = (struct price){pp->product, term, pp->list, "USD", pp->effective, "profile",
		    pp->confidence};
		(*n)++;
	}
	return 0;
}

