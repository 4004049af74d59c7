/* sqlout.h - the rows of a query as people and programs read them: a
 * table (widths from every row, numbers right-aligned with thousands
 * separators, exact), CSV or JSON ({"columns":[...],"rows":[{...}]}), the
 * same for `focal sql` on the loaded rows and on a warehouse table. */
#ifndef FOCAL_SQLOUT_H
#define FOCAL_SQLOUT_H

#include <stddef.h>

#include "report.h"

struct sqlout {
	enum report_format fmt;
	int ascii, ncol;
	const char *const *names;
	char **v;	/* a table is held whole: the widths need every row */
	int *num;
	size_t n, cap, nrows;
};

/* The header (names[ncol], kept until sqlout_end); *first_json says whether
 * a JSON result is the first of the command's (then cleared). */
void sqlout_begin(struct sqlout *, enum report_format, int ascii, int ncol, const char *const *names,
    int *first_json);
/* Cell i of the row: its text, whether it is a number, whether NULL. */
void sqlout_cell(struct sqlout *, int i, const char *text, int isnum, int isnull);
void sqlout_row_end(struct sqlout *);
void sqlout_end(struct sqlout *);

#endif
