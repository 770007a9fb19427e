/*
 * terms.c - stage 4 of the data flow: token text -> norm, stem key and
 * stopword flag, cached per distinct form (see stichwort/terms.h).
 *
 * The hot path is one hash lookup per token in the form table; only a
 * form seen for the first time is folded, stemmed and interned.  On a
 * corpus 98 % of the tokens are forms seen before, which is why the
 * stemmers' own speed hardly matters.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stichwort/terms.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/lemma.h"
#include "internal/lexicon.h"
#include "internal/stem.h"
#include "internal/utf8.h"

/* The form table: every (type, form) seen, in two parts.  An
 * open-addressed index of 8-byte slots (hash, form number), and the forms
 * themselves in a dense array in order of first appearance, with the
 * term info packed inline (48 bytes an entry) and forms of up to
 * INLINE_FORM bytes stored in the entry (longer ones are read from the
 * surfaces vocabulary).  The frequent words of a corpus appear early, so their entries
 * sit together at the start of the array and stay cached; the index is
 * a seventh of a table with the entries in its slots (which needs twice
 * as many slots as forms), so a lexicon of the 173,000 forms of the
 * Bundestag corpus takes 12 MB instead of 28 MB. */
#define INLINE_FORM 21

typedef struct form_slot {
	uint32_t hash; /* hash of type and form, never 0; 0 = empty slot */
	uint32_t ord;  /* index in ents: creation order */
} form_slot;

typedef struct form_ent {
	uint32_t len;            /* form bytes */
	uint8_t type;            /* sw_token_type */
	uint8_t stop;            /* sw_term_info's fields, packed */
	uint8_t pos;
	char inl[INLINE_FORM];   /* the form, when len <= INLINE_FORM */
	sw_term_id norm, stem, form, lemma, head;
} form_ent;

_Static_assert(sizeof(form_ent) == 48, "a form entry is 48 bytes");

static inline void ent_info(sw_term_info *out, const form_ent *e)
{
	out->norm = e->norm;
	out->stem = e->stem;
	out->form = e->form;
	out->stop = e->stop;
	out->lemma = e->lemma;
	out->head = e->head;
	out->pos = (sw_pos)e->pos;
}

/* A direct-mapped cache of the slots of recently seen forms, small
 * enough for the second-level cache (128 KB): most tokens are one of a
 * few thousand frequent forms, whose lookups then touch no line of the
 * big index.  A form not found here is looked up in the index and
 * replaces what was in its cache slot.  On the Bundestag corpus 16,384
 * slots send 1.0 million of its 9.6 million tokens to the index, 4,096
 * sent 1.9 million.  65,536 (512 KB) send 0.55 million and save 2.7 % of
 * the front end's instructions, but not its time (bench/README.md). */
#define HOT_BITS 14

/* A token the cache could not answer, for the second pass of
 * sw__lexicon_terms(). */
typedef struct lex_miss {
	size_t tok;
	uint64_t key;  /* form_key() */
	uint32_t hash; /* key_hash() */
} lex_miss;

/* A block of the shared analyses a lexicon published (see "analyses
 * shared by the workers" below): entries live in blocks of the lexicon
 * that published them, which lives as long as the table's readers (the
 * pipeline frees them all together), so an entry costs no allocation. */
#define SHARED_BLK ((size_t)256 * 1024)

struct shared_blk {
	struct shared_blk *next;
	size_t size;
	max_align_t data[];
};

/* A form new to a lexicon in hand-over mode (sw__lexicon_hand_over()):
 * its norm, key, head key and lemma, one after the other at off in the
 * lexicon's ho buffer. */
typedef struct ho_rec {
	size_t off;
	uint32_t nlen, klen, hlen, llen;
	uint8_t stop, pos;
	uint8_t has_head;  /* a compound: hlen bytes of its head's key */
	uint8_t has_lemma; /* 0: the form as written is its lemma */
} ho_rec;

struct sw_lexicon {
	form_slot hot[1u << HOT_BITS];
	form_slot *slots;
	size_t cap;  /* power of two */
	form_ent *ents;
	size_t n, capents;
	sw_lexicon_options opts;
	sw_stemmer *stemmer;
	sw_vocab *norms, *stems, *surfaces, *lemmas;
	sw_buf tmp, norm, stem, fold;
	sw_lemma lem;   /* the lemmatizer's answer for a new form */
	/* per surface id: the ordinal + 1 of its first form entry (0 = none),
	 * so that a display form's lemma and head can be found */
	uint32_t *surf_ent;
	size_t cap_surf_ent;
	lex_miss *miss; /* sw__lexicon_terms()'s scratch */
	size_t capmiss;
	/* Snowball stems the case-folded word, which is a plain word's norm:
	 * stem id + 1 of each norm met as a plain word (0 = none yet), so
	 * that "Die" does not stem "die" again */
	uint32_t *norm_stem;
	size_t cap_norm_stem;
	int stem_by_norm; /* the stemmer is Snowball */
	/* Hand-over mode, for a pipeline worker's lexicon, whose forms' bytes
	 * go to the caller's lexicon: a new form's norm, key, lemma and head
	 * key are kept in ho (records horec, the first of them form number
	 * ho_base) until sw__lexicon_news_clear(), not interned; forms of up
	 * to INLINE_FORM bytes are not interned either. */
	int handover;
	sw_buf ho;
	ho_rec *horec;
	size_t nho, capho, ho_base;
	sw__shared_forms *shared; /* analyses shared with the other workers */
	struct shared_blk *sblk;  /* the entries this lexicon published, newest block first */
	size_t sused;             /* bytes used in sblk */
};

