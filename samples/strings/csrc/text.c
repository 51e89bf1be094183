/* text.c - implementation of the small text library. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t text_byte_length(const char *s) {
    return s == NULL ? 0 : strlen(s);
}

const char *text_file_name(const char *path) {
    if (path == NULL) {
        return NULL;
    }
    const char *slash = strrchr(path, '/');
    return slash == NULL ? path : slash + 1;
}

// <static-table>
static const char *const labels[] = {
    "ready",
    "gr\xC3\xBC\xC3\x9F dich", /* "grüß dich" in UTF-8 */
    "caf\xE9 cr\xE8me",        /* "café crème" in Latin-1: not UTF-8 */
};

const char *text_label(unsigned index) {
    if (index >= sizeof labels / sizeof labels[0]) {
        return NULL;
    }
    return labels[index];
}
// </static-table>

// <malloc-impl>
char *text_to_upper(const char *s) {
    if (s == NULL) {
        return NULL;
    }
    size_t len = strlen(s);
    char *copy = malloc(len + 1); /* + 1 for the NUL */
    if (copy == NULL) {
        return NULL;
    }
    for (size_t i = 0; i <= len; i++) {
        char c = s[i];
        /* Bytes >= 0x80 (parts of multibyte UTF-8 sequences) pass through. */
        copy[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    return copy;
}

void text_free(char *s) {
    free(s); /* the same allocator that text_to_upper() used */
}
// </malloc-impl>

static char *current_name = NULL; /* borrowed from the caller, never freed */

char *text_set_name(char *name) {
    char *previous = current_name;
    current_name = name;
    return previous;
}

// <buffer-impl>
size_t text_greet(char *buf, size_t cap) {
    const char *who = current_name != NULL ? current_name : "stranger";
    /* snprintf writes at most cap - 1 bytes and a NUL, and returns the
     * length the whole text needs; with cap == 0 it writes nothing. */
    int needed = snprintf(buf, cap, "Hello, %s", who);
    if (needed < 0) {
        if (cap > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)needed;
}
// </buffer-impl>
