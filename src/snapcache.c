/* snapcache.c - instant reopen from a snapshot of the store (snapcache.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "snapcache.h"
#include "store.h"
#include "store_save.h"
#include "xmalloc.h"

#define EDGE 65536	/* bytes hashed at each end of a file */
#define SUFFIX ".snap"

static uint64_t
env_u64(const char *name, uint64_t dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long x;
	if (v == NULL || *v == '\0')
		return dflt;
	errno = 0;
	x = strtoull(v, &end, 10);
	return errno || *end ? dflt : (uint64_t)x;
}

/* The folder (malloc'd), or NULL when there is no home to put it in. */
static char *
cache_dir(void)
{
	const char *d = getenv("FOCAL_CACHE_DIR"), *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	char *p;
	size_t n;
	if (d && *d)
		return xstrdup(d);
	if ((x == NULL || *x != '/') && (h == NULL || *h != '/'))
		return NULL;
	n = strlen(x && *x == '/' ? x : h) + 32;
	p = xmalloc(n);
	if (x && *x == '/')
		snprintf(p, n, "%s/focal", x);
	else
		snprintf(p, n, "%s/.cache/focal", h);
	return p;
}

/* mkdir -p, private. */
static int
make_dir(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; *s && rc == 0; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

struct key {
	unsigned char *p;
	size_t n, cap;
};

static void
key_add(struct key *k, const void *p, size_t n)
{
	if (k->n + n > k->cap) {
		k->cap = (k->n + n) * 2;
		k->p = xreallocarray(k->p, k->cap, 1);
	}
	memcpy(k->p + k->n, p, n);
	k->n += n;
}

static void
key_u64(struct key *k, uint64_t v)
{
	key_add(k, &v, sizeof v);
}

/* One file into the key: 0, or -1 when it is not a regular file. */
static int
key_file(struct key *k, const char *path, uint64_t *bytes)
{
	unsigned char *edge = xmalloc(EDGE);
	struct stat sb;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;
	if (fd < 0)
		goto out;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || store_save_is_sqlite(fd))
		goto out;
	key_add(k, path, strlen(path) + 1);
	key_u64(k, (uint64_t)sb.st_dev);
	key_u64(k, (uint64_t)sb.st_ino);
	key_u64(k, (uint64_t)sb.st_size);
	key_u64(k, (uint64_t)sb.st_mtim.tv_sec);
	key_u64(k, (uint64_t)sb.st_mtim.tv_nsec);
	key_u64(k, (uint64_t)sb.st_ctim.tv_sec);
	key_u64(k, (uint64_t)sb.st_ctim.tv_nsec);
	if ((got = pread(fd, edge, EDGE, 0)) < 0)
		goto out;
	key_u64(k, store_save_hash(edge, (size_t)got));
	if ((got = pread(fd, edge, EDGE, sb.st_size > EDGE ? sb.st_size - EDGE : 0)) < 0)
		goto out;
	key_u64(k, store_save_hash(edge, (size_t)got));
	*bytes += (uint64_t)sb.st_size;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(edge);
	return rc;
}

int
snapcache_begin(struct snapcache *sc, char *const *files, int n, int strict, const char *version)
{
	static const char head[] = "focal-snapshot " STORE_SAVE_FORMAT;
	struct key k = {NULL, 0, 0};
	uint64_t bytes = 0, a, b;
	int ok = n > 0;

	memset(sc, 0, sizeof *sc);
	sc->max_bytes = env_u64("FOCAL_CACHE_SIZE", 2048) << 20;
	if (sc->max_bytes == 0)
		return -1;
	key_add(&k, head, sizeof head);
	key_add(&k, version, strlen(version) + 1);
	key_u64(&k, STORE_SAVE_VERSION);
	key_u64(&k, LOAD_REVISION);
	key_u64(&k, (uint64_t)(strict != 0));
	for (int i = 0; i < n && ok; i++)
		ok = strcmp(files[i], "-") != 0 && key_file(&k, files[i], &bytes) == 0;
	if (ok && bytes >= env_u64("FOCAL_CACHE_MIN", 4u << 20) && (sc->dir = cache_dir()) != NULL) {
		size_t len = strlen(sc->dir) + 48;
		a = store_save_hash(k.p, k.n);
		key_u64(&k, a);	/* a second, chained hash: 128 bits in the name */
		b = store_save_hash(k.p, k.n);
		sc->path = xmalloc(len);
		snprintf(sc->path, len, "%s/%016llx%016llx%s", sc->dir, (unsigned long long)a, (unsigned long long)b,
		    SUFFIX);
	}
	free(k.p);
	return sc->path ? 0 : -1;
}

