/* text.h - making data safe and measurable for a terminal or a file. */
#ifndef FOCAL_TEXT_H
#define FOCAL_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Copies s with every control character (C0, DEL, C1) shown as \xNN and
 * every byte that is not UTF-8 as \xNN (uppercase); with ascii, non-ASCII characters become
 * '?'. Always NUL-terminates. Returns the length written. */
size_t text_sanitize(const char *s, char *out, size_t outlen, int ascii);
/* Offset of the first byte of s that is not UTF-8, or -1 when all of it is. */
long text_utf8_error(const char *s);
/* Display width (terminal columns) of a sanitized string. */
int text_width(const char *s);
/* Sanitizes s and cuts it to at most `width` columns, marking a cut with
 * '~' (ascii) or an ellipsis. Returns the width used. */
int text_fit(const char *s, int width, char *out, size_t outlen, int ascii);
/* Writes s as a JSON string (with quotes). */
void text_json(FILE *f, const char *s);
/* Writes s as one RFC 4180 CSV field, whole: line breaks and tabs as
 * they are (quoted), other control characters and bytes that are not
 * UTF-8 shown as \xNN (text_sanitize), so no escape reaches a terminal. */
void text_csv(FILE *f, const char *s);
/* Formats a message into err (err NULL or errlen 0: nothing). */
void text_seterr(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* strcmp ignoring the case of ASCII letters only (no locale). */
int text_casecmp(const char *a, const char *b);

#endif
