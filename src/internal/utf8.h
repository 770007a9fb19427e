/*
 * internal/utf8.h - UTF-8 helpers shared by the stages.
 */
#ifndef SW_INTERNAL_UTF8_H
#define SW_INTERNAL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/buf.h"

/* Decode one code point from s[0..len) (len >= 1).  Returns the number of
 * bytes used (1-4) and sets *cp, or returns -1 for an invalid or
 * truncated sequence (overlong, surrogate, > U+10FFFF) with *cp unset. */
int sw__utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Encode cp (a valid scalar value) into out; returns 1-4. */
int sw__utf8_encode(int32_t cp, char out[4]);

/* Offset of the first invalid byte in s[0..len), or len if all valid. */
size_t sw__utf8_invalid_at(const char *s, size_t len);

/* Append the full case folding of s (valid UTF-8) to out, NFC-composed:
 * "Straße" -> "strasse", "ÄRGER" -> "ärger".  ASCII takes a fast path.
 * SW_OK or SW_ENOMEM. */
int sw__casefold(sw_buf *out, const char *s, size_t len);

/* Whether cp is a letter (Unicode L*), a mark (M*), upper-case, lower-case. */
int sw__is_letter(int32_t cp);
int sw__is_mark(int32_t cp);
int sw__is_upper(int32_t cp);
int sw__is_lower(int32_t cp);
/* Unicode general category group: 'L', 'M', 'N', 'P', 'S', 'Z', 'C'. */
char sw__category_group(int32_t cp);

/* Eight bytes at a time: the high bit of each byte lane of x that is
 * below n (n <= 0x80), or equal to c.  A lane above a flagged one may be
 * flagged too (a borrow), never one below: the lowest flag is exact, and
 * no flag means no such byte. */
#define SW__ONES 0x0101010101010101ULL
#define SW__HIGHS 0x8080808080808080ULL

static inline uint64_t sw__bytes_below(uint64_t x, unsigned n)
{
	return (x - SW__ONES * n) & ~x & SW__HIGHS;
}

static inline uint64_t sw__bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (SW__ONES * c);

	return (v - SW__ONES) & ~v & SW__HIGHS;
}

/* A 64-bit finalizer (murmur3's): spreads integer keys over a table. */
static inline uint64_t sw__mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* sw__hash() before its finalizer: the last step is a multiply, so the
 * top bits already depend on every byte (they may index a small table),
 * the low bits do not.  Inline: it runs once per token. */
static inline uint64_t sw__hash_premix(const char *s, size_t len, uint64_t seed)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t h = (seed + 1) * 0x9e3779b97f4a7c15ULL ^ (uint64_t)len, v = 0;

	while (len > 8) {
		__builtin_memcpy(&v, u, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
		u += 8;
		len -= 8;
	}
	if (len >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, u, 4);
		__builtin_memcpy(&b, u + len - 4, 4);
		v = (uint64_t)a << 32 | b;
	} else if (len) {
		v = (uint64_t)u[0] << 16 | (uint64_t)u[len >> 1] << 8 | u[len - 1];
	} else {
		v = 0;
	}
	return (h ^ v) * 0xbf58476d1ce4e5b9ULL;
}

/* A 64-bit hash of len bytes (seeded), eight at a time (the tail with
 * two overlapping loads), then the finalizer. */
static inline uint64_t sw__hash(const char *s, size_t len, uint64_t seed)
{
	return sw__mix64(sw__hash_premix(s, len, seed));
}

#endif
