/*
 * cli/cmd_report.c - `stichwort report`: the main job.  One pass over the
 * corpus, then an overview, top terms, top phrases and keywords per group
 * and per year, written as report.json (the JSON envelope with flat
 * records, one "section" field) and report.md, with the overview and the
 * top tables on the terminal.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const cli_opt report_opts[] = {
	{ "--top", 'n', OPT_VALUE, "N", "terms and phrases in the report (default 25)" },
	{ "--keywords-top", 0, OPT_VALUE, "N", "keywords per group and per year (default 10)" },
	{ "--method", 0, OPT_VALUE, "M", "keyword method: auto|tfidf|bm25|yake|textrank (default auto)" },
};

static void usage(FILE *f, const cli_opt *opts, size_t n)
{
	fputs("usage: stichwort report [INPUT...] [-o DIR] [options]\n"
	      "\n"
	      "The corpus report: an overview (documents, tokens, types, date range,\n"
	      "groups, years), the top terms, the top phrases, and keywords per group and\n"
	      "per year.  Writes DIR/report.json and DIR/report.md (DIR defaults to\n"
	      "./stichwort-report) and prints the overview and the top tables.\n"
	      "\n"
	      "report.json is the JSON envelope of every command; its results are flat\n"
	      "records with a \"section\" field (terms, phrases, keywords_group,\n"
	      "keywords_year, documents_group, documents_year) - one DataFrame in pandas.\n"
	      "\n"
	      "Options (-o names the directory here):\n", f);
	cli_print_options(f, opts, n);
	fputs("\nExamples:\n"
	      "  stichwort report corpora/\n"
	      "  stichwort report texte/ --meta quellen.jsonl -o bericht --top 40\n", f);
}

/* One record of the report. */
typedef struct row {
	const char *section;
	char *unit;      /* NULL: the corpus as a whole */
	long long rank;
	char *term;
	char *key;
	long long count;
	long long docs;
	double per_10k;  /* NaN when it does not apply */
	double score;    /* NaN when it does not apply */
	long long n;
} row;

typedef struct rows {
	row *r;
	size_t n, cap;
} rows;

static char *dupn(const char *s, size_t len)
{
	char *d;

	if (!s)
		return NULL;
	d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static row *add_row(rows *rs)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		row *nr = realloc(rs->r, cap * sizeof *nr);
		if (!nr)
			return NULL;
		rs->r = nr;
		rs->cap = cap;
	}
	memset(&rs->r[rs->n], 0, sizeof rs->r[rs->n]);
	rs->r[rs->n].per_10k = rs->r[rs->n].score = NAN;
	return &rs->r[rs->n++];
}

static void free_rows(rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].unit);
		free(rs->r[i].term);
		free(rs->r[i].key);
	}
	free(rs->r);
}

static const sw_field fields[] = {
	{ "section", SW_FIELD_STRING }, { "unit", SW_FIELD_STRING }, { "rank", SW_FIELD_INT },
	{ "term", SW_FIELD_STRING }, { "key", SW_FIELD_STRING }, { "count", SW_FIELD_INT },
	{ "docs", SW_FIELD_INT }, { "per_10k", SW_FIELD_REAL }, { "score", SW_FIELD_REAL },
	{ "n", SW_FIELD_INT },
};
#define NFIELDS (sizeof fields / sizeof *fields)

static void row_values(const row *r, sw_value *v)
{
	memset(v, 0, NFIELDS * sizeof *v);
	v[0].s = r->section;
	v[0].len = strlen(r->section);
	v[1].s = r->unit;
	v[1].len = r->unit ? strlen(r->unit) : 0;
	v[2].i = r->rank;
	v[3].s = r->term;
	v[3].len = r->term ? strlen(r->term) : 0;
	v[4].s = r->key;
	v[4].len = r->key ? strlen(r->key) : 0;
	v[5].i = r->count;
	v[6].i = r->docs;
	v[7].r = r->per_10k;
	v[8].r = r->score;
	v[9].i = r->n;
}

/* ---- sections ---- */


