/* fuzz_dim.c - the --by and --where arguments of `focal report`, the way
 * cmd_report reads them, against data/autodesk-sample.csv loaded once:
 * dim_parse (columns, meter, tag:KEY, period[:GRAIN], billing-period, file),
 * dim_lookup of the value, then the query, sort, top and the report.
 *
 * Input: line 1 is the --by value (DIM[,DIM]...), each further line one
 * --where DIM=VALUE; a line "@GRAIN" sets --period, "#N" sets --top. Checked:
 * a parsed dimension's name parses back to it. */
#include "fuzz_common.h"

static struct store *st;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096], err[1024];
	struct load_opts lo = {0};
	(void)argc, (void)argv;
	fz_load_profiles();
	snprintf(path, sizeof path, "%s/data/autodesk-sample.csv", fz_srcdir());
	st = store_new();
	if (load_file(st, path, &lo, err, sizeof err) != LOAD_OK) {
		fprintf(stderr, "FOCAL-FUZZ: setup: %s\n", err);
		exit(1);
	}
	store_finish(st, (const struct profile *const *)fz_prof, fz_nprof);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* arguments cannot hold a NUL: the input ends at the first one */
	char *text = xstrndup((const char *)data, size), *save = NULL, *line, *tok, *bycopy;
	char *by[QUERY_MAX_BY + 1];
	const char *names[QUERY_MAX_BY];
	struct dim dims[QUERY_MAX_BY];
	struct filter f[16];
	int nby = 0, nf = 0, top = 0, ok = 1;
	enum grain grain = GRAIN_MONTH;
	char err[512];
	struct qresult r;
	struct report_opts ro = {0};

	line = strtok_r(text, "\n", &save);
	if (line == NULL) {
		free(text);
		return 0;
	}
	/* --by: split at commas like split_dims */
	bycopy = xstrdup(line);
	{
		char *s2 = NULL;
		for (tok = strtok_r(bycopy, ",", &s2); tok && nby <= QUERY_MAX_BY; tok = strtok_r(NULL, ",", &s2))
			by[nby++] = tok;
	}
	if (nby > QUERY_MAX_BY)
		ok = 0;	/* usage error */
	for (int i = 0; ok && i < nby; i++) {
		if (dim_parse(st, by[i], grain, &dims[i], err, sizeof err) != 0)
			ok = 0;
		else
			fz_check_dim_roundtrip(st, &dims[i]);
		names[i] = by[i];
	}
	while (ok && (line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *eq, dimspec[256];
		uint32_t code;
		int g;
		if (line[0] == '@' && (g = grain_parse(line + 1)) >= 0) {
			grain = (enum grain)g;
			continue;
		}
		if (line[0] == '#') {
			top = atoi(line + 1) % 1000;
			continue;
		}
		if (nf == 16)
			break;
		eq = strchr(line, '=');
		if (eq == NULL || eq == line)
			continue;	/* usage error */
		snprintf(dimspec, sizeof dimspec, "%.*s", (int)(eq - line), line);
		if (dim_parse(st, dimspec, grain, &f[nf].dim, err, sizeof err) != 0)
			continue;
		fz_check_dim_roundtrip(st, &f[nf].dim);
		if (dim_lookup(st, &f[nf].dim, eq + 1, &code) != 0)
			code = UINT32_MAX;
		else {
			char buf[1024];
			/* the value found prints as what was asked for */
			if (code != CODE_NULL && f[nf].dim.type != DIM_FILE)
				FZ_CHECK(!strcmp(dim_label(st, &f[nf].dim, code, buf, sizeof buf), eq + 1) ||
				    strlen(eq + 1) >= sizeof buf - 1, "--where %s finds '%s'", line, buf);
		}
		f[nf].lo = f[nf].hi = code;
		f[nf].exclude = 0;
		nf++;
	}
	if (ok) {
		query_run(st, dims, nby, f, nf, &r);
		qresult_sort(st, &r, (enum metric)(size % M_COUNT), (enum qsort_key)(size % 3), (int)(size & 1));
		if (top > 0)
			qresult_top(&r, (size_t)top);
		ro.format = (enum report_format)(size % 3);
		ro.metric = (enum metric)(size % M_COUNT);
		ro.by_names = names;
		report_print(fz_null(), st, &r, &ro);
		qresult_free(&r);
	}
	free(bycopy);
	free(text);
	return 0;
}
