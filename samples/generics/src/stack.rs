//! A generic stack, and the C API generated for two of its instantiations.
//!
//! `Stack<T>` is ordinary generic Rust. C cannot use it directly: there is no
//! `Stack<T>` in the compiled program, only the concrete `Stack<i32>`,
//! `Stack<f64>`, ... that Rust code instantiates. `export_stack!` writes one
//! set of `extern "C"` functions per element type; `csrc/stack.h` declares
//! them for C.

// <generic-stack>
/// Plain generic Rust. C only ever holds `*mut Stack<T>` as an opaque
/// handle, so the type needs no `#[repr(C)]`.
pub struct Stack<T> {
    items: Vec<T>,
}

impl<T> Stack<T> {
    pub fn new() -> Self {
        Self { items: Vec::new() }
    }

    pub fn push(&mut self, value: T) {
        self.items.push(value);
    }

    pub fn pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}
// </generic-stack>

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Implemented by `export_stack!` for every instantiation that has a C API,
/// so Rust can list the symbols the macro generated.
pub trait ExportedStack {
    const C_SYMBOLS: [&'static str; 5];
}

// <export-macro>
// <shim-new-push>
/// Generates the C API for `Stack<$t>`. `macro_rules!` cannot paste new
/// identifiers together, so every symbol name is spelled out by the caller,
/// which also keeps the names greppable next to `csrc/stack.h`.
macro_rules! export_stack {
    ($t:ty {
        new: $new:ident,
        push: $push:ident,
        pop: $pop:ident,
        len: $len:ident,
        free: $free:ident $(,)?
    }) => {
        /// Creates an empty stack and transfers ownership to the caller.
        #[unsafe(no_mangle)]
        pub extern "C" fn $new() -> *mut Stack<$t> {
            Box::into_raw(Box::new(Stack::new()))
        }

        /// Pushes `value`. Returns `false` for a null handle.
        ///
        /// # Safety
        ///
        /// `stack` must be null or a live handle from the matching `_new`
        /// function that no other thread uses during the call.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $push(stack: *mut Stack<$t>, value: $t) -> bool {
            // SAFETY: the caller guarantees `stack` is null or a live,
            // unaliased handle; `as_mut` turns null into `None`.
            match unsafe { stack.as_mut() } {
                Some(stack) => {
                    stack.push(value);
                    true
                }
                None => false,
            }
        }
        // </shim-new-push>

        // <shim-pop>
        /// Moves the top value into `*out`. `Option<T>` has no C layout, so
        /// the result is split into a flag and an out-parameter. Returns
        /// `false`, leaving `*out` untouched, for null pointers or an empty
        /// stack.
        ///
        /// # Safety
        ///
        /// `stack` as for the `_push` function; `out` must be null or valid
        /// for writing one value.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $pop(stack: *mut Stack<$t>, out: *mut $t) -> bool {
            // SAFETY: as in `_push`.
            let Some(stack) = (unsafe { stack.as_mut() }) else {
                return false;
            };
            if out.is_null() {
                return false;
            }
            match stack.pop() {
                Some(value) => {
                    // SAFETY: `out` is non-null and, per the contract, valid
                    // for one write.
                    unsafe { out.write(value) };
                    true
                }
                None => false,
            }
        }
        // </shim-pop>

        /// Number of values on the stack, or 0 for a null handle.
        ///
        /// # Safety
        ///
        /// `stack` must be null or a live handle from the `_new` function.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $len(stack: *const Stack<$t>) -> usize {
            // SAFETY: the caller guarantees `stack` is null or live.
            unsafe { stack.as_ref() }.map_or(0, Stack::len)
        }

        /// Releases a stack and the values still on it. Null is a no-op.
        ///
        /// # Safety
        ///
        /// `stack` must be null or a handle from the `_new` function that
        /// has not been freed yet; it must not be used afterwards.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $free(stack: *mut Stack<$t>) {
            if !stack.is_null() {
                // SAFETY: non-null, from `Box::into_raw` in `_new`, and freed
                // only once, so the Box can take ownership back.
                drop(unsafe { Box::from_raw(stack) });
            }
        }

        impl ExportedStack for Stack<$t> {
            const C_SYMBOLS: [&'static str; 5] = [
                stringify!($new),
                stringify!($push),
                stringify!($pop),
                stringify!($len),
                stringify!($free),
            ];
        }
    };
}
// </export-macro>

// <instantiations>
// One invocation per element type C needs. Each expands to five concrete,
// monomorphic functions with their own unmangled symbols.
export_stack!(i32 {
    new: stack_i32_new,
    push: stack_i32_push,
    pop: stack_i32_pop,
    len: stack_i32_len,
    free: stack_i32_free,
});

export_stack!(f64 {
    new: stack_f64_new,
    push: stack_f64_push,
    pop: stack_f64_pop,
    len: stack_f64_len,
    free: stack_f64_free,
});
// </instantiations>
