/*
 * fsa.c - a reader of Morfologik CFSA2 automata (see internal/fsa.h),
 * written from the format's description in morfologik-stemming.
 *
 * The file:
 *
 *   "\fsa"           4 bytes of magic
 *   0xC6             the version byte of CFSA2
 *   flags            2 bytes, big-endian; 0x0100 (NUMBERS) says every
 *                    node starts with a count, the other known bits
 *                    (0x0001 FLEXIBLE, 0x0002 STOPBIT, 0x0004 NEXTBIT,
 *                    0x0008 TAILS, 0x0200 SEPARATORS) change nothing here
 *   T                1 byte: the size of the label table
 *   labels           T bytes; entry 0 is unused, entries 1..31 are the
 *                    labels an arc can name by index
 *   arc area         the nodes, one after another, with no gaps
 *
 * A node (an offset into the arc area) is an optional vint (the number
 * of sequences below it, with NUMBERS), then its arcs.  An arc is a
 * byte NLFMMMMM, then the label byte when MMMMM is 0 (else the label is
 * labels[MMMMM]), then, unless N is set, the target node as a vint.
 *   N  the target is the node that follows this node's last arc
 *   L  this is the node's last arc
 *   F  the arc is final: the path up to and including its label is a
 *      whole sequence of the language (finality belongs to arcs)
 * A vint is little-endian groups of 7 bits, the high bit of a byte set
 * when another byte follows.  Target 0 means "no target": the arc ends
 * every path through it.  The node at offset 0 is a dummy with a single
 * arc whose target is the root.
 *
 * Invariants: sw__fsa_open checks the whole arc area once (every node
 * well-formed, arcs of a node in strictly increasing byte order, every
 * target the start of a node), so walks on a checked automaton never
 * meet bad bytes; they still check every read against the length,
 * because a caller may hand in any node number, and they are bounded
 * (cycles are not looked for at open: a cycle shows up as a sequence
 * longer than SW_FSA_MAX_SEQ or too many arcs visited).  Node 0 stands
 * for "no arcs" (the target of terminal arcs), never for the dummy.
 */
#include <stdint.h>
#include <string.h>

#include "internal/fsa.h"
#include "internal/alloc.h"
#include "internal/errors.h"

#define MAGIC "\\fsa"
#define VERSION_CFSA2 0xC6
#define HEADER_LEN 8 /* magic, version, 2 flag bytes, label table size */

#define FLAG_NUMBERS 0x0100u
#define FLAGS_KNOWN 0x030Fu

#define ARC_TARGET_NEXT 0x80u
#define ARC_LAST 0x40u
#define ARC_FINAL 0x20u
#define ARC_INDEX 0x1Fu

/* A 32-bit value takes at most 5 groups of 7 bits. */
#define VINT_MAX_BYTES 5

/* Longest sequence sw__fsa_each reports, and the arcs it may visit in
 * one call: german.dict's longest entry is ~120 bytes, and all readings
 * of one form take a few hundred arcs, so both are far from real use;
 * they only stop damaged (cyclic) data. */
#define SW_FSA_MAX_SEQ 255
#define SW_FSA_MAX_VISITS (1u << 22)

struct sw_fsa {
	const unsigned char *arcs; /* the arc area (borrowed) */
	uint32_t len;              /* its length in bytes */
	uint32_t root;             /* 0 when the language is empty */
	unsigned nlabels;          /* usable entries of labels (at most 32) */
	int numbers;               /* nodes start with a vint count */
	unsigned char labels[32];  /* label of each index; [0] unused */
};

typedef struct arc {
	uint32_t next;   /* offset just after the arc */
	uint32_t target; /* target node, 0 for none; unset when TARGET_NEXT */
	unsigned flags;  /* the NLF bits */
	unsigned char label;
} arc;

/* Read the vint at *pos; NULL on success (*pos moves past it), else why
 * not.  Values above 32 bits are refused rather than wrapped. */
static const char *read_vint(const sw_fsa *f, uint32_t *pos, uint32_t *val)
{
	uint64_t v = 0;
	uint32_t p = *pos;
	unsigned i, b;

	for (i = 0; i < VINT_MAX_BYTES; i++) {
		if (p >= f->len)
			return "number runs past the end of the data";
		b = f->arcs[p++];
		v |= (uint64_t)(b & 0x7Fu) << (7 * i);
		if (!(b & 0x80u)) {
			if (v > UINT32_MAX)
				return "number too large";
			*pos = p;
			*val = (uint32_t)v;
			return NULL;
		}
	}
	return "number longer than 5 bytes";
}

/* Offset of node's first arc (past its count, with NUMBERS). */
static const char *first_arc(const sw_fsa *f, uint32_t node, uint32_t *at)
{
	uint32_t count;
	const char *why;

	if (f->numbers) {
		why = read_vint(f, &node, &count);
		if (why)
			return why;
	}
	if (node >= f->len)
		return "node starts past the end of the data";
	*at = node;
	return NULL;
}

/* Decode the arc at offset at, but not a TARGET_NEXT target (that needs
 * a scan to the end of the node: arc_target). */
static const char *parse_arc(const sw_fsa *f, uint32_t at, arc *a)
{
	unsigned b, index;
	const char *why;

	if (at >= f->len)
		return "arc starts past the end of the data";
	b = f->arcs[at++];
	a->flags = b & (ARC_TARGET_NEXT | ARC_LAST | ARC_FINAL);
	index = b & ARC_INDEX;
	if (index) {
		if (index >= f->nlabels)
			return "label index outside the label table";
		a->label = f->labels[index];
	} else {
		if (at >= f->len)
			return "label runs past the end of the data";
		a->label = f->arcs[at++];
	}
	if (!(a->flags & ARC_TARGET_NEXT)) {
		why = read_vint(f, &at, &a->target);
		if (why)
			return why;
		if (a->target >= f->len)
			return "target past the end of the data";
	}
	a->next = at;
	return NULL;
}

/* Resolve a TARGET_NEXT target: the byte after the node's last arc. */
static const char *arc_target(const sw_fsa *f, arc *a)
{
	arc b = *a;
	const char *why;

	if (!(a->flags & ARC_TARGET_NEXT))
		return NULL;
	/* Offsets only grow and parse_arc stops at the end: this ends. */
	while (!(b.flags & ARC_LAST)) {
		why = parse_arc(f, b.next, &b);
		if (why)
			return why;
	}
	if (b.next >= f->len)
		return "target past the end of the data";
	a->target = b.next;
	return NULL;
}

/* The arc of node labelled c: 1 (with *a, and its target when
 * need_target), 0 when there is none, or SW_EFORMAT.  Arcs are in byte
 * order (checked at open), so the search stops at the first greater
 * label. */
static int find_arc(const sw_fsa *f, uint32_t node, unsigned char c, arc *a, int need_target)
{
	uint32_t at;

	if (node == 0)
		return 0;
	if (first_arc(f, node, &at))
		return SW_EFORMAT;
	for (;;) {
		if (parse_arc(f, at, a))
			return SW_EFORMAT;
		if (a->label == c) {
			if (need_target && arc_target(f, a))
				return SW_EFORMAT;
			return 1;
		}
		if (a->label > c || (a->flags & ARC_LAST))
			return 0;
		at = a->next;
	}
}

static void mark(unsigned char *bits, uint32_t i)
{
	bits[i >> 3] = (unsigned char)(bits[i >> 3] | (1u << (i & 7)));
}

static int marked(const unsigned char *bits, uint32_t i)
{
	return (bits[i >> 3] >> (i & 7)) & 1;
}

/* One pass over the arc area, node after node.  The first pass
 * (starts_known 0) checks each node's bytes and marks where nodes start;
 * the second, with every start known, checks that each target is one.
 * On failure *where is the offset of the bad node or arc. */
