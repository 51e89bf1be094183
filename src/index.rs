//! Stage 3: what exists. Topics across locales, the page every locale gets for
//! every topic (translated or fallback), titles, and each locale's navigation tree.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::load::{Loaded, Source, TopicId};
use crate::locale::LocaleId;
use crate::markdown::{self, Doc};
use crate::paths;

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

/// An entry of a locale's navigation tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavNode {
    pub title: String,
    /// Topic id of a page, or `dir/` for a folder without an index page.
    pub key: String,
    /// The page this entry links to, if any.
    pub page: Option<usize>,
    pub order: Option<i64>,
    pub children: Vec<NavNode>,
}

#[derive(Debug)]
pub struct Index {
    pub sources: Vec<Source>,
    /// Parsed body of each source, same order.
    pub docs: Vec<Doc>,
    /// Title of each source: front matter (suffix stripped), else first `#` heading.
    pub titles: Vec<String>,
    /// For each topic, its source per locale.
    pub topics: BTreeMap<TopicId, Vec<Option<usize>>>,
    pub pages: Vec<PageRef>,
    pub page_by_key: HashMap<(TopicId, LocaleId), usize>,
    /// Navigation tree per locale.
    pub nav: Vec<Vec<NavNode>>,
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

pub fn build(site: &Site, loaded: Loaded, diags: &mut Vec<Diagnostic>) -> Index {
    let Loaded {
        sources, assets, ..
    } = loaded;
    let docs: Vec<Doc> = sources
        .par_iter()
        .map(|s| markdown::parse(s.body()))
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
    let titles: Vec<String> = sources
        .iter()
        .zip(&docs)
        .map(|(s, d)| title_of(site, s, d))
        .collect();

    let n_locales = site.locales.all().len();
    let default = site.locales.default_id();
    let mut topics: BTreeMap<TopicId, Vec<Option<usize>>> = BTreeMap::new();
    for (i, s) in sources.iter().enumerate() {
        topics
            .entry(s.topic.clone())
            .or_insert_with(|| vec![None; n_locales])[s.locale] = Some(i);
    }

    check_sources(site, &sources, &topics, diags);

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

    let nav = site
        .locales
        .ids()
        .map(|l| nav_tree(&pages, &sources, &titles, l))
        .collect();

    Index {
        sources,
        docs,
        titles,
        topics,
        pages,
        page_by_key,
        nav,
        assets,
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
    sources: &[Source],
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
    // A uid names one topic; its translations share it.
    let mut uids: BTreeMap<(&str, LocaleId), &Source> = BTreeMap::new();
    for s in sources {
        let Some(uid) = s.front.uid.as_deref() else {
            continue;
        };
        if let Some(first) = uids.get(&(uid, s.locale)) {
            diags.push(
                Diagnostic::error(
                    &s.file,
                    format!("uid `{uid}` is already used by {}", first.file.display()),
                )
                .at_pos(s.key_position("uid"))
                .hint("give each topic its own uid"),
            );
        } else {
            uids.insert((uid, s.locale), s);
        }
    }
}

/// A locale's navigation: folders become sections (titled by their `index.md`),
/// entries sorted by `order`, then title.
fn nav_tree(
    pages: &[PageRef],
    sources: &[Source],
    titles: &[String],
    locale: LocaleId,
) -> Vec<NavNode> {
    #[derive(Default)]
    struct Dir {
        index: Option<usize>,
        pages: Vec<usize>,
        dirs: BTreeMap<String, Dir>,
    }
    let mut root = Dir::default();
    for (i, p) in pages.iter().enumerate().filter(|(_, p)| p.locale == locale) {
        let mut parts: Vec<&str> = p.topic.split('/').collect();
        let file = parts.pop().unwrap_or_default();
        let mut dir = &mut root;
        for part in parts {
            dir = dir.dirs.entry(part.to_string()).or_default();
        }
        if file == "index.md" {
            dir.index = Some(i);
        } else {
            dir.pages.push(i);
        }
    }
    fn page_node(i: usize, pages: &[PageRef], sources: &[Source], titles: &[String]) -> NavNode {
        let p = &pages[i];
        NavNode {
            title: titles[p.source].clone(),
            key: p.topic.clone(),
            page: Some(i),
            order: sources[p.source].front.order,
            children: Vec::new(),
        }
    }
    fn children(
        dir: &Dir,
        path: &str,
        pages: &[PageRef],
        sources: &[Source],
        titles: &[String],
    ) -> Vec<NavNode> {
        let mut nodes: Vec<NavNode> = dir
            .pages
            .iter()
            .map(|&i| page_node(i, pages, sources, titles))
            .collect();
        for (name, sub) in &dir.dirs {
            let sub_path = format!("{path}{name}/");
            let kids = children(sub, &sub_path, pages, sources, titles);
            let node = match sub.index {
                Some(i) => NavNode {
                    children: kids,
                    ..page_node(i, pages, sources, titles)
                },
                None => NavNode {
                    title: name.clone(),
                    key: sub_path,
                    page: None,
                    order: None,
                    children: kids,
                },
            };
            nodes.push(node);
        }
        nodes.sort_by(|a, b| {
            let ka = (a.order.is_none(), a.order, a.title.to_lowercase(), &a.key);
            let kb = (b.order.is_none(), b.order, b.title.to_lowercase(), &b.key);
            ka.cmp(&kb)
        });
        nodes
    }
    let mut nodes = children(&root, "", pages, sources, titles);
    if let Some(home) = root.index {
        nodes.insert(0, page_node(home, pages, sources, titles));
    }
    nodes
}
