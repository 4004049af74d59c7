/* whatif_compute.c - the exact arithmetic of a scenario: what it costs,
 * saves and from when. No curses here. */
#include "whatif_int.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* ---- arithmetic ---- */

/* A part of a change: `seats` fewer seats (negative: more) at a price, from a date. */
struct part {
	long long seats;
	money_t price;
	int months;
	int64_t start;
	money_t flex_month;	/* or a Flex cost added from `start` */
};

money_t
whatif_flex_cost(const struct whatif_model *m, const struct whatif_product *p, money_t days)
{
	if (days == 0 || p->flex_tokens_per_day == MONEY_NULL || m->token_price == MONEY_NULL)
		return 0;
	return money_mul(money_mul(days, p->flex_tokens_per_day), m->token_price);
}

/* The parts of product i's change; *out is allocated (nlots + 1 at most). */
static int
product_parts(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, struct part **outp)
{
	const struct whatif_product *p = &m->p[i];
	long long after = whatif_seats(m, sc, i), delta = after - p->seats;
	int n = 0, max = p->nlots + 2;
	int64_t first = DATE_NULL;
	struct part *out = *outp = xcalloc((size_t)max, sizeof *out);

	if (delta < 0) {
		long long cut = -delta;
		for (int k = 0; k < p->nlots && cut > 0 && n < max - 1; k++) {
			const struct whatif_lot *l = &p->lot[k];
			long long c = cut < l->seats ? cut : l->seats;
			int64_t start = l->renewal;
			if (c <= 0)
				continue;
			if (start != DATE_NULL && start <= m->as_of)
				start = m->next_month;	/* the term already ended */
			out[n++] = (struct part){c, l->price, l->price_months, start, 0};
			if (first == DATE_NULL)
				first = start;
			cut -= c;
		}
	} else if (delta > 0) {
		/* added seats are bought now, at the first subscription's price */
		out[n++] = (struct part){-delta, p->lot[0].price, p->lot[0].price_months, m->next_month, 0};
		first = m->next_month;
	}
	if (sc && i < sc->n && sc->c[i].set && sc->c[i].flex_days != 0 && n < max)
		out[n++] = (struct part){0, 0, 1, first != DATE_NULL ? first : m->next_month,
		    whatif_flex_cost(m, p, sc->c[i].flex_days)};
	return n;
}

static money_t
part_month(const struct part *pt)
{
	return pt->seats ? whatif_seat_cost(pt->seats, pt->price, 1, pt->months) : money_sub(0, pt->flex_month);
}

static money_t
part_year(const struct part *pt)
{
	return pt->seats ? whatif_seat_cost(pt->seats, pt->price, 12, pt->months) : money_sub(0, money_mul(pt->flex_month,
	    money_from_int(12)));
}

static money_t
part_window(const struct whatif_model *m, const struct part *pt)
{
	int left;
	if (pt->start == DATE_NULL)
		return 0;
	left = 12 - calendar_months_between(m->next_month, pt->start);
	if (left <= 0)
		return 0;
	return pt->seats ? whatif_seat_cost(pt->seats, pt->price, left, pt->months) :
	    money_sub(0, money_mul(pt->flex_month, money_from_int(left)));
}

/* v to the cent, half away from zero, as every front end shows a line
 * (money_format): a total is the sum of the figures its lines show, as an
 * invoice foots; exact sums of unrounded lines (845.8333 + 2,633.3333 ...)
 * came a cent away from both the lines and the data's own rows. */
static money_t
cents(money_t v)
{
	const money_t cent = (money_t)10000000000000000LL;	/* 10^16: 0.01 at 10^18 */
	if (v == MONEY_NULL)
		return v;
	return (v + (v < 0 ? -cent / 2 : cent / 2)) / cent * cent;
}

