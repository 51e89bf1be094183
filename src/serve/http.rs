//! The preview server: files of the output folder, never anything outside it,
//! with the live-reload script (and the error overlay, while the last rebuild
//! failed) added to every HTML page.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use sha2::{Digest, Sha256};
use tokio::sync::{broadcast, watch};

pub const EVENTS: &str = "/__interdoc/events";
pub const SCRIPT: &str = "/__interdoc/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// What the server and the rebuild loop share.
pub struct Shared {
    pub out: PathBuf,
    /// The diagnostics of the last rebuild when it failed: shown over every page.
    pub errors: RwLock<Vec<String>>,
    /// Messages to the pages (JSON), one per rebuild.
    pub events: broadcast::Sender<String>,
    /// Set when the server stops, to end the event streams.
    pub stopping: watch::Sender<bool>,
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS, get(events))
        .route(SCRIPT, get(script))
        .fallback(file)
        .with_state(shared)
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

/// Server-Sent Events: one message per rebuild, until the server stops.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let state = (shared.events.subscribe(), shared.stopping.subscribe());
    let stream = futures_util::stream::unfold(state, |(mut rx, mut stop)| async move {
        loop {
            let msg = tokio::select! {
                msg = rx.recv() => msg,
                _ = stop.wait_for(|s| *s) => return None,
            };
            match msg {
                Ok(msg) => return Some((Ok(Event::default().data(msg)), (rx, stop))),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(
    State(shared): State<Arc<Shared>>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let (status, path) = match resolve(&shared.out, uri.path()) {
        Ok(Some(path)) => (StatusCode::OK, path),
        Ok(None) => (StatusCode::NOT_FOUND, shared.out.join("404.html")),
        Err(status) => return status.into_response(),
    };
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let content_type = content_type(&path);
    let body = if content_type.starts_with("text/html") {
        let errors = shared.errors.read().map(|e| e.clone()).unwrap_or_default();
        inject(bytes, &errors)
    } else {
        bytes
    };
    let etag = format!("\"{}\"", crate::cache::hex(&Sha256::digest(&body)[..12]));
    let mut response = if status == StatusCode::OK
        && headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let len = body.len();
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(body)
        };
        let mut r = (status, body).into_response();
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        if let Ok(v) = HeaderValue::from_str(&content_type) {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        r
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Always revalidate: the page may have been rebuilt a moment ago.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The file a request path names inside `out`: `Ok(None)` when there is none
/// (404), `Err` for a path that tries to leave the folder (400). A folder
/// serves its `index.html`; there are no listings. Symbolic links are followed
/// only while they stay inside `out`.
pub fn resolve(out: &Path, request: &str) -> Result<Option<PathBuf>, StatusCode> {
    let decoded = percent_encoding::percent_decode_str(request)
        .decode_utf8()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    if decoded.contains(['\\', '\0']) {
        return Err(StatusCode::BAD_REQUEST);
    }
    let mut path = out.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(StatusCode::BAD_REQUEST),
            s => path.push(s),
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    let (Ok(real), Ok(root)) = (path.canonicalize(), out.canonicalize()) else {
        return Ok(None);
    };
    Ok((real.starts_with(&root) && real.is_file()).then_some(real))
}

fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript" | "application/json" | "image/svg+xml"
        );
    match (mime.essence_str(), text) {
        // The type browsers expect for module scripts.
        ("application/javascript", _) => "text/javascript; charset=utf-8".to_string(),
        (essence, true) => format!("{essence}; charset=utf-8"),
        (essence, false) => essence.to_string(),
    }
}

/// Adds the live-reload script, and the overlay while there are errors,
/// before `</body>` (or at the end of a page without one).
fn inject(page: Vec<u8>, errors: &[String]) -> Vec<u8> {
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    extra.push_str(&format!("<script src=\"{SCRIPT}\"></script>\n"));
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The error overlay: the diagnostics as the terminal shows them, over the
/// last good page. live.js builds the same markup when errors arrive later.
pub fn overlay(errors: &[String]) -> String {
    let lines: String = errors
        .iter()
        .map(|e| format!("<li>{}</li>", crate::escape::html(e)))
        .collect();
    format!(
        "<div id=\"interdoc-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;\
         z-index:2147483647;max-height:60vh;overflow:auto;padding:1rem 1.25rem;background:#1f2328;\
         color:#fff;border-left:6px solid #cf222e;border-radius:6px;font:14px/1.5 ui-monospace,monospace;\
         box-shadow:0 8px 24px rgba(0,0,0,.4)\"><strong>interdoc: the last rebuild failed; \
         this is the last good page.</strong><ul style=\"margin:.5rem 0 0;padding-left:1.25rem;\
         white-space:pre-wrap\">{lines}</ul></div>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("en")).unwrap();
        std::fs::write(out.join("en/index.html"), "home").unwrap();
        std::fs::write(out.join("en/a b.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret"), "no").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), out.join("link")).unwrap();

        let ok = |p: &str| {
            resolve(&out, p)
                .unwrap()
                .map(|p| std::fs::read_to_string(p).unwrap())
        };
        assert_eq!(ok("/en/").as_deref(), Some("home"));
        assert_eq!(ok("/en").as_deref(), Some("home"));
        assert_eq!(ok("/en/a%20b.html").as_deref(), Some("a"));
        assert_eq!(ok("/en/missing.html"), None);
        assert_eq!(
            ok("/link"),
            None,
            "a link out of the folder is not followed"
        );
        assert_eq!(ok("/"), None, "no listing of a folder without index.html");
        for bad in [
            "/../secret",
            "/en/%2e%2e/%2E%2E/secret",
            "/en/..%2f..%2fsecret",
            "/en\\..\\secret",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(resolve(&out, bad), Err(StatusCode::BAD_REQUEST), "{bad}");
        }
    }

    #[test]
    fn types_carry_a_charset_only_for_text() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.wasm", "application/wasm"),
            ("a.bin", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn the_script_and_overlay_go_before_the_end_of_body() {
        let page = inject(
            b"<html><body><p>x</p></BODY></html>".to_vec(),
            &["content/en/a.md:1:1: bad <yaml>".into()],
        );
        let page = String::from_utf8(page).unwrap();
        let overlay = page.find("interdoc-overlay").unwrap();
        let script = page.find(SCRIPT).unwrap();
        assert!(overlay < script && script < page.find("</BODY>").unwrap());
        assert!(page.contains("bad &lt;yaml&gt;"));
    }
}
