/*
 * tests/unit/test_lemma.c - the lemmatizer (include/stichwort/lemma.h) on
 * real German words, on bad input, on bad lexicon files and under failing
 * allocations; and the lexicon's lemma keys (include/stichwort/terms.h).
 *
 * Every expectation is a German fact or a rule of lemma.h, checked by
 * hand, not a recording of what the code happened to return.  The
 * accuracy on gold standards is test_lemma_gold.c's business.
 *
 * One lemmatizer on the built-in lexicon serves every test (the group
 * setup makes it); the OOM and file tests make their own.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal/test_hook.h"
#include "stichwort/lemma.h"
#include "stichwort/stopwords.h"
#include "stichwort/terms.h"
#include "stichwort/tokenize.h"

static sw_lemmatizer *lm; /* the built-in lexicon, for the whole group */

static int group_setup(void **state)
{
	(void)state;
	return sw_lemmatizer_new(&lm, NULL, NULL) == SW_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	sw_lemmatizer_free(lm);
	lm = NULL;
	return 0;
}

/* ------------------------------------------------------------ helpers */

/* The parts of a result are nparts NUL-terminated strings that fill the
 * parts buffer exactly, and nparts is 0 or at least 2 (lemma.h). */
static void check_parts_shape(const sw_lemma *l, const char *word)
{
	size_t i, off = 0;

	if (l->nparts == 1)
		fail_msg("\"%.40s\": nparts is 1 (must be 0 or >= 2)", word);
	if (l->nparts == 0) {
		if (l->parts.len != 0)
			fail_msg("\"%.40s\": no parts but %zu bytes in the parts buffer", word,
				 l->parts.len);
		return;
	}
	for (i = 0; i < l->nparts; i++) {
		const char *nul;
		if (off >= l->parts.len)
			fail_msg("\"%.40s\": part %zu starts past the buffer", word, i);
		nul = memchr(l->parts.ptr + off, '\0', l->parts.len - off);
		if (!nul)
			fail_msg("\"%.40s\": part %zu has no NUL", word, i);
		off = (size_t)(nul - l->parts.ptr) + 1;
	}
	if (off != l->parts.len)
		fail_msg("\"%.40s\": %zu bytes after the last of %zu parts", word,
			 l->parts.len - off, l->nparts);
}

/* Lemmatize word (NUL-terminated) with flags into *l, expecting SW_OK. */
static void lemmatize(sw_lemma *l, const char *word, unsigned flags)
{
	sw_error err;
	int rc;

	memset(&err, 0, sizeof err);
	rc = sw_lemmatize(l, lm, word, strlen(word), flags, &err);
	if (rc != SW_OK)
		fail_msg("\"%s\": sw_lemmatize returned %d (%s)", word, rc, err.message);
	check_parts_shape(l, word);
}

static void assert_lemma_is(const sw_lemma *l, const char *word, const char *expect)
{
	if (l->lemma.len != strlen(expect) || memcmp(l->lemma.ptr, expect, l->lemma.len) != 0)
		fail_msg("lemma of \"%s\" is \"%.*s\", expected \"%s\"", word, (int)l->lemma.len,
			 l->lemma.ptr ? l->lemma.ptr : "", expect);
}

/* The lemma and part of speech of word. */
static void check(const char *word, unsigned flags, const char *lemma, sw_pos pos)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	lemmatize(&l, word, flags);
	assert_lemma_is(&l, word, lemma);
	if (l.pos != pos)
		fail_msg("pos of \"%s\" is %s, expected %s", word, sw_pos_name(l.pos),
			 sw_pos_name(pos));
	sw_lemma_free(&l);
}

/* The parts of a result: n strings, given after n. */
static void assert_parts(const sw_lemma *l, const char *word, size_t n, ...)
{
	va_list ap;
	const char *p = l->parts.ptr;
	size_t i;

	if (l->nparts != n)
		fail_msg("\"%s\" has %zu parts, expected %zu", word, l->nparts, n);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		if (strcmp(p, want) != 0) {
			va_end(ap);
			fail_msg("part %zu of \"%s\" is \"%s\", expected \"%s\"", i, word, p, want);
		}
		p += strlen(p) + 1;
	}
	va_end(ap);
}

/* The last part of a result (the head's lemma). */
static const char *last_part(const sw_lemma *l)
{
	const char *p = l->parts.ptr, *last = NULL;
	size_t i;

	for (i = 0; i < l->nparts; i++) {
		last = p;
		p += strlen(p) + 1;
	}
	return last;
}

/* ------------------------------------------------------- real words */

static void test_lemma_inflection(void **state)
{
	(void)state;
	check("St\xC3\xA4" "dte", 0, "Stadt", SW_POS_NOUN);
	check("ging", 0, "gehen", SW_POS_VERB);
	check("Abh\xC3\xA4ngigkeiten", 0, "Abh\xC3\xA4ngigkeit", SW_POS_NOUN);
	check("digitalen", 0, "digital", SW_POS_ADJ);
	/* suppletive comparison */
	check("besser", 0, "gut", SW_POS_ADJ);
}

static void test_lemma_known_flag(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	lemmatize(&l, "St\xC3\xA4" "dte", 0);
	assert_true(l.flags & SW_LEMMA_F_KNOWN);
	assert_false(l.flags & SW_LEMMA_F_GUESSED);
	assert_int_equal(l.nparts, 0);
	sw_lemma_free(&l);
}

static void test_lemma_participles(void **state)
{
	(void)state;
	/* a bare past participle is the verb's (lemma.h, rule 2) */
	check("gekauft", 0, "kaufen", SW_POS_VERB);
	/* an inflected one is an adjective */
	check("geplanten", 0, "geplant", SW_POS_ADJ);
}

static void test_lemma_sentence_start(void **state)
{
	(void)state;
	/* "Die" is the article, capitalised or not, at a sentence start or
	 * not (no noun "Die" exists) */
	check("Die", 0, "die", SW_POS_FUNC);
	check("Die", SW_LEMMA_SENT_START, "die", SW_POS_FUNC);
	check("die", 0, "die", SW_POS_FUNC);
}

/* The context rules of lemma.h step 1, each with and without its flag. */
static void test_lemma_context(void **state)
{
	(void)state;
	/* a capitalised verb form: the verb at a sentence start or without
	 * context, a name inside a sentence */
	check("Hat", 0, "haben", SW_POS_VERB);
	check("Hat", SW_LEMMA_SENT_START, "haben", SW_POS_VERB);
	check("Hat", SW_LEMMA_INSIDE, "Hat", SW_POS_X);
	/* at a sentence start a pronoun beats the noun "das Sein", a
	 * preposition does not beat the noun "Zeit" */
	check("Sein", 0, "Sein", SW_POS_NOUN);
	check("Sein", SW_LEMMA_SENT_START, "sein", SW_POS_VERB);
	check("Zeit", SW_LEMMA_SENT_START, "Zeit", SW_POS_NOUN);
	/* an adjective made noun: the adjective, unless an article or a
	 * preposition comes before */
	check("Digitale", 0, "digital", SW_POS_ADJ);
	check("Digitale", SW_LEMMA_AFTER_DET, "Digitale", SW_POS_NOUN);
	/* a noun of its own stays one ("Liebe"), and so does an adjective
	 * made noun from a participle ("Beschäftigten") */
	check("Liebe", 0, "Liebe", SW_POS_NOUN);
	check("Beschäftigten", 0, "Beschäftigte", SW_POS_NOUN);
	check("Abgeordneter", 0, "Abgeordnete", SW_POS_NOUN);
	/* after "zu" an infinitive beats an adjective */
	check("gleichen", 0, "gleich", SW_POS_ADJ);
	check("gleichen", SW_LEMMA_AFTER_ZU, "gleichen", SW_POS_VERB);
}

static void test_lemma_no_false_friends(void **state)
{
	sw_lemma a = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	sw_lemma b = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	/* Snowball's "sich" for Sicherheit, "seit" for Seite: a lemma
	 * keeps them apart */
	check("Sicherheit", 0, "Sicherheit", SW_POS_NOUN);
	check("Sicherheit", SW_LEMMA_SENT_START, "Sicherheit", SW_POS_NOUN);
	check("Sicherheiten", 0, "Sicherheit", SW_POS_NOUN);
	check("sich", 0, "sich", SW_POS_FUNC);
	check("Seite", 0, "Seite", SW_POS_NOUN);
	check("Seite", SW_LEMMA_SENT_START, "Seite", SW_POS_NOUN);
	check("Seiten", 0, "Seite", SW_POS_NOUN);
	/* Bürger and Burg: one Snowball stem, two lemmas */
	check("B\xC3\xBCrger", 0, "B\xC3\xBCrger", SW_POS_NOUN);
	check("B\xC3\xBCrgern", 0, "B\xC3\xBCrger", SW_POS_NOUN);
	check("Burg", 0, "Burg", SW_POS_NOUN);
	check("Burgen", 0, "Burg", SW_POS_NOUN);
	lemmatize(&a, "B\xC3\xBCrger", 0);
	lemmatize(&b, "Burg", 0);
	assert_false(a.lemma.len == b.lemma.len && !memcmp(a.lemma.ptr, b.lemma.ptr, a.lemma.len));
	sw_lemma_free(&a);
	sw_lemma_free(&b);
}

static void test_lemma_daten_override(void **state)
{
	(void)state;
	/* the lexicon says Datum; in policy text Daten is data */
	check("Daten", 0, "Daten", SW_POS_NOUN);
	check("Daten", SW_LEMMA_SENT_START, "Daten", SW_POS_NOUN);
}

static void test_lemma_closed_compounds(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	lemmatize(&l, "Datensouver\xC3\xA4nit\xC3\xA4t", 0);
	assert_lemma_is(&l, "Datensouver\xC3\xA4nit\xC3\xA4t", "Datensouver\xC3\xA4nit\xC3\xA4t");
	assert_parts(&l, "Datensouver\xC3\xA4nit\xC3\xA4t", 2, "Daten", "Souver\xC3\xA4nit\xC3\xA4t");
	assert_true(l.flags & SW_LEMMA_F_COMPOUND);
	assert_int_equal(l.pos, SW_POS_NOUN);

	/* a linking -s- and a plural head */
	lemmatize(&l, "Verwaltungsleistungen", 0);
	assert_lemma_is(&l, "Verwaltungsleistungen", "Verwaltungsleistung");
	assert_parts(&l, "Verwaltungsleistungen", 2, "Verwaltung", "Leistung");
	assert_true(l.flags & SW_LEMMA_F_COMPOUND);
	assert_int_equal(l.pos, SW_POS_NOUN);

	/* a dropped -e: Schul- is Schule */
	lemmatize(&l, "Schulbuch", 0);
	assert_lemma_is(&l, "Schulbuch", "Schulbuch");
	assert_parts(&l, "Schulbuch", 2, "Schule", "Buch");
	assert_true(l.flags & SW_LEMMA_F_COMPOUND);
	lemmatize(&l, "Schulb\xC3\xBC" "cher", 0);
	assert_lemma_is(&l, "Schulb\xC3\xBC" "cher", "Schulbuch");
	assert_parts(&l, "Schulb\xC3\xBC" "cher", 2, "Schule", "Buch");
	sw_lemma_free(&l);
}

/* The compound rules of docs/lemmas.md section 3 after the step list:
 * deverbal heads, the linking s, particles, and the linking -er-. */
static void test_lemma_compound_tie_breaks(void **state)
{
	static const struct {
		const char *word, *lemma, *mod, *head;
	} cases[] = {
		/* a noun in -ung the lexicon lacks, whose verb it has */
		{ "Denkmalbescheinigung", "Denkmalbescheinigung", "Denkmal", "Bescheinigung" },
		/* an s after a consonant is the link ... */
		{ "Wettbewerbskontingent", "Wettbewerbskontingent", "Wettbewerb", "Kontingent" },
		/* ... after a vowel, the head's */
		{ "Reisesparte", "Reisesparte", "Reise", "Sparte" },
		/* a particle ending an unknown modifier begins the head */
		{ "Testabf\xC3\xBCllung", "Testabf\xC3\xBCllung", "Test", "Abf\xC3\xBCllung" },
		/* "er" only a link: Feind + Erkennung; a form with "er": Kinder */
		{ "Feinderkennung", "Feinderkennung", "Feind", "Erkennung" },
		{ "Kinderleben", "Kinderleben", "Kind", "Leben" },
		/* an adverb in -erweise is not a plural of "weisen" */
		{ "gl\xC3\xBC" "cklicherweise", "gl\xC3\xBC" "cklicherweise", NULL, NULL },
	};
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		lemmatize(&l, cases[i].word, 0);
		assert_lemma_is(&l, cases[i].word, cases[i].lemma);
		if (cases[i].mod)
			assert_parts(&l, cases[i].word, 2, cases[i].mod, cases[i].head);
	}
	sw_lemma_free(&l);
}

static void test_lemma_hyphenated(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	lemmatize(&l, "Open-Source-Strategien", SW_TOKEN_F_HYPHENATED);
	assert_lemma_is(&l, "Open-Source-Strategien", "Open-Source-Strategie");
	assert_parts(&l, "Open-Source-Strategien", 3, "Open", "Source", "Strategie");
	assert_int_equal(l.pos, SW_POS_NOUN);

	lemmatize(&l, "IT-Sicherheit", SW_TOKEN_F_HYPHENATED);
	assert_lemma_is(&l, "IT-Sicherheit", "IT-Sicherheit");
	assert_true(l.nparts >= 2);
	assert_string_equal(last_part(&l), "Sicherheit");
	assert_int_equal(l.pos, SW_POS_NOUN);

	lemmatize(&l, "Cloud-Dienste", SW_TOKEN_F_HYPHENATED);
	assert_lemma_is(&l, "Cloud-Dienste", "Cloud-Dienst");
	assert_parts(&l, "Cloud-Dienste", 2, "Cloud", "Dienst");
	sw_lemma_free(&l);
}

static void test_lemma_gender_forms(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	static const char *const forms[] = {
		"B\xC3\xBCrger*innen", "B\xC3\xBCrger:innen", "B\xC3\xBCrgerInnen",
		"B\xC3\xBCrger_innen", "B\xC3\xBCrger/-innen", "B\xC3\xBCrger*in",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof forms / sizeof *forms; i++) {
		lemmatize(&l, forms[i], SW_TOKEN_F_GENDERED);
		assert_lemma_is(&l, forms[i], "B\xC3\xBCrger*in");
		assert_int_equal(l.pos, SW_POS_NOUN);
		assert_int_equal(l.nparts, 0);
	}
	/* a whole form keeps its mark: no "Rom" + "nja" */
	lemmatize(&l, "Rom*nja", SW_TOKEN_F_GENDERED);
	assert_lemma_is(&l, "Rom*nja", "Rom*nja");
	assert_int_equal(l.nparts, 0);
	sw_lemma_free(&l);
}

static void test_lemma_suspended(void **state)
{
	(void)state;
	/* "Cloud- und Software-Anbieter": the suspended word without its
	 * hyphen */
	check("Cloud-", SW_TOKEN_F_SUSPENDED, "Cloud", SW_POS_NOUN);
}

static void test_lemma_all_capitals(void **state)
{
	(void)state;
	check("DIGITALISIERUNG", 0, "Digitalisierung", SW_POS_NOUN);
}

static void test_lemma_unknown_word(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	/* made-up words: suffix rules, pos X (lemma.h, rule 6) */
	lemmatize(&l, "Blorfungen", 0);
	assert_lemma_is(&l, "Blorfungen", "Blorfung");
	assert_int_equal(l.pos, SW_POS_X);
	assert_true(l.flags & SW_LEMMA_F_GUESSED);
	assert_false(l.flags & SW_LEMMA_F_KNOWN);
	assert_int_equal(l.nparts, 0);

	lemmatize(&l, "Blorfheiten", 0);
	assert_lemma_is(&l, "Blorfheiten", "Blorfheit");
	assert_int_equal(l.pos, SW_POS_X);
	assert_true(l.flags & SW_LEMMA_F_GUESSED);
	sw_lemma_free(&l);
}

/* A record is reused across calls: nothing of the last word is left. */
static void test_lemma_record_reuse(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	lemmatize(&l, "Open-Source-Strategien", SW_TOKEN_F_HYPHENATED);
	assert_int_equal(l.nparts, 3);
	lemmatize(&l, "ging", 0);
	assert_lemma_is(&l, "ging", "gehen");
	assert_int_equal(l.nparts, 0);
	assert_int_equal(l.parts.len, 0);
	assert_int_equal(l.pos, SW_POS_VERB);
	assert_false(l.flags & SW_LEMMA_F_COMPOUND);
	lemmatize(&l, "Blorfungen", 0);
	lemmatize(&l, "Stadt", 0);
	assert_false(l.flags & SW_LEMMA_F_GUESSED);
	sw_lemma_free(&l);
	sw_lemma_free(&l); /* freed twice: the buffers are reset */
	sw_lemma_free(NULL);
}

/* ------------------------------------------------------------ bad input */

/* One long "word" of letters, len bytes: one pass, lemma as written. */
static void long_word(size_t len)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	char *w = malloc(len);
	size_t i;

	assert_non_null(w);
	for (i = 0; i < len; i++)
		w[i] = "Digitalsouver"[i % 13];
	assert_int_equal(sw_lemmatize(&l, lm, w, len, 0, NULL), SW_OK);
	assert_int_equal(l.lemma.len, len);
	assert_memory_equal(l.lemma.ptr, w, len);
	assert_int_equal(l.nparts, 0);
	sw_lemma_free(&l);
	free(w);
}

static void test_lemma_long_word_1mb(void **state)
{
	(void)state;
	long_word((size_t)1 << 20);
}

static void test_lemma_long_word_4mb(void **state)
{
	(void)state;
	/* four times as long: a quadratic walk would not finish in the run */
	long_word((size_t)4 << 20);
}

static void test_lemma_hyphen_chain(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	const size_t nparts = 10000, plen = 10; /* "Strategien" */
	size_t len = nparts * (plen + 1) - 1, i;
	char *w = malloc(len);

	(void)state;
	assert_non_null(w);
	for (i = 0; i < nparts; i++) {
		memcpy(w + i * (plen + 1), "Strategien", plen);
		if (i + 1 < nparts)
			w[i * (plen + 1) + plen] = '-';
	}
	assert_int_equal(sw_lemmatize(&l, lm, w, len, SW_TOKEN_F_HYPHENATED, NULL), SW_OK);
	/* rule 4: the parts before the last as written, the last's lemma */
	assert_int_equal(l.lemma.len, len - 1);
	assert_memory_equal(l.lemma.ptr, w, len - plen);
	assert_memory_equal(l.lemma.ptr + len - plen, "Strategie", plen - 1);
	assert_int_equal(l.pos, SW_POS_NOUN);
	check_parts_shape(&l, "Strategien-...-Strategien");
	sw_lemma_free(&l);
	free(w);
}

static void test_lemma_invalid_utf8(void **state)
{
	static const char *const words[] = {
		"Stra\xC3" "e",        /* a lead byte without its continuation */
		"Daten\xFFschutz",      /* a byte never in UTF-8 */
		"Sicherheit\xC3",       /* cut at the end */
		"\xC0\xAF" "Bund",      /* overlong */
		"Stadt\xED\xA0\x80",    /* a surrogate */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof words / sizeof *words; i++) {
		sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
		size_t len = strlen(words[i]);
		sw_error err;

		memset(&err, 0, sizeof err);
		assert_int_equal(sw_lemmatize(&l, lm, words[i], len, 0, &err), SW_EINVAL);
		assert_int_equal(err.code, SW_EINVAL);
		/* *out holds the word as written, pos X */
		assert_int_equal(l.lemma.len, len);
		assert_memory_equal(l.lemma.ptr, words[i], len);
		assert_int_equal(l.pos, SW_POS_X);
		assert_int_equal(l.nparts, 0);
		sw_lemma_free(&l);
	}
}

static void test_lemma_empty_word(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };

	(void)state;
	lemmatize(&l, "Stadt", 0);
	assert_int_equal(sw_lemmatize(&l, lm, "", 0, 0, NULL), SW_OK);
	assert_int_equal(l.lemma.len, 0);
	assert_int_equal(l.nparts, 0);
	assert_int_equal(l.pos, SW_POS_X);
	assert_int_equal(l.flags, 0);
	/* no bytes: the pointer is not read */
	assert_int_equal(sw_lemmatize(&l, lm, NULL, 0, 0, NULL), SW_OK);
	assert_int_equal(l.lemma.len, 0);
	sw_lemma_free(&l);
}

static void test_lemma_null_arguments(void **state)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_lemmatize(NULL, lm, "Stadt", 5, 0, &err), SW_EINVAL);
	assert_int_equal(err.code, SW_EINVAL);
	assert_int_equal(sw_lemmatize(&l, NULL, "Stadt", 5, 0, NULL), SW_EINVAL);
	assert_int_equal(sw_lemmatize(&l, lm, NULL, 5, 0, NULL), SW_EINVAL);
	assert_int_equal(sw_lemmatizer_new(NULL, NULL, NULL), SW_EINVAL);
	sw_lemmatizer_free(NULL);
	assert_non_null(sw_lemmatizer_source(NULL));
	sw_lemma_free(&l);
}

/* ------------------------------------------------------- lexicon files */

/* sw_lemmatizer_new(path) fails with want, err naming path, *out untouched. */
static void open_fails(const char *path, int want)
{
	sw_lemmatizer *out, *sentinel = (sw_lemmatizer *)(void *)&out;
	sw_error err;

	out = sentinel;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_lemmatizer_new(&out, path, &err), want);
	assert_int_equal(err.code, want);
	assert_string_equal(err.path, path);
	assert_true(err.message[0] != '\0');
	assert_ptr_equal(out, sentinel);
}

static void test_lemmatizer_missing_file(void **state)
{
	char path[1024];

	(void)state;
	snprintf(path, sizeof path, "%s/no-such-lexicon.dict", sw_test_tmpdir());
	open_fails(path, SW_EIO);
}

static void test_lemmatizer_directory(void **state)
{
	(void)state;
	open_fails(sw_test_tmpdir(), SW_EIO);
}

static void test_lemmatizer_garbage_file(void **state)
{
	static const char text[] = "Stadt\tStadt\tSUB:NOM:SIN:FEM\nging\tgehen\tVER:3:SIN:PRT\n";
	char bin[4096];
	size_t i;
	uint32_t x = 2463534242u;

	(void)state;
	open_fails(sw_test_write_temp("text.dict", text, sizeof text - 1), SW_EFORMAT);
	for (i = 0; i < sizeof bin; i++) { /* xorshift: the same bytes every run */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		bin[i] = (char)(x >> 24);
	}
	open_fails(sw_test_write_temp("garbage.dict", bin, sizeof bin), SW_EFORMAT);
	/* the right magic, then garbage */
	memcpy(bin, "\\fsa", 4);
	open_fails(sw_test_write_temp("magic.dict", bin, sizeof bin), SW_EFORMAT);
}

static void test_lemmatizer_empty_file(void **state)
{
	(void)state;
	open_fails(sw_test_write_temp("empty.dict", "", 0), SW_EFORMAT);
}

static void test_lemmatizer_truncated_file(void **state)
{
	size_t len = 0, i;
	char *dict = sw_test_read_file("data/lexicon/german.dict", &len);
	/* the header alone, a few nodes, half, all but the last bytes */
	size_t cuts[] = { 8, 100, 4096, 0, 0, 0 };

	(void)state;
	assert_non_null(dict);
	assert_true(len > 100000);
	cuts[3] = len / 2;
	cuts[4] = len - 1000;
	cuts[5] = len - 1;
	for (i = 0; i < sizeof cuts / sizeof *cuts; i++)
		open_fails(sw_test_write_temp("truncated.dict", dict, cuts[i]), SW_EFORMAT);
	free(dict);
}

static void test_lemmatizer_source(void **state)
{
	sw_lemmatizer *fl = NULL;
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	char path[1024];

	(void)state;
	assert_string_equal(sw_lemmatizer_source(lm), "built-in");
	/* the shipped file, read from disk, is the same lexicon */
	snprintf(path, sizeof path, "%s/data/lexicon/german.dict", sw_test_srcdir());
	assert_int_equal(sw_lemmatizer_new(&fl, path, NULL), SW_OK);
	assert_string_equal(sw_lemmatizer_source(fl), path);
	assert_int_equal(sw_lemmatize(&l, fl, "St\xC3\xA4" "dte", 7, 0, NULL), SW_OK);
	assert_lemma_is(&l, "St\xC3\xA4" "dte", "Stadt");
	assert_int_equal(sw_lemmatize(&l, fl, "ging", 4, 0, NULL), SW_OK);
	assert_lemma_is(&l, "ging", "gehen");
	sw_lemma_free(&l);
	sw_lemmatizer_free(fl);
}

static void test_lemma_pos_names(void **state)
{
	static const char *const names[SW_POS_N] = { "X",   "NOUN", "PROPN", "VERB",
						     "ADJ", "ADV",  "FUNC",  "NUM" };
	int p;

	(void)state;
	for (p = 0; p < SW_POS_N; p++)
		assert_string_equal(sw_pos_name((sw_pos)p), names[p]);
	/* out of range: a name all the same */
	assert_non_null(sw_pos_name(SW_POS_N));
	assert_non_null(sw_pos_name((sw_pos)-1));
	assert_non_null(sw_pos_name((sw_pos)1000));
}

/* ------------------------------------------------------------------ OOM */

/* sw_lemmatizer_new(path) with the n-th allocation failing, for each n:
 * SW_ENOMEM and nothing made, until runs no longer reach a failing
 * allocation; then the lexicon works.  Leaks show under `make check`. */
static void oom_new(const char *path)
{
	long n, nfail = 0;

	for (n = 1; n < 10000; n++) {
		sw_lemmatizer *out = NULL;
		sw_error err;
		int rc;

		memset(&err, 0, sizeof err);
		sw_test_alloc_fail_after(n);
		rc = sw_lemmatizer_new(&out, path, &err);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
			assert_non_null(out);
			assert_int_equal(sw_lemmatize(&l, out, "ging", 4, 0, NULL), SW_OK);
			assert_lemma_is(&l, "ging", "gehen");
			sw_lemma_free(&l);
			sw_lemmatizer_free(out);
			break;
		}
		if (rc != SW_ENOMEM)
			fail_msg("%s: allocation %ld failed: status %d (%s), expected SW_ENOMEM",
				 path ? path : "built-in", n, rc, err.message);
		assert_int_equal(err.code, SW_ENOMEM);
		assert_null(out);
		nfail++;
	}
	assert_true(n < 10000);
	assert_true(nfail >= 1);
}

static void test_lemma_oom_new(void **state)
{
	char path[1024];

	(void)state;
	oom_new(NULL);
	snprintf(path, sizeof path, "%s/data/lexicon/german.dict", sw_test_srcdir());
	oom_new(path);
}

/* sw_lemmatize on word with the n-th allocation failing, for each n, into
 * a fresh record and into one that held another word: SW_ENOMEM, then
 * the record frees cleanly; 50 runs in a row that succeed end the loop,
 * and they must give what a run without failures gives. */
static void oom_word(const char *word, size_t len, unsigned flags)
{
	sw_lemma ref = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	long n, streak = 0, nfail;
	int reuse;

	assert_int_equal(sw_lemmatize(&ref, lm, word, len, flags, NULL), SW_OK);
	for (reuse = 0; reuse < 2; reuse++) {
		for (n = 1, streak = 0, nfail = 0; streak < 50; n++) {
			sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
			sw_error err;
			int rc;

			if (reuse)
				assert_int_equal(sw_lemmatize(&l, lm, "Open-Source-Strategien", 22,
							      SW_TOKEN_F_HYPHENATED, NULL),
						 SW_OK);
			memset(&err, 0, sizeof err);
			sw_test_alloc_fail_after(n);
			rc = sw_lemmatize(&l, lm, word, len, flags, &err);
			sw_test_alloc_fail_after(0);
			if (rc == SW_OK) {
				if (l.lemma.len != ref.lemma.len ||
				    memcmp(l.lemma.ptr, ref.lemma.ptr, ref.lemma.len) != 0 ||
				    l.nparts != ref.nparts || l.parts.len != ref.parts.len ||
				    (ref.parts.len &&
				     memcmp(l.parts.ptr, ref.parts.ptr, ref.parts.len) != 0) ||
				    l.pos != ref.pos || l.flags != ref.flags)
					fail_msg("\"%.40s\": allocation %ld failed silently: result differs",
						 word, n);
				streak++;
			} else {
				if (rc != SW_ENOMEM)
					fail_msg("\"%.40s\": allocation %ld failed: status %d (%s), "
						 "expected SW_ENOMEM",
						 word, n, rc, err.message);
				assert_int_equal(err.code, SW_ENOMEM);
				streak = 0;
				nfail++;
			}
			sw_lemma_free(&l);
			if (n > 100000)
				fail_msg("\"%.40s\": still failing after %ld allocations", word, n);
		}
		/* a fresh record allocates for the lemma at least */
		if (!reuse && nfail == 0)
			fail_msg("\"%.40s\": no allocation failed", word);
	}
	sw_lemma_free(&ref);
}

static void test_lemma_oom_lemmatize(void **state)
{
	static const struct {
		const char *word;
		unsigned flags;
	} words[] = {
		{ "St\xC3\xA4" "dte", 0 },
		{ "Die", SW_LEMMA_SENT_START },
		{ "Datensouver\xC3\xA4nit\xC3\xA4t", 0 },
		{ "Verwaltungsleistungen", 0 },
		{ "Datenschutz", 0 },
		{ "Open-Source-Strategien", SW_TOKEN_F_HYPHENATED },
		{ "IT-Expert*innen", SW_TOKEN_F_HYPHENATED | SW_TOKEN_F_GENDERED },
		{ "B\xC3\xBCrger*innen", SW_TOKEN_F_GENDERED },
		{ "Rom*nja", SW_TOKEN_F_GENDERED },
		{ "Cloud-", SW_TOKEN_F_SUSPENDED },
		{ "DIGITALISIERUNG", 0 },
		{ "Blorfungen", 0 },
		{ "Blorfstrategien", 0 },
		{ "Stra\xC3" "e", 0 }, /* invalid: the copy of the word allocates */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof words / sizeof *words; i++) {
		size_t len = strlen(words[i].word);
		if (i == sizeof words / sizeof *words - 1) {
			/* invalid UTF-8: SW_EINVAL when the copy succeeds */
			long n;
			for (n = 1; n < 20; n++) {
				sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
				int rc;
				sw_test_alloc_fail_after(n);
				rc = sw_lemmatize(&l, lm, words[i].word, len, 0, NULL);
				sw_test_alloc_fail_after(0);
				assert_true(rc == SW_ENOMEM || rc == SW_EINVAL);
				sw_lemma_free(&l);
			}
			continue;
		}
		oom_word(words[i].word, len, words[i].flags);
	}
}

/* The readings below a node of the automaton are decoded on first use
 * and kept in the lemmatizer (lemma.c: readings_at()).  On a fresh
 * lemmatizer, with the n-th allocation failing for each n, every word of
 * a list is SW_ENOMEM or its right result, and a failure leaves nothing
 * half-kept: the same lemmatizer then gives every word's right result. */
static void same_result(const sw_lemma *a, const sw_lemma *b, const char *word)
{
	if (a->lemma.len != b->lemma.len || memcmp(a->lemma.ptr, b->lemma.ptr, a->lemma.len) != 0 ||
	    a->nparts != b->nparts || a->parts.len != b->parts.len ||
	    (a->parts.len && memcmp(a->parts.ptr, b->parts.ptr, a->parts.len) != 0) ||
	    a->pos != b->pos || a->flags != b->flags)
		fail_msg("\"%.40s\": \"%.*s\" where \"%.*s\" was expected", word,
			 (int)a->lemma.len, a->lemma.ptr ? a->lemma.ptr : "", (int)b->lemma.len,
			 b->lemma.ptr ? b->lemma.ptr : "");
}

static const char *const cache_words[] = {
	"St\xC3\xA4" "dte", "digitalen", "Verwaltungsleistungen", "Datensouver\xC3\xA4nit\xC3\xA4t",
	"Blorfstrategien", "gingen", "Bundesregierung", "besser", "Abgeordneter", "Essen",
};
#define NCACHE (sizeof cache_words / sizeof *cache_words)

static void test_lemma_oom_fresh_cache(void **state)
{
	sw_lemma ref[NCACHE];
	size_t i;
	long n;
	int failed = 0;

	(void)state;
	for (i = 0; i < NCACHE; i++) {
		sw_lemma r = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
		assert_int_equal(sw_lemmatize(&r, lm, cache_words[i], strlen(cache_words[i]), 0, NULL),
				 SW_OK);
		ref[i] = r;
	}
	for (n = 1; n < 400; n++) {
		sw_lemmatizer *fresh;
		int any_fail = 0;
		assert_int_equal(sw_lemmatizer_new(&fresh, NULL, NULL), SW_OK);
		for (i = 0; i < NCACHE; i++) {
			sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
			int rc;
			sw_test_alloc_fail_after(n);
			rc = sw_lemmatize(&l, fresh, cache_words[i], strlen(cache_words[i]), 0, NULL);
			sw_test_alloc_fail_after(0);
			if (rc == SW_OK)
				same_result(&l, &ref[i], cache_words[i]);
			else
				assert_int_equal(rc, SW_ENOMEM);
			any_fail |= rc != SW_OK;
			sw_lemma_free(&l);
		}
		/* afterwards, without failures: every result as the reference */
		for (i = 0; i < NCACHE; i++) {
			sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
			assert_int_equal(sw_lemmatize(&l, fresh, cache_words[i],
						      strlen(cache_words[i]), 0, NULL),
					 SW_OK);
			same_result(&l, &ref[i], cache_words[i]);
			sw_lemma_free(&l);
		}
		sw_lemmatizer_free(fresh);
		if (!any_fail)
			break; /* n is past every allocation of the first word */
		failed = 1;
	}
	assert_true(failed);
	for (i = 0; i < NCACHE; i++)
		sw_lemma_free(&ref[i]);
}

/* Two threads lemmatize the same words at once on one fresh lemmatizer,
 * so both decode the same nodes' readings first (make tsan runs this
 * under ThreadSanitizer): every result is the one-thread result. */
struct lemma_thread {
	sw_lemmatizer *lm;
	sw_lemma out[NCACHE];
	int rc;
};

static void *lemma_thread_main(void *arg)
{
	struct lemma_thread *t = arg;
	size_t i;

	t->rc = SW_OK;
	for (i = 0; i < NCACHE && t->rc == SW_OK; i++) {
		sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
		t->rc = sw_lemmatize(&l, t->lm, cache_words[i], strlen(cache_words[i]), 0, NULL);
		t->out[i] = l;
	}
	return NULL;
}

static void test_lemma_threads_share_cache(void **state)
{
	struct lemma_thread t[2];
	pthread_t th[2];
	sw_lemmatizer *fresh;
	size_t i, k;
	int round;

	(void)state;
	for (round = 0; round < 20; round++) {
		assert_int_equal(sw_lemmatizer_new(&fresh, NULL, NULL), SW_OK);
		memset(t, 0, sizeof t);
		for (k = 0; k < 2; k++) {
			t[k].lm = fresh;
			assert_int_equal(pthread_create(&th[k], NULL, lemma_thread_main, &t[k]), 0);
		}
		for (k = 0; k < 2; k++)
			assert_int_equal(pthread_join(th[k], NULL), 0);
		for (k = 0; k < 2; k++) {
			assert_int_equal(t[k].rc, SW_OK);
			for (i = 0; i < NCACHE; i++) {
				sw_lemma r = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
				assert_int_equal(sw_lemmatize(&r, lm, cache_words[i],
							      strlen(cache_words[i]), 0, NULL),
						 SW_OK);
				same_result(&t[k].out[i], &r, cache_words[i]);
				sw_lemma_free(&r);
				sw_lemma_free(&t[k].out[i]);
			}
		}
		sw_lemmatizer_free(fresh);
	}
}

/* ------------------------------------------------ through the lexicon */

struct lx {
	sw_stoplist *sl;
	sw_lexicon *lx;
};

static void lx_open(struct lx *f, sw_key_kind key, const char *stopwords)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;

	memset(f, 0, sizeof *f);
	if (stopwords) {
		assert_int_equal(sw_stoplist_new(&f->sl, NULL), SW_OK);
		assert_int_equal(sw_stoplist_add_text(f->sl, stopwords, strlen(stopwords), NULL, NULL),
				 SW_OK);
	}
	lo.stopwords = f->sl;
	lo.key = key;
	lo.lemmatizer = lm;
	assert_int_equal(sw_lexicon_new(&f->lx, &lo, NULL), SW_OK);
}

static void lx_close(struct lx *f)
{
	sw_lexicon_free(f->lx);
	sw_stoplist_free(f->sl);
}

static sw_term_info word_term(struct lx *f, const char *word, unsigned flags)
{
	sw_term_info ti;
	sw_error err;

	memset(&err, 0, sizeof err);
	if (sw_lexicon_term(&ti, f->lx, word, strlen(word), SW_TOKEN_WORD, flags, &err) != SW_OK)
		fail_msg("\"%s\": sw_lexicon_term failed: %s", word, err.message);
	return ti;
}

static void assert_key(struct lx *f, const sw_term_info *ti, const char *word, const char *expect)
{
	size_t len = 0;
	const char *s = sw_vocab_bytes(sw_lexicon_stems(f->lx), ti->stem, &len);

	if (!s || len != strlen(expect) || memcmp(s, expect, len) != 0)
		fail_msg("key of \"%s\" is \"%.*s\", expected \"%s\"", word, (int)len, s ? s : "",
			 expect);
}

