/* load_row.c - a CSV record into the store: the header bound to FOCUS
 * columns, each field checked and staged, each row committed or rejected
 * with file, line, column and reason. libcsv calls load_on_field and
 * load_on_record; load.c does the reading. */
#include "load_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "validate.h"
#include "xmalloc.h"

/* Columns needed to place a row in time and add up its cost. */
static const char *const required[] = {"BilledCost", "EffectiveCost", "ChargePeriodStart"};

static void *
bounded_realloc(void *p, size_t n)
{
	/* libcsv grows its field buffer without limit; refuse past our maximum */
	void *q;
	if (n > LOAD_MAX_FIELD + 1024)
		return NULL;
	/* libcsv reports a failed realloc as a parse error; real exhaustion
	 * must not pass for a long field */
	if ((q = realloc(p, n)) == NULL)
		fatal_status(STATUS_NOMEM, "out of memory while reading a CSV field of %zu bytes", n);
	return q;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

void
load_deviate(struct loader *L, enum value_dev d, int field)
{
	if (L->defer) {
		if (L->npend == L->cappend) {
			L->cappend = L->cappend ? L->cappend * 2 : 16;
			L->pend = xreallocarray(L->pend, (size_t)L->cappend, sizeof *L->pend);
		}
		L->pend[L->npend].dev = (uint8_t)d;
		L->pend[L->npend++].field = field;
		return;
	}
	if (L->dev_count[d]++ == 0) {
		L->dev_line[d] = L->rec_line ? L->rec_line : L->line;
		L->dev_field[d] = field;
	}
}

static void
deviate_bits(struct loader *L, unsigned bits, int field)
{
	for (int d = 0; bits; d++, bits >>= 1)
		if (bits & 1)
			load_deviate(L, (enum value_dev)d, field);
}

/* Printable, bounded copy of a value for messages. */
static void
quote_value(const char *v, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < outlen; i++) {
		unsigned char c = (unsigned char)v[i];
		if (i == 60) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
			if (o + 5 >= outlen)
				break;
			o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", c);
		} else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

void
load_reject(struct loader *L, int field, const char *value, size_t vlen, const char *fmt, ...)
{
	char reason[256];
	const char *colname = field > 0 && field <= L->ncols ? L->b[field - 1].name : NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	L->rejected++;
	store_reject(L->st, L->file, L->rec_line, field, colname, value, value ? vlen : 0, reason);
	if (L->opts->strict && !L->stop) {
		char q[256] = "";
		if (value)
			quote_value(value, vlen, q, sizeof q);
		if (field > 0)
			snprintf(L->err, L->errlen, "%s:%lu:%d: %s%s%s%s: %s", L->path, L->rec_line, field,
			    colname ? colname : "", value ? " \"" : "", q, value ? "\"" : "", reason);
		else
			snprintf(L->err, L->errlen, "%s:%lu: %s", L->path, L->rec_line, reason);
		L->stop = 1;
		L->result = LOAD_REJECTED;
	}
}

void
load_file_error(struct loader *L, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (L->stop)
		return;
	n = snprintf(L->err, L->errlen, "%s: ", L->path);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < L->errlen)
		vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	L->stop = 1;
	L->result = LOAD_FILE_ERROR;
}

static int
has_binary(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n'))
			return 1;
	}
	return 0;
}

