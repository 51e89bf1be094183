//! Events to HTML, with our extensions: resolved link targets, localized alert
//! callouts and a hover link beside every heading.

use crate::escape::html as html_escape;
use std::collections::VecDeque;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd, html};

use crate::highlight::Highlighter;

use super::{Doc, LinkKind};

/// Localized titles of the five alert kinds.
#[derive(Debug, Clone, Default)]
pub struct AlertTitles {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

/// What to do with one link site of a page, decided by the links stage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LinkAction {
    /// Leave the destination as written (external links, unresolvable ones).
    #[default]
    Keep,
    Href(String),
    /// New destination and new link text (xrefs written without text).
    HrefText(String, String),
    /// Not a link after all: keep the text only (an `@word` that names no uid).
    Unlink,
    /// A link that leads nowhere (an error was reported): its text, marked,
    /// for a site written with `--keep-going`.
    Broken,
    /// New destination with a tooltip (`xref:uid?title=...`), and new link
    /// text when `text` is given.
    Titled {
        href: String,
        text: Option<String>,
        title: String,
    },
    /// Not a link: this text, as code (an xref that names nothing, or an xref
    /// map entry without a URL).
    Code(String),
}

pub struct RenderInput<'a> {
    pub doc: &'a Doc,
    /// One action per entry of `doc.links` (missing entries keep the link).
    pub links: &'a [LinkAction],
    /// What each entry of `doc.directives` becomes: HTML for block directives,
    /// code text for an include inside a fenced block.
    pub blocks: &'a [String],
    /// Highlights fenced code blocks; `None` leaves them plain.
    pub highlighter: Option<&'a Highlighter>,
    pub alerts: &'a AlertTitles,
    /// Accessible name of the heading hover link.
    pub anchor_label: &'a str,
}

