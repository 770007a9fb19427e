/*
 * jsonl.c - the documents of a JSON Lines source, one a line: a flat path
 * without jansson objects for the common lines, a fast path for the
 * "text" value of the rest, jansson for everything else and for the
 * wording of errors, and the repair of values jansson refuses although
 * the document is fine.  sw__jsonl_parse_line() and the field setters
 * serve the manifests and --meta files too.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <jansson.h>

#include "docbuild.h"
#include "internal/alloc.h"
#include "internal/json.h"
#include "internal/test_hook.h"
#include "internal/utf8.h"

/* ------------------------------------------------------------ JSONL fast path */

/*
 * jansson reads a string one byte at a time through several function
 * calls, which made the 60 MB Bundestag corpus take over a second.  Most
 * of a JSONL line is its "text" string, so that one value is handled
 * here: find_text() locates it with a scanner that only skips over the
 * top-level members, jansson parses the rest of the line with the value
 * replaced by "" (so it still checks the syntax and rejects a second
 * "text"), and unescape() decodes the string eight bytes at a time.
 * Whenever anything looks unusual the whole line goes to jansson instead,
 * which then also words the error message.
 */


/* Find the string value of the top-level key "text" (spelled without
 * escapes): *vs at its opening quote, *ve after its closing quote. */
