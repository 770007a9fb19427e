/*
 * phrases.c - stage 6: multiword terms (see stichwort/phrases.h and
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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stichwort/phrases.h"
#include "stichwort/stats.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/par.h"
#include "internal/phrases.h"
#include "internal/utf8.h"

#define NONE UINT32_MAX
#define MAXLEN 8

/* linking-word classes of a stopword form (docs/phrases.md) */
#define LK_PREP 0x01u /* may link alone, or be followed by an article */
#define LK_GEN  0x02u /* a genitive article: may link alone ("Stand der Technik") */
#define LK_ART  0x04u /* an article after a preposition ("in der") */

struct sw_phrases {
	const sw_counts *c;
	sw_phrase *ph;
	size_t n;
	sw_phrase_variant *vars;
	uint32_t *occ;
	uint8_t *occ_len;
	char *text;       /* keys and variant texts, NUL-separated */
	size_t *by_key;   /* phrase indices sorted by key bytes */
};

/* ---- the trie table ---- */

typedef struct node {
	uint64_t key;    /* parent << 32 | part */
	uint32_t pcount; /* occurrences as a prefix (LL trie: windows anywhere) */
	uint32_t ccount; /* occurrences as a candidate (LL trie: windows after a word) */
	uint32_t cdocs;  /* documents with a candidate occurrence */
	uint32_t clast;  /* last document + 1 */
} node;

typedef struct trie {
	node *nd;
	size_t n, capn;
	uint32_t *slot; /* node index + 1, 0 = empty */
	size_t cap;     /* power of two */
	size_t limit;   /* most nodes (codes npart + node must fit 32 bits) */
} trie;

static void trie_free(trie *t)
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

/* The node of key, or NONE.  Inlined where it is called, as step() is:
 * the passes over the walks call both for every walk and step, and gcc
 * left them out of line (inlined, `phrases --threads 1` does 2.9 % fewer
 * instructions on the Bundestag corpus). */
#define HOT_PATH inline __attribute__((always_inline))

static HOT_PATH uint32_t trie_find(const trie *t, uint64_t key)
{
	size_t h;

	if (!t->cap)
		return NONE;
	h = (size_t)sw__mix64(key) & (t->cap - 1);
	while (t->slot[h]) {
		if (t->nd[t->slot[h] - 1].key == key)
			return t->slot[h] - 1;
		h = (h + 1) & (t->cap - 1);
	}
	return NONE;
}

/* The node of key, added (zeroed) if new.  -1 on OOM. */
static int trie_get(uint32_t *out, trie *t, uint64_t key)
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

/* ---- context: token arrays, parts, linking words ---- */

typedef struct ctx {
	const sw_counts *c;
	const sw_term_id *keys, *forms;
	const uint8_t *types, *flags;
	size_t T, ndocs;
	size_t max_len, min_count;
	size_t nkeys;   /* stem vocabulary size */
	uint32_t npart; /* nkeys + our own part ids */
	uint32_t *koff; /* per key: offset into pool */
	uint8_t *kn;    /* per key: parts (0 = unusable) */
	uint32_t *kp0;  /* per key: its first part if it may start a
			 * candidate (1..max_len parts), else NONE */
	uint32_t *pool;
	size_t npool, cappool;
	sw_vocab *extra; /* components that are no stem key of their own */
	uint8_t *lk;     /* per form: LK_* */
	size_t nforms;
	trie tr;
	uint32_t *phr_of; /* per node: phrase index or NONE */
	struct chunk *ch; /* the token arrays in document-aligned pieces */
	size_t nch;
	uint32_t *pc1;    /* per part: starts of candidates (the chunks' sum) */
	size_t lo;        /* the first node of the depth being counted */
	size_t depth;     /* the depth being counted */
	const uint32_t *remap; /* its merged nodes - lo -> trie node or NONE */
	const struct trie *lt; /* score_ll: the phrases' rests */
	/* collect_occ: where chunk 0 writes its occurrences directly */
	const struct tmp_phrase *ctp;
	size_t *cfill;
	uint32_t *cocc;
	uint8_t *colen, *copart;
} ctx;

