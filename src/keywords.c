/*
 * keywords.c - keyword scores over the counted corpus (stage after counts
 * and phrases): TF-IDF, BM25, YAKE, TextRank, salience, keyness
 * (keyness.c's comparisons, their records taken as candidates).  Here:
 * the options, the candidates and their ranking, units on threads,
 * TF-IDF and BM25, and the public entry; YAKE, TextRank and salience are
 * in keywords_local.c, keyness in keywords_keyness.c (keywords_int.h).
 *
 * Invariants: nothing here is dense in units x vocabulary.  Per-unit word
 * frequencies come from sw_units_tf() (sparse), phrase frequencies from
 * the phrases' occurrence lists bucketed by unit, and the per-unit
 * scratch of YAKE and TextRank is indexed by "local" ids handed out to the
 * keys met in the unit (a stamp array of nkeys maps key -> local id, so a
 * unit costs its own size, not the vocabulary's).  Formulas are in
 * include/stichwort/keywords.h and docs/keywords.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/par.h"
#include "internal/phrases.h"
#include "stichwort/keywords.h"

#include "keywords_int.h"

#define DEFAULT_TOP 20
#define DEFAULT_K1 1.2
#define DEFAULT_B 0.75
#define DEFAULT_WINDOW 2
#define DEFAULT_DAMPING 0.85

struct sw_keywords {
	sw_keywords_method method;
	size_t nunits;
	char **labels;        /* copies of the unit labels (NULL entries allowed) */
	sw_keyword *rec;
	size_t n, cap;
	sw_phrases *own;      /* phrases computed here; records point into them */
};


int sw_keywords_method_parse(sw_keywords_method *out, const char *name)
{
	static const char *const names[] = { "auto", "tfidf", "bm25", "yake", "textrank",
					     "keyness", "salience" };
	size_t i;

	for (i = 0; name && i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (sw_keywords_method)i;
			return SW_OK;
		}
	return SW_EINVAL;
}

const char *sw_keywords_method_name(sw_keywords_method m)
{
	switch (m) {
	case SW_KEYWORDS_TFIDF: return "tfidf";
	case SW_KEYWORDS_BM25: return "bm25";
	case SW_KEYWORDS_YAKE: return "yake";
	case SW_KEYWORDS_TEXTRANK: return "textrank";
	case SW_KEYWORDS_KEYNESS: return "keyness";
	case SW_KEYWORDS_SALIENCE: return "salience";
	default: return "auto";
	}
}

/* ---- ranking ---- */

int sw__keywords_cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	size_t m = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	c = memcmp(x->key, y->key, m);
	if (c)
		return c;
	if (x->key_len != y->key_len)
		return x->key_len < y->key_len ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

/* A hyphenated word ("Open-Source-Strategie") is also the phrase of its
 * parts ("open sourc strategi"); with phrases as candidates only the
 * phrase competes, so the same term is not listed twice. */
static int covered_by_phrase(const ctx *x, const cand *cd)
{
	char buf[256];
	size_t i;

	if (!x->ph || cd->n != 1 || cd->key_len >= sizeof buf || !memchr(cd->key, '-', cd->key_len))
		return 0;
	for (i = 0; i < cd->key_len; i++)
		buf[i] = cd->key[i] == '-' ? ' ' : cd->key[i];
	return sw_phrases_find(x->ph, buf, cd->key_len) != NULL;
}

int sw__keywords_push_cand(ctx *x, const cand *cd)
{
	if (covered_by_phrase(x, cd))
		return SW_OK;
	if (sw__grow((void **)&x->cd, &x->capcd, x->ncd + 1, sizeof *x->cd))
		return sw__error_oom(x->err);
	x->cd[x->ncd++] = *cd;
	return SW_OK;
}

void sw__keywords_word_cand(const ctx *x, cand *cd, sw_term_id k, uint32_t count, uint32_t docs,
			    double score)
{
	memset(cd, 0, sizeof *cd);
	cd->score = score;
	cd->key = sw_counts_key_bytes(x->c, k, &cd->key_len);
	cd->term = sw_counts_display(x->c, k, &cd->term_len);
	if (!cd->term) {
		cd->term = cd->key;
		cd->term_len = cd->key_len;
	}
	cd->count = count;
	cd->docs = docs;
	cd->n = 1;
	cd->word = k;
	cd->first = x->kfirst[k];
}

