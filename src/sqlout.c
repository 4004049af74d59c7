/* sqlout.c - printing a query's rows (sqlout.h). */
#include "sqlout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "text.h"
#include "value.h"
#include "xmalloc.h"

static void
cells_add(struct sqlout *o, const char *s, int num)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = xreallocarray(o->v, o->cap, sizeof *o->v);
		o->num = xreallocarray(o->num, o->cap, sizeof *o->num);
	}
	o->v[o->n] = xstrdup(s);
	o->num[o->n++] = num;
}

static void
print_table(FILE *f, const struct sqlout *o)
{
	int ncol = o->ncol, *w = xcalloc((size_t)ncol, sizeof *w), *right = xcalloc((size_t)ncol, sizeof *right);
	char fit[1024];
	for (size_t i = 0; i < o->n; i++) {
		int col = (int)(i % (size_t)ncol), tw = text_fit(o->v[i], 60, fit, sizeof fit, o->ascii);
		if (tw > w[col])
			w[col] = tw;
		if (i >= (size_t)ncol && o->num[i])
			right[col] = 1;
	}
	for (size_t i = 0; i < o->n; i++) {
		int col = (int)(i % (size_t)ncol), tw = text_fit(o->v[i], 60, fit, sizeof fit, o->ascii);
		int pad = w[col] - tw;
		if (right[col])
			fprintf(f, "%*s%s", pad, "", fit);
		else
			fprintf(f, "%s%*s", fit, col == ncol - 1 ? 0 : pad, "");
		fputs(col == ncol - 1 ? "\n" : "  ", f);
	}
	free(w);
	free(right);
}

void
sqlout_begin(struct sqlout *o, enum report_format fmt, int ascii, int ncol, const char *const *names,
    int *first_json)
{
	memset(o, 0, sizeof *o);
	o->fmt = fmt;
	o->ascii = ascii;
	o->ncol = ncol;
	o->names = names;
	for (int i = 0; i < ncol; i++) {
		const char *name = names[i] ? names[i] : "";
		if (fmt == FMT_TABLE) {
			char clean[600];
			text_sanitize(name, clean, sizeof clean, ascii);
			cells_add(o, clean, 0);
		} else if (fmt == FMT_CSV) {
			if (i)
				fputc(',', stdout);
			text_csv(stdout, name);
		} else {
			fputs(i ? "," : (*first_json ? "{\"columns\":[" : ",\n{\"columns\":["), stdout);
			text_json(stdout, name);
		}
	}
	*first_json = 0;
	if (fmt == FMT_CSV && ncol)
		fputc('\n', stdout);
	else if (fmt == FMT_JSON)
		fputs("],\"rows\":[", stdout);
}

void
sqlout_cell(struct sqlout *o, int i, const char *t, int isnum, int isnull)
{
	money_t m;
	unsigned dev = 0;
	if (i == 0 && o->fmt == FMT_JSON)
		fputs(o->nrows ? ",\n{" : "\n{", stdout);
	if (o->fmt == FMT_TABLE) {
		char clean[4096], sep[FORMAT_MAX];
		const char *shown = isnull ? "NULL" : t;
		/* for people, as focal report: thousands separated, exact */
		if (isnum && money_parse(t, strlen(t), &m, &dev) == 0 && dev == 0) {
			money_format(m, -1, 0, ',', sep, sizeof sep);
			shown = sep;
		}
		text_sanitize(shown, clean, sizeof clean, o->ascii);
		cells_add(o, clean, isnum);
	} else if (o->fmt == FMT_CSV) {
		if (i)
			fputc(',', stdout);
		if (isnum)
			fputs(t, stdout);
		else if (!isnull)
			text_csv(stdout, t);
	} else {
		if (i)
			fputc(',', stdout);
		text_json(stdout, o->names[i] ? o->names[i] : "");
		fputc(':', stdout);
		if (isnull)
			fputs("null", stdout);
		else if (isnum)
			fputs(t, stdout);
		else
			text_json(stdout, t);
	}
}

void
sqlout_row_end(struct sqlout *o)
{
	if (o->fmt == FMT_CSV)
		fputc('\n', stdout);
	else if (o->fmt == FMT_JSON)
		fputc('}', stdout);
	o->nrows++;
}

void
sqlout_end(struct sqlout *o)
{
	if (o->fmt == FMT_TABLE && o->ncol)
		print_table(stdout, o);
	else if (o->fmt == FMT_JSON)
		fputs("]}", stdout);
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i]);
	free(o->v);
	free(o->num);
	o->v = NULL;
	o->num = NULL;
}
