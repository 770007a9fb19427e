/*
 * stichwort/keywords.h - the words and phrases that characterise a
 * document, a unit of documents (group, year, ...) or the whole corpus.
 *
 * Candidates are the content terms of the counts (stem keys of word
 * tokens that are not stopwords) and, unless no_phrases is set, the
 * multiword terms of sw_phrases_new() (default options, or the phrases
 * the caller passes).  Each candidate gets a score per unit; the top N of
 * each unit are kept.  Every score is "higher = more key".
 *
 * Methods (formulas in full, with worked examples, in docs/keywords.md):
 *
 *   SW_KEYWORDS_TFIDF     tf * idf with the smoothed idf
 *                           idf = ln((1 + N) / (1 + df)) + 1,
 *                         N = documents of the corpus, df = documents
 *                         containing the candidate; tf = the raw count,
 *                         or 1 + ln(tf) when sublinear is set.
 *   SW_KEYWORDS_BM25      Okapi BM25 (k1 = 1.2, b = 0.75):
 *                           idf * tf * (k1 + 1)
 *                           / (tf + k1 * (1 - b + b * len / avglen)),
 *                           idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
 *                         len = counted tokens of the document (or unit),
 *                         avglen = their mean over the documents (units).
 *   SW_KEYWORDS_YAKE      YAKE (Campos et al. 2020, Information Sciences
 *                         509): from the text of one unit alone, no idf.
 *                         score = -ln S(kw), S(kw) the paper's candidate
 *                         score (lower is better there).
 *   SW_KEYWORDS_TEXTRANK  TextRank (Mihalcea & Tarau 2004): PageRank over
 *                         the co-occurrence graph of the unit's content
 *                         words; a phrase scores the mean of its words'
 *                         ranks.
 *   SW_KEYWORDS_KEYNESS   what sets the unit apart: G2 keyness
 *                         (stichwort/keyness.h) of the unit against every
 *                         other document of the corpus, or, for the
 *                         corpus as a whole (and a unit that is the whole
 *                         corpus), against the reference list.  Only
 *                         terms the unit uses more often are candidates,
 *                         and only those in at least min_docs of its
 *                         documents (default 3; all of them when the unit
 *                         has fewer) and in min_docs_share of them
 *                         (default: no share), with a log ratio of at
 *                         least min_log_ratio (default 1: twice as
 *                         frequent).  A word met mostly (80 %) inside a
 *                         phrase that is also a candidate is left out
 *                         ("Intelligenz" beside "künstliche
 *                         Intelligenz").  score = G2.
 *   SW_KEYWORDS_SALIENCE  what a unit is about (the default per document):
 *                         a word scores
 *                           (tf + tf_parts) * sqrt(idf + 1) * (1 + 3 / (1 + s)),
 *                         tf_parts = occurrences in the unit of compounds
 *                         that have the word as a part (head, or with
 *                         lemma keys also modifier: "Steueroase" counts for
 *                         Steuer), idf as TF-IDF's, s = the 0-based index
 *                         within its document of the sentence of the
 *                         word's first occurrence (the least over the
 *                         unit's documents); a phrase must end in a
 *                         capitalised word (a noun phrase) and scores the
 *                         sum of its content words' scores.  Ranked, a
 *                         candidate sharing a content word with one ranked
 *                         above it is left out (no "Pflege", "gute Pflege"
 *                         and "Pflegeversicherung gute Pflege" side by side).
 *   SW_KEYWORDS_AUTO      (the default) for the corpus as a whole:
 *                         keyness when a reference list is given, else
 *                         YAKE for a single document (idf then carries no
 *                         information) and TF-IDF otherwise; per document:
 *                         SALIENCE (YAKE when the corpus is one document);
 *                         per any other unit: keyness.
 *                         sw_keywords_method_used() tells which one ran.
 *
 * Units.  With per = NULL the corpus as a whole is one unit (label
 * "corpus").  Otherwise per is passed to sw_units_new() ("doc", "group",
 * "year", "quarter", "month", any metadata field).  TF-IDF and BM25
 * always take idf over documents; the tf of a unit is its summed count;
 * for the corpus as a whole the score is the mean over all documents of
 * the per-document score (a document without the candidate adds 0).
 * YAKE, TextRank and SALIENCE read the tokens of the unit's documents in
 * document order (sentences never span two documents).
 *
 * Determinism: within a unit, records are ordered by score descending,
 * then key bytes ascending, then first occurrence (token index) in the
 * corpus; units come in sw_units_new() order.  The same counts and
 * options give the same records.
 */
#ifndef STICHWORT_KEYWORDS_H
#define STICHWORT_KEYWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "error.h"
#include "keyness.h"
#include "phrases.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Scoring method. */
typedef enum sw_keywords_method {
	SW_KEYWORDS_AUTO = 0,  /**< YAKE for one document, SALIENCE per document,
				    else TF-IDF */
	SW_KEYWORDS_TFIDF,     /**< tf * smoothed idf */
	SW_KEYWORDS_BM25,      /**< Okapi BM25 */
	SW_KEYWORDS_YAKE,      /**< YAKE, -ln of the paper's score */
	SW_KEYWORDS_TEXTRANK,  /**< TextRank, PageRank of co-occurring words */
	SW_KEYWORDS_KEYNESS,   /**< G2 against the rest of the corpus or a list */
	SW_KEYWORDS_SALIENCE   /**< frequency with compound parts, damped idf,
				    early first mention; phrases sum their words */
} sw_keywords_method;

