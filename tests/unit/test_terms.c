/*
 * tests/unit/test_terms.c - norms, stems and the stopword flag of the
 * lexicon (include/stichwort/terms.h).  Each form is tokenized first so
 * that the lexicon sees the type and flags the tokenizer gives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal/lexicon.h"
#include "stichwort/corpus.h"
#include "stichwort/lemma.h"
#include "stichwort/normalize.h"
#include "stichwort/stem.h"
#include "stichwort/stopwords.h"
#include "stichwort/terms.h"
#include "stichwort/tokenize.h"

struct fx {
	sw_stoplist *sl;
	sw_lexicon *lx;
	sw_tokenizer *tk;
};

static void fx_open(struct fx *f, sw_stemmer_kind kind)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;

	memset(f, 0, sizeof *f);
	assert_int_equal(sw_stoplist_new(&f->sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(f->sl, "de", NULL), SW_OK);
	lo.stemmer = kind;
	lo.stopwords = f->sl;
	assert_int_equal(sw_lexicon_new(&f->lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_tokenizer_new(&f->tk, NULL, NULL), SW_OK);
}

static void fx_close(struct fx *f)
{
	sw_tokenizer_free(f->tk);
	sw_lexicon_free(f->lx);
	sw_stoplist_free(f->sl);
}

/* The term of text, which must be exactly one token. */
static sw_term_info term(struct fx *f, const char *text)
{
	const sw_token *t;
	size_t n;
	sw_term_info ti;
	sw_error err;

	assert_int_equal(sw_tokenize(&t, &n, f->tk, text, strlen(text), NULL), SW_OK);
	if (n != 1 || t[0].start != 0 || t[0].len != strlen(text))
		fail_msg("\"%s\" is not one token (%zu tokens)", text, n);
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_lexicon_term(&ti, f->lx, text, strlen(text), t[0].type, t[0].flags, &err),
			 SW_OK);
	return ti;
}

static void check_str(const sw_vocab *v, sw_term_id id, const char *what, const char *form,
		      const char *expect)
{
	size_t len;
	const char *s = sw_vocab_bytes(v, id, &len);

	if (!s || len != strlen(expect) || memcmp(s, expect, len) != 0)
		fail_msg("%s of \"%s\" is \"%.*s\", expected \"%s\"", what, form, (int)len,
			 s ? s : "", expect);
}

static void check_norm(struct fx *f, const char *form, const char *expect)
{
	sw_term_info ti = term(f, form);
	check_str(sw_lexicon_norms(f->lx), ti.norm, "norm", form, expect);
}

static void check_stem(struct fx *f, const char *form, const char *expect)
{
	sw_term_info ti = term(f, form);
	check_str(sw_lexicon_stems(f->lx), ti.stem, "stem", form, expect);
}

static void test_terms_casefold_norm(void **state)
{
	struct fx f;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	check_norm(&f, "Stra\xC3\x9F" "e", "strasse");
	check_norm(&f, "\xC3\x84RGER", "\xC3\xA4rger");
	check_norm(&f, "Souver\xC3\xA4nit\xC3\xA4t", "souver\xC3\xA4nit\xC3\xA4t");
	check_norm(&f, "E-Government", "e-government");
	fx_close(&f);
}

static void test_terms_gender_forms_one_norm(void **state)
{
	static const char *const forms[] = {
		"B\xC3\xBCrger*innen", "B\xC3\xBCrger:innen", "B\xC3\xBCrger_innen",
		"B\xC3\xBCrgerInnen",  "B\xC3\xBCrger/-innen",
	};
	struct fx f;
	sw_term_info first, ti, sg;
	size_t i;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	first = term(&f, forms[0]);
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		check_norm(&f, forms[i], "b\xC3\xBCrger*innen");
		ti = term(&f, forms[i]);
		assert_int_equal(ti.norm, first.norm);
		assert_int_equal(ti.stem, first.stem);
		assert_int_equal(ti.stop, 0);
	}
	/* The singular shares the stem key. */
	sg = term(&f, "B\xC3\xBCrger*in");
	assert_int_not_equal(sg.norm, first.norm);
	assert_int_equal(sg.stem, first.stem);
	check_stem(&f, "B\xC3\xBCrger*in", "burg*in");
	fx_close(&f);
}

static void test_terms_hyphenated_compound_stems_each_part(void **state)
{
	struct fx f;
	sw_term_info a, b;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	a = term(&f, "Open-Source-Strategien");
	b = term(&f, "Open-Source-Strategie");
	assert_int_not_equal(a.norm, b.norm);
	assert_int_equal(a.stem, b.stem);
	check_stem(&f, "Open-Source-Strategien", "open-sourc-strategi");
	/* the parts line up with the words written apart */
	check_stem(&f, "Software-Anbietern", "softwar-anbiet");
	check_norm(&f, "Open-Source-Strategien", "open-source-strategien");
	fx_close(&f);
}

static void test_terms_suspended_hyphen_dropped_in_stem(void **state)
{
	struct fx f;
	const sw_token *t;
	size_t n;
	sw_term_info ti;
	const char *text = "Cloud- und Software-Anbieter";

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	assert_int_equal(sw_tokenize(&t, &n, f.tk, text, strlen(text), NULL), SW_OK);
	assert_true(n >= 1);
	assert_int_equal(t[0].len, 6);
	assert_true(t[0].flags & SW_TOKEN_F_SUSPENDED);
	assert_int_equal(sw_lexicon_term(&ti, f.lx, text, 6, t[0].type, t[0].flags, NULL), SW_OK);
	check_str(sw_lexicon_norms(f.lx), ti.norm, "norm", "Cloud-", "cloud-");
	check_str(sw_lexicon_stems(f.lx), ti.stem, "stem", "Cloud-", "cloud");
	fx_close(&f);
}

static void test_terms_abbrev_and_percent_norms(void **state)
{
	struct fx f;
	sw_term_info a, b;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	check_norm(&f, "z. B.", "z.b.");
	check_norm(&f, "z.B.", "z.b.");
	a = term(&f, "z. B.");
	b = term(&f, "z.B.");
	assert_int_equal(a.norm, b.norm);
	/* Other types: the stem is the norm. */
	check_stem(&f, "z. B.", "z.b.");
	check_norm(&f, "87 %", "87%");
	check_norm(&f, "87%", "87%");
	check_stem(&f, "87 %", "87%");
	assert_int_equal(term(&f, "87 %").norm, term(&f, "87%").norm);
	check_norm(&f, "1.000,50", "1.000,50");
	check_stem(&f, "27.11.2025", "27.11.2025");
	fx_close(&f);
}

static void test_terms_stopword_flag(void **state)
{
	struct fx f;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	assert_int_equal(term(&f, "der").stop, 1);
	assert_int_equal(term(&f, "Der").stop, 1); /* looked up with the norm */
	assert_int_equal(term(&f, "und").stop, 1);
	assert_int_equal(term(&f, "Souver\xC3\xA4nit\xC3\xA4t").stop, 0);
	assert_int_equal(term(&f, "Digitalisierung").stop, 0);
	/* Only words and abbreviations are stopwords. */
	assert_int_equal(term(&f, "2025").stop, 0);
	assert_int_equal(term(&f, ",").stop, 0);
	fx_close(&f);
}

static void test_terms_no_stoplist_no_stop(void **state)
{
	sw_lexicon *lx = NULL;
	sw_term_info ti;

	(void)state;
	assert_int_equal(sw_lexicon_new(&lx, NULL, NULL), SW_OK);
	assert_int_equal(sw_lexicon_term(&ti, lx, "der", 3, SW_TOKEN_WORD, 0, NULL), SW_OK);
	assert_int_equal(ti.stop, 0);
	sw_lexicon_free(lx);
}

static void shared_stem(sw_stemmer_kind kind)
{
	struct fx f;
	sw_term_info a, b, c;

	fx_open(&f, kind);
	a = term(&f, "digitale");
	b = term(&f, "digitaler");
	c = term(&f, "digitalen");
	assert_int_not_equal(a.norm, b.norm);
	assert_int_not_equal(b.norm, c.norm);
	if (a.stem != b.stem || b.stem != c.stem)
		fail_msg("digitale/digitaler/digitalen do not share a stem with %s",
			 sw_stemmer_kind_name(kind));
	check_stem(&f, "digitalen", "digital");
	fx_close(&f);
}

static void test_terms_digital_shares_stem_snowball(void **state)
{
	(void)state;
	shared_stem(SW_STEMMER_SNOWBALL);
}

static void test_terms_digital_shares_stem_cistem(void **state)
{
	(void)state;
	shared_stem(SW_STEMMER_CISTEM);
}

static void test_terms_stemmer_none_keeps_norm(void **state)
{
	struct fx f;

	(void)state;
	fx_open(&f, SW_STEMMER_NONE);
	check_stem(&f, "digitalen", "digitalen");
	check_stem(&f, "Stra\xC3\x9F" "e", "strasse");
	check_stem(&f, "B\xC3\xBCrger:innen", "b\xC3\xBCrger*in");
	fx_close(&f);
}

static void test_terms_form_cache(void **state)
{
	struct fx f;
	sw_term_info a, b;
	size_t forms0;

	(void)state;
	fx_open(&f, SW_STEMMER_SNOWBALL);
	assert_int_equal(sw_lexicon_forms(f.lx), 0);
	a = term(&f, "Verwaltung");
	forms0 = sw_lexicon_forms(f.lx);
	assert_int_equal(forms0, 1);
	b = term(&f, "Verwaltung");
	assert_int_equal(a.norm, b.norm);
	assert_int_equal(a.stem, b.stem);
	assert_int_equal(a.stop, b.stop);
	assert_int_equal(sw_lexicon_forms(f.lx), 1);
	/* A different form with the same norm is still a new form. */
	term(&f, "VERWALTUNG");
	assert_int_equal(sw_lexicon_forms(f.lx), 2);
	assert_int_equal(term(&f, "VERWALTUNG").norm, a.norm);
	term(&f, "Verwaltungen");
	assert_int_equal(sw_lexicon_forms(f.lx), 3);
	/* The same bytes as another type are another form. */
	{
		sw_term_info c;
		assert_int_equal(sw_lexicon_term(&c, f.lx, "Verwaltung", 10, SW_TOKEN_PUNCT, 0, NULL),
				 SW_OK);
		assert_int_equal(sw_lexicon_forms(f.lx), 4);
	}
	/* Vocabularies hold distinct norms and stems only. */
	assert_int_equal(sw_vocab_size(sw_lexicon_norms(f.lx)), 2);
	fx_close(&f);
}

/* A plain word's stem is the stemmer's on its norm, so the lexicon
 * reuses the stem of a case variant met before (terms.c, norm_stem).
 * Whatever the order of the variants, each stem must be what the
 * stemmer gives for the word itself, and forms whose stem is not the
 * stemmer's on their norm (suspended, hyphenated, gendered) keep theirs. */
