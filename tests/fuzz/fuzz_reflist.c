/*
 * tests/fuzz/fuzz_reflist.c - the reference-list reader (sw_reflist_parse,
 * keyness.h: "term<TAB>count" lines, "#total", "#key lemma", "#absent",
 * "#absent-phrases") on arbitrary bytes, and keyness of a small fixed
 * corpus against whatever parses.
 *
 * The first byte picks the options: bit 0 strict, bit 1 a lexicon keyed
 * by lemma (the built-in lemmatizer, made once) instead of Snowball stems
 * of the forms; the rest is the list.  The lexicon and the corpus are
 * made anew for every input (the list interns its forms into the
 * lexicon), so no input sees another's state.
 *
 * Invariants (keyness.h):
 *   - the result is SW_OK, or SW_EFORMAT only when strict (with a message,
 *     the path given and a line of the input), SW_ENOMEM only under
 *     memory pressure; the out-parameter is left unchanged on failure;
 *   - every warning is a problem naming the path and a line of the
 *     input, with a message; strict runs deliver none (the first problem
 *     is the error);
 *   - a list holds at most as many keys as the input has lines;
 *     parsing the same bytes into a fresh lexicon gives the same number of
 *     keys, the same total and the same counts for the corpus's keys;
 *   - keyness of the corpus against the list succeeds, or refuses a list
 *     without a total (SW_EINVAL); every record's reference count is at
 *     most the list's total, its statistics are numbers (G2 >= 0), and
 *     its direction one of the two.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stichwort/analyze.h"
#include "stichwort/counts.h"
#include "stichwort/keyness.h"
#include "stichwort/lemma.h"
#include "stichwort/stopwords.h"
#include "fuzz_check.h"

static const char text[] =
	"Die digitale Souver\xC3\xA4nit\xC3\xA4t der Verwaltung braucht Open-Source-Software. "
	"Open Source und offene Standards st\xC3\xA4rken die Kommunen; Abh\xC3\xA4ngigkeit "
	"von Anbietern schw\xC3\xA4" "cht sie. Das hei\xC3\x9Ft: Cloud-Dienste pr\xC3\xBC" "fen.";

static sw_lemmatizer *lm;
static sw_stoplist *sl;

typedef struct seen {
	long nlines;
	size_t problems;
} seen;

static void on_warn(const sw_warning *w, void *payload)
{
	seen *s = payload;

	FUZZ_CHECK(w->level == SW_WARN_PROBLEM);
	FUZZ_CHECK(w->path && !strcmp(w->path, "fuzz.tsv"));
	FUZZ_CHECK(w->line >= 1 && w->line <= s->nlines);
	FUZZ_CHECK(w->message && w->message[0]);
	s->problems++;
}

static sw_lexicon *lexicon(int lemma)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_lexicon *lx = NULL;

	lo.stopwords = sl;
	if (lemma) {
		lo.key = SW_KEY_LEMMA;
		lo.lemmatizer = lm;
	}
	FUZZ_CHECK(sw_lexicon_new(&lx, &lo, NULL) == SW_OK);
	return lx;
}

/* A corpus of the fixed text, split in two documents at its first '.'. */
static sw_counts *corpus(sw_lexicon *lx)
{
	const char *cut = strchr(text, '.') + 1;
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	size_t d;

	FUZZ_CHECK(sw_analyzer_new(&an, lx, NULL, NULL) == SW_OK);
	FUZZ_CHECK(sw_counts_new(&c, lx, NULL) == SW_OK);
	for (d = 0; d < 2; d++) {
		const char *s = d ? cut : text;
		size_t len = d ? strlen(cut) : (size_t)(cut - text);
		const sw_atoken *t;
		sw_doc doc;
		size_t n;
		FUZZ_CHECK(sw_analyze(&t, &n, an, s, len, NULL) == SW_OK);
		memset(&doc, 0, sizeof doc);
		doc.index = d;
		doc.id = d ? "b" : "a";
		doc.source = doc.id;
		doc.encoding = "UTF-8";
		doc.text = s;
		doc.len = len;
		FUZZ_CHECK(sw_counts_add(c, &doc, t, n, NULL) == SW_OK);
	}
	FUZZ_CHECK(sw_counts_finish(c, NULL) == SW_OK);
	sw_analyzer_free(an);
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_reflist_options ro = SW_REFLIST_OPTIONS_INIT;
	sw_keyness_options ko = SW_KEYNESS_OPTIONS_INIT;
	sw_reflist *r = NULL, *again = NULL;
	sw_lexicon *lx, *lx2;
	sw_counts *c;
	sw_keyness *k = NULL;
	const char *list;
	size_t len, i, nkeys;
	uint8_t side[2] = { SW_KEYNESS_TARGET, SW_KEYNESS_TARGET };
	sw_error err;
	seen s;
	int rc, strict, lemma;

	if (size < 1)
		return 0;
	if (!sl) {
		FUZZ_CHECK(sw_stoplist_new(&sl, NULL) == SW_OK);
		FUZZ_CHECK(sw_stoplist_add_builtin(sl, "de", NULL) == SW_OK);
		FUZZ_CHECK(sw_lemmatizer_new(&lm, NULL, NULL) == SW_OK);
	}
	strict = data[0] & 1;
	lemma = (data[0] >> 1) & 1;
	list = (const char *)data + 1;
	len = size - 1;
	memset(&s, 0, sizeof s);
	for (i = 0; i < len; i++)
		s.nlines += list[i] == '\n';
	s.nlines += len && list[len - 1] != '\n';

	lx = lexicon(lemma);
	c = corpus(lx);
	ro.strict = strict;
	ro.warn = on_warn;
	ro.warn_payload = &s;
	memset(&err, 0, sizeof err);
	rc = sw_reflist_parse(&r, list, len, "fuzz.tsv", lx, &ro, &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_ENOMEM || (strict && rc == SW_EFORMAT));
		FUZZ_CHECK(r == NULL);
		FUZZ_CHECK(err.code == rc && err.message[0]);
		if (rc == SW_EFORMAT) {
			FUZZ_CHECK(!strcmp(err.path, "fuzz.tsv"));
			FUZZ_CHECK(err.line >= 1 && err.line <= s.nlines);
		}
		goto done;
	}
	FUZZ_CHECK(r != NULL);
	FUZZ_CHECK(!strict || s.problems == 0);
	nkeys = sw_reflist_count(r);
	FUZZ_CHECK(nkeys <= (size_t)s.nlines);

	/* the same bytes into a fresh lexicon */
	lx2 = lexicon(lemma);
	ro.warn = NULL;
	FUZZ_CHECK(sw_reflist_parse(&again, list, len, "fuzz.tsv", lx2, &ro, NULL) == SW_OK);
	FUZZ_CHECK(sw_reflist_count(again) == nkeys);
	FUZZ_CHECK(sw_reflist_total(again) == sw_reflist_total(r));
	for (i = 0; i < sw_counts_nkeys(c); i++) {
		size_t kl;
		const char *key = sw_counts_key_bytes(c, (sw_term_id)i, &kl);
		FUZZ_CHECK(sw_reflist_find(r, key, kl) == sw_reflist_find(again, key, kl));
		FUZZ_CHECK(sw_reflist_find(r, key, kl) <= sw_reflist_total(r) ||
			   sw_reflist_total(r) == 0);
	}
	sw_reflist_free(again);
	sw_lexicon_free(lx2);

	/* keyness of the corpus against it */
	ko.reference_list = r;
	ko.min_count = 1;
	ko.top = SIZE_MAX;
	rc = sw_keyness_new(&k, c, side, &ko, &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EINVAL || rc == SW_ENOMEM);
		FUZZ_CHECK(k == NULL);
		FUZZ_CHECK(rc != SW_EINVAL || sw_reflist_total(r) == 0);
	} else {
		for (i = 0; i < sw_keyness_count(k); i++) {
			const sw_keyness_record *rec = sw_keyness_get(k, i);
			FUZZ_CHECK(rec->count_reference <= sw_reflist_total(r));
			FUZZ_CHECK(rec->g2 >= 0.0 && !isnan(rec->g2));
			FUZZ_CHECK(!isnan(rec->log_ratio) && !isnan(rec->p));
			FUZZ_CHECK(rec->direction == SW_KEYNESS_TARGET ||
				   rec->direction == SW_KEYNESS_REFERENCE);
		}
		sw_keyness_free(k);
	}
	sw_reflist_free(r);
done:
	sw_counts_free(c);
	sw_lexicon_free(lx);
	return 0;
}
