/*
 * phrase_candidates.c - stage 6: multiword terms (see stichwort/phrases.h and
 * docs/phrases.md for the rules and formulas).
 *
 * A phrase is a sequence of "parts": the stem keys of its words, where a
 * hyphenated compound contributes one part per component, so that
 * "Open-Source" and "Open Source" are the same sequence.  Parts are ids:
 * the stem vocabulary's ids, plus ids of our own (offset by the stem
 * vocabulary's size) for components that never occur as a word alone.
 *
 * Counting never builds strings.  Candidate sequences form a trie whose
 * nodes live in one open-addressed table keyed by (parent, part): the
 * parent is a part id at depth 1 and npart + node index deeper down.  The
 * trie is built one depth (one part) at a time, Apriori style: a node seen
 * fewer than min_count times as a prefix cannot lead to a phrase with
 * min_count occurrences, so it is dropped before the next depth is
 * counted.  That keeps memory near the number of frequent prefixes
 * instead of every distinct n-gram of the corpus.  Strings are built at
 * the end for the phrases kept.
 *
 * Invariants: occurrences are collected in token order, so occ[] is
 * ascending; two occurrences of one phrase never start at the same token
 * (the part sequence fixes the span).
 */
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/par.h"
#include "phrases_int.h"

/* ---- the trie table ---- */

void sw__phrases_trie_free(trie *t)
{
	sw__free(t->nd);
	sw__free(t->slot);
	memset(t, 0, sizeof *t);
}

static int trie_rehash(trie *t, size_t cap)
{
	uint32_t *s = sw__calloc_written(cap, sizeof *s);
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < t->n; i++) {
		size_t h = (size_t)sw__mix64(t->nd[i].key) & (cap - 1);
		while (s[h])
			h = (h + 1) & (cap - 1);
		s[h] = (uint32_t)(i + 1);
	}
	sw__free(t->slot);
	t->slot = s;
	t->cap = cap;
	return 0;
}

/* The node of key, added (zeroed) if new.  -1 on OOM. */
int sw__phrases_trie_get(uint32_t *out, trie *t, uint64_t key)
{
	size_t h;

	if ((t->n + 1) * 2 > t->cap && trie_rehash(t, t->cap ? t->cap * 2 : 1024))
		return -1;
	h = (size_t)sw__mix64(key) & (t->cap - 1);
	while (t->slot[h]) {
		if (t->nd[t->slot[h] - 1].key == key) {
			*out = t->slot[h] - 1;
			return 0;
		}
		h = (h + 1) & (t->cap - 1);
	}
	if (t->n >= t->limit || sw__grow((void **)&t->nd, &t->capn, t->n + 1, sizeof *t->nd))
		return -1;
	memset(&t->nd[t->n], 0, sizeof *t->nd);
	t->nd[t->n].key = key;
	t->slot[h] = (uint32_t)(t->n + 1);
	*out = (uint32_t)t->n++;
	return 0;
}

/* ---- context: token arrays, parts, linking words (phrases_int.h) ---- */

/* Split each key at '-' into parts ("open-sourc-strategi" -> open, sourc,
 * strategi); a key without hyphens is its own single part. */
int sw__phrases_build_parts(ctx *x)
{
	const sw_vocab *stems = sw_lexicon_stems(sw_counts_lexicon(x->c));
	size_t k;

	x->koff = sw__calloc(x->nkeys + 1, sizeof *x->koff);
	x->kn = sw__calloc(x->nkeys + 1, 1);
	if (!x->koff || !x->kn || sw_vocab_new(&x->extra, NULL))
		return -1;
	for (k = 0; k < x->nkeys; k++) {
		size_t len, i = 0, n = 0;
		const char *s = sw_vocab_bytes(stems, (sw_term_id)k, &len);

		x->koff[k] = (uint32_t)x->npool;
		if (!s || !memchr(s, '-', len)) {
			if (sw__grow((void **)&x->pool, &x->cappool, x->npool + 1, sizeof *x->pool))
				return -1;
			x->pool[x->npool++] = (uint32_t)k;
			x->kn[k] = 1;
			continue;
		}
		while (i < len) {
			size_t j = i;
			sw_term_id id;
			while (j < len && s[j] != '-')
				j++;
			if (j > i) {
				id = sw_vocab_find(stems, s + i, j - i);
				if (id == SW_TERM_NONE) {
					if (sw_vocab_intern(&id, x->extra, s + i, j - i))
						return -1;
					id = (sw_term_id)(x->nkeys + id);
				}
				if (sw__grow((void **)&x->pool, &x->cappool, x->npool + 1,
					     sizeof *x->pool))
					return -1;
				x->pool[x->npool++] = id;
				n++;
			}
			i = j + 1;
		}
		x->kn[k] = (uint8_t)(n > 255 ? 255 : n);
	}
	if (x->nkeys + sw_vocab_size(x->extra) >= UINT32_MAX / 2)
		return -1;
	x->kp0 = sw__malloc((x->nkeys + 1) * sizeof *x->kp0);
	if (!x->kp0)
		return -1;
	for (k = 0; k <= x->nkeys; k++) /* nkeys: no key (kn is 0) */
		x->kp0[k] = x->kn[k] >= 1 && x->kn[k] <= x->max_len ? x->pool[x->koff[k]] : NONE;
	x->npart = (uint32_t)(x->nkeys + sw_vocab_size(x->extra));
	x->tr.limit = UINT32_MAX - 1 - (size_t)x->npart;
	return 0;
}

