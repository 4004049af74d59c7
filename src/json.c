/* json.c - JSON syntax, strictly (json.h): a recursive descent that builds
 * nothing; RFC 8259's grammar, nothing more. */
#include "json.h"

struct jp {
	const char *s;
	size_t i;
	const char *expected;	/* set at the first fault */
};

static int value(struct jp *p, int depth);

static int
fail(struct jp *p, const char *expected)
{
	p->expected = expected;
	return -1;
}

static void
ws(struct jp *p)
{
	while (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')
		p->i++;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
string(struct jp *p)
{
	if (p->s[p->i] != '"')
		return fail(p, "'\"'");
	p->i++;
	for (;;) {
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == '"') {
			p->i++;
			return 0;
		}
		if (c < 0x20)	/* NUL (the end) and control characters */
			return fail(p, c ? "no control character in a string" : "'\"' to end the string");
		p->i++;
		if (c != '\\')
			continue;
		c = (unsigned char)p->s[p->i];
		if (c == 'u') {
			for (int k = 1; k <= 4; k++)
				if (!is_hex(p->s[p->i + (size_t)k])) {
					p->i += (size_t)k;
					return fail(p, "four hexadecimal digits after \\u");
				}
			p->i += 5;
		} else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
		    c == 't')
			p->i++;
		else
			return fail(p, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
	}
}

static int
digits(struct jp *p)
{
	if (!is_digit(p->s[p->i]))
		return fail(p, "a digit");
	while (is_digit(p->s[p->i]))
		p->i++;
	return 0;
}

static int
number(struct jp *p)
{
	if (p->s[p->i] == '-')
		p->i++;
	if (p->s[p->i] == '0')
		p->i++;
	else if (digits(p) != 0)
		return -1;
	if (p->s[p->i] == '.') {
		p->i++;
		if (digits(p) != 0)
			return -1;
	}
	if (p->s[p->i] == 'e' || p->s[p->i] == 'E') {
		p->i++;
		if (p->s[p->i] == '+' || p->s[p->i] == '-')
			p->i++;
		if (digits(p) != 0)
			return -1;
	}
	return 0;
}

static int
word(struct jp *p, const char *w)
{
	size_t k = 0;
	while (w[k] && p->s[p->i + k] == w[k])
		k++;
	if (w[k]) {
		p->i += k;
		return fail(p, "a value");
	}
	p->i += k;
	return 0;
}

/* An object or an array: open, members separated by ',', close. */
static int
container(struct jp *p, int depth)
{
	char close = p->s[p->i] == '{' ? '}' : ']';
	if (depth >= JSON_MAX_DEPTH)
		return fail(p, "less nesting");
	p->i++;
	ws(p);
	if (p->s[p->i] == close) {
		p->i++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			ws(p);
			if (p->s[p->i] != '"')
				return fail(p, "a string key");
			if (string(p) != 0)
				return -1;
			ws(p);
			if (p->s[p->i] != ':')
				return fail(p, "':'");
			p->i++;
		}
		if (value(p, depth + 1) != 0)
			return -1;
		if (p->s[p->i] == close) {
			p->i++;
			return 0;
		}
		if (p->s[p->i] != ',')
			return fail(p, close == '}' ? "',' or '}'" : "',' or ']'");
		p->i++;
	}
}

/* A value with the whitespace around it. */
static int
value(struct jp *p, int depth)
{
	int rc;
	ws(p);
	switch (p->s[p->i]) {
	case '{':
	case '[': rc = container(p, depth); break;
	case '"': rc = string(p); break;
	case 't': rc = word(p, "true"); break;
	case 'f': rc = word(p, "false"); break;
	case 'n': rc = word(p, "null"); break;
	default:
		if (p->s[p->i] == '-' || is_digit(p->s[p->i]))
			rc = number(p);
		else
			rc = fail(p, "a value");
		break;
	}
	if (rc == 0)
		ws(p);
	return rc;
}

int
json_check(const char *text, size_t *at, const char **expected)
{
	struct jp p = {text, 0, NULL};
	int rc = value(&p, 0);
	if (rc == 0 && text[p.i] != '\0')
		rc = fail(&p, "the end of the text");
	if (at)
		*at = p.i;
	if (expected)
		*expected = rc == 0 ? NULL : p.expected;
	return rc;
}
