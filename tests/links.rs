//! Cross-references: every link form resolves in every locale, or is reported
//! at its place in the Markdown source.

mod common;

use common::{Fixture, between};

const GUID: &str = "0f8a4c2e-6b1d-4e3a-9c7f-2d5b8e1a4f60";

fn site() -> Fixture {
    let f = Fixture::with(&[
        ("site.toml", "locales = ['en', 'fr', 'ko']\n"),
        (
            "content/en/index.md",
            "---\ntitle: Home\nuid: home\n---\n\n# Home\n\n## Start here {#start}\n\n[Back to the top](#start).\n",
        ),
        (
            "content/fr/index.md",
            "---\ntitle: Accueil\nuid: home\n---\n\n# Accueil\n\n## Commencer ici {#start}\n\nVoir [l’installation](guide/setup.md#install) et <xref:guide-setup>.\n",
        ),
        (
            "content/ko/index.md",
            "---\ntitle: 홈\nuid: home\n---\n\n# 홈\n\n## 시작하기\n\n[처음으로](#시작하기), [인코딩](#%EC%8B%9C%EC%9E%91%ED%95%98%EA%B8%B0), @guide-setup 참고.\n",
        ),
        (
            "content/en/guide/setup.md",
            &format!(
                "---\ntitle: Setting up\nuid: guide-setup\nms.assetid: {GUID}\n---\n\n# Setting up\n\n## Install {{#install}}\n\n## Configure it\n"
            ),
        ),
        (
            "content/fr/guide/setup.md",
            &format!(
                "---\ntitle: Installation\nuid: guide-setup\nms.assetid: {GUID}\n---\n\n# Installation\n\n## Installer {{#install}}\n\n## La configurer {{#configure-it}}\n"
            ),
        ),
        (
            "content/ko/guide/setup.md",
            &format!(
                "---\ntitle: 설정\nuid: guide-setup\nms.assetid: {GUID}\n---\n\n# 설정\n\n## 설치 {{#install}}\n\n## 구성하기 {{#configure-it}}\n"
            ),
        ),
        (
            "content/en/guide/img/diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    f.write(
        "content/en/guide/usage.md",
        &format!(
            "---\ntitle: Usage\nuid: guide-usage\n---\n\n# Usage\n\n\
             1. [Relative](setup.md#install)\n\
             2. [Up](../index.md#start)\n\
             3. <xref:guide-setup>\n\
             4. [Options](xref:guide-setup#configure-it)\n\
             5. See @guide-setup, mail me@example.org, not @nothing-here.\n\
             6. [MSDN](http://msdn.microsoft.com/en-us/{GUID}) and [library](/library/{GUID})\n\
             7. [Elsewhere](http://msdn.microsoft.com/en-us/11111111-2222-4333-8444-555555555555)\n\
             8. <a href=\"setup.md#configure-it\">raw</a>\n\
             9. ![Diagram](img/diagram.svg)\n\
             10. [Style](/static/style.css) and [from the root](~/guide/setup.md)\n\
             11. [External](https://www.rust-lang.org/) [Mail](mailto:docs@example.org)\n"
        ),
    );
    // Every page is translated, so nothing leads to an untranslated page.
    f.write(
        "content/fr/guide/usage.md",
        &format!(
            "---\ntitle: Utilisation\nuid: guide-usage\n---\n\nVoir [ici](setup.md), [MSDN](https://msdn.microsoft.com/fr-fr/{GUID}), \
             <a href=\"setup.md#install\">brut</a>, ![Schéma](img/diagram.svg), [racine](~/index.md#start) et [options](xref:guide-setup#install).\n"
        ),
    );
    f.write(
        "content/ko/guide/usage.md",
        &format!(
            "---\ntitle: 사용법\nuid: guide-usage\n---\n\n[여기](setup.md)를 보십시오. [MSDN](/library/{GUID}), <a href=\"setup.md#install\">원본</a>, ![도표](img/diagram.svg), [처음](~/index.md#시작하기).\n"
        ),
    );
    f
}

#[test]
fn every_link_form_resolves() {
    let site = site();
    let run = site.build(&["--strict"]);
    run.assert_ok();
    let html = site.page("en/guide/usage.html");
    let article = between(&html, "<article", "</article>");
    let list = between(article, "<ol>", "</ol>");
    for expected in [
        "<a href=\"setup.html#install\">Relative</a>",
        "<a href=\"../index.html#start\">Up</a>",
        "<a href=\"setup.html\">Setting up</a>",
        "<a href=\"setup.html#configure-it\">Options</a>",
        "See <a href=\"setup.html\">Setting up</a>, mail me@example.org, not @nothing-here.",
        "<a href=\"setup.html\">MSDN</a> and <a href=\"setup.html\">library</a>",
        "<a href=\"http://msdn.microsoft.com/en-us/11111111-2222-4333-8444-555555555555\">Elsewhere</a>",
        "<a href=\"setup.html#configure-it\">raw</a>",
        "<img src=\"img/diagram.svg\" alt=\"Diagram\" />",
        "<a href=\"../setup.html\">from the root</a>"
            .replace("../setup.html", "setup.html")
            .as_str(),
        "<a href=\"https://www.rust-lang.org/\">External</a> <a href=\"mailto:docs@example.org\">Mail</a>",
    ] {
        assert!(list.contains(expected), "missing {expected}\nin {list}");
    }
    let style = between(list, "<a href=\"../../static/", "\"");
    assert!(
        style.starts_with("style.") && style.ends_with(".css"),
        "{style}"
    );
    assert!(!list.contains("xref:"), "{list}");
}

#[test]
fn links_resolve_in_the_page_locale_with_its_titles() {
    let site = site();
    site.build(&["--strict"]).assert_ok();
    let fr = site.page("fr/index.html");
    assert!(
        fr.contains("<a href=\"guide/setup.html#install\">l’installation</a>"),
        "{fr}"
    );
    // An xref without text takes the target's title in the page's language.
    assert!(
        fr.contains("<a href=\"guide/setup.html\">Installation</a>"),
        "{fr}"
    );
    let ko = site.page("ko/index.html");
    // Same-page CJK anchors, written raw or percent-encoded (the HTML always has
    // the encoded form, which browsers decode).
    assert!(ko.contains("<h2 id=\"시작하기\">"));
    assert!(
        ko.contains("<a href=\"#%EC%8B%9C%EC%9E%91%ED%95%98%EA%B8%B0\">처음으로</a>"),
        "{ko}"
    );
    assert!(ko.contains("<a href=\"#%EC%8B%9C%EC%9E%91%ED%95%98%EA%B8%B0\">인코딩</a>"));
    assert!(
        ko.contains("<a href=\"guide/setup.html\">설정</a> 참고."),
        "{ko}"
    );
    // Translated pages use every form too; the image exists only in English.
    let fr_usage = site.page("fr/guide/usage.html");
    for expected in [
        "<a href=\"setup.html\">ici</a>",
        "<a href=\"setup.html\">MSDN</a>",
        "<a href=\"setup.html#install\">brut</a>",
        "<img src=\"../../en/guide/img/diagram.svg\" alt=\"Schéma\" />",
        "<a href=\"../index.html#start\">racine</a>",
        "<a href=\"setup.html#install\">options</a>",
    ] {
        assert!(
            fr_usage.contains(expected),
            "missing {expected} in {fr_usage}"
        );
    }
    let ko_usage = site.page("ko/guide/usage.html");
    for expected in [
        "<a href=\"setup.html\">여기</a>",
        "<a href=\"setup.html\">MSDN</a>",
        "<a href=\"setup.html#install\">원본</a>",
        "<img src=\"../../en/guide/img/diagram.svg\" alt=\"도표\" />",
        "<a href=\"../index.html#%EC%8B%9C%EC%9E%91%ED%95%98%EA%B8%B0\">처음</a>",
    ] {
        assert!(
            ko_usage.contains(expected),
            "missing {expected} in {ko_usage}"
        );
    }
}

/// The acceptance fixture: one of each defect, each reported once at its place.
#[test]
fn check_reports_each_defect_at_its_place() {
    let site = site();
    let clean = site.root().to_str().unwrap().to_string();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--root", clean.as_str()];
        args.extend_from_slice(extra);
        common::interdoc(&args, site.root())
    };
    assert_eq!(check(&[]).code, 0, "{}", check(&[]).stderr);
    assert_eq!(check(&["--strict"]).code, 0);
    assert!(!site.out().exists(), "check writes nothing");

    site.write(
        "content/en/defects.md",
        "---\ntitle: Defects\nuid: guide-setup\n---\n\n\
         A [broken](guide/setpu.md) link.\n\
         An [escape](../../../etc/passwd) link.\n\
         An [unknown](xref:guide-setpu) xref.\n\
         A ![missing](img/nope.png) image.\n",
    );
    site.write(
        "content/fr/defects.md",
        "---\ntitle: Défauts\n---\n\n[Perdu](guide/setup.md#configure-it) dans la traduction.\n",
    );
    // The French heading lost its stable id, so its slug no longer matches.
    site.write("content/fr/guide/setup.md", &format!("---\ntitle: Installation\nuid: guide-setup\nms.assetid: {GUID}\n---\n\n## Installer {{#install}}\n\n## La configurer\n"));
    site.write("content/ko/defects.md", "---\ntitle: 결함\n---\n");

    let run = check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diags = run.diagnostics();
    let expected = [
        "error: content/en/defects.md:3:1: duplicate uid `guide-setup`: content/en/guide/setup.md has it too",
        "error: content/en/defects.md:6:3: link `guide/setpu.md` (\"broken\"): there is no topic guide/setpu.md",
        "error: content/en/defects.md:7:4: link `../../../etc/passwd` (\"escape\"): climbs out of its locale folder",
        "warning: content/en/defects.md:8:4: link `xref:guide-setpu` (\"unknown\"): unknown xref `guide-setpu`: no topic or xref map has this uid, so it is shown as text",
        "error: content/en/defects.md:9:3: image `img/nope.png` (\"missing\"): there is no file img/nope.png",
        "warning: content/fr/defects.md:5:1: link `guide/setup.md#configure-it` (\"Perdu\"): anchor `#configure-it` exists in content/en/guide/setup.md but not in its translation content/fr/guide/setup.md",
    ];
    assert_eq!(diags, expected, "\n{}", run.stderr);
    // Hints: did-you-mean for typos, the {#id} fix for lost anchors.
    assert!(
        run.stderr.contains("hint: did you mean `guide/setup.md`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: did you mean `guide-setup`?"));
    assert!(run.stderr.contains("{#configure-it}"));
    assert_eq!(site.build(&["--strict"]).code, 1);
    assert!(!site.out().exists());
}

#[test]
fn translation_only_defects_are_warnings_that_strict_refuses() {
    let site = site();
    // A French page linking to an English-only topic.
    site.write("content/en/extra.md", "---\ntitle: Extra\n---\n");
    site.write("content/ko/extra.md", "---\ntitle: 추가\n---\n");
    site.write(
        "content/fr/guide/usage.md",
        "---\ntitle: Utilisation\nuid: guide-usage\n---\n\nVoir [en plus](../extra.md).\n",
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        run.diagnostics(),
        [
            "warning: content/fr/guide/usage.md:6:6: link `../extra.md` (\"en plus\"): leads to an untranslated page: there is no content/fr/extra.md"
        ]
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.split_whitespace().eq(["fr", "4", "1", "0", "1"])),
        "{}",
        run.stderr
    );
    assert!(
        site.page("fr/guide/usage.html")
            .contains("<a href=\"../extra.html\">en plus</a>")
    );
    assert_eq!(site.build(&["--strict"]).code, 1);
}
