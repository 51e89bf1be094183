//! Passing Rust functions and closures to C as callbacks.
//!
//! C sees only `extern "C"` function pointers and `void *` context pointers.
//! Everything else in this file (generic trampolines, boxed closures,
//! ownership of registered listeners, catching panics) is the Rust side's
//! job of turning closures into that shape and back.

use std::any::Any;
use std::cell::Cell;
use std::ffi::{c_int, c_longlong, c_void};
use std::marker::{PhantomData, PhantomPinned};
use std::panic::{self, AssertUnwindSafe};
use std::ptr::NonNull;
use std::rc::Rc;

// <qsort-decl>
// `qsort` comes from the C standard library, which std already links.
unsafe extern "C" {
    fn qsort(
        base: *mut c_void,
        count: usize,
        size: usize,
        compare: unsafe extern "C" fn(*const c_void, *const c_void) -> c_int,
    );
}
// </qsort-decl>

// <extern-block>
/// `event_cb` from `csrc/events.h`: context pointer first, then the value.
type EventCallback = unsafe extern "C" fn(user_data: *mut c_void, value: c_int);

/// The opaque C type `events_bus`, only ever used behind a pointer.
#[repr(C)]
struct RawBus {
    _data: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

unsafe extern "C" {
    fn for_each_event(values: *const c_int, len: usize, cb: EventCallback, user_data: *mut c_void);
    // `map` may be NULL: `Option` of a function pointer is exactly a
    // nullable C function pointer, with `None` as NULL.
    fn events_sum_mapped(
        values: *const c_int,
        len: usize,
        map: Option<extern "C" fn(c_int) -> c_int>,
    ) -> c_longlong;

    safe fn events_bus_new() -> *mut RawBus;
    fn events_bus_free(bus: *mut RawBus);
    fn events_register(
        bus: *mut RawBus,
        cb: Option<EventCallback>,
        user_data: *mut c_void,
    ) -> c_int;
    fn events_unregister(bus: *mut RawBus, id: c_int) -> c_int;
    fn events_emit(bus: *mut RawBus, value: c_int) -> c_int;
}
// </extern-block>

// <qsort-comparator>
/// A task record. C's `qsort` only moves its bytes; the comparator below is
/// the only code that reads the fields.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    pub id: u32,
    pub priority: i32,
}

/// `qsort` comparator: by priority, then by id, so no two tasks compare
/// equal and the unstable `qsort` still gives a deterministic order.
///
/// # Safety
///
/// `a` and `b` must point to valid, aligned `Task`s.
unsafe extern "C" fn compare_tasks(a: *const c_void, b: *const c_void) -> c_int {
    // SAFETY: `sort_tasks` hands `qsort` an array of `Task`s, and `qsort`
    // passes pointers to two of its elements.
    let (a, b) = unsafe { (&*a.cast::<Task>(), &*b.cast::<Task>()) };
    let order = a.priority.cmp(&b.priority).then(a.id.cmp(&b.id));
    order as c_int // Less, Equal, Greater are -1, 0, 1
}

/// Sorts `tasks` in place with C's `qsort`.
pub fn sort_tasks(tasks: &mut [Task]) {
    if tasks.len() < 2 {
        return; // nothing to sort, and no dangling pointer reaches C
    }
    // SAFETY: base, count and size describe the live, writable slice;
    // `compare_tasks` expects exactly `Task`s and defines a total order.
    // `qsort` keeps nothing after it returns.
    unsafe {
        qsort(
            tasks.as_mut_ptr().cast(),
            tasks.len(),
            size_of::<Task>(),
            compare_tasks,
        );
    }
}
// </qsort-comparator>

// <trampoline>
/// Calls the closure of type `F` that `data` points to. One copy of this
/// function is compiled for every closure type it is used with.
///
/// # Safety
///
/// `data` must point to a live `F` that nothing else accesses during the call.
unsafe extern "C" fn trampoline<F: FnMut(i32)>(data: *mut c_void, value: c_int) {
    // SAFETY: `for_each` passes `&raw mut f` for exactly this `F`, and the
    // closure stays borrowed by `for_each` until C returns.
    let f = unsafe { &mut *data.cast::<F>() };
    f(value);
}

/// Calls `f` with every value, by way of the C library. A panic in `f`
/// cannot unwind through C: the process aborts. See `try_for_each`.
pub fn for_each<F: FnMut(i32)>(values: &[i32], mut f: F) {
    // SAFETY: the pointer and length describe `values`; `trampoline::<F>`
    // is instantiated for the type that the context pointer points to, and
    // `f` outlives the call because C keeps neither pointer.
    unsafe {
        for_each_event(
            values.as_ptr(),
            values.len(),
            trampoline::<F>,
            (&raw mut f).cast(),
        );
    }
}
// </trampoline>

// <nullable-fn>
/// A plain function with the C ABI: no context, so no trampoline needed.
/// It must not panic, so it saturates instead of overflowing.
extern "C" fn square(value: c_int) -> c_int {
    value.saturating_mul(value)
}

/// Sum of `map(v)` for every value, or of the values themselves for `None`.
pub fn sum_mapped(values: &[i32], map: Option<extern "C" fn(c_int) -> c_int>) -> i64 {
    // SAFETY: the pointer and length describe `values`; `map` is either
    // NULL, which C checks for, or a valid function pointer.
    unsafe { events_sum_mapped(values.as_ptr(), values.len(), map) }
}
// </nullable-fn>

// <catch-unwind>
/// The closure and, once it has panicked, the panic payload.
struct Guarded<F> {
    f: F,
    panic: Option<Box<dyn Any + Send + 'static>>,
}

/// Like `trampoline`, but a panic stops at this frame instead of reaching C.
///
/// # Safety
///
/// `data` must point to a live `Guarded<F>` that nothing else accesses
/// during the call.
unsafe extern "C" fn guarded_trampoline<F: FnMut(i32)>(data: *mut c_void, value: c_int) {
    // SAFETY: `try_for_each` passes `&raw mut state` for exactly this `F`.
    let state = unsafe { &mut *data.cast::<Guarded<F>>() };
    if state.panic.is_some() {
        return; // C cannot be told to stop, so ignore the remaining values
    }
    let f = &mut state.f;
    // AssertUnwindSafe: after a panic, `f` is never called again.
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(value))) {
        state.panic = Some(payload);
    }
}

/// Like `for_each`, but a panic in `f` is caught before it reaches C and
/// returned once C is done. Pass it to `std::panic::resume_unwind` to
/// continue unwinding on the Rust side instead.
pub fn try_for_each<F: FnMut(i32)>(
    values: &[i32],
    f: F,
) -> Result<(), Box<dyn Any + Send + 'static>> {
    let mut state = Guarded { f, panic: None };
    // SAFETY: as in `for_each`, with `Guarded<F>` as the context type.
    unsafe {
        for_each_event(
            values.as_ptr(),
            values.len(),
            guarded_trampoline::<F>,
            (&raw mut state).cast(),
        );
    }
    state.panic.map_or(Ok(()), Err)
}
// </catch-unwind>

/// The message of a `panic!`, which is a `&str` or a `String`.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(not a string)"
    }
}

// <registered-closures>
/// A closure boxed twice: the outer `Box` makes a thin pointer that fits in
/// `void *`, the inner one is the (fat) trait object.
type BoxedListener = Box<dyn FnMut(i32)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListenerId(c_int);

/// Owns a C `events_bus` and every closure registered with it.
pub struct EventBus {
    raw: NonNull<RawBus>,
    /// Closures that C currently holds a pointer to. Each pointer comes
    /// from `Box::into_raw` and is freed once, after C has let go of it.
    closures: Vec<(ListenerId, *mut BoxedListener)>,
}

/// The one callback that every registered closure goes through.
///
/// # Safety
///
/// `data` must come from `EventBus::register` and not have been freed, and
/// nothing else may access the closure during the call.
unsafe extern "C" fn call_listener(data: *mut c_void, value: c_int) {
    // SAFETY: `EventBus` frees a closure only after C has forgotten it, and
    // `emit` takes `&mut self`, so no other reference to it exists.
    let listener = unsafe { &mut *data.cast::<BoxedListener>() };
    listener(value);
}
// </registered-closures>

impl EventBus {
    pub fn new() -> Self {
        let raw = NonNull::new(events_bus_new()).expect("events_bus_new: out of memory");
        Self {
            raw,
            closures: Vec::new(),
        }
    }

    // <register>
    /// Hands `f` to C, which calls it from every `emit` until `unregister`.
    /// `'static`: the closure lives on after this call returns, so it must
    /// not borrow anything that could go away first.
    pub fn register<F: FnMut(i32) + 'static>(&mut self, f: F) -> Option<ListenerId> {
        let boxed: BoxedListener = Box::new(f);
        let data = Box::into_raw(Box::new(boxed)); // Rust gives up ownership
        // SAFETY: `raw` is a live bus; `call_listener` matches `event_cb`
        // and expects this kind of pointer; `data` stays valid until it is
        // unregistered or the bus is freed.
        let id = unsafe { events_register(self.raw.as_ptr(), Some(call_listener), data.cast()) };
        if id < 0 {
            // C refused it and kept nothing, so the box is still ours.
            // SAFETY: `data` came from `Box::into_raw` just above.
            drop(unsafe { Box::from_raw(data) });
            return None;
        }
        self.closures.push((ListenerId(id), data));
        Some(ListenerId(id))
    }
    // </register>

    // <unregister>
    /// Removes a listener and frees its closure.
    pub fn unregister(&mut self, id: ListenerId) -> bool {
        let Some(index) = self.closures.iter().position(|&(i, _)| i == id) else {
            return false;
        };
        let (_, data) = self.closures.swap_remove(index);
        // SAFETY: `raw` is a live bus and `id` is registered on it.
        let status = unsafe { events_unregister(self.raw.as_ptr(), id.0) };
        assert_eq!(status, 0, "the id came from events_register");
        // C has let go of `data` now: take ownership back and drop it.
        // SAFETY: `data` came from `Box::into_raw` in `register`, and
        // removing it from `closures` means it is freed only here.
        drop(unsafe { Box::from_raw(data) });
        true
    }
    // </unregister>

    /// Calls every registered closure with `value` and returns how many ran.
    pub fn emit(&mut self, value: i32) -> usize {
        // SAFETY: `raw` is a live bus, and every listener on it points to a
        // closure that is still allocated. `&mut self` keeps listeners from
        // being added or removed while C walks the list.
        let called = unsafe { events_emit(self.raw.as_ptr(), value) };
        usize::try_from(called).expect("events_emit returns a count")
    }
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

// <bus-drop>
impl Drop for EventBus {
    fn drop(&mut self) {
        // First make sure C can never call a listener again...
        // SAFETY: `raw` came from `events_bus_new` and is freed only here.
        unsafe { events_bus_free(self.raw.as_ptr()) };
        // ...then free the closures it pointed to.
        for (_, data) in self.closures.drain(..) {
            // SAFETY: as in `unregister`; the bus that held `data` is gone.
            drop(unsafe { Box::from_raw(data) });
        }
    }
}
// </bus-drop>

fn main() {
    // <use-qsort>
    println!("== qsort with a Rust comparator ==");
    let mut tasks =
        [(1, 3), (2, 1), (3, 2), (4, 1), (5, 3)].map(|(id, priority)| Task { id, priority });
    sort_tasks(&mut tasks);
    for task in &tasks {
        println!("task {} (priority {})", task.id, task.priority);
    }
    // </use-qsort>

    // <use-closure>
    println!();
    println!("== a closure called through a trampoline ==");
    let readings = [4, 8, 15, 16, 23, 42];
    let mut seen = Vec::new();
    let mut total = 0;
    for_each(&readings, |value| {
        seen.push(value);
        total += value;
    });
    println!("closure saw {seen:?}, total {total}");
    // </use-closure>

    // <use-nullable>
    println!();
    println!("== nullable function pointers ==");
    println!("sum with None: {}", sum_mapped(&readings, None));
    println!(
        "sum with Some(square): {}",
        sum_mapped(&readings, Some(square))
    );
    // </use-nullable>

    // <use-registered>
    println!();
    println!("== closures registered with C ==");
    let log_count = Rc::new(Cell::new(0));
    let sum = Rc::new(Cell::new(0));
    let mut bus = EventBus::new();

    let counter = Rc::clone(&log_count);
    let logger = bus
        .register(move |value| {
            counter.set(counter.get() + 1);
            println!("  logger: event {value}");
        })
        .expect("the bus has room");
    let adder = Rc::clone(&sum);
    bus.register(move |value| adder.set(adder.get() + value))
        .expect("the bus has room");
    // Each closure holds one clone of an `Rc`, so a count of 2 means the
    // closure has not been dropped yet.
    println!(
        "logger closure alive: {}",
        Rc::strong_count(&log_count) == 2
    );

    for value in [10, 20] {
        println!("emit({value}): {} listeners called", bus.emit(value));
    }
    bus.unregister(logger);
    println!(
        "after unregister, logger closure alive: {}",
        Rc::strong_count(&log_count) == 2
    );
    println!("emit(30): {} listener called", bus.emit(30));
    drop(bus); // frees the remaining closure
    println!(
        "after drop(bus), adder closure alive: {}",
        Rc::strong_count(&sum) == 2
    );
    println!(
        "logger ran {} times; sum of events {}",
        log_count.get(),
        sum.get()
    );
    // </use-registered>

    // <use-catch-unwind>
    println!();
    println!("== a panic inside a callback ==");
    // Keep the default hook from printing the panic to stderr.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let mut handled = Vec::new();
    let result = try_for_each(&readings, |value| {
        if value > 10 {
            panic!("value {value} is out of range");
        }
        handled.push(value);
    });
    panic::set_hook(default_hook);
    println!("handled before the panic: {handled:?}");
    match result {
        Ok(()) => println!("no panic"),
        Err(payload) => println!("caught in the trampoline: {}", panic_message(&*payload)),
    }
    // </use-catch-unwind>
}
