/* focal-gen.h - what the three files of focal-gen share: the columns, the
 * firm's tables (focal-gen.c), the row being built and its formatters
 * (focal-gen-out.c), and the charges each month writes (focal-gen-charges.c).
 * One program: its state is global, as it was when it was one file. */
#ifndef FOCAL_GEN_H
#define FOCAL_GEN_H

#include <stdint.h>
#include <stdio.h>

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

struct team_def {
	const char *code, *name, *area;
	int cc, md_share, gb0;
};

/* Seat subscriptions.  Upfront terms start on `anchor` and renew every
 * `months`; months == 1 is billed monthly.  Prices are per seat per term (per
 * month for monthly terms) in cents, by the year the term starts. */
struct sub_def {
	const char *service, *sku, *short_name, *term, *area, *details;
	int months, anchor, first, sub_id;
	int64_t list[3];	/* 2024, 2025, 2026 */
	int discount_bp, idle_bp;
	struct { int team, seats; } split[4];
	int grow_team, grow_seats, grow_from;	/* seats added at a renewal */
};

/* Flex pay-per-day use by occasional users: per team and working day,
 * `trials` users each starting the product with chance p_bp/10000. */
struct flex_def {
	const char *product, *sku, *area, *details;
	int tokens_per_day, teams, trials, p_bp;
};

/* Automation API engines: chance of a run on a weekday / weekend day (%) and
 * the mean processing minutes of a day with runs. */
struct engine_def {
	const char *name, *sku, *area;
	int team, p_wd, p_we, mean_min;
};

/* the rows of the tables in focal-gen.c (each checked there) */
#define NSUB		7
#define NFLEX		2
#define NENGINE		4
#define NHOLIDAY	11

extern const struct team_def teams[NTEAM];
extern const struct sub_def subs[NSUB];
extern const struct flex_def flexes[NFLEX];
extern const struct engine_def engines[NENGINE];
extern const char *const meter_names[];

/* ---- focal-gen-out.c: output, the row's arena, calendar, randomness ---- */

extern FILE *out_fp;
extern const char *out_path;
extern char out_buf[1 << 20];
extern size_t out_pos;
extern uint64_t rows_out, rows_limit;
extern const char *row[NCOL];	/* the row being built, by column */
extern const char *row_const[NCOL];
extern size_t apos;
extern int holiday_days[NHOLIDAY];
extern int day_newrate;	/* APS rates change on this ChargePeriodStart */
extern uint64_t rng_state, seed;

void out_flush(void);
void out_finish(void);
void out_field(const char *s);
void b_start(void);
void b_ch(char c);
void b_s(const char *s);
const char *b_end(void);
void b_uint(uint64_t u, int width);
void b_dec(int64_t v, int scale, int minfrac);
const char *s_dec(int64_t v, int scale, int minfrac);
const char *s_money(int64_t micro);
const char *s_cents(int64_t cents);
int days_from_civil(int y, int m, int d);
void civil_from_days(int z, int *y, int *m, int *d);
int month_day(int mi);
void b_date(int day);
const char *s_datetime(int day);
void b_month(int mi);
int is_workday(int day);
int rng_below(int n);
int rng_chance(int bp);
int rng_count(int64_t mean_milli);

/* ---- focal-gen.c: the office being written, the row's fields ---------- */

extern char sfx_id[32], sfx_name[48];
extern char team_res[NTEAM][64], team_res_name[NTEAM][112];
extern char sub_code[NSUB][32];
extern char app_viewer[64], app_auto[64], app_capture[64], flex_pool[64];
extern int64_t pool;		/* Flex token balance, micro-dollars */
extern int64_t tax_base;	/* this period's taxable billed charges */
extern int onetime;		/* a One-Time purchase in this period */
extern int cur_mi;		/* the month being written */
extern char bp_start[24], bp_end[24], invoice[16];

int project_primary(int t, int mi);
void row_begin(void);
void row_emit(void);
void set_team(int t);
void set_period(int from, int to);
void set_service(const char *name, const char *cat, const char *sub);
void set_region(void);
void set_sku(const char *sku, enum meter m, const char *price_id,
    const char *details);
void set_resource(const char *id, const char *name, const char *type);
void set_tags(const char *area, int proj, int t, const char *seats);
void set_usage_tags(const char *area, int t);
void set_token_cost(int64_t cost);
void set_token_prices(int64_t usd_micro, int64_t tokens_e10);
void set_aps(void);
void set_usage(void);

/* ---- focal-gen-charges.c: the charges of a month ----------------------- */

void gen_seats(void);
void flex_pack(int day);
void flex_use(int day, int t);
void md_jobs(int day, int t);
void da_minutes(int day, int workday);
void rc_job(int day);
void storage(int t);
void credit(void);
void adjustment(void);
void tax(void);

#endif
