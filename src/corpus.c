/*
 * corpus.c - reading a corpus (stage 1; see stichwort/corpus.h).
 *
 * Sources are added in order and opened only when sw_corpus_next()
 * reaches them.  A directory is listed when it is opened (names only,
 * sorted by relative path); a JSON Lines file or manifest is read one line
 * at a time through a block reader.  Each call to sw_corpus_next() first
 * drops the previous document (its strings, text and parsed JSON), so
 * memory holds one document plus the set of ids seen, never the corpus.
 *
 * The document being built and the warnings are docbuild.c's (see
 * docbuild.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "stichwort/corpus.h"
#include "docbuild.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/json.h"
#include "internal/test_hook.h"
#include "internal/utf8.h"

/* ------------------------------------------------------------ long paths */

/*
 * A deep directory tree can hold files whose path is longer than
 * PATH_MAX, which open(2) and stat(2) refuse (ENAMETOOLONG).  These
 * helpers take such a path in pieces shorter than PATH_MAX, each opened
 * relative to the directory before it, so every file of the tree is read.
 * Shorter paths cost one system call as before.
 */

/* A directory descriptor for the first part of path and, in *rest, the
 * part after it, shorter than PATH_MAX.  AT_FDCWD when path is short.
 * -1 with errno set on failure. */
static int long_dir(const char *path, const char **rest)
{
	int fd = AT_FDCWD, nfd;
	char part[PATH_MAX];
	const char *p = path, *cut;
	size_t n;

	while (strlen(p) >= PATH_MAX) {
		/* the longest prefix ending at a '/' that fits */
		cut = p + PATH_MAX - 1;
		while (cut > p && *cut != '/')
			cut--;
		if (cut == p) {
			if (fd != AT_FDCWD)
				close(fd);
			errno = ENAMETOOLONG;
			return -1;
		}
		n = (size_t)(cut - p);
		memcpy(part, p, n ? n : 1);
		part[n ? n : 1] = '\0'; /* "/" alone for a leading slash */
		nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd != AT_FDCWD) {
			int e = errno;
			close(fd);
			errno = e;
		}
		if (nfd < 0)
			return -1;
		fd = nfd;
		p = cut + 1;
	}
	*rest = p;
	return fd;
}

/* open(2) for a path of any length. */
static int open_long(const char *path, int flags)
{
	const char *rest;
	int dfd, fd, e;

	if (strlen(path) < PATH_MAX)
		return open(path, flags);
	if ((dfd = long_dir(path, &rest)) < 0)
		return -1;
	fd = openat(dfd, *rest ? rest : ".", flags);
	e = errno;
	if (dfd != AT_FDCWD)
		close(dfd);
	errno = e;
	return fd;
}

