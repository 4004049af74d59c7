/* fuzz_scenario_spec.c - the --seats spec of `focal whatif` and the what-if
 * panel's typed changes: whatif_scenario_parse (product names, unique
 * prefixes, initials, "(term)", commas inside names; "12", "+2", "-10%",
 * "flex DAYS"), whatif_scenario_apply and whatif_find, against the model of
 * data/autodesk-sample.csv. Checked: a failed parse leaves the scenario as it
 * was; a scenario read from a spec prints as a spec that reads back the same. */
#include "fuzz_whatif_model.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_build_model();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an argument cannot hold a NUL: the spec ends at the first one */
	char *spec = xstrndup((const char *)data, size), err[1400];
	struct whatif_scenario sc, before, back;
	int rc;

	whatif_scenario_init(&sc, &fz_model);
	/* a scenario already in progress (the panel), which a bad spec must keep */
	whatif_scenario_set(&fz_model, &sc, 0, 1, 0, err, sizeof err);
	whatif_scenario_init(&before, &fz_model);
	whatif_scenario_copy(&before, &sc);
	rc = whatif_scenario_parse(&fz_model, spec, &sc, err, sizeof err);
	if (rc != 0) {
		FZ_CHECK(fz_same_scenario(&sc, &before), "a failed parse changed the scenario");
	} else {
		char *again = whatif_scenario_spec(&fz_model, &sc);
		fz_compute(&sc);
		/* (nothing changed prints as "", which --seats refuses as a usage error) */
		if (*again) {
			whatif_scenario_init(&back, &fz_model);
			FZ_CHECK(whatif_scenario_parse(&fz_model, again, &back, err, sizeof err) == 0,
			    "printed spec '%s' does not parse: %s", again, err);
			FZ_CHECK(fz_same_scenario(&sc, &back), "printed spec '%s' reads back differently", again);
			whatif_scenario_free(&back);
		}
		free(again);
	}
	/* the whole input as a product name, and as a typed change */
	whatif_find(&fz_model, spec, err, sizeof err);
	for (size_t i = 0; i < fz_model.n; i += 3)
		if (whatif_scenario_apply(&fz_model, &sc, i, spec, err, sizeof err) == 0)
			fz_compute(&sc);
	whatif_scenario_free(&before);
	whatif_scenario_free(&sc);
	free(spec);
	return 0;
}
