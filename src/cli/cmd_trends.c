/*
 * cli/cmd_trends.c - `stichwort trends` (being written).
 */
#include "cli.h"

int cmd_trends(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("stichwort trends: not available yet\n", stderr);
	return SW_EXIT_FAILURE;
}
