/*
 * tests/unit/test_keyness.c - keyness (include/stichwort/keyness.h): a
 * tiny corpus with every record field checked (the statistics alone are
 * in test_stats.c), phrases, the significance cut and Bonferroni,
 * date ranges, reference lists, errors, and on ../shared (when present)
 * each party of the Bundestag speeches against the rest.
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

void sw_test_chunk_min_tokens(size_t n); /* src/counts.c: the least work a thread gets */

static int key_is(const sw_keyness_record *r, const char *key)
{
	return r->key_len == strlen(key) && memcmp(r->key, key, r->key_len) == 0;
}

static const sw_keyness_record *find(const sw_keyness *k, const char *key)
{
	size_t i;

	for (i = 0; i < sw_keyness_count(k); i++)
		if (key_is(sw_keyness_get(k, i), key))
			return sw_keyness_get(k, i);
	return NULL;
}

typedef struct tdoc {
	const char *id, *date, *group, *text;
} tdoc;

static void build(sw_test_pipe *p, const tdoc *docs, size_t n)
{
	size_t i;

	sw_test_pipe_open(p, SW_STEMMER_SNOWBALL, 0);
	for (i = 0; i < n; i++)
		sw_test_pipe_add(p, docs[i].id, docs[i].date, docs[i].group, docs[i].text);
	sw_test_pipe_finish(p);
}

/* Target A: 6 counted tokens (haus 4, baum 1, auto 1); reference B: 7
 * (baum 4, auto 3). */
static const tdoc tiny[] = {
	{ "a1", "2021-03-01", "A", "Haus Haus Haus Baum." },
	{ "b1", "2021-05-01", "B", "Baum Baum Auto Auto." },
	{ "a2", "2022-01-10", "A", "Haus Auto." },
	{ "b2", "2023-07-01", "B", "Baum Auto Baum." },
};
static const uint8_t tiny_side[] = { SW_KEYNESS_TARGET, SW_KEYNESS_REFERENCE, SW_KEYNESS_TARGET,
				     SW_KEYNESS_REFERENCE };

static sw_keyness *run(sw_test_pipe *p, const uint8_t *side, const sw_keyness_options *o)
{
	sw_keyness *k = NULL;
	sw_error err;

	memset(&err, 0, sizeof err);
	if (sw_keyness_new(&k, p->c, side, o, &err) != SW_OK)
		fail_msg("sw_keyness_new: %s", err.message);
	return k;
}

/*
 * haus: a = 4, b = 0, c = 6, d = 7, N = 13.
 *   E11 = 4*6/13 = 1.8461538, E21 = 9*6/13 = 4.1538462, E22 = 9*7/13 = 4.8461538
 *   G2 = 2 (4 ln(4/1.8461538) + 2 ln(2/4.1538462) + 7 ln(7/4.8461538))
 *      = 2 (4 * 0.7731899 - 2 * 0.7308875 + 7 * 0.3677248) = 2 * 4.2050580 = 8.4101160
 *   chi2 = 13 (4*7 - 0*2)^2 / (6 * 7 * 4 * 9) = 13 * 784 / 1512 = 6.7407407
 *   log ratio = log2((4/6) / (0.5/7)) = log2 9.3333333 = 3.2223924
 *   p = erfc(sqrt(8.4101160 / 2)) = 0.0037313885
 *   per 10k: 4/6 * 10000 = 6666.6667; 0
 * baum: a = 1, b = 4: ad - bc = 1*7 - 4*6 = -17;
 *   chi2 = 13 * 17^2 / (6 * 7 * 5 * 8) = 3757 / 1680 = 2.2363095;
 *   G2 = 2 (1 ln(1/2.3076923) + 4 ln(4/2.6923077) + 5 ln(5/3.6923077) + 3 ln(3/4.3076923))
 *      = 2 (-0.8362480 + 1.5835826 + 1.5159313 - 1.0853701) = 2 * 1.1778958 = 2.3557915;
 *   log ratio log2((1/6)/(4/7)) = log2(7/24) = -1.7776076; p = 0.1248185
 * auto: a = 1, b = 3: G2 = 1.0808380, chi2 = 13 (7 - 18)^2 / (6*7*4*9) = 1573/1512
 *   = 1.0403439; log ratio log2(7/18) = -1.3625701; p = 0.2985102
 */
static void test_keyness_tiny_corpus(void **state)
{
	sw_test_pipe p;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k;
	const sw_keyness_record *r;
	const sw_keyness_summary *s;

	(void)state;
	build(&p, tiny, 4);
	o.no_phrases = 1;
	k = run(&p, tiny_side, &o);
	s = sw_keyness_summary_get(k);
	assert_int_equal(s->tokens_target, 6);
	assert_int_equal(s->tokens_reference, 7);
	assert_int_equal(s->docs_target, 2);
	assert_int_equal(s->docs_reference, 2);
	assert_int_equal(s->tested, 3);
	assert_float_equal(s->alpha, 0.0, 0.0);
	assert_int_equal(sw_keyness_count(k), 3);
	/* order: the target's haus, then the reference's baum (G2 2.36), auto (1.08) */
	assert_true(key_is(sw_keyness_get(k, 0), "haus"));
	assert_true(key_is(sw_keyness_get(k, 1), "baum"));
	assert_true(key_is(sw_keyness_get(k, 2), "auto"));
	r = find(k, "haus");
	assert_int_equal(r->term_len, 4);
	assert_memory_equal(r->term, "Haus", 4);
	assert_int_equal(r->n, 1);
	assert_int_equal(r->count_target, 4);
	assert_int_equal(r->count_reference, 0);
	assert_int_equal(r->docs_target, 2);
	assert_int_equal(r->docs_reference, 0);
	assert_float_equal(r->per_10k_target, 40000.0 / 6, 1e-9);
	assert_float_equal(r->per_10k_reference, 0.0, 0.0);
	assert_float_equal(r->g2, 8.410115993451129, 1e-9);
	assert_float_equal(r->chi2, 6.7407407407407405, 1e-9);
	assert_float_equal(r->log_ratio, 3.222392421336448, 1e-9);
	assert_float_equal(r->p, 0.003731388520638411, 1e-12);
	assert_int_equal(r->direction, SW_KEYNESS_TARGET);
	assert_int_equal(r->first, 0);
	r = find(k, "baum");
	assert_int_equal(r->count_target, 1);
	assert_int_equal(r->count_reference, 4);
	assert_int_equal(r->docs_reference, 2);
	assert_float_equal(r->g2, 2.355791530579316, 1e-9);
	assert_float_equal(r->chi2, 13.0 * 289 / 1680, 1e-9);
	assert_float_equal(r->log_ratio, log2(7.0 / 24), 1e-9);
	assert_float_equal(r->p, 0.1248185160520949, 1e-9);
	assert_int_equal(r->direction, SW_KEYNESS_REFERENCE);
	r = find(k, "auto");
	assert_float_equal(r->g2, 1.0808380407866212, 1e-9);
	assert_float_equal(r->chi2, 13.0 * 121 / 1512, 1e-9);
	assert_float_equal(r->log_ratio, log2(7.0 / 18), 1e-9);
	assert_int_equal(r->direction, SW_KEYNESS_REFERENCE);
	sw_keyness_free(k);

	/* min_count 5: only baum (1 + 4) is tested */
	o.min_count = 5;
	k = run(&p, tiny_side, &o);
	assert_int_equal(sw_keyness_count(k), 1);
	assert_true(key_is(sw_keyness_get(k, 0), "baum"));
	assert_int_equal(sw_keyness_summary_get(k)->tested, 1);
	sw_keyness_free(k);

	/* top 1 per direction: haus and baum */
	o.min_count = 0;
	o.top = 1;
	k = run(&p, tiny_side, &o);
	assert_int_equal(sw_keyness_count(k), 2);
	assert_true(key_is(sw_keyness_get(k, 0), "haus"));
	assert_true(key_is(sw_keyness_get(k, 1), "baum"));
	assert_int_equal(sw_keyness_summary_get(k)->kept_reference, 2);
	sw_keyness_free(k);

	/* log ratio ranks by |log ratio|: baum 1.78 before auto 1.36 */
	o.top = 0;
	o.measure = SW_KEYNESS_LOG_RATIO;
	k = run(&p, tiny_side, &o);
	assert_true(key_is(sw_keyness_get(k, 1), "baum"));
	assert_true(key_is(sw_keyness_get(k, 2), "auto"));
	sw_keyness_free(k);

	/* the sides swapped: haus becomes the reference's, log ratio negated */
	{
		static const uint8_t swapped[] = { SW_KEYNESS_REFERENCE, SW_KEYNESS_TARGET,
						   SW_KEYNESS_REFERENCE, SW_KEYNESS_TARGET };
		o.measure = SW_KEYNESS_G2;
		k = run(&p, swapped, &o);
		assert_true(key_is(sw_keyness_get(k, 0), "baum"));
		assert_int_equal(sw_keyness_get(k, 0)->direction, SW_KEYNESS_TARGET);
		r = find(k, "haus");
		assert_int_equal(r->direction, SW_KEYNESS_REFERENCE);
		assert_float_equal(r->g2, 8.410115993451129, 1e-9);
		assert_float_equal(r->log_ratio, -3.222392421336448, 1e-9);
		sw_keyness_free(k);
	}
	sw_test_pipe_close(&p);
}

