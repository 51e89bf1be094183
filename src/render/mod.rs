//! Stage: HTML. Markdown is turned into HTML per page and laid out with the
//! Tera templates; UI strings come from Fluent.

mod blocks;
mod dashboard;
mod keywords;
mod memo;
mod sidebar;
pub mod strings;
pub mod templates;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::assets::Assets;
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::{Index, PageRef};
use crate::links::Resolved;
use crate::locale::LocaleId;
use crate::markdown::{self, Heading};
use crate::memo::KeyHasher;
use crate::paths;
use crate::samples::Samples;
use crate::write::{Content, OutFile};
pub use memo::Memo;
use sidebar::{Sidebars, mark_current};
use strings::Strings;
use templates::Templates;

/// What the render stage needs besides the index.
pub struct Resources<'a> {
    pub strings: &'a Strings,
    pub templates: &'a Templates,
    pub assets: &'a Assets,
    pub samples: &'a Samples,
    pub status: &'a crate::status::Status,
    pub highlighter: &'a crate::highlight::Highlighter,
    /// Pages of earlier builds, in `serve`.
    pub memo: Option<&'a Memo>,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    base_url: &'a str,
    source_locale: &'a str,
}

#[derive(Serialize)]
struct LocaleCtx<'a> {
    code: &'a str,
    dir: String,
    name: String,
    /// Word endings the search box strips from a query (Korean), space-separated.
    search_endings: &'static str,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    /// `titleSuffix`, for the browser's title bar.
    title_suffix: &'a str,
    description: &'a str,
    keywords: &'a [String],
    author: &'a str,
    uid: &'a str,
    assetid: &'a str,
    /// Localized date of the last update, or empty.
    updated: String,
    /// Output path relative to the output root.
    url: &'a str,
    topic: &'a str,
    is_fallback: bool,
    machine_translated: bool,
    /// The source-language page changed since this translation was made.
    outdated: bool,
    /// Language of the article text: the source locale for a fallback.
    content_lang: &'a str,
    has_h1: bool,
    toc: Vec<&'a Heading>,
    canonical: String,
    /// Link to the source-language page, for translations.
    original_href: String,
    extra: &'a BTreeMap<String, serde_yaml::Value>,
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    name: String,
    href: String,
    current: bool,
    translated: bool,
}

#[derive(Serialize)]
struct HrefLang {
    hreflang: String,
    href: String,
}

#[derive(Serialize)]
struct AssetsCtx {
    style: String,
    highlight: String,
    script: String,
    search: String,
    search_engine: String,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct LocaleLink {
    code: String,
    name: String,
    href: String,
}

/// Everything `base.html` lays out around a page's content; links are
/// relative to the page. Serialized, it is the page's key in the [`Memo`].
#[derive(Serialize)]
struct Chrome<'a> {
    page: PageCtx<'a>,
    alternates: Vec<Alternate>,
    hreflang: Vec<HrefLang>,
    breadcrumbs: Vec<Crumb>,
    prev: Option<Crumb>,
    next: Option<Crumb>,
    keyword_index: String,
    home: String,
    /// `../` repeated up to the output root.
    root: String,
    /// The locale's sidebar for this depth, current page not yet marked.
    #[serde(skip)]
    sidebar: &'a str,
    sidebar_key: [u8; 32],
    /// The page marked in the sidebar (`usize::MAX`: none).
    current: usize,
    /// Stands in for `content` in the key: hashing every article again on
    /// each rebuild would cost more than rendering the edited page.
    content_key: [u8; 32],
    #[serde(skip)]
    content: &'a str,
}

impl Chrome<'_> {
    fn context(&self, site: &Site, theme: &Resources<'_>, locale: LocaleId) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site_ctx(site));
        ctx.insert("locale", &locale_ctx(site, theme.strings, locale));
        ctx.insert("assets", &assets_ctx(theme, &self.root));
        ctx.insert("page", &self.page);
        ctx.insert("alternates", &self.alternates);
        ctx.insert("hreflang", &self.hreflang);
        ctx.insert("breadcrumbs", &self.breadcrumbs);
        ctx.insert("prev", &self.prev);
        ctx.insert("next", &self.next);
        ctx.insert("keyword_index", &self.keyword_index);
        ctx.insert("home", &self.home);
        ctx.insert("root", &self.root);
        ctx.insert(
            "translation_status",
            &format!("{}translation-status.html", self.root),
        );
        ctx.insert("sidebar", &mark_current(self.sidebar, self.current));
        ctx.insert("content", self.content);
        ctx
    }
}

