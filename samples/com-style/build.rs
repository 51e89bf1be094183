//! Compiles the C client that uses the Rust object through its vtables.

fn main() {
    // <rerun-if-changed>
    // Rebuild when the C client or the header describing the interfaces changes.
    println!("cargo::rerun-if-changed=csrc/client.c");
    println!("cargo::rerun-if-changed=csrc/client.h");
    println!("cargo::rerun-if-changed=include/shapes.h");
    // </rerun-if-changed>

    // <build-script>
    // The C code references `create_rectangle` and the `IID_*` statics that
    // the Rust crate exports with `#[unsafe(no_mangle)]`; the linker resolves
    // them when it links the static `libclient.a` into the final binary.
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
