/* whatif_scenario.c - scenarios: editing, parsing, undo and scenario files.
 * No curses here. */
#include "whatif_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "text.h"
#include "xmalloc.h"

/* ---- scenarios ---- */

void
whatif_scenario_init(struct whatif_scenario *sc, const struct whatif_model *m)
{
	sc->n = m->n;
	sc->c = xcalloc(m->n ? m->n : 1, sizeof *sc->c);
}

void
whatif_scenario_free(struct whatif_scenario *sc)
{
	free(sc->c);
	sc->c = NULL;
	sc->n = 0;
}

void
whatif_scenario_copy(struct whatif_scenario *dst, const struct whatif_scenario *src)
{
	if (dst->n != src->n || dst->c == NULL) {
		free(dst->c);
		dst->c = xcalloc(src->n ? src->n : 1, sizeof *dst->c);
		dst->n = src->n;
	}
	if (src->n)
		memcpy(dst->c, src->c, src->n * sizeof *src->c);
}

void
whatif_scenario_clear(struct whatif_scenario *sc)
{
	if (sc->n)
		memset(sc->c, 0, sc->n * sizeof *sc->c);
}

size_t
whatif_scenario_nchanged(const struct whatif_scenario *sc)
{
	size_t k = 0;
	for (size_t i = 0; i < sc->n; i++)
		k += sc->c[i].set != 0;
	return k;
}

long long
whatif_seats(const struct whatif_model *m, const struct whatif_scenario *sc, size_t i)
{
	if (i >= m->n)
		return 0;
	return sc && i < sc->n && sc->c[i].set ? sc->c[i].seats : m->p[i].seats;
}

int
whatif_scenario_set(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, long long seats,
    money_t flex_days, char *err, size_t errlen)
{
	if (i >= m->n || i >= sc->n) {
		text_seterr(err, errlen, "no such product");
		return -1;
	}
	if (seats < 0) {
		text_seterr(err, errlen, "%s: %lld seats: a seat count cannot be below zero", m->p[i].label, seats);
		return -1;
	}
	if (seats > MAX_SEATS) {
		text_seterr(err, errlen, "%s: %lld seats: more than %lld", m->p[i].label, seats, MAX_SEATS);
		return -1;
	}
	if (flex_days == MONEY_NULL || flex_days < 0) {
		text_seterr(err, errlen, "%s: Flex days cannot be below zero", m->p[i].label);
		return -1;
	}
	sc->c[i].seats = seats;
	sc->c[i].flex_days = flex_days;
	sc->c[i].set = seats != m->p[i].seats || flex_days != 0;
	return 0;
}

int
whatif_scenario_step(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, long long delta,
    char *err, size_t errlen)
{
	long long cur = whatif_seats(m, sc, i);
	money_t flex = i < sc->n && sc->c[i].set ? sc->c[i].flex_days : 0;
	if (i < m->n && cur + delta < 0) {
		text_seterr(err, errlen, "%s: %lld seats %s %lld = %lld: a seat count cannot be below zero", m->p[i].label,
		    cur, delta < 0 ? "-" : "+", delta < 0 ? -delta : delta, cur + delta);
		return -1;
	}
	return whatif_scenario_set(m, sc, i, cur + delta, flex, err, errlen);
}

/* Parses a change against `base` seats: "12", "+2", "-3", "-10%", then
 * optionally "flex DAYS". */
static int
parse_change(const char *label, long long base, const char *s, size_t n, long long *seats, money_t *flex,
    char *err, size_t errlen)
{
	const char *p, *e, *num;
	char text[128];
	int sign = 0, pct = 0;
	money_t v;
	unsigned dev = 0;

	whatif_trim_span(&s, &n);
	snprintf(text, sizeof text, "%.*s", (int)n, s);
	*flex = 0;
	p = s;
	e = s + n;
	if (p < e && (*p == '+' || *p == '-'))
		sign = *p++ == '-' ? -1 : 1;
	num = p;
	while (p < e && (isdigit((unsigned char)*p) || *p == '.'))
		p++;
	if (p == num)
		goto malformed;
	if (p < e && *p == '%') {
		pct = 1;
		p++;
	}
	if (money_parse(num, (size_t)(p - num - pct), &v, &dev) != 0 || dev)
		goto malformed;
	if (pct && !sign) {
		text_seterr(err, errlen, "%s: '%s': a percentage needs a sign: +%s or -%s", label, text, text, text);
		return -1;
	}
	if (!pct && v % MONEY_ONE != 0) {
		text_seterr(err, errlen, "%s: '%s': seats are whole numbers", label, text);
		return -1;
	}
	if (v > money_from_int(MAX_SEATS) * (pct ? 100 : 1)) {
		text_seterr(err, errlen, "%s: '%s': more than %lld seats", label, text, MAX_SEATS);
		return -1;
	}
	if (pct) {
		/* toward zero: a cut never drops more seats than asked */
		money_t d = money_mul(money_from_int(base), v);
		long long delta = (long long)(d / (MONEY_ONE * 100));
		*seats = base + sign * delta;
	} else if (sign)
		*seats = base + sign * (long long)(v / MONEY_ONE);
	else
		*seats = (long long)(v / MONEY_ONE);
	/* "flex DAYS" */
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (p < e) {
		if (e - p < 5 || strncasecmp(p, "flex", 4) != 0 || !isspace((unsigned char)p[4]))
			goto malformed;
		p += 4;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p == e || money_parse(p, (size_t)(e - p), flex, &dev) != 0 || dev || *flex < 0 ||
		    *flex > money_from_int(MAX_SEATS * 31)) {
			text_seterr(err, errlen, "%s: '%s': 'flex' takes the use-days a month bought on Flex, e.g. flex 12",
			    label, text);
			return -1;
		}
	}
	if (*seats < 0) {
		text_seterr(err, errlen, "%s: '%s' gives %lld - %lld = %lld seats: a seat count cannot be below zero",
		    label, text, base, base - *seats, *seats);
		return -1;
	}
	if (*seats > MAX_SEATS) {
		text_seterr(err, errlen, "%s: '%s': more than %lld seats", label, text, MAX_SEATS);
		return -1;
	}
	return 0;
