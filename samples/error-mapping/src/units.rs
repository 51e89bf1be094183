//! A small Rust library exported to C: it parses lengths such as "2.5 km".
//! `include/units.h` declares it for C callers; keep the two in sync.
//!
//! Every fallible function returns a status code and records a message in
//! a thread-local "last error", which C copies out with
//! `units_last_error_length` and `units_last_error_message`. Panics are
//! caught at the boundary and reported as `UNITS_ERR_INTERNAL`.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{CStr, c_char, c_int};
use std::fmt;
use std::panic::{self, UnwindSafe};

// <status-enum>
/// The status codes of `units.h`. The numbers are part of the ABI: add new
/// codes, never renumber or reuse one.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok = 0,
    NullPointer = -1,
    InvalidUtf8 = -2,
    Syntax = -3,
    UnknownUnit = -4,
    BufferTooSmall = -5,
    Internal = -99,
}

impl Status {
    /// The value C sees.
    fn code(self) -> c_int {
        self as c_int
    }
}
// </status-enum>

// <error-type>
/// What went wrong, with the details that C receives only as text.
#[derive(Debug)]
enum UnitsError {
    NullPointer(&'static str),
    InvalidUtf8,
    Syntax(String),
    UnknownUnit(String),
    Panic(String),
}

impl UnitsError {
    fn status(&self) -> Status {
        match self {
            Self::NullPointer(_) => Status::NullPointer,
            Self::InvalidUtf8 => Status::InvalidUtf8,
            Self::Syntax(_) => Status::Syntax,
            Self::UnknownUnit(_) => Status::UnknownUnit,
            Self::Panic(_) => Status::Internal,
        }
    }
}

impl fmt::Display for UnitsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NullPointer(name) => write!(f, "argument `{name}` is NULL"),
            Self::InvalidUtf8 => f.write_str("input is not valid UTF-8"),
            Self::Syntax(input) => write!(f, "expected \"<number> <unit>\", got {input:?}"),
            Self::UnknownUnit(unit) => write!(f, "unknown unit {unit:?}"),
            Self::Panic(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for UnitsError {}
// </error-type>

// <last-error>
thread_local! {
    /// Message of the most recent failed call on this thread, if any.
    static LAST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The calling thread's last error message, for Rust callers.
pub fn last_error() -> Option<String> {
    LAST_ERROR.with_borrow(Clone::clone)
}
// </last-error>

// <ffi-boundary>
/// Runs the body of an exported function: clears the last error, catches
/// a panic before it can reach C, and turns an error into a status code
/// plus a message.
fn ffi_boundary(body: impl FnOnce() -> Result<(), UnitsError> + UnwindSafe) -> c_int {
    LAST_ERROR.set(None);
    let error = match panic::catch_unwind(body) {
        Ok(Ok(())) => return Status::Ok.code(),
        Ok(Err(error)) => error,
        Err(payload) => UnitsError::Panic(panic_message(&*payload)),
    };
    let status = error.status();
    LAST_ERROR.set(Some(error.to_string()));
    status.code()
}

/// The text of a panic. `panic!` and friends carry a `&'static str` when
/// the message needs no formatting at run time, and a `String` otherwise.
/// Pass `&*payload`: `&payload` would coerce the `Box` itself to `dyn Any`.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}
// </ffi-boundary>

// <parse-length>
/// Plain Rust: knows nothing about C.
fn parse_length(text: &str) -> Result<f64, UnitsError> {
    let syntax = || UnitsError::Syntax(text.to_owned());
    let (number, unit) = text.split_once(' ').ok_or_else(syntax)?;
    let value: f64 = number.parse().map_err(|_| syntax())?;
    let meters_per_unit = match unit {
        "mm" => 0.001,
        "cm" => 0.01,
        "m" => 1.0,
        "km" => 1000.0,
        "in" => 0.0254,
        "ft" => 0.3048,
        // A deliberate bug: this arm panics instead of returning an error.
        "ly" => todo!("light-years"),
        other => return Err(UnitsError::UnknownUnit(other.to_owned())),
    };
    Ok(value * meters_per_unit)
}
// </parse-length>

// <exported-parse>
/// Parses `text` and writes the length in meters to `*out_meters`.
///
/// # Safety
///
/// `text` must be null or point to a NUL-terminated string, and
/// `out_meters` must be null or valid for writing one `f64`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn units_parse_length(text: *const c_char, out_meters: *mut f64) -> c_int {
    ffi_boundary(|| {
        if text.is_null() {
            return Err(UnitsError::NullPointer("text"));
        }
        if out_meters.is_null() {
            return Err(UnitsError::NullPointer("out_meters"));
        }
        // SAFETY: `text` is non-null and, per the contract, NUL-terminated
        // and valid for the whole call.
        let text = unsafe { CStr::from_ptr(text) };
        let text = text.to_str().map_err(|_| UnitsError::InvalidUtf8)?;
        let meters = parse_length(text)?;
        // SAFETY: `out_meters` is non-null and, per the contract, valid for
        // writes. It is written only on success.
        unsafe { out_meters.write(meters) };
        Ok(())
    })
}
// </exported-parse>

// <exported-last-error>
/// Bytes needed for the last error message, NUL included; 0 if none.
#[unsafe(no_mangle)]
pub extern "C" fn units_last_error_length() -> usize {
    LAST_ERROR.with_borrow(|last| last.as_ref().map_or(0, |message| message.len() + 1))
}

/// Copies the last error message (or "") with a terminating NUL into
/// `buf[..len]`. Leaves the recorded message as it is.
///
/// # Safety
///
/// `buf` must be null or valid for writes of `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn units_last_error_message(buf: *mut c_char, len: usize) -> c_int {
    if buf.is_null() {
        return Status::NullPointer.code();
    }
    LAST_ERROR.with_borrow(|last| {
        let bytes = last.as_deref().unwrap_or("").as_bytes();
        if len <= bytes.len() {
            return Status::BufferTooSmall.code(); // no room for the NUL
        }
        // SAFETY: `buf` is non-null and valid for `len` bytes, and
        // `len > bytes.len()`, so the text and its NUL fit. A Rust
        // `String` never overlaps a buffer that C owns.
        unsafe {
            buf.cast::<u8>()
                .copy_from_nonoverlapping(bytes.as_ptr(), bytes.len());
            buf.add(bytes.len()).write(0);
        }
        Status::Ok.code()
    })
}
// </exported-last-error>
