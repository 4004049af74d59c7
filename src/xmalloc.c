/* xmalloc.c - allocation failures end focal with a message, never a crash. */
#include "xmalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void (*fatal_hook)(void);
int (*fatal_exit_code)(enum status);

__attribute__((format(printf, 1, 0))) static void
vsay_fatal(const char *fmt, va_list ap)
{
	if (fatal_hook)
		fatal_hook();
	fflush(stdout);
	fputs("focal: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
fatal_status(enum status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay_fatal(fmt, ap);
	va_end(ap);
	exit(fatal_exit_code ? fatal_exit_code(st) : 1);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay_fatal(fmt, ap);
	va_end(ap);
	exit(fatal_exit_code ? fatal_exit_code(STATUS_INTERNAL) : 1);
}

static _Noreturn void
oom(size_t n)
{
	fatal_status(STATUS_NOMEM, "out of memory (allocating %zu bytes); try fewer or smaller files, or more memory", n);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	void *q;
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	q = realloc(p, (n * size) != 0 ? n * size : 1);
	if (q == NULL)
		oom(n * size);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
xasprintf(char **out, const char *fmt, ...)
{
	va_list ap, aq;
	int n;
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format");
	*out = xmalloc((size_t)n + 1);
	vsnprintf(*out, (size_t)n + 1, fmt, aq);
	va_end(aq);
	return n;
}

/* Big row arrays are touched once per row while loading: on 4 KiB pages
 * that is a page fault every few thousand rows per column, a tenth of the
 * load on a virtual machine. Ask for transparent huge pages (where the
 * kernel offers them on request); harmless where it does not. */
void
huge_pages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2u << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (bytes >= 4 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p, (void)bytes;
#endif
}

/* The pages behind [p, p + bytes) made present and writable in one call
 * (a hint): cheaper than a fault per page on a virtual machine. */
void
prefault(void *p, size_t bytes)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), e = ((uintptr_t)p + bytes) & ~(page - 1);
	if (e > a && e - a >= 4 * page)
		(void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
	(void)p, (void)bytes;
#endif
}
