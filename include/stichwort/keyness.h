/*
 * stichwort/keyness.h - what a target corpus says more (or less) often
 * than a reference corpus: log-likelihood G2, Pearson's chi-square,
 * Hardie's log ratio and p-values, per word and per phrase.
 *
 * The target and the reference are sets of documents of one sw_counts
 * (chosen by a metadata field, a period or a date range: the caller marks
 * each document), or the reference is a frequency list (sw_reflist: a
 * general-German list, say).  Every term is compared in a 2x2 table:
 *
 *                    target     reference
 *     the term         a            b
 *     other tokens   c - a        d - b
 *     total            c            d        N = c + d
 *
 * a, b: occurrences of the term; c, d: counted tokens (every token but
 * punctuation, the same totals as the per_10k figures of all commands)
 * of the target and of the reference.  Phrases are compared against the
 * same token totals as words.
 *
 * The statistics (formulas with a worked example in docs/keyness.md;
 * computed by the functions of stats.h):
 *
 *   g2         log-likelihood G2 over the full 2x2 table (Dunning 1993):
 *                G2 = 2 * sum_ij O_ij ln(O_ij / E_ij),
 *                E_ij = row_i * col_j / N, and 0 ln 0 = 0.
 *              This is "full" as opposed to the two-cell form that the
 *              UCREL log-likelihood calculator and Rayson & Garside (2000)
 *              print, which sums only over the two cells of the term
 *              (a and b) and leaves out the "other tokens" row; see
 *              sw_stats_g2_two_cell().  The two agree when the term is a
 *              small share of both corpora.
 *   p          upper tail of the chi-square distribution with 1 degree
 *              of freedom at G2: p = erfc(sqrt(G2 / 2)).
 *   chi2       Pearson's chi-square of the same table, without Yates'
 *              continuity correction:
 *                chi2 = N (a (d - b) - b (c - a))^2 / (c d (a + b) (N - a - b)).
 *   log_ratio  Hardie (2014): log2 of the ratio of relative frequencies,
 *                log2((a / c) / (b / d)),
 *              a zero count replaced by 0.5 first.  +1 = twice as frequent
 *              in the target; -1 = half as frequent.
 *   g2_docs    text-dispersion keyness (Egbert & Biber 2019): the same G2
 *              over the documents instead of the tokens,
 *                g2_docs = sw_keyness_g2(da, db, Dt, Dr),
 *              da, db the documents of target and reference containing the
 *              term, Dt, Dr all documents of each side.  A term used often
 *              in a few documents has a high g2 but a low g2_docs.  Not
 *              defined with a reference list (no documents): NAN.
 *   direction  SW_KEYNESS_TARGET when the term's relative frequency is
 *              higher in the target (a / c > b / d), else
 *              SW_KEYNESS_REFERENCE (the target under-uses it).  Ranked by
 *              g2_docs, the documents decide: da / Dt > db / Dr.
 */
#ifndef STICHWORT_KEYNESS_H
#define STICHWORT_KEYNESS_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "counts.h"
#include "error.h"
#include "phrases.h"
#include "terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the statistics alone ----
 *
 * The older names of functions of stats.h, kept: each gives exactly what
 * its sw_stats_ counterpart gives (documented there).  a, b: the term's
 * counts in target and reference; c, d: the token totals of the sides.
 */

/** sw_stats_g2(): G2 over the full 2x2 table (Dunning 1993). */
double sw_keyness_g2(double a, double b, double c, double d);

/** sw_stats_g2_two_cell(): G2 over the term's two cells only. */
double sw_keyness_g2_two_cell(double a, double b, double c, double d);

/** sw_stats_chi2(): Pearson's chi-square of the 2x2 table. */
double sw_keyness_chi2(double a, double b, double c, double d);

/** sw_stats_log_ratio(): Hardie's log ratio. */
double sw_keyness_log_ratio(double a, double b, double c, double d);

/** sw_stats_chi2_p(): the p-value of x, chi-square with 1 degree of freedom. */
double sw_keyness_p(double x);

/* ---- date ranges (a period as target or reference) ---- */

