/* cmd_renewals.c - `focal renewals` (the renewal calendar) and `focal runway`
 * (prepaid token and credit runway). The numbers come from renewals.c and
 * runway.c; every projected figure is marked, as what-if figures are, and
 * never added to the totals from the data. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "format.h"
#include "profile.h"
#include "renewals.h"
#include "report.h"
#include "runway.h"
#include "seatact.h"
#include "store.h"
#include "grid.h"
#include "text.h"
#include "whatif.h"
#include "xmalloc.h"

/* ---- options both commands share ---- */

struct ropts {
	const char *cmd;
	enum report_format format;
	int days;		/* renewals: --days; runway: --window */
	int idle;
	int activity;		/* renewals --activity */
	int64_t as_of;
	struct cli c;
};

/* Returns -1 to go on, else the exit status (help, usage error). */
static int
parse_opts(int argc, char **argv, struct ropts *o, void (*help)(void))
{
	enum { O_DAYS = 256, O_WINDOW, O_ASOF, O_PROFILE, O_STRICT, O_ASCII, O_IDLE, O_ACTIVITY, O_CURRENCY };
	static const struct option longopts[] = {
		{"days", required_argument, NULL, O_DAYS},
		{"window", required_argument, NULL, O_WINDOW},
		{"idle-days", required_argument, NULL, O_IDLE},
		{"activity", no_argument, NULL, O_ACTIVITY},
		{"as-of", required_argument, NULL, O_ASOF},
		{"currency", required_argument, NULL, O_CURRENCY},
		{"format", required_argument, NULL, 'f'},
		{"profile", required_argument, NULL, O_PROFILE},
		{"strict", no_argument, NULL, O_STRICT},
		{"ascii", no_argument, NULL, O_ASCII},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt, f, runway = !strcmp(o->cmd, "runway");
	unsigned dev = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (opt) {
		case O_DAYS:
		case O_WINDOW:
			if ((opt == O_WINDOW) != runway)
				return cli_usage(o->cmd, "%s goes with focal %s", opt == O_WINDOW ? "--window" : "--days",
				    runway ? "renewals" : "runway");
			if (cli_parse_days(o->cmd, runway ? "--window" : "--days", optarg, 1, 3650, &o->days))
				return EXIT_USAGE;
			break;
		case O_IDLE:
			if (runway)
				return cli_usage(o->cmd, "--idle-days goes with focal renewals");
			if (cli_parse_days(o->cmd, "--idle-days", optarg, 1, 3650, &o->idle))
				return EXIT_USAGE;
			break;
		case O_ACTIVITY:
			if (runway)
				return cli_usage(o->cmd, "--activity goes with focal renewals");
			o->activity = 1;
			break;
		case O_CURRENCY:
			if (runway)
				return cli_usage(o->cmd, "--currency goes with focal renewals (the runway is per virtual "
				    "currency, each billed apart)");
			o->c.currency = optarg;
			break;
		case O_ASOF:
			if (date_parse(optarg, strlen(optarg), &o->as_of, &dev) != 0)
				return cli_usage(o->cmd, "--as-of takes a date like 2026-10-01, not '%s'", optarg);
			break;
		case 'f':
			if ((f = report_format_parse(optarg)) < 0)
				return cli_usage(o->cmd, "unknown format '%s' (table, csv, json)", optarg);
			o->format = (enum report_format)f;
			break;
		case O_PROFILE: o->c.profile_path = optarg; break;
		case O_STRICT: o->c.strict = 1; break;
		case O_ASCII: o->c.ascii = 1; break;
		case 'h': help(); return EXIT_OK;
		default:
			fprintf(stderr, "Try 'focal %s --help' for more information.\n", o->cmd);
			return EXIT_USAGE;
		}
	}
	o->c.files = argv + optind;
	o->c.nfiles = argc - optind;
	if (o->c.nfiles == 0)
		return cli_usage(o->cmd, "no input file (give a FOCUS CSV file, or - for standard input)");
	o->c.metric = M_EFFECTIVE;
	o->c.grain = GRAIN_MONTH;
	o->c.format = o->format;
	return -1;
}

/* ---- a plain table: columns padded, numbers right-aligned ---- */

/* A grid (grid.h) at any width, two spaces between its columns. */
static void
grid_print(FILE *f, struct grid *t)
{
	char line[GRID_COLS * (GRID_CELL + 2)];
	grid_fit(t, -1);
	for (size_t r = 0; r <= t->n; r++) {
		grid_line(t, r, line, sizeof line);
		fprintf(f, "%s\n", line);
	}
}

