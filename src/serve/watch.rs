//! Which files `serve` watches, and what a change to each one invalidates.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

/// Quiet time that ends a burst of changes. An editor's save is a few events
/// within a millisecond or two; a burst cut short costs one more rebuild.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// The folders whose files make the site, under the root.
const WATCHED: &[&str] = &["content", "locales", "templates", "static", "samples"];

/// What a batch of changed files asks of the next build.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Something every page depends on changed (templates, UI strings,
    /// static files, the configuration): render everything again.
    pub everything: bool,
    /// Only stylesheets changed: pages can take them without a reload.
    pub css_only: bool,
    /// The changed files, relative to the root.
    pub files: Vec<PathBuf>,
}

impl Change {
    pub fn of(root: &Path, paths: &[PathBuf]) -> Option<Change> {
        let mut files: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            .filter(|rel| relevant(rel))
            .map(Path::to_path_buf)
            .collect();
        files.sort();
        files.dedup();
        if files.is_empty() {
            return None;
        }
        let everything = files.iter().any(|f| !f.starts_with("content"));
        let css_only = files
            .iter()
            .all(|f| f.starts_with("static") && f.extension().is_some_and(|e| e == "css"));
        Some(Change {
            everything,
            css_only,
            files,
        })
    }
}

/// A file of the site, not a build product or an editor's scratch file.
fn relevant(rel: &Path) -> bool {
    if rel == Path::new("site.toml") {
        return true;
    }
    // DocFX xref maps usually sit at the root, beside site.toml.
    if rel.parent() == Some(Path::new(""))
        && rel
            .extension()
            .is_some_and(|e| e == "yml" || e == "yaml" || e == "json")
    {
        return true;
    }
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = parts.next() else {
        return false;
    };
    if !WATCHED.contains(&top.as_ref()) {
        return false;
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp");
    !scratch && !parts.any(|p| p == "target" || p.starts_with('.'))
}

/// Starts watching `root`: each batch of changed paths arrives on the
/// receiver 15 ms after the last change of a burst (an editor's save is
/// several events). Reads are not changes: the build reads every source.
pub fn start(root: &Path) -> notify::Result<(Watching, mpsc::Receiver<Vec<PathBuf>>)> {
    let (raw_tx, raw_rx) = mpsc::channel::<Vec<PathBuf>>();
    // Events lost (the system's queue overflowed) or a watch that failed:
    // reported as a change of the whole content folder, which makes the next
    // build look at every file.
    let everything = root.join("content");
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let paths = match event {
            Ok(event) if event.need_rescan() => vec![everything.clone()],
            Ok(event) => match event.kind {
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => event.paths,
                _ => return,
            },
            Err(_) => vec![everything.clone()],
        };
        let _ = raw_tx.send(paths);
    })?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // The root itself, for site.toml.
    watcher.watch(root, RecursiveMode::NonRecursive)?;

    let watcher = Arc::new(Mutex::new(watcher));
    let (tx, rx) = mpsc::channel();
    let root = root.to_path_buf();
    // Weak, so that dropping the [`Watching`] handle stops the watcher, which
    // closes the raw channel and ends this thread and the receiver's stream.
    let watching = Arc::downgrade(&watcher);
    std::thread::spawn(move || {
        while let Ok(mut batch) = raw_rx.recv() {
            while let Ok(more) = raw_rx.recv_timeout(DEBOUNCE) {
                batch.extend(more);
            }
            // A folder of the site created while serving (templates/, say) is
            // watched from now on.
            for dir in WATCHED {
                let path = root.join(dir);
                if batch.contains(&path)
                    && path.is_dir()
                    && let Some(watcher) = watching.upgrade()
                    && let Ok(mut w) = watcher.lock()
                {
                    let _ = w.watch(&path, RecursiveMode::Recursive);
                }
            }
            if tx.send(batch).is_err() {
                return;
            }
        }
    });
    Ok((Watching { _watcher: watcher }, rx))
}

/// Keeps the watcher alive; dropping it stops the watching.
pub struct Watching {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        let root = Path::new("/site");
        let of = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
            Change::of(root, &paths)
        };
        let topic = of(&["content/en/a.md"]).unwrap();
        assert!(!topic.everything && !topic.css_only);
        assert!(of(&["templates/base.html"]).unwrap().everything);
        assert!(of(&["site.toml"]).unwrap().everything);
        assert!(of(&["xrefmap.yml"]).unwrap().everything);
        let css = of(&["static/style.css"]).unwrap();
        assert!(css.everything && css.css_only);
        assert_eq!(of(&["public/en/a.html", "content/en/.a.md.swp"]), None);
        assert_eq!(of(&["samples/call-c/target/debug/x", "README.md"]), None);
    }
}