static int section_terms(rows *rs, const sw_counts *c, size_t top)
{
	sw_units *u = NULL;
	const sw_unit_tf *tf;
	size_t i, n;
	cli_ranked *rk = NULL;
	double total = (double)sw_counts_counted(c);
	int rc;

	/* content tokens only, as `stichwort terms` counts them */
	if ((rc = sw_units_new(&u, c, NULL, NULL)) || (rc = sw_units_tf(&tf, &n, u, 0, 0, NULL)))
		goto done;
	rc = SW_ENOMEM;
	if (!(rk = malloc((n + 1) * sizeof *rk)))
		goto done;
	cli_rank_terms(rk, c, tf, n);
	for (i = 0; i < n && i < top; i++) {
		row *r = add_row(rs);
		size_t dl;
		const char *d = sw_counts_display(c, rk[i].key, &dl);
		if (!r)
			goto done;
		r->section = "terms";
		r->rank = (long long)i + 1;
		r->term = dupn(d, dl);
		r->key = dupn(rk[i].kb, rk[i].kl);
		r->count = rk[i].count;
		r->docs = rk[i].docs;
		r->per_10k = total > 0 ? rk[i].count * 10000.0 / total : 0.0;
		r->n = 1;
		if (!r->term || !r->key)
			goto done;
	}
	rc = SW_OK;
done:
	free(rk);
	sw_units_free(u);
	return rc;
}

static int section_phrases(rows *rs, const sw_counts *c, const sw_phrases *p, size_t top)
{
	size_t i;
	double total = (double)sw_counts_counted(c);

	for (i = 0; i < sw_phrases_count(p) && i < top; i++) {
		const sw_phrase *ph = sw_phrases_get(p, i);
		row *r = add_row(rs);
		if (!r)
			return SW_ENOMEM;
		r->section = "phrases";
		r->rank = (long long)i + 1;
		r->term = dupn(ph->display, ph->display_len);
		r->key = dupn(ph->key, ph->key_len);
		r->count = ph->count;
		r->docs = ph->docs;
		r->per_10k = total > 0 ? ph->count * 10000.0 / total : 0.0;
		r->score = ph->score;
		r->n = ph->n;
		if (!r->term || !r->key)
			return SW_ENOMEM;
	}
	return SW_OK;
}

static int section_keywords(rows *rs, const char *section, const sw_keywords *k)
{
	size_t i, rank = 0, unit = (size_t)-1;

	for (i = 0; i < sw_keywords_count(k); i++) {
		const sw_keyword *kw = sw_keywords_get(k, i);
		row *r = add_row(rs);
		if (!r)
			return SW_ENOMEM;
		if (kw->unit != unit) {
			unit = kw->unit;
			rank = 0;
		}
		r->section = section;
		r->unit = kw->label ? dupn(kw->label, strlen(kw->label)) : NULL;
		r->rank = (long long)++rank;
		r->term = dupn(kw->term, kw->term_len);
		r->key = dupn(kw->key, kw->key_len);
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
static int section_documents(rows *rs, const sw_counts *c, const char *by, const char *section)
{
	sw_units *u;
	sw_error err;
	size_t i;
	int rc = sw_units_new(&u, c, by, &err);

	if (rc)
		return rc;
	for (i = 0; i < sw_units_count(u); i++) {
		row *r = add_row(rs);
		const char *l = sw_units_label(u, i);
		if (!r) {
			rc = SW_ENOMEM;
			break;
		}
		r->section = section;
		r->unit = l ? dupn(l, strlen(l)) : NULL;
		r->rank = (long long)i + 1;
		r->docs = (long long)sw_units_ndocs(u, i);
		r->count = (long long)sw_units_counted(u, i);
	}
	sw_units_free(u);
	return rc;
}

/* ---- output ---- */

typedef struct file_sink {
	FILE *f;
} file_sink;

static int to_file(const char *data, size_t len, void *payload)
{
	return fwrite(data, 1, len, ((file_sink *)payload)->f) == len ? 0 : -1;
}

static int write_rows(FILE *f, sw_format fmt, const rows *rs, const char *section,
		      const sw_field *flds, size_t nf, const size_t *map)
{
	file_sink fs = { f };
	sw_writer *w = NULL;
	sw_value all[NFIELDS], v[NFIELDS];
	size_t i, k;
	int rc;

	if ((rc = sw_writer_new(&w, fmt, flds, nf, to_file, &fs, NULL)) ||
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

/* The sections as tables with the columns that matter for each. */
static int write_tables(FILE *f, sw_format fmt, const rows *rs, int terminal)
{
	static const size_t m_terms[] = { 2, 3, 5, 6, 7 };
	static const size_t m_phrases[] = { 2, 3, 5, 6, 8, 9 };
	static const size_t m_kw[] = { 1, 2, 3, 5, 6, 8 };
	static const size_t m_docs[] = { 1, 6, 5 };
	sw_field ft[6], fp[6], fk[6], fd[3];
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
		{ "keywords_group", "Keywords per group", fk, m_kw, 6 },
		{ "keywords_year", "Keywords per year", fk, m_kw, 6 },
	};
	int rc = SW_OK;

	for (i = 0; i < 5; i++)
		ft[i] = fields[m_terms[i]];
	for (i = 0; i < 6; i++) {
		fp[i] = fields[m_phrases[i]];
		fk[i] = fields[m_kw[i]];
	}
	fd[0] = fields[1];
	fd[1] = (sw_field){ "documents", SW_FIELD_INT };
	fd[2] = (sw_field){ "tokens", SW_FIELD_INT };
	for (i = 0; i < sizeof sec / sizeof *sec && !rc; i++) {
		size_t k, present = 0;
		if (terminal && strncmp(sec[i].section, "keywords", 8) == 0)
			continue; /* the terminal gets the overview and the top tables */
		for (k = 0; k < rs->n; k++)
			present += strcmp(rs->r[k].section, sec[i].section) == 0;
		if (!present)
			continue;
		fprintf(f, terminal ? "\n%s\n\n" : "\n## %s\n\n", sec[i].title);
		rc = write_rows(f, fmt, rs, sec[i].section, sec[i].f, sec[i].n, sec[i].map);
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

static void overview(FILE *f, const sw_counts *c, const char *lo, const char *hi,
		     const char *method, int md)
{
	fprintf(f, md ? "# stichwort report\n\n" : "stichwort report\n\n");
	fprintf(f, "%s%zu documents, %zu tokens (punctuation not counted), %zu distinct terms\n",
		md ? "- " : "", sw_counts_ndocs(c), sw_counts_counted(c), sw_counts_nkeys(c));
	if (lo)
		fprintf(f, "%sdates from %s to %s\n", md ? "- " : "", lo, hi);
	else
		fprintf(f, "%sno dates\n", md ? "- " : "");
	fprintf(f, "%skeywords by %s; terms are stem keys shown in their most frequent form\n",
		md ? "- " : "", method);
}

static int make_dir(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int cmd_report(int argc, char **argv)
{
	size_t nopts, top = 25, ktop = 10, i;
	cli_opt *opts = cli_opts_with_common(report_opts, sizeof report_opts / sizeof *report_opts,
					     &nopts);
	sw_keywords_options ko = SW_KEYWORDS_OPTIONS_INIT;
	sw_phrase_options po = SW_PHRASE_OPTIONS_INIT;
	sw_phrases *ph = NULL;
	sw_keywords *kg = NULL, *ky = NULL;
	sw_counts *c = NULL;
	sw_error err = { 0 };
	rows rs = { NULL, 0, 0 };
	cli_args a;
	cli_run r;
	const char *dir, *lo, *hi, *m;
	char *path = NULL;
	FILE *f = NULL;
	int status, rc;

	memset(&r, 0, sizeof r);
	if ((status = cli_begin(&a, opts, nopts, argc, argv, "report", usage)) >= 0) {
		free(opts);
		return status;
	}
	if ((status = cli_uint_opt(&a, "--top", &top, 1, 100000)) ||
	    (status = cli_uint_opt(&a, "--keywords-top", &ktop, 1, 100000)))
		goto done_args;
	m = cli_value(&a, "--method");
	if (m && sw_keywords_method_parse(&ko.method, m)) {
		fprintf(stderr, "stichwort report: unknown method '%s' (auto, tfidf, bm25, yake, textrank)\n", m);
		status = SW_EXIT_USAGE;
		goto done_args;
	}
	dir = cli_value(&a, "--output");
	if (!dir)
		dir = "stichwort-report";
	if ((status = cli_run_open_dir(&r, &a, "report")))
		goto done;
	if ((status = cli_load_counts(&r, &c)))
		goto done;
	if ((rc = sw_phrases_new(&ph, c, &po, &err)))
		goto fail;
	ko.top = ktop;
	ko.phrases = ph;
	ko.per = "group";
	if ((rc = sw_keywords_new(&kg, c, &ko, &err)))
		goto fail;
	ko.per = "year";
	if ((rc = sw_keywords_new(&ky, c, &ko, &err)))
		goto fail;
	if ((rc = section_documents(&rs, c, "group", "documents_group")) ||
	    (rc = section_documents(&rs, c, "year", "documents_year")) ||
	    (rc = section_terms(&rs, c, top)) || (rc = section_phrases(&rs, c, ph, top)) ||
	    (rc = section_keywords(&rs, "keywords_group", kg)) ||
	    (rc = section_keywords(&rs, "keywords_year", ky)))
		goto fail;
	date_range(c, &lo, &hi);
	m = sw_keywords_method_name(sw_keywords_method_used(kg));

	/* report.json */
	if (make_dir(dir)) {
		fprintf(stderr, "stichwort report: cannot create directory '%s': %s\n", dir, strerror(errno));
		status = SW_EXIT_FAILURE;
		goto done;
	}
	path = malloc(strlen(dir) + 16);
	if (!path)
		goto oom;
	sprintf(path, "%s/report.json", dir);
	if (!(f = fopen(path, "wb")))
		goto io;
	{
		file_sink fs = { f };
		sw_writer *w = NULL;
		sw_kv params[5], corpus[9];
		size_t np = 0, nc;
		params[np++] = (sw_kv){ "top", SW_FIELD_INT, { NULL, 0, (long long)top, 0 } };
		params[np++] = (sw_kv){ "keywords_top", SW_FIELD_INT, { NULL, 0, (long long)ktop, 0 } };
		params[np++] = (sw_kv){ "method", SW_FIELD_STRING, { m, strlen(m), 0, 0 } };
		params[np++] = (sw_kv){ "phrase_measure", SW_FIELD_STRING, { "cvalue", 6, 0, 0 } };
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
			rc = sw_writer_end(w, corpus, nc, r.warnings, r.nwarnings, &err);
		sw_writer_free(w);
		if (rc)
			goto fail;
	}
	if (fclose(f) != 0) {
		f = NULL;
		goto io;
	}
	/* report.md */
	sprintf(path, "%s/report.md", dir);
	if (!(f = fopen(path, "wb")))
		goto io;
	overview(f, c, lo, hi, m, 1);
	if ((rc = write_tables(f, SW_FORMAT_MD, &rs, 0)))
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto io;
	}
	f = NULL;
	/* the terminal */
	overview(stdout, c, lo, hi, m, 0);
	if ((rc = write_tables(stdout, SW_FORMAT_TABLE, &rs, 1)))
		goto fail;
	printf("\nwrote %s/report.json and %s/report.md\n", dir, dir);
	if (fflush(stdout) != 0) {
		status = SW_EXIT_FAILURE;
		goto done;
	}
	status = cli_run_status(&r);
	goto done;
oom:
	rc = SW_ENOMEM;
fail:
	status = cli_fail("report", rc, &err);
	goto done;
io:
	fprintf(stderr, "stichwort report: cannot write '%s': %s\n", path, strerror(errno));
	status = SW_EXIT_FAILURE;
done:
	if (f)
		fclose(f);
	free(path);
	free_rows(&rs);
	sw_keywords_free(kg);
	sw_keywords_free(ky);
	sw_phrases_free(ph);
	sw_counts_free(c);
	cli_run_close(&r);
done_args:
	cli_args_free(&a);
	free(opts);
	return status;
}
