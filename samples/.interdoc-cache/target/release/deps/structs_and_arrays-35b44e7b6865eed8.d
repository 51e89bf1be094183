/work/main/samples/./.interdoc-cache/target/release/deps/structs_and_arrays-35b44e7b6865eed8.d: structs-and-arrays/src/main.rs

/work/main/samples/./.interdoc-cache/target/release/deps/structs_and_arrays-35b44e7b6865eed8: structs-and-arrays/src/main.rs

structs-and-arrays/src/main.rs:
