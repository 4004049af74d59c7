/* settings.c - the explorer's settings file.
 *
 * $XDG_CONFIG_HOME/focal/config (default ~/.config/focal/config) holds
 * "key = value" lines; '#' starts a comment line, blank lines are skipped,
 * keys are case-insensitive. Options on the command line win over the file.
 *
 *   theme = default            default | mono (no colour, attributes only)
 *   metric = EffectiveCost     BilledCost, EffectiveCost, ListCost, ContractedCost, ...
 *   period = month             the period grain: day | month | quarter | year
 *   drill = A, B, C            the drill path for every provider profile ...
 *   drill.autodesk = A, B, C   ... or for one profile (autodesk, generic, or
 *                              the name = of any installed profile)
 *   min-size = 60x17           the smallest screen focal draws on (at least 40x10)
 *   too-small = message        below min-size: message (a "terminal too small"
 *                              screen) | draw (draw clipped anyway)
 *   top = 100                  groups listed before the rest fold into "Other (n)"
 *   fiscal-year-start = 4      the fiscal year's first month (ranges fytd, fy)
 *   clickhouse-user = focal    the user and password focal gives a ClickHouse
 *   clickhouse-password = ...  server (the environment's beat them)
 *   ascii = no                 yes: ASCII bars, sparklines and borders only
 *   color = auto               auto | always | never (NO_COLOR is honoured by auto)
 *
 * A drill path names dimensions as `focal report --by` does (a column, meter,
 * tag:KEY, period, billing-period, file); levels the data lacks are skipped.
 * A bad line is reported as "FILE:LINE: message" and ignored: focal starts. */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"
#include "store.h"
#include "xmalloc.h"

#define SETTINGS_MAX_SIZE (1u << 20)

static const char *const theme_names[] = {
#define X(id, name) name,
	SETTINGS_THEMES(X)
#undef X
};

const char *
settings_theme_name(int theme)
{
	return theme >= 0 && theme < THEME_COUNT ? theme_names[theme] : "?";
}

void
settings_init(struct settings *st)
{
	memset(st, 0, sizeof *st);
	st->theme = THEME_DEFAULT;
	st->metric = -1;
	st->grain = -1;
	st->ascii = -1;
	st->color = -1;
	st->min_cols = SETTINGS_MIN_COLS;
	st->min_rows = SETTINGS_MIN_ROWS;
	st->too_small = SMALL_MESSAGE;
	st->top = SETTINGS_TOP;
	st->fy_month = 1;
}

static void
drill_free(struct settings_drill *d)
{
	for (int i = 0; i < d->ndims; i++)
		free(d->dims[i]);
	free(d->dims);
	free(d->profile);
}

void
settings_free(struct settings *st)
{
	for (int i = 0; i < st->ndrills; i++)
		drill_free(&st->drills[i]);
	free(st->drills);
	st->drills = NULL;
	st->ndrills = 0;
	free(st->clickhouse_user);
	if (st->clickhouse_password)
		memset(st->clickhouse_password, 0, strlen(st->clickhouse_password));
	free(st->clickhouse_password);
	st->clickhouse_user = st->clickhouse_password = NULL;
}