static void test_terms_case_variants_reuse_stem(void **state)
{
	static const char *const words[] = {
		"Die", "die", "DIE", "Straße", "STRASSE", "strasse", "Ärzte", "ärzte", "ÄRZTE",
		"Digitalisierung", "DIGITALISIERUNG", "Öffentliche", "öffentliche", "Wir", "wir",
		"Cloud", "cloud", "Open-Source-Strategie", "open", "Bürger*innen", "bürger",
		"BürgerInnen", "Bürgerinnen", NULL
	};
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM };
	size_t k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct fx f, g;
		fx_open(&f, kinds[k]);
		for (i = 0; words[i]; i++) {
			/* g: a fresh lexicon, which can reuse nothing */
			sw_term_info a = term(&f, words[i]), b;
			const char *sa, *sb;
			size_t la, lb;
			fx_open(&g, kinds[k]);
			b = term(&g, words[i]);
			sa = sw_vocab_bytes(sw_lexicon_stems(f.lx), a.stem, &la);
			sb = sw_vocab_bytes(sw_lexicon_stems(g.lx), b.stem, &lb);
			if (la != lb || memcmp(sa, sb, la) != 0)
				fail_msg("%s: stem of \"%s\" after its variants is \"%.*s\", alone "
					 "\"%.*s\"", kinds[k] ? "cistem" : "snowball", words[i],
					 (int)la, sa, (int)lb, sb);
			fx_close(&g);
		}
		check_stem(&f, "DIE", "die");
		check_stem(&f, "STRASSE", "strass");
		{
			/* a suspended "Cloud-" keeps the hyphen in its norm only */
			sw_term_info t1, t2;
			assert_int_equal(sw_lexicon_term(&t1, f.lx, "Cloud-", 6, SW_TOKEN_WORD,
							 SW_TOKEN_F_SUSPENDED, NULL), SW_OK);
			assert_int_equal(sw_lexicon_term(&t2, f.lx, "CLOUD-", 6, SW_TOKEN_WORD,
							 SW_TOKEN_F_SUSPENDED, NULL), SW_OK);
			assert_int_equal(t1.norm, t2.norm);
			assert_int_equal(t1.stem, t2.stem);
			assert_int_equal(t1.stem, term(&f, "cloud").stem);
			check_str(sw_lexicon_norms(f.lx), t1.norm, "norm", "Cloud-", "cloud-");
		}
		fx_close(&f);
	}
}

/* A word that is not valid UTF-8 (only the public API can hand one
 * over; the tokenizer never makes one) is refused by the stemmer, and the
 * lexicon stays as it was: no form, norm or stem is added. */
static void test_terms_invalid_word_changes_nothing(void **state)
{
	static const struct {
		const char *form;
		unsigned flags;
	} cases[] = {
		{ "Stra\xFF" "e", 0 },
		{ "Open-Sour\xC3", SW_TOKEN_F_HYPHENATED },
		{ "B\xFCrger", SW_TOKEN_F_GENDERED },
	};
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM };
	size_t k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct fx f;
		fx_open(&f, kinds[k]);
		term(&f, "Strasse"); /* its norm is met, its stem cached */
		for (i = 0; i < sizeof cases / sizeof *cases; i++) {
			size_t forms = sw_lexicon_forms(f.lx);
			size_t norms = sw_vocab_size(sw_lexicon_norms(f.lx));
			size_t stems = sw_vocab_size(sw_lexicon_stems(f.lx));
			sw_term_info ti;
			sw_error err;
			memset(&err, 0, sizeof err);
			assert_int_equal(sw_lexicon_term(&ti, f.lx, cases[i].form, strlen(cases[i].form),
							 SW_TOKEN_WORD, cases[i].flags, &err),
					 SW_EINVAL);
			assert_non_null(strstr(err.message, "invalid UTF-8"));
			assert_int_equal(sw_lexicon_forms(f.lx), forms);
			assert_int_equal(sw_vocab_size(sw_lexicon_norms(f.lx)), norms);
			assert_int_equal(sw_vocab_size(sw_lexicon_stems(f.lx)), stems);
		}
		fx_close(&f);
	}
}

/* A plain word's stem is the stemmer's on the word, whether the lexicon
 * stems its norm (the fold it already made) or reuses a case variant's
 * stem: every word of the embedded corpus, for every stemmer. */
