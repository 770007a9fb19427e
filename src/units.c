/*
 * units.c - units: the documents grouped by a field or a period, each
 * unit's term frequencies and Gries' DP of its keys (see
 * stichwort/counts.h).  Read from finished counts: their token arrays, or
 * in aggregate mode the tables gathered while loading (counts.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "counts_int.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"

struct sw_units {
	const sw_counts *c;
	char *by;
	size_t n;
	char **label;       /* per unit, NULL = no value */
	size_t *ndocs, *counted;
	size_t *doc_unit;   /* per document */
	size_t *order;      /* documents sorted by unit, then document order */
	size_t *ustart;     /* per unit: start in order[] */
	size_t *agg;        /* aggregate mode, per unit: its table in c->au (SIZE_MAX: none) */
	/* scratch for sw_units_tf */
	uint32_t *scount, *sdocs, *slast;
	sw_term_id *touched;
	sw_unit_tf *tf;
	size_t ntf;
	/* sw_units_dp: per key, its entry + 1 in dpq (0: not asked for);
	 * the distinct keys asked for; those met in the current document */
	uint32_t *dpidx;
	uint64_t *dpbit;    /* per key a bit: dpidx is set (1/32 of its size:
			     * the pass over the pairs tests it in the cache) */
	struct dp_sum *dpq;
	size_t capdpq;
	uint32_t *dptouch;
	size_t capdptouch;
};

int sw_period_label(char *out, const char *date, const char *by)
{
	size_t len = date ? strlen(date) : 0;

	if (len < 4)
		return 0;
	if (strcmp(by, "year") == 0) {
		memcpy(out, date, 4);
		out[4] = '\0';
		return 1;
	}
	if (len < 7)
		return 0;
	if (strcmp(by, "month") == 0) {
		memcpy(out, date, 7);
		out[7] = '\0';
		return 1;
	}
	if (strcmp(by, "quarter") == 0) {
		int m = (date[5] - '0') * 10 + (date[6] - '0');
		memcpy(out, date, 4);
		out[4] = '-';
		out[5] = 'Q';
		out[6] = (char)('1' + (m - 1) / 3);
		out[7] = '\0';
		return m >= 1 && m <= 12;
	}
	return 0;
}

const char *sw__units_doc_field(const sw_count_doc *d, const char *by, char *buf)
{
	size_t i;

	if (strcmp(by, "doc") == 0)
		return d->id;
	if (strcmp(by, "year") == 0 || strcmp(by, "quarter") == 0 || strcmp(by, "month") == 0)
		return sw_period_label(buf, d->date, by) ? buf : NULL;
	if (strcmp(by, "group") == 0)
		return d->group;
	if (strcmp(by, "title") == 0)
		return d->title;
	if (strcmp(by, "date") == 0)
		return d->date;
	if (strcmp(by, "id") == 0)
		return d->id;
	for (i = 0; i < d->n_extra; i++)
		if (strcmp(d->extra[i].key, by) == 0)
			return d->extra[i].value;
	return NULL;
}

static int cmp_label(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	if (!x || !y)
		return !x - !y; /* NULL last */
	return strcmp(x, y);
}

/* A document's label, for sorting the documents by label. */
typedef struct label_ref {
	const char *label;
	size_t doc;
} label_ref;

static int cmp_label_ref(const void *a, const void *b)
{
	const label_ref *x = a, *y = b;
	int r = cmp_label(&x->label, &y->label);

	return r ? r : (x->doc > y->doc) - (x->doc < y->doc);
}

void sw_units_free(sw_units *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; u->label && i < u->n; i++)
		sw__free(u->label[i]);
	sw__free(u->label);
	sw__free(u->by);
	sw__free(u->ndocs);
	sw__free(u->counted);
	sw__free(u->doc_unit);
	sw__free(u->order);
	sw__free(u->ustart);
	sw__free(u->agg);
	sw__free(u->scount);
	sw__free(u->sdocs);
	sw__free(u->slast);
	sw__free(u->touched);
	sw__free(u->tf);
	sw__free(u->dpidx);
	sw__free(u->dpbit);
	sw__free(u->dpq);
	sw__free(u->dptouch);
	sw__free(u);
}

