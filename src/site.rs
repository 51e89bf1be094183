//! The pipeline, start to end: each stage takes the previous stage's value.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Overrides, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::render::strings::Strings;
use crate::render::templates::Templates;
use crate::report::{BuildReport, LocaleSummary, SampleSummary, Timings};
use crate::write::OutFile;
use crate::{assets, fresh, index, links, load, render, samples, search, write};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub overrides: Overrides,
    /// Warnings fail the build.
    pub strict: bool,
    /// Show a progress line (the caller decides: only on a terminal).
    pub progress: bool,
    /// `interdoc check`: everything but writing the output.
    pub check_only: bool,
    /// Show code includes but build and run no sample.
    pub skip_samples: bool,
    /// Write the site even when there are errors (they are still reported
    /// and still fail the build): a docset mid-migration can be looked at.
    pub keep_going: bool,
}

impl BuildOptions {
    /// The options that change what a build writes or reports, as text.
    fn key(&self) -> String {
        format!(
            "strict={} skip_samples={} keep_going={} base_url={:?}",
            self.strict, self.skip_samples, self.keep_going, self.overrides.base_url
        )
    }
}

/// Problems that stop a build before it can look at the content.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0} has no content/ folder; is this a site? (`interdoc init` creates one)")]
    NotASite(PathBuf),
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error("invalid site configuration:\n{0}")]
    Config(String),
}

/// Builds the site under `root` into its output folder. Content problems are in
/// the report; only usage and I/O problems are errors.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let Rendered {
        mut report,
        files,
        site,
        inputs,
        search,
        samples,
        progress,
        staged,
    } = match render_site(root, options, None)? {
        Ok(rendered) => rendered,
        Err(report) => return Ok(report),
    };
    let Some(Staged { staging, written }) = staged else {
        // `check`: nothing is written.
        report.files = files.len();
        progress.finish();
        return Ok(report);
    };
    // Pages were written as they were rendered; a failed build drops the new
    // folder, and the previous site stays.
    let mut digests = written.into_digests()?;
    report.files = digests.len() + files.len();
    if report.failed() && !options.keep_going {
        progress.finish();
        return Ok(report);
    }
    progress.stage("writing");
    report.timings.start("write");
    digests.extend(staging.add(&files)?);
    drop(files);
    let search = search_bundles(&site, search, &mut report, &progress);
    if report.failed() && !options.keep_going {
        progress.finish();
        return Ok(report);
    }
    progress.stage("writing");
    report.timings.start("write");
    digests.extend(staging.add(&search)?);
    drop(search);
    let info = build_info(&report, &samples, &mut digests);
    staging.add(std::slice::from_ref(&info))?;
    staging.commit()?;
    report.timings.stop();
    report.files = digests.len() + 1;
    report.written = true;
    if !report.failed()
        && let Some(inputs) = inputs
    {
        // A cache: the next build is a full one without it.
        let _ = inputs.keep(&report);
    }
    progress.finish();
    Ok(report)
}

/// A site rendered in memory, not written yet: `build` writes the pages, then
/// the search bundles; `serve` writes the pages first and the bundles later.
pub struct Rendered {
    pub report: BuildReport,
    /// Pages and assets.
    pub files: Vec<OutFile>,
    pub site: Site,
    /// In `build`: what the site was built from, to tell the next build
    /// whether anything changed.
    inputs: Option<fresh::Inputs>,
    search: Vec<Arc<search::Doc>>,
    samples: samples::Samples,
    progress: Progress,
    /// In `build`: the new output folder, holding the pages already.
    staged: Option<Staged>,
}

/// The new output folder of a `build`, filled while the pages are rendered.
struct Staged {
    staging: write::Staging,
    written: Streamed,
}

/// The pages handed to the output folder so far: the path and hash of each,
/// or the first error.
struct Streamed(std::sync::Mutex<Result<Digests, write::WriteError>>);

/// Path and hash (BLAKE3) of each file written.
type Digests = Vec<(String, [u8; 32])>;

impl Default for Streamed {
    fn default() -> Self {
        Streamed(std::sync::Mutex::new(Ok(Vec::new())))
    }
}

