/*
 * keywords_local.c - the keyword methods that read one unit's tokens at a
 * time: YAKE, TextRank and salience, with their per-unit scratch indexed
 * by local ids (keywords.c's header comment), and the compound parts
 * salience counts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/lexicon.h"
#include "internal/par.h"
#include "internal/phrases.h"
#include "internal/utf8.h"
#include "stichwort/keywords.h"
#include "stichwort/lemma.h"

#include "keywords_int.h"

#define TR_MAX_ITER 100
#define TR_EPS 1e-6
#define SAL_POS 3.0   /* salience: weight of a first mention in sentence 0 */

/* ---- YAKE and TextRank: one unit's tokens at a time ---- */

/* Per-unit scratch, reused from unit to unit. */
typedef struct scratch {
	uint32_t *loc;       /* per key: local id + 1 for the current stamp */
	uint32_t *stamp;     /* per key: unit stamp of loc */
	sw_term_id *lkey;    /* per local id: key */
	uint32_t *tf, *docs, *lastdoc, *upper, *acro, *sf, *lastsent;
	uint32_t *fsent, *partc; /* salience: first mention's sentence in its
				    document; occurrences as a compound's part */
	uint32_t *cover;     /* salience: per local id, 1 + the candidate that took it */
	size_t *soff;        /* per local id: offset of its sentence list */
	uint32_t *sents;     /* sentence lists */
	double *sw;          /* per local id: S(w) (YAKE) or rank (TextRank) */
	double *tmp;
	uint32_t *deg;
	size_t *adj_off;
	uint32_t *adj;
	size_t nloc, caploc;
	uint64_t *pairs;
	size_t npairs, cappairs;
	size_t capsents, capadj, capoff;
	uint32_t cur;
} scratch;

static void scratch_free(scratch *s)
{
	sw__free(s->loc);
	sw__free(s->stamp);
	sw__free(s->lkey);
	sw__free(s->tf);
	sw__free(s->docs);
	sw__free(s->lastdoc);
	sw__free(s->upper);
	sw__free(s->acro);
	sw__free(s->sf);
	sw__free(s->lastsent);
	sw__free(s->fsent);
	sw__free(s->partc);
	sw__free(s->cover);
	sw__free(s->soff);
	sw__free(s->sents);
	sw__free(s->sw);
	sw__free(s->tmp);
	sw__free(s->deg);
	sw__free(s->adj_off);
	sw__free(s->adj);
	sw__free(s->pairs);
}

/* Grow every per-local-id array together to hold need ids. */
static int scratch_grow(scratch *s, size_t need)
{
	size_t cap, ncap;
	void **arrs[] = { (void **)&s->lkey, (void **)&s->tf, (void **)&s->docs,
			  (void **)&s->lastdoc, (void **)&s->upper, (void **)&s->acro,
			  (void **)&s->sf, (void **)&s->lastsent, (void **)&s->deg,
			  (void **)&s->fsent, (void **)&s->partc, (void **)&s->cover };
	size_t i;

	if (need <= s->caploc)
		return 0;
	ncap = s->caploc ? s->caploc : 256;
	while (ncap < need)
		ncap *= 2;
	for (i = 0; i < sizeof arrs / sizeof *arrs; i++) {
		cap = s->caploc;
		if (sw__grow(arrs[i], &cap, ncap, sizeof(uint32_t)))
			return -1;
	}
	cap = s->caploc;
	if (sw__grow((void **)&s->sw, &cap, ncap, sizeof(double)))
		return -1;
	cap = s->caploc;
	if (sw__grow((void **)&s->tmp, &cap, ncap, sizeof(double)))
		return -1;
	cap = s->caploc;
	if (sw__grow((void **)&s->soff, &cap, ncap + 1, sizeof(size_t)))
		return -1;
	cap = s->caploc;
	if (sw__grow((void **)&s->adj_off, &cap, ncap + 1, sizeof(size_t)))
		return -1;
	s->caploc = ncap;
	return 0;
}

/* Local id of key k in the current unit, adding it (zeroed) if new. */
static int local_id(uint32_t *out, scratch *s, sw_term_id k)
{
	uint32_t l;

	if (s->stamp[k] == s->cur) {
		*out = s->loc[k];
		return 0;
	}
	if (scratch_grow(s, s->nloc + 1))
		return -1;
	l = (uint32_t)s->nloc++;
	s->stamp[k] = s->cur;
	s->loc[k] = l;
	s->lkey[l] = k;
	s->tf[l] = s->docs[l] = s->lastdoc[l] = s->upper[l] = s->acro[l] = 0;
	s->sf[l] = s->deg[l] = 0;
	s->lastsent[l] = UINT32_MAX;
	s->sw[l] = 0;
	*out = l;
	return 0;
}

static int push_pair(scratch *s, uint64_t v)
{
	if (sw__grow((void **)&s->pairs, &s->cappairs, s->npairs + 1, sizeof *s->pairs))
		return -1;
	s->pairs[s->npairs++] = v;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/*
 * First pass over a unit (its documents' tokens in document order): local
 * ids, tf, documents, casing counts, sentence frequency.  Sentences are
 * numbered from 0 across the unit (a document's first token starts one).
 */
static int unit_pass(ctx *x, scratch *s, const size_t *docs, size_t nd, uint32_t *nsent_out)
{
	size_t i, t;
	uint32_t sent = UINT32_MAX, l;

	s->cur++;
	s->nloc = 0;
	if (scratch_grow(s, 1)) /* the offset arrays need an entry even for no words */
		return sw__error_oom(x->err);
	for (i = 0; i < nd; i++) {
		const sw_count_doc *doc = sw_counts_doc(x->c, docs[i]);
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			if ((x->flags[t] & SW_CT_SENT) || t == doc->first)
				sent++;
			if (!sw__keywords_is_content(x, t))
				continue;
			if (local_id(&l, s, x->keys[t]))
				return sw__error_oom(x->err);
			s->tf[l]++;
			if (s->lastdoc[l] != docs[i] + 1) {
				s->lastdoc[l] = (uint32_t)(docs[i] + 1);
				s->docs[l]++;
			}
			if ((x->flags[t] & SW_CT_UPPER) && !(x->flags[t] & SW_CT_SENT))
				s->upper[l]++;
			if (x->flags[t] & SW_CT_ACRONYM)
				s->acro[l]++;
			if (s->lastsent[l] != sent) {
				s->lastsent[l] = sent;
				s->sf[l]++;
			}
		}
	}
	*nsent_out = sent + 1;
	return SW_OK;
}

/* Content-word local ids of a phrase's occurrence starting at token t. */
static size_t phrase_words(const ctx *x, const scratch *s, const sw_phrase *p, size_t j,
			   uint32_t *ids, size_t max)
{
	size_t t, n = 0;

	for (t = p->occ[j]; t < (size_t)p->occ[j] + p->occ_len[j] && n < max; t++)
		if (sw__keywords_is_content(x, t) && s->stamp[x->keys[t]] == s->cur)
			ids[n++] = s->loc[x->keys[t]];
	return n;
}

/*
 * YAKE word scores S(w) of the unit into s->sw (Campos et al. 2020):
 *   T_case = max(TF_U, TF_A) / (1 + ln TF)   capitalised (not sentence-
 *            initial) and acronym occurrences
 *   T_pos  = ln(ln(3 + median of the sentences containing w)), 0-based
 *   T_fnorm = TF / (mean TF + sd TF) over the unit's content words
 *   T_rel  = 1 + (WL + WR) * TF / max TF; WL = distinct left neighbours /
 *            left co-occurrences (window 1, word tokens, within a run of
 *            word tokens), WR the same on the right
 *   T_sent = SF / sentences
 *   S(w)   = T_rel * T_pos / (T_case + T_fnorm / T_rel + T_sent / T_rel)
 */
