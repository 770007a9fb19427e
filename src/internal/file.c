/*
 * internal/file.c - reading a whole file (see internal/file.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/file.h"

int sw__read_file(char **out, size_t *len, const char *path, const char *what, size_t max,
		  sw_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!what)
		what = path;
	if (!f)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot open %s: %s", what,
				     strerror(errno));
	for (;;) {
		size_t got;
		if (sw__grow((void **)&buf, &cap, n + 65536 + 1, 1)) {
			fclose(f);
			sw__free(buf);
			return sw__error_oom(err);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
		if (max && n > max) {
			fclose(f);
			sw__free(buf);
			return sw__error_set(err, SW_EFORMAT, path, 0, -1, "%s is larger than %zu bytes",
					     what, max);
		}
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		sw__free(buf);
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read %s: %s", what, strerror(e));
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return SW_OK;
}