static int units_new_impl(sw_units **out, const sw_counts *c, const char *by, sw_error *err)
{
	sw_units *u = sw__calloc(1, sizeof *u);
	size_t d, i, nd = c->ndocs, *fill = NULL;
	char buf[16];
	char **labels = NULL;
	label_ref *sorted = NULL;
	int per_doc;

	if (!u)
		return sw__error_oom(err);
	u->c = c;
	if (!by)
		by = "corpus";
	if (c->agg_by && strcmp(by, c->agg_by) != 0) {
		sw__free(u);
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "counts were aggregated by %s while loading, not by %s",
				     c->agg_by, by);
	}
	per_doc = strcmp(by, "doc") == 0;
	u->by = sw__strdup(by);
	u->doc_unit = sw__calloc(nd + 1, sizeof *u->doc_unit);
	labels = sw__calloc(nd + 1, sizeof *labels);
	if (!u->by || !u->doc_unit || !labels)
		goto oom;
	if (strcmp(by, "corpus") == 0) {
		u->n = 1;
		u->label = sw__calloc(1, sizeof *u->label);
		if (!u->label || !(u->label[0] = sw__strdup("corpus")))
			goto oom;
	} else if (per_doc) {
		u->n = nd;
		u->label = sw__calloc(nd + 1, sizeof *u->label);
		if (!u->label)
			goto oom;
		for (d = 0; d < nd; d++) {
			u->doc_unit[d] = d;
			if (!(u->label[d] = sw__strdup(c->docs[d].id)))
				goto oom;
		}
	} else {
		/* the documents sorted by label (then document order), a unit
		 * for each run of one label: n log n in the documents, however
		 * many distinct labels there are */
		size_t nl = 0, k;
		for (d = 0; d < nd; d++) {
			const char *v = sw__units_doc_field(&c->docs[d], by, buf);
			labels[d] = NULL;
			if (v && !(labels[d] = sw__strdup(v)))
				goto oom;
		}
		u->label = sw__calloc(nd + 1, sizeof *u->label);
		sorted = sw__malloc((nd + 1) * sizeof *sorted);
		if (!u->label || !sorted)
			goto oom;
		for (d = 0; d < nd; d++)
			sorted[d] = (label_ref){ labels[d], d };
		qsort(sorted, nd, sizeof *sorted, cmp_label_ref);
		for (k = 0; k < nd; k++) {
			const char *v = sorted[k].label;
			if (!nl || cmp_label(&u->label[nl - 1], &v) != 0)
				u->label[nl++] = (char *)v; /* the unit keeps this copy */
			else
				sw__free((char *)v);
			labels[sorted[k].doc] = NULL;
			u->doc_unit[sorted[k].doc] = nl - 1;
		}
		u->n = nl;
		sw__free(sorted);
		sorted = NULL;
	}
	sw__free(labels);
	labels = NULL;
	u->ndocs = sw__calloc(u->n + 1, sizeof *u->ndocs);
	u->counted = sw__calloc(u->n + 1, sizeof *u->counted);
	u->ustart = sw__calloc(u->n + 1, sizeof *u->ustart);
	u->order = sw__calloc(nd + 1, sizeof *u->order);
	fill = sw__calloc(u->n + 1, sizeof *fill);
	if (!u->ndocs || !u->counted || !u->ustart || !u->order || !fill)
		goto oom;
	for (d = 0; d < nd; d++) {
		u->ndocs[u->doc_unit[d]]++;
		u->counted[u->doc_unit[d]] += c->docs[d].counted;
	}
	for (i = 1; i <= u->n; i++)
		u->ustart[i] = u->ustart[i - 1] + u->ndocs[i - 1];
	for (d = 0; d < nd; d++) {
		size_t un = u->doc_unit[d];
		u->order[u->ustart[un] + fill[un]++] = d;
	}
	if (c->agg_by) { /* each unit's table, found once */
		if (!(u->agg = sw__malloc((u->n + 1) * sizeof *u->agg)))
			goto oom;
		for (i = 0; i < u->n; i++)
			u->agg[i] = sw__counts_agg_lookup(c, u->label[i], NULL);
	}
	sw__free(fill);
	*out = u;
	return SW_OK;
