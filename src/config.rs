//! Stage 1: the site's configuration, from `site.toml` (optional) and the command line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::locale::{Locale, Locales};

pub const CONFIG_FILE: &str = "site.toml";
pub const DEFAULT_LOCALES: [&str; 5] = ["en", "fr", "ko", "pt-BR", "zh-TW"];

/// `site.toml`, as written. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    title: Option<String>,
    base_url: Option<String>,
    default_locale: Option<String>,
    locales: Option<Vec<String>>,
    title_suffixes: Option<Vec<String>>,
    xref: Option<XrefToml>,
}

/// The `[xref]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct XrefToml {
    #[serde(default)]
    maps: Vec<String>,
    #[serde(default)]
    strict: bool,
}

/// Settings that the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// Everything later stages need to know about the site, resolved and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub out: PathBuf,
    pub title: String,
    /// Absolute URL of the published site, always ending in `/`.
    pub base_url: Option<String>,
    pub locales: Locales,
    /// Stripped from the end of titles (`" | Microsoft Docs"`).
    pub title_suffixes: Vec<String>,
    pub xref: XrefSettings,
}

/// Cross-references to other docsets (`[xref]` in site.toml).
#[derive(Debug, Clone, Default)]
pub struct XrefSettings {
    /// DocFX xref maps (`xrefmap.yml`), as written: paths from the site root.
    pub maps: Vec<String>,
    /// Unresolved xrefs fail `build --strict` (by default `--strict` ignores them).
    pub strict: bool,
}

impl Site {
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join("locales")
    }
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// Reads `site.toml` under `root` (if any) and applies the overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Site, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let raw = match std::fs::read_to_string(&path) {
            Ok(text) => parse_toml(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => SiteToml::default(),
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    CONFIG_FILE,
                    format!("cannot read the site configuration: {e}"),
                )]);
            }
        };
        let mut errors = Vec::new();

        let names: Vec<String> = raw
            .locales
            .unwrap_or_else(|| DEFAULT_LOCALES.iter().map(|s| s.to_string()).collect());
        let mut list: Vec<Locale> = Vec::new();
        for name in &names {
            match Locale::parse(name) {
                Some(l) if list.contains(&l) => {
                    errors.push(config_error(format!("locale `{name}` is listed twice")))
                }
                Some(l) => list.push(l),
                None => errors.push(
                    config_error(format!("`{name}` is not a language tag"))
                        .hint("use BCP 47 codes such as `en`, `fr`, `pt-BR`, `zh-TW`"),
                ),
            }
        }
        if list.is_empty() && errors.is_empty() {
            errors.push(config_error("`locales` is empty".to_string()));
        }
        let default = match &raw.default_locale {
            None => 0,
            Some(name) => {
                let probe = Locales::new(list.clone(), 0);
                match (!list.is_empty()).then(|| probe.resolve(name)).flatten() {
                    Some(i) => i,
                    None => {
                        errors.push(
                            config_error(format!(
                                "default_locale `{name}` is not one of `locales`"
                            ))
                            .hint("add it to `locales` or pick one of them"),
                        );
                        0
                    }
                }
            }
        };

        let base_url = match overrides.base_url.clone().or(raw.base_url) {
            None => None,
            Some(url) => match normalize_base_url(&url) {
                Some(u) => Some(u),
                None => {
                    errors.push(
                        config_error(format!("base_url `{url}` is not an absolute http(s) URL"))
                            .hint("write it like https://example.org/docs/"),
                    );
                    None
                }
            },
        };

        let xref = raw.xref.unwrap_or_default();
        for map in &xref.maps {
            if map.trim().is_empty() {
                errors.push(config_error("`[xref] maps` has an empty path".to_string()));
            } else if map.contains("://") {
                // DocFX also takes URLs; a build here never fetches anything.
                errors.push(
                    config_error(format!(
                        "xref map `{map}` is a URL; maps are read from files"
                    ))
                    .hint("download the map into the site and list its path from the site root"),
                );
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let out = match &overrides.out {
            Some(p) if p.is_absolute() => p.clone(),
            Some(p) => std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.clone()),
            None => root.join("public"),
        };
        Ok(Site {
            root: root.to_path_buf(),
            out,
            title: raw.title.unwrap_or_else(|| "Documentation".to_string()),
            base_url,
            locales: Locales::new(list, default),
            title_suffixes: raw
                .title_suffixes
                .unwrap_or_else(|| vec![" | Microsoft Docs".to_string()]),
            xref: XrefSettings {
                maps: xref.maps,
                strict: xref.strict,
            },
        })
    }
}

