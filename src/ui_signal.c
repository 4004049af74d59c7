/* ui_signal.c - the signal that ends or interrupts the explorer: set by the
 * handler, read by the main loop (ui.c) and by a running query (ui_sql.c),
 * which polls it from SQLite's progress handler. Below every other ui_ file. */
#include <signal.h>

#include "ui.h"

volatile sig_atomic_t ui_signal;

void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

int
ui_take_interrupt(void)
{
	if (ui_signal != SIGINT)
		return 0;
	ui_signal = 0;
	return 1;
}
