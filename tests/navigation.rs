//! Navigation: toc.yml (per locale, or the source locale's with localized
//! titles), breadcrumbs, previous/next and the keyword index, in every locale.

mod common;

use common::{Fixture, between};

const EN_TOC: &str = "\
- name: Home
  href: index.md
- name: Guide
  href: guide/index.md
  items:
    - name: Setup (toc name)
      href: guide/setup.md
    - href: guide/usage.md
- name: Reference
  items:
    - name: API
      href: ref/api.md
- name: Rust
  href: https://www.rust-lang.org/
";

fn site() -> Fixture {
    Fixture::with(&[
        ("content/en/toc.yml", EN_TOC),
        (
            "content/en/index.md",
            "---\ntitle: Home\nkeywords: [zebra, apple]\n---\n",
        ),
        ("content/en/guide/index.md", "---\ntitle: Guide\n---\n"),
        (
            "content/en/guide/setup.md",
            "---\ntitle: Setting up\nkeywords: [Installation, apple]\n---\n",
        ),
        ("content/en/guide/usage.md", "---\ntitle: Usage\n---\n"),
        ("content/en/ref/api.md", "---\ntitle: API reference\n---\n"),
        (
            "content/fr/guide/setup.md",
            "---\ntitle: Installation\nkeywords: [zèbre, étape, exemple]\n---\n",
        ),
        (
            "content/ko/toc.yml",
            "- name: 홈\n  href: index.md\n- name: 안내서\n  href: guide/index.md\n  items:\n    - name: 설정하기\n      href: guide/setup.md\n    - href: guide/usage.md\n",
        ),
        (
            "content/ko/guide/setup.md",
            "---\ntitle: 설정\nkeywords: [포인터, 구조체, 문자열]\n---\n",
        ),
        (
            "content/zh-TW/guide/setup.md",
            "---\ntitle: 設定\nkeywords: [體, 字, 一]\n---\n",
        ),
    ])
}

