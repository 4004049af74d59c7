/* whatif.c - the names of what-if things (terms, price sources, rules), the
 * money helpers the what-if files share and finding a product by name.
 * No curses here. */
#include "whatif_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

static const struct {
	const char *name;
	int months;
} terms[] = {
#define X(id, name, months) {name, months},
	WHATIF_TERMS(X)
#undef X
};

static const char *const price_short[] = {
#define X(id, s, col) s,
	WHATIF_PRICE_SOURCES(X)
#undef X
};
static const char *const price_column[] = {
#define X(id, s, col) col,
	WHATIF_PRICE_SOURCES(X)
#undef X
};
static const char *const rule_names[] = {
#define X(id, name, desc) name,
	WHATIF_RULES(X)
#undef X
};

const char *
whatif_term_name(enum whatif_term t)
{
	return t < TERM_COUNT ? terms[t].name : "?";
}

int
whatif_term_months(enum whatif_term t)
{
	return t < TERM_COUNT ? terms[t].months : 0;
}

const char *
whatif_price_source_name(enum whatif_price_source s)
{
	return s < PRICE_COUNT ? price_short[s] : "?";
}

const char *
whatif_price_source_column(enum whatif_price_source s)
{
	return s < PRICE_COUNT ? price_column[s] : "?";
}

const char *
whatif_rule_name(enum whatif_rule r)
{
	return r < RULE_COUNT ? rule_names[r] : "?";
}

int
whatif_term_parse(const char *s)
{
	char w[64];
	size_t n = 0;
	/* keep letters and digits, lower case: "3-Year" -> "3year", "1 yr" -> "1yr" */
	for (; s && *s && n + 1 < sizeof w; s++)
		if (isalnum((unsigned char)*s))
			w[n++] = (char)tolower((unsigned char)*s);
	w[n] = '\0';
	static const char *const monthly[] = {"monthly", "month", "1month", "1mo", "mo", "m2m", "monthtomonth", NULL};
	static const char *const annual[] = {"annual", "annually", "yearly", "year", "1year", "1yr", "yr",
	    "12months", "12month", "oneyear", NULL};
	static const char *const three[] = {"3year", "3years", "3yr", "threeyear", "threeyears", "36months",
	    "36month", "triennial", "3yearupfront", NULL};
	for (int i = 0; monthly[i]; i++)
		if (!strcmp(w, monthly[i]))
			return TERM_MONTHLY;
	for (int i = 0; annual[i]; i++)
		if (!strcmp(w, annual[i]))
			return TERM_ANNUAL;
	for (int i = 0; three[i]; i++)
		if (!strcmp(w, three[i]))
			return TERM_3YEAR;
	return -1;
}

/* ---- money helpers ---- */

/* seats x price x factor / months, exact to 10^-18 */
money_t
whatif_seat_cost(long long seats, money_t price, int factor, int months)
{
	money_t v = money_mul(money_from_int(seats), price);
	if (v == MONEY_NULL)
		return MONEY_NULL;	/* beyond 10^19: shown as an overflow, never wrapped */
	if (factor != 1)
		v = money_mul(v, money_from_int(factor));
	return months > 1 ? money_div(v, money_from_int(months)) : v;
}

/* ---- finding products by name ---- */

void
whatif_trim_span(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

#define MAXW 16

static int
words(const char *s, size_t n, char w[MAXW][64])
{
	int k = 0;
	size_t i = 0;
	while (i < n && k < MAXW) {
		size_t j = 0;
		while (i < n && (isspace((unsigned char)s[i]) || s[i] == ','))
			i++;
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != ',') {
			if (j + 1 < 64)
				w[k][j++] = s[i];
			i++;
		}
		w[k][j] = '\0';
		if (j == 0)
			break;
		/* connectors are not words: "Architecture, Engineering & Construction" */
		if (!strcmp(w[k], "&") || !strcasecmp(w[k], "and") || !strcmp(w[k], "-") || !strcmp(w[k], "+"))
			continue;
		k++;
	}
	return k;
}

