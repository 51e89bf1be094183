/* any_vec.h - a type-erased growable array in the style of qsort(): it
 * stores elements as raw bytes and learns everything else about the element
 * type from a size, an alignment and two function pointers. */
#ifndef ANY_VEC_H
#define ANY_VEC_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// <any-vec-api>
/* Cleans up the element at `elem` (it is never used again afterwards). */
typedef void (*any_vec_drop_fn)(void *elem);
/* Negative, zero or positive, like a qsort() comparison function. */
typedef int (*any_vec_compare_fn)(const void *a, const void *b);

typedef struct AnyVec AnyVec; /* opaque */

/* Creates an empty vector of elements of `elem_size` bytes. `align` must be
 * a power of two no larger than _Alignof(max_align_t), and `elem_size` a
 * non-zero multiple of it. `drop` may be NULL when elements need no cleanup;
 * `compare` may be NULL when the vector is never sorted. Returns NULL if the
 * parameters are invalid or memory runs out. */
AnyVec *any_vec_new(size_t elem_size, size_t align, any_vec_drop_fn drop,
                    any_vec_compare_fn compare);

/* Copies elem_size bytes from `elem` to the end: a bitwise move, so the
 * caller must neither use nor clean up its original afterwards. Returns
 * false (and copies nothing) if memory runs out. */
bool any_vec_push(AnyVec *vec, const void *elem);

size_t any_vec_len(const AnyVec *vec);
size_t any_vec_elem_size(const AnyVec *vec);

/* Address of element `index`, or NULL if it is out of range. Valid until
 * the next any_vec_push(), any_vec_sort() or any_vec_free(). */
const void *any_vec_get(const AnyVec *vec, size_t index);

/* Sorts with the compare function. Returns false if there is none. */
bool any_vec_sort(AnyVec *vec);

/* Calls drop (if any) on every element, then frees the vector. NULL is a
 * no-op. */
void any_vec_free(AnyVec *vec);
// </any-vec-api>

#ifdef __cplusplus
}
#endif

#endif /* ANY_VEC_H */
