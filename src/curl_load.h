/* curl_load.h - libcurl, loaded when a warehouse URL is first opened.
 *
 * Linking libcurl brings 25 more shared libraries (TLS, Kerberos, LDAP, SSH,
 * HTTP/2...) into every focal process, and loading them costs each start
 * about 5 ms (0.3 s under valgrind) although only `focal push` and a
 * clickhouse:// or https:// FILE talk HTTP. So focal is built against
 * libcurl's headers and opens libcurl.so.4 (Debian's libcurl4) with dlopen()
 * the first time it needs it (FOCAL_LIBCURL names another file); without
 * it, those commands say so. */
#ifndef FOCAL_CURL_LOAD_H
#define FOCAL_CURL_LOAD_H

#include <stddef.h>

#define CURL_DISABLE_TYPECHECK	/* calls go through the table below */
#include <curl/curl.h>

struct curl_api {
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	char *(*easy_escape)(CURL *, const char *, int);
	void (*free)(void *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
};

/* libcurl's functions, loaded and initialised (curl_global_init) once for
 * the process; NULL, with the reason in err, when it cannot be. */
const struct curl_api *curl_load(char *err, size_t errlen);

#endif