/* stat(2) (follow set) or lstat(2) for a path of any length. */
static int stat_long(const char *path, struct stat *st, int follow)
{
	const char *rest;
	int dfd, rc, e;

	if (strlen(path) < PATH_MAX)
		return follow ? stat(path, st) : lstat(path, st);
	if ((dfd = long_dir(path, &rest)) < 0)
		return -1;
	rc = fstatat(dfd, *rest ? rest : ".", st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
	e = errno;
	if (dfd != AT_FDCWD)
		close(dfd);
	errno = e;
	return rc;
}

/* opendir(3) for a path of any length. */
static DIR *opendir_long(const char *path)
{
	int fd, e;
	DIR *d;

	if (strlen(path) < PATH_MAX)
		return opendir(path);
	if ((fd = open_long(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return NULL;
	if (!(d = fdopendir(fd))) {
		e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

/* Read a whole descriptor into b: at most limit bytes when limit is not
 * (size_t)-1, with *grew set when more followed.  0, a positive errno,
 * or SW_ENOMEM. */
static int read_fd(sw_buf *b, int fd, size_t hint, size_t limit, int *grew)
{
	ssize_t got;
	char probe;

	if (grew)
		*grew = 0;
	if (sw_buf_reserve(b, hint + 1) != SW_OK)
		return SW_ENOMEM;
	while (b->len < limit) {
		if (b->cap - b->len < 2 && sw_buf_reserve(b, b->cap) != SW_OK)
			return SW_ENOMEM;
		do
			got = read(fd, b->ptr + b->len,
				   limit - b->len < b->cap - b->len - 1 ? limit - b->len
									: b->cap - b->len - 1);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			return errno ? errno : EIO;
		if (got == 0)
			break;
		b->len += (size_t)got;
	}
	if (b->len == limit && limit != (size_t)-1 && grew) {
		do
			got = read(fd, &probe, 1);
		while (got < 0 && errno == EINTR);
		*grew = got > 0;
	}
	b->ptr[b->len] = '\0';
	return 0;
}

/* How read_file() went beyond its status. */
struct rf_info {
	mode_t mode; /* file type, 0 when it could not be opened */
	int grew;    /* a regular file that grew while read: cut at its size */
};

/* Read the file at path into c->raw.  With regular_only, anything but a
 * regular file (a FIFO, a device, a socket) is opened without blocking
 * and left unread: the caller sees its type in info->mode.  A regular
 * file is read up to the size it had when opened, so that a file still
 * being written ends (one of size 0 to its end: files in /proc have
 * text).  0, a positive errno, SW_ENOMEM. */
static int read_file(sw_corpus *c, const char *path, int regular_only, struct rf_info *info)
{
	struct stat st;
	int fd, rc;

	info->mode = 0;
	info->grew = 0;
	sw_buf_clear(&c->raw);
	/* a device is not even opened (opening some has effects); the
	 * check is made again on what was opened */
	if (regular_only && stat_long(path, &st, 1) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		info->mode = st.st_mode;
		return 0;
	}
	fd = open_long(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		rc = errno;
		close(fd);
		return rc;
	}
	info->mode = st.st_mode;
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	if (regular_only && !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	/* (a regular file of size 0 may still have text: /proc files) */
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		rc = read_fd(&c->raw, fd, (size_t)st.st_size, (size_t)st.st_size, &info->grew);
	else
		rc = read_fd(&c->raw, fd, 0, (size_t)-1, NULL);
	close(fd);
	return rc;
}

/* The kind of a file that is not a regular one, for messages. */
static const char *file_kind(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a named pipe (FIFO)";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Decode data into c->text for the document being built from path.
 * Returns 1 (kept, maybe with a warning), 0 (skipped), or negative. */
static int decode_doc(sw_corpus *c, const char *data, size_t len, const char *path)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	const char *enc;
	long long first;
	size_t bad;
	sw_error e;
	int rc;

	rc = sw_decode(&c->text, &enc, &bad, &first, data ? data : "", len, &e);
	if (rc == SW_ENOMEM)
		return sw__corpus_oom(c);
	if (rc != SW_OK) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, rc, path, 0, e.offset, id, "%s; skipped",
				     e.message);
		return rc ? rc : 0;
	}
	c->encoding = enc;
	if (bad) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EENCODING, path, 0, first, id,
				     "invalid %s: %zu byte%s replaced by U+FFFD (the first here); "
				     "kept", enc, bad, bad == 1 ? "" : "s");
		return rc ? rc : 1;
	}
	if (!strncmp(enc, "UTF-16", 6) && len >= 2 && !(((unsigned char)data[0] == 0xFF &&
							(unsigned char)data[1] == 0xFE) ||
						       ((unsigned char)data[0] == 0xFE &&
							(unsigned char)data[1] == 0xFF)))
		sw__corpus_warn(c, SW_WARN_NOTICE, SW_EENCODING, path, 0, -1, id,
				"no byte order mark, but zero bytes in every other position; "
				"decoded as %s", enc);
	if (strcmp(enc, "UTF-8") && strncmp(enc, "UTF-16", 6)) {
		size_t at = sw__utf8_invalid_at(data ? data : "", len);
		sw__corpus_warn(c, SW_WARN_NOTICE, SW_EENCODING, path, 0, (long long)at, id,
				"not valid UTF-8 (first invalid byte here); decoded as %s", enc);
	}
	return 1;
}

/* Attach the --meta record of a file input: by path relative to its
 * directory input (rel), by the path as read (full), or by id. */
static int apply_meta(sw_corpus *c, const char *rel, const char *full)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	const struct metarec *m;
	size_t i, k, v;

	if (!c->n_meta)
		return SW_OK;
	if (!sw__smap_get(&c->meta_by_path, rel, strlen(rel), &i) &&
	    !sw__smap_get(&c->meta_by_path, full, strlen(full), &i) &&
	    !sw__smap_get(&c->meta_by_id, id, strlen(id), &i))
		return SW_OK;
	m = &c->meta[i];
	c->meta[i].used = 1;
	if (m->date && sw__doc_field_set(c, F_DATE, m->date, strlen(m->date)))
		return SW_ENOMEM;
	if (m->group && sw__doc_field_set(c, F_GROUP, m->group, strlen(m->group)))
		return SW_ENOMEM;
	if (m->title && sw__doc_field_set(c, F_TITLE, m->title, strlen(m->title)))
		return SW_ENOMEM;
	for (i = 0; i < m->n_extra; i++) {
		k = sw__doc_str_add(c, m->extra[i].key, strlen(m->extra[i].key));
		v = sw__doc_str_add(c, m->extra[i].value, strlen(m->extra[i].value));
		if (k == NO_OFF || v == NO_OFF)
			return sw__corpus_oom(c);
		if (sw__doc_extra_set(c, k, v))
			return SW_ENOMEM;
	}
	return SW_OK;
}

/* One document from a file: id and source set by the caller.  A
 * manifest entry (warn_line set) is named in warnings by its manifest
 * line.  regular_only: only a regular file is read, anything else is
 * skipped with a problem.  1, 0 (skipped), or negative. */
static int file_doc(sw_corpus *c, const char *full, const char *rel, const char *warn_path,
		    long warn_line, long long warn_off, int regular_only)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	struct rf_info info;
	int rc;

	rc = read_file(c, full, regular_only, &info);
	if (rc == SW_ENOMEM)
		return sw__corpus_oom_reading(c, full, 0, -1, c->raw.len);
	if (rc > 0) {
		if (warn_line)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, warn_path, warn_line,
					     warn_off, id, "cannot read %s: %s; skipped", full,
					     strerror(rc));
		else
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, full, 0, -1, id,
					     "cannot read: %s; skipped", strerror(rc));
		return rc ? rc : 0;
	}
	if (regular_only && !S_ISREG(info.mode)) {
		if (warn_line)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, warn_path, warn_line,
					     warn_off, id, "%s is %s, not a regular file; skipped",
					     full, file_kind(info.mode));
		else
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, full, 0, -1, id,
					     "%s, not a regular file; skipped",
					     file_kind(info.mode));
		return rc ? rc : 0;
	}
	if (info.grew) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, full, 0, -1, id,
				     "the file grew while it was read (still being written?); "
				     "only its first %zu bytes, its size when opened, were read",
				     c->raw.len);
		if (rc)
			return rc;
	}
	if (rel && apply_meta(c, rel, full))
		return SW_ENOMEM;
	rc = decode_doc(c, c->raw.ptr, c->raw.len, full);
	if (rc <= 0)
		return rc;
	return sw__doc_finish(c, c->text.ptr, c->text.len);
}

