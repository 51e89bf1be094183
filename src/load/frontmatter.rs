//! Front matter: the YAML block between `---` lines at the top of a topic.
//!
//! Known keys are typed; every other key is kept in `extra` for templates. A key
//! of the wrong type is reported at its own line and dropped, so one mistake
//! does not cost the rest of the metadata.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Position};

/// A calendar date, as written in `date` or `ms.date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Accepts `2024-05-31` (optionally followed by a time) and the Microsoft
    /// Docs form `05/31/2024`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let (y, m, d) = if s.contains('/') {
            let mut it = s.split('/');
            let (m, d, y) = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() {
                return None;
            }
            (y, m, d)
        } else {
            let date = s.split(['T', ' ']).next()?;
            let mut it = date.split('-');
            let (y, m, d) = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() {
                return None;
            }
            (y, m, d)
        };
        let all_digits =
            |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) || y.len() != 4 {
            return None;
        }
        let (year, month, day): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

/// Typed front matter. Field names follow the keys, `ms.` prefixes dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// `titleSuffix`: shown after the title in the browser's title bar.
    pub title_suffix: Option<String>,
    pub description: Option<String>,
    pub uid: Option<String>,
    /// `date`, else `ms.date`.
    pub date: Option<Date>,
    /// `keywords` followed by `helpviewer_keywords`, without repeats.
    pub keywords: Vec<String>,
    pub author: Option<String>,
    pub order: Option<i64>,
    pub assetid: Option<String>,
    /// `ms.contentlocale`, as written.
    pub contentlocale: Option<String>,
    /// `ms.translationtype`: `HT` or `MT` mark a machine-assisted translation.
    pub translationtype: Option<String>,
    /// `ms.sourcegitcommit`: the source commit a translation was made from.
    pub source_commit: Option<String>,
    pub dev_langs: Vec<String>,
    /// `source_hash`: what a translation was translated from (see `status`).
    pub source_hash: Option<String>,
    /// Every other key, untouched.
    pub extra: BTreeMap<String, Value>,
}

impl FrontMatter {
    pub fn machine_assisted(&self) -> bool {
        matches!(self.translationtype.as_deref(), Some(t) if t.eq_ignore_ascii_case("HT") || t.eq_ignore_ascii_case("MT"))
    }
}

/// Where the front matter sits in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the fences).
    pub yaml: (usize, usize),
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// A `---` opening line with no closing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unterminated;

/// Finds a front matter block at the very top of `text` (already BOM-free, LF).
pub fn split(text: &str) -> Result<Option<Split>, Unterminated> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Some(Split {
                yaml: (yaml_start, pos),
                body_start,
            }));
        }
        pos = end + 1;
    }
    Err(Unterminated)
}

/// Parses the YAML of a front matter block. `yaml_line` is the file line the YAML
/// starts on, so diagnostics point into the file, not into the block.
pub fn parse(
    yaml: &str,
    yaml_line: usize,
    diags: &mut Vec<Diagnostic>,
    file: &std::path::Path,
) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let mut d = Diagnostic::error(file, format!("invalid YAML in front matter: {}", strip_location(&e.to_string())))
                .hint("front matter is YAML between two `---` lines; quote values that contain `: ` or start with special characters");
            if let Some(loc) = e.location() {
                d = d.at(yaml_line + loc.line().saturating_sub(1), loc.column());
            } else {
                d = d.at(yaml_line, 1);
            }
            diags.push(d);
            return fm;
        }
    };
    let map = match value {
        Value::Null => return fm,
        Value::Mapping(m) => m,
        other => {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "front matter must be a mapping of keys to values, found {}",
                        kind(&other)
                    ),
                )
                .at(yaml_line, 1)
                .hint("write `key: value` lines, e.g. `title: My topic`"),
            );
            return fm;
        }
    };
    let place = |key: &str| key_position(yaml, yaml_line, key);
    let mut ms_date = None;
    let mut helpviewer = Vec::new();
    for (k, v) in map {
        let key = match &k {
            Value::String(s) => s.clone(),
            other => {
                diags.push(
                    Diagnostic::warning(
                        file,
                        format!("front matter key {} is not a string; ignored", kind(other)),
                    )
                    .at(yaml_line, 1),
                );
                continue;
            }
        };
        let mut wrong = |expected: &str| {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "front matter key `{key}` must be {expected}, found {}",
                        kind(&v)
                    ),
                )
                .at_pos(place(&key)),
            );
        };
        match key.as_str() {
            "title" => fm.title = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text")),
            "titleSuffix" => {
                fm.title_suffix = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text"))
            }
            "description" => {
                fm.description = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text"))
            }
            "uid" => fm.uid = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text")),
            "author" => fm.author = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text")),
            "ms.assetid" => fm.assetid = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text")),
            "ms.contentlocale" => {
                fm.contentlocale = scalar(&v).or_else(|| none_or(&v, &mut wrong, "a locale code"))
            }
            "ms.sourcegitcommit" => {
                fm.source_commit = scalar(&v).or_else(|| none_or(&v, &mut wrong, "text"))
            }
            "ms.translationtype" => {
                fm.translationtype = scalar(&v).or_else(|| none_or(&v, &mut wrong, "`HT` or `MT`"))
            }
            "order" => match &v {
                Value::Number(n) if n.as_i64().is_some() => fm.order = n.as_i64(),
                Value::Null => {}
                _ => wrong("a whole number"),
            },
            "date" | "ms.date" => {
                let Some(text) = scalar(&v) else {
                    none_or::<()>(&v, &mut wrong, "a date");
                    continue;
                };
                match Date::parse(&text) {
                    Some(d) if key == "date" => fm.date = Some(d),
                    Some(d) => ms_date = Some(d),
                    None => diags.push(
                        Diagnostic::warning(
                            file,
                            format!("`{key}: {text}` is not a date; it is ignored"),
                        )
                        .at_pos(place(&key))
                        .hint("write dates as 2024-05-31 (or 05/31/2024 for ms.date)"),
                    ),
                }
            }
            "keywords" => match list(&v, true) {
                Some(items) => fm.keywords = items,
                None => wrong("a list of text"),
            },
            "helpviewer_keywords" => match list(&v, false) {
                Some(items) => helpviewer = items,
                None => wrong("a list of text"),
            },
            "source_hash" => {
                fm.source_hash = scalar(&v).or_else(|| none_or(&v, &mut wrong, "a hash"))
            }
            "dev_langs" => match list(&v, false) {
                Some(items) => fm.dev_langs = items,
                None => wrong("a list of text"),
            },
            _ => {
                fm.extra.insert(key, v);
            }
        }
    }
    if fm.date.is_none() {
        fm.date = ms_date;
    }
    for k in helpviewer {
        if !fm.keywords.contains(&k) {
            fm.keywords.push(k);
        }
    }
    fm
}

