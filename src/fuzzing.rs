//! Entry points for the fuzz targets in `fuzz/` (not part of the public API).
//! Each takes arbitrary input and must return without panicking.

use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::locale::{Locale, Locales};
use crate::markdown::{self, AlertTitles, LinkAction, RenderInput};
use crate::xrefmap::{self, XrefMaps};

/// Front matter splitting and YAML parsing, as for a file read from disk.
pub fn front_matter(bytes: &[u8]) {
    let _ = crate::load::source_from_bytes("t.md".into(), 0, PathBuf::from("t.md"), bytes);
}

/// The Markdown renderer with every extension: alerts, heading ids, directives,
/// xref shorthands, raw HTML links, and every kind of link action.
pub fn markdown(text: &str) {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    let doc = markdown::parse(text);
    let actions: Vec<LinkAction> = (0..doc.links.len())
        .map(|i| match i % 6 {
            0 => LinkAction::Keep,
            1 => LinkAction::Href(format!("x{i}.html?a=<\"&>")),
            2 => LinkAction::HrefText(format!("y{i}.html"), "<b>t</b>".to_string()),
            3 => LinkAction::Titled {
                href: format!("z{i}.html"),
                text: (i % 2 == 0).then(|| "<i>".to_string()),
                title: "\"t\" <&>".to_string(),
            },
            4 => LinkAction::Code("`a<b>`".to_string()),
            _ => LinkAction::Unlink,
        })
        .collect();
    let blocks: Vec<String> = (0..doc.directives.len())
        .map(|i| format!("<p>block {i}</p>\n"))
        .collect();
    let _ = markdown::to_html(&RenderInput {
        doc: &doc,
        links: &actions,
        blocks: &blocks,
        highlighter: Some(HIGHLIGHTER.get_or_init(Highlighter::default)),
        alerts: &AlertTitles::default(),
        anchor_label: "#",
    });
}

/// Link resolution over a small in-memory site: the input is a topic of the
/// source locale, linked with the others in two locales.
pub fn links(bytes: &[u8]) {
    let locales = Locales::new(
        vec![
            Locale::parse("en").unwrap_or(Locale { code: "en".into() }),
            Locale { code: "fr".into() },
        ],
        0,
    );
    let site = Site {
        root: PathBuf::from("/nonexistent-interdoc-fuzz-root"),
        out: PathBuf::from("/nonexistent-interdoc-fuzz-root/public"),
        title: String::new(),
        base_url: None,
        locales,
        title_suffixes: Vec::new(),
        xref: Default::default(),
    };
    let fixed: [(&str, usize, &str); 4] = [
        (
            "index.md",
            0,
            "---\nuid: home\nms.assetid: 0f8a4c2e-6b1d-4e3a-9c7f-2d5b8e1a4f60\n---\n# Home {#top}\n",
        ),
        (
            "guide/c.md",
            0,
            "---\nuid: guide.c\n---\n## Part <a name=\"p\"></a>\n",
        ),
        ("guide/c.md", 1, "---\nuid: guide.c\n---\n## Partie\n"),
        ("index.md", 1, "# Accueil\n"),
    ];
    let mut loaded = crate::load::Loaded::default();
    for (topic, locale, text) in fixed {
        let (s, _) = crate::load::source_from_bytes(
            topic.into(),
            locale,
            PathBuf::from(topic),
            text.as_bytes(),
        );
        loaded.sources.extend(s.map(std::sync::Arc::new));
    }
    let (s, _) = crate::load::source_from_bytes(
        "guide/fuzz.md".into(),
        0,
        PathBuf::from("guide/fuzz.md"),
        bytes,
    );
    loaded.sources.extend(s.map(std::sync::Arc::new));
    let mut diags: Vec<Diagnostic> = Vec::new();
    let index = crate::index::build(&site, loaded, None, &mut diags);
    let assets = crate::assets::collect(&site, &index, &mut diags);
    let _ = crate::links::resolve(&site, &index, &assets, &XREFS, None, &mut diags);
}

/// The xref maps of the links target's site: a uid the site also has, a URL
/// entry, a relative href and an entry without href.
static XREFS: LazyLock<XrefMaps> = LazyLock::new(|| {
    let mut maps = XrefMaps::default();
    let files = [
        (
            "xrefmap.yml",
            "baseUrl: https://x.test/api/\nreferences:\n- uid: home\n  name: Map home\n  href: home\n- uid: System.String\n  name: String\n  nameWithType: String\n  fullName: System.String\n  href: system.string#top\n",
        ),
        (
            "maps/local.yml",
            "references:\n- uid: Local.A\n  name: A\n  href: ../api/a.html?x=1\n- uid: Local.NoHref\n  name: NoHref\n",
        ),
    ];
    for (file, text) in files {
        if let Ok(map) = xrefmap::parse(text, Some(crate::paths::parent(file))) {
            maps.add(file, map);
        }
    }
    maps
});

/// xref map parsing (`xrefmap.yml`), as for a map in a folder of the site.
pub fn xref_map(text: &str) {
    let _ = xrefmap::parse(text, Some("maps"));
}

/// `toc.yml` parsing.
pub fn toc(text: &str) {
    let file = crate::load::TocFile {
        locale: 0,
        file: PathBuf::from("toc.yml"),
        text: text.to_string(),
    };
    let _ = crate::index::nav::parse(&file, &mut Vec::new());
}

/// The snippet-region extractor: the first line names the region and the
/// range, the rest is the file.
pub fn snippets(text: &str) {
    let (head, body) = text.split_once('\n').unwrap_or((text, ""));
    let mut parts = head.splitn(2, ' ');
    let region = parts.next().filter(|r| !r.is_empty());
    let range = parts.next();
    let _ = crate::snippets::region_names(body);
    if let Ok(lines) = crate::snippets::region(body, region) {
        if let Some(spec) = range {
            let _ = crate::snippets::parse_lines(spec, lines.len());
            let _ = crate::snippets::parse_dedent(spec);
        }
        let _ = crate::snippets::dedent(&lines);
        // A dedent drawn from the input, so small and huge ones both occur.
        let _ = crate::snippets::dedent_by(&lines, body.len() % 13);
        let _ = crate::snippets::dedent_by(&lines, usize::MAX);
    }
    let _ = crate::markdown::directives::parse_block(head);
    let _ = crate::markdown::directives::parse_mdbook(head, "rust");
}
