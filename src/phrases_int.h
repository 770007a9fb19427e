/*
 * phrases_int.h - the insides of the phrases stage shared by
 * phrase_candidates.c (parts, linking words, the candidate trie counted
 * chunk by chunk, occurrences, variants and display forms) and phrases.c
 * (scores, ranking, the public API).  Not installed; nothing outside
 * these files includes it (internal/phrases.h is the friends').
 */
#ifndef SW_PHRASES_INT_H
#define SW_PHRASES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/phrases.h"
#include "internal/par.h"
#include "internal/utf8.h"

#define NONE UINT32_MAX
#define MAXLEN 8

/* linking-word classes of a stopword form (docs/phrases.md) */
#define LK_PREP 0x01u /* may link alone, or be followed by an article */
#define LK_GEN  0x02u /* a genitive article: may link alone ("Stand der Technik") */
#define LK_ART  0x04u /* an article after a preposition ("in der") */

struct sw_phrases {
	const sw_counts *c;
	sw_phrase *ph;
	size_t n;
	sw_phrase_variant *vars;
	uint32_t *occ;
	uint8_t *occ_len;
	char *text;       /* keys and variant texts, NUL-separated */
	size_t *by_key;   /* phrase indices sorted by key bytes */
};

/* ---- the trie table ---- */

typedef struct node {
	uint64_t key;    /* parent << 32 | part */
	uint32_t pcount; /* occurrences as a prefix (LL trie: windows anywhere) */
	uint32_t ccount; /* occurrences as a candidate (LL trie: windows after a word) */
	uint32_t cdocs;  /* documents with a candidate occurrence */
	uint32_t clast;  /* last document + 1 */
} node;

typedef struct trie {
	node *nd;
	size_t n, capn;
	uint32_t *slot; /* node index + 1, 0 = empty */
	size_t cap;     /* power of two */
	size_t limit;   /* most nodes (codes npart + node must fit 32 bits) */
} trie;

/* The node of key, or NONE.  Inlined where it is called, as step() is:
 * the passes over the walks call both for every walk and step, and gcc
 * left them out of line (inlined, `phrases --threads 1` does 2.9 % fewer
 * instructions on the Bundestag corpus). */
#define HOT_PATH inline __attribute__((always_inline))

static HOT_PATH uint32_t sw__phrases_trie_find(const trie *t, uint64_t key)
{
	size_t h;

	if (!t->cap)
		return NONE;
	h = (size_t)sw__mix64(key) & (t->cap - 1);
	while (t->slot[h]) {
		if (t->nd[t->slot[h] - 1].key == key)
			return t->slot[h] - 1;
		h = (h + 1) & (t->cap - 1);
	}
	return NONE;
}

/* ---- context: token arrays, parts, linking words ---- */

typedef struct ctx {
	const sw_counts *c;
	const sw_term_id *keys, *forms;
	const uint8_t *types, *flags;
	size_t T, ndocs;
	size_t max_len, min_count;
	size_t nkeys;   /* stem vocabulary size */
	uint32_t npart; /* nkeys + our own part ids */
	uint32_t *koff; /* per key: offset into pool */
	uint8_t *kn;    /* per key: parts (0 = unusable) */
	uint32_t *kp0;  /* per key: its first part if it may start a
			 * candidate (1..max_len parts), else NONE */
	uint32_t *pool;
	size_t npool, cappool;
	sw_vocab *extra; /* components that are no stem key of their own */
	uint8_t *lk;     /* per form: LK_* */
	size_t nforms;
	trie tr;
	uint32_t *phr_of; /* per node: phrase index or NONE */
	struct chunk *ch; /* the token arrays in document-aligned pieces */
	size_t nch;
	uint32_t *pc1;    /* per part: starts of candidates (the chunks' sum) */
	size_t lo;        /* the first node of the depth being counted */
	size_t depth;     /* the depth being counted */
	const uint32_t *remap; /* its merged nodes - lo -> trie node or NONE */
	const struct trie *lt; /* score_ll: the phrases' rests */
	/* collect_occ: where chunk 0 writes its occurrences directly */
	const struct tmp_phrase *ctp;
	size_t *cfill;
	uint32_t *cocc;
	uint8_t *colen, *copart;
} ctx;

