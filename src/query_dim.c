/* query_dim.c - the dimensions a query groups by: columns, tag keys,
 * periods at a grain and files; their names, labels and codes. */
#include "query_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

static const char *const grain_names[] = {"day", "month", "quarter", "year"};

const char *
grain_name(enum grain g)
{
	return g < GRAIN_COUNT ? grain_names[g] : "?";
}

int
grain_parse(const char *s)
{
	for (int g = 0; g < GRAIN_COUNT; g++)
		if (strcasecmp(s, grain_names[g]) == 0)
			return g;
	return -1;
}

#define PERIOD_CACHE 8
static struct periods period_cache[PERIOD_CACHE];
static int period_next;

static int32_t
bucket_of(int64_t t, enum grain g)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int y, m, d;
	if (g == GRAIN_DAY)
		return (int32_t)days;
	civil_from_days(days, &y, &m, &d);
	switch (g) {
	case GRAIN_MONTH: return y * 12 + m - 1;
	case GRAIN_QUARTER: return y * 4 + (m - 1) / 3;
	default: return y;
	}
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int
period_col(const struct store *s, enum dim_type t)
{
	return store_find_column(s, t == DIM_PERIOD ? "ChargePeriodStart" : "BillingPeriodStart");
}

const struct periods *
periods_get(const struct store *s, int col, enum grain g)
{
	struct periods *p;
	uint32_t ncol = store_ncodes(s, col), n = 0;
	int32_t *all;

	for (int i = 0; i < PERIOD_CACHE; i++) {
		p = &period_cache[i];
		if (p->serial == store_serial(s) && p->col == col && p->grain == g && p->ncol == ncol)
			return p;
	}
	p = &period_cache[period_next];
	period_next = (period_next + 1) % PERIOD_CACHE;
	free(p->map);
	free(p->bucket);
	p->serial = store_serial(s);
	p->col = col;
	p->grain = g;
	p->ncol = ncol;
	p->map = xcalloc(ncol, sizeof *p->map);
	all = xcalloc(ncol, sizeof *all);
	for (uint32_t c = 1; c < ncol; c++) {
		int64_t t = store_code_epoch(s, col, c);
		if (t != DATE_NULL)
			all[n++] = bucket_of(t, g);
	}
	qsort(all, n, sizeof *all, cmp_i32);
	{
		uint32_t k = 0;
		for (uint32_t i = 0; i < n; i++)
			if (k == 0 || all[k - 1] != all[i])
				all[k++] = all[i];
		n = k;
	}
	p->bucket = all;
	p->n = n;
	for (uint32_t c = 1; c < ncol; c++) {
		int64_t t = store_code_epoch(s, col, c);
		int32_t b, *hit;
		if (t == DATE_NULL)
			continue;
		b = bucket_of(t, g);
		hit = bsearch(&b, all, n, sizeof *all, cmp_i32);
		p->map[c] = hit ? (uint32_t)(hit - all) + 1 : CODE_NULL;
	}
	return p;
}

static void
bucket_label(int32_t b, enum grain g, char *buf, size_t n)
{
	int y, m, d;
	switch (g) {
	case GRAIN_DAY:
		civil_from_days(b, &y, &m, &d);
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
		break;
	case GRAIN_MONTH:
		snprintf(buf, n, "%04d-%02d", b / 12, b % 12 + 1);
		break;
	case GRAIN_QUARTER:
		snprintf(buf, n, "%04d-Q%d", b / 4, b % 4 + 1);
		break;
	default:
		snprintf(buf, n, "%04d", b);
		break;
	}
}

/* Would this column name be read as one of the words below? Such a column
 * is named "column:NAME" (a FOCUS file may have a column called "file"). */
static int
name_is_keyword(const char *name)
{
	return !strncasecmp(name, "tag:", 4) || !strncasecmp(name, "column:", 7) || !strcasecmp(name, "file") ||
	    (!strncasecmp(name, "period", 6) && (name[6] == '\0' || name[6] == ':')) ||
	    (!strncasecmp(name, "billing-period", 14) && (name[14] == '\0' || name[14] == ':'));
}