/* The bytes of part p. */
static const char *part_bytes(const ctx *x, uint32_t p, size_t *len)
{
	if (p < x->nkeys)
		return sw_counts_key_bytes(x->c, p, len);
	return sw_vocab_bytes(x->extra, (sw_term_id)(p - x->nkeys), len);
}

/* Lower-case a short form for the linking-word lists: ASCII and "Ü"
 * ("Für", "ÜBER" in a heading); longer forms are no linking words. */
static int fold_small(char *out, const char *s, size_t len)
{
	size_t i, o = 0;

	if (len > 7)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		else if (ch == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] == 0x9C) {
			out[o++] = (char)0xC3;
			out[o++] = (char)0xBC;
			i++;
			continue;
		}
		out[o++] = (char)ch;
	}
	out[o] = '\0';
	return 0;
}

/* The linking class of a form (LK_*), from its surface. */
static unsigned linker_of(const ctx *x, sw_term_id form)
{
	static const char *const prep[] = { "für", "von", "vom", "zur", "zum", "im", "in",
					    "am", "auf", "über", "mit", "gegen", "bei", "aus" };
	static const char *const art[] = { "der", "des", "dem", "den", "die", "das" };
	const char *s;
	char buf[16];
	size_t len, i;
	unsigned cls = 0;

	s = sw_vocab_bytes(sw_lexicon_surfaces(sw_counts_lexicon(x->c)), form, &len);
	if (s && fold_small(buf, s, len) == 0) {
		for (i = 0; i < sizeof prep / sizeof *prep; i++)
			if (strcmp(buf, prep[i]) == 0)
				cls |= LK_PREP;
		for (i = 0; i < sizeof art / sizeof *art; i++)
			if (strcmp(buf, art[i]) == 0)
				cls |= LK_ART | (i < 2 ? LK_GEN : 0);
	}
	return cls;
}

/* The class of every form, before the chunks start reading them. */
int sw__phrases_build_linkers(ctx *x)
{
	size_t f;

	x->lk = sw__calloc(x->nforms + 1, 1);
	if (!x->lk)
		return -1;
	for (f = 0; f < x->nforms; f++)
		x->lk[f] = (uint8_t)linker_of(x, (sw_term_id)f);
	return 0;
}

static unsigned linker_class(const ctx *x, sw_term_id form)
{
	return form < x->nforms ? x->lk[form] : 0;
}

/* ---- walking candidates, one part at a time ---- */

/* The first part of token i if it may start a candidate, else NONE. */
static inline uint32_t start_part(const ctx *x, size_t i)
{
	return x->types[i] == SW_TOKEN_WORD && !(x->flags[i] & SW_CT_STOP) ? x->kp0[x->keys[i]]
									    : NONE;
}

/*
 * Advance w by one part: *part gets it, *cand whether the sequence now
 * ends a candidate (at the end of a non-stopword token, 2+ parts; or
 * inside a compound after at least two of its parts).
 * Returns 0 when the walk cannot go on: the next token is no word, starts
 * a sentence, does not fit whole into max_len, or is a stopword the
 * linking rule does not admit.
 */
