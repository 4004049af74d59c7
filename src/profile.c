/* profile.c - reads provider profiles (a small INI-like format, focal(1)). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "profile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xmalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/focal"
#endif

#define PROFILE_MAX_SIZE (1u << 20)

enum section { S_NONE, S_PROFILE, S_DEFAULTS, S_METER, S_AREAS, S_PRICE, S_FLEX };

struct parser {
	struct profile *p;
	const char *name;
	unsigned long line;
	enum section sec;
	char *err;
	size_t errlen;
	int failed;
};

static void
perr(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (ps->failed)
		return;
	ps->failed = 1;
	n = snprintf(ps->err, ps->errlen, "%s:%lu: ", ps->name, ps->line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < ps->errlen)
		vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static char *
trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Splits "a, b, c" into a new array of trimmed strings. */
static int
split_list(const char *v, char ***out)
{
	char *copy = xstrdup(v), *save = NULL, *tok;
	int n = 0;
	char **list = NULL;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = trim(tok);
		if (!*t)
			continue;
		list = xreallocarray(list, (size_t)n + 1, sizeof *list);
		list[n++] = xstrdup(t);
	}
	free(copy);
	*out = list;
	return n;
}

static int
parse_rule(struct parser *ps, const char *v, struct profile_rule *r)
{
	const char *t = strchr(v, '~');
	char *col;
	if (t == NULL) {
		perr(ps, "expected COLUMN ~ PATTERN, e.g. SkuMeter ~ Model Derivative*");
		return -1;
	}
	col = xstrndup(v, (size_t)(t - v));
	r->column = xstrdup(trim(col));
	free(col);
	col = xstrdup(t + 1);
	r->glob = xstrdup(trim(col));
	free(col);
	if (!*r->column || !*r->glob) {
		perr(ps, "expected COLUMN ~ PATTERN with both parts non-empty");
		return -1;
	}
	return 0;
}

static int
parse_money(struct parser *ps, const char *v, money_t *out)
{
	unsigned dev = 0;
	if (money_parse(v, strlen(v), out, &dev) != 0) {
		perr(ps, "'%s' is not a number", v);
		return -1;
	}
	return 0;
}

static int
parse_int(struct parser *ps, const char *v, int lo, int hi, int *out)
{
	char *end;
	long l;
	errno = 0;
	l = strtol(v, &end, 10);
	if (errno || end == v || *end || l < lo || l > hi) {
		perr(ps, "'%s' is not a whole number from %d to %d", v, lo, hi);
		return -1;
	}
	*out = (int)l;
	return 0;
}

static void
kv_profile(struct parser *ps, const char *k, const char *v)
{
	struct profile *p = ps->p;
	if (!strcmp(k, "name")) {
		free(p->name);
		p->name = xstrdup(v);
	} else if (!strcmp(k, "title")) {
		free(p->title);
		p->title = xstrdup(v);
	} else if (!strcmp(k, "provider")) {
		p->match = xreallocarray(p->match, (size_t)p->nmatch + 1, sizeof *p->match);
		memset(&p->match[p->nmatch], 0, sizeof *p->match);
		if (parse_rule(ps, v, &p->match[p->nmatch]) == 0)
			p->nmatch++;
		else {
			free(p->match[p->nmatch].column);
			free(p->match[p->nmatch].glob);
		}
	} else if (!strcmp(k, "drill")) {
		for (int i = 0; i < p->ndrill; i++)
			free(p->drill[i]);
		free(p->drill);
		p->ndrill = split_list(v, &p->drill);
	} else if (!strcmp(k, "meter-fallback")) {
		for (int i = 0; i < p->nfallback; i++)
			free(p->meter_fallback[i]);
		free(p->meter_fallback);
		p->nfallback = split_list(v, &p->meter_fallback);
	} else if (!strcmp(k, "token-price")) {
		parse_money(ps, v, &p->token_price);
	} else if (!strcmp(k, "idle-days")) {
		parse_int(ps, v, 1, 3650, &p->idle_days);
	} else if (!strcmp(k, "occasional-days")) {
		parse_int(ps, v, 0, 31, &p->occasional_days);
	} else
		perr(ps, "unknown key '%s' in [profile]", k);
}

static void
kv_meter(struct parser *ps, const char *k, const char *v)
{
	struct profile_meter *m = &ps->p->meters[ps->p->nmeters - 1];
	if (!strcmp(k, "unit")) {
		free(m->unit);
		m->unit = xstrdup(v);
	} else if (!strcmp(k, "description")) {
		free(m->description);
		m->description = xstrdup(v);
	} else if (!strcmp(k, "match")) {
		m->rules = xreallocarray(m->rules, (size_t)m->nrules + 1, sizeof *m->rules);
		memset(&m->rules[m->nrules], 0, sizeof *m->rules);
		if (parse_rule(ps, v, &m->rules[m->nrules]) == 0)
			m->nrules++;
		else {
			free(m->rules[m->nrules].column);
			free(m->rules[m->nrules].glob);
		}
	} else
		perr(ps, "unknown key '%s' in [meter %s]", k, m->id);
}

static void
kv_price(struct parser *ps, const char *k, const char *v)
{
	struct profile_price *pr = &ps->p->prices[ps->p->nprices - 1];
	char **field = NULL;
	if (!strcmp(k, "product"))
		field = &pr->product;
	else if (!strcmp(k, "term"))
		field = &pr->term;
	else if (!strcmp(k, "unit"))
		field = &pr->unit;
	else if (!strcmp(k, "confidence"))
		field = &pr->confidence;
	else if (!strcmp(k, "source"))
		field = &pr->source;
	else if (!strcmp(k, "list"))
		parse_money(ps, v, &pr->list);
	else if (!strcmp(k, "effective")) {
		unsigned dev = 0;
		if (date_parse(v, strlen(v), &pr->effective, &dev) != 0)
			perr(ps, "'%s' is not a date (YYYY-MM-DD)", v);
	} else
		perr(ps, "unknown key '%s' in [price]", k);
	if (field) {
		free(*field);
		*field = xstrdup(v);
	}
}

static void
kv_line(struct parser *ps, const char *k, const char *v)
{
	struct profile *p = ps->p;
	switch (ps->sec) {
	case S_NONE:
		perr(ps, "'%s' outside a section (start with [profile])", k);
		break;
	case S_PROFILE:
		kv_profile(ps, k, v);
		break;
	case S_DEFAULTS:
		p->defaults = xreallocarray(p->defaults, (size_t)p->ndefaults + 1, sizeof *p->defaults);
		p->defaults[p->ndefaults].column = xstrdup(k);
		p->defaults[p->ndefaults].value = xstrdup(v);
		p->ndefaults++;
		break;
	case S_METER:
		kv_meter(ps, k, v);
		break;
	case S_AREAS:
		if (!strcmp(k, "key")) {
			free(p->area_key);
			p->area_key = xstrdup(v);
		} else if (!strcmp(k, "values")) {
			for (int i = 0; i < p->nareas; i++)
				free(p->areas[i]);
			free(p->areas);
			p->nareas = split_list(v, &p->areas);
		} else
			perr(ps, "unknown key '%s' in [areas]", k);
		break;
	case S_PRICE:
		kv_price(ps, k, v);
		break;
	case S_FLEX:
		p->flex = xreallocarray(p->flex, (size_t)p->nflex + 1, sizeof *p->flex);
		p->flex[p->nflex].product = xstrdup(k);
		if (parse_money(ps, v, &p->flex[p->nflex].tokens_per_day) == 0)
			p->nflex++;
		else
			free(p->flex[p->nflex].product);
		break;
	}
}

