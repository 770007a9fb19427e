/*
 * tests/fuzz/fuzz_meta.c - the metadata reader (sw_corpus_add_meta) on
 * arbitrary bytes, applied to a small fixed directory of three documents
 * (a.txt, b.txt, sub/c.txt, written once to a temporary directory).
 *
 * The first byte picks the options (bit 0: strict); the rest is the
 * metadata file.  Invariants (corpus.h):
 *   - non-strict: sw_corpus_add_meta() succeeds, every warning names the
 *     metadata file and one of its lines, the three documents are read
 *     with valid dates or none, and sw_corpus_problems() counts the
 *     problem warnings;
 *   - the records land where jansson says they should: for each document
 *     the last well-formed record whose "path" is its relative path
 *     wins, else the last one whose "id" is its id; its "date" (when a
 *     valid date string) and "group"/"title" (when strings) are the
 *     document's, and a document without such a record has no date;
 *     (unless a line jansson refuses may have been repaired by the
 *     reader - an escape \\u, a run of 19 digits - or the file is UTF-16:
 *     then only the other invariants are checked);
 *   - strict: a problem makes sw_corpus_add_meta() fail with it, naming a
 *     line of the file.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "stichwort/corpus.h"
#include "fuzz_check.h"
#include "fuzz_file.h"

#define MAX_LINES 2048
#define NDOC 3

static const char *const rels[NDOC] = { "a.txt", "b.txt", "sub/c.txt" };
static const char *const ids[NDOC] = { "a", "b", "sub/c" };

static char dir[256];

static void remove_dir(void)
{
	char p[300];
	int i;

	for (i = 0; i < NDOC; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, rels[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/sub", dir);
	rmdir(p);
	rmdir(dir);
}

static const char *fixture_dir(void)
{
	char p[300];
	const char *tmp;
	FILE *f;
	int i;

	if (dir[0])
		return dir;
	tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/sw-fuzz-meta-XXXXXX", tmp ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	snprintf(p, sizeof p, "%s/sub", dir);
	FUZZ_CHECK(mkdir(p, 0700) == 0);
	for (i = 0; i < NDOC; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, rels[i]);
		f = fopen(p, "wb");
		FUZZ_CHECK(f != NULL);
		fprintf(f, "Dokument %s \xC3\xBC" "ber die Verwaltung.\n", ids[i]);
		FUZZ_CHECK(fclose(f) == 0);
	}
	atexit(remove_dir);
	return dir;
}

struct seen {
	const char *path;
	long nlines;
	size_t problems;
};

static void on_warn(const sw_warning *w, void *payload)
{
	struct seen *s = payload;

	FUZZ_CHECK(w->path != NULL && w->message != NULL && w->message[0]);
	if (w->level == SW_WARN_PROBLEM)
		s->problems++;
	if (!strcmp(w->path, s->path))
		FUZZ_CHECK(w->line >= 1 && w->line <= s->nlines);
}

/* What jansson says the record of each document is. */
struct expect {
	int have;            /* a record applies */
	const char *date;    /* valid date string, or NULL */
	int date_known;      /* the record's date is checkable */
	const char *group;   /* string group, or NULL */
	int group_known;
};

/* Whether the reader may have repaired a line jansson refuses (jsonl.c,
 * json_repair(): \\u0000, lone surrogates, integers beyond 64 bits). */
static int repairable(const char *p, size_t len)
{
	size_t i, digits = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'u')
			return 1;
		digits = p[i] >= '0' && p[i] <= '9' ? digits + 1 : 0;
		if (digits >= 19)
			return 1;
	}
	return 0;
}

static void record_of(struct expect *e, json_t *o)
{
	json_t *v;

	memset(e, 0, sizeof *e);
	e->have = 1;
	v = json_object_get(o, "date");
	e->date_known = 1;
	if (v && json_is_string(v) && sw_date_valid(json_string_value(v), json_string_length(v)))
		e->date = json_string_value(v);
	v = json_object_get(o, "group");
	if (!v || json_is_null(v)) {
		e->group_known = 1;
	} else if (json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v)) {
		e->group_known = 1;
		e->group = json_string_value(v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_corpus_options o = SW_CORPUS_OPTIONS_INIT;
	struct seen s;
	struct expect by_path[NDOC], by_id[NDOC];
	json_t *objs[MAX_LINES];
	size_t nobjs = 0;
	sw_corpus *c = NULL;
	sw_buf fixed = SW_BUF_INIT;
	const sw_doc *d;
	const char *f, *path, *p, *end, *nl;
	sw_error err;
	size_t i, fsize, len, ndocs = 0;
	long lno;
	int rc, strict, k, uncertain;

	if (size < 1)
		return 0;
	strict = data[0] & 1;
	f = (const char *)data + 1;
	fsize = size - 1;
	memset(&s, 0, sizeof s);
	for (i = 0; i < fsize; i++)
		s.nlines += f[i] == '\n';
	if (fsize && f[fsize - 1] != '\n')
		s.nlines++;
	if (s.nlines > MAX_LINES)
		return 0;
	fixture_dir();
	path = fuzz_file((const uint8_t *)f, fsize);
	s.path = path;

	/* The expectation, line by line, as jansson reads them; a UTF-16
	 * file is transcoded by the reader and not modelled here. */
	uncertain = fsize >= 2 && (((unsigned char)f[0] == 0xFF && (unsigned char)f[1] == 0xFE) ||
				   ((unsigned char)f[0] == 0xFE && (unsigned char)f[1] == 0xFF));
	memset(by_path, 0, sizeof by_path);
	memset(by_id, 0, sizeof by_id);
	p = f;
	end = f + fsize;
	for (lno = 1; p < end; lno++) {
		json_t *obj, *idv, *pv;
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl ? nl : end) - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (p == f && len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
			p += 3;
			len -= 3;
		}
		/* As the reader does: a line that is not valid UTF-8 is
		 * decoded like a file and parsed again. */
		if (fuzz_valid_utf8((const unsigned char *)p, len)) {
			obj = json_loadb(p, len, JSON_REJECT_DUPLICATES, NULL);
		} else {
			sw_buf_clear(&fixed);
			obj = sw_decode(&fixed, NULL, NULL, NULL, p, len, NULL) == SW_OK
				      ? json_loadb(fixed.ptr, fixed.len, JSON_REJECT_DUPLICATES, NULL)
				      : NULL;
		}
		if (!obj && repairable(p, len))
			uncertain = 1;
		if (obj && json_is_object(obj)) {
			idv = json_object_get(obj, "id");
			pv = json_object_get(obj, "path");
			if (idv && json_is_null(idv))
				idv = NULL;
			for (k = 0; k < NDOC; k++) {
				if (json_is_string(pv) && !strcmp(json_string_value(pv), rels[k]))
					record_of(&by_path[k], obj);
				if (json_is_string(idv) && !strcmp(json_string_value(idv), ids[k]))
					record_of(&by_id[k], obj);
			}
		}
		/* Keep the objects alive: the expectations point into them. */
		if (obj)
			objs[nobjs++] = obj;
		p = nl ? nl + 1 : end;
	}

	o.strict = strict;
	o.warn = on_warn;
	o.warn_payload = &s;
	FUZZ_CHECK(sw_corpus_new(&c, &o, NULL) == SW_OK);
	memset(&err, 0, sizeof err);
	rc = sw_corpus_add_meta(c, path, &err);
	if (strict && rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EFORMAT || rc == SW_EENCODING);
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(err.line >= 1 && err.line <= s.nlines);
		goto out;
	}
	FUZZ_CHECK(rc == SW_OK);
	FUZZ_CHECK(sw_corpus_add_path(c, fixture_dir(), NULL) == SW_OK);
	while ((rc = sw_corpus_next(&d, c, &err)) == 1) {
		struct expect *e;
		FUZZ_CHECK(ndocs < NDOC);
		FUZZ_CHECK(!strcmp(d->id, ids[ndocs]));
		FUZZ_CHECK(!d->date || sw_date_valid(d->date, strlen(d->date)));
		for (i = 0; i < d->n_extra; i++)
			FUZZ_CHECK(d->extra[i].key && d->extra[i].value);
		e = by_path[ndocs].have ? &by_path[ndocs] : by_id[ndocs].have ? &by_id[ndocs] : NULL;
		if (uncertain) {
			/* a repaired record may apply: not modelled */
		} else if (!e) {
			FUZZ_CHECK(d->date == NULL && d->group == NULL && d->title == NULL);
		} else {
			if (e->date_known)
				FUZZ_CHECK(e->date ? d->date && !strcmp(d->date, e->date) : !d->date);
			if (e->group_known)
				FUZZ_CHECK(e->group ? d->group && !strcmp(d->group, e->group) : !d->group);
		}
		ndocs++;
	}
	if (strict && rc < 0) {
		FUZZ_CHECK(err.code == rc);
	} else {
		FUZZ_CHECK(rc == 0);
		FUZZ_CHECK(ndocs == NDOC);
		FUZZ_CHECK(sw_corpus_problems(c) == s.problems);
	}
out:
	sw_corpus_free(c);
	for (i = 0; i < nobjs; i++)
		json_decref(objs[i]);
	sw_buf_free(&fixed);
	return 0;
}
