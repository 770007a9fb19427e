/*
 * normalize.c - stage 2 of the data flow: text -> normalized text plus an
 * offset map (see stichwort/normalize.h for the rules).
 *
 * One pass over the bytes.  Runs of plain ASCII are copied with a table
 * lookup per byte; only non-ASCII characters, hyphens and control bytes
 * take the slow path.  The offset map is a list of segments, each either
 * an identity copy (normalized byte k of the segment is original byte k)
 * or a replacement (all its bytes map to the start of an original span).
 * Removed characters are kept as "gaps" in original coordinates, so the
 * original spelling of a span is its original bytes minus the gaps in it.
 * Text that needs no change is one segment and no gap.
 *
 * NFC: a character whose NFC form is itself and that cannot combine with
 * what precedes it (ICU's hasBoundaryBefore) is copied.  Otherwise the
 * cluster from the last boundary to the next one is mapped and then
 * composed with utf8proc, and replaces the original cluster as a whole.
 * Mapping before composing keeps the result idempotent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/unorm2.h>
#include <utf8proc.h>

#include "stichwort/normalize.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

enum seg_kind { SEG_IDENT = 0, SEG_REPL = 1 };

typedef struct seg {
	size_t n0;   /* start in the normalized text */
	size_t o0;   /* start in the original text */
	size_t nlen; /* normalized bytes */
	size_t olen; /* original bytes */
	int kind;    /* SEG_IDENT: nlen == olen, byte for byte */
} seg;

typedef struct gap {
	size_t o0, olen; /* removed original bytes */
} gap;

struct sw_normalizer {
	sw_normalize_options opts;
	const UNormalizer2 *nfc;
	sw_buf out;
	seg *segs;
	size_t nsegs, capsegs;
	gap *gaps;
	size_t ngaps, capgaps;
	const char *orig;
	size_t orig_len;
	uint8_t *nfc_cache; /* per BMP code point: 0 unknown, 1 inert, 2 needs NFC */
	size_t hint;        /* last segment found: lookups come in text order */
};

/* Byte classes for the ASCII fast path. */
enum { C_PLAIN = 0, C_HYPHEN, C_CTRL_SPACE, C_CTRL_NL, C_HIGH };

static uint8_t byte_class[256];

static void init_classes(void)
{
	int c;

	if (byte_class[0x80] == C_HIGH)
		return;
	for (c = 0; c < 256; c++) {
		if (c >= 0x80)
			byte_class[c] = C_HIGH;
		else if (c == '-')
			byte_class[c] = C_HYPHEN;
		else if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F))
			byte_class[c] = C_PLAIN;
		else if (c == '\f' || c == '\v')
			byte_class[c] = C_CTRL_NL;
		else
			byte_class[c] = C_CTRL_SPACE;
	}
}

static int normalizer_new_impl(sw_normalizer **out, const sw_normalize_options *opts, sw_error *err)
{
	sw_normalizer *nz;
	UErrorCode uerr = U_ZERO_ERROR;

	init_classes();
	nz = sw__calloc(1, sizeof *nz);
	if (!nz)
		return sw__error_oom(err);
	if (opts)
		nz->opts = *opts;
	nz->nfc = unorm2_getNFCInstance(&uerr);
	if (U_FAILURE(uerr)) {
		sw__free(nz);
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1,
				     "ICU NFC data unavailable: %s", u_errorName(uerr));
	}
	nz->nfc_cache = sw__calloc(0x10000, 1);
	if (!nz->nfc_cache) {
		sw__free(nz);
		return sw__error_oom(err);
	}
	*out = nz;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_normalizer_new(sw_normalizer **out, const sw_normalize_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_normalizer_new", out);
	return normalizer_new_impl(out, opts, err);
}

void sw_normalizer_free(sw_normalizer *nz)
{
	if (!nz)
		return;
	sw_buf_free(&nz->out);
	sw__free(nz->segs);
	sw__free(nz->gaps);
	sw__free(nz->nfc_cache);
	sw__free(nz);
}

/* ---- the character map ------------------------------------------- */

enum { MAP_KEEP = 0, MAP_DEL, MAP_TO };

/* How one code point is rewritten before composition.  MAP_TO puts the
 * replacement (ASCII, at most 3 bytes) into to. */
