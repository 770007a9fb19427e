/*
 * stichwort/stopwords.h - stopword lists.
 *
 * A stoplist is a set of case-folded words.  Lists are plain UTF-8 text:
 * one word a line, leading and trailing white space ignored, "#" starts a
 * comment that runs to the end of the line, blank lines skipped.  Words
 * are case-folded (full folding, "ß" -> "ss") and NFC-normalised when
 * added, so lookups take the folded form of a token.
 *
 * The German list shipped in stopwords/de.txt is compiled into the
 * library; sw_stoplist_add_builtin() adds it without touching the disk.
 * After loading, a stoplist is read-only and may be shared by threads.
 */
#ifndef STICHWORT_STOPWORDS_H
#define STICHWORT_STOPWORDS_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A set of stopwords. */
typedef struct sw_stoplist sw_stoplist;

/** Create an empty list; free with sw_stoplist_free().  SW_OK or SW_ENOMEM. */
int sw_stoplist_new(sw_stoplist **out, sw_error *err);

/** Free a list.  NULL is a no-op. */
void sw_stoplist_free(sw_stoplist *sl);

/**
 * Add a built-in list by name: "de" (stopwords/de.txt, general German
 * function words) or "de-speech" (stopwords/de-speech.txt, forms of
 * address: "geehrte", "Kolleginnen", "Präsidentin", ...).  SW_OK,
 * SW_EINVAL for an unknown name, SW_ENOMEM.
 */
int sw_stoplist_add_builtin(sw_stoplist *sl, const char *name, sw_error *err);

/**
 * Add the words of list text (format above).  origin names the source in
 * error messages (may be NULL).  Invalid UTF-8 on a line gives SW_EFORMAT
 * with err->line set; words added before the bad line stay.
 */
int sw_stoplist_add_text(sw_stoplist *sl, const char *text, size_t len,
			 const char *origin, sw_error *err);

/** Add the words of a list file.  SW_EIO if it cannot be read. */
int sw_stoplist_load(sw_stoplist *sl, const char *path, sw_error *err);

/**
 * Whether the case-folded word (len bytes) is in the list: 1 or 0.
 * Never fails.
 */
int sw_stoplist_contains(const sw_stoplist *sl, const char *word, size_t len);

/** Number of distinct words in the list. */
size_t sw_stoplist_size(const sw_stoplist *sl);

#ifdef __cplusplus
}
#endif
#endif
