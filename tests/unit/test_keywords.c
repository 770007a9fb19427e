/*
 * tests/unit/test_keywords.c - keyword scores (include/stichwort/keywords.h):
 * each formula on a tiny corpus computed by hand, tie-breaks, units, the
 * default method, phrases as candidates, and one check on a real law.
 *
 * The tiny corpora use words that are neither stopwords nor changed by
 * the Snowball stemmer ("Haus" -> haus, "Baum" -> baum, "Auto" -> auto),
 * so the hand calculations only need counts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"

typedef sw_test_pipe fx;

typedef struct tdoc {
	const char *id, *date, *group, *text;
} tdoc;

static void fx_build(fx *f, const tdoc *docs, size_t n)
{
	size_t i;

	sw_test_pipe_open(f, SW_STEMMER_SNOWBALL, 0);
	for (i = 0; i < n; i++)
		sw_test_pipe_add(f, docs[i].id, docs[i].date, docs[i].group, docs[i].text);
	sw_test_pipe_finish(f);
}

static void fx_free(fx *f)
{
	sw_test_pipe_close(f);
}

static sw_keywords *run(fx *f, sw_keywords_method m, const char *per, int phrases, int sublinear)
{
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_keywords *k = NULL;
	sw_error err;

	memset(&err, 0, sizeof err);
	o.method = m;
	o.per = per;
	o.no_phrases = !phrases;
	o.sublinear = sublinear;
	o.top = SIZE_MAX;
	if (sw_keywords_new(&k, f->c, &o, &err) != SW_OK)
		fail_msg("sw_keywords_new: %s", err.message);
	return k;
}

static int key_is(const sw_keyword *r, const char *key)
{
	return r->key_len == strlen(key) && memcmp(r->key, key, r->key_len) == 0;
}

/* The record of key in unit (label), or NULL. */
static const sw_keyword *find(const sw_keywords *k, const char *label, const char *key)
{
	size_t i;

	for (i = 0; i < sw_keywords_count(k); i++) {
		const sw_keyword *r = sw_keywords_get(k, i);
		if (key_is(r, key) && (!label || (r->label && strcmp(r->label, label) == 0)))
			return r;
	}
	return NULL;
}

static double score_of(const sw_keywords *k, const char *label, const char *key)
{
	const sw_keyword *r = find(k, label, key);
	if (!r)
		fail_msg("no record for '%s' in unit '%s'", key, label ? label : "(any)");
	return r->score;
}

/* D1 "Haus Haus Baum." (3 counted tokens), D2 "Haus Auto." (2). */
static const tdoc two_docs[] = {
	{ "d1", "2021-03-01", "A", "Haus Haus Baum." },
	{ "d2", "2022-07-15", "B", "Haus Auto." },
};

/*
 * TF-IDF, N = 2.  idf(haus) = ln(3/3) + 1 = 1; idf(baum) = idf(auto) =
 * ln(3/2) + 1 = 1.4054651081.
 *   per doc:  d1 haus 2 * 1 = 2, baum 1 * 1.4054651081; d2 haus 1, auto 1.4054651081
 *   corpus (mean over documents): haus (2 + 1) / 2 = 1.5,
 *             baum = auto = 1.4054651081 / 2 = 0.7027325541
 *   sublinear d1 haus: (1 + ln 2) * 1 = 1.6931471806
 */
static void test_keywords_tfidf_formula(void **state)
{
	fx f;
	sw_keywords *k;

	(void)state;
	fx_build(&f, two_docs, 2);
	k = run(&f, SW_KEYWORDS_TFIDF, "doc", 0, 0);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_TFIDF);
	assert_float_equal(score_of(k, "d1", "haus"), 2.0, 1e-9);
	assert_float_equal(score_of(k, "d1", "baum"), 1.4054651081081644, 1e-9);
	assert_float_equal(score_of(k, "d2", "haus"), 1.0, 1e-9);
	assert_float_equal(score_of(k, "d2", "auto"), 1.4054651081081644, 1e-9);
	assert_int_equal(find(k, "d1", "haus")->count, 2);
	assert_int_equal(find(k, "d1", "haus")->n, 1);
	sw_keywords_free(k);
	k = run(&f, SW_KEYWORDS_TFIDF, NULL, 0, 0);
	assert_int_equal(sw_keywords_units(k), 1);
	assert_float_equal(score_of(k, "corpus", "haus"), 1.5, 1e-9);
	assert_float_equal(score_of(k, "corpus", "baum"), 0.7027325540540822, 1e-9);
	assert_int_equal(find(k, NULL, "haus")->count, 3);
	assert_int_equal(find(k, NULL, "haus")->docs, 2);
	sw_keywords_free(k);
	k = run(&f, SW_KEYWORDS_TFIDF, "doc", 0, 1);
	assert_float_equal(score_of(k, "d1", "haus"), 1.6931471805599454, 1e-9);
	sw_keywords_free(k);
	fx_free(&f);
}

/*
 * BM25, k1 = 1.2, b = 0.75, lengths 3 and 2, avglen 2.5.
 *   idf(haus) = ln(1 + (2 - 2 + 0.5) / (2 + 0.5)) = ln 1.2 = 0.1823215568
 *   idf(baum) = ln(1 + 1.5 / 1.5) = ln 2
 *   d1 norm = 1 - 0.75 + 0.75 * 3 / 2.5 = 1.15; k1 * norm = 1.38
 *     haus: ln 1.2 * 2 * 2.2 / (2 + 1.38) = 0.1823215568 * 1.3017751479 = 0.2373416716
 *     baum: ln 2 * 2.2 / 2.38 = 0.6407242846
 *   d2 norm = 0.25 + 0.75 * 2 / 2.5 = 0.85; k1 * norm = 1.02
 *     haus: ln 1.2 * 2.2 / 2.02 = 0.1985680322; auto: ln 2 * 2.2 / 2.02 = 0.7549127709
 */
