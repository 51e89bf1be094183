//! The samples workspace: `samples/Cargo.toml` and one package per sample,
//! with its settings from `[package.metadata.interdoc]`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostics::Diagnostic;

pub const SAMPLES_DIR: &str = "samples";

/// How a sample is run and checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Settings {
    /// File in the sample's folder holding the expected stdout.
    pub expected_output: String,
    pub args: Vec<String>,
    /// File in the sample's folder fed to stdin (none: stdin is empty).
    pub stdin: Option<String>,
    pub timeout_secs: u64,
    /// `false` for library-only samples (a cdylib loaded by another one).
    pub run: bool,
    /// The exit code the sample is expected to end with.
    pub exit_code: i32,
    /// Other samples whose files this one depends on at run time.
    pub uses: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            expected_output: "expected_output.txt".to_string(),
            args: Vec::new(),
            stdin: None,
            timeout_secs: 60,
            run: true,
            exit_code: 0,
            uses: Vec::new(),
        }
    }
}

impl Settings {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs)
    }
}

#[derive(Debug, Clone)]
pub struct Sample {
    /// The sample's folder name under `samples/`: how topics name it.
    pub name: String,
    pub package: String,
    pub dir: PathBuf,
    pub settings: Settings,
}

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub dir: PathBuf,
    pub samples: BTreeMap<String, Sample>,
}

/// Reads `samples/Cargo.toml` and its members. `None` when the site has no
/// samples workspace.
pub fn discover(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Workspace> {
    let dir = root.join(SAMPLES_DIR);
    let manifest = dir.join("Cargo.toml");
    let label = Path::new(SAMPLES_DIR).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).ok()?;
    let value: toml::Table = match toml::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(Diagnostic::error(
                &label,
                format!("invalid TOML: {}", e.message()),
            ));
            return None;
        }
    };
    let members: Vec<String> = value
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if members.is_empty() {
        diags.push(
            Diagnostic::error(&label, "samples/Cargo.toml lists no workspace members")
                .hint("samples/ is a Cargo workspace: `[workspace] members = [\"call-c\", ...]`"),
        );
    }
    let mut samples = BTreeMap::new();
    for member in members {
        // `crates/*` style globs: every folder with a Cargo.toml.
        let dirs: Vec<PathBuf> = match member.strip_suffix("/*") {
            Some(parent) => std::fs::read_dir(dir.join(parent))
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.join("Cargo.toml").is_file())
                        .collect()
                })
                .unwrap_or_default(),
            None => vec![dir.join(&member)],
        };
        for member_dir in dirs {
            if let Some(sample) = read_member(&member_dir, diags) {
                samples.insert(sample.name.clone(), sample);
            }
        }
    }
    Some(Workspace { dir, samples })
}

fn read_member(dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<Sample> {
    let name = dir.file_name()?.to_str()?.to_string();
    let label = Path::new(SAMPLES_DIR).join(&name).join("Cargo.toml");
    let text = match std::fs::read_to_string(dir.join("Cargo.toml")) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(&label, format!("cannot read: {e}")));
            return None;
        }
    };
    let table: toml::Table = match toml::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(
                &label,
                format!("invalid TOML: {}", e.message()),
            ));
            return None;
        }
    };
    let package = table.get("package").and_then(|p| p.as_table());
    let package_name = package
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or(&name)
        .to_string();
    let meta = package
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("interdoc"))
        .and_then(|m| m.as_table());
    let mut settings = Settings::default();
    let has_binary = dir.join("src/main.rs").is_file() || table.contains_key("bin");
    settings.run = has_binary;
    if let Some(meta) = meta {
        let mut unknown = Vec::new();
        let mut wrong = |key: &str, expected: &str| {
            diags.push(Diagnostic::error(
                &label,
                format!("[package.metadata.interdoc] `{key}` must be {expected}"),
            ));
        };
        for (key, value) in meta {
            match key.as_str() {
                "expected-output" => match value.as_str() {
                    Some(s) => settings.expected_output = s.to_string(),
                    None => wrong(key, "a file name"),
                },
                "args" => match value.as_array().map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map(String::from))
                        .collect::<Option<Vec<_>>>()
                }) {
                    Some(Some(args)) => settings.args = args,
                    _ => wrong(key, "a list of strings"),
                },
                "stdin" => match value.as_str() {
                    Some(s) => settings.stdin = Some(s.to_string()),
                    None => wrong(key, "a file name"),
                },
                "timeout" => match value.as_integer().filter(|t| *t > 0) {
                    Some(t) => settings.timeout_secs = t as u64,
                    None => wrong(key, "a number of seconds"),
                },
                "run" => match value.as_bool() {
                    Some(b) => settings.run = b && has_binary,
                    None => wrong(key, "true or false"),
                },
                "exit-code" => match value.as_integer().and_then(|c| i32::try_from(c).ok()) {
                    Some(c) => settings.exit_code = c,
                    None => wrong(key, "an integer"),
                },
                "uses" => match value.as_array().map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map(String::from))
                        .collect::<Option<Vec<_>>>()
                }) {
                    Some(Some(u)) => settings.uses = u,
                    _ => wrong(key, "a list of sample names"),
                },
                other => unknown.push(other.to_string()),
            }
        }
        for other in unknown {
            diags.push(
                Diagnostic::warning(
                    &label,
                    format!("unknown setting `{other}` in [package.metadata.interdoc]"),
                )
                .hint(
                    "known settings: expected-output, args, stdin, timeout, run, exit-code, uses",
                ),
            );
        }
    }
    Some(Sample {
        name,
        package: package_name,
        dir: dir.to_path_buf(),
        settings,
    })
}
