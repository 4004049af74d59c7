/* validate.c - FOCUS 1.3 conformance rules over raw CSV rows (see validate.h).
 *
 * Every rule is one line of VALIDATE_RULES (validate_int.h); the report is
 * generated from it. This file runs the rules over files and reports; the
 * checks themselves, and the recording of what they find, are in
 * validate_check.c (which calls nothing here). */
#include "validate_int.h"
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* strdup is POSIX, not C11 */
static char *
str_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

void
validate_row(struct validator *v, unsigned long line, int nfields, const char *const *fields)
{
	struct vfile *f = v->cur;

	if (!f)
		return;
	f->rows++;
	if (nfields != f->ncols)
		FAIL(R_record_fields, line, -1, validate_novalue, "%d fields, the header has %d", nfields, f->ncols);
	for (int i = 0; i < f->ncols; i++) {
		const char *s = i < nfields ? fields[i] : NULL;
		long bad;
		if (s && (bad = text_utf8_error(s)) >= 0)
			FAIL(R_record_utf8, line, i, s, "byte %ld (0x%02X) is not UTF-8", bad + 1,
			    (unsigned)(unsigned char)s[bad]);
		if (s && validate_is_blank(s)) {
			FAIL(R_null_empty, line, i, s, "stands in for NULL");
			s = NULL;
		}
		if (v->map[i] >= 0)
			v->val[v->map[i]] = s;
	}
	for (int i = 0; i < v->nactive; i++)
		validate_check_rule(v, v->active[i], line);
}

static void
file_done(struct validator *v)
{
	/* the ServiceName map is per file: it only has to catch conflicts within one */
	free(v->svc);
	v->svc = NULL;
	v->svccap = v->nsvc = 0;
	v->alen = 0;
}

/* The FOCUS version (x10) whose columns a header has: the newest column
 * present decides (ServiceProviderName means 1.3, InvoiceId 1.2, SkuMeter
 * 1.1); a file of 0.5/1.0 columns only is judged as 1.0. */
static int
detect_version(int ncols, const char *const *names)
{
	int version = VALIDATE_VERSION_MIN;

	for (int i = 0; i < ncols; i++) {
		int casefold, c = names[i] ? focus_column_find(names[i], &casefold) : FC_CUSTOM;
		if (c != FC_CUSTOM && focus_columns[c].since > version)
			version = focus_columns[c].since;
	}
	return version > VALIDATE_VERSION_MAX ? VALIDATE_VERSION_MAX : version;
}

/* The first FOCUS version a rule belongs to: that of its newest column, and
 * 1.3 for the SkuPriceId coupling (new in 1.3). */
static int
rule_since(int r)
{
	const int deps[3] = {validate_rule_table[r].col, validate_rule_table[r].dep1, validate_rule_table[r].dep2};
	int since = r == R_SkuPriceId_coupling ? 13 : VALIDATE_VERSION_MIN;

	for (int k = 0; k < 3; k++)
		if (deps[k] != N && focus_columns[deps[k]].since > since)
			since = focus_columns[deps[k]].since;
	return since;
}

void
validate_set_version(struct validator *v, int version)
{
	v->version = version >= VALIDATE_VERSION_MIN && version <= VALIDATE_VERSION_MAX ? version : 0;
}

int
validate_version_parse(const char *s)
{
	static const char *const names[] = {"1.0", "1.1", "1.2", "1.3"};

	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, names[i]) == 0)
			return VALIDATE_VERSION_MIN + i;
	return -1;
}

/* A new file record, made current; NULL (v->cur too) when out of memory. */
static struct vfile *
file_open(struct validator *v, const char *path, int ncols)
{
	struct vfile *f;

	file_done(v);
	if (!(f = calloc(1, sizeof *f)))
		return NULL;
	f->path = str_dup(path ? path : "(stdin)");
	f->names = calloc((size_t)ncols + 1, sizeof *f->names);
	if (ncols > v->mapcap) {
		int *m = realloc(v->map, (size_t)ncols * sizeof *m);
		if (m) {
			v->map = m;
			v->mapcap = ncols;
		}
	}
	if (!f->path || !f->names || ncols > v->mapcap) {
		free(f->path);
		free(f->names);
		free(f);
		v->cur = NULL;
		return NULL;
	}
	f->ncols = ncols;
	for (int c = 0; c < FC_COUNT; c++)
		f->idx[c] = -1;
	if (v->cur)
		v->cur->next = f;
	else
		v->files = f;
	v->cur = f;
	v->svccap = 64;
	v->svc = calloc(v->svccap, sizeof *v->svc);
	if (!v->svc)
		v->svccap = 0;
	validate_arena_add(v, "");	/* offset 0 means "none" */
	return f;
}

