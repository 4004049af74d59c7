/* snapcache.h - instant reopen: a load of big files is kept in the user's
 * cache folder as a snapshot of the store (the compact form of store_save.h,
 * without its typed table), and a later load of the same, unchanged files
 * starts from it instead of the CSV.
 *
 * The snapshot is named by a key of everything the load depends on: focal's
 * version and the snapshot format, --strict, and for each file the path as
 * given, its device, inode, size, modification and change times, and a hash
 * of its first and last 64 KiB. Any write to a file changes its change time
 * (which no user can set back), so a changed file never matches; a snapshot
 * that does not read back (truncated, corrupt) is removed and the files are
 * loaded as if there were none.
 *
 * The folder: $FOCAL_CACHE_DIR, else $XDG_CACHE_HOME/focal, else
 * ~/.cache/focal. Its size is bounded ($FOCAL_CACHE_SIZE MiB, default 2048;
 * 0 turns the cache off): the least recently used snapshots go first. Loads
 * under $FOCAL_CACHE_MIN bytes (default 4 MiB: they load in well under a
 * second) are not kept. Removing the folder loses nothing. */
#ifndef FOCAL_SNAPCACHE_H
#define FOCAL_SNAPCACHE_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct snapcache {
	char *path;	/* the snapshot of this load, or NULL: no caching */
	char *dir;
	uint64_t max_bytes;
};

/* Decides whether the load of files[n] may use the cache (regular files,
 * big enough, the cache on) and computes its snapshot's path; version is
 * focal's. 0 when it may, -1 when not (sc->path NULL). */
int snapcache_begin(struct snapcache *, char *const *files, int n, int strict, const char *version);

/* Fills s (new, empty) from the snapshot: 1 when it did, 0 when there is
 * none, -1 when it did not read back (err says why; the snapshot is removed
 * and s must be thrown away). */
int snapcache_open(struct snapcache *, struct store *s, char *err, size_t errlen);

/* Writes the snapshot of s (finished) in the background (a child process
 * that outlives the command if it must), then trims the folder to its
 * bound. Returns at once. */
void snapcache_keep(struct snapcache *, struct store *s);

void snapcache_end(struct snapcache *);

#endif
