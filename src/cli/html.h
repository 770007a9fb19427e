/*
 * cli/html.h - what the human views of the report share: HTML escaping,
 * German number formatting, German sort order (ICU collation), and the
 * report's records with the writer of report.html.
 */
#ifndef SW_CLI_HTML_H
#define SW_CLI_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "stichwort/stichwort.h"

/* ---- text ---- */

/** Write s (len bytes, UTF-8) escaped for HTML text and attribute values
 * (& < > " ' escaped; control characters except tab and newline dropped). */
void html_esc(FILE *f, const char *s, size_t len);
/** html_esc() of a NUL-terminated string (NULL writes nothing). */
void html_escs(FILE *f, const char *s);

/**
 * A number in German notation into out (at least 48 bytes): decimal comma,
 * a narrow no-break space (U+202F) between thousands from five digits on
 * ("17 125", "2654", "78,25", "−1,5" with a real minus sign).  NaN gives
 * "–".  Returns out.
 */
char *html_num(char *out, double v, int decimals);
/** The same for an integer. */
char *html_int(char *out, long long v);

/* ---- German sort order ---- */

/** Compare two UTF-8 strings in German collation (ICU "de"; NULL sorts last;
 * falls back to byte order when ICU cannot open the collator). */
int html_collate(const char *a, const char *b);
/** Close the collator (at exit; optional). */
void html_collate_done(void);

/* ---- an index of strings ----
 *
 * Distinct strings (borrowed, not copied) numbered in order of first
 * appearance, found by hash in constant time: the report's pivots and
 * charts look up each record's unit and term here instead of scanning
 * (with thousands of periods a scan made the report take hours).  The
 * table never grows: html_strtab_init() gets an upper bound of the
 * strings it will hold.  NULL is a string of its own ("no value"). */
typedef struct html_strtab {
	const char **slot;  /* the strings, by hash */
	size_t *index;      /* their numbers, by hash */
	size_t mask;
	const char **s;     /* the strings, by number */
	size_t n;
	size_t null_index;  /* number of NULL, or (size_t)-1 */
} html_strtab;

/** Room for up to max strings; 0 or -1 (out of memory). */
int html_strtab_init(html_strtab *t, size_t max);
/** The number of s, adding it when new (never more than max strings). */
size_t html_strtab_add(html_strtab *t, const char *s);
/** The number of s, or (size_t)-1 when it is not in the table. */
size_t html_strtab_find(const html_strtab *t, const char *s);
void html_strtab_free(html_strtab *t);

/* ---- the report's records ---- */

/** One flat record of report.json (NaN reals and NULL strings are null). */
typedef struct report_row {
	const char *section; /**< static string */
	char *unit;          /**< group, year or period; NULL: the corpus / no value */
	long long rank;
	char *term;          /**< display form, theme name */
	char *key;           /**< stem key (words joined by spaces), theme name */
	long long count;
	long long docs;
	double per_10k;
	double score;
	long long n;
	double ref_count;    /**< keyness: count in the reference */
	double ref_per_10k;  /**< keyness: per 10k in the reference */
	double log_ratio;    /**< keyness: log2 ratio of relative frequencies */
	double p;            /**< keyness, trends: p-value */
	char *direction;     /**< keyness: target|reference; trends: rising|falling|burst */
	int incomplete;      /**< a period the corpus covers only in part (field complete) */
} report_row;

typedef struct report_rows {
	report_row *r;
	size_t n, cap;
} report_rows;

/** One concordance line (strings owned by the report_kwic). */
typedef struct report_line {
	char *doc, *date, *group;
	char *left, *match, *right;
	size_t pos;          /**< token index of the match in the counts */
} report_line;

/** The concordance lines of one term, phrase or theme (by key). */
typedef struct report_kwic {
	char *key;           /**< key of the rows it belongs to */
	char *term;          /**< what is shown */
	report_line *lines;
	size_t n;
	size_t total;        /**< occurrences in the corpus */
} report_kwic;

/** The concordances of a report. */
typedef struct report_kwics {
	report_kwic *k;
	size_t n, cap;
} report_kwics;

/**
 * Collect up to max lines for every term and phrase of the sections that
 * show terms (terms, phrases, keyness_group, trends_summary, keywords_*),
 * keyed "t:" + key, and with a matcher m for every theme, keyed "th:" +
 * name (html_kwic.c).  ph may be NULL (no phrase lines).  SW_OK, SW_ENOMEM
 * or an error of the matcher.
 */
int report_kwic_collect(report_kwics *ks, const report_rows *rs, const sw_counts *c,
			const sw_phrases *ph, sw_matcher *m, size_t max, sw_error *err);
/** Free the concordances (not ks itself). */
void report_kwic_free(report_kwics *ks);

/** Everything report.html shows. */
typedef struct report_data {
	const report_rows *rows;
	const report_kwic *kwic;
	size_t nkwic;
	const html_strtab *kwic_index;   /**< the kwic keys by hash (html_report_write()
					  makes it; NULL: report_kwic_find() scans) */
	size_t ndocs, tokens, types;
	const char *date_from, *date_to; /**< NULL: no dates */
	const char *method;              /**< keyword method used */
	const char *period;              /**< period of the trend section ("year") */
	const char *themes_path;         /**< --themes FILE or NULL */
	const char *version;
	size_t problems;                 /**< input problems (warnings) */
	const char *notes[8];            /**< sections left out and why (NULL ends) */
	const char *partial[3];          /**< periods of the trend axis covered only in part
					  *   (NULL ends): dashed in the charts */
	int include_partial;             /**< --include-partial: they count in the tests */
} report_data;

/** Write report.html for d to f.  Returns 0, or -1 when writing failed. */
int html_report_write(FILE *f, const report_data *d);

/** Index of the concordance of key in d (or (size_t)-1). */
size_t report_kwic_find(const report_data *d, const char *key);

#endif
