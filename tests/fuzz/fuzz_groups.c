/*
 * tests/fuzz/fuzz_groups.c - the per-group paths on small generated
 * corpora, on 2 threads against 1: keywords per unit, terms by unit
 * (with token arrays and aggregated while loading), keyness of one group
 * against the others, trends by period (issue 23: a group of stopwords
 * only made keywords --per group pass NULL to memcpy on 2 threads).
 *
 * Layout of an input: byte 0 picks the options
 *   bits 0-2  keywords method (mod 5: auto, tfidf, bm25, yake, textrank)
 *   bits 3-4  unit: group, year, title, doc    bit 5  no phrases
 *   bit 6     keyness with compounds           bit 7  stemmer none
 * byte 1: bits 0-1 trends period (year, quarter, month, year), bits 2-3
 * keyness measure; then up to MAX_DOCS documents separated by 0xFF, each
 * with a header byte:
 *   bits 0-2  group "g0".."g5", 6: "" (an empty value), 7: none
 *   bits 3-4  text: 0 the bytes that follow (decoded), 1 stopwords only,
 *             2 empty, 3 the bytes twice
 *   bits 5-7  date: none or one of seven (years, quarters, months, a year
 *             alone, a month alone)
 * Titles are the group's letters backwards, so "title" units differ from
 * groups.
 *
 * Invariants checked:
 *   - keywords and keyness give the same records on 2 threads as on 1
 *     (the chunk minimum is lowered to one token, so even these corpora
 *     split); every keyword's unit exists, its count is > 0 and its docs
 *     no more than the unit's documents;
 *   - per unit, sw_units_tf() is the same from the token arrays and from
 *     counts aggregated by the unit while loading, and the units' counts
 *     add up to the corpus totals of each key;
 *   - keyness succeeds, or refuses an empty side with SW_EINVAL; a
 *     record's counts are within its side's tokens;
 *   - trends from token arrays and from counts aggregated by the period
 *     give the same series for every key.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stichwort/analyze.h"
#include "stichwort/corpus.h"
#include "stichwort/counts.h"
#include "stichwort/keyness.h"
#include "stichwort/keywords.h"
#include "stichwort/stopwords.h"
#include "stichwort/trends.h"
#include "internal/test_hook.h"
#include "fuzz_check.h"

#define MAX_DOCS 12

static const char *const dates[8] = {
	NULL, "2020-01-15", "2020-05-02", "2021-11-30", "2023", "2023-07", "2024-02-29", "2031-12-31"
};
static const char *const units[4] = { "group", "year", "title", "doc" };
static const char *const periods[4] = { "year", "quarter", "month", "year" };

typedef struct gdoc {
	char id[8];
	char group[4];
	char title[4];
	const char *text;
	size_t len;
	sw_buf buf;
	int has_group;
	const char *date;
} gdoc;

static sw_stoplist *stoplist(void)
{
	static sw_stoplist *sl;

	if (!sl) {
		FUZZ_CHECK(sw_stoplist_new(&sl, NULL) == SW_OK);
		FUZZ_CHECK(sw_stoplist_add_builtin(sl, "de", NULL) == SW_OK);
	}
	return sl;
}

/* Counts of the documents; aggregated by agg unless NULL. */
static sw_counts *load(sw_lexicon *lx, gdoc *docs, size_t n, const char *agg)
{
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	size_t i;

	FUZZ_CHECK(sw_analyzer_new(&an, lx, NULL, NULL) == SW_OK);
	FUZZ_CHECK(sw_counts_new(&c, lx, NULL) == SW_OK);
	if (agg)
		FUZZ_CHECK(sw_counts_aggregate(c, agg, NULL) == SW_OK);
	for (i = 0; i < n; i++) {
		const sw_atoken *t;
		size_t nt;
		sw_doc d;

		memset(&d, 0, sizeof d);
		d.index = i;
		d.id = docs[i].id;
		d.source = docs[i].id;
		d.date = docs[i].date;
		d.group = docs[i].has_group ? docs[i].group : NULL;
		d.title = docs[i].has_group ? docs[i].title : NULL;
		d.encoding = "UTF-8";
		d.text = docs[i].text;
		d.len = docs[i].len;
		FUZZ_CHECK(sw_analyze(&t, &nt, an, d.text, d.len, NULL) == SW_OK);
		FUZZ_CHECK(sw_counts_add(c, &d, t, nt, NULL) == SW_OK);
	}
	FUZZ_CHECK(sw_counts_finish(c, NULL) == SW_OK);
	sw_analyzer_free(an);
	return c;
}

