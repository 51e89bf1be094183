//! Translation freshness: which translations are current, outdated, missing or
//! machine-assisted, measured against the source-language text.
//!
//! A translation records what it was translated from in its front matter:
//! `source_hash` is the first 12 hex digits of the SHA-256 of the source
//! topic's body (front matter excluded, line endings normalized to `\n`).

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::Site;
use crate::index::Index;
use crate::load::TopicId;
use crate::locale::LocaleId;

pub const HASH_KEY: &str = "source_hash";

/// The hash a translation of `body` should record.
pub fn source_hash(body: &str) -> String {
    let normalized = body.replace("\r\n", "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Translated from the current source.
    Current,
    /// The source changed since the translation was made.
    Outdated,
    /// The translation records no `source_hash`.
    NoRecord,
    /// There is no translation: readers see the source page.
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub state: State,
    /// `ms.translationtype: HT` or `MT`.
    pub machine_assisted: bool,
    /// `ms.sourcegitcommit`: the source commit a DocFX translation was made from.
    pub source_commit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocaleTotals {
    pub locale: String,
    pub current: usize,
    pub outdated: usize,
    pub no_record: usize,
    pub missing: usize,
    pub machine_assisted: usize,
    pub topics: usize,
}

impl LocaleTotals {
    pub fn percent(&self, n: usize) -> f64 {
        if self.topics == 0 {
            100.0
        } else {
            n as f64 * 100.0 / self.topics as f64
        }
    }
}

/// The state of every translation, for every topic that has a source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// Translated locales, in site order (the source locale is not listed).
    pub locales: Vec<String>,
    /// Topic -> one entry per translated locale.
    pub topics: BTreeMap<TopicId, Vec<Entry>>,
    pub totals: Vec<LocaleTotals>,
}

impl Status {
    /// The same status restricted to one locale (any case).
    pub fn only(mut self, locale: &str) -> Status {
        fn pick<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut i = 0;
            v.retain(|_| {
                i += 1;
                keep.get(i - 1).copied().unwrap_or(false)
            });
        }
        let keep: Vec<bool> = self
            .locales
            .iter()
            .map(|l| l.eq_ignore_ascii_case(locale))
            .collect();
        pick(&mut self.locales, &keep);
        pick(&mut self.totals, &keep);
        for entries in self.topics.values_mut() {
            pick(entries, &keep);
        }
        self
    }

    pub fn entry(&self, topic: &str, locale_index: usize) -> Option<&Entry> {
        self.topics.get(topic).and_then(|e| e.get(locale_index))
    }
}

pub fn compute(site: &Site, index: &Index) -> Status {
    let default = site.locales.default_id();
    let targets: Vec<LocaleId> = site.locales.ids().filter(|&l| l != default).collect();
    let mut status = Status {
        locales: targets
            .iter()
            .map(|&l| site.locales.get(l).code.clone())
            .collect(),
        ..Status::default()
    };
    for (topic, by_locale) in index.topics.iter() {
        let Some(src) = by_locale[default] else {
            continue;
        };
        let hash = index.sources[src].source_hash();
        let entries = targets
            .iter()
            .map(|&l| match by_locale[l] {
                None => Entry {
                    state: State::Missing,
                    machine_assisted: false,
                    source_commit: None,
                },
                Some(t) => {
                    let front = &index.sources[t].front;
                    let state = match front.source_hash.as_deref() {
                        None => State::NoRecord,
                        Some(h) if h.eq_ignore_ascii_case(hash) => State::Current,
                        Some(_) => State::Outdated,
                    };
                    Entry {
                        state,
                        machine_assisted: front.machine_assisted(),
                        source_commit: front.source_commit.clone(),
                    }
                }
            })
            .collect();
        status.topics.insert(topic.clone(), entries);
    }
    status.totals = status
        .locales
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let entries: Vec<&Entry> = status.topics.values().map(|e| &e[i]).collect();
            let count = |s: State| entries.iter().filter(|e| e.state == s).count();
            LocaleTotals {
                locale: code.clone(),
                current: count(State::Current),
                outdated: count(State::Outdated),
                no_record: count(State::NoRecord),
                missing: count(State::Missing),
                machine_assisted: entries
                    .iter()
                    .filter(|e| e.machine_assisted && e.state != State::Missing)
                    .count(),
                topics: entries.len(),
            }
        })
        .collect();
    status
}

