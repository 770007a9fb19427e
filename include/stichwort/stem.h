/*
 * stichwort/stem.h - German stemmers.
 *
 * Three stemmers behind one handle:
 *
 *   SW_STEMMER_SNOWBALL  Snowball German through libstemmer.  The word is
 *                        case-folded first (full folding, so "ß" -> "ss");
 *                        Snowball removes umlaut accents from its result.
 *   SW_STEMMER_CISTEM    CISTEM (Weißweiler & Fraser 2017), implemented
 *                        from the paper.  Case-sensitive as published: a
 *                        word with an upper-case first letter (a noun) keeps
 *                        a final "t".  Pass the word as written.  As in the
 *                        authors' evaluation, a "ge" prefix is stripped when
 *                        at least four letters follow ("gesetzt" ->
 *                        "setz"); this is what the gold-standard figures in
 *                        bench/README.md measure.
 *   SW_STEMMER_NONE      the case-folded word itself.
 *
 * A stemmer holds a result buffer, so it belongs to one thread at a time
 * (libstemmer's rule).  Stemming is deterministic and context-free: the
 * same bytes always give the same stem.
 */
#ifndef STICHWORT_STEM_H
#define STICHWORT_STEM_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which algorithm a stemmer runs. */
typedef enum sw_stemmer_kind {
	SW_STEMMER_SNOWBALL = 0, /**< Snowball German (default) */
	SW_STEMMER_CISTEM = 1,   /**< CISTEM */
	SW_STEMMER_NONE = 2      /**< no stemming: case-folded word */
} sw_stemmer_kind;

/** A stemmer with its scratch.  One per thread. */
typedef struct sw_stemmer sw_stemmer;

/**
 * Parse a stemmer name ("snowball", "cistem", "none") into *out.
 * SW_OK, or SW_EINVAL for an unknown name (*out untouched).
 */
int sw_stemmer_kind_parse(sw_stemmer_kind *out, const char *name);

/** The name of a kind ("snowball", "cistem", "none"); never NULL. */
const char *sw_stemmer_kind_name(sw_stemmer_kind kind);

/**
 * Create a stemmer of the given kind.  On success *out owns it; free it
 * with sw_stemmer_free().  SW_ENOMEM, SW_EINVAL (unknown kind) or
 * SW_EINTERNAL (libstemmer has no German stemmer) on failure.
 */
int sw_stemmer_new(sw_stemmer **out, sw_stemmer_kind kind, sw_error *err);

/** Free a stemmer.  NULL is a no-op. */
void sw_stemmer_free(sw_stemmer *st);

/** The kind st was created with. */
sw_stemmer_kind sw_stemmer_get_kind(const sw_stemmer *st);

/**
 * Stem one word of len bytes of UTF-8 (no NUL needed).  The word should
 * be one token of letters; other bytes are passed through.  On success
 * *stem_out points at the stem's bytes (not NUL-terminated) and
 * *len_out holds their count; both are borrowed from st and stay valid
 * until the next call on st or sw_stemmer_free().
 * SW_OK, or SW_ENOMEM / SW_EINVAL (invalid UTF-8) with outputs untouched.
 */
int sw_stem(const char **stem_out, size_t *len_out, sw_stemmer *st,
	    const char *word, size_t len, sw_error *err);

#ifdef __cplusplus
}
#endif
#endif
