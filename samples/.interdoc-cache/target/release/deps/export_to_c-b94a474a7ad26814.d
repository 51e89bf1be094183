/work/main/samples/./.interdoc-cache/target/release/deps/export_to_c-b94a474a7ad26814.d: export-to-c/src/main.rs export-to-c/src/counter.rs

/work/main/samples/./.interdoc-cache/target/release/deps/export_to_c-b94a474a7ad26814: export-to-c/src/main.rs export-to-c/src/counter.rs

export-to-c/src/main.rs:
export-to-c/src/counter.rs:
