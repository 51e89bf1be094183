//! `interdoc serve`: builds the site, serves the output folder on loopback,
//! watches the sources and rebuilds on every change. Only pages whose inputs
//! changed are rendered again ([`crate::render::Memo`]) and only files whose
//! bytes changed are written, each swapped in whole; open pages reload (or
//! take new stylesheets) through Server-Sent Events, and a failed rebuild shows
//! its diagnostics over the last good page.

mod http;
mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::Instant;

use crate::site::{self, BuildOptions, Memo};
use crate::write::{self, Written};

/// How long the sources must stay unchanged before the search bundles are
/// rebuilt after the pages.
const SEARCH_QUIET: std::time::Duration = std::time::Duration::from_secs(3);

pub struct ServeOptions {
    pub root: PathBuf,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    pub build: BuildOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("port {0} is in use; choose another one with --port (for example --port {next})", next = .0.wrapping_add(1))]
    PortTaken(u16),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
    #[error("cannot watch the sources: {0}")]
    Watch(#[from] notify::Error),
    #[error(transparent)]
    Build(#[from] site::BuildError),
    #[error("cannot write the site: {0}")]
    Write(#[from] write::WriteError),
    #[error("{0}")]
    Runtime(std::io::Error),
}

/// Runs until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let addr = SocketAddr::new(options.host, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortTaken(options.port)
            } else {
                ServeError::Listen(addr, e)
            }
        })?;
    let local = listener.local_addr().map_err(ServeError::Runtime)?;
    if !options.host.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines",
            options.host
        );
    }

    // Listen for Ctrl-C (and SIGTERM) before anything else, so a signal that
    // comes early still stops the server cleanly.
    let (mut interrupt, mut terminate) = runtime
        .block_on(async {
            use tokio::signal::unix::{SignalKind, signal};
            Ok::<_, std::io::Error>((
                signal(SignalKind::interrupt())?,
                signal(SignalKind::terminate())?,
            ))
        })
        .map_err(ServeError::Runtime)?;
    let (stopping, _) = tokio::sync::watch::channel(false);
    let mut session = Session::start(&options, &stopping)?;
    let shared = Arc::clone(&session.shared);
    let (_watcher, changes) = watch::start(&session.root)?;
    let url = format!("http://{local}/");
    eprintln!(
        "serving {} at {url} (Ctrl-C to stop)",
        session.root.display()
    );
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    // Rebuilds run on their own thread, one at a time; changes that arrive
    // meanwhile are taken together by the next one.
    // The thread also looks at `stopping` between changes: shutting down must
    // not depend on when the watcher's own threads let go of the channel.
    let stopped = stopping.subscribe();
    let rebuilds = std::thread::spawn(move || {
        loop {
            let mut paths = match changes.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(paths) => paths,
                Err(mpsc::RecvTimeoutError::Timeout) if !*stopped.borrow() => continue,
                Err(_) => break,
            };
            while let Ok(more) = changes.try_recv() {
                paths.extend(more);
            }
            if let Some(change) = watch::Change::of(&session.root, &paths) {
                session.rebuild(&change);
            }
        }
        session.finish();
    });

    let app = http::router(shared);
    let served = runtime.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
                let _ = stopping.send(true);
            })
            .await
    });
    drop(_watcher);
    let _ = rebuilds.join();
    eprintln!("stopped");
    served.map_err(ServeError::Runtime)
}

struct Session {
    root: PathBuf,
    out: PathBuf,
    build: BuildOptions,
    memo: Memo,
    /// Shared with the thread that writes the search bundles.
    written: Arc<Mutex<Written>>,
    /// Bumped by each rebuild: a search bundle of an older one is stale.
    search_generation: Arc<AtomicU64>,
    search_job: Option<std::thread::JoinHandle<()>>,
    shared: Arc<http::Shared>,
    /// The diagnostics printed after the last build.
    shown: Shown,
}

impl Session {
    /// The first build, written as `build` writes (one swap of the folder).
    fn start(
        options: &ServeOptions,
        stopping: &tokio::sync::watch::Sender<bool>,
    ) -> Result<Session, ServeError> {
        let root = std::fs::canonicalize(&options.root).unwrap_or(options.root.clone());
        let build = BuildOptions {
            strict: false,
            check_only: false,
            ..options.build.clone()
        };
        let memo = Memo::default();
        let mut shown = Shown::default();
        let started = Instant::now();
        let (out, errors, written) = match site::render_site(&root, &build, Some(&memo))? {
            Err(report) => {
                eprint!("{}", report.render());
                (root.join("public"), messages(&report), Written::default())
            }
            Ok(mut rendered) => {
                let out = rendered.site.out.clone();
                if rendered.report.failed() {
                    eprint!("{}", rendered.report.render());
                    (out, messages(&rendered.report), Written::default())
                } else {
                    let mut files = std::mem::take(&mut rendered.files);
                    files.extend(rendered.index_search());
                    let written = write::write(&out, &files)?;
                    print_warnings(&rendered.report, &mut shown);
                    eprintln!(
                        "built {} files in {} ms",
                        files.len(),
                        started.elapsed().as_millis()
                    );
                    (out, Vec::new(), written)
                }
            }
        };
        memo.render.take_rendered();
        let (events, _) = tokio::sync::broadcast::channel(16);
        let shared = Arc::new(http::Shared {
            out: out.clone(),
            errors: RwLock::new(errors),
            events,
            stopping: stopping.clone(),
        });
        Ok(Session {
            root,
            out,
            build,
            memo,
            written: Arc::new(Mutex::new(written)),
            search_generation: Arc::new(AtomicU64::new(0)),
            search_job: None,
            shared,
            shown,
        })
    }