static void test_keywords_bm25_formula(void **state)
{
	fx f;
	sw_keywords *k;

	(void)state;
	fx_build(&f, two_docs, 2);
	k = run(&f, SW_KEYWORDS_BM25, "doc", 0, 0);
	assert_float_equal(score_of(k, "d1", "haus"), 0.2373416715660948, 1e-9);
	assert_float_equal(score_of(k, "d1", "baum"), 0.64072428455121, 1e-9);
	assert_float_equal(score_of(k, "d2", "haus"), 0.19856803215183175, 1e-9);
	assert_float_equal(score_of(k, "d2", "auto"), 0.7549127709068711, 1e-9);
	/* corpus: mean of the document scores; baum only in d1 */
	sw_keywords_free(k);
	k = run(&f, SW_KEYWORDS_BM25, NULL, 0, 0);
	assert_float_equal(score_of(k, NULL, "haus"), (0.2373416715660948 + 0.19856803215183175) / 2,
			   1e-9);
	assert_float_equal(score_of(k, NULL, "baum"), 0.64072428455121 / 2, 1e-9);
	sw_keywords_free(k);
	fx_free(&f);
}

/*
 * YAKE on "Haus Baum. Haus Auto." (two sentences, 0 and 1).
 *   tf: haus 2, baum 1, auto 1; mean 4/3, sd sqrt(2/9) = 0.4714045208,
 *   mean + sd = 1.8047378541; max tf 2.
 *   casing: both "Haus" open a sentence (not counted): T_case(haus) = 0;
 *     T_case(baum) = T_case(auto) = 1 / (1 + ln 1) = 1.
 *   position: haus median(0, 1) = 0.5 -> ln ln 3.5; baum ln ln 3; auto ln ln 4.
 *   T_fnorm: haus 2 / 1.8047378541, baum = auto = 1 / 1.8047378541.
 *   relatedness: haus has no left neighbour, right {baum, auto}: WR = 2/2,
 *     T_rel = 1 + (0 + 1) * 2 / 2 = 2; baum, auto: WL = 1/1, T_rel = 1 + 1 * 1/2 = 1.5.
 *   T_sent: haus 2/2, baum = auto = 1/2.
 *   S(haus) = 2 ln ln 3.5 / (0 + 1.1081 / 2 + 1 / 2)       = 0.4275725418
 *   S(baum) = 1.5 ln ln 3 / (1 + 0.5541 / 1.5 + 0.5 / 1.5) = 0.0828502615
 *   S(auto) = 1.5 ln ln 4 / (same denominator)              = 0.2877443801
 *   score = -ln(S / (TF (1 + S))):
 *     haus -ln(0.42757 / (2 * 1.42757)) = 1.8987539758
 *     baum 2.5703170745, auto 1.4985749074
 */
static void test_keywords_yake_formula(void **state)
{
	static const tdoc one[] = { { "x", NULL, NULL, "Haus Baum. Haus Auto." } };
	fx f;
	sw_keywords *k;

	(void)state;
	fx_build(&f, one, 1);
	k = run(&f, SW_KEYWORDS_YAKE, NULL, 0, 0);
	assert_float_equal(score_of(k, NULL, "haus"), 1.8987539758292236, 1e-9);
	assert_float_equal(score_of(k, NULL, "baum"), 2.570317074476552, 1e-9);
	assert_float_equal(score_of(k, NULL, "auto"), 1.498574907410387, 1e-9);
	/* higher = more key: baum, haus, auto */
	assert_true(key_is(sw_keywords_get(k, 0), "baum"));
	assert_true(key_is(sw_keywords_get(k, 1), "haus"));
	assert_true(key_is(sw_keywords_get(k, 2), "auto"));
	sw_keywords_free(k);
	fx_free(&f);
}

/*
 * TextRank, window 2, d = 0.85.
 * "Haus Baum." : one edge, both degree 1; WS = 0.15 + 0.85 * 1 / 1 = 1
 *   from the start, so the ranks are exactly 1.
 * "Haus Baum Auto." : path haus - baum - auto.  Fixed point with
 *   h = a: h = 0.15 + 0.85 b / 2, b = 0.15 + 0.85 (h + a) = 0.15 + 1.7 h
 *   -> h = 0.21375 / 0.2775 = 0.7702702703, b = 1.4594594595.  The
 *   iteration stops once the L1 change is below 1e-6, so the computed
 *   ranks are within 1e-5 (0.85 / 0.15 times the last change) of it.
 */
static void test_keywords_textrank_formula(void **state)
{
	static const tdoc one[] = { { "x", NULL, NULL, "Haus Baum." } };
	static const tdoc path[] = { { "x", NULL, NULL, "Haus Baum Auto." } };
	fx f;
	sw_keywords *k;

	(void)state;
	fx_build(&f, one, 1);
	k = run(&f, SW_KEYWORDS_TEXTRANK, NULL, 0, 0);
	assert_float_equal(score_of(k, NULL, "haus"), 1.0, 1e-9);
	assert_float_equal(score_of(k, NULL, "baum"), 1.0, 1e-9);
	/* tie: key bytes decide */
	assert_true(key_is(sw_keywords_get(k, 0), "baum"));
	sw_keywords_free(k);
	fx_free(&f);

	fx_build(&f, path, 1);
	k = run(&f, SW_KEYWORDS_TEXTRANK, NULL, 0, 0);
	assert_float_equal(score_of(k, NULL, "haus"), 0.7702702702702702, 1e-5);
	assert_float_equal(score_of(k, NULL, "auto"), 0.7702702702702702, 1e-5);
	assert_float_equal(score_of(k, NULL, "baum"), 1.4594594594594592, 1e-5);
	assert_true(key_is(sw_keywords_get(k, 0), "baum"));
	sw_keywords_free(k);
	fx_free(&f);
}

/* Equal scores: key bytes ascending ("auto" before "baum"), the same on
 * every run. */
