/*
 * stichwort/lemma.h - German lemmas, coarse parts of speech and compound
 * parts, from the shipped full-form lexicon.
 *
 * A lemmatizer reads a German full-form lexicon: LanguageTool's
 * german-pos-dict (a Morfologik automaton, CC BY-SA 4.0; data/lexicon/ in
 * the source tree), which maps 552,751 word forms to their lemmas and
 * tags.  The built-in copy is embedded in the library; a path names
 * another file in the same format.  One lemmatizer may serve every
 * thread at once: all it changes once made is an inner cache of the
 * lexicon's decoded readings, which threads fill without locks and which
 * changes no result.
 *
 * sw_lemmatize() gives a word token:
 *
 *   lemma  the dictionary form: "Abhängigkeiten" -> "Abhängigkeit",
 *          "Städte" -> "Stadt", "ging" -> "gehen", "digitalen" ->
 *          "digital".  Nouns and names are capitalised, everything else
 *          is lower case, as the lexicon writes them.
 *   pos    a coarse part of speech (sw_pos).
 *   parts  a compound's parts: for a closed compound two, the modifier
 *          in its base form (without a linking element: "Verwaltungs" ->
 *          "Verwaltung", "Schul" -> "Schule") and the head as its lemma
 *          ("Datensouveränität" -> "Daten", "Souveränität"); for a
 *          hyphenated word every part, the last as its lemma; none when
 *          the word is not a compound.
 *
 * How a word is analysed, in this order (docs/lemmas.md has the rules
 * with examples, and the figures they reach on gold standards):
 *
 *   1. The word as written is looked up.  A capitalised word not found
 *      (or found only as something other than a noun or name) is tried
 *      in lower case: "Die" at the start of a sentence is "die", "Hat"
 *      is "haben" -- but not as a verb with SW_LEMMA_INSIDE (a
 *      capitalised unknown word inside a sentence is a name: "Klimmet").
 *      With SW_LEMMA_SENT_START, a capitalised word that is both a noun
 *      and a lower-case word ("Sein" / "sein") takes the lower-case
 *      reading when that one is an article, pronoun or conjunction.  A
 *      noun the lexicon knows only as an adjective made noun ("Digitale",
 *      "Neue") is read as the adjective -- unless SW_LEMMA_AFTER_DET says
 *      an article or preposition comes before ("das Digitale").  With
 *      SW_LEMMA_AFTER_ZU a lower-case word that can be an infinitive is
 *      one ("zu gleichen": gleichen).  The counting cache gives no context
 *      flags (one analysis per form); these are for callers that know the
 *      words around.
 *   2. Among the readings of a form, the preferred one is chosen by a
 *      fixed order of preferences (documented in docs/lemmas.md): for a
 *      capitalised form a noun, then a name; for a lower-case form a
 *      verb for a bare participle ("gekauft" -> "kaufen"), an adjective
 *      for an inflected one ("geplanten" -> "geplant"), and otherwise
 *      the reading whose lemma is closest to the form.
 *   3. A word the lexicon lacks is split as a closed compound: the
 *      longest known head (a noun for a capitalised word) whose modifier
 *      is a known word, with the linking elements -s-, -es-, -n-, -en-,
 *      -e-, -er-, -ens- and a dropped -e ("Schulbuch" -> "Schule" +
 *      "Buch"); failing that, a known head with a guessed modifier or a
 *      known modifier with a guessed head, whichever known piece is
 *      longer.  The lemma is the modifier as written plus the head's
 *      lemma ("Verwaltungsleistungen" -> "Verwaltungsleistung").  A noun
 *      the lexicon knows, of ten letters or more, is split too when both
 *      parts are known, for its parts ("Bundesregierung").
 *   4. A hyphenated word takes its last part's lemma, the other parts as
 *      written ("Open-Source-Strategien" -> "Open-Source-Strategie").
 *      A suspended word ("Cloud-") is analysed without its hyphen.
 *   5. A gender form keeps its mark on the base's lemma: "Bürger*innen"
 *      -> "Bürger*in".  Whole forms such as "Rom*nja" stay as written.
 *   6. Anything else gets suffix rules ("-ungen" -> "-ung", "-keiten" ->
 *      "-keit", "-heiten" -> "-heit", ...) and pos SW_POS_X.
 *
 * Work per word is bounded: a word over SW_LEMMA_MAX_SPLIT bytes is not
 * split, and a hyphenated word's parts are not looked up beyond its last
 * one, so a 1 MB "word" costs one pass over its bytes; a hyphenated word
 * of more than 64 parts gets no parts.  A word without letters ("-") or
 * with a NUL byte is its own lemma, pos X, not looked up.  The flags
 * matter: a gender form is one only with SW_TOKEN_F_GENDERED.
 */
