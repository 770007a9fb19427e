/*
 * tests/unit/test_themes.c - theme dictionaries and the pattern matcher
 * (include/stichwort/themes.h): the JSON parser and its error positions,
 * every pattern kind on German sentences (inflection, case, compounds,
 * hyphenation variants, line-break hyphenation), the overlap rule,
 * counts over sw_counts, agreement between counting and a concordance
 * built from the analyzer, and fault injection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "stichwort/stichwort.h"

void sw_test_alloc_fail_after(long n);

/* ---------------------------------------------------------------- parser */

static sw_themes *parse_ok(const char *json)
{
	sw_themes *t = NULL;
	sw_error err;

	memset(&err, 0, sizeof err);
	if (sw_themes_parse(&t, json, strlen(json), "dict.json", &err) != SW_OK)
		fail_msg("parse failed: %s (line %ld, byte %lld)", err.message, err.line, (long long)err.offset);
	return t;
}

/* Parse json, expect SW_EFORMAT at line and byte, with msg in the message. */
static void parse_fails(const char *json, long line, size_t byte, const char *msg)
{
	sw_themes *t = (sw_themes *)1;
	sw_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(sw_themes_parse(&t, json, strlen(json), "dict.json", &err), SW_EFORMAT);
	assert_null(t);
	assert_int_equal(err.code, SW_EFORMAT);
	assert_string_equal(err.path, "dict.json");
	if (!strstr(err.message, msg))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, msg);
	if (err.line != line || err.offset != (long long)byte)
		fail_msg("\"%s\": at line %ld byte %lld, expected line %ld byte %zu", err.message,
			 err.line, err.offset, line, byte);
}

static void test_parse_wrapped_and_bare(void **state)
{
	sw_themes *t;

	(void)state;
	t = parse_ok("{\"description\": \"x\", \"themes\": {\"Souveränität\": [\"souverän*\", "
		     "\"digitale souveränität\"], \"Cloud\": [\"cloud*\"]}}");
	assert_int_equal(sw_themes_count(t), 2);
	/* file order, not sorted */
	assert_string_equal(sw_themes_name(t, 0), "Souveränität");
	assert_string_equal(sw_themes_name(t, 1), "Cloud");
	assert_int_equal(sw_themes_npatterns(t, 0), 2);
	assert_string_equal(sw_themes_pattern(t, 0, 1), "digitale souveränität");
	assert_string_equal(sw_themes_pattern(t, 1, 0), "cloud*");
	assert_null(sw_themes_pattern(t, 1, 1));
	assert_null(sw_themes_name(t, 2));
	assert_int_equal(sw_themes_total_patterns(t), 3);
	sw_themes_free(t);

	t = parse_ok("{\"Zeta\": [\"z\"], \"Alpha\": [\"a\", \"=b\", \"stem:c\"]}");
	assert_int_equal(sw_themes_count(t), 2);
	assert_string_equal(sw_themes_name(t, 0), "Zeta");
	assert_int_equal(sw_themes_npatterns(t, 1), 3);
	sw_themes_free(t);
	sw_themes_free(NULL);
}

/* A dictionary saved by Notepad starts with a UTF-8 byte order mark: it
 * is ignored like the BOM of every other input, and messages still give
 * the file's own offsets (the BOM's three bytes counted). */
static void test_parse_bom(void **state)
{
	sw_themes *t;

	(void)state;
	t = parse_ok("\xEF\xBB\xBF{\"Cloud\": [\"cloud*\"]}");
	assert_int_equal(sw_themes_count(t), 1);
	assert_string_equal(sw_themes_name(t, 0), "Cloud");
	sw_themes_free(t);
	parse_fails("\xEF\xBB\xBF{\"A\": [\"\"]}", 1, 10, "empty pattern");
	parse_fails("\xEF\xBB\xBF{\n \"A\" [\"x\"]}", 2, 11, "syntax");
	/* only at the start: a BOM anywhere else is no whitespace */
	parse_fails("{\xEF\xBB\xBF\"A\": [\"x\"]}", 1, 4, "syntax");
}

