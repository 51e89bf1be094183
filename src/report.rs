//! The outcome of a build: diagnostics and page counts, rendered once.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::load::TopicId;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LocaleSummary {
    pub code: String,
    /// Pages with their own translation.
    pub translated: usize,
    /// Topics shown from the source locale with the "not yet translated" banner.
    pub missing: Vec<TopicId>,
    /// Links in translated pages that lead to untranslated ones.
    pub fallback_links: usize,
    /// Translations whose source changed since they were made.
    pub outdated: usize,
}

/// What happened to the samples in this build.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SampleSummary {
    /// Samples the site refers to.
    pub total: usize,
    /// Verified (or built, for libraries) in this build or reused from the cache.
    pub ok: usize,
    /// Results taken from the cache without running anything.
    pub reused: usize,
    pub failed: usize,
    /// How many times cargo was started.
    pub cargo_runs: usize,
    pub skipped: bool,
}

impl SampleSummary {
    pub fn of(samples: &crate::samples::Samples) -> Self {
        use crate::samples::Status;
        let results = samples.results.values();
        SampleSummary {
            total: samples.results.len(),
            ok: results
                .clone()
                .filter(|r| matches!(r.status, Status::Verified | Status::Built))
                .count(),
            reused: results.clone().filter(|r| r.reused).count(),
            failed: results.filter(|r| r.status == Status::Failed).count(),
            cargo_runs: samples.cargo_runs,
            skipped: samples.skipped,
        }
    }
}

/// Where a build's time went, for `build --timings`.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Wall time of each stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Time spent highlighting code, summed over the threads that rendered
    /// (part of the render stage).
    pub highlighting: Duration,
    current: Option<(&'static str, Instant)>,
}

impl Timings {
    /// Ends the running stage, if any, and starts `stage`.
    pub fn start(&mut self, stage: &'static str) {
        self.stop();
        self.current = Some((stage, Instant::now()));
    }

    /// Ends the running stage. A stage that runs in several parts (the write,
    /// before and after the search index) adds up to one line.
    pub fn stop(&mut self) {
        if let Some((name, since)) = self.current.take() {
            match self.stages.iter_mut().find(|(n, _)| *n == name) {
                Some((_, d)) => *d += since.elapsed(),
                None => self.stages.push((name, since.elapsed())),
            }
        }
    }

    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }

    pub fn render(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let total = self.total();
        let share = |d: Duration| {
            if total.is_zero() {
                0.0
            } else {
                100.0 * d.as_secs_f64() / total.as_secs_f64()
            }
        };
        let mut out = String::from("timings (wall clock):\n");
        for (name, d) in &self.stages {
            let _ = writeln!(out, "  {name:<12} {:>9.1} ms {:>5.1}%", ms(*d), share(*d));
        }
        let _ = writeln!(out, "  {:<12} {:>9.1} ms", "total", ms(total));
        let _ = writeln!(
            out,
            "  highlighting {:>9.1} ms of thread time, inside render",
            ms(self.highlighting)
        );
        out
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub locales: Vec<LocaleSummary>,
    pub samples: SampleSummary,
    pub strict: bool,
    /// Files in the output (pages, assets, generated files).
    pub files: usize,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// Nothing changed since the last build, whose report this is
    /// (see [`crate::fresh`]); its output stands.
    pub unchanged: bool,
    /// `interdoc check`: nothing was meant to be written.
    pub checked_only: bool,
    pub out: PathBuf,
    pub timings: Timings,
}

