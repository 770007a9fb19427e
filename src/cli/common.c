/*
 * cli/common.c - input set-up, warnings and output shared by the
 * commands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const cli_opt cli_common_opts[] = {
	{ "--jsonl", 0, OPT_LIST, "FILE", "read documents from a JSON Lines file (repeatable; - is stdin)" },
	{ "--meta", 0, OPT_LIST, "FILE", "attach metadata (JSON Lines with id or path) to the inputs" },
	{ "--format", 0, OPT_VALUE, "FORMAT", "table|json|jsonl|csv|tsv|md (default: table on a terminal, else jsonl)" },
	{ "--stemmer", 0, OPT_VALUE, "NAME", "snowball|cistem|none (default: snowball)" },
	{ "--stopwords", 0, OPT_LIST, "FILE", "add a stopword list (repeatable)" },
	{ "--no-default-stopwords", 0, OPT_FLAG, NULL, "do not use the built-in lists (stopwords/de.txt, de-speech.txt)" },
	{ "--strict", 0, OPT_FLAG, NULL, "make any input problem fatal (exit 1 at the first)" },
	{ "--quiet", 'q', OPT_FLAG, NULL, "print only problems on stderr, no notices" },
	{ "--output", 'o', OPT_VALUE, "FILE", "write to FILE instead of standard output" },
	{ "--help", 'h', OPT_FLAG, NULL, "show this help" },
};
const size_t cli_ncommon_opts = sizeof cli_common_opts / sizeof *cli_common_opts;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void on_warning(const sw_warning *w, void *payload)
{
	cli_run *r = payload;

	if (w->level == SW_WARN_PROBLEM)
		r->problems++;
	if (!r->quiet || w->level == SW_WARN_PROBLEM) {
		fprintf(stderr, "stichwort %s: %s: %s", r->command,
			w->level == SW_WARN_PROBLEM ? "warning" : "note", w->path);
		if (w->line > 0)
			fprintf(stderr, ":%ld", w->line);
		if (w->offset >= 0)
			fprintf(stderr, ": byte %lld", w->offset);
		fprintf(stderr, ": %s\n", w->message);
	}
	if (r->format == SW_FORMAT_JSON) {
		sw_warning *c;
		if (r->nwarnings == r->capwarnings) {
			size_t cap = r->capwarnings ? r->capwarnings * 2 : 16;
			sw_warning *n = realloc(r->warnings, cap * sizeof *n);
			if (!n)
				return;
			r->warnings = n;
			r->capwarnings = cap;
		}
		c = &r->warnings[r->nwarnings++];
		*c = *w;
		c->path = dup_or_null(w->path);
		c->doc_id = dup_or_null(w->doc_id);
		c->message = dup_or_null(w->message);
	}
}

int cli_fail(const char *command, int rc, const sw_error *err)
{
	char msg[1200];

	sw_error_format(msg, sizeof msg, err);
	fprintf(stderr, "stichwort %s: %s\n", command, msg[0] ? msg : sw_strerror(rc));
	if (rc == SW_EINVAL)
		return SW_EXIT_USAGE;
	if (rc == SW_EFORMAT || rc == SW_EENCODING)
		return SW_EXIT_SKIPPED;
	if (rc == SW_EIO && err && err->path[0] && strcmp(err->path, "-") != 0)
		return SW_EXIT_SKIPPED;
	return SW_EXIT_FAILURE;
}

/* An input that does not exist: a problem like an unreadable file (the
 * other inputs are still read, exit status 1), fatal with --strict. */
static int missing_input(cli_run *r, int rc, const sw_error *err)
{
	sw_warning w;

	if (rc != SW_EIO || r->strict)
		return cli_fail(r->command, rc, err);
	memset(&w, 0, sizeof w);
	w.level = SW_WARN_PROBLEM;
	w.code = rc;
	w.path = err->path;
	w.offset = -1;
	w.message = err->message[0] ? err->message : "cannot read";
	on_warning(&w, r);
	return 0;
}

int cli_sink(const char *data, size_t len, void *payload)
{
	cli_run *r = payload;
	return fwrite(data, 1, len, r->out) == len ? 0 : -1;
}

static int run_open(cli_run *r, const cli_args *a, const char *command, int output_is_dir);

int cli_run_open(cli_run *r, const cli_args *a, const char *command)
{
	return run_open(r, a, command, 0);
}

