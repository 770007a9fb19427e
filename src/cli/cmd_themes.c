/*
 * cli/cmd_themes.c - `stichwort themes`: how often the themes of a
 * dictionary (or terms given inline) occur in the corpus, per document,
 * group or period (docs/themes.md).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt themes_opts[] = {
	{ "--dict", 'd', OPT_VALUE, "FILE", "theme dictionary (JSON, see docs/themes.md)" },
	{ "--terms", 't', OPT_LIST, "A,B,...", "inline dictionary: one theme per term (word, =word, glob, stem:, phrase; repeatable)" },
	{ "--by", 0, OPT_VALUE, "FIELD", "count per unit: doc, group, year, quarter, month or a metadata field (default: the corpus)" },
	{ "--per-pattern", 0, OPT_FLAG, NULL, "one record per theme and pattern instead of per theme" },
	{ "--with-compounds", 0, OPT_FLAG, NULL, "a word also matches the compounds it heads (Sicherheit: Datensicherheit, IT-Sicherheit)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort themes [INPUT...] (--dict FILE | --terms A,B,...) [--by FIELD] [options]\n"
	      "\n"
	      "Count the matches of each theme of a dictionary in the corpus, or per unit with\n"
	      "--by.  Patterns (docs/themes.md): a word matches its inflected forms (same key:\n"
	      "the lemma), =word the exact word, souverän* / *souveränität globs, stem:KEY a key,\n"
	      "\"digitale souveränität\" consecutive words, Open-Source the compound and the\n"
	      "words apart.  Within a theme the longest match wins and matches do not overlap.\n"
	      "Records, one per unit and theme (all of them, zeros included):\n"
	      "  theme           theme name (dictionary order)\n"
	      "  count           matches of the theme in the unit\n"
	      "  per_10k         count per 10,000 tokens of the unit (punctuation not counted)\n"
	      "  docs            documents of the unit with at least one match\n"
	      "  docs_in_unit    documents in the unit\n"
	      "  tokens_in_unit  tokens of the unit (punctuation not counted)\n"
	      "  patterns        which patterns matched how often: \"PATTERN:COUNT\" joined\n"
	      "                  by \"; \", most frequent first (split at the last ':')\n"
	      "and with --by the unit's label under the field's name (year, group, ...).\n"
	      "With --per-pattern one record per unit, theme and pattern (dictionary order)\n"
	      "with a \"pattern\" field instead of \"patterns\"; count, per_10k and docs are\n"
	      "then the pattern's, and they add up to the theme's count.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort themes corpora/ --dict docs/examples/digitale-souveraenitaet.json\n"
	      "  stichwort themes corpora/ --dict dict.json --by year --format csv -o themes.csv\n"
	      "  stichwort themes corpora/ --terms 'souverän*,open source,=Cloud' --by group\n", f);
}

/* The terms of --terms: every value split at commas (empty pieces are
 * left out).  Returns a malloc'd array of malloc'd strings. */
static char **split_terms(const char *const *vals, size_t nv, size_t *n_out)
{
	char **out = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < nv; i++) {
		const char *p = vals[i];
		for (;;) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			size_t a = 0, b = len;
			while (a < b && (p[a] == ' ' || p[a] == '\t'))
				a++;
			while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
				b--;
			if (b > a) {
				if (n == cap) {
					char **nw;
					cap = cap ? 2 * cap : 8;
					if (!(nw = realloc(out, cap * sizeof *out)))
						goto oom;
					out = nw;
				}
				if (!(out[n] = malloc(b - a + 1)))
					goto oom;
				memcpy(out[n], p + a, b - a);
				out[n++][b - a] = '\0';
			}
			if (!q)
				break;
			p = q + 1;
		}
	}
	*n_out = n;
	if (!out)
		out = calloc(1, sizeof *out);
	return out;
oom:
	while (n)
		free(out[--n]);
	free(out);
	*n_out = 0;
	return NULL;
}

static void free_terms(char **t, size_t n)
{
	while (n)
		free(t[--n]);
	free(t);
}

/* Order of patterns in the "patterns" field: count descending, then
 * dictionary order. */
typedef struct pat_count {
	size_t pattern;
	unsigned long long count;
} pat_count;

