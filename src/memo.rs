//! What a `serve` session keeps from one build to the next, shared by the
//! stages that keep something: keys made of many small parts, and values
//! that stand while a file's text and the site around it are as they were.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// A SHA-256 of the inputs something was made from.
pub type Key = [u8; 32];

/// The key of a value that depends on its text alone.
pub const TEXT_ONLY: Key = [0; 32];

/// Builds a key from many small parts (a whole site's titles, anchors,
/// navigation), each length-prefixed so that two inputs cannot run together.
#[derive(Default)]
pub struct KeyHasher(Sha256);

impl KeyHasher {
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.number(s.len());
        self.0.update(s.as_bytes());
        self
    }

    pub fn number(&mut self, n: usize) -> &mut Self {
        self.0.update((n as u64).to_le_bytes());
        self
    }

    pub fn key(&mut self, key: &Key) -> &mut Self {
        self.0.update(key);
        self
    }

    /// A value with no cheaper form, by its `Debug` text (small ones only:
    /// string escaping makes it slow).
    pub fn debug(&mut self, value: &dyn std::fmt::Debug) -> &mut Self {
        self.text(&format!("{value:?}"))
    }

    pub fn finish(self) -> Key {
        self.0.finalize().into()
    }
}

/// Per file or page: a value, with the key of the site it was made in and
/// the text it was made from. It is given back while both are as they were.
pub struct ByText<T>(Mutex<HashMap<String, (Key, String, T)>>);

impl<T> Default for ByText<T> {
    fn default() -> Self {
        ByText(Mutex::default())
    }
}

impl<T: Clone> ByText<T> {
    pub fn get(&self, name: &str, key: &Key, text: &str) -> Option<T> {
        let map = self.0.lock().ok()?;
        let (old_key, old_text, value) = map.get(name)?;
        (old_key == key && old_text == text).then(|| value.clone())
    }

    pub fn put(&self, name: &str, key: Key, text: &str, value: T) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(name.to_string(), (key, text.to_string(), value));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.0.lock() {
            map.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_stands_while_its_text_and_key_do() {
        let kept = ByText::default();
        kept.put("a.html", [1; 32], "text", 7);
        assert_eq!(kept.get("a.html", &[1; 32], "text"), Some(7));
        assert_eq!(kept.get("a.html", &[2; 32], "text"), None);
        assert_eq!(kept.get("a.html", &[1; 32], "other"), None);
        assert_eq!(kept.get("b.html", &[1; 32], "text"), None);
        kept.clear();
        assert_eq!(kept.get("a.html", &[1; 32], "text"), None);
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
