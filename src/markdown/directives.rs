//! Block directives that pull code and sample output into a page:
//!
//! - DocFX: `[!code-rust[Title](../samples/x/src/main.rs#region)]`, with
//!   `?name=`, `?range=3-10,15`, `?highlight=2-3`, `?dedent=8` or `#L12-L16`;
//! - `:::code language="rust" source="..." id="region" range="..." highlight="..."
//!   dedent="...":::`;
//! - `:::sample-output name="x":::`;
//! - mdBook, inside a fenced block: `{{#include path:region}}`, `{{#include path:2:10}}`.
//!
//! This module only recognizes them; the samples stage reads the files.

/// A listing cut from a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeRef {
    pub lang: String,
    pub title: String,
    /// As written, relative to the topic file.
    pub path: String,
    pub region: Option<String>,
    /// Lines to keep, `3-10,15`, counted in the region (or the file).
    pub range: Option<String>,
    /// Lines to emphasize, counted in what is shown.
    pub highlight: Option<String>,
    /// DocFX's `dedent=N`, as written: the spaces to take off each line
    /// instead of the indentation all lines share.
    pub dedent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    Code(CodeRef),
    SampleOutput { name: String },
}

/// Where a directive stands in a parsed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveSite {
    /// The placeholder event (block directives) or the code block text event
    /// holding it (mdBook includes).
    pub event: usize,
    /// Byte offset in the body, for diagnostics.
    pub offset: usize,
    pub directive: Directive,
    /// For an include inside a fenced block: the exact text to replace.
    pub inline: Option<String>,
}

/// Recognizes a block directive on one line: `None` when the line is ordinary
/// text, `Some(Err)` when it is a directive written wrongly.
pub fn parse_block(line: &str) -> Option<Result<Directive, String>> {
    let line = line.trim();
    // Compared as bytes: the line may start with any character.
    if line.len() > 7 && line.as_bytes()[..7].eq_ignore_ascii_case(b"[!code-") {
        return Some(docfx_code(&line[7..]).ok_or_else(|| {
            "a code include is written `[!code-rust[Title](path/to/file.rs#region)]`".to_string()
        }));
    }
    let inner = line.strip_prefix(":::")?.strip_suffix(":::")?.trim();
    let (kind, attrs) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let attrs = attributes(attrs);
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    match kind {
        "code" => Some(match get("source") {
            Some(path) => Ok(Directive::Code(CodeRef {
                lang: get("language").unwrap_or_default(),
                title: get("title").unwrap_or_default(),
                path,
                region: get("id"),
                range: get("range"),
                highlight: get("highlight"),
                dedent: get("dedent"),
            })),
            None => Err("`:::code` needs a source=\"path\" attribute".to_string()),
        }),
        "sample-output" => Some(match get("name") {
            Some(name) if !name.is_empty() => Ok(Directive::SampleOutput { name }),
            _ => Err("`:::sample-output` needs a name=\"sample\" attribute".to_string()),
        }),
        _ => None,
    }
}

/// `rust[Title](path#region?query)]`, after the `[!code-` prefix.
fn docfx_code(rest: &str) -> Option<Directive> {
    let (lang, rest) = rest.split_once('[')?;
    let (title, rest) = rest.split_once("](")?;
    let target = rest.strip_suffix(")]")?.trim();
    let (path, fragment, query) = split_target(target);
    let mut code = CodeRef {
        lang: lang.trim().to_ascii_lowercase(),
        title: title.trim().to_string(),
        path: path.to_string(),
        ..CodeRef::default()
    };
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        // `#L12-L16` is a line range; anything else names a region.
        let is_lines = fragment.starts_with('L')
            && fragment[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == 'L');
        if is_lines {
            code.range = Some(fragment.replace('L', ""));
        } else {
            code.region = Some(fragment.to_string());
        }
    }
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        // DocFX lowercases the keys: `?Name=Main` works there.
        match k.to_ascii_lowercase().as_str() {
            "name" => code.region = Some(v.to_string()),
            "range" => code.range = Some(v.to_string()),
            "highlight" => code.highlight = Some(v.to_string()),
            "dedent" => code.dedent = Some(v.to_string()),
            _ => {}
        }
    }
    (!code.path.is_empty()).then_some(Directive::Code(code))
}

/// `path#fragment?query` or `path?query#fragment`.
fn split_target(t: &str) -> (&str, Option<&str>, Option<&str>) {
    let q = t.find('?');
    let h = t.find('#');
    let path_end = [q, h].into_iter().flatten().min().unwrap_or(t.len());
    let fragment = h.map(|h| &t[h + 1..q.filter(|&q| q > h).unwrap_or(t.len())]);
    let query = q.map(|q| &t[q + 1..h.filter(|&h| h > q).unwrap_or(t.len())]);
    (&t[..path_end], fragment, query)
}

/// `key="value"` pairs (single or double quotes).
pub fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(end) = after[1..].find(quote) else {
            break;
        };
        out.push((key, after[1..1 + end].to_string()));
        rest = after[end + 2..].trim_start();
    }
    out
}

/// An mdBook include line inside a fenced block of language `lang`.
pub fn parse_mdbook(line: &str, lang: &str) -> Option<CodeRef> {
    let inner = line
        .trim()
        .strip_prefix("{{#include")?
        .strip_suffix("}}")?
        .trim();
    let mut parts = inner.splitn(3, ':');
    let path = parts.next()?.trim().to_string();
    let second = parts.next().map(str::trim);
    let third = parts.next().map(str::trim);
    let mut code = CodeRef {
        lang: lang.to_string(),
        path,
        ..CodeRef::default()
    };
    match (second, third) {
        (None, _) | (Some(""), None) => {}
        (Some(a), None) if a.chars().all(|c| c.is_ascii_digit()) => {
            code.range = Some(format!("{a}-{a}"))
        }
        (Some(a), None) => code.region = Some(a.to_string()),
        (Some(a), Some(b)) => {
            let from = if a.is_empty() { "1" } else { a };
            code.range = Some(format!("{from}-{b}"));
        }
    }
    (!code.path.is_empty()).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(line: &str) -> CodeRef {
        match parse_block(line) {
            Some(Ok(Directive::Code(c))) => c,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn docfx_forms() {
        let c = code("[!code-rust[The wrapper](../../samples/strings/src/main.rs#safe-wrapper)]");
        assert_eq!(
            (c.lang.as_str(), c.title.as_str(), c.path.as_str()),
            ("rust", "The wrapper", "../../samples/strings/src/main.rs")
        );
        assert_eq!(c.region.as_deref(), Some("safe-wrapper"));
        let c = code("[!code-c[](x.c?name=decl&highlight=2-3&range=1-5)]");
        assert_eq!(
            (
                c.region.as_deref(),
                c.highlight.as_deref(),
                c.range.as_deref()
            ),
            (Some("decl"), Some("2-3"), Some("1-5"))
        );
        let c = code("[!code-rust[T](x.rs#region?highlight=2)]");
        assert_eq!(
            (c.region.as_deref(), c.highlight.as_deref()),
            (Some("region"), Some("2"))
        );
        let c = code("[!code-csharp[T](Program.cs#L12-L16)]");
        assert_eq!((c.region, c.range.as_deref()), (None, Some("12-16")));
        assert_eq!(c.dedent, None);
        assert!(matches!(parse_block("[!code-rust[broken"), Some(Err(_))));
    }

    #[test]
    fn docfx_dedent() {
        let c = code("[!code-csharp[T](file.cs?name=Main&dedent=8)]");
        assert_eq!(
            (c.region.as_deref(), c.dedent.as_deref()),
            (Some("Main"), Some("8"))
        );
        let c = code("[!code-csharp[T](../snippets/NativeMethods.cs#Declarations?dedent=4)]");
        assert_eq!(
            (c.path.as_str(), c.region.as_deref(), c.dedent.as_deref()),
            (
                "../snippets/NativeMethods.cs",
                Some("Declarations"),
                Some("4")
            )
        );
        // DocFX's own order, query before fragment.
        let c = code("[!code-csharp[T](NativeMethods.cs?dedent=4#Declarations)]");
        assert_eq!(
            (c.region.as_deref(), c.dedent.as_deref()),
            (Some("Declarations"), Some("4"))
        );
        let c = code("[!code-vb[T](Module.vb?Name=Main&Dedent=-1)]");
        assert_eq!(
            (c.region.as_deref(), c.dedent.as_deref()),
            (Some("Main"), Some("-1"))
        );
        let c = code(
            ":::code language=\"csharp\" source=\"../snippets/NativeMethods.cs\" id=\"Declarations\" dedent=\"8\":::",
        );
        assert_eq!(
            (c.region.as_deref(), c.dedent.as_deref()),
            (Some("Declarations"), Some("8"))
        );
    }

    #[test]
    fn triple_colon_forms() {
        let c = code(
            ":::code language=\"c\" source=\"../x/stats.h\" id=\"prototypes\" highlight=\"1\":::",
        );
        assert_eq!(
            (
                c.lang.as_str(),
                c.path.as_str(),
                c.region.as_deref(),
                c.highlight.as_deref()
            ),
            ("c", "../x/stats.h", Some("prototypes"), Some("1"))
        );
        assert_eq!(
            parse_block(":::sample-output name=\"call-c\":::"),
            Some(Ok(Directive::SampleOutput {
                name: "call-c".into()
            }))
        );
        assert!(matches!(parse_block(":::sample-output:::"), Some(Err(_))));
        assert!(matches!(
            parse_block(":::code language=\"c\":::"),
            Some(Err(_))
        ));
        assert_eq!(parse_block(":::image type=\"content\":::"), None);
        assert_eq!(parse_block("Just text"), None);
        // Multi-byte text around the prefix length must not split a character.
        assert_eq!(parse_block("대부분의 Rust 프로젝트는"), None);
        assert_eq!(parse_block("大多數 Rust 專案"), None);
    }

    #[test]
    fn mdbook_forms() {
        let c = parse_mdbook("{{#include ../samples/x/src/main.rs:region}}", "rust").unwrap();
        assert_eq!(
            (c.path.as_str(), c.region.as_deref()),
            ("../samples/x/src/main.rs", Some("region"))
        );
        assert_eq!(
            parse_mdbook("{{#include a.rs:2:10}}", "rust")
                .unwrap()
                .range
                .as_deref(),
            Some("2-10")
        );
        assert_eq!(
            parse_mdbook("{{#include a.rs::10}}", "rust")
                .unwrap()
                .range
                .as_deref(),
            Some("1-10")
        );
        assert_eq!(
            parse_mdbook("{{#include a.rs:7}}", "rust")
                .unwrap()
                .range
                .as_deref(),
            Some("7-7")
        );
        assert_eq!(
            parse_mdbook("{{#include a.rs}}", "rust").unwrap().region,
            None
        );
        assert_eq!(parse_mdbook("let x = 1;", "rust"), None);
    }
}
