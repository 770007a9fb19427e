/*
 * keyness.c - comparing a target with a reference: G2, chi-square, log
 * ratio, p (see stichwort/keyness.h and docs/keyness.md).
 *
 * One pass over the tokens of the marked documents counts every content
 * key per side (and the documents holding it); the phrases' occurrence
 * lists are bucketed by the side of their document.  The cost is one walk
 * over the token arrays plus the phrase occurrences: far below the
 * counting pass that built sw_counts.
 *
 * The statistics themselves (G2, chi-square, log ratio, p) are in
 * stats.c; this file builds the tables they are computed from.
 *
 * Reference lists are read in reflist.c, every unit against the rest is
 * keyness_units.c, and what they share with this file is keyness_int.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "keyness_int.h"
#include "stichwort/stats.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/par.h"
#include "internal/phrases.h"

/* ---- statistics: the names of keyness.h, computed in stats.c ---- */

double sw_keyness_g2(double a, double b, double c, double d) { return sw_stats_g2(a, b, c, d); }

double sw_keyness_g2_two_cell(double a, double b, double c, double d)
{
	return sw_stats_g2_two_cell(a, b, c, d);
}

double sw_keyness_chi2(double a, double b, double c, double d) { return sw_stats_chi2(a, b, c, d); }

double sw_keyness_log_ratio(double a, double b, double c, double d)
{
	return sw_stats_log_ratio(a, b, c, d);
}

double sw_keyness_p(double x) { return sw_stats_chi2_p(x); }

/* ---- keyness ---- */

int sw_keyness_measure_parse(sw_keyness_measure *out, const char *name)
{
	if (strcmp(name, "g2") == 0)
		*out = SW_KEYNESS_G2;
	else if (strcmp(name, "chi2") == 0)
		*out = SW_KEYNESS_CHI2;
	else if (strcmp(name, "log_ratio") == 0)
		*out = SW_KEYNESS_LOG_RATIO;
	else if (strcmp(name, "g2_docs") == 0)
		*out = SW_KEYNESS_G2_DOCS;
	else
		return SW_EINVAL;
	return SW_OK;
}

const char *sw_keyness_measure_name(sw_keyness_measure m)
{
	switch (m) {
	case SW_KEYNESS_CHI2: return "chi2";
	case SW_KEYNESS_LOG_RATIO: return "log_ratio";
	case SW_KEYNESS_G2_DOCS: return "g2_docs";
	default: return "g2";
	}
}

void sw_keyness_free(sw_keyness *k)
{
	if (!k)
		return;
	sw__free(k->rec);
	sw__free(k->out);
	sw_phrases_free(k->own_phrases);
	sw__free(k);
}

size_t sw_keyness_count(const sw_keyness *k) { return k->nout; }

const sw_keyness_record *sw_keyness_get(const sw_keyness *k, size_t i)
{
	return i < k->nout ? &k->out[i] : NULL;
}

const sw_keyness_summary *sw_keyness_summary_get(const sw_keyness *k) { return &k->sum; }

/* Target before reference, stronger first, then key bytes, a word before
 * a phrase, the first occurrence: a total order. */
