/*
 * lemma.c - German lemmas from the full-form lexicon (see
 * stichwort/lemma.h for the rules, docs/lemmas.md for why).
 *
 * Every lookup is a walk of the automaton along "FORM_", then a choice
 * among the "CODE_TAG" sequences below the node reached: each is one
 * reading, scored on its own by prefer(), and the best is kept.  Many
 * forms share that node (every regular feminine noun in the singular
 * has the same readings below it), so the readings below a node are
 * decoded and scored once, on first use, into a set shared by all
 * threads (readings_at()); a lookup then only compares a few records.
 * The callers cache per distinct form (terms.c), so all this runs once
 * per form, not per token.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "stichwort/lemma.h"
#include "stichwort/tokenize.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/file.h"
#include "internal/fsa.h"
#include "internal/lemma.h"
#include "internal/utf8.h"
#include "lemma_int.h"

/* Readings enumerated for one form at most ("Essen" has 24). */
#define MAX_READINGS 512

/* The built-in lexicon, embedded by lexdata.c. */
extern const unsigned char sw__lexdata[];
extern const size_t sw__lexdata_len;

static const char *const pos_names[SW_POS_N] = { "X",   "NOUN", "PROPN", "VERB",
						 "ADJ", "ADV",  "FUNC",  "NUM" };

const char *sw_pos_name(sw_pos pos)
{
	return (unsigned)pos < SW_POS_N ? pos_names[pos] : "X";
}

/* ---- opening ---- */

/* A lexicon that opens is also tried on a few words every German
 * lexicon has, so that a file in the right format but of the wrong
 * content (or damaged past the header) is refused here, not met as
 * wrong lemmas later. */
static int probe(const sw_lemmatizer *lm, const char *path, sw_error *err)
{
	static const char *const words[] = { "und", "Haus", "ist" };
	size_t i;

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		uint32_t node;
		int rc = sw__fsa_walk(lm->fsa, lm->root, words[i], strlen(words[i]), &node);
		if (rc == SW_OK)
			rc = sw__fsa_walk(lm->fsa, node, "_", 1, &node);
		if (rc == 1)
			return sw__error_set(err, SW_EFORMAT, path, 0, -1,
					     "not a German lexicon: it lacks '%s'", words[i]);
		if (rc)
			return sw__error_set(err, SW_EFORMAT, path, 0, -1,
					     "damaged lexicon (looking up '%s')", words[i]);
	}
	return SW_OK;
}

static int lemmatizer_new_impl(sw_lemmatizer **out, const char *path, sw_error *err)
{
	sw_lemmatizer *lm;
	const unsigned char *data = sw__lexdata;
	size_t len = sw__lexdata_len;
	int rc;

	if (!out)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "lemmatizer: no output");
	lm = sw__calloc(1, sizeof *lm);
	if (!lm)
		return sw__error_oom(err);
	snprintf(lm->source, sizeof lm->source, "%s", path ? path : "built-in");
	if (path) {
		/* no lexicon is a gigabyte */
		if ((rc = sw__read_file((char **)&lm->owned, &len, path, "the lexicon",
					(size_t)1 << 30, err)))
			goto fail;
		data = lm->owned;
	}
	if ((rc = sw__fsa_open(&lm->fsa, data, len, lm->source, err)))
		goto fail;
	lm->root = sw__fsa_root(lm->fsa);
	lm->nnodes = sw__fsa_nodes(lm->fsa);
	lm->sets = sw__calloc((size_t)lm->nnodes + 1, sizeof *lm->sets);
	if (!lm->sets) {
		rc = sw__error_oom(err);
		goto fail;
	}
	if ((rc = probe(lm, lm->source, err)))
		goto fail;
	*out = lm;
	return SW_OK;
fail:
	sw_lemmatizer_free(lm);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_lemmatizer_new(sw_lemmatizer **out, const char *path, sw_error *err)
{
	SW__NEED(err, "sw_lemmatizer_new", out);
	return lemmatizer_new_impl(out, path, err);
}

void sw_lemmatizer_free(sw_lemmatizer *lm)
{
	if (!lm)
		return;
	if (lm->sets) {
		uint32_t i;
		for (i = 0; i <= lm->nnodes; i++)
			sw__free(atomic_load_explicit(&lm->sets[i], memory_order_relaxed));
		sw__free((void *)lm->sets);
	}
	sw__fsa_free(lm->fsa);
	sw__free(lm->owned);
	sw__free(lm);
}

const char *sw_lemmatizer_source(const sw_lemmatizer *lm)
{
	return lm ? lm->source : "";
}

void sw_lemma_free(sw_lemma *l)
{
	if (!l)
		return;
	sw_buf_free(&l->lemma);
	sw_buf_free(&l->parts);
	l->nparts = 0;
}

/* ---- one lookup: the best reading of a form ---- */

/* Whether the tag t[0..n) has the field f (":F:" inside, or at an end). */
static int has_field(const char *t, size_t n, const char *f)
{
	size_t fl = strlen(f), i;

	for (i = 0; i + fl <= n; i++)
		if ((i == 0 || t[i - 1] == ':') && memcmp(t + i, f, fl) == 0 &&
		    (i + fl == n || t[i + fl] == ':'))
			return 1;
	return 0;
}

/* The second field of a tag ("VER:3:SIN" -> "3"), as a pointer and a
 * length (0 when there is none). */
