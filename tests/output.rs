//! The shape of the built site: stable bytes, site-wide pages, navigation, assets.

mod common;

use common::{Fixture, between, seed_site, tree_hashes};

fn nav_site() -> Fixture {
    Fixture::with(&[
        ("content/en/index.md", "---\ntitle: Home\n---\n# Home\n"),
        (
            "content/en/zeta.md",
            "---\ntitle: Zeta first\norder: 1\n---\n",
        ),
        ("content/en/alpha.md", "---\ntitle: Alpha\n---\n"),
        ("content/en/beta.md", "---\ntitle: beta\n---\n"),
        (
            "content/en/guide/index.md",
            "---\ntitle: Guide\norder: 2\n---\n",
        ),
        ("content/en/guide/one.md", "# One from the heading\n"),
        (
            "content/en/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("content/en/pic.md", "![logo](img/logo.svg)\n"),
        ("content/fr/pic.md", "![logo](img/logo.svg)\n"),
    ])
}

#[test]
fn two_builds_are_byte_identical() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    let first = tree_hashes(&site.out());
    site.build(&[]).assert_ok();
    assert_eq!(tree_hashes(&site.out()), first);
    // A different output folder gets the same bytes too: nothing depends on paths or time.
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("site");
    site.build(&["--out", out.to_str().unwrap()]).assert_ok();
    assert_eq!(tree_hashes(&out), first);
}

#[test]
fn sidebar_follows_order_then_title_and_marks_the_current_page() {
    let site = nav_site();
    site.build(&[]).assert_ok();
    let html = site.page("en/guide/one.html");
    let nav = between(&html, "<nav id=\"sidebar\"", "</nav>");
    let titles: Vec<&str> = nav
        .split("\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert_eq!(
        titles,
        [
            "Home",
            "Zeta first",
            "Guide",
            "One from the heading",
            "Alpha",
            "beta",
            "pic"
        ],
        "{nav}"
    );
    assert!(
        nav.contains("<a href=\"../../en/guide/one.html\" data-topic=\"")
            && nav.contains("aria-current=\"page\">One from the heading</a>"),
        "{nav}"
    );
    assert_eq!(nav.matches("aria-current").count(), 1);
    // Every locale has the whole tree (fallbacks included).
    let ko = site.page("ko/alpha.html");
    assert!(ko.contains(">Zeta first</a>"));
}

#[test]
fn content_files_are_copied_and_fallbacks_link_to_the_source_copy() {
    let site = nav_site();
    site.build(&[]).assert_ok();
    assert!(site.out().join("en/img/logo.svg").is_file());
    assert!(site.page("en/pic.html").contains("src=\"img/logo.svg\""));
    // fr has no copy of the image: its page uses the English one.
    assert!(
        site.page("fr/pic.html")
            .contains("src=\"../en/img/logo.svg\"")
    );
}

#[test]
fn root_pages_sitemap_and_hashed_assets() {
    let site = nav_site();
    site.build(&["--base-url", "https://example.org/docs"])
        .assert_ok();

    let index = site.page("index.html");
    for (dir, name) in [
        ("en", "English"),
        ("fr", "Français"),
        ("ko", "한국어"),
        ("pt-br", "Português (Brasil)"),
        ("zh-tw", "繁體中文"),
    ] {
        assert!(
            index.contains(&format!("<a href=\"{dir}/index.html\"")),
            "{dir}"
        );
        assert!(index.contains(name));
    }
    assert!(
        index.contains("navigator.languages"),
        "the chooser picks the browser's language"
    );
    assert!(index.contains("\"href\":\"zh-tw/index.html\""));

    let not_found = site.page("404.html");
    assert!(
        not_found.contains("href=\"/docs/en/index.html\""),
        "404 links start at the site path: {not_found}"
    );
    assert!(not_found.contains("href=\"/docs/static/style."));

    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/docs/en/alpha.html</loc>"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/docs/fr/pic.html\"/>"));
    assert!(
        !sitemap.contains("<loc>https://example.org/docs/fr/alpha.html</loc>"),
        "fallbacks are not listed"
    );

    let page = site.page("en/alpha.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.org/docs/en/alpha.html\">")
    );
    assert!(page.contains("hreflang=\"en\" href=\"https://example.org/docs/en/alpha.html\""));
    let fallback = site.page("fr/alpha.html");
    assert!(
        fallback
            .contains("<link rel=\"canonical\" href=\"https://example.org/docs/en/alpha.html\">")
    );
    // Internal links stay relative whatever the base URL.
    assert!(page.contains("href=\"../static/style."));
    let css = between(&page, "href=\"../static/", "\"");
    assert!(
        css.starts_with("style.")
            && css.ends_with(".css")
            && css.len() == "style.12345678.css".len(),
        "{css}"
    );
    assert!(site.out().join("static").join(css).is_file());
}

#[test]
fn a_site_without_index_pages_gets_generated_homes() {
    let site = Fixture::with(&[
        ("content/en/only.md", "# Only\n"),
        ("content/ko/only.md", "# 유일\n"),
    ]);
    site.build(&[]).assert_ok();
    for dir in ["en", "fr", "ko", "pt-br", "zh-tw"] {
        let home = site.page(&format!("{dir}/index.html"));
        assert!(home.contains("<h1>"), "{dir}");
        assert!(
            home.contains("only.html"),
            "{dir}: the sidebar lists the topic"
        );
    }
    assert!(site.page("en/index.html").contains("One topic"));
}

#[test]
fn front_matter_values_are_escaped() {
    let site = Fixture::with(&[(
        "content/en/x.md",
        "---\ntitle: \"<script>alert(1)</script> & co\"\ndescription: '\"quoted\" <b>'\n---\nText\n",
    )]);
    site.build(&[]).assert_ok();
    let html = site.page("en/x.html");
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; co")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{html}"
    );
    assert!(!html.contains("content=\"\"quoted\""));
}