static void test_lemma_lexicon_lemma_keys(void **state)
{
	struct lx f;
	sw_term_info a, b;

	(void)state;
	lx_open(&f, SW_KEY_LEMMA, NULL);
	a = word_term(&f, "St\xC3\xA4" "dte", 0);
	b = word_term(&f, "Stadt", 0);
	assert_int_equal(a.stem, b.stem);
	assert_key(&f, &a, "St\xC3\xA4" "dte", "stadt");
	assert_int_equal(a.pos, SW_POS_NOUN);
	/* the lemma as the lexicon writes it */
	{
		size_t len = 0;
		const char *s = sw_vocab_bytes(sw_lexicon_lemmas(f.lx), a.lemma, &len);
		assert_non_null(s);
		assert_int_equal(len, 5);
		assert_memory_equal(s, "Stadt", 5);
	}
	a = word_term(&f, "Sicherheit", 0);
	b = word_term(&f, "sich", 0);
	assert_int_not_equal(a.stem, b.stem);
	assert_key(&f, &a, "Sicherheit", "sicherheit");
	assert_key(&f, &b, "sich", "sich");
	a = word_term(&f, "B\xC3\xBCrger", 0);
	b = word_term(&f, "Burg", 0);
	assert_int_not_equal(a.stem, b.stem);
	a = word_term(&f, "ging", 0);
	assert_key(&f, &a, "ging", "gehen");
	lx_close(&f);
}

static void test_lemma_lexicon_stem_of_lemma(void **state)
{
	struct lx f;
	sw_term_info a, b;

	(void)state;
	lx_open(&f, SW_KEY_STEM, NULL);
	/* Snowball of "gehen", not of "ging" */
	a = word_term(&f, "ging", 0);
	assert_key(&f, &a, "ging", "geh");
	b = word_term(&f, "gehen", 0);
	assert_int_equal(a.stem, b.stem);
	lx_close(&f);
}

static void test_lemma_lexicon_stop_by_lemma(void **state)
{
	struct lx f;

	(void)state;
	lx_open(&f, SW_KEY_LEMMA, "gut\n");
	assert_int_equal(word_term(&f, "besser", 0).stop, 1);
	assert_int_equal(word_term(&f, "gut", 0).stop, 1);
	assert_int_equal(word_term(&f, "schlecht", 0).stop, 0);
	lx_close(&f);
}

static void test_lemma_lexicon_needs_lemmatizer(void **state)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_lexicon *lx = NULL;
	sw_error err;

	(void)state;
	lo.key = SW_KEY_LEMMA;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_lexicon_new(&lx, &lo, &err), SW_EINVAL);
	assert_int_equal(err.code, SW_EINVAL);
	assert_null(lx);
}

static void test_lemma_lexicon_compound_head(void **state)
{
	struct lx f;
	sw_term_info c, h, s;

	(void)state;
	lx_open(&f, SW_KEY_LEMMA, NULL);
	c = word_term(&f, "Datensouver\xC3\xA4nit\xC3\xA4t", 0);
	h = word_term(&f, "Souver\xC3\xA4nit\xC3\xA4t", 0);
	assert_int_not_equal(c.head, SW_TERM_NONE);
	assert_int_equal(c.head, h.stem);
	assert_int_not_equal(c.stem, h.stem);
	/* the head of a simple word is none */
	assert_int_equal(h.head, SW_TERM_NONE);
	/* a hyphenated compound's head is its last part */
	c = word_term(&f, "IT-Sicherheit", SW_TOKEN_F_HYPHENATED);
	s = word_term(&f, "Sicherheit", 0);
	assert_int_equal(c.head, s.stem);
	lx_close(&f);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_lemma_inflection),
	cmocka_unit_test(test_lemma_known_flag),
	cmocka_unit_test(test_lemma_participles),
	cmocka_unit_test(test_lemma_sentence_start),
	cmocka_unit_test(test_lemma_context),
	cmocka_unit_test(test_lemma_no_false_friends),
	cmocka_unit_test(test_lemma_daten_override),
	cmocka_unit_test(test_lemma_closed_compounds),
	cmocka_unit_test(test_lemma_compound_tie_breaks),
	cmocka_unit_test(test_lemma_hyphenated),
	cmocka_unit_test(test_lemma_gender_forms),
	cmocka_unit_test(test_lemma_suspended),
	cmocka_unit_test(test_lemma_all_capitals),
	cmocka_unit_test(test_lemma_unknown_word),
	cmocka_unit_test(test_lemma_record_reuse),
	cmocka_unit_test(test_lemma_long_word_1mb),
	cmocka_unit_test(test_lemma_long_word_4mb),
	cmocka_unit_test(test_lemma_hyphen_chain),
	cmocka_unit_test(test_lemma_invalid_utf8),
	cmocka_unit_test(test_lemma_empty_word),
	cmocka_unit_test(test_lemma_null_arguments),
	cmocka_unit_test(test_lemmatizer_missing_file),
	cmocka_unit_test(test_lemmatizer_directory),
	cmocka_unit_test(test_lemmatizer_garbage_file),
	cmocka_unit_test(test_lemmatizer_empty_file),
	cmocka_unit_test(test_lemmatizer_truncated_file),
	cmocka_unit_test(test_lemmatizer_source),
	cmocka_unit_test(test_lemma_pos_names),
	cmocka_unit_test(test_lemma_oom_new),
	cmocka_unit_test(test_lemma_oom_lemmatize),
	cmocka_unit_test(test_lemma_oom_fresh_cache),
	cmocka_unit_test(test_lemma_threads_share_cache),
	cmocka_unit_test(test_lemma_lexicon_lemma_keys),
	cmocka_unit_test(test_lemma_lexicon_stem_of_lemma),
	cmocka_unit_test(test_lemma_lexicon_stop_by_lemma),
	cmocka_unit_test(test_lemma_lexicon_needs_lemmatizer),
	cmocka_unit_test(test_lemma_lexicon_compound_head),
};

int main(int argc, char **argv)
{
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
