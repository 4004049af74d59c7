/* report.c - `focal report` output, and the CSV the explorer exports. */
#include "report.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "text.h"
#include "xmalloc.h"

static const char *const formats[] = {"table", "csv", "json"};

int
report_format_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strcasecmp(s, formats[i]) == 0)
			return i;
	return -1;
}

void
report_money(const struct store *s, money_t v, char *buf, size_t n)
{
	format_money(store_currency(s), v, buf, n);
}

const char *
report_currency(const struct store *s, const struct report_opts *o)
{
	return o->currency ? o->currency : store_currency(s);
}

const char *
report_label(const struct store *s, const struct qresult *r, const struct qgroup *g, int i, char *buf, size_t n)
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

static const char *
unit_label(const struct store *s, const struct qgroup *g, enum metric m)
{
	int u = m == M_CONSUMED ? 0 : 1;
	int col = store_find_column(s, u == 0 ? "ConsumedUnit" : "PricingUnit");
	if (col < 0 || g->unit[u] == CODE_NULL)
		return "";
	if (g->unit[u] == UINT32_MAX)
		return "(mixed units)";
	return store_label(s, col, g->unit[u]);
}

static void
csv_value(FILE *f, const struct qgroup *g, int m)
{
	char buf[96];
	if (g->nn[m] == 0)
		return;	/* the column is absent or all NULL */
	if (g->sum[m] == MONEY_NULL) {
		fputs("overflow", f);	/* the sum left the exact range */
		return;
	}
	money_format(g->sum[m], -1, metric_is_money((enum metric)m) ? 2 : 0, 0, buf, sizeof buf);
	fputs(buf, f);
}

static void
print_csv(FILE *f, const struct store *s, const struct qresult *r, const struct report_opts *o)
{
	int qty = !metric_is_money(o->metric);
	char buf[1024];
	for (int i = 0; i < r->nby; i++) {
		if (i)
			fputc(',', f);
		text_csv(f, o->by_names[i]);
	}
	fprintf(f, "%sBilledCost,EffectiveCost,ListCost,ContractedCost,Rows", r->nby ? "," : "");
	if (qty)
		fprintf(f, ",%s", metric_name(o->metric));
	if (qty && !o->unit_in_by)
		fprintf(f, ",%s", o->metric == M_CONSUMED ? "ConsumedUnit" : "PricingUnit");
	fputc('\n', f);
	for (size_t gi = 0; gi <= r->n; gi++) {
		const struct qgroup *g = gi < r->n ? &r->g[gi] : &r->total;
		if (gi == r->n && r->nby)
			break;	/* no total line in CSV: it would be summed twice by scripts */
		for (int i = 0; i < r->nby; i++) {
			if (i)
				fputc(',', f);
			text_csv(f, report_label(s, r, g, i, buf, sizeof buf));
		}
		for (int m = M_BILLED; m <= M_CONTRACTED; m++) {
			if (m || r->nby)
				fputc(',', f);
			csv_value(f, g, m);
		}
		fprintf(f, ",%llu", (unsigned long long)g->rows);
		if (qty) {
			fputc(',', f);
			csv_value(f, g, (int)o->metric);
		}
		if (qty && !o->unit_in_by) {
			fputc(',', f);
			text_csv(f, unit_label(s, g, o->metric));
		}
		fputc('\n', f);
	}
}

static void
json_value(FILE *f, const struct qgroup *g, int m)
{
	char buf[96];
	if (g->nn[m] == 0 || g->sum[m] == MONEY_NULL) {
		fputs("null", f);	/* absent, all NULL, or overflowed */
		return;
	}
	money_format(g->sum[m], -1, 0, 0, buf, sizeof buf);
	fputs(buf, f);
}

static void
json_group(FILE *f, const struct store *s, const struct qresult *r, const struct qgroup *g,
    const struct report_opts *o, int with_keys)
{
	char buf[1024];
	fputc('{', f);
	if (with_keys) {
		for (int i = 0; i < r->nby; i++) {
			text_json(f, o->by_names[i]);
			fputc(':', f);
			text_json(f, report_label(s, r, g, i, buf, sizeof buf));
			fputc(',', f);
		}
		if (g->folded)
			fprintf(f, "\"other\":%u,", g->folded);
	}
	for (int m = 0; m < M_COUNT; m++) {
		text_json(f, metric_name((enum metric)m));
		fputc(':', f);
		/* quantities in more than one unit are not added: 2,402
		 * Seat-Months and 179 Seats are not 2,581 of anything */
		if ((m == M_CONSUMED || m == M_PRICING) && g->unit[m == M_CONSUMED ? 0 : 1] == UINT32_MAX)
			fputs("null", f);
		else
			json_value(f, g, m);
		fputc(',', f);
	}
	fputs("\"ConsumedUnit\":", f);
	text_json(f, unit_label(s, g, M_CONSUMED));
	fputs(",\"PricingUnit\":", f);
	text_json(f, unit_label(s, g, M_PRICING));
	fprintf(f, ",\"Rows\":%llu}", (unsigned long long)g->rows);
}

