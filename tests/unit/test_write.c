/*
 * tests/unit/test_write.c - the record writer (include/stichwort/write.h):
 * exact bytes of every format for small German records, CSV quoting,
 * table alignment, the JSON envelope (parsed back with jansson), sink
 * failures, format names; the table options (width with ellipsis,
 * colour, German numbers).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"
#include "stichwort/buf.h"
#include "stichwort/write.h"

static int buf_sink(const char *data, size_t len, void *payload)
{
	return sw_buf_put(payload, data, len) == SW_OK ? 0 : -1;
}

static int failing_sink(const char *data, size_t len, void *payload)
{
	(void)data;
	(void)len;
	(*(int *)payload)++;
	return -1;
}

/* The fixture: four fields, four records. */
static const sw_field fields[] = {
	{ "wort", SW_FIELD_STRING },
	{ "n", SW_FIELD_INT },
	{ "anteil", SW_FIELD_REAL },
	{ "stop", SW_FIELD_BOOL },
};
#define NF 4

#define STR(s) { (s), sizeof(s) - 1, 0, 0 }
#define INT(v) { NULL, 0, (v), 0 }
#define REAL(v) { NULL, 0, 0, (v) }

/* Write the fixture records in format fmt; returns the bytes (free them). */
static char *write_fixture(sw_format fmt, size_t *len_out)
{
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;
	sw_error err;
	const sw_kv params[] = {
		{ "stemmer", SW_FIELD_STRING, STR("cistem") },
		{ "min", SW_FIELD_REAL, REAL(0.5) },
		{ "punct", SW_FIELD_BOOL, INT(0) },
	};
	const sw_value rows[4][NF] = {
		{ STR("Stra\xC3\x9F" "e"), INT(42), REAL(0.125), INT(1) },
		{ STR("a,\"b\"\tc\nd\x01\\"), INT(-7), REAL(1.0 / 3.0), INT(0) },
		{ { NULL, 0, 0, 0 }, INT(1234567), REAL(NAN), INT(1) },
		{ STR("\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F"), INT(0), REAL(1e21), INT(0) },
	};
	const sw_kv corpus[] = {
		{ "documents", SW_FIELD_INT, INT(2) },
		{ "name", SW_FIELD_STRING, STR("Bundestag \"20\"") },
	};
	const sw_warning warn = { SW_WARN_PROBLEM, SW_EFORMAT, "reden.jsonl", 2, 106, NULL,
				  "malformed JSON; line skipped" };
	int i;

	memset(&err, 0, sizeof err);
	assert_int_equal(sw_writer_new(&w, fmt, fields, NF, buf_sink, &out, &err), SW_OK);
	assert_int_equal(sw_writer_begin(w, "terms", params, 3, &err), SW_OK);
	for (i = 0; i < 4; i++)
		assert_int_equal(sw_writer_row(w, rows[i], &err), SW_OK);
	assert_int_equal(sw_writer_end(w, corpus, 2, &warn, 1, &err), SW_OK);
	sw_writer_free(w);
	*len_out = out.len;
	if (!out.ptr)
		return calloc(1, 1);
	return out.ptr;
}

static void check_format(sw_format fmt, const char *expect)
{
	size_t len;
	char *got = write_fixture(fmt, &len);

	if (len != strlen(expect) || memcmp(got, expect, len) != 0)
		fail_msg("%s output differs:\n--- expected\n%s\n--- got\n%.*s", sw_format_name(fmt),
			 expect, (int)len, got);
	free(got);
}

static void test_write_jsonl(void **state)
{
	(void)state;
	check_format(SW_FORMAT_JSONL,
		     "{\"wort\": \"Stra\xC3\x9F" "e\", \"n\": 42, \"anteil\": 0.125, \"stop\": true}\n"
		     "{\"wort\": \"a,\\\"b\\\"\\tc\\nd\\u0001\\\\\", \"n\": -7, \"anteil\": 0.3333333333, \"stop\": false}\n"
		     "{\"wort\": null, \"n\": 1234567, \"anteil\": null, \"stop\": true}\n"
		     "{\"wort\": \"\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F\", \"n\": 0, \"anteil\": 1e+21, \"stop\": false}\n");
}

