/* report_cmp.c - `focal report --compare`: per group, the metric over the
 * previous range and the current one, the change in money and in percent,
 * as a table, CSV or JSON. */
#include "report.h"

#include <string.h>

#include "format.h"
#include "text.h"

#define LABEL_MAX 48

static const char *
label(const struct store *s, const struct cmp_result *r, const struct cmp_group *g, int i, char *buf, size_t n)
{
	if (g->folded) {
		if (i == 0)
			snprintf(buf, n, "Other (%u)", g->folded);
		else
			buf[0] = '\0';
		return buf;
	}
	return dim_text(s, &r->by[i], g->key[i], buf, n);
}

/* The four figures of a group as people read them. */
static void
figures(const char *cur, const struct cmp_result *r, const struct cmp_group *g, char fig[4][FORMAT_MAX])
{
	int ok;
	long long pct = compare_pct(g, &ok);
	format_value(cur, r->metric, g->prev, g->nprev > 0, fig[0], FORMAT_MAX);
	format_value(cur, r->metric, g->cur, g->ncur > 0, fig[1], FORMAT_MAX);
	format_change(cur, r->metric, compare_change(g), g->nprev + g->ncur > 0, fig[2], FORMAT_MAX);
	format_change_pct(pct, ok, g->nprev == 0 && g->ncur > 0, fig[3], FORMAT_MAX);
}

static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

static const char *const heads[4] = {"Previous", "Current", "Change", "Change%"};

static void
print_table(FILE *f, const struct store *s, const struct cmp_result *r, const struct report_opts *o)
{
	int lw[QUERY_MAX_BY] = {0}, vw[4];
	char buf[1024], fit[1024], fig[4][FORMAT_MAX];

	fprintf(f, "%s: %s (previous) against %s (current)\n", metric_name(r->metric), o->cmp_labels[0],
	    o->cmp_labels[1]);
	for (int k = 0; k < 4; k++)
		vw[k] = (int)strlen(heads[k]);
	for (int i = 0; i < r->nby; i++)
		lw[i] = text_width(o->by_names[i]) > 5 ? text_width(o->by_names[i]) : 5;
	for (size_t gi = 0; gi <= r->n; gi++) {
		const struct cmp_group *g = gi < r->n ? &r->g[gi] : &r->total;
		for (int i = 0; gi < r->n && i < r->nby; i++) {
			int w = text_fit(label(s, r, g, i, buf, sizeof buf), LABEL_MAX, fit, sizeof fit, o->ascii);
			lw[i] = w > lw[i] ? w : lw[i];
		}
		figures(report_currency(s, o), r, g, fig);
		for (int k = 0; k < 4; k++)
			vw[k] = text_width(fig[k]) > vw[k] ? text_width(fig[k]) : vw[k];
	}
	for (int i = 0; i < r->nby; i++) {
		text_fit(o->by_names[i], LABEL_MAX, fit, sizeof fit, o->ascii);
		fputs(fit, f);
		pad(f, lw[i] - text_width(fit) + 2);
	}
	for (int k = 0; k < 4; k++) {
		pad(f, vw[k] - (int)strlen(heads[k]) + (k ? 2 : 0));
		fputs(heads[k], f);
	}
	fputc('\n', f);
	for (size_t gi = 0; gi <= r->n; gi++) {
		const struct cmp_group *g = gi < r->n ? &r->g[gi] : &r->total;
		if (gi == r->n) {
			int all = 6;
			for (int i = 0; i < r->nby; i++)
				all += lw[i] + 2;
			for (int k = 0; k < 4; k++)
				all += vw[k];
			for (int i = 0; i < all; i++)
				fputc('-', f);
			fputc('\n', f);
		}
		for (int i = 0; i < r->nby; i++) {
			if (gi == r->n)
				snprintf(fit, sizeof fit, "%s", i == 0 ? "Total" : "");
			else
				text_fit(label(s, r, g, i, buf, sizeof buf), LABEL_MAX, fit, sizeof fit, o->ascii);
			fputs(fit, f);
			pad(f, lw[i] - text_width(fit) + 2);
		}
		figures(report_currency(s, o), r, g, fig);
		for (int k = 0; k < 4; k++) {
			pad(f, vw[k] - text_width(fig[k]) + (k ? 2 : 0));
			fputs(fig[k], f);
		}
		fputc('\n', f);
	}
}

