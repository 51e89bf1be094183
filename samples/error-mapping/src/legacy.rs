//! Safe wrappers over `csrc/legacy.c`, a C library that reports failure in
//! three classic ways: a negative return code, a status code next to
//! out-parameters, and `-1` with `errno`.

use std::ffi::{CStr, c_char, c_int, c_long};
use std::fmt;
use std::io;
use std::mem::MaybeUninit;

// <extern-block>
unsafe extern "C" {
    fn legacy_parse_port(text: *const c_char) -> c_int;
    fn legacy_divmod(num: i64, den: i64, quot: *mut i64, rem: *mut i64) -> c_int;
    fn legacy_read_file(path: *const c_char, buf: *mut c_char, cap: usize) -> c_long;
}

// The codes from `csrc/legacy.h`.
const LEGACY_OK: c_int = 0;
const LEGACY_ERR_NULL: c_int = -1;
const LEGACY_ERR_EMPTY: c_int = -2;
const LEGACY_ERR_SYNTAX: c_int = -3;
const LEGACY_ERR_RANGE: c_int = -4;
const LEGACY_ERR_DIV_BY_ZERO: c_int = -5;
// </extern-block>

// <error-enum>
/// The negative codes of `legacy.h` as a Rust error type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LegacyError {
    NullPointer,
    Empty,
    Syntax,
    OutOfRange,
    DivisionByZero,
    /// A code this wrapper does not know, for example from a newer build
    /// of the C library. Keeping the number helps whoever debugs it.
    Unknown(c_int),
}

impl fmt::Display for LegacyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NullPointer => f.write_str("a required pointer was null"),
            Self::Empty => f.write_str("the input is empty"),
            Self::Syntax => f.write_str("the input is not a decimal number"),
            Self::OutOfRange => f.write_str("a value is out of range"),
            Self::DivisionByZero => f.write_str("division by zero"),
            Self::Unknown(code) => write!(f, "unknown error code {code}"),
        }
    }
}

impl std::error::Error for LegacyError {}
// </error-enum>

// <try-from>
/// The value passed to `LegacyError::try_from` was not an error code: in
/// `legacy.h`, zero and positive values mean success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnError(pub c_int);

impl TryFrom<c_int> for LegacyError {
    type Error = NotAnError;

    fn try_from(code: c_int) -> Result<Self, NotAnError> {
        match code {
            LEGACY_ERR_NULL => Ok(Self::NullPointer),
            LEGACY_ERR_EMPTY => Ok(Self::Empty),
            LEGACY_ERR_SYNTAX => Ok(Self::Syntax),
            LEGACY_ERR_RANGE => Ok(Self::OutOfRange),
            LEGACY_ERR_DIV_BY_ZERO => Ok(Self::DivisionByZero),
            code if code < 0 => Ok(Self::Unknown(code)),
            value => Err(NotAnError(value)),
        }
    }
}

impl LegacyError {
    /// The C code for this error: the inverse of `try_from`.
    pub fn code(self) -> c_int {
        match self {
            Self::NullPointer => LEGACY_ERR_NULL,
            Self::Empty => LEGACY_ERR_EMPTY,
            Self::Syntax => LEGACY_ERR_SYNTAX,
            Self::OutOfRange => LEGACY_ERR_RANGE,
            Self::DivisionByZero => LEGACY_ERR_DIV_BY_ZERO,
            Self::Unknown(code) => code,
        }
    }
}

/// Splits a C return value into a success value and an error.
fn check(ret: c_int) -> Result<c_int, LegacyError> {
    match LegacyError::try_from(ret) {
        Ok(error) => Err(error),
        Err(NotAnError(value)) => Ok(value),
    }
}
// </try-from>

// <parse-port>
/// Parses a TCP port with the C parser.
pub fn parse_port(text: &CStr) -> Result<u16, LegacyError> {
    // SAFETY: `text` is a valid NUL-terminated string that outlives the
    // call, and `legacy_parse_port` only reads it.
    let ret = unsafe { legacy_parse_port(text.as_ptr()) };
    let port = check(ret)?;
    // `legacy.h` promises 1..=65535; anything else breaks the contract.
    u16::try_from(port).map_err(|_| LegacyError::Unknown(port))
}
// </parse-port>

// <out-params>
/// Quotient and remainder, computed by C through two out-parameters.
pub fn divmod(num: i64, den: i64) -> Result<(i64, i64), LegacyError> {
    let mut quot = MaybeUninit::<i64>::uninit();
    let mut rem = MaybeUninit::<i64>::uninit();
    // SAFETY: both pointers are valid for writes of one `i64` for the whole
    // call, and C keeps neither of them.
    let status = unsafe { legacy_divmod(num, den, quot.as_mut_ptr(), rem.as_mut_ptr()) };
    match check(status)? {
        // SAFETY: on LEGACY_OK, `legacy_divmod` has written both outputs.
        LEGACY_OK => Ok(unsafe { (quot.assume_init(), rem.assume_init()) }),
        // Success codes other than LEGACY_OK are not in the contract, and
        // nothing says the outputs were written: never read them.
        other => Err(LegacyError::Unknown(other)),
    }
}
// </out-params>

// <errno>
/// Reads a file into `buf` with the C helper (`open` + `read`).
pub fn read_file(path: &CStr, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `path` is NUL-terminated and outlives the call; `buf` is
    // valid for writes of `buf.len()` bytes and C writes at most that many.
    let ret = unsafe { legacy_read_file(path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    match usize::try_from(ret) {
        Ok(len) => Ok(len),
        // -1: C left the reason in errno. Read it at once: any later call
        // into the C library (an allocation, a `println!`) may change it.
        Err(_) => Err(io::Error::last_os_error()),
    }
}
// </errno>
