/work/main/samples/./.interdoc-cache/target/release/deps/call_c-655804df661354ae.d: call-c/src/main.rs

/work/main/samples/./.interdoc-cache/target/release/deps/call_c-655804df661354ae: call-c/src/main.rs

call-c/src/main.rs:
