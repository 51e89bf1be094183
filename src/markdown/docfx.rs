//! DocFX layout extensions, turned into plain events before anything else
//! looks at a page:
//!
//! - `:::row:::`/`:::column:::`, `:::image type="content|icon|complex" ...:::`
//!   (`:::image-end:::` ends a complex image's long description);
//! - `> [!div class="nextstepaction"]` (any class) and `> [!Video URL]`;
//! - tabs: `# [Linux](#tab/linux)` headings, up to `---`, become a tab group.
//!   Every panel is in the page with its title, so the page reads in full
//!   without JavaScript; the script turns the group into keyboard-navigable
//!   tabs. Panel ids are `tab/<id>`, so `page.md#tab/linux` links to one.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::{Note, directives};
use crate::escape::html as esc;

type Events = Vec<(Event<'static>, Range<usize>)>;

/// Applies every extension; returns the events and the ids of the tab
/// panels. Markers that open or close nothing are reported in `notes`.
pub fn transform(events: Events, body: &str, notes: &mut Vec<Note>) -> (Events, Vec<String>) {
    let events = if body.contains(":::") {
        layout(events, body, notes)
    } else {
        events
    };
    let events = if body.contains("[!") {
        quotes(events, body)
    } else {
        events
    };
    if body.contains("#tab/") {
        tabs(events)
    } else {
        (events, Vec::new())
    }
}

fn html(s: impl Into<String>) -> Event<'static> {
    Event::Html(CowStr::from(s.into()))
}

/// A `:::` line of the layout extensions.
enum Marker {
    Open(&'static str),
    /// `:::row-end:::`, `:::column-end:::`, `:::image-end:::` (which ends a
    /// complex image's description, then its box).
    Close(&'static str),
    Image {
        kind: String,
        source: String,
        alt: String,
    },
    /// A code include or sample output written among other lines: set apart
    /// as its own paragraph, where the directive stage finds it.
    Directive,
}

fn marker(line: &str) -> Option<Marker> {
    let t = line.trim();
    let inner = t.strip_prefix(":::")?.strip_suffix(":::")?.trim();
    let (name, attrs) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    match name {
        "row" => Some(Marker::Open("row")),
        "column" => Some(Marker::Open("column")),
        "row-end" => Some(Marker::Close("row")),
        "column-end" => Some(Marker::Close("column")),
        "image-end" => Some(Marker::Close("image")),
        "image" => {
            let attrs = directives::attributes(attrs);
            let get = |k: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            Some(Marker::Image {
                kind: get("type"),
                source: get("source"),
                alt: get("alt-text"),
            })
        }
        "code" | "sample-output" => Some(Marker::Directive),
        _ => None,
    }
}

/// Splits paragraphs (and, inside a row or a complex image, indented code
/// blocks, which its indentation makes of plain text) at layout markers.
fn layout(events: Events, body: &str, notes: &mut Vec<Note>) -> Events {
    let mut out = Vec::with_capacity(events.len());
    let mut open = Open::default();
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let split = match &event {
            Event::Start(Tag::Paragraph) => body
                .get(range.clone())
                .is_some_and(|t| t.lines().any(|l| marker(l).is_some())),
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)) => {
                !open.blocks.is_empty()
            }
            _ => false,
        };
        if !split {
            out.push((event, range));
            continue;
        }
        let end = match &event {
            Event::Start(Tag::Paragraph) => TagEnd::Paragraph,
            _ => TagEnd::CodeBlock,
        };
        let mut last = range.end;
        for (e, r) in iter.by_ref() {
            last = last.max(r.end);
            if e == Event::End(end) {
                break;
            }
        }
        split_lines(body, range.start..last, &mut open, &mut out);
    }
    // Unclosed blocks are closed at the end of the page, so the rest of the
    // site's layout stays whole.
    let Open {
        blocks,
        notes: stray,
    } = open;
    notes.extend(stray);
    for (name, offset, closer) in blocks.into_iter().rev() {
        out.push((html(closer), offset..offset));
        notes.push(Note {
            offset,
            message: format!("`:::{name}:::` is never closed"),
            hint: Some(format!("end it with `:::{name}-end:::`")),
        });
    }
    out
}

