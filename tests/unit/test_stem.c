/*
 * tests/unit/test_stem.c - the stemmers through include/stichwort/stem.h,
 * plus the examples in tests/spec/stem.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "helpers.h"
#include "internal/test_hook.h"
#include "stichwort/corpus.h"
#include "stichwort/normalize.h"
#include "stichwort/stem.h"
#include "stichwort/tokenize.h"
#include "stichwort/vocab.h"

/* Stem NUL-terminated word with a fresh stemmer of kind and compare. */
static void check_stem(sw_stemmer_kind kind, const char *word, const char *expect)
{
	sw_stemmer *st = NULL;
	const char *stem = NULL;
	size_t len = 0;

	assert_int_equal(sw_stemmer_new(&st, kind, NULL), SW_OK);
	assert_int_equal(sw_stem(&stem, &len, st, word, strlen(word), NULL), SW_OK);
	assert_non_null(stem);
	if (len != strlen(expect) || memcmp(stem, expect, len) != 0)
		fail_msg("%s(\"%s\") = \"%.*s\", expected \"%s\"", sw_stemmer_kind_name(kind),
			 word, (int)len, stem, expect);
	sw_stemmer_free(st);
}

static void test_stem_kind_parse(void **state)
{
	sw_stemmer_kind k = SW_STEMMER_NONE;

	(void)state;
	assert_int_equal(sw_stemmer_kind_parse(&k, "snowball"), SW_OK);
	assert_int_equal(k, SW_STEMMER_SNOWBALL);
	assert_int_equal(sw_stemmer_kind_parse(&k, "cistem"), SW_OK);
	assert_int_equal(k, SW_STEMMER_CISTEM);
	assert_int_equal(sw_stemmer_kind_parse(&k, "none"), SW_OK);
	assert_int_equal(k, SW_STEMMER_NONE);
	/* Unknown names leave *out untouched. */
	k = SW_STEMMER_CISTEM;
	assert_int_equal(sw_stemmer_kind_parse(&k, "porter"), SW_EINVAL);
	assert_int_equal(sw_stemmer_kind_parse(&k, "Snowball"), SW_EINVAL);
	assert_int_equal(sw_stemmer_kind_parse(&k, ""), SW_EINVAL);
	assert_int_equal(sw_stemmer_kind_parse(&k, NULL), SW_EINVAL);
	assert_int_equal(k, SW_STEMMER_CISTEM);
}

static void test_stem_kind_name(void **state)
{
	(void)state;
	assert_string_equal(sw_stemmer_kind_name(SW_STEMMER_SNOWBALL), "snowball");
	assert_string_equal(sw_stemmer_kind_name(SW_STEMMER_CISTEM), "cistem");
	assert_string_equal(sw_stemmer_kind_name(SW_STEMMER_NONE), "none");
	assert_non_null(sw_stemmer_kind_name((sw_stemmer_kind)42));
	assert_non_null(sw_stemmer_kind_name((sw_stemmer_kind)-1));
}

static void test_stem_new_and_kind(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		sw_stemmer *st = NULL;
		assert_int_equal(sw_stemmer_new(&st, kinds[i], NULL), SW_OK);
		assert_non_null(st);
		assert_int_equal(sw_stemmer_get_kind(st), kinds[i]);
		sw_stemmer_free(st);
	}
}

static void test_stem_new_unknown_kind(void **state)
{
	sw_stemmer *st = (sw_stemmer *)&st; /* a sentinel that must survive */
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_stemmer_new(&st, (sw_stemmer_kind)7, &err), SW_EINVAL);
	assert_int_equal(err.code, SW_EINVAL);
	assert_true(err.message[0] != '\0');
	assert_ptr_equal(st, (sw_stemmer *)&st);
}

static void test_stem_free_null(void **state)
{
	(void)state;
	sw_stemmer_free(NULL);
}

static void test_stem_snowball(void **state)
{
	(void)state;
	check_stem(SW_STEMMER_SNOWBALL, "Souveränitäten", "souveranitat");
	check_stem(SW_STEMMER_SNOWBALL, "Abhängigkeiten", "abhang");
	check_stem(SW_STEMMER_SNOWBALL, "digitalen", "digital");
	check_stem(SW_STEMMER_SNOWBALL, "Kenntnisse", "kenntnis");
	/* Folding first: all three spellings meet. */
	check_stem(SW_STEMMER_SNOWBALL, "Straße", "strass");
	check_stem(SW_STEMMER_SNOWBALL, "STRASSE", "strass");
	check_stem(SW_STEMMER_SNOWBALL, "strasse", "strass");
}

static void test_stem_cistem(void **state)
{
	(void)state;
	check_stem(SW_STEMMER_CISTEM, "Souveränitäten", "souveranitat");
	check_stem(SW_STEMMER_CISTEM, "Abhängigkeiten", "abhangigkeit");
	check_stem(SW_STEMMER_CISTEM, "digitalem", "digital");
	check_stem(SW_STEMMER_CISTEM, "Bürgerinnen", "burgerinn");
	check_stem(SW_STEMMER_CISTEM, "schreiben", "schreib");
	check_stem(SW_STEMMER_CISTEM, "gesetzt", "setz");
}

/* The noun keeps its t, the verb form loses it. */
static void test_stem_cistem_case_t_rule(void **state)
{
	(void)state;
	check_stem(SW_STEMMER_CISTEM, "Arbeit", "arbeit");
	check_stem(SW_STEMMER_CISTEM, "arbeit", "arbei");
	check_stem(SW_STEMMER_CISTEM, "arbeitet", "arbei");
	check_stem(SW_STEMMER_CISTEM, "Kraft", "kraft");
	check_stem(SW_STEMMER_CISTEM, "kraft", "kraf");
}

/* The reference code's ASCII placeholders ($ % & *) would turn these into
 * other words; ours must pass them through. */
static void test_stem_cistem_placeholder_chars(void **state)
{
	(void)state;
	check_stem(SW_STEMMER_CISTEM, "a*b$c%d&", "a*b$c%d&");
	check_stem(SW_STEMMER_CISTEM, "x*", "x*");
	check_stem(SW_STEMMER_CISTEM, "Tee*", "tee*");
	/* A placeholder may itself be doubled: <sch><sch>en -> <sch>*en,
	 * then only the n goes (3 symbols are left). */
	check_stem(SW_STEMMER_CISTEM, "schschen", "schsche");
	/* Decomposed umlaut (u + U+0308) is composed, then loses its dots. */
	check_stem(SW_STEMMER_CISTEM, "Gru\xcc\x88\xc3\x9f" "e", "gruss");
}

static void test_stem_none_folds(void **state)
{
	(void)state;
	check_stem(SW_STEMMER_NONE, "Straße", "strasse");
	check_stem(SW_STEMMER_NONE, "ÄRGER", "ärger");
	check_stem(SW_STEMMER_NONE, "Bürgerinnen", "bürgerinnen");
	check_stem(SW_STEMMER_NONE, "ẞ", "ss");
}

static void test_stem_empty(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t i, len;
	const char *stem;

	(void)state;
	for (i = 0; i < 3; i++) {
		sw_stemmer *st = NULL;
		assert_int_equal(sw_stemmer_new(&st, kinds[i], NULL), SW_OK);
		len = 99;
		stem = NULL;
		assert_int_equal(sw_stem(&stem, &len, st, "", 0, NULL), SW_OK);
		assert_non_null(stem);
		assert_int_equal(len, 0);
		/* No bytes: a NULL word is fine. */
		assert_int_equal(sw_stem(&stem, &len, st, NULL, 0, NULL), SW_OK);
		assert_int_equal(len, 0);
		sw_stemmer_free(st);
	}
}

static void test_stem_null_arguments(void **state)
{
	sw_stemmer *st = NULL;
	const char *stem = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(sw_stemmer_new(NULL, SW_STEMMER_CISTEM, NULL), SW_EINVAL);
	assert_int_equal(sw_stemmer_new(&st, SW_STEMMER_CISTEM, NULL), SW_OK);
	assert_int_equal(sw_stem(&stem, &len, NULL, "Haus", 4, NULL), SW_EINVAL);
	assert_int_equal(sw_stem(NULL, &len, st, "Haus", 4, NULL), SW_EINVAL);
	assert_int_equal(sw_stem(&stem, NULL, st, "Haus", 4, NULL), SW_EINVAL);
	assert_int_equal(sw_stem(&stem, &len, st, NULL, 4, NULL), SW_EINVAL);
	sw_stemmer_free(st);
}

