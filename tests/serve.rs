//! `interdoc serve` on a loopback port: what it serves, what it refuses, and
//! how it rebuilds. Requests are plain HTTP/1.1 over a TcpStream.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::Fixture;

const SECRET: &str = "top secret: must never be served";

fn site() -> Fixture {
    let f = Fixture::with(&[
        (
            "site.toml",
            "title = \"Serve\"\nlocales = [\"en\", \"fr\"]\n",
        ),
        ("secret.txt", SECRET),
        (
            "content/en/index.md",
            "---\ntitle: Home\n---\n# Home\n\n[A](a.md) and [B](b.md).\n",
        ),
        (
            "content/en/a.md",
            "---\ntitle: Alpha\n---\n# Alpha\n\nThe first page.\n",
        ),
        (
            "content/en/b.md",
            "---\ntitle: Beta\n---\n# Beta\n\nThe second page.\n",
        ),
        (
            "content/fr/a.md",
            "---\ntitle: Alpha (fr)\n---\n# Alpha\n\nLa première page.\n",
        ),
        (
            "content/en/img.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    f.write_bytes("static/app.wasm", b"\0asm\x01\0\0\0");
    f
}

/// A running `interdoc serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &Fixture) -> Server {
        Server::try_start(site, 0).expect("the server starts")
    }

    fn try_start(site: &Fixture, port: u16) -> Result<Server, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_interdoc"))
            .args([
                "serve",
                "--skip-samples",
                "--port",
                &port.to_string(),
                "--root",
            ])
            .arg(site.root())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split(" at http://127.0.0.1:").nth(1) {
                    let port: u16 = url.split('/').next().unwrap().parse().unwrap();
                    let _ = tx.send(port);
                }
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(port) => Ok(Server { child, port, log }),
            Err(_) => {
                let status = child.wait().unwrap();
                Err(format!("{status}: {}", log.lock().unwrap()))
            }
        }
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut req =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        stream.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    /// Polls `path` until `done` holds (or panics after 20 s); returns how long it took.
    fn wait_for(&self, path: &str, done: impl Fn(&Response) -> bool) -> Duration {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if done(&self.get(path)) {
                return started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{path} never got there; server log:\n{}",
            self.log.lock().unwrap()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Modification time of every file of the output folder.
fn mtimes(out: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

#[test]
fn files_are_served_with_their_types_and_nothing_outside() {
    let site = site();
    let server = Server::start(&site);
    let out = site.out();
    let hashed = |prefix: &str| {
        let name = std::fs::read_dir(out.join("static"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix))
            .unwrap();
        format!("/static/{name}")
    };
    for (path, expected) in [
        ("/en/a.html".to_string(), "text/html; charset=utf-8"),
        ("/en/".to_string(), "text/html; charset=utf-8"),
        ("/".to_string(), "text/html; charset=utf-8"),
        (hashed("style."), "text/css; charset=utf-8"),
        (hashed("interdoc."), "text/javascript; charset=utf-8"),
        ("/en/img.svg".to_string(), "image/svg+xml; charset=utf-8"),
        ("/static/app.wasm".to_string(), "application/wasm"),
        (
            "/en/search/pages.json".to_string(),
            "application/json; charset=utf-8",
        ),
    ] {
        let r = server.get(&path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, expected),
            "{path}"
        );
    }
    // Pages get the live-reload script; `build` output never has it.
    assert!(
        server
            .get("/en/a.html")
            .text()
            .contains("/__interdoc/live.js")
    );
    assert!(
        !std::fs::read_to_string(out.join("en/a.html"))
            .unwrap()
            .contains("__interdoc")
    );

    let missing = server.get("/en/nope.html");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert!(
        missing.text().contains("class=\"not-found\""),
        "the site's 404 page"
    );

    std::os::unix::fs::symlink(site.root().join("secret.txt"), out.join("leak.txt")).unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/en/%2E%2E/%2e%2e/secret.txt",
        "/en/..%2f..%2fsecret.txt",
        "/en\\..\\..\\secret.txt",
        "/leak.txt",
    ] {
        let r = server.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains(SECRET), "{path} leaked the file");
    }

    let full = server.get("/en/a.html");
    let head = server.request("HEAD", "/en/a.html", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), full.body.len().to_string());
    let etag = full.header("etag").to_string();
    assert!(etag.starts_with('"'), "{etag}");
    let again = server.request("GET", "/en/a.html", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let post = server.request("POST", "/en/a.html", &[]);
    assert_eq!(post.status, 405);
}

#[test]
fn an_edit_rewrites_only_the_pages_that_depend_on_it_and_tells_the_browser() {
    let site = site();
    let server = Server::start(&site);
    let before = mtimes(&site.out());

    // Listen to the live-reload events first.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .write_all(b"GET /__interdoc/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut reader = BufReader::new(events);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.contains("200"), "{status}");

    std::thread::sleep(Duration::from_millis(1100)); // a visible mtime step
    site.write(
        "content/fr/a.md",
        "---\ntitle: Alpha (fr)\n---\n# Alpha\n\nLa première page, corrigée.\n",
    );
    let took = server.wait_for("/fr/a.html", |r| r.text().contains("corrigée"));
    println!("edit to served page: {took:?}");

    let mut event = String::new();
    while !event.starts_with("data:") {
        event.clear();
        reader.read_line(&mut event).unwrap();
    }
    assert!(
        event.contains("\"reload\"") && event.contains("fr/a.html"),
        "{event}"
    );

    // Let the search bundle follow, then compare.
    server.wait_for("/fr/a.html", |_| {
        server.log.lock().unwrap().contains("search index updated")
    });
    let after = mtimes(&site.out());
    let changed: Vec<&String> = after
        .keys()
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert!(changed.contains(&&"fr/a.html".to_string()), "{changed:?}");
    for path in &changed {
        assert!(
            *path == "fr/a.html" || path.starts_with("fr/search/"),
            "{path} changed, but does not depend on content/fr/a.md: {changed:?}"
        );
    }
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("1 page(s) rendered"), "{log}");
}