static int map_cp(const sw_normalizer *nz, int32_t cp, char *to, int *to_len)
{
	switch (cp) {
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
		return MAP_DEL;
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
		to[0] = ' '; *to_len = 1; return MAP_TO;
	case 0x0085: case 0x2028: case 0x2029:
		to[0] = '\n'; *to_len = 1; return MAP_TO;
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
	case 0x2033:
		to[0] = '"'; *to_len = 1; return MAP_TO;
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
	case 0x02BC: case 0x2032: case 0x00B4:
	case 0x1FFD: /* Greek oxia: composes to U+00B4, so it is one too */
		to[0] = '\''; *to_len = 1; return MAP_TO;
	case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE63:
		to[0] = '-'; *to_len = 1; return MAP_TO;
	default:
		break;
	}
	if (cp >= 0x2000 && cp <= 0x200A) {
		to[0] = ' '; *to_len = 1; return MAP_TO;
	}
	if (cp >= 0x80 && cp < 0xA0) { /* C1 controls */
		to[0] = ' '; *to_len = 1; return MAP_TO;
	}
	if (nz->opts.no_compat)
		return MAP_KEEP;
	if (cp >= 0xFF01 && cp <= 0xFF5E) { /* full-width ASCII */
		to[0] = (char)(cp - 0xFEE0); *to_len = 1; return MAP_TO;
	}
	if (cp == 0x017F) {
		to[0] = 's'; *to_len = 1; return MAP_TO;
	}
	if (cp >= 0xFB00 && cp <= 0xFB06) {
		static const char *const lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st", "st" };
		*to_len = (int)strlen(lig[cp - 0xFB00]);
		memcpy(to, lig[cp - 0xFB00], (size_t)*to_len);
		return MAP_TO;
	}
	return MAP_KEEP;
}

