/* Unit tests: the explorer's settings file (settings.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "query.h"
#include "settings.h"
#include "store.h"

/* warnings, collected */
static char warned[16][512];
static int nwarned;

static void
collect(void *ctx, const char *msg)
{
	(void)ctx;
	if (nwarned < 16)
		snprintf(warned[nwarned++], sizeof warned[0], "%s", msg);
}

static int
parse(struct settings *st, const char *text)
{
	nwarned = 0;
	settings_init(st);
	return settings_parse(st, text, strlen(text), "config", collect, NULL);
}

static void
test_defaults(void **state)
{
	struct settings st;
	(void)state;
	assert_int_equal(parse(&st, ""), 0);
	assert_int_equal(st.theme, THEME_DEFAULT);
	assert_int_equal(st.metric, -1);
	assert_int_equal(st.grain, -1);
	assert_int_equal(st.ascii, -1);
	assert_int_equal(st.color, -1);
	assert_int_equal(st.min_cols, 60);
	assert_int_equal(st.min_rows, 17);
	assert_int_equal(st.too_small, SMALL_MESSAGE);
	assert_int_equal(st.top, 100);
	assert_null(settings_drill(&st, "autodesk"));
	settings_free(&st);
}

static void
test_every_key(void **state)
{
	struct settings st;
	const struct settings_drill *d;
	(void)state;
	assert_int_equal(parse(&st,
	    "# a comment\n"
	    "\n"
	    "theme = mono\n"
	    "  METRIC=billedcost  \r\n"
	    "period = quarter\n"
	    "drill = ServiceName, period\n"
	    "drill.autodesk = ServiceSubcategory , meter,tag:area\n"
	    "min-size = 80x24\n"
	    "too-small = draw\n"
	    "top = 25\n"
	    "ascii = yes\n"
	    "colour = never\n"), 0);
	assert_int_equal(nwarned, 0);
	assert_int_equal(st.theme, THEME_MONO);
	assert_int_equal(st.metric, M_BILLED);
	assert_int_equal(st.grain, GRAIN_QUARTER);
	assert_int_equal(st.min_cols, 80);
	assert_int_equal(st.min_rows, 24);
	assert_int_equal(st.too_small, SMALL_DRAW);
	assert_int_equal(st.top, 25);
	assert_int_equal(st.ascii, 1);
	assert_int_equal(st.color, 0);
	d = settings_drill(&st, "AUTODESK");
	assert_non_null(d);
	assert_int_equal(d->ndims, 3);
	assert_string_equal(d->dims[0], "ServiceSubcategory");
	assert_string_equal(d->dims[1], "meter");
	assert_string_equal(d->dims[2], "tag:area");
	/* any other profile gets the general line */
	d = settings_drill(&st, "generic");
	assert_non_null(d);
	assert_int_equal(d->ndims, 2);
	assert_string_equal(d->dims[1], "period");
	assert_non_null(settings_drill(&st, NULL));
	settings_free(&st);
}

static void
test_bad_lines(void **state)
{
	struct settings st;
	(void)state;
	assert_int_equal(parse(&st,
	    "theme = neon\n"
	    "metric = Money\n"
	    "just words\n"
	    "top = 0\n"
	    "min-size = 20x5\n"
	    "min-size = 80by24\n"
	    "ascii = maybe\n"
	    "color = sometimes\n"
	    "drill = A,,B\n"
	    "flavour = salty\n"
	    "period = fortnight\n"
	    "too-small = shrug\n"
	    "top = 7\n"), 12);
	assert_int_equal(nwarned, 12);
	assert_string_equal(warned[0], "config:1: unknown theme 'neon' (default, mono)");
	assert_true(strncmp(warned[1], "config:2: unknown metric 'Money'", 32) == 0);
	assert_string_equal(warned[2], "config:3: expected 'key = value'");
	assert_true(strncmp(warned[3], "config:4: top takes", 19) == 0);
	assert_true(strncmp(warned[4], "config:5: min-size", 18) == 0);
	assert_true(strncmp(warned[5], "config:6: min-size", 18) == 0);
	assert_true(strncmp(warned[9], "config:10: unknown setting 'flavour'", 36) == 0);
	/* the good line after the bad ones still counts; bad ones change nothing */
	assert_int_equal(st.top, 7);
	assert_int_equal(st.theme, THEME_DEFAULT);
	assert_int_equal(st.min_cols, 60);
	assert_null(settings_drill(&st, "x"));
	settings_free(&st);
}

static void
test_no_control_characters(void **state)
{
	struct settings st;
	(void)state;
	assert_int_equal(parse(&st, "theme = \033]0;x\007\n"), 1);
	assert_null(strchr(warned[0], '\033'));
	assert_null(strchr(warned[0], '\007'));
	settings_free(&st);
}

static void
test_drill_replaced(void **state)
{
	struct settings st;
	const struct settings_drill *d;
	(void)state;
	assert_int_equal(parse(&st, "drill.x = A\ndrill.X = B, C\ndrill = D\ndrill = E\n"), 0);
	assert_int_equal(st.ndrills, 2);
	d = settings_drill(&st, "x");
	assert_int_equal(d->ndims, 2);
	assert_string_equal(d->dims[0], "B");
	d = settings_drill(&st, "y");
	assert_string_equal(d->dims[0], "E");
	settings_free(&st);
}

static void
test_files(void **state)
{
	char dir[] = "/tmp/focal-settings-XXXXXX", path[256], *p;
	struct settings st;
	FILE *f;
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/missing", dir);
	settings_init(&st);
	nwarned = 0;
	assert_int_equal(settings_load(&st, path, collect, NULL), 0);
	assert_int_equal(nwarned, 0);
	snprintf(path, sizeof path, "%s/config", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("top = 5\nbogus\n", f);
	fclose(f);
	assert_int_equal(settings_load(&st, path, collect, NULL), 1);
	assert_int_equal(st.top, 5);
	/* the message names the file and the line */
	assert_true(strstr(warned[0], path) == warned[0]);
	assert_non_null(strstr(warned[0], ":2: "));
	settings_free(&st);
	unlink(path);
	rmdir(dir);

	setenv("XDG_CONFIG_HOME", "/x/y", 1);
	p = settings_path();
	assert_string_equal(p, "/x/y/focal/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* not absolute: ignored */
	setenv("HOME", "/home/u", 1);
	p = settings_path();
	assert_string_equal(p, "/home/u/.config/focal/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(settings_path());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_no_control_characters),
		cmocka_unit_test(test_drill_replaced),
		cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
