/work/main/samples/./.interdoc-cache/target/release/deps/callbacks-f55fd14aeaad1106.d: callbacks/src/main.rs

/work/main/samples/./.interdoc-cache/target/release/deps/callbacks-f55fd14aeaad1106: callbacks/src/main.rs

callbacks/src/main.rs:
