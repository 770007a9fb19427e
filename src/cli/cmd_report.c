/*
 * cli/cmd_report.c - `stichwort report`: the main job.  One pass over the
 * corpus, then an overview, top terms, top phrases, distinctive terms per
 * group (keyness of each group against the rest), rising and falling
 * terms (trends), keywords per group and per year, and with --themes
 * theme counts by group and period.  Written as report.json (the JSON
 * envelope with flat records, one "section" field), report.md and
 * report.html (html_report.c), with the overview and the top tables on
 * the terminal.
 *
 * The concordance lines of report.html come from html_kwic.c.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "html.h"

static const cli_opt report_opts[] = {
	{ "--top", 'n', OPT_VALUE, "N", "terms and phrases in the report (default 25)" },
	{ "--keywords-top", 0, OPT_VALUE, "N", "keywords per group and per year (default 10)" },
	{ "--method", 0, OPT_VALUE, "M", "keyword method per group and year: auto|keyness|salience|tfidf|bm25|yake|textrank (default auto: keyness)" },
	{ "--reference", 0, OPT_VALUE, "REF", "key terms of the corpus against builtin (default: general political German), none, or a list FILE (term<TAB>count)" },
	{ "--keyness-top", 0, OPT_VALUE, "N", "distinctive terms per group and direction (default 10)" },
	{ "--trends-top", 0, OPT_VALUE, "N", "rising and falling terms each (default 6)" },
	{ "--period", 0, OPT_VALUE, "P", "period of the trends: year|quarter|month (default year)" },
	{ "--include-partial", 0, OPT_FLAG, NULL, "let periods the corpus covers only in part into the trend slopes and tests" },
	{ "--themes", 0, OPT_VALUE, "FILE", "theme dictionary (JSON, docs/themes.md): theme counts by group and period" },
	{ "--kwic", 0, OPT_VALUE, "N", "concordance lines per term in report.html (default 5, 0: none)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort report [INPUT...] [-o DIR] [options]\n"
	      "\n"
	      "The corpus report: an overview (documents, tokens, types, date range,\n"
	      "groups, years), the top terms and phrases, the key terms of the corpus\n"
	      "(keyness against general political German, --reference), distinctive terms per group\n"
	      "(keyness of each group against the rest), rising and falling terms over\n"
	      "time, keywords per group and per year, and with --themes the theme counts\n"
	      "by group and period.  Writes DIR/report.json, DIR/report.md and\n"
	      "DIR/report.html (DIR defaults to ./stichwort-report) and prints the\n"
	      "overview and the top tables.  The three files replace the old ones\n"
	      "together, only when all three were written (docs/report.md).\n"
	      "\n"
	      "report.html is one self-contained page (no network): charts, the exact\n"
	      "numbers in tables, and concordance lines for every term shown.\n"
	      "report.json is the JSON envelope of every command; its results are flat\n"
	      "records with a \"section\" field - one DataFrame in pandas (docs/report.md).\n"
	      "\n"
	      "Options (-o names the directory here):\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort report corpora/\n"
	      "  stichwort report corpora/ --themes docs/examples/digitale-souveraenitaet.json -o bericht\n"
	      "  stichwort report texte/ --meta quellen.jsonl -o bericht --top 40 --period quarter\n", f);
}

/* ---- records ---- */

static report_row *add_row(report_rows *rs, const char *section)
{
	report_row *r;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		report_row *nr = realloc(rs->r, cap * sizeof *nr);
		if (!nr)
			return NULL;
		rs->r = nr;
		rs->cap = cap;
	}
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof *r);
	r->section = section;
	r->per_10k = r->score = r->ref_count = r->ref_per_10k = r->log_ratio = r->p = NAN;
	return r;
}

static void free_rows(report_rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].unit);
		free(rs->r[i].term);
		free(rs->r[i].key);
		free(rs->r[i].direction);
	}
	free(rs->r);
}

enum {
	F_SECTION, F_UNIT, F_RANK, F_TERM, F_KEY, F_COUNT, F_DOCS, F_PER10K, F_SCORE, F_N,
	F_REFCOUNT, F_REFPER10K, F_LOGRATIO, F_P, F_DIRECTION, F_COMPLETE, NFIELDS
};

static const sw_field fields[NFIELDS] = {
	{ "section", SW_FIELD_STRING }, { "unit", SW_FIELD_STRING }, { "rank", SW_FIELD_INT },
	{ "term", SW_FIELD_STRING }, { "key", SW_FIELD_STRING }, { "count", SW_FIELD_INT },
	{ "docs", SW_FIELD_INT }, { "per_10k", SW_FIELD_REAL }, { "score", SW_FIELD_REAL },
	{ "n", SW_FIELD_INT }, { "ref_count", SW_FIELD_REAL }, { "ref_per_10k", SW_FIELD_REAL },
	{ "log_ratio", SW_FIELD_REAL }, { "p", SW_FIELD_REAL }, { "direction", SW_FIELD_STRING },
	{ "complete", SW_FIELD_BOOL },
};

static void str_value(sw_value *v, const char *s)
{
	v->s = s;
	v->len = s ? strlen(s) : 0;
}

static void row_values(const report_row *r, sw_value *v)
{
	memset(v, 0, NFIELDS * sizeof *v);
	str_value(&v[F_SECTION], r->section);
	str_value(&v[F_UNIT], r->unit);
	v[F_RANK].i = r->rank;
	str_value(&v[F_TERM], r->term);
	str_value(&v[F_KEY], r->key);
	v[F_COUNT].i = r->count;
	v[F_DOCS].i = r->docs;
	v[F_PER10K].r = r->per_10k;
	v[F_SCORE].r = r->score;
	v[F_N].i = r->n;
	v[F_REFCOUNT].r = r->ref_count;
	v[F_REFPER10K].r = r->ref_per_10k;
	v[F_LOGRATIO].r = r->log_ratio;
	v[F_P].r = r->p;
	str_value(&v[F_DIRECTION], r->direction);
	v[F_COMPLETE].i = !r->incomplete;
}

static double per10k(double count, double tokens)
{
	return tokens > 0 ? count * 10000.0 / tokens : NAN;
}

/* ---- sections ---- */

/* Compounds shown per top term. */
#define COMPOUNDS_SHOWN 3

/* A row of a word: rk's term at rank in section, under the term of unit
 * (NULL: no unit).  The row, or NULL when memory is short. */