static void
section_line(struct parser *ps, char *s)
{
	struct profile *p = ps->p;
	char *end = strchr(s, ']'), *name, *arg;
	if (end == NULL || trim(end + 1)[0] != '\0') {
		perr(ps, "expected [section]");
		return;
	}
	*end = '\0';
	name = trim(s + 1);
	arg = strpbrk(name, " \t");
	if (arg) {
		*arg++ = '\0';
		arg = trim(arg);
	}
	if (!strcmp(name, "profile"))
		ps->sec = S_PROFILE;
	else if (!strcmp(name, "defaults"))
		ps->sec = S_DEFAULTS;
	else if (!strcmp(name, "areas"))
		ps->sec = S_AREAS;
	else if (!strcmp(name, "flex"))
		ps->sec = S_FLEX;
	else if (!strcmp(name, "price")) {
		ps->sec = S_PRICE;
		p->prices = xreallocarray(p->prices, (size_t)p->nprices + 1, sizeof *p->prices);
		memset(&p->prices[p->nprices], 0, sizeof *p->prices);
		p->prices[p->nprices].effective = DATE_NULL;
		p->nprices++;
	} else if (!strcmp(name, "meter")) {
		if (arg == NULL || !*arg) {
			perr(ps, "[meter] needs a name, e.g. [meter product_seats]");
			return;
		}
		ps->sec = S_METER;
		p->meters = xreallocarray(p->meters, (size_t)p->nmeters + 1, sizeof *p->meters);
		memset(&p->meters[p->nmeters], 0, sizeof *p->meters);
		p->meters[p->nmeters].id = xstrdup(arg);
		p->nmeters++;
		return;
	} else {
		perr(ps, "unknown section [%s]", name);
		return;
	}
	if (arg && *arg)
		perr(ps, "[%s] takes no argument", name);
}

struct profile *
profile_parse(const char *text, size_t n, const char *name, char *err, size_t errlen)
{
	struct parser ps = {0};
	const char *c = text, *end = text + n;

	ps.p = xcalloc(1, sizeof *ps.p);
	ps.p->idle_days = 90;
	ps.p->occasional_days = 8;
	ps.name = name;
	ps.err = err;
	ps.errlen = errlen;
	ps.p->path = xstrdup(name);
	while (c < end && !ps.failed) {
		const char *nl = memchr(c, '\n', (size_t)(end - c));
		size_t len = nl ? (size_t)(nl - c) : (size_t)(end - c);
		char *line, *s, *eq;
		ps.line++;
		if (memchr(c, '\0', len)) {
			perr(&ps, "NUL byte in the file");
			break;
		}
		line = xstrndup(c, len);
		s = trim(line);
		c = nl ? nl + 1 : end;
		if (*s == '\0' || *s == '#' || *s == ';') {
			free(line);
			continue;
		}
		if (*s == '[') {
			section_line(&ps, s);
			free(line);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			perr(&ps, "expected KEY = VALUE");
			free(line);
			continue;
		}
		*eq = '\0';
		{
			char *k = trim(s), *v = trim(eq + 1);
			if (!*k)
				perr(&ps, "empty key before '='");
			else
				kv_line(&ps, k, v);
		}
		free(line);
	}
	if (!ps.failed && ps.p->name == NULL) {
		ps.line = 0;
		perr(&ps, "no 'name =' in [profile]");
	}
	if (ps.failed) {
		profile_free(ps.p);
		return NULL;
	}
	if (ps.p->title == NULL)
		ps.p->title = xstrdup(ps.p->name);
	return ps.p;
}

struct profile *
profile_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	struct profile *p;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(PROFILE_MAX_SIZE + 1);
	n = fread(buf, 1, PROFILE_MAX_SIZE + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	if (n > PROFILE_MAX_SIZE) {
		snprintf(err, errlen, "%s: larger than %u bytes; not a profile", path, PROFILE_MAX_SIZE);
		free(buf);
		return NULL;
	}
	p = profile_parse(buf, n, path, err, errlen);
	free(buf);
	return p;
}

struct profile *
profile_generic(void)
{
	static const char text[] =
	    "[profile]\n"
	    "name = generic\n"
	    "title = FOCUS\n"
	    "drill = ServiceCategory, ServiceName, SkuMeter, period, ResourceName\n"
	    "meter-fallback = SkuMeter, ConsumedUnit, PricingUnit\n";
	char err[256];
	struct profile *p = profile_parse(text, sizeof text - 1, "(built-in)", err, sizeof err);
	if (p == NULL)
		fatal("built-in profile: %s", err);
	return p;
}

static void
free_rules(struct profile_rule *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].column);
		free(r[i].glob);
	}
	free(r);
}

static void
free_list(char **l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	free(p->path);
	free(p->name);
	free(p->title);
	free_rules(p->match, p->nmatch);
	free_list(p->drill, p->ndrill);
	free_list(p->meter_fallback, p->nfallback);
	for (int i = 0; i < p->ndefaults; i++) {
		free(p->defaults[i].column);
		free(p->defaults[i].value);
	}
	free(p->defaults);
	for (int i = 0; i < p->nmeters; i++) {
		free(p->meters[i].id);
		free(p->meters[i].unit);
		free(p->meters[i].description);
		free_rules(p->meters[i].rules, p->meters[i].nrules);
	}
	free(p->meters);
	free(p->area_key);
	free_list(p->areas, p->nareas);
	for (int i = 0; i < p->nprices; i++) {
		free(p->prices[i].product);
		free(p->prices[i].term);
		free(p->prices[i].unit);
		free(p->prices[i].confidence);
		free(p->prices[i].source);
	}
	free(p->prices);
	for (int i = 0; i < p->nflex; i++)
		free(p->flex[i].product);
	free(p->flex);
	free(p);
}

void
profile_free_all(struct profile **p, int n)
{
	for (int i = 0; i < n; i++)
		profile_free(p[i]);
	free(p);
}

static int
has_profile(struct profile **list, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i]->name, name) == 0)
			return 1;
	return 0;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void
add_path(struct profile ***list, int *n, const char *path,
    void (*warn)(void *, const char *), void *ctx)
{
	char err[512];
	struct profile *p = profile_load(path, err, sizeof err);
	if (p == NULL) {
		if (warn)
			warn(ctx, err);
		return;
	}
	if (has_profile(*list, *n, p->name)) {
		profile_free(p);
		return;
	}
	*list = xreallocarray(*list, (size_t)*n + 1, sizeof **list);
	(*list)[(*n)++] = p;
}

static void
add_dir(struct profile ***list, int *n, const char *dir,
    void (*warn)(void *, const char *), void *ctx)
{
	struct dirent **ents;
	int k = scandir(dir, &ents, NULL, alphasort);
	if (k < 0)
		return;
	for (int i = 0; i < k; i++) {
		if (ends_with(ents[i]->d_name, ".profile")) {
			char *path;
			xasprintf(&path, "%s/%s", dir, ents[i]->d_name);
			add_path(list, n, path, warn, ctx);
			free(path);
		}
		free(ents[i]);
	}
	free(ents);
}

int
profile_load_default(struct profile ***out, const char *extra,
    void (*warn)(void *, const char *), void *ctx)
{
	struct profile **list = NULL;
	int n = 0;
	const char *env;
	char *dir;

	if (extra)
		add_path(&list, &n, extra, warn, ctx);
	if ((env = getenv("FOCAL_DATADIR")) && *env)
		add_dir(&list, &n, env, warn, ctx);
	if ((env = getenv("XDG_CONFIG_HOME")) && *env) {
		xasprintf(&dir, "%s/focal", env);
		add_dir(&list, &n, dir, warn, ctx);
		free(dir);
	} else if ((env = getenv("HOME")) && *env) {
		xasprintf(&dir, "%s/.config/focal", env);
		add_dir(&list, &n, dir, warn, ctx);
		free(dir);
	}
	{
		/* running from a build tree: <builddir>/src/focal -> <srcdir>/data */
		char exe[PATH_MAX];
		ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (len > 0) {
			char *slash;
			exe[len] = '\0';
			if ((slash = strrchr(exe, '/'))) {
				*slash = '\0';
				xasprintf(&dir, "%s/../data", exe);
				add_dir(&list, &n, dir, warn, ctx);
				free(dir);
			}
		}
	}
	add_dir(&list, &n, PKGDATADIR, warn, ctx);
	list = xreallocarray(list, (size_t)n + 1, sizeof *list);
	list[n++] = profile_generic();
	*out = list;
	return n;
}

const struct profile_meter *
profile_meter(const struct profile *p, const char *id)
{
	for (int i = 0; p && i < p->nmeters; i++)
		if (strcmp(p->meters[i].id, id) == 0)
			return &p->meters[i];
	return NULL;
}

const struct profile_price *
profile_price(const struct profile *p, const char *product, const char *term, int64_t when)
{
	const struct profile_price *best = NULL;
	for (int i = 0; p && i < p->nprices; i++) {
		const struct profile_price *pr = &p->prices[i];
		if (!pr->product || strcasecmp(pr->product, product) != 0)
			continue;
		if (term && (!pr->term || strcasecmp(pr->term, term) != 0))
			continue;
		if (when != DATE_NULL && pr->effective != DATE_NULL && pr->effective > when)
			continue;
		if (best == NULL || pr->effective > best->effective)
			best = pr;
	}
	return best;
}
