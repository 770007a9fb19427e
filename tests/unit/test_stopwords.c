/*
 * test_stopwords.c - stoplists: the built-in German list, the list format,
 * folding, files and errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/buf.h"
#include "stichwort/stopwords.h"
#include "internal/test_hook.h"

/* Contains, for a literal that is already folded. */
#define HAS(sl, w) sw_stoplist_contains((sl), (w), strlen(w))

static sw_stoplist *new_list(void)
{
	sw_stoplist *sl = NULL;

	assert_int_equal(sw_stoplist_new(&sl, NULL), SW_OK);
	assert_non_null(sl);
	return sl;
}

static sw_stoplist *builtin_de(void)
{
	sw_stoplist *sl = new_list();
	sw_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stoplist_add_builtin(sl, "de", &err), SW_OK);
	return sl;
}

static void test_stopwords_builtin_function_words(void **state)
{
	sw_stoplist *sl = builtin_de();
	static const char *const words[] = {
		"der", "die", "das", "des", "dem", "den", "und", "oder", "ein", "keinen",
		"über", "für", "während", "zum", "ist", "wurden", "können", "müssen",
		"möchte", "dürfen", "wir", "ihre", "unseren", "dieser", "welche", "auch",
		"noch", "schon", "nur", "sehr", "nicht", "dafür",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (!HAS(sl, words[i]))
			fail_msg("builtin de list lacks \"%s\"", words[i]);
	}
	sw_stoplist_free(sl);
}

/* "dass" is listed; the old spelling "daß" folds to the same key. */
static void test_stopwords_builtin_dass_and_eszett(void **state)
{
	sw_stoplist *sl = builtin_de();

	(void)state;
	assert_true(HAS(sl, "dass"));
	/* "außer" and the old spelling "muß" as the terms stage folds them;
	 * unfolded forms with "ß" are never looked up and are absent. */
	assert_true(HAS(sl, "ausser"));
	assert_true(HAS(sl, "muss"));
	assert_false(HAS(sl, "daß"));
	assert_false(HAS(sl, "außer"));
	sw_stoplist_free(sl);
}

static void test_stopwords_builtin_keeps_content_words(void **state)
{
	sw_stoplist *sl = builtin_de();
	static const char *const words[] = {
		"souveränität", "digital", "digitale", "staat", "jahr", "bund", "cloud",
		"daten", "datenschutz", "abhängigkeit", "recht", "weg", "verwaltung",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (HAS(sl, words[i]))
			fail_msg("builtin de list contains content word \"%s\"", words[i]);
	}
	sw_stoplist_free(sl);
}

static void test_stopwords_builtin_size(void **state)
{
	sw_stoplist *sl = builtin_de();
	size_t n = sw_stoplist_size(sl);

	(void)state;
	assert_true(n >= 400);
	assert_true(n <= 700);
	/* Adding it twice adds nothing. */
	assert_int_equal(sw_stoplist_add_builtin(sl, "de", NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), n);
	sw_stoplist_free(sl);
}

static void test_stopwords_builtin_unknown_name(void **state)
{
	sw_stoplist *sl = new_list();
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stoplist_add_builtin(sl, "xx", &err), SW_EINVAL);
	assert_int_equal(err.code, SW_EINVAL);
	assert_non_null(strstr(err.message, "xx"));
	assert_int_equal(sw_stoplist_size(sl), 0);
	sw_stoplist_free(sl);
}