/// Where a rendered file goes as soon as it is made: `build` writes it to the
/// new output folder, so that the site is never held whole in memory; `serve`
/// and `check` keep it. Gives the file back when it is to be kept.
pub type Emit<'a> = &'a (dyn Fn(OutFile) -> Option<OutFile> + Sync);

/// The render stage's output: the files kept, and each page's article for the
/// search stage.
pub struct Rendered {
    pub files: Vec<OutFile>,
    pub search: Vec<Arc<crate::search::Doc>>,
}

/// Renders every page and the site-wide pages. Problems are diagnostics; a page
/// whose template fails is left out (the build has failed anyway).
pub fn render(
    site: &Site,
    index: &Index,
    links: &Resolved,
    theme: &Resources<'_>,
    emit: Emit<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    // For `serve`'s memo (its index and links memos give their keys).
    let surface = match (theme.memo, links.surface, index.nav_key) {
        (Some(_), Some(link_surface), Some(nav_key)) => Some(surface(link_surface, nav_key, theme)),
        _ => None,
    };
    let surface = surface.as_ref();
    // The sidebars are made of the navigation and the pages' paths and
    // titles, all in that key.
    let sidebars = match theme.memo.zip(surface) {
        Some((memo, key)) => memo.all_sidebars(key, diags, |diags| {
            sidebar::render(site, index, theme, diags)
        }),
        None => std::sync::Arc::new(sidebar::render(site, index, theme, diags)),
    };
    let last = theme
        .memo
        .and_then(|m| m.take_last())
        .filter(|l| l.holds(index, surface));
    let kept = |i: usize, page: &PageRef| {
        let last = last.as_ref()?;
        let source = &index.sources[page.source];
        Arc::ptr_eq(&last.sources[page.source], source)
            .then(|| last.rendered[i].clone())
            .flatten()
    };
    // Per page: the file as emitted, the page kept for `serve`'s next
    // rebuild, and the article for the search stage.
    type Done = (Option<OutFile>, Option<PageOut>, Arc<crate::search::Doc>);
    let results: Vec<Result<Done, Diagnostic>> = index
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let around = Around {
                sidebars: &sidebars,
                surface,
            };
            if let Some(done) = kept(i, page) {
                let doc = Arc::clone(&done.1);
                return Ok((emit(done.0.clone()), Some(done), doc));
            }
            let (file, doc) = render_page(site, index, links, theme, &around, i, page)?;
            let doc = Arc::new(doc);
            Ok(match theme.memo {
                Some(_) => {
                    let done = Arc::new((file, Arc::clone(&doc)));
                    (emit(done.0.clone()), Some(done), doc)
                }
                None => (emit(file), None, doc),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 8);
    let mut search = Vec::with_capacity(results.len());
    let mut template_errors = Vec::new();
    let mut rendered = Vec::with_capacity(if theme.memo.is_some() {
        results.len()
    } else {
        0
    });
    for r in results {
        match r {
            Ok((emitted, kept, doc)) => {
                files.extend(emitted);
                search.push(doc);
                if theme.memo.is_some() {
                    rendered.push(kept);
                }
            }
            Err(d) => {
                template_errors.push(d);
                if theme.memo.is_some() {
                    rendered.push(None);
                }
            }
        }
    }
    // Home pages made for locales without an `index.md`: lists of the pages.
    let mut homes = Vec::new();
    match &last {
        Some(last) => homes.clone_from(&last.homes),
        None => {
            for locale in site.locales.ids() {
                if index.page("index.md", locale).is_none() {
                    match render_generated_home(site, index, theme, &sidebars, locale) {
                        Ok(f) if theme.memo.is_some() => homes.push(f),
                        Ok(f) => files.extend(emit(f)),
                        Err(d) => template_errors.push(d),
                    }
                }
            }
        }
    }
    for f in &homes {
        files.extend(emit(f.clone()));
    }
    // One locale at a time: a keyword page may be as large as the page
    // budget allows, and two at once would double the peak.
    let mut keyword_pages = Vec::new();
    match &last {
        Some(last) => keyword_pages.clone_from(&last.keywords),
        None => {
            for locale in site.locales.ids() {
                match keywords::render(site, index, theme, &sidebars, locale) {
                    Ok(f) if theme.memo.is_some() => keyword_pages.push(f),
                    Ok(f) => files.extend(emit(f)),
                    Err(d) => template_errors.push(d),
                }
            }
        }
    }
    for f in &keyword_pages {
        files.extend(emit(f.clone()));
    }
    // The status page shows every topic of every locale: in `serve`, taken
    // as it was while nothing around the pages changed.
    let status_page = match theme.memo.zip(surface) {
        Some((memo, surface)) => memo
            .page(dashboard::PATH, *surface, || {
                dashboard::html(site, index, theme)
            })
            .map(|html| OutFile {
                path: dashboard::PATH.to_string(),
                content: Content::Shared(html),
            }),
        None => dashboard::render(site, index, theme),
    };
    match status_page {
        Ok(f) => files.extend(emit(f)),
        Err(d) => template_errors.push(d),
    }
    for (template, out) in [("index.html", "index.html"), ("404.html", "404.html")] {
        match render_root_page(site, theme, template, out) {
            Ok(f) => files.extend(emit(f)),
            Err(d) => template_errors.push(d),
        }
    }
    let sitemap = match &last {
        Some(last) => last.sitemap.clone(),
        None => sitemap(site, index),
    };
    // A page or template that failed is made again next time, its problem
    // reported again: the output of a rebuild with errors is not kept.
    if let (Some(memo), Some(surface), true) = (theme.memo, surface, template_errors.is_empty()) {
        memo.keep_last(memo::Last {
            pages: Arc::clone(&index.pages),
            sources: index.sources.clone(),
            surface: *surface,
            rendered,
            homes,
            keywords: keyword_pages,
            sitemap: sitemap.clone(),
        });
    }
    if let Some(last) = last {
        crate::memo::free_aside(last);
    }
    files.extend(emit(sitemap));
    // One broken template fails every page the same way: report it once.
    crate::diagnostics::normalize(&mut template_errors);
    diags.extend(template_errors);
    Rendered { files, search }
}

/// A rendered page and its article for the search stage.
pub(crate) type PageOut = Arc<(OutFile, Arc<crate::search::Doc>)>;

/// What every page is rendered within, computed once per build.
#[derive(Clone, Copy)]
struct Around<'a> {
    sidebars: &'a Sidebars,
    /// In `serve`: the key of everything around a page besides its text.
    surface: Option<&'a memo::Key>,
}

/// The key of everything around a page besides its own text: what its links
/// resolve against, what its navigation is built from, translation states,
/// the samples' listings and the static files' names.
fn surface(link_surface: memo::Key, nav_key: memo::Key, theme: &Resources<'_>) -> memo::Key {
    let mut h = KeyHasher::default();
    h.key(&link_surface).key(&nav_key);
    for entries in theme.status.topics.values() {
        for e in entries {
            h.number(e.state as usize)
                .number(usize::from(e.machine_assisted))
                .text(e.source_commit.as_deref().unwrap_or(""));
        }
    }
    h.debug(&theme.samples.blocks).debug(&theme.assets.urls);
    h.finish()
}

fn locale_ctx<'a>(site: &'a Site, strings: &Strings, locale: LocaleId) -> LocaleCtx<'a> {
    let l = site.locales.get(locale);
    LocaleCtx {
        code: &l.code,
        dir: l.dir(),
        name: strings.locale_name(locale).to_string(),
        search_endings: crate::search::query_endings(l.language()),
    }
}

fn site_ctx(site: &Site) -> SiteCtx<'_> {
    SiteCtx {
        title: &site.title,
        base_url: site.base_url.as_deref().unwrap_or(""),
        source_locale: &site.locales.default_locale().code,
    }
}

