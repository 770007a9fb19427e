/*
 * analyze.c - one document through normalize -> tokenize -> terms (see
 * stichwort/analyze.h).  Original offsets are looked up per token from
 * the normalizer's segment map.
 */
#include "stichwort/analyze.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/lexicon.h"

struct sw_analyzer {
	sw_normalizer *nz;
	sw_tokenizer *tk;
	sw_lexicon *lx;
	sw_atoken *toks;
	size_t ntoks, cap;
	sw_term_info *infos; /* the batch lookup's output */
	size_t capinfos;
	const char *text; /* normalized */
	size_t len;
	sw_buf scratch;
	int no_offsets;
};

static int analyzer_new_impl(sw_analyzer **out, sw_lexicon *lx, const sw_analyzer_options *opts,
			     sw_error *err)
{
	sw_analyzer *an = sw__calloc(1, sizeof *an);
	int rc;

	if (!an)
		return sw__error_oom(err);
	an->lx = lx;
	an->no_offsets = opts ? opts->no_offsets : 0;
	if ((rc = sw_normalizer_new(&an->nz, opts ? &opts->normalize : NULL, err)) ||
	    (rc = sw_tokenizer_new(&an->tk, opts ? &opts->tokenize : NULL, err))) {
		sw_analyzer_free(an);
		return rc;
	}
	*out = an;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_analyzer_new(sw_analyzer **out, sw_lexicon *lx, const sw_analyzer_options *opts,
		    sw_error *err)
{
	SW__NEED(err, "sw_analyzer_new", out);
	SW__NEED(err, "sw_analyzer_new", lx);
	return analyzer_new_impl(out, lx, opts, err);
}

void sw_analyzer_free(sw_analyzer *an)
{
	if (!an)
		return;
	sw_normalizer_free(an->nz);
	sw_tokenizer_free(an->tk);
	sw__free(an->toks);
	sw__free(an->infos);
	sw_buf_free(&an->scratch);
	sw__free(an);
}

/* The analysed tokens from the tokens and their lookups, with the
 * original offsets through nz (0 without it).  The arrays are restrict
 * so that the stores do not make the compiler load them again. */
static void put_tokens(sw_atoken *restrict out, const sw_token *restrict tt,
		       const sw_term_info *restrict infos, size_t n, const sw_normalizer *nz)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i].tok = tt[i];
		out[i].term = infos[i];
		if (nz) {
			out[i].orig_start = sw_normalizer_orig_start(nz, tt[i].start);
			out[i].orig_end = sw_normalizer_orig_end(nz, tt[i].start + tt[i].len);
		} else {
			out[i].orig_start = out[i].orig_end = 0;
		}
	}
}

int sw_analyze(const sw_atoken **tokens_out, size_t *n_out, sw_analyzer *an,
	       const char *text, size_t len, sw_error *err)
{
	const sw_token *tt;
	size_t n;
	int rc;

	an->ntoks = 0;
	if ((rc = sw_normalize(&an->text, &an->len, an->nz, text, len, err)) ||
	    (rc = sw_tokenize(&tt, &n, an->tk, an->text, an->len, err)))
		return rc;
	if (sw__grow((void **)&an->toks, &an->cap, n, sizeof *an->toks) ||
	    sw__grow((void **)&an->infos, &an->capinfos, n, sizeof *an->infos))
		return sw__error_oom(err);
	if ((rc = sw__lexicon_terms(an->infos, NULL, an->lx, an->text, tt, n, err)))
		return rc;
	put_tokens(an->toks, tt, an->infos, n, an->no_offsets ? NULL : an->nz);
	an->ntoks = n;
	*tokens_out = an->toks;
	*n_out = n;
	return SW_OK;
}

const char *sw_analyzer_text(const sw_analyzer *an, size_t *len_out)
{
	if (len_out)
		*len_out = an->len;
	return an->text ? an->text : "";
}

int sw_analyzer_surface(const char **s_out, size_t *len_out, sw_analyzer *an,
			const sw_atoken *t)
{
	return sw_normalizer_surface(s_out, len_out, &an->scratch, an->nz, t->tok.start,
				     t->tok.start + t->tok.len);
}

sw_lexicon *sw_analyzer_lexicon(const sw_analyzer *an)
{
	return an->lx;
}
