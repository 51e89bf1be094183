//! Compiles the small C event library that calls back into Rust.

fn main() {
    // <rerun-if-changed>
    println!("cargo::rerun-if-changed=csrc/events.c");
    println!("cargo::rerun-if-changed=csrc/events.h");
    // </rerun-if-changed>

    // <build-script>
    cc::Build::new()
        .file("csrc/events.c")
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("events");
    // </build-script>
}
