//! What identifies a version of a file without reading it: its length,
//! modification time and inode. The load memo of `serve` and the manifest of
//! what a build wrote both go by it.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    pub mtime_ns: i128,
    /// 0 where the system has no inodes.
    pub ino: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (symbolic links followed).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns = match meta.modified().ok()?.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let ino = 0;
        Some(Stamp {
            len: meta.len(),
            mtime_ns,
            ino,
        })
    }

    /// A file changed within the clock's granularity of its modification
    /// time can change again with the same stamp: it is not trusted until it
    /// has been quiet for a while (Git's "racy" files).
    pub fn settled(&self) -> bool {
        let now = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(_) => return false,
        };
        now - self.mtime_ns > Duration::from_secs(2).as_nanos() as i128
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_changes_the_stamp_and_an_old_file_is_settled() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a");
        std::fs::write(&file, "hello").unwrap();
        let stamp = Stamp::of(&file).unwrap();
        assert_eq!(stamp.len, 5);
        assert!(!stamp.settled(), "just written");
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(&file, "world").unwrap();
        assert_ne!(Stamp::of(&file), Some(stamp));

        let long_ago = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        assert!(Stamp::of(&file).unwrap().settled());
        assert_eq!(Stamp::of(&dir.path().join("missing")), None);
    }
}
