/*
 * stichwort/buf.h - growable byte buffer.
 *
 * Every string the library builds for a caller goes into a caller-owned
 * sw_buf.  The struct is transparent: ptr[0..len) holds the bytes and
 * ptr[len] is always a NUL when ptr is not NULL, so the contents can be
 * used as a C string when they contain no NUL bytes.
 */
#ifndef STICHWORT_BUF_H
#define STICHWORT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A growable byte buffer.  Initialise with SW_BUF_INIT. */
typedef struct sw_buf {
	char *ptr;  /**< the bytes, NUL-terminated; NULL while empty and unused */
	size_t len; /**< bytes in use, not counting the NUL */
	size_t cap; /**< bytes allocated */
} sw_buf;

#define SW_BUF_INIT { NULL, 0, 0 }

/** Make room for extra more bytes (plus the NUL).  SW_OK or SW_ENOMEM. */
int sw_buf_reserve(sw_buf *b, size_t extra);

/** Append len bytes of s.  SW_OK or SW_ENOMEM (b unchanged). */
int sw_buf_put(sw_buf *b, const char *s, size_t len);

/** Append a NUL-terminated string.  SW_OK or SW_ENOMEM (b unchanged). */
int sw_buf_puts(sw_buf *b, const char *s);

/** Append one byte.  SW_OK or SW_ENOMEM (b unchanged). */
int sw_buf_putc(sw_buf *b, char c);

/** Append printf-style formatted text.  SW_OK, SW_ENOMEM or SW_EINVAL. */
int sw_buf_printf(sw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/** Like sw_buf_printf() with a va_list. */
int sw_buf_vprintf(sw_buf *b, const char *fmt, va_list ap);

/** Forget the contents but keep the allocation. */
void sw_buf_clear(sw_buf *b);

/** Release the allocation; b is SW_BUF_INIT again.  NULL is a no-op. */
void sw_buf_free(sw_buf *b);

#ifdef __cplusplus
}
#endif
#endif
