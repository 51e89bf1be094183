//! A small scanner for attributes in raw HTML fragments: enough to find
//! anchors (`id=`, `<a name=>`) and link targets (`<a href>`, `<img src>`) in
//! the HTML that Markdown passes through. It never fails: odd input yields nothing.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'a> {
    /// Lowercased tag name.
    pub tag: String,
    /// Lowercased attribute name.
    pub name: String,
    pub value: &'a str,
    /// Byte range of the value inside the scanned text.
    pub range: Range<usize>,
}

/// Every attribute of every start tag in `html`, in order.
pub fn scan(html: &str) -> Vec<Attr<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let name_len = html[i..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let tag = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        // Attributes until `>`.
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' || bytes[i] == b'<' {
                break;
            }
            if bytes[i] == b'/' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/<".contains(&bytes[i])
            {
                i += 1;
            }
            if start == i {
                i += 1;
                continue;
            }
            let name = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] != b'=' {
                continue;
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let range = match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let from = i + 1;
                    let to = html[from..]
                        .find(q as char)
                        .map_or(html.len(), |p| from + p);
                    i = (to + 1).min(html.len());
                    from..to
                }
                Some(_) => {
                    let from = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    from..i
                }
                None => break,
            };
            out.push(Attr {
                tag: tag.clone(),
                name,
                value: &html[range.clone()],
                range,
            });
        }
    }
    out
}

/// Anchors an HTML fragment defines: any `id`, and `name` on `<a>`.
pub fn anchors(html: &str) -> impl Iterator<Item = &str> {
    scan(html)
        .into_iter()
        .filter(|a| a.name == "id" || (a.name == "name" && a.tag == "a"))
        .map(|a| a.value.trim())
        .filter(|v| !v.is_empty())
}

/// Link targets an HTML fragment points at: `<a href>` and `<img src>`.
pub fn is_link_attr(attr: &Attr<'_>) -> bool {
    (attr.tag == "a" && attr.name == "href") || (attr.tag == "img" && attr.name == "src")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attributes_and_their_ranges() {
        let html = "<p>x</p><A HREF='a.md#b' class=x><img src=pic.png alt=\"a > b\"><!-- <a href=\"no\"> -->";
        let attrs = scan(html);
        let links: Vec<_> = attrs
            .iter()
            .filter(|a| is_link_attr(a))
            .map(|a| a.value)
            .collect();
        assert_eq!(links, ["a.md#b", "pic.png"]);
        let href = &attrs[0];
        assert_eq!(&html[href.range.clone()], "a.md#b");
        assert_eq!(href.tag, "a");
    }

    #[test]
    fn anchors_are_ids_and_names_on_a() {
        let found: Vec<_> =
            anchors("<a name=\"x\"></a><span id='y'>t</span><div name=\"no\"></div>").collect();
        assert_eq!(found, ["x", "y"]);
        assert_eq!(anchors("<a name=>").count(), 0);
        assert_eq!(anchors("plain < text > here").count(), 0);
        assert!(scan("<a href=\"unterminated").len() == 1);
        assert!(scan("<").is_empty());
    }
}
