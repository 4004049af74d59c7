/* load.c - FOCUS CSV into the store.
 *
 * Input is read through zlib (plain files pass through unchanged) and fed to
 * libcsv one physical line at a time, so every record knows the line it
 * starts on; a bad record is rejected with file, line, column and reason and
 * loading goes on. Nothing is read twice and no whole file is held. */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <zlib.h>

#include "focus.h"
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
	/* scratch for validate */
	const char **vfields;
};

static void *
bounded_realloc(void *p, size_t n)
{
	/* libcsv grows its field buffer without limit; refuse past our maximum */
	if (n > LOAD_MAX_FIELD + 1024)
		return NULL;
	return realloc(p, n);
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;	/* keep values exactly as written; we trim and count ourselves */
}

static void
deviate(struct loader *L, enum value_dev d, int field)
{
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

static void
on_field(void *data, size_t n, void *ctx)
{
	struct loader *L = ctx;
	if (L->stop)
		return;
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
}

/* Is this field NULL in the CSV sense? Counts the spelling used. */
static int
field_null(struct loader *L, int i, const char *v, size_t n)
{
	if (L->isnull[i])
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
		if (store_tags_parse(L->st, code, v, why, sizeof why) != 0)
			info |= INFO_INVALID;
	}
	return info | (dev & INFO_DEVS);
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
	if (L->opts->validator) {
		for (int i = 0; i < L->nf; i++) {
			const char *v = L->buf + L->off[i];
			int null = L->isnull[i] || (L->len[i] == 4 && (!memcmp(v, "NULL", 4) || !memcmp(v, "null", 4)));
			L->vfields[i] = null ? NULL : v;
		}
		validate_row(L->opts->validator, L->rec_line, L->nf, L->vfields);
	}
	for (int i = 0; i < L->nf && ok; i++) {
		struct binding *b = &L->b[i];
		const char *v = L->buf + L->off[i];
		size_t n = L->len[i];
		unsigned dev = 0;

		if (b->col < 0)
			continue;
		if (field_null(L, i, v, n))
			continue;
		if (b->kind == COL_METRIC) {
			money_t m;
			int rc;
			if (all_space(v, n)) {
				deviate(L, DEV_SPACE, i + 1);
				continue;
			}
			rc = money_parse(v, n, &m, &dev);
			if (rc != 0) {
				reject(L, i + 1, v, n, rc == -2 ? "number out of range" :
				    "expected a decimal number (FOCUS NumericFormat, e.g. 1234.5 or -1.2E-3)");
				ok = 0;
				break;
			}
			deviate_bits(L, dev, i + 1);
			store_put_money(L->st, b->col, m);
		} else {
			/* Everything else is kept as written, and each distinct value
			 * is checked once: the answer is remembered per code. */
			uint32_t code, info;
			if ((b->kind == COL_DATE || b->type == FT_DECIMAL) && all_space(v, n)) {
				deviate(L, DEV_SPACE, i + 1);
				continue;
			}
			code = store_intern(L->st, b->col, v, n, NULL);
			info = store_code_info(L->st, b->col, code);
			if (!(info & INFO_CHECKED)) {
				info = check_value(L, b, code, v, n);
				store_set_code_info(L->st, b->col, code, info);
			}
			deviate_bits(L, info & INFO_DEVS, i + 1);
			if (info & INFO_INVALID) {
				if (b->kind == COL_DATE && b->placement) {
					reject(L, i + 1, v, n, "expected a date-time like 2024-01-01T00:00:00Z");
					ok = 0;
					break;
				}
				if (b->fc == FC_Tags) {
					reject(L, i + 1, v, n, "Tags is not a JSON object (FOCUS KeyValueFormat)");
					ok = 0;
					break;
				}
				/* ChargePeriodEnd, a unit price...: kept as written, noted */
				deviate(L, b->kind == COL_DATE ? DEV_BAD_DATE : DEV_BAD_NUMBER, i + 1);
			}
			store_put_code(L->st, b->col, code);
		}
	}
	if (ok && !L->stop) {
		if (L->rows >= UINT32_MAX)
			file_error(L, "more than 4 billion rows");
		else {
			store_commit_row(L->st, L->file, (uint32_t)L->rec_line);
			L->rows++;
		}
	} else
		store_discard_row(L->st);
done:
	L->nf = 0;
	L->buflen = 0;
	L->too_big = 0;
}

