//! The UI strings of every locale: the same message ids as the source locale,
//! only variables the source documents, and the same plural selectors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

struct Message {
    /// Variables the message uses.
    vars: BTreeSet<String>,
    /// Variables the message selects on (`{ $count -> ... }`).
    selectors: BTreeSet<String>,
    /// Variables named in the comment above it (what the caller passes).
    documented: BTreeSet<String>,
}

fn variables(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|v| !v.is_empty())
        .collect()
}

fn walk(
    pattern: &ast::Pattern<&str>,
    vars: &mut BTreeSet<String>,
    selectors: &mut BTreeSet<String>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expr(expression, vars, selectors);
        }
    }
}

fn expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>, selectors: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector {
                selectors.insert(id.name.to_string());
                vars.insert(id.name.to_string());
            }
            for v in variants {
                walk(&v.value, vars, selectors);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
            vars.insert(id.name.to_string());
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            expr(expression, vars, selectors)
        }
        ast::Expression::Inline(_) => {}
    }
}

fn messages(locale: &str) -> BTreeMap<String, Message> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", path.display()));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                let mut selectors = BTreeSet::new();
                if let Some(value) = &m.value {
                    walk(value, &mut vars, &mut selectors);
                }
                let documented = m
                    .comment
                    .as_ref()
                    .map(|c| variables(&c.content.join("\n")))
                    .unwrap_or_default();
                out.insert(
                    m.id.name.to_string(),
                    Message {
                        vars,
                        selectors,
                        documented,
                    },
                );
            }
        }
    }
    out
}

#[test]
fn every_locale_has_every_message_with_matching_variables() {
    let en = messages("en");
    assert!(en.len() > 50, "{} messages", en.len());
    for locale in ["fr", "ko", "pt-BR", "zh-TW"] {
        let other = messages(locale);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{locale} has unknown ids {extra:?}");
        for (id, source) in &en {
            let translated = &other[id];
            // A translation may only use what the caller passes: the variables
            // the source uses or documents.
            let available: BTreeSet<_> = source.vars.union(&source.documented).cloned().collect();
            let unknown: Vec<_> = translated.vars.difference(&available).collect();
            assert!(
                unknown.is_empty(),
                "{locale} {id} uses {unknown:?}, not passed by the caller"
            );
            // Every variable that carries information must reach the reader.
            for v in &source.vars {
                let has_alternative = id == "date-long" && (v == "month-name" || v == "month");
                assert!(
                    translated.vars.contains(v) || has_alternative,
                    "{locale} {id} drops ${v}"
                );
            }
            assert_eq!(
                translated.selectors, source.selectors,
                "{locale} {id}: plural selectors differ"
            );
        }
    }
}

#[test]
fn glossaries_are_well_formed() {
    for locale in ["fr", "ko", "pt-BR", "zh-TW"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(locale)
            .join("glossary.yml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            panic!("{} is missing", path.display());
        };
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let terms = doc["terms"]
            .as_mapping()
            .unwrap_or_else(|| panic!("{locale}: no `terms` mapping"));
        assert!(terms.len() >= 20, "{locale}: only {} terms", terms.len());
        assert!(
            terms.iter().all(|(k, v)| k.is_string() && v.is_string()),
            "{locale}: terms map text to text"
        );
        let keep = doc["keep"]
            .as_sequence()
            .unwrap_or_else(|| panic!("{locale}: no `keep` list"));
        assert!(
            keep.iter().any(|k| k.as_str() == Some("unsafe")),
            "{locale}: `unsafe` must be kept"
        );
    }
}
