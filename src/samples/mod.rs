//! Stage: verified samples. Code includes are cut from real files; every sample
//! a topic refers to is built (one `cargo build` for the workspace), run, and
//! its output compared with what it is expected to print. Results are cached
//! by a hash of everything that could change them, so an unchanged site runs
//! cargo zero times.

mod cache;
pub mod cargo;
pub mod runner;
pub mod workspace;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::Index;
use crate::load::Source;
use crate::markdown::{CodeRef, Directive};
use crate::snippets;
pub(crate) use workspace::SAMPLES_DIR;
use workspace::{Sample, Workspace};

/// A listing cut from a file, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub lang: String,
    pub title: String,
    /// The file, relative to the site root (`samples/call-c/src/main.rs`).
    pub file: String,
    pub lines: Vec<String>,
    /// 1-based numbers of the lines to emphasize.
    pub highlight: Vec<usize>,
    /// The sample the file belongs to, if any.
    pub sample: Option<String>,
}

/// What each directive of a page turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Code(Listing),
    Output(String),
    /// The directive could not be resolved (already reported).
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// Built, run, and printed what it should.
    Verified,
    /// A library sample: built, not run.
    Built,
    Failed,
    /// `--skip-samples`: nothing was run.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SampleResult {
    pub status: Status,
    /// What it printed (site root paths replaced by `.`).
    pub stdout: String,
    pub exit_code: Option<i32>,
    pub millis: u64,
    /// Whether this build reused the result instead of running the sample.
    #[serde(skip)]
    pub reused: bool,
}

impl SampleResult {
    /// A result with no output yet.
    fn new(status: Status) -> Self {
        SampleResult {
            status,
            stdout: String::new(),
            exit_code: None,
            millis: 0,
            reused: false,
        }
    }
}

#[derive(Debug, Default)]
pub struct Samples {
    /// Per source (same order as `Index::sources`), per directive.
    pub blocks: Vec<Vec<Block>>,
    pub results: BTreeMap<String, SampleResult>,
    /// Topics (source files) referring to each sample.
    pub referenced_by: BTreeMap<String, BTreeSet<PathBuf>>,
    /// `rustc -V` of the toolchain that built them, e.g. `1.95.0`.
    pub rustc: Option<String>,
    pub cargo_runs: usize,
    pub skipped: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub skip: bool,
    /// `interdoc samples`: run every sample of the workspace, referenced or not.
    pub all: bool,
    /// `interdoc samples --only NAME`: run just this one.
    pub only: Option<String>,
}

/// Reports what the stage is doing, for a progress line (`running samples: 2 of 4`).
pub type Progress<'a> = &'a (dyn Fn(String) + Sync);

pub fn stage(
    site: &Site,
    index: &Index,
    options: &Options,
    progress: Progress<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Samples {
    let mut out = Samples {
        skipped: options.skip,
        ..Samples::default()
    };
    let root = canonical_root(site);
    for (source, doc) in index.sources.iter().zip(&index.docs) {
        let doc_blocks = doc
            .directives
            .iter()
            .map(|site_| {
                resolve_directive(
                    &root,
                    source,
                    &site_.directive,
                    site_.offset,
                    &mut out.referenced_by,
                    diags,
                )
            })
            .collect();
        out.blocks.push(doc_blocks);
        for name in front_matter_samples(source, diags) {
            out.referenced_by
                .entry(name)
                .or_default()
                .insert(source.file.clone());
        }
    }
    let mut wanted: BTreeSet<String> = out.referenced_by.keys().cloned().collect();
    if wanted.is_empty() && !options.all && options.only.is_none() {
        return out;
    }
    let Some(ws) = workspace::discover(&site.root, diags) else {
        for (name, topics) in &out.referenced_by {
            report_unknown(name, topics, diags);
        }
        return out;
    };
    if options.all {
        wanted.extend(ws.samples.keys().cloned());
    }
    if let Some(only) = &options.only {
        wanted = BTreeSet::from([only.clone()]);
    }
    for name in &wanted {
        if !ws.samples.contains_key(name) {
            report_unknown(
                name,
                out.referenced_by.get(name).unwrap_or(&BTreeSet::new()),
                diags,
            );
        }
    }
    let wanted: Vec<&Sample> = wanted.iter().filter_map(|n| ws.samples.get(n)).collect();
    if options.skip {
        for s in wanted {
            out.results.insert(s.name.clone(), skipped(s));
        }
        return out;
    }
    out.rustc = rustc_version(&ws.dir);
    run_samples(site, &ws, &wanted, progress, &mut out, diags);
    out
}

fn report_unknown(name: &str, topics: &BTreeSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let by: Vec<String> = topics.iter().map(|t| t.display().to_string()).collect();
    diags.push(
        Diagnostic::error(
            Path::new(SAMPLES_DIR).join(name),
            format!(
                "there is no sample `{name}` (referenced by {})",
                by.join(", ")
            ),
        )
        .hint("a sample is a package folder of the samples/ Cargo workspace"),
    );
}

fn skipped(sample: &Sample) -> SampleResult {
    let expected = runner::file_in(&sample.dir, &sample.settings.expected_output)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    SampleResult {
        stdout: expected,
        ..SampleResult::new(Status::Skipped)
    }
}

/// Builds what the cache cannot answer, runs it, compares, and records.
fn run_samples(
    site: &Site,
    ws: &Workspace,
    wanted: &[&Sample],
    progress: Progress<'_>,
    out: &mut Samples,
    diags: &mut Vec<Diagnostic>,
) {
    let cache_dir = site.root.join(crate::cache::DIR);
    let mut cache = cache::Cache::load(&cache_dir);
    let rustc = out.rustc.clone().unwrap_or_default();
    let keys: BTreeMap<&str, String> = wanted
        .iter()
        .map(|s| (s.name.as_str(), cache::key(ws, s, &rustc)))
        .collect();
    let mut misses = Vec::new();
    for s in wanted {
        match cache.get(&s.name, &keys[s.name.as_str()]) {
            Some(mut hit) => {
                hit.reused = true;
                out.results.insert(s.name.clone(), hit);
            }
            None => misses.push(*s),
        }
    }
    if misses.is_empty() {
        return;
    }
    out.cargo_runs += 1;
    progress(format!("compiling samples ({})", misses.len()));
    let built = match cargo::build(&ws.dir, &cache_dir.join("target")) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(SAMPLES_DIR, format!("cannot run cargo to build the samples: {e}"))
                    .hint("samples need a Rust toolchain on PATH; `--skip-samples` builds the site without them"),
            );
            return;
        }
    };
    for e in &built.errors {
        if !misses.iter().any(|s| s.name == e.sample) {
            continue;
        }
        let file = e
            .file
            .as_ref()
            .map(|f| relative_to(&site.root, f))
            .unwrap_or_else(|| Path::new(SAMPLES_DIR).join(&e.sample));
        diags.push(
            Diagnostic::error(
                file,
                format!("sample `{}` does not compile: {}", e.sample, e.message),
            )
            .at(e.line, e.column)
            .hint(referenced_hint(out, &e.sample)),
        );
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(String, SampleResult, Option<Diagnostic>)> = misses
        .par_iter()
        .map(|s| {
            let (result, problem) = check_sample(site, s, &built);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(format!("running samples: {n} of {}", misses.len()));
            (s.name.clone(), result, problem)
        })
        .collect();
    for (name, result, problem) in results {
        if let Some(d) = problem {
            diags.push(d.hint(referenced_hint(out, &name)));
        }
        if result.status != Status::Failed
            && let Some(s) = ws.samples.get(&name)
        {
            // Keyed as the inputs are now: cargo may have just written Cargo.lock.
            cache.put(&name, &cache::key(ws, s, &rustc), &result);
        }
        out.results.insert(name, result);
    }
    if let Err(e) = cache.save(&cache_dir) {
        diags.push(Diagnostic::warning(
            crate::cache::DIR,
            format!("cannot save the samples cache: {e}"),
        ));
    }
}

fn referenced_hint(out: &Samples, name: &str) -> String {
    match out.referenced_by.get(name) {
        Some(topics) if !topics.is_empty() => {
            let list: Vec<String> = topics.iter().map(|t| t.display().to_string()).collect();
            format!("referenced by {}", list.join(", "))
        }
        _ => "not referenced by any topic".to_string(),
    }
}

/// Runs one built sample and compares its output.
fn check_sample(
    site: &Site,
    s: &Sample,
    built: &cargo::BuildOutput,
) -> (SampleResult, Option<Diagnostic>) {
    let sample_path = Path::new(SAMPLES_DIR).join(&s.name);
    let fail = |message: String| {
        let result = SampleResult::new(Status::Failed);
        (result, Some(Diagnostic::error(&sample_path, message)))
    };
    if built.failed.contains(&s.name) {
        let result = SampleResult::new(Status::Failed);
        // Its compile errors are reported one by one already.
        return (result, None);
    }
    if !s.settings.run {
        let ok = built.success || !built.stderr.contains(&format!("`{}`", s.package));
        if ok {
            return (SampleResult::new(Status::Built), None);
        }
        return fail(format!(
            "sample `{}` did not build:\n{}",
            s.name,
            error_lines(&built.stderr)
        ));
    }
    let Some(exe) = built.executables.get(&s.name) else {
        return fail(format!(
            "sample `{}` did not build:\n{}",
            s.name,
            error_lines(&built.stderr)
        ));
    };
    let stdin = match &s.settings.stdin {
        None => None,
        Some(name) => match runner::file_in(&s.dir, name).map(std::fs::read) {
            Some(Ok(bytes)) => Some(bytes),
            _ => {
                return fail(format!(
                    "sample `{}`: cannot read its stdin file `{name}`",
                    s.name
                ));
            }
        },
    };
    let expected =
        match runner::file_in(&s.dir, &s.settings.expected_output).map(std::fs::read_to_string) {
            Some(Ok(text)) => text,
            _ => {
                return fail(format!(
                    "sample `{}` has no expected output file `{}`",
                    s.name, s.settings.expected_output
                ));
            }
        };
    let run = match runner::run(&runner::RunSpec {
        exe,
        args: &s.settings.args,
        cwd: &s.dir,
        stdin,
        timeout: s.settings.timeout(),
    }) {
        Ok(r) => r,
        Err(e) => return fail(format!("sample `{}` could not be started: {e}", s.name)),
    };
    let root_text = site.root.to_string_lossy();
    let stdout = String::from_utf8_lossy(&run.stdout).replace(root_text.as_ref(), ".");
    let stderr = String::from_utf8_lossy(&run.stderr).replace(root_text.as_ref(), ".");
    let mut result = SampleResult {
        status: Status::Verified,
        stdout: stdout.clone(),
        exit_code: run.status.and_then(|st| st.code()),
        millis: run.elapsed.as_millis() as u64,
        reused: false,
    };
    let problem = match run.status {
        None => Some(format!(
            "sample `{}` did not finish within {} s and was killed",
            s.name,
            s.settings.timeout().as_secs()
        )),
        Some(st) if st.code() != Some(s.settings.exit_code) => Some(format!(
            "sample `{}` exited with {} (expected {}){}",
            s.name,
            st.code()
                .map_or_else(|| "a signal".to_string(), |c| format!("status {c}")),
            s.settings.exit_code,
            tail("stderr", &stderr)
        )),
        _ if normalize(&stdout) != normalize(&expected) => Some(format!(
            "sample `{}` printed something else than {}:\n{}",
            s.name,
            s.settings.expected_output,
            diff(&normalize(&expected), &normalize(&stdout))
        )),
        _ => None,
    };
    if let Some(message) = problem {
        result.status = Status::Failed;
        let file = Path::new(SAMPLES_DIR)
            .join(&s.name)
            .join(&s.settings.expected_output);
        return (result, Some(Diagnostic::error(file, message)));
    }
    if run.truncated {
        result.status = Status::Failed;
        return (
            result,
            Some(Diagnostic::error(
                &sample_path,
                format!("sample `{}` printed more than 1 MiB", s.name),
            )),
        );
    }
    (result, None)
}

/// Line endings and trailing whitespace do not count.
fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_string()
}

fn diff(expected: &str, actual: &str) -> String {
    let (expected, actual) = (format!("{expected}\n"), format!("{actual}\n"));
    similar::TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

fn tail(label: &str, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let start = lines.len().saturating_sub(10);
    format!("; {label}:\n{}", lines[start..].join("\n"))
}

fn error_lines(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error"))
        .take(20)
        .collect();
    if lines.is_empty() {
        stderr.lines().rev().take(10).collect::<Vec<_>>().join("\n")
    } else {
        lines.join("\n")
    }
}

/// The version of the toolchain that builds the samples in `dir`
/// (`rustc -V`, run there so that a `rust-toolchain` file counts).
pub(crate) fn rustc_version(dir: &Path) -> Option<String> {
    let out =
        std::process::Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
            .arg("-V")
            .current_dir(dir)
            .output()
            .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().nth(1).map(String::from)
}

/// Sample names from front matter `samples: [a, b]`.
fn front_matter_samples(source: &Source, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let Some(value) = source.front.extra.get("samples") else {
        return Vec::new();
    };
    match value {
        serde_yaml::Value::Sequence(items) if items.iter().all(|i| i.is_string()) => items
            .iter()
            .filter_map(|i| i.as_str().map(String::from))
            .collect(),
        serde_yaml::Value::String(s) => vec![s.clone()],
        _ => {
            diags.push(
                Diagnostic::error(
                    &source.file,
                    "front matter key `samples` must be a list of sample names",
                )
                .at_pos(source.key_position("samples")),
            );
            Vec::new()
        }
    }
}

fn canonical_root(site: &Site) -> PathBuf {
    std::fs::canonicalize(&site.root).unwrap_or_else(|_| site.root.clone())
}

fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or(path)
}

