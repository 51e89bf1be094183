//! Stage: every link of every page resolved to its output URL, or reported.
//!
//! Forms: relative files (`../dir/page.md#id`, images, raw `<a href>`), `~/`
//! paths from the locale root, `/static/...`, xrefs (`<xref:uid>`,
//! `[text](xref:uid)`, `@uid`; see `xref.rs`), and Microsoft Docs asset-id URLs
//! whose GUID is a topic of this site. External links are left as written and
//! never fetched.

mod xref;

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::{Index, PageRef};
use crate::locale::LocaleId;
use crate::markdown::{LinkAction, LinkKind, LinkSite};
use crate::memo::{ByText, Key, KeyHasher, Shared};
use crate::paths;
use crate::xrefmap::XrefMaps;

/// What to do with each link, per page (in `Index::pages` order) and per link
/// site of the page's source.
pub struct Resolved {
    /// Per page: what each of its links does, shared with the memo.
    pages: Vec<Arc<PageLinks>>,
    /// Per locale: links from translated pages that lead to untranslated ones.
    pub fallback_links: Vec<usize>,
    /// With a memo: a hash of everything a page's links resolve against
    /// besides its own text (the pages, titles, anchors, uids and files).
    pub surface: Option<Key>,
}

impl Resolved {
    /// What each link of the page (by its index) does, in the order of its links.
    pub fn actions(&self, page: usize) -> &[LinkAction] {
        self.pages.get(page).map_or(&[], |p| p.actions.as_slice())
    }
}

/// Link resolutions of earlier builds of a `serve` session, per output page:
/// a page whose source text is as it was, on a site whose link targets are as
/// they were, resolves its links as before. The configuration and the xref
/// maps are not in the key: `serve` clears the memo when they change.
#[derive(Default)]
pub struct Memo {
    pages: ByText<Arc<PageLinks>>,
    /// The last rebuild's links, page by page, and what they resolved
    /// against: with the same pages (the same allocation, from the index),
    /// an unchanged source keeps its page's links without a lookup, and the
    /// surface is not hashed again while its parts are as they were.
    last: crate::memo::Previous<Last>,
}

struct Last {
    pages: Arc<Vec<PageRef>>,
    /// The index's navigation key: its pages, titles and uids.
    nav_key: Key,
    assetids: Arc<std::collections::HashMap<String, String>>,
    sources: Vec<Arc<crate::load::Source>>,
    docs: Vec<Arc<crate::markdown::Doc>>,
    files: Key,
    surface: Key,
    results: Vec<Arc<PageLinks>>,
}

impl Memo {
    pub fn clear(&self) {
        self.pages.clear();
        self.last.clear();
    }
}

/// The site's files and static assets, hashed (a small part of the surface).
fn files_key(index: &Index, assets: &Assets) -> Key {
    let mut h = KeyHasher::default();
    for a in &index.assets {
        h.number(a.locale).text(&a.path);
    }
    for (name, url) in &assets.urls {
        h.text(name).text(url);
    }
    h.finish()
}

impl Last {
    /// Whether `index` has this rebuild's pages, titles, uids (all in the
    /// navigation key), asset ids, files and anchors.
    fn same_surface(&self, index: &Index, files: &Key) -> bool {
        Arc::ptr_eq(&self.pages, &index.pages)
            && index.nav_key == Some(self.nav_key)
            && Arc::ptr_eq(&self.assetids, &index.assetids)
            && self.files == *files
            && self.docs.len() == index.docs.len()
            && self
                .docs
                .iter()
                .zip(&index.docs)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a.anchors == b.anchors)
    }
}

/// What every page's links resolve against, hashed.
fn surface(index: &Index, assets: &Assets) -> Key {
    let mut h = KeyHasher::default();
    for p in index.pages.iter() {
        h.text(&p.topic)
            .number(p.locale)
            .number(p.source)
            .number(usize::from(p.fallback))
            .text(&p.out_path);
    }
    for (title, doc) in index.titles.iter().zip(&index.docs) {
        h.text(title).number(doc.anchors.len());
        for a in &doc.anchors {
            h.text(a);
        }
    }
    for (uid, topic) in index.uids.iter() {
        h.text(uid).text(topic);
    }
    let mut assetids: Vec<_> = index.assetids.iter().collect();
    assetids.sort_unstable();
    for (id, topic) in assetids {
        h.text(id).text(topic);
    }
    for a in &index.assets {
        h.number(a.locale).text(&a.path);
    }
    for (name, url) in &assets.urls {
        h.text(name).text(url);
    }
    h.finish()
}

pub fn resolve(
    site: &Site,
    index: &Index,
    assets: &Assets,
    xrefs: &XrefMaps,
    memo: Option<&Memo>,
    diags: &mut Vec<Diagnostic>,
) -> Resolved {
    let ctx = Ctx {
        site,
        index,
        assets,
        xrefs,
        content_files: index
            .assets
            .iter()
            .map(|a| (a.locale, a.path.as_str()))
            .collect(),
    };
    let last = memo.and_then(|m| m.last.take());
    let files = memo.map(|_| files_key(index, assets));
    let surface = match (&last, &files) {
        (Some(last), Some(files)) if last.same_surface(index, files) => Some(last.surface),
        _ => memo.map(|_| surface(index, assets)),
    };
    // The last rebuild's links of a page, when they still hold.
    let kept = |i: usize, page: &PageRef| {
        let last = last.as_ref()?;
        let same = Some(last.surface) == surface
            && Arc::ptr_eq(&last.pages, &index.pages)
            && Arc::ptr_eq(&last.sources[page.source], &index.sources[page.source]);
        same.then(|| Arc::clone(&last.results[i]))
    };
    let results: Vec<Arc<PageLinks>> = index
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| match (memo, &surface) {
            _ if let Some(links) = kept(i, page) => links,
            (Some(memo), Some(surface)) => {
                let text = &Shared::whole(&index.source_of(page).text);
                memo.pages
                    .get(&page.out_path, surface, text)
                    .unwrap_or_else(|| {
                        let links = Arc::new(ctx.page(page));
                        memo.pages
                            .put(&page.out_path, *surface, text, Arc::clone(&links));
                        links
                    })
            }
            _ => Arc::new(ctx.page(page)),
        })
        .collect();
    let mut fallback_links = vec![0; site.locales.all().len()];
    for (page, r) in index.pages.iter().zip(&results) {
        fallback_links[page.locale] += r.fallback_links;
        diags.extend(r.problems.iter().cloned());
    }
    if let (Some(memo), Some(surface), Some(files), Some(nav_key)) =
        (memo, surface, files, index.nav_key)
    {
        memo.last.keep(Last {
            pages: Arc::clone(&index.pages),
            nav_key,
            assetids: Arc::clone(&index.assetids),
            sources: index.sources.clone(),
            docs: index.docs.clone(),
            files,
            surface,
            results: results.clone(),
        });
    }
    if let Some(last) = last {
        crate::memo::free_aside(last);
    }
    Resolved {
        pages: results,
        fallback_links,
        surface,
    }
}

struct PageLinks {
    actions: Vec<LinkAction>,
    fallback_links: usize,
    problems: Vec<Diagnostic>,
}

/// A link that resolved; it may still deserve a warning.
struct Found {
    action: LinkAction,
    warning: Option<Problem>,
    to_fallback: bool,
}

struct Problem {
    message: String,
    hint: Option<String>,
    /// Not counted by `--strict` (the `exempt_from_strict` field of [`Diagnostic`]).
    exempt_from_strict: bool,
}

