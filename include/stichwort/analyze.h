/*
 * stichwort/analyze.h - one document through the front end: normalize,
 * tokenize, and look every token up in a lexicon.
 *
 * An analyzer bundles a normalizer and a tokenizer (its own) with a
 * lexicon (borrowed).  It is the per-thread unit of work: one analyzer per
 * thread, each with its own lexicon or a lexicon guarded by the caller.
 */
#ifndef STICHWORT_ANALYZE_H
#define STICHWORT_ANALYZE_H

#include <stddef.h>

#include "error.h"
#include "normalize.h"
#include "terms.h"
#include "tokenize.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A token with its original offsets and its term. */
typedef struct sw_atoken {
	sw_token tok;        /**< span in the normalized text, type, sentence, flags */
	size_t orig_start;   /**< first byte in the original text */
	size_t orig_end;     /**< byte after the last, in the original text */
	sw_term_info term;   /**< norm, stem, stop */
} sw_atoken;

/** Options of an analyzer.  Zero means default. */
typedef struct sw_analyzer_options {
	sw_normalize_options normalize;
	sw_tokenizer_options tokenize;
	int no_offsets; /**< nonzero: leave orig_start and orig_end 0 (saves
			     the offset-map lookups, ~2 % of the front end,
			     for callers that only count) */
} sw_analyzer_options;

#define SW_ANALYZER_OPTIONS_INIT { SW_NORMALIZE_OPTIONS_INIT, SW_TOKENIZER_OPTIONS_INIT, 0 }

/** An analyzer.  One per thread. */
typedef struct sw_analyzer sw_analyzer;

/**
 * Create an analyzer using lexicon lx (borrowed; it must outlive the
 * analyzer).  opts may be NULL.  SW_OK, SW_ENOMEM, SW_EINTERNAL.
 */
int sw_analyzer_new(sw_analyzer **out, sw_lexicon *lx, const sw_analyzer_options *opts,
		    sw_error *err);

/** Free an analyzer (not its lexicon).  NULL is a no-op. */
void sw_analyzer_free(sw_analyzer *an);

/**
 * Analyze len bytes of UTF-8 text.  *tokens_out gets *n_out tokens,
 * borrowed from an until the next sw_analyze() on it.  The caller keeps
 * text alive while it asks for surfaces.  SW_OK or SW_ENOMEM.
 */
int sw_analyze(const sw_atoken **tokens_out, size_t *n_out, sw_analyzer *an,
	       const char *text, size_t len, sw_error *err);

/** The normalized text of the last sw_analyze() (borrowed, NUL-terminated). */
const char *sw_analyzer_text(const sw_analyzer *an, size_t *len_out);

/**
 * The token as written in the original text, line-break hyphenation and
 * invisible characters removed (see sw_normalizer_surface()).  *s_out is
 * borrowed until the next call on an.  SW_OK or SW_ENOMEM.
 */
int sw_analyzer_surface(const char **s_out, size_t *len_out, sw_analyzer *an,
			const sw_atoken *t);

/** The lexicon the analyzer uses. */
sw_lexicon *sw_analyzer_lexicon(const sw_analyzer *an);

#ifdef __cplusplus
}
#endif
#endif
