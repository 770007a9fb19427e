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
 * docbuild.h); JSON Lines sources are read by jsonl.c, --meta files by
 * meta.c.
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
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "stichwort/corpus.h"
#include "docbuild.h"
#include "internal/alloc.h"
#include "internal/errors.h"
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
	if (rel && sw__meta_apply(c, rel, full))
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

	rc = sw__jsonl_parse_line(c, s->meta_path, line, len, lineno, off, 0, &o);
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
	if (sw__jsonl_set_id(c, o, rel, id_len_of(rel)))
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
	rc = sw__jsonl_set_fields(c, o, "path", s->meta_path, lineno, off);
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
				 : sw__jsonl_line(c, s, line, len, s->lr.line, off);
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

int sw__corpus_push_str(char ***arr, size_t *n, size_t *cap, const char *s)
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
		if (e->d_name[0] != '.' && sw__corpus_push_str(&names, &n, &cap, e->d_name)) {
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
				if (sw__corpus_push_str(&s->ents, &s->n_ents, &s->cap_ents,
							b->ptr + rel_at))
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
			if (sw__corpus_push_str(&s->ents, &s->n_ents, &s->cap_ents,
						b->ptr + rel_at))
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
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_src; i++)
		source_free(&c->src[i]);
	sw__free(c->src);
	sw__meta_free(c);
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
		rc = sw__meta_check(c);
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
