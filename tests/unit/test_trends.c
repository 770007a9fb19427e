/*
 * test_trends.c - trends: the period axis with its empty periods,
 * per-period series, summaries, movers, and on ../shared the rise of
 * digital* in the Bundestag election programmes.  The statistics alone
 * (incomplete beta, Student t, least squares, Mann-Kendall,
 * Benjamini-Hochberg) are tested in test_stats.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"
#include "stichwort/themes.h"

void sw_test_alloc_fail_after(long n);

#define NEAR(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* ---- the period axis and series ---- */

/*
 * Year axis 2019..2022 (2020 empty).  Counted tokens: 2019 8 (a, b),
 * 2021 4 (c), 2022 6 (d, f); e (2 tokens) has no date; f is dated "2022"
 * only, so it is undated by month or quarter.
 *
 *   term          2019    2020  2021   2022
 *   cloud         1 (a)   -     3 (c)  2 (d)
 *   netz          5 (a,b) -     0      2 (f)
 *   dat (Daten)   2 (a,b) -     0      1 (d)
 *   souveränität  0       -     1 (c)  0
 *   plattform     0       -     0      1 (d)
 */
static void fx_years(sw_test_pipe *f)
{
	sw_test_pipe_open(f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(f, "a", "2019-03-01", NULL, "Cloud Daten Netz Netz");
	sw_test_pipe_add(f, "b", "2019-09-01", NULL, "Daten Netz Netz Netz");
	sw_test_pipe_add(f, "c", "2021-05-01", NULL, "Cloud Cloud Cloud Souveränität");
	sw_test_pipe_add(f, "d", "2022-01-01", NULL, "Cloud Cloud Daten Plattform");
	sw_test_pipe_add(f, "e", NULL, NULL, "Cloud Cloud");
	sw_test_pipe_add(f, "f", "2022", NULL, "Netz Netz");
	sw_test_pipe_finish(f);
}

static sw_term_id key_of(sw_test_pipe *f, const char *stem)
{
	sw_term_id k = sw_vocab_find(sw_lexicon_stems(f->lx), stem, strlen(stem));
	assert_int_not_equal(k, SW_TERM_NONE);
	return k;
}

static void test_trends_axis_has_empty_periods(void **state)
{
	sw_test_pipe f;
	sw_trends *t = NULL;
	sw_error err = { 0 };

	(void)state;
	fx_years(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_trends_nperiods(t), 4);
	assert_string_equal(sw_trends_period(t, 0), "2019");
	assert_string_equal(sw_trends_period(t, 1), "2020");
	assert_string_equal(sw_trends_period(t, 3), "2022");
	assert_null(sw_trends_period(t, 4));
	assert_int_equal(sw_trends_period_tokens(t, 0), 8);
	assert_int_equal(sw_trends_period_tokens(t, 1), 0);
	assert_int_equal(sw_trends_period_docs(t, 1), 0);
	assert_int_equal(sw_trends_period_tokens(t, 2), 4);
	assert_int_equal(sw_trends_period_tokens(t, 3), 6);
	assert_int_equal(sw_trends_period_docs(t, 3), 2);
	assert_int_equal(sw_trends_undated_docs(t), 1);
	assert_int_equal(sw_trends_undated_tokens(t), 2);
	assert_int_equal(sw_trends_doc_period(t, 4), SW_TRENDS_NONE);
	assert_int_equal(sw_trends_doc_period(t, 5), 3);
	sw_trends_free(t);

	/* quarters across the turn of the year: 2019-Q1 .. 2022-Q1 = 13 */
	assert_int_equal(sw_trends_new(&t, f.c, "quarter", NULL), SW_OK);
	assert_int_equal(sw_trends_nperiods(t), 13);
	assert_string_equal(sw_trends_period(t, 0), "2019-Q1");
	assert_string_equal(sw_trends_period(t, 3), "2019-Q4");
	assert_string_equal(sw_trends_period(t, 4), "2020-Q1");
	assert_string_equal(sw_trends_period(t, 12), "2022-Q1");
	assert_int_equal(sw_trends_undated_docs(t), 2); /* e, and f ("2022") */
	sw_trends_free(t);

	/* months: 2019-03 .. 2022-01 = 10 + 12 + 12 + 1 = 35 */
	assert_int_equal(sw_trends_new(&t, f.c, "month", NULL), SW_OK);
	assert_int_equal(sw_trends_nperiods(t), 35);
	assert_string_equal(sw_trends_period(t, 0), "2019-03");
	assert_string_equal(sw_trends_period(t, 9), "2019-12");
	assert_string_equal(sw_trends_period(t, 10), "2020-01");
	assert_string_equal(sw_trends_period(t, 34), "2022-01");
	assert_int_equal(sw_trends_period_tokens(t, 6), 4); /* 2019-09: b */
	assert_int_equal(sw_trends_period_tokens(t, 7), 0);
	sw_trends_free(t);

	t = NULL;
	assert_int_equal(sw_trends_new(&t, f.c, "group", &err), SW_EINVAL);
	assert_null(t);
	sw_trends_free(NULL);
	sw_test_pipe_close(&f);

	/* counts not finished yet */
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2020", NULL, "Cloud");
	assert_int_equal(sw_trends_new(&t, f.c, "year", &err), SW_EINVAL);
	assert_null(t);
	sw_test_pipe_finish(&f);
	sw_test_pipe_close(&f);
}

static void test_trends_key_series_and_docs(void **state)
{
	sw_test_pipe f;
	sw_trends *t = NULL;
	uint32_t count[4], docs[4], dc[6] = { 1, 0, 2, 0, 5, 3 };

	(void)state;
	fx_years(&f);
	assert_int_equal(sw_trends_new(&t, f.c, NULL, NULL), SW_OK); /* year */
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "cloud"), count, docs, NULL),
			 SW_EINVAL); /* not indexed yet */
	assert_int_equal(sw_trends_index_keys(t, 0, NULL), SW_OK);
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "cloud"), count, docs, NULL), SW_OK);
	/* e's two "Cloud" are undated: not in any period */
	assert_int_equal(count[0], 1);
	assert_int_equal(count[1], 0);
	assert_int_equal(count[2], 3);
	assert_int_equal(count[3], 2);
	assert_int_equal(docs[0], 1);
	assert_int_equal(docs[2], 1);
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "netz"), count, docs, NULL), SW_OK);
	assert_int_equal(count[0], 5);
	assert_int_equal(docs[0], 2);
	assert_int_equal(count[3], 2);
	/* per-document counts: a 1, c 2, e 5 (undated, dropped), f 3 */
	sw_trends_series_from_docs(t, dc, count, docs);
	assert_int_equal(count[0], 1);
	assert_int_equal(count[1], 0);
	assert_int_equal(count[2], 2);
	assert_int_equal(count[3], 3);
	assert_int_equal(docs[0], 1);
	assert_int_equal(docs[3], 1);
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}

