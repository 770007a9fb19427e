/*
 * cli/cmd_trends.c - `stichwort trends`: how often terms occur per year,
 * quarter or month, relative to each period's own token total, and
 * whether that rises or falls (slope with t-test, Mann-Kendall, halves).
 *
 * Three ways to pick the terms: --terms (patterns, through the theme
 * matcher), --themes FILE (a dictionary, one series per theme), or by
 * default the content terms whose relative frequency changes most
 * (sw_trends_movers()).  Records are one per term and period, or with
 * --summary one per term.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_opt trends_opts[] = {
	{ "--by", 0, OPT_VALUE, "PERIOD", "year, quarter or month (default year)" },
	{ "--terms", 0, OPT_LIST, "LIST", "comma-separated words, stems, phrases or patterns (repeatable)" },
	{ "--themes", 0, OPT_VALUE, "FILE", "a theme dictionary (JSON, see docs/themes.md): one series per theme" },
	{ "--top", 'n', OPT_VALUE, "N", "default mode: the N terms whose frequency changes most (default 10)" },
	{ "--rising", 0, OPT_VALUE, "N", "the N terms with the largest positive change" },
	{ "--falling", 0, OPT_VALUE, "N", "the N terms with the largest negative change" },
	{ "--min-count", 0, OPT_VALUE, "N", "default mode: terms seen at least N times in dated documents (default 20, or 1 per 100,000 dated tokens if more)" },
	{ "--max-q", 0, OPT_VALUE, "Q", "default mode: movers need a Benjamini-Hochberg adjusted Mann-Kendall p of at most Q (default 0.05; 1: any)" },
	{ "--include-partial", 0, OPT_FLAG, NULL, "let periods the corpus covers only in part into the slopes and tests" },
	{ "--min-docs", 0, OPT_VALUE, "N", "default mode: terms in at least N dated documents (default 2)" },
	{ "--summary", 0, OPT_FLAG, NULL, "one record per term: slope, p-values, halves, change" },
	{ "--with-compounds", 0, OPT_FLAG, NULL, "a word also matches the compounds it heads (Sicherheit: Datensicherheit, IT-Sicherheit)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort trends [INPUT...] [--by year|quarter|month]\n"
	      "                        [--terms a,b,... | --themes FILE] [--summary] [options]\n"
	      "\n"
	      "Relative frequency of terms per period.  Documents are binned by their date;\n"
	      "every period from the first to the last appears, empty ones with zeros.\n"
	      "per_10k divides by the period's own tokens (grouped, then normalized).\n"
	      "Documents without a date (by quarter or month: without a month) are left\n"
	      "out and reported once.  Terms: --terms (each pattern as in docs/themes.md:\n"
	      "word = all its inflections, =exact, glob*, stem:KEY, \"two words\"), --themes,\n"
	      "or by default the content terms whose frequency changes most: largest\n"
	      "|change| = |slope| x (span of measured periods) / mean per_10k, among the\n"
	      "terms seen --min-count times whose Mann-Kendall p, adjusted over all those\n"
	      "terms (Benjamini-Hochberg), is at most --max-q.  A first or last period the\n"
	      "corpus covers only in part (its dates stop more than a quarter of the period\n"
	      "and twice the usual gap short of its end, or begin as late) is marked\n"
	      "complete: false, named in a note, and left out of the statistics unless\n"
	      "--include-partial is given.\n"
	      "Records, one per term and period:\n"
	      "  term              display form, pattern or theme name\n"
	      "  period            2024, 2024-Q2 or 2024-05\n"
	      "  count             occurrences in the period\n"
	      "  per_10k           count per 10,000 tokens of the period (0 when empty)\n"
	      "  docs              documents of the period containing it\n"
	      "  docs_in_period    documents in the period\n"
	      "  tokens_in_period  counted tokens in the period (no punctuation)\n"
	      "  complete          false: the corpus covers the period only in part\n"
	      "With --summary, one record per term (docs/trends.md has the formulas):\n"
	      "  term, count, docs, per_10k (over all dated documents),\n"
	      "  periods           measured periods (with documents): n of the tests\n"
	      "  first_seen        first period with count > 0 (null: never)\n"
	      "  last_seen         last period with count > 0\n"
	      "  slope             least-squares slope of per_10k per period step\n"
	      "  slope_p           two-sided p of the slope's t-test (n - 2 df)\n"
	      "  mk_s, mk_z, mk_p  Mann-Kendall S, Z and two-sided p (ties corrected)\n"
	      "  q                 mk_p adjusted (Benjamini-Hochberg) over the candidates\n"
	      "                    (default mode) or the given terms\n"
	      "  first_half_per_10k, last_half_per_10k\n"
	      "                    pooled per_10k of the first and last floor(n/2) periods\n"
	      "  half_ratio        last / first half (a zero count counts as 0.5)\n"
	      "  change            slope x span / mean per_10k (relative fitted change)\n"
	      "  direction         rising, falling or flat (sign of the slope); burst: a\n"
	      "                    rise that halves or vanishes without its peak period\n"
	      "Order: the terms as given; in the default mode and with --rising/--falling\n"
	      "by change (rising first), ties by key (given terms: by name).  Periods in\n"
	      "time order.\n"
	      "\n"
	      "Options:\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort trends corpora/ --terms 'souveränität,open source,cloud'\n"
	      "  stichwort trends corpora/ --rising 5 --falling 5 --summary --format csv\n"
	      "  stichwort trends --jsonl reden.jsonl --by month --terms 'digital*' --format jsonl\n"
	      "  stichwort trends corpora/ --themes docs/themes-souveraenitaet.json --by quarter\n", f);
}

/* One term's series and its summary. */
typedef struct tseries {
	char *name;
	size_t len;
	sw_term_id key;    /* default mode: its key, for ties; else SW_TERM_NONE */
	uint32_t *count, *docs;
	sw_trends_summary sum;
	double q;          /* Benjamini-Hochberg adjusted mk_p */
} tseries;

typedef struct tlist {
	tseries *s;
	size_t n, cap;
} tlist;

static void tlist_free(tlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->s[i].name);
		free(l->s[i].count);
		free(l->s[i].docs);
	}
	free(l->s);
	memset(l, 0, sizeof *l);
}

/* A new series named (name, len) with zeroed arrays of np periods. */
static tseries *tlist_add(tlist *l, const char *name, size_t len, size_t np)
{
	tseries *s;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		tseries *ns = realloc(l->s, cap * sizeof *ns);
		if (!ns)
			return NULL;
		l->s = ns;
		l->cap = cap;
	}
	s = &l->s[l->n];
	memset(s, 0, sizeof *s);
	s->key = SW_TERM_NONE;
	s->name = malloc(len + 1);
	s->count = calloc(np + 1, sizeof *s->count);
	s->docs = calloc(np + 1, sizeof *s->docs);
	if (!s->name || !s->count || !s->docs) {
		free(s->name);
		free(s->count);
		free(s->docs);
		return NULL;
	}
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->len = len;
	l->n++;
	return s;
}

/* Split the --terms values at commas; blanks around an item are
 * trimmed, empty items dropped.  The strings are malloc'd into *out. */
static int split_terms(char ***out, size_t *n_out, const char *const *vals, size_t nvals)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < nvals; i++) {
		const char *p = vals[i];
		while (1) {
			const char *e = strchr(p, ',');
			const char *end = e ? e : p + strlen(p);
			const char *b = p;
			while (b < end && (*b == ' ' || *b == '\t'))
				b++;
			while (end > b && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (end > b) {
				if (n == cap) {
					size_t nc = cap ? cap * 2 : 8;
					char **nv = realloc(v, nc * sizeof *nv);
					if (!nv)
						goto oom;
					v = nv;
					cap = nc;
				}
				if (!(v[n] = strndup(b, (size_t)(end - b))))
					goto oom;
				n++;
			}
			if (!e)
				break;
			p = e + 1;
		}
	}
	*out = v;
	*n_out = n;
	return 0;
oom:
	while (n)
		free(v[--n]);
	free(v);
	return -1;
}