/// The `interdoc status` table.
pub fn render_text(status: &Status) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let shown: Vec<usize> = (0..status.locales.len()).collect();
    for &i in &shown {
        let _ = writeln!(out, "{}", status.locales[i]);
        for (topic, entries) in &status.topics {
            let e = &entries[i];
            let state = match e.state {
                State::Current => "current",
                State::Outdated => "OUTDATED",
                State::NoRecord => "no-record",
                State::Missing => "MISSING",
            };
            let mt = if e.machine_assisted {
                " (machine-assisted)"
            } else {
                ""
            };
            let commit = e
                .source_commit
                .as_deref()
                .map(|c| format!(" (from source commit {})", &c[..c.len().min(12)]))
                .unwrap_or_default();
            let _ = writeln!(out, "  {state:<10} {topic}{mt}{commit}");
        }
    }
    let _ = writeln!(
        out,
        "\n{:<8} {:>7} {:>9} {:>9} {:>8} {:>9} {:>8}",
        "locale", "topics", "current", "outdated", "missing", "no-record", "machine"
    );
    for t in shown.iter().map(|&i| &status.totals[i]) {
        let _ = writeln!(
            out,
            "{:<8} {:>7} {:>8.0}% {:>9} {:>8} {:>9} {:>8}",
            t.locale,
            t.topics,
            t.percent(t.current),
            t.outdated,
            t.missing,
            t.no_record,
            t.machine_assisted
        );
    }
    out
}

/// Records the current source hash in a translation's front matter, changing
/// nothing else in the file: an existing `source_hash:` line gets the new
/// value, otherwise a line is added just before the closing `---`.
pub fn stamp(file: &Path, hash: &str) -> io::Result<bool> {
    let bytes = std::fs::read(file)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))?;
    let stamped = stamp_text(&text, hash);
    let changed = stamped != text;
    if changed {
        let tmp = file.with_extension("md.interdoc-tmp");
        std::fs::write(&tmp, &stamped)?;
        std::fs::rename(&tmp, file)?;
    }
    Ok(changed)
}

fn stamp_text(text: &str, hash: &str) -> String {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let eol = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("{HASH_KEY}: {hash}");
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_end() == "---";
    if lines.first().is_some_and(|l| is_fence(l)) {
        let close = lines
            .iter()
            .skip(1)
            .position(|l| is_fence(l) || l.trim_end() == "...")
            .map(|p| p + 1);
        if let Some(close) = close {
            let existing = (1..close).find(|&i| {
                lines[i].starts_with(HASH_KEY)
                    && lines[i][HASH_KEY.len()..].trim_start().starts_with(':')
            });
            let owned = format!("{line}{eol}");
            let mut out = String::from(bom);
            for (i, l) in lines.iter().enumerate() {
                if Some(i) == existing {
                    out.push_str(&owned);
                } else {
                    if i == close && existing.is_none() {
                        out.push_str(&owned);
                    }
                    out.push_str(l);
                }
            }
            return out;
        }
    }
    // No front matter (or an unterminated one): start one.
    format!("{bom}---{eol}{line}{eol}---{eol}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_line_endings() {
        assert_eq!(source_hash("a\r\nb\n"), source_hash("a\nb\n"));
        assert_ne!(source_hash("a\nb\n"), source_hash("a\nc\n"));
        assert_eq!(source_hash("x").len(), 12);
    }

    #[test]
    fn stamping_changes_only_the_hash_line() {
        let text =
            "---\n# keep this comment\ntitle: \"T\"   # and this\nzeta: 1\nalpha: 2\n---\nBody\n";
        let stamped = stamp_text(text, "0123456789ab");
        assert_eq!(
            stamped,
            "---\n# keep this comment\ntitle: \"T\"   # and this\nzeta: 1\nalpha: 2\nsource_hash: 0123456789ab\n---\nBody\n"
        );
        let again = stamp_text(&stamped, "ffffffffffff");
        assert_eq!(again, stamped.replace("0123456789ab", "ffffffffffff"));
        // CRLF files stay CRLF, BOM stays.
        let crlf = "\u{feff}---\r\ntitle: T\r\n---\r\nBody\r\n";
        assert_eq!(
            stamp_text(crlf, "aa"),
            "\u{feff}---\r\ntitle: T\r\nsource_hash: aa\r\n---\r\nBody\r\n"
        );
        assert_eq!(
            stamp_text("# No front matter\n", "bb"),
            "---\nsource_hash: bb\n---\n# No front matter\n"
        );
    }
}
