/*
 * internal/lreader.h - reading a file line by line in large blocks, a
 * UTF-16 file transcoded to UTF-8 on the way (JSON Lines files,
 * manifests, --meta files).
 */
#ifndef SW_INTERNAL_LREADER_H
#define SW_INTERNAL_LREADER_H

#include <stddef.h>

struct sw__lstart;

/* Reads a file line by line in BLOCK-sized reads.  A returned line points
 * into buf and lives until the next call. */
struct sw__lreader {
	int fd;           /* -1 when closed */
	int own;          /* close fd at the end (not for stdin) */
	char *buf;
	size_t cap;
	size_t start;     /* first unread byte */
	size_t end;       /* end of the bytes read */
	size_t scan;      /* bytes after start known to hold no '\n' */
	size_t block;     /* read size: BLOCK, or less for a small file */
	int eof;
	long line;        /* number of the line returned last */
	long long off;    /* offset of buf[start] in the (UTF-8) stream */
	int err;          /* errno of a failed read */
	/* A file that starts with a UTF-16 byte order mark (Windows
	 * PowerShell 5 writes JSON Lines so) is transcoded to UTF-8 as it is
	 * read, and the line splitter above sees UTF-8 only. */
	int probed;       /* the first read was looked at */
	int u16;          /* 0: bytes as they are; 1 UTF-16LE, 2 UTF-16BE */
	unsigned char *raw; /* UTF-16 bytes read, not yet transcoded */
	size_t rlen, rcap; /* bytes in raw, its size */
	long long rpos;   /* file offset of raw[0] */
	int raw_eof;
	struct sw__lstart *ls; /* UTF-16: the lines not yet handed out */
	size_t ls_head, ls_n, ls_cap;
	long long bad_at; /* UTF-16, the line returned last: first bad unit, */
	size_t nbad;      /* and bytes replaced by U+FFFD (0: none) */
};

/* Results of the line reader (besides SW_ENOMEM). */
enum { SW_LR_EOF = 0, SW_LR_LINE = 1, SW_LR_ERROR = 2 };

/* Open path ("-": standard input) for reading.  0 or an errno (EISDIR
 * for a directory); sw__lr_close() may be called either way. */
int sw__lr_open(struct sw__lreader *r, const char *path);

/* Close the file (not standard input) and free the buffers. */
void sw__lr_close(struct sw__lreader *r);

/* Next line without its "\n" (or "\r\n").  SW_LR_LINE, SW_LR_EOF, SW_LR_ERROR
 * (r->err holds errno) or SW_ENOMEM.  *off is the line's offset in the
 * file (for a UTF-16 file too: the transcoded line starts there). */
int sw__lr_next(struct sw__lreader *r, const char **line, size_t *len, long long *off);

#endif
