/*
 * cli/html_kwic.c - the concordance lines of report.html: a few lines for
 * every term, phrase and theme the report shows.
 *
 * The counts keep token forms, not the raw text (counts.h), so a line is
 * rebuilt from the forms as written: words joined by single spaces,
 * punctuation attached to its word, straight quotes paired (kwic_text()).
 * The occurrences are the counts' own: for a word its key (content
 * tokens only, as `terms` counts them), for a phrase the occurrence list
 * of sw_phrases, for a theme the matcher on the counts' tokens - so that
 * every line belongs to the number it explains.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "html.h"

/* A growing string; oom is set when an allocation failed. */
typedef struct sbuf {
	char *s;
	size_t n, cap;
	int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t len)
{
	if (b->oom)
		return;
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 128;
		char *ns;
		while (cap < b->n + len + 1)
			cap *= 2;
		if (!(ns = realloc(b->s, cap))) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

/* Punctuation that sticks to the word before it / after it. */
static int closes(const char *s, size_t len)
{
	return len >= 1 && strchr(".,;:!?)]}%\xe2", s[0]) && (s[0] != '\xe2' ||
		(len == 3 && memcmp(s, "\xe2\x80\xa6", 3) == 0)); /* … */
}

static int opens(const char *s, size_t len)
{
	return len == 1 && strchr("([{", s[0]);
}

/* Text of tokens [lo, hi) of the counts' arrays with the match [ms, me)
 * marked: words separated by spaces, punctuation attached, straight
 * quotes paired.  Fills left, match, right (malloc'd). */
static int kwic_text(const sw_counts *c, size_t lo, size_t ms, size_t me, size_t hi,
		     size_t end, report_line *out)
{
	const sw_vocab *sv = sw_lexicon_surfaces(sw_counts_lexicon(c));
	const sw_term_id *forms = sw_counts_forms(c);
	const uint8_t *types = sw_counts_types(c);
	sbuf part[3] = { { 0 }, { 0 }, { 0 } };
	size_t i;
	int quote_open = 0, glue = 1; /* glue: no space before the next token */

	for (i = lo; i < hi; i++) {
		size_t len;
		const char *s = sw_vocab_bytes(sv, forms[i], &len);
		sbuf *b = &part[i < ms ? 0 : i < me ? 1 : 2];
		int punct = types[i] == SW_TOKEN_PUNCT, space, glue_next = 0;
		if (!s)
			continue;
		if (i == ms || i == me)
			glue = 1; /* the parts are separate cells */
		space = !glue;
		if (punct && len == 1 && (s[0] == '"' || s[0] == '\'')) {
			/* a straight quote: closing if one is open, or if it follows
			 * a word and no word follows it */
			int after_word = i > lo && types[i - 1] != SW_TOKEN_PUNCT;
			int word_next = i + 1 < end && types[i + 1] != SW_TOKEN_PUNCT;
			if (quote_open || (after_word && !word_next)) {
				space = 0;
				quote_open = 0;
			} else {
				glue_next = 1;
				quote_open = 1;
			}
		} else if (punct && closes(s, len)) {
			space = 0;
		} else if (punct && opens(s, len)) {
			glue_next = 1;
		} else if (punct && len == 1 && s[0] == '/') {
			space = 0;
			glue_next = 1;
		}
		if (space && b->n)
			sb_add(b, " ", 1);
		sb_add(b, s, len);
		glue = glue_next;
	}
	for (i = 0; i < 3; i++)
		if (part[i].oom || !part[i].s) {
			if (!part[i].oom) {
				part[i].s = cli_dups("");
				if (part[i].s)
					continue;
			}
			free(part[0].s);
			free(part[1].s);
			free(part[2].s);
			return SW_ENOMEM;
		}
	out->left = part[0].s;
	out->match = part[1].s;
	out->right = part[2].s;
	return SW_OK;
}

#define KWIC_WINDOW 8 /* words (not punctuation) on each side */

/* Add the line of tokens [first, first + ntok) to kw. */
static int kwic_add(report_kwic *kw, size_t max, const sw_counts *c, size_t first, size_t ntok)
{
	const sw_count_doc *doc = sw_counts_doc(c, sw_counts_doc_of_token(c, first));
	const uint8_t *types = sw_counts_types(c);
	size_t lo = first, hi = first + ntok, end = doc->first + doc->ntokens, w;
	report_line *l;

	if (kw->n >= max)
		return SW_OK;
	if (!kw->lines && !(kw->lines = calloc(max, sizeof *kw->lines)))
		return SW_ENOMEM;
	for (w = 0; lo > doc->first && w < KWIC_WINDOW; lo--)
		w += types[lo - 1] != SW_TOKEN_PUNCT;
	for (w = 0; hi < end && w < KWIC_WINDOW; hi++)
		w += types[hi] != SW_TOKEN_PUNCT;
	/* a sentence end right after the window belongs to it */
	if (hi < end && types[hi] == SW_TOKEN_PUNCT)
		hi++;
	l = &kw->lines[kw->n];
	memset(l, 0, sizeof *l);
	l->pos = first;
	l->doc = cli_dups(doc->id);
	l->date = cli_dups(doc->date);
	l->group = cli_dups(doc->group);
	if (!l->doc || (doc->date && !l->date) || (doc->group && !l->group) ||
	    kwic_text(c, lo, first, first + ntok, hi, end, l)) {
		free(l->doc);
		free(l->date);
		free(l->group);
		return SW_ENOMEM;
	}
	kw->n++;
	return SW_OK;
}

/* The concordance of prefix + key (found in seen, which numbers the keys
 * of ks as their index, or added to both). */
static report_kwic *kwic_new(report_kwics *ks, html_strtab *seen, const char *prefix,
			     const char *key, const char *term)
{
	char buf[600];
	report_kwic *k;
	size_t i;

	snprintf(buf, sizeof buf, "%s%s", prefix, key);
	if ((i = html_strtab_find(seen, buf)) < ks->n)
		return &ks->k[i];
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 64;
		report_kwic *nk = realloc(ks->k, cap * sizeof *nk);
		if (!nk)
			return NULL;
		ks->k = nk;
		ks->cap = cap;
	}
	k = &ks->k[ks->n];
	memset(k, 0, sizeof *k);
	k->key = cli_dups(buf);
	k->term = cli_dups(term);
	if (!k->key || !k->term) {
		free(k->key);
		free(k->term);
		return NULL;
	}
	html_strtab_add(seen, k->key); /* number ks->n: the keys are distinct */
	ks->n++;
	return k;
}

void report_kwic_free(report_kwics *ks)
{
	size_t i, j;

	for (i = 0; i < ks->n; i++) {
		for (j = 0; j < ks->k[i].n; j++) {
			report_line *l = &ks->k[i].lines[j];
			free(l->doc);
			free(l->date);
			free(l->group);
			free(l->left);
			free(l->match);
			free(l->right);
		}
		free(ks->k[i].lines);
		free(ks->k[i].key);
		free(ks->k[i].term);
	}
	free(ks->k);
}

/* Whether the section's terms get concordance lines. */
static int kwic_section(const char *s)
{
	return strcmp(s, "terms") == 0 || strcmp(s, "phrases") == 0 ||
	       strcmp(s, "keyness_group") == 0 || strcmp(s, "trends_summary") == 0 ||
	       strncmp(s, "keywords_", 9) == 0;
}

/* Candidate occurrences of one concordance: the first occurrence in each
 * document that has one (in document order), and a few further ones. */
typedef struct occs {
	size_t *first;    /* token index of the first occurrence per document */
	uint8_t *first_n; /* its tokens */
	size_t nfirst, capfirst;
	size_t more[64];  /* further occurrences (not first in their document) */
	uint8_t more_n[64];
	size_t nmore;
	uint32_t lastdoc; /* document + 1 of the last occurrence seen */
} occs;

static int occ_add(occs *o, size_t d, size_t tok, size_t ntok, size_t max)
{
	if (ntok > 255)
		ntok = 255;
	if (o->lastdoc == d + 1) {
		if (o->nmore < max && o->nmore < 64) {
			o->more[o->nmore] = tok;
			o->more_n[o->nmore++] = (uint8_t)ntok;
		}
		return SW_OK;
	}
	o->lastdoc = (uint32_t)(d + 1);
	if (o->nfirst == o->capfirst) {
		size_t cap = o->capfirst ? o->capfirst * 2 : 16;
		size_t *nf = realloc(o->first, cap * sizeof *nf);
		uint8_t *nn;
		if (!nf)
			return SW_ENOMEM;
		o->first = nf;
		if (!(nn = realloc(o->first_n, cap)))
			return SW_ENOMEM;
		o->first_n = nn;
		o->capfirst = cap;
	}
	o->first[o->nfirst] = tok;
	o->first_n[o->nfirst++] = (uint8_t)ntok;
	return SW_OK;
}

