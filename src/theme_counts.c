/*
 * theme_counts.c - the matches of each theme and pattern per document
 * (see stichwort/themes.h): the matcher (matcher.c) runs over the tokens
 * of each document in turn and its matches are tallied, one row of
 * counts per document.
 */
#include <string.h>

#include "stichwort/themes.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "themedict.h"

struct sw_theme_counts {
	size_t ndocs, nthemes, npats;
	const sw_themes *t;
	sw_matcher *m;
	uint32_t *doc_theme; /* ndocs * nthemes */
	uint32_t *doc_pat;   /* ndocs * npats (global pattern index) */
	size_t capdocs;
};

void sw_theme_counts_free(sw_theme_counts *tc)
{
	if (!tc)
		return;
	sw__free(tc->doc_theme);
	sw__free(tc->doc_pat);
	sw__free(tc);
}

int sw_theme_counts_begin(sw_theme_counts **out, sw_matcher *m, sw_error *err)
{
	sw_theme_counts *tc;

	*out = NULL;
	if (!(tc = sw__calloc(1, sizeof *tc)))
		return sw__error_oom(err);
	tc->t = sw_matcher_themes(m);
	tc->m = m;
	tc->nthemes = tc->t->n;
	tc->npats = tc->t->npats;
	*out = tc;
	return SW_OK;
}

int sw_theme_counts_add(sw_theme_counts *tc, const sw_term_id *forms, const uint8_t *types,
			const uint8_t *flags, size_t n, sw_error *err)
{
	const sw_match *ms;
	size_t nm, i, d = tc->ndocs;
	int rc;

	if (d == tc->capdocs) {
		size_t cap = tc->capdocs ? tc->capdocs * 2 : 64;
		uint32_t *dt = sw__realloc(tc->doc_theme, cap * tc->nthemes * sizeof *dt + 1);
		uint32_t *dp;
		if (!dt)
			return sw__error_oom(err);
		tc->doc_theme = dt;
		if (!(dp = sw__realloc(tc->doc_pat, cap * tc->npats * sizeof *dp + 1)))
			return sw__error_oom(err);
		tc->doc_pat = dp;
		tc->capdocs = cap;
	}
	if (n && (!forms || !types))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "theme counts: no token arrays");
	if ((rc = sw_matcher_run_flags(&ms, &nm, tc->m, forms, types, flags, n, err)))
		return rc;
	memset(tc->doc_theme + d * tc->nthemes, 0, tc->nthemes * sizeof *tc->doc_theme);
	memset(tc->doc_pat + d * tc->npats, 0, tc->npats * sizeof *tc->doc_pat);
	for (i = 0; i < nm; i++) {
		tc->doc_theme[d * tc->nthemes + ms[i].theme]++;
		tc->doc_pat[d * tc->npats + tc->t->pfirst[ms[i].theme] + ms[i].pattern]++;
	}
	tc->ndocs++;
	return SW_OK;
}

size_t sw_theme_counts_ndocs(const sw_theme_counts *tc)
{
	return tc ? tc->ndocs : 0;
}

static int theme_counts_new_impl(sw_theme_counts **out, sw_matcher *m, const sw_counts *c,
				 sw_error *err)
{
	sw_theme_counts *tc;
	const sw_term_id *forms = sw_counts_forms(c);
	const uint8_t *types = sw_counts_types(c), *flags = sw_counts_flags(c);
	size_t d, nd = sw_counts_ndocs(c);
	int rc;

	*out = NULL;
	if (nd && (!forms || !types))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "the counts keep no token arrays");
	if ((rc = sw_theme_counts_begin(&tc, m, err)))
		return rc;
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		if ((rc = sw_theme_counts_add(tc, forms + doc->first, types + doc->first,
					      flags ? flags + doc->first : NULL, doc->ntokens, err))) {
			sw_theme_counts_free(tc);
			return rc;
		}
	}
	*out = tc;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_theme_counts_new(sw_theme_counts **out, sw_matcher *m, const sw_counts *c, sw_error *err)
{
	SW__NEED(err, "sw_theme_counts_new", out);
	SW__NEED(err, "sw_theme_counts_new", m);
	SW__NEED(err, "sw_theme_counts_new", c);
	return theme_counts_new_impl(out, m, c, err);
}

uint32_t sw_theme_counts_doc(const sw_theme_counts *tc, size_t d, size_t theme)
{
	if (!tc || d >= tc->ndocs || theme >= tc->nthemes)
		return 0;
	return tc->doc_theme[d * tc->nthemes + theme];
}

uint32_t sw_theme_counts_doc_pattern(const sw_theme_counts *tc, size_t d, size_t theme,
				     size_t pattern)
{
	if (!tc || d >= tc->ndocs || theme >= tc->nthemes ||
	    pattern >= tc->t->pfirst[theme + 1] - tc->t->pfirst[theme])
		return 0;
	return tc->doc_pat[d * tc->npats + tc->t->pfirst[theme] + pattern];
}
