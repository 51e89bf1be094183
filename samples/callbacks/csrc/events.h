/* events.h - a tiny C library that reports values through callbacks. */
#ifndef EVENTS_H
#define EVENTS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// <callback-type>
/* The callback type. `user_data` is whatever pointer the caller passed
 * together with the callback; the library never looks at what it points to. */
typedef void (*event_cb)(void *user_data, int value);
// </callback-type>

// <for-each>
/* Calls cb(user_data, values[i]) for every i in 0..len, in order, on the
 * calling thread, before it returns. The library keeps neither cb nor
 * user_data. cb must not be NULL. */
void for_each_event(const int *values, size_t len, event_cb cb, void *user_data);
// </for-each>

// <nullable-map>
/* Sum of map(values[i]) over 0..len. `map` may be NULL, in which case the
 * values are summed unchanged. */
long long events_sum_mapped(const int *values, size_t len, int (*map)(int));
// </nullable-map>

// <registry>
/* An opaque set of listeners that stay registered between calls. */
typedef struct events_bus events_bus;

#define EVENTS_MAX_LISTENERS 4

/* Returns a new, empty bus, or NULL when out of memory. */
events_bus *events_bus_new(void);

/* Frees a bus. Its listeners are never called again; freeing their
 * user_data is up to whoever registered them. NULL is ignored. */
void events_bus_free(events_bus *bus);

/* Stores cb and user_data and returns a listener id >= 0, or -1 when cb is
 * NULL or the bus is full. events_emit() calls cb(user_data, value) until
 * the listener is unregistered or the bus is freed. */
int events_register(events_bus *bus, event_cb cb, void *user_data);

/* Removes a listener. Once this returns, the bus never calls cb or uses
 * user_data again. Returns 0, or -1 for an unknown id. */
int events_unregister(events_bus *bus, int id);

/* Calls every listener with `value`, in id order, on the calling thread,
 * and returns how many it called. Listeners must not register, unregister
 * or emit on the same bus from inside the callback. A bus is not
 * thread-safe. */
int events_emit(events_bus *bus, int value);
// </registry>

#ifdef __cplusplus
}
#endif

#endif /* EVENTS_H */
