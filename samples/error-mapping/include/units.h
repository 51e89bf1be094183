/* units.h - C view of the length-parsing API that the Rust crate exports
 * (src/units.rs). Keep the two in sync. */
#ifndef UNITS_H
#define UNITS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// <status-codes>
/* Every function returns UNITS_OK (0) or one of these negative codes. The
 * numbers are part of the ABI: they never change meaning and are never
 * reused. */
#define UNITS_OK 0
#define UNITS_ERR_NULL_POINTER (-1)
#define UNITS_ERR_INVALID_UTF8 (-2)
#define UNITS_ERR_SYNTAX (-3)
#define UNITS_ERR_UNKNOWN_UNIT (-4)
#define UNITS_ERR_BUFFER_TOO_SMALL (-5)
#define UNITS_ERR_INTERNAL (-99) /* a bug inside the library */
// </status-codes>

// <parse-api>
/* Parses "<number> <unit>" (unit: mm, cm, m, km, in or ft) and writes the
 * length in meters to *out_meters. On failure returns a negative code,
 * leaves *out_meters untouched and records an error message for the
 * calling thread. */
int units_parse_length(const char *text, double *out_meters);
// </parse-api>

// <last-error-api>
/* Size in bytes, terminating NUL included, of the message recorded by the
 * most recent units_parse_length() call on the calling thread; 0 if that
 * call succeeded or the thread has made none. */
size_t units_last_error_length(void);

/* Copies that message, NUL-terminated, into buf[0..len] (an empty string
 * if there is none). Returns UNITS_OK, UNITS_ERR_NULL_POINTER or
 * UNITS_ERR_BUFFER_TOO_SMALL; on failure nothing is written. Never changes
 * the recorded message. */
int units_last_error_message(char *buf, size_t len);
// </last-error-api>

#ifdef __cplusplus
}
#endif

#endif /* UNITS_H */
