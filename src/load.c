/* load.c - FOCUS CSV into the store.
 *
 * Input is read through zlib (plain files pass through unchanged) and fed to
 * libcsv one physical line at a time, so every record knows the line it
 * starts on; a bad record is rejected with file, line, column and reason and
 * loading goes on. Nothing is read twice and no whole file is held. */
#include "load_int.h"
#include "store_save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <zlib.h>

#include "xmalloc.h"

#define READ_CHUNK (256u * 1024u)
#define PROGRESS_EVERY (4u << 20)

/* Where bytes come from: zlib for gzip and pipes, read(2) for plain files
 * (zlib's pass-through would copy every byte once more). */
struct reader {
	gzFile gz;
	int fd;
	uint64_t limit;		/* stop after this many bytes (UINT64_MAX: at EOF) */
	uint64_t done;
	z_off_t zoff;		/* gzoffset after the last chunk (progress) */
	struct ring *ring;	/* the inflater, while one runs */
	int may_block;		/* a pipe, FIFO or tty: a read can wait forever */
	volatile sig_atomic_t *cancel;	/* a read interrupted by a signal that set it
					 * gives up (a stalled pipe, then Ctrl-C) */
};

/* Gzip on two cores: a thread inflates into a ring of chunks while the main
 * thread parses them. Each slot holds what one gzread of READ_CHUNK gave, so
 * the parser sees the chunks, the errors and the end it would see reading
 * on one thread, at the same points. */
#define RING_SLOTS 8
#define RING_POLL_NS 50000000L	/* how often a waiting parser looks at cancel */

struct ring_slot {
	char *buf;
	int n;			/* gzread's answer: bytes, 0 at the end, -1 an error */
	int err;		/* errno after it (the inflater's own) */
	z_off_t zoff;
};

struct ring {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	gzFile gz;
	int may_block;
	struct ring_slot slot[RING_SLOTS];
	/* counts of slots filled, taken by the parser and given back: the
	 * inflater fills slot filled % RING_SLOTS while filled - freed < RING_SLOTS */
	unsigned filled_n, taken_n, freed_n;
	int holding;		/* the parser holds slot (taken_n - 1) */
	int quit;		/* the parser is done: stop inflating */
};

static void *
ring_main(void *arg)
{
	struct ring *R = arg;
	int old, n;
	for (;;) {
		struct ring_slot *sl;
		int quit;
		pthread_mutex_lock(&R->mu);
		while (!R->quit && R->filled_n - R->freed_n >= RING_SLOTS)
			pthread_cond_wait(&R->freed, &R->mu);
		sl = &R->slot[R->filled_n % RING_SLOTS];
		quit = R->quit;
		pthread_mutex_unlock(&R->mu);
		if (quit)
			break;
		if (!sl->buf)
			sl->buf = xmalloc(READ_CHUNK);
		/* a read that waits forever (a stalled pipe) is where the
		 * parser can cancel this thread; nowhere else */
		if (R->may_block)
			pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
		n = gzread(R->gz, sl->buf, READ_CHUNK);
		sl->err = errno;
		if (R->may_block)
			pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
		sl->n = n;
		sl->zoff = gzoffset(R->gz);
		pthread_mutex_lock(&R->mu);
		R->filled_n++;
		pthread_cond_signal(&R->filled);
		pthread_mutex_unlock(&R->mu);
		if (n <= 0)
			break;
	}
	return NULL;
}

/* Starts inflating r's gzip stream on another thread; on failure r reads
 * on this one. */
static void
ring_start(struct reader *r)
{
	struct ring *R = xcalloc(1, sizeof *R);
	R->gz = r->gz;
	R->may_block = r->may_block;
	pthread_mutex_init(&R->mu, NULL);
	pthread_cond_init(&R->filled, NULL);
	pthread_cond_init(&R->freed, NULL);
	if (load_thread_start(&R->tid, ring_main, R) != 0) {
		pthread_cond_destroy(&R->freed);
		pthread_cond_destroy(&R->filled);
		pthread_mutex_destroy(&R->mu);
		free(R);
		return;
	}
	r->ring = R;
}

/* Stops and joins the inflater (at once, also in a read of a stalled
 * pipe); r->gz is this thread's again. Keeps errno. */
static void
ring_stop(struct reader *r)
{
	struct ring *R = r->ring;
	int e = errno;
	if (!R)
		return;
	pthread_mutex_lock(&R->mu);
	R->quit = 1;
	pthread_cond_signal(&R->freed);
	pthread_mutex_unlock(&R->mu);
	if (R->may_block)
		pthread_cancel(R->tid);
	pthread_join(R->tid, NULL);
	for (int i = 0; i < RING_SLOTS; i++)
		free(R->slot[i].buf);
	pthread_cond_destroy(&R->freed);
	pthread_cond_destroy(&R->filled);
	pthread_mutex_destroy(&R->mu);
	free(R);
	r->ring = NULL;
	errno = e;
}

/* The next chunk from the inflater into *data: gzread's answer for it.
 * At the end or an error the inflater is joined. A cancel while waiting
 * is -1 with errno EINTR, as a read interrupted by Ctrl-C. */
static int
ring_next(struct reader *r, char **data)
{
	struct ring *R = r->ring;
	struct ring_slot *sl;
	pthread_mutex_lock(&R->mu);
	if (R->holding) {
		R->freed_n++;
		R->holding = 0;
		pthread_cond_signal(&R->freed);
	}
	while (R->filled_n == R->taken_n) {
		if (r->cancel && *r->cancel) {
			pthread_mutex_unlock(&R->mu);
			errno = EINTR;
			return -1;
		}
		if (r->cancel) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += RING_POLL_NS;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&R->filled, &R->mu, &ts);
		} else
			pthread_cond_wait(&R->filled, &R->mu);
	}
	sl = &R->slot[R->taken_n++ % RING_SLOTS];
	R->holding = 1;
	pthread_mutex_unlock(&R->mu);
	r->zoff = sl->zoff;
	if (sl->n <= 0) {
		int n = sl->n;
		*data = NULL;
		errno = sl->err;
		ring_stop(r);
		return n;
	}
	*data = sl->buf;
	return sl->n;
}

static int
reader_read(struct reader *r, char *buf, unsigned n)
{
	int got;
	if (r->done >= r->limit)
		return 0;
	if (r->limit - r->done < n)
		n = (unsigned)(r->limit - r->done);
	if (r->gz) {
		got = gzread(r->gz, buf, n);
		r->zoff = gzoffset(r->gz);
	} else {
		ssize_t k;
		do
			k = read(r->fd, buf, n);
		while (k < 0 && errno == EINTR && !(r->cancel && *r->cancel));
		got = (int)k;
	}
	if (got > 0)
		r->done += (uint64_t)got;
	return got;
}

/* The next chunk, at most READ_CHUNK bytes: read into buf, or one the
 * inflater filled. *data is where it is. */
static int
reader_next(struct reader *r, char *buf, char **data)
{
	int got;
	if (!r->ring) {
		*data = buf;
		return reader_read(r, buf, READ_CHUNK);
	}
	got = ring_next(r, data);
	if (got > 0)
		r->done += (uint64_t)got;
	return got;
}

/* Continues reading at byte off of the (uncompressed) input. */
static void
reader_seek(struct reader *r, uint64_t off)
{
	ring_stop(r);	/* the inflater read ahead: zlib is ours again first */
	if (r->gz) {
		gzrewind(r->gz);
		if (off)
			gzseek(r->gz, (z_off_t)off, SEEK_SET);
	} else
		(void)lseek(r->fd, (off_t)off, SEEK_SET);
	r->done = off;
}

/* The parse of one stretch of input. */
struct stream {
	struct load_lines ln;
	char *chunk;
	volatile int *abort;	/* set by another thread to stop a shard */
	uint64_t total, next_progress;
};

static void
stream_init(struct stream *S, int exact)
{
	memset(S, 0, sizeof *S);
	load_lines_init(&S->ln, exact);
	S->chunk = xmalloc(READ_CHUNK);
	S->next_progress = PROGRESS_EVERY;
}

static void
stream_free(struct stream *S)
{
	csv_free(&S->ln.p);
	free(S->chunk);
}

/* Feeds input to libcsv one physical line at a time until the reader is
 * exhausted or loading stops. Returns the bytes read. */
