//! `serve` rebuilds reuse what earlier rebuilds made: parsed bodies, resolved
//! links and rendered pages, looked up by path and text or taken by their
//! place while the sources are the same allocations. After each kind of edit,
//! a rebuild with the session's memo must give exactly the files and
//! diagnostics of a build from nothing; this runs both on a copy of the
//! repository's own site (five locales, translations, keywords, includes).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use interdoc::BuildOptions;
use interdoc::site::{self, Memo};

struct Output {
    files: BTreeMap<String, Vec<u8>>,
    diagnostics: Vec<String>,
}

fn render(root: &Path, memo: &Memo) -> Output {
    let options = BuildOptions {
        skip_samples: true,
        ..BuildOptions::default()
    };
    let rendered = match site::render_site(root, &options, Some(memo)) {
        Ok(Ok(rendered)) => rendered,
        Ok(Err(report)) => panic!("the site did not render:\n{}", report.render()),
        Err(e) => panic!("{e}"),
    };
    Output {
        files: rendered
            .files
            .iter()
            .map(|f| (f.path.clone(), f.content.bytes().unwrap().into_owned()))
            .collect(),
        diagnostics: rendered
            .report
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

struct Session {
    root: PathBuf,
    memo: Memo,
}

impl Session {
    /// Changes files as an editor would, tells the memo as the watcher does,
    /// rebuilds, and compares with a build from nothing.
    fn edit(&self, what: &str, change: impl FnOnce(&Path) -> Vec<PathBuf>) {
        let changed = change(&self.root);
        self.memo
            .load
            .changed(changed.iter().map(|p| self.root.join(p)));
        let kept = render(&self.root, &self.memo);
        let fresh = render(&self.root, &Memo::default());
        let paths = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&kept), paths(&fresh), "{what}: the files");
        for (path, bytes) in &fresh.files {
            assert!(
                kept.files[path] == *bytes,
                "{what}: {path} differs from a build from nothing"
            );
        }
        assert_eq!(
            kept.diagnostics, fresh.diagnostics,
            "{what}: the diagnostics"
        );
    }
}

fn append(root: &Path, file: &str, text: &str) -> Vec<PathBuf> {
    let path = root.join(file);
    let mut all = std::fs::read_to_string(&path).unwrap();
    all.push_str(text);
    std::fs::write(&path, all).unwrap();
    vec![PathBuf::from(file)]
}

fn replace(root: &Path, file: &str, from: &str, to: &str) -> Vec<PathBuf> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    vec![PathBuf::from(file)]
}

#[test]
fn every_kind_of_edit_rebuilds_as_a_build_from_nothing() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for part in ["content", "samples", "locales", "templates", "static"] {
        copy_dir(&repo.join(part), &root.join(part));
    }
    let session = Session {
        root,
        memo: Memo::default(),
    };
    // The first build fills the memo; with nothing changed, all is reused.
    session.edit("first build", |_| Vec::new());
    session.edit("nothing changed", |_| Vec::new());

    let en = "content/en/interop/callbacks.md";
    let fr = "content/fr/interop/callbacks.md";
    session.edit("a source's body (its translations become outdated)", |r| {
        replace(
            r,
            en,
            "A C library that calls back",
            "A C library that often calls back",
        )
    });
    session.edit("the same file again", |r| {
        replace(r, en, "often calls back", "usually calls back")
    });
    session.edit("a title", |r| {
        replace(
            r,
            en,
            "title: Callbacks and function pointers",
            "title: Callbacks, closures and function pointers",
        )
    });
    session.edit("keywords", |r| {
        replace(
            r,
            en,
            "  - trampolines\n",
            "  - trampolines\n  - reentrancy\n",
        )
    });
    session.edit("a new heading, so a new anchor", |r| {
        append(
            r,
            en,
            "\n## Reentrancy {#reentrancy}\n\nA callback may call back.\n",
        )
    });
    session.edit("a link to that anchor from a translation", |r| {
        append(r, fr, "\nVoir [la réentrance](callbacks.md#reentrancy).\n")
    });
    session.edit("a broken link", |r| {
        append(r, fr, "\nVoir [rien](absent.md).\n")
    });
    session.edit("two files at once", |r| {
        let mut changed = replace(r, en, "## Reentrancy", "## Re-entrancy");
        changed.extend(replace(r, fr, "[rien](absent.md)", "[rien](callbacks.md)"));
        changed
    });
    session.edit("a new topic", |r| {
        let file = "content/en/interop/new-topic.md";
        std::fs::write(
            r.join(file),
            "---\ntitle: New topic\n---\n# New topic\n\nNew.\n",
        )
        .unwrap();
        vec![PathBuf::from(file)]
    });
    // A title taken from the heading changes with the body alone: the front
    // matter, and so the site's shape, stay as they were.
    let untitled = "content/en/interop/untitled.md";
    session.edit("a topic titled by its heading, and an xref to it", |r| {
        std::fs::write(
            r.join(untitled),
            "---\nuid: untitled-topic\n---\n# Heading one\n",
        )
        .unwrap();
        let mut changed = vec![PathBuf::from(untitled)];
        changed.extend(append(r, en, "\nSee <xref:untitled-topic>.\n"));
        changed
    });
    session.edit("that heading", |r| {
        replace(r, untitled, "# Heading one", "# Heading two")
    });
    session.edit("a translation removed", |r| {
        std::fs::remove_file(r.join(fr)).unwrap();
        vec![PathBuf::from(fr)]
    });
}
