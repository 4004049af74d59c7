/* drill.h - the explorer's drill views as a model (ncdu's dirlist.h is the
 * shape): a stack of views over the query API, each grouping by one
 * dimension under the filters of the path above it, sorted, searched and
 * folded to a top N with one "Other (k)" line. Curses-free, in libfocal.a,
 * unit-tested (tests/test_drill.c); the screens only draw what it holds.
 *
 * Callers read the fields of struct drill, drill_view and drill_rows but
 * never write them, except a view's cur and top (the cursor is the
 * screen's): every change goes through a drill_set_* function, which marks
 * what must be recomputed, and drill_refresh recomputes it. */
#ifndef FOCAL_DRILL_H
#define FOCAL_DRILL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compare.h"
#include "query.h"
#include "upfront.h"
#include "store.h"
#include "period.h"
#include "range.h"
#include "whatif_panel.h"

#define DRILL_MAX_DEPTH 13	/* drill levels: 16 query filters minus currency, window and row group */
#define DRILL_MAX_PATH 16

enum drill_sort { SORT_VALUE, SORT_NAME, SORT_CHANGE, SORT_COUNT };

/* change of a group against the previous period */
enum drill_change { CHG_NONE, CHG_PCT, CHG_NEW, CHG_PARTIAL /* the line's period is not whole: no change */ };

/* stale flags: what a view must recompute before it is drawn. The trend
 * (one more pass over the rows) is left for when no key is waiting, so a
 * drill step answers in one frame and the sparklines follow (drill_idle). */
#define V_QUERY 1u	/* the groups (filters, dimension, window changed) */
#define V_RESORT 2u	/* res in value order of the metric (metric changed) */
#define V_TREND 4u	/* sparklines and changes (deferred unless sorted by change) */
#define V_ORDER 8u	/* the display order (sort key changed) */
#define V_LIST 16u	/* the list shown (search, top-N changed) */
#define V_SEL 32u	/* the rows of the filters to remember (deferred, query_prepare) */
#define V_ALL (V_QUERY | V_RESORT | V_TREND | V_ORDER | V_LIST)

struct drill_view {
	struct dim dim;			/* what this level groups by */
	int level;			/* index of dim in the drill path; -1: chosen with d */
	struct filter f[DRILL_MAX_DEPTH];	/* the drill path down to this view */
	int nf;
	char *crumb;			/* raw label of the group drilled into (NULL: root) */
	unsigned stale;

	struct qresult res;		/* every group, from query_run */
	size_t *order;			/* display order of res (sort by change is ours) */
	struct qseries ser;		/* trend of res.g[0..ser.ngroups) in value order */
	size_t *ser_of;			/* res index -> series row, SIZE_MAX none */
	enum drill_change *chg;		/* per res group */
	double *chgv;
	int chg_only;			/* chg set by view_change, the trend still to come */

	struct qresult shown;		/* the list: matches in order, top-N folded by qresult_top */
	size_t *shown_gi;		/* shown.g[i] -> res index (SIZE_MAX: the Other row) */
	money_t match_sum;		/* sum of the metric over matching groups */
	size_t nmatch;

	enum drill_sort sort;		/* periods start in time order, others as set last */
	int reverse;
	char search[128];		/* `/` filter, case-insensitive substring */
	int expanded;			/* Other unfolded */
	size_t cur, top;		/* cursor and first line on screen */
	struct upfront up;		/* upfront purchases the metric counts twice */
	unsigned chips;			/* bit k: f[k] is a chip (x, i), not a drill step */
	uint32_t *marks;		/* marked groups (their codes of mark_dim) */
	size_t nmarks;
	struct dim mark_dim;
};

/* The FOCUS rows behind a group, paged through query_rows in file order;
 * sorting, searching or exporting holds every row's index (8 bytes a row
 * behind the group, never a copy of the table). The screen writes cur, top
 * and col. */
struct drill_rows {
	struct filter f[16];
	int nf;
	size_t n;			/* rows in all */
	size_t base, count, cap;	/* the page of row indices held */
	size_t *idx;
	size_t cur, top;
	struct qgroup g;		/* the group's sums: the header's path total */
	char *title;
	int cols[8];			/* columns shown, -1 none */
	int ncols;
	int col;			/* the column chosen (index in cols), for sorting */
	int sorted, reverse;		/* sorted by cols[sorted] (-1: file order) */
	char search[128];		/* `/`: a substring of the cells shown, case ignored */
};

struct drill {
	const struct store *s;
	struct dim path[DRILL_MAX_PATH];	/* the drill path */
	int npath;
	enum metric metric;
	enum grain grain;
	enum drill_sort sort;		/* the sort chosen last, for new levels */
	int reverse;
	size_t top;			/* groups before "Other" */
	uint32_t win;			/* period window: 0 all, else one period code at `grain` */
	struct dim period;		/* period dimension at grain (has_period) */
	int has_period;
	uint32_t nperiods;
	struct coverage cov;		/* what the rows span: which periods are whole */
	/* The periods the change column compares (codes at grain; 0 none): the
	 * last two whole ones up to the window, so a partial last period (a
	 * quarter holding one month, a month to date) is never read as a drop. */
	uint32_t cmp_cur, cmp_prev;
	/* Money in different BillingCurrency values is never added: with more
	 * than one, every level shows one currency (a filter, as the window)
	 * and the header each currency's total. */
	int split_cur;			/* more than one currency */
	struct dim cur_dim;		/* BillingCurrency */
	uint32_t ncur;			/* codes 0 (no currency) .. ncur */
	uint32_t cur;			/* the one shown (split_cur) */
	struct qgroup *cur_total;	/* [ncur + 1]: every row of each currency */
	struct qgroup grand;		/* every row (of the currency shown) */
	struct drill_view views[DRILL_MAX_DEPTH];
	int depth;			/* views in use; views[depth-1] is on screen */
	struct whatif_panel wi;		/* built when idle: its scenario shows in every header */
	int up_ready;			/* upfront_prepare done (when idle) */
	/* A range of time (range.h) in place of the one-period window. */
	int has_range;
	struct range range;
	struct filter range_f;
	char range_label[64];
	uint32_t range_last;		/* the period code the range ends in */
	int fy_month;			/* the fiscal year's first month (settings) */
	/* Undo: the navigation states left, oldest first (drill_nav.c). */
	struct drill_snap **hist;
	int nhist;
};

void drill_init(struct drill *, const struct store *, const struct dim *path, int npath,
    enum metric metric, enum grain g, size_t top);
void drill_free(struct drill *);
struct drill_view *drill_view(struct drill *);
/* Recomputes what is stale in the view on screen, but the trend. */
void drill_refresh(struct drill *);
/* Does deferred work (the trend, the what-if model) for the view on
 * screen: 1 if it did some. */
int drill_idle(struct drill *);
int drill_busy(struct drill *);	/* deferred work is waiting */
/* Drills into line i of the list (refreshed first): 0, or -1 (a leaf: no next dimension), -2 (too deep),
 * 1 (the line was Other: it was unfolded instead). */
int drill_into(struct drill *, size_t i);
int drill_back(struct drill *);	/* 0, or -1 at the top */
void drill_set_dim(struct drill *, const struct dim *d);
void drill_set_metric(struct drill *, enum metric metric);
void drill_set_grain(struct drill *, enum grain g);
void drill_set_sort(struct drill *, enum drill_sort k, int reverse);
void drill_set_window(struct drill *, uint32_t win);
void drill_set_search(struct drill *, const char *text);
/* Filters of the view on screen, with the window: fills f (16), returns the count. */
int drill_filters(const struct drill *, const struct drill_view *, struct filter *f);
/* The next dimension below the view on screen (0), or -1 at a leaf. */
int drill_next_dim(const struct drill *, const struct drill_view *, struct dim *out);
/* Label of list line i (sanitize before drawing). */
const char *drill_label(const struct drill *, const struct drill_view *, size_t i, char *buf, size_t n);
int drill_line_matches(const struct drill *, const struct drill_view *, size_t i);
/* The trend of list line i: its series row (nper values) or NULL. */
const money_t *drill_trend(const struct drill *, const struct drill_view *, size_t i,
    enum drill_change *chg, double *pct);
/* The currency of the money shown (NULL: unknown), and with several, the
 * next one (after the last, the first); the currencies with rows, in code
 * order, for a header: each with its total of metric in cur_total. */
const char *drill_currency(const struct drill *, char *buf, size_t n);
void drill_next_currency(struct drill *);
/* What the change column compares when the last period (up to the window)
 * is partial: "change: 2026-Q3 vs 2026-Q2 (2026-Q4 is partial: 1 of 3
 * months)"; "" when it is whole (the change is then last against the one
 * before). */