static int cmp_pat(const void *a, const void *b)
{
	const pat_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* Append "PATTERN:COUNT" entries to a growing string. */
static int append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t nc = *cap ? *cap : 256;
		char *nb;
		while (nc < *len + n + 1)
			nc *= 2;
		if (!(nb = realloc(*buf, nc)))
			return -1;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

int cmd_themes(int argc, char **argv)
{
	size_t nopts, nf, nu, u, th, nt, d, i, ndocs, nterms = 0, nv = 0;
	size_t *ufirst = NULL, *udoc = NULL;
	cli_opt *opts = cli_opts_with_common(themes_opts, sizeof themes_opts / sizeof *themes_opts,
					     &nopts);
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_units *units = NULL;
	sw_themes *t = NULL;
	sw_matcher *m = NULL;
	sw_theme_counts *tc = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_field fields[9];
	const char *by, *dict;
	const char *const *tv;
	char **terms = NULL, *pbuf = NULL;
	size_t plen = 0, pcap = 0;
	unsigned long long *ucount = NULL, *udocs = NULL;
	pat_count *pc = NULL;
	int status, rc, per_pattern;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "themes", usage)) >= 0) {
		free(opts);
		return status;
	}
	by = cli_value(&a, "--by");
	dict = cli_value(&a, "--dict");
	tv = cli_list(&a, "--terms", &nv);
	per_pattern = cli_has(&a, "--per-pattern");
	if ((dict != NULL) == (nv > 0)) {
		fputs("stichwort themes: give a dictionary (--dict FILE) or terms (--terms A,B,...), one of the two\n",
		      stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (by && !*by) {
		fputs("stichwort themes: --by needs a field name\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (dict) {
		if ((status = cli_load_themes("themes", dict, &t)))
			goto done_args;
	} else {
		if (!(terms = split_terms(tv, nv, &nterms))) {
			fputs("stichwort themes: out of memory\n", stderr);
			status = SW_EXIT_FAILURE;
			goto done_args;
		}
		if ((rc = sw_themes_from_terms(&t, (const char *const *)terms, nterms, &err))) {
			if (rc == SW_EFORMAT) {
				fprintf(stderr, "stichwort themes: --terms: %s\n", cli_escaped(err.message));
				status = SW_EXIT_USAGE;
			} else {
				status = cli_fail("themes", rc, &err);
			}
			goto done_args;
		}
	}
	if ((status = cli_run_open(&r, &a, "themes")))
		goto done;
	/* the patterns are matched document by document while loading; the
	 * counts keep no token arrays (unless units are single documents) */
	if ((rc = sw_matcher_new(&m, t, r.lexicon, &err)) == SW_OK)
		sw_matcher_with_compounds(m, cli_has(&a, "--with-compounds"));
	if (rc ||
	    (rc = sw_theme_counts_begin(&tc, m, &err))) {
		status = cli_fail("themes", rc, &err);
		goto done;
	}
	if (!by || (strcmp(by, "doc") && strcmp(by, "id")))
		r.aggregate_by = by ? by : "corpus";
	r.on_doc = cli_theme_doc;
	r.on_doc_payload = tc;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	if ((rc = sw_units_new(&units, c, by, &err))) {
		status = cli_fail("themes", rc, &err);
		goto done;
	}
	if ((status = cli_check_by("themes", by, units, c)))
		goto done;
	nt = sw_themes_count(t);
	nu = sw_units_count(units);
	ndocs = sw_counts_ndocs(c);
	nf = 0;
	if (by)
		fields[nf++] = (sw_field){ by, SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "theme", SW_FIELD_STRING };
	if (per_pattern)
		fields[nf++] = (sw_field){ "pattern", SW_FIELD_STRING };
	fields[nf++] = (sw_field){ "count", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "per_10k", SW_FIELD_REAL };
	fields[nf++] = (sw_field){ "docs", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "docs_in_unit", SW_FIELD_INT };
	fields[nf++] = (sw_field){ "tokens_in_unit", SW_FIELD_INT };
	if (!per_pattern)
		fields[nf++] = (sw_field){ "patterns", SW_FIELD_STRING };
	if ((rc = cli_writer_new(&w, &r, fields, nf, &err))) {
		status = cli_fail("themes", rc, &err);
		goto done;
	}
	{
		const char *bys = sw_units_by(units);
		sw_kv params[6];
		size_t np = 0;
		params[np++] = (sw_kv){ "dict", SW_FIELD_STRING, { dict, dict ? strlen(dict) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "by", SW_FIELD_STRING, { bys, strlen(bys), 0, 0 } };
		params[np++] = (sw_kv){ "with_compounds", SW_FIELD_BOOL,
					{ NULL, 0, cli_has(&a, "--with-compounds"), 0 } };
		params[np++] = (sw_kv){ "themes", SW_FIELD_INT, { NULL, 0, (long long)nt, 0 } };
		params[np++] = (sw_kv){ "patterns", SW_FIELD_INT, { NULL, 0, (long long)sw_themes_total_patterns(t), 0 } };
		params[np++] = (sw_kv){ "per_pattern", SW_FIELD_BOOL, { NULL, 0, per_pattern, 0 } };
		if ((rc = sw_writer_begin(w, "themes", params, np, &err))) {
			status = cli_fail("themes", rc, &err);
			goto done;
		}
	}
	{
		size_t maxp = 1;
		for (th = 0; th < nt; th++)
			if (sw_themes_npatterns(t, th) > maxp)
				maxp = sw_themes_npatterns(t, th);
		ucount = calloc(maxp, sizeof *ucount);
		udocs = calloc(maxp, sizeof *udocs);
		pc = calloc(maxp, sizeof *pc);
		if (!ucount || !udocs || !pc) {
			fputs("stichwort themes: out of memory\n", stderr);
			status = SW_EXIT_FAILURE;
			goto done;
		}
	}
	/* the documents of each unit, in document order: a counting sort */
	if (!(ufirst = calloc(nu + 1, sizeof *ufirst)) || !(udoc = malloc((ndocs + 1) * sizeof *udoc)))
		goto oom;
	for (d = 0; d < ndocs; d++)
		ufirst[sw_units_of_doc(units, d) + 1]++;
	for (u = 0; u < nu; u++)
		ufirst[u + 1] += ufirst[u];
	for (d = 0; d < ndocs; d++)
		udoc[ufirst[sw_units_of_doc(units, d)]++] = d;
	for (u = nu; u > 0; u--)
		ufirst[u] = ufirst[u - 1];
	ufirst[0] = 0;
	for (u = 0; u < nu; u++) {
		const char *label = sw_units_label(units, u);
		size_t tokens = sw_units_counted(units, u);
		for (th = 0; th < nt; th++) {
			size_t npat = sw_themes_npatterns(t, th), p;
			unsigned long long count = 0, docs = 0;
			memset(ucount, 0, npat * sizeof *ucount);
			memset(udocs, 0, npat * sizeof *udocs);
			for (i = ufirst[u]; i < ufirst[u + 1]; i++) {
				uint32_t k;
				d = udoc[i];
				k = sw_theme_counts_doc(tc, d, th);
				if (!k)
					continue;
				count += k;
				docs++;
				for (p = 0; p < npat; p++) {
					uint32_t kp = sw_theme_counts_doc_pattern(tc, d, th, p);
					ucount[p] += kp;
					udocs[p] += kp > 0;
				}
			}
			for (p = 0; p < (per_pattern ? npat : 1); p++) {
				sw_value v[9];
				size_t j = 0;
				unsigned long long cnt = per_pattern ? ucount[p] : count;
				memset(v, 0, sizeof v);
				if (by) {
					v[j].s = label;
					v[j++].len = label ? strlen(label) : 0;
				}
				v[j].s = sw_themes_name(t, th);
				v[j++].len = strlen(sw_themes_name(t, th));
				if (per_pattern) {
					v[j].s = sw_themes_pattern(t, th, p);
					v[j].len = strlen(v[j].s);
					j++;
				}
				v[j++].i = (long long)cnt;
				v[j++].r = tokens ? (double)cnt * 10000.0 / (double)tokens : 0.0;
				v[j++].i = (long long)(per_pattern ? udocs[p] : docs);
				v[j++].i = (long long)sw_units_ndocs(units, u);
				v[j++].i = (long long)tokens;
				if (!per_pattern) {
					size_t q, npc = 0;
					for (q = 0; q < npat; q++)
						if (ucount[q])
							pc[npc++] = (pat_count){ q, ucount[q] };
					qsort(pc, npc, sizeof *pc, cmp_pat);
					plen = 0;
					if (append(&pbuf, &plen, &pcap, "", 0))
						goto oom;
					for (q = 0; q < npc; q++) {
						char num[32];
						const char *ps = sw_themes_pattern(t, th, pc[q].pattern);
						int nn = snprintf(num, sizeof num, ":%llu", pc[q].count);
						if ((q && append(&pbuf, &plen, &pcap, "; ", 2)) ||
						    append(&pbuf, &plen, &pcap, ps, strlen(ps)) ||
						    append(&pbuf, &plen, &pcap, num, (size_t)nn))
							goto oom;
					}
					v[j].s = pbuf;
					v[j++].len = plen;
				}
				if ((rc = sw_writer_row(w, v, &err))) {
					status = cli_fail("themes", rc, &err);
					goto done;
				}
			}
		}
	}
	status = cli_finish(&r, w, c);
	goto done;
oom:
	fputs("stichwort themes: out of memory\n", stderr);
	status = SW_EXIT_FAILURE;
done:
	free(ufirst);
	free(udoc);
	free(ucount);
	free(udocs);
	free(pc);
	free(pbuf);
	sw_writer_free(w);
	sw_theme_counts_free(tc);
	sw_matcher_free(m);
	sw_units_free(units);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	sw_themes_free(t);
	if (terms)
		free_terms(terms, nterms);
	cli_args_free(&a);
	free(opts);
	return status;
}
