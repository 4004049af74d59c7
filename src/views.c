/* views.c - saved views of the explorer (views.h). */
#include "views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outfile.h"
#include "settings.h"
#include "xmalloc.h"

char *
drill_spec(const struct drill *m, const char *mode)
{
	const struct drill_view *v = &m->views[m->depth - 1];
	char name[300], label[512], *text = NULL;
	size_t len = 0;
	FILE *b = open_memstream(&text, &len);
	if (b == NULL)
		return NULL;
	fprintf(b, "metric = %s\ngrain = %s\n", metric_name(m->metric), grain_name(m->grain));
	if (m->has_range)
		fprintf(b, "range = %s\n", m->range_label);
	dim_name(m->s, &v->dim, name, sizeof name);
	fprintf(b, "dim = %s\n", name);
	for (int k = 0; k < v->nf; k++) {
		const struct filter *f = &v->f[k];
		if (f->lo != f->hi)
			continue;	/* a range of codes (a period compared): not kept */
		dim_name(m->s, &f->dim, name, sizeof name);
		fprintf(b, "%s = %s %s %s\n", (v->chips >> k) & 1 ? "chip" : "step", name, f->exclude ? "!=" : "=",
		    f->lo == UINT32_MAX ? "?" : dim_label(m->s, &f->dim, f->lo, label, sizeof label));
	}
	fprintf(b, "mode = %s\n", mode);
	fclose(b);
	return text;
}

/* One "step"/"chip" line into filter f: 0, or -1 (err). */
static int
spec_filter(struct drill *m, const char *v, struct filter *f, char *note, size_t notelen, char *err,
    size_t errlen)
{
	const char *op = strstr(v, " != "), *eq = strstr(v, " = ");
	char dim[256], why[256];
	uint32_t code;
	int excl = op && (!eq || op < eq);
	const char *sep = excl ? op : eq, *val;
	if (!sep) {
		snprintf(err, errlen, "'%s': expected DIM = VALUE or DIM != VALUE", v);
		return -1;
	}
	val = sep + (excl ? 4 : 3);
	snprintf(dim, sizeof dim, "%.*s", (int)(sep - v), v);
	memset(f, 0, sizeof *f);
	if (dim_parse(m->s, dim, m->grain, &f->dim, why, sizeof why) != 0) {
		snprintf(err, errlen, "%s: %s", dim, why);
		return -1;
	}
	if (dim_lookup(m->s, &f->dim, val, &code) != 0) {
		code = UINT32_MAX;
		if (note[0] == '\0')
			snprintf(note, notelen, "%s: no row has this value here", v);
	}
	f->lo = f->hi = code;
	f->exclude = excl;
	f->timed = 0;
	return 0;
}

/* One key = value line of a spec into the view being built. */
static int
spec_line(struct drill *m, struct drill_view *v, const char *key, const char *val, int *mode, char *note,
    size_t notelen, char *err, size_t errlen)
{
	char why[256];
	int x;
	if (!strcmp(key, "metric")) {
		if ((x = metric_find(val)) < 0) {
			snprintf(err, errlen, "metric '%s': unknown", val);
			return -1;
		}
		drill_set_metric(m, (enum metric)x);
	} else if (!strcmp(key, "grain")) {
		if ((x = grain_parse(val)) < 0) {
			snprintf(err, errlen, "grain '%s': unknown", val);
			return -1;
		}
		drill_set_grain(m, (enum grain)x);
	} else if (!strcmp(key, "range")) {
		if (drill_set_range(m, val, why, sizeof why) != 0) {
			snprintf(err, errlen, "range %s", why);
			return -1;
		}
	} else if (!strcmp(key, "dim")) {
		if (dim_parse(m->s, val, m->grain, &v->dim, why, sizeof why) != 0) {
			snprintf(err, errlen, "dim %s: %s", val, why);
			return -1;
		}
	} else if (!strcmp(key, "step") || !strcmp(key, "chip")) {
		if (v->nf + 1 >= DRILL_MAX_DEPTH) {
			snprintf(err, errlen, "too many filters");
			return -1;
		}
		if (spec_filter(m, val, &v->f[v->nf], note, notelen, err, errlen) != 0)
			return -1;
		if (key[0] == 'c')
			v->chips |= 1u << v->nf;
		v->nf++;
	} else if (!strcmp(key, "mode")) {
		*mode = !strcmp(val, "compare");
	} else {
		snprintf(err, errlen, "'%s': unknown (metric, grain, range, dim, step, chip, mode)", key);
		return -1;
	}
	return 0;
}

int
drill_apply_spec(struct drill *m, const char *spec, int *mode, char *note, size_t notelen, char *err,
    size_t errlen)
{
	struct drill_view v = {0};
	char *copy = xstrdup(spec), *save = NULL, *line;
	int rc = 0;
	note[0] = '\0';
	*mode = 0;
	v.dim = m->views[0].dim;
	if (m->has_range)
		drill_set_range(m, "", err, errlen);
	for (line = strtok_r(copy, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strstr(line, " = ");
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!eq) {
			snprintf(err, errlen, "'%s': expected KEY = VALUE", line);
			rc = -1;
			break;
		}
		*eq = '\0';
		rc = spec_line(m, &v, line, eq + 3, mode, note, notelen, err, errlen);
	}
	free(copy);
	if (rc != 0)
		return -1;
	for (int i = 0; i < m->depth; i++)
		drill_view_clear(&m->views[i]);
	m->depth = 1;
	m->views[0].dim = v.dim;
	m->views[0].level = -1;
	memcpy(m->views[0].f, v.f, sizeof v.f);
	m->views[0].nf = v.nf;
	m->views[0].chips = v.chips;
	m->views[0].sort = m->sort;
	m->views[0].reverse = m->reverse;
	m->views[0].stale = V_ALL;
	for (int i = 0; i < m->npath; i++)
		if (dim_equal(&m->path[i], &v.dim))
			m->views[0].level = i;
	return 0;
}

/* ---- the file ---- */

char *
views_path(void)
{
	char *p = settings_path(), *slash;
	size_t n;
	if (!p)
		return NULL;
	slash = strrchr(p, '/');
	n = slash ? (size_t)(slash - p) + 1 : 0;
	p = xreallocarray(p, n + sizeof "views", 1);
	memcpy(p + n, "views", sizeof "views");
	return p;
}

void
views_free(struct saved_view *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].spec);
	}
	free(v);
}

int
views_load(const char *path, struct saved_view **out, size_t *n, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	*out = NULL;
	*n = 0;
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (line[0] == '[' && len > 2 && line[len - 1] == ']') {
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			line[len - 1] = '\0';
			(*out)[*n].name = xstrdup(line + 1);
			(*out)[*n].spec = xstrdup("");
			(*n)++;
		} else if (*n && line[0] && line[0] != '#') {
			char *old = (*out)[*n - 1].spec;
			xasprintf(&(*out)[*n - 1].spec, "%s%s\n", old, line);
			free(old);
		}
	}
	fclose(f);
	return 0;
}

int
views_save(const char *path, const char *name, const char *spec, char *err, size_t errlen)
{
	struct saved_view *v;
	struct outfile of;
	size_t n;
	int found = 0;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdir(dir, 0700);	/* the settings folder may not be there yet */
	}
	free(dir);
	if (strchr(name, '\n') || strchr(name, ']') || name[0] == '\0') {
		snprintf(err, errlen, "a view's name is one line without ]");
		return -1;
	}
	if (views_load(path, &v, &n, err, errlen) != 0)
		return -1;
	if (!outfile_open(&of, path, err, errlen)) {
		views_free(v, n);
		return -1;
	}
	fputs("# focal saved views (focal(1), VIEWS): [name], then key = value lines\n", of.f);
	for (size_t i = 0; i < n; i++) {
		const char *s = strcmp(v[i].name, name) ? v[i].spec : spec;
		found |= !strcmp(v[i].name, name);
		fprintf(of.f, "[%s]\n%s", v[i].name, s);
	}
	if (!found)
		fprintf(of.f, "[%s]\n%s", name, spec);
	views_free(v, n);
	return outfile_commit(&of, 1, err, errlen) == 0 ? 0 : -1;
}
