/work/main/samples/./.interdoc-cache/target/release/dynamic-loading: /work/main/samples/dynamic-loading/src/main.rs
