/* client.c - a plain C client of the Rust rectangle. It only knows the
 * vtable layouts and interface ids from shapes.h, never the object's type. */
#include "client.h"
#include "shapes.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

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

static const char *hr_name(HResult hr) {
    switch (hr) {
    case S_OK:
        return "S_OK";
    case E_NOINTERFACE:
        return "E_NOINTERFACE";
    case E_POINTER:
        return "E_POINTER";
    case E_INVALIDARG:
        return "E_INVALIDARG";
    case E_NOT_SUFFICIENT_BUFFER:
        return "E_NOT_SUFFICIENT_BUFFER";
    default:
        return "unexpected HResult";
    }
}

/* 578cc204-ae32-45c8-b62f-72b4e031c4e6: an interface the rectangle lacks. */
static const Guid IID_IPRINTABLE = {
    0x578cc204, 0xae32, 0x45c8, {0xb6, 0x2f, 0x72, 0xb4, 0xe0, 0x31, 0xc4, 0xe6}};

int client_run(char *buf, size_t cap) {
    if (buf == NULL || cap == 0) {
        return -1;
    }
    buf[0] = '\0';
    log_buffer log = {buf, cap, 0, 0};
    int ok = 0;

    /* Every non-NULL pointer below holds one reference that cleanup releases. */
    IUnknown *unknown = NULL;
    IShape *shape = NULL;
    INamed *named = NULL;
    void *out = NULL;

    // <create>
    HResult hr = create_rectangle(3.0, 4.0, &unknown);
    log_line(&log, "C: create_rectangle(3, 4) -> %s\n", hr_name(hr));
    if (hr != S_OK) {
        return -1; /* on failure *out is NULL: nothing to release */
    }
    // </create>

    // <use-ishape>
    hr = unknown->vtbl->query_interface(unknown, &IID_ISHAPE, &out);
    log_line(&log, "C: query_interface(IID_ISHAPE) -> %s\n", hr_name(hr));
    if (hr != S_OK) {
        goto cleanup;
    }
    shape = out;

    double area = 0.0;
    hr = shape->vtbl->area(shape, &area);
    log_line(&log, "C: IShape::area -> %s, %g\n", hr_name(hr), area);

    /* A second long-lived copy of an interface pointer takes its own
     * reference, and gives it back when the copy is no longer needed. */
    IShape *copy = shape;
    log_line(&log, "C: copied the IShape pointer, add_ref -> %" PRIu32 "\n",
             copy->vtbl->add_ref(copy));
    log_line(&log, "C: dropped the copy, release -> %" PRIu32 "\n",
             copy->vtbl->release(copy));
    // </use-ishape>

    // <use-inamed>
    /* Any interface of the object can hand out any other. */
    hr = shape->vtbl->query_interface(shape, &IID_INAMED, &out);
    log_line(&log, "C: query_interface(IID_INAMED) via IShape -> %s\n", hr_name(hr));
    if (hr != S_OK) {
        goto cleanup;
    }
    named = out;

    char name[32];
    hr = named->vtbl->name(named, name, sizeof name);
    log_line(&log, "C: INamed::name -> %s, \"%s\"\n", hr_name(hr), name);

    char small[8];
    hr = named->vtbl->name(named, small, sizeof small);
    log_line(&log, "C: INamed::name into 8 bytes -> %s, \"%s\"\n", hr_name(hr), small);
    // </use-inamed>

    // <identity>
    /* Asking any interface for IID_IUNKNOWN yields the same pointer. */
    hr = named->vtbl->query_interface(named, &IID_IUNKNOWN, &out);
    log_line(&log, "C: query_interface(IID_IUNKNOWN) via INamed -> %s, same pointer: %s\n",
             hr_name(hr), out == (void *)unknown ? "yes" : "no");
    if (hr != S_OK) {
        goto cleanup;
    }
    IUnknown *identity = out;
    log_line(&log, "C: released that IUnknown -> %" PRIu32 "\n",
             identity->vtbl->release(identity));
    log_line(&log, "C: IShape and INamed pointers equal: %s\n",
             (void *)shape == (void *)named ? "yes" : "no");
    // </identity>

    // <no-interface>
    out = unknown; /* deliberately non-NULL: a failed query must clear it */
    hr = unknown->vtbl->query_interface(unknown, &IID_IPRINTABLE, &out);
    log_line(&log, "C: query_interface(IID_IPRINTABLE) -> %s (0x%08" PRIX32 "), out is %s\n",
             hr_name(hr), (uint32_t)hr, out == NULL ? "NULL" : "not NULL");
    /* A failed query hands out no reference, so there is nothing to release. */
    if (hr != E_NOINTERFACE || out != NULL) {
        goto cleanup;
    }
    // </no-interface>
    ok = 1;

    // <release-all>
    cleanup:
    /* Each reference taken above is released exactly once, through the
     * pointer it came with; a pointer is never used after its release. */
    if (named != NULL) {
        log_line(&log, "C: INamed release -> %" PRIu32 "\n", named->vtbl->release(named));
    }
    if (shape != NULL) {
        log_line(&log, "C: IShape release -> %" PRIu32 "\n", shape->vtbl->release(shape));
    }
    log_line(&log, "C: IUnknown release -> %" PRIu32 "\n", unknown->vtbl->release(unknown));
    // </release-all>

    return ok && !log.truncated ? 0 : -1;
}
