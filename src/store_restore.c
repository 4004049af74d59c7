/* store_restore.c - the checks of a saved store's contents, apart from
 * SQLite: a column's definition, its dictionary, its coded rows and its
 * amounts, each checked before it reaches the store.
 *
 * store_open.c reads the focal_* tables and BLOBs of a file (SQLite's part)
 * and hands what it read here (focal's part). Kept apart so the checks can
 * be fuzzed at parser speed (tests/fuzz/fuzz_store_parts.c) without an
 * SQLite file per input. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "store.h"
#include "store_save.h"
#include "value.h"

/* "column NAME: WHAT" into err; -1 */
static int
why(char *err, size_t errlen, const char *name, const char *what)
{
	snprintf(err, errlen, "column %s: %s", name, what);
	return -1;
}

int
restore_column(struct store *s, int version, const struct saved_column *sc, int *col, char *err,
    size_t errlen)
{
	int64_t fc = sc->focus, kind = sc->kind, w = sc->width, dec = sc->decimals, ncodes = sc->ncodes;
	const char *name = sc->name, *what = NULL;
	if (sc->id >= 4096)
		what = "focal_column ids are not 0, 1, 2, ...";
	else if (name == NULL || *name == '\0' || strcmp(name, "meter") == 0 || store_find_column(s, name) >= 0)
		what = "a column name missing or repeated";
	else if (fc < FC_CUSTOM || fc >= FC_COUNT || kind < COL_DIM || kind > COL_METRIC)
		what = "unknown kind";
	else if (kind == COL_METRIC ? w != (int64_t)sizeof(money_t) && (w != 8 || version < 2) :
	    (w != 1 && w != 2 && w != 4))
		what = "bad width";
	else if (!sc->decimals_integer || dec < 0 || dec > MONEY_DIGITS || (dec != 0 && (kind != COL_METRIC || w != 8)))
		what = "bad decimals";
	else if (ncodes < 1 || ncodes > (kind == COL_METRIC ? 1 : (int64_t)UINT32_MAX - 1))
		what = "bad number of codes";
	if (what) {
		snprintf(err, errlen, "column %d ('%.200s'): %s", (int)sc->id, name ? name : "", what);
		return -1;
	}
	*col = store_column(s, name, (enum focus_col)fc, (enum col_kind)kind);
	if (kind == COL_METRIC)
		store_restore_money_form(s, *col, w != 8, (int)dec);
	return 0;
}

int
restore_dict(struct store *s, int c, const uint32_t *lens, size_t n, const char *bytes, const int64_t *epoch,
    char *err, size_t errlen)
{
	int date = store_column_kind(s, c) == COL_DATE;
	int tags = strcmp(store_column_name(s, c), "Tags") == 0;
	const char *name = store_column_name(s, c);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		int isnew;
		if (memchr(bytes + at, '\0', lens[i]))
			return why(err, errlen, name, "a NUL byte in a value");
		if (store_intern(s, c, bytes + at, lens[i], &isnew) != i + 1 || !isnew)
			return why(err, errlen, name, "a value repeated in its dictionary");
		if (tags && json_check(store_label(s, c, (uint32_t)(i + 1)), NULL, NULL) != 0)
			return why(err, errlen, name, "a value that is not valid JSON");
		if (date && epoch[i] != DATE_NULL && (epoch[i] < -62167219200LL || epoch[i] > 253402300799LL))
			return why(err, errlen, name, "a date-time out of range");
		if (date)
			store_set_code_epoch(s, c, (uint32_t)(i + 1), epoch[i]);
		at += lens[i];
	}
	return 0;
}

/* dst[r0 + i] = src[i] for k codes, each checked against its dictionary
 * (one loop per pair of widths: this is most of a reopen). */
#define COPY_CODES(DT, ST) do { \
		DT *d_ = (DT *)out + r0; \
		const ST *s_ = src; \
		ST bad_ = 0; \
		for (size_t i_ = 0; i_ < k; i_++) { \
			bad_ |= (ST)(s_[i_] >= max); \
			d_[i_] = (DT)s_[i_]; \
		} \
		ok = bad_ == 0; \
	} while (0)

void *
restore_codes_place(struct store *s, int c, int saved_width, size_t r0, void *tmp)
{
	int dw = store_codes(s, c).width;
	return saved_width == dw ? (char *)store_column_rows(s, c) + r0 * (size_t)dw : tmp;
}

int
restore_codes(struct store *s, int c, int saved_width, uint32_t max, size_t r0, size_t k, const void *src,
    char *err, size_t errlen)
{
	int dw = store_codes(s, c).width, ok = 0;
	void *out = store_column_rows(s, c);
	switch (dw * 10 + saved_width) {
	case 11: COPY_CODES(uint8_t, uint8_t); break;
	case 12: COPY_CODES(uint8_t, uint16_t); break;
	case 14: COPY_CODES(uint8_t, uint32_t); break;
	case 21: COPY_CODES(uint16_t, uint8_t); break;
	case 22: COPY_CODES(uint16_t, uint16_t); break;
	case 24: COPY_CODES(uint16_t, uint32_t); break;
	case 41: COPY_CODES(uint32_t, uint8_t); break;
	case 42: COPY_CODES(uint32_t, uint16_t); break;
	default: COPY_CODES(uint32_t, uint32_t); break;
	}
	return ok ? 0 : why(err, errlen, store_column_name(s, c), "a row's code is past its dictionary");
}
#undef COPY_CODES

int
restore_money(struct store *s, int c, int width, size_t r0, size_t k, char *err, size_t errlen)
{
	const money_t *m = (const money_t *)store_column_rows(s, c) + r0;
	const money_t lim = (money_t)10000000000000000000ULL * (money_t)1000000000000000000LL;	/* 10^37 */
	if (width == 8) {
		/* narrow: any count of 10^-decimals in 64 bits is an amount */
		store_restore_money_done(s, c, r0, k);
		return 0;
	}
	for (size_t i = 0; i < k; i++)
		if (m[i] != MONEY_NULL && (m[i] >= lim || m[i] <= -lim))
			return why(err, errlen, store_column_name(s, c), "an amount out of range");
	return 0;
}
