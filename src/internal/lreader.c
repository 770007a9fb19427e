/*
 * internal/lreader.c - the line reader of internal/lreader.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stichwort/error.h"
#include "internal/alloc.h"
#include "internal/lreader.h"
#include "internal/utf8.h"

/* Read size of the line reader.  Large blocks keep read(2) calls rare on
 * the 60 MB JSONL corpus; a line longer than a block grows the buffer.
 * A regular file smaller than a block is read in one block of its size
 * (at least MIN_BLOCK), so a small file does not cost a megabyte. */
#define BLOCK (1u << 20)
#define MIN_BLOCK (1u << 12)

/* A line of a UTF-16 file: where it starts in the file, its damage. */
struct sw__lstart {
	long long start, bad_at;
	size_t nbad;
};

#define RAW_BLOCK (1u << 16)

int sw__lr_open(struct sw__lreader *r, const char *path)
{
	struct stat st;

	memset(r, 0, sizeof *r);
	r->fd = -1;
	r->block = BLOCK;
	if (!strcmp(path, "-")) {
		r->fd = 0;
		return 0;
	}
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return errno;
	r->own = 1;
	if (fstat(r->fd, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		close(r->fd);
		r->fd = -1;
		return EISDIR;
	}
	if (S_ISREG(st.st_mode) && st.st_size >= 0 && (unsigned long long)st.st_size < BLOCK) {
		/* the size plus one, so that the end is seen in the first read */
		r->block = (size_t)st.st_size + 1;
		r->block = r->block < MIN_BLOCK ? MIN_BLOCK : r->block;
	}
	return 0;
}

void sw__lr_close(struct sw__lreader *r)
{
	if (r->own && r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	sw__free(r->buf);
	r->buf = NULL;
	sw__free(r->raw);
	r->raw = NULL;
	sw__free(r->ls);
	r->ls = NULL;
	r->ls_head = r->ls_n = r->ls_cap = 0;
}

/* A new line of a UTF-16 file starts at file offset start. */
static int lr_line_start(struct sw__lreader *r, long long start)
{
	if (r->ls_head > 4096 && 2 * r->ls_head > r->ls_n) {
		memmove(r->ls, r->ls + r->ls_head, (r->ls_n - r->ls_head) * sizeof *r->ls);
		r->ls_n -= r->ls_head;
		r->ls_head = 0;
	}
	if (sw__grow((void **)&r->ls, &r->ls_cap, r->ls_n + 1, sizeof *r->ls))
		return SW_ENOMEM;
	r->ls[r->ls_n].start = start;
	r->ls[r->ls_n].bad_at = -1;
	r->ls[r->ls_n].nbad = 0;
	r->ls_n++;
	return 0;
}

/* A bad unit (lone surrogate, odd last byte) of n bytes at file offset at,
 * in the line being transcoded. */
static void lr_bad(struct sw__lreader *r, long long at, size_t n)
{
	struct sw__lstart *l = &r->ls[r->ls_n - 1];

	if (!l->nbad)
		l->bad_at = at;
	l->nbad += n;
}

/* Transcode the UTF-16 bytes in r->raw into dst (cap bytes, at least 4):
 * whole units only, a surrogate pair only with both halves unless the
 * file has ended.  Lone surrogates and an odd last byte become U+FFFD.
 * The number of bytes written, or SW_ENOMEM. */
static long lr_transcode(struct sw__lreader *r, char *dst, size_t cap)
{
	const unsigned char *u = r->raw;
	size_t i = 0, o = 0, step;
	unsigned a, b;
	uint32_t cp;
	int be = r->u16 == 2;

	while (cap - o >= 4 && i < r->rlen) {
		if (i + 1 >= r->rlen) {
			if (!r->raw_eof)
				break;
			lr_bad(r, r->rpos + (long long)i, 1);
			memcpy(dst + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			continue;
		}
		a = be ? (unsigned)(u[i] << 8 | u[i + 1]) : (unsigned)(u[i + 1] << 8 | u[i]);
		cp = a;
		step = 2;
		if (a >= 0xD800 && a <= 0xDBFF) {
			if (i + 3 >= r->rlen && !r->raw_eof)
				break; /* the other half is not read yet */
			if (i + 3 < r->rlen) {
				b = be ? (unsigned)(u[i + 2] << 8 | u[i + 3])
				       : (unsigned)(u[i + 3] << 8 | u[i + 2]);
				if (b >= 0xDC00 && b <= 0xDFFF) {
					cp = 0x10000 + ((a - 0xD800) << 10) + (b - 0xDC00);
					step = 4;
				}
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			lr_bad(r, r->rpos + (long long)i, 2);
			cp = 0xFFFD;
		}
		o += (size_t)sw__utf8_encode((int32_t)cp, dst + o);
		i += step;
		if (cp == '\n' && lr_line_start(r, r->rpos + (long long)i))
			return SW_ENOMEM;
	}
	memmove(r->raw, r->raw + i, r->rlen - i);
	r->rlen -= i;
	r->rpos += (long long)i;
	return (long)o;
}

/* Read the next bytes of the stream into dst (cap >= 4): the file's own,
 * or its UTF-16 transcoded.  *got 0 at the end.  0, SW_LR_ERROR (r->err),
 * SW_ENOMEM. */
static int lr_fill(struct sw__lreader *r, char *dst, size_t cap, size_t *got)
{
	ssize_t n;
	long t;

	if (!r->u16) {
		do
			n = read(r->fd, dst, cap);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			r->err = errno;
			return SW_LR_ERROR;
		}
		*got = (size_t)n;
		if (r->probed)
			return 0;
		r->probed = 1;
		if (n < 2 || !(((unsigned char)dst[0] == 0xFF && (unsigned char)dst[1] == 0xFE) ||
			       ((unsigned char)dst[0] == 0xFE && (unsigned char)dst[1] == 0xFF)))
			return 0;
		/* UTF-16: what was read goes through the transcoder */
		r->u16 = (unsigned char)dst[0] == 0xFE ? 2 : 1;
		r->rcap = RAW_BLOCK > (size_t)n ? RAW_BLOCK : (size_t)n;
		if (!(r->raw = sw__malloc(r->rcap)))
			return SW_ENOMEM;
		memcpy(r->raw, dst + 2, (size_t)n - 2);
		r->rlen = (size_t)n - 2;
		r->rpos = 2;
		if (lr_line_start(r, 0))
			return SW_ENOMEM;
	}
	for (;;) {
		t = lr_transcode(r, dst, cap);
		if (t < 0)
			return SW_ENOMEM;
		if (t > 0 || (r->raw_eof && !r->rlen)) {
			*got = (size_t)t;
			return 0;
		}
		/* only a few bytes are left here: a unit, half a pair */
		do
			n = read(r->fd, r->raw + r->rlen, r->rcap - r->rlen);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			r->err = errno;
			return SW_LR_ERROR;
		}
		if (n == 0)
			r->raw_eof = 1;
		r->rlen += (size_t)n;
	}
}

int sw__lr_next(struct sw__lreader *r, const char **line, size_t *len, long long *off)
{
	char *nl;
	size_t n, ncap, got;
	int rc;

	for (;;) {
		nl = r->end - r->start > r->scan
			     ? memchr(r->buf + r->start + r->scan, '\n',
				      r->end - r->start - r->scan)
			     : NULL;
		if (nl || (r->eof && r->end > r->start)) {
			n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
			*line = r->buf + r->start;
			*off = r->off;
			r->off += (long long)(n + (nl != NULL));
			r->start += n + (nl != NULL);
			r->scan = 0;
			r->line++;
			if (r->u16) {
				/* offsets of a UTF-16 file: the line's start in it */
				const struct sw__lstart *l = &r->ls[r->ls_head++];
				*off = l->start;
				r->bad_at = l->bad_at;
				r->nbad = l->nbad;
			}
			if (n && (*line)[n - 1] == '\r')
				n--;
			/* A UTF-8 BOM at the start of the file is no part of the
			 * first record. */
			if (*off == 0 && n >= 3 && !memcmp(*line, "\xEF\xBB\xBF", 3)) {
				*line += 3;
				n -= 3;
			}
			*len = n;
			return SW_LR_LINE;
		}
		if (r->eof)
			return SW_LR_EOF;
		r->scan = r->end - r->start;
		if (r->start) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->start = 0;
		}
		if (r->cap - r->end < r->block) {
			ncap = r->cap ? 2 * r->cap : r->block;
			while (ncap - r->end < r->block)
				ncap *= 2;
			nl = sw__realloc(r->buf, ncap);
			if (!nl)
				return SW_ENOMEM;
			r->buf = nl;
			r->cap = ncap;
		}
		rc = lr_fill(r, r->buf + r->end, r->cap - r->end, &got);
		if (rc)
			return rc;
		if (got == 0)
			r->eof = 1;
		r->end += got;
	}
}