static int lexicon_new_impl(sw_lexicon **out, const sw_lexicon_options *opts, sw_error *err)
{
	sw_lexicon *lx = sw__calloc(1, sizeof *lx);
	int rc;

	if (!lx)
		return sw__error_oom(err);
	if (opts)
		lx->opts = *opts;
	lx->cap = 4096;
	lx->slots = sw__calloc_written(lx->cap, sizeof *lx->slots);
	if (!lx->slots) {
		rc = sw__error_oom(err);
		goto fail;
	}
	if ((rc = sw_stemmer_new(&lx->stemmer, lx->opts.stemmer, err)))
		goto fail;
	if (lx->opts.key != SW_KEY_STEM && lx->opts.key != SW_KEY_LEMMA) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1, "lexicon: unknown key kind");
		goto fail;
	}
	if (lx->opts.key == SW_KEY_LEMMA && !lx->opts.lemmatizer) {
		rc = sw__error_set(err, SW_EINVAL, NULL, 0, -1, "lexicon: lemma keys need a lemmatizer");
		goto fail;
	}
	/* with lemmas a word's stem is the stem of its lemma, not of its norm */
	lx->stem_by_norm = lx->opts.stemmer == SW_STEMMER_SNOWBALL && !lx->opts.lemmatizer;
	if ((rc = sw_vocab_new(&lx->norms, err)) || (rc = sw_vocab_new(&lx->stems, err)) ||
	    (rc = sw_vocab_new(&lx->surfaces, err)) || (rc = sw_vocab_new(&lx->lemmas, err)))
		goto fail;
	*out = lx;
	return SW_OK;
fail:
	sw_lexicon_free(lx);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_lexicon_new(sw_lexicon **out, const sw_lexicon_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_lexicon_new", out);
	return lexicon_new_impl(out, opts, err);
}

void sw_lexicon_free(sw_lexicon *lx)
{
	if (!lx)
		return;
	sw__free(lx->slots);
	sw__free(lx->ents);
	sw_stemmer_free(lx->stemmer);
	sw_vocab_free(lx->norms);
	sw_vocab_free(lx->stems);
	sw_vocab_free(lx->surfaces);
	sw_vocab_free(lx->lemmas);
	sw_buf_free(&lx->fold);
	sw_lemma_free(&lx->lem);
	sw__free(lx->surf_ent);
	sw_buf_free(&lx->tmp);
	sw_buf_free(&lx->norm);
	sw_buf_free(&lx->stem);
	sw__free(lx->norm_stem);
	sw__free(lx->miss);
	sw_buf_free(&lx->ho);
	sw__free(lx->horec);
	while (lx->sblk) {
		struct shared_blk *next = lx->sblk->next;
		sw__free(lx->sblk);
		lx->sblk = next;
	}
	sw__free(lx);
}

const sw_vocab *sw_lexicon_norms(const sw_lexicon *lx)
{
	return lx->norms;
}

const sw_vocab *sw_lexicon_stems(const sw_lexicon *lx)
{
	return lx->stems;
}

const sw_vocab *sw_lexicon_surfaces(const sw_lexicon *lx)
{
	return lx->surfaces;
}

const sw_vocab *sw_lexicon_lemmas(const sw_lexicon *lx)
{
	return lx->lemmas;
}

size_t sw_lexicon_forms(const sw_lexicon *lx)
{
	return lx->n;
}

int sw_lexicon_form_info(sw_term_info *out, const sw_lexicon *lx, sw_term_id form)
{
	if (!out || !lx || form >= lx->cap_surf_ent || !lx->surf_ent[form])
		return 0;
	ent_info(out, &lx->ents[lx->surf_ent[form] - 1]);
	return 1;
}

/* The norm of a form into lx->norm (rules in terms.h). */
static int make_norm(sw_lexicon *lx, const char *s, size_t len, sw_token_type type,
		     unsigned flags)
{
	sw_buf *b = &lx->norm;
	size_t i, mark, suffix;

	sw_buf_clear(b);
	if (type == SW_TOKEN_ABBREV || type == SW_TOKEN_NUMBER) {
		sw_buf_clear(&lx->tmp);
		for (i = 0; i < len; i++)
			if (s[i] != ' ' && sw_buf_putc(&lx->tmp, s[i]))
				return SW_ENOMEM;
		return sw__casefold(b, lx->tmp.ptr ? lx->tmp.ptr : "", lx->tmp.len);
	}
	if (type == SW_TOKEN_WORD && (flags & SW_TOKEN_F_GENDERED) &&
	    sw__find_gender(s, len, &mark, &suffix)) {
		if (sw__casefold(b, s, mark) || sw_buf_putc(b, '*'))
			return SW_ENOMEM;
		if (suffix == mark && sw_buf_putc(b, 'i'))
			return SW_ENOMEM; /* Binnen-I: the "I" itself */
		return sw__casefold(b, s + suffix + (suffix == mark), len - suffix - (suffix == mark));
	}
	return sw__casefold(b, s, len);
}

/* Stem one word as written into lx->stem (appending). */
static int stem_into(sw_lexicon *lx, const char *s, size_t len, sw_error *err)
{
	const char *st;
	size_t sl;
	int rc = sw_stem(&st, &sl, lx->stemmer, s, len, err);

	if (rc)
		return rc;
	return sw_buf_put(&lx->stem, st, sl);
}

/* A hyphenated compound stems each part and keeps the hyphens
 * ("Open-Source-Strategien" -> "open-sourc-strategi"), so that its key
 * lines up with the same words written apart ("Open Source" -> "open",
 * "sourc").  A part with a gender mark keeps its norm. */
static int stem_compound(sw_lexicon *lx, const char *s, size_t len, sw_error *err)
{
	const char *np = lx->norm.ptr, *nend = lx->norm.ptr + lx->norm.len;
	const char *p = s, *end = s + len;
	int rc;

	while (p <= end && np <= nend) {
		const char *q = memchr(p, '-', (size_t)(end - p));
		const char *nq = memchr(np, '-', (size_t)(nend - np));
		size_t i, plen;
		int plain = 1;

		if (!q)
			q = end;
		if (!nq)
			nq = nend;
		plen = (size_t)(q - p);
		for (i = 0; i < plen; i++)
			if (p[i] == '*' || p[i] == ':' || p[i] == '_' || p[i] == '/' ||
			    (unsigned char)p[i] == 0xC2)
				plain = 0;
		if (p != s && sw_buf_putc(&lx->stem, '-'))
			return SW_ENOMEM;
		if (plain && plen)
			rc = stem_into(lx, p, plen, err);
		else
			rc = sw_buf_put(&lx->stem, np, (size_t)(nq - np));
		if (rc)
			return rc;
		if (q == end)
			break;
		p = q + 1;
		np = nq + 1;
	}
	return SW_OK;
}

