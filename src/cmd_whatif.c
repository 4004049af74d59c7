/* cmd_whatif.c - `focal whatif`: seat scenarios and suggestions, headless.
 * The numbers come from whatif.c, the same functions the explorer calls. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "profile.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "whatif.h"
#include "xmalloc.h"

/* ---- focal whatif ---- */

static void
whatif_help(void)
{
	fputs(
	    "Usage: focal whatif [OPTION]... FILE...\n"
	    "What if seat counts change? Reads the seat products of FOCUS files (meter\n"
	    "product_seats) and prints, per product and in total, seats before and after,\n"
	    "monthly and annualised cost before and after, the saving, and when it starts.\n"
	    "\n"
	    "  -s, --seats=SPEC        the scenario: PRODUCT=CHANGE[,PRODUCT=CHANGE]...\n"
	    "                          CHANGE is a new count (10), a change (+2, -5) or a\n"
	    "                          percentage (-10%, rounded toward zero to whole seats),\n"
	    "                          optionally followed by 'flex DAYS' (Flex use-days a\n"
	    "                          month bought instead). PRODUCT is a ServiceName, a\n"
	    "                          unique prefix or initials (\"AEC Collection\")\n"
	    "      --scenario=FILE     read the scenario from a scenario file first\n"
	    "      --save=FILE         write the scenario to FILE (with --force: replace it)\n"
	    "      --suggest           propose cuts from the seat activity in the data:\n"
	    "                          idle and unassigned seats, occasional users on Flex\n"
	    "      --idle-days=N       idle threshold in days (default: the profile's, 90)\n"
	    "      --occasional-days=N occasional users use a product fewer days a month\n"
	    "                          (default: the profile's, 8)\n"
	    "      --as-of=DATE        the baseline date (default: the latest seat charge)\n"
	    "      --currency=CODE     the seats billed in this BillingCurrency (needed when\n"
	    "                          seat rows are billed in more than one: their costs\n"
	    "                          are never added)\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv or json\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "  -h, --help              show this help and exit\n"
	    "\n"
	    "Simulated values are marked: '*' in the table, \"simulated\" in csv and json.\n"
	    "A cut on an upfront annual or 3-year term saves from the renewal date on; a\n"
	    "cut on a monthly term from the next month; added seats cost from next month.\n"
	    "\n"
	    "Exit status: 0 success, 2 a file could not be read, 3 rows were rejected,\n"
	    "64 usage error (including an unknown product or an impossible count).\n"
	    "\n"
	    "Examples:\n"
	    "  focal whatif --seats \"Revit=-5,AutoCAD LT=10,AEC Collection=-10%\" export.csv\n"
	    "  focal whatif --suggest --format csv export.csv\n"
	    "  focal whatif --scenario renewal.scenario --save renewal-v2.scenario export.csv\n",
	    stdout);
}

struct wopts {
	enum report_format format;
	int ascii;
	int suggest;
};

static void
cell_money(const struct store *s, money_t v, int mark, char *buf, size_t n)
{
	char m[64];
	report_money(s, v, m, sizeof m);
	snprintf(buf, n, "%s%s", m, mark ? "*" : " ");
}

static const char *
starts_text(const struct whatif_model *m, const struct whatif_product *p, const struct whatif_line *l, char *buf,
    size_t n)
{
	char a[21], b[21];
	enum whatif_when w = whatif_when(m, p, l);
	cli_day(l->starts, a);
	cli_day(l->full_from, b);
	switch (w) {
	case WHEN_UNCHANGED: snprintf(buf, n, "-"); break;
	case WHEN_UNKNOWN: snprintf(buf, n, "unknown renewal"); break;
	case WHEN_ADDED: snprintf(buf, n, "%s (added)", a); break;
	case WHEN_REST_UNKNOWN: snprintf(buf, n, "%s, rest unknown", a); break;
	case WHEN_STAGED: snprintf(buf, n, "%s..%s", a, b); break;
	case WHEN_NEXT_MONTH: snprintf(buf, n, "%s (next month)", a); break;
	case WHEN_RENEWAL: snprintf(buf, n, "%s (renewal)", a); break;
	}
	return buf;
}