/// Resolves a directive of a topic to what the page will show.
fn resolve_directive(
    root: &Path,
    source: &Source,
    directive: &Directive,
    offset: usize,
    referenced_by: &mut BTreeMap<String, BTreeSet<PathBuf>>,
    diags: &mut Vec<Diagnostic>,
) -> Block {
    let place = source.body_position(offset);
    match directive {
        Directive::SampleOutput { name } => {
            referenced_by
                .entry(name.clone())
                .or_default()
                .insert(source.file.clone());
            Block::Output(name.clone())
        }
        Directive::Code(code) => match listing(root, source, code) {
            Ok(listing) => {
                if let Some(name) = &listing.sample {
                    referenced_by
                        .entry(name.clone())
                        .or_default()
                        .insert(source.file.clone());
                }
                Block::Code(listing)
            }
            Err((message, hint)) => {
                let mut d = Diagnostic::error(&source.file, message).at_pos(place);
                if let Some(h) = hint {
                    d = d.hint(h);
                }
                diags.push(d);
                Block::Missing
            }
        },
    }
}

type Problem = (String, Option<String>);

fn listing(root: &Path, source: &Source, code: &CodeRef) -> Result<Listing, Problem> {
    let path = code.path.trim();
    let topic_dir = root
        .join(&source.file)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.to_path_buf());
    let Some(file) = join_inside(root, &topic_dir, path) else {
        return Err((
            format!("code include `{path}` is outside the site; it was not read"),
            Some(
                "include paths are relative to the topic and stay inside the site root".to_string(),
            ),
        ));
    };
    let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
    let text = match std::fs::read(&file) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| (format!("code include `{path}` is not UTF-8 text"), None))?,
        Err(e) => {
            return Err((
                format!("code include `{path}`: cannot read {}: {e}", rel.display()),
                None,
            ));
        }
    };
    // Symbolic links inside the site may not lead outside it.
    if let Ok(real) = std::fs::canonicalize(&file)
        && !real.starts_with(root)
    {
        return Err((
            format!("code include `{path}` leads outside the site; it was not read"),
            None,
        ));
    }
    let file_label = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let (lines, highlight) = cut(&text, code, path, &file_label)?;
    let sample = file_label
        .strip_prefix("samples/")
        .and_then(|r| r.split('/').next())
        .filter(|_| rel.components().count() > 2)
        .map(String::from);
    Ok(Listing {
        lang: if code.lang.is_empty() {
            language_of(&file_label)
        } else {
            code.lang.clone()
        },
        title: code.title.clone(),
        file: file_label,
        lines,
        highlight,
        sample,
    })
}

/// The lines of `text` a code include shows, and the ones it emphasizes:
/// region, then range, then dedent, as DocFX applies them.
fn cut(
    text: &str,
    code: &CodeRef,
    path: &str,
    file_label: &str,
) -> Result<(Vec<String>, Vec<usize>), Problem> {
    let problem = |e: snippets::SnippetError| (format!("code include `{path}`: {e}"), None);
    let region = code.region.as_deref().filter(|r| !r.is_empty());
    let lines = snippets::region(text, region).map_err(|e| {
        let known = snippets::region_names(text);
        let hint = if known.is_empty() {
            format!(
                "{file_label} has no regions; mark one with {}",
                marker_example(file_label)
            )
        } else {
            format!("regions in {file_label}: {}", known.join(", "))
        };
        (format!("code include `{path}`: {e}"), Some(hint))
    })?;
    let lines: Vec<&str> = match &code.range {
        Some(spec) => {
            let keep = snippets::parse_lines(spec, lines.len()).map_err(problem)?;
            keep.into_iter().map(|n| lines[n - 1]).collect()
        }
        None => lines,
    };
    let dedent = match &code.dedent {
        Some(spec) => snippets::parse_dedent(spec).map_err(problem)?,
        None => None,
    };
    let lines = match dedent {
        Some(n) => snippets::dedent_by(&lines, n),
        None => snippets::dedent(&lines),
    };
    let highlight = match &code.highlight {
        Some(spec) => snippets::parse_lines(spec, lines.len()).map_err(problem)?,
        None => Vec::new(),
    };
    Ok((lines, highlight))
}

/// How a region is marked in a file like `file`, for hints.
fn marker_example(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or_default() {
        "cs" => "`#region Name` ... `#endregion`",
        "vb" => "`#Region \"Name\"` ... `#End Region`",
        _ => "`// <name>` ... `// </name>`",
    }
}

