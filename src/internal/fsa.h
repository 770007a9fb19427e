/*
 * internal/fsa.h - a reader of Morfologik CFSA2 automata (the format of
 * LanguageTool's german.dict), written from the format's description.
 *
 * The automaton accepts a finite set of byte sequences.  A node is a
 * number (the nodes counted in the order they lie in the data, from 1);
 * the root is sw__fsa_root().  Node 0 is the node without arcs, which
 * the last byte of a sequence may lead to.  Finality belongs
 * to arcs, not nodes: whether a path is a whole sequence is known only
 * while following its last byte (sw__fsa_accepts).
 *
 * The reader never trusts the data: sw__fsa_open checks every node once
 * and decodes the automaton into flat arrays (some 3 MB for german.dict),
 * node numbers from callers are checked, and walks are bounded, so a damaged file gives SW_EFORMAT, never a crash or an
 * endless loop.  An sw_fsa is read-only once opened: any number of
 * threads may walk it at once.  A NULL fsa (or NULL s with n > 0, NULL
 * fn, NULL out) gives SW_EINVAL.
 */
#ifndef SW_INTERNAL_FSA_H
#define SW_INTERNAL_FSA_H

#include <stddef.h>
#include <stdint.h>

#include "stichwort/error.h"

typedef struct sw_fsa sw_fsa;

/* Open the automaton in data[0..len) (borrowed: it must outlive the
 * sw_fsa).  path names it in errors ("built-in" for the embedded one).
 * The whole arc area is checked once (well-formed nodes, arcs of a node
 * in increasing byte order, targets that are nodes): two linear passes,
 * about 7 ms for german.dict.  SW_OK, SW_ENOMEM, or SW_EFORMAT
 * (not CFSA2, or damaged: err names path and the file offset of the bad
 * byte).  Free with sw__fsa_free(). */
int sw__fsa_open(sw_fsa **out, const unsigned char *data, size_t len, const char *path,
		 sw_error *err);

/* NULL is a no-op. */
void sw__fsa_free(sw_fsa *fsa);

/* The root node (0 when the language is empty). */
uint32_t sw__fsa_root(const sw_fsa *fsa);

/* The number of nodes: every node a walk reaches is at most this. */
uint32_t sw__fsa_nodes(const sw_fsa *fsa);

/* Follow the bytes s[0..n) from node: SW_OK with *out the node reached,
 * 1 when some byte has no arc (the prefix is not in the language), or
 * SW_EFORMAT for damaged data (or a node number that is not a node).
 * *out is written only on SW_OK. */
int sw__fsa_walk(const sw_fsa *fsa, uint32_t node, const char *s, size_t n, uint32_t *out);

/* The nodes along s[0..n) from node: nodes[i] (0 <= i <= n) is the node
 * after the first i bytes, UINT32_MAX from the first byte with no arc
 * on.  nodes has room for n + 1. */
void sw__fsa_path(const sw_fsa *fsa, uint32_t node, const char *s, size_t n, uint32_t *nodes);

/* Whether the sequence s[0..n) from node ends on a final arc (whether
 * node + s is a whole sequence of the language): 1 yes, 0 no (always
 * for n == 0), or SW_EFORMAT. */
int sw__fsa_accepts(const sw_fsa *fsa, uint32_t node, const char *s, size_t n);

/* Call fn(ctx, seq, len) for every non-empty sequence that completes
 * the path to node (every s such that prefix + s is in the language), in
 * byte order (unsigned bytes, shorter first), at most max of them (then
 * stop: SW_OK; max 0 calls nothing).  seq is borrowed for the call only
 * and holds the completion, not the prefix.  A sequence is at most 255
 * bytes; fn returns 0 to go on, non-zero to stop (returned).  SW_OK,
 * fn's value, or SW_EFORMAT (damaged data: a longer sequence, or more
 * than 4,194,304 arcs visited in the call, which also stops an attempt
 * to list the whole german.dict from the root; one form's readings take
 * a few hundred). */
int sw__fsa_each(const sw_fsa *fsa, uint32_t node, size_t max,
		 int (*fn)(void *ctx, const char *seq, size_t len), void *ctx);

#endif
