/* cmd_save.c - `focal save -o FILE.sqlite [--force] FILE...`: loads the files
 * and writes the store as a plain SQLite file (store_save.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "profile.h"
#include "store.h"
#include "store_save.h"
#include "text.h"


static void
save_usage(FILE *f)
{
	fputs("Usage: focal save -o FILE.sqlite [--force] [OPTION]... FILE...\n"
	    "Load FOCUS files and save them as one SQLite database: a `focus` table\n"
	    "any SQLite tool reads, and a compact form `focal FILE.sqlite` reopens\n"
	    "without reading the CSV again.\n"
	    "\n"
	    "  -o, --output=FILE   the database to write (required)\n"
	    "      --force         replace FILE if it exists\n"
	    "      --strict        stop at the first row that cannot be read\n"
	    "      --profile=FILE  use this provider profile as well as the installed ones\n"
	    "  -q, --quiet         no progress bar\n"
	    "  -h, --help          show this help and exit\n", f);
}

static int
cmd_save(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'}, {"force", no_argument, NULL, 'F'},
		{"strict", no_argument, NULL, 'S'}, {"profile", required_argument, NULL, 'P'},
		{"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	struct cli c;
	struct store *s = NULL;
	const char *out = NULL;
	char err[1200], clean[1300];
	int opt, force = 0, rc;

	memset(&c, 0, sizeof c);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 'F': force = 1; break;
		case 'S': c.strict = 1; break;
		case 'P': c.profile_path = optarg; break;
		case 'q': c.quiet = 1; break;
		case 'h': save_usage(stdout); return EXIT_OK;
		default: save_usage(stderr); return EXIT_USAGE;
		}
	}
	if (out == NULL || optind >= argc) {
		fprintf(stderr, "focal save: %s\n", out ? "no input file" : "no output: give -o FILE.sqlite");
		save_usage(stderr);
		return EXIT_USAGE;
	}
	if (!force && access(out, F_OK) == 0) {
		text_sanitize(out, clean, sizeof clean, 0);
		fprintf(stderr, "focal: %s: already exists (--force replaces it)\n", clean);
		return EXIT_FILE;
	}
	c.files = argv + optind;
	c.nfiles = argc - optind;
	rc = cli_load(&c, &s, NULL);
	if (rc == EXIT_OK && store_save(s, out, force, err, sizeof err) < 0) {
		text_sanitize(err, clean, sizeof clean, 0);
		fprintf(stderr, "focal: %s\n", clean);
		rc = EXIT_FILE;
	}
	if (rc == EXIT_OK && cli_report_rejects(s, stderr, 20))
		rc = EXIT_ROWS;	/* saved, with the rejected rows in its reject table */
	store_free(s);
	profile_free_all(c.profiles, c.nprofiles);
	return rc;
}

const struct cmd_entry cmd_save_entry = {
	"save", "-o FILE.sqlite [--force] [OPTION]... FILE...",
	"save the loaded files as one SQLite file, which focal reopens faster", cmd_save,
};