static void test_keywords_tie_break(void **state)
{
	fx f;
	sw_keywords *k;
	const sw_keyword *r;

	(void)state;
	fx_build(&f, two_docs, 2);
	k = run(&f, SW_KEYWORDS_TFIDF, NULL, 0, 0);
	assert_int_equal(sw_keywords_count(k), 3);
	assert_true(key_is(sw_keywords_get(k, 0), "haus"));
	r = sw_keywords_get(k, 1);
	assert_true(key_is(r, "auto"));
	assert_true(key_is(sw_keywords_get(k, 2), "baum"));
	assert_float_equal(r->score, sw_keywords_get(k, 2)->score, 0);
	assert_null(sw_keywords_get(k, 3));
	sw_keywords_free(k);
	fx_free(&f);
}

/* --per: units in sw_units order, labels, summed tf, idf over documents,
 * top per unit. */
static void test_keywords_per_units(void **state)
{
	static const tdoc docs[] = {
		{ "a1", "2021-01-10", "Bund", "Haus Haus Baum." },
		{ "b1", "2022-05-02", "Land", "Auto Baum." },
		{ "a2", "2021-11-30", "Bund", "Haus Auto." },
	};
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	fx f;
	sw_keywords *k;
	const sw_keyword *r;
	size_t i;

	(void)state;
	fx_build(&f, docs, 3);
	k = run(&f, SW_KEYWORDS_TFIDF, "year", 0, 0);
	assert_int_equal(sw_keywords_units(k), 2);
	/* 2021 = a1 + a2: haus tf 3, df 2 of N 3: 3 * (ln(4/3) + 1) */
	r = find(k, "2021", "haus");
	assert_non_null(r);
	assert_int_equal(r->count, 3);
	assert_int_equal(r->docs, 2);
	assert_float_equal(r->score, 3 * (log(4.0 / 3.0) + 1), 1e-9);
	assert_null(find(k, "2022", "haus"));
	assert_string_equal(sw_keywords_get(k, 0)->label, "2021");
	assert_string_equal(sw_keywords_get(k, sw_keywords_count(k) - 1)->label, "2022");
	for (i = 1; i < sw_keywords_count(k); i++)
		assert_true(sw_keywords_get(k, i - 1)->unit <= sw_keywords_get(k, i)->unit);
	sw_keywords_free(k);

	k = run(&f, SW_KEYWORDS_YAKE, "group", 0, 0);
	assert_int_equal(sw_keywords_units(k), 2);
	assert_non_null(find(k, "Bund", "haus"));
	assert_null(find(k, "Land", "haus"));
	sw_keywords_free(k);

	o.per = "doc";
	o.top = 1;
	o.no_phrases = 1;
	assert_int_equal(sw_keywords_new(&k, f.c, &o, NULL), SW_OK);
	assert_int_equal(sw_keywords_count(k), 3);
	assert_string_equal(sw_keywords_get(k, 0)->label, "a1");
	assert_string_equal(sw_keywords_get(k, 1)->label, "b1");
	assert_string_equal(sw_keywords_get(k, 2)->label, "a2");
	sw_keywords_free(k);
	fx_free(&f);
}

static const char souv[] =
	"Digitale Souveränität ist für die öffentliche Verwaltung ein zentrales Ziel. "
	"Die Verwaltung soll ihre IT selbstbestimmt gestalten können. Open Source Software "
	"stärkt die digitale Souveränität, weil der Quellcode offen ist und Abhängigkeiten "
	"von einzelnen Anbietern verringert werden. Deshalb setzt die Bundesregierung "
	"verstärkt auf Open Source. Mit dem Zentrum für Digitale Souveränität (ZenDiS) wird "
	"der Einsatz von Open Source in der Verwaltung koordiniert. Die Abhängigkeit von "
	"proprietärer Software und großen Anbietern soll sinken. Digitale Souveränität "
	"bedeutet, dass die Verwaltung Kontrolle über Daten, Software und Infrastruktur "
	"behält.";

/* Whether one of the first n records has a key containing part. */
static int top_has(const sw_keywords *k, size_t n, const char *part)
{
	size_t i;

	for (i = 0; i < n && i < sw_keywords_count(k); i++) {
		const sw_keyword *r = sw_keywords_get(k, i);
		char buf[256];
		snprintf(buf, sizeof buf, "%.*s", (int)r->key_len, r->key);
		if (strstr(buf, part))
			return 1;
	}
	return 0;
}

/* One document: idf is constant, so the default is YAKE, and its top 5
 * name the paragraph's themes. */
static void test_keywords_single_document_default_yake(void **state)
{
	static const tdoc one[] = { { "strategie", NULL, NULL, souv } };
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	fx f;
	sw_keywords *k;

	(void)state;
	fx_build(&f, one, 1);
	assert_int_equal(sw_keywords_new(&k, f.c, NULL, NULL), SW_OK);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_YAKE);
	assert_int_equal(sw_keywords_count(k) <= 20, 1);
	assert_true(top_has(k, 5, "souveranitat"));
	assert_true(top_has(k, 5, "sourc"));
	sw_keywords_free(k);
	o.no_phrases = 1;
	assert_int_equal(sw_keywords_new(&k, f.c, &o, NULL), SW_OK);
	assert_true(top_has(k, 5, "souveranitat"));
	assert_true(top_has(k, 5, "verwalt"));
	sw_keywords_free(k);
	fx_free(&f);

	/* two documents: the default is TF-IDF */
	fx_build(&f, two_docs, 2);
	assert_int_equal(sw_keywords_new(&k, f.c, NULL, NULL), SW_OK);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_TFIDF);
	sw_keywords_free(k);
	fx_free(&f);
}

/* Phrases are candidates (n = 2, counted per unit from their
 * occurrences) unless no_phrases. */
