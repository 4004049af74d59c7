/* focal-gen-charges.c - the rows of each kind of charge focal-gen writes:
 * seat subscriptions (monthly, upfront, amortised), Flex token packs and
 * daily use, the APS APIs (Model Derivative, Design Automation, Reality
 * Capture), storage, credits, adjustments and tax. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focal-gen.h"

/* ---- seats -------------------------------------------------------------- */

static int64_t price_for(const struct sub_def *s, int mi)
{
	int y = mi / 12;

	return s->list[y < 2024 ? 0 : y > 2026 ? 2 : y - 2024];
}

static int64_t contracted_for(const struct sub_def *s, int64_t list)
{
	return (list * (10000 - s->discount_bp) + 5000) / 10000;
}

static int floordiv(int a, int b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Assigned seats and the active share of them (idle ~15-30 %, PRICING 5a). */
static int seat_activity(int seats, int idle_bp, const char **assignment)
{
	int i, assigned = 0, active = 0;

	for (i = 0; i < seats; i++)
		assigned += !rng_chance(300);
	for (i = 0; i < assigned; i++)
		active += !rng_chance(idle_bp);
	*assignment = assigned == seats ? "assigned" : "partially-assigned";
	return active;
}

static void seat_common(int si, int t, int seats)
{
	const struct sub_def *s = &subs[si];

	set_team(t);
	set_service(s->service, "Business Applications",
	    "Product Subscriptions");
	row[C_PricingQuantity] = s_dec(seats, 0, 0);
	row[C_ResourceId] = sub_code[si];
	b_start();
	b_s(s->short_name);
	b_s(" ");
	b_s(s->term);
	b_s(" subscription");
	b_s(sfx_name);
	row[C_ResourceName] = b_end();
	row[C_ResourceType] = "Subscription";
	row[C_x_SubscriptionId] = sub_code[si];
	row[C_x_Term] = s->term;
}

static const char *seat_price_id(const struct sub_def *s, int mi)
{
	b_start();
	b_s(s->sku);
	b_ch('-');
	b_uint((uint64_t)(mi / 12), 4);
	return b_end();
}

static void seat_monthly(int si, int t, int seats)
{
	const struct sub_def *s = &subs[si];
	int day = month_day(cur_mi);
	int64_t price = price_for(s, cur_mi), cost = price * seats;
	const char *assign;
	int active;

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "Recurring";
	set_period(day, month_day(cur_mi + 1));
	b_start();
	b_s(s->short_name);
	b_s(" monthly subscription, ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats, ");
	b_month(cur_mi);
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cost);
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_cents(price);
	row[C_PricingUnit] = "Seat-Months";
	set_sku(s->sku, M_SEATS, seat_price_id(s, cur_mi), s->details);
	active = seat_activity(seats, s->idle_bp, &assign);
	row[C_x_ActiveSeats] = s_dec(active, 0, 0);
	set_tags(s->area, project_primary(t, cur_mi), t, assign);
	tax_base += cost * CENT;
	row_emit();
}

static void seat_purchase(int si, int t, int seats, int start)
{
	const struct sub_def *s = &subs[si];
	int64_t list = price_for(s, start), paid = contracted_for(s, list);
	int from = month_day(start), to = month_day(start + s->months);

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "One-Time";
	set_period(from, to);
	b_start();
	b_s(s->short_name);
	b_s(", ");
	b_s(s->term);
	b_s(" term ");
	b_date(from);
	b_s(" to ");
	b_date(to);
	b_s(", ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats paid upfront");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_ContractedCost] = s_cents(paid * seats);
	row[C_EffectiveCost] = row[C_PricingCurrencyEffectiveCost] = "0.00";
	row[C_ListCost] = s_cents(list * seats);
	row[C_ListUnitPrice] = row[C_PricingCurrencyListUnitPrice] =
	    s_cents(list);
	row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_cents(paid);
	row[C_PricingUnit] = "Seats";
	set_sku(s->sku, M_SEATS, seat_price_id(s, start), s->details);
	set_tags(s->area, project_primary(t, cur_mi), t, "assigned");
	tax_base += paid * seats * CENT;
	onetime = 1;
	row_emit();
}

