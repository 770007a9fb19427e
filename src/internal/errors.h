/*
 * internal/errors.h - filling an sw_error.
 */
#ifndef SW_INTERNAL_ERRORS_H
#define SW_INTERNAL_ERRORS_H

#include "stichwort/error.h"

/* Fill err (if not NULL) and return code, so that callers can write
 * `return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read: %s", ...)`.
 * offset -1 means "no offset". */
int sw__error_set(sw_error *err, int code, const char *path, long line, long long offset,
		  const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* Shorthand for SW_ENOMEM. */
int sw__error_oom(sw_error *err);

/* A public entry point given NULL for a pointer it needs (the rule in
 * stichwort/error.h): SW_EINVAL, "FUNC: ARG is NULL" in err. */
int sw__error_null(sw_error *err, const char *func, const char *arg);

/* Return sw__error_null() from FUNC when p is NULL. */
#define SW__NEED(err, func, p)                                          \
	do {                                                            \
		if (!(p))                                               \
			return sw__error_null((err), (func), #p);       \
	} while (0)

#endif
