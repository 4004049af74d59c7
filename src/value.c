/* value.c - exact decimals and FOCUS date-times. */
#include "value.h"

#include <string.h>

static const char *const dev_messages[] = {
#define X(n, m) m,
	VALUE_DEVIATIONS(X)
#undef X
};

const char *
value_dev_message(enum value_dev d)
{
	return d < DEV_COUNT ? dev_messages[d] : "?";
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* 10^k for 0 <= k <= 38 */
static unsigned __int128
pow10u(int k)
{
	static unsigned __int128 table[39];
	static int ready;
	if (!ready) {
		/* the table is the same for every caller; a race writes equal values */
		unsigned __int128 p = 1;
		for (int i = 0; i < 39; i++, p *= 10)
			table[i] = p;
		ready = 1;
	}
	return table[k < 0 ? 0 : k > 38 ? 38 : k];
}

/* Largest magnitude we accept: 10^37 units of 10^-18, i.e. 10^19 currency units. */
#define MONEY_LIMIT (pow10u(37))

/* The digits of a decimal as written, before scaling: money_parse's phases
 * share them. At most 40 significant digits are kept; the rest only count. */
struct mdigits {
	char digits[64];
	int nd;			/* significant digits kept */
	int extra_int;		/* integer digits beyond what we keep (they scale the value) */
	int nfrac;		/* kept digits after the point */
	int seen_digit;
	int dropped_nonzero;	/* a non-zero digit was dropped */
};

/* Spaces, sign and currency sign before the digits. Returns whether the
 * value is negative. */
static inline int
money_prefix(const char *s, size_t n, const char **pp, const char **ep, unsigned *d)
{
	const char *p = s, *e = s + n;
	int neg = 0;
	while (p < e && is_space(*p))
		p++;
	while (e > p && is_space(e[-1]))
		e--;
	if (p != s || e != s + n)
		*d |= DEVBIT(DEV_SPACE);
	if (p < e && (*p == '-' || *p == '+')) {
		if (*p == '+')
			*d |= DEVBIT(DEV_PLUS);
		neg = *p == '-';
		p++;
	}
	if (p < e && *p == '$') {
		*d |= DEVBIT(DEV_CURRENCY);
		p++;
		if (!neg && p < e && *p == '-') {
			neg = 1;
			p++;
		}
	}
	*pp = p;
	*ep = e;
	return neg;
}

/* The integer part, with optional well-formed thousands groups. */
static inline int
money_int_part(const char **pp, const char *e, struct mdigits *D, unsigned *d)
{
	const char *p = *pp, *start = p;
	int group = 0, commas = 0;
	while (p < e && ((*p >= '0' && *p <= '9') || *p == ',')) {
		if (*p == ',') {
			if (p == start || (commas ? group != 3 : group > 3))
				return -1;
			commas++;
			group = 0;
		} else {
			group++;
			if (D->nd || *p != '0') {
				if (D->nd < 40)
					D->digits[D->nd++] = *p;
				else {
					D->extra_int++;
					if (*p != '0')
						D->dropped_nonzero = 1;
				}
			}
			D->seen_digit = 1;
		}
		p++;
	}
	if (commas) {
		if (group != 3)
			return -1;
		*d |= DEVBIT(DEV_THOUSANDS);
	}
	*pp = p;
	return 0;
}

static inline void
money_frac_part(const char **pp, const char *e, struct mdigits *D)
{
	const char *p = *pp;
	if (p < e && *p == '.') {
		p++;
		while (p < e && *p >= '0' && *p <= '9') {
			D->seen_digit = 1;
			if (D->nd < 40) {
				if (D->nd || *p != '0')
					D->digits[D->nd++] = *p;
				D->nfrac++;
			} else if (*p != '0')
				D->dropped_nonzero = 1;
			p++;
		}
	}
	*pp = p;
}

/* An optional exponent into *exp10. */
static inline int
money_exponent(const char **pp, const char *e, int *exp10, unsigned *d)
{
	const char *p = *pp;
	if (p < e && (*p == 'e' || *p == 'E')) {
		int eneg = 0, ev = 0, any = 0;
		p++;
		if (p < e && (*p == '+' || *p == '-')) {
			if (*p == '+')
				*d |= DEVBIT(DEV_EXP_PLUS);
			eneg = *p == '-';
			p++;
		}
		while (p < e && *p >= '0' && *p <= '9') {
			if (ev < 10000)
				ev = ev * 10 + (*p - '0');
			any = 1;
			p++;
		}
		if (!any)
			return -1;
		*exp10 = eneg ? -ev : ev;
	}
	*pp = p;
	return 0;
}

/* value = digits * 10^(exp10 + extra_int - nfrac); we want value * 10^18,
 * rounded half to even. */
static inline int
money_scale(struct mdigits *D, int exp10, unsigned __int128 *mantp, unsigned *d)
{
	const char *digits = D->digits;
	int nd = D->nd, dropped_nonzero = D->dropped_nonzero, round_digit = -1;
	int shift = exp10 + D->extra_int - D->nfrac + MONEY_DIGITS;
	int keep = nd;
	unsigned __int128 mant = 0;
	if (shift < 0) {
		/* drop -shift trailing digits, rounding half to even */
		int drop = -shift;
		if (drop >= nd) {
			round_digit = drop == nd ? digits[0] - '0' : 0;
			for (int i = drop == nd ? 1 : 0; i < nd; i++)
				if (digits[i] != '0')
					dropped_nonzero = 1;
			if (drop > nd && nd)
				dropped_nonzero = 1;
			keep = 0;
		} else {
			keep = nd - drop;
			round_digit = digits[keep] - '0';
			for (int i = keep + 1; i < nd; i++)
				if (digits[i] != '0')
					dropped_nonzero = 1;
		}
		shift = 0;
	}
	if (keep > 0 && keep + shift > 38)
		return -2;	/* (zero times any power of ten is zero) */
	for (int i = 0; i < keep; i++)
		mant = mant * 10 + (unsigned)(digits[i] - '0');
	mant *= pow10u(shift);
	if (round_digit > 0 || dropped_nonzero) {
		*d |= DEVBIT(DEV_ROUNDED);
		if (round_digit > 5 || (round_digit == 5 && (dropped_nonzero || (mant & 1))))
			mant++;
	}
	*mantp = mant;
	return 0;
}

int
money_parse(const char *s, size_t n, money_t *out, unsigned *dev)
{
	const char *p, *e;
	unsigned d = 0;
	int neg, exp10 = 0, rc;
	unsigned __int128 mant;
	struct mdigits D;

	D.nd = D.extra_int = D.nfrac = D.seen_digit = D.dropped_nonzero = 0;
	neg = money_prefix(s, n, &p, &e, &d);
	if (money_int_part(&p, e, &D, &d) != 0)
		return -1;
	money_frac_part(&p, e, &D);
	if (!D.seen_digit)
		return -1;
	if (money_exponent(&p, e, &exp10, &d) != 0 || p != e)
		return -1;
	if ((rc = money_scale(&D, exp10, &mant, &d)) != 0)
		return rc;
	if (mant >= MONEY_LIMIT)
		return -2;
	*out = neg ? -(money_t)mant : (money_t)mant;
	if (dev)
		*dev |= d;
	return 0;
}

money_t
money_from_int(long long i)
{
	return (money_t)i * MONEY_ONE;
}

money_t
money_mul(money_t a, money_t b)
{
	/* a*b/10^18 = ah*bh*10^18 + ah*bl + al*bh + al*bl/10^18, with a = ah*10^18 + al */
	int neg = (a < 0) != (b < 0);
	unsigned __int128 ua = a < 0 ? -(unsigned __int128)a : (unsigned __int128)a;
	unsigned __int128 ub = b < 0 ? -(unsigned __int128)b : (unsigned __int128)b;
	unsigned __int128 one = (unsigned __int128)MONEY_ONE;
	unsigned __int128 ah = ua / one, al = ua % one, bh = ub / one, bl = ub % one;
	unsigned __int128 t, r = al * bl / one, rem = al * bl % one, acc;

	if (rem * 2 >= one)
		r++;
	if (__builtin_mul_overflow(ah, bh, &acc) || __builtin_mul_overflow(acc, one, &acc) ||
	    __builtin_mul_overflow(ah, bl, &t) || __builtin_add_overflow(acc, t, &acc) ||
	    __builtin_mul_overflow(al, bh, &t) || __builtin_add_overflow(acc, t, &acc) ||
	    __builtin_add_overflow(acc, r, &acc) || acc >= MONEY_LIMIT)
		return MONEY_NULL;
	return neg ? -(money_t)acc : (money_t)acc;
}

money_t
money_div(money_t a, money_t b)
{
	/* |a|*10^18 is up to 190 bits: long division of hi:lo by |b|, bit by bit,
	 * rounding half away from zero (steps of 10^6 overflowed for |b| > 2^108) */
	int neg = (a < 0) != (b < 0);
	unsigned __int128 ua = a < 0 ? -(unsigned __int128)a : (unsigned __int128)a;
	unsigned __int128 ub = b < 0 ? -(unsigned __int128)b : (unsigned __int128)b;
	unsigned __int128 one = (unsigned __int128)MONEY_ONE, p0, p1, lo, hi, q = 0, r;

	if (b == 0 || ub > MONEY_LIMIT * 10)
		return MONEY_NULL;
	p0 = (ua & UINT64_MAX) * one;		/* < 2^124 */
	p1 = (ua >> 64) * one;			/* < 2^124 */
	lo = p0 + (p1 << 64);
	hi = (p1 >> 64) + (lo < p0);
	if (hi >= ub)
		return MONEY_NULL;		/* the quotient needs more than 128 bits */
	r = hi;
	for (int i = 127; i >= 0; i--) {
		r = r << 1 | ((lo >> i) & 1);	/* r < 2 * ub <= 2^128 */
		q <<= 1;
		if (r >= ub) {
			r -= ub;
			q |= 1;
		}
	}
	if (r != 0 && r >= ub - r)
		q++;
	if (q >= MONEY_LIMIT)
		return MONEY_NULL;
	return neg ? -(money_t)q : (money_t)q;
}

double
money_to_double(money_t v)
{
	return (double)(v / MONEY_ONE) + (double)(v % MONEY_ONE) / 1e18;
}

size_t
money_format(money_t v, int decimals, int mindec, char sep, char *buf, size_t n)
{
	char tmp[80], *t = tmp + sizeof tmp;
	unsigned __int128 u;
	int neg = v < 0, fd;
	size_t len;

	if (n == 0)
		return 0;
	u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
	if (decimals >= 0 && decimals < MONEY_DIGITS) {
		unsigned __int128 unit = pow10u(MONEY_DIGITS - decimals);
		unsigned __int128 r = u % unit;
		u /= unit;
		if (r * 2 >= unit)
			u++;
		fd = decimals;
	} else {
		fd = MONEY_DIGITS;
		while (fd > (mindec > 0 ? mindec : 0) && u % 10 == 0 && fd > 0) {
			u /= 10;
			fd--;
		}
	}
	*--t = '\0';
	for (int i = 0; i < fd; i++) {
		*--t = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	if (fd)
		*--t = '.';
	{
		int g = 0;
		do {
			if (sep && g && g % 3 == 0)
				*--t = sep;
			*--t = (char)('0' + (int)(u % 10));
			u /= 10;
			g++;
		} while (u);
	}
	if (neg) {
		/* no "-0.00" after rounding */
		int allzero = 1;
		for (const char *c = t; *c; c++)
			if (*c >= '1' && *c <= '9')
				allzero = 0;
		if (!allzero)
			*--t = '-';
	}
	len = strlen(t);
	if (len >= n)
		len = n - 1;
	memcpy(buf, t, len);
	buf[len] = '\0';
	return len;
}

/* Howard Hinnant's days_from_civil / civil_from_days */
int64_t
days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Reads exactly w digits. */
static int
digits(const char **p, const char *e, int w, int *out)
{
	int v = 0;
	for (int i = 0; i < w; i++) {
		if (*p >= e || **p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

/* Reads 1..w digits. */
static int
digits_var(const char **p, const char *e, int w, int *out)
{
	int v = 0, k = 0;
	while (k < w && *p < e && **p >= '0' && **p <= '9') {
		v = v * 10 + (*(*p)++ - '0');
		k++;
	}
	if (!k)
		return -1;
	*out = v;
	return 0;
}

/* The parts of a date-time as written. */
struct dparts {
	int y, mo, da, h, mi, se, off;
};

/* US M/D/YY[YY] [H:MM[:SS]] as in the FOCUS specification's own examples. */
static inline int
date_us(const char *p, const char *e, struct dparts *t, unsigned *d)
{
	const char *ys;
	if (digits_var(&p, e, 2, &t->mo) || p >= e || *p++ != '/' ||
	    digits_var(&p, e, 2, &t->da) || p >= e || *p++ != '/')
		return -1;
	ys = p;
	if (digits_var(&p, e, 4, &t->y))
		return -1;
	if (p - ys == 2)
		t->y += 2000;
	else if (p - ys != 4)
		return -1;
	*d |= DEVBIT(DEV_DATE_US);
	if (p < e && *p == ' ') {
		p++;
		if (digits_var(&p, e, 2, &t->h) || p >= e || *p++ != ':' || digits(&p, e, 2, &t->mi))
			return -1;
		if (p < e && *p == ':') {
			p++;
			if (digits(&p, e, 2, &t->se))
				return -1;
		}
	}
	return p != e ? -1 : 0;
}

/* The zone after an ISO time: Z, UTC, +HH[:MM], -HH[:MM] or none. */
static inline int
date_zone(const char *p, const char *e, struct dparts *t, unsigned *d)
{
	if (p < e && *p == ' ')
		p++;
	if (p == e) {
		*d |= DEVBIT(DEV_DATE_NOZONE);
	} else if (*p == 'Z' && p + 1 == e) {
		p++;
	} else if (e - p == 3 && memcmp(p, "UTC", 3) == 0) {
		*d |= DEVBIT(DEV_DATE_OFFSET);
		p = e;
	} else if (*p == '+' || *p == '-') {
		int oh, om = 0, sign = *p == '-' ? -1 : 1;
		p++;
		if (digits(&p, e, 2, &oh))
			return -1;
		if (p < e && *p == ':')
			p++;
		if (p < e && digits(&p, e, 2, &om))
			return -1;
		if (p != e || oh > 23 || om > 59)
			return -1;
		t->off = sign * (oh * 3600 + om * 60);
		if (t->off != 0)
			*d |= DEVBIT(DEV_DATE_OFFSET);
	} else
		return -1;
	return 0;
}

/* ISO YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][zone]]. */
static inline int
date_iso(const char *p, const char *e, struct dparts *t, unsigned *d)
{
	if (digits(&p, e, 4, &t->y) || p >= e || *p++ != '-' || digits(&p, e, 2, &t->mo) ||
	    p >= e || *p++ != '-' || digits(&p, e, 2, &t->da))
		return -1;
	if (p == e) {
		*d |= DEVBIT(DEV_DATE_ONLY);
		return 0;
	}
	if (*p == ' ')
		*d |= DEVBIT(DEV_DATE_SPACE);
	else if (*p != 'T')
		return -1;
	p++;
	if (digits(&p, e, 2, &t->h) || p >= e || *p++ != ':' || digits(&p, e, 2, &t->mi))
		return -1;
	if (p < e && *p == ':') {
		p++;
		if (digits(&p, e, 2, &t->se))
			return -1;
		if (p < e && *p == '.') {
			p++;
			if (p >= e || *p < '0' || *p > '9')
				return -1;
			while (p < e && *p >= '0' && *p <= '9')
				p++;
			*d |= DEVBIT(DEV_DATE_FRAC);
		}
	}
	return date_zone(p, e, t, d);
}

int
date_parse(const char *s, size_t n, int64_t *out, unsigned *dev)
{
	const char *p = s, *e = s + n;
	unsigned d = 0;
	struct dparts t = {0, 0, 0, 0, 0, 0, 0};

	while (p < e && is_space(*p))
		p++;
	while (e > p && is_space(e[-1]))
		e--;
	if (p != s || e != s + n)
		d |= DEVBIT(DEV_SPACE);
	if (e - p >= 6 && memchr(p, '/', (size_t)(e - p) < 6 ? (size_t)(e - p) : 6)) {
		if (date_us(p, e, &t, &d) != 0)
			return -1;
	} else if (date_iso(p, e, &t, &d) != 0)
		return -1;
	if (t.y < 1900 || t.y > 9999 || t.mo < 1 || t.mo > 12 || t.da < 1 || t.da > days_in_month(t.y, t.mo) ||
	    t.h > 23 || t.mi > 59 || t.se > 59)
		return -1;
	{
		/* an offset may move the instant out of the years focal prints */
		int64_t ts = days_from_civil(t.y, t.mo, t.da) * 86400 + t.h * 3600 + t.mi * 60 + t.se - t.off;
		if (ts < days_from_civil(1900, 1, 1) * 86400 || ts >= days_from_civil(10000, 1, 1) * 86400)
			return -1;
		*out = ts;
	}
	if (dev)
		*dev |= d;
	return 0;
}

void
date_format(int64_t t, char buf[21])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	/* y is 1900..9999 for parsed dates */
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = 'T';
	buf[11] = (char)('0' + (int)(secs / 36000));
	buf[12] = (char)('0' + (int)(secs / 3600 % 10));
	buf[13] = ':';
	buf[14] = (char)('0' + (int)(secs % 3600 / 600));
	buf[15] = (char)('0' + (int)(secs % 3600 / 60 % 10));
	buf[16] = ':';
	buf[17] = (char)('0' + (int)(secs % 60 / 10));
	buf[18] = (char)('0' + (int)(secs % 10));
	buf[19] = 'Z';
	buf[20] = '\0';
}
