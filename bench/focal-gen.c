/* focal-gen - write a synthetic FOCUS 1.3 Cost and Usage CSV: the Autodesk
 * spend of a mid-size US architecture/engineering firm, 2025-01 to 2026-10.
 *
 * The output is byte-identical on every machine: the PRNG is our own, there is
 * no floating point, and every money value is an integer (micro-dollars, cents
 * or 1e-10 units) formatted by hand.  `--rows N` repeats the firm as further
 * offices (new teams, projects and subscriptions over the same months) until
 * exactly N data rows are out; the first office is the default sample, so a
 * long run starts with it.  Memory is constant whatever N is.
 *
 * Prices and their confidence tags come from shared/autodesk/PRICING.md; see
 * data/README.md.
 * This file holds the firm (its tables), the office being written, the row's
 * fields, the month loop and the command line; focal-gen.h says what the
 * other two files hold.
 * Build: cc -std=c11 -O2 -o bench/focal-gen bench/focal-gen*.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "focal-gen.h"

static const char *const col_names[NCOL] = {
#define X(name) #name,
	COLUMNS(X)
#undef X
};

const char *const meter_names[] = {
#define X(id, name) name,
	METERS(X)
#undef X
};

const struct team_def teams[NTEAM] = {
#define X(id, name, cc, area, md, gb) { #id, name, area, cc, md, gb },
	TEAMS(X)
#undef X
};

/* Projects come and go, so the project tag mix changes over time. */
static const struct project {
	int year, num, first, last, teams;
} projects[] = {
	{ 2024, 87, MI(2025, 1), MI(2025, 9),
	  TB(ARC) | TB(STR) | TB(MEP) | TB(VIZ) | TB(DPR) },
	{ 2025, 3, MI(2025, 1), MI(2026, 2),
	  TB(ARC) | TB(STR) | TB(MEP) | TB(CIV) },
	{ 2025, 14, MI(2025, 3), MI(2026, 10), (1 << NTEAM) - 1 },
	{ 2025, 22, MI(2025, 6), MI(2026, 6), TB(CIV) | TB(STR) },
	{ 2025, 31, MI(2025, 9), MI(2026, 10),
	  TB(ARC) | TB(MEP) | TB(VIZ) | TB(DPR) },
	{ 2026, 2, MI(2026, 1), MI(2026, 10),
	  TB(ARC) | TB(STR) | TB(MEP) | TB(CIV) },
	{ 2026, 9, MI(2026, 4), MI(2026, 10), TB(CIV) | TB(VIZ) },
};
#define NPROJ ((int)(sizeof projects / sizeof projects[0]))

