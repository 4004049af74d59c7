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
 * Build: cc -std=c11 -O2 -o bench/focal-gen bench/focal-gen.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_USAGE	64
#define EX_CANTCREAT	73
#define EX_IOERR	74

#define MI(y, m)	((y) * 12 + (m) - 1)	/* month index */
#define MI_FIRST	MI(2025, 1)
#define MI_LAST		MI(2026, 10)
#define NMONTHS		(MI_LAST - MI_FIRST + 1)

#define CENT		10000		/* micro-dollars per cent */
#define TOKEN_USD	3000000		/* $3.00 a Flex token, micro-dollars (A) */
#define TOKEN		10000000000LL	/* one token in 1e-10 units */
#define PACK_TOKENS	1500		/* yearly Flex pack (PRICING.md 5a) */
#define TAX_PPM		88750		/* NYC sales tax 8.875 % */

/* The 65 FOCUS 1.3 columns in the order of the focus-data-toolkit samples,
 * then our custom ones. */
#define COLUMNS(X) \
	X(ProviderName) X(PublisherName) X(ServiceProviderName) \
	X(HostProviderName) X(InvoiceIssuerName) X(InvoiceId) \
	X(BillingAccountId) X(BillingAccountName) X(BillingAccountType) \
	X(SubAccountId) X(SubAccountName) X(SubAccountType) \
	X(BillingPeriodStart) X(BillingPeriodEnd) X(ChargePeriodStart) \
	X(ChargePeriodEnd) X(ChargeCategory) X(ChargeClass) \
	X(ChargeDescription) X(ChargeFrequency) X(BilledCost) \
	X(EffectiveCost) X(ListCost) X(ContractedCost) X(ListUnitPrice) \
	X(ContractedUnitPrice) X(PricingCategory) X(PricingQuantity) \
	X(PricingUnit) X(PricingCurrency) \
	X(PricingCurrencyContractedUnitPrice) \
	X(PricingCurrencyEffectiveCost) X(PricingCurrencyListUnitPrice) \
	X(BillingCurrency) X(ConsumedQuantity) X(ConsumedUnit) \
	X(ServiceName) X(ServiceCategory) X(ServiceSubcategory) X(SkuId) \
	X(SkuMeter) X(SkuPriceId) X(SkuPriceDetails) X(ResourceId) \
	X(ResourceName) X(ResourceType) X(RegionId) X(RegionName) \
	X(AvailabilityZone) X(CommitmentDiscountId) \
	X(CommitmentDiscountName) X(CommitmentDiscountCategory) \
	X(CommitmentDiscountType) X(CommitmentDiscountStatus) \
	X(CommitmentDiscountQuantity) X(CommitmentDiscountUnit) \
	X(ContractApplied) X(CapacityReservationId) \
	X(CapacityReservationStatus) X(AllocatedMethodId) \
	X(AllocatedMethodDetails) X(AllocatedResourceId) \
	X(AllocatedResourceName) X(AllocatedTags) X(Tags) \
	X(x_SubscriptionId) X(x_Term) X(x_ActiveSeats) X(x_JobClass) \
	X(x_Engine)

enum col {
#define X(name) C_##name,
	COLUMNS(X)
#undef X
	NCOL
};

static const char *const col_names[NCOL] = {
#define X(name) #name,
	COLUMNS(X)
#undef X
};

/* The SkuMeter values the focal Autodesk profile keys on. */
#define METERS(X) \
	X(SEATS, "Product Seats") \
	X(CREDITS, "Cloud Credits Consumed") \
	X(MD, "Model Derivative Translations") \
	X(DA, "Design Automation Minutes") \
	X(RC, "Reality Capture Processing") \
	X(STORAGE, "Storage Consumption")

enum meter {
#define X(id, name) M_##id,
	METERS(X)
#undef X
};

static const char *const meter_names[] = {
#define X(id, name) name,
	METERS(X)
#undef X
};

/* X(id, name, cost centre, area tag, share of APS translations %, storage GB
 * in 2025-01) */
#define TEAMS(X) \
	X(ARC, "Architecture", 100, "BIM", 35, 120) \
	X(STR, "Structural", 200, "Engineering", 20, 80) \
	X(MEP, "MEP", 300, "Engineering", 20, 70) \
	X(CIV, "Civil", 400, "Engineering", 10, 90) \
	X(VIZ, "Visualization", 500, "3D Modeling", 5, 150) \
	X(DPR, "Digital Practice", 900, "BIM", 10, 50)

enum team {
#define X(id, name, cc, area, md, gb) T_##id,
	TEAMS(X)
#undef X
	NTEAM
};

#define TB(id) (1 << T_##id)

