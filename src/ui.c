/* ui.c - placeholder until the explorer lands: print the report. */
#include "cli.h"

int
cmd_explore(struct cli *c)
{
	return cmd_report(c);
}
