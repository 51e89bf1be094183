//! The navigation sidebar. A sidebar depends on the locale, the folder depth of
//! the page (its links climb to the output root, then down) and, in a large
//! locale, on which top-level section is open; it is rendered once for each
//! such combination, and the current page is marked per page afterwards.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{Resources, locale_ctx, memo};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::{Index, NavNode};
use crate::locale::LocaleId;
use crate::paths;

/// A locale with more navigation entries than this shows only the section of
/// the current page opened; the other sections show their title alone. Every
/// page carries its sidebar, so a full tree of thousands of entries would be
/// most of each page's bytes.
pub const FULL_TREE_MAX: usize = 300;

/// (locale, folder depth, open top-level section: `None` opens all in a small
/// locale and none in a large one).
type Key = (LocaleId, usize, Option<usize>);

#[derive(Serialize)]
struct NavItem {
    title: String,
    href: String,
    key: String,
    children: Vec<NavItem>,
}

/// The sidebars of a build, and a hash of each, which stands for it in the
/// [`memo::Memo`] keys of the pages.
pub(crate) struct Sidebars {
    html: HashMap<Key, String>,
    keys: HashMap<Key, [u8; 32]>,
    /// Per page: the top-level section that holds it, in a large locale.
    open: Vec<Option<usize>>,
}

impl Sidebars {
    /// The sidebar of page `page` (an index into `Index::pages`), current page
    /// not marked yet, and its key.
    pub fn of_page(&self, index: &Index, page: usize) -> (&str, [u8; 32]) {
        let p = &index.pages[page];
        self.get((p.locale, paths::depth(&p.out_path), self.open[page]))
    }

    /// The sidebar of a page interdoc generates in a locale's top folder.
    pub fn of_locale_page(&self, locale: LocaleId) -> &str {
        self.get((locale, 1, None)).0
    }

    fn get(&self, key: Key) -> (&str, [u8; 32]) {
        (
            self.html.get(&key).map_or("", String::as_str),
            self.keys.get(&key).copied().unwrap_or_default(),
        )
    }
}

/// Renders every sidebar the pages need. A template error is reported once
/// and leaves the sidebars empty.
pub(crate) fn render(
    site: &Site,
    index: &Index,
    theme: &Resources<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Sidebars {
    let large: Vec<bool> = index
        .nav
        .iter()
        .map(|nodes| count(nodes) > FULL_TREE_MAX)
        .collect();
    let mut open = vec![None; index.pages.len()];
    for (locale, nodes) in index.nav.iter().enumerate() {
        if large[locale] {
            for (section, node) in nodes.iter().enumerate() {
                mark_pages(node, section, &mut open);
            }
        }
    }
    let mut wanted: Vec<Key> = index
        .pages
        .iter()
        .zip(&open)
        .map(|(p, &section)| (p.locale, paths::depth(&p.out_path), section))
        .collect();
    wanted.extend(site.locales.ids().map(|l| (l, 1, None)));
    wanted.sort_unstable();
    wanted.dedup();
    let rendered: Vec<_> = wanted
        .par_iter()
        .map(|&(locale, depth, section)| {
            let prefix = paths::root_prefix(depth);
            let items = index.nav[locale]
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let expanded = !large[locale] || section == Some(i);
                    item(n, index, &prefix, expanded)
                })
                .collect::<Vec<_>>();
            let locale_ctx = locale_ctx(site, theme.strings, locale);
            let render = || {
                let mut ctx = tera::Context::new();
                ctx.insert("items", &items);
                ctx.insert("locale", &locale_ctx);
                theme.templates.render("sidebar.html", &ctx)
            };
            // In `serve`, most rebuilds leave every sidebar as it was.
            let html = match theme.memo {
                Some(memo) => {
                    let name = format!("{locale}/{depth}/{section:?}");
                    memo.sidebar(&name, memo::key_of(&(&items, &locale_ctx)), render)
                        .map(|h| (*h).clone())
                }
                None => render(),
            };
            ((locale, depth, section), html)
        })
        .collect();
    let mut html = HashMap::new();
    let mut errors = Vec::new();
    for (key, r) in rendered {
        match r {
            Ok(text) => {
                html.insert(key, text);
            }
            Err(d) => {
                errors.push(d);
                html.insert(key, String::new());
            }
        }
    }
    crate::diagnostics::normalize(&mut errors);
    diags.extend(errors);
    let keys = html
        .iter()
        .map(|(k, text)| (*k, memo::key(&[text.as_bytes()])))
        .collect();
    Sidebars { html, keys, open }
}

/// Marks the current page in a rendered sidebar.
pub fn mark_current(sidebar: &str, page: usize) -> String {
    let needle = format!("data-topic=\"{page}\"");
    sidebar.replacen(&needle, &format!("{needle} aria-current=\"page\""), 1)
}

/// A navigation entry; a closed one keeps its title and leads to its own page
/// or, for a section without one, to the section's first page.
fn item(node: &NavNode, index: &Index, prefix: &str, expanded: bool) -> NavItem {
    let href_of = |p: usize| format!("{prefix}{}", paths::encode(&index.pages[p].out_path));
    let href = match (&node.external, node.page) {
        (Some(url), _) => url.clone(),
        (None, Some(p)) => href_of(p),
        (None, None) if !expanded => first_page(node).map(href_of).unwrap_or_default(),
        (None, None) => String::new(),
    };
    NavItem {
        title: node.title.clone(),
        href,
        key: node.page.map(|p| p.to_string()).unwrap_or_default(),
        children: if expanded {
            node.children
                .iter()
                .map(|c| item(c, index, prefix, true))
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn count(nodes: &[NavNode]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

fn mark_pages(node: &NavNode, section: usize, open: &mut [Option<usize>]) {
    if let Some(p) = node.page
        && let Some(slot) = open.get_mut(p)
    {
        *slot = Some(section);
    }
    for child in &node.children {
        mark_pages(child, section, open);
    }
}

fn first_page(node: &NavNode) -> Option<usize> {
    node.page
        .or_else(|| node.children.iter().find_map(first_page))
}