static int find_text(const char *s, size_t len, size_t *vs, size_t *ve)
{
	size_t i = sw__json_skip_ws(s, len, 0), key, k;

	if (i >= len || s[i] != '{')
		return 0;
	i = sw__json_skip_ws(s, len, i + 1);
	while (i < len && s[i] == '"') {
		key = i;
		k = sw__json_skip_string(s, len, i);
		if (k == SW_JSON_END)
			return 0;
		i = sw__json_skip_ws(s, len, k);
		if (i >= len || s[i] != ':')
			return 0;
		i = sw__json_skip_ws(s, len, i + 1);
		if (i < len && s[i] == '"' && k - key == 6 && !memcmp(s + key, "\"text\"", 6)) {
			*vs = i;
			*ve = sw__json_skip_string(s, len, i);
			return *ve != SW_JSON_END;
		}
		i = sw__json_skip_value(s, len, i);
		if (i == SW_JSON_END)
			return 0;
		i = sw__json_skip_ws(s, len, i);
		if (i >= len || s[i] != ',')
			return 0;
		i = sw__json_skip_ws(s, len, i + 1);
	}
	return 0;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char h = s[i];
		v <<= 4;
		if (h >= '0' && h <= '9')
			v |= (unsigned)(h - '0');
		else if (h >= 'a' && h <= 'f')
			v |= (unsigned)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			v |= (unsigned)(h - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* Decode the body of a JSON string (between its quotes) into out, with
 * jansson's rules: no raw control characters, valid escapes, valid UTF-8,
 * no lone surrogates, no U+0000.  0 on success, 1 to hand the line to
 * jansson, SW_ENOMEM.  Eight bytes at a time while they are plain ASCII
 * without '\\' or control characters, which is most German text. */
static int unescape(sw_buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	unsigned cp, lo;
	uint64_t w;
	int32_t c32;
	char *o;
	int n;

	if (sw_buf_reserve(out, len) != SW_OK)
		return SW_ENOMEM;
	o = out->ptr + out->len;
	while (i < len) {
#ifdef __SSE2__
		if (i + 16 <= len) {
			/* the same, sixteen bytes at a time: a signed compare
			 * below 0x20 also takes the bytes from 0x80 */
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
					     _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
			size_t k = m ? (size_t)__builtin_ctz(m) : 16;
			_mm_storeu_si128((__m128i *)(void *)o, x);
			o += k;
			i += k;
			if (k == 16)
				continue;
		} else
#endif
		if (i + 8 <= len) {
			uint64_t special;
			size_t k;
			memcpy(&w, s + i, 8);
			/* A high bit, a byte < 0x20 or a backslash: the lowest
			 * flag is exact (those above it may not be), so the bytes
			 * before it are copied as they are, all eight when none is
			 * flagged.  The output is never ahead of the input, so the
			 * eight bytes stored fit in what was reserved. */
			special = (w & SW__HIGHS) | sw__bytes_below(w, 0x20) | sw__bytes_equal(w, '\\');
			k = special ? (size_t)__builtin_ctzll(special) >> 3 : 8;
			memcpy(o, &w, 8);
			o += k;
			i += k;
			if (k == 8)
				continue; /* else i is at the flagged byte, before len */
		}
		if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			*o++ = s[i++]; /* a two-byte character: umlauts, ß */
			*o++ = s[i++];
			continue;
		}
		if (u[i] >= 0x80) {
			n = sw__utf8_decode(u + i, len - i, &c32);
			if (n < 0)
				return 1;
			memcpy(o, s + i, (size_t)n);
			o += n;
			i += (size_t)n;
			continue;
		}
		if (u[i] < 0x20)
			return 1;
		if (u[i] != '\\') {
			*o++ = s[i++];
			continue;
		}
		if (i + 1 >= len)
			return 1;
		switch (s[i + 1]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (i + 6 > len || !hex4(s + i + 2, &cp) || cp == 0 ||
			    (cp >= 0xDC00 && cp <= 0xDFFF))
				return 1;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (i + 12 > len || s[i + 6] != '\\' || s[i + 7] != 'u' ||
				    !hex4(s + i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return 1;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
			o += sw__utf8_encode((int32_t)cp, o);
			i += 4;
			break;
		default:
			return 1;
		}
		i += 2;
	}
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
	return 0;
}

/* One member value at s[i] as a jansson value: a string decoded by
 * unescape() (into c->raw), anything else parsed by jansson alone.
 * *end gets the index after it.  NULL when it is not valid. */
static json_t *member_value(sw_corpus *c, const char *s, size_t len, size_t i, size_t *end,
			    int *rc)
{
	size_t e = sw__json_skip_value(s, len, i);

	*end = e;
	if (e == SW_JSON_END)
		return NULL;
	if (s[i] != '"')
		return json_loadb(s + i, e - i, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
	sw_buf_clear(&c->raw);
	if ((*rc = unescape(&c->raw, s + i + 1, e - i - 2)))
		return NULL;
	return json_stringn_nocheck(c->raw.ptr, c->raw.len);
}

/* The object of a line, built member by member: keys and string values
 * decoded by unescape(), other values (numbers, literals, arrays,
 * objects) parsed by jansson one at a time.  jansson's own parser takes
 * some 200 instructions a byte; the metadata of a Bundestag speech
 * (300 bytes) cost as much as tokenizing its text.  The value of "text"
 * at [vs, ve) is already decoded and stands as "" here.  NULL, for the
 * slow path to parse and word the error, on anything unusual: bad
 * syntax, a duplicate key, bytes after the object. *rc: SW_ENOMEM or 0. */
static json_t *parse_members(sw_corpus *c, const char *s, size_t len, size_t vs, size_t ve,
			     int *rc)
{
	json_t *o = json_object(), *v;
	size_t i = sw__json_skip_ws(s, len, 0), k, e;

	*rc = 0;
	if (!o) {
		*rc = SW_ENOMEM;
		return NULL;
	}
	i = sw__json_skip_ws(s, len, i + 1); /* find_text() saw the '{' and a member */
	for (;;) {
		if (i >= len || s[i] != '"')
			goto fail;
		k = sw__json_skip_string(s, len, i);
		if (k == SW_JSON_END)
			goto fail;
		sw_buf_clear(&c->key);
		if ((*rc = unescape(&c->key, s + i + 1, k - i - 2)) ||
		    json_object_getn(o, c->key.ptr, c->key.len))
			goto fail;
		i = sw__json_skip_ws(s, len, k);
		if (i >= len || s[i] != ':')
			goto fail;
		i = sw__json_skip_ws(s, len, i + 1);
		if (i == vs) {
			v = json_string("");
			e = ve;
		} else {
			v = member_value(c, s, len, i, &e, rc);
		}
		if (!v || json_object_setn_new_nocheck(o, c->key.ptr, c->key.len, v))
			goto fail;
		i = sw__json_skip_ws(s, len, e);
		if (i >= len || s[i] != ',')
			break;
		i = sw__json_skip_ws(s, len, i + 1);
	}
	if (i >= len || s[i] != '}' || sw__json_skip_ws(s, len, i + 1) != len)
		goto fail;
	return o;
fail:
	if (*rc != SW_ENOMEM)
		*rc = 0;
	json_decref(o);
	return NULL;
}

/* Parse a line whose "text" can take the fast path: the text goes to
 * c->text, the rest through jansson.  NULL to take the slow path. */
static json_t *parse_fast(sw_corpus *c, const char *line, size_t len, int *oom_out)
{
	size_t vs, ve;
	json_t *o;
	int rc;

	*oom_out = 0;
	if (!find_text(line, len, &vs, &ve))
		return NULL;
	sw_buf_clear(&c->text);
	rc = unescape(&c->text, line + vs + 1, ve - vs - 2);
	if (rc) {
		*oom_out = rc == SW_ENOMEM;
		return NULL;
	}
	o = parse_members(c, line, len, vs, ve, &rc);
	*oom_out = rc == SW_ENOMEM;
	return o;
}

/* ------------------------------------------------------------ JSON lines */

/* What json_repair() changed in a line. */
struct repairs {
	size_t nul;        /* \u0000 escapes */
	size_t surrogate;  /* lone surrogate escapes */
	size_t bigint;     /* integers beyond 64 bits */
	char first_int[48]; /* the first of them, maybe shortened */
};

/* An integer literal s[0..n) that jansson cannot hold (beyond 64 bits). */
static int big_integer(const char *s, size_t n)
{
	size_t i = s[0] == '-';
	char tmp[32];

	if (n <= i)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (n >= sizeof tmp)
		return 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	(void)strtoll(tmp, NULL, 10);
	return errno == ERANGE;
}

/*
 * A copy of a JSON line with the values jansson refuses although the
 * document is fine replaced: \u0000 and lone surrogate escapes (in keys
 * and strings) by \ufffd, integers beyond 64 bits (an id such as
 * 18446744073709551616) by their digits as a string.  Only those: the
 * rest stays as it is, for jansson to judge.  SW_OK or SW_ENOMEM; r
 * counts the changes (none: the copy is of no use).
 */
static int json_repair(sw_buf *out, const char *s, size_t len, struct repairs *r)
{
	size_t i = 0, j;
	unsigned cp, lo;

	memset(r, 0, sizeof *r);
	sw_buf_clear(out);
	if (sw_buf_reserve(out, len + 64) != SW_OK)
		return SW_ENOMEM;
	while (i < len) {
		if (s[i] == '"') {
			if (sw_buf_putc(out, '"'))
				return SW_ENOMEM;
			for (i++; i < len && s[i] != '"'; i++) {
				if (s[i] == '\\' && i + 5 < len && s[i + 1] == 'u' &&
				    hex4(s + i + 2, &cp)) {
					int lone = cp >= 0xDC00 && cp <= 0xDFFF;
					if (cp >= 0xD800 && cp <= 0xDBFF)
						lone = !(i + 11 < len && s[i + 6] == '\\' &&
							 s[i + 7] == 'u' && hex4(s + i + 8, &lo) &&
							 lo >= 0xDC00 && lo <= 0xDFFF);
					if (cp == 0 || lone) {
						if (sw_buf_puts(out, "\\ufffd"))
							return SW_ENOMEM;
						if (cp == 0)
							r->nul++;
						else
							r->surrogate++;
						i += 5;
						continue;
					}
					if (cp >= 0xD800 && cp <= 0xDBFF) {
						/* a whole pair: both escapes as they are */
						if (sw_buf_put(out, s + i, 12))
							return SW_ENOMEM;
						i += 11;
						continue;
					}
				}
				if (s[i] == '\\' && i + 1 < len) {
					if (sw_buf_put(out, s + i, 2))
						return SW_ENOMEM;
					i++;
					continue;
				}
				if (sw_buf_putc(out, s[i]))
					return SW_ENOMEM;
			}
			if (i < len && sw_buf_putc(out, '"'))
				return SW_ENOMEM;
			i++;
			continue;
		}
		if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			for (j = i + 1; j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' ||
						    s[j] == 'e' || s[j] == 'E' || s[j] == '+' ||
						    s[j] == '-');
			     j++)
				;
			if (big_integer(s + i, j - i)) {
				if (!r->bigint++)
					snprintf(r->first_int, sizeof r->first_int, "%.*s%s",
						 (int)(j - i < 40 ? j - i : 40), s + i,
						 j - i > 40 ? "..." : "");
				if (sw_buf_putc(out, '"') || sw_buf_put(out, s + i, j - i) ||
				    sw_buf_putc(out, '"'))
					return SW_ENOMEM;
			} else if (sw_buf_put(out, s + i, j - i)) {
				return SW_ENOMEM;
			}
			i = j;
			continue;
		}
		if (sw_buf_putc(out, s[i]))
			return SW_ENOMEM;
		i++;
	}
	return SW_OK;
}

/* The changes of json_repair() in words, for its warning. */
static void repairs_text(char *buf, size_t size, const struct repairs *r)
{
	size_t n = 0;

	buf[0] = '\0';
	if (r->bigint)
		n += (size_t)snprintf(buf + n, size - n,
				      "integer %s is beyond 64 bits: kept as its decimal string%s",
				      r->first_int, r->bigint > 1 ? " (and the others)" : "");
	if (r->nul && n < size)
		n += (size_t)snprintf(buf + n, size - n, "%s\\u0000 (U+0000) %s replaced by U+FFFD",
				      n ? "; " : "", r->nul > 1 ? "escapes" : "escape");
	if (r->surrogate && n < size)
		snprintf(buf + n, size - n, "%slone surrogate %s replaced by U+FFFD", n ? "; " : "",
			 r->surrogate > 1 ? "escapes" : "escape");
}

/* Parse one line into an object.  1 with *out; 0 for a blank line or a
 * reported problem (line skipped); negative when fatal.  A line that is
 * not valid UTF-8 is repaired like a file (U+FFFD or legacy decoding) and
 * parsed again, since losing a whole speech to one stray byte helps no
 * one. */
int sw__jsonl_parse_line(sw_corpus *c, const char *path, const char *line, size_t len,
			 long lineno, long long off, int fast, json_t **out)
{
	const char *enc = "UTF-8";
	json_error_t je;
	long long first = -1;
	size_t i, bad = 0;
	struct repairs rep;
	json_t *o;
	int rc, decoded = 0, repaired = 0;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			break;
	if (i == len)
		return 0;
	c->fast_text = 0;
	if (fast) {
		o = parse_fast(c, line, len, &rc);
		if (rc)
			return sw__corpus_oom(c);
		if (o) {
			c->fast_text = 1;
			*out = o;
			return 1;
		}
		sw_buf_clear(&c->text);
	}
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!o && sw__utf8_invalid_at(line, len) < len) {
		sw_buf_clear(&c->raw);
		rc = sw_decode(&c->raw, &enc, &bad, &first, line, len, NULL);
		if (rc == SW_ENOMEM)
			return sw__corpus_oom(c);
		if (rc == SW_OK) {
			decoded = 1;
			o = json_loadb(c->raw.ptr, c->raw.len, JSON_REJECT_DUPLICATES, &je);
		}
	}
	if (!o) {
		/* A value jansson refuses though the document is fine (a huge
		 * id, \u0000, a lone surrogate) is repaired, the line kept. */
		json_error_t je2;
		if (json_repair(&c->fix, decoded ? c->raw.ptr : line, decoded ? c->raw.len : len,
				&rep))
			return sw__corpus_oom(c);
		if (rep.nul || rep.surrogate || rep.bigint)
			o = json_loadb(c->fix.ptr, c->fix.len, JSON_REJECT_DUPLICATES, &je2);
		repaired = o != NULL;
	}
	if (decoded) {
		if (o && bad)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EENCODING, path, lineno,
					     off + first, NULL,
					     "invalid UTF-8: %zu byte%s replaced by U+FFFD (the "
					     "first here); line kept", bad, bad == 1 ? "" : "s");
		else if (o)
			rc = sw__corpus_warn(c, SW_WARN_NOTICE, SW_EENCODING, path, lineno, off,
					     NULL, "line is not valid UTF-8; decoded as %s", enc);
		else
			rc = 0;
		if (rc) {
			json_decref(o);
			return rc;
		}
	}
	if (repaired) {
		char what[256];
		repairs_text(what, sizeof what, &rep);
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off, NULL,
				     "%s; line kept", what);
		if (rc) {
			json_decref(o);
			return rc;
		}
	}
	if (!o) {
		/* After a repair, and in a UTF-16 file, jansson's position
		 * counts bytes of the decoded line, not of the file: name the
		 * line's start then. */
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno,
				     decoded || c->line_start_only
					     ? off
					     : off + (je.position > 0 ? je.position - 1 : 0),
				     NULL,
				     "malformed JSON (%s%s); line skipped", je.text,
				     decoded ? ", in the line decoded from invalid UTF-8" : "");
		return rc ? rc : 0;
	}
	if (!json_is_object(o)) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off, NULL,
				     "line is %s, not a JSON object; skipped",
				     sw__doc_json_type(o));
		json_decref(o);
		return rc ? rc : 0;
	}
	*out = o;
	return 1;
}

