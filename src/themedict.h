/*
 * themedict.h - the theme dictionary's insides, shared by themes.c (the
 * dictionary: parsing, checking patterns, accessors), matcher.c (patterns
 * compiled against a lexicon and run over tokens) and theme_counts.c
 * (matches per document).  Not installed; nothing outside these files
 * includes it.
 *
 * A dictionary keeps its patterns as given, already checked by
 * check_pattern() in themes.c; the matcher walks their words again with
 * sw__themes_next_word() when it compiles them.
 */
#ifndef SW_THEMEDICT_H
#define SW_THEMEDICT_H

#include <stddef.h>

#include "stichwort/themes.h"

/* Limits that keep a hostile dictionary cheap: words per pattern (the
 * matcher may branch at each word of a compound, see try_pattern()). */
#define MAX_WORDS 32
#define MAX_PARTS 64

struct sw_themes {
	size_t n;        /* themes */
	char **names;    /* n names */
	size_t *pfirst;  /* n + 1: patterns of theme i are pats[pfirst[i]..pfirst[i+1]) */
	char **pats;     /* all patterns, as given */
	size_t npats, cappats, capthemes;
};

/* Whether s[0..len) holds a letter or a digit. */
int sw__themes_has_alnum(const char *s, size_t len);

/* The next space-separated word of s[0..len) at or after *i: 1 with the
 * word in [*w0, *i), or 0 when only spaces are left. */
int sw__themes_next_word(const char *s, size_t len, size_t *i, size_t *w0);

#endif