static void
pad(FILE *f, const char *s, int width, int w)
{
	fputs(s, f);
	for (int i = w; i < width; i++)
		fputc(' ', f);
}

#define NCOL 11

/* "Seat what-if as of 2026-10-01: 7 seat products (USD)" */
static void
print_heading(FILE *f, const struct whatif_model *m)
{
	char a[21];
	cli_day(m->as_of, a);
	fprintf(f, "Seat what-if as of %s: %zu seat product%s%s%s%s\n", a, m->n, m->n == 1 ? "" : "s",
	    m->currency[0] ? " (" : "", m->currency, m->currency[0] ? ")" : "");
}

/* One line of the table: numbers right-aligned, a heading over a number
 * clear of the mark column ("*" of simulated figures). */
static void
print_cells(FILE *f, const char *const cell[NCOL], const int width[NCOL], int head)
{
	for (int k = 0; k < NCOL; k++) {
		int right = k >= 2 && k <= 9, w = text_width(cell[k]);
		if (k)
			fputs(k == NCOL - 1 ? "  " : " ", f);
		if (right) {
			for (int j = w; j < width[k] - head; j++)
				fputc(' ', f);
			fputs(cell[k], f);
			if (head)
				fputc(' ', f);
		} else if (k < NCOL - 1)
			pad(f, cell[k], width[k], w);
		else
			fputs(cell[k], f);
	}
	fputc('\n', f);
}

/* The cells of line i (r->n: the total). */
static void
table_cells(const struct store *s, const struct whatif_model *m, const struct whatif_result *r, size_t i,
    int ascii, char cell[NCOL][96])
{
	const struct whatif_line *l = i < r->n ? &r->line[i] : &r->total;
	int sim = l->simulated;
	char a[21];
	text_fit(i < r->n ? m->p[i].label : "Total", 32, cell[0], sizeof cell[0], ascii);
	snprintf(cell[1], sizeof cell[1], "%s", i < r->n ? whatif_term_name(m->p[i].term) : "");
	snprintf(cell[2], sizeof cell[2], "%lld ", l->seats_before);
	snprintf(cell[3], sizeof cell[3], "%lld%s", l->seats_after, sim ? "*" : " ");
	cell_money(s, l->month_before, 0, cell[4], sizeof cell[4]);
	cell_money(s, l->month_after, sim, cell[5], sizeof cell[5]);
	cell_money(s, l->year_before, 0, cell[6], sizeof cell[6]);
	cell_money(s, l->year_after, sim, cell[7], sizeof cell[7]);
	cell_money(s, l->year_saving, sim, cell[8], sizeof cell[8]);
	cell_money(s, l->next12_saving, sim, cell[9], sizeof cell[9]);
	if (i < r->n)
		starts_text(m, &m->p[i], l, cell[10], sizeof cell[10]);
	else if (l->starts != DATE_NULL) {
		cli_day(l->starts, a);
		snprintf(cell[10], sizeof cell[10], "%s%s", a, l->full_from != l->starts ? " (first)" : "");
	} else
		snprintf(cell[10], sizeof cell[10], "-");
}

/* Where the prices and dates come from. */
static void
print_sources(FILE *f, const struct store *s, const struct whatif_model *m, int ascii)
{
	int wn = 7, ws = 4;
	char a[21], name[200];
	for (size_t i = 0; i < m->n; i++) {
		int w = (int)strlen(whatif_price_source_column(m->p[i].price_source));
		text_fit(m->p[i].label, 32, name, sizeof name, ascii);
		if (text_width(name) > wn)
			wn = text_width(name);
		if (w > ws)
			ws = w;
	}
	fprintf(f, "\n%-*s %-7s %18s  %-*s %-24s %s\n", wn, "PRODUCT", "TERM", "UNIT PRICE", ws, "FROM",
	    "RENEWS", "SUBSCRIPTIONS");
	for (size_t i = 0; i < m->n; i++) {
		const struct whatif_product *p = &m->p[i];
		char price[96], per[16], renew[48];
		int w = text_fit(p->label, 32, name, sizeof name, ascii);
		report_money(s, p->unit_price, price, sizeof price);
		if (p->price_months == 1 || p->price_months == 12 || p->price_months == 36)
			snprintf(per, sizeof per, "%s", p->price_months == 1 ? "/mo" : p->price_months == 12 ? "/yr" :
			    "/3yr");
		else
			snprintf(per, sizeof per, "/%dmo", p->price_months);
		strncat(price, per, sizeof price - strlen(price) - 1);
		cli_day(p->renewal, a);
		snprintf(renew, sizeof renew, "%s%s", p->renewal == DATE_NULL ? "unknown" : a,
		    p->term == TERM_MONTHLY && p->renewal != DATE_NULL ? " (next charge)" : "");
		pad(f, name, wn, w);
		fprintf(f, " %-7s %18s  %-*s %-24s %d%s\n", whatif_term_name(p->term), price, ws,
		    whatif_price_source_column(p->price_source), renew, p->nlots,
		    p->mixed_prices ? " (prices differ; the first is shown)" : "");
	}
}