static int cmp_line_pos(const void *a, const void *b)
{
	const report_line *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The lines of one concordance from its candidates: documents spread
 * evenly over all documents that contain it (the first, the last and
 * evenly between, so that the lines show its whole span of dates and
 * groups), then further occurrences when fewer documents than lines;
 * shown in document order. */
static int occ_lines(report_kwic *k, const occs *o, const sw_counts *c, size_t max)
{
	size_t j;
	int rc;

	if (o->nfirst <= max) {
		for (j = 0; j < o->nfirst; j++)
			if ((rc = kwic_add(k, max, c, o->first[j], o->first_n[j])))
				return rc;
		for (j = 0; j < o->nmore && k->n < max; j++)
			if ((rc = kwic_add(k, max, c, o->more[j], o->more_n[j])))
				return rc;
	} else {
		for (j = 0; j < max; j++) {
			size_t i = max > 1 ? (j * (o->nfirst - 1) + (max - 1) / 2) / (max - 1) : 0;
			if ((rc = kwic_add(k, max, c, o->first[i], o->first_n[i])))
				return rc;
		}
	}
	if (k->n > 1)
		qsort(k->lines, k->n, sizeof *k->lines, cmp_line_pos);
	return SW_OK;
}

int report_kwic_collect(report_kwics *ks, const report_rows *rs, const sw_counts *c,
			const sw_phrases *ph, sw_matcher *m, size_t max, sw_error *err)
{
	const sw_vocab *stems = sw_lexicon_stems(sw_counts_lexicon(c));
	const sw_term_id *keys = sw_counts_keys(c);
	const uint8_t *types = sw_counts_types(c), *flags = sw_counts_flags(c);
	size_t nkeys = sw_counts_nkeys(c), ntok = sw_counts_ntokens(c), i, d, t0 = 0, nt = 0;
	uint32_t *want = NULL;
	html_strtab seen;
	int seen_made = 0;
	occs *o = NULL;
	int rc = SW_ENOMEM;

	if (!max)
		return SW_OK;
	if (!(want = calloc(nkeys + 1, sizeof *want)) ||
	    html_strtab_init(&seen, ks->n + rs->n + (m ? sw_themes_count(sw_matcher_themes(m)) : 0)))
		goto done;
	seen_made = 1;
	for (i = 0; i < ks->n; i++)
		html_strtab_add(&seen, ks->k[i].key);
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		if (!kwic_section(r->section) || !r->key || !r->term)
			continue;
		if (!kwic_new(ks, &seen, "t:", r->key, r->term))
			goto done;
	}
	if (m) {
		const sw_themes *th = sw_matcher_themes(m);
		t0 = ks->n;
		nt = sw_themes_count(th);
		for (i = 0; i < nt; i++)
			if (!kwic_new(ks, &seen, "th:", sw_themes_name(th, i), sw_themes_name(th, i)))
				goto done;
	}
	if (!(o = calloc(ks->n + 1, sizeof *o)))
		goto done;
	/* single words (the concordances before the themes): one pass over
	 * the token array */
	for (i = 0; i < (m ? t0 : ks->n); i++) {
		const char *key = ks->k[i].key + 2;
		sw_term_id id;
		if (strchr(key, ' '))
			continue;
		id = sw_vocab_find(stems, key, strlen(key));
		if (id != SW_TERM_NONE && id < nkeys) {
			want[id] = (uint32_t)i + 1;
			ks->k[i].total = sw_counts_key_count(c)[id];
		}
	}
	for (d = 0; d < sw_counts_ndocs(c); d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		for (i = doc->first; i < doc->first + doc->ntokens && i < ntok; i++) {
			uint32_t w = keys[i] < nkeys ? want[keys[i]] : 0;
			if (!w || types[i] == SW_TOKEN_PUNCT || (flags[i] & SW_CT_STOP))
				continue;
			if ((rc = occ_add(&o[w - 1], d, i, 1, max)))
				goto done;
		}
	}
	/* phrases: their occurrence lists */
	for (i = 0; ph && i < ks->n; i++) {
		report_kwic *k = &ks->k[i];
		const char *key = k->key + 2;
		const sw_phrase *p;
		size_t j;
		if (strncmp(k->key, "t:", 2) != 0 || !strchr(key, ' '))
			continue;
		if (!(p = sw_phrases_find(ph, key, strlen(key))))
			continue;
		k->total = p->count;
		for (j = 0; j < p->count; j++)
			if ((rc = occ_add(&o[i], sw_counts_doc_of_token(c, p->occ[j]), p->occ[j], p->occ_len[j], max)))
				goto done;
	}
	/* themes: the matcher over each document */
	for (d = 0; m && d < sw_counts_ndocs(c); d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		const sw_match *mt;
		size_t nm, j;
		if ((rc = sw_matcher_run_flags(&mt, &nm, m, sw_counts_forms(c) + doc->first,
					       types + doc->first, flags + doc->first, doc->ntokens,
					       err)))
			goto done;
		for (j = 0; j < nm; j++) {
			ks->k[t0 + mt[j].theme].total++;
			if ((rc = occ_add(&o[t0 + mt[j].theme], d, doc->first + mt[j].first,
					  mt[j].ntok, max)))
				goto done;
		}
	}
	for (i = 0; i < ks->n; i++)
		if ((rc = occ_lines(&ks->k[i], &o[i], c, max)))
			goto done;
	rc = SW_OK;
done:
	for (i = 0; o && i < ks->n; i++) {
		free(o[i].first);
		free(o[i].first_n);
	}
	free(o);
	free(want);
	if (seen_made)
		html_strtab_free(&seen);
	return rc;
}
