/* store_money.c - a money column's two forms.
 *
 * An amount is a 128-bit count of 10^-18 (value.h). Stored that way, the
 * six money columns were 96 of a row's ~210 bytes. Most columns never need
 * it: their values have a few decimals and fit in 64 bits as a count of
 * 10^-d, for a d of the column's own. So a column starts narrow (8 bytes a
 * row, d = 0) and raises d as values with more decimals arrive (the rows
 * stored so far multiplied by 10^k: exact, at most 18 times a column), and
 * turns wide (16 bytes, the values as they are) the first time a value
 * would not fit. Either way every value reads back exactly as it was put. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* 10^0 .. 10^18 */
static const int64_t p10[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000LL,
	100000000000LL, 1000000000000LL, 10000000000000LL, 100000000000000LL, 1000000000000000LL,
	10000000000000000LL, 100000000000000000LL, 1000000000000000000LL,
};

int64_t
money_scale_of(int decimals)
{
	return p10[MONEY_DIGITS - decimals];
}

/* v as a count of 10^-d, if exact and within +-INT64_MAX (INT64_MIN is
 * the narrow form's NULL): 1, else 0. */
static int
narrow_at(money_t v, int d, int64_t *out)
{
	money_t mul = p10[MONEY_DIGITS - d], q = v / mul;
	if (q * mul != v || q > INT64_MAX || q < -INT64_MAX)
		return 0;
	*out = (int64_t)q;
	return 1;
}

/* The fewest decimals that hold v exactly. */
static int
decimals_of(money_t v)
{
	int d = 0;
	while (d < MONEY_DIGITS && v % p10[MONEY_DIGITS - d] != 0)
		d++;
	return d;
}

static uint64_t
abs64(int64_t x)
{
	return x < 0 ? (uint64_t)-x : (uint64_t)x;
}

void
money_col_init(struct column *c, size_t cap, size_t nrows)
{
	c->money = NULL;
	c->mdec = 0;
	c->mabs = 0;
	c->mcap = cap ? cap : 1;
	c->money8 = xcalloc(c->mcap, sizeof *c->money8);
	for (size_t r = 0; r < nrows; r++)
		c->money8[r] = MONEY8_NULL;
}

void
money_col_reserve(struct column *c, size_t cap)
{
	if (c->money) {
		c->money = xreallocarray(c->money, cap, sizeof *c->money);
		huge_pages(c->money, cap * sizeof *c->money);
	} else {
		c->money8 = xreallocarray(c->money8, cap, sizeof *c->money8);
		huge_pages(c->money8, cap * sizeof *c->money8);
	}
	c->mcap = cap;
}

void
money_col_free(struct column *c)
{
	free(c->money);
	free(c->money8);
	c->money = NULL;
	c->money8 = NULL;
}

/* Rows [0, n) to the wide form. */
void
money_col_widen(struct column *c, size_t n)
{
	money_t *w;
	int64_t mul;
	if (c->money)
		return;
	w = xreallocarray(NULL, c->mcap, sizeof *w);
	huge_pages(w, c->mcap * sizeof *w);
	mul = p10[MONEY_DIGITS - c->mdec];
	for (size_t r = 0; r < n; r++)
		w[r] = c->money8[r] == MONEY8_NULL ? MONEY_NULL : (money_t)c->money8[r] * mul;
	free(c->money8);
	c->money8 = NULL;
	c->money = w;
}

/* Raises a narrow column's decimals to d (rows [0, n)) if its largest
 * value still fits: 1, else 0. */
int
money_col_rescale(struct column *c, int d, size_t n)
{
	int64_t f, lim;
	if (c->money || d < c->mdec)
		return 0;
	if (d == c->mdec)
		return 1;
	f = p10[d - c->mdec];
	lim = INT64_MAX / f;
	if (c->mabs > (uint64_t)lim)
		return 0;
	if (c->mabs > 0)
		for (size_t r = 0; r < n; r++)
			if (c->money8[r] != MONEY8_NULL)
				c->money8[r] *= f;
	c->mabs *= (uint64_t)f;
	c->mdec = d;
	return 1;
}

/* Row r of the column (rows [0, r) already its own) holds v. */
void
money_col_put(struct column *c, size_t r, money_t v)
{
	int64_t x;
	int d;
	if (c->money) {
		c->money[r] = v;
		return;
	}
	if (v == MONEY_NULL) {
		c->money8[r] = MONEY8_NULL;
		return;
	}
	if (!narrow_at(v, c->mdec, &x)) {
		d = decimals_of(v);
		if (d <= c->mdec || !narrow_at(v, d, &x) || !money_col_rescale(c, d, r)) {
			money_col_widen(c, r);
			c->money[r] = v;
			return;
		}
	}
	c->money8[r] = x;
	if (abs64(x) > c->mabs)
		c->mabs = abs64(x);
}

/* Before rows of sc are copied in after dc's first n: dc in a form that
 * holds both (wide if either is, else narrow at the larger decimals if
 * every value fits, else wide). */
void
money_col_join(struct column *dc, size_t n, const struct column *sc)
{
	int d = dc->mdec > sc->mdec ? dc->mdec : sc->mdec;
	if (dc->money)
		return;
	if (sc->money || (d > sc->mdec && sc->mabs > (uint64_t)(INT64_MAX / p10[d - sc->mdec])) ||
	    !money_col_rescale(dc, d, n)) {
		money_col_widen(dc, n);
		return;
	}
	if (sc->mabs * (uint64_t)p10[d - sc->mdec] > dc->mabs)
		dc->mabs = sc->mabs * (uint64_t)p10[d - sc->mdec];
}

/* Copies sc's rows [from, from + k) to dc's rows from `at` (after
 * money_col_join). */
void
money_col_copy(struct column *dc, size_t at, const struct column *sc, size_t from, size_t k)
{
	/* the rows' pages present in one call, not a fault per page */
	if (dc->money)
		prefault(dc->money + at, k * sizeof *dc->money);
	else
		prefault(dc->money8 + at, k * sizeof *dc->money8);
	if (dc->money && sc->money) {
		memcpy(dc->money + at, sc->money + from, k * sizeof *dc->money);
	} else if (dc->money) {
		int64_t mul = p10[MONEY_DIGITS - sc->mdec];
		for (size_t i = 0; i < k; i++) {
			int64_t x = sc->money8[from + i];
			dc->money[at + i] = x == MONEY8_NULL ? MONEY_NULL : (money_t)x * mul;
		}
	} else if (dc->mdec == sc->mdec) {
		memcpy(dc->money8 + at, sc->money8 + from, k * sizeof *dc->money8);
	} else {
		int64_t f = p10[dc->mdec - sc->mdec];
		for (size_t i = 0; i < k; i++) {
			int64_t x = sc->money8[from + i];
			dc->money8[at + i] = x == MONEY8_NULL ? MONEY8_NULL : x * f;
		}
	}
}

/* A restored column (store_open.c): wide, or narrow at d decimals. */
void
money_col_form(struct column *c, int wide, int d)
{
	if (wide) {
		money_col_widen(c, 0);
	} else {
		c->mdec = d;
		c->mabs = 0;
	}
}

/* After restored narrow rows [r0, r0 + k) are written: keeps the largest. */
void
money_col_restored(struct column *c, size_t r0, size_t k)
{
	if (c->money)
		return;
	for (size_t i = 0; i < k; i++) {
		int64_t x = c->money8[r0 + i];
		if (x != MONEY8_NULL && abs64(x) > c->mabs)
			c->mabs = abs64(x);
	}
}