int sw__keyness_cmp_kord(const void *pa, const void *pb)
{
	const kord *x = pa, *y = pb;
	int c;

	if (x->target != y->target)
		return x->target ? -1 : 1;
	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	if ((c = sw__keyness_cmp_bytes(x->key, x->key_len, y->key, y->key_len)))
		return c;
	if (x->multi != y->multi)
		return x->multi ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

/* Fill the statistics of a record from its counts; c, d the sides'
 * tokens, dt, dr their documents (dr 0: a reference list, no g2_docs). */
void sw__keyness_fill_stats(krec *k, double c, double d, double dt, double dr,
			    sw_keyness_measure m)
{
	sw_keyness_record *r = &k->r;
	double a = (double)r->count_target, b = (double)r->count_reference;
	double da = (double)r->docs_target, db = (double)r->docs_reference;

	r->per_10k_target = a / c * 10000.0;
	r->per_10k_reference = b / d * 10000.0;
	r->g2 = sw_stats_g2(a, b, c, d);
	r->p = sw_stats_chi2_p(r->g2);
	r->chi2 = sw_stats_chi2(a, b, c, d);
	r->log_ratio = sw_stats_log_ratio(a, b, c, d);
	r->g2_docs = dr > 0.0 ? sw_stats_g2(da, db, dt, dr) : NAN;
	/* a / c > b / d, without the division; by g2_docs: da / dt > db / dr */
	if (m == SW_KEYNESS_G2_DOCS)
		r->direction = da * dr > db * dt ? SW_KEYNESS_TARGET : SW_KEYNESS_REFERENCE;
	else
		r->direction = a * d > b * c ? SW_KEYNESS_TARGET : SW_KEYNESS_REFERENCE;
	k->strength = m == SW_KEYNESS_CHI2 ? r->chi2
		    : m == SW_KEYNESS_LOG_RATIO ? fabs(r->log_ratio)
		    : m == SW_KEYNESS_G2_DOCS ? r->g2_docs : r->g2;
}

static int push(sw_keyness *k, const krec *r)
{
	if (sw__grow((void **)&k->rec, &k->cap, k->n + 1, sizeof *k->rec))
		return -1;
	k->rec[k->n++] = *r;
	return 0;
}

/* Totals of each side; the errors of an empty side. */
static int k_setup(sw_keyness *k, const sw_counts *c, const uint8_t *side, const sw_reflist *list,
		   sw_error *err)
{
	size_t nd = sw_counts_ndocs(c), d;

	if (!sw_counts_key_count(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "keyness: counts not finished");
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		if (side[d] > SW_KEYNESS_REFERENCE)
			return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "keyness: bad side value");
		if (side[d] == SW_KEYNESS_TARGET) {
			k->sum.docs_target++;
			k->sum.tokens_target += doc->counted;
		} else if (side[d] == SW_KEYNESS_REFERENCE) {
			k->sum.docs_reference++;
			k->sum.tokens_reference += doc->counted;
		}
	}
	if (list && k->sum.docs_reference)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keyness: reference documents given together with a reference list");
	if (list)
		k->sum.tokens_reference = sw_reflist_total(list);
	if (!k->sum.tokens_target)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keyness: the target is empty (%zu documents, no tokens)",
				     k->sum.docs_target);
	if (!k->sum.tokens_reference)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     list ? "keyness: the reference list has no tokens"
					  : "keyness: the reference is empty (%zu documents, no tokens)",
				     k->sum.docs_reference);
	return SW_OK;
}

size_t sw_keyness_min_docs(const sw_keyness_options *o, size_t ndocs)
{
	size_t need, share;

	if (!o)
		return 0;
	need = o->min_docs < ndocs ? o->min_docs : ndocs;
	if (o->min_docs_share > 0.0) {
		share = (size_t)ceil(o->min_docs_share * (double)ndocs);
		share = share < ndocs ? share : ndocs;
		need = share > need ? share : need;
	}
	return need;
}

/* Whether record r passes the floors of a target record (and target_only):
 * need is sw_keyness_min_docs() of the target. */
int sw__keyness_floor(const sw_keyness_record *r, const sw_keyness_options *o, size_t need)
{
	if (r->direction != SW_KEYNESS_TARGET)
		return !o->target_only;
	return r->docs_target >= need && !(o->min_log_ratio > 0.0 && r->log_ratio < o->min_log_ratio);
}

