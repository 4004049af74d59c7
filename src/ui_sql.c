/* ui_sql.c - SQL in the explorer: `:` asks for a query (history in the
 * settings folder, Up and Down to recall), the result is a screen like the
 * list (scroll, sort by any column, export); `u` lists the FOCUS use cases
 * and Enter runs one; `S` shows the SQL of the view on screen, to paste
 * into a warehouse. The queries run through sql.h, read-only, as focal sql;
 * Ctrl-C stops a slow one (a progress handler looks for it). */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "format.h"
#include "period.h"
#include "query.h"
#include "settings.h"
#include "sql.h"
#include "sqlgen.h"
#include "sqltab.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "usecase.h"
#include "xmalloc.h"

#define SQL_MAX_ROWS 100000	/* kept for the screen; more is said */
#define SQL_COL_MAX 40		/* widest column shown */

static ui_action act_col_prev, act_col_next, act_sort, act_export, act_again, act_run_usecase;

static const struct ui_keydef sql_keys[] = {
	{NULL, 0, {0}, "SQL results and use cases", NULL, NULL, 0},
	{act_col_prev, SB(ST_SQL), {'<', ','}, "<", "the column to the left", "<> column", 2},
	{act_col_next, SB(ST_SQL), {'>', '.'}, ">", "the column to the right", NULL, 0},
	{act_sort, SB(ST_SQL), {'s'}, "s", "sort by the column chosen (again: reverse)", "s sort", 2},
	{act_export, SB(ST_SQL), {'e'}, "e", "export the result to a CSV file", "e export", 3},
	{act_again, SB(ST_SQL), {':'}, ":", "another query, starting from this one", ": query", 1},
	{act_run_usecase, SB(ST_SQL), {ENTER_KEYS, KC(KEY_RIGHT), 'l'}, "Enter",
	    "in the use-case list: run the use case on the loaded files", NULL, 0},
};

/* ---- running ---- */

/* Every few thousand SQLite steps: a Ctrl-C typed meanwhile stops the query
 * (and only the query: the explorer stays). */
static int
progress(void *ctx)
{
	(void)ctx;
	return ui_take_interrupt();
}

static struct sql *
session(struct ui *u)
{
	char err[512];
	if (ui_rows_elsewhere(u, "SQL here", "focal sql URL runs the warehouse's own"))
		return NULL;
	if (u->sql.q == NULL && (u->sql.q = sql_open(u->s, err, sizeof err)) == NULL)
		ui_status(u, MSG_ERROR, "SQL: %s", err);
	else
		sqlite3_progress_handler(sql_db(u->sql.q), 20000, progress, u);
	return u->sql.q;
}

/* Runs text (params bound) and shows its result on the SQL screen. Returns
 * 0, or -1 when it failed (said on the status line). */
static int
show_query(struct ui *u, const char *title, const char *text, char *const *params, int nparams, int usecases)
{
	struct sql *q = session(u);
	struct sqltab t = {0};
	char err[2048], *nl;
	sigset_t intr, old;
	int rc;
	if (q == NULL)
		return -1;
	/* signals wait blocked outside the explorer's one pselect: let Ctrl-C
	 * through while the query runs, for the progress handler to see */
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	sigprocmask(SIG_UNBLOCK, &intr, &old);
	rc = sqltab_run(q, text, params, nparams, SQL_MAX_ROWS, &t, err, sizeof err);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc != 0 && (sql_interrupted(q) || sqlite3_errcode(sql_db(q)) == SQLITE_INTERRUPT)) {
		ui_status(u, MSG_INFO, "query stopped (Ctrl-C)");
		return -1;
	}
	if (rc != 0) {
		if ((nl = strchr(err, '\n')) != NULL)
			*nl = '\0';	/* the status line has room for the message, not the caret */
		ui_status(u, MSG_ERROR, "SQL: %s", err);
		return -1;
	}
	sqltab_free(&u->sql.t);
	u->sql.t = t;
	free(u->sql.title);
	u->sql.title = xstrdup(title);
	u->sql.usecases = usecases;
	u->sql.cur = u->sql.top = 0;
	u->sql.col = u->sql.left = 0;
	u->sql.sorted = -1;
	if (ui_top(u) != ST_SQL)
		ui_push(u, ST_SQL);
	if (t.truncated)
		ui_status(u, MSG_WARN, "only the first %d rows are shown: add a LIMIT or a WHERE", SQL_MAX_ROWS);
	else
		ui_status(u, MSG_INFO, "%zu row%s", t.nrow, t.nrow == 1 ? "" : "s");
	return 0;
}

