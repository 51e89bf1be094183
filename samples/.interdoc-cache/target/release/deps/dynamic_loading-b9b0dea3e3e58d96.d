/work/main/samples/./.interdoc-cache/target/release/deps/dynamic_loading-b9b0dea3e3e58d96.d: dynamic-loading/src/main.rs

/work/main/samples/./.interdoc-cache/target/release/deps/dynamic_loading-b9b0dea3e3e58d96: dynamic-loading/src/main.rs

dynamic-loading/src/main.rs:
