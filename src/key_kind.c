/*
 * key_kind.c - the counting keys by name ("stem", "lemma"), for options
 * such as --key (see stichwort/terms.h).
 */
#include <stddef.h>
#include <string.h>

#include "stichwort/terms.h"
#include "internal/errors.h"

static const char *const key_names[] = { "stem", "lemma" };

int sw_key_kind_parse(sw_key_kind *out, const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof key_names / sizeof *key_names; i++)
		if (strcmp(name, key_names[i]) == 0) {
			*out = (sw_key_kind)i;
			return SW_OK;
		}
	return SW_EINVAL;
}

const char *sw_key_kind_name(sw_key_kind kind)
{
	return (unsigned)kind < sizeof key_names / sizeof *key_names ? key_names[kind] : "stem";
}
