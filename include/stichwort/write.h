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
 *          sw_writer_set_table() can make it fit a terminal (long text
 *          cut with an ellipsis), colour it and print German numbers.
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

/**
 * Options of the table format, for people at a terminal.  Zero means the
 * plain table described at the top of this file.
 *
 * width: the line length to fit, in display columns (0: unlimited).  When
 *   the natural layout is wider, text columns give up columns one at a
 *   time - the secondary fields first, then the widest text column -
 *   down to max(5, length of the field name) each; numbers are never
 *   cut.  A cell longer than its column is cut at a character boundary
 *   (combining marks stay with their letter) and ends in an ellipsis
 *   (U+2026, one column).  With a width, values longer than the column
 *   that come after the first 256 records are cut too.  Lines can still
 *   be longer than width when the numbers and the minimum widths need
 *   more.
 *
 * secondary: an array of nsecondary field names that matter less (stem
 *   keys, offsets): narrowed first, and shown dim with color.
 *
 * tail: an array of ntail text field names whose end matters most, such
 *   as the left context of a concordance line: right-aligned (so that the
 *   column after it lines up with their last character), and when cut,
 *   cut at the start: an ellipsis, then the end of the value.
 *
 * color: ANSI SGR escapes: the header line bold, secondary fields dim.
 *   Only escapes for display (no cursor movement); widths are computed
 *   without them.
 *
 * decimal_point, thousands_sep: NUL-terminated UTF-8 strings for reals
 *   and integers in table cells, e.g. "," and "." for German ("1,25",
 *   "12.345").  NULL: "." and no grouping.  Integers are grouped only from
 *   five digits on (10.000; a year like 2024 stays as it is, as German
 *   typesetting rules allow for four digits); reals in the "%.3g" form
 *   for very large values only get the decimal point replaced.
 *
 * Other formats ignore these options: JSON, JSON Lines, CSV, TSV and
 * Markdown always use "." and no grouping, no escapes, no cutting.
 */
typedef struct sw_table_options {
	size_t width;              /**< columns to fit; 0 = unlimited */
	int color;                 /**< nonzero: bold header, dim secondary fields */
	const char *const *secondary; /**< names of secondary fields (borrowed) */
	size_t nsecondary;         /**< entries of secondary */
	const char *decimal_point; /**< NULL: "." */
	const char *thousands_sep; /**< NULL: no grouping */
	const char *const *tail;   /**< names of right-aligned fields cut at the start */
	size_t ntail;              /**< entries of tail */
} sw_table_options;

/** The plain table: unlimited width, no colour, C numbers. */
#define SW_TABLE_OPTIONS_INIT { 0, 0, NULL, 0, NULL, NULL, NULL, 0 }

/**
 * Set the table options of w (copied; the strings and the secondary and
 * tail arrays are borrowed and must outlive the writer).  Call it before
 * sw_writer_begin(); for formats other than table it has no effect.
 * SW_OK, SW_ENOMEM, or SW_EINVAL when w or opts is NULL or output has
 * begun (the options are then unchanged).
 */
int sw_writer_set_table(sw_writer *w, const sw_table_options *opts, sw_error *err);

/** Append s as a JSON string literal (with quotes) to out.  SW_OK or SW_ENOMEM. */
int sw_json_escape(sw_buf *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
