/*
 * counts.c - stage 5: token ids per document, corpus totals, display
 * forms, aggregation while loading (see stichwort/counts.h; units of a
 * grouping are in units.c).
 *
 * Per token we keep 10 bytes (key id, form id, type, flags).  Totals are
 * flat arrays indexed by key id.  They, and the count of each (key, form)
 * pair that the display form of a key is chosen from, are gathered as
 * each document is added, while its tokens are in the cache (a separate
 * pass over 10 million tokens at the end cost 5 % of loading, on one
 * core); sw_counts_finish() only reads them off.
 */
#include <stdlib.h>
#include <string.h>

#include "counts_int.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/lexicon.h"
#include "internal/errors.h"
#include "internal/par.h"
#include "internal/test_hook.h"
#include "internal/utf8.h"

#define DOCBLK 10

static int counts_new_impl(sw_counts **out, sw_lexicon *lx, sw_error *err)
{
	sw_counts *c = sw__calloc(1, sizeof *c);

	if (!c)
		return sw__error_oom(err);
	c->lx = lx;
	*out = c;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_counts_new(sw_counts **out, sw_lexicon *lx, sw_error *err)
{
	SW__NEED(err, "sw_counts_new", out);
	SW__NEED(err, "sw_counts_new", lx);
	return counts_new_impl(out, lx, err);
}

static void free_doc(sw_count_doc *d)
{
	size_t i;

	sw__free((char *)d->id);
	sw__free((char *)d->date);
	sw__free((char *)d->group);
	sw__free((char *)d->title);
	for (i = 0; i < d->n_extra; i++) {
		sw__free((char *)d->extra[i].key);
		sw__free((char *)d->extra[i].value);
	}
	sw__free((void *)d->extra);
}

void sw_counts_free(sw_counts *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->ndocs; i++)
		free_doc(&c->docs[i]);
	sw__free(c->docs);
	sw__free(c->keys);
	sw__free(c->forms);
	sw__free(c->types);
	sw__free(c->flags);
	sw__free(c->form_flags);
	sw__free(c->acc.ka);
	sw__free(c->acc.fa);
	sw__free(c->acc.ovf);
	sw__free(c->count);
	sw__free(c->df);
	sw__free(c->ccount);
	sw__free(c->cdf);
	sw__free(c->cfirst);
	sw__free(c->kind);
	sw__free(c->display);
	sw__free(c->head);
	sw__free(c->docblk);
	sw__free(c->dfirst);
	for (i = 0; i < c->nau; i++) {
		sw__free(c->au[i].label);
		sw__free(c->au[i].slot);
	}
	sw__free(c->au);
	sw__free(c->auh);
	sw__free(c->agg_by);
	sw__free(c->dpair);
	sw__free(c->dpoff);
	sw__free(c->dpbytes);
	sw__free(c);
}

static int dup_opt(const char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = sw__strdup(src);
	return *dst ? 0 : -1;
}

/* Copy a document's metadata.  In aggregate mode (agg_by set) only what
 * units and messages need: id, date, group, and the title or the one
 * extra field named by agg_by (per-document metadata is what memory grows
 * with there). */
static int copy_meta(sw_count_doc *d, const sw_doc *doc, const char *agg_by)
{
	size_t i, n;
	sw_meta_field *ex;

	memset(d, 0, sizeof *d);
	if (dup_opt(&d->id, doc->id) || dup_opt(&d->date, doc->date) ||
	    dup_opt(&d->group, doc->group) ||
	    ((!agg_by || strcmp(agg_by, "title") == 0) && dup_opt(&d->title, doc->title)))
		return -1;
	for (i = n = 0; i < doc->n_extra; i++)
		n += !agg_by || strcmp(doc->extra[i].key, agg_by) == 0;
	if (!n)
		return 0;
	ex = sw__calloc(n, sizeof *ex);
	if (!ex)
		return -1;
	d->extra = ex;
	for (i = 0; i < doc->n_extra; i++) {
		if (agg_by && strcmp(doc->extra[i].key, agg_by) != 0)
			continue;
		d->n_extra++; /* before the copies: free_doc() frees a half-made pair */
		if (dup_opt(&ex[d->n_extra - 1].key, doc->extra[i].key) ||
		    dup_opt(&ex[d->n_extra - 1].value, doc->extra[i].value))
			return -1;
	}
	return 0;
}

/* Case flags of a form: capitalised, acronym ("KI", "OZG"). */
uint8_t sw__counts_case_flags(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	int n, first = 1, letters = 0, upper = 0;
	uint8_t f = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int letter, up;
		if (c < 0x80) { /* ASCII, most letters, without the calls */
			if (c == '-')
				break; /* "KI-Strategie": the first part decides */
			n = 1;
			letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			up = c <= 'Z';
		} else {
			if ((n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp)) < 0) {
				n = 1;
				cp = 0xFFFD;
			}
			letter = sw__is_letter(cp);
			up = letter && sw__is_upper(cp);
		}
		if (letter) {
			letters++;
			if (up) {
				upper++;
				if (first)
					f |= SW_CT_UPPER;
			}
			first = 0;
		}
		i += (size_t)n;
	}
	if (letters >= 2 && upper == letters)
		f |= SW_CT_ACRONYM;
	return f;
}

/* Count one (key, form) pair in the overflow table (forms that occur
 * under more than one key: the same bytes as a number and as a word). */
