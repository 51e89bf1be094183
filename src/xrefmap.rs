//! DocFX cross-reference maps (`xrefmap.yml`): the uids of other docsets (the
//! .NET API reference, a sibling site) with their URLs and display names. They
//! are read once per build from the files `[xref] maps` in site.toml lists, and
//! handed to the links stage as a value; a topic of the site wins over them.
//!
//! A map is YAML (so JSON too), optionally headed `### YamlMime:XRefMap`:
//! `references:` lists `{uid, name, href, nameWithType, fullName, ...}` (other
//! keys are ignored) and `baseUrl:` is what relative hrefs are joined to.
//! Without `baseUrl`, DocFX reads a relative href from the map file's folder;
//! here that folder, taken from the site root, is mirrored in the output root,
//! and the links stage makes the URL relative to each page.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry as Slot;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::paths;

/// Where a map entry leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An absolute URL (or a `/path` from the server root), used as written.
    Url(String),
    /// A path from the output root, `?query` and `#fragment` included.
    Output(String),
}

/// One uid of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `None` when the map names the uid without a URL: shown as text.
    pub href: Option<Target>,
    pub name: Option<String>,
    pub name_with_type: Option<String>,
    pub full_name: Option<String>,
}

impl Entry {
    /// The text DocFX shows for `displayProperty=<property>` (`name`,
    /// `nameWithType`, `fullName`): that property when the entry has it, else
    /// `name`; `None` when the entry has no name at all.
    pub fn display(&self, property: Option<&str>) -> Option<&str> {
        let chosen = match property.map(str::to_ascii_lowercase).as_deref() {
            Some("namewithtype") => given(&self.name_with_type),
            Some("fullname") => given(&self.full_name),
            _ => None,
        };
        chosen.or_else(|| given(&self.name))
    }
}

/// A property's text, unless it is missing or blank.
fn given(property: &Option<String>) -> Option<&str> {
    property.as_deref().filter(|s| !s.trim().is_empty())
}

/// Every map of the site, merged: for a uid in several entries, the first wins.
#[derive(Debug, Default)]
pub struct XrefMaps {
    entries: BTreeMap<String, (Entry, usize)>,
    /// The map files, as site.toml names them; entries point into this list.
    files: Vec<String>,
}

/// At most this many uids are compared with a misspelt one: a did-you-mean
/// is a hint, not worth seconds against a map of the whole .NET API.
const NEAR_LIMIT: usize = 2_000;

/// The uids of `uids` that a misspelling of `uid` most likely meant: those of
/// the same parent (`System.Strng` -> `System.*`), or of the same first letter
/// for a uid without dots. Comparing with every uid would cost each unknown
/// xref a pass over the whole site and every map.
pub fn near_uids<'a, V>(
    uids: &'a BTreeMap<String, V>,
    uid: &str,
) -> impl Iterator<Item = &'a str> + 'a {
    let prefix = match uid.rfind('.') {
        Some(i) => uid[..=i].to_string(),
        None => uid.chars().next().map(String::from).unwrap_or_default(),
    };
    uids.range(prefix.clone()..)
        .map(|(k, _)| k.as_str())
        .take_while(move |k| k.starts_with(&prefix))
        .take(NEAR_LIMIT)
}

impl XrefMaps {
    pub fn get(&self, uid: &str) -> Option<&Entry> {
        self.entries.get(uid).map(|(entry, _)| entry)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The map's uids a misspelling of `uid` may have meant (see [`near_uids`]).
    pub fn near<'a>(&'a self, uid: &str) -> impl Iterator<Item = &'a str> + 'a {
        near_uids(&self.entries, uid)
    }