static int yake_words(ctx *x, scratch *s, const size_t *docs, size_t nd, uint32_t nsent)
{
	size_t i, t, j, nl = s->nloc;
	double mean = 0, var = 0, sd, maxtf = 0;
	uint32_t sent = UINT32_MAX, l, *fill;
	size_t *wl, *wr;

	/* sentence lists: offsets, then fill in order (ascending per word) */
	s->soff[0] = 0;
	for (l = 0; l < nl; l++)
		s->soff[l + 1] = s->soff[l] + s->sf[l];
	if (sw__grow((void **)&s->sents, &s->capsents, s->soff[nl] + 1, sizeof *s->sents))
		return sw__error_oom(x->err);
	fill = s->deg; /* free here: reused as the fill cursor */
	for (l = 0; l < nl; l++) {
		fill[l] = 0;
		s->lastsent[l] = UINT32_MAX;
	}
	s->npairs = 0;
	for (i = 0; i < nd; i++) {
		const sw_count_doc *doc = sw_counts_doc(x->c, docs[i]);
		size_t prev = SIZE_MAX; /* previous word token in the run */
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			if ((x->flags[t] & SW_CT_SENT) || t == doc->first) {
				sent++;
				prev = SIZE_MAX;
			}
			if (x->types[t] != SW_TOKEN_WORD || x->keys[t] >= x->nkeys) {
				prev = SIZE_MAX;
				continue;
			}
			if (prev != SIZE_MAX) {
				/* pair (left, right): bit 63 marks "right neighbour of" */
				if (sw__keywords_is_content(x, t) &&
				    push_pair(s, (uint64_t)s->loc[x->keys[t]] << 32 | x->keys[prev]))
					return sw__error_oom(x->err);
				if (sw__keywords_is_content(x, prev) &&
				    push_pair(s, (uint64_t)1 << 63 |
						 (uint64_t)s->loc[x->keys[prev]] << 32 | x->keys[t]))
					return sw__error_oom(x->err);
			}
			prev = t;
			if (!sw__keywords_is_content(x, t))
				continue;
			l = s->loc[x->keys[t]];
			if (s->lastsent[l] != sent) {
				s->lastsent[l] = sent;
				s->sents[s->soff[l] + fill[l]++] = sent;
			}
		}
	}
	/* WL, WR: distinct neighbours / co-occurrences; pairs sorted group them */
	wl = sw__calloc(2 * nl + 1, sizeof *wl); /* [2l] total, [2l+1] distinct (left) */
	wr = sw__calloc(2 * nl + 1, sizeof *wr);
	if (!wl || !wr) {
		sw__free(wl);
		sw__free(wr);
		return sw__error_oom(x->err);
	}
	if (s->pairs)
		qsort(s->pairs, s->npairs, sizeof *s->pairs, cmp_u64);
	for (j = 0; j < s->npairs; j++) {
		uint64_t v = s->pairs[j];
		size_t *a = (v >> 63) ? wr : wl;
		l = (uint32_t)((v >> 32) & 0x7fffffffu);
		a[2 * l]++;
		if (j == 0 || s->pairs[j - 1] != v)
			a[2 * l + 1]++;
	}
	for (l = 0; l < nl; l++) {
		mean += s->tf[l];
		if (s->tf[l] > maxtf)
			maxtf = s->tf[l];
	}
	mean = nl ? mean / (double)nl : 0;
	for (l = 0; l < nl; l++)
		var += (s->tf[l] - mean) * (s->tf[l] - mean);
	sd = nl ? sqrt(var / (double)nl) : 0;
	for (l = 0; l < nl; l++) {
		double tf = s->tf[l], med, tcase, tpos, tfn, trel, tsent, wlv, wrv;
		const uint32_t *sl = s->sents + s->soff[l];
		uint32_t n = s->sf[l];
		med = n % 2 ? sl[n / 2] : ((double)sl[n / 2 - 1] + sl[n / 2]) / 2.0;
		tcase = (s->upper[l] > s->acro[l] ? s->upper[l] : s->acro[l]) / (1.0 + log(tf));
		tpos = log(log(3.0 + med));
		tfn = tf / (mean + sd);
		wlv = wl[2 * l] ? (double)wl[2 * l + 1] / (double)wl[2 * l] : 0.0;
		wrv = wr[2 * l] ? (double)wr[2 * l + 1] / (double)wr[2 * l] : 0.0;
		trel = 1.0 + (wlv + wrv) * tf / maxtf;
		tsent = (double)n / (double)nsent;
		s->sw[l] = trel * tpos / (tcase + tfn / trel + tsent / trel);
	}
	sw__free(wl);
	sw__free(wr);
	return SW_OK;
}

/*
 * TextRank ranks of the unit's content words into s->sw: an undirected,
 * unweighted graph linking content words at most window - 1 content words
 * apart inside a sentence (stopwords and other tokens are skipped, not
 * breaks); PageRank WS(i) = (1 - d) + d * sum_j WS(j) / deg(j) over
 * neighbours j, from WS = 1, until sum |change| < 1e-6 or 100 rounds.
 */
static int textrank_words(ctx *x, scratch *s, const size_t *docs, size_t nd)
{
	size_t i, t, j, w = x->window, nl = s->nloc, ne = 0, ring_n = 0, it;
	uint32_t ring[64], l, *fill;
	double d = x->damping;

	if (w > 64)
		w = 64;
	s->npairs = 0;
	for (i = 0; i < nd; i++) {
		const sw_count_doc *doc = sw_counts_doc(x->c, docs[i]);
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			if ((x->flags[t] & SW_CT_SENT) || t == doc->first)
				ring_n = 0;
			if (!sw__keywords_is_content(x, t))
				continue;
			l = s->loc[x->keys[t]];
			for (j = 0; j < ring_n && j < w - 1; j++) {
				uint32_t o = ring[(ring_n - 1 - j) % 64];
				uint32_t a = o < l ? o : l, b = o < l ? l : o;
				if (a != b && push_pair(s, (uint64_t)a << 32 | b))
					return sw__error_oom(x->err);
			}
			ring[ring_n % 64] = l;
			ring_n++;
		}
	}
	if (s->pairs)
		qsort(s->pairs, s->npairs, sizeof *s->pairs, cmp_u64);
	for (j = 0; j < s->npairs; j++)
		if (j == 0 || s->pairs[j] != s->pairs[j - 1])
			s->pairs[ne++] = s->pairs[j];
	for (l = 0; l < nl; l++)
		s->deg[l] = 0;
	for (j = 0; j < ne; j++) {
		s->deg[s->pairs[j] >> 32]++;
		s->deg[s->pairs[j] & 0xffffffffu]++;
	}
	s->adj_off[0] = 0;
	for (l = 0; l < nl; l++)
		s->adj_off[l + 1] = s->adj_off[l] + s->deg[l];
	if (sw__grow((void **)&s->adj, &s->capadj, 2 * ne + 1, sizeof *s->adj))
		return sw__error_oom(x->err);
	fill = s->lastsent; /* free here: reused as the fill cursor */
	for (l = 0; l < nl; l++)
		fill[l] = 0;
	for (j = 0; j < ne; j++) {
		uint32_t a = (uint32_t)(s->pairs[j] >> 32), b = (uint32_t)(s->pairs[j] & 0xffffffffu);
		s->adj[s->adj_off[a] + fill[a]++] = b;
		s->adj[s->adj_off[b] + fill[b]++] = a;
	}
	for (l = 0; l < nl; l++)
		s->sw[l] = 1.0;
	for (it = 0; it < TR_MAX_ITER; it++) {
		double change = 0;
		for (l = 0; l < nl; l++) {
			double sum = 0;
			for (j = s->adj_off[l]; j < s->adj_off[l + 1]; j++)
				sum += s->sw[s->adj[j]] / s->deg[s->adj[j]];
			s->tmp[l] = (1.0 - d) + d * sum;
		}
		for (l = 0; l < nl; l++) {
			change += fabs(s->tmp[l] - s->sw[l]);
			s->sw[l] = s->tmp[l];
		}
		if (change < TR_EPS)
			break;
	}
	return SW_OK;
}

/*
 * Salience word scores of the unit into s->sw (keywords.h):
 *   (tf + partc) * sqrt(idf + 1) * (1 + SAL_POS / (1 + fsent)),
 * partc = occurrences in the unit of compounds that have the word as a
 * part (x->parts; only words met on their own count), fsent = the index
 * within its document of the sentence of the word's first occurrence,
 * the least over the unit's documents.
 */
