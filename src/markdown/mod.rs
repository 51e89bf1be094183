//! Markdown: parsed once per source into owned events, with the facts later
//! stages need (heading ids, link sites); rendered per page after links are resolved.

mod html;
pub mod slug;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use html::{AlertTitles, RenderInput, to_html};
use slug::{IdSet, slugify};

/// A heading with its final, unique id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// A link or image in the source, by the index of its start event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSite {
    pub event: usize,
    pub kind: LinkKind,
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
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
    /// Plain text of the first level-1 heading.
    pub h1: Option<String>,
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
    let events: Vec<(Event<'static>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, r)| (e.into_static(), r))
        .collect();
    let mut doc = Doc::default();
    let mut ids = IdSet::default();

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
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.text.push(' ');
                }
            }
            Event::InlineHtml(html) => {
                if let Some(h) = current.as_mut().filter(|h| h.explicit.is_none()) {
                    h.explicit = html_anchor(html);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => doc.links.push(LinkSite {
                event: i,
                kind: LinkKind::Link,
                dest: dest_url.to_string(),
                offset: range.start,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => doc.links.push(LinkSite {
                event: i,
                kind: LinkKind::Image,
                dest: dest_url.to_string(),
                offset: range.start,
            }),
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
        doc.headings.push(Heading {
            level: span.level,
            id,
            text,
        });
    }
    doc.events = events;
    doc
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

/// The anchor named by an inline `<a name="x">` or `<a id="x">`.
fn html_anchor(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if !lower.trim_start().starts_with("<a ") {
        return None;
    }
    for attr in ["name=", "id="] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(attr) {
            let at = from + found;
            from = at + attr.len();
            // Require a word boundary so `data-name=` does not count.
            if !lower[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let rest = &html[at + attr.len()..];
            let quote = rest.chars().next()?;
            let value = if quote == '"' || quote == '\'' {
                rest[1..].split(quote).next()?
            } else {
                rest.split(|c: char| c.is_whitespace() || c == '>').next()?
            };
            let value = value.trim();
            if !value.is_empty() {
                return Some(value.to_string());
            }
        }
    }
    None
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
    fn anchor_attribute_parsing() {
        assert_eq!(html_anchor("<a name=\"x-y\">").as_deref(), Some("x-y"));
        assert_eq!(html_anchor("<A ID='z'>").as_deref(), Some("z"));
        assert_eq!(html_anchor("<a data-name=\"no\" href=\"#\">"), None);
        assert_eq!(html_anchor("<span id=\"s\">"), None);
        assert_eq!(html_anchor("<a name=>"), None);
    }
}