static const struct team_def {
	const char *code, *name, *area;
	int cc, md_share, gb0;
} teams[NTEAM] = {
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

/* Seat subscriptions.  Upfront terms start on `anchor` and renew every
 * `months`; months == 1 is billed monthly.  Prices are per seat per term (per
 * month for monthly terms) in cents, by the year the term starts. */
static const struct sub_def {
	const char *service, *sku, *short_name, *term, *area, *details;
	int months, anchor, first, sub_id;
	int64_t list[3];	/* 2024, 2025, 2026 */
	int discount_bp, idle_bp;
	struct { int team, seats; } split[4];
	int grow_team, grow_seats, grow_from;	/* seats added at a renewal */
} subs[] = {
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
#define NSUB ((int)(sizeof subs / sizeof subs[0]))

/* Flex pay-per-day use by occasional users: per team and working day,
 * `trials` users each starting the product with chance p_bp/10000. */
static const struct flex_def {
	const char *product, *sku, *area, *details;
	int tokens_per_day, teams, trials, p_bp;
} flexes[] = {
	{ "AutoCAD", "ADSK-FLEX-AUTOCAD", "CAD",
	  "{\"x_Product\":\"AutoCAD\",\"x_TokensPerDay\":7}",
	  7, TB(ARC) | TB(STR) | TB(MEP) | TB(CIV), 3, 150 },
	{ "Revit", "ADSK-FLEX-REVIT", "BIM",
	  "{\"x_Product\":\"Revit\",\"x_TokensPerDay\":10}",
	  10, TB(ARC) | TB(STR) | TB(MEP), 2, 150 },
};
#define NFLEX ((int)(sizeof flexes / sizeof flexes[0]))

/* Automation API engines: chance of a run on a weekday / weekend day (%) and
 * the mean processing minutes of a day with runs. */
static const struct engine_def {
	const char *name, *sku, *area;
	int team, p_wd, p_we, mean_min;
} engines[] = {
	{ "Revit", "APS-DA-REVIT", "BIM", T_DPR, 85, 28, 40 },
	{ "AutoCAD", "APS-DA-AUTOCAD", "CAD", T_CIV, 40, 13, 18 },
	{ "Inventor", "APS-DA-INVENTOR", "Engineering", T_MEP, 15, 5, 25 },
	{ "3ds Max", "APS-DA-3DSMAX", "3D Modeling", T_VIZ, 15, 5, 24 },
};
#define NENGINE ((int)(sizeof engines / sizeof engines[0]))

/* Office closures: no translations or Flex use on these days. */
static const int holidays[][3] = {
	{ 2025, 1, 1 }, { 2025, 5, 26 }, { 2025, 7, 4 }, { 2025, 9, 1 },
	{ 2025, 11, 27 }, { 2025, 11, 28 }, { 2025, 12, 25 }, { 2026, 1, 1 },
	{ 2026, 5, 25 }, { 2026, 7, 3 }, { 2026, 9, 7 },
};
#define NHOLIDAY ((int)(sizeof holidays / sizeof holidays[0]))

static const int64_t pow10s[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000LL, 100000000000LL, 1000000000000LL,
};

/* ---- output ---------------------------------------------------------- */

static FILE *out_fp;
static const char *out_path = "(stdout)";
static char out_buf[1 << 20];
static size_t out_pos;
static uint64_t rows_out, rows_limit;

static void out_flush(void)
{
	if (out_pos && fwrite(out_buf, 1, out_pos, out_fp) != out_pos) {
		fprintf(stderr, "focal-gen: %s: write error\n", out_path);
		exit(EX_IOERR);
	}
	out_pos = 0;
}

static void out_finish(void)
{
	out_flush();
	if (fflush(out_fp) != 0 || (out_fp != stdout && fclose(out_fp) != 0)) {
		fprintf(stderr, "focal-gen: %s: write error\n", out_path);
		exit(EX_IOERR);
	}
}

/* RFC 4180: quote only a field holding a comma, quote or line break.  The
 * caller has made room for a whole row. */
static void out_field(const char *s)
{
	size_t n = strcspn(s, ",\"\r\n");
	char *o;

	if (!s[n]) {
		memcpy(out_buf + out_pos, s, n);
		out_pos += n;
		return;
	}
	o = out_buf + out_pos;
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	out_pos = (size_t)(o - out_buf);
}

/* ---- one row: field pointers into a per-row arena --------------------- */

static const char *row[NCOL];
static const char *row_const[NCOL];
static char arena[16384];
static size_t apos;
static char *bstart;

static void b_start(void)
{
	if (apos > sizeof arena - 1024) {
		fputs("focal-gen: internal error: row arena full\n", stderr);
		exit(70);
	}
	bstart = arena + apos;
}

static void b_ch(char c)
{
	arena[apos++] = c;
}

static void b_s(const char *s)
{
	size_t n = strlen(s);

	memcpy(arena + apos, s, n);
	apos += n;
}

static const char *b_end(void)
{
	arena[apos++] = '\0';
	return bstart;
}

static void b_uint(uint64_t u, int width)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n < width)
		d[n++] = '0';
	while (n)
		b_ch(d[--n]);
}

