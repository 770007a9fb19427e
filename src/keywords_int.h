/*
 * keywords_int.h - the insides of keywords shared by keywords.c (options,
 * candidates, ranking, units on threads, TF-IDF and BM25, the public
 * entry), keywords_local.c (YAKE, TextRank and salience, one unit's
 * tokens at a time) and keywords_keyness.c (keyness comparisons as
 * candidates).  Not installed; nothing outside these files includes it.
 */
#ifndef SW_KEYWORDS_INT_H
#define SW_KEYWORDS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "internal/counts.h"
#include "internal/phrases.h"
#include "stichwort/keywords.h"

/* A candidate while a unit is scored. */
typedef struct cand {
	double score;
	const char *key, *term;
	size_t key_len, term_len;
	uint32_t count, docs, n;
	sw_term_id word;
	size_t first;
	size_t aux;          /* salience: a phrase's entry in the unit's pent list */
} cand;

/* A phrase's frequency in one unit. */
typedef struct pent {
	uint32_t p;      /* phrase index */
	uint32_t count;  /* occurrences in the unit */
	uint32_t docs;   /* documents of the unit containing it */
	uint32_t first;  /* index in occ[] of its first occurrence in the unit */
} pent;

typedef struct ctx {
	const sw_counts *c;
	sw_keywords_method method;
	size_t top;
	int sublinear;
	double k1, b, damping;
	size_t window;
	const sw_phrases *ph;
	size_t np, nkeys, ndocs;
	const sw_term_id *keys;
	const uint8_t *types, *flags;
	size_t *kfirst;      /* per key: first content occurrence (token index) */
	uint32_t *kdf;       /* per key: documents with a content occurrence */
	double *kidf;        /* per key: idf_of() its kdf */
	double *pidf;        /* per phrase: idf_of() its documents */
	uint32_t *kcount;    /* per key: content occurrences */
	size_t *poff;        /* salience: per key, its parts at parts[poff[k], poff[k + 1]) */
	sw_term_id *parts;   /* salience: keys of the compounds' parts */
	cand *cd;            /* candidates of the unit being scored */
	size_t ncd, capcd;
	sw_keywords *out;
	sw_error *err;
	size_t nthreads;     /* for the passes over documents (the result is the same) */
} ctx;

static inline int sw__keywords_is_content(const ctx *x, size_t t)
{
	return x->types[t] == SW_TOKEN_WORD && !(x->flags[t] & SW_CT_STOP) && x->keys[t] < x->nkeys;
}

static inline void sw__keywords_swap_cand(cand *a, cand *b)
{
	cand t = *a;
	*a = *b;
	*b = t;
}

/* ---- ranking (keywords.c) ---- */

/* qsort order of candidates: score, highest first; then key; then first
 * occurrence. */
int sw__keywords_cmp_cand(const void *a, const void *b);
/* Append cd to the unit's candidates (x->cd), unless a phrase covers it. */
int sw__keywords_push_cand(ctx *x, const cand *cd);
/* cd := word k of the counts with its count and documents in the unit. */
void sw__keywords_word_cand(const ctx *x, cand *cd, sw_term_id k, uint32_t count, uint32_t docs,
			    double score);
/* cd := phrase p with its count and documents in the unit. */
void sw__keywords_phrase_cand(cand *cd, const sw_phrase *p, uint32_t count, uint32_t docs,
			      double score);
/* Rank the unit's candidates and append its top to the result. */
int sw__keywords_emit_unit(ctx *x, size_t unit);

/* ---- units on threads (keywords.c) ---- */

/* Scores unit with state (its thread's own) and emits its top. */
typedef int (*unit_scorer)(ctx *x, void *state, size_t unit);

/* Score units 0..nu-1 with score on nt threads, states[t] being thread
 * t's state. */
int sw__keywords_score_units_par(ctx *x, size_t nu, unit_scorer score, void **states, size_t nt);
/* Threads for nu units. */
size_t sw__keywords_unit_threads(const ctx *x, size_t nu);
/* The phrases' occurrences bucketed by unit: *ent_out, unit u's entries
 * at [start[u], start[u + 1]). */
int sw__keywords_phrase_buckets(pent **ent_out, size_t **start_out, ctx *x, const sw_units *u);

/* ---- the methods of the other files ---- */

/* YAKE, TextRank or salience of the corpus or of each unit of per
 * (keywords_local.c). */
int sw__keywords_score_local(ctx *x, const char *per);
/* Salience: the parts of each compound key (x->poff, x->parts). */
int sw__keywords_salience_parts(ctx *x);
/* Keyness keywords of the corpus or of each unit (keywords_keyness.c). */
int sw__keywords_score_keyness(ctx *x, const sw_keywords_options *o);

#endif
