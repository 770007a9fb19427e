/*
 * meta.c - --meta files: metadata records by id and by path, attached to
 * the documents read from files, and the check after the last document
 * that every record by path found its file.
 */
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "docbuild.h"
#include "internal/alloc.h"
#include "internal/errors.h"

/* Attach the --meta record of a file input: by path relative to its
 * directory input (rel), by the path as read (full), or by id. */
int sw__meta_apply(sw_corpus *c, const char *rel, const char *full)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	const struct metarec *m;
	size_t i, k, v;

	if (!c->n_meta)
		return SW_OK;
	if (!sw__smap_get(&c->meta_by_path, rel, strlen(rel), &i) &&
	    !sw__smap_get(&c->meta_by_path, full, strlen(full), &i) &&
	    !sw__smap_get(&c->meta_by_id, id, strlen(id), &i))
		return SW_OK;
	m = &c->meta[i];
	c->meta[i].used = 1;
	if (m->date && sw__doc_field_set(c, F_DATE, m->date, strlen(m->date)))
		return SW_ENOMEM;
	if (m->group && sw__doc_field_set(c, F_GROUP, m->group, strlen(m->group)))
		return SW_ENOMEM;
	if (m->title && sw__doc_field_set(c, F_TITLE, m->title, strlen(m->title)))
		return SW_ENOMEM;
	for (i = 0; i < m->n_extra; i++) {
		k = sw__doc_str_add(c, m->extra[i].key, strlen(m->extra[i].key));
		v = sw__doc_str_add(c, m->extra[i].value, strlen(m->extra[i].value));
		if (k == NO_OFF || v == NO_OFF)
			return sw__corpus_oom(c);
		if (sw__doc_extra_set(c, k, v))
			return SW_ENOMEM;
	}
	return SW_OK;
}

/* Store one --meta line.  0 or negative (strict problem, OOM). */
static int meta_line(sw_corpus *c, const char *path, const json_t *o, long lineno,
		     long long off)
{
	const json_t *id = json_object_get(o, "id"), *p = json_object_get(o, "path"), *v;
	struct metarec *m;
	const char *k;
	char *idtext = NULL;
	size_t idx, old, cap_extra = 0;
	int rc = 0;

	if (id && json_is_null(id))
		id = NULL;
	if (!id && !json_is_string(p))
		return sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off, NULL,
				       "neither \"id\" nor a \"path\" string; line skipped");
	if (sw__grow((void **)&c->meta, &c->cap_meta, c->n_meta + 1, sizeof *c->meta))
		return SW_ENOMEM;
	idx = c->n_meta++;
	m = &c->meta[idx];
	memset(m, 0, sizeof *m);
	m->file = c->n_meta_files - 1;
	m->line = lineno;
	if (json_is_string(p) && !(m->path = sw__strdup(json_string_value(p))))
		return SW_ENOMEM;
	if (id && !(idtext = sw__doc_json_dup(id)))
		return SW_ENOMEM;
	json_object_foreach((json_t *)o, k, v) {
		char *val, *key;

		if (!strcmp(k, "id") || !strcmp(k, "path") ||
		    (sw__doc_core_key(k) && json_is_null(v)))
			continue;
		if (!strcmp(k, "date") &&
		    !(json_is_string(v) && sw_date_valid(json_string_value(v),
							 json_string_length(v)))) {
			val = sw__doc_json_dup(v);
			if (!val) {
				rc = SW_ENOMEM;
				break;
			}
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext,
					     "invalid date %s%s%s (expected YYYY, YYYY-MM or "
					     "YYYY-MM-DD naming a real day); record kept without "
					     "date", json_is_string(v) ? "\"" : "", val,
					     json_is_string(v) ? "\"" : "");
			sw__free(val);
			if (rc)
				break;
			continue;
		}
		val = sw__doc_json_dup(v);
		if (!val) {
			rc = SW_ENOMEM;
			break;
		}
		if (!strcmp(k, "date") || !strcmp(k, "group") || !strcmp(k, "title")) {
			char **slot = k[0] == 'd' ? &m->date : k[0] == 'g' ? &m->group : &m->title;
			*slot = val;
			continue;
		}
		key = sw__strdup(k);
		if (!key || sw__grow((void **)&m->extra, &cap_extra, m->n_extra + 1,
				     sizeof *m->extra)) {
			sw__free(key);
			sw__free(val);
			rc = SW_ENOMEM;
			break;
		}
		m->extra[m->n_extra].key = key;
		m->extra[m->n_extra++].value = val;
	}
	if (!rc && idtext) {
		rc = sw__smap_put(&c->meta_by_id, idtext, strlen(idtext), idx, 1, &old);
		if (rc == 1)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext, "second metadata record for id \"%s\"; it "
					     "replaces the one on an earlier line", idtext);
	}
	if (!rc && json_is_string(p)) {
		k = json_string_value(p);
		rc = sw__smap_put(&c->meta_by_path, k, strlen(k), idx, 1, &old);
		if (rc == 1)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext, "second metadata record for path \"%s\"; it "
					     "replaces the one on an earlier line", k);
	}
	sw__free(idtext);
	return rc;
}

