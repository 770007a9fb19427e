/*
 * decode.c - raw bytes to UTF-8 (stage: corpus; see sw_decode() in
 * stichwort/corpus.h).
 *
 * The order of the checks is the contract:
 *   1. a BOM decides: EF BB BF is UTF-8 (stripped), FF FE / FE FF is
 *      UTF-16 LE / BE (decoded here, by hand, so that bad code units get
 *      exact offsets);
 *   2. only then does a NUL byte mean "binary" (UTF-16 is full of them),
 *      unless the zeros all sit in one half of the 2-byte units, which is
 *      UTF-16 without a BOM (LE or BE by that half);
 *   3. valid UTF-8 is copied as it is;
 *   4. "mostly UTF-8" (more valid multi-byte sequences than invalid bytes,
 *      or one UTF-8 letter/quote for every four invalid bytes, or only a
 *      character cut off at the end) is kept, each invalid byte becoming
 *      U+FFFD;
 *   5. everything else goes through ICU's charset detector and converter,
 *      with windows-1252 standing for the whole ISO-8859-1 family.
 *
 * Invariant: on any failure nothing is appended to out (its length is
 * restored), so callers can reuse the buffer.
 */
#include <stdint.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "stichwort/corpus.h"
#include "internal/errors.h"
#include "internal/utf8.h"

#define HIGH_BITS 0x8080808080808080ull

/* How much of a legacy file the detector looks at.  Its statistics settle
 * long before 64 KiB, and feeding it 60 MB would cost more than the
 * conversion itself. */
#define DETECT_SAMPLE (64 * 1024)

/* Below this confidence (0-100) a detector answer outside the Latin-1
 * family is not trusted: short German text with a few umlauts easily
 * scores as ISO-8859-2 or ISO-8859-9, whose bytes for ä ö ü ß agree
 * with Latin-1 but whose quotes and dashes do not. */
#define TRUST_OTHER 50

/* Result of one pass over possible UTF-8. */
struct utf8_scan {
	size_t multi;     /* valid sequences of 2-4 bytes */
	size_t strong;    /* of those, ones legacy text almost never forms by
			     accident: letters with diacritics (U+00C0-U+017F)
			     and typographic punctuation/currency
			     (U+2010-U+20AC) */
	size_t bad;       /* bytes that start no valid sequence */
	size_t first_bad; /* offset of the first such byte, or len */
	int cut;          /* every bad byte belongs to one sequence cut off
			     by the end of the data */
};

/* Count valid multi-byte sequences and invalid bytes.  Text is mostly
 * ASCII, so eight bytes at a time are tested for a high bit before any
 * decoding happens; that loop is what makes a 60 MB corpus cheap. */
static void scan_utf8(struct utf8_scan *r, const unsigned char *s, size_t len)
{
	size_t i = 0;
	uint64_t w;
	int32_t cp;
	int n;

	r->multi = 0;
	r->strong = 0;
	r->bad = 0;
	r->first_bad = len;
	r->cut = 0;
	while (i < len) {
		if (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if (!(w & HIGH_BITS)) {
				i += 8;
				continue;
			}
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = sw__utf8_decode(s + i, len - i, &cp);
		if (n > 0) {
			r->multi++;
			if ((cp >= 0xC0 && cp <= 0x17F) || (cp >= 0x2010 && cp <= 0x20AC))
				r->strong++;
			i += (size_t)n;
		} else {
			if (!r->bad)
				r->first_bad = i;
			r->bad++;
			i++;
		}
	}
	/* A lead byte and fewer continuation bytes than it announces, at the
	 * very end: a UTF-8 file cut in the middle of a character. */
	if (r->bad && len - r->first_bad < 4 && s[r->first_bad] >= 0xC2 && s[r->first_bad] <= 0xF4) {
		size_t k = r->first_bad + 1;
		while (k < len && (s[k] & 0xC0) == 0x80)
			k++;
		r->cut = k == len && r->bad == len - r->first_bad;
	}
}

/* Copy s to out, replacing each byte that starts no valid sequence by
 * U+FFFD.  One replacement per byte (not per maximal subpart) so that
 * the count in the warning is the number of bytes the reader can look
 * for in a hex dump. */
static int copy_repaired(sw_buf *out, const unsigned char *s, size_t len, size_t bad)
{
	size_t i = 0, run = 0;
	char *o;
	int32_t cp;
	int n;

	if (sw_buf_reserve(out, len + 2 * bad) != SW_OK)
		return SW_ENOMEM;
	o = out->ptr + out->len;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			run++;
			continue;
		}
		n = sw__utf8_decode(s + i, len - i, &cp);
		if (n > 0) {
			i += (size_t)n;
			run += (size_t)n;
			continue;
		}
		memcpy(o, s + i - run, run);
		o += run;
		run = 0;
		memcpy(o, "\xEF\xBF\xBD", 3);
		o += 3;
		i++;
	}
	memcpy(o, s + i - run, run);
	o += run;
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
	return SW_OK;
}

