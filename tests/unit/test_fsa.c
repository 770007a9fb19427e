/*
 * tests/unit/test_fsa.c - the CFSA2 automaton reader (src/internal/fsa.h)
 * on LanguageTool's german.dict (data/lexicon/), on small automata made
 * by hand, and on damaged copies.
 *
 * Expected readings were taken from ../shared/lexicon/german.tsv.gz (the
 * same data dumped as text); test_fsa_tsv_sample checks a sample of that
 * file when it is there.  Non-ASCII bytes are escaped (UTF-8), in octal
 * where a hex digit follows ("St\303\244dte": "\xA4d" would be one
 * escape).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "internal/fsa.h"
#include "internal/test_hook.h"

#define DICT "data/lexicon/german.dict"

static unsigned char *dict;
static size_t dict_len;
static sw_fsa *fsa;

static int group_setup(void **state)
{
	sw_error err;

	(void)state;
	dict = (unsigned char *)sw_test_read_file(DICT, &dict_len);
	if (!dict) {
		fprintf(stderr, "test_fsa: cannot read %s/%s\n", sw_test_srcdir(), DICT);
		return -1;
	}
	memset(&err, 0, sizeof err);
	if (sw__fsa_open(&fsa, dict, dict_len, DICT, &err) != SW_OK) {
		fprintf(stderr, "test_fsa: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	sw__fsa_free(fsa);
	free(dict);
	return 0;
}

/* ---------------------------------------------------------------- helpers */

/* Sequences collected by sw__fsa_each, copied. */
typedef struct list {
	char **s;
	size_t *len;
	size_t n, cap;
} list;

static int collect(void *ctx, const char *seq, size_t len)
{
	list *l = ctx;

	assert_true(len >= 1 && len <= 255);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->s = realloc(l->s, l->cap * sizeof *l->s);
		l->len = realloc(l->len, l->cap * sizeof *l->len);
		assert_non_null(l->s);
		assert_non_null(l->len);
	}
	l->s[l->n] = malloc(len + 1);
	assert_non_null(l->s[l->n]);
	memcpy(l->s[l->n], seq, len);
	l->s[l->n][len] = '\0';
	l->len[l->n] = len;
	l->n++;
	return 0;
}

static void list_free(list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	free(l->len);
	memset(l, 0, sizeof *l);
}

/* Every CODE_TAG of form (walked as "form_"); 1 when form is absent. */
static int readings(const sw_fsa *f, const char *form, list *out)
{
	char key[512];
	uint32_t node = 12345;
	int rc;

	snprintf(key, sizeof key, "%s_", form);
	rc = sw__fsa_walk(f, sw__fsa_root(f), key, strlen(key), &node);
	if (rc == 1)
		return 1;
	assert_int_equal(rc, SW_OK);
	assert_int_equal(sw__fsa_each(f, node, 100000, collect, out), SW_OK);
	return 0;
}

/* The lemma from form and a SUFFIX code (README: first byte - 'A' bytes
 * cut from the end, the rest appended); -1 if the code does not fit. */
static int decode_lemma(char *out, size_t cap, const char *form, size_t flen, const char *code,
			size_t clen)
{
	size_t cut;

	if (clen == 0) {
		if (flen + 1 > cap)
			return -1;
		memcpy(out, form, flen);
		out[flen] = '\0';
		return 0;
	}
	if (code[0] < 'A')
		return -1;
	cut = (size_t)(code[0] - 'A');
	if (cut > flen || flen - cut + clen > cap)
		return -1;
	memcpy(out, form, flen - cut);
	memcpy(out + flen - cut, code + 1, clen - 1);
	out[flen - cut + clen - 1] = '\0';
	return 0;
}

/* Readings of form as "lemma<TAB>tag" lines joined by '\n', in the
 * automaton's order. */
static char *readings_text(const char *form)
{
	list l = { 0 };
	char lemma[512], *text, *p;
	size_t i, cap = 1;

	assert_int_equal(readings(fsa, form, &l), 0);
	for (i = 0; i < l.n; i++)
		cap += 512 + l.len[i];
	text = p = calloc(cap, 1);
	assert_non_null(text);
	for (i = 0; i < l.n; i++) {
		const char *sep = memchr(l.s[i], '_', l.len[i]);
		assert_non_null(sep);
		assert_int_equal(decode_lemma(lemma, sizeof lemma, form, strlen(form), l.s[i],
					      (size_t)(sep - l.s[i])),
				 0);
		p += sprintf(p, "%s%s\t%s", i ? "\n" : "", lemma, sep + 1);
	}
	list_free(&l);
	return text;
}

static void assert_readings(const char *form, const char *expected)
{
	char *got = readings_text(form);

	assert_string_equal(got, expected);
	free(got);
}