static void
warnf(void (*warn)(void *, const char *), void *ctx, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
warnf(void (*warn)(void *, const char *), void *ctx, const char *name, int line, const char *fmt, ...)
{
	char msg[512], full[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(full, sizeof full, "%s:%d: %s", name, line, msg);
	else
		snprintf(full, sizeof full, "%s: %s", name, msg);
	if (warn)
		warn(ctx, full);
}

static char *
trim(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
parse_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

static int
parse_int(const char *s, const char **end, long lo, long hi, long *out)
{
	char *e;
	long v;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &e, 10);
	if (errno || v < lo || v > hi)
		return -1;
	*end = e;
	*out = v;
	return 0;
}

/* "A, B, C" -> the drill entry for profile (NULL: general); replaces an earlier line. */
static const char *
set_drill(struct settings *st, const char *profile, const char *value)
{
	struct settings_drill d = {0};
	char *copy = xstrdup(value), *next = copy;
	while (next) {
		char *tok = next, *comma = strchr(next, ',');
		if (comma)
			*comma = '\0';
		next = comma ? comma + 1 : NULL;
		tok = trim(tok);
		if (*tok == '\0') {
			free(copy);
			drill_free(&d);
			return "empty dimension in the drill path";
		}
		if (d.ndims == 16) {
			free(copy);
			drill_free(&d);
			return "a drill path has at most 16 levels";
		}
		d.dims = xreallocarray(d.dims, (size_t)d.ndims + 1, sizeof *d.dims);
		d.dims[d.ndims++] = xstrdup(tok);
	}
	free(copy);
	if (d.ndims == 0)
		return "empty drill path";
	d.profile = profile ? xstrdup(profile) : NULL;
	for (int i = 0; i < st->ndrills; i++) {
		struct settings_drill *o = &st->drills[i];
		if ((o->profile == NULL && profile == NULL) ||
		    (o->profile && profile && !strcasecmp(o->profile, profile))) {
			drill_free(o);
			*o = d;
			return NULL;
		}
	}
	st->drills = xreallocarray(st->drills, (size_t)st->ndrills + 1, sizeof *st->drills);
	st->drills[st->ndrills++] = d;
	return NULL;
}

/* A whole number from lo to hi into *dst; NULL, or why it is not one. */
static const char *
set_int(const char *v, long lo, long hi, const char *what, int *dst, char *why, size_t whylen)
{
	const char *e;
	long n;
	if (parse_int(v, &e, lo, hi, &n) || *e) {
		snprintf(why, whylen, "%s, not '%.64s'", what, v);
		return why;
	}
	*dst = (int)n;
	return NULL;
}

/* Applies one key = value; returns NULL, or why the line is bad. */
static const char *
set_key(struct settings *st, const char *key, const char *v, char *why, size_t whylen)
{
	if (!strcasecmp(key, "theme")) {
		for (int t = 0; t < THEME_COUNT; t++)
			if (!strcasecmp(v, theme_names[t])) {
				st->theme = t;
				return NULL;
			}
		snprintf(why, whylen, "unknown theme '%.64s' (default, mono)", v);
		return why;
	}
	if (!strcasecmp(key, "metric")) {
		int m = metric_find(v);
		if (m < 0) {
			snprintf(why, whylen, "unknown metric '%.64s' (BilledCost, EffectiveCost, ListCost, "
			    "ContractedCost, ConsumedQuantity, PricingQuantity)", v);
			return why;
		}
		st->metric = m;
		return NULL;
	}
	if (!strcasecmp(key, "period") || !strcasecmp(key, "grain")) {
		int g = grain_parse(v);
		if (g < 0) {
			snprintf(why, whylen, "unknown period grain '%.64s' (day, month, quarter, year)", v);
			return why;
		}
		st->grain = g;
		return NULL;
	}
	if (!strcasecmp(key, "drill"))
		return set_drill(st, NULL, v);
	if (!strncasecmp(key, "drill.", 6) && key[6])
		return set_drill(st, key + 6, v);
	if (!strcasecmp(key, "min-size")) {
		const char *e;
		long w, h;
		if (parse_int(v, &e, 40, 10000, &w) || (*e != 'x' && *e != 'X') ||
		    parse_int(e + 1, &e, 10, 10000, &h) || *e) {
			snprintf(why, whylen, "min-size wants COLUMNSxLINES, at least 40x10, not '%.64s'", v);
			return why;
		}
		st->min_cols = (int)w;
		st->min_rows = (int)h;
		return NULL;
	}
	if (!strcasecmp(key, "too-small")) {
		if (!strcasecmp(v, "message"))
			st->too_small = SMALL_MESSAGE;
		else if (!strcasecmp(v, "draw"))
			st->too_small = SMALL_DRAW;
		else {
			snprintf(why, whylen, "too-small takes message or draw, not '%.64s'", v);
			return why;
		}
		return NULL;
	}
	if (!strcasecmp(key, "top"))
		return set_int(v, 1, 1000000, "top takes a whole number from 1 to 1000000", &st->top, why, whylen);
	if (!strcasecmp(key, "clickhouse-user") || !strcasecmp(key, "clickhouse-password")) {
		char **to = !strcasecmp(key, "clickhouse-user") ? &st->clickhouse_user : &st->clickhouse_password;
		free(*to);
		*to = xstrdup(v);
		return NULL;
	}
	if (!strcasecmp(key, "fiscal-year-start"))
		return set_int(v, 1, 12, "fiscal-year-start takes a month from 1 to 12", &st->fy_month, why, whylen);
	if (!strcasecmp(key, "ascii")) {
		int b = parse_bool(v);
		if (b < 0) {
			snprintf(why, whylen, "ascii takes yes or no, not '%.64s'", v);
			return why;
		}
		st->ascii = b;
		return NULL;
	}
	if (!strcasecmp(key, "color") || !strcasecmp(key, "colour")) {
		if (!strcasecmp(v, "auto"))
			st->color = -1;
		else if (!strcasecmp(v, "always"))
			st->color = 1;
		else if (!strcasecmp(v, "never"))
			st->color = 0;
		else {
			snprintf(why, whylen, "color takes auto, always or never, not '%.64s'", v);
			return why;
		}
		return NULL;
	}
	snprintf(why, whylen, "unknown setting '%.64s' (theme, metric, period, drill, drill.PROFILE, "
	    "min-size, too-small, top, ascii, color)", key);
	return why;
}

int
settings_parse(struct settings *st, const char *text, size_t n, const char *name,
    void (*warn)(void *ctx, const char *msg), void *ctx)
{
	int bad = 0, lineno = 0;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		char *line, *s, *eq, why[256];
		const char *err;
		while (j < n && text[j] != '\n')
			j++;
		lineno++;
		line = xstrndup(text + i, j - i);
		i = j + 1;
		s = trim(line);
		if (*s == '\0' || *s == '#') {
			free(line);
			continue;
		}
		eq = strchr(s, '=');	/* (a NUL byte ends a line early: harmless) */
		if (eq == NULL) {
			warnf(warn, ctx, name, lineno, "expected 'key = value'");
			bad++;
			free(line);
			continue;
		}
		*eq = '\0';
		err = set_key(st, trim(s), trim(eq + 1), why, sizeof why);
		if (err) {
			char clean[300];
			/* the file is data: no control characters in the message */
			size_t k = 0;
			for (const char *p = err; *p && k + 1 < sizeof clean; p++)
				clean[k++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
			clean[k] = '\0';
			warnf(warn, ctx, name, lineno, "%s", clean);
			bad++;
		}
		free(line);
	}
	return bad;
}

int
settings_load(struct settings *st, const char *path, void (*warn)(void *ctx, const char *msg), void *ctx)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int bad;
	if (f == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		warnf(warn, ctx, path, 0, "%s (settings not read)", strerror(errno));
		return 1;
	}
	buf = xmalloc(SETTINGS_MAX_SIZE + 1);
	n = fread(buf, 1, SETTINGS_MAX_SIZE + 1, f);
	if (ferror(f) || n > SETTINGS_MAX_SIZE) {
		warnf(warn, ctx, path, 0, "%s (settings not read)", ferror(f) ? strerror(errno) : "larger than 1 MiB");
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	bad = settings_parse(st, buf, n, path, warn, ctx);
	free(buf);
	return bad;
}

char *
settings_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	char *p;
	if (x && *x == '/') {
		xasprintf(&p, "%s/focal/config", x);
		return p;
	}
	if (h && *h) {
		xasprintf(&p, "%s/.config/focal/config", h);
		return p;
	}
	return NULL;
}

const struct settings_drill *
settings_drill(const struct settings *st, const char *profile)
{
	const struct settings_drill *general = NULL;
	for (int i = 0; i < st->ndrills; i++) {
		const struct settings_drill *d = &st->drills[i];
		if (d->profile == NULL)
			general = d;
		else if (profile && !strcasecmp(d->profile, profile))
			return d;
	}
	return general;
}
