//! The searchable text of an article: its HTML without tags, entities decoded,
//! one line per block, with the ranges that are headings (worth more to the
//! ranking). Heading anchors (`#`) are not text.

use std::ops::Range;

/// A word in an `<h1>` counts this many times a body word; in another heading,
/// [`SUBHEADING`] times.
pub const TITLE: u32 = 6;
pub const SUBHEADING: u32 = 3;

#[derive(Debug, Default, PartialEq)]
pub struct Text {
    pub plain: String,
    /// Heading ranges of `plain`, in order, with their weight.
    pub headings: Vec<(Range<usize>, u32)>,
}

/// Elements whose text runs on with the text around them; every other tag
/// ends a line, so that words of two cells or two list items never join.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Elements whose content is not text a reader searches for.
const SKIPPED: &[&str] = &["script", "style", "template", "button"];

impl Text {
    /// The text of `html` (an article as the render stage made it); `title`
    /// goes first as a level-1 heading when the article has none.
    pub fn of(html: &str, title: Option<&str>) -> Text {
        let mut text = Text {
            plain: String::with_capacity(html.len() / 2),
            headings: Vec::new(),
        };
        if let Some(title) = title {
            text.plain.push_str(title);
            text.headings.push((0..title.len(), TITLE));
            text.plain.push('\n');
        }
        // (element, weight, start) of the heading being read.
        let mut heading: Option<(String, u32, usize)> = None;
        // Element whose content is skipped, with its nesting depth.
        let mut skipping: Option<(String, usize)> = None;
        let mut rest = html;
        while !rest.is_empty() {
            let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) else {
                text.push_text(rest, &skipping);
                break;
            };
            text.push_text(&rest[..at], &skipping);
            rest = &rest[at..];
            if rest.starts_with('&') {
                let (decoded, used) = entity(rest);
                if skipping.is_none() {
                    text.plain.push_str(&decoded);
                }
                rest = &rest[used..];
                continue;
            }
            // Highlighted code is mostly `<span class="hl-...">`: inline, no
            // text of its own, not worth parsing as a tag.
            if let Some(after) = rest.strip_prefix("</span>") {
                rest = after;
                continue;
            }
            if rest
                .as_bytes()
                .get(..6)
                .is_some_and(|b| b == b"<span " || b == b"<span>")
                && let Some(end) = memchr::memchr(b'>', rest.as_bytes())
                    .filter(|&i| {
                        // Quoted values closed before the `>`: it ends the tag.
                        let head = &rest.as_bytes()[..i];
                        !head.contains(&b'\'')
                            && memchr::memchr_iter(b'"', head).count().is_multiple_of(2)
                    })
                    .or_else(|| tag_end(&rest[1..]).map(|e| e + 1))
            {
                rest = &rest[end + 1..];
                continue;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let Some(tag) = Tag::parse(rest) else {
                // A lone "<" is text.
                if skipping.is_none() {
                    text.plain.push('<');
                }
                rest = &rest[1..];
                continue;
            };
            rest = &rest[tag.len..];
            if let Some((name, depth)) = &mut skipping {
                if *tag.name == **name {
                    if tag.closing {
                        *depth -= 1;
                    } else if !tag.self_closing {
                        *depth += 1;
                    }
                }
                if *depth == 0 {
                    skipping = None;
                }
                continue;
            }
            if !tag.closing
                && !tag.self_closing
                && (SKIPPED.contains(&&*tag.name) || tag.has_class("heading-anchor"))
            {
                skipping = Some((tag.name.into_owned(), 1));
                continue;
            }
            if INLINE.contains(&&*tag.name) {
                continue;
            }
            text.end_line();
            let weight = match &*tag.name {
                "h1" => TITLE,
                "h2" | "h3" | "h4" | "h5" | "h6" => SUBHEADING,
                _ => continue,
            };
            if tag.closing {
                if let Some((_, weight, start)) = heading.take_if(|(n, ..)| **n == *tag.name) {
                    let end = text.plain.trim_end().len();
                    if end > start {
                        text.headings.push((start..end, weight));
                    }
                }
            } else if heading.is_none() {
                heading = Some((tag.name.into_owned(), weight, text.plain.len()));
            }
        }
        let end = text.plain.trim_end().len();
        text.plain.truncate(end);
        text
    }

    /// Text with each run of white space as one space (none at a line start).
    fn push_text(&mut self, s: &str, skipping: &Option<(String, usize)>) {
        if skipping.is_some() {
            return;
        }
        let mut words = s.split(|c: char| c.is_ascii_whitespace());
        if let Some(first) = words.next() {
            self.plain.push_str(first);
        }
        for word in words {
            if !(self.plain.is_empty() || self.plain.ends_with(['\n', ' '])) {
                self.plain.push(' ');
            }
            self.plain.push_str(word);
        }
    }

