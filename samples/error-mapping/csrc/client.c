/* client.c - plain C code that calls the Rust-implemented units API and
 * checks every status code. */
#include "client.h"
#include "units.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Appends formatted text to a caller-owned buffer instead of printing, so
 * that Rust alone writes to stdout. */
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

// <fetch-message>
/* Returns the calling thread's last error message as a malloc'd string
 * that the caller frees, or NULL if there is none. */
static char *last_error_message(void) {
    size_t len = units_last_error_length();
    if (len == 0) {
        return NULL;
    }
    char *message = malloc(len);
    if (message == NULL) {
        return NULL;
    }
    if (units_last_error_message(message, len) != UNITS_OK) {
        free(message);
        return NULL;
    }
    return message;
}
// </fetch-message>

static void parse_and_log(log_buffer *log, const char *text) {
    // <check-status>
    double meters = 0.0;
    int status = units_parse_length(text, &meters);
    if (status == UNITS_OK) {
        log_line(log, "C: \"%s\" is %g m\n", text, meters);
    } else {
        char *message = last_error_message();
        log_line(log, "C: \"%s\" failed with %d: %s\n", text, status,
                 message ? message : "(no message)");
        free(message);
    }
    // </check-status>
}

int client_run(char *buf, size_t cap) {
    if (buf == NULL || cap == 0) {
        return -1;
    }
    buf[0] = '\0';
    log_buffer log = {buf, cap, 0, 0};

    static const char *const inputs[] = {"2.5 km", "3 furlongs", "fast", "12 in"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        parse_and_log(&log, inputs[i]);
    }
    /* The last call succeeded, so no message is recorded. */
    log_line(&log, "C: after a success, units_last_error_length() is %zu\n",
             units_last_error_length());

    // <null-argument>
    double meters = 0.0;
    int status = units_parse_length(NULL, &meters);
    char *message = last_error_message();
    log_line(&log, "C: NULL failed with %d: %s\n", status,
             message ? message : "(no message)");
    free(message);
    // </null-argument>

    parse_and_log(&log, "1 ly"); /* hits a panic inside the library */

    // <small-buffer>
    char small[8];
    status = units_last_error_message(small, sizeof small);
    log_line(&log, "C: copying the message into %zu bytes returned %d\n", sizeof small,
             status);
    // </small-buffer>

    return log.truncated ? -1 : 0;
}
