//! Compiles `csrc/text.c`, the C side of the string sample.

fn main() {
    // <rerun-if-changed>
    println!("cargo::rerun-if-changed=csrc/text.c");
    println!("cargo::rerun-if-changed=csrc/text.h");
    // </rerun-if-changed>

    // <build-script>
    cc::Build::new()
        .file("csrc/text.c")
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("text");
    // </build-script>
}
