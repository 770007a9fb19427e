/*
 * tests/fuzz/fuzz_decode.c - encoding detection and conversion
 * (sw_decode) on arbitrary bytes.
 *
 * The whole input is the file content.  The output buffer starts with a
 * prefix, so that "appended" and "nothing appended on failure" are
 * checked.  Invariants (corpus.h, decode.c):
 *   - SW_OK or SW_EENCODING (the latter only when the bytes hold a NUL,
 *     err->offset inside the input, and the buffer is unchanged);
 *   - on success the appended bytes are valid UTF-8 without NUL and the
 *     buffer stays NUL-terminated; the encoding is one of a known set;
 *   - bad <= input length; first_bad is -1 exactly when bad is 0, and
 *     otherwise an offset inside the input;
 *   - valid UTF-8 without NUL comes out unchanged (a leading UTF-8 BOM
 *     removed), with encoding "UTF-8" and nothing bad;
 *   - decoding is deterministic, and decoding the output again changes
 *     nothing (it is valid UTF-8 now), except that a leading U+FEFF left
 *     by a UTF-16 BOM + BOM input is read as a BOM the second time.
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/corpus.h"
#include "fuzz_check.h"

static const char PREFIX[] = "prefix:";
#define PLEN (sizeof PREFIX - 1)

static int known_encoding(const char *e)
{
	static const char *const names[] = {
		"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-2", "ISO-8859-5",
		"ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-8-I", "ISO-8859-9",
		"windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1255",
		"windows-1256", "KOI8-R", "Shift_JIS", "GB18030", "EUC-JP", "EUC-KR", "Big5",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(e, names[i]))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	sw_buf out = SW_BUF_INIT, again = SW_BUF_INIT;
	const char *enc = NULL, *enc2 = NULL;
	size_t bad = 12345, bad2, olen, skip;
	long long first = 12345, first2;
	sw_error err;
	int rc;

	FUZZ_CHECK(sw_buf_put(&out, PREFIX, PLEN) == SW_OK);
	memset(&err, 0, sizeof err);
	rc = sw_decode(&out, &enc, &bad, &first, in, size, &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EENCODING);
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(err.offset >= 0 && (size_t)err.offset < size);
		FUZZ_CHECK(memchr(in, 0, size) != NULL);
		FUZZ_CHECK(out.len == PLEN && !memcmp(out.ptr, PREFIX, PLEN));
		sw_buf_free(&out);
		return 0;
	}
	FUZZ_CHECK(enc != NULL && known_encoding(enc));
	FUZZ_CHECK(out.len >= PLEN && !memcmp(out.ptr, PREFIX, PLEN));
	FUZZ_CHECK(out.ptr[out.len] == '\0');
	olen = out.len - PLEN;
	FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)out.ptr + PLEN, olen));
	FUZZ_CHECK(!memchr(out.ptr + PLEN, 0, olen));
	FUZZ_CHECK(bad <= size);
	FUZZ_CHECK(bad ? first >= 0 && (size_t)first < size : first == -1);

	/* Valid UTF-8 passes unchanged. */
	if (fuzz_valid_utf8(data, size) && !memchr(in, 0, size) &&
	    !(size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
			    (data[0] == 0xFE && data[1] == 0xFF)))) {
		skip = size >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3) ? 3 : 0;
		FUZZ_CHECK(!strcmp(enc, "UTF-8"));
		FUZZ_CHECK(bad == 0);
		FUZZ_CHECK(olen == size - skip && !memcmp(out.ptr + PLEN, in + skip, olen));
	}

	/* Deterministic. */
	FUZZ_CHECK(sw_decode(&again, &enc2, &bad2, &first2, in, size, NULL) == SW_OK);
	FUZZ_CHECK(again.len == olen && !memcmp(again.ptr, out.ptr + PLEN, olen));
	FUZZ_CHECK(!strcmp(enc, enc2) && bad == bad2 && first == first2);

	/* A fixed point. */
	sw_buf_clear(&again);
	FUZZ_CHECK(sw_decode(&again, &enc2, &bad2, &first2, out.ptr + PLEN, olen, NULL) == SW_OK);
	FUZZ_CHECK(!strcmp(enc2, "UTF-8") && bad2 == 0 && first2 == -1);
	skip = olen >= 3 && !memcmp(out.ptr + PLEN, "\xEF\xBB\xBF", 3) ? 3 : 0;
	FUZZ_CHECK(again.len == olen - skip && !memcmp(again.ptr, out.ptr + PLEN + skip, again.len));

	sw_buf_free(&again);
	sw_buf_free(&out);
	return 0;
}