static void
print_table(FILE *f, const struct store *s, const struct whatif_model *m, const struct whatif_result *r,
    const struct wopts *o)
{
	static const char *const head[NCOL] = {"PRODUCT", "TERM", "SEATS", "AFTER", "MONTHLY", "AFTER", "ANNUALISED",
	    "AFTER", "SAVING/YR", "NEXT 12 MO", "SAVING STARTS"};
	size_t nl = r->n + 1;
	char (*cell)[NCOL][96] = xcalloc(nl, sizeof *cell);
	int width[NCOL];
	char b[21];

	for (int k = 0; k < NCOL; k++)
		width[k] = (int)strlen(head[k]);
	for (size_t i = 0; i < nl; i++) {
		table_cells(s, m, r, i, o->ascii, cell[i]);
		for (int k = 0; k < NCOL; k++)
			if (text_width(cell[i][k]) > width[k])
				width[k] = text_width(cell[i][k]);
	}
	print_heading(f, m);
	fputc('\n', f);
	print_cells(f, head, width, 1);
	for (size_t i = 0; i < nl; i++) {
		const char *row[NCOL];
		for (int k = 0; k < NCOL; k++)
			row[k] = cell[i][k];
		print_cells(f, row, width, 0);
	}
	free(cell);
	print_sources(f, s, m, o->ascii);
	cli_day(m->next_month, b);
	fprintf(f, "\n* simulated: the scenario's numbers, not in the data. SAVING/YR is the annualised run\n"
	    "  rate once the change is in effect; NEXT 12 MO is what it saves in the 12 months from\n"
	    "  %s, counting only the months after it starts (upfront annual and 3-year terms: at\n"
	    "  renewal; monthly terms: the next month; added seats cost from the next month).\n", b);
	if (!r->total.simulated)
		fprintf(f, "No changes: the scenario is the baseline (give --seats or --scenario).\n");
}

static void
print_csv(FILE *f, const struct whatif_model *m, const struct whatif_result *r, const struct whatif_scenario *sc)
{
	fputs("product,term,subscriptions,seats_before,seats_after,unit_price,unit_price_months,price_source,"
	    "renewal,monthly_before,monthly_after,monthly_saving,annualised_before,annualised_after,annualised_saving,"
	    "next12_saving,flex_days,flex_monthly,saving_starts,saving_full_from,simulated\n", f);
	for (size_t i = 0; i < r->n; i++) {
		const struct whatif_product *p = &m->p[i];
		const struct whatif_line *l = &r->line[i];
		char a[21], buf[64];
		text_csv(f, p->label);
		fprintf(f, ",%s,%d,%lld,%lld,", whatif_term_name(p->term), p->nlots, l->seats_before, l->seats_after);
		money_format(p->unit_price, -1, 2, 0, buf, sizeof buf);
		fprintf(f, "%s,%d,%s,", buf, p->price_months, whatif_price_source_column(p->price_source));
		if (p->renewal != DATE_NULL)
			cli_day(p->renewal, a), fputs(a, f);
		fputc(',', f);
		cli_csv_num(f, l->month_before, 2), fputc(',', f);
		cli_csv_num(f, l->month_after, 2), fputc(',', f);
		cli_csv_num(f, l->month_saving, 2), fputc(',', f);
		cli_csv_num(f, l->year_before, 2), fputc(',', f);
		cli_csv_num(f, l->year_after, 2), fputc(',', f);
		cli_csv_num(f, l->year_saving, 2), fputc(',', f);
		cli_csv_num(f, l->next12_saving, 2), fputc(',', f);
		if (sc->c[i].set && sc->c[i].flex_days) {
			money_format(sc->c[i].flex_days, -1, 0, 0, buf, sizeof buf);
			fputs(buf, f);
		}
		fputc(',', f);
		cli_csv_num(f, l->flex_month, 2), fputc(',', f);
		if (l->simulated && l->starts != DATE_NULL)
			cli_day(l->starts, a), fputs(a, f);
		fputc(',', f);
		if (l->simulated && l->full_from != DATE_NULL)
			cli_day(l->full_from, a), fputs(a, f);
		fprintf(f, ",%s\n", l->simulated ? "true" : "false");
	}
}

