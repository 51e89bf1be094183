//! Translation freshness: `interdoc status`, `--stamp`, the outdated banner and
//! the translation dashboard.

mod common;

use common::{Fixture, interdoc, seed_site};

fn status_json(site: &Fixture) -> serde_json::Value {
    let root = site.root().to_str().unwrap();
    let run = interdoc(&["status", "--root", root, "--format", "json"], site.root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The state of `topic` in the `n`-th translated locale.
fn state(status: &serde_json::Value, topic: &str, n: usize) -> String {
    status["topics"][topic][n]["state"]
        .as_str()
        .unwrap()
        .to_string()
}

fn stamp(site: &Fixture, file: &str) -> common::Run {
    let root = site.root().to_str().unwrap();
    interdoc(&["status", "--root", root, "--stamp", file], site.root())
}

fn site() -> Fixture {
    Fixture::with(&[
        ("site.toml", "locales = ['en', 'fr', 'ko']\n"),
        (
            "content/en/guide.md",
            "---\ntitle: Guide\n---\n\nThe first version.\n",
        ),
        // A translation with comments, odd key order and CRLF line ends:
        // stamping must leave every byte of it alone but the hash line.
        (
            "content/fr/guide.md",
            "---\r\n# Traduit à la main\r\ntitle: Guide   # titre\r\nzeta: 1\r\nalpha: 2\r\n---\r\n\r\nLa première version.\r\n",
        ),
    ])
}

#[test]
fn an_edited_source_makes_its_translations_outdated_until_stamped() {
    let site = site();
    let before = std::fs::read(site.root().join("content/fr/guide.md")).unwrap();
    assert_eq!(state(&status_json(&site), "guide.md", 0), "no-record");
    assert_eq!(state(&status_json(&site), "guide.md", 1), "missing");

    let run = stamp(&site, "content/fr/guide.md");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read(site.root().join("content/fr/guide.md")).unwrap();
    // Exactly one line was added, before the closing fence, in the file's own
    // line ends; every other byte is as it was.
    let hash_line_len = "source_hash: 0123456789ab\r\n".len();
    assert_eq!(after.len(), before.len() + hash_line_len);
    let cut = before.len() - "---\r\n\r\nLa première version.\r\n".len();
    assert_eq!(&after[..cut], &before[..cut]);
    assert!(after[cut..].starts_with(b"source_hash: "));
    assert!(after[cut..cut + hash_line_len].ends_with(b"\r\n"));
    assert_eq!(&after[cut + hash_line_len..], &before[cut..]);
    assert_eq!(state(&status_json(&site), "guide.md", 0), "current");
    site.build(&[]).assert_ok();
    assert!(!site.page("fr/guide.html").contains("banner-outdated"));

    // The English text changes: the translation is outdated, and says so.
    site.write(
        "content/en/guide.md",
        "---\ntitle: Guide\n---\n\nThe second version.\n",
    );
    assert_eq!(state(&status_json(&site), "guide.md", 0), "outdated");
    let run = site.build(&["--strict"]);
    run.assert_ok();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.split_whitespace().eq(["fr", "1", "0", "1", "0"])),
        "{}",
        run.stderr
    );
    let fr = site.page("fr/guide.html");
    assert!(fr.contains("class=\"banner banner-outdated\""), "{fr}");
    assert!(fr.contains("La version anglaise de cette page a changé"));
    assert!(fr.contains("<a href=\"../en/guide.html\" hreflang=\"en\">"));

    // A front matter change in the source does not count: only the body does.
    site.write(
        "content/en/guide.md",
        "---\ntitle: Guide, renamed\n---\n\nThe second version.\n",
    );
    assert_eq!(state(&status_json(&site), "guide.md", 0), "outdated");

    // Stamping again replaces the hash in place.
    let stamped = std::fs::read(site.root().join("content/fr/guide.md")).unwrap();
    assert_eq!(stamp(&site, "content/fr/guide.md").code, 0);
    let restamped = std::fs::read(site.root().join("content/fr/guide.md")).unwrap();
    assert_eq!(restamped.len(), stamped.len());
    assert_ne!(restamped, stamped);
    assert_eq!(state(&status_json(&site), "guide.md", 0), "current");
    site.build(&[]).assert_ok();
    assert!(!site.page("fr/guide.html").contains("banner-outdated"));
}

#[test]
fn only_translations_can_be_stamped() {
    let site = site();
    let run = stamp(&site, "content/en/guide.md");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a translation"),
        "{}",
        run.stderr
    );
    site.write("content/fr/orphan.md", "# Orphelin\n");
    let run = stamp(&site, "content/fr/orphan.md");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has no source topic"), "{}", run.stderr);
}

#[test]
fn the_seed_translations_are_machine_assisted_where_marked() {
    let site = seed_site();
    let status = status_json(&site);
    let locales: Vec<&str> = status["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(locales, ["fr", "ko", "pt-BR", "zh-TW"]);
    let topic = common::SEED_TOPIC;
    for (i, expected) in [true, false, true, false].into_iter().enumerate() {
        assert_eq!(
            status["topics"][topic][i]["machine_assisted"], expected,
            "{}",
            locales[i]
        );
        assert_eq!(state(&status, topic, i), "no-record");
    }
    assert_eq!(status["totals"][0]["machine_assisted"], 1);
    let root = site.root().to_str().unwrap();
    let text = interdoc(
        &["status", "--root", root, "--locale", "pt-br"],
        site.root(),
    )
    .stdout;
    assert!(
        text.contains("no-record  docs/framework/interop/index.md (machine-assisted)"),
        "{text}"
    );
    assert!(
        !text.contains("\nfr\n"),
        "--locale shows one locale: {text}"
    );
}

#[test]
fn the_dashboard_lists_every_topic_and_locale() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    let html = site.page("translation-status.html");
    let table = common::between(&html, "<table class=\"status-table\">", "</table>");
    let topics = std::fs::read_dir(site.root().join("content/en/docs/framework/interop"))
        .unwrap()
        .count();
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), topics);
    for code in ["fr", "ko", "pt-BR", "zh-TW"] {
        assert!(
            table.contains(&format!("<th scope=\"col\" lang=\"{code}\">{code}</th>")),
            "{code}"
        );
    }
    // The picture: one square per topic per locale, coloured by state.
    assert_eq!(html.matches("<a class=\"cell s-").count(), topics * 4);
    assert_eq!(
        html.matches("class=\"cell s-machine\"").count(),
        0,
        "unstamped seeds are not current"
    );
    assert_eq!(html.matches("class=\"cell s-no-record\"").count(), 4);
    assert!(
        html.contains("0 current, 0 outdated, 5 not translated, of 6 topics"),
        "{html}"
    );
    // Linked from every page.
    assert!(
        site.page("ko/docs/framework/interop/index.html")
            .contains("href=\"../../../../translation-status.html\"")
    );
}
