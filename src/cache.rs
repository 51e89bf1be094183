//! The build caches under `.interdoc-cache/`. Entries are keyed by hashes of
//! their inputs and of this interdoc build, never by mtimes: a miss is always
//! correct, a stale hit would be a bug. Losing the folder only costs time.

use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Folder of the caches, under the site root.
pub const DIR: &str = ".interdoc-cache";

/// Identifies this interdoc build: its version and its lock file, so a cache
/// written by another version of interdoc or of a dependency (syntect's
/// grammars, the stemmers) is never reused.
pub fn tool_fingerprint() -> &'static [u8] {
    static FINGERPRINT: LazyLock<Vec<u8>> = LazyLock::new(|| {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update([0]);
        h.update(include_bytes!("../Cargo.lock"));
        h.finalize().to_vec()
    });
    &FINGERPRINT
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a killed
/// build never leaves a half-written cache file.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
