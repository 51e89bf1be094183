//! Compiles the C client that drives the Rust-exported counter API.

fn main() {
    // <rerun-if-changed>
    // Rebuild when the C code or the header describing the Rust API changes.
    println!("cargo::rerun-if-changed=csrc/client.c");
    println!("cargo::rerun-if-changed=csrc/client.h");
    println!("cargo::rerun-if-changed=include/counter.h");
    // </rerun-if-changed>

    // <build-script>
    // The C code calls `counter_*` functions that the Rust crate defines with
    // `#[unsafe(no_mangle)]`; the linker resolves them when it links the
    // static `libclient.a` into the final binary.
    cc::Build::new()
        .file("csrc/client.c")
        .include("include")
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("client");
    // </build-script>
}