static void test_parse_errors(void **state)
{
	(void)state;
	/* syntax: the comma after the first array is missing; the parser
	 * stops right after the unexpected token "Cloud" on line 3: line 1
	 * is 2 bytes, line 2 is 22 ("ä" is two), so line 3 starts at byte
	 * 24 and "Cloud" with its quotes covers bytes 26..32 */
	parse_fails("{\n  \"A\": [\"souverän*\"]\n  \"Cloud\": [\"cloud*\"]\n}", 3, 33, "syntax");
	/* a theme that is not an array: the position of its value, line 3
	 * (lines 1 and 2 are 13 bytes each; the value is 6 bytes in) */
	parse_fails("{\"themes\": {\n \"A\": [\"x\"],\n \"B\": \"cloud\"}}", 3, 32,
		    "\"B\" is not an array of strings");
	/* a pattern that is not a string: line 3, at the 5 */
	parse_fails("{\"A\": [\n  \"gut\",\n  5]}", 3, 19, "pattern 2 is not a string");
	/* an empty pattern, and one of blanks */
	parse_fails("{\"A\": [\"\"]}", 1, 7, "empty pattern");
	parse_fails("{\"A\": [\"ok\", \"   \"]}", 1, 13, "empty pattern");
	/* bad globs */
	parse_fails("{\"A\": [\"*\"]}", 1, 7, "bad glob");
	parse_fails("{\"A\": [\"**\"]}", 1, 7, "bad glob");
	parse_fails("{\"A\": [\"cloud-*\"]}", 1, 7, "bad glob");
	/* = and stem: need a word */
	parse_fails("{\"A\": [\"=\"]}", 1, 7, "'=' must be followed");
	parse_fails("{\"A\": [\"stem:\"]}", 1, 7, "'stem:'");
	/* no letters at all (signs beside words are fine: "87 %") */
	parse_fails("{\"A\": [\"!!!\"]}", 1, 7, "no letter or digit");
	parse_fails("{\"A\": [\"% !\"]}", 1, 7, "no letter or digit");
	/* empty theme, no themes, not an object, duplicate names */
	parse_fails("{\"A\": []}", 1, 6, "has no patterns");
	parse_fails("{}", 1, 0, "no themes");
	parse_fails("{\"themes\": {}}", 1, 0, "no themes");
	parse_fails("[\"souverän*\"]", 1, 0, "JSON object");
	parse_fails("{\"A\": [\"x\"], \"A\": [\"y\"]}", 1, 16, "duplicate");
	/* truncated */
	parse_fails("{\"A\": [\"x\"", 1, 10, "syntax");
}

static void test_load_file(void **state)
{
	sw_themes *t = NULL;
	sw_error err;
	const char *p;

	(void)state;
	memset(&err, 0, sizeof err);
	p = sw_test_write_temp("d.json", "{\"A\": [\"x\"]}\n", 13);
	assert_int_equal(sw_themes_load(&t, p, &err), SW_OK);
	assert_int_equal(sw_themes_count(t), 1);
	sw_themes_free(t);
	assert_int_equal(sw_themes_load(&t, "/nonexistent/dict.json", &err), SW_EIO);
	assert_string_equal(err.path, "/nonexistent/dict.json");
	/* the shipped example parses */
	{
		char path[1024];
		snprintf(path, sizeof path, "%s/docs/examples/digitale-souveraenitaet.json",
			 sw_test_srcdir());
		assert_int_equal(sw_themes_load(&t, path, &err), SW_OK);
		assert_true(sw_themes_count(t) >= 5);
		assert_string_equal(sw_themes_name(t, 0), "Souveränität");
		sw_themes_free(t);
	}
}

static void test_from_terms(void **state)
{
	const char *terms[] = { " souverän* ", "digitale souveränität", "=Cloud" };
	const char *bad[] = { "ok", "" };
	sw_themes *t = NULL;
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_themes_from_terms(&t, terms, 3, &err), SW_OK);
	assert_int_equal(sw_themes_count(t), 3);
	assert_string_equal(sw_themes_name(t, 0), "souverän*");
	assert_string_equal(sw_themes_pattern(t, 0, 0), "souverän*");
	assert_string_equal(sw_themes_name(t, 2), "=Cloud");
	sw_themes_free(t);
	assert_int_equal(sw_themes_from_terms(&t, bad, 2, &err), SW_EFORMAT);
	assert_null(t);
	assert_non_null(strstr(err.message, "empty pattern"));
	assert_int_equal(sw_themes_from_terms(&t, bad, 0, &err), SW_EFORMAT);
}

/* --------------------------------------------------------------- matcher */

typedef struct mx {
	sw_lexicon *lx;
	sw_analyzer *an;
	sw_themes *t;
	sw_matcher *m;
	char out[4096];
} mx;

static void mx_open(mx *x, sw_stemmer_kind stemmer, const char *const *terms, size_t n)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_error err;

	memset(&err, 0, sizeof err);
	memset(x, 0, sizeof *x);
	lo.stemmer = stemmer;
	assert_int_equal(sw_lexicon_new(&x->lx, &lo, &err), SW_OK);
	assert_int_equal(sw_analyzer_new(&x->an, x->lx, NULL, &err), SW_OK);
	if (sw_themes_from_terms(&x->t, terms, n, &err) ||
	    sw_matcher_new(&x->m, x->t, x->lx, &err))
		fail_msg("themes: %s", err.message);
}

static void mx_dict(mx *x, const char *json)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_error err;

	memset(&err, 0, sizeof err);
	memset(x, 0, sizeof *x);
	assert_int_equal(sw_lexicon_new(&x->lx, &lo, &err), SW_OK);
	assert_int_equal(sw_analyzer_new(&x->an, x->lx, NULL, &err), SW_OK);
	x->t = parse_ok(json);
	if (sw_matcher_new(&x->m, x->t, x->lx, &err))
		fail_msg("matcher: %s", err.message);
}

static void mx_close(mx *x)
{
	sw_matcher_free(x->m);
	sw_themes_free(x->t);
	sw_analyzer_free(x->an);
	sw_lexicon_free(x->lx);
}

/* Run on text; x->out lists the matches as "theme:pattern=[original
 * text]" joined by " | "; returns the number of matches. */
static size_t mx_run(mx *x, const char *text)
{
	const sw_atoken *tk;
	const sw_match *ms;
	size_t n, nm, i, len = 0;
	sw_term_id forms[512];
	uint8_t types[512], flags[512];
	sw_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(sw_analyze(&tk, &n, x->an, text, strlen(text), &err), SW_OK);
	assert_true(n <= 512);
	for (i = 0; i < n; i++) {
		forms[i] = tk[i].term.form;
		types[i] = (uint8_t)tk[i].tok.type;
		flags[i] = (i == 0 || tk[i].tok.sentence != tk[i - 1].tok.sentence) ? SW_CT_SENT : 0;
	}
	assert_int_equal(sw_matcher_run_flags(&ms, &nm, x->m, forms, types, flags, n, &err), SW_OK);
	x->out[0] = '\0';
	for (i = 0; i < nm; i++) {
		size_t a = tk[ms[i].first].orig_start;
		size_t b = tk[ms[i].first + ms[i].ntok - 1].orig_end;
		assert_true(ms[i].ntok >= 1);
		assert_true(i == 0 || ms[i].first > ms[i - 1].first ||
			    (ms[i].first == ms[i - 1].first && ms[i].theme > ms[i - 1].theme));
		len += (size_t)snprintf(x->out + len, sizeof x->out - len, "%s%s:%s=[%.*s]",
					i ? " | " : "", sw_themes_name(x->t, ms[i].theme),
					sw_themes_pattern(x->t, ms[i].theme, ms[i].pattern),
					(int)(b - a), text + a);
		assert_true(len < sizeof x->out);
	}
	return nm;
}

/* One term, one text: the matched spans joined by " | ". */
static const char *hits(mx *x, const char *text)
{
	static char buf[4096];
	char *p = x->out, *q = buf;

	mx_run(x, text);
	/* keep only the [..] parts */
	*q = '\0';
	while ((p = strchr(p, '['))) {
		char *e = strchr(p, ']');
		if (q != buf)
			q += sprintf(q, " | ");
		q += sprintf(q, "%.*s", (int)(e - p - 1), p + 1);
		p = e + 1;
	}
	return buf;
}

static void check_term(sw_stemmer_kind st, const char *term, const char *text, const char *want)
{
	mx x;
	const char *got;

	mx_open(&x, st, &term, 1);
	got = hits(&x, text);
	if (strcmp(got, want) != 0)
		fail_msg("term \"%s\" on \"%s\":\n got  \"%s\"\n want \"%s\"", term, text, got, want);
	mx_close(&x);
}

static const char sentence1[] =
	"Die Souveränität des Staates, souveräne Staaten und SOUVERÄNITÄT; "
	"die Souveränitäten der Länder und ihre Souveränitätsansprüche.";

static void test_plain_word(void **state)
{
	(void)state;
	/* same stem key: inflection and case; not the compound */
	check_term(SW_STEMMER_SNOWBALL, "Souveränität", sentence1,
		   "Souveränität | SOUVERÄNITÄT | Souveränitäten");
	check_term(SW_STEMMER_SNOWBALL, "souveränität", sentence1,
		   "Souveränität | SOUVERÄNITÄT | Souveränitäten");
	/* "souverän" stems to souveran, as "souveräne" does */
	check_term(SW_STEMMER_SNOWBALL, "souverän", sentence1, "souveräne");
	/* an adjective in all its endings */
	check_term(SW_STEMMER_SNOWBALL, "digital",
		   "Digitale Dienste, digitaler Staat, die digitalen Akten, Digitalisierung.",
		   "Digitale | digitaler | digitalen");
	/* CISTEM is case-sensitive; a lower-case pattern is also stemmed as
	 * a noun, so it still finds the capitalised noun */
	check_term(SW_STEMMER_CISTEM, "souveränität", "Die Souveränität und die Souveränitäten.",
		   "Souveränität | Souveränitäten");
	/* gender forms: one key for every spelling */
	check_term(SW_STEMMER_SNOWBALL, "Bürger:innen",
		   "Bürger*innen, Bürger:innen, BürgerInnen und Bürger.",
		   "Bürger*innen | Bürger:innen | BürgerInnen");
}

static void test_exact_and_stem(void **state)
{
	(void)state;
	/* =exact: the case-folded norm, no stemming */
	check_term(SW_STEMMER_SNOWBALL, "=Souveränität", sentence1, "Souveränität | SOUVERÄNITÄT");
	check_term(SW_STEMMER_SNOWBALL, "=souveräne", sentence1, "souveräne");
	/* ß folds to ss on both sides */
	check_term(SW_STEMMER_SNOWBALL, "=Straße", "Die STRASSE, die Straße, die Straßen.",
		   "STRASSE | Straße");
	/* stem: the key as `stichwort tokens` shows it */
	check_term(SW_STEMMER_SNOWBALL, "stem:souveranitat", sentence1,
		   "Souveränität | SOUVERÄNITÄT | Souveränitäten");
	check_term(SW_STEMMER_SNOWBALL, "stem:open-sourc-strategi",
		   "Die Open-Source-Strategie und die Open Source Strategie.", "Open-Source-Strategie");
}

/* Plain words are analysed like text: abbreviations and numbers with
 * their spaces stay one token; URLs and e-mail addresses never match. */
static void test_abbrev_number_url(void **state)
{
	(void)state;
	check_term(SW_STEMMER_SNOWBALL, "z. B.", "Das gilt z. B. hier, z.B. dort und zB nicht.",
		   "z. B. | z.B.");
	check_term(SW_STEMMER_SNOWBALL, "87 %", "Für 87 % der Kommunen, 87% der Länder, 87 Städte.",
		   "87 % | 87%");
	check_term(SW_STEMMER_SNOWBALL, "industrie 4.0", "Die Industrie 4.0 und Industrie 5.0.",
		   "Industrie 4.0");
	check_term(SW_STEMMER_SNOWBALL, "cloud*",
		   "Die Cloud: https://example.org/cloud und cloud@example.org, www.cloud.example.org.",
		   "Cloud");
}

static const char sentence2[] =
	"Datensouveränität, Digital-Souveränität und Souveränitätsansprüche: "
	"souveräne Staaten achten die Souveränität.";

static void test_globs(void **state)
{
	(void)state;
	check_term(SW_STEMMER_SNOWBALL, "souverän*", sentence2,
		   "Souveränitätsansprüche | souveräne | Souveränität");
	/* a leading star also covers the hyphenated compound's whole norm */
	check_term(SW_STEMMER_SNOWBALL, "*souveränität", sentence2,
		   "Datensouveränität | Digital-Souveränität | Souveränität");
	check_term(SW_STEMMER_SNOWBALL, "*souverän*", sentence2,
		   "Datensouveränität | Digital-Souveränität | Souveränitätsansprüche | souveräne | Souveränität");
	/* a star in the middle; case-folded */
	check_term(SW_STEMMER_SNOWBALL, "S*ität", "Souveränität, SICHERHEIT, Sozialität, Qualität.",
		   "Souveränität | Sozialität");
	/* globs inside compounds: "cloud*" takes every Cloud compound */
	check_term(SW_STEMMER_SNOWBALL, "cloud*",
		   "Cloud-Dienste, Cloudlösungen, die Cloud- und Datendienste, Landescloud.",
		   "Cloud-Dienste | Cloudlösungen | Cloud-");
}