const struct sub_def subs[NSUB] = {
	{ "Architecture Engineering & Construction Collection",
	  "ADSK-SEAT-AEC-ANNUAL", "AEC Collection", "annual", "BIM",
	  "{\"x_Term\":\"annual\",\"x_BillingPlan\":\"upfront\"}",
	  12, MI(2025, 4), 0, 110045, { 340000, 350000, 360000 }, 300, 1500,
	  { { T_ARC, 28 }, { T_STR, 14 }, { T_MEP, 12 }, { T_VIZ, 6 } },
	  T_ARC, 2, MI(2026, 4) },
	{ "Revit", "ADSK-SEAT-REVIT-ANNUAL", "Revit", "annual", "BIM",
	  "{\"x_Term\":\"annual\",\"x_BillingPlan\":\"upfront\"}",
	  12, MI(2025, 7), 0, 110061, { 298500, 305500, 316000 }, 0, 2000,
	  { { T_ARC, 4 }, { T_STR, 3 }, { T_DPR, 3 }, { -1, 0 } }, -1, 0, 0 },
	{ "AutoCAD", "ADSK-SEAT-AUTOCAD-ANNUAL", "AutoCAD", "annual", "CAD",
	  "{\"x_Term\":\"annual\",\"x_BillingPlan\":\"upfront\"}",
	  12, MI(2025, 10), 0, 110078, { 203000, 203000, 203000 }, 0, 2500,
	  { { T_CIV, 5 }, { T_MEP, 4 }, { T_STR, 3 }, { -1, 0 } }, -1, 0, 0 },
	{ "AutoCAD", "ADSK-SEAT-AUTOCAD-3YR", "AutoCAD", "3-year", "CAD",
	  "{\"x_Term\":\"3-year\",\"x_BillingPlan\":\"upfront\"}",
	  36, MI(2025, 3), MI(2025, 3), 110102, { 609000, 609000, 609000 },
	  0, 2500, { { T_CIV, 3 }, { T_ARC, 2 }, { -1, 0 }, { -1, 0 } },
	  -1, 0, 0 },
	{ "Civil 3D", "ADSK-SEAT-CIVIL3D-ANNUAL", "Civil 3D", "annual",
	  "Engineering",
	  "{\"x_Term\":\"annual\",\"x_BillingPlan\":\"upfront\"}",
	  12, MI(2025, 9), 0, 110090, { 300000, 300000, 300000 }, 0, 2500,
	  { { T_CIV, 3 }, { T_STR, 1 }, { -1, 0 }, { -1, 0 } }, -1, 0, 0 },
	{ "AutoCAD LT", "ADSK-SEAT-ACADLT-MONTHLY", "AutoCAD LT", "monthly",
	  "CAD", "{\"x_Term\":\"monthly\",\"x_BillingPlan\":\"monthly\"}",
	  1, 0, 0, 110115, { 7000, 7000, 7000 }, 0, 2000,
	  { { T_ARC, 6 }, { T_MEP, 5 }, { T_CIV, 4 }, { -1, 0 } }, -1, 0, 0 },
	{ "Maya", "ADSK-SEAT-MAYA-MONTHLY", "Maya", "monthly", "3D Modeling",
	  "{\"x_Term\":\"monthly\",\"x_BillingPlan\":\"monthly\"}",
	  1, 0, 0, 110127, { 24500, 24500, 24500 }, 0, 2000,
	  { { T_VIZ, 2 }, { T_DPR, 1 }, { -1, 0 }, { -1, 0 } }, -1, 0, 0 },
};
_Static_assert(sizeof subs / sizeof subs[0] == NSUB, "NSUB");

const struct flex_def flexes[NFLEX] = {
	{ "AutoCAD", "ADSK-FLEX-AUTOCAD", "CAD",
	  "{\"x_Product\":\"AutoCAD\",\"x_TokensPerDay\":7}",
	  7, TB(ARC) | TB(STR) | TB(MEP) | TB(CIV), 3, 150 },
	{ "Revit", "ADSK-FLEX-REVIT", "BIM",
	  "{\"x_Product\":\"Revit\",\"x_TokensPerDay\":10}",
	  10, TB(ARC) | TB(STR) | TB(MEP), 2, 150 },
};
_Static_assert(sizeof flexes / sizeof flexes[0] == NFLEX, "NFLEX");

const struct engine_def engines[NENGINE] = {
	{ "Revit", "APS-DA-REVIT", "BIM", T_DPR, 85, 28, 40 },
	{ "AutoCAD", "APS-DA-AUTOCAD", "CAD", T_CIV, 40, 13, 18 },
	{ "Inventor", "APS-DA-INVENTOR", "Engineering", T_MEP, 15, 5, 25 },
	{ "3ds Max", "APS-DA-3DSMAX", "3D Modeling", T_VIZ, 15, 5, 24 },
};
_Static_assert(sizeof engines / sizeof engines[0] == NENGINE, "NENGINE");

/* Office closures: no translations or Flex use on these days. */
static const int holidays[][3] = {
	{ 2025, 1, 1 }, { 2025, 5, 26 }, { 2025, 7, 4 }, { 2025, 9, 1 },
	{ 2025, 11, 27 }, { 2025, 11, 28 }, { 2025, 12, 25 }, { 2026, 1, 1 },
	{ 2026, 5, 25 }, { 2026, 7, 3 }, { 2026, 9, 7 },
};
_Static_assert(sizeof holidays / sizeof holidays[0] == NHOLIDAY, "NHOLIDAY");

/* ---- per-office state: office 0 is the default sample ------------------- */