impl Problem {
    fn new(message: String) -> Self {
        Problem {
            message,
            hint: None,
            exempt_from_strict: false,
        }
    }
    fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl From<LinkAction> for Found {
    fn from(action: LinkAction) -> Self {
        Found {
            action,
            warning: None,
            to_fallback: false,
        }
    }
}

struct Ctx<'a> {
    site: &'a Site,
    index: &'a Index,
    assets: &'a Assets,
    xrefs: &'a XrefMaps,
    content_files: HashSet<(LocaleId, &'a str)>,
}

impl Ctx<'_> {
    fn page(&self, page: &PageRef) -> PageLinks {
        let source = self.index.source_of(page);
        let doc = &self.index.docs[page.source];
        let mut out = PageLinks {
            actions: Vec::with_capacity(doc.links.len()),
            fallback_links: 0,
            problems: Vec::new(),
        };
        for link in &doc.links {
            let place = source.body_position(link.offset);
            let described = describe(link);
            match self.link(page, link) {
                Ok(found) => {
                    // Only translated pages count: a fallback page is the
                    // source text and links like it.
                    if found.to_fallback && !page.fallback {
                        out.fallback_links += 1;
                    }
                    if let Some(w) = found.warning {
                        let mut d = Diagnostic::warning(
                            &source.file,
                            format!("{described}: {}", w.message),
                        )
                        .at_pos(place)
                        .exempt_from_strict(w.exempt_from_strict);
                        if let Some(h) = w.hint {
                            d = d.hint(h);
                        }
                        out.problems.push(d);
                    }
                    out.actions.push(found.action);
                }
                Err(problem) => {
                    let mut d = Diagnostic::error(
                        &source.file,
                        format!("{described}: {}", problem.message),
                    )
                    .at_pos(place);
                    if let Some(h) = problem.hint {
                        d = d.hint(h);
                    }
                    out.problems.push(d);
                    out.actions.push(LinkAction::Broken);
                }
            }
        }
        out
    }

    fn link(&self, page: &PageRef, link: &LinkSite) -> Result<Found, Problem> {
        let dest = link.dest.trim();
        if dest.is_empty() {
            return Ok(LinkAction::Keep.into());
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            let anchor = percent_decode(fragment);
            return self.anchor(page, page, &anchor).map(|warning| Found {
                action: LinkAction::Keep,
                warning,
                to_fallback: false,
            });
        }
        if let Some(uid) = dest.strip_prefix("xref:") {
            return self.xref(page, link, uid);
        }
        if let Some(guid) = asset_id(dest) {
            return Ok(match self.index.assetids.get(&guid.to_ascii_lowercase()) {
                Some(topic) => self.to_topic(page, topic, "", false)?,
                // Not a topic of this site: it stays an external link.
                None => LinkAction::Keep.into(),
            });
        }
        if dest.starts_with("//") || paths::has_scheme(dest) {
            return Ok(LinkAction::Keep.into());
        }
        let (path, suffix) = match dest.find(['#', '?']) {
            Some(i) => dest.split_at(i),
            None => (dest, ""),
        };
        let decoded = percent_decode(path);
        if let Some(name) = decoded.strip_prefix("/static/") {
            return match self.assets.path(name) {
                Some(out) => {
                    Ok(LinkAction::Href(paths::relative_url(&page.out_path, out) + suffix).into())
                }
                None => Err(
                    Problem::new(format!("there is no static/{name}")).hint(did_you_mean(
                        name,
                        self.assets.urls.keys().map(String::as_str),
                    )),
                ),
            };
        }
        if decoded.starts_with('/') {
            // Site-root paths depend on where the site is served from.
            return Ok(LinkAction::Keep.into());
        }
        let (base, rel) = match decoded.strip_prefix("~/") {
            Some(rest) => ("", rest),
            None => (paths::parent(&page.topic), decoded.as_str()),
        };
        let target = match paths::join_inside(base, rel) {
            Some(target) => target,
            // A DocFX docset-relative path (`../../../docs/x/y.md` from
            // docs/x/) climbs above the root and starts again from it. The
            // locale folder may hold the docset's folder (`docs/`) or what
            // is inside it.
            None => {
                let clamped = paths::join_clamped(base, rel);
                let inside = clamped.split_once('/').map(|(_, rest)| rest.to_string());
                [Some(clamped.clone()), inside]
                    .into_iter()
                    .flatten()
                    .find(|t| self.exists(page, t))
                    .ok_or_else(|| {
                        Problem::new("climbs out of its locale folder".to_string()).hint(Some(format!(
                            "links between topics stay inside their locale (interdoc finds the other locales' pages itself); read from the locale folder as DocFX would, there is no {clamped} either"
                        )))
                    })?
            }
        };
        if target.ends_with(".md") {
            if !self.index.topics.contains_key(&target) {
                let candidates = self
                    .index
                    .topics
                    .keys()
                    .map(|t| paths::relative_path(&page.topic, t));
                return Err(Problem::new(format!("there is no topic {target}")).hint(
                    did_you_mean(&paths::relative_path(&page.topic, &target), candidates),
                ));
            }
            let fragment = suffix.split_once('#').map_or("", |(_, f)| f);
            return self.to_topic(page, &target, fragment, true);
        }
        self.file(page, &target, suffix)
    }

