//! A COM-style object implemented in Rust: one heap allocation that exposes
//! `IShape` and `INamed`, counts its own references and frees itself when
//! the last one is released.
//!
//! No function here can panic, so no unwinding ever reaches C.

use std::ffi::{c_char, c_void};
use std::mem::offset_of;
use std::ptr;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering, fence};

use crate::interfaces::{
    E_INVALIDARG, E_NOINTERFACE, E_NOT_SUFFICIENT_BUFFER, E_POINTER, Guid, HResult, IID_INAMED,
    IID_ISHAPE, IID_IUNKNOWN, INamed, INamedVtbl, IShape, IShapeVtbl, IUnknown, IUnknownVtbl, S_OK,
};

static CREATED: AtomicUsize = AtomicUsize::new(0);
static DESTROYED: AtomicUsize = AtomicUsize::new(0);

/// How many rectangles were created and destroyed so far.
pub fn lifetime_counts() -> (usize, usize) {
    (
        CREATED.load(Ordering::Relaxed),
        DESTROYED.load(Ordering::Relaxed),
    )
}

// <object-layout>
/// The object behind every interface pointer that C receives. `#[repr(C)]`
/// fixes the field order: an `IShape *` (which is also the object's
/// `IUnknown *`) points at `shape_vtbl`, an `INamed *` at `named_vtbl`.
#[repr(C)]
struct Rectangle {
    shape_vtbl: &'static IShapeVtbl,
    named_vtbl: &'static INamedVtbl,
    ref_count: AtomicU32,
    width: f64,
    height: f64,
    name: String,
}

/// Byte offsets of the two interface pointers inside the object.
const SHAPE: usize = offset_of!(Rectangle, shape_vtbl);
const NAMED: usize = offset_of!(Rectangle, named_vtbl);
const _: () = assert!(SHAPE == 0, "the primary vtable pointer comes first");
// </object-layout>

// <static-vtables>
/// One vtable per interface, shared by every rectangle. The `IUnknown`
/// entries are instantiated per interface, because each one must know how
/// far its interface pointer lies from the start of the object.
static SHAPE_VTBL: IShapeVtbl = IShapeVtbl {
    base: IUnknownVtbl {
        query_interface: query_interface::<SHAPE>,
        add_ref: add_ref::<SHAPE>,
        release: release::<SHAPE>,
    },
    area,
};

static NAMED_VTBL: INamedVtbl = INamedVtbl {
    base: IUnknownVtbl {
        query_interface: query_interface::<NAMED>,
        add_ref: add_ref::<NAMED>,
        release: release::<NAMED>,
    },
    name,
};
// </static-vtables>

// <from-interface>
impl Rectangle {
    /// Steps back from an interface pointer to the start of the object.
    ///
    /// # Safety
    ///
    /// `this` must be a pointer to the vtable pointer at byte `OFFSET` of a
    /// live `Rectangle`, as handed out by `create_rectangle` or
    /// `query_interface`.
    unsafe fn from_interface<const OFFSET: usize, T>(this: *mut T) -> *mut Rectangle {
        // SAFETY: per the contract, `this` lies `OFFSET` bytes into a live
        // `Rectangle`, so stepping back stays inside the same allocation and
        // keeps the provenance of the whole object.
        unsafe { this.byte_sub(OFFSET) }.cast()
    }
}
// </from-interface>

// <ref-counting>
/// Adds a reference and returns the new count.
fn add_ref_object(object: &Rectangle) -> u32 {
    // Taking a new reference needs no ordering: the caller already holds one,
    // so the object cannot disappear meanwhile.
    let old = object.ref_count.fetch_add(1, Ordering::Relaxed);
    if old >= u32::MAX / 2 {
        // A leak of billions of references; stop before the count can wrap
        // around to 0 and free a live object (the same policy as `Arc`).
        std::process::abort();
    }
    old + 1
}

/// Drops one reference and destroys the object when it was the last one.
///
/// # Safety
///
/// `object` must point to a live `Rectangle`, and the caller must own one
/// of its references, which this call consumes.
unsafe fn release_object(object: *mut Rectangle) -> u32 {
    // SAFETY: the caller's reference keeps the object alive until this
    // decrement; `Release` publishes this thread's earlier uses of it.
    let old = unsafe { &(*object).ref_count }.fetch_sub(1, Ordering::Release);
    if old != 1 {
        return old - 1;
    }
    // Last reference. The `Acquire` fence pairs with the other threads'
    // `Release` decrements: all their uses of the object happen before it
    // is torn down.
    fence(Ordering::Acquire);
    // SAFETY: the count reached 0, so no interface pointer to this object
    // may be used again, and `object` came from `Box::into_raw` in
    // `create_rectangle`. Rebuilding the box and dropping it frees it once.
    drop(unsafe { Box::from_raw(object) });
    0
}
// </ref-counting>

impl Drop for Rectangle {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}

// <query-interface>
/// `IUnknown::query_interface` for the interface pointer stored at `OFFSET`.
///
/// # Safety
///
/// `this` must be a live interface pointer of a `Rectangle` whose vtable
/// entry this is; `iid` must be null or valid for reads; `out` must be null
/// or valid for writing one pointer.
unsafe extern "C" fn query_interface<const OFFSET: usize>(
    this: *mut IUnknown,
    iid: *const Guid,
    out: *mut *mut c_void,
) -> HResult {
    if out.is_null() {
        return E_POINTER;
    }
    // SAFETY: `out` is non-null and, per the contract, writable. Storing
    // null first means that every failure below leaves `*out` null.
    unsafe { out.write(ptr::null_mut()) };
    // SAFETY: `iid` is null or valid for reads; `as_ref` maps null to None.
    let Some(iid) = (unsafe { iid.as_ref() }) else {
        return E_POINTER;
    };
    // SAFETY: this function is only reachable through the vtable stored at
    // `OFFSET`, so `this` points `OFFSET` bytes into a live rectangle.
    let object = unsafe { Rectangle::from_interface::<OFFSET, _>(this) };

    // IUnknown always maps to the same pointer, whichever interface is
    // asked: that pointer is the object's identity.
    let found: *mut c_void = if *iid == IID_IUNKNOWN || *iid == IID_ISHAPE {
        object.wrapping_byte_add(SHAPE).cast()
    } else if *iid == IID_INAMED {
        object.wrapping_byte_add(NAMED).cast()
    } else {
        return E_NOINTERFACE;
    };
    // The pointer handed out is a new reference that the caller must release.
    // SAFETY: the caller holds a reference through `this`, so it is live.
    add_ref_object(unsafe { &*object });
    // SAFETY: as above, `out` is non-null and writable.
    unsafe { out.write(found) };
    S_OK
}
// </query-interface>

/// `IUnknown::add_ref` for the interface pointer stored at `OFFSET`.
///
/// # Safety
///
/// `this` must be a live interface pointer of a `Rectangle` whose vtable
/// entry this is.
unsafe extern "C" fn add_ref<const OFFSET: usize>(this: *mut IUnknown) -> u32 {
    // SAFETY: `this` is a live interface pointer at `OFFSET` (contract).
    let object = unsafe { &*Rectangle::from_interface::<OFFSET, _>(this) };
    add_ref_object(object)
}

/// `IUnknown::release` for the interface pointer stored at `OFFSET`.
///
/// # Safety
///
/// As for [`add_ref`]; in addition the caller gives up the reference it
/// holds through `this` and must not use that pointer afterwards.
unsafe extern "C" fn release<const OFFSET: usize>(this: *mut IUnknown) -> u32 {
    // SAFETY: `this` is a live interface pointer at `OFFSET` whose
    // reference the caller hands over (contract).
    unsafe { release_object(Rectangle::from_interface::<OFFSET, _>(this)) }
}

/// `IShape::area`: stores `width * height` in `*out_area`.
///
/// # Safety
///
/// `this` must be a live `IShape` pointer of a `Rectangle`; `out_area` must
/// be null or valid for writing an `f64`.
unsafe extern "C" fn area(this: *mut IShape, out_area: *mut f64) -> HResult {
    // SAFETY: reachable only through `SHAPE_VTBL`, so `this` points at the
    // `shape_vtbl` field of a live rectangle.
    let object = unsafe { &*Rectangle::from_interface::<SHAPE, _>(this) };
    // SAFETY: `out_area` is null or writable; `as_mut` maps null to None.
    let Some(out_area) = (unsafe { out_area.as_mut() }) else {
        return E_POINTER;
    };
    *out_area = object.width * object.height;
    S_OK
}

/// `INamed::name`: copies the NUL-terminated name into `buf[..cap]`.
///
/// # Safety
///
/// `this` must be a live `INamed` pointer of a `Rectangle`; `buf` must be
/// null or valid for writing `cap` bytes.
unsafe extern "C" fn name(this: *mut INamed, buf: *mut c_char, cap: usize) -> HResult {
    // The interface pointer is `NAMED` bytes into the object, not at its start.
    // SAFETY: reachable only through `NAMED_VTBL`, so `this` points at the
    // `named_vtbl` field of a live rectangle.
    let object = unsafe { &*Rectangle::from_interface::<NAMED, _>(this) };
    if buf.is_null() {
        return E_POINTER;
    }
    let bytes = object.name.as_bytes();
    if bytes.len() >= cap {
        if cap > 0 {
            // SAFETY: `buf` is valid for `cap` >= 1 bytes.
            unsafe { buf.write(0) };
        }
        return E_NOT_SUFFICIENT_BUFFER;
    }
    // SAFETY: `buf` is valid for `cap` > `bytes.len()` bytes, so the name
    // and its NUL fit; C memory cannot overlap the Rust-owned `name`.
    unsafe {
        ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), bytes.len());
        buf.add(bytes.len()).write(0);
    }
    S_OK
}

// <factory>
/// Creates a `width` x `height` rectangle with a reference count of 1 and
/// stores its `IUnknown` pointer in `*out`; the caller owns that reference.
///
/// # Safety
///
/// `out` must be null or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn create_rectangle(
    width: f64,
    height: f64,
    out: *mut *mut IUnknown,
) -> HResult {
    if out.is_null() {
        return E_POINTER;
    }
    let valid = |side: f64| side.is_finite() && side >= 0.0;
    if !valid(width) || !valid(height) {
        // SAFETY: `out` is non-null and writable (contract).
        unsafe { out.write(ptr::null_mut()) };
        return E_INVALIDARG;
    }
    let object = Box::into_raw(Box::new(Rectangle {
        shape_vtbl: &SHAPE_VTBL,
        named_vtbl: &NAMED_VTBL,
        ref_count: AtomicU32::new(1),
        width,
        height,
        name: format!("rectangle {width} x {height}"),
    }));
    CREATED.fetch_add(1, Ordering::Relaxed);
    // `shape_vtbl` is at offset 0, so the object pointer is its IUnknown.
    // SAFETY: `out` is non-null and writable (contract).
    unsafe { out.write(object.cast()) };
    S_OK
}
// </factory>
