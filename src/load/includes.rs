//! DocFX file includes: `[!INCLUDE[title](../includes/x.md)]`, alone on its
//! line (a block) or inside a sentence (inline). Markdown files under a folder
//! named `includes` are include files, not topics.
//!
//! An include is expanded into the including topic's text before anything
//! parses it, so headings, links, code includes and alerts inside it behave
//! as if written in the topic. Its relative links are rewritten on the way in,
//! since DocFX resolves them from the include file, not from the topic. A
//! translation without the include file takes the source locale's. Problems
//! inside an include are reported at the `[!INCLUDE` line of the topic.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Source;
use crate::diagnostics::Diagnostic;
use crate::locale::LocaleId;
use crate::markdown::attrs;
use crate::paths;

/// How deep includes may nest: far more than any docset needs, and a bound
/// for a chain that is not a cycle but grows (a -> b -> c -> ...).
const MAX_DEPTH: usize = 16;

/// How much text a page's includes may add, all levels together: a few
/// includes that each include the next several times would otherwise grow
/// without bound in a handful of levels.
const MAX_INCLUDED: usize = 64 * 1024 * 1024;

/// Where an expansion stands: the chain of files being included, and what
/// may still be added.
struct Walk {
    stack: Vec<String>,
    budget: usize,
}

/// Whether a `/`-separated path inside a locale is an include file.
pub fn is_include(inner: &str) -> bool {
    inner.ends_with(".md") && inner.split('/').rev().skip(1).any(|d| d == "includes")
}

/// Where the expansion replaced text: `at..at + len` of the expanded text came
/// from `orig_at..orig_at + orig_len` of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub len: usize,
    pub orig_at: usize,
    pub orig_len: usize,
}

/// Maps an offset of the expanded text to one of the file: a place inside
/// included text maps to its `[!INCLUDE` directive.
pub fn original_offset(splices: &[Splice], offset: usize) -> usize {
    let mut shift: isize = 0;
    for s in splices {
        if offset < s.at {
            break;
        }
        if offset < s.at + s.len {
            return s.orig_at;
        }
        shift += s.len as isize - s.orig_len as isize;
    }
    (offset as isize - shift).max(0) as usize
}

/// The include files of a build, by (locale, path inside the locale).
pub struct Includes<'a> {
    files: HashMap<(LocaleId, &'a str), &'a Source>,
    default: LocaleId,
}

impl<'a> Includes<'a> {
    pub fn new(sources: &'a [Source], default: LocaleId) -> Self {
        Includes {
            files: sources
                .iter()
                .map(|s| ((s.locale, s.topic.as_str()), s))
                .collect(),
            default,
        }
    }

    /// The locale's include file, else the source locale's.
    fn get(&self, locale: LocaleId, path: &str) -> Option<&'a Source> {
        self.files
            .get(&(locale, path))
            .or_else(|| self.files.get(&(self.default, path)))
            .copied()
    }
}

/// Expands the includes of a topic, in place. Returns the problems found.
pub fn expand(source: &mut Source, includes: &Includes<'_>) -> Vec<Diagnostic> {
    let body = source.body();
    if !has_directive(body) {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut walk = Walk {
        stack: vec![source.topic.clone()],
        budget: MAX_INCLUDED,
    };
    let (text, splices) = expand_text(
        body,
        &source.topic,
        source.locale,
        includes,
        &mut walk,
        &mut |offset, message, hint| problems.push((offset, message, hint)),
    );
    if splices.is_empty() && problems.is_empty() {
        return Vec::new();
    }
    let start = source.body_start;
    let diags = problems
        .into_iter()
        .map(|(offset, message, hint): (usize, String, Option<String>)| {
            let mut d =
                Diagnostic::error(&source.file, message).at_pos(source.body_position(offset));
            if let Some(h) = hint {
                d = d.hint(h);
            }
            d
        })
        .collect();
    let mut expanded = String::with_capacity(start + text.len());
    expanded.push_str(&source.text[..start]);
    expanded.push_str(&text);
    let original = std::mem::replace(&mut source.text, expanded.into());
    source.splices = splices
        .into_iter()
        .map(|s| Splice {
            at: s.at + start,
            orig_at: s.orig_at + start,
            ..s
        })
        .collect();
    source.original = Some(original);
    diags
}

/// Every topic is looked at on every build: a fast search for `[` first
/// (a single byte is found with memchr).
pub fn has_directive(text: &str) -> bool {
    text.match_indices('[').any(|(at, _)| {
        text.as_bytes()
            .get(at..at + 9)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"[!include"))
    })
}

type Report<'r> = &'r mut dyn FnMut(usize, String, Option<String>);

/// `text` (of the file at `path`) with its includes expanded, and where.
fn expand_text(
    text: &str,
    path: &str,
    locale: LocaleId,
    includes: &Includes<'_>,
    walk: &mut Walk,
    report: Report<'_>,
) -> (String, Vec<Splice>) {
    let found = directives(text);
    if found.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut splices = Vec::new();
    let mut last = 0;
    for d in found {
        out.push_str(&text[last..d.range.start]);
        let replacement = match include_text(&d, path, locale, includes, walk) {
            Ok(included) if d.block => indent_block(&included, &d.prefix),
            Ok(included) => inline(&included),
            Err((message, hint)) => {
                report(d.range.start, message, hint);
                String::new()
            }
        };
        splices.push(Splice {
            at: out.len(),
            len: replacement.len(),
            orig_at: d.range.start,
            orig_len: d.range.len(),
        });
        out.push_str(&replacement);
        last = d.range.end;
    }
    out.push_str(&text[last..]);
    (out, splices)
}

/// The included file's text, its own includes expanded and its links
/// rewritten for the file at `path`.
fn include_text(
    d: &Directive,
    path: &str,
    locale: LocaleId,
    includes: &Includes<'_>,
    walk: &mut Walk,
) -> Result<String, (String, Option<String>)> {
    if walk.budget == 0 {
        return Err((
            format!(
                "the includes of this page add more than {} MiB of text",
                MAX_INCLUDED >> 20
            ),
            Some("an include that includes another several times multiplies it".to_string()),
        ));
    }
    let target = resolve(path, &d.path);
    let Some(file) = includes.get(locale, &target) else {
        return Err((
            format!("include `{}` not found: there is no {target}", d.path),
            Some(
                "include files live in a folder named `includes` inside the locale folder"
                    .to_string(),
            ),
        ));
    };
    if walk.stack.contains(&target) {
        let mut chain = walk.stack.clone();
        chain.push(target);
        return Err((
            format!("include cycle: {}", chain.join(" -> ")),
            Some("an include file cannot include itself, directly or not".to_string()),
        ));
    }
    if walk.stack.len() > MAX_DEPTH {
        return Err((
            format!("includes nest more than {MAX_DEPTH} deep at {target}"),
            None,
        ));
    }
    walk.stack.push(target.clone());
    let mut inner = Vec::new();
    let (text, _) = expand_text(
        file.body(),
        &target,
        locale,
        includes,
        walk,
        &mut |_, message, hint| inner.push((message, hint)),
    );
    walk.stack.pop();
    if let Some((message, hint)) = inner.into_iter().next() {
        return Err((format!("in {target}: {message}"), hint));
    }
    walk.budget = walk.budget.saturating_sub(text.len());
    Ok(rewrite_links(&text, &target, path))
}

/// An include path from the file at `from` (both inside the locale): `~/`
/// starts at the locale root; `..` past the root stops there, as in DocFX,
/// whose docset root the locale folder stands for.
pub fn resolve(from: &str, path: &str) -> String {
    let path = path.trim();
    let path = path.split(['#', '?']).next().unwrap_or(path);
    match path.strip_prefix("~/") {
        Some(rest) => paths::join_clamped("", rest),
        None => paths::join_clamped(paths::parent(from), path),
    }
}

/// A block include: its lines carry the prefix of the directive's line (a
/// list item's indentation, a quote's `>`), so it stays inside them.
fn indent_block(text: &str, prefix: &str) -> String {
    let text = text.trim_end();
    if prefix.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(prefix);
            } else {
                out.push_str(prefix.trim_end());
            }
        }
        out.push_str(line);
    }
    out
}

/// An inline include: its text as one line.
fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Directive {
    /// The whole `[!INCLUDE[...](...)]`.
    range: Range<usize>,
    path: String,
    /// Alone on its line (after the prefix).
    block: bool,
    /// What precedes it on its line, for a block: spaces and `>`.
    prefix: String,
}

/// The include directives of a text, outside code.
fn directives(text: &str) -> Vec<Directive> {
    let code = code_ranges(text);
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("[!include").map(|i| i + from) {
        from = at + 1;
        if code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let Some((end, path)) = parse_directive(&text[at..]) else {
            continue;
        };
        let end = at + end;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let before = &text[line_start..at];
        let block = before.chars().all(|c| c == ' ' || c == '\t' || c == '>')
            && text[end..line_end].trim().is_empty();
        out.push(Directive {
            range: at..end,
            path,
            block,
            prefix: before.to_string(),
        });
        from = end;
    }
    out
}

/// `[!INCLUDE[title](path)]` or `[!INCLUDE [title](path)]` at the start of
/// `s`: its length and path.
fn parse_directive(s: &str) -> Option<(usize, String)> {
    let rest = &s["[!include".len()..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let mut i = "[!include".len() + (rest.len() - trimmed.len());
    if !trimmed.starts_with('[') {
        return None;
    }
    let close = trimmed.find("](")?;
    i += close + 2;
    let after = &s[i..];
    let end = after.find(')')?;
    let path = after[..end].trim().trim_matches(['<', '>']).to_string();
    i += end + 1;
    if !s[i..].starts_with(']') || path.is_empty() || path.contains('\n') {
        return None;
    }
    Some((i + 1, path))
}

/// Byte ranges of code blocks and code spans, where a directive is just text.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    out.push(start..range.end);
                }
            }
            Event::Code(_) => out.push(range),
            _ => {}
        }
    }
    out
}

/// `text` of the file at `from`, with each relative link target rewritten to
/// lead to the same file from the file at `to` (both inside the locale).
fn rewrite_links(text: &str, from: &str, to: &str) -> String {
    if paths::parent(from) == paths::parent(to) {
        return text.to_string();
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut edit = |range: Range<usize>, dest: &str| {
        if let Some(new) = rebase(dest, from, to) {
            edits.push((range, new));
        }
    };
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if let Some(dest) = inline_dest(text, range.clone()) {
                    edit(dest.clone(), &text[dest]);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let html = &text[range.clone()];
                for a in attrs::scan(html).iter().filter(|a| attrs::is_link_attr(a)) {
                    edit(
                        range.start + a.range.start..range.start + a.range.end,
                        a.value,
                    );
                }
            }
            _ => {}
        }
    }
    // Reference definitions and `:::` directives' `source="..."` are lines
    // the parser gives no event for.
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with(":::") {
            for key in ["source=\"", "source='"] {
                if let Some(i) = t.find(key) {
                    let v = i + key.len();
                    let quote = &key[key.len() - 1..];
                    if let Some(len) = t[v..].find(quote) {
                        let at = line_start + indent + v;
                        edit(at..at + len, &t[v..v + len]);
                    }
                }
            }
        } else if let Some(dest) = definition_dest(t) {
            let at = line_start + indent + dest.start;
            edit(at..at + dest.len(), &t[dest]);
        }
        line_start += line.len();
    }
    edits.sort_by_key(|(r, _)| r.start);
    edits.dedup_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, new) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&text[last..range.start]);
        out.push_str(&new);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// The new target of `dest` (written in the file at `from`) as seen from the