/**
 * An inclusive range of dates "FROM..TO", each bound YYYY, YYYY-MM or
 * YYYY-MM-DD, either may be empty (open): "2023..2025", "2024-03..",
 * "..2020-06-30".  A single date without ".." is the range of that
 * period alone ("2024" = "2024..2024").  The bounds are stored padded to
 * days: from "2023" -> "2023-01-01", to "2025" -> "2025-12-31" (months
 * are padded to day 31, which compares correctly for every month).
 */
typedef struct sw_date_range {
	char from[11]; /**< "YYYY-MM-DD", or "" (open) */
	char to[11];   /**< "YYYY-MM-DD", or "" (open) */
} sw_date_range;

/**
 * Parse a range.  SW_OK, or SW_EINVAL (err says why: a bound that is not
 * a valid date, from after to) with *out untouched.
 */
int sw_date_range_parse(sw_date_range *out, const char *s, sw_error *err);

/**
 * Where a document date (YYYY[-MM[-DD]], as sw_count_doc.date) lies: 1
 * inside the range, 0 outside, -1 undecidable: no date, or a date less
 * precise than the range that lies partly inside ("2024" against
 * "2024-07..").  A date covers the whole period it names.
 */
int sw_date_range_test(const sw_date_range *r, const char *date);

/* ---- a frequency list as reference ---- */

/**
 * A reference frequency list, its terms normalized, tokenized and
 * stemmed with a lexicon so that their keys line up with the corpus's.
 *
 * File format (UTF-8 text):
 *   - one term per line: "term<TAB>count", or "term,count" (CSV); the
 *     separator is the last TAB of the line, else its last comma.  A
 *     term may be a word ("Verwaltung") or a phrase ("digitale
 *     Souveränität"); surrounding double quotes are removed.
 *   - the count is a whole number >= 0.
 *   - empty lines and lines starting with "#" are skipped, except
 *     "#total N" (also "# total: N"), which gives the reference's token
 *     total.  Without it the total is the sum of all counts of the file
 *     (stopword lines included), which is right for a complete list and
 *     too small for a list cut at its top N: then give #total.
 *   - a first line whose count is not a number is a header ("term,count").
 *   - "#key lemma": the lines after it give keys, not text to analyse:
 *     "key<TAB>display<TAB>count" (or "key<TAB>count"), the key a lemma
 *     key as `stichwort terms` prints it (words of a phrase separated by
 *     spaces).  Each word is keyed as a lemma is (its case fold when the
 *     lexicon keys by lemma, its stem when by stem), never lemmatized
 *     again out of context ("heißen" alone would be the adjective
 *     "heiß").  What `stichwort terms` and `phrases` print, cut at a
 *     count, with "#total", makes such a list (tools/build-reference.sh).
 * Terms: a line of one word token gets that word's stem key; a line of
 * several word tokens gets the phrase key (stem keys joined by spaces,
 * hyphens of compounds as spaces, as in phrases.h).  Lines whose single
 * word is a stopword, and lines with a token that is not a word (a
 * number, a URL, punctuation), are counted in the total and otherwise
 * left out: keyness compares content terms.  Lines with the same key add
 * up ("Haus" and "Häuser"); the display form is the term of the first of
 * them.
 * Problems (a missing separator, a count that is not a number, a term
 * with no token, #total smaller than the sum of counts) name the file and
 * line; each is delivered to the warning callback and the line skipped,
 * or, when strict, ends the load with SW_EFORMAT.
 */
typedef struct sw_reflist sw_reflist;

/** Options of a list.  Zero means default. */
typedef struct sw_reflist_options {
	int strict;         /**< nonzero: the first problem is a fatal SW_EFORMAT */
	sw_warn_cb warn;    /**< problems (level SW_WARN_PROBLEM), or NULL */
	void *warn_payload; /**< passed to warn */
} sw_reflist_options;

#define SW_REFLIST_OPTIONS_INIT { 0, NULL, NULL }

/**
 * Parse len bytes of a list.  path names the source in warnings and
 * errors.  lx (borrowed, used only during the call) must be the lexicon
 * of the counts it will be compared with: new forms and stems are
 * interned in it.  opts may be NULL.  SW_OK, SW_EFORMAT (strict),
 * SW_ENOMEM.
 */
int sw_reflist_parse(sw_reflist **out, const char *data, size_t len, const char *path,
		     sw_lexicon *lx, const sw_reflist_options *opts, sw_error *err);

