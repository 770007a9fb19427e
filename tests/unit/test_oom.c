/*
 * tests/unit/test_oom.c - fault injection (STYLE.md D.5): a whole
 * pipeline (built-in stoplist, lexicon, analyzer, sw_analyze on a German
 * paragraph, surfaces, a writer into memory) runs with the N-th library
 * allocation failing, for N = 1, 2, 3, ...  Every failing run must report
 * SW_ENOMEM from the step that failed and free everything (LSan checks
 * that under `make check`); no run may crash.  The loop ends once runs
 * no longer reach the failing allocation: 50 runs in a row succeed with
 * the same output as a run without fault injection.
 *
 * ICU and utf8proc allocate with their own malloc; only
 * libstichwort's allocations fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/analyze.h"
#include "stichwort/stopwords.h"
#include "stichwort/terms.h"
#include "stichwort/write.h"
#include "stichwort/vocab.h"

void sw_test_alloc_fail_after(long n);

static const char paragraph[] =
	"Die Open-Source-Strategie der Bundesregierung richtet sich an alle B\xC3\xBCrger*innen,\n"
	"B\xC3\xBCrger:innen und BürgerInnen, z. B. am 3. Oktober 2025 laut \xC2\xA7 5 Abs. 2.\n"
	"Die Digitali-\nsierung kostet 87 % mehr: 1.000,50 \xE2\x82\xAC (Stand 27.11.2025).\n"
	"\xE2\x80\x9E" "Cloud- und Software-Anbieter\xE2\x80\x9C sind \xEF\xAC\x81nanziell KI-gest\xC3\xBCtzt, "
	"Mu\xCC\x88ller sagt's: https://www.bund.de/digital oder info@bund.de.\n\n"
	"Stra\xC3\x9F" "e, Stra\xC3\x9F" "en und Stra\xC3\x9F" "e sind drei Formen von zwei W\xC3\xB6rtern.\n";

/* A sink into plain malloc'd memory, so that its own growth never fails
 * under the hook (only library allocations are under test). */
struct mem {
	char *p;
	size_t len, cap;
};

static int mem_sink(const char *data, size_t len, void *payload)
{
	struct mem *m = payload;

	if (m->cap - m->len < len + 1) {
		size_t cap = (m->cap + len + 1) * 2;
		char *p = realloc(m->p, cap);
		if (!p)
			return -1;
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->len, data, len);
	m->len += len;
	m->p[m->len] = '\0';
	return 0;
}

static const sw_field fields[] = {
	{ "i", SW_FIELD_INT },     { "surface", SW_FIELD_STRING }, { "norm", SW_FIELD_STRING },
	{ "stem", SW_FIELD_STRING }, { "stop", SW_FIELD_BOOL },      { "weight", SW_FIELD_REAL },
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* Run the pipeline once.  Returns SW_OK, or the status of the step that
 * failed; out receives the writer's bytes. */
static int pipeline(struct mem *out, sw_format fmt, sw_stemmer_kind stemmer)
{
	sw_stoplist *sl = NULL;
	sw_lexicon *lx = NULL;
	sw_analyzer *an = NULL;
	sw_writer *w = NULL;
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	const sw_atoken *t;
	size_t n = 0, i;
	sw_error err;
	int rc, pass;
	const char *step = "";

	memset(&err, 0, sizeof err);
	if ((step = "sw_stoplist_new", rc = sw_stoplist_new(&sl, &err)))
		goto done;
	if ((step = "sw_stoplist_add_builtin", rc = sw_stoplist_add_builtin(sl, "de", &err)))
		goto done;
	lo.stemmer = stemmer;
	lo.stopwords = sl;
	if ((step = "sw_lexicon_new", rc = sw_lexicon_new(&lx, &lo, &err)))
		goto done;
	if ((step = "sw_analyzer_new", rc = sw_analyzer_new(&an, lx, NULL, &err)))
		goto done;
	if ((step = "sw_writer_new", rc = sw_writer_new(&w, fmt, fields, NFIELDS, mem_sink, out, &err)))
		goto done;
	{
		sw_kv params[1] = { { "stemmer", SW_FIELD_STRING, { "snowball", 8, 0, 0 } } };
		if ((step = "sw_writer_begin", rc = sw_writer_begin(w, "oom", params, 1, &err)))
			goto done;
	}
	/* Twice, so that the second pass goes through the lexicon's cache. */
	for (pass = 0; pass < 2; pass++) {
		if ((step = "sw_analyze", rc = sw_analyze(&t, &n, an, paragraph, sizeof paragraph - 1, &err)))
			goto done;
		for (i = 0; i < n; i++) {
			sw_value v[NFIELDS];

			memset(v, 0, sizeof v);
			v[0].i = (long long)i;
			if ((step = "sw_analyzer_surface", rc = sw_analyzer_surface(&v[1].s, &v[1].len, an, &t[i])))
				goto done;
			v[2].s = sw_vocab_bytes(sw_lexicon_norms(lx), t[i].term.norm, &v[2].len);
			v[3].s = sw_vocab_bytes(sw_lexicon_stems(lx), t[i].term.stem, &v[3].len);
			assert_non_null(v[2].s);
			assert_non_null(v[3].s);
			v[4].i = t[i].term.stop;
			v[5].r = (double)t[i].tok.len / 3.0;
			if ((step = "sw_writer_row", rc = sw_writer_row(w, v, &err)))
				goto done;
		}
	}
	{
		sw_kv corpus[1] = { { "tokens", SW_FIELD_INT, { NULL, 0, (long long)n, 0 } } };
		sw_warning warn = { SW_WARN_PROBLEM, SW_EFORMAT, "rede.jsonl", 2, 17, "r2",
				    "malformed JSON; line skipped" };
		step = "sw_writer_end";
		rc = sw_writer_end(w, corpus, 1, &warn, 1, &err);
	}
done:
	/* The step that failed says so in err too (error.h); the surface
	 * call has no err. */
	if (rc != SW_OK && strcmp(step, "sw_analyzer_surface") != 0 && err.code != rc)
		fail_msg("%s returned %d but left err.code %d", step, rc, err.code);
	sw_writer_free(w);
	sw_analyzer_free(an);
	sw_lexicon_free(lx);
	sw_stoplist_free(sl);
	return rc;
}

static void oom_loop(sw_format fmt, sw_stemmer_kind stemmer)
{
	struct mem ref = { NULL, 0, 0 };
	long nfail = 0, n, streak = 0;

	sw_test_alloc_fail_after(0);
	assert_int_equal(pipeline(&ref, fmt, stemmer), SW_OK);
	assert_true(ref.len > 0);

	for (n = 1; streak < 50; n++) {
		struct mem out = { NULL, 0, 0 };
		int rc;

		sw_test_alloc_fail_after(n);
		rc = pipeline(&out, fmt, stemmer);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			if (out.len != ref.len || memcmp(out.p, ref.p, ref.len) != 0)
				fail_msg("%s: allocation %ld failed silently: output differs",
					 sw_format_name(fmt), n);
			streak++;
		} else {
			if (rc != SW_ENOMEM)
				fail_msg("%s: allocation %ld failed: status %d (%s), expected SW_ENOMEM",
					 sw_format_name(fmt), n, rc, sw_strerror(rc));
			nfail++;
			streak = 0;
		}
		free(out.p);
		if (n > 200000)
			fail_msg("%s: pipeline still failing after %ld allocations", sw_format_name(fmt), n);
	}
	/* The pipeline does allocate: some runs must have failed. */
	assert_true(nfail > 10);
	free(ref.p);
}