/// The layout blocks open at a point: (name, offset, closing HTML).
#[derive(Default)]
struct Open {
    blocks: Vec<(&'static str, usize, &'static str)>,
    notes: Vec<Note>,
}

impl Open {
    fn close(&mut self, name: &str, at: usize) -> Option<&'static str> {
        match self.blocks.last() {
            Some((open, _, closer)) if *open == name => {
                let closer = *closer;
                self.blocks.pop();
                Some(closer)
            }
            _ => {
                self.notes.push(Note {
                    offset: at,
                    message: format!("`:::{name}-end:::` closes no `:::{name}:::`"),
                    hint: None,
                });
                None
            }
        }
    }
}

/// The lines of `span`: markers become their HTML, runs of other lines are
/// parsed again as Markdown (without their indentation).
fn split_lines(body: &str, span: Range<usize>, open: &mut Open, out: &mut Events) {
    let text = &body[span.clone()];
    let mut run: Vec<(usize, &str)> = Vec::new();
    let mut at = span.start;
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        let Some(m) = marker(line) else {
            run.push((line_start, line));
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let here = line_start + indent..line_start + line.trim_end().len();
        reparse(&std::mem::take(&mut run), out);
        match m {
            Marker::Open(class) => {
                open.blocks.push((class, here.start, "</div>\n"));
                out.push((html(format!("<div class=\"{class}\">\n")), here));
            }
            Marker::Close(name) => {
                if let Some(closer) = open.close(name, here.start) {
                    out.push((html(closer), here));
                }
            }
            Marker::Image { kind, source, alt } => {
                let complex = kind == "complex";
                if complex {
                    open.blocks.push(("image", here.start, "</div>\n</div>\n"));
                    out.push((html("<div class=\"image-complex\">\n"), here.clone()));
                }
                // A real image event, so the links stage resolves the source.
                let alt = if kind == "icon" { String::new() } else { alt };
                out.push((Event::Start(Tag::Paragraph), here.clone()));
                out.push((
                    Event::Start(Tag::Image {
                        link_type: LinkType::Inline,
                        dest_url: CowStr::from(source),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }),
                    here.clone(),
                ));
                if !alt.is_empty() {
                    out.push((Event::Text(CowStr::from(alt)), here.clone()));
                }
                out.push((Event::End(TagEnd::Image), here.clone()));
                out.push((Event::End(TagEnd::Paragraph), here.clone()));
                if complex {
                    // The long description: read by screen readers, as in DocFX.
                    out.push((html("<div class=\"visually-hidden\">\n"), here));
                }
            }
            Marker::Directive => {
                out.push((Event::Start(Tag::Paragraph), here.clone()));
                out.push((
                    Event::Text(CowStr::from(line.trim().to_string())),
                    here.clone(),
                ));
                out.push((Event::End(TagEnd::Paragraph), here));
            }
        }
    }
    reparse(&run, out);
}

/// Parses lines (each with its offset in the body) without their common
/// indentation; event ranges point back into the body.
fn reparse(lines: &[(usize, &str)], out: &mut Events) {
    if lines.iter().all(|(_, l)| l.trim().is_empty()) {
        return;
    }
    let indent = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut text = String::new();
    // (offset in `text`, offset in the body) of each line's start.
    let mut starts = Vec::with_capacity(lines.len());
    for (at, line) in lines {
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        starts.push((text.len(), at + cut));
        text.push_str(&line[cut..]);
    }
    let map = |offset: usize| {
        let i = starts.partition_point(|(t, _)| *t <= offset).max(1) - 1;
        starts[i].1 + (offset - starts[i].0)
    };
    for (event, range) in Parser::new_ext(&text, super::options()).into_offset_iter() {
        out.push((event.into_static(), map(range.start)..map(range.end)));
    }
}