/* The shipped file and the embedded copy are the same list. */
static void test_stopwords_builtin_matches_file(void **state)
{
	sw_stoplist *a = builtin_de(), *b = new_list();
	char path[4096];

	(void)state;
	snprintf(path, sizeof path, "%s/stopwords/de.txt", sw_test_srcdir());
	assert_int_equal(sw_stoplist_load(b, path, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(a), sw_stoplist_size(b));
	sw_stoplist_free(a);
	sw_stoplist_free(b);
}

/* The optional policy list loads cleanly and does not repeat de.txt. */
static void test_stopwords_policy_list(void **state)
{
	sw_stoplist *sl = builtin_de();
	size_t n = sw_stoplist_size(sl);
	char path[4096];

	(void)state;
	snprintf(path, sizeof path, "%s/stopwords/de-policy.txt", sw_test_srcdir());
	assert_int_equal(sw_stoplist_load(sl, path, NULL), SW_OK);
	assert_true(HAS(sl, "gemäss"));
	assert_true(HAS(sl, "insbesondere"));
	assert_true(HAS(sl, "bzw"));
	assert_false(HAS(sl, "souveränität"));
	assert_true(sw_stoplist_size(sl) > n + 100);
	sw_stoplist_free(sl);
}

static void test_stopwords_comments_blank_lines_whitespace(void **state)
{
	static const char text[] =
		"# a header comment\n"
		"\n"
		"   \t\n"
		"  und  \n"
		"\toder\t# trailing comment\n"
		"aber#glued comment\n"
		"#nicht\n"
		"   # indented comment\n"
		"letzte";          /* no final newline */
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), "t", NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 4);
	assert_true(HAS(sl, "und"));
	assert_true(HAS(sl, "oder"));
	assert_true(HAS(sl, "aber"));
	assert_true(HAS(sl, "letzte"));
	assert_false(HAS(sl, "nicht"));
	assert_false(HAS(sl, "#nicht"));
	assert_false(HAS(sl, ""));
	sw_stoplist_free(sl);
}

static void test_stopwords_crlf_and_bom(void **state)
{
	static const char text[] = "\xEF\xBB\xBF" "der\r\ndie\r\n\r\n# c\r\ndas\r\n";
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 3);
	assert_true(HAS(sl, "der"));
	assert_true(HAS(sl, "die"));
	assert_true(HAS(sl, "das"));
	assert_false(HAS(sl, "der\r"));
	sw_stoplist_free(sl);
}

/* The length is honoured: no NUL is needed and bytes after len are ignored. */
static void test_stopwords_text_length_not_nul(void **state)
{
	static const char text[] = "und\noderXYZ";
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, 8, NULL, NULL), SW_OK);
	assert_true(HAS(sl, "oder"));
	assert_false(HAS(sl, "oderxyz"));
	assert_int_equal(sw_stoplist_add_text(sl, NULL, 0, NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 2);
	sw_stoplist_free(sl);
}

/* Entries are folded when added; lookups take the folded token. */
static void test_stopwords_folding(void **state)
{
	static const char text[] = "Über\nDASS\nStraße\nÄRGER\n";
	sw_stoplist *sl = new_list();
	sw_buf f = SW_BUF_INIT;

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), NULL, NULL), SW_OK);
	assert_true(HAS(sl, "über"));
	assert_true(HAS(sl, "dass"));
	assert_true(HAS(sl, "strasse"));
	assert_true(HAS(sl, "ärger"));
	/* Lookups do not fold: "ÜBER" as such is absent ... */
	assert_false(HAS(sl, "ÜBER"));
	assert_false(HAS(sl, "Über"));
	/* ... but the caller's folded form of it ("über") is found. */
	assert_int_equal(sw_buf_puts(&f, "\xC3\xBC" "ber"), SW_OK);
	assert_true(sw_stoplist_contains(sl, f.ptr, f.len));
	sw_buf_free(&f);
	sw_stoplist_free(sl);
}

/* ß in a list is stored as ss, so the folded token "dass" of "daß" hits. */
static void test_stopwords_eszett_found_as_ss(void **state)
{
	static const char text[] = "daß\naußer\n";
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 2);
	assert_true(HAS(sl, "dass"));
	assert_true(HAS(sl, "ausser"));
	assert_false(HAS(sl, "daß"));
	sw_stoplist_free(sl);
}