/* Series of a dictionary's themes from their per-document counts. */
static int theme_series(tlist *l, const sw_themes *th, const sw_theme_counts *tc,
			const sw_trends *tr)
{
	size_t nd = sw_theme_counts_ndocs(tc), np = sw_trends_nperiods(tr), i, d;
	uint32_t *dc = calloc(nd + 1, sizeof *dc);
	int rc = SW_OK;

	if (!dc)
		return SW_ENOMEM;
	for (i = 0; i < sw_themes_count(th); i++) {
		const char *name = sw_themes_name(th, i);
		tseries *s = tlist_add(l, name, strlen(name), np);
		if (!s) {
			rc = SW_ENOMEM;
			break;
		}
		for (d = 0; d < nd; d++)
			dc[d] = sw_theme_counts_doc(tc, d, i);
		sw_trends_series_from_docs(tr, dc, s->count, s->docs);
	}
	free(dc);
	return rc;
}

/* Series of the movers in one direction (default mode). */
static int mover_series(tlist *l, sw_trends *tr, const sw_counts *c, sw_trends_direction dir,
			size_t top, uint32_t min_count, uint32_t min_docs, size_t *listed,
			sw_error *err)
{
	const sw_trends_mover *mv;
	size_t n, i, np = sw_trends_nperiods(tr);
	int rc;

	if ((rc = sw_trends_movers(&mv, &n, tr, dir, min_count, min_docs, err)))
		return rc;
	*listed += n;
	for (i = 0; i < n && i < top; i++) {
		size_t len;
		const char *disp = sw_counts_display(c, mv[i].key, &len);
		tseries *s = tlist_add(l, disp, len, np);
		if (!s)
			return SW_ENOMEM;
		s->key = mv[i].key;
		s->q = mv[i].q;
		if ((rc = sw_trends_key_series(tr, mv[i].key, s->count, s->docs, err)))
			return rc;
	}
	return SW_OK;
}

/* Order for --rising / --falling among given terms: change descending
 * (ascending for falling), then name bytes, then position given. */
typedef struct pick {
	size_t i;
	double v;
	const char *name;
} pick;

static int cmp_pick(const void *a, const void *b)
{
	const pick *x = a, *y = b;
	int c;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->i > y->i) - (x->i < y->i);
}

/* Keep of the given series those moving in direction dir, strongest
 * first, at most top of them; appended to out by index. */
static size_t pick_movers(size_t *out, const tlist *l, int dir, size_t top)
{
	pick *p = malloc((l->n + 1) * sizeof *p);
	size_t i, n = 0;

	if (!p)
		return (size_t)-1;
	for (i = 0; i < l->n; i++) {
		double ch = l->s[i].sum.change;
		if (isnan(ch) || (dir > 0 ? !(ch > 0) || l->s[i].sum.burst : !(ch < 0)))
			continue;
		p[n].i = i;
		p[n].v = dir > 0 ? ch : -ch;
		p[n].name = l->s[i].name;
		n++;
	}
	qsort(p, n, sizeof *p, cmp_pick);
	if (n > top)
		n = top;
	for (i = 0; i < n; i++)
		out[i] = p[i].i;
	free(p);
	return n;
}

static void put_str(sw_value *v, const char *s)
{
	v->s = s;
	v->len = s ? strlen(s) : 0;
}

/* --max-q: a number in [0, 1]. */
static int parse_q(const char *v, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno || end == v || *end || !(x >= 0.0) || !(x <= 1.0)) {
		fprintf(stderr, "stichwort trends: --max-q needs a number in [0, 1], not '%s'\n", v);
		return SW_EXIT_USAGE;
	}
	*out = x;
	return 0;
}

/* The partial periods named in one note: "period 2026 is" or "periods
 * 2018 and 2026 are" (only the first and the last can be partial). */
static int partial_note(char *out, size_t size, const sw_trends *tr, int include)
{
	size_t np = sw_trends_nperiods(tr), p, n = 0;
	const char *name[2] = { NULL, NULL };

	for (p = 0; p < np; p++)
		if (!sw_trends_period_complete(tr, p) && n < 2)
			name[n++] = sw_trends_period(tr, p);
	if (!n)
		return 0;
	snprintf(out, size, "the corpus covers %s %s%s%s only in part (its dates stop short of "
		 "the calendar): %s", n == 1 ? "period" : "periods", name[0], n == 2 ? " and " : "",
		 n == 2 ? name[1] : "",
		 include ? "kept in the statistics (--include-partial)"
			 : "left out of slopes and tests (--include-partial keeps it)");
	return 1;
}

