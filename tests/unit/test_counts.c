/*
 * test_counts.c - counting: totals, document frequencies, display forms,
 * units by field and period, per-unit term frequencies.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"
#include "internal/counts.h"

static sw_term_id key_of(sw_test_pipe *f, const char *stem)
{
	return sw_vocab_find(sw_lexicon_stems(f->lx), stem, strlen(stem));
}

static void fx_corpus(sw_test_pipe *f)
{
	sw_test_pipe_open(f, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(f, "a", "2023-02-01", "Stadt",
	       "Die digitale Souveränität der Stadt. Digitale Souveränität braucht Open Source.");
	sw_test_pipe_add(f, "b", "2023-11-15", "Land", "Digitaler Souveränität fehlt Geld.");
	sw_test_pipe_add(f, "c", "2024-05-02", "Stadt", "Open Source in der Stadt, 87 % sagen ja.");
	sw_test_pipe_add(f, "d", NULL, "Land", "Ohne Datum.");
	assert_int_equal(sw_counts_finish(f->c, NULL), SW_OK);
}

static void test_counts_totals_and_df(void **state)
{
	sw_test_pipe f;
	sw_term_id k;
	const sw_count_doc *d;

	(void)state;
	fx_corpus(&f);
	assert_int_equal(sw_counts_ndocs(f.c), 4);
	/* doc a: 12 tokens, 10 counted (two "." are punctuation) */
	d = sw_counts_doc(f.c, 0);
	assert_string_equal(d->id, "a");
	assert_int_equal(d->ntokens, 12);
	assert_int_equal(d->counted, 10);
	assert_int_equal(d->nsentences, 2);
	k = key_of(&f, "souveranitat");
	assert_int_not_equal(k, SW_TERM_NONE);
	assert_int_equal(sw_counts_key_count(f.c)[k], 3);
	assert_int_equal(sw_counts_key_docs(f.c)[k], 2);
	k = key_of(&f, "stadt");
	assert_int_equal(sw_counts_key_count(f.c)[k], 2);
	assert_int_equal(sw_counts_key_docs(f.c)[k], 2);
	/* "die" is a stopword: counted, but not a content term */
	k = key_of(&f, "die");
	assert_true(sw_counts_key_is_term(f.c, k, 1));
	assert_false(sw_counts_key_is_term(f.c, k, 0));
	/* a number is counted with --all only */
	k = key_of(&f, "87%");
	assert_true(sw_counts_key_is_term(f.c, k, 1));
	assert_false(sw_counts_key_is_term(f.c, k, 0));
	sw_test_pipe_close(&f);
}

/* The display form is the most frequent form; ties go to the earliest. */
static void test_counts_display_form(void **state)
{
	sw_test_pipe f;
	size_t len;
	const char *s;

	(void)state;
	fx_corpus(&f);
	/* "digitale", "Digitale", "Digitaler": one each -> the earliest */
	s = sw_counts_display(f.c, key_of(&f, "digital"), &len);
	assert_int_equal(len, strlen("digitale"));
	assert_memory_equal(s, "digitale", len);
	/* "Souveränität" three times */
	s = sw_counts_display(f.c, key_of(&f, "souveranitat"), &len);
	assert_memory_equal(s, "Souveränität", len);
	sw_test_pipe_close(&f);
}

