/* fuzz_csv_fields.c - the loader's record side alone: the input goes through
 * load_lines_feed (libcsv a physical line at a time, as load_file reads a
 * chunk) into load_row.c's header binding and per-field conversion (NULL
 * spellings, lenient decimals and dates, Tags through SQLite, rejects and
 * deviations), without files, zlib, threads, store_finish or queries: the
 * light half of fuzz_csv. A quarter of the inputs load in --strict mode.
 *
 * What made the CSV targets slow is done once or made small here: libcsv's
 * growth step is 256 bytes (load_csv_block; 1 MiB in focal, a fresh mapping
 * per input under AddressSanitizer), there is no 256 KiB read chunk or zlib,
 * and one store serves every input (store_reset: opening SQLite and creating
 * its tables was 40% of the time).
 *
 * Beyond the sanitizers: the lines are counted as the file has them, and
 * there are no more rows and rejections than line ends (CR or LF); the
 * store holds the rows and rejections the loader counted; each column bound is a
 * FOCUS name as focal spells it or the name as written, once; every amount
 * kept formats and parses back to itself, every date to the same instant;
 * fed in two pieces split anywhere (a CRLF too), the load counts the same
 * rows, rejections, lines and deviations, first seen on the same lines. */
#include "fuzz_common.h"

#include "load_int.h"

static struct store *st;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	load_csv_block = 256;
	st = store_new();
	return 0;
}

static void
check_columns(const struct store *s)
{
	for (int c = 0; c < store_ncolumns(s); c++) {
		const char *name = store_column_name(s, c);
		enum focus_col fc = store_column_focus(s, c);
		FZ_CHECK(store_find_column(s, name) == c, "column '%s' is bound twice", name);
		if (fc != FC_CUSTOM)
			FZ_CHECK(!strcmp(name, focus_columns[fc].name), "'%s' bound as %s", name, focus_columns[fc].name);
		if (store_column_kind(s, c) == COL_DATE)
			for (uint32_t k = 1; k < store_ncodes(s, c); k++) {
				int64_t t = store_code_epoch(s, c, k), back;
				char buf[21];
				unsigned dev = 0;
				if (t == DATE_NULL)
					continue;
				date_format(t, buf);
				FZ_CHECK(date_parse(buf, strlen(buf), &back, &dev) == 0 && back == t && dev == 0,
				    "%s '%s' is %s, which does not read back", name, store_label(s, c, k), buf);
			}
	}
}

static void
check_amounts(const struct store *s)
{
	for (int c = 0; c < store_ncolumns(s); c++) {
		if (store_column_kind(s, c) != COL_METRIC)
			continue;
		for (size_t r = 0; r < store_nrows(s); r++) {
			char buf[96];
			money_t back, m = store_money(s, c, r);
			unsigned dev = 0;
			if (m == MONEY_NULL)
				continue;
			money_format(m, -1, 0, 0, buf, sizeof buf);
			FZ_CHECK(money_parse(buf, strlen(buf), &back, &dev) == 0 && back == m && dev == 0,
			    "amount %s of row %zu does not read back", buf, r);
		}
	}
}

/* What a load said, to compare a load fed in one piece with one fed in two. */
struct said {
	uint64_t rows, rejected, dev_count[DEV_COUNT];
	unsigned long line, dev_line[DEV_COUNT];
	int stop;
};

/* Loads data into the store, fed at split (size: in one piece), as
 * load_file feeds chunks that end anywhere, even between '\r' and '\n'. */
static void
load_into(struct loader *L, const uint8_t *data, size_t size, size_t split, struct said *out)
{
	struct load_lines ln;
	load_lines_init(&ln, 0);
	load_lines_feed(L, &ln, (const char *)data, split);
	if (split < size)
		load_lines_feed(L, &ln, (const char *)data + split, size - split);
	load_lines_finish(L, &ln);
	load_flush_deviations(L);
	csv_free(&ln.p);
	memset(out, 0, sizeof *out);
	out->rows = L->rows;
	out->rejected = L->rejected;
	out->line = L->line;
	out->stop = L->stop;
	for (int d = 0; d < DEV_COUNT; d++) {
		out->dev_count[d] = L->dev_count[d];
		out->dev_line[d] = L->dev_line[d];
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = st;
	struct load_opts lo = {0};
	struct loader L;
	struct said whole, two;
	char err[1024];
	unsigned long lines = 1, ends = 1;	/* libcsv also ends a record at a CR */
	size_t split = size ? (size_t)(data[size - 1] * 131u + size) % size : 0;

	lo.strict = size % 4 == 1;
	loader_init(&L, s, "fuzz.csv", &lo, err, sizeof err);
	L.file = store_add_file(s, L.path);
	load_into(&L, data, size, size, &whole);
	for (size_t i = 0; i < size; i++) {
		lines += data[i] == '\n';
		ends += data[i] == '\n' || data[i] == '\r';
	}
	FZ_CHECK(L.stop || L.line == lines, "line %lu at the end of %lu lines", L.line, lines);
	FZ_CHECK(L.rows + L.rejected <= ends, "%llu rows and %llu rejected in %lu lines",
	    (unsigned long long)L.rows, (unsigned long long)L.rejected, ends);
	FZ_CHECK(store_nrows(s) == L.rows && store_nrejects(s) == L.rejected, "the store holds %zu rows, %llu rejects",
	    store_nrows(s), (unsigned long long)store_nrejects(s));
	check_columns(s);
	check_amounts(s);
	fz_problems(s);
	loader_free(&L);
	store_reset(s);

	/* the same input fed in two chunks says the same (after a stop, which
	 * fails the load, only that it stopped where it did) */
	loader_init(&L, s, "fuzz.csv", &lo, err, sizeof err);
	L.file = store_add_file(s, L.path);
	load_into(&L, data, size, split, &two);
	FZ_CHECK(two.rows == whole.rows && two.rejected == whole.rejected && two.stop == whole.stop &&
	    (whole.stop || two.line == whole.line),
	    "fed in two at byte %zu: %llu rows, %llu rejected, line %lu (in one: %llu, %llu, %lu)", split,
	    (unsigned long long)two.rows, (unsigned long long)two.rejected, two.line,
	    (unsigned long long)whole.rows, (unsigned long long)whole.rejected, whole.line);
	for (int d = 0; d < DEV_COUNT && !whole.stop; d++)
		FZ_CHECK(two.dev_count[d] == whole.dev_count[d] && two.dev_line[d] == whole.dev_line[d],
		    "fed in two at byte %zu: deviation %d x%llu first at line %lu (in one: x%llu, %lu)", split, d,
		    (unsigned long long)two.dev_count[d], two.dev_line[d], (unsigned long long)whole.dev_count[d],
		    whole.dev_line[d]);
	loader_free(&L);
	store_reset(s);
	return 0;
}
