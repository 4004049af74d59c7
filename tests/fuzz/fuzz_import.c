/* fuzz_import.c - the Autodesk importer (`focal import autodesk`):
 * import_autodesk over a Subscriptions export, an optional Usage Report and an
 * optional prices file, with the installed Autodesk profile.
 *
 * Input: the three files one after the other, separated by a line "%%":
 *   SUBSCRIPTIONS [%% USAGE [%% PRICES]]
 * (an empty USAGE part means no --usage). Checked: what the importer writes is
 * FOCUS that focal loads without rejecting a row, and the what-if model reads. */
#include "fuzz_common.h"

#include "import.h"
#include "load_int.h"

static int fd_subs = -1, fd_usage = -1, fd_prices = -1, fd_out = -1;
static char p_subs[64], p_usage[64], p_prices[64], p_out[64];
/* One store loads every input's output (store_reset), with libcsv's growth
 * step at 256 bytes, and one buffer takes every output: with a store, a
 * buffer and the 1 MiB step per input, and the importer's readers starting
 * at 128 KiB, ASan mapped and unmapped megabytes an input (40% of the
 * target's time in the kernel under perf; 895 exec per CPU-second on 30,000
 * inputs of its corpus, now 1,700 to 1,860). */
static struct store *st;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_load_profiles();
	load_csv_block = 256;
	st = store_new();
	fd_subs = fz_memfd("subscriptions.csv", p_subs);
	fd_usage = fz_memfd("usage.csv", p_usage);
	fd_prices = fz_memfd("prices.csv", p_prices);
	fd_out = fz_memfd("focus.csv", p_out);
	return 0;
}

/* The importer's output, kept in memory up to a bound. */
struct sink {
	char *buf;
	size_t n, cap;
	int over;
};

#define SINK_MAX (32u << 20)

static ssize_t
sink_write(void *c, const char *p, size_t n)
{
	struct sink *k = c;
	if (k->n + n > SINK_MAX) {
		k->over = 1;
		return (ssize_t)n;
	}
	if (k->n + n > k->cap) {
		while (k->n + n > k->cap)
			k->cap = k->cap ? k->cap * 2 : 1 << 16;
		k->buf = xreallocarray(k->buf, k->cap, 1);
	}
	memcpy(k->buf + k->n, p, n);
	k->n += n;
	return (ssize_t)n;
}

static void
note(void *ctx, const char *msg)
{
	char clean[800];
	(void)ctx;
	text_sanitize(msg, clean, sizeof clean, 0);
}

/* The part of [*p, end) up to the next "%%" line, in *start and *n;
 * advances *p past it. Returns 1 if a "%%" line ended the part. */
static int
part(const char **p, const char *end, const char **start, size_t *n)
{
	const char *s = *p, *q = s;
	*start = s;
	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		const char *le = nl ? nl : end;
		if (le - q == 2 && q[0] == '%' && q[1] == '%') {
			*n = (size_t)(q - s);
			*p = nl ? nl + 1 : end;
			return 1;
		}
		q = nl ? nl + 1 : end;
	}
	*n = (size_t)(end - s);
	*p = end;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *a, *b = "", *c = "";
	size_t na, nb = 0, nc = 0;
	int has_usage = 0, has_prices = 0, rc;
	struct import_opts o = {0};
	static struct sink k;	/* kept: its buffer serves every input */
	cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};
	FILE *out;
	char err[1024], clean[1100];

	if (part(&p, end, &a, &na)) {
		has_prices = part(&p, end, &b, &nb);
		has_usage = nb > 0;
		if (has_prices)
			part(&p, end, &c, &nc);
	}
	fz_fill(fd_subs, a, na);
	fz_fill(fd_usage, b, nb);
	fz_fill(fd_prices, c, nc);

	o.subscriptions = p_subs;
	o.usage = has_usage ? p_usage : NULL;
	o.prices = has_prices ? p_prices : NULL;
	o.profile = fz_prof[0];
	o.as_of = days_from_civil(2026, 3, 15) * 86400;
	o.note = note;
	k.n = 0;
	k.over = 0;
	out = fopencookie(&k, "w", io);
	if (out == NULL)
		fz_die("fopencookie");
	rc = import_autodesk(&o, out, err, sizeof err);
	fclose(out);
	text_sanitize(err, clean, sizeof clean, 0);
	FZ_CHECK(rc == 0 || rc == 2 || rc == 3, "import_autodesk returned %d", rc);
	FZ_CHECK(rc != 3 || err[0] != '\0', "a partial import (3) without its count in err");
	/* 3 is a partial import (subscriptions without a list price left out):
	 * what it wrote must load like a whole one. */
	if ((rc == 0 || rc == 3) && !k.over) {
		struct store *s = st;
		struct load_opts lo = {0};
		enum load_result lr;
		fz_fill(fd_out, k.buf, k.n);
		lr = load_file(s, p_out, &lo, err, sizeof err);
		FZ_CHECK(lr == LOAD_OK, "the imported file does not load: %s", err);
		if (store_nrejects(s)) {
			store_each_reject(s, 3, fz_on_reject, stderr);
			FZ_CHECK(store_nrejects(s) == 0, "focal rejects %llu rows the importer wrote",
			    (unsigned long long)store_nrejects(s));
		}
		store_finish(s, (const struct profile *const *)fz_prof, fz_nprof);
		{
			struct whatif_model m;
			struct whatif_scenario sc;
			struct whatif_result r;
			whatif_products(s, store_profile(s), o.as_of, &m);
			whatif_scenario_init(&sc, &m);
			whatif_compute(&m, &sc, &r);
			whatif_result_free(&r);
			whatif_scenario_free(&sc);
			whatif_model_free(&m);
		}
		store_reset(s);
	}
	return 0;
}