static void test_counts_units_by_year(void **state)
{
	sw_test_pipe f;
	sw_units *u;

	(void)state;
	fx_corpus(&f);
	assert_int_equal(sw_units_new(&u, f.c, "year", NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 3);
	assert_string_equal(sw_units_label(u, 0), "2023");
	assert_string_equal(sw_units_label(u, 1), "2024");
	assert_null(sw_units_label(u, 2)); /* the document without a date */
	assert_int_equal(sw_units_ndocs(u, 0), 2);
	assert_int_equal(sw_units_of_doc(u, 3), 2);
	/* counted tokens of 2023: a (10) + b (4) */
	assert_int_equal(sw_units_counted(u, 0), 14);
	sw_units_free(u);
	sw_test_pipe_close(&f);
}

static void test_counts_units_by_quarter_month_group(void **state)
{
	sw_test_pipe f;
	sw_units *u;

	(void)state;
	fx_corpus(&f);
	assert_int_equal(sw_units_new(&u, f.c, "quarter", NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 4);
	assert_string_equal(sw_units_label(u, 0), "2023-Q1");
	assert_string_equal(sw_units_label(u, 1), "2023-Q4");
	assert_string_equal(sw_units_label(u, 2), "2024-Q2");
	sw_units_free(u);
	assert_int_equal(sw_units_new(&u, f.c, "month", NULL), SW_OK);
	assert_string_equal(sw_units_label(u, 1), "2023-11");
	sw_units_free(u);
	assert_int_equal(sw_units_new(&u, f.c, "group", NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 2);
	assert_string_equal(sw_units_label(u, 0), "Land");
	assert_string_equal(sw_units_label(u, 1), "Stadt");
	assert_int_equal(sw_units_ndocs(u, 1), 2);
	sw_units_free(u);
	assert_int_equal(sw_units_new(&u, f.c, NULL, NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 1);
	assert_string_equal(sw_units_label(u, 0), "corpus");
	assert_int_equal(sw_units_counted(u, 0), sw_counts_counted(f.c));
	sw_units_free(u);
	assert_int_equal(sw_units_new(&u, f.c, "doc", NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 4);
	assert_string_equal(sw_units_label(u, 2), "c");
	sw_units_free(u);
	sw_test_pipe_close(&f);
}

static void test_counts_unit_tf(void **state)
{
	sw_test_pipe f;
	sw_units *u;
	const sw_unit_tf *tf;
	size_t n, i;
	sw_term_id sv, st;
	int seen = 0;

	(void)state;
	fx_corpus(&f);
	sv = key_of(&f, "souveranitat");
	st = key_of(&f, "stadt");
	assert_int_equal(sw_units_new(&u, f.c, "group", NULL), SW_OK);
	/* unit 1 = "Stadt": documents a and c */
	assert_int_equal(sw_units_tf(&tf, &n, u, 1, 0, NULL), SW_OK);
	for (i = 0; i < n; i++) {
		if (i)
			assert_true(tf[i - 1].key < tf[i].key);
		if (tf[i].key == sv) {
			assert_int_equal(tf[i].count, 2);
			assert_int_equal(tf[i].docs, 1);
			seen++;
		}
		if (tf[i].key == st) {
			assert_int_equal(tf[i].count, 2);
			assert_int_equal(tf[i].docs, 2);
			seen++;
		}
		/* no stopwords, numbers or punctuation without all */
		assert_true(sw_counts_key_is_term(f.c, tf[i].key, 0));
	}
	assert_int_equal(seen, 2);
	/* with all, the number and the stopwords come in */
	assert_int_equal(sw_units_tf(&tf, &n, u, 1, 1, NULL), SW_OK);
	seen = 0;
	for (i = 0; i < n; i++)
		if (tf[i].key == key_of(&f, "87%"))
			seen = 1;
	assert_true(seen);
	/* scratch is reset between calls: asking again gives the same */
	{
		size_t n2;
		const sw_unit_tf *tf2;
		assert_int_equal(sw_units_tf(&tf2, &n2, u, 1, 1, NULL), SW_OK);
		assert_int_equal(n2, n);
	}
	/* unsorted (keywords.c sums them per key): the same entries, each
	 * key once; and the scratch is reset for the next sorted call */
	for (i = 0; i < 2; i++) {
		sw_unit_tf want[64];
		const sw_unit_tf *tf2;
		size_t n2, j, k, found = 0;
		assert_int_equal(sw_units_tf(&tf, &n, u, 1, (int)i, NULL), SW_OK);
		assert_true(n > 2 && n <= 64);
		memcpy(want, tf, n * sizeof *tf);
		assert_int_equal(sw__units_tf(&tf2, &n2, u, 1, (int)i, 0, NULL), SW_OK);
		assert_int_equal(n2, n);
		for (j = 0; j < n2; j++)
			for (k = 0; k < n; k++)
				if (want[k].key == tf2[j].key) {
					assert_int_equal(want[k].count, tf2[j].count);
					assert_int_equal(want[k].docs, tf2[j].docs);
					found++;
				}
		assert_int_equal(found, n);
		assert_int_equal(sw_units_tf(&tf2, &n2, u, 1, (int)i, NULL), SW_OK);
		assert_int_equal(n2, n);
		assert_memory_equal(tf2, want, n * sizeof *tf2);
	}
	sw_units_free(u);
	sw_test_pipe_close(&f);
}

static void test_counts_period_label(void **state)
{
	char b[16];

	(void)state;
	assert_true(sw_period_label(b, "2024-05-02", "quarter"));
	assert_string_equal(b, "2024-Q2");
	assert_true(sw_period_label(b, "2024-12", "quarter"));
	assert_string_equal(b, "2024-Q4");
	assert_true(sw_period_label(b, "2024", "year"));
	assert_string_equal(b, "2024");
	assert_false(sw_period_label(b, "2024", "month"));
	assert_false(sw_period_label(b, NULL, "year"));
}

static void test_counts_extra_field_units(void **state)
{
	sw_test_pipe f;
	sw_units *u;
	sw_doc d;
	sw_meta_field ex[1] = { { "speaker", "Weber" } };
	const sw_atoken *t;
	size_t n;

	(void)state;
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	memset(&d, 0, sizeof d);
	d.id = "x";
	d.extra = ex;
	d.n_extra = 1;
	d.text = "Daten schützen.";
	d.len = strlen(d.text);
	assert_int_equal(sw_analyze(&t, &n, f.an, d.text, d.len, NULL), SW_OK);
	assert_int_equal(sw_counts_add(f.c, &d, t, n, NULL), SW_OK);
	sw_test_pipe_add(&f, "y", NULL, NULL, "Ohne Sprecher.");
	assert_int_equal(sw_counts_finish(f.c, NULL), SW_OK);
	assert_int_equal(sw_units_new(&u, f.c, "speaker", NULL), SW_OK);
	assert_int_equal(sw_units_count(u), 2);
	assert_string_equal(sw_units_label(u, 0), "Weber");
	assert_null(sw_units_label(u, 1));
	sw_units_free(u);
	sw_test_pipe_close(&f);
}

/*
 * Deferred totals (what the pipeline does on 2+ threads): the documents
 * are added up at finish on document-aligned chunks and merged in order.
 * Forms A (0) and B (1) stand under keys K0 and K1 in turn, so that a
 * chunk's first key of a form differs from the corpus's and both
 * overflow paths of the merge carry counts; the display forms hang on
 * one-token margins and a tie broken by the first occurrence:
 *   docs 0-199:   A/K0 x2, B/K1 x2 (doc 0: B/K1 x1)
 *   docs 200-399: A/K1 x2, A/K0 x1, B/K0 x3
 *   K0: A 600, B 600, tie -> A (first in doc 0; B/K0 from doc 200)
 *   K1: A 400, B 399 -> A
 * plus 250 filler tokens (form 2, key K2) per document: ~100,000 tokens,
 * several chunks.  Any count lost or misplaced flips a display form.
 */
static void fill_crafted(sw_counts *c)
{
	size_t d, i;

	for (d = 0; d < 400; d++) {
		static const sw_term_id first_half[][2] = { { 0, 0 }, { 0, 0 }, { 1, 1 }, { 1, 1 } };
		static const sw_term_id second_half[][2] = {
			{ 1, 0 }, { 1, 0 }, { 0, 0 }, { 0, 1 }, { 0, 1 }, { 0, 1 }
		};
		const sw_term_id (*pat)[2] = d < 200 ? first_half : second_half;
		size_t np = d < 200 ? (d == 0 ? 3 : 4) : 6, n = np + 250;
		sw_doc doc;
		sw__counts_slots sl;
		char id[16];
		memset(&doc, 0, sizeof doc);
		snprintf(id, sizeof id, "d%zu", d);
		doc.id = id;
		doc.text = "";
		assert_int_equal(sw__counts_begin_doc(c, &doc, n, &sl, NULL), SW_OK);
		for (i = 0; i < n; i++) {
			sl.keys[i] = i < np ? pat[i][0] : 2;
			sl.forms[i] = i < np ? pat[i][1] : 2;
			sl.types[i] = SW_TOKEN_WORD;
			sl.flags[i] = 0;
		}
		sw__counts_end_doc(c, n, 1);
	}
}

static void test_counts_deferred_totals(void **state)
{
	static const size_t threads[] = { 1, 2, 3, 8 };
	static const sw_term_id want_display[] = { 0, 0, 2 };
	static const uint32_t want_count[] = { 1200, 799, 100000 };
	sw_lexicon *lx;
	sw_counts *one, *many;
	const sw_vocab *surf;
	size_t t, k, i;
	char w[16];

	(void)state;
	assert_int_equal(sw_lexicon_new(&lx, NULL, NULL), SW_OK);
	for (i = 0; i < 3; i++) { /* forms 0, 1, 2 and keys 0, 1, 2 */
		sw_term_info ti;
		snprintf(w, sizeof w, "%s", i == 0 ? "Anker" : i == 1 ? "Boje" : "Wasser");
		assert_int_equal(sw_lexicon_term(&ti, lx, w, strlen(w), SW_TOKEN_WORD, 0, NULL), SW_OK);
		assert_int_equal(ti.form, i);
		assert_int_equal(ti.stem, i);
	}
	surf = sw_lexicon_surfaces(lx);
	assert_int_equal(sw_counts_new(&one, lx, NULL), SW_OK);
	fill_crafted(one);
	assert_int_equal(sw_counts_finish(one, NULL), SW_OK);
	assert_true(sw_counts_ntokens(one) > 65536);
	for (t = 0; t < 4; t++) {
		sw_counts *c = one;
		if (t) {
			assert_int_equal(sw_counts_new(&many, lx, NULL), SW_OK);
			sw__counts_defer(many);
			fill_crafted(many);
			assert_int_equal(sw__counts_finish_par(many, threads[t], NULL), SW_OK);
			c = many;
		}
		assert_int_equal(sw_counts_nkeys(c), 3);
		for (k = 0; k < 3; k++) {
			size_t la = 0, lb = 0;
			const char *a = sw_counts_display(c, (sw_term_id)k, &la);
			const char *b = sw_vocab_bytes(surf, want_display[k], &lb);
			assert_int_equal(sw_counts_key_count(c)[k], want_count[k]);
			assert_int_equal(sw_counts_key_docs(c)[k], 400);
			assert_int_equal(la, lb);
			assert_memory_equal(a, b, la);
		}
		if (t)
			sw_counts_free(many);
	}
	sw_counts_free(one);
	sw_lexicon_free(lx);
}

/* A form's case flags: capitalised (its first letter upper case) and
 * acronym (two or more letters, all upper case), decided by the first
 * part of a hyphenated form; ASCII and other letters alike. */
static void test_counts_case_flags(void **state)
{
	static const struct {
		const char *form;
		uint8_t flags;
	} cases[] = {
		{ "KI", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "Ki", SW_CT_UPPER },
		{ "kI", 0 },
		{ "ki", 0 },
		{ "K", SW_CT_UPPER },
		{ "KI-Strategie", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "Open-SOURCE", SW_CT_UPPER },
		{ "OZG2", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "5G", SW_CT_UPPER },
		{ "5g", 0 },
		{ "\xC3\x84pfel", SW_CT_UPPER },
		{ "\xC3\x84\xC3\x96", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "\xC3\xA4K", 0 },
		{ "B\xC3\xBC" "RGER", SW_CT_UPPER },
		{ "\xCE\x91\xCE\x92", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "2023", 0 },
		{ "\xFF" "AB", SW_CT_UPPER | SW_CT_ACRONYM },
		{ "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint8_t f = sw__counts_case_flags(cases[i].form, strlen(cases[i].form));
		if (f != cases[i].flags)
			fail_msg("case flags of \"%s\": %u, expected %u", cases[i].form, f,
				 cases[i].flags);
	}
}

/*
 * Gries' DP, checked against values worked out by hand.  Documents of 5,
 * 6 and 1 counted tokens (punctuation not counted; "und" a stopword):
 * S = 12, s = (5/12, 6/12, 1/12).
 *   Baum (b only):            1 - 6/12 = 1/2
 *   Klima (2, 1, 0 of 3):     0.5 * (|8/12 - 5/12| + |4/12 - 6/12| + 1/12) = 1/4
 *   Haus (1, 1, 0 of 2):      0.5 * (1/12 + 0 + 1/12) = 1/12
 *   Auto (c only):            1 - 1/12 = 11/12
 *   und (a only; with all):   1 - 5/12 = 7/12
 * Grouped a, b | c: unit X has S = 11, Klima 0.5 * (7/33 + 7/33) = 7/33;
 * unit Y holds one document, so everything in it has DP 0.
 */
/* cmocka here has no assert_double_equal */
#define assert_near(x, want, eps)                                                   \
	do {                                                                        \
		double x_ = (x), w_ = (want);                                       \
		if (!(fabs(x_ - w_) <= (eps)))                                      \
			fail_msg("%s = %.17g, expected %.17g", #x, x_, w_);         \
	} while (0)

static void fx_dp(sw_test_pipe *f, const char *aggregate_by, int all)
{
	sw_test_pipe_open(f, SW_STEMMER_SNOWBALL, 0);
	if (aggregate_by) {
		assert_int_equal(sw_counts_aggregate(f->c, aggregate_by, NULL), SW_OK);
		assert_int_equal(sw_counts_aggregate_dp(f->c, all, NULL), SW_OK);
	}
	sw_test_pipe_add(f, "a", "2023-01-01", "X", "Klima und Klima Wasser Haus.");
	sw_test_pipe_add(f, "b", "2023-02-01", "X", "Klima Baum Baum Baum Haus Wasser.");
	sw_test_pipe_add(f, "c", "2023-03-01", "Y", "Auto.");
	assert_int_equal(sw_counts_finish(f->c, NULL), SW_OK);
}

/* The DP of the term shown as `term` in unit i (all or not), asked for
 * alone and among all the unit's keys (the same); -1 if the unit does
 * not count it. */
static double dp_of(sw_test_pipe *f, sw_units *u, size_t i, int all, const char *term)
{
	const sw_unit_tf *tf;
	size_t n, j, len;
	double one = -1.0, got = -1.0, *every;
	sw_term_id *keys;

	assert_int_equal(sw_units_tf(&tf, &n, u, i, all, NULL), SW_OK);
	keys = calloc(n + 1, sizeof *keys);
	every = calloc(n + 1, sizeof *every);
	assert_non_null(keys);
	assert_non_null(every);
	for (j = 0; j < n; j++)
		keys[j] = tf[j].key;
	assert_int_equal(sw_units_dp(every, u, i, all, keys, n, NULL), SW_OK);
	for (j = 0; j < n; j++) {
		const char *d = sw_counts_display(f->c, keys[j], &len);
		if (len == strlen(term) && memcmp(d, term, len) == 0) {
			assert_int_equal(sw_units_dp(&one, u, i, all, &keys[j], 1, NULL), SW_OK);
			got = every[j];
			assert_true(one == got);
		}
	}
	free(keys);
	free(every);
	return got;
}

static void test_counts_dp(void **state)
{
	static const char *const modes[] = { NULL, "corpus", "group" };
	size_t m;
	int all;

	(void)state;
	for (m = 0; m < 3; m++)
		for (all = 0; all < 2; all++) {
			sw_test_pipe f;
			sw_units *u;
			sw_error err = { 0 };
			const char *by = modes[m] ? modes[m] : "corpus";
			sw_term_id k0 = 0, none = (sw_term_id)-2;
			double x = 0;

			fx_dp(&f, modes[m], all);
			assert_int_equal(sw_units_new(&u, f.c, by, NULL), SW_OK);
			/* no such unit */
			assert_int_equal(sw_units_dp(&x, u, sw_units_count(u), all, &k0, 1, &err),
					 SW_EINVAL);
			/* aggregated for the other kind of token: refused, said so */
			if (modes[m]) {
				assert_int_equal(sw_units_dp(&x, u, 0, !all, &k0, 1, &err), SW_EINVAL);
				assert_non_null(strstr(err.message, all ? "not content" : "not all"));
			}
			/* a key the unit does not count: NAN; nothing asked: nothing done */
			assert_int_equal(sw_units_dp(&x, u, 0, all, &none, 1, NULL), SW_OK);
			assert_true(isnan(x));
			assert_int_equal(sw_units_dp(NULL, u, 0, all, NULL, 0, NULL), SW_OK);
			if (strcmp(by, "corpus") == 0) {
				assert_near(dp_of(&f, u, 0, all, "Baum"), 0.5, 1e-15);
				assert_near(dp_of(&f, u, 0, all, "Klima"), 0.25, 1e-15);
				assert_near(dp_of(&f, u, 0, all, "Haus"), 1.0 / 12, 1e-15);
				assert_near(dp_of(&f, u, 0, all, "Wasser"), 1.0 / 12, 1e-15);
				assert_near(dp_of(&f, u, 0, all, "Auto"), 11.0 / 12, 1e-15);
				/* with all the stopword is a term; the sizes stay */
				assert_near(dp_of(&f, u, 0, all, "und"), all ? 7.0 / 12 : -1.0, 1e-15);
			} else {
				assert_int_equal(sw_units_count(u), 2);
				assert_near(dp_of(&f, u, 0, all, "Klima"), 7.0 / 33, 1e-15);
				assert_near(dp_of(&f, u, 0, all, "Baum"), 5.0 / 11, 1e-15);
				assert_near(dp_of(&f, u, 1, all, "Auto"), 0.0, 0);
			}
			/* the scratch is reset: the same again */
			assert_near(dp_of(&f, u, 0, all, "Klima"),
				    strcmp(by, "corpus") == 0 ? 0.25 : 7.0 / 33, 1e-15);
			sw_units_free(u);
			/* one document a unit: DP 0 throughout */
			if (!modes[m]) {
				const sw_unit_tf *tf;
				size_t n, i, j;
				assert_int_equal(sw_units_new(&u, f.c, "doc", NULL), SW_OK);
				for (i = 0; i < sw_units_count(u); i++) {
					sw_term_id keys[16];
					double dp[16];
					assert_int_equal(sw_units_tf(&tf, &n, u, i, all, NULL), SW_OK);
					assert_true(n > 0 && n <= 16);
					for (j = 0; j < n; j++)
						keys[j] = tf[j].key;
					assert_int_equal(sw_units_dp(dp, u, i, all, keys, n, NULL), SW_OK);
					for (j = 0; j < n; j++)
						assert_near(dp[j], 0.0, 0);
				}
				sw_units_free(u);
			}
			sw_test_pipe_close(&f);
		}
}

/* Aggregated without sw_counts_aggregate_dp(): no DP, said so; and the
 * call is refused once documents are in or without aggregation. */
static void test_counts_dp_needs_opt_in(void **state)
{
	sw_test_pipe f;
	sw_units *u;
	const sw_unit_tf *tf;
	double dp;
	size_t n;
	sw_error err = { 0 };

	(void)state;
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	assert_int_equal(sw_counts_aggregate_dp(f.c, 0, NULL), SW_EINVAL);
	assert_int_equal(sw_counts_aggregate(f.c, "corpus", NULL), SW_OK);
	sw_test_pipe_add(&f, "a", NULL, NULL, "Klima Wasser.");
	assert_int_equal(sw_counts_aggregate_dp(f.c, 0, NULL), SW_EINVAL);
	assert_int_equal(sw_counts_finish(f.c, NULL), SW_OK);
	assert_int_equal(sw_units_new(&u, f.c, "corpus", NULL), SW_OK);
	assert_int_equal(sw_units_tf(&tf, &n, u, 0, 0, NULL), SW_OK);
	assert_int_equal(n, 2);
	assert_int_equal(sw_units_dp(&dp, u, 0, 0, &tf[0].key, 1, &err), SW_EINVAL);
	assert_non_null(strstr(err.message, "sw_counts_aggregate_dp"));
	sw_units_free(u);
	sw_test_pipe_close(&f);
}

void sw_test_alloc_fail_after(long n); /* src/internal/alloc.c */

/* Aggregated counts keeping DP, from new counts to sw_units_dp(): each
 * allocation failed in turn gives SW_ENOMEM (no crash, no leak under
 * ASan), and the others the DP of every key as without failures. */
static void test_counts_dp_oom(void **state)
{
	static const char *const texts[] = { "Klima und Klima Wasser Haus.",
					     "Klima Baum Baum Baum Haus Wasser.", "Auto." };
	sw_test_pipe f;
	sw_atoken *toks[3];
	size_t nt[3], i, nk = 0;
	double *want = NULL;
	long n, nfail = 0, streak = 0;

	(void)state;
	sw_test_pipe_open(&f, SW_STEMMER_SNOWBALL, 0);
	for (i = 0; i < 3; i++) {
		const sw_atoken *t;
		assert_int_equal(sw_analyze(&t, &nt[i], f.an, texts[i], strlen(texts[i]), NULL), SW_OK);
		toks[i] = malloc((nt[i] + 1) * sizeof *toks[i]);
		assert_non_null(toks[i]);
		memcpy(toks[i], t, nt[i] * sizeof *t);
	}
	for (n = 0; streak < 30; n++) {
		sw_counts *c = NULL;
		sw_units *u = NULL;
		sw_term_id *keys = NULL;
		double *got = NULL;
		int rc;
		sw_test_alloc_fail_after(n);
		rc = sw_counts_new(&c, f.lx, NULL);
		if (!rc)
			rc = sw_counts_aggregate(c, "corpus", NULL);
		if (!rc)
			rc = sw_counts_aggregate_dp(c, 0, NULL);
		for (i = 0; !rc && i < 3; i++) {
			sw_doc d;
			memset(&d, 0, sizeof d);
			d.index = i;
			d.id = d.source = "d";
			d.text = texts[i];
			d.len = strlen(texts[i]);
			rc = sw_counts_add(c, &d, toks[i], nt[i], NULL);
		}
		if (!rc)
			rc = sw_counts_finish(c, NULL);
		if (!rc)
			rc = sw_units_new(&u, c, "corpus", NULL);
		if (!rc) {
			size_t k;
			nk = sw_counts_nkeys(c);
			/* the test's own arrays: outside the failing allocator */
			sw_test_alloc_fail_after(0);
			keys = malloc((nk + 1) * sizeof *keys);
			got = malloc((nk + 1) * sizeof *got);
			assert_non_null(keys);
			assert_non_null(got);
			for (k = 0; k < nk; k++)
				keys[k] = (sw_term_id)k;
			sw_test_alloc_fail_after(n);
			rc = sw_units_dp(got, u, 0, 0, keys, nk, NULL);
		}
		sw_test_alloc_fail_after(0);
		if (rc) {
			assert_int_equal(rc, SW_ENOMEM);
			nfail++;
			streak = 0;
		} else if (!want) {
			assert_int_equal(n, 0);
			want = got;
			got = NULL;
		} else {
			size_t k;
			for (k = 0; k < nk; k++)
				assert_true((isnan(want[k]) && isnan(got[k])) || want[k] == got[k]);
			streak += n > 0;
		}
		free(keys);
		free(got);
		sw_units_free(u);
		sw_counts_free(c);
		assert_true(n < 100000);
	}
	assert_true(nfail > 5);
	for (i = 0; i < nk && !(want[i] > 0.2 && want[i] < 0.3); i++)
		;
	assert_true(i < nk); /* Klima: 0.25 */
	free(want);
	for (i = 0; i < 3; i++)
		free(toks[i]);
	sw_test_pipe_close(&f);
}

/* DP by its definition, 0.5 * sum over the unit's documents of
 * |v_d - s_d|, from each document's own term frequencies (units "doc"). */
static double dp_naive(const sw_counts *c, sw_units *units, sw_units *docs, size_t i, int all,
		       sw_term_id key)
{
	size_t d, n, j;
	double sum = 0, F = 0, S = (double)sw_units_counted(units, i);
	const sw_unit_tf *tf;

	for (d = 0; d < sw_counts_ndocs(c); d++) {
		if (sw_units_of_doc(units, d) != i)
			continue;
		assert_int_equal(sw_units_tf(&tf, &n, docs, d, all, NULL), SW_OK);
		for (j = 0; j < n; j++)
			if (tf[j].key == key)
				F += tf[j].count;
	}
	for (d = 0; d < sw_counts_ndocs(c); d++) {
		double f = 0;
		if (sw_units_of_doc(units, d) != i)
			continue;
		assert_int_equal(sw_units_tf(&tf, &n, docs, d, all, NULL), SW_OK);
		for (j = 0; j < n; j++)
			if (tf[j].key == key)
				f = tf[j].count;
		sum += fabs(f / F - (double)sw_units_counted(docs, d) / S);
	}
	return 0.5 * sum;
}

/* Aggregated while loading or from the token arrays: the same DP, to the
 * last bit, on a real corpus slice; and the figure of the definition. */
static void test_counts_dp_aggregate_same(void **state)
{
	static const char *const bys[] = { "corpus", "year", "group" };
	size_t b;
	int all;

	(void)state;
	for (b = 0; b < 3; b++)
		for (all = 0; all < 2; all++) {
			sw_test_pipe t, a;
			sw_units *ut, *ua, *ud;
			size_t i;

			sw_test_pipe_open(&t, SW_STEMMER_SNOWBALL, 0);
			sw_test_pipe_add_embedded(&t, 1);
			assert_int_equal(sw_counts_finish(t.c, NULL), SW_OK);
			sw_test_pipe_open(&a, SW_STEMMER_SNOWBALL, 0);
			assert_int_equal(sw_counts_aggregate(a.c, bys[b], NULL), SW_OK);
			assert_int_equal(sw_counts_aggregate_dp(a.c, all, NULL), SW_OK);
			sw_test_pipe_add_embedded(&a, 1);
			assert_int_equal(sw_counts_finish(a.c, NULL), SW_OK);
			assert_int_equal(sw_units_new(&ut, t.c, bys[b], NULL), SW_OK);
			assert_int_equal(sw_units_new(&ua, a.c, bys[b], NULL), SW_OK);
			assert_int_equal(sw_units_new(&ud, t.c, "doc", NULL), SW_OK);
			assert_int_equal(sw_units_count(ut), sw_units_count(ua));
			for (i = 0; i < sw_units_count(ut); i++) {
				const sw_unit_tf *tt, *ta;
				size_t nt, na, j, lt, la, spread = 0;
				double *dt, *da;
				sw_term_id *kt, *ka;
				assert_int_equal(sw_units_tf(&tt, &nt, ut, i, all, NULL), SW_OK);
				kt = malloc((nt + 1) * sizeof *kt);
				dt = malloc((nt + 1) * sizeof *dt);
				assert_non_null(kt);
				assert_non_null(dt);
				for (j = 0; j < nt; j++)
					kt[j] = tt[j].key;
				assert_int_equal(sw_units_tf(&ta, &na, ua, i, all, NULL), SW_OK);
				assert_int_equal(nt, na);
				ka = malloc((na + 1) * sizeof *ka);
				da = malloc((na + 1) * sizeof *da);
				assert_non_null(ka);
				assert_non_null(da);
				for (j = 0; j < na; j++)
					ka[j] = ta[j].key;
				assert_int_equal(sw_units_dp(dt, ut, i, all, kt, nt, NULL), SW_OK);
				assert_int_equal(sw_units_dp(da, ua, i, all, ka, na, NULL), SW_OK);
				for (j = 0; j < nt; j++) {
					/* the two lexicons number keys alike: same input */
					const char *bt = sw_counts_key_bytes(t.c, kt[j], &lt);
					const char *ba = sw_counts_key_bytes(a.c, ka[j], &la);
					assert_int_equal(lt, la);
					assert_memory_equal(bt, ba, lt);
					/* keeping the pairs leaves the counts as they were */
					assert_int_equal(tt[j].count, ta[j].count);
					assert_int_equal(tt[j].docs, ta[j].docs);
					assert_true(dt[j] == da[j]);
					assert_true(dt[j] >= 0.0 && dt[j] < 1.0);
					spread += dt[j] > 0.0;
					/* the definition, for every 7th key (it is quadratic) */
					if (j % 7 == 0)
						assert_near(dt[j], dp_naive(t.c, ut, ud, i, all, kt[j]),
							    1e-12);
				}
				if (sw_units_ndocs(ut, i) > 1)
					assert_true(spread > 0);
				free(kt);
				free(ka);
				free(dt);
				free(da);
			}
			sw_units_free(ut);
			sw_units_free(ua);
			sw_units_free(ud);
			sw_test_pipe_close(&t);
			sw_test_pipe_close(&a);
		}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_totals_and_df),
		cmocka_unit_test(test_counts_case_flags),
		cmocka_unit_test(test_counts_deferred_totals),
		cmocka_unit_test(test_counts_display_form),
		cmocka_unit_test(test_counts_units_by_year),
		cmocka_unit_test(test_counts_units_by_quarter_month_group),
		cmocka_unit_test(test_counts_unit_tf),
		cmocka_unit_test(test_counts_period_label),
		cmocka_unit_test(test_counts_extra_field_units),
		cmocka_unit_test(test_counts_dp),
		cmocka_unit_test(test_counts_dp_needs_opt_in),
		cmocka_unit_test(test_counts_dp_aggregate_same),
		cmocka_unit_test(test_counts_dp_oom),
	};
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
