/work/main/samples/./.interdoc-cache/target/release/libdynamic_plugin.so: /work/main/samples/dynamic-plugin/src/lib.rs
