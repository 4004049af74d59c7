/* ui.c - the explorer's lifecycle: settings, loading (with progress), the
 * terminal, signals, and the one place focal waits for a key.
 *
 * Waiting: focal blocks in pselect(2) on the terminal with no timeout; a
 * SIGALRM once a second wakes it only to ask whose the terminal is (nothing
 * is drawn or sent then), so it uses no CPU to speak of while idle. (Not a
 * pselect timeout: valgrind 3.19 sometimes fails a pselect with a timeout
 * that a SIGSTOP interrupted, with EFAULT.) SIGINT, SIGTERM, SIGHUP, SIGWINCH
 * and SIGALRM are blocked except inside that pselect, which unblocks them
 * atomically: a signal can only arrive while focal waits, so none is lost
 * between "check the flag" and "sleep". The handlers just set a flag
 * (async-signal-safe); the loop sees it, leaves, and endwin() restores the
 * terminal on the normal path. ncurses
 * keeps its own SIGWINCH handler and turns the flag into KEY_RESIZE.
 *
 * Ctrl-Z (SIGTSTP) is handled the same way, not by ncurses' own handler,
 * which calls endwin() inside the signal handler (not async-signal-safe: a
 * Ctrl-Z in the middle of a frame could leave ncurses' state half-written).
 * The loop gives the terminal back (endwin) and stops with SIGTSTP's default
 * action. Whatever stopped focal, a SIGCONT makes it draw the whole screen
 * again, in its own terminal modes. Its job can be stopped without focal
 * seeing a SIGTSTP (seen under valgrind: the shell's subshell stopped, focal
 * still in pselect, no signal pending): when focal finds the shell holding
 * the terminal (input waiting, or at the next once-a-second look), it gives
 * the terminal back and stops, as for Ctrl-Z.
 * A SIGTSTP that was ignored when focal started stays ignored (a shell
 * without job control).
 * fatal() restores the terminal through fatal_hook before it prints.
 *
 * Test and bench hooks (tig's :save-display and TIG_SCRIPT):
 *   FOCAL_UI_DUMP=FILE   after every frame, writes the screen text to FILE
 *                        (atomically: FILE.tmp, then rename). Its first line is
 *                        "focal-ui-dump keys=N busy=B state=S cols=C lines=L";
 *                        N counts the keys handled, so a test knows its key was
 *                        drawn, and B is 0 once the deferred work is done too
 *                        (the trend, the what-if model, the anomaly scan, the
 *                        runway, the renewal calendar: ui_idle's steps).
 *   FOCAL_BENCH_KEYS=K   replays the keys K without waiting for the terminal,
 *                        then quits and prints per-key latency (key handling,
 *                        queries, drawing and doupdate, measured inside focal)
 *                        on stderr: "focal: bench: first frame F ms after start
 *                        (loading included); N keys, p50 X ms, p99 Y ms,
 *                        max Z ms; deferred work (trend) after M of them: p50
 *                        .., p99 ..; before the first key: T ms of deferred
 *                        work (...), its longest step S ms" (sparklines, the
 *                        what-if model, the anomaly scan and the runway, done
 *                        when no key is waiting, a step at a time: a key
 *                        waits at most for the step under way; timed apart
 *                        from the key's frame).
 *                        K is characters, plus <Up> <Down> <Left>
 *                        <Right> <PgUp> <PgDn> <Home> <End> <Enter> <Esc> <BS>
 *                        <Tab> <Space> <lt> <Resize> and <C-x> (control keys).
 *   FOCAL_BENCH_REPEAT=N replays K N times (default 1).
 *   FOCAL_BENCH_IDLE=N   does N steps of the deferred work before the first
 *                        key, not all of them: the key comes in the middle of
 *                        it, as one typed early would (tests/idle-ui.sh).
 *   FOCAL_BENCH_IDLE_AFTER=N  does at most N steps after each key (the next
 *                        key comes before the rest, as one typed fast would).
 *   FOCAL_BENCH_VERBOSE=1 also prints each key's latency and each deferred
 *                        step before the first key (on stderr, while the
 *                        screen is up: redirect stderr to a file). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "profile.h"
#include "report.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "views.h"
#include "wh_engine.h"
#include "xmalloc.h"

static volatile sig_atomic_t ui_tstp, ui_cont, ui_look;
static int curses_on;

static int term_usable(const char *term);

static void
on_tstp(int sig)
{
	(void)sig;
	ui_tstp = 1;
	ui_cont = 0;	/* a SIGCONT after this one is what suspend looks for */
}