impl BuildReport {
    pub(crate) fn failed_early(diagnostics: Vec<Diagnostic>, strict: bool) -> Self {
        BuildReport {
            diagnostics,
            locales: Vec::new(),
            samples: SampleSummary::default(),
            strict,
            files: 0,
            written: false,
            unchanged: false,
            checked_only: false,
            out: PathBuf::new(),
            timings: Timings::default(),
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Warnings that `--strict` does not count (see
    /// the `exempt_from_strict` field of [`Diagnostic`]).
    pub fn exempt_warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| !d.fails_strict())
            .count()
    }

    /// Errors, or warnings under `--strict` (those it counts).
    pub fn failed(&self) -> bool {
        self.errors() > 0 || (self.strict && self.warnings() > self.exempt_warnings())
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
                "{:<8} {:>6} {:>8} {:>9} {:>15}",
                "locale", "pages", "missing", "outdated", "fallback links"
            );
            for l in &self.locales {
                let pages = l.translated + l.missing.len();
                let _ = writeln!(
                    out,
                    "{:<8} {:>6} {:>8} {:>9} {:>15}",
                    l.code,
                    pages,
                    l.missing.len(),
                    l.outdated,
                    l.fallback_links
                );
            }
        }
        let sm = &self.samples;
        if sm.skipped && sm.total > 0 {
            let _ = writeln!(out, "samples: {} not verified (--skip-samples)", sm.total);
        } else if sm.total > 0 {
            let _ = writeln!(
                out,
                "samples: {} ok, {} failed, {} reused from the cache; cargo ran {} time(s)",
                sm.ok, sm.failed, sm.reused, sm.cargo_runs
            );
        }
        let (e, w) = (self.errors(), self.warnings());
        let verdict = if self.checked_only && !self.failed() {
            "check passed".to_string()
        } else if self.checked_only {
            "check failed".to_string()
        } else if self.written && self.failed() {
            format!(
                "build failed; with --keep-going its {} files were written into {} anyway",
                self.files,
                self.out.display()
            )
        } else if self.written {
            format!("built {} files into {}", self.files, self.out.display())
        } else if self.unchanged {
            format!(
                "nothing changed since the last build: its {} files in {} stand",
                self.files,
                self.out.display()
            )
        } else if self.failed() && self.strict && e == 0 {
            "build failed: warnings are errors under --strict; the previous output was left as it was".to_string()
        } else {
            "build failed; the previous output was left as it was".to_string()
        };
        // Under --strict, say why warnings that were shown did not fail it.
        let exempt = match self.exempt_warnings() {
            n if self.strict && n > 0 => format!(" ({n} not counted by --strict)"),
            _ => String::new(),
        };
        let _ = writeln!(out, "{e} error(s), {w} warning(s){exempt}: {verdict}");
        out
    }
}

/// `interdoc samples`: one row per sample.
pub fn samples_table(samples: &crate::samples::Samples) -> String {
    use crate::samples::Status;
    let mut out = format!(
        "{:<24} {:<9} {:>8}  {}\n",
        "sample", "status", "time", "referenced by"
    );
    for (name, r) in &samples.results {
        let status = match (&r.status, r.reused) {
            (Status::Verified, false) => "verified",
            (Status::Verified, true) => "cached",
            (Status::Built, _) => "built",
            (Status::Failed, _) => "FAILED",
            (Status::Skipped, _) => "skipped",
        };
        let time = if r.reused {
            "-".to_string()
        } else {
            format!("{} ms", r.millis)
        };
        let by: Vec<String> = samples
            .referenced_by
            .get(name)
            .map(|t| t.iter().map(|p| p.display().to_string()).collect())
            .unwrap_or_default();
        let by = if by.is_empty() {
            "-".to_string()
        } else {
            by.join(", ")
        };
        let _ = writeln!(out, "{name:<24} {status:<9} {time:>8}  {by}");
    }
    if let Some(v) = &samples.rustc {
        let _ = writeln!(out, "rustc {v}; cargo ran {} time(s)", samples.cargo_runs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_ignores_exempt_warnings() {
        let exempt = Diagnostic::warning("a.md", "unknown xref").exempt_from_strict(true);
        let mut report = BuildReport::failed_early(vec![exempt.clone()], true);
        report.written = true;
        assert!(!report.failed());
        assert_eq!((report.warnings(), report.exempt_warnings()), (1, 1));
        assert!(
            report.render().ends_with(
                "0 error(s), 1 warning(s) (1 not counted by --strict): built 0 files into \n"
            ),
            "{}",
            report.render()
        );
        // Rendered like any other warning.
        assert_eq!(exempt.to_string(), "warning: a.md: unknown xref");
        report
            .diagnostics
            .push(Diagnostic::warning("b.md", "counted"));
        assert!(report.failed());
        report.strict = false;
        assert!(!report.failed());
        report.diagnostics = vec![Diagnostic::error("c.md", "e").exempt_from_strict(true)];
        assert!(report.failed(), "errors always fail");
    }
}
