/* Unit tests: the explorer's view model (drill.c) and its what-if panel
 * model (whatif_panel.c), without curses or the binary.
 *
 * The drill fixture, BilledCost (EffectiveCost) per service and region:
 *   Alpha    us 10 (1, Jan)   eu 5 (1, Feb)   = 15 (2)
 *   Beta     us  7 (9, Jan)                   =  7 (9)
 *   Gamma    eu  3 (3, Jan)                   =  3 (3)
 *   Delta    us  2 (2, Feb)                   =  2 (2)
 *   Epsilon  eu  1 (4, Feb)                   =  1 (4)
 * in all 28 (20), 6 rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dim_rank.h"
#include "drill.h"
#include "load.h"
#include "profile.h"
#include "query.h"
#include "store.h"
#include "value.h"
#include "whatif_panel.h"

static const char drill_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,RegionName\n"
    "10,1,2025-01-01T00:00:00Z,Alpha,us\n"
    "5,1,2025-02-01T00:00:00Z,Alpha,eu\n"
    "7,9,2025-01-01T00:00:00Z,Beta,us\n"
    "3,3,2025-01-01T00:00:00Z,Gamma,eu\n"
    "2,2,2025-02-01T00:00:00Z,Delta,us\n"
    "1,4,2025-02-01T00:00:00Z,Epsilon,eu\n";

/* Two seat products as of 2026-01: Maya monthly 4 x $245 a month, Revit
 * annual 10 x $3,000 a year (renewing 2026-07-01); $3,480 a month in all. */
#define D(y, m) #y "-" #m "-01T00:00:00Z"
static const char seats_csv[] =
    "ChargeCategory,ChargeFrequency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,"
    "BilledCost,EffectiveCost,PricingQuantity,ContractedUnitPrice,ListUnitPrice,ServiceName,SkuId,SkuMeter,"
    "x_SubscriptionId,x_Term,BillingCurrency\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",980,980,4,245,245,Maya,ADSK-SEAT-MAYA-MONTHLY,Product Seats,SUB-M,monthly,USD\n"
    "Purchase,One-Time," D(2025, 07) "," D(2026, 07) "," D(2025, 07) "," D(2025, 08)
    ",30000,0,10,3000,3000,Revit,ADSK-SEAT-REVIT-ANNUAL,Product Seats,SUB-R,annual,USD\n"
    "Purchase,Recurring," D(2026, 01) "," D(2026, 02) "," D(2026, 01) "," D(2026, 02)
    ",0,2500,10,250,250,Revit,ADSK-SEAT-REVIT-ANNUAL,Product Seats,SUB-R,annual,USD\n";

static const char seats_profile[] =
    "[profile]\n"
    "name = autodesk\n"
    "title = Autodesk\n"
    "provider = SkuMeter ~ *\n"
    "drill = ServiceName, meter\n"
    "meter-fallback = SkuMeter\n"
    "[meter product_seats]\n"
    "unit = seat-month\n"
    "match = SkuMeter ~ Product Seats\n";

static char tmpdir[] = "/tmp/focal-drill-XXXXXX";

/* A store points at the profiles it was finished with (store_profile), so
 * they live until the group's teardown, not only until store_finish. */
static struct profile *kept[32];
static int nkept;

static struct store *
load(const char *name, const char *text, const char *profile_text)
{
	char path[300], err[512];
	struct load_opts o = {0};
	struct profile *p[2];
	struct store *s = store_new();
	int n = 0;
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(load_file(s, path, &o, err, sizeof err), LOAD_OK);
	assert_int_equal(store_nrejects(s), 0);
	if (profile_text) {
		p[n] = profile_parse(profile_text, strlen(profile_text), "test.profile", err, sizeof err);
		assert_non_null(p[n]);
		n++;
	}
	p[n++] = profile_generic();
	store_finish(s, (const struct profile *const *)p, n);
	for (int i = 0; i < n; i++) {
		assert_true(nkept < (int)(sizeof kept / sizeof kept[0]));
		kept[nkept++] = p[i];
	}
	return s;
}

static const char *
dec(money_t v)
{
	static char buf[8][96];
	static int k;
	k = (k + 1) % 8;
	money_format(v, -1, 0, 0, buf[k], sizeof buf[k]);
	return buf[k];
}

/* A drill over ServiceName then RegionName, BilledCost, top n. */
static struct store *
open_drill(struct drill *d, size_t top)
{
	struct store *s = load("drill.csv", drill_csv, NULL);
	struct dim path[2];
	char err[256];
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[0], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "RegionName", GRAIN_MONTH, &path[1], err, sizeof err), 0);
	drill_init(d, s, path, 2, M_BILLED, GRAIN_MONTH, top);
	drill_refresh(d);
	return s;
}

