/*
 * error.c - status texts and error formatting (see stichwort/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "stichwort/error.h"
#include "internal/errors.h"
#include "stichwort/version.h"

const char *sw_strerror(int status)
{
	switch (status) {
	case SW_OK: return "success";
	case SW_ENOMEM: return "out of memory";
	case SW_EINVAL: return "invalid argument";
	case SW_EENCODING: return "input cannot be decoded";
	case SW_EIO: return "input/output error";
	case SW_EFORMAT: return "malformed input";
	case SW_EINTERNAL: return "internal error";
	default: return "unknown error";
	}
}

char *sw_error_format(char *out, size_t size, const sw_error *err)
{
	size_t n = 0;
	int w;

	if (!size)
		return out;
	out[0] = '\0';
	if (!err)
		return out;
#define ADD(...)                                                        \
	do {                                                            \
		if (n < size) {                                         \
			w = snprintf(out + n, size - n, __VA_ARGS__);   \
			if (w > 0)                                      \
				n += (size_t)w;                         \
		}                                                       \
	} while (0)
	if (err->path[0])
		ADD("%s:", err->path);
	if (err->line > 0)
		ADD("%ld:", err->line);
	if (err->offset >= 0 && (err->path[0] || err->line > 0))
		ADD(" byte %lld:", err->offset);
	if (n)
		ADD(" ");
	ADD("%s", err->message[0] ? err->message : sw_strerror(err->code));
#undef ADD
	return out;
}

int sw__error_set(sw_error *err, int code, const char *path, long line, long long offset,
		  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->offset = offset;
	snprintf(err->path, sizeof err->path, "%s", path ? path : "");
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
	} else {
		snprintf(err->message, sizeof err->message, "%s", sw_strerror(code));
	}
	return code;
}

int sw__error_oom(sw_error *err)
{
	return sw__error_set(err, SW_ENOMEM, NULL, 0, -1, NULL);
}

const char *sw_version(void)
{
	return SW_VERSION_STRING;
}

int sw__error_null(sw_error *err, const char *func, const char *arg)
{
	return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "%s: %s is NULL", func, arg);
}