/// file at `to`; `None` when it is not a relative path.
fn rebase(dest: &str, from: &str, to: &str) -> Option<String> {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    let absolute = dest.is_empty()
        || dest.starts_with(['#', '/', '~', '@', '\\'])
        || lower.starts_with("xref:")
        || dest
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '.', '#']));
    if absolute {
        return None;
    }
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let target = paths::join_clamped(paths::parent(from), path);
    let mut rel = paths::relative_path(to, &target);
    if rel.is_empty() {
        rel = ".".to_string();
    }
    Some(rel + suffix)
}

/// The destination of an inline link or image whose source is `range`:
/// `[text](dest "title")`. `None` for reference links and autolinks.
fn inline_dest(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let bytes = s.as_bytes();
    let mut i = usize::from(s.starts_with('!'));
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if bytes.get(i + 1) != Some(&b'(') {
        return None;
    }
    let mut start = i + 2;
    while bytes.get(start).is_some_and(|b| b.is_ascii_whitespace()) {
        start += 1;
    }
    let end = if bytes.get(start) == Some(&b'<') {
        start += 1;
        start + s[start..].find('>')?
    } else {
        let mut parens = 0usize;
        let mut j = start;
        while j < bytes.len() {
            match bytes[j] {
                b'\\' => j += 1,
                b'(' => parens += 1,
                b')' if parens == 0 => break,
                b')' => parens -= 1,
                b if b.is_ascii_whitespace() => break,
                _ => {}
            }
            j += 1;
        }
        j.min(bytes.len())
    };
    Some(range.start + start..range.start + end)
}

