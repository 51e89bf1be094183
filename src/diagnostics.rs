//! Diagnostics are values: every stage returns them instead of printing, and the
//! build renders them once, sorted, at the end.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the input, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root (or `<embedded>/...` for built-in defaults).
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// A warning that `--strict` does not count: shown like any other, it
    /// never fails a build. Unresolved xrefs are such warnings unless the site
    /// asks for them to count (`[xref] strict = true`): a DocFX docset names
    /// many uids of other docsets that no map of this site may cover.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exempt_from_strict: bool,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, message)
    }

    fn new(severity: Severity, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            exempt_from_strict: false,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn at_pos(self, pos: Position) -> Self {
        self.at(pos.line, pos.column)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the `exempt_from_strict` field; `false` leaves the diagnostic counted.
    pub fn exempt_from_strict(mut self, exempt: bool) -> Self {
        self.exempt_from_strict = exempt;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Fails the build under `--strict`: an error, or a warning not exempt.
    pub fn fails_strict(&self) -> bool {
        self.is_error() || !self.exempt_from_strict
    }

    /// Where in its file, then what: the order after the file's.
    fn place_key(&self) -> (usize, usize, Severity, &str) {
        (self.line, self.column, self.severity, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by place and drops exact repeats, so output is stable
/// whatever order the parallel stages finished in.
pub fn normalize(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        path_order(&a.file, &b.file).then_with(|| a.place_key().cmp(&b.place_key()))
    });
    diags.dedup();
}

/// Paths in the order of their components (`a/x.md` before `a-b.md`), as
/// `Path::cmp` gives it, without splitting them into components: a `/` sorts
/// before every other byte. A `serve` rebuild sorts thousands of warnings.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let key = |c: u8| if c == b'/' { 0 } else { c };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    a.iter().map(|&c| key(c)).cmp(b.iter().map(|&c| key(c)))
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets of a text to line:column, computed once per file.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Position of byte `offset` in `text` (the text this index was built from).
    /// Offsets past the end or inside a character are clamped, never a panic.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_sort_by_their_components() {
        let paths = [
            "content/en/a-b.md",
            "content/en/a/x.md",
            "content/en/a.md",
            "content/en/ab/c.md",
            "content/fr/a.md",
            "content/en/한국어 이름.md",
            "content/en",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(path_order(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\n한국어 x\n\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 3), Position { line: 2, column: 1 });
        // 'x' comes after three 3-byte Hangul syllables and a space.
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x), Position { line: 2, column: 5 });
        assert_eq!(idx.position(text, text.len() + 10).line, 4);
        // An offset inside a multi-byte character is clamped, not a panic.
        assert_eq!(idx.position(text, 4).line, 2);
    }

    #[test]
    fn display_includes_place_and_hint() {
        let d = Diagnostic::error("content/en/a.md", "bad")
            .at(3, 7)
            .hint("fix it");
        assert_eq!(
            d.to_string(),
            "error: content/en/a.md:3:7: bad\n  hint: fix it"
        );
        let w = Diagnostic::warning("x.ftl", "w");
        assert_eq!(w.to_string(), "warning: x.ftl: w");
    }
}