static int add_pair(pair_slot **slotsp, size_t *capp, size_t *npairs, sw_term_id k,
		    sw_term_id f, size_t first, uint32_t count, uint32_t content)
{
	pair_slot *slots = *slotsp;
	size_t cap = *capp, h;
	uint64_t kf = ((uint64_t)k << 32 | f) + 1;

	if (!slots || *npairs * 2 >= cap) {
		size_t ncap = slots ? cap * 2 : 1024, j;
		pair_slot *ns = sw__calloc_written(ncap, sizeof *ns);
		if (!ns)
			return -1;
		for (j = 0; slots && j < cap; j++) {
			size_t hh;
			if (!slots[j].kf)
				continue;
			hh = (size_t)sw__mix64(slots[j].kf) & (ncap - 1);
			while (ns[hh].kf)
				hh = (hh + 1) & (ncap - 1);
			ns[hh] = slots[j];
		}
		sw__free(slots);
		*slotsp = slots = ns;
		*capp = cap = ncap;
	}
	h = (size_t)sw__mix64(kf) & (cap - 1);
	while (slots[h].kf && slots[h].kf != kf)
		h = (h + 1) & (cap - 1);
	if (!slots[h].kf) {
		slots[h].kf = kf;
		slots[h].first = first > UINT32_MAX ? UINT32_MAX : (uint32_t)first;
		(*npairs)++;
	}
	slots[h].count += count;
	if (content)
		slots[h].content = 1;
	return 0;
}

/* Grow *arr to at least need elements of size elem, zeroing new ones. */
static int grow_zero(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t old = *cap;

	if (sw__grow(arr, cap, need, elem))
		return -1;
	if (*cap > old)
		memset((char *)*arr + old * elem, 0, (*cap - old) * elem);
	return 0;
}

int sw__counts_begin_doc(sw_counts *c, const sw_doc *doc, size_t n, sw__counts_slots *out,
			 sw_error *err)
{
	sw_count_doc *d;

	if (c->finished)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "counts already finished");
	if (sw__grow((void **)&c->docs, &c->capdocs, c->ndocs + 1, sizeof *c->docs) ||
	    (!c->defer && /* deferred: grown once at finish */
	     (grow_zero((void **)&c->acc.ka, &c->capka,
			sw_vocab_size(sw_lexicon_stems(c->lx)) + 1, sizeof *c->acc.ka) ||
	      grow_zero((void **)&c->acc.fa, &c->capfa,
			sw_vocab_size(sw_lexicon_surfaces(c->lx)) + 1, sizeof *c->acc.fa))))
		return sw__error_oom(err);
	/* aggregate mode: room for the document's (key, count) pairs */
	if (c->agg_dp && (sw__grow((void **)&c->dpair, &c->capdpair, n + 1,
				   sizeof *c->dpair) ||
			  sw__grow((void **)&c->dpoff, &c->capdpoff, c->ndocs + 2,
				   sizeof *c->dpoff)))
		return sw__error_oom(err);
	if (c->ntok + n > c->captok) {
		size_t cap = c->captok, cap2;
		if (sw__grow((void **)&c->keys, &cap, c->ntok + n, sizeof *c->keys))
			return sw__error_oom(err);
		cap2 = c->captok;
		if (sw__grow((void **)&c->forms, &cap2, c->ntok + n, sizeof *c->forms))
			return sw__error_oom(err);
		cap2 = c->captok;
		if (sw__grow((void **)&c->types, &cap2, c->ntok + n, 1))
			return sw__error_oom(err);
		cap2 = c->captok;
		if (sw__grow((void **)&c->flags, &cap2, c->ntok + n, 1))
			return sw__error_oom(err);
		c->captok = cap;
	}
	d = &c->docs[c->ndocs];
	if (copy_meta(d, doc, c->agg_by)) {
		free_doc(d);
		return sw__error_oom(err);
	}
	d->first = c->ntok;
	d->ntokens = n;
	if (!c->keys) { /* no token yet: NULL + 0 is undefined */
		out->keys = out->forms = NULL;
		out->types = out->flags = NULL;
		return SW_OK;
	}
	out->keys = c->keys + c->ntok;
	out->forms = c->forms + c->ntok;
	out->types = c->types + c->ntok;
	out->flags = c->flags + c->ntok;
	return SW_OK;
}

/* Double table u; -1 when out of memory. */
static __attribute__((noinline)) int agg_grow(agg_unit *u)
{
	/* from 16 slots: with thousands of units of a document or two
	 * each (--by title), a larger start is what memory grows with */
	size_t cap = u->cap ? u->cap * 2 : 16, j, h;
	agg_slot *s = sw__calloc_written(cap, sizeof *s);

	if (!s)
		return -1;
	for (j = 0; j < u->cap; j++) {
		if (!u->slot[j].key1)
			continue;
		h = (size_t)sw__mix64(u->slot[j].key1) & (cap - 1);
		while (s[h].key1)
			h = (h + 1) & (cap - 1);
		s[h] = u->slot[j];
	}
	sw__free(u->slot);
	u->slot = s;
	u->cap = cap;
	return 0;
}

/* The slot of key in table u, inserted when new; NULL when out of memory.
 * Inlined in each of agg_doc()'s loops (the growth kept out of line). */