static void test_stem_invalid_utf8(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		long long offset;
	} bad[] = {
		{ "Haus\xff", 5, 4 },          /* byte that never occurs */
		{ "Stra\xc3", 5, 4 },          /* truncated sequence */
		{ "\xc0\xaf", 2, 0 },          /* overlong "/" */
		{ "ab\xed\xa0\x80", 5, 2 },    /* UTF-16 surrogate */
		{ "\xc3\xa4\x80", 3, 2 },      /* stray continuation byte */
	};
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t i, k;

	(void)state;
	for (k = 0; k < 3; k++) {
		sw_stemmer *st = NULL;
		assert_int_equal(sw_stemmer_new(&st, kinds[k], NULL), SW_OK);
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			const char *stem = "untouched";
			size_t len = 12345;
			sw_error err;

			memset(&err, 0, sizeof err);
			assert_int_equal(sw_stem(&stem, &len, st, bad[i].s, bad[i].len, &err),
					 SW_EINVAL);
			assert_int_equal(err.code, SW_EINVAL);
			assert_int_equal(err.offset, bad[i].offset);
			assert_string_equal(stem, "untouched");
			assert_int_equal(len, 12345);
		}
		sw_stemmer_free(st);
	}
}

/* Input is (s, len): bytes after len are not part of the word. */
static void test_stem_no_nul_needed(void **state)
{
	const char text[] = "digitalenXYZ";
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	const char *expect[] = { "digital", "digital", "digitalen" };
	size_t i, len;
	const char *stem;

	(void)state;
	for (i = 0; i < 3; i++) {
		sw_stemmer *st = NULL;
		assert_int_equal(sw_stemmer_new(&st, kinds[i], NULL), SW_OK);
		assert_int_equal(sw_stem(&stem, &len, st, text, 9, NULL), SW_OK);
		assert_int_equal(len, strlen(expect[i]));
		assert_memory_equal(stem, expect[i], len);
		sw_stemmer_free(st);
	}
}

/* The result is borrowed from the stemmer: it survives calls on other
 * stemmers and is replaced only by the next call on the same one. */
static void test_stem_result_lifetime(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	const char *prefix1[] = { "hau", "hau", "häuser" };
	const char *prefix2[] = { "abhang", "abhang", "abhäng" };
	size_t i, len1, len2, len3;
	const char *s1, *s2, *s3;

	(void)state;
	for (i = 0; i < 3; i++) {
		sw_stemmer *a = NULL, *b = NULL;
		assert_int_equal(sw_stemmer_new(&a, kinds[i], NULL), SW_OK);
		assert_int_equal(sw_stemmer_new(&b, kinds[i], NULL), SW_OK);
		assert_int_equal(sw_stem(&s1, &len1, a, "Häuser", strlen("Häuser"), NULL), SW_OK);
		assert_int_equal(sw_stem(&s2, &len2, b, "Abhängigkeiten",
					 strlen("Abhängigkeiten"), NULL), SW_OK);
		/* a's result is untouched by the call on b. */
		assert_true(len1 >= strlen(prefix1[i]));
		assert_memory_equal(s1, prefix1[i], strlen(prefix1[i]));
		/* The next call on a replaces its result; a long word forces
		 * the buffer to grow, which ASan would catch on a stale read. */
		assert_int_equal(sw_stem(&s3, &len3, a,
					 "Donaudampfschifffahrtsgesellschaftskapitänsmützen",
					 strlen("Donaudampfschifffahrtsgesellschaftskapitänsmützen"),
					 NULL), SW_OK);
		assert_true(len3 > 30);
		assert_memory_equal(s3, "donaudampfschifffahrt", 21);
		assert_true(len2 >= strlen(prefix2[i]));
		assert_memory_equal(s2, prefix2[i], strlen(prefix2[i]));
		sw_stemmer_free(a);
		sw_stemmer_free(b);
	}
}

