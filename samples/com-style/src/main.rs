//! COM-style interfaces between Rust and C, without Windows.
//!
//! `interfaces.rs` defines the binary contract (interface ids, result codes,
//! vtable layouts) that `include/shapes.h` declares for C. `rectangle.rs`
//! implements a reference-counted object exposing `IShape` and `INamed`.
//! The C client in `csrc/client.c` (compiled by `build.rs`) creates one,
//! queries its interfaces, calls methods through the vtables and releases
//! every reference; `main` prints the log C wrote into a buffer.

mod interfaces;
mod rectangle;

use std::ffi::{CStr, c_char, c_int};
use std::process::ExitCode;

use interfaces::{IID_INAMED, IID_ISHAPE};

// <extern-block>
unsafe extern "C" {
    /// Defined in `csrc/client.c`. Writes a NUL-terminated log into
    /// `buf[..cap]`; returns 0 on success.
    fn client_run(buf: *mut c_char, cap: usize) -> c_int;
}
// </extern-block>

fn main() -> ExitCode {
    println!("Rust: IID_IShape = {IID_ISHAPE}");
    println!("Rust: IID_INamed = {IID_INAMED}");
    println!("Rust: handing control to C");

    let mut buf = vec![0u8; 2048];
    // SAFETY: `buf` is a live, writable allocation of `buf.len()` bytes for
    // the whole call, and `client_run` writes at most that many bytes
    // (NUL included) without keeping the pointer afterwards.
    let status = unsafe { client_run(buf.as_mut_ptr().cast::<c_char>(), buf.len()) };

    let log = match CStr::from_bytes_until_nul(&buf) {
        Ok(text) => text.to_string_lossy(),
        Err(_) => {
            eprintln!("error: C did not NUL-terminate the log");
            return ExitCode::FAILURE;
        }
    };
    print!("{log}");
    println!("Rust: C returned status {status}");

    // <lifetime-check>
    let (created, destroyed) = rectangle::lifetime_counts();
    println!("Rust: rectangles created: {created}, destroyed: {destroyed}");
    // </lifetime-check>

    if status == 0 && created == destroyed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