pub fn to_html(input: &RenderInput<'_>) -> String {
    let doc = input.doc;
    let action = |site: usize| input.links.get(site).cloned().unwrap_or_default();
    let mut next_site = 0;
    let mut next_directive = 0;
    let mut open_heading: Option<String> = None;
    // Inside a link whose text was replaced: its own text is dropped.
    let mut skip_text = false;
    // Inside a link that was unlinked or is broken: what stands for its end tag.
    let mut end_as: Option<&'static str> = None;
    // A stream, not a list: a page is rendered without copying all of its
    // events at once (a huge topic in five locales would hold five copies).
    let mut source = doc.events.iter().enumerate();
    let mut queue: VecDeque<Event<'_>> = VecDeque::new();
    let stream = std::iter::from_fn(move || {
        loop {
            if let Some(e) = queue.pop_front() {
                return Some(e);
            }
            let (i, event) = source.next()?;
            let events = &mut queue;
            // Link sites are in event order; a raw HTML event may hold several.
            let first = next_site;
            while doc.links.get(next_site).is_some_and(|s| s.event == i) {
                next_site += 1;
            }
            let sites = first..next_site;
            let first_directive = next_directive;
            while doc
                .directives
                .get(next_directive)
                .is_some_and(|d| d.event == i)
            {
                next_directive += 1;
            }
            if first_directive < next_directive {
                let block = |k: usize| input.blocks.get(k).cloned().unwrap_or_default();
                match event {
                    Event::Text(text) => {
                        let mut text = text.to_string();
                        for k in first_directive..next_directive {
                            if let Some(line) = &doc.directives[k].inline {
                                text = text.replacen(
                                    line.as_str(),
                                    block(k).trim_end_matches('\n'),
                                    1,
                                );
                            }
                        }
                        events.push_back(Event::Text(CowStr::from(text)));
                    }
                    _ => events.push_back(Event::Html(CowStr::from(block(first_directive)))),
                }
                continue;
            }
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let (dest, text, title) = match sites.clone().next().map(action) {
                        Some(LinkAction::Href(h)) => (CowStr::from(h), None, title.clone()),
                        Some(LinkAction::HrefText(h, t)) => {
                            (CowStr::from(h), Some(t), title.clone())
                        }
                        Some(LinkAction::Titled { href, text, title }) => {
                            (CowStr::from(href), text, CowStr::from(title))
                        }
                        Some(LinkAction::Unlink) => {
                            end_as = Some("");
                            continue;
                        }
                        Some(LinkAction::Broken) => {
                            end_as = Some("</span>");
                            events.push_back(Event::InlineHtml(CowStr::Borrowed(
                                "<span class=\"broken-link\">",
                            )));
                            continue;
                        }
                        Some(LinkAction::Code(t)) => {
                            events.push_back(Event::Code(CowStr::from(t)));
                            skip_text = true;
                            end_as = Some("");
                            continue;
                        }
                        _ => (dest_url.clone(), None, title.clone()),
                    };
                    events.push_back(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title,
                        id: id.clone(),
                    }));
                    if let Some(t) = text {
                        events.push_back(Event::Text(CowStr::from(t)));
                        skip_text = true;
                    }
                }
                Event::End(TagEnd::Link) => {
                    skip_text = false;
                    match end_as.take() {
                        Some("") => {}
                        Some(html) => events.push_back(Event::InlineHtml(CowStr::Borrowed(html))),
                        None => events.push_back(event.clone()),
                    }
                }
                _ if skip_text => {}
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = match sites.clone().next().map(action) {
                        Some(
                            LinkAction::Href(h)
                            | LinkAction::HrefText(h, _)
                            | LinkAction::Titled { href: h, .. },
                        ) => CowStr::from(h),
                        _ => dest_url.clone(),
                    };
                    events.push_back(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Html(raw) | Event::InlineHtml(raw) if !sites.is_empty() => {
                    let mut text = raw.to_string();
                    // From the last attribute back, so earlier ranges stay valid.
                    for site in sites.rev() {
                        let LinkKind::Html(range) = &doc.links[site].kind else {
                            continue;
                        };
                        let (LinkAction::Href(h)
                        | LinkAction::HrefText(h, _)
                        | LinkAction::Titled { href: h, .. }) = action(site)
                        else {
                            continue;
                        };
                        if range.end <= text.len()
                            && text.is_char_boundary(range.start)
                            && text.is_char_boundary(range.end)
                        {
                            text.replace_range(range.clone(), &html_escape(&h));
                        }
                    }
                    events.push_back(match event {
                        Event::Html(_) => Event::Html(CowStr::from(text)),
                        _ => Event::InlineHtml(CowStr::from(text)),
                    });
                }
                // The hover link sits beside the heading, not inside it, so it does not
                // become part of the heading's accessible name.
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    open_heading = id.as_ref().map(|s| s.to_string());
                    let mut tag = format!("<div class=\"heading-wrapper\">\n<{level}");
                    if let Some(id) = id {
                        tag.push_str(&format!(" id=\"{}\"", html_escape(id)));
                    }
                    if !classes.is_empty() {
                        let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                        tag.push_str(&format!(" class=\"{}\"", html_escape(&joined.join(" "))));
                    }
                    for (name, value) in attrs {
                        tag.push_str(&format!(
                            " {}=\"{}\"",
                            html_escape(name),
                            html_escape(value.as_deref().unwrap_or(""))
                        ));
                    }
                    tag.push('>');
                    events.push_back(Event::Html(CowStr::from(tag)));
                }
                Event::End(TagEnd::Heading(level)) => {
                    let anchor = open_heading.take().map_or(String::new(), |id| {
                        format!(
                            "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{}\">#</a>",
                            html_escape(&id),
                            html_escape(input.anchor_label)
                        )
                    });
                    events.push_back(Event::Html(CowStr::from(format!(
                        "</{level}>{anchor}\n</div>\n"
                    ))));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, title) = alert(input.alerts, *kind);
                    events.push_back(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                    html_escape(title)
                ))));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    events.push_back(Event::Html(CowStr::Borrowed("</div>\n")))
                }
                other => events.push_back(other.clone()),
            }
        }
    });
    let mut out = String::with_capacity(doc.events.len() * 16);
    match input.highlighter {
        Some(highlighter) => html::push_html(&mut out, highlight_code_blocks(stream, highlighter)),
        None => html::push_html(&mut out, stream),
    }
    out
}