static report_row *term_row(report_rows *rs, const char *section, const cli_ranked *unit,
			    long long rank, const sw_counts *c, const cli_ranked *rk, double total)
{
	report_row *r = add_row(rs, section);
	size_t dl;
	const char *d;

	if (!r)
		return NULL;
	if (unit) {
		d = sw_counts_display(c, unit->key, &dl);
		if (!(r->unit = cli_dupn(d, dl)))
			return NULL;
	}
	d = sw_counts_display(c, rk->key, &dl);
	r->rank = rank;
	r->term = cli_dupn(d, dl);
	r->key = cli_dupn(rk->kb, rk->kl);
	r->count = rk->count;
	r->docs = rk->docs;
	r->per_10k = per10k(rk->count, total);
	r->n = 1;
	return r->term && r->key ? r : NULL;
}

static int section_terms(report_rows *rs, const sw_counts *c, size_t top)
{
	sw_units *u = NULL;
	const sw_unit_tf *tf;
	size_t i, n;
	cli_ranked *rk = NULL;
	double total = (double)sw_counts_counted(c);
	const sw_term_id *head = sw_counts_key_head(c);
	int rc;

	/* content tokens only, as `stichwort terms` counts them */
	if ((rc = sw_units_new(&u, c, NULL, NULL)) || (rc = sw_units_tf(&tf, &n, u, 0, 0, NULL)))
		goto done;
	rc = SW_ENOMEM;
	if (!(rk = malloc((n + 1) * sizeof *rk)))
		goto done;
	cli_rank_terms(rk, c, tf, n);
	for (i = 0; i < n && i < top; i++)
		if (!term_row(rs, "terms", NULL, (long long)i + 1, c, &rk[i], total))
			goto done;
	/* the commonest compounds each top term heads (Datensouveränität
	 * for Souveränität): rk is sorted by count, so the first ones met */
	for (i = 0; head && i < n && i < top; i++) {
		size_t j, found = 0;
		for (j = 0; j < n && found < COMPOUNDS_SHOWN; j++)
			if (head[rk[j].key] == rk[i].key &&
			    !term_row(rs, "term_compounds", &rk[i], (long long)++found, c, &rk[j], total))
				goto done;
	}
	rc = SW_OK;
done:
	free(rk);
	sw_units_free(u);
	return rc;
}

static int section_phrases(report_rows *rs, const sw_counts *c, const sw_phrases *p, size_t top)
{
	size_t i;
	double total = (double)sw_counts_counted(c);

	for (i = 0; i < sw_phrases_count(p) && i < top; i++) {
		const sw_phrase *ph = sw_phrases_get(p, i);
		report_row *r = add_row(rs, "phrases");
		if (!r)
			return SW_ENOMEM;
		r->rank = (long long)i + 1;
		r->term = cli_dupn(ph->display, ph->display_len);
		r->key = cli_dupn(ph->key, ph->key_len);
		r->count = ph->count;
		r->docs = ph->docs;
		r->per_10k = per10k(ph->count, total);
		r->score = ph->score;
		r->n = ph->n;
		if (!r->term || !r->key)
			return SW_ENOMEM;
	}
	return SW_OK;
}

static int section_keywords(report_rows *rs, const char *section, const sw_keywords *k)
{
	size_t i, rank = 0, unit = (size_t)-1;

	for (i = 0; i < sw_keywords_count(k); i++) {
		const sw_keyword *kw = sw_keywords_get(k, i);
		report_row *r = add_row(rs, section);
		if (!r)
			return SW_ENOMEM;
		if (kw->unit != unit) {
			unit = kw->unit;
			rank = 0;
		}
		r->unit = cli_dups(kw->label);
		r->rank = (long long)++rank;
		r->term = cli_dupn(kw->term, kw->term_len);
		r->key = cli_dupn(kw->key, kw->key_len);
		r->count = kw->count;
		r->docs = kw->docs;
		r->score = kw->score;
		r->n = kw->n;
		if (!r->term || !r->key || (kw->label && !r->unit))
			return SW_ENOMEM;
	}
	return SW_OK;
}

/* Documents and counted tokens per group and per year. */
static int section_documents(report_rows *rs, const sw_counts *c, const char *by,
			     const char *section)
{
	sw_units *u;
	sw_error err;
	size_t i;
	int rc = sw_units_new(&u, c, by, &err);

	if (rc)
		return rc;
	for (i = 0; i < sw_units_count(u); i++) {
		report_row *r = add_row(rs, section);
		const char *l = sw_units_label(u, i);
		if (!r) {
			rc = SW_ENOMEM;
			break;
		}
		r->unit = cli_dups(l);
		r->rank = (long long)i + 1;
		r->docs = (long long)sw_units_ndocs(u, i);
		r->count = (long long)sw_units_counted(u, i);
		if (l && !r->unit) {
			rc = SW_ENOMEM;
			break;
		}
	}
	sw_units_free(u);
	return rc;
}

/* Keyness of each group against all other documents, every group from
 * one preparation (sw_keyness_units_new(): linear in the corpus, not in
 * groups x corpus).  Returns the number of groups compared in *ngroups
 * (0: fewer than two groups). */
static int section_keyness(report_rows *rs, const sw_counts *c, const sw_phrases *ph, size_t top,
			   size_t nthreads, size_t *ngroups, sw_error *err)
{
	sw_keyness_options ko = SW_KEYNESS_OPTIONS_INIT;
	sw_keyness_units *ku = NULL;
	sw_units *u = NULL;
	size_t g, i, labelled = 0;
	int rc;

	*ngroups = 0;
	if ((rc = sw_units_new(&u, c, "group", err)))
		return rc;
	for (g = 0; g < sw_units_count(u); g++)
		labelled += sw_units_label(u, g) != NULL;
	if (labelled < 2)
		goto done;
	ko.top = top;
	ko.bonferroni = 1; /* alpha 0.05 / terms tested */
	ko.min_docs = 3;   /* key for a group: in 3 of its documents (all if fewer) */
	ko.phrases = ph;
	ko.nthreads = nthreads;
	if ((rc = sw_keyness_units_new(&ku, c, u, &ko, err)))
		goto done;
	for (g = 0; g < sw_units_count(u); g++) {
		sw_keyness *k = NULL;
		const char *label = sw_units_label(u, g);
		long long rank = 0;
		if (!label)
			continue;
		if ((rc = sw_keyness_unit_new(&k, ku, g, err))) {
			if (rc == SW_EINVAL) { /* an empty group: nothing to compare */
				rc = SW_OK;
				continue;
			}
			goto done;
		}
		(*ngroups)++;
		for (i = 0; i < sw_keyness_count(k); i++) {
			const sw_keyness_record *kr = sw_keyness_get(k, i);
			report_row *r = add_row(rs, "keyness_group");
			if (!r || !(r->unit = cli_dups(label))) {
				sw_keyness_free(k);
				rc = SW_ENOMEM;
				goto done;
			}
			r->rank = ++rank;
			r->term = cli_dupn(kr->term, kr->term_len);
			r->key = cli_dupn(kr->key, kr->key_len);
			r->count = (long long)kr->count_target;
			r->docs = kr->docs_target;
			r->per_10k = kr->per_10k_target;
			r->score = kr->g2;
			r->n = kr->n;
			r->ref_count = (double)kr->count_reference;
			r->ref_per_10k = kr->per_10k_reference;
			r->log_ratio = kr->log_ratio;
			r->p = kr->p;
			r->direction = cli_dups(kr->direction == SW_KEYNESS_TARGET ? "target" : "reference");
			if (!r->term || !r->key || !r->direction) {
				sw_keyness_free(k);
				rc = SW_ENOMEM;
				goto done;
			}
		}
		sw_keyness_free(k);
	}
	rc = SW_OK;
done:
	sw_keyness_units_free(ku);
	sw_units_free(u);
	return rc;
}

/* Per-period records of one series (count per period) into section. */
static int series_rows(report_rows *rs, const char *section, const sw_trends *t,
		       long long rank, const char *term, const char *key, const uint32_t *count,
		       const uint32_t *docs, long long n)
{
	size_t p;

	for (p = 0; p < sw_trends_nperiods(t); p++) {
		report_row *r = add_row(rs, section);
		if (!r)
			return SW_ENOMEM;
		r->unit = cli_dups(sw_trends_period(t, p));
		r->rank = rank;
		r->term = cli_dups(term);
		r->key = cli_dups(key);
		r->count = count[p];
		r->docs = docs ? docs[p] : 0;
		r->per_10k = per10k(count[p], (double)sw_trends_period_tokens(t, p));
		r->n = n;
		r->incomplete = !sw_trends_period_complete(t, p);
		if (!r->unit || !r->term || !r->key)
			return SW_ENOMEM;
	}
	return SW_OK;
}

/* A trend summary record (rising/falling). */
static int summary_row(report_rows *rs, const char *section, long long rank, const char *term,
		       const char *key, const sw_trends_summary *s, uint32_t docs)
{
	report_row *r = add_row(rs, section);

	if (!r)
		return SW_ENOMEM;
	r->rank = rank;
	r->term = cli_dups(term);
	r->key = cli_dups(key);
	r->count = (long long)s->count;
	r->docs = docs;
	r->per_10k = s->per_10k;
	r->score = s->ols.slope;
	r->p = s->ols.p;
	r->log_ratio = s->half_ratio > 0 ? log2(s->half_ratio) : NAN;
	r->n = 1;
	r->direction = cli_dups(sw_trends_direction_name(s) ? sw_trends_direction_name(s) : "flat");
	return r->term && r->key && r->direction ? SW_OK : SW_ENOMEM;
}

/* Rising and falling terms: the top movers each way with their series. */
static int section_trends(report_rows *rs, const sw_counts *c, sw_trends *t, size_t top,
			  sw_error *err)
{
	const sw_trends_direction dirs[2] = { SW_TRENDS_RISING, SW_TRENDS_FALLING };
	size_t np = sw_trends_nperiods(t), k, i;
	uint32_t *count = malloc((np + 1) * sizeof *count), *docs = malloc((np + 1) * sizeof *docs);
	/* the same eligibility as `stichwort trends --rising/--falling` */
	uint32_t min_count = sw_trends_default_min_count(t);
	int rc = SW_ENOMEM;

	if (!count || !docs)
		goto done;
	if ((rc = sw_trends_index_keys(t, 0, err)))
		goto done;
	for (k = 0; k < 2; k++) {
		const sw_trends_mover *mv;
		size_t n;
		if ((rc = sw_trends_movers(&mv, &n, t, dirs[k], min_count, SW_TRENDS_MIN_DOCS, err)))
			goto done;
		for (i = 0; i < n && i < top; i++) {
			sw_trends_summary s;
			size_t kl, dl;
			const char *kb = sw_counts_key_bytes(c, mv[i].key, &kl);
			const char *db = sw_counts_display(c, mv[i].key, &dl);
			char *key = cli_dupn(kb, kl), *term = cli_dupn(db, dl);
			rc = SW_ENOMEM;
			if (key && term &&
			    !(rc = sw_trends_key_series(t, mv[i].key, count, docs, err)) &&
			    !(rc = sw_trends_summarize(&s, t, count, err)) &&
			    !(rc = summary_row(rs, "trends_summary", (long long)i + 1, term, key, &s,
					       mv[i].docs)))
				rc = series_rows(rs, "trends", t, (long long)i + 1, term, key, count, docs, 1);
			free(key);
			free(term);
			if (rc)
				goto done;
		}
	}
	rc = SW_OK;
done:
	free(count);
	free(docs);
	return rc;
}

/*
 * The notes of the trend section: the periods the corpus covers only in
 * part (into pnote, and their labels into hd->partial for the charts),
 * and why no term rises or falls when none does (qnote).  Empty strings
 * when there is nothing to say.
 */
static void trend_notes(const sw_trends *t, const report_rows *rs, int include, report_data *hd,
			char *pnote, char *qnote, size_t size)
{
	size_t np = sw_trends_nperiods(t), p, n = 0, listed = 0, nc, nm;
	double mq;

	hd->include_partial = include;
	for (p = 0; p < np; p++)
		if (!sw_trends_period_complete(t, p) && n < 2)
			hd->partial[n++] = sw_trends_period(t, p);
	if (n)
		snprintf(pnote, size, "Rising and falling terms: the corpus covers %s %s%s%s only in "
			 "part (its dates stop short of the calendar); %s.",
			 n == 1 ? "period" : "periods", hd->partial[0], n == 2 ? " and " : "",
			 n == 2 ? hd->partial[1] : "",
			 include ? "kept in the slopes and tests (--include-partial)"
				 : "left out of the slopes and tests, dashed in the charts");
	for (p = 0; p < rs->n; p++)
		listed += strcmp(rs->r[p].section, "trends_summary") == 0;
	nc = sw_trends_candidates(t, &mq);
	for (p = 0, nm = 0; p < np; p++)
		nm += (size_t)sw_trends_period_measured(t, p);
	if (np >= 2 && !listed && nm < 2)
		snprintf(qnote, size, "Rising and falling terms: none; fewer than two periods to "
			 "compare (periods without documents%s are left out).",
			 include ? "" : " and partial periods");
	else if (np >= 2 && !listed && nc && !isnan(mq))
		snprintf(qnote, size, "Rising and falling terms: none; of %zu terms seen often "
			 "enough none has a significant trend (smallest q %.3g > 0.05; "
			 "stichwort trends --max-q 1 ranks them by change).", nc, mq);
}

/* Theme counts by group and by period, and each theme's trend. */
static int section_themes(report_rows *rs, const sw_counts *c, const sw_themes *th,
			  const sw_theme_counts *tc, sw_trends *t, sw_error *err)
{
	size_t nt = sw_themes_count(th), nd = sw_counts_ndocs(c), np = t ? sw_trends_nperiods(t) : 0;
	size_t k, d, g;
	sw_units *u = NULL;
	uint32_t *dc = malloc((nd + 1) * sizeof *dc), *count = malloc((np + 1) * sizeof *count);
	uint32_t *docs = malloc((np + 1) * sizeof *docs);
	long long *gcount = NULL, *gdocs = NULL; /* per group: the theme's count, documents */
	int rc = SW_ENOMEM;

	if (!dc || !count || !docs)
		goto done;
	if ((rc = sw_units_new(&u, c, "group", err)))
		goto done;
	rc = SW_ENOMEM;
	gcount = malloc((sw_units_count(u) + 1) * sizeof *gcount);
	gdocs = malloc((sw_units_count(u) + 1) * sizeof *gdocs);
	if (!gcount || !gdocs)
		goto done;
	for (k = 0; k < nt; k++) {
		const char *name = sw_themes_name(th, k);
		/* one pass over the documents: thousands of groups cost no more */
		memset(gcount, 0, (sw_units_count(u) + 1) * sizeof *gcount);
		memset(gdocs, 0, (sw_units_count(u) + 1) * sizeof *gdocs);
		for (d = 0; d < nd; d++) {
			dc[d] = sw_theme_counts_doc(tc, d, k);
			gcount[sw_units_of_doc(u, d)] += dc[d];
			gdocs[sw_units_of_doc(u, d)] += dc[d] > 0;
		}
		for (g = 0; g < sw_units_count(u); g++) {
			report_row *r = add_row(rs, "themes_group");
			long long n = 0, nds = 0;
			rc = SW_ENOMEM;
			if (!r)
				goto done;
			n = gcount[g];
			nds = gdocs[g];
			r->unit = cli_dups(sw_units_label(u, g));
			r->rank = (long long)k + 1;
			r->term = cli_dups(name);
			r->key = cli_dups(name);
			r->count = n;
			r->docs = nds;
			r->per_10k = per10k((double)n, (double)sw_units_counted(u, g));
			r->n = (long long)sw_themes_npatterns(th, k);
			if ((sw_units_label(u, g) && !r->unit) || !r->term || !r->key)
				goto done;
		}
		if (t && np) {
			sw_trends_summary s;
			uint32_t alldocs = 0;
			sw_trends_series_from_docs(t, dc, count, docs);
			if ((rc = series_rows(rs, "themes_period", t, (long long)k + 1, name, name, count, docs,
					      (long long)sw_themes_npatterns(th, k))))
				goto done;
			for (d = 0; d < np; d++)
				alldocs += docs[d];
			if ((rc = sw_trends_summarize(&s, t, count, err)) ||
			    (rc = summary_row(rs, "themes_trend", (long long)k + 1, name, name, &s,
					      alldocs)))
				goto done;
		}
	}
	rc = SW_OK;
done:
	sw_units_free(u);
	free(gcount);
	free(gdocs);
	free(dc);
	free(count);
	free(docs);
	return rc;
}

/* ---- report.md ---- */

typedef struct md_col {
	const char *head;
	int field;
	int decimals; /* reals */
} md_col;

static void md_text(FILE *f, const char *s)
{
	if (!s) {
		fputs("\xe2\x80\x93", f);
		return;
	}
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

static void md_cell(FILE *f, const report_row *r, const md_col *col)
{
	char num[48];

	switch (col->field) {
	case F_UNIT: md_text(f, r->unit); break;
	case F_TERM: md_text(f, r->term); break;
	case F_KEY: md_text(f, r->key); break;
	case F_DIRECTION: md_text(f, r->direction); break;
	case F_RANK: fputs(html_int(num, r->rank), f); break;
	case F_COUNT: fputs(html_int(num, r->count), f); break;
	case F_DOCS: fputs(html_int(num, r->docs), f); break;
	case F_N: fputs(html_int(num, r->n), f); break;
	case F_PER10K: fputs(html_num(num, r->per_10k, col->decimals), f); break;
	case F_SCORE: fputs(html_num(num, r->score, col->decimals), f); break;
	case F_REFCOUNT: fputs(html_num(num, r->ref_count, 0), f); break;
	case F_REFPER10K: fputs(html_num(num, r->ref_per_10k, col->decimals), f); break;
	case F_LOGRATIO: fputs(html_num(num, r->log_ratio, col->decimals), f); break;
	case F_P: fputs(html_num(num, r->p, col->decimals), f); break;
	default: break;
	}
}

static int is_text_field(int field)
{
	return field == F_UNIT || field == F_TERM || field == F_KEY || field == F_DIRECTION;
}

static int cmp_row_unit(const void *a, const void *b)
{
	const report_row *x = *(const report_row *const *)a, *y = *(const report_row *const *)b;
	int c = html_collate(x->unit, y->unit);

	/* qsort is not stable: the records' own order breaks ties */
	return c ? c : (x > y) - (x < y);
}

/* A table of a section's records; by_unit: German order of the units. */
static void md_table(FILE *f, const report_rows *rs, const char *section, const char *title,
		     const md_col *cols, size_t ncols, int by_unit)
{
	const report_row **o = malloc((rs->n + 1) * sizeof *o);
	size_t i, k, n = 0;

	if (!o)
		return;
	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].section, section) == 0)
			o[n++] = &rs->r[i];
	if (n) {
		if (by_unit)
			qsort(o, n, sizeof *o, cmp_row_unit);
		fprintf(f, "\n## %s\n\n|", title);
		for (k = 0; k < ncols; k++)
			fprintf(f, " %s |", cols[k].head);
		fputs("\n|", f);
		for (k = 0; k < ncols; k++)
			fputs(is_text_field(cols[k].field) ? "---|" : "---:|", f);
		fputc('\n', f);
		for (i = 0; i < n; i++) {
			fputc('|', f);
			for (k = 0; k < ncols; k++) {
				fputc(' ', f);
				md_cell(f, o[i], &cols[k]);
				fputs(" |", f);
			}
			fputc('\n', f);
		}
	}
	free(o);
}

/* Columns of a period pivot in report.md at most: a sentinel date such as
 * 9999-12-31 makes a series of thousands of periods (report.json keeps
 * them all; docs/report.md). */
#define MD_PIVOT_PERIODS 60

/* A pivot of per-period (or per-group) records: one row per term, one
 * column per unit, the per_10k values.  Units and terms are indexed, so
 * the cost is linear in the records.  A period pivot (by_group 0) shows
 * only the periods with documents (an empty one has no value in any
 * row), and of them the last MD_PIVOT_PERIODS, saying what it left out. */
