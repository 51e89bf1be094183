//! Compiles the C half of the sample: `legacy.c`, a C library that Rust
//! calls, and `client.c`, C code that calls the API Rust exports.

fn main() {
    // <rerun-if-changed>
    for path in [
        "csrc/legacy.c",
        "csrc/legacy.h",
        "csrc/client.c",
        "csrc/client.h",
        "include/units.h",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    // </rerun-if-changed>

    // <build-script>
    // One static archive holds both C files. `client.c` refers to the
    // `units_*` functions that the Rust crate exports with
    // `#[unsafe(no_mangle)]`; the linker resolves them in the final binary.
    cc::Build::new()
        .file("csrc/legacy.c")
        .file("csrc/client.c")
        .include("csrc")
        .include("include")
        .std("c11")
        .define("_POSIX_C_SOURCE", "200809L") // open(), read(), close()
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("errormapping");
    // </build-script>
}
