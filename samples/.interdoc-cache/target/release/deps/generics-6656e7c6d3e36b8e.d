/work/main/samples/./.interdoc-cache/target/release/deps/generics-6656e7c6d3e36b8e.d: generics/src/main.rs generics/src/erased.rs generics/src/shape.rs generics/src/stack.rs

/work/main/samples/./.interdoc-cache/target/release/deps/generics-6656e7c6d3e36b8e: generics/src/main.rs generics/src/erased.rs generics/src/shape.rs generics/src/stack.rs

generics/src/main.rs:
generics/src/erased.rs:
generics/src/shape.rs:
generics/src/stack.rs:
