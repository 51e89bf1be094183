//! Cutting a listing out of a source file: named regions (`// <name>` ...
//! `// </name>` in C and Rust, `# <name>` in TOML and shell, mdBook's `ANCHOR:`),
//! line ranges, and the common indentation. Marker lines never show.

/// A line marks a region boundary: `Some((name, is_end))`.
fn marker(line: &str) -> Option<(&str, bool)> {
    let t = line.trim();
    // mdBook: `// ANCHOR: name` / `// ANCHOR_END: name`, in any comment style.
    if let Some(i) = t.find("ANCHOR_END:") {
        return name_token(&t[i + "ANCHOR_END:".len()..]).map(|n| (n, true));
    }
    if let Some(i) = t.find("ANCHOR:") {
        return name_token(&t[i + "ANCHOR:".len()..]).map(|n| (n, false));
    }
    // DocFX: a comment that holds only `<name>` or `</name>`.
    let body = ["//", "#", "--", "'", ";"]
        .iter()
        .find_map(|prefix| t.strip_prefix(prefix))
        .or_else(|| t.strip_prefix("/*").and_then(|r| r.strip_suffix("*/")))
        .or_else(|| t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")))?
        .trim();
    let inner = body.strip_prefix('<')?.strip_suffix('>')?;
    let (name, end) = match inner.strip_prefix('/') {
        Some(n) => (n, true),
        None => (inner, false),
    };
    is_name(name).then_some((name, end))
}

fn name_token(s: &str) -> Option<&str> {
    let name = s.split_whitespace().next()?;
    let name = name.trim_end_matches("*/").trim_end_matches("-->");
    is_name(name).then_some(name)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnippetError {
    NoRegion(String),
    Unterminated(String),
    BadRange(String),
}

impl std::fmt::Display for SnippetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnippetError::NoRegion(n) => write!(f, "there is no region `{n}`"),
            SnippetError::Unterminated(n) => write!(f, "region `{n}` is never closed"),
            SnippetError::BadRange(r) => {
                write!(f, "`{r}` is not a line range (write it like 3-10,15)")
            }
        }
    }
}

/// The names of the regions a file defines, in order of appearance.
pub fn region_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for (name, end) in text.lines().filter_map(marker) {
        if !end && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The lines of `region` (or of the whole file), without any marker lines.
pub fn region<'a>(text: &'a str, name: Option<&str>) -> Result<Vec<&'a str>, SnippetError> {
    let Some(wanted) = name else {
        return Ok(text.lines().filter(|l| marker(l).is_none()).collect());
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut found = false;
    for line in text.lines() {
        match marker(line) {
            Some((n, false)) if n == wanted => {
                found = true;
                depth += 1;
            }
            Some((n, true)) if n == wanted && depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return Ok(out);
                }
            }
            Some(_) => {}
            None if depth > 0 => out.push(line),
            None => {}
        }
    }
    Err(if found {
        SnippetError::Unterminated(wanted.to_string())
    } else {
        SnippetError::NoRegion(wanted.to_string())
    })
}

/// Parses `3-10,15` (1-based, inclusive) into line numbers; `2-` runs to `len`.
pub fn parse_lines(spec: &str, len: usize) -> Result<Vec<usize>, SnippetError> {
    let bad = || SnippetError::BadRange(spec.to_string());
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let part = part.trim_start_matches('L');
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => {
                let a: usize = a
                    .trim()
                    .trim_start_matches('L')
                    .parse()
                    .map_err(|_| bad())?;
                let b = b.trim().trim_start_matches('L');
                let b: usize = if b.is_empty() {
                    len
                } else {
                    b.parse().map_err(|_| bad())?
                };
                (a, b)
            }
            None => {
                let n: usize = part.parse().map_err(|_| bad())?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return Err(bad());
        }
        out.extend((a..=b.min(len.max(a))).filter(|n| *n <= len));
    }
    Ok(out)
}

/// Removes the indentation all non-blank lines share.
pub fn dedent(lines: &[&str]) -> Vec<String> {
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            l.get(common..)
                .unwrap_or_else(|| l.trim_start())
                .trim_end()
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUST: &str = "use x;\n// <outer>\nfn a() {\n    // <inner>\n    let b = 1;\n    // </inner>\n}\n// </outer>\n// ANCHOR: mdbook\nfn c() {}\n// ANCHOR_END: mdbook\n";

    #[test]
    fn regions_nest_and_markers_never_show() {
        assert_eq!(
            region(RUST, Some("outer")).unwrap(),
            ["fn a() {", "    let b = 1;", "}"]
        );
        assert_eq!(region(RUST, Some("inner")).unwrap(), ["    let b = 1;"]);
        assert_eq!(region(RUST, Some("mdbook")).unwrap(), ["fn c() {}"]);
        let whole = region(RUST, None).unwrap();
        assert!(
            whole
                .iter()
                .all(|l| !l.contains('<') && !l.contains("ANCHOR"))
        );
        assert_eq!(
            whole,
            ["use x;", "fn a() {", "    let b = 1;", "}", "fn c() {}"]
        );
        assert_eq!(region_names(RUST), ["outer", "inner", "mdbook"]);
    }

    #[test]
    fn toml_c_and_errors() {
        let toml = "[package]\n# <meta>\nname = \"x\"\n# </meta>\n";
        assert_eq!(region(toml, Some("meta")).unwrap(), ["name = \"x\""]);
        let c = "/* <decl> */\nint f(void);\n/* </decl> */\n";
        assert_eq!(region(c, Some("decl")).unwrap(), ["int f(void);"]);
        assert_eq!(
            region(RUST, Some("nope")),
            Err(SnippetError::NoRegion("nope".into()))
        );
        assert_eq!(
            region("// <open>\nx\n", Some("open")),
            Err(SnippetError::Unterminated("open".into()))
        );
        // A generic type in a comment is not a marker.
        assert!(marker("// Vec<u8> buffer").is_none());
        assert!(marker("    // </inner>").is_some());
    }

    #[test]
    fn ranges_and_dedent() {
        assert_eq!(parse_lines("3-5,8", 10).unwrap(), [3, 4, 5, 8]);
        assert_eq!(parse_lines("L2-L3", 10).unwrap(), [2, 3]);
        assert_eq!(parse_lines("9-", 10).unwrap(), [9, 10]);
        assert_eq!(parse_lines("4-20", 5).unwrap(), [4, 5]);
        for bad in ["x", "0", "5-3", "1-a"] {
            assert!(parse_lines(bad, 10).is_err(), "{bad}");
        }
        assert_eq!(dedent(&["    a", "", "      b  "]), ["a", "", "  b"]);
    }
}