static size_t second_field(const char *t, size_t n, const char **out)
{
	size_t i = 4, j;

	if (n <= 4 || t[3] != ':')
		return 0;
	for (j = i; j < n && t[j] != ':'; j++)
		;
	*out = t + i;
	return j - i;
}

/*
 * The preference of a reading (higher wins; docs/lemmas.md):
 *   60 noun, 58 name, 50 abbreviation;
 *   55 a verb made noun ("das Stunden", below "Stunde");
 *   51 an inflected adjective or participle ("gleichen", "geplanten");
 *   50 verb (infinitive, finite, zu-infinitive), 48 auxiliary;
 *   46 adverb, 45 uninflected adjective (and present participle), 44
 *   number word;
 *   40 past participle as a verb ("gekauft" -> "kaufen"), above 30 for
 *   the same bare participle as an adjective, below a real adjective
 *   ("bekannt": bekannt, not bekennen);
 *   38 present participle as a verb, below its adjective ("entscheidend");
 *   35 function words; 30 subjunctive, 24 first person singular, 22
 *   second person, 20 imperative (rare in policy text: "meine" is mein,
 *   not meinen);
 *   10 verb particle.
 * The tag's first field is three letters; the checks look at bytes, as
 * this runs for every reading of every form looked up.
 */
static int prefer(const char *tag, size_t len, sw_pos *pos)
{
	const char *f2 = "";
	size_t l2;

	*pos = SW_POS_X;
	if (len < 3)
		return 5;
	l2 = second_field(tag, len, &f2);
	switch (tag[0]) {
	case 'S':
		if (tag[1] == 'U' && tag[2] == 'B') {
			*pos = SW_POS_NOUN;
			return len >= 4 && memcmp(tag + len - 4, ":INF", 4) == 0 ? 55 : 60;
		}
		break;
	case 'E':
		if (tag[1] == 'I' && tag[2] == 'G') {
			*pos = SW_POS_PROPN;
			return 58;
		}
		break;
	case 'A':
		if (tag[1] == 'B' && tag[2] == 'K') {
			/* ABK:Wort:SUB -- the third field says what it stands for */
			*pos = len >= 4 && memcmp(tag + len - 4, ":EIG", 4) == 0   ? SW_POS_PROPN
			       : len >= 4 && memcmp(tag + len - 4, ":SUB", 4) == 0 ? SW_POS_NOUN
										: SW_POS_X;
			return 50;
		}
		if (tag[1] == 'D' && tag[2] == 'V') {
			*pos = SW_POS_ADV;
			return 46;
		}
		if (tag[1] == 'D' && tag[2] == 'J') {
			*pos = SW_POS_ADJ;
			return l2 == 3 && memcmp(f2, "PRD", 3) == 0 ? 45 : 51;
		}
		if (tag[1] == 'R' && tag[2] == 'T') {
			*pos = SW_POS_FUNC;
			return 35;
		}
		break;
	case 'V':
		if (tag[1] == 'E' && tag[2] == 'R') {
			*pos = SW_POS_VERB;
			if (l2 == 3 && memcmp(f2, "AUX", 3) == 0)
				return 48;
			if (l2 == 3 && memcmp(f2, "PA2", 3) == 0)
				return 40;
			if (l2 == 3 && memcmp(f2, "PA1", 3) == 0)
				return 38;
			if (l2 == 3 && memcmp(f2, "IMP", 3) == 0)
				return 20;
			if (l2 == 1 && f2[0] == '2')
				return 22;
			if (l2 == 1 && f2[0] == '1' && has_field(tag, len, "SIN"))
				return 24;
			if (has_field(tag, len, "KJ1") || has_field(tag, len, "KJ2"))
				return 30; /* subjunctive: "lange", "klare" are adjectives first */
			return 50;
		}
		break;
	case 'P':
		if (tag[1] == 'A' && (tag[2] == '1' || tag[2] == '2')) {
			/* an inflected adjective above a verb of the same form
			 * ("gleichen", "veröffentlichten Daten"); a bare past
			 * participle below the verb ("gekauft": kaufen) */
			*pos = SW_POS_ADJ;
			if (l2 == 3 && memcmp(f2, "PRD", 3) == 0)
				return tag[2] == '2' ? 30 : 45;
			return 51;
		}
		if ((tag[1] == 'R' && tag[2] == 'O') || (tag[1] == 'R' && tag[2] == 'P')) {
			*pos = SW_POS_FUNC;
			return 35;
		}
		break;
	case 'Z':
		if (tag[1] == 'A' && tag[2] == 'L') {
			*pos = SW_POS_NUM;
			return 44;
		}
		if (tag[1] == 'U' && tag[2] == 'S') {
			*pos = SW_POS_FUNC;
			return 10;
		}
		break;
	case 'K':
	case 'N':
	case 'I':
		if ((tag[0] == 'K' && tag[1] == 'O' && tag[2] == 'N') ||
		    (tag[0] == 'N' && tag[1] == 'E' && tag[2] == 'G') ||
		    (tag[0] == 'I' && tag[1] == 'N' && tag[2] == 'J')) {
			*pos = SW_POS_FUNC;
			return 35;
		}
		break;
	default:
		break;
	}
	return 5;
}

int sw__lemma_common_prefix(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0;

	while (i < al && i < bl && a[i] == b[i])
		i++;
	return (int)i;
}

/* Ordinals: UD and most German lemma lists write "erst", "letzt",
 * the lexicon "erste", "letzte". */
