//! Pages rendered by earlier builds of a `serve` session, each kept with a
//! hash of its inputs: a rebuild renders again only the pages whose inputs
//! changed (the edited topic, pages whose links, navigation or translation
//! state it changes), and takes the others as they were.
//!
//! Inputs shared by every page (templates, UI strings, static files, the
//! configuration) are not in the hashes: `serve` clears the memo when one of
//! those files changes.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::sidebar::Sidebars;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;

pub use crate::memo::Key;
use crate::memo::{ByText, Shared, Slot};

/// Output path -> key of the inputs and what they gave.
type Table<T> = Mutex<HashMap<String, (Key, Arc<T>)>>;

/// The last rebuild's output, page by page (in `Index::pages` order), with
/// what it was rendered in. With the same pages (the same allocation, from
/// the index) and the same site key, a page whose source the load stage
/// handed on as it was is taken by its place, without a lookup; so are the
/// keyword pages and the sitemap, which are made of the pages' front matter
/// and paths.
pub(super) struct Last {
    pub pages: Arc<Vec<crate::index::PageRef>>,
    pub sources: Vec<Arc<crate::load::Source>>,
    pub surface: Key,
    pub rendered: Vec<Option<super::PageOut>>,
    pub homes: Vec<crate::write::OutFile>,
    pub keywords: Vec<crate::write::OutFile>,
    pub sitemap: crate::write::OutFile,
}

impl Last {
    pub fn holds(&self, index: &crate::index::Index, surface: Option<&Key>) -> bool {
        surface == Some(&self.surface) && Arc::ptr_eq(&self.pages, &index.pages)
    }
}

#[derive(Default)]
pub struct Memo {
    last: crate::memo::Previous<Last>,
    /// The article HTML of each page.
    content: Table<String>,
    /// Each whole page.
    pages: Table<Vec<u8>>,
    /// Each sidebar, by locale, folder depth and open section.
    sidebars: Table<String>,
    /// All of them, with the key of the site around the pages they were
    /// made for: while it is as it was, so are they.
    all_sidebars: Slot<(Arc<Sidebars>, Vec<Diagnostic>)>,
    /// Each page with the site it was rendered in: (key of everything around
    /// the page, its source text, the page, its article). A page whose text
    /// and site are as they were is taken whole, without working out its
    /// parts' keys.
    whole: ByText<(Arc<Vec<u8>>, Arc<String>)>,
    /// Pages rendered (not reused) since the last `take_rendered`.
    rendered: AtomicUsize,
    /// Highlighted blocks stay in memory for the session rather than being
    /// read back from the cache file on every rebuild.
    highlighter: OnceLock<Highlighter>,
}

/// A hash of the parts of an input, each length-prefixed so that two inputs
/// cannot run together.
pub fn key(parts: &[&[u8]]) -> Key {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize().into()
}

/// A hash of a value's JSON form, streamed into the hasher.
pub fn key_of<T: serde::Serialize>(value: &T) -> Key {
    let mut h = Sha256::new();
    // Writing into a hasher cannot fail; a value serde cannot serialize
    // gives the key of what was written before it, which only costs a render.
    let _ = serde_json::to_writer(&mut h, value);
    h.finalize().into()
}

impl Memo {
    pub(super) fn take_last(&self) -> Option<Last> {
        self.last.take()
    }

    pub(super) fn keep_last(&self, last: Last) {
        self.last.keep(last);
    }

    /// Forgets every page: something all pages depend on changed.
    pub fn clear(&self) {
        self.last.clear();
        if let Ok(mut c) = self.content.lock() {
            c.clear();
        }
        if let Ok(mut p) = self.pages.lock() {
            p.clear();
        }
        if let Ok(mut s) = self.sidebars.lock() {
            s.clear();
        }
        self.all_sidebars.clear();
        self.whole.clear();
    }

    /// The session's highlighter, loaded from `cache_dir` the first time.
    pub fn highlighter(&self, cache_dir: &Path) -> &Highlighter {
        self.highlighter
            .get_or_init(|| Highlighter::load(cache_dir))
    }

    /// How many pages were rendered since the last call.
    pub fn take_rendered(&self) -> usize {
        self.rendered.swap(0, Ordering::Relaxed)
    }

    pub(super) fn content(
        &self,
        path: &str,
        key: Key,
        make: impl FnOnce() -> String,
    ) -> Arc<String> {
        remember(&self.content, path, key, || Ok::<_, ()>(make())).unwrap_or_default()
    }

    pub(super) fn page<E>(
        &self,
        path: &str,
        key: Key,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Arc<Vec<u8>>, E> {
        let page = remember(&self.pages, path, key, make)?;
        Ok(page)
    }

    /// Every sidebar, as made for a site with the key `site` if it still has
    /// it (with the problems found then), else made anew with `make`.
    pub(super) fn all_sidebars(
        &self,
        site: &Key,
        diags: &mut Vec<Diagnostic>,
        make: impl FnOnce(&mut Vec<Diagnostic>) -> Sidebars,
    ) -> Arc<Sidebars> {
        let (sidebars, mut problems) = self.all_sidebars.get_or(*site, || {
            let mut problems = Vec::new();
            (Arc::new(make(&mut problems)), problems)
        });
        diags.append(&mut problems);
        sidebars
    }

    pub(super) fn sidebar<E>(
        &self,
        name: &str,
        key: Key,
        make: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<String>, E> {
        remember(&self.sidebars, name, key, make)
    }

    /// The page and its article, if the page's text and site are as they were.
    pub(super) fn unchanged(
        &self,
        path: &str,
        site: &Key,
        text: &Arc<str>,
    ) -> Option<(Arc<Vec<u8>>, Arc<String>)> {
        self.whole.get(path, site, &Shared::whole(text))
    }

    pub(super) fn keep_whole(
        &self,
        path: &str,
        site: Key,
        text: &Arc<str>,
        page: &Arc<Vec<u8>>,
        article: &Arc<String>,
    ) {
        let kept = (Arc::clone(page), Arc::clone(article));
        self.whole.put(path, site, &Shared::whole(text), kept);
    }

    pub(super) fn count_rendered(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }
}

fn remember<T, E>(
    map: &Table<T>,
    path: &str,
    key: Key,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<Arc<T>, E> {
    if let Ok(map) = map.lock()
        && let Some((k, value)) = map.get(path)
        && *k == key
    {
        return Ok(Arc::clone(value));
    }
    let value = Arc::new(make()?);
    if let Ok(mut map) = map.lock() {
        map.insert(path.to_string(), (key, Arc::clone(&value)));
    }
    Ok(value)
}