void sw__keywords_phrase_cand(cand *cd, const sw_phrase *p, uint32_t count, uint32_t docs,
			      double score)
{
	memset(cd, 0, sizeof *cd);
	cd->score = score;
	cd->key = p->key;
	cd->key_len = p->key_len;
	cd->term = p->display;
	cd->term_len = p->display_len;
	cd->count = count;
	cd->docs = docs;
	cd->n = p->n;
	cd->word = SW_TERM_NONE;
	cd->first = p->count ? p->occ[0] : 0;
}

/* Restore the heap property below i in h[0, n): every candidate ranks
 * at or above (sw__keywords_cmp_cand <= 0 against) its parent, so the root is the
 * lowest-ranked. */
static void sift_worst(cand *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, w = i;
		if (l < n && sw__keywords_cmp_cand(&h[l], &h[w]) > 0)
			w = l;
		if (l + 1 < n && sw__keywords_cmp_cand(&h[l + 1], &h[w]) > 0)
			w = l + 1;
		if (w == i)
			return;
		sw__keywords_swap_cand(&h[i], &h[w]);
		i = w;
	}
}

/*
 * The best lim of the n candidates, sorted, in cd[0, lim); the others
 * stay behind them in no order.  A heap of the best lim seen so far,
 * rooted at the lowest of them, lets most candidates be dismissed with
 * one comparison (usually of scores alone) instead of sorting all of
 * them: a unit has 10^5 candidates and keeps 20.  sw__keywords_cmp_cand is a total
 * order (no two candidates of a unit share a key), so the result is the
 * prefix a full sort gives.
 */
static void sort_top(cand *cd, size_t n, size_t lim)
{
	size_t i;

	if (lim < n) {
		for (i = lim / 2; i-- > 0;)
			sift_worst(cd, lim, i);
		for (i = lim; i < n && lim; i++)
			if (sw__keywords_cmp_cand(&cd[i], &cd[0]) < 0) {
				sw__keywords_swap_cand(&cd[i], &cd[0]);
				sift_worst(cd, lim, 0);
			}
	}
	qsort(cd, lim, sizeof *cd, sw__keywords_cmp_cand);
}

/* Rank the unit's candidates and append its top to the result. */
int sw__keywords_emit_unit(ctx *x, size_t unit)
{
	sw_keywords *k = x->out;
	size_t lim, i;

	lim = x->ncd < x->top ? x->ncd : x->top;
	if (x->cd)
		sort_top(x->cd, x->ncd, lim);
	if (sw__grow((void **)&k->rec, &k->cap, k->n + lim, sizeof *k->rec))
		return sw__error_oom(x->err);
	for (i = 0; i < lim; i++) {
		sw_keyword *r = &k->rec[k->n++];
		const cand *cd = &x->cd[i];
		r->unit = unit;
		r->label = NULL; /* filled at the end: labels may move while growing */
		r->term = cd->term;
		r->term_len = cd->term_len;
		r->key = cd->key;
		r->key_len = cd->key_len;
		r->score = cd->score;
		r->count = cd->count;
		r->docs = cd->docs;
		r->n = cd->n;
		r->word = cd->word;
		r->first = cd->first;
	}
	x->ncd = 0;
	return SW_OK;
}

/* ---- units on threads ---- */

/*
 * Units are scored independently, so they are shared out: in rounds,
 * each thread takes the next block of units and scores it with a copy of
 * the context that has candidates and records of its own; the blocks'
 * records are then appended in unit order, which is the order of one
 * thread.  A scorer's per-thread state (units, scratch) is its own.
 */
typedef struct unit_share {
	ctx x;
	sw_keywords out;
	sw_error err;
	unit_scorer score;
	void *state;
	size_t u0, u1;
	int rc;
} unit_share;

static void task_units(void *payload, size_t k)
{
	unit_share *sh = &((unit_share *)payload)[k];
	size_t i;

	sh->rc = SW_OK;
	for (i = sh->u0; i < sh->u1 && !sh->rc; i++)
		sh->rc = sh->score(&sh->x, sh->state, i);
}

/* Score units 0..nu-1 with score on nt threads, states[t] being thread
 * t's state. */
int sw__keywords_score_units_par(ctx *x, size_t nu, unit_scorer score, void **states, size_t nt)
{
	unit_share sh[SW_PAR_MAX];
	size_t t, base, block = nu / (nt * 16);
	int rc = SW_OK;

	if (block > 256)
		block = 256;
	if (block < 1)
		block = 1;
	memset(sh, 0, sizeof sh);
	for (t = 0; t < nt; t++) {
		sh[t].x = *x;
		sh[t].x.cd = NULL;
		sh[t].x.ncd = sh[t].x.capcd = 0;
		sh[t].x.out = &sh[t].out;
		sh[t].x.err = &sh[t].err;
		sh[t].score = score;
		sh[t].state = states[t];
	}
	for (base = 0; base < nu && !rc; base += nt * block) {
		for (t = 0; t < nt; t++) {
			sh[t].u0 = base + t * block < nu ? base + t * block : nu;
			sh[t].u1 = sh[t].u0 + block < nu ? sh[t].u0 + block : nu;
			sh[t].out.n = 0;
		}
		sw__par_run(nt, task_units, sh);
		for (t = 0; t < nt && !rc; t++) {
			sw_keywords *k = x->out;
			if ((rc = sh[t].rc)) {
				if (x->err)
					*x->err = sh[t].err;
				break;
			}
			if (sw__grow((void **)&k->rec, &k->cap, k->n + sh[t].out.n, sizeof *k->rec)) {
				rc = sw__error_oom(x->err);
				break;
			}
			if (sh[t].out.n) /* a unit of stopwords alone has no records (and no array) */
				memcpy(k->rec + k->n, sh[t].out.rec, sh[t].out.n * sizeof *k->rec);
			k->n += sh[t].out.n;
		}
	}
	for (t = 0; t < nt; t++) {
		sw__free(sh[t].x.cd);
		sw__free(sh[t].out.rec);
	}
	return rc;
}

/* Threads for nu units. */
size_t sw__keywords_unit_threads(const ctx *x, size_t nu)
{
	size_t nt = x->nthreads > SW_PAR_MAX ? SW_PAR_MAX : x->nthreads;

	return nt > nu ? (nu ? nu : 1) : nt;
}

/* ---- phrase frequencies per unit ---- */

/* The entries of a range of phrases [p0, p1), in phrase order, each
 * with its unit (sw__keywords_phrase_buckets). */
typedef struct bucket_task {
	const ctx *x;
	const sw_units *u;
	size_t p0, p1;
	pent *ent;
	size_t *eunit;
	size_t nent, cap, ecap;
	int failed;
} bucket_task;

static void task_buckets(void *payload, size_t t)
{
	bucket_task *bt = &((bucket_task *)payload)[t];
	const ctx *x = bt->x;
	size_t nu = sw_units_count(bt->u), p, j;
	uint32_t *ucount = sw__calloc(nu + 1, sizeof *ucount);
	uint32_t *udocs = sw__calloc(nu + 1, sizeof *udocs);
	uint32_t *ufirst = sw__calloc(nu + 1, sizeof *ufirst);
	size_t *ulast = sw__calloc(nu + 1, sizeof *ulast);
	size_t *touched = sw__calloc(nu + 1, sizeof *touched);

	bt->failed = !ucount || !udocs || !ufirst || !ulast || !touched;
	for (p = bt->p0; p < bt->p1 && !bt->failed; p++) {
		const sw_phrase *ph = sw_phrases_get(x->ph, p);
		size_t nt = 0;
		for (j = 0; j < ph->count; j++) {
			size_t d = sw_counts_doc_of_token(x->c, ph->occ[j]);
			size_t un = sw_units_of_doc(bt->u, d);
			if (!ucount[un]) {
				touched[nt++] = un;
				ufirst[un] = (uint32_t)j;
			}
			ucount[un]++;
			if (ulast[un] != d + 1) {
				ulast[un] = d + 1;
				udocs[un]++;
			}
		}
		if (sw__grow((void **)&bt->ent, &bt->cap, bt->nent + nt, sizeof *bt->ent) ||
		    sw__grow((void **)&bt->eunit, &bt->ecap, bt->nent + nt, sizeof *bt->eunit)) {
			bt->failed = 1;
			break;
		}
		for (j = 0; j < nt; j++) {
			size_t un = touched[j];
			bt->ent[bt->nent] = (pent){ (uint32_t)p, ucount[un], udocs[un], ufirst[un] };
			bt->eunit[bt->nent++] = un;
			ucount[un] = udocs[un] = 0;
			ulast[un] = 0;
		}
	}
	sw__free(ucount);
	sw__free(udocs);
	sw__free(ufirst);
	sw__free(ulast);
	sw__free(touched);
}

