/* fuzz_dim.c - the --by and --where arguments of `focal report`, the way
 * cmd_report reads them, against data/autodesk-sample.csv loaded once:
 * dim_parse (columns, meter, tag:KEY, period[:GRAIN], billing-period, file),
 * dim_lookup of the value, then the query, sort, top and the report.
 *
 * Input: line 1 is the --by value (DIM[,DIM]...), each further line one
 * --where DIM=VALUE; a line "@GRAIN" sets --period, "#N" sets --top; a line
 * "!" asks the whole sample, else the query runs on its header and every
 * FZ_DIM_EVERY-th row (each month, product, meter and tag area is still
 * there). Checked: a parsed dimension's name parses back to it; the value
 * found prints as what was asked for. */
#include "fuzz_common.h"

/* The whole sample's 5,017 rows made each input's query the target's cost
 * (coverage tracing of the per-row loops: 45% under perf), and the long run
 * fell to 864 exec/s as the corpus grew. An eighth of them groups and filters
 * through the same code; what only the whole reaches (over 1,024 groups, sums
 * in the millions) stays one "!" line away. */
#define FZ_DIM_EVERY 8

static struct store *st_all, *st_part;

/* The sample's header and every FZ_DIM_EVERY-th row, in a memfd (a row of the
 * sample is a line: no field holds a line end). */
static int
sample_part(char path[64])
{
	size_t n, row = 0;
	char *all = fz_read_src("data/autodesk-sample.csv", &n), *out = xmalloc(n + 1), *p = all;
	size_t len = 0;
	int fd = fz_memfd("dim-sample", path);
	while (p < all + n) {
		char *nl = memchr(p, '\n', (size_t)(all + n - p));
		size_t k = nl ? (size_t)(nl - p) + 1 : (size_t)(all + n - p);
		if (row++ % FZ_DIM_EVERY == 0) {
			memcpy(out + len, p, k);
			len += k;
		}
		p += k;
	}
	fz_fill(fd, out, len);
	free(out);
	free(all);
	return fd;
}

static struct store *
sample_load(const char *path)
{
	char err[1024];
	struct load_opts lo = {0};
	struct store *s = store_new();
	if (load_file(s, path, &lo, err, sizeof err) != LOAD_OK) {
		fprintf(stderr, "FOCAL-FUZZ: setup: %s\n", err);
		exit(1);
	}
	store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
	return s;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096], part[64];
	int fd;
	(void)argc, (void)argv;
	fz_load_profiles();
	snprintf(path, sizeof path, "%s/data/autodesk-sample.csv", fz_srcdir());
	st_all = sample_load(path);
	fd = sample_part(part);
	st_part = sample_load(part);
	close(fd);
	return 0;
}

/* Whether text has a line that is exactly "!". */
static int
whole_asked(const char *text)
{
	for (const char *p = text; (p = strchr(p, '!')) != NULL; p++)
		if ((p == text || p[-1] == '\n') && (p[1] == '\n' || p[1] == '\0'))
			return 1;
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
	const struct store *st = whole_asked(text) ? st_all : st_part;

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