static HOT_PATH int step(const ctx *x, walk *w, uint32_t *part, int *cand)
{
	size_t j = (size_t)w->s + w->joff;
	unsigned np = x->kn[x->keys[j]];

	if (w->p < np) {
		*part = x->pool[x->koff[x->keys[j]] + w->p];
		w->p++;
	} else {
		j++;
		if (j >= x->T || x->types[j] != SW_TOKEN_WORD || (x->flags[j] & SW_CT_SENT))
			return 0;
		np = x->kn[x->keys[j]];
		if (!np || w->d + np > x->max_len)
			return 0;
		if (x->flags[j] & SW_CT_STOP) {
			unsigned cls = linker_class(x, x->forms[j]);
			unsigned n = w->gap & 0x0f;
			if (np != 1)
				return 0;
			if (n == 0 && (cls & (LK_PREP | LK_GEN)))
				w->gap = (uint8_t)(1 | ((cls & LK_PREP) ? 0x10 : 0));
			else if (n == 1 && (w->gap & 0x10) && (cls & LK_ART))
				w->gap = 2;
			else
				return 0;
		} else {
			w->gap = 0;
		}
		w->joff++;
		w->p = 1;
		*part = x->pool[x->koff[x->keys[j]]];
	}
	w->d++;
	if (w->p == np)
		*cand = w->d >= 2 && !(x->flags[j] & SW_CT_STOP);
	else /* a leading run of at least two parts of a compound:
	      * "Open-Source-Software" is an occurrence of "Open Source" */
		*cand = w->d >= 2 && w->p >= 2;
	return 1;
}

/* ---- chunks: the token arrays in document-aligned pieces (phrases_int.h) ---- */

/* Chunks of about T / want tokens that end at document ends; 1 when the
 * corpus is too small for threads to pay. */
int sw__phrases_make_chunks(ctx *x, size_t want)
{
	size_t doc0[SW_PAR_MAX + 1], k;

	x->nch = sw__counts_chunks(x->c, want, doc0);
	x->ch = sw__calloc(x->nch, sizeof *x->ch);
	if (!x->ch)
		return -1;
	for (k = 0; k < x->nch; k++) {
		x->ch[k].x = x;
		x->ch[k].doc0 = doc0[k];
		x->ch[k].doc1 = doc0[k + 1];
		x->ch[k].t0 = doc0[k] < x->ndocs ? sw_counts_doc(x->c, doc0[k])->first : x->T;
		x->ch[k].t1 = doc0[k + 1] < x->ndocs ? sw_counts_doc(x->c, doc0[k + 1])->first : x->T;
	}
	return 0;
}

static void chunks_free(ctx *x)
{
	size_t k;

	for (k = 0; x->ch && k < x->nch; k++) {
		chunk *ch = &x->ch[k];
		sw__free(ch->pc1);
		sw__free(ch->ws);
		sw__free(ch->starts);
		sw__phrases_trie_free(&ch->tr);
		sw__free(ch->map);
		sw__free(ch->occ);
		sw__free(ch->r1);
		sw__free(ch->pre1);
		sw__free(ch->ltc);
	}
	sw__free(x->ch);
	x->ch = NULL;
	x->nch = 0;
}

int sw__phrases_chunks_failed(const ctx *x)
{
	size_t k;

	for (k = 0; k < x->nch; k++)
		if (x->ch[k].failed)
			return 1;
	return 0;
}

/* ---- counting candidates ---- */

/* Task: a walk at every token of the chunk that may start a candidate,
 * and the counts of their first parts. */
static void task_first_parts(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	size_t i, cap = 0;

	ch->pc1 = sw__calloc((size_t)x->npart + 1, sizeof *ch->pc1);
	if (!ch->pc1) {
		ch->failed = 1;
		return;
	}
	for (i = ch->t0; i < ch->t1; i++) {
		uint32_t p0 = start_part(x, i);
		if (p0 == NONE)
			continue;
		if (sw__grow((void **)&ch->ws, &cap, ch->nw + 1, sizeof *ch->ws)) {
			ch->failed = 1;
			return;
		}
		ch->pc1[p0]++;
		ch->ws[ch->nw++] = (walk){ (uint32_t)i, p0, 0, 1, 1, 0 };
	}
}

/* Task: keep the walks whose first part is frequent enough. */
static void task_walks(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	size_t i, o = 0;

	for (i = 0; i < ch->nw; i++)
		if (x->pc1[ch->ws[i].code] >= x->min_count)
			ch->ws[o++] = ch->ws[i];
	ch->nw = o;
}

/* Walks stepped ahead of their lookups in task_depth(): the slots their
 * keys hash to are asked for while the block's walks are stepped. */
#define DEPTH_BLOCK 16

/* Task: advance the chunk's walks by one part and count the nodes they
 * reach in the chunk's own table; a walk's code becomes its node there. */
