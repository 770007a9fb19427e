/*
 * test_tokenize.c - tokenization rules (tests/spec/tokenize.txt) and the
 * tokenizer's API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/normalize.h"
#include "stichwort/tokenize.h"
#include "stichwort/buf.h"

/* Render tokens the way tokenize.txt writes them. */
static void render(sw_buf *b, const char *text, const sw_token *t, size_t n)
{
	static const struct { unsigned f; const char *name; } names[] = {
		{ SW_TOKEN_F_HYPHENATED, "hyphenated" }, { SW_TOKEN_F_GENDERED, "gendered" },
		{ SW_TOKEN_F_SENT_END, "sent_end" }, { SW_TOKEN_F_ORDINAL, "ordinal" },
		{ SW_TOKEN_F_SUSPENDED, "suspended" },
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		int first = 1;
		if (i)
			sw_buf_putc(b, '\n');
		sw_buf_printf(b, "%.*s\t%s\t%u", (int)t[i].len, text + t[i].start,
			      sw_token_type_name(t[i].type), t[i].sentence);
		for (k = 0; k < sizeof names / sizeof *names; k++)
			if (t[i].flags & names[k].f) {
				sw_buf_puts(b, first ? "\t" : ",");
				sw_buf_puts(b, names[k].name);
				first = 0;
			}
	}
}

static void tokenize_text(const char *in, size_t len, sw_buf *out)
{
	sw_normalizer *nz;
	sw_tokenizer *tk;
	const char *text;
	const sw_token *t;
	size_t tlen, n;

	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	assert_int_equal(sw_normalize(&text, &tlen, nz, in, len, NULL), SW_OK);
	assert_int_equal(sw_tokenize(&t, &n, tk, text, tlen, NULL), SW_OK);
	render(out, text, t, n);
	sw_tokenizer_free(tk);
	sw_normalizer_free(nz);
}

static void test_tokenize_spec(void **state)
{
	sw_spec_example *ex;
	int n, i, failed = 0;

	(void)state;
	n = sw_spec_load("tests/spec/tokenize.txt", &ex);
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		sw_buf out = SW_BUF_INIT;
		tokenize_text(ex[i].input, ex[i].input_len, &out);
		if (strcmp(out.ptr ? out.ptr : "", ex[i].expected) != 0) {
			fprintf(stderr, "tokenize.txt:%d: %s\n--- expected\n%s\n--- actual\n%s\n",
				ex[i].line, ex[i].title, ex[i].expected, out.ptr ? out.ptr : "");
			failed++;
		}
		sw_buf_free(&out);
	}
	sw_spec_free(ex, n);
	assert_int_equal(failed, 0);
}

static void test_tokenize_drop_punct(void **state)
{
	sw_tokenizer *tk;
	sw_tokenizer_options o = SW_TOKENIZER_OPTIONS_INIT;
	const sw_token *t;
	size_t n, i;
	const char *s = "Ja, nein. Vielleicht!";

	(void)state;
	o.drop_punct = 1;
	assert_int_equal(sw_tokenizer_new(&tk, &o, NULL), SW_OK);
	assert_int_equal(sw_tokenize(&t, &n, tk, s, strlen(s), NULL), SW_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(t[i].type, SW_TOKEN_WORD);
	/* sentences still count from the dropped marks */
	assert_int_equal(t[2].sentence, 1);
	sw_tokenizer_free(tk);
}

static void test_tokenize_abbrev_lookup(void **state)
{
	sw_tokenizer *tk;

	(void)state;
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	assert_true(sw_tokenizer_is_abbrev(tk, "z. B.", 5));
	assert_true(sw_tokenizer_is_abbrev(tk, "z.B.", 4));
	assert_true(sw_tokenizer_is_abbrev(tk, "Vgl.", 4));
	assert_true(sw_tokenizer_is_abbrev(tk, "bzw.", 4));
	assert_false(sw_tokenizer_is_abbrev(tk, "Haus.", 5));
	assert_false(sw_tokenizer_is_abbrev(tk, "", 0));
	sw_tokenizer_free(tk);
	sw_tokenizer_free(NULL);
}

static void test_tokenize_type_names(void **state)
{
	(void)state;
	assert_string_equal(sw_token_type_name(SW_TOKEN_WORD), "word");
	assert_string_equal(sw_token_type_name(SW_TOKEN_ABBREV), "abbrev");
	assert_string_equal(sw_token_type_name(SW_TOKEN_SYMBOL), "symbol");
	assert_string_equal(sw_token_type_name((sw_token_type)99), "unknown");
}

/* A word's end is found 16, 8 and 1 bytes at a time, by what is left of
 * the text: words of 1 to 40 letters and digits, ended by each of the
 * ASCII bytes next to the letter and digit ranges or by the end, with 0
 * to 20 bytes after them, are one token each; an umlaut continues one. */
static void test_tokenize_word_ends(void **state)
{
	static const char ends[] = " ,![{`/:@)";
	sw_tokenizer *tk;
	const sw_token *t;
	char s[128];
	size_t len, n, pad, e;

	(void)state;
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	for (len = 1; len <= 40; len++) {
		for (pad = 0; pad <= 20; pad++) {
			for (e = 0; e <= sizeof ends - 1; e++) {
				size_t k, m = len;
				for (k = 0; k < len; k++) /* z, a, 9, Z, 0, ...: the ranges' edges */
					s[k] = "za9Z0Am"[k % 7];
				if (e < sizeof ends - 1) {
					s[m++] = ends[e];
					for (k = 0; k < pad; k++)
						s[m++] = ' ';
				}
				assert_int_equal(sw_tokenize(&t, &n, tk, s, m, NULL), SW_OK);
				assert_true(n >= 1);
				assert_int_equal(t[0].start, 0);
				if (ends[e] == '@' && pad == 0 && e < sizeof ends - 1)
					continue; /* "za9@": not a word alone */
				assert_int_equal(t[0].len, len);
				assert_int_equal(t[0].type, SW_TOKEN_WORD);
			}
			/* "zaä9..." is one word */
			memcpy(s + len, "\xC3\xA4xy ", 5);
			memset(s + len + 5, 'q', pad);
			assert_int_equal(sw_tokenize(&t, &n, tk, s, len + 5 + pad, NULL), SW_OK);
			assert_int_equal(t[0].len, len + 4);
		}
	}
	sw_tokenizer_free(tk);
}

/* Pathological inputs finish: the scan is linear. */
static void test_tokenize_pathological(void **state)
{
	static const char *const units[] = { "z. B. ", "a.", "a-", "x@", "\xC2\xA7", ".(", "1.", "-" };
	sw_tokenizer *tk;
	size_t u, i, n, target = 1u << 20;
	const sw_token *t;

	(void)state;
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	for (u = 0; u < sizeof units / sizeof *units; u++) {
		size_t ul = strlen(units[u]);
		char *s = malloc(target + ul);
		size_t len = 0;
		while (len + ul <= target) {
			memcpy(s + len, units[u], ul);
			len += ul;
		}
		assert_int_equal(sw_tokenize(&t, &n, tk, s, len, NULL), SW_OK);
		assert_true(n > 0);
		for (i = 1; i < n; i++)
			assert_true(t[i].start >= t[i - 1].start + t[i - 1].len);
		free(s);
	}
	sw_tokenizer_free(tk);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenize_spec),
		cmocka_unit_test(test_tokenize_drop_punct),
		cmocka_unit_test(test_tokenize_abbrev_lookup),
		cmocka_unit_test(test_tokenize_type_names),
		cmocka_unit_test(test_tokenize_pathological),
		cmocka_unit_test(test_tokenize_word_ends),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
