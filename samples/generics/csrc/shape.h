/* shape.h - two C views of Rust's `dyn Shape` (src/shape.rs): an explicit
 * vtable struct, and a Box<dyn Shape> behind an opaque handle. */
#ifndef SHAPE_H
#define SHAPE_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

// <explicit-vtable>
/* Mirrors #[repr(C)] ShapeVTable: one function pointer per trait method,
 * plus drop. Every function takes the shape's data pointer first. */
typedef struct ShapeVTable {
    double (*area)(const void *data);
    void (*scale)(void *data, double factor);
    void (*drop)(void *data);
} ShapeVTable;

/* Mirrors #[repr(C)] FfiShape: the two halves of a Rust fat pointer, laid
 * out explicitly. Whoever owns it calls vtable->drop(data) exactly once. */
typedef struct FfiShape {
    void *data;
    const ShapeVTable *vtable;
} FfiShape;
// </explicit-vtable>

// <dyn-handle-api>
/* Opaque handle to a Box<dyn Shape>. Release with dyn_shape_free(). */
typedef struct DynShape DynShape;

DynShape *dyn_shape_new_circle(double radius);
DynShape *dyn_shape_new_rect(double width, double height);
double dyn_shape_area(const DynShape *shape); /* 0.0 for NULL */
bool dyn_shape_scale(DynShape *shape, double factor);
void dyn_shape_free(DynShape *shape); /* NULL is a no-op */
// </dyn-handle-api>

#ifdef __cplusplus
}
#endif

#endif /* SHAPE_H */
