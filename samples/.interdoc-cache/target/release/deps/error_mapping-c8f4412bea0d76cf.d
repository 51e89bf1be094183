/work/main/samples/./.interdoc-cache/target/release/deps/error_mapping-c8f4412bea0d76cf.d: error-mapping/src/main.rs error-mapping/src/legacy.rs error-mapping/src/units.rs

/work/main/samples/./.interdoc-cache/target/release/deps/error_mapping-c8f4412bea0d76cf: error-mapping/src/main.rs error-mapping/src/legacy.rs error-mapping/src/units.rs

error-mapping/src/main.rs:
error-mapping/src/legacy.rs:
error-mapping/src/units.rs:
