//! Markdown: parsed once per source into owned events, with the facts later
//! stages need (heading ids, link sites); rendered per page after links are resolved.

pub(crate) mod attrs;
pub mod directives;
mod docfx;
mod html;
pub mod slug;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub use html::{AlertTitles, LinkAction, RenderInput, to_html};
use slug::{IdSet, slugify};

pub use directives::{CodeRef, Directive, DirectiveSite};

/// A heading with its final, unique id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
    /// An `href`/`src` attribute of raw HTML, at this byte range of the event's text.
    Html(Range<usize>),
}

/// A link, image or HTML link attribute in the source, by the index of its event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSite {
    pub event: usize,
    pub kind: LinkKind,
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// The link's text, for diagnostics and for xrefs written without text.
    pub text: String,
    /// `<xref:uid>` or `<https://...>`: the text is the destination itself.
    pub autolink: bool,
    /// `@uid` in running text: a link only if the uid exists.
    pub shorthand: bool,
}

/// Something the parser noticed that the author should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub events: Vec<Event<'static>>,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkSite>,
    /// Every fragment target on the page: heading ids and HTML `id`/`<a name>`.
    pub anchors: Vec<String>,
    /// Plain text of the first level-1 heading.
    pub h1: Option<String>,
    /// Code includes and sample output blocks, in page order.
    pub directives: Vec<DirectiveSite>,
    pub notes: Vec<Note>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses a body and assigns every heading its id: `{#id}` if given, else an
