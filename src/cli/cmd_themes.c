/*
 * cli/cmd_themes.c - `stichwort themes` (being written).
 */
#include "cli.h"

int cmd_themes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("stichwort themes: not available yet\n", stderr);
	return SW_EXIT_FAILURE;
}