    /// Adds one parsed map, after those added before. Uids already known keep
    /// their first entry; the warning names the first such uid and counts the others.
    pub fn add(&mut self, file: &str, map: Map) -> Option<Diagnostic> {
        let index = self.files.len();
        self.files.push(file.to_string());
        let mut repeated = 0usize;
        let mut first: Option<(String, usize)> = None;
        for (uid, entry) in map.entries {
            if uid.is_empty() {
                continue;
            }
            match self.entries.entry(uid) {
                Slot::Vacant(slot) => {
                    slot.insert((entry, index));
                }
                Slot::Occupied(slot) => {
                    repeated += 1;
                    if first.is_none() {
                        first = Some((slot.key().clone(), slot.get().1));
                    }
                }
            }
        }
        let (uid, earlier) = first?;
        let by = if earlier == index {
            "an earlier entry of this map".to_string()
        } else {
            self.files[earlier].clone()
        };
        let message = if repeated == 1 {
            format!("uid `{uid}` is already defined by {by}; the first definition wins")
        } else {
            format!(
                "{repeated} uids are already defined earlier, the first of them `{uid}` by {by}; the first definition of each wins"
            )
        };
        Some(Diagnostic::warning(file, message))
    }
}

/// Reads every map that `[xref] maps` lists, in parallel. A map that cannot be
/// read or parsed is an error naming it; the others still count.
pub fn load(site: &Site, diags: &mut Vec<Diagnostic>) -> XrefMaps {
    let parsed: Vec<Result<Map, Diagnostic>> = site
        .xref
        .maps
        .par_iter()
        .map(|file| {
            let text = std::fs::read_to_string(site.root.join(file)).map_err(|e| {
                Diagnostic::error(file, format!("cannot read the xref map: {e}"))
                    .hint("`[xref] maps` in site.toml lists it; its paths are from the site root")
            })?;
            parse(&text, map_dir(file).as_deref()).map_err(|e| e.diagnostic(file))
        })
        .collect();
    let mut maps = XrefMaps::default();
    for (file, result) in site.xref.maps.iter().zip(parsed) {
        match result {
            Ok(map) => {
                if let Some(d) = maps.add(file, map) {
                    // A repeat is in the maps, not in the content: it counts
                    // under --strict as unresolved xrefs do.
                    diags.push(d.exempt_from_strict(!site.xref.strict));
                }
            }
            Err(d) => diags.push(d),
        }
    }
    maps
}

/// One map file, parsed: its entries in file order, hrefs resolved.
#[derive(Debug, Default)]
pub struct Map {
    pub entries: Vec<(String, Entry)>,
}

/// Why a map file was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// Not YAML, or not a map's shape; the place is 0:0 when unknown.
    #[error("invalid xref map: {message}")]
    Invalid {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("baseUrl `{url}` is not an absolute URL")]
    BaseUrl { url: String, line: usize },
}

impl MapError {
    fn diagnostic(&self, file: &str) -> Diagnostic {
        let d = Diagnostic::error(file, self.to_string());
        match self {
            MapError::Invalid { line, column, .. } => d.at(*line, *column).hint(
                "an xref map is YAML: `references:` lists entries with `uid:`, `name:` and `href:`",
            ),
            MapError::BaseUrl { line, .. } => d
                .at(*line, 1)
                .hint("write it like https://learn.microsoft.com/dotnet/api/"),
        }
    }
}

/// A map file as written. Keys other than these are ignored.
#[derive(Deserialize)]
struct RawMap {
    #[serde(rename = "baseUrl")]
    base_url: Option<String>,
    references: Option<Vec<RawEntry>>,
}

#[derive(Deserialize)]
struct RawEntry {
    uid: String,
    name: Option<String>,
    href: Option<String>,
    #[serde(rename = "nameWithType")]
    name_with_type: Option<String>,
    #[serde(rename = "fullName")]
    full_name: Option<String>,
}

