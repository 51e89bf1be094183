//! Stage 2: walk `content/<locale>/`, read every topic, split and parse its front matter.

pub mod frontmatter;
pub mod includes;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::{Diagnostic, LineIndex, Position};
use crate::locale::LocaleId;
use crate::stamp::Stamp;
pub use frontmatter::{Date, FrontMatter};

/// A topic's locale-independent identity: its path inside the locale folder,
/// with `/` separators (`interop/marshaling.md`).
pub type TopicId = String;

/// One Markdown file.
#[derive(Debug, Clone)]
pub struct Source {
    pub topic: TopicId,
    pub locale: LocaleId,
    /// Relative to the site root, for diagnostics (`content/fr/a.md`).
    pub file: PathBuf,
    /// The whole file, BOM removed and line endings normalized to `\n`.
    /// Shared: a `serve` rebuild takes an unchanged file's source as it was.
    pub text: Arc<str>,
    pub body_start: usize,
    pub front: FrontMatter,
    /// Byte range of the YAML text, for locating keys.
    yaml: (usize, usize),
    lines: LineIndex,
    /// Where `[!INCLUDE` directives were expanded into `text`.
    splices: Vec<includes::Splice>,
    /// The file as written, when includes were expanded (positions are
    /// counted in it).
    original: Option<Arc<str>>,
    /// What a translation of this file records as its source hash, worked
    /// out once per version of the file (`serve` keeps the source).
    hash: std::sync::OnceLock<String>,
    /// Whether the body has `[!INCLUDE` directives, likewise.
    has_includes: std::sync::OnceLock<bool>,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The body as written in the file, includes not expanded: what a
    /// translation is made from.
    pub fn written_body(&self) -> &str {
        let text = self.original.as_deref().unwrap_or(&self.text);
        text.get(self.body_start..).unwrap_or_default()
    }

    /// The hash a translation of this file records (see [`crate::status`]).
    pub fn source_hash(&self) -> &str {
        self.hash
            .get_or_init(|| crate::status::source_hash(self.written_body()))
    }

    fn has_includes(&self) -> bool {
        *self
            .has_includes
            .get_or_init(|| includes::has_directive(self.body()))
    }

    /// Position of a byte offset inside the body.
    pub fn body_position(&self, offset: usize) -> Position {
        let at = includes::original_offset(&self.splices, self.body_start + offset);
        let text = self.original.as_deref().unwrap_or(&self.text);
        self.lines.position(text, at)
    }

    /// Position of a front matter key, for diagnostics about its value.
    pub fn key_position(&self, key: &str) -> Position {
        let yaml = &self.text[self.yaml.0..self.yaml.1];
        let line = self.lines.position(&self.text, self.yaml.0).line;
        frontmatter::key_position(yaml, line, key)
    }
}

/// A non-Markdown file under `content/<locale>/` (images, downloads): copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub locale: LocaleId,
    /// Path inside the locale folder, `/`-separated.
    pub path: String,
    pub abs: PathBuf,
}

/// A locale's table of contents (`content/<locale>/toc.yml`), unparsed.
#[derive(Debug, Clone, PartialEq)]
pub struct TocFile {
    pub locale: LocaleId,
    /// Relative to the site root, for diagnostics.
    pub file: PathBuf,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Shared: a `serve` rebuild takes an unchanged file's source as it was.
    pub sources: Vec<Arc<Source>>,
    /// Include files (Markdown under an `includes` folder), already
    /// expanded into the topics that use them.
    pub includes: Vec<Source>,
    pub assets: Vec<Asset>,
    pub tocs: Vec<TocFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Topics read by earlier builds of a `serve` session: a rebuild reads again
/// only the files whose length, modification time or inode changed.
#[derive(Default)]
pub struct Memo {
    read: RwLock<HashMap<PathBuf, (Stamp, Arc<Read>)>>,
    walk: Mutex<Walk>,
    /// The last build's files in the order of its walk: while the walk
    /// stands and `serve` names the files that changed, the others are taken
    /// by their place, without a lookup by path.
    last: crate::memo::Previous<(Arc<Listing>, Vec<Read>)>,
}

/// The last walk of the content folder, and the files `serve` was told of
/// since: when they are all topics the walk found, and still there, the walk
/// stands and only they are looked at again.
#[derive(Default)]
struct Walk {
    listing: Option<Arc<Listing>>,
    /// `None`: not known (the first build, or after `clear`).
    changed: Option<HashSet<PathBuf>>,
}

/// What a walk of the content folder finds.
#[derive(Default)]
struct Listing {
    files: Vec<(LocaleId, PathBuf)>,
    /// Each topic's place in `files`.
    topics: HashMap<PathBuf, usize>,
    assets: Vec<Asset>,
    tocs: Vec<TocFile>,
    diagnostics: Vec<Diagnostic>,
}

type Read = (Option<Arc<Source>>, Vec<Diagnostic>);

impl Memo {
    /// Forgets every file (the configuration, and so the locales, changed).
    pub fn clear(&self) {
        if let Ok(mut read) = self.read.write() {
            read.clear();
        }
        if let Ok(mut walk) = self.walk.lock() {
            *walk = Walk::default();
        }
        self.last.clear();
    }