/* Whether the form's stem key is the stemmer's stem of the whole form
 * (rules in make_stem()): a word, not hyphenated, not suspended, without
 * a gender mark.  Its norm is then its case fold. */
static int plain_word(const char *s, size_t len, sw_token_type type, unsigned flags)
{
	size_t mark, suffix;

	return type == SW_TOKEN_WORD &&
	       !(flags & (SW_TOKEN_F_SUSPENDED | SW_TOKEN_F_HYPHENATED)) &&
	       !((flags & SW_TOKEN_F_GENDERED) && sw__find_gender(s, len, &mark, &suffix));
}

/* The stem key of a word form into lx->stem; lx->norm holds its norm.
 * plain is plain_word() of the form, which must then be valid UTF-8; with
 * plain 0 a plain word is stemmed as written, and an invalid one
 * refused. */
static int make_stem(sw_lexicon *lx, const char *s, size_t len, sw_token_type type,
		     unsigned flags, int plain, sw_error *err)
{
	sw_buf *b = &lx->stem;
	size_t mark, suffix;
	const char *st;
	size_t sl;
	int rc;

	sw_buf_clear(b);
	if (plain) {
		/* the norm is the fold the stemmer would make */
		if ((rc = sw__stem_folded(&st, &sl, lx->stemmer, s, len,
					  lx->norm.ptr ? lx->norm.ptr : "", lx->norm.len, err)))
			return rc;
		return sw_buf_put(b, st, sl);
	}
	if (type != SW_TOKEN_WORD)
		return sw_buf_put(b, lx->norm.ptr, lx->norm.len);
	if (flags & SW_TOKEN_F_SUSPENDED) {
		while (len && s[len - 1] == '-')
			len--;
	}
	if (flags & SW_TOKEN_F_HYPHENATED)
		return stem_compound(lx, s, len, err);
	if ((flags & SW_TOKEN_F_GENDERED) && sw__find_gender(s, len, &mark, &suffix)) {
		/* "-in"/"-innen" (after a mark, or Binnen-I "In"/"Innen") share
		 * the key stem(base) + "*in"; other gender forms keep their norm */
		const char *suf = s + suffix;
		size_t gl = len - suffix;
		if ((gl == 2 || gl == 5) && (suf[0] == 'i' || suf[0] == 'I') &&
		    memcmp(suf + 1, "nnen", gl - 1) == 0) {
			if ((rc = stem_into(lx, s, mark, err)))
				return rc;
			return sw_buf_put(b, "*in", 3);
		}
		return sw_buf_put(b, lx->norm.ptr, lx->norm.len);
	}
	return stem_into(lx, s, len, err); /* suspended: the norm keeps the hyphen */
}

/* Double the table (load stays at most one half). */
static int grow_table(sw_lexicon *lx)
{
	size_t cap = lx->cap * 2, i, j;
	form_slot *ns = sw__calloc_written(cap, sizeof *ns);

	if (!ns)
		return SW_ENOMEM;
	for (i = 0; i < lx->cap; i++) {
		if (!lx->slots[i].hash)
			continue;
		j = lx->slots[i].hash & (cap - 1);
		while (ns[j].hash)
			j = (j + 1) & (cap - 1);
		ns[j] = lx->slots[i];
	}
	sw__free(lx->slots);
	lx->slots = ns;
	lx->cap = cap;
	return SW_OK;
}

/* Whether a and b agree in their first len bytes: the short lengths of
 * most words with overlapping word loads instead of a memcmp() call. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
	if (len >= 8 && len <= 16) {
		uint64_t a0, a1, b0, b1;
		memcpy(&a0, a, 8);
		memcpy(&b0, b, 8);
		memcpy(&a1, a + len - 8, 8);
		memcpy(&b1, b + len - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (len >= 4 && len < 8) {
		uint32_t a0, a1, b0, b1;
		memcpy(&a0, a, 4);
		memcpy(&b0, b, 4);
		memcpy(&a1, a + len - 4, 4);
		memcpy(&b1, b + len - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (len < 4) /* "der", "im": first, middle and last byte cover it */
		return len == 0 || (a[0] == b[0] && a[len >> 1] == b[len >> 1] &&
				    a[len - 1] == b[len - 1]);
	return memcmp(a, b, len) == 0;
}

/* Whether entry e is (type, form). */
static inline int ent_is(const sw_lexicon *lx, const form_ent *e, const char *form, size_t len,
			 sw_token_type type)
{
	return e->len == len && e->type == type &&
	       same_bytes(len <= INLINE_FORM ? e->inl : sw_vocab_bytes(lx->surfaces, e->form, NULL),
			  form, len);
}

/* The slot of (type, form): the matching slot, or the empty slot where
 * it would go. */
static form_slot *find_form(sw_lexicon *lx, const char *form, size_t len, sw_token_type type,
			    uint32_t h)
{
	form_slot *fs;
	size_t i;

	for (i = h & (lx->cap - 1);; i = (i + 1) & (lx->cap - 1)) {
		fs = &lx->slots[i];
		if (!fs->hash)
			return fs;
		if (fs->hash == h && ent_is(lx, &lx->ents[fs->ord], form, len, type))
			return fs;
	}
}

/* The key of (type, form): its hash before the finalizer.  Its top bits
 * pick the form's cache slot and the next 32 are the slot's tag, so a
 * form the cache answers is never finalized; key_hash() finalizes it for
 * the index. */
static inline uint64_t form_key(const char *form, size_t len, sw_token_type type)
{
	return sw__hash_premix(form, len, (uint64_t)type + 1);
}

static inline uint32_t key_hash(uint64_t key)
{
	return (uint32_t)sw__mix64(key) | 1;
}

static inline form_slot *hot_slot(sw_lexicon *lx, uint64_t key)
{
	return &lx->hot[key >> (64 - HOT_BITS)];
}

/* The cache's tag of a key (the bits below those of the slot), never 0:
 * a cache slot's hash field holds it. */