static void test_write_json_bytes(void **state)
{
	(void)state;
	check_format(SW_FORMAT_JSON,
		     "{\"stichwort\": \"0.1.0\", \"command\": \"terms\", \"params\": {\"stemmer\": \"cistem\", "
		     "\"min\": 0.5, \"punct\": false}, \"results\": [\n"
		     "  {\"wort\": \"Stra\xC3\x9F" "e\", \"n\": 42, \"anteil\": 0.125, \"stop\": true},\n"
		     "  {\"wort\": \"a,\\\"b\\\"\\tc\\nd\\u0001\\\\\", \"n\": -7, \"anteil\": 0.3333333333, \"stop\": false},\n"
		     "  {\"wort\": null, \"n\": 1234567, \"anteil\": null, \"stop\": true},\n"
		     "  {\"wort\": \"\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F\", \"n\": 0, \"anteil\": 1e+21, \"stop\": false}\n"
		     "], \"corpus\": {\"documents\": 2, \"name\": \"Bundestag \\\"20\\\"\"}, \"warnings\": [\n"
		     "  {\"level\": \"problem\", \"path\": \"reden.jsonl\", \"line\": 2, \"offset\": 106, "
		     "\"doc\": null, \"message\": \"malformed JSON; line skipped\"}\n"
		     "]}\n");
}

/* RFC 4180: CRLF after every record; a field with a comma, quote, CR or
 * LF is quoted with inner quotes doubled (its own LF stays as it is). */
static void test_write_csv(void **state)
{
	(void)state;
	check_format(SW_FORMAT_CSV,
		     "wort,n,anteil,stop\r\n"
		     "Stra\xC3\x9F" "e,42,0.125,true\r\n"
		     "\"a,\"\"b\"\"\tc\nd\x01\\\",-7,0.3333333333,false\r\n"
		     ",1234567,,true\r\n"
		     "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F,0,1e+21,false\r\n");
}

static void test_write_tsv(void **state)
{
	(void)state;
	check_format(SW_FORMAT_TSV,
		     "wort\tn\tanteil\tstop\n"
		     "Stra\xC3\x9F" "e\t42\t0.125\ttrue\n"
		     "\"a,\"\"b\"\"\tc\nd\x01\\\"\t-7\t0.3333333333\tfalse\n"
		     "\t1234567\t\ttrue\n"
		     "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F\t0\t1e+21\tfalse\n");
}

/* Columns two spaces apart, widths in display columns ("Straße" is 6
 * columns, 7 bytes), numbers right-aligned, reals to two decimals (0.125
 * is exactly representable, so round-half-even gives 0.12), control
 * characters shown as spaces, no trailing blanks. */
static void test_write_table(void **state)
{
	(void)state;
	check_format(SW_FORMAT_TABLE,
		     "wort               n  anteil  stop\n"
		     "Stra\xC3\x9F" "e            42    0.12  true\n"
		     "a,\"b\" c d \\       -7    0.33  false\n"
		     "             1234567          true\n"
		     "\xC3\xA4\xC3\xB6\xC3\xBC\xC3\x9F               0   1e+21  false\n");
}

static char *write_strings(sw_format fmt, const char *const *vals, size_t n, size_t *len_out)
{
	static const sw_field f1[] = { { "begriff", SW_FIELD_STRING }, { "zahl", SW_FIELD_INT } };
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;
	size_t i;

	assert_int_equal(sw_writer_new(&w, fmt, f1, 2, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "x", NULL, 0, NULL), SW_OK);
	for (i = 0; i < n; i++) {
		sw_value v[2] = { { vals[i], strlen(vals[i]), 0, 0 }, { NULL, 0, (long long)i, 0 } };
		assert_int_equal(sw_writer_row(w, v, NULL), SW_OK);
	}
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	sw_writer_free(w);
	*len_out = out.len;
	return out.ptr;
}

