/* load_gz.c - a gzip file parsed on two cores.
 *
 * A record boundary cannot be found in a gzip stream without inflating it,
 * so the split is made after inflating: one thread inflates the file into
 * segments of about SEG_SIZE bytes that end just after a newline. The main
 * thread parses segment i into the store while another thread parses
 * segment i + 1, as if a record started there, into a shard store of its
 * own. When the main parse of segment i ends between records, that guess
 * was right and the shard's rows follow the main store's (the merge keeps
 * file order, lines and problems, as with a split plain file); when it ends
 * inside a quoted field, the shard is thrown away and the main thread
 * parses segment i + 1 itself, so what is loaded is always what one thread
 * reading the file in order would load. */
#include "load_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

size_t load_gz_segment = 8u << 20;
void (*load_gz_before_fill)(unsigned n);
#define SEG_SIZE (load_gz_segment > LOAD_SNIFF ? load_gz_segment : LOAD_SNIFF)
#define SEG_SLOTS 4		/* main's, the shard's, and two inflated ahead */
#define SEG_READ (256u * 1024u)	/* one gzread */
#define SEG_PIECE (256u * 1024u)	/* parsed between looks at cancel */
#define SEG_POLL_NS 50000000L
#define SEG_PROGRESS (4u << 20)

struct seg {
	char *buf;
	size_t n, cap;
	int status;		/* 0: more follows; 1: the end; -1: a read error */
	int err;		/* errno of the error */
	int brk;		/* ends just after a newline */
	z_off_t zoff;		/* compressed bytes read when it was filled */
};

struct segs {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	gzFile gz;
	struct seg slot[SEG_SLOTS];
	/* the inflater fills segment filled_n while filled_n - freed_n < SEG_SLOTS */
	unsigned filled_n, freed_n;
	int quit;
	int stopped;		/* joined (at a read error) */
	char *carry;		/* the part line after the last segment's last newline */
	size_t ncarry, capcarry;
};

/* Fills sl: the carried part line, then gzread until SEG_SIZE; the bytes
 * after the last newline go on to the next segment. */
static void
seg_fill(struct segs *R, struct seg *sl)
{
	size_t n = R->ncarry;
	if (sl->cap < SEG_SIZE + SEG_READ || sl->cap < n + SEG_READ) {
		/* (the same size every time but after a line longer than a
		 * segment: a new buffer is pages to fault in again) */
		free(sl->buf);
		sl->cap = (n > SEG_SIZE ? n : SEG_SIZE) + SEG_READ;
		sl->buf = xmalloc(sl->cap);
	}
	if (n > 0)
		memcpy(sl->buf, R->carry, n);
	R->ncarry = 0;
	sl->status = 0;
	while (n < SEG_SIZE) {
		int got = gzread(R->gz, sl->buf + n, SEG_SIZE - n < SEG_READ ? (unsigned)(SEG_SIZE - n) : SEG_READ);
		if (got <= 0) {
			sl->status = got < 0 ? -1 : 1;
			sl->err = errno;
			break;
		}
		n += (size_t)got;
	}
	sl->zoff = gzoffset(R->gz);
	sl->n = n;
	sl->brk = n > 0 && sl->buf[n - 1] == '\n';
	if (sl->status == 0) {
		size_t k = n;
		while (k > 0 && sl->buf[k - 1] != '\n')
			k--;
		if (k < LOAD_SNIFF && R->filled_n == 0)
			k = 0;	/* the first segment holds the bytes sniffed before any parse */
		if (k > 0 && k < n) {
			/* (a segment without a newline goes whole: the next is
			 * not one to guess a record start at) */
			R->ncarry = n - k;
			if (R->capcarry < R->ncarry) {
				R->capcarry = R->ncarry;
				R->carry = xreallocarray(R->carry, R->capcarry, 1);
			}
			memcpy(R->carry, sl->buf + k, R->ncarry);
			sl->n = k;
			sl->brk = 1;
		}
	}
}

static void *
segs_main(void *arg)
{
	struct segs *R = arg;
	for (;;) {
		struct seg *sl;
		int quit;
		pthread_mutex_lock(&R->mu);
		while (!R->quit && R->filled_n - R->freed_n >= SEG_SLOTS)
			pthread_cond_wait(&R->freed, &R->mu);
		sl = &R->slot[R->filled_n % SEG_SLOTS];
		quit = R->quit;
		pthread_mutex_unlock(&R->mu);
		if (quit)
			break;
		if (load_gz_before_fill)
			load_gz_before_fill(R->filled_n);	/* (only this thread writes it) */
		seg_fill(R, sl);
		pthread_mutex_lock(&R->mu);
		R->filled_n++;
		pthread_cond_signal(&R->filled);
		pthread_mutex_unlock(&R->mu);
		if (sl->status != 0)
			break;
	}
	return NULL;
}

