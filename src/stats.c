/*
 * stats.c - the statistics on plain numbers (see stichwort/stats.h): 2x2
 * tables, p-values, the incomplete beta function, least squares,
 * Mann-Kendall and Benjamini-Hochberg.
 *
 * Moved here from keyness.c, trends.c and phrases.c without a change to
 * the order of any operation: the figures are the same to the bit.
 *
 * Numerics: the "other tokens" cells of G2 are large and nearly equal to
 * their expectation; O ln(O / E) is computed as O log1p((O - E) / E) with
 * O - E taken from the term's row (it is exactly E11 - O11 or E12 - O12),
 * so no digits are lost to cancellation when a term is rare in a large
 * corpus.
 *
 * Least squares: Sxy is summed as sum (x - mx) * y, so that a zero y adds
 * nothing; trends.c sums the slope of its movers from a sparse index with
 * the same non-zero terms in the same order, and the two agree bit for
 * bit (see trends.c).
 */
#include <math.h>
#include <stdlib.h>

#include "stichwort/stats.h"
#include "internal/alloc.h"
#include "internal/errors.h"

/* ---- 2x2 tables ---- */

/* O ln(O / E), with 0 ln 0 = 0; diff = O - E given exactly. */
static double xlogx(double o, double e, double diff)
{
	if (o <= 0.0 || e <= 0.0)
		return 0.0;
	return o * log1p(diff / e);
}

double sw_stats_g2(double a, double b, double c, double d)
{
	double n = c + d, r1 = a + b, e11, e12, e21, e22, g;

	if (c <= 0.0 || d <= 0.0 || r1 <= 0.0 || r1 >= n)
		return 0.0;
	e11 = r1 * c / n;
	e12 = r1 * d / n;
	e21 = c - e11; /* (n - r1) * c / n */
	e22 = d - e12;
	g = xlogx(a, e11, a - e11) + xlogx(b, e12, b - e12) +
	    xlogx(c - a, e21, e11 - a) + xlogx(d - b, e22, e12 - b);
	g *= 2.0;
	return g > 0.0 ? g : 0.0; /* rounding can leave -1e-16 for equal rates */
}

double sw_stats_g2_two_cell(double a, double b, double c, double d)
{
	double n = c + d, r1 = a + b, e1, e2, g;

	if (c <= 0.0 || d <= 0.0 || r1 <= 0.0)
		return 0.0;
	e1 = c * r1 / n;
	e2 = d * r1 / n;
	g = 2.0 * (xlogx(a, e1, a - e1) + xlogx(b, e2, b - e2));
	return g;
}

double sw_stats_chi2(double a, double b, double c, double d)
{
	double n = c + d, r1 = a + b, r2 = n - r1, diff;

	if (c <= 0.0 || d <= 0.0 || r1 <= 0.0 || r2 <= 0.0)
		return 0.0;
	/* N (ad - bc)^2 / (c d r1 r2), with ad - bc = c d (a/c - b/d): the
	 * difference of the rates keeps its precision for large totals */
	diff = a / c - b / d;
	return n * diff * diff * c * d / (r1 * r2);
}

double sw_stats_log_ratio(double a, double b, double c, double d)
{
	if (c <= 0.0 || d <= 0.0 || (a <= 0.0 && b <= 0.0))
		return 0.0;
	if (a <= 0.0)
		a = 0.5;
	if (b <= 0.0)
		b = 0.5;
	return log2((a / c) / (b / d));
}

/* O ln(O/E), 0 for O = 0. */
static double ll_term(double o, double e)
{
	return o > 0 && e > 0 ? o * log(o / e) : 0.0;
}

double sw_stats_g2_assoc(double o11, double r1, double c1, double n)
{
	double o12 = r1 - o11, o21 = c1 - o11, o22 = n - r1 - c1 + o11, e11, g2;

	if (n <= 0 || o12 < 0 || o21 < 0)
		return 0.0;
	if (o22 < 0)
		o22 = 0;
	e11 = r1 * c1 / n;
	g2 = 2.0 * (ll_term(o11, e11) + ll_term(o12, r1 * (n - c1) / n) +
		    ll_term(o21, (n - r1) * c1 / n) + ll_term(o22, (n - r1) * (n - c1) / n));
	if (g2 < 0)
		g2 = 0; /* rounding */
	return o11 < e11 ? -g2 : g2;
}

/* ---- p-values ---- */

double sw_stats_chi2_p(double x)
{
	if (!(x > 0.0))
		return 1.0;
	return erfc(sqrt(x / 2.0));
}

double sw_stats_normal_p(double z)
{
	if (isnan(z))
		return NAN;
	return erfc(fabs(z) / sqrt(2.0));
}

