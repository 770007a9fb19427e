/*
 * buf.c - growable byte buffer (see stichwort/buf.h).
 *
 * Invariant: when ptr is not NULL, ptr[len] == '\0' and len < cap.
 */
#include <stdio.h>
#include <string.h>

#include "stichwort/buf.h"
#include "stichwort/error.h"
#include "internal/alloc.h"

int sw_buf_reserve(sw_buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (extra > ((size_t)-1) - b->len - 1)
		return SW_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return SW_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > ((size_t)-1) / 2 ? need : ncap * 2;
	p = sw__realloc(b->ptr, ncap);
	if (!p)
		return SW_ENOMEM;
	if (!b->ptr)
		p[0] = '\0';
	b->ptr = p;
	b->cap = ncap;
	return SW_OK;
}

int sw_buf_put(sw_buf *b, const char *s, size_t len)
{
	if (sw_buf_reserve(b, len) != SW_OK)
		return SW_ENOMEM;
	if (len)
		memcpy(b->ptr + b->len, s, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return SW_OK;
}

int sw_buf_puts(sw_buf *b, const char *s)
{
	return sw_buf_put(b, s, strlen(s));
}

int sw_buf_putc(sw_buf *b, char c)
{
	return sw_buf_put(b, &c, 1);
}

int sw_buf_vprintf(sw_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return SW_EINVAL;
	if (sw_buf_reserve(b, (size_t)n) != SW_OK)
		return SW_ENOMEM;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return SW_OK;
}

int sw_buf_printf(sw_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sw_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void sw_buf_clear(sw_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void sw_buf_free(sw_buf *b)
{
	if (!b)
		return;
	sw__free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