malformed:
	text_seterr(err, errlen, "%s: '%s': expected a seat count (12), a change (+2, -3) or a percentage (-10%%), "
	    "optionally followed by 'flex DAYS'", label, text);
	return -1;
}

int
whatif_scenario_apply(const struct whatif_model *m, struct whatif_scenario *sc, size_t i, const char *change,
    char *err, size_t errlen)
{
	long long seats;
	money_t flex;
	if (i >= m->n) {
		text_seterr(err, errlen, "no such product");
		return -1;
	}
	if (parse_change(m->p[i].label, m->p[i].seats, change, strlen(change), &seats, &flex, err, errlen) != 0)
		return -1;
	return whatif_scenario_set(m, sc, i, seats, flex, err, errlen);
}

int
whatif_scenario_parse(const struct whatif_model *m, const char *spec, struct whatif_scenario *sc, char *err,
    size_t errlen)
{
	struct whatif_scenario tmp = {0};
	unsigned char *given;
	const char *p = spec, *start = spec;
	int rc = 0;

	whatif_scenario_init(&tmp, m);
	whatif_scenario_copy(&tmp, sc);
	given = xcalloc(m->n ? m->n : 1, 1);
	/* entries are split at commas; a comma inside a product name
	 * ("Architecture, Engineering & ...") is kept when no '=' follows it */
	while (rc == 0) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p), *eq = NULL;
		for (const char *q = start; q < end; q++)
			if (*q == '=')
				eq = q;
		if (eq == NULL && comma) {
			p = comma + 1;
			continue;	/* part of the name */
		}
		{
			const char *a = start;
			size_t n = (size_t)(end - start);
			whatif_trim_span(&a, &n);
			if (n == 0 && !comma && start != spec)
				break;	/* a trailing comma */
			if (eq == NULL || n == 0) {
				text_seterr(err, errlen, "'%.*s': expected PRODUCT=CHANGE, e.g. Revit=-5 or \"AEC Collection=-10%%\"",
				    (int)n, a);
				rc = -1;
				break;
			}
		}
		{
			char msg[1400];
			int i = whatif_find_span(m, start, (size_t)(eq - start), msg, sizeof msg);
			long long seats;
			money_t flex;
			if (i < 0) {
				text_seterr(err, errlen, "%s", msg);
				rc = -1;
				break;
			}
			if (given[i]) {
				text_seterr(err, errlen, "%s is given twice", m->p[i].label);
				rc = -1;
				break;
			}
			given[i] = 1;
			if (parse_change(m->p[i].label, m->p[i].seats, eq + 1, (size_t)(end - eq - 1), &seats, &flex, err,
			    errlen) != 0 || whatif_scenario_set(m, &tmp, (size_t)i, seats, flex, err, errlen) != 0) {
				rc = -1;
				break;
			}
		}
		if (!comma)
			break;
		p = start = comma + 1;
	}
	if (rc == 0)
		whatif_scenario_copy(sc, &tmp);
	whatif_scenario_free(&tmp);
	free(given);
	return rc;
}

/* ---- undo ---- */

void
whatif_undo_push(struct whatif_undo *u, const struct whatif_scenario *sc)
{
	if (u->n == UNDO_MAX) {
		whatif_scenario_free(&u->s[0]);
		memmove(u->s, u->s + 1, (u->n - 1) * sizeof *u->s);
		u->n--;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->s = xreallocarray(u->s, u->cap, sizeof *u->s);
	}
	memset(&u->s[u->n], 0, sizeof u->s[u->n]);
	whatif_scenario_copy(&u->s[u->n], sc);
	u->n++;
}

int
whatif_undo_pop(struct whatif_undo *u, struct whatif_scenario *sc)
{
	if (u->n == 0)
		return 0;
	u->n--;
	whatif_scenario_copy(sc, &u->s[u->n]);
	whatif_scenario_free(&u->s[u->n]);
	return 1;
}