static void ordinal(best *b)
{
	static const char *const ords[] = { "erste",   "zweite", "dritte", "vierte",  "fünfte",
					    "sechste", "siebte", "achte",  "neunte",  "zehnte",
					    "letzte" };
	size_t i;

	if (b->pos != SW_POS_ADJ && b->pos != SW_POS_NUM)
		return;
	for (i = 0; i < sizeof ords / sizeof *ords; i++)
		if (b->llen == strlen(ords[i]) && memcmp(b->lemma, ords[i], b->llen) == 0) {
			b->llen--;
			return;
		}
}

/* Lexicon lemmas that an analyst would not count under: "Daten" is the
 * plural of "Datum" in the lexicon, but in policy text it is data, a
 * word of its own. */
static int override(best *b)
{
	if (b->flen == 5 && memcmp(b->form, "Daten", 5) == 0) {
		memcpy(b->lemma, "Daten", 5);
		b->llen = 5;
		b->score = 60;
		b->pos = SW_POS_NOUN;
		b->lcp = 5;
		return 1;
	}
	return 0;
}

/* ---- the readings below a node ---- */

/* One reading "CODE_TAG", reduced to what the choice among readings
 * needs: its lemma's code (the SUFFIX encoding: the code's first byte
 * minus 'A' is the number of bytes cut from the form's end, the rest is
 * appended), prefer()'s score and part of speech, and facts of its tag. */
typedef struct reading {
	uint32_t text;  /* the appended bytes: offset in the set's text */
	uint8_t alen;   /* their length */
	uint8_t cut;    /* bytes cut from the form's end */
	uint8_t score;  /* prefer() */
	uint8_t pos;    /* sw_pos */
	uint16_t flags; /* RD_* */
} reading;

enum {
	RD_ONE = 1,      /* the code is one byte: a lemma at most cut from the form */
	RD_SUB = 2,      /* a common noun's tag (SUB...) */
	RD_INF = 4,      /* an infinitive's (VER:INF...) */
	RD_FUNC = 8,     /* an article, pronoun or conjunction */
	RD_NOUN = 16,    /* a noun that is no adjective made noun */
	RD_PART = 32,    /* a participle (PA1, PA2) */
	RD_PER = 64,     /* a personal pronoun (PRO:PER) */
	RD_NOBASE = 128, /* no modifier's base: function word, name, verb made noun */
	RD_PTE = 256     /* an inflected participle: 49, not 51, for a form in -te */
};

/* The readings below one node, in the automaton's (byte) order, then
 * the appended bytes; bad when a reading did not decode. */
struct reading_set {
	uint32_t n;
	uint32_t bad;
	reading r[];
};

static const char *set_text(const reading_set *rs)
{
	return (const char *)(rs->r + rs->n);
}

typedef struct collect {
	reading *r;
	size_t n, cap;
	sw_buf text;
	int bad;
	int nomem;
} collect;

/* sw__fsa_each's callback: decode and score one reading into c. */
static int collect_reading(void *ctx, const char *seq, size_t len)
{
	collect *c = ctx;
	const char *sep = memchr(seq, '_', len);
	const char *code = seq, *tag;
	size_t clen, tlen;
	sw_pos pos = SW_POS_X;
	reading *r;
	size_t i;
	int score;
	unsigned fl = 0;

	if (!sep || (sep > seq && (unsigned char)seq[0] < 'A')) {
		c->bad = 1;
		return 0;
	}
	clen = (size_t)(sep - seq);
	tag = sep + 1;
	tlen = len - clen - 1;
	if (clen == 0) { /* an empty code: the lemma is the form */
		code = "A";
		clen = 1;
	}
	score = prefer(tag, tlen, &pos);
	if (clen == 1)
		fl |= RD_ONE;
	if (tlen >= 3 && tag[0] == 'S' && tag[1] == 'U' && tag[2] == 'B')
		fl |= RD_SUB;
	if (tlen >= 7 && memcmp(tag, "VER:INF", 7) == 0)
		fl |= RD_INF;
	/* an article, pronoun or conjunction (not a preposition: "Zeit",
	 * "Dank" at a sentence start are nouns) */
	if (pos == SW_POS_FUNC && (tag[0] == 'A' || tag[0] == 'K' ||
				   (tag[0] == 'P' && tag[1] == 'R' && tag[2] == 'O')))
		fl |= RD_FUNC;
	if (pos == SW_POS_NOUN && !(tlen >= 4 && memcmp(tag + tlen - 4, ":ADJ", 4) == 0))
		fl |= RD_NOUN;
	if (tlen >= 2 && tag[0] == 'P' && tag[1] == 'A')
		fl |= RD_PART;
	/* personal pronouns: the lexicon gives "ich" for "wir" and "Sie" */
	if (tlen >= 7 && memcmp(tag, "PRO:PER", 7) == 0)
		fl |= RD_PER;
	/* a modifier is no preposition ("nach" + "Barkasse"), nor a verb
	 * made noun ("Sonnen": Sonne + n), nor a name that is also a plural
	 * ("Eichen": Eiche + n) */
	if (pos == SW_POS_FUNC || pos == SW_POS_PROPN ||
	    (pos == SW_POS_NOUN && tlen >= 4 && memcmp(tag + tlen - 4, ":INF", 4) == 0))
		fl |= RD_NOBASE;
	/* an inflected participle in -te is more often the past tense
	 * ("reagierte"), in -ten, -tem, -ter, -tes the adjective */
	if (score == 51 && tag[0] == 'P')
		fl |= RD_PTE;
	/* a reading the same as one before in all that the choice looks at
	 * can change nothing (an adjective's forty case and gender tags are
	 * mostly one record) */
	for (i = 0; i < c->n; i++) {
		r = &c->r[i];
		if (r->cut == (unsigned char)code[0] - 'A' && r->alen == clen - 1 &&
		    r->score == score && r->pos == pos && r->flags == fl &&
		    (clen == 1 || memcmp(c->text.ptr + r->text, code + 1, clen - 1) == 0))
			return 0;
	}
	if (sw__grow((void **)&c->r, &c->cap, c->n + 1, sizeof *c->r) ||
	    sw_buf_put(&c->text, code + 1, clen - 1)) {
		c->nomem = 1;
		return 1;
	}
	r = &c->r[c->n++];
	r->text = (uint32_t)(c->text.len - (clen - 1));
	r->alen = (uint8_t)(clen - 1);
	r->cut = (uint8_t)((unsigned char)code[0] - 'A');
	r->score = (uint8_t)score;
	r->pos = (uint8_t)pos;
	r->flags = (uint16_t)fl;
	return 0;
}