    /// `serve`: these files (absolute) changed since the last build. They
    /// add up until a build reads them.
    pub fn changed(&self, files: impl IntoIterator<Item = PathBuf>) {
        if let Ok(mut walk) = self.walk.lock() {
            walk.changed.get_or_insert_with(HashSet::new).extend(files);
        }
    }

    /// The walk to reuse, if the files changed since it are all topics it
    /// found and still there, and those files. Changes are counted anew from
    /// this build: a caller that does not report them gets every file checked.
    fn begin(&self, content: &Path) -> (Option<Arc<Listing>>, Option<HashSet<PathBuf>>) {
        let Ok(mut walk) = self.walk.lock() else {
            return (None, None);
        };
        let changed = walk.changed.take();
        let listing = match (&walk.listing, &changed) {
            (Some(listing), Some(changed))
                if changed
                    .iter()
                    .filter(|p| p.starts_with(content))
                    .all(|p| listing.topics.contains_key(p) && p.is_file()) =>
            {
                Some(Arc::clone(listing))
            }
            _ => None,
        };
        // The changed files are trusted only with a walk that stands: after a
        // file is added or removed, or the watcher lost count, every file is
        // checked.
        let changed = listing.as_ref().and(changed);
        (listing, changed)
    }

    fn remember(&self, listing: Arc<Listing>) {
        if let Ok(mut walk) = self.walk.lock() {
            walk.listing = Some(listing);
        }
    }

    /// The file as last read, without looking at it: `serve` was told of
    /// every change since.
    fn known(&self, abs: &Path) -> Option<Read> {
        let map = self.read.read().ok()?;
        map.get(abs).map(|(_, value)| (**value).clone())
    }

    fn read(&self, abs: &Path, read: impl FnOnce() -> Read) -> Read {
        self.read_if(abs, true, read)
    }

    /// Reads a file reported changed, whatever its stamp says.
    fn reread(&self, abs: &Path, read: impl FnOnce() -> Read) -> Read {
        self.read_if(abs, false, read)
    }

    fn read_if(&self, abs: &Path, reuse: bool, read: impl FnOnce() -> Read) -> Read {
        let Some(stamp) = Stamp::of(abs) else {
            return read();
        };
        let known = reuse
            .then(|| self.read.read().ok())
            .flatten()
            .and_then(|map| {
                map.get(abs)
                    .filter(|(old, _)| *old == stamp)
                    .map(|(_, value)| Arc::clone(value))
            });
        if let Some(value) = known {
            return (*value).clone();
        }
        let value = read();
        if stamp.settled()
            && let Ok(mut map) = self.read.write()
        {
            map.insert(abs.to_path_buf(), (stamp, Arc::new(value.clone())));
        }
        value
    }
}

/// Walks the content folder: its locale folders, and in each the topics,
/// assets and tables of contents.
fn walk(site: &Site) -> Listing {
    let content = site.content_dir();
    let mut out = Listing::default();
    let mut seen: Vec<Option<String>> = vec![None; site.locales.all().len()];

    let mut entries: Vec<_> = match std::fs::read_dir(&content) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                "content",
                format!("cannot read the content folder: {e}"),
            ));
            return out;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = Path::new("content").join(&name);
        if name.starts_with('.') {
            continue;
        }
        if !entry.path().is_dir() {
            out.diagnostics.push(
                Diagnostic::warning(&rel, "file outside any locale folder; ignored")
                    .hint("topics live in content/<locale>/, e.g. content/en/"),
            );
            continue;
        }
        let Some(id) = site.locales.resolve(&name) else {
            let known: Vec<_> = site.locales.all().iter().map(|l| l.code.as_str()).collect();
            out.diagnostics.push(
                Diagnostic::error(&rel, format!("`{name}` is not one of the site's locales"))
                    .hint(format!(
                        "rename the folder to one of {} or add the locale to `locales` in site.toml",
                        known.join(", ")
                    )),
            );
            continue;
        };
        if let Some(first) = &seen[id] {
            out.diagnostics.push(
                Diagnostic::error(
                    &rel,
                    format!("folder `{name}` is the same locale as `{first}`"),
                )
                .hint("merge the two folders into one"),
            );
            continue;
        }
        seen[id] = Some(name.clone());
        walk_locale(site, id, &entry.path(), &mut out);
    }
    out.topics = out
        .files
        .iter()
        .enumerate()
        .map(|(i, (_, f))| (f.clone(), i))
        .collect();
    out
}

