//! Sharing structs, unions and arrays with C.
//!
//! Every type that crosses the boundary is `#[repr(C)]` (or
//! `#[repr(transparent)]`) and mirrors a declaration in `csrc/readings.h`.
//! The program first checks that Rust and C agree on sizes, alignments and
//! field offsets, then lets C fill a Rust `Vec` and a `MaybeUninit`
//! out-parameter.

use std::ffi::{c_char, c_int};
use std::fmt;
use std::mem::{MaybeUninit, align_of, offset_of, size_of};

// <reading-types>
/// A sensor id. `repr(transparent)` gives it exactly the layout and ABI of
/// its only field, so it can stand in for C's `sensor_id` (`uint32_t`).
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SensorId(pub u32);

/// Mirror of `reading_value`: both members start at offset 0.
#[repr(C)]
#[derive(Clone, Copy)]
pub union ReadingValue {
    pub real: f64,
    pub count: i64,
}

/// Mirror of `sensor_reading`: same fields, same order, so same padding.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SensorReading {
    pub kind: u8,
    pub sensor: SensorId,
    pub channel: u16,
    pub value: ReadingValue,
    pub unit: [c_char; 4],
}

// Values of `kind`, copied from the `#define`s in readings.h.
pub const READING_REAL: u8 = 1;
pub const READING_COUNT: u8 = 2;
// </reading-types>

/// Mirror of `compact_reading`: the same fields, largest alignment first.
#[repr(C)]
pub struct CompactReading {
    pub value: ReadingValue,
    pub sensor: SensorId,
    pub channel: u16,
    pub kind: u8,
    pub unit: [c_char; 4],
}

// <summary-types>
/// Mirror of `value_range`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRange {
    pub min: f64,
    pub max: f64,
}

/// Mirror of `reading_summary`, which embeds a `value_range` by value.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadingSummary {
    pub sensor: SensorId,
    pub count: u32,
    pub range: ValueRange,
    pub mean: f64,
}
// </summary-types>

/// Mirror of `type_layout`, which ends in a fixed-size array.
#[repr(C)]
#[derive(Debug, Default)]
struct TypeLayout {
    size: usize,
    align: usize,
    field_count: usize,
    offsets: [usize; 8],
}

// Status codes and type ids from readings.h.
const SUMMARY_OK: c_int = 0;
const SUMMARY_ERR_NO_REAL_READINGS: c_int = 2;
const LAYOUT_SENSOR_READING: c_int = 1;
const LAYOUT_READING_VALUE: c_int = 2;
const LAYOUT_COMPACT_READING: c_int = 3;
const LAYOUT_READING_SUMMARY: c_int = 4;

// <extern-block>
unsafe extern "C" {
    fn layout_query(which: c_int, out: *mut TypeLayout) -> c_int;
    fn device_read(out: *mut SensorReading, capacity: usize) -> usize;
    fn summarize_sensor(
        readings: *const SensorReading,
        len: usize,
        sensor: SensorId, // passed exactly like a uint32_t
        out: *mut ReadingSummary,
    ) -> c_int;
}
// </extern-block>

/// The layout of one type as C reports it.
fn c_layout(which: c_int) -> TypeLayout {
    let mut out = TypeLayout::default();
    // SAFETY: `&mut out` is a valid, aligned `type_layout` (repr(C) with the
    // same fields), C writes only inside it and keeps no pointer.
    let status = unsafe { layout_query(which, &mut out) };
    assert_eq!(status, 0, "C does not know type id {which}");
    out
}

// <compare-layout>
/// Prints what Rust computes next to what C reports, and panics if they
/// differ. `fields` lists Rust's `offset_of!` values in C's field order.
fn compare_layout(name: &str, which: c_int, size: usize, align: usize, fields: &[(&str, usize)]) {
    let c = c_layout(which);
    assert_eq!(fields.len(), c.field_count, "{name}: field count");
    println!("{name}");
    let rows = [("size_of", size, c.size), ("align_of", align, c.align)];
    let offsets = fields
        .iter()
        .zip(c.offsets)
        .map(|(&(f, rust), c)| (f, rust, c));
    for (label, rust, c) in rows.into_iter().chain(offsets) {
        assert_eq!(rust, c, "{name}: {label} differs between Rust and C");
        println!("  {label:<12}{rust:>6}{c:>6}");
    }
}
// </compare-layout>