/* The readings below node (after "FORM_"): decoded on first use and
 * kept in lm->sets for every later lookup, by any thread: a thread that
 * loses the race to publish its set frees it and takes the winner's,
 * which holds the same.  NULL with *rc SW_ENOMEM or SW_EFORMAT. */
static const reading_set *readings_at(const sw_lemmatizer *lm, uint32_t node, int *rc)
{
	reading_set *rs, *seen = NULL;
	collect c = { 0 };
	size_t size;

	if (node > lm->nnodes) {
		*rc = SW_EFORMAT;
		return NULL;
	}
	rs = atomic_load_explicit(&lm->sets[node], memory_order_acquire);
	if (rs)
		return rs;
	*rc = sw__fsa_each(lm->fsa, node, MAX_READINGS, collect_reading, &c);
	if (c.nomem)
		*rc = SW_ENOMEM;
	size = sizeof *rs + c.n * sizeof *c.r + c.text.len;
	if (*rc == SW_OK && !(rs = sw__malloc(size)))
		*rc = SW_ENOMEM;
	if (*rc == SW_OK) {
		rs->n = (uint32_t)c.n;
		rs->bad = (uint32_t)c.bad;
		if (c.n)
			memcpy(rs->r, c.r, c.n * sizeof *c.r);
		if (c.text.len)
			memcpy((char *)(rs->r + c.n), c.text.ptr, c.text.len);
		if (!atomic_compare_exchange_strong_explicit(&lm->sets[node], &seen, rs,
							     memory_order_acq_rel,
							     memory_order_acquire)) {
			sw__free(rs);
			rs = seen;
		}
	}
	sw__free(c.r);
	sw_buf_free(&c.text);
	return *rc == SW_OK ? rs : NULL;
}

/* Keep the best reading of b->form in rs that b->want accepts. */
static void choose(best *b, const reading_set *rs)
{
	const char *text = set_text(rs);
	uint32_t i;

	if (rs->bad)
		b->bad = 1;
	for (i = 0; i < rs->n; i++) {
		const reading *r = &rs->r[i];
		char lemma[LOOK_MAX + 64];
		size_t llen;
		int score, lcp;

		if (r->cut > b->flen || b->flen - r->cut + r->alen > sizeof lemma) {
			b->bad = 1;
			continue;
		}
		/* the cheap refusals first */
		if ((b->want == WANT_NOUN && !(r->flags & RD_SUB)) ||
		    (b->want == WANT_BASE && !(r->flags & RD_ONE)) ||
		    (b->want == WANT_INF && !(r->flags & RD_INF)))
			continue;
		score = r->score;
		if ((r->flags & RD_PTE) && b->flen >= 2 && b->form[b->flen - 2] == 't' &&
		    b->form[b->flen - 1] == 'e')
			score = 49;
		if (r->flags & RD_FUNC)
			b->func = 1;
		if (r->flags & RD_NOUN)
			b->noun = 1;
		if (b->score && score < b->score)
			continue; /* cannot win */
		if (b->want == WANT_BASE && (r->flags & RD_NOBASE))
			continue;
		if (r->flags & RD_PER) {
			memcpy(lemma, b->form, b->flen);
			llen = b->flen;
		} else {
			llen = b->flen - r->cut;
			memcpy(lemma, b->form, llen);
			memcpy(lemma + llen, text + r->text, r->alen);
			llen += r->alen;
		}
		if (b->want == WANT_BASE && (llen != b->flen || memcmp(lemma, b->form, llen) != 0))
			continue;
		lcp = sw__lemma_common_prefix(lemma, llen, b->form, b->flen);
		if (b->score) {
			size_t dl = llen > b->flen ? llen - b->flen : b->flen - llen;
			size_t bdl = b->llen > b->flen ? b->llen - b->flen : b->flen - b->llen;
			int c;
			if (score != b->score) {
				if (score < b->score)
					continue;
			} else if (lcp != b->lcp) {
				if (lcp < b->lcp)
					continue;
			} else if ((size_t)lcp == llen || (size_t)lcp == b->llen) {
				/* one lemma begins the other: the shorter
				 * ("Deutschen": Deutsche, as for "Deutsche",
				 * not Deutscher) */
				if (llen >= b->llen)
					continue;
			} else if (dl != bdl) {
				if (dl > bdl)
					continue;
			} else {
				c = memcmp(lemma, b->lemma, llen < b->llen ? llen : b->llen);
				if (c > 0 || (c == 0 && llen >= b->llen))
					continue;
			}
		}
		b->score = score;
		b->lcp = lcp;
		b->pos = (sw_pos)r->pos;
		b->participle = (r->flags & RD_PART) != 0;
		memcpy(b->lemma, lemma, llen);
		b->llen = llen;
	}
}