/// Reads the whole content tree. Never fails as a whole: every problem becomes a
/// diagnostic and the remaining files are still read. `memo` (in `serve`)
/// keeps the files of earlier builds.
pub fn load(site: &Site, memo: Option<&Memo>) -> Loaded {
    let content = site.content_dir();
    let (previous, changed) = match memo {
        Some(memo) => memo.begin(&content),
        None => (None, None),
    };
    let listing = match previous {
        Some(listing) => listing,
        None => {
            let listing = Arc::new(walk(site));
            if let Some(memo) = memo {
                memo.remember(Arc::clone(&listing));
            }
            listing
        }
    };
    let mut out = Loaded {
        assets: listing.assets.clone(),
        tocs: listing.tocs.clone(),
        diagnostics: listing.diagnostics.clone(),
        ..Loaded::default()
    };
    let files = &listing.files;
    // Told of every change since the last build, with its walk standing:
    // the other files are as that build read them, in the same places.
    let last = memo
        .and_then(|m| m.last.take())
        .filter(|(walked, _)| changed.is_some() && Arc::ptr_eq(walked, &listing));
    let results: Vec<Read> = match (memo, last) {
        (Some(memo), Some((_, mut results))) => {
            for abs in changed.iter().flatten() {
                if let Some(&i) = listing.topics.get(abs) {
                    let locale = files[i].0;
                    results[i] = memo.reread(abs, || read_shared(site, locale, abs));
                }
            }
            results
        }
        _ => files
            .par_iter()
            .map(|(locale, abs)| match memo {
                Some(memo) => {
                    let read = || read_shared(site, *locale, abs);
                    match changed.as_ref().map(|c| c.contains(abs)) {
                        // Told of every change: the others are as last read.
                        Some(true) => memo.reread(abs, read),
                        Some(false) => memo.known(abs).unwrap_or_else(|| memo.read(abs, read)),
                        None => memo.read(abs, read),
                    }
                }
                None => read_shared(site, *locale, abs),
            })
            .collect(),
    };
    if let Some(memo) = memo {
        memo.last.keep((Arc::clone(&listing), results.clone()));
    }
    for (source, diags) in results {
        out.diagnostics.extend(diags);
        if let Some(source) = source {
            if includes::is_include(&source.topic) {
                out.includes.push(Arc::unwrap_or_clone(source));
            } else {
                out.sources.push(source);
            }
        }
    }
    let known = includes::Includes::new(&out.includes, site.locales.default_id());
    let problems: Vec<Vec<Diagnostic>> = out
        .sources
        .par_iter_mut()
        .map(|source| match source.has_includes() {
            // Only a topic with includes is copied to be expanded.
            true => includes::expand(Arc::make_mut(source), &known),
            false => Vec::new(),
        })
        .collect();
    out.diagnostics.extend(problems.into_iter().flatten());
    out
}

