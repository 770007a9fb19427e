/*
 * cli/cmd_keyness.c - `stichwort keyness` (being written).
 */
#include "cli.h"

int cmd_keyness(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("stichwort keyness: not available yet\n", stderr);
	return SW_EXIT_FAILURE;
}