static void test_keywords_phrases_vs_no_phrases(void **state)
{
	static const tdoc docs[] = {
		{ "p1", NULL, NULL, "Wir fördern Open Source. Open Source stärkt Kommunen." },
		{ "p2", NULL, NULL, "Kommunen sparen Geld. Open Source hilft." },
	};
	fx f;
	sw_keywords *k;
	const sw_keyword *r;
	double idf = log(3.0 / 3.0) + 1;

	(void)state;
	fx_build(&f, docs, 2);
	k = run(&f, SW_KEYWORDS_TFIDF, "doc", 1, 0);
	r = find(k, "p1", "open sourc");
	assert_non_null(r);
	assert_int_equal(r->n, 2);
	assert_int_equal(r->count, 2);
	assert_int_equal(r->docs, 1);
	assert_int_equal(r->word, SW_TERM_NONE);
	/* tf 2 in p1, df 2: 2 * idf */
	assert_float_equal(r->score, 2 * idf, 1e-9);
	assert_string_equal(r->label, "p1");
	assert_true(r->term_len == strlen("Open Source") && !memcmp(r->term, "Open Source", r->term_len));
	r = find(k, "p2", "open sourc");
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	sw_keywords_free(k);

	k = run(&f, SW_KEYWORDS_TFIDF, "doc", 0, 0);
	assert_null(find(k, NULL, "open sourc"));
	assert_non_null(find(k, "p1", "open"));
	sw_keywords_free(k);

	/* TextRank: a phrase scores the mean of its words' ranks */
	k = run(&f, SW_KEYWORDS_TEXTRANK, NULL, 1, 0);
	assert_float_equal(score_of(k, NULL, "open sourc"),
			   (score_of(k, NULL, "open") + score_of(k, NULL, "sourc")) / 2, 1e-9);
	sw_keywords_free(k);
	fx_free(&f);
}

/* A hyphenated compound is a word and the phrase of its parts; it is
 * listed once, as the phrase, whatever the method. */
static void test_keywords_compound_listed_once(void **state)
{
	static const tdoc docs[] = {
		{ "a", NULL, NULL, "Die Open-Source-Strategie wirkt. Die Open-Source-Strategie bleibt." },
		{ "b", NULL, NULL, "Eine Open-Source-Strategie fehlt. Die Cloud bleibt teuer." },
	};
	static const sw_keywords_method methods[] = { SW_KEYWORDS_TFIDF, SW_KEYWORDS_BM25,
						      SW_KEYWORDS_YAKE, SW_KEYWORDS_TEXTRANK,
						      SW_KEYWORDS_SALIENCE };
	fx f;
	size_t m, i, words, phrases;

	(void)state;
	fx_build(&f, docs, 2);
	for (m = 0; m < sizeof methods / sizeof *methods; m++) {
		sw_keywords *k = run(&f, methods[m], NULL, 1, 0);
		words = phrases = 0;
		for (i = 0; i < sw_keywords_count(k); i++) {
			const sw_keyword *kw = sw_keywords_get(k, i);
			if (kw->term_len == 21 && memcmp(kw->term, "Open-Source-Strategie", 21) == 0) {
				if (kw->n == 1)
					words++;
				else
					phrases++;
			}
		}
		assert_int_equal(words, 0);
		assert_int_equal(phrases, 1);
		sw_keywords_free(k);
		/* without phrases the word is the candidate */
		k = run(&f, methods[m], NULL, 0, 0);
		words = 0;
		for (i = 0; i < sw_keywords_count(k); i++) {
			const sw_keyword *kw = sw_keywords_get(k, i);
			if (kw->term_len == 21 && memcmp(kw->term, "Open-Source-Strategie", 21) == 0)
				words++;
		}
		assert_int_equal(words, 1);
		sw_keywords_free(k);
	}
	fx_free(&f);
}

static void test_keywords_options(void **state)
{
	sw_keywords_method m = SW_KEYWORDS_AUTO;
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	fx f;
	sw_keywords *k = NULL;
	sw_error err;

	(void)state;
	assert_int_equal(sw_keywords_method_parse(&m, "bm25"), SW_OK);
	assert_int_equal(m, SW_KEYWORDS_BM25);
	assert_int_equal(sw_keywords_method_parse(&m, "BM25"), SW_EINVAL);
	assert_int_equal(m, SW_KEYWORDS_BM25);
	assert_string_equal(sw_keywords_method_name(SW_KEYWORDS_TEXTRANK), "textrank");
	assert_int_equal(sw_keywords_method_parse(&m, "salience"), SW_OK);
	assert_int_equal(m, SW_KEYWORDS_SALIENCE);
	assert_string_equal(sw_keywords_method_name(SW_KEYWORDS_SALIENCE), "salience");
	fx_build(&f, two_docs, 2);
	o.damping = 1.5;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_keywords_new(&k, f.c, &o, &err), SW_EINVAL);
	assert_null(k);
	sw_keywords_free(NULL);
	fx_free(&f);
}

/* The Onlinezugangsgesetz (id "ozg") among the federal laws: its own
 * vocabulary comes first, with the default (salience) and with TF-IDF. */
static void test_keywords_ozg_law(void **state)
{
	const char *shared = sw_test_shared_dir();
	char path[1024];
	sw_corpus *corpus = NULL;
	sw_test_pipe pipe;
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_keywords *k = NULL;
	size_t i, found = 0, n = 0;

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): the OZG check is skipped\n");
		skip();
	}
	snprintf(path, sizeof path, "%s/corpora/bundesgesetze", shared);
	assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add_corpus(&pipe, corpus);
	sw_test_pipe_finish(&pipe);
	o.per = "doc";
	assert_int_equal(sw_keywords_new(&k, pipe.c, &o, NULL), SW_OK);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_SALIENCE);
	/* salience: its words, on their own or in a phrase ("elektronischen
	 * Verwaltungsleistungen von Bund") */
	for (i = 0; i < sw_keywords_count(k); i++) {
		const sw_keyword *r = sw_keywords_get(k, i);
		if (!r->label || strcmp(r->label, "ozg") != 0)
			continue;
		n++;
		if (memmem(r->term, r->term_len, "Verwaltungsleistungen", 21) ||
		    memmem(r->term, r->term_len, "Portalverbund", 13))
			found++;
	}
	assert_int_equal(n, 20);
	assert_true(found >= 1);
	sw_keywords_free(k);
	/* TF-IDF: the words themselves */
	o.method = SW_KEYWORDS_TFIDF;
	assert_int_equal(sw_keywords_new(&k, pipe.c, &o, NULL), SW_OK);
	n = found = 0;
	for (i = 0; i < sw_keywords_count(k); i++) {
		const sw_keyword *r = sw_keywords_get(k, i);
		if (!r->label || strcmp(r->label, "ozg") != 0)
			continue;
		n++;
		if ((r->term_len == 21 && !memcmp(r->term, "Verwaltungsleistungen", 21)) ||
		    (r->term_len == 13 && !memcmp(r->term, "Portalverbund", 13)))
			found++;
	}
	assert_int_equal(n, 20);
	assert_true(found >= 1);
	sw_keywords_free(k);
	sw_test_pipe_close(&pipe);
	sw_corpus_free(corpus);
}

