/*
 * keywords_keyness.c - keyness keywords: keyness.c's comparisons of a unit
 * against the rest of the corpus or against a reference list, their
 * records taken as the unit's candidates.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/lexicon.h"
#include "internal/phrases.h"
#include "stichwort/keyness.h"
#include "stichwort/keywords.h"

#include "keywords_int.h"

#define DEFAULT_MIN_DOCS 3
#define DEFAULT_MIN_LOG_RATIO 1.0

/* ---- keyness ---- */

static int cmp_cand_key(const void *a, const void *b)
{
	const cand *x = *(const cand *const *)a, *y = *(const cand *const *)b;
	size_t m = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, m);

	return c ? c : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/*
 * A word met mostly inside one phrase of the unit's candidates (at least
 * PHRASE_SHARE of its occurrences: "Intelligenz" in "künstliche
 * Intelligenz", 453 of 469) says nothing the phrase does not say, so it
 * is left out; "digital" (3,399) stays beside "digitale Souveränität"
 * (161).  Decided over all candidates before the top is taken, so the
 * result does not depend on the order.
 */
#define PHRASE_SHARE 0.8
static int drop_phrase_words(ctx *x)
{
	cand **w = NULL;
	size_t i, nw = 0, out = 0;
	unsigned char *gone;

	if (!x->ncd)
		return SW_OK;
	w = sw__malloc(x->ncd * sizeof *w);
	gone = sw__calloc(x->ncd, 1);
	if (!w || !gone) {
		sw__free(w);
		sw__free(gone);
		return sw__error_oom(x->err);
	}
	for (i = 0; i < x->ncd; i++)
		if (x->cd[i].n == 1)
			w[nw++] = &x->cd[i];
	qsort(w, nw, sizeof *w, cmp_cand_key);
	for (i = 0; i < x->ncd && nw; i++) {
		const cand *p = &x->cd[i];
		size_t j = 0;
		if (p->n < 2)
			continue;
		while (j < p->key_len) {
			size_t e = j;
			cand probe, *pp = &probe, **hit;
			while (e < p->key_len && p->key[e] != ' ')
				e++;
			probe.key = p->key + j;
			probe.key_len = e - j;
			hit = bsearch(&pp, w, nw, sizeof *w, cmp_cand_key);
			if (hit && (double)p->count >= PHRASE_SHARE * (double)(*hit)->count)
				gone[*hit - x->cd] = 1;
			j = e + 1;
		}
	}
	for (i = 0; i < x->ncd; i++)
		if (!gone[i])
			x->cd[out++] = x->cd[i];
	x->ncd = out;
	sw__free(w);
	sw__free(gone);
	return SW_OK;
}

/* The records of direction target of a comparison as the unit's
 * candidates, their term and key pointers taken from the counts and the
 * phrases (which outlive the result), not from the comparison. */
static int keyness_cands(ctx *x, const sw_keyness *kn)
{
	const sw_vocab *keys = sw_lexicon_stems(sw_counts_lexicon(x->c));
	size_t i, n = sw_keyness_count(kn);

	for (i = 0; i < n; i++) {
		const sw_keyness_record *r = sw_keyness_get(kn, i);
		cand cd;
		if (r->direction != SW_KEYNESS_TARGET)
			continue;
		if (r->n > 1) {
			const sw_phrase *p = x->ph ? sw_phrases_find(x->ph, r->key, r->key_len) : NULL;
			if (!p)
				continue; /* a phrase of the list alone: not in the unit */
			sw__keywords_phrase_cand(&cd, p, (uint32_t)r->count_target, r->docs_target,
						 r->g2);
		} else {
			sw_term_id k = sw_vocab_find(keys, r->key, r->key_len);
			if (k == SW_TERM_NONE || k >= x->nkeys)
				continue;
			sw__keywords_word_cand(x, &cd, k, (uint32_t)r->count_target, r->docs_target,
					       r->g2);
		}
		if (r->first != SIZE_MAX)
			cd.first = r->first;
		if (sw__keywords_push_cand(x, &cd))
			return SW_ENOMEM;
	}
	return drop_phrase_words(x) ? SW_ENOMEM : SW_OK;
}

/* The keyness options of the keywords' options. */
static void keyness_opts(sw_keyness_options *ko, const ctx *x, const sw_keywords_options *o)
{
	sw_keyness_options d = SW_KEYNESS_OPTIONS_INIT;

	*ko = d;
	ko->measure = SW_KEYNESS_G2;
	/* some records of the top may be dropped (covered_by_phrase()) */
	ko->top = x->top == SIZE_MAX || x->top > SIZE_MAX / 4 ? SIZE_MAX : 2 * x->top + 8;
	ko->no_phrases = !x->ph;
	ko->phrases = x->ph;
	ko->nthreads = x->nthreads;
	ko->target_only = 1;
	ko->min_count = 1; /* the floor of documents says how often is enough */
	ko->min_docs = o->min_docs == SIZE_MAX ? 0 : o->min_docs ? o->min_docs : DEFAULT_MIN_DOCS;
	ko->min_docs_share = o->min_docs_share > 0 ? o->min_docs_share : 0.0;
	ko->min_log_ratio = o->min_log_ratio < 0 ? 0.0
			    : o->min_log_ratio > 0 ? o->min_log_ratio : DEFAULT_MIN_LOG_RATIO;
}

/* One comparison: the documents marked target in side against the rest,
 * or against the reference list; its candidates become unit's records. */
static int keyness_side(ctx *x, const sw_keyness_options *ko, const uint8_t *side, size_t unit)
{
	sw_keyness *kn = NULL;
	int rc;

	if ((rc = sw_keyness_new(&kn, x->c, side, ko, x->err)))
		return rc;
	rc = keyness_cands(x, kn);
	sw_keyness_free(kn);
	if (rc)
		return sw__error_oom(x->err);
	return sw__keywords_emit_unit(x, unit);
}

/*
 * Keyness keywords.  The corpus as a whole: against the reference list.
 * Units: each against every other document, prepared in one pass
 * (sw_keyness_units_new()); a unit that is the whole corpus has no rest
 * and is compared with the reference list when there is one; a unit
 * without counted tokens has no keywords.
 */
int sw__keywords_score_keyness(ctx *x, const sw_keywords_options *o)
{
	sw_keyness_options ko;
	sw_keyness_units *ku = NULL;
	sw_units *u = NULL;
	uint8_t *side = NULL;
	uint64_t *utok = NULL, all = 0; /* counted tokens per unit, of all */
	size_t i, d, nu;
	int rc;

	keyness_opts(&ko, x, o);
	if (!o->per) {
		if (!o->reference)
			return sw__error_set(x->err, SW_EINVAL, NULL, 0, -1,
					     "keywords: keyness of the corpus as a whole needs a "
					     "reference list");
		ko.reference_list = o->reference;
		if (!(side = sw__malloc(x->ndocs + 1)))
			return sw__error_oom(x->err);
		memset(side, SW_KEYNESS_TARGET, x->ndocs);
		rc = keyness_side(x, &ko, side, 0);
		sw__free(side);
		return rc;
	}
	if ((rc = sw_units_new(&u, x->c, o->per, x->err)))
		return rc;
	nu = sw_units_count(u);
	if (!(utok = sw__calloc(nu + 1, sizeof *utok))) {
		rc = sw__error_oom(x->err);
		goto done;
	}
	for (d = 0; d < x->ndocs; d++) {
		uint64_t t = sw_counts_doc(x->c, d)->counted;
		utok[sw_units_of_doc(u, d)] += t;
		all += t;
	}
	if (nu > 1 && (rc = sw_keyness_units_new(&ku, x->c, u, &ko, x->err)))
		goto done;
	for (i = 0; i < nu && !rc; i++) {
		sw_keyness *kn = NULL;
		if (!utok[i])
			continue; /* nothing to say of it */
		if (utok[i] == all) { /* no rest to compare with */
			if (!o->reference)
				continue;
			ko.reference_list = o->reference;
			if (!side && !(side = sw__malloc(x->ndocs + 1))) {
				rc = sw__error_oom(x->err);
				break;
			}
			for (d = 0; d < x->ndocs; d++)
				side[d] = sw_units_of_doc(u, d) == i ? SW_KEYNESS_TARGET : SW_KEYNESS_NONE;
			rc = keyness_side(x, &ko, side, i);
			continue;
		}
		if (!(rc = sw_keyness_unit_new(&kn, ku, i, x->err))) {
			if (keyness_cands(x, kn))
				rc = sw__error_oom(x->err);
			else
				rc = sw__keywords_emit_unit(x, i);
		}
		sw_keyness_free(kn);
	}
done:
	sw__free(utok);
	sw__free(side);
	sw_keyness_units_free(ku);
	sw_units_free(u);
	return rc;
}
