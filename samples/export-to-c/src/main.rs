//! Exporting a Rust API to C.
//!
//! `counter.rs` exports a handle-based API with `#[unsafe(no_mangle)]`.
//! The C code in `csrc/client.c` (compiled by `build.rs`) uses that API;
//! `main` hands control to C and prints the log C wrote into a buffer.

mod counter;

use std::ffi::{CStr, c_char, c_int};
use std::process::ExitCode;

// <extern-block>
unsafe extern "C" {
    /// Defined in `csrc/client.c`. Writes a NUL-terminated log into
    /// `buf[..cap]`; returns 0 on success.
    fn client_run(buf: *mut c_char, cap: usize) -> c_int;
}
// </extern-block>

fn main() -> ExitCode {
    println!("Rust: handing control to C");

    // <call-into-c>
    let mut buf = vec![0u8; 1024];
    // SAFETY: `buf` is a live, writable allocation of `buf.len()` bytes for
    // the whole call, and `client_run` writes at most that many bytes
    // (NUL included) without keeping the pointer afterwards.
    let status = unsafe { client_run(buf.as_mut_ptr().cast::<c_char>(), buf.len()) };

    // C guarantees NUL termination; checking it anyway costs nothing.
    let log = match CStr::from_bytes_until_nul(&buf) {
        Ok(text) => text.to_string_lossy(),
        Err(_) => {
            eprintln!("error: C did not NUL-terminate the log");
            return ExitCode::FAILURE;
        }
    };
    // </call-into-c>

    print!("{log}");
    println!("Rust: C returned status {status}");
    println!("Rust: counters still alive: {}", counter::live_counters());

    if status == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
