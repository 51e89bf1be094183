//! Mapping errors across the C boundary, in both directions.
//!
//! `legacy.rs` turns the error conventions of a C library (negative return
//! codes, status codes with out-parameters, `errno`) into Rust errors.
//! `units.rs` exports a Rust API to C that reports errors as status codes
//! plus a thread-local message and never lets a panic reach C; the C code
//! in `csrc/client.c` calls it and writes a log that Rust prints.

mod legacy;
mod units;

use std::ffi::{CStr, c_char, c_int};
use std::io::ErrorKind;
use std::process::ExitCode;
use std::thread;

use legacy::LegacyError;

unsafe extern "C" {
    /// Defined in `csrc/client.c`. Writes a NUL-terminated log into
    /// `buf[..cap]`; returns 0 on success.
    fn client_run(buf: *mut c_char, cap: usize) -> c_int;
}

fn return_codes() {
    println!("== Negative return codes -> LegacyError ==");
    // <use-error-enum>
    for text in [c"8080", c"", c"http", c"70000"] {
        match legacy::parse_port(text) {
            Ok(port) => println!("parse_port({text:?}) = {port}"),
            Err(err) => println!(
                "parse_port({text:?}) failed with {}: {err} ({err:?})",
                err.code()
            ),
        }
    }
    println!("try_from(-42) = {:?}", LegacyError::try_from(-42));
    println!("try_from(7) = {:?}", LegacyError::try_from(7));
    // </use-error-enum>
}

fn out_parameters() {
    println!("== Out-parameters plus a status code ==");
    for (num, den) in [(17, 5), (-17, 5), (1, 0), (i64::MIN, -1)] {
        match legacy::divmod(num, den) {
            Ok((quot, rem)) => println!("divmod({num}, {den}) = ({quot}, {rem})"),
            Err(err) => println!("divmod({num}, {den}) failed: {err}"),
        }
    }
}

fn errno() {
    println!("== errno -> io::Error::last_os_error() ==");
    // <match-error-kind>
    for path in [c"/dev/null", c"missing/settings.conf", c"."] {
        let mut buf = [0u8; 64];
        match legacy::read_file(path, &mut buf) {
            Ok(len) => println!("read_file({path:?}) read {len} bytes"),
            Err(err) => {
                // Match on the portable kind; the message text and the
                // raw errno number differ between systems.
                let action = match err.kind() {
                    ErrorKind::NotFound => "fall back to the defaults",
                    ErrorKind::IsADirectory => "look for a file inside it",
                    ErrorKind::PermissionDenied => "report it to the user",
                    _ => "give up",
                };
                println!("read_file({path:?}) failed: {:?}, {action}", err.kind());
            }
        }
    }
    // </match-error-kind>
}

fn rust_api_from_c() -> c_int {
    println!("== Rust errors -> C status codes and a last-error message ==");
    let mut buf = vec![0u8; 2048];
    // SAFETY: `buf` is a live, writable allocation of `buf.len()` bytes for
    // the whole call; `client_run` writes at most that many bytes (NUL
    // included) and keeps no pointer to it.
    let status = unsafe { client_run(buf.as_mut_ptr().cast::<c_char>(), buf.len()) };
    match CStr::from_bytes_until_nul(&buf) {
        Ok(log) => print!("{}", log.to_string_lossy()),
        Err(_) => println!("Rust: C did not NUL-terminate its log"),
    }
    println!("Rust: C returned status {status}");

    // <per-thread>
    // The last error belongs to the thread that made the failing call.
    println!("Rust: last error here: {:?}", units::last_error());
    match thread::spawn(units::last_error).join() {
        Ok(other) => println!("Rust: last error on a new thread: {other:?}"),
        Err(_) => println!("Rust: the new thread panicked"),
    }
    // </per-thread>
    status
}

fn main() -> ExitCode {
    return_codes();
    out_parameters();
    errno();
    if rust_api_from_c() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
