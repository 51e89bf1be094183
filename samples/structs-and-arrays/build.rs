//! Compiles `csrc/readings.c` into a static library and links it into the crate.

fn main() {
    println!("cargo::rerun-if-changed=csrc/readings.c");
    println!("cargo::rerun-if-changed=csrc/readings.h");

    cc::Build::new()
        .file("csrc/readings.c")
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("readings");
}
