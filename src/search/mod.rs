//! Stage: search. One index per locale (`<locale>/search/`), built from the
//! article HTML already in memory, so each locale searches its own pages
//! (fallback pages included, marked) in its own language: words are matched
//! by stem and without accents ([`words`]), Chinese by pairs of characters,
//! Korean without its particles ([`korean`]). The index is static files that
//! `static/search-engine.js` reads ([`bundle`]).

mod bundle;
mod cache;
pub mod korean;
mod text;
mod words;

use std::path::Path;
use std::sync::Arc;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::locale::LocaleId;
use crate::write::{self, OutFile};

/// Folder of each locale's index, beside its pages.
pub const BUNDLE_DIR: &str = "search";

/// The endings the search box strips from each word of a query in `language`.
pub fn query_endings(language: &str) -> &'static str {
    static KOREAN: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| korean::ENDINGS.join(" "));
    if language == "ko" { &KOREAN } else { "" }
}

/// How much of a page's article is indexed. A longer page is a book, not a
/// page: its first part is searchable, and the build says so.
pub const MAX_INDEXED: usize = 1024 * 1024;

/// The part of an article that is indexed: all of it, or a copy of its first
/// [`MAX_INDEXED`] bytes, so that a huge page is not kept whole until the
/// search stage runs.
pub fn indexed(html: Arc<String>) -> Arc<String> {
    if html.len() <= MAX_INDEXED {
        return html;
    }
    let mut cut = MAX_INDEXED;
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    Arc::new(html[..cut].to_string())
}

/// One page to index.
#[derive(Clone)]
pub struct Doc {
    /// The Markdown file, for diagnostics.
    pub file: std::path::PathBuf,
    pub locale: LocaleId,
    /// Output path relative to the output root (`ko/interop/a.html`).
    pub out_path: String,
    pub title: String,
    /// The article: the page's Markdown as HTML, without the chrome around it.
    /// Shared with the render stage's page, not copied; cut by [`indexed`].
    pub html: Arc<String>,
    /// Bytes of the whole article.
    pub size: usize,
    /// The article has no level-1 heading: the title is indexed as one, as
    /// the reader sees it above the article.
    pub heading: bool,
    /// An untranslated page shown in this locale.
    pub fallback: bool,
}

/// Builds every locale's bundle, or takes it from the cache when none of the
/// locale's pages changed. A bundle that cannot be saved to the cache is a
/// warning; the site is written all the same.
pub fn index(
    site: &Site,
    docs: Vec<Arc<Doc>>,
    cache_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutFile> {
    let mut by_locale: Vec<Vec<Arc<Doc>>> = site.locales.ids().map(|_| Vec::new()).collect();
    for doc in docs {
        if doc.size > MAX_INDEXED {
            // Same text for a fallback page in every locale: reported once.
            diags.push(
                Diagnostic::warning(
                    &doc.file,
                    format!(
                        "the page is {} MiB of HTML; only its first MiB is searchable",
                        doc.size / (1024 * 1024)
                    ),
                )
                .hint("split it into several topics"),
            );
        }
        by_locale[doc.locale].push(doc);
    }
    // One bundle is built on one thread, and there are more locales than cores: the largest go first so that no large one is
    // left to run alone at the end.
    let mut jobs: Vec<(LocaleId, Vec<Arc<Doc>>)> = by_locale
        .into_iter()
        .enumerate()
        .filter(|(_, docs)| !docs.is_empty())
        .collect();
    jobs.sort_by_key(|(_, docs)| {
        std::cmp::Reverse(docs.iter().map(|d| d.html.len()).sum::<usize>())
    });
    let workers = rayon::current_num_threads().min(jobs.len());
    // Each job lets go of its pages when done: the last bundle, built alone,
    // is built beside its own pages only.
    type Job = std::sync::Mutex<Option<(LocaleId, Vec<Arc<Doc>>)>>;
    let jobs: Vec<Job> = jobs
        .into_iter()
        .map(|job| std::sync::Mutex::new(Some(job)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::new());
    rayon::scope(|s| {
        for _ in 0..workers {
            s.spawn(|_| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else {
                        break;
                    };
                    let Some((locale, docs)) = job.lock().ok().and_then(|mut j| j.take()) else {
                        continue;
                    };
                    let result = locale_bundle(site, locale, &docs, cache_dir);
                    drop(docs);
                    if let Ok(mut done) = done.lock() {
                        done.push((locale, result));
                    }
                }
            });
        }
    });
    let mut results = done.into_inner().unwrap_or_default();
    results.sort_by_key(|(locale, _)| *locale);
    let mut files = Vec::new();
    for (_, (mut f, diag)) in results {
        files.append(&mut f);
        diags.extend(diag);
    }
    files
}

/// One locale's bundle, as output files under `<locale>/search/`.
fn locale_bundle(
    site: &Site,
    locale: LocaleId,
    docs: &[Arc<Doc>],
    cache_dir: &Path,
) -> (Vec<OutFile>, Option<Diagnostic>) {
    let loc = site.locales.get(locale);
    let dir = loc.dir();
    let prefix = format!("{dir}/");
    let urls: Vec<&str> = docs
        .iter()
        .map(|doc| doc.out_path.strip_prefix(&prefix).unwrap_or(&doc.out_path))
        .collect();
    let output = |files: Vec<(String, write::Content)>| -> Vec<OutFile> {
        files
            .into_iter()
            .map(|(name, content)| OutFile {
                path: format!("{dir}/{BUNDLE_DIR}/{name}"),
                content,
            })
            .collect()
    };

    let parts = docs.iter().zip(&urls).map(|(doc, url)| {
        let flags: &[u8] = match (doc.fallback, doc.heading) {
            (false, false) => b"00",
            (false, true) => b"01",
            (true, false) => b"10",
            (true, true) => b"11",
        };
        [
            url.as_bytes(),
            doc.title.as_bytes(),
            flags,
            doc.html.as_bytes(),
        ]
    });
    let stored = cache::Stored::new(cache_dir, &dir, &loc.code, parts);
    if let Some(files) = stored.get() {
        return (output(files), None);
    }
    // The language subtag picks the stemmer (and the Korean endings).
    let pages: Vec<bundle::Page> = docs
        .iter()
        .zip(&urls)
        .map(|(doc, url)| bundle::Page {
            url,
            title: &doc.title,
            fallback: doc.fallback,
            html: &doc.html,
            heading: doc.heading,
        })
        .collect();
    let files = bundle::build(loc.language(), &pages);
    let warning = stored.put(&files).err().map(|e| {
        Diagnostic::warning(
            crate::cache::DIR,
            format!("cannot save the search index of {}: {e}", loc.code),
        )
    });
    let files = files
        .into_iter()
        .map(|(name, bytes)| (name, write::Content::Owned(bytes)))
        .collect();
    (output(files), warning)
}