static void
flush_deviations(struct loader *L)
{
	for (int d = 0; d < DEV_COUNT; d++)
		if (L->dev_count[d])
			store_deviation(L->st, L->file, (enum value_dev)d, L->dev_count[d], L->dev_line[d],
			    L->dev_field[d]);
}

static void
parser_init(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		fatal("cannot initialise the CSV parser");
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
	parser_init(p);
	L->nf = 0;
	L->buflen = 0;
	L->too_big = 0;
}

enum load_result
load_file(struct store *st, const char *path, const struct load_opts *opts, char *err, size_t errlen)
{
	struct loader L;
	struct csv_parser p;
	gzFile gz;
	char *chunk;
	uint64_t total = 0, bytes = 0, next_progress = PROGRESS_EVERY;
	int fd, skip_to_eol = 0, at_line_start = 1, eof_error = 0;
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
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return LOAD_FILE_ERROR;
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
	gz = gzdopen(fd, "rb");
	if (gz == NULL) {
		close(fd);
		snprintf(err, errlen, "%s: cannot open (out of memory)", path);
		return LOAD_FILE_ERROR;
	}
	gzbuffer(gz, READ_CHUNK);
	L.file = store_add_file(st, L.path);
	parser_init(&p);
	chunk = xmalloc(READ_CHUNK);

	for (;;) {
		int n = gzread(gz, chunk, READ_CHUNK);
		char *c, *end;
		if (n < 0) {
			int zerr;
			const char *msg = gzerror(gz, &zerr);
			file_error(&L, "%s", zerr == Z_ERRNO ? strerror(errno) :
			    zerr == Z_DATA_ERROR ? "corrupt gzip data" : msg);
			break;
		}
		if (n == 0)
			break;
		if (bytes == 0 && memchr(chunk, '\0', (size_t)n < 4096 ? (size_t)n : 4096)) {
			/* NUL bytes: binary, or UTF-16 text; FOCUS CSV is UTF-8 */
			file_error(&L, "not a CSV text file (binary data in the first bytes)");
			break;
		}
		bytes += (uint64_t)n;
		c = chunk;
		end = chunk + n;
		while (c < end && !L.stop) {
			char *nl = memchr(c, '\n', (size_t)(end - c));
			char *seg_end = nl ? nl + 1 : end;
			size_t seglen = (size_t)(seg_end - c);

			if (at_line_start) {
				if (p.pstate == 0) {
					L.rec_line = L.line;
					if (*c == '\n' || (*c == '\r' && c + 1 < end && c[1] == '\n'))
						deviate(&L, DEV_BLANK_LINE, 0);
				}
				at_line_start = 0;
			}
			if (!skip_to_eol && csv_parse(&p, c, seglen, on_field, on_record, &L) != seglen) {
				parser_recover(&L, &p);
				skip_to_eol = 1;	/* resume at the next line */
			}
			if (nl) {
				if (nl > chunk && nl[-1] == '\r' && p.pstate == 0 && L.dev_count[DEV_CRLF] == 0)
					deviate(&L, DEV_CRLF, 0);
				L.line++;
				at_line_start = 1;
				skip_to_eol = 0;
			}
			c = seg_end;
		}
		if (L.stop)
			break;
		if (opts->cancel && *opts->cancel) {
			L.result = LOAD_CANCELLED;
			L.stop = 1;
			snprintf(err, errlen, "%s: loading cancelled", L.path);
			break;
		}
		if (opts->progress && bytes >= next_progress) {
			z_off_t off = gzoffset(gz);
			opts->progress(opts->progress_ctx, L.path, off > 0 ? (uint64_t)off : bytes, total, L.rows);
			next_progress = bytes + PROGRESS_EVERY;
		}
	}
	if (!L.stop) {
		int zerr;
		gzerror(gz, &zerr);
		if (zerr == Z_BUF_ERROR) {
			eof_error = 1;
			file_error(&L, "truncated gzip file (unexpected end of compressed data)");
		}
	}
	if (!L.stop) {
		/* the last record may lack a final newline */
		if (csv_fini(&p, on_field, on_record, &L) != 0 && !L.stop)
			reject(&L, L.nf + 1, NULL, 0, "unterminated quoted field at end of file");
	}
	(void)eof_error;
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

	csv_free(&p);
	gzclose(gz);
	free(chunk);
	free(L.buf);
	free(L.off);
	free(L.len);
	free(L.isnull);
	free(L.vfields);
	for (int i = 0; i < L.ncols; i++) {
		free(L.b[i].name);
	}
	free(L.b);
	return L.result;
}
