//! Stage: search. One Pagefind bundle per locale (`<locale>/pagefind/`), built
//! from the article HTML already in memory, so each locale searches its own
//! pages (fallback pages included, marked) in its own language: French is
//! stemmed and matched without accents, Chinese is segmented by the `extended`
//! build of Pagefind, Korean gets its particles marked (see [`korean`]).

mod cache;
pub mod korean;

use std::path::Path;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::escape;
use crate::locale::LocaleId;
use crate::write::{self, OutFile};

/// Folder of each locale's bundle, beside its pages.
pub const BUNDLE_DIR: &str = "pagefind";

/// The endings the search box strips from each word of a query in `language`.
pub fn query_endings(language: &str) -> &'static str {
    static KOREAN: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| korean::ENDINGS.join(" "));
    if language == "ko" { &KOREAN } else { "" }
}

/// Pagefind's files the site does not use (we ship our own search box).
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// How much of a page's article is indexed. A longer page is a book, not a
/// page: its first part is searchable, and the build says so.
pub const MAX_INDEXED: usize = 1024 * 1024;

/// One page to index.
pub struct Doc {
    /// The Markdown file, for diagnostics.
    pub file: std::path::PathBuf,
    pub locale: LocaleId,
    /// Output path relative to the output root (`ko/interop/a.html`).
    pub out_path: String,
    pub title: String,
    /// The article: the page's Markdown as HTML, without the chrome around it.
    /// Shared with the render stage's page, not copied.
    pub html: std::sync::Arc<String>,
    /// The article has no level-1 heading: the title is indexed as one, as
    /// the reader sees it above the article.
    pub heading: bool,
    /// An untranslated page shown in this locale.
    pub fallback: bool,
}

/// Builds every locale's bundle, or takes it from the cache when none of the
/// locale's pages changed. A locale whose index cannot be built is an error
/// diagnostic; the rest of the site is still rendered.
pub fn index(
    site: &Site,
    docs: Vec<Doc>,
    cache_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<OutFile> {
    let mut by_locale: Vec<Vec<Doc>> = site.locales.ids().map(|_| Vec::new()).collect();
    for mut doc in docs {
        if doc.html.len() > MAX_INDEXED {
            // Same text for a fallback page in every locale: reported once.
            diags.push(
                Diagnostic::warning(
                    &doc.file,
                    format!(
                        "the page is {} MiB of HTML; only its first MiB is searchable",
                        doc.html.len() / (1024 * 1024)
                    ),
                )
                .hint("split it into several topics"),
            );
            let mut cut = MAX_INDEXED;
            while !doc.html.is_char_boundary(cut) {
                cut -= 1;
            }
            doc.html = std::sync::Arc::new(doc.html[..cut].to_string());
        }
        by_locale[doc.locale].push(doc);
    }
    // One bundle is one Pagefind index, built on one thread, and there are
    // more locales than cores: the largest go first so that no large one is
    // left to run alone at the end.
    let mut jobs: Vec<(LocaleId, Vec<Doc>)> = by_locale
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
    type Job = std::sync::Mutex<Option<(LocaleId, Vec<Doc>)>>;
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

/// One locale's bundle, as output files under `<locale>/pagefind/`.
fn locale_bundle(
    site: &Site,
    locale: LocaleId,
    docs: &[Doc],
    cache_dir: &Path,
) -> (Vec<OutFile>, Option<Diagnostic>) {
    let loc = site.locales.get(locale);
    let dir = loc.dir();
    // The language subtag picks the stemmer, the segmenter (zh) and the
    // matching search WebAssembly.
    let language = loc.language();
    let urls: Vec<String> = docs
        .iter()
        .map(|doc| {
            format!(
                "/{}",
                doc.out_path
                    .strip_prefix(&format!("{dir}/"))
                    .unwrap_or(&doc.out_path)
            )
        })
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
    // Each document is made as Pagefind takes it, not all of them first.
    let pages = docs.iter().zip(urls).map(|(doc, url)| Page {
        url,
        html: indexed_html(doc, &loc.code, language),
    });
    match build_bundle(language, pages) {
        Ok(files) => {
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
        Err(e) => (
            Vec::new(),
            Some(Diagnostic::error(
                format!("content/{}", loc.code),
                format!("cannot build the search index of {}: {e}", loc.code),
            )),
        ),
    }
}

/// A page as Pagefind gets it.
struct Page {
    /// Relative to the locale's folder: the search box sets the base.
    url: String,
    html: String,
}

/// Runs Pagefind over the pages; returns its files (name in the bundle, bytes).
fn build_bundle(
    language: &str,
    pages: impl Iterator<Item = Page>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .exclude_selectors(vec![".heading-anchor".to_string()])
            .force_language(language.to_string())
            .write_playground(false)
            .build();
        let mut bundle =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for page in pages {
            let Page { url, html } = page;
            bundle
                .add_html_file(None, Some(url.clone()), html)
                .await
                .map_err(|e| format!("{url}: {e}"))?;
        }
        let files = bundle.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
            .collect())
    })
}

/// The document Pagefind reads for a page: title and fallback mark as metadata,
/// the article as the body.
fn indexed_html(doc: &Doc, code: &str, language: &str) -> String {
    let plain = without_spans(&doc.html);
    let body = if !query_endings(language).is_empty() {
        korean::mark_endings(&plain)
    } else {
        plain
    };
    let title = escape::html(&doc.title);
    let heading = if doc.heading {
        format!("<h1>{title}</h1>")
    } else {
        String::new()
    };
    let fallback = if doc.fallback {
        r#"<meta data-pagefind-meta="fallback[content]" content="1">"#
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head>\
         <meta data-pagefind-meta=\"title[content]\" content=\"{title}\">{fallback}</head>\
         <body>{heading}{body}</body></html>"
    )
}

/// The article without its `<span>` tags (their text stays). Highlighted code
/// is mostly spans, which say nothing to search and made up most of what
/// Pagefind had to parse.
fn without_spans(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let span = tail.starts_with("</span>")
            || tail
                .strip_prefix("<span")
                .is_some_and(|t| t.starts_with(['>', ' ', '\t', '\n', '/']));
        match tail.find('>') {
            Some(end) if span => rest = &tail[end + 1..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_go_and_their_text_and_other_tags_stay() {
        let html = r#"<p>a <spanner>b</spanner></p><pre><code><span class="hl-k">fn</span> <span class="x"><span>main</span></span>()</code></pre>"#;
        assert_eq!(
            without_spans(html),
            "<p>a <spanner>b</spanner></p><pre><code>fn main()</code></pre>"
        );
        assert_eq!(without_spans("1 < 2 <span"), "1 < 2 <span");
    }
}
