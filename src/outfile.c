/* outfile.c - the one safe writer (outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmalloc.h"

FILE *
outfile_open(struct outfile *of, const char *path, char *err, size_t errlen)
{
	mode_t um;
	int fd;
	memset(of, 0, sizeof *of);
	xasprintf(&of->tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(of->tmp)) < 0) {
		snprintf(err, errlen, "%s: cannot create a temporary file next to it: %s", path, strerror(errno));
		free(of->tmp);
		of->tmp = NULL;
		return NULL;
	}
	/* the mode a new file gets (mkstemp makes it 0600) */
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if ((of->f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(of->tmp);
		free(of->tmp);
		of->tmp = NULL;
		return NULL;
	}
	of->path = xstrdup(path);
	return of->f;
}

void
outfile_abort(struct outfile *of)
{
	if (of->f)
		fclose(of->f);
	if (of->tmp)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof *of);
}

/* The directory entry made durable too (best effort: not every file
 * system can fsync a directory). */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Puts tmp at path without ever replacing a file there. */
static int
place_new(const char *tmp, const char *path, char *err, size_t errlen)
{
	struct stat sb;
	/* link(2) never replaces: no window where an existing file is overwritten */
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST || stat(path, &sb) == 0) {
		snprintf(err, errlen, "%s exists", path);
		return OUTFILE_EXISTS;
	}
	/* a file system without hard links */
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
outfile_commit(struct outfile *of, int replace, char *err, size_t errlen)
{
	int rc = 0;
	if (fflush(of->f) != 0 || ferror(of->f) || fsync(fileno(of->f)) != 0) {
		snprintf(err, errlen, "%s: writing: %s", of->path, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (fclose(of->f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: writing: %s", of->path, strerror(errno));
		rc = -1;
	}
	of->f = NULL;
	if (rc == 0 && replace && rename(of->tmp, of->path) != 0) {
		snprintf(err, errlen, "%s: %s", of->path, strerror(errno));
		rc = -1;
	} else if (rc == 0 && !replace)
		rc = place_new(of->tmp, of->path, err, errlen);
	if (rc == 0)
		sync_dir(of->path);
	outfile_abort(of);	/* the temporary name goes (renamed or linked: the file stays) */
	return rc;
}
