/* import.c - Autodesk Account exports to FOCUS 1.3.
 *
 * Autodesk customers get CSV exports, not FOCUS: a Subscriptions export (one
 * row per subscription: offering, seats, term, dates) and a Usage Report (one
 * row per user and offering: assignment, activity). This writes what they
 * say as FOCUS seat Purchase rows (meter product_seats of the Autodesk
 * profile), list prices from the profile or a prices file, and the seat
 * activity in documented x_ columns. No personal data is written. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "calendar.h"
#include "focus.h"
#include "profile.h"
#include "text.h"
#include "value.h"
#include "whatif.h"
#include "xmalloc.h"

#define DAY 86400
#define MAX_INPUT (256u << 20)

static const char *const xnames[] = {
#define X(id, name, meaning) name,
	IMPORT_XCOLUMNS(X)
#undef X
};

const char *
import_xcolumn_name(enum import_xcol c)
{
	return c < XC_COUNT ? xnames[c] : "?";
}

/* The columns of each export (PRICING.md 4a). */
static const char *const subs_required[] = {"subscription_id", "offering_name", "seat_quantity", "term",
    "start_date", "end_date", NULL};
static const char *const subs_known[] = {"autorenew_date", "contract_number", "end_date", "offering_name",
    "reseller_email", "reseller_name", "seat_quantity", "start_date", "subscription_id", "subscription_status",
    "team", "term", NULL};
static const char *const usage_required[] = {"offering_name", "seat_assignment", "user_activity",
    "days_inactive", "days_used", "monthly_average", NULL};
static const char *const usage_known[] = {"hashed_autodesk_id", "first_name", "last_name", "email",
    "autodesk_id", "team_alias", "group", "offering_name", "version", "seat_assignment", "assigned_date",
    "unassigned_date", "user_activity", "days_inactive", "access_option", "days_used", "monthly_average",
    "tokens_used", "last_accessed", NULL};
static const char *const prices_required[] = {"product", "term", "list", NULL};
static const char *const prices_known[] = {"product", "term", "list", "currency", "effective", NULL};

static void
note(const struct import_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
note(const struct import_opts *o, const char *fmt, ...)
{
	char buf[768];
	va_list ap;
	if (!o->note)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	o->note(o->note_ctx, buf);
}

/* ---- a CSV export, read whole (they are small) ---- */

struct table {
	const char *path;
	int ncols;
	char **name;		/* normalised header: lower case, '_' for ' ' and '-' */
	size_t nrows;
	char **cell;		/* nrows x ncols; NULL = empty */
	unsigned long *line;
	/* parsing */
	char **cur;
	int ncur, capcur;
	unsigned long rec_line;
	int header_done;
	char *err;
	size_t errlen;
	int failed;
};

static void
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
	t->cell = xreallocarray(t->cell, (t->nrows + 1) * (size_t)t->ncols, sizeof *t->cell);
	t->line = xreallocarray(t->line, t->nrows + 1, sizeof *t->line);
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
static int
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
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
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

static int
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
static int
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
static const char *
get(const struct table *t, size_t r, int c, char *buf, size_t n)
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

static int
cell_error(const struct table *t, size_t r, int c, const char *v, char *err, size_t errlen, const char *what)
{
	char clean[128];
	text_sanitize(v ? v : "", clean, sizeof clean, 0);
	text_seterr(err, errlen, "%s:%lu:%d: %s \"%s\": %s", t->path, t->line[r], c + 1, t->name[c], clean, what);
	return -1;
}

static int
get_date(const struct table *t, size_t r, int c, int64_t *out, char *err, size_t errlen)
{
	char buf[128];
	const char *v = get(t, r, c, buf, sizeof buf);
	unsigned dev = 0;
	*out = DATE_NULL;
	if (v == NULL)
		return 0;
	if (date_parse(v, strlen(v), out, &dev) != 0)
		return cell_error(t, r, c, v, err, errlen, "not a date (expected 2026-07-01 or 7/1/2026)");
	*out -= ((*out % DAY) + DAY) % DAY;	/* the day */
	return 0;
}

static int
get_number(const struct table *t, size_t r, int c, int whole, money_t *out, int *has, char *err, size_t errlen)
{
	char buf[128];
	const char *v = get(t, r, c, buf, sizeof buf);
	unsigned dev = 0;
	*out = 0;
	*has = 0;
	if (v == NULL)
		return 0;
	if (money_parse(v, strlen(v), out, &dev) != 0 || *out < 0 || (whole && *out % MONEY_ONE != 0))
		return cell_error(t, r, c, v, err, errlen, whole ? "not a whole number" : "not a number");
	*has = 1;
	return 0;
}

/* ---- prices ---- */

struct price {
	char *product;
	int term;
	money_t list;
	char currency[4];
	int64_t effective;
	const char *source;	/* "profile" or "file" */
	const char *confidence;
};

static int
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
		const char *product = get(&t, r, cp, b1, sizeof b1), *term = get(&t, r, ct, b2, sizeof b2);
		const char *cur = get(&t, r, cc, b3, sizeof b3);
		struct price *p = &(*out)[*nout];
		int has;
		if (product == NULL) {
			cell_error(&t, r, cp, "", err, errlen, "the product is empty");
			goto fail;
		}
		p->product = xstrdup(product);
		(*nout)++;
		if ((p->term = whatif_term_parse(term)) < 0) {
			cell_error(&t, r, ct, term, err, errlen, "expected monthly, annual or 3-year");
			goto fail;
		}
		if (get_number(&t, r, cl, 0, &p->list, &has, err, errlen) != 0)
			goto fail;
		if (!has) {
			cell_error(&t, r, cl, "", err, errlen, "the list price is empty");
			goto fail;
		}
		if (cur && (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) || !isupper((unsigned char)cur[1]) ||
		    !isupper((unsigned char)cur[2]))) {
			cell_error(&t, r, cc, cur, err, errlen, "expected an ISO 4217 code such as USD");
			goto fail;
		}
		snprintf(p->currency, sizeof p->currency, "%s", cur ? cur : "USD");
		if (get_date(&t, r, ce, &p->effective, err, errlen) != 0)
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
static int
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

static int
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

/* ---- subscriptions ---- */

struct activity {
	long long assigned, active, idle, occ;
	money_t occ_days, days_sum, tokens;
	int has;
};

struct sub {
	size_t row;
	unsigned long line;
	char *id, *offering, *team, *contract, *status, *reseller;
	int64_t autorenew;
	long long seats;
	enum whatif_term term;
	int64_t start, end;	/* ChargePeriod of the term, end exclusive */
	int span;		/* months of the term as dated */
	struct price price;
	money_t term_price;	/* per seat for the dated span */
	int current;		/* has a row holding as_of */
	struct activity act;
};

static void
subs_free(struct sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].id);
		free(s[i].offering);
		free(s[i].team);
		free(s[i].contract);
		free(s[i].status);
		free(s[i].reseller);
	}
	free(s);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static money_t
round_cents(money_t v)
{
	money_t unit = MONEY_ONE / 100, q = v / unit, r = v % unit;
	if (r * 2 >= unit)
		q++;
	else if (r * 2 <= -unit)
		q--;
	return q * unit;
}

static int
subs_read(const struct import_opts *o, const struct price *fp, size_t nfp, const struct price *pp, size_t npp,
    struct sub **out, size_t *nout, size_t *unpriced, char *err, size_t errlen)
{
	struct table t;
	int c_id, c_off, c_seats, c_term, c_start, c_end, c_team, c_contract, c_status, c_reseller, c_renew;
	struct sub *subs;
	size_t n = 0;

	if (table_read(o->subscriptions, 0, &t, err, errlen) != 0)
		return -1;
	if (table_require(&t, "an Autodesk Account subscriptions export", subs_required, subs_known, err,
	    errlen) != 0) {
		table_free(&t);
		return -1;
	}
	c_id = table_col(&t, "subscription_id");
	c_off = table_col(&t, "offering_name");
	c_seats = table_col(&t, "seat_quantity");
	c_term = table_col(&t, "term");
	c_start = table_col(&t, "start_date");
	c_end = table_col(&t, "end_date");
	c_team = table_col(&t, "team");
	c_contract = table_col(&t, "contract_number");
	c_status = table_col(&t, "subscription_status");
	c_reseller = table_col(&t, "reseller_name");
	c_renew = table_col(&t, "autorenew_date");
	subs = xcalloc(t.nrows ? t.nrows : 1, sizeof *subs);

	for (size_t r = 0; r < t.nrows; r++) {
		char b[6][512];
		struct sub *s = &subs[n];
		const char *id = get(&t, r, c_id, b[0], sizeof b[0]);
		const char *off = get(&t, r, c_off, b[1], sizeof b[1]);
		const char *term = get(&t, r, c_term, b[2], sizeof b[2]);
		money_t seats;
		int has, later, expect, t2;
		int64_t inclusive;

		memset(s, 0, sizeof *s);
		s->row = r;
		s->line = t.line[r];
		if (id == NULL) {
			cell_error(&t, r, c_id, "", err, errlen, "the subscription has no id");
			goto fail;
		}
		if (off == NULL) {
			cell_error(&t, r, c_off, "", err, errlen, "the offering is empty");
			goto fail;
		}
		if (get_number(&t, r, c_seats, 1, &seats, &has, err, errlen) != 0)
			goto fail;
		if (!has) {
			cell_error(&t, r, c_seats, "", err, errlen, "the seat quantity is empty");
			goto fail;
		}
		if (seats > money_from_int(1000000)) {
			cell_error(&t, r, c_seats, "", err, errlen, "more than 1000000 seats");
			goto fail;
		}
		if (get_date(&t, r, c_start, &s->start, err, errlen) != 0 ||
		    get_date(&t, r, c_end, &s->end, err, errlen) != 0 ||
		    get_date(&t, r, c_renew, &s->autorenew, err, errlen) != 0)
			goto fail;
		if (s->start == DATE_NULL || s->end == DATE_NULL) {
			cell_error(&t, r, s->start == DATE_NULL ? c_start : c_end, "", err, errlen, "the date is empty");
			goto fail;
		}
		if (s->end <= s->start) {
			char e[21];
			date_format(s->start, e);
			e[10] = '\0';
			cell_error(&t, r, c_end, get(&t, r, c_end, b[3], sizeof b[3]), err, errlen, "");
			text_seterr(err + strlen(err), errlen - strlen(err), "not after start_date %s", e);
			goto fail;
		}
		t2 = whatif_term_parse(term);
		if (t2 < 0 && term == NULL) {
			int m = calendar_months_between(s->start, s->end);
			t2 = m == 1 ? TERM_MONTHLY : m == 12 ? TERM_ANNUAL : m == 36 ? TERM_3YEAR : -1;
		}
		if (t2 < 0) {
			cell_error(&t, r, c_term, term, err, errlen, "expected monthly, annual or 3-year");
			goto fail;
		}
		s->term = (enum whatif_term)t2;
		/* an end date may be the last day of the term (inclusive) */
		expect = whatif_term_months(s->term);
		inclusive = s->end + DAY;
		if (calendar_add_months(s->start, calendar_months_between(s->start, s->end)) != s->end &&
		    calendar_add_months(s->start, calendar_months_between(s->start, inclusive)) == inclusive)
			s->end = inclusive;
		s->id = xstrdup(id);
		s->offering = xstrdup(off);
		s->team = dup_or_null(get(&t, r, c_team, b[3], sizeof b[3]));
		s->contract = dup_or_null(get(&t, r, c_contract, b[4], sizeof b[4]));
		s->status = dup_or_null(get(&t, r, c_status, b[5], sizeof b[5]));
		s->reseller = dup_or_null(get(&t, r, c_reseller, b[2], sizeof b[2]));
		s->seats = (long long)(seats / MONEY_ONE);
		s->span = calendar_months_between(s->start, s->end);
		n++;
		/* an upfront term writes a row per month of its span: a span of a
		 * century (1900-01-01 to 9999-12-31) wrote hundreds of MB */
		if (s->term != TERM_MONTHLY && s->span > 2 * expect) {
			char e[21];
			date_format(s->start, e);
			e[10] = '\0';
			cell_error(&t, r, c_end, get(&t, r, c_end, b[3], sizeof b[3]), err, errlen, "");
			text_seterr(err + strlen(err), errlen - strlen(err), "%d months after start_date %s: not one %s term "
			    "(%d months; at most %d read)", s->span, e, whatif_term_name(s->term), expect, 2 * expect);
			goto fail;
		}
		if (price_pick(fp, nfp, off, (int)s->term, s->start, &s->price, &later) != 0 &&
		    price_pick(pp, npp, off, (int)s->term, s->start, &s->price, &later) != 0) {
			/* one unknown price must not lose the other subscriptions: this
			 * one is left out, named, and the import ends with status 3 */
			char msg[1024], clean[256], cid[256];
			text_sanitize(off, clean, sizeof clean, 0);
			text_sanitize(id, cid, sizeof cid, 0);
			snprintf(msg, sizeof msg, "%s:%lu: %s left out: no list price for '%s' (%s) in the %s profile%s; "
			    "add a line \"%s,%s,PRICE\" to a prices file (product,term,list[,currency,effective]) "
			    "and give it with --prices", t.path, t.line[r], cid, clean, whatif_term_name(s->term),
			    o->profile && o->profile->name ? o->profile->name : "autodesk",
			    o->prices ? " or --prices" : "", clean, whatif_term_name(s->term));
			note(o, "%s", msg);
			if (unpriced)
				(*unpriced)++;
			free(s->id);
			free(s->offering);
			free(s->team);
			free(s->contract);
			free(s->status);
			free(s->reseller);
			n--;
			continue;
		}
		if (later) {
			char d1[21], d2[21];
			date_format(s->start, d1);
			date_format(s->price.effective, d2);
			d1[10] = d2[10] = '\0';
			note(o, "%s: %s (%s) has no list price effective on %s; used the one from %s", s->id, off,
			    whatif_term_name(s->term), d1, d2);
		}
		if (s->seats == 0)
			note(o, "%s: %s has 0 seats; no rows written", s->id, off);
		/* upfront terms are charged for their dated span */
		s->term_price = s->price.list;
		if (s->term != TERM_MONTHLY && s->span != expect) {
			money_t dated = money_mul(s->price.list, money_from_int(s->span));
			s->term_price = dated == MONEY_NULL ? MONEY_NULL :
			    round_cents(money_div(dated, money_from_int(expect)));
			note(o, "%s: the %s term is dated over %d months; its price is prorated to %d/%d of the list price",
			    s->id, whatif_term_name(s->term), s->span, s->span, expect);
		}
		/* every cost written is seats x a price: it must be a number focal reads back */
		if (s->term_price == MONEY_NULL || money_mul(s->term_price, seats) == MONEY_NULL ||
		    money_mul(s->price.list, seats) == MONEY_NULL) {
			char clean[256];
			text_sanitize(off, clean, sizeof clean, 0);
			text_seterr(err, errlen, "%s:%lu: %s: %lld seats at the list price of '%s' cost more than focal can "
			    "add up exactly (10^19)", t.path, t.line[r], s->id, s->seats, clean);
			goto fail;
		}
	}
	table_free(&t);
	*out = subs;
	*nout = n;
	return 0;
fail:
	table_free(&t);
	subs_free(subs, n);
	return -1;
}

/* ---- usage ---- */

struct agg {
	char *offering, *team;
	struct activity a;
	long long users;
};

static int
usage_read(const struct import_opts *o, int idle_days, int occ_days, struct agg **out, size_t *nout, char *err,
    size_t errlen)
{
	struct table t;
	int c_off, c_seat, c_act, c_inact, c_used, c_avg, c_team, c_access, c_tokens;
	struct agg *ag = NULL;
	size_t n = 0;

	if (table_read(o->usage, 0, &t, err, errlen) != 0)
		return -1;
	if (table_require(&t, "an Autodesk Account usage report export", usage_required, usage_known, err,
	    errlen) != 0) {
		table_free(&t);
		return -1;
	}
	c_off = table_col(&t, "offering_name");
	c_seat = table_col(&t, "seat_assignment");
	c_act = table_col(&t, "user_activity");
	c_inact = table_col(&t, "days_inactive");
	c_used = table_col(&t, "days_used");
	c_avg = table_col(&t, "monthly_average");
	c_team = table_col(&t, "team_alias");
	c_access = table_col(&t, "access_option");
	c_tokens = table_col(&t, "tokens_used");

	for (size_t r = 0; r < t.nrows; r++) {
		char b[6][256];
		const char *off = get(&t, r, c_off, b[0], sizeof b[0]);
		const char *team = get(&t, r, c_team, b[1], sizeof b[1]);
		const char *seat = get(&t, r, c_seat, b[2], sizeof b[2]);
		const char *act = get(&t, r, c_act, b[3], sizeof b[3]);
		const char *access = get(&t, r, c_access, b[4], sizeof b[4]);
		money_t inactive, used, avg, tokens;
		int has_inactive, has_used, has_avg, has_tokens, flex, idle;
		struct agg *g = NULL;

		if (off == NULL) {
			cell_error(&t, r, c_off, "", err, errlen, "the offering is empty");
			goto fail;
		}
		if (get_number(&t, r, c_inact, 1, &inactive, &has_inactive, err, errlen) != 0 ||
		    get_number(&t, r, c_used, 0, &used, &has_used, err, errlen) != 0 ||
		    get_number(&t, r, c_avg, 0, &avg, &has_avg, err, errlen) != 0 ||
		    get_number(&t, r, c_tokens, 0, &tokens, &has_tokens, err, errlen) != 0)
			goto fail;
		/* bounded, so that the sums over every row of a 256 MiB export stay exact */
		if (avg > money_from_int(31)) {
			cell_error(&t, r, c_avg, get(&t, r, c_avg, b[5], sizeof b[5]), err, errlen,
			    "more than 31 days a month");
			goto fail;
		}
		if (tokens > money_from_int(100000000000LL)) {
			cell_error(&t, r, c_tokens, get(&t, r, c_tokens, b[5], sizeof b[5]), err, errlen,
			    "more than 10^11 tokens");
			goto fail;
		}
		if (seat && strcasecmp(seat, "assigned") && strcasecmp(seat, "unassigned")) {
			cell_error(&t, r, c_seat, seat, err, errlen, "expected assigned or unassigned");
			goto fail;
		}
		if (act && strcasecmp(act, "active") && strcasecmp(act, "inactive")) {
			cell_error(&t, r, c_act, act, err, errlen, "expected active or inactive");
			goto fail;
		}
		for (size_t i = 0; i < n; i++)
			if (!strcasecmp(ag[i].offering, off) && !strcasecmp(ag[i].team, team ? team : ""))
				g = &ag[i];
		if (g == NULL) {
			ag = xreallocarray(ag, n + 1, sizeof *ag);
			g = &ag[n++];
			memset(g, 0, sizeof *g);
			g->offering = xstrdup(off);
			g->team = xstrdup(team ? team : "");
		}
		g->users++;
		flex = access && strcasestr(access, "flex") != NULL;
		if (flex) {
			g->a.tokens += tokens;
			continue;	/* Flex users hold no seat */
		}
		if (seat == NULL || strcasecmp(seat, "assigned") != 0)
			continue;
		g->a.assigned++;
		if (act && !strcasecmp(act, "active"))
			g->a.active++;
		idle = (has_inactive && inactive >= money_from_int(idle_days)) ||
		    (!has_inactive && used == 0 && !(act && !strcasecmp(act, "active")));
		if (idle)
			g->a.idle++;
		else if (avg < money_from_int(occ_days)) {
			g->a.occ++;
			g->a.occ_days += avg;
		}
		g->a.days_sum += avg;
		g->a.tokens += tokens;
	}
	table_free(&t);
	*out = ag;
	*nout = n;
	return 0;
fail:
	table_free(&t);
	for (size_t i = 0; i < n; i++) {
		free(ag[i].offering);
		free(ag[i].team);
	}
	free(ag);
	return -1;
}

/* ---- the FOCUS rows ---- */

enum kind { K_PURCHASE, K_AMORTISED, K_MONTHLY };

struct row {
	size_t sub;
	enum kind kind;
	int k;			/* month of the term, from 0 */
	int64_t start, end;	/* ChargePeriod */
	int current;
};

static int
row_cmp(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int64_t ma = calendar_month_start(a->start), mb = calendar_month_start(b->start);
	if (ma != mb)
		return ma < mb ? -1 : 1;
	if (a->sub != b->sub)
		return a->sub < b->sub ? -1 : 1;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return a->k - b->k;
}

static struct row *
rows_plan(const struct import_opts *o, struct sub *subs, size_t nsubs, size_t *nout)
{
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < nsubs; i++) {
		struct sub *s = &subs[i];
		if (s->seats == 0)
			continue;
		if (s->start > o->as_of) {
			note(o, "%s: %s starts after the as-of date; no rows written", s->id, s->offering);
			continue;
		}
		if (s->term == TERM_MONTHLY) {
			/* the month holding as_of, or the last one before the end */
			int k = calendar_months_between(s->start, o->as_of + 1) - 1;
			int64_t a, b;
			if (k < 0)
				k = 0;
			a = calendar_add_months(s->start, k);
			if (a >= s->end) {
				k = calendar_months_between(s->start, s->end) - 1;
				a = calendar_add_months(s->start, k);
			}
			b = calendar_add_months(s->start, k + 1);
			if (b > s->end)
				b = s->end;
			if (n == cap)
				rows = xreallocarray(rows, cap = cap ? cap * 2 : 64, sizeof *rows);
			rows[n++] = (struct row){i, K_MONTHLY, k, a, b, a <= o->as_of && o->as_of < b};
			s->current |= rows[n - 1].current;
			continue;
		}
		if (n == cap)
			rows = xreallocarray(rows, cap = cap ? cap * 2 : 64, sizeof *rows);
		rows[n++] = (struct row){i, K_PURCHASE, 0, s->start, s->end, 0};
		for (int k = 0; k < s->span; k++) {
			int64_t a = calendar_add_months(s->start, k), b = calendar_add_months(s->start, k + 1);
			if (a > o->as_of)
				break;
			if (b > s->end)
				b = s->end;
			if (n == cap)
				rows = xreallocarray(rows, cap = cap ? cap * 2 : 64, sizeof *rows);
			rows[n++] = (struct row){i, K_AMORTISED, k, a, b, a <= o->as_of && o->as_of < b};
			s->current |= rows[n - 1].current;
		}
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, row_cmp);
	*nout = n;
	return rows;
}

/* Attaches each offering-and-team's activity to a current subscription. */
static void
attach_usage(const struct import_opts *o, struct sub *subs, size_t nsubs, struct agg *ag, size_t nag)
{
	for (size_t i = 0; i < nsubs; i++)
		subs[i].act.has = subs[i].current;	/* known: 0 users when none match */
	for (size_t g = 0; g < nag; g++) {
		struct sub *target = NULL;
		for (int pass = 0; pass < 2 && !target; pass++)
			for (size_t i = 0; i < nsubs && !target; i++) {
				struct sub *s = &subs[i];
				if (!s->current || strcasecmp(s->offering, ag[g].offering) != 0)
					continue;
				if (pass == 0 && !(ag[g].team[0] && s->team && !strcasecmp(s->team, ag[g].team)))
					continue;
				target = s;
			}
		if (!target) {
			char clean[256];
			text_sanitize(ag[g].offering, clean, sizeof clean, 0);
			note(o, "usage: %lld user row%s of '%s' match no current subscription; not written", ag[g].users,
			    ag[g].users == 1 ? "" : "s", clean);
			continue;
		}
		target->act.assigned += ag[g].a.assigned;
		target->act.active += ag[g].a.active;
		target->act.idle += ag[g].a.idle;
		target->act.occ += ag[g].a.occ;
		target->act.occ_days += ag[g].a.occ_days;
		target->act.days_sum += ag[g].a.days_sum;
		target->act.tokens += ag[g].a.tokens;
	}
}

static void
slug(const char *s, char *out, size_t n)
{
	size_t o = 0;
	int dash = 0;
	for (; *s && o + 2 < n; s++) {
		if (isalnum((unsigned char)*s)) {
			if (dash && o)
				out[o++] = '-';
			out[o++] = (char)toupper((unsigned char)*s);
			dash = 0;
		} else
			dash = 1;
	}
	out[o] = '\0';
}

static const char *
profile_default(const struct profile *p, const char *column, const char *fallback)
{
	for (int i = 0; p && i < p->ndefaults; i++)
		if (!strcmp(p->defaults[i].column, column))
			return p->defaults[i].value;
	return fallback;
}

static void
fmt_money(money_t v, char *buf, size_t n)
{
	money_format(v, -1, 2, 0, buf, n);
}

static void
fmt_day(int64_t t, char *buf)
{
	date_format(t, buf);
}

static void
write_row(FILE *out, const char *const *v)
{
	for (int i = 0; i < FC_COUNT + XC_COUNT; i++) {
		if (i)
			fputc(',', out);
		if (v[i])
			text_csv(out, v[i]);
	}
	fputc('\n', out);
}

int
import_autodesk(const struct import_opts *o, FILE *out, char *err, size_t errlen)
{
	struct price *fp = NULL, *pp = NULL;
	size_t nfp = 0, npp = 0, nsubs = 0, nag = 0, nrows = 0, unpriced = 0;
	struct sub *subs = NULL;
	struct agg *ag = NULL;
	struct row *rows = NULL;
	int idle_days = o->idle_days > 0 ? o->idle_days :
	    o->profile && o->profile->idle_days > 0 ? o->profile->idle_days : 90;
	int occ_days = o->occasional_days > 0 ? o->occasional_days :
	    o->profile && o->profile->occasional_days > 0 ? o->profile->occasional_days : 8;
	const struct profile *prof = o->profile;
	int rc = 2;

	if (o->as_of == DATE_NULL) {
		text_seterr(err, errlen, "import: no as-of date");
		return 2;
	}
	if (o->prices && prices_read(o->prices, &fp, &nfp, err, errlen) != 0)
		goto done;
	profile_prices(prof, &pp, &npp);
	if (subs_read(o, fp, nfp, pp, npp, &subs, &nsubs, &unpriced, err, errlen) != 0)
		goto done;
	if (o->usage && usage_read(o, idle_days, occ_days, &ag, &nag, err, errlen) != 0)
		goto done;
	rows = rows_plan(o, subs, nsubs, &nrows);
	if (o->usage)
		attach_usage(o, subs, nsubs, ag, nag);

	/* header: the 65 FOCUS columns, then ours */
	for (int i = 0; i < FC_COUNT; i++)
		fprintf(out, "%s%s", i ? "," : "", focus_columns[i].name);
	for (int i = 0; i < XC_COUNT; i++)
		fprintf(out, ",%s", xnames[i]);
	fputc('\n', out);

	for (size_t ri = 0; ri < nrows; ri++) {
		const struct row *r = &rows[ri];
		const struct sub *s = &subs[r->sub];
		const char *v[FC_COUNT + XC_COUNT] = {0};
		char bps[21], bpe[21], cps[21], cpe[21], billed[64], eff[64], cost[64], unit[64], qty[32];
		char desc[512], sku[128], skuprice[160], details[96], resname[300], renew[21];
		char x_asg[32], x_act[32], x_idle[32], x_idled[16], x_occ[32], x_occd[64], x_occt[16], x_avg[64],
		    x_tok[64], slugbuf[80], from[21], to[21], month[21];
		const char *termname = whatif_term_name(s->term);
		int upfront = s->term != TERM_MONTHLY;
		money_t u, seats = money_from_int(s->seats);

		fmt_day(calendar_month_start(r->start), bps);
		fmt_day(calendar_add_months(calendar_month_start(r->start), 1), bpe);
		fmt_day(r->start, cps);
		fmt_day(r->end, cpe);
		fmt_day(s->start, from);
		fmt_day(s->end, to);
		fmt_day(r->start, month);
		from[10] = to[10] = '\0';
		month[upfront ? 7 : 10] = '\0';
		snprintf(qty, sizeof qty, "%lld", s->seats);

		if (r->kind == K_PURCHASE) {
			u = s->term_price;
			fmt_money(money_mul(u, seats), billed, sizeof billed);
			fmt_money(0, eff, sizeof eff);
			fmt_money(money_mul(u, seats), cost, sizeof cost);
			snprintf(desc, sizeof desc, "%s, %s term %s to %s, %lld seats paid upfront", s->offering, termname,
			    from, to, s->seats);
		} else if (r->kind == K_AMORTISED) {
			/* equal monthly shares in cents; the last month takes the remainder */
			money_t share = round_cents(money_div(s->term_price, money_from_int(s->span)));
			u = r->k == s->span - 1 ? s->term_price - share * (s->span - 1) : share;
			fmt_money(0, billed, sizeof billed);
			fmt_money(money_mul(u, seats), eff, sizeof eff);
			fmt_money(money_mul(u, seats), cost, sizeof cost);
			snprintf(desc, sizeof desc, "%s, %s term from %s, amortised %s (month %d of %d), %lld seats",
			    s->offering, termname, from, month, r->k + 1, s->span, s->seats);
		} else {
			u = s->price.list;
			fmt_money(money_mul(u, seats), billed, sizeof billed);
			fmt_money(money_mul(u, seats), eff, sizeof eff);
			fmt_money(money_mul(u, seats), cost, sizeof cost);
			snprintf(desc, sizeof desc, "%s monthly subscription, %lld seats, %s", s->offering, s->seats, month);
		}
		fmt_money(u, unit, sizeof unit);
		slug(s->offering, slugbuf, sizeof slugbuf);
		snprintf(sku, sizeof sku, "ADSK-SEAT-%s-%s", slugbuf, s->term == TERM_MONTHLY ? "MONTHLY" :
		    s->term == TERM_ANNUAL ? "ANNUAL" : "3YR");
		if (s->price.effective != DATE_NULL) {
			char y[21];
			date_format(s->price.effective, y);
			y[4] = '\0';
			snprintf(skuprice, sizeof skuprice, "%s-%s", sku, y);
		} else
			snprintf(skuprice, sizeof skuprice, "%s-LIST", sku);
		snprintf(details, sizeof details, "{\"x_Term\":\"%s\",\"x_BillingPlan\":\"%s\"}", termname,
		    upfront ? "upfront" : "monthly");
		snprintf(resname, sizeof resname, "%s %s subscription", s->offering, termname);

		v[FC_BilledCost] = billed;
		v[FC_BillingAccountId] = s->contract ? s->contract : s->team ? s->team : s->id;
		v[FC_BillingAccountName] = NULL;
		v[FC_BillingAccountType] = s->contract ? "Contract" : s->team ? "Team" : "Subscription";
		v[FC_BillingCurrency] = fp && !strcmp(s->price.source, "file") ? s->price.currency :
		    profile_default(prof, "BillingCurrency", "USD");
		v[FC_BillingPeriodEnd] = bpe;
		v[FC_BillingPeriodStart] = bps;
		v[FC_ChargeCategory] = "Purchase";
		v[FC_ChargeDescription] = desc;
		v[FC_ChargeFrequency] = r->kind == K_PURCHASE ? "One-Time" : "Recurring";
		v[FC_ChargePeriodEnd] = cpe;
		v[FC_ChargePeriodStart] = cps;
		v[FC_ContractedCost] = cost;
		v[FC_ContractedUnitPrice] = unit;
		v[FC_EffectiveCost] = eff;
		v[FC_HostProviderName] = NULL;	/* a licence: nothing is hosted */
		v[FC_InvoiceIssuerName] = profile_default(prof, "InvoiceIssuerName", "Autodesk, Inc.");
		v[FC_ListCost] = cost;
		v[FC_ListUnitPrice] = unit;
		v[FC_PricingCategory] = "Standard";
		v[FC_PricingCurrency] = v[FC_BillingCurrency];
		v[FC_PricingCurrencyContractedUnitPrice] = unit;
		v[FC_PricingCurrencyEffectiveCost] = eff;
		v[FC_PricingCurrencyListUnitPrice] = unit;
		v[FC_PricingQuantity] = qty;
		v[FC_PricingUnit] = r->kind == K_PURCHASE ? "Seats" : "Seat-Months";
		v[FC_ProviderName] = profile_default(prof, "ProviderName", "Autodesk");
		v[FC_PublisherName] = profile_default(prof, "PublisherName", "Autodesk, Inc.");
		v[FC_ResourceId] = s->id;
		v[FC_ResourceName] = resname;
		v[FC_ResourceType] = "Subscription";
		v[FC_ServiceCategory] = "Business Applications";
		v[FC_ServiceName] = s->offering;
		v[FC_ServiceProviderName] = profile_default(prof, "ServiceProviderName", "Autodesk");
		/* the FOCUS 1.3 value for seat licences of design software
		 * (ServiceCategory Business Applications), so the file validates */
		v[FC_ServiceSubcategory] = "Productivity and Collaboration";
		v[FC_SkuId] = sku;
		v[FC_SkuMeter] = "Product Seats";
		v[FC_SkuPriceDetails] = details;
		v[FC_SkuPriceId] = skuprice;
		v[FC_SubAccountId] = s->team;
		v[FC_SubAccountName] = s->team;
		v[FC_SubAccountType] = s->team ? "Team" : NULL;

		v[FC_COUNT + XC_SUBSCRIPTION] = s->id;
		v[FC_COUNT + XC_TERM] = termname;
		v[FC_COUNT + XC_CONTRACT] = s->contract;
		v[FC_COUNT + XC_STATUS] = s->status;
		if (s->autorenew != DATE_NULL) {
			fmt_day(s->autorenew, renew);
			v[FC_COUNT + XC_AUTORENEW] = renew;
		}
		v[FC_COUNT + XC_RESELLER] = s->reseller;
		v[FC_COUNT + XC_PRICE_SOURCE] = !strcmp(s->price.source, "file") ? "prices file" : "profile";
		v[FC_COUNT + XC_PRICE_CONF] = s->price.confidence;
		if (r->current && s->act.has) {
			const struct activity *a = &s->act;
			snprintf(x_asg, sizeof x_asg, "%lld", a->assigned);
			snprintf(x_act, sizeof x_act, "%lld", a->active);
			snprintf(x_idle, sizeof x_idle, "%lld", a->idle);
			snprintf(x_idled, sizeof x_idled, "%d", idle_days);
			snprintf(x_occ, sizeof x_occ, "%lld", a->occ);
			money_format(a->occ_days, -1, 0, 0, x_occd, sizeof x_occd);
			snprintf(x_occt, sizeof x_occt, "%d", occ_days);
			money_format(a->assigned ? money_div(a->days_sum, money_from_int(a->assigned)) : 0, 2, 0, 0, x_avg,
			    sizeof x_avg);
			money_format(a->tokens, -1, 0, 0, x_tok, sizeof x_tok);
			v[FC_COUNT + XC_ASSIGNED] = x_asg;
			v[FC_COUNT + XC_ACTIVE] = x_act;
			v[FC_COUNT + XC_IDLE] = x_idle;
			v[FC_COUNT + XC_IDLE_DAYS] = x_idled;
			v[FC_COUNT + XC_OCCASIONAL] = x_occ;
			v[FC_COUNT + XC_OCC_DAYS] = x_occd;
			v[FC_COUNT + XC_OCC_THRESHOLD] = x_occt;
			v[FC_COUNT + XC_DAYS_USED_AVG] = x_avg;
			v[FC_COUNT + XC_TOKENS] = x_tok;
		}
		write_row(out, v);
	}
	if (fflush(out) != 0 || ferror(out)) {
		text_seterr(err, errlen, "writing the FOCUS file: %s", strerror(errno));
		goto done;
	}
	rc = 0;
	if (unpriced) {
		text_seterr(err, errlen, "%zu subscription%s left out for want of a list price (named above); "
		    "the other %zu written", unpriced, unpriced == 1 ? "" : "s", nsubs);
		rc = 3;
	}
done:
	for (size_t i = 0; i < nfp; i++)
		free(fp[i].product);
	free(fp);
	free(pp);
	subs_free(subs, nsubs);
	for (size_t i = 0; i < nag; i++) {
		free(ag[i].offering);
		free(ag[i].team);
	}
	free(ag);
	free(rows);
	return rc;
}