/* v / 10^scale in plain NumericFormat, trailing zeros trimmed down to
 * minfrac decimals. */
static void b_dec(int64_t v, int scale, int minfrac)
{
	uint64_t u, fp;
	char f[16] = {0};
	int i, len;

	if (v < 0) {
		b_ch('-');
		u = -(uint64_t)v;
	} else {
		u = (uint64_t)v;
	}
	b_uint(u / (uint64_t)pow10s[scale], 0);
	fp = u % (uint64_t)pow10s[scale];
	for (i = scale - 1; i >= 0; i--) {
		f[i] = (char)('0' + fp % 10);
		fp /= 10;
	}
	len = scale;
	while (len > minfrac && f[len - 1] == '0')
		len--;
	if (len) {
		b_ch('.');
		for (i = 0; i < len; i++)
			b_ch(f[i]);
	}
}

static const char *s_dec(int64_t v, int scale, int minfrac)
{
	b_start();
	b_dec(v, scale, minfrac);
	return b_end();
}

static const char *s_money(int64_t micro)
{
	return s_dec(micro, 6, 2);
}

static const char *s_cents(int64_t cents)
{
	return s_dec(cents, 2, 2);
}

/* ---- calendar (days since 1970-01-01, proleptic Gregorian) ------------ */

static int days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int month_day(int mi)
{
	return days_from_civil(mi / 12, mi % 12 + 1, 1);
}

static void b_date(int day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	b_uint((uint64_t)y, 4);
	b_ch('-');
	b_uint((uint64_t)m, 2);
	b_ch('-');
	b_uint((uint64_t)d, 2);
}

static const char *s_datetime(int day)
{
	b_start();
	b_date(day);
	b_s("T00:00:00Z");
	return b_end();
}

static void b_month(int mi)
{
	b_uint((uint64_t)(mi / 12), 4);
	b_ch('-');
	b_uint((uint64_t)(mi % 12 + 1), 2);
}

static int holiday_days[NHOLIDAY];
static int day_newrate;	/* APS rates change on this ChargePeriodStart */

static int is_workday(int day)
{
	int i, wd = (day + 4) % 7;	/* 0 = Sunday; 1970-01-01 was a Thu */

	if (wd == 0 || wd == 6)
		return 0;
	for (i = 0; i < NHOLIDAY; i++)
		if (holiday_days[i] == day)
			return 0;
	return 1;
}

/* ---- randomness: splitmix64 ------------------------------------------- */

static uint64_t rng_state, seed = 42;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int rng_below(int n)
{
	return (int)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

static int rng_chance(int bp)
{
	return rng_below(10000) < bp;
}

/* A count with the given mean (in thousandths): binomial, integers only. */
static int rng_count(int64_t mean_milli)
{
	int n = mean_milli <= 4000 ? 8 : (int)(mean_milli * 2 / 1000) + 1;
	int64_t p16 = mean_milli * 65536 / ((int64_t)n * 1000);
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += (int64_t)(rng_next() >> 48) < p16;
	return k;
}

/* ---- per-office state: office 0 is the default sample ------------------- */

static char sfx_id[32], sfx_name[48];
static char team_id[NTEAM][48], team_name[NTEAM][80], team_cc[NTEAM][32];
static char team_res[NTEAM][64], team_res_name[NTEAM][112];
static char proj_code[NPROJ][48];
static char sub_code[NSUB][32];
static char app_viewer[64], app_auto[64], app_capture[64], flex_pool[64];

static int64_t pool;		/* Flex token balance, micro-dollars */
static int64_t tax_base;	/* this period's taxable billed charges */
static int onetime;		/* a One-Time purchase in this period */
static int cur_mi;
static char bp_start[24], bp_end[24], invoice[16];

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

static int project_primary(int t, int mi)
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

static void row_begin(void)
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

static void row_emit(void)
{
	row_write();
	if (++rows_out == rows_limit) {
		out_finish();
		exit(0);
	}
}

static void set_team(int t)
{
	row[C_SubAccountId] = team_id[t];
	row[C_SubAccountName] = team_name[t];
	row[C_SubAccountType] = "Team";
}

static void set_period(int from, int to)
{
	row[C_ChargePeriodStart] = s_datetime(from);
	row[C_ChargePeriodEnd] = s_datetime(to);
}

static void set_service(const char *name, const char *cat, const char *sub)
{
	row[C_ServiceName] = name;
	row[C_ServiceCategory] = cat;
	row[C_ServiceSubcategory] = sub;
}

static void set_region(void)
{
	row[C_RegionId] = "us-east";
	row[C_RegionName] = "US East";
}

static void set_sku(const char *sku, enum meter m, const char *price_id,
    const char *details)
{
	row[C_SkuId] = sku;
	row[C_SkuMeter] = meter_names[m];
	row[C_SkuPriceId] = price_id;
	row[C_SkuPriceDetails] = details;
	row[C_PricingCategory] = "Standard";
}

static void set_resource(const char *id, const char *name, const char *type)
{
	row[C_ResourceId] = id;
	row[C_ResourceName] = name;
	row[C_ResourceType] = type;
}

static void set_tags(const char *area, int proj, int t, const char *seats)
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
static void set_usage_tags(const char *area, int t)
{
	int proj = project_pick(t, cur_mi);

	if (!rng_chance(120))
		set_tags(area, proj, t, NULL);
}

/* Costs drawn from the Flex token pool; once it is empty the rest is Pay as
 * You Go, billed in the month of use. */
static void set_token_cost(int64_t cost)
{
	int64_t covered = cost < pool ? cost : pool;

	pool -= covered;
	tax_base += cost - covered;
	row[C_BilledCost] = s_money(cost - covered);
	row[C_EffectiveCost] = row[C_ListCost] = row[C_ContractedCost] =
	    s_money(cost);
}

static void set_token_prices(int64_t usd_micro, int64_t tokens_e10)
{
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    s_dec(usd_micro, 6, 2);
	row[C_PricingCurrency] = "Flex Tokens";
	row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] =
	    s_dec(tokens_e10, 10, 0);
}

