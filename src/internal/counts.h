/*
 * internal/counts.h - filling sw_counts without sw_atoken arrays, for the
 * pipeline's merge (src/pipeline.c), which has each token's ids ready.
 */
#ifndef SW_INTERNAL_COUNTS_H
#define SW_INTERNAL_COUNTS_H

#include <stdint.h>

#include "stichwort/counts.h"

/* Where a document's n tokens go: fill keys, forms, types and flags
 * (SW_CT_*, as sw_counts_add() sets them) for tokens 0..n-1. */
typedef struct sw__counts_slots {
	sw_term_id *keys, *forms;
	uint8_t *types, *flags;
} sw__counts_slots;

/* Add doc's metadata and room for n tokens.  SW_OK or SW_ENOMEM (the
 * counts unchanged).  Follow with sw__counts_end_doc(). */
int sw__counts_begin_doc(sw_counts *c, const sw_doc *doc, size_t n, sw__counts_slots *out,
			 sw_error *err);
/* Commit the document begun last: its counted tokens and sentences. */
void sw__counts_end_doc(sw_counts *c, size_t counted, uint32_t nsentences);

/* Leave the totals (counts, document frequencies, display forms) to
 * sw__counts_finish_par() instead of adding each document up as it
 * comes: the pipeline's merging thread then does less.  Before the first
 * document; a no-op in aggregate mode. */
void sw__counts_defer(sw_counts *c);

/* sw_counts_finish() with deferred totals added up on nthreads threads
 * (document-aligned chunks merged in order: the same totals). */
int sw__counts_finish_par(sw_counts *c, size_t nthreads, sw_error *err);

/* Split the documents into at most want (and at most SW_PAR_MAX) runs of
 * about equal numbers of tokens, each of 65,536 tokens at least (one run
 * for a smaller corpus, and in aggregate mode): run k is documents
 * doc0[k] .. doc0[k + 1] - 1.  doc0 has room for SW_PAR_MAX + 1 entries.
 * Returns the number of runs. */
size_t sw__counts_chunks(const sw_counts *c, size_t want, size_t *doc0);

/* The least work, in tokens (or occurrences), that a thread of its own
 * pays for: 65,536 (sw_test_chunk_min_tokens lowers it for the tests). */
size_t sw__counts_chunk_min(void);

/* The token arrays of the document added last (also in aggregate mode,
 * until the next document begins). */
void sw__counts_last_doc(const sw_counts *c, const sw_term_id **forms, const uint8_t **types,
			 const uint8_t **flags, size_t *n);

/* sw_units_tf() with the entries in no particular order unless sorted is
 * set (still the same order for the same counts): for callers that only
 * add them up per key, which then skip the sort (a document's few
 * hundred keys, for every document of the corpus). */
int sw__units_tf(const sw_unit_tf **out, size_t *n_out, sw_units *u, size_t i, int all,
		 int sorted, sw_error *err);

/* Of finished counts, per key: its content tokens (word tokens that are
 * not stopwords), the documents with one, and the first one's token index
 * (SIZE_MAX without), gathered with the totals. */
void sw__counts_content(const sw_counts *c, sw_term_id key, uint32_t *count, uint32_t *docs,
			size_t *first);

/* SW_CT_UPPER and SW_CT_ACRONYM of a form's bytes. */
uint8_t sw__counts_case_flags(const char *s, size_t len);

#endif