/*
 * Key statistics and the corpus scores run on threads (document chunks;
 * the scores in rounds of documents, summed in document order): the
 * embedded corpus 13 times over (546 documents, ~400,000 tokens) gives
 * the same records, scores to the last bit, on 1, 2 and 3 threads, for
 * every method, for the corpus and per year.
 */
static void same_keywords(const sw_keywords *a, const sw_keywords *b)
{
	size_t i;

	assert_int_equal(sw_keywords_count(b), sw_keywords_count(a));
	for (i = 0; i < sw_keywords_count(a); i++) {
		const sw_keyword *x = sw_keywords_get(a, i), *y = sw_keywords_get(b, i);
		assert_int_equal(x->unit, y->unit);
		assert_int_equal(x->key_len, y->key_len);
		assert_memory_equal(x->key, y->key, x->key_len);
		assert_int_equal(x->term_len, y->term_len);
		assert_memory_equal(x->term, y->term, x->term_len);
		assert_memory_equal(&x->score, &y->score, sizeof x->score);
		assert_int_equal(x->count, y->count);
		assert_int_equal(x->docs, y->docs);
		assert_int_equal(x->first, y->first);
	}
}

static void test_keywords_threads_same(void **state)
{
	static const sw_keywords_method methods[] = { SW_KEYWORDS_TFIDF, SW_KEYWORDS_BM25,
						      SW_KEYWORDS_YAKE, SW_KEYWORDS_TEXTRANK,
						      SW_KEYWORDS_SALIENCE };
	sw_test_pipe pipe;
	size_t m, per, t;

	(void)state;
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 1);
	sw_test_pipe_add_embedded(&pipe, 13);
	sw_test_pipe_finish(&pipe);
	assert_true(sw_counts_ndocs(pipe.c) >= 512);
	for (m = 0; m < 4; m++)
		for (per = 0; per < 3; per++) {
			/* the corpus; a few years; hundreds of documents, shared
			 * out in blocks over several rounds */
			static const char *const pers[] = { NULL, "year", "doc" };
			sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
			sw_keywords *one;
			o.method = methods[m];
			o.per = pers[per];
			o.top = 50;
			o.nthreads = 1;
			assert_int_equal(sw_keywords_new(&one, pipe.c, &o, NULL), SW_OK);
			assert_true(sw_keywords_count(one) >= 50);
			for (t = 2; t <= 3; t++) {
				sw_keywords *many;
				o.nthreads = t;
				assert_int_equal(sw_keywords_new(&many, pipe.c, &o, NULL), SW_OK);
				same_keywords(one, many);
				sw_keywords_free(many);
			}
			sw_keywords_free(one);
		}
	sw_test_pipe_close(&pipe);
}

/* Records of keywords k equal records [a, a + n) of keywords all. */
static void same_records(const sw_keywords *k, size_t i0, const sw_keywords *all, size_t a,
			 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const sw_keyword *x = sw_keywords_get(k, i0 + i), *y = sw_keywords_get(all, a + i);
		assert_int_equal(x->unit, y->unit);
		assert_int_equal(x->key_len, y->key_len);
		assert_memory_equal(x->key, y->key, x->key_len);
		assert_memory_equal(&x->score, &y->score, sizeof x->score);
		assert_int_equal(x->first, y->first);
	}
}

/*
 * The top N of a unit is the first N of its whole ranking, ties broken
 * the same way, for every method and N: the best N are selected without
 * sorting every candidate (keywords.c, sort_top).  The embedded corpus
 * has thousands of candidates a unit and long runs of equal scores.
 */
static void test_keywords_top_is_prefix(void **state)
{
	static const sw_keywords_method methods[] = { SW_KEYWORDS_TFIDF, SW_KEYWORDS_BM25,
						      SW_KEYWORDS_YAKE, SW_KEYWORDS_TEXTRANK,
						      SW_KEYWORDS_SALIENCE };
	static const size_t tops[] = { 1, 2, 3, 7, 20, 64, 501 };
	sw_test_pipe pipe;
	size_t m, per, t, ties = 0;

	(void)state;
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 1);
	sw_test_pipe_add_embedded(&pipe, 1);
	sw_test_pipe_finish(&pipe);
	for (m = 0; m < 4; m++)
		for (per = 0; per < 2; per++) {
			static const char *const pers[] = { NULL, "year" };
			sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
			sw_keywords *all;
			size_t n, i;
			o.method = methods[m];
			o.per = pers[per];
			o.top = SIZE_MAX;
			assert_int_equal(sw_keywords_new(&all, pipe.c, &o, NULL), SW_OK);
			n = sw_keywords_count(all);
			assert_true(n > 1000);
			for (i = 1; i < n; i++) {
				const sw_keyword *a = sw_keywords_get(all, i - 1);
				const sw_keyword *b = sw_keywords_get(all, i);
				ties += a->unit == b->unit && a->score == b->score;
			}
			for (t = 0; t < sizeof tops / sizeof *tops; t++) {
				sw_keywords *k;
				size_t a = 0, j = 0;
				o.top = tops[t];
				assert_int_equal(sw_keywords_new(&k, pipe.c, &o, NULL), SW_OK);
				while (a < n) { /* unit by unit */
					size_t b = a, want;
					while (b < n && sw_keywords_get(all, b)->unit ==
								sw_keywords_get(all, a)->unit)
						b++;
					want = b - a < tops[t] ? b - a : tops[t];
					assert_true(j + want <= sw_keywords_count(k));
					same_records(k, j, all, a, want);
					j += want;
					a = b;
				}
				assert_int_equal(j, sw_keywords_count(k));
				sw_keywords_free(k);
			}
			sw_keywords_free(all);
		}
	assert_true(ties > 1000); /* the tie-breaks were exercised */
	sw_test_pipe_close(&pipe);
}

