/* usecase.c - reading the FOCUS use case files (see usecase.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "usecase.h"
#include "xmalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/focal"
#endif

/* A use case file larger than this is not a use case. */
#define USECASE_MAX_BYTES (1u << 20)

static int
ident_char(int c)
{
	return isalnum(c) || c == '_';
}

static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Splits a list of words (blanks or commas between) into *out; each word
 * must be made of ok() characters. -1 on a bad word, its text in bad. */
static int
words(const char *v, int (*ok)(int), char ***out, int *n, char *bad, size_t badlen)
{
	const char *p = v;
	while (*p) {
		const char *w;
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (w = p; *p && *p != ',' && !isspace((unsigned char)*p); p++)
			if (!ok((unsigned char)*p)) {
				while (*p && *p != ',' && !isspace((unsigned char)*p))
					p++;
				snprintf(bad, badlen, "%.*s", (int)(p - w), w);
				return -1;
			}
		*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
		(*out)[(*n)++] = xstrndup(w, (size_t)(p - w));
	}
	return 0;
}

static int
version_char(int c)
{
	return isdigit(c) || c == '.';
}

static int
parse_versions(struct usecase *uc, const char *v, char *bad, size_t badlen)
{
	char **list = NULL;
	int n = 0, rc = words(v, version_char, &list, &n, bad, badlen);
	size_t len = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		const char *dot = strchr(list[i], '.');
		if (dot == NULL || dot == list[i] || !dot[1] || strchr(dot + 1, '.')) {
			snprintf(bad, badlen, "%s", list[i]);
			rc = -1;
		}
		len += strlen(list[i]) + 1;
	}
	if (rc == 0 && n == 0) {
		snprintf(bad, badlen, "(nothing)");
		rc = -1;
	}
	if (rc == 0) {
		uc->versions = xcalloc(len + 1, 1);
		for (int i = 0; i < n; i++) {
			if (i)
				strcat(uc->versions, " ");
			strcat(uc->versions, list[i]);
		}
	}
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return rc;
}

/* "NAME = DEFAULT : help" */
static const char *
parse_param(struct usecase *uc, const char *v)
{
	const char *p = v, *eq, *colon;
	struct usecase_param *pa;
	char *name;
	if (!isalpha((unsigned char)*p) && *p != '_')
		return "a parameter name (letters, digits, _) first";
	while (ident_char((unsigned char)*p))
		p++;
	name = xstrndup(v, (size_t)(p - v));
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '=') {
		free(name);
		return "\"NAME = DEFAULT : help\"";
	}
	if (usecase_param(uc, name)) {
		free(name);
		return "each parameter once";
	}
	eq = p + 1;
	for (colon = eq; *colon && !(*colon == ':' && colon > eq && isspace((unsigned char)colon[-1])); colon++)
		;
	uc->params = xreallocarray(uc->params, (size_t)uc->nparams + 1, sizeof *uc->params);
	pa = &uc->params[uc->nparams++];
	pa->name = name;
	pa->def = trimmed(eq, (size_t)(colon - eq));
	pa->help = *colon ? trimmed(colon + 1, strlen(colon + 1)) : xstrdup("");
	return NULL;
}