/* Umlauts, NFD sequences and typographic quotes each count as one column. */
static void test_write_table_display_width(void **state)
{
	static const char *const vals[] = {
		"B\xC3\xBCrger*innen",              /* 12 columns, 13 bytes */
		"Mu\xCC\x88ller",                   /* NFD: 6 columns */
		"\xE2\x80\x9EOpen Source\xE2\x80\x9C", /* 13 columns */
		"KI",
	};
	const char *expect =
		"begriff        zahl\n"
		"B\xC3\xBCrger*innen      0\n"
		"Mu\xCC\x88ller            1\n"
		"\xE2\x80\x9EOpen Source\xE2\x80\x9C     2\n"
		"KI                3\n";
	size_t len;
	char *got = write_strings(SW_FORMAT_TABLE, vals, 4, &len);

	(void)state;
	if (len != strlen(expect) || memcmp(got, expect, len) != 0)
		fail_msg("table differs:\n--- expected\n%s--- got\n%.*s", expect, (int)len, got);
	free(got);
}

/* Widths come from the first 256 records; a longer value later is
 * printed whole, not cut. */
static void test_write_table_long_value_after_256(void **state)
{
	const char *vals[300];
	size_t len, i;
	char *got, *line;
	const char *longv = "Open-Source-Strategie-der-Bundesregierung";

	(void)state;
	for (i = 0; i < 300; i++)
		vals[i] = i == 280 ? longv : "Bund";
	got = write_strings(SW_FORMAT_TABLE, vals, 300, &len);
	assert_non_null(got);
	line = strstr(got, longv);
	assert_non_null(line);
	assert_memory_equal(line + strlen(longv), "   280\n", 7);
	/* The rows before it keep the narrow layout. */
	assert_non_null(strstr(got, "\nBund        0\n"));
	free(got);
}

/* Without a width, a huge value among the sampled records does not pad
 * every line to its width: columns are padded to at most 256 display
 * columns, the huge cell sticks out of its line (found by the shape
 * fuzzer: `tokens --format table -o FILE` on a 5 MB word wrote 48 GB). */
static void test_write_table_huge_value_pads_at_most_256(void **state)
{
	enum { HUGE = 100000, ROWS = 2000 };
	const char **vals = calloc(ROWS, sizeof *vals);
	char *huge = malloc(HUGE + 1), *got, *line;
	size_t len, i;
	char expect[300];

	(void)state;
	assert_non_null(vals);
	assert_non_null(huge);
	memset(huge, 'x', HUGE);
	huge[HUGE] = 0;
	for (i = 0; i < ROWS; i++)
		vals[i] = i == 1 ? huge : "Bund";
	got = write_strings(SW_FORMAT_TABLE, vals, ROWS, &len);
	assert_non_null(got);
	/* about 262 bytes a line, not 100,000 */
	assert_true(len < (size_t)HUGE + ROWS * 300);
	/* the huge value whole, then its number after the two spaces */
	line = strstr(got, huge);
	assert_non_null(line);
	assert_memory_equal(line + HUGE, "     1\n", 7);
	/* "Bund" padded to 256 columns, then "  " and the right-aligned number */
	memset(expect, ' ', sizeof expect);
	memcpy(expect, "\nBund", 5);
	memcpy(expect + 1 + 256, "  1999\n", 7);
	expect[1 + 256 + 7] = 0;
	assert_non_null(strstr(got, expect));
	free(got);
	free(huge);
	free(vals);
}

static void test_write_csv_header_quoting_and_crlf_in_value(void **state)
{
	static const char *const vals[] = { "kein Komma", "1.000,50", "Zeile\r\nzwei", "\"", "" };
	const char *expect = "begriff,zahl\r\n"
			     "kein Komma,0\r\n"
			     "\"1.000,50\",1\r\n"
			     "\"Zeile\r\nzwei\",2\r\n"
			     "\"\"\"\",3\r\n"
			     ",4\r\n";
	size_t len;
	char *got = write_strings(SW_FORMAT_CSV, vals, 5, &len);

	(void)state;
	if (len != strlen(expect) || memcmp(got, expect, len) != 0)
		fail_msg("csv differs:\n--- expected\n%s--- got\n%.*s", expect, (int)len, got);
	free(got);
}