/* A word far longer than any real token must not break either stemmer. */
static void test_stem_long_word(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t n = 200000, i, len;
	char *w = malloc(n);
	const char *stem;

	(void)state;
	assert_non_null(w);
	for (i = 0; i < n; i++)
		w[i] = "digitalisierung"[i % 15];
	for (i = 0; i < 3; i++) {
		sw_stemmer *st = NULL;
		assert_int_equal(sw_stemmer_new(&st, kinds[i], NULL), SW_OK);
		assert_int_equal(sw_stem(&stem, &len, st, w, n, NULL), SW_OK);
		assert_true(len > 0 && len <= n);
		sw_stemmer_free(st);
	}
	free(w);
}

/* Each allocation in turn fails: SW_ENOMEM, never a crash or a leak
 * (the leak part is checked by the sanitizer build). */
static void test_stem_oom(void **state)
{
	sw_stemmer_kind kinds[] = { SW_STEMMER_SNOWBALL, SW_STEMMER_CISTEM, SW_STEMMER_NONE };
	size_t k;
	long n;

	(void)state;
	for (k = 0; k < 3; k++) {
		for (n = 1; n < 40; n++) {
			sw_stemmer *st = NULL;
			const char *stem;
			size_t len;
			int rc;

			sw_test_alloc_fail_after(n);
			rc = sw_stemmer_new(&st, kinds[k], NULL);
			if (rc == SW_OK) {
				rc = sw_stem(&stem, &len, st, "Straßenbahnhaltestellen",
					     strlen("Straßenbahnhaltestellen"), NULL);
				assert_true(rc == SW_OK || rc == SW_ENOMEM);
				sw_stemmer_free(st);
			} else {
				assert_int_equal(rc, SW_ENOMEM);
				assert_null(st);
			}
		}
		sw_test_alloc_fail_after(0);
	}
}

/* ---- Snowball against libstemmer ------------------------------------
 * Our Snowball German (src/snowball.c) replaced libstemmer's generated
 * code; libstemmer stays the reference.  Each word is stemmed by both,
 * libstemmer getting the case-folded word as sw_stem() folds it. */

struct oracle {
	struct sb_stemmer *sb;
	sw_stemmer *st;
	sw_buf fold;
	sw_vocab *seen; /* words checked already */
	size_t words;
};

static void oracle_open(struct oracle *o)
{
	memset(o, 0, sizeof *o);
	o->sb = sb_stemmer_new("german", "UTF_8");
	assert_non_null(o->sb);
	assert_int_equal(sw_stemmer_new(&o->st, SW_STEMMER_SNOWBALL, NULL), SW_OK);
	assert_int_equal(sw_vocab_new(&o->seen, NULL), SW_OK);
}

static void oracle_close(struct oracle *o)
{
	sb_stemmer_delete(o->sb);
	sw_stemmer_free(o->st);
	sw_buf_free(&o->fold);
	sw_vocab_free(o->seen);
}

static void oracle_check(struct oracle *o, const char *w, size_t len)
{
	const sb_symbol *ref;
	const char *ours;
	size_t olen, before = sw_vocab_size(o->seen);
	sw_term_id id;

	assert_int_equal(sw_vocab_intern(&id, o->seen, w, len), SW_OK);
	if (sw_vocab_size(o->seen) == before)
		return;
	o->words++;
	sw_buf_clear(&o->fold);
	assert_int_equal(sw_casefold(&o->fold, w, len), SW_OK);
	ref = sb_stemmer_stem(o->sb, (const sb_symbol *)o->fold.ptr, (int)o->fold.len);
	assert_non_null(ref);
	assert_int_equal(sw_stem(&ours, &olen, o->st, w, len, NULL), SW_OK);
	if (olen != (size_t)sb_stemmer_length(o->sb) || memcmp(ours, ref, olen) != 0)
		fail_msg("snowball(\"%.*s\") = \"%.*s\", libstemmer: \"%.*s\"", (int)len, w,
			 (int)olen, ours, sb_stemmer_length(o->sb), (const char *)ref);
}