static void task_depth(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	size_t i, b, o = 0, doc = ch->doc0, docend = ch->t0;

	ch->tr.limit = x->tr.limit - x->lo;
	for (i = 0; i < ch->nw; i += DEPTH_BLOCK) {
		walk wb[DEPTH_BLOCK];
		uint64_t kb[DEPTH_BLOCK];
		uint8_t cb[DEPTH_BLOCK];
		size_t nb = 0, end = i + DEPTH_BLOCK < ch->nw ? i + DEPTH_BLOCK : ch->nw;
		/* step the block's walks (reading ws[i..end) before any of it
		 * is overwritten: o <= i) */
		for (b = i; b < end; b++) {
			walk w = ch->ws[b];
			uint32_t part;
			int cand;
			if (!step(x, &w, &part, &cand))
				continue;
			wb[nb] = w;
			kb[nb] = (uint64_t)w.code << 32 | part;
			cb[nb] = (uint8_t)cand;
			if (ch->tr.cap) /* a hint: a table that grows meanwhile costs a miss */
				__builtin_prefetch(&ch->tr.slot[sw__mix64(kb[nb]) & (ch->tr.cap - 1)]);
			nb++;
		}
		for (b = 0; b < nb; b++) {
			walk w = wb[b];
			uint32_t id;
			node *nd;
			if (sw__phrases_trie_get(&id, &ch->tr, kb[b])) {
				ch->failed = 1;
				return;
			}
			nd = &ch->tr.nd[id];
			nd->pcount++;
			if (cb[b]) {
				while (w.s >= docend) {
					const sw_count_doc *cd = sw_counts_doc(x->c, doc++);
					docend = cd->first + cd->ntokens;
				}
				nd->ccount++;
				if (nd->clast != doc) {
					nd->clast = (uint32_t)doc;
					nd->cdocs++;
				}
			}
			w.code = id;
			ch->ws[o++] = w;
		}
	}
	ch->nw = o;
}

/* A slice of the nodes of a chunk being merged (merge_depth). */
typedef struct merge_slice {
	trie *base;
	chunk *ch;
	size_t j0, j1;
	size_t nnew; /* nodes the merged table does not have yet */
} merge_slice;

/* Nodes ahead whose merged slots task_lookup() asks for. */
#define LOOKUP_AHEAD 8

/* Task: the nodes of a slice that the merged table has get their counts
 * added there and their map entry; the others are marked NONE.  No two
 * nodes of a chunk share a merged node, so the slices write apart. */
static void task_lookup(void *payload, size_t t)
{
	merge_slice *ms = &((merge_slice *)payload)[t];
	size_t j;

	for (j = ms->j0; j < ms->j1; j++) {
		const node *cn = &ms->ch->tr.nd[j];
		uint32_t id;
		node *m;
		/* the merged table is read at random: ask for a slot ahead */
		if (j + LOOKUP_AHEAD < ms->j1 && ms->base->cap)
			__builtin_prefetch(&ms->base->slot[sw__mix64(cn[LOOKUP_AHEAD].key) &
							   (ms->base->cap - 1)]);
		id = sw__phrases_trie_find(ms->base, cn->key);
		ms->ch->map[j] = id;
		if (id == NONE) {
			ms->nnew++;
			continue;
		}
		m = &ms->base->nd[id];
		m->pcount += cn->pcount;
		m->ccount += cn->ccount;
		m->cdocs += cn->cdocs;
	}
}

/* Merge the chunks' tables of this depth into chunk 0's, in chunk order
 * (a chunk's nodes new to the merged table follow in its own order, as
 * one pass would have numbered them) and append the merged nodes to the
 * trie; ch->map takes each chunk's nodes to their merged ones, for
 * task_rewalk.  A chunk's nodes are looked up on all threads; only the
 * new ones are added one by one. */
