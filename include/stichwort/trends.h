/*
 * stichwort/trends.h - relative frequency of terms per period, and the
 * statistics that say whether it rises or falls.
 *
 * Periods.  sw_trends_new() bins the dated documents of counts by
 * "year", "quarter" or "month" (labels "2024", "2024-Q2", "2024-05", as
 * sw_period_label() makes them) and lays out the whole period axis from
 * the first period of the corpus to the last one, including periods in
 * between that hold no document: those are present with zero documents
 * and zero tokens, never missing.  Documents without a date, or whose
 * date lacks the precision of the binning (a "2024" date by month), are
 * "undated": they belong to no period and are counted separately
 * (sw_trends_undated_docs()) so that callers can report them once.
 *
 * Partial periods.  A period the corpus covers only in part is marked
 * incomplete (sw_trends_period_complete()), judged from the dates present
 * against the calendar.  Only the first and the last period of the axis
 * can be partial (the periods between lie inside the corpus's dates).  A
 * date covers a day, a YYYY-MM date its whole month, a YYYY date its
 * whole year.  The first period's gap is the days from its start to the
 * first day its documents cover; the last period's gap the days from the
 * last day its documents cover to its end.  The edge period is partial
 * when its gap is more than a quarter of its days and more than twice the
 * median gap of the same side over the other periods with documents (a
 * parliament's last sitting is a fortnight before the year ends, a
 * manifesto months before the election: the corpus's own rhythm is not a
 * hole); with no other period, the quarter alone decides.  Partial periods
 * keep their rows but take no part in the statistics below unless
 * sw_trends_include_partial() is on.
 *
 * Normalization.  A term's per_10k in a period is its count in the period
 * divided by the period's own counted tokens (every token except
 * punctuation, as in counts.h), times 10,000: documents are grouped
 * first, then normalized (a long document weighs more than a short one;
 * per-document rates are never averaged).
 *
 * Measured periods.  A period with no tokens has no relative frequency:
 * it is shown with zeros, but the statistics below skip it, as they skip
 * a partial period (see above).  The x value
 * of a measured period is its index on the axis, so gaps keep their
 * width (the Bundestag election years 2002, 2005, 2009 are x = 0, 3, 7
 * on a yearly axis).  A measured period where the term does not occur
 * has per_10k 0 and takes part.
 *
 * Statistics (formulas and worked examples in docs/trends.md; computed by
 * the functions of stats.h):
 *
 *   slope        ordinary least squares of per_10k on x over the measured
 *                periods: b = Sxy / Sxx, Sxy = sum (x - mx)(y - my),
 *                Sxx = sum (x - mx)^2; per_10k per period step.
 *   slope_p      two-sided p of t = b / se(b), se(b)^2 = SSE / ((n-2) Sxx),
 *                Student's t with n - 2 degrees of freedom; needs n >= 3.
 *                A perfect fit gives p = 0 (b != 0) or 1 (b = 0).
 *   mk_s, mk_z,  Mann-Kendall trend test on the per_10k sequence:
 *   mk_p         S = sum over i < j of sign(y_j - y_i),
 *                Var(S) = (n(n-1)(2n+5) - sum_t t(t-1)(2t+5)) / 18
 *                (t the sizes of groups of equal values),
 *                Z = (S - 1)/sqrt(Var) for S > 0, (S + 1)/sqrt(Var) for
 *                S < 0, 0 for S = 0; p = 2 (1 - Phi(|Z|)) (normal
 *                approximation).
 *   halves       the measured periods split into a first and a last half
 *                of floor(n/2) periods each (with odd n the middle one
 *                is in neither); per half the pooled per_10k (sum of
 *                counts / sum of tokens); half_ratio = last / first,
 *                where a zero count is replaced by 0.5 (Hardie's
 *                convention for log ratios) and both zero gives NaN.
 *   change       slope * (x_last - x_first) / mean(per_10k): the change
 *                across the measured span that the fitted line implies,
 *                relative to the term's mean level (0.5 = rose by half
 *                its mean level; a term that only occurs in the last of
 *                n equally spaced periods reaches 6(n-1)/(n+1)).  It
 *                ranks the movers.
 *   burst        a rise (change > 0) that comes from one period: without
 *                its peak period (the measured period of the largest
 *                per_10k, the latest of equal ones) the change of the
 *                other measured periods is undefined or less than half
 *                the change.  Its direction is "burst", not "rising".
 *   q            Benjamini-Hochberg adjusted mk_p over a set of terms
 *                (sw_trends_bh()): of m defined p-values sorted
 *                ascending, q_(j) = min over k >= j of p_(k) m / k,
 *                at most 1.
 *
 * Everything that is undefined (fewer than two measured periods, a term
 * that never occurs) is NaN; writers print NaN as null.
 */
#ifndef STICHWORT_TRENDS_H
#define STICHWORT_TRENDS_H