static void
on_cont(int sig)
{
	(void)sig;
	ui_cont = 1;
}

/* SIGALRM, once a second while the explorer waits: time to ask whose the
 * terminal is (see run()) */
static void
on_look(int sig)
{
	(void)sig;
	ui_look = 1;
}

/* Whether focal's process group has the terminal (yes when stdin is not a
 * terminal at all: then nothing can take it away). */
static int
foreground(void)
{
	pid_t fg = tcgetpgrp(0);
	return fg < 0 || fg == getpgrp();
}

/* endwin() with SIGTTOU blocked: the shell may already have the terminal
 * (it takes it back as soon as the rest of focal's job has stopped), and a
 * tcsetattr from the background would otherwise stop focal with the
 * terminal still in curses mode. */
static void
give_back_terminal(void)
{
	sigset_t ttou, old;
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	endwin();
	if (!sigismember(&old, SIGTTOU))
		sigprocmask(SIG_UNBLOCK, &ttou, NULL);
}

/* Back in the foreground after a stop: the shell has had the terminal and
 * written over the screen, so curses mode comes back and every cell is
 * drawn again. After a Ctrl-Z (flush), what was typed to the shell is not
 * for focal; after a bare SIGCONT, keys typed since are (under valgrind the
 * redraw takes long enough for the next key to arrive first). */
static void
redraw_all(struct ui *u, const char *dump, int flush)
{
	ui_cont = 0;
	if (flush)
		flushinp();
	clearok(curscr, TRUE);
	ui_frame(u);
	if (dump)
		ui_dump_screen(u, dump);
}

/* sigaction() with an empty mask: the one way focal sets a handler.
 * Returns 0 when it was set; the handler before it goes to *old. */
static int
set_handler(int sig, void (*fn)(int), int flags, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = flags;
	return sigaction(sig, &sa, old);
}

/* Stops focal with SIGTSTP's default action, until a SIGCONT. */
static void
stop_self(void)
{
	struct sigaction ours;
	sigset_t tstp;

	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	set_handler(SIGTSTP, SIG_DFL, 0, &ours);
	kill(getpid(), SIGTSTP);	/* pending: SIGTSTP is blocked here */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);	/* stops here until SIGCONT */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	sigaction(SIGTSTP, &ours, NULL);
}

/* Ctrl-Z (SIGTSTP is blocked everywhere but in pselect), or the shell
 * holding the terminal when input waits or at run()'s once-a-second look
 * (focal's job was stopped, focal was not): the terminal goes back to the
 * shell and focal stops; back in the foreground, the whole screen is drawn
 * again.
 *
 * The job may be continued before focal has stopped (its shell waits only
 * for its own child, which may be a wrapper that stopped at once): a SIGCONT
 * after the Ctrl-Z sets ui_cont (on_tstp cleared it), and focal does not
 * stop then. Continued in the background (bg), it stops again; not stopped
 * at all (seen under valgrind), it looks for the terminal at every signal
 * (SIGCONT, or the SIGALRM run() sets once a second).
 *
 * The terminal still focal's after stop_self is no sign of a fg: a stop that
 * did not stop (valgrind) comes back before the shell has taken the
 * terminal, and focal drew the explorer, for the shell's fg to draw it once
 * more, blank between (a CI failure). Focal goes back to the explorer once a
 * SIGCONT came, or the shell had the terminal and gave it back, or no one
 * took it in two looks (a stop that cannot stop: an orphaned group). */
static void
suspend(struct ui *u, const char *dump, const sigset_t *waitmask)
{
	int shell_had_it = 0, looks = 0;
	give_back_terminal();
	while (!ui_signal) {
		if (!ui_cont)
			stop_self();
		if (!foreground())
			shell_had_it = 1;
		else if (ui_cont || shell_had_it || ++looks > 2)
			break;
		ui_cont = 0;
		/* until a signal: SIGCONT (fg), or run()'s SIGALRM */
		pselect(0, NULL, NULL, NULL, NULL, waitmask);
	}
	ui_tstp = 0;
	if (!ui_signal)	/* (one that ends focal: the terminal stays the shell's) */
		redraw_all(u, dump, 1);
}

static void
ui_fatal_hook(void)
{
	if (curses_on) {
		endwin();
		curses_on = 0;
	}
}

/* A crash (a bug: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) must not leave
 * the user's terminal in raw mode on the alternate screen: put it back, then
 * die of the same signal (the default action: core dump, exit status). endwin
 * is not async-signal-safe; htop does the same, as the process ends anyway. */
static const int crash_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NCRASH ((int)(sizeof crash_sigs / sizeof *crash_sigs))

static void
on_crash(int sig)
{
	ui_fatal_hook();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ---- settings and warnings ---- */

static void
warn_settings(void *ctx, const char *msg)
{
	struct ui *u = ctx;
	char clean[1100];
	text_sanitize(msg, clean, sizeof clean, 0);
	fprintf(stderr, "focal: %s (line ignored)\n", clean);
	ui_log(u, C_WARN, "%s (line ignored)", msg);
	if (u->status[0] == '\0')
		ui_status(u, MSG_WARN, "%s (line ignored; W lists warnings)", msg);
}

static void
warn_profile(void *ctx, const char *msg)
{
	struct ui *u = ctx;
	char clean[1100];
	text_sanitize(msg, clean, sizeof clean, 0);
	fprintf(stderr, "focal: warning: %s (profile skipped)\n", clean);
	ui_log(u, C_WARN, "%s (profile skipped)", msg);
}

/* ---- loading ---- */

/* The terminal under curses: opened while loading (the partial frame) or
 * after it, closed before any message and at the end. */
struct tty {
	const char *name;
	FILE *out;
	SCREEN *scr;
	int colour;
	struct ui *u;
	struct sigaction crash_old[NCRASH];
};

static void curses_modes(struct ui *u, int colour);

static int
term_open(struct tty *t)
{
	if (t->scr)
		return 0;
	if ((t->scr = newterm(t->name, t->out, stdin)) == NULL)
		return -1;
	curses_on = 1;
	fatal_hook = ui_fatal_hook;
	for (int i = 0; i < NCRASH; i++)
		set_handler(crash_sigs[i], on_crash, 0, &t->crash_old[i]);
	curses_modes(t->u, t->colour);
	/* ncurses 6.4 sends its output at every cursor move until the first
	 * endwin (lib_mvcur.c: ewInitial), a write per line: over a slow link
	 * a packet per line, and a frame seen half drawn. After one endwin it
	 * sends a frame as it ends (one write, or a few for a big one).
	 * endwin leaves the alternate screen and doupdate is back on it at
	 * once, before anything is drawn. */
	endwin();
	doupdate();
	return 0;
}

static void
term_close(struct tty *t)
{
	if (t->scr == NULL)
		return;
	endwin();
	curses_on = 0;
	fatal_hook = NULL;
	for (int i = 0; i < NCRASH; i++)
		sigaction(crash_sigs[i], &t->crash_old[i], NULL);
	delscreen(t->scr);
	t->scr = NULL;
}

static int
partial_open(struct ui_partial *p)
{
	return term_open(p->open_ctx);
}

static void
partial_say(void *ctx)
{
	term_close(((struct ui_partial *)ctx)->open_ctx);
}

/* cli_load_store, with Ctrl-C (or q on the partial frame) cancelling the
 * load and profile warnings also in the log. */
static int
load(struct ui *u, struct cli *c, struct ui_partial *p)
{
	struct cli_load_ui lui = {ui_partial_progress, partial_say, p, 1};
	enum status st = cli_load_store(c, &u->s, NULL, &ui_signal, warn_profile, u, &lui);
	if (p->quit)
		return EXIT_OK;
	if (st == STATUS_CANCELLED || ui_signal)
		return 128 + (ui_signal ? ui_signal : SIGINT);
	return cli_exit_code(st);
}

/* ---- what the explorer shows ---- */

static int
parse_dims(struct ui *u, struct cli *c, const struct settings *st, struct dim *path)
{
	const struct profile *p = store_profile(u->s);
	const struct settings_drill *sd = settings_drill(st, p ? p->name : NULL);
	char err[512];
	int n = 0;
	if (c->nby) {	/* --by is the drill path, and must be right */
		for (int i = 0; i < c->nby && n < DRILL_MAX_PATH; i++) {
			if (dim_parse(u->s, c->by[i], u->m.grain, &path[n], err, sizeof err) != 0) {
				fprintf(stderr, "focal: --by %s: %s\n", c->by[i], err);
				return -1;
			}
			n++;
		}
		return n;
	}
	/* settings or profile: levels the data lacks are skipped */
	for (int i = 0; sd && i < sd->ndims && n < DRILL_MAX_PATH; i++) {
		if (dim_parse(u->s, sd->dims[i], u->m.grain, &path[n], err, sizeof err) == 0)
			n++;
		else
			ui_log(u, C_DIMTEXT, "drill path level %s skipped: %s", sd->dims[i], err);
	}
	for (int i = 0; n == 0 && p && i < p->ndrill && n < DRILL_MAX_PATH; i++)
		if (dim_parse(u->s, p->drill[i], u->m.grain, &path[n], err, sizeof err) == 0) {
			n++;
			for (int j = i + 1; j < p->ndrill && n < DRILL_MAX_PATH; j++)
				if (dim_parse(u->s, p->drill[j], u->m.grain, &path[n], err, sizeof err) == 0)
					n++;
		}
	if (n == 0 && dim_parse(u->s, "ServiceName", u->m.grain, &path[0], err, sizeof err) == 0)
		n = 1;
	if (n == 0) {
		struct dim *all;
		size_t k = dim_list(u->s, u->m.grain, &all);
		if (k) {
			path[0] = all[0];
			n = 1;
		}
		free(all);
	}
	return n;
}

static void
note_no_match(void *ctx, const char *where)
{
	ui_status(ctx, MSG_WARN, "--where %s matches no row", where);
}

static int
parse_where(struct ui *u, struct cli *c, struct drill_view *root)
{
	char err[600];
	if (cli_parse_where(u->s, c, root->f, &root->nf, note_no_match, u, err, sizeof err) != 0) {
		cli_say("%s", err);
		return -1;
	}
	return 0;
}

/* The header's dataset line, long to short: files, provider, the billing
 * periods covered, rows. */
static void
dataset_text(struct store *s, uint64_t nrows, int utf8, char *out[3])
{
	const struct profile *p = store_profile(s);
	const char *dot = utf8 ? " \xc2\xb7 " : " - ";
	char files[300], prov[200] = "", per[3][160] = {"", "", ""}, rows[64], err[128];
	const char *path = store_nfiles(s) ? store_file_path(s, 0) : "", *b = strrchr(path, '/');
	int pc = store_find_column(s, "ProviderName");
	struct dim d;
	if (store_nfiles(s) == 1)
		snprintf(files, sizeof files, "%s", b ? b + 1 : path);
	else
		snprintf(files, sizeof files, "%d files", store_nfiles(s));
	if (pc >= 0 && store_ncodes(s, pc) == 2)
		snprintf(prov, sizeof prov, "%s%s", dot, store_label(s, pc, 1));
	else if (pc >= 0 && store_ncodes(s, pc) > 2)
		snprintf(prov, sizeof prov, "%s%u providers", dot, store_ncodes(s, pc) - 1);
	else if (p)
		snprintf(prov, sizeof prov, "%s%s", dot, p->title);
	if (dim_parse(s, "billing-period:month", GRAIN_MONTH, &d, err, sizeof err) == 0 ||
	    dim_parse(s, "period:month", GRAIN_MONTH, &d, err, sizeof err) == 0) {
		uint32_t n = dim_ncodes(s, &d) - 1;
		char a[32], z[32];
		const char *what = d.type == DIM_BILLING_PERIOD ? (n == 1 ? "billing period" : "billing periods") :
		    n == 1 ? "period" : "periods";
		dim_label(s, &d, 1, a, sizeof a);
		dim_label(s, &d, n, z, sizeof z);
		if (n > 0) {
			snprintf(per[0], sizeof per[0], "%s%s %s..%s (%u)", dot, what, a, z, n);
			snprintf(per[1], sizeof per[1], "%s%s..%s (%u %s)", dot, a, z, n, what);
			snprintf(per[2], sizeof per[2], "%s%s..%s", dot, a, z);
		}
	}
	money_format(money_from_int((long long)nrows), 0, 0, ',', rows, sizeof rows);
	xasprintf(&out[0], "%s%s%s%s%s rows", files, prov, per[0], dot, rows);
	xasprintf(&out[1], "%s%s%s", files, prov, per[1]);
	xasprintf(&out[2], "%s%s%s", files, prov, per[2]);
}

/* ---- a warehouse table (wh_engine.h) ---- */

/* Ctrl-C while the warehouse answers: the signal is blocked outside the
 * wait for a key, so the waiting line takes it here and stops the query
 * (also on the server); Ctrl-C at a key still quits. */
static volatile sig_atomic_t wh_stop;

static void
wh_waiting(void *ctx, double seconds)
{
	struct ui *u = ctx;
	static const struct timespec zero = {0, 0};
	sigset_t pend, one;
	char line[200];
	if (sigpending(&pend) == 0 && sigismember(&pend, SIGINT)) {
		sigemptyset(&one);
		sigaddset(&one, SIGINT);
		if (sigtimedwait(&one, NULL, &zero) == SIGINT)
			wh_stop = SIGINT;
	}
	if (seconds < 0.2 || wh_stop)
		return;
	snprintf(line, sizeof line, " waiting for %s: %.1f s (Ctrl-C stops the query)", u->wh_name, seconds);
	ui_put(u, LINES - 1, 0, COLS, line, theme_attr(C_WARN));
	clrtoeol();
	refresh();
}

static void
wh_attach(struct ui *u)
{
	struct wh *w = wh_engine_wh(u->s);
	if (w == NULL)
		return;
	snprintf(u->wh_name, sizeof u->wh_name, "%s", w->d->name);
	w->cancel = &wh_stop;
	w->waiting = wh_waiting;
	w->waiting_ctx = u;
}

/* Why the engine answered with nothing (the server down, the query
 * stopped), on the status line; the frame drawn again to show it. */
static void
engine_said(struct ui *u, const char *dump)
{
	const char *why = query_engine_error(u->s);
	wh_stop = 0;
	if (why == NULL)
		return;
	ui_status(u, MSG_ERROR, "%s", why);	/* a stopped query says so */
	ui_frame(u);
	if (dump)
		ui_dump_screen(u, dump);
}

/* ---- waiting for a key ---- */

static void
handle_key(struct ui *u, int r, wint_t ch, const char *dump)
{
	if (r == KEY_CODE_YES && ch == KEY_RESIZE)
		ui_resized(u);	/* the pager wraps its lines again */
	ui_key(u, r == KEY_CODE_YES, (unsigned)ch);
	ui_frame(u);
	if (dump)
		ui_dump_screen(u, dump);
	engine_said(u, dump);
}

/* The main loop; see the comment at the top of the file. Keys ncurses has
 * buffered come first, then deferred work (the trend), then a blocking
 * pselect with the signals unblocked. */
static void
run(struct ui *u, const sigset_t *waitmask, const char *dump)
{
	int empty = 0;
	while (!u->quit && !ui_signal) {
		wint_t ch;
		fd_set fds;
		int r, look;
		if (ui_tstp) {
			suspend(u, dump, waitmask);
			continue;
		}
		if (ui_cont) {
			/* stopped by something else (SIGSTOP, SIGTTIN, its
			 * job stopped behind its back) and continued: the
			 * terminal may have the shell's modes */
			give_back_terminal();
			redraw_all(u, dump, 0);
			continue;
		}
		r = wget_wch(stdscr, &ch);	/* nodelay */
		if (r != ERR) {
			empty = 0;
			handle_key(u, r, ch, dump);
			continue;
		}
		if (ui_idle(u)) {
			ui_frame(u);
			if (dump)
				ui_dump_screen(u, dump);
			engine_said(u, dump);
			continue;
		}
		FD_ZERO(&fds);
		FD_SET(0, &fds);
		r = pselect(1, &fds, NULL, NULL, NULL, waitmask);
		if (r < 0 && errno != EINTR)
			break;
		look = ui_look;
		ui_look = 0;
		/* readable or a second gone, and the shell has the terminal:
		 * focal's job was stopped and focal was not (reading would
		 * stop it with the terminal in curses mode) */
		if ((r > 0 || look) && !foreground()) {
			ui_cont = 0;	/* as on_tstp does */
			suspend(u, dump, waitmask);
			continue;
		}
		/* readable, yet no key: end of file on a hung-up line */
		if (r > 0 && ++empty > 50)
			break;
	}
}

/* ---- the explorer ---- */

static void
ui_free(struct ui *u)
{
	ui_sql_free(u);	/* its session reads the store */
	free(u->scenario_saved);
	ui_renewals_free(u);
	ui_runway_free(u);
	compare_free(&u->cmp.r);	/* screens left open by Ctrl-C */
	views_free(u->views.v, u->views.n);
	drill_history_free(&u->m);
	ui_forecast_free(u);
	ui_anomaly_free(u);
	ui_pivot_free(u);
	ui_chart_free(u);
	drill_free(&u->m);
	drill_rows_free(&u->rows);
	for (size_t i = 0; i < u->pager.n; i++)
		free(u->pager.lines[i].text);
	free(u->pager.lines);
	free(u->pager.title);
	for (size_t i = 0; i < u->nlog; i++)
		free(u->log[i].text);
	free(u->log);
	free(u->dims.d);
	free(u->dims.shown);
	free(u->in.confirm_path);
	for (int i = 0; i < 3; i++)
		free(u->dataset[i]);
	if (u->s)
		store_free(u->s);
}

/* The drill model, the list at the bottom of the screen stack, the
 * header's text: EXIT_OK, or EXIT_USAGE (a bad --where). */
static int
explore_setup(struct ui *u, struct cli *c, const struct settings *st, const struct dim *path, int npath)
{
	drill_init(&u->m, u->s, path, npath, c->metric, c->grain, (size_t)(c->top > 0 ? c->top : st->top));
	ui_push(u, ST_LIST);	/* the bottom of the screen stack, always */
	if (parse_where(u, c, &u->m.views[0]) != 0)
		return EXIT_USAGE;
	u->m.fy_month = c->fy_month ? c->fy_month : st->fy_month;
	if (c->range || c->from || c->to) {
		char text[200], err[300];
		if (c->range && (c->from || c->to))
			return cli_usage(NULL, "give either --range or --from/--to");
		snprintf(text, sizeof text, "%s%s%s", c->range ? c->range : c->from ? c->from : "",
		    c->range ? "" : "..", c->range ? "" : c->to ? c->to : "");
		if (drill_set_range(&u->m, text, err, sizeof err) != 0)
			return cli_usage(NULL, "%s %s", c->range ? "--range" : "--from/--to", err);
	}
	if (c->compare || c->sort_set)
		return cli_usage(NULL, "--compare and --sort are report options: C compares in the explorer");
	{
		/* a warehouse's rows are its answer's (the store holds none) */
		uint64_t nrows = store_nrows(u->s);
		if (store_engine(u->s, NULL)) {
			nrows = u->m.grand.rows;
			for (uint32_t i = 0; u->m.split_cur && i <= u->m.ncur; i++)
				nrows += i == u->m.cur ? 0 : u->m.cur_total[i].rows;
		}
		dataset_text(u->s, nrows, u->utf8, u->dataset);
	}
	if (store_nrejects(u->s))
		snprintf(u->notice, sizeof u->notice, "%llu row%s rejected, not in any total: W lists them",
		    (unsigned long long)store_nrejects(u->s), store_nrejects(u->s) == 1 ? "" : "s");
	return EXIT_OK;
}

/* Reads the settings file; the options win over it (the default metric
 * and grain cannot be told from unset ones: those the file may change).
 * Returns whether to use colour. */
static int
settings_apply(struct ui *u, struct cli *c, struct settings *st)
{
	const char *nocolor = getenv("NO_COLOR");
	char *cfg;
	settings_init(st);
	if ((cfg = settings_path()) != NULL)
		settings_load(st, cfg, warn_settings, u);
	free(cfg);
	if (st->metric >= 0 && !c->metric_set)
		c->metric = (enum metric)st->metric;
	if (st->grain >= 0 && !c->grain_set)
		c->grain = (enum grain)st->grain;
	u->utf8 = !(c->ascii || st->ascii == 1) && !strcmp(nl_langinfo(CODESET), "UTF-8");
	u->theme = st->theme;
	u->min_cols = st->min_cols;
	u->min_rows = st->min_rows;
	u->too_small = st->too_small;
	u->m.grain = c->grain;
	return c->color >= 0 ? c->color : st->color >= 0 ? st->color : !(nocolor && *nocolor);
}

static void
curses_modes(struct ui *u, int colour)
{
	cbreak();	/* Ctrl-C stays a signal, Ctrl-Z suspends (see suspend()) */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);	/* wait_key blocks in pselect, never in getch */
	set_escdelay(25);
	curs_set(0);
	theme_init(colour, u->theme);
}

