/*
 * test_pipeline.c - the parallel pipeline gives the counts of one thread:
 * the same ids in every vocabulary, the same token arrays, totals,
 * display forms and document metadata, for 1, 2 and 4 threads and for
 * batches of one document (every document on whichever worker is free).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"
#include "internal/counts.h"

void sw_test_alloc_fail_after(long n);
void sw_test_chunk_min_tokens(size_t n);

typedef struct run {
	sw_stoplist *sl;
	sw_lexicon *lx;
	sw_corpus *corpus;
	sw_counts *c;
	size_t progress_calls, last_docs, last_bytes;
	int progress_backwards;
} run;

static void on_progress(size_t docs, size_t bytes, void *payload)
{
	run *r = payload;

	if (docs < r->last_docs || bytes < r->last_bytes)
		r->progress_backwards = 1;
	r->last_docs = docs;
	r->last_bytes = bytes;
	r->progress_calls++;
}

/* Open a corpus with the given inputs (a path, or in-memory texts). */
static void run_open(run *r, const char *path, const char *const *texts, size_t ntexts)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	size_t i;

	memset(r, 0, sizeof *r);
	assert_int_equal(sw_stoplist_new(&r->sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(r->sl, "de", NULL), SW_OK);
	lo.stopwords = r->sl;
	assert_int_equal(sw_lexicon_new(&r->lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_corpus_new(&r->corpus, NULL, NULL), SW_OK);
	if (path)
		assert_int_equal(sw_corpus_add_path(r->corpus, path, NULL), SW_OK);
	for (i = 0; i < ntexts; i++) {
		char id[32];
		snprintf(id, sizeof id, "d%zu", i);
		assert_int_equal(sw_corpus_add_text(r->corpus, id, texts[i], strlen(texts[i]),
						    i % 2 ? "2024-05-02" : NULL, i % 3 ? "Land" : NULL,
						    NULL, NULL),
				 SW_OK);
	}
}

static void run_load(run *r, size_t nthreads, size_t batch_bytes)
{
	sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
	sw_error err = { 0 };

	po.nthreads = nthreads;
	po.batch_bytes = batch_bytes;
	po.progress = on_progress;
	po.progress_payload = r;
	assert_int_equal(sw_pipeline_load(&r->c, r->corpus, r->lx, &po, &err), SW_OK);
	assert_false(r->progress_backwards);
	assert_int_equal(r->last_docs, sw_counts_ndocs(r->c));
}

static void run_close(run *r)
{
	sw_counts_free(r->c);
	sw_corpus_free(r->corpus);
	sw_lexicon_free(r->lx);
	sw_stoplist_free(r->sl);
}

static void same_vocab(const sw_vocab *a, const sw_vocab *b)
{
	size_t i, la, lb;

	assert_int_equal(sw_vocab_size(a), sw_vocab_size(b));
	for (i = 0; i < sw_vocab_size(a); i++) {
		const char *sa = sw_vocab_bytes(a, (sw_term_id)i, &la);
		const char *sb = sw_vocab_bytes(b, (sw_term_id)i, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(sa, sb, la);
	}
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Everything a command can read from counts is the same. */
static void same_counts(const run *x, const run *y)
{
	const sw_counts *a = x->c, *b = y->c;
	size_t n = sw_counts_ntokens(a), i, j, la, lb;

	same_vocab(sw_lexicon_norms(x->lx), sw_lexicon_norms(y->lx));
	same_vocab(sw_lexicon_stems(x->lx), sw_lexicon_stems(y->lx));
	same_vocab(sw_lexicon_surfaces(x->lx), sw_lexicon_surfaces(y->lx));
	assert_int_equal(sw_lexicon_forms(x->lx), sw_lexicon_forms(y->lx));
	assert_int_equal(sw_counts_ndocs(a), sw_counts_ndocs(b));
	assert_int_equal(n, sw_counts_ntokens(b));
	assert_int_equal(sw_counts_counted(a), sw_counts_counted(b));
	assert_int_equal(sw_counts_nkeys(a), sw_counts_nkeys(b));
	assert_memory_equal(sw_counts_keys(a), sw_counts_keys(b), n * sizeof(sw_term_id));
	assert_memory_equal(sw_counts_forms(a), sw_counts_forms(b), n * sizeof(sw_term_id));
	assert_memory_equal(sw_counts_types(a), sw_counts_types(b), n);
	assert_memory_equal(sw_counts_flags(a), sw_counts_flags(b), n);
	assert_memory_equal(sw_counts_key_count(a), sw_counts_key_count(b),
			    sw_counts_nkeys(a) * sizeof(uint32_t));
	assert_memory_equal(sw_counts_key_docs(a), sw_counts_key_docs(b),
			    sw_counts_nkeys(a) * sizeof(uint32_t));
	for (i = 0; i < sw_counts_nkeys(a); i++) {
		const char *da = sw_counts_display(a, (sw_term_id)i, &la);
		const char *db = sw_counts_display(b, (sw_term_id)i, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(da, db, la);
		assert_int_equal(sw_counts_key_is_term(a, (sw_term_id)i, 0),
				 sw_counts_key_is_term(b, (sw_term_id)i, 0));
	}
	for (i = 0; i < sw_counts_ndocs(a); i++) {
		const sw_count_doc *da = sw_counts_doc(a, i), *db = sw_counts_doc(b, i);
		assert_string_equal(da->id, db->id);
		same_str(da->date, db->date);
		same_str(da->group, db->group);
		same_str(da->title, db->title);
		assert_int_equal(da->n_extra, db->n_extra);
		for (j = 0; j < da->n_extra; j++) {
			assert_string_equal(da->extra[j].key, db->extra[j].key);
			assert_string_equal(da->extra[j].value, db->extra[j].value);
		}
		assert_int_equal(da->first, db->first);
		assert_int_equal(da->ntokens, db->ntokens);
		assert_int_equal(da->counted, db->counted);
		assert_int_equal(da->nsentences, db->nsentences);
	}
}

/* The content totals of each key (sw__counts_content) are the content
 * tokens of the token arrays: count, documents, first; and every token
 * is found in its document (sw_counts_doc_of_token). */
static void content_as_tokens(const sw_counts *c)
{
	size_t nk = sw_counts_nkeys(c), d, t, k, seen = 0;
	uint32_t *cnt = calloc(nk + 1, sizeof *cnt), *df = calloc(nk + 1, sizeof *df);
	uint32_t *last = calloc(nk + 1, sizeof *last);
	size_t *first = malloc((nk + 1) * sizeof *first);

	assert_true(cnt && df && last && first);
	for (k = 0; k < nk; k++)
		first[k] = SIZE_MAX;
	for (d = 0; d < sw_counts_ndocs(c); d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		for (t = doc->first; t < doc->first + doc->ntokens; t++) {
			sw_term_id key = sw_counts_keys(c)[t];
			assert_int_equal(sw_counts_doc_of_token(c, t), d);
			if (sw_counts_types(c)[t] != SW_TOKEN_WORD ||
			    (sw_counts_flags(c)[t] & SW_CT_STOP))
				continue;
			if (!cnt[key]++)
				first[key] = t;
			if (last[key] != d + 1) {
				last[key] = (uint32_t)(d + 1);
				df[key]++;
			}
		}
	}
	for (k = 0; k < nk; k++) {
		uint32_t n, docs;
		size_t f;
		sw__counts_content(c, (sw_term_id)k, &n, &docs, &f);
		assert_int_equal(n, cnt[k]);
		assert_int_equal(docs, df[k]);
		assert_int_equal(f, first[k]);
		seen += n > 0 && f > 0;
	}
	assert_true(seen > 100);
	{ /* the corpus as one unit: its term frequencies are these totals */
		sw_units *u;
		const sw_unit_tf *tf;
		size_t n, j = 0;
		assert_int_equal(sw_units_new(&u, c, NULL, NULL), SW_OK);
		assert_int_equal(sw_units_tf(&tf, &n, u, 0, 0, NULL), SW_OK);
		for (k = 0; k < nk; k++) {
			if (!cnt[k])
				continue;
			assert_true(j < n);
			assert_int_equal(tf[j].key, k);
			assert_int_equal(tf[j].count, cnt[k]);
			assert_int_equal(tf[j].docs, df[k]);
			j++;
		}
		assert_int_equal(j, n);
		sw_units_free(u);
	}
	free(cnt);
	free(df);
	free(last);
	free(first);
}

/* Load path (or texts) with 1 thread, then with 2 and 4 threads at two
 * batch sizes, and compare each with the first. */
static void check_threads(const char *path, const char *const *texts, size_t ntexts,
			  size_t min_docs)
{
	static const size_t threads[] = { 2, 4 };
	static const size_t batches[] = { 1, 0 };
	run one;
	size_t t, b;

	run_open(&one, path, texts, ntexts);
	run_load(&one, 1, 0);
	assert_true(sw_counts_ndocs(one.c) >= min_docs);
	assert_true(one.progress_calls >= 1);
	content_as_tokens(one.c);
	for (t = 0; t < 2; t++)
		for (b = 0; b < 2; b++) {
			run many;
			run_open(&many, path, texts, ntexts);
			run_load(&many, threads[t], batches[b]);
			same_counts(&one, &many);
			content_as_tokens(many.c);
			if (batches[b] == 1) /* a batch per document: a call per document */
				assert_int_equal(many.progress_calls, sw_counts_ndocs(many.c));
			run_close(&many);
		}
	run_close(&one);
}

/* The embedded corpus: 42 documents with metadata. */
static void test_pipeline_embedded_corpus(void **state)
{
	char path[4096];

	(void)state;
	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	sw_test_chunk_min_tokens(1); /* the totals on as many chunks as threads */
	check_threads(path, NULL, 0, 42);
	sw_test_chunk_min_tokens(0);
}

/*
 * Aggregate mode (sw_counts_aggregate(), what `stichwort terms` loads
 * with): no token arrays, yet the same units, the same term frequencies
 * of every unit (content terms and all), the same totals and display
 * forms as counts that keep their tokens, on 1 and 2 threads.
 */
static void check_aggregate(const char *path, const char *by, size_t nthreads)
{
	sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
	sw_units *ua = NULL, *ut = NULL;
	sw_error err = { 0 };
	run full, agg;
	size_t u, i, k;
	int all;

	run_open(&full, path, NULL, 0);
	run_load(&full, 1, 0);
	run_open(&agg, path, NULL, 0);
	po.nthreads = nthreads;
	po.aggregate_by = by;
	assert_int_equal(sw_pipeline_load(&agg.c, agg.corpus, agg.lx, &po, &err), SW_OK);
	assert_string_equal(sw_counts_aggregated_by(agg.c), by);
	assert_null(sw_counts_keys(agg.c));
	assert_null(sw_counts_types(agg.c));
	assert_non_null(sw_counts_keys(full.c));
	assert_int_equal(sw_counts_ntokens(agg.c), sw_counts_ntokens(full.c));
	assert_int_equal(sw_counts_counted(agg.c), sw_counts_counted(full.c));
	assert_int_equal(sw_counts_nkeys(agg.c), sw_counts_nkeys(full.c));
	for (k = 0; k < sw_counts_nkeys(full.c); k++) {
		size_t la, lf;
		const char *da = sw_counts_display(agg.c, (sw_term_id)k, &la);
		const char *df = sw_counts_display(full.c, (sw_term_id)k, &lf);
		uint32_t na, nf, dfa, dff;
		size_t fa, ff;
		assert_int_equal(sw_counts_key_count(agg.c)[k], sw_counts_key_count(full.c)[k]);
		assert_int_equal(sw_counts_key_docs(agg.c)[k], sw_counts_key_docs(full.c)[k]);
		sw__counts_content(agg.c, (sw_term_id)k, &na, &dfa, &fa);
		sw__counts_content(full.c, (sw_term_id)k, &nf, &dff, &ff);
		assert_int_equal(na, nf);
		assert_int_equal(dfa, dff);
		assert_int_equal(fa, ff);
		assert_int_equal(la, lf);
		assert_memory_equal(da, df, la);
	}
	assert_int_equal(sw_units_new(&ua, agg.c, by, &err), SW_OK);
	assert_int_equal(sw_units_new(&ut, full.c, by, &err), SW_OK);
	assert_int_equal(sw_units_count(ua), sw_units_count(ut));
	assert_true(sw_units_count(ua) >= 1);
	for (u = 0; u < sw_units_count(ua); u++) {
		const char *la = sw_units_label(ua, u), *lt = sw_units_label(ut, u);
		assert_true((!la && !lt) || (la && lt && strcmp(la, lt) == 0));
		assert_int_equal(sw_units_counted(ua, u), sw_units_counted(ut, u));
		for (all = 0; all < 2; all++) {
			const sw_unit_tf *ta, *tt;
			size_t na, nt;
			sw_unit_tf *copy;
			assert_int_equal(sw_units_tf(&tt, &nt, ut, u, all, &err), SW_OK);
			copy = malloc((nt + 1) * sizeof *copy);
			assert_non_null(copy);
			memcpy(copy, tt, nt * sizeof *copy);
			assert_int_equal(sw_units_tf(&ta, &na, ua, u, all, &err), SW_OK);
			assert_int_equal(na, nt);
			assert_true(na > 0);
			for (i = 0; i < na; i++) {
				assert_int_equal(ta[i].key, copy[i].key);
				assert_int_equal(ta[i].count, copy[i].count);
				assert_int_equal(ta[i].docs, copy[i].docs);
			}
			free(copy);
		}
	}
	sw_units_free(ut);
	sw_units_free(ua);
	/* other units need the tokens (and *out stays untouched) */
	ua = NULL;
	assert_int_equal(sw_units_new(&ua, agg.c, strcmp(by, "group") ? "group" : "year", &err),
			 SW_EINVAL);
	assert_null(ua);
	run_close(&full);
	run_close(&agg);
}

static void test_pipeline_aggregate(void **state)
{
	sw_counts *c = NULL;
	sw_lexicon *lx = NULL;
	sw_error err = { 0 };
	char path[4096];

	(void)state;
	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	check_aggregate(path, "corpus", 1);
	check_aggregate(path, "year", 2);
	check_aggregate(path, "group", 2);
	check_aggregate(path, "month", 1);
	/* per-document units keep tokens; aggregating is set up once, first */
	assert_int_equal(sw_lexicon_new(&lx, NULL, NULL), SW_OK);
	assert_int_equal(sw_counts_new(&c, lx, NULL), SW_OK);
	assert_int_equal(sw_counts_aggregate(c, "doc", &err), SW_EINVAL);
	assert_int_equal(sw_counts_aggregate(c, NULL, &err), SW_OK);
	assert_string_equal(sw_counts_aggregated_by(c), "corpus");
	assert_int_equal(sw_counts_aggregate(c, "year", &err), SW_EINVAL);
	sw_counts_free(c);
	sw_lexicon_free(lx);
}

/*
 * A form's norm and stem depend on the flags of the token where the
 * lexicon first meets it ("Cloud-" suspended in "Cloud- und
 * Edge-Computing").  With one document per batch, documents 1 and 2 go to
 * different workers; the worker that meets a form first in its own
 * documents may not be the first in document order.  The ids must still
 * follow document order: "Verwaltung" first appears in d0, "Bürger*innen"
 * in d1, "Verwaltungsdigitalisierung" in d2 (and again in d3, on another
 * worker).
 */
static void test_pipeline_first_appearance(void **state)
{
	static const char *const texts[] = {
		"Cloud- und Edge-Computing für die Verwaltung.",
		"Die Bürger*innen nutzen Cloud und Edge. Die Verwaltung auch.",
		"Verwaltungsdigitalisierung braucht Cloud-Dienste und Bürger*innen.",
		"Edge, Cloud, Verwaltung: Bürger:innen und Verwaltungsdigitalisierung.",
	};
	run one, many;
	sw_term_id a, b, c;

	(void)state;
	run_open(&one, NULL, texts, 4);
	run_load(&one, 1, 0);
	run_open(&many, NULL, texts, 4);
	run_load(&many, 4, 1);
	same_counts(&one, &many);
	a = sw_vocab_find(sw_lexicon_surfaces(many.lx), "Verwaltung", 10);
	b = sw_vocab_find(sw_lexicon_surfaces(many.lx), "Bürger*innen", strlen("Bürger*innen"));
	c = sw_vocab_find(sw_lexicon_surfaces(many.lx), "Verwaltungsdigitalisierung",
			  strlen("Verwaltungsdigitalisierung"));
	assert_int_not_equal(a, SW_TERM_NONE);
	assert_true(a < b && b < c);
	/* the suspended "Cloud-" (d0) is keyed "cloud", like "Cloud" (d1, d3);
	 * "Cloud-Dienste" (d2) is a compound of its own */
	assert_int_equal(sw_counts_key_count(many.c)[sw_vocab_find(sw_lexicon_stems(many.lx),
								   "cloud", 5)],
			 3);
	/* "Bürger*innen" and "Bürger:innen" share the key "burg*in" */
	assert_int_equal(sw_counts_key_count(many.c)[sw_vocab_find(sw_lexicon_stems(many.lx),
								   "burg*in", 7)],
			 3);
	run_close(&one);
	run_close(&many);
}

static void test_pipeline_empty_and_bad(void **state)
{
	run r;
	sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
	sw_counts *c = NULL;
	sw_error err = { 0 };

	(void)state;
	run_open(&r, NULL, NULL, 0);
	run_load(&r, 2, 0);
	assert_int_equal(sw_counts_ndocs(r.c), 0);
	assert_int_equal(sw_counts_nkeys(r.c), 0);
	po.nthreads = 100000;
	assert_int_equal(sw_pipeline_load(&c, r.corpus, r.lx, &po, &err), SW_EINVAL);
	assert_null(c);
	assert_true(sw_pipeline_default_threads() >= 1);
	run_close(&r);
}

/* Every allocation failing in turn gives a clean SW_ENOMEM (ASan checks
 * for leaks), on one thread and on two.  With threads the N-th
 * allocation is whichever thread gets there, so the failures land in
 * the reader, the merge and the workers in varying order. */
static void test_pipeline_out_of_memory(void **state)
{
	static const char *const texts[] = {
		"Die Verwaltung digitalisiert ihre Leistungen für Bürger*innen.",
		"Open-Source-Software stärkt die digitale Souveränität der Kommunen.",
		"Cloud- und Edge-Computing: z. B. 87 % der Länder planen es.",
	};
	size_t t;

	(void)state;
	sw_test_chunk_min_tokens(1); /* the totals of 2 threads on 2 chunks */
	for (t = 1; t <= 2; t++) {
		long n;
		int ok = 0, failed = 0;
		for (n = 1; n < 20000 && !ok; n++) {
			run r;
			sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
			sw_error err = { 0 };
			int rc;
			run_open(&r, NULL, texts, 3);
			po.nthreads = t;
			po.batch_bytes = 1;
			sw_test_alloc_fail_after(n);
			rc = sw_pipeline_load(&r.c, r.corpus, r.lx, &po, &err);
			sw_test_alloc_fail_after(0);
			if (rc == SW_OK) {
				ok = 1;
				assert_int_equal(sw_counts_ndocs(r.c), 3);
			} else {
				assert_int_equal(rc, SW_ENOMEM);
				assert_null(r.c);
				failed++;
			}
			run_close(&r);
		}
		assert_true(ok);
		assert_true(failed > 20);
		print_message("oom pipeline, %zu thread(s): %d allocations failed one at a time\n", t,
			      failed);
	}
	sw_test_chunk_min_tokens(0);
}

/*
 * --threads N when memory runs short for an analyser's state (issue 23:
 * it failed outright): with the N-th allocation failing, for every N, the
 * load on 4 threads either ends in SW_ENOMEM or gives the undisturbed
 * counts; some runs go on with fewer analysers (nthreads_used < 4), none
 * with more.
 */
static void test_pipeline_fewer_threads(void **state)
{
	static const char *const texts[] = {
		"Die Verwaltung digitalisiert ihre Leistungen für Bürger*innen.",
		"Open-Source-Software stärkt die digitale Souveränität der Kommunen.",
		"Cloud- und Edge-Computing: z. B. 87 % der Länder planen es.",
		"Die Kommunen und die Länder: Verwaltung, Cloud und Souveränität.",
	};
	run want;
	long n;
	int ok_in_a_row = 0, fewer = 0, failed = 0;

	(void)state;
	run_open(&want, NULL, texts, 4);
	run_load(&want, 1, 1);
	for (n = 1; n < 20000 && ok_in_a_row < 50; n++) {
		run r;
		sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
		sw_error err = { 0 };
		size_t used = 0;
		int rc;
		run_open(&r, NULL, texts, 4);
		po.nthreads = 4;
		po.batch_bytes = 1;
		po.nthreads_used = &used;
		sw_test_alloc_fail_after(n);
		rc = sw_pipeline_load(&r.c, r.corpus, r.lx, &po, &err);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			/* the failing allocation no longer reached: 50 full runs */
			ok_in_a_row = used == 4 ? ok_in_a_row + 1 : 0;
			assert_true(used >= 1 && used <= 4);
			fewer += used < 4;
			same_counts(&want, &r);
		} else {
			ok_in_a_row = 0;
			assert_int_equal(rc, SW_ENOMEM);
			assert_int_equal(err.code, SW_ENOMEM);
			assert_null(r.c);
			failed++;
		}
		run_close(&r);
	}
	assert_true(ok_in_a_row == 50);
	assert_true(fewer > 0);
	assert_true(failed > 20);
	print_message("fewer threads: %d runs went on with fewer analysers, %d failed\n", fewer,
		      failed);
	run_close(&want);
}

/*
 * The passes after loading on chunks of a small corpus (the chunk minimum
 * lowered to one token): 600 documents, phrases and keywords (of the
 * corpus, and per document with the documents shared out, once with
 * unscored phrases of its own) on 3 threads,
 * every allocation failing in turn.  Each run ends in SW_ENOMEM
 * or with the undisturbed result; none leaks (LSan in make check) or
 * crashes.
 */
static void stages_fingerprint(const sw_counts *c, size_t nthreads, int *rc_out, size_t *fp)
{
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	sw_phrases *ph = NULL;
	sw_keywords *kw = NULL;
	size_t i, m;

	po.nthreads = ko.nthreads = nthreads;
	ko.method = SW_KEYWORDS_TFIDF;
	ko.top = 30;
	*fp = 0;
	if ((*rc_out = sw_phrases_new(&ph, c, &po, NULL)))
		return;
	ko.phrases = ph;
	if ((*rc_out = sw_keywords_new(&kw, c, &ko, NULL))) {
		sw_phrases_free(ph);
		return;
	}
	for (i = 0; i < sw_phrases_count(ph); i++)
		*fp = *fp * 31 + sw_phrases_get(ph, i)->count;
	for (i = 0; i < sw_keywords_count(kw); i++)
		*fp = *fp * 31 + (size_t)(sw_keywords_get(kw, i)->score * 1e6);
	sw_keywords_free(kw);
	/* per document, with the units shared out over the threads; BM25
	 * with phrases of its own (unscored, as the command line has them) */
	for (m = 0; m < 2; m++) {
		ko.method = m ? SW_KEYWORDS_YAKE : SW_KEYWORDS_BM25;
		ko.phrases = m ? ph : NULL;
		ko.per = "doc";
		ko.top = 3;
		if ((*rc_out = sw_keywords_new(&kw, c, &ko, NULL)))
			break;
		for (i = 0; i < sw_keywords_count(kw); i++)
			*fp = *fp * 31 + (size_t)(sw_keywords_get(kw, i)->score * 1e6) +
			      sw_keywords_get(kw, i)->unit;
		sw_keywords_free(kw);
	}
	sw_phrases_free(ph);
}

static void test_pipeline_stages_out_of_memory(void **state)
{
	static const char *const base[] = {
		"Die Verwaltung digitalisiert ihre Leistungen. Die digitale Verwaltung hilft.",
		"Open-Source-Software stärkt die digitale Souveränität. Open Source hilft der Verwaltung.",
		"Digitale Souveränität der Kommunen braucht Open Source und die digitale Verwaltung.",
	};
	const char *texts[600];
	run r;
	size_t i, want, fp;
	long n;
	int rc, ok = 0, failed = 0;

	(void)state;
#ifdef __SANITIZE_THREAD__
	/* thousands of runs: too slow under TSan, which the other tests of
	 * the parallel stages cover */
	print_message("ThreadSanitizer build: skipping the fault-injection sweep\n");
	skip();
	return;
#endif
	for (i = 0; i < 600; i++)
		texts[i] = base[i % 3];
	sw_test_chunk_min_tokens(1);
	run_open(&r, NULL, texts, 600);
	run_load(&r, 2, 0);
	stages_fingerprint(r.c, 1, &rc, &want);
	assert_int_equal(rc, SW_OK);
	assert_true(want != 0);
	stages_fingerprint(r.c, 3, &rc, &fp);
	assert_int_equal(rc, SW_OK);
	assert_int_equal(fp, want); /* undisturbed: the same on 3 threads */
	for (n = 1; n < 100000 && !ok; n++) {
		sw_test_alloc_fail_after(n);
		stages_fingerprint(r.c, 3, &rc, &fp);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			ok = 1;
			assert_int_equal(fp, want);
		} else {
			assert_int_equal(rc, SW_ENOMEM);
			failed++;
		}
	}
	assert_true(ok);
	assert_true(failed > 50);
	print_message("oom phrases and keywords, 3 threads on chunks: %d allocations failed one "
		      "at a time\n", failed);
	run_close(&r);
	sw_test_chunk_min_tokens(0);
}

/* A real corpus from ../shared: Bundestag debates on digital policy. */
static void test_pipeline_shared_corpus(void **state)
{
	const char *shared = sw_test_shared_dir();
	char path[4096];

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): the shared-corpus check is skipped\n");
		skip();
	}
	snprintf(path, sizeof path, "%s/corpora/bundestag-digital", shared);
	check_threads(path, NULL, 0, 100);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_pipeline_embedded_corpus),
	cmocka_unit_test(test_pipeline_first_appearance),
	cmocka_unit_test(test_pipeline_aggregate),
	cmocka_unit_test(test_pipeline_empty_and_bad),
	cmocka_unit_test(test_pipeline_out_of_memory),
	cmocka_unit_test(test_pipeline_fewer_threads),
	cmocka_unit_test(test_pipeline_stages_out_of_memory),
	cmocka_unit_test(test_pipeline_shared_corpus),
};

SW_TEST_MAIN(tests)
