//! Tera 2 templates: the embedded defaults, replaced by name by the site's
//! `templates/` files, with `fluent(key=..., lang=...)` for UI strings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{ErrorKind, Kwargs, State, Tera};

use super::strings::Strings;
use crate::config::Site;
use crate::defaults;
use crate::diagnostics::Diagnostic;

pub struct Templates {
    pub tera: Tera,
    /// Template name -> file to name in diagnostics.
    labels: BTreeMap<String, PathBuf>,
    /// Templates that blew a page's budget: every other page fails at once.
    blown: std::sync::Mutex<BTreeMap<String, Diagnostic>>,
}

struct Candidate {
    label: PathBuf,
    text: String,
    /// The embedded default this file replaces, used when the file is broken.
    fallback: Option<&'static str>,
}

impl Templates {
    pub fn load(site: &Site, strings: Arc<Strings>, diags: &mut Vec<Diagnostic>) -> Templates {
        let mut set: BTreeMap<String, Candidate> = defaults::TEMPLATES
            .iter()
            .map(|(name, text)| {
                let candidate = Candidate {
                    label: Path::new(defaults::EMBEDDED).join("templates").join(name),
                    text: text.to_string(),
                    fallback: None,
                };
                (name.to_string(), candidate)
            })
            .collect();
        read_site_templates(&site.templates_dir(), &mut set, diags);

        // Tera stops at the first broken template; put the default back in its
        // place (or drop it) and try again, so every broken file is reported.
        let mut tera = Tera::new();
        register_fluent(&mut tera, strings);
        for _ in 0..=set.len() {
            let mut attempt = tera.clone();
            let result =
                attempt.add_raw_templates(set.iter().map(|(n, c)| (n.as_str(), c.text.as_str())));
            match result {
                Ok(()) => {
                    tera = attempt;
                    break;
                }
                Err(e) => {
                    let labels = set
                        .iter()
                        .map(|(n, c)| (n.clone(), c.label.clone()))
                        .collect();
                    diags.push(diagnostic(&labels, &e));
                    let culprit = culprit(&e).filter(|n| set.contains_key(n));
                    let Some(name) = culprit else { break };
                    match set.get(&name).and_then(|c| c.fallback) {
                        Some(default) => {
                            let c = set.get_mut(&name).expect("checked above");
                            c.text = default.to_string();
                            c.label = Path::new(defaults::EMBEDDED).join("templates").join(&name);
                            c.fallback = None;
                        }
                        None => {
                            set.remove(&name);
                        }
                    }
                }
            }
        }
        let labels = set.into_iter().map(|(n, c)| (n, c.label)).collect();
        Templates {
            tera,
            labels,
            blown: std::sync::Mutex::new(BTreeMap::new()),
        }
    }

    /// Renders a template. A page is bounded in size and time, so a template
    /// that loops (nearly) forever fails with a diagnostic instead of eating
    /// the machine.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        String::from_utf8(self.render_bytes(name, ctx)?)
            .map_err(|_| Diagnostic::error("templates", "a template produced invalid UTF-8"))
    }

    /// [`Self::render`] as bytes, for a page that goes straight to a file.
    pub fn render_bytes(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        if let Some(d) = self.blown.lock().ok().and_then(|b| b.get(name).cloned()) {
            return Err(d);
        }
        let mut out = Bounded {
            buf: Vec::new(),
            started: std::time::Instant::now(),
            writes: 0,
            exceeded: None,
        };
        let result = self.tera.render_to(name, ctx, &mut out);
        if let Some(limit) = out.exceeded {
            let label = self
                .labels
                .get(name)
                .cloned()
                .unwrap_or_else(|| Path::new("templates").join(name));
            let d = Diagnostic::error(
                label,
                format!("rendering stopped: the page exceeded {limit}"),
            )
            .hint("a loop in the template probably runs far longer than intended");
            if let Ok(mut blown) = self.blown.lock() {
                blown.insert(name.to_string(), d.clone());
            }
            return Err(d);
        }
        result.map_err(|e| diagnostic(&self.labels, &e))?;
        Ok(out.buf)
    }
}

