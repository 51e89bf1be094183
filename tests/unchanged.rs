//! A build with nothing to do (src/fresh.rs): when no file of the site changed
//! since the last successful build and its output is as it left it, the build
//! prints that build's report again and writes nothing; any change, to an
//! input, to the output or to the options, gives a full build.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::Fixture;

const UNCHANGED: &str = "nothing changed since the last build";
const BUILT: &str = "built ";

/// Dates every file under `dir` a minute back: files just written are never
/// trusted by their stamp, so a site fresh from the fixture is always rebuilt.
fn age(dir: &Path) {
    let minute_ago = SystemTime::now() - Duration::from_secs(60);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age(&path);
        } else {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(minute_ago).unwrap();
        }
    }
}

fn site() -> Fixture {
    let site = Fixture::copy_of("search-site");
    // A warning, to see that the report is given again whole: a French page
    // links to a page that has no French translation.
    site.write(
        "content/fr/links.md",
        "---\ntitle: Liens\n---\n# Liens\n\nVoir [la frontière](boundary.md).\n",
    );
    age(site.root());
    site
}

#[test]
fn an_unchanged_site_gives_the_last_report_and_writes_nothing() {
    let site = site();
    let first = site.build(&[]);
    first.assert_ok();
    assert!(first.stderr.contains(BUILT), "{}", first.stderr);
    let warned = first.diagnostics();
    assert!(
        warned.iter().any(|w| w.contains("content/fr/links.md")),
        "{}",
        first.stderr
    );
    let before = common::tree_hashes(&site.out());

    let second = site.build(&[]);
    second.assert_ok();
    assert!(second.stderr.contains(UNCHANGED), "{}", second.stderr);
    assert_eq!(second.diagnostics(), warned, "the same diagnostics");
    assert_eq!(common::tree_hashes(&site.out()), before);
}

#[test]
fn a_changed_input_a_touched_output_or_other_options_build_again() {
    let site = site();
    site.build(&[]).assert_ok();
    assert!(site.build(&[]).stderr.contains(UNCHANGED));

    // An input changed (dated in the past, so only its length and inode tell).
    site.write(
        "content/fr/strings.md",
        "---\ntitle: Chaînes\n---\n# Chaînes\n\nUn mot nouveau : ornithorynque.\n",
    );
    age(&site.root().join("content"));
    let run = site.build(&[]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);
    assert!(site.page("fr/strings.html").contains("ornithorynque"));
    assert!(site.build(&[]).stderr.contains(UNCHANGED));

    // A page of the output edited by hand: built again, and the page restored.
    let page = site.out().join("fr/strings.html");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, "edited").unwrap();
    let run = site.build(&[]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);
    assert_eq!(std::fs::read(&page).unwrap(), good);

    // A file added to the output folder: built again, and the file is gone.
    std::fs::write(site.out().join("stray.html"), "x").unwrap();
    let run = site.build(&[]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);
    assert!(!site.out().join("stray.html").exists());

    // Other options: built again.
    let run = site.build(&["--base-url", "https://example.org/docs/"]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);

    // A file changed a moment ago is not trusted by its stamp.
    site.write("content/en/index.md", "# Home\n");
    let run = site.build(&[]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);
    let run = site.build(&[]);
    assert!(run.stderr.contains(BUILT), "{}", run.stderr);
}

#[test]
fn a_failed_build_is_never_taken_as_the_last_one() {
    let site = site();
    site.build(&[]).assert_ok();
    site.write("content/fr/links.md", "# Liens\n\n[rompu](absent.md)\n");
    age(&site.root().join("content"));
    let failed = site.build(&[]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    // The same broken input fails again: it is checked, not taken as built.
    let again = site.build(&[]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(!again.stderr.contains(UNCHANGED), "{}", again.stderr);
}

/// A stand-in for rustc that reports `version`, beside the site.
fn fake_rustc(dir: &Path, version: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let rustc = dir.join(format!("rustc-{version}"));
    std::fs::write(
        &rustc,
        format!("#!/bin/sh\necho 'rustc {version} (stand-in)'\n"),
    )
    .unwrap();
    std::fs::set_permissions(&rustc, std::fs::Permissions::from_mode(0o755)).unwrap();
    rustc
}

/// `interdoc build` with `RUSTC` set to `rustc`.
fn build_with_rustc(site: &Fixture, rustc: &Path) -> common::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_interdoc"))
        .args(["build", "--skip-samples", "--root"])
        .arg(site.root())
        .env("RUSTC", rustc)
        .output()
        .unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

#[test]
fn another_toolchain_builds_again_when_the_site_has_samples() {
    let site = site();
    site.write("samples/Cargo.toml", "[workspace]\nmembers = []\n");
    age(site.root());
    let tools = tempfile::tempdir().unwrap();
    let (old, new) = (
        fake_rustc(tools.path(), "1.90.0"),
        fake_rustc(tools.path(), "1.91.0"),
    );
    let first = build_with_rustc(&site, &old);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = build_with_rustc(&site, &old);
    assert!(again.stderr.contains(UNCHANGED), "{}", again.stderr);
    let newer = build_with_rustc(&site, &new);
    assert!(newer.stderr.contains(BUILT), "{}", newer.stderr);
}