void
report_json_head(FILE *f, const char *currency, const char *const *names, int nby, enum metric m)
{
	fputs("{\"by\":[", f);
	for (int i = 0; i < nby; i++) {
		if (i)
			fputc(',', f);
		text_json(f, names[i]);
	}
	fputs("],\"metric\":", f);
	text_json(f, metric_name(m));
	fputs(",\"currency\":", f);
	if (currency)
		text_json(f, currency);
	else
		fputs("null", f);
}

static void
print_json(FILE *f, const struct store *s, const struct qresult *r, const struct report_opts *o)
{
	report_json_head(f, report_currency(s, o), o->by_names, r->nby, o->metric);
	fprintf(f, ",\"rejected_rows\":%llu,\"groups\":[", (unsigned long long)store_nrejects(s));
	for (size_t gi = 0; gi < r->n; gi++) {
		fputs(gi ? ",\n" : "\n", f);
		json_group(f, s, r, &r->g[gi], o, 1);
	}
	fputs("],\n\"total\":", f);
	json_group(f, s, r, &r->total, o, 0);
	fputs("}\n", f);
}

static void
pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

#define LABEL_MAX 48

static void
print_table(FILE *f, const struct store *s, const struct qresult *r, const struct report_opts *o)
{
	int lw[QUERY_MAX_BY] = {0}, vw = (int)strlen(metric_name(o->metric)), sw = 6, rw = 4;
	int qty = !metric_is_money(o->metric);
	char buf[1024], fit[1024];

	for (int i = 0; i < r->nby; i++)
		lw[i] = text_width(o->by_names[i]);
	if (r->nby && lw[0] < 5)
		lw[0] = 5;	/* "Total" */
	for (size_t gi = 0; gi <= r->n; gi++) {
		const struct qgroup *g = gi < r->n ? &r->g[gi] : &r->total;
		int w;
		for (int i = 0; gi < r->n && i < r->nby; i++) {
			w = text_fit(report_label(s, r, g, i, buf, sizeof buf), LABEL_MAX, fit, sizeof fit, o->ascii);
			if (w > lw[i])
				lw[i] = w;
		}
		format_value(report_currency(s, o), o->metric, g->sum[o->metric], g->nn[o->metric] > 0, buf, sizeof buf);
		if ((w = text_width(buf)) > vw)
			vw = w;
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)g->rows);
		if ((w = (int)strlen(buf) + (int)strlen(buf) / 3) > rw)
			rw = w;
	}
	for (int i = 0; i < r->nby; i++) {
		text_fit(o->by_names[i], LABEL_MAX, fit, sizeof fit, o->ascii);
		fputs(fit, f);
		pad(f, lw[i] - text_width(fit) + 2);
	}
	pad(f, vw - (int)strlen(metric_name(o->metric)));
	fprintf(f, "%s", metric_name(o->metric));
	pad(f, 2 + sw - 5);
	fputs("Share", f);
	pad(f, 2 + rw - 4);
	fputs("Rows", f);
	if (qty)
		fputs("  Unit", f);
	fputc('\n', f);
	for (size_t gi = 0; gi <= r->n; gi++) {
		const struct qgroup *g = gi < r->n ? &r->g[gi] : &r->total;
		char num[64];
		if (gi == r->n) {
			int all = 0;
			for (int i = 0; i < r->nby; i++)
				all += lw[i] + 2;
			for (int i = 0; i < all + vw + sw + rw + 4; i++)
				fputc('-', f);
			fputc('\n', f);
		}
		for (int i = 0; i < r->nby; i++) {
			if (gi == r->n)
				snprintf(fit, sizeof fit, "%s", i == 0 ? "Total" : "");
			else
				text_fit(report_label(s, r, g, i, buf, sizeof buf), LABEL_MAX, fit, sizeof fit, o->ascii);
			fputs(fit, f);
			pad(f, lw[i] - text_width(fit) + 2);
		}
		format_value(report_currency(s, o), o->metric, g->sum[o->metric], g->nn[o->metric] > 0, buf, sizeof buf);
		pad(f, vw - text_width(buf));
		fputs(buf, f);
		format_share_of(g->sum[o->metric], r->total.sum[o->metric], g->nn[o->metric] > 0, buf, sizeof buf);
		pad(f, 2 + sw - (int)strlen(buf));
		fputs(buf, f);
		format_count(g->rows, num, sizeof num);
		pad(f, 2 + rw - (int)strlen(num));
		fputs(num, f);
		if (qty) {
			text_fit(unit_label(s, g, o->metric), 24, fit, sizeof fit, o->ascii);
			fprintf(f, "  %s", fit);
		}
		fputc('\n', f);
	}
}

int
report_print(FILE *f, const struct store *s, const struct qresult *r, const struct report_opts *o)
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
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