fn nav_links(html: &str) -> Vec<String> {
    let nav = between(html, "<nav id=\"sidebar\"", "</nav>");
    nav.split("<li>")
        .skip(1)
        .map(|li| {
            let text_start = li.find('>').map_or(0, |i| i + 1);
            li[text_start..]
                .split('<')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[test]
fn the_toc_drives_the_sidebar_in_every_locale() {
    let site = site();
    let run = site.build(&[]);
    run.assert_ok();
    // English: names from the toc, the page title where the entry has none.
    let en = site.page("en/guide/setup.html");
    assert_eq!(
        nav_links(&en),
        [
            "Home",
            "Guide",
            "Setup (toc name)",
            "Usage",
            "Reference",
            "API",
            "Rust"
        ]
    );
    assert!(en.contains("<a href=\"https://www.rust-lang.org/\""));
    // French has no toc: the English one, titled from the French pages.
    let fr = site.page("fr/guide/usage.html");
    assert_eq!(
        nav_links(&fr),
        [
            "Home",
            "Guide",
            "Installation",
            "Usage",
            "Reference",
            "API reference",
            "Rust"
        ]
    );
    // Korean has its own, which leaves out two topics: one warning each.
    let ko = site.page("ko/index.html");
    assert_eq!(nav_links(&ko), ["홈", "안내서", "설정하기", "Usage"]);
    let diags = run.diagnostics();
    assert_eq!(
        diags,
        [
            "warning: content/ko/toc.yml: topic `guide/usage.md` is not in the table of contents"
                .replace("guide/usage.md", "ref/api.md"),
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn breadcrumbs_and_previous_next_follow_the_toc() {
    let site = site();
    site.build(&[]).assert_ok();
    let en = site.page("en/guide/setup.html");
    let crumbs = between(
        &en,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">",
        "</nav>",
    );
    assert!(
        crumbs.contains("<li><a href=\"index.html\">Guide</a></li>"),
        "{crumbs}"
    );
    assert!(crumbs.contains("<li aria-current=\"page\">Setting up</li>"));
    let pager = between(&en, "<nav class=\"prev-next\"", "</nav>");
    assert!(pager.contains("rel=\"prev\" href=\"index.html\"><span class=\"prev-next-label\">Previous</span> Guide</a>"), "{pager}");
    assert!(
        pager.contains(
            "rel=\"next\" href=\"usage.html\"><span class=\"prev-next-label\">Next</span> Usage</a>"
        ),
        "{pager}"
    );
    // Localized labels in every locale.
    for (dir, crumb_label, previous) in [
        ("fr", "Fil d’Ariane", "Précédent"),
        ("ko", "이동 경로", "이전"),
        ("pt-br", "Trilha de navegação", "Anterior"),
        ("zh-tw", "導覽路徑", "上一頁"),
    ] {
        let html = site.page(&format!("{dir}/guide/setup.html"));
        assert!(
            html.contains(&format!(
                "<nav class=\"breadcrumbs\" aria-label=\"{crumb_label}\">"
            )),
            "{dir}"
        );
        assert!(
            html.contains(&format!(
                "<span class=\"prev-next-label\">{previous}</span>"
            )),
            "{dir}"
        );
    }
    // The last page has no "next".
    let last = site.page("en/ref/api.html");
    assert!(!last.contains("rel=\"next\""));
    let crumbs = between(&last, "<nav class=\"breadcrumbs\"", "</nav>");
    assert!(
        crumbs.contains("<li>Reference</li>"),
        "a section without a page is plain text: {crumbs}"
    );
}

#[test]
fn keyword_index_per_locale_in_collation_order() {
    let site = site();
    site.build(&[]).assert_ok();
    let keywords = |dir: &str| {
        let html = site.page(&format!("{dir}/keywords.html"));
        let list = between(&html, "<dl class=\"keyword-index\">", "</dl>").to_string();
        list.split("<dt>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(keywords("en"), ["apple", "Installation", "zebra"]);
    assert_eq!(keywords("fr"), ["étape", "exemple", "zèbre"]);
    assert_eq!(keywords("ko"), ["구조체", "문자열", "포인터"]);
    assert_eq!(keywords("zh-tw"), ["一", "字", "體"]);
    let en = site.page("en/keywords.html");
    assert!(en.contains("<dt>apple</dt>\n  <dd><a href=\"index.html\">Home</a></dd>\n  <dd><a href=\"guide/setup.html\">Setting up</a></dd>"), "{en}");
    // Localized title, and linked from every page's footer.
    for (dir, title) in [
        ("en", "Keyword index"),
        ("fr", "Index des mots-clés"),
        ("ko", "키워드 색인"),
        ("pt-br", "Índice de palavras-chave"),
        ("zh-tw", "關鍵字索引"),
    ] {
        let html = site.page(&format!("{dir}/keywords.html"));
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{dir}");
        let page = site.page(&format!("{dir}/guide/setup.html"));
        assert!(
            page.contains(&format!("<a href=\"../keywords.html\">{title}</a>")),
            "{dir}"
        );
    }
    // pt-BR has no translated topic with keywords yet.
    assert!(
        site.page("pt-br/keywords.html")
            .contains("Nenhum tópico tem palavras-chave ainda.")
    );
}

#[test]
fn toc_errors_are_located() {
    let site = site();
    site.write("content/ko/toc.yml", "- name: 홈\n  href: index.md\n- name: 없음\n  href: guide/nothing.md\n- name: 탈출\n  href: ../../x.md\n- uid: no-such-uid\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let errors: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/ko/toc.yml:4:9: `guide/nothing.md` is not a topic of this site",
            "error: content/ko/toc.yml:6:9: `../../x.md` climbs out of the locale folder",
            "error: content/ko/toc.yml:7:8: unknown uid `no-such-uid`",
        ],
        "{}",
        run.stderr
    );
    site.write("content/ko/toc.yml", "- name: [unclosed\n");
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("error: content/ko/toc.yml:2:1: invalid YAML"),
        "{}",
        run.stderr
    );
}
