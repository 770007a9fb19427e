/*
 * internal/test_hook.h - test-only entry points.  They are exported from
 * the library (tests link against it) under the sw_test_ prefix, and
 * documented nowhere else: they are not part of the API.
 */
#ifndef SW_INTERNAL_TEST_HOOK_H
#define SW_INTERNAL_TEST_HOOK_H

/* Make the n-th following allocation fail; 0 turns failing off. */
void sw_test_alloc_fail_after(long n);

/* The fewest tokens a chunk of the parallel passes gets (default 65,536;
 * 0 restores it): 1 splits even a tiny corpus among the threads. */
void sw_test_chunk_min_tokens(size_t n);

/* 0 sends every JSON Lines line past the flat path (src/jsonl.c) to the
 * jansson paths; 1 (the default) restores it. */
void sw_test_jsonl_flat(int on);

#endif
