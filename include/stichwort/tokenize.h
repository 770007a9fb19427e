/*
 * stichwort/tokenize.h - splitting normalized German text into tokens
 * and sentences.
 *
 * The tokenizer reads the output of sw_normalize() (it relies on quotes,
 * dashes and spaces being unified) and returns typed tokens with byte
 * spans in that text and a 0-based sentence index.  White space is not a
 * token.  The German rules (each has examples in tests/spec/tokenize.txt):
 *
 *   word     letters, marks and digits, with inner connectors:
 *            hyphenated compounds are one token ("Open-Source-Strategien",
 *            "E-Government", "KI-gestützt", "Covid-19-Pandemie": flag
 *            SW_TOKEN_F_HYPHENATED); gender forms are one token
 *            ("Bürger*innen", "Bürger:innen", "Bürger_innen",
 *            "Bürger/-innen", "jede*r", "BürgerInnen":
 *            SW_TOKEN_F_GENDERED); an apostrophe between letters stays
 *            ("geht's"); a suspended hyphen before "und", "oder", "bzw.",
 *            "sowie" or a comma stays on its word ("Cloud-":
 *            SW_TOKEN_F_SUSPENDED); "F&E".
 *   abbrev   an entry of the abbreviation list (src/data/abbrev-de.txt),
 *            with its dots and inner spaces ("z. B.", "z.B.", "bzw.",
 *            "Abs."); it does not end the sentence, except for entries
 *            marked "final" (such as "usw.") before a capitalised word.
 *   number   "87", "1.000,50", "3,5", "14:30", with a percent sign
 *            ("87 %", "87%"); an ordinal keeps its dot and does not end
 *            the sentence ("3. Oktober", "im 21. Jahrhundert", a list
 *            number at the start of a line: SW_TOKEN_F_ORDINAL).
 *   date     "27.11.2025", "1.1.20", "2025-11-27".
 *   url      "https://...", "http://...", "www...." up to white space,
 *            without trailing punctuation.
 *   email    "name@example.org".
 *   symbol   "§ 5", "§§ 3 bis 5" is "§§ 3" + ..., "€", "©", "+"...
 *            (Unicode symbols, and § with its number).
 *   punct    every other visible character; "..." is one token.
 *
 * Sentences end after ".", "!", "?" and "..." unless the next word starts
 * with a lower-case letter, and at a blank line.  Closing quotes and
 * brackets right after the end mark belong to the ending sentence.
 */
#ifndef STICHWORT_TOKENIZE_H
#define STICHWORT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Token types. */
typedef enum sw_token_type {
	SW_TOKEN_WORD = 0,
	SW_TOKEN_NUMBER,
	SW_TOKEN_DATE,
	SW_TOKEN_URL,
	SW_TOKEN_EMAIL,
	SW_TOKEN_ABBREV,
	SW_TOKEN_PUNCT,
	SW_TOKEN_SYMBOL
} sw_token_type;

#define SW_TOKEN_NTYPES 8

/** Token flags. */
#define SW_TOKEN_F_HYPHENATED 0x01u /**< word with inner hyphens */
#define SW_TOKEN_F_GENDERED   0x02u /**< gender form (*, :, _, /-, Binnen-I) */
#define SW_TOKEN_F_SENT_END   0x04u /**< this token ends its sentence */
#define SW_TOKEN_F_ORDINAL    0x08u /**< ordinal number ("3.") */
#define SW_TOKEN_F_SUSPENDED  0x10u /**< word ending in a suspended hyphen */

/** A token: a span of the normalized text. */
typedef struct sw_token {
	size_t start;       /**< first byte in the normalized text */
	size_t len;         /**< bytes */
	sw_token_type type; /**< what it is */
	uint32_t sentence;  /**< 0-based sentence index in the document */
	unsigned flags;     /**< SW_TOKEN_F_* */
} sw_token;

/** Options of a tokenizer.  Zero means default. */
typedef struct sw_tokenizer_options {
	int drop_punct; /**< nonzero: leave punct tokens out of the result */
} sw_tokenizer_options;

#define SW_TOKENIZER_OPTIONS_INIT { 0 }

/** A tokenizer and its scratch.  One per thread. */
typedef struct sw_tokenizer sw_tokenizer;

/** Create a tokenizer (opts may be NULL).  SW_OK or SW_ENOMEM. */
int sw_tokenizer_new(sw_tokenizer **out, const sw_tokenizer_options *opts, sw_error *err);

/** Free a tokenizer.  NULL is a no-op. */
void sw_tokenizer_free(sw_tokenizer *tk);

/**
 * Tokenize len bytes of normalized text.  On success *tokens_out points
 * at *n_out tokens in text order; the array belongs to tk and stays
 * valid until the next sw_tokenize() on tk or sw_tokenizer_free().
 * SW_OK or SW_ENOMEM (outputs untouched).
 */
int sw_tokenize(const sw_token **tokens_out, size_t *n_out, sw_tokenizer *tk,
		const char *text, size_t len, sw_error *err);

/** The name of a token type ("word", "number", ...); never NULL. */
const char *sw_token_type_name(sw_token_type type);

/**
 * Whether the word (len bytes, as written) is an abbreviation of the
 * built-in list, matched the way the tokenizer matches ("z. B." and
 * "z.B." both are; a capitalised first letter is accepted).  1 or 0.
 */
int sw_tokenizer_is_abbrev(const sw_tokenizer *tk, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