/* The id of a JSONL or manifest line, or def when it has none. */
int sw__jsonl_set_id(sw_corpus *c, const json_t *o, const char *def, size_t def_len)
{
	const json_t *v = json_object_get(o, "id");

	if (v && !json_is_null(v))
		c->off[F_ID] = sw__doc_str_add_json(c, v);
	else
		c->off[F_ID] = sw__doc_str_add(c, def, def_len);
	return c->off[F_ID] == NO_OFF ? sw__corpus_oom(c) : SW_OK;
}

/* One field of a line (not "id", not the key holding the text or path,
 * not a core key whose value is null) whose value, as text, is at vo in
 * the document strings (NO_OFF: it could not be added): the date, group,
 * title or an extra field.  A bad date is a problem; the document keeps
 * going without it.  The rules of both JSON Lines paths: SW_OK or
 * negative. */
static int set_field(sw_corpus *c, const char *k, size_t vo, int is_string, const char *path,
		     long lineno, long long off)
{
	size_t ko;

	if (vo == NO_OFF)
		return sw__corpus_oom(c);
	if (!strcmp(k, "date")) {
		const char *v = c->strs.ptr + vo;
		if (is_string && sw_date_valid(v, strlen(v))) {
			c->off[F_DATE] = vo;
			return SW_OK;
		}
		return sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
				       sw__doc_str_at(c, c->off[F_ID]),
				       "invalid date %s%s%s (expected YYYY, YYYY-MM or YYYY-MM-DD "
				       "naming a real day); document kept without date",
				       is_string ? "\"" : "", v, is_string ? "\"" : "");
	}
	if (!strcmp(k, "group") || !strcmp(k, "title")) {
		c->off[k[0] == 'g' ? F_GROUP : F_TITLE] = vo;
		return SW_OK;
	}
	if ((ko = sw__doc_str_add(c, k, strlen(k))) == NO_OFF)
		return sw__corpus_oom(c);
	return sw__doc_extra_set(c, ko, vo) ? SW_ENOMEM : SW_OK;
}

/* Date, group, title and extra fields of a line (skip: the key holding
 * the text or path).  SW_OK or negative. */
int sw__jsonl_set_fields(sw_corpus *c, const json_t *o, const char *skip,
			 const char *path, long lineno, long long off)
{
	const char *k;
	json_t *v;
	int rc;

	json_object_foreach((json_t *)o, k, v) {
		if (!strcmp(k, "id") || !strcmp(k, skip) ||
		    (sw__doc_core_key(k) && json_is_null(v)))
			continue;
		if ((rc = set_field(c, k, sw__doc_str_add_json(c, v), json_is_string(v), path,
				    lineno, off)))
			return rc;
	}
	return SW_OK;
}

/* ------------------------------------------------------------ JSONL flat path */

/*
 * Most JSON Lines are one flat object of strings and small integers, like
 * {"id": "bt20-010", "date": "2022-01-12", "wp": 20, "text": "..."}.  For
 * those, jsonl_flat() makes the document without a jansson object (making
 * and freeing one took some 12,000 instructions a line, 5 % of the front
 * end on the Bundestag corpus): find_text() and unescape() take the text
 * as on the fast path above, the other members are walked once, their
 * keys and string values decoded by unescape(), and the rules of
 * sw__jsonl_line() and set_field() are applied to them in the line's order,
 * as jansson's iteration gives them.  A value written as JSON and given
 * out as text is its own spelling here exactly when jansson would print
 * it back the same: strings, true, false, null and integers without sign
 * of zero, leading zero or more than 18 digits.  Anything else (a
 * fraction, an exponent, an array or object, a duplicate key, a key or
 * string jansson refuses, bad syntax) leaves the line to the jansson
 * paths, which also word any error.
 */

