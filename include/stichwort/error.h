/*
 * stichwort/error.h - status codes and error details.
 *
 * Every fallible function in libstichwort returns an int: SW_OK (0) on
 * success or one of the negative sw_status codes below.  When the caller
 * passes a non-NULL sw_error, the function fills it on failure with the
 * file, line and byte offset involved and an English message.  The
 * library never allocates an sw_error, never prints and never exits.
 *
 * NULL arguments, the same rule everywhere: every constructor (the
 * sw_*_new() functions) and loader (sw_pipeline_load(), sw_reflist_parse()
 * and _load(), sw_themes_parse(), _load() and _from_terms()) returns
 * SW_EINVAL, with "FUNCTION: ARGUMENT is NULL" in err when err is not
 * NULL, for a NULL out pointer or a NULL object it needs; it does not
 * crash.  Options pointers may be NULL (the defaults), and so may err, and
 * the arguments each function documents as optional.  *out is left
 * unchanged then.  The *_free() functions take NULL as a no-op.  The
 * accessors and per-token calls (sw_counts_ndocs(), sw_analyze(), ...)
 * are not checked: they take what a constructor returned.
 */
#ifndef STICHWORT_ERROR_H
#define STICHWORT_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes.  Zero is success; every error is negative. */
typedef enum sw_status {
	SW_OK = 0,         /**< success */
	SW_ENOMEM = -1,    /**< allocation failed; the object is unchanged */
	SW_EINVAL = -2,    /**< bad argument or option value */
	SW_EENCODING = -3, /**< input not decodable (see sw_error.offset) */
	SW_EIO = -4,       /**< read or write failed (see sw_error.path) */
	SW_EFORMAT = -5,   /**< malformed JSONL, metadata or list file line */
	SW_EINTERNAL = -6  /**< a dependency failed unexpectedly */
} sw_status;

/**
 * Details of a failure, filled by the library when the caller passes one.
 * All strings are NUL-terminated and truncated to fit.  Fields that do
 * not apply are "" or 0.
 */
typedef struct sw_error {
	int code;          /**< the sw_status returned */
	char path[512];    /**< file involved, or "" */
	long line;         /**< 1-based line in that file, or 0 */
	long long offset;  /**< byte offset in the file or document, or -1 */
	char message[512]; /**< what went wrong, in English */
} sw_error;

/** Static English text for a status code; never NULL. */
const char *sw_strerror(int status);

/**
 * Format err as "path:line: byte N: message" (parts that do not apply are
 * left out) into out, truncating to size bytes including the NUL.
 * Returns out.
 */
char *sw_error_format(char *out, size_t size, const sw_error *err);

#ifdef __cplusplus
}
#endif
#endif