/* The labels of the list, joined by spaces. */
static const char *
list(struct drill *d)
{
	static char out[512];
	struct drill_view *v;
	char buf[256];
	size_t o = 0;
	drill_refresh(d);
	v = drill_view(d);
	out[0] = '\0';
	for (size_t i = 0; i < v->shown.n; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? " " : "",
		    drill_label(d, v, i, buf, sizeof buf));
	return out;
}

static money_t
line_sum(struct drill *d, size_t i)
{
	struct drill_view *v = drill_view(d);
	assert_true(i < v->shown.n);
	return v->shown.g[i].sum[d->metric];
}

static void
test_groups_in_value_order(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	(void)state;
	assert_string_equal(list(&d), "Alpha Beta Gamma Delta Epsilon");
	assert_int_equal(d.depth, 1);
	assert_string_equal(dec(drill_view(&d)->res.total.sum[M_BILLED]), "28");
	assert_string_equal(dec(d.grand.sum[M_BILLED]), "28");
	assert_string_equal(dec(line_sum(&d, 0)), "15");
	assert_string_equal(dec(line_sum(&d, 4)), "1");
	assert_null(drill_view(&d)->crumb);
	drill_free(&d);
	store_free(s);
}

/* A level's selection (query_sel.c) is made when the explorer is idle
 * after the level's first pass, not on the key that opened it: here under
 * a range, which the trend (its other pass) leaves out. */
static void
test_idle_remembers_level(void **state)
{
	struct drill d;
	size_t was = query_sel_min_rows(0);
	struct store *s = open_drill(&d, 0);
	unsigned long b0, p0, u0, b1, p1, u1;
	char err[256];
	(void)state;
	assert_int_equal(drill_set_range(&d, "2025-02", err, sizeof err), 0);
	assert_string_equal(list(&d), "Alpha Delta Epsilon");
	assert_int_equal(drill_into(&d, 0), 0);	/* Alpha in 2025-02: one row of six */
	query_sel_stats(&b0, &p0, &u0);
	assert_string_equal(list(&d), "eu");	/* the key's pass */
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0);
	while (drill_idle(&d))
		;
	query_sel_stats(&b1, &p1, &u1);
	assert_int_equal(b1, b0 + 1);
	drill_free(&d);
	store_free(s);
	query_sel_min_rows(was);
}

static void
test_drill_and_back(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	struct drill_view *v;
	struct filter f[16];
	char name[64];
	(void)state;
	assert_int_equal(drill_into(&d, 0), 0);	/* into Alpha */
	assert_int_equal(d.depth, 2);
	v = drill_view(&d);
	dim_name(s, &v->dim, name, sizeof name);
	assert_string_equal(name, "RegionName");
	assert_string_equal(v->crumb, "Alpha");
	assert_string_equal(list(&d), "us eu");
	assert_string_equal(dec(v->res.total.sum[M_BILLED]), "15");
	assert_string_equal(dec(line_sum(&d, 0)), "10");
	/* the filters of the view: the path down to it */
	assert_int_equal(drill_filters(&d, v, f), 1);
	dim_name(s, &f[0].dim, name, sizeof name);
	assert_string_equal(name, "ServiceName");
	/* RegionName is the last dimension of the path: a leaf */
	assert_int_equal(drill_into(&d, 0), -1);
	assert_int_equal(d.depth, 2);
	assert_int_equal(drill_back(&d), 0);
	assert_int_equal(d.depth, 1);
	assert_string_equal(list(&d), "Alpha Beta Gamma Delta Epsilon");
	assert_int_equal(drill_back(&d), -1);	/* at the top already */
	/* into another group: a new view, not the old one again */
	assert_int_equal(drill_into(&d, 2), 0);	/* Gamma */
	assert_string_equal(drill_view(&d)->crumb, "Gamma");
	assert_string_equal(list(&d), "eu");
	assert_string_equal(dec(drill_view(&d)->res.total.sum[M_BILLED]), "3");
	drill_free(&d);
	store_free(s);
}

static void
test_top_n_and_other(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 3);
	struct drill_view *v;
	(void)state;
	/* the first three groups, then one line for the other two */
	assert_string_equal(list(&d), "Alpha Beta Gamma Other (2)");
	v = drill_view(&d);
	assert_int_equal(v->shown.n, 4);
	assert_int_equal(v->shown.g[3].folded, 2);
	assert_string_equal(dec(line_sum(&d, 3)), "3");	/* 2 + 1 */
	assert_int_equal(v->shown_gi[3], SIZE_MAX);
	assert_int_equal(v->nmatch, 5);
	assert_string_equal(dec(v->shown.total.sum[M_BILLED]), "28");
	/* entering Other unfolds it in place */
	assert_int_equal(drill_into(&d, 3), 1);
	assert_int_equal(d.depth, 1);
	assert_string_equal(list(&d), "Alpha Beta Gamma Delta Epsilon");
	drill_free(&d);
	/* a top as long as the list folds nothing */
	store_free(s);
	s = open_drill(&d, 5);
	assert_string_equal(list(&d), "Alpha Beta Gamma Delta Epsilon");
	drill_free(&d);
	store_free(s);
}