static inline uint32_t hot_tag(uint64_t key)
{
	return (uint32_t)(key >> (64 - HOT_BITS - 32)) | 1;
}

/* Room for one more form: SW_EINVAL when the ordinals are used up. */
static int room_for_form(sw_lexicon *lx)
{
	if (lx->n >= UINT32_MAX)
		return SW_EINVAL;
	if (sw__grow((void **)&lx->ents, &lx->capents, lx->n + 1, sizeof *lx->ents))
		return SW_ENOMEM;
	return SW_OK;
}

/* Intern the form (after its norm and stem, whose ids ti has: ids follow
 * first appearance) and take the empty slot fs for (type, form);
 * room_for_form() has succeeded. */
static int add_form(sw_term_info *out, uint32_t *ord, sw_lexicon *lx, form_slot *fs,
		    uint32_t h, const char *form, size_t len, sw_token_type type, sw_term_info ti)
{
	form_ent *e;
	size_t i;
	int rc;

	if (lx->handover && len <= INLINE_FORM)
		ti.form = SW_TERM_NONE; /* kept in the entry alone */
	else if ((rc = sw_vocab_intern(&ti.form, lx->surfaces, form, len)))
		return rc;
	if ((lx->n + 1) * 2 > lx->cap) {
		if (grow_table(lx))
			return SW_ENOMEM;
		for (i = h & (lx->cap - 1); lx->slots[i].hash; i = (i + 1) & (lx->cap - 1))
			;
		fs = &lx->slots[i];
	}
	e = &lx->ents[lx->n];
	e->len = (uint32_t)len;
	e->type = (uint8_t)type;
	ti.stop = ti.stop != 0;
	e->stop = (uint8_t)ti.stop;
	e->pos = (uint8_t)ti.pos;
	if (len <= INLINE_FORM)
		memcpy(e->inl, form, len);
	e->norm = ti.norm;
	e->stem = ti.stem;
	e->form = ti.form;
	e->lemma = ti.lemma;
	e->head = ti.head;
	if (!lx->handover) { /* no display form is looked up in hand-over mode */
		if (ti.form >= lx->cap_surf_ent) {
			size_t old = lx->cap_surf_ent, k;
			if (sw__grow((void **)&lx->surf_ent, &lx->cap_surf_ent, (size_t)ti.form + 1,
				     sizeof *lx->surf_ent))
				return SW_ENOMEM;
			for (k = old; k < lx->cap_surf_ent; k++)
				lx->surf_ent[k] = 0;
		}
		if (!lx->surf_ent[ti.form])
			lx->surf_ent[ti.form] = (uint32_t)lx->n + 1;
	}
	fs->hash = h;
	fs->ord = (uint32_t)lx->n;
	if (ord)
		*ord = fs->ord;
	lx->n++;
	*out = ti;
	return SW_OK;
}

/* The ordinal of (type, form), whose key is key, when it is in the cache
 * of frequent forms, else HOT_MISS (no form has it: room_for_form() keeps
 * ordinals below UINT32_MAX): the whole lookup of most tokens, inline. */
#define HOT_MISS UINT32_MAX

static inline uint32_t hot_ord(sw_lexicon *lx, const char *form, size_t len,
			       sw_token_type type, uint64_t key)
{
	const form_slot *hs = hot_slot(lx, key);

	return hs->hash == hot_tag(key) && ent_is(lx, &lx->ents[hs->ord], form, len, type) ? hs->ord
											 : HOT_MISS;
}

/* Remember the stem of a plain word's norm (see norm_stem). */
static int note_norm_stem(sw_lexicon *lx, const sw_term_info *ti)
{
	size_t i, old = lx->cap_norm_stem;

	if (ti->norm >= old) {
		if (sw__grow((void **)&lx->norm_stem, &lx->cap_norm_stem, (size_t)ti->norm + 1,
			     sizeof *lx->norm_stem))
			return SW_ENOMEM;
		for (i = old; i < lx->cap_norm_stem; i++)
			lx->norm_stem[i] = 0;
	}
	lx->norm_stem[ti->norm] = ti->stem + 1;
	return SW_OK;
}

/* make_stem()'s failure rc: the stemmer has said why it refused a word
 * (SW_EINVAL); anything else is out of memory, which a buffer may not
 * have said. */
static int stem_error(sw_error *err, int rc)
{
	return rc == SW_EINVAL ? rc : sw__error_set(err, rc, NULL, 0, -1, NULL);
}

/* The key of a lemma l[0..n) into lx->stem: its case fold (SW_KEY_LEMMA)
 * or its stem (SW_KEY_STEM), with the flags of a word token.  lx->norm
 * is overwritten. */
static int lemma_key(sw_lexicon *lx, const char *l, size_t n, sw_error *err)
{
	unsigned fl = 0;
	size_t mark, suffix;
	int rc;

	if (lx->opts.key == SW_KEY_LEMMA) {
		sw_buf_clear(&lx->stem);
		return sw__casefold(&lx->stem, l, n) ? sw__error_oom(err) : SW_OK;
	}
	if (memchr(l, '-', n))
		fl |= SW_TOKEN_F_HYPHENATED;
	if (sw__find_gender(l, n, &mark, &suffix))
		fl |= SW_TOKEN_F_GENDERED;
	if ((rc = make_norm(lx, l, n, SW_TOKEN_WORD, fl)))
		return sw__error_oom(err);
	rc = make_stem(lx, l, n, SW_TOKEN_WORD, fl, plain_word(l, n, SW_TOKEN_WORD, fl), err);
	return rc ? stem_error(err, rc) : SW_OK;
}

/* ---- analyses shared by the workers ---- */

/*
 * A word form's analysis (its hand-over record's bytes) as one worker
 * made it, for the others: an open-addressed table of entry pointers,
 * each slot set once by compare-and-swap, never changed or removed until
 * the table is freed.  An analysis is a function of the form, its token
 * type and flags (and of the lexicon's options, the same for every
 * worker), so whichever worker publishes it first, every reader gets the
 * same bytes: the output does not depend on the threads' timing.  The
 * table does not grow: once three quarters full, new analyses are no
 * longer published (the workers analyse those forms each for itself).
 */