static void test_trends_summary_by_hand(void **state)
{
	/*
	 * cloud per_10k over the measured periods (2020 has no tokens and is
	 * skipped; x keeps the gap): x = 0, 2, 3 and
	 * y = 1/8, 3/4, 2/6 * 10^4 = 1250, 7500, 3333.33.
	 * mx = 5/3, Sxx = 25/9 + 1/9 + 16/9 = 14/3,
	 * Sxy = (-5(1250) + 7500 + 4(3333.33)) / 3 = 43750/9,
	 * slope = 43750/9 / (14/3) = 1041.667;
	 * intercept = 4027.778 - 1041.667 * 5/3 = 2291.667;
	 * residuals -1041.667, 3125, -2083.333: SSE = 15190972.2,
	 * se = sqrt(SSE / 1 / (14/3)) = 1804.22, t = 0.57735 = 1/sqrt 3,
	 * df = 1 (Cauchy): p = 1 - (2/pi) atan(1/sqrt 3) = 1 - 1/3 = 2/3.
	 * Mann-Kendall: (1250,7500) +, (1250,3333) +, (7500,3333) -: S = 1,
	 * Z = (1 - 1)/... = 0, p = 1.
	 * Halves: floor(3/2) = 1 period each: 2019 1/8 -> 1250,
	 * 2022 2/6 -> 3333.33, ratio (2/6)/(1/8) = 8/3.
	 * change = 1041.667 * 3 / mean(4027.778) = 0.775862.
	 * Dated count 6 of 18 dated tokens: 3333.33 per 10k.
	 */
	sw_test_pipe f;
	sw_trends *t = NULL;
	sw_trends_summary s;
	uint32_t count[4];

	(void)state;
	fx_years(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_trends_index_keys(t, 0, NULL), SW_OK);
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "cloud"), count, NULL, NULL), SW_OK);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_int_equal(s.count, 6);
	assert_int_equal(s.measured, 3);
	NEAR(s.per_10k, 10000.0 / 3.0, 1e-9);
	assert_int_equal(s.first_seen, 0);
	assert_int_equal(s.last_seen, 3);
	NEAR(s.ols.slope, 43750.0 / 42.0, 1e-9);
	NEAR(s.ols.intercept, 2291.6666666667, 1e-6);
	NEAR(s.ols.t, 1.0 / sqrt(3.0), 1e-12);
	NEAR(s.ols.p, 2.0 / 3.0, 1e-12);
	assert_int_equal(s.mk.s, 1);
	assert_true(s.mk.z == 0.0);
	NEAR(s.mk.p, 1.0, 1e-15);
	NEAR(s.first_half_per_10k, 1250.0, 1e-9);
	NEAR(s.last_half_per_10k, 10000.0 / 3.0, 1e-9);
	NEAR(s.half_ratio, 8.0 / 3.0, 1e-12);
	NEAR(s.change, 0.7758620689655, 1e-12);

	/* plattform: 0, 0, 1/6 -> a zero first half counts as 0.5:
	 * (1/6) / (0.5/8) = 8/3; first seen = last seen = 2022 */
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "plattform"), count, NULL, NULL), SW_OK);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_true(s.first_half_per_10k == 0.0);
	NEAR(s.half_ratio, 8.0 / 3.0, 1e-12);
	assert_int_equal(s.first_seen, 3);
	assert_int_equal(s.last_seen, 3);
	/* souveränität only in the middle period: both halves zero, no ratio */
	assert_int_equal(sw_trends_key_series(t, key_of(&f, "souveranitat"), count, NULL, NULL),
			 SW_OK);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_true(isnan(s.half_ratio));
	NEAR(s.change, 0.6428571428571, 1e-12);
	/* a term that never occurs */
	memset(count, 0, sizeof count);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_int_equal(s.first_seen, SW_TRENDS_NONE);
	assert_true(s.ols.slope == 0.0);
	assert_true(isnan(s.change));
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}

