/*
 * refdata.c - the built-in reference list of general political German
 * (data/reference/bundestag-2022-2023.tsv, counted from the Bundestag's
 * speeches of 2022-2023 by tools/build-reference.sh; see
 * data/reference/README.md), embedded as the lexicon is (lexdata.c):
 * the assembler includes the file's bytes (.incbin), relative to the top
 * of the source tree, where make runs.
 */
#include <stddef.h>

__asm__(".section .rodata\n"
	".balign 16\n"
	".globl sw__refdata\n"
	".hidden sw__refdata\n"
	".type sw__refdata, @object\n"
	"sw__refdata:\n"
	".incbin \"data/reference/bundestag-2022-2023.tsv\"\n"
	"sw__refdata_end:\n"
	".size sw__refdata, sw__refdata_end - sw__refdata\n"
	".previous\n");

/* The length, from the two labels, for C code. */
__asm__(".section .rodata\n"
	".balign 8\n"
	".globl sw__refdata_len\n"
	".hidden sw__refdata_len\n"
	".type sw__refdata_len, @object\n"
	"sw__refdata_len:\n"
	".quad sw__refdata_end - sw__refdata\n"
	".size sw__refdata_len, 8\n"
	".previous\n");
