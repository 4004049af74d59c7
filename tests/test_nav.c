/* Unit tests: the explorer's navigation beyond drilling (drill_nav.c) and
 * saved views (views.c): ranges, chips, marks, undo, the comparison, and a
 * view written and read back.
 *
 * The fixture, BilledCost per service and region:
 *   Alpha    us 10 (Jan)   eu 5 (Feb)   = 15
 *   Beta     us  7 (Jan)                =  7
 *   Gamma    eu  3 (Jan)                =  3
 *   Delta    us  2 (Feb)                =  2
 *   Epsilon  eu  1 (Feb)                =  1
 * in all 28: January 20, February 8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "drill.h"
#include "load.h"
#include "profile.h"
#include "store.h"
#include "value.h"
#include "views.h"

static const char nav_csv[] =
    "BilledCost,EffectiveCost,ChargePeriodStart,ChargePeriodEnd,ServiceName,RegionName\n"
    "10,1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,Alpha,us\n"
    "5,1,2025-02-01T00:00:00Z,2025-03-01T00:00:00Z,Alpha,eu\n"
    "7,9,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,Beta,us\n"
    "3,3,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,Gamma,eu\n"
    "2,2,2025-02-01T00:00:00Z,2025-03-01T00:00:00Z,Delta,us\n"
    "1,4,2025-02-01T00:00:00Z,2025-03-01T00:00:00Z,Epsilon,eu\n";

static char tmpdir[] = "/tmp/focal-nav-XXXXXX";
static struct profile *generic;
static struct store *s;

static int
setup(void **state)
{
	char path[300], err[512];
	struct load_opts o = {0};
	FILE *f;
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/nav.csv", tmpdir);
	if (!(f = fopen(path, "w")))
		return -1;
	fputs(nav_csv, f);
	fclose(f);
	s = store_new();
	if (load_file(s, path, &o, err, sizeof err) != LOAD_OK)
		return -1;
	generic = profile_generic();
	store_finish(s, (const struct profile *const *)&generic, 1);
	unlink(path);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_free(s);
	profile_free(generic);
	rmdir(tmpdir);
	return 0;
}

static void
open_nav(struct drill *d)
{
	struct dim path[2];
	char err[256];
	assert_int_equal(dim_parse(s, "ServiceName", GRAIN_MONTH, &path[0], err, sizeof err), 0);
	assert_int_equal(dim_parse(s, "RegionName", GRAIN_MONTH, &path[1], err, sizeof err), 0);
	drill_init(d, s, path, 2, M_BILLED, GRAIN_MONTH, 0);
	drill_refresh(d);
}

static const char *
total(struct drill *d)
{
	static char buf[96];
	drill_refresh(d);
	money_format(drill_view(d)->res.total.sum[M_BILLED], -1, 0, 0, buf, sizeof buf);
	return buf;
}

/* The line of the list labelled l. */
static size_t
line_of(struct drill *d, const char *l)
{
	struct drill_view *v;
	char buf[256];
	drill_refresh(d);
	v = drill_view(d);
	for (size_t i = 0; i < v->shown.n; i++)
		if (!strcmp(drill_label(d, v, i, buf, sizeof buf), l))
			return i;
	fail_msg("no line %s", l);
	return 0;
}

static void
test_chips(void **state)
{
	struct drill d;
	char buf[256];
	(void)state;
	open_nav(&d);
	assert_int_equal(drill_chip(&d, line_of(&d, "Alpha"), 1), 0);
	assert_string_equal(total(&d), "13");
	assert_string_equal(drill_filter_text(&d, drill_view(&d), 0, buf, sizeof buf), "ServiceName != Alpha");
	/* a chip travels down a drill and stays when coming back */
	assert_int_equal(drill_into(&d, line_of(&d, "Beta")), 0);
	assert_string_equal(total(&d), "7");
	assert_int_equal(drill_view(&d)->nf, 2);
	assert_int_equal(drill_back(&d), 0);
	assert_string_equal(total(&d), "13");
	/* include on another dimension's value, then remove the first chip alone */
	assert_int_equal(drill_chip(&d, line_of(&d, "Gamma"), 0), 0);
	assert_string_equal(total(&d), "3");
	assert_int_equal(drill_unfilter(&d, 0), 0);
	assert_string_equal(drill_filter_text(&d, drill_view(&d), 0, buf, sizeof buf), "ServiceName = Gamma");
	assert_int_equal(drill_view(&d)->chips, 1u);
	assert_int_equal(drill_unfilter(&d, 0), 0);
	assert_string_equal(total(&d), "28");
	assert_int_equal(drill_unfilter(&d, 0), -1);
	drill_free(&d);
}

