/*
 * cli/cmd_tokens.c - `stichwort tokens`: every token with its offsets,
 * surface, norm, lemma, part of speech, compound parts, counting key,
 * type, sentence and stopword flag.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt tokens_opts[] = {
	{ "--no-punct", 0, OPT_FLAG, NULL, "leave punctuation tokens out" },
	{ "--keep-hyphenation", 0, OPT_FLAG, NULL, "do not join line-break hyphenation" },
};

static const sw_field fields[] = {
	{ "doc", SW_FIELD_STRING }, { "i", SW_FIELD_INT }, { "start", SW_FIELD_INT },
	{ "end", SW_FIELD_INT }, { "surface", SW_FIELD_STRING }, { "norm", SW_FIELD_STRING },
	{ "lemma", SW_FIELD_STRING }, { "pos", SW_FIELD_STRING }, { "parts", SW_FIELD_STRING },
	{ "key", SW_FIELD_STRING }, { "type", SW_FIELD_STRING }, { "sentence", SW_FIELD_INT },
	{ "stop", SW_FIELD_BOOL },
};
#define NFIELDS (sizeof fields / sizeof *fields)

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort tokens [INPUT...] [--jsonl FILE] [options]\n"
	      "\n"
	      "Print every token of the corpus, one record per token, with the fields\n"
	      "  doc       document id\n"
	      "  i         token index in the document (0-based)\n"
	      "  start     byte offset of the token in the document's UTF-8 text\n"
	      "  end       byte offset just after it (after decoding, before normalization)\n"
	      "  surface   the token as written, line-break hyphenation joined\n"
	      "  norm      normalized and case-folded (ß -> ss, gender forms unified)\n"
	      "  lemma     the dictionary form (\"Städte\" -> \"Stadt\", \"ging\" -> \"gehen\");\n"
	      "            other tokens than words: as written\n"
	      "  pos       NOUN, PROPN, VERB, ADJ, ADV, FUNC, NUM or X (not in the lexicon)\n"
	      "  parts     a compound's parts joined by \"+\" (\"Daten+Souveränität\"), else \"\"\n"
	      "  key       what counting uses: the lemma case-folded (--key lemma, the\n"
	      "            default) or the stem of the lemma (--key stem)\n"
	      "  type      word, number, date, url, email, abbrev, punct or symbol\n"
	      "  sentence  sentence index in the document (0-based)\n"
	      "  stop      true for stopwords\n"
	      "\n"
	      "INPUT is a file, a directory (recursively, .txt and .md; a directory with\n"
	      "a metadata.jsonl is read as a corpus manifest) or - for standard input.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort tokens rede.txt\n"
	      "  stichwort tokens corpora/ --format csv -o tokens.csv\n"
	      "  echo 'Die Open-Source-Strategie für Bürger*innen, z. B. am 3. Oktober.' | stichwort tokens -\n"
	      "  stichwort tokens --jsonl reden.jsonl --stemmer cistem --format jsonl\n"
	      "\nExit status: 0 ok, 1 input problems reported and skipped, 2 usage error,\n"
	      "3 I/O or internal error.\n", f);
}

int cmd_tokens(int argc, char **argv)
{
	size_t nopts;
	cli_opt *opts = cli_opts_with_common(tokens_opts, sizeof tokens_opts / sizeof *tokens_opts,
					     &nopts);
	sw_analyzer_options ao = SW_ANALYZER_OPTIONS_INIT;
	sw_analyzer *an = NULL;
	sw_writer *w = NULL;
	cli_args a;
	cli_run r;
	sw_error err = { 0 };
	sw_lemma lem = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	sw_buf parts = SW_BUF_INIT;
	const sw_doc *doc;
	unsigned long long ntok = 0, ndocs = 0;
	int rc, status;

	if ((status = cli_begin(&a, opts, nopts, argc, argv, "tokens", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_run_open(&r, &a, "tokens")))
		goto done;
	ao.tokenize.drop_punct = cli_has(&a, "--no-punct");
	ao.normalize.keep_hyphenation = cli_has(&a, "--keep-hyphenation");
	if ((rc = sw_analyzer_new(&an, r.lexicon, &ao, &err)) ||
	    (rc = cli_writer_new(&w, &r, fields, NFIELDS, &err))) {
		status = cli_fail("tokens", rc, &err);
		goto done;
	}
	{
		sw_kv params[4] = {
			{ "key", SW_FIELD_STRING, { sw_key_kind_name(r.key), strlen(sw_key_kind_name(r.key)), 0, 0 } },
			{ "stemmer", SW_FIELD_STRING, { sw_stemmer_kind_name(r.stemmer), strlen(sw_stemmer_kind_name(r.stemmer)), 0, 0 } },
			{ "punct", SW_FIELD_BOOL, { NULL, 0, !ao.tokenize.drop_punct, 0 } },
			{ "join_hyphenation", SW_FIELD_BOOL, { NULL, 0, !ao.normalize.keep_hyphenation, 0 } },
		};
		if ((rc = sw_writer_begin(w, "tokens", params, 4, &err))) {
			status = cli_fail("tokens", rc, &err);
			goto done;
		}
	}
	while ((rc = sw_corpus_next(&doc, r.corpus, &err)) == 1) {
		const sw_atoken *t;
		size_t n, i;
		const sw_vocab *norms = sw_lexicon_norms(r.lexicon);
		const sw_vocab *stems = sw_lexicon_stems(r.lexicon);
		const sw_vocab *lemmas = sw_lexicon_lemmas(r.lexicon);

		ndocs++;
		if ((rc = sw_analyze(&t, &n, an, doc->text, doc->len, &err)))
			break;
		for (i = 0; i < n; i++) {
			sw_value v[NFIELDS];
			memset(v, 0, sizeof v);
			v[0].s = doc->id;
			v[0].len = strlen(doc->id);
			v[1].i = (long long)i;
			v[2].i = (long long)t[i].orig_start;
			v[3].i = (long long)t[i].orig_end;
			if ((rc = sw_analyzer_surface(&v[4].s, &v[4].len, an, &t[i])))
				break;
			v[5].s = sw_vocab_bytes(norms, t[i].term.norm, &v[5].len);
			v[6].s = sw_vocab_bytes(lemmas, t[i].term.lemma, &v[6].len);
			v[7].s = sw_pos_name(t[i].term.pos);
			v[7].len = strlen(v[7].s);
			/* the parts: the lexicon keeps only the head, so a
			 * compound is analysed again (tokens is for looking) */
			sw_buf_clear(&parts);
			if (t[i].term.head != SW_TERM_NONE && v[4].s &&
			    sw_lemmatize(&lem, r.lemmatizer, v[4].s, v[4].len, t[i].tok.flags, NULL) == SW_OK) {
				const char *p = lem.parts.ptr;
				size_t k;
				for (k = 0; k < lem.nparts; k++) {
					if ((k && sw_buf_putc(&parts, '+')) || sw_buf_puts(&parts, p)) {
						rc = SW_ENOMEM;
						break;
					}
					p += strlen(p) + 1;
				}
			}
			if (rc)
				break;
			v[8].s = parts.ptr ? parts.ptr : "";
			v[8].len = parts.len;
			v[9].s = sw_vocab_bytes(stems, t[i].term.stem, &v[9].len);
			v[10].s = sw_token_type_name(t[i].tok.type);
			v[10].len = strlen(v[10].s);
			v[11].i = t[i].tok.sentence;
			v[12].i = t[i].term.stop;
			if ((rc = sw_writer_row(w, v, &err)))
				break;
		}
		if (rc)
			break;
		ntok += n;
	}
	if (rc < 0) {
		/* what was read before the failure is still written */
		if (r.format != SW_FORMAT_JSON) {
			sw_error ferr;
			if (sw_writer_flush(w, &ferr) == SW_OK)
				fflush(r.out);
		}
		status = cli_fail("tokens", rc, &err);
		goto done;
	}
	{
		sw_kv corpus[4] = {
			{ "documents", SW_FIELD_INT, { NULL, 0, (long long)ndocs, 0 } },
			{ "tokens", SW_FIELD_INT, { NULL, 0, (long long)ntok, 0 } },
			{ "types", SW_FIELD_INT, { NULL, 0, (long long)sw_vocab_size(sw_lexicon_norms(r.lexicon)), 0 } },
			{ "problems", SW_FIELD_INT, { NULL, 0, (long long)r.problems, 0 } },
		};
		if ((rc = sw_writer_end(w, corpus, 4, r.warnings, r.nwarnings, &err))) {
			status = cli_fail("tokens", rc, &err);
			goto done;
		}
	}
	status = cli_output_done(&r);
done:
	sw_lemma_free(&lem);
	sw_buf_free(&parts);
	sw_writer_free(w);
	sw_analyzer_free(an);
	cli_run_close(&r);
	cli_args_free(&a);
	free(opts);
	return status;
}