/* Id from a path: without its extension (after the last '/'). */
static size_t id_len_of(const char *p)
{
	const char *slash = strrchr(p, '/');
	const char *dot = strrchr(slash ? slash + 1 : p, '.');

	return dot && dot != (slash ? slash + 1 : p) ? (size_t)(dot - p) : strlen(p);
}

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
static int parse_line(sw_corpus *c, const char *path, const char *line, size_t len,
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
static int set_id_from_json(sw_corpus *c, const json_t *o, const char *def, size_t def_len)
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
static int set_fields_from_json(sw_corpus *c, const json_t *o, const char *skip,
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
 * jsonl_line() and set_field() are applied to them in the line's order,
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
 * nothing changed; else returns as jsonl_line(): 1, 0 (skipped) or
 * negative.  The steps are jsonl_line()'s, in its order: the id (the
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
static int jsonl_line(sw_corpus *c, struct source *s, const char *line, size_t len,
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
	rc = parse_line(c, path, line, len, lineno, off, 1, &o);
	if (rc <= 0)
		return rc;
	c->json = o;
	c->line = lineno;
	c->line_off = off;
	n = snprintf(def, sizeof def, "%s:%ld", path, lineno);
	if (set_id_from_json(c, o, def, (size_t)n < sizeof def ? (size_t)n : sizeof def - 1))
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
	rc = set_fields_from_json(c, o, "text", path, lineno, off);
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

/* Whether the relative path rel climbs above its start by its ".."
 * components alone ("a/../../x" does, "a/../x" does not). */
static int climbs_out(const char *rel)
{
	long depth = 0;
	const char *p = rel, *e;

	while (*p) {
		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 1;
		} else if (e > p && !(e - p == 1 && p[0] == '.')) {
			depth++;
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

/*
 * A manifest entry is read only from inside the manifest's directory, so
 * that a metadata.jsonl cannot pull a private file (../secret.txt,
 * /etc/passwd, a link to one) into a report that is shared: an absolute
 * path, or one that leaves the directory after ".." and symbolic links
 * are resolved, is skipped with a problem unless the corpus allows it
 * (allow_outside; --allow-outside).  A path that does not resolve (no
 * such file) is judged by its ".." alone and then fails to be read.
 * 0 when full may be read, 1 when refused (reported), negative (strict,
 * out of memory).
 */
static int outside(sw_corpus *c, struct source *s, const char *rel, const char *full,
		   long lineno, long long off)
{
	const char *id = sw__doc_str_at(c, c->off[F_ID]);
	char *res;
	size_t n;
	int rc, out;

	if (rel[0] == '/') {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, s->meta_path, lineno, off, id,
				     "path \"%s\" is absolute; a manifest reads only files inside "
				     "its directory: skipped (--allow-outside reads it)", rel);
		return rc ? rc : 1;
	}
	res = s->real ? realpath(full, NULL) : NULL;
	if (res) {
		n = strlen(s->real);
		out = !(strncmp(res, s->real, n) == 0 &&
			(res[n] == '/' || (n == 1 && s->real[0] == '/')));
	} else {
		out = climbs_out(rel);
	}
	if (!out) {
		free(res);
		return 0;
	}
	rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, s->meta_path, lineno, off, id,
			     "path \"%s\" leads outside the manifest's directory%s%s%s; skipped "
			     "(--allow-outside reads it)", rel, res ? " (to " : "", res ? res : "",
			     res ? ")" : "");
	free(res);
	return rc ? rc : 1;
}

/* One line of a manifest: metadata, and the text in the file at "path". */
static int manifest_line(sw_corpus *c, struct source *s, const char *line, size_t len,
			 long lineno, long long off)
{
	const json_t *p;
	const char *rel;
	json_t *o;
	int rc;

	rc = parse_line(c, s->meta_path, line, len, lineno, off, 0, &o);
	if (rc <= 0)
		return rc;
	c->json = o;
	p = json_object_get(o, "path");
	if (!json_is_string(p)) {
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, s->meta_path, lineno, off,
				     NULL,
				     p ? "\"path\" is %s, not a string; line skipped"
				       : "no \"path\" field%s; line skipped",
				     p ? sw__doc_json_type(p) : "");
		return rc ? rc : 0;
	}
	rel = json_string_value(p);
	if (set_id_from_json(c, o, rel, id_len_of(rel)))
		return SW_ENOMEM;
	sw_buf_clear(&c->pathbuf);
	if ((rel[0] != '/' && sw_buf_printf(&c->pathbuf, "%s/", s->path)) ||
	    sw_buf_puts(&c->pathbuf, rel) ||
	    sw__doc_field_set(c, F_SOURCE, c->pathbuf.ptr, c->pathbuf.len))
		return sw__corpus_oom(c);
	if (!c->opts.allow_outside) {
		rc = outside(c, s, rel, c->pathbuf.ptr, lineno, off);
		if (rc)
			return rc < 0 ? rc : 0;
	}
	rc = set_fields_from_json(c, o, "path", s->meta_path, lineno, off);
	if (rc)
		return rc;
	return file_doc(c, c->pathbuf.ptr, NULL, s->meta_path, lineno, off, 1);
}

/* Next document of a line-based source (JSONL or manifest). */
static int lines_next(sw_corpus *c, struct source *s)
{
	const char *line, *path = s->manifest ? s->meta_path : s->path;
	long long off;
	size_t len;
	int rc;

	for (;;) {
		sw__doc_reset(c);
		rc = sw__lr_next(&s->lr, &line, &len, &off);
		if (rc == SW_LR_EOF)
			return 0;
		if (rc == SW_ENOMEM)
			return sw__corpus_oom_reading(c, path, s->lr.line + 1, s->lr.off,
						      s->lr.end - s->lr.start);
		if (rc == SW_LR_ERROR) {
			rc = s->lr.err;
			if (s->lr.fd == 0 && !s->lr.own) {
				c->failed = SW_EIO;
				return sw__error_set(&c->ferr, SW_EIO, "-", s->lr.line + 1,
						     s->lr.off, "cannot read standard input: %s",
						     strerror(rc));
			}
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, path, s->lr.line + 1,
					     s->lr.off, NULL,
					     "read error: %s; rest of file skipped", strerror(rc));
			return rc;
		}
		c->line_start_only = s->lr.u16 != 0;
		if (s->lr.u16 && !s->manifest)
			c->encoding = s->lr.u16 == 1 ? "UTF-16LE" : "UTF-16BE";
		if (s->lr.nbad) {
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EENCODING, path, s->lr.line,
					     s->lr.bad_at, NULL,
					     "invalid UTF-16: %zu byte%s replaced by U+FFFD (the "
					     "first here)", s->lr.nbad, s->lr.nbad == 1 ? "" : "s");
			if (rc)
				return rc;
		}
		rc = s->manifest ? manifest_line(c, s, line, len, s->lr.line, off)
				 : jsonl_line(c, s, line, len, s->lr.line, off);
		if (rc)
			return rc;
	}
}

/* ------------------------------------------------------------ directories */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A text file by its name: ".txt" or ".md" in any case (REDE.TXT, a.Md). */
static int has_text_ext(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && !strcasecmp(name + n - 4, ".txt")) ||
	       (n > 3 && !strcasecmp(name + n - 3, ".md"));
}

static int push_str(char ***arr, size_t *n, size_t *cap, const char *s)
{
	char *d;

	if (sw__grow((void **)arr, cap, *n + 1, sizeof **arr))
		return SW_ENOMEM;
	d = sw__strdup(s);
	if (!d)
		return SW_ENOMEM;
	(*arr)[(*n)++] = d;
	return SW_OK;
}

/* Nesting of directories walked at most (the walk recurses: a tree of a
 * million levels would overflow the stack). */
#define MAX_DEPTH 4096

/* List dir (full path in b, relative part from b->ptr + rel_at) into
 * s->ents.  Names are sorted per directory before anything is reported,
 * so warnings come in the same order on every file system; seen holds the
 * (dev, ino) of every directory entered, so a link loop ends. */
static int walk(sw_corpus *c, struct source *s, sw_buf *b, size_t rel_at, struct sw__smap *seen,
		int depth)
{
	char **names = NULL;
	size_t n = 0, cap = 0, i, base = b->len;
	struct dirent *e;
	struct stat st;
	struct { dev_t dev; ino_t ino; } key;
	DIR *d;
	int rc = 0;

	d = opendir_long(b->ptr);
	if (!d) {
		rc = errno;
		return sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, b->ptr, 0, -1, NULL,
				       "cannot read directory: %s; skipped", strerror(rc));
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && push_str(&names, &n, &cap, e->d_name)) {
			rc = sw__corpus_oom(c);
			break;
		}
	closedir(d);
	if (!rc && n)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n && !rc; i++) {
		b->len = base;
		if (sw_buf_putc(b, '/') || sw_buf_puts(b, names[i])) {
			rc = sw__corpus_oom(c);
			break;
		}
		if (stat_long(b->ptr, &st, 1) != 0) {
			int why = errno;
			/* A dangling link named like a text file is reported when
			 * its turn comes; any other entry that cannot be looked at
			 * (a link to a directory that cannot be entered, a link
			 * to nothing) is reported here: it may have held text. */
			if (has_text_ext(names[i])) {
				if (push_str(&s->ents, &s->n_ents, &s->cap_ents, b->ptr + rel_at))
					rc = sw__corpus_oom(c);
			} else {
				rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, b->ptr, 0, -1,
						     NULL, "cannot follow %s: %s; skipped",
						     stat_long(b->ptr, &st, 0) == 0 &&
								     S_ISLNK(st.st_mode)
							     ? "the symbolic link"
							     : "this entry",
						     strerror(why));
			}
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			memset(&key, 0, sizeof key);
			key.dev = st.st_dev;
			key.ino = st.st_ino;
			rc = sw__smap_put(seen, (const char *)&key, sizeof key, 0, 0, NULL);
			if (rc < 0) {
				rc = sw__corpus_oom(c);
			} else if (rc == 1) {
				rc = sw__corpus_warn(c, SW_WARN_NOTICE, SW_EIO, b->ptr, 0, -1, NULL,
						     "directory already visited (symbolic link "
						     "loop or second link); not entered again");
			} else if (depth >= MAX_DEPTH) {
				rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, b->ptr, 0, -1,
						     NULL,
						     "directories nested more than %d deep; not "
						     "entered", MAX_DEPTH);
			} else {
				rc = walk(c, s, b, rel_at, seen, depth + 1);
			}
			continue;
		}
		if (!has_text_ext(names[i]))
			continue;
		if (S_ISREG(st.st_mode)) {
			if (push_str(&s->ents, &s->n_ents, &s->cap_ents, b->ptr + rel_at))
				rc = sw__corpus_oom(c);
		} else {
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, b->ptr, 0, -1, NULL,
					     "not a regular file; skipped");
		}
	}
	for (i = 0; i < n; i++)
		sw__free(names[i]);
	sw__free(names);
	b->len = base;
	b->ptr[base] = '\0';
	return rc;
}