/// Replaces each code block (after includes were filled in) by its highlighted HTML.
fn highlight_code_blocks<'e, 'h>(
    mut events: impl Iterator<Item = Event<'e>> + 'h,
    highlighter: &'h Highlighter,
) -> impl Iterator<Item = Event<'e>> + 'h {
    std::iter::from_fn(move || {
        let event = events.next()?;
        let Event::Start(Tag::CodeBlock(kind)) = &event else {
            return Some(event);
        };
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info
                .split([' ', ',', '{'])
                .next()
                .unwrap_or_default()
                .to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut code = String::new();
        for e in events.by_ref() {
            match e {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let lines = highlighter.lines(&lang, &code);
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", html_escape(&lang))
        };
        Some(Event::Html(CowStr::from(format!(
            "<pre><code{class}>{}\n</code></pre>\n",
            lines.join("\n")
        ))))
    })
}

fn alert(titles: &AlertTitles, kind: BlockQuoteKind) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &titles.note),
        BlockQuoteKind::Tip => ("tip", &titles.tip),
        BlockQuoteKind::Important => ("important", &titles.important),
        BlockQuoteKind::Warning => ("warning", &titles.warning),
        BlockQuoteKind::Caution => ("caution", &titles.caution),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn titles() -> AlertTitles {
        AlertTitles {
            note: "Remarque".into(),
            tip: "Conseil".into(),
            important: "Important".into(),
            warning: "Avertissement".into(),
            caution: "Attention".into(),
        }
    }

    fn render(md: &str, links: &[LinkAction]) -> String {
        let doc = parse(md);
        to_html(&RenderInput {
            doc: &doc,
            links,
            blocks: &[],
            highlighter: None,
            alerts: &titles(),
            anchor_label: "Lien vers \"cette\" section",
        })
    }

    #[test]
    fn alerts_are_localized_callouts() {
        let html = render(
            "> [!WARNING]\n> Ne pas libérer deux fois.\n\n> plain quote\n",
            &[],
        );
        assert!(
            html.contains("<div class=\"alert alert-warning\" role=\"note\">"),
            "{html}"
        );
        assert!(html.contains("<p class=\"alert-title\">Avertissement</p>"));
        assert!(html.contains("<p>Ne pas libérer deux fois.</p>\n</div>"));
        assert!(
            html.contains("<blockquote>"),
            "plain quotes stay quotes: {html}"
        );
        assert!(!html.contains("[!WARNING]"));
    }

    #[test]
    fn headings_get_ids_and_hover_links() {
        let html = render("## Chaînes {#strings}\n", &[]);
        assert_eq!(
            html,
            "<div class=\"heading-wrapper\">\n<h2 id=\"strings\">Chaînes</h2><a class=\"heading-anchor\" href=\"#strings\" aria-label=\"Lien vers &quot;cette&quot; section\">#</a>\n</div>\n"
        );
    }

    #[test]
    fn directives_are_replaced_by_their_blocks() {
        let doc = parse(
            "A\n\n:::sample-output name=\"x\":::\n\n```rust\nfn a() {}\n{{#include x.rs:r}}\n```\n",
        );
        let html = to_html(&RenderInput {
            doc: &doc,
            links: &[],
            blocks: &["<figure>OUT</figure>".into(), "let <b> = 1;\n".into()],
            highlighter: None,
            alerts: &titles(),
            anchor_label: "",
        });
        assert!(html.contains("<p>A</p>\n<figure>OUT</figure>"), "{html}");
        assert!(
            html.contains("fn a() {}\nlet &lt;b&gt; = 1;\n</code>"),
            "{html}"
        );
        assert!(!html.contains("sample-output") && !html.contains("{{#include"));
    }

    #[test]
    fn link_actions_apply_to_every_form() {
        let html = render(
            "[a](a.md) [b](http://x.test/) ![c](c.png) <a href=\"d.md\">d</a> <xref:e> and @f.",
            &[
                LinkAction::Href("a.html".into()),
                LinkAction::Keep,
                LinkAction::Href("../c.png".into()),
                LinkAction::Href("d.html?x=1&y=\"2\"".into()),
                LinkAction::HrefText("e.html".into(), "The E page".into()),
                LinkAction::Unlink,
            ],
        );
        assert!(html.contains("href=\"a.html\""), "{html}");
        assert!(html.contains("href=\"http://x.test/\""));
        assert!(html.contains("src=\"../c.png\""));
        assert!(
            html.contains("<a href=\"d.html?x=1&amp;y=&quot;2&quot;\">d</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"e.html\">The E page</a> and @f."),
            "{html}"
        );
    }

    #[test]
    fn xref_actions_titles_and_code() {
        let html = render(
            "<xref:A> [own *text*](xref:B) <xref:C> [![img](i.png) x](xref:D) after\n",
            &[
                LinkAction::Titled {
                    href: "https://x.test/a".into(),
                    text: Some("A <b>".into()),
                    title: "The \"A\"".into(),
                },
                LinkAction::Titled {
                    href: "b.html".into(),
                    text: None,
                    title: "B".into(),
                },
                LinkAction::Code("C<T>".into()),
                LinkAction::Code("x".into()),
            ],
        );
        assert!(
            html.contains(
                "<a href=\"https://x.test/a\" title=\"The &quot;A&quot;\">A &lt;b&gt;</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"b.html\" title=\"B\">own <em>text</em></a>"),
            "{html}"
        );
        assert!(
            html.contains(" <code>C&lt;T&gt;</code> <code>x</code> after"),
            "{html}"
        );
        assert!(!html.contains("i.png"), "{html}");
    }
}
