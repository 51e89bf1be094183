/* legacy.c - implementation of legacy.h. Never prints. */
#include "legacy.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

// <parse-port>
int legacy_parse_port(const char *text) {
    if (text == NULL) {
        return LEGACY_ERR_NULL;
    }
    if (text[0] == '\0') {
        return LEGACY_ERR_EMPTY;
    }
    long value = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return LEGACY_ERR_SYNTAX;
        }
        if (value <= 65535) { /* stop growing, keep checking the syntax */
            value = value * 10 + (*p - '0');
        }
    }
    if (value < 1 || value > 65535) {
        return LEGACY_ERR_RANGE;
    }
    return (int)value;
}
// </parse-port>

// <divmod>
int legacy_divmod(int64_t num, int64_t den, int64_t *quot, int64_t *rem) {
    if (quot == NULL || rem == NULL) {
        return LEGACY_ERR_NULL;
    }
    if (den == 0) {
        return LEGACY_ERR_DIV_BY_ZERO;
    }
    if (num == INT64_MIN && den == -1) { /* the quotient does not fit */
        return LEGACY_ERR_RANGE;
    }
    *quot = num / den;
    *rem = num % den;
    return LEGACY_OK;
}
// </divmod>

// <read-file>
long legacy_read_file(const char *path, char *buf, size_t cap) {
    if (path == NULL || (buf == NULL && cap > 0)) {
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -1; /* errno set by open() */
    }
    ssize_t n = read(fd, buf, cap);
    if (n < 0) {
        int saved = errno; /* close() may overwrite errno */
        close(fd);
        errno = saved;
        return -1;
    }
    close(fd);
    return (long)n;
}
// </read-file>