/* The floors, the significance cut, the order, the top of each direction. */
static int k_finish(sw_keyness *k, const sw_keyness_options *o, sw_error *err)
{
	size_t i, top = o->top ? o->top : 20, nt = 0, nr, nthreads = o->nthreads ? o->nthreads : 1;
	size_t need = sw_keyness_min_docs(o, k->sum.docs_target), w = 0;
	kord *ord;

	k->sum.tested = k->n;
	for (i = 0; i < k->n; i++)
		if (sw__keyness_floor(&k->rec[i].r, o, need))
			k->rec[w++] = k->rec[i];
	k->n = w;
	if (o->alpha > 0.0 || o->bonferroni) {
		double alpha = o->alpha > 0.0 ? o->alpha : 0.05;
		if (o->bonferroni && k->sum.tested)
			alpha /= (double)k->sum.tested;
		k->sum.alpha = alpha;
		for (w = i = 0; i < k->n; i++)
			if (k->rec[i].r.p < alpha)
				k->rec[w++] = k->rec[i];
		k->n = w;
	}
	ord = sw__malloc((k->n + 1) * sizeof *ord);
	if (!ord)
		return sw__error_oom(err);
	for (i = 0; i < k->n; i++) {
		const sw_keyness_record *r = &k->rec[i].r;
		ord[i] = (kord){ k->rec[i].strength, r->key, r->key_len, r->first, (uint32_t)i,
				 r->direction == SW_KEYNESS_TARGET, r->n > 1 };
		nt += ord[i].target;
	}
	nr = k->n - nt;
	k->sum.kept_target = nt;
	k->sum.kept_reference = nr;
	if (top != SIZE_MAX) { /* the records kept: the top of each direction */
		nt = nt < top ? nt : top;
		nr = nr < top ? nr : top;
	}
	sw__par_sort(ord, k->n, sizeof *ord, sw__keyness_cmp_kord, nthreads);
	k->out = sw__malloc((nt + nr + 1) * sizeof *k->out);
	if (!k->out) {
		sw__free(ord);
		return sw__error_oom(err);
	}
	for (i = 0; i < k->n; i++) { /* targets first, then references */
		size_t rank = ord[i].target ? i : i - k->sum.kept_target;
		if (rank < (ord[i].target ? nt : nr))
			k->out[k->nout++] = k->rec[ord[i].rec].r;
	}
	sw__free(ord);
	sw__free(k->rec);
	k->rec = NULL;
	k->n = k->cap = 0;
	return SW_OK;
}

/*
 * The word counts of each side from counts aggregated by a unit
 * (sw_counts_aggregate(): no token arrays): each unit's content terms go
 * to the side of its documents, which must all be on one side (a unit of
 * the field that chooses the sides, a date for date ranges, or the whole
 * corpus).  First occurrences are unknown there (first stays SIZE_MAX).
 */
static int words_from_units(const sw_counts *c, const uint8_t *side, uint32_t **cnt,
			    uint32_t **df, sw_error *err)
{
	sw_units *u = NULL;
	uint8_t *uside = NULL;
	size_t nd = sw_counts_ndocs(c), nu, d, i, j, n;
	int rc;

	if ((rc = sw_units_new(&u, c, sw_counts_aggregated_by(c), err)))
		return rc;
	nu = sw_units_count(u);
	uside = sw__malloc(nu + 1);
	if (!uside) {
		rc = sw__error_oom(err);
		goto done;
	}
	memset(uside, 0xff, nu + 1);
	for (d = 0; d < nd; d++) {
		size_t un = sw_units_of_doc(u, d);
		if (uside[un] == 0xff) {
			uside[un] = side[d];
		} else if (uside[un] != side[d]) {
			rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1,
					   "keyness: counts aggregated by %s, but the sides split "
					   "its unit '%s'", sw_counts_aggregated_by(c),
					   sw_units_label(u, un) ? sw_units_label(u, un) : "(none)");
			goto done;
		}
	}
	for (i = 0; i < nu; i++) {
		const sw_unit_tf *tf;
		int s = uside[i] == 0xff ? -1 : uside[i] - 1;
		if (s < 0)
			continue;
		if ((rc = sw_units_tf(&tf, &n, u, i, 0, err)))
			goto done;
		for (j = 0; j < n; j++) {
			cnt[s][tf[j].key] += tf[j].count;
			df[s][tf[j].key] += tf[j].docs;
		}
	}
	rc = SW_OK;
done:
	sw__free(uside);
	sw_units_free(u);
	return rc;
}

/* The word counts of each side (of side only, if it is 0 or 1), their
 * documents and first occurrences, from the counts' token arrays:
 * documents [d0, d1). */
