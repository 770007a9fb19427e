/*
 * internal/par.h - a fork-join over a few independent tasks, for the
 * stages that split the token arrays into document-aligned chunks.
 */
#ifndef SW_INTERNAL_PAR_H
#define SW_INTERNAL_PAR_H

#include <stddef.h>

/* Most tasks sw__par_run() runs at once (the thread count is capped). */
#define SW_PAR_MAX 64

/*
 * Run task(payload, k) for k = 0 .. n-1 and return when all are done.
 * The caller runs k = 0 and every task whose thread could not be
 * started; each other task gets a thread of its own.  Tasks must write
 * only their own results: the outcome then does not depend on n or on
 * which thread ran what.  n is at most SW_PAR_MAX.
 */
void sw__par_run(size_t n, void (*task)(void *payload, size_t k), void *payload);

/*
 * qsort(base, n, size, cmp) on up to nparts threads: parts sorted at
 * once, then merged.  cmp must be a total order (no two elements equal),
 * so that the result is qsort's whatever nparts is.  Sorts on one thread
 * when the merge buffer cannot be had.
 */
void sw__par_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
		  size_t nparts);

#endif