static inline __attribute__((always_inline)) agg_slot *agg_find(agg_unit *u, sw_term_id key)
{
	size_t mask, h, i;

	/* keep the load under 3/4 */
	if ((u->n + 1) * 4 > u->cap * 3 && agg_grow(u))
		return NULL;
	mask = u->cap - 1;
	h = (size_t)sw__mix64((uint64_t)key + 1) & mask;
	for (i = h; u->slot[i].key1; i = (i + 1) & mask)
		if (u->slot[i].key1 == key + 1)
			return &u->slot[i];
	u->slot[i].key1 = key + 1;
	u->n++;
	return &u->slot[i];
}

/* The slot of key in table u, or NULL. */
const agg_slot *sw__counts_agg_get(const agg_unit *u, sw_term_id key)
{
	size_t mask, i;

	if (!u->cap)
		return NULL;
	mask = u->cap - 1;
	for (i = (size_t)sw__mix64((uint64_t)key + 1) & mask; u->slot[i].key1; i = (i + 1) & mask)
		if (u->slot[i].key1 == key + 1)
			return &u->slot[i];
	return NULL;
}

/* The index of aggregate unit label v (NULL: no value) in c->au, or
 * SIZE_MAX; with slot, the hash slot where it is or would go. */
size_t sw__counts_agg_lookup(const sw_counts *c, const char *v, size_t *slot)
{
	size_t mask, h;

	if (!v)
		return c->aunull ? c->aunull - 1 : SIZE_MAX;
	if (!c->capauh)
		return SIZE_MAX;
	mask = c->capauh - 1;
	for (h = (size_t)sw__hash(v, strlen(v), 0) & mask; c->auh[h]; h = (h + 1) & mask)
		if (strcmp(c->au[c->auh[h] - 1].label, v) == 0)
			break;
	if (slot)
		*slot = h;
	return c->auh[h] ? c->auh[h] - 1 : SIZE_MAX;
}

/* Index unit c->nau - 1 (just added, with a label) in the hash; -1 on OOM. */
static int agg_index(sw_counts *c)
{
	size_t i, h, mask;

	if (c->nau * 2 > c->capauh) { /* keep the load under 1/2 */
		size_t cap = c->capauh ? c->capauh * 2 : 64;
		size_t *t = sw__calloc(cap, sizeof *t);
		if (!t)
			return -1;
		sw__free(c->auh);
		c->auh = t;
		c->capauh = cap;
		mask = cap - 1;
		for (i = 0; i < c->nau; i++) {
			if (!c->au[i].label)
				continue;
			h = (size_t)sw__hash(c->au[i].label, strlen(c->au[i].label), 0) & mask;
			while (c->auh[h])
				h = (h + 1) & mask;
			c->auh[h] = i + 1;
		}
		return 0;
	}
	sw__counts_agg_lookup(c, c->au[c->nau - 1].label, &h);
	c->auh[h] = c->nau;
	return 0;
}

/* The aggregate unit of document d (its label under c->agg_by). */
static agg_unit *agg_unit_of(sw_counts *c, const sw_count_doc *d)
{
	char buf[16];
	const char *v = strcmp(c->agg_by, "corpus") == 0
		? "corpus" : sw__units_doc_field(d, c->agg_by, buf);
	size_t i;
	agg_unit *u;

	/* neighbours often share a unit: the last one first, then the hash
	 * (thousands of units: --by title, one group per speech) */
	if (c->nau) {
		u = &c->au[c->lastau];
		if ((!v && !u->label) || (v && u->label && strcmp(v, u->label) == 0))
			return u;
	}
	if ((i = sw__counts_agg_lookup(c, v, NULL)) != SIZE_MAX) {
		c->lastau = i;
		return &c->au[i];
	}
	if (sw__grow((void **)&c->au, &c->capau, c->nau + 1, sizeof *c->au))
		return NULL;
	u = &c->au[c->nau];
	memset(u, 0, sizeof *u);
	if (v && !(u->label = sw__strdup(v)))
		return NULL;
	c->nau++;
	if (!v) {
		c->aunull = c->nau;
	} else if (agg_index(c)) {
		sw__free(u->label);
		c->nau--;
		return NULL;
	}
	c->lastau = c->nau - 1;
	return u;
}