static void set_aps(void)
{
	set_service("Autodesk Platform Services", "Developer Tools",
	    "Platform APIs (APS)");
	set_region();
}

static void set_usage(void)
{
	row[C_ChargeCategory] = "Usage";
	row[C_ChargeFrequency] = "Usage-Based";
}

/* ---- seats -------------------------------------------------------------- */

static int64_t price_for(const struct sub_def *s, int mi)
{
	int y = mi / 12;

	return s->list[y < 2024 ? 0 : y > 2026 ? 2 : y - 2024];
}

static int64_t contracted_for(const struct sub_def *s, int64_t list)
{
	return (list * (10000 - s->discount_bp) + 5000) / 10000;
}

static int floordiv(int a, int b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Assigned seats and the active share of them (idle ~15-30 %, PRICING 5a). */
static int seat_activity(int seats, int idle_bp, const char **assignment)
{
	int i, assigned = 0, active = 0;

	for (i = 0; i < seats; i++)
		assigned += !rng_chance(300);
	for (i = 0; i < assigned; i++)
		active += !rng_chance(idle_bp);
	*assignment = assigned == seats ? "assigned" : "partially-assigned";
	return active;
}

static void seat_common(int si, int t, int seats)
{
	const struct sub_def *s = &subs[si];

	set_team(t);
	set_service(s->service, "Business Applications",
	    "Product Subscriptions");
	row[C_PricingQuantity] = s_dec(seats, 0, 0);
	row[C_ResourceId] = sub_code[si];
	b_start();
	b_s(s->short_name);
	b_s(" ");
	b_s(s->term);
	b_s(" subscription");
	b_s(sfx_name);
	row[C_ResourceName] = b_end();
	row[C_ResourceType] = "Subscription";
	row[C_x_SubscriptionId] = sub_code[si];
	row[C_x_Term] = s->term;
}

static const char *seat_price_id(const struct sub_def *s, int mi)
{
	b_start();
	b_s(s->sku);
	b_ch('-');
	b_uint((uint64_t)(mi / 12), 4);
	return b_end();
}

static void seat_monthly(int si, int t, int seats)
{
	const struct sub_def *s = &subs[si];
	int day = month_day(cur_mi);
	int64_t price = price_for(s, cur_mi), cost = price * seats;
	const char *assign;
	int active;

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "Recurring";
	set_period(day, month_day(cur_mi + 1));
	b_start();
	b_s(s->short_name);
	b_s(" monthly subscription, ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats, ");
	b_month(cur_mi);
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cost);
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_cents(price);
	row[C_PricingUnit] = "Seat-Months";
	set_sku(s->sku, M_SEATS, seat_price_id(s, cur_mi), s->details);
	active = seat_activity(seats, s->idle_bp, &assign);
	row[C_x_ActiveSeats] = s_dec(active, 0, 0);
	set_tags(s->area, project_primary(t, cur_mi), t, assign);
	tax_base += cost * CENT;
	row_emit();
}