/* The first frame, then the keys until q or a signal (or the bench's
 * keys: their timings are returned, to print once the screen is down). */
static char *
session(struct ui *u, const char *bench, const char *dump, double t_start)
{
	char *bench_out = NULL;
	/* the signals that arrive only while run() waits in pselect */
	static const int waitsigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGALRM};
	const int nwait = (int)(sizeof waitsigs / sizeof *waitsigs);
	sigset_t block, waitmask;
	sigemptyset(&block);
	for (int i = 0; i < nwait; i++)
		sigaddset(&block, waitsigs[i]);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	for (int i = 0; i < nwait; i++)
		sigdelset(&waitmask, waitsigs[i]);

	wh_attach(u);
	ui_frame(u);
	if (dump)
		ui_dump_screen(u, dump);
	engine_said(u, dump);
	if (bench)
		bench_out = ui_bench_run(u, bench, dump, &ui_signal, (ui_now() - t_start) * 1000.0);
	if (!bench) {
		static const struct itimerval second = {{1, 0}, {1, 0}}, off = {{0, 0}, {0, 0}};
		struct sigaction alrm_old;
		int alrm = set_handler(SIGALRM, on_look, 0, &alrm_old) == 0;
		if (alrm)
			setitimer(ITIMER_REAL, &second, NULL);
		run(u, &waitmask, dump);
		if (alrm) {
			/* off, and a SIGALRM still pending taken by
			 * on_look, before the old handler is back */
			setitimer(ITIMER_REAL, &off, NULL);
			sigprocmask(SIG_UNBLOCK, &block, NULL);
			sigaction(SIGALRM, &alrm_old, NULL);
			ui_look = 0;
		}
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	return bench_out;
}

