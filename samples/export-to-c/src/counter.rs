//! The counter API exported to C. `include/counter.h` declares these
//! functions for C callers; keep the two in sync.
//!
//! No function here can panic, so no unwinding ever reaches C (a panic
//! escaping an `extern "C"` function would abort the process anyway).

use std::sync::atomic::{AtomicUsize, Ordering};

/// Number of counters created and not yet freed, to show that C released
/// every handle it was given.
static LIVE_COUNTERS: AtomicUsize = AtomicUsize::new(0);

/// Handles currently owned by C code.
pub fn live_counters() -> usize {
    LIVE_COUNTERS.load(Ordering::Relaxed)
}

// <opaque-type>
/// Opaque to C: the header only declares `typedef struct Counter Counter;`,
/// so C can hold and pass pointers but never looks inside. Not `#[repr(C)]`
/// because C never sees its layout.
pub struct Counter {
    value: u64,
}
// </opaque-type>

// <exported-fns>
// <handle-new>
/// Creates a counter and transfers ownership of it to the caller.
#[unsafe(no_mangle)]
pub extern "C" fn counter_new(initial: u64) -> *mut Counter {
    LIVE_COUNTERS.fetch_add(1, Ordering::Relaxed);
    // The Box's heap allocation now belongs to C until `counter_free`.
    Box::into_raw(Box::new(Counter { value: initial }))
}
// </handle-new>

/// Adds `amount`, returning `false` for a null handle or on overflow.
///
/// # Safety
///
/// `counter` must be null or a live pointer from [`counter_new`] that no
/// other thread is using during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_add(counter: *mut Counter, amount: u64) -> bool {
    // SAFETY: the caller guarantees `counter` is null or a live, unaliased
    // handle from `counter_new`; `as_mut` turns null into `None`.
    let Some(counter) = (unsafe { counter.as_mut() }) else {
        return false;
    };
    match counter.value.checked_add(amount) {
        Some(sum) => {
            counter.value = sum;
            true
        }
        None => false,
    }
}

/// Current value, or 0 for a null handle.
///
/// # Safety
///
/// `counter` must be null or a live pointer from [`counter_new`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_value(counter: *const Counter) -> u64 {
    // SAFETY: the caller guarantees `counter` is null or a live handle;
    // `as_ref` turns null into `None`.
    unsafe { counter.as_ref() }.map_or(0, |c| c.value)
}
// </exported-fns>

// <handle-free>
/// Releases a handle created by [`counter_new`]. Null is a no-op.
///
/// # Safety
///
/// `counter` must be null or a pointer from [`counter_new`] that has not
/// been freed yet; it must not be used after this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_free(counter: *mut Counter) {
    if counter.is_null() {
        return;
    }
    // SAFETY: `counter` is non-null, came from `Box::into_raw` in
    // `counter_new` and, per the contract, is freed only once, so
    // rebuilding the Box takes back sole ownership; dropping it frees it.
    drop(unsafe { Box::from_raw(counter) });
    LIVE_COUNTERS.fetch_sub(1, Ordering::Relaxed);
}
// </handle-free>
