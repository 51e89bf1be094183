/* stats.c - implementation of the tiny statistics library. */
#include "stats.h"

#include <math.h> /* isfinite() is a macro: no libm needed at link time */

unsigned stats_version(void) { return 1; }

// <pointer-length>
double stats_sum(const double *values, size_t len) {
    double total = 0.0;
    /* With len == 0 the loop never dereferences `values`, so an empty
     * Rust slice's dangling-but-aligned pointer (or NULL) is fine. */
    for (size_t i = 0; i < len; i++) {
        total += values[i];
    }
    return total;
}
// </pointer-length>

size_t stats_count_above(const double *values, size_t len, double threshold) {
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        if (values[i] > threshold) {
            count++;
        }
    }
    return count;
}

// <out-parameter>
int stats_summarize(const double *values, size_t len, stats_summary *out) {
    if (values == NULL || out == NULL) {
        return STATS_ERR_NULL;
    }
    if (len == 0) {
        return STATS_ERR_EMPTY;
    }

    stats_summary result = {values[0], values[0], 0.0};
    double total = 0.0;
    for (size_t i = 0; i < len; i++) {
        double v = values[i];
        if (!isfinite(v)) {
            return STATS_ERR_NOT_FINITE;
        }
        if (v < result.min) {
            result.min = v;
        }
        if (v > result.max) {
            result.max = v;
        }
        total += v;
    }
    result.mean = total / (double)len;

    *out = result; /* write the out-parameter only on success */
    return STATS_OK;
}
// </out-parameter>
