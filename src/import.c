/* import.c - Autodesk Account exports to FOCUS 1.3.
 *
 * Autodesk customers get CSV exports, not FOCUS: a Subscriptions export (one
 * row per subscription: offering, seats, term, dates) and a Usage Report (one
 * row per user and offering: assignment, activity). This writes what they
 * say as FOCUS seat Purchase rows (meter product_seats of the Autodesk
 * profile), list prices from the profile or a prices file, and the seat
 * activity in documented x_ columns. No personal data is written. */
#include "import_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "focus.h"
#include "profile.h"
#include "text.h"
#include "value.h"
#include "whatif.h"
#include "xmalloc.h"


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
sub_clear(struct sub *s)
{
	free(s->id);
	free(s->offering);
	free(s->team);
	free(s->contract);
	free(s->status);
	free(s->reseller);
	memset(s, 0, sizeof *s);
}

static void
subs_free(struct sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sub_clear(&s[i]);
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

/* The columns of the subscriptions export. */
struct subcols {
	int id, off, seats, term, start, end, team, contract, status, reseller, renew;
};

static void
subcols_find(const struct table *t, struct subcols *c)
{
	c->id = table_col(t, "subscription_id");
	c->off = table_col(t, "offering_name");
	c->seats = table_col(t, "seat_quantity");
	c->term = table_col(t, "term");
	c->start = table_col(t, "start_date");
	c->end = table_col(t, "end_date");
	c->team = table_col(t, "team");
	c->contract = table_col(t, "contract_number");
	c->status = table_col(t, "subscription_status");
	c->reseller = table_col(t, "reseller_name");
	c->renew = table_col(t, "autorenew_date");
}

/* Row r's end date is wrong: "FILE:LINE:COL: end_date \"...\": " and why. */
static int
end_error(const struct table *t, size_t r, const struct subcols *c, char *err, size_t errlen, const char *why)
{
	char buf[512];
	table_error(t, r, c->end, table_get(t, r, c->end, buf, sizeof buf), err, errlen, "");
	text_seterr(err + strlen(err), errlen - strlen(err), "%s", why);
	return -1;
}

/* The term of a row: as written, else from the dates (1, 12 or 36 months). */
static int
sub_term(const struct table *t, size_t r, const struct subcols *c, struct sub *s, char *err, size_t errlen)
{
	char buf[512];
	const char *term = table_get(t, r, c->term, buf, sizeof buf);
	int t2 = whatif_term_parse(term);
	int64_t inclusive;
	if (t2 < 0 && term == NULL) {
		int m = calendar_months_between(s->start, s->end);
		t2 = m == 1 ? TERM_MONTHLY : m == 12 ? TERM_ANNUAL : m == 36 ? TERM_3YEAR : -1;
	}
	if (t2 < 0)
		return table_error(t, r, c->term, term, err, errlen, "expected monthly, annual or 3-year");
	s->term = (enum whatif_term)t2;
	/* an end date may be the last day of the term (inclusive) */
	inclusive = s->end + DAY;
	if (calendar_add_months(s->start, calendar_months_between(s->start, s->end)) != s->end &&
	    calendar_add_months(s->start, calendar_months_between(s->start, inclusive)) == inclusive)
		s->end = inclusive;
	return 0;
}

/* Row r as a subscription (not yet priced); 0, or -1 (err) and s empty. */
static int
sub_row(const struct table *t, size_t r, const struct subcols *c, struct sub *s, money_t *seats, char *err,
    size_t errlen)
{
	char b[6][512], day[21], why[200];
	const char *id = table_get(t, r, c->id, b[0], sizeof b[0]);
	const char *off = table_get(t, r, c->off, b[1], sizeof b[1]);
	int has, expect;

	memset(s, 0, sizeof *s);
	s->row = r;
	s->line = t->line[r];
	if (id == NULL)
		return table_error(t, r, c->id, "", err, errlen, "the subscription has no id");
	if (off == NULL)
		return table_error(t, r, c->off, "", err, errlen, "the offering is empty");
	if (table_number(t, r, c->seats, 1, seats, &has, err, errlen) != 0)
		return -1;
	if (!has)
		return table_error(t, r, c->seats, "", err, errlen, "the seat quantity is empty");
	if (*seats > money_from_int(1000000))
		return table_error(t, r, c->seats, "", err, errlen, "more than 1000000 seats");
	if (table_date(t, r, c->start, &s->start, err, errlen) != 0 || table_date(t, r, c->end, &s->end, err, errlen) != 0 ||
	    table_date(t, r, c->renew, &s->autorenew, err, errlen) != 0)
		return -1;
	if (s->start == DATE_NULL || s->end == DATE_NULL)
		return table_error(t, r, s->start == DATE_NULL ? c->start : c->end, "", err, errlen, "the date is empty");
	date_format(s->start, day);
	day[10] = '\0';
	if (s->end <= s->start) {
		snprintf(why, sizeof why, "not after start_date %s", day);
		return end_error(t, r, c, err, errlen, why);
	}
	if (sub_term(t, r, c, s, err, errlen) != 0)
		return -1;
	expect = whatif_term_months(s->term);
	s->seats = (long long)(*seats / MONEY_ONE);
	s->span = calendar_months_between(s->start, s->end);
	/* an upfront term writes a row per month of its span: a span of a
	 * century (1900-01-01 to 9999-12-31) wrote hundreds of MB */
	if (s->term != TERM_MONTHLY && s->span > 2 * expect) {
		snprintf(why, sizeof why, "%d months after start_date %s: not one %s term (%d months; at most %d read)",
		    s->span, day, whatif_term_name(s->term), expect, 2 * expect);
		return end_error(t, r, c, err, errlen, why);
	}
	s->id = xstrdup(id);
	s->offering = xstrdup(off);
	s->team = dup_or_null(table_get(t, r, c->team, b[3], sizeof b[3]));
	s->contract = dup_or_null(table_get(t, r, c->contract, b[4], sizeof b[4]));
	s->status = dup_or_null(table_get(t, r, c->status, b[5], sizeof b[5]));
	s->reseller = dup_or_null(table_get(t, r, c->reseller, b[2], sizeof b[2]));
	return 0;
}
/* The list price of subscription s (row r), and what it costs for its
 * dated span. 0; 1 when no price is known (s is left out, named in a note:
 * one unknown price must not lose the other subscriptions, and the import
 * ends with status 3); -1 (err) when its cost is beyond exact sums. */
static int
sub_price(const struct import_opts *o, const struct price *fp, size_t nfp, const struct price *pp, size_t npp,
    const struct table *t, size_t r, struct sub *s, money_t seats, char *err, size_t errlen)
{
	int later, expect = whatif_term_months(s->term);
	char clean[256];

	text_sanitize(s->offering, clean, sizeof clean, 0);
	if (price_pick(fp, nfp, s->offering, (int)s->term, s->start, &s->price, &later) != 0 &&
	    price_pick(pp, npp, s->offering, (int)s->term, s->start, &s->price, &later) != 0) {
		char cid[256];
		text_sanitize(s->id, cid, sizeof cid, 0);
		note(o, "%s:%lu: %s left out: no list price for '%s' (%s) in the %s profile%s; add a line "
		    "\"%s,%s,PRICE\" to a prices file (product,term,list[,currency,effective]) and give it with "
		    "--prices", t->path, t->line[r], cid, clean, whatif_term_name(s->term),
		    o->profile && o->profile->name ? o->profile->name : "autodesk", o->prices ? " or --prices" : "",
		    clean, whatif_term_name(s->term));
		return 1;
	}
	if (later) {
		char d1[21], d2[21];
		date_format(s->start, d1);
		date_format(s->price.effective, d2);
		d1[10] = d2[10] = '\0';
		note(o, "%s: %s (%s) has no list price effective on %s; used the one from %s", s->id, s->offering,
		    whatif_term_name(s->term), d1, d2);
	}
	if (s->seats == 0)
		note(o, "%s: %s has 0 seats; no rows written", s->id, s->offering);
	/* upfront terms are charged for their dated span */
	s->term_price = s->price.list;
	if (s->term != TERM_MONTHLY && s->span != expect) {
		money_t dated = money_mul(s->price.list, money_from_int(s->span));
		s->term_price = dated == MONEY_NULL ? MONEY_NULL : round_cents(money_div(dated, money_from_int(expect)));
		note(o, "%s: the %s term is dated over %d months; its price is prorated to %d/%d of the list price",
		    s->id, whatif_term_name(s->term), s->span, s->span, expect);
	}
	/* every cost written is seats x a price: it must be a number focal reads back */
	if (s->term_price == MONEY_NULL || money_mul(s->term_price, seats) == MONEY_NULL ||
	    money_mul(s->price.list, seats) == MONEY_NULL) {
		text_seterr(err, errlen, "%s:%lu: %s: %lld seats at the list price of '%s' cost more than focal can "
		    "add up exactly (10^19)", t->path, t->line[r], s->id, s->seats, clean);
		return -1;
	}
	return 0;
}

static int
subs_read(const struct import_opts *o, const struct price *fp, size_t nfp, const struct price *pp, size_t npp,
    struct sub **out, size_t *nout, size_t *unpriced, char *err, size_t errlen)
{
	struct table t;
	struct subcols c;
	struct sub *subs;
	size_t n = 0;

	if (table_read(o->subscriptions, 0, &t, err, errlen) != 0)
		return -1;
	if (table_require(&t, "an Autodesk Account subscriptions export", subs_required, subs_known, err,
	    errlen) != 0) {
		table_free(&t);
		return -1;
	}
	subcols_find(&t, &c);
	/* two exports concatenated would count a subscription's seats twice */
	if (table_unique(&t, c.id, "the subscription again", "its seats would count twice; each subscription is one "
	    "line", err, errlen) != 0) {
		table_free(&t);
		return -1;
	}
	subs = xcalloc(t.nrows ? t.nrows : 1, sizeof *subs);
	for (size_t r = 0; r < t.nrows; r++) {
		money_t seats;
		int rc;
		if (sub_row(&t, r, &c, &subs[n], &seats, err, errlen) != 0)
			goto fail;
		n++;
		if ((rc = sub_price(o, fp, nfp, pp, npp, &t, r, &subs[n - 1], seats, err, errlen)) < 0)
			goto fail;
		if (rc > 0) {
			sub_clear(&subs[--n]);
			if (unpriced)
				(*unpriced)++;
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

/* The columns of the usage report. */
struct usecols {
	int off, seat, act, inact, used, avg, team, access, tokens;
};

/* One user's line of the usage report. */
struct urow {
	char b[6][256];
	const char *off, *team, *seat, *act, *access;
	money_t inactive, used, avg, tokens;
	int has_inactive, has_used, has_avg, has_tokens;
};

/* Row r read and checked; 0, or -1 (err). */
static int
usage_row(const struct table *t, size_t r, const struct usecols *c, struct urow *u, char *err, size_t errlen)
{
	u->off = table_get(t, r, c->off, u->b[0], sizeof u->b[0]);
	u->team = table_get(t, r, c->team, u->b[1], sizeof u->b[1]);
	u->seat = table_get(t, r, c->seat, u->b[2], sizeof u->b[2]);
	u->act = table_get(t, r, c->act, u->b[3], sizeof u->b[3]);
	u->access = table_get(t, r, c->access, u->b[4], sizeof u->b[4]);
	if (u->off == NULL)
		return table_error(t, r, c->off, "", err, errlen, "the offering is empty");
	if (table_number(t, r, c->inact, 1, &u->inactive, &u->has_inactive, err, errlen) != 0 ||
	    table_number(t, r, c->used, 0, &u->used, &u->has_used, err, errlen) != 0 ||
	    table_number(t, r, c->avg, 0, &u->avg, &u->has_avg, err, errlen) != 0 ||
	    table_number(t, r, c->tokens, 0, &u->tokens, &u->has_tokens, err, errlen) != 0)
		return -1;
	/* bounded, so that the sums over every row of a 256 MiB export stay exact */
	if (u->avg > money_from_int(31))
		return table_error(t, r, c->avg, table_get(t, r, c->avg, u->b[5], sizeof u->b[5]), err, errlen,
		    "more than 31 days a month");
	if (u->tokens > money_from_int(100000000000LL))
		return table_error(t, r, c->tokens, table_get(t, r, c->tokens, u->b[5], sizeof u->b[5]), err, errlen,
		    "more than 10^11 tokens");
	if (u->seat && strcasecmp(u->seat, "assigned") && strcasecmp(u->seat, "unassigned"))
		return table_error(t, r, c->seat, u->seat, err, errlen, "expected assigned or unassigned");
	if (u->act && strcasecmp(u->act, "active") && strcasecmp(u->act, "inactive"))
		return table_error(t, r, c->act, u->act, err, errlen, "expected active or inactive");
	return 0;
}

/* The aggregate of an offering and team, made when new. */
static struct agg *
agg_of(struct agg **ag, size_t *n, const char *off, const char *team)
{
	struct agg *g;
	for (size_t i = 0; i < *n; i++)
		if (!strcasecmp((*ag)[i].offering, off) && !strcasecmp((*ag)[i].team, team ? team : ""))
			return &(*ag)[i];
	*ag = xreallocarray(*ag, *n + 1, sizeof **ag);
	g = &(*ag)[(*n)++];
	memset(g, 0, sizeof *g);
	g->offering = xstrdup(off);
	g->team = xstrdup(team ? team : "");
	return g;
}

/* A user counted: Flex users by their tokens (they hold no seat); an
 * assigned seat as active, idle or occasional. */
static void
usage_add(struct agg *g, const struct urow *u, int idle_days, int occ_days)
{
	int active = u->act && !strcasecmp(u->act, "active");
	g->users++;
	if (u->access && strcasestr(u->access, "flex") != NULL) {
		g->a.tokens += u->tokens;
		return;
	}
	if (u->seat == NULL || strcasecmp(u->seat, "assigned") != 0)
		return;
	g->a.assigned++;
	if (active)
		g->a.active++;
	if ((u->has_inactive && u->inactive >= money_from_int(idle_days)) || (!u->has_inactive && u->used == 0 && !active))
		g->a.idle++;
	else if (u->avg < money_from_int(occ_days)) {
		g->a.occ++;
		g->a.occ_days += u->avg;
	}
	g->a.days_sum += u->avg;
	g->a.tokens += u->tokens;
}

static int
usage_read(const struct import_opts *o, int idle_days, int occ_days, struct agg **out, size_t *nout, char *err,
    size_t errlen)
{
	struct table t;
	struct usecols c;
	struct agg *ag = NULL;
	size_t n = 0;

	if (table_read(o->usage, 0, &t, err, errlen) != 0)
		return -1;
	if (table_require(&t, "an Autodesk Account usage report export", usage_required, usage_known, err,
	    errlen) != 0) {
		table_free(&t);
		return -1;
	}
	c.off = table_col(&t, "offering_name");
	c.seat = table_col(&t, "seat_assignment");
	c.act = table_col(&t, "user_activity");
	c.inact = table_col(&t, "days_inactive");
	c.used = table_col(&t, "days_used");
	c.avg = table_col(&t, "monthly_average");
	c.team = table_col(&t, "team_alias");
	c.access = table_col(&t, "access_option");
	c.tokens = table_col(&t, "tokens_used");
	for (size_t r = 0; r < t.nrows; r++) {
		struct urow u = {0};
		if (usage_row(&t, r, &c, &u, err, errlen) != 0)
			goto fail;
		usage_add(agg_of(&ag, &n, u.off, u.team), &u, idle_days, occ_days);
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

/* The text of one FOCUS row's cells. */
struct rowtext {
	char bps[21], bpe[21], cps[21], cpe[21], billed[64], eff[64], cost[64], unit[64], qty[32];
	char desc[512], sku[128], skuprice[160], details[96], resname[300], renew[21];
	char x_asg[32], x_act[32], x_idle[32], x_idled[16], x_occ[32], x_occd[64], x_occt[16], x_avg[64],
	    x_tok[64], from[21], to[21], month[21];
};

/* Dates, costs and the description of row r of subscription s. */
static void
row_costs(const struct row *r, const struct sub *s, struct rowtext *t)
{
	const char *termname = whatif_term_name(s->term);
	int upfront = s->term != TERM_MONTHLY;
	money_t u, seats = money_from_int(s->seats);

	fmt_day(calendar_month_start(r->start), t->bps);
	fmt_day(calendar_add_months(calendar_month_start(r->start), 1), t->bpe);
	fmt_day(r->start, t->cps);
	fmt_day(r->end, t->cpe);
	fmt_day(s->start, t->from);
	fmt_day(s->end, t->to);
	fmt_day(r->start, t->month);
	t->from[10] = t->to[10] = '\0';
	t->month[upfront ? 7 : 10] = '\0';
	snprintf(t->qty, sizeof t->qty, "%lld", s->seats);
	if (r->kind == K_PURCHASE) {
		u = s->term_price;
		fmt_money(money_mul(u, seats), t->billed, sizeof t->billed);
		fmt_money(0, t->eff, sizeof t->eff);
		snprintf(t->desc, sizeof t->desc, "%s, %s term %s to %s, %lld seats paid upfront", s->offering, termname,
		    t->from, t->to, s->seats);
	} else if (r->kind == K_AMORTISED) {
		/* equal monthly shares in cents; the last month takes the remainder */
		money_t share = round_cents(money_div(s->term_price, money_from_int(s->span)));
		u = r->k == s->span - 1 ? s->term_price - share * (s->span - 1) : share;
		fmt_money(0, t->billed, sizeof t->billed);
		fmt_money(money_mul(u, seats), t->eff, sizeof t->eff);
		snprintf(t->desc, sizeof t->desc, "%s, %s term from %s, amortised %s (month %d of %d), %lld seats",
		    s->offering, termname, t->from, t->month, r->k + 1, s->span, s->seats);
	} else {
		u = s->price.list;
		fmt_money(money_mul(u, seats), t->billed, sizeof t->billed);
		fmt_money(money_mul(u, seats), t->eff, sizeof t->eff);
		snprintf(t->desc, sizeof t->desc, "%s monthly subscription, %lld seats, %s", s->offering, s->seats,
		    t->month);
	}
	fmt_money(money_mul(u, seats), t->cost, sizeof t->cost);
	fmt_money(u, t->unit, sizeof t->unit);
}

/* SkuId, SkuPriceId, SkuPriceDetails and ResourceName of subscription s. */
static void
row_sku(const struct sub *s, struct rowtext *t)
{
	char slugbuf[80];
	const char *termname = whatif_term_name(s->term);
	slug(s->offering, slugbuf, sizeof slugbuf);
	snprintf(t->sku, sizeof t->sku, "ADSK-SEAT-%s-%s", slugbuf, s->term == TERM_MONTHLY ? "MONTHLY" :
	    s->term == TERM_ANNUAL ? "ANNUAL" : "3YR");
	if (s->price.effective != DATE_NULL) {
		char y[21];
		date_format(s->price.effective, y);
		y[4] = '\0';
		snprintf(t->skuprice, sizeof t->skuprice, "%s-%s", t->sku, y);
	} else
		snprintf(t->skuprice, sizeof t->skuprice, "%s-LIST", t->sku);
	snprintf(t->details, sizeof t->details, "{\"x_Term\":\"%s\",\"x_BillingPlan\":\"%s\"}", termname,
	    s->term != TERM_MONTHLY ? "upfront" : "monthly");
	snprintf(t->resname, sizeof t->resname, "%s %s subscription", s->offering, termname);
}

/* The FOCUS columns of row r. */
static void
row_focus(const struct profile *prof, int from_file, const struct row *r, const struct sub *s, struct rowtext *t,
    const char **v)
{
	v[FC_BilledCost] = t->billed;
	v[FC_BillingAccountId] = s->contract ? s->contract : s->team ? s->team : s->id;
	v[FC_BillingAccountName] = NULL;
	v[FC_BillingAccountType] = s->contract ? "Contract" : s->team ? "Team" : "Subscription";
	v[FC_BillingCurrency] = from_file ? s->price.currency : profile_default(prof, "BillingCurrency", "USD");
	v[FC_BillingPeriodEnd] = t->bpe;
	v[FC_BillingPeriodStart] = t->bps;
	v[FC_ChargeCategory] = "Purchase";
	v[FC_ChargeDescription] = t->desc;
	v[FC_ChargeFrequency] = r->kind == K_PURCHASE ? "One-Time" : "Recurring";
	v[FC_ChargePeriodEnd] = t->cpe;
	v[FC_ChargePeriodStart] = t->cps;
	v[FC_ContractedCost] = t->cost;
	v[FC_ContractedUnitPrice] = t->unit;
	v[FC_EffectiveCost] = t->eff;
	v[FC_HostProviderName] = NULL;	/* a licence: nothing is hosted */
	v[FC_InvoiceIssuerName] = profile_default(prof, "InvoiceIssuerName", "Autodesk, Inc.");
	v[FC_ListCost] = t->cost;
	v[FC_ListUnitPrice] = t->unit;
	v[FC_PricingCategory] = "Standard";
	v[FC_PricingCurrency] = v[FC_BillingCurrency];
	v[FC_PricingCurrencyContractedUnitPrice] = t->unit;
	v[FC_PricingCurrencyEffectiveCost] = t->eff;
	v[FC_PricingCurrencyListUnitPrice] = t->unit;
	v[FC_PricingQuantity] = t->qty;
	v[FC_PricingUnit] = r->kind == K_PURCHASE ? "Seats" : "Seat-Months";
	v[FC_ProviderName] = profile_default(prof, "ProviderName", "Autodesk");
	v[FC_PublisherName] = profile_default(prof, "PublisherName", "Autodesk, Inc.");
	v[FC_ResourceId] = s->id;
	v[FC_ResourceName] = t->resname;
	v[FC_ResourceType] = "Subscription";
	v[FC_ServiceCategory] = "Business Applications";
	v[FC_ServiceName] = s->offering;
	v[FC_ServiceProviderName] = profile_default(prof, "ServiceProviderName", "Autodesk");
	/* the FOCUS 1.3 value for seat licences of design software
	 * (ServiceCategory Business Applications), so the file validates */
	v[FC_ServiceSubcategory] = "Productivity and Collaboration";
	v[FC_SkuId] = t->sku;
	v[FC_SkuMeter] = "Product Seats";
	v[FC_SkuPriceDetails] = t->details;
	v[FC_SkuPriceId] = t->skuprice;
	v[FC_SubAccountId] = s->team;
	v[FC_SubAccountName] = s->team;
	v[FC_SubAccountType] = s->team ? "Team" : NULL;
}

/* Our x_ columns of row r: the subscription, and its seat activity on the current row. */
static void
row_x(const struct row *r, const struct sub *s, int idle_days, int occ_days, struct rowtext *t, const char **v)
{
	const struct activity *a = &s->act;
	v[FC_COUNT + XC_SUBSCRIPTION] = s->id;
	v[FC_COUNT + XC_TERM] = whatif_term_name(s->term);
	v[FC_COUNT + XC_CONTRACT] = s->contract;
	v[FC_COUNT + XC_STATUS] = s->status;
	if (s->autorenew != DATE_NULL) {
		fmt_day(s->autorenew, t->renew);
		v[FC_COUNT + XC_AUTORENEW] = t->renew;
	}
	v[FC_COUNT + XC_RESELLER] = s->reseller;
	v[FC_COUNT + XC_PRICE_SOURCE] = !strcmp(s->price.source, "file") ? "prices file" : "profile";
	v[FC_COUNT + XC_PRICE_CONF] = s->price.confidence;
	if (!r->current || !a->has)
		return;
	snprintf(t->x_asg, sizeof t->x_asg, "%lld", a->assigned);
	snprintf(t->x_act, sizeof t->x_act, "%lld", a->active);
	snprintf(t->x_idle, sizeof t->x_idle, "%lld", a->idle);
	snprintf(t->x_idled, sizeof t->x_idled, "%d", idle_days);
	snprintf(t->x_occ, sizeof t->x_occ, "%lld", a->occ);
	money_format(a->occ_days, -1, 0, 0, t->x_occd, sizeof t->x_occd);
	snprintf(t->x_occt, sizeof t->x_occt, "%d", occ_days);
	money_format(a->assigned ? money_div(a->days_sum, money_from_int(a->assigned)) : 0, 2, 0, 0, t->x_avg,
	    sizeof t->x_avg);
	money_format(a->tokens, -1, 0, 0, t->x_tok, sizeof t->x_tok);
	v[FC_COUNT + XC_ASSIGNED] = t->x_asg;
	v[FC_COUNT + XC_ACTIVE] = t->x_act;
	v[FC_COUNT + XC_IDLE] = t->x_idle;
	v[FC_COUNT + XC_IDLE_DAYS] = t->x_idled;
	v[FC_COUNT + XC_OCCASIONAL] = t->x_occ;
	v[FC_COUNT + XC_OCC_DAYS] = t->x_occd;
	v[FC_COUNT + XC_OCC_THRESHOLD] = t->x_occt;
	v[FC_COUNT + XC_DAYS_USED_AVG] = t->x_avg;
	v[FC_COUNT + XC_TOKENS] = t->x_tok;
}

/* The header (the 65 FOCUS columns, then ours) and every row. */
static void
write_rows(const struct import_opts *o, int from_file, const struct sub *subs, const struct row *rows, size_t nrows,
    int idle_days, int occ_days, FILE *out)
{
	for (int i = 0; i < FC_COUNT; i++)
		fprintf(out, "%s%s", i ? "," : "", focus_columns[i].name);
	for (int i = 0; i < XC_COUNT; i++)
		fprintf(out, ",%s", xnames[i]);
	fputc('\n', out);
	for (size_t ri = 0; ri < nrows; ri++) {
		const struct row *r = &rows[ri];
		const struct sub *s = &subs[r->sub];
		const char *v[FC_COUNT + XC_COUNT] = {0};
		struct rowtext t;
		row_costs(r, s, &t);
		row_sku(s, &t);
		row_focus(o->profile, from_file && !strcmp(s->price.source, "file"), r, s, &t, v);
		row_x(r, s, idle_days, occ_days, &t, v);
		write_row(out, v);
	}
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
	int rc = 2;

	if (o->as_of == DATE_NULL) {
		text_seterr(err, errlen, "import: no as-of date");
		return 2;
	}
	if (o->prices && prices_read(o->prices, &fp, &nfp, err, errlen) != 0)
		goto done;
	profile_prices(o->profile, &pp, &npp);
	if (subs_read(o, fp, nfp, pp, npp, &subs, &nsubs, &unpriced, err, errlen) != 0)
		goto done;
	if (o->usage && usage_read(o, idle_days, occ_days, &ag, &nag, err, errlen) != 0)
		goto done;
	rows = rows_plan(o, subs, nsubs, &nrows);
	if (o->usage)
		attach_usage(o, subs, nsubs, ag, nag);
	write_rows(o, fp != NULL, subs, rows, nrows, idle_days, occ_days, out);
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
