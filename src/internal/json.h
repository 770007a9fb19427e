/*
 * internal/json.h - walking raw JSON text that jansson checks (or has
 * checked): the JSON Lines fast path finds a line's "text" value, the
 * theme dictionary finds where a bad pattern stands.  Nothing here
 * validates; a walk that runs off the end says so.
 */
#ifndef SW_INTERNAL_JSON_H
#define SW_INTERNAL_JSON_H

#include <stddef.h>

/* Returned for a string or container that does not end in s[0..len). */
#define SW_JSON_END ((size_t)-1)

/* Index of the first non-whitespace byte at or after i (len if none). */
size_t sw__json_skip_ws(const char *s, size_t len, size_t i);

/* Index after the closing quote of the string opening at s[i]. */
size_t sw__json_skip_string(const char *s, size_t len, size_t i);

/* Index after the value starting at s[i]: a string, an object or array
 * (brackets counted outside strings), or a scalar (up to a comma, a
 * closing bracket or whitespace). */
size_t sw__json_skip_value(const char *s, size_t len, size_t i);

#endif
