/* fuzz_profile_parse.c - profile_parse alone (the light half of fuzz_profile,
 * which goes on to load, finish, query and import with what it accepted).
 *
 * Beyond the sanitizers: a refused profile says "fuzz.profile:LINE: ..." with
 * a line of the input; an accepted one keeps its values in range and every
 * string trimmed and non-empty where the parser demands it, finds each meter
 * and price by its keys, and prints (in the profile syntax, by the printer
 * below) as a text that parses back to the same profile. */
#include "fuzz_common.h"

#include <stdarg.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static void
out(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
out(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
}

static void
print_money(FILE *f, const char *key, money_t v)
{
	char buf[96];
	money_format(v, -1, 0, 0, buf, sizeof buf);
	out(f, "%s = %s\n", key, buf);
}

static void
print_list(FILE *f, const char *key, char *const *v, int n)
{
	if (n == 0)
		return;
	out(f, "%s = ", key);
	for (int i = 0; i < n; i++)
		out(f, "%s%s", i ? ", " : "", v[i]);
	out(f, "\n");
}

static void
print_opt(FILE *f, const char *key, const char *v)
{
	if (v)
		out(f, "%s = %s\n", key, v);
}

/* The profile in its own syntax, section by section. */
static void
print_profile(FILE *f, const struct profile *p)
{
	out(f, "[profile]\nname = %s\ntitle = %s\n", p->name, p->title);
	for (int i = 0; i < p->nmatch; i++)
		out(f, "provider = %s ~ %s\n", p->match[i].column, p->match[i].glob);
	print_list(f, "drill", p->drill, p->ndrill);
	print_list(f, "meter-fallback", p->meter_fallback, p->nfallback);
	print_money(f, "token-price", p->token_price);
	out(f, "idle-days = %d\noccasional-days = %d\n[defaults]\n", p->idle_days, p->occasional_days);
	for (int i = 0; i < p->ndefaults; i++)
		out(f, "%s = %s\n", p->defaults[i].column, p->defaults[i].value);
	for (int i = 0; i < p->nmeters; i++) {
		const struct profile_meter *m = &p->meters[i];
		out(f, "[meter %s]\n", m->id);
		print_opt(f, "unit", m->unit);
		print_opt(f, "description", m->description);
		for (int k = 0; k < m->nrules; k++)
			out(f, "match = %s ~ %s\n", m->rules[k].column, m->rules[k].glob);
	}
	out(f, "[areas]\n");
	print_opt(f, "key", p->area_key);
	print_list(f, "values", p->areas, p->nareas);
	for (int i = 0; i < p->nprices; i++) {
		const struct profile_price *pr = &p->prices[i];
		char d[21];
		out(f, "[price]\n");
		print_opt(f, "product", pr->product);
		print_opt(f, "term", pr->term);
		print_opt(f, "unit", pr->unit);
		print_opt(f, "confidence", pr->confidence);
		print_opt(f, "source", pr->source);
		print_money(f, "list", pr->list);
		if (pr->effective != DATE_NULL) {
			date_format(pr->effective, d);
			out(f, "effective = %s\n", d);
		}
	}
	out(f, "[flex]\n");
	for (int i = 0; i < p->nflex; i++)
		print_money(f, p->flex[i].product, p->flex[i].tokens_per_day);
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

static int
same_list(char *const *a, int na, char *const *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static int
same_rules(const struct profile_rule *a, int na, const struct profile_rule *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (strcmp(a[i].column, b[i].column) || strcmp(a[i].glob, b[i].glob))
			return 0;
	return 1;
}

/* Which part differs (NULL: none). */
static const char *
differs(const struct profile *a, const struct profile *b)
{
	if (!same_str(a->name, b->name) || !same_str(a->title, b->title))
		return "name or title";
	if (!same_rules(a->match, a->nmatch, b->match, b->nmatch))
		return "provider rules";
	if (!same_list(a->drill, a->ndrill, b->drill, b->ndrill) ||
	    !same_list(a->meter_fallback, a->nfallback, b->meter_fallback, b->nfallback))
		return "drill or meter-fallback";
	if (a->token_price != b->token_price || a->idle_days != b->idle_days ||
	    a->occasional_days != b->occasional_days)
		return "token-price, idle-days or occasional-days";
	if (a->ndefaults != b->ndefaults)
		return "defaults";
	for (int i = 0; i < a->ndefaults; i++)
		if (strcmp(a->defaults[i].column, b->defaults[i].column) || strcmp(a->defaults[i].value, b->defaults[i].value))
			return "defaults";
	if (a->nmeters != b->nmeters)
		return "meters";
	for (int i = 0; i < a->nmeters; i++) {
		const struct profile_meter *x = &a->meters[i], *y = &b->meters[i];
		if (strcmp(x->id, y->id) || !same_str(x->unit, y->unit) || !same_str(x->description, y->description) ||
		    !same_rules(x->rules, x->nrules, y->rules, y->nrules))
			return "a meter";
	}
	if (!same_str(a->area_key, b->area_key) || !same_list(a->areas, a->nareas, b->areas, b->nareas))
		return "areas";
	if (a->nprices != b->nprices)
		return "prices";
	for (int i = 0; i < a->nprices; i++) {
		const struct profile_price *x = &a->prices[i], *y = &b->prices[i];
		if (!same_str(x->product, y->product) || !same_str(x->term, y->term) || !same_str(x->unit, y->unit) ||
		    !same_str(x->confidence, y->confidence) || !same_str(x->source, y->source) || x->list != y->list ||
		    x->effective != y->effective)
			return "a price";
	}
	if (a->nflex != b->nflex)
		return "flex";
	for (int i = 0; i < a->nflex; i++)
		if (strcmp(a->flex[i].product, b->flex[i].product) || a->flex[i].tokens_per_day != b->flex[i].tokens_per_day)
			return "flex";
	return NULL;
}

/* The lookups the explorer, the what-if model and the importer make. */
static void
check_lookups(const struct profile *p)
{
	FZ_CHECK(p->name && p->title, "an accepted profile without a name");
	FZ_CHECK(p->idle_days >= 1 && p->idle_days <= 3650 && p->occasional_days >= 0 && p->occasional_days <= 31,
	    "idle-days %d occasional-days %d", p->idle_days, p->occasional_days);
	for (int i = 0; i < p->ndrill; i++)
		FZ_CHECK(p->drill[i][0] && !strchr(p->drill[i], ','), "drill item '%s'", p->drill[i]);
	for (int i = 0; i < p->nmeters; i++) {
		const struct profile_meter *m = profile_meter(p, p->meters[i].id);
		FZ_CHECK(m != NULL && m <= &p->meters[i], "meter %d not found by its id", i);
		for (int k = 0; k < p->meters[i].nrules; k++)
			FZ_CHECK(p->meters[i].rules[k].column[0] && p->meters[i].rules[k].glob[0], "an empty rule");
	}
	for (int i = 0; i < p->nprices; i++) {
		const struct profile_price *pr = &p->prices[i], *found;
		if (!pr->product)
			continue;
		found = profile_price(p, pr->product, pr->term, pr->effective);
		FZ_CHECK(found != NULL && !strcasecmp(found->product, pr->product) && found->effective >= pr->effective,
		    "price %d not found by its product", i);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024], err2[1024], *text = NULL;
	size_t tlen = 0;
	struct profile *p = profile_parse((const char *)data, size, "fuzz.profile", err, sizeof err), *back;
	FILE *f;
	const char *why;

	if (p == NULL) {
		unsigned long line = 0, lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n';
		FZ_CHECK(sscanf(err, "fuzz.profile:%lu: ", &line) == 1 && line <= lines, "error '%s'", err);
		return 0;
	}
	check_lookups(p);
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fz_die("open_memstream");
	print_profile(f, p);
	fclose(f);
	back = profile_parse(text, tlen, "printed.profile", err2, sizeof err2);
	FZ_CHECK(back != NULL, "the printed profile does not parse: %s\n%s", err2, text);
	why = differs(p, back);
	FZ_CHECK(why == NULL, "the printed profile parses to other %s\n%s", why, text);
	profile_free(back);
	profile_free(p);
	free(text);
	return 0;
}