/*
 * Text-dispersion keyness (g2_docs, Egbert & Biber 2019): G2 over the
 * documents.  Target A: 4 documents, reference B: 4.
 *   Wahl: 6 times in a1 alone (1 of 4 documents vs 0 of 4);
 *   Klima: once in a1, a2, a3 (3 of 4 vs 0 of 4);
 *   Auto: in a2 and in b1..b4 (1 of 4 vs 4 of 4).
 * g2_docs of Klima: table [[3, 0], [1, 4]], N = 8, rows 3 and 5, columns
 * 4 and 4: E = 1.5, 1.5, 2.5, 2.5;
 *   G2 = 2 (3 ln(3/1.5) + 1 ln(1/2.5) + 4 ln(4/2.5))
 *      = 2 (2.0794415 - 0.9162907 + 1.8800145) = 6.0863307.
 * Wahl: [[1, 0], [3, 4]]: rows 1 and 7, E = 0.5, 0.5, 3.5, 3.5;
 *   G2 = 2 (1 ln 2 + 3 ln(3/3.5) + 4 ln(4/3.5))
 *      = 2 (0.6931472 - 0.4624520 + 0.5341256) = 1.5296414.
 * Auto: [[1, 4], [3, 0]]: Klima's table mirrored, 6.0863307, direction
 * reference by documents (1/4 < 4/4).
 * By g2 Wahl (6 of A's 13 tokens) leads the target; by g2_docs Klima.
 */
static const tdoc disp[] = {
	{ "a1", NULL, "A", "Wahl Wahl Wahl Wahl Wahl Wahl Klima." },
	{ "a2", NULL, "A", "Klima Auto." },
	{ "a3", NULL, "A", "Klima Haus." },
	{ "a4", NULL, "A", "Haus." },
	{ "b1", NULL, "B", "Auto Haus." },
	{ "b2", NULL, "B", "Auto." },
	{ "b3", NULL, "B", "Auto Haus." },
	{ "b4", NULL, "B", "Auto." },
};

static void test_keyness_g2_docs(void **state)
{
	static const uint8_t side[] = { 1, 1, 1, 1, 2, 2, 2, 2 };
	static const uint8_t all_target[] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	static const char lst[] = "Klima\t10\nAuto\t40\n#total 1000\n";
	sw_test_pipe p;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k = NULL;
	const sw_keyness_record *r;
	sw_reflist *list = NULL;
	sw_error err;

	(void)state;
	build(&p, disp, 8);
	o.no_phrases = 1;
	o.min_count = 1;
	k = run(&p, side, &o);
	assert_true(key_is(sw_keyness_get(k, 0), "wahl")); /* by g2 */
	r = find(k, "klima");
	assert_int_equal(r->docs_target, 3);
	assert_int_equal(r->docs_reference, 0);
	assert_float_equal(r->g2_docs, 6.0863307, 1e-6);
	assert_float_equal(r->g2_docs, 2 * (3 * log(2.0) + log(1 / 2.5) + 4 * log(4 / 2.5)),
			   1e-12);
	assert_float_equal(r->g2_docs, sw_keyness_g2(3, 0, 4, 4), 0.0);
	r = find(k, "wahl");
	assert_float_equal(r->g2_docs, 1.5296414, 1e-6);
	r = find(k, "auto");
	assert_float_equal(r->g2_docs, 6.0863307, 1e-6);
	sw_keyness_free(k);

	/* ranked by documents: Klima first; the direction by documents */
	o.measure = SW_KEYNESS_G2_DOCS;
	k = run(&p, side, &o);
	assert_true(key_is(sw_keyness_get(k, 0), "klima"));
	assert_true(key_is(sw_keyness_get(k, 1), "wahl"));
	assert_int_equal(find(k, "auto")->direction, SW_KEYNESS_REFERENCE);
	assert_int_equal(find(k, "wahl")->direction, SW_KEYNESS_TARGET);
	sw_keyness_free(k);

	/* a reference list has no documents: g2_docs NAN, ranking by it refused */
	assert_int_equal(sw_reflist_parse(&list, lst, sizeof lst - 1, "lst", p.lx, NULL, NULL),
			 SW_OK);
	o.reference_list = list;
	memset(&err, 0, sizeof err);
	k = NULL;
	assert_int_equal(sw_keyness_new(&k, p.c, all_target, &o, &err), SW_EINVAL);
	assert_null(k);
	assert_non_null(strstr(err.message, "g2_docs"));
	o.measure = SW_KEYNESS_G2;
	k = run(&p, all_target, &o);
	r = find(k, "klima");
	assert_non_null(r);
	assert_true(isnan(r->g2_docs));
	assert_true(r->g2 > 0.0);
	sw_keyness_free(k);
	sw_reflist_free(list);
	sw_test_pipe_close(&p);
}

/*
 * The significance cut.  p: haus 0.0037, baum 0.1248, auto 0.2985; 3
 * terms tested.
 *   alpha 0.2:                haus, baum
 *   alpha 0.2, Bonferroni:    0.2 / 3 = 0.0667: haus
 *   alpha 0.003, Bonferroni:  0.001: none
 *   Bonferroni alone:         0.05 / 3 = 0.0167: haus
 */
static void test_keyness_significance(void **state)
{
	sw_test_pipe p;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k;

	(void)state;
	build(&p, tiny, 4);
	o.no_phrases = 1;
	o.alpha = 0.2;
	k = run(&p, tiny_side, &o);
	assert_int_equal(sw_keyness_count(k), 2);
	assert_true(find(k, "haus") && find(k, "baum") && !find(k, "auto"));
	assert_float_equal(sw_keyness_summary_get(k)->alpha, 0.2, 1e-15);
	sw_keyness_free(k);
	o.bonferroni = 1;
	k = run(&p, tiny_side, &o);
	assert_int_equal(sw_keyness_count(k), 1);
	assert_true(find(k, "haus") != NULL);
	assert_float_equal(sw_keyness_summary_get(k)->alpha, 0.2 / 3, 1e-15);
	assert_int_equal(sw_keyness_summary_get(k)->tested, 3);
	sw_keyness_free(k);
	o.alpha = 0.003;
	k = run(&p, tiny_side, &o);
	assert_int_equal(sw_keyness_count(k), 0);
	sw_keyness_free(k);
	o.alpha = 0.0;
	k = run(&p, tiny_side, &o);
	assert_float_equal(sw_keyness_summary_get(k)->alpha, 0.05 / 3, 1e-15);
	assert_int_equal(sw_keyness_count(k), 1);
	sw_keyness_free(k);
	sw_test_pipe_close(&p);
}

/*
 * Phrases: target "Open Source Haus Open Source." (5 counted tokens, the
 * phrase twice), reference "Open-Source Baum Baum." (3 tokens): the
 * compound token is the same phrase (key "open sourc"), b = 1.
 * Rates 2/5 = 0.4 > 1/3: direction target.  Without phrases only the
 * words remain, the compound as the word "open-sourc".
 */
static void test_keyness_phrases(void **state)
{
	static const tdoc docs[] = {
		{ "t", NULL, "T", "Open Source Haus Open Source." },
		{ "r", NULL, "R", "Open-Source Baum Baum." },
	};
	static const uint8_t side[] = { SW_KEYNESS_TARGET, SW_KEYNESS_REFERENCE };
	sw_test_pipe p;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k;
	const sw_keyness_record *r;

	(void)state;
	build(&p, docs, 2);
	o.min_count = 1;
	k = run(&p, side, &o);
	r = find(k, "open sourc");
	assert_non_null(r);
	assert_int_equal(r->n, 2);
	assert_int_equal(r->count_target, 2);
	assert_int_equal(r->count_reference, 1);
	assert_int_equal(r->docs_target, 1);
	assert_int_equal(r->docs_reference, 1);
	assert_float_equal(r->g2, sw_keyness_g2(2, 1, 5, 3), 1e-12);
	assert_int_equal(r->direction, SW_KEYNESS_TARGET);
	sw_keyness_free(k);
	o.no_phrases = 1;
	k = run(&p, side, &o);
	assert_null(find(k, "open sourc"));
	assert_non_null(find(k, "open-sourc")); /* the compound as a word */
	sw_keyness_free(k);
	sw_test_pipe_close(&p);
}

static void test_keyness_date_range(void **state)
{
	sw_date_range r;
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_date_range_parse(&r, "2023..2025", &err), SW_OK);
	assert_string_equal(r.from, "2023-01-01");
	assert_string_equal(r.to, "2025-12-31");
	assert_int_equal(sw_date_range_test(&r, "2024-05-01"), 1);
	assert_int_equal(sw_date_range_test(&r, "2023"), 1);
	assert_int_equal(sw_date_range_test(&r, "2025-12"), 1);
	assert_int_equal(sw_date_range_test(&r, "2022-12-31"), 0);
	assert_int_equal(sw_date_range_test(&r, "2026"), 0);
	assert_int_equal(sw_date_range_test(&r, NULL), -1);
	assert_int_equal(sw_date_range_parse(&r, "2024-03..", &err), SW_OK);
	assert_string_equal(r.from, "2024-03-01");
	assert_string_equal(r.to, "");
	assert_int_equal(sw_date_range_test(&r, "2024-02-29"), 0);
	assert_int_equal(sw_date_range_test(&r, "2030"), 1);
	assert_int_equal(sw_date_range_test(&r, "2024"), -1); /* partly inside */
	assert_int_equal(sw_date_range_parse(&r, "..2020-06", &err), SW_OK);
	assert_string_equal(r.to, "2020-06-31");
	assert_int_equal(sw_date_range_test(&r, "2020-06-30"), 1);
	assert_int_equal(sw_date_range_test(&r, "2020-07-01"), 0);
	assert_int_equal(sw_date_range_parse(&r, "2024", &err), SW_OK);
	assert_string_equal(r.from, "2024-01-01");
	assert_string_equal(r.to, "2024-12-31");
	assert_int_equal(sw_date_range_parse(&r, "2025..2023", &err), SW_EINVAL);
	assert_non_null(strstr(err.message, "after"));
	assert_int_equal(sw_date_range_parse(&r, "20x4..2025", &err), SW_EINVAL);
	assert_int_equal(sw_date_range_parse(&r, "2024-13", &err), SW_EINVAL);
	assert_int_equal(sw_date_range_parse(&r, "", &err), SW_EINVAL);
}

typedef struct warns {
	int n;
	long lines[8];
} warns;

static void on_warn(const sw_warning *w, void *payload)
{
	warns *x = payload;

	assert_int_equal(w->level, SW_WARN_PROBLEM);
	assert_string_equal(w->path, "list.csv");
	if (x->n < 8)
		x->lines[x->n] = w->line;
	x->n++;
}

/*
 * A list: a header, two forms of "Verwaltung" (one key verwalt: 10 + 5),
 * a comment, #total, a stopword (counted in the total only), a quoted
 * phrase, a missing separator (line 8), a bad count (line 9), a number
 * term (skipped quietly).  Sum of the counts: 10 + 5 + 300 + 7 + 3 = 325.
 */
static const char list_csv[] =
	"term,count\n"
	"Verwaltung,10\n"
	"Verwaltungen,5\n"
	"# a comment\n"
	"#total 1000\n"
	"der,300\n"
	"\"digitale Souveränität\",7\n"
	"bad\n"
	"X,abc\n"
	"42,3\n";

