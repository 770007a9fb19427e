/*
 * internal/file.h - reading a whole file (a theme dictionary, a lexicon).
 */
#ifndef SW_INTERNAL_FILE_H
#define SW_INTERNAL_FILE_H

#include <stddef.h>

#include "stichwort/error.h"

/* Read the file at path into a new buffer *out (len bytes, followed by a
 * NUL the length does not count; free with sw__free()).  what names the
 * file in messages ("the lexicon"; NULL: the path).  A file over max
 * bytes (0: no limit) is SW_EFORMAT.  SW_OK, SW_EIO (cannot open or
 * read: the reason), SW_ENOMEM. */
int sw__read_file(char **out, size_t *len, const char *path, const char *what, size_t max,
		  sw_error *err);

#endif
