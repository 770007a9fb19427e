/*
 * tests/unit/test_analyze.c - the analyzer (include/stichwort/analyze.h):
 * tokens with their original offsets, surfaces and terms, for text with
 * the characters that normalization changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/analyze.h"
#include "stichwort/stopwords.h"

/* Soft hyphen, NFD umlaut, ligature, typographic quotes and line-break
 * hyphenation in one sentence. */
static const char text[] =
	"Die \xE2\x80\x9E" "Digitali-\nsierung\xE2\x80\x9C der Verwal\xC2\xADtung f\xC3\xBCr "
	"Mu\xCC\x88ller und \xEF\xAC\x81nanzen.";

struct expect {
	const char *orig;    /* original bytes of the token (found in text) */
	const char *surface; /* sw_analyzer_surface() */
	const char *norm;
	sw_token_type type;
};

static const struct expect expected[] = {
	{ "Die", "Die", "die", SW_TOKEN_WORD },
	{ "\xE2\x80\x9E", "\xE2\x80\x9E", "\"", SW_TOKEN_PUNCT },
	{ "Digitali-\nsierung", "Digitalisierung", "digitalisierung", SW_TOKEN_WORD },
	{ "\xE2\x80\x9C", "\xE2\x80\x9C", "\"", SW_TOKEN_PUNCT },
	{ "der", "der", "der", SW_TOKEN_WORD },
	{ "Verwal\xC2\xADtung", "Verwaltung", "verwaltung", SW_TOKEN_WORD },
	{ "f\xC3\xBCr", "f\xC3\xBCr", "f\xC3\xBCr", SW_TOKEN_WORD },
	{ "Mu\xCC\x88ller", "Mu\xCC\x88ller", "m\xC3\xBCller", SW_TOKEN_WORD },
	{ "und", "und", "und", SW_TOKEN_WORD },
	{ "\xEF\xAC\x81nanzen", "\xEF\xAC\x81nanzen", "finanzen", SW_TOKEN_WORD },
	{ ".", ".", ".", SW_TOKEN_PUNCT },
};
#define NEXP (sizeof expected / sizeof expected[0])

struct fx {
	sw_stoplist *sl;
	sw_lexicon *lx;
	sw_analyzer *an;
};