static int
valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p++;
		int k;
		unsigned cp;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf)
			k = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3, cp = c & 0x07;
		else
			return 0;
		if (e - p < k)
			return 0;
		for (int i = 0; i < k; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (*p & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

static enum col_kind
kind_of(enum focus_col fc)
{
	if (fc == FC_CUSTOM)
		return COL_DIM;
	switch (focus_columns[fc].type) {
	case FT_DATETIME:
		return COL_DATE;
	case FT_DECIMAL:
		return metric_find(focus_columns[fc].name) >= 0 ? COL_METRIC : COL_DIM;
	default:
		return COL_DIM;
	}
}

/* The header line before its names are read: not empty, BOM dropped,
 * text. Returns -1 after a file error. */
static int
header_check(struct loader *L)
{
	if (L->nf == 1 && L->len[0] == 0) {
		load_file_error(L, "no header line (the first line is empty)");
		return -1;
	}
	if (L->nf > 0 && L->len[0] >= 3 && memcmp(L->buf + L->off[0], "\xef\xbb\xbf", 3) == 0) {
		L->off[0] += 3;
		L->len[0] -= 3;
		load_deviate(L, DEV_BOM, 1);
	}
	for (int i = 0; i < L->nf; i++) {
		const char *h = L->buf + L->off[i];
		if (has_binary(h, L->len[i]) || !valid_utf8(h, L->len[i])) {
			load_file_error(L, "not a FOCUS CSV file: line 1 column %d is binary data, not a column name", i + 1);
			return -1;
		}
	}
	return 0;
}

/* Binds header field i to a FOCUS column and a store column (or none). */
static void
bind_column(struct loader *L, int i)
{
	struct binding *b = &L->b[i];
	char *name = xstrndup(L->buf + L->off[i], L->len[i]);
	int fold = 0;
	size_t k;
	/* trim stray spaces around names */
	for (k = strlen(name); k > 0 && (name[k - 1] == ' ' || name[k - 1] == '\t'); k--)
		name[k - 1] = '\0';
	for (k = 0; name[k] == ' ' || name[k] == '\t'; k++)
		;
	memmove(name, name + k, strlen(name + k) + 1);
	b->fc = focus_column_find(name, &fold);
	if (b->fc != FC_CUSTOM) {
		if (fold)
			load_deviate(L, DEV_HEADER_CASE, i + 1);
		free(name);
		name = xstrdup(focus_columns[b->fc].name);
		b->type = focus_columns[b->fc].type;
	} else {
		b->type = FT_STRING;
		if (strncmp(name, "x_", 2) != 0)
			load_deviate(L, DEV_UNKNOWN_COLUMN, i + 1);
	}
	b->name = name;
	b->kind = kind_of(b->fc);
	b->placement = b->fc == FC_ChargePeriodStart || b->fc == FC_BillingPeriodStart;
	b->col = -2;
	for (int j = 0; j < i; j++)
		if (strcmp(L->b[j].name, name) == 0)
			b->col = -1;
	if (b->col == -1) {
		store_note(L->st, "%s: column %d repeats the name %s and is ignored", L->path, i + 1, name);
		return;
	}
	if (name[0] == '\0') {
		b->col = -1;
		store_note(L->st, "%s: column %d has no name and is ignored", L->path, i + 1);
		return;
	}
	if (strcmp(name, "meter") == 0) {
		/* store_finish computes this column from the profiles; it would
		 * silently replace the file's values */
		b->col = -1;
		store_note(L->st, "%s: column %d is named meter, the column focal computes, and is ignored",
		    L->path, i + 1);
		return;
	}
	b->col = store_column(L->st, name, b->fc, b->kind);
}

/* The required columns the header lacks, named in miss. Returns how many. */
static int
header_missing(const struct loader *L, char *miss, size_t misslen)
{
	int missing = 0;
	miss[0] = '\0';
	for (size_t r = 0; r < sizeof required / sizeof *required; r++) {
		int found = 0;
		for (int i = 0; i < L->ncols; i++)
			if (L->b[i].col >= 0 && strcmp(L->b[i].name, required[r]) == 0)
				found = 1;
		if (!found) {
			size_t used = strlen(miss);
			snprintf(miss + used, misslen - used, "%s%s", missing ? ", " : "", required[r]);
			missing++;
		}
	}
	return missing;
}

/* FOCUS 1.3 replaces ProviderName with ServiceProviderName (both are
 * mandatory in 1.3). A file written before has the first only: its rows
 * take its value as the second, so that one column names the provider of
 * every file, whatever its version (load.c notes it per file). */
static void
bind_bridge(struct loader *L)
{
	int from = -1;
	L->spn_from = L->spn_to = -1;
	if (L->opts->validator)
		return;	/* validate judges the file as written */
	for (int i = 0; i < L->ncols; i++) {
		if (L->b[i].col < 0)
			continue;
		if (L->b[i].fc == FC_ServiceProviderName)
			return;
		if (L->b[i].fc == FC_ProviderName)
			from = L->b[i].col;
	}
	if (from < 0)
		return;
	L->spn_from = from;
	L->spn_to = store_column(L->st, focus_columns[FC_ServiceProviderName].name, FC_ServiceProviderName,
	    kind_of(FC_ServiceProviderName));
	L->spn_src = UINT32_MAX;
}

/* The row's ServiceProviderName, from its ProviderName (bind_bridge). */
static void
bridge_row(struct loader *L)
{
	uint32_t src = store_staged_code(L->st, L->spn_from);
	if (src != L->spn_src) {
		const char *v = store_label(L->st, L->spn_from, src);
		L->spn_code = v ? store_intern_row(L->st, L->spn_to, v, strlen(v)) : CODE_NULL;
		L->spn_src = src;
	}
	store_put_code(L->st, L->spn_to, L->spn_code);
}

static void
bind_header(struct loader *L)
{
	int missing;
	char miss[256];
	const char *sep;

	if (header_check(L) != 0)
		return;
	L->ncols = L->nf;
	L->b = xcalloc((size_t)L->nf, sizeof *L->b);
	for (int i = 0; i < L->nf; i++)
		bind_column(L, i);
	if ((missing = header_missing(L, miss, sizeof miss)) != 0) {
		int cct = 0;
		for (int i = 0; i < L->ncols; i++)
			if (strcmp(L->b[i].name, "ContractCommitmentId") == 0)
				cct = 1;
		if (cct)
			load_file_error(L, "this is a FOCUS ContractCommitment dataset, not Cost and Usage (no %s)", miss);
		else if (L->ncols == 1 && (sep = strpbrk(L->b[0].name, ";\t|")) != NULL)
			/* Excel's export in a comma-decimal locale, a TSV */
			load_file_error(L, "not a comma-separated file: line 1 is one column with '%s' in it (focal "
			    "reads FOCUS CSV, columns separated by ',')", *sep == '\t' ? "\\t" : *sep == ';' ? ";" : "|");
		else
			load_file_error(L, "not a FOCUS Cost and Usage file: missing column%s %s (line 1 has %d column%s)",
			    missing > 1 ? "s" : "", miss, L->ncols, L->ncols == 1 ? "" : "s");
		return;
	}
	bind_bridge(L);
	if (L->opts->validator) {
		const char **names = xcalloc((size_t)L->ncols, sizeof *names);
		for (int i = 0; i < L->ncols; i++)
			names[i] = L->buf + L->off[i];
		validate_file(L->opts->validator, L->path, L->ncols, names);
		free(names);
		L->vfields = xcalloc((size_t)L->ncols, sizeof *L->vfields);
	}
	L->header_done = 1;
	L->direct = L->opts->validator == NULL;
}

/* Is this field NULL in the CSV sense? Counts the spelling used. */
static int
field_null(struct loader *L, int i, const char *v, size_t n, int isnull)
{
	if (isnull)
		return 1;
	if (n == 4 && memcmp(v, "NULL", 4) == 0) {
		load_deviate(L, DEV_NULL_WORD, i + 1);
		return 1;
	}
	if (n == 4 && memcmp(v, "null", 4) == 0) {
		load_deviate(L, DEV_NULL_LOWER, i + 1);
		return 1;
	}
	if (n == 0) {
		load_deviate(L, DEV_EMPTY_STRING, i + 1);
		return 1;
	}
	return 0;
}

static int
all_space(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] != ' ' && v[i] != '\t')
			return 0;
	return 1;
}

