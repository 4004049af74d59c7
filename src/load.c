/* load.c - FOCUS CSV into the store.
 *
 * Input is read through zlib (plain files pass through unchanged) and fed to
 * libcsv one physical line at a time, so every record knows the line it
 * starts on; a bad record is rejected with file, line, column and reason and
 * loading goes on. Nothing is read twice and no whole file is held. */
#include "load.h"
#include "store_save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pthread.h>

#include <csv.h>
#include <zlib.h>

#include "focus.h"
#include "bytes.h"
#include "store.h"
#include "validate.h"
#include "value.h"
#include "xmalloc.h"

#define READ_CHUNK (256u * 1024u)
#define PROGRESS_EVERY (4u << 20)

/* Columns needed to place a row in time and add up its cost. */
static const char *const required[] = {"BilledCost", "EffectiveCost", "ChargePeriodStart"};

struct binding {
	int col;		/* store column, -1 = ignored duplicate */
	enum focus_col fc;
	enum focus_type type;
	enum col_kind kind;
	char *name;
	int placement;		/* rows are placed in time by this column */
	/* the value this column had in the last row (its text is the store's,
	 * which never moves): exports repeat values row after row, and a
	 * comparison is cheaper than a dictionary lookup */
	const char *last;
	size_t last_len;
	uint32_t last_code, last_info;
};

struct loader {
	struct store *st;
	const struct load_opts *opts;
	const char *path;
	int file;
	/* current record */
	char *buf;
	size_t buflen, bufcap;
	size_t *off, *len;
	uint8_t *isnull;
	int nf, capf;
	int too_big;
	/* header */
	int header_done;
	struct binding *b;
	int ncols;
	/* positions */
	unsigned long line;	/* physical line being fed (1-based) */
	unsigned long rec_line;	/* line the current record starts on */
	uint64_t rows, rejected;
	/* deviations: count and first location per kind */
	uint64_t dev_count[DEV_COUNT];
	unsigned long dev_line[DEV_COUNT];
	int dev_field[DEV_COUNT];
	/* strict mode / fatal problems */
	int stop;
	char *err;
	size_t errlen;
	enum load_result result;
	int shard_rows_scale;	/* progress: another thread loads as much again */
	/* scratch for validate */
	const char **vfields;
	/* Fields go straight from libcsv's buffer into the store as they come
	 * (no copy of the record), unless the validator needs whole rows. The
	 * row's fate is known at its end: until then its deviations wait here,
	 * and the first value that rejects it is kept for the message. */
	int direct;
	size_t reclen;
	int defer;
	struct pending_dev { uint8_t dev; int field; } *pend;
	int npend, cappend;
	int bad_field;		/* 1-based, 0 = none */
	const char *bad_why;
	char *bad_val;
	size_t bad_len, bad_cap;
};

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

static void
deviate(struct loader *L, enum value_dev d, int field)
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
			deviate(L, (enum value_dev)d, field);
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

