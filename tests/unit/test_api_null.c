/*
 * tests/unit/test_api_null.c - every public constructor and loader given
 * NULL for each pointer it needs: SW_EINVAL with "FUNCTION: ARGUMENT is
 * NULL" in the sw_error, *out untouched, no crash (the rule in
 * stichwort/error.h; issue 23: sw_keyness_new and sw_keywords_new
 * crashed where sw_phrases_new returned an error).  With err NULL the
 * status is the same.
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"

/* The status was SW_EINVAL and the message names fn and arg. */
static void check(int rc, sw_error *err, const char *fn, const char *arg)
{
	char want[128];

	assert_int_equal(rc, SW_EINVAL);
	assert_int_equal(err->code, SW_EINVAL);
	snprintf(want, sizeof want, "%s: %s is NULL", fn, arg);
	assert_string_equal(err->message, want);
	memset(err, 0, sizeof *err);
}

#define SENTINEL ((void *)&sentinel_obj)
static int sentinel_obj;

/* A sink that is never called (the writer is refused before). */
static int no_sink(const char *data, size_t len, void *payload)
{
	(void)payload;
	(void)data;
	(void)len;
	fail();
	return 0;
}

static void test_api_null_constructors(void **state)
{
	sw_test_pipe p;
	sw_error err;
	static const uint8_t side[] = { 1, 2 };
	static const sw_field fields[] = { { "a", SW_FIELD_STRING } };
	sw_analyzer *an = SENTINEL;
	sw_corpus *co = SENTINEL;
	sw_counts *c = SENTINEL;
	sw_units *u = SENTINEL;
	sw_reflist *rl = SENTINEL;
	sw_keyness *k = SENTINEL;
	sw_keywords *kw = SENTINEL;
	sw_lemmatizer *lm = SENTINEL;
	sw_normalizer *nz = SENTINEL;
	sw_phrases *ph = SENTINEL;
	sw_stemmer *st = SENTINEL;
	sw_stoplist *sl = SENTINEL;
	sw_lexicon *lx = SENTINEL;
	sw_themes *th = SENTINEL;
	sw_matcher *m = SENTINEL;
	sw_theme_counts *tc = SENTINEL;
	sw_tokenizer *tk = SENTINEL;
	sw_trends *tr = SENTINEL;
	sw_vocab *v = SENTINEL;
	sw_writer *w = SENTINEL;
	sw_keyness_item item = { "a", 1, "a", 1, 1 };
	uint32_t dc[2] = { 1, 0 };

	(void)state;
	memset(&err, 0, sizeof err);
	sw_test_pipe_open(&p, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&p, "a", NULL, "X", "Die Verwaltung und die Cloud.");
	sw_test_pipe_add(&p, "b", NULL, "Y", "Die Cloud und die Daten.");
	sw_test_pipe_finish(&p);

	check(sw_analyzer_new(NULL, p.lx, NULL, &err), &err, "sw_analyzer_new", "out");
	check(sw_analyzer_new(&an, NULL, NULL, &err), &err, "sw_analyzer_new", "lx");
	check(sw_corpus_new(NULL, NULL, &err), &err, "sw_corpus_new", "out");
	check(sw_counts_new(NULL, p.lx, &err), &err, "sw_counts_new", "out");
	check(sw_counts_new(&c, NULL, &err), &err, "sw_counts_new", "lx");
	check(sw_units_new(NULL, p.c, "group", &err), &err, "sw_units_new", "out");
	check(sw_units_new(&u, NULL, "group", &err), &err, "sw_units_new", "c");
	check(sw_counts_aggregate_dp(NULL, 0, &err), &err, "sw_counts_aggregate_dp", "c");
	{
		sw_units *un = NULL;
		sw_term_id key = 0;
		double x;
		assert_int_equal(sw_units_new(&un, p.c, "group", NULL), SW_OK);
		check(sw_units_dp(&x, NULL, 0, 0, &key, 1, &err), &err, "sw_units_dp", "u");
		check(sw_units_dp(&x, un, 0, 0, NULL, 1, &err), &err, "sw_units_dp", "keys");
		check(sw_units_dp(NULL, un, 0, 0, &key, 1, &err), &err, "sw_units_dp", "out");
		sw_units_free(un);
	}
	check(sw_reflist_parse(NULL, "a\t1\n", 4, "l", p.lx, NULL, &err), &err, "sw_reflist_parse",
	      "out");
	check(sw_reflist_parse(&rl, "a\t1\n", 4, "l", NULL, NULL, &err), &err, "sw_reflist_parse",
	      "lx");
	check(sw_reflist_parse(&rl, NULL, 4, "l", p.lx, NULL, &err), &err, "sw_reflist_parse",
	      "data");
	check(sw_reflist_load(NULL, "l", p.lx, NULL, &err), &err, "sw_reflist_load", "out");
	check(sw_reflist_load(&rl, NULL, p.lx, NULL, &err), &err, "sw_reflist_load", "path");
	check(sw_reflist_load(&rl, "l", NULL, NULL, &err), &err, "sw_reflist_load", "lx");
	check(sw_keyness_new(NULL, p.c, side, NULL, &err), &err, "sw_keyness_new", "out");
	check(sw_keyness_new(&k, NULL, side, NULL, &err), &err, "sw_keyness_new", "c");
	check(sw_keyness_new(&k, p.c, NULL, NULL, &err), &err, "sw_keyness_new", "side");
	check(sw_keyness_new_items(NULL, p.c, side, &item, 1, dc, NULL, &err), &err,
	      "sw_keyness_new_items", "out");
	check(sw_keyness_new_items(&k, NULL, side, &item, 1, dc, NULL, &err), &err,
	      "sw_keyness_new_items", "c");
	check(sw_keyness_new_items(&k, p.c, NULL, &item, 1, dc, NULL, &err), &err,
	      "sw_keyness_new_items", "side");
	check(sw_keyness_new_items(&k, p.c, side, NULL, 1, dc, NULL, &err), &err,
	      "sw_keyness_new_items", "items");
	check(sw_keyness_new_items(&k, p.c, side, &item, 1, NULL, NULL, &err), &err,
	      "sw_keyness_new_items", "doc_counts");
	check(sw_keywords_new(NULL, p.c, NULL, &err), &err, "sw_keywords_new", "out");
	check(sw_keywords_new(&kw, NULL, NULL, &err), &err, "sw_keywords_new", "c");
	check(sw_lemmatizer_new(NULL, NULL, &err), &err, "sw_lemmatizer_new", "out");
	check(sw_normalizer_new(NULL, NULL, &err), &err, "sw_normalizer_new", "out");
	check(sw_phrases_new(NULL, p.c, NULL, &err), &err, "sw_phrases_new", "out");
	check(sw_phrases_new(&ph, NULL, NULL, &err), &err, "sw_phrases_new", "c");
	check(sw_pipeline_load(NULL, (sw_corpus *)SENTINEL, p.lx, NULL, &err), &err,
	      "sw_pipeline_load", "out");
	check(sw_pipeline_load(&c, NULL, p.lx, NULL, &err), &err, "sw_pipeline_load", "corpus");
	check(sw_pipeline_load(&c, (sw_corpus *)SENTINEL, NULL, NULL, &err), &err,
	      "sw_pipeline_load", "lx");
	check(sw_stemmer_new(NULL, SW_STEMMER_SNOWBALL, &err), &err, "sw_stemmer_new", "out");
	check(sw_stoplist_new(NULL, &err), &err, "sw_stoplist_new", "out");
	check(sw_lexicon_new(NULL, NULL, &err), &err, "sw_lexicon_new", "out");
	check(sw_themes_parse(NULL, "{}", 2, "t", &err), &err, "sw_themes_parse", "out");
	check(sw_themes_parse(&th, NULL, 2, "t", &err), &err, "sw_themes_parse", "json");
	check(sw_themes_load(NULL, "t", &err), &err, "sw_themes_load", "out");
	check(sw_themes_load(&th, NULL, &err), &err, "sw_themes_load", "path");
	check(sw_themes_from_terms(NULL, NULL, 0, &err), &err, "sw_themes_from_terms", "out");
	check(sw_themes_from_terms(&th, NULL, 2, &err), &err, "sw_themes_from_terms", "terms");
	check(sw_matcher_new(NULL, (sw_themes *)SENTINEL, p.lx, &err), &err, "sw_matcher_new",
	      "out");
	check(sw_matcher_new(&m, NULL, p.lx, &err), &err, "sw_matcher_new", "t");
	check(sw_matcher_new(&m, (sw_themes *)SENTINEL, NULL, &err), &err, "sw_matcher_new", "lx");
	check(sw_theme_counts_new(NULL, (sw_matcher *)SENTINEL, p.c, &err), &err,
	      "sw_theme_counts_new", "out");
	check(sw_theme_counts_new(&tc, NULL, p.c, &err), &err, "sw_theme_counts_new", "m");
	check(sw_theme_counts_new(&tc, (sw_matcher *)SENTINEL, NULL, &err), &err,
	      "sw_theme_counts_new", "c");
	check(sw_tokenizer_new(NULL, NULL, &err), &err, "sw_tokenizer_new", "out");
	check(sw_trends_new(NULL, p.c, "year", &err), &err, "sw_trends_new", "out");
	check(sw_trends_new(&tr, NULL, "year", &err), &err, "sw_trends_new", "c");
	check(sw_vocab_new(NULL, &err), &err, "sw_vocab_new", "out");
	check(sw_writer_new(NULL, SW_FORMAT_JSON, fields, 1, no_sink, NULL, &err), &err,
	      "sw_writer_new", "out");
	check(sw_writer_new(&w, SW_FORMAT_JSON, fields, 1, NULL, NULL, &err), &err, "sw_writer_new",
	      "sink");
	check(sw_writer_new(&w, SW_FORMAT_JSON, NULL, 1, no_sink, NULL, &err), &err,
	      "sw_writer_new", "fields");

	/* err may be NULL too: the same status */
	assert_int_equal(sw_keyness_new(&k, NULL, side, NULL, NULL), SW_EINVAL);
	assert_int_equal(sw_keywords_new(&kw, NULL, NULL, NULL), SW_EINVAL);
	assert_int_equal(sw_phrases_new(NULL, NULL, NULL, NULL), SW_EINVAL);

	/* no *out was written */
	assert_ptr_equal(an, SENTINEL);
	assert_ptr_equal(co, SENTINEL);
	assert_ptr_equal(c, SENTINEL);
	assert_ptr_equal(u, SENTINEL);
	assert_ptr_equal(rl, SENTINEL);
	assert_ptr_equal(k, SENTINEL);
	assert_ptr_equal(kw, SENTINEL);
	assert_ptr_equal(lm, SENTINEL);
	assert_ptr_equal(nz, SENTINEL);
	assert_ptr_equal(ph, SENTINEL);
	assert_ptr_equal(st, SENTINEL);
	assert_ptr_equal(sl, SENTINEL);
	assert_ptr_equal(lx, SENTINEL);
	assert_ptr_equal(th, SENTINEL);
	assert_ptr_equal(m, SENTINEL);
	assert_ptr_equal(tc, SENTINEL);
	assert_ptr_equal(tk, SENTINEL);
	assert_ptr_equal(tr, SENTINEL);
	assert_ptr_equal(v, SENTINEL);
	assert_ptr_equal(w, SENTINEL);

	/* the free functions take NULL */
	sw_analyzer_free(NULL);
	sw_corpus_free(NULL);
	sw_counts_free(NULL);
	sw_units_free(NULL);
	sw_reflist_free(NULL);
	sw_keyness_free(NULL);
	sw_keywords_free(NULL);
	sw_lemmatizer_free(NULL);
	sw_normalizer_free(NULL);
	sw_phrases_free(NULL);
	sw_stemmer_free(NULL);
	sw_stoplist_free(NULL);
	sw_lexicon_free(NULL);
	sw_themes_free(NULL);
	sw_matcher_free(NULL);
	sw_theme_counts_free(NULL);
	sw_tokenizer_free(NULL);
	sw_trends_free(NULL);
	sw_vocab_free(NULL);
	sw_writer_free(NULL);
	sw_test_pipe_close(&p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_api_null_constructors),
};

SW_TEST_MAIN(tests)
