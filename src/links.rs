//! Stage 4: every link of every page, resolved to its output URL or reported.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::{Index, PageRef};
use crate::paths;

/// New link destinations, per page and per link site of the page's source.
pub struct Resolved {
    pub dests: Vec<Vec<Option<String>>>,
}

pub fn resolve(site: &Site, index: &Index, diags: &mut Vec<Diagnostic>) -> Resolved {
    let assets: HashSet<(usize, &str)> = index
        .assets
        .iter()
        .map(|a| (a.locale, a.path.as_str()))
        .collect();
    let results: Vec<(Vec<Option<String>>, Vec<Diagnostic>)> = index
        .pages
        .par_iter()
        .map(|page| resolve_page(site, index, &assets, page))
        .collect();
    let mut dests = Vec::with_capacity(results.len());
    for (d, mut problems) in results {
        dests.push(d);
        diags.append(&mut problems);
    }
    Resolved { dests }
}

fn resolve_page(
    site: &Site,
    index: &Index,
    assets: &HashSet<(usize, &str)>,
    page: &PageRef,
) -> (Vec<Option<String>>, Vec<Diagnostic>) {
    let source = index.source_of(page);
    let doc = &index.docs[page.source];
    let mut problems = Vec::new();
    let dests = doc
        .links
        .iter()
        .map(
            |link| match resolve_one(site, index, assets, page, &link.dest) {
                Ok(dest) => dest,
                Err((message, hint)) => {
                    let mut d = Diagnostic::error(&source.file, message)
                        .at_pos(source.body_position(link.offset));
                    if let Some(h) = hint {
                        d = d.hint(h);
                    }
                    problems.push(d);
                    None
                }
            },
        )
        .collect();
    (dests, problems)
}

type Problem = (String, Option<String>);

/// `Ok(None)` leaves the destination as written (external, fragment-only...).
fn resolve_one(
    site: &Site,
    index: &Index,
    assets: &HashSet<(usize, &str)>,
    page: &PageRef,
    dest: &str,
) -> Result<Option<String>, Problem> {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest) {
        return Ok(None);
    }
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let decoded = percent_decode(path);
    let Some(target) = paths::join_inside(paths::parent(&page.topic), &decoded) else {
        // Said the same way for every page rendered from this source, so the
        // diagnostic is reported once, not once per fallback locale.
        return Err((
            format!("link `{dest}` climbs out of its locale folder"),
            Some("links between topics stay inside their locale; interdoc finds the other locales' pages itself".to_string()),
        ));
    };
    if target.ends_with(".md") {
        return match index.page(&target, page.locale) {
            Some(to) => Ok(Some(
                paths::relative_url(&page.out_path, &to.out_path) + suffix,
            )),
            None => Err((
                format!("broken link `{dest}`: there is no topic {target}"),
                None,
            )),
        };
    }
    let default = site.locales.default_id();
    for locale in [page.locale, default] {
        if assets.contains(&(locale, target.as_str())) {
            let to = format!("{}/{}", site.locales.get(locale).dir(), target);
            return Ok(Some(paths::relative_url(&page.out_path, &to) + suffix));
        }
    }
    if target.is_empty()
        || index
            .topics
            .keys()
            .any(|t| paths::parent(t) == target || t.starts_with(&format!("{target}/")))
    {
        // A link to a folder: leave it to the browser.
        return Ok(None);
    }
    Err((
        format!("broken link `{dest}`: there is no file {target}"),
        None,
    ))
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..i].contains('/')
        }
        None => false,
    }
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
    fn schemes() {
        assert!(has_scheme("https://x.test/a"));
        assert!(has_scheme("mailto:a@b"));
        assert!(has_scheme("xref:System.String"));
        assert!(!has_scheme("a/b.md"));
        assert!(!has_scheme("dir/c:d.md"));
        assert!(!has_scheme("../x.md#a:b"));
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%ED%95%9C.md"), "한.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%+1x"), "%+1x");
    }
}