fn walk_locale(site: &Site, locale: LocaleId, dir: &Path, out: &mut Listing) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(site, p))
                    .unwrap_or_else(|| relative(site, dir));
                out.diagnostics.push(Diagnostic::error(
                    path,
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    ),
                ));
                continue;
            }
        };
        let path = entry.path();
        let rel = relative(site, path);
        let is_file = if entry.path_is_symlink() {
            match symlink_target_inside(site, path) {
                Ok(meta_is_file) => meta_is_file,
                Err(why) => {
                    out.diagnostics.push(
                        Diagnostic::error(&rel, why)
                            .hint("symbolic links must point to a file inside the site"),
                    );
                    continue;
                }
            }
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        let Some(inner) = path.strip_prefix(dir).ok().and_then(slash_path) else {
            out.diagnostics.push(
                Diagnostic::error(&rel, "file name is not valid UTF-8; skipped")
                    .hint("rename the file"),
            );
            continue;
        };
        let name = inner.rsplit('/').next().unwrap_or(&inner);
        let is_toc = name == "toc.yml" || name == "toc.md";
        if is_toc && inner != name {
            out.diagnostics.push(
                Diagnostic::warning(
                    &rel,
                    "a table of contents in a subfolder is not read; skipped",
                )
                .hint(format!(
                    "list its entries in content/{}/{name}, under the folder's entry",
                    site.locales.get(locale).code
                )),
            );
        } else if inner.ends_with(".md") && !is_toc {
            out.files.push((locale, path.to_path_buf()));
        } else if name == "index.yml" {
            out.diagnostics.push(
                Diagnostic::warning(&rel, "YAML landing pages are not supported; skipped")
                    .hint("write the landing page as index.md"),
            );
        } else if is_toc {
            match std::fs::read(path).map(String::from_utf8) {
                Ok(Ok(text)) => out.tocs.push(TocFile {
                    locale,
                    file: rel,
                    text: text.replace("\r\n", "\n"),
                }),
                Ok(Err(_)) => out.diagnostics.push(
                    Diagnostic::error(&rel, "file is not valid UTF-8")
                        .hint("save the file as UTF-8"),
                ),
                Err(e) => out
                    .diagnostics
                    .push(Diagnostic::error(&rel, format!("cannot read: {e}"))),
            }
        } else {
            out.assets.push(Asset {
                locale,
                path: inner,
                abs: path.to_path_buf(),
            });
        }
    }
}

/// Symlinked files are followed only when they stay inside the site root; a
/// directory symlink is never followed (no loops, nothing outside is read).
fn symlink_target_inside(site: &Site, path: &Path) -> Result<bool, String> {
    let target = std::fs::canonicalize(path).map_err(|e| format!("broken symbolic link: {e}"))?;
    let root = std::fs::canonicalize(&site.root)
        .map_err(|e| format!("cannot resolve the site root: {e}"))?;
    if !target.starts_with(&root) {
        return Err("symbolic link points outside the site; not read".to_string());
    }
    Ok(target.is_file())
}

fn read_shared(site: &Site, locale: LocaleId, abs: &Path) -> Read {
    let (source, diags) = read_topic(site, locale, abs);
    (source.map(Arc::new), diags)
}

fn read_topic(site: &Site, locale: LocaleId, abs: &Path) -> (Option<Source>, Vec<Diagnostic>) {
    let file = relative(site, abs);
    let bytes = match std::fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(&file, format!("cannot read: {e}"))],
            );
        }
    };
    let topic = abs
        .strip_prefix(site.content_dir())
        .ok()
        .and_then(|p| {
            let mut comps = p.components();
            comps.next();
            slash_path(comps.as_path())
        })
        .unwrap_or_default();
    source_from_bytes(topic, locale, file, &bytes)
}

/// A topic from its bytes: decoding, front matter, positions. Used for every
/// file read from disk (and by the fuzz targets, without a disk).
pub fn source_from_bytes(
    topic: TopicId,
    locale: LocaleId,
    file: PathBuf,
    bytes: &[u8],
) -> (Option<Source>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(pos) => {
            diags.push(
                Diagnostic::error(&file, "file is not valid UTF-8")
                    .at_pos(pos)
                    .hint("save the file as UTF-8"),
            );
            return (None, diags);
        }
    };
    let lines = LineIndex::new(&text);
    let (front, yaml, body_start) = match frontmatter::split(&text) {
        Ok(None) => (FrontMatter::default(), (0, 0), 0),
        Ok(Some(split)) => {
            let yaml_text = &text[split.yaml.0..split.yaml.1];
            let fm = frontmatter::parse(yaml_text, 2, &mut diags, &file);
            (fm, split.yaml, split.body_start)
        }
        Err(frontmatter::Unterminated) => {
            diags.push(
                Diagnostic::error(&file, "front matter is not closed")
                    .at(1, 1)
                    .hint("end the metadata with a line containing only `---`"),
            );
            (FrontMatter::default(), (0, 0), 0)
        }
    };
    let source = Source {
        topic,
        locale,
        file,
        text: text.into(),
        body_start,
        front,
        yaml,
        lines,
        splices: Vec::new(),
        original: None,
        hash: std::sync::OnceLock::new(),
        has_includes: std::sync::OnceLock::new(),
    };
    (Some(source), diags)
}

