/* stack.h - C view of the per-type stack API that export_stack! generates
 * in src/stack.rs. Keep the two in sync. */
#ifndef STACK_H
#define STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// <stack-handles>
/* One opaque handle type per Rust instantiation: StackI32 is Stack<i32>,
 * StackF64 is Stack<f64>. C cannot name Stack<T> itself. */
typedef struct StackI32 StackI32;
typedef struct StackF64 StackF64;
// </stack-handles>

// <stack-api>
/* Stack<i32> */
StackI32 *stack_i32_new(void);
bool stack_i32_push(StackI32 *stack, int32_t value);
bool stack_i32_pop(StackI32 *stack, int32_t *out); /* false when empty */
size_t stack_i32_len(const StackI32 *stack);
void stack_i32_free(StackI32 *stack); /* NULL is a no-op */

/* Stack<f64> */
StackF64 *stack_f64_new(void);
bool stack_f64_push(StackF64 *stack, double value);
bool stack_f64_pop(StackF64 *stack, double *out); /* false when empty */
size_t stack_f64_len(const StackF64 *stack);
void stack_f64_free(StackF64 *stack); /* NULL is a no-op */
// </stack-api>

#ifdef __cplusplus
}
#endif

#endif /* STACK_H */