#ifndef STICHWORT_LEMMA_H
#define STICHWORT_LEMMA_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Coarse parts of speech. */
typedef enum sw_pos {
	SW_POS_X = 0,  /**< unknown: not in the lexicon, not a compound */
	SW_POS_NOUN,   /**< common noun */
	SW_POS_PROPN,  /**< proper name */
	SW_POS_VERB,   /**< verb (participles used verbally too) */
	SW_POS_ADJ,    /**< adjective (and participles used as adjectives) */
	SW_POS_ADV,    /**< adverb */
	SW_POS_FUNC,   /**< article, pronoun, preposition, conjunction,
			    particle, interjection */
	SW_POS_NUM,    /**< number word */
	SW_POS_N       /**< the number of values */
} sw_pos;

/** The name of a part of speech ("NOUN", "X", ...); never NULL. */
const char *sw_pos_name(sw_pos pos);

/** Context flags for sw_lemmatize().  Neither: the context is unknown
 * (what the counting cache uses: one analysis per form). */
#define SW_LEMMA_SENT_START 0x100u /**< the word starts a sentence */
#define SW_LEMMA_INSIDE     0x200u /**< the word is inside a sentence, not its first */
#define SW_LEMMA_AFTER_DET  0x400u /**< an article or a preposition comes before */
#define SW_LEMMA_AFTER_ZU   0x800u /**< "zu" comes before */

/** Result flags (sw_lemma.flags). */
#define SW_LEMMA_F_KNOWN    0x01u /**< the lexicon has the form (as written or
				       in lower case); for a hyphenated word
				       its last part, for a gender form its base */
#define SW_LEMMA_F_COMPOUND 0x02u /**< a compound: closed (split with the
				       lexicon) or hyphenated; parts are set */
#define SW_LEMMA_F_GUESSED  0x04u /**< suffix rules gave the lemma (of the
				       last part, for a hyphenated word) */

/** Words longer than this (bytes) are not split as compounds. */
#define SW_LEMMA_MAX_SPLIT 96

/** A lemmatizer: the lexicon, read-only once made. */
typedef struct sw_lemmatizer sw_lemmatizer;

/**
 * Open a lexicon: path NULL is the built-in one, else a Morfologik CFSA2
 * automaton with a SUFFIX lemma encoder and "_" separator (the format of
 * german-pos-dict's german.dict).  *out owns the lemmatizer.  SW_ENOMEM,
 * SW_EIO (the file cannot be read: err names the path) or SW_EFORMAT
 * (not such an automaton, or damaged: err names the path and the byte).
 */
int sw_lemmatizer_new(sw_lemmatizer **out, const char *path, sw_error *err);

/** Free a lemmatizer.  NULL is a no-op. */
void sw_lemmatizer_free(sw_lemmatizer *lm);

/** Where the lexicon came from: "built-in" or the path given. */
const char *sw_lemmatizer_source(const sw_lemmatizer *lm);

/**
 * The analysis of one word.  The buffers belong to the record: reuse it
 * across calls and free it with sw_lemma_free().  Zero-initialise it
 * before the first call.
 */
typedef struct sw_lemma {
	sw_buf lemma;   /**< the lemma (UTF-8, not NUL-terminated in len) */
	sw_buf parts;   /**< nparts part lemmas, each followed by a NUL */
	size_t nparts;  /**< 0, or 2 and more for a compound */
	sw_pos pos;     /**< coarse part of speech */
	unsigned flags; /**< SW_LEMMA_F_* */
} sw_lemma;

/** Free the buffers of a result record.  NULL is a no-op. */
void sw_lemma_free(sw_lemma *l);

/**
 * Analyse one word token of len bytes (as the tokenizer gave it, in the
 * normalized text): flags are its SW_TOKEN_F_* flags (hyphenated,
 * gendered, suspended) and the SW_LEMMA_* context flags.  Fills *out.  Thread-
 * safe for one lm and distinct out.  SW_OK, SW_ENOMEM, or SW_EINVAL for
 * invalid UTF-8 (*out then holds the word as written, pos X).
 */
int sw_lemmatize(sw_lemma *out, const sw_lemmatizer *lm, const char *word, size_t len,
		 unsigned flags, sw_error *err);

#ifdef __cplusplus
}
#endif
#endif