static uint64_t
feed(struct loader *L, struct stream *S, struct reader *r, int first, int progress)
{
	uint64_t bytes = 0;
	for (;;) {
		char *chunk;
		int n = reader_next(r, S->chunk, &chunk);
		if (n < 0 && load_cancelled(L, S->abort))
			break;
		if (n < 0) {
			load_read_failed(L, r->gz);
			break;
		}
		if (n == 0)
			break;
		if (first && bytes == 0 && memchr(chunk, '\0', (size_t)n < LOAD_SNIFF ? (size_t)n : LOAD_SNIFF)) {
			/* NUL bytes: binary, or UTF-16 text; FOCUS CSV is UTF-8 */
			load_file_error(L, "not a CSV text file (binary data in the first bytes)");
			break;
		}
		bytes += (uint64_t)n;
		load_lines_feed(L, &S->ln, chunk, (size_t)n);
		if (L->stop)
			break;
		if (load_cancelled(L, S->abort))
			break;
		if (progress && L->opts->progress && r->done >= S->next_progress) {
			z_off_t off = r->gz ? r->zoff : (z_off_t)r->done;
			L->opts->progress(L->opts->progress_ctx, L->path, off > 0 ? (uint64_t)off : r->done, S->total,
			    L->rows * (L->shard_rows_scale ? 2 : 1));
			S->next_progress = r->done + PROGRESS_EVERY;
		}
	}
	return bytes;
}

/* Parallel loading of a big plain file: the main thread parses the first
 * half, a second thread the rest from the first newline after the middle
 * into a shard store. If that newline turns out to be inside a quoted field,
 * the shard is thrown away and the main thread reads on. */
#define PARALLEL_MIN (16u << 20)

struct shard {
	pthread_t tid;
	struct loader L;
	struct stream S;
	struct reader r;
	struct load_opts opts;
	volatile int abort;
	int fd;
};

static void *
shard_main(void *arg)
{
	struct shard *sh = arg;
	feed(&sh->L, &sh->S, &sh->r, 0, 0);
	load_lines_finish(&sh->L, &sh->S.ln);
	return NULL;
}

static int
shard_start(struct shard *sh, const struct loader *main_loader, const char *path, uint64_t from)
{
	const struct loader *M = main_loader;
	memset(sh, 0, sizeof *sh);
	sh->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (sh->fd < 0 || lseek(sh->fd, (off_t)from, SEEK_SET) < 0) {
		if (sh->fd >= 0)
			close(sh->fd);
		return -1;
	}
	load_shard_init(&sh->L, &sh->opts, M);
	stream_init(&sh->S, 0);
	sh->S.abort = &sh->abort;
	sh->r.fd = sh->fd;
	sh->r.limit = UINT64_MAX;
	if (load_thread_start(&sh->tid, shard_main, sh) != 0) {
		stream_free(&sh->S);
		store_free(sh->L.st);
		load_shard_free(&sh->L);
		close(sh->fd);
		return -1;
	}
	return 0;
}

static void
shard_end(struct shard *sh)
{
	pthread_join(sh->tid, NULL);
	stream_free(&sh->S);
	close(sh->fd);
	load_shard_free(&sh->L);
}

static int
is_gzip(int fd)
{
	unsigned char magic[2];
	return pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

/* Is this a plain file big enough to split? */
static uint64_t
split_point(int fd, uint64_t total)
{
	char buf[65536];
	unsigned char magic[2];
	uint64_t at = total / 2;
	if (total < PARALLEL_MIN || pread(fd, magic, 2, 0) != 2 || (magic[0] == 0x1f && magic[1] == 0x8b))
		return 0;
	while (at < total) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)at);
		char *nl;
		if (n <= 0)
			return 0;
		if ((nl = memchr(buf, '\n', (size_t)n)))
			return at + (uint64_t)(nl - buf) + 1;
		at += (uint64_t)n;
	}
	return 0;
}

static int
online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("FOCAL_THREADS");
	if (env && *env)
		n = strtol(env, NULL, 10);
	return n < 1 ? 1 : (int)n;
}

void
loader_init(struct loader *L, struct store *st, const char *path, const struct load_opts *opts, char *err,
    size_t errlen)
{
	memset(L, 0, sizeof *L);
	L->st = st;
	L->opts = opts;
	L->path = path;
	L->err = err;
	L->errlen = errlen;
	L->line = 1;
	L->spn_from = L->spn_to = -1;
}

/* Opens path ("-" is standard input) into *fd and *sb. Returns LOAD_OK, or
 * the status with err set (nothing left open). */
static enum load_result
input_open(const char *path, const struct load_opts *opts, int *fd, struct stat *sb, char *err, size_t errlen)
{
	memset(sb, 0, sizeof *sb);
	*fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		int cancel = errno == EINTR && opts->cancel && *opts->cancel;	/* a FIFO with no writer yet */
		snprintf(err, errlen, "%s: %s", path, cancel ? "loading cancelled" : strerror(errno));
		return cancel ? LOAD_CANCELLED : LOAD_FILE_ERROR;
	}
	if (fstat(*fd, sb) == 0 && S_ISDIR(sb->st_mode)) {
		close(*fd);
		snprintf(err, errlen, "%s: is a directory", path);
		return LOAD_FILE_ERROR;
	}
	return LOAD_OK;
}

/* A store saved by `focal save` (fd is closed). */
static enum load_result
load_saved(struct store *st, const char *path, const struct load_opts *opts, char *err, size_t errlen)
{
	if (opts->validator) {	/* it holds values, not the records to check */
		snprintf(err, errlen, "%s: a saved store cannot be validated (validate the files it was saved from)",
		    path);
		return LOAD_FILE_ERROR;
	}
	return store_open_saved(st, path, err, errlen) == 0 ? LOAD_OK : LOAD_FILE_ERROR;
}

/* Rows of both halves land in one allocation: guesses the row count from
 * the n bytes of the first chunk, whose first hl bytes are the header. */
static void
reserve_rows(struct store *st, const char *chunk, int n, size_t hl, uint64_t total)
{
	uint64_t lines = 0;
	for (const char *q = chunk; (q = memchr(q, '\n', (size_t)(chunk + n - q))); q++)
		lines++;
	if (lines > 1 && (uint64_t)n > hl)
		store_reserve_rows(st, store_nrows(st) + (size_t)((total - hl) * (lines - 1) / ((uint64_t)n - hl) * 21 / 20));
}

/* Reads the header, then starts a shard on the second half (from byte
 * split). Returns 1 when the shard runs (the first half is r's to read from
 * after the header); 0 when it could not split, and r, S and L are back at
 * the start of the file. *bytes counts the bytes read. */
static int
split_start(struct loader *L, struct stream *S, struct reader *r, struct shard *sh, uint64_t split,
    uint64_t *bytes)
{
	const char *path = L->path;
	char *nl;
	int n = reader_read(r, S->chunk, READ_CHUNK);
	if (n > 0 && (nl = memchr(S->chunk, '\n', (size_t)n)) && !memchr(S->chunk, '\0', (size_t)n)) {
		/* hand the header line to the parser, keep the rest for feed() */
		size_t hl = (size_t)(nl - S->chunk) + 1;
		L->rec_line = 1;
		if (csv_parse(&S->ln.p, S->chunk, hl, load_on_field, load_on_record, L) == hl && L->header_done &&
		    S->ln.p.pstate == 0) {
			if (hl >= 2 && S->chunk[hl - 2] == '\r')
				load_deviate(L, DEV_CRLF, 0);	/* feed() sees the lines after it */
			L->line = 2;
			S->ln.at_line_start = 1;
			*bytes = hl;
			reader_seek(r, hl);
			r->limit = split;
			reserve_rows(L->st, S->chunk, n, hl, S->total);
			if (shard_start(sh, L, path, split) == 0)
				return 1;
		}
	}
	if (!L->stop) {
		/* could not split: start over on one thread */
		uint64_t total = S->total;
		int file = L->file;
		stream_free(S);
		loader_free(L);
		loader_init(L, L->st, path, L->opts, L->err, L->errlen);
		L->file = file;
		stream_init(S, L->opts->validator != NULL);
		S->total = total;
		reader_seek(r, 0);
		*bytes = 0;
	}
	return 0;
}

/* After the first half: takes the shard's rows when the split fell between
 * records, else drops them and reads on alone. */
static void
shard_join(struct loader *L, struct stream *S, struct reader *r, struct shard *sh, uint64_t *bytes)
{
	if (load_lines_between_records(L, &S->ln)) {
		/* the split fell between records: the shard's rows follow ours */
		shard_end(sh);
		load_shard_merge(L, &sh->L);
		*bytes = S->total;
	} else {
		/* inside a quoted field, or we stopped: read on alone */
		sh->abort = 1;
		shard_end(sh);
		store_free(sh->L.st);
		L->shard_rows_scale = 0;
		if (!L->stop) {
			r->limit = UINT64_MAX;
			*bytes += feed(L, S, r, 0, 1);
		}
	}
}