static void
json_line(FILE *f, const struct whatif_line *l)
{
	fprintf(f, ",\"seats_before\":%lld,\"seats_after\":%lld", l->seats_before, l->seats_after);
	cli_json_num(f, "monthly_before", l->month_before, 2);
	cli_json_num(f, "monthly_after", l->month_after, 2);
	cli_json_num(f, "monthly_saving", l->month_saving, 2);
	cli_json_num(f, "annualised_before", l->year_before, 2);
	cli_json_num(f, "annualised_after", l->year_after, 2);
	cli_json_num(f, "annualised_saving", l->year_saving, 2);
	cli_json_num(f, "next12_saving", l->next12_saving, 2);
	cli_json_num(f, "flex_monthly", l->flex_month, 2);
	cli_json_date(f, "saving_starts", l->simulated ? l->starts : DATE_NULL);
	cli_json_date(f, "saving_full_from", l->simulated ? l->full_from : DATE_NULL);
	fprintf(f, ",\"simulated\":%s", l->simulated ? "true" : "false");
}

static void
print_json(FILE *f, const struct whatif_model *m, const struct whatif_result *r, const struct whatif_suggestion *sg,
    size_t nsg, int suggest)
{
	char a[21];
	cli_day(m->as_of, a);
	fprintf(f, "{\"as_of\":\"%s\"", a);
	cli_json_date(f, "next_month", m->next_month);
	fputs(",\"currency\":", f);
	text_json(f, m->currency);
	fputs(",\"legend\":\"simulated: true marks the scenario's numbers, not in the data; money is computed "
	    "exactly and rounded to the cent\",\"products\":[", f);
	for (size_t i = 0; i < r->n; i++) {
		const struct whatif_product *p = &m->p[i];
		char buf[64];
		fputs(i ? ",{\"product\":" : "{\"product\":", f);
		text_json(f, p->label);
		fputs(",\"service_name\":", f);
		text_json(f, p->name);
		fprintf(f, ",\"term\":\"%s\",\"term_from\":\"%s\",\"subscriptions\":%d", whatif_term_name(p->term),
		    p->term_from, p->nlots);
		money_format(p->unit_price, -1, 0, 0, buf, sizeof buf);
		fprintf(f, ",\"unit_price\":%s,\"unit_price_months\":%d,\"price_source\":\"%s\",\"prices_differ\":%s",
		    buf, p->price_months, whatif_price_source_column(p->price_source), p->mixed_prices ? "true" : "false");
		cli_json_date(f, "renewal", p->renewal);
		json_line(f, &r->line[i]);
		fputc('}', f);
	}
	fputs("],\"total\":{\"product\":\"Total\"", f);
	json_line(f, &r->total);
	fputc('}', f);
	if (suggest) {
		fputs(",\"suggestions\":[", f);
		for (size_t i = 0; i < nsg; i++) {
			char buf[64];
			fputs(i ? ",{\"product\":" : "{\"product\":", f);
			text_json(f, m->p[sg[i].product].label);
			fprintf(f, ",\"rule\":\"%s\",\"cut\":%lld", whatif_rule_name(sg[i].rule), sg[i].cut);
			money_format(sg[i].flex_days, -1, 0, 0, buf, sizeof buf);
			fprintf(f, ",\"flex_days\":%s,\"why\":", buf);
			text_json(f, sg[i].why);
			json_line(f, &sg[i].effect);
			fputc('}', f);
		}
		fputs("],\"rules_not_run\":[", f);
		for (int k = 0, any = 0; k < RULE_COUNT; k++) {
			char need[512];
			if (!whatif_rule_unmet(m, (enum whatif_rule)k, need, sizeof need))
				continue;
			fprintf(f, "%s{\"rule\":\"%s\",\"needs\":", any++ ? "," : "", whatif_rule_name((enum whatif_rule)k));
			text_json(f, need);
			fputc('}', f);
		}
		fputc(']', f);
	}
	cli_json_notes(f, m->note, m->nnotes);
	fputs("}\n", f);
}

