//! DocFX xrefs: uids of other docsets resolve through the xref maps site.toml
//! lists; an xref that names nothing is shown as code and warned about, and
//! that warning fails `--strict` only with `[xref] strict = true`.

mod common;

use common::{Fixture, between};

const API: &str = "https://learn.microsoft.com/dotnet/api/";

/// A DocFX map with `baseUrl`, as published for the .NET API.
const DOTNET_MAP: &str = "### YamlMime:XRefMap
sorted: true
baseUrl: https://learn.microsoft.com/dotnet/api/
references:
- uid: System.String
  name: String
  href: system.string
  commentId: T:System.String
  fullName: System.String
  nameWithType: String
- uid: System.String.Length
  name: Length
  href: system.string.length
  commentId: P:System.String.Length
  fullName: System.String.Length
  nameWithType: String.Length
- uid: System.Runtime.InteropServices.Marshal.PtrToStringUTF8*
  name: PtrToStringUTF8
  href: system.runtime.interopservices.marshal.ptrtostringutf8
  commentId: Overload:System.Runtime.InteropServices.Marshal.PtrToStringUTF8
  isSpec: \"True\"
  fullName: System.Runtime.InteropServices.Marshal.PtrToStringUTF8
  nameWithType: Marshal.PtrToStringUTF8
- uid: guide-setup
  name: The map's page, which the site's own topic overrides
  href: https://elsewhere.test/setup
