//! The seed topic (one real DocFX topic in five published translations) builds
//! into five correct pages.

mod common;

use common::{SEED_TOPIC, between, seed_site};

const PAGE: &str = "docs/framework/interop/index.html";

#[test]
fn seed_topic_builds_into_five_localized_pages() {
    let site = seed_site();
    site.build(&[]).assert_ok();

    let expected = [
        ("en", "en", "Interoperating with Unmanaged Code"),
        ("fr", "fr", "Interopération avec du code non managé"),
        ("ko", "ko", "비관리 코드와의 상호 운용"),
        ("pt-br", "pt-BR", "Interoperação com código não gerenciado"),
        ("zh-tw", "zh-TW", "與 Unmanaged 程式碼互通"),
    ];
    for (dir, code, title) in expected {
        let html = site.page(&format!("{dir}/{PAGE}"));
        assert!(
            html.contains(&format!("<html lang=\"{code}\"")),
            "{dir}: lang"
        );
        // The title keeps no " | Microsoft Docs" suffix.
        let head_title = between(&html, "<title>", "</title>");
        assert!(
            head_title.starts_with(&format!("{title} · ")),
            "{dir}: title was {head_title:?}"
        );
        assert!(!html.contains("Microsoft Docs"), "{dir}: suffix leaked");
        // Alternates to the four other translations, plus x-default to English.
        for (other_dir, other_code, _) in expected {
            if other_code == code {
                continue;
            }
            let href = format!("../../../../{other_dir}/{PAGE}");
            assert!(
                html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{other_code}\" href=\"{href}\">"
                )),
                "{dir}: no hreflang {other_code}"
            );
        }
        assert!(html.contains(&format!(
            "hreflang=\"x-default\" href=\"{}\"",
            if code == "en" {
                "index.html".to_string()
            } else {
                format!("../../../../en/{PAGE}")
            }
        )));
        // The article is the translation itself, not a fallback.
        assert!(
            html.contains(&format!("<article lang=\"{code}\">")),
            "{dir}: article lang"
        );
        assert!(
            !html.contains("banner-untranslated"),
            "{dir}: seeds are all translated"
        );
    }
}

#[test]
fn explicit_anchors_become_heading_ids() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    for dir in ["fr", "pt-br"] {
        let html = site.page(&format!("{dir}/{PAGE}"));
        for id in [
            "interoperating-with-unmanaged-code",
            "in-this-section",
            "related-sections",
        ] {
            assert!(
                html.contains(&format!(" id=\"{id}\">")),
                "{dir}: heading id {id}"
            );
        }
        // The translated heading text did not change the id.
        assert!(!html.contains("id=\"dans-cette-section\""));
    }
    // Without explicit anchors the English ids are slugs of the headings.
    let en = site.page(&format!("en/{PAGE}"));
    assert!(
        en.contains("<h2 id=\"in-this-section\">In This Section</h2>"),
        "{en}"
    );
}

#[test]
fn machine_assisted_translations_carry_a_note() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    for (dir, expected) in [
        ("en", false),
        ("fr", true),
        ("ko", false),
        ("pt-br", true),
        ("zh-tw", false),
    ] {
        let html = site.page(&format!("{dir}/{PAGE}"));
        assert_eq!(
            html.contains("class=\"banner banner-machine\""),
            expected,
            "{dir}"
        );
        if expected {
            // Localized, and linking to the English original.
            assert!(
                html.contains(&format!("href=\"../../../../en/{PAGE}\"")),
                "{dir}"
            );
            assert!(
                !html.contains("translated with machine assistance"),
                "{dir}: English note text"
            );
        }
    }
}

#[test]
fn docset_relative_links_resolve_inside_each_locale() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    let fr = site.page(&format!("fr/{PAGE}"));
    // `../../../docs/framework/interop/interop-marshaling.md` from the topic's folder.
    assert!(fr.contains("href=\"interop-marshaling.html\""), "{fr}");
    assert!(!fr.contains(".md\""), "no .md link left");
    // The target exists only in English: fr gets the fallback page, not a 404.
    let target = site.page("fr/docs/framework/interop/interop-marshaling.html");
    assert!(target.contains("<html lang=\"fr\""));
    assert!(target.contains("<article lang=\"en\">"));
    assert!(target.contains("banner-untranslated"));
    // Links to msdn.microsoft.com stay as written (asset-id links come with the links issue).
    assert!(
        fr.contains(
            "href=\"http://msdn.microsoft.com/en-us/ec21c6e1-e233-4cd9-95ae-b9b9cf807f9d\""
        )
    );
}

#[test]
fn seed_front_matter_reaches_templates() {
    let site = seed_site();
    site.write("templates/topic.html", "{{ page.assetid }}|{{ page.extra[\"ms.prod\"] | default(value=\"-\") }}|{{ page.keywords | length }}|{{ page.updated }}|{{ page.topic }}");
    site.build(&[]).assert_ok();
    assert_eq!(
        site.page(&format!("ko/{PAGE}")),
        format!(
            "ccb68ce7-b0e9-4ffb-839d-03b1cd2c1258|.net-framework|7|2017년 3월 30일|{SEED_TOPIC}"
        )
    );
    assert_eq!(
        site.page(&format!("en/{PAGE}")),
        format!(
            "ccb68ce7-b0e9-4ffb-839d-03b1cd2c1258|.net-framework|7|March 30, 2017|{SEED_TOPIC}"
        )
    );
}

#[test]
fn asset_id_links_become_internal_when_the_site_has_the_topic() {
    let site = seed_site();
    // The seed links "Design Considerations for Interoperation" by its asset id.
    site.write(
        "content/en/docs/framework/interop/design-considerations.md",
        "---\ntitle: Design considerations (stub)\nms.assetid: b59637f6-fe35-40d6-ae72-901e7a707689\n---\n",
    );
    site.build(&[]).assert_ok();
    for dir in ["en", "fr", "ko", "pt-br", "zh-tw"] {
        let html = site.page(&format!("{dir}/{PAGE}"));
        assert!(
            !html.contains("b59637f6-fe35-40d6-ae72-901e7a707689"),
            "{dir}"
        );
        assert!(
            html.contains("href=\"design-considerations.html\""),
            "{dir}"
        );
        // Unknown asset ids stay external links.
        let unknown = between(&html, "href=\"http://msdn.microsoft.com/", "\"");
        assert!(
            unknown.ends_with("/ec21c6e1-e233-4cd9-95ae-b9b9cf807f9d"),
            "{dir}: {unknown}"
        );
    }
}