/// `dir/rel`, with `.` and `..` resolved lexically; `None` if it leaves `root`.
fn join_inside(root: &Path, dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = rel
        .strip_prefix("~/")
        .map(|r| root.join(r))
        .unwrap_or_else(|| dir.join(rel));
    let mut out = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out.starts_with(root).then_some(out)
}

fn language_of(file: &str) -> String {
    match file.rsplit('.').next().unwrap_or_default() {
        "rs" => "rust",
        "c" | "h" => "c",
        "cpp" | "cc" | "hpp" => "cpp",
        "toml" => "toml",
        "sh" => "sh",
        "json" => "json",
        "yml" | "yaml" => "yaml",
        _ => "text",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_ignores_line_ends_and_trailing_space() {
        assert_eq!(normalize("a  \r\nb\n\n"), normalize("a\nb"));
        assert_ne!(normalize("a\nb"), normalize("a\nc"));
    }

    #[test]
    fn diffs_show_both_sides() {
        let d = diff("one\ntwo", "one\nthree");
        assert!(d.contains("-two\n+three\n"), "{d}");
        assert!(!d.contains("No newline"), "{d}");
    }

    #[test]
    fn joins_stay_under_the_root() {
        let root = Path::new("/site");
        let topic = Path::new("/site/content/en/interop");
        assert_eq!(
            join_inside(root, topic, "../../../samples/x/a.rs"),
            Some(PathBuf::from("/site/samples/x/a.rs"))
        );
        assert_eq!(join_inside(root, topic, "../../../../etc/passwd"), None);
        assert_eq!(join_inside(root, topic, "/etc/passwd"), None);
        assert_eq!(
            join_inside(root, topic, "~/samples/a.rs"),
            Some(PathBuf::from("/site/samples/a.rs"))
        );
    }

    const NATIVE: &str = "namespace Interop\n{\n    class NativeMethods\n    {\n        #region Declarations\n        [DllImport(\"user32.dll\")]\n        static extern int MessageBox();\n        #endregion\n    }\n}\n";

    fn include(line: &str) -> CodeRef {
        match crate::markdown::directives::parse_block(line) {
            Some(Ok(Directive::Code(c))) => c,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn includes_cut_regions_then_dedent_as_docfx_does() {
        let label = "snippets/NativeMethods.cs";
        let auto = include("[!code-csharp[T](../snippets/NativeMethods.cs#Declarations)]");
        let (lines, _) = cut(NATIVE, &auto, &auto.path, label).unwrap();
        assert_eq!(
            lines,
            [
                "[DllImport(\"user32.dll\")]",
                "static extern int MessageBox();"
            ]
        );
        let by_4 = include(
            ":::code language=\"csharp\" source=\"../snippets/NativeMethods.cs\" id=\"declarations\" dedent=\"4\" highlight=\"2\":::",
        );
        let (lines, highlight) = cut(NATIVE, &by_4, &by_4.path, label).unwrap();
        assert_eq!(
            lines,
            [
                "    [DllImport(\"user32.dll\")]",
                "    static extern int MessageBox();"
            ]
        );
        assert_eq!(highlight, [2]);
        // The whole file, dedent 0: nothing removed, no marker lines.
        let whole = include("[!code-csharp[T](../snippets/NativeMethods.cs?dedent=0)]");
        let (lines, _) = cut(NATIVE, &whole, &whole.path, label).unwrap();
        assert_eq!(lines.len(), NATIVE.lines().count() - 2);
        assert_eq!(lines[5], "        static extern int MessageBox();");
    }

    #[test]
    fn include_errors_explain_regions_and_dedent() {
        let label = "snippets/NativeMethods.cs";
        let missing = include("[!code-csharp[T](NativeMethods.cs?name=Imports)]");
        let (message, hint) = cut(NATIVE, &missing, &missing.path, label).unwrap_err();
        assert!(
            message.contains("there is no region `Imports`"),
            "{message}"
        );
        assert_eq!(
            hint.as_deref(),
            Some("regions in snippets/NativeMethods.cs: Declarations")
        );
        let (_, hint) = cut("class A {}\n", &missing, &missing.path, label).unwrap_err();
        assert!(hint.unwrap().contains("`#region Name` ... `#endregion`"));
        let bad = include("[!code-csharp[T](NativeMethods.cs?name=Declarations&dedent=x)]");
        let (message, _) = cut(NATIVE, &bad, &bad.path, label).unwrap_err();
        assert!(message.contains("`x` is not a dedent"), "{message}");
    }
}