typedef struct shared_ent {
	uint64_t key; /* form_key() mixed with the flags */
	uint16_t flen, nlen, klen, hlen, llen;
	uint8_t type, flags, stop, pos, has_head, has_lemma;
	char bytes[]; /* form, norm, key, head key, lemma */
} shared_ent;


struct sw__shared_forms {
	_Atomic(shared_ent *) *slots;
	size_t cap;         /* power of two */
	atomic_size_t used; /* entries published */
	atomic_size_t hits; /* analyses taken from it */
};

#define SHARED_PROBES 64

int sw__shared_forms_new(sw__shared_forms **out, size_t cap)
{
	sw__shared_forms *sf;
	size_t c = 1024;

	*out = NULL;
	while (c < cap && c < ((size_t)1 << 30))
		c *= 2;
	if (!(sf = sw__calloc(1, sizeof *sf)))
		return SW_ENOMEM;
	if (!(sf->slots = sw__calloc(c, sizeof *sf->slots))) {
		sw__free(sf);
		return SW_ENOMEM;
	}
	sf->cap = c;
	atomic_init(&sf->used, 0);
	atomic_init(&sf->hits, 0);
	*out = sf;
	return SW_OK;
}

void sw__shared_forms_free(sw__shared_forms *sf)
{
	if (!sf)
		return;
	sw__free((void *)sf->slots); /* the entries are the lexicons' */
	sw__free(sf);
}

/* n bytes (8-aligned) in lx's blocks, or NULL. */
static void *shared_alloc(sw_lexicon *lx, size_t n)
{
	struct shared_blk *b;

	n = (n + 7) & ~(size_t)7;
	if (!lx->sblk || lx->sused + n > lx->sblk->size) {
		size_t size = n > SHARED_BLK ? n : SHARED_BLK;
		if (!(b = sw__malloc(sizeof *b + size)))
			return NULL;
		b->next = lx->sblk;
		b->size = size;
		lx->sblk = b;
		lx->sused = 0;
	}
	lx->sused += n;
	return (char *)lx->sblk->data + lx->sused - n;
}

size_t sw__shared_forms_used(const sw__shared_forms *sf)
{
	return sf ? atomic_load_explicit(&((sw__shared_forms *)sf)->used, memory_order_relaxed) : 0;
}

size_t sw__shared_forms_hits(const sw__shared_forms *sf)
{
	return sf ? atomic_load_explicit(&((sw__shared_forms *)sf)->hits, memory_order_relaxed) : 0;
}

void sw__lexicon_share(sw_lexicon *lx, sw__shared_forms *sf)
{
	lx->shared = lx->handover ? sf : NULL;
}

static uint64_t shared_key(uint64_t key, unsigned flags)
{
	return key ^ ((uint64_t)(flags & 0xFF) + 1) * 0x9E3779B97F4A7C15ULL;
}

static int shared_is(const shared_ent *e, uint64_t key, const char *form, size_t len,
		     unsigned type, unsigned flags)
{
	return e->key == key && e->flen == len && e->type == type && e->flags == (flags & 0xFF) &&
	       memcmp(e->bytes, form, len) == 0;
}

/* The published analysis of (form, type, flags), or NULL. */
static const shared_ent *shared_find(const sw__shared_forms *sf, uint64_t key, const char *form,
				     size_t len, unsigned type, unsigned flags)
{
	size_t i = (size_t)key & (sf->cap - 1), k;

	for (k = 0; k < SHARED_PROBES; k++, i = (i + 1) & (sf->cap - 1)) {
		const shared_ent *e = atomic_load_explicit(&sf->slots[i], memory_order_acquire);
		if (!e)
			return NULL;
		if (shared_is(e, key, form, len, type, flags))
			return e;
	}
	return NULL;
}

/* Publish record r (complete, bytes at r->off in ho) of (form, type,
 * flags).  Nothing is lost when it cannot be: no memory, a full table,
 * or another worker's equal entry first. */
static void shared_publish(sw__shared_forms *sf, sw_lexicon *lx, const ho_rec *r,
			   uint64_t key, const char *form, size_t len, unsigned type,
			   unsigned flags)
{
	size_t nb = (size_t)r->nlen + r->klen + r->hlen + r->llen, i, k;
	shared_ent *e;

	if (atomic_load_explicit(&sf->used, memory_order_relaxed) >= sf->cap / 4 * 3 ||
	    len > UINT16_MAX || r->nlen > UINT16_MAX || r->klen > UINT16_MAX ||
	    r->hlen > UINT16_MAX || r->llen > UINT16_MAX)
		return;
	if (!(e = shared_alloc(lx, sizeof *e + len + nb)))
		return;
	e->key = key;
	e->flen = (uint16_t)len;
	e->nlen = (uint16_t)r->nlen;
	e->klen = (uint16_t)r->klen;
	e->hlen = (uint16_t)r->hlen;
	e->llen = (uint16_t)r->llen;
	e->type = (uint8_t)type;
	e->flags = (uint8_t)(flags & 0xFF);
	e->stop = r->stop;
	e->pos = r->pos;
	e->has_head = r->has_head;
	e->has_lemma = r->has_lemma;
	memcpy(e->bytes, form, len);
	if (nb)
		memcpy(e->bytes + len, lx->ho.ptr + r->off, nb);
	i = (size_t)key & (sf->cap - 1);
	for (k = 0; k < SHARED_PROBES; k++, i = (i + 1) & (sf->cap - 1)) {
		shared_ent *seen = NULL;
		if (atomic_compare_exchange_strong_explicit(&sf->slots[i], &seen, e,
							    memory_order_acq_rel,
							    memory_order_acquire)) {
			atomic_fetch_add_explicit(&sf->used, 1, memory_order_relaxed);
			return;
		}
		if (shared_is(seen, key, form, len, type, flags))
			break; /* another worker was first */
	}
	/* not published: give the bytes back (the last allocation) */
	lx->sused -= (sizeof *e + len + nb + 7) & ~(size_t)7;
}

/* ---- a new form's strings: interned, or kept for hand-over ---- */

