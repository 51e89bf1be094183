//! Verified samples: code includes cut from real files, samples built with one
//! cargo run, run, compared with their expected output, and cached.

mod common;

use common::{Fixture, between, interdoc};

/// A copy of `tests/fixtures/samples-site` in a temporary folder.
fn site() -> Fixture {
    Fixture::copy_of("samples-site")
}

/// Adds a package to the fixture's samples workspace.
fn add_sample(site: &Fixture, name: &str, main_rs: &str, expected: &str, metadata: &str) {
    site.write(
        &format!("samples/{name}/Cargo.toml"),
        &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[package.metadata.interdoc]\n{metadata}\n"),
    );
    site.write(&format!("samples/{name}/src/main.rs"), main_rs);
    site.write(&format!("samples/{name}/expected_output.txt"), expected);
    let manifest = std::fs::read_to_string(site.root().join("samples/Cargo.toml")).unwrap();
    site.write(
        "samples/Cargo.toml",
        &manifest.replace(
            "members = [\"hello\"",
            &format!("members = [\"hello\", \"{name}\""),
        ),
    );
}

/// The visible text of an HTML fragment.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The visible lines of a numbered listing.
fn lines_of(listing: &str) -> Vec<String> {
    text_of(listing).lines().map(String::from).collect()
}

fn summary(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.starts_with("samples:"))
        .unwrap_or_else(|| panic!("no samples line:\n{stderr}"))
}

