/*
 * tests/fuzz/fuzz_file.h - for targets whose entry point reads a file
 * (the corpus reader has no in-memory JSONL entry): the input is written
 * to an anonymous in-memory file (memfd) reached by a /proc/self/fd path,
 * or, where memfd is missing, to one temporary file reused for every
 * input.  The file is rewritten and truncated per input, so no disk
 * traffic or leftover files come from a long fuzzing run.
 */
#ifndef SW_FUZZ_FILE_H
#define SW_FUZZ_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_check.h"

/* Path of a file now holding exactly data[0..size); static storage. */
static const char *fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t off = 0;

	if (fd < 0) {
#if defined(__linux__) && defined(MFD_CLOEXEC)
		fd = memfd_create("sw-fuzz", MFD_CLOEXEC);
		if (fd >= 0)
			snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
#endif
		if (fd < 0) {
			const char *tmp = getenv("TMPDIR");
			snprintf(path, sizeof path, "%s/sw-fuzz-XXXXXX", tmp ? tmp : "/tmp");
			fd = mkstemp(path);
			FUZZ_CHECK(fd >= 0);
		}
	}
	FUZZ_CHECK(ftruncate(fd, 0) == 0);
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);
		FUZZ_CHECK(n > 0);
		off += (size_t)n;
	}
	return path;
}

#endif
