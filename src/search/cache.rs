//! A locale's search bundle kept between builds: the index is built whole,
//! so the bundle is reused only when every page it was built from is
//! unchanged. One entry per locale, the file
//! `.interdoc-cache/search/<locale>/<key>`, replaced when the pages change.

use std::path::{Path, PathBuf};

use crate::write::Content;

pub struct Stored {
    /// `.interdoc-cache/search/<locale dir>`.
    dir: PathBuf,
    key: String,
}

impl Stored {
    /// The entry for these pages, each given by its parts (URL, title,
    /// fallback mark, article): what the indexed document is made from, so a
    /// hit needs no document built. `code` is the locale, which picks the
    /// language; how documents are made is part of the interdoc build, which
    /// is in the key too.
    pub fn new<'a>(
        cache_dir: &Path,
        locale_dir: &str,
        code: &str,
        pages: impl Iterator<Item = [&'a [u8]; 4]>,
    ) -> Stored {
        // BLAKE3: every article of the locale is hashed on each build.
        let mut h = blake3::Hasher::new();
        h.update(b"interdoc-search-v7\0");
        h.update(crate::cache::tool_fingerprint());
        h.update(code.as_bytes());
        for parts in pages {
            for part in parts {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
        Stored {
            dir: cache_dir.join("search").join(locale_dir),
            key: crate::cache::hex(h.finalize().as_bytes()),
        }
    }

    /// The stored bundle's files (name in the bundle, bytes), if this entry
    /// exists and is whole.
    pub fn get(&self) -> Option<Vec<(String, Content)>> {
        let bytes = std::fs::read(self.dir.join(&self.key)).ok()?;
        let files = unpack(&bytes)?;
        (!files.is_empty()).then(|| {
            files
                .into_iter()
                .map(|(name, b)| (name, Content::Owned(b)))
                .collect()
        })
    }

    /// Stores a freshly built bundle in place of the locale's previous one, as
    /// one file: a bundle is thousands of small files, and creating as many
    /// again in the cache doubled the cost of writing them.
    pub fn put(&self, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
        crate::cache::write_atomic(&self.dir.join(&self.key), &pack(files))?;
        for old in std::fs::read_dir(&self.dir)?.flatten() {
            if old.file_name() != self.key.as_str() {
                let path = old.path();
                let _ = if path.is_dir() {
                    std::fs::remove_dir_all(path)
                } else {
                    std::fs::remove_file(path)
                };
            }
        }
        Ok(())
    }
}

/// The number of files (u32 LE), then each file as its name's length (u32
/// LE), the name, the content's length (u64 LE) and the content.
fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size: usize = files.iter().map(|(n, b)| 12 + n.len() + b.len()).sum();
    let mut out = Vec::with_capacity(4 + size);
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, bytes) in files {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// The files of a packed bundle; `None` if it is truncated or corrupt.
fn unpack(mut data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    fn take<'a>(data: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        if data.len() < n {
            return None;
        }
        let (head, rest) = data.split_at(n);
        *data = rest;
        Some(head)
    }
    let count = u32::from_le_bytes(take(&mut data, 4)?.try_into().ok()?);
    let mut files = Vec::new();
    for _ in 0..count {
        let name_len = u32::from_le_bytes(take(&mut data, 4)?.try_into().ok()?) as usize;
        let name = std::str::from_utf8(take(&mut data, name_len)?)
            .ok()?
            .to_string();
        let len = u64::from_le_bytes(take(&mut data, 8)?.try_into().ok()?);
        let bytes = take(&mut data, usize::try_from(len).ok()?)?.to_vec();
        files.push((name, bytes));
    }
    data.is_empty().then_some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_bundle_reads_back_and_a_cut_one_is_refused() {
        let files = vec![
            ("pages.json".to_string(), b"{}".to_vec()),
            ("fragment/en_1.pf_fragment".to_string(), vec![0, 1, 2]),
            ("empty".to_string(), Vec::new()),
        ];
        let packed = pack(&files);
        assert_eq!(unpack(&packed).unwrap(), files);
        for cut in 0..packed.len() {
            assert_eq!(unpack(&packed[..cut]), None, "cut at {cut}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert_eq!(unpack(&longer), None);
    }
}
