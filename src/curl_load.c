/* curl_load.c - libcurl, loaded on first use (curl_load.h). */
#include "curl_load.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Debian's libcurl4 (OpenSSL), then libcurl3-gnutls: the same API */
static const char *const sonames[] = {"libcurl.so.4", "libcurl-gnutls.so.4"};

static struct curl_api api;
static const char *soname;
static char why[300];
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym's object pointer into a function pointer of the table (POSIX
 * guarantees they have the same representation). */
static int
sym(void *lib, const char *name, void *fp, size_t size)
{
	void *p = dlsym(lib, name);
	if (p == NULL) {
		snprintf(why, sizeof why, "%s has no %s", soname, name);
		return -1;
	}
	memcpy(fp, &p, size);
	return 0;
}

#define SYM(lib, field, name) sym(lib, name, &api.field, sizeof api.field)

static void
load(void)
{
	void *lib = NULL;
	const char *named = getenv("FOCAL_LIBCURL");
	if (named && *named)
		lib = dlopen(soname = named, RTLD_NOW | RTLD_LOCAL);
	else
		for (size_t i = 0; i < sizeof sonames / sizeof *sonames && lib == NULL; i++)
			lib = dlopen(soname = sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *e = dlerror();
		snprintf(why, sizeof why, "libcurl could not be loaded (%s): install libcurl4%s", e ? e : soname,
		    named && *named ? ", or unset FOCAL_LIBCURL" : "");
		return;
	}
	if (SYM(lib, global_init, "curl_global_init") || SYM(lib, easy_init, "curl_easy_init") ||
	    SYM(lib, easy_cleanup, "curl_easy_cleanup") || SYM(lib, easy_reset, "curl_easy_reset") ||
	    SYM(lib, easy_setopt, "curl_easy_setopt") || SYM(lib, easy_perform, "curl_easy_perform") ||
	    SYM(lib, easy_getinfo, "curl_easy_getinfo") || SYM(lib, easy_strerror, "curl_easy_strerror") ||
	    SYM(lib, easy_escape, "curl_easy_escape") || SYM(lib, free, "curl_free") ||
	    SYM(lib, slist_append, "curl_slist_append") || SYM(lib, slist_free_all, "curl_slist_free_all"))
		return;		/* kept open: nothing else is loaded twice */
	if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, sizeof why, "libcurl could not start");
		return;
	}
	loaded = 1;
}

const struct curl_api *
curl_load(char *err, size_t errlen)
{
	pthread_once(&once, load);
	if (!loaded) {
		snprintf(err, errlen, "%s", why);
		return NULL;
	}
	return &api;
}