static void words_from_tokens(const sw_counts *c, const uint8_t *side, int only, size_t d0,
			      size_t d1, uint32_t **cnt, uint32_t **df, size_t *first, uint32_t *last)
{
	const sw_term_id *keys = sw_counts_keys(c);
	const uint8_t *types = sw_counts_types(c), *flags = sw_counts_flags(c);
	size_t nk = sw_counts_nkeys(c), d, t;

	for (d = d0; d < d1; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		int s = side[d] - 1;
		if (s < 0 || (only >= 0 && s != only))
			continue;
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			sw_term_id key = keys[t];
			if (key >= nk || types[t] != SW_TOKEN_WORD || (flags[t] & SW_CT_STOP))
				continue;
			if (cnt[s][key]++ == 0 && first[key] == SIZE_MAX)
				first[key] = t;
			if (last[key] != d + 1) {
				last[key] = (uint32_t)(d + 1);
				df[s][key]++;
			}
		}
	}
}

/* The word counts of a document-aligned chunk (chunk 0 into the final
 * arrays, the others into arrays of their own, added up in order). */
typedef struct wchunk {
	const sw_counts *c;
	const uint8_t *side;
	int only;
	size_t d0, d1;
	uint32_t *cnt[2], *df[2], *last;
	size_t *first;
	int own, failed;
} wchunk;

static void wchunk_free(wchunk *w)
{
	if (!w->own)
		return;
	sw__free(w->cnt[0]);
	sw__free(w->cnt[1]);
	sw__free(w->df[0]);
	sw__free(w->df[1]);
	sw__free(w->last);
	sw__free(w->first);
}

static void task_words(void *payload, size_t k)
{
	wchunk *w = &((wchunk *)payload)[k];
	size_t nk = sw_counts_nkeys(w->c), i;

	if (w->own) {
		w->cnt[0] = sw__calloc(nk + 1, sizeof *w->cnt[0]);
		w->cnt[1] = sw__calloc(nk + 1, sizeof *w->cnt[1]);
		w->df[0] = sw__calloc(nk + 1, sizeof *w->df[0]);
		w->df[1] = sw__calloc(nk + 1, sizeof *w->df[1]);
		w->last = sw__calloc(nk + 1, sizeof *w->last);
		w->first = sw__malloc((nk + 1) * sizeof *w->first);
		if (!w->cnt[0] || !w->cnt[1] || !w->df[0] || !w->df[1] || !w->last || !w->first) {
			w->failed = 1;
			return;
		}
		for (i = 0; i <= nk; i++)
			w->first[i] = SIZE_MAX;
	}
	words_from_tokens(w->c, w->side, w->only, w->d0, w->d1, w->cnt, w->df, w->first, w->last);
}

/*
 * words_from_tokens() over all documents, on chunks of documents on
 * nthreads threads: the counts are sums (the chunks' documents are
 * disjoint) and a first occurrence is the earliest chunk's.  When every
 * document is on a side (a group against the rest), only the side with
 * fewer tokens is read: the other's counts and documents are the counts'
 * content totals less these, and a first occurrence is the corpus's (as
 * `stichwort report` compares every group with the rest, the groups then
 * cost one pass over the corpus together).  -1 on OOM.
 */
