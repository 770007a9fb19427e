/*
 * bench/frontend.c - throughput of the front end: read, normalize,
 * tokenize, fold, stem, intern; no output.  Single-threaded.
 *
 * usage: frontend [--stemmer NAME] [--runs N] [--threads N] [--no-offsets]
 *                 (--jsonl FILE | PATH...)
 *
 * Prints one line per run and a median:
 *   frontend: 58.7 MB, 16541 docs, 9876543 tokens, 123456 forms: 0.812 s = 72.3 MB/s
 * MB are bytes of document text (after decoding), 10^6 bytes.
 *
 * Without --threads: one analyzer, no counts (the front end alone);
 * --no-offsets skips the original offsets.  With --threads N: the
 * pipeline (stichwort/pipeline.h) on N threads into finished counts, as
 * the commands load a corpus.  "cpu" is the process's CPU time (all
 * threads); MB per CPU-second is the throughput per core.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stichwort/stichwort.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Process CPU time, all threads. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_progress(size_t docs, size_t bytes, void *payload)
{
	(void)docs;
	*(size_t *)payload = bytes;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	sw_stemmer_kind kind = SW_STEMMER_SNOWBALL;
	const char *jsonl = NULL;
	const char *paths[64];
	int npaths = 0, runs = 3, r, i, threads = 0, no_offsets = 0;
	double times[32], cpus[32], mb = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--stemmer") == 0 && i + 1 < argc) {
			if (sw_stemmer_kind_parse(&kind, argv[++i])) {
				fprintf(stderr, "frontend: unknown stemmer\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
			runs = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
			threads = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--no-offsets") == 0) {
			no_offsets = 1;
		} else if (strcmp(argv[i], "--jsonl") == 0 && i + 1 < argc) {
			jsonl = argv[++i];
		} else if (npaths < 64) {
			paths[npaths++] = argv[i];
		}
	}
	if ((!jsonl && !npaths) || runs < 1 || runs > 32 || threads < 0 || threads > 256) {
		fprintf(stderr, "usage: frontend [--stemmer NAME] [--runs N] [--threads N] [--no-offsets]"
			" (--jsonl FILE | PATH...)\n");
		return 2;
	}
	for (r = 0; r < runs; r++) {
		sw_corpus *c;
		sw_stoplist *sl;
		sw_lexicon *lx;
		sw_analyzer *an;
		sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
		sw_analyzer_options ao = SW_ANALYZER_OPTIONS_INIT;
		sw_error err;
		double c0;
		const sw_doc *doc;
		size_t bytes = 0, docs = 0, toks = 0, n;
		const sw_atoken *t;
		double t0;
		int rc;

		t0 = now();
		c0 = cpu();
		if (sw_corpus_new(&c, NULL, &err) || sw_stoplist_new(&sl, &err) ||
		    sw_stoplist_add_builtin(sl, "de", &err))
			return 3;
		lo.stemmer = kind;
		lo.stopwords = sl;
		ao.no_offsets = no_offsets;
		if (sw_lexicon_new(&lx, &lo, &err) || sw_analyzer_new(&an, lx, &ao, &err))
			return 3;
		if (jsonl && sw_corpus_add_jsonl(c, jsonl, &err)) {
			fprintf(stderr, "frontend: %s\n", err.message);
			return 3;
		}
		for (i = 0; i < npaths; i++)
			if (sw_corpus_add_path(c, paths[i], &err)) {
				fprintf(stderr, "frontend: %s\n", err.message);
				return 3;
			}
		if (threads) {
			sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
			sw_counts *counts;
			po.nthreads = (size_t)threads;
			po.progress = on_progress;
			po.progress_payload = &bytes;
			if (sw_pipeline_load(&counts, c, lx, &po, &err)) {
				fprintf(stderr, "frontend: %s\n", err.message);
				return 3;
			}
			docs = sw_counts_ndocs(counts);
			toks = sw_counts_ntokens(counts);
			sw_counts_free(counts);
		} else {
			while ((rc = sw_corpus_next(&doc, c, &err)) == 1) {
				if (sw_analyze(&t, &n, an, doc->text, doc->len, &err))
					return 3;
				bytes += doc->len;
				toks += n;
				docs++;
			}
			if (rc < 0)
				return 3;
		}
		times[r] = now() - t0;
		cpus[r] = cpu() - c0;
		mb = (double)bytes / 1e6;
		printf("frontend run %d: %.1f MB, %zu docs, %zu tokens, %zu forms, %zu stems: %.3f s = %.1f MB/s"
		       " (cpu %.3f s = %.1f MB per cpu-s)\n",
		       r + 1, mb, docs, toks, sw_lexicon_forms(lx), sw_vocab_size(sw_lexicon_stems(lx)),
		       times[r], mb / times[r], cpus[r], mb / cpus[r]);
		sw_analyzer_free(an);
		sw_lexicon_free(lx);
		sw_stoplist_free(sl);
		sw_corpus_free(c);
	}
	qsort(times, (size_t)runs, sizeof *times, cmp_double);
	qsort(cpus, (size_t)runs, sizeof *cpus, cmp_double);
	printf("frontend median (%s, %s, %d runs): %.3f s = %.1f MB/s; cpu %.3f s = %.1f MB per cpu-s\n",
	       sw_stemmer_kind_name(kind), threads ? "pipeline" : "analyzer", runs, times[runs / 2],
	       mb / times[runs / 2], cpus[runs / 2], mb / cpus[runs / 2]);
	if (threads)
		printf("frontend threads: %d\n", threads);
	return 0;
}
