/* json.h - a strict check of JSON syntax (RFC 8259), before SQLite reads it.
 *
 * SQLite 3.40 (Debian 12) takes some malformed objects as valid: a key
 * that is itself an object or array whose last value is a string, as in
 * {"a":1,{"x":"y"}:"z"}. json_each then files odd keys, and json_tree's
 * fullkey and path columns read freed memory on them (focal sql died of
 * SIGSEGV). What focal hands to SQLite's JSON functions passes this first. */
#ifndef FOCAL_JSON_H
#define FOCAL_JSON_H

#include <stddef.h>

/* 0 if text (NUL-terminated) is one JSON value with only whitespace around
 * it; else -1, with *at the byte offset of the first fault and *expected
 * what should have been there ("a string key", "':'", ...). Nesting deeper
 * than JSON_MAX_DEPTH is a fault. */
#define JSON_MAX_DEPTH 1000
int json_check(const char *text, size_t *at, const char **expected);

#endif
