/* Unit tests: the text table laid out for a width (grid.c), which the
 * runway's and the renewal calendar's tables use in the CLI and the
 * explorer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "grid.h"

/* Month | Used | Of it billed 0 (optional) | Will expire* (short: Exp*, marked) */
static struct grid
sample(void)
{
	static const struct grid_col cols[] = {{"Month", NULL, 1, 0, 0}, {"Used", NULL, 0, 0, 0},
	    {"Of it billed 0", NULL, 0, 1, 0}, {"Will expire*", "Exp*", 0, 0, '!'}};
	struct grid t;
	memset(&t, 0, sizeof t);
	t.ncols = 4;
	t.indent = 2;
	t.gap = 1;
	memcpy(t.c, cols, sizeof cols);
	snprintf(grid_cell(&t, 0, 0), GRID_CELL, "2025-01");
	snprintf(grid_cell(&t, 0, 1), GRID_CELL, "1,169.47");
	snprintf(grid_cell(&t, 0, 2), GRID_CELL, "72.38");
	snprintf(grid_cell(&t, 0, 3), GRID_CELL, "-");
	snprintf(grid_cell(&t, 1, 0), GRID_CELL, "2025-02");
	snprintf(grid_cell(&t, 1, 1), GRID_CELL, "2.73");
	snprintf(grid_cell(&t, 1, 2), GRID_CELL, "0.00");
	snprintf(grid_cell(&t, 1, 3), GRID_CELL, "112.00*");
	return t;
}

/* a grid of ncols columns, gap spaces apart, no indent */
static struct grid
plain(int ncols, int gap)
{
	struct grid t;
	memset(&t, 0, sizeof t);
	t.ncols = ncols;
	t.gap = gap;
	return t;
}

static void
lines(const struct grid *t, char out[3][200])
{
	for (size_t r = 0; r < 3; r++)
		grid_line(t, r, out[r], sizeof out[r]);
}

/* any width: every column as wide as its widest cell or heading */
static void
test_any_width(void **state)
{
	struct grid t = sample();
	char l[3][200];
	(void)state;
	assert_int_equal(grid_fit(&t, -1), 2 + 7 + 1 + 8 + 1 + 14 + 1 + 12);
	lines(&t, l);
	assert_string_equal(l[0], "  Month       Used Of it billed 0 Will expire*");
	assert_string_equal(l[1], "  2025-01 1,169.47          72.38            -");
	/* the mark goes before a projected cell and is not measured */
	assert_string_equal(l[2], "  2025-02     2.73           0.00      !112.00*");
	grid_free(&t);
	assert_null(t.cell);
	assert_int_equal(t.n, 0);
}

/* narrower: the optional column goes first, then the short heading */
static void
test_narrow(void **state)
{
	struct grid t = sample();
	char l[3][200];
	(void)state;
	assert_int_equal(grid_fit(&t, 40), 2 + 7 + 1 + 8 + 1 + 12);
	lines(&t, l);
	assert_string_equal(l[0], "  Month       Used Will expire*");
	assert_string_equal(l[1], "  2025-01 1,169.47            -");
	assert_int_equal(t.shorter, 0);
	assert_int_equal(grid_fit(&t, 25), 2 + 7 + 1 + 8 + 1 + 7);
	assert_int_equal(t.shorter, 1);
	lines(&t, l);
	assert_string_equal(l[0], "  Month       Used    Exp*");
	assert_string_equal(l[2], "  2025-02     2.73 !112.00*");
	/* wide enough again: everything back */
	assert_int_equal(grid_fit(&t, 80), 46);
	assert_int_equal(t.show[2], 1);
	assert_int_equal(t.shorter, 0);
	grid_free(&t);
}

/* the CLI's layout: no indent, two spaces between, trailing blanks dropped,
 * and a line never longer than its buffer */
static void
test_cli_and_cut(void **state)
{
	struct grid t = plain(3, 2);
	char l[3][200], small[12];
	(void)state;
	t.c[0].head = "BOUGHT";
	t.c[0].left = 1;
	t.c[1].head = "AMOUNT";
	t.c[2].head = "NOTE";
	t.c[2].left = 1;
	snprintf(grid_cell(&t, 1, 0), GRID_CELL, "2026-01-15");	/* row 0 left empty */
	snprintf(grid_cell(&t, 1, 1), GRID_CELL, "1,500.00");
	grid_fit(&t, -1);
	lines(&t, l);
	assert_string_equal(l[0], "BOUGHT        AMOUNT  NOTE");
	assert_string_equal(l[1], "");
	assert_string_equal(l[2], "2026-01-15  1,500.00");
	grid_line(&t, 2, small, sizeof small);
	assert_string_equal(small, "2026-01-15");
	assert_int_equal(strlen(small), 10);
	grid_line(&t, 0, small, 1);
	assert_string_equal(small, "");
	grid_free(&t);
}

/* widths are display columns, not bytes */
static void
test_utf8_width(void **state)
{
	struct grid t = plain(2, 1);
	char l[200];
	(void)state;
	t.c[0].head = "P";
	t.c[0].left = 1;
	t.c[1].head = "Price";
	snprintf(grid_cell(&t, 0, 0), GRID_CELL, "\xe2\x82\xac\xe2\x82\xac");	/* two euro signs */
	snprintf(grid_cell(&t, 0, 1), GRID_CELL, "9");
	assert_int_equal(grid_fit(&t, -1), 2 + 1 + 5);
	grid_line(&t, 1, l, sizeof l);
	assert_string_equal(l, "\xe2\x82\xac\xe2\x82\xac     9");
	grid_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_any_width),
		cmocka_unit_test(test_narrow),
		cmocka_unit_test(test_cli_and_cut),
		cmocka_unit_test(test_utf8_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