static int words_par(const sw_counts *c, const uint8_t *side, size_t nthreads, uint32_t **cnt,
		     uint32_t **df, size_t *first, uint32_t *last)
{
	size_t doc0[SW_PAR_MAX + 1], nch = sw__counts_chunks(c, nthreads ? nthreads : 1, doc0);
	size_t nk = sw_counts_nkeys(c), nd = sw_counts_ndocs(c), k, i, ntok[2] = { 0, 0 };
	wchunk w[SW_PAR_MAX];
	int rc = 0, only = 0;

	for (i = 0; i < nd && only >= 0; i++) {
		if (side[i] != SW_KEYNESS_TARGET && side[i] != SW_KEYNESS_REFERENCE)
			only = -1; /* a document on neither side */
		else
			ntok[side[i] - 1] += sw_counts_doc(c, i)->ntokens;
	}
	if (only >= 0)
		only = ntok[0] <= ntok[1] ? 0 : 1;
	memset(w, 0, sizeof w);
	for (k = 0; k < nch; k++) {
		w[k].c = c;
		w[k].side = side;
		w[k].only = only;
		w[k].d0 = doc0[k];
		w[k].d1 = doc0[k + 1];
		w[k].own = k > 0; /* allocated by its task */
	}
	w[0].cnt[0] = cnt[0];
	w[0].cnt[1] = cnt[1];
	w[0].df[0] = df[0];
	w[0].df[1] = df[1];
	w[0].last = last;
	w[0].first = first;
	sw__par_run(nch, task_words, w);
	for (k = 1; k < nch && !rc; k++) {
		if (w[k].failed) {
			rc = -1;
			break;
		}
		for (i = 0; i < nk; i++) {
			cnt[0][i] += w[k].cnt[0][i];
			cnt[1][i] += w[k].cnt[1][i];
			df[0][i] += w[k].df[0][i];
			df[1][i] += w[k].df[1][i];
			if (first[i] == SIZE_MAX)
				first[i] = w[k].first[i];
		}
	}
	for (k = 1; k < nch; k++)
		wchunk_free(&w[k]);
	for (i = 0; i < nk && !rc && only >= 0; i++) {
		int other = 1 - only;
		uint32_t n, docs;
		sw__counts_content(c, (sw_term_id)i, &n, &docs, &first[i]);
		cnt[other][i] = n - cnt[only][i];
		df[other][i] = docs - df[only][i];
	}
	return rc;
}

/* A record of a term shown as term, keyed key, of n words; counts and
 * statistics to be filled. */
void sw__keyness_named_record(krec *r, const char *term, size_t term_len, const char *key,
			      size_t key_len, uint32_t n)
{
	memset(r, 0, sizeof *r);
	r->r.term = term;
	r->r.term_len = term_len;
	r->r.key = key;
	r->r.key_len = key_len;
	r->r.n = n;
}

/* The records of phrases [p0, p1) of ph, each occurrence on the side of
 * its document, into out (phrase_records). */
typedef struct ptask {
	const sw_counts *c;
	const sw_phrases *ph;
	const uint8_t *side;
	const sw_reflist *list;
	uint8_t *matched; /* per list entry: named by a phrase (distinct entries
			   * per phrase: the tasks write apart) */
	size_t min_count, p0, p1;
	double tc, rc_tot, dt, dr; /* the sides' tokens and documents */
	sw_keyness_measure measure;
	sw_keyness out;
	int failed;
} ptask;

static void task_phrases(void *payload, size_t t)
{
	ptask *pt = &((ptask *)payload)[t];
	const sw_reflist *list = pt->list;
	size_t i, cur = 0, cur_first = 1, cur_end = 0; /* the document of the last
							  * occurrence: [first, end) */

	for (i = pt->p0; i < pt->p1; i++) {
		const sw_phrase *p = sw_phrases_get(pt->ph, i);
		uint64_t a = 0, b = 0;
		uint32_t da = 0, db = 0;
		size_t j, ld = SIZE_MAX, f = SIZE_MAX, multi = 0;
		krec r;
		for (j = 0; j < p->count; j++) {
			size_t dd;
			int s;
			if (p->occ[j] < cur_first || p->occ[j] >= cur_end) {
				const sw_count_doc *doc;
				cur = sw_counts_doc_of_token(pt->c, p->occ[j]);
				doc = sw_counts_doc(pt->c, cur);
				cur_first = doc->first;
				cur_end = doc->first + doc->ntokens;
			}
			dd = cur;
			s = pt->side[dd];
			if (s == SW_KEYNESS_NONE)
				continue;
			multi += p->occ_len[j] > 1;
			if (f == SIZE_MAX)
				f = p->occ[j];
			if (s == SW_KEYNESS_TARGET) {
				a++;
				da += dd != ld;
			} else {
				b++;
				db += dd != ld;
			}
			ld = dd;
		}
		/* a "phrase" seen only as one compound token ("CSU-Fraktion")
		 * is the word record of that compound once more, unless a
		 * reference list names it as a phrase */
		if (list) {
			size_t li = sw__reflist_lookup(list, p->key, p->key_len);
			if ((!a || !multi) && li == SIZE_MAX)
				continue;
			b = li == SIZE_MAX ? list->absent[1] : list->e[li].count;
			if (li != SIZE_MAX)
				pt->matched[li] = 1;
		}
		if ((!a && !b) || (!list && !multi))
			continue;
		if (a + b < pt->min_count)
			continue;
		sw__keyness_named_record(&r, p->display, p->display_len, p->key, p->key_len, p->n);
		r.r.count_target = a;
		r.r.count_reference = b;
		r.r.docs_target = da;
		r.r.docs_reference = db;
		r.r.first = f;
		sw__keyness_fill_stats(&r, pt->tc, pt->rc_tot, pt->dt, pt->dr, pt->measure);
		if (push(&pt->out, &r)) {
			pt->failed = 1;
			return;
		}
	}
}

