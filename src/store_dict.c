/* store_dict.c - string dictionaries: a code per distinct value of a column,
 * open addressing over codes, strings in a chunked arena.
 *
 * A slot is 32 bits: the code in the low sbits bits (codes are fewer than
 * slots) and, in the bits above, the top bits of its string's hash (the
 * tag). A probe compares the tag first and reads the code's length and
 * bytes only when it matches, so a miss costs one load, and the table is no
 * bigger than codes alone. */
#include "bytes.h"
#include "store_int.h"

#include <stdlib.h>

#include "xmalloc.h"

static uint64_t
hash_bytes(const char *s, size_t n)
{
	/* 8 bytes a step; dictionary lookups are on the loader's hot path */
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

void
dict_init(struct dict *d)
{
	memset(d, 0, sizeof *d);
	d->cap = 16;
	d->str = xcalloc(d->cap, sizeof *d->str);
	d->len = xcalloc(d->cap, sizeof *d->len);
	d->info = xcalloc(d->cap, sizeof *d->info);
	d->n = 1;	/* code 0 = NULL */
	d->nslots = 64;
	d->sbits = 6;
	d->slots = xcalloc(d->nslots, sizeof *d->slots);
}

/* the slot's tag for hash h: its top 32 - sbits bits */
#define HASH_TAG(d, h)	((uint32_t)((h) >> (32 + (d)->sbits)))
#define SLOT_TAG(d, e)	((e) >> (d)->sbits)
#define SLOT_CODE(d, e)	((e) & ((d)->nslots - 1))

void
dict_free(struct dict *d)
{
	while (d->arena) {
		struct arena *prev = d->arena->prev;
		free(d->arena);
		d->arena = prev;
	}
	free(d->str);
	free(d->len);
	free(d->epoch);
	free(d->info);
	free(d->slots);
}

static char *
dict_store_string(struct dict *d, const char *s, size_t n)
{
	char *p;
	if (d->arena == NULL || d->arena_used + n + 1 > d->arena_cap) {
		size_t cap = 64 * 1024;
		struct arena *chunk;
		if (n + 1 > cap)
			cap = n + 1;
		chunk = xmalloc(sizeof *chunk + cap);
		chunk->prev = d->arena;
		d->arena = chunk;
		d->arena_used = 0;
		d->arena_cap = cap;
	}
	p = d->arena->data + d->arena_used;
	memcpy(p, s, n);
	p[n] = '\0';
	d->arena_used += n + 1;
	return p;
}

/* Doubles the slots. Entries go back in code order, as they first came
 * (dict_forget_last relies on the newest entry having been placed last);
 * the tags have one bit fewer now and the index one more: hashed again. */
static void
dict_grow_slots(struct dict *d)
{
	uint32_t *slots;
	if (d->sbits >= 31)
		fatal("more than 1.6 billion distinct values in one column");
	slots = xcalloc((size_t)d->nslots * 2, sizeof *slots);
	free(d->slots);
	d->slots = slots;
	d->nslots *= 2;
	d->sbits++;
	for (uint32_t c = 1; c < d->n; c++) {
		uint64_t h = hash_bytes(d->str[c], d->len[c]);
		uint32_t i;
		for (i = (uint32_t)h & (d->nslots - 1); d->slots[i]; i = (i + 1) & (d->nslots - 1))
			;
		d->slots[i] = HASH_TAG(d, h) << d->sbits | c;
	}
}

static uint32_t
find_hashed(const struct dict *d, const char *s, size_t n, uint64_t h, uint32_t *slot)
{
	uint32_t mask = d->nslots - 1, i = (uint32_t)h & mask, tag = HASH_TAG(d, h), e;
	while ((e = d->slots[i]) != 0) {
		uint32_t c = SLOT_CODE(d, e);
		if (SLOT_TAG(d, e) == tag && d->len[c] == n && bytes_equal(d->str[c], s, n))
			return c;
		i = (i + 1) & mask;
	}
	if (slot)
		*slot = i;
	return UINT32_MAX;
}

uint32_t
dict_find(const struct dict *d, const char *s, size_t n, uint32_t *slot)
{
	return find_hashed(d, s, n, hash_bytes(s, n), slot);
}

/* dict_intern and dict_adopt: the text copied into d's arena, or not. */
static uint32_t
intern(struct dict *d, const char *s, size_t n, int *isnew, int copy)
{
	uint64_t h = hash_bytes(s, n);
	uint32_t slot, c = find_hashed(d, s, n, h, &slot);
	if (isnew)
		*isnew = c == UINT32_MAX;
	if (c != UINT32_MAX)
		return c;
	if (d->n == UINT32_MAX - 1)
		fatal("more than 4 billion distinct values in one column");
	if (d->n == d->cap) {
		d->cap *= 2;
		d->str = xreallocarray(d->str, d->cap, sizeof *d->str);
		d->len = xreallocarray(d->len, d->cap, sizeof *d->len);
		if (d->epoch)
			d->epoch = xreallocarray(d->epoch, d->cap, sizeof *d->epoch);
		d->info = xreallocarray(d->info, d->cap, sizeof *d->info);
	}
	c = d->n++;
	d->str[c] = copy ? dict_store_string(d, s, n) : (char *)s;
	d->len[c] = (uint32_t)n;
	if (d->epoch)
		d->epoch[c] = DATE_NULL;
	d->info[c] = 0;
	d->slots[slot] = HASH_TAG(d, h) << d->sbits | c;
	if ((uint64_t)d->n * 4 > (uint64_t)d->nslots * 3)
		dict_grow_slots(d);
	return c;
}

uint32_t
dict_intern(struct dict *d, const char *s, size_t n, int *isnew)
{
	return intern(d, s, n, isnew, 1);
}

uint32_t
dict_adopt(struct dict *d, const char *s, size_t n, int *isnew)
{
	return intern(d, s, n, isnew, 0);
}

void
dict_own_text(struct dict *d, uint32_t code)
{
	d->str[code] = dict_store_string(d, d->str[code], d->len[code]);
}

/* src's arena chunks go to the end of d's list: d keeps writing to its
 * newest chunk, and frees them all with its own. */
void
dict_take_arena(struct dict *d, struct dict *src)
{
	struct arena **tail = &d->arena;
	while (*tail)
		tail = &(*tail)->prev;
	*tail = src->arena;
	if (d->arena == src->arena) {	/* d had none: src's newest is d's now */
		d->arena_used = src->arena_used;
		d->arena_cap = src->arena_cap;
	}
	src->arena = NULL;
	src->arena_used = src->arena_cap = 0;
}

/* Removes code, the newest entry of d, from its hash slots. Emptying its slot
 * is enough: no entry was placed after the newest one, so no probe run
 * crosses its slot. Its text stays in the arena until d is freed. */
void
dict_forget_last(struct dict *d, uint32_t code)
{
	uint32_t mask = d->nslots - 1, i;
	if (code == 0 || code + 1 != d->n)
		fatal("internal error: forgetting code %u of %u", code, d->n);
	for (i = (uint32_t)hash_bytes(d->str[code], d->len[code]) & mask; SLOT_CODE(d, d->slots[i]) != code;
	    i = (i + 1) & mask)
		;
	d->slots[i] = 0;
	d->n--;
}