/* ---- keyness ---- */

/* Group A: haus in 3 of 4 documents, zug 5 times in 2; group B: auto in
 * all 3, baum in 2.  Counted tokens: A 2 + 2 + 3 + 4 = 11, B 6. */
static const tdoc kdocs[] = {
	{ "a1", NULL, "A", "Haus Baum." },
	{ "a2", NULL, "A", "Haus Auto." },
	{ "a3", NULL, "A", "Haus Baum Zug." },
	{ "a4", NULL, "A", "Zug Zug Zug Zug." },
	{ "b1", NULL, "B", "Auto Baum." },
	{ "b2", NULL, "B", "Auto Auto." },
	{ "b3", NULL, "B", "Baum Auto." },
};

static sw_keywords *run_keyness(fx *f, const char *per, const sw_reflist *ref, size_t min_docs,
				double min_lr)
{
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_keywords *k = NULL;
	sw_error err;

	memset(&err, 0, sizeof err);
	o.per = per;
	o.no_phrases = 1;
	o.top = SIZE_MAX;
	o.reference = ref;
	o.min_docs = min_docs;
	o.min_log_ratio = min_lr;
	if (sw_keywords_new(&k, f->c, &o, &err) != SW_OK)
		fail_msg("sw_keywords_new: %s", err.message);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_KEYNESS);
	return k;
}

/* Each group against the other: G2 of the full 2x2 table, terms used
 * more often only, in at least 3 of the group's documents, log ratio >= 1. */
static void test_keywords_keyness_units(void **state)
{
	fx f;
	sw_keywords *k;
	const sw_keyword *r;

	(void)state;
	fx_build(&f, kdocs, 7);
	k = run_keyness(&f, "group", NULL, 0, 0); /* auto per group: keyness */
	r = find(k, "A", "haus");
	assert_non_null(r);
	assert_int_equal(r->count, 3);
	assert_int_equal(r->docs, 3);
	assert_float_equal(r->score, sw_keyness_g2(3, 0, 11, 6), 1e-9);
	assert_null(find(k, "A", "zug"));  /* 5 times, but in 2 documents only */
	assert_null(find(k, "A", "baum")); /* used less often than in B */
	r = find(k, "B", "auto");
	assert_non_null(r);
	assert_int_equal(r->count, 4);
	assert_float_equal(r->score, sw_keyness_g2(4, 1, 6, 11), 1e-9);
	assert_null(find(k, "B", "baum")); /* 2 of 3 documents */
	sw_keywords_free(k);

	/* no floor of documents: zug (a = 5, b = 0) comes in, before haus */
	k = run_keyness(&f, "group", NULL, SIZE_MAX, 0);
	r = find(k, "A", "zug");
	assert_non_null(r);
	assert_float_equal(r->score, sw_keyness_g2(5, 0, 11, 6), 1e-9);
	assert_true(key_is(sw_keywords_get(k, 0), "zug"));
	/* baum in B: 2 of 6 against 2 of 11, log ratio log2(11/6) = 0.87 < 1 */
	assert_null(find(k, "B", "baum"));
	sw_keywords_free(k);
	k = run_keyness(&f, "group", NULL, SIZE_MAX, 0.5);
	assert_non_null(find(k, "B", "baum"));
	sw_keywords_free(k);
	fx_free(&f);
}