fn check_layouts() {
    println!("{:<14}{:>6}{:>6}", "layout", "Rust", "C");
    // <offset-of>
    compare_layout(
        "SensorReading",
        LAYOUT_SENSOR_READING,
        size_of::<SensorReading>(),
        align_of::<SensorReading>(),
        &[
            ("kind", offset_of!(SensorReading, kind)),
            ("sensor", offset_of!(SensorReading, sensor)),
            ("channel", offset_of!(SensorReading, channel)),
            ("value", offset_of!(SensorReading, value)),
            ("unit", offset_of!(SensorReading, unit)),
        ],
    );
    // </offset-of>
    compare_layout(
        "ReadingValue",
        LAYOUT_READING_VALUE,
        size_of::<ReadingValue>(),
        align_of::<ReadingValue>(),
        &[
            ("real", offset_of!(ReadingValue, real)),
            ("count", offset_of!(ReadingValue, count)),
        ],
    );
    compare_layout(
        "CompactReading",
        LAYOUT_COMPACT_READING,
        size_of::<CompactReading>(),
        align_of::<CompactReading>(),
        &[
            ("value", offset_of!(CompactReading, value)),
            ("sensor", offset_of!(CompactReading, sensor)),
            ("channel", offset_of!(CompactReading, channel)),
            ("kind", offset_of!(CompactReading, kind)),
            ("unit", offset_of!(CompactReading, unit)),
        ],
    );
    compare_layout(
        "ReadingSummary",
        LAYOUT_READING_SUMMARY,
        size_of::<ReadingSummary>(),
        align_of::<ReadingSummary>(),
        &[
            ("sensor", offset_of!(ReadingSummary, sensor)),
            ("count", offset_of!(ReadingSummary, count)),
            ("range", offset_of!(ReadingSummary, range)),
            ("range.min", offset_of!(ReadingSummary, range.min)),
            ("range.max", offset_of!(ReadingSummary, range.max)),
            ("mean", offset_of!(ReadingSummary, mean)),
        ],
    );
    println!(
        "SensorId: size_of {}, align_of {} (u32: {}, {})",
        size_of::<SensorId>(),
        align_of::<SensorId>(),
        size_of::<u32>(),
        align_of::<u32>()
    );
}

// <read-union>
/// A safe Rust view of a reading's value: an enum with data, which is not
/// itself passed to C.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Real(f64),
    Count(i64),
}

impl SensorReading {
    /// The union member named by `kind`, or `None` for a kind this code
    /// does not know.
    pub fn value(&self) -> Option<Value> {
        match self.kind {
            READING_REAL => {
                // SAFETY: every bit pattern is a valid f64, so the read is
                // defined; `kind` says that `real` is the member C wrote.
                let real = unsafe { self.value.real };
                Some(Value::Real(real))
            }
            READING_COUNT => {
                // SAFETY: as above, for the i64 member `count`.
                let count = unsafe { self.value.count };
                Some(Value::Count(count))
            }
            _ => None,
        }
    }

    /// The bytes of `unit` up to the first NUL, or all four if there is none.
    pub fn unit(&self) -> String {
        let bytes = self.unit.map(|c| c as u8);
        let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        String::from_utf8_lossy(&bytes[..len]).into_owned()
    }
}
// </read-union>

// <fill-vec>
/// Reads at most `max` readings from the device into a new `Vec`.
pub fn read_device(max: usize) -> Vec<SensorReading> {
    let mut readings: Vec<SensorReading> = Vec::with_capacity(max);
    // SAFETY: the pointer is valid for writes of `capacity()` readings (the
    // allocation exists even though no element is initialized yet). C
    // writes at most that many, never reads them, and keeps no pointer.
    let written = unsafe { device_read(readings.as_mut_ptr(), readings.capacity()) };
    assert!(written <= readings.capacity(), "C claims too many readings");
    // SAFETY: C initialized elements 0..written, and written <= capacity.
    unsafe { readings.set_len(written) };
    readings
}
// </fill-vec>

/// Why `summarize` produced no summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryError {
    NoRealReadings(SensorId),
    Status(c_int),
}

impl fmt::Display for SummaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRealReadings(id) => write!(f, "no real-valued readings for sensor {}", id.0),
            Self::Status(code) => write!(f, "status code {code}"),
        }
    }
}

impl std::error::Error for SummaryError {}

// <out-parameter>
/// Minimum, maximum and mean of the real-valued readings of `sensor`.
pub fn summarize(
    readings: &[SensorReading],
    sensor: SensorId,
) -> Result<ReadingSummary, SummaryError> {
    let mut out = MaybeUninit::<ReadingSummary>::uninit();
    // SAFETY: pointer + length describe a live slice that C only reads;
    // `out.as_mut_ptr()` is aligned and valid for one write of a
    // `ReadingSummary`; C keeps neither pointer after returning.
    let status =
        unsafe { summarize_sensor(readings.as_ptr(), readings.len(), sensor, out.as_mut_ptr()) };
    match status {
        SUMMARY_OK => {
            // SAFETY: on SUMMARY_OK, C has written every field of `*out`.
            Ok(unsafe { out.assume_init() })
        }
        // On failure `out` stays uninitialized and is never read.
        SUMMARY_ERR_NO_REAL_READINGS => Err(SummaryError::NoRealReadings(sensor)),
        other => Err(SummaryError::Status(other)),
    }
}
// </out-parameter>

fn print_reading(index: usize, r: &SensorReading) {
    let value = match r.value() {
        Some(Value::Real(v)) => format!("real {v:.2}"),
        Some(Value::Count(n)) => format!("count {n}"),
        None => format!("unknown kind {}", r.kind),
    };
    println!(
        "  [{index}] sensor {} channel {}: {value} unit {:?}",
        r.sensor.0,
        r.channel,
        r.unit()
    );
}

fn main() {
    check_layouts();

    println!();
    let readings = read_device(8);
    println!("room for 8 readings, C wrote {}", readings.len());
    for (i, r) in readings.iter().enumerate() {
        print_reading(i, r);
    }
    println!("room for 4 readings, C wrote {}", read_device(4).len());

    println!();
    for id in [101, 102, 201] {
        match summarize(&readings, SensorId(id)) {
            Ok(s) => println!(
                "sensor {}: {} real reading(s), min {:.2}, max {:.2}, mean {:.2}",
                s.sensor.0, s.count, s.range.min, s.range.max, s.mean
            ),
            Err(e) => println!("sensor {id}: {e}"),
        }
    }
}
