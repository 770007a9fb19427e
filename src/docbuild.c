/*
 * docbuild.c - building the current document of a corpus: its strings,
 * fields and extra fields, its id checked against those seen, and the
 * warnings of the reader (see docbuild.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "docbuild.h"
#include "internal/alloc.h"
#include "internal/errors.h"

/* Flags for the compact JSON text of non-string metadata values. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY)

int sw__corpus_warn(sw_corpus *c, sw_warn_level level, int code, const char *path, long line,
		    long long off, const char *doc_id, const char *fmt, ...)
{
	char msg[1024];
	sw_warning w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (level == SW_WARN_PROBLEM) {
		c->problems++;
		if (c->opts.strict) {
			c->failed = code;
			sw__error_set(&c->ferr, code, path, line, off, "%s", msg);
			return code;
		}
	}
	if (!c->opts.warn)
		return 0;
	w.level = level;
	w.code = code;
	w.path = path ? path : "";
	w.line = line;
	w.offset = off;
	w.doc_id = doc_id;
	w.message = msg;
	c->opts.warn(&w, c->opts.warn_payload);
	return 0;
}

int sw__corpus_oom(sw_corpus *c)
{
	c->failed = SW_ENOMEM;
	return sw__error_oom(&c->ferr);
}

int sw__corpus_oom_reading(sw_corpus *c, const char *path, long line, long long off, size_t got)
{
	c->failed = SW_ENOMEM;
	return sw__error_set(&c->ferr, SW_ENOMEM, path, line, off,
			     "out of memory after reading %zu bytes%s without an end "
			     "(a device such as /dev/zero, or a file still being written?)",
			     got, line ? " of this line" : "");
}

/* Append s[0..len) plus a NUL to the document strings; its offset, or
 * NO_OFF when out of memory.  s may point into strs itself. */
size_t sw__doc_str_add(sw_corpus *c, const char *s, size_t len)
{
	size_t at = c->strs.len, inside = NO_OFF;

	if (c->strs.ptr && s >= c->strs.ptr && s < c->strs.ptr + c->strs.cap)
		inside = (size_t)(s - c->strs.ptr);
	if (sw_buf_reserve(&c->strs, len + 1) != SW_OK)
		return NO_OFF;
	if (inside != NO_OFF)
		s = c->strs.ptr + inside;
	memcpy(c->strs.ptr + at, s, len);
	c->strs.ptr[at + len] = '\0';
	c->strs.len = at + len + 1;
	return at;
}

const char *sw__doc_str_at(const sw_corpus *c, size_t off)
{
	return off == NO_OFF ? NULL : c->strs.ptr + off;
}

/* A JSON value as metadata text: strings as they are, anything else as
 * compact JSON ("20", "false", "[]"), appended to b with a NUL. */
static int json_put(sw_buf *b, const json_t *v)
{
	size_t need;

	if (json_is_string(v))
		return sw_buf_put(b, json_string_value(v), json_string_length(v)) == SW_OK &&
		       sw_buf_putc(b, '\0') == SW_OK ? SW_OK : SW_ENOMEM;
	need = json_dumpb(v, NULL, 0, DUMP_FLAGS);
	if (sw_buf_reserve(b, need + 1) != SW_OK)
		return SW_ENOMEM;
	json_dumpb(v, b->ptr + b->len, need, DUMP_FLAGS);
	b->len += need;
	b->ptr[b->len++] = '\0';
	b->ptr[b->len] = '\0';
	return SW_OK;
}

size_t sw__doc_str_add_json(sw_corpus *c, const json_t *v)
{
	size_t at = c->strs.len;

	return json_put(&c->strs, v) == SW_OK ? at : NO_OFF;
}

/* A JSON value as an owned string (for --meta records). */
char *sw__doc_json_dup(const json_t *v)
{
	sw_buf b = SW_BUF_INIT;

	if (json_put(&b, v) != SW_OK) {
		sw_buf_free(&b);
		return NULL;
	}
	return b.ptr;
}

const char *sw__doc_json_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}
int sw__doc_core_key(const char *k)
{
	return !strcmp(k, "id") || !strcmp(k, "date") || !strcmp(k, "group") ||
	       !strcmp(k, "title");
}

/* Forget the current document; buffers keep their allocation. */
void sw__doc_reset(sw_corpus *c)
{
	int f;

	if (c->json) {
		json_decref(c->json);
		c->json = NULL;
	}
	sw_buf_clear(&c->strs);
	sw_buf_clear(&c->text);
	sw_buf_clear(&c->raw);
	for (f = 0; f < F_COUNT; f++)
		c->off[f] = NO_OFF;
	c->n_ex = 0;
	c->line = 0;
	c->line_off = -1;
	c->encoding = "UTF-8";
}

int sw__doc_field_set(sw_corpus *c, int f, const char *s, size_t len)
{
	c->off[f] = sw__doc_str_add(c, s, len);
	return c->off[f] == NO_OFF ? sw__corpus_oom(c) : SW_OK;
}

/* Set an extra field; an existing key gets the new value (a --meta record
 * overrides what the document had). */
int sw__doc_extra_set(sw_corpus *c, size_t key_off, size_t val_off)
{
	size_t i;

	for (i = 0; i < c->n_ex; i++)
		if (!strcmp(c->strs.ptr + c->ex[2 * i], c->strs.ptr + key_off)) {
			c->ex[2 * i + 1] = val_off;
			return SW_OK;
		}
	if (sw__grow((void **)&c->ex, &c->cap_ex, 2 * (c->n_ex + 1), sizeof *c->ex))
		return sw__corpus_oom(c);
	c->ex[2 * c->n_ex] = key_off;
	c->ex[2 * c->n_ex + 1] = val_off;
	c->n_ex++;
	return SW_OK;
}

/* Give the finished document out: check the id is new, turn offsets into
 * pointers.  Returns 1, or a negative status (strict duplicate, OOM). */
int sw__doc_finish(sw_corpus *c, const char *text, size_t len)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	sw_doc *d = &c->doc;
	size_t old, i;
	int rc;

	rc = sw__smap_put(&c->ids, id, strlen(id), c->n_docs, 0, &old);
	if (rc < 0)
		return sw__corpus_oom(c);
	if (rc == 1) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT,
				     sw__doc_str_at(c, c->off[F_SOURCE]), c->line, c->line_off, id,
				     "duplicate document id \"%s\" (first used by document %zu); "
				     "kept", id, old + 1);
		if (rc)
			return rc;
	}
	if (c->n_ex > c->cap_extra &&
	    sw__grow((void **)&c->extra, &c->cap_extra, c->n_ex, sizeof *c->extra))
		return sw__corpus_oom(c);
	for (i = 0; i < c->n_ex; i++) {
		c->extra[i].key = c->strs.ptr + c->ex[2 * i];
		c->extra[i].value = c->strs.ptr + c->ex[2 * i + 1];
	}
	d->index = c->n_docs++;
	d->id = id;
	d->source = sw__doc_str_at(c, c->off[F_SOURCE]);
	d->line = c->line;
	d->date = sw__doc_str_at(c, c->off[F_DATE]);
	d->group = sw__doc_str_at(c, c->off[F_GROUP]);
	d->title = sw__doc_str_at(c, c->off[F_TITLE]);
	d->extra = c->n_ex ? c->extra : NULL;
	d->n_extra = c->n_ex;
	d->encoding = c->encoding;
	d->text = text ? text : "";
	d->len = text ? len : 0;
	return 1;
}
