/* Unit tests: the renewal calendar and the prepaid runway, on fixtures whose
 * answers are worked out by hand below, without the binary.
 *
 * Renewal fixture, as of 2026-01-01 (90 days ahead: up to 2026-04-01):
 *   Maya        monthly  4 seats x $245/month; x_ActiveSeats 3, 3, 2 (Nov..Jan)
 *               renews 2026-02-01 (its next monthly charge); cost 4 x 245 = 980;
 *               peak over the 90-day idle window (Nov, Dec, Jan) = 3, cut 1,
 *               saves 1 x 245 = 245 over the next (one-month) term.
 *   Revit       annual  10 seats x $3,000/year, 2025-03-01 -> 2026-03-01;
 *               x_ActiveSeats 6, 8, 7 (Nov..Jan): peak 8, cut 2; renewal cost
 *               10 x 3,000 = 30,000; saves 2 x 3,000 = 6,000 over the year.
 *   Civil 3D    annual   2 seats x $3,000, 2025-04-01 -> 2026-04-01: day 90,
 *               the last day inside the window; no activity: peak unknown, cut 0;
 *               cost 6,000.
 *   AutoCAD     annual   2 seats x $2,400, 2025-04-02 -> 2026-04-02: day 91,
 *               just outside; cost 4,800.
 *   AutoCAD     3-year   6 seats x $6,000 per 3 years, 2025-03-01 -> 2028-03-01:
 *               day 790 (2026-01-01 + 730 days = 2028-01-01, + 31 + 29); cost
 *               6 x 6,000 = 36,000.
 * Plus a Usage row priced in EUR: a national currency, not a virtual one.
 *
 * Runway fixture (Flex Tokens, billed in USD), as of 2026-01-01:
 *   pack A  100 tokens bought 2025-03-01 ($300), ChargePeriod to 2026-03-01
 *   pack B  200 tokens bought 2025-09-01 ($600), ChargePeriod to 2026-09-01
 *   drawn   2025-04-10 40, 2025-10-05 10, 2025-11-10 10 (MD), 2025-12-20 20 (DA)
 *           all from A (earliest expiry): A 100-40-10-10-20 = 20 left, B 200;
 *           balance 220, used 80, nothing expired, nothing beyond the packs.
 *   window 60 days (from 2025-11-02): 10 + 20 = 30 tokens -> 0.5 a day.
 *     A expires in 59 days: needs 20 / 0.5 = 40 days, used up on day 40.
 *     B expires 2026-09-01 = day 243 (31+28+31+30+31+30+31+31): 203 days left
 *     x 0.5 = 101.5 drawn, 200 - 101.5 = 98.5 expire unused; the balance
 *     runs out when B expires: 2026-09-01.
 *   window 20 days (from 2025-12-12): 20 tokens -> 1 a day. A lasts 20 days,
 *     B the next 200 (243 - 20 = 223 >= 200): empty after day 220 =
 *     2026-08-09 (Feb 1 = day 31, Mar 1 = 59, Apr 1 = 90, May 1 = 120,
 *     Jun 1 = 151, Jul 1 = 181, Aug 1 = 212, Aug 9 = 220); nothing expires.
 *   window 10 days (from 2025-12-22): nothing drawn: all 220 expire, the
 *     balance is gone when the last pack expires, 2026-09-01.
 *   months 2025-03..2025-12 (10): balance 100 (Mar), 60 (Apr..Aug), 260 (Sep),
 *     250 (Oct), 240 (Nov), 220 (Dec). */
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
#include "renewals.h"
#include "runway.h"
#include "seatact.h"
#include "store.h"
#include "whatif.h"

#define D(y, m, d) #y "-" #m "-" #d "T00:00:00Z"
#define H "ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost," \
	"PricingQuantity,PricingUnit,ContractedUnitPrice,ListUnitPrice,ServiceName,SkuId,SkuMeter," \
	"BillingCurrency,PricingCurrency,PricingCurrencyEffectiveCost,x_SubscriptionId,x_Term,x_ActiveSeats\n"
#define SEAT(cat, freq, a, b, billed, eff, qty, price, name, sku, sub, term, act) \
	cat "," freq "," a "," b "," billed "," eff "," qty ",Seats," price "," price "," name "," sku \
	",Product Seats,USD,USD,," sub "," term "," act "\n"

static const char seats_csv[] = H
    SEAT("Purchase", "Recurring", D(2025, 11, 01), D(2025, 12, 01), "980", "980", "4", "245", "Maya", "MAYA",
	"SUB-M", "monthly", "3")
    SEAT("Purchase", "Recurring", D(2025, 12, 01), D(2026, 01, 01), "980", "980", "4", "245", "Maya", "MAYA",
	"SUB-M", "monthly", "3")
    SEAT("Purchase", "Recurring", D(2026, 01, 01), D(2026, 02, 01), "980", "980", "4", "245", "Maya", "MAYA",
	"SUB-M", "monthly", "2")
    SEAT("Purchase", "One-Time", D(2025, 03, 01), D(2026, 03, 01), "30000", "0", "10", "3000", "Revit", "REVIT",
	"SUB-R", "annual", "")
    SEAT("Purchase", "Recurring", D(2025, 11, 01), D(2025, 12, 01), "0", "2500", "10", "250", "Revit", "REVIT",
	"SUB-R", "annual", "6")
    SEAT("Purchase", "Recurring", D(2025, 12, 01), D(2026, 01, 01), "0", "2500", "10", "250", "Revit", "REVIT",
	"SUB-R", "annual", "8")
    SEAT("Purchase", "Recurring", D(2026, 01, 01), D(2026, 02, 01), "0", "2500", "10", "250", "Revit", "REVIT",
	"SUB-R", "annual", "7")
    SEAT("Purchase", "One-Time", D(2025, 04, 01), D(2026, 04, 01), "6000", "0", "2", "3000", "Civil 3D", "C3D",
	"SUB-C", "annual", "")
    SEAT("Purchase", "One-Time", D(2025, 04, 02), D(2026, 04, 02), "4800", "0", "2", "2400", "AutoCAD", "ACAD1",
	"SUB-A1", "annual", "")
    SEAT("Purchase", "One-Time", D(2025, 03, 01), D(2028, 03, 01), "36000", "0", "6", "6000", "AutoCAD", "ACAD3",
	"SUB-A3", "3-year", "")
    "Usage,Usage-Based," D(2025, 12, 01) "," D(2025, 12, 02) ",10,10,1,Jobs,10,10,Cloud Render,R1,Render,USD,EUR,"
    "9,,,\n";

#define TOK(a, b, amount, meter, sku) \
	"Usage,Usage-Based," a "," b ",0," amount ",1,Jobs,1,1,Autodesk Platform Services," sku "," meter \
	",USD,Flex Tokens," amount ",,,\n"
static const char tokens_csv[] = H
    "Purchase,One-Time," D(2025, 03, 01) "," D(2026, 03, 01) ",300,0,100,Tokens,3,3,Autodesk Flex,FLEX,"
    "Cloud Credits Consumed,USD,USD,0,,,\n"
    "Purchase,One-Time," D(2025, 09, 01) "," D(2026, 09, 01) ",600,0,200,Tokens,3,3,Autodesk Flex,FLEX,"
    "Cloud Credits Consumed,USD,USD,0,,,\n"
    TOK(D(2025, 04, 10), D(2025, 04, 11), "40", "Model Derivative Translations", "APS-MD-COMPLEX")
    TOK(D(2025, 10, 05), D(2025, 10, 06), "10", "Model Derivative Translations", "APS-MD-COMPLEX")
    TOK(D(2025, 11, 10), D(2025, 11, 11), "10", "Model Derivative Translations", "APS-MD-COMPLEX")
    TOK(D(2025, 12, 20), D(2025, 12, 21), "20", "Design Automation Minutes", "APS-DA-REVIT");

/* Draws beyond the packs: 5 tokens on 2025-02-10, before pack A (100 bought
 * 2025-03-01), billed 0, so from a pack the data does not show; 60 on
 * 2025-04-10 from A; 50 on 2025-05-10: 40 from A, 10 beyond, billed $30;
 * 20 on 2025-06-10 beyond, billed $60; 7 on 2025-06-20 beyond, BilledCost
 * empty (not known to be 0). Used 142, beyond the packs 42, of it billed 0:
 * 5; the Usage rows billed 90. Months Feb..Jun: beyond 5 (all billed 0), 0,
 * 0, 10, 27 (none billed 0); balance 0, 100, 40, 0, 0. */
#define TOKB(a, b, billed, amount) \
	"Usage,Usage-Based," a "," b "," billed "," amount ",1,Jobs,1,1,Autodesk Platform Services,APS-MD," \
	"Model Derivative Translations,USD,Flex Tokens," amount ",,,\n"
static const char beyond_csv[] = H
    "Purchase,One-Time," D(2025, 03, 01) "," D(2026, 03, 01) ",300,0,100,Tokens,3,3,Autodesk Flex,FLEX,"
    "Cloud Credits Consumed,USD,USD,0,,,\n"
    TOKB(D(2025, 02, 10), D(2025, 02, 11), "0", "5")
    TOKB(D(2025, 04, 10), D(2025, 04, 11), "0", "60")
    TOKB(D(2025, 05, 10), D(2025, 05, 11), "30", "50")
    TOKB(D(2025, 06, 10), D(2025, 06, 11), "60", "20")
    TOKB(D(2025, 06, 20), D(2025, 06, 21), "", "7");

/* Draws at one instant drain packs in the order their rows came: 100 tokens
 * bought 2025-03-01; on 2025-04-10, 60, a correction of -20 (counted in the
 * used, refills nothing), 30
 * (10 left), then 25 ending a day later (10 from the pack, 15 beyond, billed
 * 0: the balance is 0 since its end, 2025-04-12); on 2025-05-10, 8 billed $3
 * then 4 billed 0, both beyond. Used 107, beyond 27, of it billed 0: 19. By
 * meter (90 days to 2025-06-01): translations 60 + 30 + 8 = 98, automation
 * -20 + 25 + 4 = 9. */
#define TOKI(a, b, billed, amount, meter, sku) \
	"Usage,Usage-Based," a "," b "," billed "," amount ",1,Jobs,1,1,Autodesk Platform Services," sku "," \
	meter ",USD,Flex Tokens," amount ",,,\n"
static const char instant_csv[] = H
    "Purchase,One-Time," D(2025, 03, 01) "," D(2026, 03, 01) ",300,0,100,Tokens,3,3,Autodesk Flex,FLEX,"
    "Cloud Credits Consumed,USD,USD,0,,,\n"
    TOKI(D(2025, 04, 10), D(2025, 04, 11), "0", "60", "Model Derivative Translations", "APS-MD")
    TOKI(D(2025, 05, 10), D(2025, 05, 11), "3", "8", "Model Derivative Translations", "APS-MD")
    TOKI(D(2025, 04, 10), D(2025, 04, 11), "0", "-20", "Design Automation Minutes", "APS-DA")
    TOKI(D(2025, 04, 10), D(2025, 04, 11), "0", "30", "Model Derivative Translations", "APS-MD")
    TOKI(D(2025, 05, 10), D(2025, 05, 11), "0", "4", "Design Automation Minutes", "APS-DA")
    TOKI(D(2025, 04, 10), D(2025, 04, 12), "0", "25", "Design Automation Minutes", "APS-DA");

static const char profile_text[] =
    "[profile]\nname = t\ntitle = T\nprovider = SkuMeter ~ *\ndrill = ServiceName\n"
    "meter-fallback = SkuMeter\nidle-days = 90\n"
    "[meter product_seats]\nunit = seat-month\nmatch = SkuMeter ~ Product Seats\n";

static char tmpdir[] = "/tmp/focal-renewals-XXXXXX";
static struct profile *P;

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

static struct store *
load(const char *name, const char *text)
{
	char path[300], err[512];
	struct load_opts o = {0};
	const struct profile *list[1] = {P};
	struct store *s = store_new();
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(load_file(s, path, &o, err, sizeof err), LOAD_OK);
	assert_int_equal(store_nrejects(s), 0);
	store_finish(s, list, 1);
	return s;
}

static int
setup(void **state)
{
	char err[512];
	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	P = profile_parse(profile_text, strlen(profile_text), "test.profile", err, sizeof err);
	assert_non_null(P);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[400];
	(void)state;
	profile_free(P);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *
lot_id(const struct whatif_model *m, const struct renewal *r)
{
	return m->p[r->product].lot[r->lot].id;
}

static void
test_calendar(void **state)
{
	struct store *s = load("seats.csv", seats_csv);
	struct whatif_model m;
	struct renewal *r;
	size_t n;
	(void)state;
	assert_int_equal(whatif_products(s, P, day(2026, 1, 1), &m), 5);	/* AutoCAD: two terms */
	n = renewals_list(&m, 90, &r);
	assert_int_equal(n, 3);
	assert_string_equal(lot_id(&m, &r[0]), "SUB-M");
	assert_true(r[0].date == day(2026, 2, 1));
	assert_int_equal(r[0].seats, 4);
	assert_true(r[0].cost == dec("980"));
	assert_int_equal(r[0].peak, 3);
	assert_int_equal(r[0].cut, 1);
	assert_true(r[0].saving == dec("245"));
	assert_true(r[0].rules == 1u << RULE_PEAK);
	assert_string_equal(lot_id(&m, &r[1]), "SUB-R");
	assert_true(r[1].date == day(2026, 3, 1));
	assert_true(r[1].cost == dec("30000"));
	assert_int_equal(r[1].peak, 8);
	assert_int_equal(r[1].peak_months, 3);
	assert_int_equal(r[1].cut, 2);
	assert_true(r[1].saving == dec("6000"));
	assert_string_equal(lot_id(&m, &r[2]), "SUB-C");
	assert_true(r[2].date == day(2026, 4, 1));
	assert_true(r[2].cost == dec("6000"));
	assert_int_equal(r[2].peak, -1);
	assert_int_equal(r[2].cut, 0);
	assert_true(r[2].saving == 0);
	free(r);
	/* a day more takes in the annual AutoCAD renewing on day 91 */
	n = renewals_list(&m, 91, &r);
	assert_int_equal(n, 4);
	assert_string_equal(lot_id(&m, &r[3]), "SUB-A1");
	assert_true(r[3].cost == dec("4800"));
	free(r);
	/* the 3-year term renews on day 790, not 789 */
	n = renewals_list(&m, 789, &r);
	assert_int_equal(n, 4);
	free(r);
	n = renewals_list(&m, 790, &r);
	assert_int_equal(n, 5);
	assert_string_equal(lot_id(&m, &r[4]), "SUB-A3");
	assert_true(r[4].date == day(2028, 3, 1));
	assert_true(r[4].cost == dec("36000"));
	free(r);
	whatif_model_free(&m);
	store_free(s);
}

static void
test_no_virtual_currency(void **state)
{
	struct store *s = load("seats2.csv", seats_csv);
	struct runway rw;
	(void)state;
	assert_int_equal(runway_build(s, DATE_NULL, 90, &rw), 0);
	runway_free(&rw);
	store_free(s);
	assert_false(runway_is_virtual("EUR", "USD"));
	assert_false(runway_is_virtual("USD", "USD"));
	assert_true(runway_is_virtual("Flex Tokens", "USD"));
	assert_true(runway_is_virtual("Credits", "USD"));
}

static const struct runway_currency *
build(struct store *s, int64_t as_of, int window, struct runway *rw)
{
	assert_int_equal(runway_build(s, as_of, window, rw), 1);
	assert_string_equal(rw->c[0].name, "Flex Tokens");
	assert_string_equal(rw->c[0].unit, "Tokens");
	return &rw->c[0];
}

static void
test_runway(void **state)
{
	struct store *s = load("tokens.csv", tokens_csv);
	struct runway rw;
	const struct runway_currency *c;
	static const char *const bal[10] = {"100", "60", "60", "60", "60", "60", "260", "250", "240", "220"};
	(void)state;
	c = build(s, day(2026, 1, 1), 60, &rw);
	assert_int_equal(c->npacks, 2);
	assert_true(c->pack[0].expires == day(2026, 3, 1));
	assert_string_equal(c->pack[0].expiry_from, "ChargePeriodEnd");
	assert_true(c->pack[0].left == dec("20") && c->pack[0].used == dec("80"));
	assert_true(c->pack[1].left == dec("200") && c->pack[1].used == 0);
	assert_true(c->bought == dec("300") && c->used == dec("80"));
	assert_true(c->expired == 0 && c->uncovered == 0 && c->balance == dec("220"));
	assert_true(c->cost == dec("900"));
	assert_int_equal(c->window_days, 60);
	assert_true(c->window_used == dec("30") && c->burn == dec("0.5"));
	assert_true(c->pack[0].will_expire == 0);
	assert_true(c->pack[1].will_expire == dec("98.5"));
	assert_true(c->will_expire == dec("98.5"));
	assert_true(c->runs_out == day(2026, 9, 1));
	assert_int_equal(c->out_by_expiry, 1);
	assert_int_equal(c->nperiods, 10);
	for (size_t k = 0; k < 10; k++)
		assert_true(c->period[k].balance == dec(bal[k]));
	assert_true(c->period[0].start == day(2025, 3, 1) && c->period[0].bought == dec("100"));
	assert_true(c->period[6].bought == dec("200") && c->period[1].used == dec("40"));
	assert_int_equal(c->nuses, 2);
	assert_string_equal(c->use[0].meter, "Design Automation Minutes");
	assert_string_equal(c->use[0].sku, "APS-DA-REVIT");
	assert_true(c->use[0].used == dec("20") && c->use[1].used == dec("10"));
	/* another window on the same runway (the explorer's + and -): what a
	 * fresh build over it gives (below), the past untouched, and back */
	runway_window(s, &rw, 20);
	assert_true(c->burn == dec("1") && c->runs_out == day(2026, 8, 9));
	assert_true(c->will_expire == 0 && c->pack[1].will_expire == 0);
	assert_int_equal(c->out_by_expiry, 0);
	assert_int_equal(c->nuses, 1);
	assert_true(c->balance == dec("220") && c->pack[0].left == dec("20") && c->used == dec("80"));
	runway_window(s, &rw, 10);
	assert_true(c->burn == 0 && c->will_expire == dec("220") && c->runs_out == day(2026, 9, 1));
	assert_int_equal(c->nuses, 0);
	runway_window(s, &rw, 60);
	assert_int_equal(c->window_days, 60);
	assert_true(c->window_used == dec("30") && c->burn == dec("0.5"));
	assert_true(c->pack[0].will_expire == 0 && c->pack[1].will_expire == dec("98.5"));
	assert_true(c->will_expire == dec("98.5") && c->runs_out == day(2026, 9, 1));
	assert_int_equal(c->out_by_expiry, 1);
	assert_int_equal(c->nuses, 2);
	assert_string_equal(c->use[0].meter, "Design Automation Minutes");
	assert_true(c->use[0].used == dec("20") && c->use[1].used == dec("10"));
	runway_free(&rw);

	c = build(s, day(2026, 1, 1), 20, &rw);
	assert_true(c->burn == dec("1"));
	assert_true(c->runs_out == day(2026, 8, 9));
	assert_true(c->will_expire == 0);
	assert_int_equal(c->out_by_expiry, 0);
	runway_free(&rw);

	c = build(s, day(2026, 1, 1), 10, &rw);
	assert_true(c->burn == 0 && c->will_expire == dec("220"));
	assert_true(c->runs_out == day(2026, 9, 1));
	runway_free(&rw);

	/* by default, as of the end of the latest draw */
	c = build(s, DATE_NULL, 60, &rw);
	assert_true(rw.as_of == day(2025, 12, 21));
	assert_true(c->balance == dec("220"));
	runway_free(&rw);
	store_free(s);
}

/* A pack that expires with tokens left, and a draw past every pack. */
static void
test_runway_past_expiry(void **state)
{
	struct store *s = load("tokens2.csv", tokens_csv);
	struct runway rw;
	const struct runway_currency *c;
	(void)state;
	/* as of 2026-04-01: A expired on 2026-03-01 with its 20 left */
	c = build(s, day(2026, 4, 1), 60, &rw);
	assert_true(c->expired == dec("20") && c->pack[0].expired == dec("20"));
	assert_true(c->balance == dec("200"));
	assert_true(c->burn == 0);
	runway_free(&rw);
	/* as of 2026-10-01 every pack has expired: nothing left */
	c = build(s, day(2026, 10, 1), 60, &rw);
	assert_true(c->expired == dec("220") && c->balance == 0);
	assert_true(c->empty_since == day(2026, 9, 1));
	runway_free(&rw);
	store_free(s);
}

/* Beyond the packs: the part billed 0 is told apart from pay-as-you-go. */
static void
test_runway_beyond(void **state)
{
	struct store *s = load("beyond.csv", beyond_csv);
	struct runway rw;
	const struct runway_currency *c;
	static const char *const beyond[5] = {"5", "0", "0", "10", "27"};
	static const char *const bal[5] = {"0", "100", "40", "0", "0"};
	(void)state;
	c = build(s, day(2025, 7, 1), 30, &rw);
	assert_true(c->bought == dec("100") && c->used == dec("142"));
	assert_true(c->uncovered == dec("42"));
	assert_true(c->unbilled == dec("5"));
	assert_true(c->billed == dec("90"));
	assert_int_equal(c->nperiods, 5);
	for (size_t k = 0; k < 5; k++) {
		assert_true(c->period[k].uncovered == dec(beyond[k]));
		assert_true(c->period[k].unbilled == (k == 0 ? dec("5") : 0));
		assert_true(c->period[k].balance == dec(bal[k]));
	}
	runway_free(&rw);
	/* as of 2025-05-01 the later draws are not yet counted */
	c = build(s, day(2025, 5, 1), 30, &rw);
	assert_true(c->uncovered == dec("5") && c->unbilled == dec("5") && c->billed == 0);
	runway_free(&rw);
	store_free(s);
}

static void
test_runway_one_instant(void **state)
{
	struct store *s = load("instant.csv", instant_csv);
	struct runway rw;
	const struct runway_currency *c;
	(void)state;
	c = build(s, day(2025, 6, 1), 90, &rw);
	assert_true(c->bought == dec("100") && c->used == dec("107"));
	assert_true(c->uncovered == dec("27"));
	assert_true(c->unbilled == dec("19"));
	assert_true(c->billed == dec("3"));
	assert_true(c->balance == 0 && c->empty_since == day(2025, 4, 12));
	assert_true(c->pack[0].left == 0 && c->pack[0].used == dec("100"));
	assert_true(c->corrected == dec("-20") && c->period[1].corrected == dec("-20"));
	assert_int_equal(c->nperiods, 3);
	/* the months' balances are the packs': 100 - (95 + 20 - 15), not 20 */
	assert_true(c->period[0].balance == dec("100") && c->period[1].balance == 0 && c->period[2].balance == 0);
	assert_true(c->period[1].used == dec("95") && c->period[1].uncovered == dec("15"));
	assert_true(c->period[1].unbilled == dec("15") && c->period[2].uncovered == dec("12"));
	assert_true(c->period[2].unbilled == dec("4"));
	assert_int_equal(c->window_days, 90);
	assert_true(c->window_used == dec("107"));
	assert_int_equal(c->nuses, 2);
	assert_string_equal(c->use[0].meter, "Model Derivative Translations");
	assert_string_equal(c->use[0].sku, "APS-MD");
	assert_true(c->use[0].used == dec("98") && c->use[1].used == dec("9"));
	/* a window of the last 30 days: only 2025-05-10 */
	runway_window(s, &rw, 30);
	assert_true(c->window_used == dec("12") && c->use[0].used == dec("8") && c->use[1].used == dec("4"));
	runway_free(&rw);
	store_free(s);
}

static void
same_runway(const struct runway *a, const struct runway *b)
{
	assert_int_equal(a->n, b->n);
	assert_true(a->as_of == b->as_of);
	for (size_t i = 0; i < a->n; i++) {
		const struct runway_currency *x = &a->c[i], *y = &b->c[i];
		assert_string_equal(x->name, y->name);
		assert_int_equal(x->npacks, y->npacks);
		assert_int_equal(x->nperiods, y->nperiods);
		assert_int_equal(x->nuses, y->nuses);
		assert_true(x->bought == y->bought && x->used == y->used && x->expired == y->expired);
		assert_true(x->uncovered == y->uncovered && x->unbilled == y->unbilled && x->corrected == y->corrected);
		assert_true(x->balance == y->balance && x->billed == y->billed && x->cost == y->cost);
		assert_true(x->empty_since == y->empty_since && x->runs_out == y->runs_out);
		assert_true(x->window_used == y->window_used && x->burn == y->burn && x->will_expire == y->will_expire);
		for (size_t k = 0; k < x->npacks; k++)
			assert_true(x->pack[k].left == y->pack[k].left && x->pack[k].used == y->pack[k].used);
		for (size_t k = 0; k < x->nperiods; k++)
			assert_true(x->period[k].balance == y->period[k].balance &&
			    x->period[k].uncovered == y->period[k].uncovered);
		for (size_t k = 0; k < x->nuses; k++) {
			assert_string_equal(x->use[k].meter, y->use[k].meter);
			assert_true(x->use[k].used == y->use[k].used);
		}
	}
}

/* The explorer builds the runway a slice at a time: a row a step gives what
 * one call gives, and a job left at any step frees what it holds (ASan and
 * valgrind run this). */
static void
test_runway_slices(void **state)
{
	static const char *const name[3] = {"sl1.csv", "sl2.csv", "sl3.csv"};
	const char *const csv[3] = {tokens_csv, beyond_csv, instant_csv};
	(void)state;
	for (int f = 0; f < 3; f++) {
		struct store *s = load(name[f], csv[f]);
		struct runway whole, sliced;
		struct runway_job *j;
		int steps = 0;
		runway_build(s, day(2025, 12, 1), 45, &whole);
		j = runway_begin(s, day(2025, 12, 1), 45, &sliced);
		while (!runway_step(j, 1))
			steps++;
		runway_job_free(j);
		assert_true(steps >= 3 * (int)store_nrows(s) - 1);	/* three passes, a row a step */
		same_runway(&whole, &sliced);
		runway_free(&sliced);
		for (int stop = 0; stop <= steps; stop++) {
			j = runway_begin(s, DATE_NULL, 90, &sliced);
			for (int k = 0; k < stop && !runway_step(j, 1); k++)
				;
			runway_job_free(j);	/* never done here: frees sliced too */
		}
		runway_free(&whole);
		store_free(s);
	}
}

/* Seats, assigned and active per month: Revit 10 seats, active 6, 8, 7
 * (Nov..Jan), no x_AssignedSeats; months without seat rows left out. */
static void
test_seat_activity(void **state)
{
	struct store *s = load("seats3.csv", seats_csv);
	struct seat_month *m;
	size_t n;
	char buf[64];
	(void)state;
	n = seat_activity(s, "Revit", day(2026, 1, 15), 12, &m);
	assert_int_equal(n, 3);
	assert_true(m[0].month == day(2025, 11, 1) && m[2].month == day(2026, 1, 1));
	assert_int_equal(m[0].seats, 10);
	assert_int_equal(m[0].active, 6);
	assert_int_equal(m[1].active, 8);
	assert_int_equal(m[2].active, 7);
	assert_int_equal(m[2].assigned, -1);
	free(m);
	/* two months back from December: November and December */
	n = seat_activity(s, "Maya", day(2025, 12, 1), 2, &m);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].seats, 4);
	assert_int_equal(m[1].active, 3);
	free(m);
	assert_int_equal(seat_activity(s, "Civil 3D", day(2026, 1, 1), 12, &m), 0);	/* upfront only */
	assert_int_equal(seat_activity(s, "Nothing", day(2026, 1, 1), 12, &m), 0);
	store_free(s);
	/* 5 of 10 over 4 cells: 16 eighths, two full cells */
	assert_string_equal(seat_bar(5, 10, 4, 0, buf, sizeof buf), "\xe2\x96\x88\xe2\x96\x88");
	assert_string_equal(seat_bar(5, 10, 4, 1, buf, sizeof buf), "##");
	/* 3 of 8 over 2 cells: 6 eighths, one 6/8 block; ASCII rounds to one cell */
	assert_string_equal(seat_bar(3, 8, 2, 0, buf, sizeof buf), "\xe2\x96\x8a");
	assert_string_equal(seat_bar(3, 8, 2, 1, buf, sizeof buf), "#");
	assert_string_equal(seat_bar(0, 8, 2, 0, buf, sizeof buf), "");
	assert_string_equal(seat_bar(9, 8, 2, 1, buf, sizeof buf), "##");	/* capped at max */
}