/* The JSON document parses and has exactly the envelope keys. */
static void test_write_json_parses_with_jansson(void **state)
{
	size_t len;
	char *got = write_fixture(SW_FORMAT_JSON, &len);
	json_error_t jerr;
	json_t *root, *results, *warnings, *r0;
	static const char *const keys[] = { "stichwort", "command", "params", "results",
					    "corpus", "warnings" };
	size_t i;

	(void)state;
	root = json_loadb(got, len, 0, &jerr);
	if (!root)
		fail_msg("json_loadb: %s at line %d col %d", jerr.text, jerr.line, jerr.column);
	assert_true(json_is_object(root));
	for (i = 0; i < 6; i++)
		if (!json_object_get(root, keys[i]))
			fail_msg("key \"%s\" missing", keys[i]);
	assert_int_equal(json_object_size(root), 6);
	assert_string_equal(json_string_value(json_object_get(root, "command")), "terms");
	assert_string_equal(json_string_value(json_object_get(json_object_get(root, "params"), "stemmer")),
			    "cistem");
	assert_true(json_is_false(json_object_get(json_object_get(root, "params"), "punct")));
	results = json_object_get(root, "results");
	assert_true(json_is_array(results));
	assert_int_equal(json_array_size(results), 4);
	r0 = json_array_get(results, 0);
	assert_string_equal(json_string_value(json_object_get(r0, "wort")), "Stra\xC3\x9F" "e");
	assert_int_equal(json_integer_value(json_object_get(r0, "n")), 42);
	assert_true(json_is_true(json_object_get(r0, "stop")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(results, 1), "wort")),
			    "a,\"b\"\tc\nd\x01\\");
	assert_true(json_is_null(json_object_get(json_array_get(results, 2), "wort")));
	assert_true(json_is_null(json_object_get(json_array_get(results, 2), "anteil")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(root, "corpus"), "documents")), 2);
	warnings = json_object_get(root, "warnings");
	assert_int_equal(json_array_size(warnings), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(warnings, 0), "path")),
			    "reden.jsonl");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(warnings, 0), "line")), 2);
	json_decref(root);
	free(got);
}

/* Every JSON Lines record parses on its own. */
static void test_write_jsonl_lines_parse(void **state)
{
	size_t len;
	char *got = write_fixture(SW_FORMAT_JSONL, &len);
	char *p = got, *nl;
	int lines = 0;

	(void)state;
	while ((nl = strchr(p, '\n')) != NULL) {
		json_error_t jerr;
		json_t *o = json_loadb(p, (size_t)(nl - p), 0, &jerr);
		if (!o)
			fail_msg("line %d: %s", lines + 1, jerr.text);
		assert_int_equal(json_object_size(o), 4);
		json_decref(o);
		lines++;
		p = nl + 1;
	}
	assert_int_equal(lines, 4);
	assert_int_equal(*p, '\0');
	free(got);
}

/* An empty result still gives a complete JSON document and a CSV header. */
static void test_write_empty_results(void **state)
{
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;

	(void)state;
	assert_int_equal(sw_writer_new(&w, SW_FORMAT_JSON, fields, NF, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "tokens", NULL, 0, NULL), SW_OK);
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	assert_string_equal(out.ptr, "{\"stichwort\": \"0.1.0\", \"command\": \"tokens\", \"params\": {}, "
				     "\"results\": [], \"corpus\": {}, \"warnings\": []}\n");
	sw_writer_free(w);
	sw_buf_clear(&out);
	assert_int_equal(sw_writer_new(&w, SW_FORMAT_CSV, fields, NF, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "tokens", NULL, 0, NULL), SW_OK);
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	assert_string_equal(out.ptr, "wort,n,anteil,stop\r\n");
	sw_writer_free(w);
	sw_buf_free(&out);
}