static int dir_open(sw_corpus *c, struct source *s)
{
	struct sw__smap seen = { NULL, 0, 0 };
	struct { dev_t dev; ino_t ino; } key;
	sw_buf b = SW_BUF_INIT;
	struct stat st;
	int rc;

	if (sw_buf_printf(&b, "%s/metadata.jsonl", s->path))
		return sw__corpus_oom(c);
	if (stat(b.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
		s->manifest = 1;
		s->meta_path = b.ptr;
		s->real = realpath(s->path, NULL); /* NULL: judged by ".." alone */
		rc = sw__lr_open(&s->lr, b.ptr);
		if (rc) {
			s->done = 1;
			return sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, b.ptr, 0, -1, NULL,
					       "cannot read the manifest: %s; directory skipped",
					       strerror(rc));
		}
		return SW_OK;
	}
	b.len = 0;
	rc = SW_OK;
	if (sw_buf_puts(&b, s->path))
		rc = sw__corpus_oom(c);
	if (!rc && stat(s->path, &st) == 0) {
		memset(&key, 0, sizeof key);
		key.dev = st.st_dev;
		key.ino = st.st_ino;
		if (sw__smap_put(&seen, (const char *)&key, sizeof key, 0, 0, NULL) < 0)
			rc = sw__corpus_oom(c);
	}
	if (!rc)
		rc = walk(c, s, &b, b.len + 1, &seen, 1);
	/* The walk lists directories in order, but "a-b.txt" sorts before
	 * "a/x.txt" by bytes: sort the whole list by relative path. */
	if (!rc && s->n_ents > 1)
		qsort(s->ents, s->n_ents, sizeof *s->ents, cmp_str);
	if (!rc && s->n_ents == 0)
		rc = sw__corpus_warn(c, SW_WARN_NOTICE, SW_EIO, s->path, 0, -1, NULL,
				     "no .txt or .md files in this directory or below it; "
				     "nothing read");
	sw__smap_free(&seen);
	sw_buf_free(&b);
	return rc;
}

static int dir_next(sw_corpus *c, struct source *s)
{
	const char *rel;
	int rc;

	while (s->i_ent < s->n_ents) {
		sw__doc_reset(c);
		rel = s->ents[s->i_ent++];
		sw_buf_clear(&c->pathbuf);
		if (sw_buf_printf(&c->pathbuf, "%s/%s", s->path, rel) ||
		    sw__doc_field_set(c, F_ID, rel, id_len_of(rel)) ||
		    sw__doc_field_set(c, F_SOURCE, c->pathbuf.ptr, c->pathbuf.len))
			return sw__corpus_oom(c);
		rc = file_doc(c, c->pathbuf.ptr, rel, NULL, 0, -1, 1);
		if (rc)
			return rc;
	}
	return 0;
}

/* ------------------------------------------------------------ other sources */

static int stdin_next(sw_corpus *c, struct source *s)
{
	int rc;

	if (s->done)
		return 0;
	s->done = 1;
	if (sw__doc_field_set(c, F_ID, "-", 1) || sw__doc_field_set(c, F_SOURCE, "-", 1))
		return SW_ENOMEM;
	rc = read_fd(&c->raw, 0, 0, (size_t)-1, NULL);
	if (rc == SW_ENOMEM)
		return sw__corpus_oom_reading(c, "-", 0, -1, c->raw.len);
	if (rc) {
		c->failed = SW_EIO;
		return sw__error_set(&c->ferr, SW_EIO, "-", 0, -1, "cannot read standard input: %s",
				     strerror(rc));
	}
	rc = decode_doc(c, c->raw.ptr, c->raw.len, "-");
	return rc <= 0 ? rc : sw__doc_finish(c, c->text.ptr, c->text.len);
}