/* The header's rules: each name mapped to its FOCUS column (v->map), or
 * failed as a duplicate, a custom column without x_, out of order, ... */
static void
bind_header(struct validator *v, struct vfile *f, int ncols, const char *const *names)
{
	int seen_custom = 0;
	char buf[VAL_SHOW * 4 + 8];

	for (int i = 0; i < ncols; i++) {
		const char *name = names[i] ? names[i] : "";
		int casefold, dup = 0;
		int c = focus_column_find(name, &casefold);

		f->names[i] = str_dup(validate_sanitize(name, buf, sizeof buf, 0));
		v->map[i] = -1;
		if (c != FC_CUSTOM && focus_columns[c].since > f->version) {
			/* a column of a later FOCUS: custom in the version judged */
			seen_custom = 1;
			if (strncmp(name, "x_", 2) != 0)
				FAIL(R_header_prefix, 0, i, validate_novalue, "is a FOCUS %d.%d column, not one of FOCUS %d.%d",
				    focus_columns[c].since / 10, focus_columns[c].since % 10, f->version / 10,
				    f->version % 10);
			continue;
		}
		for (int j = 0; j < i && !dup; j++)
			dup = names[j] && strcmp(names[j], name) == 0;
		if (dup) {
			FAIL(R_header_unique, 0, i, validate_novalue, "appears earlier in the header");
			continue;
		}
		if (c == FC_CUSTOM) {
			seen_custom = 1;
			if (strncmp(name, "x_", 2) != 0)
				FAIL(R_header_prefix, 0, i, validate_novalue, "is not a FOCUS column and lacks the x_ prefix");
			continue;
		}
		if (seen_custom)
			FAIL(R_header_order, 0, i, validate_novalue, "is a FOCUS column after a custom column");
		if (casefold)
			FAIL(R_header_case, 0, i, validate_novalue, "matches %s only when case is ignored",
			    focus_columns[c].name);
		if (f->idx[c] >= 0) {
			FAIL(R_header_unique, 0, i, validate_novalue, "is %s again", focus_columns[c].name);
			continue;
		}
		f->idx[c] = i;
		v->map[i] = c;
	}
}

/* Columns the version judged requires, and the rules that run on rows:
 * those of a later version, or whose columns are absent, are skipped. */
static void
plan_rules(struct validator *v, struct vfile *f)
{
	for (int c = 0; c < FC_COUNT; c++) {
		v->val[c] = NULL;
		if (f->idx[c] >= 0 || focus_columns[c].since > f->version)
			continue;
		if (focus_columns[c].level == FL_MANDATORY)
			FAIL(R_present_mandatory, 0, -1, validate_novalue, "%s is missing", focus_columns[c].name);
		else if (focus_columns[c].level == FL_RECOMMENDED)
			FAIL(R_present_recommended, 0, -1, validate_novalue, "%s is missing", focus_columns[c].name);
	}
	v->nactive = 0;
	for (int r = 0; r < R_COUNT; r++) {
		const struct rule *ru = &validate_rule_table[r];
		int deps[3] = {ru->col, ru->dep1, ru->dep2};
		if (rule_since(r) > f->version)
			f->st[r].skip = SK_VERSION;
		for (int k = 0; k < 3 && !f->st[r].skip; k++)
			if (deps[k] != N && f->idx[deps[k]] < 0) {
				f->st[r].skip = SK_COLUMN;
				f->st[r].skip_col = deps[k];
				break;
			}
		if (!f->st[r].skip && (ru->kind == K_KEYVALUE || ru->kind == K_JSON) && !v->json)
			f->st[r].skip = SK_NOJSON;
		if (!f->st[r].skip && ru->kind != K_HEADER && ru->kind != K_RECORD)
			v->active[v->nactive++] = (short)r;
	}
}

