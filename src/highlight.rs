//! Syntax highlighting at build time (no script in the browser): syntect with
//! the extra grammars of two-face (TOML among them), as CSS classes, so the
//! light and dark colour schemes are plain stylesheets.

use crate::escape::html as html_escape;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The file of highlighted blocks kept between builds, in the cache folder.
const CACHE_FILE: &str = "highlight.json";

/// Highlighted lines of a block, each a balanced HTML fragment.
pub type Lines = Arc<Vec<String>>;

/// Blocks by key (a hash of language and code), and whether this build used them.
type Blocks = HashMap<String, (Lines, bool)>;

#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    /// [`crate::cache::tool_fingerprint`] of the build that wrote the file.
    tool: String,
    blocks: HashMap<String, Vec<String>>,
}

#[derive(Default)]
pub struct Highlighter {
    /// Loaded on the first block that is not in the cache.
    syntaxes: OnceLock<SyntaxSet>,
    /// The same block often appears in every locale and in every build:
    /// highlight it once.
    cache: Mutex<Blocks>,
    /// Something was highlighted that the stored cache did not have.
    missed: AtomicBool,
    /// Nanoseconds spent highlighting (cache misses), over all threads.
    busy: AtomicU64,
}

impl Highlighter {
    /// A highlighter that starts from the blocks a previous build stored in
    /// `cache_dir` (none if the file is missing, corrupt or from another build).
    pub fn load(cache_dir: &Path) -> Self {
        let started = Instant::now();
        let blocks = std::fs::read(cache_dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.tool == crate::cache::hex(crate::cache::tool_fingerprint()))
            .map(|stored| {
                stored
                    .blocks
                    .into_iter()
                    .map(|(key, lines)| (key, (Arc::new(lines), false)))
                    .collect()
            })
            .unwrap_or_default();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        Highlighter {
            cache: Mutex::new(blocks),
            // Reading the stored blocks is part of what highlighting costs.
            busy: AtomicU64::new(nanos),
            ..Highlighter::default()
        }
    }

    /// Stores the blocks this build used, if that changes what is stored.
    /// With `prune` false (a `serve` rebuild, which takes unchanged pages from
    /// memory without asking for their blocks), the unused blocks are kept.
    pub fn save(&self, cache_dir: &Path, prune: bool) -> std::io::Result<()> {
        let Ok(cache) = self.cache.lock() else {
            return Ok(());
        };
        let unused = prune && cache.values().any(|(_, used)| !used);
        if !self.missed.load(Ordering::Relaxed) && !unused {
            return Ok(());
        }
        let stored = Stored {
            tool: crate::cache::hex(crate::cache::tool_fingerprint()),
            blocks: cache
                .iter()
                .filter(|(_, (_, used))| *used || !prune)
                .map(|(key, (lines, _))| (key.clone(), lines.to_vec()))
                .collect(),
        };
        let bytes = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        crate::cache::write_atomic(&cache_dir.join(CACHE_FILE), &bytes)?;
        // A highlighter kept for the next build (`serve`) saves again only
        // when that build highlights something new.
        self.missed.store(false, Ordering::Relaxed);
        Ok(())
    }

    /// The lines of `code` in language `lang`, escaped and highlighted. An
    /// unknown language is shown as plain escaped text.
    pub fn lines(&self, lang: &str, code: &str) -> Lines {
        let lang = lang.to_ascii_lowercase();
        let mut h = Sha256::new();
        h.update(lang.as_bytes());
        h.update([0]);
        h.update(code.as_bytes());
        let key = crate::cache::hex(&h.finalize()[..16]);
        if let Ok(mut cache) = self.cache.lock()
            && let Some((lines, used)) = cache.get_mut(&key)
        {
            *used = true;
            return Arc::clone(lines);
        }
        let started = Instant::now();
        let html = self
            .syntax(&lang)
            .and_then(|syntax| {
                let mut generator =
                    ClassedHTMLGenerator::new_with_class_style(syntax, self.syntaxes(), STYLE);
                for line in LinesWithEndings::from(code) {
                    generator
                        .parse_html_for_line_which_includes_newline(line)
                        .ok()?;
                }
                Some(generator.finalize())
            })
            .unwrap_or_else(|| html_escape(code));
        let lines = Arc::new(split_lines(&html));
        self.missed.store(true, Ordering::Relaxed);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, (Arc::clone(&lines), true));
        }
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.busy.fetch_add(nanos, Ordering::Relaxed);
        lines
    }

    /// Time spent highlighting so far (loading the grammars included), summed
    /// over threads.
    pub fn busy(&self) -> Duration {
        Duration::from_nanos(self.busy.load(Ordering::Relaxed))
    }

    fn syntaxes(&self) -> &SyntaxSet {
        // Only ever called from `lines`, whose timing covers the loading.
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    fn syntax(&self, lang: &str) -> Option<&SyntaxReference> {
        let token = match lang {
            "" | "text" | "plain" | "plaintext" | "output" => return None,
            "sh" | "shell" | "console" | "shell-session" => "bash",
            "yml" => "yaml",
            "c++" => "cpp",
            other => other,
        };
        self.syntaxes().find_syntax_by_token(token)
    }
}

/// The colour schemes of highlighted code: GitHub Primer's syntax palette,
/// which keeps WCAG AA contrast on the theme's code background in both the
/// light and the dark scheme (the stock syntect themes do not).
pub fn stylesheet() -> String {
    const CSS: &str = r#"/* Syntax highlighting: colours by role, light and dark. */
:root {
  --hl-comment: #59636e; --hl-keyword: #cf222e; --hl-string: #0a3069; --hl-constant: #0550ae;
  --hl-function: #6639ba; --hl-type: #953800; --hl-variable: #953800; --hl-tag: #116329;
}
@media (prefers-color-scheme: dark) {
  html:not([data-theme="light"]) {
    --hl-comment: #9198a1; --hl-keyword: #ff7b72; --hl-string: #a5d6ff; --hl-constant: #79c0ff;
    --hl-function: #d2a8ff; --hl-type: #ffa657; --hl-variable: #ffa657; --hl-tag: #7ee787;
  }
}
html[data-theme="dark"] {
  --hl-comment: #9198a1; --hl-keyword: #ff7b72; --hl-string: #a5d6ff; --hl-constant: #79c0ff;
  --hl-function: #d2a8ff; --hl-type: #ffa657; --hl-variable: #ffa657; --hl-tag: #7ee787;
}
.hl-comment { color: var(--hl-comment); font-style: italic; }
.hl-keyword, .hl-storage { color: var(--hl-keyword); }
.hl-keyword.hl-operator, .hl-punctuation { color: inherit; }
.hl-string, .hl-markup.hl-inserted { color: var(--hl-string); }
.hl-constant, .hl-support.hl-constant { color: var(--hl-constant); }
.hl-entity.hl-name, .hl-support.hl-function, .hl-support.hl-macro { color: var(--hl-function); }
.hl-storage.hl-type, .hl-support.hl-type, .hl-entity.hl-name.hl-type, .hl-support.hl-class { color: var(--hl-type); }
.hl-variable.hl-parameter, .hl-variable.hl-language { color: var(--hl-variable); }
.hl-entity.hl-name.hl-tag, .hl-meta.hl-tag { color: var(--hl-tag); }
.hl-markup.hl-deleted, .hl-invalid { color: var(--hl-keyword); }
.hl-markup.hl-heading { color: var(--hl-constant); font-weight: 700; }
"#;
    CSS.to_string()
}

/// Splits highlighted HTML into lines, closing the spans still open at the end
/// of a line and opening them again on the next, so every line stands alone.
fn split_lines(html: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut has_text = false;
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with("<span")
            && let Some(end) = rest.find('>')
        {
            let (tag, after) = rest.split_at(end + 1);
            open.push(tag);
            current.push_str(tag);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("</span>") {
            open.pop();
            current.push_str("</span>");
            rest = after;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            if c == '\n' {
                current.extend(open.iter().map(|_| "</span>"));
                lines.push(std::mem::take(&mut current));
                current.extend(open.iter().copied());
                has_text = false;
            } else {
                current.push(c);
                has_text = true;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    // Text after the last newline (code that does not end with one).
    if has_text {
        current.extend(open.iter().map(|_| "</span>"));
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_is_highlighted_line_by_line_with_balanced_spans() {
        let h = Highlighter::default();
        let lines = h.lines("rust", "/* a\n   b */\nfn main() { let s = \"<x>\"; }\n");
        assert_eq!(lines.len(), 3, "{lines:?}");
        for line in lines.iter() {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
        // The comment spans two lines: the second line is still a comment.
        assert!(lines[1].contains("hl-comment"), "{}", lines[1]);
        assert!(
            lines[2].contains("hl-keyword") || lines[2].contains("hl-storage"),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains("&lt;x&gt;"));
    }

    #[test]
    fn every_language_of_the_guide_is_known() {
        let h = Highlighter::default();
        for lang in [
            "rust", "c", "cpp", "toml", "sh", "bash", "json", "yaml", "xml", "html", "diff",
        ] {
            assert!(h.syntax(lang).is_some(), "{lang}");
        }
        assert!(h.syntax("text").is_none());
        let plain = h.lines("text", "a < b\nc\n");
        assert_eq!(*plain, ["a &lt; b", "c"]);
    }

    #[test]
    fn stored_blocks_are_reused_without_loading_the_grammars() {
        let dir = tempfile::tempdir().unwrap();
        let first = Highlighter::load(dir.path());
        let lines = first.lines("rust", "fn main() {}\n");
        first.lines("c", "int unused;\n");
        first.save(dir.path(), true).unwrap();

        let second = Highlighter::load(dir.path());
        assert_eq!(second.lines("rust", "fn main() {}\n"), lines);
        assert!(second.syntaxes.get().is_none(), "a hit needs no grammar");
        // Saving keeps only what this build used, unless told to keep all.
        second.lines("toml", "a = 1\n");
        second.save(dir.path(), false).unwrap();
        assert_eq!(Highlighter::load(dir.path()).cache.lock().unwrap().len(), 3);
        second.save(dir.path(), true).unwrap();
        let third = Highlighter::load(dir.path());
        assert_eq!(third.cache.lock().unwrap().len(), 2);

        // A cache written by another interdoc build is ignored.
        let text = std::fs::read_to_string(dir.path().join(CACHE_FILE)).unwrap();
        let tool = crate::cache::hex(crate::cache::tool_fingerprint());
        std::fs::write(dir.path().join(CACHE_FILE), text.replace(&tool, "other")).unwrap();
        assert!(
            Highlighter::load(dir.path())
                .cache
                .lock()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn repeated_blocks_come_from_the_cache() {
        let h = Highlighter::default();
        let a = h.lines("c", "int x;\n");
        let b = h.lines("C", "int x;\n");
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn the_stylesheet_has_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-comment"));
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains("html[data-theme=\"dark\"]"));
    }
}
