//! Hostile input: every bad file gets a diagnostic or is handled, nothing
//! panics, nothing outside the site is read or written, and the build ends in
//! bounded time and memory.

mod common;

use std::time::{Duration, Instant};

use common::Fixture;

/// `tests/fixtures/hostile/` plus what is too big or too odd to check in.
fn hostile_site() -> Fixture {
    let f = Fixture::copy_of("hostile");
    // A 50 MB topic.
    let paragraph = "Plain text that goes on and on, with *emphasis* and `code`.\n\n";
    f.write(
        "content/en/huge.md",
        &paragraph.repeat(50_000_000 / paragraph.len()),
    );
    // 10,000 headings with the same text.
    f.write("content/en/headings.md", &"## Same\n\n".repeat(10_000));
    // 10,000 levels of nested lists and of block quotes.
    let mut nested = String::new();
    for depth in 0..10_000 {
        nested.push_str(&"  ".repeat(depth));
        nested.push_str("- item\n");
    }
    nested.push('\n');
    nested.push_str(&">".repeat(10_000));
    nested.push_str(" deep\n");
    f.write("content/en/nested.md", &nested);
    // Odd file names.
    f.write(
        "content/en/a b #?.md",
        "# Spaces, a hash and a question mark\n",
    );
    f.write("content/en/한국어 이름.md", "# 한국어\n");
    // Symbolic links: a loop, and one that leads outside the site.
    let outside = f
        .root()
        .parent()
        .unwrap()
        .join(format!("outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "# Secret\n").unwrap();
    std::os::unix::fs::symlink(&outside, f.root().join("content/en/outside-dir")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.md"),
        f.root().join("content/en/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", f.root().join("content/en/loop")).unwrap();
    f
}

fn peak_rss_of_children_kib() -> i64 {
    // SAFETY: getrusage only writes the struct we pass.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

#[test]
fn hostile_input_is_reported_and_bounded() {
    let site = hostile_site();
    let started = Instant::now();
    let run = site.build(&[]);
    let elapsed = started.elapsed();

    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(elapsed < Duration::from_secs(300), "took {elapsed:?}");
    let peak = peak_rss_of_children_kib();
    assert!(peak < 2 * 1024 * 1024, "peak memory {} MiB", peak / 1024);

    let expect = [
        "content/en/yaml-bomb.md:2:",
        "content/en/non-mapping.md:2:1: front matter must be a mapping",
        "content/en/unterminated.md:1:1: front matter is not closed",
        "content/en/invalid-utf8.md:5:4: file is not valid UTF-8",
        "content/en/index.md:7:1: link `../../../../etc/passwd` (\"Passwords\"): climbs out",
        "content/en/index.md:9:1: code include `/etc/passwd` is outside the site; it was not read",
        "content/en/index.md:11:1: code include `../../../../etc/passwd` is outside the site; it was not read",
        "content/en/secret.md: symbolic link points outside the site; not read",
        "content/en/outside-dir: symbolic link points outside the site; not read",
        "locales/fr/broken.ftl:3:6: Fluent syntax error",
        "templates/keywords.html: rendering stopped: the page exceeded",
        "templates: Maximum render recursion depth for components exceeded",
    ];
    for e in expect {
        assert!(run.stderr.contains(e), "missing `{e}` in:\n{}", run.stderr);
    }
    // The looping template is reported once, not once per locale.
    assert_eq!(
        run.stderr.matches("rendering stopped").count(),
        1,
        "{}",
        run.stderr
    );
    // Nothing was written: the failed build leaves no output and no temporary folder.
    assert!(!site.out().exists());
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());

    // The rest of the input is handled: remove the template and strings that
    // fail every page, and the odd-but-valid files build.
    std::fs::remove_dir_all(site.root().join("templates")).unwrap();
    std::fs::remove_dir_all(site.root().join("locales")).unwrap();
    for bad in [
        "yaml-bomb.md",
        "non-mapping.md",
        "unterminated.md",
        "invalid-utf8.md",
        "secret.md",
        "outside-dir",
    ] {
        std::fs::remove_file(site.root().join("content/en").join(bad)).unwrap();
    }
    site.write(
        "content/en/index.md",
        "---\ntitle: Home <script>alert(\"title\")</script>\n---\n\n# Hostile inputs\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The 50 MB page is searchable up to a bound, once per page, not per locale.
    let capped = "content/en/huge.md: the page is";
    assert_eq!(run.stderr.matches(capped).count(), 1, "{}", run.stderr);
    assert!(site.out().join("en/search/pages.json").is_file());
    let home = site.page("en/index.html");
    assert!(home.contains("Home &lt;script&gt;"), "titles are escaped");
    assert!(!home.contains("<script>alert"));
    assert!(site.out().join("en/a b #?.html").is_file());
    assert!(
        site.page("en/index.html").contains("a%20b%20%23%3F.html"),
        "odd names are linked percent-encoded"
    );
    let headings = site.page("en/headings.html");
    assert!(headings.contains("id=\"same-9999\""));
    assert!(site.page("en/bom-crlf.html").contains("id=\"works\""));
    assert!(
        site.page("en/nul-bytes.html").contains("\u{fffd}"),
        "NUL becomes U+FFFD"
    );
    assert!(
        !site.out().join("en/outside-dir").exists(),
        "directory symlinks are not followed"
    );
}
