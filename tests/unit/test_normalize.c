/*
 * test_normalize.c - normalization rules (tests/spec/normalize.txt) and
 * the offset map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "helpers.h"
#include "stichwort/normalize.h"

static void norm(sw_normalizer *nz, const char *in, size_t len, const char **out, size_t *olen)
{
	sw_error err;
	assert_int_equal(sw_normalize(out, olen, nz, in, len, &err), SW_OK);
}

static void test_normalize_spec(void **state)
{
	sw_spec_example *ex;
	sw_normalizer *nz;
	int n, i, failed = 0;

	(void)state;
	n = sw_spec_load("tests/spec/normalize.txt", &ex);
	assert_true(n > 10);
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	for (i = 0; i < n; i++) {
		const char *out, *out2;
		size_t len, len2;
		char *copy;

		norm(nz, ex[i].input, ex[i].input_len, &out, &len);
		if (len != strlen(ex[i].expected) || memcmp(out, ex[i].expected, len) != 0) {
			fprintf(stderr, "normalize.txt:%d: %s\n  expected: [%s]\n  actual:   [%.*s]\n",
				ex[i].line, ex[i].title, ex[i].expected, (int)len, out);
			failed++;
			continue;
		}
		copy = malloc(len + 1);
		memcpy(copy, out, len + 1);
		norm(nz, copy, len, &out2, &len2);
		if (len2 != len || memcmp(out2, copy, len) != 0) {
			fprintf(stderr, "normalize.txt:%d: not idempotent: [%.*s]\n", ex[i].line,
				(int)len2, out2);
			failed++;
		}
		free(copy);
	}
	sw_normalizer_free(nz);
	sw_spec_free(ex, n);
	assert_int_equal(failed, 0);
}

/* Identity text maps every byte to itself. */
static void test_normalize_map_identity(void **state)
{
	sw_normalizer *nz;
	const char *in = "Digitale Souveränität", *out;
	size_t len, i;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, strlen(in), &out, &len);
	assert_int_equal(len, strlen(in));
	for (i = 0; i <= len; i++)
		assert_int_equal(sw_normalizer_orig_start(nz, i), i);
	assert_int_equal(sw_normalizer_orig_end(nz, len), len);
	sw_normalizer_free(nz);
}

/* A joined hyphenation: the word after it maps back past the removed
 * bytes, and the surface drops them. */
static void test_normalize_map_hyphenation(void **state)
{
	sw_normalizer *nz;
	sw_buf scratch = SW_BUF_INIT;
	const char *in = "Die Digitali-\nsierung kommt", *out, *s;
	size_t len, slen;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, strlen(in), &out, &len);
	assert_string_equal(out, "Die Digitalisierung kommt");
	/* "Digitalisierung" is [4, 19) normalized, [4, 21) original */
	assert_int_equal(sw_normalizer_orig_start(nz, 4), 4);
	assert_int_equal(sw_normalizer_orig_end(nz, 19), 21);
	/* "sierung" starts after the removed "-\n" */
	assert_int_equal(sw_normalizer_orig_start(nz, 12), 14);
	/* "kommt" */
	assert_int_equal(sw_normalizer_orig_start(nz, 20), 22);
	assert_int_equal(sw_normalizer_surface(&s, &slen, &scratch, nz, 4, 19), SW_OK);
	assert_int_equal(slen, 15);
	assert_memory_equal(s, "Digitalisierung", 15);
	/* a span without removed bytes points into the original */
	assert_int_equal(sw_normalizer_surface(&s, &slen, &scratch, nz, 20, 25), SW_OK);
	assert_ptr_equal(s, in + 22);
	sw_buf_free(&scratch);
	sw_normalizer_free(nz);
}

/* Replacements keep the original spelling in the surface. */
static void test_normalize_surface_keeps_original(void **state)
{
	sw_normalizer *nz;
	sw_buf scratch = SW_BUF_INIT;
	const char *in = "\xE2\x80\x9E" "Au\xEF\xAC\x82" "age\xE2\x80\x9C", *out, *s;
	size_t len, slen;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, strlen(in), &out, &len);
	assert_string_equal(out, "\"Auflage\"");
	/* "Auflage" is [1, 8) normalized; original is "Au" + U+FB02 + "age" */
	assert_int_equal(sw_normalizer_orig_start(nz, 1), 3);
	assert_int_equal(sw_normalizer_orig_end(nz, 8), 11);
	assert_int_equal(sw_normalizer_surface(&s, &slen, &scratch, nz, 1, 8), SW_OK);
	assert_int_equal(slen, 8);
	assert_memory_equal(s, "Au\xEF\xAC\x82" "age", 8);
	/* both bytes of the ligature's replacement map to its start */
	assert_int_equal(sw_normalizer_orig_start(nz, 3), 5);
	assert_int_equal(sw_normalizer_orig_start(nz, 4), 5);
	sw_buf_free(&scratch);
	sw_normalizer_free(nz);
}

/* NFD input: the composed character maps to the start of its cluster. */
static void test_normalize_map_nfd(void **state)
{
	sw_normalizer *nz;
	const char *in = "Mu\xCC\x88ller", *out;
	size_t len;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, strlen(in), &out, &len);
	assert_string_equal(out, "M\xC3\xBCller");
	assert_int_equal(sw_normalizer_orig_start(nz, 1), 1);
	assert_int_equal(sw_normalizer_orig_end(nz, 3), 4);
	assert_int_equal(sw_normalizer_orig_start(nz, 3), 4);
	assert_int_equal(sw_normalizer_orig_end(nz, 7), 8);
	sw_normalizer_free(nz);
}

static void test_normalize_invalid_utf8(void **state)
{
	sw_normalizer *nz;
	const char in[] = "Stra\xDF" "e \xFF\xFE ok";
	const char *out;
	size_t len;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, sizeof in - 1, &out, &len);
	assert_string_equal(out, "Stra\xEF\xBF\xBD" "e \xEF\xBF\xBD\xEF\xBF\xBD ok");
	assert_int_equal(sw_normalizer_orig_start(nz, 4), 4);
	assert_int_equal(sw_normalizer_orig_start(nz, 7), 5);
	sw_normalizer_free(nz);
}

static void test_normalize_options(void **state)
{
	sw_normalizer *nz;
	sw_normalize_options o = SW_NORMALIZE_OPTIONS_INIT;
	const char *in = "Digitali-\nsierung \xEF\xAC\x81", *out;
	size_t len;

	(void)state;
	o.keep_hyphenation = 1;
	o.no_compat = 1;
	assert_int_equal(sw_normalizer_new(&nz, &o, NULL), SW_OK);
	norm(nz, in, strlen(in), &out, &len);
	assert_string_equal(out, in);
	sw_normalizer_free(nz);
}

static void test_normalize_empty_and_nul(void **state)
{
	sw_normalizer *nz;
	const char *out;
	size_t len;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, "", 0, &out, &len);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	assert_int_equal(sw_normalizer_orig_start(nz, 0), 0);
	/* text need not be NUL-terminated; an inner NUL is a control char */
	norm(nz, "a\0b", 3, &out, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(out, "a b", 3);
	sw_normalizer_free(nz);
	sw_normalizer_free(NULL);
}

static void test_normalize_casefold(void **state)
{
	sw_buf b = SW_BUF_INIT;

	(void)state;
	assert_int_equal(sw_casefold(&b, "Straße ÄRGER İstanbul", strlen("Straße ÄRGER İstanbul")), SW_OK);
	assert_string_equal(b.ptr, "strasse ärger i\xCC\x87stanbul");
	sw_buf_free(&b);
}

/* Case folding takes a short cut for U+00C0..U+00FF (utf8.c); every
 * character of U+0080..U+024F, alone and between ASCII letters, must fold
 * as utf8proc's full case folding (composed) has it. */
