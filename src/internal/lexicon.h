/*
 * internal/lexicon.h - what the pipeline needs from a lexicon beyond the
 * public API (see stichwort/terms.h and src/pipeline.c).
 */
#ifndef SW_INTERNAL_LEXICON_H
#define SW_INTERNAL_LEXICON_H

#include <stdint.h>

#include "stichwort/terms.h"
#include "stichwort/tokenize.h"

/* sw_lexicon_term() that also gives the form's ordinal: forms are
 * numbered 0, 1, 2... in the order the lexicon first saw them, so a form
 * is new exactly when *ord equals sw_lexicon_forms() before the call.
 * ord may be NULL. */
int sw__lexicon_term_ord(sw_term_info *out, uint32_t *ord, sw_lexicon *lx, const char *form,
			 size_t len, sw_token_type type, unsigned flags, sw_error *err);

/* The terms of the n tokens tt of text: info[i], and ord[i] as above
 * when ord is not NULL.  The same as n calls of sw__lexicon_term_ord(),
 * faster: table lines are prefetched ahead of the lookups. */
int sw__lexicon_terms(sw_term_info *info, uint32_t *ord, sw_lexicon *lx, const char *text,
		      const sw_token *tt, size_t n, sw_error *err);

/* The options the lexicon was made with (to make a twin for a worker). */
const sw_lexicon_options *sw__lexicon_options(const sw_lexicon *lx);

#endif
