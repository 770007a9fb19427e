/*
 * tests/unit/test_vocab.c - interning byte strings (include/stichwort/vocab.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/vocab.h"

static sw_vocab *new_vocab(void)
{
	sw_vocab *v = NULL;

	assert_int_equal(sw_vocab_new(&v, NULL), SW_OK);
	assert_non_null(v);
	return v;
}

static sw_term_id intern(sw_vocab *v, const char *s)
{
	sw_term_id id = SW_TERM_NONE;

	assert_int_equal(sw_vocab_intern(&id, v, s, strlen(s)), SW_OK);
	assert_int_not_equal(id, SW_TERM_NONE);
	return id;
}

static void assert_bytes(const sw_vocab *v, sw_term_id id, const char *s, size_t len)
{
	size_t got_len = 12345;
	const char *got = sw_vocab_bytes(v, id, &got_len);

	assert_non_null(got);
	assert_int_equal(got_len, len);
	assert_memory_equal(got, s, len);
	assert_int_equal(got[len], '\0'); /* a NUL follows the bytes */
}

static void test_vocab_new_is_empty(void **state)
{
	sw_vocab *v = new_vocab();

	(void)state;
	assert_int_equal(sw_vocab_size(v), 0);
	assert_int_equal(sw_vocab_find(v, "Bund", 4), SW_TERM_NONE);
	sw_vocab_free(v);
}

static void test_vocab_intern_dense_ids_in_order(void **state)
{
	sw_vocab *v = new_vocab();

	(void)state;
	assert_int_equal(intern(v, "digitale"), 0);
	assert_int_equal(intern(v, "Souver\xC3\xA4nit\xC3\xA4t"), 1);
	assert_int_equal(intern(v, "f\xC3\xBCr"), 2);
	/* The same bytes again: the same id, no new term. */
	assert_int_equal(intern(v, "digitale"), 0);
	assert_int_equal(intern(v, "Souver\xC3\xA4nit\xC3\xA4t"), 1);
	assert_int_equal(sw_vocab_size(v), 3);
	/* Bytes are compared exactly: no folding, no normalization. */
	assert_int_equal(intern(v, "Digitale"), 3);
	assert_int_equal(intern(v, "Souvera\xCC\x88nita\xCC\x88t"), 4);
	assert_int_equal(sw_vocab_size(v), 5);
	sw_vocab_free(v);
}

static void test_vocab_find(void **state)
{
	sw_vocab *v = new_vocab();

	(void)state;
	intern(v, "Stra\xC3\x9F" "e");
	intern(v, "strasse");
	assert_int_equal(sw_vocab_find(v, "Stra\xC3\x9F" "e", 7), 0);
	assert_int_equal(sw_vocab_find(v, "strasse", 7), 1);
	assert_int_equal(sw_vocab_find(v, "strass", 6), SW_TERM_NONE);
	assert_int_equal(sw_vocab_find(v, "strasse ", 8), SW_TERM_NONE);
	/* A prefix of a longer buffer: only len bytes count. */
	assert_int_equal(sw_vocab_find(v, "strassenbahn", 7), 1);
	/* find never adds. */
	assert_int_equal(sw_vocab_size(v), 2);
	sw_vocab_free(v);
}

static void test_vocab_bytes(void **state)
{
	sw_vocab *v = new_vocab();
	size_t len = 99;
	char buf[32];

	(void)state;
	/* The vocabulary copies: the caller's buffer may change afterwards. */
	strcpy(buf, "B\xC3\xBCrger*innen");
	intern(v, buf);
	memset(buf, 'x', sizeof buf - 1);
	assert_bytes(v, 0, "B\xC3\xBCrger*innen", 13);
	/* Out of range: NULL and length 0. */
	assert_null(sw_vocab_bytes(v, 1, &len));
	assert_int_equal(len, 0);
	len = 99;
	assert_null(sw_vocab_bytes(v, SW_TERM_NONE, &len));
	assert_int_equal(len, 0);
	sw_vocab_free(v);
}

static void test_vocab_empty_string(void **state)
{
	sw_vocab *v = new_vocab();
	sw_term_id id = SW_TERM_NONE;

	(void)state;
	assert_int_equal(sw_vocab_find(v, "", 0), SW_TERM_NONE);
	assert_int_equal(sw_vocab_intern(&id, v, "", 0), SW_OK);
	assert_int_equal(id, 0);
	assert_int_equal(sw_vocab_find(v, "", 0), 0);
	assert_int_equal(sw_vocab_find(v, "x", 0), 0); /* zero bytes of anything */
	assert_bytes(v, 0, "", 0);
	assert_int_equal(intern(v, "a"), 1);
	assert_int_equal(sw_vocab_size(v), 2);
	sw_vocab_free(v);
}

