/* cli_wh.c - what the commands do the same way on a warehouse table
 * (warehouse.h): credentials from the settings file, Ctrl-C stopping the
 * query on the server too, how long a query has waited (cli.h). It
 * calls nothing of cli.c, which calls it. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "query.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "warehouse.h"
#include "wh_engine.h"

/* ---- a warehouse table ---- */

/* Ctrl-C while a query runs stops it, here and on the server
 * (warehouse.h); a terminal's stderr says how long focal has waited. */
static volatile sig_atomic_t wh_cancelled;
static int wh_wait_shown;
static struct sigaction wh_old_int;

static void
wh_on_sigint(int sig)
{
	wh_cancelled = sig;
}

static void
wh_waiting(void *ctx, double seconds)
{
	if (seconds < 0.5)
		return;
	fprintf(stderr, "\rfocal: waiting for %s: %.1f s (Ctrl-C stops the query, also on the server)\033[K",
	    (const char *)ctx, seconds);
	wh_wait_shown = 1;
}

void
cli_warehouse_wait_clear(void)
{
	if (wh_wait_shown)
		fputs("\r\033[K", stderr);
	wh_wait_shown = 0;
}

/* warehouse_open with the settings file's credentials (the environment's
 * win, warehouse.h). */
static int
warehouse_connect(struct wh *w, const char *url, char *err, size_t errlen)
{
	struct settings st;
	char *path = settings_path();
	int rc;
	settings_init(&st);
	if (path)
		settings_load(&st, path, NULL, NULL);
	rc = warehouse_open(w, url, st.clickhouse_user, st.clickhouse_password, err, errlen);
	if (st.clickhouse_password)
		memset(st.clickhouse_password, 0, strlen(st.clickhouse_password));
	settings_free(&st);
	free(path);
	return rc;
}

int
cli_warehouse_open(struct wh *w, const char *url, int quiet, char *err, size_t errlen)
{
	struct sigaction sa;
	int rc = warehouse_connect(w, url, err, errlen);
	if (rc != 0)
		return rc;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = wh_on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* not restarting: a wait for the server returns */
	sigaction(SIGINT, &sa, &wh_old_int);
	wh_cancelled = 0;
	w->cancel = &wh_cancelled;
	if (isatty(2) && !quiet) {
		w->waiting = wh_waiting;
		w->waiting_ctx = w->url;
	}
	return 0;
}

/* The explorer on a warehouse table: a store whose engine is the table
 * (wh_engine.h); cancel (the caller's signal flag) stops what the opening
 * asks. */
enum status
cli_load_warehouse(struct cli *c, struct store **out, volatile sig_atomic_t *cancel, const struct cli_load_ui *lui)
{
	struct wh w;
	char err[1024], clean[1100];
	if (warehouse_connect(&w, c->files[0], err, sizeof err) == 0) {
		w.cancel = cancel;
		if (isatty(2) && !c->quiet) {	/* until the explorer's screen is up */
			w.waiting = wh_waiting;
			w.waiting_ctx = w.url;
		}
		if (wh_engine_store(&w, (const struct profile *const *)c->profiles, c->nprofiles, out, err,
		    sizeof err) == 0) {
			cli_warehouse_wait_clear();
			return STATUS_OK;
		}
	}
	cli_warehouse_wait_clear();
	if (lui && lui->before_say)
		lui->before_say(lui->ctx);
	text_sanitize(err, clean, sizeof clean, 0);
	fprintf(stderr, "focal: %s\n", clean);	/* a Ctrl-C too: it says the server stopped */
	return cancel && *cancel ? STATUS_CANCELLED : STATUS_FILE;
}

volatile sig_atomic_t *
cli_warehouse_sigint(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = wh_on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);	/* for the process's life: it asks until it ends */
	wh_cancelled = 0;
	return &wh_cancelled;
}

int
cli_table_status(struct store *s)
{
	const char *why = query_engine_error(s);
	char clean[1100];
	cli_warehouse_wait_clear();
	if (why == NULL)
		return EXIT_OK;
	text_sanitize(why, clean, sizeof clean, 0);
	fprintf(stderr, "focal: %s: %s (the figures above are incomplete)\n", store_file_path(s, 0), clean);
	return wh_cancelled ? EXIT_CANCELLED : EXIT_FILE;
}

int
cli_warehouse_close(struct wh *w)
{
	cli_warehouse_wait_clear();
	sigaction(SIGINT, &wh_old_int, NULL);
	warehouse_close(w);
	return wh_cancelled ? 128 + wh_cancelled : 0;
}
