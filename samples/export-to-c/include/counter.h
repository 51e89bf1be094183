/* counter.h - C view of the counter API that the Rust crate exports. */
#ifndef COUNTER_H
#define COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// <opaque-handle>
/* Opaque handle: C only ever sees pointers to it, never its fields.
 * Every handle returned by counter_new() must be released exactly once
 * with counter_free(). */
typedef struct Counter Counter;
// </opaque-handle>

// <handle-api>
/* Creates a counter holding `initial`. Returns NULL on allocation failure. */
Counter *counter_new(uint64_t initial);

/* Adds `amount`. Returns false (and leaves the value unchanged) when the
 * handle is NULL or the addition would overflow. */
bool counter_add(Counter *counter, uint64_t amount);

/* Current value, or 0 for a NULL handle. */
uint64_t counter_value(const Counter *counter);

/* Releases a handle. Passing NULL is a no-op. */
void counter_free(Counter *counter);
// </handle-api>

#ifdef __cplusplus
}
#endif

#endif /* COUNTER_H */