/// Parses a map. `dir` is the map's folder from the site root, which its
/// relative hrefs start from when it has no `baseUrl` (`None`: the map is
/// outside the site, and such hrefs are kept as written).
pub fn parse(text: &str, dir: Option<&str>) -> Result<Map, MapError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // An empty file (or one of comments only) is an empty map, not an error.
    let raw: Option<RawMap> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        MapError::Invalid {
            message: message.to_string(),
            line,
            column,
        }
    })?;
    let Some(raw) = raw else {
        return Ok(Map::default());
    };
    let base = match raw.base_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) if is_absolute_url(url) => Some(url),
        Some(url) => {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("baseUrl"))
                .map_or(0, |i| i + 1);
            return Err(MapError::BaseUrl {
                url: url.to_string(),
                line,
            });
        }
    };
    let entries = raw
        .references
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            let href = r
                .href
                .as_deref()
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(|h| target(h, base, dir));
            let entry = Entry {
                href,
                name: r.name,
                name_with_type: r.name_with_type,
                full_name: r.full_name,
            };
            (r.uid, entry)
        })
        .collect();
    Ok(Map { entries })
}

/// The folder of a map named in site.toml, from the site root; `None` for a
/// map outside the site root.
fn map_dir(file: &str) -> Option<String> {
    let file = file.replace('\\', "/");
    if file.starts_with('/') || std::path::Path::new(&file).is_absolute() {
        return None;
    }
    paths::join_inside("", paths::parent(&file))
}

fn target(href: &str, base: Option<&str>, dir: Option<&str>) -> Target {
    if paths::has_scheme(href) || href.starts_with("//") {
        return Target::Url(href.to_string());
    }
    if let Some(base) = base {
        return Target::Url(join_url(base, href));
    }
    if href.starts_with('/') {
        return Target::Url(href.to_string());
    }
    let (path, suffix) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
    match dir.and_then(|d| paths::join_inside(d, path)) {
        Some(p) if !p.is_empty() => Target::Output(p + suffix),
        // Above the output root: nothing there is ours to point at.
        _ => Target::Url(href.to_string()),
    }
}

/// `scheme://host...`.
fn is_absolute_url(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, rest)| {
        paths::has_scheme(&format!("{scheme}:"))
            && !rest.is_empty()
            && !rest.starts_with('/')
            && !rest.contains(char::is_whitespace)
    })
}

/// Resolves a relative `href` against an absolute `base` URL as a browser
/// would (RFC 3986): `/x` from the host, `x` from the base's folder, with `.`
/// and `..` segments removed.
fn join_url(base: &str, href: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find(['/', '?'])
        .map_or(base.len(), |i| authority_start + i);
    let origin = &base[..path_start];
    let base_path = base[path_start..].split('?').next().unwrap_or_default();
    if href.starts_with('?') || href.starts_with('#') {
        let without_query = &base[..path_start + base_path.len()];
        return format!("{without_query}{href}");
    }
    let (href_path, suffix) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
    let path = if href_path.starts_with('/') {
        href_path.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{href_path}")
    };
    format!("{origin}{}{suffix}", remove_dot_segments(&path))
}

/// `/a/b/../c/./d` -> `/a/c/d`; a trailing `.` or `..` leaves a folder (`/a/`).
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOTNET: &str = "### YamlMime:XRefMap
sorted: true
baseUrl: https://learn.microsoft.com/dotnet/api/
references:
- uid: System.String
  name: String
  href: system.string
  commentId: T:System.String
  nameWithType: String
  fullName: System.String
- uid: System.String.Length
  name: Length
  href: system.string.length#remarks
  nameWithType: String.Length
  fullName: System.String.Length
- uid: System.Runtime.InteropServices.Marshal.PtrToStringUTF8*
  name: PtrToStringUTF8
  href: /en-us/dotnet/api/system.runtime.interopservices.marshal.ptrtostringutf8
  isSpec: \"True\"
- uid: Other.Site
  name: Other
  href: https://example.org/other.html
- uid: No.Href
  name: NoHref
