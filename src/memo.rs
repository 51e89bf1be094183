//! What a `serve` session keeps from one build to the next, shared by the
//! stages that keep something: keys made of many small parts, and values
//! that stand while a file's text and the site around it are as they were.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, RwLock};

/// A hash of the inputs something was made from.
pub type Key = [u8; 32];

/// The key of a value that depends on its text alone.
pub const TEXT_ONLY: Key = [0; 32];

/// Builds a key from many small parts (a whole site's titles, anchors,
/// navigation), each length-prefixed so that two inputs cannot run together.
/// The parts are gathered, then hashed at once: BLAKE3 over one buffer runs
/// on SIMD lanes, where a hasher fed thousands of 8-byte parts spent most of
/// its time copying them into its block (a sixth of a `serve` rebuild).
#[derive(Default)]
pub struct KeyHasher(Vec<u8>);

impl KeyHasher {
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.number(s.len());
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    pub fn number(&mut self, n: usize) -> &mut Self {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
        self
    }

    pub fn key(&mut self, key: &Key) -> &mut Self {
        self.0.extend_from_slice(key);
        self
    }

    /// A value with no cheaper form, by its `Debug` text (small ones only:
    /// string escaping makes it slow).
    pub fn debug(&mut self, value: &dyn std::fmt::Debug) -> &mut Self {
        self.text(&format!("{value:?}"))
    }

    pub fn finish(self) -> Key {
        blake3::hash(&self.0).into()
    }
}

/// A text and the allocation it lies in: a source file's text, which a
/// `serve` rebuild shares with the previous one when the file is unchanged.
/// The same allocation and range as before is the same text, known without
/// comparing the bytes (which was a tenth of a rebuild on a large site).
#[derive(Clone)]
pub struct Shared<'a> {
    owner: &'a Arc<str>,
    range: Range<usize>,
}

impl<'a> Shared<'a> {
    pub fn whole(owner: &'a Arc<str>) -> Self {
        Shared {
            owner,
            range: 0..owner.len(),
        }
    }

    /// `owner[range]`; a range outside it (or not on a character boundary)
    /// is clamped to the whole text.
    pub fn part(owner: &'a Arc<str>, range: Range<usize>) -> Self {
        match owner.get(range.clone()) {
            Some(_) => Shared { owner, range },
            None => Shared::whole(owner),
        }
    }

    fn text(&self) -> &str {
        &self.owner[self.range.clone()]
    }
}

/// Per file or page: a value, with the key of the site it was made in and
/// the text it was made from. It is given back while both are as they were.
pub struct ByText<T>(RwLock<HashMap<String, Kept<T>>>);

struct Kept<T> {
    key: Key,
    owner: Arc<str>,
    range: Range<usize>,
    value: T,
}

impl<T> Default for ByText<T> {
    fn default() -> Self {
        ByText(RwLock::default())
    }
}

impl<T: Clone> ByText<T> {
    pub fn get(&self, name: &str, key: &Key, text: &Shared<'_>) -> Option<T> {
        let map = self.0.read().ok()?;
        let kept = map.get(name)?;
        let same_text = (Arc::ptr_eq(&kept.owner, text.owner) && kept.range == text.range)
            || kept.owner[kept.range.clone()] == *text.text();
        (kept.key == *key && same_text).then(|| kept.value.clone())
    }

    pub fn put(&self, name: &str, key: Key, text: &Shared<'_>, value: T) {
        if let Ok(mut map) = self.0.write() {
            let kept = Kept {
                key,
                owner: Arc::clone(text.owner),
                range: text.range.clone(),
                value,
            };
            map.insert(name.to_string(), kept);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.0.write() {
            map.clear();
        }
    }
}

/// A stage's output of the last `serve` rebuild, handed to the next one:
/// taken when the next rebuild starts (so that it is not kept twice while
/// the new one is made), kept again when it ends.
pub struct Previous<T>(Mutex<Option<T>>);

impl<T> Default for Previous<T> {
    fn default() -> Self {
        Previous(Mutex::new(None))
    }
}

impl<T> Previous<T> {
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok().and_then(|mut kept| kept.take())
    }

    pub fn keep(&self, value: T) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some(value);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = None;
        }
    }
}

/// Frees a rebuild's old data on another thread: a few milliseconds that the
/// page on disk need not wait for.
pub fn free_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// One value with the key it was made from, for what a site has one of (its
/// navigation, its sidebars): given back while the key is the same.
pub struct Slot<T>(Mutex<Option<(Key, T)>>);

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

impl<T: Clone> Slot<T> {
    /// The value kept for `key`, else `make`'s, kept from now on.
    pub fn get_or(&self, key: Key, make: impl FnOnce() -> T) -> T {
        if let Ok(kept) = self.0.lock()
            && let Some((k, value)) = kept.as_ref()
            && *k == key
        {
            return value.clone();
        }
        let value = make();
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((key, value.clone()));
        }
        value
    }

    pub fn clear(&self) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_stands_while_its_text_and_key_do() {
        let kept = ByText::default();
        let text: Arc<str> = "text".into();
        kept.put("a.html", [1; 32], &Shared::whole(&text), 7);
        assert_eq!(kept.get("a.html", &[1; 32], &Shared::whole(&text)), Some(7));
        // The same text in another allocation (a file read again) is equal.
        let again: Arc<str> = "text".into();
        assert_eq!(
            kept.get("a.html", &[1; 32], &Shared::whole(&again)),
            Some(7)
        );
        assert_eq!(kept.get("a.html", &[2; 32], &Shared::whole(&text)), None);
        let other: Arc<str> = "other".into();
        assert_eq!(kept.get("a.html", &[1; 32], &Shared::whole(&other)), None);
        assert_eq!(kept.get("b.html", &[1; 32], &Shared::whole(&text)), None);
        // Another part of the same allocation is another text.
        assert_eq!(
            kept.get("a.html", &[1; 32], &Shared::part(&text, 1..4)),
            None
        );
        kept.put("c", [1; 32], &Shared::part(&text, 2..4), 8);
        let shorter: Arc<str> = "xt".into();
        assert_eq!(kept.get("c", &[1; 32], &Shared::whole(&shorter)), Some(8));
        kept.clear();
        assert_eq!(kept.get("a.html", &[1; 32], &Shared::whole(&text)), None);
    }

    #[test]
    fn a_slot_keeps_one_value_for_its_key() {
        let slot = Slot::default();
        assert_eq!(slot.get_or([1; 32], || 1), 1);
        assert_eq!(slot.get_or([1; 32], || 2), 1);
        assert_eq!(slot.get_or([2; 32], || 3), 3);
        assert_eq!(slot.get_or([1; 32], || 4), 4);
        slot.clear();
        assert_eq!(slot.get_or([1; 32], || 5), 5);
    }

    #[test]
    fn parts_cannot_run_together() {
        let key = |parts: &[&str]| {
            let mut h = KeyHasher::default();
            for p in parts {
                h.text(p);
            }
            h.finish()
        };
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_eq!(key(&["ab", "c"]), key(&["ab", "c"]));
    }
}
