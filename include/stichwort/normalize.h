/*
 * stichwort/normalize.h - Unicode normalization with a map back to the
 * original bytes.
 *
 * sw_normalize() turns a document's UTF-8 text into the form the
 * tokenizer reads:
 *
 *   - invalid UTF-8 bytes become U+FFFD (the corpus reader has usually
 *     done this already and warned about it);
 *   - NFC (composed): "Mu\u0308ller" (NFD, as some PDF tools write it)
 *     becomes "Müller";
 *   - the compatibility forms met in practice are replaced: Latin
 *     ligatures ("ﬁ" -> "fi", "ﬀ" -> "ff"), full-width ASCII
 *     ("Ｇｅｓｅｔｚ" -> "Gesetz"), long s ("ſ" -> "s");
 *   - invisible characters are removed: soft hyphen U+00AD, zero-width
 *     space/non-joiner/joiner U+200B-U+200D, word joiner U+2060, BOM
 *     U+FEFF inside text;
 *   - no-break and other spaces (U+00A0, U+2000-U+200A, U+202F, U+205F,
 *     U+3000) become " "; line and paragraph separators, form feed and
 *     vertical tab become "\n"; other control characters become " ";
 *   - typographic double quotes („ “ ” ‟ « » ″) become '"', single quotes
 *     and apostrophes (‚ ‘ ’ ‛ ‹ › ʼ ′ ´, and the Greek oxia U+1FFD, which
 *     composes to ´) become '\'', hyphens and dashes (U+2010-U+2015,
 *     U+2212, small and full-width hyphen-minus) become '-';
 *   - line-break hyphenation from PDF extraction is undone.  A hyphen
 *     (or soft hyphen) at the end of a line, after a letter, followed
 *     on the next line by a letter:
 *       * lower-case letter before and after: the hyphen and the line
 *         break go ("Digitali-\nsierung" -> "Digitalisierung");
 *       * otherwise the hyphen stays and the line break goes
 *         ("Open-\nSource-Strategie" -> "Open-Source-Strategie",
 *         "KI-\ngestützt" -> "KI-gestützt");
 *       * before "und", "oder", "bzw.", "sowie" (and a comma) it is a
 *         suspended hyphen (Ergänzungsstrich) and everything stays
 *         ("Cloud-\nund Software-Anbieter").
 *     A soft hyphen at a line end always joins (it was never a real
 *     hyphen).  A blank line (paragraph break) is never joined across.
 *
 * Every byte of the result maps back to a byte offset in the original
 * text (sw_normalizer_orig_start/_end), and the original spelling of any
 * span can be recovered without the removed characters
 * (sw_normalizer_surface), so tokens report where they were and how they
 * were written.  Normalizing is idempotent: normalizing the result again
 * gives the same bytes.
 */
#ifndef STICHWORT_NORMALIZE_H
#define STICHWORT_NORMALIZE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of a normalizer.  Zero means default. */
typedef struct sw_normalize_options {
	int keep_hyphenation; /**< nonzero: leave line-break hyphenation alone */
	int no_compat;        /**< nonzero: keep ligatures and full-width forms */
} sw_normalize_options;

#define SW_NORMALIZE_OPTIONS_INIT { 0, 0 }

/** A normalizer: its scratch and the offset map of the last result.
 * One per thread. */
typedef struct sw_normalizer sw_normalizer;

/** Create a normalizer (opts may be NULL).  SW_OK, SW_ENOMEM or
 * SW_EINTERNAL (ICU's normalizer data is missing). */
int sw_normalizer_new(sw_normalizer **out, const sw_normalize_options *opts, sw_error *err);

/** Free a normalizer.  NULL is a no-op. */
void sw_normalizer_free(sw_normalizer *nz);

/**
 * Normalize len bytes of text.  On success *text_out points at the
 * normalized UTF-8 (NUL-terminated) and *len_out holds its length; both
 * belong to nz and stay valid until the next sw_normalize() on nz.  The
 * caller keeps text alive as long as it uses sw_normalizer_surface().
 * SW_OK or SW_ENOMEM (outputs untouched).
 */
int sw_normalize(const char **text_out, size_t *len_out, sw_normalizer *nz,
		 const char *text, size_t len, sw_error *err);

/**
 * Original byte offset of the normalized byte at pos (pos == normalized
 * length gives the original length).  For a character that replaced
 * several original bytes ("ﬁ" -> "fi"), every byte of the replacement
 * maps to the start of the original.
 */
size_t sw_normalizer_orig_start(const sw_normalizer *nz, size_t pos);

/**
 * Original byte offset just past the normalized span that ends at end
 * (exclusive; end >= 1): the end of the original character behind the
 * byte at end - 1.  Removed characters after the span are not included.
 */
size_t sw_normalizer_orig_end(const sw_normalizer *nz, size_t end);

/**
 * The original spelling of the normalized span [start, end): the
 * original bytes it came from with removed characters (soft hyphens,
 * joined line breaks) left out, but typographic quotes, ligatures and
 * no-break spaces as written.  *out points into the original text when
 * nothing was removed inside the span, else into scratch (which is
 * cleared first).  SW_OK or SW_ENOMEM.
 */
int sw_normalizer_surface(const char **out, size_t *len_out, sw_buf *scratch,
			  const sw_normalizer *nz, size_t start, size_t end);

/**
 * Append the full Unicode case folding of s to out, NFC-composed
 * ("Straße" -> "strasse", "ÄRGER" -> "ärger").  Invalid UTF-8 bytes
 * become U+FFFD.  SW_OK or SW_ENOMEM.
 */
int sw_casefold(sw_buf *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
