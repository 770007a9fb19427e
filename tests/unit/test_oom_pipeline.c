/*
 * tests/unit/test_oom_pipeline.c - fault injection over the whole
 * analysis, from the corpus reader to keywords: a corpus of in-memory
 * documents (one of them Windows-1252, one with an impossible date), a
 * JSON Lines file and a metadata file -> sw_corpus_next -> sw_analyze ->
 * sw_counts_add/finish -> units by year with their term frequencies ->
 * phrases -> keywords (TF-IDF per group, YAKE for the corpus).
 *
 * The run is repeated with the N-th library allocation failing, for N =
 * 1, 2, 3, ... (sw_test_alloc_fail_after).  Every run must either end
 * with SW_ENOMEM from the step that failed (err.code agreeing), or
 * succeed with exactly the results of an undisturbed run (a fingerprint
 * of documents, warnings, counts, phrases and keywords): an allocation
 * failure may never be swallowed into different output.  LSan (make
 * check) reports anything a failing run leaks; no run may crash.  The
 * loop ends after 50 successful runs in a row (the failing allocation
 * is no longer reached).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"

void sw_test_alloc_fail_after(long n);

static const char rede1[] =
	"Die Digitalisierung der Verwaltung kommt voran. Die Digitalisierung der Verwaltung "
	"braucht Open-Source-Software und digitale Souver\xC3\xA4nit\xC3\xA4t. "
	"B\xC3\xBCrger*innen erwarten digitale Verwaltung, z. B. am 3. Oktober 2025.";
static const char rede2_cp1252[] = /* windows-1252: Gr\xFC\xDF" "e, Stra\xDF" "e, "Zitat" */
	"Gr\xFC\xDF" "e aus der Verwaltung. Die digitale Verwaltung und die Stra\xDF" "e. "
	"\x84Klimaschutz ist Verwaltung\x93 \x96 sagt die Ministerin.";
static const char rede3[] =
	"Klimaschutz und Digitalisierung der Verwaltung. Klimaschutz und Digitalisierung "
	"der Verwaltung sind Aufgaben der Bundesregierung.";
static const char jsonl[] =
	"{\"id\":\"j1\",\"date\":\"2024-05-02\",\"group\":\"Gr\xC3\xBCne\",\"text\":\"Die "
	"Energiewende und der Klimaschutz brauchen die Verwaltung. Die Energiewende kommt.\"}\n"
	"{\"id\":\"j2\",\"date\":\"2025-13-45\",\"text\":\"Unm\\u00f6gliches Datum, "
	"digitale Verwaltung.\"}\n"
	"{\"id\":\"j3\",\"text\":42}\n"
	"kein JSON\n"
	"{\"id\":\"j1\",\"group\":\"SPD\",\"text\":\"Doppelte Kennung, Digitalisierung der "
	"Verwaltung.\"}\n";
static const char rede4[] =
	"Die Verwaltung der Bundesregierung: Klimaschutz, Energiewende, Digitalisierung der "
	"Verwaltung.\n";
/* Metadata for the file r4.txt, by its path (filled in at run time). */
static const char meta_fmt[] =
	"{\"path\":\"%s\",\"date\":\"2023-01-10\",\"group\":\"SPD\",\"speaker\":\"M\xC3\xBCller\"}\n"
	"{\"id\":\"nirgends\",\"date\":\"2024\",\"group\":\"CDU\"}\n";

struct mem {
	char *p;
	size_t len, cap;
};

/* Appends with plain libc (only library allocations are under test). */
static void put(struct mem *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(m->p ? m->p + m->len : NULL, m->p ? m->cap - m->len : 0, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (m->p && (size_t)n < m->cap - m->len) {
			m->len += (size_t)n;
			return;
		}
		m->cap = (m->cap + (size_t)n + 1) * 2;
		m->p = realloc(m->p, m->cap);
		assert_non_null(m->p);
	}
}

static void on_warn(const sw_warning *w, void *payload)
{
	put(payload, "W %d %s:%ld:%lld %s\n", w->level, w->path[0] ? "file" : "-", w->line,
	    w->offset, w->message);
}

static char *jsonl_path, *meta_path, *file_path;