/* 1: cp is its own NFC and never combines with what precedes it. */
static int nfc_inert(sw_normalizer *nz, int32_t cp)
{
	UChar u[2];
	int32_t n = 0;
	UErrorCode e = U_ZERO_ERROR;
	int ok;

	if (cp < 0x300)
		return 1; /* Latin-1 and Latin Extended-A/B: precomposed, starters */
	if (cp < 0x10000 && nz->nfc_cache[cp])
		return nz->nfc_cache[cp] == 1;
	ok = unorm2_hasBoundaryBefore(nz->nfc, cp);
	if (ok) {
		if (cp < 0x10000) {
			u[n++] = (UChar)cp;
		} else {
			u[n++] = (UChar)(0xD7C0 + (cp >> 10));
			u[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
		}
		ok = unorm2_isNormalized(nz->nfc, u, n, &e) && U_SUCCESS(e);
	}
	if (cp < 0x10000)
		nz->nfc_cache[cp] = ok ? 1 : 2;
	return ok;
}

/* ---- building the output and the map ------------------------------ */

static int emit_ident(sw_normalizer *nz, size_t o0, const char *s, size_t len)
{
	seg *last = nz->nsegs ? &nz->segs[nz->nsegs - 1] : NULL;

	if (sw_buf_put(&nz->out, s, len))
		return SW_ENOMEM;
	if (last && last->kind == SEG_IDENT && last->o0 + last->olen == o0 &&
	    last->n0 + last->nlen == nz->out.len - len) {
		last->nlen += len;
		last->olen += len;
		return SW_OK;
	}
	if (sw__grow((void **)&nz->segs, &nz->capsegs, nz->nsegs + 1, sizeof *nz->segs))
		return SW_ENOMEM;
	nz->segs[nz->nsegs++] = (seg){ nz->out.len - len, o0, len, len, SEG_IDENT };
	return SW_OK;
}

static int emit_repl(sw_normalizer *nz, size_t o0, size_t olen, const char *s, size_t len)
{
	if (len == 0)
		return SW_OK;
	if (sw_buf_put(&nz->out, s, len))
		return SW_ENOMEM;
	if (sw__grow((void **)&nz->segs, &nz->capsegs, nz->nsegs + 1, sizeof *nz->segs))
		return SW_ENOMEM;
	nz->segs[nz->nsegs++] = (seg){ nz->out.len - len, o0, len, olen, SEG_REPL };
	return SW_OK;
}

static int emit_gap(sw_normalizer *nz, size_t o0, size_t olen)
{
	if (olen == 0)
		return SW_OK;
	if (nz->ngaps && nz->gaps[nz->ngaps - 1].o0 + nz->gaps[nz->ngaps - 1].olen == o0) {
		nz->gaps[nz->ngaps - 1].olen += olen;
		return SW_OK;
	}
	if (sw__grow((void **)&nz->gaps, &nz->capgaps, nz->ngaps + 1, sizeof *nz->gaps))
		return SW_ENOMEM;
	nz->gaps[nz->ngaps++] = (gap){ o0, olen };
	return SW_OK;
}

/* A character rewritten by the map: an identity copy when it maps to
 * itself ("-"), so the offset map stays one segment, else a replacement. */
static int emit_mapped(sw_normalizer *nz, size_t o0, size_t olen, const char *orig,
		       const char *to, size_t to_len)
{
	if (to_len == olen && memcmp(orig, to, olen) == 0)
		return emit_ident(nz, o0, orig, olen);
	return emit_repl(nz, o0, olen, to, to_len);
}

/* Cut the output back to nlen bytes (the start of an NFC cluster at
 * original offset olen); gaps recorded after it are redone with the
 * cluster. */
static void retract(sw_normalizer *nz, size_t nlen, size_t olen)
{
	while (nz->ngaps && nz->gaps[nz->ngaps - 1].o0 >= olen)
		nz->ngaps--;
	while (nz->nsegs && nz->segs[nz->nsegs - 1].n0 >= nlen)
		nz->nsegs--;
	if (nz->nsegs) {
		seg *s = &nz->segs[nz->nsegs - 1];
		if (s->n0 + s->nlen > nlen) {
			/* only an identity run can straddle a char boundary */
			s->nlen = s->olen = nlen - s->n0;
		}
	}
	nz->out.len = nlen;
	nz->out.ptr[nlen] = '\0';
}

/* ---- line-break hyphenation --------------------------------------- */

/* What the character at t[j] becomes: NC_SPACE (a space, tab, control
 * or no-break space, or removed entirely), NC_NL (a line break), or
 * NC_OTHER.  *n gets its byte length.  The hyphenation rule looks through
 * the normalized view so that normalizing twice gives the same result. */
enum { NC_OTHER = 0, NC_SPACE, NC_NL };

static int norm_class(const sw_normalizer *nz, const char *t, size_t len, size_t j, int *n)
{
	unsigned char c = (unsigned char)t[j];
	int32_t cp;
	char to[4];
	int to_len = 0, k;

	*n = 1;
	if (c < 0x80) {
		if (c == '\n' || byte_class[c] == C_CTRL_NL)
			return NC_NL;
		if (c == ' ' || c == '\t' || byte_class[c] == C_CTRL_SPACE)
			return NC_SPACE;
		return NC_OTHER;
	}
	*n = sw__utf8_decode((const unsigned char *)t + j, len - j, &cp);
	if (*n < 0) {
		*n = 1;
		return NC_OTHER;
	}
	k = map_cp(nz, cp, to, &to_len);
	if (k == MAP_DEL || (k == MAP_TO && to_len == 1 && to[0] == ' '))
		return NC_SPACE;
	if (k == MAP_TO && to_len == 1 && to[0] == '\n')
		return NC_NL;
	return NC_OTHER;
}

static size_t skip_spaces(const sw_normalizer *nz, const char *t, size_t len, size_t j)
{
	int n;

	while (j < len && norm_class(nz, t, len, j, &n) == NC_SPACE)
		j += (size_t)n;
	return j;
}

static int hyphen_break(const sw_normalizer *nz, const char *t, size_t len, size_t i,
			int32_t prev_cp, int soft, size_t *resume, int *drop_hyphen);

/* Up to cap bytes of the text at j as normalizing will write it (removed
 * characters skipped, replacements applied, soft-hyphen line breaks
 * joined; composition aside), so that the suspended-hyphen test sees what
 * a second pass would see ("b<SHY>zw." is "bzw.", "und<SHY>\ns" is
 * "unds"). */
static size_t lookahead(const sw_normalizer *nz, const char *t, size_t len, size_t j,
			char *buf, size_t cap)
{
	size_t o = 0, resume;
	int32_t prev = 0;
	int drop;

	while (j < len && o + 4 <= cap) {
		int32_t cp;
		char to[4];
		int n = sw__utf8_decode((const unsigned char *)t + j, len - j, &cp), to_len = 0, k;

		if (n < 0) {
			buf[o++] = '?';
			j++;
			prev = 0xFFFD;
			continue;
		}
		if (cp == 0x00AD && !nz->opts.keep_hyphenation &&
		    hyphen_break(nz, t, len, j + (size_t)n, prev, 1, &resume, &drop)) {
			j = resume;
			continue;
		}
		k = map_cp(nz, cp, to, &to_len);
		if (k == MAP_TO) {
			memcpy(buf + o, to, (size_t)to_len);
			o += (size_t)to_len;
			/* the last character written, as the main loop sees it */
			if (sw__utf8_decode((const unsigned char *)to, (size_t)to_len, &prev) < 0)
				prev = 0;
		} else if (k == MAP_KEEP) {
			memcpy(buf + o, t + j, (size_t)n);
			o += (size_t)n;
			prev = cp;
		}
		j += (size_t)n;
	}
	return o;
}

/* Words before which a line-final hyphen is an Ergänzungsstrich; s is
 * the normalized lookahead. */
static int suspended_word_at(const char *s, size_t len)
{
	static const char *const words[] = { "und", "oder", "bzw.", "sowie" };
	size_t i, wl;

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		wl = strlen(words[i]);
		if (len >= wl && memcmp(s, words[i], wl) == 0) {
			unsigned char next = len > wl ? (unsigned char)s[wl] : ' ';
			int32_t cp;
			/* "und-" is no conjunction ("Cloud-\nund-\nsoft") */
			if (next == '-')
				continue;
			if (next < 0x80)
				return !((next | 32) >= 'a' && (next | 32) <= 'z');
			/* a combining mark would compose with the word's last
			 * letter ("sowie" + U+0308 is "sowië"): no conjunction */
			if (sw__utf8_decode((const unsigned char *)s + wl, len - wl, &cp) < 0)
				return 1;
			if (!sw__is_letter(cp) && !sw__is_mark(cp))
				return 1;
		}
	}
	return 0;
}

/*
 * At a hyphen (or soft hyphen) ending at orig offset i in text: is this a
 * line-break hyphenation?  Returns 0 if not; otherwise sets *resume to the
 * offset of the continuation letter and *drop_hyphen to whether the hyphen
 * goes too.
 */
static int hyphen_break(const sw_normalizer *nz, const char *t, size_t len, size_t i,
			int32_t prev_cp, int soft, size_t *resume, int *drop_hyphen)
{
	size_t j = i;
	int32_t next;
	int n;

	/* only at the end of a word; a soft hyphen on a line of its own is
	 * just removed (and must not join across what then is a blank line) */
	if (!sw__is_letter(prev_cp))
		return 0;
	j = skip_spaces(nz, t, len, j);
	/* "\r\n", also with removed characters between ("\r<U+FEFF>\n"
	 * normalizes to "\r\n", which a second pass would join) */
	if (j < len && t[j] == '\r')
		j = skip_spaces(nz, t, len, j + 1);
	if (j >= len || norm_class(nz, t, len, j, &n) != NC_NL)
		return 0;
	j = skip_spaces(nz, t, len, j + (size_t)n);
	if (j >= len)
		return 0;
	n = sw__utf8_decode((const unsigned char *)t + j, len - j, &next);
	if (n < 0 || !sw__is_letter(next))
		return 0;
	if (!soft) {
		char la[16];
		if (suspended_word_at(la, lookahead(nz, t, len, j, la, sizeof la)))
			return 0;
	}
	*resume = j;
	*drop_hyphen = soft || (sw__is_lower(prev_cp) && sw__is_lower(next));
	return 1;
}

/* ---- the main loop ------------------------------------------------- */

/* Map the original cluster [o0, o1), compose it, and emit it as one
 * replacement (or identity when nothing changed). */