static void
test_search(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	struct drill_view *v;
	(void)state;
	drill_set_search(&d, "TA");	/* any case, any part of the label */
	assert_string_equal(list(&d), "Beta Delta");
	v = drill_view(&d);
	assert_int_equal(v->nmatch, 2);
	assert_string_equal(dec(v->match_sum), "9");
	assert_true(drill_line_matches(&d, v, 0));
	/* the total of the view is every group's, not the matches' */
	assert_string_equal(dec(v->res.total.sum[M_BILLED]), "28");
	drill_set_search(&d, "nothing like it");
	assert_string_equal(list(&d), "");
	assert_int_equal(drill_view(&d)->nmatch, 0);
	drill_set_search(&d, "");
	assert_string_equal(list(&d), "Alpha Beta Gamma Delta Epsilon");
	drill_free(&d);
	store_free(s);
	/* matches are folded to the top N after the search */
	s = open_drill(&d, 2);
	drill_set_search(&d, "a");	/* all but Epsilon */
	assert_string_equal(list(&d), "Alpha Beta Other (2)");
	assert_string_equal(dec(line_sum(&d, 2)), "5");	/* Gamma 3 + Delta 2 */
	assert_string_equal(dec(drill_view(&d)->match_sum), "27");
	drill_free(&d);
	store_free(s);
}

static void
test_sort_and_metric(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	(void)state;
	drill_set_sort(&d, SORT_NAME, 0);
	assert_string_equal(list(&d), "Alpha Beta Delta Epsilon Gamma");
	drill_set_sort(&d, SORT_NAME, 1);
	assert_string_equal(list(&d), "Gamma Epsilon Delta Beta Alpha");
	drill_set_sort(&d, SORT_VALUE, 1);
	assert_string_equal(list(&d), "Epsilon Delta Gamma Beta Alpha");
	drill_set_sort(&d, SORT_VALUE, 0);
	drill_set_metric(&d, M_EFFECTIVE);
	assert_string_equal(list(&d), "Beta Epsilon Gamma Alpha Delta");
	assert_string_equal(dec(line_sum(&d, 0)), "9");
	assert_string_equal(dec(drill_view(&d)->res.total.sum[M_EFFECTIVE]), "20");
	/* a new level takes the sort chosen last */
	drill_set_sort(&d, SORT_NAME, 0);
	assert_int_equal(drill_into(&d, 0), 0);	/* Alpha */
	assert_string_equal(list(&d), "eu us");
	drill_free(&d);
	store_free(s);
}

static void
test_periods_window_rows(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	struct drill_rows r = {0};
	struct dim per;
	char err[256], buf[64];
	(void)state;
	assert_int_equal(d.nperiods, 2);
	/* periods list in time order, whatever the sort */
	assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &per, err, sizeof err), 0);
	drill_set_dim(&d, &per);
	assert_string_equal(list(&d), "2025-01 2025-02");
	assert_string_equal(dec(line_sum(&d, 0)), "20");
	/* a window of one period narrows every view */
	drill_set_window(&d, 2);
	assert_string_equal(list(&d), "2025-02");
	assert_string_equal(dec(drill_view(&d)->res.total.sum[M_BILLED]), "8");
	drill_set_window(&d, 0);
	assert_string_equal(list(&d), "2025-01 2025-02");
	/* the rows behind a line */
	drill_rows_open(&r, &d, 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.title, "2025-02");
	assert_string_equal(dec(r.g.sum[M_BILLED]), "8");
	assert_string_equal(store_cell(s, drill_rows_get(&r, s, 0), store_find_column(s, "ServiceName"), buf,
	    sizeof buf), "Alpha");
	assert_int_equal(drill_rows_get(&r, s, 3), SIZE_MAX);
	drill_rows_free(&r);
	drill_free(&d);
	store_free(s);
}

static void
test_export(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 2);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	(void)state;
	assert_non_null(f);
	/* every group, not the folded list on screen */
	assert_int_equal(drill_export(&d, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "ServiceName,"));
	assert_non_null(strstr(buf, "\nEpsilon,"));
	assert_null(strstr(buf, "Other"));
	free(buf);
	drill_free(&d);
	store_free(s);
}

