/* readings.h - a simulated sensor device that shares structs with Rust. */
#ifndef READINGS_H
#define READINGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// <reading-types>
/* Values of sensor_reading.kind: they say which union member is valid. */
#define READING_REAL 1  /* value.real */
#define READING_COUNT 2 /* value.count */

/* Mirrored in Rust by a #[repr(transparent)] newtype. */
typedef uint32_t sensor_id;

/* A C union: every member starts at offset 0. */
typedef union reading_value {
    double real;
    int64_t count;
} reading_value;

/* The field order leaves holes: 1 + 3 (pad) + 4 + 2 + 6 (pad) + 8 + 4
 * + 4 (pad) = 32 bytes on x86_64 Linux. */
typedef struct sensor_reading {
    uint8_t kind;        /* READING_REAL or READING_COUNT */
    sensor_id sensor;
    uint16_t channel;
    reading_value value; /* the member named by `kind` */
    char unit[4];        /* NUL-padded, not always NUL-terminated */
} sensor_reading;
// </reading-types>

/* The same fields as sensor_reading, largest alignment first. Only used to
 * compare layouts. */
typedef struct compact_reading {
    reading_value value;
    sensor_id sensor;
    uint16_t channel;
    uint8_t kind;
    char unit[4];
} compact_reading;

// <summary-types>
typedef struct value_range {
    double min;
    double max;
} value_range;

/* Filled in by summarize_sensor(). Contains a nested struct. */
typedef struct reading_summary {
    sensor_id sensor;
    uint32_t count;
    value_range range;
    double mean;
} reading_summary;
// </summary-types>

/* Status codes of summarize_sensor(). */
#define SUMMARY_OK 0
#define SUMMARY_ERR_NULL 1
#define SUMMARY_ERR_NO_REAL_READINGS 2

/* Layout of one type as this C compiler sees it. */
#define LAYOUT_MAX_FIELDS 8
typedef struct type_layout {
    size_t size;
    size_t align;
    size_t field_count;
    size_t offsets[LAYOUT_MAX_FIELDS]; /* offsets[0..field_count] */
} type_layout;

/* Type ids accepted by layout_query(). */
#define LAYOUT_SENSOR_READING 1
#define LAYOUT_READING_VALUE 2
#define LAYOUT_COMPACT_READING 3
#define LAYOUT_READING_SUMMARY 4

// <prototypes>
/* Fills *out with sizeof, _Alignof and the offsetof of each field (in
 * declaration order) of the type named by `which`. Returns 0, or -1 for an
 * unknown id or a NULL `out`. */
int layout_query(int which, type_layout *out);

/* Copies up to `capacity` readings into out[0..capacity] and returns how
 * many it wrote. Writes nothing beyond that count. */
size_t device_read(sensor_reading *out, size_t capacity);

/* Summarizes the READING_REAL readings of `sensor` in readings[0..len].
 * Writes every field of *out and returns SUMMARY_OK, or returns an error
 * code and leaves *out untouched. */
int summarize_sensor(const sensor_reading *readings, size_t len,
                     sensor_id sensor, reading_summary *out);
// </prototypes>

#ifdef __cplusplus
}
#endif

#endif /* READINGS_H */
