/*
 * stichwort/counts.h - the counted corpus: token ids per document,
 * corpus totals, display forms, and grouping of documents into units
 * (metadata field or period).
 *
 * sw_counts keeps, for every token of every document, a few small ids
 * (stem key, form, type, flags) and for every document its metadata: the
 * raw text is not kept, so memory grows with the token count and the
 * vocabulary, not with the bytes read.  Everything later (terms, phrases,
 * keywords, keyness, trends) reads these arrays.
 *
 * Tokens counted ("counted tokens"): every token except punctuation.
 * per_10k figures divide by counted tokens.  Terms ("content terms"):
 * word tokens that are not stopwords; with `all`, every counted token.
 *
 * Determinism: keys are ids in the lexicon's stem vocabulary, whose ids
 * follow first appearance; everything ranked here breaks ties by the
 * key's bytes, then by first occurrence (document order).
 */
#ifndef STICHWORT_COUNTS_H
#define STICHWORT_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "corpus.h"
#include "error.h"
#include "terms.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Token flags in sw_counts_flags(). */
#define SW_CT_STOP      0x01u /**< a stopword */
#define SW_CT_SENT      0x02u /**< first token of a sentence */
#define SW_CT_HYPHEN    0x04u /**< a hyphenated compound */
#define SW_CT_UPPER     0x08u /**< starts with an upper-case letter */
#define SW_CT_ACRONYM   0x10u /**< all letters upper case, at least two */

/** A document as kept by the counts. */
typedef struct sw_count_doc {
	const char *id;             /**< document id */
	const char *date;           /**< YYYY[-MM[-DD]] or NULL */
	const char *group;          /**< group or NULL */
	const char *title;          /**< title or NULL */
	const sw_meta_field *extra; /**< other metadata */
	size_t n_extra;
	size_t first;               /**< index of its first token in the arrays */
	size_t ntokens;             /**< its tokens (all types) */
	size_t counted;             /**< its counted tokens (not punctuation) */
	uint32_t nsentences;        /**< sentences */
} sw_count_doc;

/** The counts. */
typedef struct sw_counts sw_counts;

/** Create empty counts over lexicon lx (borrowed; it must outlive them). */
int sw_counts_new(sw_counts **out, sw_lexicon *lx, sw_error *err);

/** Free counts.  NULL is a no-op. */
void sw_counts_free(sw_counts *c);

/**
 * Aggregate mode, for work that only counts: keep no per-token arrays,
 * but count each document's terms into its unit of `by` as it is added
 * ("corpus" for NULL, "year", "quarter", "month", "group", "title" or
 * any metadata field; not "doc" or "id").  Memory then grows with the
 * vocabulary of each unit and the documents' metadata, never with the
 * number of tokens (unless sw_counts_aggregate_dp() asks for more):
 * `stichwort terms` reads a corpus of any size in flat memory this way.  Call after sw_counts_new(), before the first
 * document.  Afterwards sw_counts_keys(), _forms(), _types() and
 * _flags() return NULL, every sw_count_doc's `first` is 0 (its ntokens,
 * counted and nsentences stay right), documents keep only id, date,
 * group and the field named by `by` of their metadata, sw_counts_ntokens() still counts
 * every token, and sw_units_new() accepts only the same `by`, giving the
 * same units and sw_units_tf() as without aggregation (checked in
 * tests/unit/test_counts.c).  A hash finds each document's unit, so
 * the cost is linear in the documents however many units there are
 * (a unit's table starts small: memory grows with the terms each unit
 * holds).  SW_OK; SW_EINVAL (documents already added,
 * called twice, or a per-document `by`); SW_ENOMEM.
 */
int sw_counts_aggregate(sw_counts *c, const char *by, sw_error *err);

/**
 * In aggregate mode, also keep what sw_units_dp() needs for content tokens
 * (all 0) or for all counted tokens (all 1; as sw_units_tf() counts them):
 * each document's distinct keys with their counts, packed in varints
 * (about 2.4 bytes a key of a document: 5.9 MB for the 2.45 million of
 * bundestag-2022-2023's content terms, where its token arrays would take
 * 83 MB).  Call after sw_counts_aggregate(), before the first document.
 * SW_OK; SW_EINVAL.
 */
int sw_counts_aggregate_dp(sw_counts *c, int all, sw_error *err);

/** The `by` of sw_counts_aggregate(), or NULL when the counts keep tokens. */
const char *sw_counts_aggregated_by(const sw_counts *c);

/**
 * Add a document: its metadata (copied) and its tokens as analysed by
 * sw_analyze() with the same lexicon.  SW_OK or SW_ENOMEM.
 */
int sw_counts_add(sw_counts *c, const sw_doc *doc, const sw_atoken *toks, size_t n,
		  sw_error *err);

/**
 * Compute the corpus totals (counts, document frequencies, display
 * forms).  Call once after the last sw_counts_add(); queries below need
 * it.  SW_OK or SW_ENOMEM.
 */
int sw_counts_finish(sw_counts *c, sw_error *err);

size_t sw_counts_ndocs(const sw_counts *c);
const sw_count_doc *sw_counts_doc(const sw_counts *c, size_t i);
/** All tokens of all documents. */
size_t sw_counts_ntokens(const sw_counts *c);
/** Counted tokens (not punctuation) of all documents. */
size_t sw_counts_counted(const sw_counts *c);

/**
 * The document holding token index t (documents hold consecutive,
 * ascending token ranges; a binary search).  0 for an empty corpus.
 */
size_t sw_counts_doc_of_token(const sw_counts *c, size_t t);