static const char *scan(const sw_fsa *f, unsigned char *starts, int starts_known,
			uint32_t *where)
{
	uint32_t pos = 0, at;
	const char *why;
	int prev, has_next;
	arc a;

	while (pos < f->len) {
		*where = pos;
		if (!starts_known)
			mark(starts, pos);
		why = first_arc(f, pos, &at);
		if (why)
			return why;
		prev = -1;
		has_next = 0;
		for (;;) {
			*where = at;
			why = parse_arc(f, at, &a);
			if (why)
				return why;
			if ((int)a.label <= prev)
				return "arcs of a node not in increasing byte order";
			prev = a.label;
			if (a.flags & ARC_TARGET_NEXT)
				has_next = 1;
			else if (starts_known && a.target != 0 && !marked(starts, a.target))
				return "target is not the start of a node";
			at = a.next;
			if (a.flags & ARC_LAST)
				break;
		}
		/* A TARGET_NEXT arc needs a node after this one. */
		if (has_next && at >= f->len) {
			*where = pos;
			return "target past the end of the data";
		}
		pos = at;
	}
	return NULL;
}

int sw__fsa_open(sw_fsa **out, const unsigned char *data, size_t len, const char *path,
		 sw_error *err)
{
	sw_fsa *f;
	unsigned char *starts = NULL;
	unsigned flags, table;
	size_t base;
	uint32_t where = 0, at;
	const char *why;
	arc a = { 0, 0, 0, 0 };
	int rc;

	if (!out || (!data && len))
		return sw__error_set(err, SW_EINVAL, path, 0, -1, "no automaton data");
	if (len < 5 || memcmp(data, MAGIC, 4) != 0)
		return sw__error_set(err, SW_EFORMAT, path, 0, 0,
				     "not a Morfologik automaton (no \\fsa header)");
	if (data[4] != VERSION_CFSA2)
		return sw__error_set(err, SW_EFORMAT, path, 0, 4,
				     "automaton version 0x%02X is not CFSA2 (0xC6)", data[4]);
	if (len < HEADER_LEN)
		return sw__error_set(err, SW_EFORMAT, path, 0, (long long)len,
				     "automaton header cut short");
	flags = (unsigned)data[5] << 8 | data[6];
	if (flags & ~FLAGS_KNOWN)
		return sw__error_set(err, SW_EFORMAT, path, 0, 5, "unknown automaton flags 0x%04X",
				     flags);
	table = data[7];
	base = HEADER_LEN + table;
	if (len < base)
		return sw__error_set(err, SW_EFORMAT, path, 0, (long long)len,
				     "automaton label table cut short (%u bytes)", table);
	if (len == base)
		return sw__error_set(err, SW_EFORMAT, path, 0, (long long)len,
				     "automaton has no nodes");
	if (len - base > UINT32_MAX)
		return sw__error_set(err, SW_EFORMAT, path, 0, -1, "automaton larger than 4 GB");

	f = sw__calloc(1, sizeof *f);
	if (!f)
		return sw__error_oom(err);
	f->arcs = data + base;
	f->len = (uint32_t)(len - base);
	f->numbers = (flags & FLAG_NUMBERS) != 0;
	f->nlabels = table < sizeof f->labels ? table : (unsigned)sizeof f->labels;
	memcpy(f->labels, data + HEADER_LEN, f->nlabels);

	/* Check every node now, so that a damaged file is refused here,
	 * with the place named, rather than halfway through a corpus. */
	starts = sw__calloc(((size_t)f->len + 7) / 8, 1);
	if (!starts) {
		rc = sw__error_oom(err);
		goto fail;
	}
	why = scan(f, starts, 0, &where);
	if (!why)
		why = scan(f, starts, 1, &where);
	if (!why) {
		/* The dummy node 0: its first arc leads to the root. */
		where = 0;
		why = first_arc(f, 0, &at);
		if (!why)
			why = parse_arc(f, at, &a);
		if (!why)
			why = arc_target(f, &a);
	}
	if (why) {
		rc = sw__error_set(err, SW_EFORMAT, path, 0, (long long)(base + where),
				   "damaged automaton: %s", why);
		goto fail;
	}
	f->root = a.target;
	sw__free(starts);
	*out = f;
	return SW_OK;

fail:
	sw__free(starts);
	sw__free(f);
	return rc;
}