void drill_change_note(const struct drill *, char *buf, size_t n);
/* "ListCost counts 28 upfront purchases ($607,520.00) twice" (the purchase
 * row and the rows amortising it) for the view on screen; "" when none. */
void drill_upfront_note(struct drill *, char *buf, size_t n);
/* "1 of 3 months" when line i of the view is a period the rows cover only
 * in part, else NULL. */
const char *drill_period_note(const struct drill *, const struct drill_view *, size_t i, char *buf, size_t n);
/* The period code the trend ends at, and how many periods there are. */
uint32_t drill_last_period(const struct drill *);
/* Exports the view on screen as `focal report --format csv` does. 0 or -1 (errno). */
int drill_export(struct drill *, FILE *f);

/* ---- navigation (drill_nav.c) ---- */

/* A range for every view ("ytd", "2026-01..2026-03", range.h; "" or "all"
 * clears it); it replaces the one-period window. 0, or -1 with a message. */
int drill_set_range(struct drill *, const char *text, char *err, size_t n);
/* "range 2026-07-01..2026-09-30", "month: 2026-07", "month: all periods". */
void drill_window_text(const struct drill *, int utf8, char *buf, size_t n);

/* A chip from line i of the list: keep only its group (include) or leave
 * it out (exclude), staying on this dimension. 0, -1 (no such group: the
 * Other line), -2 (no room for another filter). */
int drill_chip(struct drill *, size_t i, int exclude);
/* Removes filter k (a drill step or a chip) of the view on screen. 0 or -1. */
int drill_unfilter(struct drill *, int k);
/* "ChargeCategory != Tax", "ServiceName = Revit" for filter k of v. */
const char *drill_filter_text(const struct drill *, const struct drill_view *, int k, char *buf, size_t n);

/* Marks: 1 marked, 0 unmarked, -1 (the Other line). */
int drill_mark(struct drill *, size_t i);
int drill_marked(const struct drill *, const struct drill_view *, size_t i);
void drill_marks_clear(struct drill *);
/* How many groups of the view on screen are marked, and their sum of the metric. */
size_t drill_marks_sum(struct drill *, money_t *sum);

/* The groups of the view on screen over the range (or window, or the last
 * period) against the one before it, like for like (range_compare). 0, or
 * -1 when the data has no periods. */
int drill_compare(const struct drill *, struct cmp_result *out, struct range_cmp *rc);

/* Undo. drill_snap_take before a key; drill_remember after it keeps the
 * state before when the key changed the navigation (not the cursor). */
struct drill_snap;
struct drill_snap *drill_snap_take(const struct drill *);
void drill_remember(struct drill *, struct drill_snap *before);
int drill_undo(struct drill *);		/* 0, or -1 when there is nothing to undo */
void drill_history_free(struct drill *);	/* before drill_free, when undo was used */
/* Empties a view (its results, crumb and marks freed). */
void drill_view_clear(struct drill_view *);

/* Rows behind line i of the list, refreshed first (SIZE_MAX: behind the whole view). */
void drill_rows_open(struct drill_rows *, struct drill *, size_t line);
size_t drill_rows_get(struct drill_rows *, const struct store *, size_t i);	/* row index of line i */
void drill_rows_free(struct drill_rows *);
/* The text a line shows for a cell (a column of cols): money as reports
 * write it, a date as its day, "(null)". Returns buf or the value's own text. */
const char *drill_rows_cell(const struct store *, size_t row, int col, char *buf, size_t n);
/* Sorts the rows by cols[c] (c -1: file order): amounts, numbers and dates
 * largest first, texts A to Z, reverse the other way; NULLs last either
 * way, ties in file order. In the time of the rows behind the group. */
void drill_rows_sort(struct drill_rows *, const struct store *, int c, int reverse);
/* Sets the search; the first line from `from` on, going dir (+1, -1) and
 * wrapping, whose shown cells contain it: its index, or SIZE_MAX. */
void drill_rows_set_search(struct drill_rows *, const char *text);
size_t drill_rows_find(struct drill_rows *, const struct store *, size_t from, int dir);
/* Writes every row behind the group, in the order shown, every column of
 * the data (focal's own, as meter, left out), as CSV through text_csv (the
 * quoting of focal report --format csv). count: the rows. 0, or -1 (errno). */
int drill_rows_export(struct drill_rows *, const struct store *, FILE *f, size_t *count);

#endif
