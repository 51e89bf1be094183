/work/main/samples/./.interdoc-cache/target/release/deps/dynamic_plugin.d: dynamic-plugin/src/lib.rs

/work/main/samples/./.interdoc-cache/target/release/deps/libdynamic_plugin.so: dynamic-plugin/src/lib.rs

dynamic-plugin/src/lib.rs:
