/*
 * internal/smap.c - the string map of internal/smap.h.
 */
#include <string.h>

#include "stichwort/error.h"
#include "internal/alloc.h"
#include "internal/smap.h"
#include "internal/utf8.h"

#define HASH_SEED 0x5717c4u

static struct sw__smap_ent *smap_slot(const struct sw__smap *m, const char *k, size_t len,
				      uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->t[i].key &&
	       !(m->t[i].h == h && m->t[i].len == len && !memcmp(m->t[i].key, k, len)))
		i = (i + 1) & (m->cap - 1);
	return &m->t[i];
}

int sw__smap_get(const struct sw__smap *m, const char *k, size_t len, size_t *val)
{
	struct sw__smap_ent *e;

	if (!m->n)
		return 0;
	e = smap_slot(m, k, len, sw__hash(k, len, HASH_SEED));
	if (!e->key)
		return 0;
	*val = e->val;
	return 1;
}

int sw__smap_put(struct sw__smap *m, const char *k, size_t len, size_t val, int replace,
		 size_t *old)
{
	uint64_t h = sw__hash(k, len, HASH_SEED);
	struct sw__smap_ent *e, *nt;
	size_t i, ncap;

	if (2 * (m->n + 1) > m->cap) {
		ncap = m->cap ? 2 * m->cap : 64;
		nt = sw__calloc(ncap, sizeof *nt);
		if (!nt)
			return SW_ENOMEM;
		for (i = 0; i < m->cap; i++) {
			struct sw__smap tmp = { nt, ncap, 0 };
			if (m->t[i].key)
				*smap_slot(&tmp, m->t[i].key, m->t[i].len, m->t[i].h) = m->t[i];
		}
		sw__free(m->t);
		m->t = nt;
		m->cap = ncap;
	}
	e = smap_slot(m, k, len, h);
	if (e->key) {
		if (old)
			*old = e->val;
		if (replace)
			e->val = val;
		return 1;
	}
	e->key = sw__strndup(k, len);
	if (!e->key)
		return SW_ENOMEM;
	e->len = len;
	e->h = h;
	e->val = val;
	m->n++;
	return 0;
}

void sw__smap_free(struct sw__smap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		sw__free(m->t[i].key);
	sw__free(m->t);
	m->t = NULL;
	m->cap = m->n = 0;
}
