/* bytes.h - equality of short byte strings, and a mix of a 64-bit key for
 * hash tables, inline.
 *
 * The loader compares every field with the last value of its column and
 * with dictionary entries: tens of millions of compares of a few to a few
 * dozen bytes, where the call into the C library's memcmp costs more than
 * the compare. Eight bytes a step, the last step overlapping. */
#ifndef FOCAL_BYTES_H
#define FOCAL_BYTES_H

#include <stdint.h>
#include <string.h>

static inline int
bytes_equal(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	if (n >= 8) {
		size_t i;
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		uint32_t p, q;
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		if (p != q)
			return 0;
		memcpy(&p, a + n - 4, 4);
		memcpy(&q, b + n - 4, 4);
		return p == q;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* A 64-bit key's bits mixed for an open-addressing table (the finaliser
 * of MurmurHash3's first half): keys that differ in high bits only land
 * apart. */
static inline uint64_t
key_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

#endif
