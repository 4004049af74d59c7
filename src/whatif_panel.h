/* whatif_panel.h - the explorer's what-if panel as a model: the seat
 * products, the scenario, its undo history and the suggestions, over the
 * whatif API. Curses-free, in libfocal.a, unit-tested (tests/test_drill.c).
 *
 * Callers read the fields of struct whatif_panel but never write them,
 * except cur and top (the cursor is the screen's): every change goes
 * through a function here, so the undo history and the totals stay true. */
#ifndef FOCAL_WHATIF_PANEL_H
#define FOCAL_WHATIF_PANEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store.h"
#include "whatif.h"

struct whatif_panel {
	const struct store *s;
	struct whatif_job *job;	/* the model being built, a step at a time */
	int loaded;		/* the model is built (when idle, or on first use) */
	int opened;		/* the user has opened the panel */
	unsigned gen;		/* models built so far: one kept from another is stale */
	char want[16];		/* the currency asked for ("": the seats' own) */
	struct whatif_model m;
	struct whatif_scenario sc;
	struct whatif_undo undo;
	struct whatif_result r;	/* the scenario's result, recomputed on every change */
	struct whatif_suggestion *sg;	/* proposed from the activity; never applied unasked */
	size_t nsg;
	size_t cur, top;	/* items: products 0..m.n-1, then suggestions */
	/* The scenario's totals for every screen's header (and the export),
	 * marked simulated. */
	struct {
		int active;			/* the scenario changes something */
		size_t nchanged;		/* products changed */
		struct whatif_line total;	/* before (baseline), after, saving */
	} sim;
};

/* Builds the model from the store (once; the explorer does it when idle
 * after the first frame: at 10M rows it takes about 110 ms). A step of
 * it: 1 once the model is built, else 0 (whatif_step's steps, one a call;
 * whatif_panel_prepare finishes what a step began). `cur` is the currency
 * the explorer shows: when the seats are billed in several, the model is
 * built (again, its scenario dropped) of the seats billed in it, since
 * their costs are never added (NULL: the seats' first). */
int whatif_panel_prepare_step(struct whatif_panel *, const struct store *, const char *cur);
void whatif_panel_prepare(struct whatif_panel *, const struct store *, const char *cur);
/* Prepares and opens the panel: 0, or -1 when the data has no seat products. */
int whatif_panel_open(struct whatif_panel *, const struct store *, const char *cur);
void whatif_panel_free(struct whatif_panel *);
size_t whatif_panel_items(const struct whatif_panel *);
/* Scenario changes, each undoable (undo): 0, or -1 with err (nothing changed). */
int whatif_panel_step(struct whatif_panel *, size_t i, long long delta, char *err, size_t n);
int whatif_panel_apply(struct whatif_panel *, size_t i, const char *change, char *err, size_t n);
int whatif_panel_clear(struct whatif_panel *);	/* 0 if there was nothing to clear */
int whatif_panel_undo(struct whatif_panel *);	/* 0 if there was nothing to undo */
int whatif_panel_suggestion(struct whatif_panel *, size_t k, char *err, size_t n);
int whatif_panel_suggestion_in(const struct whatif_panel *, size_t k);	/* already in the scenario */
int whatif_panel_load(struct whatif_panel *, const char *path, char *err, size_t n);
int whatif_panel_save(const struct whatif_panel *, const char *path, int force, char *err, size_t n);
/* The scenario as a --seats spec (allocated; "" for the baseline): what a
 * saved file holds, to tell whether the scenario on screen is saved. */
char *whatif_panel_spec(const struct whatif_panel *);
/* When the scenario's change of product i saves from: "2027-07-01 (renewal)";
 * shortform: the date alone (or "unknown"). Unchanged: when a cut would. */
void whatif_panel_starts(const struct whatif_panel *, size_t i, int shortform, char *buf, size_t n);
/* "2027-07-01", or "unknown" for DATE_NULL */
void whatif_panel_day(int64_t t, char *buf, size_t n);
/* "$3,160.00/yr" */
void whatif_panel_price(const struct store *, const struct whatif_product *, char *buf, size_t n);
/* The what-if rows of an export (see drill_export): ncols fields, the
 * value in field vcol, then the simulated flag. */
void whatif_panel_export(const struct whatif_panel *, FILE *f, int ncols, int vcol);

#endif