static void test_vocab_nul_bytes(void **state)
{
	sw_vocab *v = new_vocab();
	sw_term_id a, b, c, d;

	(void)state;
	assert_int_equal(sw_vocab_intern(&a, v, "a\0b", 3), SW_OK);
	assert_int_equal(sw_vocab_intern(&b, v, "a\0c", 3), SW_OK);
	assert_int_equal(sw_vocab_intern(&c, v, "a", 1), SW_OK);
	assert_int_equal(sw_vocab_intern(&d, v, "\0", 1), SW_OK);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(c, 2);
	assert_int_equal(d, 3);
	assert_int_equal(sw_vocab_find(v, "a\0b", 3), 0);
	assert_int_equal(sw_vocab_find(v, "a\0c", 3), 1);
	assert_int_equal(sw_vocab_find(v, "a\0d", 3), SW_TERM_NONE);
	assert_int_equal(sw_vocab_find(v, "\0", 1), 3);
	assert_bytes(v, 0, "a\0b", 3);
	assert_bytes(v, 3, "\0", 1);
	sw_vocab_free(v);
}

static void test_vocab_many_strings_rehash(void **state)
{
	enum { N = 100000 };
	sw_vocab *v = new_vocab();
	char word[64];
	sw_term_id id;
	size_t i, len;

	(void)state;
	for (i = 0; i < N; i++) {
		len = (size_t)snprintf(word, sizeof word, "wort-%zu-\xC3\xA4", i * 7919u);
		assert_int_equal(sw_vocab_intern(&id, v, word, len), SW_OK);
		if (id != (sw_term_id)i)
			fail_msg("\"%s\" got id %u, expected %zu", word, (unsigned)id, i);
	}
	assert_int_equal(sw_vocab_size(v), N);
	/* After all the growth every term is still found, with its bytes. */
	for (i = 0; i < N; i++) {
		len = (size_t)snprintf(word, sizeof word, "wort-%zu-\xC3\xA4", i * 7919u);
		if (sw_vocab_find(v, word, len) != (sw_term_id)i)
			fail_msg("\"%s\" not found as %zu after rehash", word, i);
		assert_bytes(v, (sw_term_id)i, word, len);
		assert_int_equal(sw_vocab_intern(&id, v, word, len), SW_OK);
		assert_int_equal(id, (sw_term_id)i);
	}
	assert_int_equal(sw_vocab_size(v), N);
	assert_int_equal(sw_vocab_find(v, "wort-1-", 7), SW_TERM_NONE);
	sw_vocab_free(v);
}

static void test_vocab_freeze(void **state)
{
	sw_vocab *v = new_vocab();
	sw_term_id id = 777;

	(void)state;
	intern(v, "Bund");
	intern(v, "L\xC3\xA4nder");
	sw_vocab_freeze(v);
	/* A new string: SW_EINVAL, *out untouched, nothing added. */
	assert_int_equal(sw_vocab_intern(&id, v, "Kommunen", 8), SW_EINVAL);
	assert_int_equal(id, 777);
	assert_int_equal(sw_vocab_size(v), 2);
	assert_int_equal(sw_vocab_find(v, "Kommunen", 8), SW_TERM_NONE);
	/* Lookups stay valid. */
	assert_int_equal(sw_vocab_find(v, "Bund", 4), 0);
	assert_int_equal(sw_vocab_find(v, "L\xC3\xA4nder", 7), 1);
	assert_bytes(v, 1, "L\xC3\xA4nder", 7);
	sw_vocab_free(v);
}

static void test_vocab_free_null(void **state)
{
	(void)state;
	sw_vocab_free(NULL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_vocab_new_is_empty),
	cmocka_unit_test(test_vocab_intern_dense_ids_in_order),
	cmocka_unit_test(test_vocab_find),
	cmocka_unit_test(test_vocab_bytes),
	cmocka_unit_test(test_vocab_empty_string),
	cmocka_unit_test(test_vocab_nul_bytes),
	cmocka_unit_test(test_vocab_many_strings_rehash),
	cmocka_unit_test(test_vocab_freeze),
	cmocka_unit_test(test_vocab_free_null),
};

SW_TEST_MAIN(tests)
