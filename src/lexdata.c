/*
 * lexdata.c - the built-in German lexicon (data/lexicon/german.dict,
 * CC BY-SA 4.0, see data/lexicon/README.md), embedded in the library so
 * that lemmas never depend on a file found at run time.
 *
 * The assembler includes the file's bytes as they are (.incbin), so the
 * build needs no generator and the data is not copied into a C array of
 * five million characters.  The path is relative to the top of the
 * source tree, where make runs.
 */
#include <stddef.h>

__asm__(".section .rodata\n"
	".balign 16\n"
	".globl sw__lexdata\n"
	".hidden sw__lexdata\n"
	".type sw__lexdata, @object\n"
	"sw__lexdata:\n"
	".incbin \"data/lexicon/german.dict\"\n"
	"sw__lexdata_end:\n"
	".size sw__lexdata, sw__lexdata_end - sw__lexdata\n"
	".previous\n");

extern const unsigned char sw__lexdata[];

/* The length, from the two labels, for C code. */
__asm__(".section .rodata\n"
	".balign 8\n"
	".globl sw__lexdata_len\n"
	".hidden sw__lexdata_len\n"
	".type sw__lexdata_len, @object\n"
	"sw__lexdata_len:\n"
	".quad sw__lexdata_end - sw__lexdata\n"
	".size sw__lexdata_len, 8\n"
	".previous\n");