/**
 * Parse "auto", "tfidf", "bm25", "yake", "textrank", "keyness" or "salience" (NUL-terminated,
 * exact).  SW_OK, or SW_EINVAL with *out untouched.
 */
int sw_keywords_method_parse(sw_keywords_method *out, const char *name);

/** The name of a method ("tfidf", ...); never NULL. */
const char *sw_keywords_method_name(sw_keywords_method m);

/** Options.  Zero means default. */
typedef struct sw_keywords_options {
	sw_keywords_method method; /**< default SW_KEYWORDS_AUTO */
	size_t top;                /**< records per unit (default 20; SIZE_MAX: all) */
	const char *per;           /**< unit (see sw_units_new); NULL: the corpus as a whole */
	int no_phrases;            /**< 1: words only */
	int sublinear;             /**< TF-IDF: tf -> 1 + ln(tf); other methods ignore it */
	double k1;                 /**< BM25 k1 (default 1.2) */
	double b;                  /**< BM25 b (default 0.75; a negative value means 0) */
	size_t window;             /**< TextRank co-occurrence window in content words (default 2) */
	double damping;            /**< TextRank damping d (default 0.85) */
	const sw_phrases *phrases; /**< phrases to use (borrowed; must belong to the same
				        counts and outlive the result); NULL: computed
				        with SW_PHRASE_OPTIONS_INIT unless no_phrases */
	size_t nthreads;           /**< threads for the key statistics, the corpus
				        TF-IDF/BM25 scores and phrases computed here
				        (0 = 1); the result is the same for any */
	const sw_reflist *reference; /**< keyness: the reference of the corpus as a
				        whole (borrowed, parsed with the counts'
				        lexicon); NULL: none */
	size_t min_docs;           /**< keyness: documents a term needs (default 3;
				        SIZE_MAX: no floor) */
	double min_docs_share;     /**< keyness: and this share of the unit's
				        documents (default 0: none) */
	double min_log_ratio;      /**< keyness: log ratio floor (default 1; < 0: none) */
} sw_keywords_options;

#define SW_KEYWORDS_OPTIONS_INIT { SW_KEYWORDS_AUTO, 0, NULL, 0, 0, 0.0, 0.0, 0, 0.0, NULL, 0, NULL, 0, 0.0, 0.0 }

/** One keyword of one unit (pointers borrowed from the sw_keywords). */
typedef struct sw_keyword {
	size_t unit;          /**< unit index (0 for the corpus as a whole) */
	const char *label;    /**< unit label ("corpus" without per; NULL: no value) */
	const char *term;     /**< display form (most frequent surface form) */
	size_t term_len;
	const char *key;      /**< stem key, words joined by spaces for phrases */
	size_t key_len;
	double score;         /**< higher = more key; see the method */
	uint32_t count;       /**< occurrences in the unit */
	uint32_t docs;        /**< documents of the unit containing it */
	uint32_t n;           /**< words: 1 for a single term */
	sw_term_id word;      /**< stem key id of a single term; SW_TERM_NONE for a phrase */
	size_t first;         /**< token index of its first occurrence in the corpus */
} sw_keyword;

/** The keywords of a corpus. */
typedef struct sw_keywords sw_keywords;

/**
 * Score the candidates of finished counts c (borrowed; it must outlive
 * the result) and keep the top of each unit.  opts may be NULL.  SW_OK,
 * SW_ENOMEM, SW_EINVAL (bad option value: negative k1 or damping not in
 * (0, 1); counts aggregated while loading, which keep no token arrays;
 * out or c NULL, as every constructor: stichwort/error.h), or an error of sw_phrases_new()/sw_units_new(); *out is set
 * only on success and freed with sw_keywords_free().
 */
int sw_keywords_new(sw_keywords **out, const sw_counts *c, const sw_keywords_options *opts,
		    sw_error *err);

/** Free keywords.  NULL is a no-op. */
void sw_keywords_free(sw_keywords *k);

/** The method that ran (AUTO resolved to TF-IDF, YAKE or SALIENCE). */
sw_keywords_method sw_keywords_method_used(const sw_keywords *k);

/** Number of units (1 without per). */
size_t sw_keywords_units(const sw_keywords *k);

/** Number of records (all units). */
size_t sw_keywords_count(const sw_keywords *k);

/**
 * Record i: unit by unit, ranked inside each unit (see Determinism).
 * NULL if out of range.  Valid until sw_keywords_free().
 */
const sw_keyword *sw_keywords_get(const sw_keywords *k, size_t i);

#ifdef __cplusplus
}
#endif
#endif