static void seat_purchase(int si, int t, int seats, int start)
{
	const struct sub_def *s = &subs[si];
	int64_t list = price_for(s, start), paid = contracted_for(s, list);
	int from = month_day(start), to = month_day(start + s->months);

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "One-Time";
	set_period(from, to);
	b_start();
	b_s(s->short_name);
	b_s(", ");
	b_s(s->term);
	b_s(" term ");
	b_date(from);
	b_s(" to ");
	b_date(to);
	b_s(", ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats paid upfront");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_ContractedCost] = s_cents(paid * seats);
	row[C_EffectiveCost] = row[C_PricingCurrencyEffectiveCost] = "0.00";
	row[C_ListCost] = s_cents(list * seats);
	row[C_ListUnitPrice] = row[C_PricingCurrencyListUnitPrice] =
	    s_cents(list);
	row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_cents(paid);
	row[C_PricingUnit] = "Seats";
	set_sku(s->sku, M_SEATS, seat_price_id(s, start), s->details);
	set_tags(s->area, project_primary(t, cur_mi), t, "assigned");
	tax_base += paid * seats * CENT;
	onetime = 1;
	row_emit();
}

/* The month's share of an upfront term: the exact share rounded half up to
 * the cent (so unit price x quantity gives it, to the half cent), the
 * remainder in the term's last month, so the shares add up to the purchase
 * exactly. */
static int64_t share_of(int64_t total, int months, int i)
{
	int64_t base = (2 * total + months) / (2 * months);

	return i == months - 1 ? total - base * (months - 1) : base;
}

/* A seat-month rate to 1e-10: the term's rate, except in the last month,
 * where the remainder makes the row's cost differ from it; there the rate is
 * the row's own cost / seats, so that rate x quantity = cost holds. */
static const char *amortised_rate(int64_t per_term, int64_t cents, int seats, int months, int i)
{
	if (i == months - 1)
		return s_dec((cents * 100000000 + seats / 2) / seats, 10, 2);
	return s_dec((per_term * 100000000 + months / 2) / months, 10, 2);
}

static void seat_amortised(int si, int t, int seats, int start)
{
	const struct sub_def *s = &subs[si];
	int64_t list = price_for(s, start), paid = contracted_for(s, list);
	int i = cur_mi - start, day = month_day(cur_mi);
	const char *assign, *eff;
	int active;

	row_begin();
	seat_common(si, t, seats);
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "Recurring";
	set_period(day, month_day(cur_mi + 1));
	b_start();
	b_s(s->short_name);
	b_s(", ");
	b_s(s->term);
	b_s(" term from ");
	b_date(month_day(start));
	b_s(", amortised ");
	b_month(cur_mi);
	b_s(" (month ");
	b_uint((uint64_t)i + 1, 0);
	b_s(" of ");
	b_uint((uint64_t)s->months, 0);
	b_s("), ");
	b_uint((uint64_t)seats, 0);
	b_s(" seats");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = "0.00";
	eff = s_cents(share_of(paid * seats, s->months, i));
	row[C_EffectiveCost] = row[C_ContractedCost] =
	    row[C_PricingCurrencyEffectiveCost] = eff;
	row[C_ListCost] = s_cents(share_of(list * seats, s->months, i));
	/* per seat-month, to 1e-10 */
	row[C_ListUnitPrice] = row[C_PricingCurrencyListUnitPrice] =
	    amortised_rate(list, share_of(list * seats, s->months, i), seats, s->months, i);
	row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] =
	    amortised_rate(paid, share_of(paid * seats, s->months, i), seats, s->months, i);
	row[C_PricingUnit] = "Seat-Months";
	set_sku(s->sku, M_SEATS, seat_price_id(s, start), s->details);
	active = seat_activity(seats, s->idle_bp, &assign);
	row[C_x_ActiveSeats] = s_dec(active, 0, 0);
	set_tags(s->area, project_primary(t, cur_mi), t, assign);
	row_emit();
}

static void gen_seats(void)
{
	int si, k;

	for (si = 0; si < NSUB; si++) {
		const struct sub_def *s = &subs[si];
		int start = 0;

		if (s->months > 1) {
			start = s->anchor +
			    floordiv(cur_mi - s->anchor, s->months) * s->months;
			if (start < s->first)
				continue;
		}
		for (k = 0; k < 4 && s->split[k].team >= 0; k++) {
			int t = s->split[k].team, seats = s->split[k].seats;

			if (s->months == 1) {
				seat_monthly(si, t, seats);
				continue;
			}
			if (t == s->grow_team && start >= s->grow_from)
				seats += s->grow_seats;
			if (start == cur_mi)
				seat_purchase(si, t, seats, start);
			seat_amortised(si, t, seats, start);
		}
	}
}

/* ---- Flex tokens -------------------------------------------------------- */

static void flex_common(void)
{
	set_service("Autodesk Flex", "Business Applications", "Flex Tokens");
	set_team(T_DPR);
}