static void
reject(struct loader *L, int field, const char *value, size_t vlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
reject(struct loader *L, int field, const char *value, size_t vlen, const char *fmt, ...)
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

static void
file_error(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
file_error(struct loader *L, const char *fmt, ...)
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

static void
bind_header(struct loader *L)
{
	int missing = 0;
	char miss[256] = "";

	if (L->nf == 1 && L->len[0] == 0) {
		file_error(L, "no header line (the first line is empty)");
		return;
	}
	if (L->nf > 0 && L->len[0] >= 3 && memcmp(L->buf + L->off[0], "\xef\xbb\xbf", 3) == 0) {
		L->off[0] += 3;
		L->len[0] -= 3;
		deviate(L, DEV_BOM, 1);
	}
	for (int i = 0; i < L->nf; i++) {
		const char *h = L->buf + L->off[i];
		if (has_binary(h, L->len[i]) || !valid_utf8(h, L->len[i])) {
			file_error(L, "not a FOCUS CSV file: line 1 column %d is binary data, not a column name", i + 1);
			return;
		}
	}
	L->ncols = L->nf;
	L->b = xcalloc((size_t)L->nf, sizeof *L->b);
	for (int i = 0; i < L->nf; i++) {
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
				deviate(L, DEV_HEADER_CASE, i + 1);
			free(name);
			name = xstrdup(focus_columns[b->fc].name);
			b->type = focus_columns[b->fc].type;
		} else {
			b->type = FT_STRING;
			if (strncmp(name, "x_", 2) != 0)
				deviate(L, DEV_UNKNOWN_COLUMN, i + 1);
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
			continue;
		}
		if (name[0] == '\0') {
			b->col = -1;
			store_note(L->st, "%s: column %d has no name and is ignored", L->path, i + 1);
			continue;
		}
		if (strcmp(name, "meter") == 0) {
			/* store_finish computes this column from the profiles; it would
			 * silently replace the file's values */
			b->col = -1;
			store_note(L->st, "%s: column %d is named meter, the column focal computes, and is ignored",
			    L->path, i + 1);
			continue;
		}
		b->col = store_column(L->st, name, b->fc, b->kind);
	}
	for (size_t r = 0; r < sizeof required / sizeof *required; r++) {
		int found = 0;
		for (int i = 0; i < L->ncols; i++)
			if (L->b[i].col >= 0 && strcmp(L->b[i].name, required[r]) == 0)
				found = 1;
		if (!found) {
			size_t used = strlen(miss);
			snprintf(miss + used, sizeof miss - used, "%s%s", missing ? ", " : "", required[r]);
			missing++;
		}
	}
	if (missing) {
		int cct = 0;
		for (int i = 0; i < L->ncols; i++)
			if (strcmp(L->b[i].name, "ContractCommitmentId") == 0)
				cct = 1;
		if (cct)
			file_error(L, "this is a FOCUS ContractCommitment dataset, not Cost and Usage (no %s)", miss);
		else
			file_error(L, "not a FOCUS Cost and Usage file: missing column%s %s (line 1 has %d columns)",
			    missing > 1 ? "s" : "", miss, L->ncols);
		return;
	}
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
		deviate(L, DEV_NULL_WORD, i + 1);
		return 1;
	}
	if (n == 4 && memcmp(v, "null", 4) == 0) {
		deviate(L, DEV_NULL_LOWER, i + 1);
		return 1;
	}
	if (n == 0) {
		deviate(L, DEV_EMPTY_STRING, i + 1);
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

/* Stages field i of the current record in the store. Returns 0, or -1 when
 * the value rejects the row, with *why saying what was expected. */
static int
put_field(struct loader *L, int i, const char *v, size_t n, int isnull, const char **why)
{
	struct binding *b = &L->b[i];
	unsigned dev = 0;

	if (b->col < 0)
		return 0;
	if (field_null(L, i, v, n, isnull))
		return 0;
	if (b->kind == COL_METRIC) {
		money_t m;
		int rc;
		if (all_space(v, n)) {
			deviate(L, DEV_SPACE, i + 1);
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
			deviate(L, DEV_SPACE, i + 1);
			return 0;
		}
		if (b->last && b->last_len == n && bytes_equal(b->last, v, n)) {
			code = b->last_code;
			info = b->last_info;
		} else {
			code = store_intern_row(L->st, b->col, v, n);
			info = store_code_info(L->st, b->col, code);
			if (!(info & INFO_CHECKED)) {
				info = check_value(L, b, code, v, n);
				store_set_code_info(L->st, b->col, code, info);
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
			deviate(L, b->kind == COL_DATE ? DEV_BAD_DATE : DEV_BAD_NUMBER, i + 1);
		}
		store_put_code(L->st, b->col, code);
	}
	return 0;
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

static void
on_field(void *data, size_t n, void *ctx)
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
	for (int i = 0; i < L->ncols; i++)
		L->b[i].last = NULL;
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

static void
on_record(int c, void *ctx)
{
	struct loader *L = ctx;
	int ok = 1;
	(void)c;

	if (L->stop)
		goto done;
	if (L->too_big) {
		reject(L, 0, NULL, 0, "record longer than %u MiB", (LOAD_MAX_FIELD * 4) >> 20);
		goto done;
	}
	if (!L->header_done) {
		bind_header(L);
		goto done;
	}
	if (L->nf != L->ncols) {
		reject(L, L->nf < L->ncols ? L->nf + 1 : L->ncols + 1, NULL, 0,
		    "ragged row: %d field%s where the header has %d", L->nf, L->nf == 1 ? "" : "s", L->ncols);
		goto done;
	}
	if (L->direct) {
		/* the row has the header's shape: what its fields said stands */
		for (int k = 0; k < L->npend; k++)
			deviate(L, (enum value_dev)L->pend[k].dev, L->pend[k].field);
		if (L->bad_field) {
			reject(L, L->bad_field, L->bad_val, L->bad_len, "%s", L->bad_why);
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
				reject(L, i + 1, v, L->len[i], "%s", why);
				ok = 0;
				break;
			}
		}
	}
	if (ok && !L->stop) {
		if (L->rows >= UINT32_MAX)
			file_error(L, "more than 4 billion rows");
		else {
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

static void
flush_deviations(struct loader *L)
{
	for (int d = 0; d < DEV_COUNT; d++)
		if (L->dev_count[d])
			store_deviation(L->st, L->file, (enum value_dev)d, L->dev_count[d], L->dev_line[d],
			    L->dev_field[d]);
}

/* exact: every byte as written (focal validate), where libcsv would drop
 * spaces and tabs around unquoted values. Asking libcsv that costs a call per
 * character, a sixth of its time, so report and the explorer read values the
 * way libcsv and most CSV readers do; the validator reports the spaces. */
static void
parser_init(struct csv_parser *p, int exact)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		fatal("cannot initialise the CSV parser");
	if (exact)
		csv_set_space_func(p, never_space);
	csv_set_realloc_func(p, bounded_realloc);
	/* libcsv grows a field by this much at a time: linear growth, so keep
	 * the steps large or a long field costs quadratic copying */
	csv_set_blk_size(p, 1u << 20);
}

/* The parser failed inside the current record: report it and start afresh. */
static void
parser_recover(struct loader *L, struct csv_parser *p)
{
	int e = csv_error(p);
	if (!L->header_done) {
		file_error(L, "line %lu: %s in the header", L->line,
		    e == CSV_EPARSE ? "malformed quoting" : "a field is too long");
	} else if (e == CSV_EPARSE) {
		reject(L, L->nf + 1, NULL, 0, "malformed CSV quoting (a stray '\"' in or after field %d)", L->nf + 1);
	} else {
		reject(L, L->nf + 1, NULL, 0, "field longer than %u MiB", LOAD_MAX_FIELD >> 20);
	}
	csv_free(p);
	parser_init(p, L->opts->validator != NULL);
	row_discard(L);
	record_reset(L);
}

/* Where bytes come from: zlib for gzip and pipes, read(2) for plain files
 * (zlib's pass-through would copy every byte once more). */
struct reader {
	gzFile gz;
	int fd;
	uint64_t limit;		/* stop after this many bytes (UINT64_MAX: at EOF) */
	uint64_t done;
	volatile sig_atomic_t *cancel;	/* a read interrupted by a signal that set it
					 * gives up (a stalled pipe, then Ctrl-C) */
};

static int
reader_read(struct reader *r, char *buf, unsigned n)
{
	int got;
	if (r->done >= r->limit)
		return 0;
	if (r->limit - r->done < n)
		n = (unsigned)(r->limit - r->done);
	if (r->gz)
		got = gzread(r->gz, buf, n);
	else {
		ssize_t k;
		do
			k = read(r->fd, buf, n);
		while (k < 0 && errno == EINTR && !(r->cancel && *r->cancel));
		got = (int)k;
	}
	if (got > 0)
		r->done += (uint64_t)got;
	return got;
}

/* Continues reading at byte off of the (uncompressed) input. */
static void
reader_seek(struct reader *r, uint64_t off)
{
	if (r->gz) {
		gzrewind(r->gz);
		if (off)
			gzseek(r->gz, (z_off_t)off, SEEK_SET);
	} else
		(void)lseek(r->fd, (off_t)off, SEEK_SET);
	r->done = off;
}

/* The parse of one stretch of input. */
struct stream {
	struct csv_parser p;
	char *chunk;
	int at_line_start, skip_to_eol;
	volatile int *abort;	/* set by another thread to stop a shard */
	uint64_t total, next_progress;
};

static void
stream_init(struct stream *S, int exact)
{
	memset(S, 0, sizeof *S);
	parser_init(&S->p, exact);
	S->chunk = xmalloc(READ_CHUNK);
	S->at_line_start = 1;
	S->next_progress = PROGRESS_EVERY;
}

static void
stream_free(struct stream *S)
{
	csv_free(&S->p);
	free(S->chunk);
}

/* Whether loading was cancelled (Ctrl-C in the explorer) or the shard
 * told to stop; then the load ends as cancelled. */
static int
cancelled(struct loader *L, const struct stream *S)
{
	if (!(L->opts->cancel && *L->opts->cancel) && !(S->abort && *S->abort))
		return 0;
	L->result = LOAD_CANCELLED;
	L->stop = 1;
	snprintf(L->err, L->errlen, "%s: loading cancelled", L->path);
	return 1;
}

/* Feeds input to libcsv one physical line at a time until the reader is
 * exhausted or loading stops. Returns the bytes read. */
static uint64_t
feed(struct loader *L, struct stream *S, struct reader *r, int first, int progress)
{
	uint64_t bytes = 0;
	for (;;) {
		int n = reader_read(r, S->chunk, READ_CHUNK);
		char *c, *end;
		if (n < 0 && cancelled(L, S))
			break;
		if (n < 0) {
			int zerr = Z_ERRNO;
			const char *msg = r->gz ? gzerror(r->gz, &zerr) : strerror(errno);
			file_error(L, "%s", zerr == Z_ERRNO ? strerror(errno) :
			    zerr == Z_DATA_ERROR ? "corrupt gzip data" : msg);
			break;
		}
		if (n == 0)
			break;
		if (first && bytes == 0 && memchr(S->chunk, '\0', (size_t)n < 4096 ? (size_t)n : 4096)) {
			/* NUL bytes: binary, or UTF-16 text; FOCUS CSV is UTF-8 */
			file_error(L, "not a CSV text file (binary data in the first bytes)");
			break;
		}
		bytes += (uint64_t)n;
		c = S->chunk;
		end = S->chunk + n;
		while (c < end && !L->stop) {
			char *nl = memchr(c, '\n', (size_t)(end - c));
			char *seg_end = nl ? nl + 1 : end;
			size_t seglen = (size_t)(seg_end - c);

			if (S->at_line_start) {
				if (S->p.pstate == 0) {
					L->rec_line = L->line;
					if (*c == '\n' || (*c == '\r' && c + 1 < end && c[1] == '\n'))
						deviate(L, DEV_BLANK_LINE, 0);
				}
				S->at_line_start = 0;
			}
			if (!S->skip_to_eol && csv_parse(&S->p, c, seglen, on_field, on_record, L) != seglen) {
				parser_recover(L, &S->p);
				S->skip_to_eol = 1;	/* resume at the next line */
			}
			if (nl) {
				if (nl > S->chunk && nl[-1] == '\r' && S->p.pstate == 0 && L->dev_count[DEV_CRLF] == 0)
					deviate(L, DEV_CRLF, 0);
				L->line++;
				S->at_line_start = 1;
				S->skip_to_eol = 0;
			}
			c = seg_end;
		}
		if (L->stop)
			break;
		if (cancelled(L, S))
			break;
		if (progress && L->opts->progress && r->done >= S->next_progress) {
			z_off_t off = r->gz ? gzoffset(r->gz) : (z_off_t)r->done;
			L->opts->progress(L->opts->progress_ctx, L->path, off > 0 ? (uint64_t)off : r->done, S->total,
			    L->rows * (L->shard_rows_scale ? 2 : 1));
			S->next_progress = r->done + PROGRESS_EVERY;
		}
	}
	return bytes;
}

static void
stream_finish(struct loader *L, struct stream *S)
{
	/* the last record may lack a final newline */
	if (!L->stop && csv_fini(&S->p, on_field, on_record, L) != 0 && !L->stop)
		reject(L, L->nf + 1, NULL, 0, "unterminated quoted field at end of file");
}

static void
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

/* Parallel loading of a big plain file: the main thread parses the first
 * half, a second thread the rest from the first newline after the middle
 * into a shard store. If that newline turns out to be inside a quoted field,
 * the shard is thrown away and the main thread reads on. */
#define PARALLEL_MIN (16u << 20)

struct shard {
	pthread_t tid;
	struct loader L;
	struct stream S;
	struct reader r;
	struct load_opts opts;
	volatile int abort;
	int fd;
};

static void *
shard_main(void *arg)
{
	struct shard *sh = arg;
	feed(&sh->L, &sh->S, &sh->r, 0, 0);
	stream_finish(&sh->L, &sh->S);
	return NULL;
}

static int
shard_start(struct shard *sh, const struct loader *main_loader, const char *path, uint64_t from)
{
	const struct loader *M = main_loader;
	memset(sh, 0, sizeof *sh);
	sh->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (sh->fd < 0 || lseek(sh->fd, (off_t)from, SEEK_SET) < 0) {
		if (sh->fd >= 0)
			close(sh->fd);
		return -1;
	}
	sh->opts = *M->opts;
	sh->opts.progress = NULL;
	sh->opts.validator = NULL;
	sh->L.st = store_new_shard(M->st);
	sh->L.opts = &sh->opts;
	sh->L.path = M->path;
	sh->L.err = xmalloc(512);
	sh->L.errlen = 512;
	sh->L.err[0] = '\0';
	sh->L.line = 1;
	sh->L.file = 0;
	sh->L.header_done = 1;
	sh->L.direct = 1;
	sh->L.ncols = M->ncols;
	sh->L.b = xcalloc((size_t)M->ncols, sizeof *sh->L.b);
	for (int i = 0; i < M->ncols; i++) {
		sh->L.b[i] = M->b[i];
		sh->L.b[i].name = xstrdup(M->b[i].name);
		sh->L.b[i].last = NULL;	/* that text is in the other store */
	}
	stream_init(&sh->S, 0);
	sh->S.abort = &sh->abort;
	sh->r.fd = sh->fd;
	sh->r.limit = UINT64_MAX;
	if (pthread_create(&sh->tid, NULL, shard_main, sh) != 0) {
		stream_free(&sh->S);
		loader_free(&sh->L);
		store_free(sh->L.st);
		free(sh->L.err);
		close(sh->fd);
		return -1;
	}
	return 0;
}

static void
shard_end(struct shard *sh)
{
	pthread_join(sh->tid, NULL);
	stream_free(&sh->S);
	close(sh->fd);
	free(sh->L.err);
	loader_free(&sh->L);
}

/* Adds the shard's counts into the main loader and its rows into the store. */
static void
shard_merge(struct loader *L, struct shard *sh)
{
	uint32_t offset = (uint32_t)(L->line - 1);
	struct loader *S = &sh->L;
	if (S->stop && S->result != LOAD_OK) {
		/* a file error in the second half is the file's error */
		if (!L->stop) {
			snprintf(L->err, L->errlen, "%s", S->err);
			L->stop = 1;
			L->result = S->result;
		}
	}
	for (int d = 0; d < DEV_COUNT; d++) {
		if (!S->dev_count[d])
			continue;
		if (d == DEV_CRLF && L->dev_count[d])
			continue;	/* noted once per file, as the one-thread reader does */
		if (!L->dev_count[d]) {
			L->dev_line[d] = S->dev_line[d] + offset;
			L->dev_field[d] = S->dev_field[d];
		}
		L->dev_count[d] += S->dev_count[d];
	}
	L->rows += S->rows;
	L->rejected += S->rejected;
	L->line += S->line - 1;
	store_append(L->st, S->st, L->file, offset);
	S->st = NULL;
}

static int
is_gzip(int fd)
{
	unsigned char magic[2];
	return pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

/* Is this a plain file big enough to split? */
static uint64_t
split_point(int fd, uint64_t total)
{
	char buf[65536];
	unsigned char magic[2];
	uint64_t at = total / 2;
	if (total < PARALLEL_MIN || pread(fd, magic, 2, 0) != 2 || (magic[0] == 0x1f && magic[1] == 0x8b))
		return 0;
	while (at < total) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)at);
		char *nl;
		if (n <= 0)
			return 0;
		if ((nl = memchr(buf, '\n', (size_t)n)))
			return at + (uint64_t)(nl - buf) + 1;
		at += (uint64_t)n;
	}
	return 0;
}

static int
online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("FOCAL_THREADS");
	if (env && *env)
		n = strtol(env, NULL, 10);
	return n < 1 ? 1 : (int)n;
}

enum load_result
load_file(struct store *st, const char *path, const struct load_opts *opts, char *err, size_t errlen)
{
	struct loader L;
	struct stream S;
	struct reader r = {0};
	struct shard sh;
	uint64_t total = 0, bytes = 0, split = 0;
	int fd, sharded = 0;
	struct stat sb;

	memset(&L, 0, sizeof L);
	L.st = st;
	L.opts = opts;
	L.path = path;
	L.err = err;
	L.errlen = errlen;
	L.line = 1;
	err[0] = '\0';

	if (strcmp(path, "-") == 0) {
		fd = dup(0);
		L.path = "(stdin)";
	} else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int cancel = errno == EINTR && opts->cancel && *opts->cancel;	/* a FIFO with no writer yet */
		snprintf(err, errlen, "%s: %s", path, cancel ? "loading cancelled" : strerror(errno));
		return cancel ? LOAD_CANCELLED : LOAD_FILE_ERROR;
	}
	if (fstat(fd, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			close(fd);
			snprintf(err, errlen, "%s: is a directory", path);
			return LOAD_FILE_ERROR;
		}
		if (S_ISREG(sb.st_mode))
			total = (uint64_t)sb.st_size;
	}
	/* a store saved by `focal save`: known by its header, not its name */
	if (S_ISREG(sb.st_mode) && strcmp(path, "-") != 0 && store_save_is_sqlite(fd)) {
		close(fd);
		if (opts->validator) {	/* it holds values, not the records to check */
			snprintf(err, errlen, "%s: a saved store cannot be validated (validate the files it was saved from)",
			    path);
			return LOAD_FILE_ERROR;
		}
		return store_open_saved(st, path, err, errlen) == 0 ? LOAD_OK : LOAD_FILE_ERROR;
	}
	/* one thread when order of problems matters or nothing can be split */
	if (S_ISREG(sb.st_mode) && strcmp(path, "-") != 0 && !opts->strict && !opts->validator &&
	    online_cpus() > 1)
		split = split_point(fd, total);
	r.fd = fd;
	r.cancel = opts->cancel;
	if (!S_ISREG(sb.st_mode) || strcmp(path, "-") == 0 || is_gzip(fd)) {
		r.gz = gzdopen(fd, "rb");
		if (r.gz == NULL) {
			close(fd);
			snprintf(err, errlen, "%s: cannot open (out of memory)", path);
			return LOAD_FILE_ERROR;
		}
		gzbuffer(r.gz, READ_CHUNK);
	}
	r.limit = UINT64_MAX;	/* the first half ends at split once the header is read */
	L.file = store_add_file(st, L.path);
	stream_init(&S, opts->validator != NULL);
	S.total = total;

	if (split) {
		/* the header first, so the shard knows the columns */
		char *nl;
		int n = reader_read(&r, S.chunk, READ_CHUNK);
		if (n > 0 && (nl = memchr(S.chunk, '\n', (size_t)n)) && !memchr(S.chunk, '\0', (size_t)n)) {
			/* hand the header line to the parser, keep the rest for feed() */
			size_t hl = (size_t)(nl - S.chunk) + 1;
			L.rec_line = 1;
			if (csv_parse(&S.p, S.chunk, hl, on_field, on_record, &L) == hl && L.header_done &&
			    S.p.pstate == 0) {
				if (hl >= 2 && S.chunk[hl - 2] == '\r')
					deviate(&L, DEV_CRLF, 0);	/* feed() sees the lines after it */
				L.line = 2;
				S.at_line_start = 1;
				bytes = hl;
				reader_seek(&r, hl);
				r.limit = split;
				/* rows of both halves land in one allocation */
				{
					/* guess the row count from the newlines of the first chunk */
					uint64_t lines = 0;
					for (char *q = S.chunk; (q = memchr(q, '\n', (size_t)(S.chunk + n - q))); q++)
						lines++;
					if (lines > 1 && (uint64_t)n > hl)
						store_reserve_rows(st, store_nrows(st) +
						    (size_t)((total - hl) * (lines - 1) / ((uint64_t)n - hl) * 21 / 20));
				}
				if (shard_start(&sh, &L, path, split) == 0)
					sharded = 1;
			}
		}
		if (!sharded && !L.stop) {
			/* could not split: start over on one thread */
			stream_free(&S);
			loader_free(&L);
			memset(&L, 0, sizeof L);
			L.st = st;
			L.opts = opts;
			L.path = path;
			L.err = err;
			L.errlen = errlen;
			L.line = 1;
			L.file = store_nfiles(st) - 1;
			stream_init(&S, opts->validator != NULL);
			S.total = total;
			reader_seek(&r, 0);
			bytes = 0;
		}
	}
	L.shard_rows_scale = sharded;
	if (!L.stop)
		bytes += feed(&L, &S, &r, !sharded, 1);
	if (sharded) {
		if (!L.stop && S.p.pstate == 0 && S.at_line_start) {
			/* the split fell between records: the shard's rows follow ours */
			shard_end(&sh);
			shard_merge(&L, &sh);
			bytes = total;
		} else {
			/* inside a quoted field, or we stopped: read on alone */
			sh.abort = 1;
			shard_end(&sh);
			store_free(sh.L.st);
			L.shard_rows_scale = 0;
			if (!L.stop) {
				r.limit = UINT64_MAX;
				bytes += feed(&L, &S, &r, 0, 1);
			}
		}
	}
	if (!L.stop && r.gz) {
		int zerr;
		gzerror(r.gz, &zerr);
		if (zerr == Z_BUF_ERROR)
			file_error(&L, "truncated gzip file (unexpected end of compressed data)");
	}
	stream_finish(&L, &S);
	if (!L.stop && !L.header_done) {
		if (bytes == 0)
			file_error(&L, "empty file (no header line)");
		else
			file_error(&L, "no complete header line");
	}
	if (opts->progress)
		opts->progress(opts->progress_ctx, L.path, total ? total : bytes, total, L.rows);
	flush_deviations(&L);
	store_file_set_stats(st, L.file, L.rows, L.rejected, bytes);
	if (L.result == LOAD_OK && L.rows == 0 && L.header_done)
		store_note(st, "%s: no data rows", L.path);

	stream_free(&S);
	if (r.gz)
		gzclose(r.gz);
	else
		close(fd);
	loader_free(&L);
	return L.result;
}
