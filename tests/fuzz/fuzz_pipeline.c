/*
 * tests/fuzz/fuzz_pipeline.c - the whole per-document pipeline on
 * arbitrary bytes: decode -> normalize -> tokenize -> fold -> stem ->
 * count (sw_decode, sw_analyze, sw_counts_add, sw_counts_finish, units).
 *
 * Layout of an input: the first byte picks the options
 *   bits 0-1  stemmer (0 Snowball, 1 CISTEM, 2 none, 3 Snowball)
 *   bit 2     keep_hyphenation      bit 3  drop_punct
 *   bit 4     no stopword list      bit 5  analyze the raw bytes instead
 *                                          of the decoded text
 * and the rest is up to four documents separated by the byte 0xFF (never
 * part of UTF-8, so a separator no text can contain by accident).
 *
 * Invariants checked:
 *   - sw_analyze() succeeds on every document;
 *   - tokens lie inside the normalized text, in order, without overlap;
 *     their original offsets lie inside the document, orig_start <=
 *     orig_end, and orig_start never decreases;
 *   - a token's form (sw_lexicon_surfaces) is exactly its bytes in the
 *     normalized text, and its norm and stem ids exist;
 *   - the surface (original spelling) exists and is no longer than the
 *     token's original span;
 *   - counts add up: sw_counts_ntokens is the sum of the documents'
 *     tokens, counted = tokens - punctuation, the key frequencies sum to
 *     the token total, and the per-document and corpus unit frequencies
 *     (all terms) sum to the counted tokens; document frequencies never
 *     exceed the number of documents nor the key's frequency.
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/analyze.h"
#include "stichwort/corpus.h"
#include "stichwort/counts.h"
#include "stichwort/stopwords.h"
#include "fuzz_check.h"

#define MAX_DOCS 4

static sw_stoplist *stoplist(void)
{
	static sw_stoplist *sl;

	if (!sl) {
		FUZZ_CHECK(sw_stoplist_new(&sl, NULL) == SW_OK);
		FUZZ_CHECK(sw_stoplist_add_builtin(sl, "de", NULL) == SW_OK);
		FUZZ_CHECK(sw_stoplist_add_builtin(sl, "de-speech", NULL) == SW_OK);
	}
	return sl;
}

static void check_doc(sw_analyzer *an, sw_lexicon *lx, const sw_atoken *t, size_t n,
		      size_t doclen, int decoded)
{
	const sw_vocab *forms = sw_lexicon_surfaces(lx);
	const sw_vocab *norms = sw_lexicon_norms(lx);
	const sw_vocab *stems = sw_lexicon_stems(lx);
	const char *text, *s;
	size_t len, i, end = 0, ostart = 0, flen, slen;

	text = sw_analyzer_text(an, &len);
	FUZZ_CHECK(text != NULL);
	FUZZ_CHECK(text[len] == '\0');
	for (i = 0; i < n; i++) {
		const sw_atoken *a = &t[i];

		FUZZ_CHECK(a->tok.len > 0);
		FUZZ_CHECK(a->tok.start <= len && a->tok.len <= len - a->tok.start);
		FUZZ_CHECK(a->tok.start >= end);
		FUZZ_CHECK((unsigned)a->tok.type < SW_TOKEN_NTYPES);
		FUZZ_CHECK(a->orig_start <= a->orig_end);
		FUZZ_CHECK(a->orig_end <= doclen);
		FUZZ_CHECK(a->orig_start >= ostart);
		end = a->tok.start + a->tok.len;
		ostart = a->orig_start;

		s = sw_vocab_bytes(forms, a->term.form, &flen);
		FUZZ_CHECK(s != NULL);
		FUZZ_CHECK(flen == a->tok.len && !memcmp(s, text + a->tok.start, flen));
		FUZZ_CHECK(sw_vocab_bytes(norms, a->term.norm, &flen) != NULL);
		FUZZ_CHECK(sw_vocab_bytes(stems, a->term.stem, &flen) != NULL);
		FUZZ_CHECK(a->term.stop <= 1);

		FUZZ_CHECK(sw_analyzer_surface(&s, &slen, an, a) == SW_OK);
		FUZZ_CHECK(s != NULL);
		FUZZ_CHECK(slen <= a->orig_end - a->orig_start);
		if (decoded)
			FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)s, slen));
	}
}

static void check_counts(sw_counts *c, size_t ndocs, size_t ntok, size_t npunct)
{
	const uint32_t *kc, *kd;
	sw_units *u = NULL;
	size_t k, nk, sum = 0, i, j, n, unit_sum;
	const sw_unit_tf *tf;

	FUZZ_CHECK(sw_counts_ndocs(c) == ndocs);
	FUZZ_CHECK(sw_counts_ntokens(c) == ntok);
	FUZZ_CHECK(sw_counts_counted(c) == ntok - npunct);
	nk = sw_counts_nkeys(c);
	kc = sw_counts_key_count(c);
	kd = sw_counts_key_docs(c);
	for (k = 0; k < nk; k++) {
		sum += kc[k];
		FUZZ_CHECK(kd[k] <= kc[k]);
		FUZZ_CHECK(kd[k] <= ndocs);
		FUZZ_CHECK(sw_counts_display(c, (sw_term_id)k, &n) != NULL);
	}
	FUZZ_CHECK(sum == ntok);

	/* Every counted token once, per document and in the whole corpus. */
	if (sw_units_new(&u, c, "doc", NULL) == SW_OK) {
		unit_sum = 0;
		FUZZ_CHECK(sw_units_count(u) == ndocs);
		for (i = 0; i < sw_units_count(u); i++) {
			size_t s = 0;
			FUZZ_CHECK(sw_units_tf(&tf, &n, u, i, 1, NULL) == SW_OK);
			for (j = 0; j < n; j++) {
				FUZZ_CHECK(tf[j].docs == 1);
				FUZZ_CHECK(j == 0 || tf[j - 1].key < tf[j].key);
				s += tf[j].count;
			}
			FUZZ_CHECK(s == sw_units_counted(u, i));
			FUZZ_CHECK(s == sw_counts_doc(c, i)->counted);
			unit_sum += s;
		}
		FUZZ_CHECK(unit_sum == ntok - npunct);
		sw_units_free(u);
		u = NULL;
	}
	if (sw_units_new(&u, c, NULL, NULL) == SW_OK) {
		size_t content = 0;
		FUZZ_CHECK(sw_units_count(u) == 1);
		FUZZ_CHECK(sw_units_tf(&tf, &n, u, 0, 1, NULL) == SW_OK);
		unit_sum = 0;
		for (j = 0; j < n; j++) {
			FUZZ_CHECK(tf[j].count == kc[tf[j].key]);
			unit_sum += tf[j].count;
		}
		FUZZ_CHECK(unit_sum == ntok - npunct);
		/* Content terms are a subset of all terms. */
		FUZZ_CHECK(sw_units_tf(&tf, &n, u, 0, 0, NULL) == SW_OK);
		for (j = 0; j < n; j++) {
			FUZZ_CHECK(sw_counts_key_is_term(c, tf[j].key, 0));
			content += tf[j].count;
		}
		FUZZ_CHECK(content <= ntok - npunct);
		sw_units_free(u);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_analyzer_options ao = SW_ANALYZER_OPTIONS_INIT;
	sw_lexicon *lx = NULL;
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	sw_buf dec = SW_BUF_INIT;
	const char *p, *endp, *sep, *text;
	size_t ndocs = 0, ntok = 0, npunct = 0, len, n, i;
	int raw;

	if (size < 1)
		return 0;
	lo.stemmer = (sw_stemmer_kind)(data[0] & 3);
	if (lo.stemmer > SW_STEMMER_NONE)
		lo.stemmer = SW_STEMMER_SNOWBALL;
	ao.normalize.keep_hyphenation = (data[0] >> 2) & 1;
	ao.tokenize.drop_punct = (data[0] >> 3) & 1;
	lo.stopwords = ((data[0] >> 4) & 1) ? NULL : stoplist();
	raw = (data[0] >> 5) & 1;

	if (sw_lexicon_new(&lx, &lo, NULL) != SW_OK)
		return 0;
	FUZZ_CHECK(sw_analyzer_new(&an, lx, &ao, NULL) == SW_OK);
	FUZZ_CHECK(sw_counts_new(&c, lx, NULL) == SW_OK);

	p = (const char *)data + 1;
	endp = (const char *)data + size;
	while (ndocs < MAX_DOCS) {
		sw_doc doc;
		const sw_atoken *t;
		char id[16];

		sep = memchr(p, 0xFF, (size_t)(endp - p));
		if (!sep || ndocs == MAX_DOCS - 1)
			sep = endp;
		if (raw) {
			text = p;
			len = (size_t)(sep - p);
		} else {
			sw_buf_clear(&dec);
			if (sw_decode(&dec, NULL, NULL, NULL, p, (size_t)(sep - p), NULL) == SW_OK) {
				text = dec.ptr ? dec.ptr : "";
				len = dec.len;
				FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)text, len));
			} else {
				text = "";
				len = 0;
			}
		}
		FUZZ_CHECK(sw_analyze(&t, &n, an, text, len, NULL) == SW_OK);
		check_doc(an, lx, t, n, len, !raw);
		for (i = 0; i < n; i++)
			npunct += t[i].tok.type == SW_TOKEN_PUNCT;
		memset(&doc, 0, sizeof doc);
		snprintf(id, sizeof id, "d%zu", ndocs);
		doc.index = ndocs;
		doc.id = id;
		doc.source = id;
		doc.date = (ndocs & 1) ? "2024-02-29" : NULL;
		doc.group = (ndocs & 2) ? "g" : NULL;
		doc.encoding = "UTF-8";
		doc.text = text;
		doc.len = len;
		FUZZ_CHECK(sw_counts_add(c, &doc, t, n, NULL) == SW_OK);
		ntok += n;
		ndocs++;
		if (sep == endp)
			break;
		p = sep + 1;
	}
	FUZZ_CHECK(sw_counts_finish(c, NULL) == SW_OK);
	check_counts(c, ndocs, ntok, npunct);

	sw_buf_free(&dec);
	sw_counts_free(c);
	sw_analyzer_free(an);
	sw_lexicon_free(lx);
	return 0;
}