static void fx_open(struct fx *f, const sw_analyzer_options *ao)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;

	memset(f, 0, sizeof *f);
	assert_int_equal(sw_stoplist_new(&f->sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(f->sl, "de", NULL), SW_OK);
	lo.stopwords = f->sl;
	assert_int_equal(sw_lexicon_new(&f->lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_analyzer_new(&f->an, f->lx, ao, NULL), SW_OK);
	assert_ptr_equal(sw_analyzer_lexicon(f->an), f->lx);
}

static void fx_close(struct fx *f)
{
	sw_analyzer_free(f->an);
	sw_lexicon_free(f->lx);
	sw_stoplist_free(f->sl);
}

static void test_analyze_offsets_and_surfaces(void **state)
{
	struct fx f;
	const sw_atoken *t;
	size_t n, i, from = 0;
	const char *ntext;
	size_t nlen;

	(void)state;
	fx_open(&f, NULL);
	assert_int_equal(sw_analyze(&t, &n, f.an, text, sizeof text - 1, NULL), SW_OK);
	if (n != NEXP)
		fail_msg("%zu tokens, expected %zu", n, NEXP);
	ntext = sw_analyzer_text(f.an, &nlen);
	assert_non_null(ntext);
	assert_int_equal(ntext[nlen], '\0');
	for (i = 0; i < n; i++) {
		const struct expect *e = &expected[i];
		const char *at = strstr(text + from, e->orig);
		size_t start, end, len, nl;
		const char *s, *norm;

		assert_non_null(at);
		start = (size_t)(at - text);
		end = start + strlen(e->orig);
		if (t[i].orig_start != start || t[i].orig_end != end)
			fail_msg("token %zu (%s): orig [%zu, %zu), expected [%zu, %zu)", i, e->surface,
				 t[i].orig_start, t[i].orig_end, start, end);
		assert_int_equal(sw_analyzer_surface(&s, &len, f.an, &t[i]), SW_OK);
		if (len != strlen(e->surface) || memcmp(s, e->surface, len) != 0)
			fail_msg("token %zu: surface \"%.*s\", expected \"%s\"", i, (int)len, s,
				 e->surface);
		norm = sw_vocab_bytes(sw_lexicon_norms(f.lx), t[i].term.norm, &nl);
		if (nl != strlen(e->norm) || memcmp(norm, e->norm, nl) != 0)
			fail_msg("token %zu: norm \"%.*s\", expected \"%s\"", i, (int)nl, norm, e->norm);
		assert_int_equal(t[i].tok.type, e->type);
		assert_int_equal(t[i].tok.sentence, 0);
		/* The token's span lies in the normalized text. */
		assert_true(t[i].tok.start + t[i].tok.len <= nlen);
		from = end;
	}
	/* The normalized text has the joined and cleaned-up forms. */
	assert_non_null(strstr(ntext, "\"Digitalisierung\" der Verwaltung f\xC3\xBCr M\xC3\xBCller und finanzen."));
	/* Stopword flags come through the lexicon. */
	assert_int_equal(t[0].term.stop, 1);
	assert_int_equal(t[2].term.stop, 0);
	fx_close(&f);
}

static void test_analyze_keep_hyphenation(void **state)
{
	sw_analyzer_options ao = SW_ANALYZER_OPTIONS_INIT;
	struct fx f;
	const sw_atoken *t;
	size_t n, len;
	const char *s;
	const char *in = "Digitali-\nsierung";

	(void)state;
	ao.normalize.keep_hyphenation = 1;
	fx_open(&f, &ao);
	assert_int_equal(sw_analyze(&t, &n, f.an, in, strlen(in), NULL), SW_OK);
	assert_true(n >= 2);
	assert_int_equal(sw_analyzer_surface(&s, &len, f.an, &t[0]), SW_OK);
	assert_int_equal(len, 8);
	assert_memory_equal(s, "Digitali", 8);
	assert_int_equal(t[0].orig_start, 0);
	assert_int_equal(t[0].orig_end, 8);
	assert_int_equal(t[n - 1].orig_end, strlen(in));
	fx_close(&f);
}

static void test_analyze_drop_punct(void **state)
{
	sw_analyzer_options ao = SW_ANALYZER_OPTIONS_INIT;
	struct fx f;
	const sw_atoken *t;
	size_t n, i;

	(void)state;
	ao.tokenize.drop_punct = 1;
	fx_open(&f, &ao);
	assert_int_equal(sw_analyze(&t, &n, f.an, text, sizeof text - 1, NULL), SW_OK);
	assert_int_equal(n, NEXP - 3);
	for (i = 0; i < n; i++)
		assert_int_not_equal(t[i].tok.type, SW_TOKEN_PUNCT);
	fx_close(&f);
}

/* Offsets count bytes of the original: a token after multi-byte
 * characters that normalization shortened still points at its bytes. */
static void test_analyze_offsets_after_removed_chars(void **state)
{
	struct fx f;
	const sw_atoken *t;
	size_t n;
	/* BOM inside text, zero-width space, soft hyphen, no-break space. */
	const char *in = "A\xEF\xBB\xBF" "B\xE2\x80\x8B" "C Da\xC2\xADten\xC2\xA0" "87\xC2\xA0%";
	const char *s;
	size_t len;

	(void)state;
	fx_open(&f, NULL);
	assert_int_equal(sw_analyze(&t, &n, f.an, in, strlen(in), NULL), SW_OK);
	assert_int_equal(n, 3);
	/* "ABC" */
	assert_int_equal(t[0].orig_start, 0);
	assert_int_equal(t[0].orig_end, 9);
	assert_int_equal(sw_analyzer_surface(&s, &len, f.an, &t[0]), SW_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "ABC", 3);
	/* "Daten" */
	assert_int_equal(t[1].orig_start, 10);
	assert_int_equal(t[1].orig_end, 17);
	/* "87 %" with its no-break space as written */
	assert_int_equal(t[2].tok.type, SW_TOKEN_NUMBER);
	assert_int_equal(t[2].orig_start, 19);
	assert_int_equal(t[2].orig_end, strlen(in));
	assert_int_equal(sw_analyzer_surface(&s, &len, f.an, &t[2]), SW_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(s, "87\xC2\xA0%", 5);
	fx_close(&f);
}

static void test_analyze_reuse_and_empty(void **state)
{
	struct fx f;
	const sw_atoken *t;
	size_t n = 99, forms;

	(void)state;
	fx_open(&f, NULL);
	assert_int_equal(sw_analyze(&t, &n, f.an, text, sizeof text - 1, NULL), SW_OK);
	forms = sw_lexicon_forms(f.lx);
	/* The same text again: the same terms, no new forms. */
	assert_int_equal(sw_analyze(&t, &n, f.an, text, sizeof text - 1, NULL), SW_OK);
	assert_int_equal(n, NEXP);
	assert_int_equal(sw_lexicon_forms(f.lx), forms);
	assert_int_equal(sw_analyze(&t, &n, f.an, "", 0, NULL), SW_OK);
	assert_int_equal(n, 0);
	fx_close(&f);
	/* an empty text first, before any buffer was grown */
	fx_open(&f, NULL);
	n = 99;
	assert_int_equal(sw_analyze(&t, &n, f.an, "", 0, NULL), SW_OK);
	assert_int_equal(n, 0);
	fx_close(&f);
}

static void test_analyze_free_null(void **state)
{
	(void)state;
	sw_analyzer_free(NULL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_analyze_offsets_and_surfaces),
	cmocka_unit_test(test_analyze_keep_hyphenation),
	cmocka_unit_test(test_analyze_drop_punct),
	cmocka_unit_test(test_analyze_offsets_after_removed_chars),
	cmocka_unit_test(test_analyze_reuse_and_empty),
	cmocka_unit_test(test_analyze_free_null),
};

SW_TEST_MAIN(tests)