/* The rules that could not run, and the data each needed: "no
 * suggestion" must not read as "nothing to save". */
static void
print_unmet(FILE *f, const struct whatif_model *m, const struct wopts *o)
{
	int any = 0;
	for (int r = 0; r < RULE_COUNT; r++) {
		char need[512], clean[600];
		if (!whatif_rule_unmet(m, (enum whatif_rule)r, need, sizeof need))
			continue;
		if (o->format == FMT_CSV) {
			cli_say("note: rule %s did not run: it needs %s", whatif_rule_name((enum whatif_rule)r), need);
			continue;
		}
		if (!any++)
			fputs("Rules that did not run, for want of data:\n", f);
		text_sanitize(need, clean, sizeof clean, o->ascii);
		fprintf(f, "  %-10s needs %s\n", whatif_rule_name((enum whatif_rule)r), clean);
	}
}

static void
print_suggestions(FILE *f, const struct store *s, const struct whatif_model *m, const struct whatif_suggestion *sg,
    size_t n, const struct wopts *o)
{
	struct whatif_scenario all;
	char *spec;

	if (o->format == FMT_CSV) {
		fputs("product,rule,cut,flex_days,monthly_saving,annualised_saving,next12_saving,saving_starts,why,"
		    "simulated\n", f);
		for (size_t i = 0; i < n; i++) {
			char buf[64], a[21];
			text_csv(f, m->p[sg[i].product].label);
			fprintf(f, ",%s,%lld,", whatif_rule_name(sg[i].rule), sg[i].cut);
			money_format(sg[i].flex_days, -1, 0, 0, buf, sizeof buf);
			fprintf(f, "%s,", buf);
			cli_csv_num(f, sg[i].effect.month_saving, 2), fputc(',', f);
			cli_csv_num(f, sg[i].effect.year_saving, 2), fputc(',', f);
			cli_csv_num(f, sg[i].effect.next12_saving, 2), fputc(',', f);
			if (sg[i].effect.starts != DATE_NULL)
				cli_day(sg[i].effect.starts, a), fputs(a, f);
			fputc(',', f);
			text_csv(f, sg[i].why);
			fputs(",true\n", f);
		}
		print_unmet(f, m, o);
		return;
	}
	fprintf(f, "\nSuggestions from the seat activity in the data (idle %d days, occasional under %d days a "
	    "month).\nNothing is applied: add them with --seats to see them in the scenario.\n", m->idle_days,
	    m->occasional_days);
	if (n == 0) {
		fputs("  (none: no rule found seats to cut in the data it has)\n", f);
		print_unmet(f, m, o);
		return;
	}
	fprintf(f, "%-24s %5s %-10s %14s %14s  %-11s %s\n", "PRODUCT", "CUT", "RULE", "SAVING/YR", "NEXT 12 MO",
	    "STARTS", "WHY");
	whatif_scenario_init(&all, m);
	for (size_t i = 0; i < n; i++) {
		char name[200], y[80], w12[80], a[21], why[1100];
		int w = text_fit(m->p[sg[i].product].label, 24, name, sizeof name, o->ascii);
		pad(f, name, 24, w);
		cell_money(s, sg[i].effect.year_saving, 1, y, sizeof y);
		cell_money(s, sg[i].effect.next12_saving, 1, w12, sizeof w12);
		cli_day(sg[i].effect.starts, a);
		text_sanitize(sg[i].why, why, sizeof why, o->ascii);
		fprintf(f, " %5lld %-10s %14s %14s  %-11s %s\n", -sg[i].cut, whatif_rule_name(sg[i].rule), y, w12,
		    sg[i].effect.starts == DATE_NULL ? "unknown" : a, why);
		whatif_suggestion_apply(m, &all, &sg[i]);
	}
	{
		struct whatif_result r;
		char y[80], w12[80];
		whatif_compute(m, &all, &r);
		cell_money(s, r.total.year_saving, 1, y, sizeof y);
		cell_money(s, r.total.next12_saving, 1, w12, sizeof w12);
		fprintf(f, "%-24s %5s %-10s %14s %14s\n", "All of them", "", "", y, w12);
		whatif_result_free(&r);
	}
	spec = whatif_scenario_spec(m, &all);
	{
		char clean[2048];
		text_sanitize(spec, clean, sizeof clean, o->ascii);
		fprintf(f, "To try them: --seats \"%s\"\n", clean);
	}
	free(spec);
	whatif_scenario_free(&all);
	print_unmet(f, m, o);
}