#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "error.h"
#include "stats.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- statistics on plain numbers (pure functions) ----
 *
 * The older names of functions of stats.h, kept: each gives exactly what
 * its sw_stats_ counterpart gives (documented there).
 */

/** sw_stats_betainc(): the regularized incomplete beta function I_x(a, b). */
double sw_trends_betainc(double a, double b, double x);

/** sw_stats_t_p(): two-sided p-value of Student's t with df degrees of freedom. */
double sw_trends_t_p(double t, double df);

/** sw_stats_normal_p(): two-sided p-value of a standard normal z. */
double sw_trends_normal_p(double z);

/** A least-squares line and its t-test: sw_stats_ols. */
typedef sw_stats_ols sw_trends_ols;

/** sw_stats_ols_fit(): fit y on x over n points. */
void sw_trends_ols_fit(sw_trends_ols *out, const double *x, const double *y, size_t n);

/** The Mann-Kendall test of a sequence: sw_stats_mk. */
typedef sw_stats_mk sw_trends_mk;

/** sw_stats_mk_test(): test y[0..n) in sequence order. */
void sw_trends_mk_test(sw_trends_mk *out, const double *y, size_t n);

/* ---- the period axis and per-term series ---- */

/** Index meaning "no period" (an undated document, a term never seen). */
#define SW_TRENDS_NONE ((size_t)-1)

/** Documents of counts binned into consecutive periods. */
typedef struct sw_trends sw_trends;

/**
 * Bin the documents of c (finished counts, borrowed: they must outlive
 * the object) by "year", "quarter" or "month".  A corpus without any
 * dated document gives an axis of zero periods.  SW_OK, SW_EINVAL (another
 * `by`, or counts not finished), SW_ENOMEM.  Free with sw_trends_free().
 */
int sw_trends_new(sw_trends **out, const sw_counts *c, const char *by, sw_error *err);

/** Free.  NULL is a no-op. */
void sw_trends_free(sw_trends *t);

/** The counts the object was made from. */
const sw_counts *sw_trends_counts(const sw_trends *t);

/** Periods on the axis, first to last, including empty ones. */
size_t sw_trends_nperiods(const sw_trends *t);

/** Label of period p ("2024", "2024-Q2", "2024-05"); NULL when out of range. */
const char *sw_trends_period(const sw_trends *t, size_t p);

/** Counted tokens of the documents in period p (0 for an empty period). */
size_t sw_trends_period_tokens(const sw_trends *t, size_t p);

/** Documents in period p. */
size_t sw_trends_period_docs(const sw_trends *t, size_t p);

/** Period of document d, or SW_TRENDS_NONE when it is undated. */
size_t sw_trends_doc_period(const sw_trends *t, size_t d);

/** 1 when period p is complete, 0 when the corpus covers it only in part
 * (see the top of this file); 1 out of range. */
int sw_trends_period_complete(const sw_trends *t, size_t p);

/** Whether period p takes part in the statistics: it has tokens and is
 * complete, or partial periods are included. */
int sw_trends_period_measured(const sw_trends *t, size_t p);

/** Let partial periods take part in the statistics (on != 0) or not (the
 * default).  Affects later summaries and movers. */
void sw_trends_include_partial(sw_trends *t, int on);

/**
 * Movers must have a Benjamini-Hochberg adjusted Mann-Kendall p (q) of at
 * most max_q; 1 or more (the default of the object) lists them whatever
 * their q.  The CLI and the report use SW_TRENDS_MAX_Q.
 */
void sw_trends_set_max_q(sw_trends *t, double max_q);
#define SW_TRENDS_MAX_Q 0.05

/** sw_stats_bh(): Benjamini-Hochberg q[i] for p[0..n).  SW_OK or SW_ENOMEM. */
int sw_trends_bh(double *q, const double *p, size_t n, sw_error *err);

/** Documents without a usable date, and their counted tokens. */
size_t sw_trends_undated_docs(const sw_trends *t);
size_t sw_trends_undated_tokens(const sw_trends *t);

/**
 * Series from per-document counts (for instance theme matches): for each
 * period p, count[p] = the sum of doc_count[d] over its documents and
 * docs[p] = how many of them have doc_count[d] > 0.  doc_count has
 * sw_counts_ndocs() entries; count and docs have sw_trends_nperiods()
 * (either may be NULL).  Undated documents are left out.
 */
void sw_trends_series_from_docs(const sw_trends *t, const uint32_t *doc_count,
				uint32_t *count, uint32_t *docs);

/**
 * Index every content term (stem key) of the counts by period: one pass
 * over the tokens; memory grows with the number of distinct (term,
 * period) pairs.  With all set, every counted token's key (stopwords,
 * numbers) instead of the content terms.  Needed by sw_trends_key_series()
 * and sw_trends_movers(); calling it again is a no-op.  Counts
 * aggregated by this trends' period (sw_counts_aggregate() with "year",
 * "quarter" or "month"; no token arrays) are indexed from their unit
 * tables with the same result; counts aggregated by anything else give
 * SW_EINVAL.  SW_OK, SW_ENOMEM, SW_EINVAL.
 */