/* A decomposed (NFD) umlaut in a list is stored composed (NFC). */
static void test_stopwords_nfd_entry_stored_nfc(void **state)
{
	static const char text[] = "u\xCC\x88" "ber\n";
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), NULL, NULL), SW_OK);
	assert_true(HAS(sl, "\xC3\xBC" "ber"));
	sw_stoplist_free(sl);
}

static void test_stopwords_duplicates_counted_once(void **state)
{
	static const char text[] = "und\nUND\nUnd\nund  # again\n";
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 1);
	sw_stoplist_free(sl);
}

/* Many words: the table grows and keeps every word. */
static void test_stopwords_many_words(void **state)
{
	sw_stoplist *sl = new_list();
	sw_buf text = SW_BUF_INIT;
	char w[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++)
		assert_int_equal(sw_buf_printf(&text, "wort%d\n", i), SW_OK);
	assert_int_equal(sw_stoplist_add_text(sl, text.ptr, text.len, NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(w, sizeof w, "wort%d", i);
		assert_true(HAS(sl, w));
	}
	assert_false(HAS(sl, "wort5000"));
	sw_buf_free(&text);
	sw_stoplist_free(sl);
}

static void test_stopwords_load_file(void **state)
{
	static const char text[] = "# mine\nSouveränität\r\nCloud\n";
	const char *path = sw_test_write_temp("list.txt", text, strlen(text));
	sw_stoplist *sl = new_list();

	(void)state;
	assert_non_null(path);
	assert_int_equal(sw_stoplist_load(sl, path, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 2);
	assert_true(HAS(sl, "souveränität"));
	assert_true(HAS(sl, "cloud"));
	sw_stoplist_free(sl);
}

static void test_stopwords_load_empty_file(void **state)
{
	const char *path = sw_test_write_temp("empty.txt", "", 0);
	sw_stoplist *sl = new_list();

	(void)state;
	assert_int_equal(sw_stoplist_load(sl, path, NULL), SW_OK);
	assert_int_equal(sw_stoplist_size(sl), 0);
	assert_false(HAS(sl, "und"));
	sw_stoplist_free(sl);
}

static void test_stopwords_missing_file_eio(void **state)
{
	char path[4096];
	sw_stoplist *sl = new_list();
	sw_error err;

	(void)state;
	snprintf(path, sizeof path, "%s/does-not-exist.txt", sw_test_tmpdir());
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stoplist_load(sl, path, &err), SW_EIO);
	assert_int_equal(err.code, SW_EIO);
	assert_string_equal(err.path, path);
	assert_int_equal(err.line, 0);
	assert_true(err.message[0] != '\0');
	assert_int_equal(sw_stoplist_size(sl), 0);
	/* err may be NULL. */
	assert_int_equal(sw_stoplist_load(sl, path, NULL), SW_EIO);
	sw_stoplist_free(sl);
}

/* Line 3 holds a Latin-1 "ü" (0xFC): SW_EFORMAT with the line, and the
 * words before it stay. */
static void test_stopwords_invalid_utf8_eformat(void **state)
{
	static const char text[] = "und\noder\n\xFC" "ber\nnicht\n";
	sw_stoplist *sl = new_list();
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stoplist_add_text(sl, text, strlen(text), "list.txt", &err),
			 SW_EFORMAT);
	assert_int_equal(err.code, SW_EFORMAT);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.offset, 9);
	assert_string_equal(err.path, "list.txt");
	assert_int_equal(sw_stoplist_size(sl), 2);
	assert_true(HAS(sl, "oder"));
	assert_false(HAS(sl, "nicht"));
	sw_stoplist_free(sl);
}

/* Invalid bytes inside a comment count too, and a file reports its path. */
static void test_stopwords_invalid_utf8_in_file(void **state)
{
	static const char text[] = "# Liste\n# f\xFCr Tests\nund\n";
	const char *p = sw_test_write_temp("latin1.txt", text, strlen(text));
	char path[4096];
	sw_stoplist *sl = new_list();
	sw_error err;

	(void)state;
	snprintf(path, sizeof path, "%s", p);
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stoplist_load(sl, path, &err), SW_EFORMAT);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.path, path);
	sw_stoplist_free(sl);
}

