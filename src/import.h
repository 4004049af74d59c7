/* import.h - Autodesk Account exports (Subscriptions, Usage Report) to a
 * FOCUS 1.3 Cost and Usage file. Header-driven: columns are found by name,
 * in any order; unknown columns are ignored. See focal(1), IMPORT. */
#ifndef FOCAL_IMPORT_H
#define FOCAL_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct profile;

struct import_opts {
	const char *subscriptions;	/* Subscriptions export (required) */
	const char *usage;		/* Usage Report export, or NULL */
	const char *prices;		/* prices file overriding the profile, or NULL */
	const struct profile *profile;	/* the autodesk profile, or NULL */
	int64_t as_of;			/* rows up to this day */
	int idle_days;			/* 0: the profile's, else 90 */
	int occasional_days;		/* 0: the profile's, else 8 */
	void (*note)(void *ctx, const char *msg);
	void *note_ctx;
};

/* The columns written after the 65 FOCUS columns: X(id, name, meaning) */
#define IMPORT_XCOLUMNS(X) \
	X(XC_SUBSCRIPTION, "x_SubscriptionId", "subscription_id") \
	X(XC_TERM, "x_Term", "monthly, annual or 3-year (from term)") \
	X(XC_CONTRACT, "x_ContractNumber", "contract_number") \
	X(XC_STATUS, "x_SubscriptionStatus", "subscription_status") \
	X(XC_AUTORENEW, "x_AutoRenewDate", "autorenew_date") \
	X(XC_RESELLER, "x_ResellerName", "reseller_name (never the e-mail)") \
	X(XC_PRICE_SOURCE, "x_PriceSource", "where the list price came from: profile or prices file") \
	X(XC_PRICE_CONF, "x_PriceConfidence", "the profile price's confidence tag A, B or C") \
	X(XC_ASSIGNED, "x_AssignedSeats", "users with seat_assignment assigned") \
	X(XC_ACTIVE, "x_ActiveSeats", "assigned users with user_activity active") \
	X(XC_IDLE, "x_IdleSeats", "assigned users inactive for the idle threshold or more") \
	X(XC_IDLE_DAYS, "x_IdleThresholdDays", "the idle threshold in days") \
	X(XC_OCCASIONAL, "x_OccasionalSeats", "other assigned users under the occasional threshold") \
	X(XC_OCC_DAYS, "x_OccasionalDays", "their monthly_average use-days, added up") \
	X(XC_OCC_THRESHOLD, "x_OccasionalThresholdDays", "the occasional threshold in days a month") \
	X(XC_DAYS_USED_AVG, "x_DaysUsedAvg", "mean monthly_average of the assigned users") \
	X(XC_TOKENS, "x_TokensUsed", "tokens_used of the offering's Flex users")

enum import_xcol {
#define X(id, name, meaning) id,
	IMPORT_XCOLUMNS(X)
#undef X
	XC_COUNT
};
const char *import_xcolumn_name(enum import_xcol);

/* Writes the FOCUS file to out. Returns 0; 3 when subscriptions without a
 * list price were left out (each named through note, the count in err; the
 * rest is written); or 2 (an input cannot be used) with
 * "FILE:LINE:COLUMN: message" in err. */
int import_autodesk(const struct import_opts *, FILE *out, char *err, size_t errlen);

#endif