/* a < b as unsigned bytes, a prefix before its extensions. */
static int byte_less(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);

	return c < 0 || (c == 0 && alen < blen);
}

/* ---------------------------------------------------------------- german.dict */

static void test_fsa_open_header(void **state)
{
	sw_fsa *f = NULL;
	sw_error err;

	(void)state;
	/* The header as README.md describes it. */
	assert_true(dict_len > 8);
	assert_memory_equal(dict, "\\fsa\xC6", 5);
	memset(&err, 0, sizeof err);
	assert_int_equal(sw__fsa_open(&f, dict, dict_len, DICT, &err), SW_OK);
	assert_non_null(f);
	assert_int_not_equal(sw__fsa_root(f), 0);
	assert_int_equal(sw__fsa_root(f), sw__fsa_root(fsa));
	sw__fsa_free(f);
	sw__fsa_free(NULL);
}

static void test_fsa_readings_known_forms(void **state)
{
	(void)state;
	/* Städte: code "Fadt" cuts 5 bytes ("ädte") and appends "adt". */
	assert_readings("St\303\244dte", "Stadt\tSUB:AKK:PLU:FEM\n"
					    "Stadt\tSUB:GEN:PLU:FEM\n"
					    "Stadt\tSUB:NOM:PLU:FEM");
	assert_readings("ging", "gehen\tVER:1:SIN:PRT:NON\n"
				"gehen\tVER:3:SIN:PRT:NON");
	assert_readings("Abh\xC3\xA4ngigkeiten", "Abh\xC3\xA4ngigkeit\tSUB:AKK:PLU:FEM\n"
						 "Abh\xC3\xA4ngigkeit\tSUB:DAT:PLU:FEM\n"
						 "Abh\xC3\xA4ngigkeit\tSUB:GEN:PLU:FEM\n"
						 "Abh\xC3\xA4ngigkeit\tSUB:NOM:PLU:FEM");
	assert_readings("Souver\xC3\xA4nit\xC3\xA4t", "Souver\xC3\xA4nit\xC3\xA4t\tSUB:AKK:SIN:FEM\n"
						      "Souver\xC3\xA4nit\xC3\xA4t\tSUB:DAT:SIN:FEM\n"
						      "Souver\xC3\xA4nit\xC3\xA4t\tSUB:GEN:SIN:FEM\n"
						      "Souver\xC3\xA4nit\xC3\xA4t\tSUB:NOM:SIN:FEM");
}

static void test_fsa_readings_raw_codes(void **state)
{
	list l = { 0 };

	(void)state;
	assert_int_equal(readings(fsa, "St\303\244dte", &l), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.s[0], "Fadt_SUB:AKK:PLU:FEM");
	assert_string_equal(l.s[1], "Fadt_SUB:GEN:PLU:FEM");
	assert_string_equal(l.s[2], "Fadt_SUB:NOM:PLU:FEM");
	list_free(&l);
}

/* Two lemmas and two parts of speech for one form (20 readings). */
static void test_fsa_readings_many(void **state)
{
	char *got, *p;
	size_t n;

	(void)state;
	assert_readings("meine", "meinen\tVER:1:SIN:KJ1:SFT\n"
				 "meinen\tVER:1:SIN:PR\xC3\x84:SFT\n"
				 "meinen\tVER:3:SIN:KJ1:SFT\n"
				 "meinen\tVER:IMP:SIN:SFT\n"
				 "mein\tPRO:POS:AKK:PLU:FEM:BEG\n"
				 "mein\tPRO:POS:AKK:PLU:FEM:STV\n"
				 "mein\tPRO:POS:AKK:PLU:MAS:BEG\n"
				 "mein\tPRO:POS:AKK:PLU:MAS:STV\n"
				 "mein\tPRO:POS:AKK:PLU:NEU:BEG\n"
				 "mein\tPRO:POS:AKK:PLU:NEU:STV\n"
				 "mein\tPRO:POS:AKK:SIN:FEM:BEG\n"
				 "mein\tPRO:POS:AKK:SIN:FEM:STV\n"
				 "mein\tPRO:POS:NOM:PLU:FEM:BEG\n"
				 "mein\tPRO:POS:NOM:PLU:FEM:STV\n"
				 "mein\tPRO:POS:NOM:PLU:MAS:BEG\n"
				 "mein\tPRO:POS:NOM:PLU:MAS:STV\n"
				 "mein\tPRO:POS:NOM:PLU:NEU:BEG\n"
				 "mein\tPRO:POS:NOM:PLU:NEU:STV\n"
				 "mein\tPRO:POS:NOM:SIN:FEM:BEG\n"
				 "mein\tPRO:POS:NOM:SIN:FEM:STV");
	/* The most readings of any form in the lexicon: 132, one lemma,
	 * 44 each as adjective and as present and past participle. */
	got = readings_text("brachliegenden");
	for (n = 0, p = got; p; n++) {
		assert_memory_equal(p, "brachliegend\t", 13);
		assert_true(!memcmp(p + 13, n < 44 ? "ADJ:" : n < 88 ? "PA1:" : "PA2:", 4));
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	assert_int_equal(n, 132);
	free(got);
}

static void test_fsa_absent_forms(void **state)
{
	static const char *const absent[] = {
		"Datensouver\xC3\xA4nit\xC3\xA4t_", "Verwaltungsleistungen_",
		"Datensouver\xC3\xA4nit\xC3\xA4t", "St\303\244dteX_", "\xFF", "_",
	};
	uint32_t node = 777;
	list l = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof absent / sizeof absent[0]; i++) {
		assert_int_equal(sw__fsa_walk(fsa, sw__fsa_root(fsa), absent[i], strlen(absent[i]),
					      &node),
				 1);
		assert_int_equal(node, 777); /* untouched */
	}
	assert_int_equal(readings(fsa, "Datensouver\xC3\xA4nit\xC3\xA4t", &l), 1);
	/* Lookup is case-sensitive: nouns are capitalised, so "stadt" is not
	 * a form while "Stadt" is. */
	assert_int_equal(readings(fsa, "stadt", &l), 1);
	assert_int_equal(readings(fsa, "Stadt", &l), 0);
	list_free(&l);
	/* The empty walk stays where it is. */
	assert_int_equal(sw__fsa_walk(fsa, sw__fsa_root(fsa), "", 0, &node), SW_OK);
	assert_int_equal(node, sw__fsa_root(fsa));
}

