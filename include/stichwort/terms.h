/*
 * stichwort/terms.h - from a token to a term: case folding, the stopword
 * flag, stemming and interning, cached per distinct word form.
 *
 * A lexicon turns the text of a token (as it stands in the normalized
 * text) into a sw_term_info: the id of its normalized form ("norm") and
 * of its stem key ("stem", what counting uses), and whether it is a
 * stopword.  Each distinct (type, form) is analysed once; later tokens
 * with the same form are a hash lookup.
 *
 * Norms: full case folding ("Straße" -> "strasse"); abbreviations lose
 * their inner spaces ("z. B." -> "z.b."); gender forms take one canonical
 * mark ("Bürger:innen", "Bürger_innen", "BürgerInnen", "Bürger/-innen"
 * -> "bürger*innen"); a number's percent sign loses its space ("87 %" ->
 * "87%").
 *
 * Stems: words go through the stemmer.  Hyphenated compounds stem each
 * part and keep the hyphens ("Open-Source-Strategien" ->
 * "open-sourc-strategi" with Snowball, so the parts line up with the same
 * words written apart: "Open Source"), gender forms stem the base and
 * add "*in" ("Bürger*innen", "Bürger*in" -> "burg*in"), a suspended
 * hyphen is dropped ("Cloud-" -> "cloud").  Every other type's stem is its
 * norm.  The stopword flag is looked up with the norm, for words and
 * abbreviations only.
 *
 * A lexicon is not thread-safe (its cache grows); use one per thread or
 * lock around it.
 */
#ifndef STICHWORT_TERMS_H
#define STICHWORT_TERMS_H

#include <stddef.h>

#include "error.h"
#include "stem.h"
#include "stopwords.h"
#include "tokenize.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of a lexicon.  Zero means default (Snowball, no stopwords). */
typedef struct sw_lexicon_options {
	sw_stemmer_kind stemmer;       /**< which stemmer */
	const sw_stoplist *stopwords;  /**< borrowed, must outlive the lexicon; may be NULL */
} sw_lexicon_options;

#define SW_LEXICON_OPTIONS_INIT { SW_STEMMER_SNOWBALL, NULL }

/** What a token's text means for counting. */
typedef struct sw_term_info {
	sw_term_id norm; /**< id in sw_lexicon_norms() */
	sw_term_id stem; /**< id in sw_lexicon_stems(): the counting key */
	sw_term_id form; /**< id in sw_lexicon_surfaces(): the token's text
			      as it stands in the normalized text (case kept),
			      what display forms are chosen from */
	unsigned stop;   /**< 1 if a stopword */
} sw_term_info;

/** A lexicon: caches, the norm and stem vocabularies, a stemmer. */
typedef struct sw_lexicon sw_lexicon;

/** Create a lexicon (opts may be NULL).  SW_OK, SW_ENOMEM or a stemmer error. */
int sw_lexicon_new(sw_lexicon **out, const sw_lexicon_options *opts, sw_error *err);

/** Free a lexicon.  NULL is a no-op. */
void sw_lexicon_free(sw_lexicon *lx);

/**
 * The term of a token: form is the token's text in the normalized text
 * (len bytes), type and flags as the tokenizer gave them.  Fills *out.
 * SW_OK, or SW_ENOMEM / SW_EINVAL (vocabulary full) with *out untouched.
 */
int sw_lexicon_term(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		    sw_token_type type, unsigned flags, sw_error *err);

/**
 * Add a term analysed elsewhere (by another lexicon with the same
 * options, e.g. a worker thread's): (type, form) with its norm, stem key
 * and stopword flag, copied as given, without folding or stemming again.
 * If lx already knows (type, form), *out gets what lx has and nothing is
 * added; otherwise norm, stem and form are interned in this order, as
 * sw_lexicon_term() does for a new form, so a lexicon filled by imports
 * in token order has the same ids as one filled by sw_lexicon_term().
 * SW_OK, or SW_ENOMEM / SW_EINVAL (bad type, vocabulary full).
 */
int sw_lexicon_import(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		      sw_token_type type, const char *norm, size_t norm_len, const char *stem,
		      size_t stem_len, int stop, sw_error *err);

/** The vocabulary of norms.  Borrowed, lives as long as lx. */
const sw_vocab *sw_lexicon_norms(const sw_lexicon *lx);

/** The vocabulary of stem keys.  Borrowed, lives as long as lx. */
const sw_vocab *sw_lexicon_stems(const sw_lexicon *lx);

/** The vocabulary of forms (token texts, case kept).  Borrowed. */
const sw_vocab *sw_lexicon_surfaces(const sw_lexicon *lx);

/** Number of distinct (type, form) pairs analysed so far. */
size_t sw_lexicon_forms(const sw_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