static void test_trends_movers(void **state)
{
	/*
	 * change = slope * 3 / mean over x = 0, 2, 3 (see the summary test):
	 *   plattform 0, 0, 1666.67        ->  2.571429
	 *   netz      6250, 0, 3333.33     -> -1.201863
	 *   dat       2500, 0, 1666.67     -> -0.9
	 *   cloud     1250, 7500, 3333.33  ->  0.775862
	 *   souverän. 0, 2500, 0           ->  0.642857
	 */
	sw_test_pipe f;
	sw_trends *t = NULL;
	const sw_trends_mover *m;
	size_t n;
	sw_trends_summary s;
	uint32_t count[4];

	(void)state;
	fx_years(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 1, NULL), SW_EINVAL);
	assert_int_equal(sw_trends_index_keys(t, 0, NULL), SW_OK);
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 5);
	assert_int_equal(m[0].key, key_of(&f, "plattform"));
	NEAR(m[0].change, 2.571428571429, 1e-11);
	assert_int_equal(m[1].key, key_of(&f, "netz"));
	NEAR(m[1].change, -1.201863354037, 1e-11);
	assert_int_equal(m[1].count, 7);
	assert_int_equal(m[1].docs, 3);
	assert_int_equal(m[2].key, key_of(&f, "dat"));
	assert_int_equal(m[3].key, key_of(&f, "cloud"));
	assert_int_equal(m[4].key, key_of(&f, "souveranitat"));
	/* the mover's change is the summary's, bit for bit */
	assert_int_equal(sw_trends_key_series(t, m[3].key, count, NULL, NULL), SW_OK);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_true(s.change == m[3].change);
	assert_true(s.ols.slope == m[3].slope);
	assert_true(s.mk.p == m[3].mk_p);
	/* plattform (0, 0, 1666.67) and souveränität (0, 2500, 0) rise from
	 * one period: bursts; cloud without its peak 7500 still rises by
	 * 0.909 >= 0.776 / 2 */
	assert_true(m[0].burst);
	assert_false(m[3].burst);
	assert_true(m[4].burst);
	assert_false(m[1].burst);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_string_equal(sw_trends_direction_name(&s), "rising");
	assert_int_equal(sw_trends_key_series(t, m[0].key, count, NULL, NULL), SW_OK);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_true(s.burst);
	assert_int_equal(s.peak, 3);
	assert_string_equal(sw_trends_direction_name(&s), "burst");
	/* q is Benjamini-Hochberg over the five candidates */
	{
		double pv[5], qv[5];
		size_t i, c = 0;
		for (i = 0; i < n; i++)
			pv[i] = m[i].mk_p;
		assert_int_equal(sw_trends_bh(qv, pv, n, NULL), SW_OK);
		for (i = 0; i < n; i++) {
			assert_true(isnan(qv[i]) ? isnan(m[i].q) : qv[i] == m[i].q);
			c += !isnan(m[i].q) && m[i].q >= m[i].mk_p;
		}
		assert_true(c >= 1);
		assert_int_equal(sw_trends_candidates(t, NULL), 5);
	}
	/* none of five series of three points is significant */
	sw_trends_set_max_q(t, 0.05);
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 0);
	sw_trends_set_max_q(t, 1.0);

	/* bursts are not rising */
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_RISING, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].key, key_of(&f, "cloud"));
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_FALLING, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].key, key_of(&f, "netz"));
	assert_int_equal(m[1].key, key_of(&f, "dat"));
	/* min count 2 drops plattform and souveränität (1 each); min docs 3
	 * keeps cloud (a, c, d), netz (a, b, f), dat (a, b, d) */
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_RISING, 2, 3, NULL), SW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].key, key_of(&f, "cloud"));
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 4, NULL), SW_OK);
	assert_int_equal(n, 0);
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}

