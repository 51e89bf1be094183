/* legacy.h - a small C library that reports failure in the three classic
 * C ways: a negative return code, a status code next to out-parameters,
 * and -1 with errno. The Rust side wraps it in src/legacy.rs. */
#ifndef LEGACY_H
#define LEGACY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// <error-codes>
/* LEGACY_OK or a positive result means success; every error is negative.
 * The numbers are part of the interface and are never reused. */
#define LEGACY_OK 0
#define LEGACY_ERR_NULL (-1)        /* a required pointer was NULL */
#define LEGACY_ERR_EMPTY (-2)       /* the input string was empty */
#define LEGACY_ERR_SYNTAX (-3)      /* the input was not a decimal number */
#define LEGACY_ERR_RANGE (-4)       /* a value was out of range */
#define LEGACY_ERR_DIV_BY_ZERO (-5) /* the divisor was zero */
// </error-codes>

// <prototypes>
/* Parses a TCP port, "1" to "65535". Returns the port (> 0) or a negative
 * error code. */
int legacy_parse_port(const char *text);

/* Divides num by den, rounding toward zero. On success writes *quot and *rem
 * and returns LEGACY_OK; on failure returns a negative error code and leaves
 * both untouched. */
int legacy_divmod(int64_t num, int64_t den, int64_t *quot, int64_t *rem);

/* Reads at most cap bytes of the file at path into buf. Returns the number
 * of bytes read, or -1 with errno set (POSIX style). */
long legacy_read_file(const char *path, char *buf, size_t cap);
// </prototypes>

#ifdef __cplusplus
}
#endif

#endif /* LEGACY_H */
