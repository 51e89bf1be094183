//! Navigation per locale: the locale's `toc.yml`, else the source locale's (with
//! each entry titled from the locale's own pages), else the folder tree. Also
//! each page's breadcrumbs and previous/next pages, in that order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;
use serde_yaml::Value;

use crate::config::Site;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::load::{Source, TocFile, TopicId};
use crate::locale::LocaleId;
use crate::paths;

use super::PageRef;

/// An entry of a locale's navigation tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavNode {
    pub title: String,
    /// The page this entry links to, if any.
    pub page: Option<usize>,
    /// An external URL from the toc, if the entry links outside the site.
    pub external: Option<String>,
    pub order: Option<i64>,
    pub children: Vec<NavNode>,
}

/// Ancestors of a navigation entry, from the top, as (title, page).
pub type Crumbs = Vec<(String, Option<usize>)>;

/// Where a page sits in its locale's navigation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageNav {
    pub crumbs: Crumbs,
    pub prev: Option<usize>,
    pub next: Option<usize>,
}

/// What the navigation is built from.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub pages: &'a [PageRef],
    pub page_by_key: &'a HashMap<(TopicId, LocaleId), usize>,
    pub sources: &'a [std::sync::Arc<Source>],
    pub titles: &'a [String],
    pub uids: &'a BTreeMap<String, TopicId>,
}

impl Inputs<'_> {
    fn page(&self, topic: &str, locale: LocaleId) -> Option<usize> {
        self.page_by_key.get(&(topic.to_string(), locale)).copied()
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TocEntry {
    name: Option<String>,
    href: Option<String>,
    uid: Option<String>,
    #[serde(default)]
    items: Vec<TocEntry>,
}

/// A parsed toc file, entries resolved to topics.
struct Toc<'a> {
    file: &'a TocFile,
    entries: Vec<TocEntry>,
}

/// The key of everything [`build`] reads besides the configuration (which
/// `serve` answers by clearing its memos): pages, titles, orders, uids and
/// tables of contents.
pub fn key(inputs: &Inputs<'_>, tocs: &[TocFile]) -> crate::memo::Key {
    let mut h = crate::memo::KeyHasher::default();
    h.number(inputs.pages.len());
    for p in inputs.pages {
        h.text(&p.topic)
            .number(p.locale)
            .number(p.source)
            .number(usize::from(p.fallback))
            .text(&p.out_path);
    }
    h.number(inputs.sources.len());
    for (source, title) in inputs.sources.iter().zip(inputs.titles) {
        h.text(title).debug(&source.front.order);
    }
    h.number(inputs.uids.len());
    for (uid, topic) in inputs.uids {
        h.text(uid).text(topic);
    }
    h.number(tocs.len());
    for toc in tocs {
        h.number(toc.locale)
            .text(&toc.file.to_string_lossy())
            .text(&toc.text);
    }
    h.finish()
}

pub fn build(
    inputs: &Inputs<'_>,
    tocs: &[TocFile],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Vec<NavNode>>, Vec<PageNav>) {
    let site = inputs.site;
    let parsed: Vec<Toc<'_>> = tocs
        .iter()
        .filter_map(|f| parse(f, diags).map(|entries| Toc { file: f, entries }))
        .collect();
    let default = site.locales.default_id();
    let own = |l: LocaleId| parsed.iter().find(|t| t.file.locale == l);
    let mut trees = Vec::new();
    for locale in site.locales.ids() {
        let tree = match own(locale)
            .map(|t| (t, true))
            .or_else(|| own(default).map(|t| (t, false)))
        {
            Some((toc, is_own)) => {
                // Problems of a toc are reported when building its own locale.
                let mut sink = Vec::new();
                let report = if is_own { &mut *diags } else { &mut sink };
                let mut listed = BTreeSet::new();
                let nodes = toc_nodes(
                    inputs,
                    toc,
                    &toc.entries,
                    locale,
                    is_own,
                    &mut listed,
                    report,
                );
                if is_own {
                    report_unlisted(inputs, toc.file, locale, &listed, report);
                }
                nodes
            }
            None => folder_tree(inputs, locale),
        };
        trees.push(tree);
    }
    let mut page_nav = vec![PageNav::default(); inputs.pages.len()];
    for tree in &trees {
        place_pages(tree, &mut page_nav);
    }
    (trees, page_nav)
}

