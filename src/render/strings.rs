//! UI strings: Fluent bundles per locale, built from the embedded defaults with
//! the site's `locales/<locale>/*.ftl` layered on top (message by message).
//! A message missing in a locale falls back to the default locale's.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::config::Site;
use crate::defaults;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::load::Date;
use crate::locale::LocaleId;
use crate::markdown::AlertTitles;

type Bundle = FluentBundle<Arc<FluentResource>>;

pub struct Strings {
    bundles: Vec<Bundle>,
    default: LocaleId,
    codes: HashMap<String, LocaleId>,
    /// Texts every page of a locale shows, formatted once.
    fixed: Vec<Fixed>,
}

/// A locale's texts that take no arguments and appear on every page.
struct Fixed {
    name: String,
    alerts: AlertTitles,
    anchor_label: String,
}

/// One `.ftl` file, from the binary or from the site.
struct FtlFile {
    /// For diagnostics: `locales/fr/ui.ftl` or `<embedded>/locales/fr/ui.ftl`.
    label: PathBuf,
    text: String,
}

impl Strings {
    /// Loads every locale's strings. Syntax errors are reported with their
    /// place and the rest of the file still loads; ids missing in a locale are
    /// reported once each.
    pub fn load(site: &Site, diags: &mut Vec<Diagnostic>) -> Strings {
        let mut bundles = Vec::new();
        let mut ids_per_locale: Vec<BTreeSet<String>> = Vec::new();
        let mut codes = HashMap::new();
        for id in site.locales.ids() {
            let locale = site.locales.get(id);
            codes.insert(locale.code.clone(), id);
            let langid = locale.code.parse().unwrap_or_default();
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            // Unicode isolation marks would end up inside HTML attributes and text.
            bundle.set_use_isolating(false);
            let mut ids = BTreeSet::new();
            for file in files_for(site, &locale.code, diags) {
                let resource = parse_reporting(&file, diags);
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry {
                        ids.insert(m.id.name.to_string());
                    }
                }
                bundle.add_resource_overriding(Arc::new(resource));
            }
            bundles.push(bundle);
            ids_per_locale.push(ids);
        }
        let default = site.locales.default_id();
        if let Some(reference) = ids_per_locale.get(default) {
            for (id, ids) in ids_per_locale.iter().enumerate() {
                if id == default {
                    continue;
                }
                let code = &site.locales.get(id).code;
                let missing: Vec<_> = reference.difference(ids).cloned().collect();
                if !missing.is_empty() {
                    diags.push(
                        Diagnostic::warning(
                            Path::new("locales").join(code),
                            format!(
                                "{} UI message(s) missing in `{code}`, shown in `{}` instead: {}",
                                missing.len(),
                                site.locales.default_locale().code,
                                missing.join(", ")
                            ),
                        )
                        .hint(format!("add them to a .ftl file in locales/{code}/")),
                    );
                }
            }
        }
        let mut strings = Strings {
            bundles,
            default,
            codes,
            fixed: Vec::new(),
        };
        strings.fixed = site
            .locales
            .ids()
            .map(|l| Fixed {
                name: strings.text(l, "locale-name"),
                alerts: AlertTitles {
                    note: strings.text(l, "alert-note"),
                    tip: strings.text(l, "alert-tip"),
                    important: strings.text(l, "alert-important"),
                    warning: strings.text(l, "alert-warning"),
                    caution: strings.text(l, "alert-caution"),
                },
                anchor_label: strings.text(l, "heading-anchor-label"),
            })
            .collect();
        strings
    }

    pub fn default_id(&self) -> LocaleId {
        self.default
    }

    pub fn locale_of(&self, code: &str) -> Option<LocaleId> {
        self.codes.get(code).copied()
    }

    /// Formats message `key` in `locale`, falling back to the default locale;
    /// `None` when no locale has it.
    pub fn get(
        &self,
        locale: LocaleId,
        key: &str,
        args: Option<&FluentArgs<'_>>,
    ) -> Option<String> {
        [locale, self.default].into_iter().find_map(|l| {
            let bundle = self.bundles.get(l)?;
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        })
    }

    /// Like [`get`](Self::get) for messages the theme relies on: the key itself
    /// when missing everywhere, so a page still renders.
    pub fn text(&self, locale: LocaleId, key: &str) -> String {
        self.get(locale, key, None)
            .unwrap_or_else(|| key.to_string())
    }

    pub fn alert_titles(&self, locale: LocaleId) -> &AlertTitles {
        &self.fixed[locale].alerts
    }

    /// The locale's own name (`locale-name`), for the language switcher.
    pub fn locale_name(&self, locale: LocaleId) -> &str {
        &self.fixed[locale].name
    }

    /// Accessible name of the heading hover link (`heading-anchor-label`).
    pub fn anchor_label(&self, locale: LocaleId) -> &str {
        &self.fixed[locale].anchor_label
    }

    /// A date in the locale's long form (`date-long`, with `month-N` names).
    pub fn date(&self, locale: LocaleId, date: Date) -> String {
        let mut args = FluentArgs::new();
        args.set("year", FluentValue::from(date.year));
        args.set("month", FluentValue::from(date.month));
        args.set("day", FluentValue::from(date.day));
        args.set(
            "month-name",
            FluentValue::from(self.text(locale, &format!("month-{}", date.month))),
        );
        self.get(locale, "date-long", Some(&args))
            .unwrap_or_else(|| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
    }
}

