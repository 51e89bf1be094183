//! Events to HTML, with our extensions: resolved link targets, localized alert
//! callouts and a hover link on every heading.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd, html};

use super::Doc;

/// Localized titles of the five alert kinds.
#[derive(Debug, Clone, Default)]
pub struct AlertTitles {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

pub struct RenderInput<'a> {
    pub doc: &'a Doc,
    /// New destination per entry of `doc.links`; `None` keeps the original.
    pub link_dests: &'a [Option<String>],
    pub alerts: &'a AlertTitles,
    /// Accessible name of the heading hover link.
    pub anchor_label: &'a str,
}

pub fn to_html(input: &RenderInput<'_>) -> String {
    let doc = input.doc;
    let mut next_link = 0;
    let label = escape(input.anchor_label);
    let mut open_heading: Option<String> = None;
    let events = doc.events.iter().enumerate().map(|(i, event)| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = replacement(doc, input.link_dests, &mut next_link, i).unwrap_or_else(|| dest_url.clone());
            Event::Start(Tag::Link {
                link_type: *link_type,
                dest_url: dest,
                title: title.clone(),
                id: id.clone(),
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = replacement(doc, input.link_dests, &mut next_link, i).unwrap_or_else(|| dest_url.clone());
            Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: dest,
                title: title.clone(),
                id: id.clone(),
            })
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
                tag.push_str(&format!(" id=\"{}\"", escape(id)));
            }
            if !classes.is_empty() {
                let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                tag.push_str(&format!(" class=\"{}\"", escape(&joined.join(" "))));
            }
            for (name, value) in attrs {
                tag.push_str(&format!(" {}=\"{}\"", escape(name), escape(value.as_deref().unwrap_or(""))));
            }
            tag.push('>');
            Event::Html(CowStr::from(tag))
        }
        Event::End(TagEnd::Heading(level)) => {
            let anchor = open_heading.take().map_or(String::new(), |id| {
                format!("<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"{label}\">#</a>", escape(&id))
            });
            Event::Html(CowStr::from(format!("</{level}>{anchor}\n</div>\n")))
        }
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = alert(input.alerts, *kind);
            Event::Html(CowStr::from(format!(
                "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                escape(title)
            )))
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::Borrowed("</div>\n")),
        other => other.clone(),
    });
    let mut out = String::with_capacity(doc.events.len() * 16);
    html::push_html(&mut out, events);
    out
}

fn replacement(
    doc: &Doc,
    dests: &[Option<String>],
    next: &mut usize,
    event: usize,
) -> Option<CowStr<'static>> {
    // Link sites are in event order, so a cursor finds each one in O(1).
    if doc.links.get(*next).is_none_or(|site| site.event != event) {
        return None;
    }
    let dest = dests.get(*next).cloned().flatten();
    *next += 1;
    dest.map(CowStr::from)
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

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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

    fn render(md: &str, dests: &[Option<String>]) -> String {
        let doc = parse(md);
        to_html(&RenderInput {
            doc: &doc,
            link_dests: dests,
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
    fn link_destinations_are_replaced_in_order() {
        let html = render(
            "[a](a.md) [b](http://x.test/) ![c](c.png)",
            &[Some("a.html".into()), None, Some("../c.png".into())],
        );
        assert!(html.contains("href=\"a.html\""), "{html}");
        assert!(html.contains("href=\"http://x.test/\""));
        assert!(html.contains("src=\"../c.png\""));
    }
}
