/*
 * stichwort/version.h - library version.
 */
#ifndef STICHWORT_VERSION_H
#define STICHWORT_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define SW_VERSION_MAJOR 0
#define SW_VERSION_MINOR 1
#define SW_VERSION_PATCH 0
/** The version as a string literal, "MAJOR.MINOR.PATCH". */
#define SW_VERSION_STRING "0.1.0"

/** The version of the library linked at run time ("0.1.0"); never NULL. */
const char *sw_version(void);

#ifdef __cplusplus
}
#endif
#endif
