//! The binary contract: interface ids, result codes and vtable layouts.
//! `include/shapes.h` declares the same things for C; keep the two in sync.

use std::ffi::{c_char, c_void};
use std::fmt;
use std::mem::offset_of;

// <guid>
/// A 16-byte interface identifier with the layout of the Windows `GUID`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Guid {
    pub data1: u32,
    pub data2: u16,
    pub data3: u16,
    pub data4: [u8; 8],
}
// </guid>

/// Formats an id the way registries and IDL files write it.
impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.data4;
        write!(
            f,
            "{{{:08x}-{:04x}-{:04x}-{:02x}{:02x}-",
            self.data1, self.data2, self.data3, d[0], d[1]
        )?;
        for byte in &d[2..] {
            write!(f, "{byte:02x}")?;
        }
        f.write_str("}")
    }
}

// <interface-ids>
/// The id every COM-style object answers to; this is the value Windows
/// uses for `IUnknown`, 00000000-0000-0000-C000-000000000046.
#[unsafe(no_mangle)]
pub static IID_IUNKNOWN: Guid = Guid {
    data1: 0x0000_0000,
    data2: 0x0000,
    data3: 0x0000,
    data4: [0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46],
};

/// 51bbf7f4-6e06-484a-b067-86d4c853d155, generated once for `IShape`.
#[unsafe(no_mangle)]
pub static IID_ISHAPE: Guid = Guid {
    data1: 0x51bb_f7f4,
    data2: 0x6e06,
    data3: 0x484a,
    data4: [0xb0, 0x67, 0x86, 0xd4, 0xc8, 0x53, 0xd1, 0x55],
};

/// 73c931c2-65a3-44eb-b878-d188bedb1f30, generated once for `INamed`.
#[unsafe(no_mangle)]
pub static IID_INAMED: Guid = Guid {
    data1: 0x73c9_31c2,
    data2: 0x65a3,
    data3: 0x44eb,
    data4: [0xb8, 0x78, 0xd1, 0x88, 0xbe, 0xdb, 0x1f, 0x30],
};
// </interface-ids>

// <hresult>
/// Result code: zero or positive is success, negative is failure.
pub type HResult = i32;
pub const S_OK: HResult = 0;
pub const E_NOINTERFACE: HResult = 0x8000_4002_u32 as i32;
pub const E_POINTER: HResult = 0x8000_4003_u32 as i32;
pub const E_INVALIDARG: HResult = 0x8007_0057_u32 as i32;
pub const E_NOT_SUFFICIENT_BUFFER: HResult = 0x8007_007a_u32 as i32;
// </hresult>

// <vtables>
/// What an interface pointer points at: the pointer to its vtable. Only the
/// address matters to Rust, so the field is never read here.
#[repr(C)]
pub struct IUnknown {
    _vtbl: *const IUnknownVtbl,
}

/// The three entries that start every vtable, in this order.
#[repr(C)]
pub struct IUnknownVtbl {
    pub query_interface: unsafe extern "C" fn(
        this: *mut IUnknown,
        iid: *const Guid,
        out: *mut *mut c_void,
    ) -> HResult,
    pub add_ref: unsafe extern "C" fn(this: *mut IUnknown) -> u32,
    pub release: unsafe extern "C" fn(this: *mut IUnknown) -> u32,
}

#[repr(C)]
pub struct IShape {
    _vtbl: *const IShapeVtbl,
}

/// `IShape` extends `IUnknown`: the base entries come first, then its own.
#[repr(C)]
pub struct IShapeVtbl {
    pub base: IUnknownVtbl,
    pub area: unsafe extern "C" fn(this: *mut IShape, out_area: *mut f64) -> HResult,
}

#[repr(C)]
pub struct INamed {
    _vtbl: *const INamedVtbl,
}

#[repr(C)]
pub struct INamedVtbl {
    pub base: IUnknownVtbl,
    pub name: unsafe extern "C" fn(this: *mut INamed, buf: *mut c_char, cap: usize) -> HResult,
}
// </vtables>

// <layout-checks>
// The same sizes and offsets that `shapes.h` checks with `_Static_assert`:
// a nested `base` has exactly the layout of three leading entries in C.
const FN_PTR: usize = size_of::<unsafe extern "C" fn()>();
const _: () = assert!(size_of::<Guid>() == 16);
const _: () = assert!(offset_of!(IShapeVtbl, area) == 3 * FN_PTR);
const _: () = assert!(offset_of!(INamedVtbl, name) == 3 * FN_PTR);
// </layout-checks>