static void test_stopwords_contains_edge_cases(void **state)
{
	sw_stoplist *sl = new_list();

	(void)state;
	/* Empty list, empty word, NULL list: all "no", never a crash. */
	assert_false(HAS(sl, "und"));
	assert_false(sw_stoplist_contains(sl, "und", 0));
	assert_false(sw_stoplist_contains(NULL, "und", 3));
	assert_int_equal(sw_stoplist_size(NULL), 0);
	assert_int_equal(sw_stoplist_add_text(sl, "und", 3, NULL, NULL), SW_OK);
	/* The length is respected. */
	assert_false(sw_stoplist_contains(sl, "under", 5));
	assert_true(sw_stoplist_contains(sl, "under", 3));
	sw_stoplist_free(sl);
}

static void test_stopwords_free_null(void **state)
{
	(void)state;
	sw_stoplist_free(NULL);
}

/* Every allocation in turn fails: SW_ENOMEM comes back, the list stays
 * usable and holds only whole words, and nothing leaks (under ASan). */
static void test_stopwords_oom(void **state)
{
	long n;
	int rc;

	(void)state;
	for (n = 1;; n++) {
		sw_stoplist *sl = NULL;
		size_t size;

		sw_test_alloc_fail_after(n);
		rc = sw_stoplist_new(&sl, NULL);
		if (rc == SW_ENOMEM) {
			sw_test_alloc_fail_after(0);
			assert_null(sl);
			continue;
		}
		assert_int_equal(rc, SW_OK);
		rc = sw_stoplist_add_builtin(sl, "de", NULL);
		sw_test_alloc_fail_after(0);
		size = sw_stoplist_size(sl);
		if (rc == SW_OK) {
			assert_true(size >= 400);
			sw_stoplist_free(sl);
			break;
		}
		assert_int_equal(rc, SW_ENOMEM);
		if (size > 0)
			assert_true(HAS(sl, "der"));
		/* Still usable after the failure. */
		assert_int_equal(sw_stoplist_add_builtin(sl, "de", NULL), SW_OK);
		assert_true(HAS(sl, "und"));
		sw_stoplist_free(sl);
	}
	assert_true(n > 2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_stopwords_builtin_function_words),
	cmocka_unit_test(test_stopwords_builtin_dass_and_eszett),
	cmocka_unit_test(test_stopwords_builtin_keeps_content_words),
	cmocka_unit_test(test_stopwords_builtin_size),
	cmocka_unit_test(test_stopwords_builtin_unknown_name),
	cmocka_unit_test(test_stopwords_builtin_matches_file),
	cmocka_unit_test(test_stopwords_policy_list),
	cmocka_unit_test(test_stopwords_comments_blank_lines_whitespace),
	cmocka_unit_test(test_stopwords_crlf_and_bom),
	cmocka_unit_test(test_stopwords_text_length_not_nul),
	cmocka_unit_test(test_stopwords_folding),
	cmocka_unit_test(test_stopwords_eszett_found_as_ss),
	cmocka_unit_test(test_stopwords_nfd_entry_stored_nfc),
	cmocka_unit_test(test_stopwords_duplicates_counted_once),
	cmocka_unit_test(test_stopwords_many_words),
	cmocka_unit_test(test_stopwords_load_file),
	cmocka_unit_test(test_stopwords_load_empty_file),
	cmocka_unit_test(test_stopwords_missing_file_eio),
	cmocka_unit_test(test_stopwords_invalid_utf8_eformat),
	cmocka_unit_test(test_stopwords_invalid_utf8_in_file),
	cmocka_unit_test(test_stopwords_contains_edge_cases),
	cmocka_unit_test(test_stopwords_free_null),
	cmocka_unit_test(test_stopwords_oom),
};

SW_TEST_MAIN(tests)