static int merge_depth(ctx *x)
{
	trie *base = &x->ch[0].tr;
	size_t k, j, t;

	for (k = 0; k < x->nch; k++) {
		chunk *ch = &x->ch[k];
		merge_slice ms[SW_PAR_MAX];
		size_t nnew = 0, cap;
		if (sw__grow((void **)&ch->map, &ch->capmap, ch->tr.n + 1, sizeof *ch->map))
			return -1;
		if (k == 0) {
			for (j = 0; j < ch->tr.n; j++)
				ch->map[j] = (uint32_t)j;
			continue;
		}
		for (t = 0; t < x->nch; t++)
			ms[t] = (merge_slice){ base, ch, ch->tr.n * t / x->nch,
					       ch->tr.n * (t + 1) / x->nch, 0 };
		sw__par_run(x->nch, task_lookup, ms); /* an empty table finds nothing */
		for (t = 0; t < x->nch; t++)
			nnew += ms[t].nnew;
		if (base->n + nnew > base->limit ||
		    sw__grow((void **)&base->nd, &base->capn, base->n + nnew + 1, sizeof *base->nd))
			return -1;
		if (k + 1 == x->nch) {
			/* the last chunk: nothing looks its nodes up in this
			 * table again, so the new ones are only appended */
			for (j = 0; j < ch->tr.n; j++) {
				node *m;
				if (ch->map[j] != NONE)
					continue;
				m = &base->nd[base->n];
				*m = ch->tr.nd[j];
				m->clast = 0;
				ch->map[j] = (uint32_t)base->n++;
			}
			continue;
		}
		/* room for the new nodes at once: no rehash while adding */
		for (cap = base->cap ? base->cap : 1024; (base->n + nnew + 1) * 2 > cap;)
			cap *= 2;
		if (cap != base->cap && trie_rehash(base, cap))
			return -1;
		for (j = 0; j < ch->tr.n; j++) {
			const node *cn = &ch->tr.nd[j];
			uint32_t id;
			node *m;
			if (ch->map[j] != NONE)
				continue;
			if (sw__phrases_trie_get(&id, base, cn->key))
				return -1;
			m = &base->nd[id];
			m->pcount = cn->pcount;
			m->ccount = cn->ccount;
			m->cdocs = cn->cdocs;
			ch->map[j] = id;
		}
	}
	if (base->n > x->tr.limit - x->lo)
		return -1;
	sw__free(base->slot); /* only the nodes are kept */
	base->slot = NULL;
	base->cap = 0;
	if (x->lo == 0 && !x->tr.nd) { /* the first depth: take the nodes over */
		x->tr.nd = base->nd;
		x->tr.capn = base->capn;
		base->nd = NULL;
	} else {
		if (sw__grow((void **)&x->tr.nd, &x->tr.capn, x->lo + base->n + 1,
			     sizeof *x->tr.nd))
			return -1;
		if (base->n)
			memcpy(x->tr.nd + x->lo, base->nd, base->n * sizeof *base->nd);
	}
	x->tr.n = x->lo + base->n;
	for (k = 0; k < x->nch; k++) /* the walks keep their chunk's node: see map */
		sw__phrases_trie_free(&x->ch[k].tr);
	return 0;
}

/* Task: point the chunk's walks at their trie nodes after this depth's
 * merge (ch->map) and pruning (x->remap: merged node - x->lo -> node or
 * NONE), dropping the walks whose prefix was pruned; after depth 2, note
 * the starts. */
static void task_rewalk(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	size_t i, o = 0;

	for (i = 0; i < ch->nw; i++) {
		uint32_t r = x->remap[ch->map[ch->ws[i].code]];
		if (r == NONE)
			continue;
		ch->ws[i].code = x->npart + r;
		ch->ws[o++] = ch->ws[i];
	}
	ch->nw = o;
	if (x->depth != 2)
		return;
	ch->starts = sw__malloc((o + 1) * sizeof *ch->starts);
	if (!ch->starts) {
		ch->failed = 1;
		return;
	}
	for (i = 0; i < o; i++)
		ch->starts[i] = ch->ws[i].s;
	ch->nstarts = o;
}