static void
line_add(struct whatif_line *t, const struct whatif_line *l)
{
	t->seats_before += l->seats_before;
	t->seats_after += l->seats_after;
	t->month_before = money_add(t->month_before, cents(l->month_before));
	t->month_after = money_add(t->month_after, cents(l->month_after));
	t->month_saving = money_add(t->month_saving, cents(l->month_saving));
	t->year_before = money_add(t->year_before, cents(l->year_before));
	t->year_after = money_add(t->year_after, cents(l->year_after));
	t->year_saving = money_add(t->year_saving, cents(l->year_saving));
	t->next12_saving = money_add(t->next12_saving, cents(l->next12_saving));
	t->flex_month = money_add(t->flex_month, cents(l->flex_month));
	if (l->starts != DATE_NULL && (t->starts == DATE_NULL || l->starts < t->starts))
		t->starts = l->starts;
	if (l->full_from != DATE_NULL && (t->full_from == DATE_NULL || l->full_from > t->full_from))
		t->full_from = l->full_from;
	t->unknown_start |= l->unknown_start;
	t->simulated |= l->simulated;
}

void
whatif_compute_line(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, struct whatif_line *l)
{
	const struct whatif_product *p = &m->p[i];
	struct part *pt;
	int n = product_parts(m, sc, i, &pt);

	memset(l, 0, sizeof *l);
	l->starts = l->full_from = DATE_NULL;
	l->seats_before = p->seats;
	l->seats_after = whatif_seats(m, sc, i);
	for (int k = 0; k < p->nlots; k++) {
		l->month_before = money_add(l->month_before, whatif_seat_cost(p->lot[k].seats, p->lot[k].price, 1,
		    p->lot[k].price_months));
		l->year_before = money_add(l->year_before, whatif_seat_cost(p->lot[k].seats, p->lot[k].price, 12,
		    p->lot[k].price_months));
	}
	for (int k = 0; k < n; k++) {
		l->month_saving = money_add(l->month_saving, part_month(&pt[k]));
		l->year_saving = money_add(l->year_saving, part_year(&pt[k]));
		l->next12_saving = money_add(l->next12_saving, part_window(m, &pt[k]));
		l->flex_month = money_add(l->flex_month, pt[k].flex_month);
		if (pt[k].start == DATE_NULL)
			l->unknown_start = 1;
		else {
			if (l->starts == DATE_NULL || pt[k].start < l->starts)
				l->starts = pt[k].start;
			if (l->full_from == DATE_NULL || pt[k].start > l->full_from)
				l->full_from = pt[k].start;
		}
	}
	free(pt);
	l->month_after = money_sub(l->month_before, l->month_saving);
	l->year_after = money_sub(l->year_before, l->year_saving);
	l->simulated = sc && i < sc->n && sc->c[i].set;
}

void
whatif_compute(const struct whatif_model *m, const struct whatif_scenario *sc, struct whatif_result *r)
{
	r->n = m->n;
	r->line = xcalloc(m->n ? m->n : 1, sizeof *r->line);
	memset(&r->total, 0, sizeof r->total);
	r->total.starts = r->total.full_from = DATE_NULL;
	for (size_t i = 0; i < m->n; i++) {
		whatif_compute_line(m, sc, i, &r->line[i]);
		line_add(&r->total, &r->line[i]);
	}
}

enum whatif_when
whatif_when(const struct whatif_model *m, const struct whatif_product *p, const struct whatif_line *l)
{
	if (!l->simulated || (l->seats_after == l->seats_before && l->flex_month == 0))
		return WHEN_UNCHANGED;
	if (l->starts == DATE_NULL)
		return WHEN_UNKNOWN;
	if (l->seats_after > l->seats_before)
		return WHEN_ADDED;
	if (l->unknown_start)
		return WHEN_REST_UNKNOWN;
	if (l->full_from != l->starts)
		return WHEN_STAGED;
	return p->term == TERM_MONTHLY || l->starts == m->next_month ? WHEN_NEXT_MONTH : WHEN_RENEWAL;
}

void
whatif_result_free(struct whatif_result *r)
{
	free(r->line);
	r->line = NULL;
	r->n = 0;
}

money_t
whatif_saving_at(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i, int64_t t)
{
	money_t v = 0;
	for (size_t k = 0; k < m->n; k++) {
		struct part *pt;
		int n;
		if (i != SIZE_MAX && k != i)
			continue;
		n = product_parts(m, sc, k, &pt);
		for (int j = 0; j < n; j++)
			if (pt[j].start != DATE_NULL && pt[j].start <= t)
				v = money_add(v, part_month(&pt[j]));
		free(pt);
	}
	return v;
}
