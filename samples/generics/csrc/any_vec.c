/* any_vec.c - the type-erased vector. It never knows the element type: it
 * moves bytes, and calls back for everything else. */
#include "any_vec.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// <any-vec-struct>
struct AnyVec {
    unsigned char *data; /* malloc'd: aligned for any fundamental type */
    size_t len;
    size_t cap;
    size_t elem_size;
    any_vec_drop_fn drop;
    any_vec_compare_fn compare;
};
// </any-vec-struct>

AnyVec *any_vec_new(size_t elem_size, size_t align, any_vec_drop_fn drop,
                    any_vec_compare_fn compare) {
    int power_of_two = align != 0 && (align & (align - 1)) == 0;
    if (!power_of_two || align > alignof(max_align_t) || elem_size == 0 ||
        elem_size % align != 0) {
        return NULL;
    }
    AnyVec *vec = malloc(sizeof *vec);
    if (vec == NULL) {
        return NULL;
    }
    *vec = (AnyVec){NULL, 0, 0, elem_size, drop, compare};
    return vec;
}

// <any-vec-push>
bool any_vec_push(AnyVec *vec, const void *elem) {
    if (vec == NULL || elem == NULL) {
        return false;
    }
    if (vec->len == vec->cap) {
        size_t new_cap = vec->cap == 0 ? 4 : vec->cap * 2;
        if (new_cap > SIZE_MAX / vec->elem_size) {
            return false;
        }
        /* realloc moves the existing elements bytewise. */
        unsigned char *data = realloc(vec->data, new_cap * vec->elem_size);
        if (data == NULL) {
            return false;
        }
        vec->data = data;
        vec->cap = new_cap;
    }
    memcpy(vec->data + vec->len * vec->elem_size, elem, vec->elem_size);
    vec->len++;
    return true;
}
// </any-vec-push>

size_t any_vec_len(const AnyVec *vec) {
    return vec == NULL ? 0 : vec->len;
}

size_t any_vec_elem_size(const AnyVec *vec) {
    return vec == NULL ? 0 : vec->elem_size;
}

const void *any_vec_get(const AnyVec *vec, size_t index) {
    if (vec == NULL || index >= vec->len) {
        return NULL;
    }
    return vec->data + index * vec->elem_size;
}

// <any-vec-callbacks>
bool any_vec_sort(AnyVec *vec) {
    if (vec == NULL || vec->compare == NULL) {
        return false;
    }
    if (vec->len > 1) {
        qsort(vec->data, vec->len, vec->elem_size, vec->compare);
    }
    return true;
}

void any_vec_free(AnyVec *vec) {
    if (vec == NULL) {
        return;
    }
    if (vec->drop != NULL) {
        for (size_t i = 0; i < vec->len; i++) {
            vec->drop(vec->data + i * vec->elem_size);
        }
    }
    free(vec->data);
    free(vec);
}
// </any-vec-callbacks>
