/* fuzz_profile.c - provider profiles (profile_parse), and what focal then
 * does with a profile it accepted: store_finish matches its provider and
 * meter rules (fnmatch) against a small fixture, the drill path is parsed as
 * dimensions and queried, the what-if model reads its flex rates, token price
 * and thresholds, and the Autodesk importer its prices and [defaults]. */
#include "fuzz_common.h"

#include "import.h"

static int fd_a = -1, fd_b = -1;
static char path_a[64], path_b[64];
static char subs[4096], usage[4096];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n;
	char *text;

	(void)argc, (void)argv;
	fz_load_profiles();
	/* fixture: tests/autodesk/seats.csv and the first 16 lines of the sample */
	fd_a = fz_memfd("seats.csv", path_a);
	text = fz_read_src("tests/autodesk/seats.csv", &n);
	fz_fill(fd_a, text, n);
	free(text);
	fd_b = fz_memfd("sample-head.csv", path_b);
	text = fz_sample_head(16, &n);
	fz_fill(fd_b, text, n);
	free(text);
	snprintf(subs, sizeof subs, "%s/tests/autodesk/subscriptions.csv", fz_srcdir());
	snprintf(usage, sizeof usage, "%s/tests/autodesk/usage.csv", fz_srcdir());
	return 0;
}

static void
ignore_note(void *ctx, const char *msg)
{
	char clean[800];
	(void)ctx;
	text_sanitize(msg, clean, sizeof clean, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024], clean[1100];
	struct profile *p = profile_parse((const char *)data, size, "fuzz.profile", err, sizeof err);
	struct store *s;
	struct load_opts lo = {0};
	const struct profile *list[2];

	if (p == NULL) {
		text_sanitize(err, clean, sizeof clean, 0);
		return 0;
	}
	/* lookups the explorer and the importer make */
	for (int i = 0; i < p->nmeters; i++)
		FZ_CHECK(profile_meter(p, p->meters[i].id) != NULL, "meter %d not found by its id", i);
	for (int i = 0; i < p->nprices; i++)
		if (p->prices[i].product)
			profile_price(p, p->prices[i].product, p->prices[i].term, p->prices[i].effective);

	s = store_new();
	load_file(s, path_a, &lo, err, sizeof err);
	load_file(s, path_b, &lo, err, sizeof err);
	list[0] = p;
	list[1] = fz_prof[1];
	store_finish(s, list, 2);
	for (int i = 0; i < p->ndrill; i++) {
		struct dim d;
		struct qresult r;
		struct report_opts ro = {0};
		const char *names[1] = {p->drill[i]};
		if (dim_parse(s, p->drill[i], GRAIN_MONTH, &d, err, sizeof err) != 0)
			continue;
		query_run(s, &d, 1, NULL, 0, &r);
		qresult_sort(s, &r, M_EFFECTIVE, QSORT_VALUE, 0);
		ro.format = (enum report_format)(i % 3);
		ro.by_names = names;
		report_print(fz_null(), s, &r, &ro);
		qresult_free(&r);
	}
	{
		struct whatif_model m;
		struct whatif_suggestion *sug = NULL;
		struct whatif_scenario sc;
		struct whatif_result r;
		size_t ns;
		whatif_products(s, p, DATE_NULL, &m);
		ns = whatif_suggest(&m, &sug);
		whatif_scenario_init(&sc, &m);
		for (size_t k = 0; k < ns; k++)
			whatif_suggestion_apply(&m, &sc, &sug[k]);
		whatif_compute(&m, &sc, &r);
		whatif_result_free(&r);
		whatif_scenario_free(&sc);
		free(sug);
		whatif_model_free(&m);
	}
	fz_problems(s);
	store_free(s);
	{
		struct import_opts io = {0};
		io.subscriptions = subs;
		io.usage = usage;
		io.profile = p;
		io.as_of = days_from_civil(2026, 3, 15) * 86400;
		io.note = ignore_note;
		import_autodesk(&io, fz_null(), err, sizeof err);
	}
	profile_free(p);
	return 0;
}