static void test_keyness_reflist(void **state)
{
	sw_test_pipe p;
	sw_reflist_options lo = SW_REFLIST_OPTIONS_INIT;
	sw_reflist *l = NULL;
	sw_error err;
	warns w;
	const char *bad;

	(void)state;
	memset(&err, 0, sizeof err);
	memset(&w, 0, sizeof w);
	sw_test_pipe_open(&p, SW_STEMMER_SNOWBALL, 0);
	lo.warn = on_warn;
	lo.warn_payload = &w;
	assert_int_equal(sw_reflist_parse(&l, list_csv, strlen(list_csv), "list.csv", p.lx, &lo, &err),
			 SW_OK);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0], 8);
	assert_int_equal(w.lines[1], 9);
	assert_int_equal(sw_reflist_count(l), 2);
	assert_int_equal(sw_reflist_find(l, "verwalt", 7), 15);
	assert_int_equal(sw_reflist_find(l, "digital souveranitat", 20), 7);
	assert_int_equal(sw_reflist_find(l, "der", 3), 0);
	assert_int_equal(sw_reflist_total(l), 1000);
	sw_reflist_free(l);
	l = NULL;

	/* strict: the first bad line is the error */
	lo.strict = 1;
	assert_int_equal(sw_reflist_parse(&l, list_csv, strlen(list_csv), "list.csv", p.lx, &lo, &err),
			 SW_EFORMAT);
	assert_null(l);
	assert_int_equal(err.line, 8);
	assert_string_equal(err.path, "list.csv");

	/* #total below the sum: a problem, the sum is used; TAB separator */
	lo.strict = 0;
	w.n = 0;
	bad = "Haus\t60\n#total 50\nBaum\t40\n";
	assert_int_equal(sw_reflist_parse(&l, bad, strlen(bad), "list.csv", p.lx, &lo, &err), SW_OK);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.lines[0], 2);
	assert_int_equal(sw_reflist_total(l), 100);
	sw_reflist_free(l);
	l = NULL;

	/* counts of 2^63 and more (they would print negative), a sum that
	 * would pass 2^63 - 1, a #total of 2^63: each a problem on its line,
	 * the line skipped (issue 23) */
	w.n = 0;
	bad = "Haus\t9223372036854775808\nBaum\t18446744073709551616\n"
	      "Auto\t9223372036854775807\nGarten\t1\n#total 9223372036854775808\n";
	assert_int_equal(sw_reflist_parse(&l, bad, strlen(bad), "list.csv", p.lx, &lo, &err), SW_OK);
	assert_int_equal(w.n, 4);
	assert_int_equal(w.lines[0], 1);
	assert_int_equal(w.lines[1], 2);
	assert_int_equal(w.lines[2], 4);
	assert_int_equal(w.lines[3], 5);
	assert_int_equal(sw_reflist_count(l), 1);
	assert_true(sw_reflist_total(l) == (uint64_t)INT64_MAX);
	sw_reflist_free(l);
	l = NULL;
	lo.strict = 1;
	assert_int_equal(sw_reflist_parse(&l, bad, strlen(bad), "list.csv", p.lx, &lo, &err),
			 SW_EFORMAT);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "larger than 9223372036854775807"));
	sw_reflist_free(NULL);
	sw_test_pipe_close(&p);
}

/*
 * The tiny corpus as the target (c = 13: haus 4, baum 5, auto 4) against
 * a list: Haus 10, Garten 20, #total 100.
 *   haus: a = 4, b = 10, d = 100;  baum: b = 0;  Garten: a = 0, b = 20
 *   (the list's display form, no occurrence: first = SIZE_MAX).
 */
static void test_keyness_with_list(void **state)
{
	static const uint8_t all[] = { 1, 1, 1, 1 };
	static const char text[] = "#total 100\nHaus\t10\nGarten\t20\n";
	sw_test_pipe p;
	sw_reflist *l = NULL;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k = NULL;
	const sw_keyness_record *r;
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	build(&p, tiny, 4);
	assert_int_equal(sw_reflist_parse(&l, text, strlen(text), "l.tsv", p.lx, NULL, &err), SW_OK);
	o.reference_list = l;
	o.no_phrases = 1;
	k = run(&p, all, &o);
	assert_int_equal(sw_keyness_summary_get(k)->tokens_target, 13);
	assert_int_equal(sw_keyness_summary_get(k)->tokens_reference, 100);
	r = find(k, "haus");
	assert_int_equal(r->count_target, 4);
	assert_int_equal(r->count_reference, 10);
	assert_float_equal(r->g2, sw_keyness_g2(4, 10, 13, 100), 1e-12);
	assert_float_equal(r->per_10k_reference, 1000.0, 1e-9);
	r = find(k, "baum");
	assert_int_equal(r->count_reference, 0);
	assert_int_equal(r->direction, SW_KEYNESS_TARGET);
	r = find(k, "gart");
	assert_non_null(r);
	assert_int_equal(r->term_len, 6);
	assert_memory_equal(r->term, "Garten", 6);
	assert_int_equal(r->count_target, 0);
	assert_int_equal(r->count_reference, 20);
	assert_int_equal(r->direction, SW_KEYNESS_REFERENCE);
	assert_true(r->first == SIZE_MAX);
	assert_float_equal(r->log_ratio, log2((0.5 / 13) / (20.0 / 100)), 1e-12);
	sw_keyness_free(k);
	k = NULL;

	/* reference documents together with a list: refused */
	assert_int_equal(sw_keyness_new(&k, p.c, tiny_side, &o, &err), SW_EINVAL);
	assert_null(k);
	sw_reflist_free(l);
	sw_test_pipe_close(&p);
}

/*
 * Caller-given items (themes): per-document counts summed per side.
 * Item "T1" counts 3, 1 in the target documents a1, a2 and 2 in b1: a = 4,
 * b = 2, docs 2 and 1, with the tiny corpus's c = 6, d = 7.  "T2" is seen
 * once only: below min_count 2, not tested.
 */
static void test_keyness_items(void **state)
{
	static const sw_keyness_item items[] = {
		{ "Thema eins", 10, "T1", 2, 0 },
		{ "Thema zwei", 10, "T2", 2, 1 },
	};
	/* document by document: a1, b1, a2, b2 */
	static const uint32_t counts[] = { 3, 0, 2, 1, 1, 0, 0, 0 };
	sw_test_pipe p;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k = NULL;
	const sw_keyness_record *r;
	sw_reflist *l = NULL;

	(void)state;
	build(&p, tiny, 4);
	assert_int_equal(sw_keyness_new_items(&k, p.c, tiny_side, items, 2, counts, &o, NULL), SW_OK);
	assert_int_equal(sw_keyness_count(k), 1);
	assert_int_equal(sw_keyness_summary_get(k)->tested, 1);
	r = sw_keyness_get(k, 0);
	assert_true(key_is(r, "T1"));
	assert_memory_equal(r->term, "Thema eins", 10);
	assert_int_equal(r->n, 1);
	assert_int_equal(r->count_target, 4);
	assert_int_equal(r->count_reference, 2);
	assert_int_equal(r->docs_target, 2);
	assert_int_equal(r->docs_reference, 1);
	assert_float_equal(r->g2, sw_keyness_g2(4, 2, 6, 7), 1e-12);
	assert_int_equal(r->direction, SW_KEYNESS_TARGET);
	assert_int_equal(r->first, 0);
	sw_keyness_free(k);
	k = NULL;
	/* a list cannot be the reference of items */
	assert_int_equal(sw_reflist_parse(&l, "Haus\t1\n", 7, "l", p.lx, NULL, NULL), SW_OK);
	o.reference_list = l;
	assert_int_equal(sw_keyness_new_items(&k, p.c, tiny_side, items, 2, counts, &o, NULL),
			 SW_EINVAL);
	assert_null(k);
	sw_reflist_free(l);
	sw_test_pipe_close(&p);
}

void sw_test_alloc_fail_after(long n);

/*
 * Fault injection (STYLE.md D.5): the N-th library allocation fails, for
 * N = 1, 2, ... in sw_reflist_parse() and in sw_keyness_new() with
 * phrases and a list; each run returns SW_ENOMEM or succeeds, never
 * crashes, and frees everything (LSan checks under `make check`).  The
 * loop ends after 30 successful runs in a row.
 */
