/* cmd_push.c - `focal push FILE... URL [--create]`: loads the files as every
 * command does (same checks, rejects and exit codes) and inserts the rows
 * into a warehouse table (wh_push.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "profile.h"
#include "store.h"
#include "warehouse.h"
#include "wh_push.h"

static void
push_usage(FILE *f)
{
	fputs("Usage: focal push [--create] [OPTION]... FILE... clickhouse://HOST:PORT/DB.TABLE\n"
	    "Load FOCUS files (checked as focal report checks them) and insert their rows\n"
	    "into a warehouse table, in batches; https://HOST:PORT/DB.TABLE uses TLS.\n"
	    "The user and password come from FOCAL_CLICKHOUSE_USER and\n"
	    "FOCAL_CLICKHOUSE_PASSWORD, or the settings file.\n"
	    "\n"
	    "      --create        create the table first (MergeTree, exact decimals)\n"
	    "      --sql           print the CREATE TABLE for the files instead\n"
	    "      --strict        stop at the first row that cannot be read\n"
	    "      --profile=FILE  use this provider profile as well as the installed ones\n"
	    "  -q, --quiet         no progress bar\n"
	    "  -h, --help          show this help and exit\n", f);
}

/* The rows of s into the table of url (or its CREATE TABLE printed). */
static int
push_store(struct store *s, const char *url, int create, int sql_only)
{
	struct wh w;
	char err[1200];
	uint64_t sent = 0;
	int rc = EXIT_OK, stop;

	if ((rc = cli_warehouse_open(&w, url, 1, err, sizeof err)) != 0)
		return cli_warehouse_failed("push", rc, err);
	if (sql_only) {
		char *sql = wh_push_create_sql(&w, s);
		printf("%s\n", sql);
		free(sql);
	} else if (wh_push(&w, s, create, &sent, err, sizeof err) != 0) {
		cli_warehouse_wait_clear();
		cli_say("%s", err);
		if (sent)
			cli_say("%llu of %zu rows were inserted before the error; they stay in the table",
			    (unsigned long long)sent, store_nrows(s));
		rc = EXIT_FILE;
	} else
		fprintf(stderr, "focal: %llu rows into %s.%s\n", (unsigned long long)sent, w.db, w.table);
	stop = cli_warehouse_close(&w);
	return stop ? stop : rc;
}

static int
cmd_push(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"create", no_argument, NULL, 'C'}, {"sql", no_argument, NULL, 'Q'},
		{"strict", no_argument, NULL, 'S'}, {"profile", required_argument, NULL, 'P'},
		{"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	struct cli c;
	struct store *s = NULL;
	const char *url;
	int opt, create = 0, sql_only = 0, rc;

	memset(&c, 0, sizeof c);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': create = 1; break;
		case 'Q': sql_only = 1; break;
		case 'S': c.strict = 1; break;
		case 'P': c.profile_path = optarg; break;
		case 'q': c.quiet = 1; break;
		case 'h': push_usage(stdout); return EXIT_OK;
		default: push_usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind < 2 || !warehouse_is_url(argv[argc - 1])) {
		fprintf(stderr, "focal push: %s\n", argc - optind < 2 ? "expected FILE... then the table's URL" :
		    "the last argument must be the table: clickhouse://HOST:PORT/DB.TABLE");
		push_usage(stderr);
		return EXIT_USAGE;
	}
	url = argv[argc - 1];
	for (int i = optind; i < argc - 1; i++)
		if (warehouse_is_url(argv[i]))
			return cli_usage("push", "one table at a time: %s is a URL too", argv[i]);
	c.files = argv + optind;
	c.nfiles = argc - optind - 1;
	rc = cli_load(&c, &s, NULL);
	if (rc == EXIT_OK)
		rc = push_store(s, url, create, sql_only);
	/* the rejected rows are not pushed: said, and the exit status says so */
	if (cli_report_rejects(s, stderr, 20) && rc == EXIT_OK)
		rc = EXIT_ROWS;
	store_free(s);
	profile_free_all(c.profiles, c.nprofiles);
	return rc;
}

const struct cmd_entry cmd_push_entry = {
	"push", "[--create] [OPTION]... FILE... clickhouse://HOST:PORT/DB.TABLE",
	"insert the loaded rows into a warehouse table (ClickHouse)", cmd_push,
};
