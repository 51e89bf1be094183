//! The keyword index of a locale: every `keywords`/`helpviewer_keywords` entry of
//! its translated pages, sorted the way a reader of that language expects
//! (Unicode collation with the locale's tailoring: accents in French, Hangul
//! order in Korean, stroke order in Traditional Chinese).

use std::collections::BTreeMap;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use serde::Serialize;

use super::{Resources, generated_page_ctx};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::Index;
use crate::locale::LocaleId;
use crate::paths;
use crate::write::{Content, OutFile};

#[derive(Serialize)]
struct Entry {
    keyword: String,
    topics: Vec<Link>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

pub(super) fn render(
    site: &Site,
    index: &Index,
    theme: &Resources<'_>,
    sidebars: &super::Sidebars,
    locale: LocaleId,
) -> Result<OutFile, Diagnostic> {
    let out_path = super::keywords_path(site, locale);
    // (keyword, title, page path) in page order: what the index is made of.
    let mut found: Vec<(&str, &str, &str)> = Vec::new();
    for page in index
        .pages
        .iter()
        .filter(|p| p.locale == locale && !p.fallback)
    {
        let source = index.source_of(page);
        for keyword in &source.front.keywords {
            let keyword = keyword.trim();
            if !keyword.is_empty() {
                found.push((keyword, &index.titles[page.source], &page.out_path));
            }
        }
    }
    let render = || -> Result<Vec<u8>, Diagnostic> {
        let entries = entries(site, locale, &out_path, &found);
        let title = theme.strings.text(locale, "keywords-title");
        let mut ctx = generated_page_ctx(site, theme, sidebars, locale, "keywords.html", &title);
        ctx.insert("entries", &entries);
        theme.templates.render_bytes("keywords.html", &ctx)
    };
    let content = match theme.memo {
        Some(memo) => {
            let mut h = crate::memo::KeyHasher::default();
            for (keyword, title, path) in &found {
                h.text(keyword).text(title).text(path);
            }
            h.text(sidebars.of_locale_page(locale));
            let key = h.finish();
            Content::Shared(memo.page(&out_path, key, render)?)
        }
        None => Content::Owned(render()?),
    };
    Ok(OutFile {
        path: out_path,
        content,
    })
}

/// The entries, sorted by keyword, each keyword's topics by title.
fn entries(
    site: &Site,
    locale: LocaleId,
    out_path: &str,
    found: &[(&str, &str, &str)],
) -> Vec<Entry> {
    let collator = collator(&site.locales.get(locale).code);
    let compare = |a: &str, b: &str| match &collator {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        None => a
            .to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b)),
    };
    let mut by_keyword: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    for (keyword, title, path) in found {
        by_keyword.entry(keyword).or_default().push(Link {
            title: title.to_string(),
            href: paths::relative_url(out_path, path),
        });
    }
    let mut entries: Vec<Entry> = by_keyword
        .into_iter()
        .map(|(keyword, mut topics)| {
            topics.sort_by(|a, b| compare(&a.title, &b.title).then_with(|| a.href.cmp(&b.href)));
            topics.dedup_by(|a, b| a.href == b.href);
            Entry {
                keyword: keyword.to_string(),
                topics,
            }
        })
        .collect();
    entries.sort_by(|a, b| compare(&a.keyword, &b.keyword));
    entries
}

/// A collator for the locale; `None` (plain case-folded order) if ICU has no
/// data for it.
fn collator(code: &str) -> Option<CollatorBorrowed<'static>> {
    let locale: icu_locale_core::Locale = code.parse().ok()?;
    Collator::try_new((&locale).into(), CollatorOptions::default()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(code: &str, words: &[&str]) -> Vec<String> {
        let c = collator(code).expect("collator");
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| c.compare(a, b));
        v
    }

    #[test]
    fn french_accents_sort_with_their_letter() {
        assert_eq!(
            sorted("fr", &["zèbre", "étape", "exemple", "Été", "abc"]),
            ["abc", "étape", "Été", "exemple", "zèbre"]
        );
    }

    #[test]
    fn hangul_sorts_in_dictionary_order() {
        assert_eq!(
            sorted("ko", &["포인터", "구조체", "문자열", "가비지"]),
            ["가비지", "구조체", "문자열", "포인터"]
        );
    }

    #[test]
    fn traditional_chinese_sorts_by_stroke_count() {
        // 一 (1 stroke) < 十 (2) < 字 (6) < 結 (12) < 體 (23); code point order differs.
        assert_eq!(
            sorted("zh-TW", &["體", "字", "結", "十", "一"]),
            ["一", "十", "字", "結", "體"]
        );
    }

    #[test]
    fn pt_br_and_unknown_locales() {
        assert_eq!(
            sorted("pt-BR", &["ônibus", "ovo", "olá"]),
            ["olá", "ônibus", "ovo"]
        );
        assert!(collator("x-invalid!").is_none());
    }
}