static void test_terms_plain_stems_are_stemmers(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t k, words = 0;

	(void)state;
	for (k = 0; k < 3; k++) {
		struct fx f;
		sw_corpus *c;
		sw_stemmer *st;
		const sw_doc *d;
		int rc;
		fx_open(&f, kinds[k]);
		assert_int_equal(sw_stemmer_new(&st, kinds[k], NULL), SW_OK);
		assert_int_equal(sw_corpus_new(&c, NULL, NULL), SW_OK);
		assert_int_equal(sw_corpus_add_path(c, "corpora", NULL), SW_OK);
		while ((rc = sw_corpus_next(&d, c, NULL)) == 1) {
			const sw_token *t;
			size_t n, i;
			assert_int_equal(sw_tokenize(&t, &n, f.tk, d->text, d->len, NULL), SW_OK);
			for (i = 0; i < n; i++) {
				const char *w = d->text + t[i].start, *want, *got;
				size_t wl, gl;
				sw_term_info ti;
				if (t[i].type != SW_TOKEN_WORD || t[i].flags)
					continue;
				assert_int_equal(sw_lexicon_term(&ti, f.lx, w, t[i].len, t[i].type,
								 t[i].flags, NULL),
						 SW_OK);
				assert_int_equal(sw_stem(&want, &wl, st, w, t[i].len, NULL), SW_OK);
				got = sw_vocab_bytes(sw_lexicon_stems(f.lx), ti.stem, &gl);
				if (gl != wl || memcmp(got, want, wl) != 0)
					fail_msg("%s: stem of \"%.*s\" is \"%.*s\", the stemmer's \"%.*s\"",
						 sw_stemmer_kind_name(kinds[k]), (int)t[i].len, w, (int)gl,
						 got, (int)wl, want);
				words++;
			}
		}
		assert_int_equal(rc, 0);
		sw_corpus_free(c);
		sw_stemmer_free(st);
		fx_close(&f);
	}
	assert_true(words > 3 * 10000);
}

/* The batch lookup (internal/lexicon.h) gives what one sw_lexicon_term()
 * call per token gives, and numbers forms in the order they first
 * appear: on the embedded corpus, so that the cache of frequent forms
 * both answers and misses, and forms new to a document repeat in it. */