oom:
	/* a label is either still in labels[] or the unit's (u->n of them) */
	for (d = 0; labels && d < nd; d++)
		sw__free(labels[d]);
	sw__free(labels);
	sw__free(sorted);
	sw__free(fill);
	sw_units_free(u);
	return sw__error_oom(err);
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_units_new(sw_units **out, const sw_counts *c, const char *by, sw_error *err)
{
	SW__NEED(err, "sw_units_new", out);
	SW__NEED(err, "sw_units_new", c);
	return units_new_impl(out, c, by, err);
}

size_t sw_units_count(const sw_units *u) { return u->n; }
const char *sw_units_label(const sw_units *u, size_t i) { return i < u->n ? u->label[i] : NULL; }
size_t sw_units_of_doc(const sw_units *u, size_t d) { return u->doc_unit[d]; }
size_t sw_units_ndocs(const sw_units *u, size_t i) { return i < u->n ? u->ndocs[i] : 0; }
size_t sw_units_counted(const sw_units *u, size_t i) { return i < u->n ? u->counted[i] : 0; }
const char *sw_units_by(const sw_units *u) { return u->by; }

static int cmp_key(const void *a, const void *b)
{
	sw_term_id x = *(const sw_term_id *)a, y = *(const sw_term_id *)b;
	return (x > y) - (x < y);
}

int sw_units_tf(const sw_unit_tf **out, size_t *n_out, sw_units *u, size_t i, int all,
		sw_error *err)
{
	return sw__units_tf(out, n_out, u, i, all, 1, err);
}

int sw__units_tf(const sw_unit_tf **out, size_t *n_out, sw_units *u, size_t i, int all,
		 int sorted, sw_error *err)
{
	const sw_counts *c = u->c;
	size_t nk = c->nkeys, ntouched = 0, j, t;

	if (!c->finished || i >= u->n)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "units: bad unit or counts not finished");
	if (!u->scount) {
		u->scount = sw__calloc(nk + 1, sizeof *u->scount);
		u->sdocs = sw__calloc(nk + 1, sizeof *u->sdocs);
		u->slast = sw__calloc(nk + 1, sizeof *u->slast);
		u->touched = sw__calloc(nk + 1, sizeof *u->touched);
		u->tf = sw__calloc(nk + 1, sizeof *u->tf);
		if (!u->scount || !u->sdocs || !u->slast || !u->touched || !u->tf)
			return sw__error_oom(err);
	}
	if (c->agg_by) {
		/* the unit's table, gathered while loading: same label */
		const agg_unit *au = u->agg[i] < c->nau ? &c->au[u->agg[i]] : NULL;
		for (j = 0; au && j < au->cap; j++) {
			const agg_slot *s = &au->slot[j];
			uint32_t n = all ? s->count_all : s->count_content;
			if (!s->key1 || !n || s->key1 - 1 >= nk)
				continue;
			u->tf[ntouched].key = s->key1 - 1;
			u->tf[ntouched].count = n;
			u->tf[ntouched++].docs = all ? s->docs_all : s->docs_content;
		}
		if (sorted) /* key is the first member */
			qsort(u->tf, ntouched, sizeof *u->tf, cmp_key);
		goto done;
	}
	if (!all && u->ndocs[i] == c->ndocs && c->ccount) {
		/* the whole corpus: its content totals, gathered with the totals */
		for (j = 0; j < nk; j++)
			if (c->ccount[j]) {
				u->tf[ntouched].key = (sw_term_id)j;
				u->tf[ntouched].count = c->ccount[j];
				u->tf[ntouched++].docs = c->cdf[j];
			}
		goto done;
	}
	for (j = u->ustart[i]; j < u->ustart[i] + u->ndocs[i]; j++) {
		size_t d = u->order[j];
		const sw_count_doc *doc = &c->docs[d];
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			sw_term_id k = c->keys[t];
			if (k >= nk || c->types[t] == SW_TOKEN_PUNCT)
				continue;
			if (!all && (c->types[t] != SW_TOKEN_WORD || (c->flags[t] & SW_CT_STOP)))
				continue;
			if (!u->scount[k])
				u->touched[ntouched++] = k;
			u->scount[k]++;
			if (u->slast[k] != d + 1) {
				u->slast[k] = (uint32_t)(d + 1);
				u->sdocs[k]++;
			}
		}
	}
	if (sorted)
		qsort(u->touched, ntouched, sizeof *u->touched, cmp_key);
	for (j = 0; j < ntouched; j++) {
		sw_term_id k = u->touched[j];
		u->tf[j].key = k;
		u->tf[j].count = u->scount[k];
		u->tf[j].docs = u->sdocs[k];
		u->scount[k] = 0;
		u->sdocs[k] = 0;
		u->slast[k] = 0;
	}
