/* fuzz_settings.c - the explorer's settings file ($XDG_CONFIG_HOME/focal/config):
 * settings_parse on the input, the parser settings_load hands the file to
 * (settings_load itself reads into a 1 MiB buffer, which AddressSanitizer
 * maps and faults in afresh for every input: 500 exec/s; it runs once, at
 * start-up, on the first seed's path). Beyond the
 * sanitizers: every field it sets is in its range, each drill path has
 * dimensions, settings_drill answers for any profile name, and every warning
 * (shown on the explorer's status line and log) is one line of printable text. */
#include "fuzz_common.h"
#include "settings.h"

static int nwarn;

static void
warn(void *ctx, const char *msg)
{
	(void)ctx;
	nwarn++;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++)
		FZ_CHECK(*p >= 0x20 && *p != 0x7f, "a warning holds the control byte 0x%02x: %s", *p, msg);
}

/* settings_load's own part (open, read, the 1 MiB limit), once */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct settings st;
	char path[4096];
	(void)argc, (void)argv;
	snprintf(path, sizeof path, "%s/tests/fuzz/corpus/settings", fz_srcdir());
	settings_init(&st);
	FZ_CHECK(settings_load(&st, path, warn, NULL) == 1, "a directory read as settings");
	snprintf(path, sizeof path, "%s/tests/fuzz/dict/settings.dict", fz_srcdir());
	(void)settings_load(&st, path, warn, NULL);
	settings_free(&st);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings st;
	int bad;
	settings_init(&st);
	nwarn = 0;
	bad = settings_parse(&st, (const char *)data, size, "config", warn, NULL);
	FZ_CHECK(bad == nwarn, "%d bad lines but %d warnings", bad, nwarn);
	FZ_CHECK(st.theme >= 0 && st.theme < THEME_COUNT, "theme %d", st.theme);
	FZ_CHECK(st.metric >= -1 && st.metric < M_COUNT, "metric %d", st.metric);
	FZ_CHECK(st.grain >= -1 && st.grain < GRAIN_COUNT, "grain %d", st.grain);
	FZ_CHECK(st.ascii >= -1 && st.ascii <= 1 && st.color >= -1 && st.color <= 1, "ascii %d color %d", st.ascii,
	    st.color);
	FZ_CHECK(st.too_small == SMALL_MESSAGE || st.too_small == SMALL_DRAW, "too-small %d", st.too_small);
	FZ_CHECK(st.min_cols > 0 && st.min_rows > 0 && st.top > 0, "min %dx%d top %d", st.min_cols, st.min_rows,
	    st.top);
	for (int i = 0; i < st.ndrills; i++) {
		const struct settings_drill *d = &st.drills[i];
		FZ_CHECK(d->ndims > 0, "an empty drill path");
		for (int k = 0; k < d->ndims; k++)
			FZ_CHECK(d->dims[k] && d->dims[k][0], "an empty dimension in a drill path");
		(void)settings_drill(&st, d->profile ? d->profile : "generic");
	}
	(void)settings_drill(&st, "autodesk");
	(void)settings_theme_name(st.theme);
	settings_free(&st);
	return 0;
}