/* The phrases' records, on o->nthreads threads taking ranges of phrases
 * of about equal occurrences (the records are ranked in k_finish, so
 * their order here does not matter).  -1 on OOM. */
static int phrase_records(sw_keyness *k, const sw_counts *c, const sw_phrases *ph,
			  const uint8_t *side, const sw_reflist *list, uint8_t *matched,
			  size_t min_count, double tc, double rc_tot, const sw_keyness_options *o)
{
	size_t p0[SW_PAR_MAX + 1], nt = sw__phrases_ranges(ph, o->nthreads, p0), t;
	ptask pt[SW_PAR_MAX];
	int rc = 0;

	memset(pt, 0, sizeof pt);
	for (t = 0; t < nt; t++) {
		pt[t].c = c;
		pt[t].ph = ph;
		pt[t].side = side;
		pt[t].list = list;
		pt[t].matched = matched;
		pt[t].min_count = min_count;
		pt[t].tc = tc;
		pt[t].rc_tot = rc_tot;
		pt[t].dt = (double)k->sum.docs_target;
		pt[t].dr = (double)k->sum.docs_reference;
		pt[t].measure = o->measure;
		pt[t].p0 = p0[t];
		pt[t].p1 = p0[t + 1];
	}
	sw__par_run(nt, task_phrases, pt);
	for (t = 0; t < nt; t++) {
		if (pt[t].failed ||
		    sw__grow((void **)&k->rec, &k->cap, k->n + pt[t].out.n, sizeof *k->rec))
			rc = -1;
		if (!rc && pt[t].out.n) {
			memcpy(k->rec + k->n, pt[t].out.rec, pt[t].out.n * sizeof *k->rec);
			k->n += pt[t].out.n;
		}
		sw__free(pt[t].out.rec);
	}
	return rc;
}

/* With compounds: each side's count of a word gains those of the keys
 * it heads ("Datensicherheit" for "Sicherheit"), from the counts as they
 * were (a head of a head is not followed).  SW_OK or SW_ENOMEM. */
static int add_compounds(const sw_counts *c, uint32_t *cnt[2])
{
	const sw_term_id *head = sw_counts_key_head(c);
	size_t nk = sw_counts_nkeys(c), i, s;
	uint32_t *add;

	if (!head)
		return SW_OK;
	add = sw__calloc(nk + 1, sizeof *add);
	if (!add)
		return SW_ENOMEM;
	for (s = 0; s < 2; s++) {
		memset(add, 0, (nk + 1) * sizeof *add);
		for (i = 0; i < nk; i++)
			if (head[i] != SW_TERM_NONE && head[i] < nk)
				add[head[i]] += cnt[s][i];
		for (i = 0; i < nk; i++)
			cnt[s][i] += add[i];
	}
	sw__free(add);
	return SW_OK;
}