static void test_fsa_accepts(void **state)
{
	const char *whole = "St\303\244dte_Fadt_SUB:NOM:PLU:FEM";
	uint32_t root = sw__fsa_root(fsa), node;
	size_t n = strlen(whole);

	(void)state;
	assert_int_equal(sw__fsa_accepts(fsa, root, whole, n), 1);
	/* Prefixes of an entry are not entries ... */
	assert_int_equal(sw__fsa_accepts(fsa, root, whole, n - 1), 0);
	assert_int_equal(sw__fsa_accepts(fsa, root, whole, 7), 0);    /* "Städte" */
	assert_int_equal(sw__fsa_accepts(fsa, root, whole, 8), 0);    /* "Städte_" */
	assert_int_equal(sw__fsa_accepts(fsa, root, "St\303\244dte_Fadt_SUB:NOM:PLU:FEMX",
					 n + 1), 0);
	assert_int_equal(sw__fsa_accepts(fsa, root, "St\303\244dte_Fadt_SUB:DAT:PLU:FEM", n),
			 0);
	assert_int_equal(sw__fsa_accepts(fsa, root, "", 0), 0);
	/* ... and accepting works from an inner node too. */
	assert_int_equal(sw__fsa_walk(fsa, root, whole, 8, &node), SW_OK);
	assert_int_equal(sw__fsa_accepts(fsa, node, "Fadt_SUB:AKK:PLU:FEM", 20), 1);
	assert_int_equal(sw__fsa_accepts(fsa, node, "Fadt_SUB:AKK:PLU", 16), 0);
	assert_int_equal(sw__fsa_accepts(fsa, root, "ging_Dehen_VER:3:SIN:PRT:NON", 28), 1);
	assert_int_equal(sw__fsa_accepts(fsa, root, "ging_Dehen_VER:2:SIN:PRT:NON", 28), 0);
}

/* Sequences come out sorted by unsigned bytes, each once. */
static void test_fsa_each_byte_order(void **state)
{
	static const char *const prefixes[] = { "", "St", "\xC3", "meine_", "a" };
	uint32_t node;
	list l = { 0 };
	size_t i, k, nonascii;

	(void)state;
	for (k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
		assert_int_equal(sw__fsa_walk(fsa, sw__fsa_root(fsa), prefixes[k],
					      strlen(prefixes[k]), &node),
				 SW_OK);
		assert_int_equal(sw__fsa_each(fsa, node, 50000, collect, &l), SW_OK);
		assert_true(l.n > 0 && l.n <= 50000);
		for (i = 1; i < l.n; i++)
			if (!byte_less(l.s[i - 1], l.len[i - 1], l.s[i], l.len[i]))
				fail_msg("prefix \"%s\": \"%s\" before \"%s\"", prefixes[k],
					 l.s[i - 1], l.s[i]);
		/* Bytes >= 0x80 sort after ASCII (unsigned order). */
		for (i = 0, nonascii = 0; i < l.n; i++) {
			if ((unsigned char)l.s[i][0] >= 0x80)
				nonascii = 1;
			else
				assert_false(nonascii);
		}
		list_free(&l);
	}
	/* The whole lexicon starts with entries in upper case. */
	assert_int_equal(sw__fsa_each(fsa, sw__fsa_root(fsa), 3, collect, &l), SW_OK);
	assert_int_equal(l.n, 3);
	assert_true(l.s[0][0] >= '!' && l.s[0][0] <= 'Z');
	list_free(&l);
}

