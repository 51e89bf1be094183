/* client.c - plain C code that uses the Rust-implemented counter handle. */
#include "client.h"
#include "counter.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

// <log-buffer>
/* Appends formatted text to a caller-owned buffer instead of printing, so
 * that Rust alone writes to stdout (no C/Rust stdio interleaving). */
typedef struct {
    char *buf;
    size_t cap;
    size_t len;
    int truncated;
} log_buffer;

static void log_line(log_buffer *log, const char *fmt, ...) {
    if (log->truncated) {
        return;
    }
    size_t room = log->cap - log->len;
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(log->buf + log->len, room, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= room) {
        log->truncated = 1;
        log->buf[log->len] = '\0'; /* drop the partial line */
        return;
    }
    log->len += (size_t)n;
}
// </log-buffer>

int client_run(char *buf, size_t cap) {
    if (buf == NULL || cap == 0) {
        return -1;
    }
    buf[0] = '\0';
    log_buffer log = {buf, cap, 0, 0};

    // <use-handle>
    Counter *counter = counter_new(10);
    if (counter == NULL) {
        return -1;
    }
    log_line(&log, "C: created counter at %" PRIu64 "\n", counter_value(counter));

    for (uint64_t step = 1; step <= 3; step++) {
        counter_add(counter, step * 5);
        log_line(&log, "C: added %" PRIu64 ", value is now %" PRIu64 "\n",
                 step * 5, counter_value(counter));
    }

    bool accepted = counter_add(counter, UINT64_MAX);
    log_line(&log, "C: adding UINT64_MAX %s, value still %" PRIu64 "\n",
             accepted ? "was accepted" : "was rejected", counter_value(counter));

    counter_free(counter);
    counter = NULL; /* never use a handle after freeing it */
    // </use-handle>

    // <null-handles>
    log_line(&log, "C: value of a NULL handle is %" PRIu64 "\n", counter_value(NULL));
    log_line(&log, "C: adding to a NULL handle %s\n",
             counter_add(NULL, 1) ? "was accepted" : "was rejected");
    counter_free(NULL); /* documented as a no-op */
    log_line(&log, "C: freed the counter; freeing NULL was a no-op\n");
    // </null-handles>

    return log.truncated ? -1 : 0;
}