static void
test_marks_and_undo(void **state)
{
	struct drill d;
	money_t sum;
	char buf[96];
	(void)state;
	open_nav(&d);
	assert_int_equal(drill_mark(&d, line_of(&d, "Alpha")), 1);
	assert_int_equal(drill_mark(&d, line_of(&d, "Gamma")), 1);
	assert_int_equal(drill_marks_sum(&d, &sum), 2);
	money_format(sum, -1, 0, 0, buf, sizeof buf);
	assert_string_equal(buf, "18");
	assert_int_equal(drill_mark(&d, line_of(&d, "Alpha")), 0);
	assert_int_equal(drill_marks_sum(&d, &sum), 1);
	/* undo: a step is remembered only when the navigation changed */
	drill_remember(&d, drill_snap_take(&d));
	assert_int_equal(drill_undo(&d), -1);
	{
		struct drill_snap *b = drill_snap_take(&d);
		drill_set_metric(&d, M_EFFECTIVE);
		drill_remember(&d, b);
	}
	{
		struct drill_snap *b = drill_snap_take(&d);
		assert_int_equal(drill_into(&d, line_of(&d, "Alpha")), 0);
		drill_remember(&d, b);
	}
	assert_int_equal(d.depth, 2);
	assert_int_equal(drill_undo(&d), 0);
	assert_int_equal(d.depth, 1);
	assert_int_equal(d.metric, M_EFFECTIVE);
	assert_int_equal(drill_undo(&d), 0);
	assert_int_equal(d.metric, M_BILLED);
	assert_int_equal(drill_undo(&d), -1);
	drill_history_free(&d);
	drill_free(&d);
}

static void
test_range_and_compare(void **state)
{
	struct drill d;
	struct cmp_result r;
	struct range_cmp rc;
	char err[256], buf[128];
	(void)state;
	open_nav(&d);
	assert_int_equal(drill_set_range(&d, "2025-02", err, sizeof err), 0);
	assert_string_equal(total(&d), "8");
	drill_window_text(&d, 0, buf, sizeof buf);
	assert_string_equal(buf, "month: 2025-02-01..2025-02-28");
	assert_int_equal(drill_set_range(&d, "last9x", err, sizeof err), -1);
	assert_string_equal(total(&d), "8");
	assert_int_equal(drill_compare(&d, &r, &rc), 0);
	assert_int_equal(r.n, 5);
	money_format(r.total.prev, -1, 0, 0, buf, sizeof buf);
	assert_string_equal(buf, "20");
	money_format(r.total.cur, -1, 0, 0, buf, sizeof buf);
	assert_string_equal(buf, "8");
	compare_free(&r);
	assert_int_equal(drill_set_range(&d, "all", err, sizeof err), 0);
	assert_string_equal(total(&d), "28");
	drill_free(&d);
}

static void
test_views(void **state)
{
	struct drill d, e;
	char *spec, note[256], err[256], path[320];
	struct saved_view *v;
	size_t n;
	int mode;
	(void)state;
	open_nav(&d);
	assert_int_equal(drill_set_range(&d, "2025-02", err, sizeof err), 0);
	assert_int_equal(drill_chip(&d, line_of(&d, "Alpha"), 1), 0);
	spec = drill_spec(&d, "compare");
	assert_non_null(strstr(spec, "chip = ServiceName != Alpha\n"));
	assert_non_null(strstr(spec, "range = 2025-02-01..2025-02-28\n"));
	/* written, read back and opened elsewhere: the same figures */
	snprintf(path, sizeof path, "%s/views", tmpdir);
	assert_int_equal(views_save(path, "feb, no alpha", spec, err, sizeof err), 0);
	assert_int_equal(views_save(path, "feb, no alpha", spec, err, sizeof err), 0);	/* replaced, not added */
	assert_int_equal(views_load(path, &v, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "feb, no alpha");
	open_nav(&e);
	assert_int_equal(drill_apply_spec(&e, v[0].spec, &mode, note, sizeof note, err, sizeof err), 0);
	assert_int_equal(mode, 1);
	assert_string_equal(note, "");
	assert_string_equal(total(&e), "3");
	/* a value this data lacks: said, and it matches nothing */
	assert_int_equal(drill_apply_spec(&e, "dim = ServiceName\nstep = ServiceName = Zeta\n", &mode, note,
	    sizeof note, err, sizeof err), 0);
	assert_non_null(strstr(note, "Zeta"));
	assert_string_equal(total(&e), "0");
	assert_int_equal(drill_apply_spec(&e, "colour = red\n", &mode, note, sizeof note, err, sizeof err), -1);
	assert_int_equal(views_save(path, "bad]name", spec, err, sizeof err), -1);
	views_free(v, n);
	unlink(path);
	free(spec);
	drill_free(&e);
	drill_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chips),
		cmocka_unit_test(test_marks_and_undo),
		cmocka_unit_test(test_range_and_compare),
		cmocka_unit_test(test_views),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
