/*
 * lemma_int.h - the insides of sw_lemmatizer shared by lemma.c (opening,
 * lookups, readings and their choice, case, plain, gendered and
 * hyphenated words, the public API) and compound.c (compound splitting:
 * split points, modifiers and their linking elements, particles,
 * heads).  Not installed; nothing outside these files includes it
 * (internal/lemma.h is what terms.c shares).
 */
#ifndef SW_LEMMA_INT_H
#define SW_LEMMA_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "stichwort/lemma.h"
#include "internal/fsa.h"

/* The longest word looked up: the automaton's sequences (form, code
 * and tag) are at most 255 bytes. */
#define LOOK_MAX 200
/* Parts of a closed compound: the modifier and the head. */
#define MAX_PARTS 2
/* Bytes of a modifier's base form and of a head, at least. */
#define MIN_PART 3
/* sw__lemma_split_word() relies on it: a modifier less its linking element
 * (three bytes at most) is never empty */
_Static_assert(MIN_PART >= 3, "MIN_PART below the longest linking element");

typedef struct reading_set reading_set;

struct sw_lemmatizer {
	sw_fsa *fsa;
	unsigned char *owned; /* the file's bytes, when read from a path */
	uint32_t root;
	uint32_t nnodes;
	/* per node of the automaton, the readings below it once decoded
	 * (readings_at()): set once, by whichever thread gets there first */
	_Atomic(reading_set *) *sets;
	char source[512];
};

/* A node of the automaton for sw__lemma_lookup_at(): none (the form's path is
 * not there), or not known (it walks). */
#define NO_NODE UINT32_MAX
#define ASK_NODE (UINT32_MAX - 1)

/* What a lookup accepts. */
enum want {
	WANT_ANY,  /* every reading */
	WANT_NOUN, /* common nouns only (a compound's head) */
	WANT_BASE, /* readings whose lemma is the form itself (a modifier's base) */
	WANT_INF   /* infinitives only (after "zu") */
};

typedef struct best {
	const char *form; /* the form looked up */
	size_t flen;
	enum want want;
	int score;        /* of the best reading so far; 0 = none */
	int lcp;          /* its lemma's common prefix with the form */
	int func;         /* an article, pronoun or conjunction reading was seen */
	int noun;         /* a noun reading that is no adjective made noun was seen */
	int participle;   /* the best reading is a participle (PA1, PA2) */
	sw_pos pos;
	size_t llen;
	int bad;          /* a reading did not decode: damaged lexicon */
	char lemma[LOOK_MAX + 64]; /* last: sw__lemma_lookup_at() clears what is before it */
} best;

typedef struct split {
	size_t n;                          /* parts */
	size_t head_at;                    /* where the head starts in the word */
	char part[MAX_PARTS][LOOK_MAX + 8]; /* base forms, the head as its lemma */
	size_t plen[MAX_PARTS];
	sw_pos head_pos;
	int guessed;                       /* the head is not in the lexicon */
} split;

/* lemma.c: one lookup, case */
int sw__lemma_lookup_at(best *b, const sw_lemmatizer *lm, const char *s, size_t n,
			enum want want, uint32_t node);
int sw__lemma_lookup(best *b, const sw_lemmatizer *lm, const char *s, size_t n, enum want want);
int sw__lemma_common_prefix(const char *a, size_t al, const char *b, size_t bl);
size_t sw__lemma_map_first(char *out, const char *s, size_t n,
			   utf8proc_int32_t (*fn)(utf8proc_int32_t));
int sw__lemma_starts_upper(const char *s, size_t n);

/* compound.c */
int sw__lemma_split_word(split *sp, const sw_lemmatizer *lm, const char *w, size_t n, int noun,
			 int known);

#endif