static void test_normalize_casefold_latin_as_utf8proc(void **state)
{
	int32_t cp;

	(void)state;
	for (cp = 0x80; cp < 0x250; cp++) {
		char in[16];
		utf8proc_uint8_t *ref = NULL;
		utf8proc_ssize_t m;
		sw_buf b = SW_BUF_INIT;
		int n;

		in[0] = 'A';
		n = (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 1);
		in[1 + n] = 'z';
		assert_int_equal(sw_casefold(&b, in, (size_t)n + 2), SW_OK);
		m = utf8proc_map((const utf8proc_uint8_t *)in, n + 2, &ref,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
		assert_true(m > 0);
		if ((size_t)m != b.len || memcmp(ref, b.ptr, b.len) != 0)
			fail_msg("U+%04X folds to \"%s\", utf8proc: \"%s\"", (unsigned)cp, b.ptr,
				 (const char *)ref);
		free(ref);
		sw_buf_free(&b);
	}
}

/* 100 000 hyphens and line breaks: finishes (linear) and stays mapped. */
static void test_normalize_long_hyphen_chain(void **state)
{
	sw_normalizer *nz;
	size_t n = 200000, i, len;
	char *in = malloc(n);
	const char *out;

	(void)state;
	for (i = 0; i < n; i++)
		in[i] = i % 2 ? '\n' : (i % 4 ? '-' : 'a');
	for (i = 0; i + 3 < n; i += 4) {
		in[i] = 'a';
		in[i + 1] = '-';
		in[i + 2] = '\n';
		in[i + 3] = 'b';
	}
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	norm(nz, in, n, &out, &len);
	assert_int_equal(len, n / 2);
	assert_int_equal(sw_normalizer_orig_start(nz, len - 1), n - 1);
	sw_normalizer_free(nz);
	free(in);
}

/* Latin-1 characters (umlauts, "ß", "§") are copied with the plain
 * run around them; what follows the run still sees its last character
 * whole: a combining mark composes with an umlaut, and a line-break
 * hyphen after an umlaut is a hyphen after a lower-case letter. */
static void test_normalize_latin1_run_ends(void **state)
{
	sw_normalizer *nz;
	const char *out;
	size_t len;

	(void)state;
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	/* "xÄ" + U+0304 -> "xǞ" (U+01DE): the cluster starts at "Ä" */
	norm(nz, "x\xC3\x84\xCC\x84y", 6, &out, &len);
	assert_int_equal(len, 4);
	assert_memory_equal(out, "x\xC7\x9Ey", 4);
	assert_int_equal(sw_normalizer_orig_start(nz, 1), 1);
	assert_int_equal(sw_normalizer_orig_end(nz, 3), 5);
	assert_int_equal(sw_normalizer_orig_start(nz, 3), 5);
	/* "Straßö" + U+0304 -> "Straßȫ" (U+022B) after eight plain bytes */
	norm(nz, "Die Stra\xC3\x9F\xC3\xB6\xCC\x84", 14, &out, &len);
	assert_int_equal(len, 12);
	assert_memory_equal(out, "Die Stra\xC3\x9F\xC8\xAB", 12);
	assert_int_equal(sw_normalizer_orig_start(nz, 10), 10);
	assert_int_equal(sw_normalizer_orig_end(nz, 12), 14);
	/* "Prü-\nfung": lower case on both sides, the hyphen goes */
	norm(nz, "Die Pr\xC3\xBC-\nfung", 14, &out, &len);
	assert_string_equal(out, "Die Pr\xC3\xBC" "fung");
	assert_int_equal(sw_normalizer_orig_start(nz, 8), 10);
	/* "Ü-\nber": upper case before, the hyphen stays */
	norm(nz, "\xC3\x9C-\nber", 7, &out, &len);
	assert_string_equal(out, "\xC3\x9C-ber");
	/* "§-\nAbsatz": no letter before, no join */
	norm(nz, "\xC2\xA7-\nAbsatz", 10, &out, &len);
	assert_string_equal(out, "\xC2\xA7-\nAbsatz");
	/* every byte of a Latin-1 text maps to itself */
	norm(nz, "\xC2\xA7 5 \xC3\x84nderung \xC2\xB0 Gr\xC3\xB6\xC3\x9F" "e", 25, &out, &len);
	assert_int_equal(len, 25);
	assert_string_equal(out, "\xC2\xA7 5 \xC3\x84nderung \xC2\xB0 Gr\xC3\xB6\xC3\x9F" "e");
	for (len = 0; len <= 25; len++)
		assert_int_equal(sw_normalizer_orig_start(nz, len), len);
	sw_normalizer_free(nz);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_spec),
		cmocka_unit_test(test_normalize_map_identity),
		cmocka_unit_test(test_normalize_map_hyphenation),
		cmocka_unit_test(test_normalize_surface_keeps_original),
		cmocka_unit_test(test_normalize_map_nfd),
		cmocka_unit_test(test_normalize_invalid_utf8),
		cmocka_unit_test(test_normalize_options),
		cmocka_unit_test(test_normalize_empty_and_nul),
		cmocka_unit_test(test_normalize_casefold),
		cmocka_unit_test(test_normalize_casefold_latin_as_utf8proc),
		cmocka_unit_test(test_normalize_long_hyphen_chain),
		cmocka_unit_test(test_normalize_latin1_run_ends),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
