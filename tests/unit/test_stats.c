/*
 * tests/unit/test_stats.c - the statistics on plain numbers
 * (include/stichwort/stats.h) against values computed by hand: the 2x2
 * table (G2, two-cell G2, chi-square, log ratio, p with 1 df), the signed
 * log-likelihood of an association, the incomplete beta function and
 * Student's t, the normal p, least squares, Mann-Kendall and
 * Benjamini-Hochberg; and that the older names of keyness.h and trends.h
 * give the same numbers to the bit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"

void sw_test_alloc_fail_after(long n);

#define NEAR(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* ---- 2x2 tables ---- */

/*
 * a = 10, b = 5, c = 1000, d = 2000: N = 3000, a + b = 15.
 *   E11 = 15 * 1000 / 3000 = 5, E12 = 10, E21 = 995, E22 = 1990;
 *   O21 = 990, O22 = 1995.
 *   G2 = 2 (10 ln 2 + 5 ln 0.5 + 990 ln(990/995) + 1995 ln(1995/1990))
 *      = 2 (6.9314718 - 3.4657359 - 4.9874161 + 5.0062761)
 *      = 2 * 3.4845960 = 6.9691919
 *   two-cell: 2 (10 ln 2 + 5 ln 0.5) = 10 ln 2 = 6.9314718
 *   chi2 = 25/5 + 25/10 + 25/995 + 25/1990 = 7.5376884
 *        = N (ad - bc)^2 / (c d (a+b) (N-a-b)) = 3000 * 15000^2 / (1000 * 2000 * 15 * 2985)
 *   log ratio = log2((10/1000) / (5/2000)) = log2 4 = 2
 *   p(G2) = erfc(sqrt(6.9691919 / 2)) = 0.0082924936
 * a = 0, b = 8: log ratio = log2((0.5/1000) / (8/2000)) = log2 0.125 = -3.
 * Chi-square(1) critical values: p(3.841458821) = 0.05, p(6.634896601) = 0.01.
 */
static void test_stats_table(void **state)
{
	(void)state;
	assert_float_equal(sw_stats_g2(10, 5, 1000, 2000), 6.969191931932806, 1e-9);
	assert_float_equal(sw_stats_g2_two_cell(10, 5, 1000, 2000), 10 * log(2.0), 1e-9);
	assert_float_equal(sw_stats_chi2(10, 5, 1000, 2000), 7.5376884422110555, 1e-9);
	assert_float_equal(sw_stats_log_ratio(10, 5, 1000, 2000), 2.0, 1e-12);
	assert_float_equal(sw_stats_log_ratio(0, 8, 1000, 2000), -3.0, 1e-12);
	assert_float_equal(sw_stats_log_ratio(8, 0, 2000, 1000), 3.0, 1e-12);
	assert_float_equal(sw_stats_chi2_p(6.969191931932806), 0.00829249358480712, 1e-12);
	assert_float_equal(sw_stats_chi2_p(3.841458820694124), 0.05, 1e-12);
	assert_float_equal(sw_stats_chi2_p(6.634896601021214), 0.01, 1e-12);
	assert_float_equal(sw_stats_chi2_p(0.0), 1.0, 0.0);
	/* symmetry: swapping target and reference keeps G2 and chi2, flips the ratio */
	assert_float_equal(sw_stats_g2(5, 10, 2000, 1000), 6.969191931932806, 1e-9);
	assert_float_equal(sw_stats_log_ratio(5, 10, 2000, 1000), -2.0, 1e-12);
	/* equal rates: no evidence at all */
	assert_float_equal(sw_stats_g2(10, 20, 1000, 2000), 0.0, 1e-12);
	assert_float_equal(sw_stats_chi2(10, 20, 1000, 2000), 0.0, 1e-12);
	assert_float_equal(sw_stats_chi2_p(sw_stats_g2(10, 20, 1000, 2000)), 1.0, 1e-12);
	/* degenerate tables */
	assert_float_equal(sw_stats_g2(0, 0, 1000, 2000), 0.0, 0.0);
	assert_float_equal(sw_stats_g2(3, 0, 1000, 0), 0.0, 0.0);
	assert_float_equal(sw_stats_chi2(5, 5, 5, 5), 0.0, 0.0);
	/* a rare term in large corpora: the log1p form keeps the digits.
	 * 2 in 1e9 against 1 in 2e9: a ratio of 4, G2 = 1.3862945847 */
	assert_float_equal(sw_stats_g2(2, 1, 1e9, 2e9), 1.3862945846644952, 1e-6);
	/* the full and the two-cell form agree when the term is rare */
	assert_float_equal(sw_stats_g2(1e6, 3e6, 1e9, 2e9), 131500.94893908675, 1e-3);
	assert_true(fabs(sw_stats_g2_two_cell(20, 5, 1e6, 1e6) - sw_stats_g2(20, 5, 1e6, 1e6)) < 1e-3);
}

/*
 * The signed log-likelihood of an association (phrases.h: first word |
 * rest).  o11 = 10, r1 = 20, c1 = 30, n = 100:
 *   O12 = 10, O21 = 20, O22 = 100 - 20 - 30 + 10 = 60;
 *   E11 = 20 * 30 / 100 = 6, E12 = 20 * 70 / 100 = 14, E21 = 24, E22 = 56;
 *   G2 = 2 (10 ln(10/6) + 10 ln(10/14) + 20 ln(20/24) + 60 ln(60/56))
 *      = 2 (5.1082562 - 3.3647224 - 3.6464311 + 4.1395723)
 *      = 2 * 2.2366750 = 4.4733500.
 * o11 = 2 (E11 = 6: the events avoid each other), O12 = 18, O21 = 28,
 * O22 = 52:
 *   G2 = 2 (2 ln(2/6) + 18 ln(18/14) + 28 ln(28/24) + 52 ln(52/56))
 *      = 2 (-2.1972246 + 4.5236596 + 4.3162196 - 3.8536141)
 *      = 2 * 2.7890405 = 5.5780810, negated.
 * o11 = 1, r1 = 60, c1 = 50, n = 100: O22 = -9 is taken as 0;
 *   E = 30, 30, 20, 20: G2 = 2 (ln(1/30) + 59 ln(59/30) + 49 ln(49/20))
 *      = 160.8223590, negated (1 < 30).
 */
static void test_stats_g2_assoc(void **state)
{
	(void)state;
	NEAR(sw_stats_g2_assoc(10, 20, 30, 100), 4.473350049571542, 1e-12);
	NEAR(sw_stats_g2_assoc(2, 20, 30, 100), -5.578079229779578, 1e-12);
	NEAR(sw_stats_g2_assoc(1, 60, 50, 100), -160.82235898796654, 1e-10);
	/* the same table as a term's 2x2 table: row = the first event,
	 * columns = the second event or not */
	NEAR(sw_stats_g2_assoc(10, 20, 30, 100), sw_stats_g2(10, 10, 30, 70), 1e-12);
	/* independence: E11 = O11 and every cell at its expectation */
	NEAR(sw_stats_g2_assoc(6, 20, 30, 100), 0.0, 1e-12);
	/* impossible counts: 0 */
	assert_true(sw_stats_g2_assoc(21, 20, 30, 100) == 0.0);
	assert_true(sw_stats_g2_assoc(10, 20, 9, 100) == 0.0);
	assert_true(sw_stats_g2_assoc(0, 0, 0, 0) == 0.0);
}

static void test_stats_chi2_p(void **state)
{
	(void)state;
	/* 1 df: P(X >= x) = erfc(sqrt(x / 2)); x = 1 is one standard
	 * deviation of the normal: 2 (1 - Phi(1)) = 0.3173105 */
	NEAR(sw_stats_chi2_p(1.0), 0.31731050786291415, 1e-14);
	NEAR(sw_stats_chi2_p(3.841458820694124), 0.05, 1e-12);
	assert_true(sw_stats_chi2_p(0.0) == 1.0);
	assert_true(sw_stats_chi2_p(-1.0) == 1.0);
	assert_true(sw_stats_chi2_p(NAN) == 1.0);
	assert_true(sw_stats_chi2_p(INFINITY) == 0.0);
	/* the two-sided normal p of sqrt(x) (to rounding: sqrt(4 / 2) and
	 * 2 / sqrt 2 differ in the last bit) */
	NEAR(sw_stats_chi2_p(4.0), sw_stats_normal_p(2.0), 1e-16);
	NEAR(sw_stats_chi2_p(4.0), 0.0455002638963584, 1e-15);
}