/// The destination inside a reference definition line `[id]: dest "title"`.
fn definition_dest(line: &str) -> Option<Range<usize>> {
    if !line.starts_with('[') || line.starts_with("[!") || line.starts_with("[^") {
        return None;
    }
    let close = line.find("]:")?;
    let after = &line[close + 2..];
    let start = close + 2 + (after.len() - after.trim_start().len());
    let rest = &line[start..];
    let rest = rest.strip_prefix('<').unwrap_or(rest);
    let start = line.len() - rest.len();
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '>')
        .unwrap_or(rest.len());
    (len > 0).then_some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(locale: LocaleId, topic: &str, text: &str) -> Source {
        super::super::source_from_bytes(
            topic.to_string(),
            locale,
            PathBuf::from(format!("content/{locale}/{topic}")),
            text.as_bytes(),
        )
        .0
        .unwrap()
    }

    fn expanded(topic: Source, files: &[Source]) -> (Source, Vec<Diagnostic>) {
        let mut topic = topic;
        let diags = expand(&mut topic, &Includes::new(files, 0));
        (topic, diags)
    }

    #[test]
    fn include_files_are_found_by_folder() {
        assert!(is_include("includes/x.md"));
        assert!(is_include("docs/includes/a/b.md"));
        assert!(!is_include("includes.md"));
        assert!(!is_include("docs/includes/x.png"));
    }

    #[test]
    fn block_and_inline_includes_with_links_rebased() {
        let inc = [
            source(
                0,
                "includes/pre.md",
                "- See [the overview](../docs/a/overview.md#top) and ![pic](media/x.png).\n- <a href=\"../docs/b.md\">B</a>\n",
            ),
            source(0, "includes/note.md", "in **preview**\n"),
        ];
        let topic = source(
            0,
            "docs/a/topic.md",
            "---\ntitle: T\n---\n# T\n\n[!INCLUDE[pre](../../includes/pre.md)]\n\nThis is [!include[n](~/includes/note.md)] today.\n",
        );
        let (topic, diags) = expanded(topic, &inc);
        assert!(diags.is_empty(), "{diags:?}");
        let body = topic.body();
        assert!(body.contains("[the overview](overview.md#top)"), "{body}");
        assert!(
            body.contains("![pic](../../includes/media/x.png)"),
            "{body}"
        );
        assert!(body.contains("href=\"../b.md\""), "{body}");
        assert!(body.contains("This is in **preview** today."), "{body}");
        assert!(!body.to_ascii_lowercase().contains("[!include"));
        // A place in the included text maps to the directive's line.
        let at = body.find("overview.md").unwrap();
        assert_eq!(topic.body_position(at).line, 6);
        let after = body.find("today").unwrap();
        assert_eq!(topic.body_position(after).line, 8);
    }

    #[test]
    fn a_translation_falls_back_to_the_source_include() {
        let inc = [source(0, "includes/x.md", "English include.\n")];
        let topic = source(1, "a.md", "[!INCLUDE[x](includes/x.md)]\n");
        let (topic, diags) = expanded(topic, &inc);
        assert!(diags.is_empty());
        assert_eq!(topic.body().trim(), "English include.");
    }

    #[test]
    fn cycles_and_missing_files_are_errors_at_the_directive() {
        let inc = [
            source(0, "includes/a.md", "A [!INCLUDE[b](b.md)]\n"),
            source(0, "includes/b.md", "B [!INCLUDE[a](a.md)]\n"),
        ];
        let topic = source(
            0,
            "t.md",
            "# T\n\n[!INCLUDE[a](includes/a.md)]\n\n[!INCLUDE[gone](includes/gone.md)]\n",
        );
        let (topic, diags) = expanded(topic, &inc);
        assert_eq!(diags.len(), 2, "{diags:?}");
        let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            text[0].contains(":3:1:")
                && text[0].contains("includes/a.md -> includes/b.md -> includes/a.md"),
            "{text:?}"
        );
        assert!(text[1].contains(":5:1:") && text[1].contains("includes/gone.md"));
        assert!(!topic.body().contains("[!INCLUDE"));
    }

    #[test]
    fn includes_that_multiply_stop_at_the_budget() {
        // Each level includes the next one ten times: 10^12 copies unbounded.
        let mut files: Vec<Source> = (0..12)
            .map(|n| {
                let line = format!("[!INCLUDE[x](l{}.md)]\n\n", n + 1);
                source(0, &format!("includes/l{n}.md"), &line.repeat(10))
            })
            .collect();
        files.push(source(0, "includes/l12.md", &"x".repeat(4096)));
        let started = std::time::Instant::now();
        let (topic, diags) = expanded(source(0, "t.md", "[!INCLUDE[x](includes/l0.md)]\n"), &files);
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        assert!(
            topic.text.len() <= MAX_INCLUDED + 4096,
            "{}",
            topic.text.len()
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].to_string().contains("more than 64 MiB"),
            "{}",
            diags[0]
        );
    }

    #[test]
    fn includes_in_code_stay_and_prefixes_are_kept() {
        let inc = [source(0, "includes/x.md", "line one\nline two\n")];
        let topic = source(
            0,
            "t.md",
            "```md\n[!INCLUDE[x](includes/x.md)]\n```\n\n`[!INCLUDE[x](includes/x.md)]`\n\n> [!NOTE]\n> [!INCLUDE[x](includes/x.md)]\n",
        );
        let (topic, _) = expanded(topic, &inc);
        let body = topic.body();
        assert_eq!(body.matches("[!INCLUDE").count(), 2, "{body}");
        assert!(body.contains("> line one\n> line two"), "{body}");
    }

    #[test]
    fn rebasing_and_clamping() {
        assert_eq!(
            resolve("docs/x/z.md", "../../../docs/x/y.md"),
            "docs/x/y.md"
        );
        assert_eq!(resolve("docs/z.md", "~/includes/a.md"), "includes/a.md");
        assert_eq!(
            rebase("../docs/a.md#h", "includes/x.md", "docs/b/c.md").as_deref(),
            Some("../a.md#h")
        );
        for kept in [
            "https://x.test/a",
            "#frag",
            "xref:A.B",
            "mailto:a@b",
            "~/a.md",
            "/static/x",
        ] {
            assert_eq!(rebase(kept, "includes/x.md", "docs/c.md"), None, "{kept}");
        }
        assert_eq!(original_offset(&[], 7), 7);
        let s = [Splice {
            at: 10,
            len: 100,
            orig_at: 10,
            orig_len: 20,
        }];
        assert_eq!(
            (
                original_offset(&s, 5),
                original_offset(&s, 50),
                original_offset(&s, 115)
            ),
            (5, 10, 35)
        );
    }
}