static int stop_at_third(void *ctx, const char *seq, size_t len)
{
	int *n = ctx;

	(void)seq;
	(void)len;
	return ++*n == 3 ? 42 : 0;
}

static int count_all(void *ctx, const char *seq, size_t len)
{
	(void)seq;
	(void)len;
	++*(int *)ctx;
	return 0;
}

static int never_called(void *ctx, const char *seq, size_t len)
{
	(void)ctx;
	(void)seq;
	(void)len;
	fail_msg("called");
	return 0;
}

static void test_fsa_each_max_and_stop(void **state)
{
	uint32_t node;
	list l = { 0 };
	int n = 0;

	(void)state;
	assert_int_equal(sw__fsa_walk(fsa, sw__fsa_root(fsa), "meine_", 6, &node), SW_OK);
	assert_int_equal(sw__fsa_each(fsa, node, 5, collect, &l), SW_OK);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.s[4], "B_PRO:POS:AKK:PLU:FEM:BEG");
	list_free(&l);
	assert_int_equal(sw__fsa_each(fsa, node, 100, stop_at_third, &n), 42);
	assert_int_equal(n, 3);
	assert_int_equal(sw__fsa_each(fsa, node, 0, never_called, NULL), SW_OK);
	/* Node 0 has no arcs. */
	assert_int_equal(sw__fsa_each(fsa, 0, 100, never_called, NULL), SW_OK);
	/* Listing the whole lexicon from the root runs into the bound on arcs
	 * visited in one call: an error, not minutes of work. */
	n = 0;
	assert_int_equal(sw__fsa_each(fsa, sw__fsa_root(fsa), (size_t)-1, count_all, &n),
			 SW_EFORMAT);
	assert_true(n > 100000);
}

/* Every sequence ends on a terminal node: walking a whole entry gives a
 * node that is 0 or has further entries below it. */
static void test_fsa_walk_whole_entry(void **state)
{
	uint32_t node = 1;

	(void)state;
	assert_int_equal(sw__fsa_walk(fsa, sw__fsa_root(fsa), "ging_Dehen_VER:3:SIN:PRT:NON", 28,
				      &node),
			 SW_OK);
	assert_int_equal(node, 0);
	assert_int_equal(sw__fsa_walk(fsa, 0, "a", 1, &node), 1);
	assert_int_equal(sw__fsa_walk(fsa, 0, "", 0, &node), SW_OK);
}

static void test_fsa_bad_node_numbers(void **state)
{
	static const uint32_t nodes[] = { 1, 2, 3, 0x7FFFFFFF, 0xFFFFFFFF };
	uint32_t node;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		rc = sw__fsa_walk(fsa, nodes[i], "ab", 2, &node);
		assert_true(rc == SW_OK || rc == 1 || rc == SW_EFORMAT);
		rc = sw__fsa_accepts(fsa, nodes[i], "ab", 2);
		assert_true(rc == 0 || rc == 1 || rc == SW_EFORMAT);
		rc = sw__fsa_each(fsa, nodes[i], 1000, stop_at_third, &(int){ 0 });
		assert_true(rc == SW_OK || rc == 42 || rc == SW_EFORMAT);
	}
	rc = sw__fsa_walk(fsa, (uint32_t)(dict_len - 1), "a", 1, &node);
	assert_true(rc == SW_EFORMAT);
	assert_int_equal(sw__fsa_walk(NULL, 0, "a", 1, &node), SW_EINVAL);
	assert_int_equal(sw__fsa_walk(fsa, 0, NULL, 1, &node), SW_EINVAL);
	assert_int_equal(sw__fsa_each(fsa, sw__fsa_root(fsa), 1, NULL, NULL), SW_EINVAL);
}

/* A sample of german.tsv.gz (every 500th entry): each sampled form has
 * exactly the readings the text lists, lemmas decoded from the codes. */
