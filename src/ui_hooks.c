/* ui_hooks.c - the explorer's test and bench hooks (tig's :save-display
 * and TIG_SCRIPT; see the top of ui.c): the screen dump written after every
 * frame, and the replay of keys with their latencies. */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "ui.h"
#include "xmalloc.h"

double
ui_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- screen dump, for tests ---- */

/* Whether ui_idle has work left: the trend, the what-if model, the
 * anomaly scan, the runway, the renewal calendar's list and its details'
 * height (none with the rows in a warehouse). */
static int
idle_pending(struct ui *u)
{
	return drill_busy(&u->m) || !u->m.wi.loaded || !u->an.tried || u->an.job || !u->rw.tried ||
	    ui_renewals_pending(u);
}

void
ui_dump_screen(struct ui *u, const char *path)
{
	char tmp[4096], mb[4096];
	wchar_t wb[1024];
	FILE *f;
	int oy, ox;
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return;
	getyx(stdscr, oy, ox);
	/* busy: deferred work is still waiting */
	fprintf(f, "focal-ui-dump keys=%lu busy=%d state=%s cols=%d lines=%d\n", u->nkeys, idle_pending(u),
	    ui_state_name(ui_top(u)), COLS, LINES);
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, wb, COLS < 1023 ? COLS : 1023);
		size_t len;
		if (n < 0)
			n = 0;
		wb[n] = L'\0';
		len = wcstombs(mb, wb, sizeof mb - 1);
		if (len == (size_t)-1)
			len = 0;
		mb[len] = '\0';
		while (len > 0 && mb[len - 1] == ' ')
			mb[--len] = '\0';
		fprintf(f, "%s\n", mb);
	}
	move(oy, ox);
	if (fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
}

/* ---- the bench hook ---- */

struct bench_key {
	int keycode;
	unsigned ch;
};

static size_t
bench_parse(const char *s, struct bench_key **out)
{
	static const struct {
		const char *name;
		int keycode;
		unsigned ch;
	} names[] = {
		{"Up", 1, KEY_UP}, {"Down", 1, KEY_DOWN}, {"Left", 1, KEY_LEFT}, {"Right", 1, KEY_RIGHT},
		{"PgUp", 1, KEY_PPAGE}, {"PgDn", 1, KEY_NPAGE}, {"Home", 1, KEY_HOME}, {"End", 1, KEY_END},
		{"Enter", 0, '\n'}, {"Esc", 0, 27}, {"BS", 1, KEY_BACKSPACE}, {"Tab", 0, '\t'},
		{"Space", 0, ' '}, {"lt", 0, '<'}, {"Resize", 1, KEY_RESIZE},
	};
	size_t n = 0;
	*out = xcalloc(strlen(s) + 1, sizeof **out);
	while (*s) {
		struct bench_key k = {0, (unsigned char)*s};
		const char *gt = *s == '<' ? strchr(s, '>') : NULL;
		size_t len = 1;
		if (gt) {
			size_t nl = (size_t)(gt - s - 1);
			len = nl + 2;
			if (nl == 3 && s[1] == 'C' && s[2] == '-')
				k.ch = (unsigned)(s[3] & 0x1f);
			else
				for (size_t i = 0; i < sizeof names / sizeof *names; i++)
					if (strlen(names[i].name) == nl && !strncasecmp(names[i].name, s + 1, nl)) {
						k.keycode = names[i].keycode;
						k.ch = names[i].ch;
					}
		}
		(*out)[n++] = k;
		s += len;
	}
	return n;
}

/* One step of the deferred work, in order: the trend and the what-if
 * model, the anomaly scan, the runway, the renewal calendar; first the
 * scan or the runway the screen on top is waiting for. 1 if a step was done
 * (then the frame is drawn again), 0 when there is none left. */
