/* focal-gen-out.c - focal-gen's plumbing: the buffered output, the per-row
 * arena and its number and date formatters, the calendar and the PRNG
 * (splitmix64). No floating point: the output is byte-identical everywhere. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focal-gen.h"

static const int64_t pow10s[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000LL, 100000000000LL, 1000000000000LL,
};

/* ---- output ---------------------------------------------------------- */

FILE *out_fp;
const char *out_path = "(stdout)";
char out_buf[1 << 20];
size_t out_pos;
uint64_t rows_out, rows_limit;

void out_flush(void)
{
	if (out_pos && fwrite(out_buf, 1, out_pos, out_fp) != out_pos) {
		fprintf(stderr, "focal-gen: %s: write error\n", out_path);
		exit(EX_IOERR);
	}
	out_pos = 0;
}

void out_finish(void)
{
	out_flush();
	if (fflush(out_fp) != 0 || (out_fp != stdout && fclose(out_fp) != 0)) {
		fprintf(stderr, "focal-gen: %s: write error\n", out_path);
		exit(EX_IOERR);
	}
}

/* RFC 4180: quote only a field holding a comma, quote or line break.  The
 * caller has made room for a whole row. */
void out_field(const char *s)
{
	size_t n = strcspn(s, ",\"\r\n");
	char *o;

	if (!s[n]) {
		memcpy(out_buf + out_pos, s, n);
		out_pos += n;
		return;
	}
	o = out_buf + out_pos;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	out_pos = (size_t)(o - out_buf);
}

/* ---- one row: field pointers into a per-row arena --------------------- */

const char *row[NCOL];
const char *row_const[NCOL];
static char arena[16384];
size_t apos;
static char *bstart;

void b_start(void)
{
	if (apos > sizeof arena - 1024) {
		fputs("focal-gen: internal error: row arena full\n", stderr);
		exit(70);
	}
	bstart = arena + apos;
}

void b_ch(char c)
{
	arena[apos++] = c;
}

void b_s(const char *s)
{
	size_t n = strlen(s);

	memcpy(arena + apos, s, n);
	apos += n;
}

const char *b_end(void)
{
	arena[apos++] = '\0';
	return bstart;
}

void b_uint(uint64_t u, int width)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < width)
		d[n++] = '0';
	while (n)
		b_ch(d[--n]);
}

/* v / 10^scale in plain NumericFormat, trailing zeros trimmed down to
 * minfrac decimals. */
void b_dec(int64_t v, int scale, int minfrac)
{
	uint64_t u, fp;
	char f[16] = {0};
	int i, len;

	if (v < 0) {
		b_ch('-');
		u = -(uint64_t)v;
	} else {
		u = (uint64_t)v;
	}
	b_uint(u / (uint64_t)pow10s[scale], 0);
	fp = u % (uint64_t)pow10s[scale];
	for (i = scale - 1; i >= 0; i--) {
		f[i] = (char)('0' + fp % 10);
		fp /= 10;
	}
	len = scale;
	while (len > minfrac && f[len - 1] == '0')
		len--;
	if (len) {
		b_ch('.');
		for (i = 0; i < len; i++)
			b_ch(f[i]);
	}
}

const char *s_dec(int64_t v, int scale, int minfrac)
{
	b_start();
	b_dec(v, scale, minfrac);
	return b_end();
}

const char *s_money(int64_t micro)
{
	return s_dec(micro, 6, 2);
}

const char *s_cents(int64_t cents)
{
	return s_dec(cents, 2, 2);
}

/* ---- calendar (days since 1970-01-01, proleptic Gregorian) ------------ */

int days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int month_day(int mi)
{
	return days_from_civil(mi / 12, mi % 12 + 1, 1);
}

void b_date(int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	b_uint((uint64_t)y, 4);
	b_ch('-');
	b_uint((uint64_t)m, 2);
	b_ch('-');
	b_uint((uint64_t)d, 2);
}

const char *s_datetime(int day)
{
	b_start();
	b_date(day);
	b_s("T00:00:00Z");
	return b_end();
}

void b_month(int mi)
{
	b_uint((uint64_t)(mi / 12), 4);
	b_ch('-');
	b_uint((uint64_t)(mi % 12 + 1), 2);
}

int holiday_days[NHOLIDAY];
int day_newrate;	/* APS rates change on this ChargePeriodStart */

int is_workday(int day)
{
	int i, wd = (day + 4) % 7;	/* 0 = Sunday; 1970-01-01 was a Thu */

	if (wd == 0 || wd == 6)
		return 0;
	for (i = 0; i < NHOLIDAY; i++)
		if (holiday_days[i] == day)
			return 0;
	return 1;
}

/* ---- randomness: splitmix64 ------------------------------------------- */

uint64_t rng_state, seed = 42;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int rng_below(int n)
{
	return (int)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

int rng_chance(int bp)
{
	return rng_below(10000) < bp;
}

/* A count with the given mean (in thousandths): binomial, integers only. */
int rng_count(int64_t mean_milli)
{
	int n = mean_milli <= 4000 ? 8 : (int)(mean_milli * 2 / 1000) + 1;
	int64_t p16 = mean_milli * 65536 / ((int64_t)n * 1000);
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += (int64_t)(rng_next() >> 48) < p16;
	return k;
}
