/*
 * stichwort/corpus.h - reading a corpus: files, directories, JSON Lines,
 * standard input; encodings; metadata.
 *
 * A corpus is a list of sources added in order, then read one document at
 * a time with sw_corpus_next().  Documents come out in a deterministic
 * order: sources in the order they were added; the files of a directory
 * sorted by their relative path (byte order); JSONL lines in file order.
 *
 * Inputs:
 *   - a file: one document; its id is the path as given.
 *   - a directory: every regular file ending in ".txt" or ".md", in any
 *     case, below it (recursively, following symbolic links, visiting
 *     each directory once so that loops end; paths beyond PATH_MAX are
 *     read too); its ids are the relative paths without the extension
 *     ("sub/rede-01").  Hidden entries (".name") are skipped.
 *     A directory that holds a metadata.jsonl is a corpus manifest
 *     instead: each of its lines ({"id", "path", "date", "group",
 *     "title", ...}, path relative to the directory) is one document, and
 *     no other file of the directory is read.  A manifest reads only
 *     regular files inside its directory (after ".." and symbolic links
 *     are resolved) unless allow_outside is set.
 *   - "-": standard input, one document with id "-".
 *   - a JSON Lines file (sw_corpus_add_jsonl): one document per line,
 *     {"id", "text", optional "date", "group", "title", other fields kept
 *     as metadata}.  A line without "id" gets "<file>:<line>".  UTF-8,
 *     or UTF-16 with a BOM (transcoded while read; offsets in warnings
 *     are file offsets of the line's start).  The same holds for
 *     manifests and metadata files.
 *   - a metadata file (sw_corpus_add_meta): JSON Lines records with "id"
 *     or "path" (relative to the directory input that holds the
 *     document) that attach date, group, title and other fields to the
 *     documents of directory and file inputs.
 *
 * Encodings: UTF-8 (a BOM is stripped); UTF-16 LE/BE with a BOM; any
 * other input that is not valid UTF-8 is converted with ICU's detector,
 * where Windows-1252 stands for the ISO-8859-1 family (a notice names the
 * encoding).  A file that is mostly valid UTF-8 (more valid multi-byte
 * sequences than invalid bytes) keeps its text and each invalid byte
 * becomes U+FFFD (a problem warning names the file and the byte offset of
 * the first one and how many there were).
 *
 * Problems never abort the run unless the corpus is strict: each one is
 * delivered to the warning callback and the rest is processed.
 *   - a file with NUL bytes (binary): skipped, problem; but when the
 *     zero bytes all sit at odd (or all at even) offsets and fill a
 *     quarter of the 2-byte units, the file is UTF-16LE (BE) without a
 *     BOM, decoded with a notice.
 *   - an unreadable file or directory: skipped, problem.
 *   - an empty file: a document with no text (no warning).
 *   - a malformed JSONL line, or one whose "text" is missing or not a
 *     string: skipped, problem with file and line.
 *   - a date that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real day:
 *     the document is kept without a date, problem.
 *   - a duplicate document id: kept, problem.
 *   - a manifest line whose path does not exist: skipped, problem.
 *   - a manifest path that is absolute or leads outside the manifest's
 *     directory (allow_outside unset): skipped, problem.
 *   - a manifest or directory entry that is not a regular file (a FIFO,
 *     a device): skipped, problem, never read.
 *   - a regular file that grows while it is read: its first bytes, as
 *     many as its size when opened, are read; problem.
 *   - an entry of a directory that cannot be followed (a link to nothing,
 *     to a directory that cannot be entered): skipped, problem.
 *   - a JSONL line with an integer beyond 64 bits, a \u0000 or a lone
 *     surrogate escape: kept, the value repaired (the integer as its
 *     decimal string, the escapes as U+FFFD), problem.
 *   - invalid UTF-16 in a UTF-16 JSONL file: U+FFFD, problem.
 *   - a metadata record whose "path" names no existing file (below any
 *     directory input, or as given): a problem after the last document.
 *   - a directory input without any .txt or .md file: a notice.
 * With strict set, the first problem makes sw_corpus_next() fail with
 * the problem's code and err filled.  Running out of memory while
 * reading an input without end (/dev/zero) fails with SW_ENOMEM and err
 * naming the file.
 */
#ifndef STICHWORT_CORPUS_H
#define STICHWORT_CORPUS_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One metadata field of a document beyond id, date, group and title.
 * Non-string JSON values are kept as their JSON text ("20", "true"). */
typedef struct sw_meta_field {
	const char *key;   /**< field name, NUL-terminated */
	const char *value; /**< value, NUL-terminated UTF-8 */
} sw_meta_field;

/**
 * A document, as handed out by sw_corpus_next().  All pointers are
 * borrowed from the corpus and stay valid until the next call to
 * sw_corpus_next() or sw_corpus_free().
 */
