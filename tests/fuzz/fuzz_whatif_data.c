/* fuzz_whatif_data.c - the seat what-if model read from a fuzzed FOCUS file,
 * as `focal whatif FILE` and the explorer's what-if panel build it: seat
 * products, lots, terms, prices and x_ seat activity (whatif_products), the
 * suggestions, the arithmetic, and the --seats spec of a scenario read back. */
#include "fuzz_common.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_load_profiles();
	fd = fz_memfd("fuzz-whatif.csv", path);
	return 0;
}

/* Can a --seats spec name every product unambiguously? (commas, '=' and
 * names equal but for case are a limit of the spec syntax, not a bug) */
static int
labels_simple(const struct whatif_model *m)
{
	for (size_t i = 0; i < m->n; i++) {
		const unsigned char *l = (const unsigned char *)m->p[i].label;
		size_t n = strlen((const char *)l);
		if (n == 0 || n > 200 || l[0] <= ' ' || l[n - 1] <= ' ')
			return 0;
		for (; *l; l++)
			if (*l == ',' || *l == '=' || *l == '#' || *l < 0x20 || *l == 0x7f)
				return 0;
		for (size_t j = 0; j < m->n; j++)
			if (j != i && !strcasecmp(m->p[i].label, m->p[j].label))
				return 0;
	}
	return 1;
}

static void
exercise_model(struct whatif_model *m, unsigned seed)
{
	struct whatif_scenario sc, back;
	struct whatif_result r;
	struct whatif_suggestion *sug = NULL;
	size_t ns;
	char err[1400];

	whatif_scenario_init(&sc, m);
	ns = whatif_suggest(m, &sug);
	for (size_t k = 0; k < ns; k++)
		if ((seed >> (k % 8)) & 1)
			whatif_suggestion_apply(m, &sc, &sug[k]);
	free(sug);
	for (size_t i = 0; i < m->n; i++) {
		switch ((seed + i) % 4) {
		case 0:
			whatif_scenario_step(m, &sc, i, -1, err, sizeof err);
			break;
		case 1:
			whatif_scenario_apply(m, &sc, i, "-10% flex 3.5", err, sizeof err);
			break;
		case 2:
			whatif_scenario_apply(m, &sc, i, "+2", err, sizeof err);
			break;
		default:
			whatif_scenario_set(m, &sc, i, 0, money_from_int(1), err, sizeof err);
			break;
		}
	}
	whatif_compute(m, &sc, &r);
	for (int k = 0; k < 14; k++)
		whatif_saving_at(m, &sc, SIZE_MAX, calendar_add_months(m->next_month, k - 1));
	for (size_t i = 0; i < m->n; i++) {
		char e2[256];
		whatif_saving_at(m, &sc, i, m->next_month);
		whatif_find(m, m->p[i].label, e2, sizeof e2);
		whatif_find(m, m->p[i].name, e2, sizeof e2);
	}
	whatif_result_free(&r);

	/* the scenario as a --seats spec reads back as the same scenario */
	{
		char *spec = whatif_scenario_spec(m, &sc);
		whatif_scenario_init(&back, m);
		if (labels_simple(m) && *spec) {	/* an empty spec is a usage error */
			int rc = whatif_scenario_parse(m, spec, &back, err, sizeof err);
			FZ_CHECK(rc == 0, "spec '%s' does not parse: %s", spec, err);
			for (size_t i = 0; i < m->n; i++) {
				long long a = whatif_seats(m, &sc, i), b = whatif_seats(m, &back, i);
				FZ_CHECK(a == b, "spec '%s': product %zu has %lld seats, read back %lld", spec, i, a, b);
				FZ_CHECK((sc.c[i].set ? sc.c[i].flex_days : 0) == (back.c[i].set ? back.c[i].flex_days : 0),
				    "spec '%s': flex days of product %zu", spec, i);
			}
		}
		free(spec);
		whatif_scenario_free(&back);
	}
	whatif_scenario_free(&sc);
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
		const struct profile *p;
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		p = store_profile(s);
		/* as of the latest seat charge, then a month before it */
		whatif_products(s, p, DATE_NULL, &m);
		exercise_model(&m, (unsigned)size);
		if (m.as_of != DATE_NULL) {
			int64_t earlier = calendar_add_months(m.as_of, -1);
			whatif_model_free(&m);
			whatif_products(s, fz_prof[0], earlier, &m);
			exercise_model(&m, (unsigned)size >> 1);
		}
		whatif_model_free(&m);
	}
	store_free(s);
	return 0;
}
