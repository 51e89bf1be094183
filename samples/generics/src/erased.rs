//! Type erasure: a C container that stores any element type as raw bytes
//! (`csrc/any_vec.c`), and a typed Rust wrapper that supplies the element
//! size, alignment and callbacks for each `T`.

use std::cmp::Ordering;
use std::ffi::{c_int, c_void};
use std::marker::{PhantomData, PhantomPinned};
use std::mem::{self, ManuallyDrop};
use std::ptr::{self, NonNull};

// <erased-ffi>
/// Opaque C type (`typedef struct AnyVec AnyVec;`): never constructed in
/// Rust, only pointed to. The marker keeps it `!Send`, `!Sync` and `!Unpin`.
#[repr(C)]
pub struct AnyVec {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

type DropFn = unsafe extern "C" fn(elem: *mut c_void);
type CompareFn = unsafe extern "C" fn(a: *const c_void, b: *const c_void) -> c_int;

unsafe extern "C" {
    // `Option<fn>` is FFI-safe and maps `None` to a NULL function pointer.
    fn any_vec_new(
        elem_size: usize,
        align: usize,
        drop: Option<DropFn>,
        compare: Option<CompareFn>,
    ) -> *mut AnyVec;
    fn any_vec_push(vec: *mut AnyVec, elem: *const c_void) -> bool;
    fn any_vec_len(vec: *const AnyVec) -> usize;
    fn any_vec_elem_size(vec: *const AnyVec) -> usize;
    fn any_vec_get(vec: *const AnyVec, index: usize) -> *const c_void;
    fn any_vec_sort(vec: *mut AnyVec) -> bool;
    fn any_vec_free(vec: *mut AnyVec);
}
// </erased-ffi>

// <total-order>
/// `Ord` types whose ordering is a genuine total order: consistent across
/// calls and transitive. `qsort` has undefined behavior for a comparison
/// that is not, and `Ord` is a safe trait that any code can implement
/// badly, so sorting through C needs this stronger, `unsafe` promise.
///
/// # Safety
///
/// `Ord::cmp` must be a total order that does not change while values are
/// in an [`ErasedVec`].
pub unsafe trait TotalOrder: Ord {}

// SAFETY: integer comparison is a total order.
unsafe impl TotalOrder for i32 {}
// </total-order>

// <erased-callbacks>
/// Drops the `T` at `elem` in place. Generic, yet `extern "C"`: Rust
/// instantiates it for a concrete `T` and C only ever sees its address.
///
/// # Safety
///
/// `elem` must point to a valid, aligned `T` that is never used again.
unsafe extern "C" fn drop_elem<T>(elem: *mut c_void) {
    // SAFETY: per the contract, `elem` is a valid `T` that nothing else
    // will use or drop.
    unsafe { ptr::drop_in_place(elem.cast::<T>()) }
}

/// `Ord::cmp` in the shape `qsort` expects. If `cmp` panics, the panic
/// cannot unwind out of an `extern "C"` function and the process aborts.
///
/// # Safety
///
/// `a` and `b` must point to valid, aligned `T`s.
unsafe extern "C" fn compare_elems<T: TotalOrder>(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: per the contract, both pointers are valid `T`s, and C does
    // not modify them during the call.
    let (a, b) = unsafe { (&*a.cast::<T>(), &*b.cast::<T>()) };
    match a.cmp(b) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}
// </erased-callbacks>

// <typed-wrapper>
// <wrapper-new>
/// A typed, owning view of a C `AnyVec` whose elements are `T`s.
pub struct ErasedVec<T> {
    raw: NonNull<AnyVec>,
    _owns: PhantomData<T>,
}

impl<T: TotalOrder> ErasedVec<T> {
    /// `None` if C rejects the layout of `T` (a zero-sized or over-aligned
    /// type) or runs out of memory.
    pub fn new() -> Option<Self> {
        // Types without drop glue (i32, ...) need no callback at all.
        let drop_fn: Option<DropFn> = if mem::needs_drop::<T>() {
            Some(drop_elem::<T>)
        } else {
            None
        };
        // SAFETY: plain values in; the callbacks match the C typedefs and
        // stay valid for the whole program.
        let raw = unsafe {
            any_vec_new(
                size_of::<T>(),
                align_of::<T>(),
                drop_fn,
                Some(compare_elems::<T>),
            )
        };
        NonNull::new(raw).map(|raw| Self {
            raw,
            _owns: PhantomData,
        })
    }
}
// </wrapper-new>

impl<T> ErasedVec<T> {
    // <wrapper-push>
    /// Moves `value` into the C vector.
    pub fn push(&mut self, value: T) {
        // C copies the bytes; `ManuallyDrop` stops Rust from also dropping
        // the original, so ownership moves into the vector.
        let value = ManuallyDrop::new(value);
        // SAFETY: `raw` is live, and the pointer is valid for reading
        // `size_of::<T>()` bytes, the element size C was given.
        let pushed = unsafe { any_vec_push(self.raw.as_ptr(), ptr::from_ref(&*value).cast()) };
        if !pushed {
            // Nothing was copied, so the value is still ours to drop.
            drop(ManuallyDrop::into_inner(value));
            panic!("any_vec_push: out of memory");
        }
    }
    // </wrapper-push>

    pub fn len(&self) -> usize {
        // SAFETY: `raw` is live for as long as `self`.
        unsafe { any_vec_len(self.raw.as_ptr()) }
    }

    pub fn elem_size(&self) -> usize {
        // SAFETY: `raw` is live for as long as `self`.
        unsafe { any_vec_elem_size(self.raw.as_ptr()) }
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        // SAFETY: `raw` is live. C returns NULL or the address of element
        // `index`, a valid `T` moved in by `push`. It stays in place until
        // the next push, sort or free, all of which need `&mut self` (or
        // ownership), so not while the returned borrow of `self` lives.
        unsafe { any_vec_get(self.raw.as_ptr(), index).cast::<T>().as_ref() }
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        (0..self.len()).filter_map(|index| self.get(index))
    }
}

// <wrapper-sort-drop>
impl<T: TotalOrder> ErasedVec<T> {
    /// Sorts through C's `qsort`, which calls back into `compare_elems::<T>`
    /// and moves elements bytewise (every Rust value may be moved that way).
    pub fn sort(&mut self) {
        // SAFETY: `raw` is live and was created with `compare_elems::<T>`,
        // which is consistent because `T: TotalOrder`, as `qsort` requires.
        let sorted = unsafe { any_vec_sort(self.raw.as_ptr()) };
        debug_assert!(sorted, "ErasedVec::new always passes a compare function");
    }
}

impl<T> Drop for ErasedVec<T> {
    fn drop(&mut self) {
        // SAFETY: `raw` came from `any_vec_new` and is freed only here. C
        // calls `drop_elem::<T>` (if `T` needs it) once per element.
        unsafe { any_vec_free(self.raw.as_ptr()) }
    }
}
// </wrapper-sort-drop>
// </typed-wrapper>
