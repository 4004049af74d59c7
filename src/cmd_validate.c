/* cmd_validate.c - `focal validate`: every deviation from the FOCUS version
 * (1.0 to 1.3) each file is written in, as a table, CSV or JSON. */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "store.h"
#include "text.h"
#include "validate.h"

struct devctx {
	FILE *f;
	int any;
};

static void
print_deviation(void *ctx, const char *file, enum value_dev d, uint64_t count, unsigned long line, int field)
{
	struct devctx *dc = ctx;
	char clean[600];
	if (!dc->any)
		fputs("\nRead leniently (accepted, but not FOCUS format):\n", dc->f);
	dc->any = 1;
	text_sanitize(file, clean, sizeof clean, 0);
	fprintf(dc->f, "  %-56s %8llu  first at %s:%lu", value_dev_message(d), (unsigned long long)count, clean,
	    line);
	if (field > 0)
		fprintf(dc->f, ":%d", field);
	fputc('\n', dc->f);
}

static int
validate(struct cli *c)
{
	struct store *s;
	struct validator *v;
	/* csv and json keep stdout for the data: the prose goes to stderr */
	enum validate_format fmt = !c->format_set ? VALIDATE_TABLE : c->format == FMT_CSV ? VALIDATE_CSV :
	    c->format == FMT_JSON ? VALIDATE_JSON : VALIDATE_TABLE;
	FILE *prose = fmt == VALIDATE_TABLE ? stdout : stderr;
	struct devctx dc = {prose, 0};
	int rc, failed;
	uint64_t nrej;

	/* the JSON checks run through SQLite; give the validator its own store */
	struct store *json = store_new();
	v = validate_new(store_json_check, json);
	validate_set_version(v, c->focus_version);
	c->quiet = c->detail == VALIDATE_QUIET;
	rc = cli_load(c, &s, v);
	if (rc == EXIT_FILE) {
		validate_free(v);
		store_free(s);
		store_free(json);
		return rc;
	}
	failed = validate_report_as(v, stdout, 3, fmt, c->detail);
	fflush(stdout);
	nrej = store_nrejects(s);
	if (c->detail != VALIDATE_QUIET)
		store_each_deviation(s, print_deviation, &dc);
	if (store_nrejects(s)) {
		fprintf(prose, "\nRows that cannot be read (not loaded):\n");
		fflush(prose);
		store_each_reject(s, 20, cli_print_reject, prose);
		if (store_nrejects(s) > 20)
			fprintf(prose, "... and %llu more\n", (unsigned long long)(store_nrejects(s) - 20));
		/* the summary above counts rules over the rows read: the last word
		 * is that the file is not valid as it stands */
		fprintf(prose, "Not valid: %llu %s cannot be read; the rules checked the %zu read.\n",
		    (unsigned long long)nrej, nrej == 1 ? "row" : "rows", store_nrows(s));
	}
	if (c->detail != VALIDATE_QUIET)
		store_each_note(s, cli_print_note, prose);
	if (fflush(stdout) != 0 && errno != EPIPE)
		rc = EXIT_WRITE;
	validate_free(v);
	store_free(s);
	store_free(json);
	if (rc != EXIT_OK)
		return rc;
	return failed || nrej ? EXIT_INVALID : EXIT_OK;
}

static int
run(int argc, char **argv)
{
	return cli_run(argc, argv, validate);
}

const struct cmd_entry cmd_validate_entry = {
	"validate", "[OPTION]... FILE...", "check files against their FOCUS version (1.0 to 1.3)", run,
};