/* Once a year; what is left of the previous pack expires with it. */
static void flex_pack(int day)
{
	int64_t cost = (int64_t)PACK_TOKENS * TOKEN_USD;
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	row_begin();
	flex_common();
	row[C_ChargeCategory] = "Purchase";
	row[C_ChargeFrequency] = "One-Time";
	set_period(day, days_from_civil(y + 1, m, d));
	b_start();
	b_s("Flex token pack, ");
	b_uint(PACK_TOKENS, 0);
	b_s(" tokens, expires ");
	b_date(days_from_civil(y + 1, m, d));
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_ListCost] = row[C_ContractedCost] =
	    s_money(cost);
	row[C_EffectiveCost] = row[C_PricingCurrencyEffectiveCost] = "0.00";
	row[C_ListUnitPrice] = row[C_ContractedUnitPrice] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = s_money(TOKEN_USD);
	row[C_PricingQuantity] = s_dec(PACK_TOKENS, 0, 0);
	row[C_PricingUnit] = "Tokens";
	set_sku("ADSK-FLEX-TOKENS", M_CREDITS, "ADSK-FLEX-TOKENS-SRP-2022",
	    "{\"x_ExpiresAfterMonths\":12}");
	set_resource(flex_pool, "Flex token pool", "Flex Token Pool");
	/* bought centrally before the tagging policy: untagged on purpose */
	if (y > 2025)
		set_tags("BIM", project_primary(T_DPR, cur_mi), T_DPR, NULL);
	pool = cost;
	tax_base += cost;
	onetime = 1;
	row_emit();
}

