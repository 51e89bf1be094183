/work/main/samples/./.interdoc-cache/target/release/deps/com_style-b511310b8273875c.d: com-style/src/main.rs com-style/src/interfaces.rs com-style/src/rectangle.rs

/work/main/samples/./.interdoc-cache/target/release/deps/com_style-b511310b8273875c: com-style/src/main.rs com-style/src/interfaces.rs com-style/src/rectangle.rs

com-style/src/main.rs:
com-style/src/interfaces.rs:
com-style/src/rectangle.rs:
