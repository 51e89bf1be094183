//! Output paths and the relative URLs between them. Every internal link is
//! relative, so the site works from any sub-path and opened from disk.

/// `a/b.md` -> `a/b.html`.
pub fn html_path(topic: &str) -> String {
    match topic.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html"),
        None => topic.to_string(),
    }
}

/// How many folders deep a `/`-separated output path is (`fr/a/b.html` -> 2).
pub fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// `../` repeated to climb from a file at `depth` to the output root.
pub fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

/// The shortest relative URL from the output file `from` to the output file
/// `to` (both relative to the output root), percent-encoded.
pub fn relative_url(from: &str, to: &str) -> String {
    encode(&relative_path(from, to))
}

/// The relative path from the file `from` to the file `to`, both `/`-separated
/// and relative to the same root.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    url
}

/// Percent-encodes what would change a URL path's meaning (space, `#`, `?`, `%`
/// and the like). Non-ASCII letters stay readable: browsers accept them as IRIs.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || "-._~/!$&'()*+,;=:@".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Whether a URL starts with a scheme (`https:`, `mailto:`), so is not a path.
pub fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Joins `/`-separated `rel` onto the folder `base`, resolving `.` and `..`.
/// `None` when the result would climb above the root of `base`'s tree.
pub fn join_inside(base_dir: &str, rel: &str) -> Option<String> {
    let (path, climbed) = join(base_dir, rel);
    (!climbed).then_some(path)
}

/// Joins like [`join_inside`], but `..` at the root is dropped: DocFX resolves
/// a path that climbs above the docset root from the root.
pub fn join_clamped(base_dir: &str, rel: &str) -> String {
    join(base_dir, rel).0
}

/// The join, `..` at the root dropped, and whether there was one.
fn join(base_dir: &str, rel: &str) -> (String, bool) {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    let mut climbed = false;
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => climbed |= parts.pop().is_none(),
            s => parts.push(s),
        }
    }
    (parts.join("/"), climbed)
}

/// The folder part of a `/`-separated path (`a/b/c.md` -> `a/b`, `c.md` -> ``).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x.test/a"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b.md"));
        assert!(!has_scheme("dir/c:d.md"));
        assert!(!has_scheme("../x.md#a:b"));
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("fr/a/b.html", "fr/c.html"), "../c.html");
        assert_eq!(relative_url("fr/a/b.html", "fr/a/d.html"), "d.html");
        assert_eq!(
            relative_url("fr/index.html", "ko/index.html"),
            "../ko/index.html"
        );
        assert_eq!(
            relative_url("index.html", "zh-tw/x/y.html"),
            "zh-tw/x/y.html"
        );
        assert_eq!(relative_url("en/a b.html", "en/c#d?.html"), "c%23d%3F.html");
        assert_eq!(relative_url("ko/a.html", "ko/한국어.html"), "한국어.html");
    }

    #[test]
    fn joins_stay_inside() {
        assert_eq!(
            join_inside(
                "docs/framework/interop",
                "../../../docs/framework/interop/x.md"
            )
            .as_deref(),
            Some("docs/framework/interop/x.md")
        );
        assert_eq!(join_inside("a", "./b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join_inside("a", "../../x.md"), None);
        assert_eq!(join_inside("", "..//x"), None);
        assert_eq!(
            join_clamped("docs/x", "../../../docs/x/y.md"),
            "docs/x/y.md"
        );
        assert_eq!(join_clamped("", "../a/./b.md"), "a/b.md");
    }

    #[test]
    fn small_helpers() {
        assert_eq!(html_path("a/index.md"), "a/index.html");
        assert_eq!(depth("fr/a/b.html"), 2);
        assert_eq!(root_prefix(2), "../../");
        assert_eq!(parent("a/b/c.md"), "a/b");
        assert_eq!(parent("c.md"), "");
    }
}
