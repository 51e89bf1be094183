//! Sample results, keyed by a hash of everything that can change them: the
//! sample's files (and those of the samples it `uses`), the workspace manifest
//! and lock file, the rustc version and the run settings. Never by mtime: a
//! miss is always correct, a stale hit would be a bug.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::SampleResult;
use super::workspace::{Sample, Workspace};

const FILE: &str = "samples.json";

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Entry {
    key: String,
    result: SampleResult,
}

impl Cache {
    /// An unreadable or corrupt cache is an empty one.
    pub fn load(dir: &Path) -> Cache {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn get(&self, name: &str, key: &str) -> Option<SampleResult> {
        self.entries
            .get(name)
            .filter(|e| e.key == key)
            .map(|e| e.result.clone())
    }

    pub fn put(&mut self, name: &str, key: &str, result: &SampleResult) {
        self.entries.insert(
            name.to_string(),
            Entry {
                key: key.to_string(),
                result: result.clone(),
            },
        );
    }

    /// Written to a temporary file and renamed, so a killed build never
    /// leaves a half-written cache.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
        std::fs::write(
            &tmp,
            serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(tmp, dir.join(FILE))
    }
}

pub fn key(ws: &Workspace, sample: &Sample, rustc: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"interdoc-samples-v1\0");
    h.update(rustc.as_bytes());
    for file in ["Cargo.toml", "Cargo.lock"] {
        h.update(file.as_bytes());
        h.update(std::fs::read(ws.dir.join(file)).unwrap_or_default());
    }
    h.update(format!("{:?}", sample.settings).as_bytes());
    let mut dirs = vec![sample.dir.clone()];
    dirs.extend(sample.settings.uses.iter().map(|u| ws.dir.join(u)));
    for dir in dirs {
        hash_tree(&mut h, &dir);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_tree(h: &mut Sha256, dir: &Path) {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name() == "target" || e.file_name().to_string_lossy().starts_with('.'))
        });
    for entry in walker.flatten() {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            h.update(rel.to_string_lossy().as_bytes());
            h.update([0]);
            h.update(std::fs::read(entry.path()).unwrap_or_default());
            h.update([0]);
        }
    }
}