static void flex_use(int day, int t)
{
	int f, k, users;

	for (f = 0; f < NFLEX; f++) {
		const struct flex_def *x = &flexes[f];
		int64_t tokens;

		if (!(x->teams >> t & 1))
			continue;
		for (users = 0, k = 0; k < x->trials; k++)
			users += rng_chance(x->p_bp);
		if (!users)
			continue;
		tokens = (int64_t)users * x->tokens_per_day;
		row_begin();
		flex_common();
		set_team(t);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s(x->product);
		b_s(" Flex daily use, ");
		b_uint((uint64_t)users, 0);
		b_s(users == 1 ? " user x " : " users x ");
		b_uint((uint64_t)x->tokens_per_day, 0);
		b_s(" tokens");
		row[C_ChargeDescription] = b_end();
		set_token_cost(tokens * TOKEN_USD);
		set_token_prices(TOKEN_USD, TOKEN);
		row[C_PricingCurrencyEffectiveCost] = row[C_PricingQuantity] =
		    row[C_ConsumedQuantity] = s_dec(tokens, 0, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Tokens";
		b_start();
		b_s(x->sku);
		b_s("-");
		b_uint((uint64_t)x->tokens_per_day, 0);
		b_s("TPD");
		set_sku(x->sku, M_CREDITS, b_end(), x->details);
		set_resource(flex_pool, "Flex token pool", "Flex Token Pool");
		set_usage_tags(x->area, t);
		row_emit();
	}
}

/* ---- APS ---------------------------------------------------------------- */

static int trend_pct(void)
{
	static const int season[12] = {
		95, 100, 105, 100, 100, 100, 90, 85, 100, 105, 100, 70,
	};
	int i = cur_mi - MI_FIRST;

	return (90 + 20 * i / (NMONTHS - 1)) * season[cur_mi % 12] / 100;
}

/* Model Derivative: complex (RVT/NWD/IFC) and simple (DWG, ...) jobs as
 * separate rows, ~300 a month, 60 % complex. */
static void md_jobs(int day, int t)
{
	static const struct {
		const char *cls, *sku, *what, *area;
		int pct;
		int64_t usd_old, usd_new, tok_old, tok_new;
	} md[2] = {
		{ "complex", "APS-MD-COMPLEX", "complex (RVT/IFC)", "BIM", 60,
		  1500000, 4500000, 5000000000LL, 15000000000LL },
		{ "simple", "APS-MD-SIMPLE", "simple (DWG/STEP)", "CAD", 40,
		  300000, 900000, 1000000000LL, 3000000000LL },
	};
	int c, jobs, nr = day >= day_newrate;
	int64_t mean;

	for (c = 0; c < 2; c++) {
		mean = 300000LL * teams[t].md_share * md[c].pct * trend_pct() /
		    (100 * 100 * 100 * 21);
		jobs = rng_count(mean);
		if (!jobs)
			continue;
		row_begin();
		set_aps();
		set_team(t);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s("Model Derivative translations, ");
		b_s(md[c].what);
		b_s(", ");
		b_uint((uint64_t)jobs, 0);
		b_s(jobs == 1 ? " job" : " jobs");
		row[C_ChargeDescription] = b_end();
		set_token_cost(jobs * (nr ? md[c].usd_new : md[c].usd_old));
		set_token_prices(nr ? md[c].usd_new : md[c].usd_old,
		    nr ? md[c].tok_new : md[c].tok_old);
		row[C_PricingCurrencyEffectiveCost] =
		    s_dec(jobs * (nr ? md[c].tok_new : md[c].tok_old), 10, 0);
		row[C_PricingQuantity] = row[C_ConsumedQuantity] =
		    s_dec(jobs, 0, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Jobs";
		b_start();
		b_s(md[c].sku);
		b_s(nr ? "-2025-12" : "-2022-11");
		set_sku(md[c].sku, M_MD, b_end(), nr ?
		    (c ? "{\"x_JobClass\":\"simple\",\"x_TokensPerJob\":0.3}" :
		    "{\"x_JobClass\":\"complex\",\"x_TokensPerJob\":1.5}") :
		    (c ? "{\"x_JobClass\":\"simple\",\"x_TokensPerJob\":0.1}" :
		    "{\"x_JobClass\":\"complex\",\"x_TokensPerJob\":0.5}"));
		set_resource(app_viewer, "BIM viewer (APS app)",
		    "APS Application");
		row[C_x_JobClass] = md[c].cls;
		set_usage_tags(md[c].area, t);
		row_emit();
	}
}

/* Automation API: 2 tokens/h ($0.10/min) to 2025-12-07, 3 tokens/h ($0.15/min,
 * placeholder C) from 2025-12-08; ~20 processing hours a month. */
static void da_minutes(int day, int workday)
{
	int e, nr = day >= day_newrate;

	for (e = 0; e < NENGINE; e++) {
		const struct engine_def *g = &engines[e];
		int64_t lo, hi, centi;

		if (!rng_chance((workday ? g->p_wd : g->p_we) * 100))
			continue;
		/* steps of 0.03 min keep minutes/30 tokens a short decimal */
		lo = (int64_t)g->mean_min * 10 * trend_pct() / 100;
		hi = (int64_t)g->mean_min * 56 * trend_pct() / 100;
		centi = 3 * (lo + rng_below((int)(hi - lo + 1)));
		row_begin();
		set_aps();
		set_team(g->team);
		set_usage();
		set_period(day, day + 1);
		b_start();
		b_s("Automation API, ");
		b_s(g->name);
		b_s(" engine, ");
		b_dec(centi, 2, 0);
		b_s(" processing minutes");
		row[C_ChargeDescription] = b_end();
		set_token_cost(centi * (nr ? 1500 : 1000));
		set_token_prices(nr ? 150000 : 100000,
		    nr ? 500000000LL : (TOKEN + 15) / 30);
		row[C_PricingCurrencyEffectiveCost] = s_dec(nr ?
		    centi * 5000000 : centi * 10000000 / 3, 10, 0);
		row[C_PricingQuantity] = row[C_ConsumedQuantity] =
		    s_dec(centi, 2, 0);
		row[C_PricingUnit] = row[C_ConsumedUnit] = "Minutes";
		b_start();
		b_s(g->sku);
		b_s(nr ? "-2025-12" : "-2022-11");
		set_sku(g->sku, M_DA, b_end(), nr ?
		    "{\"x_TokensPerHour\":3}" : "{\"x_TokensPerHour\":2}");
		set_resource(app_auto, "Design automation (APS app)",
		    "APS Application");
		row[C_x_Engine] = g->name;
		set_usage_tags(g->area, g->team);
		row_emit();
	}
}

/* Reality Capture: 1 token per 50 photos (A), ~300 photos a job. */
static void rc_job(int day)
{
	int photos = 240 + rng_below(141), t = rng_chance(6000) ? T_CIV : T_ARC;
	int64_t tokens = (photos + 49) / 50;

	row_begin();
	set_aps();
	set_team(t);
	set_usage();
	set_period(day, day + 1);
	b_start();
	b_s("Reality Capture photogrammetry job, ");
	b_uint((uint64_t)photos, 0);
	b_s(" photos");
	row[C_ChargeDescription] = b_end();
	set_token_cost(tokens * TOKEN_USD);
	set_token_prices(TOKEN_USD, TOKEN);
	row[C_PricingCurrencyEffectiveCost] = row[C_PricingQuantity] =
	    s_dec(tokens, 0, 0);
	row[C_PricingUnit] = "Tokens";
	row[C_ConsumedQuantity] = "1";
	row[C_ConsumedUnit] = "Jobs";
	set_sku("APS-RC-PHOTOS", M_RC, "APS-RC-PHOTOS-2022-09",
	    "{\"x_PhotosPerToken\":50}");
	set_resource(app_capture, "Site capture (APS app)", "APS Application");
	set_usage_tags("Construction", t);
	row_emit();
}

/* ---- storage, credit, adjustment, tax ------------------------------------ */

/* No per-GB price is published: showback rows at zero cost (PRICING 3). */
static void storage(int t)
{
	int i = cur_mi - MI_FIRST;
	int64_t gb = (int64_t)teams[t].gb0 * (100 + 9 * i) +
	    rng_below(601) - 300;

	if (gb < 5000)
		gb = 5000;
	if (gb > 50000)
		gb = 50000;
	row_begin();
	set_service("Autodesk Docs", "Storage", "Cloud Storage");
	set_region();
	set_team(t);
	set_usage();
	set_period(month_day(cur_mi), month_day(cur_mi + 1));
	b_start();
	b_s("Autodesk Docs storage, ");
	b_dec(gb, 2, 0);
	b_s(" GB-months (showback, no charge)");
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_ListUnitPrice] =
	    row[C_ContractedUnitPrice] = row[C_PricingCurrencyEffectiveCost] =
	    row[C_PricingCurrencyListUnitPrice] =
	    row[C_PricingCurrencyContractedUnitPrice] = "0.00";
	row[C_PricingQuantity] = row[C_ConsumedQuantity] = s_dec(gb, 2, 0);
	row[C_PricingUnit] = row[C_ConsumedUnit] = "GB-Months";
	set_sku("ADSK-DOCS-STORAGE", M_STORAGE, "ADSK-DOCS-STORAGE-SHOWBACK",
	    "{\"x_Retention\":\"persistent\"}");
	set_resource(team_res[t], team_res_name[t], "Docs Project Folder");
	set_usage_tags(teams[t].area, t);
	row_emit();
}

/* Whole-row amounts with no unit price (Credit, Adjustment). */
static void set_flat(const char *category, int64_t cents)
{
	row[C_ChargeCategory] = category;
	row[C_ChargeFrequency] = "One-Time";
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cents);
	row[C_PricingCategory] = NULL;
}