fn config_error(message: String) -> Diagnostic {
    Diagnostic::error(CONFIG_FILE, message)
}

fn parse_toml(text: &str) -> Result<SiteToml, Vec<Diagnostic>> {
    toml::from_str(text).map_err(|e| {
        let mut d = config_error(e.message().to_string());
        if let Some(span) = e.span() {
            d = d.at_pos(LineIndex::new(text).position(text, span.start));
        }
        vec![d]
    })
}

fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return None;
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(toml: &str, overrides: &Overrides) -> Result<Site, Vec<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), toml).unwrap();
        Site::load(dir.path(), overrides)
    }

    #[test]
    fn defaults_without_a_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::load(dir.path(), &Overrides::default()).unwrap();
        let codes: Vec<_> = site.locales.all().iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, DEFAULT_LOCALES);
        assert_eq!(site.locales.default_locale().code, "en");
        assert_eq!(site.out, dir.path().join("public"));
        assert!(site.base_url.is_none());
    }

    #[test]
    fn locales_and_base_url_are_normalized() {
        let site = load(
            "locales = ['en-us', 'pt_br']\ndefault_locale = 'PT-BR'\nbase_url = 'https://example.org/docs'",
            &Overrides::default(),
        )
        .unwrap();
        let codes: Vec<_> = site.locales.all().iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en-US", "pt-BR"]);
        assert_eq!(site.locales.default_locale().code, "pt-BR");
        assert_eq!(site.base_url.as_deref(), Some("https://example.org/docs/"));
        let cli = Overrides {
            base_url: Some("http://x.test".into()),
            ..Overrides::default()
        };
        assert_eq!(
            load("", &cli).unwrap().base_url.as_deref(),
            Some("http://x.test/")
        );
    }

    #[test]
    fn bad_config_reports_place() {
        let errs = load(
            "title = 'x'\nlocales = [\"en\", 'english']\nbogus = 1\n",
            &Overrides::default(),
        )
        .unwrap_err();
        // Unknown keys are a TOML-level error with a position.
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 3);
        let errs = load(
            "locales = ['en', 'english', 'en']\nbase_url = 'ftp://x'",
            &Overrides::default(),
        )
        .unwrap_err();
        let text: Vec<String> = errs.iter().map(|d| d.message.clone()).collect();
        assert_eq!(errs.len(), 3, "{text:?}");
    }

    #[test]
    fn xref_table() {
        let site = load("", &Overrides::default()).unwrap();
        assert!(site.xref.maps.is_empty() && !site.xref.strict);
        let site = load(
            "[xref]\nmaps = ['xrefmap.yml', 'maps/dotnet.yml']\nstrict = true\n",
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(site.xref.maps, ["xrefmap.yml", "maps/dotnet.yml"]);
        assert!(site.xref.strict);
        // Unknown keys of the table are errors at their place, like the top level's.
        let errs = load("[xref]\nmaps = []\nstrickt = true\n", &Overrides::default()).unwrap_err();
        assert_eq!((errs.len(), errs[0].line), (1, 3), "{errs:?}");
        let errs = load(
            "[xref]\nmaps = ['https://example.org/xrefmap.yml', '']\n",
            &Overrides::default(),
        )
        .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].message.contains("is a URL"), "{errs:?}");
    }
}
