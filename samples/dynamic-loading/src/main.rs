//! Loading a plugin at run time with `libloading`.
//!
//! The host knows the plugin only by file name and by the C ABI it expects:
//! it checks the ABI version first, then looks up the other symbols.

use std::error::Error;
use std::ffi::{CStr, c_char};
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use libloading::{Library, Symbol};

/// The plugin ABI version this host was written against.
const EXPECTED_ABI_VERSION: u32 = 1;

// Function-pointer types matching the plugin's exports. They are safe
// `extern "C" fn` types because the functions have no preconditions; the
// proof obligation lies where a symbol is given one of these types.
type AbiVersionFn = extern "C" fn() -> u32;
type NameFn = extern "C" fn() -> *const c_char;
type TransformFn = extern "C" fn(i32) -> i32;

// <locate-library>
/// `libdynamic_plugin.so` (or `.dylib`, or `dynamic_plugin.dll`) next to
/// this executable: Cargo writes the cdylib and the binary to the same
/// `target/<profile>/` directory.
fn plugin_path() -> io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .ok_or_else(|| io::Error::other("executable path has no parent directory"))?;
    Ok(dir.join(libloading::library_filename("dynamic_plugin")))
}
// </locate-library>

// <symbol-lifetime>
/// The plugin's entry points. Each field borrows the `Library` for `'lib`,
/// so the borrow checker rejects unloading the library while a `Plugin`
/// (and with it a function pointer or the name string) is still alive.
struct Plugin<'lib> {
    abi_version: u32,
    name: &'lib CStr,
    transform: Symbol<'lib, TransformFn>,
}
// </symbol-lifetime>

impl<'lib> Plugin<'lib> {
    fn from_library(lib: &'lib Library) -> Result<Self, Box<dyn Error>> {
        // <abi-check>
        // SAFETY: every ABI version of the plugin exports `plugin_abi_version`
        // as `extern "C" fn() -> u32`, so this lookup is sound before we know
        // which version we are talking to.
        let abi_version: Symbol<AbiVersionFn> = unsafe { lib.get(b"plugin_abi_version\0") }?;
        let found = abi_version();
        if found != EXPECTED_ABI_VERSION {
            return Err(format!("plugin ABI {found}, host expects {EXPECTED_ABI_VERSION}").into());
        }

        // Only now that the version is known to be 1 do the other
        // signatures below hold.
        // SAFETY: ABI version 1 exports `plugin_name` as
        // `extern "C" fn() -> *const c_char`.
        let name_fn: Symbol<NameFn> = unsafe { lib.get(b"plugin_name\0") }?;
        // SAFETY: ABI version 1 exports `plugin_transform` as
        // `extern "C" fn(i32) -> i32`.
        let transform: Symbol<TransformFn> = unsafe { lib.get(b"plugin_transform\0") }?;
        // </abi-check>

        let name_ptr = name_fn();
        if name_ptr.is_null() {
            return Err("plugin_name returned a null pointer".into());
        }
        // SAFETY: ABI version 1 promises a NUL-terminated string in the
        // library's static data that is never modified, so it stays valid
        // while the library is loaded, which `'lib` guarantees.
        let name: &'lib CStr = unsafe { CStr::from_ptr(name_ptr) };

        Ok(Plugin {
            abi_version: found,
            name,
            transform,
        })
    }
}

fn main() -> ExitCode {
    let path = match plugin_path() {
        Ok(path) => path,
        Err(e) => {
            eprintln!("error: cannot locate the plugin: {e}");
            return ExitCode::FAILURE;
        }
    };

    // <load-library>
    // SAFETY: loading a library runs its initialisation code. The plugin is
    // our own Rust cdylib with no custom initialisers or destructors, and
    // this program loads and unloads libraries from one thread only.
    let lib = match unsafe { Library::new(&path) } {
        Ok(lib) => lib,
        Err(e) => {
            eprintln!("error: cannot load plugin {}: {e}", path.display());
            eprintln!("hint: run `cargo build --workspace` first; the plugin is not a dependency");
            return ExitCode::FAILURE;
        }
    };
    // </load-library>
    println!("loaded the plugin library");

    let plugin = match Plugin::from_library(&lib) {
        Ok(plugin) => plugin,
        Err(e) => {
            eprintln!("error: unusable plugin: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("plugin ABI version: {}", plugin.abi_version);
    println!("plugin name: {}", plugin.name.to_string_lossy());
    for x in [3, -12, 0, 46_341] {
        println!("transform({x}) = {}", (plugin.transform)(x));
    }

    // `close` consumes the library, so it only compiles after the last use
    // of `plugin`: calling `plugin.transform` below this line would be a
    // borrow error (E0505, move out of `lib` while it is borrowed).
    if let Err(e) = lib.close() {
        eprintln!("error: cannot unload the plugin: {e}");
        return ExitCode::FAILURE;
    }
    println!("plugin unloaded");
    ExitCode::SUCCESS
}
