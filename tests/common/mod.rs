//! Helpers shared by the integration tests: fixture sites in temporary folders,
//! running the real binary, and reading what it produced.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// A site in a temporary folder, removed when dropped.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Self {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A site with these files (path relative to the root -> content).
    pub fn with(files: &[(&str, &str)]) -> Self {
        let f = Fixture::new();
        for (path, text) in files {
            f.write(path, text);
        }
        f
    }

    /// A copy of a checked-in fixture folder (`tests/fixtures/<name>`).
    pub fn copy_of(name: &str) -> Self {
        let f = Fixture::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.expect("walk");
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&src)
                    .expect("prefix")
                    .to_str()
                    .expect("utf-8")
                    .to_string();
                f.write_bytes(&rel, &std::fs::read(entry.path()).expect("read"));
            }
        }
        f
    }

    /// Temporary or set-aside output folders left in the site root.
    pub fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.root())
            .expect("read root")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect()
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }

    /// Runs `interdoc build --root <root> <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_str().expect("utf-8 temp path").to_string();
        all.push(&root);
        all.extend_from_slice(args);
        interdoc(&all, self.root())
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the built site, as text.
    pub fn page(&self, path: &str) -> String {
        let p = self.out().join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }
}

pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }

    /// Diagnostic lines (`error: ...` / `warning: ...`).
    pub fn diagnostics(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
            .collect()
    }
}

pub fn interdoc(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_interdoc"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run interdoc");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Every file under `dir` with the SHA-256 of its bytes.
pub fn tree_hashes(dir: &Path) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let digest = Sha256::digest(std::fs::read(entry.path()).expect("read"));
            map.insert(rel, digest.iter().map(|b| format!("{b:02x}")).collect());
        }
    }
    map
}

/// `../shared/seeds/`: the real topic the project grew from, in five locales.
pub fn seeds_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(
        dir.is_dir(),
        "the seed fixtures are expected at {}",
        dir.display()
    );
    dir
}

/// Seed file -> locale folder, from `../shared/seeds/README.md`.
pub const SEEDS: [(&str, &str); 5] = [
    ("002_041c7d70b0066dcf.txt", "en"),
    ("003_18baa8876c1fd881.txt", "fr"),
    ("004_247db924ff8a9b0e.txt", "ko"),
    ("001_67b8bf9719d1a1a9.txt", "pt-BR"),
    ("000_703187e1d1c07829.txt", "zh-TW"),
];

pub const SEED_TOPIC: &str = "docs/framework/interop/index.md";

/// The seed docset: the five seed translations at
/// `content/<locale>/docs/framework/interop/index.md`, plus English stubs for
/// the pages they link to.
pub fn seed_site() -> Fixture {
    let f = Fixture::new();
    let seeds = seeds_dir();
    for (file, locale) in SEEDS {
        let text = std::fs::read(seeds.join(file)).expect("seed file");
        f.write_bytes(&format!("content/{locale}/{SEED_TOPIC}"), &text);
    }
    let stubs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-stubs");
    for entry in std::fs::read_dir(stubs).expect("stubs") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        if name.ends_with(".md") && name != "README.md" {
            let text = std::fs::read(&path).expect("stub");
            f.write_bytes(&format!("content/en/docs/framework/interop/{name}"), &text);
        }
    }
    f
}

/// The text between the first `open` and the next `close` after it.
pub fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("`{open}` not found"))
        + open.len();
    let end = html[start..]
        .find(close)
        .unwrap_or_else(|| panic!("`{close}` not found"))
        + start;
    &html[start..end]
}
