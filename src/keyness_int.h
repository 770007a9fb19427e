/*
 * keyness_int.h - the insides of keyness shared by reflist.c (reference
 * lists), keyness.c (a target against a reference) and keyness_units.c
 * (every unit against the rest).  Not installed; nothing outside these
 * files includes it.
 */
#ifndef SW_KEYNESS_INT_H
#define SW_KEYNESS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stichwort/keyness.h"

/* ---- reference lists ---- */

typedef struct rl_entry {
	char *key;
	size_t key_len;
	char *display;
	size_t display_len;
	uint64_t count;
	uint32_t n;
} rl_entry;

struct sw_reflist {
	rl_entry *e;
	size_t n, cap;
	uint32_t *slot; /* hash table of entry index + 1 (0 = empty) */
	size_t nslot;
	uint64_t total;
	uint64_t absent[2]; /* the count of a word / phrase the list lacks */
};

/* The index of the entry of key in r, or SIZE_MAX when r lacks it. */
size_t sw__reflist_lookup(const sw_reflist *r, const char *key, size_t len);

/* ---- keyness records ---- */

typedef struct krec {
	sw_keyness_record r;
	double strength; /* the measure, as "higher = stronger" */
} krec;

struct sw_keyness {
	krec *rec;
	size_t n, cap;
	sw_keyness_record *out; /* final records */
	size_t nout;
	sw_phrases *own_phrases;
	sw_keyness_summary sum;
};

/* memcmp order, a prefix before the longer key. */
static inline int sw__keyness_cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : (al > bl) - (al < bl);
}

/* What the ranking compares of a record, and its index: sorting these
 * moves 48 bytes an entry instead of a record. */
typedef struct kord {
	double strength;
	const char *key;
	size_t key_len, first;
	uint32_t rec;
	uint8_t target, multi; /* direction target; a phrase of 2+ words */
} kord;

/* Target before reference, stronger first, then key bytes, a word before
 * a phrase, the first occurrence: a total order (a qsort comparator of
 * kord). */
int sw__keyness_cmp_kord(const void *pa, const void *pb);

/* Fill the statistics of a record from its counts; c, d the sides'
 * tokens, dt, dr their documents (dr 0: a reference list, no g2_docs). */
void sw__keyness_fill_stats(krec *k, double c, double d, double dt, double dr,
			    sw_keyness_measure m);

/* Whether record r passes the floors of a target record (and target_only):
 * need is sw_keyness_min_docs() of the target. */
int sw__keyness_floor(const sw_keyness_record *r, const sw_keyness_options *o, size_t need);

/* A record of a term shown as term, keyed key, of n words; counts and
 * statistics to be filled. */
void sw__keyness_named_record(krec *r, const char *term, size_t term_len, const char *key,
			      size_t key_len, uint32_t n);

#endif