char sfx_id[32], sfx_name[48];
static char team_id[NTEAM][48], team_name[NTEAM][80], team_cc[NTEAM][32];
char team_res[NTEAM][64], team_res_name[NTEAM][112];
static char proj_code[NPROJ][48];
char sub_code[NSUB][32];
char app_viewer[64], app_auto[64], app_capture[64], flex_pool[64];

int64_t pool;		/* Flex token balance, micro-dollars */
int64_t tax_base;	/* this period's taxable billed charges */
int onetime;		/* a One-Time purchase in this period */
int cur_mi;
char bp_start[24], bp_end[24], invoice[16];

static void office_begin(long n)
{
	int i;

	rng_state = seed ^ ((uint64_t)(n + 1) * 0xD1B54A32D192ED03ULL);
	if (n) {
		snprintf(sfx_id, sizeof sfx_id, "-%03ld", n + 1);
		snprintf(sfx_name, sizeof sfx_name, " (Office %ld)", n + 1);
	} else {
		sfx_id[0] = sfx_name[0] = '\0';
	}
	for (i = 0; i < NTEAM; i++) {
		snprintf(team_id[i], sizeof team_id[i], "TEAM-%s%s",
		    teams[i].code, sfx_id);
		snprintf(team_name[i], sizeof team_name[i], "%s%s",
		    teams[i].name, sfx_name);
		snprintf(team_cc[i], sizeof team_cc[i], "CC-%ld",
		    teams[i].cc + 1000 * n);
		snprintf(team_res[i], sizeof team_res[i],
		    "docs:northwind/%s%s", teams[i].code, sfx_id);
		snprintf(team_res_name[i], sizeof team_res_name[i],
		    "%s%s project files", teams[i].name, sfx_name);
	}
	for (i = 0; i < NPROJ; i++)
		snprintf(proj_code[i], sizeof proj_code[i], "PRJ-%d-%03ld",
		    projects[i].year, projects[i].num + 100 * n);
	for (i = 0; i < NSUB; i++)
		snprintf(sub_code[i], sizeof sub_code[i], "SUB-%ld",
		    subs[i].sub_id + 1000 * n);
	snprintf(app_viewer, sizeof app_viewer,
	    "aps-app:northwind-bim-viewer%s", sfx_id);
	snprintf(app_auto, sizeof app_auto, "aps-app:northwind-automation%s",
	    sfx_id);
	snprintf(app_capture, sizeof app_capture,
	    "aps-app:northwind-site-capture%s", sfx_id);
	snprintf(flex_pool, sizeof flex_pool, "flex-pool:ADSK-TEAM-0042%s",
	    sfx_id);
	/* what is left of a 2024 pack that expires with the 2025 purchase */
	pool = 150LL * TOKEN_USD;
}

int project_primary(int t, int mi)
{
	int i;

	for (i = 0; i < NPROJ; i++)
		if ((projects[i].teams >> t & 1) && projects[i].first <= mi &&
		    mi <= projects[i].last)
			return i;
	return 0;
}

static int project_pick(int t, int mi)
{
	int i, n = 0, k;

	for (i = 0; i < NPROJ; i++)
		n += (projects[i].teams >> t & 1) && projects[i].first <= mi &&
		    mi <= projects[i].last;
	k = rng_below(n);
	for (i = 0; i < NPROJ; i++)
		if ((projects[i].teams >> t & 1) && projects[i].first <= mi &&
		    mi <= projects[i].last && k-- == 0)
			return i;
	return 0;
}

/* ---- row building ------------------------------------------------------ */

static void row_init_const(void)
{
	row_const[C_ProviderName] = "Autodesk";
	row_const[C_PublisherName] = "Autodesk, Inc.";
	row_const[C_ServiceProviderName] = "Autodesk";
	row_const[C_HostProviderName] = "Autodesk";
	row_const[C_InvoiceIssuerName] = "Autodesk, Inc.";
	row_const[C_BillingAccountId] = "ADSK-TEAM-0042";
	row_const[C_BillingAccountName] = "Northwind Design Partners";
	row_const[C_BillingAccountType] = "Team";
	row_const[C_BillingCurrency] = "USD";
	row_const[C_PricingCurrency] = "USD";
}

