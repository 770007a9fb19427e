/*
 * stichwort/themes.h - theme dictionaries: named sets of patterns
 * (exact words, globs, stems, multiword phrases) matched on normalized
 * text, so that case, inflection and hyphenation variants hit.
 *
 * The same patterns serve `themes` (counts per document, group, period),
 * `trends --terms/--themes`, `keyness --themes` and `kwic --term`: a list
 * of terms given on the command line is a dictionary with one theme per
 * term (sw_themes_from_terms()).
 *
 * Dictionary file format (JSON, documented with examples in
 * docs/themes.md; an example is docs/examples/digitale-souveraenitaet.json):
 *
 *   { "themes": { "NAME": ["pattern", ...], ... } }
 *
 * or the object of themes alone.  With the "themes" wrapper, other
 * top-level members ("description", ...) are ignored.  Themes keep their
 * order in the file; a name must have a letter or digit, a theme at
 * least one pattern; duplicate names are a syntax error.
 *
 * Pattern syntax.  A pattern is one or more words separated by white
 * space; each word is one of:
 *
 *   souveränität            a word: matches every token with the same
 *                           stem key ("Souveränität", "souveränitäten",
 *                           "SOUVERÄNITÄT").  The word is analysed like
 *                           document text (normalized, tokenized, stemmed
 *                           with the run's stemmer), so gender forms
 *                           ("Bürger:innen") and abbreviations work too.
 *                           Consecutive plain words are analysed as one
 *                           text ("z. B.", "87 %" stay one token each).
 *                           A word written in lower case is also stemmed
 *                           with a capital first letter, because CISTEM
 *                           stems nouns differently (both keys match).
 *   =Souveränität           the exact word: the token's case-folded norm
 *                           equals the word's ("souveränität",
 *                           "SOUVERÄNITÄT"; not "Souveränitäten")
 *   souverän*   *souveränität   s*ität
 *                           a glob on the case-folded norm of a token:
 *                           `*` is any run of characters (also none,
 *                           also hyphens); runs of stars are one star; a
 *                           glob needs a letter or digit besides stars.
 *                           A `*` inside a word always makes it a glob, so
 *                           the gender star is matched literally or as a
 *                           run ("Bürger*innen" also hits "Bürgerinnen");
 *                           write "Bürger:innen" for the gender key.
 *   stem:souveran           a stem key exactly as `stichwort tokens` shows
 *                           it (hyphenated compounds keep their hyphens:
 *                           "stem:open-sourc-strategi")
 *   digitale souveränität   several words: consecutive tokens, each word
 *                           matched as above
 *   Open-Source             a hyphenated word is split at its hyphens
 *                           into words: it hits the compound token, the
 *                           words written apart ("Open Source") and the
 *                           mixed forms ("Open Source-Software" for
 *                           "Open-Source-Software").  A hyphenated glob
 *                           ("open-sour*") is split the same way; "=" and
 *                           "stem:" words are never split.
 *
 * What a word of a pattern is compared with.  Tokens are words,
 * abbreviations and numbers; punctuation, URLs, e-mail addresses, dates
 * and symbols never match (a glob "cloud*" does not hit
 * "cloud@example.org").  A hyphenated compound token ("Open-Source-
 * Strategie") is seen as a whole and as its parts ("open", "source",
 * "strategie", each with its own stem key):
 *
 *   - at the start of a token, a word of a pattern matches the whole
 *     token or, for a compound, its first part;
 *   - inside a compound it matches the next part;
 *   - a match may end inside a compound, never start inside one.
 *
 * So "open source" and "Open-Source" hit "Open-Source-Strategie" (the
 * compound begins with them), "cloud" hits "Cloud-Dienste", and
 * "digitale souveränität" hits "Digital-Souveränität"; but "strategie"
 * does not hit "Open-Source-Strategie" and "souverän*" does not hit
 * "Digital-Souveränität" (no part-wise match inside a compound).  A glob
 * sees the whole norm, hyphens included, so "*souveränität" and
 * "*souverän*" do hit "Digital-Souveränität", and "cloud*" hits
 * "Cloud-Dienste" as a whole.  Closed compounds ("Datensouveränität")
 * are one word: only globs reach inside them.
 *
 * A multiword pattern never runs across punctuation ("digital,
 * Souveränität") or a sentence start (given by the flags of
 * sw_matcher_run_flags(): a sentence end, or a blank line after a
 * heading); a line break inside a sentence does not interrupt it.  Line-
 * break hyphenation ("Souverä-\nnität") and soft hyphens are joined by
 * the normalizer before matching.
 *
 * Counting: at a token position the longest pattern of a theme that
 * matches there wins (longest = most text parts covered: a compound
 * token covers all its parts; ties: the pattern listed first); matches of
 * one theme do not overlap (leftmost, then longest); different themes
 * are counted independently, so one token can count for several themes.
 *
 * Side effect: binding a dictionary to a lexicon (sw_matcher_new())
 * analyses the pattern words with that lexicon, which adds them to its
 * vocabularies like words of a document.  Create matchers after
 * sw_counts_finish() when the vocabulary size matters.
 */
#ifndef STICHWORT_THEMES_H
#define STICHWORT_THEMES_H

#include <stddef.h>
#include <stdint.h>

#include "counts.h"
#include "error.h"
#include "terms.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed dictionary: themes, each with patterns. */
typedef struct sw_themes sw_themes;

/**
 * Parse a dictionary from len bytes of JSON.  path names the source in
 * error messages: on SW_EFORMAT err gets path, the 1-based line and the
 * byte offset - of a syntax error, where the JSON parser stopped (just
 * after the unexpected token); of a theme that is not an array of
 * strings or has no patterns, its value; of a bad pattern (empty, a glob
 * of stars only, "=" or "stem:" without a word, no letter or digit at
 * all, more than 32 words), the pattern's string.  A leading UTF-8 byte
 * order mark is ignored (offsets still count it).  On failure *out is
 * NULL.  SW_OK, SW_EFORMAT, SW_ENOMEM.
 */
int sw_themes_parse(sw_themes **out, const char *json, size_t len, const char *path,
		    sw_error *err);

/** Read and parse a dictionary file (path as in sw_themes_parse()).
 * SW_OK, SW_EIO, SW_EFORMAT, SW_ENOMEM. */
int sw_themes_load(sw_themes **out, const char *path, sw_error *err);

/**
 * A dictionary with one theme per pattern, named by the pattern as
 * given without surrounding white space ("digitale souveränität",
 * "souverän*").  terms are NUL-terminated UTF-8.  SW_OK, SW_EFORMAT (no
 * terms, an empty or malformed pattern, invalid UTF-8: err->message
 * names the term), SW_ENOMEM.
 */
int sw_themes_from_terms(sw_themes **out, const char *const *terms, size_t n,
			 sw_error *err);

/** Free a dictionary.  NULL is a no-op. */
void sw_themes_free(sw_themes *t);

/* Accessors.  Names and patterns are borrowed NUL-terminated strings,
 * valid until sw_themes_free(); out-of-range indices give NULL or 0. */
size_t sw_themes_count(const sw_themes *t);
const char *sw_themes_name(const sw_themes *t, size_t theme);
size_t sw_themes_npatterns(const sw_themes *t, size_t theme);
const char *sw_themes_pattern(const sw_themes *t, size_t theme, size_t pattern);
/** Patterns of all themes together. */
size_t sw_themes_total_patterns(const sw_themes *t);

/**
 * A matcher: the dictionary bound to a lexicon (patterns' words are
 * analysed with it; token forms are resolved through it, each distinct
 * form once and then cached by form id, so that matching costs one
 * cache lookup per token plus the patterns whose first word the token
 * satisfies).  Not thread-safe: one per thread (it grows its cache and
 * adds to the lexicon).
 */
typedef struct sw_matcher sw_matcher;

/**
 * Compile t for lexicon lx.  t and lx are borrowed and must outlive the
 * matcher.  SW_OK, SW_EINVAL (no themes), SW_EFORMAT (a pattern that
 * analyses to no token, e.g. only symbols; err->message names it),
 * SW_ENOMEM.
 */