/* The corpus against a reference list keyed by lemma ("#key lemma"). */
static void test_keywords_keyness_reference(void **state)
{
	static const char list[] = "# test\n#total 1000\n#key lemma\n"
				   "haus\tHäuser\t100\n"
				   "auto\t1\n"
				   "wald baum\tWald Baum\t7\n";
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_reflist *ref = NULL;
	sw_keywords *k = NULL;
	sw_error err;
	fx f;
	const sw_keyword *r;

	(void)state;
	memset(&err, 0, sizeof err);
	fx_build(&f, kdocs, 7);
	assert_int_equal(sw_reflist_parse(&ref, list, strlen(list), "list", f.lx, NULL, &err), SW_OK);
	assert_int_equal(sw_reflist_total(ref), 1000);
	assert_int_equal(sw_reflist_count(ref), 3);
	assert_int_equal(sw_reflist_find(ref, "haus", 4), 100);
	assert_int_equal(sw_reflist_find(ref, "auto", 4), 1);
	assert_int_equal(sw_reflist_find(ref, "wald baum", 9), 7);

	/* 17 tokens.  haus: 3 against 100 of 1000, log ratio log2(3/17 / 0.1)
	 * = 0.82 < 1: out.  auto: 5 against 1 */
	k = run_keyness(&f, NULL, ref, 0, 0);
	assert_null(find(k, NULL, "haus"));
	r = find(k, NULL, "auto");
	assert_non_null(r);
	assert_string_equal(r->label, "corpus");
	assert_int_equal(r->count, 5);
	assert_int_equal(r->docs, 4);
	assert_float_equal(r->score, sw_keyness_g2(5, 1, 17, 1000), 1e-9);
	sw_keywords_free(k);

	/* without a list, keyness of the corpus as a whole is refused, and
	 * auto is tf-idf */
	o.method = SW_KEYWORDS_KEYNESS;
	assert_int_equal(sw_keywords_new(&k, f.c, &o, &err), SW_EINVAL);
	assert_non_null(strstr(err.message, "reference"));
	o.method = SW_KEYWORDS_AUTO;
	assert_int_equal(sw_keywords_new(&k, f.c, &o, &err), SW_OK);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_TFIDF);
	sw_keywords_free(k);
	/* a single unit (the whole corpus) is compared with the list */
	k = run_keyness(&f, "year", ref, 0, 0);
	assert_non_null(find(k, NULL, "auto"));
	sw_keywords_free(k);
	sw_reflist_free(ref);

	/* "#absent N": a word the list lacks (zug, 5 times in 2 documents)
	 * is taken as seen N times, not never */
	ref = NULL;
	{
		static const char cut[] = "#total 1000\n#absent 40\n#absent-phrases 9\nhaus\t100\n";
		assert_int_equal(sw_reflist_parse(&ref, cut, strlen(cut), "cut", f.lx, NULL, &err), SW_OK);
	}
	k = run_keyness(&f, NULL, ref, 2, 0);
	r = find(k, NULL, "zug");
	assert_non_null(r);
	assert_float_equal(r->score, sw_keyness_g2(5, 40, 17, 1000), 1e-9);
	sw_keywords_free(k);
	sw_reflist_free(ref);

	/* "#absent" above the list's total is a problem on its line: the
	 * total is taken (strict: the error) */
	ref = NULL;
	{
		static const char big[] = "#total 10\n#absent 40\nhaus\t5\n";
		sw_reflist_options ro = SW_REFLIST_OPTIONS_INIT;
		ro.strict = 1;
		assert_int_equal(sw_reflist_parse(&ref, big, strlen(big), "big", f.lx, &ro, &err),
				 SW_EFORMAT);
		assert_null(ref);
		assert_int_equal(err.line, 2);
		assert_non_null(strstr(err.message, "larger than the list's total"));
		ro.strict = 0;
		assert_int_equal(sw_reflist_parse(&ref, big, strlen(big), "big", f.lx, &ro, &err), SW_OK);
		k = run_keyness(&f, NULL, ref, 2, 0);
		r = find(k, NULL, "zug"); /* a = 5 of 17, b = 10 of 10: not key */
		assert_null(r);
		sw_keywords_free(k);
		sw_reflist_free(ref);
	}
	fx_free(&f);
}

/* A word met mostly inside a candidate phrase is left out; one met
 * mostly elsewhere stays. */
static void test_keywords_keyness_phrase_words(void **state)
{
	static const tdoc docs[] = {
		{ "p1", NULL, "A", "Wir fördern Open Source. Kommunen nutzen Software." },
		{ "p2", NULL, "A", "Open Source hilft. Software hilft Kommunen." },
		{ "p3", NULL, "A", "Open Source spart Geld. Software spart Geld." },
		{ "q1", NULL, "B", "Der Haushalt steigt. Geld fehlt." },
	};
	static const char list[] = "#total 100000\n";
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_reflist *ref = NULL;
	sw_keywords *k = NULL;
	fx f;

	(void)state;
	fx_build(&f, docs, 4);
	assert_int_equal(sw_reflist_parse(&ref, list, strlen(list), "list", f.lx, NULL, NULL), SW_OK);
	o.top = SIZE_MAX;
	o.reference = ref;
	assert_int_equal(sw_keywords_new(&k, f.c, &o, NULL), SW_OK);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_KEYNESS);
	assert_non_null(find(k, NULL, "open sourc"));
	assert_null(find(k, NULL, "open"));  /* 3 of 3 inside the phrase */
	assert_null(find(k, NULL, "sourc"));
	assert_non_null(find(k, NULL, "softwar"));
	sw_keywords_free(k);
	sw_reflist_free(ref);
	fx_free(&f);
}

/* The floor of documents of a target of n documents. */
static void test_keyness_min_docs(void **state)
{
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;

	(void)state;
	assert_int_equal(sw_keyness_min_docs(&o, 50), 0);
	o.min_docs = 3;
	assert_int_equal(sw_keyness_min_docs(&o, 50), 3);
	assert_int_equal(sw_keyness_min_docs(&o, 2), 2);
	assert_int_equal(sw_keyness_min_docs(&o, 1), 1);
	o.min_docs_share = 0.1;
	assert_int_equal(sw_keyness_min_docs(&o, 50), 5);
	assert_int_equal(sw_keyness_min_docs(&o, 21), 3);
	assert_int_equal(sw_keyness_min_docs(&o, 2), 2);
	assert_int_equal(sw_keyness_min_docs(NULL, 9), 0);
}

/* Documents analysed with lemma keys and the built-in lemmatizer (what the
 * command line does), so that compounds have parts. */
