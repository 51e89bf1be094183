//! The search stage: one Pagefind bundle per locale, built from the pages in
//! memory. What each bundle holds is read back from its fragments (gzipped
//! JSON, one per page); searching it in a browser is tests/browser/suite.mjs.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::Fixture;

/// url -> fragment of every page in a locale's bundle.
fn fragments(bundle: &Path) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(bundle.join("fragment")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        let json = text
            .strip_prefix("pagefind_dcd")
            .expect("a Pagefind fragment");
        let fragment: serde_json::Value = serde_json::from_str(json).unwrap();
        out.insert(fragment["url"].as_str().unwrap().to_string(), fragment);
    }
    out
}

fn built() -> Fixture {
    let site = Fixture::copy_of("search-site");
    site.build(&[]).assert_ok();
    site
}

#[test]
fn each_locale_indexes_its_own_pages_and_marks_fallbacks() {
    let site = built();
    let out = site.out();
    for (dir, translated) in [
        ("en", &["index", "boundary", "strings"][..]),
        ("fr", &["index", "strings"][..]),
        ("ko", &["index", "strings"][..]),
    ] {
        let pages = fragments(&out.join(dir).join("pagefind"));
        let urls: Vec<&str> = pages.keys().map(String::as_str).collect();
        // URLs are relative to the locale's folder; the search box sets the base.
        assert_eq!(
            urls,
            ["/boundary.html", "/index.html", "/strings.html"],
            "{dir}"
        );
        for (url, fragment) in &pages {
            let name = url.rsplit('/').next().unwrap().trim_end_matches(".html");
            let fallback = fragment["meta"].get("fallback").and_then(|v| v.as_str());
            if translated.contains(&name) {
                assert_eq!(fallback, None, "{url}");
            } else {
                assert_eq!(fallback, Some("1"), "{url} is untranslated in {dir}");
            }
        }
    }

    let fr = fragments(&out.join("fr/pagefind"));
    assert_eq!(fr["/strings.html"]["meta"]["title"], "Chaînes");
    assert_eq!(fr["/boundary.html"]["meta"]["title"], "The FFI boundary");
    let content = fr["/strings.html"]["content"].as_str().unwrap();
    assert!(content.contains("interopérabilité"), "{content}");
    // The page chrome (navigation, search box, footer) is not indexed.
    assert!(!content.contains("Rechercher"), "{content}");
    // Nor the "#" of heading anchors.
    let boundary = fr["/boundary.html"]["content"].as_str().unwrap();
    assert!(!boundary.contains('#'), "{boundary}");
}

#[test]
fn korean_stems_are_indexed_apart_from_their_particles() {
    let site = built();
    let ko = fragments(&site.out().join("ko/pagefind"));
    let content = ko["/strings.html"]["content"].as_str().unwrap();
    // 마샬링은 and 마샬링을 are indexed as 마샬링 + particle, both still whole words.
    assert!(content.contains("마샬링`은"), "{content}");
    assert!(content.contains("마샬링`을"), "{content}");
    // French text is left as written.
    let fr = fragments(&site.out().join("fr/pagefind"));
    assert!(
        !fr["/strings.html"]["content"]
            .as_str()
            .unwrap()
            .contains('`')
    );
    // The search box strips the same endings from a Korean query.
    let page = site.page("ko/strings.html");
    assert!(
        page.contains("data-endings=\"했습니다 "),
        "the Korean page lists the endings"
    );
    assert!(site.page("fr/strings.html").contains("data-endings=\"\""));
}

#[test]
fn bundles_hold_only_what_the_search_box_uses() {
    let site = built();
    let bundle = site.out().join("fr/pagefind");
    for needed in ["pagefind.js", "pagefind-entry.json", "wasm.fr.pagefind"] {
        assert!(bundle.join(needed).is_file(), "{needed}");
    }
    for unused in ["pagefind-ui.js", "pagefind-ui.css", "pagefind-highlight.js"] {
        assert!(!bundle.join(unused).exists(), "{unused}");
    }
    // The search box points at the locale's own bundle, relative to the page.
    let page = site.page("fr/strings.html");
    assert!(page.contains(r#"data-bundle="../fr/pagefind/""#), "{page}");
}

#[test]
fn check_builds_no_index() {
    let site = Fixture::copy_of("search-site");
    common::interdoc(&["check"], site.root()).assert_ok();
    assert!(!site.out().exists());
}

/// Cache entries of each locale's bundle: locale dir -> entry names.
fn cached(site: &Fixture) -> BTreeMap<String, Vec<String>> {
    let dir = site.root().join(".interdoc-cache/search");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|l| {
            let l = l.unwrap();
            let entries = std::fs::read_dir(l.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            (l.file_name().to_string_lossy().into_owned(), entries)
        })
        .collect()
}

#[test]
fn unchanged_locales_reuse_their_bundle_and_a_changed_page_rebuilds_its_own() {
    let site = built();
    let first = cached(&site);
    assert_eq!(first.len(), 3);
    assert!(first.values().all(|e| e.len() == 1), "{first:?}");
    let before = common::tree_hashes(&site.out());

    // Nothing changed: the same entries, the same bytes.
    site.build(&[]).assert_ok();
    assert_eq!(cached(&site), first);
    assert_eq!(common::tree_hashes(&site.out()), before);

    // One French page changed: only the French bundle is rebuilt, and it
    // holds the new text (a stale bundle would not).
    site.write(
        "content/fr/strings.md",
        "---\ntitle: Chaînes\n---\n# Chaînes\n\nUn mot nouveau : ornithorynque.\n",
    );
    site.build(&[]).assert_ok();
    let second = cached(&site);
    assert_eq!(second["en"], first["en"]);
    assert_eq!(second["ko"], first["ko"]);
    assert_ne!(second["fr"], first["fr"]);
    assert_eq!(second["fr"].len(), 1, "the old French entry is removed");
    let fr = fragments(&site.out().join("fr/pagefind"));
    let content = fr["/strings.html"]["content"].as_str().unwrap();
    assert!(content.contains("ornithorynque"), "{content}");
}

#[test]
fn a_damaged_cache_is_rebuilt_not_trusted() {
    let site = built();
    let before = common::tree_hashes(&site.out());
    // Cut every cached bundle short and garble the highlighting cache.
    let mut cut = 0;
    for entries in std::fs::read_dir(site.root().join(".interdoc-cache/search")).unwrap() {
        for entry in std::fs::read_dir(entries.unwrap().path()).unwrap() {
            let entry = entry.unwrap().path();
            let bytes = std::fs::read(&entry).unwrap();
            std::fs::write(&entry, &bytes[..bytes.len() / 2]).unwrap();
            cut += 1;
        }
    }
    assert_eq!(cut, 3, "one cached bundle per locale");
    site.write(".interdoc-cache/highlight.json", "{not json");
    site.build(&[]).assert_ok();
    assert_eq!(common::tree_hashes(&site.out()), before);
}
