/*
 * internal/cistem.h - the CISTEM stemmer (Weißweiler & Fraser 2017).
 *
 * Used by src/stem.c behind SW_STEMMER_CISTEM.  The state only holds
 * scratch buffers that are reused from word to word, so one sw__cistem
 * belongs to one sw_stemmer (and thus to one thread).
 */
#ifndef SW_INTERNAL_CISTEM_H
#define SW_INTERNAL_CISTEM_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/buf.h"

typedef struct sw__cistem {
	sw_buf fold;  /* the case-folded word */
	int32_t *cp;  /* code points (and placeholders) being stemmed */
	size_t cap;   /* elements allocated in cp */
} sw__cistem;

/* An empty state; nothing is allocated until the first word. */
void sw__cistem_init(sw__cistem *c);

/* Release the scratch buffers; c is empty again.  NULL is a no-op. */
void sw__cistem_release(sw__cistem *c);

/* Append the CISTEM stem of word[0..len) (valid UTF-8, as written: the
 * case of the first letter matters) to out.  SW_OK or SW_ENOMEM; on
 * SW_ENOMEM out may hold part of the stem past its old length. */
int sw__cistem_stem(sw_buf *out, sw__cistem *c, const char *word, size_t len);

#endif