/* mkdir -p, for the settings folder (0700: queries may name accounts). */
static int
mkdir_p(char *dir)
{
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			(void)mkdir(dir, 0700);
			*p = '/';
		}
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static char *
history_path(void)
{
	char *conf = settings_path(), *slash, *p;
	if (conf == NULL)
		return NULL;
	slash = strrchr(conf, '/');
	xasprintf(&p, "%.*s/sql_history", slash ? (int)(slash - conf) : 1, slash ? conf : ".");
	free(conf);
	return p;
}

static void
query_accept(struct ui *u, const char *text)
{
	char *path = history_path(), err[600];
	unsigned ncur;
	if (text[strspn(text, " \t")] == '\0')
		return;
	free(u->sql.query);
	u->sql.query = xstrdup(text);
	if (path) {	/* the settings folder may not be there yet */
		char *slash = strrchr(path, '/');
		*slash = '\0';
		(void)mkdir_p(path);
		*slash = '/';
	}
	if (path && sqltab_history_add(path, text, err, sizeof err) != 0)
		ui_log(u, C_WARN, "SQL history not kept: %s", err);
	free(path);
	/* as focal sql: what the query sums over rows of two currencies, it
	 * adds (cut short at the first rows, the scans so far tell; a scan
	 * that read two currencies is not undone by the rest) */
	if (show_query(u, text, text, NULL, 0, 0) == 0 && (ncur = sql_currencies_mixed(u->sql.q, u->s)) != 0) {
		if (u->sql.t.truncated)
			ui_status(u, MSG_WARN, "first %d rows; %u currencies added unless by BillingCurrency",
			    SQL_MAX_ROWS, ncur);
		else
			ui_status(u, MSG_WARN, "%zu row%s; %u currencies: sums add them unless by BillingCurrency",
			    u->sql.t.nrow, u->sql.t.nrow == 1 ? "" : "s", ncur);
	}
}

void
ui_sql_prompt(struct ui *u)
{
	char *path;
	if (ui_rows_elsewhere(u, "SQL here", "focal sql URL runs the warehouse's own"))
		return;
	path = history_path();
	sqltab_history_free(u->sql.hist, u->sql.nhist);
	u->sql.nhist = path ? sqltab_history_load(path, &u->sql.hist) : 0;
	u->sql.hpos = u->sql.nhist;
	free(path);
	ui_input_open(u, IN_SQL, u->sql.query ? u->sql.query : "", NULL, query_accept, NULL);
}

/* Up and Down on the SQL prompt: the queries typed before. */
static void
act_again(struct ui *u)
{
	if (!u->sql.usecases && u->sql.title) {
		free(u->sql.query);
		u->sql.query = xstrdup(u->sql.title);
	}
	ui_sql_prompt(u);
}

/* ---- use cases ---- */

static void
warn_usecase(void *ctx, const char *msg)
{
	ui_log(ctx, C_WARN, "%s", msg);
}

struct need {
	const struct store *s;
};

static int
has_column(void *ctx, const char *name)
{
	const struct need *n = ctx;
	return store_find_column(n->s, name) >= 0;
}

/* The use cases as a result table (name, title, whether the files answer
 * it), so the list scrolls, sorts and exports like any other. */
