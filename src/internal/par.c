/*
 * internal/par.c - see par.h.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "par.h"

typedef struct par_arg {
	void (*task)(void *, size_t);
	void *payload;
	size_t k;
} par_arg;

static void *par_main(void *arg)
{
	par_arg *a = arg;

	a->task(a->payload, a->k);
	return NULL;
}

void sw__par_run(size_t n, void (*task)(void *payload, size_t k), void *payload)
{
	pthread_t th[SW_PAR_MAX];
	par_arg args[SW_PAR_MAX];
	int started[SW_PAR_MAX];
	size_t k;

	if (n > SW_PAR_MAX)
		n = SW_PAR_MAX;
	for (k = 1; k < n; k++) {
		args[k] = (par_arg){ task, payload, k };
		started[k] = pthread_create(&th[k], NULL, par_main, &args[k]) == 0;
	}
	if (n)
		task(payload, 0);
	for (k = 1; k < n; k++) {
		if (started[k])
			pthread_join(th[k], NULL);
		else
			task(payload, k);
	}
}

/* ---- sorting ---- */

#define SORT_PARTS 8
#define SORT_MIN 4096 /* elements per part at least: below, threads do not pay */

typedef struct sort_part {
	char *base;
	size_t n, size;
	int (*cmp)(const void *, const void *);
} sort_part;

static void task_sort(void *payload, size_t k)
{
	sort_part *p = &((sort_part *)payload)[k];

	qsort(p->base, p->n, p->size, p->cmp);
}

/* Merge the sorted runs a[0, na) and b[0, nb) into out. */
static void merge_runs(char *out, const char *a, size_t na, const char *b, size_t nb, size_t size,
		       int (*cmp)(const void *, const void *))
{
	while (na && nb) {
		if (cmp(b, a) < 0) {
			memcpy(out, b, size);
			b += size;
			nb--;
		} else {
			memcpy(out, a, size);
			a += size;
			na--;
		}
		out += size;
	}
	memcpy(out, a, na * size);
	memcpy(out + na * size, b, nb * size);
}

void sw__par_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
		  size_t nparts)
{
	sort_part part[SORT_PARTS];
	size_t run[SORT_PARTS + 1]; /* run k is elements [run[k], run[k + 1]) */
	char *tmp = NULL, *src = base, *dst;
	size_t k, nrun;

	if (nparts > SORT_PARTS)
		nparts = SORT_PARTS;
	if (nparts > n / SORT_MIN)
		nparts = n / SORT_MIN;
	if (nparts > 1 && size && n <= SIZE_MAX / size)
		tmp = sw__malloc(n * size);
	if (!tmp) {
		qsort(base, n, size, cmp);
		return;
	}
	for (k = 0; k <= nparts; k++)
		run[k] = n * k / nparts;
	for (k = 0; k < nparts; k++)
		part[k] = (sort_part){ src + run[k] * size, run[k + 1] - run[k], size, cmp };
	sw__par_run(nparts, task_sort, part);
	/* merge neighbouring runs, round by round, between the two buffers */
	for (nrun = nparts, dst = tmp; nrun > 1;) {
		size_t m = (nrun + 1) / 2;
		char *t;
		for (k = 0; k + 1 < nrun; k += 2)
			merge_runs(dst + run[k] * size, src + run[k] * size, run[k + 1] - run[k],
				   src + run[k + 1] * size, run[k + 2] - run[k + 1], size, cmp);
		if (k < nrun) /* an odd run out */
			memcpy(dst + run[k] * size, src + run[k] * size, (run[k + 1] - run[k]) * size);
		for (k = 0; k <= m; k++) /* run k is old runs 2k and 2k + 1 */
			run[k] = run[2 * k < nrun ? 2 * k : nrun];
		nrun = m;
		t = src;
		src = dst;
		dst = t;
	}
	if (src != (char *)base)
		memcpy(base, src, n * size);
	sw__free(tmp);
}
