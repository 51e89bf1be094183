//! Stage: search. One Pagefind bundle per locale (`<locale>/pagefind/`), built
//! from the article HTML already in memory, so each locale searches its own
//! pages (fallback pages included, marked) in its own language: French is
//! stemmed and matched without accents, Chinese is segmented by the `extended`
//! build of Pagefind, Korean gets its particles marked (see [`korean`]).

pub mod korean;

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::escape;
use crate::locale::LocaleId;
use crate::write::{Content, OutFile};

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

/// One page to index.
pub struct Doc {
    pub locale: LocaleId,
    /// Output path relative to the output root (`ko/interop/a.html`).
    pub out_path: String,
    pub title: String,
    /// The article: the page's Markdown as HTML, without the chrome around it.
    pub html: String,
    /// An untranslated page shown in this locale.
    pub fallback: bool,
}

/// Builds every locale's bundle. A locale whose index cannot be built is a
/// diagnostic; the rest of the site is still written.
pub fn index(site: &Site, docs: Vec<Doc>, diags: &mut Vec<Diagnostic>) -> Vec<OutFile> {
    let mut by_locale: Vec<Vec<Doc>> = site.locales.ids().map(|_| Vec::new()).collect();
    for doc in docs {
        by_locale[doc.locale].push(doc);
    }
    let results: Vec<Result<Vec<OutFile>, Diagnostic>> = by_locale
        .into_par_iter()
        .enumerate()
        .filter(|(_, docs)| !docs.is_empty())
        .map(|(locale, docs)| locale_bundle(site, locale, docs))
        .collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(mut f) => files.append(&mut f),
            Err(d) => diags.push(d),
        }
    }
    files
}

fn locale_bundle(
    site: &Site,
    locale: LocaleId,
    docs: Vec<Doc>,
) -> Result<Vec<OutFile>, Diagnostic> {
    let loc = site.locales.get(locale);
    let dir = loc.dir();
    // The language subtag picks the stemmer, the segmenter (zh) and the
    // matching search WebAssembly.
    let language = loc.language().to_string();
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(
            format!("content/{}", loc.code),
            format!("cannot build the search index of {}: {what}: {e}", loc.code),
        )
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail("runtime", &e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .exclude_selectors(vec![".heading-anchor".to_string()])
            .force_language(language.clone())
            .write_playground(false)
            .build();
        let mut bundle =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| fail("options", &e))?;
        for doc in docs {
            let url = doc
                .out_path
                .strip_prefix(&format!("{dir}/"))
                .unwrap_or(&doc.out_path);
            let html = indexed_html(&doc, &loc.code, &language);
            bundle
                .add_html_file(None, Some(format!("/{url}")), html)
                .await
                .map_err(|e| fail(&doc.out_path, &e))?;
        }
        let files = bundle.get_files().await.map_err(|e| fail("output", &e))?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (!UNUSED.contains(&name.as_str())).then(|| OutFile {
                    path: format!("{dir}/{BUNDLE_DIR}/{name}"),
                    content: Content::Owned(f.contents),
                })
            })
            .collect())
    })
}

/// The document Pagefind reads for a page: title and fallback mark as metadata,
/// the article as the body.
fn indexed_html(doc: &Doc, code: &str, language: &str) -> String {
    let body = if !query_endings(language).is_empty() {
        korean::mark_endings(&doc.html)
    } else {
        doc.html.clone()
    };
    let title = escape::html(&doc.title);
    let fallback = if doc.fallback {
        r#"<meta data-pagefind-meta="fallback[content]" content="1">"#
    } else {
        ""
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head>\
         <meta data-pagefind-meta=\"title[content]\" content=\"{title}\">{fallback}</head>\
         <body>{body}</body></html>"
    )
}
