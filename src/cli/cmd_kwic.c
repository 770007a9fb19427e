/*
 * cli/cmd_kwic.c - `stichwort kwic`: a concordance (keyword in context)
 * of terms, patterns or a theme dictionary (docs/kwic.md).
 *
 * The text is read again and analysed document by document with the
 * same analyzer options as the counting pipeline, and the same matcher
 * runs on the tokens, so that a term has as many lines here as
 * `stichwort themes --terms` counts for it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt kwic_opts[] = {
	{ "--term", 't', OPT_LIST, "TERM", "word, =word, glob, stem:KEY or phrase to show (repeatable)" },
	{ "--dict", 'd', OPT_VALUE, "FILE", "show the matches of every theme of a dictionary" },
	{ "--window", 'w', OPT_VALUE, "N", "context of N tokens on each side (default 8; punctuation not counted)" },
	{ "--sentence", 's', OPT_FLAG, NULL, "context: the whole sentence instead of a window" },
	{ "--limit", 'n', OPT_VALUE, "N", "stop after N lines (default 0: all)" },
	{ "--with-compounds", 0, OPT_FLAG, NULL, "a word also matches the compounds it heads (Sicherheit: Datensicherheit, IT-Sicherheit)" },
};

#define KWIC_LEFT_COLS 40 /* table view: width of the left context */
/* --sentence: characters of context at most on each side (a sentence of a
 * PDF converter can run for pages); docs/kwic.md. */
#define KWIC_SENTENCE_MAX 1000

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort kwic [INPUT...] (--term TERM... | --dict FILE) [--window N | --sentence]\n"
	      "                      [--limit N] [options]\n"
	      "\n"
	      "Show every match of the terms (each matched like a one-pattern theme of\n"
	      "`stichwort themes`, docs/themes.md) with its context, in document order.\n"
	      "Records:\n"
	      "  doc, date, group  the document\n"
	      "  theme     the term (or dictionary theme) that matched\n"
	      "  pattern   the pattern that matched\n"
	      "  start     first byte of the match in the original document text\n"
	      "  end       byte after the match in the original text\n"
	      "  left      context before the match\n"
	      "  match     the matched words\n"
	      "  right     context after the match\n"
	      "left, match and right are the normalized text (line-break hyphenation joined,\n"
	      "quotes and dashes unified) with every run of white space made one space.\n"
	      "The table view right-aligns the left context in a column of 40 characters\n"
	      "(a third of --width when narrower; cut at its left with an ellipsis), so\n"
	      "that the matches line up.\n"
	      "A match counted by `themes` for a term is one line here, and vice versa.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort kwic corpora/ --term 'digitale souveränität'\n"
	      "  stichwort kwic corpora/ --term 'souverän*' --sentence --format jsonl\n"
	      "  stichwort kwic corpora/ --dict docs/examples/digitale-souveraenitaet.json --limit 20\n", f);
}

/* A growing string. */
typedef struct sbuf {
	char *p;
	size_t len, cap;
} sbuf;

static int sb_putc(sbuf *b, char c)
{
	if (b->len + 2 > b->cap) {
		size_t nc = b->cap ? 2 * b->cap : 256;
		char *np = realloc(b->p, nc);
		if (!np)
			return -1;
		b->p = np;
		b->cap = nc;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
	return 0;
}

static int sb_put(sbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (sb_putc(b, s[i]))
			return -1;
	return 0;
}

/* Text s[0..n) into b with every run of white space one space and no
 * white space at either end. */
static int collapse(sbuf *b, const char *s, size_t n)
{
	size_t i;
	int space = 0;

	b->len = 0;
	if (!b->p && sb_putc(b, ' '))
		return -1;
	b->len = 0;
	b->p[0] = '\0';
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && b->len && sb_putc(b, ' '))
			return -1;
		space = 0;
		if (sb_putc(b, (char)c))
			return -1;
	}
	return 0;
}

/* A context cut short (--sentence): "… " before the left one (at_start),
 * " …" after the right one. */
static int mark_cut(sbuf *b, int at_start)
{
	static const char ell[] = "\xe2\x80\xa6"; /* U+2026 */
	size_t add = b->len ? 4 : 3, i;

	for (i = 0; i < add; i++) /* room */
		if (sb_putc(b, ' '))
			return -1;
	if (at_start) {
		memmove(b->p + add, b->p, b->len - add);
		memcpy(b->p, ell, 3);
		if (add == 4)
			b->p[3] = ' ';
	} else {
		memcpy(b->p + b->len - 3, ell, 3);
	}
	return 0;
}

/* Display columns of UTF-8 text: one per character, none for combining
 * marks U+0300..U+036F. */
static size_t columns(const char *s, size_t n)
{
	size_t i, cols = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		if (c == 0xCC || (c == 0xCD && i + 1 < n && (unsigned char)s[i + 1] < 0xB0))
			continue;
		cols++;
	}
	return cols;
}

/* The table view of the left context: right-aligned in width columns,
 * cut at the left with an ellipsis. */
static int align_left(sbuf *out, const char *s, size_t n, size_t width)
{
	size_t cols = columns(s, n), i;

	out->len = 0;
	if (!out->p && sb_putc(out, ' '))
		return -1;
	out->len = 0;
	out->p[0] = '\0';
	if (cols <= width) {
		for (i = cols; i < width; i++)
			if (sb_putc(out, ' '))
				return -1;
		return sb_put(out, s, n);
	}
	/* drop characters from the left until width - 1 columns remain */
	i = 0;
	while (i < n && columns(s + i, n - i) > width - 1) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return sb_put(out, "\xE2\x80\xA6", 3) || sb_put(out, s + i, n - i);
}

int cmd_kwic(int argc, char **argv)
{
	size_t nopts, window = 8, limit = 0, nterms = 0, lines = 0, cap = 0;
	size_t left_cols = KWIC_LEFT_COLS;
	cli_opt *opts = cli_opts_with_common(kwic_opts, sizeof kwic_opts / sizeof *kwic_opts, &nopts);
	cli_args a;
	cli_run r;
	sw_themes *t = NULL;
	sw_matcher *m = NULL;
	sw_analyzer *an = NULL;
	sw_counts *c = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	const char *const *terms;
	const char *dict;
	const sw_doc *doc;
	sw_term_id *forms = NULL;
	uint8_t *types = NULL, *flags = NULL;
	sbuf left = { 0 }, match = { 0 }, right = { 0 }, aligned = { 0 };
	int status, rc, sentence, table, cut_left, cut_right;
	static const sw_field fields[] = {
		{ "doc", SW_FIELD_STRING },   { "date", SW_FIELD_STRING },
		{ "group", SW_FIELD_STRING }, { "theme", SW_FIELD_STRING },
		{ "pattern", SW_FIELD_STRING }, { "start", SW_FIELD_INT },
		{ "end", SW_FIELD_INT },      { "left", SW_FIELD_STRING },
		{ "match", SW_FIELD_STRING }, { "right", SW_FIELD_STRING },
	};
	enum { NFIELDS = sizeof fields / sizeof *fields };

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "kwic", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_uint_opt(&a, "--window", &window, 0, 10000)) ||
	    (status = cli_uint_opt(&a, "--limit", &limit, 0, SIZE_MAX / 2)))
		goto done_args;
	terms = cli_list(&a, "--term", &nterms);
	dict = cli_value(&a, "--dict");
	sentence = cli_has(&a, "--sentence");
	if ((dict != NULL) == (nterms > 0)) {
		fputs("stichwort kwic: give terms (--term TERM, repeatable) or a dictionary (--dict FILE), one of the two\n",
		      stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (sentence && cli_has(&a, "--window")) {
		fputs("stichwort kwic: --window and --sentence exclude each other\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (dict) {
		if ((status = cli_load_themes("kwic", dict, &t)))
			goto done_args;
	} else if ((rc = sw_themes_from_terms(&t, terms, nterms, &err))) {
		if (rc == SW_EFORMAT) {
			fprintf(stderr, "stichwort kwic: --term: %s\n", cli_escaped(err.message));
			status = SW_EXIT_USAGE;
		} else {
			status = cli_fail("kwic", rc, &err);
		}
		goto done_args;
	}
	if ((status = cli_run_open(&r, &a, "kwic")))
		goto done;
	table = r.format == SW_FORMAT_TABLE;
	if (table) {
		/* the metadata columns give way first on a narrow terminal; the
		 * left context gets a third of what a width leaves */
		static const char *const secondary[] = { "date", "group", "theme", "pattern",
							 "start", "end" };
		r.table.secondary = secondary;
		r.table.nsecondary = sizeof secondary / sizeof *secondary;
		if (r.table.width && r.table.width / 3 < left_cols)
			left_cols = r.table.width / 3 > 10 ? r.table.width / 3 : 10;
	}
	if ((rc = sw_matcher_new(&m, t, r.lexicon, &err)) == SW_OK)
		sw_matcher_with_compounds(m, cli_has(&a, "--with-compounds"));
	if (rc ||
	    (rc = sw_analyzer_new(&an, r.lexicon, NULL, &err)) ||
	    (rc = sw_counts_new(&c, r.lexicon, &err)) ||
	    (rc = cli_writer_new(&w, &r, fields, NFIELDS, &err))) {
		status = cli_fail("kwic", rc, &err);
		goto done;
	}
	{
		sw_kv params[6];
		size_t np = 0;
		params[np++] = (sw_kv){ "dict", SW_FIELD_STRING, { dict, dict ? strlen(dict) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "terms", SW_FIELD_INT, { NULL, 0, (long long)sw_themes_count(t), 0 } };
		params[np++] = (sw_kv){ "window", SW_FIELD_INT, { NULL, 0, sentence ? -1 : (long long)window, 0 } };
		params[np++] = (sw_kv){ "sentence", SW_FIELD_BOOL, { NULL, 0, sentence, 0 } };
		params[np++] = (sw_kv){ "limit", SW_FIELD_INT, { NULL, 0, (long long)limit, 0 } };
		params[np++] = (sw_kv){ "with_compounds", SW_FIELD_BOOL,
					{ NULL, 0, cli_has(&a, "--with-compounds"), 0 } };
		if ((rc = sw_writer_begin(w, "kwic", params, np, &err))) {
			status = cli_fail("kwic", rc, &err);
			goto done;
		}
	}
	while ((!limit || lines < limit) && (rc = sw_corpus_next(&doc, r.corpus, &err)) == 1) {
		const sw_atoken *tk;
		const sw_match *ms;
		const char *text;
		size_t n, nm, i, tlen;

		if ((rc = sw_analyze(&tk, &n, an, doc->text, doc->len, &err)) ||
		    (rc = sw_counts_add(c, doc, tk, n, &err)))
			break;
		if (n > cap) {
			size_t nc = n + n / 2 + 16;
			sw_term_id *nf = realloc(forms, nc * sizeof *forms);
			uint8_t *nt, *nfl;
			if (nf)
				forms = nf;
			nt = nf ? realloc(types, nc) : NULL;
			if (nt)
				types = nt;
			nfl = nt ? realloc(flags, nc) : NULL;
			if (!nfl)
				goto oom;
			flags = nfl;
			cap = nc;
		}
		for (i = 0; i < n; i++) {
			forms[i] = tk[i].term.form;
			types[i] = (uint8_t)tk[i].tok.type;
			flags[i] = (i == 0 || tk[i].tok.sentence != tk[i - 1].tok.sentence) ? SW_CT_SENT : 0;
		}
		if ((rc = sw_matcher_run_flags(&ms, &nm, m, forms, types, flags, n, &err)))
			break;
		text = sw_analyzer_text(an, &tlen);
		for (i = 0; i < nm && (!limit || lines < limit); i++) {
			size_t first = ms[i].first, last = ms[i].first + ms[i].ntok - 1;
			size_t lo = first, hi = last, k;
			sw_value v[NFIELDS];
			const char *pat = sw_themes_pattern(t, ms[i].theme, ms[i].pattern);
			const char *thn = sw_themes_name(t, ms[i].theme);

			cut_left = cut_right = 0;
			if (sentence) {
				/* the sentence, but at most KWIC_SENTENCE_MAX characters
				 * each side, whole tokens, cut marked with an ellipsis */
				size_t chars = 0;
				while (lo > 0 && tk[lo - 1].tok.sentence == tk[first].tok.sentence) {
					chars += columns(text + tk[lo - 1].tok.start,
							 tk[lo].tok.start - tk[lo - 1].tok.start);
					if (chars > KWIC_SENTENCE_MAX) {
						cut_left = 1;
						break;
					}
					lo--;
				}
				chars = 0;
				while (hi + 1 < n && tk[hi + 1].tok.sentence == tk[last].tok.sentence) {
					chars += columns(text + tk[hi].tok.start + tk[hi].tok.len,
							 tk[hi + 1].tok.start + tk[hi + 1].tok.len -
								 (tk[hi].tok.start + tk[hi].tok.len));
					if (chars > KWIC_SENTENCE_MAX) {
						cut_right = 1;
						break;
					}
					hi++;
				}
			} else {
				/* window tokens on each side, punctuation not counted
				 * but kept when it lies inside the window */
				for (k = 0; k < window && lo > 0;) {
					lo--;
					if (tk[lo].tok.type != SW_TOKEN_PUNCT)
						k++;
				}
				for (k = 0; k < window && hi + 1 < n;) {
					hi++;
					if (tk[hi].tok.type != SW_TOKEN_PUNCT)
						k++;
				}
				/* punctuation right after the window's last word */
				while (window && hi + 1 < n && tk[hi + 1].tok.type == SW_TOKEN_PUNCT &&
				       tk[hi + 1].tok.start == tk[hi].tok.start + tk[hi].tok.len)
					hi++;
			}
			if (collapse(&left, text + tk[lo].tok.start, lo < first ? tk[first].tok.start - tk[lo].tok.start : 0) ||
			    collapse(&match, text + tk[first].tok.start,
				     tk[last].tok.start + tk[last].tok.len - tk[first].tok.start) ||
			    collapse(&right, text + tk[last].tok.start + tk[last].tok.len,
				     hi > last ? tk[hi].tok.start + tk[hi].tok.len -
							 (tk[last].tok.start + tk[last].tok.len)
					       : 0))
				goto oom;
			if ((cut_left && mark_cut(&left, 1)) || (cut_right && mark_cut(&right, 0)))
				goto oom;
			if (table && align_left(&aligned, left.p, left.len, left_cols))
				goto oom;
			memset(v, 0, sizeof v);
			v[0].s = doc->id;
			v[0].len = strlen(doc->id);
			v[1].s = doc->date;
			v[1].len = doc->date ? strlen(doc->date) : 0;
			v[2].s = doc->group;
			v[2].len = doc->group ? strlen(doc->group) : 0;
			v[3].s = thn;
			v[3].len = strlen(thn);
			v[4].s = pat;
			v[4].len = strlen(pat);
			v[5].i = (long long)tk[first].orig_start;
			v[6].i = (long long)tk[last].orig_end;
			v[7].s = table ? aligned.p : left.p;
			v[7].len = table ? aligned.len : left.len;
			v[8].s = match.p;
			v[8].len = match.len;
			v[9].s = right.p;
			v[9].len = right.len;
			if ((rc = sw_writer_row(w, v, &err)))
				break;
			lines++;
		}
		if (rc)
			break;
	}
	if (rc < 0) {
		if (r.format != SW_FORMAT_JSON) {
			sw_error ferr;
			if (sw_writer_flush(w, &ferr) == SW_OK)
				fflush(r.out);
		}
		status = cli_fail("kwic", rc, &err);
		goto done;
	}
	if ((rc = sw_counts_finish(c, &err))) {
		status = cli_fail("kwic", rc, &err);
		goto done;
	}
	{
		/* "types": the keys that occur; the matcher added its pattern
		 * words to the lexicon before counting (themes.h) */
		sw_kv kv[16];
		size_t nkv = cli_corpus_kv(&r, c, kv), k, nkeys = 0;
		const uint32_t *kc = sw_counts_key_count(c);
		for (k = 0; k < sw_counts_nkeys(c); k++)
			nkeys += kc[k] > 0;
		for (k = 0; k < nkv; k++)
			if (strcmp(kv[k].key, "types") == 0)
				kv[k].v.i = (long long)nkeys;
		if ((rc = sw_writer_end(w, kv, nkv, r.warnings, r.nwarnings, &err))) {
			status = cli_fail("kwic", rc, &err);
			goto done;
		}
		status = cli_output_done(&r);
	}
	goto done;
oom:
	fputs("stichwort kwic: out of memory\n", stderr);
	status = SW_EXIT_FAILURE;
done:
	free(forms);
	free(types);
	free(flags);
	free(left.p);
	free(match.p);
	free(right.p);
	free(aligned.p);
	sw_writer_free(w);
	sw_counts_free(c);
	sw_analyzer_free(an);
	sw_matcher_free(m);
	cli_run_close(&r);
done_args:
	sw_themes_free(t);
	cli_args_free(&a);
	free(opts);
	return status;
}