static void test_phrases(void **state)
{
	(void)state;
	/* inflected words, one after the other */
	check_term(SW_STEMMER_SNOWBALL, "digitale souveränität",
		   "Die digitale Souveränität, der digitalen Souveränität, digitaler Souveränität "
		   "und Digital-Souveränität.",
		   "digitale Souveränität | digitalen Souveränität | digitaler Souveränität | "
		   "Digital-Souveränität");
	/* punctuation and sentence ends interrupt a phrase */
	check_term(SW_STEMMER_SNOWBALL, "digitale souveränität",
		   "Sie ist digital, Souveränität fehlt. Alles digital. Souveränität auch.", "");
	/* a heading: the blank line ends the sentence */
	check_term(SW_STEMMER_SNOWBALL, "digitale souveränität", "Digitale\n\nSouveränität ist wichtig.",
		   "");
	/* but a line break inside a sentence does not */
	check_term(SW_STEMMER_SNOWBALL, "digitale souveränität",
		   "Wir wollen digitale\nSouveränität erreichen.", "digitale\nSouveränität");
	/* a glob inside a phrase */
	check_term(SW_STEMMER_SNOWBALL, "open sourc*", "Open Source und Open Sourcing, nicht open.",
		   "Open Source | Open Sourcing");
}

static const char sentence3[] =
	"Open Source, Open-Source, die Open-Source-Strategie, Open Source-Software, "
	"source open und OpenSource.";

static void test_hyphenation_variants(void **state)
{
	(void)state;
	/* a hyphenated pattern: the compound, the words apart, and a
	 * compound that starts with them */
	check_term(SW_STEMMER_SNOWBALL, "Open-Source", sentence3,
		   "Open Source | Open-Source | Open-Source-Strategie | Open Source-Software");
	/* the phrase written apart finds the same */
	check_term(SW_STEMMER_SNOWBALL, "open source", sentence3,
		   "Open Source | Open-Source | Open-Source-Strategie | Open Source-Software");
	/* a longer compound pattern: all four spellings */
	check_term(SW_STEMMER_SNOWBALL, "Open-Source-Software",
		   "Open-Source-Software, Open Source Software, Open Source-Software, "
		   "Open-Source Software, Open-Source-Softwarelösungen.",
		   "Open-Source-Software | Open Source Software | Open Source-Software | "
		   "Open-Source Software");
	/* a pattern of one word hits whole tokens only, so that a term has
	 * one count in terms, themes, trends and kwic: not the compounds
	 * that begin or end with it */
	check_term(SW_STEMMER_SNOWBALL, "Cloud",
		   "Die Cloud, Cloud-Dienste, die Landes-Cloud und Cloudlösungen.", "Cloud");
	/* line-break hyphenation is joined before matching */
	check_term(SW_STEMMER_SNOWBALL, "souveränität", "Die digitale Souverä-\nnität des Landes.",
		   "Souverä-\nnität");
	check_term(SW_STEMMER_SNOWBALL, "digitale souveränität",
		   "Die digitale Souverä-\nnität des Landes.", "digitale Souverä-\nnität");
	check_term(SW_STEMMER_SNOWBALL, "souverän*", "Die digitale Souverä-\nnität des Landes.",
		   "Souverä-\nnität");
}

static void test_overlap_rule(void **state)
{
	mx x;

	(void)state;
	/* the longest pattern of a theme wins at a position */
	mx_dict(&x, "{\"OS\": [\"open source\", \"open source software\", \"software\"]}");
	assert_int_equal(mx_run(&x, "Open Source Software ist gut. Open-Source-Software auch."), 2);
	assert_string_equal(x.out, "OS:open source software=[Open Source Software] | "
				   "OS:open source software=[Open-Source-Software]");
	mx_close(&x);

	/* leftmost first: the second phrase overlaps the first and is lost */
	mx_dict(&x, "{\"S\": [\"souveränität der verwaltung\", \"digitale souveränität\"]}");
	assert_int_equal(mx_run(&x, "Die digitale Souveränität der Verwaltung."), 1);
	assert_string_equal(x.out, "S:digitale souveränität=[digitale Souveränität]");
	mx_close(&x);

	/* equal length: the pattern listed first */
	mx_dict(&x, "{\"S\": [\"souverän*\", \"souveränität\"]}");
	assert_int_equal(mx_run(&x, "Souveränität."), 1);
	assert_string_equal(x.out, "S:souverän*=[Souveränität]");
	mx_close(&x);

	/* different themes count independently, in theme order */
	mx_dict(&x, "{\"Souv\": [\"*souveränität\"], \"Digital\": [\"digital*\"], "
		    "\"Phrase\": [\"digitale souveränität\"]}");
	assert_int_equal(mx_run(&x, "Digitale Souveränität und Digital-Souveränität."), 6);
	assert_string_equal(x.out,
			    "Digital:digital*=[Digitale] | Phrase:digitale souveränität=[Digitale Souveränität] | "
			    "Souv:*souveränität=[Souveränität] | "
			    "Souv:*souveränität=[Digital-Souveränität] | Digital:digital*=[Digital-Souveränität] | "
			    "Phrase:digitale souveränität=[Digital-Souveränität]");
	mx_close(&x);
}

