/* readings.c - implementation of the simulated sensor device. */
#include "readings.h"

#include <stdalign.h>

/* Records one field's offset; used only inside layout_query(). */
#define LAYOUT_FIELD(type, member) \
    out->offsets[out->field_count++] = offsetof(type, member)

int layout_query(int which, type_layout *out) {
    if (out == NULL) {
        return -1;
    }
    *out = (type_layout){0};
    switch (which) {
    // <layout-query>
    case LAYOUT_SENSOR_READING:
        out->size = sizeof(sensor_reading);
        out->align = alignof(sensor_reading);
        LAYOUT_FIELD(sensor_reading, kind);
        LAYOUT_FIELD(sensor_reading, sensor);
        LAYOUT_FIELD(sensor_reading, channel);
        LAYOUT_FIELD(sensor_reading, value);
        LAYOUT_FIELD(sensor_reading, unit);
        return 0;
    // </layout-query>
    case LAYOUT_READING_VALUE:
        out->size = sizeof(reading_value);
        out->align = alignof(reading_value);
        LAYOUT_FIELD(reading_value, real);
        LAYOUT_FIELD(reading_value, count);
        return 0;
    case LAYOUT_COMPACT_READING:
        out->size = sizeof(compact_reading);
        out->align = alignof(compact_reading);
        LAYOUT_FIELD(compact_reading, value);
        LAYOUT_FIELD(compact_reading, sensor);
        LAYOUT_FIELD(compact_reading, channel);
        LAYOUT_FIELD(compact_reading, kind);
        LAYOUT_FIELD(compact_reading, unit);
        return 0;
    case LAYOUT_READING_SUMMARY:
        out->size = sizeof(reading_summary);
        out->align = alignof(reading_summary);
        LAYOUT_FIELD(reading_summary, sensor);
        LAYOUT_FIELD(reading_summary, count);
        LAYOUT_FIELD(reading_summary, range);
        LAYOUT_FIELD(reading_summary, range.min);
        LAYOUT_FIELD(reading_summary, range.max);
        LAYOUT_FIELD(reading_summary, mean);
        return 0;
    default:
        return -1;
    }
}

/* What the simulated device has buffered. `unit` is a char[4]: "degC" fills
 * it completely and leaves no room for a terminating NUL. */
static const sensor_reading device_buffer[] = {
    {READING_REAL, 101, 1, {.real = 21.5}, {'d', 'e', 'g', 'C'}},
    {READING_REAL, 102, 1, {.real = 101.25}, {'k', 'P', 'a', '\0'}},
    {READING_COUNT, 201, 2, {.count = 42}, {'\0'}},
    {READING_REAL, 101, 1, {.real = 22.25}, {'d', 'e', 'g', 'C'}},
    {READING_COUNT, 201, 2, {.count = 45}, {'\0'}},
    {READING_REAL, 101, 1, {.real = 20.75}, {'d', 'e', 'g', 'C'}},
};

// <fill-buffer>
size_t device_read(sensor_reading *out, size_t capacity) {
    size_t available = sizeof device_buffer / sizeof device_buffer[0];
    size_t n = available < capacity ? available : capacity;
    for (size_t i = 0; i < n; i++) {
        out[i] = device_buffer[i]; /* whole-struct copy */
    }
    return n; /* out[n..capacity] stays uninitialized */
}
// </fill-buffer>

// <summarize>
int summarize_sensor(const sensor_reading *readings, size_t len,
                     sensor_id sensor, reading_summary *out) {
    if (out == NULL || (readings == NULL && len > 0)) {
        return SUMMARY_ERR_NULL;
    }
    reading_summary s = {.sensor = sensor, .count = 0};
    double total = 0.0;
    for (size_t i = 0; i < len; i++) {
        const sensor_reading *r = &readings[i];
        if (r->sensor != sensor || r->kind != READING_REAL) {
            continue;
        }
        double v = r->value.real;
        if (s.count == 0 || v < s.range.min) {
            s.range.min = v;
        }
        if (s.count == 0 || v > s.range.max) {
            s.range.max = v;
        }
        total += v;
        s.count++;
    }
    if (s.count == 0) {
        return SUMMARY_ERR_NO_REAL_READINGS; /* *out is not written */
    }
    s.mean = total / s.count;
    *out = s; /* every field written at once */
    return SUMMARY_OK;
}
// </summarize>