/** Read and parse a list file ("-": standard input).  SW_EIO when
 * unreadable, else as above. */
int sw_reflist_load(sw_reflist **out, const char *path, sw_lexicon *lx,
		    const sw_reflist_options *opts, sw_error *err);

/** The name of the built-in list in warnings and outputs. */
#define SW_REFLIST_BUILTIN_NAME "builtin:bundestag-2022-2023"

/**
 * The built-in list of general political German: the words and phrases
 * of the German Bundestag's 16,541 speeches of 2022-2023 (8.25 million
 * counted tokens; words seen at least 3 times, phrases at least 5 times),
 * keyed by lemma ("#key lemma" lines: lemma key, display form, count) and
 * so keyed like any corpus counted with lx, by lemma or by stem.  Rebuilt
 * by tools/build-reference.sh; data/reference/README.md.  Errors as
 * sw_reflist_parse().
 */
int sw_reflist_builtin(sw_reflist **out, sw_lexicon *lx, const sw_reflist_options *opts,
		       sw_error *err);

/** Free a list.  NULL is a no-op. */
void sw_reflist_free(sw_reflist *r);

/** Distinct keys kept. */
size_t sw_reflist_count(const sw_reflist *r);

/** The token total (from #total or the sum of counts). */
uint64_t sw_reflist_total(const sw_reflist *r);

/** Count of a key (stem key or phrase key bytes), 0 when absent. */
uint64_t sw_reflist_find(const sw_reflist *r, const char *key, size_t len);

/* ---- keyness of a corpus ---- */

/** Which side a document is on (the side array of sw_keyness_new). */
#define SW_KEYNESS_NONE      0 /**< left out */
#define SW_KEYNESS_TARGET    1 /**< the target */
#define SW_KEYNESS_REFERENCE 2 /**< the reference */

/** Ranking measure. */
typedef enum sw_keyness_measure {
	SW_KEYNESS_G2 = 0,    /**< G2, highest first (default) */
	SW_KEYNESS_CHI2,      /**< chi-square, highest first */
	SW_KEYNESS_LOG_RATIO, /**< |log ratio|, largest first */
	SW_KEYNESS_G2_DOCS    /**< G2 over document counts, highest first (the
				   direction by documents too); not with a
				   reference list */
} sw_keyness_measure;

/** Parse "g2", "chi2", "log_ratio" or "g2_docs".  SW_OK, or SW_EINVAL with *out untouched. */
int sw_keyness_measure_parse(sw_keyness_measure *out, const char *name);
/** "g2", "chi2", "log_ratio" or "g2_docs"; never NULL. */
const char *sw_keyness_measure_name(sw_keyness_measure m);

/** Options.  Zero means default. */
typedef struct sw_keyness_options {
	sw_keyness_measure measure; /**< ranking (default G2) */
	size_t min_count;           /**< keep terms with a + b >= min_count (default 2) */
	size_t top;                 /**< records per direction (default 20; SIZE_MAX: all) */
	double alpha;               /**< significance cut: keep p < alpha; 0: no cut
					 (with bonferroni: 0.05) */
	int bonferroni;             /**< divide alpha by the number of terms tested */
	int no_phrases;             /**< 1: words only */
	const sw_phrases *phrases;  /**< phrases to use (borrowed, of the same counts);
					 NULL: computed with SW_PHRASE_OPTIONS_INIT
					 unless no_phrases */
	const sw_reflist *reference_list; /**< the reference as a frequency list
					 (borrowed, parsed with the counts' lexicon);
					 then no document may be marked reference */
	size_t nthreads;            /**< threads for counting the sides' words and
					 for phrases computed here (0 = 1); the
					 result is the same for any */
	int with_compounds;         /**< 1: a word's counts include the compounds
					 it heads (sw_counts_key_head(); the
					 documents stay its own) on both sides of
					 the corpus (not a reference list's) */
	/* What a record of direction target must also show to be kept (the
	 * keywords of a unit, stichwort/keywords.h); zero: no such floor. */
	int target_only;            /**< 1: no records of direction reference */
	size_t min_docs;            /**< in at least min_docs target documents, or
					 in all of them if the target has fewer */
	double min_docs_share;      /**< and in at least this share of them
					 (rounded up); 0: no such floor */
	double min_log_ratio;       /**< log ratio >= this (> 0) */
} sw_keyness_options;

#define SW_KEYNESS_OPTIONS_INIT { SW_KEYNESS_G2, 0, 0, 0.0, 0, 0, NULL, NULL, 0, 0, 0, 0, 0.0, 0.0 }

/**
 * The documents a target of ndocs documents asks of a term under opts:
 * max(min(min_docs, ndocs), min(ceil(min_docs_share x ndocs), ndocs));
 * 0 when there is no such floor.
 */
size_t sw_keyness_min_docs(const sw_keyness_options *opts, size_t ndocs);

/** One term's comparison (pointers borrowed from the sw_keyness). */
typedef struct sw_keyness_record {
	const char *term;        /**< display form (corpus: most frequent form;
				      list-only terms: as written in the list) */
	size_t term_len;
	const char *key;         /**< stem key; phrase: stem keys joined by spaces */
	size_t key_len;
	uint32_t n;              /**< words: 1 for a single term */
	uint64_t count_target;   /**< a */
	uint64_t count_reference;/**< b */
	double per_10k_target;   /**< a / c * 10000 */
	double per_10k_reference;/**< b / d * 10000 */
	uint32_t docs_target;    /**< target documents containing it */
	uint32_t docs_reference; /**< reference documents containing it (0 for a list) */
	double g2, p, chi2, log_ratio;
	int direction;           /**< SW_KEYNESS_TARGET or SW_KEYNESS_REFERENCE */
	size_t first;            /**< token index of its first occurrence in the
				      target or reference; SIZE_MAX for a term
				      only the list has, and for words of counts
				      aggregated while loading (no token arrays);
				      for items, the first token of the first
				      document that has the item (0 with
				      aggregated counts) */
	double g2_docs;          /**< G2 of docs_target and docs_reference out of
				      the sides' documents (Egbert & Biber 2019);
				      NAN with a reference list */
} sw_keyness_record;

/** Totals of a comparison. */
typedef struct sw_keyness_summary {
	uint64_t tokens_target, tokens_reference; /**< c, d */
	size_t docs_target, docs_reference;       /**< documents (0 reference docs for a list) */
	size_t tested;          /**< terms that passed min_count (the Bonferroni m) */
	double alpha;           /**< the cut applied to p (alpha / tested with
				     bonferroni); 0 without a cut */
	size_t kept_target, kept_reference; /**< records per direction before top */
} sw_keyness_summary;

/** A comparison. */
typedef struct sw_keyness sw_keyness;

/**
 * Compare the target and reference of finished counts c (borrowed; it
 * must outlive the result).  side has sw_counts_ndocs(c) entries, one of
 * SW_KEYNESS_NONE / _TARGET / _REFERENCE per document (copied).  opts may
 * be NULL.
 *
 * Terms: the content terms (word tokens that are not stopwords) by stem
 * key, and unless no_phrases the phrases, counted in the documents of
 * each side; with a reference list also the list's terms.  Terms with
 * a + b < min_count are dropped; the rest are "tested".  With a cut,
 * records with p >= alpha (alpha / tested with bonferroni) are dropped.
 *
 * Order: records of direction target first, then reference; within a
 * direction by the measure (G2, chi2 or g2_docs descending, |log ratio|
 * descending), ties by key bytes, then words before phrases, then first
 * occurrence; at most top of each direction.
 *
 * SW_OK; SW_EINVAL (empty target: no counted tokens; empty reference: no
 * documents or no tokens, or no total in the list; documents marked
 * reference together with a list; measure SW_KEYNESS_G2_DOCS with a
 * list; bad side values; counts not finished;
 * out, c or side NULL, as every constructor: stichwort/error.h) with err
 * saying which; SW_ENOMEM; errors of sw_phrases_new().
 */
int sw_keyness_new(sw_keyness **out, const sw_counts *c, const uint8_t *side,
		   const sw_keyness_options *opts, sw_error *err);

/**
 * A caller's own term (a theme of a dictionary, say: see `keyness
 * --themes`), counted per document by the caller.  Pointers borrowed;
 * they must outlive the result.
 */