static int emit_cluster(sw_normalizer *nz, const char *t, size_t o0, size_t o1)
{
	sw_buf mapped = SW_BUF_INIT;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m;
	size_t i = o0;
	int rc = SW_OK;

	while (i < o1) {
		int32_t cp;
		char to[4];
		int to_len = 0, n, k;

		n = sw__utf8_decode((const unsigned char *)t + i, o1 - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		k = map_cp(nz, cp, to, &to_len);
		if (k == MAP_KEEP) {
			to_len = sw__utf8_encode(cp, to);
			k = MAP_TO;
		}
		if (k == MAP_TO && sw_buf_put(&mapped, to, (size_t)to_len)) {
			rc = SW_ENOMEM;
			goto done;
		}
		i += (size_t)n;
	}
	if (mapped.len == 0) {
		rc = emit_gap(nz, o0, o1 - o0);
		goto done;
	}
	m = utf8proc_map((const utf8proc_uint8_t *)mapped.ptr, (utf8proc_ssize_t)mapped.len,
			 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0) {
		rc = SW_ENOMEM;
		goto done;
	}
	if ((size_t)m == o1 - o0 && memcmp(nfc, t + o0, (size_t)m) == 0)
		rc = emit_ident(nz, o0, t + o0, (size_t)m);
	else
		rc = emit_repl(nz, o0, o1 - o0, (const char *)nfc, (size_t)m);
done:
	free(nfc);
	sw_buf_free(&mapped);
	return rc;
}

static int32_t last_cp(const sw_buf *b)
{
	size_t i = b->len;
	int32_t cp = 0;

	if (!i)
		return 0;
	while (i > 0 && ((unsigned char)b->ptr[i - 1] & 0xC0) == 0x80 && b->len - i < 3)
		i--;
	if (i > 0)
		i--;
	if (sw__utf8_decode((const unsigned char *)b->ptr + i, b->len - i, &cp) < 0)
		return 0xFFFD;
	return cp;
}

/* Whether the two-byte character lead, cont (a U+0080..U+07FF
 * sequence) comes out of the normalizer as it went in: U+00C0..U+00FF
 * (the umlauts, "ß", accented letters; precomposed starters, unmapped)
 * and U+00A1..U+00BF but for the quotes, the soft hyphen and the acute
 * accent that the map rewrites ("§", "°", "²"...).  U+0080..U+00A0
 * are mapped. */
static inline int latin1_ident(unsigned char lead, unsigned char cont)
{
	if ((cont & 0xC0) != 0x80)
		return 0;
	if (lead == 0xC3)
		return 1;
	return lead == 0xC2 && cont >= 0xA1 && cont != 0xAB && cont != 0xAD && cont != 0xB4 &&
	       cont != 0xBB;
}

/* The first byte at or after i that may not be plain: not printable
 * ASCII, or '-' (len if none).  Sixteen bytes at a time with SSE2 (a
 * signed compare below 0x20 also takes the bytes from 0x80), then eight:
 * the lowest flag of the eight-byte test is exact, as a borrow only
 * reaches the bytes above it. */
static inline size_t skip_plain(const unsigned char *u, size_t len, size_t i)
{
#ifdef __SSE2__
	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i odd = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
					   _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)),
							_mm_cmpeq_epi8(x, _mm_set1_epi8('-'))));
		unsigned m = (unsigned)_mm_movemask_epi8(odd);
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (i + 8 <= len) {
		uint64_t x, odd;
		memcpy(&x, u + i, 8);
		odd = (x & SW__HIGHS) | sw__bytes_below(x, 0x20) | sw__bytes_equal(x, 0x7F) |
		      sw__bytes_equal(x, '-');
		if (odd)
			return i + (size_t)(__builtin_ctzll(odd) >> 3);
		i += 8;
	}
	while (i < len && byte_class[u[i]] == C_PLAIN)
		i++;
	return i;
}

/* The end of the run at i of C_PLAIN bytes and latin1_ident()
 * characters, which the normalizer copies; *last gets where the run's
 * last character starts (untouched when the run is empty).  The plain
 * ASCII between the others is skipped by skip_plain(); a newline, a tab
 * or an umlaut is taken here and the skipping goes on after it. */
static inline size_t plain_run(const unsigned char *u, size_t len, size_t i, size_t *last)
{
	for (;;) {
		size_t k = skip_plain(u, len, i);
		if (k > i) {
			*last = k - 1;
			i = k;
		}
		if (i >= len)
			return i;
		if (byte_class[u[i]] == C_PLAIN) {
			*last = i++;
		} else if (i + 1 < len && latin1_ident(u[i], u[i + 1])) {
			*last = i;
			i += 2;
		} else {
			return i;
		}
	}
}

