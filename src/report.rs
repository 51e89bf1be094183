//! The outcome of a build: diagnostics and page counts, rendered once.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::load::TopicId;

#[derive(Debug, Clone)]
pub struct LocaleSummary {
    pub code: String,
    /// Pages with their own translation.
    pub translated: usize,
    /// Topics shown from the source locale with the "not yet translated" banner.
    pub missing: Vec<TopicId>,
    /// Links in translated pages that lead to untranslated ones.
    pub fallback_links: usize,
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub locales: Vec<LocaleSummary>,
    pub strict: bool,
    /// Files in the output (pages, assets, generated files).
    pub files: usize,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// `interdoc check`: nothing was meant to be written.
    pub checked_only: bool,
    pub out: PathBuf,
}

impl BuildReport {
    pub(crate) fn failed_early(diagnostics: Vec<Diagnostic>, strict: bool) -> Self {
        BuildReport {
            diagnostics,
            locales: Vec::new(),
            strict,
            files: 0,
            written: false,
            checked_only: false,
            out: PathBuf::new(),
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Errors, or warnings under `--strict`.
    pub fn failed(&self) -> bool {
        self.errors() > 0 || (self.strict && self.warnings() > 0)
    }

    /// Every diagnostic, then the summary: what a terminal user reads.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let _ = writeln!(out, "{d}");
        }
        if !self.locales.is_empty() {
            let _ = writeln!(
                out,
                "{:<8} {:>6} {:>8} {:>15}",
                "locale", "pages", "missing", "fallback links"
            );
            for l in &self.locales {
                let pages = l.translated + l.missing.len();
                let _ = writeln!(
                    out,
                    "{:<8} {:>6} {:>8} {:>15}",
                    l.code,
                    pages,
                    l.missing.len(),
                    l.fallback_links
                );
            }
        }
        let (e, w) = (self.errors(), self.warnings());
        let verdict = if self.checked_only && !self.failed() {
            "check passed".to_string()
        } else if self.checked_only {
            "check failed".to_string()
        } else if self.written {
            format!("built {} files into {}", self.files, self.out.display())
        } else if self.failed() && self.strict && e == 0 {
            "build failed: warnings are errors under --strict; the previous output was left as it was".to_string()
        } else {
            "build failed; the previous output was left as it was".to_string()
        };
        let _ = writeln!(out, "{e} error(s), {w} warning(s): {verdict}");
        out
    }
}