fn assets_ctx(theme: &Resources<'_>, prefix: &str) -> AssetsCtx {
    let url = |name: &str| {
        theme
            .assets
            .path(name)
            .map(|p| format!("{prefix}{}", paths::encode(p)))
            .unwrap_or_default()
    };
    AssetsCtx {
        style: url("style.css"),
        highlight: url("highlight.css"),
        script: url("interdoc.js"),
        search: url("search.js"),
        search_engine: url("search-engine.js"),
    }
}

/// Output path of a locale's keyword index.
fn keywords_path(site: &Site, locale: LocaleId) -> String {
    format!("{}/keywords.html", site.locales.get(locale).dir())
}

fn absolute(site: &Site, out_path: &str) -> Option<String> {
    site.base_url
        .as_ref()
        .map(|b| format!("{b}{}", paths::encode(out_path)))
}

fn render_page(
    site: &Site,
    index: &Index,
    links: &Resolved,
    theme: &Resources<'_>,
    around: &Around<'_>,
    page_id: usize,
    page: &PageRef,
) -> Result<(OutFile, crate::search::Doc), Diagnostic> {
    let Around { sidebars, surface } = *around;
    let source = index.source_of(page);
    let doc = &index.docs[page.source];
    let title = &index.titles[page.source];
    let output = |html: std::sync::Arc<Vec<u8>>, content: std::sync::Arc<String>| {
        let search = crate::search::Doc {
            file: source.file.clone(),
            locale: page.locale,
            out_path: page.out_path.clone(),
            size: content.len(),
            html: crate::search::indexed(content),
            heading: doc.h1.is_none(),
            title: title.clone(),
            fallback: page.fallback,
        };
        let file = OutFile {
            path: page.out_path.clone(),
            content: Content::Shared(html),
        };
        (file, search)
    };
    let whole = theme.memo.zip(surface);
    if let Some((memo, surface)) = whole
        && let Some((html, content)) = memo.unchanged(&page.out_path, surface, &source.text)
    {
        return Ok(output(html, content));
    }
    let locale = page.locale;
    let strings = theme.strings;
    let alerts = strings.alert_titles(locale);
    let anchor_label = strings.anchor_label(locale);
    let blocks = blocks::page_blocks(
        doc,
        &theme.samples.blocks[page.source],
        theme.samples,
        theme.highlighter,
        strings,
        locale,
    );
    let to_html = || {
        let mut html = markdown::to_html(&markdown::RenderInput {
            doc,
            links: links.actions(page_id),
            blocks: &blocks,
            highlighter: Some(theme.highlighter),
            alerts,
            anchor_label,
        });
        // Kept until the search stage, so without the spare capacity the
        // buffer grew (a copy: the allocator may keep a block that shrinks
        // by less than half).
        if html.capacity() - html.len() > html.len() / 8 {
            html = html.as_str().to_owned();
        }
        html
    };
    let (content, content_key): (std::sync::Arc<String>, _) = match theme.memo {
        Some(memo) => {
            let key = memo::key(&[
                source.text.as_bytes(),
                format!("{:?}", links.actions(page_id)).as_bytes(),
                blocks.join("\0").as_bytes(),
                &locale.to_le_bytes(),
            ]);
            (memo.content(&page.out_path, key, to_html), key)
        }
        None => (std::sync::Arc::new(to_html()), [0; 32]),
    };

    let default = site.locales.default_id();
    let front = &source.front;
    let original = index
        .page(&page.topic, default)
        .filter(|p| p.locale != locale);
    let machine_translated = !page.fallback && front.machine_assisted();
    let page_ctx = PageCtx {
        title: &index.titles[page.source],
        title_suffix: front.title_suffix.as_deref().unwrap_or(""),
        description: front.description.as_deref().unwrap_or(""),
        keywords: &front.keywords,
        author: front.author.as_deref().unwrap_or(""),
        uid: front.uid.as_deref().unwrap_or(""),
        assetid: front.assetid.as_deref().unwrap_or(""),
        updated: front
            .date
            .map(|d| strings.date(locale, d))
            .unwrap_or_default(),
        url: &page.out_path,
        topic: &page.topic,
        is_fallback: page.fallback,
        machine_translated,
        outdated: theme
            .status
            .locales
            .iter()
            .position(|c| *c == site.locales.get(locale).code)
            .and_then(|i| theme.status.entry(&page.topic, i))
            .is_some_and(|e| !page.fallback && e.state == crate::status::State::Outdated),
        content_lang: &site.locales.get(source.locale).code,
        has_h1: doc.h1.is_some(),
        toc: doc
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect(),
        canonical: match (page.fallback, original) {
            (true, Some(o)) => absolute(site, &o.out_path),
            _ => absolute(site, &page.out_path),
        }
        .unwrap_or_default(),
        original_href: original
            .filter(|_| !page.fallback)
            .map(|o| paths::relative_url(&page.out_path, &o.out_path))
            .unwrap_or_default(),
        extra: &front.extra,
    };

    let mut alternates = Vec::new();
    let mut hreflang = Vec::new();
    for l in site.locales.ids() {
        let Some(other) = index.page(&page.topic, l) else {
            continue;
        };
        let code = site.locales.get(l).code.clone();
        let href = absolute(site, &other.out_path)
            .unwrap_or_else(|| paths::relative_url(&page.out_path, &other.out_path));
        if !other.fallback {
            hreflang.push(HrefLang {
                hreflang: code.clone(),
                href: href.clone(),
            });
            if l == default {
                hreflang.push(HrefLang {
                    hreflang: "x-default".to_string(),
                    href,
                });
            }
        }
        alternates.push(Alternate {
            name: strings.locale_name(l).to_string(),
            href: paths::relative_url(&page.out_path, &other.out_path),
            current: l == locale,
            translated: !other.fallback,
            code,
        });
    }

    let prefix = paths::root_prefix(paths::depth(&page.out_path));
    let (sidebar, sidebar_key) = sidebars.of_page(index, page_id);
    let home = format!("{}/index.html", site.locales.get(locale).dir());

    let nav = &index.page_nav[page_id];
    let link_to = |p: usize| Crumb {
        title: index.titles[index.pages[p].source].clone(),
        href: paths::relative_url(&page.out_path, &index.pages[p].out_path),
    };
    let breadcrumbs: Vec<Crumb> = nav
        .crumbs
        .iter()
        .map(|(title, p)| Crumb {
            title: title.clone(),
            href: p
                .map(|p| paths::relative_url(&page.out_path, &index.pages[p].out_path))
                .unwrap_or_default(),
        })
        .collect();

    let chrome = Chrome {
        page: page_ctx,
        alternates,
        hreflang,
        breadcrumbs,
        prev: nav.prev.map(link_to),
        next: nav.next.map(link_to),
        keyword_index: paths::relative_url(&page.out_path, &keywords_path(site, locale)),
        home: paths::relative_url(&page.out_path, &home),
        root: prefix,
        sidebar,
        sidebar_key,
        current: page_id,
        content_key,
        content: &content,
    };
    let render = || {
        let ctx = chrome.context(site, theme, locale);
        theme.templates.render_bytes("topic.html", &ctx)
    };
    let html = match theme.memo {
        Some(memo) => memo.page(&page.out_path, memo::key_of(&chrome), || {
            memo.count_rendered();
            render()
        })?,
        None => std::sync::Arc::new(render()?),
    };
    if let Some((memo, surface)) = whole {
        memo.keep_whole(&page.out_path, *surface, &source.text, &html, &content);
    }
    Ok(output(html, content))
}