/* LEB128: 7 bits a byte, low first, the high bit set on all but the last. */
static size_t put_varint(uint8_t *b, size_t at, uint64_t v)
{
	while (v >= 0x80) {
		b[at++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	b[at++] = (uint8_t)v;
	return at;
}

/* The token loop of agg_doc(); dp is 0, 1 (pairs of content tokens) or
 * 2 (of all), a constant where it is inlined (always: gcc kept it out of
 * line, one copy testing dp on every token).  A kind's pairs take the
 * place of its last_* in the slot: the key's pair in this document is
 * pair[p] if p < np and pair[p] is the key's (the pairs' keys differ).
 * Returns the pairs, or SIZE_MAX when out of memory. */
static inline __attribute__((always_inline)) size_t
agg_tokens(sw_counts *c, agg_unit *u, const sw_count_doc *d, uint32_t doc1, const int dp)
{
	const sw_term_id *restrict keys = c->keys;
	const uint8_t *restrict types = c->types, *restrict flags = c->flags;
	dp_pair *restrict pair = c->dpair; /* room for one a token: sw__counts_begin_doc() */
	size_t i, np = 0;

	for (i = d->first; i < d->first + d->ntokens; i++) {
		sw_term_id k = keys[i];
		agg_slot *s;
		uint32_t p;
		if (types[i] == SW_TOKEN_PUNCT)
			continue;
		if (!(s = agg_find(u, k)))
			return SIZE_MAX;
		s->count_all++;
		if (dp == 2) {
			p = s->last_all;
			if (p < np && pair[p].key == k) {
				pair[p].f++;
			} else {
				s->last_all = (uint32_t)np;
				s->docs_all++;
				pair[np++] = (dp_pair){ k, 1 };
			}
		} else if (s->last_all != doc1) {
			s->last_all = doc1;
			s->docs_all++;
		}
		if (types[i] != SW_TOKEN_WORD || (flags[i] & SW_CT_STOP))
			continue;
		s->count_content++;
		if (dp == 1) {
			p = s->last_content;
			if (p < np && pair[p].key == k) {
				pair[p].f++;
			} else {
				s->last_content = (uint32_t)np;
				s->docs_content++;
				pair[np++] = (dp_pair){ k, 1 };
			}
		} else if (s->last_content != doc1) {
			s->last_content = doc1;
			s->docs_content++;
		}
	}
	return np;
}

/* Aggregate mode: add the document's tokens to its unit's table; with
 * sw_counts_aggregate_dp(), also its (key, count) pairs, in the order of
 * the keys' first tokens. */
static void agg_doc(sw_counts *c, const sw_count_doc *d, uint32_t doc1)
{
	agg_unit *u = agg_unit_of(c, d);
	size_t j, np, at;
	uint8_t *b;

	if (c->agg_dp) {
		c->dpoff[doc1 - 1] = c->ndpbytes;
		c->dpoff[doc1] = c->ndpbytes;
	}
	if (!u) {
		c->acc_failed = 1;
		return;
	}
	np = c->agg_dp == 1 ? agg_tokens(c, u, d, doc1, 1)
	   : c->agg_dp == 2 ? agg_tokens(c, u, d, doc1, 2)
			    : agg_tokens(c, u, d, doc1, 0);
	if (np == SIZE_MAX) {
		c->acc_failed = 1;
		return;
	}
	if (!c->agg_dp)
		return;
	/* at most 5 + 5 bytes a pair (ids and counts below 2^32) */
	if (sw__grow((void **)&c->dpbytes, &c->capdpbytes, c->ndpbytes + 10 * np + 1, 1)) {
		c->acc_failed = 1;
		return;
	}
	b = c->dpbytes;
	at = c->ndpbytes;
	for (j = 0; j < np; j++) {
		uint32_t f = c->dpair[j].f;
		at = put_varint(b, at, (uint64_t)c->dpair[j].key * 2 + (f > 1));
		if (f > 1)
			at = put_varint(b, at, f - 2);
	}
	c->ndpbytes = at;
	c->dpoff[doc1] = at;
}

/* Tokens ahead whose table lines acc_tokens() asks for. */
#define ACC_AHEAD 16

/* Add tokens [from, to) of document doc1 - 1 to the accumulators; base
 * is the corpus index of token 0 of the arrays.  -1 if an overflow pair
 * could not be stored. */
static int acc_tokens(acc *a, const sw_counts *c, size_t from, size_t to, uint32_t doc1,
		      size_t base)
{
	/* the arrays in restrict locals: the counters' stores would
	 * otherwise make the compiler load them again for every token */
	const sw_term_id *restrict keys = c->keys, *restrict forms = c->forms;
	const uint8_t *restrict types = c->types, *restrict flags = c->flags;
	key_acc *restrict ka = a->ka;
	form_acc *restrict fa = a->fa;
	const size_t nka = a->nka, nfa = a->nfa;
	size_t i;
	int rc = 0;

	for (i = from; i < to; i++) {
		sw_term_id k = keys[i], f = forms[i];
		int punct = types[i] == SW_TOKEN_PUNCT;
		int content = types[i] == SW_TOKEN_WORD && !(flags[i] & SW_CT_STOP);
		key_acc *kp;
		/* the tables are indexed at random: ask for the lines of the
		 * token ACC_AHEAD on now (a hint, so no bounds are needed
		 * beyond the token arrays') */
		if (i + ACC_AHEAD < to) {
			__builtin_prefetch(&ka[keys[i + ACC_AHEAD]]);
			__builtin_prefetch(&fa[forms[i + ACC_AHEAD]]);
		}
		if (k >= nka)
			continue;
		kp = &ka[k];
		kp->count++;
		if (kp->last != doc1) {
			kp->last = doc1;
			kp->df++;
		}
		if (!punct)
			kp->kind |= 1;
		if (content) {
			kp->kind |= 2;
			if (!kp->ccount++)
				kp->cfirst = base + i;
			if (kp->clast != doc1) {
				kp->clast = doc1;
				kp->cdf++;
			}
		}
		if (f < nfa && (fa[f].key1 == 0 || fa[f].key1 == k + 1)) {
			form_acc *fp = &fa[f];
			if (!fp->key1) {
				fp->key1 = k + 1;
				fp->first = base + i > UINT32_MAX ? UINT32_MAX : (uint32_t)(base + i);
			}
			fp->count++;
			fp->content |= (uint32_t)content;
		} else if (add_pair(&a->ovf, &a->capovf, &a->novf, k, f, base + i, 1,
				    (uint32_t)content)) {
			rc = -1;
		}
	}
	return rc;
}

void sw__counts_end_doc(sw_counts *c, size_t counted, uint32_t nsentences)
{
	sw_count_doc *d = &c->docs[c->ndocs];
	uint32_t doc1 = (uint32_t)(c->ndocs + 1);

	/* deferred: sw__counts_finish_par() adds the documents up, in parallel */
	if (!c->defer) {
		c->acc.nka = c->capka;
		c->acc.nfa = c->capfa;
		if (acc_tokens(&c->acc, c, d->first, d->first + d->ntokens, doc1,
			       c->agg_by ? c->seen : 0))
			c->acc_failed = 1;
	}
	d->counted = counted;
	d->nsentences = nsentences;
	if (c->agg_by) {
		/* the token arrays hold this document alone; the next reuses them */
		agg_doc(c, d, doc1);
		c->seen += d->ntokens;
	} else {
		c->ntok += d->ntokens;
	}
	c->counted += counted;
	c->ndocs++;
}

/* A document's token slots from its analysed tokens; ff holds each form's
 * case flags, worked out on the form's first token (0x80: known).
 * Returns the tokens counted (all but punctuation) and sets *nsent.  The
 * byte stores may alias anything, so the arrays are restrict locals:
 * otherwise every pointer is loaded again after each store. */
static size_t add_slots(const sw__counts_slots *sl, const sw_atoken *restrict toks, size_t n,
			const sw_vocab *surf, uint8_t *restrict ff, size_t capff, uint32_t *nsent)
{
	sw_term_id *restrict keys = sl->keys, *restrict forms = sl->forms;
	uint8_t *restrict types = sl->types, *restrict flags = sl->flags;
	uint32_t sent = UINT32_MAX, ns = 0;
	size_t i, counted = 0;

	for (i = 0; i < n; i++) {
		const sw_atoken *t = &toks[i];
		sw_term_id f = t->term.form;
		uint8_t fl;

		if (f >= capff)
			f = 0;
		if (!(ff[f] & 0x80)) {
			size_t fl_len;
			const char *fs = sw_vocab_bytes(surf, t->term.form, &fl_len);
			ff[f] = (uint8_t)(0x80 | (fs ? sw__counts_case_flags(fs, fl_len) : 0));
		}
		keys[i] = t->term.stem;
		forms[i] = t->term.form;
		types[i] = (uint8_t)t->tok.type;
		fl = ff[f] & (SW_CT_UPPER | SW_CT_ACRONYM);
		if (t->term.stop)
			fl |= SW_CT_STOP;
		if (t->tok.sentence != sent) {
			fl |= SW_CT_SENT;
			sent = t->tok.sentence;
			ns++;
		}
		if (t->tok.flags & SW_TOKEN_F_HYPHENATED)
			fl |= SW_CT_HYPHEN;
		flags[i] = fl;
		if (t->tok.type != SW_TOKEN_PUNCT)
			counted++;
	}
	*nsent = ns;
	return counted;
}

int sw_counts_add(sw_counts *c, const sw_doc *doc, const sw_atoken *toks, size_t n,
		  sw_error *err)
{
	const sw_vocab *surf = sw_lexicon_surfaces(c->lx);
	sw__counts_slots sl;
	size_t counted;
	uint32_t nsent;
	int rc;

	if (c->finished)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "counts already finished");
	{
		size_t old = c->capff;
		if (sw__grow((void **)&c->form_flags, &c->capff, sw_vocab_size(surf) + 1, 1))
			return sw__error_oom(err);
		if (c->capff > old) /* new forms are unknown: 0, not whatever realloc left */
			memset(c->form_flags + old, 0, c->capff - old);
	}
	if ((rc = sw__counts_begin_doc(c, doc, n, &sl, err)))
		return rc;
	counted = add_slots(&sl, toks, n, surf, c->form_flags, c->capff, &nsent);
	sw__counts_end_doc(c, counted, nsent);
	return SW_OK;
}

/* ---- finish: totals and display forms ---- */

/* A (key, form) pair as a candidate display form of its key: most
 * frequent, ties to the earliest; a key with content tokens is shown in
 * a content form ("sicher", not the stopword "sich" that shares its
 * stem). */
static void consider(sw_counts *c, uint32_t *bestc, uint32_t *bestfirst, sw_term_id k,
		     sw_term_id form, uint32_t count, uint32_t first, int content)
{
	if ((c->kind[k] & 2) && !content)
		return;
	if (count > bestc[k] || (count == bestc[k] && first < bestfirst[k])) {
		bestc[k] = count;
		bestfirst[k] = first;
		c->display[k] = form;
	}
}

static int finish_totals(sw_counts *c, sw_error *err);

/* ---- totals at finish, on document-aligned chunks ---- */

/* Tokens per chunk at least (below, threads do not pay); the tests lower
 * it (sw_test_chunk_min_tokens) to split small corpora. */
static size_t chunk_min_tokens = 65536;

void sw_test_chunk_min_tokens(size_t n)
{
	chunk_min_tokens = n ? n : 65536;
}

size_t sw__counts_chunk_min(void)
{
	return chunk_min_tokens;
}

size_t sw__counts_chunks(const sw_counts *c, size_t want, size_t *doc0)
{
	size_t T = sw_counts_ntokens(c), k = 0, d;

	if (want > SW_PAR_MAX)
		want = SW_PAR_MAX;
	if (want > T / chunk_min_tokens) /* every chunk gets its share */
		want = T / chunk_min_tokens;
	if (want < 1 || c->agg_by)
		want = 1;
	doc0[0] = 0;
	for (d = 0; d < c->ndocs && k + 1 < want; d++) {
		size_t end = c->docs[d].first + c->docs[d].ntokens;
		if (end >= T / want * (k + 1) && end < T && end > c->docs[doc0[k]].first)
			doc0[++k] = d + 1;
	}
	doc0[k + 1] = c->ndocs;
	return k + 1;
}

void sw__counts_defer(sw_counts *c)
{
	if (!c->agg_by && !c->ndocs)
		c->defer = 1;
}

typedef struct acc_chunk {
	const sw_counts *c;
	size_t d0, d1; /* documents [d0, d1) */
	acc *a;        /* chunk 0: the counts' own; the others: own */
	acc own;
	int failed;
} acc_chunk;

static void acc_free(acc *a)
{
	sw__free(a->ka);
	sw__free(a->fa);
	sw__free(a->ovf);
}

/* Task: the accumulators of a chunk's documents. */
static void task_acc(void *payload, size_t k)
{
	acc_chunk *ch = &((acc_chunk *)payload)[k];
	const sw_counts *c = ch->c;
	size_t d;

	if (ch->a == &ch->own) {
		ch->own.ka = sw__calloc(ch->own.nka + 1, sizeof *ch->own.ka);
		ch->own.fa = sw__calloc(ch->own.nfa + 1, sizeof *ch->own.fa);
		if (!ch->own.ka || !ch->own.fa) {
			ch->failed = 1;
			return;
		}
	}
	for (d = ch->d0; d < ch->d1; d++) {
		const sw_count_doc *doc = &c->docs[d];
		if (acc_tokens(ch->a, c, doc->first, doc->first + doc->ntokens, (uint32_t)(d + 1),
			       0))
			ch->failed = 1;
	}
}

/* Add the accumulators of a chunk to g, which holds those of all earlier
 * documents: as if the chunk's tokens had been added to g one by one.
 * A form keeps the key it had first (in g, if g has the form); its
 * tokens under another key are an overflow pair, whose first token is
 * the earliest (an earlier chunk's, if it had the pair).  -1 on OOM. */
static int acc_merge(acc *g, const acc *a)
{
	size_t i;

	for (i = 0; i < a->nka; i++) {
		key_acc *x = &g->ka[i];
		const key_acc *y = &a->ka[i];
		x->count += y->count;
		x->df += y->df; /* the chunks' documents are disjoint */
		x->kind |= y->kind;
		if (!x->ccount) /* the first content token: the earliest chunk's */
			x->cfirst = y->cfirst;
		x->ccount += y->ccount;
		x->cdf += y->cdf;
	}
	for (i = 0; i < a->nfa; i++) {
		form_acc *x = &g->fa[i];
		const form_acc *y = &a->fa[i];
		if (!y->key1)
			continue;
		if (!x->key1) {
			*x = *y;
		} else if (x->key1 == y->key1) {
			x->count += y->count;
			x->content |= y->content;
		} else if (add_pair(&g->ovf, &g->capovf, &g->novf, y->key1 - 1, (sw_term_id)i,
				    y->first, y->count, y->content)) {
			return -1;
		}
	}
	for (i = 0; i < a->capovf; i++) {
		const pair_slot *y = &a->ovf[i];
		sw_term_id k, f;
		if (!y->kf)
			continue;
		k = (sw_term_id)((y->kf - 1) >> 32);
		f = (sw_term_id)((y->kf - 1) & 0xFFFFFFFFu);
		if (g->fa[f].key1 == k + 1) {
			g->fa[f].count += y->count;
			g->fa[f].content |= y->content;
		} else if (add_pair(&g->ovf, &g->capovf, &g->novf, k, f, y->first, y->count,
				    y->content)) {
			return -1;
		}
	}
	return 0;
}

/* The deferred totals: every chunk's on a thread, merged in order. */
static int acc_deferred(sw_counts *c, size_t nthreads, sw_error *err)
{
	size_t nkeys = sw_vocab_size(sw_lexicon_stems(c->lx));
	size_t nforms = sw_vocab_size(sw_lexicon_surfaces(c->lx));
	size_t doc0[SW_PAR_MAX + 1], nch, k;
	acc_chunk ch[SW_PAR_MAX];
	int failed = 0;

	if (grow_zero((void **)&c->acc.ka, &c->capka, nkeys + 1, sizeof *c->acc.ka) ||
	    grow_zero((void **)&c->acc.fa, &c->capfa, nforms + 1, sizeof *c->acc.fa))
		return sw__error_oom(err);
	c->acc.nka = nkeys;
	c->acc.nfa = nforms;
	nch = sw__counts_chunks(c, nthreads, doc0);
	memset(ch, 0, sizeof ch);
	for (k = 0; k < nch; k++) {
		ch[k].c = c;
		ch[k].d0 = doc0[k];
		ch[k].d1 = doc0[k + 1];
		ch[k].a = k ? &ch[k].own : &c->acc; /* chunk 0 adds up in place */
		ch[k].own.nka = nkeys;
		ch[k].own.nfa = nforms;
	}
	sw__par_run(nch, task_acc, ch);
	for (k = 0; k < nch; k++)
		if (ch[k].failed || (!failed && k && acc_merge(&c->acc, &ch[k].own)))
			failed = 1;
	for (k = 1; k < nch; k++)
		acc_free(&ch[k].own);
	return failed ? sw__error_oom(err) : SW_OK;
}

int sw_counts_finish(sw_counts *c, sw_error *err)
{
	return sw__counts_finish_par(c, 1, err);
}

int sw__counts_finish_par(sw_counts *c, size_t nthreads, sw_error *err)
{
	int rc;

	if (c->finished)
		return SW_OK;
	if (c->defer && !c->acc_failed) {
		if ((rc = acc_deferred(c, nthreads, err))) {
			c->acc_failed = 1; /* partly added up: a retry must not add again */
			return rc;
		}
		c->defer = 0;
	}
	return finish_totals(c, err);
}

/* Totals, display forms and the document index from the accumulators. */
static int finish_totals(sw_counts *c, sw_error *err)
{
	size_t nkeys = sw_vocab_size(sw_lexicon_stems(c->lx));
	size_t nforms = sw_vocab_size(sw_lexicon_surfaces(c->lx));
	size_t i;
	uint32_t *bestc, *bestfirst;
	int rc = SW_ENOMEM;

	if (c->finished)
		return SW_OK;
	if (c->acc_failed)
		return sw__error_oom(err);
	if (grow_zero((void **)&c->acc.ka, &c->capka, nkeys + 1, sizeof *c->acc.ka) ||
	    grow_zero((void **)&c->acc.fa, &c->capfa, nforms + 1, sizeof *c->acc.fa))
		return sw__error_oom(err);
	c->nkeys = nkeys;
	c->count = sw__calloc(nkeys + 1, sizeof *c->count);
	c->df = sw__calloc(nkeys + 1, sizeof *c->df);
	c->ccount = sw__calloc(nkeys + 1, sizeof *c->ccount);
	c->cdf = sw__calloc(nkeys + 1, sizeof *c->cdf);
	c->cfirst = sw__calloc(nkeys + 1, sizeof *c->cfirst);
	c->kind = sw__calloc(nkeys + 1, 1);
	c->display = sw__calloc(nkeys + 1, sizeof *c->display);
	c->head = sw__malloc((nkeys + 1) * sizeof *c->head);
	bestc = sw__calloc(nkeys + 1, sizeof *bestc);
	bestfirst = sw__calloc(nkeys + 1, sizeof *bestfirst);
	if (!c->count || !c->df || !c->ccount || !c->cdf || !c->cfirst || !c->kind ||
	    !c->display || !c->head || !bestc || !bestfirst)
		goto done;
	for (i = 0; i < nkeys; i++) {
		const key_acc *ka = &c->acc.ka[i];
		c->count[i] = ka->count;
		c->df[i] = ka->df;
		c->ccount[i] = ka->ccount;
		c->cdf[i] = ka->cdf;
		c->cfirst[i] = ka->cfirst;
		c->kind[i] = (uint8_t)ka->kind;
	}
	for (i = 0; i < nforms; i++)
		if (c->acc.fa[i].key1)
			consider(c, bestc, bestfirst, c->acc.fa[i].key1 - 1, (sw_term_id)i, c->acc.fa[i].count,
				 c->acc.fa[i].first, c->acc.fa[i].content != 0);
	for (i = 0; i < c->acc.capovf; i++)
		if (c->acc.ovf[i].kf)
			consider(c, bestc, bestfirst, (sw_term_id)((c->acc.ovf[i].kf - 1) >> 32),
				 (sw_term_id)((c->acc.ovf[i].kf - 1) & 0xFFFFFFFFu), c->acc.ovf[i].count,
				 c->acc.ovf[i].first, c->acc.ovf[i].content != 0);
	/* compound heads: a key's head is the head of its first form that
	 * has one (with lemma keys every form of a key has the same lemma,
	 * so the same head) */
	for (i = 0; i <= nkeys; i++)
		c->head[i] = SW_TERM_NONE;
	for (i = 0; i < nforms; i++) {
		sw_term_info ti;
		sw_term_id k;
		if (!c->acc.fa[i].key1 || !sw_lexicon_form_info(&ti, c->lx, (sw_term_id)i) ||
		    ti.head == SW_TERM_NONE || ti.head >= nkeys)
			continue;
		k = c->acc.fa[i].key1 - 1;
		if (c->head[k] == SW_TERM_NONE && ti.head != k)
			c->head[k] = ti.head;
	}
	if (!c->agg_by && c->ndocs) {
		size_t nb = (c->ntok >> DOCBLK) + 1, b, d = 0;
		c->docblk = sw__malloc(nb * sizeof *c->docblk);
		if (!c->docblk)
			goto done;
		for (b = 0; b < nb; b++) {
			size_t t = b << DOCBLK;
			while (d + 1 < c->ndocs && c->docs[d + 1].first <= t)
				d++;
			c->docblk[b] = (uint32_t)d;
		}
		c->ndocblk = nb;
		if (c->ntok < UINT32_MAX) {
			c->dfirst = sw__malloc((c->ndocs + 1) * sizeof *c->dfirst);
			if (!c->dfirst)
				goto done;
			for (d = 0; d < c->ndocs; d++)
				c->dfirst[d] = (uint32_t)c->docs[d].first;
		}
	}
	c->finished = 1;
	rc = SW_OK;
	/* the accumulators are no longer needed */
	sw__free(c->acc.ka);
	sw__free(c->acc.fa);
	sw__free(c->acc.ovf);
	c->acc.ka = NULL;
	c->acc.fa = NULL;
	c->acc.ovf = NULL;
	c->capka = c->capfa = c->acc.capovf = c->acc.novf = 0;
done:
	sw__free(bestc);
	sw__free(bestfirst);
	return rc ? sw__error_oom(err) : SW_OK;
}

size_t sw_counts_ndocs(const sw_counts *c) { return c->ndocs; }
const sw_count_doc *sw_counts_doc(const sw_counts *c, size_t i) { return i < c->ndocs ? &c->docs[i] : NULL; }
size_t sw_counts_ntokens(const sw_counts *c) { return c->agg_by ? c->seen : c->ntok; }
size_t sw_counts_counted(const sw_counts *c) { return c->counted; }
const sw_term_id *sw_counts_keys(const sw_counts *c) { return c->agg_by ? NULL : c->keys; }
const sw_term_id *sw_counts_forms(const sw_counts *c) { return c->agg_by ? NULL : c->forms; }
const uint8_t *sw_counts_types(const sw_counts *c) { return c->agg_by ? NULL : c->types; }
const uint8_t *sw_counts_flags(const sw_counts *c) { return c->agg_by ? NULL : c->flags; }
const char *sw_counts_aggregated_by(const sw_counts *c) { return c->agg_by; }

void sw__counts_last_doc(const sw_counts *c, const sw_term_id **forms, const uint8_t **types,
			 const uint8_t **flags, size_t *n)
{
	const sw_count_doc *d = c->ndocs ? &c->docs[c->ndocs - 1] : NULL;
	size_t first = d && !c->agg_by ? d->first : 0;

	*n = d ? d->ntokens : 0;
	*forms = *n ? c->forms + first : NULL;
	*types = *n ? c->types + first : NULL;
	*flags = *n ? c->flags + first : NULL;
}

size_t sw_counts_doc_of_token(const sw_counts *c, size_t t)
{
	size_t lo = 0, hi = c->ndocs, b = t >> DOCBLK;

	if (b < c->ndocblk) { /* the answer lies between two block starts' */
		lo = c->docblk[b];
		if (b + 1 < c->ndocblk)
			hi = (size_t)c->docblk[b + 1] + 1;
	}
	if (c->dfirst) {
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->dfirst[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		return lo;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->docs[mid].first <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int sw_counts_aggregate(sw_counts *c, const char *by, sw_error *err)
{
	if (!by)
		by = "corpus";
	if (c->ndocs || c->finished || c->agg_by)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "counts: aggregate before the first document, once");
	if (strcmp(by, "doc") == 0 || strcmp(by, "id") == 0)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "counts: per-document units need the token arrays");
	if (!(c->agg_by = sw__strdup(by)))
		return sw__error_oom(err);
	return SW_OK;
}

int sw_counts_aggregate_dp(sw_counts *c, int all, sw_error *err)
{
	SW__NEED(err, "sw_counts_aggregate_dp", c);
	if (!c->agg_by || c->ndocs || c->finished)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "counts: keep DP after aggregate, before the first document");
	c->agg_dp = all ? 2 : 1;
	return SW_OK;
}
const sw_lexicon *sw_counts_lexicon(const sw_counts *c) { return c->lx; }
size_t sw_counts_nkeys(const sw_counts *c) { return c->nkeys; }
void sw__counts_content(const sw_counts *c, sw_term_id key, uint32_t *count, uint32_t *docs,
			size_t *first)
{
	int ok = c->finished && key < c->nkeys;

	*count = ok ? c->ccount[key] : 0;
	*docs = ok ? c->cdf[key] : 0;
	*first = ok && c->ccount[key] ? c->cfirst[key] : SIZE_MAX;
}

const uint32_t *sw_counts_key_count(const sw_counts *c) { return c->count; }
const uint32_t *sw_counts_key_docs(const sw_counts *c) { return c->df; }

int sw_counts_key_is_term(const sw_counts *c, sw_term_id key, int all)
{
	if (!c->finished || key >= c->nkeys)
		return 0;
	return all ? (c->kind[key] & 1) != 0 : (c->kind[key] & 2) != 0;
}

const char *sw_counts_display(const sw_counts *c, sw_term_id key, size_t *len_out)
{
	sw_term_info ti;

	if (!c->finished || key >= c->nkeys) {
		if (len_out)
			*len_out = 0;
		return NULL;
	}
	/* with lemmas a term is shown as the lemma of its commonest form */
	if (sw__lexicon_options(c->lx)->lemmatizer &&
	    sw_lexicon_form_info(&ti, c->lx, c->display[key]))
		return sw_vocab_bytes(sw_lexicon_lemmas(c->lx), ti.lemma, len_out);
	return sw_vocab_bytes(sw_lexicon_surfaces(c->lx), c->display[key], len_out);
}

const sw_term_id *sw_counts_key_head(const sw_counts *c)
{
	return c->finished ? c->head : NULL;
}

const char *sw_counts_key_bytes(const sw_counts *c, sw_term_id key, size_t *len_out)
{
	return sw_vocab_bytes(sw_lexicon_stems(c->lx), key, len_out);
}