/* Split each key at '-' into parts ("open-sourc-strategi" -> open, sourc,
 * strategi); a key without hyphens is its own single part. */
static int build_parts(ctx *x)
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
static int build_linkers(ctx *x)
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

typedef struct walk {
	uint32_t s;    /* start token */
	uint32_t code; /* trie code reached: a part id (depth 1) or npart + node */
	uint8_t joff;  /* current token - s */
	uint8_t p;     /* parts of the current token consumed */
	uint8_t d;     /* parts consumed */
	uint8_t gap;   /* trailing stopwords: count | 0x10 if the first is a preposition */
} walk;

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

/* ---- chunks: the token arrays in document-aligned pieces ----
 *
 * The passes over all tokens (counting candidates depth by depth,
 * collecting occurrences, the log-likelihood windows) run on one chunk
 * per thread.  No walk, window or candidate crosses a document (every
 * document's first token starts a sentence), so each chunk counts on
 * its own; the chunks' results are then merged in chunk order, which is
 * token order: node numbers, occurrence order and every count come out
 * exactly as one pass over all tokens gives them. */

/* An occurrence found by a chunk. */
typedef struct occ_tuple {
	uint32_t ph, tok;
	uint8_t len, part;
} occ_tuple;

typedef struct chunk {
	ctx *x;
	size_t t0, t1;  /* its tokens [t0, t1) */
	size_t doc0, doc1; /* its documents [doc0, doc1); doc0 has t0 */
	int failed;     /* a task ran out of memory */
	uint32_t *pc1;  /* first-part counts of its starts */
	walk *ws;       /* its live walks */
	size_t nw;
	trie tr;        /* the nodes of the depth being counted, numbered by the chunk */
	uint32_t *map;  /* chunk node -> merged node */
	size_t capmap;
	uint32_t *starts; /* the starts whose 2-part prefix survived: the only
			   * ones that can begin a phrase (a phrase's count
			   * is at most its prefix count) */
	size_t nstarts;
	occ_tuple *occ; /* collect_occ: its occurrences, in token order */
	size_t nocc, capocc;
	/* score_ll: its windows */
	uint32_t *r1, *pre1, *ltc;
	double nwin[MAXLEN + 1];
} chunk;

/* Chunks of about T / want tokens that end at document ends; 1 when the
 * corpus is too small for threads to pay. */
static int make_chunks(ctx *x, size_t want)
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
		trie_free(&ch->tr);
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

