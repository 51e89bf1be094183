//! The command line: `init`, `--help`, `--version`, `--quiet`.

mod common;

use common::interdoc;

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let run = interdoc(&["init", "site"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("site");
    for locale in ["en", "fr", "ko", "pt-BR", "zh-TW"] {
        assert!(
            root.join("content").join(locale).join("index.md").is_file(),
            "{locale}"
        );
    }
    let build = interdoc(&["build", "--root", "site", "--strict"], dir.path());
    assert_eq!(build.code, 0, "{}", build.stderr);
    for dir_name in ["en", "fr", "ko", "pt-br", "zh-tw"] {
        let html =
            std::fs::read_to_string(root.join("public").join(dir_name).join("index.html")).unwrap();
        assert!(
            !html.contains("banner-untranslated"),
            "{dir_name}: every home is translated"
        );
    }
    // A second init refuses to overwrite the site.
    let again = interdoc(&["init", "site"], dir.path());
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn help_version_and_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let help = interdoc(&["--help"], dir.path());
    assert_eq!(help.code, 0);
    for cmd in ["build", "init"] {
        assert!(help.stdout.contains(cmd));
    }
    let build_help = interdoc(&["build", "--help"], dir.path());
    for flag in ["--root", "--out", "--strict", "--base-url", "--quiet"] {
        assert!(build_help.stdout.contains(flag), "{flag}");
    }
    let version = interdoc(&["--version"], dir.path());
    assert_eq!(
        version.stdout.trim(),
        format!("interdoc {}", env!("CARGO_PKG_VERSION"))
    );

    interdoc(&["init", "s"], dir.path());
    let quiet = interdoc(&["build", "--root", "s", "--quiet"], dir.path());
    assert_eq!(quiet.code, 0);
    assert_eq!(quiet.stderr, "", "a clean quiet build prints nothing");
}