static void trim(const char *dir, uint64_t max);

int
snapcache_open(struct snapcache *sc, struct store *s, char *err, size_t errlen)
{
	if (sc->path == NULL || access(sc->path, F_OK) != 0)
		return 0;
	if (store_open_saved(s, sc->path, err, errlen) != 0) {
		unlink(sc->path);
		return -1;
	}
	(void)utimensat(AT_FDCWD, sc->path, NULL, 0);	/* recently used: trimmed last */
	trim(sc->dir, sc->max_bytes);	/* a bound made smaller applies at once */
	return 1;
}

struct entry {
	char *name;
	time_t mtime;
	uint64_t size;
};

static int
newest_first(const void *a, const void *b)
{
	time_t x = ((const struct entry *)a)->mtime, y = ((const struct entry *)b)->mtime;
	return x < y ? 1 : x > y ? -1 : strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The snapshots beyond the bound, least recently used first, and the
 * temporary files of writes that died more than an hour ago. */
static void
trim(const char *dir, uint64_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	uint64_t total = 0;
	int dfd;
	if (d == NULL)
		return;
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		struct stat sb;
		size_t l = strlen(e->d_name);
		int snap = l > strlen(SUFFIX) && strcmp(e->d_name + l - strlen(SUFFIX), SUFFIX) == 0;
		if ((!snap && strncmp(e->d_name, ".focal-save.", 12) != 0) ||
		    fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (!snap) {
			if (sb.st_mtime < time(NULL) - 3600)
				unlinkat(dfd, e->d_name, 0);
			continue;
		}
		if (n == cap)
			v = xreallocarray(v, cap = cap ? cap * 2 : 16, sizeof *v);
		v[n++] = (struct entry){xstrdup(e->d_name), sb.st_mtime, (uint64_t)sb.st_size};
	}
	qsort(v, n, sizeof *v, newest_first);
	for (size_t i = 0; i < n; i++) {
		total += v[i].size;
		if (total > max)
			unlinkat(dfd, v[i].name, 0);
		free(v[i].name);
	}
	free(v);
	closedir(d);
}

/* The writer: detached from the terminal and from every pipe the command
 * was given (a reader waiting for the end of focal's output must not wait
 * for the snapshot), at a low priority. */
static void
write_detached(struct snapcache *sc, struct store *s)
{
	char err[512];
	int null = open("/dev/null", O_RDWR);
	(void)setsid();
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	umask(077);	/* cost data: the user's alone */
	errno = 0;
	(void)nice(10);
	if (make_dir(sc->dir) == 0 && store_save_compact(s, sc->path, err, sizeof err) == 0)
		trim(sc->dir, sc->max_bytes);
}

void
snapcache_keep(struct snapcache *sc, struct store *s)
{
	pid_t pid;
	if (sc->path == NULL || access(sc->path, F_OK) == 0)
		return;
	fflush(NULL);	/* nothing buffered is written twice */
	pid = fork();
	if (pid == 0) {
		if (fork() == 0) {	/* the grandchild writes; init reaps it */
			write_detached(sc, s);
			_exit(0);
		}
		_exit(0);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

void
snapcache_end(struct snapcache *sc)
{
	free(sc->path);
	free(sc->dir);
	memset(sc, 0, sizeof *sc);
}
