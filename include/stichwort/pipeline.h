/*
 * stichwort/pipeline.h - a whole corpus through the front end into
 * counts, on several threads, with the same result as on one.
 *
 * sw_pipeline_load() reads the documents of a corpus (sw_corpus_next(),
 * on the calling thread), analyses them (normalize, tokenize, fold,
 * stem) with nthreads analysers (nthreads - 1 worker threads and the
 * calling thread, which analyses a queued batch whenever it would
 * otherwise wait), and adds them to new sw_counts over the caller's
 * lexicon, which it finishes.
 *
 * Design.  The calling thread reads documents into batches (a few hundred
 * kilobytes of text each) and queues them; a fixed ring of batches bounds
 * the memory held in raw text to about 2 x (nthreads + 1) batches,
 * whatever the corpus size.  Each analyser owns a normalizer, a tokenizer
 * and its own lexicon (the caller's options: same stemmer, same
 * stopwords), so analysers share no mutable state.  For every token a
 * worker writes a compact record (the form's number in its own lexicon,
 * type, flags, sentence), and for each form its lexicon sees for the first
 * time the form's bytes with its norm, stem key and stopword flag.  The
 * calling thread merges finished batches strictly in document order:
 * a worker's form number is mapped to the caller's lexicon through a
 * table per worker, and a form new to that table is added with
 * sw_lexicon_import() (no second stemming).  Because the merge follows
 * document order, every id in the caller's lexicon is assigned at the same
 * token as in a single-threaded run: counts, ids, and so all output, are
 * byte for byte the same for any nthreads (tests/unit/test_pipeline.c,
 * tests/threads/run.sh).
 *
 * With nthreads 1 no thread is started: documents go through one
 * analyzer straight into the caller's lexicon.
 *
 * Warnings of the corpus (its warn callback) and the progress callback
 * are called on the calling thread only.
 */
#ifndef STICHWORT_PIPELINE_H
#define STICHWORT_PIPELINE_H

#include <stddef.h>

#include "analyze.h"
#include "corpus.h"
#include "counts.h"
#include "error.h"
#include "terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Progress: documents and bytes of text (as decoded) merged so far.
 * Called on the calling thread after each batch, so at most a few times
 * per megabyte.
 */
typedef void (*sw_progress_cb)(size_t docs_done, size_t bytes_done, void *payload);

/**
 * A document's tokens, as the counts hold them: called on the calling
 * thread after each document is added, in document order, with document
 * index doc (sw_counts_doc(c, doc) has its metadata) and its n tokens'
 * form ids, types and SW_CT_* flags.  The arrays are valid during the
 * call only; in aggregate mode this is the only time they exist, which is
 * how work that needs token sequences (theme patterns) streams without
 * keeping them.  Return SW_OK, or an error code (with err set, if err is
 * not NULL: it is the err of sw_pipeline_load()) to stop the load with it.
 */
typedef int (*sw_doc_cb)(const sw_counts *c, size_t doc, const sw_term_id *forms,
			 const uint8_t *types, const uint8_t *flags, size_t n, void *payload,
			 sw_error *err);

/** Options of sw_pipeline_load().  Zero means default. */
typedef struct sw_pipeline_options {
	size_t nthreads;            /**< analysers (threads, the caller's included); 0: the number of online cores
				         (sw_pipeline_default_threads()) */
	sw_analyzer_options analyze;/**< normalizer and tokenizer options (offsets are
				         never computed: counts do not keep them) */
	size_t batch_bytes;         /**< text per batch; 0: 256 KiB */
	sw_progress_cb progress;    /**< or NULL */
	void *progress_payload;     /**< passed to progress */
	const char *aggregate_by;   /**< non-NULL: the counts keep no token arrays
				         but count per unit of this field while
				         loading (sw_counts_aggregate()); "corpus"
				         for one unit */
	sw_doc_cb on_doc;           /**< or NULL: sees each document's tokens */
	void *on_doc_payload;       /**< passed to on_doc */
	size_t *nthreads_used;      /**< or NULL: set on success to the analysers
				         used, fewer than nthreads when one's state
				         could not be allocated or its thread not
				         started (the counts are the same) */
	int aggregate_dp;           /**< with aggregate_by: keep what
				         sw_units_dp() needs, 1 for content tokens,
				         2 for all (sw_counts_aggregate_dp()) */
} sw_pipeline_options;

#define SW_PIPELINE_OPTIONS_INIT { 0, SW_ANALYZER_OPTIONS_INIT, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/** The number of online cores (at least 1). */
size_t sw_pipeline_default_threads(void);

/**
 * Read every remaining document of corpus, analyse it with lexicon lx
 * (borrowed; its ids are assigned as by a single-threaded run) and return
 * finished counts over lx in *out (free with sw_counts_free()).  opts may
 * be NULL.  SW_OK; SW_EINVAL (nthreads above 256); SW_ENOMEM; or the
 * corpus's error (a fatal input problem), with *out untouched.  When an
 * analyser's state cannot be allocated or its thread cannot start, the
 * load goes on with the analysers it has (at least the calling thread;
 * see nthreads_used).
 */
int sw_pipeline_load(sw_counts **out, sw_corpus *corpus, sw_lexicon *lx,
		     const sw_pipeline_options *opts, sw_error *err);

#ifdef __cplusplus
}
#endif
#endif
