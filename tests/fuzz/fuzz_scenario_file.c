/* fuzz_scenario_file.c - scenario files (`focal whatif --scenario FILE`, the
 * what-if panel's load): whatif_scenario_load against the model of
 * data/autodesk-sample.csv. A scenario that loads is computed, saved with
 * whatif_scenario_save into a private directory, and must load back the same. */
#include "fuzz_whatif_model.h"

static int fd = -1;
static char path[64], dir[4096], saved[4200];

static void
cleanup(void)
{
	unlink(saved);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_build_model();
	fd = fz_memfd("fuzz.scenario", path);
	/* a private directory; RAM-backed when possible (saves fsync) */
	{
		const char *t = getenv("TMPDIR");
		if (t == NULL || !*t)
			t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof dir, "%s/focal-fuzz.XXXXXX", t);
	}
	if (mkdtemp(dir) == NULL)
		fz_die("mkdtemp");
	snprintf(saved, sizeof saved, "%s/saved.scenario", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct whatif_scenario sc, back;
	char err[1600], clean[1700];

	fz_fill(fd, data, size);
	whatif_scenario_init(&sc, &fz_model);
	if (whatif_scenario_load(&fz_model, path, &sc, err, sizeof err) != 0) {
		text_sanitize(err, clean, sizeof clean, 0);
		whatif_scenario_free(&sc);
		return 0;
	}
	fz_compute(&sc);
	if (whatif_scenario_save(&fz_model, &sc, saved, 1, err, sizeof err) == 0) {
		whatif_scenario_init(&back, &fz_model);
		FZ_CHECK(whatif_scenario_load(&fz_model, saved, &back, err, sizeof err) == 0, "saved scenario: %s", err);
		FZ_CHECK(fz_same_scenario(&sc, &back), "a saved scenario loads back differently");
		whatif_scenario_free(&back);
	}
	whatif_scenario_free(&sc);
	return 0;
}