/* ---- p-values and trends ---- */

static void test_stats_betainc(void **state)
{
	(void)state;
	/* I_x(2,3) for integer a, b is a binomial tail:
	 * sum_{j=2}^{4} C(4,j) x^j (1-x)^(4-j) at x = 0.4
	 * = 6(.16)(.36) + 4(.064)(.6) + .0256 = .3456 + .1536 + .0256 = .5248 */
	NEAR(sw_stats_betainc(2, 3, 0.4), 0.5248, 1e-12);
	/* the same through the other tail: x = 0.9 > (a+1)/(a+b+2) = 3/7
	 * 6(.81)(.01) + 4(.729)(.1) + .6561 = .0486 + .2916 + .6561 = .9963 */
	NEAR(sw_stats_betainc(2, 3, 0.9), 0.9963, 1e-12);
	/* symmetric: I_{1/2}(a, a) = 1/2 */
	NEAR(sw_stats_betainc(0.5, 0.5, 0.5), 0.5, 1e-12);
	NEAR(sw_stats_betainc(7.5, 7.5, 0.5), 0.5, 1e-12);
	/* I_x(1, 1) = x */
	NEAR(sw_stats_betainc(1, 1, 0.3), 0.3, 1e-12);
	assert_true(sw_stats_betainc(1, 1, 0) == 0.0);
	assert_true(sw_stats_betainc(1, 1, 1) == 1.0);
	assert_true(isnan(sw_stats_betainc(0, 1, 0.5)));
	assert_true(isnan(sw_stats_betainc(1, 1, 1.5)));
}

static void test_stats_student_t(void **state)
{
	(void)state;
	/* tables: t(0.975; 10) = 2.228, t(0.975; 1) = 12.706, so two-sided
	 * p = 0.05 (to the tables' three decimals) */
	NEAR(sw_stats_t_p(2.228, 10), 0.05, 5e-5);
	NEAR(sw_stats_t_p(-2.228, 10), 0.05, 5e-5);
	NEAR(sw_stats_t_p(12.706, 1), 0.05, 5e-6);
	/* df = 1 is Cauchy: p = 1 - (2/pi) atan|t|; t = 1 gives 1/2 */
	NEAR(sw_stats_t_p(1.0, 1), 0.5, 1e-12);
	/* df = 2 has p = 1 - |t| / sqrt(2 + t^2); t = 2: 1 - 2/sqrt 6 */
	NEAR(sw_stats_t_p(2.0, 2), 1.0 - 2.0 / sqrt(6.0), 1e-12);
	/* large df approaches the normal: 1.959964 -> 0.05 */
	NEAR(sw_stats_t_p(1.959964, 1e7), 0.05, 1e-6);
	NEAR(sw_stats_t_p(0.0, 5), 1.0, 1e-12);
	assert_true(sw_stats_t_p(INFINITY, 5) == 0.0);
	assert_true(isnan(sw_stats_t_p(NAN, 5)));
	assert_true(isnan(sw_stats_t_p(1.0, 0)));
	NEAR(sw_stats_normal_p(1.959963984540054), 0.05, 1e-12);
	NEAR(sw_stats_normal_p(0.0), 1.0, 1e-15);
}

static void test_stats_ols(void **state)
{
	/* x = 0 1 2 3, y = 1 3 2 5: mx = 1.5, my = 2.75,
	 * Sxx = 2.25 + .25 + .25 + 2.25 = 5,
	 * Sxy = -1.5(1) - .5(3) + .5(2) + 1.5(5) = 5.5, b = 1.1, a = 1.1;
	 * fitted 1.1 2.2 3.3 4.4, residuals -.1 .8 -1.3 .6, SSE = 2.7,
	 * se = sqrt(2.7 / 2 / 5) = sqrt(.27), t = 1.1 / sqrt(.27) = 2.116951,
	 * df = 2: p = 1 - t / sqrt(2 + t^2) = 0.168478;
	 * Syy = 8.75, r2 = 1 - 2.7 / 8.75 = 0.691429. */
	const double x[] = { 0, 1, 2, 3 }, y[] = { 1, 3, 2, 5 };
	const double flat[] = { 4, 4, 4 }, line[] = { 1, 3, 5 };
	sw_stats_ols o;

	(void)state;
	sw_stats_ols_fit(&o, x, y, 4);
	assert_int_equal(o.n, 4);
	NEAR(o.slope, 1.1, 1e-12);
	NEAR(o.intercept, 1.1, 1e-12);
	NEAR(o.se, sqrt(0.27), 1e-12);
	NEAR(o.t, 1.1 / sqrt(0.27), 1e-10);
	NEAR(o.p, 0.16847815937970, 1e-10);
	NEAR(o.r2, 1.0 - 2.7 / 8.75, 1e-12);
	/* constant: slope 0, p 1, no r2 */
	sw_stats_ols_fit(&o, x, flat, 3);
	assert_true(o.slope == 0.0);
	assert_true(o.p == 1.0);
	assert_true(isnan(o.r2));
	/* a perfect line: t infinite, p 0 */
	sw_stats_ols_fit(&o, x, line, 3);
	NEAR(o.slope, 2.0, 1e-12);
	assert_true(o.p == 0.0);
	/* two points: a slope, no test */
	sw_stats_ols_fit(&o, x, y, 2);
	NEAR(o.slope, 2.0, 1e-12);
	assert_true(isnan(o.p));
	sw_stats_ols_fit(&o, x, y, 1);
	assert_true(isnan(o.slope));
}

static void test_stats_mann_kendall(void **state)
{
	/* 1 3 2 5 4: of the 10 pairs, (3,2) and (5,4) fall, 8 rise: S = 6;
	 * Var = 5*4*15/18 = 16.667; Z = (6 - 1)/sqrt(16.667) = 1.224745;
	 * p = erfc(Z / sqrt 2) = 0.220671. */
	const double y[] = { 1, 3, 2, 5, 4 };
	/* 0 0 1 1 2: pairs inside the two tie groups give 0, the other 8
	 * rise: S = 8; two groups of 2 take 2*1*9 = 18 each:
	 * Var = (300 - 36)/18 = 14.667; Z = 7/sqrt(14.667) = 1.827815;
	 * p = 0.067577. */
	const double ties[] = { 0, 0, 1, 1, 2 };
	const double down[] = { 5, 4, 3 }, same[] = { 2, 2, 2 };
	sw_stats_mk mk;

	(void)state;
	sw_stats_mk_test(&mk, y, 5);
	assert_int_equal(mk.s, 6);
	NEAR(mk.var, 300.0 / 18.0, 1e-12);
	NEAR(mk.z, 5.0 / sqrt(300.0 / 18.0), 1e-12);
	NEAR(mk.p, 0.22067136191985, 1e-10);
	NEAR(mk.tau, 0.6, 1e-12);
	sw_stats_mk_test(&mk, ties, 5);
	assert_int_equal(mk.s, 8);
	NEAR(mk.var, 264.0 / 18.0, 1e-12);
	NEAR(mk.z, 7.0 / sqrt(264.0 / 18.0), 1e-12);
	NEAR(mk.p, 0.06757726305587, 1e-10);
	/* falling: S = -3, Var = 3*2*11/18, Z = (-3 + 1)/sqrt(Var) */
	sw_stats_mk_test(&mk, down, 3);
	assert_int_equal(mk.s, -3);
	NEAR(mk.z, -2.0 / sqrt(66.0 / 18.0), 1e-12);
	/* all tied: Var(S) = 0, no test */
	sw_stats_mk_test(&mk, same, 3);
	assert_int_equal(mk.s, 0);
	assert_true(isnan(mk.z) && isnan(mk.p));
}

static void test_stats_bh(void **state)
{
	double p1[5] = { 0.01, 0.04, 0.03, 0.20, NAN }, q[5];
	double p2[3] = { 0.02, 0.02, 0.5 }, p3[2] = { 0.9, 0.8 };

	(void)state;
	assert_int_equal(sw_stats_bh(q, p1, 5, NULL), SW_OK);
	/* m = 4: 0.01*4/1 = 0.04; 0.03*4/2 = 0.06 -> min with 0.04*4/3 */
	NEAR(q[0], 0.04, 1e-15);
	NEAR(q[1], 0.16 / 3.0, 1e-15);
	NEAR(q[2], 0.16 / 3.0, 1e-15);
	NEAR(q[3], 0.20, 1e-15);
	assert_true(isnan(q[4]));
	assert_int_equal(sw_stats_bh(q, p2, 3, NULL), SW_OK);
	NEAR(q[0], 0.03, 1e-15);
	NEAR(q[1], 0.03, 1e-15);
	NEAR(q[2], 0.5, 1e-15);
	/* 0.8 * 2 / 1 = 1.6 is held down by the larger p's 0.9 */
	assert_int_equal(sw_stats_bh(q, p3, 2, NULL), SW_OK);
	NEAR(q[0], 0.9, 1e-15);
	NEAR(q[1], 0.9, 1e-15);
	assert_int_equal(sw_stats_bh(q, p3, 0, NULL), SW_OK);
}

static void test_stats_bh_oom(void **state)
{
	double p[3] = { 0.01, 0.02, 0.03 }, q[3];
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	sw_test_alloc_fail_after(1);
	assert_int_equal(sw_stats_bh(q, p, 3, &err), SW_ENOMEM);
	sw_test_alloc_fail_after(0);
	assert_int_equal(err.code, SW_ENOMEM);
	assert_int_equal(sw_stats_bh(q, p, 3, NULL), SW_OK);
	NEAR(q[0], 0.03, 1e-15);
	NEAR(q[2], 0.03, 1e-15);
}

/* ---- the older names ---- */

/* keyness.h and trends.h keep their names for the same functions: the
 * same numbers, compared with ==, over a spread of inputs. */
static void test_stats_older_names(void **state)
{
	const double x[] = { 0, 1, 3, 4, 7 }, y[] = { 0.5, 0, 2.25, 2.25, 9 };
	const double p[] = { 0.2, NAN, 0.01, 0.04 };
	double q1[4], q2[4];
	sw_stats_ols o1;
	sw_trends_ols o2;
	sw_stats_mk m1;
	sw_trends_mk m2;
	int i;

	(void)state;
	for (i = 0; i < 64; i++) {
		double a = i % 7, b = (i * 5) % 11, c = 10 + i * 37, d = 1000 + i * 101;
		assert_true(sw_keyness_g2(a, b, c, d) == sw_stats_g2(a, b, c, d));
		assert_true(sw_keyness_g2_two_cell(a, b, c, d) == sw_stats_g2_two_cell(a, b, c, d));
		assert_true(sw_keyness_chi2(a, b, c, d) == sw_stats_chi2(a, b, c, d));
		assert_true(sw_keyness_log_ratio(a, b, c, d) == sw_stats_log_ratio(a, b, c, d));
		assert_true(sw_keyness_p(a * 0.7) == sw_stats_chi2_p(a * 0.7));
		assert_true(sw_trends_betainc(1 + a, 0.5 + b, i / 64.0) ==
			    sw_stats_betainc(1 + a, 0.5 + b, i / 64.0));
		assert_true(sw_trends_t_p(a - 3, 1 + b) == sw_stats_t_p(a - 3, 1 + b));
		assert_true(sw_trends_normal_p(a / 3) == sw_stats_normal_p(a / 3));
	}
	sw_stats_ols_fit(&o1, x, y, 5);
	sw_trends_ols_fit(&o2, x, y, 5);
	assert_memory_equal(&o1, &o2, sizeof o1);
	sw_stats_mk_test(&m1, y, 5);
	sw_trends_mk_test(&m2, y, 5);
	assert_memory_equal(&m1, &m2, sizeof m1);
	assert_int_equal(sw_stats_bh(q1, p, 4, NULL), SW_OK);
	assert_int_equal(sw_trends_bh(q2, p, 4, NULL), SW_OK);
	assert_memory_equal(q1, q2, sizeof q1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_stats_table),
	cmocka_unit_test(test_stats_g2_assoc),
	cmocka_unit_test(test_stats_chi2_p),
	cmocka_unit_test(test_stats_betainc),
	cmocka_unit_test(test_stats_student_t),
	cmocka_unit_test(test_stats_ols),
	cmocka_unit_test(test_stats_mann_kendall),
	cmocka_unit_test(test_stats_bh),
	cmocka_unit_test(test_stats_bh_oom),
	cmocka_unit_test(test_stats_older_names),
};

SW_TEST_MAIN(tests)
