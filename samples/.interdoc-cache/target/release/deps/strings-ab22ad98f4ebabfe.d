/work/main/samples/./.interdoc-cache/target/release/deps/strings-ab22ad98f4ebabfe.d: strings/src/main.rs

/work/main/samples/./.interdoc-cache/target/release/deps/strings-ab22ad98f4ebabfe: strings/src/main.rs

strings/src/main.rs:
