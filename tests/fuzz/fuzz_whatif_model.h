/* fuzz_whatif_model.h - the what-if model of data/autodesk-sample.csv, built
 * once per process (LLVMFuzzerInitialize) for the scenario targets. */
#ifndef FOCAL_FUZZ_WHATIF_MODEL_H
#define FOCAL_FUZZ_WHATIF_MODEL_H

#include "fuzz_common.h"

static struct store *fz_store;
static struct whatif_model fz_model;

static inline void
fz_build_model(void)
{
	char path[4096], err[1024];
	struct load_opts lo = {0};
	fz_load_profiles();
	snprintf(path, sizeof path, "%s/data/autodesk-sample.csv", fz_srcdir());
	fz_store = store_new();
	if (load_file(fz_store, path, &lo, err, sizeof err) != LOAD_OK) {
		fprintf(stderr, "FOCAL-FUZZ: setup: %s\n", err);
		exit(1);
	}
	store_finish(fz_store, (const struct profile *const *)fz_prof, fz_nprof);
	if (whatif_products(fz_store, store_profile(fz_store), DATE_NULL, &fz_model) == 0) {
		fprintf(stderr, "FOCAL-FUZZ: setup: no seat products in the sample\n");
		exit(1);
	}
}

/* The scenario's effect, as `focal whatif` prints it. */
static inline void
fz_compute(const struct whatif_scenario *sc)
{
	struct whatif_result r;
	char *spec;
	whatif_compute(&fz_model, sc, &r);
	for (int k = 0; k < 13; k++)
		whatif_saving_at(&fz_model, sc, SIZE_MAX, calendar_add_months(fz_model.next_month, k));
	whatif_result_free(&r);
	spec = whatif_scenario_spec(&fz_model, sc);
	free(spec);
}

static inline int
fz_same_scenario(const struct whatif_scenario *a, const struct whatif_scenario *b)
{
	for (size_t i = 0; i < fz_model.n; i++) {
		if (whatif_seats(&fz_model, a, i) != whatif_seats(&fz_model, b, i))
			return 0;
		if ((a->c[i].set ? a->c[i].flex_days : 0) != (b->c[i].set ? b->c[i].flex_days : 0))
			return 0;
	}
	return 1;
}

#endif