#define INFO_CHECKED (1u << 31)
#define INFO_INVALID (1u << 30)
#define INFO_DEVS ((1u << 30) - 1)

/* First sight of a value in a typed column: parse it once. */
static uint32_t
check_value(struct loader *L, struct binding *b, uint32_t code, const char *v, size_t n)
{
	unsigned dev = 0;
	uint32_t info = INFO_CHECKED;
	if (!valid_utf8(v, n))
		dev |= DEVBIT(DEV_NOT_UTF8);	/* FOCUS text is UTF-8: say where it is not */
	if (b->kind == COL_DATE) {
		int64_t t;
		if (date_parse(v, n, &t, &dev) == 0)
			store_set_code_epoch(L->st, b->col, code, t);
		else
			info |= INFO_INVALID;
	} else if (b->type == FT_DECIMAL) {
		money_t m;
		if (money_parse(v, n, &m, &dev) != 0)
			info |= INFO_INVALID;
	} else if (b->fc == FC_Tags) {
		char why[128];
		/* the store's copy of the text ends in a NUL; libcsv's does not */
		if (store_tags_parse(L->st, code, store_label(L->st, b->col, code), why, sizeof why) != 0)
			info |= INFO_INVALID;
	}
	return info | (dev & INFO_DEVS);
}

