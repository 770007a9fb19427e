/*
 * matcher.c - the pattern matcher of the theme dictionaries: patterns
 * compiled against a lexicon and run over the tokens of a document (see
 * stichwort/themes.h for the rules; docs/themes.md for examples).
 *
 * Shape of the matcher.  Every pattern compiles to a short sequence of
 * steps; a step is an "atom": a set of stem keys (a plain word), a norm
 * (=exact), a stem key given literally (stem:) or a glob on the norm.
 * Atoms are shared between patterns.  A token is looked at as a whole
 * and, if it is a hyphenated compound, as its parts; for each distinct
 * form the matcher computes once which atoms the whole token and each
 * part satisfy (the "record" of the form) and caches it by form id.
 * Matching a document is then one pass over its tokens: at a token,
 * only the patterns whose first atom the token satisfies are tried, and
 * trying one walks at most as many tokens as it has words.
 */
#include <string.h>

#include <utf8proc.h>

#include "stichwort/themes.h"
#include "stichwort/analyze.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/lexicon.h"
#include "internal/utf8.h"
#include "themedict.h"

enum atom_kind { A_STEMS, A_NORM, A_GLOB };

typedef struct atom {
	uint8_t kind;
	char *k1, *k2;      /* keys: stems (A_STEMS: one or two), norm, or glob */
	size_t l1, l2;
} atom;

/* A record of a form in the pool: [nparts][nW][W atoms...] then, when
 * nparts > 0, for each part [n][atoms...].  nparts is 0 for a token that
 * is not a compound (its only unit is the whole token).  Offset 0 holds
 * the empty record shared by every form that satisfies no atom. */
#define NO_RECORD UINT32_MAX

struct sw_matcher {
	const sw_themes *t;
	sw_lexicon *lx;
	int compounds;     /* a word also matches the compounds it heads */
	atom *atoms;
	size_t natoms, capatoms;
	/* steps: pattern p's atoms are steps[sfirst[p]..sfirst[p+1]) */
	uint32_t *steps;
	size_t nsteps, capsteps;
	size_t *sfirst;
	uint32_t *ptheme;  /* theme of each pattern */
	/* first atom -> patterns starting with it (CSR) */
	size_t *ifirst;
	uint32_t *ilist;
	/* exact keys: bytes -> key id -> atoms (CSR) */
	sw_vocab *stemtab, *normtab;
	size_t *stfirst, *nofirst;
	uint32_t *stlist, *nolist;
	uint32_t *globs;
	size_t nglobs;
	/* the form cache */
	uint32_t *fc_off;
	uint8_t *fc_type;
	size_t fc_cap;
	uint32_t *pool;
	size_t npool, cappool;
	/* scratch */
	uint32_t *scratch;
	size_t capscratch;
	uint32_t *tok_rec; /* record of each token of the current run */
	size_t cap_tok;
	uint32_t *pstamp;  /* per pattern: run stamp when tried */
	uint32_t *tstamp;  /* per theme: stamp of its best candidate */
	uint32_t *tbest;   /* per theme: best pattern (global index) */
	uint32_t *tcov;    /* per theme: parts covered by the best */
	size_t *tend;      /* per theme: last token of the best */
	size_t *busy;      /* per theme: first token a new match may start at */
	uint32_t *touched;
	uint32_t stamp;
	/* try_from() states seen in the current try: (step, parts covered)
	 * -> try stamp, so that no state is explored twice */
	uint32_t *memo;
	size_t memo_w, memo_n;
	uint32_t memo_stamp;
	sw_match *matches;
	size_t nmatches, capmatches;
	sw_buf b1, b2;
};

void sw_matcher_free(sw_matcher *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->natoms; i++) {
		sw__free(m->atoms[i].k1);
		sw__free(m->atoms[i].k2);
	}
	sw__free(m->atoms);
	sw__free(m->steps);
	sw__free(m->sfirst);
	sw__free(m->ptheme);
	sw__free(m->ifirst);
	sw__free(m->ilist);
	sw_vocab_free(m->stemtab);
	sw_vocab_free(m->normtab);
	sw__free(m->stfirst);
	sw__free(m->nofirst);
	sw__free(m->stlist);
	sw__free(m->nolist);
	sw__free(m->globs);
	sw__free(m->fc_off);
	sw__free(m->fc_type);
	sw__free(m->pool);
	sw__free(m->scratch);
	sw__free(m->tok_rec);
	sw__free(m->pstamp);
	sw__free(m->tstamp);
	sw__free(m->tbest);
	sw__free(m->tcov);
	sw__free(m->tend);
	sw__free(m->busy);
	sw__free(m->touched);
	sw__free(m->memo);
	sw__free(m->matches);
	sw_buf_free(&m->b1);
	sw_buf_free(&m->b2);
	sw__free(m);
}

/* The id of an atom (kind, keys), adding it if new. */
static int atom_intern(uint32_t *out, sw_matcher *m, int kind, const char *k1, size_t l1,
		       const char *k2, size_t l2)
{
	size_t i;
	atom *a;

	if (k2 && l2 == l1 && memcmp(k1, k2, l1) == 0)
		k2 = NULL; /* the two stems agree */
	if (!k2)
		l2 = 0;
	for (i = 0; i < m->natoms; i++) {
		a = &m->atoms[i];
		if (a->kind == kind && a->l1 == l1 && memcmp(a->k1, k1, l1) == 0 &&
		    (a->k2 != NULL) == (k2 != NULL) && (!k2 || (a->l2 == l2 && memcmp(a->k2, k2, l2) == 0))) {
			*out = (uint32_t)i;
			return SW_OK;
		}
	}
	if (sw__grow((void **)&m->atoms, &m->capatoms, m->natoms + 1, sizeof *m->atoms))
		return SW_ENOMEM;
	a = &m->atoms[m->natoms];
	memset(a, 0, sizeof *a);
	if (!(a->k1 = sw__strndup(k1, l1)))
		return SW_ENOMEM;
	if (k2 && !(a->k2 = sw__strndup(k2, l2))) {
		sw__free(a->k1);
		return SW_ENOMEM;
	}
	a->kind = (uint8_t)kind;
	a->l1 = l1;
	a->l2 = l2;
	*out = (uint32_t)m->natoms++;
	return SW_OK;
}

static int push_step(sw_matcher *m, uint32_t a)
{
	if (sw__grow((void **)&m->steps, &m->capsteps, m->nsteps + 1, sizeof *m->steps))
		return SW_ENOMEM;
	m->steps[m->nsteps++] = a;
	return SW_OK;
}

/* The parts of a compound: the norm split at its hyphens, when it has
 * inner hyphens only (no empty part).  Returns the number of parts (0
 * when it is not a compound); starts/lens get at most MAX_PARTS. */
static size_t split_parts(const char *s, size_t len, size_t *starts, size_t *lens)
{
	size_t n = 0, i = 0;

	if (!len || !memchr(s, '-', len))
		return 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && s[j] != '-')
			j++;
		if (j == i || n == MAX_PARTS)
			return 0; /* empty part, or too many: treat as one token */
		starts[n] = i;
		lens[n] = j - i;
		n++;
		i = j + 1;
	}
	return n;
}

/* Append the stem of a word written w[0..wl), with its first letter made
 * upper case, to out (the CISTEM stemmer keeps a noun's final "t", so a
 * pattern written in lower case is also stemmed as a noun).  Returns 1 if
 * out was filled, 0 if the first letter has no upper case. */
static int capitalized(sw_buf *out, const char *w, size_t wl)
{
	int32_t cp, up;
	int k;
	char enc[4];

	sw_buf_clear(out);
	if (!wl)
		return 0;
	k = sw__utf8_decode((const unsigned char *)w, wl, &cp);
	if (k < 0)
		return 0;
	up = utf8proc_toupper(cp);
	if (up == cp)
		return 0;
	if (sw_buf_put(out, enc, (size_t)sw__utf8_encode(up, enc)) ||
	    sw_buf_put(out, w + k, wl - (size_t)k))
		return -1;
	return 1;
}

/* The stem key of one word written w[0..wl) as the analyzer gives it
 * (SW_TERM_NONE unless it is exactly one non-punctuation token). */
static int word_term(sw_term_info *out, sw_analyzer *an, const char *w, size_t wl,
		     sw_error *err)
{
	const sw_atoken *toks;
	size_t n, i, found = 0;
	int rc = sw_analyze(&toks, &n, an, w, wl, err);

	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		if (toks[i].tok.type == SW_TOKEN_PUNCT)
			continue;
		if (found++)
			return 1;
		*out = toks[i].term;
	}
	return found ? SW_OK : 1;
}

/*
 * One step of stem atoms: the bytes [off, off + len) of stem key `stem`
 * (a whole word's stem or one part of a compound's), and with cap set
 * also the stem of the surface w written with a capital first letter (see
 * capitalized()).  SW_OK, SW_ENOMEM or the analyzer's error.
 */
static int stem_step(sw_matcher *m, sw_analyzer *an, int cap, const char *w, size_t wl,
		     sw_term_id stem, size_t off, size_t len, sw_error *err)
{
	const sw_vocab *stems = sw_lexicon_stems(sw_analyzer_lexicon(an));
	const char *k2 = NULL, *sb;
	size_t l2 = 0, sl;
	sw_term_info ct;
	uint32_t a;
	int c = cap ? capitalized(&m->b1, w, wl) : 0, rc = 0;

	if (c < 0)
		return sw__error_oom(err);
	if (c > 0 && (rc = word_term(&ct, an, m->b1.ptr, m->b1.len, err)) < 0)
		return rc;
	if (c > 0 && rc == 0)
		k2 = sw_vocab_bytes(stems, ct.stem, &l2);
	/* fetched after word_term(), which may have grown the vocabulary */
	sb = sw_vocab_bytes(stems, stem, &sl);
	if (atom_intern(&a, m, A_STEMS, sb + off, len, k2, l2) || push_step(m, a))
		return sw__error_oom(err);
	return SW_OK;
}

/* Compile the plain words w[0..wl) (no glob, no = or stem:) into steps:
 * the words are analyzed like document text, every token becomes a step,
 * a hyphenated compound one step per part. */
static int compile_plain(sw_matcher *m, sw_analyzer *an, const char *w, size_t wl,
			 size_t *nparts, sw_error *err)
{
	const sw_lexicon *alx = sw_analyzer_lexicon(an);
	const sw_vocab *norms = sw_lexicon_norms(alx), *stems = sw_lexicon_stems(alx);
	const sw_atoken *toks;
	size_t n, i, ntoks = 0;
	int rc;
	/* the analyzer's buffers are reused by word_term(): copy the tokens */
	struct ptok {
		sw_term_info term;
		size_t start, len;
		sw_token_type type;
	} pt[MAX_PARTS];
	char *text;
	size_t tlen;

	if ((rc = sw_analyze(&toks, &n, an, w, wl, err)))
		return rc;
	{
		const char *nt = sw_analyzer_text(an, &tlen);
		if (!(text = sw__strndup(nt, tlen)))
			return sw__error_oom(err);
	}
	for (i = 0; i < n; i++) {
		if (toks[i].tok.type == SW_TOKEN_PUNCT)
			continue;
		if (ntoks == MAX_PARTS) {
			sw__free(text);
			return sw__error_set(err, SW_EFORMAT, NULL, 0, -1, "pattern has too many words");
		}
		pt[ntoks].term = toks[i].term;
		pt[ntoks].start = toks[i].tok.start;
		pt[ntoks].len = toks[i].tok.len;
		pt[ntoks].type = toks[i].tok.type;
		ntoks++;
	}
	for (i = 0; i < ntoks; i++) {
		size_t nl, sl, ns, np, k;
		const char *nb = sw_vocab_bytes(norms, pt[i].term.norm, &nl);
		const char *sb = sw_vocab_bytes(stems, pt[i].term.stem, &sl);
		size_t nst[MAX_PARTS], nln[MAX_PARTS], sst[MAX_PARTS], sln[MAX_PARTS];
		size_t ust[MAX_PARTS], uln[MAX_PARTS];
		const char *surf = text + pt[i].start;

		np = pt[i].type == SW_TOKEN_WORD ? split_parts(nb, nl, nst, nln) : 0;
		ns = np ? split_parts(sb, sl, sst, sln) : 0;
		if (np && split_parts(surf, pt[i].len, ust, uln) != np)
			np = 0;
		if (np && ns != np)
			np = 0; /* parts do not line up (gender marks): whole token */
		if (!np) {
			/* a word is also stemmed with a capital first letter */
			if ((rc = stem_step(m, an, pt[i].type == SW_TOKEN_WORD, surf, pt[i].len,
					    pt[i].term.stem, 0, sl, err))) {
				sw__free(text);
				return rc;
			}
			(*nparts)++;
			continue;
		}
		for (k = 0; k < np; k++) {
			if ((rc = stem_step(m, an, 1, surf + ust[k], uln[k], pt[i].term.stem, sst[k],
					    sln[k], err))) {
				sw__free(text);
				return rc;
			}
			(*nparts)++;
		}
	}
	sw__free(text);
	return SW_OK;
}

/* Whether a word of a pattern is a plain word (no =, stem: or glob). */
static int is_plain(const char *w, size_t wl)
{
	return w[0] != '=' && !(wl >= 5 && memcmp(w, "stem:", 5) == 0) && !memchr(w, '*', wl);
}

/* Compile pattern string s into steps (appended to m->steps). */
static int compile_pattern(sw_matcher *m, sw_analyzer *an, const char *s, size_t *nparts,
			   sw_error *err)
{
	size_t len = strlen(s), i = 0;
	int rc;

	*nparts = 0;
	for (;;) {
		const char *w;
		size_t wl, w0;
		uint32_t a;

		if (!sw__themes_next_word(s, len, &i, &w0))
			break;
		w = s + w0;
		wl = i - w0;
		if (is_plain(w, wl)) {
			/* a run of plain words is analysed as one text, so that
			 * "z. B." or "87 %" become the one token they are in a
			 * document */
			size_t j = i;
			for (;;) {
				size_t k = j, k0;
				if (!sw__themes_next_word(s, len, &k, &k0) || !is_plain(s + k0, k - k0))
					break;
				i = j = k;
			}
			if ((rc = compile_plain(m, an, w, i - w0, nparts, err)))
				return rc;
		} else if (w[0] == '=') {
			/* the exact norm: as the lexicon folds the word */
			sw_term_info ti;
			const char *nb;
			size_t nl;
			if ((rc = word_term(&ti, an, w + 1, wl - 1, err)) < 0)
				return rc;
			if (rc == 0) {
				nb = sw_vocab_bytes(sw_lexicon_norms(sw_analyzer_lexicon(an)), ti.norm,
						    &nl);
				rc = atom_intern(&a, m, A_NORM, nb, nl, NULL, 0);
			} else {
				sw_buf_clear(&m->b2);
				if (sw__casefold(&m->b2, w + 1, wl - 1))
					return sw__error_oom(err);
				rc = atom_intern(&a, m, A_NORM, m->b2.ptr, m->b2.len, NULL, 0);
			}
			if (rc || push_step(m, a))
				return sw__error_oom(err);
			(*nparts)++;
		} else if (wl >= 5 && memcmp(w, "stem:", 5) == 0) {
			sw_buf_clear(&m->b2);
			if (sw__casefold(&m->b2, w + 5, wl - 5) ||
			    atom_intern(&a, m, A_STEMS, m->b2.ptr, m->b2.len, NULL, 0) || push_step(m, a))
				return sw__error_oom(err);
			(*nparts)++;
		} else if (memchr(w, '*', wl)) {
			/* a glob: hyphen-separated parts, each a glob or a word */
			size_t p = 0;
			while (p < wl) {
				size_t q = p;
				while (q < wl && w[q] != '-')
					q++;
				if (q > p && memchr(w + p, '*', q - p)) {
					size_t r, o = 0;
					sw_buf_clear(&m->b2);
					if (sw__casefold(&m->b2, w + p, q - p))
						return sw__error_oom(err);
					/* runs of stars are one star */
					for (r = 0; r < m->b2.len; r++)
						if (!(m->b2.ptr[r] == '*' && o && m->b2.ptr[o - 1] == '*'))
							m->b2.ptr[o++] = m->b2.ptr[r];
					if (atom_intern(&a, m, A_GLOB, m->b2.ptr, o, NULL, 0) || push_step(m, a))
						return sw__error_oom(err);
					(*nparts)++;
				} else if (q > p && sw__themes_has_alnum(w + p, q - p)) {
					if ((rc = compile_plain(m, an, w + p, q - p, nparts, err)))
						return rc;
				}
				p = q + 1;
			}
		}
		if (*nparts > MAX_PARTS)
			return sw__error_set(err, SW_EFORMAT, NULL, 0, -1,
					     "pattern \"%.60s\" has more than %d words", s, MAX_PARTS);
	}
	if (*nparts == 0)
		return sw__error_set(err, SW_EFORMAT, NULL, 0, -1, "pattern \"%.60s\" has no word", s);
	return SW_OK;
}

/* CSR from (key, value) pairs: first[nkeys + 1], list[npairs]. */
static int build_csr(size_t **first_out, uint32_t **list_out, size_t nkeys, const uint32_t *keys,
		     const uint32_t *vals, size_t npairs)
{
	size_t *first = sw__calloc(nkeys + 2, sizeof *first), i;
	uint32_t *list = sw__malloc((npairs ? npairs : 1) * sizeof *list);

	if (!first || !list) {
		sw__free(first);
		sw__free(list);
		return SW_ENOMEM;
	}
	for (i = 0; i < npairs; i++)
		first[keys[i] + 2]++;
	for (i = 2; i < nkeys + 2; i++)
		first[i] += first[i - 1];
	for (i = 0; i < npairs; i++)
		list[first[keys[i] + 1]++] = vals[i];
	*first_out = first;
	*list_out = list;
	return SW_OK;
}

/* Index atoms by their exact keys and patterns by their first atom. */
static int build_indexes(sw_matcher *m, sw_error *err)
{
	size_t npairs = 0, cap = 0, i, nst = 0, nno = 0;
	uint32_t *keys = NULL, *vals = NULL;
	size_t np = sw_themes_total_patterns(m->t);
	int rc = SW_OK;

	if ((rc = sw_vocab_new(&m->stemtab, err)) || (rc = sw_vocab_new(&m->normtab, err)))
		return rc;
	if (!(m->globs = sw__malloc((m->natoms + 1) * sizeof *m->globs)))
		return sw__error_oom(err);
	/* stems: pairs (key, atom) in two passes over the kinds */
	cap = 2 * m->natoms + 1;
	keys = sw__malloc(cap * sizeof *keys);
	vals = sw__malloc(cap * sizeof *vals);
	if (!keys || !vals)
		goto oom;
	for (i = 0; i < m->natoms; i++) {
		atom *a = &m->atoms[i];
		sw_term_id id;
		if (a->kind != A_STEMS)
			continue;
		if (sw_vocab_intern(&id, m->stemtab, a->k1, a->l1))
			goto oom;
		keys[npairs] = id;
		vals[npairs++] = (uint32_t)i;
		if (a->k2) {
			if (sw_vocab_intern(&id, m->stemtab, a->k2, a->l2))
				goto oom;
			keys[npairs] = id;
			vals[npairs++] = (uint32_t)i;
		}
	}
	nst = sw_vocab_size(m->stemtab);
	if (build_csr(&m->stfirst, &m->stlist, nst, keys, vals, npairs))
		goto oom;
	npairs = 0;
	for (i = 0; i < m->natoms; i++) {
		atom *a = &m->atoms[i];
		sw_term_id id;
		if (a->kind == A_GLOB)
			m->globs[m->nglobs++] = (uint32_t)i;
		if (a->kind != A_NORM)
			continue;
		if (sw_vocab_intern(&id, m->normtab, a->k1, a->l1))
			goto oom;
		keys[npairs] = id;
		vals[npairs++] = (uint32_t)i;
	}
	nno = sw_vocab_size(m->normtab);
	if (build_csr(&m->nofirst, &m->nolist, nno, keys, vals, npairs))
		goto oom;
	sw__free(keys);
	sw__free(vals);
	keys = sw__malloc((np + 1) * sizeof *keys);
	vals = sw__malloc((np + 1) * sizeof *vals);
	if (!keys || !vals)
		goto oom;
	for (i = 0; i < np; i++) {
		keys[i] = m->steps[m->sfirst[i]];
		vals[i] = (uint32_t)i;
	}
	if (build_csr(&m->ifirst, &m->ilist, m->natoms, keys, vals, np))
		goto oom;
	sw__free(keys);
	sw__free(vals);
	return SW_OK;
oom:
	sw__free(keys);
	sw__free(vals);
	return sw__error_oom(err);
}