/* The columns of a table: heads, and a bit per right-aligned one. */
static struct grid
grid_of(int ncols, const char *const *heads, unsigned right)
{
	struct grid t;
	memset(&t, 0, sizeof t);
	t.ncols = ncols;
	t.gap = 2;
	for (int k = 0; k < ncols; k++) {
		t.c[k].head = heads[k];
		t.c[k].left = !(right & (1u << k));
	}
	return t;
}

static void
num_text(money_t v, int decimals, char *buf, size_t n)
{
	if (v == MONEY_NULL)
		snprintf(buf, n, "overflow");
	else
		money_format(v, decimals, decimals < 0 ? 0 : decimals, decimals == 2 ? ',' : 0, buf, n);
}

static void
money_cell(const struct store *s, money_t v, const char *mark, char *buf, size_t n)
{
	char m[96];
	report_money(s, v, m, sizeof m);
	snprintf(buf, n, "%s%s", m, mark);
}

static int
finish(const struct store *s, int rc)
{
	if ((fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE) {
		fprintf(stderr, "focal: writing the output: %s\n", strerror(errno));
		return EXIT_FILE;
	}
	if (cli_report_rejects((struct store *)s, stderr, 20) && rc == EXIT_OK)
		return EXIT_ROWS;
	return rc;
}

/* ---- focal renewals ---- */

static void
renewals_help(void)
{
	fputs(
	    "Usage: focal renewals [OPTION]... FILE...\n"
	    "The renewal calendar: every seat subscription (meter product_seats) that renews\n"
	    "in the next N days, in date order, with its term and seats, what the renewal\n"
	    "costs at the contracted price, the seats active at peak over the idle window,\n"
	    "the cut the what-if suggestion rules would make and what it saves over the\n"
	    "next term.\n"
	    "\n"
	    "      --days=N            look N days ahead (default 90)\n"
	    "      --as-of=DATE        count from this date (default: the latest seat charge)\n"
	    "      --idle-days=N       idle window of the suggestion rules (default: the\n"
	    "                          profile's, 90)\n"
	    "      --activity          then, per product renewing, seats, assigned and\n"
	    "                          active seats in each of the last 12 months, with a\n"
	    "                          bar of active against seats (table format)\n"
	    "      --currency=CODE     the seats billed in this BillingCurrency (needed when\n"
	    "                          seat rows are billed in more than one)\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv or json\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "  -h, --help              show this help and exit\n"
	    "\n"
	    "Projected values (renewal cost, saving) are marked: '*' in the table,\n"
	    "\"projected\" in csv and json. They are not in the data and not in its totals.\n"
	    "A monthly term is listed once, at its next renewal.\n"
	    "\n"
	    "Exit status: 0 success, 2 a file could not be read, 3 rows were rejected,\n"
	    "64 usage error.\n"
	    "\n"
	    "Examples:\n"
	    "  focal renewals export.csv\n"
	    "  focal renewals --days 365 --format csv export.csv\n",
	    stdout);
}

static void
renewals_table(FILE *f, const struct store *s, const struct whatif_model *m, const struct renewal *r, size_t n,
    int days, int ascii)
{
	static const char *const heads[] = {"RENEWS", "PRODUCT", "TERM", "SUBSCRIPTION", "SEATS", "RENEWAL COST",
	    "PEAK ACTIVE", "CUT", "RULE", "SAVES/TERM"};
	struct grid t = grid_of(10, heads, (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 9));
	char a[21], b[21], buf[96];
	money_t cost = 0, saving = 0;
	long long seats = 0, cut = 0;
	cli_day(m->as_of, a);
	cli_day(m->as_of + (int64_t)days * 86400, b);
	fprintf(f, "Renewals as of %s, next %d days (to %s): %zu subscription%s%s%s%s\n\n", a, days, b, n,
	    n == 1 ? "" : "s", m->currency[0] ? " (" : "", m->currency, m->currency[0] ? ")" : "");
	for (size_t i = 0; i < n; i++) {
		const struct whatif_product *p = &m->p[r[i].product];
		cli_day(r[i].date, grid_cell(&t, i, 0));
		text_fit(p->label, 40, grid_cell(&t, i, 1), GRID_CELL, ascii);
		snprintf(grid_cell(&t, i, 2), GRID_CELL, "%s", whatif_term_name(p->term));
		text_fit(p->lot[r[i].lot].id, 24, grid_cell(&t, i, 3), GRID_CELL, ascii);
		snprintf(grid_cell(&t, i, 4), GRID_CELL, "%lld", r[i].seats);
		money_cell(s, r[i].cost, "*", grid_cell(&t, i, 5), GRID_CELL);
		if (r[i].peak >= 0)
			snprintf(grid_cell(&t, i, 6), GRID_CELL, "%lld", r[i].peak);
		else
			snprintf(grid_cell(&t, i, 6), GRID_CELL, "-");
		snprintf(grid_cell(&t, i, 7), GRID_CELL, "%lld", r[i].cut);
		renewals_rules_text(r[i].rules, grid_cell(&t, i, 8), GRID_CELL);
		money_cell(s, r[i].saving, "*", grid_cell(&t, i, 9), GRID_CELL);
		seats += r[i].seats;
		cut += r[i].cut;
		cost = money_add(cost, r[i].cost);
		saving = money_add(saving, r[i].saving);
	}
	if (n) {
		snprintf(grid_cell(&t, n, 1), GRID_CELL, "Total");
		snprintf(grid_cell(&t, n, 4), GRID_CELL, "%lld", seats);
		money_cell(s, cost, "*", grid_cell(&t, n, 5), GRID_CELL);
		snprintf(grid_cell(&t, n, 7), GRID_CELL, "%lld", cut);
		money_cell(s, saving, "*", grid_cell(&t, n, 9), GRID_CELL);
		grid_print(f, &t);
		fputs("\n* projected, not in the data: RENEWAL COST is the subscription's seats for one\n"
		    "  more term at its contracted price; SAVES/TERM is what the CUT saves over that\n"
		    "  term (less any Flex bought instead). PEAK ACTIVE is the busiest month of\n", f);
		snprintf(buf, sizeof buf, "%d", m->idle_days);
		fprintf(f, "  x_ActiveSeats over the %s-day idle window.\n", buf);
	} else
		fputs("No subscription renews in that time.\n", f);
	grid_free(&t);
}

/* Per product of the calendar: the months behind its peak and cut. */
static void
renewals_activity(FILE *f, const struct store *s, const struct whatif_model *m, const struct renewal *r, size_t n,
    int ascii)
{
	for (size_t i = 0; i < n; i++) {
		const struct whatif_product *p = &m->p[r[i].product];
		static const char *const heads[] = {"MONTH", "SEATS", "ASSIGNED", "ACTIVE", "ACTIVE OF SEATS"};
		struct grid t = grid_of(5, heads, 0xeu);
		struct seat_month *sm;
		size_t k, nm;
		char name[128];
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= r[j].product == r[i].product;
		if (seen)
			continue;
		text_fit(p->label, 60, name, sizeof name, ascii);
		nm = seat_activity(s, p->name, m->as_of, 12, &sm);
		fprintf(f, "\nSeat activity of %s, last 12 months%s\n", name, nm ? ":" : ": no monthly seat rows");
		for (k = 0; k < nm; k++) {
			cli_day(sm[k].month, grid_cell(&t, k, 0));
			grid_cell(&t, k, 0)[7] = '\0';
			snprintf(grid_cell(&t, k, 1), GRID_CELL, "%lld", sm[k].seats);
			if (sm[k].assigned >= 0)
				snprintf(grid_cell(&t, k, 2), GRID_CELL, "%lld", sm[k].assigned);
			else
				snprintf(grid_cell(&t, k, 2), GRID_CELL, "-");
			if (sm[k].active >= 0)
				snprintf(grid_cell(&t, k, 3), GRID_CELL, "%lld", sm[k].active);
			else
				snprintf(grid_cell(&t, k, 3), GRID_CELL, "-");
			seat_bar(sm[k].active, sm[k].seats, 20, ascii, grid_cell(&t, k, 4), GRID_CELL);
		}
		if (nm)
			grid_print(f, &t);
		grid_free(&t);
		free(sm);
	}
}

static void
renewals_csv(FILE *f, const struct whatif_model *m, const struct renewal *r, size_t n)
{
	char buf[32];
	fputs("renewal,product,term,subscription,seats,unit_price,unit_price_months,price_source,renewal_cost,"
	    "peak_active,peak_months,cut,rules,flex_days,term_saving,projected\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct whatif_product *p = &m->p[r[i].product];
		const struct whatif_lot *l = &p->lot[r[i].lot];
		cli_day(r[i].date, buf);
		fprintf(f, "%s,", buf);
		text_csv(f, p->label);
		fprintf(f, ",%s,", whatif_term_name(p->term));
		text_csv(f, l->id);
		fprintf(f, ",%lld,", r[i].seats);
		cli_csv_num(f, l->price, -1);
		fprintf(f, ",%d,%s,", l->price_months, whatif_price_source_column(l->source));
		cli_csv_num(f, r[i].cost, 2);
		if (r[i].peak >= 0)
			fprintf(f, ",%lld", r[i].peak);
		else
			fputc(',', f);
		fprintf(f, ",%d,%lld,%s,", r[i].peak_months, r[i].cut, renewals_rules_text(r[i].rules, buf, sizeof buf));
		cli_csv_num(f, r[i].flex_days, -1);
		fputc(',', f);
		cli_csv_num(f, r[i].saving, 2);
		fputs(",renewal_cost term_saving\n", f);
	}
}

static void
renewals_json(FILE *f, const struct whatif_model *m, const struct renewal *r, size_t n, int days)
{
	char buf[32];
	cli_day(m->as_of, buf);
	fprintf(f, "{\"as_of\":\"%s\",\"days\":%d", buf, days);
	cli_json_date(f, "until", m->as_of + (int64_t)days * 86400);
	fputs(",\"currency\":", f);
	text_json(f, m->currency);
	fputs(",\"legend\":\"projected: the fields it names are projections, not in the data and not in its "
	    "totals\",\"renewals\":[", f);
	for (size_t i = 0; i < n; i++) {
		const struct whatif_product *p = &m->p[r[i].product];
		const struct whatif_lot *l = &p->lot[r[i].lot];
		fputs(i ? ",{" : "{", f);
		cli_day(r[i].date, buf);
		fprintf(f, "\"renewal\":\"%s\",\"product\":", buf);
		text_json(f, p->label);
		fprintf(f, ",\"term\":\"%s\",\"subscription\":", whatif_term_name(p->term));
		text_json(f, l->id);
		fprintf(f, ",\"seats\":%lld", r[i].seats);
		cli_json_num(f, "unit_price", l->price, -1);
		fprintf(f, ",\"unit_price_months\":%d,\"price_source\":\"%s\"", l->price_months,
		    whatif_price_source_column(l->source));
		cli_json_num(f, "renewal_cost", r[i].cost, 2);
		if (r[i].peak >= 0)
			fprintf(f, ",\"peak_active\":%lld", r[i].peak);
		else
			fputs(",\"peak_active\":null", f);
		fprintf(f, ",\"peak_months\":%d,\"cut\":%lld,\"rules\":\"%s\"", r[i].peak_months, r[i].cut,
		    renewals_rules_text(r[i].rules, buf, sizeof buf));
		cli_json_num(f, "flex_days", r[i].flex_days, -1);
		cli_json_num(f, "term_saving", r[i].saving, 2);
		fputs(",\"projected\":[\"renewal_cost\",\"term_saving\"]}", f);
	}
	fputc(']', f);
	cli_json_notes(f, m->note, m->nnotes);
	fputs("}\n", f);
}

static int
cmd_renewals(int argc, char **argv)
{
	struct ropts o;
	struct store *s = NULL;
	struct whatif_model m;
	struct renewal *r = NULL;
	size_t n;
	int rc;

	memset(&o, 0, sizeof o);
	o.cmd = "renewals";
	o.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	o.days = 90;
	o.as_of = DATE_NULL;
	if ((rc = parse_opts(argc, argv, &o, renewals_help)) >= 0)
		return rc;
	rc = cli_load(&o.c, &s, NULL);
	if (rc != EXIT_OK) {
		cli_report_rejects(s, stderr, 20);
		goto out;
	}
	whatif_products_in(s, store_profile(s), o.as_of, o.c.currency, &m);
	if (o.idle)
		m.idle_days = o.idle;
	if ((rc = cli_seat_currency("renewals", &m, o.c.currency)) != EXIT_OK) {
		whatif_model_free(&m);
		goto out;
	}
	n = renewals_list(&m, o.days, &r);
	if (o.format == FMT_JSON)
		renewals_json(stdout, &m, r, n, o.days);
	else if (o.format == FMT_CSV)
		renewals_csv(stdout, &m, r, n);
	else
		renewals_table(stdout, s, &m, r, n, o.days, o.c.ascii);
	if (o.format == FMT_TABLE && o.activity)
		renewals_activity(stdout, s, &m, r, n, o.c.ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0);
	if (o.format != FMT_JSON)
		for (int i = 0; i < m.nnotes; i++) {
			char clean[1200];
			text_sanitize(m.note[i], clean, sizeof clean, 0);
			fprintf(stderr, "focal: note: %s\n", clean);
		}
	rc = finish(s, rc);
	free(r);
	whatif_model_free(&m);
out:
	store_free(s);
	profile_free_all(o.c.profiles, o.c.nprofiles);
	return rc;
}

/* ---- focal runway ---- */

static void
runway_help(void)
{
	fputs(
	    "Usage: focal runway [OPTION]... FILE...\n"
	    "Prepaid runway of virtual currencies (Flex tokens, cloud credits): the packs\n"
	    "bought (Purchase rows) against what Usage rows drew (PricingCurrencyEffectiveCost)\n"
	    "month by month, the burn rate over a window, the date the balance runs out at\n"
	    "that rate, what expires unused, and the products and APIs behind the burn.\n"
	    "\n"
	    "      --window=N          burn rate over the last N days (default 90)\n"
	    "      --as-of=DATE        the balance at this date (default: the end of the\n"
	    "                          latest charge period in a virtual currency)\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv (one line per\n"
	    "                          currency) or json (everything)\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "  -h, --help              show this help and exit\n"
	    "\n"
	    "Projected values (run-out date, amounts that will expire) are marked: '*' in\n"
	    "the table, \"projected\" in csv and json. A file with no virtual currency says\n"
	    "so and exits 0.\n"
	    "\n"
	    "Exit status: 0 success, 2 a file could not be read, 3 rows were rejected,\n"
	    "64 usage error.\n",
	    stdout);
}

static void
runway_summary(FILE *f, const struct runway_currency *cu)
{
	char a[96], b[96], c[96], d[96], e[96], t[21];
	num_text(cu->bought, 2, a, sizeof a);
	num_text(cu->used, 2, b, sizeof b);
	num_text(cu->expired, 2, c, sizeof c);
	num_text(cu->uncovered, 2, d, sizeof d);
	num_text(cu->balance, 2, e, sizeof e);
	fprintf(f, "  bought %s, used %s, expired unused %s, used beyond the packs %s\n", a, b, c, d);
	if (cu->unbilled > 0) {
		num_text(cu->unbilled, 2, a, sizeof a);
		fprintf(f, "  of it on rows billed 0: %s (from packs not in the data, or billed elsewhere)\n", a);
	}
	if (cu->corrected != 0) {
		num_text(cu->corrected, 2, a, sizeof a);
		fprintf(f, "  used counts %s of Usage rows below 0 (corrections), which refill no pack\n", a);
	}
	if (cu->billed_mixed)
		fputs("  its Usage rows are billed in more than one currency (not added)\n", f);
	else if (cu->usage_rows) {
		format_money(cu->billed_in, cu->billed, a, sizeof a);
		fprintf(f, "  its Usage rows billed %s in all\n", a);
	}
	cli_day(cu->empty_since, t);
	fprintf(f, "  balance %s%s%s\n", e, cu->empty_since != DATE_NULL ? ", empty since " : "",
	    cu->empty_since != DATE_NULL ? t : "");
	num_text(cu->burn, 2, a, sizeof a);
	num_text(cu->window_used, 2, b, sizeof b);
	fprintf(f, "  burn rate %s a day over the last %d days (%s in all)\n", a, cu->window_days, b);
	cli_day(cu->runs_out, t);
	if (cu->balance <= 0)
		fprintf(f, "  runs out: nothing left to run out\n");
	else if (cu->runs_out == DATE_NULL)
		fprintf(f, "  runs out: not at this rate (no burn, and a pack has no expiry in the data)\n");
	else
		fprintf(f, "  runs out: %s*%s\n", t, cu->out_by_expiry ?
		    " (its last pack expires first)" : "");
	num_text(cu->will_expire, 2, a, sizeof a);
	if (cu->balance > 0)
		fprintf(f, "  will expire unused at this rate: %s*%s\n", a, cu->expiry_unknown ?
		    " (plus packs whose expiry the data does not give)" : "");
	if (cu->missing_amount)
		fprintf(f, "  %zu of %zu Usage rows have no PricingCurrencyEffectiveCost (not counted)\n",
		    cu->missing_amount, cu->usage_rows);
}

/* The packs, those that read the same on one line (PACKS their count after
 * the day, the figures their sums: the columns add up to the summary). */
static void
runway_packs(FILE *f, const struct runway_currency *cu)
{
	static const char *const heads[] = {"BOUGHT", "PACKS", "AMOUNT", "PRICE", "EXPIRES", "USED", "EXPIRED", "LEFT",
	    "WILL EXPIRE"};
	struct grid t = grid_of(9, heads, 0x1eeu);
	size_t r = 0, n;
	for (size_t k = 0; k < cu->npacks; k += n, r++) {
		struct runway_pack p;
		n = runway_pack_run(cu, k);
		runway_pack_sum(cu, k, n, &p);
		cli_day(p.bought, grid_cell(&t, r, 0));
		snprintf(grid_cell(&t, r, 1), GRID_CELL, "%zu", n);
		num_text(p.amount, 2, grid_cell(&t, r, 2), GRID_CELL);
		if (p.cost != MONEY_NULL)
			format_money(p.billing, p.cost, grid_cell(&t, r, 3), GRID_CELL);
		if (p.expires != DATE_NULL)
			cli_day(p.expires, grid_cell(&t, r, 4));
		else
			snprintf(grid_cell(&t, r, 4), GRID_CELL, "not in the data");
		num_text(p.used, 2, grid_cell(&t, r, 5), GRID_CELL);
		num_text(p.expired, 2, grid_cell(&t, r, 6), GRID_CELL);
		num_text(p.left, 2, grid_cell(&t, r, 7), GRID_CELL);
		if (p.left > 0 && p.expires != DATE_NULL)
			num_text(p.will_expire, 2, grid_cell(&t, r, 8), GRID_CELL - 8), strcat(grid_cell(&t, r, 8), "*");
		else
			snprintf(grid_cell(&t, r, 8), GRID_CELL, "-");
	}
	if (t.n) {
		fputc('\n', f);
		grid_print(f, &t);
	} else
		fputs("  no Purchase rows of it in the data: the balance counts no packs\n", f);
	grid_free(&t);
}

static void
runway_periods(FILE *f, const struct runway_currency *cu)
{
	static const char *const heads[] = {"MONTH", "BOUGHT", "USED", "EXPIRED", "BEYOND PACKS", "OF IT BILLED 0",
	    "BALANCE"};
	struct grid t = grid_of(7, heads, 0x7eu);
	for (size_t k = 0; k < cu->nperiods; k++) {
		const struct runway_period *p = &cu->period[k];
		cli_day(p->start, grid_cell(&t, k, 0));
		grid_cell(&t, k, 0)[7] = '\0';
		num_text(p->bought, 2, grid_cell(&t, k, 1), GRID_CELL);
		num_text(p->used, 2, grid_cell(&t, k, 2), GRID_CELL);
		num_text(p->expired, 2, grid_cell(&t, k, 3), GRID_CELL);
		num_text(p->uncovered, 2, grid_cell(&t, k, 4), GRID_CELL);
		num_text(p->unbilled, 2, grid_cell(&t, k, 5), GRID_CELL);
		num_text(p->balance, 2, grid_cell(&t, k, 6), GRID_CELL);
	}
	fputc('\n', f);
	grid_print(f, &t);
	grid_free(&t);
}

static void
runway_uses(FILE *f, const struct runway_currency *cu, int ascii)
{
	static const char *const heads[] = {"BURN BY", "SKU", "USED", "SHARE"};
	struct grid t = grid_of(4, heads, 0xcu);
	for (size_t k = 0; k < cu->nuses; k++) {
		const struct runway_use *u = &cu->use[k];
		money_t share = cu->window_used > 0 ? money_div(money_mul(u->used, money_from_int(100)),
		    cu->window_used) : 0;
		text_fit(u->meter[0] ? u->meter : "(none)", 40, grid_cell(&t, k, 0), GRID_CELL, ascii);
		text_fit(u->sku, 24, grid_cell(&t, k, 1), GRID_CELL, ascii);
		num_text(u->used, 2, grid_cell(&t, k, 2), GRID_CELL);
		num_text(share, 1, grid_cell(&t, k, 3), GRID_CELL - 8);
		strcat(grid_cell(&t, k, 3), "%");
	}
	if (t.n) {
		fputc('\n', f);
		grid_print(f, &t);
	}
	grid_free(&t);
}

static void
runway_table(FILE *f, const struct runway *rw, int window, int ascii)
{
	char a[21], name[128], unit[128];
	cli_day(rw->as_of, a);
	fprintf(f, "Runway as of %s, burn rate over the last %d days\n", a, window);
	for (size_t i = 0; i < rw->n; i++) {
		const struct runway_currency *cu = &rw->c[i];
		char cost[96];
		text_fit(cu->name, 60, name, sizeof name, ascii);
		text_fit(cu->unit, 40, unit, sizeof unit, ascii);
		runway_cost_text(cu, cost, sizeof cost);
		fprintf(f, "\n%s: %zu pack%s%s%s%s\n", name, cu->npacks, cu->npacks == 1 ? "" : "s",
		    unit[0] ? " bought as " : "", unit, cost);
		runway_summary(f, cu);
		runway_packs(f, cu);
		runway_periods(f, cu);
		runway_uses(f, cu, ascii);
	}
	fputs("\n* projected at the burn rate, not in the data. Packs are drawn earliest expiry\n"
	    "  first; a pack's expiry is its x_ExpirationDate, else the end of its ChargePeriod\n"
	    "  when that is longer than a month; otherwise the data gives none and none is\n"
	    "  assumed. 'Used beyond the packs' was drawn with no pack in the data left. On\n"
	    "  rows billed 0 it was not paid as you go: it came from packs the data does not\n"
	    "  show (bought before it starts) or was billed on other rows.\n", f);
}

static void
runway_csv(FILE *f, const struct runway *rw)
{
	char a[21];
	cli_day(rw->as_of, a);
	fputs("currency,unit,as_of,packs,bought,used,expired,used_beyond_packs,beyond_packs_billed_0,usage_billed,usage_billed_currency,balance,empty_since,window_days,"
	    "window_used,burn_per_day,runs_out,will_expire,expiry_unknown,projected\n", f);
	for (size_t i = 0; i < rw->n; i++) {
		const struct runway_currency *cu = &rw->c[i];
		char t[21];
		text_csv(f, cu->name);
		fputc(',', f);
		text_csv(f, cu->unit);
		fprintf(f, ",%s,%zu,", a, cu->npacks);
		cli_csv_num(f, cu->bought, -1), fputc(',', f);
		cli_csv_num(f, cu->used, -1), fputc(',', f);
		cli_csv_num(f, cu->expired, -1), fputc(',', f);
		cli_csv_num(f, cu->uncovered, -1), fputc(',', f);
		cli_csv_num(f, cu->unbilled, -1), fputc(',', f);
		if (!cu->billed_mixed)	/* empty: in more than one currency */
			cli_csv_num(f, cu->billed, -1);
		fputc(',', f);
		text_csv(f, cu->billed_in ? cu->billed_in : "");
		fputc(',', f);
		cli_csv_num(f, cu->balance, -1), fputc(',', f);
		if (cu->empty_since != DATE_NULL)
			cli_day(cu->empty_since, t), fputs(t, f);
		fprintf(f, ",%d,", cu->window_days);
		cli_csv_num(f, cu->window_used, -1), fputc(',', f);
		cli_csv_num(f, cu->burn, 6), fputc(',', f);
		if (cu->runs_out != DATE_NULL && cu->balance > 0)
			cli_day(cu->runs_out, t), fputs(t, f);
		fputc(',', f);
		cli_csv_num(f, cu->will_expire, -1);
		fprintf(f, ",%s,runs_out will_expire\n", cu->expiry_unknown ? "true" : "false");
	}
}

static void
runway_json_currency(FILE *f, const struct runway_currency *cu)
{
	fputs("{\"currency\":", f);
	text_json(f, cu->name);
	fputs(",\"unit\":", f);
	text_json(f, cu->unit);
	cli_json_num(f, "bought", cu->bought, -1);
	cli_json_num(f, "used", cu->used, -1);
	cli_json_num(f, "expired", cu->expired, -1);
	cli_json_num(f, "used_beyond_packs", cu->uncovered, -1);
	cli_json_num(f, "beyond_packs_billed_0", cu->unbilled, -1);
	cli_json_num(f, "corrections", cu->corrected, -1);
	cli_json_num(f, "usage_billed", cu->billed, -1);
	cli_json_text(f, "usage_billed_currency", cu->billed_in);
	cli_json_num(f, "balance", cu->balance, -1);
	cli_json_date(f, "empty_since", cu->empty_since);
	fprintf(f, ",\"window_days\":%d", cu->window_days);
	cli_json_num(f, "window_used", cu->window_used, -1);
	cli_json_num(f, "burn_per_day", cu->burn, 6);
	cli_json_date(f, "runs_out", cu->balance > 0 ? cu->runs_out : DATE_NULL);
	cli_json_num(f, "will_expire", cu->will_expire, -1);
	fprintf(f, ",\"expiry_unknown\":%s,\"projected\":[\"runs_out\",\"will_expire\"],\"packs\":[",
	    cu->expiry_unknown ? "true" : "false");
	for (size_t k = 0; k < cu->npacks; k++) {
		const struct runway_pack *p = &cu->pack[k];
		char t[21];
		cli_day(p->bought, t);
		fprintf(f, "%s{\"bought\":\"%s\"", k ? "," : "", t);
		cli_json_num(f, "amount", p->amount, -1);
		cli_json_num(f, "price", p->cost, 2);
		cli_json_text(f, "price_currency", p->billing);
		cli_json_date(f, "expires", p->expires);
		fprintf(f, ",\"expiry_from\":%s%s%s", p->expiry_from ? "\"" : "", p->expiry_from ? p->expiry_from :
		    "null", p->expiry_from ? "\"" : "");
		cli_json_num(f, "used", p->used, -1);
		cli_json_num(f, "expired", p->expired, -1);
		cli_json_num(f, "left", p->left, -1);
		cli_json_num(f, "will_expire", p->will_expire, -1);
		fputc('}', f);
	}
	fputs("],\"months\":[", f);
	for (size_t k = 0; k < cu->nperiods; k++) {
		const struct runway_period *p = &cu->period[k];
		char t[21];
		cli_day(p->start, t);
		t[7] = '\0';
		fprintf(f, "%s{\"month\":\"%s\"", k ? "," : "", t);
		cli_json_num(f, "bought", p->bought, -1);
		cli_json_num(f, "used", p->used, -1);
		cli_json_num(f, "expired", p->expired, -1);
		cli_json_num(f, "used_beyond_packs", p->uncovered, -1);
		cli_json_num(f, "beyond_packs_billed_0", p->unbilled, -1);
		cli_json_num(f, "corrections", p->corrected, -1);
		cli_json_num(f, "balance", p->balance, -1);
		fputc('}', f);
	}
	fputs("],\"burn_by\":[", f);
	for (size_t k = 0; k < cu->nuses; k++) {
		fputs(k ? ",{\"meter\":" : "{\"meter\":", f);
		text_json(f, cu->use[k].meter);
		fputs(",\"sku\":", f);
		text_json(f, cu->use[k].sku);
		cli_json_num(f, "used", cu->use[k].used, -1);
		fputc('}', f);
	}
	fputs("]}", f);
}

static void
runway_json(FILE *f, const struct runway *rw, int window)
{
	char a[21];
	cli_day(rw->as_of, a);
	fprintf(f, "{\"as_of\":%s%s%s,\"window_days\":%d,\"billing_currency\":", rw->as_of != DATE_NULL ? "\"" : "",
	    rw->as_of != DATE_NULL ? a : "null", rw->as_of != DATE_NULL ? "\"" : "", window);
	text_json(f, rw->billing);
	fputs(",\"legend\":\"projected: the fields it names are projections at the burn rate, not in the data\","
	    "\"currencies\":[", f);
	for (size_t i = 0; i < rw->n; i++) {
		if (i)
			fputc(',', f);
		runway_json_currency(f, &rw->c[i]);
	}
	fputs("]}\n", f);
}

static int
cmd_runway(int argc, char **argv)
{
	struct ropts o;
	struct store *s = NULL;
	struct runway rw;
	int rc;

	memset(&o, 0, sizeof o);
	o.cmd = "runway";
	o.format = isatty(1) ? FMT_TABLE : FMT_CSV;
	o.days = 90;
	o.as_of = DATE_NULL;
	if ((rc = parse_opts(argc, argv, &o, runway_help)) >= 0)
		return rc;
	rc = cli_load(&o.c, &s, NULL);
	if (rc != EXIT_OK) {
		cli_report_rejects(s, stderr, 20);
		goto out;
	}
	runway_build(s, o.as_of, o.days, &rw);
	if (o.format == FMT_JSON)
		runway_json(stdout, &rw, o.days);
	else if (o.format == FMT_CSV)
		runway_csv(stdout, &rw);
	else if (rw.n)
		runway_table(stdout, &rw, o.days, o.c.ascii);
	if (rw.n == 0 && o.format != FMT_JSON)
		fprintf(o.format == FMT_TABLE ? stdout : stderr, "%sNo virtual currency in the data: no Usage row has a "
		    "PricingCurrency (other than\nits BillingCurrency) such as Flex Tokens or Cloud Credits.\n",
		    o.format == FMT_TABLE ? "" : "focal: note: ");
	rc = finish(s, rc);
	runway_free(&rw);
out:
	store_free(s);
	profile_free_all(o.c.profiles, o.c.nprofiles);
	return rc;
}

const struct cmd_entry cmd_renewals_entry = {
	"renewals", "[OPTION]... FILE...", "seat subscriptions renewing in the next N days", cmd_renewals,
};

const struct cmd_entry cmd_runway_entry = {
	"runway", "[OPTION]... FILE...", "prepaid token packs, their burn rate and run-out date", cmd_runway,
};