/* Does each query word stand for one product word or the initials of a run of them? */
static int
initials_match(char q[MAXW][64], int nq, int qi, char p[MAXW][64], int np, int pi)
{
	size_t L;
	if (qi == nq)
		return pi == np;
	if (pi == np)
		return 0;
	if (!strcasecmp(q[qi], p[pi]) && initials_match(q, nq, qi + 1, p, np, pi + 1))
		return 1;
	L = strlen(q[qi]);
	if (L >= 2 && (int)L <= np - pi) {
		for (size_t j = 0; j < L; j++)
			if (tolower((unsigned char)q[qi][j]) != tolower((unsigned char)p[(size_t)pi + j][0]))
				return 0;
		return initials_match(q, nq, qi + 1, p, np, pi + (int)L);
	}
	return 0;
}

static void
list_products(const struct whatif_model *m, const int *which, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < m->n && o + 1 < n; i++) {
		if (which && !which[i])
			continue;
		int w = snprintf(buf + o, n - o, "%s%s", o ? ", " : "", m->p[i].label);
		if (w < 0)
			break;
		o += (size_t)w;
		if (o >= n)
			o = n - 1;
	}
}

static int
pick(const struct whatif_model *m, int *hit, int nhit, const char *name, char *err, size_t errlen)
{
	char list[1024];
	if (nhit == 1) {
		for (size_t i = 0; i < m->n; i++)
			if (hit[i])
				return (int)i;
	}
	list_products(m, hit, list, sizeof list);
	text_seterr(err, errlen, "'%s' matches %d products: %s; name one of them", name, nhit, list);
	return -1;
}

int
whatif_find_span(const struct whatif_model *m, const char *s, size_t n, char *err, size_t errlen)
{
	char name[256], list[1024], q[MAXW][64], w[MAXW][64];
	int *hit, nhit = 0, term = -1, nq, r = -1;
	const char *open;

	whatif_trim_span(&s, &n);
	if (n == 0) {
		text_seterr(err, errlen, "a product name is missing");
		return -1;
	}
	snprintf(name, sizeof name, "%.*s", (int)n, s);
	if (m->n == 0) {
		text_seterr(err, errlen, "unknown product '%s': the data has no seat products (meter product_seats)", name);
		return -1;
	}
	hit = xcalloc(m->n, sizeof *hit);
	/* 1. a label or a ServiceName, in any case */
	for (size_t i = 0; i < m->n; i++)
		if (!strcasecmp(m->p[i].label, name)) {
			r = (int)i;
			goto out;
		}
	for (size_t i = 0; i < m->n; i++)
		if (!strcasecmp(m->p[i].name, name))
			hit[i] = 1, nhit++;
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	/* 2. a unique prefix */
	for (size_t i = 0; i < m->n; i++)
		if (!strncasecmp(m->p[i].label, name, strlen(name)))
			hit[i] = 1, nhit++;
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	/* 3. initials: "AEC Collection", with an optional "(annual)" */
	if ((open = strrchr(name, '(')) && name[strlen(name) - 1] == ')') {
		char t[64];
		snprintf(t, sizeof t, "%.*s", (int)(strlen(open) - 2), open + 1);
		if ((term = whatif_term_parse(t)) >= 0)
			n = (size_t)(open - name);
	}
	nq = words(name, strlen(name) < n ? strlen(name) : n, q);
	for (size_t i = 0; i < m->n && nq > 0; i++) {
		int np = words(m->p[i].name, strlen(m->p[i].name), w);
		if ((term < 0 || (int)m->p[i].term == term) && initials_match(q, nq, 0, w, np, 0))
			hit[i] = 1, nhit++;
	}
	if (nhit) {
		r = pick(m, hit, nhit, name, err, errlen);
		goto out;
	}
	list_products(m, NULL, list, sizeof list);
	text_seterr(err, errlen, "unknown product '%s'; the seat products are: %s", name, list);
out:
	free(hit);
	return r;
}

int
whatif_find(const struct whatif_model *m, const char *name, char *err, size_t errlen)
{
	return whatif_find_span(m, name, strlen(name), err, errlen);
}