/*
 * Counts aggregated by the period (no token arrays, what `stichwort
 * trends` loads for its movers) index the same series and give the same
 * movers, bit for bit, as counts that keep their tokens: the embedded
 * corpus by year, quarter and month, content terms and all terms.
 * Counts aggregated by another unit are refused.
 */
static void load_corpus(sw_test_pipe *f, const char *aggregate_by)
{
	char path[4096];
	sw_corpus *corpus;

	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
	sw_test_pipe_open(f, SW_STEMMER_SNOWBALL, 0);
	if (aggregate_by)
		assert_int_equal(sw_counts_aggregate(f->c, aggregate_by, NULL), SW_OK);
	sw_test_pipe_add_corpus(f, corpus);
	sw_test_pipe_finish(f);
	sw_corpus_free(corpus);
}

static void test_trends_aggregated_counts(void **state)
{
	static const char *const bys[] = { "year", "quarter", "month" };
	size_t b, all, i, k;

	(void)state;
	for (b = 0; b < 3; b++)
		for (all = 0; all < 2; all++) {
			sw_test_pipe full, agg;
			sw_trends *tf = NULL, *ta = NULL;
			const sw_trends_mover *mf, *ma;
			size_t nf, na, np;
			uint32_t cf[512], df[512], ca[512], da[512];

			load_corpus(&full, NULL);
			load_corpus(&agg, bys[b]);
			assert_null(sw_counts_keys(agg.c));
			assert_int_equal(sw_counts_nkeys(agg.c), sw_counts_nkeys(full.c));
			assert_int_equal(sw_trends_new(&tf, full.c, bys[b], NULL), SW_OK);
			assert_int_equal(sw_trends_new(&ta, agg.c, bys[b], NULL), SW_OK);
			np = sw_trends_nperiods(tf);
			assert_int_equal(sw_trends_nperiods(ta), np);
			assert_true(np >= 2 && np <= 512);
			assert_int_equal(sw_trends_index_keys(tf, (int)all, NULL), SW_OK);
			assert_int_equal(sw_trends_index_keys(ta, (int)all, NULL), SW_OK);
			for (k = 0; k < sw_counts_nkeys(full.c); k++) {
				assert_int_equal(sw_trends_key_series(tf, (sw_term_id)k, cf, df, NULL), SW_OK);
				assert_int_equal(sw_trends_key_series(ta, (sw_term_id)k, ca, da, NULL), SW_OK);
				assert_memory_equal(cf, ca, np * sizeof *cf);
				assert_memory_equal(df, da, np * sizeof *df);
			}
			assert_int_equal(sw_trends_movers(&mf, &nf, tf, SW_TRENDS_BOTH, 2, 1, NULL), SW_OK);
			assert_int_equal(sw_trends_movers(&ma, &na, ta, SW_TRENDS_BOTH, 2, 1, NULL), SW_OK);
			assert_int_equal(na, nf);
			assert_true(nf > 10);
			for (i = 0; i < nf; i++) {
				assert_int_equal(ma[i].key, mf[i].key);
				assert_int_equal(ma[i].count, mf[i].count);
				assert_int_equal(ma[i].docs, mf[i].docs);
				assert_memory_equal(&ma[i].slope, &mf[i].slope, sizeof mf[i].slope);
				assert_memory_equal(&ma[i].change, &mf[i].change, sizeof mf[i].change);
			}
			sw_trends_free(tf);
			sw_trends_free(ta);
			sw_test_pipe_close(&full);
			sw_test_pipe_close(&agg);
		}
	{
		sw_test_pipe agg;
		sw_trends *t = NULL;
		sw_error err;
		memset(&err, 0, sizeof err);
		load_corpus(&agg, "group");
		assert_int_equal(sw_trends_new(&t, agg.c, "year", NULL), SW_OK);
		assert_int_equal(sw_trends_index_keys(t, 0, &err), SW_EINVAL);
		assert_non_null(strstr(err.message, "aggregated by group"));
		sw_trends_free(t);
		sw_test_pipe_close(&agg);
	}
}

/* Ties in change are broken by the key's bytes: two words with the same
 * series ("Anker", "Boje") come out in byte order whatever their ids. */
static void test_trends_movers_tie_break(void **state)
{
	sw_test_pipe f;
	sw_trends *t = NULL;
	const sw_trends_mover *m;
	size_t n;

	(void)state;
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2020", NULL, "Boje Anker Wasser Wasser Wasser Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "b", "2021", NULL, "Boje Anker Boje Anker Wasser Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "c", "2022", NULL, "Boje Anker Boje Anker Boje Anker Wasser Wasser");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_trends_index_keys(t, 0, NULL), SW_OK);
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_RISING, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 2);
	assert_true(m[0].change == m[1].change);
	assert_false(m[0].burst);
	assert_int_equal(m[0].key, key_of(&f, "ank"));
	assert_int_equal(m[1].key, key_of(&f, "boj"));
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}


/* Benjamini-Hochberg from its definition: p sorted ascending, q_(j) =
 * min over k >= j of p_(k) m / k; NaN is not tested; ties share q. */
/* Which periods the corpus covers only in part. */
static void test_trends_partial_periods(void **state)
{
	sw_test_pipe f;
	sw_trends *t = NULL;
	sw_trends_summary s;
	uint32_t count[3] = { 2, 4, 6 };

	(void)state;
	/* speeches all year in 2020 and 2021, until March in 2022: the last
	 * period stops 301 days short (> 365/4, > 2 x the median 16 days) */
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2020-01-15", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "b", "2020-12-10", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "c", "2021-01-20", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "d", "2021-12-15", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "e", "2022-01-10", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_add(&f, "g", "2022-03-05", NULL, "Netz Wasser Wasser Wasser");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_trends_nperiods(t), 3);
	assert_true(sw_trends_period_complete(t, 0));
	assert_true(sw_trends_period_complete(t, 1));
	assert_false(sw_trends_period_complete(t, 2));
	assert_false(sw_trends_period_measured(t, 2));
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_int_equal(s.measured, 2);
	assert_int_equal(s.count, 12);
	sw_trends_include_partial(t, 1);
	assert_true(sw_trends_period_measured(t, 2));
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	assert_int_equal(s.measured, 3);
	sw_trends_free(t);
	/* by month the corpus's own rhythm decides: January 2020 starts 14
	 * days late (> 31/4) but the other months start 9 to 19 days late
	 * (median 12.5, twice that 25); March 2022 stops 26 days short, the
	 * other months 11 to 21 (median 16, twice that 32): both complete */
	assert_int_equal(sw_trends_new(&t, f.c, "month", NULL), SW_OK);
	assert_true(sw_trends_period_complete(t, 0));
	assert_true(sw_trends_period_complete(t, sw_trends_nperiods(t) - 1));
	sw_trends_free(t);
	/* by quarter: 2022-Q1 stops 26 days short (> 90/4 = 22.5); the other
	 * quarters with documents stop 16 to 82 days short: complete too */
	assert_int_equal(sw_trends_new(&t, f.c, "quarter", NULL), SW_OK);
	assert_true(sw_trends_period_complete(t, sw_trends_nperiods(t) - 1));
	sw_trends_free(t);
	sw_test_pipe_close(&f);

	/* manifestos: one date per election year, months before its end;
	 * the other year's gap is as long, so the years are complete */
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2017-06-01", NULL, "Netz Wasser");
	sw_test_pipe_add(&f, "b", "2021-06-20", NULL, "Netz Wasser");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_true(sw_trends_period_complete(t, 0));
	assert_true(sw_trends_period_complete(t, 4));
	sw_trends_free(t);
	sw_test_pipe_close(&f);

	/* a single period: the quarter rule alone; a YYYY date covers its year */
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2022-01-10", NULL, "Netz Wasser");
	sw_test_pipe_add(&f, "b", "2022-03-05", NULL, "Netz Wasser");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_false(sw_trends_period_complete(t, 0));
	sw_trends_free(t);
	sw_test_pipe_close(&f);
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", "2022", NULL, "Netz Wasser");
	sw_test_pipe_add(&f, "b", "2023-02", NULL, "Netz Wasser");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "year", NULL), SW_OK);
	assert_true(sw_trends_period_complete(t, 0));
	/* 2023 ends on 28 February: 306 days short, the other year 0 */
	assert_false(sw_trends_period_complete(t, 1));
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}

/* A corpus without dated documents has no periods; nothing breaks. */
static void test_trends_no_dates(void **state)
{
	sw_test_pipe f;
	sw_trends *t = NULL;
	const sw_trends_mover *m;
	sw_trends_summary s;
	size_t n;

	(void)state;
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&f, "a", NULL, NULL, "Digitale Verwaltung");
	sw_test_pipe_finish(&f);
	assert_int_equal(sw_trends_new(&t, f.c, "month", NULL), SW_OK);
	assert_int_equal(sw_trends_nperiods(t), 0);
	assert_int_equal(sw_trends_undated_docs(t), 1);
	assert_int_equal(sw_trends_index_keys(t, 0, NULL), SW_OK);
	assert_int_equal(sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 1, NULL), SW_OK);
	assert_int_equal(n, 0);
	assert_int_equal(sw_trends_summarize(&s, t, NULL, NULL), SW_OK);
	assert_int_equal(s.measured, 0);
	assert_true(isnan(s.ols.slope));
	sw_trends_free(t);
	sw_test_pipe_close(&f);
}

/* Every allocation of the trends stage fails in turn: SW_ENOMEM, no leak
 * (LSan under `make check`), and in the end the same result. */
static void test_trends_oom(void **state)
{
	sw_test_pipe f;
	long k;
	int clean = 0;

	(void)state;
	fx_years(&f);
	for (k = 1; k < 200 && clean < 20; k++) {
		sw_trends *t = NULL;
		const sw_trends_mover *m = NULL;
		sw_trends_summary s;
		uint32_t count[4];
		size_t n = 0;
		int rc;

		sw_test_alloc_fail_after(k);
		rc = sw_trends_new(&t, f.c, "year", NULL);
		if (!rc)
			rc = sw_trends_index_keys(t, 0, NULL);
		if (!rc)
			rc = sw_trends_movers(&m, &n, t, SW_TRENDS_BOTH, 1, 1, NULL);
		if (!rc)
			rc = sw_trends_key_series(t, key_of(&f, "cloud"), count, NULL, NULL);
		if (!rc)
			rc = sw_trends_summarize(&s, t, count, NULL);
		sw_test_alloc_fail_after(0);
		if (rc) {
			assert_int_equal(rc, SW_ENOMEM);
			clean = 0;
		} else {
			assert_int_equal(n, 5);
			NEAR(s.change, 0.7758620689655, 1e-12);
			clean++;
		}
		sw_trends_free(t);
	}
	assert_true(clean >= 20);
	sw_test_pipe_close(&f);
}