void
validate_file(struct validator *v, const char *path, int ncols, const char *const *names)
{
	struct vfile *f;

	if (ncols < 0)
		ncols = 0;
	if ((f = file_open(v, path, ncols)) == NULL)
		return;
	f->version_given = v->version != 0;
	f->version = v->version ? v->version : detect_version(ncols, names);
	bind_header(v, f, ncols, names);
	plan_rules(v, f);
}

struct validator *
validate_new(validate_json_fn json, void *json_ctx)
{
	struct validator *v = calloc(1, sizeof *v);

	if (!v)
		return NULL;
	v->json = json;
	v->json_ctx = json_ctx;
	v->keep = 10;
	validate_enum_index(v);
	return v;
}

void
validate_keep_locations(struct validator *v, int n)
{
	v->keep = n < 0 ? 0 : n > 1000 ? 1000 : n;
}

void
validate_free(struct validator *v)
{
	struct vfile *f, *next;

	if (!v)
		return;
	for (f = v->files; f; f = next) {
		next = f->next;
		for (int r = 0; r < R_COUNT; r++)
			free(f->st[r].loc);
		for (int i = 0; i < f->ncols; i++)
			free(f->names[i]);
		free(f->names);
		free(f->path);
		free(f);
	}
	free(v->svc);
	free(v->arena);
	free(v->map);
	free(v->jslot);
	free(v->jtext);
	free(v);
}

/* Writes "label: a, b, c" wrapped at 78 columns. */
static void
print_wrapped(FILE *out, const char *label, const char *const *items, int n)
{
	int col;

	if (!n)
		return;
	col = fprintf(out, "  %s:", label);
	for (int i = 0; i < n; i++) {
		int len = (int)strlen(items[i]) + (i + 1 < n ? 1 : 0);
		if (col + 1 + len > 78) {
			fprintf(out, "\n   ");
			col = 3;
		}
		col += fprintf(out, " %s%s", items[i], i + 1 < n ? "," : "");
	}
	fputc('\n', out);
}

static const char *const levels[] = {"MUST", "SHOULD"};

/* 0 MUST failure, 1 SHOULD failure, 2 pass, 3 skip: the order printed in */
static int
rule_group(const struct vfile *f, int r)
{
	const struct rstat *st = &f->st[r];
	return st->skip ? 3 : !st->count ? 2 : validate_rule_table[r].level == MUST ? 0 : 1;
}

/* Why a rule was skipped, or NULL. */
static const char *
skip_reason(const struct vfile *f, int r, char *buf, size_t n)
{
	const struct rstat *st = &f->st[r];

	switch (st->skip) {
	case SK_COLUMN:
		snprintf(buf, n, "column absent: %s", focus_columns[st->skip_col].name);
		return buf;
	case SK_NOJSON:
		return "no JSON checker";
	case SK_VERSION:
		snprintf(buf, n, "not a rule of FOCUS %d.%d", f->version / 10, f->version % 10);
		return buf;
	default:
		return NULL;
	}
}

static void
report_rule(const struct vfile *f, int r, FILE *out, int max_locations, int idw)
{
	const struct rstat *st = &f->st[r];
	int group = rule_group(f, r);
	char why[128];

	fprintf(out, "  %-6s  %-6s  %-*s  ", group == 3 ? "skip" : group == 2 ? "pass" : "FAIL",
	    levels[validate_rule_table[r].level], idw, validate_rule_table[r].id);
	if (group == 3) {
		fprintf(out, "%-7s  (%s)\n", "-", skip_reason(f, r, why, sizeof why));
		return;
	}
	if (st->count) {
		fprintf(out, "%-7lu  ", st->count);
		for (int i = 0; i < st->nloc && i < max_locations; i++)
			fprintf(out, "%s%s", i ? "; " : "", st->loc + (size_t)i * LOC_LEN);
		if (st->count > (unsigned long)(max_locations < st->nloc ? max_locations : st->nloc))
			fprintf(out, "%s...", max_locations > 0 && st->nloc ? "; " : "");
	} else
		fprintf(out, "0");
	fputc('\n', out);
}