static void
segs_stop(struct segs *R)
{
	pthread_mutex_lock(&R->mu);
	R->quit = 1;
	pthread_cond_signal(&R->freed);
	pthread_mutex_unlock(&R->mu);
	pthread_join(R->tid, NULL);
	for (int i = 0; i < SEG_SLOTS; i++)
		free(R->slot[i].buf);
	free(R->carry);
	pthread_cond_destroy(&R->freed);
	pthread_cond_destroy(&R->filled);
	pthread_mutex_destroy(&R->mu);
}

/* Segment i once inflated, or NULL when the load is cancelled meanwhile. */
static struct seg *
seg_wait(struct segs *R, unsigned i, struct loader *L)
{
	struct seg *sl = NULL;
	pthread_mutex_lock(&R->mu);
	while (R->filled_n <= i) {
		struct timespec ts;
		if (L->opts->cancel && *L->opts->cancel)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += SEG_POLL_NS;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&R->filled, &R->mu, &ts);
	}
	if (R->filled_n > i)
		sl = &R->slot[i % SEG_SLOTS];
	pthread_mutex_unlock(&R->mu);
	if (!sl)
		load_cancelled(L, NULL);
	return sl;
}

/* Segments before i are parsed: their slots may be filled again. */
static void
seg_release(struct segs *R, unsigned i)
{
	pthread_mutex_lock(&R->mu);
	R->freed_n = i;
	pthread_cond_signal(&R->freed);
	pthread_mutex_unlock(&R->mu);
}

/* The parse of one segment on the second thread. */
struct seg_shard {
	pthread_t tid;
	struct loader L;
	struct load_lines ln;
	struct load_opts opts;
	const char *buf;
	size_t n;
	volatile int abort;
};

static void *
seg_shard_main(void *arg)
{
	struct seg_shard *sh = arg;
	for (size_t off = 0; off < sh->n && !sh->L.stop && !load_cancelled(&sh->L, &sh->abort); off += SEG_PIECE)
		load_lines_feed(&sh->L, &sh->ln, sh->buf + off, sh->n - off < SEG_PIECE ? sh->n - off : SEG_PIECE);
	return NULL;
}

static void
seg_shard_free(struct seg_shard *sh)
{
	csv_free(&sh->ln.p);
	if (sh->L.st)
		store_free(sh->L.st);
	load_shard_free(&sh->L);
	free(sh);
}

/* Starts parsing segment i + 1 on the second thread when a record may
 * start there: segment i ends at a newline and more follows segment i + 1,
 * which ends at one too. NULL when it does not (or no thread starts).
 * Segment i may not be inflated yet (after a merge, i is two ahead of the
 * segment parsed last): its slot still holds segment i - SEG_SLOTS until
 * then, and were that one read as "more follows" when segment i is the
 * file's last, the wait for segment i + 1 would never end. */
static struct seg_shard *
seg_shard_start(struct segs *R, unsigned i, struct loader *L, uint64_t bytes)
{
	struct seg *cur, *next;
	struct seg_shard *sh;
	if (!L->header_done || L->stop)
		return NULL;
	if (!(cur = seg_wait(R, i, L)) || cur->status != 0 || !cur->brk)
		return NULL;
	if (!(next = seg_wait(R, i + 1, L)) || next->status != 0 || !next->brk)
		return NULL;
	sh = xcalloc(1, sizeof *sh);
	load_shard_init(&sh->L, &sh->opts, L);
	load_lines_init(&sh->ln, 0);
	if (bytes > 0)	/* its rows at the bytes per row so far: no regrowth */
		store_reserve_rows(sh->L.st, (size_t)((double)L->rows * (double)next->n / (double)bytes * 1.1) + 64);
	sh->buf = next->buf;
	sh->n = next->n;
	if (load_thread_start(&sh->tid, seg_shard_main, sh) != 0) {
		seg_shard_free(sh);
		return NULL;
	}
	return sh;
}

/* Joins the shard: its rows follow L's when L ended between records and
 * the shard ran to its end between records too. Returns whether it did. */
static int
seg_shard_join(struct seg_shard *sh, struct loader *L, struct load_lines *ln)
{
	int ok = load_lines_between_records(L, ln);
	if (!ok)
		sh->abort = 1;	/* its rows will not be taken: stop it early */
	pthread_join(sh->tid, NULL);
	return ok && load_lines_between_records(&sh->L, &sh->ln);
}