/* Start a new form's record in hand-over mode (a no-op otherwise). */
static int ho_begin(sw_lexicon *lx)
{
	ho_rec *r;

	if (!lx->handover)
		return SW_OK;
	if (sw__grow((void **)&lx->horec, &lx->capho, lx->nho + 1, sizeof *lx->horec))
		return SW_ENOMEM;
	r = &lx->horec[lx->nho];
	memset(r, 0, sizeof *r);
	r->off = lx->ho.len;
	return SW_OK;
}

/* Drop the record begun, when the form could not be added. */
static void ho_abort(sw_lexicon *lx)
{
	if (lx->handover && lx->capho > lx->nho)
		lx->ho.len = lx->horec[lx->nho].off;
}

/* Keep a new form's string s[0..n): interned in v (its id into *id), or
 * in hand-over mode appended to the record begun (*id SW_TERM_NONE, *len
 * its length).  SW_OK, SW_ENOMEM or SW_EINVAL (vocabulary full). */
static int keep(sw_lexicon *lx, sw_vocab *v, sw_term_id *id, uint32_t *len, const char *s,
		size_t n)
{
	if (!lx->handover)
		return sw_vocab_intern(id, v, s ? s : "", n);
	*id = SW_TERM_NONE;
	*len = (uint32_t)n;
	return sw_buf_put(&lx->ho, s ? s : "", n) ? SW_ENOMEM : SW_OK;
}

/* The record begun in hand-over mode, else sink (where keep()'s lengths
 * go unread). */
static ho_rec *ho_cur(sw_lexicon *lx, ho_rec *sink)
{
	return lx->handover ? &lx->horec[lx->nho] : sink;
}

/* Add the new form with its strings kept; in hand-over mode its record
 * is complete then. */
static int add_kept(sw_term_info *out, uint32_t *ord, sw_lexicon *lx, form_slot *fs, uint32_t h,
		    const char *form, size_t len, sw_token_type type, sw_term_info ti)
{
	int rc;

	if (lx->handover) {
		ho_rec *r = &lx->horec[lx->nho];
		r->stop = (uint8_t)(ti.stop != 0);
		r->pos = (uint8_t)ti.pos;
	}
	if ((rc = add_form(out, ord, lx, fs, h, form, len, type, ti)))
		return rc;
	if (lx->handover)
		lx->nho++;
	return SW_OK;
}

/* A new word form with a lemmatizer: lemma, key of the lemma, key of a
 * compound's head, stopword by norm or lemma; interned in the order
 * norm, key, head, lemma, form (sw_lexicon_import() keeps it).  lx->norm
 * holds the form's norm. */
static int term_lemma(sw_term_info *out, uint32_t *ord, sw_lexicon *lx, form_slot *fs,
		      uint32_t h, uint64_t fkey, const char *form, size_t len, unsigned flags,
		      sw_error *err)
{
	const sw_lemma *lm = &lx->lem;
	sw_term_info ti;
	ho_rec *r, sink;
	uint64_t skey = 0;
	int rc;

	if (lx->shared) {
		/* another worker's analysis of this form: its bytes, as if made here */
		const shared_ent *e;
		skey = shared_key(fkey, flags);
		if ((e = shared_find(lx->shared, skey, form, len, SW_TOKEN_WORD, flags))) {
			size_t nb = (size_t)e->nlen + e->klen + e->hlen + e->llen;
			if ((rc = ho_begin(lx)))
				return sw__error_oom(err);
			r = &lx->horec[lx->nho];
			r->nlen = e->nlen;
			r->klen = e->klen;
			r->hlen = e->hlen;
			r->llen = e->llen;
			r->has_head = e->has_head;
			r->has_lemma = e->has_lemma;
			if (nb && sw_buf_put(&lx->ho, e->bytes + e->flen, nb)) {
				ho_abort(lx);
				return sw__error_oom(err);
			}
			ti.norm = ti.stem = ti.lemma = ti.head = SW_TERM_NONE;
			ti.stop = e->stop;
			ti.pos = (sw_pos)e->pos;
			if ((rc = add_kept(out, ord, lx, fs, h, form, len, SW_TOKEN_WORD, ti))) {
				ho_abort(lx);
				return sw__error_set(err, rc, NULL, 0, -1, NULL);
			}
			atomic_fetch_add_explicit(&lx->shared->hits, 1, memory_order_relaxed);
			return SW_OK;
		}
	}
	if ((rc = sw_lemmatize(&lx->lem, lx->opts.lemmatizer, form, len,
			       flags & (SW_TOKEN_F_HYPHENATED | SW_TOKEN_F_GENDERED |
					SW_TOKEN_F_SUSPENDED),
			       err)))
		return rc;
	if ((rc = ho_begin(lx)))
		return sw__error_oom(err);
	r = ho_cur(lx, &sink);
	if ((rc = keep(lx, lx->norms, &ti.norm, &r->nlen, lx->norm.ptr, lx->norm.len)))
		goto fail;
	/* a stopword by its norm ("die") or by its lemma ("besser": gut) */
	sw_buf_clear(&lx->fold);
	if (sw__casefold(&lx->fold, lm->lemma.ptr ? lm->lemma.ptr : "", lm->lemma.len)) {
		rc = SW_ENOMEM;
		goto fail;
	}
	ti.stop = lx->opts.stopwords &&
		  (sw_stoplist_contains(lx->opts.stopwords, lx->norm.ptr, lx->norm.len) ||
		   sw_stoplist_contains(lx->opts.stopwords, lx->fold.ptr, lx->fold.len));
	/* the key: a lemma's is its case fold, made just above */
	if (lx->opts.key == SW_KEY_LEMMA) {
		rc = keep(lx, lx->stems, &ti.stem, &r->klen, lx->fold.ptr, lx->fold.len);
	} else if ((rc = lemma_key(lx, lm->lemma.ptr ? lm->lemma.ptr : "", lm->lemma.len, err))) {
		ho_abort(lx);
		return rc;
	} else {
		rc = keep(lx, lx->stems, &ti.stem, &r->klen, lx->stem.ptr, lx->stem.len);
	}
	if (rc)
		goto fail;
	ti.head = SW_TERM_NONE;
	if (lm->nparts >= 2) {
		/* the last part is the head's lemma */
		const char *p = lm->parts.ptr, *last = p;
		size_t i;
		for (i = 0; i < lm->nparts; i++) {
			last = p;
			p += strlen(p) + 1;
		}
		if ((rc = lemma_key(lx, last, strlen(last), err))) {
			ho_abort(lx);
			return rc;
		}
		if (!lx->handover) {
			if ((rc = sw_vocab_intern(&ti.head, lx->stems, lx->stem.ptr ? lx->stem.ptr : "",
						  lx->stem.len)))
				goto fail;
			if (ti.head == ti.stem)
				ti.head = SW_TERM_NONE; /* "Open-Source" is no compound of "Source" */
		} else if (lx->stem.len != r->klen ||
			   (r->klen && memcmp(lx->stem.ptr, lx->ho.ptr + r->off + r->nlen, r->klen))) {
			if ((rc = keep(lx, lx->stems, &ti.head, &r->hlen, lx->stem.ptr,
				       lx->stem.len)))
				goto fail;
			r->has_head = 1;
		}
	}
	ti.pos = lm->pos;
	r->has_lemma = 1;
	if ((rc = keep(lx, lx->lemmas, &ti.lemma, &r->llen, lm->lemma.ptr, lm->lemma.len)) ||
	    (rc = add_kept(out, ord, lx, fs, h, form, len, SW_TOKEN_WORD, ti)))
		goto fail;
	if (lx->shared)
		shared_publish(lx->shared, lx, &lx->horec[lx->nho - 1], skey, form, len,
			       SW_TOKEN_WORD, flags);
	return SW_OK;
fail:
	ho_abort(lx);
	return sw__error_set(err, rc, NULL, 0, -1, NULL);
}

