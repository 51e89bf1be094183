//! Bad input: every problem is reported with its place, the build goes on to
//! find the others, exits 1, and the previous output stays exactly as it was.

mod common;

use common::{Fixture, interdoc, tree_hashes};

fn good_site() -> Fixture {
    Fixture::with(&[
        ("content/en/index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/en/a.md", "---\ntitle: A\n---\n\nSee [b](b.md).\n"),
        ("content/en/b.md", "---\ntitle: B\n---\n\nText.\n"),
    ])
}

#[test]
fn broken_yaml_and_invalid_utf8_are_reported_and_public_is_untouched() {
    let site = good_site();
    site.build(&[]).assert_ok();
    let before = tree_hashes(&site.out());
    assert!(before.len() > 10);

    site.write(
        "content/en/broken.md",
        "---\ntitle: Broken\nkeywords: [unclosed\norder: 2\n---\n\n# Broken\n",
    );
    site.write_bytes(
        "content/fr/latin1.md",
        b"---\ntitle: x\n---\n\nCaf\xe9 au lait\n",
    );
    // A problem in a third, unrelated file shows the build kept going.
    site.write(
        "content/en/a.md",
        "---\ntitle: A\norder: soon\n---\n\nSee [b](b.md).\n",
    );

    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 3, "{diags:?}");
    assert!(
        diags[0].starts_with(
            "error: content/en/a.md:3:1: front matter key `order` must be a whole number"
        ),
        "{diags:?}"
    );
    assert!(
        diags[1].starts_with("error: content/en/broken.md:4:6: invalid YAML in front matter"),
        "{diags:?}"
    );
    assert!(
        diags[2].starts_with("error: content/fr/latin1.md:5:4: file is not valid UTF-8"),
        "{diags:?}"
    );
    assert!(run.stderr.contains("hint: "));
    // Every other page was still processed: the summary counts them.
    assert!(
        run.stderr
            .lines()
            .any(|l| l.split_whitespace().eq(["en", "4", "0", "0", "0"])),
        "{}",
        run.stderr
    );

    assert_eq!(
        tree_hashes(&site.out()),
        before,
        "public/ changed after a failed build"
    );
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}

#[test]
fn unterminated_and_non_mapping_front_matter() {
    let site = good_site();
    site.write("content/en/open.md", "---\ntitle: never closed\n\n# Body\n");
    site.write("content/en/list.md", "---\n- a\n- b\n---\n# List\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].starts_with("error: content/en/list.md:2:1: front matter must be a mapping"),
        "{diags:?}"
    );
    assert!(
        diags[1].starts_with("error: content/en/open.md:1:1: front matter is not closed"),
        "{diags:?}"
    );
}

#[test]
fn unknown_locale_folders_and_broken_links_are_errors() {
    let site = good_site();
    site.write("content/de/index.md", "# Start\n");
    site.write(
        "content/en/c.md",
        "# C\n\nA [missing page](nowhere.md) and an [escape](../../site.toml).\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 3, "{diags:?}");
    assert!(
        diags[0].starts_with("error: content/de: `de` is not one of the site's locales"),
        "{diags:?}"
    );
    assert!(
        diags[1].starts_with("error: content/en/c.md:3:3: link `nowhere.md` (\"missing page\"): there is no topic nowhere.md"),
        "{diags:?}"
    );
    assert!(
        diags[2].starts_with(
            "error: content/en/c.md:3:37: link `../../site.toml` (\"escape\"): climbs out of its locale folder"
        ),
        "{diags:?}"
    );
    assert!(
        !site.out().exists(),
        "nothing is written by a failed first build"
    );
}

#[test]
fn crlf_and_bom_files_are_read_like_any_other() {
    let site = good_site();
    site.write_bytes(
        "content/en/win.md",
        b"\xEF\xBB\xBF---\r\ntitle: Windows file\r\n---\r\n\r\n## Section\r\n\r\nText.\r\n",
    );
    site.build(&[]).assert_ok();
    let html = site.page("en/win.html");
    assert!(html.contains("<title>Windows file"));
    assert!(html.contains("<h2 id=\"section\">Section</h2>"));
}

#[test]
fn strict_fails_on_warnings_and_keeps_the_old_site() {
    let site = good_site();
    site.build(&["--strict"]).assert_ok();
    let before = tree_hashes(&site.out());
    site.write(
        "content/en/stray.txt.md",
        "---\ndate: someday\n---\n# Stray\n",
    );
    let lax = site.build(&[]);
    assert_eq!(lax.code, 0, "{}", lax.stderr);
    assert!(
        lax.stderr
            .contains("warning: content/en/stray.txt.md:2:1: `date: someday` is not a date")
    );
    let lax_tree = tree_hashes(&site.out());
    assert_ne!(lax_tree, before);
    let strict = site.build(&["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.contains("warnings are errors under --strict"));
    assert_eq!(tree_hashes(&site.out()), lax_tree);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = interdoc(&["build", "--root", "no/such/site"], dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no content/ folder"),
        "{}",
        run.stderr
    );
    assert_eq!(interdoc(&["build", "--frobnicate"], dir.path()).code, 2);
    assert_eq!(interdoc(&["publish"], dir.path()).code, 2);
    // An invalid site.toml is a content error: exit 1, with its place.
    let site = good_site();
    site.write(
        "site.toml",
        "title = 'Docs'\nlocales = ['en', 'klingon-Latn-XX']\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: site.toml: `klingon-Latn-XX` is not a language tag"),
        "{}",
        run.stderr
    );
}
