/* events.c - implementation of the callback-driven event library. */
#include "events.h"

#include <stdlib.h>

// <for-each-impl>
void for_each_event(const int *values, size_t len, event_cb cb, void *user_data) {
    for (size_t i = 0; i < len; i++) {
        /* C hands the context pointer back unchanged on every call. */
        cb(user_data, values[i]);
    }
}
// </for-each-impl>

// <nullable-map-impl>
long long events_sum_mapped(const int *values, size_t len, int (*map)(int)) {
    long long total = 0;
    for (size_t i = 0; i < len; i++) {
        /* A NULL function pointer means "no transformation". */
        total += map != NULL ? map(values[i]) : values[i];
    }
    return total;
}
// </nullable-map-impl>

// <registry-impl>
/* The bus keeps both halves of each callback: the function and its context. */
typedef struct listener {
    event_cb cb;
    void *user_data;
} listener;

struct events_bus {
    listener slots[EVENTS_MAX_LISTENERS];
};

events_bus *events_bus_new(void) {
    events_bus *bus = malloc(sizeof *bus);
    if (bus != NULL) {
        for (int id = 0; id < EVENTS_MAX_LISTENERS; id++) {
            bus->slots[id].cb = NULL; /* a free slot */
            bus->slots[id].user_data = NULL;
        }
    }
    return bus;
}

void events_bus_free(events_bus *bus) { free(bus); }

int events_register(events_bus *bus, event_cb cb, void *user_data) {
    if (bus == NULL || cb == NULL) {
        return -1;
    }
    for (int id = 0; id < EVENTS_MAX_LISTENERS; id++) {
        if (bus->slots[id].cb == NULL) {
            bus->slots[id].cb = cb;
            bus->slots[id].user_data = user_data;
            return id;
        }
    }
    return -1;
}

int events_unregister(events_bus *bus, int id) {
    if (bus == NULL || id < 0 || id >= EVENTS_MAX_LISTENERS || bus->slots[id].cb == NULL) {
        return -1;
    }
    bus->slots[id].cb = NULL;
    bus->slots[id].user_data = NULL;
    return 0;
}

int events_emit(events_bus *bus, int value) {
    int called = 0;
    for (int id = 0; bus != NULL && id < EVENTS_MAX_LISTENERS; id++) {
        if (bus->slots[id].cb != NULL) {
            bus->slots[id].cb(bus->slots[id].user_data, value);
            called++;
        }
    }
    return called;
}
// </registry-impl>