/* Look s[0..n) up: 1 with *b holding the best reading that want accepts,
 * 0 when there is none, SW_EFORMAT for a damaged lexicon, SW_ENOMEM.
 * node is the node after "s_" when the caller has walked there already,
 * else ASK_NODE. */
int sw__lemma_lookup_at(best *b, const sw_lemmatizer *lm, const char *s, size_t n,
			enum want want, uint32_t node)
{
	const reading_set *rs;
	int rc = SW_OK;

	memset(b, 0, offsetof(best, lemma));
	b->form = s;
	b->flen = n;
	b->want = want;
	if (n == 0 || n > LOOK_MAX || memchr(s, '_', n))
		return 0;
	if (override(b))
		return 1;
	if (node == ASK_NODE) {
		rc = sw__fsa_walk(lm->fsa, lm->root, s, n, &node);
		if (rc == SW_OK)
			rc = sw__fsa_walk(lm->fsa, node, "_", 1, &node);
		if (rc == 1)
			return 0;
		if (rc)
			return rc;
	}
	if (!(rs = readings_at(lm, node, &rc)))
		return rc;
	choose(b, rs);
	if (b->bad)
		return SW_EFORMAT;
	ordinal(b);
	return b->score != 0;
}

int sw__lemma_lookup(best *b, const sw_lemmatizer *lm, const char *s, size_t n, enum want want)
{
	return sw__lemma_lookup_at(b, lm, s, n, want, ASK_NODE);
}

/* ---- case ---- */

/* The first character's length and code point (s valid UTF-8, n > 0). */
static int first_char(const char *s, size_t n, int32_t *cp)
{
	int k = sw__utf8_decode((const unsigned char *)s, n, cp);

	return k > 0 ? k : 1;
}

/* s with its first character mapped by fn into out (size LOOK_MAX + 8);
 * returns the length, 0 when it does not fit. */
size_t sw__lemma_map_first(char *out, const char *s, size_t n,
			   utf8proc_int32_t (*fn)(utf8proc_int32_t))
{
	int32_t cp;
	int k = first_char(s, n, &cp), m;
	char enc[4];

	if (n > LOOK_MAX)
		return 0;
	m = sw__utf8_encode((int32_t)fn(cp), enc);
	memcpy(out, enc, (size_t)m);
	memcpy(out + m, s + k, n - (size_t)k);
	return n - (size_t)k + (size_t)m;
}

/* s with every character mapped by fn; 0 when it does not fit. */
static size_t map_all(char *out, const char *s, size_t n, utf8proc_int32_t (*fn)(utf8proc_int32_t))
{
	size_t i = 0, o = 0;

	while (i < n) {
		int32_t cp;
		int k = first_char(s + i, n - i, &cp), m;
		char enc[4];
		m = sw__utf8_encode((int32_t)fn(cp), enc);
		if (o + (size_t)m > LOOK_MAX)
			return 0;
		memcpy(out + o, enc, (size_t)m);
		o += (size_t)m;
		i += (size_t)k;
	}
	return o;
}

int sw__lemma_starts_upper(const char *s, size_t n)
{
	int32_t cp;

	if (!n)
		return 0;
	first_char(s, n, &cp);
	return sw__is_upper(cp);
}

/* Whether every letter after the first is upper case ("EU", "KI"). */
static int all_upper(const char *s, size_t n)
{
	size_t i = 0;
	int letters = 0;

	while (i < n) {
		int32_t cp;
		int k = first_char(s + i, n - i, &cp);
		if (sw__is_lower(cp))
			return 0;
		letters += sw__is_letter(cp);
		i += (size_t)k;
	}
	return letters > 1;
}

/* The word as a whole, in the lexicon: as written; a capitalised word
 * not found as a noun or name also in lower case (at a sentence start,
 * a function word's lower-case reading wins even over a noun); an
 * all-capitals word also capitalised ("DIGITALISIERUNG").  1 found, 0
 * not, or SW_EFORMAT. */
static int lookup_word(best *b, const sw_lemmatizer *lm, const char *s, size_t n, unsigned flags)
{
	char low[LOOK_MAX + 8], cap[LOOK_MAX + 8];
	size_t ln, cn;
	best lb;
	int rc = sw__lemma_lookup(b, lm, s, n, WANT_ANY), rl;

	if (rc < 0)
		return rc;
	if (!sw__lemma_starts_upper(s, n)) {
		/* after "zu" an infinitive wins ("zu gleichen": gleichen, not
		 * the adjective gleich) */
		if ((flags & SW_LEMMA_AFTER_ZU) && rc == 1 && b->pos != SW_POS_VERB) {
			best ib;
			int ri = sw__lemma_lookup(&ib, lm, s, n, WANT_INF);
			if (ri < 0)
				return ri;
			if (ri == 1)
				*b = ib;
		}
		return rc;
	}
	/* after an article or a preposition a capitalised word is a noun,
	 * also one the lexicon knows only as an adjective made noun ("das
	 * Digitale") */
	if (rc == 1 && (flags & SW_LEMMA_AFTER_DET) &&
	    (b->pos == SW_POS_NOUN || b->pos == SW_POS_PROPN))
		return 1;
	/* a noun stays one, unless the lexicon knows it only as an adjective
	 * made noun ("Digitale", "Neue": at a sentence start, and in names,
	 * the adjective; "Liebe" and "Deutsche" are nouns of their own) */
	if (rc == 1 && (b->pos == SW_POS_NOUN || b->pos == SW_POS_PROPN) &&
	    !(flags & SW_LEMMA_SENT_START) && (b->noun || b->pos == SW_POS_PROPN))
		return 1;
	if (rc == 0 && all_upper(s, n)) {
		/* "DIGITALISIERUNG" -> "Digitalisierung" */
		ln = map_all(low, s, n, utf8proc_tolower);
		if (ln && (cn = sw__lemma_map_first(cap, low, ln, utf8proc_toupper)) &&
		    (rc = sw__lemma_lookup(b, lm, cap, cn, WANT_ANY)) != 0) {
			if (rc < 0)
				return rc;
			b->form = s;
			b->flen = n;
			return 1;
		}
		if (ln && (rc = sw__lemma_lookup(b, lm, low, ln, WANT_ANY)) != 0) {
			b->form = s;
			b->flen = n;
			return rc;
		}
		return 0;
	}
	ln = sw__lemma_map_first(low, s, n, utf8proc_tolower);
	if (!ln || (ln == n && memcmp(low, s, n) == 0))
		return rc;
	rl = sw__lemma_lookup(&lb, lm, low, ln, WANT_ANY);
	if (rl < 0)
		return rl;
	if (rl != 1)
		return rc;
	/* a noun stays one unless a function word (at a sentence start), or
	 * an adjective made noun whose adjective is no participle
	 * ("Digitale": digital; "Beschäftigten" stays a noun, as
	 * "Beschäftigte" is one) */
	if (rc == 1 && (b->pos == SW_POS_NOUN || b->pos == SW_POS_PROPN) && !lb.func &&
	    (b->noun || b->pos == SW_POS_PROPN || lb.pos != SW_POS_ADJ || lb.participle))
		return 1;
	if (rc == 0 && lb.pos == SW_POS_VERB && (flags & SW_LEMMA_INSIDE))
		return 0; /* a capitalised unknown word inside a sentence is a name */
	if (rc == 0 && lb.pos == SW_POS_ADJ && n > 4 && strchr("rnms", s[n - 1])) {
		/* an adjective made noun that the lexicon lists only in its -e
		 * form: "Abgeordneter" counts with "Abgeordnete" (which is a
		 * noun of its own there; "Neues" stays the adjective) */
		best nb;
		int rn = sw__lemma_lookup(&nb, lm, s, n - 1, WANT_NOUN);
		if (rn < 0)
			return rn;
		if (rn == 1 && nb.noun) { /* a noun of its own, not "Neue" */
			*b = nb;
			b->form = s;
			b->flen = n;
			return 1;
		}
	}
	*b = lb;
	b->form = s;
	b->flen = n;
	return 1;
}

/* ---- suffix rules for words the lexicon lacks ---- */

typedef struct suffix_rule {
	const char *from, *to;
} suffix_rule;

/* Longest first within each family; documented in docs/lemmas.md. */
static const suffix_rule noun_rules[] = {
	{ "schaften", "schaft" }, { "heiten", "heit" }, { "keiten", "keit" },
	{ "ungen", "ung" },       { "ionen", "ion" },   { "täten", "tät" },
	{ "ismen", "ismus" },     { "nisse", "nis" },   { "innen", "in" },
};
static const suffix_rule adj_rules[] = {
	{ "ischen", "isch" }, { "ischer", "isch" }, { "isches", "isch" }, { "ischem", "isch" },
	{ "ische", "isch" },  { "lichen", "lich" }, { "licher", "lich" }, { "liches", "lich" },
	{ "lichem", "lich" }, { "liche", "lich" },  { "igen", "ig" },     { "iger", "ig" },
	{ "iges", "ig" },     { "igem", "ig" },     { "ige", "ig" },
};

static int apply_rules(sw_buf *out, const char *w, size_t n, const suffix_rule *r, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		size_t fl = strlen(r[i].from);
		if (n > fl + 2 && memcmp(w + n - fl, r[i].from, fl) == 0)
			return sw_buf_put(out, w, n - fl) || sw_buf_puts(out, r[i].to) ? SW_ENOMEM : 1;
	}
	return 0;
}

/* ---- a plain word ---- */

static int put_part(sw_lemma *out, const char *s, size_t n)
{
	if (sw_buf_put(&out->parts, s, n) || sw_buf_putc(&out->parts, '\0'))
		return SW_ENOMEM;
	out->nparts++;
	return SW_OK;
}

/* The lemma of a word without hyphens or gender marks into out (lemma
 * appended, parts and pos set).  SW_OK, SW_ENOMEM or SW_EFORMAT. */
