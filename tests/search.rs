//! The search stage: one index per locale, built from the pages in memory.
//! What each index holds is read back from its files (JSON: the page list,
//! word shards and text chunks); searching it in a browser is
//! tests/browser/suite.mjs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Fixture;
use serde_json::Value;

/// A locale's index as read back from `<locale>/search/`.
struct Index {
    /// url -> (title, fallback, text)
    pages: BTreeMap<String, (String, bool, String)>,
    /// surface -> key
    surfaces: BTreeMap<String, String>,
    /// key -> urls of the pages listed under it
    keys: BTreeMap<String, Vec<String>>,
}

fn json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

fn index(dir: &Path) -> Index {
    let head = json(&dir.join("pages.json"));
    let list = head["pages"].as_array().unwrap();
    let chunk = head["chunk"].as_u64().unwrap() as usize;
    let mut pages = BTreeMap::new();
    let mut urls = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let texts = json(&dir.join(format!("t/{}.json", i / chunk)));
        let url = p[0].as_str().unwrap().to_string();
        let entry = (
            p[1].as_str().unwrap().to_string(),
            p[2] == 1,
            texts[i % chunk].as_str().unwrap().to_string(),
        );
        pages.insert(url.clone(), entry);
        urls.push(url);
    }
    let shards = head["shards"].as_u64().unwrap();
    let (mut surfaces, mut keys) = (BTreeMap::new(), BTreeMap::new());
    for n in 0..shards {
        let shard = json(&dir.join(format!("w/{n}.json")));
        let shard_keys = shard["k"].as_array().unwrap();
        for s in shard["s"].as_array().unwrap() {
            let key = &shard_keys[s[1].as_u64().unwrap() as usize];
            let name = key[0].as_str().unwrap().to_string();
            surfaces.insert(s[0].as_str().unwrap().to_string(), name.clone());
            let postings = key[1].as_array().unwrap();
            let listed = postings
                .chunks(2)
                .map(|p| urls[p[0].as_u64().unwrap() as usize].clone())
                .collect();
            keys.insert(name, listed);
        }
    }
    Index {
        pages,
        surfaces,
        keys,
    }
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
        let index = index(&out.join(dir).join("search"));
        let urls: Vec<&str> = index.pages.keys().map(String::as_str).collect();
        // URLs are relative to the locale's folder; the search box sets the base.
        assert_eq!(
            urls,
            ["boundary.html", "index.html", "strings.html"],
            "{dir}"
        );
        for (url, (_, fallback, _)) in &index.pages {
            let name = url.trim_end_matches(".html");
            assert_eq!(!fallback, translated.contains(&name), "{dir}/{url}");
        }
    }

    let fr = index(&out.join("fr/search"));
    assert_eq!(fr.pages["strings.html"].0, "Chaînes");
    assert_eq!(fr.pages["boundary.html"].0, "The FFI boundary");
    let content = &fr.pages["strings.html"].2;
    assert!(content.contains("interopérabilité"), "{content}");
    // The page chrome (navigation, search box, footer) is not indexed.
    assert!(!content.contains("Rechercher"), "{content}");
    assert!(!fr.surfaces.contains_key("rechercher"));
    // Nor the "#" of heading anchors.
    let boundary = &fr.pages["boundary.html"].2;
    assert!(!boundary.contains('#'), "{boundary}");
    // Words are found without accents, under their stem.
    let key = &fr.surfaces["interoperabilite"];
    assert_eq!(fr.keys[key], ["strings.html"]);
}

#[test]
fn korean_words_are_listed_under_their_stem() {
    let site = built();
    let ko = index(&site.out().join("ko/search"));
    let text = &ko.pages["strings.html"].2;
    assert!(
        text.contains("마샬링은") && text.contains("마샬링을"),
        "{text}"
    );
    // 마샬링은 and 마샬링을 are one key, which the bare stem finds too.
    assert_eq!(ko.surfaces["마샬링은"], "마샬링");
    assert_eq!(ko.surfaces["마샬링을"], "마샬링");
    assert_eq!(ko.surfaces["마샬링"], "마샬링");
    assert!(ko.keys["마샬링"].contains(&"strings.html".to_string()));
    // French words keep their particles' look-alikes: no Korean rule there.
    let fr = index(&site.out().join("fr/search"));
    assert!(fr.surfaces.values().all(|k| !k.contains('`')));
    // The search box strips the same endings from a Korean query.
    let page = site.page("ko/strings.html");
    assert!(
        page.contains("data-endings=\"했습니다 "),
        "the Korean page lists the endings"
    );
    assert!(site.page("fr/strings.html").contains("data-endings=\"\""));
}

#[test]
fn the_search_box_points_at_its_locale_index_and_the_engine() {
    let site = built();
    let page = site.page("fr/strings.html");
    assert!(page.contains(r#"data-bundle="../fr/search/""#), "{page}");
    let engine = page
        .split("data-engine=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the search box names its engine");
    let engine = site.out().join("fr").join(engine);
    let script = std::fs::read_to_string(&engine).unwrap_or_else(|e| panic!("{engine:?}: {e}"));
    assert!(script.contains("export function open("), "{engine:?}");
    // Nothing of the Pagefind bundles this index replaced is left.
    assert!(!site.out().join("fr/pagefind").exists());
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
    let fr = index(&site.out().join("fr/search"));
    let content = &fr.pages["strings.html"].2;
    assert!(content.contains("ornithorynque"), "{content}");
    assert_eq!(fr.keys[&fr.surfaces["ornithorynque"]], ["strings.html"]);
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