void
whatif_undo_free(struct whatif_undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		whatif_scenario_free(&u->s[i]);
	free(u->s);
	memset(u, 0, sizeof *u);
}

/* ---- scenario files ---- */

#define SCENARIO_MAGIC "# focal scenario"

int
whatif_scenario_load(const struct whatif_model *m, const char *path, struct whatif_scenario *sc, char *err,
    size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct whatif_scenario tmp = {0};
	unsigned char *given;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long ln = 0;
	int rc = 0, seen_magic = 0;

	if (f == NULL) {
		text_seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	whatif_scenario_init(&tmp, m);
	given = xcalloc(m->n ? m->n : 1, 1);
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		char *s = line, *eq, *hash, msg[1400];
		size_t n;
		int i;
		long long seats;
		money_t flex;
		ln++;
		if (ln * 128 > SCENARIO_MAX_SIZE || (size_t)len > 4096) {
			text_seterr(err, errlen, "%s:%lu: line too long, or too many lines: not a scenario file", path, ln);
			rc = -1;
			break;
		}
		if (memchr(line, '\0', (size_t)len)) {
			text_seterr(err, errlen, "%s:%lu: binary data: not a scenario file", path, ln);
			rc = -1;
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!seen_magic) {
			if (strncmp(line, SCENARIO_MAGIC, strlen(SCENARIO_MAGIC)) != 0) {
				text_seterr(err, errlen, "%s:%lu: not a focal scenario file (the first line must be '%s')", path,
				    ln, SCENARIO_MAGIC);
				rc = -1;
				break;
			}
			seen_magic = 1;
			continue;
		}
		/* comments: whole lines, or " # ..." after a value */
		if ((hash = strstr(s, " #")) != NULL || (hash = strstr(s, "\t#")) != NULL)
			*hash = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#' || *s == '\0')
			continue;
		eq = strrchr(s, '=');
		if (eq == NULL) {
			text_seterr(err, errlen, "%s:%lu: expected PRODUCT = SEATS", path, ln);
			rc = -1;
			break;
		}
		n = (size_t)(eq - s);
		if ((i = whatif_find_span(m, s, n, msg, sizeof msg)) < 0) {
			text_seterr(err, errlen, "%s:%lu: %s", path, ln, msg);
			rc = -1;
			break;
		}
		if (given[i]) {
			text_seterr(err, errlen, "%s:%lu: %s is given twice", path, ln, m->p[i].label);
			rc = -1;
			break;
		}
		given[i] = 1;
		if (parse_change(m->p[i].label, m->p[i].seats, eq + 1, strlen(eq + 1), &seats, &flex, msg,
		    sizeof msg) != 0 || whatif_scenario_set(m, &tmp, (size_t)i, seats, flex, msg, sizeof msg) != 0) {
			text_seterr(err, errlen, "%s:%lu: %s", path, ln, msg);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		text_seterr(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && !seen_magic) {
		text_seterr(err, errlen, "%s:1: empty file: not a focal scenario file", path);
		rc = -1;
	}
	if (rc == 0)
		whatif_scenario_copy(sc, &tmp);
	fclose(f);
	free(line);
	free(given);
	whatif_scenario_free(&tmp);
	return rc;
}

int
whatif_scenario_save(const struct whatif_model *m, const struct whatif_scenario *sc, const char *path, int force,
    char *err, size_t errlen)
{
	char day[21];
	struct outfile of;
	FILE *f;
	int rc;

	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		const unsigned char *c = (const unsigned char *)m->p[i].label;
		if (!sc->c[i].set)
			continue;
		for (; *c; c++)
			if (*c < 0x20 || *c == 0x7f || *c == '#') {
				text_seterr(err, errlen, "%s: the product name has a control character or '#' and cannot be "
				    "written to a scenario file", m->p[i].label);
				return -1;
			}
	}
	if ((f = outfile_open(&of, path, err, errlen)) == NULL)
		return -1;
	date_format(m->as_of, day);
	day[10] = '\0';
	fprintf(f, "%s 1\n", SCENARIO_MAGIC);
	fprintf(f, "# Seat counts for focal whatif --scenario and the explorer's what-if panel.\n");
	fprintf(f, "# PRODUCT = SEATS [flex DAYS]; baseline as of %s. See focal(1).\n", day);
	for (size_t i = 0; i < m->n && i < sc->n; i++) {
		if (!sc->c[i].set)
			continue;
		fprintf(f, "%s = %lld", m->p[i].label, sc->c[i].seats);
		if (sc->c[i].flex_days) {
			char d[48];
			money_format(sc->c[i].flex_days, -1, 0, 0, d, sizeof d);
			fprintf(f, " flex %s", d);
		}
		fprintf(f, "\t# was %lld\n", m->p[i].seats);
	}
	rc = outfile_commit(&of, force, err, errlen);
	if (rc == OUTFILE_EXISTS)
		text_seterr(err, errlen, "%s exists; use --force to replace it", path);
	return rc == 0 ? 0 : -1;
}
