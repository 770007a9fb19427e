/*
 * tests/unit/test_par.c - the fork-join and the parallel sort of
 * src/internal/par.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal/par.h"

static void task_mark(void *payload, size_t k)
{
	((int *)payload)[k]++;
}

/* Every task runs once, whatever their number. */
static void test_par_run_each_task_once(void **state)
{
	int ran[SW_PAR_MAX + 1];
	size_t n, k;

	(void)state;
	for (n = 0; n <= SW_PAR_MAX; n += n < 4 ? 1 : 15) {
		memset(ran, 0, sizeof ran);
		sw__par_run(n, task_mark, ran);
		for (k = 0; k <= SW_PAR_MAX; k++)
			assert_int_equal(ran[k], k < n);
	}
}

/* 12-byte records, ordered by a key with many repeats, then by a unique
 * serial: a total order, as sw__par_sort requires, with long runs of
 * equal keys for the merges to get right. */
typedef struct rec {
	uint32_t key, serial, pad;
} rec;

static int cmp_rec(const void *a, const void *b)
{
	const rec *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->serial > y->serial) - (x->serial < y->serial);
}

/* The same bytes as qsort, for sizes around the part minimum (4,096
 * elements a part) and every part count up to past the cap (8). */
static void test_par_sort_as_qsort(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 4095, 8191, 8192, 8193, 12289, 40000, 100003 };
	rec *a = malloc(100003 * sizeof *a), *b = malloc(100003 * sizeof *b);
	uint32_t seed = 12345;
	size_t s, parts, i;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (parts = 1; parts <= 10; parts++) {
			size_t n = sizes[s];
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				a[i] = (rec){ (seed >> 16) % (parts * 97 + 1), (uint32_t)i, 0 };
			}
			/* a reversed stretch: a part that starts out sorted backwards */
			for (i = 0; i < n / 3; i++)
				a[i].key = (uint32_t)(n / 3 - i);
			memcpy(b, a, n * sizeof *a);
			qsort(b, n, sizeof *b, cmp_rec);
			sw__par_sort(a, n, sizeof *a, cmp_rec, parts);
			assert_memory_equal(a, b, n * sizeof *a);
		}
	free(a);
	free(b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_par_run_each_task_once),
	cmocka_unit_test(test_par_sort_as_qsort),
};

SW_TEST_MAIN(tests)