int sw_corpus_add_meta(sw_corpus *c, const char *path, sw_error *err)
{
	struct sw__lreader r;
	const char *line;
	long long off;
	size_t len;
	json_t *o;
	int rc;

	if (!c || !path)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus or path");
	if (c->failed)
		goto fail;
	rc = sw__lr_open(&r, path);
	if (rc)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read metadata: %s",
				     strerror(rc));
	if (sw__corpus_push_str(&c->meta_files, &c->n_meta_files, &c->cap_meta_files, path)) {
		sw__lr_close(&r);
		return sw__error_oom(err);
	}
	for (;;) {
		rc = sw__lr_next(&r, &line, &len, &off);
		if (rc == SW_LR_EOF)
			break;
		if (rc == SW_ENOMEM) {
			sw__corpus_oom_reading(c, path, r.line + 1, r.off, r.end - r.start);
			break;
		}
		if (rc == SW_LR_ERROR) {
			sw__error_set(err, SW_EIO, path, r.line + 1, r.off,
				      "cannot read metadata: %s", strerror(r.err));
			sw__lr_close(&r);
			return SW_EIO;
		}
		c->line_start_only = r.u16 != 0;
		if (r.nbad && sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EENCODING, path, r.line,
					      r.bad_at, NULL,
					      "invalid UTF-16: %zu byte%s replaced by U+FFFD (the "
					      "first here)", r.nbad, r.nbad == 1 ? "" : "s"))
			break;
		rc = sw__jsonl_parse_line(c, path, line, len, r.line, off, 0, &o);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		rc = meta_line(c, path, o, r.line, off);
		json_decref(o);
		if (rc == SW_ENOMEM)
			sw__corpus_oom(c);
		if (rc < 0)
			break;
	}
	sw__lr_close(&r);
	if (!c->failed)
		return SW_OK;
fail:
	if (err)
		*err = c->ferr;
	return c->failed;
}

/* After the last document: a --meta record whose "path" names no file
 * (neither below a directory input nor as given) is a problem, since its
 * metadata silently went nowhere (a typo, a renamed file).  A record for
 * a file that exists but was not among the inputs is fine: one metadata
 * file often serves several selections of a corpus. */
int sw__meta_check(sw_corpus *c)
{
	struct stat st;
	size_t i, k;
	int found, rc;

	for (i = 0; i < c->n_meta; i++) {
		const struct metarec *m = &c->meta[i];
		if (m->used || !m->path)
			continue;
		found = stat(m->path, &st) == 0;
		for (k = 0; !found && m->path[0] != '/' && k < c->n_src; k++) {
			if (c->src[k].kind != SRC_DIR)
				continue;
			sw_buf_clear(&c->pathbuf);
			if (sw_buf_printf(&c->pathbuf, "%s/%s", c->src[k].path, m->path))
				return sw__corpus_oom(c);
			found = stat(c->pathbuf.ptr, &st) == 0;
		}
		if (found)
			continue;
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, c->meta_files[m->file], m->line,
				     -1, NULL,
				     "metadata for path \"%s\": no such file (in any directory "
				     "input or as given); record unused", m->path);
		if (rc)
			return rc;
	}
	return 0;
}

void sw__meta_free(sw_corpus *c)
{
	size_t i, k;

	for (i = 0; i < c->n_meta; i++) {
		sw__free(c->meta[i].date);
		sw__free(c->meta[i].group);
		sw__free(c->meta[i].title);
		for (k = 0; k < c->meta[i].n_extra; k++) {
			sw__free((char *)c->meta[i].extra[k].key);
			sw__free((char *)c->meta[i].extra[k].value);
		}
		sw__free(c->meta[i].extra);
		sw__free(c->meta[i].path);
	}
	sw__free(c->meta);
	for (i = 0; i < c->n_meta_files; i++)
		sw__free(c->meta_files[i]);
	sw__free(c->meta_files);
	sw__smap_free(&c->meta_by_id);
	sw__smap_free(&c->meta_by_path);
}