/* The term of (type, form) whose key is key and hash h = key_hash(key)
 * (type and len checked), when it is not in the cache: the index, or a
 * new form. */
static int term_cold(sw_term_info *out, uint32_t *ord, sw_lexicon *lx, const char *form,
		     size_t len, sw_token_type type, unsigned flags, uint64_t key, uint32_t h,
		     sw_error *err)
{
	form_slot *fs = find_form(lx, form, len, type, h);
	sw_term_info ti;
	ho_rec *r, sink;
	int rc, plain, valid;

	if (fs->hash) {
		form_slot *hs = hot_slot(lx, key);
		hs->hash = hot_tag(key);
		hs->ord = fs->ord;
		ent_info(out, &lx->ents[fs->ord]);
		if (ord)
			*ord = fs->ord;
		return SW_OK;
	}
	/* a new form: fold, intern the norm, stem (unless a plain word of
	 * this norm was stemmed before), intern, then take the empty slot.
	 * A form that is not valid UTF-8 is stemmed first, as written (the
	 * stemmer checks it), so that its complaint leaves the lexicon as it
	 * was. */
	plain = plain_word(form, len, type, flags);
	valid = sw__utf8_invalid_at(form, len) == len;
	if ((rc = room_for_form(lx)) || (rc = make_norm(lx, form, len, type, flags)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	if (!valid && (rc = make_stem(lx, form, len, type, flags, 0, err)))
		return stem_error(err, rc);
	if (valid && type == SW_TOKEN_WORD && lx->opts.lemmatizer)
		return term_lemma(out, ord, lx, fs, h, key, form, len, flags, err);
	if ((rc = ho_begin(lx)))
		return sw__error_oom(err);
	r = ho_cur(lx, &sink);
	if ((rc = keep(lx, lx->norms, &ti.norm, &r->nlen, lx->norm.ptr, lx->norm.len)))
		goto fail;
	if (valid && plain && lx->stem_by_norm && ti.norm < lx->cap_norm_stem &&
	    lx->norm_stem[ti.norm]) {
		ti.stem = lx->norm_stem[ti.norm] - 1;
	} else {
		if (valid && (rc = make_stem(lx, form, len, type, flags, plain, err))) {
			ho_abort(lx);
			return stem_error(err, rc);
		}
		if ((rc = keep(lx, lx->stems, &ti.stem, &r->klen, lx->stem.ptr, lx->stem.len)) ||
		    (plain && lx->stem_by_norm && (rc = note_norm_stem(lx, &ti))))
			goto fail;
	}
	ti.stop = (type == SW_TOKEN_WORD || type == SW_TOKEN_ABBREV) && lx->opts.stopwords &&
		  sw_stoplist_contains(lx->opts.stopwords, lx->norm.ptr, lx->norm.len);
	ti.lemma = SW_TERM_NONE;
	ti.head = SW_TERM_NONE;
	ti.pos = SW_POS_X;
	/* a token that is not lemmatized is its own lemma, as written (a
	 * number is shown "87 %", as in the text); in hand-over mode the
	 * form is that already */
	if ((!lx->handover && (rc = sw_vocab_intern(&ti.lemma, lx->lemmas, form, len))) ||
	    (rc = add_kept(out, ord, lx, fs, h, form, len, type, ti)))
		goto fail;
	return SW_OK;
fail:
	ho_abort(lx);
	return sw__error_set(err, rc, NULL, 0, -1, NULL);
}

/* ---- hand-over mode ---- */

void sw__lexicon_hand_over(sw_lexicon *lx)
{
	lx->handover = 1;
	lx->stem_by_norm = 0; /* its cache is by norm id, and norms are not interned */
	lx->ho_base = lx->n;
}

void sw__lexicon_news_clear(sw_lexicon *lx)
{
	lx->nho = 0;
	sw_buf_clear(&lx->ho);
	lx->ho_base = lx->n;
}

int sw__lexicon_news(sw_term_bytes *out, const sw_lexicon *lx, uint32_t ord)
{
	const ho_rec *r;
	const char *p;

	if (!lx->handover || ord < lx->ho_base || ord - lx->ho_base >= lx->nho)
		return 0;
	r = &lx->horec[ord - lx->ho_base];
	p = lx->ho.ptr ? lx->ho.ptr + r->off : "";
	out->norm = p;
	out->norm_len = r->nlen;
	p += r->nlen;
	out->key = p;
	out->key_len = r->klen;
	p += r->klen;
	out->head = r->has_head ? p : NULL;
	out->head_len = r->hlen;
	p += r->hlen;
	out->lemma = r->has_lemma ? p : NULL;
	out->lemma_len = r->llen;
	out->stop = r->stop;
	out->pos = (sw_pos)r->pos;
	return 1;
}

/*
 * The batch lookup in two passes.  The first hashes every token and
 * answers those whose form is in the cache of frequent forms (nine in
 * ten on a corpus), noting the others.  The second looks the noted
 * tokens up in token order, so new forms are numbered as one pass would
 * number them, and hides the index's cache misses: the slot of the
 * token AHEAD_SLOT places on is prefetched, and the entry of the one
 * AHEAD_ENT on (its slot is in cache by then).  That a form added in the
 * second pass could have answered a later token from the cache changes
 * nothing but where that token's answer is found.  Prefetches are hints,
 * so a table that grows on the way only costs a miss.
 */
#define AHEAD_SLOT 8
#define AHEAD_ENT 4

int sw__lexicon_terms(sw_term_info *info, uint32_t *ord, sw_lexicon *lx, const char *text,
		      const sw_token *tt, size_t n, sw_error *err)
{
	size_t i, m, nmiss = 0;
	uint32_t o;
	lex_miss *miss;
	sw_term_info one; /* a miss's term when info is NULL */
	int rc;

	if (!info && !ord && n)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "lexicon: no output");
	if (sw__grow((void **)&lx->miss, &lx->capmiss, n, sizeof *lx->miss))
		return sw__error_oom(err);
	miss = lx->miss;
	for (i = 0; i < n; i++) {
		const sw_token *t = &tt[i];
		uint64_t key;
		if ((unsigned)t->type >= SW_TOKEN_NTYPES || t->len > UINT32_MAX)
			return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "bad token type or length");
		key = form_key(text + t->start, t->len, t->type);
		if ((o = hot_ord(lx, text + t->start, t->len, t->type, key)) != HOT_MISS) {
			if (info)
				ent_info(&info[i], &lx->ents[o]);
			if (ord)
				ord[i] = o;
		} else {
			miss[nmiss].tok = i;
			miss[nmiss].key = key;
			miss[nmiss++].hash = key_hash(key);
		}
	}
	for (m = 0; m < nmiss; m++) {
		const sw_token *t = &tt[miss[m].tok];
		if (m + AHEAD_SLOT < nmiss)
			__builtin_prefetch(&lx->slots[miss[m + AHEAD_SLOT].hash & (lx->cap - 1)]);
		if (m + AHEAD_ENT < nmiss) {
			const form_slot *fs = &lx->slots[miss[m + AHEAD_ENT].hash & (lx->cap - 1)];
			if (fs->hash == miss[m + AHEAD_ENT].hash)
				__builtin_prefetch(&lx->ents[fs->ord]);
		}
		if ((rc = term_cold(info ? &info[miss[m].tok] : &one, ord ? &ord[miss[m].tok] : NULL,
				    lx, text + t->start, t->len, t->type, t->flags, miss[m].key,
				    miss[m].hash, err)))
			return rc;
	}
	return SW_OK;
}

