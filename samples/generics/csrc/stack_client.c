/* stack_client.c - C code using two instantiations of Rust's Stack<T>
 * through their per-type symbols. */
#include "clients.h"
#include "stack.h"

// <use-i32-stack>
size_t client_i32_stack(size_t *len, int32_t *out, size_t cap) {
    StackI32 *stack = stack_i32_new();
    if (stack == NULL) {
        return 0;
    }
    for (int32_t value = 10; value <= 30; value += 10) {
        stack_i32_push(stack, value);
    }
    *len = stack_i32_len(stack);

    size_t popped = 0;
    while (popped < cap && stack_i32_pop(stack, &out[popped])) {
        popped++;
    }
    stack_i32_free(stack); /* also drops anything left on the stack */
    return popped;
}
// </use-i32-stack>

// <use-f64-stack>
size_t client_f64_stack(size_t *len, double *out, size_t cap) {
    StackF64 *stack = stack_f64_new();
    if (stack == NULL) {
        return 0;
    }
    const double values[] = {0.5, 1.25, 2.0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        stack_f64_push(stack, values[i]);
    }
    *len = stack_f64_len(stack);

    size_t popped = 0;
    while (popped < cap && stack_f64_pop(stack, &out[popped])) {
        popped++;
    }
    stack_f64_free(stack);
    return popped;
}
// </use-f64-stack>
