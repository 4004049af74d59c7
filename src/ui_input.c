/* ui_input.c - a line typed on the status line, over the screen under it:
 * a filter, a file name, a seat change, y/n.
 *
 * The screen that opens it says what becomes of the text (ui_input_open's
 * callbacks, as tmux's status_prompt_set), so this file knows no screen. */
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "outfile.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

static ui_action act_accept, act_cancel, act_erase, act_kill, act_hist_prev, act_hist_next;

static const struct ui_keydef input_keys[] = {
	{NULL, 0, {0}, "Typing a filter, a file name, seats or SQL", NULL, NULL, 0},
	{act_accept, SB(ST_INPUT), {ENTER_KEYS}, "Enter", "accept", "Enter accept", 0},
	{act_cancel, SB(ST_INPUT), {ESC, CTRL('g')}, "Esc, Ctrl-G", "cancel", "Esc cancel", 0},
	{act_erase, SB(ST_INPUT), {BACK_KEYS}, "Backspace", "erase a character", NULL, 0},
	{act_kill, SB(ST_INPUT), {CTRL('u')}, "Ctrl-U", "erase the line", NULL, 0},
	{act_hist_prev, SB(ST_INPUT), {KC(KEY_UP)}, "Up", "an SQL query typed before (the history)", NULL, 0},
	{act_hist_next, SB(ST_INPUT), {KC(KEY_DOWN)}, "Down", "a later query of the history", NULL, 0},
};

/* Up (-1) and Down (+1) on the SQL prompt: the queries asked before. */
static void
sql_history(struct ui *u, int step)
{
	if (u->sql.nhist == 0)
		return;
	if (step < 0 && u->sql.hpos > 0)
		u->sql.hpos--;
	else if (step > 0 && u->sql.hpos < u->sql.nhist)
		u->sql.hpos++;
	snprintf(u->in.text, sizeof u->in.text, "%s", u->sql.hpos < u->sql.nhist ? u->sql.hist[u->sql.hpos] : "");
}

static void
act_hist_prev(struct ui *u)
{
	if (u->in.kind == IN_SQL)
		sql_history(u, -1);
}

static void
act_hist_next(struct ui *u)
{
	if (u->in.kind == IN_SQL)
		sql_history(u, 1);
}

void
ui_input_open(struct ui *u, enum ui_input kind, const char *text, void (*changed)(struct ui *, const char *),
    void (*accept)(struct ui *, const char *), ui_action *cancel)
{
	free(u->in.confirm_path);
	memset(&u->in, 0, sizeof u->in);
	u->in.kind = kind;
	snprintf(u->in.text, sizeof u->in.text, "%s", text);
	u->in.changed = changed;
	u->in.accept = accept;
	u->in.cancel = cancel;
	ui_push(u, ST_INPUT);
}

/* Asks "PATH exists: overwrite it? (y/n)"; y writes (replacing), and takes the path. */
static void
input_confirm(struct ui *u, char *path, void (*write)(struct ui *, const char *, int), ui_action *no)
{
	ui_input_open(u, IN_CONFIRM, "", NULL, NULL, no);
	u->in.confirm_path = path;
	u->in.write = write;
}

void
ui_input_file(struct ui *u, const char *text, void (*write)(struct ui *, const char *, int), ui_action *no)
{
	struct stat sb;
	char *path;
	if (text[0] == '\0') {
		no(u);
		return;
	}
	path = ui_input_path(text);
	if (stat(path, &sb) == 0) {
		input_confirm(u, path, write, no);
		return;
	}
	write(u, path, 0);
	free(path);
}

char *
ui_input_path(const char *in)
{
	const char *home = getenv("HOME");
	char *p;
	if (in[0] == '~' && in[1] == '/' && home && *home) {
		xasprintf(&p, "%s%s", home, in + 1);
		return p;
	}
	return xstrdup(in);
}

static void
input_changed(struct ui *u)
{
	if (u->in.changed)
		u->in.changed(u, u->in.text);
}

/* Closes the line: the screen under it is on top again. */
static void
input_close(struct ui *u)
{
	ui_pop(u);
}

static void
act_cancel(struct ui *u)
{
	ui_action *cancel = u->in.cancel;
	input_close(u);
	free(u->in.confirm_path);
	u->in.confirm_path = NULL;
	if (cancel)
		cancel(u);
}

static void
act_accept(struct ui *u)
{
	char text[sizeof u->in.text];
	void (*accept)(struct ui *, const char *) = u->in.accept;
	if (u->in.kind == IN_CONFIRM) {
		act_cancel(u);	/* Enter alone answers no */
		return;
	}
	snprintf(text, sizeof text, "%s", u->in.text);
	input_close(u);
	accept(u, text);
}

static void
input_type(struct ui *u, unsigned ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t k, len = strlen(u->in.text);
	if (u->in.kind == IN_CONFIRM) {
		if (ch == 'y' || ch == 'Y') {
			char *path = u->in.confirm_path;
			void (*write)(struct ui *, const char *, int) = u->in.write;
			u->in.confirm_path = NULL;
			input_close(u);
			write(u, path, 1);
			free(path);
		} else
			act_cancel(u);
		return;
	}
	memset(&st, 0, sizeof st);
	k = wcrtomb(mb, (wchar_t)ch, &st);
	if (k == (size_t)-1 || len + k >= sizeof u->in.text)
		return;
	memcpy(u->in.text + len, mb, k);
	u->in.text[len + k] = '\0';
	input_changed(u);
}

static void
act_erase(struct ui *u)
{
	size_t len = strlen(u->in.text);
	while (len > 0 && ((unsigned char)u->in.text[len - 1] & 0xc0) == 0x80)
		len--;	/* UTF-8 continuation bytes */
	if (len > 0)
		len--;
	u->in.text[len] = '\0';
	input_changed(u);
}

static void
act_kill(struct ui *u)
{
	u->in.text[0] = '\0';
	input_changed(u);
}

static void
draw_input(struct ui *u)
{
	int y = LINES - 1, x = 1;
	char buf[700];
	struct drill_view *v = drill_view(&u->m);
	switch (u->in.kind) {
	case IN_SEARCH:
		x += ui_put(u, y, x, COLS - 2, "/", theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 16 - x, u->in.text, theme_attr(C_NORMAL));
		snprintf(buf, sizeof buf, "%zu of %zu", v->nmatch, v->res.n);
		ui_put_right(u, y, COLS - 1, 14, buf, theme_attr(C_DIMTEXT));
		break;
	case IN_VIEW:
		x += ui_put(u, y, x, COLS - 2, "Save the view as: ", theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		break;
	case IN_RANGE:
		x += ui_put(u, y, x, COLS - 2, "Range (ytd, last3, 2026-01..2026-03, all): ", theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		break;
	case IN_FIND:
		x += ui_put(u, y, x, COLS - 2, "/", theme_attr(C_KEY));
		ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		break;
	case IN_EXPORT:
		x += ui_put(u, y, x, COLS - 2, "Export to: ", theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		break;
	case IN_CONFIRM:
		snprintf(buf, sizeof buf, "%s exists: overwrite it? (y/n)", u->in.confirm_path);
		x += ui_put(u, y, x, COLS - 2, buf, theme_attr(C_WARN));
		break;
	case IN_SEATS:
	case IN_PERCENT: {
		const struct whatif_panel *w = &u->m.wi;
		char label[64];
		text_fit(w->m.p[w->cur].label, COLS > 70 ? 24 : 12, label, sizeof label, !u->utf8);
		if (u->in.kind == IN_SEATS)
			snprintf(buf, sizeof buf, "%s seats (%lld; 12, -3, -10%%): ", label, w->m.p[w->cur].seats);
		else
			snprintf(buf, sizeof buf, "%s seats (%lld), change in %%: ", label, w->m.p[w->cur].seats);
		x += ui_put(u, y, x, COLS - 2, buf, theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		if (u->in.kind == IN_PERCENT)
			x += ui_put(u, y, x, COLS - 1 - x, "%", theme_attr(C_DIMTEXT)) - 1;
		break;
	}
	case IN_SQL: {
		/* the end of a long query: where it is being typed */
		size_t len = strlen(u->in.text), room = COLS > 10 ? (size_t)COLS - 8 : 2;
		const char *t = u->in.text;
		x += ui_put(u, y, x, COLS - 2, "SQL: ", theme_attr(C_KEY));
		if (len > room) {
			t += len - room;
			while (((unsigned char)*t & 0xc0) == 0x80)
				t++;
		}
		x += ui_put(u, y, x, COLS - 1 - x, t, theme_attr(C_NORMAL));
		break;
	}
	case IN_SAVE:
	case IN_LOAD:
		x += ui_put(u, y, x, COLS - 2, u->in.kind == IN_SAVE ? "Save scenario to: " :
		    "Load scenario from: ", theme_attr(C_KEY));
		x += ui_put(u, y, x, COLS - 1 - x, u->in.text, theme_attr(C_NORMAL));
		break;
	}
	curs_set(1);
	move(y, x < COLS ? x : COLS - 1);
}

const struct ui_screen ui_input_screen = {
	.draw = draw_input,
	.overlay = 1,
	.type = input_type,
	.keys = input_keys,
	.nkeys = sizeof input_keys / sizeof *input_keys,
};

/* ---- exports (`e`) ---- */

static void
export_write(struct ui *u, const char *path, int replace)
{
	struct outfile of;
	char err[1200];
	size_t count = 0;
	int rc;
	if (outfile_open(&of, path, err, sizeof err) == NULL) {
		ui_status(u, MSG_ERROR, "export failed: %s (nothing written)", err);
		return;
	}
	if (u->export_csv(u, of.f, &count) != 0) {
		snprintf(err, sizeof err, "%s: writing: %s", path, strerror(errno));
		outfile_abort(&of);
		rc = -1;
	} else
		rc = outfile_commit(&of, replace, err, sizeof err);
	if (rc != 0) {
		ui_status(u, MSG_ERROR, "export failed: %s (the file is unchanged)", err);
		return;
	}
	ui_status(u, MSG_INFO, "exported %zu %s to %s", count, u->export_things, path);
}

static void
export_no(struct ui *u)
{
	ui_status(u, MSG_INFO, "not exported");
}

static void
export_accept(struct ui *u, const char *text)
{
	ui_input_file(u, text, export_write, export_no);
}

void
ui_export(struct ui *u, const char *name, ui_export_csv *csv, const char *things)
{
	u->export_csv = csv;
	u->export_things = things;
	ui_input_open(u, IN_EXPORT, name, NULL, export_accept, export_no);
}
