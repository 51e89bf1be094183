//! Stage 3: what exists. Topics across locales, the page every locale gets for
//! every topic (translated or fallback), titles, and each locale's navigation tree.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::load::{Loaded, Source, TocFile, TopicId};
use crate::locale::LocaleId;
use crate::markdown::{self, Doc};
use crate::memo::{ByText, Key, Shared, Slot, TEXT_ONLY};
use crate::paths;

pub(crate) mod nav;
pub use nav::{NavNode, PageNav};

/// One output page: a topic in a locale.
#[derive(Debug, Clone)]
pub struct PageRef {
    pub topic: TopicId,
    pub locale: LocaleId,
    /// The source rendered: the locale's own, or the default locale's for a fallback.
    pub source: usize,
    pub fallback: bool,
    /// Output path relative to the output root (`pt-br/a/b.html`).
    pub out_path: String,
}

#[derive(Debug)]
pub struct Index {
    pub sources: Vec<Arc<Source>>,
    /// Parsed body of each source, same order.
    pub docs: Vec<Arc<Doc>>,
    /// Title of each source: front matter (suffix stripped), else first `#` heading.
    pub titles: Vec<String>,
    /// For each topic, its source per locale.
    pub topics: Arc<BTreeMap<TopicId, Vec<Option<usize>>>>,
    pub pages: Arc<Vec<PageRef>>,
    pub page_by_key: Arc<HashMap<(TopicId, LocaleId), usize>>,
    /// uid -> topic (translations share their topic's uid).
    pub uids: Arc<BTreeMap<String, TopicId>>,
    /// `ms.assetid` (lowercase) -> topic.
    pub assetids: Arc<HashMap<String, TopicId>>,
    /// Navigation tree per locale.
    pub nav: Arc<Vec<Vec<NavNode>>>,
    /// Breadcrumbs and previous/next, per page.
    pub page_nav: Arc<Vec<PageNav>>,
    /// In `serve`: the key of what the navigation was built from, which
    /// stands for it in the keys of the pages that show it.
    pub nav_key: Option<Key>,
    /// Non-Markdown content files, per locale.
    pub assets: Vec<crate::load::Asset>,
}

impl Index {
    pub fn page(&self, topic: &str, locale: LocaleId) -> Option<&PageRef> {
        self.page_by_key
            .get(&(topic.to_string(), locale))
            .map(|&i| &self.pages[i])
    }

    pub fn source_of(&self, page: &PageRef) -> &Source {
        &self.sources[page.source]
    }
}

/// Bodies parsed by earlier builds of a `serve` session, by file: a body equal
/// to the one parsed before is not parsed again.
#[derive(Default)]
pub struct Memo {
    parsed: ByText<Arc<Doc>>,
    /// The navigation, with the key of what it was built from and the
    /// problems found in the tables of contents.
    nav: Slot<Nav>,
    /// The last rebuild's index, source by source: a source the load stage
    /// handed on as it was (the same allocation) keeps its body and title
    /// without a lookup, and when no file was added, removed or given other
    /// front matter, the site's shape (topics, pages, uids) is the same.
    last: crate::memo::Previous<Last>,
}

struct Last {
    sources: Vec<Arc<Source>>,
    docs: Vec<Arc<Doc>>,
    titles: Vec<String>,
    shape: Arc<Shape>,
    tocs: Vec<TocFile>,
    nav_key: Key,
}

/// What the index works out from the files' names and front matter alone.
struct Shape {
    topics: Arc<BTreeMap<TopicId, Vec<Option<usize>>>>,
    pages: Arc<Vec<PageRef>>,
    page_by_key: Arc<HashMap<(TopicId, LocaleId), usize>>,
    uids: Arc<BTreeMap<String, TopicId>>,
    assetids: Arc<HashMap<String, TopicId>>,
    problems: Vec<Diagnostic>,
}

/// The trees and each page's place in them.
type Nav = (
    Arc<Vec<Vec<NavNode>>>,
    Arc<Vec<nav::PageNav>>,
    Vec<Diagnostic>,
);

impl Memo {
    pub fn clear(&self) {
        self.parsed.clear();
        self.nav.clear();
        self.last.clear();
    }

    fn parse(&self, source: &Source) -> Arc<Doc> {
        let body = Shared::part(&source.text, source.body_start..source.text.len());
        let file = source.file.to_string_lossy();
        if let Some(doc) = self.parsed.get(&file, &TEXT_ONLY, &body) {
            return doc;
        }
        let doc = Arc::new(markdown::parse(source.body()));
        self.parsed.put(&file, TEXT_ONLY, &body, Arc::clone(&doc));
        doc
    }
}

pub fn build(
    site: &Site,
    loaded: Loaded,
    memo: Option<&Memo>,
    diags: &mut Vec<Diagnostic>,
) -> Index {
    let Loaded {
        sources,
        assets,
        tocs,
        ..
    } = loaded;
    let last = memo.and_then(|m| m.last.take());
    // Per source: the last rebuild's, when the load stage handed it on as it was.
    let kept = |i: usize| {
        last.as_ref().filter(|l| {
            l.sources
                .get(i)
                .is_some_and(|s| Arc::ptr_eq(s, &sources[i]))
        })
    };
    let docs: Vec<Arc<Doc>> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| match (kept(i), memo) {
            (Some(last), _) => Arc::clone(&last.docs[i]),
            (None, Some(memo)) => memo.parse(s),
            (None, None) => Arc::new(markdown::parse(s.body())),
        })
        .collect();
    for (source, doc) in sources.iter().zip(&docs) {
        for note in &doc.notes {
            let mut d = Diagnostic::warning(&source.file, &note.message)
                .at_pos(source.body_position(note.offset));
            if let Some(h) = &note.hint {
                d = d.hint(h);
            }
            diags.push(d);
        }
    }
    let titles: Vec<String> = (0..sources.len())
        .map(|i| match kept(i) {
            Some(last) => last.titles[i].clone(),
            None => title_of(site, &sources[i], &docs[i]),
        })
        .collect();

    let same_shape = last.as_ref().is_some_and(|l| {
        l.sources.len() == sources.len()
            && l.sources.iter().zip(&sources).all(|(a, b)| {
                Arc::ptr_eq(a, b)
                    || (a.file == b.file
                        && a.topic == b.topic
                        && a.locale == b.locale
                        && a.front == b.front)
            })
    });
    let shape = match last.as_ref().filter(|_| same_shape) {
        Some(last) => Arc::clone(&last.shape),
        None => Arc::new(shape(site, &sources)),
    };
    diags.extend(shape.problems.iter().cloned());

    let inputs = nav::Inputs {
        site,
        pages: &shape.pages,
        page_by_key: &shape.page_by_key,
        sources: &sources,
        titles: &titles,
        uids: &shape.uids,
    };
    let build_nav = || {
        let mut problems = Vec::new();
        let (nav, page_nav) = nav::build(&inputs, &tocs, &mut problems);
        (Arc::new(nav), Arc::new(page_nav), problems)
    };
    // In `serve`, most edits change no title, order, page or toc: the
    // navigation is taken as it was, and its key too when the shape, the
    // titles and the tables of contents are the last rebuild's.
    let nav_key = memo.map(|_| match last.as_ref() {
        Some(l) if same_shape && l.titles == titles && l.tocs == tocs => l.nav_key,
        _ => nav::key(&inputs, &tocs),
    });
    let (nav, page_nav, mut problems) = match memo.zip(nav_key) {
        Some((memo, key)) => memo.nav.get_or(key, build_nav),
        None => build_nav(),
    };
    diags.append(&mut problems);

    if let (Some(memo), Some(nav_key)) = (memo, nav_key) {
        memo.last.keep(Last {
            sources: sources.clone(),
            docs: docs.clone(),
            titles: titles.clone(),
            shape: Arc::clone(&shape),
            tocs: tocs.clone(),
            nav_key,
        });
    }
    if let Some(last) = last {
        crate::memo::free_aside(last);
    }

    Index {
        sources,
        docs,
        titles,
        topics: Arc::clone(&shape.topics),
        pages: Arc::clone(&shape.pages),
        page_by_key: Arc::clone(&shape.page_by_key),
        uids: Arc::clone(&shape.uids),
        assetids: Arc::clone(&shape.assetids),
        nav,
        page_nav,
        nav_key,
        assets,
    }
}

/// Topics, pages, uids and asset ids, and the problems found with them.
fn shape(site: &Site, sources: &[Arc<Source>]) -> Shape {
    let mut problems = Vec::new();
    let n_locales = site.locales.all().len();
    let default = site.locales.default_id();
    let mut topics: BTreeMap<TopicId, Vec<Option<usize>>> = BTreeMap::new();
    for (i, s) in sources.iter().enumerate() {
        topics
            .entry(s.topic.clone())
            .or_insert_with(|| vec![None; n_locales])[s.locale] = Some(i);
    }

    check_sources(site, sources, &topics, &mut problems);

    let mut pages = Vec::new();
    let mut page_by_key = HashMap::new();
    for (topic, by_locale) in &topics {
        for locale in site.locales.ids() {
            let (source, fallback) = match (by_locale[locale], by_locale[default]) {
                (Some(s), _) => (s, false),
                (None, Some(s)) => (s, true),
                (None, None) => continue,
            };
            let out_path = format!(
                "{}/{}",
                site.locales.get(locale).dir(),
                paths::html_path(topic)
            );
            page_by_key.insert((topic.clone(), locale), pages.len());
            pages.push(PageRef {
                topic: topic.clone(),
                locale,
                source,
                fallback,
                out_path,
            });
        }
    }

    let uids = uid_owners(sources, &mut problems);
    let mut assetids = HashMap::new();
    for s in sources {
        if let Some(guid) = &s.front.assetid {
            assetids
                .entry(guid.to_ascii_lowercase())
                .or_insert_with(|| s.topic.clone());
        }
    }
    Shape {
        topics: Arc::new(topics),
        pages: Arc::new(pages),
        page_by_key: Arc::new(page_by_key),
        uids: Arc::new(uids),
        assetids: Arc::new(assetids),
        problems,
    }
}

fn title_of(site: &Site, source: &Source, doc: &Doc) -> String {
    if let Some(t) = source
        .front
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let mut t = t;
        for suffix in &site.title_suffixes {
            if let Some(stripped) = t.strip_suffix(suffix.as_str()) {
                t = stripped.trim_end();
            }
        }
        return t.to_string();
    }
    if let Some(h1) = doc.h1.as_deref().filter(|h| !h.is_empty()) {
        return h1.to_string();
    }
    let stem = source.topic.rsplit('/').next().unwrap_or(&source.topic);
    stem.strip_suffix(".md").unwrap_or(stem).to_string()
}

/// Checks that need more than one file: metadata that must agree across
/// translations, and uids that must be unique.
fn check_sources(
    site: &Site,
    sources: &[Arc<Source>],
    topics: &BTreeMap<TopicId, Vec<Option<usize>>>,
    diags: &mut Vec<Diagnostic>,
) {
    let default = site.locales.default_id();
    for s in sources {
        if let Some(declared) = &s.front.contentlocale {
            let folder = &site.locales.get(s.locale).code;
            if site.locales.resolve(declared) != Some(s.locale) {
                diags.push(
                    Diagnostic::warning(
                        &s.file,
                        format!("ms.contentlocale `{declared}` does not match the folder's locale `{folder}`"),
                    )
                    .at_pos(s.key_position("ms.contentlocale"))
                    .hint("move the file to the right locale folder or correct ms.contentlocale"),
                );
            }
        }
    }
    for (topic, by_locale) in topics {
        let Some(src) = by_locale[default].map(|i| &sources[i]) else {
            if let Some(first) = by_locale.iter().flatten().next() {
                let locale = &site.locales.default_locale().code;
                diags.push(
                    Diagnostic::warning(
                        &sources[*first].file,
                        format!(
                            "translation without a source: there is no content/{locale}/{topic}"
                        ),
                    )
                    .hint("add the source topic or remove the translation"),
                );
            }
            continue;
        };
        for s in by_locale.iter().flatten().map(|&i| &sources[i]) {
            if let (Some(a), Some(b)) = (&src.front.assetid, &s.front.assetid)
                && !a.eq_ignore_ascii_case(b)
            {
                diags.push(
                    Diagnostic::warning(
                        &s.file,
                        format!(
                            "ms.assetid `{b}` differs from the source's `{a}` ({})",
                            src.file.display()
                        ),
                    )
                    .at_pos(s.key_position("ms.assetid"))
                    .hint("translations keep the source topic's ms.assetid"),
                );
            }
        }
    }
}

/// Which topic each uid names. When two topics claim one uid, the topic whose
/// translations share it wins (then the first by path), and every file of the
/// other topics is an error: so a stray copy does not take over the real one.
fn uid_owners(sources: &[Arc<Source>], diags: &mut Vec<Diagnostic>) -> BTreeMap<String, TopicId> {
    let mut claims: BTreeMap<&str, BTreeMap<&str, Vec<&Source>>> = BTreeMap::new();
    for s in sources {
        if let Some(uid) = s.front.uid.as_deref() {
            claims
                .entry(uid)
                .or_default()
                .entry(s.topic.as_str())
                .or_default()
                .push(s);
        }
    }
    let mut owners = BTreeMap::new();
    for (uid, topics) in claims {
        let Some((owner, owner_sources)) = topics
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(a.0)))
        else {
            continue;
        };
        let owner_file = owner_sources[0].file.display().to_string();
        for (topic, files) in &topics {
            if topic == owner {
                continue;
            }
            for s in files {
                diags.push(
                    Diagnostic::error(
                        &s.file,
                        format!("duplicate uid `{uid}`: {owner_file} has it too"),
                    )
                    .at_pos(s.key_position("uid"))
                    .hint(
                        "give each topic its own uid; translations keep their source topic's uid",
                    ),
                );
            }
        }
        owners.insert(uid.to_string(), owner.to_string());
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_parses_a_body_again_only_when_it_changed() {
        let source = |body: &str| {
            crate::load::source_from_bytes(
                "a.md".to_string(),
                0,
                std::path::PathBuf::from("content/en/a.md"),
                body.as_bytes(),
            )
            .0
            .unwrap()
        };
        let memo = Memo::default();
        let first = memo.parse(&source("# One\n"));
        assert!(Arc::ptr_eq(&first, &memo.parse(&source("# One\n"))));
        let second = memo.parse(&source("# Two\n"));
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(second.h1.as_deref(), Some("Two"));
    }
}
