/* Unit tests: the seat what-if model on hand-computed cases, without the binary.
 *
 * The fixture, as of 2026-01-01 (the next month is 2026-02-01):
 *   Maya        monthly  4 seats x $245/month
 *   Revit       annual  10 seats x $3,000/year, term 2025-07-01 -> 2026-07-01
 *   AutoCAD     3-year   6 seats x $6,000/3 years, 2025-03-01 -> 2028-03-01
 *   AutoCAD     annual   2 seats x $2,400/year, 2025-10-01 -> 2026-10-01
 *   AEC Coll.   annual  62 seats x $3,600/year, 2025-04-01 -> 2026-04-01
 *   AutoCAD LT  monthly 15 seats x $70/month, active 12, 13, 11 (Nov..Jan)
 *   Civil 3D    annual   2 + 3 seats x $3,000/year in two subscriptions renewing
 *                        2026-03-01 and 2026-09-01
 * Baseline per month: 980 + 2,500 + 1,000 + 400 + 18,600 + 1,050 + 1,250 = 25,780. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "whatif.h"

#define H "ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd," \
	"BilledCost,EffectiveCost,PricingQuantity,ContractedUnitPrice,ListUnitPrice,ServiceName,SkuId,SkuMeter," \
	"x_SubscriptionId,x_Term,x_ActiveSeats,x_AssignedSeats,x_IdleSeats,x_OccasionalSeats,x_OccasionalDays\n"
#define D(y, m) #y "-" #m "-01T00:00:00Z"
#define AEC "Architecture Engineering & Construction Collection"

static const char fixture[] = H
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",980,980,4,245,245,Maya,ADSK-SEAT-MAYA-MONTHLY,Product Seats,SUB-M,monthly,,,,,\n"
    "Purchase,One-Time," D(2025, 07) "," D(2026, 07) "," D(2025, 07) "," D(2025, 08)
    ",30000,0,10,3000,3000,Revit,ADSK-SEAT-REVIT-ANNUAL,Product Seats,SUB-R,annual,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,2500,10,250,250,Revit,ADSK-SEAT-REVIT-ANNUAL,Product Seats,SUB-R,annual,7,9,2,3,10.5\n"
    "Purchase,One-Time," D(2025, 03) "," D(2028, 03) "," D(2025, 03) "," D(2025, 04)
    ",36000,0,6,6000,6000,AutoCAD,ADSK-SEAT-AUTOCAD-3YR,Product Seats,SUB-A3,3-year,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,1000,6,166.6666666667,166.6666666667,AutoCAD,ADSK-SEAT-AUTOCAD-3YR,Product Seats,SUB-A3,3-year,,,,,\n"
    "Purchase,One-Time," D(2025, 10) "," D(2026, 10) "," D(2025, 10) "," D(2025, 11)
    ",4800,0,2,2400,2400,AutoCAD,ADSK-SEAT-AUTOCAD-ANNUAL,Product Seats,SUB-A1,annual,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,400,2,200,200,AutoCAD,ADSK-SEAT-AUTOCAD-ANNUAL,Product Seats,SUB-A1,annual,,,,,\n"
    "Purchase,One-Time," D(2025, 04) "," D(2026, 04) "," D(2025, 04) "," D(2025, 05)
    ",223200,0,62,3600,3600,\"" AEC "\",ADSK-SEAT-AEC-ANNUAL,Product Seats,SUB-AEC,annual,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,18600,62,300,300,\"" AEC "\",ADSK-SEAT-AEC-ANNUAL,Product Seats,SUB-AEC,annual,,,,,\n"
    "Credit,One-Time," D(2025, 09) "," D(2025, 10) "," D(2025, 09) "," D(2025, 10)
    ",-1250,-1250,,,,\"" AEC "\",ADSK-SEAT-AEC-ANNUAL,Product Seats,SUB-AEC,,,,,,\n"
    "Purchase,Recurring," D(2025, 11) "," D(2025, 12) "," D(2025, 11) "," D(2025, 12)
    ",1050,1050,15,70,70,AutoCAD LT,ADSK-SEAT-ACADLT-MONTHLY,Product Seats,SUB-LT,monthly,12,,,,\n"
    "Purchase,Recurring," D(2025, 12) "," D(2026, 01) "," D(2025, 12) "," D(2026, 01)
    ",1050,1050,15,70,70,AutoCAD LT,ADSK-SEAT-ACADLT-MONTHLY,Product Seats,SUB-LT,monthly,13,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",1050,1050,15,70,70,AutoCAD LT,ADSK-SEAT-ACADLT-MONTHLY,Product Seats,SUB-LT,monthly,11,,,,\n"
    "Purchase,One-Time," D(2025, 03) "," D(2026, 03) "," D(2025, 03) "," D(2025, 04)
    ",6000,0,2,3000,3000,Civil 3D,ADSK-SEAT-CIVIL3D-ANNUAL,Product Seats,SUB-C1,annual,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,500,2,250,250,Civil 3D,ADSK-SEAT-CIVIL3D-ANNUAL,Product Seats,SUB-C1,annual,,,,,\n"
    "Purchase,One-Time," D(2025, 09) "," D(2026, 09) "," D(2025, 09) "," D(2025, 10)
    ",9000,0,3,3000,3000,Civil 3D,ADSK-SEAT-CIVIL3D-ANNUAL,Product Seats,SUB-C2,annual,,,,,\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,750,3,250,250,Civil 3D,ADSK-SEAT-CIVIL3D-ANNUAL,Product Seats,SUB-C2,annual,,,,,\n"
    "Usage,Usage-Based," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",12,12,8,1.5,1.5,Autodesk Platform Services,APS-MD-COMPLEX,Model Derivative Translations,,,,,,,\n";

static const char profile_text[] =
    "[profile]\n"
    "name = autodesk\n"
    "title = Autodesk\n"
    "provider = SkuMeter ~ *\n"
    "drill = ServiceName, meter\n"
    "meter-fallback = SkuMeter\n"
    "token-price = 3.00\n"
    "idle-days = 90\n"
    "occasional-days = 8\n"
    "[meter product_seats]\n"
    "unit = seat-month\n"
    "match = SkuMeter ~ Product Seats\n"
    "[flex]\n"
    "Revit = 10\n"
    "AutoCAD = 7\n";

static char tmpdir[] = "/tmp/focal-whatif-XXXXXX";
static struct store *S;
static struct profile *P;
static struct whatif_model M;

static int64_t
day(int y, int m, int d)
{
	return days_from_civil(y, m, d) * 86400;
}

static money_t
dec(const char *s)
{
	money_t v;
	unsigned dev = 0;
	assert_int_equal(money_parse(s, strlen(s), &v, &dev), 0);
	return v;
}

/* money to the cent, as text: what the user sees */
static const char *
cents(money_t v)
{
	static char buf[8][64];
	static int k;
	k = (k + 1) % 8;
	money_format(v, 2, 2, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

static int
setup(void **state)
{
	char path[300], err[512];
	FILE *f;
	struct load_opts o = {0};
	const struct profile *list[1];
	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	snprintf(path, sizeof path, "%s/seats.csv", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(fixture, f);
	fclose(f);
	S = store_new();
	assert_int_equal(load_file(S, path, &o, err, sizeof err), LOAD_OK);
	assert_int_equal(store_nrejects(S), 0);
	P = profile_parse(profile_text, strlen(profile_text), "test.profile", err, sizeof err);
	assert_non_null(P);
	list[0] = P;
	store_finish(S, list, 1);
	assert_int_equal(whatif_products(S, P, day(2026, 1, 1), &M), 7);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[400];
	(void)state;
	whatif_model_free(&M);
	store_free(S);
	profile_free(P);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
find(const char *name)
{
	char err[1024];
	int i = whatif_find(&M, name, err, sizeof err);
	if (i < 0)
		fail_msg("%s: %s", name, err);
	return i;
}

/* scenario from a spec, computed; the line of `product` */
static struct whatif_line
run(const char *spec, const char *product, struct whatif_line *total)
{
	struct whatif_scenario sc;
	struct whatif_result r;
	struct whatif_line l;
	char err[1024];
	whatif_scenario_init(&sc, &M);
	if (*spec && whatif_scenario_parse(&M, spec, &sc, err, sizeof err) != 0)
		fail_msg("%s: %s", spec, err);
	whatif_compute(&M, &sc, &r);
	l = r.line[find(product)];
	if (total)
		*total = r.total;
	whatif_result_free(&r);
	whatif_scenario_free(&sc);
	return l;
}

static void
test_products(void **state)
{
	const struct whatif_product *p;
	(void)state;
	assert_int_equal(M.as_of, day(2026, 1, 1));
	assert_int_equal(M.next_month, day(2026, 2, 1));
	/* sorted by name; AutoCAD has two terms so its labels say which */
	assert_string_equal(M.p[0].label, AEC);
	assert_string_equal(M.p[1].label, "AutoCAD (annual)");
	assert_string_equal(M.p[2].label, "AutoCAD (3-year)");
	assert_string_equal(M.p[3].label, "AutoCAD LT");
	assert_string_equal(M.p[4].label, "Civil 3D");
	assert_string_equal(M.p[5].label, "Maya");
	assert_string_equal(M.p[6].label, "Revit");

	p = &M.p[find("Revit")];
	assert_int_equal(p->seats, 10);
	assert_int_equal(p->term, TERM_ANNUAL);
	assert_string_equal(p->term_from, "x_Term");
	assert_true(p->unit_price == dec("3000"));	/* the purchase row's price per seat-year */
	assert_int_equal(p->price_months, 12);
	assert_int_equal(p->price_source, PRICE_CONTRACTED);
	assert_int_equal(p->renewal, day(2026, 7, 1));
	assert_string_equal(cents(p->monthly), "2500.00");
	assert_int_equal(p->act.assigned, 9);
	assert_int_equal(p->act.idle, 2);

	p = &M.p[find("Maya")];
	assert_int_equal(p->term, TERM_MONTHLY);
	assert_int_equal(p->price_months, 1);
	assert_int_equal(p->renewal, day(2026, 2, 1));	/* the next monthly charge */
	assert_string_equal(cents(p->monthly), "980.00");

	p = &M.p[find("AutoCAD (3-year)")];
	assert_int_equal(p->seats, 6);
	assert_int_equal(p->price_months, 36);
	assert_int_equal(p->renewal, day(2028, 3, 1));
	assert_string_equal(cents(p->monthly), "1000.00");

	p = &M.p[find(AEC)];
	assert_int_equal(p->seats, 62);	/* the Credit row is not a seat */
	assert_string_equal(cents(p->monthly), "18600.00");
}

/* Two models the same, field by field. */
static void
assert_same_model(const struct whatif_model *a, const struct whatif_model *b)
{
	assert_int_equal(a->as_of, b->as_of);
	assert_int_equal(a->next_month, b->next_month);
	assert_string_equal(a->currency, b->currency);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nnotes, b->nnotes);
	for (int i = 0; i < a->nnotes; i++)
		assert_string_equal(a->note[i], b->note[i]);
	for (size_t i = 0; i < a->n; i++) {
		const struct whatif_product *p = &a->p[i], *q = &b->p[i];
		assert_string_equal(p->label, q->label);
		assert_int_equal(p->seats, q->seats);
		assert_true(p->unit_price == q->unit_price && p->monthly == q->monthly);
		assert_int_equal(p->price_months, q->price_months);
		assert_int_equal(p->price_source, q->price_source);
		assert_int_equal(p->renewal, q->renewal);
		assert_memory_equal(&p->act, &q->act, sizeof p->act);
		assert_int_equal(p->nlots, q->nlots);
		for (int k = 0; k < p->nlots; k++) {
			assert_string_equal(p->lot[k].id, q->lot[k].id);
			assert_int_equal(p->lot[k].seats, q->lot[k].seats);
			assert_true(p->lot[k].price == q->lot[k].price);
			assert_int_equal(p->lot[k].renewal, q->lot[k].renewal);
		}
	}
}

/* The model a step at a time (the explorer's idle loop) is
 * whatif_products': a seat row a step too; a job left at any step frees
 * what it holds (ASan and valgrind run this). */
static void
test_steps(void **state)
{
	size_t keep = whatif_slice;
	(void)state;
	for (int slice = 0; slice < 2; slice++) {
		for (int latest = 0; latest < 2; latest++) {
			int64_t as_of = latest ? DATE_NULL : day(2026, 1, 1);
			struct whatif_model want, got, ab;
			struct whatif_job *j;
			int steps = 1;
			whatif_slice = slice ? 1 : keep;
			whatif_products(S, P, as_of, &want);
			j = whatif_begin(S, P, as_of, &got);
			while (!whatif_step(j))
				steps++;
			whatif_job_free(j);
			if (slice)
				assert_true(steps > 4);	/* the seat rows, the latest, a lot step a row, the products */
			else
				assert_int_equal(steps, 4);
			assert_same_model(&got, &want);
			assert_same_model(&got, latest ? &got : &M);
			for (int stop = 0; stop < steps; stop++) {
				j = whatif_begin(S, P, as_of, &ab);
				for (int k = 0; k < stop; k++)
					whatif_step(j);
				whatif_job_free(j);
				assert_int_equal(ab.n, 0);
				assert_int_equal(ab.nnotes, 0);
			}
			whatif_model_free(&want);
			whatif_model_free(&got);
		}
	}
	whatif_slice = keep;
}

static void
test_baseline_total(void **state)
{
	struct whatif_line t;
	struct whatif_line l = run("", "Revit", &t);
	(void)state;
	assert_false(l.simulated);
	assert_false(t.simulated);
	assert_int_equal(t.seats_before, 4 + 10 + 6 + 2 + 62 + 15 + 5);
	assert_int_equal(t.seats_after, t.seats_before);
	assert_string_equal(cents(t.month_before), "25780.00");
	assert_string_equal(cents(t.year_before), "309360.00");
	assert_string_equal(cents(t.month_saving), "0.00");
	assert_int_equal(t.starts, DATE_NULL);
}

static void
test_monthly(void **state)
{
	struct whatif_line l = run("Maya=1", "Maya", NULL);
	(void)state;
	assert_true(l.simulated);
	assert_int_equal(l.seats_before, 4);
	assert_int_equal(l.seats_after, 1);
	/* 3 seats x $245 from the next month on */
	assert_string_equal(cents(l.month_before), "980.00");
	assert_string_equal(cents(l.month_after), "245.00");
	assert_string_equal(cents(l.month_saving), "735.00");
	assert_string_equal(cents(l.year_saving), "8820.00");
	assert_string_equal(cents(l.next12_saving), "8820.00");
	assert_int_equal(l.starts, day(2026, 2, 1));
}

static void
test_annual_mid_term(void **state)
{
	struct whatif_line l = run("Revit=-2", "Revit", NULL);
	(void)state;
	/* 2 x 3000 / 12 = 500 a month, but only from the 2026-07-01 renewal:
	 * 7 of the 12 months from 2026-02-01 -> 2 x 3000 x 7 / 12 = 3500 */
	assert_int_equal(l.seats_after, 8);
	assert_string_equal(cents(l.month_saving), "500.00");
	assert_string_equal(cents(l.year_saving), "6000.00");
	assert_string_equal(cents(l.year_after), "24000.00");
	assert_string_equal(cents(l.next12_saving), "3500.00");
	assert_int_equal(l.starts, day(2026, 7, 1));
	assert_int_equal(l.full_from, day(2026, 7, 1));
}

static void
test_three_year(void **state)
{
	struct whatif_line l = run("AutoCAD (3-year)=-3", "AutoCAD (3-year)", NULL);
	(void)state;
	/* 3 x 6000 / 36 = 500 a month from 2028-03-01: nothing within 12 months */
	assert_string_equal(cents(l.month_saving), "500.00");
	assert_string_equal(cents(l.year_saving), "6000.00");
	assert_string_equal(cents(l.next12_saving), "0.00");
	assert_int_equal(l.starts, day(2028, 3, 1));
}

static void
test_percentages(void **state)
{
	struct whatif_line l = run("AEC Collection=-10%", AEC, NULL);
	(void)state;
	/* 10% of 62 = 6.2, rounded toward zero: 6 seats x 300 a month from 2026-04-01
	 * (10 of 12 months: 6 x 3600 x 10 / 12 = 18000) */
	assert_int_equal(l.seats_after, 56);
	assert_string_equal(cents(l.month_saving), "1800.00");
	assert_string_equal(cents(l.year_saving), "21600.00");
	assert_string_equal(cents(l.next12_saving), "18000.00");
	assert_int_equal(l.starts, day(2026, 4, 1));

	l = run("AEC Collection=+5%", AEC, NULL);
	/* 3.1 -> 3 seats added, costing from the next month */
	assert_int_equal(l.seats_after, 65);
	assert_string_equal(cents(l.month_saving), "-900.00");
	assert_string_equal(cents(l.next12_saving), "-10800.00");
	assert_int_equal(l.starts, day(2026, 2, 1));

	l = run("Revit=-12.5%", "Revit", NULL);
	assert_int_equal(l.seats_after, 9);	/* 1.25 -> 1 */
	l = run("Revit=-100%", "Revit", NULL);
	assert_int_equal(l.seats_after, 0);
}

static void
test_cut_to_zero(void **state)
{
	struct whatif_line t;
	struct whatif_line l = run("Revit=0,Maya=0", "Revit", &t);
	(void)state;
	assert_int_equal(l.seats_after, 0);
	assert_string_equal(cents(l.month_after), "0.00");
	assert_string_equal(cents(l.month_saving), "2500.00");
	assert_string_equal(cents(l.year_saving), "30000.00");
	assert_string_equal(cents(l.next12_saving), "17500.00");	/* 7 months x 2500 */
	/* the totals add both, and start with the earlier one */
	assert_string_equal(cents(t.month_saving), "3480.00");
	assert_string_equal(cents(t.month_after), "22300.00");
	assert_string_equal(cents(t.year_saving), "41760.00");
	assert_string_equal(cents(t.next12_saving), "29260.00");
	assert_int_equal(t.starts, day(2026, 2, 1));
	assert_true(t.simulated);
}

static void
test_mixed_scenario_total(void **state)
{
	struct whatif_line t;
	(void)state;
	run("Revit=-2,AutoCAD LT=10,AEC Collection=-10%", "Revit", &t);
	/* 500 + 5 x 70 + 1800 a month */
	assert_string_equal(cents(t.month_saving), "2650.00");
	assert_string_equal(cents(t.year_saving), "31800.00");
	assert_string_equal(cents(t.next12_saving), "25700.00");	/* 3500 + 4200 + 18000 */
	assert_int_equal(t.seats_after, 104 - 2 - 5 - 6);
}

static void
test_cut_across_renewals(void **state)
{
	const struct whatif_product *p = &M.p[find("Civil 3D")];
	struct whatif_line l;
	(void)state;
	assert_int_equal(p->nlots, 2);
	assert_string_equal(p->lot[0].id, "SUB-C1");	/* renews first */
	assert_int_equal(p->renewal, day(2026, 3, 1));
	/* 4 of 5 seats: 2 at the 2026-03-01 renewal, 2 at the 2026-09-01 one;
	 * next 12 months: 2 x 3000 x 11/12 + 2 x 3000 x 5/12 = 5500 + 2500 */
	l = run("Civil 3D=-4", "Civil 3D", NULL);
	assert_int_equal(l.seats_after, 1);
	assert_string_equal(cents(l.month_saving), "1000.00");
	assert_string_equal(cents(l.year_saving), "12000.00");
	assert_string_equal(cents(l.next12_saving), "8000.00");
	assert_int_equal(l.starts, day(2026, 3, 1));
	assert_int_equal(l.full_from, day(2026, 9, 1));
	/* a cut the first subscription holds starts and ends at its renewal */
	l = run("Civil 3D=-1", "Civil 3D", NULL);
	assert_int_equal(l.full_from, day(2026, 3, 1));
}

/* when the change takes effect, as both front ends word it */
static void
test_when(void **state)
{
	struct whatif_line l;
	(void)state;
#define WHEN(spec, product) (l = run(spec, product, NULL), whatif_when(&M, &M.p[find(product)], &l))
	assert_int_equal(WHEN("", "Maya"), WHEN_UNCHANGED);
	assert_int_equal(WHEN("Maya=4", "Maya"), WHEN_UNCHANGED);	/* as many as now */
	assert_int_equal(WHEN("Maya=1", "Maya"), WHEN_NEXT_MONTH);
	assert_int_equal(WHEN("Revit=-2", "Revit"), WHEN_RENEWAL);
	assert_int_equal(WHEN("AEC Collection=+5%", AEC), WHEN_ADDED);
	assert_int_equal(WHEN("Civil 3D=-4", "Civil 3D"), WHEN_STAGED);
	assert_int_equal(WHEN("Civil 3D=-1", "Civil 3D"), WHEN_RENEWAL);
	/* a line the arithmetic could not date */
	l = run("Revit=-2", "Revit", NULL);
	l.starts = DATE_NULL;
	assert_int_equal(whatif_when(&M, &M.p[find("Revit")], &l), WHEN_UNKNOWN);
	l = run("Civil 3D=-4", "Civil 3D", NULL);
	l.unknown_start = 1;
	assert_int_equal(whatif_when(&M, &M.p[find("Civil 3D")], &l), WHEN_REST_UNKNOWN);
#undef WHEN
}

static void
test_names(void **state)
{
	char err[1024];
	(void)state;
	assert_int_equal(whatif_find(&M, "revit", err, sizeof err), find("Revit"));
	assert_int_equal(whatif_find(&M, "Rev", err, sizeof err), find("Revit"));
	assert_int_equal(whatif_find(&M, "autocad lt", err, sizeof err), find("AutoCAD LT"));
	assert_int_equal(whatif_find(&M, "AEC Collection", err, sizeof err), find(AEC));
	assert_int_equal(whatif_find(&M, "Architecture, Engineering & Construction Collection", err, sizeof err),
	    find(AEC));
	assert_int_equal(whatif_find(&M, "AutoCAD (3-year)", err, sizeof err), 2);
	assert_int_equal(whatif_find(&M, "AutoCAD", err, sizeof err), -1);
	assert_non_null(strstr(err, "matches 2 products"));
	assert_non_null(strstr(err, "AutoCAD (annual), AutoCAD (3-year)"));
	assert_int_equal(whatif_find(&M, "Inventor", err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown product 'Inventor'"));
	assert_non_null(strstr(err, "Maya"));	/* the known ones are listed */
}

static void
test_spec_errors(void **state)
{
	static const struct {
		const char *spec, *msg;
	} cases[] = {
		{"Nope=-1", "unknown product 'Nope'"},
		{"Revit=-11", "cannot be below zero"},
		{"Revit=-200%", "cannot be below zero"},
		{"Revit", "expected PRODUCT=CHANGE"},
		{"=5", "a product name is missing"},
		{"Revit=abc", "expected a seat count"},
		{"Revit=", "expected a seat count"},
		{"Revit=5 seats", "expected a seat count"},
		{"Revit=10%", "a percentage needs a sign"},
		{"Revit=2.5", "whole numbers"},
		{"AutoCAD=-1", "matches 2 products"},
		{"Revit=-1,Maya=1,revit=2", "Revit is given twice"},
		{"Maya=1,Revit=-99", "cannot be below zero"},
		{"", "expected PRODUCT=CHANGE"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct whatif_scenario sc;
		char err[1024] = "";
		whatif_scenario_init(&sc, &M);
		assert_int_equal(whatif_scenario_parse(&M, cases[i].spec, &sc, err, sizeof err), -1);
		if (!strstr(err, cases[i].msg))
			fail_msg("'%s': got '%s', expected '%s'", cases[i].spec, err, cases[i].msg);
		/* a failed parse leaves the scenario alone */
		assert_int_equal(whatif_scenario_nchanged(&sc), 0);
		whatif_scenario_free(&sc);
	}
}

static void
test_keys_and_undo(void **state)
{
	struct whatif_scenario sc, before;
	struct whatif_undo u = {0};
	char err[512];
	size_t revit = (size_t)find("Revit"), maya = (size_t)find("Maya");
	(void)state;
	whatif_scenario_init(&sc, &M);
	whatif_scenario_init(&before, &M);
	/* + and - step from the scenario's count */
	whatif_undo_push(&u, &sc);
	assert_int_equal(whatif_scenario_step(&M, &sc, revit, -1, err, sizeof err), 0);
	whatif_undo_push(&u, &sc);
	assert_int_equal(whatif_scenario_step(&M, &sc, revit, -1, err, sizeof err), 0);
	assert_int_equal(whatif_seats(&M, &sc, revit), 8);
	/* typed changes are relative to the baseline */
	whatif_undo_push(&u, &sc);
	assert_int_equal(whatif_scenario_apply(&M, &sc, maya, "-50%", err, sizeof err), 0);
	assert_int_equal(whatif_seats(&M, &sc, maya), 2);
	assert_int_equal(whatif_scenario_apply(&M, &sc, maya, "-5", err, sizeof err), -1);
	assert_int_equal(whatif_seats(&M, &sc, maya), 2);
	assert_int_equal(whatif_scenario_step(&M, &sc, maya, -3, err, sizeof err), -1);
	assert_non_null(strstr(err, "below zero"));
	/* back to the baseline count: no longer simulated */
	assert_int_equal(whatif_scenario_apply(&M, &sc, maya, "4", err, sizeof err), 0);
	assert_false(sc.c[maya].set);
	assert_int_equal(whatif_scenario_nchanged(&sc), 1);
	/* 0 clears, u undoes */
	whatif_undo_push(&u, &sc);
	whatif_scenario_clear(&sc);
	assert_int_equal(whatif_scenario_nchanged(&sc), 0);
	assert_int_equal(whatif_undo_pop(&u, &sc), 1);
	assert_int_equal(whatif_seats(&M, &sc, revit), 8);
	assert_int_equal(whatif_undo_pop(&u, &sc), 1);
	assert_int_equal(whatif_undo_pop(&u, &sc), 1);
	assert_int_equal(whatif_seats(&M, &sc, revit), 9);
	assert_int_equal(whatif_undo_pop(&u, &sc), 1);
	assert_int_equal(whatif_scenario_nchanged(&sc), 0);
	assert_int_equal(whatif_undo_pop(&u, &sc), 0);
	/* copies are independent */
	assert_int_equal(whatif_scenario_set(&M, &sc, revit, 3, 0, err, sizeof err), 0);
	whatif_scenario_copy(&before, &sc);
	assert_int_equal(whatif_scenario_set(&M, &sc, revit, 4, 0, err, sizeof err), 0);
	assert_int_equal(whatif_seats(&M, &before, revit), 3);
	whatif_undo_free(&u);
	whatif_scenario_free(&sc);
	whatif_scenario_free(&before);
}

static void
test_saving_at(void **state)
{
	struct whatif_scenario sc;
	char err[512];
	(void)state;
	whatif_scenario_init(&sc, &M);
	assert_int_equal(whatif_scenario_parse(&M, "Revit=-2,Maya=-1", &sc, err, sizeof err), 0);
	assert_string_equal(cents(whatif_saving_at(&M, &sc, SIZE_MAX, day(2026, 1, 15))), "0.00");
	assert_string_equal(cents(whatif_saving_at(&M, &sc, SIZE_MAX, day(2026, 2, 1))), "245.00");
	assert_string_equal(cents(whatif_saving_at(&M, &sc, SIZE_MAX, day(2026, 7, 1))), "745.00");
	assert_string_equal(cents(whatif_saving_at(&M, &sc, (size_t)find("Revit"), day(2026, 8, 1))), "500.00");
	whatif_scenario_free(&sc);
}

static void
test_flex(void **state)
{
	/* 3 seats cut, 10.5 Flex use-days a month bought: 10.5 x 10 tokens x $3 = $315 */
	struct whatif_line l = run("Revit=-3 flex 10.5", "Revit", NULL);
	(void)state;
	assert_string_equal(cents(l.flex_month), "315.00");
	assert_string_equal(cents(l.month_saving), "435.00");	/* 750 - 315 */
	assert_string_equal(cents(l.year_saving), "5220.00");
	assert_string_equal(cents(l.next12_saving), "3045.00");	/* 7 months */
}

static void
test_suggestions(void **state)
{
	struct whatif_suggestion *sg;
	size_t n = whatif_suggest(&M, &sg);
	struct whatif_scenario all;
	char *spec;
	(void)state;
	/* Revit: 2 idle, 1 unassigned (9 of 10 assigned), 3 occasional on Flex;
	 * AutoCAD LT: at most 13 of 15 active in Nov..Jan */
	assert_int_equal(n, 4);
	assert_string_equal(M.p[sg[0].product].label, "AutoCAD LT");
	assert_int_equal(sg[0].rule, RULE_PEAK);
	assert_int_equal(sg[0].cut, 2);
	assert_non_null(strstr(sg[0].why, "at most 13 of 15"));
	assert_string_equal(cents(sg[0].effect.year_saving), "1680.00");
	assert_int_equal(sg[1].rule, RULE_IDLE);
	assert_int_equal(sg[1].cut, 2);
	assert_string_equal(cents(sg[1].effect.month_saving), "500.00");
	assert_int_equal(sg[1].effect.starts, day(2026, 7, 1));
	assert_int_equal(sg[2].rule, RULE_UNASSIGNED);
	assert_int_equal(sg[2].cut, 1);
	assert_int_equal(sg[3].rule, RULE_FLEX);
	assert_int_equal(sg[3].cut, 3);
	assert_true(sg[3].flex_days == dec("10.5"));
	assert_string_equal(cents(sg[3].effect.month_saving), "435.00");
	assert_non_null(strstr(sg[3].why, "$315.00 a month"));
	/* applied only on request, and then on top of each other */
	whatif_scenario_init(&all, &M);
	for (size_t i = 0; i < n; i++)
		whatif_suggestion_apply(&M, &all, &sg[i]);
	assert_int_equal(whatif_seats(&M, &all, (size_t)find("Revit")), 4);
	spec = whatif_scenario_spec(&M, &all);
	assert_string_equal(spec, "AutoCAD LT=13,Revit=4 flex 10.5");
	free(spec);
	whatif_scenario_free(&all);
	free(sg);
}

static void
test_scenario_file(void **state)
{
	struct whatif_scenario sc, back;
	char path[300], err[1024];
	FILE *f;
	(void)state;
	snprintf(path, sizeof path, "%s/renewal.scenario", tmpdir);
	whatif_scenario_init(&sc, &M);
	whatif_scenario_init(&back, &M);
	assert_int_equal(whatif_scenario_parse(&M, "Revit=-5,AutoCAD LT=10,AEC Collection=-10%,AutoCAD (3-year)=4 flex 2.5",
	    &sc, err, sizeof err), 0);
	assert_int_equal(whatif_scenario_save(&M, &sc, path, 0, err, sizeof err), 0);
	assert_int_equal(whatif_scenario_load(&M, path, &back, err, sizeof err), 0);
	assert_int_equal(back.n, sc.n);
	for (size_t i = 0; i < sc.n; i++) {
		assert_int_equal(back.c[i].set, sc.c[i].set);
		assert_int_equal(back.c[i].seats, sc.c[i].seats);
		assert_true(back.c[i].flex_days == sc.c[i].flex_days);
	}
	assert_int_equal(whatif_scenario_nchanged(&back), 4);
	/* never replaced without force */
	assert_int_equal(whatif_scenario_save(&M, &sc, path, 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "exists; use --force"));
	assert_int_equal(whatif_scenario_save(&M, &back, path, 1, err, sizeof err), 0);

	/* hand-written files: changes, comments; errors name the file and line */
	f = fopen(path, "w");
	fputs("# focal scenario 1\n\n# a comment\nAEC Collection = -10%\t# renewal in April\nmaya=+1\n", f);
	fclose(f);
	assert_int_equal(whatif_scenario_load(&M, path, &back, err, sizeof err), 0);
	assert_int_equal(whatif_seats(&M, &back, (size_t)find(AEC)), 56);
	assert_int_equal(whatif_seats(&M, &back, (size_t)find("Maya")), 5);
	assert_int_equal(whatif_seats(&M, &back, (size_t)find("Revit")), 10);

	f = fopen(path, "w");
	fputs("# focal scenario 1\nRevit = 5\nInventor = 3\n", f);
	fclose(f);
	assert_int_equal(whatif_scenario_load(&M, path, &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "renewal.scenario:3: unknown product 'Inventor'"));
	f = fopen(path, "w");
	fputs("# focal scenario 1\nRevit 5\n", f);
	fclose(f);
	assert_int_equal(whatif_scenario_load(&M, path, &back, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2: expected PRODUCT = SEATS"));
	f = fopen(path, "w");
	fputs("Revit = 5\n", f);
	fclose(f);
	assert_int_equal(whatif_scenario_load(&M, path, &back, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1: not a focal scenario file"));
	assert_int_equal(whatif_scenario_load(&M, "/nonexistent/x.scenario", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent/x.scenario"));
	whatif_scenario_free(&sc);
	whatif_scenario_free(&back);
}

static void
test_dates_and_terms(void **state)
{
	(void)state;
	assert_int_equal(calendar_add_months(day(2026, 1, 31), 1), day(2026, 2, 28));
	assert_int_equal(calendar_add_months(day(2024, 1, 31), 1), day(2024, 2, 29));
	assert_int_equal(calendar_add_months(day(2026, 3, 15), -3), day(2025, 12, 15));
	assert_int_equal(calendar_months_between(day(2026, 2, 1), day(2026, 7, 1)), 5);
	assert_int_equal(calendar_months_between(day(2026, 2, 1), day(2026, 7, 2)), 6);
	assert_int_equal(calendar_months_between(day(2026, 7, 1), day(2026, 2, 1)), 0);
	assert_int_equal(whatif_term_parse("Annual"), TERM_ANNUAL);
	assert_int_equal(whatif_term_parse("1 Year"), TERM_ANNUAL);
	assert_int_equal(whatif_term_parse("3-Year"), TERM_3YEAR);
	assert_int_equal(whatif_term_parse("36 months"), TERM_3YEAR);
	assert_int_equal(whatif_term_parse("Monthly"), TERM_MONTHLY);
	assert_int_equal(whatif_term_parse("2-year"), -1);
	assert_int_equal(whatif_term_parse(NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_products),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_baseline_total),
		cmocka_unit_test(test_monthly),
		cmocka_unit_test(test_annual_mid_term),
		cmocka_unit_test(test_three_year),
		cmocka_unit_test(test_percentages),
		cmocka_unit_test(test_cut_to_zero),
		cmocka_unit_test(test_mixed_scenario_total),
		cmocka_unit_test(test_cut_across_renewals),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_spec_errors),
		cmocka_unit_test(test_keys_and_undo),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_saving_at),
		cmocka_unit_test(test_flex),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_scenario_file),
		cmocka_unit_test(test_dates_and_terms),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