/* Counting on sw_counts agrees with running the matcher on analyzer
 * tokens (what `kwic` does), document by document. */
static void test_theme_counts(void **state)
{
	sw_test_pipe p;
	sw_themes *t;
	sw_matcher *m;
	sw_theme_counts *tc;
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	sw_test_pipe_open(&p, SW_STEMMER_SNOWBALL, 0);
	sw_test_pipe_add(&p, "a", "2021-01-01", "Bund",
			 "Digitale Souveränität braucht Open Source. Open-Source-Software und "
			 "souveräne Clouds sichern die digitale Souveränität.");
	sw_test_pipe_add(&p, "b", "2022-01-01", "Land", "Die Cloud-Strategie nennt keine Quellen.");
	sw_test_pipe_add(&p, "c", "2023-01-01", "Land", "");
	sw_test_pipe_finish(&p);
	t = parse_ok("{\"Souv\": [\"digitale souveränität\", \"souverän*\"], "
		     "\"OS\": [\"open source\"], \"Cloud\": [\"cloud*\"]}");
	assert_int_equal(sw_matcher_new(&m, t, p.lx, &err), SW_OK);
	assert_int_equal(sw_theme_counts_new(&tc, m, p.c, &err), SW_OK);
	/* doc a: two phrases (each one match, the glob inside them does not
	 * count again) and "souveräne" */
	assert_int_equal(sw_theme_counts_doc(tc, 0, 0), 3);
	assert_int_equal(sw_theme_counts_doc_pattern(tc, 0, 0, 0), 2);
	assert_int_equal(sw_theme_counts_doc_pattern(tc, 0, 0, 1), 1);
	assert_int_equal(sw_theme_counts_doc(tc, 0, 1), 2);
	assert_int_equal(sw_theme_counts_doc(tc, 0, 2), 1);
	assert_int_equal(sw_theme_counts_doc(tc, 1, 0), 0);
	assert_int_equal(sw_theme_counts_doc(tc, 1, 2), 1);
	assert_int_equal(sw_theme_counts_doc(tc, 2, 2), 0);
	/* out of range: 0 */
	assert_int_equal(sw_theme_counts_doc(tc, 3, 0), 0);
	assert_int_equal(sw_theme_counts_doc_pattern(tc, 0, 0, 2), 0);
	sw_theme_counts_free(tc);
	sw_theme_counts_free(NULL);
	sw_matcher_free(m);
	sw_matcher_free(NULL);
	sw_themes_free(t);
	sw_test_pipe_close(&p);
}

/* On the embedded corpus: counts through sw_counts equal the matches of
 * a per-document analyzer run (the concordance's way). */