/// The embedded files of a locale followed by the site's own (sorted by name),
/// so the site's messages win.
fn files_for(site: &Site, code: &str, diags: &mut Vec<Diagnostic>) -> Vec<FtlFile> {
    let mut files: Vec<FtlFile> = defaults::FTL
        .iter()
        .filter(|(locale, _, _)| *locale == code)
        .map(|(locale, name, text)| FtlFile {
            label: Path::new(defaults::EMBEDDED)
                .join("locales")
                .join(locale)
                .join(name),
            text: text.to_string(),
        })
        .collect();
    let dir = site.locales_dir().join(code);
    let mut names: BTreeMap<String, PathBuf> = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for entry in rd.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ftl") && path.is_file() {
                names.insert(entry.file_name().to_string_lossy().into_owned(), path);
            }
        }
    }
    for (name, path) in names {
        let label = Path::new("locales").join(code).join(&name);
        match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => files.push(FtlFile { label, text }),
            Ok(Err(_)) => diags.push(
                Diagnostic::error(label, "file is not valid UTF-8").hint("save the file as UTF-8"),
            ),
            Err(e) => diags.push(Diagnostic::error(label, format!("cannot read: {e}"))),
        }
    }
    files
}

fn parse_reporting(file: &FtlFile, diags: &mut Vec<Diagnostic>) -> FluentResource {
    match FluentResource::try_new(file.text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            let lines = LineIndex::new(&file.text);
            for e in errors {
                diags.push(
                    Diagnostic::error(&file.label, format!("Fluent syntax error: {}", e.kind))
                        .at_pos(lines.position(&file.text, e.pos.start))
                        .hint("messages are written `id = text`; continuation lines are indented"),
                );
            }
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let site = Site::load(dir.path(), &Overrides::default()).unwrap();
        (dir, site)
    }

    #[test]
    fn embedded_defaults_cover_every_locale() {
        let (_d, site) = site_with(&[]);
        let mut diags = Vec::new();
        let s = Strings::load(&site, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let ko = s.locale_of("ko").unwrap();
        assert_eq!(s.text(0, "alert-note"), "Note");
        assert_ne!(s.text(ko, "alert-note"), "Note");
        let d = Date {
            year: 2017,
            month: 3,
            day: 30,
        };
        assert_eq!(s.date(0, d), "March 30, 2017");
        assert_eq!(s.date(ko, d), "2017년 3월 30일");
        assert_eq!(s.date(s.locale_of("fr").unwrap(), d), "30 mars 2017");
    }

    #[test]
    fn site_files_override_and_errors_are_located() {
        let (_d, site) = site_with(&[
            ("locales/fr/site.ftl", "alert-note = Nota bene\n"),
            ("locales/ko/broken.ftl", "ok = fine\n\nbad message here\n"),
        ]);
        let mut diags = Vec::new();
        let s = Strings::load(&site, &mut diags);
        assert_eq!(
            s.text(s.locale_of("fr").unwrap(), "alert-note"),
            "Nota bene"
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].file, Path::new("locales/ko/broken.ftl"));
        assert_eq!(diags[0].line, 3);
        // The valid message of the broken file still loads.
        assert_eq!(s.text(s.locale_of("ko").unwrap(), "ok"), "fine");
    }

    #[test]
    fn missing_messages_fall_back_and_are_reported_once() {
        let (_d, site) = site_with(&[(
            "locales/en/extra.ftl",
            "only-en = Only English\nother-en = Other\n",
        )]);
        let mut diags = Vec::new();
        let s = Strings::load(&site, &mut diags);
        assert_eq!(
            s.text(s.locale_of("zh-TW").unwrap(), "only-en"),
            "Only English"
        );
        // One warning per locale, naming both ids.
        assert_eq!(diags.len(), 4, "{diags:?}");
        assert!(
            diags
                .iter()
                .all(|d| d.message.contains("only-en, other-en"))
        );
        assert_eq!(s.get(0, "nowhere", None), None);
    }
}
