//! The built site in a real headless Chromium (tests/browser/suite.mjs, with
//! playwright-core driving Debian's /usr/bin/chromium). Skipped with a notice
//! where Chromium or Node is missing; under `CI=true` it must run.

use std::path::Path;
use std::process::Command;

fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_site_works_in_a_real_browser() {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = repo.join("tests/browser");
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists())
            .then_some("chromium (apt-get install chromium chromium-driver)"),
        (!found("node")).then_some("node"),
        (!suite.join("node_modules/playwright-core").is_dir())
            .then_some("playwright-core (npm ci --prefix tests/browser)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        assert!(
            !in_ci,
            "browser tests must run under CI=true, but these are missing: {}",
            missing.join(", ")
        );
        println!("browser tests skipped: missing {}", missing.join(", "));
        return;
    }

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let search_site = out.path().join("search-site");
    build(repo, &site);
    // Built from a copy: a build keeps its caches beside the content, and the
    // fixture folder is part of the repository.
    let search_root = out.path().join("search-root");
    copy_dir(&repo.join("tests/fixtures/search-site"), &search_root);
    build(&search_root, &search_site);
    let docfx_root = out.path().join("docfx-root");
    let docfx_site = out.path().join("docfx-site");
    copy_dir(&repo.join("tests/fixtures/docfx"), &docfx_root);
    build(&docfx_root, &docfx_site);

    // A preview server on a copy of the search fixture, for the live-reload tests.
    let serve_root = out.path().join("serve-site");
    copy_dir(&repo.join("tests/fixtures/search-site"), &serve_root);
    // There from the start, so that a stylesheet added to it is a change of
    // style alone.
    std::fs::create_dir_all(serve_root.join("static")).unwrap();
    let (mut server, serve_base) = start_server(&serve_root);

    let run = Command::new("node")
        .arg("--test")
        .arg("--test-concurrency=1")
        .arg(suite.join("suite.mjs"))
        .env("SITE_DIR", &site)
        .env("SEARCH_SITE_DIR", &search_site)
        .env("DOCFX_SITE_DIR", &docfx_site)
        .env("SERVE_BASE", &serve_base)
        .env("SERVE_ROOT", &serve_root)
        .env("SCREENSHOT_DIR", repo.join("target/screenshots"))
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let report = String::from_utf8_lossy(&run.stdout);
    println!("{report}");
    assert!(
        run.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(report.contains("# fail 0"), "{report}");
}

fn build(root: &Path, out: &Path) {
    let build = Command::new(env!("CARGO_BIN_EXE_interdoc"))
        .args(["build", "--skip-samples", "--quiet", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Starts `interdoc serve` on a free port; returns it and its base URL.
fn start_server(root: &Path) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_interdoc"))
        .args(["serve", "--skip-samples", "--port", "0", "--root"])
        .arg(root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(rest) = line.split(" at ").nth(1) {
                let _ = tx.send(
                    rest.split(' ')
                        .next()
                        .unwrap_or("")
                        .trim_end_matches('/')
                        .to_string(),
                );
            }
            println!("serve: {line}");
        }
    });
    let base = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("interdoc serve starts");
    (child, base)
}