static void test_keyness_oom(void **state)
{
	static const char text[] = "#total 100\nHaus\t10\nGarten\t20\nOpen Source\t3\n";
	static const tdoc docs[] = {
		{ "t", NULL, "T", "Open Source Haus Open Source. Baum und Auto." },
		{ "r", NULL, "R", "Open-Source Baum Baum. Auto Haus." },
	};
	static const uint8_t all[] = { 1, 1 };
	sw_test_pipe p;
	long n, ok_run = 0, failures = 0;
	size_t threads = 1;

	(void)state;
	build(&p, docs, 2);
	for (n = 1; ok_run < 30 || threads == 1; n++) {
		sw_reflist *l = NULL;
		sw_keyness *k = NULL;
		sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
		int rc;

		if (ok_run == 30) { /* again on 2 threads: a chunk and phrases each */
			threads = 2;
			sw_test_chunk_min_tokens(1);
			ok_run = 0;
			n = 1;
		}
		o.nthreads = threads;
		sw_test_alloc_fail_after(n);
		rc = sw_reflist_parse(&l, text, strlen(text), "l", p.lx, NULL, NULL);
		if (rc == SW_OK) {
			o.reference_list = l;
			rc = sw_keyness_new(&k, p.c, all, &o, NULL);
		}
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			assert_non_null(k);
			assert_non_null(find(k, "open sourc"));
			ok_run++;
		} else {
			assert_int_equal(rc, SW_ENOMEM);
			assert_null(k);
			failures++;
			ok_run = 0;
		}
		sw_keyness_free(k);
		sw_reflist_free(l);
	}
	assert_true(failures > 20);
	sw_test_chunk_min_tokens(0);
	sw_test_pipe_close(&p);
}

static void test_keyness_errors(void **state)
{
	static const uint8_t all_target[] = { 1, 1, 1, 1 };
	static const uint8_t no_target[] = { 0, 2, 0, 2 };
	static const uint8_t bad[] = { 1, 7, 0, 2 };
	sw_test_pipe p;
	sw_keyness *k = NULL;
	sw_error err;
	sw_keyness_measure m = SW_KEYNESS_G2;

	(void)state;
	memset(&err, 0, sizeof err);
	build(&p, tiny, 4);
	assert_int_equal(sw_keyness_new(&k, p.c, all_target, NULL, &err), SW_EINVAL);
	assert_non_null(strstr(err.message, "reference is empty"));
	assert_int_equal(sw_keyness_new(&k, p.c, no_target, NULL, &err), SW_EINVAL);
	assert_non_null(strstr(err.message, "target is empty"));
	assert_int_equal(sw_keyness_new(&k, p.c, bad, NULL, &err), SW_EINVAL);
	assert_null(k);
	assert_int_equal(sw_keyness_measure_parse(&m, "chi2"), SW_OK);
	assert_int_equal(m, SW_KEYNESS_CHI2);
	assert_int_equal(sw_keyness_measure_parse(&m, "log_ratio"), SW_OK);
	assert_string_equal(sw_keyness_measure_name(m), "log_ratio");
	assert_int_equal(sw_keyness_measure_parse(&m, "G2"), SW_EINVAL);
	assert_int_equal(m, SW_KEYNESS_LOG_RATIO);
	assert_int_equal(sw_keyness_measure_parse(&m, "g2_docs"), SW_OK);
	assert_int_equal(m, SW_KEYNESS_G2_DOCS);
	assert_string_equal(sw_keyness_measure_name(m), "g2_docs");
	sw_keyness_free(NULL);
	sw_test_pipe_close(&p);
}

/*
 * ../shared/corpora/bundestag-digital: speeches on digital policy with
 * the speaker's party as group.  Each party against all other speeches:
 * among its 20 strongest target terms is its own name or a term known to
 * be its own (the Greens' climate and ecology vocabulary; the FDP calls
 * itself "Freie Demokraten" - "FDP" is what the others say, and lands
 * among the FDP's under-used terms).
 */
static void test_keyness_bundestag_parties(void **state)
{
	static const struct {
		const char *party;
		const char *keys[4];
	} expect[] = {
		{ "CDU/CSU", { "csu-bundestagsfraktion", "cdu", "csu", NULL } },
		{ "SPD", { "spd", "spd-bundestagsfraktion", "sozialdemokrat", NULL } },
		{ "AfD", { "afd", "afd-fraktion", NULL, NULL } },
		{ "BÜNDNIS 90/DIE GRÜNEN", { "klimakris", "okolog", "nachhalt", NULL } },
		{ "FDP", { "freie demokrat", "freien demokrat", "fdp-fraktion", "demokrat" } },
		{ "DIE LINKE", { "link", "linksfraktion", NULL, NULL } },
	};
	const char *shared = sw_test_shared_dir();
	char path[1024];
	sw_corpus *corpus = NULL;
	sw_test_pipe pipe;
	size_t e, d, nd;
	uint8_t *side;

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): the Bundestag party check is skipped\n");
		skip();
	}
	snprintf(path, sizeof path, "%s/corpora/bundestag-digital", shared);
	assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 1);
	sw_test_pipe_add_corpus(&pipe, corpus);
	sw_test_pipe_finish(&pipe);
	nd = sw_counts_ndocs(pipe.c);
	assert_true(nd > 1000);
	side = calloc(nd, 1);
	assert_non_null(side);
	for (e = 0; e < sizeof expect / sizeof *expect; e++) {
		sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
		sw_keyness *k = NULL;
		size_t i, j, hits = 0, ntarget = 0;
		for (d = 0; d < nd; d++) {
			const char *g = sw_counts_doc(pipe.c, d)->group;
			side[d] = g && strcmp(g, expect[e].party) == 0 ? SW_KEYNESS_TARGET
								      : SW_KEYNESS_REFERENCE;
			ntarget += side[d] == SW_KEYNESS_TARGET;
		}
		assert_true(ntarget >= 50);
		o.top = 20;
		assert_int_equal(sw_keyness_new(&k, pipe.c, side, &o, NULL), SW_OK);
		assert_int_equal(sw_keyness_get(k, 0)->direction, SW_KEYNESS_TARGET);
		assert_true(sw_keyness_get(k, 0)->p < 1e-10);
		for (i = 0; i < sw_keyness_count(k); i++) {
			const sw_keyness_record *r = sw_keyness_get(k, i);
			for (j = 0; j < 4 && expect[e].keys[j]; j++)
				if (key_is(r, expect[e].keys[j]) && r->direction == SW_KEYNESS_TARGET)
					hits++;
		}
		if (!hits)
			fail_msg("%s: none of its typical terms among the 20 strongest", expect[e].party);
		sw_keyness_free(k);
	}
	free(side);
	sw_test_pipe_close(&pipe);
	sw_corpus_free(corpus);
}

/*
 * Words from counts aggregated while loading (no token arrays; what the
 * command does for --no-phrases and --themes when one unit decides the
 * sides): sides by group and by date ranges give the records of counts
 * with token arrays, except that first occurrences are unknown; a unit
 * the sides split, or phrases, are refused.
 */
static void load_embedded_counts(sw_test_pipe *p, const char *aggregate_by)
{
	sw_test_pipe_open(p, SW_STEMMER_SNOWBALL, 0);
	if (aggregate_by)
		assert_int_equal(sw_counts_aggregate(p->c, aggregate_by, NULL), SW_OK);
	sw_test_pipe_add_embedded(p, 1);
	sw_test_pipe_finish(p);
}

