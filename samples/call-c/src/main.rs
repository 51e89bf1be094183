//! Calling a C library from Rust.
//!
//! The raw C functions are declared in an `unsafe extern "C"` block and are
//! only ever called through the safe wrappers below, which turn slices into
//! pointer + length pairs and C status codes into `Result`s.

use std::ffi::{c_int, c_uint};
use std::fmt;

// <ffi-types>
/// Mirror of `stats_summary` from `csrc/stats.h`. `#[repr(C)]` gives it the
/// same field order, size and alignment as the C struct.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Summary {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

// Status codes from `csrc/stats.h`.
const STATS_OK: c_int = 0;
const STATS_ERR_NULL: c_int = 1;
const STATS_ERR_EMPTY: c_int = 2;
const STATS_ERR_NOT_FINITE: c_int = 3;
// </ffi-types>

// <extern-block>
// The block itself is `unsafe`: by writing it we promise that these
// signatures match the C definitions that the build script links in.
unsafe extern "C" {
    // No arguments and no preconditions, so it can be declared `safe`
    // and called without an `unsafe` block.
    safe fn stats_version() -> c_uint;

    // Raw pointers whose validity Rust cannot check: unsafe to call.
    fn stats_sum(values: *const f64, len: usize) -> f64;
    fn stats_count_above(values: *const f64, len: usize, threshold: f64) -> usize;
    fn stats_summarize(values: *const f64, len: usize, out: *mut Summary) -> c_int;
}
// </extern-block>

/// The error codes of `stats_summarize`, as a Rust error type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsError {
    NullPointer,
    Empty,
    NotFinite,
    Unknown(c_int),
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NullPointer => f.write_str("a required pointer was null"),
            Self::Empty => f.write_str("input is empty"),
            Self::NotFinite => f.write_str("input contains a non-finite value"),
            Self::Unknown(code) => write!(f, "unknown status code {code}"),
        }
    }
}

impl std::error::Error for StatsError {}

// <safe-wrapper>
/// Sum of all values.
pub fn sum(values: &[f64]) -> f64 {
    // SAFETY: `values.as_ptr()` is valid for reads of `values.len()` f64s for
    // the duration of the call, and `stats_sum` reads exactly that range
    // without keeping the pointer. For an empty slice the pointer is dangling
    // but C never dereferences it because `len` is 0.
    unsafe { stats_sum(values.as_ptr(), values.len()) }
}

/// Number of values strictly greater than `threshold`.
pub fn count_above(values: &[f64], threshold: f64) -> usize {
    // SAFETY: same contract as `stats_sum`: a valid pointer + length pair that
    // C only reads during the call.
    unsafe { stats_count_above(values.as_ptr(), values.len(), threshold) }
}
// </safe-wrapper>

// <status-to-result>
/// Minimum, maximum and mean of `values`.
pub fn summarize(values: &[f64]) -> Result<Summary, StatsError> {
    let mut out = Summary::default();
    // SAFETY: the input pointer + length describe a live slice, `&mut out`
    // is a valid, aligned, writable `Summary` (layout matches via repr(C)),
    // and C keeps neither pointer after returning.
    let status = unsafe { stats_summarize(values.as_ptr(), values.len(), &mut out) };
    match status {
        STATS_OK => Ok(out),
        STATS_ERR_NULL => Err(StatsError::NullPointer),
        STATS_ERR_EMPTY => Err(StatsError::Empty),
        STATS_ERR_NOT_FINITE => Err(StatsError::NotFinite),
        other => Err(StatsError::Unknown(other)),
    }
}
// </status-to-result>

fn report(label: &str, values: &[f64]) {
    match summarize(values) {
        Ok(s) => println!(
            "{label}: min={:.1} max={:.1} mean={:.2}",
            s.min, s.max, s.mean
        ),
        Err(e) => println!("{label}: error: {e}"),
    }
}

fn main() {
    let readings = [2.5, 7.0, 1.5, 4.0, 5.5];

    println!("stats library version {}", stats_version());
    println!("sum of {readings:?} = {:.1}", sum(&readings));
    println!("readings above 3.0: {}", count_above(&readings, 3.0));
    report("summary", &readings);
    report("empty summary", &[]);
    report("summary with NaN", &[1.0, f64::NAN]);
    println!("sum of no readings = {:.1}", sum(&[]));
}
