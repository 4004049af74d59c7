/* renewals.c - the renewal calendar over the what-if model. */
#include "renewals.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

#define DAY 86400

static int64_t
month_of(int64_t t)
{
	int y, m, d;
	int64_t days = t / DAY - (t % DAY < 0);
	civil_from_days(days, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

int
renewals_window(const struct whatif_model *m)
{
	/* the idle threshold in whole months */
	return (m->idle_days + 29) / 30;
}

long long
renewals_peak(const struct whatif_model *m, const struct whatif_product *p, int *months)
{
	int window = renewals_window(m), used = 0;
	long long peak = -1;
	int64_t now = month_of(m->as_of);
	for (int k = 0; k < p->act.nmonths; k++)
		if (month_of(p->act.month[k]) > now - window && month_of(p->act.month[k]) <= now) {
			if (p->act.month_active[k] > peak)
				peak = p->act.month_active[k];
			used++;
		}
	if (months)
		*months = used;
	return peak;
}

const char *
renewals_rules_text(unsigned rules, char *buf, size_t n)
{
	size_t len = 0;
	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (int r = 0; r < RULE_COUNT; r++)
		if (rules & (1u << r)) {
			int k = snprintf(buf + len, n - len, "%s%s", len ? "+" : "", whatif_rule_name((enum whatif_rule)r));
			if (k < 0 || (size_t)k >= n - len)
				break;
			len += (size_t)k;
		}
	if (len == 0)
		snprintf(buf, n, "-");
	return buf;
}

/* seats x price for `months` months of a price quoted per price_months */
static money_t
seat_months(long long seats, money_t price, int months, int price_months)
{
	if (price == MONEY_NULL || price_months <= 0)
		return MONEY_NULL;
	return money_div(money_mul(price, money_from_int(seats * months)), money_from_int(price_months));
}

/* What the suggestion rules cut from each product, stacked as
 * whatif_suggestion_apply() stacks them: seats, Flex days, rules. */
struct cutsum {
	long long cut, flex_cut;
	money_t flex_days;
	unsigned rules;
};

static struct cutsum *
product_cuts(const struct whatif_model *m)
{
	struct whatif_suggestion *sg;
	size_t n = whatif_suggest(m, &sg);
	struct cutsum *c = xcalloc(m->n ? m->n : 1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		struct cutsum *p = &c[sg[i].product];
		p->cut += sg[i].cut;
		p->rules |= 1u << sg[i].rule;
		if (sg[i].flex_days != 0) {
			p->flex_cut += sg[i].cut;
			p->flex_days = money_add(p->flex_days, sg[i].flex_days);
		}
	}
	free(sg);
	return c;
}

static money_t
flex_month(const struct whatif_model *m, const struct whatif_product *p, money_t days)
{
	if (days == 0 || p->flex_tokens_per_day == MONEY_NULL || m->token_price == MONEY_NULL)
		return 0;
	return money_mul(money_mul(days, p->flex_tokens_per_day), m->token_price);
}

/* One product's subscriptions: the cut goes to the first to renew, as the
 * what-if arithmetic spreads it (product_parts); the Flex part of the cut
 * is the last of it (the flex rule comes last). */
static void
product_renewals(const struct whatif_model *m, size_t i, const struct cutsum *cs, int64_t until,
    struct renewal **out, size_t *n)
{
	const struct whatif_product *p = &m->p[i];
	long long done = 0, nonflex = cs->cut - cs->flex_cut;
	int months = 0;
	long long peak = renewals_peak(m, p, &months);
	for (int k = 0; k < p->nlots; k++) {
		const struct whatif_lot *l = &p->lot[k];
		long long c = cs->cut - done, lo, hi, fseats;
		int term = whatif_term_months(p->term);
		struct renewal *r;
		if (c > l->seats)
			c = l->seats;
		if (c < 0)
			c = 0;
		lo = done > nonflex ? done : nonflex;
		hi = done + c;
		fseats = hi > lo ? hi - lo : 0;
		done += c;
		if (l->renewal == DATE_NULL || l->renewal <= m->as_of || l->renewal > until)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->product = i;
		r->lot = k;
		r->date = l->renewal;
		r->seats = l->seats;
		r->cost = seat_months(l->seats, l->price, term, l->price_months);
		r->peak = peak;
		r->peak_months = months;
		r->cut = c;
		r->rules = c ? cs->rules : 0;
		r->saving = seat_months(c, l->price, term, l->price_months);
		if (fseats && cs->flex_cut) {
			money_t days = money_div(money_mul(cs->flex_days, money_from_int(fseats)),
			    money_from_int(cs->flex_cut));
			money_t flex = money_mul(flex_month(m, p, days), money_from_int(term));
			r->flex_days = days;
			if (r->saving != MONEY_NULL && flex != MONEY_NULL &&
			    __builtin_sub_overflow(r->saving, flex, &r->saving))
				r->saving = MONEY_NULL;
			else if (flex == MONEY_NULL)
				r->saving = MONEY_NULL;
		}
	}
}

static int
renewal_cmp(const void *x, const void *y, void *ctx)
{
	const struct renewal *a = x, *b = y;
	const struct whatif_model *sort_model = ctx;
	const struct whatif_product *pa = &sort_model->p[a->product], *pb = &sort_model->p[b->product];
	int c;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((c = strcasecmp(pa->label, pb->label)) != 0 || (c = strcmp(pa->label, pb->label)) != 0)
		return c;
	return strcmp(pa->lot[a->lot].id, pb->lot[b->lot].id);
}

size_t
renewals_list(const struct whatif_model *m, int days, struct renewal **out)
{
	size_t n = 0;
	struct cutsum *cs;
	int64_t until;
	*out = NULL;
	if (m->n == 0 || m->as_of == DATE_NULL || days < 0)
		return 0;
	until = m->as_of + (int64_t)days * DAY;
	cs = product_cuts(m);
	for (size_t i = 0; i < m->n; i++)
		product_renewals(m, i, &cs[i], until, out, &n);
	free(cs);
	if (n > 1)
		qsort_r(*out, n, sizeof **out, renewal_cmp, (void *)m);
	return n;
}