void
ui_sql_usecases(struct ui *u)
{
	static const char *const cols[] = {"name", "title", "answers"};
	struct need nd = {u->s};
	struct sqltab *t = &u->sql.t;
	if (u->sql.uc == NULL)
		u->sql.nuc = usecase_load_all(&u->sql.uc, warn_usecase, u);
	if (u->sql.nuc == 0) {
		ui_status(u, MSG_WARN, "no use case files found (see focal usecase --help)");
		return;
	}
	sqltab_free(t);
	t->ncol = 3;
	t->col = xcalloc(3, sizeof *t->col);
	for (int c = 0; c < 3; c++)
		t->col[c] = xstrdup(cols[c]);
	t->nrow = (size_t)u->sql.nuc;
	t->cell = xcalloc(t->nrow * 3, sizeof *t->cell);
	t->num = xcalloc(t->nrow * 3, sizeof *t->num);
	for (int i = 0; i < u->sql.nuc; i++) {
		const char *missing = usecase_missing(u->sql.uc[i], has_column, &nd);
		t->cell[i * 3] = xstrdup(u->sql.uc[i]->name);
		t->cell[i * 3 + 1] = xstrdup(u->sql.uc[i]->title);
		if (missing)
			xasprintf(&t->cell[i * 3 + 2], "no: no %s column", missing);
		else
			t->cell[i * 3 + 2] = xstrdup("yes");
	}
	free(u->sql.title);
	u->sql.title = xstrdup("FOCUS use cases (Enter runs one)");
	u->sql.usecases = 1;
	u->sql.cur = u->sql.top = 0;
	u->sql.col = u->sql.left = 0;
	u->sql.sorted = -1;
	if (ui_top(u) != ST_SQL)
		ui_push(u, ST_SQL);
}

/* The months a use case reads that the rows cover in part, on the status
 * line beside its row count (focal usecase run notes them too). */
static void
status_partial(struct ui *u, const struct usecase *uc)
{
	const char *spec = usecase_period_dim(uc);
	struct coverage cov;
	struct dim d;
	char err[256], label[64], why[64], list[200] = "";
	uint32_t n;
	int k = 0;
	if (spec == NULL || dim_parse(u->s, spec, GRAIN_MONTH, &d, err, sizeof err) != 0)
		return;
	period_coverage(u->s, &cov);
	n = dim_ncodes(u->s, &d);
	for (uint32_t c = 1; c < n; c++)
		if (period_whole(u->s, &d, c, &cov, why, sizeof why) == 0 && k++ < 2)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s (%s)", k > 1 ? ", " : "",
			    dim_label(u->s, &d, c, label, sizeof label), why);
	if (k)
		ui_status(u, MSG_WARN, "%zu row%s; partial, not a drop: %s%s", u->sql.t.nrow,
		    u->sql.t.nrow == 1 ? "" : "s", list, k > 2 ? ", ..." : "");
}

static void
act_run_usecase(struct ui *u)
{
	const struct usecase *uc;
	char *params[32], title[300];
	int np = 0, rc;
	if (!u->sql.usecases) {
		ui_status(u, MSG_INFO, "s sorts by the column chosen with < and >");
		return;
	}
	uc = usecase_find(u->sql.uc, u->sql.nuc, sqltab_cell(&u->sql.t, u->sql.cur, 0));
	if (uc == NULL)
		return;
	for (int k = 0; k < uc->nparams && k < 32; k++)
		xasprintf(&params[np++], "%s=%s", uc->params[k].name, uc->params[k].def);
	snprintf(title, sizeof title, "use case %s: %s", uc->name, uc->title);
	/* money in two currencies is never added: a use case that does not
	 * read BillingCurrency runs on the rows of the one the list shows */
	if (u->m.split_cur && !usecase_reads(uc, "BillingCurrency")) {
		char cur[64];
		const char *c = drill_currency(&u->m, cur, sizeof cur);
		snprintf(title, sizeof title, "use case %s in %s: %s", uc->name, c ? c : "(null)", uc->title);
		store_sql_scope(u->s, u->m.cur_dim.idx, u->m.cur);
	}
	rc = show_query(u, title, uc->sql, params, np, 0);
	store_sql_scope(u->s, -1, 0);
	if (rc == 0 && !u->sql.t.truncated)
		status_partial(u, uc);
	for (int k = 0; k < np; k++)
		free(params[k]);
}

