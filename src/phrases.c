/*
 * phrases.c - stage 6: multiword terms (see stichwort/phrases.h and
 * docs/phrases.md for the rules and formulas): the public API, the
 * scores (C-value, log-likelihood) and the ranking.  The candidates,
 * their counting, occurrences and variants are phrase_candidates.c;
 * what both share is phrases_int.h.
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
#include "phrases_int.h"

/* ---- order: variants, ranking, keys ---- */

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
				uint32_t id = sw__phrases_trie_find(&x->tr, code << 32 | tp[b].parts[j]);
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
				uint32_t id = sw__phrases_trie_find(lt, code << 32 | run[i + m]);
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
			if (sw__phrases_trie_get(&id, &lt, code << 32 | tp[i].parts[j]))
				goto done;
			code = (uint64_t)x->npart + id;
			rest[i] = id;
		}
	}
	/* the windows, chunk by chunk, summed into chunk 0's counts */
	x->lt = &lt;
	sw__par_run(x->nch, task_windows, x->ch);
	x->lt = NULL;
	if (sw__phrases_chunks_failed(x))
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
	sw__phrases_trie_free(&lt);
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
	if (!p || sw__phrases_build_linkers(&x) || sw__phrases_build_parts(&x) || sw__phrases_make_chunks(&x, o.nthreads) ||
	    sw__phrases_count_candidates(&x))
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
		tp[k].n = sw__phrases_node_parts(&x, (uint32_t)i, tp[k].parts);
		tp[k].occ0 = nocc;
		p->ph[k].n = tp[k].n;
		p->ph[k].count = nd->ccount;
		p->ph[k].docs = nd->cdocs;
		nocc += nd->ccount;
		k++;
	}
	if (sw__phrases_collect_occ(&x, tp, fill, p->occ, p->occ_len, opart))
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
		sw__par_run(nt, sw__phrases_task_variants, vt);
		for (t = 0; t < nt; t++)
			if (vt[t].failed)
				done = 1;
		if (!done) {
			for (t = 0; t < nt; t++) {
				base = tx.n;
				if (vt[t].tx.n && sw__phrases_pool_put(&tx, vt[t].tx.s, vt[t].tx.n)) {
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
	sw__phrases_ctx_free(&x);
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
	sw__phrases_ctx_free(&x);
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