static void test_fsa_tsv_sample(void **state)
{
	const char *shared = sw_test_shared_dir();
	char path[4200], cmd[4400], form[512], lemma[512], *line = NULL;
	char **want = NULL;
	size_t cap = 0, nwant = 0, capwant = 0, entries = 0, forms = 0, checked = 0, i, j;
	int sampled = 0;
	ssize_t got;
	struct stat st;
	FILE *p;

	(void)state;
	if (!shared) {
		print_message("../shared is absent (a fresh clone): german.tsv.gz sample not "
			      "checked\n");
		skip();
	}
	snprintf(path, sizeof path, "%s/lexicon/german.tsv.gz", shared);
	if (stat(path, &st) != 0) {
		print_message("%s is absent: german.tsv.gz sample not checked\n", path);
		skip();
	}
	snprintf(cmd, sizeof cmd, "gzip -dc '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	form[0] = '\0';
	for (;;) {
		char *t1 = NULL, *t2 = NULL;
		got = getline(&line, &cap, p);
		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if (got >= 0 && line[0] == '#')
			continue;
		if (got >= 0) {
			t1 = strchr(line, '\t');
			assert_non_null(t1);
			t2 = strchr(t1 + 1, '\t');
			assert_non_null(t2);
			*t1 = '\0';
		}
		/* A form's lines are consecutive: check the one finished. */
		if (got < 0 || strcmp(line, form) != 0) {
			if (sampled) {
				list l = { 0 };
				size_t flen = strlen(form);
				assert_int_equal(readings(fsa, form, &l), 0);
				if (l.n != nwant)
					fail_msg("%s: %zu readings in the automaton, %zu in the tsv",
						 form, l.n, nwant);
				for (i = 0; i < nwant; i++) {
					for (j = 0; j < l.n; j++) {
						const char *sep = memchr(l.s[j], '_', l.len[j]);
						assert_non_null(sep);
						assert_int_equal(decode_lemma(lemma, sizeof lemma, form, flen,
									      l.s[j], (size_t)(sep - l.s[j])),
								 0);
						if (!strcmp(want[i], lemma) &&
						    !strcmp(want[i] + strlen(want[i]) + 1, sep + 1))
							break;
					}
					if (j == l.n)
						fail_msg("%s: reading %s %s not in the automaton", form,
							 want[i], want[i] + strlen(want[i]) + 1);
				}
				list_free(&l);
				checked++;
			}
			for (i = 0; i < nwant; i++)
				free(want[i]);
			nwant = 0;
			sampled = 0;
			if (got < 0)
				break;
			forms++;
			assert_true(strlen(line) < sizeof form);
			strcpy(form, line);
		}
		/* Keep "lemma\0tag". */
		if (nwant == capwant) {
			capwant = capwant ? 2 * capwant : 64;
			want = realloc(want, capwant * sizeof *want);
			assert_non_null(want);
		}
		*t2 = '\0';
		want[nwant] = malloc(strlen(t1 + 1) + strlen(t2 + 1) + 2);
		assert_non_null(want[nwant]);
		strcpy(want[nwant], t1 + 1);
		strcpy(want[nwant] + strlen(t1 + 1) + 1, t2 + 1);
		nwant++;
		if (entries++ % 500 == 0)
			sampled = 1;
	}
	free(want);
	free(line);
	assert_int_equal(pclose(p), 0);
	print_message("german.tsv.gz: %zu entries, %zu forms, %zu forms checked\n", entries, forms,
		      checked);
	assert_int_equal(entries, 4988730 - 7); /* README's count, less the '#' lines */
	assert_true(checked > 5000);
}

/* ---------------------------------------------------------------- hand-made automata */

/*
 * The language {"ab", "ac", "b"}, written by hand (flags FLEXIBLE |
 * STOPBIT | NEXTBIT, label table {unused, 'a'}):
 *
 *   0  40 5E 03     dummy node: last arc, explicit label '^', target 3
 *   3  81           root: arc 'a' (label index 1), target the next node
 *   4  60 62 00           last, final arc 'b', no target
 *   7  20 62 00     node 7: final arc 'b', no target
 *  10  60 63 00             last, final arc 'c', no target
 */
static const unsigned char tiny[] = {
	'\\', 'f', 's', 'a', 0xC6, 0x00, 0x07, 0x02, 0x00, 'a',
	0x40, '^', 0x03,
	0x81, 0x60, 'b', 0x00,
	0x20, 'b', 0x00, 0x60, 'c', 0x00,
};

/* The same with NUMBERS: every node starts with its count. */
static const unsigned char tiny_numbers[] = {
	'\\', 'f', 's', 'a', 0xC6, 0x01, 0x07, 0x02, 0x00, 'a',
	0x00, 0x40, '^', 0x04,
	0x03, 0x81, 0x60, 'b', 0x00,
	0x02, 0x20, 'b', 0x00, 0x60, 'c', 0x00,
};

static void open_ok(sw_fsa **f, const unsigned char *data, size_t len)
{
	sw_error err;

	memset(&err, 0, sizeof err);
	if (sw__fsa_open(f, data, len, "tiny", &err) != SW_OK)
		fail_msg("tiny: %s (byte %lld)", err.message, err.offset);
}

static void test_fsa_handmade(void **state)
{
	const unsigned char *v[] = { tiny, tiny_numbers };
	size_t lens[] = { sizeof tiny, sizeof tiny_numbers }, k;
	uint32_t node;
	list l = { 0 };
	sw_fsa *f;

	(void)state;
	for (k = 0; k < 2; k++) {
		open_ok(&f, v[k], lens[k]);
		assert_int_equal(sw__fsa_each(f, sw__fsa_root(f), 100, collect, &l), SW_OK);
		assert_int_equal(l.n, 3);
		assert_string_equal(l.s[0], "ab");
		assert_string_equal(l.s[1], "ac");
		assert_string_equal(l.s[2], "b");
		list_free(&l);
		assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), "ab", 2), 1);
		assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), "a", 1), 0);
		assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), "b", 1), 1);
		assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), "c", 1), 0);
		assert_int_equal(sw__fsa_walk(f, sw__fsa_root(f), "a", 1, &node), SW_OK);
		assert_int_equal(sw__fsa_each(f, node, 100, collect, &l), SW_OK);
		assert_int_equal(l.n, 2);
		assert_string_equal(l.s[0], "b");
		assert_string_equal(l.s[1], "c");
		list_free(&l);
		assert_int_equal(sw__fsa_walk(f, sw__fsa_root(f), "ad", 2, &node), 1);
		assert_int_equal(sw__fsa_walk(f, sw__fsa_root(f), "abc", 3, &node), 1);
		sw__fsa_free(f);
	}
}

/* A cycle cannot be seen from one node's bytes: the reader opens it,
 * and a listing stops at the longest sequence allowed. */
static void test_fsa_cycle(void **state)
{
	unsigned char cyc[sizeof tiny];
	char longword[601];
	sw_fsa *f;
	size_t i;

	(void)state;
	memcpy(cyc, tiny, sizeof tiny);
	cyc[sizeof tiny - 1] = 0x03; /* 'c' leads back to the root: (ac)*(ab|b) */
	open_ok(&f, cyc, sizeof cyc);
	assert_int_equal(sw__fsa_each(f, sw__fsa_root(f), (size_t)-1, stop_at_third,
				      &(int){ -1000000 }),
			 SW_EFORMAT);
	/* Walks are bounded by their input. */
	for (i = 0; i + 2 < sizeof longword; i += 2)
		memcpy(longword + i, "ac", 2);
	longword[598] = 'b';
	assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), longword, 599), 1); /* (ac)^299 b */
	assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), longword, 598), 1); /* (ac)^299 */
	assert_int_equal(sw__fsa_accepts(f, sw__fsa_root(f), longword, 597), 0); /* ... a */
	sw__fsa_free(f);
}

/* An automaton with no entries: the dummy node's arc has no target. */
static void test_fsa_empty_language(void **state)
{
	static const unsigned char empty[] = {
		'\\', 'f', 's', 'a', 0xC6, 0x00, 0x07, 0x01, 0x00, 0x40, '^', 0x00,
	};
	uint32_t node;
	sw_fsa *f;

	(void)state;
	open_ok(&f, empty, sizeof empty);
	assert_int_equal(sw__fsa_root(f), 0);
	assert_int_equal(sw__fsa_walk(f, sw__fsa_root(f), "a", 1, &node), 1);
	assert_int_equal(sw__fsa_each(f, sw__fsa_root(f), 10, never_called, NULL), SW_OK);
	sw__fsa_free(f);
}

static void expect_format_error(const unsigned char *data, size_t len, long long offset,
				const char *words)
{
	sw_fsa *f = (sw_fsa *)&f; /* a non-NULL value that must stay */
	sw_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(sw__fsa_open(&f, data, len, "bad.dict", &err), SW_EFORMAT);
	assert_ptr_equal(f, (sw_fsa *)&f);
	assert_int_equal(err.code, SW_EFORMAT);
	assert_string_equal(err.path, "bad.dict");
	if (offset >= 0)
		assert_int_equal(err.offset, offset);
	if (!strstr(err.message, words))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, words);
}