static int text_next(sw_corpus *c, struct source *s)
{
	const char *id;
	int rc;

	if (s->done)
		return 0;
	s->done = 1;
	if (sw__doc_field_set(c, F_ID, s->id, strlen(s->id)) ||
	    sw__doc_field_set(c, F_SOURCE, s->id, strlen(s->id)))
		return SW_ENOMEM;
	id = s->id;
	if (s->group && sw__doc_field_set(c, F_GROUP, s->group, strlen(s->group)))
		return SW_ENOMEM;
	if (s->title && sw__doc_field_set(c, F_TITLE, s->title, strlen(s->title)))
		return SW_ENOMEM;
	if (s->date) {
		if (sw_date_valid(s->date, strlen(s->date))) {
			if (sw__doc_field_set(c, F_DATE, s->date, strlen(s->date)))
				return SW_ENOMEM;
		} else {
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, id, 0, -1, id,
					     "invalid date \"%s\" (expected YYYY, YYYY-MM or "
					     "YYYY-MM-DD naming a real day); document kept "
					     "without date", s->date);
			if (rc)
				return rc;
		}
	}
	rc = decode_doc(c, s->text, s->len, id);
	return rc <= 0 ? rc : sw__doc_finish(c, c->text.ptr, c->text.len);
}

static int file_next(sw_corpus *c, struct source *s)
{
	if (s->done)
		return 0;
	s->done = 1;
	if (sw__doc_field_set(c, F_ID, s->path, strlen(s->path)) ||
	    sw__doc_field_set(c, F_SOURCE, s->path, strlen(s->path)))
		return SW_ENOMEM;
	return file_doc(c, s->path, s->path, NULL, 0, -1, 0);
}

/* 1: a document; 0: the source is exhausted; negative: fatal. */
static int source_next(sw_corpus *c, struct source *s)
{
	int rc;

	if (!s->opened) {
		s->opened = 1;
		rc = 0;
		if (s->kind == SRC_DIR) {
			rc = dir_open(c, s);
		} else if (s->kind == SRC_JSONL) {
			rc = sw__lr_open(&s->lr, s->path);
			if (rc) {
				s->done = 1;
				rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, s->path, 0, -1,
						     NULL, "cannot read: %s; skipped",
						     strerror(rc));
			}
		}
		if (rc)
			return rc;
	}
	sw__doc_reset(c);
	switch (s->kind) {
	case SRC_FILE: return file_next(c, s);
	case SRC_STDIN: return stdin_next(c, s);
	case SRC_TEXT: return text_next(c, s);
	case SRC_JSONL: return s->done ? 0 : lines_next(c, s);
	case SRC_DIR:
		if (s->done)
			return 0;
		return s->manifest ? lines_next(c, s) : dir_next(c, s);
	}
	return 0;
}

static void source_free(struct source *s)
{
	size_t i;

	sw__free(s->path);
	sw__free(s->id);
	sw__free(s->text);
	sw__free(s->date);
	sw__free(s->group);
	sw__free(s->title);
	sw__free(s->meta_path);
	free(s->real); /* from realpath(3) */
	for (i = 0; i < s->n_ents; i++)
		sw__free(s->ents[i]);
	sw__free(s->ents);
	s->ents = NULL;
	s->n_ents = s->cap_ents = 0;
	if (s->opened)
		sw__lr_close(&s->lr);
}

/* Release what an exhausted source holds (its listing, its file). */
static void source_close(struct source *s)
{
	size_t i;

	for (i = 0; i < s->n_ents; i++)
		sw__free(s->ents[i]);
	sw__free(s->ents);
	s->ents = NULL;
	s->n_ents = s->cap_ents = s->i_ent = 0;
	if (s->opened)
		sw__lr_close(&s->lr);
}

/* ------------------------------------------------------------ public API */