static void salience_words(ctx *x, scratch *s, const size_t *docs, size_t nd)
{
	size_t i, t, j;
	uint32_t l;

	for (l = 0; l < s->nloc; l++) {
		s->fsent[l] = UINT32_MAX;
		s->partc[l] = 0;
		s->cover[l] = 0;
	}
	for (i = 0; i < nd; i++) {
		const sw_count_doc *doc = sw_counts_doc(x->c, docs[i]);
		uint32_t sent = 0;
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			sw_term_id k;
			if ((x->flags[t] & SW_CT_SENT) && t != doc->first)
				sent++;
			if (!sw__keywords_is_content(x, t))
				continue;
			k = x->keys[t];
			l = s->loc[k];
			if (sent < s->fsent[l])
				s->fsent[l] = sent;
			for (j = x->poff[k]; j < x->poff[k + 1]; j++)
				if (s->stamp[x->parts[j]] == s->cur)
					s->partc[s->loc[x->parts[j]]]++;
		}
	}
	for (l = 0; l < s->nloc; l++)
		s->sw[l] = ((double)s->tf[l] + s->partc[l]) * sqrt(x->kidf[s->lkey[l]] + 1.0) *
			   (1.0 + SAL_POS / (1.0 + s->fsent[l]));
}

/* Salience phrase score: the sum of the scores of its distinct content
 * words; 0 unless its last token is capitalised (a noun phrase). */
static double salience_phrase(const ctx *x, const scratch *s, const sw_phrase *p, size_t j)
{
	uint32_t ids[64];
	size_t nw = phrase_words(x, s, p, j, ids, 64), i, m;
	double sum = 0;

	if (!(x->flags[(size_t)p->occ[j] + p->occ_len[j] - 1] & SW_CT_UPPER))
		return 0;
	for (i = 0; i < nw; i++) {
		for (m = 0; m < i && ids[m] != ids[i]; m++)
			;
		if (m == i)
			sum += s->sw[ids[i]];
	}
	return sum;
}

/*
 * Salience: rank all candidates, then keep them in rank order leaving out
 * any that shares a content word (a local id) with one kept before it,
 * until top are kept; they go first in x->cd for sw__keywords_emit_unit().  Equal
 * scores rank the candidate of more words first: a phrase and a shorter
 * one inside the same hyphenated word ("Open-Source-Strategie", "Open
 * Source") sum the same word, and the whole is the keyword.
 */
static int cmp_salience(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->score == y->score && x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return sw__keywords_cmp_cand(a, b);
}

static void salience_select(ctx *x, scratch *s, const pent *pe)
{
	size_t i, kept = 0, m, nw;
	uint32_t ids[64];

	if (!x->ncd)
		return;
	qsort(x->cd, x->ncd, sizeof *x->cd, cmp_salience);
	for (i = 0; i < x->ncd && kept < x->top; i++) {
		cand *cd = &x->cd[i];
		if (cd->word != SW_TERM_NONE) {
			ids[0] = s->loc[cd->word];
			nw = 1;
		} else {
			const pent *e = &pe[cd->aux];
			nw = phrase_words(x, s, sw_phrases_get(x->ph, e->p), e->first, ids, 64);
		}
		for (m = 0; m < nw && !s->cover[ids[m]]; m++)
			;
		if (m < nw)
			continue;
		for (m = 0; m < nw; m++)
			s->cover[ids[m]] = 1;
		if (kept != i)
			sw__keywords_swap_cand(&x->cd[kept], cd);
		kept++;
	}
	x->ncd = kept;
}