static void
test_whatif_panel(void **state)
{
	struct store *s = load("seats.csv", seats_csv, seats_profile);
	struct whatif_panel w = {0};
	char err[256], path[300], buf[64];
	(void)state;
	assert_int_equal(whatif_panel_open(&w, s, NULL), 0);
	assert_true(w.loaded && w.opened);
	assert_int_equal(w.m.n, 2);
	assert_int_equal(whatif_panel_items(&w), w.m.n + w.nsg);
	assert_false(w.sim.active);
	assert_string_equal(dec(w.sim.total.month_before), "3480");
	/* one Maya seat less saves $245 a month, from the next month */
	size_t maya = strcmp(w.m.p[0].name, "Maya") == 0 ? 0 : 1, revit = 1 - maya;
	assert_int_equal(whatif_panel_step(&w, maya, -1, err, sizeof err), 0);
	assert_true(w.sim.active);
	assert_int_equal(w.sim.nchanged, 1);
	assert_string_equal(dec(w.sim.total.month_saving), "245");
	whatif_panel_starts(&w, maya, 1, buf, sizeof buf);
	assert_string_equal(buf, "2026-02-01");
	/* a refused change leaves no trace, in the scenario or its history */
	assert_int_equal(whatif_panel_apply(&w, revit, "-11", err, sizeof err), -1);
	assert_int_equal(w.sim.nchanged, 1);
	assert_int_equal(whatif_panel_apply(&w, revit, "-10%", err, sizeof err), 0);
	assert_int_equal(w.sim.nchanged, 2);
	assert_string_equal(dec(w.sim.total.month_saving), "495");	/* 245 + 3000 / 12 */
	whatif_panel_starts(&w, revit, 0, buf, sizeof buf);
	assert_string_equal(buf, "2026-07-01 (renewal)");
	/* saved, cleared, loaded back */
	snprintf(path, sizeof path, "%s/scenario", tmpdir);
	assert_int_equal(whatif_panel_save(&w, path, 0, err, sizeof err), 0);
	assert_int_equal(whatif_panel_save(&w, path, 0, err, sizeof err), -1);	/* kept unless forced */
	assert_int_equal(whatif_panel_clear(&w), 1);
	assert_false(w.sim.active);
	assert_int_equal(whatif_panel_clear(&w), 0);
	assert_int_equal(whatif_panel_load(&w, path, err, sizeof err), 0);
	assert_int_equal(w.sim.nchanged, 2);
	assert_string_equal(dec(w.sim.total.month_saving), "495");
	/* undo walks back: load, clear, the Revit cut, the Maya cut */
	assert_int_equal(whatif_panel_undo(&w), 1);
	assert_false(w.sim.active);
	assert_int_equal(whatif_panel_undo(&w), 1);
	assert_int_equal(w.sim.nchanged, 2);
	assert_int_equal(whatif_panel_undo(&w), 1);
	assert_int_equal(w.sim.nchanged, 1);
	assert_int_equal(whatif_panel_undo(&w), 1);
	assert_false(w.sim.active);
	assert_int_equal(whatif_panel_undo(&w), 0);
	whatif_panel_price(s, &w.m.p[maya], buf, sizeof buf);
	assert_string_equal(buf, "$245.00/mo");
	whatif_panel_price(s, &w.m.p[revit], buf, sizeof buf);
	assert_string_equal(buf, "$3,000.00/yr");
	whatif_panel_day(DATE_NULL, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
	assert_int_equal(whatif_panel_suggestion(&w, w.nsg, err, sizeof err), -1);
	whatif_panel_free(&w);
	store_free(s);
}

/* The panel of data without seats says so; the drill carries its own panel,
 * built when idle, and its scenario marks the export simulated. */
static void
test_whatif_in_drill(void **state)
{
	struct drill d;
	struct store *s = open_drill(&d, 0);
	(void)state;
	assert_false(d.wi.loaded);
	while (drill_idle(&d))
		;
	assert_true(d.wi.loaded);
	assert_int_equal(whatif_panel_open(&d.wi, s, NULL), -1);
	assert_false(d.wi.sim.active);
	drill_free(&d);
	store_free(s);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* A quarter that holds one month of three (the sample's 2026-Q4, a
 * month-to-date export): no change is read against it, and it says so. */
static const char partial_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ChargePeriodEnd,ServiceName,BillingCurrency\n"
    "30,30,2025-04-01T00:00:00Z,2025-05-01T00:00:00Z,Alpha,USD\n"
    "30,30,2025-05-01T00:00:00Z,2025-06-01T00:00:00Z,Alpha,USD\n"
    "30,30,2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,Alpha,USD\n"
    "40,40,2025-07-01T00:00:00Z,2025-08-01T00:00:00Z,Alpha,USD\n"
    "40,40,2025-08-01T00:00:00Z,2025-09-01T00:00:00Z,Alpha,USD\n"
    "40,40,2025-09-01T00:00:00Z,2025-10-01T00:00:00Z,Alpha,USD\n"
    "45,45,2025-10-01T00:00:00Z,2025-11-01T00:00:00Z,Alpha,USD\n"
    /* a year's seats bought at once: its charge period is its term */
    "1200,100,2025-10-01T00:00:00Z,2026-10-01T00:00:00Z,Beta,USD\n";

static void
test_partial_period(void **state)
{
	struct store *s = load("partial.csv", partial_csv, NULL);
	struct drill d;
	struct dim path[1], per;
	enum drill_change chg;
	double pct;
	char err[256], buf[200];
	(void)state;
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_QUARTER, &path[0], err, sizeof err), 0);
	drill_init(&d, s, path, 1, M_BILLED, GRAIN_QUARTER, 0);
	/* the term purchase does not stretch what the rows cover */
	assert_int_equal(d.cov.end, days_from_civil(2025, 11, 1) * 86400);
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	/* Alpha: Q3 40+40+40 = 120 against Q2 90, not Q4's 45 against 120 (-63%) */
	assert_string_equal(list(&d), "Beta Alpha");
	drill_trend(&d, drill_view(&d), 1, &chg, &pct);
	assert_int_equal(chg, CHG_PCT);
	assert_true(pct > 33.3 && pct < 33.4);
	drill_change_note(&d, buf, sizeof buf);
	assert_string_equal(buf, "change: 2025-Q3 vs 2025-Q2 (2025-Q4 is partial: 1 of 3 months)");
	/* the periods themselves: Q4 is marked and has no change */
	assert_int_equal(dim_parse(s, "period", GRAIN_QUARTER, &per, err, sizeof err), 0);
	drill_set_dim(&d, &per);
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	assert_string_equal(list(&d), "2025-Q2 2025-Q3 2025-Q4");
	assert_null(drill_period_note(&d, drill_view(&d), 1, buf, sizeof buf));
	assert_string_equal(drill_period_note(&d, drill_view(&d), 2, buf, sizeof buf), "1 of 3 months");
	drill_trend(&d, drill_view(&d), 2, &chg, &pct);
	assert_int_equal(chg, CHG_PARTIAL);
	/* a range that cuts a quarter makes it partial as the export's end does:
	 * 2025-05..2025-09 keeps two months of Q2 (60, not 90) */
	assert_int_equal(drill_set_range(&d, "2025-05..2025-09", err, sizeof err), 0);
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	assert_string_equal(list(&d), "2025-Q2 2025-Q3");
	assert_string_equal(drill_period_note(&d, drill_view(&d), 0, buf, sizeof buf), "2 of 3 months");
	assert_null(drill_period_note(&d, drill_view(&d), 1, buf, sizeof buf));
	drill_trend(&d, drill_view(&d), 0, &chg, &pct);
	assert_int_equal(chg, CHG_PARTIAL);
	assert_int_equal(drill_set_range(&d, "all", err, sizeof err), 0);
	/* at month grain every month is whole: the change is the last one's */
	drill_set_grain(&d, GRAIN_MONTH);
	drill_change_note(&d, buf, sizeof buf);
	assert_string_equal(buf, "");
	drill_free(&d);
	store_free(s);
}

