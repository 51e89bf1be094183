//! A DocFX docset builds as it is: tests/fixtures/docfx (en, fr, ko; see its
//! README for where each construct is) is built once with `--strict`, and
//! each test reads the HTML of one construct.

mod common;

use std::sync::OnceLock;

use common::{Fixture, Run};

fn built() -> &'static (Fixture, Run) {
    static BUILT: OnceLock<(Fixture, Run)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let f = Fixture::copy_of("docfx");
        let run = f.build(&["--strict"]);
        (f, run)
    })
}

/// The article of a built page, highlighting spans removed.
fn article(path: &str) -> String {
    let page = built().0.page(path);
    let start = page.find("<article").unwrap_or(0);
    let end = page.find("</article>").unwrap_or(page.len());
    let mut out = String::new();
    let mut rest = &page[start..end];
    while let Some(at) = rest.find("<span") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("</span>", "")
}

const LOCALES: [&str; 3] = ["en", "fr", "ko"];

#[track_caller]
fn has(html: &str, needle: &str) {
    assert!(html.contains(needle), "missing {needle:?} in:\n{html}");
}

#[test]
fn the_docset_builds_under_strict_with_only_the_unknown_xref_reported() {
    let (_, run) = built();
    run.assert_ok();
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 3, "{diags:#?}");
    for (d, locale) in diags.iter().zip(LOCALES) {
        assert!(
            d.starts_with(&format!(
                "warning: content/{locale}/docs/pinvoke/strings.md:"
            )) && d.contains("System.NotInTheMap"),
            "{d}"
        );
    }
}

#[test]
fn alerts_have_localized_titles() {
    let titles = [
        ("en", ["Note", "Important", "Warning", "Tip", "Caution"]),
        (
            "fr",
            [
                "Remarque",
                "Important",
                "Avertissement",
                "Conseil",
                "Attention",
            ],
        ),
        ("ko", ["참고", "중요", "경고", "팁", "주의"]),
    ];
    for (locale, [note, important, warning, tip, caution]) in titles {
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(
            &overview,
            &format!(
                "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">{note}</p>"
            ),
        );
        has(
            &overview,
            &format!("<p class=\"alert-title\">{important}</p>"),
        );
        let strings = article(&format!("{locale}/docs/pinvoke/strings.html"));
        has(&strings, &format!("<p class=\"alert-title\">{warning}</p>"));
        // The tip inside a list item stays inside it.
        let tip_at = strings
            .find(&format!("<p class=\"alert-title\">{tip}</p>"))
            .expect("tip");
        let li_open = strings[..tip_at].rfind("<li>").expect("li");
        assert!(
            !strings[li_open..tip_at].contains("</li>"),
            "tip outside its list item"
        );
        let callbacks = article(&format!("{locale}/docs/pinvoke/callbacks.html"));
        has(
            &callbacks,
            &format!("<p class=\"alert-title\">{caution}</p>"),
        );
    }
}

