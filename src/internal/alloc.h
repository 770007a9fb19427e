/*
 * internal/alloc.h - the only place libstichwort asks libc for memory.
 *
 * Every allocation in the library goes through these wrappers so that the
 * test suite can make the N-th allocation fail (sw__alloc_fail_after) and
 * check that SW_ENOMEM propagates without leaks.
 */
#ifndef SW_INTERNAL_ALLOC_H
#define SW_INTERNAL_ALLOC_H

#include <stddef.h>

void *sw__malloc(size_t n);
void *sw__calloc(size_t n, size_t size);
/* Zeroed like sw__calloc, with every page written at once: for hash
 * tables, which are read before they are written.  calloc leaves a
 * large block's pages unmapped; a read maps the shared zero page, and
 * the first write to it then costs a copy-on-write fault and a TLB
 * flush on every core running a thread of the process. */
void *sw__calloc_written(size_t n, size_t size);
void *sw__realloc(void *p, size_t n);
void sw__free(void *p);
char *sw__strndup(const char *s, size_t len);
char *sw__strdup(const char *s);

/* Grow *arr (of *cap elements of size elem) to hold at least need
 * elements, doubling.  0 on success, -1 on overflow or OOM (unchanged).
 * The check is inline: most calls append to an array with room left
 * (phrase walks, occurrences, records), one call per element. */
int sw__grow_to(void **arr, size_t *cap, size_t need, size_t elem);

static inline int sw__grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap ? 0 : sw__grow_to(arr, cap, need, elem);
}

#endif
