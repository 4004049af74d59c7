/* cmd_whatif.c - being written (issue 4); replaced by the what-if work. */
#include <stdio.h>

#include "cli.h"

int
cmd_whatif(int argc, char **argv)
{
	(void)argc, (void)argv;
	fputs("focal: whatif: not available in this build\n", stderr);
	return 64;
}

int
cmd_import(int argc, char **argv)
{
	(void)argc, (void)argv;
	fputs("focal: import: not available in this build\n", stderr);
	return 64;
}
