/* chart.h - the explorer's time chart (T) laid out without curses: the
 * metric per period of a path, one horizontal bar a period, the bars scaled
 * to the largest value, as many periods as the rows hold (the latest first
 * on screen when they do not all fit) and bars as wide as the columns left
 * after the label, the value and the partial-period note. ui_chart.c draws
 * what this computes; tests/test_pivot.c checks it. */
#ifndef FOCAL_CHART_H
#define FOCAL_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "store.h"

/* The metric per period of a period dimension under filters: v[k] for
 * period code k + 1 (codes are in time order), has[k] when some row has a
 * value. n is the number of periods. */
struct chart_series {
	size_t n;
	money_t *v;
	unsigned char *has;
	money_t max;		/* the largest value (0 when none is above 0) */
};
void chart_series(const struct store *, const struct dim *period, const struct filter *f, int nf, enum metric m,
    struct chart_series *out);
void chart_series_free(struct chart_series *);

struct chart_layout {
	size_t top, n;		/* the periods shown: [top, top + n) */
	int label_x, value_x, bar_x, note_x;	/* columns: value_x is where the value ends (right-aligned) */
	int bar_w;		/* cells of the largest bar */
};

/* Lays a chart of nper periods out in cols x rows lines: the columns of
 * the label (label_w), the value (value_w), the bar, and the note after it
 * (note_w, 0: none); which periods fit, keeping cur on screen (*top is the
 * first period shown, kept when it can be). */
void chart_fit(size_t nper, size_t cur, size_t *top, int rows, int cols, int label_w, int value_w, int note_w,
    struct chart_layout *out);

/* The bar of v against max in eighths of a cell, for a bar of width cells:
 * exact, rounded to the nearest eighth; at least one eighth for a value
 * above 0; 0 for nothing, a negative value or an overflowed sum. */
int chart_eighths(money_t v, money_t max, int width);

#endif