static void
report_notes(const struct vfile *f, FILE *out)
{
	const char *absent[FC_COUNT];
	int nabsent = 0;

	for (int c = 0; c < FC_COUNT; c++)
		if (f->idx[c] < 0 && focus_columns[c].level == FL_RECOMMENDED && focus_columns[c].since <= f->version)
			absent[nabsent++] = focus_columns[c].name;
	print_wrapped(out, "Note: absent Recommended columns", absent, nabsent);
	nabsent = 0;
	for (int c = 0; c < FC_COUNT; c++)
		if (f->idx[c] < 0 && focus_columns[c].level == FL_CONDITIONAL && focus_columns[c].since <= f->version)
			absent[nabsent++] = focus_columns[c].name;
	print_wrapped(out, "Note: absent Conditional columns (fine if the feature is not offered)",
	    absent, nabsent);
	if (f->svc_capped)
		fprintf(out, "  Note: too many distinct ServiceNames; later ones were not tracked\n");
}

/* The table: failures first (MUST, then SHOULD); passes and skips only with
 * VALIDATE_ALL, else counted on one line. */
static int
report_file(const struct vfile *f, FILE *out, int max_locations, int idw, int detail)
{
	int n[4] = {0, 0, 0, 0};
	char path[1024];

	fprintf(out, "FOCUS %d.%d validation: %s (%lu rows, %d columns), version %s\n", f->version / 10,
	    f->version % 10, validate_sanitize_n(f->path, sizeof path, path, sizeof path, 0), f->rows, f->ncols,
	    f->version_given ? "as asked" : "detected from the columns");
	for (int r = 0; r < R_COUNT; r++)
		n[rule_group(f, r)]++;
	if (n[0] + n[1] || detail == VALIDATE_ALL)
		fprintf(out, "  %-6s  %-6s  %-*s  %-7s  %s\n", "RESULT", "LEVEL", idw, "RULE", "COUNT",
		    "FIRST LOCATIONS");
	for (int pass = 0; pass < (detail == VALIDATE_ALL ? 4 : 2); pass++)
		for (int r = 0; r < R_COUNT; r++)
			if (rule_group(f, r) == pass)
				report_rule(f, r, out, max_locations, idw);
	if (detail == VALIDATE_SHORT)
		fprintf(out, "  %d rules passed, %d skipped (validate --all lists them)\n", n[2], n[3]);
	if (detail != VALIDATE_QUIET)
		report_notes(f, out);
	fprintf(out, "Summary: %d rules checked, %d failed (%d MUST, %d SHOULD), %d skipped\n",
	    n[0] + n[1] + n[2], n[0] + n[1], n[0], n[1], n[3]);
	return n[0];
}

static void
csv_file(const struct vfile *f, FILE *out, int max_locations, int detail)
{
	char path[1024], ver[24], why[128];

	validate_sanitize_n(f->path, sizeof path, path, sizeof path, 0);
	snprintf(ver, sizeof ver, "%d.%d", f->version / 10, f->version % 10);
	for (int r = 0; r < R_COUNT; r++) {
		const struct rstat *st = &f->st[r];
		int group = rule_group(f, r);
		if (detail == VALIDATE_QUIET && group > 1)
			continue;
		text_csv(out, path);
		fprintf(out, ",%s,%s,%s,%s,", ver, f->version_given ? "asked" : "detected",
		    group == 3 ? "skip" : group == 2 ? "pass" : "fail", levels[validate_rule_table[r].level]);
		text_csv(out, validate_rule_table[r].id);
		fprintf(out, ",%lu,", st->count);
		if (group == 3)
			text_csv(out, skip_reason(f, r, why, sizeof why));
		else if (st->nloc)
			text_csv(out, st->loc);	/* the first location */
		fputc('\n', out);
	}
	(void)max_locations;
}

