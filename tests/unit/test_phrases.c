/*
 * tests/unit/test_phrases.c - multiword terms (include/stichwort/phrases.h):
 * candidates, keys, display forms and variants, the linking-word rule,
 * C-value and log-likelihood against hand-computed values, and a check
 * on the shared Bundestag corpus (skipped when ../shared is absent).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"

struct fx {
	sw_corpus *corpus;
	sw_test_pipe pipe;
	sw_counts *c; /* pipe.c */
	sw_phrases *p;
};

/* Read every document of f->corpus into counts (with the default
 * stopword lists, as the command line) and find the phrases. */
static void fx_run(struct fx *f, const sw_phrase_options *po)
{
	sw_error err;

	memset(&err, 0, sizeof err);
	sw_test_pipe_open(&f->pipe, SW_STEMMER_SNOWBALL, 1);
	sw_test_pipe_add_corpus(&f->pipe, f->corpus);
	sw_test_pipe_finish(&f->pipe);
	f->c = f->pipe.c;
	assert_int_equal(sw_phrases_new(&f->p, f->c, po, &err), SW_OK);
}

/* Phrases of one in-memory document. */
static void fx_text(struct fx *f, const char *text, size_t min_count, size_t max_len)
{
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;

	memset(f, 0, sizeof *f);
	po.min_count = min_count;
	po.max_len = max_len;
	assert_int_equal(sw_corpus_new(&f->corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_text(f->corpus, "t", text, strlen(text), NULL, NULL, NULL,
					    NULL),
			 SW_OK);
	fx_run(f, &po);
}

static void fx_close(struct fx *f)
{
	sw_phrases_free(f->p);
	sw_test_pipe_close(&f->pipe);
	sw_corpus_free(f->corpus);
}

static const sw_phrase *find(const struct fx *f, const char *key)
{
	return sw_phrases_find(f->p, key, strlen(key));
}

static void assert_text(const char *s, size_t len, const char *want)
{
	if (len != strlen(want) || memcmp(s, want, len) != 0)
		fail_msg("got \"%.*s\", want \"%s\"", (int)len, s, want);
}

/* Inflected adjectives share the key; the display form is the most
 * frequent variant; variants are listed most frequent first, ties by text. */
static void test_phrases_inflection_merges(void **state)
{
	struct fx f;
	const sw_phrase *p;

	(void)state;
	fx_text(&f, "Wir stärken die digitale Souveränität. Ohne digitaler Souveränität geht "
		    "es nicht. Mehr digitalen Souveränität. Die digitale Souveränität zählt.",
		2, 0);
	p = find(&f, "digital souveranitat");
	assert_non_null(p);
	assert_int_equal(p->count, 4);
	assert_int_equal(p->docs, 1);
	assert_int_equal(p->n, 2);
	assert_text(p->display, p->display_len, "digitale Souveränität");
	assert_int_equal(p->nvariants, 3);
	assert_text(p->variants[0].text, p->variants[0].len, "digitale Souveränität");
	assert_int_equal(p->variants[0].count, 2);
	assert_text(p->variants[1].text, p->variants[1].len, "digitalen Souveränität");
	assert_text(p->variants[2].text, p->variants[2].len, "digitaler Souveränität");
	assert_int_equal(p->variants[2].count, 1);
	/* occurrences ascending, two tokens each */
	assert_true(p->occ[0] < p->occ[1] && p->occ[1] < p->occ[2] && p->occ[2] < p->occ[3]);
	assert_int_equal(p->occ_len[0], 2);
	fx_close(&f);
}

/* Variants that differ only after their first word stay apart, with
 * their own counts and first occurrences (the display form is the most
 * frequent, then the one seen first). */
static void test_phrases_variants_differ_late(void **state)
{
	struct fx f;
	const sw_phrase *p;

	(void)state;
	fx_text(&f, "Die digitale Verwaltungen kommen. Eine digitale Verwaltung hilft. "
		    "Die digitale Verwaltungen wachsen. Jede digitale Verwaltung lernt. "
		    "Mehr digitale Verwaltung bitte. Alte digitale Verwaltungs zählt. "
		    "Wir trauen offenen Daten. Gute offene Daten helfen. Viele offene Daten "
		    "fehlen. Mit offenen Daten geht es.",
		2, 0);
	p = find(&f, "digital verwalt");
	assert_non_null(p);
	assert_int_equal(p->count, 6);
	assert_int_equal(p->nvariants, 3);
	assert_text(p->display, p->display_len, "digitale Verwaltung");
	assert_text(p->variants[0].text, p->variants[0].len, "digitale Verwaltung");
	assert_int_equal(p->variants[0].count, 3);
	assert_text(p->variants[1].text, p->variants[1].len, "digitale Verwaltungen");
	assert_int_equal(p->variants[1].count, 2);
	assert_text(p->variants[2].text, p->variants[2].len, "digitale Verwaltungs");
	assert_int_equal(p->variants[2].count, 1);
	/* a tie: the variant seen first is shown (not the one whose last
	 * occurrence comes first) */
	p = find(&f, "off dat");
	assert_non_null(p);
	assert_int_equal(p->nvariants, 2);
	assert_int_equal(p->variants[0].count, 2);
	assert_int_equal(p->variants[1].count, 2);
	assert_text(p->display, p->display_len, "offenen Daten");
	fx_close(&f);
}

/* "Open-Source" (one token, two parts) is the phrase "Open Source", and
 * so are the leading parts of "Open-Source-Strategie"; the compound is
 * never split into phrases that start inside it. */
static void test_phrases_open_source_hyphen(void **state)
{
	struct fx f;
	const sw_phrase *p;

	(void)state;
	fx_text(&f, "Wir fördern Open Source. Open-Source ist gut. Die Open-Source-Strategie "
		    "kommt.",
		1, 0);
	p = find(&f, "open sourc");
	assert_non_null(p);
	assert_int_equal(p->count, 3);
	assert_int_equal(p->n, 2);
	/* "Open Source" once; "Open-Source" alone and cut from the compound */
	assert_int_equal(p->nvariants, 2);
	assert_text(p->display, p->display_len, "Open-Source");
	assert_text(p->variants[0].text, p->variants[0].len, "Open-Source");
	assert_int_equal(p->variants[0].count, 2);
	assert_int_equal(p->occ_len[0], 2);
	assert_int_equal(p->occ_len[1], 1);
	assert_int_equal(p->occ_len[2], 1);
	p = find(&f, "open sourc strategi");
	assert_non_null(p);
	assert_int_equal(p->n, 3);
	assert_int_equal(p->occ_len[0], 1);
	assert_text(p->display, p->display_len, "Open-Source-Strategie");
	/* no split: "Source-Strategie" is not a phrase */
	assert_null(find(&f, "sourc strategi"));
	fx_close(&f);
}

/* Punctuation, numbers, abbreviations and sentence ends break candidates. */
static void test_phrases_no_crossing(void **state)
{
	struct fx f;
	const sw_phrase *p;

	(void)state;
	fx_text(&f, "Offene Daten. Portale helfen. Offene Daten, Portale helfen. Offene Daten "
		    "2024 Portale, z. B. Netze.",
		1, 0);
	p = find(&f, "off dat");
	assert_non_null(p);
	assert_int_equal(p->count, 3);
	assert_null(find(&f, "dat portal"));
	assert_null(find(&f, "off dat portal"));
	assert_non_null(find(&f, "portal helf"));
	assert_null(find(&f, "portal netz"));
	fx_close(&f);
}

/* No stopword at either end; inside only linking words (docs/phrases.md). */
static void test_phrases_stopword_rules(void **state)
{
	struct fx f;

	(void)state;
	fx_text(&f, "Die Daten der Verwaltung. Daten sind Gold. Daten und Netze. Bundesamt "
		    "für Sicherheit in der Informationstechnik.",
		1, 0);
	assert_non_null(find(&f, "dat der verwalt"));
	assert_null(find(&f, "die dat"));
	assert_null(find(&f, "dat der"));
	assert_null(find(&f, "dat sind gold"));  /* "sind" links nothing */
	assert_null(find(&f, "dat und netz"));   /* coordination: two terms */
	assert_non_null(find(&f, "bundesamt fur sich"));
	assert_non_null(find(&f, "sich in der informationstechn"));
	/* the full name has six words: not with max_len 4 ... */
	assert_null(find(&f, "bundesamt fur sich in der informationstechn"));
	fx_close(&f);
	/* ... but with max_len 6 */
	fx_text(&f, "Bundesamt für Sicherheit in der Informationstechnik.", 1, 6);
	assert_non_null(find(&f, "bundesamt fur sich in der informationstechn"));
	assert_int_equal(find(&f, "bundesamt fur sich in der informationstechn")->n, 6);
	fx_close(&f);
}

/*
 * Hand calculation on six sentences:
 *   S1-S3 "Open Data Portal."  S4 "Open Data."  S5 "Data Portal."
 *   S6 "Open Data hilft."
 * Candidates (count): open data 5 (S1-4, S6), data portal 4 (S1-3, S5),
 * open data portal 3; data hilft 1 and open data hilft 1 fall under
 * min_count 2 and do not count for nestedness.
 *
 * C-value:
 *   open data portal: not nested          log2 3 * 3       = 4.754887502
 *   open data:        T = {odp}           log2 2 * (5 - 3) = 2
 *   data portal:      T = {odp}           log2 2 * (4 - 3) = 1
 *
 * G2 (first word | rest, windows of n parts in a sentence):
 *   n = 2: N = 2+2+2+1+1+2 = 10 windows.
 *   open data:   O11 = 5, R1 (2-windows from "open") = 5,
 *                C1 ("data" second) = 5 -> O = 5 0 0 5, E = 2.5 each,
 *                G2 = 2 (5 ln 2 + 5 ln 2) = 20 ln 2 = 13.86294361
 *   data portal: O11 = 4, R1 ("data" first: S1-3, S5, S6) = 5,
 *                C1 ("portal" second) = 4 -> O = 4 1 0 5,
 *                E = 2 3 2 3, G2 = 2 (4 ln 2 + ln 1/3 + 5 ln 5/3)
 *                = 8.456209105
 *   n = 3: N = 4 (S1-3, S6); open data portal: O11 = 3, R1 = 4, C1 = 3
 *                -> O = 3 1 0 0 = E, G2 = 0.
 */
static void test_phrases_scores_by_hand(void **state)
{
	struct fx f;
	const sw_phrase *odp, *od, *dp;

	(void)state;
	fx_text(&f, "Open Data Portal. Open Data Portal. Open Data Portal. Open Data. "
		    "Data Portal. Open Data hilft.",
		2, 0);
	assert_int_equal(sw_phrases_count(f.p), 3);
	odp = find(&f, "open data portal");
	od = find(&f, "open data");
	dp = find(&f, "data portal");
	assert_non_null(odp);
	assert_non_null(od);
	assert_non_null(dp);
	assert_null(find(&f, "data hilft"));
	assert_int_equal(od->count, 5);
	assert_int_equal(dp->count, 4);
	assert_int_equal(odp->count, 3);
	assert_float_equal(odp->cvalue, 3.0 * log2(3.0), 1e-9);
	assert_float_equal(od->cvalue, 2.0, 1e-9);
	assert_float_equal(dp->cvalue, 1.0, 1e-9);
	assert_float_equal(od->ll, 20.0 * log(2.0), 1e-9);
	assert_float_equal(dp->ll, 2.0 * (4 * log(2.0) + log(1.0 / 3) + 5 * log(5.0 / 3)), 1e-9);
	assert_float_equal(odp->ll, 0.0, 1e-9);
	/* default measure C-value: rank order odp, od, dp */
	assert_ptr_equal(sw_phrases_get(f.p, 0), odp);
	assert_ptr_equal(sw_phrases_get(f.p, 1), od);
	assert_ptr_equal(sw_phrases_get(f.p, 2), dp);
	assert_null(sw_phrases_get(f.p, 3));
	assert_float_equal(od->score, od->cvalue, 0);
	fx_close(&f);
}

static void test_phrases_options(void **state)
{
	sw_phrase_measure m;
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
	struct fx f;
	sw_phrases *p = (sw_phrases *)1;

	(void)state;
	assert_int_equal(sw_phrase_measure_parse(&m, "ll"), SW_OK);
	assert_int_equal(m, SW_PHRASE_LL);
	assert_int_equal(sw_phrase_measure_parse(&m, "cvalue"), SW_OK);
	assert_int_equal(m, SW_PHRASE_CVALUE);
	assert_int_equal(sw_phrase_measure_parse(&m, "tfidf"), SW_EINVAL);
	assert_string_equal(sw_phrase_measure_name(SW_PHRASE_LL), "ll");
	fx_text(&f, "Offene Daten. Offene Daten.", 0, 0);
	po.max_len = 9;
	assert_int_equal(sw_phrases_new(&p, f.c, &po, NULL), SW_EINVAL);
	assert_ptr_equal(p, (sw_phrases *)1); /* untouched on failure */
	po.max_len = 1;
	assert_int_equal(sw_phrases_new(&p, f.c, &po, NULL), SW_EINVAL);
	/* LL ranking: score is ll */
	po.max_len = 0;
	po.measure = SW_PHRASE_LL;
	assert_int_equal(sw_phrases_new(&p, f.c, &po, NULL), SW_OK);
	assert_int_equal(sw_phrases_count(p), 1);
	assert_float_equal(sw_phrases_get(p, 0)->score, sw_phrases_get(p, 0)->ll, 0);
	sw_phrases_free(p);
	sw_phrases_free(NULL);
	assert_int_equal(sw_phrases_count(f.p), 1);
	fx_close(&f);
}

static int cmp_display(const void *a, const void *b)
{
	const sw_phrase *x = *(const sw_phrase *const *)a, *y = *(const sw_phrase *const *)b;
	size_t m = x->display_len < y->display_len ? x->display_len : y->display_len;
	int c = memcmp(x->display, y->display, m);

	return c ? c : (x->display_len > y->display_len) - (x->display_len < y->display_len);
}

/*
 * The shared Bundestag digital-policy corpus, with the default stopword
 * lists (de and de-speech, as the command line uses them): "digitale
 * Souveränität" and "Open Source" are among the top 30 by C-value.  Open
 * Source needs both the speech list (without it salutations such as
 * "Liebe Kolleginnen" fill the top) and the compound rule (43 of its 74
 * occurrences are written apart, the rest as "Open-Source-...").
 * Inflected variants never appear as phrases of their own.
 */
static void test_phrases_shared_bundestag_digital(void **state)
{
	const char *shared = sw_test_shared_dir();
	char path[1024];
	struct fx f;
	size_t i, n, top30_ds = 0, top30_os = 0;

	(void)state;
	if (!shared) {
		print_message("../shared not found: skipping the bundestag-digital check\n");
		skip();
		return;
	}
	snprintf(path, sizeof path, "%s/corpora/bundestag-digital", shared);
	memset(&f, 0, sizeof f);
	assert_int_equal(sw_corpus_new(&f.corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(f.corpus, path, NULL), SW_OK);
	fx_run(&f, NULL);
	n = sw_phrases_count(f.p);
	assert_true(n > 100);
	for (i = 0; i < 100; i++) {
		const sw_phrase *p = sw_phrases_get(f.p, i);
		if (i < 30 && p->key_len == 20 && memcmp(p->key, "digital souveranitat", 20) == 0)
			top30_ds = 1;
		if (i < 30 && p->key_len == 10 && memcmp(p->key, "open sourc", 10) == 0)
			top30_os = 1;
	}
	assert_true(top30_ds);
	assert_true(top30_os);
	assert_text(find(&f, "digital souveranitat")->display,
		    find(&f, "digital souveranitat")->display_len, "digitale Souveränität");
	/* ranked by score; no display form twice */
	for (i = 0; i + 1 < n; i++)
		assert_true(sw_phrases_get(f.p, i)->score >= sw_phrases_get(f.p, i + 1)->score);
	{
		const sw_phrase **d = malloc(n * sizeof *d);
		assert_non_null(d);
		for (i = 0; i < n; i++)
			d[i] = sw_phrases_get(f.p, i);
		qsort(d, n, sizeof *d, cmp_display);
		for (i = 1; i < n; i++)
			if (cmp_display(&d[i - 1], &d[i]) == 0)
				fail_msg("display form \"%.*s\" twice", (int)d[i]->display_len,
					 d[i]->display);
		free(d);
	}
	for (i = 0; i < n; i++) {
		const sw_phrase *p = sw_phrases_get(f.p, i);
		if (p->display_len == strlen("digitalen Souveränität") &&
		    memcmp(p->display, "digitalen Souveränität", p->display_len) == 0)
			fail_msg("\"digitalen Souveränität\" is a phrase of its own");
	}
	fx_close(&f);
}

/*
 * The passes over the tokens run on document-aligned chunks, one per
 * thread (corpora of 65,536 tokens and more): the embedded corpus four
 * times over (about 120,000 tokens) gives the same phrases, counts,
 * documents, occurrences, variants and scores, to the last bit, on 1,
 * 2, 3 and 7 threads, for both measures.
 */
/* Phrases x and y are the same, scores too when scores is set. */
static void same_phrase(const sw_phrase *x, const sw_phrase *y, int scores)
{
	size_t j;

	assert_int_equal(x->key_len, y->key_len);
	assert_memory_equal(x->key, y->key, x->key_len);
	assert_int_equal(x->display_len, y->display_len);
	assert_memory_equal(x->display, y->display, x->display_len);
	assert_int_equal(x->n, y->n);
	assert_int_equal(x->count, y->count);
	assert_int_equal(x->docs, y->docs);
	if (scores) {
		assert_memory_equal(&x->cvalue, &y->cvalue, sizeof x->cvalue);
		assert_memory_equal(&x->ll, &y->ll, sizeof x->ll);
		assert_memory_equal(&x->score, &y->score, sizeof x->score);
	}
	assert_int_equal(x->nvariants, y->nvariants);
	for (j = 0; j < x->nvariants; j++) {
		assert_int_equal(x->variants[j].count, y->variants[j].count);
		assert_int_equal(x->variants[j].len, y->variants[j].len);
		assert_memory_equal(x->variants[j].text, y->variants[j].text, x->variants[j].len);
	}
	assert_memory_equal(x->occ, y->occ, x->count * sizeof *x->occ);
	assert_memory_equal(x->occ_len, y->occ_len, x->count);
}

static void same_phrases(const sw_phrases *a, const sw_phrases *b)
{
	size_t i, n = sw_phrases_count(a);

	assert_int_equal(sw_phrases_count(b), n);
	for (i = 0; i < n; i++)
		same_phrase(sw_phrases_get(a, i), sw_phrases_get(b, i), 1);
}

/* Unscored phrases (as keywords and keyness take them) are the scored
 * ones, in key order, with scores 0, found by key. */
static void same_unscored(const sw_phrases *scored, const sw_phrases *u)
{
	size_t i, n = sw_phrases_count(scored);

	assert_int_equal(sw_phrases_count(u), n);
	for (i = 0; i < n; i++) {
		const sw_phrase *x = sw_phrases_get(u, i);
		const sw_phrase *y = sw_phrases_find(scored, x->key, x->key_len);
		assert_non_null(y);
		same_phrase(x, y, 0);
		assert_true(x->cvalue == 0 && x->ll == 0 && x->score == 0);
		assert_ptr_equal(sw_phrases_find(u, x->key, x->key_len), x);
		if (i) {
			const sw_phrase *w = sw_phrases_get(u, i - 1);
			size_t m = w->key_len < x->key_len ? w->key_len : x->key_len;
			int c = memcmp(w->key, x->key, m);
			assert_true(c < 0 || (c == 0 && w->key_len < x->key_len));
		}
	}
}

static void test_phrases_threads_same(void **state)
{
	static const size_t threads[] = { 2, 3, 7 };
	static const sw_phrase_measure measures[] = { SW_PHRASE_CVALUE, SW_PHRASE_LL };
	sw_test_pipe pipe;
	sw_phrases *p;
	size_t m, t;

	(void)state;
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 1);
	sw_test_pipe_add_embedded(&pipe, 4);
	sw_test_pipe_finish(&pipe);
	assert_true(sw_counts_ntokens(pipe.c) >= 65536); /* chunks are used */
	assert_int_equal(sw_phrases_new(&p, pipe.c, NULL, NULL), SW_OK);
	assert_true(sw_phrases_count(p) > 100);
	sw_phrases_free(p);
	for (m = 0; m < 2; m++) {
		sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
		sw_phrases *one;
		po.measure = measures[m];
		po.nthreads = 1;
		assert_int_equal(sw_phrases_new(&one, pipe.c, &po, NULL), SW_OK);
		for (t = 0; t < sizeof threads / sizeof *threads; t++) {
			sw_phrases *many;
			po.nthreads = threads[t];
			assert_int_equal(sw_phrases_new(&many, pipe.c, &po, NULL), SW_OK);
			same_phrases(one, many);
			sw_phrases_free(many);
		}
		for (t = 1; t <= 2; t++) { /* unscored, on 1 and 2 threads */
			sw_phrases *u;
			po.nthreads = t;
			po.unscored = 1;
			assert_int_equal(sw_phrases_new(&u, pipe.c, &po, NULL), SW_OK);
			same_unscored(one, u);
			sw_phrases_free(u);
			po.unscored = 0;
		}
		sw_phrases_free(one);
	}
	sw_test_pipe_close(&pipe);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_phrases_inflection_merges),
	cmocka_unit_test(test_phrases_variants_differ_late),
	cmocka_unit_test(test_phrases_threads_same),
	cmocka_unit_test(test_phrases_open_source_hyphen),
	cmocka_unit_test(test_phrases_no_crossing),
	cmocka_unit_test(test_phrases_stopword_rules),
	cmocka_unit_test(test_phrases_scores_by_hand),
	cmocka_unit_test(test_phrases_options),
	cmocka_unit_test(test_phrases_shared_bundestag_digital),
};

SW_TEST_MAIN(tests)