static void check_aggregated(const char *by, const char *target, const char *from,
			     const char *to)
{
	sw_test_pipe full, agg;
	sw_keyness *kf, *ka;
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	uint8_t *side;
	size_t d, i, nd;

	load_embedded_counts(&full, NULL);
	load_embedded_counts(&agg, by ? by : "date");
	nd = sw_counts_ndocs(full.c);
	assert_int_equal(sw_counts_ndocs(agg.c), nd);
	side = calloc(nd + 1, 1);
	assert_non_null(side);
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(full.c, d);
		if (by)
			side[d] = doc->group && !strcmp(doc->group, target) ? SW_KEYNESS_TARGET
									   : SW_KEYNESS_REFERENCE;
		else if (doc->date)
			side[d] = strcmp(doc->date, from) >= 0 && strcmp(doc->date, to) <= 0
					  ? SW_KEYNESS_TARGET : SW_KEYNESS_REFERENCE;
	}
	o.no_phrases = 1;
	o.top = SIZE_MAX;
	o.min_count = 1;
	assert_int_equal(sw_keyness_new(&kf, full.c, side, &o, NULL), SW_OK);
	assert_int_equal(sw_keyness_new(&ka, agg.c, side, &o, NULL), SW_OK);
	assert_true(sw_keyness_count(kf) > 100);
	assert_int_equal(sw_keyness_count(ka), sw_keyness_count(kf));
	for (i = 0; i < sw_keyness_count(kf); i++) {
		const sw_keyness_record *x = sw_keyness_get(kf, i), *y = sw_keyness_get(ka, i);
		assert_int_equal(x->key_len, y->key_len);
		assert_memory_equal(x->key, y->key, x->key_len);
		assert_int_equal(x->term_len, y->term_len);
		assert_memory_equal(x->term, y->term, x->term_len);
		assert_int_equal(x->count_target, y->count_target);
		assert_int_equal(x->count_reference, y->count_reference);
		assert_int_equal(x->docs_target, y->docs_target);
		assert_int_equal(x->docs_reference, y->docs_reference);
		assert_memory_equal(&x->g2, &y->g2, sizeof x->g2);
		assert_int_equal(x->direction, y->direction);
		assert_true(x->first != SIZE_MAX);
		assert_true(y->first == SIZE_MAX);
	}
	sw_keyness_free(kf);
	sw_keyness_free(ka);
	/* the sides split a unit: refused, naming it */
	if (by) {
		sw_error err;
		memset(&err, 0, sizeof err);
		side[0] = side[0] == SW_KEYNESS_TARGET ? SW_KEYNESS_REFERENCE : SW_KEYNESS_TARGET;
		assert_int_equal(sw_keyness_new(&ka, agg.c, side, &o, &err), SW_EINVAL);
		assert_non_null(strstr(err.message, "split"));
		side[0] = side[0] == SW_KEYNESS_TARGET ? SW_KEYNESS_REFERENCE : SW_KEYNESS_TARGET;
		o.no_phrases = 0;
		assert_int_equal(sw_keyness_new(&ka, agg.c, side, &o, &err), SW_EINVAL);
		assert_non_null(strstr(err.message, "token arrays"));
	}
	free(side);
	sw_test_pipe_close(&full);
	sw_test_pipe_close(&agg);
}

static void test_keyness_aggregated_counts(void **state)
{
	(void)state;
	check_aggregated("group", "Kommune", NULL, NULL);
	check_aggregated(NULL, NULL, "2021", "2022-12-31");
}

static void same_keyness(const sw_keyness *a, const sw_keyness *b)
{
	size_t i;

	assert_int_equal(sw_keyness_count(b), sw_keyness_count(a));
	for (i = 0; i < sw_keyness_count(a); i++) {
		const sw_keyness_record *x = sw_keyness_get(a, i), *y = sw_keyness_get(b, i);
		assert_int_equal(x->key_len, y->key_len);
		assert_memory_equal(x->key, y->key, x->key_len);
		assert_int_equal(x->term_len, y->term_len);
		assert_memory_equal(x->term, y->term, x->term_len);
		assert_int_equal(x->n, y->n);
		assert_int_equal(x->count_target, y->count_target);
		assert_int_equal(x->count_reference, y->count_reference);
		assert_int_equal(x->docs_target, y->docs_target);
		assert_int_equal(x->docs_reference, y->docs_reference);
		assert_memory_equal(&x->g2, &y->g2, sizeof x->g2);
		assert_memory_equal(&x->log_ratio, &y->log_ratio, sizeof x->log_ratio);
		assert_int_equal(x->direction, y->direction);
		assert_int_equal(x->first, y->first);
	}
}

/* Every field of every record, and the summaries, the same to the bit. */
static void same_keyness_exactly(const sw_keyness *a, const sw_keyness *b)
{
	const sw_keyness_summary *x = sw_keyness_summary_get(a), *y = sw_keyness_summary_get(b);
	size_t i;

	same_keyness(a, b);
	for (i = 0; i < sw_keyness_count(a); i++) {
		const sw_keyness_record *r = sw_keyness_get(a, i), *q = sw_keyness_get(b, i);
		assert_memory_equal(&r->per_10k_target, &q->per_10k_target, sizeof r->per_10k_target);
		assert_memory_equal(&r->per_10k_reference, &q->per_10k_reference,
				    sizeof r->per_10k_reference);
		assert_memory_equal(&r->p, &q->p, sizeof r->p);
		assert_memory_equal(&r->chi2, &q->chi2, sizeof r->chi2);
		assert_memory_equal(&r->g2_docs, &q->g2_docs, sizeof r->g2_docs);
	}
	assert_int_equal(x->tokens_target, y->tokens_target);
	assert_int_equal(x->tokens_reference, y->tokens_reference);
	assert_int_equal(x->docs_target, y->docs_target);
	assert_int_equal(x->docs_reference, y->docs_reference);
	assert_int_equal(x->tested, y->tested);
	assert_memory_equal(&x->alpha, &y->alpha, sizeof x->alpha);
	assert_int_equal(x->kept_target, y->kept_target);
	assert_int_equal(x->kept_reference, y->kept_reference);
}

/*
 * sw_keyness_units_new() + sw_keyness_unit_new(): every unit against the
 * rest gives, record for record, what sw_keyness_new() gives with that
 * unit as target and every other document as reference - units by group,
 * by document (one-document units, as issue 23's 16,000 groups) and by
 * year (the documents without a date a unit too); with the report's
 * options (Bonferroni, top 10), with every record (no cut, top all: the
 * reference direction full of terms the unit lacks), by chi-square with a
 * cut, words only with min_count 3, by g2_docs (all; and top 12 with a
 * cut), with the keywords' floors (target only, 3 documents, log ratio 1)
 * and the report's floor of documents.  A unit asked again gives the same.
 * Refused: log ratio, a reference list, compounds, a unit out of range.
 */
