/* xmalloc.h - allocation that never returns NULL, and fatal errors that
 * restore the terminal first (see ui_fatal_hook). */
#ifndef FOCAL_XMALLOC_H
#define FOCAL_XMALLOC_H

#include <stddef.h>

#include "status.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* Asks for transparent huge pages behind a big row array (a hint). */
void huge_pages(void *p, size_t bytes);
/* Makes the pages behind an array about to be written present (a hint). */
void prefault(void *p, size_t bytes);
char *xstrndup(const char *s, size_t n);
int xasprintf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Called by fatal() before it prints (the explorer restores the terminal). */
extern void (*fatal_hook)(void);
/* The exit code of a fatal status, chosen by the command line (cli.c);
 * without it, 1. */
extern int (*fatal_exit_code)(enum status);
/* Prints "focal: MESSAGE" and exits with status st's code. */
_Noreturn void fatal_status(enum status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fatal_status(STATUS_INTERNAL, ...): a limit or a bug, not the user's data. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