static void md_pivot(FILE *f, const report_rows *rs, const char *section, const char *title,
		     int by_group)
{
	html_strtab units, terms;
	double *v = NULL;
	size_t *col = NULL;
	size_t nu, nt, ncol = 0, nempty = 0, first, i, k, j;
	char num[48];
	int have_units, have_terms;

	have_units = html_strtab_init(&units, rs->n) == 0;
	have_terms = html_strtab_init(&terms, rs->n) == 0;
	if (!have_units || !have_terms)
		goto done;
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		if (strcmp(r->section, section) != 0)
			continue;
		html_strtab_add(&units, r->unit);
		html_strtab_add(&terms, r->term);
	}
	nu = units.n;
	nt = terms.n;
	if (!nt)
		goto done;
	v = malloc((nt * nu + 1) * sizeof *v);
	col = malloc((nu + 1) * sizeof *col);
	if (!v || !col)
		goto done;
	for (i = 0; i < nt * nu; i++)
		v[i] = NAN;
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		if (strcmp(r->section, section) != 0)
			continue;
		v[html_strtab_find(&terms, r->term) * nu + html_strtab_find(&units, r->unit)] =
			r->per_10k;
	}
	for (k = 0; k < nu; k++) {
		int measured = by_group;
		for (j = 0; j < nt && !measured; j++)
			measured = !isnan(v[j * nu + k]);
		if (measured)
			col[ncol++] = k;
		else
			nempty++;
	}
	if (by_group) /* German order, "no value" last */
		for (i = 1; i < ncol; i++)
			for (k = i; k > 0 && html_collate(units.s[col[k - 1]], units.s[col[k]]) > 0; k--) {
				size_t x = col[k];
				col[k] = col[k - 1];
				col[k - 1] = x;
			}
	first = !by_group && ncol > MD_PIVOT_PERIODS ? ncol - MD_PIVOT_PERIODS : 0;
	fprintf(f, "\n## %s\n\n", title);
	if (nempty || first) {
		char a[48], b[48];
		fprintf(f, "Of %s periods, ", html_int(a, (long long)nu));
		if (nempty)
			fprintf(f, "%s without documents %s left out", html_int(b, (long long)nempty),
				nempty == 1 ? "is" : "are");
		if (nempty && first)
			fputs(" and ", f);
		if (first)
			fprintf(f, "only the last %d with documents are shown", MD_PIVOT_PERIODS);
		fputs("; report.json has every period.\n\n", f);
	}
	fputs("| |", f);
	for (k = first; k < ncol; k++) {
		const char *u = units.s[col[k]];
		fputc(' ', f);
		md_text(f, u ? u : "(none)");
		fputs(" |", f);
	}
	fputs("\n|---|", f);
	for (k = first; k < ncol; k++)
		fputs("---:|", f);
	fputc('\n', f);
	for (j = 0; j < nt; j++) {
		fputs("| ", f);
		md_text(f, terms.s[j]);
		fputs(" |", f);
		for (k = first; k < ncol; k++)
			fprintf(f, " %s |", html_num(num, v[j * nu + col[k]], 1));
		fputc('\n', f);
	}
done:
	free(v);
	free(col);
	if (have_units)
		html_strtab_free(&units);
	if (have_terms)
		html_strtab_free(&terms);
}

static void write_md(FILE *f, const report_rows *rs, const char *period, const char *pnote,
		     const char *qnote)
{
	static const md_col docs[] = { { "unit", F_UNIT, 0 }, { "documents", F_DOCS, 0 },
				       { "tokens", F_COUNT, 0 } };
	static const md_col terms[] = { { "rank", F_RANK, 0 }, { "term", F_TERM, 0 },
					{ "count", F_COUNT, 0 }, { "docs", F_DOCS, 0 },
					{ "per 10k", F_PER10K, 2 } };
	static const md_col phrases[] = { { "rank", F_RANK, 0 }, { "term", F_TERM, 0 },
					  { "count", F_COUNT, 0 }, { "docs", F_DOCS, 0 },
					  { "score", F_SCORE, 2 }, { "n", F_N, 0 } };
	static const md_col keyness[] = { { "group", F_UNIT, 0 }, { "rank", F_RANK, 0 },
					  { "term", F_TERM, 0 }, { "direction", F_DIRECTION, 0 },
					  { "G²", F_SCORE, 2 }, { "log ratio", F_LOGRATIO, 2 },
					  { "count", F_COUNT, 0 }, { "per 10k", F_PER10K, 2 },
					  { "per 10k rest", F_REFPER10K, 2 } };
	static const md_col trends[] = { { "rank", F_RANK, 0 }, { "term", F_TERM, 0 },
					 { "direction", F_DIRECTION, 0 },
					 { "slope per period", F_SCORE, 3 }, { "p", F_P, 4 },
					 { "log2 last/first half", F_LOGRATIO, 2 },
					 { "count", F_COUNT, 0 } };
	static const md_col comp[] = { { "term", F_UNIT, 0 }, { "rank", F_RANK, 0 },
				       { "compound", F_TERM, 0 }, { "count", F_COUNT, 0 },
				       { "docs", F_DOCS, 0 } };
	static const md_col kw[] = { { "unit", F_UNIT, 0 }, { "rank", F_RANK, 0 },
				     { "term", F_TERM, 0 }, { "count", F_COUNT, 0 },
				     { "docs", F_DOCS, 0 }, { "score", F_SCORE, 2 } };
	char t1[80], t2[80];

	md_table(f, rs, "documents_group", "Documents per group", docs, 3, 1);
	md_table(f, rs, "documents_year", "Documents per year", docs, 3, 0);
	md_table(f, rs, "terms", "Top terms", terms, 5, 0);
	md_table(f, rs, "term_compounds", "Commonest compounds of the top terms", comp, 5, 0);
	md_table(f, rs, "phrases", "Top phrases (multiword terms)", phrases, 6, 0);
	md_table(f, rs, "keywords_corpus",
		 "Key terms of the corpus (against general political German)", kw, 6, 0);
	md_table(f, rs, "keyness_group", "Distinctive terms per group (each group against the rest)",
		 keyness, 9, 1);
	md_table(f, rs, "trends_summary", "Rising and falling terms", trends, 7, 0);
	snprintf(t1, sizeof t1, "Rising and falling terms per %s (per 10k tokens)", period);
	md_pivot(f, rs, "trends", t1, 0);
	/* why the section is empty, and which periods are partial */
	if (qnote[0])
		fprintf(f, "\n## Rising and falling terms\n\n%s\n", qnote);
	if (pnote[0])
		fprintf(f, "\n*%s*\n", pnote);
	md_pivot(f, rs, "themes_group", "Themes by group (per 10k tokens)", 1);
	snprintf(t2, sizeof t2, "Themes per %s (per 10k tokens)", period);
	md_pivot(f, rs, "themes_period", t2, 0);
	md_table(f, rs, "themes_trend", "Theme trends", trends, 7, 0);
	md_table(f, rs, "keywords_group", "Keywords per group", kw, 6, 1);
	md_table(f, rs, "keywords_year", "Keywords per year", kw, 6, 0);
}

/* ---- the terminal ---- */

typedef struct file_sink {
	FILE *f;
} file_sink;

static int to_file(const char *data, size_t len, void *payload)
{
	return fwrite(data, 1, len, ((file_sink *)payload)->f) == len ? 0 : -1;
}

static int write_rows(FILE *f, const sw_table_options *to, const report_rows *rs,
		      const char *section, const sw_field *flds, size_t nf, const size_t *map)
{
	file_sink fs = { f };
	sw_writer *w = NULL;
	sw_value all[NFIELDS], v[NFIELDS];
	size_t i, k;
	int rc;

	if ((rc = sw_writer_new(&w, SW_FORMAT_TABLE, flds, nf, to_file, &fs, NULL)) ||
	    (rc = sw_writer_set_table(w, to, NULL)) ||
	    (rc = sw_writer_begin(w, "report", NULL, 0, NULL)))
		goto done;
	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].section, section) != 0)
			continue;
		row_values(&rs->r[i], all);
		for (k = 0; k < nf; k++)
			v[k] = all[map[k]];
		if ((rc = sw_writer_row(w, v, NULL)))
			goto done;
	}
	rc = sw_writer_end(w, NULL, 0, NULL, 0, NULL);
done:
	sw_writer_free(w);
	return rc;
}

/* The overview sections and the top tables. */
static int write_terminal(FILE *f, const sw_table_options *to, const report_rows *rs)
{
	static const size_t m_terms[] = { F_RANK, F_TERM, F_COUNT, F_DOCS, F_PER10K };
	static const size_t m_phrases[] = { F_RANK, F_TERM, F_COUNT, F_DOCS, F_SCORE, F_N };
	static const size_t m_docs[] = { F_UNIT, F_DOCS, F_COUNT };
	sw_field ft[5], fp[6], fd[3];
	size_t i;
	struct {
		const char *section, *title;
		sw_field *f;
		const size_t *map;
		size_t n;
	} sec[] = {
		{ "documents_group", "Documents per group", fd, m_docs, 3 },
		{ "documents_year", "Documents per year", fd, m_docs, 3 },
		{ "terms", "Top terms", ft, m_terms, 5 },
		{ "phrases", "Top phrases (multiword terms)", fp, m_phrases, 6 },
	};
	int rc = SW_OK;

	for (i = 0; i < 5; i++)
		ft[i] = fields[m_terms[i]];
	for (i = 0; i < 6; i++)
		fp[i] = fields[m_phrases[i]];
	fd[0] = fields[F_UNIT];
	fd[1] = (sw_field){ "documents", SW_FIELD_INT };
	fd[2] = (sw_field){ "tokens", SW_FIELD_INT };
	for (i = 0; i < sizeof sec / sizeof *sec && !rc; i++) {
		size_t k, present = 0;
		for (k = 0; k < rs->n; k++)
			present += strcmp(rs->r[k].section, sec[i].section) == 0;
		if (!present)
			continue;
		fprintf(f, "\n%s\n\n", sec[i].title);
		rc = write_rows(f, to, rs, sec[i].section, sec[i].f, sec[i].n, sec[i].map);
	}
	return rc;
}

static void date_range(const sw_counts *c, const char **lo, const char **hi)
{
	size_t d;

	*lo = *hi = NULL;
	for (d = 0; d < sw_counts_ndocs(c); d++) {
		const char *x = sw_counts_doc(c, d)->date;
		if (!x)
			continue;
		if (!*lo || strcmp(x, *lo) < 0)
			*lo = x;
		if (!*hi || strcmp(x, *hi) > 0)
			*hi = x;
	}
}

static void overview(FILE *f, const sw_counts *c, sw_key_kind key, const char *lo, const char *hi,
		     const char *method, int md)
{
	char a[48], b[48], t[48];

	fprintf(f, md ? "# stichwort report\n\n" : "stichwort report\n\n");
	/* tokens and types both without punctuation (the JSON's "tokens", "types") */
	if (md)
		fprintf(f, "- %s %s, %s %s, %s %s (punctuation not counted)\n",
			html_int(a, (long long)sw_counts_ndocs(c)),
			sw_counts_ndocs(c) == 1 ? "document" : "documents",
			html_int(b, (long long)sw_counts_counted(c)),
			sw_counts_counted(c) == 1 ? "token" : "tokens",
			html_int(t, (long long)cli_types(c)), cli_types(c) == 1 ? "type" : "types");
	else
		fprintf(f, "%zu %s, %zu %s, %zu %s (punctuation not counted)\n",
			sw_counts_ndocs(c), sw_counts_ndocs(c) == 1 ? "document" : "documents",
			sw_counts_counted(c), sw_counts_counted(c) == 1 ? "token" : "tokens",
			cli_types(c), cli_types(c) == 1 ? "type" : "types");
	if (lo)
		fprintf(f, "%sdates from %s to %s\n", md ? "- " : "", lo, hi);
	else
		fprintf(f, "%sno dates\n", md ? "- " : "");
	fprintf(f, "%skeywords by %s; terms are counted by %s%s\n", md ? "- " : "", method,
		key == SW_KEY_LEMMA ? "lemma" : "the stem of the lemma",
		key == SW_KEY_LEMMA ? "" : " (--key stem)");
	if (md)
		fputs("- numbers in German notation (decimal comma); names in German alphabetical order\n", f);
}

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

typedef struct rep_opts {
	size_t top, ktop, keytop, trtop, kwic;
	const char *period, *themes, *reference;
	int include_partial;
} rep_opts;

