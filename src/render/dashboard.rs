//! `translation-status.html`: how up to date each language is. A picture first
//! (a bar and one small square per topic, per locale, which stays readable at
//! thousands of topics), then the full matrix as a table.

use serde::Serialize;

use super::{Resources, assets_ctx, locale_ctx, site_ctx};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::index::Index;
use crate::paths;
use crate::status::State;
use crate::write::{Content, OutFile};

pub const PATH: &str = "translation-status.html";

#[derive(Serialize)]
struct LocaleColumn {
    code: String,
    name: String,
    topics: usize,
    current: usize,
    outdated: usize,
    no_record: usize,
    missing: usize,
    machine_assisted: usize,
    /// Percentages, rounded to one decimal.
    current_pct: f64,
    outdated_pct: f64,
    no_record_pct: f64,
    missing_pct: f64,
}

#[derive(Serialize)]
struct Cell {
    /// `current`, `outdated`, `no-record`, `missing` or `machine`.
    state: &'static str,
    href: String,
}

#[derive(Serialize)]
struct Row {
    topic: String,
    title: String,
    href: String,
    cells: Vec<Cell>,
}

pub(super) fn render(
    site: &Site,
    index: &Index,
    theme: &Resources<'_>,
) -> Result<OutFile, Diagnostic> {
    Ok(OutFile {
        path: PATH.to_string(),
        content: Content::Owned(html(site, index, theme)?),
    })
}

/// The page's bytes.
pub(super) fn html(
    site: &Site,
    index: &Index,
    theme: &Resources<'_>,
) -> Result<Vec<u8>, Diagnostic> {
    let status = theme.status;
    let default = site.locales.default_id();
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let locales: Vec<LocaleColumn> = status
        .totals
        .iter()
        .map(|t| LocaleColumn {
            code: t.locale.clone(),
            name: site
                .locales
                .resolve(&t.locale)
                .map(|l| theme.strings.locale_name(l).to_string())
                .unwrap_or_default(),
            topics: t.topics,
            current: t.current,
            outdated: t.outdated,
            no_record: t.no_record,
            missing: t.missing,
            machine_assisted: t.machine_assisted,
            current_pct: round(t.percent(t.current)),
            outdated_pct: round(t.percent(t.outdated)),
            no_record_pct: round(t.percent(t.no_record)),
            missing_pct: round(t.percent(t.missing)),
        })
        .collect();
    let rows: Vec<Row> = status
        .topics
        .iter()
        .map(|(topic, entries)| {
            let source = index.page(topic, default);
            Row {
                topic: topic.clone(),
                title: source
                    .map(|p| index.titles[p.source].clone())
                    .unwrap_or_else(|| topic.clone()),
                href: source
                    .map(|p| paths::encode(&p.out_path))
                    .unwrap_or_default(),
                cells: entries
                    .iter()
                    .zip(&status.locales)
                    .map(|(e, code)| Cell {
                        state: match e.state {
                            State::Current if e.machine_assisted => "machine",
                            State::Current => "current",
                            State::Outdated => "outdated",
                            State::NoRecord => "no-record",
                            State::Missing => "missing",
                        },
                        href: site
                            .locales
                            .resolve(code)
                            .and_then(|l| index.page(topic, l))
                            .map(|p| paths::encode(&p.out_path))
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &site_ctx(site));
    ctx.insert("locale", &locale_ctx(site, theme.strings, default));
    ctx.insert("assets", &assets_ctx(theme, ""));
    ctx.insert(
        "home",
        &format!("{}/index.html", site.locales.default_locale().dir()),
    );
    ctx.insert("locales", &locales);
    ctx.insert("rows", &rows);
    theme.templates.render_bytes(PATH, &ctx)
}