/* Count the trie depth by depth, pruning rare prefixes. */
int sw__phrases_count_candidates(ctx *x)
{
	uint32_t *remap = NULL;
	size_t nw, i, k, d;
	int rc = -1;

	sw__par_run(x->nch, task_first_parts, x->ch);
	if (sw__phrases_chunks_failed(x))
		goto done;
	x->pc1 = x->ch[0].pc1; /* the sum, below */
	for (k = 1; k < x->nch; k++) {
		for (i = 0; i < x->npart; i++)
			x->pc1[i] += x->ch[k].pc1[i];
		sw__free(x->ch[k].pc1);
		x->ch[k].pc1 = NULL;
	}
	sw__par_run(x->nch, task_walks, x->ch);
	if (sw__phrases_chunks_failed(x))
		goto done;
	for (nw = 0, k = 0; k < x->nch; k++)
		nw += x->ch[k].nw;
	for (d = 2; d <= x->max_len && nw; d++) {
		size_t lo = x->tr.n, hi, o;
		x->lo = lo;
		sw__par_run(x->nch, task_depth, x->ch);
		if (sw__phrases_chunks_failed(x) || merge_depth(x))
			goto done;
		/* drop this depth's rare prefixes and renumber the survivors */
		hi = x->tr.n;
		sw__free(remap);
		remap = sw__malloc((hi - lo + 1) * sizeof *remap);
		if (!remap)
			goto done;
		for (k = lo, o = lo; k < hi; k++) {
			if (x->tr.nd[k].pcount < x->min_count) {
				remap[k - lo] = NONE;
				continue;
			}
			remap[k - lo] = (uint32_t)o;
			x->tr.nd[o++] = x->tr.nd[k];
		}
		x->tr.n = o;
		x->remap = remap;
		x->depth = d;
		sw__par_run(x->nch, task_rewalk, x->ch);
		if (sw__phrases_chunks_failed(x))
			goto done;
		for (nw = 0, k = 0; k < x->nch; k++)
			nw += x->ch[k].nw;
	}
	{ /* the trie's index, once all depths are in (the passes after
	   * this one look nodes up; the depths above only append) */
		size_t cap = 1024;
		while (cap < x->tr.n * 2 + 2)
			cap *= 2;
		if (trie_rehash(&x->tr, cap))
			goto done;
	}
	rc = 0;
done:
	for (k = 0; k < x->nch; k++) {
		sw__free(x->ch[k].ws);
		x->ch[k].ws = NULL;
		x->ch[k].nw = 0;
	}
	sw__free(remap);
	return rc;
}

/* ---- building the result ---- */

/* The parts of node id, root first; returns their number. */
uint32_t sw__phrases_node_parts(const ctx *x, uint32_t id, uint32_t *parts)
{
	uint32_t rev[MAXLEN + 1], n = 0, i;
	uint64_t code = (uint64_t)x->npart + id;

	while (code >= x->npart && n < MAXLEN) {
		const node *nd = &x->tr.nd[code - x->npart];
		rev[n++] = (uint32_t)(nd->key & 0xFFFFFFFFu);
		code = nd->key >> 32;
	}
	rev[n++] = (uint32_t)code;
	for (i = 0; i < n; i++)
		parts[i] = rev[n - 1 - i];
	return n;
}

/* An occurrence of phrase ph at token i: chunk 0 writes its own in place
 * (they are the first ones), the others keep theirs.  -1 on OOM. */
static int put_occ(chunk *ch, const ctx *x, uint32_t ph, size_t i, uint8_t len, uint8_t cut)
{
	if (ch == &x->ch[0]) {
		size_t j = x->ctp[ph].occ0 + x->cfill[ph]++;
		x->cocc[j] = (uint32_t)i;
		x->colen[j] = len;
		x->copart[j] = cut;
		return 0;
	}
	if (sw__grow((void **)&ch->occ, &ch->capocc, ch->nocc + 1, sizeof *ch->occ))
		return -1;
	ch->occ[ch->nocc++] = (occ_tuple){ ph, (uint32_t)i, len, cut };
	return 0;
}

/* Starts walked side by side in task_collect(): each round steps every
 * live walk and asks for the slots of their keys, then looks them up, so
 * the block's lookups wait for memory together instead of one by one. */
#define COLLECT_BLOCK 16

/* Task: the occurrences of the kept phrases in the chunk, walking every
 * start again over the final trie (lookups only).  A block's walks find
 * their occurrences round by round; they are put in start order, each
 * start's by length, as one walk after the other puts them.  A walk
 * takes at most max_len - 1 steps (it starts with one part and never
 * holds more than max_len), so it finds fewer than MAXLEN. */