/*
 * Bucket the phrases' occurrences by unit: *ent_out holds, unit by unit
 * (start[u] .. start[u + 1]), one entry per phrase present in the unit,
 * in phrase order.  Cost: the total number of occurrences, on threads
 * that take ranges of phrases of about equal occurrences; their entries,
 * taken in range order, are in phrase order.
 */
int sw__keywords_phrase_buckets(pent **ent_out, size_t **start_out, ctx *x, const sw_units *u)
{
	size_t nu = sw_units_count(u), j, t, nent = 0, *start = NULL, *fill = NULL;
	size_t p0[SW_PAR_MAX + 1], nt = sw__phrases_ranges(x->ph, x->nthreads, p0);
	bucket_task bt[SW_PAR_MAX];
	pent *sorted = NULL;
	int rc = SW_ENOMEM;

	memset(bt, 0, sizeof bt);
	for (t = 0; t < nt; t++) {
		bt[t].x = x;
		bt[t].u = u;
		bt[t].p0 = p0[t];
		bt[t].p1 = p0[t + 1];
	}
	sw__par_run(nt, task_buckets, bt);
	for (t = 0; t < nt; t++) {
		if (bt[t].failed)
			goto done;
		nent += bt[t].nent;
	}
	start = sw__calloc(nu + 1, sizeof *start);
	fill = sw__calloc(nu + 1, sizeof *fill);
	sorted = sw__malloc((nent + 1) * sizeof *sorted);
	if (!start || !fill || !sorted)
		goto done;
	for (t = 0; t < nt; t++)
		for (j = 0; j < bt[t].nent; j++)
			start[bt[t].eunit[j] + 1]++;
	for (j = 1; j <= nu; j++)
		start[j] += start[j - 1];
	for (t = 0; t < nt; t++)
		for (j = 0; j < bt[t].nent; j++) {
			size_t un = bt[t].eunit[j];
			sorted[start[un] + fill[un]++] = bt[t].ent[j];
		}
	*ent_out = sorted;
	*start_out = start;
	sorted = NULL;
	start = NULL;
	rc = SW_OK;
done:
	for (t = 0; t < nt; t++) {
		sw__free(bt[t].ent);
		sw__free(bt[t].eunit);
	}
	sw__free(sorted);
	sw__free(start);
	sw__free(fill);
	return rc == SW_OK ? rc : sw__error_oom(x->err);
}

/* ---- TF-IDF and BM25 ---- */

/* The idf of a term in df of the documents: BM25's, or TF-IDF's
 * without its + 1.  Worked out once a word or phrase (ctx.kidf, pidf). */
static double idf_of(const ctx *x, double df)
{
	double n = (double)x->ndocs;

	if (x->method == SW_KEYWORDS_BM25)
		return log(1.0 + (n - df + 0.5) / (df + 0.5));
	return log((1.0 + n) / (1.0 + df));
}

/* The score of a term tf times in a unit of len tokens, whose idf is
 * idf_of() its documents. */
static double tf_weight(const ctx *x, double tf, double idf, double len, double avglen)
{
	if (x->method == SW_KEYWORDS_BM25) {
		double norm = avglen > 0 ? len / avglen : 1.0;
		return idf * tf * (x->k1 + 1.0) / (tf + x->k1 * (1.0 - x->b + x->b * norm));
	}
	if (x->sublinear)
		tf = 1.0 + log(tf);
	return tf * (idf + 1.0);
}

/* Units: tf = the unit's summed count, idf over documents. */
typedef struct tf_units {
	sw_units *u; /* this thread's (sw_units_tf's scratch) */
	const pent *pe;
	const size_t *pstart;
	double avglen;
} tf_units;

static int score_unit_tf(ctx *x, void *state, size_t i)
{
	const tf_units *tu = state;
	const sw_unit_tf *tf;
	size_t n, j;
	double len = (double)sw_units_counted(tu->u, i);
	cand cd;
	int rc;

	if ((rc = sw__units_tf(&tf, &n, tu->u, i, 0, 0, x->err))) /* ranked below */
		return rc;
	for (j = 0; j < n; j++) {
		sw__keywords_word_cand(x, &cd, tf[j].key, tf[j].count, tf[j].docs,
				       tf_weight(x, tf[j].count, x->kidf[tf[j].key], len,
						 tu->avglen));
		if ((rc = sw__keywords_push_cand(x, &cd)))
			return rc;
	}
	for (j = tu->pstart ? tu->pstart[i] : 0; tu->pstart && j < tu->pstart[i + 1]; j++) {
		const sw_phrase *p = sw_phrases_get(x->ph, tu->pe[j].p);
		sw__keywords_phrase_cand(&cd, p, tu->pe[j].count, tu->pe[j].docs,
					 tf_weight(x, tu->pe[j].count, x->pidf[tu->pe[j].p], len,
						   tu->avglen));
		if ((rc = sw__keywords_push_cand(x, &cd)))
			return rc;
	}
	return sw__keywords_emit_unit(x, i);
}

static int score_units_tf(ctx *x, sw_units *u, const char *per)
{
	size_t nu = sw_units_count(u), i, t, nt = sw__keywords_unit_threads(x, nu), *pstart = NULL;
	tf_units tu[SW_PAR_MAX];
	void *states[SW_PAR_MAX];
	pent *pe = NULL;
	double avglen = 0;
	int rc = SW_OK;

	if (x->np && (rc = sw__keywords_phrase_buckets(&pe, &pstart, x, u)))
		return rc;
	for (i = 0; i < nu; i++)
		avglen += (double)sw_units_counted(u, i);
	avglen = nu ? avglen / (double)nu : 0;
	memset(tu, 0, sizeof tu);
	for (t = 0; t < nt; t++) {
		if (t && (rc = sw_units_new(&tu[t].u, x->c, per, x->err)))
			break;
		if (!t)
			tu[t].u = u;
		tu[t].pe = pe;
		tu[t].pstart = pstart;
		tu[t].avglen = avglen;
		states[t] = &tu[t];
	}
	if (!rc)
		rc = sw__keywords_score_units_par(x, nu, score_unit_tf, states, nt);
	for (t = 1; t < nt; t++)
		sw_units_free(tu[t].u);
	sw__free(pe);
	sw__free(pstart);
	return rc;
}

/* The corpus as a whole: the mean over documents of the document scores.
 * The documents' scores are computed in rounds of TF_ROUND documents per
 * thread, each thread with units of its own (their scratch), and summed
 * on the calling thread in document order: the sums are those of one
 * thread, bit for bit, and the memory is that of a round. */
#define TF_ROUND 256

typedef struct tf_out {
	uint32_t id; /* key or phrase */
	double score;
} tf_out;

typedef struct tf_task {
	const ctx *x;
	sw_units *u;
	const pent *pe;
	const size_t *pstart;
	double avglen;
	size_t d0, d1;         /* this round's documents */
	tf_out *w, *p;         /* their word and phrase scores, document by document */
	size_t nw, capw, np, capp;
	size_t *wend, *pend;   /* per document of the round: end in w, p */
	int rc;
	sw_error err;
} tf_task;

static void task_tf(void *payload, size_t k)
{
	tf_task *tt = &((tf_task *)payload)[k];
	const ctx *x = tt->x;
	size_t d, j;

	tt->nw = tt->np = 0;
	for (d = tt->d0; d < tt->d1; d++) {
		const sw_unit_tf *tf;
		size_t n, np = tt->pstart ? tt->pstart[d + 1] - tt->pstart[d] : 0;
		double len = (double)sw_units_counted(tt->u, d);
		if ((tt->rc = sw__units_tf(&tf, &n, tt->u, d, 0, 0, &tt->err))) /* summed per key */
			return;
		if (sw__grow((void **)&tt->w, &tt->capw, tt->nw + n + 1, sizeof *tt->w) ||
		    sw__grow((void **)&tt->p, &tt->capp, tt->np + np + 1, sizeof *tt->p)) {
			tt->rc = sw__error_oom(&tt->err);
			return;
		}
		for (j = 0; j < n; j++)
			tt->w[tt->nw++] = (tf_out){ tf[j].key, tf_weight(x, tf[j].count,
							x->kidf[tf[j].key], len, tt->avglen) };
		for (j = tt->pstart ? tt->pstart[d] : 0; tt->pstart && j < tt->pstart[d + 1]; j++) {
			tt->p[tt->np++] = (tf_out){ tt->pe[j].p, tf_weight(x, tt->pe[j].count,
							x->pidf[tt->pe[j].p], len, tt->avglen) };
		}
		tt->wend[d - tt->d0] = tt->nw;
		tt->pend[d - tt->d0] = tt->np;
	}
}

static int score_corpus_tf(ctx *x)
{
	size_t nd = x->ndocs, d, j, t, nt, *pstart = NULL;
	pent *pe = NULL;
	double *wacc = NULL, *pacc = NULL, avglen;
	tf_task tt[SW_PAR_MAX];
	cand cd;
	int rc = SW_ENOMEM;

	nt = x->nthreads > SW_PAR_MAX ? SW_PAR_MAX : x->nthreads;
	if (nd < 2 * TF_ROUND)
		nt = 1;
	memset(tt, 0, sizeof tt);
	avglen = nd ? (double)sw_counts_counted(x->c) / (double)nd : 0;
	for (t = 0; t < nt; t++) {
		tt[t].x = x;
		tt[t].avglen = avglen;
		tt[t].wend = sw__malloc(TF_ROUND * sizeof *tt[t].wend);
		tt[t].pend = sw__malloc(TF_ROUND * sizeof *tt[t].pend);
		if (!tt[t].wend || !tt[t].pend) {
			rc = sw__error_oom(x->err);
			goto done;
		}
		if ((rc = sw_units_new(&tt[t].u, x->c, "doc", x->err)))
			goto done;
	}
	if (x->np && (rc = sw__keywords_phrase_buckets(&pe, &pstart, x, tt[0].u)))
		goto done;
	wacc = sw__calloc(x->nkeys + 1, sizeof *wacc);
	pacc = sw__calloc(x->np + 1, sizeof *pacc);
	if (!wacc || !pacc) {
		rc = sw__error_oom(x->err);
		goto done;
	}
	for (d = 0; d < nd;) {
		for (t = 0; t < nt; t++) {
			tt[t].pe = pe;
			tt[t].pstart = pstart;
			tt[t].d0 = d;
			tt[t].d1 = d = nd - d < TF_ROUND ? nd : d + TF_ROUND;
		}
		sw__par_run(nt, task_tf, tt);
		for (t = 0; t < nt; t++) {
			size_t w0 = 0, p0 = 0, i;
			if ((rc = tt[t].rc)) {
				if (x->err)
					*x->err = tt[t].err;
				goto done;
			}
			for (i = 0; i < tt[t].d1 - tt[t].d0; i++) {
				for (j = w0; j < tt[t].wend[i]; j++)
					wacc[tt[t].w[j].id] += tt[t].w[j].score;
				for (j = p0; j < tt[t].pend[i]; j++)
					pacc[tt[t].p[j].id] += tt[t].p[j].score;
				w0 = tt[t].wend[i];
				p0 = tt[t].pend[i];
			}
		}
	}
	for (j = 0; j < x->nkeys; j++) {
		if (!x->kcount[j])
			continue;
		sw__keywords_word_cand(x, &cd, (sw_term_id)j, x->kcount[j], x->kdf[j],
				       wacc[j] / (double)nd);
		if ((rc = sw__keywords_push_cand(x, &cd)))
			goto done;
	}
	for (j = 0; j < x->np; j++) {
		const sw_phrase *p = sw_phrases_get(x->ph, j);
		sw__keywords_phrase_cand(&cd, p, p->count, p->docs, pacc[j] / (double)nd);
		if ((rc = sw__keywords_push_cand(x, &cd)))
			goto done;
	}
	rc = sw__keywords_emit_unit(x, 0);
done:
	sw__free(wacc);
	sw__free(pacc);
	sw__free(pe);
	sw__free(pstart);
	for (t = 0; t < nt; t++) {
		sw_units_free(tt[t].u);
		sw__free(tt[t].w);
		sw__free(tt[t].p);
		sw__free(tt[t].wend);
		sw__free(tt[t].pend);
	}
	return rc;
}

/* ---- the whole ---- */

void sw_keywords_free(sw_keywords *k)
{
	size_t i;

	if (!k)
		return;
	for (i = 0; k->labels && i < k->nunits; i++)
		sw__free(k->labels[i]);
	sw__free(k->labels);
	sw__free(k->rec);
	sw_phrases_free(k->own);
	sw__free(k);
}

/* Per key: content occurrences, documents and first occurrence, which
 * the counts gathered with their totals; the idf of each key and phrase. */
static int key_stats(ctx *x)
{
	size_t i;

	x->kcount = sw__malloc((x->nkeys + 1) * sizeof *x->kcount);
	x->kdf = sw__malloc((x->nkeys + 1) * sizeof *x->kdf);
	x->kfirst = sw__malloc((x->nkeys + 1) * sizeof *x->kfirst);
	x->kidf = sw__malloc((x->nkeys + 1) * sizeof *x->kidf);
	x->pidf = sw__malloc((x->np + 1) * sizeof *x->pidf);
	if (!x->kcount || !x->kdf || !x->kfirst || !x->kidf || !x->pidf)
		return sw__error_oom(x->err);
	for (i = 0; i < x->nkeys; i++) {
		sw__counts_content(x->c, (sw_term_id)i, &x->kcount[i], &x->kdf[i], &x->kfirst[i]);
		x->kidf[i] = idf_of(x, x->kdf[i]);
	}
	for (i = 0; i < x->np; i++)
		x->pidf[i] = idf_of(x, sw_phrases_get(x->ph, i)->docs);
	return SW_OK;
}

/* Copy the unit labels and point the records at them. */
static int set_labels(sw_keywords *k, const sw_counts *c, const char *per, sw_error *err)
{
	sw_units *u = NULL;
	size_t i;
	int rc;

	if ((rc = sw_units_new(&u, c, per, err)))
		return rc;
	k->nunits = sw_units_count(u);
	k->labels = sw__calloc(k->nunits + 1, sizeof *k->labels);
	if (!k->labels)
		goto oom;
	for (i = 0; i < k->nunits; i++) {
		const char *l = sw_units_label(u, i);
		if (l && !(k->labels[i] = sw__strdup(l)))
			goto oom;
	}
	sw_units_free(u);
	for (i = 0; i < k->n; i++)
		k->rec[i].label = k->labels[k->rec[i].unit];
	return SW_OK;
oom:
	sw_units_free(u);
	return sw__error_oom(err);
}

