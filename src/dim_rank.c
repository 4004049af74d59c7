/* dim_rank.c - the chooser's dimensions, useful ones first (dim_rank.h).
 * The counts are the dictionaries' (no pass over the rows), so ranking 71
 * columns of 10M rows costs nothing. */
#include "dim_rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "profile.h"
#include "xmalloc.h"

/* Position of d in the profile's drill path, or -1. */
static int
drill_pos(const struct store *s, const struct dim *d, enum grain grain)
{
	const struct profile *p = store_profile(s);
	struct dim pd;
	char err[256];
	for (int i = 0; p && i < p->ndrill; i++)
		if (dim_parse(s, p->drill[i], grain, &pd, err, sizeof err) == 0 && dim_equal(&pd, d))
			return i;
	return -1;
}

static enum dim_class
classify(const struct dim_ranked *r, int in_drill)
{
	if (in_drill >= 0)
		return DC_DRILL;
	if (r->nvalues <= 1)
		return DC_USELESS;	/* one group whatever the grouping: nothing to compare */
	switch (r->dim.type) {
	case DIM_TAG: return DC_TAG;
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: return DC_PERIOD;
	default: return DC_MULTI;
	}
}

/* rank keys of the qsort below: class, then drill position, then list order */
struct key {
	int cls, pos;
	size_t at;
};
static const struct key *sort_keys;	/* qsort has no context argument */

static int
cmp_rank(const void *pa, const void *pb)
{
	const struct key *a = &sort_keys[*(const size_t *)pa], *b = &sort_keys[*(const size_t *)pb];
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return (a->at > b->at) - (a->at < b->at);
}

size_t
dim_rank(const struct store *s, enum grain grain, struct dim_ranked **out)
{
	struct dim *dims;
	size_t n = dim_list(s, grain, &dims), *order;
	struct dim_ranked *r = xcalloc(n ? n : 1, sizeof *r), *sorted;
	struct key *k = xcalloc(n ? n : 1, sizeof *k);
	order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		int pos = drill_pos(s, &dims[i], grain);
		r[i].dim = dims[i];
		dim_name(s, &dims[i], r[i].name, sizeof r[i].name);
		r[i].nvalues = dim_nvalues(s, &dims[i]);
		r[i].cls = classify(&r[i], pos);
		if (r[i].cls == DC_USELESS)
			pos = r[i].nvalues == 0;	/* one value, then all NULL: last */
		k[i] = (struct key){(int)r[i].cls, pos, i};
		order[i] = i;
	}
	sort_keys = k;
	qsort(order, n, sizeof *order, cmp_rank);
	sorted = xcalloc(n ? n : 1, sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = r[order[i]];
	free(r);
	free(k);
	free(order);
	free(dims);
	*out = sorted;
	return n;
}

size_t
dim_rank_match(const struct dim_ranked *d, size_t n, const char *text, size_t *idx)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (text[0] == '\0' || strcasestr(d[i].name, text) != NULL)
			idx[k++] = i;
	return k;
}

const char *
dim_rank_note(const struct dim_ranked *d, char *buf, size_t n)
{
	char num[32];
	if (d->nvalues == 0)
		snprintf(buf, n, "all null");
	else {
		format_count(d->nvalues, num, sizeof num);
		snprintf(buf, n, "%s value%s", num, d->nvalues == 1 ? "" : "s");
	}
	return buf;
}