/// What the first line of a block quote asks for.
enum Quote {
    Div(String),
    Video(String),
}

fn quote_marker(first_line: &str) -> Option<Quote> {
    let t = first_line
        .trim_start()
        .trim_start_matches(['>', ' ', '\t'])
        .trim();
    let inner = t.strip_prefix("[!")?.strip_suffix(']')?;
    let (name, rest) = inner.split_once(char::is_whitespace)?;
    match name.to_ascii_lowercase().as_str() {
        "div" => {
            let attrs = directives::attributes(rest);
            let class = attrs.iter().find(|(k, _)| k == "class")?.1.clone();
            Some(Quote::Div(class))
        }
        "video" => Some(Quote::Video(rest.trim().to_string())),
        _ => None,
    }
}

/// `> [!div class="x"]` and `> [!Video url]` quotes become a `div`.
fn quotes(events: Events, body: &str) -> Events {
    let mut out = Vec::with_capacity(events.len());
    // Per open block quote: whether it became a div.
    let mut open: Vec<bool> = Vec::new();
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        match &event {
            Event::Start(Tag::BlockQuote(None)) => {
                let first = body
                    .get(range.clone())
                    .and_then(|t| t.lines().next())
                    .unwrap_or("");
                let Some(q) = quote_marker(first) else {
                    open.push(false);
                    out.push((event, range));
                    continue;
                };
                open.push(true);
                let (class, extra) = match q {
                    Quote::Div(class) => (class, String::new()),
                    Quote::Video(url) => (
                        "video".to_string(),
                        format!(
                            "<p><a href=\"{u}\" class=\"video-link\">{u}</a></p>\n",
                            u = esc(&url)
                        ),
                    ),
                };
                out.push((
                    html(format!("<div class=\"{}\">\n{extra}", esc(&class))),
                    range.clone(),
                ));
                drop_first_line(&mut iter, &mut out);
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                if open.pop() == Some(true) {
                    out.push((html("</div>\n"), range));
                } else {
                    out.push((event, range));
                }
            }
            _ => out.push((event, range)),
        }
    }
    out
}

