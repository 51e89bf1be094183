//! Templates, UI strings and static files: embedded defaults, replaced by the
//! site's own files; their errors are diagnostics like any other.

mod common;

use common::{Fixture, between};

fn site() -> Fixture {
    Fixture::with(&[
        (
            "content/en/index.md",
            "---\ntitle: Home\ndate: 2024-05-31\n---\n\n> [!TIP]\n> Be kind.\n",
        ),
        (
            "content/fr/index.md",
            "---\ntitle: Accueil\ndate: 2024-05-31\n---\n\n> [!TIP]\n> Soyez gentils.\n",
        ),
        (
            "content/zh-TW/index.md",
            "---\ntitle: 首頁\ndate: 2024-05-31\n---\n\n> [!CAUTION]\n> 小心。\n",
        ),
    ])
}

#[test]
fn defaults_render_localized_strings() {
    let site = site();
    site.build(&[]).assert_ok();
    let fr = site.page("fr/index.html");
    assert!(fr.contains("<p class=\"alert-title\">Conseil</p>"), "{fr}");
    assert!(fr.contains("31 mai 2024"), "localized date");
    let zh = site.page("zh-tw/index.html");
    assert!(zh.contains("<p class=\"alert-title\">注意</p>"));
    assert!(zh.contains("2024年5月31日"));
    let en = site.page("en/index.html");
    assert!(en.contains("May 31, 2024"));
    // No string of the English theme appears on a translated page's chrome.
    assert!(
        !fr.contains("Skip to content") && !fr.contains("On this page"),
        "{fr}"
    );
    assert!(en.contains("Skip to content"));
}

#[test]
fn site_templates_strings_and_styles_replace_the_defaults() {
    let site = site();
    site.write("templates/topic.html", "{% extends \"base.html\" %}{% block main %}CUSTOM {{ fluent(key=\"site-motto\", lang=locale.code) }}{{ content | safe }}{% endblock main %}");
    site.write(
        "locales/en/site.ftl",
        "site-motto = Read the source.\nalert-tip = Pro tip\n",
    );
    site.write("locales/fr/site.ftl", "site-motto = Lisez le code.\n");
    site.write("static/style.css", "body { color: rebeccapurple }\n");
    site.write("static/img/logo.png", "png");
    let run = site.build(&[]);
    run.assert_ok();
    // site-motto is missing in ko, pt-BR and zh-TW: one warning per locale, English shown.
    assert_eq!(run.diagnostics().len(), 3, "{:?}", run.diagnostics());
    assert!(run.diagnostics()[0].contains("site-motto"));
    let en = site.page("en/index.html");
    assert!(en.contains("CUSTOM Read the source."));
    assert!(en.contains("<p class=\"alert-title\">Pro tip</p>"));
    assert!(site.page("fr/index.html").contains("CUSTOM Lisez le code."));
    assert!(
        site.page("zh-tw/index.html")
            .contains("CUSTOM Read the source.")
    );
    let css = between(&en, "href=\"../static/", "\"");
    let text = std::fs::read_to_string(site.out().join("static").join(css)).unwrap();
    assert_eq!(text, "body { color: rebeccapurple }\n");
    assert!(site.out().join("static/img/logo.png").is_file());
    // The default script is still there.
    assert!(en.contains("/static/interdoc."));
}

#[test]
fn template_and_fluent_errors_are_located_and_all_reported() {
    let site = site();
    site.write(
        "templates/topic.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title\n{% endblock main %}\n",
    );
    site.write(
        "templates/sidebar.html",
        "<ul>{% for x in items %}{{ x.nope }}{% endfor %}</ul>",
    );
    site.write("locales/ko/extra.ftl", "good = 좋음\n\n= no id\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diags = run.diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("error: locales/ko/extra.ftl:3:1: Fluent syntax error")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("error: templates/topic.html:4:")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("error: templates/sidebar.html:1:")),
        "{diags:?}"
    );
    // A template error is reported once, not once per page.
    assert_eq!(diags.len(), 3, "{diags:?}");
}

#[test]
fn an_unknown_ui_message_in_a_template_is_an_error() {
    let site = site();
    site.write("templates/home.html", "x");
    site.write(
        "templates/topic.html",
        "{{ fluent(key=\"no-such-message\", lang=locale.code) }}",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown UI message `no-such-message`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/topic.html:1:"),
        "{}",
        run.stderr
    );
}
