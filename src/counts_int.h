/*
 * counts_int.h - the insides of sw_counts shared by counts.c (adding
 * documents, totals, aggregation while loading) and units.c (units of a
 * grouping, their term frequencies, Gries' DP).  Not installed; nothing
 * outside these files includes it (internal/counts.h is the pipeline's).
 */
#ifndef SW_COUNTS_INT_H
#define SW_COUNTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/counts.h"

typedef struct pair_slot {
	uint64_t kf;    /* key << 32 | form, + 1 (0 = empty) */
	uint32_t count;
	uint32_t first; /* first token index (saturating) */
	uint32_t content; /* 1 if a token of the pair is a non-stopword word */
} pair_slot;

/* Totals gathered as documents are added (sw__counts_end_doc), while
 * their tokens are still in the cache; sw_counts_finish() only reads
 * them.  Per key: */
typedef struct key_acc {
	uint32_t count, df, last; /* last: document + 1 that counted df */
	uint32_t kind;
	/* content tokens (words that are not stopwords) alone: count,
	 * documents, document + 1 that counted cdf, first token */
	uint32_t ccount, cdf, clast;
	size_t cfirst;
} key_acc;

/* Per form: the (key, form) pair's count, first token and content; a
 * form is nearly always under one key, so pairs are counted in a flat
 * array and only a form under a second key goes to the overflow table
 * of pair_slot. */
typedef struct form_acc {
	uint32_t key1;  /* key + 1 of the form's pair; 0 = not seen */
	uint32_t count;
	uint32_t first; /* first token index (saturating) */
	uint32_t content;
} form_acc;

/* Aggregate mode (sw_counts_aggregate()): a unit's term counts, in an
 * open-addressed table on key + 1.  "all" counts every counted token,
 * "content" the non-stopword words, as sw_units_tf() does. */
typedef struct agg_slot {
	uint32_t key1;                   /* key + 1; 0 = empty */
	uint32_t count_all, docs_all;
	uint32_t count_content, docs_content;
	/* document + 1 that counted docs; with sw_counts_aggregate_dp(), the
	 * one of the kind kept is the key's dp_pair in the document instead
	 * (in the current one if that pair is the key's): no room for it */
	uint32_t last_all, last_content;
} agg_slot;

/* A key's tokens in one document, for Gries' DP (sw_units_dp()): all
 * its counted tokens or its content tokens, as sw_counts_aggregate_dp()
 * asked. */
typedef struct dp_pair {
	sw_term_id key;
	uint32_t f;
} dp_pair;

typedef struct agg_unit {
	char *label;    /* NULL: documents without a value */
	agg_slot *slot;
	size_t cap, n;  /* cap a power of two */
} agg_unit;

/* The accumulators: per key, per form, and the overflow pairs. */
typedef struct acc {
	key_acc *ka;    /* per key id */
	size_t nka;
	form_acc *fa;   /* per form id */
	size_t nfa;
	pair_slot *ovf; /* overflow pairs */
	size_t capovf, novf;
} acc;

struct sw_counts {
	sw_lexicon *lx;
	char *agg_by;        /* aggregate mode: no token arrays kept */
	agg_unit *au;
	size_t nau, capau, lastau;
	size_t *auh;         /* hash index of au by label: unit + 1, 0 = empty */
	size_t capauh;       /* a power of two, or 0 */
	size_t aunull;       /* unit + 1 of the documents without a value, or 0 */
	size_t seen;         /* tokens added in aggregate mode */
	/* aggregate mode, for sw_units_dp(): each document's keys with their
	 * counts (of the one kind asked for: content or all), one document
	 * after the other, each pair in LEB128 varints as key * 2 + (f > 1),
	 * then f - 2 when f > 1 (2.4 bytes a pair on bundestag-2022-2023, not
	 * 8: frequent keys have small ids, and most keys occur once in a
	 * document); dpoff[d]
	 * is document d's first byte (ndocs + 1 entries).  dpair: the pairs
	 * of the document being added. */
	int agg_dp;          /* sw_counts_aggregate_dp(): 1 content, 2 all */
	uint8_t *dpbytes;
	size_t ndpbytes, capdpbytes;
	size_t *dpoff;
	size_t capdpoff;
	dp_pair *dpair;
	size_t capdpair;
	sw_count_doc *docs;
	size_t ndocs, capdocs;
	sw_term_id *keys, *forms;
	uint8_t *types, *flags;
	size_t ntok, captok;
	size_t counted;
	uint8_t *form_flags; /* per form id: SW_CT_UPPER | SW_CT_ACRONYM | 0x80 known */
	size_t capff;
	acc acc;             /* the totals' accumulators */
	size_t capka, capfa; /* allocated in acc.ka, acc.fa */
	int defer;           /* accumulate at finish, not per document */
	int acc_failed;      /* an overflow pair could not be stored: finish fails */
	/* after finish */
	size_t nkeys;
	uint32_t *count, *df;
	uint32_t *ccount, *cdf; /* per key: of its content tokens (key_acc) */
	size_t *cfirst;
	uint8_t *kind;       /* per key: 1 = has a counted token, 2 = has a content token */
	sw_term_id *display; /* per key: form id */
	sw_term_id *head;    /* per key: the key of its compound head, or SW_TERM_NONE */
	uint32_t *docblk;    /* per 2^DOCBLK tokens: the document of its first token */
	size_t ndocblk;
	uint32_t *dfirst;    /* per document: its first token, when all fit 32 bits (a
			      * search reads 4 bytes a document, not a document) */
	int finished;
};

/* ---- aggregate tables (counts.c) ---- */

/* The slot of key in table u, or NULL. */
const agg_slot *sw__counts_agg_get(const agg_unit *u, sw_term_id key);

/* The index of aggregate unit label v (NULL: no value) in c->au, or
 * SIZE_MAX; with slot, the hash slot where it is or would go. */
size_t sw__counts_agg_lookup(const sw_counts *c, const char *v, size_t *slot);

/* ---- units (units.c) ---- */

/* Document d's value of field by (a period label for year, quarter and
 * month, written into buf of 16 bytes), or NULL when it has none. */
const char *sw__units_doc_field(const sw_count_doc *d, const char *by, char *buf);

#endif