enum { FLAT_STR, FLAT_LIT, FLAT_NULL, FLAT_TEXT };

struct flat_member {
	size_t key, klen; /* decoded key in c->key */
	size_t val, vlen; /* decoded string in c->raw, or the literal in the line */
	int kind;
};

/* Whether tests turned the flat path off (sw_test_jsonl_flat()). */
static int flat_off;

void sw_test_jsonl_flat(int on)
{
	flat_off = !on;
}

/* The JSON literal s[0..n) that jansson prints back as written: true,
 * false, or an integer of at most 18 digits without leading zero or
 * "-0". */
static int same_literal(const char *s, size_t n)
{
	size_t i = s[0] == '-';

	if ((n == 4 && !memcmp(s, "true", 4)) || (n == 5 && !memcmp(s, "false", 5)))
		return 1;
	if (n <= i || n - i > 18 || s[i] < '0' || s[i] > '9' || (s[i] == '0' && n != 1))
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Decode the JSON string body s[0..len) onto the end of b, a NUL after
 * it; its offset and length in *off, *n.  0, or as unescape(): 1 for a
 * string jansson would refuse, SW_ENOMEM. */
static int decode_onto(sw_buf *b, const char *s, size_t len, size_t *off, size_t *n)
{
	int rc;

	*off = b->len;
	if ((rc = unescape(b, s, len)))
		return rc;
	*n = b->len - *off;
	return sw_buf_putc(b, '\0') ? SW_ENOMEM : 0;
}

/* decode_onto()'s failure *rc in flat_members(): out of memory stays, a
 * string jansson would refuse only leaves the line to it.  Returns 0. */
static size_t flat_refuse(int *rc)
{
	if (*rc != SW_ENOMEM)
		*rc = 0;
	return 0;
}

/* Walk the members of a flat line (the text's value at [vs, ve) is
 * decoded already) into c->flat.  The number of members, or 0 for a line
 * this path does not take; SW_ENOMEM through *rc. */
static size_t flat_members(sw_corpus *c, const char *s, size_t len, size_t vs, size_t ve,
			   int *rc)
{
	size_t i = sw__json_skip_ws(s, len, 0), n = 0, k, e, j;

	*rc = 0;
	sw_buf_clear(&c->key);
	sw_buf_clear(&c->raw);
	i = sw__json_skip_ws(s, len, i + 1); /* find_text() saw the '{' and a member */
	for (;;) {
		struct flat_member *m;
		if (i >= len || s[i] != '"' || (k = sw__json_skip_string(s, len, i)) == SW_JSON_END)
			return 0;
		if (n >= 64) /* the duplicate check is quadratic; jansson takes the rest */
			return 0;
		if (sw__grow((void **)&c->flat, &c->cap_flat, n + 1, sizeof *c->flat)) {
			*rc = SW_ENOMEM;
			return 0;
		}
		m = &c->flat[n];
		if ((*rc = decode_onto(&c->key, s + i + 1, k - i - 2, &m->key, &m->klen)))
			return flat_refuse(rc);
		for (j = 0; j < n; j++)
			if (c->flat[j].klen == m->klen &&
			    !memcmp(c->key.ptr + c->flat[j].key, c->key.ptr + m->key, m->klen))
				return 0;
		i = sw__json_skip_ws(s, len, k);
		if (i >= len || s[i] != ':')
			return 0;
		i = sw__json_skip_ws(s, len, i + 1);
		if (i == vs) {
			m->kind = FLAT_TEXT;
			e = ve;
		} else if ((e = sw__json_skip_value(s, len, i)) == SW_JSON_END) {
			return 0;
		} else if (s[i] == '"') {
			m->kind = FLAT_STR;
			if ((*rc = decode_onto(&c->raw, s + i + 1, e - i - 2, &m->val, &m->vlen)))
				return flat_refuse(rc);
		} else if (e - i == 4 && !memcmp(s + i, "null", 4)) {
			m->kind = FLAT_NULL;
		} else if (same_literal(s + i, e - i)) {
			m->kind = FLAT_LIT;
			m->val = i;
			m->vlen = e - i;
		} else {
			return 0;
		}
		n++;
		i = sw__json_skip_ws(s, len, e);
		if (i < len && s[i] == ',') {
			i = sw__json_skip_ws(s, len, i + 1);
			continue;
		}
		if (i >= len || s[i] != '}' || sw__json_skip_ws(s, len, i + 1) != len)
			return 0;
		return n;
	}
}

/* A member's value as document text: offset in the strings, or NO_OFF. */
static size_t flat_value(sw_corpus *c, const struct flat_member *m, const char *line)
{
	if (m->kind == FLAT_STR)
		return sw__doc_str_add(c, c->raw.ptr + m->val, m->vlen);
	return m->kind == FLAT_NULL ? sw__doc_str_add(c, "null", 4)
				    : sw__doc_str_add(c, line + m->val, m->vlen);
}

/*
 * One JSONL line by the flat path.  *taken = 0: not a line for it, and
 * nothing changed; else returns as sw__jsonl_line(): 1, 0 (skipped) or
 * negative.  The steps are sw__jsonl_line()'s, in its order: the id (the
 * default "path:line" without one), the source, the fields in the line's
 * order, then the text.
 */
static int jsonl_flat(sw_corpus *c, const char *path, const char *line, size_t len,
		      long lineno, long long off, int *taken)
{
	const struct flat_member *id = NULL;
	size_t vs, ve, n, i;
	const char *text;
	size_t tlen;
	int rc;

	*taken = 0;
	if (flat_off || !find_text(line, len, &vs, &ve))
		return 0;
	sw_buf_clear(&c->text);
	if ((rc = unescape(&c->text, line + vs + 1, ve - vs - 2)) ||
	    !(n = flat_members(c, line, len, vs, ve, &rc))) {
		if (rc == SW_ENOMEM) {
			*taken = 1;
			return sw__corpus_oom(c);
		}
		sw_buf_clear(&c->text);
		return 0;
	}
	*taken = 1;
	c->fast_text = 1;
	c->line = lineno;
	c->line_off = off;
	for (i = 0; i < n; i++)
		if (!strcmp(c->key.ptr + c->flat[i].key, "id"))
			id = &c->flat[i];
	if (id && id->kind != FLAT_NULL) {
		c->off[F_ID] = flat_value(c, id, line);
	} else {
		char def[600];
		int dn = snprintf(def, sizeof def, "%s:%ld", path, lineno);
		c->off[F_ID] = sw__doc_str_add(
			c, def, (size_t)dn < sizeof def ? (size_t)dn : sizeof def - 1);
	}
	if (c->off[F_ID] == NO_OFF)
		return sw__corpus_oom(c);
	if (sw__doc_field_set(c, F_SOURCE, path, strlen(path)))
		return SW_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct flat_member *m = &c->flat[i];
		const char *k = c->key.ptr + m->key;
		if (m == id || m->kind == FLAT_TEXT ||
		    (sw__doc_core_key(k) && m->kind == FLAT_NULL))
			continue;
		if ((rc = set_field(c, k, flat_value(c, m, line), m->kind == FLAT_STR, path, lineno,
				    off)))
			return rc;
	}
	text = c->text.ptr;
	tlen = c->text.len;
	if (tlen >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		tlen -= 3;
	}
	return sw__doc_finish(c, text, tlen);
}

