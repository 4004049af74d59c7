/* profile.h - provider profiles: how a FOCUS row is recognised as a meter,
 * the default drill path, tagged areas and list prices. Profiles are small
 * human-editable text files (see data/autodesk.profile and focal(1)). */
#ifndef FOCAL_PROFILE_H
#define FOCAL_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"

struct profile_rule {
	char *column;
	char *glob;	/* fnmatch(3) pattern */
};

struct profile_meter {
	char *id;
	char *unit;
	char *description;
	struct profile_rule *rules;	/* any match selects the meter */
	int nrules;
};

struct profile_price {
	char *product;	/* as in ServiceName */
	char *term;	/* monthly, annual, 3-year, token, ... */
	money_t list;	/* per seat and term, or per unit */
	char *unit;
	int64_t effective;	/* from this date on (DATE_NULL: always) */
	char *confidence;	/* A, B or C (see PRICING.md) */
	char *source;
};

struct profile_flex {
	char *product;
	money_t tokens_per_day;
};

struct profile_default {
	char *column;
	char *value;
};

struct profile {
	char *path;
	char *name;
	char *title;
	struct profile_rule *match;	/* provider recognition: any match */
	int nmatch;
	char **drill;
	int ndrill;
	char **meter_fallback;	/* columns whose value is the meter when no rule matches */
	int nfallback;
	struct profile_default *defaults;
	int ndefaults;
	struct profile_meter *meters;
	int nmeters;
	char *area_key;
	char **areas;
	int nareas;
	struct profile_price *prices;
	int nprices;
	money_t token_price;
	struct profile_flex *flex;
	int nflex;
	int idle_days;		/* inactive this long = idle seat */
	int occasional_days;	/* fewer use-days a month = Flex candidate */
};

/* Parses a profile. On error returns NULL with "NAME:LINE: message" in err. */
struct profile *profile_parse(const char *text, size_t n, const char *name, char *err, size_t errlen);
struct profile *profile_load(const char *path, char *err, size_t errlen);
/* The built-in profile for any provider: meter = SkuMeter, else the unit. */
struct profile *profile_generic(void);
void profile_free(struct profile *);

/* Loads every *.profile in the search path (see focal(1) FILES); the generic
 * profile is always last. Problems are reported through warn. */
int profile_load_default(struct profile ***out, const char *extra,
    void (*warn)(void *ctx, const char *msg), void *ctx);
void profile_free_all(struct profile **p, int n);

const struct profile_meter *profile_meter(const struct profile *, const char *id);
const struct profile_price *profile_price(const struct profile *, const char *product,
    const char *term, int64_t when);

#endif
