/* import_int.h - the importer's inputs, shared by import.c and
 * import_read.c: Autodesk Account CSV exports read whole, and list prices
 * from a prices file or the profile. Not for other modules. */
#ifndef FOCAL_IMPORT_INT_H
#define FOCAL_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "value.h"

struct profile;

#define DAY 86400

/* A CSV export, read whole (they are small). */
struct table {
	const char *path;
	int ncols;
	char **name;		/* normalised header: lower case, '_' for ' ' and '-' */
	size_t nrows, caprows;
	char **cell;		/* nrows x ncols (room for caprows); NULL = empty */
	unsigned long *line;
	/* parsing */
	char **cur;
	int ncur, capcur;
	unsigned long rec_line;
	int header_done;
	char *err;
	size_t errlen;
	int failed;
};

struct price {
	char *product;
	int term;
	money_t list;
	char currency[4];
	int64_t effective;
	const char *source;	/* "profile" or "file" */
	const char *confidence;
};

void table_free(struct table *t);
/* Reads a CSV export whole into t (lines starting with '#' are comments
 * when `comments`); 0, or -1 with the reason in err. */
int table_read(const char *path, int comments, struct table *t, char *err, size_t errlen);
/* The column of a header name (normalised: lower case, '_' for ' ' and '-'); -1 when absent. */
int table_col(const struct table *t, const char *name);
/* 0, or -1 naming in err the required columns missing (and the columns
 * not in `known`, in case they were renamed): t is not `what`. */
int table_require(const struct table *t, const char *what, const char *const *req, const char *const *known,
    char *err, size_t errlen);
/* The cell trimmed (copied to buf), or NULL when empty, only asterisks
 * (masked), or c < 0. */
const char *table_get(const struct table *t, size_t r, int c, char *buf, size_t n);
/* "FILE:LINE:COL: name \"value\": what" into err; returns -1. */
int table_error(const struct table *t, size_t r, int c, const char *v, char *err, size_t errlen,
    const char *what);
/* Column c's values (empty ones aside) on one line each: 0, or -1 (err
 * names the first repeat in the file, "FILE:LINE:COL: name \"v\": what
 * (first at line N): why"). */
int table_unique(const struct table *t, int c, const char *what, const char *why, char *err, size_t errlen);
/* A cell's day (00:00 of its date): DATE_NULL when empty; -1 (err) when not a date. */
int table_date(const struct table *t, size_t r, int c, int64_t *out, char *err, size_t errlen);
/* A cell's non-negative number (whole: an integer); *has 0 when empty; -1
 * (err) when not one. */
int table_number(const struct table *t, size_t r, int c, int whole, money_t *out, int *has, char *err,
    size_t errlen);
/* A prices file (product,term,list[,currency,effective]) into *out. */
int prices_read(const char *path, struct price **out, size_t *nout, char *err, size_t errlen);
/* The list price of product/term on `when`: the latest effective by then,
 * else the earliest known (*later set); 0, or -1 when there is none. */
int price_pick(const struct price *ps, size_t n, const char *product, int term, int64_t when,
    struct price *out, int *later);
/* The profile's list prices as prices. */
int profile_prices(const struct profile *prof, struct price **out, size_t *n);

#endif
