/* ui_stack.c - the screen stack and the status line's message.
 *
 * One stack for every screen (the list at the bottom, then rows, the
 * what-if panel, a pager, the input line): closing a screen shows the one
 * under it, whichever it is. Nothing here knows any screen. */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>

#include "ui.h"
#include "xmalloc.h"

enum ui_state
ui_top(const struct ui *u)
{
	return u->nstack > 0 ? u->stack[u->nstack - 1] : ST_LIST;
}

void
ui_push(struct ui *u, enum ui_state st)
{
	if (u->nstack < UI_STACK)
		u->stack[u->nstack++] = st;
	else
		u->stack[UI_STACK - 1] = st;	/* not reached: no screen opens itself twice */
}

void
ui_pop(struct ui *u)
{
	if (u->nstack > 1)
		u->nstack--;
}

void
ui_status(struct ui *u, enum ui_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->status, sizeof u->status, fmt, ap);
	va_end(ap);
	u->status_level = lvl;
}

int
ui_rows_elsewhere(struct ui *u, const char *what, const char *instead)
{
	if (store_engine(u->s, NULL) == NULL)
		return 0;
	ui_status(u, MSG_WARN, "%s reads the rows, which stay in the warehouse: %s", what, instead);
	return 1;
}

void
ui_log(struct ui *u, int color, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	u->log = xreallocarray(u->log, u->nlog + 1, sizeof *u->log);
	u->log[u->nlog].text = s;
	u->log[u->nlog++].color = color;
}

int
ui_too_small(const struct ui *u)
{
	return u->too_small == SMALL_MESSAGE && (COLS < u->min_cols || LINES < u->min_rows);
}