static void task_collect(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	size_t s0;

	for (s0 = 0; s0 < ch->nstarts; s0 += COLLECT_BLOCK) {
		walk w[COLLECT_BLOCK];
		uint64_t key[COLLECT_BLOCK];
		uint8_t cand[COLLECT_BLOCK], live[COLLECT_BLOCK], nf[COLLECT_BLOCK];
		struct {
			uint32_t ph;
			uint8_t len, cut;
		} f[COLLECT_BLOCK][MAXLEN];
		size_t nb = ch->nstarts - s0 < COLLECT_BLOCK ? ch->nstarts - s0 : COLLECT_BLOCK;
		size_t b, nlive = nb;

		for (b = 0; b < nb; b++) {
			size_t i = ch->starts[s0 + b];
			w[b] = (walk){ (uint32_t)i, x->pool[x->koff[x->keys[i]]], 0, 1, 1, 0 };
			live[b] = 1;
			nf[b] = 0;
		}
		while (nlive) {
			for (b = 0; b < nb; b++) {
				uint32_t part;
				int c;
				if (!live[b])
					continue;
				if (!step(x, &w[b], &part, &c)) {
					live[b] = 0;
					nlive--;
					continue;
				}
				key[b] = (uint64_t)w[b].code << 32 | part;
				cand[b] = (uint8_t)c;
				if (x->tr.cap)
					__builtin_prefetch(
						&x->tr.slot[sw__mix64(key[b]) & (x->tr.cap - 1)]);
			}
			for (b = 0; b < nb; b++) {
				uint32_t id;
				if (!live[b])
					continue;
				id = sw__phrases_trie_find(&x->tr, key[b]);
				if (id == NONE) {
					live[b] = 0;
					nlive--;
					continue;
				}
				if (cand[b] && x->phr_of[id] != NONE) {
					size_t i = w[b].s;
					f[b][nf[b]].ph = x->phr_of[id];
					f[b][nf[b]].len = (uint8_t)(w[b].joff + 1);
					f[b][nf[b]].cut = (uint8_t)(w[b].p < x->kn[x->keys[i + w[b].joff]]
									? w[b].p
									: 0);
					nf[b]++;
				}
				w[b].code = x->npart + id;
			}
		}
		for (b = 0; b < nb; b++) {
			uint8_t j;
			for (j = 0; j < nf[b]; j++)
				if (put_occ(ch, x, f[b][j].ph, w[b].s, f[b][j].len, f[b][j].cut)) {
					ch->failed = 1;
					return;
				}
		}
	}
}

/* Occurrences of the kept phrases into occ/olen/opart, each phrase's in
 * token order from tp[ph].occ0 on: chunk 0's in place, the others' as
 * tuples placed after them, chunk by chunk. */
int sw__phrases_collect_occ(ctx *x, const tmp_phrase *tp, size_t *fill, uint32_t *occ, uint8_t *olen,
			    uint8_t *opart)
{
	size_t k, i;

	x->ctp = tp;
	x->cfill = fill;
	x->cocc = occ;
	x->colen = olen;
	x->copart = opart;
	sw__par_run(x->nch, task_collect, x->ch);
	if (sw__phrases_chunks_failed(x))
		return -1;
	for (k = 1; k < x->nch; k++) {
		chunk *ch = &x->ch[k];
		for (i = 0; i < ch->nocc; i++) {
			const occ_tuple *t = &ch->occ[i];
			size_t j = tp[t->ph].occ0 + fill[t->ph]++;
			occ[j] = t->tok;
			olen[j] = t->len;
			opart[j] = t->part;
		}
		sw__free(ch->occ);
		ch->occ = NULL;
		ch->nocc = ch->capocc = 0;
	}
	return 0;
}

static int same_forms(const occ_ref *x, const occ_ref *y)
{
	return x->sig == y->sig && x->len == y->len && x->part == y->part &&
	       memcmp(x->f, y->f, x->len * sizeof *x->f) == 0;
}

/* By signature, then form sequence (the groups of equal ones are what
 * counts: their order is undone by the variants' sort), then token. */
static int cmp_occ_forms(const void *a, const void *b)
{
	const occ_ref *x = a, *y = b;
	size_t i;

	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	for (i = 0; i < x->len; i++)
		if (x->f[i] != y->f[i])
			return x->f[i] < y->f[i] ? -1 : 1;
	return (x->tok > y->tok) - (x->tok < y->tok);
}

int sw__phrases_pool_put(pool *p, const char *s, size_t len)
{
	if (sw__grow((void **)&p->s, &p->cap, p->n + len + 1, 1))
		return -1;
	memcpy(p->s + p->n, s, len);
	p->n += len;
	return 0;
}

void sw__phrases_ctx_free(ctx *x)
{
	chunks_free(x);
	sw__free(x->koff);
	sw__free(x->kn);
	sw__free(x->kp0);
	sw__free(x->pool);
	sw_vocab_free(x->extra);
	sw__free(x->lk);
	sw__free(x->phr_of);
	sw__phrases_trie_free(&x->tr);
}

/* Variants of one phrase from its n occurrences: group them by form
 * sequence and write each text to the pool.  vars[k].len gets the text's
 * length and voff[k] its offset in the pool (pointers are set once the
 * pool stops moving); vfirst[k] its earliest occurrence. */