pub(crate) fn parse(file: &TocFile, diags: &mut Vec<Diagnostic>) -> Option<Vec<TocEntry>> {
    if file.file.extension().is_some_and(|e| e == "md") {
        return Some(parse_markdown(&file.text));
    }
    let value: Value = match serde_yaml::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            let mut d = Diagnostic::error(
                &file.file,
                format!(
                    "invalid YAML: {}",
                    e.to_string().split(" at line ").next().unwrap_or_default()
                ),
            );
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            diags.push(d);
            return None;
        }
    };
    // DocFX accepts a list at the top, or a mapping with `items`.
    let list = match value {
        Value::Mapping(mut m) => m.remove("items").unwrap_or(Value::Sequence(Vec::new())),
        other => other,
    };
    match serde_yaml::from_value::<Vec<TocEntry>>(list) {
        Ok(entries) => Some(entries),
        Err(e) => {
            diags.push(
                Diagnostic::error(&file.file, format!("not a table of contents: {e}"))
                    .at(1, 1)
                    .hint("write a list of entries with `name:`, `href:` and nested `items:`"),
            );
            None
        }
    }
}

/// DocFX's Markdown toc: each heading is an entry, nested by level;
/// `# [Title](href)` links it, `[Title](xref:uid)` names a uid, a heading
/// without a link is a title over its children.
fn parse_markdown(text: &str) -> Vec<TocEntry> {
    // (level, entry) of the open entries, outermost first.
    let mut open: Vec<(usize, TocEntry)> = Vec::new();
    let mut top = Vec::new();
    let close = |open: &mut Vec<(usize, TocEntry)>, top: &mut Vec<TocEntry>| {
        if let Some((_, entry)) = open.pop() {
            match open.last_mut() {
                Some((_, parent)) => parent.items.push(entry),
                None => top.push(entry),
            }
        }
    };
    for line in text.lines() {
        let t = line.trim_start();
        let level = t.chars().take_while(|c| *c == '#').count();
        if level == 0 || !t[level..].starts_with([' ', '\t']) {
            continue;
        }
        let heading = t[level..].trim().trim_end_matches('#').trim();
        let mut entry = TocEntry {
            name: Some(heading.to_string()),
            href: None,
            uid: None,
            items: Vec::new(),
        };
        if let Some(rest) = heading.strip_prefix('[')
            && let Some((name, after)) = rest.split_once("](")
            && let Some(target) = after.strip_suffix(')')
        {
            let target = target.trim().trim_matches(['<', '>']);
            entry.name = Some(name.trim().to_string());
            match target.strip_prefix("xref:") {
                Some(uid) => entry.uid = Some(uid.to_string()),
                None if !target.is_empty() => entry.href = Some(target.to_string()),
                None => {}
            }
        }
        while open.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut open, &mut top);
        }
        open.push((level, entry));
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    top
}

