//! A plugin built as a `cdylib` and loaded at run time by `dynamic-loading`.
//!
//! Its whole interface is the C ABI below: the host finds these functions by
//! name, so the names are unmangled and the signatures use only C types.

use std::ffi::{CStr, c_char};

// <abi-version>
/// Bumped whenever a signature or behaviour below changes incompatibly.
/// Hosts check it before looking up any other symbol.
pub const PLUGIN_ABI_VERSION: u32 = 1;

#[unsafe(no_mangle)]
pub extern "C" fn plugin_abi_version() -> u32 {
    PLUGIN_ABI_VERSION
}
// </abi-version>

// <static-string>
/// A `'static` C string: it lives in the library's read-only data, so the
/// pointer stays valid for as long as the library stays loaded.
static PLUGIN_NAME: &CStr = c"square (saturating)";

/// Returns a NUL-terminated name. The caller must not free it.
#[unsafe(no_mangle)]
pub extern "C" fn plugin_name() -> *const c_char {
    PLUGIN_NAME.as_ptr()
}
// </static-string>

// <transform>
/// Squares `x`, saturating at the `i32` bounds instead of overflowing:
/// the function never panics, so no unwinding can cross into the host.
#[unsafe(no_mangle)]
pub extern "C" fn plugin_transform(x: i32) -> i32 {
    x.saturating_mul(x)
}
// </transform>