typedef struct sw_doc {
	size_t index;               /**< 0-based position in reading order */
	const char *id;             /**< document id, never NULL */
	const char *source;         /**< file it came from ("-" for stdin) */
	long line;                  /**< line in a JSONL source, else 0 */
	const char *date;           /**< "YYYY[-MM[-DD]]" or NULL */
	const char *group;          /**< group, or NULL */
	const char *title;          /**< title, or NULL */
	const sw_meta_field *extra; /**< other metadata fields, in input order */
	size_t n_extra;             /**< number of extra fields */
	const char *encoding;       /**< "UTF-8", "UTF-16LE", "windows-1252", ... */
	const char *text;           /**< valid UTF-8, BOM removed, NUL-terminated */
	size_t len;                 /**< bytes of text */
} sw_doc;

/** How serious a warning is. */
typedef enum sw_warn_level {
	SW_WARN_NOTICE = 0,  /**< worth knowing; nothing was lost */
	SW_WARN_PROBLEM = 1  /**< input was skipped or changed: exit status 1 */
} sw_warn_level;

/** A warning about the input, delivered to the warning callback. */
typedef struct sw_warning {
	sw_warn_level level;  /**< notice or problem */
	int code;             /**< the sw_status that describes it */
	const char *path;     /**< file, never NULL ("-" for stdin) */
	long line;            /**< 1-based line, or 0 */
	long long offset;     /**< byte offset in the file, or -1 */
	const char *doc_id;   /**< document concerned, or NULL */
	const char *message;  /**< English text, no trailing newline */
} sw_warning;

/** Receives warnings; the struct and its strings live only during the call. */
typedef void (*sw_warn_cb)(const sw_warning *w, void *payload);

/** Options of a corpus.  Zero means default. */
typedef struct sw_corpus_options {
	int strict;          /**< nonzero: the first problem is a fatal error */
	sw_warn_cb warn;     /**< warning callback, or NULL to ignore them */
	void *warn_payload;  /**< passed to warn */
	int allow_outside;   /**< nonzero: manifest paths may leave the manifest's directory */
} sw_corpus_options;

#define SW_CORPUS_OPTIONS_INIT { 0, NULL, NULL, 0 }

/** A corpus reader. */
typedef struct sw_corpus sw_corpus;

/** Create an empty corpus reader.  opts may be NULL.  SW_OK or SW_ENOMEM. */
int sw_corpus_new(sw_corpus **out, const sw_corpus_options *opts, sw_error *err);

/** Free a corpus and every document it handed out.  NULL is a no-op. */
void sw_corpus_free(sw_corpus *c);

/**
 * Add a file, a directory or "-" (standard input).  Fails with SW_EIO
 * when path does not exist (err names it); contents are read lazily by
 * sw_corpus_next().
 */
int sw_corpus_add_path(sw_corpus *c, const char *path, sw_error *err);

/** Add a JSON Lines file of documents ("-": standard input).  SW_EIO if
 * it does not exist. */
int sw_corpus_add_jsonl(sw_corpus *c, const char *path, sw_error *err);

/**
 * Read a metadata file now and keep its records for the directory and
 * file inputs.  SW_EIO if unreadable; malformed lines are warnings.
 */
int sw_corpus_add_meta(sw_corpus *c, const char *path, sw_error *err);

/**
 * Add an in-memory document (copied).  text need not be valid UTF-8: it
 * is decoded like a file.  date, group, title may be NULL.
 */
int sw_corpus_add_text(sw_corpus *c, const char *id, const char *text, size_t len,
		       const char *date, const char *group, const char *title,
		       sw_error *err);

/**
 * Read the next document.  Returns 1 and sets *doc_out, 0 at the end of
 * the corpus, or a negative sw_status on a fatal error (I/O failure of
 * standard input, out of memory, or any problem when strict).
 */
int sw_corpus_next(const sw_doc **doc_out, sw_corpus *c, sw_error *err);

/** Number of problem warnings delivered so far. */
size_t sw_corpus_problems(const sw_corpus *c);

/** Look up an extra metadata field of doc by key; NULL if absent. */
const char *sw_doc_meta(const sw_doc *doc, const char *key);

/**
 * Decode raw bytes into UTF-8 (appended to out), the way files are read:
 * BOM handling, UTF-16, detection and conversion of legacy encodings,
 * U+FFFD for stray bad bytes.  *encoding_out (may be NULL) gets a static
 * name.  *bad_out (may be NULL) gets the number of bytes replaced by
 * U+FFFD, *first_bad_out (may be NULL) the offset of the first or -1.
 * Bytes with NUL are UTF-16 without a BOM when the zeros all sit in one
 * half of the 2-byte units (see the reader above), else binary.
 * SW_OK; SW_EENCODING for binary data (nothing appended; err->offset is
 * the first NUL); SW_ENOMEM.
 */
int sw_decode(sw_buf *out, const char **encoding_out, size_t *bad_out,
	      long long *first_bad_out, const char *data, size_t len, sw_error *err);

/**
 * Check a date string: "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real
 * year (1000-9999), month and day (leap years included).  1 or 0.
 */
int sw_date_valid(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