static void fx_build_lemma(fx *f, sw_lemmatizer **lm, const tdoc *docs, size_t n)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	size_t i;

	memset(f, 0, sizeof *f);
	assert_int_equal(sw_lemmatizer_new(lm, NULL, NULL), SW_OK);
	assert_int_equal(sw_stoplist_new(&f->sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(f->sl, "de", NULL), SW_OK);
	lo.stopwords = f->sl;
	lo.key = SW_KEY_LEMMA;
	lo.lemmatizer = *lm;
	assert_int_equal(sw_lexicon_new(&f->lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_analyzer_new(&f->an, f->lx, NULL, NULL), SW_OK);
	assert_int_equal(sw_counts_new(&f->c, f->lx, NULL), SW_OK);
	for (i = 0; i < n; i++)
		sw_test_pipe_add(f, docs[i].id, docs[i].date, docs[i].group, docs[i].text);
	sw_test_pipe_finish(f);
}

/*
 * Salience, N = 2:  (tf + tf_parts) * sqrt(idf + 1) * (1 + 3 / (1 + s)).
 * s1: steuer: tf 1, a part of Steueroase (modifier) and Quellensteuer
 *     (head): tf_parts 2; df 2, idf + 1 = 1; first in sentence 0:
 *     3 * 1 * 4 = 12.  steueroase: tf 1, df 1, sqrt(ln(3/2) + 1) =
 *     1.1855231...; sentence 1: * 2.5.  bahn: df 2, sentence 3: 1 * 1.75.
 * Oase is no key (never on its own), so nothing is credited to it.
 */
static void test_keywords_salience_formula(void **state)
{
	static const tdoc docs[] = {
		{ "s1", NULL, NULL, "Die Steuer steigt. Eine Steueroase lockt. "
				    "Die Quellensteuer sinkt. Die Bahn fährt." },
		{ "s2", NULL, NULL, "Die Bahn fährt. Die Steuer sinkt." },
	};
	sw_lemmatizer *lm;
	fx f;
	sw_keywords *k;
	double r15 = sqrt(log(1.5) + 1);
	const sw_keyword *r;

	(void)state;
	fx_build_lemma(&f, &lm, docs, 2);
	k = run(&f, SW_KEYWORDS_SALIENCE, "doc", 1, 0);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_SALIENCE);
	assert_float_equal(score_of(k, "s1", "steuer"), 12.0, 1e-9);
	r = find(k, "s1", "steuer");
	assert_int_equal(r->count, 1); /* count stays the word's own */
	assert_ptr_equal(r, sw_keywords_get(k, 0));
	assert_float_equal(score_of(k, "s1", "steueroase"), r15 * 2.5, 1e-9);
	assert_float_equal(score_of(k, "s1", "quellensteuer"), r15 * 2.0, 1e-9);
	assert_float_equal(score_of(k, "s1", "bahn"), 1.75, 1e-9);
	assert_null(find(k, NULL, "oase"));
	/* s2: no compounds; bahn first (sentence 0), steuer second */
	assert_float_equal(score_of(k, "s2", "bahn"), 4.0, 1e-9);
	assert_float_equal(score_of(k, "s2", "steuer"), 2.5, 1e-9);
	sw_keywords_free(k);
	/* the default per document */
	k = run(&f, SW_KEYWORDS_AUTO, "doc", 1, 0);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_SALIENCE);
	sw_keywords_free(k);
	/* ... but not per group (keyness against the rest), nor for the
	 * corpus as a whole (tf-idf without a reference list) */
	k = run(&f, SW_KEYWORDS_AUTO, "group", 1, 0);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_KEYNESS);
	sw_keywords_free(k);
	k = run(&f, SW_KEYWORDS_AUTO, NULL, 1, 0);
	assert_int_equal(sw_keywords_method_used(k), SW_KEYWORDS_TFIDF);
	sw_keywords_free(k);
	sw_test_pipe_close(&f);
	sw_lemmatizer_free(lm);
}

/*
 * Salience phrases: a noun phrase scores the sum of its words; phrases
 * ending in a lower-case word ("Pflege hilft", "Gute Pflege hilft") are
 * no candidates; a word of a phrase ranked above it is not listed again.
 * p1: gute, pflege, helfen: tf 2, df 1, sentence 0: 2 * r15 * 4 each.
 */
static void test_keywords_salience_phrases(void **state)
{
	static const tdoc docs[] = {
		{ "p1", NULL, NULL, "Gute Pflege hilft. Gute Pflege hilft immer." },
		{ "p2", NULL, NULL, "Die Bahn fährt. Die Steuer sinkt." },
	};
	sw_lemmatizer *lm;
	fx f;
	sw_keywords *k;
	double w = 2 * sqrt(log(1.5) + 1) * 4;
	size_t i, n1 = 0;

	(void)state;
	fx_build_lemma(&f, &lm, docs, 2);
	k = run(&f, SW_KEYWORDS_SALIENCE, "doc", 1, 0);
	for (i = 0; i < sw_keywords_count(k); i++)
		n1 += strcmp(sw_keywords_get(k, i)->label, "p1") == 0;
	assert_int_equal(n1, 2);
	assert_true(key_is(sw_keywords_get(k, 0), "gute pflege"));
	assert_float_equal(sw_keywords_get(k, 0)->score, 2 * w, 1e-9);
	assert_int_equal(sw_keywords_get(k, 0)->count, 2);
	assert_true(key_is(sw_keywords_get(k, 1), "helfen"));
	assert_float_equal(sw_keywords_get(k, 1)->score, w, 1e-9);
	assert_null(find(k, "p1", "pflege"));
	assert_null(find(k, "p1", "pflege helfen"));
	sw_keywords_free(k);
	/* without phrases: the words, none left out */
	k = run(&f, SW_KEYWORDS_SALIENCE, "doc", 0, 0);
	assert_float_equal(score_of(k, "p1", "pflege"), w, 1e-9);
	assert_float_equal(score_of(k, "p1", "gute"), w, 1e-9);
	sw_keywords_free(k);
	sw_test_pipe_close(&f);
	sw_lemmatizer_free(lm);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_keywords_tfidf_formula),
	cmocka_unit_test(test_keywords_keyness_units),
	cmocka_unit_test(test_keywords_keyness_reference),
	cmocka_unit_test(test_keywords_keyness_phrase_words),
	cmocka_unit_test(test_keyness_min_docs),
	cmocka_unit_test(test_keywords_threads_same),
	cmocka_unit_test(test_keywords_top_is_prefix),
	cmocka_unit_test(test_keywords_bm25_formula),
	cmocka_unit_test(test_keywords_yake_formula),
	cmocka_unit_test(test_keywords_textrank_formula),
	cmocka_unit_test(test_keywords_tie_break),
	cmocka_unit_test(test_keywords_per_units),
	cmocka_unit_test(test_keywords_single_document_default_yake),
	cmocka_unit_test(test_keywords_phrases_vs_no_phrases),
	cmocka_unit_test(test_keywords_compound_listed_once),
	cmocka_unit_test(test_keywords_options),
	cmocka_unit_test(test_keywords_ozg_law),
	cmocka_unit_test(test_keywords_salience_formula),
	cmocka_unit_test(test_keywords_salience_phrases),
};

SW_TEST_MAIN(tests)