/* ../shared: the Bundestag election programmes 2002-2021; digital* per
 * 10k tokens rises (positive slope, 2021 above 2002). */
static void test_trends_wahlprogramme_digital(void **state)
{
	const char *shared = sw_test_shared_dir();
	const char *pat[] = { "digital*" };
	char path[1024];
	sw_corpus *corpus = NULL;
	sw_test_pipe pipe;
	sw_trends *t = NULL;
	sw_themes *th = NULL;
	sw_matcher *m = NULL;
	sw_theme_counts *tc = NULL;
	sw_trends_summary s;
	uint32_t *dc, *count;
	size_t d, nd, np, first, last;

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): the digital* trend check is skipped\n");
		skip();
	}
	snprintf(path, sizeof path, "%s/corpora/wahlprogramme-btw", shared);
	assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
	sw_test_pipe_open(&pipe, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add_corpus(&pipe, corpus);
	sw_test_pipe_finish(&pipe);
	assert_int_equal(sw_trends_new(&t, pipe.c, "year", NULL), SW_OK);
	np = sw_trends_nperiods(t);
	assert_string_equal(sw_trends_period(t, 0), "2002");
	assert_string_equal(sw_trends_period(t, np - 1), "2021");
	assert_int_equal(np, 20); /* 2002..2021, the years between elections empty */
	assert_int_equal(sw_trends_period_tokens(t, 1), 0);
	assert_int_equal(sw_themes_from_terms(&th, pat, 1, NULL), SW_OK);
	assert_int_equal(sw_matcher_new(&m, th, pipe.lx, NULL), SW_OK);
	assert_int_equal(sw_theme_counts_new(&tc, m, pipe.c, NULL), SW_OK);
	nd = sw_counts_ndocs(pipe.c);
	dc = calloc(nd, sizeof *dc);
	count = calloc(np, sizeof *count);
	assert_non_null(dc);
	assert_non_null(count);
	for (d = 0; d < nd; d++)
		dc[d] = sw_theme_counts_doc(tc, d, 0);
	sw_trends_series_from_docs(t, dc, count, NULL);
	assert_int_equal(sw_trends_summarize(&s, t, count, NULL), SW_OK);
	first = 0;
	last = np - 1;
	print_message("digital*: 2002 %.2f, 2021 %.2f per 10k; slope %.3f (p %.4f), MK S %lld\n",
		      count[first] * 10000.0 / (double)sw_trends_period_tokens(t, first),
		      count[last] * 10000.0 / (double)sw_trends_period_tokens(t, last),
		      s.ols.slope, s.ols.p, s.mk.s);
	assert_true(s.measured == 6); /* 2002, 2005, 2009, 2013, 2017, 2021 */
	assert_true(s.ols.slope > 0);
	assert_true(count[last] * (double)sw_trends_period_tokens(t, first) >
		    count[first] * (double)sw_trends_period_tokens(t, last));
	assert_true(s.last_half_per_10k > s.first_half_per_10k);
	free(dc);
	free(count);
	sw_theme_counts_free(tc);
	sw_matcher_free(m);
	sw_themes_free(th);
	sw_trends_free(t);
	sw_test_pipe_close(&pipe);
	sw_corpus_free(corpus);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_trends_axis_has_empty_periods),
	cmocka_unit_test(test_trends_key_series_and_docs),
	cmocka_unit_test(test_trends_summary_by_hand),
	cmocka_unit_test(test_trends_movers),
	cmocka_unit_test(test_trends_aggregated_counts),
	cmocka_unit_test(test_trends_movers_tie_break),
	cmocka_unit_test(test_trends_partial_periods),
	cmocka_unit_test(test_trends_no_dates),
	cmocka_unit_test(test_trends_oom),
	cmocka_unit_test(test_trends_wahlprogramme_digital),
};

SW_TEST_MAIN(tests)