/// The line and column of `key:` inside the YAML block; the block's first line
/// when the key cannot be found (e.g. written in flow style).
pub fn key_position(yaml: &str, yaml_line: usize, key: &str) -> Position {
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            })
            .or_else(|| {
                trimmed
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('\''))
            });
        if line.len() == trimmed.len() && rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            return Position {
                line: yaml_line + i,
                column: 1,
            };
        }
    }
    Position {
        line: yaml_line,
        column: 1,
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `None` for a null value (an empty key such as `ms.custom:`); otherwise reports
/// the wrong type.
fn none_or<T>(v: &Value, wrong: &mut impl FnMut(&str), expected: &str) -> Option<T> {
    if !matches!(v, Value::Null) {
        wrong(expected);
    }
    None
}

/// A list of scalars; a single string is one item (split on commas when asked).
fn list(v: &Value, split_commas: bool) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::Sequence(items) => items
            .iter()
            .filter(|i| !matches!(i, Value::Null))
            .map(scalar)
            .collect(),
        other => {
            let s = scalar(other)?;
            Some(if split_commas {
                s.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect()
            } else {
                vec![s]
            })
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// serde_norway appends " at line X column Y"; we report the place ourselves.
fn strip_location(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fm(yaml: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let f = parse(yaml, 2, &mut d, Path::new("t.md"));
        (f, d)
    }

    #[test]
    fn split_finds_the_block() {
        let t = "---\ntitle: x\n---\n# Body\n";
        let s = split(t).unwrap().unwrap();
        assert_eq!(&t[s.yaml.0..s.yaml.1], "title: x\n");
        assert_eq!(&t[s.body_start..], "# Body\n");
        assert_eq!(split("# no front matter\n---\n"), Ok(None));
        assert_eq!(split("---\ntitle: x\n"), Err(Unterminated));
        let empty = split("---\n---\n").unwrap().unwrap();
        assert_eq!(empty.yaml.0, empty.yaml.1);
        assert_eq!(
            split("---   \na: 1\n...\n").unwrap().unwrap().body_start,
            16
        );
    }

    #[test]
    fn microsoft_docs_keys_are_typed() {
        let (f, d) = fm(
            "title: \"A | Microsoft Docs\"\nms.custom: \"\"\nms.date: 03/30/2017\nms.technology:\n  - dotnet-clr\nhelpviewer_keywords:\n  - \"a, b\"\n  - c\nms.assetid: ccb68ce7\ncaps.latest.revision: 15\nms.translationtype: HT\nms.contentlocale: fr-fr\ndev_langs:\n- VB\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(f.title.as_deref(), Some("A | Microsoft Docs"));
        assert_eq!(
            f.date,
            Some(Date {
                year: 2017,
                month: 3,
                day: 30
            })
        );
        assert_eq!(f.keywords, ["a, b", "c"]);
        assert_eq!(f.assetid.as_deref(), Some("ccb68ce7"));
        assert!(f.machine_assisted());
        assert_eq!(f.dev_langs, ["VB"]);
        assert!(f.extra.contains_key("ms.custom"));
        assert!(f.extra.contains_key("caps.latest.revision"));
        assert!(f.extra.contains_key("ms.technology"));
    }

    #[test]
    fn wrong_types_are_reported_at_their_key() {
        let (f, d) = fm("title: ok\norder: first\nkeywords: {a: 1}\ndate: 2024-02-30\n");
        assert_eq!(f.title.as_deref(), Some("ok"));
        assert_eq!(f.order, None);
        let places: Vec<_> = d.iter().map(|d| (d.line, d.is_error())).collect();
        assert_eq!(places, [(3, true), (4, true), (5, false)]);
    }

    #[test]
    fn yaml_errors_and_non_mappings() {
        let (_, d) = fm("title: ok\nbad: [unclosed\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert!(d[0].line >= 3, "{:?}", d[0]);
        let (_, d) = fm("- a\n- b\n");
        assert!(d[0].message.contains("mapping"));
        let (f, d) = fm("");
        assert!(d.is_empty() && f.title.is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(
            Date::parse("12/01/2020"),
            Some(Date {
                year: 2020,
                month: 12,
                day: 1
            })
        );
        assert_eq!(Date::parse("2020-01-05T10:00:00Z").map(|d| d.day), Some(5));
        for bad in [
            "",
            "yesterday",
            "2020-13-01",
            "1/2",
            "99999-01-01",
            "2020-1-1-1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
