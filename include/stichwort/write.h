/*
 * stichwort/write.h - writing result records as a table, JSON, JSON
 * Lines, CSV or TSV.
 *
 * A writer knows its fields (name and type) and streams records to a sink
 * callback in bounded memory.  The formats:
 *
 *   table  aligned columns for people: widths from the first 256 records
 *          counted in display columns (umlauts are one column, wide CJK
 *          two), numbers right-aligned, longer values later not cut.
 *   json   one object: {"stichwort": VERSION, "command", "params",
 *          "results": [records], "corpus": {...}, "warnings": [...]}.
 *   jsonl  the records alone, one JSON object per line.
 *   csv    RFC 4180: header line, CRLF line ends, fields with a comma,
 *          quote, CR or LF quoted with doubled quotes.
 *   tsv    the same with TAB as separator and LF line ends.
 *   md     a Markdown (GitHub) table: "|" in values escaped as "\|",
 *          line breaks shown as spaces, numbers right-aligned; reals with
 *          two decimals as in tables.
 *
 * Output is deterministic: the same calls give the same bytes.  Reals are
 * printed with up to 10 significant digits ("%.10g"); non-finite reals
 * become null (JSON) or empty (CSV/TSV).
 */
#ifndef STICHWORT_WRITE_H
#define STICHWORT_WRITE_H

#include <stddef.h>

#include "corpus.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats. */
typedef enum sw_format {
	SW_FORMAT_TABLE = 0,
	SW_FORMAT_JSON,
	SW_FORMAT_JSONL,
	SW_FORMAT_CSV,
	SW_FORMAT_TSV,
	SW_FORMAT_MD
} sw_format;

/** Parse "table", "json", "jsonl", "csv", "tsv", "md".  SW_OK or SW_EINVAL. */
int sw_format_parse(sw_format *out, const char *name);

/** The name of a format; never NULL. */
const char *sw_format_name(sw_format f);

/** Field types. */
typedef enum sw_field_type {
	SW_FIELD_STRING = 0,
	SW_FIELD_INT,
	SW_FIELD_REAL,
	SW_FIELD_BOOL
} sw_field_type;

/** A field (column) of the records. */
typedef struct sw_field {
	const char *name;   /**< field name, ASCII */
	sw_field_type type; /**< how values are written */
} sw_field;

/** A value.  Which member counts depends on the field's type. */
typedef struct sw_value {
	const char *s;  /**< SW_FIELD_STRING: UTF-8 bytes (NULL: null/empty) */
	size_t len;     /**< bytes of s */
	long long i;    /**< SW_FIELD_INT, SW_FIELD_BOOL (0/1) */
	double r;       /**< SW_FIELD_REAL */
} sw_value;

/** A named value for the "params" and "corpus" objects of JSON output. */
typedef struct sw_kv {
	const char *key;
	sw_field_type type;
	sw_value v;
} sw_kv;

/** Receives output bytes; returns 0, or nonzero to stop with SW_EIO. */
typedef int (*sw_sink_fn)(const char *data, size_t len, void *payload);

/** A writer. */
typedef struct sw_writer sw_writer;

/**
 * Create a writer for records of nfields fields (the array is borrowed
 * and must outlive the writer).  sink receives the bytes.  SW_OK,
 * SW_ENOMEM, SW_EINVAL.
 */
int sw_writer_new(sw_writer **out, sw_format format, const sw_field *fields, size_t nfields,
		  sw_sink_fn sink, void *payload, sw_error *err);

/** Free a writer (without flushing).  NULL is a no-op. */
void sw_writer_free(sw_writer *w);

/**
 * Start the output.  command and params only appear in JSON.  SW_OK,
 * SW_EIO (the sink failed) or SW_ENOMEM.
 */
int sw_writer_begin(sw_writer *w, const char *command, const sw_kv *params, size_t nparams,
		    sw_error *err);

/** Write one record of nfields values.  SW_OK, SW_EIO, SW_ENOMEM. */
int sw_writer_row(sw_writer *w, const sw_value *values, sw_error *err);

/**
 * Finish the output: the corpus summary and the warnings (JSON only),
 * then flush.  warnings may be NULL when nwarnings is 0.
 */
int sw_writer_end(sw_writer *w, const sw_kv *corpus, size_t ncorpus,
		  const sw_warning *warnings, size_t nwarnings, sw_error *err);

/**
 * Hand the records written so far to the sink without finishing the
 * output: after a fatal input error, the records of the documents read
 * before it still reach the user (JSON Lines, CSV, TSV and table stay
 * well-formed; JSON output is left unfinished, so callers skip this for
 * it).  SW_OK or SW_EIO.
 */
int sw_writer_flush(sw_writer *w, sw_error *err);

/** Append s as a JSON string literal (with quotes) to out.  SW_OK or SW_ENOMEM. */
int sw_json_escape(sw_buf *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
