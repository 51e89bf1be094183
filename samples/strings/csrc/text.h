/* text.h - a small C text library used by the strings sample.
 *
 * Every string crossing this interface is a NUL-terminated array of bytes.
 * The library never assumes an encoding: it counts, copies and compares
 * bytes, and only treats the ASCII range specially. */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// <borrowed-in>
/* Number of bytes before the terminating NUL. Reads `s` during the call
 * only; the caller keeps ownership. */
size_t text_byte_length(const char *s);

/* Pointer to the last path component of `path` (the bytes after the last
 * '/'). The result points INTO `path`: it is valid exactly as long as
 * `path` is, and must not be freed. */
const char *text_file_name(const char *path);
// </borrowed-in>

// <static-out>
/* Label number `index` from a static table, or NULL past its end. The
 * strings are static: never free them. Label 2 is stored in Latin-1 by
 * legacy code, so it is not valid UTF-8. */
const char *text_label(unsigned index);
// </static-out>

// <malloc-out>
/* A copy of `s` with the ASCII letters a-z upper-cased, allocated with
 * malloc. The caller owns it and must release it with text_free(), never
 * with another allocator. Returns NULL if `s` is NULL or allocation fails. */
char *text_to_upper(const char *s);

/* Releases a string returned by text_to_upper(). NULL is a no-op. */
void text_free(char *s);
// </malloc-out>

// <ownership-in>
/* Stores `name` (may be NULL) as the greeter's name and returns the name
 * stored before, or NULL. The library keeps the pointer but does NOT own
 * the memory: it never frees it, never writes to it, and hands it back
 * through a later call. The caller releases it with its own allocator.
 * Not thread-safe. */
char *text_set_name(char *name);
// </ownership-in>

// <buffer-out>
/* Writes "Hello, <name>" into buf[0..cap], snprintf-style: at most cap - 1
 * bytes plus a NUL (nothing if cap is 0; buf may then be NULL). Returns the
 * length of the full greeting without its NUL, so a result >= cap means
 * the text was truncated and cap must be at least result + 1. */
size_t text_greet(char *buf, size_t cap);
// </buffer-out>

#ifdef __cplusplus
}
#endif

#endif /* TEXT_H */
