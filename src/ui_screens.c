/* ui_screens.c - the table of screens, and the one key table assembled
 * from their rows.
 *
 * Each screen (ui_list.c, ui_dims.c, ...) exports one `struct ui_screen`:
 * its draw function, its cursor, its rows of the key table. The table of
 * screens is UI_SCREENS in ui.h; dispatch of a key or a frame goes to the
 * screen on top of the stack (ncdu's switch (pstate) as a table). The key
 * table is the shared rows here (moving, the keys of every screen) and each
 * screen's rows, in UI_SCREENS order: the truth for dispatch, for the `?`
 * screen, for the footer hints and for the KEYS section of focal(1)
 * (ui_keys_mdoc), so a key documented is a key bound, and the other way
 * round. One table assembled from the screens' rows, rather than one table
 * with a screen column, so that a new screen brings its keys in its own
 * file and touches nothing but UI_SCREENS. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui.h"

static const struct ui_screen *const screens[ST_COUNT] = {
#define X(st, name, entry) [st] = &entry,
	UI_SCREENS(X)
#undef X
};

static const char *const screen_names[ST_COUNT] = {
#define X(st, name, entry) [st] = name,
	UI_SCREENS(X)
#undef X
};

static ui_action act_up, act_down, act_pgup, act_pgdn, act_home, act_end, act_close, act_help, act_redraw,
    act_quit, act_suspend;

/* the rows every screen shares: first, and last on the `?` screen */
static const struct ui_keydef head_keys[] = {
	{NULL, 0, {0}, "Moving, on every screen", NULL, NULL, 0},
	{act_up, SB_MOVES, {KC(KEY_UP), 'k'}, "Up, k", "move up", NULL, 0},
	{act_down, SB_MOVES, {KC(KEY_DOWN), 'j'}, "Down, j", "move down", NULL, 0},
	{act_pgup, SB_MOVES, {KC(KEY_PPAGE), CTRL('b')}, "PgUp, Ctrl-B", "page up", NULL, 0},
	{act_pgdn, SB_MOVES, {KC(KEY_NPAGE), CTRL('f'), ' '}, "PgDn, Ctrl-F, Space", "page down", NULL, 0},
	{act_home, SB_MOVES, {KC(KEY_HOME), 'g'}, "Home, g", "first line", NULL, 0},
	{act_end, SB_MOVES, {KC(KEY_END), 'G'}, "End, G", "last line", NULL, 0},
};

static const struct ui_keydef tail_keys[] = {
	{NULL, 0, {0}, "Every screen", NULL, NULL, 0},
	{act_close, SB_CLOSES,
	    {ESC, 'q', KC(KEY_LEFT), 'h', BACK_KEYS}, "Esc, q, Left, h, Backspace", "close this screen", "q close", 0},
	{act_help, SB_MOVES, {'?', KC(KEY_F(1))}, "?, F1", "this help", "? help", 0},
	{act_redraw, SB_ANY, {CTRL('l')}, "Ctrl-L", "redraw the screen", NULL, 0},
	{act_quit, SB_ANY, {CTRL('c')}, "Ctrl-C", "quit at once (SIGTERM and SIGHUP too)", NULL, 0},
	{act_suspend, SB_ANY, {CTRL('z')}, "Ctrl-Z",
	    "suspend: the terminal goes back to the shell as it was, and fg brings the explorer back, "
	    "redrawn; stopped any other way (SIGSTOP, or its job stopped behind its back), focal redraws "
	    "everything when it is continued", NULL, 0},
};

#define NHEAD (sizeof head_keys / sizeof *head_keys)
#define NTAIL (sizeof tail_keys / sizeof *tail_keys)

/* The key table, in order: the head rows, each screen's, the tail rows.
 * Returns row i, or NULL past the end. */
static const struct ui_keydef *
keyrow(size_t i)
{
	if (i < NHEAD)
		return &head_keys[i];
	i -= NHEAD;
	for (int st = 0; st < ST_COUNT; st++) {
		if (i < screens[st]->nkeys)
			return &screens[st]->keys[i];
		i -= screens[st]->nkeys;
	}
	return i < NTAIL ? &tail_keys[i] : NULL;
}

/* Does row k apply on screen st? */
static int
applies(const struct ui_keydef *k, enum ui_state st)
{
	return k->fn && (k->states & (SB(st) | screens[st]->groups | SB_ANY));
}

