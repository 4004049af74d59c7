/* seatact.c - seat activity per product and month (see seatact.h). */
#include "seatact.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "query.h"
#include "store.h"
#include "xmalloc.h"

#define MAX_COUNT 1000000000LL

/* A whole count from a cell, 0..MAX_COUNT; -1 if NULL or not one. */
static long long
count(const struct store *s, int col, size_t row)
{
	money_t v;
	unsigned dev = 0;
	const char *t;
	if (col < 0)
		return -1;
	if (store_column_kind(s, col) == COL_METRIC)
		v = store_money(s, col, row);
	else if ((t = store_label(s, col, store_code(s, col, row))) == NULL ||
	    money_parse(t, strlen(t), &v, &dev) != 0)
		return -1;
	if (v == MONEY_NULL || v < 0 || v > money_from_int(MAX_COUNT))
		return -1;
	return (long long)(v / MONEY_ONE);
}

static void
add(long long *acc, long long v)
{
	if (v < 0)
		return;
	*acc = (*acc < 0 ? 0 : *acc) + v;
}

static size_t
seat_rows(const struct store *s, size_t **rows)
{
	struct dim d;
	struct filter f;
	uint32_t code;
	char err[256];
	size_t n;
	*rows = NULL;
	if (dim_parse(s, "meter", GRAIN_MONTH, &d, err, sizeof err) != 0 ||
	    dim_lookup(s, &d, "product_seats", &code) != 0)
		return 0;
	f.dim = d;
	f.lo = f.hi = code;
	f.exclude = 0;
	f.timed = 0;
	n = query_rows(s, &f, 1, 0, 0, NULL);
	*rows = xcalloc(n ? n : 1, sizeof **rows);
	return query_rows(s, &f, 1, 0, n, *rows);
}

size_t
seat_activity(const struct store *s, const char *product, int64_t as_of, int months, struct seat_month **out)
{
	int name = store_find_column(s, "ServiceName"), cat = store_find_column(s, "ChargeCategory");
	int freq = store_find_column(s, "ChargeFrequency"), cps = store_find_column(s, "ChargePeriodStart");
	int qty = store_metric_column(s, M_PRICING), asg = store_find_column(s, "x_AssignedSeats");
	int act = store_find_column(s, "x_ActiveSeats");
	uint32_t pname, purchase, recurring;
	int64_t last = calendar_month_index(as_of);
	struct seat_month *m;
	size_t *rows, nrows, n = 0;

	*out = NULL;
	if (name < 0 || cat < 0 || freq < 0 || cps < 0 || store_column_kind(s, cps) != COL_DATE || months <= 0 ||
	    as_of == DATE_NULL)
		return 0;
	pname = store_lookup(s, name, product);
	purchase = store_lookup(s, cat, "Purchase");
	recurring = store_lookup(s, freq, "Recurring");
	if (pname == UINT32_MAX || purchase == UINT32_MAX || recurring == UINT32_MAX)
		return 0;
	m = xcalloc((size_t)months, sizeof *m);
	for (int k = 0; k < months; k++) {
		m[k].month = calendar_month_time(last - months + 1 + k);
		m[k].seats = m[k].assigned = m[k].active = -1;
	}
	nrows = seat_rows(s, &rows);
	for (size_t i = 0; i < nrows; i++) {
		size_t r = rows[i];
		int64_t k;
		if (store_code(s, name, r) != pname || store_code(s, cat, r) != purchase ||
		    store_code(s, freq, r) != recurring)
			continue;
		if (store_code(s, cps, r) == CODE_NULL)
			continue;
		k = calendar_month_index(store_code_epoch(s, cps, store_code(s, cps, r))) - (last - months + 1);
		if (k < 0 || k >= months)
			continue;
		add(&m[k].seats, count(s, qty, r));
		add(&m[k].assigned, count(s, asg, r));
		add(&m[k].active, count(s, act, r));
	}
	free(rows);
	for (int k = 0; k < months; k++)
		if (m[k].seats >= 0)
			m[n++] = m[k];
	if (n == 0) {
		free(m);
		return 0;
	}
	*out = m;
	return n;
}

const char *
seat_bar(long long v, long long max, int width, int ascii, char *buf, size_t n)
{
	/* eighths of a cell: U+2588 full block down to U+258F one eighth */
	static const char *const part[8] = {"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	    "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"};
	long long eighths, full;
	size_t len = 0;
	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (v <= 0 || max <= 0 || width <= 0)
		return buf;
	if (v > max)
		v = max;
	eighths = (v * width * 8 + max / 2) / max;
	if (ascii)
		eighths = (eighths + 4) / 8 * 8;	/* whole cells, rounded */
	full = eighths / 8;
	for (long long k = 0; k < full && len + 4 < n; k++) {
		const char *g = ascii ? "#" : "\xe2\x96\x88";
		size_t gl = strlen(g);
		memcpy(buf + len, g, gl);
		len += gl;
	}
	if (!ascii && eighths % 8 && len + 4 < n) {
		const char *g = part[eighths % 8];
		memcpy(buf + len, g, strlen(g));
		len += strlen(g);
	}
	buf[len] = '\0';
	return buf;
}