/* UTF-16 after its BOM.  base is the offset of s in the caller's data, so
 * that *first_bad is an offset into the file.  Unpaired surrogates and a
 * trailing odd byte become U+FFFD; U+0000 makes the input binary (a NUL
 * in the text would end it early for every C caller). */
static int decode_utf16(sw_buf *out, const unsigned char *s, size_t len, int be, size_t base,
			size_t *bad_out, long long *first_bad_out, sw_error *err)
{
	size_t i, start = out->len, bad = 0;
	long long first_bad = -1;
	unsigned u, u2;
	uint32_t cp;
	char *o;

	/* Each 2-byte unit gives at most 3 bytes, a 4-byte pair 4 bytes. */
	if (sw_buf_reserve(out, (len / 2) * 3 + 3) != SW_OK)
		return SW_ENOMEM;
	o = out->ptr + out->len;
	for (i = 0; i + 1 < len; i += 2) {
		u = be ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
		if (u == 0) {
			out->len = start;
			out->ptr[start] = '\0';
			return sw__error_set(err, SW_EENCODING, NULL, 0, (long long)(base + i),
					     "UTF-16 text contains U+0000: binary data, not text");
		}
		cp = u;
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			u2 = be ? (unsigned)(s[i + 2] << 8 | s[i + 3])
				: (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
				i += 2;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			if (first_bad < 0)
				first_bad = (long long)(base + i);
			bad += 2;
			cp = 0xFFFD;
		}
		o += sw__utf8_encode((int32_t)cp, o);
	}
	if (i < len) {
		if (first_bad < 0)
			first_bad = (long long)(base + i);
		bad++;
		memcpy(o, "\xEF\xBF\xBD", 3);
		o += 3;
	}
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
	*bad_out = bad;
	*first_bad_out = first_bad;
	return SW_OK;
}

/* UTF-16 without a byte order mark, as some Windows tools write it: text
 * that is mostly ASCII or Latin has a zero high byte in most code units.
 * Returns 0 (LE: zeros at odd offsets), 1 (BE: at even offsets) or -1.
 * It takes a zero byte in at least a quarter of the units, all in the
 * same half: binary data has its zeros everywhere, and U+0000, which
 * would put zeros in both halves, is not text anyway. */
static int guess_utf16(const unsigned char *s, size_t len)
{
	size_t i, z[2] = { 0, 0 };

	if (len < 4)
		return -1;
	for (i = 0; i < len; i++)
		z[i & 1] += s[i] == 0;
	if (z[0] == 0 && z[1] >= (len / 2 + 3) / 4)
		return 0;
	if (z[1] == 0 && z[0] >= (len / 2 + 3) / 4)
		return 1;
	return -1;
}

/* Detector names we pass through when the detector is sure.  Listed here
 * (rather than returning ICU's pointer) because sw_decode() promises a
 * static string, and the detector's strings die with the detector. */
static const char *const trusted_other[] = {
	"ISO-8859-2", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
	"ISO-8859-8-I", "ISO-8859-9", "windows-1250", "windows-1251", "windows-1253",
	"windows-1254", "windows-1255", "windows-1256", "KOI8-R", "Shift_JIS",
	"GB18030", "EUC-JP", "EUC-KR", "Big5",
};

static int is_latin1_family(const char *name)
{
	return !strcmp(name, "ISO-8859-1") || !strcmp(name, "windows-1252");
}

/* Choose the legacy encoding of s.  ICU names the best match first; if a
 * Latin-1 family match comes within 10 points of it we take
 * windows-1252 (a superset of ISO-8859-1 for printable text: € „ “ –
 * live in 0x80-0x9F), as we do whenever the detector is unsure or fails.
 * German policy text is what this library reads, so that bias is right. */
static const char *detect_legacy(const unsigned char *s, size_t len, size_t first_bad)
{
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch **m;
	const char *name, *pick = "windows-1252";
	int32_t n = 0, i, top = 0, conf;
	size_t from = 0, k;

	/* Look where the non-ASCII bytes are: a file whose first umlaut comes
	 * after the sample would otherwise look like plain ASCII. */
	if (first_bad > DETECT_SAMPLE / 2)
		from = first_bad - 1024;
	if (len - from > DETECT_SAMPLE)
		len = from + DETECT_SAMPLE;
	det = ucsdet_open(&st);
	if (U_FAILURE(st))
		return pick;
	ucsdet_setText(det, (const char *)s + from, (int32_t)(len - from), &st);
	m = ucsdet_detectAll(det, &n, &st);
	if (U_FAILURE(st) || n <= 0)
		goto done;
	top = ucsdet_getConfidence(m[0], &st);
	for (i = 0; i < n && !U_FAILURE(st); i++) {
		name = ucsdet_getName(m[i], &st);
		conf = ucsdet_getConfidence(m[i], &st);
		if (U_FAILURE(st) || conf < top - 10)
			break;
		if (is_latin1_family(name))
			goto done;
	}
	name = ucsdet_getName(m[0], &st);
	if (U_FAILURE(st) || top < TRUST_OTHER)
		goto done;
	for (k = 0; k < sizeof trusted_other / sizeof trusted_other[0]; k++)
		if (!strcmp(name, trusted_other[k]))
			pick = trusted_other[k];
done:
	ucsdet_close(det);
	return pick;
}

/* Convert s from the legacy encoding enc to UTF-8 with ICU. */
static int convert_legacy(sw_buf *out, const char *enc, const char *s, size_t len,
			  sw_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t cap;
	int32_t n;

	if (len > (size_t)INT32_MAX / 4)
		return sw__error_set(err, SW_EENCODING, NULL, 0, -1,
				     "legacy-encoded input over 512 MB is not supported");
	/* No supported single- or double-byte encoding needs more than 3
	 * UTF-8 bytes per input byte. */
	cap = 3 * len + 4;
	if (sw_buf_reserve(out, cap) != SW_OK)
		return SW_ENOMEM;
	n = ucnv_convert("UTF-8", enc, out->ptr + out->len, (int32_t)cap, s, (int32_t)len,
			 &st);
	if (U_FAILURE(st) || n < 0 || (size_t)n > cap) {
		out->ptr[out->len] = '\0';
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1,
				     "ICU cannot convert from %s: %s", enc, u_errorName(st));
	}
	out->len += (size_t)n;
	out->ptr[out->len] = '\0';
	return SW_OK;
}

int sw_decode(sw_buf *out, const char **encoding_out, size_t *bad_out,
	      long long *first_bad_out, const char *data, size_t len, sw_error *err)
{
	const unsigned char *s = (const unsigned char *)data;
	const char *enc = "UTF-8";
	const void *nul;
	struct utf8_scan r;
	size_t skip = 0, bad = 0;
	long long first_bad = -1;
	int rc;

	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		int be = s[0] == 0xFE;
		rc = decode_utf16(out, s + 2, len - 2, be, 2, &bad, &first_bad, err);
		if (rc != SW_OK)
			return rc == SW_ENOMEM ? sw__error_oom(err) : rc;
		enc = be ? "UTF-16BE" : "UTF-16LE";
		goto ok;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		skip = 3;
	nul = len ? memchr(data, 0, len) : NULL;
	if (nul && !skip) {
		int be = guess_utf16(s, len);
		if (be >= 0) {
			rc = decode_utf16(out, s, len, be, 0, &bad, &first_bad, err);
			if (rc != SW_OK)
				return rc == SW_ENOMEM ? sw__error_oom(err) : rc;
			enc = be ? "UTF-16BE" : "UTF-16LE";
			goto ok;
		}
	}
	if (nul) {
		size_t at = (size_t)((const char *)nul - data);
		return sw__error_set(err, SW_EENCODING, NULL, 0, (long long)at,
				     "NUL byte: binary data, not text");
	}
	scan_utf8(&r, s + skip, len - skip);
	if (!r.bad) {
		if (sw_buf_put(out, data + skip, len - skip) != SW_OK)
			return sw__error_oom(err);
		goto ok;
	}
	/* A UTF-8 BOM is a declaration: trust it even if most bytes are bad.
	 * Otherwise the text is UTF-8 with damage when valid sequences
	 * outnumber bad bytes, when the only damage is a character cut off
	 * at the end, or when there is strong evidence of UTF-8 (ä, ß, „, €
	 * as UTF-8) for every four bad bytes: a Windows-1252 file gives each
	 * umlaut a bad byte and forms such sequences only by rare accident
	 * ("Ä" followed by "„"). */
	if (skip || r.multi > r.bad || r.cut || (r.strong && r.strong * 4 >= r.bad)) {
		if (copy_repaired(out, s + skip, len - skip, r.bad) != SW_OK)
			return sw__error_oom(err);
		bad = r.bad;
		first_bad = (long long)(r.first_bad + skip);
		goto ok;
	}
	enc = detect_legacy(s, len, r.first_bad);
	rc = convert_legacy(out, enc, data, len, err);
	if (rc != SW_OK)
		return rc == SW_ENOMEM ? sw__error_oom(err) : rc;
ok:
	if (encoding_out)
		*encoding_out = enc;
	if (bad_out)
		*bad_out = bad;
	if (first_bad_out)
		*first_bad_out = first_bad;
	return SW_OK;
}