const char *
ui_state_name(enum ui_state st)
{
	return screen_names[st];
}

/* ---- dispatch ---- */

void
ui_key(struct ui *u, int keycode, unsigned ch)
{
	int code = keycode ? KC(ch) : (int)ch;
	enum ui_state st = ui_top(u);
	const struct ui_keydef *k;
	u->nkeys++;
	if (keycode && ch == KEY_RESIZE)
		return;	/* ncurses has resized; the next draw lays out again */
	if (ui_too_small(u)) {
		if (ch == 'q' || ch == CTRL('c'))
			u->quit = 1;
		return;
	}
	if (!screens[st]->overlay)
		u->status[0] = '\0';
	if (screens[st]->types && !keycode && ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch < 0xa0)) {
		screens[st]->type(u, ch);
		return;
	}
	for (size_t i = 0; (k = keyrow(i)) != NULL; i++) {
		if (!applies(k, st))
			continue;
		for (int j = 0; j < NKEYCODES && k->keys[j]; j++)
			if (k->keys[j] == code) {
				/* every key but undo may be a navigation step to undo */
				struct drill_snap *before = k->fn != ui_nav_undo ? drill_snap_take(&u->m) : NULL;
				u->key = code;
				k->fn(u);
				if (before)
					drill_remember(&u->m, before);
				return;
			}
	}
	if (screens[st]->type) {
		if (!keycode && ch >= 0x20 && ch != 0x7f && !(ch >= 0x80 && ch < 0xa0))
			screens[st]->type(u, ch);
	} else
		ui_status(u, MSG_INFO, "that key does nothing here: ? lists the keys");
}

void
ui_resized(struct ui *u)
{
	const struct ui_screen *sc = screens[ui_top(u)];
	if (sc->resize)
		sc->resize(u);
}

/* The footer hints of the screen on top, in table order (on a screen that
 * types, its own only: "q close" would be a lie there). */
static int
hints(const struct ui *u, const char **h, int *prio, int max)
{
	enum ui_state st = ui_top(u);
	const struct ui_keydef *k;
	int n = 0;
	for (size_t i = 0; (k = keyrow(i)) != NULL && n < max; i++)
		if (k->hint && applies(k, st) && (!screens[st]->types || (k->states & SB(st)))) {
			h[n] = k->hint;
			prio[n++] = k->prio;
		}
	return n;
}

void
ui_frame(struct ui *u)
{
	const struct ui_screen *top = screens[ui_top(u)], *base = top;
	ui_draw_begin(u);
	if (ui_too_small(u)) {
		drill_refresh(&u->m);	/* keep the data fresh for when it grows */
		ui_draw_small(u);
	} else {
		const char *h[32];
		int prio[32], n;
		/* an overlay draws over the screen under it */
		for (int i = u->nstack - 1; i > 0 && base->overlay; i--)
			base = screens[u->stack[i - 1]];
		base->draw(u);
		n = hints(u, h, prio, 32);
		ui_draw_hints(u, h, prio, n);
		if (top->overlay) {
			top->draw(u);
		} else {
			size_t cur = 0, nl = 0, *c = top->cursor ? top->cursor(u, &nl) : NULL;
			ui_draw_status(u, c ? *c : cur, nl);
		}
	}
	ui_draw_end();
}

/* ---- moving ---- */

static void
move_by(struct ui *u, long long delta)
{
	const struct ui_screen *sc = screens[ui_top(u)];
	size_t n = 0, *c = sc->cursor ? sc->cursor(u, &n) : NULL, shown = u->list_rows > 0 ? (size_t)u->list_rows : 1;
	long long pos;
	if (c == NULL)
		return;
	if (sc->scrolls) {	/* the pager: scroll */
		size_t maxtop = n > shown ? n - shown : 0;
		pos = (long long)*c + delta;
		*c = pos < 0 ? 0 : (size_t)pos > maxtop ? maxtop : (size_t)pos;
		return;
	}
	if (n == 0)
		return;
	pos = (long long)*c + delta;
	*c = pos < 0 ? 0 : (size_t)pos >= n ? n - 1 : (size_t)pos;
}

static long long
page(struct ui *u)
{
	return u->list_rows > 1 ? u->list_rows - 1 : 1;
}

static void act_up(struct ui *u) { move_by(u, -1); }
static void act_down(struct ui *u) { move_by(u, 1); }
static void act_pgup(struct ui *u) { move_by(u, -page(u)); }
static void act_pgdn(struct ui *u) { move_by(u, page(u)); }
static void act_home(struct ui *u) { move_by(u, -(LLONG_MAX / 2)); }
static void act_end(struct ui *u) { move_by(u, LLONG_MAX / 2); }

/* ---- every screen ---- */

static void
act_close(struct ui *u)
{
	const struct ui_screen *sc = screens[ui_top(u)];
	ui_pop(u);
	if (sc->close)
		sc->close(u);	/* after the pop: it may speak of the screen under it */
}

void
ui_help_fill(struct ui *u)
{
	const struct ui_keydef *k;
	ui_pager_wrap(u, C_NORMAL, "",
	    "Each line of the list is a group of the dimension named above it: its value in the metric, its "
	    "Share of the path above it (a percentage and a bar), a sparkline of its last periods and its "
	    "change against the previous period. Totals in the header are exact sums of the FOCUS rows, as "
	    "focal report prints them. The what-if panel (w) changes seat counts: its numbers are focal whatif's, "
	    "and while a scenario is active every screen shows them below the totals, marked * simulated, never "
	    "mixed into the totals from the data.");
	for (size_t i = 0; (k = keyrow(i)) != NULL; i++) {
		char prefix[64];
		if (k->fn == NULL) {
			ui_pager_add(u, C_NORMAL, "");
			ui_pager_add(u, C_TITLE, k->names);
			continue;
		}
		snprintf(prefix, sizeof prefix, "  %-28s", k->names);
		ui_pager_wrap(u, C_NORMAL, prefix, k->help);
	}
	ui_pager_add(u, C_NORMAL, "");
	ui_pager_wrap(u, C_DIMTEXT, "",
	    "Settings: $XDG_CONFIG_HOME/focal/config (theme, metric, period, drill, drill.PROFILE, min-size, "
	    "too-small, top, ascii, color). See focal(1).");
}

static void
act_help(struct ui *u)
{
	char title[128];
	snprintf(title, sizeof title, "focal %s: keys (q closes)", PACKAGE_VERSION);
	ui_pager_open(u, title, ui_help_fill);
}

static void
act_quit(struct ui *u)
{
	u->quit = 1;
}

/* Ctrl-Z is a signal (the terminal is in cbreak mode); should it come as a
 * key all the same, it does what the signal does: ui.c suspends when the
 * SIGTSTP arrives (nothing, when SIGTSTP is ignored: no job control). */
static void
act_suspend(struct ui *u)
{
	(void)u;
	raise(SIGTSTP);
}

static void
act_redraw(struct ui *u)
{
	(void)u;
	clearok(curscr, TRUE);	/* asked for: repaint all, e.g. after line noise */
}

/* ---- focal(1) ---- */

/* Text lines of at most about 72 bytes (mandoc -Tlint), broken at spaces. */
static void
mdoc_text(FILE *f, const char *s)
{
	int col = 0;
	for (; *s; s++) {
		if (*s == ' ' && col >= 60 && strchr(s + 1, ' ') != NULL) {
			fputc('\n', f);
			col = 0;
			continue;
		}
		if (col == 0 && (*s == '.' || *s == '\''))
			fputs("\\&", f);	/* would be a request */
		if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
		col++;
	}
}

void
ui_keys_mdoc(FILE *f)
{
	int open = 0;
	const struct ui_keydef *k;
	for (size_t i = 0; (k = keyrow(i)) != NULL; i++) {
		if (k->fn == NULL) {
			if (open)
				fputs(".El\n", f);
			fputs(".Ss ", f);
			mdoc_text(f, k->names);
			fputs("\n.Bl -tag -width Ds\n", f);
			open = 1;
			continue;
		}
		fputs(".It", f);
		for (const char *p = k->names; *p;) {
			size_t n = strcspn(p, ",");
			fputs(p == k->names ? " Cm " : " , Cm ", f);
			/* one punctuation character would be taken as a delimiter */
			if (n == 1 && strchr("()[].,:;?!/|", *p))
				fputs("\\&", f);
			fprintf(f, "%.*s", (int)n, p);
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
		fputs("\n", f);
		mdoc_text(f, k->help);
		fputs("\n", f);
	}
	if (open)
		fputs(".El\n", f);
}