/* One line of a JSONL source.  1, 0 (skipped), negative. */
int sw__jsonl_line(sw_corpus *c, struct source *s, const char *line, size_t len,
		   long lineno, long long off)
{
	const char *path = s->kind == SRC_JSONL ? s->path : "-";
	char def[600];
	const json_t *t;
	const char *text;
	size_t tlen;
	json_t *o;
	int rc, n;

	rc = jsonl_flat(c, path, line, len, lineno, off, &n);
	if (n)
		return rc;
	rc = sw__jsonl_parse_line(c, path, line, len, lineno, off, 1, &o);
	if (rc <= 0)
		return rc;
	c->json = o;
	c->line = lineno;
	c->line_off = off;
	n = snprintf(def, sizeof def, "%s:%ld", path, lineno);
	if (sw__jsonl_set_id(c, o, def, (size_t)n < sizeof def ? (size_t)n : sizeof def - 1))
		return SW_ENOMEM;
	t = json_object_get(o, "text");
	if (!json_is_string(t)) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
				     sw__doc_str_at(c, c->off[F_ID]),
				     t ? "\"text\" is %s, not a string; line skipped"
				       : "no \"text\" field%s; line skipped",
				     t ? sw__doc_json_type(t) : "");
		return rc ? rc : 0;
	}
	if (sw__doc_field_set(c, F_SOURCE, path, strlen(path)))
		return SW_ENOMEM;
	rc = sw__jsonl_set_fields(c, o, "text", path, lineno, off);
	if (rc)
		return rc;
	/* jansson has checked the text: valid UTF-8 without NUL, so it is
	 * used where it lies; only a BOM inside the string goes. */
	text = c->fast_text ? c->text.ptr : json_string_value(t);
	tlen = c->fast_text ? c->text.len : json_string_length(t);
	if (tlen >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		tlen -= 3;
	}
	return sw__doc_finish(c, text, tlen);
}
