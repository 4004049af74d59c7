/* main.c - focal's command table: `focal COMMAND ...` runs that command's
 * entry, `focal FILE...` the explorer (tmux's cmd_table). A command is a
 * cmd_*.c file with one cmd_entry, and one line below. */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "xmalloc.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_explore_entry,
	&cmd_report_entry,
	&cmd_validate_entry,
	&cmd_sql_entry,
	&cmd_save_entry,
	&cmd_push_entry,
	&cmd_usecase_entry,
	&cmd_whatif_entry,
	&cmd_renewals_entry,
	&cmd_runway_entry,
	&cmd_import_entry,
};
#define NCMDS (sizeof cmd_table / sizeof *cmd_table)

static void
help(void)
{
	printf("Usage: focal [OPTION]... FILE...\n");
	for (size_t i = 0; i < NCMDS; i++)
		printf("       focal %s %s\n", cmd_table[i]->name, cmd_table[i]->usage);
	fputs("Explore FOCUS cost and usage exports (CSV, .csv.gz, or - for standard input).\n"
	    "\n"
	    "Without a command, focal opens the interactive explorer on a terminal and\n"
	    "prints the report otherwise.\n"
	    "\n"
	    "Commands ('focal COMMAND --help' for the options of sql, save, push,\n"
	    "whatif, renewals, runway and import):\n", stdout);
	for (size_t i = 0; i < NCMDS; i++)
		printf("  %-10s  %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fputs("\n"
	    "Report options:\n"
	    "  -b, --by=DIM[,DIM]...   group by these dimensions (default: the profile's\n"
	    "                          first drill level); DIM is a column name, meter,\n"
	    "                          tag:KEY, period[:GRAIN], billing-period or file\n"
	    "  -w, --where=DIM=VALUE   keep only rows whose DIM is VALUE (repeatable, at\n"
	    "                          most 8); DIM!=VALUE leaves them out; a period is\n"
	    "                          also compared: period>=2026-07 (<, <=, >, >=)\n"
	    "      --from=PERIOD       rows from this period on (2026, 2026-Q3, 2026-07,\n"
	    "      --to=PERIOD         2026-07-15), to this one, inclusive, by\n"
	    "                          ChargePeriodStart\n"
	    "      --range=RANGE       FROM..TO, a period, mtd, qtd, ytd, fytd, fy, lastN\n"
	    "                          (N periods of the grain) or all; to date means to\n"
	    "                          the end of the data\n"
	    "      --fy-start=MONTH    the fiscal year's first month (1-12, default 1)\n"
	    "      --compare           per group, the range (default: the last period)\n"
	    "                          against the one before it, like for like\n"
	    "      --sort=KEY          order of --compare: change (default, largest first\n"
	    "                          either way), pct, current, previous or name\n"
	    "  -m, --metric=NAME       sort by BilledCost, EffectiveCost (default), ListCost,\n"
	    "                          ContractedCost, ConsumedQuantity or PricingQuantity\n"
	    "  -p, --period=GRAIN      grain of period dimensions: day, month (default),\n"
	    "                          quarter or year\n"
	    "  -n, --top=N             show the first N groups and fold the rest into Other\n"
	    "      --currency=CODE     only rows in this BillingCurrency (currencies are\n"
	    "                          never added: without it, one total per currency)\n"
	    "      --pivot=DIM         DIM as columns, the one --by dimension as rows, with\n"
	    "                          row, column and grand totals (--top N keeps N rows\n"
	    "                          and N columns and folds the rest into Other)\n"
	    "  -f, --format=FORMAT     table (default on a terminal), csv (default otherwise)\n"
	    "                          or json\n"
	    "      --list-dims         list the dimensions available in the data\n"
	    "      --sql               print the SELECT over the focus table that computes\n"
	    "                          this report (for focal sql), instead of the report\n"
	    "\n"
	    "Validate options:\n"
	    "      --focus-version=V   judge by FOCUS 1.0, 1.1, 1.2 or 1.3 (default: the\n"
	    "                          version the file's columns show)\n"
	    "      --all               list every rule, also those that passed\n"
	    "  -q, --quiet             only the rules that failed\n"
	    "  -f, --format=FORMAT     table (default), csv or json\n"
	    "\n"
	    "Common options:\n"
	    "      --strict            stop at the first row that cannot be read\n"
	    "      --no-cache          read the files, not a snapshot of an earlier load\n"
	    "      --profile=FILE      use this provider profile as well as the installed ones\n"
	    "      --ascii             draw with ASCII characters only\n"
	    "      --color=WHEN        colour: auto (default), always or never\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    "\n"
	    "Exit status: 0 success, 1 validation failures, 2 a file could not be read (or\n"
	    "written, or memory ran out), 3 rows were rejected, 64 usage error.\n"
	    "\n"
	    "Examples:\n"
	    "  focal data/autodesk-sample.csv\n"
	    "  focal report --by ServiceSubcategory,meter --format csv export.csv.gz\n"
	    "  focal report --by tag:area --where meter=product_seats export.csv\n"
	    "  focal validate export.csv\n",
	    stdout);
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* Edit distance (insertions, deletions, substitutions), for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[32], prev, tmp;
	if (la >= 31 || lb >= 31)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		d[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			tmp = d[j];
			d[j] = prev + (a[i - 1] != b[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (tmp + 1 < d[j])
				d[j] = tmp + 1;
			prev = tmp;
		}
	}
	return d[lb];
}

/* A word that is neither a command nor a file: a command mistyped. */
static int
unknown_command(const char *word)
{
	const struct cmd_entry *best = NULL;
	size_t bd = 3;	/* at most 2 edits away */
	for (size_t i = 0; i < NCMDS; i++) {
		size_t d = distance(word, cmd_table[i]->name);
		if (d < bd) {
			bd = d;
			best = cmd_table[i];
		}
	}
	if (best)
		return cli_usage(NULL, "unknown command '%s' (did you mean '%s'?)", word, best->name);
	return cli_usage(NULL, "unknown command '%s'", word);
}

/* An argument that names a file rather than a command: an existing path,
 * or anything with '/' or '.' in it, or "-" (standard input). A bare word
 * that is none of these is a command. */
static int
is_file(const char *arg)
{
	struct stat st;
	return !strcmp(arg, "-") || strchr(arg, '/') || strchr(arg, '.') || stat(arg, &st) == 0;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *cmd = &cmd_explore_entry;
	int rc;

	setlocale(LC_ALL, "");
	/* Blocks of 128 KiB and more get pages of their own, given back when
	 * freed. glibc otherwise raises this bar to the size of each big block
	 * freed (the row arrays a load grows and the shard arrays a two-thread
	 * load merges) and keeps what is freed below it: 8 MB more at the
	 * explorer's peak on 1M rows (bench/RESULTS.md, "Peak memory"). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is an EPIPE we end quietly on */
	fatal_exit_code = cli_exit_code;
	if (argc > 1 && argv[1][0] != '-') {
		const struct cmd_entry *named = cmd_find(argv[1]);
		/* a command's name followed by anything is the command, even
		 * where a file has that name (focal report report: the second
		 * is the file; with a file named report here, focal report
		 * a.csv read both, a.csv and report, and added them) */
		if (named && (argc > 2 || !is_file(argv[1]))) {
			cmd = named;
			argc--;
			argv++;
		} else if (!is_file(argv[1]))
			return unknown_command(argv[1]);
	}
	rc = cmd->run(argc, argv);
	if (rc == CLI_HELP) {
		help();
		rc = EXIT_OK;
	}
	return rc;
}
