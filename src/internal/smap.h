/*
 * internal/smap.h - an open-addressing map from byte strings (copied) to
 * size_t.  The corpus reader keeps in it the ids seen, the --meta records
 * by id and by path, and the (dev, ino) pairs of visited directories.
 */
#ifndef SW_INTERNAL_SMAP_H
#define SW_INTERNAL_SMAP_H

#include <stddef.h>
#include <stdint.h>

struct sw__smap_ent {
	char *key;   /* owned copy, NULL when the slot is empty */
	size_t len;  /* bytes of key */
	uint64_t h;  /* hash of key */
	size_t val;  /* payload */
};

struct sw__smap {
	struct sw__smap_ent *t;
	size_t cap, n; /* cap is 0 or a power of two */
};

/* The value of k in *val: 1 if k is present, else 0. */
int sw__smap_get(const struct sw__smap *m, const char *k, size_t len, size_t *val);

/* Insert k -> val.  Returns 1 if k was present (*old gets its value, which
 * is replaced only if replace is set), 0 if inserted, SW_ENOMEM. */
int sw__smap_put(struct sw__smap *m, const char *k, size_t len, size_t val, int replace,
		 size_t *old);

/* Free the keys and the table; m is then empty and may be used again. */
void sw__smap_free(struct sw__smap *m);

#endif