static int keyness_new_impl(sw_keyness **out, const sw_counts *c, const uint8_t *side,
			    const sw_keyness_options *opts, sw_error *err)
{
	static const sw_keyness_options defaults = SW_KEYNESS_OPTIONS_INIT;
	const sw_keyness_options *o = opts ? opts : &defaults;
	const sw_reflist *list = o->reference_list;
	size_t nk = sw_counts_nkeys(c), i;
	size_t min_count = o->min_count ? o->min_count : 2;
	uint32_t *cnt[2] = { NULL, NULL }, *df[2] = { NULL, NULL }, *last = NULL;
	size_t *first = NULL;
	uint8_t *matched = NULL;
	const sw_phrases *ph = NULL;
	sw_keyness *k = sw__calloc(1, sizeof *k);
	double tc, rc_tot, dt, dr;
	int rc = SW_ENOMEM;

	if (!k)
		return sw__error_oom(err);
	if ((rc = k_setup(k, c, side, list, err)))
		goto fail;
	if (list && o->measure == SW_KEYNESS_G2_DOCS) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				   "keyness: g2_docs needs reference documents; a reference list has none");
		goto fail;
	}
	tc = (double)k->sum.tokens_target;
	rc_tot = (double)k->sum.tokens_reference;
	dt = (double)k->sum.docs_target;
	dr = (double)k->sum.docs_reference;

	/* words: one pass over the tokens of the marked documents */
	cnt[0] = sw__calloc(nk + 1, sizeof *cnt[0]);
	cnt[1] = sw__calloc(nk + 1, sizeof *cnt[1]);
	df[0] = sw__calloc(nk + 1, sizeof *df[0]);
	df[1] = sw__calloc(nk + 1, sizeof *df[1]);
	last = sw__calloc(nk + 1, sizeof *last);
	first = sw__malloc((nk + 1) * sizeof *first);
	if (list)
		matched = sw__calloc(sw_reflist_count(list) + 1, 1);
	if (!cnt[0] || !cnt[1] || !df[0] || !df[1] || !last || !first || (list && !matched))
		goto oom;
	for (i = 0; i <= nk; i++)
		first[i] = SIZE_MAX;
	if (sw_counts_aggregated_by(c)) {
		if (!o->no_phrases) {
			rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1,
					   "keyness: phrases need counts with token arrays");
			goto fail;
		}
		if ((rc = words_from_units(c, side, cnt, df, err)))
			goto fail;
	} else if (words_par(c, side, o->nthreads, cnt, df, first, last)) {
		goto oom;
	}
	if (o->with_compounds && add_compounds(c, cnt))
		goto oom;
	for (i = 0; i < nk; i++) {
		krec r;
		uint64_t b = cnt[1][i];
		if (!cnt[0][i] && !cnt[1][i] && !list)
			continue;
		memset(&r, 0, sizeof r);
		r.r.key = sw_counts_key_bytes(c, (sw_term_id)i, &r.r.key_len);
		if (list) {
			size_t li = sw__reflist_lookup(list, r.r.key, r.r.key_len);
			if (!cnt[0][i] && (li == SIZE_MAX || !sw_counts_key_is_term(c, (sw_term_id)i, 0)))
				continue;
			b = li == SIZE_MAX ? list->absent[0] : list->e[li].count;
			if (li != SIZE_MAX)
				matched[li] = 1;
			if (!cnt[0][i]) {
				/* a corpus term outside the target: shown as the list has it */
				r.r.term = list->e[li].display;
				r.r.term_len = list->e[li].display_len;
			}
		}
		if ((uint64_t)cnt[0][i] + b < min_count)
			continue;
		if (!r.r.term)
			r.r.term = sw_counts_display(c, (sw_term_id)i, &r.r.term_len);
		r.r.n = 1;
		r.r.count_target = cnt[0][i];
		r.r.count_reference = b;
		r.r.docs_target = df[0][i];
		r.r.docs_reference = df[1][i];
		r.r.first = first[i];
		sw__keyness_fill_stats(&r, tc, rc_tot, dt, dr, o->measure);
		if (push(k, &r))
			goto oom;
	}

	/* phrases: each occurrence on the side of its document */
	if (!o->no_phrases) {
		ph = o->phrases;
		if (!ph) {
			sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
			po.nthreads = o->nthreads;
			po.unscored = 1; /* counted on each side; their scores are not used */
			if ((rc = sw_phrases_new(&k->own_phrases, c, &po, err)))
				goto fail;
			ph = k->own_phrases;
		}
		if (phrase_records(k, c, ph, side, list, matched, min_count, tc, rc_tot, o))
			goto oom;
	}

	/* list terms the target never uses */
	for (i = 0; list && i < list->n; i++) {
		const rl_entry *e = &list->e[i];
		krec r;
		if (matched[i] || e->count < min_count)
			continue;
		if (e->n > 1 && o->no_phrases)
			continue;
		sw__keyness_named_record(&r, e->display, e->display_len, e->key, e->key_len, e->n);
		r.r.count_reference = e->count;
		r.r.first = SIZE_MAX;
		sw__keyness_fill_stats(&r, tc, rc_tot, dt, dr, o->measure);
		if (push(k, &r))
			goto oom;
	}

	if ((rc = k_finish(k, o, err)))
		goto fail;
	rc = SW_OK;
	*out = k;
	k = NULL;
	goto done;