typedef struct sw_keyness_item {
	const char *term;  /**< display form */
	size_t term_len;
	const char *key;   /**< key (ties are broken by it) */
	size_t key_len;
	uint32_t n;        /**< words (0 is taken as 1) */
} sw_keyness_item;

/**
 * The same comparison for nitems caller-given items instead of the
 * corpus's words and phrases: doc_counts holds, document by document,
 * the count of each item (doc_counts[d * nitems + i]; borrowed, used
 * during the call).  a and b are the sums over the target and reference
 * documents, docs the documents with a nonzero count; c and d are still
 * the counted tokens of each side.  min_count, the cut, the order and top
 * work as for sw_keyness_new(); no_phrases and phrases are ignored; a
 * reference_list is refused (SW_EINVAL).  first is the first token of
 * the first document with the item.  Errors as sw_keyness_new().
 */
int sw_keyness_new_items(sw_keyness **out, const sw_counts *c, const uint8_t *side,
			 const sw_keyness_item *items, size_t nitems, const uint32_t *doc_counts,
			 const sw_keyness_options *opts, sw_error *err);

/* ---- every unit against the rest ---- */

/**
 * The comparisons of each unit of a grouping against all other documents
 * (what `stichwort report` shows per group), made ready in one pass over
 * the corpus.  sw_keyness_unit_new() then gives the comparison of one
 * unit in time linear in the unit's own tokens and phrase occurrences
 * (plus top), not in the corpus: every unit together costs about one pass
 * over the corpus, where sw_keyness_new() per unit costs units x corpus.
 *
 * How: every document is on a side, so a term's reference count is its
 * corpus count less the unit's (b = total - a), and the terms tested are
 * the same for every unit (a + b = total).  A term the unit lacks can only
 * be key in the reference direction; its statistics depend on its total
 * alone (a = 0), and G2 and chi-square then grow with the total, so those
 * terms are taken, as needed, from one list of all terms sorted once by
 * total (then key, words before phrases, first occurrence); ranked by
 * g2_docs, from a second list sorted by documents (g2_docs grows with
 * them in the same way).
 */
typedef struct sw_keyness_units sw_keyness_units;

/**
 * Prepare the comparisons of every unit of u (borrowed, of counts c; both
 * must outlive the result) against the rest, with opts (NULL: defaults;
 * phrases, no_phrases, measure, min_count, top, alpha and bonferroni as
 * for sw_keyness_new(), nthreads for phrases computed here).  Not
 * supported, SW_EINVAL: measure SW_KEYNESS_LOG_RATIO (|log ratio| of an
 * absent term does not grow with its total: use sw_keyness_new() per
 * unit), reference_list, with_compounds, counts aggregated while loading
 * (no token arrays).  Also SW_EINVAL for counts not finished or NULL
 * arguments; SW_ENOMEM; errors of sw_phrases_new().
 */
int sw_keyness_units_new(sw_keyness_units **out, const sw_counts *c, const sw_units *u,
			 const sw_keyness_options *opts, sw_error *err);

/**
 * The comparison of unit i (its documents the target, every other
 * document the reference): records, order and summary identical to those
 * of sw_keyness_new() with that side array and the same options.  Free it
 * with sw_keyness_free().  One call at a time per ku (it uses ku's
 * scratch space); the result does not depend on ku's past calls.
 * SW_EINVAL (i out of range; an empty unit or rest, with the messages of
 * sw_keyness_new()), SW_ENOMEM.
 */
int sw_keyness_unit_new(sw_keyness **out, sw_keyness_units *ku, size_t i, sw_error *err);

/** Free the prepared comparisons.  NULL is a no-op. */
void sw_keyness_units_free(sw_keyness_units *ku);

/** Free a comparison.  NULL is a no-op. */
void sw_keyness_free(sw_keyness *k);

/** Number of records. */
size_t sw_keyness_count(const sw_keyness *k);

/** Record i in the order above; NULL if out of range.  Valid until sw_keyness_free(). */
const sw_keyness_record *sw_keyness_get(const sw_keyness *k, size_t i);

/** The totals. */
const sw_keyness_summary *sw_keyness_summary_get(const sw_keyness *k);

#ifdef __cplusplus
}
#endif
#endif