";

    fn entries(map: &Map) -> BTreeMap<&str, &Entry> {
        map.entries.iter().map(|(u, e)| (u.as_str(), e)).collect()
    }

    fn url(s: &str) -> Option<Target> {
        Some(Target::Url(s.to_string()))
    }

    #[test]
    fn a_docfx_map_with_base_url() {
        let map = parse(DOTNET, Some("")).unwrap();
        let by_uid = entries(&map);
        assert_eq!(by_uid.len(), 5);
        let string = by_uid["System.String"];
        assert_eq!(
            string.href,
            url("https://learn.microsoft.com/dotnet/api/system.string")
        );
        assert_eq!(string.display(None), Some("String"));
        assert_eq!(string.display(Some("fullName")), Some("System.String"));
        assert_eq!(
            by_uid["System.String.Length"].display(Some("nameWithType")),
            Some("String.Length")
        );
        assert_eq!(
            by_uid["System.String.Length"].href,
            url("https://learn.microsoft.com/dotnet/api/system.string.length#remarks")
        );
        // A property the entry lacks falls back to `name`.
        let overloads = by_uid["System.Runtime.InteropServices.Marshal.PtrToStringUTF8*"];
        assert_eq!(overloads.display(Some("fullName")), Some("PtrToStringUTF8"));
        assert_eq!(
            overloads.href,
            url(
                "https://learn.microsoft.com/en-us/dotnet/api/system.runtime.interopservices.marshal.ptrtostringutf8"
            )
        );
        assert_eq!(
            by_uid["Other.Site"].href,
            url("https://example.org/other.html")
        );
        assert_eq!(by_uid["No.Href"].href, None);
    }

    #[test]
    fn relative_hrefs_without_base_url_start_from_the_map_folder() {
        let text = "references:\n- uid: a\n  href: api/A.html#x\n- uid: b\n  href: ../B.html\n- uid: c\n  href: ../../C.html\n- uid: d\n  href: /root/D.html\n";
        let map = parse(text, Some("maps")).unwrap();
        let by_uid = entries(&map);
        let output = |s: &str| Some(Target::Output(s.to_string()));
        assert_eq!(by_uid["a"].href, output("maps/api/A.html#x"));
        assert_eq!(by_uid["b"].href, output("B.html"));
        assert_eq!(by_uid["c"].href, url("../../C.html"));
        assert_eq!(by_uid["d"].href, url("/root/D.html"));
        // A map outside the site keeps relative hrefs as written.
        let outside = parse(text, None).unwrap();
        assert_eq!(entries(&outside)["a"].href, url("api/A.html#x"));
        assert_eq!(map_dir("maps/xrefmap.yml").as_deref(), Some("maps"));
        assert_eq!(map_dir("xrefmap.yml").as_deref(), Some(""));
        assert_eq!(map_dir("../shared/xrefmap.yml"), None);
        assert_eq!(map_dir("/etc/xrefmap.yml"), None);
    }

    #[test]
    fn urls_join_like_a_browser() {
        let base = "https://x.test/docs/api/";
        assert_eq!(join_url(base, "a.html"), "https://x.test/docs/api/a.html");
        assert_eq!(
            join_url(base, "../b/c.html?q#f"),
            "https://x.test/docs/b/c.html?q#f"
        );
        assert_eq!(join_url(base, "/top.html"), "https://x.test/top.html");
        assert_eq!(join_url(base, "../../../../up"), "https://x.test/up");
        assert_eq!(
            join_url("https://x.test/docs/index.html", "a.html"),
            "https://x.test/docs/a.html"
        );
        assert_eq!(
            join_url("https://x.test", "a.html"),
            "https://x.test/a.html"
        );
        assert_eq!(
            join_url("https://x.test/p?q=1#f", "#g"),
            "https://x.test/p#g"
        );
        assert_eq!(join_url(base, "./"), "https://x.test/docs/api/");
    }

    #[test]
    fn json_maps_and_empty_files() {
        let json = r#"{"baseUrl": "https://x.test/", "references": [{"uid": "A", "name": "A", "href": "a.html", "extra": [1, 2]}]}"#;
        let map = parse(json, Some("")).unwrap();
        assert_eq!(entries(&map)["A"].href, url("https://x.test/a.html"));
        assert!(parse("", Some("")).unwrap().entries.is_empty());
        assert!(
            parse("### YamlMime:XRefMap\n", Some(""))
                .unwrap()
                .entries
                .is_empty()
        );
        assert!(parse("references:\n", Some("")).unwrap().entries.is_empty());
        // Scalars YAML would read as numbers are names all the same.
        let map = parse("references:\n- uid: 1.0\n  name: 2\n", Some("")).unwrap();
        assert_eq!(entries(&map)["1.0"].display(None), Some("2"));
    }

    #[test]
    fn malformed_maps_say_where() {
        let err = parse("references:\n- uid: A\n  name: [unclosed\n", Some("")).unwrap_err();
        let MapError::Invalid {
            line,
            column,
            message,
        } = &err
        else {
            panic!("{err:?}");
        };
        assert!(*line >= 3 && *column > 0, "{err:?}");
        assert!(!message.contains(" at line "), "{message}");
        let err = parse("references:\n- name: no uid\n", Some("")).unwrap_err();
        assert!(
            matches!(&err, MapError::Invalid { message, line: 2, .. } if message.contains("uid")),
            "{err:?}"
        );
        let err = parse("references: 3\n", Some("")).unwrap_err();
        assert!(matches!(err, MapError::Invalid { line: 1, .. }), "{err:?}");
        let err = parse("# map\nbaseUrl: docs/api\nreferences: []\n", Some("")).unwrap_err();
        assert_eq!(
            err,
            MapError::BaseUrl {
                url: "docs/api".into(),
                line: 2
            }
        );
        assert_eq!(err.to_string(), "baseUrl `docs/api` is not an absolute URL");
        let d = err.diagnostic("xrefmap.yml");
        assert_eq!(
            d.to_string().lines().next(),
            Some("error: xrefmap.yml:2:1: baseUrl `docs/api` is not an absolute URL")
        );
    }

    #[test]
    fn the_first_definition_of_a_uid_wins() {
        let mut maps = XrefMaps::default();
        let first = parse(
            "references:\n- uid: A\n  name: first\n- uid: A\n  name: again\n",
            Some(""),
        )
        .unwrap();
        let d = maps.add("one.yml", first).unwrap();
        assert_eq!(
            d.to_string(),
            "warning: one.yml: uid `A` is already defined by an earlier entry of this map; the first definition wins"
        );
        let second = parse(
            "references:\n- uid: A\n  name: second\n- uid: B\n- uid: C\n- uid: B\n",
            Some(""),
        )
        .unwrap();
        // B repeats within the second map, after A repeated the first's.
        let d = maps.add("two.yml", second).unwrap();
        assert_eq!(
            d.message,
            "2 uids are already defined earlier, the first of them `A` by one.yml; the first definition of each wins"
        );
        assert_eq!(maps.get("A").and_then(|e| e.display(None)), Some("first"));
        assert_eq!(maps.len(), 3);
        let clean = parse("references:\n- uid: D\n", Some("")).unwrap();
        assert!(maps.add("three.yml", clean).is_none());
    }

    #[test]
    fn near_uids_share_the_parent() {
        let mut maps = XrefMaps::default();
        let map = parse(
            "references:\n- uid: System.String\n- uid: System.Strings\n- uid: Systemic\n- uid: Other.String\n- uid: Sx\n",
            Some(""),
        )
        .unwrap();
        maps.add("m.yml", map);
        let near: Vec<&str> = maps.near("System.Strng").collect();
        assert_eq!(near, ["System.String", "System.Strings"]);
        let near: Vec<&str> = maps.near("Sytem").collect();
        assert_eq!(near, ["Sx", "System.String", "System.Strings", "Systemic"]);
        assert_eq!(maps.near("").count(), 5);
    }
}