int sw_matcher_new(sw_matcher **out, const sw_themes *t, sw_lexicon *lx, sw_error *err);
/** Free a matcher.  NULL is a no-op. */
void sw_matcher_free(sw_matcher *m);

/**
 * With on non-zero, a word of a pattern also matches the compounds it is
 * the head of ("Sicherheit" hits "Datensicherheit" and "IT-Sicherheit";
 * the lexicon's sw_term_info.head, so it needs a lemmatizer): what
 * --with-compounds asks for.  Call before the first run (the matcher
 * caches what each form matches).
 */
void sw_matcher_with_compounds(sw_matcher *m, int on);

/** One match: theme, pattern, and the tokens it covers. */
typedef struct sw_match {
	uint32_t theme;   /**< index of the theme */
	uint32_t pattern; /**< index of the pattern within its theme */
	size_t first;   /**< index of its first token in the sequence given */
	size_t ntok;    /**< number of tokens covered (>= 1) */
} sw_match;

/**
 * All matches in a token sequence (one document, or a slice of it): the
 * tokens' form ids (sw_term_info.form, ids in sw_lexicon_surfaces() of
 * the matcher's lexicon) and types (sw_token_type), ntok of each.  No
 * sentence information: multiword patterns run across sentence starts
 * without punctuation (use sw_matcher_run_flags()).  *out is borrowed
 * from m until the next call; matches are ordered by first token, then
 * theme.  SW_OK or SW_ENOMEM.
 */
int sw_matcher_run(const sw_match **out, size_t *n_out, sw_matcher *m,
		   const sw_term_id *forms, const uint8_t *types, size_t ntok, sw_error *err);

/**
 * sw_matcher_run() with the tokens' flags (SW_CT_* of counts.h, or NULL):
 * a multiword pattern does not run across a sentence start (SW_CT_SENT),
 * e.g. from a heading into the next line.  sw_theme_counts_new() uses the
 * counts' flags; a concordance built from sw_atoken results sets
 * SW_CT_SENT where tok.sentence changes, so that both count the same.
 */
int sw_matcher_run_flags(const sw_match **out, size_t *n_out, sw_matcher *m,
			 const sw_term_id *forms, const uint8_t *types, const uint8_t *flags,
			 size_t ntok, sw_error *err);

/** The dictionary of a matcher (borrowed). */
const sw_themes *sw_matcher_themes(const sw_matcher *m);

/**
 * Theme counts over counts c: per document and theme the number of
 * matches, and per document, theme and pattern the number of matches of
 * that pattern (they add up to the theme's).  c must be finished, keep
 * its token arrays and use the matcher's lexicon.  Memory: documents x
 * (themes + patterns) counters.  SW_OK, SW_EINVAL, SW_ENOMEM.
 */
typedef struct sw_theme_counts sw_theme_counts;

int sw_theme_counts_new(sw_theme_counts **out, sw_matcher *m, const sw_counts *c,
			sw_error *err);

/**
 * The same built document by document, for counts that keep no token
 * arrays: begin with matcher m (borrowed; it must outlive the theme
 * counts),
 * then add each document's tokens in document order (form ids, types,
 * SW_CT_* flags or NULL), e.g. from sw_pipeline_options.on_doc.  Document
 * d of the theme counts is the d-th added.  SW_OK, SW_EINVAL, SW_ENOMEM.
 */
int sw_theme_counts_begin(sw_theme_counts **out, sw_matcher *m, sw_error *err);
int sw_theme_counts_add(sw_theme_counts *tc, const sw_term_id *forms, const uint8_t *types,
			const uint8_t *flags, size_t n, sw_error *err);
/** Documents added so far. */
size_t sw_theme_counts_ndocs(const sw_theme_counts *tc);
/** Free theme counts.  NULL is a no-op. */
void sw_theme_counts_free(sw_theme_counts *tc);

/** Matches of theme in document d (0 for indices out of range). */
uint32_t sw_theme_counts_doc(const sw_theme_counts *tc, size_t d, size_t theme);
/** Matches of (theme, pattern) in document d. */
uint32_t sw_theme_counts_doc_pattern(const sw_theme_counts *tc, size_t d, size_t theme,
				     size_t pattern);

#ifdef __cplusplus
}
#endif
#endif