void row_begin(void)
{
	apos = 0;
	memcpy(row, row_const, sizeof row);
	row[C_InvoiceId] = invoice;
	row[C_BillingPeriodStart] = bp_start;
	row[C_BillingPeriodEnd] = bp_end;
}

/* A row is far below this: the arena is 16 KiB and quoting at most doubles. */
#define ROW_MAX 65536

static void row_write(void)
{
	int i;

	if (out_pos + ROW_MAX > sizeof out_buf)
		out_flush();
	for (i = 0; i < NCOL; i++) {
		if (i)
			out_buf[out_pos++] = ',';
		if (row[i])
			out_field(row[i]);
	}
	out_buf[out_pos++] = '\n';
}

void row_emit(void)
{
	row_write();
	if (++rows_out == rows_limit) {
		out_finish();
		exit(0);
	}
}

void set_team(int t)
{
	row[C_SubAccountId] = team_id[t];
	row[C_SubAccountName] = team_name[t];
	row[C_SubAccountType] = "Team";
}

void set_period(int from, int to)
{
	row[C_ChargePeriodStart] = s_datetime(from);
	row[C_ChargePeriodEnd] = s_datetime(to);
}

void set_service(const char *name, const char *cat, const char *sub)
{
	row[C_ServiceName] = name;
	row[C_ServiceCategory] = cat;
	row[C_ServiceSubcategory] = sub;
}

void set_region(void)
{
	row[C_RegionId] = "us-east";
	row[C_RegionName] = "US East";
}

void set_sku(const char *sku, enum meter m, const char *price_id,
    const char *details)
{
	row[C_SkuId] = sku;
	row[C_SkuMeter] = meter_names[m];
	row[C_SkuPriceId] = price_id;
	row[C_SkuPriceDetails] = details;
	row[C_PricingCategory] = "Standard";
}

void set_resource(const char *id, const char *name, const char *type)
{
	row[C_ResourceId] = id;
	row[C_ResourceName] = name;
	row[C_ResourceType] = type;
}

void set_tags(const char *area, int proj, int t, const char *seats)
{
	b_start();
	b_s("{\"area\":\"");
	b_s(area);
	b_s("\",\"project\":\"");
	b_s(proj_code[proj]);
	b_s("\",\"cost-center\":\"");
	b_s(team_cc[t]);
	if (seats) {
		b_s("\",\"seat-assignment\":\"");
		b_s(seats);
	}
	b_s("\"}");
	row[C_Tags] = b_end();
}

/* Usage tags, with a few rows left untagged on purpose. */
void set_usage_tags(const char *area, int t)
{
	int proj = project_pick(t, cur_mi);

	if (!rng_chance(120))
		set_tags(area, proj, t, NULL);
}

/* Costs drawn from the Flex token pool; once it is empty the rest is Pay as
 * You Go, billed in the month of use. */
void set_token_cost(int64_t cost)
{
	int64_t covered = cost < pool ? cost : pool;

	pool -= covered;
	tax_base += cost - covered;
	row[C_BilledCost] = s_money(cost - covered);
	row[C_EffectiveCost] = row[C_ListCost] = row[C_ContractedCost] =
	    s_money(cost);
}

void set_token_prices(int64_t usd_micro, int64_t tokens_e10)
{
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    s_dec(usd_micro, 6, 2);
	row[C_PricingCurrency] = "Flex Tokens";
	row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] =
	    s_dec(tokens_e10, 10, 0);
}

void set_aps(void)
{
	set_service("Autodesk Platform Services", "Developer Tools",
	    "Platform APIs (APS)");
	set_region();
}

void set_usage(void)
{
	row[C_ChargeCategory] = "Usage";
	row[C_ChargeFrequency] = "Usage-Based";
}

/* ---- the month loop ------------------------------------------------------ */

