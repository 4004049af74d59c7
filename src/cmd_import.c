/* cmd_import.c - `focal import autodesk`: Autodesk Account exports to a
 * FOCUS file (import.c writes it). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "outfile.h"
#include "profile.h"
#include "value.h"

static void
import_help(void)
{
	fputs(
	    "Usage: focal import autodesk --subscriptions=FILE [OPTION]...\n"
	    "Write a FOCUS 1.3 Cost and Usage file from Autodesk Account exports: seat\n"
	    "Purchase rows per subscription term, amortised monthly, at list prices from\n"
	    "the Autodesk profile (or a prices file), with the seat activity of the usage\n"
	    "report in x_ columns. Columns are found by name, in any order.\n"
	    "\n"
	    "      --subscriptions=FILE  the Subscriptions export (CSV)\n"
	    "      --usage=FILE          the Usage Report export (CSV): seat activity\n"
	    "      --prices=FILE         list prices overriding the profile's, as CSV with\n"
	    "                            the header product,term,list[,currency,effective]\n"
	    "      --as-of=DATE          write rows up to this day (default: today, UTC)\n"
	    "      --idle-days=N         users inactive this long hold idle seats\n"
	    "                            (default: the profile's, 90)\n"
	    "      --occasional-days=N   users on fewer days a month are occasional\n"
	    "                            (default: the profile's, 8)\n"
	    "      --profile=FILE        the provider profile with the prices (default: the\n"
	    "                            installed autodesk profile)\n"
	    "  -o, --output=FILE         write to FILE instead of standard output\n"
	    "      --force               replace FILE if it exists\n"
	    "  -h, --help                show this help and exit\n"
	    "\n"
	    "Exit status: 0 success, 2 an input could not be used (the message names the\n"
	    "file, line and column), 64 usage error.\n"
	    "\n"
	    "Example:\n"
	    "  focal import autodesk --subscriptions subs.csv --usage usage.csv -o focus.csv\n",
	    stdout);
}

/* The profile with the prices: --profile's, else the installed autodesk
 * one. Returns how many profiles were loaded (*profiles, to be freed). */
static int
pick_profile(struct import_opts *io, const char *profile_path, struct profile ***profiles)
{
	int n = profile_load_default(profiles, profile_path, cli_warn_profile, NULL);
	struct profile **p = *profiles;
	if (profile_path && n > 1 && p[0]->path && !strcmp(p[0]->path, profile_path))
		io->profile = p[0];
	for (int i = 0; i < n && !io->profile; i++)
		if (p[i]->name && !strcmp(p[i]->name, "autodesk"))
			io->profile = p[i];
	if (!io->profile)
		cli_say("note: no autodesk profile found: list prices come from --prices only");
	return n;
}

/* The file written to -o: put in place, or dropped after an error. */
static int
finish_output(struct outfile *of, int rc, int force)
{
	char err[2048];
	int c;
	if (rc != EXIT_OK && rc != EXIT_ROWS) {
		outfile_abort(of);
		return rc;
	}
	if ((c = outfile_commit(of, force, err, sizeof err)) != 0) {
		cli_say("%s%s", err, c == OUTFILE_EXISTS ? "; use --force to replace it" : "");
		return EXIT_WRITE;
	}
	return rc;	/* EXIT_ROWS: some subscriptions left out, the rest written */
}

/* What focal import's options decided. */
struct iargs {
	struct import_opts io;
	const char *output, *profile_path;
	int force;
};

/* Returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char **argv, struct iargs *a)
{
	enum { O_SUBS = 256, O_USAGE, O_PRICES, O_ASOF, O_IDLE, O_OCC, O_PROFILE, O_FORCE };
	static const struct option longopts[] = {
		{"subscriptions", required_argument, NULL, O_SUBS},
		{"usage", required_argument, NULL, O_USAGE},
		{"prices", required_argument, NULL, O_PRICES},
		{"as-of", required_argument, NULL, O_ASOF},
		{"idle-days", required_argument, NULL, O_IDLE},
		{"occasional-days", required_argument, NULL, O_OCC},
		{"profile", required_argument, NULL, O_PROFILE},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, O_FORCE},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case O_SUBS:
			a->io.subscriptions = optarg;
			break;
		case O_USAGE:
			a->io.usage = optarg;
			break;
		case O_PRICES:
			a->io.prices = optarg;
			break;
		case O_ASOF:
			if (cli_parse_date("import", optarg, &a->io.as_of))
				return EXIT_USAGE;
			break;
		case O_IDLE:
			if (cli_parse_days("import", "--idle-days", optarg, 1, 3650, &a->io.idle_days))
				return EXIT_USAGE;
			break;
		case O_OCC:
			if (cli_parse_days("import", "--occasional-days", optarg, 1, 31, &a->io.occasional_days))
				return EXIT_USAGE;
			break;
		case O_PROFILE:
			a->profile_path = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case O_FORCE:
			a->force = 1;
			break;
		case 'h':
			import_help();
			return EXIT_OK;
		default:
			fputs("Try 'focal import --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage("import", "which export? 'focal import autodesk --subscriptions FILE'");
	if (strcmp(argv[optind], "autodesk") != 0)
		return cli_usage("import", "unknown source '%s' (only 'autodesk' is supported)", argv[optind]);
	if (optind + 1 < argc)
		return cli_usage("import", "unexpected argument '%s' (inputs are given with --subscriptions and --usage)",
		    argv[optind + 1]);
	if (!a->io.subscriptions)
		return cli_usage("import", "--subscriptions FILE is required (the Autodesk Account subscriptions export)");
	if (a->force && !a->output)
		return cli_usage("import", "--force only goes with --output");
	return -1;
}

static int
cmd_import(int argc, char **argv)
{
	struct iargs a;
	struct profile **profiles = NULL;
	int nprofiles = 0, rc;
	char err[2048];
	struct outfile of;
	FILE *out = stdout;

	memset(&a, 0, sizeof a);
	a.io.as_of = DATE_NULL;
	a.io.note = cli_print_note;
	if ((rc = parse_args(argc, argv, &a)) != -1)
		return rc;
	if (a.io.as_of == DATE_NULL) {
		time_t now = time(NULL);
		a.io.as_of = (int64_t)now - (int64_t)now % 86400;
	}
	nprofiles = pick_profile(&a.io, a.profile_path, &profiles);
	if (a.output && (out = outfile_open(&of, a.output, err, sizeof err)) == NULL) {
		cli_say("%s", err);
		profile_free_all(profiles, nprofiles);
		return EXIT_FILE;
	}
	rc = import_autodesk(&a.io, out, err, sizeof err);
	rc = rc == 0 ? EXIT_OK : rc == 3 ? EXIT_ROWS : EXIT_FILE;
	if (rc != 0)
		cli_say("%s", err);
	if (a.output)
		rc = finish_output(&of, rc, a.force);
	else if ((rc == EXIT_OK || rc == EXIT_ROWS) && (fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE) {
		cli_say("writing the output: %s", strerror(errno));
		rc = EXIT_FILE;
	}
	profile_free_all(profiles, nprofiles);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
	"import", "autodesk --subscriptions=FILE [OPTION]...", "write a FOCUS file from Autodesk Account exports",
	cmd_import,
};
