//! Stage: output. Everything is written to a temporary folder beside the output
//! folder and swapped in only when complete, so a failed or killed build never
//! leaves a half-written site behind. A file whose bytes are those of the
//! previous build is not written again: the new folder links to it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

mod manifest;

pub use manifest::Manifest;

use crate::stamp::Stamp;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// `/`-separated path relative to the output folder.
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Owned(Vec<u8>),
    /// Kept by the render memo as well.
    Shared(Arc<Vec<u8>>),
    Static(&'static [u8]),
    /// Copied from this file at write time.
    File(PathBuf),
}

impl Content {
    pub fn bytes(&self) -> io::Result<Cow<'_, [u8]>> {
        match self {
            Content::Owned(b) => Ok(Cow::Borrowed(b)),
            Content::Shared(b) => Ok(Cow::Borrowed(b.as_slice())),
            Content::Static(b) => Ok(Cow::Borrowed(b)),
            Content::File(p) => std::fs::read(p).map(Cow::Owned),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write outside the output folder: {0}")]
    Escape(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `files` as the new content of `out`, atomically replacing what was
/// there. Returns what was written, for later [`update`]s.
pub fn write(out: &Path, files: &[OutFile]) -> Result<Written, WriteError> {
    let staging = Staging::begin(out)?;
    let digests = staging.add(files)?;
    staging.commit()?;
    let mut written = Written {
        hashes: digests.into_iter().collect(),
        shared: Default::default(),
    };
    written.remember_shared(files);
    Ok(written)
}

/// A new output folder being filled beside the old one, swapped in whole by
/// [`Staging::commit`]. Files can be added in several batches, so a build can
/// write its pages and let go of them before it builds the search index.
/// Dropped without a commit, it removes itself and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    parent: PathBuf,
    name: String,
    /// Files of the old folder with the same bytes at the same path: linked
    /// into the new folder at commit, and only if something else changed.
    same: Mutex<Vec<String>>,
    /// Files written anew.
    fresh: AtomicUsize,
    /// `out` held a site when the build began.
    previous: bool,
    /// Where the manifest of what is written is kept, and the one of the
    /// previous build.
    manifest: Option<(PathBuf, Manifest)>,
    /// The manifest of the new folder.
    stamps: Mutex<HashMap<String, (Stamp, [u8; 32])>>,
    committed: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> Result<Staging, WriteError> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        recover(&parent, &name, out)?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
        }
        std::fs::create_dir(&tmp).map_err(io_err(&tmp))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            parent,
            name,
            same: Mutex::new(Vec::new()),
            fresh: AtomicUsize::new(0),
            previous: out.is_dir(),
            manifest: None,
            stamps: Mutex::new(HashMap::new()),
            committed: false,
        })
    }

    /// Keeps a manifest of the output folder at `path` (see [`manifest`]):
    /// the next build knows unchanged files by their hash, without reading
    /// them back.
    pub fn remembered(mut self, path: PathBuf) -> Staging {
        let previous = match self.previous {
            true => Manifest::read(&path, &self.out),
            false => Manifest::default(),
        };
        self.manifest = Some((path, previous));
        self
    }

    /// Adds files to the new folder: each is written, or noted as unchanged.
    /// Returns the path and hash of each, taken while its bytes are at hand.
    pub fn add(&self, files: &[OutFile]) -> Result<Vec<(String, [u8; 32])>, WriteError> {
        files.par_iter().map(|f| self.add_one(f)).collect()
    }

    /// Adds one file; see [`Staging::add`].
    pub fn add_one(&self, f: &OutFile) -> Result<(String, [u8; 32]), WriteError> {
        if !safe_path(&f.path) {
            return Err(WriteError::Escape(f.path.clone()));
        }
        let bytes = f.content.bytes().map_err(|e| match &f.content {
            Content::File(src) => io_err(src)(e),
            _ => io_err(Path::new(&f.path))(e),
        })?;
        let digest = digest(&bytes);
        let stamp = match self
            .previous
            .then(|| self.unchanged(&f.path, &bytes, &digest))
        {
            Some(Some(stamp)) => {
                if let Ok(mut same) = self.same.lock() {
                    same.push(f.path.clone());
                }
                Some(stamp)
            }
            _ => {
                let dest = self.tmp.join(&f.path);
                write_bytes(&dest, &bytes)?;
                self.fresh.fetch_add(1, Ordering::Relaxed);
                self.manifest.as_ref().and_then(|_| Stamp::of(&dest))
            }
        };
        if let Some(stamp) = stamp
            && self.manifest.is_some()
            && let Ok(mut stamps) = self.stamps.lock()
        {
            stamps.insert(f.path.clone(), (stamp, digest));
        }
        Ok((f.path.clone(), digest))
    }

    /// The stamp of the previous build's file at `path` if it holds these
    /// bytes: known from the manifest when the file is as it was recorded,
    /// else by reading it.
    fn unchanged(&self, path: &str, bytes: &[u8], digest: &[u8; 32]) -> Option<Stamp> {
        let old = self.out.join(path);
        let stamp = Stamp::of(&old)?;
        let recorded = self.manifest.as_ref().and_then(|(_, m)| m.files.get(path));
        let same = match recorded {
            Some((then, hash)) if *then == stamp => hash == digest,
            _ => same_bytes(&old, bytes),
        };
        same.then_some(stamp)
    }

    /// Puts the new folder in place of the old one. When no file was written
    /// and the old folder holds nothing else, the old folder stays untouched.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.committed = true;
        let same = self
            .same
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        if self.fresh.load(Ordering::Relaxed) == 0 && file_count(&self.out) == Some(same.len()) {
            let _ = std::fs::remove_dir_all(&self.tmp);
            self.save_manifest();
            return Ok(());
        }
        // Unchanged files keep their inode and modification time; a system
        // without hard links gets a copy.
        same.par_iter().try_for_each(|path| {
            let old = self.out.join(path);
            let dest = self.tmp.join(path);
            if let Some(dir) = dest.parent() {
                std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            std::fs::hard_link(&old, &dest)
                .or_else(|_| std::fs::copy(&old, &dest).map(|_| ()))
                .map_err(io_err(&dest))
        })?;
        swap(&self.tmp, &self.out, &self.parent, &self.name)?;
        self.save_manifest();
        Ok(())
    }

    /// A manifest that cannot be saved costs the next build a comparison of
    /// the old files, nothing else: its error is not the build's.
    fn save_manifest(&self) {
        if let Some((path, _)) = &self.manifest {
            let files = self
                .stamps
                .lock()
                .map(|mut s| std::mem::take(&mut *s))
                .unwrap_or_default();
            let manifest = Manifest { files };
            if manifest.save(path, &self.out).is_err() {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Replaces `out` with the complete folder `tmp`.
fn swap(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if out.exists() {
        // One atomic step where the system offers it: the new site and the old
        // one trade places, so `out` is never missing, even if we are killed.
        if exchange(tmp, out).is_ok() {
            let _ = std::fs::remove_dir_all(tmp);
            return Ok(());
        }
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(tmp);
            return Err(io_err(out)(e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out).map_err(io_err(out))?;
    }
    Ok(())
}

/// How many files (not folders) `dir` holds, if it is a folder.
fn file_count(dir: &Path) -> Option<usize> {
    dir.is_dir().then(|| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .count()
    })
}

/// What has been written to an output folder, for [`update`].
#[derive(Debug, Default)]
pub struct Written {
    /// Path -> hash of the bytes. (Fx: a `serve` rebuild looks up every
    /// output path; they are the site's own, not chosen by an attacker.)
    hashes: rustc_hash::FxHashMap<String, [u8; 32]>,
    /// Pages shared with the render memo: the same `Arc` next time means the
    /// same bytes, without hashing them again.
    shared: rustc_hash::FxHashMap<String, Arc<Vec<u8>>>,
}

impl Written {
    fn remember_shared(&mut self, files: &[OutFile]) {
        for f in files {
            if let Content::Shared(bytes) = &f.content {
                self.shared.insert(f.path.clone(), Arc::clone(bytes));
            }
        }
    }
}

/// BLAKE3: every output byte goes through it on each build, and it is several
/// times faster than SHA-256 here.
fn digest(bytes: &[u8]) -> [u8; 32] {
    blake3::hash(bytes).into()
}

/// How a file compares with what was written at its path.
enum Compared {
    /// The same shared page as last time: not even hashed.
    Same,
    /// These bytes; `changed` when they are not the ones on disk.
    Hashed { hash: [u8; 32], changed: bool },
}

fn compare(f: &OutFile, before: &Written) -> Result<Compared, WriteError> {
    if let (Content::Shared(now), Some(then)) = (&f.content, before.shared.get(&f.path))
        && Arc::ptr_eq(now, then)
        && before.hashes.contains_key(&f.path)
    {
        return Ok(Compared::Same);
    }
    let bytes = f.content.bytes().map_err(io_err(Path::new(&f.path)))?;
    let hash = digest(&bytes);
    let changed = before.hashes.get(&f.path) != Some(&hash);
    Ok(Compared::Hashed { hash, changed })
}

/// Brings `out` up to date with `files` file by file, for `serve`: only files
/// whose bytes changed are written, each to a temporary file renamed over the
/// old one, so a reader gets the old page or the new one, never a part of it.
/// Files of `written` that `in_scope` claims and `files` no longer has are
/// removed. Returns the paths written or removed.
pub fn update(
    out: &Path,
    files: &[OutFile],
    written: &mut Written,
    in_scope: &dyn Fn(&str) -> bool,
) -> Result<Vec<String>, WriteError> {
    let compared: Vec<Compared> = files
        .par_iter()
        .map(|f| compare(f, written))
        .collect::<Result<_, _>>()?;
    let changed_files: Vec<&OutFile> = files
        .iter()
        .zip(&compared)
        .filter(|(_, c)| matches!(c, Compared::Hashed { changed: true, .. }))
        .map(|(f, _)| f)
        .collect();
    changed_files.par_iter().try_for_each(|f| {
        let dest = out.join(&f.path);
        let tmp_name = format!(
            ".{}.tmp-{}",
            dest.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id()
        );
        let tmp = dest.with_file_name(tmp_name);
        write_one(
            out,
            &OutFile {
                path: rel_path(out, &tmp),
                content: f.content.clone(),
            },
        )?;
        std::fs::rename(&tmp, &dest).map_err(io_err(&dest))
    })?;
    let mut changed: Vec<String> = changed_files.iter().map(|f| f.path.clone()).collect();
    let present: rustc_hash::FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let gone: Vec<String> = written
        .hashes
        .keys()
        .filter(|p| !present.contains(p.as_str()) && in_scope(p))
        .cloned()
        .collect();
    for path in gone {
        let _ = std::fs::remove_file(out.join(&path));
        written.hashes.remove(&path);
        written.shared.remove(&path);
        changed.push(path);
    }
    // Only what is new is recorded: most pages are the same shared ones.
    for (f, c) in files.iter().zip(compared) {
        if let Compared::Hashed { hash, .. } = c {
            written.hashes.insert(f.path.clone(), hash);
            match &f.content {
                Content::Shared(bytes) => {
                    written.shared.insert(f.path.clone(), Arc::clone(bytes));
                }
                _ => {
                    written.shared.remove(&f.path);
                }
            }
        }
    }
    changed.sort();
    Ok(changed)
}

/// `tmp` relative to `out`, `/`-separated.
fn rel_path(out: &Path, tmp: &Path) -> String {
    tmp.strip_prefix(out)
        .unwrap_or(tmp)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Atomically swaps two directories (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the
    // call; renameat2 reads them and touches no other memory of ours.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

/// Cleans up after a build that was killed: a previous site left aside in the
/// middle of a swap is put back, and stale temporary folders are removed.
fn recover(parent: &Path, name: &str, out: &Path) -> Result<(), WriteError> {
    let tmp_prefix = format!(".{name}.tmp-");
    let old_prefix = format!(".{name}.old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut olds = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&tmp_prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        } else if file_name.starts_with(&old_prefix) {
            olds.push(entry.path());
        }
    }
    for old in olds {
        if !out.exists() {
            std::fs::rename(&old, out).map_err(io_err(out))?;
        } else {
            let _ = std::fs::remove_dir_all(&old);
        }
    }
    Ok(())
}

/// `path` is a regular file holding `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|b| b == bytes)
}

fn write_bytes(dest: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    std::fs::write(dest, bytes).map_err(io_err(dest))
}

fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn write_one(root: &Path, file: &OutFile) -> Result<(), WriteError> {
    let rel = Path::new(&file.path);
    if !safe_path(&file.path) {
        return Err(WriteError::Escape(file.path.clone()));
    }
    let dest = root.join(rel);
    match &file.content {
        Content::File(src) => {
            if let Some(dir) = dest.parent() {
                std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            std::fs::copy(src, &dest).map(|_| ()).map_err(io_err(src))
        }
        other => write_bytes(&dest, &other.bytes().map_err(io_err(&dest))?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.to_string(),
            content: Content::Owned(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a/b.html", "one"), file("stale.html", "x")]).unwrap();
        write(&out, &[file("a/b.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/b.html")).unwrap(),
            "two"
        );
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn unchanged_files_are_not_written_again() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("same.html", "same"), file("new.html", "one")]).unwrap();
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let (same, new) = (inode("same.html"), inode("new.html"));
        write(&out, &[file("same.html", "same"), file("new.html", "two")]).unwrap();
        assert_eq!(
            inode("same.html"),
            same,
            "an unchanged file keeps its inode"
        );
        assert_ne!(inode("new.html"), new);
        assert_eq!(
            std::fs::read_to_string(out.join("new.html")).unwrap(),
            "two"
        );
        assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().nlink(), 1);

        // Nothing changed: the folder itself is the same one.
        let folder = std::fs::metadata(&out).unwrap().ino();
        write(&out, &[file("same.html", "same"), file("new.html", "two")]).unwrap();
        assert_eq!(std::fs::metadata(&out).unwrap().ino(), folder);
        // A file gone from the site is a change.
        write(&out, &[file("same.html", "same")]).unwrap();
        assert!(!out.join("new.html").exists());
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("keep.html", "kept")]).unwrap();
        for bad in ["../evil.html", "/etc/x", "a/../../b", ""] {
            let err = write(&out, &[file("ok.html", "x"), file(bad, "evil")]).unwrap_err();
            assert!(matches!(err, WriteError::Escape(_)), "{bad}");
        }
        assert!(!dir.path().join("evil.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("keep.html")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn recovers_from_an_interrupted_swap() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // A build killed between its two renames leaves only the old site aside.
        let aside = dir.path().join(".public.old-99999");
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join("index.html"), "previous").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.tmp-99998/x")).unwrap();
        recover(dir.path(), "public", &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
