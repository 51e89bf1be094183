//! Heading ids that survive any script: letters and digits of every language are
//! kept (a Korean or Chinese heading gets a readable id, never an empty one).

use std::collections::HashSet;

/// `Interop Marshaling!` -> `interop-marshaling`; `마샬링 개요` -> `마샬링-개요`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' {
            dash = true;
        }
        // Other punctuation and symbols are dropped without a separator,
        // as GitHub and DocFX do (`C++ types` -> `c-types`).
    }
    if out.is_empty() {
        return "section".to_string();
    }
    if out.chars().all(|c| c.is_ascii_digit()) {
        // A bare number is a valid id but an awkward fragment and CSS selector.
        out.insert_str(0, "h-");
    }
    out
}

/// Hands out unique ids within one page: a repeated `id` becomes `id-1`, `id-2`...
#[derive(Debug, Default)]
pub struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// Reserves an id as written by the author; `false` if it was taken already.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(slugify("Interop Marshaling!"), "interop-marshaling");
        assert_eq!(slugify("  In This Section  "), "in-this-section");
        assert_eq!(slugify("마샬링 개요"), "마샬링-개요");
        assert_eq!(slugify("封送處理 (Marshaling)"), "封送處理-marshaling");
        assert_eq!(
            slugify("Considérations de design"),
            "considérations-de-design"
        );
        assert_eq!(slugify("C++ and `repr(C)`"), "c-and-reprc");
        assert_eq!(slugify("snake_case_name"), "snake_case_name");
        assert_eq!(slugify("!!!"), "section");
        assert_eq!(slugify("2024"), "h-2024");
    }

    #[test]
    fn duplicates_are_numbered() {
        let mut ids = IdSet::default();
        assert!(ids.reserve("intro-1"));
        assert_eq!(ids.unique("intro"), "intro");
        assert_eq!(ids.unique("intro"), "intro-2");
        assert_eq!(ids.unique("intro"), "intro-3");
        assert!(!ids.reserve("intro"));
    }
}
