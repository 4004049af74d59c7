/* wh_meter.c - a provider profile's rules as a warehouse's SQL: focal's
 * meter of a row, as store.c's build_meter gives it on loaded rows, and the
 * profile of a row's labels, as pick_profile gives it (wh_engine.h). */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "wh_engine.h"
#include "wh_report.h"
#include "xmalloc.h"

/* An fnmatch(3) pattern (no flags) as an anchored regular expression. */
static void
glob_regex(const char *g, struct wh_buf *b)
{
	char one[3] = "\\";
	wh_buf_str(b, "^");
	for (; *g; g++) {
		const char *end = g + 1;
		switch (*g) {
		case '*':
			wh_buf_str(b, ".*");
			continue;
		case '?':
			wh_buf_str(b, ".");
			continue;
		case '[':
			if (*end == '!' || *end == '^')
				end++;
			if (*end == ']')
				end++;
			while (*end && *end != ']')
				end++;
			if (*end != ']')
				break;	/* no closing bracket: a literal [ */
			wh_buf_str(b, "[");
			g++;
			if (*g == '!' || *g == '^') {
				wh_buf_str(b, "^");
				g++;
			}
			for (; g < end; g++) {
				if (*g == '\\' || *g == '[')
					wh_buf_str(b, "\\");
				wh_buf_add(b, g, 1);
			}
			wh_buf_str(b, "]");
			continue;
		case '\\':
			if (g[1])
				g++;
			break;
		default:
			break;
		}
		if (strchr(".+()|{}^$[]\\*?", *g)) {
			one[1] = *g;
			wh_buf_add(b, one, 2);
		} else
			wh_buf_add(b, g, 1);
	}
	wh_buf_str(b, "$");
}

/* Whether any of the rules matches the row (1 or 0, never NULL). */
static void
rules_cond(const struct wh_dialect *d, const struct wh_table *t, const struct profile_rule *r, int n,
    struct wh_buf *b)
{
	int any = 0;
	wh_buf_str(b, "(");
	for (int i = 0; i < n; i++) {
		struct wh_buf re = {NULL, 0, 0};
		char q[600], x[700];
		int c = wh_table_has(t, r[i].column);
		size_t litn;
		char *lit, *m;
		if (c < 0 || metric_find(t->names[c]) >= 0)
			continue;
		glob_regex(r[i].glob, &re);
		litn = re.n * 2 + 8;
		lit = xmalloc(litn);
		d->literal(re.p, lit, litn);
		m = xmalloc(litn + 800);
		d->regex(d->text(d->ident(t->names[c], q, sizeof q), x, sizeof x), lit, m, litn + 800);
		wh_buf_str(b, any++ ? " OR ifNull(" : "ifNull(");
		wh_buf_str(b, m);
		wh_buf_str(b, ", 0)");
		free(m);
		free(lit);
		free(re.p);
	}
	wh_buf_str(b, any ? ")" : "0)");
}

/* The text of the first of the columns that is not NULL (or NULL). */
static void
fallback(const struct wh_dialect *d, const struct wh_table *t, char *const *cols, int n, struct wh_buf *b)
{
	int any = 0;
	for (int i = 0; i < n; i++) {
		char q[600], x[700];
		int c = wh_table_has(t, cols[i]);
		if (c < 0 || metric_find(t->names[c]) >= 0)
			continue;
		wh_buf_str(b, any++ ? ", " : "coalesce(");
		wh_buf_str(b, d->text(d->ident(t->names[c], q, sizeof q), x, sizeof x));
	}
	wh_buf_str(b, any ? ", NULL)" : "NULL");
}

/* focal's meter of a row as store.c's build_meter gives it: the row's
 * profile is the first whose match rules take it (the last, generic, takes
 * the rest); its first meter whose rules match, else its fallback columns. */
char *
wh_meter_sql(const struct wh_dialect *d, const struct wh_table *t, const struct profile *const *pf, int np)
{
	struct wh_buf b = {NULL, 0, 0};
	char lit[400];
	wh_buf_str(&b, "multiIf(");
	for (int p = 0; p < np; p++) {
		for (int m = 0; m < pf[p]->nmeters; m++) {
			if (p < np - 1) {
				rules_cond(d, t, pf[p]->match, pf[p]->nmatch, &b);
				wh_buf_str(&b, " AND ");
			}
			rules_cond(d, t, pf[p]->meters[m].rules, pf[p]->meters[m].nrules, &b);
			wh_buf_str(&b, ", ");
			wh_buf_str(&b, d->literal(pf[p]->meters[m].id, lit, sizeof lit));
			wh_buf_str(&b, ", ");
		}
		if (p < np - 1)
			rules_cond(d, t, pf[p]->match, pf[p]->nmatch, &b);
		else
			wh_buf_str(&b, "1");
		wh_buf_str(&b, ", ");
		fallback(d, t, pf[p]->meter_fallback, pf[p]->nfallback, &b);
		wh_buf_str(&b, ", ");
	}
	wh_buf_str(&b, "NULL)");
	return b.p;
}

/* The profile a row of these labels belongs to, as store.c's pick_profile
 * gives it: the first whose match rules take it (fnmatch on the same
 * labels), else the last (generic). */
int
wh_row_profile(const struct profile *const *pf, int np, const char *const *names, char **fl, int n)
{
	for (int p = 0; p < np - 1; p++)
		for (int k = 0; k < pf[p]->nmatch; k++)
			for (int i = 0; i < n; i++)
				if (fl[i] && strcmp(names[i], pf[p]->match[k].column) == 0 &&
				    fnmatch(pf[p]->match[k].glob, fl[i], 0) == 0)
					return p;
	return np - 1;
}