#[test]
fn samples_are_verified_shown_and_cached() {
    let site = site();
    let first = site.build(&["--strict"]);
    first.assert_ok();
    assert_eq!(
        summary(&first.stderr),
        "samples: 1 ok, 0 failed, 0 reused from the cache; cargo ran 1 time(s)"
    );

    let html = site.page("en/index.html");
    let article = between(&html, "<article", "</article>");
    // DocFX include: the region without its nested markers, line 2 emphasized,
    // highlighted at build time.
    assert!(article.contains("<span class=\"code-title\">Greeting</span> <code class=\"code-file\">samples/hello/src/main.rs</code>"), "{article}");
    let listing = between(
        article,
        "<pre class=\"numbered\"><code class=\"language-rust\">",
        "</code></pre>",
    );
    assert_eq!(
        lines_of(listing),
        [
            "fn greet(name: &str) -> String {",
            "    format!(\"hello, {name}\")",
            "}"
        ]
    );
    assert!(listing.contains("<span class=\"line hl\">"), "{listing}");
    assert!(
        listing.contains("hl-keyword") || listing.contains("hl-storage"),
        "not highlighted: {listing}"
    );
    // :::code from a TOML region.
    let toml = between(article, "<code class=\"language-toml\">", "</code></pre>");
    assert_eq!(
        lines_of(toml),
        [
            "[package.metadata.interdoc]",
            "expected-output = \"expected_output.txt\""
        ]
    );
    // mdBook include inside a fence.
    let fence = between(
        article,
        "<pre><code class=\"language-rust\">",
        "</code></pre>",
    );
    assert_eq!(text_of(fence).lines().next(), Some("fn main() {"));
    assert!(text_of(fence).contains("greet(\"모두\")"));
    // The real output, stamped with the compiler that verified it.
    assert!(
        article.contains("<pre><samp>hello, world\nhello, 모두</samp></pre>"),
        "{article}"
    );
    let rustc = String::from_utf8(
        std::process::Command::new("rustc")
            .arg("-V")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let version = rustc.split_whitespace().nth(1).unwrap();
    assert!(
        article.contains(&format!("Verified with rustc {version}")),
        "{article}"
    );
    for leaked in [
        "[!code",
        ":::",
        "{{#include",
        "ANCHOR",
        "// <",
        "sample-output name",
    ] {
        assert!(!article.contains(leaked), "{leaked} leaked into {article}");
    }
    // The French fallback page shows the same listing with French captions.
    assert!(site.page("fr/index.html").contains("Sortie de hello"));

    // Nothing changed: no cargo at all, from the report rather than from timing.
    let second = site.build(&["--strict"]);
    second.assert_ok();
    assert_eq!(
        summary(&second.stderr),
        "samples: 1 ok, 0 failed, 1 reused from the cache; cargo ran 0 time(s)"
    );

    // A change to the sample's sources runs it again.
    site.write(
        "samples/hello/src/main.rs",
        &std::fs::read_to_string(site.root().join("samples/hello/src/main.rs"))
            .unwrap()
            .replace("// <format>", "// <format>\n    // a comment"),
    );
    let third = site.build(&["--strict"]);
    third.assert_ok();
    assert_eq!(
        summary(&third.stderr),
        "samples: 1 ok, 0 failed, 0 reused from the cache; cargo ran 1 time(s)"
    );
}

#[test]
fn a_changed_expected_output_fails_with_a_diff() {
    let site = site();
    site.write(
        "samples/hello/expected_output.txt",
        "hello, world\nhello, everyone\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: samples/hello/expected_output.txt: sample `hello` printed something else than expected_output.txt"), "{}", run.stderr);
    assert!(
        run.stderr.contains("-hello, everyone\n+hello, 모두"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: referenced by content/en/index.md"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
    // Line endings and trailing spaces do not count as differences.
    site.write(
        "samples/hello/expected_output.txt",
        "hello, world  \r\nhello, 모두\r\n\r\n",
    );
    site.build(&[]).assert_ok();
}

#[test]
fn compile_errors_point_into_the_sample() {
    let site = site();
    add_sample(
        &site,
        "broken",
        "fn main() {\n    let n: u32 = \"not a number\";\n    println!(\"{n}\");\n}\n",
        "",
        "",
    );
    site.write(
        "content/en/broken.md",
        "# Broken\n\n:::sample-output name=\"broken\":::\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("does not compile"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.starts_with("error: samples/broken/src/main.rs:2:18: sample `broken` does not compile: mismatched types"), "{line}");
    assert!(
        run.stderr
            .contains("hint: referenced by content/en/broken.md")
    );
    // The other sample still built and ran.
    assert!(
        summary(&run.stderr).starts_with("samples: 1 ok, 1 failed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sample_that_never_ends_is_killed_at_its_timeout() {
    let site = site();
    add_sample(
        &site,
        "spin",
        "fn main() {\n    println!(\"started\");\n    loop {\n        std::hint::spin_loop();\n    }\n}\n",
        "started\n",
        "timeout = 2",
    );
    site.write("content/en/spin.md", "---\nsamples: [spin]\n---\n# Spin\n");
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("sample `spin` did not finish within 2 s and was killed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: referenced by content/en/spin.md")
    );
    // Generous bound: the point is that the build ends at all.
    assert!(started.elapsed().as_secs() < 120);
}

#[test]
fn include_mistakes_are_reported_at_the_topic() {
    let site = site();
    site.write(
        "content/en/mistakes.md",
        "# Mistakes\n\n[!code-rust[Nope](../../samples/hello/src/main.rs#nope)]\n\n[!code-text[Passwords](../../../../../etc/passwd)]\n\n:::code source=\"~/../outside.txt\":::\n\n[!code-rust[Gone](../../samples/hello/src/gone.rs)]\n\n:::sample-output name=\"ghost\":::\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let diags = run.diagnostics();
    let expected = [
        "error: content/en/mistakes.md:9:1: code include `../../samples/hello/src/gone.rs`: cannot read samples/hello/src/gone.rs: No such file or directory (os error 2)",
        "error: content/en/mistakes.md:3:1: code include `../../samples/hello/src/main.rs`: there is no region `nope`",
        "error: content/en/mistakes.md:5:1: code include `../../../../../etc/passwd` is outside the site; it was not read",
        "error: content/en/mistakes.md:7:1: code include `~/../outside.txt` is outside the site; it was not read",
        "error: samples/ghost: there is no sample `ghost` (referenced by content/en/mistakes.md)",
    ];
    let mut got = diags.clone();
    got.sort();
    let mut want: Vec<&str> = expected.to_vec();
    want.sort();
    assert_eq!(got, want, "\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: regions in samples/hello/src/main.rs: greet, format, main"),
        "{}",
        run.stderr
    );
}

#[test]
fn skip_samples_runs_nothing_and_says_so() {
    let site = site();
    let run = site.build(&["--skip-samples"]);
    run.assert_ok();
    assert_eq!(
        summary(&run.stderr),
        "samples: 1 not verified (--skip-samples)"
    );
    assert!(
        !site.root().join(".interdoc-cache/target").exists(),
        "cargo was not run"
    );
    let html = site.page("en/index.html");
    assert!(html.contains("<span class=\"sample-unverified\">Not verified in this build</span>"));
    // The listing and the expected output are still shown.
    assert!(html.contains("<pre><samp>hello, world\nhello, 모두</samp></pre>"));
}

#[test]
fn the_samples_command_prints_a_table() {
    let site = site();
    add_sample(
        &site,
        "unused",
        "fn main() { println!(\"x\"); }\n",
        "x\n",
        "",
    );
    let root = site.root().to_str().unwrap();
    let run = interdoc(&["samples", "--root", root], site.root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert!(rows[0].starts_with("sample"), "{}", run.stdout);
    assert!(
        rows.iter().any(|r| r.starts_with("hello")
            && r.contains("verified")
            && r.ends_with("content/en/index.md")),
        "{}",
        run.stdout
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("unused") && r.contains("verified") && r.ends_with(" -")),
        "{}",
        run.stdout
    );
    let only = interdoc(&["samples", "--root", root, "--only", "hello"], site.root());
    assert_eq!(
        only.stdout
            .lines()
            .filter(|l| l.starts_with("hello") || l.starts_with("unused"))
            .count(),
        1,
        "{}",
        only.stdout
    );
}
