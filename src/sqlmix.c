/* sqlmix.c - whether a warehouse query may add billing currencies (sqlmix.h).
 *
 * One pass over the tokens. Each parenthesis opens a frame; a frame whose
 * first word is SELECT or WITH starts a query of its own, any other belongs
 * to the query around it (a function's arguments, a tuple). A query
 * remembers whether it sums, the clause it is in, and whether it keeps the
 * currencies apart: BillingCurrency in its GROUP BY (without ROLLUP, CUBE,
 * TOTALS or GROUPING SETS, whose extra rows add the groups), or
 * `BillingCurrency = 'literal'` (either way round) as a whole conjunct of
 * its WHERE: after WHERE or AND, before AND or the clause's end, with no OR
 * beside it at the same level. A parenthesis that is itself a whole
 * conjunct (opened just after WHERE, AND or another such parenthesis) is a
 * group with the same rules inside: `AND (BillingCurrency = 'EUR' AND x)`
 * pins, `AND (BillingCurrency = 'EUR' OR x)` and `NOT (...)` do not.
 * A GROUP BY item is BillingCurrency alone (not inside an expression), or
 * names the select list's by its alias (`BillingCurrency AS c ... GROUP BY
 * c`) or, in SQLite, its number. ';' ends a statement, as the text's end. */
#include "sqlmix.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 128

enum tok { T_END, T_NAME, T_WORD, T_STR, T_NUM, T_OPEN, T_CLOSE, T_EQ, T_STAR, T_COMMA, T_OTHER };
enum clause { C_NONE, C_WHERE, C_GROUP, C_OTHER };

struct token {
	enum tok t;
	const char *s;		/* a name's or word's text (a name's last part) */
	size_t n;
};

/* The conjuncts of a WHERE, or of a group in it: whether one pins the
 * currency, whether an OR stands beside them, and whether the pin just read
 * waits for the token that ends its conjunct. */
struct cond {
	int pinned, or_seen, pin_pending;
};

struct query {
	int frame;		/* the frame it began in */
	int selects;		/* SELECTs seen at its level (UNION ALL) */
	int sums, grouped, group_void;
	struct cond c;		/* its WHERE, at its own level */
	enum clause clause;
	/* the select list: item counts them; cur_item is the one that is
	 * BillingCurrency alone, alias its name after AS (GROUP BY 1, GROUP BY
	 * c); the pending ones wait for the token that ends the item */
	int item, cur_item, cur_pending, alias_next, group_pending;
	struct token alias;
};

struct scan {
	const char *p;
	struct token h[4];	/* h[0] the token just read, h[1] the one before... */
	int depth, fresh, frameq[MAX_DEPTH + 1];
	int group[MAX_DEPTH + 1];	/* the frame is a group of conjuncts */
	struct cond grp[MAX_DEPTH + 1];
	struct query q[MAX_DEPTH + 1];
	int nq, money, currency, summed, mixed, lost;
	int positional;		/* GROUP BY 1 is the first item (SQLite) */
};

static int
name_char(int c)
{
	return isalnum(c) || c == '_' || c == '$';
}