int sw_trends_index_keys(sw_trends *t, int all, sw_error *err);

/**
 * The series of stem key `key`: count[p] (tokens of the key) and docs[p]
 * (documents of period p containing it) for every period; zeros for an
 * unknown key or one that is not a content term.  Either array may be
 * NULL.  SW_EINVAL when the keys are not indexed.
 */
int sw_trends_key_series(const sw_trends *t, sw_term_id key, uint32_t *count, uint32_t *docs,
			 sw_error *err);

/* ---- summaries ---- */

/** The trend summary of one term (definitions at the top of this file). */
typedef struct sw_trends_summary {
	uint64_t count;            /**< occurrences in dated documents */
	size_t measured;           /**< periods with tokens (the n of the tests) */
	double per_10k;            /**< count per 10k tokens of all dated documents */
	size_t first_seen;         /**< first period with count > 0, or SW_TRENDS_NONE */
	size_t last_seen;          /**< last period with count > 0, or SW_TRENDS_NONE */
	sw_trends_ols ols;         /**< per_10k on the period index */
	sw_trends_mk mk;           /**< Mann-Kendall on per_10k */
	double first_half_per_10k; /**< pooled per_10k of the first half */
	double last_half_per_10k;  /**< pooled per_10k of the last half */
	double half_ratio;         /**< last / first half, zero counts as 0.5 */
	double change;             /**< slope * x span / mean per_10k */
	int burst;                 /**< a rise from one period (see the top) */
	size_t peak;               /**< the rise's peak period, or SW_TRENDS_NONE */
} sw_trends_summary;

/** "burst", "rising", "falling" or "flat" (the sign of the slope), or NULL
 * when the slope is undefined. */
const char *sw_trends_direction_name(const sw_trends_summary *s);

/**
 * Summarize the series count[0..nperiods) of one term over the axis of
 * t (count may be NULL when the axis has no periods).  Fills *out; SW_OK,
 * or SW_ENOMEM (scratch for the measured values) with *out untouched.
 */
int sw_trends_summarize(sw_trends_summary *out, const sw_trends *t, const uint32_t *count,
			sw_error *err);

/** A term ranked by its change. */
typedef struct sw_trends_mover {
	sw_term_id key;  /**< stem key */
	uint32_t count;  /**< occurrences in dated documents */
	uint32_t docs;   /**< dated documents containing it */
	double slope;    /**< least-squares slope of per_10k per period */
	double change;   /**< slope * x span / mean per_10k */
	double mk_p;     /**< Mann-Kendall p of its per_10k series */
	double q;        /**< mk_p adjusted over all candidates (Benjamini-Hochberg) */
	int burst;       /**< a rise from one period */
} sw_trends_mover;

/** Which movers sw_trends_movers() lists. */
typedef enum sw_trends_direction {
	SW_TRENDS_BOTH = 0, /**< every eligible term, by |change| descending */
	SW_TRENDS_RISING,   /**< change > 0 and not a burst, highest first */
	SW_TRENDS_FALLING   /**< change < 0, most negative first */
} sw_trends_direction;

/**
 * The indexed terms (sw_trends_index_keys()) ranked by change.  The
 * candidates are terms with at least min_count occurrences in dated
 * documents, in at least min_docs dated documents, with a defined change,
 * on an axis with at least two measured periods (otherwise the list is
 * empty).  Their Mann-Kendall p-values are adjusted together
 * (Benjamini-Hochberg, field q); listed are those with q at most the
 * object's max_q (sw_trends_set_max_q()) in the direction asked for.  Ties are broken by the
 * key's bytes, then key id.  *out is borrowed from t until the next call
 * or sw_trends_free().  SW_OK, SW_EINVAL (keys not indexed), SW_ENOMEM.
 */
int sw_trends_movers(const sw_trends_mover **out, size_t *n_out, sw_trends *t,
		     sw_trends_direction dir, uint32_t min_count, uint32_t min_docs,
		     sw_error *err);

/**
 * The default min_count of sw_trends_movers(), shared by `stichwort
 * trends` and the report: SW_TRENDS_MIN_COUNT (20), or one occurrence per
 * 100,000 dated tokens when that is more, so that the rare names of a
 * single debate do not crowd the list of a large corpus.  The default
 * min_docs is SW_TRENDS_MIN_DOCS.
 */
uint32_t sw_trends_default_min_count(const sw_trends *t);

/** The candidates of the last sw_trends_movers() call (terms tested) and
 * their smallest q (NaN: none), so that callers can say why a list is
 * empty. */
size_t sw_trends_candidates(const sw_trends *t, double *min_q);
#define SW_TRENDS_MIN_COUNT 20
#define SW_TRENDS_MIN_DOCS 2

#ifdef __cplusplus
}
#endif
#endif
