//! Static files: the embedded theme files and the site's `static/` folder, plus
//! non-Markdown files under `content/`. CSS and JS get content-hashed names so
//! browsers never keep a stale copy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::config::Site;
use crate::defaults;
use crate::diagnostics::Diagnostic;
use crate::index::Index;
use crate::write::{Content, OutFile};

pub struct Assets {
    /// Name under `static/` -> output path (`style.css` -> `static/style.1a2b3c4d.css`).
    pub urls: BTreeMap<String, String>,
    pub files: Vec<OutFile>,
}

impl Assets {
    /// Output path of a static file, if the site has it.
    pub fn path(&self, name: &str) -> Option<&str> {
        self.urls.get(name).map(String::as_str)
    }
}

pub fn collect(site: &Site, index: &Index, diags: &mut Vec<Diagnostic>) -> Assets {
    let mut sources: BTreeMap<String, Content> = defaults::STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), Content::Static(bytes)))
        .collect();
    let dir = site.static_dir();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    match rel.to_str() {
                        Some(name) => {
                            sources.insert(
                                name.replace('\\', "/"),
                                Content::File(e.path().to_path_buf()),
                            );
                        }
                        None => diags.push(Diagnostic::error(
                            Path::new("static").join(rel),
                            "file name is not valid UTF-8",
                        )),
                    }
                }
                Ok(_) => {}
                Err(e) => diags.push(Diagnostic::error("static", format!("cannot read: {e}"))),
            }
        }
    }
    // Generated from the highlighter's themes; a site's own file replaces it.
    sources
        .entry("highlight.css".to_string())
        .or_insert_with(|| Content::Owned(crate::highlight::stylesheet().into_bytes()));
    let mut urls = BTreeMap::new();
    let mut files = Vec::new();
    for (name, content) in sources {
        let out = if name.ends_with(".css") || name.ends_with(".js") {
            match content.bytes() {
                Ok(bytes) => {
                    let hashed = hashed_name(&name, &bytes);
                    files.push(OutFile {
                        path: format!("static/{hashed}"),
                        content: Content::Owned(bytes.into_owned()),
                    });
                    format!("static/{hashed}")
                }
                Err(e) => {
                    diags.push(Diagnostic::error(
                        Path::new("static").join(&name),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            }
        } else {
            let path = format!("static/{name}");
            files.push(OutFile {
                path: path.clone(),
                content,
            });
            path
        };
        urls.insert(name, out);
    }
    for asset in &index.assets {
        files.push(OutFile {
            path: format!("{}/{}", site.locales.get(asset.locale).dir(), asset.path),
            content: Content::File(PathBuf::from(&asset.abs)),
        });
    }
    Assets { urls, files }
}

/// `css/style.css` -> `css/style.0123abcd.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names_change_with_content() {
        let a = super::hashed_name("css/site.css", b"a{}");
        let b = super::hashed_name("css/site.css", b"b{}");
        assert!(
            a.starts_with("css/site.")
                && a.ends_with(".css")
                && a.len() == "css/site.12345678.css".len()
        );
        assert_ne!(a, b);
    }
}