/// Output of one render, refused past a size or a time budget.
struct Bounded {
    buf: Vec<u8>,
    started: std::time::Instant,
    /// Writes so far: the clock is read every [`CLOCK_EVERY`] writes, not on
    /// each of the thousands of small writes of a page.
    writes: u32,
    exceeded: Option<&'static str>,
}

const CLOCK_EVERY: u32 = 1024;

const MAX_PAGE_BYTES: usize = 256 << 20;
const MAX_PAGE_TIME: std::time::Duration = std::time::Duration::from_secs(60);

impl std::io::Write for Bounded {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > MAX_PAGE_BYTES {
            self.exceeded = Some("256 MiB of output");
        } else if self.writes.is_multiple_of(CLOCK_EVERY) && self.started.elapsed() > MAX_PAGE_TIME
        {
            self.exceeded = Some("60 seconds of rendering");
        }
        if self.exceeded.is_some() {
            return Err(std::io::Error::other("page budget exceeded"));
        }
        self.writes = self.writes.wrapping_add(1);
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn read_site_templates(
    dir: &Path,
    set: &mut BTreeMap<String, Candidate>,
    diags: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(name) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            continue;
        };
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let label = Path::new("templates").join(rel);
        let text = match std::fs::read(entry.path()).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                diags.push(Diagnostic::error(label, "file is not valid UTF-8"));
                continue;
            }
            Err(e) => {
                diags.push(Diagnostic::error(label, format!("cannot read: {e}")));
                continue;
            }
        };
        let fallback = defaults::TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t);
        set.insert(
            name,
            Candidate {
                label,
                text,
                fallback,
            },
        );
    }
}

/// The template a loading error is about, when Tera says.
fn culprit(e: &tera::Error) -> Option<String> {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r.filename().to_string()),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Some(tpl.clone())
        }
        ErrorKind::MissingParent { current, .. } => Some(current.clone()),
        _ => None,
    }
}

fn diagnostic(labels: &BTreeMap<String, PathBuf>, e: &tera::Error) -> Diagnostic {
    let label = |name: &str| {
        labels
            .get(name)
            .cloned()
            .unwrap_or_else(|| Path::new("templates").join(name))
    };
    let hint = "see the Tera 2 template syntax; undefined variables are errors";
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let mut message = r.message().to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                message.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            Diagnostic::error(label(r.filename()), message)
                .at(r.span().start_line, r.span().start_col + 1)
                .hint(hint)
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Diagnostic::error(label(tpl), e.to_string())
                .hint("a template cannot extend or include itself")
        }
        ErrorKind::MissingParent { current, .. } => {
            Diagnostic::error(label(current), e.to_string())
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(label(name), e.to_string()),
        _ => Diagnostic::error("templates", e.to_string()).hint(hint),
    }
}

/// `fluent(key="page-updated", lang="fr", date=...)`: every argument other than
/// `key` and `lang` is passed to Fluent as a variable.
fn register_fluent(tera: &mut Tera, strings: Arc<Strings>) {
    tera.register_function(
        "fluent",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang: Option<&str> = kwargs.get("lang")?;
            let locale = lang
                .and_then(|l| strings.locale_of(l))
                .unwrap_or(strings.default_id());
            let mut args = FluentArgs::new();
            for (k, v) in kwargs.iter() {
                let Some(name) = k
                    .as_str()
                    .filter(|n| !matches!(*n, "key" | "lang") && !n.starts_with("__tera"))
                else {
                    continue;
                };
                let value = if let Some(n) = v.as_i64() {
                    FluentValue::from(n)
                } else if let Some(f) = v.as_f64() {
                    FluentValue::from(f)
                } else if let Some(s) = v.as_str() {
                    FluentValue::from(s.to_string())
                } else {
                    FluentValue::from(v.to_string())
                };
                args.set(name.to_string(), value);
            }
            strings.get(locale, key, Some(&args)).ok_or_else(|| {
                tera::Error::message(format!(
                    "unknown UI message `{key}` (not in any locales/*.ftl)"
                ))
            })
        },
    );
}
