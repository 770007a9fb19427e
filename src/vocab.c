/*
 * vocab.c - string interning (see stichwort/vocab.h).
 *
 * Strings live in large blocks (never moved, so pointers handed out stay
 * valid); entries hold pointer, length and full hash; the slot table holds
 * ids and is kept at most half full.  The hash is seeded per vocabulary
 * from its address so that crafted collisions are not reproducible.
 */
#include <stdint.h>
#include <string.h>

#include "stichwort/vocab.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

#define BLOCK_SIZE (256u * 1024u)

typedef struct entry {
	const char *s;
	uint32_t len;
	uint32_t hash; /* low 32 bits of the full hash */
} entry;

typedef struct block {
	struct block *next;
	size_t used, size;
	char data[];
} block;

struct sw_vocab {
	entry *ent;
	size_t n, cap_ent;
	uint32_t *slots; /* id + 1, 0 = empty */
	size_t nslots;   /* power of two */
	block *blocks;
	uint64_t seed;
	int frozen;
};

static int vocab_new_impl(sw_vocab **out, sw_error *err)
{
	sw_vocab *v = sw__calloc(1, sizeof *v);

	if (!v)
		return sw__error_oom(err);
	v->nslots = 1024;
	v->slots = sw__calloc_written(v->nslots, sizeof *v->slots);
	if (!v->slots) {
		sw__free(v);
		return sw__error_oom(err);
	}
	v->seed = (uint64_t)(uintptr_t)v * 0x9E3779B97F4A7C15ULL;
	*out = v;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_vocab_new(sw_vocab **out, sw_error *err)
{
	SW__NEED(err, "sw_vocab_new", out);
	return vocab_new_impl(out, err);
}

void sw_vocab_free(sw_vocab *v)
{
	block *b, *next;

	if (!v)
		return;
	for (b = v->blocks; b; b = next) {
		next = b->next;
		sw__free(b);
	}
	sw__free(v->ent);
	sw__free(v->slots);
	sw__free(v);
}

static size_t probe(const sw_vocab *v, const char *s, size_t len, uint32_t h, int *found)
{
	size_t mask = v->nslots - 1, i = h & mask;

	for (;;) {
		uint32_t id = v->slots[i];
		if (!id) {
			*found = 0;
			return i;
		}
		if (v->ent[id - 1].hash == h && v->ent[id - 1].len == len &&
		    memcmp(v->ent[id - 1].s, s, len) == 0) {
			*found = 1;
			return i;
		}
		i = (i + 1) & mask;
	}
}

sw_term_id sw_vocab_find(const sw_vocab *v, const char *s, size_t len)
{
	uint32_t h = (uint32_t)sw__hash(s, len, v->seed);
	int found;
	size_t i = probe(v, s, len, h, &found);

	return found ? v->slots[i] - 1 : SW_TERM_NONE;
}

static int rehash(sw_vocab *v)
{
	size_t nslots = v->nslots * 2, i, mask = nslots - 1;
	uint32_t *slots = sw__calloc_written(nslots, sizeof *slots);

	if (!slots)
		return SW_ENOMEM;
	for (i = 0; i < v->n; i++) {
		size_t j = v->ent[i].hash & mask;
		while (slots[j])
			j = (j + 1) & mask;
		slots[j] = (uint32_t)i + 1;
	}
	sw__free(v->slots);
	v->slots = slots;
	v->nslots = nslots;
	return SW_OK;
}

static char *store(sw_vocab *v, const char *s, size_t len)
{
	block *b = v->blocks;
	char *p;

	if (!b || b->size - b->used < len + 1) {
		size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
		b = sw__malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = v->blocks;
		v->blocks = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

int sw_vocab_intern(sw_term_id *out, sw_vocab *v, const char *s, size_t len)
{
	uint32_t h = (uint32_t)sw__hash(s, len, v->seed);
	int found;
	size_t i = probe(v, s, len, h, &found);
	char *copy;

	if (found) {
		*out = v->slots[i] - 1;
		return SW_OK;
	}
	if (v->frozen || v->n >= (size_t)UINT32_MAX - 2 || len > UINT32_MAX)
		return SW_EINVAL;
	if ((v->n + 1) * 2 > v->nslots) {
		if (rehash(v))
			return SW_ENOMEM;
		i = probe(v, s, len, h, &found);
	}
	if (sw__grow((void **)&v->ent, &v->cap_ent, v->n + 1, sizeof *v->ent))
		return SW_ENOMEM;
	copy = store(v, s, len);
	if (!copy)
		return SW_ENOMEM;
	v->ent[v->n] = (entry){ copy, (uint32_t)len, h };
	v->slots[i] = (uint32_t)v->n + 1;
	*out = (sw_term_id)v->n++;
	return SW_OK;
}

const char *sw_vocab_bytes(const sw_vocab *v, sw_term_id id, size_t *len_out)
{
	if ((size_t)id >= v->n) {
		if (len_out)
			*len_out = 0;
		return NULL;
	}
	if (len_out)
		*len_out = v->ent[id].len;
	return v->ent[id].s;
}

size_t sw_vocab_size(const sw_vocab *v)
{
	return v->n;
}

void sw_vocab_freeze(sw_vocab *v)
{
	v->frozen = 1;
}