static int plain(sw_lemma *out, const sw_lemmatizer *lm, const char *w, size_t n, unsigned flags)
{
	char low[LOOK_MAX + 8];
	best b;
	split sp;
	size_t i;
	int rc = n <= LOOK_MAX ? lookup_word(&b, lm, w, n, flags) : 0;

	if (rc == 0 && n <= LOOK_MAX && memmem(w, n, "ss", 2)) {
		/* Swiss spelling: "grosse" is große */
		char sz[LOOK_MAX + 8];
		size_t k, o = 0;
		for (k = 0; k < n; k++) {
			if (k + 1 < n && w[k] == 's' && w[k + 1] == 's') {
				sz[o++] = (char)0xC3;
				sz[o++] = (char)0x9F;
				k++;
			} else {
				sz[o++] = w[k];
			}
		}
		rc = lookup_word(&b, lm, sz, o, flags);
	}
	if (rc < 0)
		return rc;
	if (rc == 1) {
		out->pos = b.pos;
		out->flags |= SW_LEMMA_F_KNOWN;
		if (sw_buf_put(&out->lemma, b.lemma, b.llen))
			return SW_ENOMEM;
		/* a known noun may be a compound too ("Bundesregierung"): split
		 * it when both parts are known, for its head */
		if (b.pos != SW_POS_NOUN || b.llen > LOOK_MAX)
			return SW_OK;
		memcpy(low, b.lemma, b.llen); /* b is reused */
		rc = sw__lemma_split_word(&sp, lm, low, b.llen, 1, 1);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			for (i = 0; i < sp.n; i++)
				if (put_part(out, sp.part[i], sp.plen[i]))
					return SW_ENOMEM;
			out->flags |= SW_LEMMA_F_COMPOUND;
		}
		return SW_OK;
	}
	rc = sw__lemma_split_word(&sp, lm, w, n, sw__lemma_starts_upper(w, n), 0);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		/* the modifiers as written, the head as its lemma, glued on in
		 * lower case ("Daten" + "Souveränität": Datensouveränität) */
		const char *h = sp.part[sp.n - 1];
		size_t hl = sp.plen[sp.n - 1], ll;
		if (sp.guessed) { /* an unknown head: the noun rules */
			sw_buf g = SW_BUF_INIT;
			rc = apply_rules(&g, h, hl, noun_rules, sizeof noun_rules / sizeof *noun_rules);
			if (rc == 1 && g.len <= LOOK_MAX) {
				memcpy(sp.part[1], g.ptr, g.len);
				sp.plen[1] = hl = g.len;
			}
			sw_buf_free(&g);
			if (rc < 0)
				return rc;
		}
		ll = sw__lemma_map_first(low, h, hl, utf8proc_tolower);
		if (!ll)
			return SW_EFORMAT;
		if (sw_buf_put(&out->lemma, w, sp.head_at) || sw_buf_put(&out->lemma, low, ll))
			return SW_ENOMEM;
		for (i = 0; i < sp.n; i++)
			if (put_part(out, sp.part[i], sp.plen[i]))
				return SW_ENOMEM;
		out->pos = sp.head_pos;
		out->flags |= SW_LEMMA_F_COMPOUND;
		return SW_OK;
	}
	rc = sw__lemma_starts_upper(w, n) ? apply_rules(&out->lemma, w, n, noun_rules,
					      sizeof noun_rules / sizeof *noun_rules)
				: apply_rules(&out->lemma, w, n, adj_rules,
					      sizeof adj_rules / sizeof *adj_rules);
	if (rc < 0)
		return rc;
	out->pos = SW_POS_X;
	if (rc == 1) {
		out->flags |= SW_LEMMA_F_GUESSED;
		return SW_OK;
	}
	return sw_buf_put(&out->lemma, w, n) ? SW_ENOMEM : SW_OK;
}

/* ---- gender forms ---- */

int sw__find_gender(const char *s, size_t len, size_t *mark, size_t *suffix)
{
	size_t i;

	for (i = 1; i < len; i++) {
		char c = s[i];
		if (c == '*' || c == ':' || c == '_') {
			*mark = i;
			*suffix = i + 1;
			return 1;
		}
		if (c == '/') {
			*mark = i;
			*suffix = i + 1 < len && s[i + 1] == '-' ? i + 2 : i + 1;
			return 1;
		}
		if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xB7) {
			*mark = i;
			*suffix = i + 2;
			return 1;
		}
		/* Binnen-I: lower-case letter, then "In" or "Innen" */
		if (c == 'I' && i + 1 < len && s[i + 1] == 'n' && s[i - 1] >= 'a' &&
		    s[i - 1] <= 'z' &&
		    (i + 2 == len || (i + 5 <= len && memcmp(s + i, "Innen", 5) == 0 &&
				      (i + 5 == len || s[i + 5] == '-')) ||
		     s[i + 2] == '-')) {
			*mark = i;
			*suffix = i;
			return 1;
		}
	}
	return 0;
}

/* A gender form: "-in"/"-innen" after the mark (or Binnen-I) is the
 * base's lemma with "*in" ("Bürger*innen" -> "Bürger*in"); other forms
 * ("Rom*nja") stay as written with the mark made "*". */