/* A machine value: the exact decimal, empty (CSV) or null (JSON) when none. */
static void
raw(FILE *f, money_t v, int has, int json)
{
	char buf[96];
	if (!has || v == MONEY_NULL) {
		fputs(json ? "null" : (has ? "overflow" : ""), f);
		return;
	}
	money_format(v, -1, json ? 0 : 2, 0, buf, sizeof buf);
	fputs(buf, f);
}

static void
raw_pct(FILE *f, const struct cmp_group *g, int json)
{
	int ok;
	long long t = compare_pct(g, &ok), a = t < 0 ? -t : t;
	if (ok)
		fprintf(f, "%s%lld.%lld", t < 0 ? "-" : "", a / 10, a % 10);
	else if (json)
		fputs("null", f);
}

static void
print_csv(FILE *f, const struct store *s, const struct cmp_result *r, const struct report_opts *o)
{
	char buf[1024];
	for (int i = 0; i < r->nby; i++) {
		text_csv(f, o->by_names[i]);
		fputc(',', f);
	}
	fputs("PreviousFrom,PreviousTo,CurrentFrom,CurrentTo,Previous,Current,Change,ChangePct\n", f);
	for (size_t gi = 0; gi < r->n || (gi == 0 && r->nby == 0); gi++) {
		const struct cmp_group *g = r->nby ? &r->g[gi] : &r->total;
		for (int i = 0; i < r->nby; i++) {
			text_csv(f, label(s, r, g, i, buf, sizeof buf));
			fputc(',', f);
		}
		fprintf(f, "%s,%s,%s,%s,", o->cmp_days[0], o->cmp_days[1], o->cmp_days[2], o->cmp_days[3]);
		raw(f, g->prev, g->nprev > 0, 0);
		fputc(',', f);
		raw(f, g->cur, g->ncur > 0, 0);
		fputc(',', f);
		raw(f, compare_change(g), g->nprev + g->ncur > 0, 0);
		fputc(',', f);
		raw_pct(f, g, 0);
		fputc('\n', f);
	}
}

static void
json_group(FILE *f, const struct store *s, const struct cmp_result *r, const struct cmp_group *g,
    const struct report_opts *o, int keys)
{
	char buf[1024];
	fputc('{', f);
	for (int i = 0; keys && i < r->nby; i++) {
		text_json(f, o->by_names[i]);
		fputc(':', f);
		text_json(f, label(s, r, g, i, buf, sizeof buf));
		fputc(',', f);
	}
	if (keys && g->folded)
		fprintf(f, "\"other\":%u,", g->folded);
	fputs("\"previous\":", f);
	raw(f, g->prev, g->nprev > 0, 1);
	fputs(",\"current\":", f);
	raw(f, g->cur, g->ncur > 0, 1);
	fputs(",\"change\":", f);
	raw(f, compare_change(g), g->nprev + g->ncur > 0, 1);
	fputs(",\"change_pct\":", f);
	raw_pct(f, g, 1);
	fputc('}', f);
}

static void
print_json(FILE *f, const struct store *s, const struct cmp_result *r, const struct report_opts *o)
{
	report_json_head(f, report_currency(s, o), o->by_names, r->nby, r->metric);
	fprintf(f, ",\"previous\":{\"from\":\"%s\",\"to\":\"%s\"},\"current\":{\"from\":\"%s\",\"to\":\"%s\"},"
	    "\"groups\":[", o->cmp_days[0], o->cmp_days[1], o->cmp_days[2], o->cmp_days[3]);
	for (size_t gi = 0; gi < r->n; gi++) {
		fputs(gi ? ",\n" : "\n", f);
		json_group(f, s, r, &r->g[gi], o, 1);
	}
	fputs("],\n\"total\":", f);
	json_group(f, s, r, &r->total, o, 0);
	fputs("}\n", f);
}

int
report_compare_print(FILE *f, const struct store *s, const struct cmp_result *r, const struct report_opts *o)
{
	switch (o->format) {
	case FMT_CSV:
		print_csv(f, s, r, o);
		break;
	case FMT_JSON:
		print_json(f, s, r, o);
		break;
	default:
		print_table(f, s, r, o);
		break;
	}
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