- uid: System.Span`1
  name: Span<T>
";

/// A map without `baseUrl` in a folder of the site: its relative hrefs start
/// from that folder, mirrored in the output.
const LOCAL_MAP: &str = "references:
- uid: Local.Api
  name: LocalApi
  href: ../en/api/local.html#top
";

const PAGE: &str = "---
title: Xrefs
---

1. <xref:System.String>
2. <xref:System.String.Length?displayProperty=nameWithType>
3. <xref:System.String.Length?displayProperty=fullName> and <xref:System.String.Length>
4. <xref:System.Runtime.InteropServices.Marshal.PtrToStringUTF8%2A>
5. [the string type](xref:System.String)
6. See @System.String and @\"System.String?text=string\".
7. <xref:guide-setup> and [setup](xref:guide-setup)
8. [](xref:System.String?title=String+Class)
9. <xref:Local.Api>
10. <xref:System.Span%601>
11. <xref:System.Strng>, [my text](xref:No.Such.Uid) and @nothing.here
12. <a href=\"xref:System.String\">raw</a>
";

fn site_toml(strict: Option<bool>) -> String {
    let mut toml =
        "locales = ['en']\n\n[xref]\nmaps = ['xrefmap.yml', 'maps/local.yml']\n".to_string();
    if let Some(strict) = strict {
        toml.push_str(&format!("strict = {strict}\n"));
    }
    toml
}

fn site(strict: Option<bool>) -> Fixture {
    Fixture::with(&[
        ("site.toml", &site_toml(strict)),
        ("xrefmap.yml", DOTNET_MAP),
        ("maps/local.yml", LOCAL_MAP),
        (
            "content/en/index.md",
            "---\ntitle: Home\nuid: home\n---\n\n# Home\n",
        ),
        (
            "content/en/guide/setup.md",
            "---\ntitle: Setting up\nuid: guide-setup\n---\n\n# Setting up\n",
        ),
        ("content/en/guide/xref.md", PAGE),
    ])
}

const UNKNOWN_STRNG: &str = "warning: content/en/guide/xref.md:15:5: link `xref:System.Strng`: unknown xref `System.Strng`: no topic or xref map has this uid, so it is shown as text";
const UNKNOWN_WITH_TEXT: &str = "warning: content/en/guide/xref.md:15:26: link `xref:No.Such.Uid` (\"my text\"): unknown xref `No.Such.Uid`: no topic or xref map has this uid, so it is shown as text";

#[test]
fn every_xref_form_renders() {
    let site = site(None);
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        run.diagnostics(),
        [UNKNOWN_STRNG, UNKNOWN_WITH_TEXT],
        "\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{UNKNOWN_STRNG}\n  hint: did you mean `System.String`?"
        )),
        "{}",
        run.stderr
    );
    let html = site.page("en/guide/xref.html");
    let article = between(&html, "<article", "</article>");
    let list = between(article, "<ol>", "</ol>");
    let items: Vec<&str> = list
        .split("<li>")
        .skip(1)
        .map(|i| i.trim_end().trim_end_matches("</li>"))
        .collect();
    let string = format!("{API}system.string");
    let length = format!("{API}system.string.length");
    let expected = [
        format!("<a href=\"{string}\">String</a>"),
        format!("<a href=\"{length}\">String.Length</a>"),
        format!(
            "<a href=\"{length}\">System.String.Length</a> and <a href=\"{length}\">Length</a>"
        ),
        format!(
            "<a href=\"{API}system.runtime.interopservices.marshal.ptrtostringutf8\">PtrToStringUTF8</a>"
        ),
        format!("<a href=\"{string}\">the string type</a>"),
        format!("See <a href=\"{string}\">String</a> and <a href=\"{string}\">string</a>."),
        // The site's own uid wins over the map's entry.
        "<a href=\"setup.html\">Setting up</a> and <a href=\"setup.html\">setup</a>".to_string(),
        format!("<a href=\"{string}\" title=\"String Class\">String</a>"),
        "<a href=\"../api/local.html#top\">LocalApi</a>".to_string(),
        // In the map, but without a URL: its name, as text.
        "<code>Span&lt;T&gt;</code>".to_string(),
        "<code>System.Strng</code>, <code>my text</code> and @nothing.here".to_string(),
        format!("<a href=\"{string}\">raw</a>"),
    ];
    assert_eq!(items.len(), expected.len(), "{list}");
    for (n, (item, want)) in items.iter().zip(&expected).enumerate() {
        assert_eq!(item, want, "item {}", n + 1);
    }
}

#[test]
fn strict_counts_unresolved_xrefs_only_when_the_site_asks() {
    // Default (`strict` not written) and `strict = false`: --strict passes,
    // the warnings are still shown, and the summary says why they did not count.
    for strict in [None, Some(false)] {
        let site = site(strict);
        let run = site.build(&["--strict"]);
        run.assert_ok();
        assert_eq!(run.diagnostics(), [UNKNOWN_STRNG, UNKNOWN_WITH_TEXT]);
        assert!(
            run.stderr
                .contains("0 error(s), 2 warning(s) (2 not counted by --strict): built"),
            "{}",
            run.stderr
        );
        assert!(site.out().join("en/guide/xref.html").is_file());
    }
    let site = site(Some(true));
    let run = site.build(&["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.diagnostics(), [UNKNOWN_STRNG, UNKNOWN_WITH_TEXT]);
    assert!(
        run.stderr
            .contains("0 error(s), 2 warning(s): build failed: warnings are errors under --strict"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
    // Without --strict they stay warnings.
    site.build(&[]).assert_ok();
}

#[test]
fn broken_maps_are_errors_naming_the_file_and_the_build_goes_on() {
    let site = site(None);
    site.write(
        "site.toml",
        "locales = ['en']\n[xref]\nmaps = ['missing.yml', 'maps/bad.yml', 'xrefmap.yml', 'maps/base.yml']\n",
    );
    site.write(
        "maps/bad.yml",
        "references:\n- uid: A\n  name: [unclosed\n- uid: B\n",
    );
    site.write(
        "maps/base.yml",
        "baseUrl: api/\nreferences:\n- uid: Local.Api\n  href: a.html\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diags = run.diagnostics();
    // Sorted by file: the page's warnings come first.
    let (warnings, errors) = diags.split_at(3);
    assert_eq!(
        errors,
        [
            "error: maps/bad.yml:3:9: invalid xref map: references[0].name: invalid type: sequence, expected a string",
            "error: maps/base.yml:1:1: baseUrl `api/` is not an absolute URL",
            "error: missing.yml: cannot read the xref map: No such file or directory (os error 2)",
        ],
        "{diags:#?}"
    );
    // The good map still resolves; the rest of the site is still checked.
    assert!(
        warnings[0].contains("unknown xref `Local.Api`"),
        "{diags:#?}"
    );
    assert_eq!(warnings[1..], [UNKNOWN_STRNG, UNKNOWN_WITH_TEXT]);
    assert!(
        run.stderr
            .contains("hint: `[xref] maps` in site.toml lists it")
    );
}

#[test]
fn a_repeated_uid_warns_and_the_first_map_wins() {
    let site = site(None);
    site.write(
        "maps/local.yml",
        "references:\n- uid: Local.Api\n  href: ../en/api/local.html#top\n- uid: System.String\n  name: Other\n  href: https://other.test/string\n",
    );
    let run = site.build(&["--strict"]);
    run.assert_ok();
    let repeated = "warning: maps/local.yml: uid `System.String` is already defined by xrefmap.yml; the first definition wins";
    assert!(run.diagnostics().contains(&repeated), "{}", run.stderr);
    let html = site.page("en/guide/xref.html");
    assert!(html.contains(&format!("<a href=\"{API}system.string\">String</a>")));
    assert!(!html.contains("other.test"));
    // With [xref] strict, the repeat counts under --strict too.
    site.write("site.toml", &site_toml(Some(true)));
    assert_eq!(site.build(&["--strict"]).code, 1);
}

#[test]
fn a_site_without_maps_hints_at_them_and_keeps_its_config_strict() {
    let site = Fixture::with(&[
        ("site.toml", "locales = ['en']\n"),
        (
            "content/en/index.md",
            "---\ntitle: Home\n---\n\nSee <xref:System.String>.\n",
        ),
    ]);
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        run.diagnostics(),
        [
            "warning: content/en/index.md:5:5: link `xref:System.String`: unknown xref `System.String`: no topic or xref map has this uid, so it is shown as text"
        ]
    );
    assert!(
        run.stderr.contains(
            "hint: uids of other docsets resolve through DocFX xref maps: `[xref] maps = [\"xrefmap.yml\"]` in site.toml"
        ),
        "{}",
        run.stderr
    );
    assert!(
        site.page("en/index.html")
            .contains("<p>See <code>System.String</code>.</p>")
    );
    // Unknown keys of the table are errors, as everywhere in site.toml.
    site.write("site.toml", "locales = ['en']\n[xref]\nmap = ['x.yml']\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diags = run.diagnostics();
    assert!(
        diags[0].starts_with("error: site.toml:3:1: unknown field `map`"),
        "{diags:?}"
    );
}
