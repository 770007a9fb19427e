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
 * docs/themes.md):
 *
 *   { "themes": { "NAME": ["pattern", ...], ... } }
 *
 * (or the object of themes alone).  Themes keep their order in the file.
 * Pattern syntax:
 *
 *   souveränität            a word: matches every token with the same
 *                           stem key ("Souveränität", "souveränitäten")
 *   =Souveränität           the exact word (case-folded norm), no stemming
 *   souverän*   *souveränität   *cloud*
 *                           globs on the case-folded norm of a token
 *                           (`*` any run of characters, at the ends or in
 *                           the middle)
 *   stem:souverän           a stem key as `stichwort tokens` shows it
 *   digitale souveränität   several words: consecutive word tokens, each
 *                           matched as above (every part may itself be a
 *                           glob, =exact or stem:)
 *   Open-Source             a hyphenated word: the compound token and the
 *                           words written apart ("Open Source") both hit
 *
 * Matching is on the lexicon's case-folded norms and stem keys of the
 * tokens (the same stemmer as the rest of the run).
 *
 * Counting: at a token position the longest pattern of a theme that
 * matches there wins; matches of one theme do not overlap (leftmost,
 * then longest); different themes are counted independently.
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
 * error messages (err gets path, line and byte of a syntax error or of a
 * bad pattern).  SW_OK, SW_EFORMAT, SW_ENOMEM.
 */
int sw_themes_parse(sw_themes **out, const char *json, size_t len, const char *path,
		    sw_error *err);

/** Read and parse a dictionary file.  SW_OK, SW_EIO, SW_EFORMAT, SW_ENOMEM. */
int sw_themes_load(sw_themes **out, const char *path, sw_error *err);

/**
 * A dictionary with one theme per pattern, named by the pattern as
 * given ("digitale souveränität", "souverän*").  SW_OK, SW_EFORMAT (an
 * empty or malformed pattern), SW_ENOMEM.
 */
int sw_themes_from_terms(sw_themes **out, const char *const *terms, size_t n,
			 sw_error *err);

void sw_themes_free(sw_themes *t);

size_t sw_themes_count(const sw_themes *t);
const char *sw_themes_name(const sw_themes *t, size_t theme);
size_t sw_themes_npatterns(const sw_themes *t, size_t theme);
const char *sw_themes_pattern(const sw_themes *t, size_t theme, size_t pattern);

/**
 * A matcher: the dictionary bound to a lexicon (patterns' words are
 * stemmed with it; token forms are resolved through it, each distinct
 * form once).  Not thread-safe.
 */
typedef struct sw_matcher sw_matcher;

/** t and lx are borrowed and must outlive the matcher. */
int sw_matcher_new(sw_matcher **out, const sw_themes *t, sw_lexicon *lx, sw_error *err);
void sw_matcher_free(sw_matcher *m);

/** One match: theme, pattern, and the tokens it covers. */
typedef struct sw_match {
	uint32_t theme;
	uint32_t pattern;
	size_t first;   /**< index of its first token in the sequence given */
	size_t ntok;    /**< number of tokens covered (>= 1) */
} sw_match;

/**
 * All matches in a token sequence (one document, or a slice of it): the
 * tokens' form ids (sw_term_info.form, lexicon surfaces) and types.
 * *out is borrowed from m until the next call; matches are ordered by
 * first token, then theme.  SW_OK or SW_ENOMEM.
 */
int sw_matcher_run(const sw_match **out, size_t *n_out, sw_matcher *m,
		   const sw_term_id *forms, const uint8_t *types, size_t ntok, sw_error *err);

/**
 * Theme counts over counts c: per document and theme the number of
 * matches, and per document, theme and pattern the number of matches of
 * that pattern.  c must keep its token arrays.
 */
typedef struct sw_theme_counts sw_theme_counts;

int sw_theme_counts_new(sw_theme_counts **out, sw_matcher *m, const sw_counts *c,
			sw_error *err);
void sw_theme_counts_free(sw_theme_counts *tc);

/** Matches of theme in document d. */
uint32_t sw_theme_counts_doc(const sw_theme_counts *tc, size_t d, size_t theme);
/** Matches of (theme, pattern) in document d. */
uint32_t sw_theme_counts_doc_pattern(const sw_theme_counts *tc, size_t d, size_t theme,
				     size_t pattern);

#ifdef __cplusplus
}
#endif
#endif