/* Sorted by change, a key computes the changes alone (the two months
 * compared); the trend follows when idle and agrees with them. The range
 * joins that pass only when it holds both months: a one-month range must
 * not hide the month before it. */
static const char change_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ChargePeriodEnd,ServiceName,BillingCurrency\n"
    "10,10,2025-07-01T00:00:00Z,2025-08-01T00:00:00Z,Alpha,USD\n"
    "20,20,2025-08-01T00:00:00Z,2025-09-01T00:00:00Z,Alpha,USD\n"
    "30,30,2025-09-01T00:00:00Z,2025-10-01T00:00:00Z,Alpha,USD\n"
    "50,50,2025-07-01T00:00:00Z,2025-08-01T00:00:00Z,Beta,USD\n"
    "40,40,2025-08-01T00:00:00Z,2025-09-01T00:00:00Z,Beta,USD\n"
    "10,10,2025-09-01T00:00:00Z,2025-10-01T00:00:00Z,Beta,USD\n"
    "5,5,2025-07-01T00:00:00Z,2025-08-01T00:00:00Z,Gamma,USD\n"
    "8,8,2025-09-01T00:00:00Z,2025-10-01T00:00:00Z,Gamma,USD\n";

/* Each line's change, "label:chg:pct", joined by spaces. */
static const char *
changes(struct drill *d)
{
	static char out[512];
	struct drill_view *v = drill_view(d);
	char buf[64];
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < v->shown.n; i++) {
		enum drill_change chg;
		double pct;
		drill_trend(d, v, i, &chg, &pct);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%d:%.1f", i ? " " : "",
		    drill_label(d, v, i, buf, sizeof buf), (int)chg, pct);
	}
	return out;
}

static void
test_change_before_trend(void **state)
{
	static const char *const ranges[] = {"all", "2025-09", "2025-08..2025-09"};
	/* the same under each range; Gamma: nothing in 08, new in 09 */
	static const char want[] = "Gamma:2:0.0 Alpha:1:50.0 Beta:1:-75.0";
	struct store *s = load("change.csv", change_csv, NULL);
	struct drill d;
	struct dim path[1];
	char err[256], before[512];
	(void)state;
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[0], err, sizeof err), 0);
	drill_init(&d, s, path, 1, M_BILLED, GRAIN_MONTH, 0);
	drill_set_sort(&d, SORT_CHANGE, 0);
	for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
		enum drill_change chg;
		double pct;
		assert_int_equal(drill_set_range(&d, ranges[k], err, sizeof err), 0);
		drill_refresh(&d);
		/* the key's answer: changes and order, no trend yet */
		assert_true(drill_busy(&d));
		assert_null(drill_trend(&d, drill_view(&d), 1, &chg, &pct));
		snprintf(before, sizeof before, "%s", changes(&d));
		assert_string_equal(before, want);
		while (drill_idle(&d))
			;
		assert_false(drill_busy(&d));
		assert_non_null(drill_trend(&d, drill_view(&d), 1, &chg, &pct));
		assert_string_equal(changes(&d), before);
	}
	drill_free(&d);
	store_free(s);
}

/* Below a period drilled into, the change is that period's against the
 * one before it (the path's own period filter left out of the trend: under
 * it the month before had no rows and every group read "new"). */
static void
test_change_under_period(void **state)
{
	struct store *s = load("change.csv", change_csv, NULL);
	struct drill d;
	struct dim path[2];
	char err[256], buf[200];
	(void)state;
	assert_int_equal(dim_parse(s, "period", GRAIN_MONTH, &path[0], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[1], err, sizeof err), 0);
	drill_init(&d, s, path, 2, M_BILLED, GRAIN_MONTH, 0);
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	assert_string_equal(list(&d), "2025-07 2025-08 2025-09");
	drill_into(&d, 2);	/* the last month */
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	assert_string_equal(changes(&d), "Alpha:1:50.0 Beta:1:-75.0 Gamma:2:0.0");
	drill_change_note(&d, buf, sizeof buf);
	assert_string_equal(buf, "");
	drill_back(&d);
	drill_into(&d, 1);	/* August: against July, not the data's last two */
	drill_refresh(&d);
	while (drill_idle(&d))
		;
	assert_string_equal(changes(&d), "Beta:1:-20.0 Alpha:1:100.0");
	drill_free(&d);
	/* more periods than the list keeps: the latest stay, the oldest fold
	 * into an Other line at the top (it kept the first ones) */
	drill_init(&d, s, path, 1, M_BILLED, GRAIN_MONTH, 1);
	assert_string_equal(list(&d), "Other (2) 2025-09");
	drill_free(&d);
	store_free(s);
}

/* Money in two currencies: one shown at a time, each with its own total. */
static const char currencies_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ServiceName,BillingCurrency\n"
    "1.50,1.50,2026-01-01T00:00:00Z,A,EUR\n"
    "3,3,2026-01-01T00:00:00Z,B,EUR\n"
    "2.25,2.25,2026-01-01T00:00:00Z,B,USD\n";

static void
test_currencies(void **state)
{
	struct store *s = load("currencies.csv", currencies_csv, NULL);
	struct drill d;
	struct dim path[1];
	char err[256], buf[64];
	(void)state;
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[0], err, sizeof err), 0);
	drill_init(&d, s, path, 1, M_BILLED, GRAIN_MONTH, 0);
	drill_refresh(&d);
	assert_true(d.split_cur);
	/* the currency with the most rows first; B's USD is not added in */
	assert_string_equal(drill_currency(&d, buf, sizeof buf), "EUR");
	assert_string_equal(list(&d), "B A");
	assert_string_equal(dec(line_sum(&d, 0)), "3");
	assert_string_equal(dec(d.grand.sum[M_BILLED]), "4.5");
	drill_next_currency(&d);
	drill_refresh(&d);
	assert_string_equal(drill_currency(&d, buf, sizeof buf), "USD");
	assert_string_equal(list(&d), "B");
	assert_string_equal(dec(d.grand.sum[M_BILLED]), "2.25");
	drill_next_currency(&d);
	assert_string_equal(drill_currency(&d, buf, sizeof buf), "EUR");
	drill_free(&d);
	store_free(s);
}

/* ---- the dimension chooser's ranking (dim_rank.c) ---- */

static const char rank_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,RegionName,AvailabilityZone,ServiceName,SkuId,Tags\n"
    "1,1,2025-01-01T00:00:00Z,us,,Alpha,S1,\"{\"\"team\"\":\"\"a\"\"}\"\n"
    "2,2,2025-02-01T00:00:00Z,us,,Beta,S2,\"{\"\"team\"\":\"\"b\"\"}\"\n"
    "3,3,2025-02-01T00:00:00Z,us,,Beta,S3,\n";

static const char rank_profile[] =
    "[profile]\n"
    "name = ranked\n"
    "title = Ranked\n"
    "provider = SkuId ~ *\n"
    "drill = SkuId, ServiceName\n";

static size_t
rank_of(const struct dim_ranked *d, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].name, name) == 0)
			return i;
	fail_msg("%s is not ranked", name);
	return SIZE_MAX;
}

static void
test_dim_rank(void **state)
{
	struct store *s = load("rank.csv", rank_csv, rank_profile);
	struct dim_ranked *d;
	size_t n = dim_rank(s, GRAIN_MONTH, &d), idx[64], k;
	size_t sku, svc, tag, date, tags, per, reg, az;
	char note[64];
	(void)state;
	assert_true(n > 6 && n < 64);
	sku = rank_of(d, n, "SkuId");
	svc = rank_of(d, n, "ServiceName");
	tag = rank_of(d, n, "tag:team");
	date = rank_of(d, n, "ChargePeriodStart");
	tags = rank_of(d, n, "Tags");
	per = rank_of(d, n, "period:month");
	reg = rank_of(d, n, "RegionName");
	az = rank_of(d, n, "AvailabilityZone");
	/* the drill path in its order, tags, columns that split, periods, the rest */
	assert_int_equal(sku, 0);
	assert_int_equal(svc, 1);
	assert_int_equal(tag, 2);
	assert_true(tag < date && date < tags && tags < per && per < reg && reg < az);
	assert_int_equal(az, n - 1);	/* all NULL: last of all */
	assert_int_equal(d[sku].cls, DC_DRILL);
	assert_int_equal(d[tag].cls, DC_TAG);
	assert_int_equal(d[date].cls, DC_MULTI);
	assert_int_equal(d[per].cls, DC_PERIOD);
	assert_int_equal(d[reg].cls, DC_USELESS);
	assert_int_equal(d[az].cls, DC_USELESS);
	assert_int_equal(d[sku].nvalues, 3);
	assert_string_equal(dim_rank_note(&d[sku], note, sizeof note), "3 values");
	assert_string_equal(dim_rank_note(&d[reg], note, sizeof note), "1 value");
	assert_string_equal(dim_rank_note(&d[az], note, sizeof note), "all null");
	/* the search: a substring, case ignored, in rank order */
	k = dim_rank_match(d, n, "REGION", idx);
	assert_int_equal(k, 1);
	assert_string_equal(d[idx[0]].name, "RegionName");
	k = dim_rank_match(d, n, "e", idx);
	assert_true(k > 2);
	for (size_t i = 1; i < k; i++)
		assert_true(idx[i - 1] < idx[i]);
	assert_int_equal(dim_rank_match(d, n, "", idx), n);
	assert_int_equal(dim_rank_match(d, n, "nothing-like-it", idx), 0);
	free(d);
	store_free(s);
}

/* ---- the rows behind a group: sort, search, export (drill_rows.c) ---- */

/* The BilledCost of lines 0.. of r, joined by spaces. */
static const char *
rows_costs(struct drill_rows *r, const struct store *s)
{
	static char out[256];
	int c = store_find_column(s, "BilledCost");
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < r->n; i++) {
		money_t v = store_money(s, c, drill_rows_get(r, s, i));
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? " " : "", v == MONEY_NULL ? "-" : dec(v));
	}
	return out;
}