/* ---- the SQL of the view on screen ---- */

/* A line of SQL, broken after commas to fit the screen (still the same
 * SQL when pasted: a newline is a blank to SQL), the rest indented. */
static void
add_wrapped(struct ui *u, const char *line)
{
	size_t max = COLS > 24 ? (size_t)COLS - 4 : 20;
	char buf[4096];
	const char *indent = "";
	while (strlen(line) + strlen(indent) > max) {
		size_t room = max - strlen(indent), cut = 0;
		for (size_t i = 0; i + 1 < room && line[i]; i++)
			if (line[i] == ',' && line[i + 1] == ' ')
				cut = i + 1;
		if (cut == 0)
			break;	/* no comma to break at: the pager cuts it */
		snprintf(buf, sizeof buf, "%s%.*s", indent, (int)cut, line);
		ui_pager_add(u, C_NORMAL, buf);
		line += cut + 1;
		indent = "       ";
	}
	snprintf(buf, sizeof buf, "%s%s", indent, line);
	ui_pager_add(u, C_NORMAL, buf);
}

static void
view_sql_fill(struct ui *u)
{
	struct drill *m = &u->m;
	struct drill_view *v = drill_view(m);
	struct filter f[16];
	const char *values[16];
	char labels[16][256], name[300], *sql, *line, *save = NULL;
	int nf = drill_filters(m, v, f);
	for (int i = 0; i < nf; i++)
		values[i] = dim_label(u->s, &f[i].dim, f[i].lo, labels[i], sizeof labels[i]);
	dim_name(u->s, &v->dim, name, sizeof name);
	{
		const char *names[1] = {name};
		sql = sqlgen_report(u->s, &v->dim, 1, names, f, nf, values, m->metric, 0);
	}
	for (line = strtok_r(sql, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		add_wrapped(u, line);
	ui_pager_add(u, C_NORMAL, "");
	ui_pager_wrap(u, C_DIMTEXT, "", "The view on screen as one SELECT over the focus table: focal sql runs it "
	    "on the same files, and focal report --sql prints the same for a report.");
	free(sql);
}

void
ui_sql_view(struct ui *u)
{
	ui_pager_open(u, "The SQL of this view", view_sql_fill);
}

/* ---- the screen ---- */

static void
act_col_prev(struct ui *u)
{
	if (u->sql.col > 0)
		u->sql.col--;
}

static void
act_col_next(struct ui *u)
{
	if (u->sql.col + 1 < u->sql.t.ncol)
		u->sql.col++;
}

static void
act_sort(struct ui *u)
{
	struct sqltab *t = &u->sql.t;
	u->sql.reverse = u->sql.sorted == u->sql.col ? !u->sql.reverse : 0;
	u->sql.sorted = u->sql.col;
	sqltab_sort(t, u->sql.col, u->sql.reverse);
	ui_status(u, MSG_INFO, "sorted by %s%s", t->col[u->sql.col], u->sql.reverse ? ", reversed" : "");
}

static int
export_csv(struct ui *u, FILE *f, size_t *count)
{
	*count = u->sql.t.nrow;
	return sqltab_csv(&u->sql.t, f);
}

static void
act_export(struct ui *u)
{
	ui_export(u, "focal-sql.csv", export_csv, "rows");
}

/* Column widths: the widest text, at most SQL_COL_MAX. */
static void
widths(struct ui *u, int *w)
{
	const struct sqltab *t = &u->sql.t;
	for (int c = 0; c < t->ncol; c++) {
		w[c] = text_width(t->col[c]) + 2;
		for (size_t i = 0; i < t->nrow && i < 2000; i++) {
			int k = text_width(sqltab_cell(t, i, c));
			if (k > w[c])
				w[c] = k;
		}
		if (w[c] > SQL_COL_MAX)
			w[c] = SQL_COL_MAX;
	}
}

static void
draw_sql(struct ui *u)
{
	const struct sqltab *t = &u->sql.t;
	int hd = ui_crumb_row(u), rows = LINES - hd - 2 - FOOT, *w;
	char right[64], num[32], buf[512];

	u->list_rows = rows;
	ui_draw_totals(u, &u->m.grand);
	format_count(t->nrow, num, sizeof num);
	snprintf(right, sizeof right, "%s row%s%s", num, t->nrow == 1 ? "" : "s", t->truncated ? " (more)" : "");
	ui_draw_crumb(u, hd, u->sql.title, right);
	ui_scroll_to(u->sql.cur, &u->sql.top, t->nrow, rows);
	w = xcalloc((size_t)t->ncol + 1, sizeof *w);
	widths(u, w);
	/* the chosen column stays on screen */
	if (u->sql.col < u->sql.left)
		u->sql.left = u->sql.col;
	for (;;) {
		int need = 2;
		for (int c = u->sql.left; c <= u->sql.col; c++)
			need += w[c] + 1;
		if (need <= COLS || u->sql.left >= u->sql.col)
			break;
		u->sql.left++;
	}
	ui_fill(hd + 1, A_NORMAL);
	for (int c = u->sql.left, x0 = 2; c < t->ncol && x0 < COLS - 1; x0 += w[c++] + 1) {
		int a = theme_attr(C_HEAD) | (c == u->sql.col ? theme_attr(C_SEL) : 0);
		int room = w[c] < COLS - 1 - x0 ? w[c] : COLS - 1 - x0;
		snprintf(buf, sizeof buf, "%s%s%s", t->col[c], c == u->sql.sorted ? " " : "",
		    c == u->sql.sorted ? (u->sql.reverse ? ui_glyph->down : ui_glyph->up) : "");
		if (t->nrow && t->num[c])	/* over numbers, as they are: on the right */
			ui_put_right(u, hd + 1, x0 + room, room, buf, a);
		else
			ui_put(u, hd + 1, x0, room, buf, a);
	}
	for (int y = 0; y < rows && u->sql.top + (size_t)y < t->nrow; y++) {
		size_t i = u->sql.top + (size_t)y;
		int sel = i == u->sql.cur, base = sel ? theme_attr(C_SEL) : 0;
		if (sel) {
			ui_fill(hd + 2 + y, base);
			ui_put(u, hd + 2 + y, 0, 1, ">", base | (int)A_BOLD);
		}
		for (int c = u->sql.left, x0 = 2; c < t->ncol && x0 < COLS - 1; x0 += w[c++] + 1) {
			int room = w[c] < COLS - 1 - x0 ? w[c] : COLS - 1 - x0;
			const char *s = sqltab_cell(t, i, c);
			if (t->num[i * (size_t)t->ncol + (size_t)c])
				ui_put_right(u, hd + 2 + y, x0 + room, room, s, theme_attr(C_NORMAL) | base);
			else
				ui_put(u, hd + 2 + y, x0, room, s, theme_attr(s[0] ? C_NORMAL : C_EMPTY) | base);
		}
	}
	if (t->nrow == 0)
		ui_put(u, hd + 2, 2, COLS - 4, "no rows", theme_attr(C_DIMTEXT));
	free(w);
}

static size_t *
sql_cursor(struct ui *u, size_t *n)
{
	*n = u->sql.t.nrow;
	return &u->sql.cur;
}

static void
sql_screen_close(struct ui *u)
{
	sqltab_free(&u->sql.t);
	u->sql.usecases = 0;
}

void
ui_sql_free(struct ui *u)
{
	sqltab_free(&u->sql.t);
	free(u->sql.title);
	free(u->sql.query);
	sqltab_history_free(u->sql.hist, u->sql.nhist);
	if (u->sql.uc)
		usecase_free_all(u->sql.uc, u->sql.nuc);
	if (u->sql.q)
		sql_close(u->sql.q);
	memset(&u->sql, 0, sizeof u->sql);
}

const struct ui_screen ui_sql_screen = {
	.groups = SB_MOVES | SB_CLOSES,
	.draw = draw_sql,
	.cursor = sql_cursor,
	.close = sql_screen_close,
	.keys = sql_keys,
	.nkeys = sizeof sql_keys / sizeof *sql_keys,
};