static int parse_opts(rep_opts *o, const cli_args *a, sw_keywords_options *ko)
{
	const char *m;
	int status;

	o->top = 25;
	o->ktop = 10;
	o->keytop = 10;
	o->trtop = 6;
	o->kwic = 5;
	if ((status = cli_uint_opt(a, "--top", &o->top, 1, 100000)) ||
	    (status = cli_uint_opt(a, "--keywords-top", &o->ktop, 1, 100000)) ||
	    (status = cli_uint_opt(a, "--keyness-top", &o->keytop, 1, 100000)) ||
	    (status = cli_uint_opt(a, "--trends-top", &o->trtop, 1, 100000)) ||
	    (status = cli_uint_opt(a, "--kwic", &o->kwic, 0, 1000)))
		return status;
	m = cli_value(a, "--method");
	if (m && sw_keywords_method_parse(&ko->method, m)) {
		fprintf(stderr, "stichwort report: unknown method '%s' (auto, keyness, salience, tfidf, bm25, yake, textrank)\n", m);
		return SW_EXIT_USAGE;
	}
	o->period = cli_value(a, "--period");
	if (!o->period)
		o->period = "year";
	if (strcmp(o->period, "year") && strcmp(o->period, "quarter") && strcmp(o->period, "month")) {
		fprintf(stderr, "stichwort report: unknown period '%s' (year, quarter, month)\n", o->period);
		return SW_EXIT_USAGE;
	}
	o->themes = cli_value(a, "--themes");
	o->include_partial = cli_has(a, "--include-partial");
	o->reference = cli_value(a, "--reference");
	if (!o->reference)
		o->reference = "builtin";
	return 0;
}

static FILE *open_out(char **path, const char *dir, const char *name)
{
	free(*path);
	*path = malloc(strlen(dir) + strlen(name) + 2);
	if (!*path)
		return NULL;
	sprintf(*path, "%s/%s", dir, name);
	return cli_out_open(*path); /* a temporary file, renamed on commit */
}

/* Rename the three written files over the old ones, holding a lock on
 * DIR (flock(2) on the directory itself, so nothing is left in it): two
 * reports into one DIR at once each commit their three files whole, and
 * the one that finishes last is the report in DIR.  Without the lock (a
 * file system without flock) the renames still follow one another at
 * once.  0, or -1 with errno set and *path the file that failed. */
static int commit_report(const char *dir, char **path)
{
	char *failed = NULL;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc, e;

	if (fd >= 0)
		while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
			;
	rc = cli_out_commit_pending(&failed);
	e = errno;
	if (fd >= 0)
		close(fd); /* releases the lock */
	if (rc) {
		if (failed) {
			free(*path);
			*path = failed;
		}
		errno = e;
	}
	return rc;
}