done:
	u->ntf = ntouched;
	*out = u->tf;
	*n_out = ntouched;
	return SW_OK;
}

/* A varint as counts.c wrote it (put_varint(): LEB128, 7 bits a byte, low
 * first, the high bit set on all but the last). */
static uint64_t get_varint(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned sh = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << sh;
		sh += 7;
	}
	v |= (uint64_t)*p++ << sh;
	*pp = p;
	return v;
}

/* sw_units_dp(): one key asked for.  The unit's count f_unit; over the
 * documents where the key is over-represented (its share of the key's
 * tokens above the document's share of the unit's), the sums of its
 * tokens and of their counted tokens (integers: the same in any order);
 * its tokens in the current document (cur) and that document + 1 (last). */
struct dp_sum {
	uint64_t f_unit, sf, sc;
	uint32_t cur, last;
};

/* x * y as 128 bits, *hi and *lo (in 32-bit halves: C11 has no 128-bit type). */
static void mul_64(uint64_t x, uint64_t y, uint64_t *hi, uint64_t *lo)
{
	uint64_t x0 = x & 0xffffffffu, x1 = x >> 32, y0 = y & 0xffffffffu, y1 = y >> 32;
	uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
	uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);

	*lo = (mid << 32) | (p00 & 0xffffffffu);
	*hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* a * b > c * d, exactly. */
static int prod_gt(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	uint64_t h1, l1, h2, l2;

	if (!((a | b | c | d) >> 32))
		return a * b > c * d;
	mul_64(a, b, &h1, &l1);
	mul_64(c, d, &h2, &l2);
	return h1 != h2 ? h1 > h2 : l1 > l2;
}

/* Key q's f tokens in a document of cd counted tokens, of the unit's S. */
static inline void dp_doc(struct dp_sum *q, uint64_t f, uint64_t cd, uint64_t S)
{
	/* f / f_unit > cd / S: over-represented */
	if (prod_gt(f, S, cd, q->f_unit)) {
		q->sf += f;
		q->sc += cd;
	}
}

/*
 * Gries' DP of keys in unit i (see counts.h).  DP = 0.5 * sum_i |v_i -
 * s_i|; the v_i and the s_i each sum to 1, so the deviations above and
 * below cancel, and DP is the sum of v_i - s_i over the documents where
 * v_i > s_i alone: (sum of f_i) / f_unit - (sum of c_i) / S over them,
 * two integer sums.  Documents without the key are under-represented and
 * need no visit, so one pass over the postings (the key's documents)
 * does: in aggregate mode over each document's (key, count) pairs, else
 * over the unit's tokens (a first pass counts f_unit).  Integer sums
 * make the figure the same, to the bit, for any order and any --threads.
 */