/// `<a name="x">`/`id="x"` inside the heading, else a slug of its text.
pub fn parse(body: &str) -> Doc {
    let mut doc = Doc::default();
    // A large topic's events are counted first, so that their vector is
    // allocated once: grown by doubling, it briefly held both copies, which
    // was the build's peak memory for a topic of tens of megabytes.
    let capacity = if body.len() > 1 << 20 {
        Parser::new_ext(body, options()).count()
    } else {
        0
    };
    let events = xref_shorthands(
        capacity,
        Parser::new_ext(body, options())
            .into_offset_iter()
            .map(|(e, r)| (e.into_static(), r)),
    );
    let (events, tab_panels) = docfx::transform(events, body, &mut doc.notes);
    let events = find_directives(events, body, &mut doc);
    let mut ids = IdSet::default();
    let mut anchors: Vec<String> = tab_panels;

    // Heading spans first, so explicit ids are reserved before any slug is made.
    struct Pending {
        start: usize,
        level: u8,
        text: String,
        explicit: Option<String>,
        offset: usize,
    }
    let mut spans: Vec<Pending> = Vec::new();
    let mut current: Option<Pending> = None;
    // The link whose text is being collected (index into doc.links).
    let mut open_link: Option<usize> = None;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some(Pending {
                    start: i,
                    level: level_number(*level),
                    text: String::new(),
                    explicit: id.as_ref().map(|s| s.to_string()),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Heading(_)) => spans.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(t);
                }
                if let Some(l) = open_link {
                    doc.links[l].text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.text.push(' ');
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let mut found = attrs::anchors(html).map(String::from).peekable();
                if let Some(h) = current.as_mut().filter(|h| h.explicit.is_none()) {
                    h.explicit = found.peek().cloned();
                }
                anchors.extend(found);
                for attr in attrs::scan(html).into_iter().filter(attrs::is_link_attr) {
                    doc.links.push(LinkSite {
                        event: i,
                        kind: LinkKind::Html(attr.range.clone()),
                        dest: attr.value.to_string(),
                        offset: range.start + attr.range.start.min(range.len()),
                        text: String::new(),
                        autolink: false,
                        shorthand: false,
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                open_link = Some(doc.links.len());
                doc.links.push(LinkSite {
                    event: i,
                    kind: LinkKind::Link,
                    dest: dest_url.to_string(),
                    offset: range.start,
                    text: String::new(),
                    // A quoted shorthand's text is its destination, as an autolink's.
                    autolink: matches!(link_type, LinkType::Autolink)
                        || id.as_ref() == QUOTED_SHORTHAND,
                    shorthand: id.as_ref() == SHORTHAND,
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open_link = Some(doc.links.len());
                doc.links.push(LinkSite {
                    event: i,
                    kind: LinkKind::Image,
                    dest: dest_url.to_string(),
                    offset: range.start,
                    text: String::new(),
                    autolink: false,
                    shorthand: false,
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => open_link = None,
            _ => {}
        }
    }
    for span in &spans {
        if let Some(id) = &span.explicit
            && !ids.reserve(id)
        {
            doc.notes.push(Note {
                offset: span.offset,
                message: format!("heading id `{id}` is used twice on this page"),
                hint: Some("give each heading its own {#id}".to_string()),
            });
        }
    }
    let mut events: Vec<Event<'static>> = events.into_iter().map(|(e, _)| e).collect();
    for span in spans {
        let text = span.text.trim().to_string();
        let id = match span.explicit {
            Some(id) => id,
            None => ids.unique(&slugify(&text)),
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[span.start] {
            *slot = Some(CowStr::from(id.clone()));
        }
        if span.level == 1 && doc.h1.is_none() {
            doc.h1 = Some(text.clone());
        }
        anchors.push(id.clone());
        doc.headings.push(Heading {
            level: span.level,
            id,
            text,
        });
    }
    anchors.sort();
    anchors.dedup();
    doc.anchors = anchors;
    doc.events = events;
    doc
}

/// Replaces each paragraph made only of block directives by one placeholder
/// event per directive, and records mdBook includes inside fenced blocks.
fn find_directives(
    events: Vec<(Event<'static>, Range<usize>)>,
    body: &str,
    doc: &mut Doc,
) -> Vec<(Event<'static>, Range<usize>)> {
    // Most topics have no directive: their events are kept as they are, not
    // copied (a second copy of a large topic's events was the build's peak).
    let marked = |m: &[u8]| {
        body.as_bytes()
            .windows(m.len())
            .any(|w| w.eq_ignore_ascii_case(m))
    };
    if !body.contains(":::") && !body.contains("{{#include") && !marked(b"[!code-") {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut fence_lang: Option<String> = None;
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        match &event {
            Event::Start(Tag::Paragraph) => {
                let text = body.get(range.clone()).unwrap_or_default();
                let parsed: Vec<_> = text
                    .lines()
                    .map(|l| (l, directives::parse_block(l)))
                    .collect();
                if !parsed.is_empty() && parsed.iter().all(|(_, d)| d.is_some()) {
                    // Drop the paragraph's own events up to its end.
                    for (e, _) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Paragraph)) {
                            break;
                        }
                    }
                    let mut line_start = range.start;
                    for (line, d) in parsed {
                        let offset = line_start + (line.len() - line.trim_start().len());
                        line_start += line.len() + 1;
                        match d {
                            Some(Ok(directive)) => {
                                doc.directives.push(DirectiveSite {
                                    event: out.len(),
                                    offset,
                                    directive,
                                    inline: None,
                                });
                                out.push((
                                    Event::Html(CowStr::Borrowed(DIRECTIVE_MARK)),
                                    range.clone(),
                                ));
                            }
                            Some(Err(message)) => doc.notes.push(Note {
                                offset,
                                message,
                                hint: None,
                            }),
                            None => {}
                        }
                    }
                    continue;
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                fence_lang = Some(match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info
                        .split([' ', ','])
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                });
            }
            Event::End(TagEnd::CodeBlock) => fence_lang = None,
            Event::Text(text) if text.contains("{{#include") => {
                if let Some(lang) = &fence_lang {
                    for line in text.lines() {
                        if let Some(code) = directives::parse_mdbook(line, lang) {
                            let offset = body
                                .get(range.clone())
                                .and_then(|b| b.find(line.trim()))
                                .map_or(range.start, |i| range.start + i);
                            doc.directives.push(DirectiveSite {
                                event: out.len(),
                                offset,
                                directive: Directive::Code(code),
                                inline: Some(line.to_string()),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// The placeholder a block directive leaves among the events.
pub const DIRECTIVE_MARK: &str = "<!-- interdoc directive -->";

/// Marks the links made from `@uid` shorthands (in the link's id field, which
/// inline links otherwise leave empty).
const SHORTHAND: &str = "@";
/// Marks the links made from quoted shorthands, `@"uid?options"`: written as
/// xrefs on purpose, so they resolve and warn like `<xref:uid>`.
const QUOTED_SHORTHAND: &str = "@\"";

/// Splits `@uid` and `@"uid"` out of running text into links to `xref:uid`.
/// Code, links and e-mail addresses (`a@b.c`) are left alone; whether the uid
/// exists is for the links stage to say (an unknown `@uid` stays plain text).
fn xref_shorthands(
    capacity: usize,
    events: impl Iterator<Item = (Event<'static>, Range<usize>)>,
) -> Vec<(Event<'static>, Range<usize>)> {
    let mut out = Vec::with_capacity(capacity);
    let mut in_code_or_link = 0usize;
    for (event, range) in events {
        match &event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. },
            ) => in_code_or_link += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                in_code_or_link = in_code_or_link.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if in_code_or_link > 0 || !text.contains('@') {
            out.push((event, range));
            continue;
        }
        let text = text.to_string();
        let mut rest_start = 0;
        for found in shorthand_uids(&text) {
            let at = found.at;
            if at > rest_start {
                out.push((
                    Event::Text(CowStr::from(text[rest_start..at].to_string())),
                    range.clone(),
                ));
            }
            let offset = (range.start + at).min(range.end);
            let here = offset..offset + found.len;
            let marker = if found.quoted {
                QUOTED_SHORTHAND
            } else {
                SHORTHAND
            };
            out.push((
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::from(format!("xref:{}", found.uid)),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(marker),
                }),
                here.clone(),
            ));
            let written = text.get(at..at + found.len).unwrap_or_default();
            out.push((Event::Text(CowStr::from(written.to_string())), here.clone()));
            out.push((Event::End(TagEnd::Link), here));
            rest_start = at + found.len;
        }
        if rest_start == 0 {
            out.push((Event::Text(CowStr::from(text)), range));
        } else if rest_start < text.len() {
            out.push((
                Event::Text(CowStr::from(text[rest_start..].to_string())),
                range,
            ));
        }
    }
    out
}

/// A shorthand xref in a text run.
struct Shorthand<'a> {
    /// Byte index of its `@`.
    at: usize,
    uid: &'a str,
    /// Bytes it takes in the text, `@` and quotes included.
    len: usize,
    quoted: bool,
}

/// Each shorthand in a text run: `@uid`, or DocFX's quoted form `@"uid"` /
/// `@'uid'` that may carry options (`@"System.String?text=string"`). A quoted
/// uid has no spaces, so a stray `@'` in prose does not swallow a sentence.
fn shorthand_uids(text: &str) -> Vec<Shorthand<'_>> {
    let mut found: Vec<Shorthand<'_>> = Vec::new();
    for (at, _) in text.match_indices('@') {
        if found.last().is_some_and(|f| at < f.at + f.len) {
            continue;
        }
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "._-@".contains(c)) {
            continue;
        }
        let rest = &text[at + 1..];
        let starts_uid = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(uid) = rest[1..].find(quote).map(|end| &rest[1..1 + end])
            && starts_uid(uid)
            && !uid.contains(char::is_whitespace)
        {
            found.push(Shorthand {
                at,
                uid,
                len: uid.len() + 3,
                quoted: true,
            });
            continue;
        }
        if !starts_uid(rest) {
            continue;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
            .unwrap_or(rest.len());
        let uid = rest[..len].trim_end_matches(['.', '-']);
        found.push(Shorthand {
            at,
            uid,
            len: uid.len() + 1,
            quoted: false,
        });
    }
    found
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A page's HTML with no links resolved, nothing included or highlighted.
#[cfg(test)]
pub(crate) fn to_html_plain(doc: &Doc) -> String {
    to_html(&RenderInput {
        doc,
        links: &[],
        blocks: &[],
        highlighter: None,
        alerts: &AlertTitles::default(),
        anchor_label: "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_from_attributes_anchors_and_slugs() {
        let doc = parse(
            "# <a name=\"interop\"></a>Interop avec C\n\n## Strings {#strings}\n\n## 마샬링 개요\n\n## Overview\n\n## Overview\n",
        );
        let ids: Vec<_> = doc.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "interop",
                "strings",
                "마샬링-개요",
                "overview",
                "overview-1"
            ]
        );
        assert_eq!(doc.h1.as_deref(), Some("Interop avec C"));
        assert_eq!(doc.headings[1].text, "Strings");
    }

    #[test]
    fn a_slug_never_takes_an_explicit_id() {
        let doc = parse("## Intro\n\n## Other {#intro}\n");
        let ids: Vec<_> = doc.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro-1", "intro"]);
        let dup = parse("## A {#x}\n\n## B {#x}\n");
        assert_eq!(dup.notes.len(), 1);
    }

    #[test]
    fn link_sites_have_offsets() {
        let body = "Intro\n\nSee [the guide](guide.md#top) and ![logo](img/logo.png).\n";
        let doc = parse(body);
        assert_eq!(doc.links.len(), 2);
        assert_eq!(doc.links[0].dest, "guide.md#top");
        assert_eq!(&body[doc.links[0].offset..doc.links[0].offset + 1], "[");
        assert_eq!(doc.links[1].kind, LinkKind::Image);
    }

    #[test]
    fn directives_become_placeholders() {
        let body = "Intro.\n\n[!code-rust[Wrapper](../s/main.rs#wrap)]\n:::sample-output name=\"s\":::\n\n```rust\n{{#include ../s/main.rs:wrap}}\n```\n\n:::code source=\"\":::\n:::sample-output:::\n";
        let doc = parse(body);
        assert_eq!(doc.directives.len(), 4, "{:?}", doc.directives);
        assert!(
            matches!(&doc.directives[0].directive, Directive::Code(c) if c.region.as_deref() == Some("wrap"))
        );
        assert_eq!(
            &body[doc.directives[1].offset..doc.directives[1].offset + 3],
            ":::"
        );
        assert!(doc.directives[2].inline.is_some());
        for d in &doc.directives[..2] {
            assert!(matches!(&doc.events[d.event], Event::Html(h) if h.as_ref() == DIRECTIVE_MARK));
        }
        // `:::code source=""` is a code include with an empty path; the bare
        // sample-output is a mistake reported as a note.
        assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
        assert!(
            !doc.events
                .iter()
                .any(|e| matches!(e, Event::Text(t) if t.contains("[!code")))
        );
    }

    #[test]
    fn anchors_include_headings_and_html_ids() {
        let doc = parse("## Intro\n\n<div id=\"box\"></div>\n\nText <a name=\"here\"></a>.\n");
        assert_eq!(doc.anchors, ["box", "here", "intro"]);
    }

    #[test]
    fn raw_html_links_are_link_sites() {
        let body = "Para <a href=\"other.md#x\">o</a>.\n\n<img src=\"pic.png\">\n";
        let doc = parse(body);
        let dests: Vec<_> = doc.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["other.md#x", "pic.png"]);
        assert_eq!(&body[doc.links[0].offset..doc.links[0].offset + 5], "other");
        assert!(matches!(doc.links[1].kind, LinkKind::Html(_)));
    }

    #[test]
    fn xref_forms() {
        let doc = parse(
            "See <xref:a.b>, [text](xref:c) and @Some.Uid. Mail me@host.org, `@code`, \
             @\"System.String?text=string\", @'B' but not @'s and the 'x' or @\"two words\".\n",
        );
        let found: Vec<_> = doc
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.text.as_str(), l.autolink, l.shorthand))
            .collect();
        assert_eq!(
            found,
            [
                ("xref:a.b", "xref:a.b", true, false),
                ("xref:c", "text", false, false),
                ("xref:Some.Uid", "@Some.Uid", false, true),
                (
                    "xref:System.String?text=string",
                    "@\"System.String?text=string\"",
                    true,
                    false
                ),
                ("xref:B", "@'B'", true, false),
            ]
        );
        let html = to_html(&RenderInput {
            doc: &doc,
            links: &[],
            blocks: &[],
            highlighter: None,
            alerts: &AlertTitles::default(),
            anchor_label: "",
        });
        assert!(
            html.contains("but not @'s and the 'x' or @\"two words\"."),
            "{html}"
        );
    }
}