static void test_fsa_bad_headers(void **state)
{
	unsigned char b[sizeof tiny];

	(void)state;
	expect_format_error(NULL, 0, 0, "not a Morfologik");
	expect_format_error(tiny, 0, 0, "not a Morfologik");
	expect_format_error(tiny, 4, 0, "not a Morfologik");
	expect_format_error((const unsigned char *)"\\FSA\xC6\0\7\0", 8, 0, "not a Morfologik");
	expect_format_error((const unsigned char *)"PK\3\4 zip file", 13, 0, "not a Morfologik");
	/* Version 5 is the older FSA5 format. */
	memcpy(b, tiny, sizeof b);
	b[4] = 0x05;
	expect_format_error(b, sizeof b, 4, "not CFSA2");
	expect_format_error(tiny, 6, 6, "cut short");
	memcpy(b, tiny, sizeof b);
	b[5] = 0x80;
	expect_format_error(b, sizeof b, 5, "unknown automaton flags 0x8007");
	/* A label table longer than the file. */
	memcpy(b, tiny, sizeof b);
	b[7] = 0xF0;
	expect_format_error(b, sizeof b, (long long)sizeof b, "label table");
	expect_format_error(tiny, 10, 10, "no nodes");
}

static void test_fsa_bad_arcs(void **state)
{
	unsigned char b[sizeof tiny];

	(void)state;
	/* Label index 5 in a table of 2 (the root's first arc, byte 13). */
	memcpy(b, tiny, sizeof b);
	b[13] = 0x85;
	expect_format_error(b, sizeof b, 13, "label index");
	/* Node 7's arcs in the wrong order ('c' then 'b'). */
	memcpy(b, tiny, sizeof b);
	b[18] = 'c';
	b[21] = 'b';
	expect_format_error(b, sizeof b, 20, "byte order");
	/* The root's arc 'b' points into the middle of node 7. */
	memcpy(b, tiny, sizeof b);
	b[16] = 0x09;
	expect_format_error(b, sizeof b, 14, "not the start of a node");
	/* ... or past the end. */
	b[16] = 0x7F;
	expect_format_error(b, sizeof b, 14, "past the end");
	/* A number (target) that never ends. */
	memcpy(b, tiny, sizeof b);
	b[sizeof b - 1] = 0x80;
	expect_format_error(b, sizeof b, 20, "past the end");
	/* The last node's last arc is not marked last. */
	memcpy(b, tiny, sizeof b);
	b[20] = 0x20;
	expect_format_error(b, sizeof b, 23, "past the end");
	/* A TARGET_NEXT arc in the last node (its target byte dropped). */
	memcpy(b, tiny, sizeof b);
	b[20] = 0xE0;
	expect_format_error(b, sizeof b - 1, 17, "past the end");
}

/* ---------------------------------------------------------------- damaged german.dict */

static const char *const probe[] = {
	"St\303\244dte_", "ging_", "Abh\xC3\xA4ngigkeiten_", "meine_",
	"Datensouver\xC3\xA4nit\xC3\xA4t_", "a", "", "\xC3\xA4",
};

static int check_seq(void *ctx, const char *seq, size_t len)
{
	(void)ctx;
	assert_non_null(seq);
	assert_true(len >= 1 && len <= 255);
	return 0;
}

/* Whatever the data, every call returns one of its documented values. */
static void exercise(const sw_fsa *f)
{
	uint32_t node;
	size_t k;
	int rc;

	rc = sw__fsa_each(f, sw__fsa_root(f), 2000, check_seq, NULL);
	assert_true(rc == SW_OK || rc == SW_EFORMAT);
	for (k = 0; k < sizeof probe / sizeof probe[0]; k++) {
		rc = sw__fsa_accepts(f, sw__fsa_root(f), probe[k], strlen(probe[k]));
		assert_true(rc == 0 || rc == 1 || rc == SW_EFORMAT);
		rc = sw__fsa_walk(f, sw__fsa_root(f), probe[k], strlen(probe[k]), &node);
		assert_true(rc == SW_OK || rc == 1 || rc == SW_EFORMAT);
		if (rc == SW_OK) {
			rc = sw__fsa_each(f, node, 500, check_seq, NULL);
			assert_true(rc == SW_OK || rc == SW_EFORMAT);
		}
	}
}

/* Open a copy of exactly len bytes (so that ASan sees any read past
 * it); on success exercise it.  Returns the status of the open. */
static int try_copy(const unsigned char *data, size_t len, long long *offset)
{
	unsigned char *copy = malloc(len ? len : 1);
	sw_fsa *f = NULL;
	sw_error err;
	int rc;

	assert_non_null(copy);
	memcpy(copy, data, len);
	memset(&err, 0, sizeof err);
	rc = sw__fsa_open(&f, copy, len, "damaged.dict", &err);
	if (rc == SW_OK) {
		exercise(f);
		sw__fsa_free(f);
	} else {
		assert_int_equal(rc, SW_EFORMAT);
		assert_int_equal(err.code, SW_EFORMAT);
		assert_string_equal(err.path, "damaged.dict");
		assert_true(err.offset >= 0 && (size_t)err.offset <= len);
		assert_true(err.message[0] != '\0');
		if (offset)
			*offset = err.offset;
	}
	free(copy);
	return rc;
}

