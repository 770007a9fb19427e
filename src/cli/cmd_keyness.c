/*
 * cli/cmd_keyness.c - `stichwort keyness`: the words and phrases a target
 * (a group, a period, a date range) uses more, and less, often than a
 * reference (the other documents, another group or period, or a
 * frequency list).  Statistics in include/stichwort/keyness.h and
 * docs/keyness.md.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt keyness_opts[] = {
	{ "--with-compounds", 0, OPT_FLAG, NULL, "a word's counts include the compounds it heads (Sicherheit: Datensicherheit, IT-Sicherheit)" },
	{ "--by", 0, OPT_VALUE, "FIELD", "group|year|quarter|month|doc|title or any metadata field" },
	{ "--target", 0, OPT_VALUE, "VALUE", "the target: documents whose --by value is VALUE" },
	{ "--reference", 0, OPT_VALUE, "VALUE", "the reference: documents whose --by value is VALUE (default: all others)" },
	{ "--target-dates", 0, OPT_VALUE, "RANGE", "the target: documents dated in RANGE (FROM..TO, inclusive)" },
	{ "--reference-dates", 0, OPT_VALUE, "RANGE", "the reference: documents dated in RANGE (default: dated outside the target's)" },
	{ "--reference-list", 0, OPT_VALUE, "FILE", "the reference as a frequency list (term<TAB>count; see --help), or builtin: general political German" },
	{ "--measure", 0, OPT_VALUE, "M", "g2|chi2|log_ratio|g2_docs: ranking (default g2)" },
	{ "--min-count", 0, OPT_VALUE, "N", "keep terms with count_target + count_reference >= N (default 2)" },
	{ "--min-docs", 0, OPT_VALUE, "N", "a term of direction target must be in N target documents, or in all if there are fewer (default 3; 0: no floor)" },
	{ "--top", 'n', OPT_VALUE, "N", "the N strongest records of each direction (default 20; 0 = all)" },
	{ "--p", 0, OPT_VALUE, "ALPHA", "keep records with p < ALPHA (default: no cut)" },
	{ "--bonferroni", 0, OPT_FLAG, NULL, "divide ALPHA (default 0.05) by the number of terms tested" },
	{ "--no-phrases", 0, OPT_FLAG, NULL, "single words only (no multiword phrases)" },
	{ "--themes", 0, OPT_VALUE, "FILE", "compare the themes of a dictionary (docs/themes.md) instead of terms" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort keyness [INPUT...] --by FIELD --target VALUE [--reference VALUE]\n"
	      "       stichwort keyness [INPUT...] --target-dates FROM..TO [--reference-dates FROM..TO]\n"
	      "       stichwort keyness [INPUT...] [--by FIELD --target VALUE] --reference-list FILE\n"
	      "\n"
	      "Compare a target with a reference: which words and phrases does the target use\n"
	      "more often (direction \"target\"), and which less often (direction \"reference\")?\n"
	      "Each term gets a 2x2 table: a, b its counts in target and reference, c, d their\n"
	      "counted tokens (all but punctuation).  Statistics (docs/keyness.md):\n"
	      "  g2         log-likelihood over the full 2x2 table (Dunning 1993):\n"
	      "             2 sum O ln(O/E) over the term's cells and the other tokens' cells\n"
	      "  p          p-value of g2, chi-square with 1 degree of freedom\n"
	      "  chi2       Pearson's chi-square of the same table, no Yates correction\n"
	      "  log_ratio  log2((a/c) / (b/d)), a zero count taken as 0.5 (Hardie 2014)\n"
	      "  g2_docs    text-dispersion keyness (Egbert & Biber 2019): g2 of the documents\n"
	      "             containing the term out of each side's documents, not of tokens: a\n"
	      "             term used often in a few documents scores low; none with a list\n"
	      "The target is the documents whose --by value is VALUE (--by year --target 2024,\n"
	      "--by group --target Kommune) and/or those dated in --target-dates (2023..2025,\n"
	      "2024-03.., ..2020; bounds YYYY[-MM[-DD]], inclusive).  The reference is the\n"
	      "documents with --reference VALUE and/or dated in --reference-dates, else every\n"
	      "other document (undated ones are left out when dates decide).  With\n"
	      "--reference-list the reference is a frequency list: lines \"term<TAB>count\" or\n"
	      "\"term,count\", \"#\" comments, \"#total N\" for the list's token total (else the\n"
	      "sum of the counts); its terms are keyed like the corpus, phrases allowed;\n"
	      "\"#key lemma\" before lines \"key<TAB>display<TAB>count\" gives lemma keys as\n"
	      "`stichwort terms` prints them.  --reference-list builtin is the list built in:\n"
	      "the Bundestag's speeches of 2022-2023 (data/reference/README.md).\n"
	      "Records:\n"
	      "  term               display form (most frequent way it is written)\n"
	      "  key                the key: lemma, or stem with --key stem (words of a phrase\n"
	      "                     joined by spaces)\n"
	      "  n                  words (1 for a single term)\n"
	      "  count_target       a: occurrences in the target\n"
	      "  count_reference    b: occurrences in the reference\n"
	      "  per_10k_target     a / c * 10000\n"
	      "  per_10k_reference  b / d * 10000\n"
	      "  docs_target        target documents containing it\n"
	      "  docs_reference     reference documents containing it (0 for a list)\n"
	      "  g2, p, chi2, log_ratio, g2_docs   as above (g2_docs null/empty with a list)\n"
	      "  direction          target (more frequent in the target) or reference; with\n"
	      "                     --measure g2_docs: in a larger share of its documents\n"
	      "With --themes FILE the records are the dictionary's themes instead (term and\n"
	      "key: the theme's name; counts: its matches, as `stichwort themes` counts them).\n"
	      "Order: direction target first, then reference; within each, the --measure\n"
	      "(g2, chi2, |log_ratio| or g2_docs) highest first, ties by key, words before\n"
	      "phrases, then first occurrence.  --top N applies to each direction.  A term\n"
	      "is key for the target only when it is in --min-docs 3 of the target's\n"
	      "documents (all of them if there are fewer): one document that repeats a\n"
	      "word cannot make it key.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort keyness corpora/ --by group --target Kommune\n"
	      "  stichwort keyness corpora/ --by group --target Kommune --reference Bund --top 10\n"
	      "  stichwort keyness corpora/ --by year --target 2024 --measure log_ratio\n"
	      "  stichwort keyness corpora/ --by group --target Kommune --measure g2_docs\n"
	      "  stichwort keyness corpora/ --target-dates 2023..2025 --reference-dates 2019..2020\n"
	      "  stichwort keyness corpora/ --by group --target Partei --p 0.05 --bonferroni\n"
	      "  stichwort keyness corpora/ --reference-list allgemein.tsv --format csv\n"
	      "  stichwort keyness corpora/ --by group --target Kommune --themes themen.json\n", f);
}

/* Print the values of a grouping (for an unknown --target or --reference). */
static void print_values(const sw_units *u)
{
	size_t i, shown = 0, n = sw_units_count(u);

	fputs("  available values:", stderr);
	for (i = 0; i < n; i++) {
		const char *l = sw_units_label(u, i);
		if (!l)
			continue;
		if (shown == 30) {
			fprintf(stderr, " ... (%zu in all)", n);
			break;
		}
		fprintf(stderr, "%s \"%s\" (%zu)", shown ? "," : "", cli_escaped(l),
			sw_units_ndocs(u, i));
		shown++;
	}
	if (!shown)
		fputs(" none: no document has this field", stderr);
	fputc('\n', stderr);
}

/* The unit labelled value, or SIZE_MAX. */
static size_t find_unit(const sw_units *u, const char *value)
{
	size_t i;

	for (i = 0; i < sw_units_count(u); i++) {
		const char *l = sw_units_label(u, i);
		if (l && strcmp(l, value) == 0)
			return i;
	}
	return SIZE_MAX;
}

typedef struct sel {
	const char *by, *target, *reference, *tdates, *rdates, *list;
	sw_date_range tr, rr;
} sel;

/*
 * The unit that decides every document's side, for counts aggregated
 * while loading: the --by field (with no date range), "date" (date ranges
 * alone), "corpus" (a reference list for the whole corpus); NULL (keep
 * token arrays) when a field and dates decide together, or units are
 * single documents.
 */
static const char *aggregate_unit(const sel *s)
{
	int dates = s->tdates || s->rdates;

	if (s->by)
		return !dates && strcmp(s->by, "doc") && strcmp(s->by, "id") ? s->by : NULL;
	return dates ? "date" : "corpus";
}

/*
 * Mark each document: target, reference or neither.  Returns 0 or an
 * exit status (message printed).  *undecided gets the documents left out
 * because their date could not be placed.
 */
static int mark(uint8_t *side, size_t *undecided, const sw_counts *c, const sel *s)
{
	sw_units *u = NULL;
	sw_error err = { 0 };
	size_t nd = sw_counts_ndocs(c), d, ut = SIZE_MAX, ur = SIZE_MAX, nt = 0, nr = 0, both = 0;
	int rc;

	*undecided = 0;
	if (s->by) {
		if ((rc = sw_units_new(&u, c, s->by, &err)))
			return cli_fail("keyness", rc, &err);
		ut = find_unit(u, s->target);
		if (ut == SIZE_MAX) {
			fprintf(stderr, "stichwort keyness: no document has %s '%s'\n", s->by, s->target);
			print_values(u);
			sw_units_free(u);
			return SW_EXIT_USAGE;
		}
		if (s->reference) {
			ur = find_unit(u, s->reference);
			if (ur == SIZE_MAX) {
				fprintf(stderr, "stichwort keyness: no document has %s '%s' (--reference)\n",
					s->by, s->reference);
				print_values(u);
				sw_units_free(u);
				return SW_EXIT_USAGE;
			}
		}
	}
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		size_t un = u ? sw_units_of_doc(u, d) : SIZE_MAX;
		int tx = s->tdates ? sw_date_range_test(&s->tr, doc->date) : 1;
		int by_t = !u || un == ut;
		int is_t = by_t && tx == 1, is_r;

		if (s->reference || s->rdates) {
			int rx = s->rdates ? sw_date_range_test(&s->rr, doc->date) : 1;
			is_r = (!s->reference || un == ur) && rx == 1;
			if (s->rdates && rx < 0 && (!s->reference || un == ur))
				(*undecided)++;
		} else {
			/* the rest: whatever is surely not the target */
			is_r = (u && un != ut) || (s->tdates && tx == 0);
		}
		if (s->tdates && tx < 0 && by_t && !is_r)
			(*undecided)++;
		if (is_t && is_r)
			both++;
		side[d] = is_t ? SW_KEYNESS_TARGET : is_r ? SW_KEYNESS_REFERENCE : SW_KEYNESS_NONE;
		nt += is_t;
		nr += is_r && !is_t;
	}
	sw_units_free(u);
	if (both) {
		fprintf(stderr, "stichwort keyness: %zu document%s would be in both target and reference;"
			" give a target and a reference that do not overlap\n", both, both == 1 ? "" : "s");
		return SW_EXIT_USAGE;
	}
	if (!nt) {
		fprintf(stderr, "stichwort keyness: the target has no documents");
		if (s->tdates)
			fprintf(stderr, " (none dated in %s%s%s)", s->tdates, s->by ? " with that " : "",
				s->by ? s->by : "");
		fputc('\n', stderr);
		return SW_EXIT_USAGE;
	}
	if (!nr && !s->list) {
		fprintf(stderr, "stichwort keyness: the reference is empty: every document is in the target"
			" or left out; give --reference, --reference-dates or --reference-list\n");
		return SW_EXIT_USAGE;
	}
	return 0;
}

static int parse_alpha(const char *v, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno || end == v || *end || !(x > 0.0) || !(x <= 1.0)) {
		fprintf(stderr, "stichwort keyness: --p needs a number in (0, 1], not '%s'\n", v);
		return SW_EXIT_USAGE;
	}
	*out = x;
	return 0;
}

/* A bad line of the reference list: on stderr, counted as a problem
 * (exit status 1), and kept for the JSON envelope's warnings. */
static sw_value str_value(const char *s)
{
	sw_value v;

	memset(&v, 0, sizeof v);
	v.s = s;
	v.len = s ? strlen(s) : 0;
	return v;
}

int cmd_keyness(int argc, char **argv)
{
	size_t nopts, top = 20, min_count = 2, min_docs = 3, i, undecided = 0;
	cli_opt *opts = cli_opts_with_common(keyness_opts, sizeof keyness_opts / sizeof *keyness_opts,
					     &nopts);
	sw_keyness_options ko = SW_KEYNESS_OPTIONS_INIT;
	cli_args a;
	cli_run r;
	sel s;
	sw_counts *c = NULL;
	sw_reflist *list = NULL;
	sw_keyness *k = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_field fields[15];
	uint8_t *side = NULL;
	const char *m, *themes_path;
	sw_themes *themes = NULL;
	sw_matcher *matcher = NULL;
	sw_theme_counts *tcounts = NULL;
	sw_keyness_item *items = NULL;
	uint32_t *item_counts = NULL;
	double alpha = 0.0;
	int status, rc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "keyness", usage)) >= 0) {
		free(opts);
		return status;
	}
	memset(&s, 0, sizeof s);
	s.by = cli_value(&a, "--by");
	s.target = cli_value(&a, "--target");
	s.reference = cli_value(&a, "--reference");
	s.tdates = cli_value(&a, "--target-dates");
	s.rdates = cli_value(&a, "--reference-dates");
	s.list = cli_value(&a, "--reference-list");
	themes_path = cli_value(&a, "--themes");
	status = SW_EXIT_USAGE;
	if (themes_path && s.list) {
		fputs("stichwort keyness: --themes compares documents; it takes no --reference-list\n", stderr);
		goto done_args;
	}
	if (s.target && !s.by) {
		fputs("stichwort keyness: --target VALUE needs --by FIELD (e.g. --by group --target Kommune)\n",
		      stderr);
		goto done_args;
	}
	if (s.by && !s.target) {
		fputs("stichwort keyness: --by FIELD needs --target VALUE\n", stderr);
		goto done_args;
	}
	if (s.reference && !s.by) {
		fputs("stichwort keyness: --reference VALUE needs --by FIELD\n", stderr);
		goto done_args;
	}
	if (s.by && s.reference && strcmp(s.target, s.reference) == 0) {
		fputs("stichwort keyness: --target and --reference are the same\n", stderr);
		goto done_args;
	}
	if (s.list && (s.reference || s.rdates)) {
		fputs("stichwort keyness: --reference-list is the reference; it takes no --reference"
		      " or --reference-dates\n", stderr);
		goto done_args;
	}
	if (!s.target && !s.tdates && !s.list) {
		fputs("stichwort keyness: no target: give --by FIELD --target VALUE, --target-dates RANGE"
		      " or --reference-list FILE (see 'stichwort keyness --help')\n", stderr);
		goto done_args;
	}
	if (s.rdates && !s.target && !s.tdates) {
		fputs("stichwort keyness: --reference-dates needs a target (--by/--target or --target-dates)\n",
		      stderr);
		goto done_args;
	}
	if ((s.tdates && (rc = sw_date_range_parse(&s.tr, s.tdates, &err))) ||
	    (s.rdates && (rc = sw_date_range_parse(&s.rr, s.rdates, &err)))) {
		fprintf(stderr, "stichwort keyness: %s\n", cli_escaped(err.message));
		goto done_args;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 0, 100000000)) ||
	    (status = cli_uint_opt(&a, "--min-count", &min_count, 1, 1000000000)) ||
	    (status = cli_uint_opt(&a, "--min-docs", &min_docs, 0, 1000000000)))
		goto done_args;
	if (cli_value(&a, "--p") && (status = parse_alpha(cli_value(&a, "--p"), &alpha)))
		goto done_args;
	m = cli_value(&a, "--measure");
	if (m && sw_keyness_measure_parse(&ko.measure, m)) {
		fprintf(stderr, "stichwort keyness: unknown measure '%s' (g2, chi2, log_ratio, g2_docs)\n",
			cli_escaped(m));
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (ko.measure == SW_KEYNESS_G2_DOCS && s.list) {
		fputs("stichwort keyness: --measure g2_docs counts documents; a --reference-list has"
		      " none (use g2, chi2 or log_ratio)\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	ko.min_count = min_count;
	ko.min_docs = min_docs;
	ko.top = top ? top : SIZE_MAX;
	ko.alpha = alpha;
	ko.bonferroni = cli_has(&a, "--bonferroni");
	ko.no_phrases = cli_has(&a, "--no-phrases");
	if (themes_path && (status = cli_load_themes("keyness", themes_path, &themes)))
		goto done;
	if ((status = cli_run_open(&r, &a, "keyness")))
		goto done;
	ko.nthreads = r.threads;
	ko.with_compounds = cli_has(&a, "--with-compounds");
	if (ko.no_phrases || themes_path) {
		/* words or themes only: counted per unit while loading, no token
		 * arrays, when one unit decides each document's side */
		r.aggregate_by = aggregate_unit(&s);
		if (themes_path) {
			if ((rc = sw_matcher_new(&matcher, themes, r.lexicon, &err)) ||
			    (rc = sw_theme_counts_begin(&tcounts, matcher, &err))) {
				status = cli_fail("keyness", rc, &err);
				goto done;
			}
			r.on_doc = cli_theme_doc;
			r.on_doc_payload = tcounts;
		}
	}
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	if (s.list) { /* a file, or "builtin" */
		if ((status = cli_reference_load(&list, &r, s.list)))
			goto done;
		ko.reference_list = list;
	}
	side = calloc(sw_counts_ndocs(c) + 1, 1);
	if (!side) {
		status = cli_fail("keyness", SW_ENOMEM, NULL);
		goto done;
	}
	if (s.target || s.tdates) {
		if ((status = mark(side, &undecided, c, &s)))
			goto done;
		for (i = 0; s.list && i < sw_counts_ndocs(c); i++)
			if (side[i] == SW_KEYNESS_REFERENCE) /* the list is the reference */
				side[i] = SW_KEYNESS_NONE;
	} else {
		memset(side, SW_KEYNESS_TARGET, sw_counts_ndocs(c)); /* list mode: the whole corpus */
	}
	if (undecided && !r.quiet)
		fprintf(stderr, "stichwort keyness: note: %zu document%s left out: no date, or a date"
			" less precise than the range\n", undecided, undecided == 1 ? "" : "s");
	if (themes_path) {
		size_t nt, nd = sw_counts_ndocs(c), d, t;
		nt = sw_themes_count(themes);
		items = calloc(nt + 1, sizeof *items);
		item_counts = calloc(nd * nt + 1, sizeof *item_counts);
		if (!items || !item_counts) {
			status = cli_fail("keyness", SW_ENOMEM, NULL);
			goto done;
		}
		for (t = 0; t < nt; t++) {
			items[t].term = items[t].key = sw_themes_name(themes, t);
			items[t].term_len = items[t].key_len = strlen(items[t].term);
			items[t].n = 1;
			for (d = 0; d < nd; d++)
				item_counts[d * nt + t] = sw_theme_counts_doc(tcounts, d, t);
		}
		rc = sw_keyness_new_items(&k, c, side, items, nt, item_counts, &ko, &err);
	} else {
		rc = sw_keyness_new(&k, c, side, &ko, &err);
	}
	if (rc) {
		status = cli_fail("keyness", rc, &err);
		goto done;
	}
	fields[0] = (sw_field){ "term", SW_FIELD_STRING };
	fields[1] = (sw_field){ "key", SW_FIELD_STRING };
	fields[2] = (sw_field){ "n", SW_FIELD_INT };
	fields[3] = (sw_field){ "count_target", SW_FIELD_INT };
	fields[4] = (sw_field){ "count_reference", SW_FIELD_INT };
	fields[5] = (sw_field){ "per_10k_target", SW_FIELD_REAL };
	fields[6] = (sw_field){ "per_10k_reference", SW_FIELD_REAL };
	fields[7] = (sw_field){ "docs_target", SW_FIELD_INT };
	fields[8] = (sw_field){ "docs_reference", SW_FIELD_INT };
	fields[9] = (sw_field){ "g2", SW_FIELD_REAL };
	fields[10] = (sw_field){ "p", SW_FIELD_REAL };
	fields[11] = (sw_field){ "chi2", SW_FIELD_REAL };
	fields[12] = (sw_field){ "log_ratio", SW_FIELD_REAL };
	fields[13] = (sw_field){ "g2_docs", SW_FIELD_REAL };
	fields[14] = (sw_field){ "direction", SW_FIELD_STRING };
	if ((rc = cli_writer_new(&w, &r, fields, 15, &err))) {
		status = cli_fail("keyness", rc, &err);
		goto done;
	}
	{
		const sw_keyness_summary *sm = sw_keyness_summary_get(k);
		const char *mn = sw_keyness_measure_name(ko.measure);
		sw_kv p[24];
		size_t np = 0;
		p[np++] = (sw_kv){ "by", SW_FIELD_STRING, str_value(s.by) };
		p[np++] = (sw_kv){ "target", SW_FIELD_STRING, str_value(s.target) };
		p[np++] = (sw_kv){ "reference", SW_FIELD_STRING, str_value(s.reference) };
		p[np++] = (sw_kv){ "target_dates", SW_FIELD_STRING, str_value(s.tdates) };
		p[np++] = (sw_kv){ "reference_dates", SW_FIELD_STRING, str_value(s.rdates) };
		p[np++] = (sw_kv){ "reference_list", SW_FIELD_STRING, str_value(s.list) };
		p[np++] = (sw_kv){ "measure", SW_FIELD_STRING, { mn, strlen(mn), 0, 0 } };
		p[np++] = (sw_kv){ "with_compounds", SW_FIELD_BOOL, { NULL, 0, ko.with_compounds, 0 } };
		p[np++] = (sw_kv){ "min_count", SW_FIELD_INT, { NULL, 0, (long long)min_count, 0 } };
		p[np++] = (sw_kv){ "min_docs", SW_FIELD_INT, { NULL, 0, (long long)min_docs, 0 } };
		p[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		p[np++] = (sw_kv){ "p", SW_FIELD_REAL, { NULL, 0, 0, alpha > 0.0 ? alpha : NAN } };
		p[np++] = (sw_kv){ "bonferroni", SW_FIELD_BOOL, { NULL, 0, ko.bonferroni, 0 } };
		p[np++] = (sw_kv){ "alpha", SW_FIELD_REAL, { NULL, 0, 0, sm->alpha > 0.0 ? sm->alpha : NAN } };
		p[np++] = (sw_kv){ "tested", SW_FIELD_INT, { NULL, 0, (long long)sm->tested, 0 } };
		p[np++] = (sw_kv){ "phrases", SW_FIELD_BOOL, { NULL, 0, !ko.no_phrases && !themes_path, 0 } };
		p[np++] = (sw_kv){ "themes", SW_FIELD_STRING, str_value(themes_path) };
		p[np++] = (sw_kv){ "docs_target", SW_FIELD_INT, { NULL, 0, (long long)sm->docs_target, 0 } };
		p[np++] = (sw_kv){ "docs_reference", SW_FIELD_INT, { NULL, 0, (long long)sm->docs_reference, 0 } };
		p[np++] = (sw_kv){ "tokens_target", SW_FIELD_INT, { NULL, 0, (long long)sm->tokens_target, 0 } };
		p[np++] = (sw_kv){ "tokens_reference", SW_FIELD_INT, { NULL, 0, (long long)sm->tokens_reference, 0 } };
		if ((rc = sw_writer_begin(w, "keyness", p, np, &err))) {
			status = cli_fail("keyness", rc, &err);
			goto done;
		}
	}
	for (i = 0; i < sw_keyness_count(k); i++) {
		const sw_keyness_record *x = sw_keyness_get(k, i);
		const char *dir = x->direction == SW_KEYNESS_TARGET ? "target" : "reference";
		sw_value v[15];
		memset(v, 0, sizeof v);
		v[0].s = x->term;
		v[0].len = x->term_len;
		v[1].s = x->key;
		v[1].len = x->key_len;
		v[2].i = x->n;
		v[3].i = (long long)x->count_target;
		v[4].i = (long long)x->count_reference;
		v[5].r = x->per_10k_target;
		v[6].r = x->per_10k_reference;
		v[7].i = x->docs_target;
		v[8].i = x->docs_reference;
		v[9].r = x->g2;
		v[10].r = x->p;
		v[11].r = x->chi2;
		v[12].r = x->log_ratio;
		v[13].r = x->g2_docs; /* NAN with a list: null / empty */
		v[14] = str_value(dir);
		if ((rc = sw_writer_row(w, v, &err))) {
			status = cli_fail("keyness", rc, &err);
			goto done;
		}
	}
	status = cli_finish(&r, w, c);
done:
	free(items);
	free(item_counts);
	sw_theme_counts_free(tcounts);
	sw_matcher_free(matcher);
	sw_themes_free(themes);
	free(side);
	sw_writer_free(w);
	sw_keyness_free(k);
	sw_reflist_free(list);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
