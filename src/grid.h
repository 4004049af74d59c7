/* grid.h - a text table laid out for a width: the cells are written first,
 * then each column is as wide as its widest cell or heading. When the table
 * is wider than the room, columns marked optional are left out, last first,
 * and then a column with a short heading takes it. Lines come out one at a
 * time into a buffer, so `focal renewals` and `focal runway` print the same
 * layout the explorer draws. Cells are measured as they are (text_width):
 * the caller sanitizes them for its terminal first. */
#ifndef FOCAL_GRID_H
#define FOCAL_GRID_H

#include <stddef.h>

#define GRID_COLS 12
#define GRID_CELL 128

struct grid_col {
	const char *head;
	const char *shorter;	/* NULL, or the heading for a narrow room */
	int left;		/* left-aligned (else right) */
	int optional;		/* left out when the table does not fit */
	char mark;		/* nonzero: written before a cell holding '*' (not measured) */
};

struct grid {
	int ncols;
	struct grid_col c[GRID_COLS];
	int indent, gap;	/* spaces before the first column, between columns */
	size_t n;		/* rows of cells (the heading is not one) */
	char (*cell)[GRID_COLS][GRID_CELL];
	/* grid_fit() */
	int show[GRID_COLS], width[GRID_COLS], shorter;
};

/* The cell of row, col (rows are added as they are asked for, empty). */
char *grid_cell(struct grid *, size_t row, int col);
/* Lays the table out for room columns (room < 0: any width). Returns the
 * width of its widest line. */
int grid_fit(struct grid *, int room);
/* Line r of the laid-out table (0: the heading, r: row r - 1) into buf,
 * trailing blanks dropped; cut to n - 1 bytes at most. */
void grid_line(const struct grid *, size_t r, char *buf, size_t n);
void grid_free(struct grid *);

#endif
