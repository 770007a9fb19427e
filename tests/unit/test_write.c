/*
 * tests/unit/test_write.c - the record writer (include/stichwort/write.h):
 * exact bytes of every format for small German records, CSV quoting,
 * table alignment, the JSON envelope (parsed back with jansson), sink
 * failures, format names.
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

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_write_jsonl),
	cmocka_unit_test(test_write_json_bytes),
	cmocka_unit_test(test_write_csv),
	cmocka_unit_test(test_write_tsv),
	cmocka_unit_test(test_write_table),
	cmocka_unit_test(test_write_table_display_width),
	cmocka_unit_test(test_write_table_long_value_after_256),
	cmocka_unit_test(test_write_csv_header_quoting_and_crlf_in_value),
	cmocka_unit_test(test_write_json_parses_with_jansson),
	cmocka_unit_test(test_write_jsonl_lines_parse),
	cmocka_unit_test(test_write_empty_results),
	cmocka_unit_test(test_write_sink_failure_is_eio),
	cmocka_unit_test(test_write_format_parse_and_name),
	cmocka_unit_test(test_write_json_escape),
	cmocka_unit_test(test_write_free_null),
};

SW_TEST_MAIN(tests)
