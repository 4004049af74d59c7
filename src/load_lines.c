/* load_lines.c - the parse of one stretch of input, a physical line at a
 * time (load.c's plain and gzip readers and load_gz.c's segments feed it),
 * and what a second loader on another thread needs: its start from the
 * main loader, the merge of its rows, the checks that stop either. */
#include "load_int.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "xmalloc.h"

void
load_lines_init(struct load_lines *ln, int exact)
{
	load_parser_init(&ln->p, exact);
	ln->at_line_start = 1;
	ln->skip_to_eol = 0;
	ln->ended_cr = ln->blank_cr = 0;
}

/* Whether loading was cancelled (Ctrl-C in the explorer) or the shard
 * told to stop (*abort); then the load ends as cancelled. */
int
load_cancelled(struct loader *L, volatile int *abort)
{
	if (!(L->opts->cancel && *L->opts->cancel) && !(abort && *abort))
		return 0;
	L->result = LOAD_CANCELLED;
	L->stop = 1;
	snprintf(L->err, L->errlen, "%s: loading cancelled", L->path);
	return 1;
}

/* Feeds n bytes of input to libcsv one physical line at a time, so that
 * every record knows the line it starts on. */
void
load_lines_feed(struct loader *L, struct load_lines *ln, const char *chunk, size_t n)
{
	const char *c = chunk, *end = chunk + n;
	if (n > 0 && ln->blank_cr && *c == '\n')	/* "\r" then "\n...": a blank line */
		load_deviate(L, DEV_BLANK_LINE, 0);
	ln->blank_cr = 0;
	while (c < end && !L->stop) {
		const char *nl = memchr(c, '\n', (size_t)(end - c));
		const char *seg_end = nl ? nl + 1 : end;
		size_t seglen = (size_t)(seg_end - c);

		if (ln->at_line_start) {
			if (ln->p.pstate == 0) {
				L->rec_line = L->line;
				if (*c == '\n' || (*c == '\r' && c + 1 < end && c[1] == '\n'))
					load_deviate(L, DEV_BLANK_LINE, 0);
				else if (*c == '\r' && c + 1 == end)
					ln->blank_cr = 1;	/* the next chunk tells */
			}
			ln->at_line_start = 0;
		}
		if (!ln->skip_to_eol && csv_parse(&ln->p, c, seglen, load_on_field, load_on_record, L) != seglen) {
			load_parser_recover(L, &ln->p);
			ln->skip_to_eol = 1;	/* resume at the next line */
		}
		if (nl) {
			if ((nl > chunk ? nl[-1] == '\r' : ln->ended_cr) && ln->p.pstate == 0 &&
			    L->dev_count[DEV_CRLF] == 0)
				load_deviate(L, DEV_CRLF, 0);
			L->line++;
			ln->at_line_start = 1;
			ln->skip_to_eol = 0;
		}
		c = seg_end;
	}
	if (n > 0)
		ln->ended_cr = end[-1] == '\r';
}

int
load_lines_between_records(const struct loader *L, const struct load_lines *ln)
{
	return !L->stop && ln->p.pstate == 0 && ln->at_line_start && !ln->skip_to_eol;
}

void
load_lines_finish(struct loader *L, struct load_lines *ln)
{
	/* the last record may lack a final newline */
	if (!L->stop && csv_fini(&ln->p, load_on_field, load_on_record, L) != 0 && !L->stop)
		load_reject(L, L->nf + 1, NULL, 0, "unterminated quoted field at end of file");
}

void
load_read_failed(struct loader *L, gzFile gz)
{
	int zerr = Z_ERRNO;
	const char *msg = gz ? gzerror(gz, &zerr) : strerror(errno);
	load_file_error(L, "%s", zerr == Z_ERRNO ? strerror(errno) :
	    zerr == Z_DATA_ERROR ? "corrupt gzip data" : msg);
}

void
load_shard_init(struct loader *S, struct load_opts *opts, const struct loader *M)
{
	memset(S, 0, sizeof *S);
	*opts = *M->opts;
	opts->progress = NULL;
	opts->validator = NULL;
	S->st = store_new_shard(M->st);
	S->opts = opts;
	S->path = M->path;
	S->err = xmalloc(512);
	S->errlen = 512;
	S->err[0] = '\0';
	S->line = 1;
	S->file = 0;
	S->header_done = 1;
	S->direct = 1;
	S->ncols = M->ncols;
	S->spn_from = M->spn_from;	/* the shard's columns are the main store's */
	S->spn_to = M->spn_to;
	S->spn_src = UINT32_MAX;	/* its codes are not */
	S->b = xcalloc((size_t)M->ncols, sizeof *S->b);
	for (int i = 0; i < M->ncols; i++) {
		S->b[i] = M->b[i];
		S->b[i].name = xstrdup(M->b[i].name);
		S->b[i].last = NULL;	/* that text is in the other store */
		memset(S->b[i].recent, 0, sizeof S->b[i].recent);
	}
}

void
load_shard_free(struct loader *S)
{
	free(S->err);
	loader_free(S);
}

void
load_shard_merge(struct loader *L, struct loader *S)
{
	uint32_t offset = (uint32_t)(L->line - 1);
	if (S->stop && S->result != LOAD_OK) {
		/* a file error in the second half is the file's error */
		if (!L->stop) {
			snprintf(L->err, L->errlen, "%s", S->err);
			L->stop = 1;
			L->result = S->result;
		}
	}
	for (int d = 0; d < DEV_COUNT; d++) {
		if (!S->dev_count[d])
			continue;
		if (d == DEV_CRLF && L->dev_count[d])
			continue;	/* noted once per file, as the one-thread reader does */
		if (!L->dev_count[d]) {
			L->dev_line[d] = S->dev_line[d] + offset;
			L->dev_field[d] = S->dev_field[d];
		}
		L->dev_count[d] += S->dev_count[d];
	}
	L->rows += S->rows;
	L->rejected += S->rejected;
	L->line += S->line - 1;
	store_append(L->st, S->st, L->file, offset);
	S->st = NULL;
}

int
load_thread_start(pthread_t *tid, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;
	/* signals (Ctrl-C) stay with the main thread, as with one thread; but
	 * a read of the terminal by a background job still stops the job */
	sigfillset(&all);
	sigdelset(&all, SIGTTIN);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(tid, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
