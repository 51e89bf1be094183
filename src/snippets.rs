//! Cutting a listing out of a source file: named regions (`// <name>` ...
//! `// </name>` in C, C# and Rust, `# <name>` in TOML and shell, `' <name>` in
//! VB, mdBook's `ANCHOR:`, C#'s `#region name` ... `#endregion` and VB's
//! `#Region "name"` ... `#End Region`), line ranges, and the indentation.
//! Marker lines never show, neither in a region nor in the whole file.

use std::borrow::Cow;

/// A line that opens or closes a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker<'a> {
    /// `// <name>` or `ANCHOR: name`, closed by the same name.
    Open(Tag<'a>),
    Close(Tag<'a>),
    /// `#region name` or `#Region "name"`; the name may be empty or any text.
    Region(&'a str),
    /// `#endregion` or `#End Region`: closes the innermost open `#region`,
    /// whatever follows it (C# allows a message, `#endregion // Main`).
    EndRegion,
}

/// The name of a comment or mdBook marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag<'a> {
    name: &'a str,
    /// mdBook compares anchor names exactly; DocFX ignores case.
    exact: bool,
}

impl Tag<'_> {
    fn is(&self, wanted: &str) -> bool {
        if self.exact {
            self.name == wanted
        } else {
            same_ignoring_case(self.name, wanted)
        }
    }
}

/// DocFX keys its tags in a case-insensitive dictionary, for `// <name>`
/// markers and `#region` names alike.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// What a line marks, if anything.
fn marker(line: &str) -> Option<Marker<'_>> {
    let t = line.trim();
    if let Some(m) = region_directive(t) {
        return Some(m);
    }
    // mdBook: `// ANCHOR: name` / `// ANCHOR_END: name`, in any comment style.
    let anchor = |name| Tag { name, exact: true };
    if let Some(i) = t.find("ANCHOR_END:") {
        return name_token(&t[i + "ANCHOR_END:".len()..]).map(|n| Marker::Close(anchor(n)));
    }
    if let Some(i) = t.find("ANCHOR:") {
        return name_token(&t[i + "ANCHOR:".len()..]).map(|n| Marker::Open(anchor(n)));
    }
    comment_tag(t)
}

/// DocFX: a comment that holds only `<name>` or `</name>`.
fn comment_tag(t: &str) -> Option<Marker<'_>> {
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
    let tag = Tag { name, exact: false };
    is_name(name).then_some(if end {
        Marker::Close(tag)
    } else {
        Marker::Open(tag)
    })
}

/// C# `#region name` / `#endregion`, VB `#Region "name"` / `#End Region`, the
/// keywords in any case (VB ignores case, and so does DocFX for both). The
/// keyword must follow `#` directly: `# region ...` is a comment in shell,
/// TOML or Python, and the cutter does not know the file's language.
fn region_directive(t: &str) -> Option<Marker<'_>> {
    let rest = t.strip_prefix('#')?;
    if let Some(after) = keyword(rest, "region") {
        return Some(Marker::Region(region_name(after)));
    }
    let after_end = strip_keyword(rest, "end")?.trim_start();
    keyword(after_end, "region").map(|_| Marker::EndRegion)
}

/// `s` after the word `kw` (any case), if `s` starts with that whole word.
fn keyword<'a>(s: &'a str, kw: &str) -> Option<&'a str> {
    strip_keyword(s, kw).filter(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// `s` after `kw` (any ASCII case), the word possibly going on.
fn strip_keyword<'a>(s: &'a str, kw: &str) -> Option<&'a str> {
    // `get` rather than slicing: `s` may hold a multi-byte character there.
    let head = s.get(..kw.len())?;
    head.eq_ignore_ascii_case(kw).then(|| &s[kw.len()..])
}

/// The name of a `#region`: VB writes it as a string literal, C# as plain text.
fn region_name(after: &str) -> &str {
    let after = after.trim();
    match after.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or(quoted).trim(),
        None => after,
    }
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
    /// A `#region` with no `#endregion`: the name, the 1-based line of the
    /// opening directive, and that line as written.
    UnclosedRegion {
        name: String,
        line: usize,
        opening: String,
    },
    BadRange(String),
    BadDedent(String),
}

