//! Syntax highlighting at build time (no script in the browser): syntect with
//! the extra grammars of two-face (TOML among them), as CSS classes, so the
//! light and dark colour schemes are plain stylesheets.

use crate::escape::html as html_escape;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlighted lines of a block, each a balanced HTML fragment.
pub type Lines = Arc<Vec<String>>;

pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// The same block often appears in every locale: highlight it once.
    cache: Mutex<HashMap<(String, u64), Lines>>,
    /// Nanoseconds spent highlighting (cache misses), over all threads.
    busy: AtomicU64,
}

impl Default for Highlighter {
    fn default() -> Self {
        // Loading the grammars is part of what highlighting costs.
        let started = Instant::now();
        let syntaxes = two_face::syntax::extra_newlines();
        Highlighter {
            syntaxes,
            cache: Mutex::new(HashMap::new()),
            busy: AtomicU64::new(u64::try_from(started.elapsed().as_nanos()).unwrap_or(0)),
        }
    }
}

impl Highlighter {
    /// The lines of `code` in language `lang`, escaped and highlighted. An
    /// unknown language is shown as plain escaped text.
    pub fn lines(&self, lang: &str, code: &str) -> Lines {
        let mut h = DefaultHasher::new();
        code.hash(&mut h);
        let key = (lang.to_ascii_lowercase(), h.finish());
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let started = Instant::now();
        let html = self
            .syntax(&key.0)
            .and_then(|syntax| {
                let mut generator =
                    ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, STYLE);
                for line in LinesWithEndings::from(code) {
                    generator
                        .parse_html_for_line_which_includes_newline(line)
                        .ok()?;
                }
                Some(generator.finalize())
            })
            .unwrap_or_else(|| html_escape(code));
        let lines = Arc::new(split_lines(&html));
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, Arc::clone(&lines));
        }
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.busy.fetch_add(nanos, Ordering::Relaxed);
        lines
    }

    /// Time spent highlighting so far, summed over threads.
    pub fn busy(&self) -> Duration {
        Duration::from_nanos(self.busy.load(Ordering::Relaxed))
    }

    fn syntax(&self, lang: &str) -> Option<&SyntaxReference> {
        let token = match lang {
            "" | "text" | "plain" | "plaintext" | "output" => return None,
            "sh" | "shell" | "console" | "shell-session" => "bash",
            "yml" => "yaml",
            "c++" => "cpp",
            other => other,
        };
        self.syntaxes.find_syntax_by_token(token)
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
