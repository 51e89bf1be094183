//! Passing strings between Rust and C.
//!
//! `csrc/text.c` is a small C library that takes, returns and fills
//! NUL-terminated strings. The safe wrappers below make the ownership of
//! every string explicit in its Rust type: a borrowed `&CStr` for memory
//! someone else owns, `CString` for Rust's allocations, and `CText` for
//! memory that C allocated and must free.

use std::ffi::{CStr, CString, NulError, OsStr, OsString, c_char, c_uint};
use std::ops::Deref;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr::{self, NonNull};

// <extern-block>
// Writing `unsafe extern` promises that these signatures match the
// prototypes in `csrc/text.h`; `build.rs` compiles and links the C code.
unsafe extern "C" {
    fn text_byte_length(s: *const c_char) -> usize;
    fn text_file_name(path: *const c_char) -> *const c_char;
    // Takes no pointer, so any call is sound: declared `safe`.
    safe fn text_label(index: c_uint) -> *const c_char;
    fn text_to_upper(s: *const c_char) -> *mut c_char;
    fn text_free(s: *mut c_char);
    fn text_set_name(name: *mut c_char) -> *mut c_char;
    fn text_greet(buf: *mut c_char, cap: usize) -> usize;
}
// </extern-block>

// <borrow-to-c>
/// Number of bytes C sees in `s`, or an error if `s` contains a NUL byte.
pub fn c_byte_length(s: &str) -> Result<usize, NulError> {
    // Copies `s` into a new allocation and appends a NUL. Fails on an
    // interior NUL, because C would silently stop reading there.
    let owned = CString::new(s)?;
    // SAFETY: `owned` lives until the end of this function, so the pointer
    // stays valid and NUL-terminated for the whole call; C only reads it.
    Ok(unsafe { text_byte_length(owned.as_ptr()) })
}
// </borrow-to-c>

// <borrow-from-c>
/// Label `index` of the C table, borrowed for the whole program.
pub fn label(index: u32) -> Option<&'static CStr> {
    let ptr = text_label(index);
    if ptr.is_null() {
        return None;
    }
    // SAFETY: a non-null result points to a NUL-terminated string literal,
    // which C never modifies or frees, so a `'static` borrow is sound.
    Some(unsafe { CStr::from_ptr(ptr) })
}

/// The last component of `path`. C returns a pointer into its argument,
/// so the result borrows from `path` (lifetime elision ties the two).
pub fn file_name(path: &CStr) -> &CStr {
    // SAFETY: `path` is NUL-terminated and valid for reads. For a non-null
    // argument C returns `path` itself or a position inside it, so the
    // result is NUL-terminated and lives exactly as long as `path`.
    unsafe { CStr::from_ptr(text_file_name(path.as_ptr())) }
}
// </borrow-from-c>

// <c-owned>
/// A string that the C library allocated with `malloc`. Dropping it hands
/// the memory back to C's allocator through `text_free`.
pub struct CText(NonNull<c_char>);

impl Deref for CText {
    type Target = CStr;

    fn deref(&self) -> &CStr {
        // SAFETY: the pointer came from `text_to_upper`, is NUL-terminated,
        // and stays allocated until `drop`, which needs `&mut self`.
        unsafe { CStr::from_ptr(self.0.as_ptr()) }
    }
}

impl Drop for CText {
    fn drop(&mut self) {
        // SAFETY: this value owns the allocation, which came from C's
        // `malloc`; it is freed once, by the library that allocated it.
        unsafe { text_free(self.0.as_ptr()) }
    }
}

/// An upper-cased copy of `s`, made and owned by C.
pub fn to_upper(s: &CStr) -> Option<CText> {
    // SAFETY: `s` is NUL-terminated and valid for the call; C copies it.
    let raw = unsafe { text_to_upper(s.as_ptr()) };
    NonNull::new(raw).map(CText)
}
// </c-owned>

// <ownership-transfer>
/// Lends `name` to the C greeter until a later call returns it, and
/// returns the name C held before. The memory stays Rust's allocation.
pub fn set_name(name: Option<CString>) -> Option<CString> {
    let raw = name.map_or(ptr::null_mut(), CString::into_raw);
    // SAFETY: `raw` is null or from `CString::into_raw`. C stores it, never
    // writes through it and never frees it.
    let previous = unsafe { text_set_name(raw) };
    if previous.is_null() {
        return None;
    }
    // SAFETY: the only non-null pointers C returns here are ones this
    // function passed in, unmodified, and C forgets each one as it returns
    // it: rebuilding the `CString` once gives the allocation back to Rust.
    Some(unsafe { CString::from_raw(previous) })
}
// </ownership-transfer>

// <caller-buffer>
/// Lets C write the greeting into `buf`. Returns the text C wrote and the
/// length the whole greeting needs without its NUL: if that length is
/// `buf.len()` or more, the text was cut.
pub fn greet_into(buf: &mut [u8]) -> (&CStr, usize) {
    // SAFETY: `buf` is writable for `buf.len()` bytes during the call, C
    // writes at most that many (NUL included) and keeps no pointer. With a
    // length of 0 C writes nothing, so an empty slice's pointer is fine.
    let needed = unsafe { text_greet(buf.as_mut_ptr().cast::<c_char>(), buf.len()) };
    // C terminates whatever it wrote; only an empty buffer has no NUL.
    let written = CStr::from_bytes_until_nul(buf).unwrap_or_default();
    (written, needed)
}

/// The whole greeting: the first call, with an empty buffer, asks C for
/// the length; the next one gets a buffer with room for the NUL.
pub fn greeting() -> String {
    let mut buf = Vec::new();
    loop {
        let cap = buf.len();
        let (text, needed) = greet_into(&mut buf);
        if needed < cap {
            return text.to_string_lossy().into_owned();
        }
        buf.resize(needed + 1, 0);
    }
}
// </caller-buffer>

// <os-str-paths>
/// The file name of `path`, found by C in the path's raw bytes. On Unix a
/// path is any sequence of non-NUL bytes, UTF-8 or not, and none is lost.
pub fn path_file_name(path: &Path) -> Result<OsString, NulError> {
    let c_path = CString::new(path.as_os_str().as_bytes())?;
    let name: &CStr = file_name(&c_path); // borrows from `c_path`
    // Copy the bytes out before `c_path` is dropped at the end of the scope.
    Ok(OsStr::from_bytes(name.to_bytes()).to_os_string())
}
// </os-str-paths>

fn main() {
    println!("[Rust &str -> C, borrowed]");
    for s in ["plain text", "naïve café", "nul\0inside"] {
        match c_byte_length(s) {
            Ok(n) => println!(
                "{s:?}: C counts {n} bytes, Rust {} chars",
                s.chars().count()
            ),
            Err(e) => println!("{s:?}: NulError, NUL at byte {}", e.nul_position()),
        }
    }

    println!("[C static strings -> Rust, borrowed]");
    for index in 0..4 {
        let Some(text) = label(index) else {
            println!("label {index}: NULL");
            continue;
        };
        match text.to_str() {
            Ok(s) => println!("label {index}: to_str -> {s:?}"),
            Err(e) => println!(
                "label {index}: to_str failed after {} valid bytes, to_string_lossy -> {:?}",
                e.valid_up_to(),
                text.to_string_lossy()
            ),
        }
    }

    // <demo-c-owned>
    println!("[C malloc -> Rust, freed by text_free]");
    match to_upper(c"naïve café") {
        Some(upper) => {
            println!(
                "to_upper -> {:?} ({} bytes)",
                upper.to_string_lossy(),
                upper.count_bytes()
            );
            // `upper` is dropped here, and `Drop for CText` calls `text_free`.
        }
        None => println!("to_upper: C could not allocate"),
    }
    // </demo-c-owned>

    println!("[CString::into_raw -> C -> CString::from_raw]");
    for name in ["Ferris", "Zoë"] {
        let owned = CString::new(name).expect("no NUL in a literal name");
        match set_name(Some(owned)) {
            Some(previous) => println!("C took {name:?}, handed back {previous:?}"),
            None => println!("C took {name:?}, held no name before"),
        }
    }

    println!("[caller-provided buffer]");
    println!("greeting() -> {:?}", greeting());
    let mut short = [0u8; 11]; // room for the 11 bytes of text, none for the NUL
    let cap = short.len();
    let (kept, needed) = greet_into(&mut short);
    println!(
        "{cap}-byte buffer: C needs {needed} + 1, kept {kept:?}, lossy {:?}",
        kept.to_string_lossy()
    );

    if let Some(last) = set_name(None) {
        println!("C handed back {last:?}; Rust frees it when `last` is dropped");
    }
    println!("greeting() -> {:?}", greeting());

    println!("[OsStr paths as bytes]");
    let latin1_name = OsStr::from_bytes(b"inbox/caf\xE9.txt");
    for path in [Path::new("inbox/notes.txt"), Path::new(latin1_name)] {
        match path_file_name(path) {
            Ok(name) => println!(
                "{path:?} -> {name:?}, to_str {:?}, display {}",
                name.to_str(),
                Path::new(&name).display()
            ),
            Err(e) => println!("{path:?}: NulError at byte {}", e.nul_position()),
        }
    }
}
