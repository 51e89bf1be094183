/* client.h - the C entry point that Rust's main() calls. */
// <client-header>
#ifndef CLIENT_H
#define CLIENT_H

#include <stddef.h>

// <client-entry>
/* Exercises the counter API and writes a NUL-terminated, line-oriented log
 * into buf[0..cap]. Returns 0 on success, -1 if buf is NULL, cap is 0, the
 * log did not fit, or a counter could not be created. Never prints. */
int client_run(char *buf, size_t cap);
// </client-entry>

#endif /* CLIENT_H */
// </client-header>
