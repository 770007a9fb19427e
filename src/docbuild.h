/*
 * docbuild.h - the corpus reader's insides, shared by corpus.c (files,
 * folders, manifests, the source list), jsonl.c (JSON Lines), meta.c
 * (--meta records) and docbuild.c (the document being built).  Not
 * installed; nothing outside these files includes it.
 *
 * Per-document strings live back to back in one buffer (c->strs) and are
 * addressed by offset while the document is built, because the buffer
 * may move as it grows; sw__doc_finish() turns the offsets into pointers.
 *
 * Problems go through sw__corpus_warn(): it counts them and calls the
 * callback, or, in strict mode, records the first one as the corpus's
 * fatal error.  A fatal error is sticky: later calls return it again.
 */
#ifndef SW_DOCBUILD_H
#define SW_DOCBUILD_H

#include <stddef.h>

#include <jansson.h>

#include "stichwort/corpus.h"
#include "internal/lreader.h"
#include "internal/smap.h"

#define NO_OFF ((size_t)-1)

enum src_kind { SRC_FILE, SRC_DIR, SRC_STDIN, SRC_JSONL, SRC_TEXT };

struct source {
	enum src_kind kind;
	char *path;           /* as given; a directory without trailing '/' */
	char *id, *text, *date, *group, *title; /* SRC_TEXT only */
	size_t len;           /* SRC_TEXT: bytes of text */
	int opened, done;
	int manifest;         /* SRC_DIR holding a metadata.jsonl */
	char *meta_path;      /* manifest: "<dir>/metadata.jsonl" */
	char *real;           /* manifest: its directory, resolved (NULL if not) */
	char **ents;          /* SRC_DIR: relative paths, sorted */
	size_t n_ents, cap_ents, i_ent;
	struct sw__lreader lr; /* SRC_JSONL and manifests */
};

/* One record of a --meta file. */
struct metarec {
	char *date, *group, *title; /* NULL when absent */
	sw_meta_field *extra;       /* owned keys and values */
	size_t n_extra;
	char *path;                 /* its "path", or NULL */
	size_t file;                /* index in meta_files */
	long line;                  /* line in that file */
	int used;                   /* attached to some document */
};

enum { F_ID, F_SOURCE, F_DATE, F_GROUP, F_TITLE, F_COUNT };

struct sw_corpus {
	sw_corpus_options opts;
	struct source *src;
	size_t n_src, cap_src, si; /* si: source being read */
	struct metarec *meta;
	size_t n_meta, cap_meta;
	struct sw__smap meta_by_id, meta_by_path;
	char **meta_files;         /* the --meta files, for warnings */
	size_t n_meta_files, cap_meta_files;
	int meta_checked;          /* unused records looked at */
	struct sw__smap ids;       /* id -> index of the first document */
	size_t problems;
	size_t n_docs;             /* documents handed out */
	int failed;                /* sticky fatal status, 0 if none */
	sw_error ferr;             /* details of failed */

	/* The current document. */
	sw_doc doc;
	sw_buf raw;                /* file bytes before decoding */
	sw_buf text;               /* decoded text */
	sw_buf key;                /* decoded JSON keys (JSONL fast paths) */
	sw_buf fix;                /* a line with refused values repaired */
	struct flat_member *flat;  /* a flat line's members (jsonl_flat()) */
	size_t cap_flat;
	sw_buf strs;               /* NUL-terminated strings, by offset */
	sw_buf pathbuf;            /* scratch for joined paths */
	size_t off[F_COUNT];       /* offsets in strs, NO_OFF if absent */
	size_t *ex;                /* extra fields: key, value offset pairs */
	size_t n_ex, cap_ex;       /* pairs used, pairs allocated */
	sw_meta_field *extra;      /* pointers for doc.extra */
	size_t cap_extra;
	json_t *json;              /* parsed line the text points into */
	int fast_text;             /* the JSONL text is in c->text instead */
	long line;                 /* doc line (JSONL) */
	long long line_off;        /* file offset of that line, or -1 */
	int line_start_only;       /* a UTF-16 source: offsets name line starts */
	const char *encoding;
};

/* ------------------------------------------------------------ docbuild.c */

/* Report a warning.  Returns 0, or in strict mode for a problem the
 * problem's code after recording it as the corpus's fatal error; the
 * callback is then not called, because the caller reports the error. */