/* What focal whatif's options decided. */
struct wargs {
	struct cli c;
	struct wopts o;
	const char *scenario, *save;
	char **specs;
	int nspecs, force, idle, occ;
	int64_t as_of;
};

/* Returns -1 to go on, or an exit code. */
static int
parse_args(struct wargs *w, int argc, char **argv)
{
	enum { O_SCENARIO = 256, O_SAVE, O_FORCE, O_SUGGEST, O_IDLE, O_OCC, O_ASOF, O_PROFILE, O_STRICT, O_ASCII,
	    O_CURRENCY };
	static const struct option longopts[] = {
		{"seats", required_argument, NULL, 's'},
		{"scenario", required_argument, NULL, O_SCENARIO},
		{"save", required_argument, NULL, O_SAVE},
		{"force", no_argument, NULL, O_FORCE},
		{"suggest", no_argument, NULL, O_SUGGEST},
		{"idle-days", required_argument, NULL, O_IDLE},
		{"occasional-days", required_argument, NULL, O_OCC},
		{"as-of", required_argument, NULL, O_ASOF},
		{"currency", required_argument, NULL, O_CURRENCY},
		{"format", required_argument, NULL, 'f'},
		{"profile", required_argument, NULL, O_PROFILE},
		{"strict", no_argument, NULL, O_STRICT},
		{"ascii", no_argument, NULL, O_ASCII},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, f;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "s:f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			w->specs = xreallocarray(w->specs, (size_t)w->nspecs + 1, sizeof *w->specs);
			w->specs[w->nspecs++] = optarg;
			break;
		case O_SCENARIO:
			w->scenario = optarg;
			break;
		case O_SAVE:
			w->save = optarg;
			break;
		case O_FORCE:
			w->force = 1;
			break;
		case O_SUGGEST:
			w->o.suggest = 1;
			break;
		case O_IDLE:
			if (cli_parse_days("whatif", "--idle-days", optarg, 1, 3650, &w->idle))
				return EXIT_USAGE;
			break;
		case O_OCC:
			if (cli_parse_days("whatif", "--occasional-days", optarg, 1, 31, &w->occ))
				return EXIT_USAGE;
			break;
		case O_ASOF:
			if (cli_parse_date("whatif", optarg, &w->as_of))
				return EXIT_USAGE;
			break;
		case O_CURRENCY:
			w->c.currency = optarg;
			break;
		case 'f':
			if ((f = report_format_parse(optarg)) < 0)
				return cli_usage("whatif", "unknown format '%s' (table, csv, json)", optarg);
			w->o.format = (enum report_format)f;
			break;
		case O_PROFILE:
			w->c.profile_path = optarg;
			break;
		case O_STRICT:
			w->c.strict = 1;
			break;
		case O_ASCII:
			w->o.ascii = w->c.ascii = 1;
			break;
		case 'h':
			whatif_help();
			return EXIT_OK;
		default:
			fputs("Try 'focal whatif --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	w->c.files = argv + optind;
	w->c.nfiles = argc - optind;
	if (w->c.nfiles == 0)
		return cli_usage("whatif", "no input file (give a FOCUS CSV file, or - for standard input)");
	if (w->force && !w->save)
		return cli_usage("whatif", "--force only goes with --save");
	w->c.metric = M_EFFECTIVE;
	w->c.grain = GRAIN_MONTH;
	w->c.format = w->o.format;
	return -1;
}

static void
print_result(struct store *s, const struct whatif_model *m, const struct whatif_result *r,
    const struct whatif_scenario *sc, const struct whatif_suggestion *sg, size_t nsg, const struct wopts *o)
{
	if (o->format == FMT_JSON)
		print_json(stdout, m, r, sg, nsg, o->suggest);
	else if (o->format == FMT_CSV && o->suggest)
		print_suggestions(stdout, s, m, sg, nsg, o);
	else if (o->format == FMT_CSV)
		print_csv(stdout, m, r, sc);
	else if (o->suggest && !r->total.simulated) {
		/* only suggesting: the suggestions, not a baseline table that
		 * says "No changes" as if something had gone wrong */
		print_heading(stdout, m);
		print_suggestions(stdout, s, m, sg, nsg, o);
	} else {
		print_table(stdout, s, m, r, o);
		if (o->suggest)
			print_suggestions(stdout, s, m, sg, nsg, o);
	}
}

static int
cmd_whatif(int argc, char **argv)
{
	struct wargs w;
	struct store *s = NULL;
	struct whatif_model m;
	struct whatif_scenario sc = {0};
	struct whatif_result r = {0};
	struct whatif_suggestion *sg = NULL;
	size_t nsg = 0;
	char err[2048];
	int rc;

	memset(&w, 0, sizeof w);
	w.o.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	w.as_of = DATE_NULL;
	if ((rc = parse_args(&w, argc, argv)) != -1) {
		free(w.specs);
		return rc;
	}
	rc = cli_load(&w.c, &s, NULL);
	if (rc != EXIT_OK) {
		cli_report_rejects(s, stderr, 20);
		goto out;
	}
	whatif_products_in(s, store_profile(s), w.as_of, w.c.currency, &m);
	if (w.idle)
		m.idle_days = w.idle;
	if (w.occ)
		m.occasional_days = w.occ;
	whatif_scenario_init(&sc, &m);
	if ((rc = cli_seat_currency("whatif", &m, w.c.currency)) != EXIT_OK)
		goto out_model;
	if (w.scenario && whatif_scenario_load(&m, w.scenario, &sc, err, sizeof err) != 0) {
		cli_say("%s", err);
		rc = EXIT_FILE;
		goto out_model;
	}
	for (int i = 0; i < w.nspecs; i++)
		if (whatif_scenario_parse(&m, w.specs[i], &sc, err, sizeof err) != 0) {
			rc = cli_usage("whatif", "--seats: %s", err);
			goto out_model;
		}
	whatif_compute(&m, &sc, &r);
	if (w.o.suggest)
		nsg = whatif_suggest(&m, &sg);
	print_result(s, &m, &r, &sc, sg, nsg, &w.o);
	if ((fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE) {
		cli_say("writing the output: %s", strerror(errno));
		rc = EXIT_WRITE;
	}
	if (w.save && rc == EXIT_OK && whatif_scenario_save(&m, &sc, w.save, w.force, err, sizeof err) != 0) {
		cli_say("%s", err);
		rc = EXIT_WRITE;
	}
	for (int i = 0; i < m.nnotes; i++)
		cli_say("note: %s", m.note[i]);
	if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
		rc = EXIT_ROWS;
out_model:
	free(sg);
	whatif_result_free(&r);
	whatif_scenario_free(&sc);
	whatif_model_free(&m);
out:
	store_free(s);
	profile_free_all(w.c.profiles, w.c.nprofiles);
	free(w.specs);
	return rc;
}

const struct cmd_entry cmd_whatif_entry = {
	"whatif", "[OPTION]... FILE...", "model seat changes and their savings, and suggest some", cmd_whatif,
};