int sw_units_dp(double *out, sw_units *u, size_t i, int all, const sw_term_id *keys, size_t n,
		sw_error *err)
{
	const sw_counts *c;
	size_t nk, j, jj, t, nq = 0;
	uint64_t S;

	SW__NEED(err, "sw_units_dp", u);
	if (n && !keys)
		return sw__error_null(err, "sw_units_dp", "keys");
	if (n && !out)
		return sw__error_null(err, "sw_units_dp", "out");
	c = u->c;
	if (!c->finished || i >= u->n)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "sw_units_dp: bad unit or counts not finished");
	if (c->agg_by && !c->agg_dp)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "sw_units_dp: counts aggregated without sw_counts_aggregate_dp()");
	if (c->agg_by && (c->agg_dp == 2) != !!all)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "sw_units_dp: counts kept DP for %s tokens, not %s",
				     c->agg_dp == 2 ? "all" : "content", all ? "all" : "content");
	if (!n)
		return SW_OK;
	nk = c->nkeys;
	S = u->counted[i];
	if (!u->dpidx && (!(u->dpidx = sw__calloc(nk + 1, sizeof *u->dpidx)) ||
			  !(u->dpbit = sw__calloc(nk / 64 + 1, sizeof *u->dpbit))))
		return sw__error_oom(err);
	if (sw__grow((void **)&u->dpq, &u->capdpq, n, sizeof *u->dpq) ||
	    sw__grow((void **)&u->dptouch, &u->capdptouch, n, sizeof *u->dptouch))
		return sw__error_oom(err);
	/* the distinct keys asked for (dpidx is all zero between calls) */
	for (j = 0; j < n; j++) {
		sw_term_id k = keys[j];
		if (k >= nk || u->dpidx[k])
			continue;
		memset(&u->dpq[nq], 0, sizeof *u->dpq);
		u->dpidx[k] = (uint32_t)++nq;
		u->dpbit[k / 64] |= (uint64_t)1 << (k % 64);
	}
	if (c->agg_by) {
		const agg_unit *au = u->agg[i] < c->nau ? &c->au[u->agg[i]] : NULL;
		/* the unit's counts from its table */
		for (j = 0; au && j < n; j++) {
			const agg_slot *s = keys[j] < nk ? sw__counts_agg_get(au, keys[j]) : NULL;
			if (s)
				u->dpq[u->dpidx[keys[j]] - 1].f_unit =
					all ? s->count_all : s->count_content;
		}
		for (jj = u->ustart[i]; jj < u->ustart[i] + u->ndocs[i]; jj++) {
			size_t d = u->order[jj];
			const uint8_t *b = c->dpbytes + c->dpoff[d], *e = c->dpbytes + c->dpoff[d + 1];
			const uint64_t cd = c->docs[d].counted;
			while (b < e) {
				uint64_t v = get_varint(&b), f = 1;
				sw_term_id k = (sw_term_id)(v >> 1);
				if (v & 1)
					f = get_varint(&b) + 2;
				if (k < nk && (u->dpbit[k / 64] >> (k % 64) & 1))
					dp_doc(&u->dpq[u->dpidx[k] - 1], f, cd, S);
			}
		}
	} else {
		/* from the tokens: the unit's counts, then document by document */
		int pass;
		for (pass = 0; pass < 2; pass++)
			for (jj = u->ustart[i]; jj < u->ustart[i] + u->ndocs[i]; jj++) {
				size_t d = u->order[jj], nt = 0;
				const sw_count_doc *doc = &c->docs[d];
				for (t = doc->first; t < doc->first + doc->ntokens; t++) {
					sw_term_id k = c->keys[t];
					struct dp_sum *q;
					if (k >= nk || !u->dpidx[k] || c->types[t] == SW_TOKEN_PUNCT)
						continue;
					if (!all && (c->types[t] != SW_TOKEN_WORD ||
						     (c->flags[t] & SW_CT_STOP)))
						continue;
					q = &u->dpq[u->dpidx[k] - 1];
					if (!pass) {
						q->f_unit++;
						continue;
					}
					if (q->last != d + 1) {
						q->last = (uint32_t)(d + 1);
						q->cur = 0;
						u->dptouch[nt++] = u->dpidx[k] - 1;
					}
					q->cur++;
				}
				for (t = 0; t < nt; t++)
					dp_doc(&u->dpq[u->dptouch[t]], u->dpq[u->dptouch[t]].cur,
					       doc->counted, S);
			}
	}
	for (j = 0; j < n; j++) {
		sw_term_id k = keys[j];
		const struct dp_sum *q = k < nk && u->dpidx[k] ? &u->dpq[u->dpidx[k] - 1] : NULL;
		out[j] = q && q->f_unit && S
			? (double)q->sf / (double)q->f_unit - (double)q->sc / (double)S
			: NAN;
	}
	for (j = 0; j < n; j++)
		if (keys[j] < nk) {
			u->dpidx[keys[j]] = 0;
			u->dpbit[keys[j] / 64] = 0;
		}
	return SW_OK;
}
