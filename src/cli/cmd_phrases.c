/*
 * cli/cmd_phrases.c - `stichwort phrases`: multiword terms of the corpus,
 * ranked by C-value or log-likelihood (rules in docs/phrases.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt phrases_opts[] = {
	{ "--top", 'n', OPT_VALUE, "N", "the N best phrases (default 50; 0 = all)" },
	{ "--min-count", 0, OPT_VALUE, "N", "keep phrases seen at least N times (default 2)" },
	{ "--max-len", 0, OPT_VALUE, "N", "longest phrase in words, 2..8 (default 4)" },
	{ "--measure", 0, OPT_VALUE, "M", "cvalue|ll: ranking (default cvalue)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort phrases [INPUT...] [--top N] [--min-count N] [--max-len N]\n"
	      "                         [--measure cvalue|ll] [options]\n"
	      "\n"
	      "Find multiword terms: runs of 2 to --max-len words inside a sentence, not\n"
	      "crossing punctuation, numbers or abbreviations, not starting or ending with a\n"
	      "stopword (a few linking words such as \"für\", \"der\", \"in der\" may stand\n"
	      "inside).  Inflected forms share a key (\"digitale\", \"digitalen Souveränität\"),\n"
	      "and \"Open-Source\" counts as \"Open Source\".  Records:\n"
	      "  term      display form: the most frequent way the phrase is written\n"
	      "  key       the keys of its words (lemmas, or stems with --key stem), joined by\n"
	      "            spaces\n"
	      "  count     occurrences\n"
	      "  docs      documents containing it\n"
	      "  score     C-value or log-likelihood (higher = more of a term)\n"
	      "  n         words\n"
	      "  variants  every written form with its count: \"a (12); b (5)\"\n"
	      "Order: score, highest first; ties by key, then first occurrence.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort phrases corpora/ --top 20\n"
	      "  stichwort phrases --jsonl reden.jsonl --measure ll --min-count 5 --format csv\n", f);
}

/* "text (count); text (count)" of a phrase's variants. */
static int variants_text(sw_buf *b, const sw_phrase *ph)
{
	size_t i;

	sw_buf_clear(b);
	for (i = 0; i < ph->nvariants; i++) {
		const sw_phrase_variant *v = &ph->variants[i];
		if ((i && sw_buf_puts(b, "; ")) || sw_buf_put(b, v->text, v->len) ||
		    sw_buf_printf(b, " (%lu)", (unsigned long)v->count))
			return SW_ENOMEM;
	}
	return SW_OK;
}

int cmd_phrases(int argc, char **argv)
{
	size_t nopts, top = 50, i, lim;
	cli_opt *opts = cli_opts_with_common(phrases_opts, sizeof phrases_opts / sizeof *phrases_opts,
					     &nopts);
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_phrases *ph = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_buf vb = SW_BUF_INIT;
	sw_field fields[7];
	const char *m;
	int status, rc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "phrases", usage)) >= 0) {
		free(opts);
		return status;
	}
	po.min_count = 2;
	po.max_len = 4;
	if ((status = cli_uint_opt(&a, "--top", &top, 0, 100000000)) ||
	    (status = cli_uint_opt(&a, "--min-count", &po.min_count, 1, 1000000000)) ||
	    (status = cli_uint_opt(&a, "--max-len", &po.max_len, 2, 8)))
		goto done_args;
	m = cli_value(&a, "--measure");
	if (m && sw_phrase_measure_parse(&po.measure, m)) {
		fprintf(stderr, "stichwort phrases: unknown measure '%s' (cvalue, ll)\n", m);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if ((status = cli_run_open(&r, &a, "phrases")))
		goto done;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	po.nthreads = r.threads;
	if ((rc = sw_phrases_new(&ph, c, &po, &err))) {
		status = cli_fail("phrases", rc, &err);
		goto done;
	}
	fields[0] = (sw_field){ "term", SW_FIELD_STRING };
	fields[1] = (sw_field){ "key", SW_FIELD_STRING };
	fields[2] = (sw_field){ "count", SW_FIELD_INT };
	fields[3] = (sw_field){ "docs", SW_FIELD_INT };
	fields[4] = (sw_field){ "score", SW_FIELD_REAL };
	fields[5] = (sw_field){ "n", SW_FIELD_INT };
	fields[6] = (sw_field){ "variants", SW_FIELD_STRING };
	if ((rc = cli_writer_new(&w, &r, fields, 7, &err))) {
		status = cli_fail("phrases", rc, &err);
		goto done;
	}
	{
		const char *mn = sw_phrase_measure_name(po.measure);
		sw_kv params[4];
		params[0] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		params[1] = (sw_kv){ "min_count", SW_FIELD_INT, { NULL, 0, (long long)po.min_count, 0 } };
		params[2] = (sw_kv){ "max_len", SW_FIELD_INT, { NULL, 0, (long long)po.max_len, 0 } };
		params[3] = (sw_kv){ "measure", SW_FIELD_STRING, { mn, strlen(mn), 0, 0 } };
		if ((rc = sw_writer_begin(w, "phrases", params, 4, &err))) {
			status = cli_fail("phrases", rc, &err);
			goto done;
		}
	}
	lim = sw_phrases_count(ph);
	if (top && top < lim)
		lim = top;
	for (i = 0; i < lim; i++) {
		const sw_phrase *p = sw_phrases_get(ph, i);
		sw_value v[7];
		memset(v, 0, sizeof v);
		if ((rc = variants_text(&vb, p))) {
			status = cli_fail("phrases", rc, NULL);
			goto done;
		}
		v[0].s = p->display;
		v[0].len = p->display_len;
		v[1].s = p->key;
		v[1].len = p->key_len;
		v[2].i = p->count;
		v[3].i = p->docs;
		v[4].r = p->score;
		v[5].i = p->n;
		v[6].s = vb.ptr;
		v[6].len = vb.len;
		if ((rc = sw_writer_row(w, v, &err))) {
			status = cli_fail("phrases", rc, &err);
			goto done;
		}
	}
	status = cli_finish(&r, w, c);
done:
	sw_buf_free(&vb);
	sw_writer_free(w);
	sw_phrases_free(ph);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
