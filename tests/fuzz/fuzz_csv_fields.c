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
 * kept formats and parses back to itself, every date to the same instant. */
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = st;
	struct load_opts lo = {0};
	struct loader L;
	struct load_lines ln;
	char err[1024];
	unsigned long lines = 1, ends = 1;	/* libcsv also ends a record at a CR */

	lo.strict = size % 4 == 1;
	loader_init(&L, s, "fuzz.csv", &lo, err, sizeof err);
	L.file = store_add_file(s, L.path);
	load_lines_init(&ln, 0);
	load_lines_feed(&L, &ln, (const char *)data, size);
	load_lines_finish(&L, &ln);
	load_flush_deviations(&L);
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
	csv_free(&ln.p);
	loader_free(&L);
	store_reset(s);
	return 0;
}
