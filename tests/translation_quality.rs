//! No translated page of the repository's own site keeps a whole English
//! paragraph: every paragraph, list item, heading and table cell of each
//! translation is compared with those of its English source.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Normalized text of each block of prose, leaving out code and directives.
fn prose_blocks(markdown: &str) -> BTreeSet<String> {
    let body = match markdown.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, b)| b),
        None => markdown,
    };
    let mut blocks = BTreeSet::new();
    let mut current = String::new();
    let mut depth = 0;
    let mut in_code = false;
    for event in Parser::new_ext(
        body,
        Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES,
    ) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                depth += 1;
                current.clear();
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                depth -= 1;
                let text = current
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                let directive = text.starts_with("[!code")
                    || text.starts_with(":::")
                    || text.starts_with("{{#include");
                // Short blocks (a name, a code identifier) may rightly be the same.
                if !directive && text.split(' ').count() >= 6 {
                    blocks.insert(text);
                }
                current.clear();
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if depth > 0 && !in_code => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    blocks
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    files
}

#[test]
fn translations_leave_no_english_paragraph() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut compared = 0;
    let mut leftovers = Vec::new();
    for locale in ["fr", "ko", "pt-BR", "zh-TW"] {
        for file in markdown_files(&content.join(locale)) {
            let rel = file.strip_prefix(content.join(locale)).unwrap();
            let Ok(source) = std::fs::read_to_string(content.join("en").join(rel)) else {
                continue;
            };
            let english = prose_blocks(&source);
            let translated = prose_blocks(&std::fs::read_to_string(&file).unwrap());
            compared += 1;
            for block in english.intersection(&translated) {
                leftovers.push(format!("{locale}/{}: {block}", rel.display()));
            }
        }
    }
    assert!(compared >= 4, "only {compared} translated pages found");
    assert!(
        leftovers.is_empty(),
        "English left in translations:\n{}",
        leftovers.join("\n")
    );
}

#[test]
fn the_comparison_catches_an_untranslated_paragraph() {
    let en = "# Title\n\nThis paragraph explains how the boundary works in detail.\n\n`code`\n";
    let fr = "# Titre\n\nThis paragraph explains how the boundary works in detail.\n\n`code`\n";
    let ok = "# Titre\n\nCe paragraphe explique en détail le fonctionnement de la frontière.\n";
    assert_eq!(prose_blocks(en).intersection(&prose_blocks(fr)).count(), 1);
    assert_eq!(prose_blocks(en).intersection(&prose_blocks(ok)).count(), 0);
}