static void test_counts_agree_with_concordance(void **state)
{
	sw_test_pipe p;
	sw_corpus *corpus = NULL;
	sw_themes *t = NULL;
	sw_matcher *m = NULL;
	sw_theme_counts *tc = NULL;
	sw_analyzer *an = NULL;
	sw_error err;
	char path[1024];
	const sw_doc *doc;
	size_t d = 0, total = 0;

	(void)state;
	memset(&err, 0, sizeof err);
	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	sw_test_pipe_open(&p, SW_STEMMER_SNOWBALL, 0);
	assert_int_equal(sw_corpus_new(&corpus, NULL, &err), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, &err), SW_OK);
	sw_test_pipe_add_corpus(&p, corpus);
	sw_corpus_free(corpus);
	sw_test_pipe_finish(&p);
	snprintf(path, sizeof path, "%s/docs/examples/digitale-souveraenitaet.json", sw_test_srcdir());
	assert_int_equal(sw_themes_load(&t, path, &err), SW_OK);
	assert_int_equal(sw_matcher_new(&m, t, p.lx, &err), SW_OK);
	assert_int_equal(sw_theme_counts_new(&tc, m, p.c, &err), SW_OK);

	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	assert_int_equal(sw_corpus_new(&corpus, NULL, &err), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, &err), SW_OK);
	assert_int_equal(sw_analyzer_new(&an, p.lx, NULL, &err), SW_OK);
	while (sw_corpus_next(&doc, corpus, &err) == 1) {
		const sw_atoken *tk;
		const sw_match *ms;
		size_t n, nm, i, th;
		sw_term_id *forms;
		uint8_t *types, *flags;
		uint32_t per[64] = { 0 };

		assert_int_equal(sw_analyze(&tk, &n, an, doc->text, doc->len, &err), SW_OK);
		forms = malloc((n + 1) * sizeof *forms);
		types = malloc(n + 1);
		flags = malloc(n + 1);
		for (i = 0; i < n; i++) {
			forms[i] = tk[i].term.form;
			types[i] = (uint8_t)tk[i].tok.type;
			flags[i] = (i == 0 || tk[i].tok.sentence != tk[i - 1].tok.sentence) ? SW_CT_SENT : 0;
		}
		assert_int_equal(sw_matcher_run_flags(&ms, &nm, m, forms, types, flags, n, &err), SW_OK);
		for (i = 0; i < nm; i++)
			per[ms[i].theme]++;
		for (th = 0; th < sw_themes_count(t); th++) {
			if (per[th] != sw_theme_counts_doc(tc, d, th))
				fail_msg("doc %s theme %s: %u matches, %u counted", doc->id,
					 sw_themes_name(t, th), per[th], sw_theme_counts_doc(tc, d, th));
		}
		total += nm;
		free(forms);
		free(types);
		free(flags);
		d++;
	}
	assert_int_equal(d, 42);
	assert_true(total > 500);
	sw_analyzer_free(an);
	sw_corpus_free(corpus);
	sw_theme_counts_free(tc);
	sw_matcher_free(m);
	sw_themes_free(t);
	sw_test_pipe_close(&p);
}

/*
 * Streaming (what `stichwort themes` and `trends --themes` do): the
 * matcher made before loading, each document matched in
 * sw_pipeline_options.on_doc, the counts aggregated (no token arrays),
 * on 1 and 2 threads, give per document and pattern the counts that
 * sw_theme_counts_new() gives over token arrays; a failing on_doc stops
 * the load with its error.
 */
static int add_doc(const sw_counts *c, size_t doc, const sw_term_id *forms, const uint8_t *types,
		   const uint8_t *flags, size_t n, void *payload, sw_error *err)
{
	sw_theme_counts *tc = payload;

	assert_int_equal(doc, sw_theme_counts_ndocs(tc));
	assert_int_equal(n, sw_counts_doc(c, doc)->ntokens);
	return sw_theme_counts_add(tc, forms, types, flags, n, err);
}

static int stop_at_third(const sw_counts *c, size_t doc, const sw_term_id *forms,
			 const uint8_t *types, const uint8_t *flags, size_t n, void *payload,
			 sw_error *err)
{
	(void)c, (void)forms, (void)types, (void)flags, (void)n, (void)payload;
	if (doc == 2) {
		err->code = SW_EFORMAT;
		snprintf(err->message, sizeof err->message, "stop");
		return SW_EFORMAT;
	}
	return SW_OK;
}

static void load_embedded(sw_lexicon *lx, sw_counts **c, const sw_pipeline_options *po,
			  sw_error *err, int want)
{
	sw_corpus *corpus;
	char path[1024];

	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
	assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
	assert_int_equal(sw_pipeline_load(c, corpus, lx, po, err), want);
	sw_corpus_free(corpus);
}

static void test_theme_counts_streamed(void **state)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_stoplist *sl;
	sw_lexicon *lx_full, *lx;
	sw_counts *full, *agg;
	sw_themes *t;
	sw_matcher *mf, *m;
	sw_theme_counts *tf, *ts;
	sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
	sw_error err;
	char path[1024];
	size_t threads, d, th, p;

	(void)state;
	memset(&err, 0, sizeof err);
	snprintf(path, sizeof path, "%s/docs/examples/digitale-souveraenitaet.json", sw_test_srcdir());
	assert_int_equal(sw_themes_load(&t, path, &err), SW_OK);
	assert_int_equal(sw_stoplist_new(&sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(sl, "de", NULL), SW_OK);
	lo.stopwords = sl;
	/* the reference: token arrays, then sw_theme_counts_new() */
	assert_int_equal(sw_lexicon_new(&lx_full, &lo, NULL), SW_OK);
	po.nthreads = 1;
	load_embedded(lx_full, &full, &po, &err, SW_OK);
	assert_int_equal(sw_matcher_new(&mf, t, lx_full, &err), SW_OK);
	assert_int_equal(sw_theme_counts_new(&tf, mf, full, &err), SW_OK);
	for (threads = 1; threads <= 2; threads++) {
		size_t total = 0;
		assert_int_equal(sw_lexicon_new(&lx, &lo, NULL), SW_OK);
		assert_int_equal(sw_matcher_new(&m, t, lx, &err), SW_OK);
		assert_int_equal(sw_theme_counts_begin(&ts, m, &err), SW_OK);
		po.nthreads = threads;
		po.aggregate_by = "group";
		po.on_doc = add_doc;
		po.on_doc_payload = ts;
		load_embedded(lx, &agg, &po, &err, SW_OK);
		assert_null(sw_counts_forms(agg));
		assert_int_equal(sw_theme_counts_ndocs(ts), sw_counts_ndocs(full));
		for (d = 0; d < sw_counts_ndocs(full); d++)
			for (th = 0; th < sw_themes_count(t); th++) {
				assert_int_equal(sw_theme_counts_doc(ts, d, th),
						 sw_theme_counts_doc(tf, d, th));
				total += sw_theme_counts_doc(ts, d, th);
				for (p = 0; p < sw_themes_npatterns(t, th); p++)
					assert_int_equal(sw_theme_counts_doc_pattern(ts, d, th, p),
							 sw_theme_counts_doc_pattern(tf, d, th, p));
			}
		assert_true(total > 500);
		sw_counts_free(agg);
		sw_theme_counts_free(ts);
		sw_matcher_free(m);
		/* an on_doc error stops the load with it */
		po.on_doc = stop_at_third;
		agg = NULL;
		load_embedded(lx, &agg, &po, &err, SW_EFORMAT);
		assert_null(agg);
		assert_string_equal(err.message, "stop");
		sw_lexicon_free(lx);
	}
	sw_theme_counts_free(tf);
	sw_matcher_free(mf);
	sw_counts_free(full);
	sw_lexicon_free(lx_full);
	sw_stoplist_free(sl);
	sw_themes_free(t);
}

/* Every allocation of parse, matcher, run and counts may fail. */
static void test_oom(void **state)
{
	static const char json[] =
		"{\"themes\": {\"Souv\": [\"digitale souveränität\", \"souverän*\", \"=Souveränität\"], "
		"\"OS\": [\"Open-Source\", \"stem:cloud\"]}}";
	long n;
	int ok_in_a_row = 0;

	(void)state;
	for (n = 1; ok_in_a_row < 30 && n < 5000; n++) {
		sw_test_pipe p;
		sw_themes *t = NULL;
		sw_matcher *m = NULL;
		sw_theme_counts *tc = NULL;
		sw_error err;
		int rc;

		memset(&err, 0, sizeof err);
		sw_test_pipe_open(&p, SW_STEMMER_SNOWBALL, 0);
		sw_test_pipe_add(&p, "a", NULL, NULL,
				 "Die digitale Souveränität und die Open-Source-Strategie, Open Source.");
		sw_test_pipe_finish(&p);
		sw_test_alloc_fail_after(n);
		rc = sw_themes_parse(&t, json, strlen(json), "x.json", &err);
		if (rc == SW_OK)
			rc = sw_matcher_new(&m, t, p.lx, &err);
		if (rc == SW_OK)
			rc = sw_theme_counts_new(&tc, m, p.c, &err);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			assert_int_equal(sw_theme_counts_doc(tc, 0, 0), 1);
			assert_int_equal(sw_theme_counts_doc(tc, 0, 1), 2);
			ok_in_a_row++;
		} else {
			assert_int_equal(rc, SW_ENOMEM);
			ok_in_a_row = 0;
		}
		sw_theme_counts_free(tc);
		sw_matcher_free(m);
		sw_themes_free(t);
		sw_test_pipe_close(&p);
	}
	assert_true(ok_in_a_row >= 30);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_parse_wrapped_and_bare),
	cmocka_unit_test(test_parse_errors),
	cmocka_unit_test(test_parse_bom),
	cmocka_unit_test(test_load_file),
	cmocka_unit_test(test_from_terms),
	cmocka_unit_test(test_plain_word),
	cmocka_unit_test(test_exact_and_stem),
	cmocka_unit_test(test_abbrev_number_url),
	cmocka_unit_test(test_globs),
	cmocka_unit_test(test_phrases),
	cmocka_unit_test(test_hyphenation_variants),
	cmocka_unit_test(test_overlap_rule),
	cmocka_unit_test(test_theme_counts),
	cmocka_unit_test(test_counts_agree_with_concordance),
	cmocka_unit_test(test_theme_counts_streamed),
	cmocka_unit_test(test_oom),
};

SW_TEST_MAIN(tests)