int cmd_report(int argc, char **argv)
{
	size_t nopts, i, ngroups = 0;
	cli_opt *opts = cli_opts_with_common(report_opts, sizeof report_opts / sizeof *report_opts,
					     &nopts);
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
	sw_phrases *ph = NULL;
	sw_keywords *kg = NULL, *ky = NULL, *kc = NULL;
	sw_reflist *ref = NULL;
	sw_counts *c = NULL;
	sw_trends *tr = NULL;
	sw_themes *th = NULL;
	sw_matcher *mt = NULL;
	sw_theme_counts *tc = NULL;
	sw_error err = { 0 };
	report_rows rs = { NULL, 0, 0 };
	report_kwics ks = { NULL, 0, 0 };
	rep_opts o;
	report_data hd;
	cli_args a;
	cli_run r;
	const char *dir, *lo, *hi, *m;
	char *path = NULL;
	FILE *f = NULL;
	int status, rc;
	sw_warning *warns = NULL;
	size_t nwarns = 0;
	char pnote[300], qnote[300];

	memset(&r, 0, sizeof r);
	memset(&hd, 0, sizeof hd);
	for (i = 0; opts && i < nopts; i++)
		if (strcmp(opts[i].name, "--output") == 0) {
			opts[i].arg = "DIR";
			opts[i].help = "write report.json, report.md, report.html into DIR (default ./stichwort-report)";
		}
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "report", usage)) >= 0) {
		free(opts);
		return status;
	}
	if (cli_has(&a, "--format")) {
		fputs("stichwort report: --format does not apply: the report is always written as "
		      "report.json, report.md and report.html into DIR (-o DIR)\n", stderr);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	if ((status = parse_opts(&o, &a, &ko)))
		goto done_args;
	dir = cli_value(&a, "--output");
	if (!dir)
		dir = "stichwort-report";
	if ((status = cli_run_open_dir(&r, &a, "report")))
		goto done;
	if (o.themes && (status = cli_load_themes("report", o.themes, &th)))
		goto done;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	cli_note_far_dates(&r, c);
	po.nthreads = r.threads;
	ko.nthreads = r.threads;
	if ((rc = sw_phrases_new(&ph, c, &po, &err)))
		goto fail;
	if ((status = cli_reference_load(&ref, &r, o.reference)))
		goto done;
	ko.phrases = ph;
	ko.reference = ref;
	if (ref) { /* the key terms of the corpus */
		sw_keywords_options kco = ko;
		kco.method = SW_KEYWORDS_KEYNESS;
		kco.top = o.top;
		kco.per = NULL;
		if ((rc = sw_keywords_new(&kc, c, &kco, &err)))
			goto fail;
	}
	ko.top = o.ktop;
	ko.per = "group";
	if ((rc = sw_keywords_new(&kg, c, &ko, &err)))
		goto fail;
	ko.per = "year";
	if ((rc = sw_keywords_new(&ky, c, &ko, &err)))
		goto fail;
	if ((rc = sw_trends_new(&tr, c, o.period, &err)))
		goto fail;
	/* the same movers as `stichwort trends` by default */
	sw_trends_include_partial(tr, o.include_partial);
	sw_trends_set_max_q(tr, SW_TRENDS_MAX_Q);
	if ((rc = section_documents(&rs, c, "group", "documents_group")) ||
	    (rc = section_documents(&rs, c, "year", "documents_year")) ||
	    (rc = section_terms(&rs, c, o.top)) || (rc = section_phrases(&rs, c, ph, o.top)) ||
	    (rc = section_keyness(&rs, c, ph, o.keytop, r.threads, &ngroups, &err)) ||
	    (rc = section_trends(&rs, c, tr, o.trtop, &err)))
		goto fail;
	if (th) {
		if ((rc = sw_matcher_new(&mt, th, r.lexicon, &err)) ||
		    (rc = sw_theme_counts_new(&tc, mt, c, &err)) ||
		    (rc = section_themes(&rs, c, th, tc, tr, &err)))
			goto fail;
	}
	if ((kc && (rc = section_keywords(&rs, "keywords_corpus", kc))) ||
	    (rc = section_keywords(&rs, "keywords_group", kg)) ||
	    (rc = section_keywords(&rs, "keywords_year", ky)))
		goto fail;
	if ((rc = report_kwic_collect(&ks, &rs, c, ph, mt, o.kwic, &err)))
		goto fail;
	/* the warnings: the run's, then the trends' notices */
	pnote[0] = qnote[0] = '\0';
	if (!(warns = malloc((r.nwarnings + 3) * sizeof *warns))) {
		rc = SW_ENOMEM;
		goto fail;
	}
	if (r.nwarnings)
		memcpy(warns, r.warnings, r.nwarnings * sizeof *warns);
	nwarns = r.nwarnings;
	trend_notes(tr, &rs, o.include_partial, &hd, pnote, qnote, sizeof pnote);
	for (i = 0; i < 2; i++) {
		const char *msg = i ? qnote : pnote;
		if (!msg[0])
			continue;
		cli_note(warns, &nwarns, "report", r.quiet, msg);
	}
	date_range(c, &lo, &hi);
	m = sw_keywords_method_name(sw_keywords_method_used(kg));

	if (make_dir(dir)) {
		fprintf(stderr, "stichwort report: cannot create directory '%s': %s\n", dir, strerror(errno));
		status = SW_EXIT_FAILURE;
		goto done;
	}
	/* report.json */
	if (!(f = open_out(&path, dir, "report.json")))
		goto io;
	{
		file_sink fs = { f };
		sw_writer *w = NULL;
		sw_kv params[12], corpus[10];
		size_t np = 0, nc;
		params[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)o.top, 0 } };
		params[np++] = (sw_kv){ "keywords_top", SW_FIELD_INT, { NULL, 0, (long long)o.ktop, 0 } };
		params[np++] = (sw_kv){ "method", SW_FIELD_STRING, { m, strlen(m), 0, 0 } };
		{
			const char *rn = !ref ? NULL : !strcmp(o.reference, "builtin") ? SW_REFLIST_BUILTIN_NAME
										      : o.reference;
			params[np++] = (sw_kv){ "reference", SW_FIELD_STRING,
						{ rn, rn ? strlen(rn) : 0, 0, 0 } };
		}
		params[np++] = (sw_kv){ "phrase_measure", SW_FIELD_STRING, { "cvalue", 6, 0, 0 } };
		params[np++] = (sw_kv){ "keyness_top", SW_FIELD_INT, { NULL, 0, (long long)o.keytop, 0 } };
		params[np++] = (sw_kv){ "trends_top", SW_FIELD_INT, { NULL, 0, (long long)o.trtop, 0 } };
		params[np++] = (sw_kv){ "period", SW_FIELD_STRING, { o.period, strlen(o.period), 0, 0 } };
		params[np++] = (sw_kv){ "themes", SW_FIELD_STRING,
					{ o.themes, o.themes ? strlen(o.themes) : 0, 0, 0 } };
		params[np++] = (sw_kv){ "include_partial", SW_FIELD_BOOL,
					{ NULL, 0, o.include_partial, 0 } };
		nc = cli_corpus_kv(&r, c, corpus);
		corpus[nc++] = (sw_kv){ "date_from", SW_FIELD_STRING, { lo, lo ? strlen(lo) : 0, 0, 0 } };
		corpus[nc++] = (sw_kv){ "date_to", SW_FIELD_STRING, { hi, hi ? strlen(hi) : 0, 0, 0 } };
		rc = sw_writer_new(&w, SW_FORMAT_JSON, fields, NFIELDS, to_file, &fs, &err);
		if (!rc)
			rc = sw_writer_begin(w, "report", params, np, &err);
		for (i = 0; !rc && i < rs.n; i++) {
			sw_value v[NFIELDS];
			row_values(&rs.r[i], v);
			rc = sw_writer_row(w, v, &err);
		}
		if (!rc)
			rc = sw_writer_end(w, corpus, nc, warns, nwarns, &err);
		sw_writer_free(w);
		if (rc)
			goto fail;
	}
	if (cli_out_close_pending(f) != 0) {
		f = NULL;
		goto io;
	}
	/* report.md */
	if (!(f = open_out(&path, dir, "report.md")))
		goto io;
	overview(f, c, r.key, lo, hi, m, 1);
	write_md(f, &rs, o.period, pnote, qnote);
	if (cli_out_close_pending(f) != 0) {
		f = NULL;
		goto io;
	}
	/* report.html */
	if (!(f = open_out(&path, dir, "report.html")))
		goto io;
	hd.rows = &rs;
	hd.kwic = ks.k;
	hd.nkwic = ks.n;
	hd.ndocs = sw_counts_ndocs(c);
	hd.tokens = sw_counts_counted(c);
	hd.types = cli_types(c);
	hd.date_from = lo;
	hd.date_to = hi;
	hd.method = m;
	hd.period = o.period;
	hd.themes_path = o.themes;
	hd.version = sw_version();
	hd.problems = r.problems;
	i = 0;
	if (ngroups == 0)
		hd.notes[i++] = "Distinctive terms per group: left out, the corpus has fewer than two groups.";
	if (sw_trends_nperiods(tr) < 2)
		hd.notes[i++] = "Rising and falling terms: left out, the documents span fewer than two periods.";
	if (pnote[0])
		hd.notes[i++] = pnote;
	if (qnote[0])
		hd.notes[i++] = qnote;
	if (!th)
		hd.notes[i++] = "Themes: give a dictionary with --themes FILE for theme counts by group and period.";
	if (html_report_write(f, &hd)) {
		cli_out_abort(f);
		f = NULL;
		goto io;
	}
	if (cli_out_close_pending(f) != 0) {
		f = NULL;
		goto io;
	}
	f = NULL;
	/* all three written: now they replace the old ones together */
	if (commit_report(dir, &path))
		goto io;
	/* the terminal */
	overview(stdout, c, r.key, lo, hi, m, 0);
	if ((rc = write_terminal(stdout, &r.table, &rs)))
		goto fail;
	printf("\nwrote %s/report.json, %s/report.md and %s/report.html\n", dir, dir, dir);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "stichwort report: cannot write standard output: %s\n",
			strerror(errno ? errno : EIO));
		status = SW_EXIT_FAILURE;
		goto done;
	}
	status = cli_run_status(&r);
	goto done;
fail:
	status = cli_fail("report", rc, &err);
	goto done;
io:
	fprintf(stderr, "stichwort report: cannot write '%s': %s%s\n", path ? path : dir,
		strerror(errno), cli_out_why());
	status = SW_EXIT_FAILURE;
done:
	if (f)
		cli_out_abort(f);
	cli_out_abort_pending();
	free(path);
	free(warns);
	free_rows(&rs);
	report_kwic_free(&ks);
	sw_theme_counts_free(tc);
	sw_matcher_free(mt);
	sw_themes_free(th);
	sw_trends_free(tr);
	sw_keywords_free(kg);
	sw_keywords_free(ky);
	sw_keywords_free(kc);
	sw_reflist_free(ref);
	sw_phrases_free(ph);
	sw_counts_free(c);
	cli_run_close(&r);
	html_collate_done();
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