int cmd_trends(int argc, char **argv)
{
	size_t nopts, top = 10, rising = 0, falling = 0, min_count = 10, min_docs = SW_TRENDS_MIN_DOCS;
	size_t np, i, p, nf, nsel = 0, nterms = 0;
	cli_opt *opts = cli_opts_with_common(trends_opts, sizeof trends_opts / sizeof *trends_opts,
					     &nopts);
	cli_args a;
	cli_run r;
	sw_counts *c = NULL;
	sw_trends *tr = NULL;
	sw_themes *th = NULL;
	sw_matcher *matcher = NULL;
	sw_theme_counts *tc = NULL;
	sw_writer *w = NULL;
	sw_error err = { 0 };
	sw_field fields[24];
	tlist l = { 0 };
	size_t *sel = NULL;
	char **terms = NULL, *joined = NULL;
	sw_warning *warns = NULL;
	const char *by, *themes_path, *const *tv;
	size_t ntv;
	int status, rc, summary, movers_mode, include_partial;
	double max_q = SW_TRENDS_MAX_Q;
	size_t listed = 0;
	char note[200], pnote[240], qnote[300];

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "trends", usage)) >= 0) {
		free(opts);
		return status;
	}
	by = cli_value(&a, "--by");
	if (!by)
		by = "year";
	if (strcmp(by, "year") && strcmp(by, "quarter") && strcmp(by, "month")) {
		fprintf(stderr, "stichwort trends: --by takes year, quarter or month, not '%s'\n", by);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 1, 100000000)) ||
	    (status = cli_uint_opt(&a, "--rising", &rising, 1, 100000000)) ||
	    (status = cli_uint_opt(&a, "--falling", &falling, 1, 100000000)) ||
	    (status = cli_uint_opt(&a, "--min-count", &min_count, 1, UINT32_MAX)) ||
	    (status = cli_uint_opt(&a, "--min-docs", &min_docs, 1, UINT32_MAX)) ||
	    (cli_value(&a, "--max-q") && (status = parse_q(cli_value(&a, "--max-q"), &max_q))))
		goto done_args;
	include_partial = cli_has(&a, "--include-partial");
	summary = cli_has(&a, "--summary");
	themes_path = cli_value(&a, "--themes");
	tv = cli_list(&a, "--terms", &ntv);
	if (ntv && themes_path) {
		fputs("stichwort trends: give --terms or --themes, not both\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if (ntv) {
		if (split_terms(&terms, &nterms, tv, ntv)) {
			status = cli_fail("trends", SW_ENOMEM, NULL);
			goto done_args;
		}
		if (!nterms) {
			fputs("stichwort trends: --terms names no term\n", stderr);
			status = SW_EXIT_USAGE;
			goto done_args;
		}
		if ((rc = sw_themes_from_terms(&th, (const char *const *)terms, nterms, &err))) {
			cli_fail("trends", rc, &err);
			status = SW_EXIT_USAGE;
			goto done_args;
		}
	} else if (themes_path && (status = cli_load_themes("trends", themes_path, &th))) {
		goto done_args;
	}
	movers_mode = !nterms && !themes_path;
	if (!movers_mode && (cli_has(&a, "--top") || cli_has(&a, "--min-count") ||
			     cli_has(&a, "--min-docs") || cli_has(&a, "--max-q"))) {
		fputs("stichwort trends: --top, --min-count, --min-docs and --max-q choose the terms "
		      "when no --terms or --themes are given; they do not apply here\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if ((status = cli_run_open(&r, &a, "trends")))
		goto done;
	/* only counts per period: no token arrays; the patterns of --terms and
	 * --themes are matched document by document while loading */
	r.aggregate_by = by;
	if (!movers_mode) {
		if ((rc = sw_matcher_new(&matcher, th, r.lexicon, &err)) == SW_OK)
			sw_matcher_with_compounds(matcher, cli_has(&a, "--with-compounds"));
		if (rc ||
		    (rc = sw_theme_counts_begin(&tc, matcher, &err))) {
			status = cli_fail("trends", rc, &err);
			goto done;
		}
		r.on_doc = cli_theme_doc;
		r.on_doc_payload = tc;
	}
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	cli_note_far_dates(&r, c);
	if ((rc = sw_trends_new(&tr, c, by, &err))) {
		status = cli_fail("trends", rc, &err);
		goto done;
	}
	np = sw_trends_nperiods(tr);
	sw_trends_include_partial(tr, include_partial);
	sw_trends_set_max_q(tr, max_q);
	if (!cli_has(&a, "--min-count"))
		min_count = sw_trends_default_min_count(tr);

	/* the series */
	if (movers_mode) {
		rc = sw_trends_index_keys(tr, 0, &err);
		if (!rc && !rising && !falling)
			rc = mover_series(&l, tr, c, SW_TRENDS_BOTH, top, (uint32_t)min_count,
					  (uint32_t)min_docs, &listed, &err);
		if (!rc && rising)
			rc = mover_series(&l, tr, c, SW_TRENDS_RISING, rising, (uint32_t)min_count,
					  (uint32_t)min_docs, &listed, &err);
		if (!rc && falling)
			rc = mover_series(&l, tr, c, SW_TRENDS_FALLING, falling, (uint32_t)min_count,
					  (uint32_t)min_docs, &listed, &err);
	} else {
		rc = theme_series(&l, th, tc, tr);
	}
	if (rc) {
		status = cli_fail("trends", rc, &err);
		goto done;
	}
	for (i = 0; i < l.n; i++)
		if ((rc = sw_trends_summarize(&l.s[i].sum, tr, l.s[i].count, &err))) {
			status = cli_fail("trends", rc, &err);
			goto done;
		}
	if (!movers_mode && l.n) {
		/* q over the given terms or themes */
		double *pv = malloc(2 * l.n * sizeof *pv);
		if (!pv)
			goto oom;
		for (i = 0; i < l.n; i++)
			pv[i] = l.s[i].sum.mk.p;
		if ((rc = sw_trends_bh(pv + l.n, pv, l.n, &err))) {
			free(pv);
			status = cli_fail("trends", rc, &err);
			goto done;
		}
		for (i = 0; i < l.n; i++)
			l.s[i].q = pv[l.n + i];
		free(pv);
	}
	/* which series are written, in which order */
	sel = malloc((l.n + 1) * sizeof *sel);
	if (!sel) {
		status = cli_fail("trends", SW_ENOMEM, NULL);
		goto done;
	}
	if (movers_mode || (!rising && !falling)) {
		for (i = 0; i < l.n; i++)
			sel[i] = i;
		nsel = l.n;
	} else {
		size_t k;
		if (rising) {
			k = pick_movers(sel, &l, 1, rising);
			if (k == (size_t)-1)
				goto oom;
			nsel += k;
		}
		if (falling) {
			k = pick_movers(sel + nsel, &l, -1, falling);
			if (k == (size_t)-1)
				goto oom;
			nsel += k;
		}
	}

	/* output */
	nf = 0;
	fields[nf++] = (sw_field){ "term", SW_FIELD_STRING };
	if (!summary) {
		fields[nf++] = (sw_field){ "period", SW_FIELD_STRING };
		fields[nf++] = (sw_field){ "count", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "per_10k", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "docs", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "docs_in_period", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "tokens_in_period", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "complete", SW_FIELD_BOOL };
	} else {
		fields[nf++] = (sw_field){ "count", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "docs", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "per_10k", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "periods", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "first_seen", SW_FIELD_STRING };
		fields[nf++] = (sw_field){ "last_seen", SW_FIELD_STRING };
		fields[nf++] = (sw_field){ "slope", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "slope_p", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "mk_s", SW_FIELD_INT };
		fields[nf++] = (sw_field){ "mk_z", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "mk_p", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "q", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "first_half_per_10k", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "last_half_per_10k", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "half_ratio", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "change", SW_FIELD_REAL };
		fields[nf++] = (sw_field){ "direction", SW_FIELD_STRING };
	}
	if ((rc = cli_writer_new(&w, &r, fields, nf, &err))) {
		status = cli_fail("trends", rc, &err);
		goto done;
	}
	{
		sw_kv params[14];
		size_t npar = 0, jl = 0;
		const char *sel_mode = movers_mode ? "movers" : themes_path ? "themes" : "terms";
		if (nterms) {
			for (i = 0; i < nterms; i++)
				jl += strlen(terms[i]) + 1;
			if (!(joined = malloc(jl + 1)))
				goto oom;
			joined[0] = '\0';
			for (i = 0; i < nterms; i++) {
				if (i)
					strcat(joined, ",");
				strcat(joined, terms[i]);
			}
		}
		params[npar++] = (sw_kv){ "by", SW_FIELD_STRING, { by, strlen(by), 0, 0 } };
		params[npar++] = (sw_kv){ "with_compounds", SW_FIELD_BOOL,
					  { NULL, 0, cli_has(&a, "--with-compounds"), 0 } };
		params[npar++] = (sw_kv){ "select", SW_FIELD_STRING, { sel_mode, strlen(sel_mode), 0, 0 } };
		params[npar++] = (sw_kv){ "terms", SW_FIELD_STRING,
					  { joined, joined ? strlen(joined) : 0, 0, 0 } };
		params[npar++] = (sw_kv){ "themes", SW_FIELD_STRING,
					  { themes_path, themes_path ? strlen(themes_path) : 0, 0, 0 } };
		params[npar++] = (sw_kv){ "top", SW_FIELD_INT,
					  { NULL, 0, movers_mode && !rising && !falling ? (long long)top : 0, 0 } };
		params[npar++] = (sw_kv){ "rising", SW_FIELD_INT, { NULL, 0, (long long)rising, 0 } };
		params[npar++] = (sw_kv){ "falling", SW_FIELD_INT, { NULL, 0, (long long)falling, 0 } };
		params[npar++] = (sw_kv){ "min_count", SW_FIELD_INT, { NULL, 0, (long long)min_count, 0 } };
		params[npar++] = (sw_kv){ "min_docs", SW_FIELD_INT, { NULL, 0, (long long)min_docs, 0 } };
		params[npar++] = (sw_kv){ "max_q", SW_FIELD_REAL,
					  { NULL, 0, 0, movers_mode ? max_q : NAN } };
		params[npar++] = (sw_kv){ "include_partial", SW_FIELD_BOOL,
					  { NULL, 0, include_partial, 0 } };
		params[npar++] = (sw_kv){ "summary", SW_FIELD_BOOL, { NULL, 0, summary, 0 } };
		if ((rc = sw_writer_begin(w, "trends", params, npar, &err))) {
			status = cli_fail("trends", rc, &err);
			goto done;
		}
	}
	for (i = 0; i < nsel; i++) {
		const tseries *s = &l.s[sel[i]];
		sw_value v[24];
		size_t k = 0;

		if (summary) {
			const sw_trends_summary *m = &s->sum;
			uint64_t docs = 0;
			memset(v, 0, sizeof v);
			for (p = 0; p < np; p++)
				docs += s->docs[p];
			v[k].s = s->name;
			v[k++].len = s->len;
			v[k++].i = (long long)m->count;
			v[k++].i = (long long)docs;
			v[k++].r = m->per_10k;
			v[k++].i = (long long)m->measured;
			put_str(&v[k++], m->first_seen == SW_TRENDS_NONE ? NULL
					 : sw_trends_period(tr, m->first_seen));
			put_str(&v[k++], m->last_seen == SW_TRENDS_NONE ? NULL
					 : sw_trends_period(tr, m->last_seen));
			v[k++].r = m->ols.slope;
			v[k++].r = m->ols.p;
			v[k++].i = m->mk.s;
			v[k++].r = m->mk.z;
			v[k++].r = m->mk.p;
			v[k++].r = s->q;
			v[k++].r = m->first_half_per_10k;
			v[k++].r = m->last_half_per_10k;
			v[k++].r = m->half_ratio;
			v[k++].r = m->change;
			put_str(&v[k++], sw_trends_direction_name(m));
			if ((rc = sw_writer_row(w, v, &err)))
				goto write_fail;
			continue;
		}
		for (p = 0; p < np; p++) {
			size_t tok = sw_trends_period_tokens(tr, p);
			k = 0;
			memset(v, 0, sizeof v);
			v[k].s = s->name;
			v[k++].len = s->len;
			put_str(&v[k++], sw_trends_period(tr, p));
			v[k++].i = s->count[p];
			v[k++].r = tok ? (double)s->count[p] * 10000.0 / (double)tok : 0.0;
			v[k++].i = s->docs[p];
			v[k++].i = (long long)sw_trends_period_docs(tr, p);
			v[k++].i = (long long)tok;
			v[k++].i = sw_trends_period_complete(tr, p);
			if ((rc = sw_writer_row(w, v, &err)))
				goto write_fail;
		}
	}

	/* the end: corpus object, undated documents as a notice */
	{
		sw_kv kv[16];
		size_t nkv = cli_corpus_kv(&r, c, kv), nw = r.nwarnings, und = sw_trends_undated_docs(tr);
		const char *fp = np ? sw_trends_period(tr, 0) : NULL;
		const char *lp = np ? sw_trends_period(tr, np - 1) : NULL;

		kv[nkv++] = (sw_kv){ "periods", SW_FIELD_INT, { NULL, 0, (long long)np, 0 } };
		kv[nkv++] = (sw_kv){ "first_period", SW_FIELD_STRING, { fp, fp ? strlen(fp) : 0, 0, 0 } };
		kv[nkv++] = (sw_kv){ "last_period", SW_FIELD_STRING, { lp, lp ? strlen(lp) : 0, 0, 0 } };
		kv[nkv++] = (sw_kv){ "undated_documents", SW_FIELD_INT, { NULL, 0, (long long)und, 0 } };
		kv[nkv++] = (sw_kv){ "undated_tokens", SW_FIELD_INT,
				     { NULL, 0, (long long)sw_trends_undated_tokens(tr), 0 } };
		warns = malloc((nw + 3) * sizeof *warns);
		if (!warns)
			goto oom;
		if (nw)
			memcpy(warns, r.warnings, nw * sizeof *warns);
		if (und || !np) {
			const char *what = strcmp(by, "year") ? " (or without a month)" : "";
			if (!np)
				snprintf(note, sizeof note, "no document has a date%s: no periods to show",
					 what);
			else
				snprintf(note, sizeof note, "%zu document%s without a date%s left out of "
					 "the trends", und, und == 1 ? "" : "s", what);
			cli_note(warns, &nw, "trends", r.quiet, note);
		}
		if (partial_note(pnote, sizeof pnote, tr, include_partial)) {
			cli_note(warns, &nw, "trends", r.quiet, pnote);
		}
		if (movers_mode && !listed && np) {
			double mq;
			size_t nc = sw_trends_candidates(tr, &mq), nm = 0;
			for (p = 0; p < np; p++)
				nm += (size_t)sw_trends_period_measured(tr, p);
			if (nm < 2)
				snprintf(qnote, sizeof qnote, "no mover: fewer than two periods to compare "
					 "(periods without documents%s are left out)",
					 include_partial ? "" : " and partial periods");
			else if (nc && !isnan(mq))
				snprintf(qnote, sizeof qnote, "no mover: of %zu terms seen at least %zu "
					 "times none has a significant trend (smallest q %.3g > --max-q "
					 "%g); --max-q 1 ranks them all by change", nc, min_count, mq,
					 max_q);
			else
				snprintf(qnote, sizeof qnote, "no mover: %s", nc ? "no term's trend can be "
					 "tested (every candidate's series is constant)" : "no term is seen "
					 "often enough (--min-count, --min-docs)");
			cli_note(warns, &nw, "trends", r.quiet, qnote);
		}
		if ((rc = sw_writer_end(w, kv, nkv, warns, nw, &err)))
			goto write_fail;
		status = cli_output_done(&r);
	}
	goto done;
write_fail:
	status = cli_fail("trends", rc, &err);
	goto done;
oom:
	status = cli_fail("trends", SW_ENOMEM, NULL);
done:
	free(warns);
	free(joined);
	free(sel);
	tlist_free(&l);
	sw_writer_free(w);
	sw_trends_free(tr);
	sw_theme_counts_free(tc);
	sw_matcher_free(matcher);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	for (i = 0; i < nterms; i++)
		free(terms[i]);
	free(terms);
	sw_themes_free(th);
	cli_args_free(&a);
	free(opts);
	return status;
}