    /// A link to a topic, in the linking page's locale.
    fn to_topic(
        &self,
        page: &PageRef,
        topic: &str,
        fragment: &str,
        warn_fallback: bool,
    ) -> Result<Found, Problem> {
        let Some(to) = self.index.page(topic, page.locale) else {
            return Err(Problem::new(format!(
                "topic {topic} has no page in this locale"
            )));
        };
        let mut href = paths::relative_url(&page.out_path, &to.out_path);
        let mut warning = None;
        if !fragment.is_empty() {
            warning = self.anchor(page, to, &percent_decode(fragment))?;
            // An anchor only the original has leads to the top of the
            // translation rather than to a fragment that is not there.
            if warning.is_none() {
                href.push('#');
                href.push_str(fragment);
            }
        }
        let to_fallback = to.fallback && !page.fallback;
        if to_fallback && warn_fallback && warning.is_none() {
            let locale = &self.site.locales.get(page.locale).code;
            warning = Some(
                Problem::new(format!(
                    "leads to an untranslated page: there is no content/{locale}/{topic}"
                ))
                .hint(Some(
                    "readers get the English page with a banner until the topic is translated"
                        .to_string(),
                )),
            );
        }
        Ok(Found {
            action: LinkAction::Href(href),
            warning,
            to_fallback,
        })
    }

    /// Checks `#anchor` on page `to`. An anchor that only the source-language
    /// version has is a warning (a heading was translated and its slug changed).
    fn anchor(
        &self,
        from: &PageRef,
        to: &PageRef,
        anchor: &str,
    ) -> Result<Option<Problem>, Problem> {
        let anchors = &self.index.docs[to.source].anchors;
        if anchors.iter().any(|a| a == anchor) {
            return Ok(None);
        }
        let target_file = &self.index.sources[to.source].file;
        let default = self.site.locales.default_id();
        if !to.fallback
            && to.locale != default
            && let Some(original) = self.index.page(&to.topic, default)
            && self.index.docs[original.source]
                .anchors
                .iter()
                .any(|a| a == anchor)
        {
            let original_file = &self.index.sources[original.source].file;
            return Ok(Some(Problem::new(format!(
                "anchor `#{anchor}` exists in {} but not in its translation {}",
                original_file.display(),
                target_file.display()
            ))
            .hint(Some(format!(
                "the heading was translated and its id changed: give it a stable id, `## Heading {{#{anchor}}}`, in both files; until then the link leads to the top of the page"
            )))));
        }
        let place = if std::ptr::eq(from, to) {
            "on this page".to_string()
        } else {
            format!("in {}", target_file.display())
        };
        Err(
            Problem::new(format!("there is no anchor `#{anchor}` {place}")).hint(
                did_you_mean(anchor, anchors.iter().map(String::as_str))
                    .map(|h| h.replacen('`', "`#", 1)),
            ),
        )
    }

    /// Whether a path inside the locale is a topic or a content file.
    fn exists(&self, page: &PageRef, target: &str) -> bool {
        self.index.topics.contains_key(target) || self.content_file(page, target).is_some()
    }

    /// The locale whose content file `target` is: the page's, else the
    /// source locale's.
    fn content_file(&self, page: &PageRef, target: &str) -> Option<LocaleId> {
        let default = self.site.locales.default_id();
        [page.locale, default]
            .into_iter()
            .find(|l| self.content_files.contains(&(*l, target)))
    }

    /// A non-topic file: a content file of the page's locale, else of the
    /// source locale; or a folder with an index page.
    fn file(&self, page: &PageRef, target: &str, suffix: &str) -> Result<Found, Problem> {
        if let Some(locale) = self.content_file(page, target) {
            let to = format!("{}/{}", self.site.locales.get(locale).dir(), target);
            return Ok(LinkAction::Href(paths::relative_url(&page.out_path, &to) + suffix).into());
        }
        let folder_index = if target.is_empty() {
            "index.md".to_string()
        } else {
            format!("{}/index.md", target.trim_end_matches('/'))
        };
        if self.index.topics.contains_key(&folder_index) {
            return self.to_topic(
                page,
                &folder_index,
                suffix.split_once('#').map_or("", |(_, f)| f),
                true,
            );
        }
        let default = self.site.locales.default_id();
        let candidates = self
            .content_files
            .iter()
            .filter(|(l, _)| *l == page.locale || *l == default)
            .map(|(_, p)| paths::relative_path(&page.topic, p));
        Err(
            Problem::new(format!("there is no file {target}")).hint(did_you_mean(
                &paths::relative_path(&page.topic, target),
                candidates,
            )),
        )
    }
}

/// How a link is named in diagnostics: its destination and, when it has one, its text.
fn describe(link: &LinkSite) -> String {
    let kind = match link.kind {
        LinkKind::Image => "image",
        _ => "link",
    };
    let text = link.text.trim();
    if text.is_empty() || link.autolink || text == link.dest {
        format!("{kind} `{}`", link.dest)
    } else {
        format!("{kind} `{}` (\"{}\")", link.dest, text)
    }
}

/// The closest candidate, if it is close enough to be a likely typo.
fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = impl AsRef<str> + 'a>,
) -> Option<String> {
    let length = wanted.chars().count();
    let limit = (length / 3).max(2);
    candidates
        // Lengths further apart than the limit cannot be within it: skip the
        // quadratic distance for them.
        .filter(|c| c.as_ref().chars().count().abs_diff(length) <= limit)
        .map(|c| {
            let c = c.as_ref().to_string();
            (strsim::levenshtein(wanted, &c), c)
        })
        .filter(|(d, c)| *d <= limit && c != wanted)
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// The GUID of a Microsoft Docs asset-id URL:
/// `http(s)://msdn.microsoft.com/<locale>/<guid>` or `/library/<guid>`.
fn asset_id(dest: &str) -> Option<&str> {
    let path = dest
        .strip_prefix("https://msdn.microsoft.com/")
        .or_else(|| dest.strip_prefix("http://msdn.microsoft.com/"))
        .map(|rest| rest.split_once('/').map_or(rest, |(_, guid)| guid))
        .or_else(|| dest.strip_prefix("/library/"))?;
    let guid = path.split(['#', '?', '(', '.']).next()?;
    let is_guid = guid.len() == 36
        && guid.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    is_guid.then_some(guid)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                // from_str_radix would also take a sign (`%+1`).
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%ED%95%9C.md"), "한.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%+1x"), "%+1x");
    }

    #[test]
    fn asset_id_urls() {
        let g = "ec21c6e1-e233-4cd9-95ae-b9b9cf807f9d";
        assert_eq!(
            asset_id(&format!("http://msdn.microsoft.com/en-us/{g}")),
            Some(g)
        );
        assert_eq!(
            asset_id(&format!(
                "https://msdn.microsoft.com/library/{g}(v=vs.110).aspx"
            )),
            Some(g)
        );
        assert_eq!(asset_id(&format!("/library/{g}")), Some(g));
        assert_eq!(
            asset_id("http://msdn.microsoft.com/en-us/library/system.string"),
            None
        );
        assert_eq!(
            asset_id("https://example.org/ec21c6e1-e233-4cd9-95ae-b9b9cf807f9d"),
            None
        );
    }

    #[test]
    fn suggestions_are_close_matches_only() {
        let topics = ["guide/setup.md", "guide/usage.md", "index.md"];
        assert_eq!(
            did_you_mean("guide/setpu.md", topics.iter()).as_deref(),
            Some("did you mean `guide/setup.md`?")
        );
        assert_eq!(did_you_mean("completely-else.md", topics.iter()), None);
    }
}