int
ui_idle(struct ui *u)
{
	if ((ui_top(u) == ST_ANOMALY && u->an.job && ui_anomaly_idle(u)) ||
	    (ui_top(u) == ST_RUNWAY && ui_runway_idle(u)))
		return 1;
	return drill_idle(&u->m) || ui_anomaly_idle(u) || ui_runway_idle(u) || ui_renewals_idle(u);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Replays the keys; returns the report line (malloc'd) for after endwin. */
char *
ui_bench_run(struct ui *u, const char *keys, const char *dump, volatile sig_atomic_t *stop,
    double first_frame)
{
	struct bench_key *k;
	size_t n = bench_parse(keys, &k), total = 0;
	const char *rep = getenv("FOCAL_BENCH_REPEAT");
	long repeat = rep ? strtol(rep, NULL, 10) : 1;
	double *lat, *fill, t0, tf, first_idle, longest = 0;
	size_t nfill = 0, capfill;
	char *out, trend[160] = "", partial[96] = "";
	FILE *verbose = getenv("FOCAL_BENCH_VERBOSE") ? stderr : NULL;
	const char *idle = getenv("FOCAL_BENCH_IDLE"), *after = getenv("FOCAL_BENCH_IDLE_AFTER");
	long nidle = idle && *idle ? strtol(idle, NULL, 10) : -1;
	long nafter = after && *after ? strtol(after, NULL, 10) : -1;
	if (repeat < 1)
		repeat = 1;
	t0 = ui_now();
	for (long step = 0; nidle < 0 || step < nidle; step++) {
		/* the first frame's deferred work, as the loop would, a step at
		 * a time (FOCAL_BENCH_IDLE=N: N steps of it, so that the first
		 * key comes in the middle of it) */
		double t1 = ui_now();
		if (!ui_idle(u))
			break;
		ui_frame(u);
		if (verbose)
			fprintf(verbose, "focal: bench: deferred step: %.3f ms\n", (ui_now() - t1) * 1000.0);
		if ((ui_now() - t1) * 1000.0 > longest)
			longest = (ui_now() - t1) * 1000.0;
	}
	first_idle = (ui_now() - t0) * 1000.0;
	lat = xcalloc(n * (size_t)repeat + 1, sizeof *lat);
	capfill = n * (size_t)repeat + 1;
	fill = xcalloc(capfill, sizeof *fill);
	for (long r = 0; r < repeat && !u->quit && !*stop; r++)
		for (size_t i = 0; i < n && !u->quit && !*stop; i++) {
			/* a key: handling, queries, drawing, doupdate */
			t0 = ui_now();
			ui_key(u, k[i].keycode, k[i].ch);
			ui_frame(u);
			lat[total++] = (ui_now() - t0) * 1000.0;
			if (dump)
				ui_dump_screen(u, dump);
			/* then the deferred work the key left (a trend, a
			 * what-if model...), as the idle loop does it, one step
			 * after the other */
			tf = 0;
			for (long st = 0; nafter < 0 || st < nafter; st++) {
				double t1 = ui_now();
				if (!ui_idle(u))
					break;
				ui_frame(u);
				if (nfill == capfill) {	/* a key may be followed by many steps */
					capfill *= 2;
					fill = xreallocarray(fill, capfill, sizeof *fill);
				}
				tf = fill[nfill++] = (ui_now() - t1) * 1000.0;
				if (dump)
					ui_dump_screen(u, dump);
			}
			if (verbose)
				fprintf(verbose, "focal: bench: key %zu: %.3f ms, then deferred work %.3f ms\n", i + 1, lat[total - 1], tf);
		}
	qsort(lat, total, sizeof *lat, cmp_double);
	qsort(fill, nfill, sizeof *fill, cmp_double);
	if (u->partial_ms > 0)
		snprintf(partial, sizeof partial, "focal: bench: first partial frame %.0f ms after start\n", u->partial_ms);
	if (nfill)
		snprintf(trend, sizeof trend, "; %zu deferred steps after the keys: p50 %.3f ms, p99 %.3f ms", nfill,
		    fill[nfill / 2], fill[nfill * 99 / 100 < nfill ? nfill * 99 / 100 : nfill - 1]);
	if (total)
		xasprintf(&out, "focal: bench: first frame %.0f ms after start (loading included); "
		    "%zu keys, p50 %.3f ms, p99 %.3f ms, max %.3f ms%s; "
		    "before the first key: %.3f ms of deferred work (trend, what-if model, anomalies, runway, "
		    "renewals), its longest step %.3f ms\n%s", first_frame, total,
		    lat[total / 2], lat[total * 99 / 100 < total ? total * 99 / 100 : total - 1], lat[total - 1], trend,
		    first_idle, longest, partial);
	else
		out = xstrdup("focal: bench: no keys\n");
	free(lat);
	free(fill);
	free(k);
	return out;
}