/* Parses one segment on this thread, a piece at a time (cancel, progress). */
static void
seg_parse(struct loader *L, struct load_lines *ln, const struct seg *sl, z_off_t zfrom, uint64_t *next_progress,
    uint64_t *bytes, uint64_t total)
{
	const struct load_opts *o = L->opts;
	if (*bytes == 0 && memchr(sl->buf, '\0', sl->n < LOAD_SNIFF ? sl->n : LOAD_SNIFF)) {
		/* NUL bytes: binary, or UTF-16 text; FOCUS CSV is UTF-8 */
		load_file_error(L, "not a CSV text file (binary data in the first bytes)");
		return;
	}
	for (size_t off = 0; off < sl->n && !L->stop; off += SEG_PIECE) {
		size_t k = sl->n - off < SEG_PIECE ? sl->n - off : SEG_PIECE;
		load_lines_feed(L, ln, sl->buf + off, k);
		*bytes += k;
		if (L->stop || load_cancelled(L, NULL))
			return;
		if (o->progress && *bytes >= *next_progress) {
			/* compressed bytes read, as far into this segment as parsed */
			double f = (double)(off + k) / (double)sl->n;
			z_off_t z = zfrom + (z_off_t)((double)(sl->zoff - zfrom) * f);
			o->progress(o->progress_ctx, L->path, z > 0 ? (uint64_t)z : 0, total, L->rows);
			*next_progress = *bytes + SEG_PROGRESS;
		}
	}
}

/* The loop: segment cur on this thread, cur + 1 (when it may start a
 * record) on the other; a shard that guessed right is merged after the
 * next one has started. Returns the bytes read. */
static uint64_t
segs_parse(struct segs *R, struct loader *L, struct load_lines *ln, uint64_t total)
{
	uint64_t bytes = 0, next_progress = SEG_PROGRESS;
	struct seg_shard *sh = NULL;
	z_off_t zfrom = 0;
	unsigned cur = 0;
	for (;;) {
		struct seg *sl = seg_wait(R, cur, L);
		int status, err;
		if (!sl)
			break;
		if (!sh)
			sh = seg_shard_start(R, cur, L, bytes);
		seg_parse(L, ln, sl, zfrom, &next_progress, &bytes, total);
		status = sl->status;
		err = sl->err;
		zfrom = sl->zoff;
		if (sh) {
			int ok = seg_shard_join(sh, L, ln);
			struct seg_shard *next = NULL;
			if (ok) {
				struct seg *taken = &R->slot[(cur + 1) % SEG_SLOTS];
				bytes += taken->n;
				zfrom = taken->zoff;
				seg_release(R, cur + 2);
				cur += 2;
				/* before the merge, which it overlaps (L->rows lacks the shard's yet) */
				next = seg_shard_start(R, cur, L, bytes - taken->n);
				load_shard_merge(L, &sh->L);
				sh->L.st = NULL;
			} else {
				seg_release(R, cur + 1);
				cur += 1;
			}
			seg_shard_free(sh);
			sh = next;
		} else {
			seg_release(R, cur + 1);
			cur += 1;
		}
		if (status < 0 && !L->stop) {
			segs_stop(R);	/* zlib is this thread's again for its message */
			R->stopped = 1;
			errno = err;
			load_read_failed(L, R->gz);
		}
		if (status != 0 || L->stop)
			break;
	}
	if (sh) {	/* stopped early: the shard's rows are not the file's */
		sh->abort = 1;
		pthread_join(sh->tid, NULL);
		seg_shard_free(sh);
	}
	return bytes;
}

uint64_t
load_gz_parallel(struct loader *L, struct load_lines *ln, gzFile gz, uint64_t total)
{
	struct segs *R = xcalloc(1, sizeof *R);
	uint64_t bytes;
	R->gz = gz;
	pthread_mutex_init(&R->mu, NULL);
	pthread_cond_init(&R->filled, NULL);
	pthread_cond_init(&R->freed, NULL);
	if (load_thread_start(&R->tid, segs_main, R) != 0) {
		pthread_cond_destroy(&R->freed);
		pthread_cond_destroy(&R->filled);
		pthread_mutex_destroy(&R->mu);
		free(R);
		return UINT64_MAX;
	}
	bytes = segs_parse(R, L, ln, total);
	if (!R->stopped)
		segs_stop(R);
	free(R);
	return bytes;
}
