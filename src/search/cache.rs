//! A locale's search bundle kept between builds: Pagefind rebuilds a whole
//! index at once, so the bundle is reused only when every page it was built
//! from is unchanged. One entry per locale,
//! `.interdoc-cache/search/<locale>/<key>/`, replaced when the pages change.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Page;
use crate::write::Content;

pub struct Stored {
    /// `.interdoc-cache/search/<locale dir>`.
    dir: PathBuf,
    key: String,
}

impl Stored {
    /// The entry for these pages; `code` is the locale, which picks the language.
    pub fn new(cache_dir: &Path, locale_dir: &str, code: &str, pages: &[Page]) -> Stored {
        let mut h = Sha256::new();
        h.update(b"interdoc-search-v1\0");
        h.update(crate::cache::tool_fingerprint());
        h.update(code.as_bytes());
        for page in pages {
            for part in [&page.url, &page.html] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
        }
        Stored {
            dir: cache_dir.join("search").join(locale_dir),
            key: crate::cache::hex(&h.finalize()),
        }
    }

    /// The stored bundle's files (name in the bundle, content read at write
    /// time), if this entry exists.
    pub fn get(&self) -> Option<Vec<(String, Content)>> {
        let entry = self.dir.join(&self.key);
        if !entry.is_dir() {
            return None;
        }
        let mut files = Vec::new();
        for item in walkdir::WalkDir::new(&entry).sort_by_file_name() {
            let item = item.ok()?;
            if item.file_type().is_file() {
                let rel = item.path().strip_prefix(&entry).ok()?.to_str()?;
                files.push((
                    rel.replace('\\', "/"),
                    Content::File(item.path().to_path_buf()),
                ));
            }
        }
        (!files.is_empty()).then_some(files)
    }

    /// Stores a freshly built bundle in place of the locale's previous one.
    /// Written to a temporary folder and renamed, so an entry is always whole.
    pub fn put(&self, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = self.dir.join(format!(".tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        for (name, bytes) in files {
            let path = tmp.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        let entry = self.dir.join(&self.key);
        if entry.exists() {
            std::fs::remove_dir_all(&entry)?;
        }
        std::fs::rename(&tmp, &entry)?;
        for old in std::fs::read_dir(&self.dir)?.flatten() {
            if old.file_name() != self.key.as_str() {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        Ok(())
    }
}