/// UTF-8 text with the BOM removed, CRLF/CR line ends turned into LF and NUL
/// replaced. Line numbers are unchanged by this, so diagnostics still match the file.
fn decode(bytes: &[u8]) -> Result<String, Position> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        LineIndex::new(prefix).position(prefix, prefix.len())
    })?;
    let mut text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    // CommonMark: U+0000 is replaced for security. Columns count characters,
    // so positions stay right.
    if text.contains('\0') {
        text = text.replace('\0', "\u{fffd}");
    }
    Ok(text)
}

/// `a/b/c.md` from a relative path; `None` if a component is not UTF-8.
fn slash_path(p: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = p.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

pub fn relative(site: &Site, path: &Path) -> PathBuf {
    path.strip_prefix(&site.root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_normalizes_and_locates_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
        assert_eq!(decode(b"a\0b").unwrap(), "a\u{fffd}b");
        let pos = decode(b"line one\nab\xFFcd").unwrap_err();
        assert_eq!(pos, Position { line: 2, column: 3 });
    }

    fn bodies(site: &Site, memo: &Memo) -> Vec<String> {
        load(site, Some(memo))
            .sources
            .iter()
            .map(|s| s.body().to_string())
            .collect()
    }

    #[test]
    fn the_memo_rereads_changed_files_and_never_trusts_a_fresh_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("content/en/a.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let site = Site::load(dir.path(), &crate::config::Overrides::default()).unwrap();
        let memo = Memo::default();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let write = |text: &str, modified: Option<std::time::SystemTime>| {
            std::fs::write(&file, text).unwrap();
            if let Some(t) = modified {
                std::fs::File::options()
                    .write(true)
                    .open(&file)
                    .unwrap()
                    .set_modified(t)
                    .unwrap();
            }
        };

        write("one\n", Some(long_ago));
        assert_eq!(bodies(&site, &memo), ["one\n"]);
        // Same length, a newer time: read again.
        write("two\n", Some(long_ago + std::time::Duration::from_secs(1)));
        assert_eq!(bodies(&site, &memo), ["two\n"]);
        // Written just now: two saves can share a time stamp and a length,
        // so a file this young is read on every build.
        write("3333\n", None);
        assert_eq!(bodies(&site, &memo), ["3333\n"]);
        write("4444\n", None);
        assert_eq!(bodies(&site, &memo), ["4444\n"]);
        // Settled and unchanged: taken from the memo (the time stamp is put
        // back, so only the memo can give the old text).
        write("five\n", Some(long_ago));
        assert_eq!(bodies(&site, &memo), ["five\n"]);
        write("FIVE\n", Some(long_ago));
        assert_eq!(bodies(&site, &memo), ["five\n"]);
        memo.clear();
        assert_eq!(bodies(&site, &memo), ["FIVE\n"]);
    }

    #[test]
    fn told_of_its_changes_the_memo_reads_those_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let a = root.join("content/en/a.md");
        let b = root.join("content/en/b.md");
        std::fs::create_dir_all(a.parent().unwrap()).unwrap();
        let site = Site::load(&root, &crate::config::Overrides::default()).unwrap();
        let memo = Memo::default();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let write = |file: &Path, text: &str| {
            std::fs::write(file, text).unwrap();
            std::fs::File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        };
        write(&a, "a1\n");
        write(&b, "b1\n");
        assert_eq!(bodies(&site, &memo), ["a1\n", "b1\n"]);

        // Both change, stamps put back; only `a` is reported: `a` is read
        // whatever its stamp says, `b` is taken as it was.
        write(&a, "a2\n");
        write(&b, "b2\n");
        memo.changed([a.clone()]);
        assert_eq!(bodies(&site, &memo), ["a2\n", "b1\n"]);

        // A new file is not one the walk found: everything is walked and
        // checked again (`b` keeps its stamp, so the memo still has it).
        let c = root.join("content/en/c.md");
        write(&c, "c1\n");
        memo.changed([c.clone()]);
        assert_eq!(bodies(&site, &memo), ["a2\n", "b1\n", "c1\n"]);

        // Not told anything: every file is checked by its stamp.
        std::fs::write(&b, "b3\n").unwrap();
        assert_eq!(bodies(&site, &memo), ["a2\n", "b3\n", "c1\n"]);

        // A removed file is noticed.
        std::fs::remove_file(&c).unwrap();
        memo.changed([c]);
        assert_eq!(bodies(&site, &memo), ["a2\n", "b3\n"]);
    }
}
