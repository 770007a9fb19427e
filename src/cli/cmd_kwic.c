/*
 * cli/cmd_kwic.c - `stichwort kwic` (being written).
 */
#include "cli.h"

int cmd_kwic(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("stichwort kwic: not available yet\n", stderr);
	return SW_EXIT_FAILURE;
}