static void
json_file(const struct vfile *f, FILE *out, int max_locations, int detail)
{
	char path[1024], why[128];
	int n[4] = {0, 0, 0, 0}, first = 1;

	for (int r = 0; r < R_COUNT; r++)
		n[rule_group(f, r)]++;
	fputs("{\"file\":", out);
	text_json(out, validate_sanitize_n(f->path, sizeof path, path, sizeof path, 0));
	fprintf(out, ",\"focus_version\":\"%d.%d\",\"version_source\":\"%s\",\"rows\":%lu,\"columns\":%d,"
	    "\"failed\":{\"MUST\":%d,\"SHOULD\":%d},\"passed\":%d,\"skipped\":%d,\"rules\":[",
	    f->version / 10, f->version % 10, f->version_given ? "asked" : "detected", f->rows, f->ncols,
	    n[0], n[1], n[2], n[3]);
	for (int pass = 0; pass < 4; pass++)
		for (int r = 0; r < R_COUNT; r++) {
			const struct rstat *st = &f->st[r];
			if (rule_group(f, r) != pass || (detail == VALIDATE_QUIET && pass > 1))
				continue;
			fprintf(out, "%s{\"rule\":", first ? "" : ",");
			first = 0;
			text_json(out, validate_rule_table[r].id);
			fprintf(out, ",\"level\":\"%s\",\"result\":\"%s\",\"count\":%lu", levels[validate_rule_table[r].level],
			    pass == 3 ? "skip" : pass == 2 ? "pass" : "fail", st->count);
			if (pass == 3) {
				fputs(",\"reason\":", out);
				text_json(out, skip_reason(f, r, why, sizeof why));
			}
			fputs(",\"locations\":[", out);
			for (int i = 0; i < st->nloc && i < max_locations; i++) {
				if (i)
					fputc(',', out);
				text_json(out, st->loc + (size_t)i * LOC_LEN);
			}
			fputs("]}", out);
		}
	fputs("]}", out);
}

int
validate_report_as(struct validator *v, FILE *out, int max_locations, enum validate_format fmt, int detail)
{
	int idw = 4, must = 0;

	for (int r = 0; r < R_COUNT; r++)
		if ((int)strlen(validate_rule_table[r].id) > idw)
			idw = (int)strlen(validate_rule_table[r].id);
	if (fmt == VALIDATE_CSV)
		fputs("file,focus_version,version_source,result,level,rule,count,detail\n", out);
	if (fmt == VALIDATE_JSON)
		fputs("{\"files\":[", out);
	for (const struct vfile *f = v->files; f; f = f->next) {
		int n[4] = {0, 0, 0, 0};
		for (int r = 0; r < R_COUNT; r++)
			n[rule_group(f, r)]++;
		must += n[0];
		if (fmt == VALIDATE_CSV)
			csv_file(f, out, max_locations, detail);
		else if (fmt == VALIDATE_JSON) {
			if (f != v->files)
				fputc(',', out);
			json_file(f, out, max_locations, detail);
		} else {
			if (f != v->files)
				fputc('\n', out);
			report_file(f, out, max_locations, idw, detail);
		}
	}
	if (fmt == VALIDATE_JSON)
		fputs("]}\n", out);
	return must;
}

int
validate_report(struct validator *v, FILE *out, int max_locations)
{
	return validate_report_as(v, out, max_locations, VALIDATE_TABLE, VALIDATE_ALL);
}

int
validate_rule_count(void)
{
	return R_COUNT;
}

const char *
validate_rule_id(int i)
{
	return i >= 0 && i < R_COUNT ? validate_rule_table[i].id : NULL;
}

const char *
validate_rule_level(int i)
{
	return i >= 0 && i < R_COUNT ? (validate_rule_table[i].level == MUST ? "MUST" : "SHOULD") : NULL;
}

const char *
validate_rule_description(int i)
{
	return i >= 0 && i < R_COUNT ? validate_rule_table[i].desc : NULL;
}

void
validate_rules_print(FILE *out)
{
	for (int r = 0; r < R_COUNT; r++)
		fprintf(out, "%-6s  %-38s  %s\n", validate_rule_level(r), validate_rule_table[r].id, validate_rule_table[r].desc);
}

long
validate_rule_failures(const struct validator *v, const char *id)
{
	const struct vfile *f = v->cur;

	if (!f)
		return -1;
	for (int r = 0; r < R_COUNT; r++)
		if (strcmp(validate_rule_table[r].id, id) == 0)
			return f->st[r].skip ? -1 : (long)f->st[r].count;
	return -1;
}