impl std::fmt::Display for SnippetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnippetError::NoRegion(n) => write!(f, "there is no region `{n}`"),
            SnippetError::Unterminated(n) => write!(f, "region `{n}` is never closed"),
            SnippetError::UnclosedRegion {
                name,
                line,
                opening,
            } => {
                // VB names its regions with a string literal; C# does not.
                let end = if opening.contains('"') {
                    "#End Region"
                } else {
                    "#endregion"
                };
                write!(
                    f,
                    "region `{name}` is never closed: `{opening}` on line {line} has no matching `{end}`"
                )
            }
            SnippetError::BadRange(r) => {
                write!(f, "`{r}` is not a line range (write it like 3-10,15)")
            }
            SnippetError::BadDedent(d) => {
                write!(
                    f,
                    "`{d}` is not a dedent (write the number of spaces to remove, like dedent=8)"
                )
            }
        }
    }
}

/// The names of the regions a file defines, in order of appearance.
pub fn region_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for m in text.lines().filter_map(marker) {
        let name = match m {
            Marker::Open(tag) => tag.name,
            Marker::Region(name) if !name.is_empty() => name,
            _ => continue,
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The lines of `region` (or of the whole file), without any marker lines.
/// As in DocFX, a name that is not found is looked up again with the
/// `snippet` prefix: `#Main` also finds `// <snippetMain>`.
pub fn region<'a>(text: &'a str, name: Option<&str>) -> Result<Vec<&'a str>, SnippetError> {
    let Some(wanted) = name else {
        return Ok(text.lines().filter(|l| marker(l).is_none()).collect());
    };
    match cut(text, wanted) {
        Err(SnippetError::NoRegion(_)) => {
            cut(text, &format!("snippet{wanted}")).map_err(|e| match e {
                SnippetError::NoRegion(_) => SnippetError::NoRegion(wanted.to_string()),
                other => other,
            })
        }
        other => other,
    }
}

/// Where the wanted region was first opened, for the error if it never closes.
enum Opened {
    Tag,
    Region { line: usize, opening: String },
}

/// The lines inside the first region named `wanted`, until every region of
/// that name opened since has closed again.
fn cut<'a>(text: &'a str, wanted: &str) -> Result<Vec<&'a str>, SnippetError> {
    let mut out = Vec::new();
    let mut tags = 0usize;
    // One entry per open `#region`: is it the wanted one? `#endregion` names
    // nothing, so it can only be paired by nesting.
    let mut regions: Vec<bool> = Vec::new();
    let mut wanted_regions = 0usize;
    let mut opened = None;
    for (i, line) in text.lines().enumerate() {
        match marker(line) {
            Some(Marker::Open(tag)) if tag.is(wanted) => {
                tags += 1;
                opened.get_or_insert(Opened::Tag);
            }
            Some(Marker::Close(tag)) if tag.is(wanted) && tags > 0 => tags -= 1,
            Some(Marker::Region(name)) => {
                let hit = same_ignoring_case(name, wanted);
                regions.push(hit);
                if hit {
                    wanted_regions += 1;
                    opened.get_or_insert_with(|| Opened::Region {
                        line: i + 1,
                        opening: line.trim().to_string(),
                    });
                }
            }
            // A stray `#endregion` (nothing open) is ignored, as in DocFX.
            Some(Marker::EndRegion) => {
                wanted_regions -= usize::from(regions.pop() == Some(true));
            }
            Some(_) => {}
            None if tags + wanted_regions > 0 => out.push(line),
            None => {}
        }
        if opened.is_some() && tags + wanted_regions == 0 {
            return Ok(out);
        }
    }
    Err(match opened {
        None => SnippetError::NoRegion(wanted.to_string()),
        Some(Opened::Tag) => SnippetError::Unterminated(wanted.to_string()),
        Some(Opened::Region { line, opening }) => SnippetError::UnclosedRegion {
            name: wanted.to_string(),
            line,
            opening,
        },
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

/// DocFX's `dedent=N`: `Some(N)`, the number of spaces to take off each
/// line. A negative N asks for the automatic dedent (`None`), as in DocFX.
pub fn parse_dedent(spec: &str) -> Result<Option<usize>, SnippetError> {
    let s = spec.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SnippetError::BadDedent(spec.to_string()));
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Ok(None);
    }
    // Too many digits for a number still means "all the indentation".
    Ok(Some(digits.parse().unwrap_or(usize::MAX)))
}

/// Takes up to `n` leading spaces off each line, as DocFX's `dedent=N` does: a
/// line with fewer loses the ones it has, and what is not a space stays.
pub fn dedent_by(lines: &[&str], n: usize) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let l = expand_leading_tabs(l);
            let spaces = l.len() - l.trim_start_matches(' ').len();
            l[spaces.min(n)..].trim_end().to_string()
        })
        .collect()
}