/* One run.  SW_OK with the fingerprint in *out, or the failing status. */
static int pipeline(struct mem *out)
{
	sw_corpus_options co = SW_CORPUS_OPTIONS_INIT;
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	sw_corpus *corpus = NULL;
	sw_stoplist *sl = NULL;
	sw_lexicon *lx = NULL;
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	sw_units *u = NULL;
	sw_phrases *ph = NULL;
	sw_keywords *kg = NULL, *ky = NULL;
	const sw_doc *doc;
	const sw_unit_tf *tf;
	sw_error err;
	const char *step = "";
	size_t i, j, n;
	int rc;

	memset(&err, 0, sizeof err);
	co.warn = on_warn;
	co.warn_payload = out;
#define STEP(name, call)                                \
	do {                                            \
		step = name;                            \
		if ((rc = (call)) != SW_OK)             \
			goto done;                      \
	} while (0)
	STEP("sw_corpus_new", sw_corpus_new(&corpus, &co, &err));
	STEP("sw_corpus_add_meta", sw_corpus_add_meta(corpus, meta_path, &err));
	STEP("sw_corpus_add_text", sw_corpus_add_text(corpus, "r1", rede1, sizeof rede1 - 1, NULL,
						      NULL, "Rede eins", &err));
	STEP("sw_corpus_add_text", sw_corpus_add_text(corpus, "r2", rede2_cp1252,
						      sizeof rede2_cp1252 - 1, "2024-02-29", "CDU",
						      NULL, &err));
	STEP("sw_corpus_add_text", sw_corpus_add_text(corpus, "r3", rede3, sizeof rede3 - 1,
						      "2024-02-30", "SPD", NULL, &err));
	STEP("sw_corpus_add_path", sw_corpus_add_path(corpus, file_path, &err));
	STEP("sw_corpus_add_jsonl", sw_corpus_add_jsonl(corpus, jsonl_path, &err));
	STEP("sw_stoplist_new", sw_stoplist_new(&sl, &err));
	STEP("sw_stoplist_add_builtin", sw_stoplist_add_builtin(sl, "de", &err));
	lo.stopwords = sl;
	STEP("sw_lexicon_new", sw_lexicon_new(&lx, &lo, &err));
	STEP("sw_analyzer_new", sw_analyzer_new(&an, lx, NULL, &err));
	STEP("sw_counts_new", sw_counts_new(&c, lx, &err));
	step = "sw_corpus_next";
	while ((rc = sw_corpus_next(&doc, corpus, &err)) == 1) {
		const sw_atoken *t;
		put(out, "D %zu %s %s %s %s %zu\n", doc->index, doc->id, doc->date ? doc->date : "-",
		    doc->group ? doc->group : "-", doc->encoding, doc->len);
		STEP("sw_analyze", sw_analyze(&t, &n, an, doc->text, doc->len, &err));
		STEP("sw_counts_add", sw_counts_add(c, doc, t, n, &err));
		step = "sw_corpus_next";
	}
	if (rc < 0)
		goto done;
	STEP("sw_counts_finish", sw_counts_finish(c, &err));
	put(out, "C %zu %zu %zu %zu\n", sw_counts_ndocs(c), sw_counts_ntokens(c),
	    sw_counts_counted(c), sw_counts_nkeys(c));
	STEP("sw_units_new", sw_units_new(&u, c, "year", &err));
	for (i = 0; i < sw_units_count(u); i++) {
		const char *label = sw_units_label(u, i);
		STEP("sw_units_tf", sw_units_tf(&tf, &n, u, i, 0, &err));
		put(out, "U %s %zu", label ? label : "-", n);
		for (j = 0; j < n; j++)
			put(out, " %u:%u", (unsigned)tf[j].key, (unsigned)tf[j].count);
		put(out, "\n");
	}
	STEP("sw_phrases_new", sw_phrases_new(&ph, c, NULL, &err));
	for (i = 0; i < sw_phrases_count(ph); i++) {
		const sw_phrase *p = sw_phrases_get(ph, i);
		put(out, "P %.*s|%.*s %u %u %.6f\n", (int)p->key_len, p->key, (int)p->display_len,
		    p->display, p->count, p->docs, p->score);
	}
	ko.method = SW_KEYWORDS_TFIDF;
	ko.per = "group";
	ko.phrases = ph;
	ko.top = 5;
	STEP("sw_keywords_new tfidf", sw_keywords_new(&kg, c, &ko, &err));
	ko.method = SW_KEYWORDS_YAKE;
	ko.per = NULL;
	ko.phrases = NULL;
	STEP("sw_keywords_new yake", sw_keywords_new(&ky, c, &ko, &err));
	for (i = 0; i < sw_keywords_count(kg); i++) {
		const sw_keyword *k = sw_keywords_get(kg, i);
		put(out, "K %s %.*s %.6f %u\n", k->label ? k->label : "-", (int)k->key_len, k->key,
		    k->score, k->count);
	}
	for (i = 0; i < sw_keywords_count(ky); i++) {
		const sw_keyword *k = sw_keywords_get(ky, i);
		put(out, "Y %.*s %.6f %u\n", (int)k->key_len, k->key, k->score, k->count);
	}
	rc = SW_OK;
done:
#undef STEP
	if (rc != SW_OK && err.code != rc)
		fail_msg("%s returned %d but left err.code %d", step, rc, err.code);
	sw_keywords_free(ky);
	sw_keywords_free(kg);
	sw_phrases_free(ph);
	sw_units_free(u);
	sw_counts_free(c);
	sw_analyzer_free(an);
	sw_lexicon_free(lx);
	sw_stoplist_free(sl);
	sw_corpus_free(corpus);
	return rc;
}

static void test_oom_whole_pipeline(void **state)
{
	struct mem ref = { NULL, 0, 0 };
	long n, nfail = 0, streak = 0;

	char meta[1024];
	int ml;

	(void)state;
	/* sw_test_write_temp's result is overwritten by the next call. */
	file_path = strdup(sw_test_write_temp("r4.txt", rede4, sizeof rede4 - 1));
	jsonl_path = strdup(sw_test_write_temp("oom.jsonl", jsonl, sizeof jsonl - 1));
	ml = snprintf(meta, sizeof meta, meta_fmt, file_path);
	assert_true(ml > 0 && (size_t)ml < sizeof meta);
	meta_path = strdup(sw_test_write_temp("oom-meta.jsonl", meta, (size_t)ml));
	assert_non_null(file_path);
	assert_non_null(jsonl_path);
	assert_non_null(meta_path);

	sw_test_alloc_fail_after(0);
	assert_int_equal(pipeline(&ref), SW_OK);
	/* The reference run read what it should: 7 documents (r1-r3, the
	 * file r4 with its metadata, j1, j2 and the second j1), the
	 * Windows-1252 notice, problems for r3's and j2's dates, j3's text,
	 * the malformed line and the duplicate id, two phrases, keywords. */
	if (getenv("SW_TEST_VERBOSE"))
		fputs(ref.p, stderr);
	assert_non_null(strstr(ref.p, "D 0 r1 - - UTF-8 210\n"));
	assert_non_null(strstr(ref.p, "D 1 r2 2024-02-29 CDU windows-1252 126\n"));
	assert_non_null(strstr(ref.p, "r4.txt 2023-01-10 SPD UTF-8 95\n"));
	assert_non_null(strstr(ref.p, "D 6 j1 - SPD UTF-8 49\n"));
	assert_non_null(strstr(ref.p, "\nC 7 105 83 39\n"));
	assert_non_null(strstr(ref.p, "W 1 file:3:230 \"text\" is a number, not a string"));
	assert_non_null(strstr(ref.p, "duplicate document id \"j1\""));
	assert_non_null(strstr(ref.p, "\nP digitalisier der verwalt|Digitalisierung der Verwaltung 6 4 "));
	assert_non_null(strstr(ref.p, "\nK SPD digitalisier 5.880015 4\n"));
	assert_non_null(strstr(ref.p, "\nY verwalt 3.944263 13\n"));

	for (n = 1; streak < 50; n++) {
		struct mem out = { NULL, 0, 0 };
		int rc;

		sw_test_alloc_fail_after(n);
		rc = pipeline(&out);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			if (out.len != ref.len || memcmp(out.p, ref.p, ref.len) != 0) {
				fprintf(stderr, "--- reference\n%s--- with allocation %ld failing\n%s",
					ref.p, n, out.p);
				fail_msg("allocation %ld failed silently: results differ", n);
			}
			streak++;
		} else {
			if (rc != SW_ENOMEM)
				fail_msg("allocation %ld failed: status %d (%s), expected SW_ENOMEM", n,
					 rc, sw_strerror(rc));
			nfail++;
			streak = 0;
		}
		free(out.p);
		if (n > 500000)
			fail_msg("pipeline still failing after %ld allocations", n);
	}
	/* Every failing run was a clean SW_ENOMEM, and there were many. */
	assert_true(nfail > 100);
	printf("oom pipeline: %ld allocations failed one at a time, each a clean SW_ENOMEM\n",
	       nfail);
	free(ref.p);
	free(file_path);
	free(jsonl_path);
	free(meta_path);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_oom_whole_pipeline),
};

SW_TEST_MAIN(tests)