/* A slot of a column's recent values for v: from its length and its first
 * and last 8 bytes, no hash of the whole text. */
static inline unsigned
recent_slot(const char *v, size_t n)
{
	uint64_t a = 0, z = 0;
	if (n >= 8) {
		memcpy(&a, v, 8);
		memcpy(&z, v + n - 8, 8);
	} else if (n) {
		memcpy(&a, v, n);
	}
	a = (a ^ (z * 0x9e3779b97f4a7c15ULL) ^ n) * 0xff51afd7ed558ccdULL;
	return (unsigned)(a >> (64 - RECENT_BITS));
}

/* put_field's general case: every check, the dictionary, deviations. */
static int
put_field_slow(struct loader *L, int i, const char *v, size_t n, int isnull, const char **why)
{
	struct binding *b = &L->b[i];
	unsigned dev = 0;

	if (field_null(L, i, v, n, isnull))
		return 0;
	if (b->kind == COL_METRIC) {
		money_t m;
		int rc;
		if (all_space(v, n)) {
			load_deviate(L, DEV_SPACE, i + 1);
			return 0;
		}
		rc = money_parse(v, n, &m, &dev);
		if (rc != 0) {
			*why = rc == -2 ? "number out of range" :
			    "expected a decimal number (FOCUS NumericFormat, e.g. 1234.5 or -1.2E-3)";
			return -1;
		}
		if (dev)
			deviate_bits(L, dev, i + 1);
		store_put_money(L->st, b->col, m);
	} else {
		/* Everything else is kept as written, and each distinct value
		 * is checked once: the answer is remembered per code. */
		uint32_t code, info;
		if ((b->kind == COL_DATE || b->type == FT_DECIMAL) && all_space(v, n)) {
			load_deviate(L, DEV_SPACE, i + 1);
			return 0;
		}
		/* put_field compared a clean last value already */
		if (b->last && (b->last_info & (INFO_DEVS | INFO_INVALID)) && b->last_len == n &&
		    bytes_equal(b->last, v, n)) {
			code = b->last_code;
			info = b->last_info;
		} else {
			struct recent *r = &b->recent[recent_slot(v, n)];
			if (r->s && r->len == n && bytes_equal(r->s, v, n)) {
				code = r->code;
				info = r->info;
			} else {
				code = store_intern_row(L->st, b->col, v, n);
				info = store_code_info(L->st, b->col, code);
				if (!(info & INFO_CHECKED)) {
					info = check_value(L, b, code, v, n);
					store_set_code_info(L->st, b->col, code, info);
				}
				r->s = store_label(L->st, b->col, code);
				r->len = (uint32_t)n;
				r->code = code;
				r->info = info;
			}
			b->last = store_label(L->st, b->col, code);
			b->last_len = n;
			b->last_code = code;
			b->last_info = info;
		}
		if (info & INFO_DEVS)
			deviate_bits(L, info & INFO_DEVS, i + 1);
		if (info & INFO_INVALID) {
			if (b->kind == COL_DATE && b->placement) {
				*why = "expected a date-time like 2024-01-01T00:00:00Z";
				return -1;
			}
			if (b->fc == FC_Tags) {
				*why = "Tags is not a JSON object (FOCUS KeyValueFormat)";
				return -1;
			}
			/* ChargePeriodEnd, a unit price...: kept as written, noted */
			load_deviate(L, b->kind == COL_DATE ? DEV_BAD_DATE : DEV_BAD_NUMBER, i + 1);
		}
		store_put_code(L->st, b->col, code);
	}
	return 0;
}

/* Stages field i of the current record in the store. Returns 0, or -1 when
 * the value rejects the row, with *why saying what was expected. Inline, as
 * it runs for every field: an ignored column, a NULL and a value the column
 * had in the last row (already checked, clean) go no further. */