/* a walk: a candidate being extended part by part (phrase_candidates.c) */
typedef struct walk {
	uint32_t s;    /* start token */
	uint32_t code; /* trie code reached: a part id (depth 1) or npart + node */
	uint8_t joff;  /* current token - s */
	uint8_t p;     /* parts of the current token consumed */
	uint8_t d;     /* parts consumed */
	uint8_t gap;   /* trailing stopwords: count | 0x10 if the first is a preposition */
} walk;

/* ---- chunks: the token arrays in document-aligned pieces ----
 *
 * The passes over all tokens (counting candidates depth by depth,
 * collecting occurrences, the log-likelihood windows) run on one chunk
 * per thread.  No walk, window or candidate crosses a document (every
 * document's first token starts a sentence), so each chunk counts on
 * its own; the chunks' results are then merged in chunk order, which is
 * token order: node numbers, occurrence order and every count come out
 * exactly as one pass over all tokens gives them. */

/* An occurrence found by a chunk. */
typedef struct occ_tuple {
	uint32_t ph, tok;
	uint8_t len, part;
} occ_tuple;

typedef struct chunk {
	ctx *x;
	size_t t0, t1;  /* its tokens [t0, t1) */
	size_t doc0, doc1; /* its documents [doc0, doc1); doc0 has t0 */
	int failed;     /* a task ran out of memory */
	uint32_t *pc1;  /* first-part counts of its starts */
	walk *ws;       /* its live walks */
	size_t nw;
	trie tr;        /* the nodes of the depth being counted, numbered by the chunk */
	uint32_t *map;  /* chunk node -> merged node */
	size_t capmap;
	uint32_t *starts; /* the starts whose 2-part prefix survived: the only
			   * ones that can begin a phrase (a phrase's count
			   * is at most its prefix count) */
	size_t nstarts;
	occ_tuple *occ; /* collect_occ: its occurrences, in token order */
	size_t nocc, capocc;
	/* score_ll: its windows */
	uint32_t *r1, *pre1, *ltc;
	double nwin[MAXLEN + 1];
} chunk;

/* ---- building the result ---- */

typedef struct tmp_phrase {
	uint32_t node;
	uint32_t parts[MAXLEN];
	uint32_t n;
	size_t occ0;    /* offset in occ[] */
	size_t key_off; /* offset of the key in the text pool */
	size_t var0;    /* first variant in vars[] */
	size_t best;    /* the display variant, relative to var0 */
} tmp_phrase;

/* An occurrence of one phrase, to sort them by their form sequence: the
 * forms are copied out of the corpus's form array once, so that sorting
 * and grouping read no line of it again (an occurrence has at most
 * MAXLEN tokens: each has a part of the phrase's at most MAXLEN).  sig,
 * a hash of (len, part, forms), decides most comparisons. */
typedef struct occ_ref {
	uint64_t sig;
	uint32_t tok;
	uint8_t len;
	uint8_t part; /* parts of the last token used; 0 = all of it */
	sw_term_id f[MAXLEN];
} occ_ref;

/* A growable text pool addressed by offsets (pointers fixed at the end). */
typedef struct pool {
	char *s;
	size_t n, cap;
} pool;

/* Keys, variants and display forms of phrases [a, b): each phrase's
 * variants go to its own range of vars (at its occ0: a phrase has at
 * most as many variants as occurrences), texts to the task's pool. */
typedef struct vtask {
	const ctx *x;
	sw_phrases *p;
	tmp_phrase *tp;
	size_t *voff;
	uint32_t *vfirst;
	const uint8_t *opart;
	size_t a, b;
	pool tx;
	occ_ref *scratch;
	int failed;
} vtask;

/* ---- phrase_candidates.c ---- */

void sw__phrases_trie_free(trie *t);
int sw__phrases_trie_get(uint32_t *out, trie *t, uint64_t key);
int sw__phrases_build_parts(ctx *x);
int sw__phrases_build_linkers(ctx *x);
int sw__phrases_make_chunks(ctx *x, size_t want);
int sw__phrases_chunks_failed(const ctx *x);
int sw__phrases_count_candidates(ctx *x);
uint32_t sw__phrases_node_parts(const ctx *x, uint32_t id, uint32_t *parts);
int sw__phrases_collect_occ(ctx *x, const tmp_phrase *tp, size_t *fill, uint32_t *occ, uint8_t *olen,
			    uint8_t *opart);
int sw__phrases_pool_put(pool *p, const char *s, size_t len);
void sw__phrases_task_variants(void *payload, size_t t);
void sw__phrases_ctx_free(ctx *x);

#endif