int
ui_explore(struct cli *c)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction old[3], tstp_old, cont_old;
	struct settings st;
	struct ui *u;
	struct dim path[DRILL_MAX_PATH];
	struct tty t;
	struct ui_partial partial;
	const char *bench = getenv("FOCAL_BENCH_KEYS"), *dump = getenv("FOCAL_UI_DUMP");
	char *bench_out = NULL;
	int rc, npath = 0, tstp_ours = 0, cont_set = 0;
	double t_start = ui_now();

	memset(&t, 0, sizeof t);
	t.name = getenv("TERM");
	t.out = stdout;
	if (!term_usable(t.name)) {
		fprintf(stderr, "focal: cannot drive the terminal type '%s': printing the report\n",
		    t.name ? t.name : "");
		return UI_PRINT_REPORT;
	}
	t.u = u = xcalloc(1, sizeof *u);
	t.colour = settings_apply(u, c, &st);
	ui_partial_init(&partial, u, c->metric, t_start);
	partial.cancel = &ui_signal;
	partial.open = partial_open;
	partial.open_ctx = &t;

	/* not restarting: a read of a stalled pipe or FIFO while loading
	 * returns, and the load ends as cancelled (outside pselect these are
	 * blocked once the explorer is up) */
	for (int i = 0; i < 3; i++)
		set_handler(sigs[i], ui_on_signal, 0, &old[i]);
	if (!isatty(1) && bench && (t.out = fopen("/dev/null", "w")) == NULL)
		t.out = stdout;
	/* Ctrl-Z: ours, not ncurses' (see the top of the file); set before
	 * newterm, which then leaves SIGTSTP alone */
	if (sigaction(SIGTSTP, NULL, &tstp_old) == 0 && tstp_old.sa_handler == SIG_DFL)
		tstp_ours = set_handler(SIGTSTP, on_tstp, SA_RESTART, NULL) == 0;
	/* SIGCONT: not blocked and not restarting, so that a read stopped by
	 * SIGTTIN comes back with EINTR instead of waiting for a whole line
	 * in the shell's terminal modes */
	cont_set = set_handler(SIGCONT, on_cont, 0, &cont_old) == 0;

	rc = load(u, c, &partial);
	if (rc != EXIT_OK || partial.quit || (npath = parse_dims(u, c, &st, path)) <= 0) {
		term_close(&t);
		if (rc == EXIT_OK && !partial.quit)
			rc = EXIT_USAGE;
		else if (rc < 128 && !partial.quit)
			cli_report_rejects(u->s, stderr, 20);
		goto done;
	}
	if ((rc = explore_setup(u, c, &st, path, npath)) != EXIT_OK) {
		term_close(&t);
		goto done;
	}
	u->partial_ms = partial.first_ms;
	if (term_open(&t) != 0) {
		/* the report, as on a pipe (it loads again: a rare path) */
		fprintf(stderr, "focal: cannot drive this terminal: printing the report\n");
		profile_free_all(c->profiles, c->nprofiles);
		c->profiles = NULL;
		c->nprofiles = 0;
		rc = -1;
		goto done;
	}
	ui_partial_typed(&partial);
	bench_out = session(u, bench, dump, t_start);
	term_close(&t);
	if (bench_out)
		fputs(bench_out, stderr);
	free(bench_out);
	rc = cli_report_rejects(u->s, stderr, 20) ? EXIT_ROWS : EXIT_OK;
	if (ui_signal == SIGTERM || ui_signal == SIGHUP)
		rc = 128 + ui_signal;
done:
	if (t.out != stdout)
		fclose(t.out);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (tstp_ours)
		sigaction(SIGTSTP, &tstp_old, NULL);
	if (cont_set)
		sigaction(SIGCONT, &cont_old, NULL);
	ui_signal = 0;
	ui_tstp = 0;
	ui_cont = 0;
	ui_partial_free(&partial);
	settings_free(&st);
	ui_free(u);
	free(u);
	return rc < 0 ? UI_PRINT_REPORT : rc;
}

/* term.h defines macros with everyday names (lines, columns, ...): it comes
 * last, for this one check. */
#include <term.h>

/* Whether curses can drive this terminal; asked before loading, so that an
 * unknown TERM prints the report instead of failing after a long load. */
static int
term_usable(const char *term)
{
	int err = 0, usable;
	TERMINAL *saved = cur_term, *t;
	if (term == NULL || *term == '\0')
		return 0;
	if (setupterm(term, 1, &err) != OK)
		return 0;
	/* a terminal without cursor addressing (dumb) cannot draw a screen */
	usable = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1;
	t = cur_term;
	set_curterm(saved);
	del_curterm(t);
	return usable;
}
