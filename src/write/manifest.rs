//! What the previous build wrote: for each file, its hash and the stamp
//! (length, modification time, inode) it had then. A file whose stamp is
//! unchanged still holds those bytes, so a rebuild knows an unchanged page by
//! its hash alone instead of reading the old file back. Kept in the cache
//! folder, never in the site; a missing or stale manifest only means the old
//! files are compared byte by byte, as without one.

use std::collections::HashMap;
use std::path::Path;

use crate::stamp::Stamp;

const HEADER: &str = "interdoc-written-v1";

/// Path (relative to the output folder) -> stamp and hash.
#[derive(Debug, Default)]
pub struct Manifest {
    pub files: HashMap<String, (Stamp, [u8; 32])>,
}

impl Manifest {
    /// The manifest at `path` if it describes the output folder `out`.
    pub fn read(path: &Path, out: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        let expected = format!("{HEADER}\t{}", out.display());
        if lines.next() != Some(expected.as_str()) {
            return Manifest::default();
        }
        let files = lines.filter_map(parse_line).collect();
        Manifest { files }
    }

    /// Replaces the manifest at `path` (through a temporary file, so that a
    /// reader never sees half of one).
    pub fn save(&self, path: &Path, out: &Path) -> std::io::Result<()> {
        let mut text = format!("{HEADER}\t{}\n", out.display());
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        for p in paths {
            let (s, digest) = &self.files[p];
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{p}\n",
                crate::cache::hex(digest),
                s.len,
                s.mtime_ns,
                s.ino
            ));
        }
        crate::cache::write_atomic(path, text.as_bytes())
    }
}

fn parse_line(line: &str) -> Option<(String, (Stamp, [u8; 32]))> {
    let mut parts = line.splitn(5, '\t');
    let hex = parts.next()?;
    let len = parts.next()?.parse().ok()?;
    let mtime_ns = parts.next()?.parse().ok()?;
    let ino = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let mut digest = [0u8; 32];
    if hex.len() != 64 {
        return None;
    }
    for (i, byte) in digest.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some((path, (Stamp { len, mtime_ns, ino }, digest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_only_for_its_own_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.html");
        std::fs::write(&file, "hello").unwrap();
        let stamp = Stamp::of(&file).unwrap();
        let mut m = Manifest::default();
        m.files.insert("sub dir/a b.html".into(), (stamp, [7; 32]));
        let at = dir.path().join("cache/written");
        m.save(&at, Path::new("/site/public")).unwrap();

        let back = Manifest::read(&at, Path::new("/site/public"));
        assert_eq!(back.files.get("sub dir/a b.html"), Some(&(stamp, [7; 32])));
        assert!(
            Manifest::read(&at, Path::new("/other/out"))
                .files
                .is_empty()
        );
    }
}