oom:
	rc = sw__error_oom(err);
fail:
done:
	sw__free(cnt[0]);
	sw__free(cnt[1]);
	sw__free(df[0]);
	sw__free(df[1]);
	sw__free(last);
	sw__free(first);
	sw__free(matched);
	sw_keyness_free(k);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_keyness_new(sw_keyness **out, const sw_counts *c, const uint8_t *side,
		   const sw_keyness_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_keyness_new", out);
	SW__NEED(err, "sw_keyness_new", c);
	SW__NEED(err, "sw_keyness_new", side);
	return keyness_new_impl(out, c, side, opts, err);
}

static int keyness_new_items_impl(sw_keyness **out, const sw_counts *c, const uint8_t *side,
				  const sw_keyness_item *items, size_t nitems, const uint32_t *doc_counts,
				  const sw_keyness_options *opts, sw_error *err)
{
	static const sw_keyness_options defaults = SW_KEYNESS_OPTIONS_INIT;
	const sw_keyness_options *o = opts ? opts : &defaults;
	size_t nd = sw_counts_ndocs(c), min_count = o->min_count ? o->min_count : 2, i, d;
	sw_keyness *k;
	int rc;

	if (o->reference_list)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keyness: a reference list cannot be compared with items");
	if (!(k = sw__calloc(1, sizeof *k)))
		return sw__error_oom(err);
	if ((rc = k_setup(k, c, side, NULL, err)))
		goto fail;
	for (i = 0; i < nitems; i++) {
		krec r;
		memset(&r, 0, sizeof r);
		r.r.first = SIZE_MAX;
		for (d = 0; d < nd; d++) {
			uint32_t x = doc_counts[d * nitems + i];
			if (!x || side[d] == SW_KEYNESS_NONE)
				continue;
			if (r.r.first == SIZE_MAX)
				r.r.first = sw_counts_doc(c, d)->first;
			if (side[d] == SW_KEYNESS_TARGET) {
				r.r.count_target += x;
				r.r.docs_target++;
			} else {
				r.r.count_reference += x;
				r.r.docs_reference++;
			}
		}
		if (r.r.count_target + r.r.count_reference < min_count)
			continue;
		r.r.term = items[i].term;
		r.r.term_len = items[i].term_len;
		r.r.key = items[i].key;
		r.r.key_len = items[i].key_len;
		r.r.n = items[i].n ? items[i].n : 1;
		sw__keyness_fill_stats(&r, (double)k->sum.tokens_target,
				       (double)k->sum.tokens_reference, (double)k->sum.docs_target,
				       (double)k->sum.docs_reference, o->measure);
		if (push(k, &r)) {
			rc = sw__error_oom(err);
			goto fail;
		}
	}
	if ((rc = k_finish(k, o, err)))
		goto fail;
	*out = k;
	return SW_OK;
fail:
	sw_keyness_free(k);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_keyness_new_items(sw_keyness **out, const sw_counts *c, const uint8_t *side,
			 const sw_keyness_item *items, size_t nitems, const uint32_t *doc_counts,
			 const sw_keyness_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_keyness_new_items", out);
	SW__NEED(err, "sw_keyness_new_items", c);
	SW__NEED(err, "sw_keyness_new_items", side);
	if (nitems && !items)
		return sw__error_null(err, "sw_keyness_new_items", "items");
	if (nitems && sw_counts_ndocs(c) && !doc_counts)
		return sw__error_null(err, "sw_keyness_new_items", "doc_counts");
	return keyness_new_items_impl(out, c, side, items, nitems, doc_counts, opts, err);
}
