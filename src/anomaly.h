/* anomaly.h - which groups' latest complete month departs from their own
 * history, by a rule explainable in one line:
 *
 *   z = (latest - median(history)) / (1.4826 x MAD(history)), flagged when
 *   |z| >= 3.5 and |latest - median| >= 1% of the month's total (and 1.00).
 *
 * The history is the group's complete months before the latest, from its
 * first month with a non-zero value, the last ANOMALY_HISTORY of them; a
 * group with fewer than ANOMALY_MIN_HISTORY is not judged. A flat history
 * (MAD 0) has no z: any material change from it is flagged. The median and
 * MAD are robust: one odd month in the history does not hide the next.
 * Curses-free; tests/test_anomaly.c. */
#ifndef FOCAL_ANOMALY_H
#define FOCAL_ANOMALY_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "store.h"
#include "value.h"

#define ANOMALY_Z 3.5
#define ANOMALY_MIN_HISTORY 3
#define ANOMALY_HISTORY 12
#define ANOMALY_PERMILLE 10	/* of the month's total: 1% */
#define ANOMALY_FLOOR 1		/* and at least this much (1.00) */

struct anomaly_score {
	money_t median, mad;
	money_t change;		/* latest - median */
	double z;		/* 0 when flat */
	int flat;		/* MAD 0 */
};

/* Scores latest against hist[0..n). Returns 1 (flagged), 0 (not), -1 (too
 * little history). floor: the smallest |change| that is material. */
int anomaly_score(const money_t *hist, size_t n, money_t latest, money_t floor, struct anomaly_score *out);

struct anomaly {
	struct dim dim;
	uint32_t code;		/* the group's value code in dim */
	money_t value;		/* in the latest month */
	struct anomaly_score sc;
	int nhist;
};

struct anomalies {
	struct anomaly *a;	/* by |change|, largest first */
	size_t n;
	int64_t month;		/* start of the latest complete month (DATE_NULL: none) */
	money_t total, floor;	/* the month's total; the materiality floor */
	size_t scored;		/* groups with enough history */
	char why[160];		/* when month is DATE_NULL */
};

/* The dimensions to scan: the drill path's (not periods) and ServiceName,
 * ServiceSubcategory and meter when the data has them, each once. */
int anomaly_dims(const struct store *, const struct dim *path, int npath, struct dim *out, int max);

/* Scores every group of each dimension over the rows passing f (the
 * currency), metric me by month of ChargePeriodStart. */
void anomaly_scan(const struct store *, const struct dim *dims, int ndims, const struct filter *f, int nf,
    enum metric me, struct anomalies *out);
void anomalies_free(struct anomalies *);
/* The same a step at a time, for the explorer's idle loop: anomaly_begin,
 * then anomaly_step until it returns 1 (the months; then for each
 * dimension its pass over the rows, anomaly_slice positions a step, its
 * sort and its scores), and out is anomaly_scan's.
 * anomaly_job_free frees the job; one not done is abandoned, out freed. */
struct anomaly_job;
extern size_t anomaly_slice;	/* a test's to change */
struct anomaly_job *anomaly_begin(const struct store *, const struct dim *dims, int ndims, const struct filter *f,
    int nf, enum metric me, struct anomalies *out);
int anomaly_step(struct anomaly_job *);
void anomaly_job_free(struct anomaly_job *);

#endif
