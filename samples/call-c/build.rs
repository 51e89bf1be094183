//! Compiles `csrc/stats.c` into a static library and links it into the crate.

fn main() {
    // <rerun-if-changed>
    // Only rebuild the C code when it actually changes.
    println!("cargo::rerun-if-changed=csrc/stats.c");
    println!("cargo::rerun-if-changed=csrc/stats.h");
    // </rerun-if-changed>

    // <build-script>
    // `cc` picks the right compiler for the target, builds `libstats.a` in
    // OUT_DIR and prints the `cargo::rustc-link-lib=static=stats` line for us.
    cc::Build::new()
        .file("csrc/stats.c")
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true) // keep the C side warning-free
        .compile("stats");
    // </build-script>
}