/* The month's share of an upfront term: the exact share rounded half up to
 * the cent (so unit price x quantity gives it, to the half cent), the
 * remainder in the term's last month, so the shares add up to the purchase
 * exactly. */
static int64_t share_of(int64_t total, int months, int i)
{
	int64_t base = (2 * total + months) / (2 * months);

	return i == months - 1 ? total - base * (months - 1) : base;
}

/* A seat-month rate to 1e-10: the term's rate, except in the last month,
 * where the remainder makes the row's cost differ from it; there the rate is
 * the row's own cost / seats, so that rate x quantity = cost holds. */
static const char *amortised_rate(int64_t per_term, int64_t cents, int seats, int months, int i)
{
	if (i == months - 1)
		return s_dec((cents * 100000000 + seats / 2) / seats, 10, 2);
	return s_dec((per_term * 100000000 + months / 2) / months, 10, 2);
}

static void seat_amortised(int si, int t, int seats, int start)
{
	const struct sub_def *s = &subs[si];
	int64_t list = price_for(s, start), paid = contracted_for(s, list);
	int i = cur_mi - start, day = month_day(cur_mi);
	const char *assign, *eff;
	int active;

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "Recurring";
	set_period(day, month_day(cur_mi + 1));
	b_start();
	b_s(s->short_name);
	b_s(", ");
	b_s(s->term);
	b_s(" term from ");
	b_date(month_day(start));
	b_s(", amortised ");
	b_month(cur_mi);
	b_s(" (month ");
	b_uint((uint64_t)i + 1, 0);
	b_s(" of ");
	b_uint((uint64_t)s->months, 0);
	b_s("), ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = "0.00";
	eff = s_cents(share_of(paid * seats, s->months, i));
	row[C_EffectiveCost] = row[C_ContractedCost] =
	    row[C_PricingCurrencyEffectiveCost] = eff;
	row[C_ListCost] = s_cents(share_of(list * seats, s->months, i));
	/* per seat-month, to 1e-10 */
	row[C_ListUnitPrice] = row[C_PricingCurrencyListUnitPrice] =
	    amortised_rate(list, share_of(list * seats, s->months, i), seats, s->months, i);
	row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] =
	    amortised_rate(paid, share_of(paid * seats, s->months, i), seats, s->months, i);
	row[C_PricingUnit] = "Seat-Months";
	set_sku(s->sku, M_SEATS, seat_price_id(s, start), s->details);
	active = seat_activity(seats, s->idle_bp, &assign);
	row[C_x_ActiveSeats] = s_dec(active, 0, 0);
	set_tags(s->area, project_primary(t, cur_mi), t, assign);
	row_emit();
}

void gen_seats(void)
{
	int si, k;

	for (si = 0; si < NSUB; si++) {
		const struct sub_def *s = &subs[si];
		int start = 0;

		if (s->months > 1) {
			start = s->anchor +
			    floordiv(cur_mi - s->anchor, s->months) * s->months;
			if (start < s->first)
				continue;
		}
		for (k = 0; k < 4 && s->split[k].team >= 0; k++) {
			int t = s->split[k].team, seats = s->split[k].seats;

			if (s->months == 1) {
				seat_monthly(si, t, seats);
				continue;
			}
			if (t == s->grow_team && start >= s->grow_from)
				seats += s->grow_seats;
			if (start == cur_mi)
				seat_purchase(si, t, seats, start);
			seat_amortised(si, t, seats, start);
		}
	}
}

/* ---- Flex tokens -------------------------------------------------------- */

static void flex_common(void)
{
	set_service("Autodesk Flex", "Business Applications", "Flex Tokens");
	set_team(T_DPR);
}

/* Once a year; what is left of the previous pack expires with it. */
void flex_pack(int day)
{
	int64_t cost = (int64_t)PACK_TOKENS * TOKEN_USD;
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	row_begin();
	flex_common();
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "One-Time";
	set_period(day, days_from_civil(y + 1, m, d));
	b_start();
	b_s("Flex token pack, ");
	b_uint(PACK_TOKENS, 0);
	b_s(" tokens, expires ");
	b_date(days_from_civil(y + 1, m, d));
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_ListCost] = row[C_ContractedCost] =
	    s_money(cost);
	row[C_EffectiveCost] = row[C_PricingCurrencyEffectiveCost] = "0.00";
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_money(TOKEN_USD);
	row[C_PricingQuantity] = s_dec(PACK_TOKENS, 0, 0);
	row[C_PricingUnit] = "Tokens";
	set_sku("ADSK-FLEX-TOKENS", M_CREDITS, "ADSK-FLEX-TOKENS-SRP-2022",
	    "{\"x_ExpiresAfterMonths\":12}");
	set_resource(flex_pool, "Flex token pool", "Flex Token Pool");
	/* bought centrally before the tagging policy: untagged on purpose */
	if (y > 2025)
		set_tags("BIM", project_primary(T_DPR, cur_mi), T_DPR, NULL);
	pool = cost;
	tax_base += cost;
	onetime = 1;
	row_emit();
}

void flex_use(int day, int t)
{
	int f, k, users;

	for (f = 0; f < NFLEX; f++) {
		const struct flex_def *x = &flexes[f];
		int64_t tokens;

		if (!(x->teams >> t & 1))
			continue;
		for (users = 0, k = 0; k < x->trials; k++)
			users += rng_chance(x->p_bp);
		if (!users)
			continue;
		tokens = (int64_t)users * x->tokens_per_day;
		row_begin();
		flex_common();
		set_team(t);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s(x->product);
		b_s(" Flex daily use, ");
		b_uint((uint64_t)users, 0);
		b_s(users == 1 ? " user x " : " users x ");
		b_uint((uint64_t)x->tokens_per_day, 0);
		b_s(" tokens");
		row[C_ChargeDescription] = b_end();
		set_token_cost(tokens * TOKEN_USD);
		set_token_prices(TOKEN_USD, TOKEN);
		row[C_PricingCurrencyEffectiveCost] = row[C_PricingQuantity] =
		    row[C_ConsumedQuantity] = s_dec(tokens, 0, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Tokens";
		b_start();
		b_s(x->sku);
		b_s("-");
		b_uint((uint64_t)x->tokens_per_day, 0);
		b_s("TPD");
		set_sku(x->sku, M_CREDITS, b_end(), x->details);
		set_resource(flex_pool, "Flex token pool", "Flex Token Pool");
		set_usage_tags(x->area, t);
		row_emit();
	}
}

/* ---- APS ---------------------------------------------------------------- */

static int trend_pct(void)
{
	static const int season[12] = {
		95, 100, 105, 100, 100, 100, 90, 85, 100, 105, 100, 70,
	};
	int i = cur_mi - MI_FIRST;

	return (90 + 20 * i / (NMONTHS - 1)) * season[cur_mi % 12] / 100;
}

/* Model Derivative: complex (RVT/NWD/IFC) and simple (DWG, ...) jobs as
 * separate rows, ~300 a month, 60 % complex. */
void md_jobs(int day, int t)
{
	static const struct {
		const char *cls, *sku, *what, *area;
		int pct;
		int64_t usd_old, usd_new, tok_old, tok_new;
	} md[2] = {
		{ "complex", "APS-MD-COMPLEX", "complex (RVT/IFC)", "BIM", 60,
		  1500000, 4500000, 5000000000LL, 15000000000LL },
		{ "simple", "APS-MD-SIMPLE", "simple (DWG/STEP)", "CAD", 40,
		  300000, 900000, 1000000000LL, 3000000000LL },
	};
	int c, jobs, nr = day >= day_newrate;
	int64_t mean;

	for (c = 0; c < 2; c++) {
		mean = 300000LL * teams[t].md_share * md[c].pct * trend_pct() /
		    (100 * 100 * 100 * 21);
		jobs = rng_count(mean);
		if (!jobs)
			continue;
		row_begin();
		set_aps();
		set_team(t);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s("Model Derivative translations, ");
		b_s(md[c].what);
		b_s(", ");
		b_uint((uint64_t)jobs, 0);
		b_s(jobs == 1 ? " job" : " jobs");
		row[C_ChargeDescription] = b_end();
		set_token_cost(jobs * (nr ? md[c].usd_new : md[c].usd_old));
		set_token_prices(nr ? md[c].usd_new : md[c].usd_old,
		    nr ? md[c].tok_new : md[c].tok_old);
		row[C_PricingCurrencyEffectiveCost] =
		    s_dec(jobs * (nr ? md[c].tok_new : md[c].tok_old), 10, 0);
		row[C_PricingQuantity] = row[C_ConsumedQuantity] =
		    s_dec(jobs, 0, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Jobs";
		b_start();
		b_s(md[c].sku);
		b_s(nr ? "-2025-12" : "-2022-11");
		set_sku(md[c].sku, M_MD, b_end(), nr ?
		    (c ? "{\"x_JobClass\":\"simple\",\"x_TokensPerJob\":0.3}" :
		    "{\"x_JobClass\":\"complex\",\"x_TokensPerJob\":1.5}") :
		    (c ? "{\"x_JobClass\":\"simple\",\"x_TokensPerJob\":0.1}" :
		    "{\"x_JobClass\":\"complex\",\"x_TokensPerJob\":0.5}"));
		set_resource(app_viewer, "BIM viewer (APS app)",
		    "APS Application");
		row[C_x_JobClass] = md[c].cls;
		set_usage_tags(md[c].area, t);
		row_emit();
	}
}

/* Automation API: 2 tokens/h ($0.10/min) to 2025-12-07, 3 tokens/h ($0.15/min,
 * placeholder C) from 2025-12-08; ~20 processing hours a month. */
void da_minutes(int day, int workday)
{
	int e, nr = day >= day_newrate;

	for (e = 0; e < NENGINE; e++) {
		const struct engine_def *g = &engines[e];
		int64_t lo, hi, centi;

		if (!rng_chance((workday ? g->p_wd : g->p_we) * 100))
			continue;
		/* steps of 0.03 min keep minutes/30 tokens a short decimal */
		lo = (int64_t)g->mean_min * 10 * trend_pct() / 100;
		hi = (int64_t)g->mean_min * 56 * trend_pct() / 100;
		centi = 3 * (lo + rng_below((int)(hi - lo + 1)));
		row_begin();
		set_aps();
		set_team(g->team);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s("Automation API, ");
		b_s(g->name);
		b_s(" engine, ");
		b_dec(centi, 2, 0);
		b_s(" processing minutes");
		row[C_ChargeDescription] = b_end();
		set_token_cost(centi * (nr ? 1500 : 1000));
		set_token_prices(nr ? 150000 : 100000,
		    nr ? 500000000LL : (TOKEN + 15) / 30);
		row[C_PricingCurrencyEffectiveCost] = s_dec(nr ?
		    centi * 5000000 : centi * 10000000 / 3, 10, 0);
		row[C_PricingQuantity] = row[C_ConsumedQuantity] =
		    s_dec(centi, 2, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Minutes";
		b_start();
		b_s(g->sku);
		b_s(nr ? "-2025-12" : "-2022-11");
		set_sku(g->sku, M_DA, b_end(), nr ?
		    "{\"x_TokensPerHour\":3}" : "{\"x_TokensPerHour\":2}");
		set_resource(app_auto, "Design automation (APS app)",
		    "APS Application");
		row[C_x_Engine] = g->name;
		set_usage_tags(g->area, g->team);
		row_emit();
	}
}

/* Reality Capture: 1 token per 50 photos (A), ~300 photos a job. */
void rc_job(int day)
{
	int photos = 240 + rng_below(141), t = rng_chance(6000) ? T_CIV : T_ARC;
	int64_t tokens = (photos + 49) / 50;

	row_begin();
	set_aps();
	set_team(t);
	set_usage();
	set_period(day, day + 1);
	b_start();
	b_s("Reality Capture photogrammetry job, ");
	b_uint((uint64_t)photos, 0);
	b_s(" photos");
	row[C_ChargeDescription] = b_end();
	set_token_cost(tokens * TOKEN_USD);
	set_token_prices(TOKEN_USD, TOKEN);
	row[C_PricingCurrencyEffectiveCost] = row[C_PricingQuantity] =
	    s_dec(tokens, 0, 0);
	row[C_PricingUnit] = "Tokens";
	row[C_ConsumedQuantity] = "1";
	row[C_ConsumedUnit] = "Jobs";
	set_sku("APS-RC-PHOTOS", M_RC, "APS-RC-PHOTOS-2022-09",
	    "{\"x_PhotosPerToken\":50}");
	set_resource(app_capture, "Site capture (APS app)", "APS Application");
	set_usage_tags("Construction", t);
	row_emit();
}

/* ---- storage, credit, adjustment, tax ------------------------------------ */

/* No per-GB price is published: showback rows at zero cost (PRICING 3). */
void storage(int t)
{
	int i = cur_mi - MI_FIRST;
	int64_t gb = (int64_t)teams[t].gb0 * (100 + 9 * i) +
	    rng_below(601) - 300;

	if (gb < 5000)
		gb = 5000;
	if (gb > 50000)
		gb = 50000;
	row_begin();
	set_service("Autodesk Docs", "Storage", "Cloud Storage");
	set_region();
	set_team(t);
	set_usage();
	set_period(month_day(cur_mi), month_day(cur_mi + 1));
	b_start();
	b_s("Autodesk Docs storage, ");
	b_dec(gb, 2, 0);
	b_s(" GB-months (showback, no charge)");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_ListUnitPrice] =
	    row[C_ContractedUnitPrice] = row[C_PricingCurrencyEffectiveCost] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = "0.00";
	row[C_PricingQuantity] = row[C_ConsumedQuantity] = s_dec(gb, 2, 0);
	row[C_PricingUnit] = row[C_ConsumedUnit] = "GB-Months";
	set_sku("ADSK-DOCS-STORAGE", M_STORAGE, "ADSK-DOCS-STORAGE-SHOWBACK",
	    "{\"x_Retention\":\"persistent\"}");
	set_resource(team_res[t], team_res_name[t], "Docs Project Folder");
	set_usage_tags(teams[t].area, t);
	row_emit();
}

/* Whole-row amounts with no unit price (Credit, Adjustment). */
static void set_flat(const char *category, int64_t cents)
{
	row[C_ChargeCategory] = category;
	row[C_ChargeFrequency] = "One-Time";
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cents);
	row[C_PricingCategory] = NULL;
}

static void set_aec_seat_service(void)
{
	set_service(subs[0].service, "Business Applications",
	    "Product Subscriptions");
	row[C_SkuId] = subs[0].sku;
	row[C_SkuMeter] = meter_names[M_SEATS];
	row[C_x_SubscriptionId] = sub_code[0];
	row[C_x_Term] = subs[0].term;
}

void credit(void)
{
	row_begin();
	set_aec_seat_service();
	set_team(T_ARC);
	set_period(days_from_civil(2025, 9, 17), days_from_civil(2025, 9, 19));
	set_flat("Credit", -125000);
	row[C_ChargeDescription] =
	    "SLA service credit: Autodesk Docs outage 2025-09-17/18";
	set_tags(subs[0].area, project_primary(T_ARC, cur_mi), T_ARC, NULL);
	row_emit();
}

/* Two AEC seats added on 2026-02-27, prorated to the 2026-04-01 renewal. */
void adjustment(void)
{
	int from = days_from_civil(2026, 2, 27);
	int to = days_from_civil(2026, 4, 1);
	int64_t cents = (2 * contracted_for(&subs[0], subs[0].list[1]) *
	    (to - from) + 182) / 365;

	row_begin();
	set_aec_seat_service();
	set_team(T_ARC);
	set_period(from, to);
	set_flat("Adjustment", cents);
	row[C_HostProviderName] = NULL;
	b_start();
	b_s("True-up: 2 AEC Collection seats added mid-term, prorated ");
	b_date(from);
	b_s(" to ");
	b_date(to);
	row[C_ChargeDescription] = b_end();
	set_tags(subs[0].area, project_primary(T_ARC, cur_mi), T_ARC, NULL);
	tax_base += cents * CENT;
	row_emit();
}

void tax(void)
{
	int64_t cents = (tax_base * TAX_PPM + 5000000000LL) / 10000000000LL;

	row_begin();
	row[C_HostProviderName] = NULL;
	set_service("Sales Tax", "Other", "Other (Other)");
	set_period(month_day(cur_mi), month_day(cur_mi + 1));
	row[C_ChargeCategory] = "Tax";
	row[C_ChargeFrequency] = onetime ? "One-Time" : "Recurring";
	b_start();
	b_s("Sales tax 8.875% (New York, NY) on ");
	b_s(invoice);
	b_s(", taxable ");
	b_dec(tax_base, 6, 2);
	b_s(" USD");
	b_s(sfx_name);
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cents);
	row_emit();
}
