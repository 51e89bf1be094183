//! Trait objects across the C ABI.
//!
//! A `&dyn Shape` or `Box<dyn Shape>` is a fat pointer (data pointer plus
//! vtable pointer) whose layout, and whose vtable's layout, Rust does not
//! specify. C gets two alternatives: an explicit `#[repr(C)]` vtable
//! ([`FfiShape`]), or a `Box<dyn Shape>` behind a thin, opaque handle
//! ([`DynShape`]).

use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

// <shape-trait>
pub trait Shape {
    fn area(&self) -> f64;
    fn scale(&mut self, factor: f64);
}

pub struct Circle {
    pub radius: f64,
}

pub struct Rect {
    pub width: f64,
    pub height: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.radius * self.radius
    }
    fn scale(&mut self, factor: f64) {
        self.radius *= factor;
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.width * self.height
    }
    fn scale(&mut self, factor: f64) {
        self.width *= factor;
        self.height *= factor;
    }
}
// </shape-trait>

/// Shapes handed to C (either way) and not released yet.
static LIVE_SHAPES: AtomicUsize = AtomicUsize::new(0);

pub fn live_shapes() -> usize {
    LIVE_SHAPES.load(Ordering::Relaxed)
}

// <explicit-vtable>
/// A vtable with a defined layout: one `extern "C"` function pointer per
/// trait method, plus `drop`. Mirrors `ShapeVTable` in `csrc/shape.h`.
#[repr(C)]
pub struct ShapeVTable {
    pub area: unsafe extern "C" fn(data: *const c_void) -> f64,
    pub scale: unsafe extern "C" fn(data: *mut c_void, factor: f64),
    pub drop: unsafe extern "C" fn(data: *mut c_void),
}

/// The two halves of a fat pointer, spelled out with a C layout. Owning:
/// whoever holds it must call `(vtable.drop)(data)` exactly once.
#[repr(C)]
pub struct FfiShape {
    pub data: *mut c_void,
    pub vtable: &'static ShapeVTable,
}
// </explicit-vtable>

// <vtable-shims>
/// # Safety
///
/// `data` must point to a live `S` created by [`FfiShape::new`].
unsafe extern "C" fn area_shim<S: Shape>(data: *const c_void) -> f64 {
    // SAFETY: per the contract, `data` is a live `S`.
    unsafe { &*data.cast::<S>() }.area()
}

/// # Safety
///
/// As for [`area_shim`], and no other reference to the shape may exist.
unsafe extern "C" fn scale_shim<S: Shape>(data: *mut c_void, factor: f64) {
    // SAFETY: per the contract, `data` is a live, unaliased `S`.
    unsafe { &mut *data.cast::<S>() }.scale(factor);
}

/// # Safety
///
/// `data` must come from [`FfiShape::new`] for this `S` and must not be
/// used after this call.
unsafe extern "C" fn drop_shim<S: Shape>(data: *mut c_void) {
    // SAFETY: `data` came from `Box::into_raw` of a `Box<S>` and is
    // released only once, so the Box can take ownership back.
    drop(unsafe { Box::from_raw(data.cast::<S>()) });
    LIVE_SHAPES.fetch_sub(1, Ordering::Relaxed);
}
// </vtable-shims>

// <static-vtable>
/// Supplies one `'static` vtable per shape type, the way the compiler
/// builds one per `impl Trait for Type` for `dyn Trait`.
trait HasVTable {
    const VTABLE: ShapeVTable;
}

impl<S: Shape> HasVTable for S {
    const VTABLE: ShapeVTable = ShapeVTable {
        area: area_shim::<S>,
        scale: scale_shim::<S>,
        drop: drop_shim::<S>,
    };
}

impl FfiShape {
    /// Boxes `shape` and pairs the (thin) data pointer with the vtable
    /// for `S`. The caller owns the result.
    pub fn new<S: Shape>(shape: S) -> Self {
        LIVE_SHAPES.fetch_add(1, Ordering::Relaxed);
        Self {
            data: Box::into_raw(Box::new(shape)).cast::<c_void>(),
            // A constant expression, promoted to a `'static` allocation.
            vtable: &S::VTABLE,
        }
    }
}
// </static-vtable>

// <dyn-handle>
// <dyn-handle-new>
/// Opaque to C: a `Box<dyn Shape>` (two words) inside a second box, so
/// that C holds a thin `*mut DynShape` (one word).
pub struct DynShape(Box<dyn Shape>);

fn into_handle(shape: Box<dyn Shape>) -> *mut DynShape {
    LIVE_SHAPES.fetch_add(1, Ordering::Relaxed);
    Box::into_raw(Box::new(DynShape(shape)))
}

/// Creates a circle; release it with [`dyn_shape_free`].
#[unsafe(no_mangle)]
pub extern "C" fn dyn_shape_new_circle(radius: f64) -> *mut DynShape {
    into_handle(Box::new(Circle { radius }))
}

/// Creates a rectangle; release it with [`dyn_shape_free`].
#[unsafe(no_mangle)]
pub extern "C" fn dyn_shape_new_rect(width: f64, height: f64) -> *mut DynShape {
    into_handle(Box::new(Rect { width, height }))
}
// </dyn-handle-new>

// <dyn-handle-area>
/// Area of the shape, or 0.0 for a null handle. Dispatches through the
/// Rust vtable, which C never sees.
///
/// # Safety
///
/// `shape` must be null or a live handle from a `dyn_shape_new_*` function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dyn_shape_area(shape: *const DynShape) -> f64 {
    // SAFETY: the caller guarantees `shape` is null or live.
    unsafe { shape.as_ref() }.map_or(0.0, |shape| shape.0.area())
}
// </dyn-handle-area>

/// Scales the shape. Returns `false` for a null handle.
///
/// # Safety
///
/// `shape` must be null or a live handle that no other thread uses during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dyn_shape_scale(shape: *mut DynShape, factor: f64) -> bool {
    // SAFETY: the caller guarantees `shape` is null or live and unaliased.
    match unsafe { shape.as_mut() } {
        Some(shape) => {
            shape.0.scale(factor);
            true
        }
        None => false,
    }
}

/// Releases a handle. Null is a no-op.
///
/// # Safety
///
/// `shape` must be null or a handle that has not been freed yet; it must
/// not be used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dyn_shape_free(shape: *mut DynShape) {
    if !shape.is_null() {
        // SAFETY: non-null, from `Box::into_raw` in `into_handle`, freed
        // once. Dropping the outer box drops the inner `Box<dyn Shape>`,
        // which runs the concrete type's destructor through Rust's vtable.
        drop(unsafe { Box::from_raw(shape) });
        LIVE_SHAPES.fetch_sub(1, Ordering::Relaxed);
    }
}
// </dyn-handle>
