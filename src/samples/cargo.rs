//! One `cargo build` of the samples workspace, read through its JSON messages:
//! each sample's executable, and each compiler error with its place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A compiler error, located in a sample's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The sample (folder name) the error belongs to.
    pub sample: String,
    /// Absolute path of the file, when the compiler named one.
    pub file: Option<PathBuf>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct BuildOutput {
    /// Sample folder name -> its executable.
    pub executables: BTreeMap<String, PathBuf>,
    pub errors: Vec<CompileError>,
    /// Samples whose package failed to build (errors or a failed build script).
    pub failed: Vec<String>,
    /// cargo's own stderr, for failures it does not describe in JSON.
    pub stderr: String,
    pub success: bool,
}

/// Builds every member of the workspace at `dir` into `target_dir`.
/// `--keep-going`: one broken sample does not keep the others from building.
pub fn build(dir: &Path, target_dir: &Path) -> std::io::Result<BuildOutput> {
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "build",
            "--workspace",
            "--release",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .output()?;
    let mut result = BuildOutput {
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        success: out.status.success(),
        ..BuildOutput::default()
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let sample = msg
            .get("manifest_path")
            .and_then(|m| m.as_str())
            .and_then(|m| {
                Path::new(m)
                    .parent()?
                    .file_name()?
                    .to_str()
                    .map(String::from)
            });
        let Some(sample) = sample else { continue };
        match msg.get("reason").and_then(|r| r.as_str()) {
            Some("compiler-artifact") => {
                let is_bin = msg["target"]["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|v| v == "bin"));
                if let (true, Some(exe)) = (is_bin, msg["executable"].as_str()) {
                    result.executables.insert(sample, PathBuf::from(exe));
                }
            }
            Some("compiler-message") if msg["message"]["level"] == "error" => {
                let m = &msg["message"];
                let span = m["spans"].as_array().and_then(|spans| {
                    spans
                        .iter()
                        .find(|s| s["is_primary"] == true)
                        .or(spans.first())
                });
                let text = m["message"].as_str().unwrap_or("compile error").to_string();
                // The summary line ("aborting due to N errors") says nothing new.
                if span.is_none() && text.starts_with("aborting due to") {
                    continue;
                }
                result.errors.push(CompileError {
                    file: span
                        .and_then(|s| s["file_name"].as_str())
                        .map(|f| dir.join(f)),
                    line: span.and_then(|s| s["line_start"].as_u64()).unwrap_or(0) as usize,
                    column: span.and_then(|s| s["column_start"].as_u64()).unwrap_or(0) as usize,
                    message: text,
                    sample: sample.clone(),
                });
                if !result.failed.contains(&sample) {
                    result.failed.push(sample);
                }
            }
            _ => {}
        }
    }
    Ok(result)
}
