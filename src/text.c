/* text.c - sanitising data for output. No byte of a cost file reaches a
 * terminal without passing through here. */
#ifndef _GNU_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "text.h"
#include "xmalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Decodes one UTF-8 character; returns its length, or 0 if invalid. */
static size_t
utf8_decode(const unsigned char *p, unsigned *cp)
{
	unsigned c = p[0];
	size_t k;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		k = 2, *cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3, *cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4, *cp = c & 0x07;
	else
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if ((k == 3 && *cp < 0x800) || (k == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return k;
}

long
text_utf8_error(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (const unsigned char *q = p; *q;) {
		unsigned cp;
		size_t k = utf8_decode(q, &cp);
		if (k == 0)
			return (long)(q - p);
		q += k;
	}
	return -1;
}

size_t
text_sanitize(const char *s, char *out, size_t outlen, int ascii)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t o = 0;
	if (outlen == 0)
		return 0;
	while (*p) {
		unsigned cp;
		size_t k;
		char tmp[8];
		size_t tn;
		if (*p >= 0x20 && *p < 0x7f) {
			/* printable ASCII, most of what is written: as is */
			if (o + 1 >= outlen)
				break;
			out[o++] = (char)*p++;
			continue;
		}
		k = utf8_decode(p, &cp);
		if (k == 0) {
			/* not UTF-8 (Latin-1, say): show the byte, lose nothing */
			static const char hex[] = "0123456789ABCDEF";
			tmp[0] = '\\';
			tmp[1] = 'x';
			tmp[2] = hex[*p >> 4];
			tmp[3] = hex[*p & 0xf];
			tn = 4;
			k = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			static const char hex[] = "0123456789abcdef";
			tmp[0] = '\\';
			tmp[1] = 'x';
			tmp[2] = hex[(cp >> 4) & 0xf];
			tmp[3] = hex[cp & 0xf];
			tn = 4;
		} else if (ascii && cp >= 0x80) {
			tmp[0] = '?';
			tn = 1;
		} else {
			memcpy(tmp, p, k);
			tn = k;
		}
		if (o + tn >= outlen)
			break;
		memcpy(out + o, tmp, tn);
		o += tn;
		p += k;
	}
	out[o] = '\0';
	return o;
}

static int
cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p) {
		unsigned cp;
		size_t k = utf8_decode(p, &cp);
		if (k == 0) {
			w++;
			p++;
			continue;
		}
		w += cp < 0x80 ? 1 : cp_width(cp);
		p += k;
	}
	return w;
}

int
text_fit(const char *s, int width, char *out, size_t outlen, int ascii)
{
	char clean[1024];
	const unsigned char *p;
	size_t o = 0;
	int w = 0, total;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (width <= 0)
		return 0;
	text_sanitize(s, clean, sizeof clean, ascii);
	total = text_width(clean);
	p = (const unsigned char *)clean;
	while (*p) {
		unsigned cp;
		size_t k = utf8_decode(p, &cp);
		int cw = k && cp >= 0x80 ? cp_width(cp) : 1;
		if (k == 0)
			k = 1;
		/* leave room for the cut mark */
		if (total > width && w + cw > width - 1)
			break;
		if (w + cw > width || o + k >= outlen)
			break;
		memcpy(out + o, p, k);
		o += k;
		w += cw;
		p += k;
	}
	if (*p && total > width) {
		const char *mark = ascii ? "~" : "\xe2\x80\xa6";
		size_t ml = strlen(mark);
		if (o + ml < outlen) {
			memcpy(out + o, mark, ml);
			o += ml;
			w++;
		}
	}
	out[o] = '\0';
	return w;
}

void
text_json(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	fputc('"', f);
	while (*p) {
		unsigned cp;
		size_t k = utf8_decode(p, &cp);
		if (k == 0) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fprintf(f, "\\u%04x", cp);
		else
			fwrite(p, 1, k, f);
		p += k;
	}
	fputc('"', f);
}

void
text_csv(FILE *f, const char *s)
{
	size_t n = strlen(s ? s : "");
	char *clean = xmalloc(4 * n + 1), *seg = xmalloc(n + 1), *o = clean;
	const char *p = s ? s : "";
	int quote = 0;
	/* line breaks and tabs are data a CSV field holds (quoted) and harm no
	 * terminal: kept; every other control character shown as \xNN */
	while (*p) {
		size_t k = strcspn(p, "\n\r\t");
		memcpy(seg, p, k);
		seg[k] = '\0';
		o += text_sanitize(seg, o, 4 * k + 1, 0);
		p += k;
		if (*p)
			*o++ = *p++;
	}
	*o = '\0';
	n = (size_t)(o - clean);
	for (const char *c = clean; *c; c++)
		if (*c == ',' || *c == '"' || *c == '\n' || *c == '\r')
			quote = 1;
	if (n && (clean[0] == ' ' || clean[n - 1] == ' '))
		quote = 1;
	if (!quote)
		fputs(clean, f);
	else {
		fputc('"', f);
		for (const char *c = clean; *c; c++) {
			if (*c == '"')
				fputc('"', f);
			fputc(*c, f);
		}
		fputc('"', f);
	}
	free(seg);
	free(clean);
}

void
text_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int
text_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || !ca)
			return ca - cb;
	}
}