#[test]
fn div_and_video_blocks() {
    for locale in LOCALES {
        let strings = article(&format!("{locale}/docs/pinvoke/strings.html"));
        has(
            &strings,
            "<div class=\"nextstepaction\">\n<p><a href=\"callbacks.html\">",
        );
        let rust = article(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        has(&rust, "<div class=\"checklist\">\n<ul>\n<li>");
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(
            &overview,
            "<div class=\"video\">\n<p><a href=\"https://www.youtube.com/embed/abc123\" class=\"video-link\">",
        );
        assert!(!overview.contains("<iframe"));
    }
}

#[test]
fn includes_are_rendered_in_the_page_with_links_from_the_include_file() {
    for locale in LOCALES {
        let callbacks = article(&format!("{locale}/docs/pinvoke/callbacks.html"));
        // The include's link, written as ../docs/pinvoke/overview.md in
        // includes/, leads to the sibling page.
        has(&callbacks, "<li>");
        has(&callbacks, "<a href=\"overview.html\">");
        // ~/ from the locale root, from a page in another folder.
        let rust = article(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        has(&rust, "<a href=\"../pinvoke/overview.html\">");
    }
    // The inline include sits inside its sentence; fr has no preview-note.md
    // and takes the English one.
    has(
        &article("en/docs/pinvoke/callbacks.html"),
        "is in preview <em>(see the textkit release notes for its current status)</em> and may change.</p>",
    );
    has(
        &article("fr/docs/pinvoke/callbacks.html"),
        "<em>(see the textkit release notes for its current status)</em> et peut changer.</p>",
    );
    let ko = article("ko/docs/pinvoke/callbacks.html");
    assert!(
        !ko.contains("see the textkit release notes"),
        "ko has its own include"
    );
    // Include files are not pages.
    assert!(!built().0.out().join("en/includes").exists());
}

#[test]
fn code_includes_cut_dotnet_regions_ranges_and_dedent() {
    for locale in LOCALES {
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(&overview, "<code class=\"language-csharp\">");
        has(&overview, "<code class=\"language-vb\">");
        for marker in [
            "#region",
            "#endregion",
            "#Region",
            "#End Region",
            "// &lt;Main&gt;",
            "&#39; &lt;Main&gt;",
        ] {
            assert!(!overview.contains(marker), "{marker} shown in {locale}");
        }
        let callbacks = article(&format!("{locale}/docs/pinvoke/callbacks.html"));
        // dedent=8 on a region indented by 8, its body by 12.
        has(
            &callbacks,
            "private static void Main()\n{\n    const string text",
        );
        // The VB ' <Main> region.
        has(&callbacks, "Sub Main()");
        let strings = article(&format!("{locale}/docs/pinvoke/strings.html"));
        // #L5-L12: the first listing of the page has those 8 lines.
        let listing = &strings[strings
            .find("<code class=\"language-csharp\">")
            .expect("listing")..];
        let listing = &listing[..listing.find("</code>").expect("end")];
        assert_eq!(listing.trim_end().lines().count(), 8, "{listing}");
        let rust = article(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        has(&rust, "<code class=\"language-rust\">");
        has(&rust, "#[no_mangle]");
    }
}

#[test]
fn tabs_are_panels_linked_by_stable_ids() {
    let titles = [
        ("en", ["Linux", "macOS", "Windows"]),
        ("fr", ["Sous Linux", "Sous macOS", "Sous Windows"]),
        ("ko", ["Linux에서", "macOS에서", "Windows에서"]),
    ];
    for (locale, names) in titles {
        let page = article(&format!("{locale}/docs/pinvoke/callbacks.html"));
        has(
            &page,
            "<div class=\"tabgroup\" data-tabgroup>\n<div class=\"tablist\" role=\"tablist\">",
        );
        for (id, name) in ["linux", "macos", "windows"].iter().zip(names) {
            has(
                &page,
                &format!("href=\"#tab/{id}\" aria-controls=\"tab/{id}\""),
            );
            has(&page, &format!(">{name}</a>"));
            has(
                &page,
                &format!(
                    "<section class=\"tabpanel\" role=\"tabpanel\" id=\"tab/{id}\" aria-labelledby=\"tab/{id}-tab\">\n<p class=\"tabpanel-title\">{name}</p>"
                ),
            );
        }
        // The group ends at `---`: no rule is drawn.
        let group = &page[page.find("data-tabgroup").expect("group")..];
        assert!(!group[..group.find("</section>\n</div>").expect("end")].contains("<hr"));
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(&overview, "href=\"callbacks.html#tab/windows\"");
    }
}

#[test]
fn images_rows_and_columns() {
    for locale in LOCALES {
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(
            &overview,
            "<p><img src=\"../../media/architecture.png\" alt=\"",
        );
        has(
            &overview,
            "<div class=\"row\">\n<div class=\"column\">\n<p><strong>",
        );
        let rust = article(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        has(&rust, "<img src=\"../../media/architecture.png\"");
    }
    // The complex image keeps its long description for screen readers; fr
    // has no callback-flow.png and shows the English one.
    let en = article("en/docs/pinvoke/callbacks.html");
    has(
        &en,
        "<div class=\"image-complex\">\n<p><img src=\"../../media/callback-flow.png\"",
    );
    has(&en, "<div class=\"visually-hidden\">\n<p>The C# code calls");
    has(
        &article("fr/docs/pinvoke/callbacks.html"),
        "<img src=\"../../../en/media/callback-flow.png\"",
    );
    has(
        &article("ko/docs/pinvoke/callbacks.html"),
        "<img src=\"../../media/callback-flow.png\"",
    );
    let out = built().0.out();
    assert!(out.join("en/media/callback-flow.png").is_file());
    assert!(!out.join("fr/media/callback-flow.png").exists());
}

#[test]
fn xrefs_resolve_through_the_xref_map_or_show_as_code() {
    for locale in LOCALES {
        let strings = article(&format!("{locale}/docs/pinvoke/strings.html"));
        has(
            &strings,
            "<a href=\"https://learn.microsoft.com/dotnet/api/system.string\">String</a>",
        );
        has(&strings, ">Marshal.PtrToStringUTF8</a>");
        has(&strings, "<code>System.NotInTheMap</code>");
        let overview = article(&format!("{locale}/docs/pinvoke/overview.html"));
        has(
            &overview,
            "href=\"https://learn.microsoft.com/dotnet/api/system.runtime.interopservices.dllimportattribute\"",
        );
        let callbacks = article(&format!("{locale}/docs/pinvoke/callbacks.html"));
        has(&callbacks, "<a href=\"strings.html\">");
    }
}

#[test]
fn html_entities_escapes_and_breaks_render_as_docfx_renders_them() {
    for locale in LOCALES {
        let strings = article(&format!("{locale}/docs/pinvoke/strings.html"));
        has(&strings, "<a name=\"marshaling-rules\"></a>");
        has(&strings, "<sup>1</sup>");
        has(&strings, "<table");
        // `&#124;` in a Markdown table cell is a pipe inside one cell.
        let pipe = strings.find(" | ").expect("pipe");
        let cell = &strings[strings[..pipe].rfind("<td>").expect("td")..];
        assert!(
            cell[..cell.find("</td>").expect("end")].contains(" | "),
            "pipe entity in {locale}"
        );
        has(&strings, "<br />");
        has(&strings, "[in]");
        assert!(
            !strings.contains("\\["),
            "backslash escape shown in {locale}"
        );
        // List items holding a fenced block and a table.
        let li = &strings[strings.find("<li>").expect("li")..];
        assert!(li.find("<pre") < li.find("</li>"), "{locale}");
        has(&strings, "</table>\n</li>");
    }
}

#[test]
fn crlf_bom_and_tabs() {
    for locale in LOCALES {
        let page = built()
            .0
            .page(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        assert!(
            !page.contains('\r') && !page.contains('\u{feff}'),
            "{locale}"
        );
        let body = article(&format!("{locale}/docs/rust/call-rust-from-csharp.html"));
        has(&body, "<h1 id=");
        assert!(
            body.contains("\n\t"),
            "tabs kept in the makefile block ({locale})"
        );
    }
}

#[test]
fn front_matter_title_suffix_and_tocs() {
    for locale in LOCALES {
        let page = built()
            .0
            .page(&format!("{locale}/docs/pinvoke/strings.html"));
        let title =
            &page[page.find("<title>").expect("title")..page.find("</title>").expect("end")];
        assert!(title.contains(" - "), "titleSuffix in {locale}: {title}");
        // The toc (toc.md in en, toc.yml in fr and ko) orders the sidebar.
        let sidebar = &page[page.find("<nav id=\"sidebar\"").expect("sidebar")..];
        let a = sidebar.find("overview.html").expect("overview");
        let b = sidebar.find("strings.html").expect("strings");
        let c = sidebar.find("call-rust-from-csharp.html").expect("rust");
        assert!(a < b && b < c, "toc order in {locale}");
    }
    // The machine translation and the localization keys reach the status page.
    let status = built().0.page("translation-status.html");
    has(&status, "machine");
}

#[test]
fn no_docfx_syntax_leaks_into_the_site() {
    let out = built().0.out();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("read");
        // The text a reader sees: tags removed, entities of < and > decoded.
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.replace("&lt;", "<").replace("&gt;", ">");
        for leak in [
            "[!NOTE",
            "[!TIP",
            "[!code-",
            "[!INCLUDE",
            "[!include",
            "[!div",
            "[!Video",
            ":::",
            "#tab/",
            "<xref:",
            "xref:",
        ] {
            assert!(
                !text.contains(leak),
                "{} shows {leak:?}",
                entry.path().display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} pages");
}

#[test]
fn keep_going_writes_a_site_with_errors_marked() {
    let f = Fixture::with(&[
        ("site.toml", "locales = ['en', 'fr']\n"),
        (
            "content/en/index.md",
            "# Home\n\nSee [the guide](missing.md) and [the other](other.md).\n\n[!code-csharp[Main](../../snippets/Gone.cs#Main)]\n",
        ),
        ("content/en/other.md", "# Other\n"),
    ]);
    let before = f.build(&[]);
    assert_eq!(before.code, 1);
    assert!(!f.out().exists(), "without --keep-going nothing is written");

    let run = f.build(&["--keep-going"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.diagnostics()
            .iter()
            .filter(|d| d.starts_with("error"))
            .count(),
        2,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("with --keep-going"), "{}", run.stderr);
    let home = f.page("en/index.html");
    assert!(
        home.contains("<span class=\"broken-link\">the guide</span>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"other.html\">the other</a>"));
    assert!(
        home.contains("This listing could not be included from ../../snippets/Gone.cs."),
        "{home}"
    );
    let fr = f.page("fr/index.html");
    assert!(
        fr.contains("Impossible d’inclure cet extrait de ../../snippets/Gone.cs."),
        "{fr}"
    );
}

#[test]
fn landing_pages_and_nested_tocs_are_skipped_with_a_warning() {
    let f = Fixture::with(&[
        ("site.toml", "locales = ['en']\n"),
        ("content/en/index.md", "# Home\n"),
        ("content/en/guide/a.md", "# A\n"),
        (
            "content/en/index.yml",
            "### YamlMime:Landing\ntitle: Home\n",
        ),
        ("content/en/guide/index.yml", "### YamlMime:Landing\n"),
        ("content/en/guide/toc.yml", "- name: A\n  href: a.md\n"),
        ("content/en/guide/toc.md", "# [A](a.md)\n"),
    ]);
    let run = f.build(&[]);
    run.assert_ok();
    let diags = run.diagnostics();
    assert_eq!(
        diags,
        [
            "warning: content/en/guide/index.yml: YAML landing pages are not supported; skipped",
            "warning: content/en/guide/toc.md: a table of contents in a subfolder is not read; skipped",
            "warning: content/en/guide/toc.yml: a table of contents in a subfolder is not read; skipped",
            "warning: content/en/index.yml: YAML landing pages are not supported; skipped",
        ],
        "{}",
        run.stderr
    );
    for skipped in [
        "en/index.yml",
        "en/guide/index.yml",
        "en/guide/toc.yml",
        "en/guide/toc.html",
        "en/guide/toc.md",
    ] {
        assert!(!f.out().join(skipped).exists(), "{skipped} was published");
    }
}

#[test]
fn status_shows_the_source_commit_of_docfx_translations() {
    let f = Fixture::copy_of("docfx");
    let run = common::interdoc(
        &["status", "--root", f.root().to_str().expect("utf-8")],
        f.root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = format!("{}{}", run.stdout, run.stderr);
    assert!(
        text.contains("docs/pinvoke/callbacks.md (machine-assisted) (from source commit"),
        "{text}"
    );
}

#[test]
fn docset_relative_links_find_the_docset_folder_or_its_contents() {
    let f = Fixture::with(&[
        ("site.toml", "locales = ['en']\n"),
        // The repository's docs/ folder is the locale folder here.
        (
            "content/en/standard/interop/a.md",
            "# A\n\n[B](../../../docs/standard/interop/b.md) and [C](../../../docs/gone.md).\n",
        ),
        ("content/en/standard/interop/b.md", "# B\n"),
    ]);
    let run = f.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.diagnostics(),
        [
            "error: content/en/standard/interop/a.md:3:46: link `../../../docs/gone.md` (\"C\"): climbs out of its locale folder"
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("there is no docs/gone.md either"),
        "{}",
        run.stderr
    );
    f.build(&["--keep-going"]);
    assert!(
        f.page("en/standard/interop/a.html")
            .contains("<a href=\"b.html\">B</a>")
    );
}