static int matcher_new_impl(sw_matcher **out, const sw_themes *t, sw_lexicon *lx, sw_error *err)
{
	sw_matcher *m;
	sw_analyzer *an = NULL;
	sw_lexicon *plx = NULL;
	size_t p, th, np, nt;
	int rc;

	*out = NULL;
	if (!t || !lx || t->n == 0)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no themes or no lexicon");
	np = t->npats;
	nt = t->n;
	if (!(m = sw__calloc(1, sizeof *m)))
		return sw__error_oom(err);
	m->t = t;
	m->lx = lx;
	if (!(m->sfirst = sw__calloc(np + 1, sizeof *m->sfirst)) ||
	    !(m->ptheme = sw__calloc(np + 1, sizeof *m->ptheme)) ||
	    !(m->pstamp = sw__calloc(np + 1, sizeof *m->pstamp)) ||
	    !(m->tstamp = sw__calloc(nt, sizeof *m->tstamp)) ||
	    !(m->tbest = sw__calloc(nt, sizeof *m->tbest)) ||
	    !(m->tcov = sw__calloc(nt, sizeof *m->tcov)) ||
	    !(m->tend = sw__calloc(nt, sizeof *m->tend)) ||
	    !(m->busy = sw__calloc(nt, sizeof *m->busy)) ||
	    !(m->touched = sw__calloc(nt, sizeof *m->touched))) {
		rc = sw__error_oom(err);
		goto fail;
	}
	/* the patterns are analysed with a lexicon of their own (the same
	 * options): the caller's lexicon, which the counts may still be
	 * filling, gets no words that only the dictionary has */
	if ((rc = sw_lexicon_new(&plx, sw__lexicon_options(lx), err)) ||
	    (rc = sw_analyzer_new(&an, plx, NULL, err)))
		goto fail;
	for (th = 0; th < nt; th++) {
		for (p = t->pfirst[th]; p < t->pfirst[th + 1]; p++) {
			size_t nparts;
			m->sfirst[p] = m->nsteps;
			m->ptheme[p] = (uint32_t)th;
			if ((rc = compile_pattern(m, an, t->pats[p], &nparts, err))) {
				if (rc == SW_EFORMAT && err)
					err->line = 0;
				goto fail;
			}
		}
	}
	m->sfirst[np] = m->nsteps;
	{
		size_t maxsteps = 1;
		for (p = 0; p < np; p++)
			if (m->sfirst[p + 1] - m->sfirst[p] > maxsteps)
				maxsteps = m->sfirst[p + 1] - m->sfirst[p];
		m->memo_w = maxsteps * MAX_PARTS + 1;
		m->memo_n = (maxsteps + 1) * m->memo_w;
		if (!(m->memo = sw__calloc(m->memo_n, sizeof *m->memo))) {
			rc = sw__error_oom(err);
			goto fail;
		}
	}
	sw_analyzer_free(an);
	an = NULL;
	sw_lexicon_free(plx);
	plx = NULL;
	if ((rc = build_indexes(m, err)))
		goto fail;
	/* the empty record at offset 0 */
	m->cappool = 1024;
	if (!(m->pool = sw__malloc(m->cappool * sizeof *m->pool))) {
		rc = sw__error_oom(err);
		goto fail;
	}
	m->pool[0] = 0;
	m->pool[1] = 0;
	m->npool = 2;
	*out = m;
	return SW_OK;
fail:
	sw_analyzer_free(an);
	sw_lexicon_free(plx);
	sw_matcher_free(m);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_matcher_new(sw_matcher **out, const sw_themes *t, sw_lexicon *lx, sw_error *err)
{
	SW__NEED(err, "sw_matcher_new", out);
	SW__NEED(err, "sw_matcher_new", t);
	SW__NEED(err, "sw_matcher_new", lx);
	return matcher_new_impl(out, t, lx, err);
}

/* Glob match of pattern g (with '*') against s, both bytes.  The classic
 * two-pointer walk: on a mismatch go back to the last star and let it
 * take one more byte. */
static int glob_match(const char *g, size_t gl, const char *s, size_t sl)
{
	size_t gi = 0, si = 0, star = SIZE_MAX, mark = 0;

	while (si < sl) {
		if (gi < gl && g[gi] == '*') {
			star = gi++;
			mark = si;
		} else if (gi < gl && g[gi] == s[si]) {
			gi++;
			si++;
		} else if (star != SIZE_MAX) {
			gi = star + 1;
			si = ++mark;
		} else {
			return 0;
		}
	}
	while (gi < gl && g[gi] == '*')
		gi++;
	return gi == gl;
}

static int push_scratch(sw_matcher *m, size_t *n, uint32_t v)
{
	if (sw__grow((void **)&m->scratch, &m->capscratch, *n + 1, sizeof *m->scratch))
		return SW_ENOMEM;
	m->scratch[(*n)++] = v;
	return SW_OK;
}

/* The atoms a unit (norm, stem key; stem may be NULL) satisfies, sorted,
 * appended to the pool as [n][atoms...]. */
static int eval_unit(sw_matcher *m, const char *norm, size_t nl, const char *stem, size_t sl,
		     const char *head, size_t hl)
{
	size_t n = 0, i, j, k;
	sw_term_id id;

	if (stem && (id = sw_vocab_find(m->stemtab, stem, sl)) != SW_TERM_NONE)
		for (i = m->stfirst[id]; i < m->stfirst[id + 1]; i++)
			if (push_scratch(m, &n, m->stlist[i]))
				return SW_ENOMEM;
	/* with compounds: what the head's key matches, the compound matches */
	if (head && (id = sw_vocab_find(m->stemtab, head, hl)) != SW_TERM_NONE)
		for (i = m->stfirst[id]; i < m->stfirst[id + 1]; i++)
			if (push_scratch(m, &n, m->stlist[i]))
				return SW_ENOMEM;
	if ((id = sw_vocab_find(m->normtab, norm, nl)) != SW_TERM_NONE)
		for (i = m->nofirst[id]; i < m->nofirst[id + 1]; i++)
			if (push_scratch(m, &n, m->nolist[i]))
				return SW_ENOMEM;
	for (i = 0; i < m->nglobs; i++) {
		const atom *a = &m->atoms[m->globs[i]];
		if (glob_match(a->k1, a->l1, norm, nl) && push_scratch(m, &n, m->globs[i]))
			return SW_ENOMEM;
	}
	/* sort (insertion: lists are short) and drop duplicates */
	for (i = 1; i < n; i++) {
		uint32_t v = m->scratch[i];
		for (j = i; j > 0 && m->scratch[j - 1] > v; j--)
			m->scratch[j] = m->scratch[j - 1];
		m->scratch[j] = v;
	}
	for (i = 0, k = 0; i < n; i++)
		if (!k || m->scratch[k - 1] != m->scratch[i])
			m->scratch[k++] = m->scratch[i];
	if (sw__grow((void **)&m->pool, &m->cappool, m->npool + k + 1, sizeof *m->pool))
		return SW_ENOMEM;
	m->pool[m->npool++] = (uint32_t)k;
	if (k)
		memcpy(m->pool + m->npool, m->scratch, k * sizeof *m->scratch);
	m->npool += k;
	return SW_OK;
}

/* The record of form f of type ty (resolved once, then cached). */
static int resolve(uint32_t *out, sw_matcher *m, sw_term_id f, unsigned ty, sw_error *err)
{
	const sw_vocab *surf = sw_lexicon_surfaces(m->lx);
	const char *s, *nb, *sb, *hb;
	size_t len, nl, sl, hl, np, ns, k, start, any;
	size_t nst[MAX_PARTS], nln[MAX_PARTS], sst[MAX_PARTS], sln[MAX_PARTS];
	sw_term_info ti;
	int rc;

	/* words, abbreviations and numbers only: a glob like "cloud*" is not
	 * meant to hit "cloud@example.org" or a URL */
	if (ty != SW_TOKEN_WORD && ty != SW_TOKEN_ABBREV && ty != SW_TOKEN_NUMBER) {
		*out = 0;
		return SW_OK;
	}
	if (f < m->fc_cap && m->fc_off[f] != NO_RECORD && m->fc_type[f] == ty) {
		*out = m->fc_off[f];
		return SW_OK;
	}
	if (!(s = sw_vocab_bytes(surf, f, &len))) {
		*out = 0; /* an unknown form matches nothing */
		return SW_OK;
	}
	/* a cache hit in the lexicon for every form it has analysed; the
	 * flags only matter for a form it has not seen */
	if ((rc = sw_lexicon_term(&ti, m->lx, s, len, (sw_token_type)ty,
				  memchr(s, '-', len) ? SW_TOKEN_F_HYPHENATED : 0u, err)))
		return rc;
	nb = sw_vocab_bytes(sw_lexicon_norms(m->lx), ti.norm, &nl);
	sb = sw_vocab_bytes(sw_lexicon_stems(m->lx), ti.stem, &sl);
	np = ty == SW_TOKEN_WORD ? split_parts(nb, nl, nst, nln) : 0;
	ns = np ? split_parts(sb, sl, sst, sln) : 0;
	start = m->npool;
	if (sw__grow((void **)&m->pool, &m->cappool, m->npool + 1, sizeof *m->pool))
		return sw__error_oom(err);
	m->pool[m->npool++] = (uint32_t)np;
	hb = NULL;
	hl = 0;
	if (m->compounds && ti.head != SW_TERM_NONE)
		hb = sw_vocab_bytes(sw_lexicon_stems(m->lx), ti.head, &hl);
	if (eval_unit(m, nb, nl, sb, sl, hb, hl))
		return sw__error_oom(err);
	any = m->pool[start + 1];
	for (k = 0; k < np; k++) {
		size_t at = m->npool;
		if (eval_unit(m, nb + nst[k], nln[k], ns == np ? sb + sst[k] : NULL,
			      ns == np ? sln[k] : 0, NULL, 0))
			return sw__error_oom(err);
		any += m->pool[at];
	}
	if (!any) {
		m->npool = start; /* nothing: share the empty record */
		start = 0;
	}
	if (f >= m->fc_cap) {
		size_t cap = m->fc_cap, cap2 = m->fc_cap, i;
		if (sw__grow((void **)&m->fc_off, &cap, (size_t)f + 1, sizeof *m->fc_off) ||
		    sw__grow((void **)&m->fc_type, &cap2, (size_t)f + 1, sizeof *m->fc_type)) {
			/* keep fc_cap the smaller of the two */
			return sw__error_oom(err);
		}
		for (i = m->fc_cap; i < cap && i < cap2; i++)
			m->fc_off[i] = NO_RECORD;
		m->fc_cap = cap < cap2 ? cap : cap2;
	}
	m->fc_off[f] = (uint32_t)start;
	m->fc_type[f] = (uint8_t)ty;
	*out = (uint32_t)start;
	return SW_OK;
}

void sw_matcher_with_compounds(sw_matcher *m, int on)
{
	if (m)
		m->compounds = on != 0;
}

/* Unit u of record r: -1 the whole token, else part u. */
static const uint32_t *unit_list(const sw_matcher *m, uint32_t r, long u)
{
	const uint32_t *p = m->pool + r + 1;
	long i;

	for (i = -1; i < u; i++)
		p += 1 + p[0];
	return p;
}

static int has_atom(const uint32_t *list, uint32_t a)
{
	uint32_t i;

	for (i = 0; i < list[0]; i++)
		if (list[1 + i] == a)
			return 1;
	return 0;
}

/* What a run looks at. */
typedef struct run_ctx {
	uint32_t *memo;
	size_t memo_w;
	uint32_t stamp;
	const uint8_t *types, *flags;
	size_t ntok;
	const uint32_t *steps;
	size_t nsteps;
	uint32_t best_cov;
	size_t best_end;
	int found;
} run_ctx;

/* Try steps[s..] at token t, part k (0: at the token's start), having
 * covered cov parts so far.  A step at a token's start matches the whole
 * token or (for a compound) its first part; inside a compound, the next
 * part.  Keeps the longest way through in x.  (t, k) follows from cov
 * (the parts lie one after the other from the start), so (s, cov) names
 * the state: each is explored once, which keeps a pattern of many globs
 * on a run of compounds from branching exponentially. */
static void try_from(const sw_matcher *m, run_ctx *x, size_t s, size_t t, uint32_t k,
		     uint32_t cov)
{
	uint32_t r, np, a;
	size_t mi = s * x->memo_w + cov;

	if (cov < x->memo_w) {
		if (x->memo[mi] == x->stamp)
			return;
		x->memo[mi] = x->stamp;
	}
	if (s == x->nsteps) {
		size_t end = k ? t : t - 1;
		if (!x->found || cov > x->best_cov) {
			x->found = 1;
			x->best_cov = cov;
			x->best_end = end;
		}
		return;
	}
	if (k == 0 && s > 0 &&
	    (t >= x->ntok || x->types[t] == SW_TOKEN_PUNCT || (x->flags && (x->flags[t] & SW_CT_SENT))))
		return;
	r = m->tok_rec[t];
	if (r == 0)
		return;
	np = m->pool[r];
	a = x->steps[s];
	if (k == 0) {
		if (has_atom(unit_list(m, r, -1), a))
			try_from(m, x, s + 1, t + 1, 0, cov + (np ? np : 1));
		/* a pattern of one word matches whole tokens only, so that a
		 * term has one count in every command ("Bürger" is not counted
		 * in "Bürger-Staat-Interaktion"); several words may run into a
		 * compound ("Open Source" in "Open-Source-Strategie") */
		if (np && x->nsteps > 1 && has_atom(unit_list(m, r, 0), a))
			try_from(m, x, s + 1, t, 1, cov + 1);
	} else if (has_atom(unit_list(m, r, (long)k), a)) {
		if (k + 1 == np)
			try_from(m, x, s + 1, t + 1, 0, cov + 1);
		else
			try_from(m, x, s + 1, t, k + 1, cov + 1);
	}
}

int sw_matcher_run_flags(const sw_match **out, size_t *n_out, sw_matcher *m,
			 const sw_term_id *forms, const uint8_t *types, const uint8_t *flags,
			 size_t ntok, sw_error *err)
{
	size_t i, th, nt = m->t->n;
	int rc;

	*out = NULL;
	*n_out = 0;
	m->nmatches = 0;
	if (sw__grow((void **)&m->tok_rec, &m->cap_tok, ntok ? ntok : 1, sizeof *m->tok_rec))
		return sw__error_oom(err);
	for (i = 0; i < ntok; i++)
		if ((rc = resolve(&m->tok_rec[i], m, forms[i], types[i], err)))
			return rc;
	for (th = 0; th < nt; th++)
		m->busy[th] = 0;
	for (i = 0; i < ntok; i++) {
		uint32_t r = m->tok_rec[i], u;
		size_t ntouched = 0, j;
		long unit;

		if (r == 0)
			continue;
		if (++m->stamp == 0) { /* wrapped: clear the stamps */
			memset(m->pstamp, 0, (m->t->npats + 1) * sizeof *m->pstamp);
			memset(m->tstamp, 0, nt * sizeof *m->tstamp);
			m->stamp = 1;
		}
		/* candidates: patterns whose first atom the token (or its first
		 * part) satisfies */
		for (unit = -1; unit <= (m->pool[r] ? 0 : -1); unit++) {
			const uint32_t *l = unit_list(m, r, unit);
			for (u = 0; u < l[0]; u++) {
				uint32_t a = l[1 + u];
				size_t q;
				for (q = m->ifirst[a]; q < m->ifirst[a + 1]; q++) {
					uint32_t p = m->ilist[q], pt = m->ptheme[p];
					run_ctx x;
					if (m->pstamp[p] == m->stamp || m->busy[pt] > i)
						continue;
					m->pstamp[p] = m->stamp;
					if (++m->memo_stamp == 0) {
						memset(m->memo, 0, m->memo_n * sizeof *m->memo);
						m->memo_stamp = 1;
					}
					x.memo = m->memo;
					x.memo_w = m->memo_w;
					x.stamp = m->memo_stamp;
					x.types = types;
					x.flags = flags;
					x.ntok = ntok;
					x.steps = m->steps + m->sfirst[p];
					x.nsteps = m->sfirst[p + 1] - m->sfirst[p];
					x.found = 0;
					x.best_cov = 0;
					x.best_end = i;
					try_from(m, &x, 0, i, 0, 0);
					if (!x.found)
						continue;
					if (m->tstamp[pt] != m->stamp) {
						m->tstamp[pt] = m->stamp;
						m->touched[ntouched++] = pt;
					} else if (x.best_cov < m->tcov[pt] ||
						   (x.best_cov == m->tcov[pt] && p > m->tbest[pt])) {
						continue;
					}
					m->tbest[pt] = p;
					m->tcov[pt] = x.best_cov;
					m->tend[pt] = x.best_end;
				}
			}
		}
		/* emit in theme order */
		for (j = 1; j < ntouched; j++) {
			uint32_t v = m->touched[j];
			size_t k = j;
			for (; k > 0 && m->touched[k - 1] > v; k--)
				m->touched[k] = m->touched[k - 1];
			m->touched[k] = v;
		}
		for (j = 0; j < ntouched; j++) {
			uint32_t pt = m->touched[j];
			sw_match *mt;
			if (sw__grow((void **)&m->matches, &m->capmatches, m->nmatches + 1,
				     sizeof *m->matches))
				return sw__error_oom(err);
			mt = &m->matches[m->nmatches++];
			mt->theme = pt;
			mt->pattern = (uint32_t)(m->tbest[pt] - m->t->pfirst[pt]);
			mt->first = i;
			mt->ntok = m->tend[pt] - i + 1;
			m->busy[pt] = m->tend[pt] + 1;
		}
	}
	*out = m->matches;
	*n_out = m->nmatches;
	return SW_OK;
}

int sw_matcher_run(const sw_match **out, size_t *n_out, sw_matcher *m, const sw_term_id *forms,
		   const uint8_t *types, size_t ntok, sw_error *err)
{
	return sw_matcher_run_flags(out, n_out, m, forms, types, NULL, ntok, err);
}

const sw_themes *sw_matcher_themes(const sw_matcher *m)
{
	return m->t;
}