fn toc_nodes(
    inputs: &Inputs<'_>,
    toc: &Toc<'_>,
    entries: &[TocEntry],
    locale: LocaleId,
    is_own: bool,
    listed: &mut BTreeSet<TopicId>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<NavNode> {
    let mut nodes = Vec::new();
    for entry in entries {
        let children = toc_nodes(inputs, toc, &entry.items, locale, is_own, listed, diags);
        let mut node = NavNode {
            title: entry.name.clone().unwrap_or_default(),
            page: None,
            external: None,
            order: None,
            children,
        };
        let target = match (&entry.href, &entry.uid) {
            (Some(href), _) if href.contains("://") => {
                node.external = Some(href.clone());
                None
            }
            (Some(href), _) => {
                let path = href.split(['#', '?']).next().unwrap_or(href);
                match paths::join_inside("", path.strip_prefix("~/").unwrap_or(path)) {
                    Some(p) if p.is_empty() || !p.ends_with(".md") => Some((
                        format!(
                            "{}index.md",
                            if p.is_empty() {
                                String::new()
                            } else {
                                format!("{p}/")
                            }
                        ),
                        href,
                    )),
                    Some(p) => Some((p, href)),
                    None => {
                        diags.push(toc_error(
                            toc.file,
                            href,
                            format!("`{href}` climbs out of the locale folder"),
                        ));
                        None
                    }
                }
            }
            (None, Some(uid)) => match inputs.uids.get(uid) {
                Some(topic) => Some((topic.clone(), uid)),
                None => {
                    diags.push(toc_error(toc.file, uid, format!("unknown uid `{uid}`")));
                    None
                }
            },
            (None, None) => None,
        };
        if let Some((topic, written)) = target {
            match inputs.page(&topic, locale) {
                Some(page) => {
                    let page_title = &inputs.titles[inputs.pages[page].source];
                    // A translated toc names its entries; the source toc's names
                    // are replaced by the titles of this locale's pages.
                    if !is_own || node.title.is_empty() {
                        node.title = page_title.clone();
                    }
                    node.page = Some(page);
                    listed.insert(topic);
                }
                None => diags.push(toc_error(
                    toc.file,
                    written,
                    format!("`{written}` is not a topic of this site"),
                )),
            }
        }
        if node.title.is_empty()
            && node.page.is_none()
            && node.external.is_none()
            && node.children.is_empty()
        {
            continue;
        }
        nodes.push(node);
    }
    nodes
}

fn toc_error(file: &TocFile, needle: &str, message: String) -> Diagnostic {
    let mut d = Diagnostic::error(&file.file, message)
        .hint("toc hrefs are relative to the locale folder, e.g. `interop/index.md`");
    if let Some(at) = file.text.find(needle) {
        d = d.at_pos(LineIndex::new(&file.text).position(&file.text, at));
    }
    d
}

fn report_unlisted(
    inputs: &Inputs<'_>,
    file: &TocFile,
    locale: LocaleId,
    listed: &BTreeSet<TopicId>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut missing: Vec<&str> = inputs
        .pages
        .iter()
        .filter(|p| p.locale == locale && p.topic != "index.md" && !listed.contains(&p.topic))
        .map(|p| p.topic.as_str())
        .collect();
    missing.sort_unstable();
    for topic in missing {
        diags.push(
            Diagnostic::warning(
                &file.file,
                format!("topic `{topic}` is not in the table of contents"),
            )
            .hint("add an entry for it, so readers can find it in the navigation"),
        );
    }
}

/// Folders become sections (titled by their `index.md`); entries are sorted by
/// `order`, then title.
fn folder_tree(inputs: &Inputs<'_>, locale: LocaleId) -> Vec<NavNode> {
    #[derive(Default)]
    struct Dir {
        index: Option<usize>,
        pages: Vec<usize>,
        dirs: BTreeMap<String, Dir>,
    }
    let mut root = Dir::default();
    for (i, p) in inputs
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.locale == locale)
    {
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
    let page_node = |i: usize| {
        let p = &inputs.pages[i];
        NavNode {
            title: inputs.titles[p.source].clone(),
            page: Some(i),
            external: None,
            order: inputs.sources[p.source].front.order,
            children: Vec::new(),
        }
    };
    fn children(dir: &Dir, page_node: &dyn Fn(usize) -> NavNode) -> Vec<NavNode> {
        let mut nodes: Vec<NavNode> = dir.pages.iter().map(|&i| page_node(i)).collect();
        for (name, sub) in &dir.dirs {
            let kids = children(sub, page_node);
            nodes.push(match sub.index {
                Some(i) => NavNode {
                    children: kids,
                    ..page_node(i)
                },
                None => NavNode {
                    title: name.clone(),
                    page: None,
                    external: None,
                    order: None,
                    children: kids,
                },
            });
        }
        // Stable, and each title lowercased once rather than per comparison.
        nodes.sort_by_cached_key(|n| (n.order.is_none(), n.order, n.title.to_lowercase(), n.page));
        nodes
    }
    let mut nodes = children(&root, &page_node);
    if let Some(home) = root.index {
        nodes.insert(0, page_node(home));
    }
    nodes
}

/// Fills breadcrumbs and previous/next for the pages of one tree, in reading order.
fn place_pages(tree: &[NavNode], nav: &mut [PageNav]) {
    let mut order: Vec<(usize, Crumbs)> = Vec::new();
    // A page listed twice (a toc may) is placed where it first appears.
    let mut placed = std::collections::HashSet::new();
    fn walk(
        nodes: &[NavNode],
        crumbs: &mut Crumbs,
        order: &mut Vec<(usize, Crumbs)>,
        placed: &mut std::collections::HashSet<usize>,
    ) {
        for n in nodes {
            if let Some(p) = n.page
                && placed.insert(p)
            {
                order.push((p, crumbs.clone()));
            }
            crumbs.push((n.title.clone(), n.page));
            walk(&n.children, crumbs, order, placed);
            crumbs.pop();
        }
    }
    walk(tree, &mut Vec::new(), &mut order, &mut placed);
    for (i, (page, crumbs)) in order.iter().enumerate() {
        nav[*page] = PageNav {
            crumbs: crumbs.clone(),
            prev: i.checked_sub(1).map(|j| order[j].0),
            next: order.get(i + 1).map(|(p, _)| *p),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_tocs_nest_by_heading_level() {
        let toc = parse_markdown(
            "# [Overview](index.md)\n# Interop\n## [Strings](docs/strings.md)\n### [Deep](docs/deep.md)\n## [By uid](xref:pinvoke-strings)\n# [Last](last.md)\nnot a heading\n#nospace\n",
        );
        let names: Vec<_> = toc.iter().map(|e| e.name.as_deref().unwrap()).collect();
        assert_eq!(names, ["Overview", "Interop", "Last"]);
        assert_eq!(toc[0].href.as_deref(), Some("index.md"));
        assert_eq!(toc[1].href, None);
        let inner = &toc[1].items;
        assert_eq!(inner.len(), 2);
        assert_eq!(inner[0].href.as_deref(), Some("docs/strings.md"));
        assert_eq!(inner[0].items[0].name.as_deref(), Some("Deep"));
        assert_eq!(inner[1].uid.as_deref(), Some("pinvoke-strings"));
    }
}