static inline int
put_field(struct loader *L, int i, const char *v, size_t n, int isnull, const char **why)
{
	const struct binding *b = &L->b[i];

	if (b->col < 0 || isnull)
		return 0;
	if (b->last && b->last_len == n && !(b->last_info & (INFO_DEVS | INFO_INVALID)) &&
	    bytes_equal(b->last, v, n)) {
		store_put_code(L->st, b->col, b->last_code);
		return 0;
	}
	return put_field_slow(L, i, v, n, isnull, why);
}

/* A field straight from libcsv's buffer (see struct loader). */
static void
direct_field(struct loader *L, const char *v, size_t n, int isnull)
{
	int i = L->nf++;
	const char *why = NULL;

	L->reclen += n + 1;
	if (L->reclen > LOAD_MAX_FIELD * 4)
		L->too_big = 1;
	if (L->too_big || L->bad_field || i >= L->ncols)
		return;
	L->defer = 1;
	if (put_field(L, i, v, n, isnull, &why) != 0) {
		if (n > L->bad_cap) {
			L->bad_cap = n;
			L->bad_val = xreallocarray(L->bad_val, n, 1);
		}
		if (n)
			memcpy(L->bad_val, v, n);
		L->bad_len = n;
		L->bad_field = i + 1;
		L->bad_why = why;
	}
	L->defer = 0;
}

void
load_on_field(void *data, size_t n, void *ctx)
{
	struct loader *L = ctx;
	if (L->stop)
		return;
	if (L->direct) {
		direct_field(L, data, n, data == NULL);
		return;
	}
	if (L->nf == L->capf) {
		L->capf = L->capf ? L->capf * 2 : 128;
		L->off = xreallocarray(L->off, (size_t)L->capf, sizeof *L->off);
		L->len = xreallocarray(L->len, (size_t)L->capf, sizeof *L->len);
		L->isnull = xreallocarray(L->isnull, (size_t)L->capf, sizeof *L->isnull);
	}
	if (L->buflen + n + 1 > LOAD_MAX_FIELD * 4) {
		L->too_big = 1;
		n = 0;
	}
	if (L->buflen + n + 1 > L->bufcap) {
		while (L->buflen + n + 1 > L->bufcap)
			L->bufcap = L->bufcap ? L->bufcap * 2 : 64 * 1024;
		L->buf = xreallocarray(L->buf, L->bufcap, 1);
	}
	L->off[L->nf] = L->buflen;
	L->len[L->nf] = n;
	L->isnull[L->nf] = data == NULL;
	if (n)
		memcpy(L->buf + L->buflen, data, n);
	L->buf[L->buflen + n] = '\0';
	L->buflen += n + 1;
	L->nf++;
}

/* Drops the record being read from the store: its staged values, and the
 * values it added to the dictionaries (the last-value caches may name them). */
static void
row_discard(struct loader *L)
{
	store_discard_row(L->st);
	for (int i = 0; i < L->ncols; i++) {
		L->b[i].last = NULL;
		memset(L->b[i].recent, 0, sizeof L->b[i].recent);
	}
}

/* Forgets the record being read: its staged values and waiting deviations. */
static void
record_reset(struct loader *L)
{
	L->nf = 0;
	L->buflen = 0;
	L->reclen = 0;
	L->too_big = 0;
	L->npend = 0;
	L->bad_field = 0;
}

