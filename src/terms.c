/*
 * terms.c - stage 4 of the data flow: token text -> norm, stem key and
 * stopword flag, cached per distinct form (see stichwort/terms.h).
 *
 * The hot path is one hash lookup per token in the form cache of the
 * token's type; only a form seen for the first time is folded, stemmed
 * and interned.  On a corpus the cache hit rate is far above 90 %, which
 * is why the stemmers' own speed hardly matters.
 */
#include <stdint.h>
#include <string.h>

#include "stichwort/terms.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

/* A direct-mapped cache in front of the form vocabularies: the frequent
 * forms ("die", "der", "und") stay in a few cache lines instead of three
 * dependent loads into large tables. */
#define FRONT_SIZE 65536

typedef struct front_entry {
	uint64_t hash;      /* of type and form; 0 = empty */
	const char *form;   /* the interned form (owned by forms[type]) */
	uint32_t len;
	uint32_t credit;    /* hits not yet spent: a frequent form is not
			       evicted by the first rare one that collides */
	sw_term_info info;
} front_entry;

struct sw_lexicon {
	front_entry *front;
	sw_lexicon_options opts;
	sw_stemmer *stemmer;
	sw_vocab *forms[SW_TOKEN_NTYPES];  /* form cache keys, per type */
	sw_term_info *info[SW_TOKEN_NTYPES];
	size_t cap[SW_TOKEN_NTYPES];
	sw_vocab *norms, *stems, *surfaces;
	sw_buf tmp, norm, stem;
	size_t nforms;
};

int sw_lexicon_new(sw_lexicon **out, const sw_lexicon_options *opts, sw_error *err)
{
	sw_lexicon *lx = sw__calloc(1, sizeof *lx);
	int rc, i;

	if (!lx)
		return sw__error_oom(err);
	if (opts)
		lx->opts = *opts;
	lx->front = sw__calloc(FRONT_SIZE, sizeof *lx->front);
	if (!lx->front) {
		rc = sw__error_oom(err);
		goto fail;
	}
	if ((rc = sw_stemmer_new(&lx->stemmer, lx->opts.stemmer, err)))
		goto fail;
	if ((rc = sw_vocab_new(&lx->norms, err)) || (rc = sw_vocab_new(&lx->stems, err)) ||
	    (rc = sw_vocab_new(&lx->surfaces, err)))
		goto fail;
	for (i = 0; i < SW_TOKEN_NTYPES; i++)
		if ((rc = sw_vocab_new(&lx->forms[i], err)))
			goto fail;
	*out = lx;
	return SW_OK;
fail:
	sw_lexicon_free(lx);
	return rc;
}

void sw_lexicon_free(sw_lexicon *lx)
{
	int i;

	if (!lx)
		return;
	sw__free(lx->front);
	sw_stemmer_free(lx->stemmer);
	sw_vocab_free(lx->norms);
	sw_vocab_free(lx->stems);
	sw_vocab_free(lx->surfaces);
	for (i = 0; i < SW_TOKEN_NTYPES; i++) {
		sw_vocab_free(lx->forms[i]);
		sw__free(lx->info[i]);
	}
	sw_buf_free(&lx->tmp);
	sw_buf_free(&lx->norm);
	sw_buf_free(&lx->stem);
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

size_t sw_lexicon_forms(const sw_lexicon *lx)
{
	return lx->nforms;
}

/* Where the gender mark of a gendered word is: [*mark, *suffix) is the
 * mark ("*", ":", "_", "/-", "/", "·" or empty for Binnen-I) and the
 * suffix runs from *suffix over lower-case ASCII letters.  0 if none. */
static int find_gender(const char *s, size_t len, size_t *mark, size_t *suffix)
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
	    find_gender(s, len, &mark, &suffix)) {
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

/* The stem key of a word form into lx->stem; lx->norm holds its norm. */
static int make_stem(sw_lexicon *lx, const char *s, size_t len, sw_token_type type,
		     unsigned flags, sw_error *err)
{
	sw_buf *b = &lx->stem;
	size_t mark, suffix;

	sw_buf_clear(b);
	if (type != SW_TOKEN_WORD)
		return sw_buf_put(b, lx->norm.ptr, lx->norm.len);
	if (flags & SW_TOKEN_F_SUSPENDED) {
		while (len && s[len - 1] == '-')
			len--;
	}
	if (flags & SW_TOKEN_F_HYPHENATED)
		return stem_compound(lx, s, len, err);
	if ((flags & SW_TOKEN_F_GENDERED) && find_gender(s, len, &mark, &suffix)) {
		/* "-in"/"-innen" (after a mark, or Binnen-I "In"/"Innen") share
		 * the key stem(base) + "*in"; other gender forms keep their norm */
		const char *suf = s + suffix;
		size_t sl = len - suffix;
		if ((sl == 2 || sl == 5) && (suf[0] == 'i' || suf[0] == 'I') &&
		    memcmp(suf + 1, "nnen", sl - 1) == 0) {
			int rc = stem_into(lx, s, mark, err);
			if (rc)
				return rc;
			return sw_buf_put(b, "*in", 3);
		}
		return sw_buf_put(b, lx->norm.ptr, lx->norm.len);
	}
	return stem_into(lx, s, len, err);
}

int sw_lexicon_term(sw_term_info *out, sw_lexicon *lx, const char *form, size_t len,
		    sw_token_type type, unsigned flags, sw_error *err)
{
	sw_vocab *fv;
	sw_term_id fid;
	sw_term_info ti;
	front_entry *fe;
	uint64_t h;
	int rc;

	if ((unsigned)type >= SW_TOKEN_NTYPES)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "bad token type %d", (int)type);
	h = sw__hash(form, len, (uint64_t)type + 1) | 1;
	fe = &lx->front[h & (FRONT_SIZE - 1)];
	if (fe->hash == h && fe->len == len && memcmp(fe->form, form, len) == 0) {
		*out = fe->info;
		if (fe->credit < 8)
			fe->credit++;
		return SW_OK;
	}
	fv = lx->forms[type];
	fid = sw_vocab_find(fv, form, len);
	if (fid != SW_TERM_NONE) {
		*out = lx->info[type][fid];
		goto remember;
	}
	if ((rc = make_norm(lx, form, len, type, flags)) ||
	    (rc = make_stem(lx, form, len, type, flags, err)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	if ((rc = sw_vocab_intern(&ti.norm, lx->norms, lx->norm.ptr ? lx->norm.ptr : "", lx->norm.len)) ||
	    (rc = sw_vocab_intern(&ti.stem, lx->stems, lx->stem.ptr ? lx->stem.ptr : "", lx->stem.len)) ||
	    (rc = sw_vocab_intern(&ti.form, lx->surfaces, form, len)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	ti.stop = (type == SW_TOKEN_WORD || type == SW_TOKEN_ABBREV) && lx->opts.stopwords &&
		  sw_stoplist_contains(lx->opts.stopwords, lx->norm.ptr, lx->norm.len);
	if (sw__grow((void **)&lx->info[type], &lx->cap[type], sw_vocab_size(fv) + 1,
		     sizeof(sw_term_info)))
		return sw__error_oom(err);
	if ((rc = sw_vocab_intern(&fid, fv, form, len)))
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	lx->info[type][fid] = ti;
	lx->nforms++;
	*out = ti;
remember:
	if (fe->credit) {
		fe->credit--;
	} else if (len <= UINT32_MAX) {
		size_t flen;
		fe->form = sw_vocab_bytes(fv, fid, &flen);
		fe->len = (uint32_t)len;
		fe->hash = h;
		fe->info = *out;
	}
	return SW_OK;
}
