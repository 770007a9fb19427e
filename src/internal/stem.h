/*
 * internal/stem.h - stemming a word whose case fold the caller already
 * has (the lexicon folds every new form for its norm).
 */
#ifndef SW_INTERNAL_STEM_H
#define SW_INTERNAL_STEM_H

#include <stddef.h>

#include "stichwort/stem.h"

/* sw_stem() of word[0..len), valid UTF-8 (the caller has checked: no
 * check is made here), given folded[0..flen), what sw__casefold() makes
 * of it (NULL: fold it here).  The Snowball stemmer (which stems the
 * fold) and SW_STEMMER_NONE (whose stem is the fold) do not fold again.
 * The result is sw_stem()'s, byte for byte; the only failure is
 * SW_ENOMEM. */
int sw__stem_folded(const char **stem_out, size_t *len_out, sw_stemmer *st,
		    const char *word, size_t len, const char *folded, size_t flen,
		    sw_error *err);

#endif
