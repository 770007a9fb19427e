/*
 * internal/phrases.h - sharing the phrases out among threads, for the
 * stages that go over their occurrences (keywords, keyness).
 */
#ifndef SW_INTERNAL_PHRASES_H
#define SW_INTERNAL_PHRASES_H

#include <stddef.h>

#include "stichwort/phrases.h"

/* Split the phrases of p into at most nthreads (and SW_PAR_MAX) ranges
 * of consecutive phrases with about equal numbers of occurrences: range
 * k is phrases p0[k] .. p0[k + 1] - 1, and p0 has room for SW_PAR_MAX + 1
 * entries.  One range when a thread would get fewer occurrences than
 * pay for it (sw__counts_chunk_min).  Returns the number of ranges. */
size_t sw__phrases_ranges(const sw_phrases *p, size_t nthreads, size_t *p0);

#endif
