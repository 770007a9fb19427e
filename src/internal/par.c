/*
 * internal/par.c - see par.h.
 */
#include <pthread.h>

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
