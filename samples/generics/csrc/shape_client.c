/* shape_client.c - C code using Rust trait objects, once through an
 * explicit vtable and once through an opaque Box<dyn Shape> handle. */
#include "clients.h"
#include "shape.h"

// <call-through-vtable>
void client_use_shapes(FfiShape *shapes, size_t n, double factor,
                       double *areas, double *scaled) {
    for (size_t i = 0; i < n; i++) {
        FfiShape *shape = &shapes[i];
        const ShapeVTable *vt = shape->vtable;

        areas[i] = vt->area(shape->data);
        vt->scale(shape->data, factor);
        scaled[i] = vt->area(shape->data);

        vt->drop(shape->data); /* this code owns the shape: release it */
        shape->data = NULL;
    }
}
// </call-through-vtable>

// <use-dyn-handles>
size_t client_dyn_shapes(double *areas, size_t cap) {
    DynShape *shapes[2] = {
        dyn_shape_new_circle(1.0),
        dyn_shape_new_rect(2.0, 3.0),
    };
    size_t stored = 0;
    for (size_t i = 0; i < 2; i++) {
        if (shapes[i] != NULL && dyn_shape_scale(shapes[i], 0.5) && stored < cap) {
            areas[stored++] = dyn_shape_area(shapes[i]);
        }
        dyn_shape_free(shapes[i]);
    }
    return stored;
}
// </use-dyn-handles>