static void test_keyness_every_unit(void **state)
{
	static const char *const bys[] = { "group", "doc", "year" };
	sw_test_pipe p;
	sw_phrases *ph = NULL;
	uint8_t *side;
	size_t nd, b, s, d, compared = 0, refs_absent = 0;
	sw_error err;

	(void)state;
	load_embedded_counts(&p, NULL);
	nd = sw_counts_ndocs(p.c);
	side = calloc(nd + 1, 1);
	assert_non_null(side);
	assert_int_equal(sw_phrases_new(&ph, p.c, NULL, NULL), SW_OK);
	for (b = 0; b < sizeof bys / sizeof *bys; b++) {
		sw_units *u = NULL;
		assert_int_equal(sw_units_new(&u, p.c, bys[b], NULL), SW_OK);
		assert_true(sw_units_count(u) >= 3);
		for (s = 0; s < 8; s++) {
			sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
			sw_keyness_units *ku = NULL;
			sw_keyness *again = NULL, *first_k = NULL;
			size_t g;
			if (s == 0) { /* the report's */
				o.top = 10;
				o.bonferroni = 1;
				o.phrases = ph;
			} else if (s == 1) { /* everything */
				o.top = SIZE_MAX;
			} else if (s == 2) {
				o.measure = SW_KEYNESS_CHI2;
				o.alpha = 0.01;
				o.top = 15;
				o.phrases = ph;
			} else if (s == 3) {
				o.no_phrases = 1;
				o.min_count = 3;
				o.top = 5;
			} else if (s == 4) { /* by documents, everything */
				o.measure = SW_KEYNESS_G2_DOCS;
				o.top = SIZE_MAX;
				o.phrases = ph;
			} else if (s == 5) { /* by documents, a cut on p (of g2): not a prefix by documents */
				o.measure = SW_KEYNESS_G2_DOCS;
				o.alpha = 0.05;
				o.top = 12;
				o.phrases = ph;
			} else if (s == 6) { /* the keywords': target only, floors */
				o.target_only = 1;
				o.min_count = 1;
				o.min_docs = 3;
				o.min_log_ratio = 1.0;
				o.top = 12;
				o.phrases = ph;
			} else { /* the report's distinctive terms now */
				o.top = 10;
				o.bonferroni = 1;
				o.min_docs = 3;
				o.min_docs_share = 0.2;
				o.phrases = ph;
			}
			assert_int_equal(sw_keyness_units_new(&ku, p.c, u, &o, NULL), SW_OK);
			for (g = 0; g < sw_units_count(u); g++) {
				sw_keyness *want = NULL, *got = NULL;
				int rc1, rc2;
				size_t i;
				for (d = 0; d < nd; d++)
					side[d] = sw_units_of_doc(u, d) == g ? SW_KEYNESS_TARGET
									    : SW_KEYNESS_REFERENCE;
				rc1 = sw_keyness_new(&want, p.c, side, &o, NULL);
				rc2 = sw_keyness_unit_new(&got, ku, g, NULL);
				assert_int_equal(rc2, rc1);
				if (rc1) {
					assert_null(got);
					continue;
				}
				same_keyness_exactly(want, got);
				compared++;
				for (i = 0; i < sw_keyness_count(got); i++)
					refs_absent += sw_keyness_get(got, i)->count_target == 0;
				if (!first_k)
					first_k = got;
				else
					sw_keyness_free(got);
				sw_keyness_free(want);
			}
			/* the first unit once more, after the others */
			assert_non_null(first_k);
			for (g = 0; g < sw_units_count(u); g++)
				if (sw_keyness_unit_new(&again, ku, g, NULL) == SW_OK)
					break;
			same_keyness_exactly(first_k, again);
			sw_keyness_free(again);
			sw_keyness_free(first_k);
			sw_keyness_units_free(ku);
		}
		sw_units_free(u);
	}
	assert_true(compared > 50);
	assert_true(refs_absent > 100); /* terms a unit lacks were compared */

	/* refused */
	{
		sw_units *u = NULL;
		sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
		sw_keyness_units *ku = NULL;
		sw_keyness *k = NULL;
		assert_int_equal(sw_units_new(&u, p.c, "group", NULL), SW_OK);
		o.measure = SW_KEYNESS_LOG_RATIO;
		memset(&err, 0, sizeof err);
		assert_int_equal(sw_keyness_units_new(&ku, p.c, u, &o, &err), SW_EINVAL);
		assert_non_null(strstr(err.message, "log ratio"));
		assert_null(ku);
		o.measure = SW_KEYNESS_G2;
		o.with_compounds = 1;
		assert_int_equal(sw_keyness_units_new(&ku, p.c, u, &o, NULL), SW_EINVAL);
		o.with_compounds = 0;
		assert_int_equal(sw_keyness_units_new(&ku, p.c, NULL, &o, NULL), SW_EINVAL);
		assert_int_equal(sw_keyness_units_new(&ku, p.c, u, &o, NULL), SW_OK);
		assert_int_equal(sw_keyness_unit_new(&k, ku, sw_units_count(u), NULL), SW_EINVAL);
		assert_null(k);
		assert_int_equal(sw_keyness_unit_new(&k, NULL, 0, NULL), SW_EINVAL);
		sw_keyness_units_free(ku);
		sw_keyness_units_free(NULL);
		sw_units_free(u);
	}
	sw_phrases_free(ph);
	free(side);
	sw_test_pipe_close(&p);
}

/* Every allocation of sw_keyness_units_new() and sw_keyness_unit_new()
 * failing in turn: SW_ENOMEM, nothing half made, and after a failure the
 * same records as without one (the scratch space is left clean). */
static void test_keyness_every_unit_oom(void **state)
{
	static const tdoc docs[] = {
		{ "t", NULL, "T", "Open Source Haus Open Source. Baum und Auto." },
		{ "r", NULL, "R", "Open-Source Baum Baum. Auto Haus Garten." },
		{ "s", NULL, "S", "Garten Garten Haus. Open Source Auto." },
	};
	sw_test_pipe p;
	sw_units *u = NULL;
	sw_keyness_units *ref_ku = NULL;
	long n, ok_run = 0, failures = 0;

	(void)state;
	build(&p, docs, 3);
	assert_int_equal(sw_units_new(&u, p.c, "group", NULL), SW_OK);
	assert_int_equal(sw_keyness_units_new(&ref_ku, p.c, u, NULL, NULL), SW_OK);
	for (n = 1; ok_run < 30; n++) {
		sw_keyness_units *ku = NULL;
		sw_keyness *k = NULL;
		size_t g;
		int rc;

		sw_test_alloc_fail_after(n);
		rc = sw_keyness_units_new(&ku, p.c, u, NULL, NULL);
		for (g = 0; rc == SW_OK && g < sw_units_count(u); g++) {
			rc = sw_keyness_unit_new(&k, ku, g, NULL);
			if (rc == SW_OK) {
				sw_keyness *want = NULL;
				sw_test_alloc_fail_after(0);
				assert_int_equal(sw_keyness_unit_new(&want, ref_ku, g, NULL), SW_OK);
				same_keyness_exactly(want, k);
				sw_keyness_free(want);
				sw_keyness_free(k);
				k = NULL;
				sw_test_alloc_fail_after(n);
			} else {
				sw_keyness *again = NULL, *want = NULL;
				assert_null(k);
				sw_test_alloc_fail_after(0);
				/* the same ku after the failure */
				assert_int_equal(sw_keyness_unit_new(&again, ku, g, NULL), SW_OK);
				assert_int_equal(sw_keyness_unit_new(&want, ref_ku, g, NULL), SW_OK);
				same_keyness_exactly(want, again);
				sw_keyness_free(want);
				sw_keyness_free(again);
			}
		}
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			ok_run++;
		} else {
			assert_int_equal(rc, SW_ENOMEM);
			failures++;
			ok_run = 0;
		}
		if (!ku)
			assert_true(rc != SW_OK);
		sw_keyness_units_free(ku);
	}
	assert_true(failures > 10);
	sw_keyness_units_free(ref_ku);
	sw_units_free(u);
	sw_test_pipe_close(&p);
}

/*
 * The words are counted on chunks of documents and the phrases taken in
 * ranges on threads (the least work a thread gets lowered to one token,
 * so that the embedded corpus is split): every record is the same on 1,
 * 2 and 3 threads, for sides by group, by date with documents on
 * neither side, and with a reference list.
 */
