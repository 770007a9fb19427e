/*
 * internal/lexicon.h - what the pipeline needs from a lexicon beyond the
 * public API (see stichwort/terms.h and src/pipeline.c).
 */
#ifndef SW_INTERNAL_LEXICON_H
#define SW_INTERNAL_LEXICON_H

#include <stdint.h>

#include "stichwort/terms.h"
#include "stichwort/tokenize.h"

/* The terms of the n tokens tt of text, as n calls of sw_lexicon_term()
 * give them, faster (table lines are prefetched ahead of the lookups):
 * info[i] when info is not NULL, and when ord is not NULL the form's
 * ordinal ord[i] (one of the two, at least, unless n is 0).  Forms are
 * numbered 0, 1, 2... in the order the lexicon first saw them, so a form
 * is new exactly when its ordinal is the next number. */
int sw__lexicon_terms(sw_term_info *info, uint32_t *ord, sw_lexicon *lx, const char *text,
		      const sw_token *tt, size_t n, sw_error *err);

/* The term of the form whose ordinal is ord (below sw_lexicon_forms()). */
void sw__lexicon_info(sw_term_info *out, const sw_lexicon *lx, uint32_t ord);

/* Hand-over mode, for a pipeline worker's lexicon, whose forms go on to
 * the caller's lexicon by their bytes (sw_lexicon_import()): a new form's
 * norm, key, head key and lemma are kept for sw__lexicon_news() until
 * sw__lexicon_news_clear(), not interned, and forms of up to 21 bytes
 * not at all; the ids of sw_term_info are then SW_TERM_NONE but for
 * long forms' form.  Switch it on before the first form. */
void sw__lexicon_hand_over(sw_lexicon *lx);

/* Forget the forms' bytes kept so far (hand-over mode); forms added
 * from now on are kept. */
void sw__lexicon_news_clear(sw_lexicon *lx);

/* The bytes of form ord (hand-over mode), added since the last
 * sw__lexicon_news_clear(), into *out (borrowed until the next form or
 * clear): 1, or 0 for any other ord. */
int sw__lexicon_news(sw_term_bytes *out, const sw_lexicon *lx, uint32_t ord);

/* Analyses shared by the hand-over lexicons of a pipeline's workers, so
 * that a word form is lemmatized once per run, not once per worker: a
 * table of at most cap entries (rounded up to a power of two), filled
 * without locks (terms.c).  Free it after the lexicons that use it. */
typedef struct sw__shared_forms sw__shared_forms;
int sw__shared_forms_new(sw__shared_forms **out, size_t cap);
void sw__shared_forms_free(sw__shared_forms *sf);
/* The analyses published so far, and taken from the table so far. */
size_t sw__shared_forms_used(const sw__shared_forms *sf);
size_t sw__shared_forms_hits(const sw__shared_forms *sf);
/* Let a hand-over lexicon use (and fill) sf; NULL: none.  A no-op for a
 * lexicon not in hand-over mode. */
void sw__lexicon_share(sw_lexicon *lx, sw__shared_forms *sf);

/* The counting key of a lemma as the lexicon writes it ("Stadt") or
 * case-folded ("stadt"): its case fold with SW_KEY_LEMMA, its stem with
 * SW_KEY_STEM (what sw_lexicon_term() gives a word of that lemma).
 * *key is borrowed until lx is next used. */
int sw__lexicon_lemma_key(const char **key, size_t *len, sw_lexicon *lx, const char *lemma,
			  size_t n, sw_error *err);

/* The options the lexicon was made with (to make a twin for a worker). */
const sw_lexicon_options *sw__lexicon_options(const sw_lexicon *lx);

#endif