static void test_terms_batch_as_single(void **state)
{
	struct fx a, b, o;
	sw_corpus *c;
	sw_normalizer *nz;
	const sw_doc *d;
	sw_term_info *infos = NULL;
	uint32_t *ords = NULL, *ords_only = NULL, next = 0;
	uint32_t *ord_form = NULL;
	uint8_t *ord_type = NULL;
	size_t cap = 0, capo = 0, tokens = 0, fresh = 0;
	int rc;

	(void)state;
	fx_open(&a, SW_STEMMER_SNOWBALL);
	fx_open(&b, SW_STEMMER_SNOWBALL);
	fx_open(&o, SW_STEMMER_SNOWBALL); /* looked up without infos, as the pipeline does */
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_new(&c, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(c, "corpora", NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(c, "corpora", NULL), SW_OK);
	while ((rc = sw_corpus_next(&d, c, NULL)) == 1) {
		const char *text;
		const sw_token *t;
		size_t len, n, i;
		assert_int_equal(sw_normalize(&text, &len, nz, d->text, d->len, NULL), SW_OK);
		assert_int_equal(sw_tokenize(&t, &n, a.tk, text, len, NULL), SW_OK);
		if (n > cap) {
			cap = n;
			infos = realloc(infos, cap * sizeof *infos);
			ords = realloc(ords, cap * sizeof *ords);
			ords_only = realloc(ords_only, cap * sizeof *ords_only);
			assert_non_null(infos);
			assert_non_null(ords);
			assert_non_null(ords_only);
		}
		assert_int_equal(sw__lexicon_terms(infos, ords, a.lx, text, t, n, NULL), SW_OK);
		assert_int_equal(sw__lexicon_terms(NULL, ords_only, o.lx, text, t, n, NULL), SW_OK);
		for (i = 0; i < n; i++) {
			sw_term_info one, by_ord;
			sw__lexicon_info(&by_ord, o.lx, ords_only[i]);
			assert_int_equal(ords_only[i], ords[i]);
			assert_int_equal(by_ord.norm, infos[i].norm);
			assert_int_equal(by_ord.stem, infos[i].stem);
			assert_int_equal(by_ord.form, infos[i].form);
			assert_int_equal(by_ord.stop, infos[i].stop);
			assert_int_equal(sw_lexicon_term(&one, b.lx, text + t[i].start, t[i].len,
							 t[i].type, t[i].flags, NULL),
					 SW_OK);
			assert_int_equal(infos[i].norm, one.norm);
			assert_int_equal(infos[i].stem, one.stem);
			assert_int_equal(infos[i].form, one.form);
			assert_int_equal(infos[i].stop, one.stop);
			/* a new form takes the next number; a known one keeps its own */
			if (ords[i] == next) {
				if (next >= capo) {
					capo = capo ? capo * 2 : 1024;
					ord_form = realloc(ord_form, capo * sizeof *ord_form);
					ord_type = realloc(ord_type, capo);
					assert_non_null(ord_form);
					assert_non_null(ord_type);
				}
				ord_form[next] = infos[i].form;
				ord_type[next] = (uint8_t)t[i].type;
				next++;
				fresh++;
			} else {
				assert_true(ords[i] < next);
				assert_int_equal(ord_form[ords[i]], infos[i].form);
				assert_int_equal(ord_type[ords[i]], t[i].type);
			}
			tokens++;
		}
		assert_int_equal(sw_lexicon_forms(a.lx), next);
		assert_int_equal(sw_lexicon_forms(b.lx), next);
		assert_int_equal(sw_lexicon_forms(o.lx), next);
	}
	assert_int_equal(rc, 0);
	/* twice over the corpus: the second time every form is known, and
	 * those that share a cache slot are found in the index */
	assert_true(tokens > 2 * 15000 && fresh > 3000 && fresh < tokens / 4);
	{
		/* a bad token type is refused before anything is looked up */
		sw_token bad = { 0, 3, (sw_token_type)SW_TOKEN_NTYPES, 0, 0 };
		size_t forms = sw_lexicon_forms(a.lx);
		assert_int_equal(sw__lexicon_terms(infos, ords, a.lx, "neu", &bad, 1, NULL),
				 SW_EINVAL);
		assert_int_equal(sw_lexicon_forms(a.lx), forms);
		/* and a call that asks for nothing, with nothing added */
		sw_token good = { 0, 3, SW_TOKEN_WORD, 0, 0 };
		assert_int_equal(sw__lexicon_terms(NULL, NULL, a.lx, "neu", &good, 1, NULL),
				 SW_EINVAL);
		assert_int_equal(sw_lexicon_forms(a.lx), forms);
		/* no tokens need no output (an empty document's analysis) */
		assert_int_equal(sw__lexicon_terms(NULL, NULL, a.lx, "", &good, 0, NULL), SW_OK);
	}
	free(infos);
	free(ords);
	free(ords_only);
	free(ord_form);
	free(ord_type);
	sw_corpus_free(c);
	sw_normalizer_free(nz);
	fx_close(&a);
	fx_close(&b);
	fx_close(&o);
}

/* bytes a[0..al) equal b[0..bl) */
static void same_bytes_as(const char *what, const char *form, size_t flen, const char *a,
			  size_t al, const char *b, size_t bl)
{
	if (al != bl || (al && memcmp(a, b, al) != 0))
		fail_msg("%s of \"%.*s\": \"%.*s\" kept, \"%.*s\" interned", what, (int)flen,
			 form, (int)al, a ? a : "", (int)bl, b ? b : "");
}

/* Run lexicon lx (hand-over mode) over the embedded corpora, dropping the
 * kept bytes; a first worker that publishes its analyses. */
static void run_over_corpora(sw_lexicon *lx)
{
	sw_tokenizer *tk;
	sw_normalizer *nz;
	sw_corpus *c;
	const sw_doc *d;
	uint32_t *o = NULL;
	size_t cap = 0;
	int rc;

	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_new(&c, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(c, "corpora", NULL), SW_OK);
	while ((rc = sw_corpus_next(&d, c, NULL)) == 1) {
		const char *text;
		const sw_token *t;
		size_t len, n;
		assert_int_equal(sw_normalize(&text, &len, nz, d->text, d->len, NULL), SW_OK);
		assert_int_equal(sw_tokenize(&t, &n, tk, text, len, NULL), SW_OK);
		if (n > cap) {
			cap = n;
			o = realloc(o, cap * sizeof *o);
			assert_non_null(o);
		}
		sw__lexicon_news_clear(lx);
		assert_int_equal(sw__lexicon_terms(NULL, o, lx, text, t, n, NULL), SW_OK);
	}
	assert_int_equal(rc, 0);
	free(o);
	sw_corpus_free(c);
	sw_normalizer_free(nz);
	sw_tokenizer_free(tk);
}

/* A lexicon in hand-over mode (a pipeline worker's) keeps of each new
 * form the bytes a normal lexicon interns: norm, key, lemma, head key,
 * stopword, part of speech; for lemma keys, stem keys of lemmas, and
 * Snowball stems without a lemmatizer; over the embedded corpora, with
 * the kept bytes cleared before each document as the pipeline does.
 * With shared set, the analyses come from a table that another hand-over
 * lexicon filled first (as another worker would), and must be the same. */
static void hand_over_like_normal(sw_lemmatizer *lm, sw_key_kind key, int shared)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_lexicon *norm_lx, *ho_lx, *first = NULL;
	sw__shared_forms *sf = NULL;
	sw_stoplist *sl;
	sw_tokenizer *tk;
	sw_normalizer *nz;
	sw_corpus *c;
	const sw_doc *d;
	uint32_t *o1 = NULL, *o2 = NULL;
	size_t cap = 0, news = 0;
	int rc;

	assert_int_equal(sw_stoplist_new(&sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(sl, "de", NULL), SW_OK);
	lo.stopwords = sl;
	lo.lemmatizer = lm;
	lo.key = key;
	assert_int_equal(sw_lexicon_new(&norm_lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_lexicon_new(&ho_lx, &lo, NULL), SW_OK);
	sw__lexicon_hand_over(ho_lx);
	if (shared) {
		assert_int_equal(sw__shared_forms_new(&sf, 1 << 16), SW_OK);
		assert_int_equal(sw_lexicon_new(&first, &lo, NULL), SW_OK);
		sw__lexicon_hand_over(first);
		sw__lexicon_share(first, sf);
		sw__lexicon_share(ho_lx, sf);
		run_over_corpora(first);
		assert_true(sw__shared_forms_used(sf) > 1000);
	}
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	assert_int_equal(sw_normalizer_new(&nz, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_new(&c, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(c, "corpora", NULL), SW_OK);
	while ((rc = sw_corpus_next(&d, c, NULL)) == 1) {
		const char *text;
		const sw_token *t;
		size_t len, n, i;
		uint32_t base = (uint32_t)sw_lexicon_forms(ho_lx), next = base;
		assert_int_equal(sw_normalize(&text, &len, nz, d->text, d->len, NULL), SW_OK);
		assert_int_equal(sw_tokenize(&t, &n, tk, text, len, NULL), SW_OK);
		if (n > cap) {
			cap = n;
			o1 = realloc(o1, cap * sizeof *o1);
			o2 = realloc(o2, cap * sizeof *o2);
			assert_non_null(o1);
			assert_non_null(o2);
		}
		sw__lexicon_news_clear(ho_lx);
		assert_int_equal(sw__lexicon_terms(NULL, o1, norm_lx, text, t, n, NULL), SW_OK);
		assert_int_equal(sw__lexicon_terms(NULL, o2, ho_lx, text, t, n, NULL), SW_OK);
		for (i = 0; i < n; i++) {
			const char *f = text + t[i].start, *b;
			size_t fl = t[i].len, bl;
			sw_term_info ti;
			sw_term_bytes tb;
			assert_int_equal(o1[i], o2[i]);
			if (o2[i] != next) {
				/* a form seen before: its bytes are kept while
				 * it is new in this document, then gone */
				assert_int_equal(sw__lexicon_news(&tb, ho_lx, o2[i]), o2[i] >= base);
				continue;
			}
			next++;
			news++;
			assert_int_equal(sw__lexicon_news(&tb, ho_lx, o2[i]), 1);
			sw__lexicon_info(&ti, norm_lx, o1[i]);
			b = sw_vocab_bytes(sw_lexicon_norms(norm_lx), ti.norm, &bl);
			same_bytes_as("norm", f, fl, tb.norm, tb.norm_len, b, bl);
			b = sw_vocab_bytes(sw_lexicon_stems(norm_lx), ti.stem, &bl);
			same_bytes_as("key", f, fl, tb.key, tb.key_len, b, bl);
			b = sw_vocab_bytes(sw_lexicon_lemmas(norm_lx), ti.lemma, &bl);
			if (tb.lemma)
				same_bytes_as("lemma", f, fl, tb.lemma, tb.lemma_len, b, bl);
			else
				same_bytes_as("lemma (the form)", f, fl, f, fl, b, bl);
			assert_int_equal(tb.head != NULL, ti.head != SW_TERM_NONE);
			if (tb.head) {
				b = sw_vocab_bytes(sw_lexicon_stems(norm_lx), ti.head, &bl);
				same_bytes_as("head", f, fl, tb.head, tb.head_len, b, bl);
			}
			assert_int_equal(tb.stop != 0, ti.stop != 0);
			assert_int_equal(tb.pos, ti.pos);
		}
	}
	assert_int_equal(rc, 0);
	assert_true(news > 1000);
	/* with the table, every word form's analysis came from it */
	if (sf && sw__shared_forms_hits(sf) < 1000)
		fail_msg("%zu analyses taken from the shared table", sw__shared_forms_hits(sf));
	/* the hand-over lexicon interned nothing but long forms */
	assert_int_equal(sw_vocab_size(sw_lexicon_norms(ho_lx)), 0);
	assert_int_equal(sw_vocab_size(sw_lexicon_stems(ho_lx)), 0);
	assert_int_equal(sw_vocab_size(sw_lexicon_lemmas(ho_lx)), 0);
	assert_true(sw_vocab_size(sw_lexicon_surfaces(ho_lx)) < sw_lexicon_forms(ho_lx) / 4);
	free(o1);
	free(o2);
	sw_corpus_free(c);
	sw_normalizer_free(nz);
	sw_tokenizer_free(tk);
	sw_lexicon_free(ho_lx);
	sw_lexicon_free(first);
	sw__shared_forms_free(sf);
	sw_lexicon_free(norm_lx);
	sw_stoplist_free(sl);
}

static void test_terms_hand_over(void **state)
{
	sw_lemmatizer *lm;

	(void)state;
	assert_int_equal(sw_lemmatizer_new(&lm, NULL, NULL), SW_OK);
	hand_over_like_normal(lm, SW_KEY_LEMMA, 0);
	hand_over_like_normal(lm, SW_KEY_STEM, 0);
	hand_over_like_normal(NULL, SW_KEY_STEM, 0);
	hand_over_like_normal(lm, SW_KEY_LEMMA, 1);
	hand_over_like_normal(lm, SW_KEY_STEM, 1);
	sw_lemmatizer_free(lm);
}

static void test_terms_free_null(void **state)
{
	(void)state;
	sw_lexicon_free(NULL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_terms_casefold_norm),
	cmocka_unit_test(test_terms_gender_forms_one_norm),
	cmocka_unit_test(test_terms_hyphenated_compound_stems_each_part),
	cmocka_unit_test(test_terms_suspended_hyphen_dropped_in_stem),
	cmocka_unit_test(test_terms_abbrev_and_percent_norms),
	cmocka_unit_test(test_terms_stopword_flag),
	cmocka_unit_test(test_terms_no_stoplist_no_stop),
	cmocka_unit_test(test_terms_digital_shares_stem_snowball),
	cmocka_unit_test(test_terms_digital_shares_stem_cistem),
	cmocka_unit_test(test_terms_stemmer_none_keeps_norm),
	cmocka_unit_test(test_terms_form_cache),
		cmocka_unit_test(test_terms_case_variants_reuse_stem),
	cmocka_unit_test(test_terms_invalid_word_changes_nothing),
		cmocka_unit_test(test_terms_plain_stems_are_stemmers),
	cmocka_unit_test(test_terms_batch_as_single),
	cmocka_unit_test(test_terms_hand_over),
	cmocka_unit_test(test_terms_free_null),
};

SW_TEST_MAIN(tests)