static void test_fsa_truncated(void **state)
{
	long long off;
	size_t len;

	(void)state;
	/* The header and the first nodes byte by byte, then cuts spread
	 * over the file: a cut file is always refused (some target points
	 * past the end), and the error names a byte inside it. */
	for (len = 0; len < dict_len; len += len < 512 ? 1 : (dict_len / 151) | 1) {
		off = -1;
		assert_int_equal(try_copy(dict, len, &off), SW_EFORMAT);
	}
	assert_int_equal(try_copy(dict, dict_len - 1, NULL), SW_EFORMAT);
	assert_int_equal(try_copy(dict, dict_len, NULL), SW_OK);
}

/* xorshift64*: the same flips on every run. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static void test_fsa_bit_flips(void **state)
{
	unsigned char *copy = malloc(dict_len);
	uint64_t seed = 0x5157494348574F52ULL;
	size_t round, k, nflips, at, header = 8 + dict[7] + 64;
	int ok = 0, refused = 0;

	(void)state;
	assert_non_null(copy);
	for (round = 0; round < 160; round++) {
		memcpy(copy, dict, dict_len);
		nflips = 1 + next_random(&seed) % 4;
		for (k = 0; k < nflips; k++) {
			/* A third of the rounds aim at the header, label table
			 * and the first nodes, which everything goes through. */
			if (round % 3 == 0)
				at = next_random(&seed) % header;
			else
				at = next_random(&seed) % dict_len;
			copy[at] ^= (unsigned char)(1u << (next_random(&seed) % 8));
		}
		if (try_copy(copy, dict_len, NULL) == SW_OK)
			ok++;
		else
			refused++;
	}
	print_message("bit flips: %d copies opened and walked, %d refused\n", ok, refused);
	/* Both outcomes happen: flipped final bits go unnoticed, most
	 * flipped targets do not. */
	assert_true(ok > 0 && refused > 0);
	free(copy);
}

static void test_fsa_garbage(void **state)
{
	unsigned char buf[4096];
	uint64_t seed = 42;
	size_t round, i, len;

	(void)state;
	for (round = 0; round < 300; round++) {
		len = (size_t)(next_random(&seed) % sizeof buf);
		for (i = 0; i < len; i++)
			buf[i] = (unsigned char)next_random(&seed);
		/* Half of them with a valid header, so the arc checks run. */
		if (round % 2 && len >= 8) {
			memcpy(buf, "\\fsa\xC6\x00\x07", 7);
			buf[7] = (unsigned char)(next_random(&seed) % 40);
		}
		try_copy(buf, len, NULL);
	}
}

static void test_fsa_oom(void **state)
{
	sw_fsa *f = NULL;
	sw_error err;
	long n;
	int rc;

	(void)state;
	for (n = 1; n <= 20; n++) {
		sw_test_alloc_fail_after(n);
		memset(&err, 0, sizeof err);
		rc = sw__fsa_open(&f, tiny, sizeof tiny, "tiny", &err);
		sw_test_alloc_fail_after(0);
		if (rc == SW_OK) {
			sw__fsa_free(f);
			break;
		}
		assert_int_equal(rc, SW_ENOMEM);
		assert_int_equal(err.code, SW_ENOMEM);
	}
	/* six allocations (the reader, the node numbers and the four flat
	 * arrays), each failing in turn */
	assert_int_equal(n, 7);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_fsa_open_header),
	cmocka_unit_test(test_fsa_readings_known_forms),
	cmocka_unit_test(test_fsa_readings_raw_codes),
	cmocka_unit_test(test_fsa_readings_many),
	cmocka_unit_test(test_fsa_absent_forms),
	cmocka_unit_test(test_fsa_accepts),
	cmocka_unit_test(test_fsa_each_byte_order),
	cmocka_unit_test(test_fsa_each_max_and_stop),
	cmocka_unit_test(test_fsa_walk_whole_entry),
	cmocka_unit_test(test_fsa_bad_node_numbers),
	cmocka_unit_test(test_fsa_tsv_sample),
	cmocka_unit_test(test_fsa_handmade),
	cmocka_unit_test(test_fsa_cycle),
	cmocka_unit_test(test_fsa_empty_language),
	cmocka_unit_test(test_fsa_bad_headers),
	cmocka_unit_test(test_fsa_bad_arcs),
	cmocka_unit_test(test_fsa_truncated),
	cmocka_unit_test(test_fsa_bit_flips),
	cmocka_unit_test(test_fsa_garbage),
	cmocka_unit_test(test_fsa_oom),
};

/* SW_TEST_MAIN with a group setup: german.dict is read and opened once. */
int main(int argc, char **argv)
{
	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