/*
 * The continued fraction of I_x(a,b) (DLMF 8.17.22):
 *   I_x(a,b) = x^a (1-x)^b / (a B(a,b)) * 1 / (1 + d1 / (1 + d2 / (1 + ...)))
 *   d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),
 *   d_{2m}   = m(b-m) x / ((a+2m-1)(a+2m)),
 * evaluated front to back with the modified Lentz method (each step
 * multiplies the running value by C_k D_k; tiny values stand in for
 * zeros so that no division by zero happens).  It converges fast for
 * x < (a+1)/(a+b+2); the caller swaps to the other tail beyond that.
 */
static double beta_fraction(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-15;
	double f = 1.0, c = 1.0, d = 0.0; /* f = 1 + d1 / (1 + d2 / (1 + ...)) */
	int k;

	for (k = 1; k <= 1000; k++) {
		int m = k / 2;
		double num, delta;

		if (k % 2)
			num = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
		else
			num = (double)m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		delta = c * d;
		f *= delta;
		if (fabs(delta - 1.0) < eps)
			break;
	}
	return 1.0 / f;
}

double sw_stats_betainc(double a, double b, double x)
{
	double front;

	if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0))
		return NAN;
	if (x == 0.0)
		return 0.0;
	if (x == 1.0)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_fraction(a, b, x) / a;
	return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double sw_stats_t_p(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(t))
		return 0.0;
	/* P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2) */
	return sw_stats_betainc(df / 2.0, 0.5, df / (df + t * t));
}

/* ---- trends ---- */

void sw_stats_ols_fit(sw_stats_ols *out, const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, sse = 0;
	size_t i;

	out->n = n;
	out->slope = out->intercept = out->se = out->t = out->p = out->r2 = NAN;
	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	/* Sxy as sum (x - mx) * y: equal to sum (x - mx)(y - my) because the
	 * (x - mx) sum to zero, and zero y add nothing (see the top). */
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx;
		sxx += dx * dx;
		sxy += dx * y[i];
		syy += (y[i] - my) * (y[i] - my);
	}
	if (!(sxx > 0))
		return;
	out->slope = sxy / sxx;
	out->intercept = my - out->slope * mx;
	if (n < 3) {
		if (syy > 0)
			out->r2 = 1.0; /* two points lie on their line */
		return;
	}
	for (i = 0; i < n; i++) {
		double e = y[i] - (out->intercept + out->slope * x[i]);
		sse += e * e;
	}
	if (syy > 0)
		out->r2 = sse >= syy ? 0.0 : 1.0 - sse / syy;
	out->se = sqrt(sse / (double)(n - 2) / sxx);
	if (out->se > 0) {
		out->t = out->slope / out->se;
		out->p = sw_stats_t_p(out->t, (double)(n - 2));
	} else if (out->slope != 0) {
		out->t = out->slope > 0 ? INFINITY : -INFINITY;
		out->p = 0.0;
	} else {
		out->t = 0.0;
		out->p = 1.0;
	}
}

void sw_stats_mk_test(sw_stats_mk *out, const double *y, size_t n)
{
	long long s = 0;
	double ties = 0, dn = (double)n;
	size_t i, j;

	out->n = n;
	for (i = 0; i + 1 < n; i++)
		for (j = i + 1; j < n; j++)
			s += (y[j] > y[i]) - (y[j] < y[i]);
	/* groups of equal values: count each group at its first member */
	for (i = 0; i < n; i++) {
		double tg = 0;
		int first = 1;
		for (j = 0; j < i && first; j++)
			if (y[j] == y[i])
				first = 0;
		if (!first)
			continue;
		for (j = i; j < n; j++)
			if (y[j] == y[i])
				tg++;
		ties += tg * (tg - 1) * (2 * tg + 5);
	}
	out->s = s;
	out->var = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18.0;
	out->tau = n >= 2 ? (double)s / (dn * (dn - 1) / 2.0) : NAN;
	if (!(out->var > 0)) {
		out->z = out->p = NAN;
		return;
	}
	out->z = s > 0 ? ((double)s - 1) / sqrt(out->var)
	       : s < 0 ? ((double)s + 1) / sqrt(out->var) : 0.0;
	out->p = sw_stats_normal_p(out->z);
}

/* ---- Benjamini-Hochberg ---- */

typedef struct pv {
	double p;
	size_t i;
} pv;

static int cmp_pv(const void *a, const void *b)
{
	const pv *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

int sw_stats_bh(double *q, const double *p, size_t n, sw_error *err)
{
	pv *v = sw__calloc(n + 1, sizeof *v);
	size_t i, m = 0;
	double run = 1.0;

	if (!v)
		return sw__error_oom(err);
	for (i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i]))
			v[m++] = (pv){ p[i], i };
	}
	qsort(v, m, sizeof *v, cmp_pv);
	/* q of rank j (1-based) = min over k >= j of p_k * m / k, at most 1 */
	for (i = m; i > 0; i--) {
		double a = v[i - 1].p * (double)m / (double)i;
		if (a < run)
			run = a;
		q[v[i - 1].i] = run;
	}
	sw__free(v);
	return SW_OK;
}