/** Per-token arrays of sw_counts_ntokens() entries, borrowed. */
const sw_term_id *sw_counts_keys(const sw_counts *c);   /**< stem key ids */
const sw_term_id *sw_counts_forms(const sw_counts *c);  /**< form ids */
const uint8_t *sw_counts_types(const sw_counts *c);     /**< sw_token_type */
const uint8_t *sw_counts_flags(const sw_counts *c);     /**< SW_CT_* */

/** The lexicon (stem keys: sw_lexicon_stems(); forms: sw_lexicon_surfaces()). */
const sw_lexicon *sw_counts_lexicon(const sw_counts *c);

/** Number of distinct keys (size of the arrays below). */
size_t sw_counts_nkeys(const sw_counts *c);
/** Corpus frequency of each key (after finish). */
const uint32_t *sw_counts_key_count(const sw_counts *c);
/** Document frequency of each key (after finish). */
const uint32_t *sw_counts_key_docs(const sw_counts *c);
/**
 * Per key (after finish): the key of its compound head ("Datensouveränität"
 * -> the key of "Souveränität", "IT-Sicherheit" -> "Sicherheit"), or
 * SW_TERM_NONE when the key is no compound (always, without a
 * lemmatizer).  A head's in_compounds count is the sum of the counts of
 * the keys whose head it is.
 */
const sw_term_id *sw_counts_key_head(const sw_counts *c);
/** Whether a key is a content term (some token of it is a non-stopword word). */
int sw_counts_key_is_term(const sw_counts *c, sw_term_id key, int all);

/**
 * The display form of a key: its most frequent form (ties: the earliest
 * occurrence; with a lemmatizer, that form's lemma), among the content-word tokens when the key has any (the
 * stopword "sich" and the adjective "sicher" share the Snowball stem
 * "sich"; the term is shown as "sicher").  Borrowed bytes; NULL for an
 * unknown key.
 */
const char *sw_counts_display(const sw_counts *c, sw_term_id key, size_t *len_out);

/** The key's bytes (the stem key). */
const char *sw_counts_key_bytes(const sw_counts *c, sw_term_id key, size_t *len_out);

/* ---- units: documents grouped by a field or a period ---- */

/** A grouping of the documents into units. */
typedef struct sw_units sw_units;

/**
 * Group the documents by `by`: NULL or "corpus" (one unit, label
 * "corpus"), "doc" (each document, label its id), "year", "quarter"
 * ("2024-Q2"), "month" ("2024-05") from the date, "group", "title", or
 * any other metadata field.  Documents without a value (no date for a
 * period) form a last unit with a NULL label.  Units are ordered by label:
 * periods chronologically (byte order of the labels), fields by byte
 * order, documents in document order.  SW_OK, SW_ENOMEM.
 */
int sw_units_new(sw_units **out, const sw_counts *c, const char *by, sw_error *err);
void sw_units_free(sw_units *u);

size_t sw_units_count(const sw_units *u);
/** Label of unit i, or NULL for "no value". */
const char *sw_units_label(const sw_units *u, size_t i);
/** Unit of document d. */
size_t sw_units_of_doc(const sw_units *u, size_t d);
/** Documents in unit i. */
size_t sw_units_ndocs(const sw_units *u, size_t i);
/** Counted tokens in unit i. */
size_t sw_units_counted(const sw_units *u, size_t i);
/** The `by` this grouping was made with ("corpus" for NULL). */
const char *sw_units_by(const sw_units *u);

/** A term's frequency in one unit. */
typedef struct sw_unit_tf {
	sw_term_id key;
	uint32_t count; /**< tokens of the key in the unit */
	uint32_t docs;  /**< documents of the unit containing it */
} sw_unit_tf;

/**
 * The term frequencies of unit i, sorted by key id: content terms only
 * unless all is set.  *out is borrowed from u and valid until the next
 * call on u.  SW_OK or SW_ENOMEM.
 */
int sw_units_tf(const sw_unit_tf **out, size_t *n_out, sw_units *u, size_t i, int all,
		sw_error *err);

/**
 * Gries' DP ("deviation of proportions", Gries 2008) of keys[0..n) within
 * unit i, into out[0..n).  The parts are the unit's documents: with
 * s_d = document d's counted tokens / the unit's counted tokens and
 * v_d = the key's count in document d / its count in the unit (as
 * sw_units_tf() counts it: content tokens unless all),
 * DP = 0.5 * sum_d |v_d - s_d|: 0 when the key is spread over the
 * documents as their sizes are (always, in a unit of one document),
 * towards 1 when it is packed into one small document (a key in one
 * document only has DP = 1 - that document's s_d).  NAN for a key without
 * tokens in the unit.  Not normalised (DP / (1 - min s_d), Lijffijt &
 * Gries 2012): see docs/counting.md.
 *
 * Computed as the sum of v_d - s_d over the documents where v_d > s_d
 * (the same figure: both shares sum to 1), from two integer sums, so the
 * result is the same to the bit whatever the order or the number of
 * threads.  Cost: one pass over the unit's documents' distinct keys
 * (aggregated counts) or over its tokens (twice), whatever n; so ask for
 * the keys you show, all at once.  Counts in aggregate mode need
 * sw_counts_aggregate_dp() with the same all.  SW_OK; SW_EINVAL (bad
 * unit, counts not finished, aggregated without sw_counts_aggregate_dp()
 * or with the other all); SW_ENOMEM.
 */
int sw_units_dp(double *out, sw_units *u, size_t i, int all, const sw_term_id *keys, size_t n,
		sw_error *err);

/**
 * Period label of a date for "year", "quarter" or "month" into out (at
 * least 9 bytes): "2024", "2024-Q2", "2024-05".  Returns 1, or 0 when the
 * date lacks the precision (a "2024" date has no month).
 */
int sw_period_label(char *out, const char *date, const char *by);

#ifdef __cplusplus
}
#endif
#endif
