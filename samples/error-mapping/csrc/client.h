/* client.h - the C entry point that Rust's main() calls. */
#ifndef CLIENT_H
#define CLIENT_H

#include <stddef.h>

/* Exercises the units API and writes a NUL-terminated, line-oriented log
 * into buf[0..cap]. Returns 0 on success, -1 if buf is NULL, cap is 0 or
 * the log did not fit. Never prints. */
int client_run(char *buf, size_t cap);

#endif /* CLIENT_H */