/* Score one unit with YAKE, TextRank or salience and emit its top. */
static int score_unit_local(ctx *x, scratch *s, size_t unit, const size_t *docs, size_t nd,
			    const pent *pe, size_t npe)
{
	uint32_t nsent = 0, l, ids[64];
	size_t j;
	cand cd;
	int rc;

	if ((rc = unit_pass(x, s, docs, nd, &nsent)))
		return rc;
	if (x->method == SW_KEYWORDS_YAKE)
		rc = yake_words(x, s, docs, nd, nsent);
	else if (x->method == SW_KEYWORDS_SALIENCE)
		salience_words(x, s, docs, nd);
	else
		rc = textrank_words(x, s, docs, nd);
	if (rc)
		return rc;
	for (l = 0; l < s->nloc; l++) {
		double sc = s->sw[l];
		if (x->method == SW_KEYWORDS_YAKE) /* S(kw) = S(w) / (TF (1 + S(w))) */
			sc = -log(sc / (s->tf[l] * (1.0 + sc)));
		sw__keywords_word_cand(x, &cd, s->lkey[l], s->tf[l], s->docs[l], sc);
		if ((rc = sw__keywords_push_cand(x, &cd)))
			return rc;
	}
	for (j = 0; j < npe; j++) {
		const sw_phrase *p = sw_phrases_get(x->ph, pe[j].p);
		size_t nw = phrase_words(x, s, p, pe[j].first, ids, 64), i;
		double prod = 1, sum = 0, sc;
		if (!nw)
			continue;
		for (i = 0; i < nw; i++) {
			prod *= s->sw[ids[i]];
			sum += s->sw[ids[i]];
		}
		if (x->method == SW_KEYWORDS_YAKE) /* S(kw) = prod S(w) / (TF (1 + sum S(w))) */
			sc = -log(prod / (pe[j].count * (1.0 + sum)));
		else if (x->method == SW_KEYWORDS_SALIENCE)
			sc = salience_phrase(x, s, p, pe[j].first);
		else
			sc = sum / (double)nw;
		if (x->method == SW_KEYWORDS_SALIENCE && sc <= 0)
			continue; /* not a noun phrase */
		sw__keywords_phrase_cand(&cd, p, pe[j].count, pe[j].docs, sc);
		cd.aux = j;
		if ((rc = sw__keywords_push_cand(x, &cd)))
			return rc;
	}
	if (x->method == SW_KEYWORDS_SALIENCE)
		salience_select(x, s, pe);
	return sw__keywords_emit_unit(x, unit);
}

/* YAKE and TextRank per unit: a thread's scratch, and the units' documents
 * and phrases (shared). */
typedef struct local_units {
	scratch s;
	const size_t *dstart, *dlist, *pstart;
	const pent *pe;
} local_units;

static int score_unit_local_state(ctx *x, void *state, size_t i)
{
	local_units *lu = state;

	return score_unit_local(x, &lu->s, i, lu->dlist + lu->dstart[i],
				lu->dstart[i + 1] - lu->dstart[i], lu->pe ? lu->pe + lu->pstart[i] : NULL,
				lu->pe ? lu->pstart[i + 1] - lu->pstart[i] : 0);
}

int sw__keywords_score_local(ctx *x, const char *per)
{
	sw_units *u = NULL;
	local_units lu[SW_PAR_MAX];
	void *states[SW_PAR_MAX];
	size_t nu, nt = 0, d, i, t, *dstart = NULL, *dlist = NULL, *fill = NULL, *pstart = NULL;
	pent *pe = NULL;
	int rc;

	memset(lu, 0, sizeof lu);
	if ((rc = sw_units_new(&u, x->c, per, x->err)))
		return rc;
	nu = sw_units_count(u);
	if (x->np && (rc = sw__keywords_phrase_buckets(&pe, &pstart, x, u)))
		goto done;
	rc = SW_ENOMEM;
	dstart = sw__calloc(nu + 1, sizeof *dstart);
	fill = sw__calloc(nu + 1, sizeof *fill);
	dlist = sw__calloc(x->ndocs + 1, sizeof *dlist);
	if (!dstart || !fill || !dlist) {
		sw__error_oom(x->err);
		goto done;
	}
	nt = sw__keywords_unit_threads(x, nu);
	for (t = 0; t < nt; t++) {
		lu[t].s.loc = sw__calloc(x->nkeys + 1, sizeof *lu[t].s.loc);
		lu[t].s.stamp = sw__calloc(x->nkeys + 1, sizeof *lu[t].s.stamp);
		if (!lu[t].s.loc || !lu[t].s.stamp) {
			sw__error_oom(x->err);
			goto done;
		}
		lu[t].dstart = dstart;
		lu[t].dlist = dlist;
		lu[t].pe = pe;
		lu[t].pstart = pstart;
		states[t] = &lu[t];
	}
	for (d = 0; d < x->ndocs; d++)
		dstart[sw_units_of_doc(u, d) + 1]++;
	for (i = 1; i <= nu; i++)
		dstart[i] += dstart[i - 1];
	for (d = 0; d < x->ndocs; d++) {
		size_t un = sw_units_of_doc(u, d);
		dlist[dstart[un] + fill[un]++] = d;
	}
	rc = sw__keywords_score_units_par(x, nu, score_unit_local_state, states, nt);
done:
	for (t = 0; t < nt; t++)
		scratch_free(&lu[t].s);
	sw__free(dstart);
	sw__free(fill);
	sw__free(dlist);
	sw__free(pe);
	sw__free(pstart);
	sw_units_free(u);
	return rc;
}