/* A sink that refuses bytes: SW_EIO, reported by the time end returns. */
static void test_write_sink_failure_is_eio(void **state)
{
	sw_format fmt;

	(void)state;
	for (fmt = SW_FORMAT_TABLE; fmt <= SW_FORMAT_TSV; fmt++) {
		sw_writer *w = NULL;
		sw_error err;
		int calls = 0, rc, i;
		sw_value row[NF] = { STR("Bund"), INT(1), REAL(0.5), INT(0) };

		memset(&err, 0, sizeof err);
		assert_int_equal(sw_writer_new(&w, fmt, fields, NF, failing_sink, &calls, &err), SW_OK);
		rc = sw_writer_begin(w, "tokens", NULL, 0, &err);
		for (i = 0; rc == SW_OK && i < 1000; i++)
			rc = sw_writer_row(w, row, &err);
		if (rc == SW_OK)
			rc = sw_writer_end(w, NULL, 0, NULL, 0, &err);
		if (rc != SW_EIO)
			fail_msg("%s: status %d, expected SW_EIO", sw_format_name(fmt), rc);
		assert_int_equal(err.code, SW_EIO);
		assert_true(calls >= 1);
		sw_writer_free(w);
	}
}

static void test_write_format_parse_and_name(void **state)
{
	static const char *const names[] = { "table", "json", "jsonl", "csv", "tsv" };
	sw_format f;
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		f = (sw_format)99;
		assert_int_equal(sw_format_parse(&f, names[i]), SW_OK);
		assert_int_equal(f, (sw_format)i);
		assert_string_equal(sw_format_name(f), names[i]);
	}
	f = SW_FORMAT_CSV;
	assert_int_equal(sw_format_parse(&f, "xml"), SW_EINVAL);
	assert_int_equal(sw_format_parse(&f, ""), SW_EINVAL);
	assert_int_equal(sw_format_parse(&f, "json "), SW_EINVAL);
	assert_non_null(sw_format_name((sw_format)42));
}

static void test_write_json_escape(void **state)
{
	sw_buf b = SW_BUF_INIT;

	(void)state;
	assert_int_equal(sw_json_escape(&b, "\xC3\xA4\"\\\n\r\t\x01\x1f/", 10), SW_OK);
	assert_string_equal(b.ptr, "\"\xC3\xA4\\\"\\\\\\n\\r\\t\\u0001\\u001f/\"");
	sw_buf_clear(&b);
	assert_int_equal(sw_json_escape(&b, "", 0), SW_OK);
	assert_string_equal(b.ptr, "\"\"");
	sw_buf_clear(&b);
	assert_int_equal(sw_json_escape(&b, "a\0b", 3), SW_OK);
	assert_string_equal(b.ptr, "\"a\\u0000b\"");
	sw_buf_free(&b);
}

static void test_write_free_null(void **state)
{
	(void)state;
	sw_writer_free(NULL);
}

/* ---- table options: width, ellipsis, colour, German numbers ---- */

/* Write records of (begriff, zahl = index) as a table with options o. */
static char *write_table_opts(const sw_table_options *o, const char *const *vals, size_t n)
{
	static const sw_field f1[] = { { "begriff", SW_FIELD_STRING }, { "zahl", SW_FIELD_INT } };
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;
	size_t i;

	assert_int_equal(sw_writer_new(&w, SW_FORMAT_TABLE, f1, 2, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_set_table(w, o, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "x", NULL, 0, NULL), SW_OK);
	for (i = 0; i < n; i++) {
		sw_value v[2] = { { vals[i], strlen(vals[i]), 0, 0 }, { NULL, 0, (long long)i, 0 } };
		assert_int_equal(sw_writer_row(w, v, NULL), SW_OK);
	}
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	sw_writer_free(w);
	return out.ptr;
}

static void expect_bytes(const char *what, const char *got, const char *expect)
{
	if (!got || strcmp(got, expect) != 0)
		fail_msg("%s differs:\n--- expected\n%s--- got\n%s", what, expect, got ? got : "(null)");
}

/* Width 16: "begriff" (natural 25 columns) gives up 15 columns and keeps
 * 10; cells are cut to 9 columns plus the ellipsis, counted in display
 * columns: umlauts one column, a combining mark stays with its letter
 * (NFD "ä" at the cut), wide CJK characters two (the fifth would not fit:
 * 4 x 2 + 1 = 9 columns, one blank of padding).  The number column is
 * never cut. */
static void test_write_table_width_truncates_with_ellipsis(void **state)
{
	static const char *const vals[] = {
		"B\xC3\xBCrger*innen",
		"Digitalisierungsstrategie",
		"KI",
		"Sonnenbla\xCC\x88tter",
		"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88",
	};
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	char *got;

	(void)state;
	o.width = 16;
	got = write_table_opts(&o, vals, 5);
	expect_bytes("table at width 16", got,
		     "begriff     zahl\n"
		     "B\xC3\xBCrger*in\xE2\x80\xA6     0\n"
		     "Digitalis\xE2\x80\xA6     1\n"
		     "KI             2\n"
		     "Sonnenbla\xCC\x88\xE2\x80\xA6     3\n"
		     "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE2\x80\xA6      4\n");
	free(got);
	/* Width 0 is the plain table: nothing cut. */
	o.width = 0;
	got = write_table_opts(&o, vals, 2);
	expect_bytes("table at width 0", got,
		     "begriff                    zahl\n"
		     "B\xC3\xBCrger*innen                  0\n"
		     "Digitalisierungsstrategie     1\n");
	free(got);
}

/* A column is never narrowed below max(5, its name): at width 10 the
 * line stays longer than asked (7 + 2 + 4 columns). */
static void test_write_table_width_minimum(void **state)
{
	static const char *const vals[] = { "Informationssicherheit" };
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	char *got;

	(void)state;
	o.width = 10;
	got = write_table_opts(&o, vals, 1);
	expect_bytes("table at width 10", got,
		     "begriff  zahl\n"
		     "Inform\xE2\x80\xA6     0\n");
	free(got);
}

/* With a width, a long value after the 256 sampled records is cut to its
 * column too (without a width it is printed whole, see above). */
static void test_write_table_width_cuts_after_sample(void **state)
{
	const char *vals[300];
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < 300; i++)
		vals[i] = i == 280 ? "Open-Source-Strategie-der-Bundesregierung" : "Bund";
	o.width = 20;
	got = write_table_opts(&o, vals, 300);
	assert_non_null(strstr(got, "\nOpen-S\xE2\x80\xA6   280\n"));
	assert_null(strstr(got, "Strategie"));
	assert_non_null(strstr(got, "\nBund        0\n"));
	free(got);
}

static const sw_field kfields[] = {
	{ "term", SW_FIELD_STRING }, { "key", SW_FIELD_STRING }, { "count", SW_FIELD_INT }
};
static const char *const ksecondary[] = { "key", "stem" };

