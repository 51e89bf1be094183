/* stats.h - a tiny C statistics library used by the call-c sample. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// <status-codes>
/* Status codes returned by stats_summarize(). */
#define STATS_OK 0
#define STATS_ERR_NULL 1       /* a required pointer was NULL */
#define STATS_ERR_EMPTY 2      /* len was 0 */
#define STATS_ERR_NOT_FINITE 3 /* an element was NaN or infinite */
// </status-codes>

// <summary-struct>
/* Filled in by stats_summarize(). Mirrored in Rust with #[repr(C)]. */
typedef struct stats_summary {
    double min;
    double max;
    double mean;
} stats_summary;
// </summary-struct>

// <prototypes>
/* Version of this library's interface. Has no preconditions. */
unsigned stats_version(void);

/* Sum of values[0..len]. `values` may be NULL only when len is 0. */
double stats_sum(const double *values, size_t len);

/* Number of elements strictly greater than `threshold`. */
size_t stats_count_above(const double *values, size_t len, double threshold);

/* Writes min, max and mean of values[0..len] to *out and returns STATS_OK,
 * or returns an error code and leaves *out untouched. */
int stats_summarize(const double *values, size_t len, stats_summary *out);
// </prototypes>

#ifdef __cplusplus
}
#endif

#endif /* STATS_H */
