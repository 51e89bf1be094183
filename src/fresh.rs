//! A build with nothing to do. Like cargo's fingerprints: the stamps (length,
//! modification time, inode) of every file under the site root, the build's
//! options and the interdoc build itself make a key. When a build succeeds,
//! its report is kept under that key; the next build with the same key, and
//! an output folder still as that build left it (every file with the stamp
//! the write manifest recorded, and no other), prints the kept report instead
//! of building the same site again.
//!
//! Anything uncertain means a full build: a file changed within the last two
//! seconds (its stamp could change again without a visible difference), a
//! folder reached through a symbolic link, an unreadable entry, a missing or
//! garbled record. The samples' results depend on the toolchain too, which
//! no file of the site shows: with a samples workspace, `rustc -V` is in the
//! key (a new toolchain runs the samples again, as the samples cache does).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::report::{BuildReport, LocaleSummary, SampleSummary};
use crate::stamp::Stamp;
use crate::write::Manifest;

const HEADER: &str = "interdoc-fresh-v1";

/// What a build reads, as one key.
pub struct Inputs {
    key: String,
    /// `.interdoc-cache/fresh`.
    record: PathBuf,
    out: PathBuf,
}

/// The part of a report that a fresh build prints again.
#[derive(Serialize, Deserialize)]
struct Kept {
    header: String,
    key: String,
    diagnostics: Vec<Diagnostic>,
    locales: Vec<LocaleSummary>,
    samples: SampleSummary,
    files: usize,
}

impl Inputs {
    /// The key of the site at `root` built into `out` with `options` (the
    /// options that change what is written or reported), or None when some
    /// input cannot be known by its stamp.
    pub fn of(root: &Path, out: &Path, options: &str) -> Option<Inputs> {
        let cache = root.join(crate::cache::DIR);
        // Entries beside the output folder that the write makes and removes
        // (`.public.tmp-<pid>`, ...).
        let out_name = out.file_name()?.to_string_lossy().into_owned();
        let staging = format!(".{out_name}.");
        let out_parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
        let skipped = |path: &Path, name: &str| {
            path == out
                || path == cache
                || matches!(name, ".git" | "target" | "node_modules")
                || (name.starts_with(&staging) && path.parent() == Some(&out_parent))
        };
        let mut files: Vec<(String, Stamp)> = Vec::new();
        let walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| !skipped(e.path(), &e.file_name().to_string_lossy()));
        for entry in walk {
            let entry = entry.ok()?;
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if kind.is_symlink() && entry.path().is_dir() {
                return None;
            }
            // Stamp::of follows a link to its target, as the build reads it.
            let stamp = Stamp::of(entry.path()).filter(Stamp::settled)?;
            let relative = entry.path().strip_prefix(root).ok()?;
            files.push((relative.to_string_lossy().into_owned(), stamp));
        }
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut h = blake3::Hasher::new();
        h.update(HEADER.as_bytes());
        h.update(crate::cache::tool_fingerprint());
        h.update(options.as_bytes());
        h.update(out.to_string_lossy().as_bytes());
        let samples = root.join(crate::samples::SAMPLES_DIR);
        if samples.join("Cargo.toml").is_file() {
            h.update(crate::samples::rustc_version(&samples)?.as_bytes());
        }
        for (path, s) in &files {
            h.update(path.as_bytes());
            h.update(&[0]);
            h.update(&s.len.to_le_bytes());
            h.update(&s.mtime_ns.to_le_bytes());
            h.update(&s.ino.to_le_bytes());
        }
        Some(Inputs {
            key: crate::cache::hex(h.finalize().as_bytes()),
            record: cache.join("fresh"),
            out: out.to_path_buf(),
        })
    }

    /// The last build's report, when it was built from these inputs and its
    /// output is untouched.
    pub fn last_build(&self, manifest: &Path, strict: bool) -> Option<BuildReport> {
        let kept: Kept = serde_json::from_slice(&std::fs::read(&self.record).ok()?).ok()?;
        if kept.header != HEADER || kept.key != self.key {
            return None;
        }
        let written = Manifest::read(manifest, &self.out);
        if written.files.is_empty() || !self.output_is(&written) {
            return None;
        }
        Some(BuildReport {
            diagnostics: kept.diagnostics,
            locales: kept.locales,
            samples: kept.samples,
            strict,
            files: kept.files,
            written: false,
            unchanged: true,
            checked_only: false,
            out: self.out.clone(),
            timings: Default::default(),
        })
    }

    /// Whether the output folder holds the files of `written`, each with its
    /// recorded stamp, and nothing else.
    fn output_is(&self, written: &Manifest) -> bool {
        let mut seen = 0usize;
        for entry in walkdir::WalkDir::new(&self.out) {
            let Ok(entry) = entry else {
                return false;
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(&self.out) else {
                return false;
            };
            let relative = relative.to_string_lossy();
            let Some((stamp, _)) = written.files.get(relative.as_ref()) else {
                return false;
            };
            if Stamp::of(entry.path()).as_ref() != Some(stamp) {
                return false;
            }
            seen += 1;
        }
        seen == written.files.len()
    }

    /// Forgets the kept report: a build is under way, and until it succeeds
    /// the output folder may not be what the report describes.
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.record);
    }

    /// Keeps the report of a build that succeeded and wrote the output.
    pub fn keep(&self, report: &BuildReport) -> std::io::Result<()> {
        let kept = Kept {
            header: HEADER.to_string(),
            key: self.key.clone(),
            diagnostics: report.diagnostics.clone(),
            locales: report.locales.clone(),
            samples: report.samples.clone(),
            files: report.files,
        };
        let bytes = serde_json::to_vec(&kept).map_err(std::io::Error::other)?;
        crate::cache::write_atomic(&self.record, &bytes)
    }
}