/// DocFX (through Markdig) reads a tab in the indentation as reaching the next
/// multiple of 4 columns, and counts `dedent` in those columns.
const TAB_STOP: usize = 4;

/// The line with the tabs of its indentation turned into spaces.
fn expand_leading_tabs(line: &str) -> Cow<'_, str> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    if !indent.contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + indent.len() * (TAB_STOP - 1));
    let mut column = 0;
    for c in indent.chars() {
        let next = if c == '\t' {
            (column / TAB_STOP + 1) * TAB_STOP
        } else {
            column + 1
        };
        out.extend(std::iter::repeat_n(' ', next - column));
        column = next;
    }
    out.push_str(body);
    Cow::Owned(out)
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

    const CSHARP: &str = "using System;\n#region Declarations\nclass NativeMethods\n{\n    #region Imports\n    [DllImport(\"user32.dll\")]\n    static extern int MessageBox();\n    #endregion Imports\n    #region Helpers with spaces\n    static void Help() {}\n    #endregion // Helpers\n}\n#endregion\n";

    #[test]
    fn csharp_regions_nest_and_endregion_closes_the_innermost() {
        assert_eq!(
            region(CSHARP, Some("Declarations")).unwrap(),
            [
                "class NativeMethods",
                "{",
                "    [DllImport(\"user32.dll\")]",
                "    static extern int MessageBox();",
                "    static void Help() {}",
                "}"
            ]
        );
        assert_eq!(
            region(CSHARP, Some("Imports")).unwrap(),
            [
                "    [DllImport(\"user32.dll\")]",
                "    static extern int MessageBox();"
            ]
        );
        // A name with spaces and an `#endregion` carrying a comment.
        assert_eq!(
            region(CSHARP, Some("Helpers with spaces")).unwrap(),
            ["    static void Help() {}"]
        );
        assert_eq!(
            region_names(CSHARP),
            ["Declarations", "Imports", "Helpers with spaces"]
        );
    }

    #[test]
    fn region_names_ignore_case_as_docfx_does() {
        assert_eq!(region(CSHARP, Some("declarations")).unwrap().len(), 6);
        assert_eq!(
            region(CSHARP, Some("IMPORTS")).unwrap(),
            region(CSHARP, Some("Imports")).unwrap()
        );
        // DocFX also ignores case for `// <name>` markers...
        let c = "// <Main>\nx();\n// </MAIN>\n";
        assert_eq!(region(c, Some("main")).unwrap(), ["x();"]);
        // ...but mdBook compares anchors exactly.
        let md = "// ANCHOR: main\nx();\n// ANCHOR_END: main\n";
        assert_eq!(
            region(md, Some("Main")),
            Err(SnippetError::NoRegion("Main".into()))
        );
        // Directive keywords in any case.
        let odd = "#REGION Odd\ny();\n#EndRegion\n";
        assert_eq!(region(odd, Some("odd")).unwrap(), ["y();"]);
    }

    #[test]
    fn unnamed_regions_still_pair_with_their_endregion() {
        // The unnamed `#region` must take the first `#endregion`, or `main`
        // would end one line early.
        let text = "#region\nclass A\n{\n    #region main\n    void M()\n    {\n        #region\n        x();\n        #endregion\n    }\n    #endregion\n}\n#endregion\n";
        assert_eq!(
            region(text, Some("main")).unwrap(),
            ["    void M()", "    {", "        x();", "    }"]
        );
        assert_eq!(region_names(text), ["main"]);
    }

    #[test]
    fn region_markers_never_show() {
        let whole = region(CSHARP, None).unwrap();
        assert!(
            whole
                .iter()
                .all(|l| !l.contains("#region") && !l.contains("#endregion"))
        );
        assert_eq!(whole.len(), CSHARP.lines().count() - 6);
        let inner = region(CSHARP, Some("Declarations")).unwrap();
        assert!(inner.iter().all(|l| !l.contains("region")));
        // A stray `#endregion` is hidden and closes nothing.
        let stray = "#endregion\n#region A\na\n#endregion\n";
        assert_eq!(region(stray, None).unwrap(), ["a"]);
        assert_eq!(region(stray, Some("A")).unwrap(), ["a"]);
    }

    #[test]
    fn unterminated_region_names_the_region_and_its_line() {
        let text = "class A\n{\n    #region Declarations\n    int x;\n}\n";
        let err = region(text, Some("Declarations")).unwrap_err();
        assert_eq!(
            err,
            SnippetError::UnclosedRegion {
                name: "Declarations".into(),
                line: 3,
                opening: "#region Declarations".into(),
            }
        );
        let message = err.to_string();
        assert!(message.contains("`Declarations`"), "{message}");
        assert!(message.contains("line 3"), "{message}");
        assert!(message.contains("`#endregion`"), "{message}");
        let vb = "#Region \"Main\"\nx\n";
        let message = region(vb, Some("Main")).unwrap_err().to_string();
        assert!(message.contains("`#End Region`"), "{message}");
        // The inner `#endregion` closes only the inner region.
        let nested = "#region Outer\n#region Inner\nx\n#endregion\n";
        assert!(matches!(
            region(nested, Some("Outer")),
            Err(SnippetError::UnclosedRegion { line: 1, .. })
        ));
    }

    #[test]
    fn vb_regions_and_comment_markers() {
        let vb = "Module M\n    #Region \"Main\"\n    Sub Main()\n        ' <Call>\n        Run()\n        ' </Call>\n    End Sub\n    #End Region\n    #region \"Lower\"\n    Dim x\n    #end region\nEnd Module\n";
        assert_eq!(
            region(vb, Some("Main")).unwrap(),
            ["    Sub Main()", "        Run()", "    End Sub"]
        );
        assert_eq!(region(vb, Some("main")).unwrap().len(), 3);
        assert_eq!(region(vb, Some("Call")).unwrap(), ["        Run()"]);
        assert_eq!(region(vb, Some("Lower")).unwrap(), ["    Dim x"]);
        assert_eq!(region_names(vb), ["Main", "Call", "Lower"]);
        assert!(
            region(vb, None)
                .unwrap()
                .iter()
                .all(|l| !l.contains("Region") && !l.contains("region") && !l.contains('<'))
        );
    }

    #[test]
    fn lookalikes_are_not_region_markers() {
        // `# region` is a shell or TOML comment; `#regions` and `#endif` are
        // other words.
        for line in [
            "# region = \"us-east-1\"",
            "# End Region",
            "#regions",
            "#endif",
            "#endregions",
            "#[region]",
            "#",
            "#é",
        ] {
            assert!(marker(line).is_none(), "{line}");
        }
        assert_eq!(marker("#region"), Some(Marker::Region("")));
        assert_eq!(marker("  #endregion Foo  "), Some(Marker::EndRegion));
        assert_eq!(marker("#endregion// x"), Some(Marker::EndRegion));
    }

    #[test]
    fn docfx_snippet_prefix_is_tried_second() {
        let text = "// <snippetMain>\nx();\n// </snippetMain>\n";
        assert_eq!(region(text, Some("Main")).unwrap(), ["x();"]);
        assert_eq!(
            region(text, Some("Other")),
            Err(SnippetError::NoRegion("Other".into()))
        );
    }

    #[test]
    fn dedent_removes_at_most_n_spaces() {
        let lines = [
            "        static void Main()",
            "        {",
            "            x();",
            "",
            "    }",
        ];
        assert_eq!(
            dedent_by(&lines, 8),
            ["static void Main()", "{", "    x();", "", "}"]
        );
        // Larger than any indentation: every line loses all it has.
        assert_eq!(
            dedent_by(&lines, 40),
            ["static void Main()", "{", "x();", "", "}"]
        );
        assert_eq!(dedent_by(&lines, 0), lines);
        // A tab reaches the next multiple of 4 columns, as in DocFX.
        assert_eq!(
            dedent_by(&["\tx", " \ty", "\t\tz"], 3),
            [" x", " y", "     z"]
        );
        // Combined with a region: only what is asked for goes.
        let cut = region(CSHARP, Some("Imports")).unwrap();
        assert_eq!(
            dedent_by(&cut, 2),
            [
                "  [DllImport(\"user32.dll\")]",
                "  static extern int MessageBox();"
            ]
        );
    }

    #[test]
    fn dedent_values_parse_like_docfx() {
        assert_eq!(parse_dedent("8"), Ok(Some(8)));
        assert_eq!(parse_dedent(" 0 "), Ok(Some(0)));
        assert_eq!(parse_dedent("-4"), Ok(None));
        assert_eq!(parse_dedent("-0"), Ok(Some(0)));
        assert_eq!(
            parse_dedent("99999999999999999999999"),
            Ok(Some(usize::MAX))
        );
        for bad in ["", "x", "4.5", "-", "8 spaces"] {
            assert_eq!(
                parse_dedent(bad),
                Err(SnippetError::BadDedent(bad.into())),
                "{bad}"
            );
        }
    }
}
