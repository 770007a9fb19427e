/*
 * stichwort/stats.h - the statistics of the library on plain numbers:
 * 2x2 contingency tables (log-likelihood G2, Pearson's chi-square, log
 * ratio), p-values (chi-square with 1 degree of freedom, standard normal,
 * Student's t through the incomplete beta function), least squares with
 * its t-test, the Mann-Kendall trend test and Benjamini-Hochberg.
 *
 * Pure functions: no state, no allocation except sw_stats_bh()'s working
 * array, never a print.  keyness.h, trends.h and phrases.h compute their
 * figures with these; their older names (sw_keyness_g2(),
 * sw_trends_ols_fit(), ...) stay and give the same numbers, bit for bit.
 *
 * The 2x2 table of a term (keyness.h; docs/keyness.md has a worked
 * example):
 *
 *                    target     reference
 *     the term         a            b
 *     other tokens   c - a        d - b
 *     total            c            d        N = c + d
 *
 *   G2         2 * sum_ij O_ij ln(O_ij / E_ij), E_ij = row_i * col_j / N,
 *              0 ln 0 = 0 (Dunning 1993).  The cells of the "other
 *              tokens" row are large and close to their expectation, so
 *              O ln(O / E) is computed there as O log1p((O - E) / E) with
 *              O - E taken exactly from the term's row: no digits are lost
 *              when a term is rare in a large corpus.
 *   G2, two    2 (a ln(a / E1) + b ln(b / E2)), E1 = c (a + b) / N,
 *   cells      E2 = d (a + b) / N (Rayson & Garside 2000, the UCREL
 *              calculator); agrees with G2 when the term is a small share.
 *   chi2       N (a (d - b) - b (c - a))^2 / (c d (a + b) (N - a - b)),
 *              Pearson, without Yates' correction; computed as
 *              N (a/c - b/d)^2 c d / (r1 r2) so that the difference of the
 *              rates keeps its precision.
 *   log ratio  log2((a / c) / (b / d)), a zero count taken as 0.5
 *              (Hardie 2014).
 *   p (1 df)   upper tail of the chi-square distribution with 1 degree of
 *              freedom: P(X >= x) = erfc(sqrt(x / 2)).
 *
 * Association of two events in a sample of n (phrases.h, log-likelihood
 * of "first word | rest"): the table O11 = joint count, O12 = r1 - O11,
 * O21 = c1 - O11, O22 = n - r1 - c1 + O11 (r1, c1 the marginal counts),
 * G2 as above with plain O ln(O / E), signed: negative when O11 < E11
 * (the events avoid each other).
 *
 * Trend statistics (trends.h; docs/trends.md):
 *
 *   least      b = Sxy / Sxx, Sxy = sum (x - mx) y (equal to
 *   squares    sum (x - mx)(y - my): the x - mx sum to zero),
 *              Sxx = sum (x - mx)^2; t = b / se(b),
 *              se(b)^2 = SSE / ((n - 2) Sxx), two-sided p from Student's
 *              t with n - 2 degrees of freedom.
 *   t p        P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2), I the
 *              regularized incomplete beta function, by its continued
 *              fraction (DLMF 8.17.22, modified Lentz method).
 *   Mann-      S = sum over i < j of sign(y_j - y_i),
 *   Kendall    Var(S) = (n(n-1)(2n+5) - sum_t t(t-1)(2t+5)) / 18 (t the
 *              sizes of groups of equal values), Z = (S - 1)/sqrt(Var)
 *              for S > 0, (S + 1)/sqrt(Var) for S < 0, 0 for S = 0;
 *              p = erfc(|Z| / sqrt 2) (Mann 1945, Kendall 1975).
 *   Benjamini- of m defined p-values sorted ascending,
 *   Hochberg   q_(j) = min over k >= j of p_(k) m / k, at most 1
 *              (Benjamini & Hochberg 1995).
 *
 * Undefined results are NaN where the field comments say so; writers
 * print NaN as null.
 */
#ifndef STICHWORT_STATS_H
#define STICHWORT_STATS_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 2x2 tables ----
 *
 * a, b: the term's counts in target and reference; c, d: the totals of
 * target and reference (c >= a, d >= b).  Doubles, so that the counts of
 * a large frequency list fit.  A degenerate table (c or d zero, a + b
 * zero, or every token the term) gives 0 (log ratio: 0 when a and b are
 * both zero or a total is zero).
 */

