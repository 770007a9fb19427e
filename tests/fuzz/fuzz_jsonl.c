/*
 * tests/fuzz/fuzz_jsonl.c - the JSON Lines reader (sw_corpus_add_jsonl +
 * sw_corpus_next) on arbitrary bytes.
 *
 * The first byte picks the options (bit 0: strict); the rest is the file.
 * Invariants (corpus.h):
 *   - every document has an id, valid UTF-8 text without NUL that is
 *     NUL-terminated, a valid date or none, a line number that grows
 *     from document to document, and index 0, 1, 2, ...;
 *   - nothing is lost silently: every line that is not blank gives a
 *     document or a problem warning naming that line;
 *   - warnings name the file, a line of it and an offset inside it, and
 *     sw_corpus_problems() counts the problem warnings;
 *   - the fast path agrees with jansson: when jansson parses a line (as
 *     the reader would, rejecting duplicate keys) into an object whose
 *     "text" is a string, the document's text is exactly that string
 *     (a leading BOM removed);
 *   - strict: the first problem ends the run with its code, the error
 *     names the line, and the error is sticky.
 * A file with a UTF-16 byte order mark is transcoded by the reader, so
 * its lines are not the byte lines modelled here: for it only the
 * invariants that do not look at single lines are checked.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "stichwort/corpus.h"
#include "fuzz_check.h"
#include "fuzz_file.h"

#define MAX_LINES 4096

struct seen {
	const char *path;
	long nlines;
	size_t size;
	size_t problems;
	unsigned char *flag; /* per line: 1 doc, 2 problem */
};

static void on_warn(const sw_warning *w, void *payload)
{
	struct seen *s = payload;

	FUZZ_CHECK(w->path != NULL && w->message != NULL && w->message[0]);
	FUZZ_CHECK(!strcmp(w->path, s->path));
	FUZZ_CHECK(w->line >= 1 && w->line <= s->nlines);
	FUZZ_CHECK(w->offset >= -1 && w->offset <= (long long)s->size);
	if (w->level == SW_WARN_PROBLEM) {
		s->problems++;
		s->flag[w->line - 1] |= 2;
	}
}

/* The lines of the file as the reader splits them, walked forwards: a
 * cursor is at the start of line lno (1-based), so reaching the lines of
 * a file in order costs one pass, not one pass per line. */
typedef struct line_cursor {
	const char *f, *p, *end;
	long lno;
} line_cursor;

static void cursor_init(line_cursor *c, const char *f, size_t size)
{
	c->f = c->p = f;
	c->end = f + size;
	c->lno = 1;
}

/* Line lno (>= the cursor's line) and its length, CR and a leading BOM
 * removed. */
static const char *line_at(line_cursor *c, long lno, size_t *len)
{
	const char *p, *nl;

	FUZZ_CHECK(lno >= c->lno);
	while (c->lno < lno) {
		nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
		FUZZ_CHECK(nl != NULL);
		c->p = nl + 1;
		c->lno++;
	}
	p = c->p;
	nl = memchr(p, '\n', (size_t)(c->end - p));
	*len = (size_t)((nl ? nl : c->end) - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	if (p == c->f && *len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		p += 3;
		*len -= 3;
	}
	return p;
}

static int blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Compare a document's text with what jansson makes of its line. */
static void check_against_jansson(const sw_doc *d, const char *line, size_t len)
{
	json_t *o, *t;
	const char *s;
	size_t sl;

	if (!fuzz_valid_utf8((const unsigned char *)line, len))
		return;
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
	if (!o)
		return;
	t = json_object_get(o, "text");
	if (json_is_object(o) && json_is_string(t)) {
		s = json_string_value(t);
		sl = json_string_length(t);
		if (sl >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			sl -= 3;
		}
		if (d->len != sl || memcmp(d->text, s, sl) != 0) {
			fprintf(stderr, "text differs from jansson's on line %ld\n", d->line);
			FUZZ_CHECK(!"fast path agrees with jansson");
		}
	}
	json_decref(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_corpus_options o = SW_CORPUS_OPTIONS_INIT;
	struct seen s;
	sw_corpus *c = NULL;
	const sw_doc *d;
	const char *f, *path, *line;
	line_cursor cur;
	sw_error err;
	size_t i, fsize, len, ndocs = 0;
	long last = 0, l;
	int rc, strict, u16;

	if (size < 1)
		return 0;
	strict = data[0] & 1;
	f = (const char *)data + 1;
	fsize = size - 1;
	u16 = fsize >= 2 && (((unsigned char)f[0] == 0xFF && (unsigned char)f[1] == 0xFE) ||
			     ((unsigned char)f[0] == 0xFE && (unsigned char)f[1] == 0xFF));
	memset(&s, 0, sizeof s);
	s.size = fsize;
	for (i = 0; i < fsize; i++)
		s.nlines += f[i] == '\n';
	if (fsize && f[fsize - 1] != '\n')
		s.nlines++;
	if (s.nlines > MAX_LINES)
		return 0;
	s.flag = calloc((size_t)s.nlines + 1, 1);
	FUZZ_CHECK(s.flag != NULL);
	path = fuzz_file((const uint8_t *)f, fsize);
	s.path = path;

	o.strict = strict;
	o.warn = on_warn;
	o.warn_payload = &s;
	FUZZ_CHECK(sw_corpus_new(&c, &o, NULL) == SW_OK);
	FUZZ_CHECK(sw_corpus_add_jsonl(c, path, NULL) == SW_OK);
	memset(&err, 0, sizeof err);
	cursor_init(&cur, f, fsize);
	while ((rc = sw_corpus_next(&d, c, &err)) == 1) {
		FUZZ_CHECK(d->index == ndocs);
		FUZZ_CHECK(d->id != NULL && d->source != NULL && d->encoding != NULL);
		FUZZ_CHECK(!strcmp(d->source, path));
		FUZZ_CHECK(d->text != NULL && d->text[d->len] == '\0');
		FUZZ_CHECK(strlen(d->text) == d->len);
		FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)d->text, d->len));
		FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)d->id, strlen(d->id)));
		FUZZ_CHECK(!d->date || sw_date_valid(d->date, strlen(d->date)));
		FUZZ_CHECK(d->line > last && d->line <= s.nlines);
		for (i = 0; i < d->n_extra; i++)
			FUZZ_CHECK(d->extra[i].key && d->extra[i].value);
		s.flag[d->line - 1] |= 1;
		if (!u16) {
			line = line_at(&cur, d->line, &len);
			check_against_jansson(d, line, len);
		}
		last = d->line;
		ndocs++;
	}
	if (strict && rc < 0) {
		sw_error again;
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(rc == SW_EFORMAT || rc == SW_EENCODING || rc == SW_EIO);
		FUZZ_CHECK(err.line >= 1 && err.line <= s.nlines);
		FUZZ_CHECK(sw_corpus_problems(c) == 1);
		FUZZ_CHECK(sw_corpus_next(&d, c, &again) == rc);
	} else {
		FUZZ_CHECK(rc == 0);
		FUZZ_CHECK(sw_corpus_problems(c) == s.problems);
		/* Nothing silently dropped. */
		cursor_init(&cur, f, fsize);
		for (l = 1; l <= s.nlines && !u16; l++) {
			line = line_at(&cur, l, &len);
			if (!blank(line, len) && !s.flag[l - 1]) {
				fprintf(stderr, "line %ld neither read nor reported\n", l);
				FUZZ_CHECK(!"every line is a document or a problem");
			}
		}
	}
	sw_corpus_free(c);
	free(s.flag);
	return 0;
}
