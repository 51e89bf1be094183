//! Faults: a build killed at any moment never leaves a broken site behind, and
//! output that cannot be written is a clear error that keeps the old site.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Fixture, tree_hashes};

/// A site big enough that a build takes a while, so kills land in every stage.
fn big_site() -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", "locales = ['en', 'fr']\n");
    f.write("content/en/index.md", "# Home\n");
    for i in 0..300 {
        let body = format!(
            "---\ntitle: Topic {i}\n---\n\n## Part one\n\nText of topic {i} with a [link](topic-{next}.md).\n\n```rust\nfn topic_{i}() -> u32 {{ {i} }}\n```\n\n## Part two\n\n> [!NOTE]\n> A note.\n",
            next = (i + 1) % 300
        );
        f.write(&format!("content/en/topic-{i}.md"), &body);
        if i % 10 == 0 {
            f.write(
                &format!("content/fr/topic-{i}.md"),
                &body.replace("Text of", "Texte de"),
            );
        }
    }
    f
}

fn build_command(site: &Fixture) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_interdoc"));
    cmd.args(["build", "--quiet", "--root"]).arg(site.root());
    cmd
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_complete() {
    let site = big_site();
    let started = Instant::now();
    assert!(build_command(&site).status().unwrap().success());
    let full = started.elapsed();
    let reference = tree_hashes(&site.out());
    assert!(reference.len() > 600);

    for i in 0..20u32 {
        // Spread the kills over the whole build, in a scrambled order.
        let fraction = f64::from((i * 7) % 20) / 20.0 + 0.01;
        let mut child = build_command(&site).spawn().unwrap();
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            tree_hashes(&site.out()),
            reference,
            "kill {i} at {fraction:.2} of a build changed public/"
        );
    }

    // The next build succeeds and leaves no temporary folder behind.
    assert!(build_command(&site).status().unwrap().success());
    assert_eq!(tree_hashes(&site.out()), reference);
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
    assert!(full < Duration::from_secs(60));
}

#[test]
fn output_that_cannot_be_written_is_a_clear_error() {
    let site = big_site();
    // The output folder's parent is a file: nothing can be created there.
    site.write("not-a-folder", "x");
    let out = site.root().join("not-a-folder/public");
    let run = common::interdoc(
        &[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        site.root(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: cannot write "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not-a-folder"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn build_info_describes_the_site_without_a_timestamp() {
    let site = Fixture::with(&[
        ("content/en/index.md", "# Home\n"),
        ("content/fr/index.md", "# Accueil\n"),
    ]);
    site.build(&[]).assert_ok();
    let first = site.page("build-info.json");
    let info: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        info["generator"],
        format!("interdoc {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(info["locales"]["fr"]["translated"], 1);
    assert_eq!(info["content_hash"].as_str().unwrap().len(), 64);
    site.build(&[]).assert_ok();
    assert_eq!(
        site.page("build-info.json"),
        first,
        "an unchanged site gets the same build-info.json"
    );
    site.write("content/en/index.md", "# Home, edited\n");
    site.build(&[]).assert_ok();
    assert_ne!(site.page("build-info.json"), first);
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_restores_ones_edited_by_hand() {
    use std::os::unix::fs::MetadataExt;
    let site = Fixture::with(&[
        (
            "content/en/index.md",
            "# Home\n\nSee [the other page](other.md).\n",
        ),
        ("content/en/other.md", "# Other\n\nSome text.\n"),
    ]);
    site.build(&[]).assert_ok();
    let ino = |p: &str| std::fs::metadata(site.out().join(p)).unwrap().ino();
    let (home, other) = (ino("en/index.html"), ino("en/other.html"));
    // What the build remembers of its output is kept beside its caches.
    assert!(site.root().join(".interdoc-cache/written").is_file());

    // Someone edits a built page in place, keeping its length.
    let good = site.page("en/other.html");
    let edited = good.replacen("Some text.", "Xome text.", 1);
    assert_eq!(edited.len(), good.len());
    std::fs::write(site.out().join("en/other.html"), &edited).unwrap();

    site.write(
        "content/en/index.md",
        "# Home\n\nSee [the page](other.md).\n",
    );
    site.build(&[]).assert_ok();
    assert_ne!(
        ino("en/index.html"),
        home,
        "the changed page is written anew"
    );
    assert_eq!(
        site.page("en/other.html"),
        good,
        "the edited page is restored"
    );
    assert_ne!(ino("en/other.html"), other);

    // Nothing changed: every file is the one already there.
    let before = (ino("en/index.html"), ino("en/other.html"));
    site.build(&[]).assert_ok();
    assert_eq!((ino("en/index.html"), ino("en/other.html")), before);

    // A garbled manifest is ignored: the files are compared instead.
    std::fs::write(site.root().join(".interdoc-cache/written"), "garbage\n").unwrap();
    std::fs::write(site.out().join("en/other.html"), &edited).unwrap();
    site.build(&[]).assert_ok();
    assert_eq!(site.page("en/other.html"), good);
}
