/*
 * cli/exit.h - exit statuses (the DESIGN.md contract).
 */
#ifndef SW_CLI_EXIT_H
#define SW_CLI_EXIT_H

#define SW_EXIT_OK 0      /* success */
#define SW_EXIT_SKIPPED 1 /* input problems were reported and skipped */
#define SW_EXIT_USAGE 2   /* bad command line */
#define SW_EXIT_FAILURE 3 /* I/O or internal error */

#endif