int sw__corpus_warn(sw_corpus *c, sw_warn_level level, int code, const char *path, long line,
		    long long off, const char *doc_id, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;

/* Out of memory: the corpus's fatal error.  Returns SW_ENOMEM. */
int sw__corpus_oom(sw_corpus *c);

/* Out of memory while reading path: fatal, and the error names the input
 * (a device such as /dev/zero, or a line that never ends, has no end). */
int sw__corpus_oom_reading(sw_corpus *c, const char *path, long line, long long off, size_t got);

/* Append s[0..len) plus a NUL to the document strings; its offset, or
 * NO_OFF when out of memory.  s may point into strs itself. */
size_t sw__doc_str_add(sw_corpus *c, const char *s, size_t len);

/* The string at off in the document strings; NULL for NO_OFF. */
const char *sw__doc_str_at(const sw_corpus *c, size_t off);

/* A JSON value as metadata text (strings as they are, anything else as
 * compact JSON) added to the document strings: its offset, or NO_OFF. */
size_t sw__doc_str_add_json(sw_corpus *c, const json_t *v);

/* A JSON value as an owned string (for --meta records). */
char *sw__doc_json_dup(const json_t *v);

/* "an object", "a string", "null" ...: the type of v, for messages. */
const char *sw__doc_json_type(const json_t *v);

/* "id", "date", "group" or "title": a key the document has a field for. */
int sw__doc_core_key(const char *k);

/* Forget the current document; buffers keep their allocation. */
void sw__doc_reset(sw_corpus *c);

/* Set field f (F_ID ...) to s[0..len).  SW_OK or SW_ENOMEM. */
int sw__doc_field_set(sw_corpus *c, int f, const char *s, size_t len);

/* Set an extra field; an existing key gets the new value (a --meta record
 * overrides what the document had). */
int sw__doc_extra_set(sw_corpus *c, size_t key_off, size_t val_off);

/* Give the finished document out: check the id is new, turn offsets into
 * pointers.  Returns 1, or a negative status (strict duplicate, OOM). */
int sw__doc_finish(sw_corpus *c, const char *text, size_t len);

/* ------------------------------------------------------------ corpus.c */

/* Append a copy of s to the array *arr (*n used, *cap allocated).
 * SW_OK or SW_ENOMEM. */
int sw__corpus_push_str(char ***arr, size_t *n, size_t *cap, const char *s);

/* ------------------------------------------------------------ jsonl.c */

/* Parse one line into an object.  1 with *out; 0 for a blank line or a
 * reported problem (line skipped); negative when fatal.  A line that is
 * not valid UTF-8 is repaired like a file (U+FFFD or legacy decoding) and
 * parsed again, since losing a whole speech to one stray byte helps no
 * one. */
int sw__jsonl_parse_line(sw_corpus *c, const char *path, const char *line, size_t len, long lineno,
			 long long off, int fast, json_t **out);

/* The id of a JSONL or manifest line, or def when it has none. */
int sw__jsonl_set_id(sw_corpus *c, const json_t *o, const char *def, size_t def_len);

/* Date, group, title and extra fields of a line (skip: the key holding
 * the text or path).  SW_OK or negative. */
int sw__jsonl_set_fields(sw_corpus *c, const json_t *o, const char *skip, const char *path,
			 long lineno, long long off);

/* One line of a JSONL source.  1, 0 (skipped), negative. */
int sw__jsonl_line(sw_corpus *c, struct source *s, const char *line, size_t len, long lineno,
		   long long off);

/* ------------------------------------------------------------ meta.c */

/* Attach the --meta record of a file input: by path relative to its
 * directory input (rel), by the path as read (full), or by id. */
int sw__meta_apply(sw_corpus *c, const char *rel, const char *full);

/* After the last document: a --meta record whose "path" names no file
 * (neither below a directory input nor as given) is a problem, since its
 * metadata silently went nowhere (a typo, a renamed file).  A record for
 * a file that exists but was not among the inputs is fine: one metadata
 * file often serves several selections of a corpus. */
int sw__meta_check(sw_corpus *c);

/* Free the --meta records and their indexes. */
void sw__meta_free(sw_corpus *c);

#endif