/* Skips blanks and comments. */
static const char *
skip_space(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

/* Past a quoted run that starts at p (backslash escapes, a doubled quote). */
static const char *
skip_quoted(const char *p, size_t *len)
{
	char q = *p++;
	const char *s = p;
	while (*p) {
		if (*p == '\\' && p[1]) {
			p += 2;
		} else if (*p == q && p[1] == q) {
			p += 2;
		} else if (*p == q) {
			*len = (size_t)(p - s);
			return p + 1;
		} else {
			p++;
		}
	}
	*len = (size_t)(p - s);
	return p;
}

/* A name or a quoted name; a qualified one (t.BillingCurrency) as its last part. */
static const char *
read_name(const char *p, struct token *t)
{
	for (;;) {
		if (*p == '`' || *p == '"') {
			t->s = p + 1;
			p = skip_quoted(p, &t->n);
			t->t = T_NAME;
		} else {
			t->s = p;
			while (name_char((unsigned char)*p))
				p++;
			t->n = (size_t)(p - t->s);
			t->t = T_WORD;	/* a keyword or a name: the caller tells */
		}
		if (p[0] != '.' || !(isalpha((unsigned char)p[1]) || p[1] == '_' || p[1] == '`' || p[1] == '"'))
			return p;
		p++;
	}
}

static void
next_token(struct scan *sc)
{
	struct token *t = &sc->h[0];
	const char *p = skip_space(sc->p);
	memmove(&sc->h[1], &sc->h[0], 3 * sizeof sc->h[0]);
	t->s = p;
	t->n = 0;
	if (*p == '\0') {
		t->t = T_END;
	} else if (*p == '\'') {
		p = skip_quoted(p, &t->n);
		t->t = T_STR;
	} else if (*p == '`' || *p == '"' || isalpha((unsigned char)*p) || *p == '_') {
		p = read_name(p, t);
	} else if (isdigit((unsigned char)*p)) {
		while (name_char((unsigned char)*p) || *p == '.')
			p++;
		t->t = T_NUM;
	} else {
		static const char kinds[] = "()=*,";
		static const enum tok kind[] = {T_OPEN, T_CLOSE, T_EQ, T_STAR, T_COMMA};
		const char *k = strchr(kinds, *p);
		t->t = k ? kind[k - kinds] : T_OTHER;
		p += p[0] == '=' && p[1] == '=' ? 2 : 1;
	}
	sc->p = p;
}

static int
is_word(const struct token *t, const char *w)
{
	return t->t == T_WORD && t->n == strlen(w) && strncasecmp(t->s, w, t->n) == 0;
}

static int
is_currency(const struct token *t)
{
	return (t->t == T_WORD || t->t == T_NAME) && t->n == 15 && memcmp(t->s, "BillingCurrency", 15) == 0;
}

static int
ends_with(const struct token *t, const char *suffix)
{
	size_t k = strlen(suffix);
	return (t->t == T_WORD || t->t == T_NAME) && t->n >= k && memcmp(t->s + t->n - k, suffix, k) == 0;
}

/* Does the query's last SELECT add currencies? */
static void
query_end(struct scan *sc, struct query *q)
{
	if (q->sums && !(q->grouped && !q->group_void) && !(q->c.pinned && !q->c.or_seen))
		sc->mixed = 1;
	memset(q, 0, sizeof *q);
}

static void
query_start(struct scan *sc)
{
	if (sc->nq > MAX_DEPTH) {
		sc->lost = 1;
		return;
	}
	memset(&sc->q[sc->nq], 0, sizeof sc->q[0]);
	sc->q[sc->nq].frame = sc->depth;
	sc->frameq[sc->depth] = sc->nq++;
}

/* A keyword at the query's own level: the clause it opens. */
static void
clause_word(struct query *q, const struct token *t)
{
	static const char *const other[] = {"FROM", "HAVING", "ORDER", "LIMIT", "SETTINGS", "FORMAT", "UNION",
	    "WINDOW", "QUALIFY", "INTO", "OFFSET", "ARRAY", "JOIN", "USING"};
	if (is_word(t, "WHERE") || is_word(t, "PREWHERE")) {
		q->clause = C_WHERE;
		return;
	}
	if (is_word(t, "GROUP")) {
		q->clause = C_GROUP;
		return;
	}
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		if (is_word(t, other[i]))
			q->clause = C_OTHER;
}

/* Does a conjunct start after t: WHERE, AND, or a group's parenthesis? */
static int
conjunct_start(const struct token *t)
{
	return is_word(t, "WHERE") || is_word(t, "PREWHERE") || is_word(t, "AND") || t->t == T_OPEN;
}

/* In a WHERE (in_where), at the query's level or in a group: a conjunct
 * BillingCurrency = 'x'. */
static void
where_token(struct cond *c, const struct token *h, int in_where)
{
	int ends = is_word(&h[0], "AND") || h[0].t == T_END || h[0].t == T_CLOSE || !in_where;
	if (c->pin_pending && ends)
		c->pinned = 1;
	c->pin_pending = 0;
	if (!in_where)
		return;
	if (is_word(&h[0], "OR") || is_word(&h[0], "XOR"))
		c->or_seen = 1;
	if (h[1].t == T_EQ && conjunct_start(&h[3]) &&
	    ((is_currency(&h[2]) && h[0].t == T_STR) || (h[2].t == T_STR && is_currency(&h[0]))))
		c->pin_pending = 1;
}

static int
item_end(const struct token *t)
{
	return t->t == T_COMMA || t->t == T_END || t->t == T_CLOSE || is_word(t, "FROM");
}

/* A token of the select list, at the query's level: is an item
 * BillingCurrency alone, and what is it called? */
static void
select_item(struct query *q, const struct token *h)
{
	if (is_word(&h[0], "SELECT"))
		q->item = 1;
	else if (h[0].t == T_COMMA)
		q->item++;
	if (q->alias_next && (h[0].t == T_WORD || h[0].t == T_NAME))
		q->alias = h[0];
	q->alias_next = 0;
	if (q->cur_pending && (item_end(&h[0]) || is_word(&h[0], "AS"))) {
		q->cur_item = q->cur_pending;
		q->alias_next = is_word(&h[0], "AS");
	}
	q->cur_pending = 0;
	if (is_currency(&h[0]) && (is_word(&h[1], "SELECT") || is_word(&h[1], "DISTINCT") || h[1].t == T_COMMA))
		q->cur_pending = q->item;
}

/* A token of the GROUP BY list, at the query's level: an item that is
 * BillingCurrency alone, or names the select list's by its alias or
 * (positional) number. BillingCurrency inside an item (length(...), = 'EUR')
 * may put two currencies in one group: not apart. */
static void
group_item(struct query *q, const struct token *h, int positional)
{
	if (q->group_pending && (item_end(&h[0]) || q->clause != C_GROUP || is_word(&h[0], "WITH")))
		q->grouped = 1;
	q->group_pending = 0;
	if (q->clause != C_GROUP || !(is_word(&h[1], "BY") || h[1].t == T_COMMA))
		return;
	if (is_currency(&h[0]))
		q->group_pending = 1;	/* an item if the next token ends it */
	if (positional && q->cur_item && h[0].t == T_NUM && h[0].n < 6 && strspn(h[0].s, "0123456789") >= h[0].n &&
	    strtol(h[0].s, NULL, 10) == q->cur_item)
		q->group_pending = 1;
	if (q->alias.n && (h[0].t == T_WORD || h[0].t == T_NAME) && h[0].n == q->alias.n &&
	    strncasecmp(h[0].s, q->alias.s, h[0].n) == 0)
		q->group_pending = 1;
}

/* One token of query q, which is open at frame depth sc->depth. */
static void
query_token(struct scan *sc, struct query *q)
{
	const struct token *h = sc->h;
	int level = q->frame == sc->depth;

	if (level && is_word(&h[0], "SELECT") && q->selects++ > 0) {
		int frame = q->frame, selects = q->selects;
		query_end(sc, q);
		q->frame = frame;
		q->selects = selects;
	}
	if (level) {
		enum clause was = q->clause;
		if (was == C_NONE)
			select_item(q, h);
		clause_word(q, &h[0]);
		if (was == C_GROUP || q->group_pending)
			group_item(q, h, sc->positional);
		if (was == C_WHERE || q->c.pin_pending)
			where_token(&q->c, h, q->clause == C_WHERE);
		if (q->clause == C_GROUP && (is_word(&h[0], "ROLLUP") || is_word(&h[0], "CUBE") ||
		    is_word(&h[0], "TOTALS") || is_word(&h[0], "GROUPING")))
			q->group_void = 1;
	}
	if (h[0].t == T_OPEN && h[1].t == T_WORD && h[1].n >= 3 &&
	    (strncasecmp(h[1].s, "sum", 3) == 0 || strncasecmp(h[1].s, "avg", 3) == 0 || is_word(&h[1], "total") ||
	    is_word(&h[1], "decimal_sum")))
		q->sums = sc->summed = 1;	/* (total, decimal_sum: SQLite's) */
}

/* The token just read, of the frame open at sc->depth: its query's, and
 * its group's when the frame is one. */
static void
frame_token(struct scan *sc)
{
	query_token(sc, &sc->q[sc->frameq[sc->depth]]);
	if (sc->group[sc->depth])
		where_token(&sc->grp[sc->depth], sc->h, 1);
}

/* The conjuncts that frame d's tokens belong to: its group's, or at a
 * query's own level in its WHERE, the query's; NULL in any other frame. */
static struct cond *
frame_cond(struct scan *sc, int d)
{
	struct query *q = &sc->q[sc->frameq[d]];
	if (sc->group[d])
		return &sc->grp[d];
	return q->frame == d && q->clause == C_WHERE ? &q->c : NULL;
}

/* '(' opens frame sc->depth + 1: a group when it is a whole conjunct. */
static void
open_frame(struct scan *sc)
{
	const struct token *h = sc->h;
	int d = sc->depth + 1;
	sc->group[d] = conjunct_start(&h[1]) && frame_cond(sc, sc->depth) != NULL;
	memset(&sc->grp[d], 0, sizeof sc->grp[d]);
	sc->depth = d;
	sc->frameq[d] = sc->frameq[d - 1];
	sc->fresh = 1;
}

static void
scan_token(struct scan *sc)
{
	const struct token *h = sc->h;
	if (sc->fresh && (is_word(&h[0], "SELECT") || is_word(&h[0], "WITH"))) {
		query_start(sc);
		sc->group[sc->depth] = 0;	/* a subquery: its own WHERE */
	}
	sc->fresh = 0;
	if (sc->lost)
		return;
	if (is_currency(&h[0]))
		sc->currency = 1;
	if (ends_with(&h[0], "Cost") || ends_with(&h[0], "UnitPrice"))
		sc->money = 1;
	if (h[0].t == T_STAR && (is_word(&h[1], "SELECT") || is_word(&h[1], "DISTINCT") || h[1].t == T_COMMA ||
	    (h[1].t == T_OTHER && h[1].s[0] == '.')))
		sc->money = sc->currency = 1;	/* SELECT *, t.*: every column */
	frame_token(sc);
	if (h[0].t == T_OPEN) {
		if (sc->depth == MAX_DEPTH) {
			sc->lost = 1;
			return;
		}
		open_frame(sc);
	}
}

/* The frame closed by ')' ends the query that began in it; a group that
 * pins the currency is a pinning conjunct of the conjuncts around it. */
static void
close_frame(struct scan *sc)
{
	struct query *q = &sc->q[sc->frameq[sc->depth]];
	int d = sc->depth, pins = 0;
	struct cond *around;
	if (d == 0)
		return;	/* unbalanced: the server will say */
	if (sc->group[d]) {
		where_token(&sc->grp[d], sc->h, 1);	/* its ')' ends a pinned conjunct */
		pins = sc->grp[d].pinned && !sc->grp[d].or_seen;
		sc->group[d] = 0;
	}
	if (q->frame == d) {
		query_token(sc, q);	/* its ')' ends a pinned conjunct */
		query_end(sc, q);
		sc->nq--;
	}
	sc->depth--;
	/* the ')' is a token of the frame around: it can end a pinned conjunct */
	frame_token(sc);
	if (pins && (around = frame_cond(sc, sc->depth)) != NULL)
		around->pin_pending = 1;	/* the next token tells if the conjunct ends */
}

/* ';' ends a statement as the text's end does; another may follow. */
static void
statement_end(struct scan *sc)
{
	sc->h[0].t = T_END;
	query_token(sc, &sc->q[0]);	/* a pinned conjunct, a GROUP BY item end here */
	query_end(sc, &sc->q[0]);	/* q[0] starts afresh at frame 0 */
}

int
sqlmix_may_add(const char *sql, int positional)
{
	static struct scan zero;
	struct scan sc = zero;

	sc.p = sql;
	sc.positional = positional;
	query_start(&sc);
	for (;;) {
		next_token(&sc);
		if (sc.h[0].t == T_END)
			break;
		if (sc.h[0].t == T_OTHER && sc.h[0].s[0] == ';' && sc.depth == 0)
			statement_end(&sc);
		else if (sc.h[0].t == T_CLOSE)
			close_frame(&sc);
		else
			scan_token(&sc);
		if (sc.lost)
			break;
	}
	while (!sc.lost && sc.depth > 0)
		close_frame(&sc);
	if (!sc.lost)
		statement_end(&sc);
	if (sc.lost)
		return 1;	/* too deep to follow */
	if (!sc.money)
		return 0;
	return sc.summed ? sc.mixed : !sc.currency;
}
