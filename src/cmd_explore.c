/* cmd_explore.c - `focal [explore] FILE...`: the explorer on a terminal,
 * the report otherwise. No curses here: the explorer is ui_explore(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ui.h"

static int
run(int argc, char **argv)
{
	struct cli c;
	int rc = cli_parse(&c, argc, argv), tty;

	if (rc == -1 && c.keys_mdoc) {
		/* the man page's KEYS list, from the key table (tests compare) */
		ui_keys_mdoc(stdout);
		rc = EXIT_OK;
	} else if (rc == -1) {
		/* FOCAL_BENCH_KEYS replays keys without a terminal (bench/run.sh) */
		tty = (isatty(0) && isatty(1)) || (getenv("FOCAL_BENCH_KEYS") && *getenv("FOCAL_BENCH_KEYS"));
		for (int i = 0; i < c.nfiles; i++)
			if (!strcmp(c.files[i], "-"))
				tty = 0;
		rc = tty ? ui_explore(&c) : UI_PRINT_REPORT;
		if (rc == UI_PRINT_REPORT)
			rc = cmd_report(&c);
	}
	cli_free(&c);
	return rc;
}

const struct cmd_entry cmd_explore_entry = {
	"explore", "[OPTION]... FILE...", "the interactive explorer (the default on a terminal)", run,
};
