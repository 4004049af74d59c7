/* fuzz_renewals.c - the renewal calendar, the prepaid runway and the seat
 * activity of a fuzzed FOCUS file, as `focal renewals` and `focal runway`
 * build them, with the invariants their tables rest on: renewals in date
 * order inside the window, cuts within the seats; every token bought is
 * used, expired or left (conservation), the last month's balance is the
 * balance, projections never negative. */
#include "fuzz_common.h"
#include "renewals.h"
#include "runway.h"
#include "seatact.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_load_profiles();
	fd = fz_memfd("fuzz-renewals.csv", path);
	return 0;
}

static void
calendar(const struct store *s, const struct whatif_model *m, int days)
{
	struct renewal *r;
	size_t n = renewals_list(m, days, &r);
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		FZ_CHECK(r[i].date > m->as_of && r[i].date <= m->as_of + (int64_t)days * 86400,
		    "renewal %zu outside the window", i);
		FZ_CHECK(i == 0 || r[i - 1].date <= r[i].date, "renewals out of date order at %zu", i);
		FZ_CHECK(r[i].cut >= 0 && r[i].cut <= r[i].seats, "cut %lld of %lld seats", r[i].cut, r[i].seats);
		renewals_rules_text(r[i].rules, buf, sizeof buf);
		if (i < 4) {
			struct seat_month *sm;
			size_t k = seat_activity(s, m->p[r[i].product].name, m->as_of, 12, &sm);
			for (size_t j = 0; j < k; j++) {
				seat_bar(sm[j].active, sm[j].seats, 20, (int)(j & 1), buf, sizeof buf);
				FZ_CHECK(j == 0 || sm[j - 1].month < sm[j].month, "activity months out of order");
			}
			free(sm);
		}
	}
	free(r);
}

static void
runway(const struct store *s, int64_t as_of, int window)
{
	struct runway rw;
	runway_build(s, as_of, window, &rw);
	for (size_t i = 0; i < rw.n; i++) {
		const struct runway_currency *c = &rw.c[i];
		money_t out = money_add(money_add(c->used - c->uncovered, c->expired), c->balance);
		if (c->bought != MONEY_NULL && c->used != MONEY_NULL && c->uncovered != MONEY_NULL &&
		    c->expired != MONEY_NULL && out != MONEY_NULL)
			FZ_CHECK(out == c->bought, "currency %zu: bought is not used + expired + left", i);
		FZ_CHECK(c->balance >= 0 || c->balance == MONEY_NULL, "currency %zu: negative balance", i);
		FZ_CHECK(c->will_expire >= 0 || c->will_expire == MONEY_NULL, "currency %zu: negative expiry", i);
		if (c->nperiods && c->balance != MONEY_NULL && c->period[c->nperiods - 1].balance != MONEY_NULL)
			FZ_CHECK(c->period[c->nperiods - 1].balance == c->balance, "currency %zu: last month's balance", i);
	}
	runway_free(&rw);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = store_new();
	struct load_opts lo = {0};
	char err[1024];

	fz_fill(fd, data, size);
	if (load_file(s, path, &lo, err, sizeof err) == LOAD_OK) {
		struct whatif_model m;
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		whatif_products(s, store_profile(s), DATE_NULL, &m);
		calendar(s, &m, 90);
		calendar(s, &m, 3650);
		whatif_model_free(&m);
		runway(s, DATE_NULL, 90);
		runway(s, DATE_NULL, 1);
	}
	store_free(s);
	return 0;
}