#[test]
fn an_edit_reaches_every_page_that_shows_it() {
    let site = site();
    let server = Server::start(&site);
    // Front matter alone: the body, and so its parse, is unchanged.
    site.write(
        "content/en/b.md",
        "---\ntitle: Beta\ndescription: Now described.\n---\n# Beta\n\nThe second page.\n",
    );
    server.wait_for("/en/b.html", |r| {
        r.text()
            .contains("<meta name=\"description\" content=\"Now described.\">")
    });
    // A new title: every page's navigation, and the French fallback page.
    site.write(
        "content/en/b.md",
        "---\ntitle: Beta renamed\n---\n# Beta renamed\n\nThe second page.\n",
    );
    server.wait_for("/en/a.html", |r| r.text().contains("Beta renamed"));
    server.wait_for("/fr/b.html", |r| r.text().contains("Beta renamed"));
    // A new page: it joins the navigation of the others.
    site.write("content/en/c.md", "---\ntitle: Gamma\n---\n# Gamma\n");
    server.wait_for("/en/a.html", |r| r.text().contains("c.html"));
    server.wait_for("/en/c.html", |r| r.text().contains("Gamma"));
    // A link to a heading that did not exist is reported, then resolves once
    // the heading is there; the page with the link is rendered again.
    site.write(
        "content/en/index.md",
        "---\ntitle: Home\n---\n# Home\n\n[A](a.md) and [B](b.md), [later](a.md#later).\n",
    );
    server.wait_for("/en/index.html", |r| r.text().contains("interdoc-overlay"));
    site.write(
        "content/en/a.md",
        "---\ntitle: Alpha\n---\n# Alpha\n\nThe first page.\n\n## Later {#later}\n",
    );
    server.wait_for("/en/index.html", |r| {
        let text = r.text();
        text.contains("href=\"a.html#later\"") && !text.contains("interdoc-overlay")
    });
}

#[test]
fn a_failed_rebuild_shows_its_errors_over_the_last_good_page() {
    let site = site();
    let server = Server::start(&site);
    site.write("content/en/b.md", "---\ntitle: [unclosed\n---\n# Beta\n");
    server.wait_for("/en/a.html", |r| r.text().contains("interdoc-overlay"));
    let page = server.get("/en/b.html").text();
    let diagnostic = "error: content/en/b.md:3:1: invalid YAML in front matter";
    assert!(
        page.contains(diagnostic),
        "the overlay names the file: {page}"
    );
    assert!(
        page.contains("The second page."),
        "the last good page is underneath"
    );
    // The terminal too: its log is read from the server's stderr on another
    // thread, and may come a moment after the overlay.
    server.wait_for("/en/b.html", |_| {
        server.log.lock().unwrap().contains(diagnostic)
    });

    site.write(
        "content/en/b.md",
        "---\ntitle: Beta\n---\n# Beta\n\nFixed.\n",
    );
    server.wait_for("/en/b.html", |r| {
        let text = r.text();
        !text.contains("interdoc-overlay") && text.contains("Fixed.")
    });
}

#[test]
fn ctrl_c_stops_the_server_and_leaves_no_temporary_files() {
    let site = site();
    let mut server = Server::start(&site);
    // SAFETY: kill() with a pid of our own child and a valid signal number.
    unsafe { libc::kill(server.child.id() as i32, libc::SIGINT) };
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "still running");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    let leftovers: Vec<String> = mtimes(&site.out())
        .into_keys()
        .filter(|p| p.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}

#[test]
fn a_taken_port_is_reported_with_a_way_out() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = Server::try_start(&site, port)
        .err()
        .expect("the port is taken");
    assert!(err.contains(&format!("port {port} is in use")), "{err}");
    assert!(err.contains("--port"), "{err}");
}
