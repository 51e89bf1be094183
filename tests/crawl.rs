//! No internal `href` or `src` of a built site points at a missing file or anchor:
//! checked by crawling the output of the repository's own site and of the seed docset.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::{interdoc, seed_site};

/// Internal link targets of one HTML file: (attribute value) for href/src.
fn targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8 URL")
}

fn ids(html: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for attr in [" id=\"", " name=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            found.insert(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    found
}

/// Every broken internal reference in the site under `out`, as "page -> target".
fn broken(out: &Path) -> (usize, Vec<String>) {
    let mut pages: HashMap<PathBuf, String> = HashMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.insert(
                entry.path().to_path_buf(),
                std::fs::read_to_string(entry.path()).unwrap(),
            );
        }
    }
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page, html) in &pages {
        for target in targets(html) {
            let external = target.starts_with("//")
                || target
                    .split_once(':')
                    .is_some_and(|(s, _)| !s.contains('/') && !s.is_empty());
            if external || target.is_empty() {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(decode(f))),
                None => (target.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or_default();
            let file = if path.is_empty() {
                page.clone()
            } else if let Some(root_relative) = path.strip_prefix('/') {
                out.join(decode(root_relative))
            } else {
                page.parent().unwrap().join(decode(path))
            };
            let file = if file.is_dir() {
                file.join("index.html")
            } else {
                file
            };
            let Ok(file) = file.canonicalize() else {
                problems.push(format!("{} -> {target}: no such file", page.display()));
                continue;
            };
            assert!(
                file.starts_with(out.canonicalize().unwrap()),
                "{target} leaves the site"
            );
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let html = pages
                    .get(&file)
                    .cloned()
                    .or_else(|| std::fs::read_to_string(&file).ok())
                    .unwrap_or_default();
                if !ids(&html).contains(&fragment) {
                    problems.push(format!("{} -> {target}: no anchor", page.display()));
                }
            }
        }
    }
    (checked, problems)
}

#[test]
fn the_repository_site_has_no_broken_internal_links() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("site");
    let run = interdoc(
        &[
            "build",
            "--root",
            repo.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        repo,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (checked, problems) = broken(&out_dir);
    assert!(checked > 50, "only {checked} links checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_seed_docset_has_no_broken_internal_links() {
    let site = seed_site();
    site.build(&[]).assert_ok();
    let (checked, problems) = broken(&site.out());
    assert!(checked > 100, "only {checked} links checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_crawler_finds_broken_links() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html"), "<a href=\"b.html\">b</a> <a href=\"c.html#x\">c</a> <img src=\"missing.png\"> <a href=\"https://x.test/\">x</a>").unwrap();
    std::fs::write(dir.path().join("c.html"), "<h2 id=\"y\">y</h2>").unwrap();
    let (checked, problems) = broken(dir.path());
    assert_eq!(checked, 3);
    assert_eq!(problems.len(), 3, "{problems:?}");
}

/// The synthetic corpus of `../shared/bench/gen_corpus.py` (the one the speed
/// benchmark builds), large enough that its sidebars show the current
/// section only: every internal link of the output still resolves.
#[test]
fn the_benchmark_corpus_has_no_broken_internal_links() {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    assert!(
        generator.is_file(),
        "the corpus generator is expected at {}",
        generator.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .args(["--topics", "320", "--section-size", "40", "--out"])
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success());
    let root = dir.path().join("ours");
    let run = interdoc(&["build", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    let out = root.join("public");
    let (checked, problems) = broken(&out);
    assert!(checked > 10_000, "only {checked} links checked");
    assert!(problems.is_empty(), "{problems:#?}");

    // 8 sections of 40 topics: a page's sidebar opens its own section only,
    // and every other section still leads somewhere.
    let page = std::fs::read_to_string(out.join("fr/02-concepts/topic-41.html")).unwrap();
    let sidebar = &page[page.find("<nav").unwrap()..];
    let sidebar = &sidebar[..sidebar.find("</nav>").unwrap()];
    let links = sidebar.matches("<a ").count();
    assert!((40..=48).contains(&links), "{links} links in {sidebar}");
    assert!(
        sidebar.contains("topic-80.html"),
        "its own section: {sidebar}"
    );
    assert_eq!(
        sidebar.matches("01-getting-started/").count(),
        1,
        "a closed section is one link: {sidebar}"
    );
    assert!(sidebar.contains("aria-current=\"page\""), "{sidebar}");
}