/// Drops the marker line that opens a quote's first paragraph (the whole
/// paragraph when the marker is all it holds).
fn drop_first_line(
    iter: &mut std::iter::Peekable<impl Iterator<Item = (Event<'static>, Range<usize>)>>,
    out: &mut Events,
) {
    let Some((Event::Start(Tag::Paragraph), p_range)) = iter.peek().cloned() else {
        return;
    };
    iter.next();
    for (e, _) in iter.by_ref() {
        match e {
            Event::SoftBreak | Event::HardBreak => {
                out.push((Event::Start(Tag::Paragraph), p_range));
                return;
            }
            Event::End(TagEnd::Paragraph) => return,
            _ => {}
        }
    }
}

/// A tab heading's `(id, title)`: a heading whose only content is a link to
/// `#tab/<id>`.
fn tab_heading(events: &[(Event<'static>, Range<usize>)]) -> Option<(String, String)> {
    let inner = events.get(1..events.len().checked_sub(1)?)?;
    let mut parts = inner
        .iter()
        .filter(|(e, _)| !matches!(e, Event::Text(t) if t.trim().is_empty()));
    let Some((Event::Start(Tag::Link { dest_url, .. }), _)) = parts.next() else {
        return None;
    };
    let id = dest_url.strip_prefix("#tab/")?.to_string();
    let mut title = String::new();
    for (e, _) in parts {
        match e {
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::End(TagEnd::Link) => {}
            _ => return None,
        }
    }
    (!id.is_empty()).then_some((id, title.trim().to_string()))
}

/// Top-level tab headings and what follows each, up to `---` or a heading
/// that is not a tab, become a tab group.
fn tabs(events: Events) -> (Events, Vec<String>) {
    let mut out = Vec::with_capacity(events.len());
    let mut anchors: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < events.len() {
        let start = i;
        if depth == 0
            && let Some((level, end)) = heading_at(&events, i)
            && tab_heading(&events[i..=end]).is_some()
        {
            i = tab_group(&events, i, level, &mut anchors, &mut out);
            continue;
        }
        match &events[start].0 {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(events[start].clone());
        i += 1;
    }
    (out, anchors)
}

/// The level and end index of a heading starting at `i`.
fn heading_at(events: &Events, i: usize) -> Option<(pulldown_cmark::HeadingLevel, usize)> {
    let Event::Start(Tag::Heading { level, .. }) = &events[i].0 else {
        return None;
    };
    let end = events[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))?;
    Some((*level, i + end))
}

/// Emits the group that starts at `first`; returns the index after it.
fn tab_group(
    events: &Events,
    first: usize,
    level: pulldown_cmark::HeadingLevel,
    anchors: &mut Vec<String>,
    out: &mut Events,
) -> usize {
    // (id, title, heading range, body events) per tab.
    let mut found: Vec<(String, String, Range<usize>, Range<usize>)> = Vec::new();
    let mut i = first;
    let mut depth = 0usize;
    let mut end = events.len();
    while i < events.len() {
        if depth == 0
            && let Some((l, h_end)) = heading_at(events, i)
        {
            match tab_heading(&events[i..=h_end]) {
                Some((id, title)) if l == level => {
                    found.push((id, title, events[i].1.clone(), h_end + 1..h_end + 1));
                    i = h_end + 1;
                    continue;
                }
                _ if l <= level => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        if depth == 0 && matches!(events[i].0, Event::Rule) {
            end = i + 1;
            break;
        }
        match &events[i].0 {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(tab) = found.last_mut() {
            tab.3.end = i + 1;
        }
        i += 1;
    }
    let ids: Vec<String> = found
        .iter()
        .map(|(id, ..)| {
            let mut unique = format!("tab/{id}");
            let mut n = 1;
            while anchors.contains(&unique) {
                n += 1;
                unique = format!("tab/{id}-{n}");
            }
            anchors.push(unique.clone());
            unique
        })
        .collect();
    let range = events[first].1.clone();
    let mut list = String::from(
        "<div class=\"tabgroup\" data-tabgroup>\n<div class=\"tablist\" role=\"tablist\">\n",
    );
    for (n, ((choice, title, ..), id)) in found.iter().zip(&ids).enumerate() {
        list.push_str(&format!(
            "<a class=\"tab\" role=\"tab\" id=\"{id}-tab\" href=\"#{id}\" aria-controls=\"{id}\" aria-selected=\"{}\" data-tab=\"{}\">{}</a>\n",
            n == 0,
            esc(choice),
            esc(title),
            id = esc(id)
        ));
    }
    list.push_str("</div>\n");
    out.push((html(list), range.clone()));
    for ((_, title, heading, body), id) in found.iter().zip(&ids) {
        out.push((
            html(format!(
                "<section class=\"tabpanel\" role=\"tabpanel\" id=\"{id}\" aria-labelledby=\"{id}-tab\">\n<p class=\"tabpanel-title\">{}</p>\n",
                esc(title),
                id = esc(id)
            )),
            heading.clone(),
        ));
        out.extend(events[body.clone()].iter().cloned());
        out.push((html("</section>\n"), heading.clone()));
    }
    out.push((html("</div>\n"), range));
    end
}

#[cfg(test)]
mod tests {
    use super::super::{parse, to_html_plain};

    #[test]
    fn unbalanced_layout_is_reported_and_closed() {
        let doc = parse(":::row:::\n:::column:::\nText.\n:::row-end:::\n");
        let html = to_html_plain(&doc);
        assert_eq!(
            html.matches("<div").count(),
            html.matches("</div>").count(),
            "{html}"
        );
        let notes: Vec<_> = doc.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notes,
            [
                "`:::row-end:::` closes no `:::row:::`",
                "`:::column:::` is never closed",
                "`:::row:::` is never closed"
            ]
        );
    }

    #[test]
    fn rows_columns_and_images() {
        let body = ":::row:::\n   :::column:::\n      Left **bold**.\n\n      Second para.\n   :::column-end:::\n   :::column:::\n      :::image type=\"content\" source=\"media/a.png\" alt-text=\"An A\":::\n   :::column-end:::\n:::row-end:::\n\n:::image type=\"complex\" source=\"media/b.png\" alt-text=\"Flow\":::\nThe long description.\n:::image-end:::\n";
        let doc = parse(body);
        let html = to_html_plain(&doc);
        assert!(!html.contains(":::"), "{html}");
        assert!(!html.contains("<pre>"), "{html}");
        assert!(html.contains("<div class=\"row\">\n<div class=\"column\">\n<p>Left <strong>bold</strong>.</p>\n<p>Second para.</p>\n</div>"), "{html}");
        assert!(
            html.contains("<img src=\"media/a.png\" alt=\"An A\" />"),
            "{html}"
        );
        assert!(html.contains("<div class=\"image-complex\">\n<p><img src=\"media/b.png\" alt=\"Flow\" /></p>\n<div class=\"visually-hidden\">\n<p>The long description.</p>\n</div>\n</div>"), "{html}");
        let images: Vec<_> = doc.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(images, ["media/a.png", "media/b.png"]);
        // The link site points at the marker's line.
        assert_eq!(
            &body[doc.links[0].offset..doc.links[0].offset + 8],
            ":::image"
        );
    }

    #[test]
    fn div_and_video_quotes() {
        let doc = parse(
            "> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n\n> [!div class=\"checklist\"]\n> * One\n> * Two\n\n> [!Video https://www.youtube.com/embed/x?a=1&b=2]\n",
        );
        let html = to_html_plain(&doc);
        assert!(
            html.contains(
                "<div class=\"nextstepaction\">\n<p><a href=\"next.md\">Next</a></p>\n</div>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"checklist\">\n<ul>\n<li>One</li>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://www.youtube.com/embed/x?a=1&amp;b=2\" class=\"video-link\">"
            ),
            "{html}"
        );
        assert!(!html.contains("[!"), "{html}");
        assert!(!html.contains("blockquote"), "{html}");
    }

    #[test]
    fn tab_groups() {
        let body = "Intro.\n\n# [Linux](#tab/linux)\n\nUse `gcc`.\n\n## Inside\n\n# [Windows](#tab/windows)\n\nUse MSVC.\n\n---\n\nAfter.\n\n## [A](#tab/a)\n\nA.\n\n## Not a tab\n\nEnd.\n";
        let doc = parse(body);
        let html = to_html_plain(&doc);
        assert!(html.contains("<a class=\"tab\" role=\"tab\" id=\"tab/linux-tab\" href=\"#tab/linux\" aria-controls=\"tab/linux\" aria-selected=\"true\" data-tab=\"linux\">Linux</a>"), "{html}");
        assert!(html.contains("<section class=\"tabpanel\" role=\"tabpanel\" id=\"tab/windows\" aria-labelledby=\"tab/windows-tab\">\n<p class=\"tabpanel-title\">Windows</p>\n<p>Use MSVC.</p>\n</section>\n</div>\n<p>After.</p>"), "{html}");
        assert!(!html.contains("<hr"), "{html}");
        assert!(html.contains("id=\"tab/a\""));
        assert!(html.contains("<p>A.</p>\n</section>\n</div>\n<div class=\"heading-wrapper\">\n<h2 id=\"not-a-tab\""), "{html}");
        for id in ["tab/linux", "tab/windows", "tab/a"] {
            assert!(doc.anchors.iter().any(|a| a == id), "{:?}", doc.anchors);
        }
        // Tab titles are not headings of the page; a heading inside a tab is.
        let headings: Vec<_> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(headings, ["Inside", "Not a tab"]);
    }
}
