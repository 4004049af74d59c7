/* sqltab.h - the result of a user's SQL as a table to look at: the
 * explorer's SQL prompt and its use-case list run a query through sql.h and
 * keep the rows (every value already as focal prints it), to scroll, sort by
 * any column and export. Also the prompt's history file. Curses-free. */
#ifndef FOCAL_SQLTAB_H
#define FOCAL_SQLTAB_H

#include <stddef.h>
#include <stdio.h>

struct sql;

struct sqltab {
	int ncol;
	char **col;		/* column names */
	size_t nrow;
	char **cell;		/* nrow * ncol texts; "" for NULL */
	unsigned char *num;	/* per cell: 1 a number (sorted as one) */
	int truncated;		/* more rows than kept */
};

/* Runs every statement of text, params ("NAME=VALUE", nparams) bound where
 * a statement has them; the last one that returns columns is kept, at most
 * maxrows rows of it. 0, or -1 with err set (the message locates an SQL
 * error in the query, as focal sql says it; an interruption says so). */
int sqltab_run(struct sql *, const char *text, char *const *params, int nparams, size_t maxrows,
    struct sqltab *out, char *err, size_t errlen);
/* Sorts the rows by column c: numbers by value, before texts in byte order;
 * ties keep their order. */
void sqltab_sort(struct sqltab *, int c, int reverse);
/* The table as CSV (header, then rows), as focal sql -f csv writes it.
 * 0, or -1 when writing failed. */
int sqltab_csv(const struct sqltab *, FILE *);
void sqltab_free(struct sqltab *);
const char *sqltab_cell(const struct sqltab *, size_t row, int c);

/* The prompt's history: one query per line (newlines in a query are kept
 * as spaces), oldest first, at most SQLTAB_HISTORY. */
#define SQLTAB_HISTORY 200
size_t sqltab_history_load(const char *path, char ***lines);
/* Adds text (unless it is the last line already) and writes the file again
 * through the one safe writer. 0, or -1 with err set. */
int sqltab_history_add(const char *path, const char *text, char *err, size_t errlen);
void sqltab_history_free(char **lines, size_t n);

#endif
