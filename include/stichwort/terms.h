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
 * Lemmas (with a lemmatizer in the options, as the command line has):
 * every word is lemmatized (stichwort/lemma.h), and the key is its
 * lemma or the stem of its lemma; see sw_lexicon_options.
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
#include "lemma.h"
#include "stem.h"
#include "stopwords.h"
#include "tokenize.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What counting is keyed by. */
typedef enum sw_key_kind {
	SW_KEY_STEM = 0, /**< the stem (of the lemma, with a lemmatizer) */
	SW_KEY_LEMMA = 1 /**< the lemma, case-folded (needs a lemmatizer) */
} sw_key_kind;

/** Parse "lemma" or "stem" into *out: SW_OK or SW_EINVAL. */
int sw_key_kind_parse(sw_key_kind *out, const char *name);

/** "lemma" or "stem"; never NULL. */
const char *sw_key_kind_name(sw_key_kind kind);

/**
 * Options of a lexicon.  Zero means the library's historical default:
 * Snowball stems of the forms as written, no stopwords, no lemmas.  The
 * command line uses key SW_KEY_LEMMA with the built-in lemmatizer.
 *
 * With a lemmatizer, every word is lemmatized first (stichwort/lemma.h):
 * the key is the case-folded lemma (SW_KEY_LEMMA: "Städte" -> "stadt",
 * "ging" -> "gehen") or the stem of the lemma (SW_KEY_STEM: "ging" ->
 * "geh"), a word is a stopword when its norm or its lemma is listed
 * ("besser", lemma "gut"), and a compound records the key of its head
 * (sw_term_info.head).  Without one, the key is the stem of the form.
 */
typedef struct sw_lexicon_options {
	sw_stemmer_kind stemmer;       /**< which stemmer */
	const sw_stoplist *stopwords;  /**< borrowed, must outlive the lexicon; may be NULL */
	sw_key_kind key;               /**< the counting key */
	const sw_lemmatizer *lemmatizer; /**< borrowed, must outlive the lexicon; may be
					      NULL (then key must be SW_KEY_STEM) */
} sw_lexicon_options;

#define SW_LEXICON_OPTIONS_INIT { SW_STEMMER_SNOWBALL, NULL, SW_KEY_STEM, NULL }

/** What a token's text means for counting. */
typedef struct sw_term_info {
	sw_term_id norm; /**< id in sw_lexicon_norms() */
	sw_term_id stem; /**< id in sw_lexicon_stems(): the counting key */
	sw_term_id form; /**< id in sw_lexicon_surfaces(): the token's text
			      as it stands in the normalized text (case kept),
			      what display forms are chosen from */
	unsigned stop;   /**< 1 if a stopword */
	sw_term_id lemma; /**< id in sw_lexicon_lemmas(): the lemma as the
			       lexicon writes it ("Stadt"); without a
			       lemmatizer, and for tokens other than words,
			       the token's text as written */
	sw_term_id head;  /**< id in sw_lexicon_stems(): the key of a compound's
			       head ("Datensouveränität", "IT-Sicherheit" ->
			       the key of "Souveränität", "Sicherheit"), or
			       SW_TERM_NONE when the word is not a compound */
	sw_pos pos;       /**< the lemma's coarse part of speech (SW_POS_X
			       without a lemmatizer or for other tokens) */
} sw_term_info;

/** The bytes of a term analysed elsewhere, for sw_lexicon_import(). */
typedef struct sw_term_bytes {
	const char *norm;  /**< its norm */
	size_t norm_len;
	const char *key;   /**< its key */
	size_t key_len;
	const char *lemma; /**< its lemma (NULL: the form as written) */
	size_t lemma_len;
	const char *head;  /**< its head's key (NULL: not a compound) */
	size_t head_len;
	int stop;          /**< a stopword */
	sw_pos pos;        /**< its part of speech */
} sw_term_bytes;

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
 * options, e.g. a worker thread's): (type, form) with the bytes of its
 * norm, key, lemma and head key and its stopword flag, copied as given,
 * without folding, lemmatizing or stemming again.  If lx already knows
 * (type, form), *out gets what lx has and nothing is added; otherwise
 * norm, key, head, lemma and form are interned in this order, as
 * sw_lexicon_term() does for a new form, so a lexicon filled by imports
 * in token order has the same ids as one filled by sw_lexicon_term().
 * SW_OK, or SW_ENOMEM / SW_EINVAL (bad type, vocabulary full).
 */
int sw_lexicon_import(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		      sw_token_type type, const sw_term_bytes *tb, sw_error *err);

/** The vocabulary of norms.  Borrowed, lives as long as lx. */
const sw_vocab *sw_lexicon_norms(const sw_lexicon *lx);

/** The vocabulary of stem keys.  Borrowed, lives as long as lx. */
const sw_vocab *sw_lexicon_stems(const sw_lexicon *lx);

/** The vocabulary of forms (token texts, case kept).  Borrowed. */
const sw_vocab *sw_lexicon_surfaces(const sw_lexicon *lx);

/** The vocabulary of lemmas (as the lexicon writes them).  Borrowed. */
const sw_vocab *sw_lexicon_lemmas(const sw_lexicon *lx);

/**
 * The term of the form whose id in sw_lexicon_surfaces() is form (the
 * first analysis of that text) into *out: 1, or 0 (*out untouched) for an
 * id not yet seen or a NULL argument.  What a display form's lemma and
 * head are looked up by.
 */
int sw_lexicon_form_info(sw_term_info *out, const sw_lexicon *lx, sw_term_id form);

/** Number of distinct (type, form) pairs analysed so far. */
size_t sw_lexicon_forms(const sw_lexicon *lx);

#ifdef __cplusplus
}
#endif
#endif
