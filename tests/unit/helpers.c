/*
 * tests/unit/helpers.c - fixtures and the spec-file reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

const char *sw_test_srcdir(void)
{
	const char *d = getenv("SW_SRCDIR");
	return d && *d ? d : ".";
}

const char *sw_test_shared_dir(void)
{
	static char path[4096];
	struct stat st;

	snprintf(path, sizeof path, "%s/../shared", sw_test_srcdir());
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return path;
	return NULL;
}

char *sw_test_read_file(const char *path, size_t *len_out)
{
	char full[4096];
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (path[0] == '/')
		snprintf(full, sizeof full, "%s", path);
	else
		snprintf(full, sizeof full, "%s/%s", sw_test_srcdir(), path);
	f = fopen(full, "rb");
	if (!f)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			char *p = realloc(buf, cap + 65536 + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
}

const char *sw_test_tmpdir(void)
{
	static char dir[256];

	if (!dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/sw-test-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(dir))
			return "/tmp";
	}
	return dir;
}

const char *sw_test_write_temp(const char *name, const char *data, size_t len)
{
	static char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", sw_test_tmpdir(), name);
	f = fopen(path, "wb");
	if (!f)
		return NULL;
	if (len)
		fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

/* Resolve the escapes described in helpers.h, in place; returns the new length. */
static size_t unescape(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] == '\\' && i + 1 < len) {
			char c = s[i + 1];
			if (c == 'n') { s[o++] = '\n'; i += 2; continue; }
			if (c == 't') { s[o++] = '\t'; i += 2; continue; }
			if (c == 'r') { s[o++] = '\r'; i += 2; continue; }
			if (c == '\\') { s[o++] = '\\'; i += 2; continue; }
			if (c == 'u' && i + 2 < len && s[i + 2] == '{') {
				unsigned long cp = strtoul(s + i + 3, NULL, 16);
				char *close = memchr(s + i, '}', len - i);
				if (close) {
					if (cp < 0x80) {
						s[o++] = (char)cp;
					} else if (cp < 0x800) {
						s[o++] = (char)(0xC0 | (cp >> 6));
						s[o++] = (char)(0x80 | (cp & 0x3F));
					} else if (cp < 0x10000) {
						s[o++] = (char)(0xE0 | (cp >> 12));
						s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
						s[o++] = (char)(0x80 | (cp & 0x3F));
					} else {
						s[o++] = (char)(0xF0 | (cp >> 18));
						s[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
						s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
						s[o++] = (char)(0x80 | (cp & 0x3F));
					}
					i = (size_t)(close - s) + 1;
					continue;
				}
			}
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

static char *join_lines(char **lines, int from, int to, size_t *len_out)
{
	size_t len = 0, o = 0;
	int i;
	char *s;

	for (i = from; i < to; i++)
		len += strlen(lines[i]) + 1;
	s = malloc(len + 1);
	for (i = from; i < to; i++) {
		size_t l = strlen(lines[i]);
		memcpy(s + o, lines[i], l);
		o += l;
		if (i + 1 < to)
			s[o++] = '\n';
	}
	s[o] = '\0';
	*len_out = unescape(s, o);
	return s;
}

int sw_spec_load(const char *path, sw_spec_example **out)
{
	size_t len;
	char *text = sw_test_read_file(path, &len);
	char **lines = NULL;
	int nlines = 0, i, n = 0, cap = 0;
	sw_spec_example *ex = NULL;
	char *p;

	if (!text)
		return -1;
	for (p = text; *p;) {
		char *nl = strchr(p, '\n');
		lines = realloc(lines, sizeof *lines * (size_t)(nlines + 1));
		lines[nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	for (i = 0; i < nlines; i++) {
		int start, dot = -1, end = -1, j;
		size_t dummy;

		if (strncmp(lines[i], "## ", 3) != 0)
			continue;
		start = i + 1;
		for (j = start; j < nlines; j++) {
			if (dot < 0 && strcmp(lines[j], ".") == 0)
				dot = j;
			else if (strcmp(lines[j], "~~~~") == 0) {
				end = j;
				break;
			}
		}
		if (dot < 0 || end < 0) {
			fprintf(stderr, "%s:%d: example without '.' or '~~~~'\n", path, i + 1);
			free(lines);
			free(text);
			sw_spec_free(ex, n);
			return -1;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			ex = realloc(ex, sizeof *ex * (size_t)cap);
		}
		ex[n].title = strdup(lines[i] + 3);
		ex[n].line = i + 1;
		ex[n].input = join_lines(lines, start, dot, &ex[n].input_len);
		ex[n].expected = join_lines(lines, dot + 1, end, &dummy);
		n++;
		i = end;
	}
	free(lines);
	free(text);
	*out = ex;
	return n;
}

void sw_spec_free(sw_spec_example *ex, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(ex[i].title);
		free(ex[i].input);
		free(ex[i].expected);
	}
	free(ex);
}

void sw_test_pipe_open(sw_test_pipe *p, sw_stemmer_kind stemmer, int speech)
{
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;

	memset(p, 0, sizeof *p);
	assert_int_equal(sw_stoplist_new(&p->sl, NULL), SW_OK);
	assert_int_equal(sw_stoplist_add_builtin(p->sl, "de", NULL), SW_OK);
	if (speech)
		assert_int_equal(sw_stoplist_add_builtin(p->sl, "de-speech", NULL), SW_OK);
	lo.stemmer = stemmer;
	lo.stopwords = p->sl;
	assert_int_equal(sw_lexicon_new(&p->lx, &lo, NULL), SW_OK);
	assert_int_equal(sw_analyzer_new(&p->an, p->lx, NULL, NULL), SW_OK);
	assert_int_equal(sw_counts_new(&p->c, p->lx, NULL), SW_OK);
}

void sw_test_pipe_add_doc(sw_test_pipe *p, const sw_doc *doc)
{
	const sw_atoken *t;
	size_t n;

	assert_int_equal(sw_analyze(&t, &n, p->an, doc->text, doc->len, NULL), SW_OK);
	assert_int_equal(sw_counts_add(p->c, doc, t, n, NULL), SW_OK);
}

void sw_test_pipe_add(sw_test_pipe *p, const char *id, const char *date, const char *group,
		      const char *text)
{
	sw_doc d;

	memset(&d, 0, sizeof d);
	d.index = sw_counts_ndocs(p->c);
	d.id = id;
	d.source = id;
	d.date = date;
	d.group = group;
	d.text = text;
	d.len = strlen(text);
	sw_test_pipe_add_doc(p, &d);
}

void sw_test_pipe_add_corpus(sw_test_pipe *p, sw_corpus *corpus)
{
	const sw_doc *doc;
	sw_error err;
	int rc;

	memset(&err, 0, sizeof err);
	while ((rc = sw_corpus_next(&doc, corpus, &err)) == 1)
		sw_test_pipe_add_doc(p, doc);
	assert_int_equal(rc, 0);
}

void sw_test_pipe_add_embedded(sw_test_pipe *p, size_t copies)
{
	char path[4096];
	size_t k;

	snprintf(path, sizeof path, "%s/corpora", sw_test_srcdir());
	for (k = 0; k < copies; k++) {
		sw_corpus *corpus;
		const sw_doc *doc;
		int rc;
		assert_int_equal(sw_corpus_new(&corpus, NULL, NULL), SW_OK);
		assert_int_equal(sw_corpus_add_path(corpus, path, NULL), SW_OK);
		while ((rc = sw_corpus_next(&doc, corpus, NULL)) == 1) {
			sw_doc copy = *doc;
			char id[512];
			snprintf(id, sizeof id, "%zu-%s", k, doc->id);
			copy.id = id;
			sw_test_pipe_add_doc(p, &copy);
		}
		assert_int_equal(rc, 0);
		sw_corpus_free(corpus);
		{
			/* words and a phrase of this copy alone: terms whose first
			 * occurrence lies in a later part of the corpus */
			char text[512], id[32];
			char c1 = (char)('a' + k % 26), c2 = (char)('a' + k / 26 % 26);
			snprintf(text, sizeof text,
				 "Die Kopie%c%cverordnung regelt den Kopie%c%czugang. Die "
				 "Kopie%c%cverordnung regelt den Kopie%c%czugang. Kopie%c%cwesen.",
				 c2, c1, c2, c1, c2, c1, c2, c1, c2, c1);
			snprintf(id, sizeof id, "%zu-extra", k);
			sw_test_pipe_add(p, id, "2024-06-01", "Kopie", text);
		}
	}
}

void sw_test_pipe_finish(sw_test_pipe *p)
{
	assert_int_equal(sw_counts_finish(p->c, NULL), SW_OK);
}

void sw_test_pipe_close(sw_test_pipe *p)
{
	sw_counts_free(p->c);
	sw_analyzer_free(p->an);
	sw_lexicon_free(p->lx);
	sw_stoplist_free(p->sl);
	memset(p, 0, sizeof *p);
}