/* Packs that read the same are one line of the tables: the run's length,
 * the sums exact, a pack that differs in any figure starts a line. */
static void
test_runway_pack_runs(void **state)
{
	struct runway_pack p[6];
	struct runway_currency cu;
	struct runway_pack sum;
	(void)state;
	memset(p, 0, sizeof p);
	memset(&cu, 0, sizeof cu);
	for (int i = 0; i < 6; i++) {
		p[i].bought = 100;
		p[i].expires = 200;
		p[i].amount = 1500 * MONEY_ONE;
		p[i].cost = 4500 * MONEY_ONE;
		p[i].billing = i == 5 ? "EUR" : "USD";
		p[i].used = 1500 * MONEY_ONE;
		p[i].row = (size_t)i;
	}
	p[2].used = 700 * MONEY_ONE;	/* drawn in part */
	p[2].left = 800 * MONEY_ONE;
	p[4].expires = DATE_NULL;
	cu.pack = p;
	cu.npacks = 6;
	assert_int_equal(runway_pack_run(&cu, 0), 2);
	assert_int_equal(runway_pack_run(&cu, 2), 1);
	assert_int_equal(runway_pack_run(&cu, 3), 1);	/* 4 expires otherwise */
	assert_int_equal(runway_pack_run(&cu, 4), 1);
	assert_int_equal(runway_pack_run(&cu, 5), 1);	/* 5 is priced in EUR */
	p[3].expires = DATE_NULL;
	assert_int_equal(runway_pack_run(&cu, 3), 2);
	runway_pack_sum(&cu, 0, 2, &sum);
	assert_true(sum.amount == 3000 * MONEY_ONE && sum.cost == 9000 * MONEY_ONE && sum.used == 3000 * MONEY_ONE);
	assert_true(sum.left == 0 && sum.bought == 100 && sum.expires == 200 && sum.row == 0);
	p[0].cost = p[1].cost = MONEY_NULL;	/* no price in the data: none summed */
	runway_pack_sum(&cu, 0, 2, &sum);
	assert_true(sum.cost == MONEY_NULL);
	p[1].will_expire = 1;
	assert_int_equal(runway_pack_run(&cu, 0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_no_virtual_currency),
		cmocka_unit_test(test_runway),
		cmocka_unit_test(test_runway_past_expiry),
		cmocka_unit_test(test_runway_beyond),
		cmocka_unit_test(test_runway_one_instant),
		cmocka_unit_test(test_runway_slices),
		cmocka_unit_test(test_runway_pack_runs),
		cmocka_unit_test(test_seat_activity),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
