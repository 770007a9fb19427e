/*
 * cli/cmd_keywords.c - `stichwort keywords`: the words and phrases that
 * characterise the corpus, or each document, group or period (--per).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt keywords_opts[] = {
	{ "--method", 'm', OPT_VALUE, "M", "auto|keyness|salience|tfidf|bm25|yake|textrank (default auto: see above)" },
	{ "--reference", 0, OPT_VALUE, "REF", "keyness of the corpus as a whole against builtin (default), none, or a list FILE (term<TAB>count)" },
	{ "--min-docs", 0, OPT_VALUE, "N", "keyness: a term must be in N of the unit's documents, or in all of them if it has fewer (default 3; 0: no floor)" },
	{ "--min-log-ratio", 0, OPT_VALUE, "X", "keyness: a term must be 2^X times as frequent in the unit as in the reference (default 1; 0: no floor)" },
	{ "--top", 'n', OPT_VALUE, "N", "the N best keywords per unit (default 20; 0 = all)" },
	{ "--per", 0, OPT_VALUE, "UNIT", "keywords per doc, group, year, quarter or month (default: the corpus as a whole)" },
	{ "--no-phrases", 0, OPT_FLAG, NULL, "single words only (no multiword phrases as candidates)" },
	{ "--sublinear", 0, OPT_FLAG, NULL, "tfidf: use 1 + ln(tf) instead of the raw count" },
	{ "--window", 0, OPT_VALUE, "N", "textrank: co-occurrence window in content words (default 2)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort keywords [INPUT...] [--method M] [--top N] [--per UNIT] [options]\n"
	      "\n"
	      "Rank the content words (and, unless --no-phrases, the multiword phrases) that\n"
	      "characterise the corpus, or each unit with --per.  Methods (docs/keywords.md):\n"
	      "  keyness   what sets the unit apart: log-likelihood G2 of the unit against\n"
	      "            every other document (--per), or of the corpus against the\n"
	      "            reference of general political German (--reference builtin: the\n"
	      "            Bundestag's speeches of 2022-2023); only terms used more often,\n"
	      "            in at least --min-docs 3 of the unit's documents (all of them if\n"
	      "            it has fewer) and at least twice as often (--min-log-ratio 1);\n"
	      "            a word met mostly inside a listed phrase is left out; score = G2\n"
	      "  tfidf     tf * (ln((1+N)/(1+df)) + 1); N documents, df documents with the term\n"
	      "  bm25      Okapi BM25, k1 = 1.2, b = 0.75\n"
	      "  yake      YAKE (Campos et al. 2020) on the unit's text alone; score = -ln S\n"
	      "  textrank  PageRank (d = 0.85) of the co-occurrence graph; phrases: mean rank\n"
	      "  salience  (tf + uses as a compound's part) * sqrt(idf) * (1 + 3 / (1 + s)),\n"
	      "            s the sentence of the first mention; a noun phrase scores the\n"
	      "            sum of its words; no two keywords share a word\n"
	      "  auto      keyness; per doc: salience; with --reference none: yake for a\n"
	      "            single document, else tfidf\n"
	      "Without --per the corpus is one unit; tfidf/bm25 then give the mean of the\n"
	      "per-document scores.  With --per, a unit's tf is its summed count and idf is\n"
	      "taken over documents.  Records:\n"
	      "  term      display form (most frequent way it is written)\n"
	      "  key       the key: lemma, or stem with --key stem (a phrase's words joined by\n"
	      "            spaces)\n"
	      "  score     higher = more key (scale depends on the method)\n"
	      "  count     occurrences in the unit\n"
	      "  docs      documents of the unit containing it\n"
	      "  n         words (1 for a single term)\n"
	      "and with --per the unit's label under the unit's name (doc, year, ...).\n"
	      "Order: score, highest first; ties by key, then first occurrence.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort keywords corpora/ --top 20\n"
	      "  stichwort keywords corpora/ --per group --top 10\n"
	      "  stichwort keywords corpora/ --reference none --method tfidf\n"
	      "  stichwort keywords corpora/ --per doc --top 5 --format csv -o keywords.csv\n"
	      "  stichwort keywords strategie.txt --method textrank\n", f);
}

int cmd_keywords(int argc, char **argv)
{
	size_t nopts, top = 20, window = 2, min_docs = 3, i, nf;
	double min_lr = 1.0;
	cli_opt *opts = cli_opts_with_common(keywords_opts, sizeof keywords_opts / sizeof *keywords_opts,
					     &nopts);
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_keywords *kw = NULL;
	sw_reflist *ref = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_field fields[7];
	const char *per, *m, *refspec;
	int status, rc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "keywords", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 0, 100000000)) ||
	    (status = cli_uint_opt(&a, "--window", &window, 2, 64)) ||
	    (status = cli_uint_opt(&a, "--min-docs", &min_docs, 0, 100000000)) ||
	    (status = cli_real_opt(&a, "--min-log-ratio", &min_lr, 0.0, 100.0)))
		goto done_args;
	refspec = cli_value(&a, "--reference");
	if (!refspec)
		refspec = "builtin";
	m = cli_value(&a, "--method");
	if (m && sw_keywords_method_parse(&ko.method, m)) {
		fprintf(stderr, "stichwort keywords: unknown method '%s' (auto, keyness, salience, tfidf, bm25, yake, textrank)\n",
			m);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	per = cli_value(&a, "--per");
	if (per && strcmp(per, "doc") && strcmp(per, "group") && strcmp(per, "year") &&
	    strcmp(per, "quarter") && strcmp(per, "month")) {
		fprintf(stderr, "stichwort keywords: --per takes doc, group, year, quarter or month, not '%s'\n",
			per);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	ko.top = top ? top : SIZE_MAX;
	ko.per = per;
	ko.no_phrases = cli_has(&a, "--no-phrases");
	ko.sublinear = cli_has(&a, "--sublinear");
	ko.window = window;
	ko.min_docs = min_docs ? min_docs : SIZE_MAX;
	ko.min_log_ratio = min_lr > 0 ? min_lr : -1.0;
	if ((status = cli_run_open(&r, &a, "keywords")))
		goto done;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	ko.nthreads = r.threads;
	/* the reference serves keyness of the corpus as a whole, and of a
	 * unit that is the whole corpus */
	if (ko.method == SW_KEYWORDS_KEYNESS || (ko.method == SW_KEYWORDS_AUTO && (!per || strcmp(per, "doc"))))
		if ((status = cli_reference_load(&ref, &r, refspec)))
			goto done;
	ko.reference = ref;
	if (ko.method == SW_KEYWORDS_KEYNESS && !per && !ref) {
		fputs("stichwort keywords: --method keyness of the corpus as a whole needs a reference"
		      " (--reference builtin or FILE), or --per UNIT\n", stderr);
		status = SW_EXIT_USAGE;
		goto done;
	}
	if ((rc = sw_keywords_new(&kw, c, &ko, &err))) {
		status = cli_fail("keywords", rc, &err);
		goto done;
	}
	if (!per && ref && sw_keywords_method_used(kw) == SW_KEYWORDS_KEYNESS && !sw_keywords_count(kw)) {
		sw_warning note;
		memset(&note, 0, sizeof note);
		note.level = SW_WARN_NOTICE;
		note.path = !strcmp(refspec, "builtin") ? SW_REFLIST_BUILTIN_NAME : refspec;
		note.offset = -1;
		note.message = "no term of the corpus is key against this reference (used at least "
			       "twice as often, in --min-docs documents); is the corpus part of it? "
			       "--reference none ranks by tf-idf instead";
		cli_on_warning(&note, &r);
	}
	nf = 0;
	if (per)
		fields[nf++] = (sw_field){ per, SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "term", SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "key", SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "score", SW_FIELD_REAL };
	fields[nf++] = (sw_field){ "count", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "docs", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "n", SW_FIELD_INT };
	if ((rc = cli_writer_new(&w, &r, fields, nf, &err))) {
		status = cli_fail("keywords", rc, &err);
		goto done;
	}
	{
		const char *used = sw_keywords_method_name(sw_keywords_method_used(kw));
		sw_kv params[12];
		size_t np = 0;
		params[np++] = (sw_kv){ "method", SW_FIELD_STRING, { used, strlen(used), 0, 0 } };
		params[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		params[np++] = (sw_kv){ "per", SW_FIELD_STRING, { per, per ? strlen(per) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "phrases", SW_FIELD_BOOL, { NULL, 0, !ko.no_phrases, 0 } };
		params[np++] = (sw_kv){ "sublinear", SW_FIELD_BOOL, { NULL, 0, ko.sublinear, 0 } };
		if (sw_keywords_method_used(kw) == SW_KEYWORDS_KEYNESS) {
			const char *rn = !ref ? NULL : !strcmp(refspec, "builtin") ? SW_REFLIST_BUILTIN_NAME
										   : refspec;
			params[np++] = (sw_kv){ "reference", SW_FIELD_STRING, { rn, rn ? strlen(rn) : 0, 0, 0 } };
			params[np++] = (sw_kv){ "min_docs", SW_FIELD_INT, { NULL, 0, (long long)min_docs, 0 } };
			params[np++] = (sw_kv){ "min_log_ratio", SW_FIELD_REAL, { NULL, 0, 0, min_lr } };
		}
		if (sw_keywords_method_used(kw) == SW_KEYWORDS_TEXTRANK)
			params[np++] = (sw_kv){ "window", SW_FIELD_INT, { NULL, 0, (long long)window, 0 } };
		if ((rc = sw_writer_begin(w, "keywords", params, np, &err))) {
			status = cli_fail("keywords", rc, &err);
			goto done;
		}
	}
	for (i = 0; i < sw_keywords_count(kw); i++) {
		const sw_keyword *k = sw_keywords_get(kw, i);
		sw_value v[7];
		size_t j = 0;
		memset(v, 0, sizeof v);
		if (per) {
			v[j].s = k->label;
			v[j++].len = k->label ? strlen(k->label) : 0;
		}
		v[j].s = k->term;
		v[j++].len = k->term_len;
		v[j].s = k->key;
		v[j++].len = k->key_len;
		v[j++].r = k->score;
		v[j++].i = k->count;
		v[j++].i = k->docs;
		v[j++].i = k->n;
		if ((rc = sw_writer_row(w, v, &err))) {
			status = cli_fail("keywords", rc, &err);
			goto done;
		}
	}
	status = cli_finish(&r, w, c);
done:
	sw_writer_free(w);
	sw_keywords_free(kw);
	sw_reflist_free(ref);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