static void set_aec_seat_service(void)
{
	set_service(subs[0].service, "Business Applications",
	    "Product Subscriptions");
	row[C_SkuId] = subs[0].sku;
	row[C_SkuMeter] = meter_names[M_SEATS];
	row[C_x_SubscriptionId] = sub_code[0];
	row[C_x_Term] = subs[0].term;
}

static void credit(void)
{
	row_begin();
	set_aec_seat_service();
	set_team(T_ARC);
	set_period(days_from_civil(2025, 9, 17), days_from_civil(2025, 9, 19));
	set_flat("Credit", -125000);
	row[C_ChargeDescription] =
	    "SLA service credit: Autodesk Docs outage 2025-09-17/18";
	set_tags(subs[0].area, project_primary(T_ARC, cur_mi), T_ARC, NULL);
	row_emit();
}

/* Two AEC seats added on 2026-02-27, prorated to the 2026-04-01 renewal. */
static void adjustment(void)
{
	int from = days_from_civil(2026, 2, 27);
	int to = days_from_civil(2026, 4, 1);
	int64_t cents = (2 * contracted_for(&subs[0], subs[0].list[1]) *
	    (to - from) + 182) / 365;

	row_begin();
	set_aec_seat_service();
	set_team(T_ARC);
	set_period(from, to);
	set_flat("Adjustment", cents);
	row[C_HostProviderName] = NULL;
	b_start();
	b_s("True-up: 2 AEC Collection seats added mid-term, prorated ");
	b_date(from);
	b_s(" to ");
	b_date(to);
	row[C_ChargeDescription] = b_end();
	set_tags(subs[0].area, project_primary(T_ARC, cur_mi), T_ARC, NULL);
	tax_base += cents * CENT;
	row_emit();
}

static void tax(void)
{
	int64_t cents = (tax_base * TAX_PPM + 5000000000LL) / 10000000000LL;

	row_begin();
	row[C_HostProviderName] = NULL;
	set_service("Sales Tax", "Other", "Other (Other)");
	set_period(month_day(cur_mi), month_day(cur_mi + 1));
	row[C_ChargeCategory] = "Tax";
	row[C_ChargeFrequency] = onetime ? "One-Time" : "Recurring";
	b_start();
	b_s("Sales tax 8.875% (New York, NY) on ");
	b_s(invoice);
	b_s(", taxable ");
	b_dec(tax_base, 6, 2);
	b_s(" USD");
	b_s(sfx_name);
	row[C_ChargeDescription] = b_end();
	row[C_BilledCost] = row[C_EffectiveCost] = row[C_ListCost] =
	    row[C_ContractedCost] = row[C_PricingCurrencyEffectiveCost] =
	    s_cents(cents);
	row_emit();
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