static int fail(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "PATH:LINE: expected ..." in err; returns -1. */
static int
fail(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d: expected %s", path, line, what);
	return -1;
}

/* One "-- key: value" line (without the "--"). */
static int
header_line(struct usecase *uc, const char *l, const char *path, int line, char *err, size_t errlen)
{
	static const char *const keys[] = {"title", "focus", "columns", "param", "description"};
	const char *colon = l, *msg;
	char key[32], *v, bad[128];
	size_t k;
	int rc = 0;
	while (isalpha((unsigned char)*colon))
		colon++;
	if (*colon != ':' || colon == l || (size_t)(colon - l) >= sizeof key)
		return fail(err, errlen, path, line, "\"-- key: value\" (title, focus, columns, param, description)");
	snprintf(key, sizeof key, "%.*s", (int)(colon - l), l);
	for (k = 0; k < sizeof keys / sizeof *keys && strcmp(keys[k], key) != 0; k++)
		;
	if (k == sizeof keys / sizeof *keys)
		return fail(err, errlen, path, line, "title, focus, columns, param or description, not \"%s\"", key);
	v = trimmed(colon + 1, strlen(colon + 1));
	if (!*v && k != 3)
		rc = fail(err, errlen, path, line, "a value after \"%s:\"", key);
	else if ((k == 0 && uc->title) || (k == 1 && uc->versions) || (k == 2 && uc->columns) || (k == 4 && uc->description))
		rc = fail(err, errlen, path, line, "one \"%s:\" line, not a second", key);
	else if (k == 0)
		uc->title = xstrdup(v);
	else if (k == 4)
		uc->description = xstrdup(v);
	else if (k == 1 && parse_versions(uc, v, bad, sizeof bad) != 0)
		rc = fail(err, errlen, path, line, "a FOCUS version such as 1.2, not \"%s\"", bad);
	else if (k == 2 && (words(v, ident_char, &uc->columns, &uc->ncolumns, bad, sizeof bad) != 0))
		rc = fail(err, errlen, path, line, "a column name (letters, digits, _), not \"%s\"", bad);
	else if (k == 3 && (msg = parse_param(uc, v)))
		rc = fail(err, errlen, path, line, "param: %s", msg);
	free(v);
	return rc;
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

struct usecase *
usecase_parse(const char *text, size_t n, const char *name, const char *path, char *err, size_t errlen)
{
	struct usecase *uc = xcalloc(1, sizeof *uc);
	size_t pos = 0;
	int line = 0;

	if (memchr(text, '\0', n)) {
		fail(err, errlen, path, 1, "text, not binary data (a NUL byte)");
		goto bad;
	}
	while (pos < n) {
		const char *l = text + pos, *end = memchr(l, '\n', n - pos);
		size_t len = end ? (size_t)(end - l) : n - pos;
		char *s;
		int rc;
		if (len < 2 || l[0] != '-' || l[1] != '-')
			break;
		line++;
		pos += len + (end != NULL);
		if (blank(l + 2, len - 2))
			continue;
		s = trimmed(l + 2, len - 2);
		rc = header_line(uc, s, path, line, err, errlen);
		free(s);
		if (rc)
			goto bad;
	}
	line++;
	if (!uc->title || !uc->versions || !uc->columns || !uc->description) {
		const char *k = !uc->title ? "title" : !uc->versions ? "focus" : !uc->columns ? "columns" : "description";
		fail(err, errlen, path, line, "a \"-- %s:\" line in the header", k);
		goto bad;
	}
	if (blank(text + pos, n - pos)) {
		fail(err, errlen, path, line, "a SELECT after the header");
		goto bad;
	}
	uc->name = xstrdup(name);
	uc->path = xstrdup(path);
	uc->sql = xstrndup(text, n);
	return uc;
bad:
	usecase_free(uc);
	return NULL;
}

struct usecase *
usecase_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *name, *dot;
	const char *base;
	size_t n = 0, got;
	struct usecase *uc;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(USECASE_MAX_BYTES + 1);
	while ((got = fread(buf + n, 1, USECASE_MAX_BYTES + 1 - n, f)) > 0 && n + got <= USECASE_MAX_BYTES)
		n += got;
	if (ferror(f) || got > 0) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ? strerror(errno) : "larger than 1 MiB, not a use case");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	name = xstrdup(base);
	if ((dot = strrchr(name, '.')) && strcmp(dot, ".sql") == 0)
		*dot = '\0';
	uc = usecase_parse(buf, n, name, path, err, errlen);
	free(name);
	free(buf);
	return uc;
}

void
usecase_free(struct usecase *uc)
{
	if (uc == NULL)
		return;
	for (int i = 0; i < uc->ncolumns; i++)
		free(uc->columns[i]);
	for (int i = 0; i < uc->nparams; i++) {
		free(uc->params[i].name);
		free(uc->params[i].def);
		free(uc->params[i].help);
	}
	free(uc->columns);
	free(uc->params);
	free(uc->name);
	free(uc->path);
	free(uc->title);
	free(uc->versions);
	free(uc->description);
	free(uc->sql);
	free(uc);
}

const struct usecase *
usecase_find(struct usecase *const *list, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i]->name, name) == 0)
			return list[i];
	return NULL;
}

const struct usecase_param *
usecase_param(const struct usecase *uc, const char *name)
{
	for (int i = 0; i < uc->nparams; i++)
		if (strcmp(uc->params[i].name, name) == 0)
			return &uc->params[i];
	return NULL;
}

const char *
usecase_missing(const struct usecase *uc, int (*has)(void *, const char *), void *ctx)
{
	for (int i = 0; i < uc->ncolumns; i++)
		if (!has(ctx, uc->columns[i]))
			return uc->columns[i];
	return NULL;
}

static int
sql_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0;
}

static void
add_dir(struct usecase ***list, int *n, const char *dir, void (*warn)(void *, const char *), void *ctx)
{
	struct dirent **ents;
	int k = scandir(dir, &ents, sql_file, alphasort);
	for (int i = 0; i < k; i++) {
		char err[512], *path;
		struct usecase *uc;
		xasprintf(&path, "%s/%s", dir, ents[i]->d_name);
		uc = usecase_load(path, err, sizeof err);
		if (uc == NULL && warn)
			warn(ctx, err);
		if (uc && usecase_find(*list, *n, uc->name)) {
			usecase_free(uc);
			uc = NULL;
		}
		if (uc) {
			*list = xreallocarray(*list, (size_t)*n + 1, sizeof **list);
			(*list)[(*n)++] = uc;
		}
		free(path);
		free(ents[i]);
	}
	if (k >= 0)
		free(ents);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct usecase *const *)a)->name, (*(struct usecase *const *)b)->name);
}

const char *
usecase_installed_dir(void)
{
	return PKGDATADIR "/usecases";
}

int
usecase_load_all(struct usecase ***out, void (*warn)(void *, const char *), void *ctx)
{
	struct usecase **list = NULL;
	int n = 0;
	const char *env;
	char *dir, exe[PATH_MAX];
	ssize_t len;

	if ((env = getenv("FOCAL_DATADIR")) && *env) {
		xasprintf(&dir, "%s/usecases", env);
		add_dir(&list, &n, dir, warn, ctx);
		free(dir);
	}
	if ((env = getenv("XDG_CONFIG_HOME")) && *env)
		xasprintf(&dir, "%s/focal/usecases", env);
	else if ((env = getenv("HOME")) && *env)
		xasprintf(&dir, "%s/.config/focal/usecases", env);
	else
		dir = NULL;
	if (dir) {
		add_dir(&list, &n, dir, warn, ctx);
		free(dir);
	}
	/* running from a build tree: <builddir>/src/focal -> <srcdir>/data */
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			xasprintf(&dir, "%s/../data/usecases", exe);
			add_dir(&list, &n, dir, warn, ctx);
			free(dir);
		}
	}
	add_dir(&list, &n, PKGDATADIR "/usecases", warn, ctx);
	if (n > 1)
		qsort(list, (size_t)n, sizeof *list, by_name);
	*out = list;
	return n;
}

void
usecase_free_all(struct usecase **list, int n)
{
	for (int i = 0; i < n; i++)
		usecase_free(list[i]);
	free(list);
}

int
usecase_reads(const struct usecase *uc, const char *column)
{
	for (int k = 0; k < uc->ncolumns; k++)
		if (strcmp(uc->columns[k], column) == 0)
			return 1;
	return 0;
}

const char *
usecase_period_dim(const struct usecase *uc)
{
	if (usecase_reads(uc, "BillingPeriodStart"))
		return "billing-period";
	return usecase_reads(uc, "ChargePeriodStart") ? "period" : NULL;
}