    fn rebuild(&mut self, change: &watch::Change) {
        let started = Instant::now();
        let names: Vec<String> = change
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        eprintln!("changed: {}", names.join(", "));
        if change.everything {
            self.memo.clear();
        }
        // Only these files are looked at again (see `load::Memo::changed`).
        self.memo
            .load
            .changed(change.files.iter().map(|f| self.root.join(f)));
        let mut rendered = match site::render_site(&self.root, &self.build, Some(&self.memo)) {
            Ok(Ok(rendered)) => rendered,
            Ok(Err(report)) => return self.failed(&messages(&report), &report.render()),
            Err(e) => return self.failed(&[e.to_string()], &format!("error: {e}\n")),
        };
        if rendered.report.failed() {
            let text = rendered.report.render();
            return self.failed(&messages(&rendered.report), &text);
        }
        let rendered_pages = self.memo.render.take_rendered();
        let pages = match self.written.lock() {
            Ok(mut written) => {
                match write::update(&self.out, &rendered.files, &mut written, &|p| {
                    !is_search_file(p)
                }) {
                    Ok(changed) => changed,
                    Err(e) => return self.failed(&[e.to_string()], &format!("error: {e}\n")),
                }
            }
            Err(_) => {
                let e = "a search thread failed";
                return self.failed(&[e.to_string()], &format!("error: {e}\n"));
            }
        };
        let html_ms = started.elapsed().as_millis();
        if let Ok(mut errors) = self.shared.errors.write() {
            errors.clear();
        }
        let kind = if change.css_only { "css" } else { "reload" };
        let message = serde_json::json!({ "kind": kind, "paths": pages });
        let _ = self.shared.events.send(message.to_string());
        print_warnings(&rendered.report, &mut self.shown);
        let stages: Vec<String> = rendered
            .report
            .timings
            .stages
            .iter()
            .map(|(name, d)| format!("{name} {}", d.as_millis()))
            .collect();
        eprintln!(
            "rebuilt in {html_ms} ms: {rendered_pages} page(s) rendered, {} file(s) written ({} ms)",
            pages.len(),
            stages.join(", ")
        );

        // The search bundles follow on their own thread: they take longer, and
        // neither the page nor the next rebuild waits for them. A bundle built
        // from pages that have changed again since is dropped.
        let generation = self.search_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = Arc::clone(&self.search_generation);
        let written = Arc::clone(&self.written);
        let out = self.out.clone();
        self.search_job = Some(std::thread::spawn(move || {
            // A writer saving again soon makes this bundle stale before it is
            // done: wait for a quiet moment, and give up if one comes.
            std::thread::sleep(SEARCH_QUIET);
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            let search = rendered.index_search();
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            let Ok(mut written) = written.lock() else {
                return;
            };
            match write::update(&out, &search, &mut written, &|p| is_search_file(p)) {
                Ok(changed) if !changed.is_empty() => eprintln!(
                    "search index updated in {} ms",
                    started.elapsed().as_millis()
                ),
                Ok(_) => {}
                Err(e) => eprintln!("error: {e}"),
            }
        }));
    }

    /// Waits for the search bundle being written, so none is left half-done.
    fn finish(self) {
        if let Some(job) = self.search_job {
            let _ = job.join();
        }
    }

    /// Keeps the last good pages on disk and shows the diagnostics over them.
    fn failed(&self, errors: &[String], text: &str) {
        eprint!("{text}");
        if let Ok(mut current) = self.shared.errors.write() {
            *current = errors.to_vec();
        }
        let message = serde_json::json!({ "kind": "errors", "errors": errors });
        let _ = self.shared.events.send(message.to_string());
    }
}

/// The diagnostics of a report as lines (file:line:col: message, hint).
fn messages(report: &crate::report::BuildReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

/// The diagnostics of the build before, as shown.
#[derive(Default)]
struct Shown {
    last: Vec<crate::diagnostics::Diagnostic>,
    texts: HashSet<String>,
}

/// Prints the diagnostics that the build before did not have, and a count of
/// the others: a rebuild reports what the edit changed, not every warning of
/// the site again.
fn print_warnings(report: &crate::report::BuildReport, shown: &mut Shown) {
    let again = if report.diagnostics == shown.last {
        report.diagnostics.len()
    } else {
        let mut now = HashSet::with_capacity(report.diagnostics.len());
        let mut again = 0;
        for d in &report.diagnostics {
            let text = d.to_string();
            if shown.texts.contains(&text) {
                again += 1;
            } else {
                eprintln!("{text}");
            }
            now.insert(text);
        }
        shown.texts = now;
        shown.last = report.diagnostics.clone();
        again
    };
    if again > 0 {
        eprintln!("({again} diagnostic(s) as in the build before)");
    }
}

/// `<locale>/search/...`: output paths are `/`-separated.
fn is_search_file(path: &str) -> bool {
    path.split('/').nth(1) == Some(crate::search::BUNDLE_DIR)
}
