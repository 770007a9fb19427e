/*
 * internal/lemma.h - what terms.c shares with lemma.c.
 */
#ifndef SW_INTERNAL_LEMMA_H
#define SW_INTERNAL_LEMMA_H

#include <stddef.h>

/* Where the gender mark of a gendered word is: [*mark, *suffix) is the
 * mark ("*", ":", "_", "/-", "/", "·" or empty for Binnen-I) and the
 * suffix runs from *suffix.  0 if none. */
int sw__find_gender(const char *s, size_t len, size_t *mark, size_t *suffix);

#endif
