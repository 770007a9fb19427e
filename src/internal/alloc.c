/*
 * internal/alloc.c - allocation wrappers with a fault-injection hook.
 *
 * The hook is exported only to the test suite through sw_test_alloc.h:
 * sw_test_alloc_fail_after(n) makes the n-th following allocation fail
 * (n = 0 disables it).  The counter is atomic: the pipeline, phrases and
 * the totals allocate on several threads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "test_hook.h"

static long fail_countdown; /* 0: never fail; atomic: stages allocate on threads */

void sw_test_alloc_fail_after(long n)
{
	__atomic_store_n(&fail_countdown, n, __ATOMIC_SEQ_CST);
}

static int should_fail(void)
{
	long n = __atomic_load_n(&fail_countdown, __ATOMIC_RELAXED);

	while (n > 0)
		if (__atomic_compare_exchange_n(&fail_countdown, &n, n - 1, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED))
			return n == 1;
	return 0;
}

void *sw__malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *sw__calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *sw__calloc_written(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = sw__malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *sw__realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void sw__free(void *p)
{
	free(p);
}

char *sw__strndup(const char *s, size_t len)
{
	char *d = sw__malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *sw__strdup(const char *s)
{
	return sw__strndup(s, strlen(s));
}

int sw__grow_to(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			return -1;
		ncap *= 2;
	}
	p = sw__realloc(*arr, ncap * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}