/* Every word token of the documents under path. */
static void oracle_corpus(struct oracle *o, const char *path)
{
	sw_corpus *c;
	sw_tokenizer *tk;
	const sw_doc *d;
	int rc;

	assert_int_equal(sw_corpus_new(&c, NULL, NULL), SW_OK);
	assert_int_equal(sw_tokenizer_new(&tk, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(c, path, NULL), SW_OK);
	while ((rc = sw_corpus_next(&d, c, NULL)) == 1) {
		const sw_token *t;
		size_t n, i;
		assert_int_equal(sw_tokenize(&t, &n, tk, d->text, d->len, NULL), SW_OK);
		for (i = 0; i < n; i++)
			if (t[i].type == SW_TOKEN_WORD)
				oracle_check(o, d->text + t[i].start, t[i].len);
	}
	assert_int_equal(rc, 0);
	sw_tokenizer_free(tk);
	sw_corpus_free(c);
}

/* Generated words over the letters the rules look at (vowels, "u" and
 * "y" between vowels, umlauts, "ß", the s- and st-endings), mostly with
 * one or two of the suffixes the steps remove, in upper and lower case:
 * the regions and every branch of the three steps, far more densely
 * than real text. */
static void test_stem_snowball_as_libstemmer_generated(void **state)
{
	static const char *const letters[] = {
		"a", "e", "i", "o", "u", "y", "\xC3\xA4", "\xC3\xB6", "\xC3\xBC", "\xC3\x9F",
		"s", "t", "n", "r", "m", "d", "g", "k", "l", "c", "h", "b", "f", "p", "w",
		"z", "A", "U", "Y", "\xC3\x84", "\xC3\xA9", "-", "'"
	};
	static const char *const suffixes[] = {
		"em", "ern", "er", "e", "en", "es", "s", "est", "st", "end", "ung", "ig",
		"ik", "isch", "lich", "heit", "keit", "nisse", "nissen", "igend", "igung",
		"erlich", "enheit", "igkeit", "lichkeit", "uy", "yu", "aue", "eye"
	};
	struct oracle o;
	uint64_t x = 0x2545F4914F6CDD1DULL;
	char w[128];
	int i;

	(void)state;
	oracle_open(&o);
	for (i = 0; i < 300000; i++) {
		size_t len = 0, k, n;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		n = 1 + x % 9;
		for (k = 0; k < n; k++) {
			const char *l = letters[(x >> (8 + 5 * k)) % (sizeof letters / sizeof *letters)];
			memcpy(w + len, l, strlen(l));
			len += strlen(l);
		}
		for (k = 0; k < 2; k++)
			if ((x >> (56 + 3 * k)) % 8 < 5) {
				const char *sfx = suffixes[(x >> (40 + 7 * k)) %
							   (sizeof suffixes / sizeof *suffixes)];
				memcpy(w + len, sfx, strlen(sfx));
				len += strlen(sfx);
			}
		oracle_check(&o, w, len);
	}
	assert_true(o.words > 200000);
	oracle_close(&o);
}

/* The words of the embedded corpus and of the spec files. */
static void test_stem_snowball_as_libstemmer_embedded(void **state)
{
	struct oracle o;

	(void)state;
	oracle_open(&o);
	oracle_corpus(&o, "corpora");
	oracle_corpus(&o, "tests/spec");
	assert_true(o.words > 3000);
	oracle_close(&o);
}

/* The words of the shared laws and manifestos. */
static void test_stem_snowball_as_libstemmer_shared(void **state)
{
	const char *shared = sw_test_shared_dir();
	struct oracle o;
	char path[4096];

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): Snowball not checked on the "
			      "shared corpora\n");
		skip();
	}
	oracle_open(&o);
	snprintf(path, sizeof path, "%s/corpora/bundesgesetze", shared);
	oracle_corpus(&o, path);
	snprintf(path, sizeof path, "%s/corpora/wahlprogramme-btw", shared);
	oracle_corpus(&o, path);
	assert_true(o.words > 50000);
	oracle_close(&o);
}

/* tests/spec/stem.txt: input words one per line, expected
 * "snowball<TAB>cistem" one per line. */
static void test_stem_spec(void **state)
{
	sw_spec_example *ex = NULL;
	sw_stemmer *sb = NULL, *ci = NULL;
	int n, i, failures = 0, checked = 0;

	(void)state;
	n = sw_spec_load("tests/spec/stem.txt", &ex);
	if (n < 0)
		fail_msg("cannot load tests/spec/stem.txt (set SW_SRCDIR to the source tree)");
	assert_true(n > 10);
	assert_int_equal(sw_stemmer_new(&sb, SW_STEMMER_SNOWBALL, NULL), SW_OK);
	assert_int_equal(sw_stemmer_new(&ci, SW_STEMMER_CISTEM, NULL), SW_OK);
	for (i = 0; i < n; i++) {
		const char *in = ex[i].input, *in_end = ex[i].input + ex[i].input_len;
		const char *exp = ex[i].expected;

		for (;;) {
			const char *nl = memchr(in, '\n', (size_t)(in_end - in));
			const char *w_end = nl ? nl : in_end;
			const char *e_end = strchr(exp, '\n'), *tab;
			const char *s1, *s2;
			size_t l1, l2;

			if (!e_end)
				e_end = exp + strlen(exp);
			tab = memchr(exp, '\t', (size_t)(e_end - exp));
			if (!tab) {
				fprintf(stderr, "stem.txt:%d: expected line without a tab\n",
					ex[i].line);
				failures++;
				break;
			}
			assert_int_equal(sw_stem(&s1, &l1, sb, in, (size_t)(w_end - in), NULL),
					 SW_OK);
			assert_int_equal(sw_stem(&s2, &l2, ci, in, (size_t)(w_end - in), NULL),
					 SW_OK);
			/* s1 and s2 come from different stemmers: both valid. */
			if (l1 != (size_t)(tab - exp) || memcmp(s1, exp, l1) != 0 ||
			    l2 != (size_t)(e_end - tab - 1) || memcmp(s2, tab + 1, l2) != 0) {
				fprintf(stderr,
					"stem.txt:%d (%s): \"%.*s\" -> snowball \"%.*s\", "
					"cistem \"%.*s\"; expected \"%.*s\"\n",
					ex[i].line, ex[i].title, (int)(w_end - in), in, (int)l1,
					s1, (int)l2, s2, (int)(e_end - exp), exp);
				failures++;
			}
			checked++;
			if (!nl || !*e_end)
				break;
			in = nl + 1;
			exp = e_end + 1;
		}
	}
	sw_stemmer_free(sb);
	sw_stemmer_free(ci);
	sw_spec_free(ex, n);
	if (failures)
		fail_msg("%d of %d stem.txt words differ", failures, checked);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_stem_kind_parse),
	cmocka_unit_test(test_stem_kind_name),
	cmocka_unit_test(test_stem_new_and_kind),
	cmocka_unit_test(test_stem_new_unknown_kind),
	cmocka_unit_test(test_stem_free_null),
	cmocka_unit_test(test_stem_snowball),
	cmocka_unit_test(test_stem_cistem),
	cmocka_unit_test(test_stem_cistem_case_t_rule),
	cmocka_unit_test(test_stem_cistem_placeholder_chars),
	cmocka_unit_test(test_stem_none_folds),
	cmocka_unit_test(test_stem_empty),
	cmocka_unit_test(test_stem_null_arguments),
	cmocka_unit_test(test_stem_invalid_utf8),
	cmocka_unit_test(test_stem_no_nul_needed),
	cmocka_unit_test(test_stem_result_lifetime),
	cmocka_unit_test(test_stem_long_word),
	cmocka_unit_test(test_stem_oom),
	cmocka_unit_test(test_stem_spec),
	cmocka_unit_test(test_stem_snowball_as_libstemmer_generated),
	cmocka_unit_test(test_stem_snowball_as_libstemmer_embedded),
	cmocka_unit_test(test_stem_snowball_as_libstemmer_shared),
};

SW_TEST_MAIN(tests)