static int corpus_new_impl(sw_corpus **out, const sw_corpus_options *opts, sw_error *err)
{
	sw_corpus *c = sw__calloc(1, sizeof *c);

	if (!c)
		return sw__error_oom(err);
	if (opts)
		c->opts = *opts;
	sw__doc_reset(c);
	*out = c;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_corpus_new(sw_corpus **out, const sw_corpus_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_corpus_new", out);
	return corpus_new_impl(out, opts, err);
}

void sw_corpus_free(sw_corpus *c)
{
	size_t i, k;

	if (!c)
		return;
	for (i = 0; i < c->n_src; i++)
		source_free(&c->src[i]);
	sw__free(c->src);
	for (i = 0; i < c->n_meta; i++) {
		sw__free(c->meta[i].date);
		sw__free(c->meta[i].group);
		sw__free(c->meta[i].title);
		for (k = 0; k < c->meta[i].n_extra; k++) {
			sw__free((char *)c->meta[i].extra[k].key);
			sw__free((char *)c->meta[i].extra[k].value);
		}
		sw__free(c->meta[i].extra);
		sw__free(c->meta[i].path);
	}
	sw__free(c->meta);
	for (i = 0; i < c->n_meta_files; i++)
		sw__free(c->meta_files[i]);
	sw__free(c->meta_files);
	sw__smap_free(&c->meta_by_id);
	sw__smap_free(&c->meta_by_path);
	sw__smap_free(&c->ids);
	if (c->json)
		json_decref(c->json);
	sw_buf_free(&c->raw);
	sw_buf_free(&c->text);
	sw_buf_free(&c->key);
	sw_buf_free(&c->fix);
	sw__free(c->flat);
	sw_buf_free(&c->strs);
	sw_buf_free(&c->pathbuf);
	sw__free(c->ex);
	sw__free(c->extra);
	sw__free(c);
}

static int add_source(sw_corpus *c, enum src_kind kind, const char *path, sw_error *err)
{
	struct source *s;
	size_t len;

	if (sw__grow((void **)&c->src, &c->cap_src, c->n_src + 1, sizeof *c->src))
		return sw__error_oom(err);
	s = &c->src[c->n_src];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->lr.fd = -1;
	len = strlen(path);
	/* "corpus/" and "corpus" give the same ids and sources. */
	while (kind == SRC_DIR && len > 1 && path[len - 1] == '/')
		len--;
	s->path = sw__strndup(path, len);
	if (!s->path)
		return sw__error_oom(err);
	c->n_src++;
	return SW_OK;
}

int sw_corpus_add_path(sw_corpus *c, const char *path, sw_error *err)
{
	struct stat st;

	if (!c || !path)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus or path");
	if (!strcmp(path, "-"))
		return add_source(c, SRC_STDIN, path, err);
	if (stat(path, &st) != 0)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
	return add_source(c, S_ISDIR(st.st_mode) ? SRC_DIR : SRC_FILE, path, err);
}

int sw_corpus_add_jsonl(sw_corpus *c, const char *path, sw_error *err)
{
	struct stat st;

	if (!c || !path)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus or path");
	if (strcmp(path, "-")) {
		if (stat(path, &st) != 0)
			return sw__error_set(err, SW_EIO, path, 0, -1, "cannot open: %s",
					     strerror(errno));
		if (S_ISDIR(st.st_mode))
			return sw__error_set(err, SW_EIO, path, 0, -1,
					     "is a directory, not a JSON Lines file");
	}
	return add_source(c, SRC_JSONL, path, err);
}

int sw_corpus_add_text(sw_corpus *c, const char *id, const char *text, size_t len,
		       const char *date, const char *group, const char *title, sw_error *err)
{
	struct source *s;

	if (!c || !id || (!text && len))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus, id or text");
	if (add_source(c, SRC_TEXT, id, err))
		return SW_ENOMEM;
	s = &c->src[c->n_src - 1];
	s->id = sw__strdup(id);
	s->text = sw__strndup(text ? text : "", len);
	s->len = len;
	s->date = date ? sw__strdup(date) : NULL;
	s->group = group ? sw__strdup(group) : NULL;
	s->title = title ? sw__strdup(title) : NULL;
	if (!s->id || !s->text || (date && !s->date) || (group && !s->group) ||
	    (title && !s->title)) {
		source_free(s);
		c->n_src--;
		return sw__error_oom(err);
	}
	return SW_OK;
}

/* Store one --meta line.  0 or negative (strict problem, OOM). */
static int meta_line(sw_corpus *c, const char *path, const json_t *o, long lineno,
		     long long off)
{
	const json_t *id = json_object_get(o, "id"), *p = json_object_get(o, "path"), *v;
	struct metarec *m;
	const char *k;
	char *idtext = NULL;
	size_t idx, old, cap_extra = 0;
	int rc = 0;

	if (id && json_is_null(id))
		id = NULL;
	if (!id && !json_is_string(p))
		return sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off, NULL,
				       "neither \"id\" nor a \"path\" string; line skipped");
	if (sw__grow((void **)&c->meta, &c->cap_meta, c->n_meta + 1, sizeof *c->meta))
		return SW_ENOMEM;
	idx = c->n_meta++;
	m = &c->meta[idx];
	memset(m, 0, sizeof *m);
	m->file = c->n_meta_files - 1;
	m->line = lineno;
	if (json_is_string(p) && !(m->path = sw__strdup(json_string_value(p))))
		return SW_ENOMEM;
	if (id && !(idtext = sw__doc_json_dup(id)))
		return SW_ENOMEM;
	json_object_foreach((json_t *)o, k, v) {
		char *val, *key;

		if (!strcmp(k, "id") || !strcmp(k, "path") ||
		    (sw__doc_core_key(k) && json_is_null(v)))
			continue;
		if (!strcmp(k, "date") &&
		    !(json_is_string(v) && sw_date_valid(json_string_value(v),
							 json_string_length(v)))) {
			val = sw__doc_json_dup(v);
			if (!val) {
				rc = SW_ENOMEM;
				break;
			}
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext,
					     "invalid date %s%s%s (expected YYYY, YYYY-MM or "
					     "YYYY-MM-DD naming a real day); record kept without "
					     "date", json_is_string(v) ? "\"" : "", val,
					     json_is_string(v) ? "\"" : "");
			sw__free(val);
			if (rc)
				break;
			continue;
		}
		val = sw__doc_json_dup(v);
		if (!val) {
			rc = SW_ENOMEM;
			break;
		}
		if (!strcmp(k, "date") || !strcmp(k, "group") || !strcmp(k, "title")) {
			char **slot = k[0] == 'd' ? &m->date : k[0] == 'g' ? &m->group : &m->title;
			*slot = val;
			continue;
		}
		key = sw__strdup(k);
		if (!key || sw__grow((void **)&m->extra, &cap_extra, m->n_extra + 1,
				     sizeof *m->extra)) {
			sw__free(key);
			sw__free(val);
			rc = SW_ENOMEM;
			break;
		}
		m->extra[m->n_extra].key = key;
		m->extra[m->n_extra++].value = val;
	}
	if (!rc && idtext) {
		rc = sw__smap_put(&c->meta_by_id, idtext, strlen(idtext), idx, 1, &old);
		if (rc == 1)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext,
					     "second metadata record for id \"%s\"; it replaces "
					     "the one on an earlier line", idtext);
	}
	if (!rc && json_is_string(p)) {
		k = json_string_value(p);
		rc = sw__smap_put(&c->meta_by_path, k, strlen(k), idx, 1, &old);
		if (rc == 1)
			rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EFORMAT, path, lineno, off,
					     idtext,
					     "second metadata record for path \"%s\"; it replaces "
					     "the one on an earlier line", k);
	}
	sw__free(idtext);
	return rc;
}