static int gendered(sw_lemma *out, const sw_lemmatizer *lm, const char *w, size_t n, size_t mark,
		    size_t suffix, unsigned flags)
{
	const char *suf = w + suffix;
	size_t gl = n - suffix;
	int rc;

	if ((gl == 2 || gl == 5) && (suf[0] == 'i' || suf[0] == 'I') &&
	    memcmp(suf + 1, "nnen", gl - 1) == 0) {
		sw_lemma base = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
		if ((rc = plain(&base, lm, w, mark, flags)) == SW_OK) {
			/* the base is a masculine or plural noun: keep it as
			 * written unless the lexicon knows it ("Bürger") */
			const char *bl = base.flags & SW_LEMMA_F_KNOWN ? base.lemma.ptr : w;
			size_t bn = base.flags & SW_LEMMA_F_KNOWN ? base.lemma.len : mark;
			if (sw_buf_put(&out->lemma, bl, bn) || sw_buf_put(&out->lemma, "*in", 3))
				rc = SW_ENOMEM;
			out->pos = base.pos == SW_POS_X ? SW_POS_NOUN : base.pos;
			out->flags |= base.flags & SW_LEMMA_F_KNOWN;
		}
		sw_lemma_free(&base);
		return rc;
	}
	/* the part of speech of the base ("jede*n": a pronoun) */
	{
		sw_lemma base = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
		rc = plain(&base, lm, w, mark, flags);
		out->pos = base.flags & SW_LEMMA_F_KNOWN ? base.pos : SW_POS_NOUN;
		sw_lemma_free(&base);
		if (rc)
			return rc;
	}
	if (sw_buf_put(&out->lemma, w, mark) || sw_buf_putc(&out->lemma, '*') ||
	    sw_buf_put(&out->lemma, suf, gl))
		return SW_ENOMEM;
	return SW_OK;
}

/* ---- a hyphenated word ---- */

/* "Open-Source-Strategien" -> "Open-Source-Strategie": the parts before
 * the last as written, the last as its lemma; the parts are the
 * compound's parts.  Only the last part is looked up, so a word of
 * 10,000 parts costs one pass. */
static int hyphenated(sw_lemma *out, const sw_lemmatizer *lm, const char *w, size_t n,
		      unsigned flags)
{
	const char *last = w, *p;
	sw_lemma head = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	size_t mark, suffix, nparts = 1;
	int rc;

	for (p = w; (p = memchr(p, '-', (size_t)(w + n - p))) != NULL; p++) {
		last = p + 1;
		nparts++;
	}
	if (last == w + n || last == w + 1) /* "Cloud-", "-" */
		return plain(out, lm, w, n, flags);
	rc = sw__find_gender(last, (size_t)(w + n - last), &mark, &suffix) &&
			     (flags & SW_TOKEN_F_GENDERED)
		     ? gendered(&head, lm, last, (size_t)(w + n - last), mark, suffix, 0)
		     : plain(&head, lm, last, (size_t)(w + n - last), 0);
	if (rc == SW_OK) {
		out->pos = head.pos;
		out->flags |= head.flags & (SW_LEMMA_F_KNOWN | SW_LEMMA_F_GUESSED);
		if (sw_buf_put(&out->lemma, w, (size_t)(last - w)) ||
		    sw_buf_put(&out->lemma, head.lemma.ptr ? head.lemma.ptr : "", head.lemma.len))
			rc = SW_ENOMEM;
	}
	if (rc == SW_OK && nparts <= 64) { /* the parts of a sensible word */
		const char *q = w;
		for (p = w; rc == SW_OK && (p = memchr(p, '-', (size_t)(w + n - p))) != NULL; p++) {
			if (p > q)
				rc = put_part(out, q, (size_t)(p - q));
			q = p + 1;
		}
		if (rc == SW_OK)
			rc = put_part(out, head.lemma.ptr ? head.lemma.ptr : "", head.lemma.len);
		if (rc == SW_OK && out->nparts < 2) {
			out->nparts = 0;
			sw_buf_clear(&out->parts);
		}
	}
	if (rc == SW_OK && out->nparts)
		out->flags |= SW_LEMMA_F_COMPOUND;
	sw_lemma_free(&head);
	return rc;
}

/* Whether s holds a letter (any non-ASCII byte counts: it is checked
 * UTF-8, and German letters beyond ASCII are all non-ASCII). */
static int has_letter(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

int sw_lemmatize(sw_lemma *out, const sw_lemmatizer *lm, const char *word, size_t len,
		 unsigned flags, sw_error *err)
{
	size_t mark, suffix, bad;
	int rc;

	if (!out || !lm || (!word && len))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "lemmatize: NULL argument");
	sw_buf_clear(&out->lemma);
	sw_buf_clear(&out->parts);
	out->nparts = 0;
	out->pos = SW_POS_X;
	out->flags = 0;
	if (!len)
		return SW_OK;
	if ((bad = sw__utf8_invalid_at(word, len)) != len) {
		if (sw_buf_put(&out->lemma, word, len))
			return sw__error_oom(err);
		return sw__error_set(err, SW_EINVAL, NULL, 0, (long long)bad,
				     "invalid UTF-8 in a word");
	}
	if (flags & SW_TOKEN_F_SUSPENDED)
		while (len > 1 && word[len - 1] == '-')
			len--;
	if (!has_letter(word, len) || memchr(word, '\0', len)) {
		/* no word to look up ("-"), or one the parts could not hold */
		return sw_buf_put(&out->lemma, word, len) ? sw__error_oom(err) : SW_OK;
	}
	/* a gender mark with no hyphen before it ("Bürger/-innen") makes a
	 * gender form; a hyphen before it, a compound ("IT-Expert*innen") */
	if ((flags & SW_TOKEN_F_GENDERED) && sw__find_gender(word, len, &mark, &suffix) &&
	    !memchr(word, '-', mark))
		rc = gendered(out, lm, word, len, mark, suffix, flags);
	else if ((flags & SW_TOKEN_F_HYPHENATED) || memchr(word, '-', len))
		rc = hyphenated(out, lm, word, len, flags);
	else
		rc = plain(out, lm, word, len, flags);
	if (rc == SW_ENOMEM)
		return sw__error_oom(err);
	if (rc)
		return sw__error_set(err, rc, lm->source, 0, -1, "damaged lexicon");
	return SW_OK;
}