/* ---- salience: the parts of compounds ---- */

/* Append part key id to x->parts (growing it), unless it is k itself or
 * already among k's parts (from x->poff[k]). */
static int add_part(ctx *x, size_t *n, size_t *cap, size_t k, sw_term_id id)
{
	size_t i;

	if (id == SW_TERM_NONE || id >= x->nkeys || id == k)
		return 0;
	for (i = x->poff[k]; i < *n; i++)
		if (x->parts[i] == id)
			return 0;
	if (sw__grow((void **)&x->parts, cap, *n + 1, sizeof *x->parts))
		return -1;
	x->parts[(*n)++] = id;
	return 0;
}

/*
 * Salience: the parts of each compound key, as keys of the counts
 * (x->poff, x->parts): its head (sw_counts_key_head()) and, with lemma
 * keys, the other parts the lemmatizer gives its lemma ("Steueroase":
 * Steuer), case-folded as lemma keys are.  Parts that are no key of the
 * counts are left out.  One lemmatization per compound key.
 */
int sw__keywords_salience_parts(ctx *x)
{
	const sw_lexicon *lx = sw_counts_lexicon(x->c);
	const sw_lexicon_options *lo = lx ? sw__lexicon_options(lx) : NULL;
	const sw_lemmatizer *lm = lo && lo->key == SW_KEY_LEMMA ? lo->lemmatizer : NULL;
	const sw_term_id *head = sw_counts_key_head(x->c);
	const sw_vocab *stems = lx ? sw_lexicon_stems(lx) : NULL;
	sw_lemma lem;
	sw_buf fold;
	size_t k, n = 0, cap = 0, i;
	int rc = SW_OK;

	memset(&lem, 0, sizeof lem);
	memset(&fold, 0, sizeof fold);
	x->poff = sw__malloc((x->nkeys + 1) * sizeof *x->poff);
	if (!x->poff)
		return sw__error_oom(x->err);
	for (k = 0; k < x->nkeys && rc == SW_OK; k++) {
		const char *d, *pp;
		size_t len;
		x->poff[k] = n;
		if (!head || head[k] == SW_TERM_NONE)
			continue;
		if (add_part(x, &n, &cap, k, head[k])) {
			rc = SW_ENOMEM;
			break;
		}
		if (!lm || !stems || !(d = sw_counts_display(x->c, k, &len)))
			continue;
		rc = sw_lemmatize(&lem, lm, d, len, memchr(d, '-', len) ? SW_TOKEN_F_HYPHENATED : 0,
				  NULL);
		if (rc != SW_OK) { /* a form it cannot read has no parts */
			rc = rc == SW_ENOMEM ? rc : SW_OK;
			continue;
		}
		for (i = 0, pp = lem.parts.ptr; pp && i + 1 < lem.nparts; i++, pp += strlen(pp) + 1) {
			sw_buf_clear(&fold);
			if (sw__casefold(&fold, pp, strlen(pp)) ||
			    add_part(x, &n, &cap, k, sw_vocab_find(stems, fold.ptr ? fold.ptr : "", fold.len))) {
				rc = SW_ENOMEM;
				break;
			}
		}
	}
	x->poff[x->nkeys] = n;
	sw_lemma_free(&lem);
	sw_buf_free(&fold);
	return rc == SW_OK ? rc : sw__error_oom(x->err);
}