/// The context of a page interdoc generates in a locale's top folder (its home
/// page when there is no `index.md`, the keyword index): the whole chrome, with
/// a switcher between the same generated page in each locale.
fn generated_page_ctx(
    site: &Site,
    theme: &Resources<'_>,
    sidebars: &Sidebars,
    locale: LocaleId,
    file_name: &str,
    title: &str,
) -> tera::Context {
    let strings = theme.strings;
    let out_path = format!("{}/{file_name}", site.locales.get(locale).dir());
    let empty = BTreeMap::new();
    let page_ctx = PageCtx {
        title,
        title_suffix: "",
        description: "",
        keywords: &[],
        author: "",
        uid: "",
        assetid: "",
        updated: String::new(),
        url: &out_path,
        topic: "",
        is_fallback: false,
        machine_translated: false,
        outdated: false,
        content_lang: &site.locales.get(locale).code,
        has_h1: true,
        toc: Vec::new(),
        canonical: absolute(site, &out_path).unwrap_or_default(),
        original_href: String::new(),
        extra: &empty,
    };
    let alternates: Vec<Alternate> = site
        .locales
        .ids()
        .map(|l| Alternate {
            code: site.locales.get(l).code.clone(),
            name: strings.locale_name(l).to_string(),
            href: paths::relative_url(
                &out_path,
                &format!("{}/{file_name}", site.locales.get(l).dir()),
            ),
            current: l == locale,
            translated: true,
        })
        .collect();
    Chrome {
        page: page_ctx,
        alternates,
        hreflang: Vec::new(),
        breadcrumbs: Vec::new(),
        prev: None,
        next: None,
        keyword_index: "keywords.html".to_string(),
        home: "index.html".to_string(),
        root: "../".to_string(),
        sidebar: sidebars.of_locale_page(locale),
        sidebar_key: [0; 32],
        current: usize::MAX,
        content_key: [0; 32],
        content: "",
    }
    .context(site, theme, locale)
}