static int
column_dim(const struct store *s, const char *name, struct dim *out, char *err, size_t errlen)
{
	int c = store_find_column(s, name);
	if (c < 0) {
		snprintf(err, errlen, "no column '%s' in the data (see --list-dims)", name);
		return -1;
	}
	if (store_column_kind(s, c) == COL_METRIC) {
		snprintf(err, errlen, "'%s' is a metric, not a dimension (use --metric)", name);
		return -1;
	}
	out->type = DIM_COLUMN;
	out->idx = c;
	return 0;
}

int
dim_parse(const struct store *s, const char *spec, enum grain dg, struct dim *out, char *err, size_t errlen)
{
	const char *colon = strchr(spec, ':');
	memset(out, 0, sizeof *out);
	out->grain = dg;
	if (strncasecmp(spec, "column:", 7) == 0)
		return column_dim(s, spec + 7, out, err, errlen);
	if (strncasecmp(spec, "tag:", 4) == 0) {
		int k = store_find_tagkey(s, spec + 4);
		if (k < 0) {
			snprintf(err, errlen, "no tag key '%s' in the data%s", spec + 4,
			    store_ntagkeys(s) ? "" : " (the data has no Tags)");
			return -1;
		}
		out->type = DIM_TAG;
		out->idx = k;
		return 0;
	}
	if (!strncasecmp(spec, "period", 6) && (spec[6] == '\0' || spec[6] == ':')) {
		out->type = DIM_PERIOD;
	} else if (!strncasecmp(spec, "billing-period", 14) && (spec[14] == '\0' || spec[14] == ':')) {
		out->type = DIM_BILLING_PERIOD;
	} else if (!strcasecmp(spec, "file")) {
		out->type = DIM_FILE;
		return 0;
	} else
		return column_dim(s, spec, out, err, errlen);
	if (colon) {
		int g = grain_parse(colon + 1);
		if (g < 0) {
			snprintf(err, errlen, "unknown period grain '%s' (day, month, quarter, year)", colon + 1);
			return -1;
		}
		out->grain = (enum grain)g;
	}
	out->idx = period_col(s, out->type);
	if (out->idx < 0) {
		snprintf(err, errlen, "the data has no %s column",
		    out->type == DIM_PERIOD ? "ChargePeriodStart" : "BillingPeriodStart");
		return -1;
	}
	return 0;
}

void
dim_name(const struct store *s, const struct dim *d, char *buf, size_t n)
{
	switch (d->type) {
	case DIM_COLUMN:
		snprintf(buf, n, "%s%s", name_is_keyword(store_column_name(s, d->idx)) ? "column:" : "",
		    store_column_name(s, d->idx));
		break;
	case DIM_TAG:
		snprintf(buf, n, "tag:%s", store_tagkey(s, d->idx));
		break;
	case DIM_PERIOD:
		snprintf(buf, n, "period:%s", grain_name(d->grain));
		break;
	case DIM_BILLING_PERIOD:
		snprintf(buf, n, "billing-period:%s", grain_name(d->grain));
		break;
	case DIM_FILE:
		snprintf(buf, n, "file");
		break;
	}
}

int
dim_equal(const struct dim *a, const struct dim *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == DIM_FILE)
		return 1;
	if (a->type == DIM_PERIOD || a->type == DIM_BILLING_PERIOD)
		return a->grain == b->grain;
	return a->idx == b->idx;
}

size_t
dim_list(const struct store *s, enum grain g, struct dim **out)
{
	size_t n = 0, cap = (size_t)store_ncolumns(s) + (size_t)store_ntagkeys(s) + 4;
	struct dim *d = xcalloc(cap, sizeof *d);
	int m = store_find_column(s, "meter");
	if (m >= 0)
		d[n++] = (struct dim){DIM_COLUMN, m, g};
	for (int c = 0; c < store_ncolumns(s); c++)
		if (c != m && store_column_kind(s, c) != COL_METRIC)
			d[n++] = (struct dim){DIM_COLUMN, c, g};
	for (int k = 0; k < store_ntagkeys(s); k++)
		d[n++] = (struct dim){DIM_TAG, k, g};
	if (period_col(s, DIM_PERIOD) >= 0)
		d[n++] = (struct dim){DIM_PERIOD, period_col(s, DIM_PERIOD), g};
	if (period_col(s, DIM_BILLING_PERIOD) >= 0)
		d[n++] = (struct dim){DIM_BILLING_PERIOD, period_col(s, DIM_BILLING_PERIOD), GRAIN_MONTH};
	if (store_nfiles(s) > 1)
		d[n++] = (struct dim){DIM_FILE, 0, g};
	*out = d;
	return n;
}

const char *
dim_text(const struct store *s, const struct dim *d, uint32_t code, char *buf, size_t n)
{
	const char *l = NULL;
	switch (d->type) {
	case DIM_COLUMN:
		l = code == CODE_NULL ? "(null)" : store_label(s, d->idx, code);
		break;
	case DIM_TAG:
		l = code == CODE_NULL ? "(untagged)" : store_tag_label(s, d->idx, code);
		break;
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: {
		const struct periods *p = periods_get(s, d->idx, d->grain);
		if (code == CODE_NULL || code > p->n)
			l = "(null)";
		else {
			bucket_label(p->bucket[code - 1], d->grain, buf, n);
			return buf;
		}
		break;
	}
	case DIM_FILE:
		l = code == CODE_NULL ? "(null)" : store_file_path(s, (int)code - 1);
		break;
	}
	return l ? l : "?";
}

const char *
dim_label(const struct store *s, const struct dim *d, uint32_t code, char *buf, size_t n)
{
	const char *l = dim_text(s, d, code, buf, n);
	if (l != buf)
		snprintf(buf, n, "%s", l);
	return buf;
}

uint32_t
dim_ncodes(const struct store *s, const struct dim *d)
{
	switch (d->type) {
	case DIM_COLUMN: return store_ncodes(s, d->idx);
	case DIM_TAG: return store_tag_ncodes(s, d->idx);
	case DIM_PERIOD:
	case DIM_BILLING_PERIOD: return periods_get(s, d->idx, d->grain)->n + 1;
	case DIM_FILE: return (uint32_t)store_nfiles(s) + 1;
	}
	return 1;
}

uint32_t
dim_nvalues(const struct store *s, const struct dim *d)
{
	void *ectx;
	const struct store_engine *e = store_engine(s, &ectx);
	uint32_t nc;
	if (e && e->nvalues)
		return e->nvalues(ectx, s, d);
	nc = dim_ncodes(s, d);
	return nc ? nc - 1 : 0;	/* code 0 is NULL (untagged) */
}

int
dim_lookup(const struct store *s, const struct dim *d, const char *value, uint32_t *code)
{
	uint32_t n = dim_ncodes(s, d), c;
	char buf[256];
	/* the labels of empty groups are accepted as values too */
	if (!strcmp(value, d->type == DIM_TAG ? "(untagged)" : "(null)")) {
		*code = CODE_NULL;
		return 0;
	}
	switch (d->type) {
	case DIM_COLUMN:
		c = store_lookup(s, d->idx, value);
		break;
	case DIM_TAG:
		c = store_tag_lookup(s, d->idx, value);
		break;
	default:
		c = UINT32_MAX;
		for (uint32_t i = 1; i < n; i++)
			if (!strcmp(dim_text(s, d, i, buf, sizeof buf), value))
				c = i;
		break;
	}
	if (c == UINT32_MAX)
		return -1;
	*code = c;
	return 0;
}

struct coded {
	uint32_t code;
	char label[256];
};

static int
coded_cmp(const void *a, const void *b)
{
	return strcmp(((const struct coded *)a)->label, ((const struct coded *)b)->label);
}

/* 0, then the codes 1..n of dimension d in the order of their labels
 * (malloc'd, n + 1 of them). */
uint32_t *
dim_sorted_codes(const struct store *s, const struct dim *d, uint32_t n)
{
	struct coded *c = xcalloc((size_t)n + 1, sizeof *c);
	uint32_t *order = xcalloc((size_t)n + 1, sizeof *order);
	for (uint32_t i = 1; i <= n; i++) {
		c[i].code = i;
		dim_label(s, d, i, c[i].label, sizeof c[i].label);
	}
	qsort(c + 1, n, sizeof *c, coded_cmp);
	for (uint32_t i = 0; i <= n; i++)
		order[i] = c[i].code;
	free(c);
	return order;
}