impl Streamed {
    fn page(&self, staging: &write::Staging, file: &OutFile) {
        let added = staging.add_one(file);
        if let Ok(mut all) = self.0.lock()
            && let Ok(list) = all.as_mut()
        {
            match added {
                Ok(digest) => list.push(digest),
                Err(e) => *all = Err(e),
            }
        }
    }

    fn into_digests(self) -> Result<Digests, write::WriteError> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Rendered {
    /// Builds the search bundles (their problems join the report).
    pub fn index_search(&mut self) -> Vec<OutFile> {
        let docs = std::mem::take(&mut self.search);
        search_bundles(&self.site, docs, &mut self.report, &self.progress)
    }
}

/// The search stage, timed, its problems added to the report.
fn search_bundles(
    site: &Site,
    docs: Vec<Arc<search::Doc>>,
    report: &mut BuildReport,
    progress: &Progress,
) -> Vec<OutFile> {
    progress.stage("search index");
    report.timings.start("search");
    let mut diags = Vec::new();
    let cache_dir = site.root.join(crate::cache::DIR);
    let files = search::index(site, docs, &cache_dir, &mut diags);
    report.timings.stop();
    if !diags.is_empty() {
        report.diagnostics.append(&mut diags);
        diagnostics::normalize(&mut report.diagnostics);
    }
    files
}

/// What a `serve` session keeps from one build to the next, per stage: the
/// files read, the bodies parsed and the pages rendered.
#[derive(Default)]
pub struct Memo {
    pub load: load::Memo,
    pub index: index::Memo,
    pub links: links::Memo,
    pub render: render::Memo,
}

impl Memo {
    /// Forgets everything: a file every page depends on changed.
    pub fn clear(&self) {
        self.load.clear();
        self.index.clear();
        self.links.clear();
        self.render.clear();
    }
}

/// Runs every stage up to the rendered pages. `memo` keeps the work of
/// earlier builds (in `serve`), so only files that changed are read and
/// parsed, and only pages whose inputs changed are rendered again. A
/// configuration that cannot be read gives the report alone.
pub fn render_site(
    root: &Path,
    options: &BuildOptions,
    memo: Option<&Memo>,
) -> Result<Result<Rendered, BuildReport>, BuildError> {
    let progress = Progress::new(options.progress);
    let mut timings = Timings::default();
    timings.start("config");
    let mut diags: Vec<Diagnostic> = Vec::new();
    let site = match Site::load(root, &options.overrides) {
        Ok(site) => site,
        Err(errors) => return Ok(Err(BuildReport::failed_early(errors, options.strict))),
    };
    if !site.content_dir().is_dir() {
        return Err(BuildError::NotASite(root.to_path_buf()));
    }
    let manifest = site.root.join(crate::cache::DIR).join("written");
    let inputs = match memo.is_none() && !options.check_only {
        true => {
            timings.start("unchanged?");
            fresh::Inputs::of(&site.root, &site.out, &options.key())
        }
        false => None,
    };
    if let Some(inputs) = &inputs {
        if let Some(mut report) = inputs.last_build(&manifest, options.strict) {
            timings.stop();
            report.timings = timings;
            return Ok(Err(report));
        }
        inputs.forget();
    }
    let staged = match memo.is_none() && !options.check_only {
        true => Some(Staged {
            staging: write::Staging::begin(&site.out)?.remembered(manifest),
            written: Streamed::default(),
        }),
        false => None,
    };

    progress.stage("loading");
    timings.start("load");
    let mut loaded = load::load(&site, memo.map(|m| &m.load));
    diags.append(&mut loaded.diagnostics);
    let strings = Arc::new(Strings::load(&site, &mut diags));
    let templates = Templates::load(&site, Arc::clone(&strings), &mut diags);
    let xrefs = crate::xrefmap::load(&site, &mut diags);

    progress.stage("indexing");
    timings.start("index");
    let index = index::build(&site, loaded, memo.map(|m| &m.index), &mut diags);
    let assets = assets::collect(&site, &index, &mut diags);
    timings.start("links");
    let resolved = links::resolve(
        &site,
        &index,
        &assets,
        &xrefs,
        memo.map(|m| &m.links),
        &mut diags,
    );
    drop(xrefs);

    progress.stage("samples");
    timings.start("samples");
    let sample_options = samples::Options {
        skip: options.skip_samples,
        ..samples::Options::default()
    };
    let samples = samples::stage(
        &site,
        &index,
        &sample_options,
        &|m| progress.stage(m),
        &mut diags,
    );

    let status = crate::status::compute(&site, &index);

    progress.stage("rendering");
    timings.start("render");
    let cache_dir = site.root.join(crate::cache::DIR);
    let loaded;
    let highlighter = match memo {
        Some(memo) => memo.render.highlighter(&cache_dir),
        None => {
            loaded = crate::highlight::Highlighter::load(&cache_dir);
            &loaded
        }
    };
    let theme = render::Resources {
        strings: &strings,
        templates: &templates,
        assets: &assets,
        samples: &samples,
        status: &status,
        highlighter,
        memo: memo.map(|m| &m.render),
    };
    let emit = |file: OutFile| match &staged {
        Some(s) => {
            s.written.page(&s.staging, &file);
            None
        }
        None => Some(file),
    };
    let rendered = render::render(&site, &index, &resolved, &theme, &emit, &mut diags);
    let mut files = rendered.files;
    files.extend(assets.files);

    timings.stop();
    timings.highlighting = highlighter.busy();
    if let Err(e) = highlighter.save(&cache_dir, memo.is_none()) {
        diags.push(Diagnostic::warning(
            crate::cache::DIR,
            format!("cannot save the highlighting cache: {e}"),
        ));
    }
    diagnostics::normalize(&mut diags);
    let report = BuildReport {
        diagnostics: diags,
        locales: summarize(&site, &index, &resolved, &status),
        samples: SampleSummary::of(&samples),
        strict: options.strict,
        files: files.len(),
        written: false,
        unchanged: false,
        checked_only: options.check_only,
        out: site.out.clone(),
        timings,
    };
    // In `serve`, this rebuild's model of the site is freed aside.
    if memo.is_some() {
        crate::memo::free_aside((index, resolved, status));
    }
    Ok(Ok(Rendered {
        report,
        files,
        site,
        inputs,
        search: rendered.search,
        samples,
        progress,
        staged,
    }))
}

/// `interdoc samples`: builds and runs the samples (all, or only one) without
/// rendering the site; topics are read to know which refer to each sample.
pub fn run_samples(
    root: &Path,
    only: Option<String>,
) -> Result<(samples::Samples, Vec<Diagnostic>), BuildError> {
    let (site, index, mut diags) = load_index(root)?;
    let options = samples::Options {
        all: only.is_none(),
        only,
        ..samples::Options::default()
    };
    let result = samples::stage(&site, &index, &options, &|_| {}, &mut diags);
    diagnostics::normalize(&mut diags);
    Ok((result, diags))
}

/// `interdoc status`: the translation state of every topic.
pub fn translation_status(
    root: &Path,
) -> Result<(crate::status::Status, Vec<Diagnostic>), BuildError> {
    let (site, index, mut diags) = load_index(root)?;
    let status = crate::status::compute(&site, &index);
    diagnostics::normalize(&mut diags);
    Ok((status, diags))
}

/// `interdoc status --stamp FILE...`: records the current source hash in each
/// translation. Returns, per file, whether it changed.
pub fn stamp(root: &Path, files: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>, StampError> {
    let (site, index, _) = load_index(root).map_err(StampError::Build)?;
    let default = site.locales.default_id();
    let content = std::fs::canonicalize(site.content_dir())
        .map_err(|e| StampError::Io(site.content_dir(), e))?;
    let mut out = Vec::new();
    for file in files {
        let abs = std::fs::canonicalize(file).map_err(|e| StampError::Io(file.clone(), e))?;
        let rel = abs
            .strip_prefix(&content)
            .map_err(|_| StampError::NotATranslation(file.clone()))?;
        let mut parts = rel.components();
        let locale = parts
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .and_then(|name| site.locales.resolve(name))
            .ok_or_else(|| StampError::NotATranslation(file.clone()))?;
        let topic = parts
            .as_path()
            .to_str()
            .map(|t| t.replace('\\', "/"))
            .unwrap_or_default();
        if locale == default {
            return Err(StampError::NotATranslation(file.clone()));
        }
        let source = index
            .topics
            .get(&topic)
            .and_then(|by_locale| by_locale[default])
            .ok_or_else(|| StampError::NoSource(file.clone()))?;
        let hash = index.sources[source].source_hash();
        let changed =
            crate::status::stamp(&abs, hash).map_err(|e| StampError::Io(file.clone(), e))?;
        out.push((file.clone(), changed));
    }
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum StampError {
    #[error(transparent)]
    Build(BuildError),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(
        "{0} is not a translation (expected content/<locale>/<topic>.md outside the source locale)"
    )]
    NotATranslation(PathBuf),
    #[error("{0} has no source topic to be stamped against")]
    NoSource(PathBuf),
}

/// Configuration, sources and index, for commands that do not render.
fn load_index(root: &Path) -> Result<(Site, index::Index, Vec<Diagnostic>), BuildError> {
    let mut diags = Vec::new();
    let site = Site::load(root, &Overrides::default()).map_err(|errors| {
        BuildError::Config(
            errors
                .into_iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    if !site.content_dir().is_dir() {
        return Err(BuildError::NotASite(root.to_path_buf()));
    }
    let mut loaded = load::load(&site, None);
    diags.append(&mut loaded.diagnostics);
    let index = index::build(&site, loaded, None, &mut diags);
    Ok((site, index, diags))
}

/// `build-info.json`: what built the site and what it holds. No timestamp: a
/// hash of the other files (of their paths and digests) identifies the build,
/// so an unchanged site keeps every byte.
fn build_info(
    report: &BuildReport,
    samples: &samples::Samples,
    digests: &mut [(String, [u8; 32])],
) -> write::OutFile {
    use sha2::{Digest, Sha256};
    digests.sort_unstable();
    let mut h = Sha256::new();
    for (path, digest) in digests.iter() {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(digest);
    }
    let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let pages: std::collections::BTreeMap<&str, serde_json::Value> = report
        .locales
        .iter()
        .map(|l| {
            let info = serde_json::json!({
                "pages": l.translated + l.missing.len(),
                "translated": l.translated,
                "missing": l.missing.len(),
                "outdated": l.outdated,
            });
            (l.code.as_str(), info)
        })
        .collect();
    let sample_results: std::collections::BTreeMap<&str, &samples::Status> = samples
        .results
        .iter()
        .map(|(name, r)| (name.as_str(), &r.status))
        .collect();
    let info = serde_json::json!({
        "generator": format!("interdoc {}", env!("CARGO_PKG_VERSION")),
        "rustc": samples.rustc,
        "content_hash": hash,
        "locales": pages,
        "samples": sample_results,
    });
    write::OutFile {
        path: "build-info.json".to_string(),
        content: write::Content::Owned(serde_json::to_vec_pretty(&info).unwrap_or_default()),
    }
}

fn summarize(
    site: &Site,
    index: &index::Index,
    links: &links::Resolved,
    status: &crate::status::Status,
) -> Vec<LocaleSummary> {
    site.locales
        .ids()
        .map(|l| {
            let pages: Vec<_> = index.pages.iter().filter(|p| p.locale == l).collect();
            LocaleSummary {
                code: site.locales.get(l).code.clone(),
                translated: pages.iter().filter(|p| !p.fallback).count(),
                missing: pages
                    .iter()
                    .filter(|p| p.fallback)
                    .map(|p| p.topic.clone())
                    .collect(),
                fallback_links: links.fallback_links[l],
                outdated: status
                    .totals
                    .iter()
                    .find(|t| t.locale == site.locales.get(l).code)
                    .map_or(0, |t| t.outdated),
            }
        })
        .collect()
}

/// A spinner with the current stage, on a terminal only.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(enabled: bool) -> Self {
        Progress(enabled.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        }))
    }

    fn stage(&self, name: impl Into<String>) {
        if let Some(bar) = &self.0 {
            bar.set_message(name.into());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
