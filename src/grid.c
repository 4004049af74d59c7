/* grid.c - a text table laid out for a width (see grid.h). */
#include "grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

char *
grid_cell(struct grid *t, size_t row, int col)
{
	if (row >= t->n) {
		t->cell = xreallocarray(t->cell, row + 1, sizeof *t->cell);
		memset(t->cell + t->n, 0, (row + 1 - t->n) * sizeof *t->cell);
		t->n = row + 1;
	}
	return t->cell[row][col];
}

static const char *
head(const struct grid *t, int k, int shorter)
{
	return shorter && t->c[k].shorter ? t->c[k].shorter : t->c[k].head;
}

/* The width of the table with the columns in t->show, each one's width in
 * t->width. */
static int
layout(struct grid *t, int shorter)
{
	int total = t->indent, any = 0;
	for (int k = 0; k < t->ncols; k++) {
		t->width[k] = text_width(head(t, k, shorter));
		for (size_t r = 0; r < t->n; r++) {
			int w = text_width(t->cell[r][k]);
			if (w > t->width[k])
				t->width[k] = w;
		}
		if (t->show[k]) {
			total += t->width[k] + (any ? t->gap : 0);
			any = 1;
		}
	}
	return total;
}

int
grid_fit(struct grid *t, int room)
{
	int w;
	for (int k = 0; k < t->ncols; k++)
		t->show[k] = 1;
	t->shorter = 0;
	for (int k = t->ncols - 1; k >= 0 && room >= 0 && layout(t, 0) > room; k--)
		if (t->c[k].optional)
			t->show[k] = 0;
	w = layout(t, 0);
	if (room >= 0 && w > room) {
		t->shorter = 1;
		w = layout(t, 1);
	}
	return w;
}

void
grid_line(const struct grid *t, size_t r, char *buf, size_t n)
{
	size_t o = 0;
	int first = 1;
	if (n == 0)
		return;
	buf[0] = '\0';
	for (int k = 0; k < t->indent && o + 1 < n; k++)
		buf[o++] = ' ';
	for (int k = 0; k < t->ncols && o + 1 < n; k++) {
		const char *s = r == 0 ? head(t, k, t->shorter) : t->cell[r - 1][k];
		int pad = t->width[k] - text_width(s), m;
		if (!t->show[k])
			continue;
		for (int g = 0; !first && g < t->gap && o + 1 < n; g++)
			buf[o++] = ' ';
		first = 0;
		for (; !t->c[k].left && pad > 0 && o + 1 < n; pad--)
			buf[o++] = ' ';
		if (t->c[k].mark && r > 0 && strchr(s, '*') && o + 1 < n)
			buf[o++] = t->c[k].mark;
		m = snprintf(buf + o, n - o, "%s%*s", s, t->c[k].left ? pad : 0, "");
		o += m < 0 ? 0 : (size_t)m;
		if (o > n - 1)	/* cut */
			o = n - 1;
	}
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
}

void
grid_free(struct grid *t)
{
	free(t->cell);
	t->cell = NULL;
	t->n = 0;
}
