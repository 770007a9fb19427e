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
 * target the start of a node), then decodes it into flat arrays (node
 * numbers, labels, finality, targets; see struct sw_fsa), and walks use
 * only those.  A node number from a caller is checked against the count,
 * and walks are bounded (cycles are not looked for at open: a cycle
 * shows up as a sequence longer than SW_FSA_MAX_SEQ or too many arcs
 * visited).  Node 0 stands for "no arcs" (the target of terminal arcs).
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
	unsigned nlabels;          /* usable entries of labels (at most 32) */
	int numbers;               /* nodes start with a vint count */
	unsigned char labels[32];  /* label of each index; [0] unused */
	/* The automaton decoded at open, once the data is checked, into flat
	 * arrays: node k (1..nnodes; 0 is "no arcs") has the arcs
	 * first[k]..first[k + 1] - 1, each with its label, finality and
	 * target node.  A lookup then scans a node's labels as bytes (memchr)
	 * instead of decoding arcs; german.dict takes some 3 MB so. */
	uint32_t nnodes;
	uint32_t *first;          /* nnodes + 2 */
	unsigned char *label;     /* per arc */
	unsigned char *final;     /* per arc: 1 when final */
	uint32_t *target;         /* per arc: node number, 0 for none */
	uint32_t root_node;       /* the root's number */
	/* the root's arc per byte (UINT32_MAX: none): the root has an arc
	 * for nearly every first letter, and every lookup starts there */
	uint32_t root_arc[256];
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
 * the node's end: flatten()). */
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





static void free_flat(sw_fsa *f)
{
	sw__free(f->first);
	sw__free(f->label);
	sw__free(f->final);
	sw__free(f->target);
}

/* Check the arc area and decode it into the flat arrays (see struct
 * sw_fsa), in two passes.  The first checks every node (its arcs parse,
 * their labels rise, a TARGET_NEXT arc has a node after it), numbers the
 * nodes 1, 2, ... by position and counts the arcs; the second fills the
 * arrays and checks that every target is the start of a node.  NULL, or
 * why not with *where the offset of the bad node or arc; *oom on
 * running out of memory. */
static const char *flatten(sw_fsa *f, uint32_t *where, int *oom)
{
	uint32_t *num, pos, at, k = 0, n = 0, node0;
	const char *why = NULL;
	int prev, has_next;
	arc a;

	*oom = 0;
	num = sw__calloc((size_t)f->len + 1, sizeof *num);
	if (!num) {
		*oom = 1;
		return "out of memory";
	}
	for (pos = 0; pos < f->len;) {
		*where = pos;
		num[pos] = ++k;
		if ((why = first_arc(f, pos, &at)))
			goto done;
		prev = -1;
		has_next = 0;
		for (;;) {
			*where = at;
			if ((why = parse_arc(f, at, &a)))
				goto done;
			if ((int)a.label <= prev) {
				why = "arcs of a node not in increasing byte order";
				goto done;
			}
			prev = a.label;
			has_next |= (a.flags & ARC_TARGET_NEXT) != 0;
			n++;
			at = a.next;
			if (a.flags & ARC_LAST)
				break;
		}
		/* A TARGET_NEXT arc needs a node after this one. */
		if (has_next && at >= f->len) {
			*where = pos;
			why = "target past the end of the data";
			goto done;
		}
		pos = at;
	}
	f->nnodes = k;
	f->first = sw__malloc(((size_t)k + 2) * sizeof *f->first);
	f->label = sw__malloc(n ? n : 1);
	f->final = sw__malloc(n ? n : 1);
	f->target = sw__malloc((n ? n : 1) * sizeof *f->target);
	if (!f->first || !f->label || !f->final || !f->target) {
		*oom = 1;
		why = "out of memory";
		goto done;
	}
	f->first[0] = 0;
	for (pos = 0, k = 1, n = 0; pos < f->len; k++) {
		f->first[k] = node0 = n;
		at = pos;
		first_arc(f, pos, &at); /* checked above */
		do {
			parse_arc(f, at, &a);
			if (!(a.flags & ARC_TARGET_NEXT) && a.target != 0 && !num[a.target]) {
				*where = at;
				why = "target is not the start of a node";
				goto done;
			}
			f->label[n] = a.label;
			f->final[n] = (a.flags & ARC_FINAL) != 0;
			/* a TARGET_NEXT arc's node is not numbered yet: marked,
			 * and set when the node's end is known */
			f->target[n] = (a.flags & ARC_TARGET_NEXT) ? UINT32_MAX
				       : a.target ? num[a.target] : 0;
			at = a.next;
			n++;
		} while (!(a.flags & ARC_LAST));
		for (; node0 < n; node0++)
			if (f->target[node0] == UINT32_MAX)
				f->target[node0] = num[at];
		pos = at;
	}
	f->first[k] = n;
	/* the dummy node 1 (offset 0): its first arc leads to the root */
	f->root_node = f->nnodes && f->first[2] > f->first[1] ? f->target[f->first[1]] : 0;
	for (n = 0; n < 256; n++)
		f->root_arc[n] = UINT32_MAX;
	if (f->root_node)
		for (n = f->first[f->root_node]; n < f->first[f->root_node + 1]; n++)
			f->root_arc[f->label[n]] = n;
done:
	sw__free(num);
	return why;
}

int sw__fsa_open(sw_fsa **out, const unsigned char *data, size_t len, const char *path,
		 sw_error *err)
{
	sw_fsa *f;
	unsigned flags, table;
	size_t base;
	uint32_t where = 0;
	const char *why;
	int rc, oom;

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
	why = flatten(f, &where, &oom);
	if (why) {
		rc = oom ? sw__error_oom(err)
			 : sw__error_set(err, SW_EFORMAT, path, 0, (long long)(base + where),
					 "damaged automaton: %s", why);
		goto fail;
	}
	*out = f;
	return SW_OK;

fail:
	free_flat(f);
	sw__free(f);
	return rc;
}

void sw__fsa_free(sw_fsa *fsa)
{
	if (fsa)
		free_flat(fsa);
	sw__free(fsa);
}

uint32_t sw__fsa_root(const sw_fsa *fsa)
{
	return fsa ? fsa->root_node : 0;
}

uint32_t sw__fsa_nodes(const sw_fsa *fsa)
{
	return fsa ? fsa->nnodes : 0;
}

/* The arc of node labelled c: its index, or UINT32_MAX when there is
 * none (a node number out of range has none).  Labels of a node are
 * distinct, so memchr finds the one. */
static inline uint32_t flat_arc(const sw_fsa *f, uint32_t node, unsigned char c)
{
	const unsigned char *l, *hit;
	uint32_t i, n;

	if (node == 0 || node > f->nnodes)
		return UINT32_MAX;
	if (node == f->root_node)
		return f->root_arc[c];
	l = f->label + f->first[node];
	n = f->first[node + 1] - f->first[node];
	if (n < 16) { /* most nodes: a few arcs, in byte order */
		for (i = 0; i < n && l[i] < c; i++)
			;
		return i < n && l[i] == c ? f->first[node] + i : UINT32_MAX;
	}
	hit = memchr(l, c, n);
	return hit ? f->first[node] + (uint32_t)(hit - l) : UINT32_MAX;
}

int sw__fsa_walk(const sw_fsa *fsa, uint32_t node, const char *s, size_t n, uint32_t *out)
{
	size_t i;

	if (!fsa || !out || (!s && n))
		return SW_EINVAL;
	if (node > fsa->nnodes)
		return SW_EFORMAT;
	for (i = 0; i < n; i++) {
		uint32_t k = flat_arc(fsa, node, (unsigned char)s[i]);
		if (k == UINT32_MAX)
			return 1;
		node = fsa->target[k];
	}
	*out = node;
	return SW_OK;
}

void sw__fsa_path(const sw_fsa *fsa, uint32_t node, const char *s, size_t n, uint32_t *nodes)
{
	size_t i;

	nodes[0] = node;
	for (i = 0; i < n; i++) {
		uint32_t k = node == UINT32_MAX ? UINT32_MAX : flat_arc(fsa, node, (unsigned char)s[i]);
		node = k == UINT32_MAX ? UINT32_MAX : fsa->target[k];
		nodes[i + 1] = node;
	}
}

int sw__fsa_accepts(const sw_fsa *fsa, uint32_t node, const char *s, size_t n)
{
	uint32_t k;
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
	k = flat_arc(fsa, node, (unsigned char)s[n - 1]);
	return k != UINT32_MAX && fsa->final[k];
}

/* A depth-first walk with an explicit stack: at[d] is the arc being
 * followed at depth d, seq[d] its label, so seq[0..d] is the path.  A
 * final arc is reported before the arcs below it, and a node's arcs are
 * in byte order, so the sequences come out sorted by bytes. */
int sw__fsa_each(const sw_fsa *fsa, uint32_t node, size_t max,
		 int (*fn)(void *ctx, const char *seq, size_t len), void *ctx)
{
	uint32_t at[SW_FSA_MAX_SEQ], end[SW_FSA_MAX_SEQ];
	char seq[SW_FSA_MAX_SEQ];
	size_t depth = 0, found = 0;
	uint32_t visits = 0;
	int rc;

	if (!fsa || !fn)
		return SW_EINVAL;
	if (node > fsa->nnodes)
		return SW_EFORMAT;
	if (max == 0 || node == 0)
		return SW_OK;
	at[0] = fsa->first[node];
	end[0] = fsa->first[node + 1];
	for (;;) {
		uint32_t k = at[depth], t;
		if (++visits > SW_FSA_MAX_VISITS)
			return SW_EFORMAT;
		seq[depth] = (char)fsa->label[k];
		if (fsa->final[k]) {
			rc = fn(ctx, seq, depth + 1);
			if (rc)
				return rc;
			if (++found >= max)
				return SW_OK;
		}
		t = fsa->target[k];
		if (t != 0 && fsa->first[t] < fsa->first[t + 1]) {
			/* Below this arc every sequence is at least depth + 2
			 * bytes long. */
			if (depth + 1 >= SW_FSA_MAX_SEQ)
				return SW_EFORMAT;
			depth++;
			at[depth] = fsa->first[t];
			end[depth] = fsa->first[t + 1];
			continue;
		}
		/* Go on with the next arc, climbing out of finished nodes. */
		while (at[depth] + 1 >= end[depth]) {
			if (depth == 0)
				return SW_OK;
			depth--;
		}
		at[depth]++;
	}
}