/// A locale's home page when the site has no `index.md` in any locale.
fn render_generated_home(
    site: &Site,
    index: &Index,
    theme: &Resources<'_>,
    sidebars: &Sidebars,
    locale: LocaleId,
) -> Result<OutFile, Diagnostic> {
    let title = theme.strings.text(locale, "home-title");
    let mut ctx = generated_page_ctx(site, theme, sidebars, locale, "index.html", &title);
    let topic_count = index.pages.iter().filter(|p| p.locale == locale).count();
    ctx.insert("topic_count", &topic_count);
    let html = theme.templates.render("home.html", &ctx)?;
    Ok(OutFile {
        path: format!("{}/index.html", site.locales.get(locale).dir()),
        content: Content::Owned(html.into_bytes()),
    })
}

/// `index.html` (language chooser) and `404.html`, at the output root. The 404
/// page is served at any depth, so its links start from the site's root path.
fn render_root_page(
    site: &Site,
    theme: &Resources<'_>,
    template: &str,
    out: &str,
) -> Result<OutFile, Diagnostic> {
    let prefix = if out == "404.html" {
        site.base_url
            .as_deref()
            .and_then(|b| b.find("://").map(|i| &b[i + 3..]))
            .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap_or_else(|| "/".to_string())
    } else {
        String::new()
    };
    let locales: Vec<LocaleLink> = site
        .locales
        .ids()
        .map(|l| LocaleLink {
            code: site.locales.get(l).code.clone(),
            name: theme.strings.locale_name(l).to_string(),
            href: format!("{prefix}{}/index.html", site.locales.get(l).dir()),
        })
        .collect();
    // Embedded in a <script>: `<` is escaped so no `</script>` can appear.
    let locales_json = serde_json::to_string(&locales)
        .unwrap_or_else(|_| "[]".to_string())
        .replace('<', "\\u003c");
    let default = site.locales.default_id();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &site_ctx(site));
    ctx.insert("default_locale", &locale_ctx(site, theme.strings, default));
    ctx.insert("locales", &locales);
    ctx.insert("locales_json", &locales_json);
    ctx.insert("assets", &assets_ctx(theme, &prefix));
    let html = theme.templates.render(template, &ctx)?;
    Ok(OutFile {
        path: out.to_string(),
        content: Content::Owned(html.into_bytes()),
    })
}

/// `sitemap.xml`: every translated page, with its translations as
/// `xhtml:link` alternates. URLs are absolute only when `base_url` is known.
fn sitemap(site: &Site, index: &Index) -> OutFile {
    let url = |path: &str| {
        crate::escape::html(&absolute(site, path).unwrap_or_else(|| paths::encode(path)))
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in index.pages.iter().filter(|p| !p.fallback) {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&url(&page.out_path));
        xml.push_str("</loc>\n");
        if site.base_url.is_some() {
            for l in site.locales.ids() {
                if let Some(other) = index.page(&page.topic, l).filter(|p| !p.fallback) {
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        site.locales.get(l).code,
                        url(&other.out_path)
                    ));
                }
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutFile {
        path: "sitemap.xml".to_string(),
        content: Content::Owned(xml.into_bytes()),
    }
}