void sw__fsa_free(sw_fsa *fsa)
{
	sw__free(fsa);
}

uint32_t sw__fsa_root(const sw_fsa *fsa)
{
	return fsa ? fsa->root : 0;
}

int sw__fsa_walk(const sw_fsa *fsa, uint32_t node, const char *s, size_t n, uint32_t *out)
{
	arc a;
	size_t i;
	int rc;

	if (!fsa || !out || (!s && n))
		return SW_EINVAL;
	for (i = 0; i < n; i++) {
		rc = find_arc(fsa, node, (unsigned char)s[i], &a, 1);
		if (rc <= 0)
			return rc < 0 ? rc : 1;
		node = a.target;
	}
	*out = node;
	return SW_OK;
}

int sw__fsa_accepts(const sw_fsa *fsa, uint32_t node, const char *s, size_t n)
{
	arc a;
	int rc;

	if (!fsa || (!s && n))
		return SW_EINVAL;
	/* Finality is on arcs: the empty completion cannot be told from a
	 * node, and a node is not a sequence of its own. */
	if (n == 0)
		return 0;
	rc = sw__fsa_walk(fsa, node, s, n - 1, &node);
	if (rc != SW_OK)
		return rc == 1 ? 0 : rc;
	rc = find_arc(fsa, node, (unsigned char)s[n - 1], &a, 0);
	if (rc <= 0)
		return rc;
	return (a.flags & ARC_FINAL) != 0;
}

/* A depth-first walk with an explicit stack: at[d] is the arc being
 * followed at depth d, seq[d] its label, so seq[0..d] is the path.  A
 * final arc is reported before the arcs below it, and a node's arcs are
 * in byte order, so the sequences come out sorted by bytes. */
int sw__fsa_each(const sw_fsa *fsa, uint32_t node, size_t max,
		 int (*fn)(void *ctx, const char *seq, size_t len), void *ctx)
{
	uint32_t at[SW_FSA_MAX_SEQ];
	uint32_t next[SW_FSA_MAX_SEQ];
	unsigned char last[SW_FSA_MAX_SEQ];
	char seq[SW_FSA_MAX_SEQ];
	size_t depth = 0, found = 0;
	uint32_t visits = 0;
	arc a;
	int rc;

	if (!fsa || !fn)
		return SW_EINVAL;
	if (max == 0 || node == 0)
		return SW_OK;
	if (first_arc(fsa, node, &at[0]))
		return SW_EFORMAT;
	for (;;) {
		if (++visits > SW_FSA_MAX_VISITS)
			return SW_EFORMAT;
		if (parse_arc(fsa, at[depth], &a) || arc_target(fsa, &a))
			return SW_EFORMAT;
		seq[depth] = (char)a.label;
		next[depth] = a.next;
		last[depth] = (a.flags & ARC_LAST) != 0;
		if (a.flags & ARC_FINAL) {
			rc = fn(ctx, seq, depth + 1);
			if (rc)
				return rc;
			if (++found >= max)
				return SW_OK;
		}
		if (a.target != 0) {
			/* Below this arc every sequence is at least depth + 2
			 * bytes long. */
			if (depth + 1 >= SW_FSA_MAX_SEQ)
				return SW_EFORMAT;
			depth++;
			if (first_arc(fsa, a.target, &at[depth]))
				return SW_EFORMAT;
			continue;
		}
		/* Go on with the next arc, climbing out of finished nodes. */
		while (last[depth]) {
			if (depth == 0)
				return SW_OK;
			depth--;
		}
		at[depth] = next[depth];
	}
}