static int make_variants(const ctx *x, pool *tx, sw_phrase_variant *vars, size_t *voff, size_t *nv_out,
			 uint32_t *vfirst, const uint32_t *occ, const uint8_t *olen,
			 const uint8_t *opart, size_t n, occ_ref *scratch)
{
	const sw_vocab *surf = sw_lexicon_surfaces(sw_counts_lexicon(x->c));
	size_t i = 0, k, t, nv = 0;

	for (k = 0; k < n; k++) {
		occ_ref *r = &scratch[k];
		uint64_t h = (uint64_t)olen[k] << 8 | opart[k];
		r->tok = occ[k];
		r->len = olen[k];
		r->part = opart[k];
		for (t = 0; t < r->len; t++) {
			r->f[t] = x->forms[r->tok + t];
			h = (h ^ r->f[t]) * 0x9e3779b97f4a7c15ULL;
		}
		r->sig = sw__mix64(h);
	}
	qsort(scratch, n, sizeof *scratch, cmp_occ_forms);
	while (i < n) {
		size_t e = i + 1, off = tx->n;
		while (e < n && same_forms(&scratch[i], &scratch[e]))
			e++;
		/* sorted by token within the group: scratch[i] is the earliest */
		for (t = 0; t < scratch[i].len; t++) {
			size_t fl;
			const char *fs = sw_vocab_bytes(surf, scratch[i].f[t], &fl);
			if (fs && scratch[i].part && t + 1 == scratch[i].len) {
				/* the leading parts of a compound: cut before the
				 * part-th hyphen ("Open-Source-Software" -> "Open-Source") */
				size_t h = 0, b;
				for (b = 0; b < fl; b++)
					if (fs[b] == '-' && ++h == scratch[i].part)
						break;
				fl = b;
			}
			if ((t && sw__phrases_pool_put(tx, " ", 1)) || sw__phrases_pool_put(tx, fs ? fs : "", fs ? fl : 0))
				return -1;
		}
		tx->s[tx->n++] = '\0';
		voff[nv] = off;
		vars[nv].text = NULL;
		vars[nv].len = tx->n - 1 - off;
		vars[nv].count = (uint32_t)(e - i);
		vfirst[nv] = scratch[i].tok;
		nv++;
		/* compounds cut to their leading parts can give a text seen
		 * before ("Open-Source" from "-Software" and "-Strategie"):
		 * one variant per text */
		for (t = 0; t + 1 < nv; t++) {
			if (vars[t].len != vars[nv - 1].len ||
			    memcmp(tx->s + voff[t], tx->s + off, vars[t].len) != 0)
				continue;
			vars[t].count += vars[nv - 1].count;
			if (vfirst[nv - 1] < vfirst[t])
				vfirst[t] = vfirst[nv - 1];
			nv--;
			tx->n = off;
			break;
		}
		i = e;
	}
	*nv_out = nv;
	return 0;
}

void sw__phrases_task_variants(void *payload, size_t t)
{
	vtask *v = &((vtask *)payload)[t];
	sw_phrases *p = v->p;
	tmp_phrase *tp = v->tp;
	size_t i, k, most = 0;

	for (i = v->a; i < v->b; i++)
		if (p->ph[i].count > most)
			most = p->ph[i].count;
	v->scratch = sw__malloc((most + 1) * sizeof *v->scratch);
	if (!v->scratch) {
		v->failed = 1;
		return;
	}
	for (i = v->a; i < v->b; i++) {
		sw_phrase *ph = &p->ph[i];
		size_t nv, best = 0, o = tp[i].occ0;
		tp[i].key_off = v->tx.n;
		for (k = 0; k < tp[i].n; k++) {
			size_t pl;
			const char *ps = part_bytes(v->x, tp[i].parts[k], &pl);
			if ((k && sw__phrases_pool_put(&v->tx, " ", 1)) ||
			    sw__phrases_pool_put(&v->tx, ps ? ps : "", ps ? pl : 0)) {
				v->failed = 1;
				return;
			}
		}
		v->tx.s[v->tx.n++] = '\0';
		ph->key_len = v->tx.n - 1 - tp[i].key_off;
		if (make_variants(v->x, &v->tx, p->vars + o, v->voff + o, &nv, v->vfirst + o,
				  p->occ + o, p->occ_len + o, v->opart + o, ph->count, v->scratch)) {
			v->failed = 1;
			return;
		}
		/* display: most frequent, ties to the earliest occurrence */
		for (k = 1; k < nv; k++) {
			const sw_phrase_variant *va = &p->vars[o + k], *vb = &p->vars[o + best];
			if (va->count > vb->count ||
			    (va->count == vb->count && v->vfirst[o + k] < v->vfirst[o + best]))
				best = k;
		}
		tp[i].best = best;
		ph->nvariants = nv;
	}
}