int cli_run_open_dir(cli_run *r, const cli_args *a, const char *command)
{
	return run_open(r, a, command, 1);
}

static int run_open(cli_run *r, const cli_args *a, const char *command, int output_is_dir)
{
	sw_corpus_options co = SW_CORPUS_OPTIONS_INIT;
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_error err = { 0 };
	const char *const *l;
	const char *v;
	size_t n, i;
	int rc, status;

	memset(r, 0, sizeof *r);
	r->command = command;
	r->out = stdout;
	r->quiet = cli_has(a, "--quiet");
	r->strict = cli_has(a, "--strict");
	v = cli_value(a, "--format");
	if (v) {
		if (sw_format_parse(&r->format, v)) {
			fprintf(stderr, "stichwort %s: unknown format '%s' (table, json, jsonl, csv, tsv, md)\n",
				command, v);
			return SW_EXIT_USAGE;
		}
	} else {
		r->format = isatty(STDOUT_FILENO) ? SW_FORMAT_TABLE : SW_FORMAT_JSONL;
	}
	v = cli_value(a, "--stemmer");
	if (v && sw_stemmer_kind_parse(&r->stemmer, v)) {
		fprintf(stderr, "stichwort %s: unknown stemmer '%s' (snowball, cistem, none)\n", command, v);
		return SW_EXIT_USAGE;
	}
	if (!a->npos && !cli_has(a, "--jsonl")) {
		fprintf(stderr, "stichwort %s: no input (give files, directories, - for stdin, or --jsonl FILE;"
			" see 'stichwort %s --help')\n", command, command);
		return SW_EXIT_USAGE;
	}
	co.strict = r->strict;
	co.warn = on_warning;
	co.warn_payload = r;
	if ((rc = sw_corpus_new(&r->corpus, &co, &err)))
		return cli_fail(command, rc, &err);
	l = cli_list(a, "--meta", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_corpus_add_meta(r->corpus, l[i], &err)))
			return cli_fail(command, rc, &err);
	for (i = 0; i < a->npos; i++)
		if ((rc = sw_corpus_add_path(r->corpus, a->pos[i], &err)) &&
		    (status = missing_input(r, rc, &err)))
			return status;
	l = cli_list(a, "--jsonl", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_corpus_add_jsonl(r->corpus, l[i], &err)) &&
		    (status = missing_input(r, rc, &err)))
			return status;
	if ((rc = sw_stoplist_new(&r->stop, &err)))
		return cli_fail(command, rc, &err);
	if (!cli_has(a, "--no-default-stopwords") &&
	    ((rc = sw_stoplist_add_builtin(r->stop, "de", &err)) ||
	     (rc = sw_stoplist_add_builtin(r->stop, "de-speech", &err))))
		return cli_fail(command, rc, &err);
	l = cli_list(a, "--stopwords", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_stoplist_load(r->stop, l[i], &err))) {
			cli_fail(command, rc, &err);
			return SW_EXIT_USAGE;
		}
	lo.stemmer = r->stemmer;
	lo.stopwords = r->stop;
	if ((rc = sw_lexicon_new(&r->lexicon, &lo, &err)))
		return cli_fail(command, rc, &err);
	v = output_is_dir ? NULL : cli_value(a, "--output");
	if (v && strcmp(v, "-") != 0) {
		r->out = fopen(v, "wb");
		if (!r->out) {
			fprintf(stderr, "stichwort %s: cannot write '%s': %s\n", command, v, strerror(errno));
			r->out = stdout;
			return SW_EXIT_FAILURE;
		}
		r->out_is_file = 1;
	}
	return 0;
}

int cli_run_status(const cli_run *r)
{
	return r->problems ? SW_EXIT_SKIPPED : SW_EXIT_OK;
}

void cli_run_close(cli_run *r)
{
	size_t i;

	for (i = 0; i < r->nwarnings; i++) {
		free((char *)r->warnings[i].path);
		free((char *)r->warnings[i].doc_id);
		free((char *)r->warnings[i].message);
	}
	free(r->warnings);
	if (r->out_is_file)
		fclose(r->out);
	sw_lexicon_free(r->lexicon);
	sw_stoplist_free(r->stop);
	sw_corpus_free(r->corpus);
}

cli_opt *cli_opts_with_common(const cli_opt *own, size_t nown, size_t *n)
{
	cli_opt *o = malloc((nown + cli_ncommon_opts) * sizeof *o);

	if (!o)
		return NULL;
	if (nown)
		memcpy(o, own, nown * sizeof *o);
	memcpy(o + nown, cli_common_opts, cli_ncommon_opts * sizeof *o);
	*n = nown + cli_ncommon_opts;
	return o;
}

int cli_uint_opt(const cli_args *a, const char *name, size_t *out, size_t min, size_t max)
{
	const char *v = cli_value(a, name);
	char *end;
	unsigned long long x;

	if (!v)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (errno || *end || end == v || v[0] == '-' || x < min || x > max) {
		fprintf(stderr, "stichwort: %s needs a whole number from %zu to %zu, not '%s'\n",
			name, min, max, v);
		return SW_EXIT_USAGE;
	}
	*out = (size_t)x;
	return 0;
}

int cli_load_counts(cli_run *r, sw_counts **out)
{
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	sw_error err = { 0 };
	const sw_doc *doc;
	int rc;

	if ((rc = sw_analyzer_new(&an, r->lexicon, NULL, &err)) ||
	    (rc = sw_counts_new(&c, r->lexicon, &err)))
		goto fail;
	while ((rc = sw_corpus_next(&doc, r->corpus, &err)) == 1) {
		const sw_atoken *t;
		size_t n;
		if ((rc = sw_analyze(&t, &n, an, doc->text, doc->len, &err)) ||
		    (rc = sw_counts_add(c, doc, t, n, &err)))
			goto fail;
	}
	if (rc < 0 || (rc = sw_counts_finish(c, &err)))
		goto fail;
	sw_analyzer_free(an);
	*out = c;
	return 0;
fail:
	sw_analyzer_free(an);
	sw_counts_free(c);
	return cli_fail(r->command, rc, &err);
}

size_t cli_corpus_kv(const cli_run *r, const sw_counts *c, sw_kv *kv)
{
	size_t n = 0;

	kv[n++] = (sw_kv){ "documents", SW_FIELD_INT, { NULL, 0, (long long)sw_counts_ndocs(c), 0 } };
	kv[n++] = (sw_kv){ "tokens", SW_FIELD_INT, { NULL, 0, (long long)sw_counts_counted(c), 0 } };
	kv[n++] = (sw_kv){ "types", SW_FIELD_INT, { NULL, 0, (long long)sw_counts_nkeys(c), 0 } };
	kv[n++] = (sw_kv){ "problems", SW_FIELD_INT, { NULL, 0, (long long)r->problems, 0 } };
	kv[n++] = (sw_kv){ "stemmer", SW_FIELD_STRING,
			   { sw_stemmer_kind_name(r->stemmer), strlen(sw_stemmer_kind_name(r->stemmer)), 0, 0 } };
	return n;
}

int cli_finish(cli_run *r, sw_writer *w, const sw_counts *c)
{
	sw_kv kv[8];
	sw_error err = { 0 };
	size_t n = cli_corpus_kv(r, c, kv);
	int rc = sw_writer_end(w, kv, n, r->warnings, r->nwarnings, &err);

	if (rc)
		return cli_fail(r->command, rc, &err);
	if (fflush(r->out) != 0) {
		fprintf(stderr, "stichwort %s: cannot write output\n", r->command);
		return SW_EXIT_FAILURE;
	}
	return cli_run_status(r);
}

int cli_begin(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
	      const char *command, cli_usage_fn usage)
{
	int status;

	if (!opts) {
		fprintf(stderr, "stichwort %s: out of memory\n", command);
		return SW_EXIT_FAILURE;
	}
	if ((status = cli_parse(a, opts, nopts, argc, argv, command)))
		return status;
	if (cli_has(a, "--help")) {
		usage(stdout, opts, nopts);
		cli_args_free(a);
		return SW_EXIT_OK;
	}
	return -1;
}

static int cmp_ranked(const void *a, const void *b)
{
	const cli_ranked *x = a, *y = b;
	size_t m = x->kl < y->kl ? x->kl : y->kl;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	c = memcmp(x->kb, y->kb, m);
	return c ? c : (x->kl > y->kl) - (x->kl < y->kl);
}

void cli_rank_terms(cli_ranked *out, const sw_counts *c, const sw_unit_tf *tf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i].key = tf[i].key;
		out[i].count = tf[i].count;
		out[i].docs = tf[i].docs;
		out[i].kb = sw_counts_key_bytes(c, tf[i].key, &out[i].kl);
	}
	qsort(out, n, sizeof *out, cmp_ranked);
}