/** G2 over the full 2x2 table (Dunning 1993).  >= 0. */
double sw_stats_g2(double a, double b, double c, double d);

/**
 * G2 over the term's two cells only (the form of Rayson & Garside 2000):
 *   2 (a ln(a / E1) + b ln(b / E2)),  E1 = c (a + b) / N,  E2 = d (a + b) / N.
 * Given for comparison and documentation; keyness records use sw_stats_g2().
 */
double sw_stats_g2_two_cell(double a, double b, double c, double d);

/** Pearson's chi-square of the 2x2 table, no Yates correction.  >= 0. */
double sw_stats_chi2(double a, double b, double c, double d);

/** Hardie's log ratio, log2((a / c) / (b / d)), 0.5 for a zero count. */
double sw_stats_log_ratio(double a, double b, double c, double d);

/**
 * Signed log-likelihood of the association of two events in a sample of
 * n: o11 the joint count, r1 and c1 the counts of each event (see the
 * top; O22 is taken as 0 if the counts make it negative).  0 when n <= 0
 * or o11 exceeds r1 or c1.
 */
double sw_stats_g2_assoc(double o11, double r1, double c1, double n);

/* ---- p-values ---- */

/**
 * p-value of a statistic under the chi-square distribution with 1
 * degree of freedom: erfc(sqrt(x / 2)).  1 for x <= 0 or NaN; values
 * below about 1e-308 come out as 0.  (3.841 gives 0.05.)
 */
double sw_stats_chi2_p(double x);

/** Two-sided p-value of a standard normal z: erfc(|z| / sqrt 2).  NaN for NaN. */
double sw_stats_normal_p(double z);

/**
 * The regularized incomplete beta function I_x(a, b) for a, b > 0 and
 * 0 <= x <= 1, by its continued fraction (DLMF 8.17.22) evaluated with
 * the modified Lentz method, using I_x(a,b) = 1 - I_{1-x}(b,a) where the
 * fraction converges slowly.  Relative accuracy about 1e-13.  NaN for
 * arguments outside the domain.
 */
double sw_stats_betainc(double a, double b, double x);

/**
 * Two-sided p-value of Student's t with df > 0 degrees of freedom:
 * P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).  t = +-inf gives 0; NaN
 * for a NaN t or df <= 0.  (t = 2.228, df = 10 gives 0.050.)
 */
double sw_stats_t_p(double t, double df);

/* ---- trends ---- */

/** A least-squares line y = intercept + slope * x and its t-test. */
typedef struct sw_stats_ols {
	size_t n;         /**< points used */
	double slope;     /**< b = Sxy / Sxx; NaN when n < 2 or all x equal */
	double intercept; /**< my - b * mx */
	double se;        /**< standard error of b; NaN when n < 3 */
	double t;         /**< b / se (+-inf for a perfect non-flat fit) */
	double p;         /**< two-sided p of t with n - 2 df; NaN when n < 3 */
	double r2;        /**< coefficient of determination; NaN if y is constant */
} sw_stats_ols;

/**
 * Fit y on x over n points.  Never fails; see the field comments for NaN.
 * A perfect fit gives se 0, t +-inf and p 0 (slope != 0), or t 0 and p 1
 * (slope 0).
 */
void sw_stats_ols_fit(sw_stats_ols *out, const double *x, const double *y, size_t n);

/** The Mann-Kendall test of a sequence. */
typedef struct sw_stats_mk {
	size_t n;     /**< values */
	long long s;  /**< S, the sum of pairwise signs */
	double var;   /**< Var(S) with the ties correction */
	double z;     /**< continuity-corrected Z; NaN when Var(S) = 0 */
	double p;     /**< two-sided p of Z (normal approximation); NaN with z */
	double tau;   /**< Kendall's tau-a: S / (n(n-1)/2); NaN when n < 2 */
} sw_stats_mk;

/** Test y[0..n) in sequence order.  O(n^2), no allocation; never fails. */
void sw_stats_mk_test(sw_stats_mk *out, const double *y, size_t n);

/**
 * Benjamini-Hochberg: q[i] for the p-values p[0..n).  NaN p-values are
 * not tested (q NaN) and do not count in m; equal p-values get the same
 * q.  q and p may not overlap.  SW_OK or SW_ENOMEM.
 */
int sw_stats_bh(double *q, const double *p, size_t n, sw_error *err);

#ifdef __cplusplus
}
#endif

#endif