static int normalize_text(sw_normalizer *nz, const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0;
	int32_t prev_cp = 0;   /* last code point written to the output */
	size_t bnd_out = 0, bnd_orig = 0; /* last NFC boundary */
	int have_bnd = 0;
	int rc;

	while (i < len) {
		size_t run = i, last = i;
		int32_t cp;
		int n, k, to_len = 0;
		char to[4];

		run = plain_run(u, len, i, &last);
		if (run > i) {
			if ((rc = emit_ident(nz, i, t + i, run - i)))
				return rc;
			prev_cp = u[last]; /* ASCII, or a Latin-1 character's lead byte */
			if (run - last > 1 && sw__utf8_decode(u + last, run - last, &prev_cp) < 0)
				prev_cp = 0xFFFD; /* not reached: the run is valid */
			bnd_out = nz->out.len - (run - last);
			bnd_orig = last;
			have_bnd = 1;
			i = run;
			continue;
		}
		switch (byte_class[u[i]]) {
		case C_CTRL_SPACE:
			if ((rc = emit_repl(nz, i, 1, " ", 1)))
				return rc;
			prev_cp = ' ';
			have_bnd = 0;
			i++;
			continue;
		case C_CTRL_NL:
			if ((rc = emit_repl(nz, i, 1, "\n", 1)))
				return rc;
			prev_cp = '\n';
			have_bnd = 0;
			i++;
			continue;
		default:
			break;
		}
		n = sw__utf8_decode(u + i, len - i, &cp);
		if (n < 0) {
			/* Invalid byte: U+FFFD, one per byte. */
			if ((rc = emit_repl(nz, i, 1, "\xEF\xBF\xBD", 3)))
				return rc;
			prev_cp = 0xFFFD;
			have_bnd = 0;
			i++;
			continue;
		}
		if (!nfc_inert(nz, cp)) {
			/* Compose the whole cluster: from the last boundary (if this
			 * character can combine with it) to the next boundary. */
			size_t o0 = i, o1 = i + (size_t)n;
			int32_t c2;
			int n2;

			if (have_bnd && !unorm2_hasBoundaryBefore(nz->nfc, cp)) {
				retract(nz, bnd_out, bnd_orig);
				o0 = bnd_orig;
			}
			while (o1 < len && u[o1] >= 0x80 &&
			       (n2 = sw__utf8_decode(u + o1, len - o1, &c2)) > 0 &&
			       !unorm2_hasBoundaryBefore(nz->nfc, c2))
				o1 += (size_t)n2;
			bnd_out = nz->out.len;
			bnd_orig = o0;
			if ((rc = emit_cluster(nz, t, o0, o1)))
				return rc;
			have_bnd = nz->out.len > bnd_out;
			prev_cp = last_cp(&nz->out);
			i = o1;
			continue;
		}
		k = map_cp(nz, cp, to, &to_len);
		if (!nz->opts.keep_hyphenation &&
		    ((k == MAP_TO && to_len == 1 && to[0] == '-') || cp == 0x00AD)) {
			size_t resume;
			int drop;
			if (hyphen_break(nz, t, len, i + (size_t)n, prev_cp, cp == 0x00AD, &resume,
					 &drop)) {
				size_t h_end = i + (size_t)n;
				if (drop) {
					if ((rc = emit_gap(nz, i, resume - i)))
						return rc;
				} else {
					rc = emit_mapped(nz, i, (size_t)n, t + i, "-", 1);
					if (rc || (rc = emit_gap(nz, h_end, resume - h_end)))
						return rc;
					prev_cp = '-';
				}
				have_bnd = 0;
				i = resume;
				continue;
			}
		}
		switch (k) {
		case MAP_DEL:
			/* removed characters are invisible to composition too:
			 * "a<SHY><U+0308>" must compose as "ä" (see retract) */
			if ((rc = emit_gap(nz, i, (size_t)n)))
				return rc;
			break;
		case MAP_TO:
			bnd_out = nz->out.len;
			bnd_orig = i;
			have_bnd = 1;
			rc = emit_mapped(nz, i, (size_t)n, t + i, to, (size_t)to_len);
			if (rc)
				return rc;
			prev_cp = (unsigned char)to[to_len - 1];
			break;
		default:
			bnd_out = nz->out.len;
			bnd_orig = i;
			have_bnd = 1;
			if ((rc = emit_ident(nz, i, t + i, (size_t)n)))
				return rc;
			prev_cp = cp;
			break;
		}
		i += (size_t)n;
	}
	return SW_OK;
}

int sw_normalize(const char **text_out, size_t *len_out, sw_normalizer *nz,
		 const char *text, size_t len, sw_error *err)
{
	int rc;

	sw_buf_clear(&nz->out);
	nz->nsegs = nz->ngaps = 0;
	nz->hint = 0;
	nz->orig = text;
	nz->orig_len = len;
	if (sw_buf_reserve(&nz->out, len + 16))
		return sw__error_oom(err);
	rc = normalize_text(nz, text, len);
	if (rc) {
		sw_buf_clear(&nz->out);
		nz->nsegs = nz->ngaps = 0;
		return sw__error_set(err, rc, NULL, 0, -1, NULL);
	}
	*text_out = nz->out.ptr;
	*len_out = nz->out.len;
	return SW_OK;
}

/* ---- the map back --------------------------------------------------- */

/* Index of the segment holding normalized byte pos (pos < output length). */
static size_t find_seg(const sw_normalizer *nz, size_t pos)
{
	size_t lo = 0, hi = nz->nsegs, h = nz->hint;

	/* Tokens ask in text order, so the segment is nearly always the last
	 * one found or the next.  The hint is scratch, not state: a
	 * normalizer belongs to one thread, hence the cast. */
	if (h < nz->nsegs && nz->segs[h].n0 <= pos) {
		if (pos < nz->segs[h].n0 + nz->segs[h].nlen)
			return h;
		if (h + 1 < nz->nsegs && pos >= nz->segs[h + 1].n0 &&
		    pos < nz->segs[h + 1].n0 + nz->segs[h + 1].nlen) {
			((sw_normalizer *)nz)->hint = h + 1;
			return h + 1;
		}
	}

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (nz->segs[mid].n0 <= pos)
			lo = mid;
		else
			hi = mid;
	}
	((sw_normalizer *)nz)->hint = lo;
	return lo;
}

size_t sw_normalizer_orig_start(const sw_normalizer *nz, size_t pos)
{
	const seg *s;

	if (pos >= nz->out.len || !nz->nsegs)
		return nz->orig_len;
	s = &nz->segs[find_seg(nz, pos)];
	return s->kind == SEG_IDENT ? s->o0 + (pos - s->n0) : s->o0;
}

size_t sw_normalizer_orig_end(const sw_normalizer *nz, size_t end)
{
	const seg *s;

	if (end == 0 || !nz->nsegs)
		return 0;
	if (end > nz->out.len)
		end = nz->out.len;
	s = &nz->segs[find_seg(nz, end - 1)];
	return s->kind == SEG_IDENT ? s->o0 + (end - s->n0) : s->o0 + s->olen;
}

int sw_normalizer_surface(const char **out, size_t *len_out, sw_buf *scratch,
			  const sw_normalizer *nz, size_t start, size_t end)
{
	size_t os, oe, lo = 0, hi = nz->ngaps, g, at;

	if (end <= start) {
		*out = nz->orig ? nz->orig : "";
		*len_out = 0;
		return SW_OK;
	}
	os = sw_normalizer_orig_start(nz, start);
	oe = sw_normalizer_orig_end(nz, end);
	/* first gap ending after os */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nz->gaps[mid].o0 + nz->gaps[mid].olen <= os)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= nz->ngaps || nz->gaps[lo].o0 >= oe) {
		*out = nz->orig + os;
		*len_out = oe - os;
		return SW_OK;
	}
	sw_buf_clear(scratch);
	at = os;
	for (g = lo; g < nz->ngaps && nz->gaps[g].o0 < oe; g++) {
		if (nz->gaps[g].o0 > at && sw_buf_put(scratch, nz->orig + at, nz->gaps[g].o0 - at))
			return SW_ENOMEM;
		at = nz->gaps[g].o0 + nz->gaps[g].olen;
	}
	if (at < oe && sw_buf_put(scratch, nz->orig + at, oe - at))
		return SW_ENOMEM;
	*out = scratch->ptr ? scratch->ptr : "";
	*len_out = scratch->len;
	return SW_OK;
}

int sw_casefold(sw_buf *out, const char *s, size_t len)
{
	return sw__casefold(out, s, len);
}
