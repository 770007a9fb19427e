/*
 * tests/fuzz/fuzz_tokenize.c - sw_tokenize() on normalized arbitrary
 * bytes (the tokenizer's contract), and on the raw input when that is
 * valid UTF-8 (robustness of the public function).
 *
 * The first byte picks the options (bit 0: keep_hyphenation for the
 * normalizer, bit 1: no_compat, bit 2: drop_punct, bit 3: also tokenize
 * the raw input); the rest is the text.  Invariants (tokenize.h):
 *   - tokens are non-empty, within the text, in order and do not overlap;
 *   - a token neither starts nor ends with white space;
 *   - types are valid, sentence indices non-decreasing;
 *   - with drop_punct, no punct token.
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/normalize.h"
#include "stichwort/tokenize.h"
#include "fuzz_check.h"

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void check_tokens(const sw_token *t, size_t n, const char *text, size_t len, int drop_punct)
{
	size_t i, end = 0;
	uint32_t sent = 0;

	for (i = 0; i < n; i++) {
		FUZZ_CHECK(t[i].len > 0);
		FUZZ_CHECK(t[i].start <= len && t[i].len <= len - t[i].start);
		FUZZ_CHECK(t[i].start >= end);
		FUZZ_CHECK((unsigned)t[i].type < SW_TOKEN_NTYPES);
		FUZZ_CHECK(t[i].sentence >= sent);
		FUZZ_CHECK(!is_space(text[t[i].start]));
		FUZZ_CHECK(!is_space(text[t[i].start + t[i].len - 1]));
		if (drop_punct)
			FUZZ_CHECK(t[i].type != SW_TOKEN_PUNCT);
		end = t[i].start + t[i].len;
		sent = t[i].sentence;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_normalize_options no = SW_NORMALIZE_OPTIONS_INIT;
	sw_tokenizer_options to = SW_TOKENIZER_OPTIONS_INIT;
	sw_normalizer *nz = NULL;
	sw_tokenizer *tk = NULL;
	const sw_token *t;
	const char *in, *text;
	size_t inlen, len, n;

	if (size < 1)
		return 0;
	no.keep_hyphenation = data[0] & 1;
	no.no_compat = (data[0] >> 1) & 1;
	to.drop_punct = (data[0] >> 2) & 1;
	in = (const char *)data + 1;
	inlen = size - 1;

	if (sw_normalizer_new(&nz, &no, NULL) != SW_OK)
		return 0;
	if (sw_tokenizer_new(&tk, &to, NULL) != SW_OK) {
		sw_normalizer_free(nz);
		return 0;
	}
	if (sw_normalize(&text, &len, nz, in, inlen, NULL) == SW_OK &&
	    sw_tokenize(&t, &n, tk, text, len, NULL) == SW_OK)
		check_tokens(t, n, text, len, to.drop_punct);

	if (((data[0] >> 3) & 1) && fuzz_valid_utf8((const unsigned char *)in, inlen) &&
	    !memchr(in, '\0', inlen)) {
		/* Tokenize the raw bytes from a NUL-terminated copy of exactly
		 * inlen + 1 bytes. */
		char *copy = malloc(inlen + 1);
		if (copy) {
			memcpy(copy, in, inlen);
			copy[inlen] = '\0';
			if (sw_tokenize(&t, &n, tk, copy, inlen, NULL) == SW_OK)
				check_tokens(t, n, copy, inlen, to.drop_punct);
			free(copy);
		}
	}

	sw_tokenizer_free(tk);
	sw_normalizer_free(nz);
	return 0;
}