static void test_oom_pipeline_jsonl(void **state)
{
	(void)state;
	oom_loop(SW_FORMAT_JSONL, SW_STEMMER_SNOWBALL);
}

static void test_oom_pipeline_json(void **state)
{
	(void)state;
	oom_loop(SW_FORMAT_JSON, SW_STEMMER_SNOWBALL);
}

static void test_oom_pipeline_table(void **state)
{
	(void)state;
	oom_loop(SW_FORMAT_TABLE, SW_STEMMER_SNOWBALL);
}

static void test_oom_pipeline_csv_cistem(void **state)
{
	(void)state;
	oom_loop(SW_FORMAT_CSV, SW_STEMMER_CISTEM);
}

static void test_oom_pipeline_tsv_nostem(void **state)
{
	(void)state;
	oom_loop(SW_FORMAT_TSV, SW_STEMMER_NONE);
}

/* A vocabulary growing through many rehashes with failures on the way:
 * each failed intern leaves the vocabulary usable and unchanged. */
static void test_oom_vocab_intern(void **state)
{
	long n;

	(void)state;
	for (n = 1; n < 400; n++) {
		sw_vocab *v = NULL;
		char word[32];
		int i, rc = SW_OK, added = 0;

		sw_test_alloc_fail_after(n);
		if (sw_vocab_new(&v, NULL) != SW_OK) {
			sw_test_alloc_fail_after(0);
			assert_null(v);
			continue;
		}
		for (i = 0; i < 300; i++) {
			sw_term_id id = 12345;
			snprintf(word, sizeof word, "wort%d", i);
			rc = sw_vocab_intern(&id, v, word, strlen(word));
			if (rc != SW_OK) {
				assert_int_equal(rc, SW_ENOMEM);
				assert_int_equal(id, 12345);
				break;
			}
			added++;
		}
		sw_test_alloc_fail_after(0);
		assert_int_equal(sw_vocab_size(v), (size_t)added);
		for (i = 0; i < added; i++) {
			snprintf(word, sizeof word, "wort%d", i);
			assert_int_equal(sw_vocab_find(v, word, strlen(word)), (sw_term_id)i);
		}
		/* And it still grows once memory is back. */
		snprintf(word, sizeof word, "wort%d", added);
		{
			sw_term_id id;
			assert_int_equal(sw_vocab_intern(&id, v, word, strlen(word)), SW_OK);
			assert_int_equal(id, (sw_term_id)added);
		}
		sw_vocab_free(v);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_oom_pipeline_jsonl),
	cmocka_unit_test(test_oom_pipeline_json),
	cmocka_unit_test(test_oom_pipeline_table),
	cmocka_unit_test(test_oom_pipeline_csv_cistem),
	cmocka_unit_test(test_oom_pipeline_tsv_nostem),
	cmocka_unit_test(test_oom_vocab_intern),
};

SW_TEST_MAIN(tests)
