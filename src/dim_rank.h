/* dim_rank.h - the dimensions a level can group by, useful ones first, for
 * the explorer's chooser (`d`): the profile's drill path, then tag keys,
 * then columns that take more than one value, then periods, and last the
 * ones a grouping cannot split (all NULL, or one value): kept, but marked.
 * A search typed narrows the list. Curses-free (libfocal.a), unit-tested in
 * tests/test_drill.c. */
#ifndef FOCAL_DIM_RANK_H
#define FOCAL_DIM_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "store.h"

/* in rank order */
enum dim_class { DC_DRILL, DC_TAG, DC_MULTI, DC_PERIOD, DC_USELESS };

struct dim_ranked {
	struct dim dim;
	char name[128];		/* as dim_name writes it (and dim_parse reads it) */
	uint32_t nvalues;	/* distinct values, NULL not counted */
	enum dim_class cls;
};

/* Ranks every dimension of dim_list(s, grain): out gets them all (free it),
 * in rank order, the order of dim_list within a class (the drill path's
 * within DC_DRILL). Returns how many. */
size_t dim_rank(const struct store *, enum grain grain, struct dim_ranked **out);
/* Fills idx with the positions in d[0..n) whose name contains text (ASCII
 * case ignored; "" matches all), in order. Returns how many. */
size_t dim_rank_match(const struct dim_ranked *d, size_t n, const char *text, size_t *idx);
/* "all null", "1 value", "1,234 values". */
const char *dim_rank_note(const struct dim_ranked *, char *buf, size_t n);

#endif
