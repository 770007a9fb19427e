/*
 * keyness_units.c - every unit against the rest (sw_keyness_units_new,
 * sw_keyness_unit_new; see stichwort/keyness.h).
 *
 * The tested terms and their corpus counts are found once; each unit then
 * counts only its own tokens and phrase occurrences.  A term the unit
 * lacks has count 0 there: its statistics depend on its corpus total
 * alone, so those terms are ranked once (sorted) and merged into the
 * reference direction in that order instead of being counted per unit.
 */
#include <stdlib.h>
#include <string.h>

#include "keyness_int.h"
#include "stichwort/stats.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"

/* A tested term while sorting: a word key (id < nk) or phrase id - nk. */
typedef struct kterm {
	uint32_t total, id;
	const char *key;
	size_t key_len, first;
	uint8_t multi;
} kterm;

/* By total descending, then as sw__keyness_cmp_kord ranks terms of equal
 * strength: key bytes, a word before a phrase, the first occurrence. */
static int cmp_kterm(const void *pa, const void *pb)
{
	const kterm *x = pa, *y = pb;
	int c;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	if ((c = sw__keyness_cmp_bytes(x->key, x->key_len, y->key, y->key_len)))
		return c;
	if (x->multi != y->multi)
		return x->multi ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

struct sw_keyness_units {
	const sw_counts *c;
	const sw_units *u;
	const sw_phrases *ph;
	sw_phrases *own_phrases;
	sw_keyness_measure measure;
	size_t nd, nk, nu, nph, min_count, top;
	uint64_t counted;       /* counted tokens of all documents */
	size_t *udoc0, *udoc;   /* documents of unit i: udoc[udoc0[i] .. udoc0[i + 1]) */
	uint64_t *ucounted;     /* counted tokens of unit i */
	size_t *uocc0;          /* tested phrases' occurrences in unit i: uocc[uocc0[i] ..) */
	uint32_t *uocc;         /* phrase index << 1, | 1 when it is the first of its document */
	uint32_t *tot, *docs;   /* per id (words, then phrases): corpus count (0: not
				 * tested) and documents */
	size_t *first;          /* per id: first occurrence */
	uint32_t *sorted;       /* the tested ids, in cmp_kterm order */
	uint32_t *sorted_docs;  /* ranked by g2_docs: the same by documents */
	uint32_t *rank;         /* per id: its position in sorted */
	size_t tested;
	double alpha;           /* the cut (0: none) */
	sw_keyness_options floors; /* target_only, min_docs, min_docs_share, min_log_ratio */
	/* scratch of sw_keyness_unit_new(), zero between calls */
	uint32_t *cnt, *df, *lastd, *touched;
};

void sw_keyness_units_free(sw_keyness_units *ku)
{
	if (!ku)
		return;
	sw_phrases_free(ku->own_phrases);
	sw__free(ku->udoc0);
	sw__free(ku->udoc);
	sw__free(ku->ucounted);
	sw__free(ku->uocc0);
	sw__free(ku->uocc);
	sw__free(ku->tot);
	sw__free(ku->docs);
	sw__free(ku->first);
	sw__free(ku->sorted);
	sw__free(ku->sorted_docs);
	sw__free(ku->rank);
	sw__free(ku->cnt);
	sw__free(ku->df);
	sw__free(ku->lastd);
	sw__free(ku->touched);
	sw__free(ku);
}

/* The tested phrases' occurrences bucketed by unit, and each phrase's
 * total, documents and first occurrence.  -1 on OOM. */
static int ku_phrases(sw_keyness_units *ku)
{
	size_t np = ku->nph, nocc = 0, i, j, cur = 0, cur_first = 1, cur_end = 0, pos;
	uint32_t *ounit;

	for (i = 0; i < np; i++) {
		const sw_phrase *p = sw_phrases_get(ku->ph, i);
		size_t multi = 0;
		for (j = 0; j < p->count; j++)
			multi += p->occ_len[j] > 1;
		/* as task_phrases: a phrase seen only as one compound token is
		 * the compound's word record; fewer than min_count: not tested */
		if (!multi || !p->count || p->count < ku->min_count)
			continue;
		ku->tot[ku->nk + i] = p->count;
		ku->first[ku->nk + i] = p->occ[0];
		nocc += p->count;
	}
	ku->uocc0 = sw__calloc(ku->nu + 2, sizeof *ku->uocc0);
	ku->uocc = sw__malloc((nocc + 1) * sizeof *ku->uocc);
	ounit = sw__malloc((nocc + 1) * sizeof *ounit);
	if (!ku->uocc0 || !ku->uocc || !ounit) {
		sw__free(ounit);
		return -1;
	}
	pos = 0;
	for (i = 0; i < np; i++) {
		const sw_phrase *p = sw_phrases_get(ku->ph, i);
		size_t ld = SIZE_MAX;
		if (!ku->tot[ku->nk + i])
			continue;
		for (j = 0; j < p->count; j++) {
			uint32_t un;
			if (p->occ[j] < cur_first || p->occ[j] >= cur_end) {
				const sw_count_doc *doc;
				cur = sw_counts_doc_of_token(ku->c, p->occ[j]);
				doc = sw_counts_doc(ku->c, cur);
				cur_first = doc->first;
				cur_end = doc->first + doc->ntokens;
			}
			un = (uint32_t)sw_units_of_doc(ku->u, cur);
			ounit[pos] = un;
			ku->uocc[pos++] = (uint32_t)(i << 1) | (cur != ld);
			ku->docs[ku->nk + i] += cur != ld;
			ku->uocc0[un + 1]++;
			ld = cur;
		}
	}
	for (i = 0; i < ku->nu; i++)
		ku->uocc0[i + 1] += ku->uocc0[i];
	/* a stable counting sort by unit, in place through a copy */
	{
		uint32_t *sortedocc = sw__malloc((nocc + 1) * sizeof *sortedocc);
		size_t *fill = sw__malloc((ku->nu + 1) * sizeof *fill);
		if (!sortedocc || !fill) {
			sw__free(sortedocc);
			sw__free(fill);
			sw__free(ounit);
			return -1;
		}
		memcpy(fill, ku->uocc0, (ku->nu + 1) * sizeof *fill);
		for (j = 0; j < nocc; j++)
			sortedocc[fill[ounit[j]]++] = ku->uocc[j];
		sw__free(ku->uocc);
		ku->uocc = sortedocc;
		sw__free(fill);
	}
	sw__free(ounit);
	return 0;
}

/* The tested terms sorted once; their count and the cut.  -1 on OOM. */
static int ku_sort(sw_keyness_units *ku, const sw_keyness_options *o)
{
	size_t nid = ku->nk + ku->nph, i, n = 0;
	kterm *t;

	if (o->target_only) { /* no reference direction: no terms the unit lacks */
		for (i = 0; i < nid; i++)
			n += ku->tot[i] != 0;
		goto tested;
	}
	if (!(t = sw__malloc((nid + 1) * sizeof *t)))
		return -1;
	for (i = 0; i < nid; i++) {
		if (!ku->tot[i])
			continue;
		t[n].total = ku->tot[i];
		t[n].id = (uint32_t)i;
		t[n].first = ku->first[i];
		if (i < ku->nk) {
			t[n].key = sw_counts_key_bytes(ku->c, (sw_term_id)i, &t[n].key_len);
			t[n].multi = 0;
		} else {
			const sw_phrase *p = sw_phrases_get(ku->ph, i - ku->nk);
			t[n].key = p->key;
			t[n].key_len = p->key_len;
			t[n].multi = p->n > 1;
		}
		n++;
	}
	qsort(t, n, sizeof *t, cmp_kterm);
	ku->sorted = sw__malloc((n + 1) * sizeof *ku->sorted);
	if (!ku->sorted) {
		sw__free(t);
		return -1;
	}
	for (i = 0; i < n; i++) {
		ku->sorted[i] = t[i].id;
		ku->rank[t[i].id] = (uint32_t)i;
	}
	if (o->measure == SW_KEYNESS_G2_DOCS) {
		/* g2_docs of a term the unit lacks grows with its documents */
		for (i = 0; i < n; i++)
			t[i].total = ku->docs[t[i].id];
		qsort(t, n, sizeof *t, cmp_kterm);
		if (!(ku->sorted_docs = sw__malloc((n + 1) * sizeof *ku->sorted_docs))) {
			sw__free(t);
			return -1;
		}
		for (i = 0; i < n; i++)
			ku->sorted_docs[i] = t[i].id;
	}
	sw__free(t);
tested:
	ku->tested = n;
	if (o->alpha > 0.0 || o->bonferroni) {
		ku->alpha = o->alpha > 0.0 ? o->alpha : 0.05;
		if (o->bonferroni && n)
			ku->alpha /= (double)n;
	}
	return 0;
}

static int keyness_units_new_impl(sw_keyness_units **out, const sw_counts *c, const sw_units *u,
				  const sw_keyness_options *opts, sw_error *err)
{
	static const sw_keyness_options defaults = SW_KEYNESS_OPTIONS_INIT;
	const sw_keyness_options *o = opts ? opts : &defaults;
	sw_keyness_units *ku;
	size_t i, d, nid;
	int rc;

	if (o->measure == SW_KEYNESS_LOG_RATIO || o->reference_list || o->with_compounds)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keyness of every unit: %s not supported (use sw_keyness_new per unit)",
				     o->reference_list ? "a reference list is"
				     : o->with_compounds ? "compounds are" : "ranking by log ratio is");
	if (!sw_counts_key_count(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "keyness: counts not finished");
	if (sw_counts_aggregated_by(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "keyness of every unit: needs counts with token arrays");
	if (!(ku = sw__calloc(1, sizeof *ku)))
		return sw__error_oom(err);
	ku->c = c;
	ku->u = u;
	ku->measure = o->measure;
	ku->nd = sw_counts_ndocs(c);
	ku->nk = sw_counts_nkeys(c);
	ku->nu = sw_units_count(u);
	ku->min_count = o->min_count ? o->min_count : 2;
	ku->top = o->top ? o->top : 20;
	ku->floors = *o;
	if (!o->no_phrases) {
		ku->ph = o->phrases;
		if (!ku->ph) {
			sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
			po.nthreads = o->nthreads;
			po.unscored = 1;
			if ((rc = sw_phrases_new(&ku->own_phrases, c, &po, err)))
				goto fail;
			ku->ph = ku->own_phrases;
		}
		ku->nph = sw_phrases_count(ku->ph);
	}
	if (ku->nk + ku->nph >= UINT32_MAX / 2 || ku->nu >= UINT32_MAX) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1, "keyness of every unit: too many terms");
		goto fail;
	}
	nid = ku->nk + ku->nph;
	ku->udoc0 = sw__calloc(ku->nu + 2, sizeof *ku->udoc0);
	ku->udoc = sw__malloc((ku->nd + 1) * sizeof *ku->udoc);
	ku->ucounted = sw__calloc(ku->nu + 1, sizeof *ku->ucounted);
	ku->tot = sw__calloc(nid + 1, sizeof *ku->tot);
	ku->docs = sw__calloc(nid + 1, sizeof *ku->docs);
	ku->first = sw__malloc((nid + 1) * sizeof *ku->first);
	ku->rank = sw__calloc(nid + 1, sizeof *ku->rank);
	ku->cnt = sw__calloc(nid + 1, sizeof *ku->cnt);
	ku->df = sw__calloc(nid + 1, sizeof *ku->df);
	ku->lastd = sw__calloc(ku->nk + 1, sizeof *ku->lastd);
	ku->touched = sw__malloc((nid + 1) * sizeof *ku->touched);
	if (!ku->udoc0 || !ku->udoc || !ku->ucounted || !ku->tot || !ku->docs || !ku->first ||
	    !ku->rank || !ku->cnt || !ku->df || !ku->lastd || !ku->touched)
		goto oom;
	/* documents by unit, in document order */
	for (d = 0; d < ku->nd; d++) {
		size_t un = sw_units_of_doc(u, d);
		const sw_count_doc *doc = sw_counts_doc(c, d);
		ku->udoc0[un + 1]++;
		ku->ucounted[un] += doc->counted;
		ku->counted += doc->counted;
	}
	for (i = 0; i < ku->nu; i++)
		ku->udoc0[i + 1] += ku->udoc0[i];
	{
		size_t *fill = sw__malloc((ku->nu + 1) * sizeof *fill);
		if (!fill)
			goto oom;
		memcpy(fill, ku->udoc0, (ku->nu + 1) * sizeof *fill);
		for (d = 0; d < ku->nd; d++)
			ku->udoc[fill[sw_units_of_doc(u, d)]++] = d;
		sw__free(fill);
	}
	/* words: the corpus's content counts (every document is on a side) */
	for (i = 0; i < ku->nk; i++) {
		uint32_t n, docs;
		sw__counts_content(c, (sw_term_id)i, &n, &docs, &ku->first[i]);
		if (n && n >= ku->min_count) {
			ku->tot[i] = n;
			ku->docs[i] = docs;
		}
	}
	if ((ku->nph && ku_phrases(ku)) || ku_sort(ku, o))
		goto oom;
	*out = ku;
	return SW_OK;
oom:
	rc = sw__error_oom(err);
fail:
	sw_keyness_units_free(ku);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_keyness_units_new(sw_keyness_units **out, const sw_counts *c, const sw_units *u,
			 const sw_keyness_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_keyness_units_new", out);
	SW__NEED(err, "sw_keyness_units_new", c);
	SW__NEED(err, "sw_keyness_units_new", u);
	return keyness_units_new_impl(out, c, u, opts, err);
}

/* The record of term id with a occurrences in da documents of the unit;
 * tc, rc_tot, dt, dr: the tokens and documents of the unit and the rest. */
static void ku_record(const sw_keyness_units *ku, krec *r, uint32_t id, uint32_t a, uint32_t da,
		      double tc, double rc_tot, double dt, double dr)
{
	if (id < ku->nk) {
		memset(r, 0, sizeof *r);
		r->r.key = sw_counts_key_bytes(ku->c, (sw_term_id)id, &r->r.key_len);
		r->r.term = sw_counts_display(ku->c, (sw_term_id)id, &r->r.term_len);
		r->r.n = 1;
	} else {
		const sw_phrase *p = sw_phrases_get(ku->ph, id - ku->nk);
		sw__keyness_named_record(r, p->display, p->display_len, p->key, p->key_len, p->n);
	}
	r->r.count_target = a;
	r->r.count_reference = ku->tot[id] - a;
	r->r.docs_target = da;
	r->r.docs_reference = ku->docs[id] - da;
	r->r.first = ku->first[id];
	/* g2_docs only where it ranks; else for the records kept, at the
	 * end of sw_keyness_unit_new() (most of a unit's terms are not) */
	sw__keyness_fill_stats(r, tc, rc_tot, dt, ku->measure == SW_KEYNESS_G2_DOCS ? dr : 0.0,
			       ku->measure);
}

/* The p of a term the unit lacks, of corpus count total. */
static double ku_absent_p(double total, double tc, double rc_tot)
{
	return sw_stats_chi2_p(sw_stats_g2(0.0, total, tc, rc_tot));
}

static kord ku_kord(const krec *r, uint32_t i)
{
	return (kord){ r->strength, r->r.key, r->r.key_len, r->r.first, i,
		       r->r.direction == SW_KEYNESS_TARGET, r->r.n > 1 };
}

static int keyness_unit_new_impl(sw_keyness **out, sw_keyness_units *ku, size_t ui, sw_error *err)
{
	const sw_term_id *keys = sw_counts_keys(ku->c);
	const uint8_t *types = sw_counts_types(ku->c), *flags = sw_counts_flags(ku->c);
	size_t nt = 0, ntouched = 0, i, j, topt, topr, ntg = 0, nrf = 0, cut_pos, present_before, need;
	krec *rec = NULL, absent;
	kord *ord = NULL, *tg, *rf;
	sw_keyness *k = NULL;
	double tc, rc_tot, dt, dr;
	int rc = SW_ENOMEM, have_absent = 0;
	size_t pos = 0, ri = 0;
	/* the terms the unit lacks in the measure's order (by documents for
	 * g2_docs, where the cut on p, a prefix of sorted, is looked up) */
	const uint32_t *absent_order = ku->sorted_docs ? ku->sorted_docs : ku->sorted;

	if (ui >= ku->nu)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "keyness: unit %zu out of range", ui);
	if (!(k = sw__calloc(1, sizeof *k)))
		return sw__error_oom(err);
	k->sum.docs_target = ku->udoc0[ui + 1] - ku->udoc0[ui];
	k->sum.docs_reference = ku->nd - k->sum.docs_target;
	k->sum.tokens_target = ku->ucounted[ui];
	k->sum.tokens_reference = ku->counted - ku->ucounted[ui];
	if (!k->sum.tokens_target) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				   "keyness: the target is empty (%zu documents, no tokens)",
				   k->sum.docs_target);
		goto fail;
	}
	if (!k->sum.tokens_reference) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				   "keyness: the reference is empty (%zu documents, no tokens)",
				   k->sum.docs_reference);
		goto fail;
	}
	tc = (double)k->sum.tokens_target;
	rc_tot = (double)k->sum.tokens_reference;
	need = sw_keyness_min_docs(&ku->floors, k->sum.docs_target);
	dt = (double)k->sum.docs_target;
	dr = (double)k->sum.docs_reference;

	/* the unit's words and phrases */
	for (i = ku->udoc0[ui]; i < ku->udoc0[ui + 1]; i++) {
		size_t d = ku->udoc[i], t;
		const sw_count_doc *doc = sw_counts_doc(ku->c, d);
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			sw_term_id key = keys[t];
			if (key >= ku->nk || types[t] != SW_TOKEN_WORD || (flags[t] & SW_CT_STOP) ||
			    !ku->tot[key])
				continue;
			if (ku->cnt[key]++ == 0)
				ku->touched[ntouched++] = key;
			if (ku->lastd[key] != d + 1) {
				ku->lastd[key] = (uint32_t)(d + 1);
				ku->df[key]++;
			}
		}
	}
	for (i = ku->uocc0 ? ku->uocc0[ui] : 0; ku->uocc0 && i < ku->uocc0[ui + 1]; i++) { /* none: words only */
		uint32_t id = (uint32_t)ku->nk + (ku->uocc[i] >> 1);
		if (ku->cnt[id]++ == 0)
			ku->touched[ntouched++] = id;
		ku->df[id] += ku->uocc[i] & 1;
	}

	/* their records, by direction */
	rec = sw__malloc((ntouched + 1) * sizeof *rec);
	ord = sw__malloc((ntouched + 1) * sizeof *ord);
	if (!rec || !ord)
		goto oom;
	for (i = 0; i < ntouched; i++) {
		uint32_t id = ku->touched[i];
		if (ku->floors.target_only && ku->measure != SW_KEYNESS_G2_DOCS) {
			/* the floors first, before the statistics and the display
			 * form: most of a unit's terms are not key for it */
			double a = ku->cnt[id], b = (double)(ku->tot[id] - ku->cnt[id]);
			if (ku->df[id] < need || !(a * rc_tot > b * tc) ||
			    (ku->floors.min_log_ratio > 0.0 &&
			     sw_stats_log_ratio(a, b, tc, rc_tot) < ku->floors.min_log_ratio))
				continue;
		}
		ku_record(ku, &rec[i], id, ku->cnt[id], ku->df[id], tc, rc_tot, dt, dr);
		if (!sw__keyness_floor(&rec[i].r, &ku->floors, need) ||
		    (ku->alpha > 0.0 && !(rec[i].r.p < ku->alpha)))
			continue;
		ord[nt++] = ku_kord(&rec[i], (uint32_t)i);
	}
	qsort(ord, nt, sizeof *ord, sw__keyness_cmp_kord); /* targets first */
	for (tg = ord; ntg < nt && tg[ntg].target; ntg++)
		;
	rf = ord + ntg;
	nrf = nt - ntg;

	/* the cut among the terms the unit lacks: their p grows as their
	 * total falls, so those that pass are a prefix of sorted */
	cut_pos = ku->tested;
	if (ku->alpha > 0.0 && ku->sorted) {
		size_t lo = 0, hi = ku->tested;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (ku_absent_p((double)ku->tot[ku->sorted[mid]], tc, rc_tot) < ku->alpha)
				lo = mid + 1;
			else
				hi = mid;
		}
		cut_pos = lo;
	}
	present_before = 0;
	for (i = 0; i < ntouched; i++)
		present_before += ku->rank[ku->touched[i]] < cut_pos;
	k->sum.tested = ku->tested;
	k->sum.alpha = ku->alpha;
	k->sum.kept_target = ntg;
	k->sum.kept_reference = ku->floors.target_only ? 0 : nrf + (cut_pos - present_before);
	topt = ku->top == SIZE_MAX || ntg < ku->top ? ntg : ku->top;
	topr = ku->top == SIZE_MAX || k->sum.kept_reference < ku->top ? k->sum.kept_reference
								       : ku->top;
	k->out = sw__malloc((topt + topr + 1) * sizeof *k->out);
	if (!k->out)
		goto oom;
	for (i = 0; i < topt; i++)
		k->out[k->nout++] = rec[tg[i].rec].r;
	/* the reference direction: the unit's terms merged with the terms it
	 * lacks, in sorted order (equal totals, equal statistics) */
	for (j = 0; j < topr; j++) {
		kord ka;
		while (!have_absent && pos < (ku->sorted_docs ? ku->tested : cut_pos)) {
			uint32_t id = absent_order[pos++];
			if (ku->cnt[id] || ku->rank[id] >= cut_pos)
				continue;
			ku_record(ku, &absent, id, 0, 0, tc, rc_tot, dt, dr);
			have_absent = 1;
		}
		if (have_absent)
			ka = ku_kord(&absent, 0);
		if (have_absent && (ri >= nrf || sw__keyness_cmp_kord(&ka, &rf[ri]) < 0)) {
			k->out[k->nout++] = absent.r;
			have_absent = 0;
		} else if (ri < nrf) {
			k->out[k->nout++] = rec[rf[ri++].rec].r;
		} else {
			break;
		}
	}
	for (i = 0; ku->measure != SW_KEYNESS_G2_DOCS && i < k->nout; i++)
		k->out[i].g2_docs = sw_stats_g2((double)k->out[i].docs_target,
						  (double)k->out[i].docs_reference, dt, dr);
	rc = SW_OK;
	*out = k;
	k = NULL;
	goto done;
oom:
	rc = sw__error_oom(err);
fail:
done:
	for (i = 0; i < ntouched; i++) {
		uint32_t id = ku->touched[i];
		ku->cnt[id] = 0;
		ku->df[id] = 0;
		if (id < ku->nk)
			ku->lastd[id] = 0;
	}
	sw__free(rec);
	sw__free(ord);
	sw_keyness_free(k);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_keyness_unit_new(sw_keyness **out, sw_keyness_units *ku, size_t i, sw_error *err)
{
	SW__NEED(err, "sw_keyness_unit_new", out);
	SW__NEED(err, "sw_keyness_unit_new", ku);
	return keyness_unit_new_impl(out, ku, i, err);
}