static char *write_keys(const sw_table_options *o)
{
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;
	const sw_value rows[2][3] = {
		{ STR("Open-Source-Strategie"), STR("open sourc strategi"), INT(116) },
		{ STR("KI"), STR("ki"), INT(7) },
	};

	assert_int_equal(sw_writer_new(&w, SW_FORMAT_TABLE, kfields, 3, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_set_table(w, o, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "terms", NULL, 0, NULL), SW_OK);
	assert_int_equal(sw_writer_row(w, rows[0], NULL), SW_OK);
	assert_int_equal(sw_writer_row(w, rows[1], NULL), SW_OK);
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	sw_writer_free(w);
	return out.ptr;
}

/* Natural line 21 + 19 + 5 + 4 = 49 columns.  At 40 the secondary "key"
 * gives up 9 columns (19 -> 10) and "term" keeps its width.  At 24 "key"
 * at its minimum (5) still leaves 35 columns, so it is left out (28),
 * and only then "term" gives up 4 (21 -> 17). */
static void test_write_table_width_secondary_first(void **state)
{
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	char *got;

	(void)state;
	o.width = 40;
	o.secondary = ksecondary;
	o.nsecondary = 2;
	got = write_keys(&o);
	expect_bytes("secondary narrowed", got,
		     "term                   key         count\n"
		     "Open-Source-Strategie  open sour\xE2\x80\xA6    116\n"
		     "KI                     ki              7\n");
	free(got);
	o.width = 24;
	got = write_keys(&o);
	expect_bytes("secondary left out", got,
		     "term               count\n"
		     "Open-Source-Stra\xE2\x80\xA6    116\n"
		     "KI                     7\n");
	free(got);
}

/* Colour: the header line bold, secondary cells dim; padding stays
 * outside the escapes, so the columns still line up. */
static void test_write_table_color(void **state)
{
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	char *got;

	(void)state;
	o.color = 1;
	o.secondary = ksecondary;
	o.nsecondary = 2;
	got = write_keys(&o);
	expect_bytes("colour", got,
		     "\033[1mterm                   key                  count\033[0m\n"
		     "Open-Source-Strategie  \033[2mopen sourc strategi\033[0m    116\n"
		     "KI                     \033[2mki\033[0m                       7\n");
	free(got);
	/* Without colour no escape at all. */
	o.color = 0;
	got = write_keys(&o);
	assert_null(strchr(got, '\033'));
	free(got);
}

/* German numbers: decimal comma, "." between thousands from five digits
 * on (2024 stays), the "%.3g" form of large reals only gets the comma.
 * The same options leave CSV in the C convention. */
static void test_write_table_german_numbers(void **state)
{
	static const sw_field nf[] = {
		{ "wort", SW_FIELD_STRING }, { "n", SW_FIELD_INT }, { "anteil", SW_FIELD_REAL }
	};
	const sw_value rows[3][3] = {
		{ STR("Jahr"), INT(2024), REAL(12345.678) },
		{ STR("Tokens"), INT(1234567), REAL(-0.125) },
		{ STR("x"), INT(-98765), REAL(1.5e10) },
	};
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	sw_format fmt[2] = { SW_FORMAT_TABLE, SW_FORMAT_CSV };
	const char *expect[2] = {
		"wort            n     anteil\n"
		"Jahr         2024  12.345,68\n"
		"Tokens  1.234.567      -0,12\n"
		"x         -98.765    1,5e+10\n",
		"wort,n,anteil\r\n"
		"Jahr,2024,12345.678\r\n"
		"Tokens,1234567,-0.125\r\n"
		"x,-98765,1.5e+10\r\n",
	};
	int k, i;

	(void)state;
	o.decimal_point = ",";
	o.thousands_sep = ".";
	for (k = 0; k < 2; k++) {
		sw_buf out = SW_BUF_INIT;
		sw_writer *w = NULL;
		/* CSV ignores colour, width and separators */
		o.color = k;
		o.width = k ? 12 : 0;
		assert_int_equal(sw_writer_new(&w, fmt[k], nf, 3, buf_sink, &out, NULL), SW_OK);
		assert_int_equal(sw_writer_set_table(w, &o, NULL), SW_OK);
		assert_int_equal(sw_writer_begin(w, "x", NULL, 0, NULL), SW_OK);
		for (i = 0; i < 3; i++)
			assert_int_equal(sw_writer_row(w, rows[i], NULL), SW_OK);
		assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
		expect_bytes(sw_format_name(fmt[k]), out.ptr, expect[k]);
		sw_writer_free(w);
		sw_buf_free(&out);
	}
}

/* A tail field (the left context of a concordance line) is right-aligned
 * and cut at its start, so the column after it lines up and the words
 * next to the match stay.  Width 30: 28 + 12 + 12 + 4 = 56 columns, the
 * widest column narrowed one at a time down to left 8, match 9, right 9. */
static void test_write_table_tail_field(void **state)
{
	static const sw_field kw[] = {
		{ "left", SW_FIELD_STRING }, { "match", SW_FIELD_STRING }, { "right", SW_FIELD_STRING }
	};
	static const char *const tail[] = { "left" };
	const sw_value rows[3][3] = {
		{ STR("der Verwaltung ihre digitale"), STR("Souver\xC3\xA4nit\xC3\xA4t"), STR("sichern kann") },
		{ STR("KI"), STR("ist"), STR("gut") },
		/* NFD: the cut falls between "a" and its diaeresis; the
		 * mark goes with its letter, not to the start of the tail */
		{ STR("Grundgesetza\xCC\x88nderung"), STR("x"), STR("y") },
	};
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;

	(void)state;
	o.width = 30;
	o.tail = tail;
	o.ntail = 1;
	assert_int_equal(sw_writer_new(&w, SW_FORMAT_TABLE, kw, 3, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_set_table(w, &o, NULL), SW_OK);
	assert_int_equal(sw_writer_begin(w, "kwic", NULL, 0, NULL), SW_OK);
	assert_int_equal(sw_writer_row(w, rows[0], NULL), SW_OK);
	assert_int_equal(sw_writer_row(w, rows[1], NULL), SW_OK);
	assert_int_equal(sw_writer_row(w, rows[2], NULL), SW_OK);
	assert_int_equal(sw_writer_end(w, NULL, 0, NULL, 0, NULL), SW_OK);
	expect_bytes("tail field", out.ptr,
		     "left      match      right\n"
		     "\xE2\x80\xA6igitale  Souver\xC3\xA4n\xE2\x80\xA6  sichern \xE2\x80\xA6\n"
		     "      KI  ist        gut\n"
		     "\xE2\x80\xA6nderung  x          y\n");
	sw_writer_free(w);
	sw_buf_free(&out);
}

/* Options are fixed once output has begun. */
static void test_write_set_table_after_begin(void **state)
{
	sw_table_options o = SW_TABLE_OPTIONS_INIT;
	sw_buf out = SW_BUF_INIT;
	sw_writer *w = NULL;
	sw_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(sw_writer_new(&w, SW_FORMAT_TABLE, kfields, 3, buf_sink, &out, NULL), SW_OK);
	assert_int_equal(sw_writer_set_table(w, NULL, &err), SW_EINVAL);
	assert_int_equal(sw_writer_begin(w, "x", NULL, 0, NULL), SW_OK);
	o.width = 10;
	assert_int_equal(sw_writer_set_table(w, &o, &err), SW_EINVAL);
	assert_int_equal(err.code, SW_EINVAL);
	sw_writer_free(w);
	sw_buf_free(&out);
	assert_int_equal(sw_writer_set_table(NULL, &o, NULL), SW_EINVAL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_write_jsonl),
	cmocka_unit_test(test_write_json_bytes),
	cmocka_unit_test(test_write_csv),
	cmocka_unit_test(test_write_tsv),
	cmocka_unit_test(test_write_table),
	cmocka_unit_test(test_write_table_display_width),
	cmocka_unit_test(test_write_table_long_value_after_256),
	cmocka_unit_test(test_write_table_huge_value_pads_at_most_256),
	cmocka_unit_test(test_write_csv_header_quoting_and_crlf_in_value),
	cmocka_unit_test(test_write_json_parses_with_jansson),
	cmocka_unit_test(test_write_jsonl_lines_parse),
	cmocka_unit_test(test_write_empty_results),
	cmocka_unit_test(test_write_sink_failure_is_eio),
	cmocka_unit_test(test_write_format_parse_and_name),
	cmocka_unit_test(test_write_json_escape),
	cmocka_unit_test(test_write_free_null),
	cmocka_unit_test(test_write_table_width_truncates_with_ellipsis),
	cmocka_unit_test(test_write_table_width_minimum),
	cmocka_unit_test(test_write_table_width_cuts_after_sample),
	cmocka_unit_test(test_write_table_width_secondary_first),
	cmocka_unit_test(test_write_table_color),
	cmocka_unit_test(test_write_table_german_numbers),
	cmocka_unit_test(test_write_set_table_after_begin),
	cmocka_unit_test(test_write_table_tail_field),
};

SW_TEST_MAIN(tests)
