/*
 * cli/cmd_terms.c - `stichwort terms`: term frequencies of the corpus or
 * of each unit (--by), most frequent first.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt terms_opts[] = {
	{ "--top", 'n', OPT_VALUE, "N", "the N most frequent terms per unit (default 50; 0 = all)" },
	{ "--by", 0, OPT_VALUE, "FIELD", "count per unit: year, quarter, month, group, doc or a metadata field" },
	{ "--all", 0, OPT_FLAG, NULL, "keep stopwords, numbers and other non-word tokens" },
	{ "--with-compounds", 0, OPT_FLAG, NULL, "add the compounds a term heads to its count (Datensouveränität to Souveränität)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort terms [INPUT...] [--top N] [--by FIELD] [options]\n"
	      "\n"
	      "Count terms (tokens with the same key: the lemma, or with --key stem the stem of\n"
	      "the lemma) in the corpus, or per unit with --by.  Records:\n"
	      "  term          the lemma (\"Abhängigkeit\" for Abhängigkeiten); with --key stem\n"
	      "                the lemma of its most frequent form\n"
	      "  key           the key that was counted (the lemma case-folded, or the stem)\n"
	      "  count         occurrences (in the unit); with --with-compounds plus in_compounds\n"
	      "  per_10k       count per 10,000 tokens (of the unit; punctuation not counted)\n"
	      "  docs          documents containing the term itself (in the unit)\n"
	      "  dp            Gries' DP of the term itself over the documents (of the unit):\n"
	      "                0 = spread as the documents' sizes are, towards 1 = packed into\n"
	      "                one small document (docs/counting.md)\n"
	      "  in_compounds  occurrences of compounds it is the head of (Datensouveränität,\n"
	      "                IT-Sicherheit count for Souveränität, Sicherheit), in the unit\n"
	      "and with --by the unit's label under the field's name (year, group, ...).\n"
	      "Stopwords, numbers and punctuation are left out unless --all is given.\n"
	      "Order: count, highest first; ties by key.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort terms corpora/ --top 20\n"
	      "  stichwort terms corpora/ --by year --top 10 --format csv -o terms.csv\n"
	      "  stichwort terms --jsonl reden.jsonl --by group --format jsonl\n", f);
}


int cmd_terms(int argc, char **argv)
{
	size_t nopts, top = 50, u, i, nf;
	cli_opt *opts = cli_opts_with_common(terms_opts, sizeof terms_opts / sizeof *terms_opts, &nopts);
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_units *units = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	cli_ranked *rk = NULL;
	sw_field fields[8];
	const char *by;
	uint32_t *ic = NULL; /* per key: in_compounds in the current unit */
	double *dp = NULL;   /* per row of the current unit: its dp */
	sw_term_id *rkey = NULL; /* per row: its key */
	sw_unit_tf *tf2 = NULL;
	const sw_term_id *head;
	int status, rc, all, withc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "terms", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 0, 100000000)))
		goto done_args;
	by = cli_value(&a, "--by");
	all = cli_has(&a, "--all");
	withc = cli_has(&a, "--with-compounds");
	if ((status = cli_run_open(&r, &a, "terms")))
		goto done;
	/* terms only counts: per unit while loading, no token arrays, so
	 * memory stays flat on corpora of any size (per document needs them) */
	if (!by || (strcmp(by, "doc") != 0 && strcmp(by, "id") != 0))
		r.aggregate_by = by ? by : "corpus";
	r.aggregate_dp = all ? 2 : 1; /* dp: each document's distinct terms, packed */
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	if ((rc = sw_units_new(&units, c, by, &err))) {
		status = cli_fail("terms", rc, &err);
		goto done;
	}
	if ((status = cli_check_by("terms", by, units, c)))
		goto done;
	nf = 0;
	if (by)
		fields[nf++] = (sw_field){ by, SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "term", SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "key", SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "count", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "per_10k", SW_FIELD_REAL };
	fields[nf++] = (sw_field){ "docs", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "dp", SW_FIELD_REAL };
	fields[nf++] = (sw_field){ "in_compounds", SW_FIELD_INT };
	if ((rc = cli_writer_new(&w, &r, fields, nf, &err))) {
		status = cli_fail("terms", rc, &err);
		goto done;
	}
	{
		sw_kv params[5];
		size_t np = 0;
		params[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		params[np++] = (sw_kv){ "by", SW_FIELD_STRING, { by, by ? strlen(by) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "all", SW_FIELD_BOOL, { NULL, 0, all, 0 } };
		params[np++] = (sw_kv){ "with_compounds", SW_FIELD_BOOL, { NULL, 0, withc, 0 } };
		if ((rc = sw_writer_begin(w, "terms", params, np, &err))) {
			status = cli_fail("terms", rc, &err);
			goto done;
		}
	}
	rk = malloc((sw_counts_nkeys(c) + 1) * sizeof *rk);
	ic = calloc(sw_counts_nkeys(c) + 1, sizeof *ic);
	dp = calloc(sw_counts_nkeys(c) + 1, sizeof *dp);
	rkey = calloc(sw_counts_nkeys(c) + 1, sizeof *rkey);
	head = sw_counts_key_head(c);
	if (!rk || !ic || !dp || !rkey) {
		status = cli_fail("terms", SW_ENOMEM, NULL);
		goto done;
	}
	for (u = 0; u < sw_units_count(units); u++) {
		const sw_unit_tf *tf;
		size_t n, lim, total = sw_units_counted(units, u);
		const char *label = sw_units_label(units, u);

		if ((rc = sw_units_tf(&tf, &n, units, u, all, &err))) {
			status = cli_fail("terms", rc, &err);
			goto done;
		}
		/* the unit's compounds count for their heads; a head is listed
		 * when it occurs on its own */
		for (i = 0; i < n; i++)
			if (head[tf[i].key] != SW_TERM_NONE)
				ic[head[tf[i].key]] += tf[i].count;
		if (withc) {
			sw_unit_tf *t2 = realloc(tf2, (n + 1) * sizeof *tf2);
			if (!t2) {
				status = cli_fail("terms", SW_ENOMEM, NULL);
				goto done;
			}
			tf2 = t2;
			for (i = 0; i < n; i++) {
				tf2[i] = tf[i];
				tf2[i].count += ic[tf[i].key];
			}
			cli_rank_top(rk, c, tf2, n, top);
		} else {
			cli_rank_top(rk, c, tf, n, top);
		}
		lim = top && top < n ? top : n;
		/* DP of the rows shown only: one pass over the unit's postings */
		for (i = 0; i < lim; i++)
			rkey[i] = rk[i].key;
		if ((rc = sw_units_dp(dp, units, u, all, rkey, lim, &err))) {
			status = cli_fail("terms", rc, &err);
			goto done;
		}
		for (i = 0; i < lim; i++) {
			sw_value v[8];
			size_t k = 0;
			memset(v, 0, sizeof v);
			if (by) {
				v[k].s = label;
				v[k++].len = label ? strlen(label) : 0;
			}
			v[k].s = sw_counts_display(c, rk[i].key, &v[k].len);
			k++;
			v[k].s = rk[i].kb;
			v[k++].len = rk[i].kl;
			v[k++].i = rk[i].count;
			v[k++].r = total ? (double)rk[i].count * 10000.0 / (double)total : 0.0;
			v[k++].i = rk[i].docs;
			v[k++].r = dp[i];
			v[k++].i = ic[rk[i].key];
			if ((rc = sw_writer_row(w, v, &err))) {
				status = cli_fail("terms", rc, &err);
				goto done;
			}
		}
		for (i = 0; i < n; i++)
			if (head[tf[i].key] != SW_TERM_NONE)
				ic[head[tf[i].key]] = 0;
	}
	status = cli_finish(&r, w, c);
done:
	free(rk);
	free(ic);
	free(dp);
	free(rkey);
	free(tf2);
	sw_writer_free(w);
	sw_units_free(units);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
