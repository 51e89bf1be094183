//! What code includes and sample output blocks look like on a page, in the
//! page's language.

use crate::escape::html as html_escape;
use fluent_bundle::{FluentArgs, FluentValue};

use super::strings::Strings;
use crate::highlight::Highlighter;
use crate::locale::LocaleId;
use crate::markdown::Doc;
use crate::samples::{Block, Listing, Samples, Status};

/// One string per directive of `doc` (see `markdown::RenderInput::blocks`).
pub fn page_blocks(
    doc: &Doc,
    blocks: &[Block],
    samples: &Samples,
    highlighter: &Highlighter,
    strings: &Strings,
    locale: LocaleId,
) -> Vec<String> {
    doc.directives
        .iter()
        .zip(blocks)
        .map(|(site, block)| match (block, &site.inline) {
            (Block::Code(listing), Some(_)) => listing.lines.join("\n") + "\n",
            (Block::Code(listing), None) => code(listing, highlighter),
            (Block::Output(name), _) => output(name, samples, strings, locale),
            (Block::Missing, Some(line)) => line.clone(),
            (Block::Missing, None) => {
                let text = match &site.directive {
                    crate::markdown::Directive::Code(code) => message(
                        strings,
                        locale,
                        "include-missing-file",
                        &[("file", FluentValue::from(code.path.as_str()))],
                    ),
                    _ => html_escape(&strings.text(locale, "include-missing")),
                };
                format!("<p class=\"include-missing\" role=\"note\">{text}</p>\n")
            }
        })
        .collect()
}

fn code(listing: &Listing, highlighter: &Highlighter) -> String {
    let mut html = format!(
        "<figure class=\"code-include\" data-lang=\"{}\">\n<figcaption>",
        html_escape(&listing.lang)
    );
    if !listing.title.is_empty() {
        html.push_str(&format!(
            "<span class=\"code-title\">{}</span> ",
            html_escape(&listing.title)
        ));
    }
    html.push_str(&format!(
        "<code class=\"code-file\">{}</code></figcaption>\n",
        html_escape(&listing.file)
    ));
    html.push_str(&format!(
        "<pre class=\"numbered\"><code class=\"language-{}\">",
        html_escape(&listing.lang)
    ));
    let highlighted = highlighter.lines(&listing.lang, &(listing.lines.join("\n") + "\n"));
    for (i, line) in highlighted.iter().enumerate() {
        let class = if listing.highlight.contains(&(i + 1)) {
            "line hl"
        } else {
            "line"
        };
        html.push_str(&format!("<span class=\"{class}\">{line}</span>\n"));
    }
    html.push_str("</code></pre>\n</figure>\n");
    html
}

fn output(name: &str, samples: &Samples, strings: &Strings, locale: LocaleId) -> String {
    let text = |key: &str, args: &[(&str, FluentValue<'_>)]| message(strings, locale, key, args);
    let caption = text(
        "sample-output-caption",
        &[("name", FluentValue::from(name))],
    );
    let Some(result) = samples.results.get(name) else {
        return format!(
            "<p class=\"include-missing\" role=\"note\">{}</p>\n",
            text("include-missing", &[])
        );
    };
    let stamp = match (&result.status, &samples.rustc) {
        (Status::Verified, Some(version)) => format!(
            "<span class=\"sample-verified\">{}</span>",
            text(
                "sample-verified",
                &[("version", FluentValue::from(version.as_str()))]
            )
        ),
        (Status::Failed, _) => format!(
            "<span class=\"sample-failed\">{}</span>",
            text("sample-failed", &[])
        ),
        _ => format!(
            "<span class=\"sample-unverified\">{}</span>",
            text("sample-not-verified", &[])
        ),
    };
    let mut html = format!(
        "<figure class=\"sample-output\">\n<figcaption>{caption} {stamp}</figcaption>\n<pre><samp>{}</samp></pre>\n",
        html_escape(result.stdout.trim_end())
    );
    if let Some(code) = result.exit_code.filter(|c| *c != 0) {
        let status = text("sample-exit-status", &[("code", FluentValue::from(code))]);
        html.push_str(&format!("<p class=\"sample-exit\">{status}</p>\n"));
    }
    html.push_str("</figure>\n");
    html
}

/// A UI message with variables, HTML-escaped.
fn message(
    strings: &Strings,
    locale: LocaleId,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> String {
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(*k, v.clone());
    }
    html_escape(
        &strings
            .get(locale, key, Some(&fluent_args))
            .unwrap_or_else(|| key.to_string()),
    )
}
