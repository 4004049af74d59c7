/* validate.h - `focal validate`: FOCUS 1.0-1.3 conformance rules over raw CSV rows.
 *
 * Curses-free, SQL-free and store-free: the loader feeds it each file's header
 * and the raw text of each record; the rules come from one table in validate.c
 * (FOCUS-1.3.md §8, "practical takeaway"). Memory is bounded: per rule a count
 * and the first few locations, plus small maps of distinct ServiceNames. */
#ifndef FOCAL_VALIDATE_H
#define FOCAL_VALIDATE_H

#include <stddef.h>
#include <stdio.h>

struct validator;

/* json_check returns 0 when text is a valid JSON object of the given kind
 * (keyvalue=1: KeyValueFormat: flat object, unique keys, values string/number/bool/null;
 *  keyvalue=0: JsonObjectFormat: object with unique keys, any values), else -1 with a short
 * reason in why. focal passes an implementation backed by SQLite's JSON functions.
 * Without one (NULL) the JSON rules are reported as skipped. */
typedef int (*validate_json_fn)(void *ctx, const char *text, int keyvalue, char *why, size_t whylen);

struct validator *validate_new(validate_json_fn json, void *json_ctx);
void validate_free(struct validator *);

/* FOCUS versions focal judges by, x10 (1.0 to 1.3). */
#define VALIDATE_VERSION_MIN 10
#define VALIDATE_VERSION_MAX 13
/* Judge every file by this version (x10), or by the version each file's
 * columns show (0, the default): the newest FOCUS column present decides.
 * Set before the first file. */
void validate_set_version(struct validator *, int version);
/* "1.0" .. "1.3" -> 10 .. 13; anything else -> -1. */
int validate_version_parse(const char *s);

/* Locations kept per rule and file (default 10); set before the first file. */
void validate_keep_locations(struct validator *, int n);

/* Called once per file with its header names exactly as in the file (BOM already stripped). */
void validate_file(struct validator *, const char *path, int ncols, const char *const *names);

/* Called for every data record: fields[i] is the raw text of column i, or NULL when the
 * field is NULL in the CSV sense (the loader decides). line is the physical line the
 * record starts on. */
void validate_row(struct validator *, unsigned long line, int nfields, const char *const *fields);

/* Prints the per-rule summary of every file to out, at most max_locations locations per
 * rule. Returns the number of MUST-level rules that failed, summed over the files. */
int validate_report(struct validator *, FILE *out, int max_locations);

/* validate_report in another form: a table, CSV (one line per rule) or JSON,
 * and in less detail: VALIDATE_ALL lists every rule, VALIDATE_SHORT the
 * failures and a count of the rest (and the notes), VALIDATE_QUIET only the
 * failures. Every form says the FOCUS version judged first. */
enum validate_format { VALIDATE_TABLE, VALIDATE_CSV, VALIDATE_JSON };
enum { VALIDATE_QUIET, VALIDATE_SHORT, VALIDATE_ALL };
int validate_report_as(struct validator *, FILE *out, int max_locations, enum validate_format fmt, int detail);

/* The rule table, for `focal validate --rules`, the man page and tests. */
int validate_rule_count(void);
const char *validate_rule_id(int i);
const char *validate_rule_level(int i);	/* "MUST" or "SHOULD" */
const char *validate_rule_description(int i);
void validate_rules_print(FILE *out);

/* Failures of rule id in the latest file: >= 0, or -1 when skipped or unknown. */
long validate_rule_failures(const struct validator *, const char *id);

#endif