static int keywords_new_impl(sw_keywords **out, const sw_counts *c, const sw_keywords_options *opts,
			     sw_error *err)
{
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_keywords *k;
	ctx x;
	int rc;

	if (opts)
		o = *opts;
	if (o.k1 < 0 || o.damping < 0 || o.damping >= 1 || o.method > SW_KEYWORDS_SALIENCE ||
	    o.window == 1)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keywords: bad option (k1 >= 0, 0 < damping < 1, window >= 2)");
	if (sw_counts_aggregated_by(c) && sw_counts_ndocs(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keywords: the counts keep no token arrays (aggregated by %s)",
				     sw_counts_aggregated_by(c));
	memset(&x, 0, sizeof x);
	x.c = c;
	x.err = err;
	x.nthreads = o.nthreads ? o.nthreads : 1;
	x.ndocs = sw_counts_ndocs(c);
	x.nkeys = sw_counts_nkeys(c);
	x.keys = sw_counts_keys(c);
	x.types = sw_counts_types(c);
	x.flags = sw_counts_flags(c);
	x.method = o.method;
	if (x.method == SW_KEYWORDS_AUTO) {
		int per_doc = o.per && strcmp(o.per, "doc") == 0;
		if (o.per ? !per_doc : o.reference != NULL)
			x.method = SW_KEYWORDS_KEYNESS;
		else if (x.ndocs == 1)
			x.method = SW_KEYWORDS_YAKE;
		else
			x.method = per_doc ? SW_KEYWORDS_SALIENCE : SW_KEYWORDS_TFIDF;
	}
	x.top = o.top ? o.top : DEFAULT_TOP;
	x.sublinear = o.sublinear;
	x.k1 = o.k1 > 0 ? o.k1 : DEFAULT_K1;
	x.b = o.b > 0 ? o.b : o.b < 0 ? 0.0 : DEFAULT_B;
	if (x.b > 1)
		x.b = 1;
	x.window = o.window ? o.window : DEFAULT_WINDOW;
	x.damping = o.damping > 0 ? o.damping : DEFAULT_DAMPING;
	k = sw__calloc(1, sizeof *k);
	if (!k)
		return sw__error_oom(err);
	k->method = x.method;
	x.out = k;
	if (!o.no_phrases) {
		if (o.phrases) {
			x.ph = o.phrases;
		} else {
			sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
			po.nthreads = o.nthreads;
			po.unscored = 1; /* candidates: the phrases' scores are not used */
			if ((rc = sw_phrases_new(&k->own, c, &po, err)))
				goto fail;
			x.ph = k->own;
		}
		x.np = sw_phrases_count(x.ph);
	}
	if ((rc = key_stats(&x)))
		goto fail;
	if (x.method == SW_KEYWORDS_SALIENCE && x.ndocs && (rc = sw__keywords_salience_parts(&x)))
		goto fail;
	if (x.ndocs == 0)
		rc = SW_OK;
	else if (x.method == SW_KEYWORDS_KEYNESS)
		rc = sw__keywords_score_keyness(&x, &o);
	else if (x.method == SW_KEYWORDS_TFIDF || x.method == SW_KEYWORDS_BM25) {
		if (o.per) {
			sw_units *u = NULL;
			if (!(rc = sw_units_new(&u, c, o.per, err)))
				rc = score_units_tf(&x, u, o.per);
			sw_units_free(u);
		} else {
			rc = score_corpus_tf(&x);
		}
	} else {
		rc = sw__keywords_score_local(&x, o.per);
	}
	if (rc || (rc = set_labels(k, c, o.per, err)))
		goto fail;
	sw__free(x.kfirst);
	sw__free(x.kdf);
	sw__free(x.kidf);
	sw__free(x.pidf);
	sw__free(x.kcount);
	sw__free(x.poff);
	sw__free(x.parts);
	sw__free(x.cd);
	*out = k;
	return SW_OK;
fail:
	sw__free(x.kfirst);
	sw__free(x.kdf);
	sw__free(x.kidf);
	sw__free(x.pidf);
	sw__free(x.kcount);
	sw__free(x.poff);
	sw__free(x.parts);
	sw__free(x.cd);
	sw_keywords_free(k);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_keywords_new(sw_keywords **out, const sw_counts *c, const sw_keywords_options *opts,
		    sw_error *err)
{
	SW__NEED(err, "sw_keywords_new", out);
	SW__NEED(err, "sw_keywords_new", c);
	return keywords_new_impl(out, c, opts, err);
}

sw_keywords_method sw_keywords_method_used(const sw_keywords *k) { return k->method; }
size_t sw_keywords_units(const sw_keywords *k) { return k->nunits; }
size_t sw_keywords_count(const sw_keywords *k) { return k->n; }

const sw_keyword *sw_keywords_get(const sw_keywords *k, size_t i)
{
	return i < k->n ? &k->rec[i] : NULL;
}
