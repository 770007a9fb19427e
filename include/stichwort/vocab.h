/*
 * stichwort/vocab.h - interning byte strings as small integer ids.
 *
 * A vocabulary maps each distinct byte string to a dense id (0, 1, 2, ...
 * in order of first appearance) and back.  Every distinct string is stored
 * once, so the rest of the pipeline compares and counts ids, not text.
 * Lookups hash the bytes once; the table is open-addressed with a seeded
 * hash so that crafted input cannot make it degrade badly.
 *
 * A vocabulary is not thread-safe while it grows; once frozen it is
 * read-only and may be shared.
 */
#ifndef STICHWORT_VOCAB_H
#define STICHWORT_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A term id: an index into a vocabulary. */
typedef uint32_t sw_term_id;

/** "No such term". */
#define SW_TERM_NONE ((sw_term_id)UINT32_MAX)

/** A vocabulary. */
typedef struct sw_vocab sw_vocab;

/** Create an empty vocabulary; free with sw_vocab_free().  SW_OK or SW_ENOMEM. */
int sw_vocab_new(sw_vocab **out, sw_error *err);

/** Free a vocabulary and all its strings.  NULL is a no-op. */
void sw_vocab_free(sw_vocab *v);

/**
 * The id of (s, len), adding a copy of the bytes if new.  SW_OK, or
 * SW_ENOMEM / SW_EINVAL (frozen, or more than 2^32 - 2 terms) with *out
 * untouched.
 */
int sw_vocab_intern(sw_term_id *out, sw_vocab *v, const char *s, size_t len);

/** The id of (s, len), or SW_TERM_NONE if absent.  Never fails. */
sw_term_id sw_vocab_find(const sw_vocab *v, const char *s, size_t len);

/**
 * The bytes of term id (not NUL-terminated, though a NUL follows them);
 * *len_out gets their count.  Borrowed: valid until sw_vocab_free().
 * NULL (and *len_out 0) for an id out of range.
 */
const char *sw_vocab_bytes(const sw_vocab *v, sw_term_id id, size_t *len_out);

/** Number of distinct terms. */
size_t sw_vocab_size(const sw_vocab *v);

/** Forbid further additions; lookups stay valid and thread-safe. */
void sw_vocab_freeze(sw_vocab *v);

#ifdef __cplusplus
}
#endif
#endif