static void test_keyness_threads_same(void **state)
{
	static const char list_text[] = "Verwaltung\t500\nOpen Source\t40\ndigitale Souveränität\t30\n";
	sw_test_pipe p;
	sw_reflist *list = NULL;
	uint8_t *side;
	size_t nd, d, s, t;

	(void)state;
	sw_test_chunk_min_tokens(1);
	load_embedded_counts(&p, NULL);
	nd = sw_counts_ndocs(p.c);
	side = calloc(nd + 1, 1);
	assert_non_null(side);
	assert_int_equal(sw_reflist_parse(&list, list_text, strlen(list_text), "list", p.lx, NULL,
					  NULL),
			 SW_OK);
	for (s = 0; s < 3; s++) {
		sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
		sw_keyness *one;
		size_t target = 0;
		for (d = 0; d < nd; d++) {
			const sw_count_doc *doc = sw_counts_doc(p.c, d);
			if (s == 0) /* the first document's group against the rest */
				side[d] = doc->group && sw_counts_doc(p.c, 0)->group &&
						  !strcmp(doc->group, sw_counts_doc(p.c, 0)->group)
					  ? SW_KEYNESS_TARGET : SW_KEYNESS_REFERENCE;
			else if (s == 1) /* 2024 against 2022, the rest on neither side */
				side[d] = !doc->date ? SW_KEYNESS_NONE
					  : !strncmp(doc->date, "2024", 4) ? SW_KEYNESS_TARGET
					  : !strncmp(doc->date, "2022", 4) ? SW_KEYNESS_REFERENCE
									   : SW_KEYNESS_NONE;
			else /* every other document against the list */
				side[d] = d % 2 ? SW_KEYNESS_TARGET : SW_KEYNESS_NONE;
			target += side[d] == SW_KEYNESS_TARGET;
		}
		assert_true(target > 0 && target < nd);
		o.reference_list = s == 2 ? list : NULL;
		o.nthreads = 1;
		assert_int_equal(sw_keyness_new(&one, p.c, side, &o, NULL), SW_OK);
		assert_true(sw_keyness_count(one) > 20);
		for (t = 2; t <= 3; t++) {
			sw_keyness *many;
			o.nthreads = t;
			assert_int_equal(sw_keyness_new(&many, p.c, side, &o, NULL), SW_OK);
			same_keyness(one, many);
			sw_keyness_free(many);
		}
		sw_keyness_free(one);
	}
	free(side);
	sw_reflist_free(list);
	sw_test_pipe_close(&p);
	sw_test_chunk_min_tokens(0);
}

/*
 * The word records against the token arrays, counted here: a group
 * against the rest (every document on a side, where keyness reads only
 * the smaller side and takes the other from the corpus totals) and two
 * years (documents on neither side: both sides read).
 */
static void test_keyness_words_as_tokens(void **state)
{
	sw_test_pipe p;
	const sw_vocab *stems;
	uint8_t *side;
	size_t nd, nk, d, s, i, t, checked = 0;

	(void)state;
	load_embedded_counts(&p, NULL);
	stems = sw_lexicon_stems(p.lx);
	nd = sw_counts_ndocs(p.c);
	nk = sw_counts_nkeys(p.c);
	side = calloc(nd + 1, 1);
	assert_non_null(side);
	for (s = 0; s < 2; s++) {
		sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
		sw_keyness *k;
		uint32_t *cnt[2], *df[2], *last;
		size_t *first;
		for (d = 0; d < nd; d++) {
			const sw_count_doc *doc = sw_counts_doc(p.c, d);
			if (s == 0)
				side[d] = doc->group && !strcmp(doc->group, "Bund") ? SW_KEYNESS_TARGET
										    : SW_KEYNESS_REFERENCE;
			else
				side[d] = !doc->date ? SW_KEYNESS_NONE
					  : !strncmp(doc->date, "2024", 4) ? SW_KEYNESS_TARGET
					  : !strncmp(doc->date, "2022", 4) ? SW_KEYNESS_REFERENCE
									   : SW_KEYNESS_NONE;
		}
		cnt[0] = calloc(nk + 1, sizeof *cnt[0]);
		cnt[1] = calloc(nk + 1, sizeof *cnt[1]);
		df[0] = calloc(nk + 1, sizeof *df[0]);
		df[1] = calloc(nk + 1, sizeof *df[1]);
		last = calloc(nk + 1, sizeof *last);
		first = malloc((nk + 1) * sizeof *first);
		assert_true(cnt[0] && cnt[1] && df[0] && df[1] && last && first);
		for (i = 0; i <= nk; i++)
			first[i] = SIZE_MAX;
		for (d = 0; d < nd; d++) {
			const sw_count_doc *doc = sw_counts_doc(p.c, d);
			int sd = side[d] - 1;
			for (t = doc->first; sd >= 0 && t < doc->first + doc->ntokens; t++) {
				sw_term_id key = sw_counts_keys(p.c)[t];
				if (sw_counts_types(p.c)[t] != SW_TOKEN_WORD ||
				    (sw_counts_flags(p.c)[t] & SW_CT_STOP))
					continue;
				if (first[key] == SIZE_MAX)
					first[key] = t;
				cnt[sd][key]++;
				if (last[key] != d + 1) {
					last[key] = (uint32_t)(d + 1);
					df[sd][key]++;
				}
			}
		}
		o.top = SIZE_MAX;
		o.no_phrases = 1;
		o.nthreads = 2;
		assert_int_equal(sw_keyness_new(&k, p.c, side, &o, NULL), SW_OK);
		assert_true(sw_keyness_count(k) > 100);
		for (i = 0; i < sw_keyness_count(k); i++) {
			const sw_keyness_record *r = sw_keyness_get(k, i);
			sw_term_id key = sw_vocab_find(stems, r->key, r->key_len);
			assert_int_not_equal(key, SW_TERM_NONE);
			assert_int_equal(r->count_target, cnt[0][key]);
			assert_int_equal(r->count_reference, cnt[1][key]);
			assert_int_equal(r->docs_target, df[0][key]);
			assert_int_equal(r->docs_reference, df[1][key]);
			assert_int_equal(r->first, first[key]);
			checked++;
		}
		sw_keyness_free(k);
		free(cnt[0]);
		free(cnt[1]);
		free(df[0]);
		free(df[1]);
		free(last);
		free(first);
	}
	assert_true(checked > 200);
	free(side);
	sw_test_pipe_close(&p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_keyness_aggregated_counts),
	cmocka_unit_test(test_keyness_tiny_corpus),
	cmocka_unit_test(test_keyness_g2_docs),
	cmocka_unit_test(test_keyness_significance),
	cmocka_unit_test(test_keyness_phrases),
	cmocka_unit_test(test_keyness_date_range),
	cmocka_unit_test(test_keyness_reflist),
	cmocka_unit_test(test_keyness_with_list),
	cmocka_unit_test(test_keyness_items),
	cmocka_unit_test(test_keyness_oom),
	cmocka_unit_test(test_keyness_threads_same),
	cmocka_unit_test(test_keyness_every_unit),
	cmocka_unit_test(test_keyness_every_unit_oom),
	cmocka_unit_test(test_keyness_words_as_tokens),
	cmocka_unit_test(test_keyness_errors),
	cmocka_unit_test(test_keyness_bundestag_parties),
};

SW_TEST_MAIN(tests)