static void gen_month(int mi)
{
	int first = month_day(mi), next = month_day(mi + 1);
	int wdays[31] = {0}, nwd = 0, rc[2], day, t, k;
	const char *p;

	cur_mi = mi;
	tax_base = 0;
	onetime = 0;
	apos = 0;
	p = s_datetime(first);
	memcpy(bp_start, p, strlen(p) + 1);
	p = s_datetime(next);
	memcpy(bp_end, p, strlen(p) + 1);
	snprintf(invoice, sizeof invoice, "INV-%04d-%02d", mi / 12,
	    mi % 12 + 1);

	gen_seats();
	for (day = first; day < next; day++)
		if (is_workday(day))
			wdays[nwd++] = day;
	rc[0] = wdays[rng_below(nwd)];
	rc[1] = wdays[rng_below(nwd)];
	for (day = first; day < next; day++) {
		int wd = is_workday(day), y, m, d;

		civil_from_days(day, &y, &m, &d);
		if (m == 1 && d == 15)
			flex_pack(day);
		if (wd)
			for (t = 0; t < NTEAM; t++) {
				flex_use(day, t);
				md_jobs(day, t);
			}
		da_minutes(day, wd);
		for (k = 0; k < 2; k++)
			if (rc[k] == day)
				rc_job(day);
	}
	for (t = 0; t < NTEAM; t++)
		storage(t);
	if (mi == MI(2025, 9))
		credit();
	if (mi == MI(2026, 3))
		adjustment();
	if (tax_base > 0)
		tax();
}

/* ---- command line ------------------------------------------------------- */

static void usage(FILE *fp)
{
	fputs("usage: focal-gen [-o FILE] [--rows N] [--seed S]\n"
	    "\n"
	    "Write a synthetic FOCUS 1.3 Cost and Usage CSV of a mid-size AEC\n"
	    "firm's Autodesk spend, 2025-01 to 2026-10, deterministically.\n"
	    "\n"
	    "  -o FILE     write to FILE (default: standard output)\n"
	    "  --rows N    0 (default): the sample; N > 0: exactly N data\n"
	    "              rows, adding offices with their own teams\n"
	    "  --seed S    seed of the generator (default 42)\n"
	    "  --help      show this help\n", fp);
}

static int parse_u64(const char *s, uint64_t *v)
{
	uint64_t n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (UINT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return 0;
}

_Noreturn static void bad_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "focal-gen: %s%s%s\n", msg, arg ? ": " : "",
	    arg ? arg : "");
	usage(stderr);
	exit(EX_USAGE);
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	int i;
	long n;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val;
		size_t len = strcspn(a, "="), cmp = len < 6 ? 6 : len;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		}
		if (strcmp(a, "-o") && strncmp(a, "--rows", cmp) &&
		    strncmp(a, "--seed", cmp))
			bad_usage("unknown argument", a);
		if (len != strlen(a) && a[0] == '-' && a[1] == '-')
			val = a + len + 1;	/* --rows=N */
		else if (i + 1 < argc)
			val = argv[++i];
		else
			bad_usage("missing value for", a);
		if (!strcmp(a, "-o")) {
			if (!*val)
				bad_usage("empty file name after", a);
			path = val;
		} else if (a[2] == 'r') {
			if (parse_u64(val, &rows_limit))
				bad_usage("--rows wants a count", val);
		} else if (parse_u64(val, &seed)) {
			bad_usage("--seed wants a non-negative integer", val);
		}
	}

	if (path && strcmp(path, "-")) {
		out_fp = fopen(path, "wb");
		if (!out_fp) {
			perror(path);
			return EX_CANTCREAT;
		}
		out_path = path;
	} else {
		out_fp = stdout;
	}

	for (i = 0; i < NHOLIDAY; i++)
		holiday_days[i] = days_from_civil(holidays[i][0],
		    holidays[i][1], holidays[i][2]);
	day_newrate = days_from_civil(2025, 12, 8);
	row_init_const();

	memcpy(row, col_names, sizeof row);
	row_write();

	for (n = 0; n == 0 || rows_limit; n++) {
		office_begin(n);
		for (i = MI_FIRST; i <= MI_LAST; i++)
			gen_month(i);
	}
	out_finish();
	return 0;
}
