/* whatif_suggest.c - suggestions from the activity in the data: idle,
 * unassigned, above-peak and Flex seats. No curses here. */
#include "whatif_int.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xmalloc.h"

/* ---- suggestions ---- */

static void
fmt_money(const struct whatif_model *m, money_t v, char *buf, size_t n)
{
	format_money(m->currency[0] ? m->currency : "USD", v, buf, n);
}

static void
add_suggestion(const struct whatif_model *m, struct whatif_suggestion **out, size_t *n, size_t i,
    enum whatif_rule rule, long long cut, money_t flex_days, const char *why)
{
	struct whatif_scenario sc;
	struct whatif_suggestion *s;
	whatif_scenario_init(&sc, m);
	sc.c[i].set = 1;
	sc.c[i].seats = m->p[i].seats - cut;
	sc.c[i].flex_days = flex_days;
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	s = &(*out)[(*n)++];
	memset(s, 0, sizeof *s);
	s->product = i;
	s->rule = rule;
	s->cut = cut;
	s->flex_days = flex_days;
	whatif_compute_line(m, &sc, i, &s->effect);
	snprintf(s->why, sizeof s->why, "%s", why);
	whatif_scenario_free(&sc);
}

size_t
whatif_suggest(const struct whatif_model *m, struct whatif_suggestion **out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const struct whatif_product *p = &m->p[i];
		const struct whatif_activity *a = &p->act;
		long long left = p->seats;
		char why[512];
		if (p->seats <= 0)
			continue;
		if (a->idle > 0) {
			long long c = a->idle < left ? a->idle : left;
			snprintf(why, sizeof why, "%lld of %lld seats are held by users inactive for %d days or more "
			    "(x_IdleSeats)", a->idle, p->seats, a->idle_threshold ? a->idle_threshold : m->idle_days);
			add_suggestion(m, out, &n, i, RULE_IDLE, c, 0, why);
			left -= c;
		}
		if (a->assigned >= 0 && p->seats - a->assigned > 0 && left > 0) {
			long long un = p->seats - a->assigned, c = un < left ? un : left;
			snprintf(why, sizeof why, "only %lld of %lld seats are assigned (x_AssignedSeats)", a->assigned,
			    p->seats);
			add_suggestion(m, out, &n, i, RULE_UNASSIGNED, c, 0, why);
			left -= c;
		}
		if (a->idle < 0 && a->assigned < 0 && a->nmonths > 0 && left > 0) {
			/* the busiest month of the idle window bounds the seats needed */
			int window = (m->idle_days + 29) / 30, used = 0;
			long long peak = -1;
			int64_t oldest = DATE_NULL;
			if (window > HISTORY)
				window = HISTORY;
			for (int k = 0; k < a->nmonths; k++)
				if (calendar_month_index(a->month[k]) > calendar_month_index(m->as_of) - window) {
					if (a->month_active[k] > peak)
						peak = a->month_active[k];
					oldest = a->month[k];
					used++;
				}
			if (used > 0 && peak < p->seats) {
				long long c = p->seats - peak < left ? p->seats - peak : left;
				char from[21], to[21];
				date_format(oldest, from);
				date_format(m->as_of, to);
				from[7] = to[7] = '\0';
				snprintf(why, sizeof why, "at most %lld of %lld seats were active in any month %s..%s "
				    "(x_ActiveSeats; idle window %d days%s)", peak, p->seats, from, to, m->idle_days,
				    used < window ? ", fewer months in the data" : "");
				add_suggestion(m, out, &n, i, RULE_PEAK, c, 0, why);
				left -= c;
			}
		}
		if (a->occasional > 0 && left > 0 && p->flex_tokens_per_day != MONEY_NULL &&
		    m->token_price != MONEY_NULL) {
			long long c = a->occasional < left ? a->occasional : left;
			money_t days = a->occasional_days;
			money_t flex, seat;
			if (c < a->occasional)
				days = money_div(money_mul(days, money_from_int(c)), money_from_int(a->occasional));
			flex = whatif_flex_cost(m, p, days);
			seat = whatif_seat_cost(c, p->unit_price, 1, p->price_months);
			if (seat > flex) {
				char fs[96], ss[96], ds[64], ts[64];
				fmt_money(m, flex, fs, sizeof fs);
				fmt_money(m, seat, ss, sizeof ss);
				money_format(days, 1, 0, 0, ds, sizeof ds);
				money_format(p->flex_tokens_per_day, -1, 0, 0, ts, sizeof ts);
				snprintf(why, sizeof why, "%lld users work under %d days a month (%s use-days a month in "
				    "all, x_OccasionalSeats): Flex at %s tokens a day costs %s a month, their seats %s",
				    c, m->occasional_days, ds, ts, fs, ss);
				add_suggestion(m, out, &n, i, RULE_FLEX, c, days, why);
			}
		}
	}
	return n;
}

void
whatif_suggestion_apply(const struct whatif_model *m, struct whatif_scenario *sc, const struct whatif_suggestion *s)
{
	size_t i = s->product;
	long long seats;
	if (i >= m->n || i >= sc->n)
		return;
	seats = whatif_seats(m, sc, i) - s->cut;
	if (seats < 0)
		seats = 0;
	sc->c[i].flex_days += s->flex_days;
	sc->c[i].seats = seats;
	sc->c[i].set = 1;
}

char *
whatif_scenario_spec(const struct whatif_model *m, const struct whatif_scenario *sc)
{
	char *out = xstrdup("");
	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		char *next, days[64] = "";
		if (!sc->c[i].set)
			continue;
		if (sc->c[i].flex_days) {
			char d[48];
			money_format(sc->c[i].flex_days, -1, 0, 0, d, sizeof d);
			snprintf(days, sizeof days, " flex %s", d);
		}
		xasprintf(&next, "%s%s%s=%lld%s", out, *out ? "," : "", m->p[i].label, sc->c[i].seats, days);
		free(out);
		out = next;
	}
	return out;
}

/* Whether any product has what a rule reads. */
static int
any_product(const struct whatif_model *m, enum whatif_rule r)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct whatif_activity *a = &m->p[i].act;
		if ((r == RULE_IDLE && a->idle >= 0) || (r == RULE_UNASSIGNED && a->assigned >= 0) ||
		    (r == RULE_PEAK && (a->nmonths > 0 || a->idle >= 0 || a->assigned >= 0)) ||
		    (r == RULE_FLEX && a->occasional >= 0))
			return 1;
	}
	return 0;
}

int
whatif_rule_unmet(const struct whatif_model *m, enum whatif_rule r, char *buf, size_t n)
{
	int flex_rate = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++)
		if (m->p[i].flex_tokens_per_day != MONEY_NULL)
			flex_rate = 1;
	if (m->n == 0 || any_product(m, r)) {
		if (r != RULE_FLEX || (flex_rate && m->token_price != MONEY_NULL))
			return 0;
		snprintf(buf, n, "%s", !flex_rate ? "a Flex daily token rate for these products (the profile's "
		    "[flex] section); it has none" : "the price of a Flex token (the profile's token-price); "
		    "it has none");
		return 1;
	}
	switch (r) {
	case RULE_IDLE:
		snprintf(buf, n, "x_IdleSeats (assigned users inactive for %d days or more), which focal import "
		    "autodesk --usage writes from the Autodesk usage report; the data has none", m->idle_days);
		break;
	case RULE_UNASSIGNED:
		snprintf(buf, n, "x_AssignedSeats (seats assigned to someone), which focal import autodesk "
		    "--usage writes from the usage report's assignments; the data has none");
		break;
	case RULE_PEAK:
		snprintf(buf, n, "x_ActiveSeats by month (seats in use), which focal import autodesk --usage "
		    "writes; the data has none");
		break;
	default:
		snprintf(buf, n, "x_OccasionalSeats and x_OccasionalDays (users under %d days a month), which "
		    "only focal import autodesk --usage writes from the Autodesk usage report; the data has none",
		    m->occasional_days);
		break;
	}
	return 1;
}