static void
test_rows_sort_search(void **state)
{
	struct drill d;
	struct drill_rows r = {0};
	struct store *s = open_drill(&d, 0);
	(void)state;
	drill_rows_open(&r, &d, SIZE_MAX);	/* every row of the view */
	assert_int_equal(r.n, 6);
	assert_int_equal(r.ncols, 2);	/* ChargePeriodStart, BilledCost */
	assert_int_equal(r.col, 1);	/* the money is the column chosen first */
	assert_int_equal(r.sorted, -1);
	assert_string_equal(rows_costs(&r, s), "10 5 7 3 2 1");
	drill_rows_sort(&r, s, 1, 0);
	assert_string_equal(rows_costs(&r, s), "10 7 5 3 2 1");	/* largest first */
	assert_int_equal(r.sorted, 1);
	drill_rows_sort(&r, s, 1, 1);
	assert_string_equal(rows_costs(&r, s), "1 2 3 5 7 10");
	drill_rows_sort(&r, s, 0, 0);	/* dates: latest first, ties in file order */
	assert_string_equal(rows_costs(&r, s), "5 2 1 10 7 3");
	drill_rows_sort(&r, s, -1, 0);
	assert_string_equal(rows_costs(&r, s), "10 5 7 3 2 1");
	assert_int_equal(r.sorted, -1);

	/* search: the cells shown, from a line on, either way, wrapping */
	drill_rows_set_search(&r, "2025-02");
	assert_int_equal(drill_rows_find(&r, s, 0, 1), 1);
	assert_int_equal(drill_rows_find(&r, s, 2, 1), 4);
	assert_int_equal(drill_rows_find(&r, s, 0, -1), 5);
	assert_int_equal(drill_rows_find(&r, s, 3, -1), 1);
	drill_rows_sort(&r, s, 1, 0);	/* the lines shown, in the order shown */
	assert_int_equal(drill_rows_find(&r, s, 0, 1), 2);	/* 5 (Feb) after 10 and 7 */
	drill_rows_set_search(&r, "no such cell");
	assert_int_equal(drill_rows_find(&r, s, 0, 1), SIZE_MAX);
	drill_rows_set_search(&r, "");
	assert_int_equal(drill_rows_find(&r, s, 0, 1), SIZE_MAX);
	drill_rows_free(&r);

	/* the rows behind one group: Alpha */
	drill_rows_open(&r, &d, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(dec(r.g.sum[M_BILLED]), "15");
	drill_rows_sort(&r, s, 1, 1);
	assert_string_equal(rows_costs(&r, s), "5 10");
	drill_rows_free(&r);
	drill_free(&d);
	store_free(s);
}

static const char rows_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,SkuId,ResourceName\n"
    "1,1,2025-01-01T00:00:00Z,b,10\n"
    ",,2025-01-01T00:00:00Z,,9\n"
    "3,3,2025-01-01T00:00:00Z,A,100\n"
    "4,4,2025-01-01T00:00:00Z,c,\"x, \"\"y\"\"\"\n";

static void
test_rows_texts_nulls_export(void **state)
{
	struct store *s = load("rows.csv", rows_csv, NULL);
	struct drill d;
	struct drill_rows r = {0};
	struct dim by;
	char err[256], *buf = NULL;
	size_t len = 0, count = 0;
	FILE *f;
	(void)state;
	assert_int_equal(dim_parse(s, "SkuId", GRAIN_MONTH, &by, err, sizeof err), 0);
	drill_init(&d, s, &by, 1, M_BILLED, GRAIN_MONTH, 0);
	drill_rows_open(&r, &d, SIZE_MAX);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.ncols, 4);	/* date, BilledCost, SkuId, ResourceName */
	drill_rows_sort(&r, s, 1, 0);
	assert_string_equal(rows_costs(&r, s), "4 3 1 -");	/* NULL last */
	drill_rows_sort(&r, s, 1, 1);
	assert_string_equal(rows_costs(&r, s), "1 3 4 -");	/* ... either way */
	drill_rows_sort(&r, s, 2, 0);	/* texts in byte order */
	assert_string_equal(rows_costs(&r, s), "3 1 4 -");
	drill_rows_sort(&r, s, 2, 1);
	assert_string_equal(rows_costs(&r, s), "4 1 3 -");
	drill_rows_sort(&r, s, 3, 0);	/* numbers as numbers, before texts */
	assert_string_equal(rows_costs(&r, s), "3 1 - 4");
	/* the search ignores case */
	drill_rows_set_search(&r, "a");
	assert_int_equal(drill_rows_get(&r, s, drill_rows_find(&r, s, 0, 1)), 2);

	/* export: every row in the order shown, every column, quoted as
	 * focal report quotes, NULL empty */
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(drill_rows_export(&r, s, f, &count), 0);
	fclose(f);
	assert_int_equal(count, 4);
	assert_string_equal(buf,
	    "BilledCost,EffectiveCost,ChargePeriodStart,SkuId,ResourceName\n"
	    "3,3,2025-01-01T00:00:00Z,A,100\n"
	    "1,1,2025-01-01T00:00:00Z,b,10\n"
	    ",,2025-01-01T00:00:00Z,,9\n"
	    "4,4,2025-01-01T00:00:00Z,c,\"x, \"\"y\"\"\"\n");
	free(buf);
	drill_rows_free(&r);
	drill_free(&d);
	store_free(s);
}

static int
teardown(void **state)
{
	char cmd[300];
	(void)state;
	while (nkept > 0)
		profile_free(kept[--nkept]);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_in_value_order),
		cmocka_unit_test(test_drill_and_back),
		cmocka_unit_test(test_idle_remembers_level),
		cmocka_unit_test(test_top_n_and_other),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_sort_and_metric),
		cmocka_unit_test(test_periods_window_rows),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_whatif_panel),
		cmocka_unit_test(test_whatif_in_drill),
		cmocka_unit_test(test_partial_period),
		cmocka_unit_test(test_change_before_trend),
		cmocka_unit_test(test_change_under_period),
		cmocka_unit_test(test_currencies),
		cmocka_unit_test(test_dim_rank),
		cmocka_unit_test(test_rows_sort_search),
		cmocka_unit_test(test_rows_texts_nulls_export),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
