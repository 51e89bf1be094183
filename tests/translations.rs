//! Every locale has every topic: untranslated ones are shown from the source
//! locale with a banner; locale folder names accept the usual aliases.

mod common;

use common::{Fixture, between};

fn site() -> Fixture {
    Fixture::with(&[
        (
            "content/en/index.md",
            "---\ntitle: Home\n---\n\nSee [the guide](guide/setup.md).\n",
        ),
        (
            "content/fr/index.md",
            "---\ntitle: Accueil\n---\n\nVoir [le guide](guide/setup.md#steps).\n",
        ),
        (
            "content/ko/index.md",
            "---\ntitle: 홈\n---\n\n[가이드](guide/setup.md)를 보십시오.\n",
        ),
        ("content/pt-BR/index.md", "---\ntitle: Início\n---\n"),
        ("content/zh-TW/index.md", "---\ntitle: 首頁\n---\n"),
        (
            "content/en/guide/setup.md",
            "---\ntitle: Setting up\nms.assetid: 11111111-2222-4333-8444-555555555555\n---\n\n## Steps {#steps}\n\nInstall the toolchain.\n",
        ),
    ])
}

#[test]
fn a_topic_only_in_english_appears_in_every_locale_with_a_banner() {
    let site = site();
    let run = site.build(&[]);
    run.assert_ok();
    let banners = [
        ("fr", "fr", "français"),
        ("ko", "ko", "한국어"),
        ("pt-br", "pt-BR", "Português"),
        ("zh-tw", "zh-TW", "繁體中文"),
    ];
    for (dir, code, language) in banners {
        let html = site.page(&format!("{dir}/guide/setup.html"));
        assert!(html.contains(&format!("<html lang=\"{code}\"")), "{dir}");
        assert!(
            html.contains("<article lang=\"en\">"),
            "{dir}: the text is English"
        );
        let banner = between(
            &html,
            "class=\"banner banner-untranslated\" role=\"note\">",
            "</p>",
        );
        assert!(
            banner.to_lowercase().contains(&language.to_lowercase()),
            "{dir}: banner {banner:?}"
        );
        assert!(html.contains("Install the toolchain."));
        // Fallbacks are not what search engines should index, and point at the original.
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        // hreflang names only real translations.
        assert!(html.contains("hreflang=\"en\" href=\"../../en/guide/setup.html\""));
        assert!(
            !html.contains(&format!("<link rel=\"alternate\" hreflang=\"{code}\"")),
            "{dir}"
        );
    }
    let en = site.page("en/guide/setup.html");
    assert!(!en.contains("banner-untranslated"));
    assert!(!en.contains("noindex"));
    // The build summary lists the missing translations per locale.
    let summary: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("fr ") || l.starts_with("en "))
        .collect();
    assert_eq!(summary.len(), 2, "{}", run.stderr);
    assert!(
        summary[0].split_whitespace().eq(["en", "2", "0", "0", "0"]),
        "{summary:?}"
    );
    assert!(
        summary[1].split_whitespace().eq(["fr", "2", "1", "0", "1"]),
        "{summary:?}"
    );
}

#[test]
fn links_to_untranslated_topics_go_to_the_fallback_page() {
    let site = site();
    site.build(&[]).assert_ok();
    let fr = site.page("fr/index.html");
    assert!(fr.contains("href=\"guide/setup.html#steps\""), "{fr}");
    assert!(site.out().join("fr/guide/setup.html").is_file());
}

#[test]
fn the_language_switcher_goes_to_the_same_topic() {
    let site = site();
    site.build(&[]).assert_ok();
    let ko = site.page("ko/guide/setup.html");
    let switcher = between(&ko, "<details class=\"lang-switcher\">", "</details>");
    for (dir, code, name) in [
        ("en", "en", "English"),
        ("fr", "fr", "Français"),
        ("pt-br", "pt-BR", "Português (Brasil)"),
        ("zh-tw", "zh-TW", "繁體中文"),
    ] {
        assert!(
            switcher.contains(&format!("<a href=\"../../{dir}/guide/setup.html\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>")),
            "{code}: {switcher}"
        );
    }
    assert!(switcher.contains("aria-current=\"true\">한국어</a>"));
    // Locales where the topic is a fallback are marked as such.
    assert_eq!(
        switcher.matches("class=\"untranslated\"").count(),
        4,
        "{switcher}"
    );
}

#[test]
fn locale_folders_accept_aliases_in_any_case() {
    let site = Fixture::with(&[
        ("content/EN-us/index.md", "# Home\n"),
        ("content/fr-FR/index.md", "# Accueil\n"),
        ("content/pt-br/index.md", "# Início\n"),
        ("content/ZH-TW/index.md", "# 首頁\n"),
        ("content/ko_KR/index.md", "# 홈\n"),
    ]);
    site.build(&[]).assert_ok();
    for (dir, code) in [
        ("en", "en"),
        ("fr", "fr"),
        ("pt-br", "pt-BR"),
        ("zh-tw", "zh-TW"),
        ("ko", "ko"),
    ] {
        let html = site.page(&format!("{dir}/index.html"));
        assert!(html.contains(&format!("<html lang=\"{code}\"")), "{dir}");
        assert!(!html.contains("banner-untranslated"), "{dir}");
    }
}

#[test]
fn translation_metadata_is_checked_against_the_source() {
    let site = site();
    site.write(
        "content/ko/guide/setup.md",
        "---\ntitle: 설정\nms.assetid: 99999999-2222-4333-8444-555555555555\nms.contentlocale: fr-fr\n---\n\n## 단계 {#steps}\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    // (The French home's link to the untranslated guide is a warning of its own.)
    let diags: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("content/ko/"))
        .collect();
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].starts_with("warning: content/ko/guide/setup.md:3:1: ms.assetid `99999999"),
        "{diags:?}"
    );
    assert!(
        diags[1].starts_with("warning: content/ko/guide/setup.md:4:1: ms.contentlocale `fr-fr`"),
        "{diags:?}"
    );
    // --strict turns them into a failure.
    assert_eq!(site.build(&["--strict"]).code, 1);
}

#[test]
fn headings_in_korean_and_chinese_get_readable_unique_ids() {
    let site = Fixture::with(&[(
        "content/ko/index.md",
        "# 상호 운용\n\n## 마샬링 개요\n\n## 마샬링 개요\n\n### 2024\n",
    )]);
    site.write("content/zh-TW/index.md", "# 互通\n\n## 封送處理：字串\n");
    site.write("content/en/index.md", "# Interop\n");
    site.build(&[]).assert_ok();
    let ko = site.page("ko/index.html");
    for id in ["상호-운용", "마샬링-개요", "마샬링-개요-1", "h-2024"] {
        assert!(ko.contains(&format!("id=\"{id}\"")), "{id}: {ko}");
    }
    // The "On this page" list links the h2/h3 headings.
    let toc = between(&ko, "<aside class=\"on-this-page\"", "</aside>");
    assert!(toc.contains("href=\"#마샬링-개요-1\""));
    assert!(
        !toc.contains("href=\"#상호-운용\""),
        "h1 is not in the list"
    );
    assert!(
        site.page("zh-tw/index.html")
            .contains("id=\"封送處理字串\"")
    );
}
