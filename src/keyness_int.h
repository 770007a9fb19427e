/*
 * keyness_int.h - the insides of keyness shared by reflist.c (reference
 * lists) and keyness.c (a target against a reference).  Not installed;
 * nothing outside these files includes it.
 */
#ifndef SW_KEYNESS_INT_H
#define SW_KEYNESS_INT_H

#include <stddef.h>
#include <stdint.h>

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

#endif