static int same_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && (!al || memcmp(a, b, al) == 0);
}

/* Same double, NaN equal to NaN (bit for bit is what threads promise). */
static int same_real(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void check_keywords(const sw_counts *c, int method, const char *per, int no_phrases)
{
	sw_keywords_options o = SW_KEYWORDS_OPTIONS_INIT;
	sw_keywords *k1 = NULL, *k2 = NULL;
	sw_units *u = NULL;
	size_t i;
	int rc1, rc2;

	FUZZ_CHECK(sw_units_new(&u, c, per, NULL) == SW_OK);

	o.method = (sw_keywords_method)method;
	o.per = per;
	o.no_phrases = no_phrases;
	o.top = 5;
	o.nthreads = 1;
	rc1 = sw_keywords_new(&k1, c, &o, NULL);
	o.nthreads = 2;
	rc2 = sw_keywords_new(&k2, c, &o, NULL);
	FUZZ_CHECK(rc1 == rc2);
	FUZZ_CHECK(rc1 == SW_OK);
	FUZZ_CHECK(sw_keywords_count(k1) == sw_keywords_count(k2));
	FUZZ_CHECK(sw_keywords_units(k1) == sw_units_count(u));
	for (i = 0; i < sw_keywords_count(k1); i++) {
		const sw_keyword *a = sw_keywords_get(k1, i), *b = sw_keywords_get(k2, i);
		FUZZ_CHECK(a->unit == b->unit);
		FUZZ_CHECK(same_bytes(a->key, a->key_len, b->key, b->key_len));
		FUZZ_CHECK(same_bytes(a->term, a->term_len, b->term, b->term_len));
		FUZZ_CHECK(same_real(a->score, b->score));
		FUZZ_CHECK(a->count == b->count && a->docs == b->docs && a->n == b->n);
		FUZZ_CHECK(a->unit < sw_units_count(u));
		FUZZ_CHECK(a->count > 0);
		FUZZ_CHECK(a->docs <= sw_units_ndocs(u, a->unit));
	}
	sw_keywords_free(k1);
	sw_keywords_free(k2);
	sw_units_free(u);
}

/* Per unit, the same term frequencies with token arrays and aggregated,
 * adding up to the corpus totals. */
static void check_units(sw_lexicon *lx, const sw_counts *c, gdoc *docs, size_t n, const char *by)
{
	sw_counts *ca;
	sw_units *u = NULL, *ua = NULL;
	const uint32_t *kc = sw_counts_key_count(c);
	uint32_t *sum = calloc(sw_counts_nkeys(c) + 1, sizeof *sum);
	size_t i, j, nk = sw_counts_nkeys(c);
	int all;

	FUZZ_CHECK(sum != NULL);
	ca = load(lx, docs, n, by);
	FUZZ_CHECK(sw_units_new(&u, c, by, NULL) == SW_OK);
	FUZZ_CHECK(sw_units_new(&ua, ca, by, NULL) == SW_OK);
	FUZZ_CHECK(sw_units_count(u) == sw_units_count(ua));
	for (all = 0; all < 2; all++) {
		memset(sum, 0, (nk + 1) * sizeof *sum);
		for (i = 0; i < sw_units_count(u); i++) {
			const sw_unit_tf *tf, *tfa;
			size_t m, ma;
			const char *l = sw_units_label(u, i), *la = sw_units_label(ua, i);
			FUZZ_CHECK((!l && !la) || (l && la && strcmp(l, la) == 0));
			FUZZ_CHECK(sw_units_ndocs(u, i) == sw_units_ndocs(ua, i));
			FUZZ_CHECK(sw_units_counted(u, i) == sw_units_counted(ua, i));
			FUZZ_CHECK(sw_units_tf(&tf, &m, u, i, all, NULL) == SW_OK);
			/* the aggregated table uses the other counts' keys: the
			 * same lexicon, so the same ids */
			{
				sw_unit_tf *copy = malloc((m + 1) * sizeof *copy);
				FUZZ_CHECK(copy != NULL);
				if (m)
					memcpy(copy, tf, m * sizeof *copy);
				FUZZ_CHECK(sw_units_tf(&tfa, &ma, ua, i, all, NULL) == SW_OK);
				FUZZ_CHECK(m == ma);
				for (j = 0; j < m; j++) {
					FUZZ_CHECK(copy[j].key == tfa[j].key);
					FUZZ_CHECK(copy[j].count == tfa[j].count);
					FUZZ_CHECK(copy[j].docs == tfa[j].docs);
					FUZZ_CHECK(copy[j].docs <= sw_units_ndocs(u, i));
					if (copy[j].key < nk)
						sum[copy[j].key] += copy[j].count;
				}
				free(copy);
			}
		}
		/* every counted token in exactly one unit (a key's count may
		 * also hold punctuation tokens of the same bytes) */
		for (j = 0; all && j < nk; j++) {
			FUZZ_CHECK(sum[j] <= kc[j]);
			FUZZ_CHECK(!sw_counts_key_is_term(c, (sw_term_id)j, 1) || sum[j] > 0);
		}
	}
	sw_units_free(u);
	sw_units_free(ua);
	sw_counts_free(ca);
	free(sum);
}

static void check_keyness(const sw_counts *c, gdoc *docs, size_t n, int compounds,
			  int measure, int no_phrases)
{
	sw_keyness_options o = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness *k1 = NULL, *k2 = NULL;
	uint8_t side[MAX_DOCS + 1];
	const char *target = NULL;
	const sw_keyness_summary *s;
	size_t i;
	int rc1, rc2;

	for (i = 0; i < n; i++) {
		if (!docs[i].has_group) {
			side[i] = SW_KEYNESS_NONE;
			continue;
		}
		if (!target)
			target = docs[i].group;
		side[i] = strcmp(docs[i].group, target) == 0 ? SW_KEYNESS_TARGET
							      : SW_KEYNESS_REFERENCE;
	}
	o.with_compounds = compounds;
	o.measure = (sw_keyness_measure)(measure % 4); /* g2, chi2, log_ratio, g2_docs */
	o.no_phrases = no_phrases;
	o.top = 10;
	o.nthreads = 1;
	rc1 = sw_keyness_new(&k1, c, side, &o, NULL);
	o.nthreads = 2;
	rc2 = sw_keyness_new(&k2, c, side, &o, NULL);
	FUZZ_CHECK(rc1 == rc2);
	FUZZ_CHECK(rc1 == SW_OK || rc1 == SW_EINVAL);
	if (rc1 != SW_OK)
		return;
	s = sw_keyness_summary_get(k1);
	FUZZ_CHECK(sw_keyness_count(k1) == sw_keyness_count(k2));
	for (i = 0; i < sw_keyness_count(k1); i++) {
		const sw_keyness_record *a = sw_keyness_get(k1, i), *b = sw_keyness_get(k2, i);
		FUZZ_CHECK(same_bytes(a->key, a->key_len, b->key, b->key_len));
		FUZZ_CHECK(a->count_target == b->count_target);
		FUZZ_CHECK(a->count_reference == b->count_reference);
		FUZZ_CHECK(a->docs_target == b->docs_target && a->docs_reference == b->docs_reference);
		FUZZ_CHECK(same_real(a->g2, b->g2) && same_real(a->log_ratio, b->log_ratio));
		FUZZ_CHECK(same_real(a->g2_docs, b->g2_docs));
		FUZZ_CHECK(a->direction == b->direction);
		FUZZ_CHECK(compounds || a->count_target <= s->tokens_target);
		FUZZ_CHECK(compounds || a->count_reference <= s->tokens_reference);
		FUZZ_CHECK(a->docs_target <= s->docs_target);
	}
	sw_keyness_free(k1);
	sw_keyness_free(k2);
}

static void check_trends(sw_lexicon *lx, const sw_counts *c, gdoc *docs, size_t n,
			 const char *period)
{
	sw_counts *ca = load(lx, docs, n, period);
	sw_trends *t = NULL, *ta = NULL;
	size_t np, k, p, nk = sw_counts_nkeys(c);
	uint32_t *c1, *d1, *c2, *d2;
	const sw_trends_mover *mv;
	size_t nmv;

	FUZZ_CHECK(sw_trends_new(&t, c, period, NULL) == SW_OK);
	FUZZ_CHECK(sw_trends_new(&ta, ca, period, NULL) == SW_OK);
	np = sw_trends_nperiods(t);
	FUZZ_CHECK(np == sw_trends_nperiods(ta));
	FUZZ_CHECK(sw_trends_index_keys(t, 0, NULL) == SW_OK);
	FUZZ_CHECK(sw_trends_index_keys(ta, 0, NULL) == SW_OK);
	c1 = calloc(np + 1, sizeof *c1);
	d1 = calloc(np + 1, sizeof *d1);
	c2 = calloc(np + 1, sizeof *c2);
	d2 = calloc(np + 1, sizeof *d2);
	FUZZ_CHECK(c1 && d1 && c2 && d2);
	for (k = 0; k < nk; k++) {
		FUZZ_CHECK(sw_trends_key_series(t, (sw_term_id)k, c1, d1, NULL) == SW_OK);
		FUZZ_CHECK(sw_trends_key_series(ta, (sw_term_id)k, c2, d2, NULL) == SW_OK);
		for (p = 0; p < np; p++)
			FUZZ_CHECK(c1[p] == c2[p] && d1[p] == d2[p] && d1[p] <= c1[p]);
	}
	FUZZ_CHECK(sw_trends_movers(&mv, &nmv, t, SW_TRENDS_BOTH, 1, 1, NULL) == SW_OK);
	free(c1);
	free(d1);
	free(c2);
	free(d2);
	sw_trends_free(t);
	sw_trends_free(ta);
	sw_counts_free(ca);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_lexicon *lx = NULL;
	sw_counts *c;
	gdoc docs[MAX_DOCS];
	const char *p, *endp, *sep;
	const char *per;
	size_t n = 0, i;
	int method, no_phrases;

	if (!once) {
		sw_test_chunk_min_tokens(1); /* even these corpora split across threads */
		once = 1;
	}
	if (size < 2)
		return 0;
	method = (data[0] & 7) % 5;
	per = units[(data[0] >> 3) & 3];
	no_phrases = (data[0] >> 5) & 1;
	lo.stemmer = (data[0] & 0x80) ? SW_STEMMER_NONE : SW_STEMMER_SNOWBALL;
	lo.stopwords = stoplist();
	if (sw_lexicon_new(&lx, &lo, NULL) != SW_OK)
		return 0;

	memset(docs, 0, sizeof docs);
	p = (const char *)data + 2;
	endp = (const char *)data + size;
	while (n < MAX_DOCS && p <= endp) {
		gdoc *d = &docs[n];
		unsigned h = p < endp ? (unsigned char)*p++ : 0;
		unsigned g = h & 7;
		size_t rest = p < endp ? (size_t)(endp - p) : 0;

		sep = rest ? memchr(p, 0xFF, rest) : NULL;
		if (!sep || n == MAX_DOCS - 1)
			sep = endp;
		snprintf(d->id, sizeof d->id, "d%zu", n);
		d->has_group = g != 7;
		if (g < 6) {
			d->group[0] = 'g';
			d->group[1] = (char)('0' + g);
			d->title[0] = (char)('0' + g);
			d->title[1] = 't';
		}
		d->date = dates[h >> 5];
		switch ((h >> 3) & 3) {
		case 0:
		case 3:
			if (sw_decode(&d->buf, NULL, NULL, NULL, p, (size_t)(sep - p), NULL) == SW_OK &&
			    d->buf.len) {
				if (((h >> 3) & 3) == 3) {
					size_t l = d->buf.len;
					FUZZ_CHECK(sw_buf_putc(&d->buf, ' ') == SW_OK);
					FUZZ_CHECK(sw_buf_reserve(&d->buf, l) == SW_OK);
					FUZZ_CHECK(sw_buf_put(&d->buf, d->buf.ptr, l) == SW_OK);
				}
				d->text = d->buf.ptr;
				d->len = d->buf.len;
			} else {
				d->text = "";
			}
			break;
		case 1:
			d->text = "und die der und das";
			d->len = strlen(d->text);
			break;
		default:
			d->text = "";
			break;
		}
		n++;
		if (sep == endp)
			break;
		p = sep + 1;
	}

	c = load(lx, docs, n, NULL);
	check_keywords(c, method, per, no_phrases);
	check_keywords(c, method, NULL, no_phrases);
	if (strcmp(per, "doc") != 0)
		check_units(lx, c, docs, n, per);
	check_units(lx, c, docs, n, "group");
	check_keyness(c, docs, n, (data[0] >> 6) & 1, (data[1] >> 2) & 3, no_phrases);
	check_trends(lx, c, docs, n, periods[data[1] & 3]);

	sw_counts_free(c);
	for (i = 0; i < n; i++)
		sw_buf_free(&docs[i].buf);
	sw_lexicon_free(lx);
	return 0;
}
