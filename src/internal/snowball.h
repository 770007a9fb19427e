/*
 * internal/snowball.h - the Snowball German stemmer, written here from
 * the algorithm's published description (snowballstem.org, "German
 * stemming algorithm", the 2009 revision with the -nisse rule that
 * libstemmer 2.x implements).
 *
 * Used by src/stem.c behind SW_STEMMER_SNOWBALL.  libstemmer's generated
 * code decodes UTF-8 at every step and spent about 5,600 instructions a
 * word, the largest single cost of loading a corpus; this works on code
 * points, a few hundred.  tests/unit/test_stem.c holds it to libstemmer
 * word for word (the embedded corpus, generated words over the letters
 * the rules look at, and the shared corpora when present).
 */
#ifndef SW_INTERNAL_SNOWBALL_H
#define SW_INTERNAL_SNOWBALL_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/buf.h"

typedef struct sw__snowball {
	uint32_t *cp; /* the word's code points while it is stemmed */
	size_t cap;   /* elements allocated in cp */
} sw__snowball;

/* An empty state; nothing is allocated until the first word. */
void sw__snowball_init(sw__snowball *s);

/* Release the scratch buffer; s is empty again.  NULL is a no-op. */
void sw__snowball_release(sw__snowball *s);

/* Append the stem of word[0..len) (valid UTF-8, case-folded: the rules
 * see upper-case letters as consonants, as Snowball does) to out.
 * SW_OK or SW_ENOMEM. */
int sw__snowball_stem(sw_buf *out, sw__snowball *s, const char *word, size_t len);

#endif