    fn end_line(&mut self) {
        let end = self.plain.trim_end_matches(' ').len();
        self.plain.truncate(end);
        if !self.plain.is_empty() && !self.plain.ends_with('\n') {
            self.plain.push('\n');
        }
    }
}

struct Tag<'a> {
    /// Lowercase.
    name: std::borrow::Cow<'a, str>,
    closing: bool,
    self_closing: bool,
    /// The attributes, as written.
    attributes: &'a str,
    /// Bytes from `<` to `>` included.
    len: usize,
}

impl<'a> Tag<'a> {
    fn parse(s: &'a str) -> Option<Tag<'a>> {
        let body = s.strip_prefix('<')?;
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // `<!DOCTYPE` and `<?`: skipped whole, like a tag with no text.
            if body.starts_with(['!', '?']) {
                let end = s.find('>')?;
                return Some(Tag {
                    name: "".into(),
                    closing: true,
                    self_closing: true,
                    attributes: "",
                    len: end + 1,
                });
            }
            return None;
        }
        let end = tag_end(body)?;
        let attributes = &body[name_len..end];
        let name = &body[..name_len];
        Some(Tag {
            name: match name.bytes().any(|b| b.is_ascii_uppercase()) {
                true => name.to_ascii_lowercase().into(),
                false => name.into(),
            },
            closing,
            self_closing: attributes.trim_end().ends_with('/'),
            attributes,
            len: s.len() - body.len() + end + 1,
        })
    }

    fn has_class(&self, class: &str) -> bool {
        let Some(at) = self.attributes.find("class=") else {
            return false;
        };
        let value = &self.attributes[at + 6..];
        let value = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value.split([' ', '>', '/']).next().unwrap_or(""),
        };
        value.split_ascii_whitespace().any(|c| c == class)
    }
}

/// Where the tag that starts `body` (after `<` or `</`) ends: its `>`, quoted
/// attribute values skipped.
fn tag_end(body: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The character `s` (starting with `&`) begins with, and the bytes it takes.
/// An unknown entity is text as written.
fn entity(s: &str) -> (std::borrow::Cow<'static, str>, usize) {
    let end = s[1..]
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
        .map(|i| i + 1);
    let Some(end) = end.filter(|&e| s[e..].starts_with(';') && e > 1) else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        "shy" => Some('\u{ad}'),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "hellip" => Some('…'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        "laquo" => Some('«'),
        "raquo" => Some('»'),
        "copy" => Some('©'),
        _ => None,
    };
    let numeric = || {
        let digits = name.strip_prefix('#')?;
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => digits.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string().into(), end + 1),
        None => ("&".into(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_lines_and_inline_tags_join() {
        let text = Text::of(
            "<p>A <code>CString</code>은 <em>x</em></p><ul><li>one</li><li>two</li></ul>",
            None,
        );
        assert_eq!(text.plain, "A CString은 x\none\ntwo");
        assert!(text.headings.is_empty());
    }

    #[test]
    fn headings_are_weighted_and_anchors_are_not_text() {
        let html = "<div class=\"heading-wrapper\">\n<h1 id=\"a\">Title &amp; more</h1><a class=\"heading-anchor\" href=\"#a\">#</a>\n</div>\n<p>Body</p><h2>Sub</h2><p>x</p>";
        let text = Text::of(html, None);
        assert_eq!(text.plain, "Title & more\nBody\nSub\nx");
        assert_eq!(text.headings, vec![(0..12, TITLE), (18..21, SUBHEADING)]);
    }

    #[test]
    fn the_title_stands_for_a_missing_heading() {
        let text = Text::of("<p>Body</p>", Some("Chaînes"));
        assert_eq!(text.plain, "Chaînes\nBody");
        assert_eq!(text.headings, vec![(0.."Chaînes".len(), TITLE)]);
    }

    #[test]
    fn entities_comments_and_stray_brackets() {
        let text = Text::of(
            "<p>1 &lt; 2 &#x41;&#66; &unknown; a & b <!-- hidden --> c < d</p><script>x()</script>",
            None,
        );
        assert_eq!(text.plain, "1 < 2 AB &unknown; a & b c < d");
    }

    #[test]
    fn quoted_brackets_in_attributes_do_not_end_a_tag() {
        let text = Text::of(r#"<a title="a > b" href="x">link</a>"#, None);
        assert_eq!(text.plain, "link");
        let text = Text::of(
            r#"<pre><span class="hl-k">fn</span> <span title='x > y'>main</span><span>()</span></pre>"#,
            None,
        );
        assert_eq!(text.plain, "fn main()");
    }
}