static int chunks_failed(const ctx *x)
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
			if (trie_get(&id, &ch->tr, kb[b])) {
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
		id = trie_find(ms->base, cn->key);
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
			if (trie_get(&id, base, cn->key))
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
		trie_free(&x->ch[k].tr);
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
static int count_candidates(ctx *x)
{
	uint32_t *remap = NULL;
	size_t nw, i, k, d;
	int rc = -1;

	sw__par_run(x->nch, task_first_parts, x->ch);
	if (chunks_failed(x))
		goto done;
	x->pc1 = x->ch[0].pc1; /* the sum, below */
	for (k = 1; k < x->nch; k++) {
		for (i = 0; i < x->npart; i++)
			x->pc1[i] += x->ch[k].pc1[i];
		sw__free(x->ch[k].pc1);
		x->ch[k].pc1 = NULL;
	}
	sw__par_run(x->nch, task_walks, x->ch);
	if (chunks_failed(x))
		goto done;
	for (nw = 0, k = 0; k < x->nch; k++)
		nw += x->ch[k].nw;
	for (d = 2; d <= x->max_len && nw; d++) {
		size_t lo = x->tr.n, hi, o;
		x->lo = lo;
		sw__par_run(x->nch, task_depth, x->ch);
		if (chunks_failed(x) || merge_depth(x))
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
		if (chunks_failed(x))
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

typedef struct tmp_phrase {
	uint32_t node;
	uint32_t parts[MAXLEN];
	uint32_t n;
	size_t occ0;    /* offset in occ[] */
	size_t key_off; /* offset of the key in the text pool */
	size_t var0;    /* first variant in vars[] */
	size_t best;    /* the display variant, relative to var0 */
} tmp_phrase;

/* The parts of node id, root first; returns their number. */
static uint32_t node_parts(const ctx *x, uint32_t id, uint32_t *parts)
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
				id = trie_find(&x->tr, key[b]);
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
static int collect_occ(ctx *x, const tmp_phrase *tp, size_t *fill, uint32_t *occ, uint8_t *olen,
		       uint8_t *opart)
{
	size_t k, i;

	x->ctp = tp;
	x->cfill = fill;
	x->cocc = occ;
	x->colen = olen;
	x->copart = opart;
	sw__par_run(x->nch, task_collect, x->ch);
	if (chunks_failed(x))
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

/* An occurrence of one phrase, to sort them by their form sequence: the
 * forms are copied out of the corpus's form array once, so that sorting
 * and grouping read no line of it again (an occurrence has at most
 * MAXLEN tokens: each has a part of the phrase's at most MAXLEN).  sig,
 * a hash of (len, part, forms), decides most comparisons. */
typedef struct occ_ref {
	uint64_t sig;
	uint32_t tok;
	uint8_t len;
	uint8_t part; /* parts of the last token used; 0 = all of it */
	sw_term_id f[MAXLEN];
} occ_ref;

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

static int cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	size_t m = al < bl ? al : bl;
	int c = memcmp(a, b, m);

	if (c)
		return c;
	return (al > bl) - (al < bl);
}

static int cmp_variant(const void *a, const void *b)
{
	const sw_phrase_variant *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return cmp_bytes(x->text, x->len, y->text, y->len);
}

/* A phrase's place in the ranking: what cmp_rank compares, inline, so
 * that sorting moves 40 bytes instead of a phrase and mostly reads no
 * key. */
typedef struct rank_ent {
	double score;
	uint64_t head; /* the key's first 8 bytes, big-endian, 0-padded */
	const char *key;
	uint32_t key_len, first, ph;
} rank_ent;

static int cmp_rank(const void *a, const void *b)
{
	const rank_ent *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	/* keys hold no NUL byte: heads that differ order as the keys do */
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	c = cmp_bytes(x->key, x->key_len, y->key, y->key_len);
	if (c)
		return c;
	return (x->first > y->first) - (x->first < y->first);
}

/* Put p->ph[0, n) in rank order: score descending, key bytes, first
 * occurrence; in place, cycle by cycle (the phrases are the largest
 * array of the result).  -1 on OOM (p unchanged). */
static int rank(sw_phrases *p, size_t n, size_t nthreads)
{
	rank_ent *r = sw__malloc((n + 1) * sizeof *r);
	size_t i, j, k;

	if (!r)
		return -1;
	for (i = 0; i < n; i++) {
		const sw_phrase *x = &p->ph[i];
		uint64_t head = 0;
		for (j = 0; j < 8; j++)
			head = head << 8 | (j < x->key_len ? (unsigned char)x->key[j] : 0);
		r[i] = (rank_ent){ x->score, head, x->key, (uint32_t)x->key_len, x->occ[0],
				   (uint32_t)i };
	}
	sw__par_sort(r, n, sizeof *r, cmp_rank, nthreads);
	/* place i gets phrase r[i].ph; a placed entry's ph becomes NONE */
	for (i = 0; i < n; i++) {
		sw_phrase t;
		if (r[i].ph == NONE)
			continue;
		t = p->ph[i];
		for (j = i; (k = r[j].ph) != i; j = k) {
			p->ph[j] = p->ph[k];
			r[j].ph = NONE;
		}
		p->ph[j] = t;
		r[j].ph = NONE;
	}
	sw__free(r);
	return 0;
}

static int cmp_by_key(const void *a, const void *b, void *payload)
{
	const sw_phrase *ph = payload;
	const sw_phrase *x = &ph[*(const size_t *)a], *y = &ph[*(const size_t *)b];
	return cmp_bytes(x->key, x->key_len, y->key, y->key_len);
}

/* A growable text pool addressed by offsets (pointers fixed at the end). */
typedef struct pool {
	char *s;
	size_t n, cap;
} pool;

static int pool_put(pool *p, const char *s, size_t len)
{
	if (sw__grow((void **)&p->s, &p->cap, p->n + len + 1, 1))
		return -1;
	memcpy(p->s + p->n, s, len);
	p->n += len;
	return 0;
}

/* ---- scores ---- */

/*
 * C-value (Frantzi, Ananiadou & Mima 2000).  For each kept phrase b,
 * every shorter contiguous sub-sequence a of b that is itself a kept
 * phrase has b in its set T_a (once, even if a occurs twice in b).
 * C(a) = log2|a| * f(a) if T_a is empty, else
 * log2|a| * (f(a) - sum_{b in T_a} f(b) / |T_a|).
 */
static int score_cvalue(ctx *x, sw_phrase *ph, const tmp_phrase *tp, size_t n)
{
	double *sum = sw__calloc(n + 1, sizeof *sum);
	uint32_t *cnt = sw__calloc(n + 1, sizeof *cnt);
	size_t b, i, j, k;

	if (!sum || !cnt) {
		sw__free(sum);
		sw__free(cnt);
		return -1;
	}
	for (b = 0; b < n; b++) {
		uint32_t seen[MAXLEN * MAXLEN];
		size_t nseen = 0;
		for (i = 0; i < tp[b].n; i++) {
			uint64_t code = tp[b].parts[i];
			for (j = i + 1; j < tp[b].n; j++) {
				uint32_t id = trie_find(&x->tr, code << 32 | tp[b].parts[j]);
				uint32_t a;
				if (id == NONE)
					break;
				code = (uint64_t)x->npart + id;
				a = x->phr_of[id];
				if (a == NONE || j - i + 1 >= tp[b].n)
					continue;
				for (k = 0; k < nseen && seen[k] != a; k++)
					;
				if (k < nseen)
					continue;
				seen[nseen++] = a;
				sum[a] += ph[b].count;
				cnt[a]++;
			}
		}
	}
	for (i = 0; i < n; i++) {
		double f = ph[i].count;
		if (cnt[i])
			f -= sum[i] / cnt[i];
		ph[i].cvalue = log2((double)ph[i].n) * f;
	}
	sw__free(sum);
	sw__free(cnt);
	return 0;
}

/*
 * Log-likelihood (Dunning 1993) of the split "first word | rest" of each
 * phrase a of n words.  The sample is the windows of n consecutive word
 * parts inside a sentence (no punctuation or other non-word token inside):
 *   N   windows of n parts
 *   R1  windows starting with the first word
 *   C1  windows whose last n-1 parts are the rest
 *   O11 f(a), the phrase's count (each occurrence is such a window; the
 *       window count itself would also count the same stems as stopwords
 *       or across a linking rule the phrase does not admit)
 * O12 = R1 - O11, O21 = C1 - O11, O22 = N - R1 - C1 + O11 (clamped at 0),
 * E_ij = row_i * col_j / N, G2 = 2 sum O ln(O/E), negated when
 * O11 < E11 (the words avoid each other), so higher = more of a term
 * (sw_stats_g2_assoc()).
 */
/* The windows of the chunk, document by document: the parts of its word
 * tokens as runs (a non-word token or a sentence start ends a run; every
 * document starts a sentence, so no run crosses documents), then per
 * position the window totals by length, the first-word marginals and the
 * counts of the phrases' rests (lt, read only) as the rest of a window. */
static void task_windows(void *payload, size_t k)
{
	chunk *ch = &((chunk *)payload)[k];
	const ctx *x = ch->x;
	const trie *lt = x->lt;
	size_t L = x->max_len, i, d, caprun = 0;
	uint32_t *run = NULL;

	ch->r1 = sw__calloc((size_t)x->npart * (L - 1) + 1, sizeof *ch->r1);
	ch->pre1 = sw__calloc((size_t)x->npart + 1, sizeof *ch->pre1);
	ch->ltc = sw__calloc(lt->n + 1, sizeof *ch->ltc);
	if (!ch->r1 || !ch->pre1 || !ch->ltc)
		goto oom;
	for (d = ch->doc0; d < ch->doc1; d++) {
		const sw_count_doc *doc = sw_counts_doc(x->c, d);
		size_t nrun = 0;
		for (i = doc->first; i < doc->first + doc->ntokens; i++) {
			unsigned np, j;
			if (x->types[i] != SW_TOKEN_WORD || (x->flags[i] & SW_CT_SENT)) {
				if (sw__grow((void **)&run, &caprun, nrun + 1, sizeof *run))
					goto oom;
				run[nrun++] = NONE;
				if (x->types[i] != SW_TOKEN_WORD)
					continue;
			}
			np = x->kn[x->keys[i]];
			if (sw__grow((void **)&run, &caprun, nrun + np + 1, sizeof *run))
				goto oom;
			for (j = 0; j < np; j++)
				run[nrun++] = x->pool[x->koff[x->keys[i]] + j];
		}
		if (sw__grow((void **)&run, &caprun, nrun + 1, sizeof *run))
			goto oom;
		run[nrun++] = NONE;
		for (i = 0; i < nrun; i++) {
			size_t left, m;
			uint64_t code;
			if (run[i] == NONE)
				continue;
			for (left = 0; i + left < nrun && run[i + left] != NONE && left < L; left++)
				;
			for (m = 2; m <= left; m++) {
				ch->nwin[m] += 1;
				ch->r1[(size_t)run[i] * (L - 1) + (m - 2)]++;
			}
			/* a document starts a sentence, so run[0] is NONE and i > 0 */
			if (run[i - 1] == NONE)
				continue;
			ch->pre1[run[i]]++;
			code = run[i];
			for (m = 1; m < left && m + 1 < L; m++) {
				uint32_t id = trie_find(lt, code << 32 | run[i + m]);
				if (id == NONE)
					break;
				ch->ltc[id]++;
				code = (uint64_t)x->npart + id;
			}
		}
	}
	sw__free(run);
	return;
oom:
	sw__free(run);
	ch->failed = 1;
}

static int score_ll(ctx *x, sw_phrase *ph, const tmp_phrase *tp, size_t n)
{
	uint32_t *r1, *pre1, *rest = NULL;
	size_t i, j, k, L = x->max_len;
	double nwin[MAXLEN + 1];
	trie lt;
	int rc = -1;

	memset(&lt, 0, sizeof lt);
	lt.limit = x->tr.limit;
	memset(nwin, 0, sizeof nwin);
	/* the rests of 2+ parts, as a trie of their own */
	rest = sw__malloc((n + 1) * sizeof *rest);
	if (!rest)
		goto done;
	for (i = 0; i < n; i++) {
		uint64_t code = tp[i].parts[1];
		uint32_t id;
		rest[i] = NONE;
		for (j = 2; j < tp[i].n; j++) {
			if (trie_get(&id, &lt, code << 32 | tp[i].parts[j]))
				goto done;
			code = (uint64_t)x->npart + id;
			rest[i] = id;
		}
	}
	/* the windows, chunk by chunk, summed into chunk 0's counts */
	x->lt = &lt;
	sw__par_run(x->nch, task_windows, x->ch);
	x->lt = NULL;
	if (chunks_failed(x))
		goto done;
	r1 = x->ch[0].r1;
	pre1 = x->ch[0].pre1;
	for (k = 0; k < x->nch; k++) {
		const chunk *ch = &x->ch[k];
		for (j = 2; j <= L; j++)
			nwin[j] += ch->nwin[j];
		for (i = 0; i < lt.n; i++)
			lt.nd[i].ccount += ch->ltc[i];
		if (k == 0)
			continue;
		for (i = 0; i < (size_t)x->npart * (L - 1); i++)
			r1[i] += ch->r1[i];
		for (i = 0; i < x->npart; i++)
			pre1[i] += ch->pre1[i];
	}
	for (i = 0; i < n; i++) {
		size_t m = tp[i].n;
		double N = nwin[m], o11 = ph[i].count;
		double R1 = r1[(size_t)tp[i].parts[0] * (L - 1) + (m - 2)];
		double C1 = m == 2 ? pre1[tp[i].parts[1]] : lt.nd[rest[i]].ccount;
		/* 0 if o11 > R1 or C1, which cannot happen: each occurrence is
		 * a window */
		ph[i].ll = sw_stats_g2_assoc(o11, R1, C1, N);
	}
	rc = 0;
done:
	trie_free(&lt);
	sw__free(rest);
	return rc;
}

/* ---- public ---- */

int sw_phrase_measure_parse(sw_phrase_measure *out, const char *name)
{
	if (!name)
		return SW_EINVAL;
	if (strcmp(name, "cvalue") == 0)
		*out = SW_PHRASE_CVALUE;
	else if (strcmp(name, "ll") == 0)
		*out = SW_PHRASE_LL;
	else
		return SW_EINVAL;
	return SW_OK;
}

const char *sw_phrase_measure_name(sw_phrase_measure m)
{
	return m == SW_PHRASE_LL ? "ll" : "cvalue";
}

static void ctx_free(ctx *x)
{
	chunks_free(x);
	sw__free(x->koff);
	sw__free(x->kn);
	sw__free(x->kp0);
	sw__free(x->pool);
	sw_vocab_free(x->extra);
	sw__free(x->lk);
	sw__free(x->phr_of);
	trie_free(&x->tr);
}

void sw_phrases_free(sw_phrases *p)
{
	if (!p)
		return;
	sw__free(p->ph);
	sw__free(p->vars);
	sw__free(p->occ);
	sw__free(p->occ_len);
	sw__free(p->text);
	sw__free(p->by_key);
	sw__free(p);
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
			if ((t && pool_put(tx, " ", 1)) || pool_put(tx, fs ? fs : "", fs ? fl : 0))
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

/* Keys, variants and display forms of phrases [a, b): each phrase's
 * variants go to its own range of vars (at its occ0: a phrase has at
 * most as many variants as occurrences), texts to the task's pool. */
typedef struct vtask {
	const ctx *x;
	sw_phrases *p;
	tmp_phrase *tp;
	size_t *voff;
	uint32_t *vfirst;
	const uint8_t *opart;
	size_t a, b;
	pool tx;
	occ_ref *scratch;
	int failed;
} vtask;

static void task_variants(void *payload, size_t t)
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
			if ((k && pool_put(&v->tx, " ", 1)) ||
			    pool_put(&v->tx, ps ? ps : "", ps ? pl : 0)) {
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

static int phrases_new_impl(sw_phrases **out, const sw_counts *c, const sw_phrase_options *opts,
			    sw_error *err)
{
	sw_phrase_options o = SW_PHRASE_OPTIONS_INIT;
	ctx x;
	sw_phrases *p = NULL;
	tmp_phrase *tp = NULL;
	size_t *fill = NULL, *voff = NULL, nph = 0, nocc = 0, i, k, nvar = 0;
	uint32_t *vfirst = NULL;
	uint8_t *opart = NULL;
	pool tx = { NULL, 0, 0 };
	int rc = SW_ENOMEM;

	if (opts)
		o = *opts;
	if (!o.min_count)
		o.min_count = 2;
	if (!o.max_len)
		o.max_len = 4;
	if (!c || o.max_len < 2 || o.max_len > MAXLEN ||
	    (o.measure != SW_PHRASE_CVALUE && o.measure != SW_PHRASE_LL) ||
	    o.min_count > UINT32_MAX)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "phrases: max_len must be 2..%d and measure cvalue or ll", MAXLEN);
	if (sw_counts_aggregated_by(c) && sw_counts_ndocs(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "phrases: the counts keep no token arrays (aggregated by %s)",
				     sw_counts_aggregated_by(c));
	memset(&x, 0, sizeof x);
	x.c = c;
	x.keys = sw_counts_keys(c);
	x.forms = sw_counts_forms(c);
	x.types = sw_counts_types(c);
	x.flags = sw_counts_flags(c);
	x.T = sw_counts_ntokens(c);
	x.ndocs = sw_counts_ndocs(c);
	x.max_len = o.max_len;
	x.min_count = o.min_count;
	x.nkeys = sw_vocab_size(sw_lexicon_stems(sw_counts_lexicon(c)));
	x.nforms = sw_vocab_size(sw_lexicon_surfaces(sw_counts_lexicon(c)));
	if (x.T >= UINT32_MAX) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1, "phrases: more than 2^32 tokens");
		goto fail_ctx;
	}
	p = sw__calloc(1, sizeof *p);
	if (!p || build_linkers(&x) || build_parts(&x) || make_chunks(&x, o.nthreads) ||
	    count_candidates(&x))
		goto fail;
	/* the kept phrases, in node order */
	x.phr_of = sw__malloc((x.tr.n + 1) * sizeof *x.phr_of);
	if (!x.phr_of)
		goto fail;
	for (i = 0; i < x.tr.n; i++) {
		x.phr_of[i] = NONE;
		if (x.tr.nd[i].ccount >= x.min_count) {
			x.phr_of[i] = (uint32_t)nph++;
			nocc += x.tr.nd[i].ccount;
		}
	}
	tp = sw__calloc(nph + 1, sizeof *tp);
	p->ph = sw__calloc(nph + 1, sizeof *p->ph);
	p->occ = sw__malloc((nocc + 1) * sizeof *p->occ);
	p->occ_len = sw__malloc(nocc + 1);
	opart = sw__malloc(nocc + 1);
	fill = sw__calloc(nph + 1, sizeof *fill);
	if (!tp || !p->ph || !p->occ || !p->occ_len || !opart || !fill)
		goto fail;
	for (i = 0, k = 0, nocc = 0; i < x.tr.n; i++) {
		const node *nd = &x.tr.nd[i];
		if (x.phr_of[i] == NONE)
			continue;
		tp[k].node = (uint32_t)i;
		tp[k].n = node_parts(&x, (uint32_t)i, tp[k].parts);
		tp[k].occ0 = nocc;
		p->ph[k].n = tp[k].n;
		p->ph[k].count = nd->ccount;
		p->ph[k].docs = nd->cdocs;
		nocc += nd->ccount;
		k++;
	}
	if (collect_occ(&x, tp, fill, p->occ, p->occ_len, opart))
		goto fail;
	/* keys, variants, display forms: phrase ranges on the chunks' threads,
	 * each into its own pool, then moved together in phrase order */
	p->vars = sw__malloc((nocc + 1) * sizeof *p->vars);
	voff = sw__malloc((nocc + 1) * sizeof *voff);
	vfirst = sw__malloc((nocc + 1) * sizeof *vfirst);
	if (!p->vars || !voff || !vfirst)
		goto fail;
	{
		vtask vt[SW_PAR_MAX];
		size_t nt = x.nch, t, a = 0, done = 0, base;
		memset(vt, 0, sizeof vt);
		for (t = 0; t < nt; t++) { /* about equal numbers of occurrences */
			size_t want = nocc / nt * (t + 1);
			vt[t].x = &x;
			vt[t].p = p;
			vt[t].tp = tp;
			vt[t].voff = voff;
			vt[t].vfirst = vfirst;
			vt[t].opart = opart;
			vt[t].a = a;
			while (a < nph && (t + 1 == nt || tp[a].occ0 < want))
				a++;
			vt[t].b = a;
		}
		sw__par_run(nt, task_variants, vt);
		for (t = 0; t < nt; t++)
			if (vt[t].failed)
				done = 1;
		if (!done) {
			for (t = 0; t < nt; t++) {
				base = tx.n;
				if (vt[t].tx.n && pool_put(&tx, vt[t].tx.s, vt[t].tx.n)) {
					done = 1;
					break;
				}
				for (i = vt[t].a; i < vt[t].b; i++) {
					size_t nv = p->ph[i].nvariants, j, from = tp[i].occ0;
					tp[i].key_off += base;
					for (j = 0; j < nv; j++) { /* nvar <= from: moves down */
						p->vars[nvar + j] = p->vars[from + j];
						voff[nvar + j] = voff[from + j] + base;
						vfirst[nvar + j] = vfirst[from + j];
					}
					tp[i].var0 = nvar;
					nvar += nv;
				}
			}
		}
		for (t = 0; t < nt; t++) {
			sw__free(vt[t].tx.s);
			sw__free(vt[t].scratch);
		}
		if (done)
			goto fail;
	}
	/* pointers, now that the pools no longer move */
	for (i = 0; i < nvar; i++)
		p->vars[i].text = tx.s + voff[i];
	for (i = 0; i < nph; i++) {
		sw_phrase *ph = &p->ph[i];
		const sw_phrase_variant *d = &p->vars[tp[i].var0 + tp[i].best];
		ph->key = tx.s + tp[i].key_off;
		ph->display = d->text;
		ph->display_len = d->len;
		ph->variants = p->vars + tp[i].var0;
		ph->occ = p->occ + tp[i].occ0;
		ph->occ_len = p->occ_len + tp[i].occ0;
		qsort(p->vars + tp[i].var0, ph->nvariants, sizeof *p->vars, cmp_variant);
	}
	if (!o.unscored &&
	    (score_cvalue(&x, p->ph, tp, nph) || score_ll(&x, p->ph, tp, nph)))
		goto fail;
	for (i = 0; i < nph; i++)
		p->ph[i].score = o.measure == SW_PHRASE_LL ? p->ph[i].ll : p->ph[i].cvalue;
	if (rank(p, nph, x.nch))
		goto fail;
	p->by_key = sw__malloc((nph + 1) * sizeof *p->by_key);
	if (!p->by_key)
		goto fail;
	for (i = 0; i < nph; i++)
		p->by_key[i] = i;
	if (!o.unscored) /* else all scores are 0: rank order is key order */
		qsort_r(p->by_key, nph, sizeof *p->by_key, cmp_by_key, p->ph);
	p->c = c;
	p->n = nph;
	p->text = tx.s;
	tx.s = NULL;
	sw__free(tp);
	sw__free(fill);
	sw__free(voff);
	sw__free(vfirst);
	sw__free(opart);
	ctx_free(&x);
	*out = p;
	return SW_OK;
fail:
	rc = sw__error_oom(err);
	sw__free(tx.s);
	sw__free(tp);
	sw__free(fill);
	sw__free(voff);
	sw__free(vfirst);
	sw__free(opart);
	sw_phrases_free(p);
fail_ctx:
	ctx_free(&x);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_phrases_new(sw_phrases **out, const sw_counts *c, const sw_phrase_options *opts,
		   sw_error *err)
{
	SW__NEED(err, "sw_phrases_new", out);
	SW__NEED(err, "sw_phrases_new", c);
	return phrases_new_impl(out, c, opts, err);
}

size_t sw__phrases_ranges(const sw_phrases *p, size_t nthreads, size_t *p0)
{
	size_t np = sw_phrases_count(p), nocc = 0, nt = nthreads, t, i, j;

	for (i = 0; i < np; i++)
		nocc += p->ph[i].count;
	if (nt > SW_PAR_MAX)
		nt = SW_PAR_MAX;
	if (nt < 1 || nocc / nt < sw__counts_chunk_min()) /* threads do not pay */
		nt = 1;
	for (t = 0, i = 0, j = 0; t < nt; t++) { /* j: occurrences before phrase i */
		p0[t] = i;
		while (i < np && (t + 1 == nt || j < nocc / nt * (t + 1)))
			j += p->ph[i++].count;
	}
	p0[nt] = np;
	return nt;
}

size_t sw_phrases_count(const sw_phrases *p)
{
	return p ? p->n : 0;
}

const sw_phrase *sw_phrases_get(const sw_phrases *p, size_t i)
{
	return p && i < p->n ? &p->ph[i] : NULL;
}

const sw_phrase *sw_phrases_find(const sw_phrases *p, const char *key, size_t len)
{
	size_t lo = 0, hi;

	if (!p || !key)
		return NULL;
	hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const sw_phrase *ph = &p->ph[p->by_key[mid]];
		int c = cmp_bytes(ph->key, ph->key_len, key, len);
		if (c == 0)
			return ph;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
