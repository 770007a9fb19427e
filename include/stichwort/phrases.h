/*
 * stichwort/phrases.h - multiword terms: candidates, keys, display forms,
 * C-value and log-likelihood scores.
 *
 * Candidates are runs of 2..max_len words inside one sentence, never
 * crossing punctuation or a non-word token, not starting or ending with a
 * stopword.  Inner stopwords are admitted only as documented in
 * docs/phrases.md (rule implemented in phrases.c).  A hyphenated compound
 * is one token but counts its parts as words: "Open-Source" is the same
 * phrase as "Open Source" (key "open sourc"), and it is never split.
 *
 * The key of a phrase is the sequence of its words' stem keys joined by
 * single spaces, with the hyphens of compounds turned into spaces, so
 * "digitale / digitaler / digitalen Souveränität" share the key
 * "digital souveranitat".  The display form is the most frequent surface
 * form (ties: the earliest occurrence); all surface forms are kept as
 * variants with their counts.
 *
 * Scores (higher = more of a term), formulas in docs/phrases.md:
 *   SW_PHRASE_CVALUE  C-value (Frantzi, Ananiadou & Mima 2000): nested
 *                     occurrences discounted.
 *   SW_PHRASE_LL      log-likelihood (Dunning 1993) of the association
 *                     between the phrase's first word(s) and the rest.
 */
#ifndef STICHWORT_PHRASES_H
#define STICHWORT_PHRASES_H

#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Ranking measure. */
typedef enum sw_phrase_measure {
	SW_PHRASE_CVALUE = 0, /**< C-value (default) */
	SW_PHRASE_LL = 1      /**< log-likelihood */
} sw_phrase_measure;

/** Parse "cvalue" or "ll".  SW_OK or SW_EINVAL. */
int sw_phrase_measure_parse(sw_phrase_measure *out, const char *name);
const char *sw_phrase_measure_name(sw_phrase_measure m);

/** Options.  Zero means default. */
typedef struct sw_phrase_options {
	size_t min_count;          /**< minimum occurrences (default 2) */
	size_t max_len;            /**< maximum words, 2..8 (default 4) */
	sw_phrase_measure measure; /**< ranking (default C-value) */
	size_t nthreads;           /**< threads for the passes over the tokens
					(0 = 1); the result is the same for any */
	int unscored;              /**< the phrases for their counts, variants
					and occurrences alone (as keywords and
					keyness use them): no C-value or
					log-likelihood is computed, cvalue, ll
					and score are 0, and the phrases are in
					key order */
} sw_phrase_options;

#define SW_PHRASE_OPTIONS_INIT { 0, 0, SW_PHRASE_CVALUE, 0, 0 }

/** One surface variant of a phrase. */
typedef struct sw_phrase_variant {
	const char *text; /**< as it stands in the normalized text, words joined by one space */
	size_t len;
	uint32_t count;
} sw_phrase_variant;

/** A phrase (all pointers borrowed from the sw_phrases). */
typedef struct sw_phrase {
	const char *key;      /**< stem keys joined by spaces */
	size_t key_len;
	const char *display;  /**< the most frequent variant */
	size_t display_len;
	uint32_t n;           /**< words */
	uint32_t count;       /**< occurrences */
	uint32_t docs;        /**< documents containing it */
	double cvalue;        /**< C-value */
	double ll;            /**< log-likelihood */
	double score;         /**< the chosen measure */
	const sw_phrase_variant *variants; /**< most frequent first, ties by text */
	size_t nvariants;
	const uint32_t *occ;  /**< token index (in sw_counts arrays) of each occurrence's first token, ascending */
	const uint8_t *occ_len; /**< tokens spanned by each occurrence */
} sw_phrase;

/** The phrases of a corpus. */
typedef struct sw_phrases sw_phrases;

/**
 * Find, count and score the phrases of finished counts c (borrowed; it
 * must outlive the result).  Phrases with fewer than min_count
 * occurrences are dropped.  SW_OK, SW_ENOMEM, SW_EINVAL (bad options,
 * counts aggregated while loading: they keep no token arrays; out or c
 * NULL, as every constructor: stichwort/error.h).
 */
int sw_phrases_new(sw_phrases **out, const sw_counts *c, const sw_phrase_options *opts,
		   sw_error *err);
void sw_phrases_free(sw_phrases *p);

/** Number of phrases kept. */
size_t sw_phrases_count(const sw_phrases *p);

/**
 * Phrase i, in rank order: score descending, then key bytes ascending,
 * then first occurrence.  NULL if out of range.
 */
const sw_phrase *sw_phrases_get(const sw_phrases *p, size_t i);

/** The phrase with this key, or NULL. */
const sw_phrase *sw_phrases_find(const sw_phrases *p, const char *key, size_t len);

#ifdef __cplusplus
}
#endif
#endif