void
load_on_record(int c, void *ctx)
{
	struct loader *L = ctx;
	int ok = 1;
	(void)c;

	if (L->stop)
		goto done;
	if (L->too_big) {
		load_reject(L, 0, NULL, 0, "record longer than %u MiB", (LOAD_MAX_FIELD * 4) >> 20);
		goto done;
	}
	if (!L->header_done) {
		bind_header(L);
		goto done;
	}
	if (L->nf != L->ncols) {
		load_reject(L, L->nf < L->ncols ? L->nf + 1 : L->ncols + 1, NULL, 0,
		    "ragged row: %d field%s where the header has %d", L->nf, L->nf == 1 ? "" : "s", L->ncols);
		goto done;
	}
	if (L->direct) {
		/* the row has the header's shape: what its fields said stands */
		for (int k = 0; k < L->npend; k++)
			load_deviate(L, (enum value_dev)L->pend[k].dev, L->pend[k].field);
		if (L->bad_field) {
			load_reject(L, L->bad_field, L->bad_val, L->bad_len, "%s", L->bad_why);
			ok = 0;
		}
	} else {
		if (L->opts->validator) {
			for (int i = 0; i < L->nf; i++) {
				const char *v = L->buf + L->off[i];
				int null = L->isnull[i] ||
				    (L->len[i] == 4 && (!memcmp(v, "NULL", 4) || !memcmp(v, "null", 4)));
				L->vfields[i] = null ? NULL : v;
			}
			validate_row(L->opts->validator, L->rec_line, L->nf, L->vfields);
		}
		for (int i = 0; i < L->nf; i++) {
			const char *v = L->buf + L->off[i], *why = NULL;
			if (put_field(L, i, v, L->len[i], L->isnull[i], &why) != 0) {
				load_reject(L, i + 1, v, L->len[i], "%s", why);
				ok = 0;
				break;
			}
		}
	}
	if (ok && !L->stop) {
		if (L->rows >= UINT32_MAX)
			load_file_error(L, "more than 4 billion rows");
		else {
			if (L->spn_to >= 0)
				bridge_row(L);
			store_commit_row(L->st, L->file, (uint32_t)L->rec_line);
			L->rows++;
			record_reset(L);
			return;
		}
	}
done:
	row_discard(L);
	record_reset(L);
}

void
load_flush_deviations(struct loader *L)
{
	for (int d = 0; d < DEV_COUNT; d++)
		if (L->dev_count[d])
			store_deviation(L->st, L->file, (enum value_dev)d, L->dev_count[d], L->dev_line[d],
			    L->dev_field[d]);
}

unsigned load_csv_block = 1u << 20;

/* exact: every byte as written (focal validate), where libcsv would drop
 * spaces and tabs around unquoted values. Asking libcsv that costs a call per
 * character, a sixth of its time, so report and the explorer read values the
 * way libcsv and most CSV readers do; the validator reports the spaces. */
void
load_parser_init(struct csv_parser *p, int exact)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		fatal("cannot initialise the CSV parser");
	if (exact)
		csv_set_space_func(p, never_space);
	csv_set_realloc_func(p, bounded_realloc);
	/* libcsv grows a field by this much at a time: linear growth, so keep
	 * the steps large or a long field costs quadratic copying */
	csv_set_blk_size(p, load_csv_block);
}

/* The parser failed inside the current record: report it and start afresh. */
void
load_parser_recover(struct loader *L, struct csv_parser *p)
{
	int e = csv_error(p);
	if (L->stop)
		return;	/* the load is over (a strict reject earlier in the same line) */
	if (!L->header_done) {
		load_file_error(L, "line %lu: %s in the header", L->line,
		    e == CSV_EPARSE ? "malformed quoting" : "a field is too long");
	} else if (e == CSV_EPARSE) {
		load_reject(L, L->nf + 1, NULL, 0, "malformed CSV quoting (a stray '\"' in or after field %d)", L->nf + 1);
	} else {
		load_reject(L, L->nf + 1, NULL, 0, "field longer than %u MiB", LOAD_MAX_FIELD >> 20);
	}
	if (e == CSV_EPARSE) {
		/* afresh in place, as csv_fini leaves a parser (pstate 0 is
		 * libcsv's ROW_NOT_BEGUN, which load_lines reads too): csv_free
		 * and csv_init would drop the field buffer (load_csv_block,
		 * 1 MiB) and allocate it again at the next field, on every bad
		 * line: 200,000 of them took 1.1 s, most of it in the kernel,
		 * and 8,000 under ASan 10 s (a fuzz_csv_shard timeout) */
		p->pstate = 0;
		p->quoted = 0;
		p->spaces = 0;
		p->entry_pos = 0;
		p->status = 0;
	} else {
		/* a field past the limit: its buffer goes */
		csv_free(p);
		load_parser_init(p, L->opts->validator != NULL);
	}
	row_discard(L);
	record_reset(L);
}

void
loader_free(struct loader *L)
{
	free(L->buf);
	free(L->off);
	free(L->len);
	free(L->isnull);
	free(L->vfields);
	free(L->pend);
	free(L->bad_val);
	for (int i = 0; i < L->ncols; i++)
		free(L->b[i].name);
	free(L->b);
}
