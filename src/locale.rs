//! Locales: canonical BCP 47 codes, their output folders, and alias matching.

use std::fmt;

/// A site locale: `pt-BR` is written to `public/pt-br/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Locale {
    /// Canonical BCP 47 form: language lowercase, script titlecase, region uppercase.
    pub code: String,
}

impl Locale {
    /// Parses a tag such as `pt-br`, `PT_BR`, `zh-Hant-TW`; `None` when it is not
    /// shaped like a language tag.
    pub fn parse(tag: &str) -> Option<Locale> {
        let mut parts = tag.trim().split(['-', '_']);
        let lang = parts.next()?;
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut code = lang.to_ascii_lowercase();
        for part in parts {
            let ok = match part.len() {
                4 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    let mut s = part.to_ascii_lowercase();
                    s[..1].make_ascii_uppercase();
                    code.push('-');
                    code.push_str(&s);
                    true
                }
                2 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    code.push('-');
                    code.push_str(&part.to_ascii_uppercase());
                    true
                }
                3 if part.chars().all(|c| c.is_ascii_digit()) => {
                    code.push('-');
                    code.push_str(part);
                    true
                }
                _ => false,
            };
            if !ok {
                return None;
            }
        }
        Some(Locale { code })
    }

    /// The output folder name: the code in lowercase.
    pub fn dir(&self) -> String {
        self.code.to_ascii_lowercase()
    }

    /// The primary language subtag (`pt` for `pt-BR`).
    pub fn language(&self) -> &str {
        self.code.split('-').next().unwrap_or(&self.code)
    }

    fn has_subtags(&self) -> bool {
        self.code.contains('-')
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// The site's locales in configured order; the first entry of `default` decides
/// the source language.
#[derive(Debug, Clone)]
pub struct Locales {
    list: Vec<Locale>,
    default: usize,
}

/// Index of a locale in [`Locales`]: cheap to copy and to use as a map key.
pub type LocaleId = usize;

impl Locales {
    pub fn new(list: Vec<Locale>, default: usize) -> Self {
        debug_assert!(default < list.len());
        Locales { list, default }
    }

    pub fn all(&self) -> &[Locale] {
        &self.list
    }

    pub fn ids(&self) -> std::ops::Range<LocaleId> {
        0..self.list.len()
    }

    pub fn get(&self, id: LocaleId) -> &Locale {
        &self.list[id]
    }

    pub fn default_id(&self) -> LocaleId {
        self.default
    }

    pub fn default_locale(&self) -> &Locale {
        &self.list[self.default]
    }

    /// Finds the site locale a name refers to. Exact codes match in any case
    /// (`PT-br`); a regional alias matches a site locale without a region
    /// (`en-us`, `fr-FR`, `ko_kr` for `en`, `fr`, `ko`).
    pub fn resolve(&self, name: &str) -> Option<LocaleId> {
        let wanted = Locale::parse(name)?;
        if let Some(i) = self.list.iter().position(|l| *l == wanted) {
            return Some(i);
        }
        if wanted.has_subtags() {
            return self
                .list
                .iter()
                .position(|l| !l.has_subtags() && l.language() == wanted.language());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Locales {
        let list = ["en", "fr", "ko", "pt-BR", "zh-TW"]
            .iter()
            .map(|c| Locale::parse(c).unwrap())
            .collect();
        Locales::new(list, 0)
    }

    #[test]
    fn canonical_forms_and_dirs() {
        let l = Locale::parse("pt_br").unwrap();
        assert_eq!(l.code, "pt-BR");
        assert_eq!(l.dir(), "pt-br");
        assert_eq!(Locale::parse("ZH-hant-tw").unwrap().code, "zh-Hant-TW");
        assert_eq!(Locale::parse("es-419").unwrap().code, "es-419");
        for bad in ["", "e", "english", "en-", "en-x", "12", "fr/../x"] {
            assert!(Locale::parse(bad).is_none(), "{bad:?} parsed");
        }
    }

    #[test]
    fn aliases_resolve_to_site_locales() {
        let s = site();
        let code = |n: &str| s.resolve(n).map(|i| s.get(i).code.clone());
        assert_eq!(code("en-us").as_deref(), Some("en"));
        assert_eq!(code("EN-US").as_deref(), Some("en"));
        assert_eq!(code("fr-fr").as_deref(), Some("fr"));
        assert_eq!(code("ko-KR").as_deref(), Some("ko"));
        assert_eq!(code("pt-br").as_deref(), Some("pt-BR"));
        assert_eq!(code("zh-tw").as_deref(), Some("zh-TW"));
        // A region the site has no locale for is not silently mapped elsewhere.
        assert_eq!(code("pt-PT"), None);
        assert_eq!(code("zh-CN"), None);
        assert_eq!(code("de"), None);
    }
}