int sw_corpus_add_meta(sw_corpus *c, const char *path, sw_error *err)
{
	struct sw__lreader r;
	const char *line;
	long long off;
	size_t len;
	json_t *o;
	int rc;

	if (!c || !path)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus or path");
	if (c->failed)
		goto fail;
	rc = sw__lr_open(&r, path);
	if (rc)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read metadata: %s",
				     strerror(rc));
	if (push_str(&c->meta_files, &c->n_meta_files, &c->cap_meta_files, path)) {
		sw__lr_close(&r);
		return sw__error_oom(err);
	}
	for (;;) {
		rc = sw__lr_next(&r, &line, &len, &off);
		if (rc == SW_LR_EOF)
			break;
		if (rc == SW_ENOMEM) {
			sw__corpus_oom_reading(c, path, r.line + 1, r.off, r.end - r.start);
			break;
		}
		if (rc == SW_LR_ERROR) {
			sw__error_set(err, SW_EIO, path, r.line + 1, r.off,
				      "cannot read metadata: %s", strerror(r.err));
			sw__lr_close(&r);
			return SW_EIO;
		}
		c->line_start_only = r.u16 != 0;
		if (r.nbad && sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EENCODING, path, r.line,
					      r.bad_at, NULL,
					      "invalid UTF-16: %zu byte%s replaced by U+FFFD (the "
					      "first here)", r.nbad, r.nbad == 1 ? "" : "s"))
			break;
		rc = parse_line(c, path, line, len, r.line, off, 0, &o);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		rc = meta_line(c, path, o, r.line, off);
		json_decref(o);
		if (rc == SW_ENOMEM)
			sw__corpus_oom(c);
		if (rc < 0)
			break;
	}
	sw__lr_close(&r);
	if (!c->failed)
		return SW_OK;
fail:
	if (err)
		*err = c->ferr;
	return c->failed;
}

/* After the last document: a --meta record whose "path" names no file
 * (neither below a directory input nor as given) is a problem, since its
 * metadata silently went nowhere (a typo, a renamed file).  A record for
 * a file that exists but was not among the inputs is fine: one metadata
 * file often serves several selections of a corpus. */
static int check_meta(sw_corpus *c)
{
	struct stat st;
	size_t i, k;
	int found, rc;

	for (i = 0; i < c->n_meta; i++) {
		const struct metarec *m = &c->meta[i];
		if (m->used || !m->path)
			continue;
		found = stat(m->path, &st) == 0;
		for (k = 0; !found && m->path[0] != '/' && k < c->n_src; k++) {
			if (c->src[k].kind != SRC_DIR)
				continue;
			sw_buf_clear(&c->pathbuf);
			if (sw_buf_printf(&c->pathbuf, "%s/%s", c->src[k].path, m->path))
				return sw__corpus_oom(c);
			found = stat(c->pathbuf.ptr, &st) == 0;
		}
		if (found)
			continue;
		rc = sw__corpus_warn(c, SW_WARN_PROBLEM, SW_EIO, c->meta_files[m->file], m->line,
				     -1, NULL,
				     "metadata for path \"%s\": no such file (in any directory "
				     "input or as given); record unused", m->path);
		if (rc)
			return rc;
	}
	return 0;
}

int sw_corpus_next(const sw_doc **doc_out, sw_corpus *c, sw_error *err)
{
	struct source *s;
	int rc;

	if (!c || !doc_out)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "no corpus or output");
	while (!c->failed && c->si < c->n_src) {
		s = &c->src[c->si];
		rc = source_next(c, s);
		if (rc > 0) {
			*doc_out = &c->doc;
			return 1;
		}
		if (rc < 0) {
			if (!c->failed) {
				c->failed = rc;
				sw__error_set(&c->ferr, rc, s->path, 0, -1, NULL);
			}
			break;
		}
		source_close(s);
		c->si++;
	}
	if (!c->failed && !c->meta_checked) {
		c->meta_checked = 1;
		rc = check_meta(c);
		if (rc < 0 && !c->failed) {
			c->failed = rc;
			sw__error_set(&c->ferr, rc, NULL, 0, -1, NULL);
		}
	}
	if (!c->failed) {
		sw__doc_reset(c);
		return 0;
	}
	if (err)
		*err = c->ferr;
	return c->failed;
}

size_t sw_corpus_problems(const sw_corpus *c)
{
	return c ? c->problems : 0;
}

const char *sw_doc_meta(const sw_doc *doc, const char *key)
{
	size_t i;

	if (!doc || !key)
		return NULL;
	for (i = 0; i < doc->n_extra; i++)
		if (!strcmp(doc->extra[i].key, key))
			return doc->extra[i].value;
	return NULL;
}

int sw_date_valid(const char *s, size_t len)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (!s || (len != 4 && len != 7 && len != 10))
		return 0;
	for (i = 0; i < (int)len; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (y < 1000)
		return 0;
	if (len == 4)
		return 1;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (len == 7)
		return 1;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return d >= 1 && d <= 29;
	return d >= 1 && d <= days[m - 1];
}
