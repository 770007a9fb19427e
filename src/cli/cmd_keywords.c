/*
 * cli/cmd_keywords.c - `stichwort keywords`: the words and phrases that
 * characterise the corpus, or each document, group or period (--per).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt keywords_opts[] = {
	{ "--method", 'm', OPT_VALUE, "M", "auto|tfidf|bm25|yake|textrank|salience (default auto: yake for one document, salience --per doc, else tfidf)" },
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
	      "  tfidf     tf * (ln((1+N)/(1+df)) + 1); N documents, df documents with the term\n"
	      "  bm25      Okapi BM25, k1 = 1.2, b = 0.75\n"
	      "  yake      YAKE (Campos et al. 2020) on the unit's text alone; score = -ln S\n"
	      "  textrank  PageRank (d = 0.85) of the co-occurrence graph; phrases: mean rank\n"
	      "  salience  (tf + uses as a compound's part) * sqrt(idf) * (1 + 3 / (1 + s)),\n"
	      "            s the sentence of the first mention; a noun phrase scores the\n"
	      "            sum of its words; no two keywords share a word\n"
	      "  auto      yake when the corpus is a single document, salience with\n"
	      "            --per doc, else tfidf\n"
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
	      "  stichwort keywords corpora/ --per doc --top 5 --format csv -o keywords.csv\n"
	      "  stichwort keywords strategie.txt --method textrank\n", f);
}

int cmd_keywords(int argc, char **argv)
{
	size_t nopts, top = 20, window = 2, i, nf;
	cli_opt *opts = cli_opts_with_common(keywords_opts, sizeof keywords_opts / sizeof *keywords_opts,
					     &nopts);
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_keywords *kw = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_field fields[7];
	const char *per, *m;
	int status, rc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "keywords", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 0, 100000000)) ||
	    (status = cli_uint_opt(&a, "--window", &window, 2, 64)))
		goto done_args;
	m = cli_value(&a, "--method");
	if (m && sw_keywords_method_parse(&ko.method, m)) {
		fprintf(stderr, "stichwort keywords: unknown method '%s' (auto, tfidf, bm25, yake, textrank, salience)\n",
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
	if ((status = cli_run_open(&r, &a, "keywords")))
		goto done;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	ko.nthreads = r.threads;
	if ((rc = sw_keywords_new(&kw, c, &ko, &err))) {
		status = cli_fail("keywords", rc, &err);
		goto done;
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
		sw_kv params[8];
		size_t np = 0;
		params[np++] = (sw_kv){ "method", SW_FIELD_STRING, { used, strlen(used), 0, 0 } };
		params[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		params[np++] = (sw_kv){ "per", SW_FIELD_STRING, { per, per ? strlen(per) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "phrases", SW_FIELD_BOOL, { NULL, 0, !ko.no_phrases, 0 } };
		params[np++] = (sw_kv){ "sublinear", SW_FIELD_BOOL, { NULL, 0, ko.sublinear, 0 } };
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
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
