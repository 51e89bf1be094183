/* clients.h - the C functions that Rust's main() calls. None of them
 * prints: they return values or fill caller-owned buffers. */
#ifndef CLIENTS_H
#define CLIENTS_H

#include <stddef.h>
#include <stdint.h>

#include "shape.h"

/* Push three values onto a new StackI32 / StackF64, store its length in
 * *len, pop up to `cap` values into out[] (top first), free the stack and
 * return how many values were popped. Return 0 if the stack could not be
 * created. */
size_t client_i32_stack(size_t *len, int32_t *out, size_t cap);
size_t client_f64_stack(size_t *len, double *out, size_t cap);

/* Takes ownership of shapes[0..n]. For each shape: store its area in
 * areas[i], scale it by `factor`, store the new area in scaled[i], then
 * release it through its vtable and set its data pointer to NULL. */
void client_use_shapes(FfiShape *shapes, size_t n, double factor,
                       double *areas, double *scaled);

/* Creates a circle and a rectangle through the DynShape handle API, halves
 * each, stores up to `cap` areas in areas[], frees both handles and returns
 * how many areas were stored. */
size_t client_dyn_shapes(double *areas, size_t cap);

#endif /* CLIENTS_H */