/* The end of the input: the last record, what a file without rows means,
 * the file's counts into the store. */
static void
load_end(struct loader *L, struct stream *S, struct reader *r, uint64_t bytes)
{
	const struct load_opts *opts = L->opts;
	uint64_t total = S->total;
	if (!L->stop && r->gz) {
		int zerr;
		gzerror(r->gz, &zerr);
		if (zerr == Z_BUF_ERROR)
			load_file_error(L, "truncated gzip file (unexpected end of compressed data)");
	}
	load_lines_finish(L, &S->ln);
	if (!L->stop && !L->header_done) {
		if (bytes == 0)
			load_file_error(L, "empty file (no header line)");
		else
			load_file_error(L, "no complete header line");
	}
	if (opts->progress)
		opts->progress(opts->progress_ctx, L->path, total ? total : bytes, total, L->rows);
	load_flush_deviations(L);
	store_file_set_stats(L->st, L->file, L->rows, L->rejected, bytes);
	if (L->result == LOAD_OK && L->rows == 0 && L->header_done)
		store_note(L->st, "%s: no data rows", L->path);
	else if (L->spn_to >= 0 && L->rows > 0)
		store_note(L->st, "%s has no ServiceProviderName (FOCUS before 1.3): its rows take their "
		    "ProviderName, the column 1.3 replaces with it", L->path);
}

enum load_result
load_file(struct store *st, const char *path, const struct load_opts *opts, char *err, size_t errlen)
{
	struct loader L;
	struct stream S;
	struct reader r = {0};
	struct shard sh;
	uint64_t total = 0, bytes = 0, split = 0, gz_bytes = UINT64_MAX;
	int fd, sharded = 0, plain, parallel;
	struct stat sb;
	enum load_result rc;

	err[0] = '\0';
	if ((rc = input_open(path, opts, &fd, &sb, err, errlen)) != LOAD_OK)
		return rc;
	plain = S_ISREG(sb.st_mode) && strcmp(path, "-") != 0;
	if (S_ISREG(sb.st_mode))
		total = (uint64_t)sb.st_size;
	/* a store saved by `focal save`: known by its header, not its name */
	if (plain && store_save_is_sqlite(fd)) {
		close(fd);
		return load_saved(st, path, opts, err, errlen);
	}
	/* one thread when order of problems matters or nothing can be split */
	parallel = !opts->strict && !opts->validator && online_cpus() > 1;
	if (plain && parallel)
		split = split_point(fd, total);
	r.fd = fd;
	r.cancel = opts->cancel;
	r.may_block = !S_ISREG(sb.st_mode);
	if (!plain || is_gzip(fd)) {
		r.gz = gzdopen(fd, "rb");
		if (r.gz == NULL) {
			close(fd);
			snprintf(err, errlen, "%s: cannot open (out of memory)", path);
			return LOAD_FILE_ERROR;
		}
		gzbuffer(r.gz, READ_CHUNK);
	}
	r.limit = UINT64_MAX;	/* the first half ends at split once the header is read */
	loader_init(&L, st, strcmp(path, "-") == 0 ? "(stdin)" : path, opts, err, errlen);
	L.file = store_add_file(st, L.path);
	stream_init(&S, opts->validator != NULL);
	S.total = total;

	if (split)
		sharded = split_start(&L, &S, &r, &sh, split, &bytes);
	L.shard_rows_scale = sharded;
	/* (a pipe keeps the ring: a segment waits to be full, and a stalled
	 * pipe must show what it gave so far) */
	if (r.gz && parallel && !r.may_block && !L.stop)
		gz_bytes = load_gz_parallel(&L, &S.ln, r.gz, total);
	if (gz_bytes != UINT64_MAX)
		bytes = gz_bytes;
	else {
		if (r.gz && !L.stop)
			ring_start(&r);
		if (!L.stop)
			bytes += feed(&L, &S, &r, !sharded, 1);
	}
	ring_stop(&r);	/* at an early stop it was still inflating */
	if (sharded)
		shard_join(&L, &S, &r, &sh, &bytes);
	load_end(&L, &S, &r, bytes);
	stream_free(&S);
	if (r.gz)
		gzclose(r.gz);
	else
		close(fd);
	loader_free(&L);
	return L.result;
}