void sw__lexicon_info(sw_term_info *out, const sw_lexicon *lx, uint32_t ord)
{
	ent_info(out, &lx->ents[ord]);
}

int sw_lexicon_term(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		    sw_token_type type, unsigned flags, sw_error *err)
{
	uint64_t key;
	uint32_t o;

	if ((unsigned)type >= SW_TOKEN_NTYPES || len > UINT32_MAX)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "bad token type or length");
	key = form_key(form, len, type);
	if ((o = hot_ord(lx, form, len, type, key)) != HOT_MISS) {
		ent_info(out, &lx->ents[o]);
		return SW_OK;
	}
	return term_cold(out, NULL, lx, form, len, type, flags, key, key_hash(key), err);
}

int sw_lexicon_import(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		      sw_token_type type, const sw_term_bytes *tb, sw_error *err)
{
	form_slot *fs;
	sw_term_info ti;
	uint32_t h;
	int rc;

	if ((unsigned)type >= SW_TOKEN_NTYPES || len > UINT32_MAX || !tb)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "bad token type or length");
	h = key_hash(form_key(form, len, type));
	fs = find_form(lx, form, len, type, h);
	if (fs->hash) {
		ent_info(out, &lx->ents[fs->ord]);
		return SW_OK;
	}
	ti.head = SW_TERM_NONE;
	if ((rc = room_for_form(lx)) ||
	    (rc = sw_vocab_intern(&ti.norm, lx->norms, tb->norm ? tb->norm : "", tb->norm_len)) ||
	    (rc = sw_vocab_intern(&ti.stem, lx->stems, tb->key ? tb->key : "", tb->key_len)) ||
	    (tb->head && (rc = sw_vocab_intern(&ti.head, lx->stems, tb->head, tb->head_len))) ||
	    (rc = tb->lemma ? sw_vocab_intern(&ti.lemma, lx->lemmas, tb->lemma, tb->lemma_len)
			    : sw_vocab_intern(&ti.lemma, lx->lemmas, form, len)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	if (ti.head == ti.stem)
		ti.head = SW_TERM_NONE;
	ti.stop = tb->stop != 0;
	ti.pos = (unsigned)tb->pos < SW_POS_N ? tb->pos : SW_POS_X;
	if ((rc = add_form(out, NULL, lx, fs, h, form, len, type, ti)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	return SW_OK;
}

/* The counting key of a lemma, for lists keyed by lemma (reflist.c):
 * *key (borrowed until lx is next used) and *len. */
int sw__lexicon_lemma_key(const char **key, size_t *len, sw_lexicon *lx, const char *lemma,
			  size_t n, sw_error *err)
{
	int rc = lemma_key(lx, lemma, n, err);

	if (rc)
		return rc;
	*key = lx->stem.ptr ? lx->stem.ptr : "";
	*len = lx->stem.len;
	return SW_OK;
}

const sw_lexicon_options *sw__lexicon_options(const sw_lexicon *lx)
{
	return &lx->opts;
}
