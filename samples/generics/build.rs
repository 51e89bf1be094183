//! Compiles the C side of the sample: a client of the per-type stack shims,
//! a type-erased container, and a client of the explicit shape vtable.

const C_FILES: [&str; 3] = [
    "csrc/stack_client.c",
    "csrc/any_vec.c",
    "csrc/shape_client.c",
];
const C_HEADERS: [&str; 4] = [
    "csrc/stack.h",
    "csrc/any_vec.h",
    "csrc/shape.h",
    "csrc/clients.h",
];

fn main() {
    // <rerun-if-changed>
    for path in C_FILES.iter().chain(C_HEADERS.iter()) {
        println!("cargo::rerun-if-changed={path}");
    }
    // </rerun-if-changed>

    // <build-script>
    // One static library for all three C files. The C code calls
    // `stack_i32_*`, `stack_f64_*` and `dyn_shape_*`, which the Rust crate
    // defines with `#[unsafe(no_mangle)]`; the linker resolves them when it
    // links `libgenerics_c.a` into the executable.
    cc::Build::new()
        .files(C_FILES)
        .include("csrc")
        .std("c11")
        .warnings(true) // -Wall
        .extra_warnings(true) // -Wextra
        .warnings_into_errors(true)
        .compile("generics_c");
    // </build-script>
}
