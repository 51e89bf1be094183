//! One locale's search index, the files static/search-engine.js reads:
//!
//! - `pages.json`: the number of word shards, pages per text chunk, average
//!   page length, and each page as `[url, title, fallback (0/1), length]`;
//! - `w/<n>.json`: a shard of the word list, `{"s": [[surface, k]...],
//!   "k": [[key, [page, weight, page, weight...]]...]}`, surfaces sorted so
//!   that a prefix is a range, `k` an index into this shard's keys. A surface
//!   is in shard [`shard_of`] of it, so a query loads one shard per word;
//! - `t/<n>.json`: the plain text of [`CHUNK`] pages, for excerpts.
//!
//! A page's weight for a key is how often the key occurs, a heading word
//! counting several times (see [`super::text`]).

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::text::Text;
use super::words::{self, Analyzer, Piece};

/// Pages per text chunk: twelve results load at most twelve chunks, and
/// usually fewer.
pub const CHUNK: usize = 16;

/// Aimed size of a word shard, in bytes of JSON.
const SHARD_BYTES: usize = 48 * 1024;

/// One page as it is indexed.
pub struct Page<'a> {
    /// Relative to the locale's folder (`interop/a.html`).
    pub url: &'a str,
    pub title: &'a str,
    pub fallback: bool,
    pub text: Text,
}

/// The shard a surface is in: FNV-1a over the UTF-16 code units of its first
/// two characters (one for Han and kana, whose surfaces are pairs: a one-
/// character query finds the pairs it starts), modulo the shard count.
pub fn shard_of(surface: &str, shards: usize) -> usize {
    let mut chars = surface.chars();
    let mut hash: u32 = 0x811c_9dc5;
    let mut prefix = [0u16; 4];
    let mut units = 0;
    if let Some(first) = chars.next() {
        units += first.encode_utf16(&mut prefix[units..]).len();
        if let Some(second) = chars.next().filter(|_| !words::is_han(first)) {
            units += second.encode_utf16(&mut prefix[units..]).len();
        }
    }
    for unit in &prefix[..units] {
        hash ^= u32::from(*unit);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards.max(1)
}

#[derive(Default)]
struct Index {
    /// Piece as written -> its key ids: each distinct word is analysed once.
    seen: FxHashMap<Box<str>, Box<[u32]>>,
    surfaces: FxHashMap<Box<str>, u32>,
    key_ids: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
    /// Per key: page, weight, page, weight...
    postings: Vec<Vec<u32>>,
}

impl Index {
    fn key_ids(&mut self, analyzer: &Analyzer, piece: &str, kind: Piece) -> &[u32] {
        if !self.seen.contains_key(piece) {
            let mut ids: Vec<u32> = Vec::new();
            for (surface, key) in analyzer.terms(piece, kind) {
                let id = match self.key_ids.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.keys.len() as u32;
                        self.keys.push(key.clone().into());
                        self.key_ids.insert(key.into(), id);
                        self.postings.push(Vec::new());
                        id
                    }
                };
                self.surfaces.entry(surface.into()).or_insert(id);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            self.seen.insert(piece.into(), ids.into());
        }
        self.seen.get(piece).map_or(&[], |ids| ids)
    }
}

/// The index files (name in the bundle, bytes) of `pages`, in order.
pub fn build<'a>(language: &str, pages: impl Iterator<Item = Page<'a>>) -> Vec<(String, Vec<u8>)> {
    let analyzer = Analyzer::new(language);
    let mut index = Index::default();
    let mut files = Vec::new();
    let mut listed = String::new();
    let mut chunk = String::from("[");
    let mut count = 0usize;
    let mut total_length = 0u64;
    let mut weights: FxHashMap<u32, u32> = FxHashMap::default();
    for page in pages {
        let id = count as u32;
        let mut length = 0u32;
        let mut headings = page.text.headings.iter().peekable();
        let plain = &page.text.plain;
        for (start, end, kind) in words::pieces(plain) {
            while headings.next_if(|(range, _)| range.end <= start).is_some() {}
            let weight = headings
                .peek()
                .filter(|(range, _)| range.start <= start)
                .map_or(1, |(_, w)| *w);
            let piece = &plain[start..end];
            let mut add = |index: &mut Index, piece: &str, kind: Piece| {
                for &key in index.key_ids(&analyzer, piece, kind) {
                    *weights.entry(key).or_default() += weight;
                }
                length += 1;
            };
            match kind {
                Piece::Word => add(&mut index, piece, kind),
                Piece::Han => {
                    // Pairs one by one, so that each is looked up and kept
                    // once however long the run is.
                    let bounds: Vec<usize> = piece
                        .char_indices()
                        .map(|(i, _)| i)
                        .chain([piece.len()])
                        .collect();
                    if bounds.len() == 2 {
                        add(&mut index, piece, kind);
                    }
                    for w in bounds.windows(3) {
                        add(&mut index, &piece[w[0]..w[2]], kind);
                    }
                }
            }
        }
        let mut page_weights: Vec<(u32, u32)> = weights.drain().collect();
        page_weights.sort_unstable();
        for (key, weight) in page_weights {
            index.postings[key as usize].extend([id, weight]);
        }
        total_length += u64::from(length);

        if count > 0 {
            listed.push(',');
        }
        let _ = write!(
            listed,
            "[{},{},{},{length}]",
            json(page.url),
            json(page.title),
            u8::from(page.fallback)
        );
        if !count.is_multiple_of(CHUNK) {
            chunk.push(',');
        }
        chunk.push_str(&json(plain));
        count += 1;
        if count.is_multiple_of(CHUNK) {
            chunk.push(']');
            let name = format!("t/{}.json", count / CHUNK - 1);
            files.push((
                name,
                std::mem::replace(&mut chunk, String::from("[")).into_bytes(),
            ));
        }
    }
    if !count.is_multiple_of(CHUNK) {
        chunk.push(']');
        files.push((format!("t/{}.json", count / CHUNK), chunk.into_bytes()));
    }

    let size: usize = index.postings.iter().map(|p| p.len() * 4).sum::<usize>()
        + index.surfaces.keys().map(|s| s.len() + 12).sum::<usize>();
    let shards = size.div_ceil(SHARD_BYTES).max(1);
    files.extend(shards_of(&index, shards));
    let average = if count == 0 {
        0.0
    } else {
        total_length as f64 / count as f64
    };
    let head = format!(
        "{{\"version\":1,\"shards\":{shards},\"chunk\":{CHUNK},\"average\":{average:.2},\"pages\":[{listed}]}}"
    );
    files.push(("pages.json".to_string(), head.into_bytes()));
    files
}

fn shards_of(index: &Index, shards: usize) -> Vec<(String, Vec<u8>)> {
    let mut by_shard: Vec<Vec<(&str, u32)>> = vec![Vec::new(); shards];
    for (surface, &key) in &index.surfaces {
        by_shard[shard_of(surface, shards)].push((surface, key));
    }
    by_shard
        .into_iter()
        .enumerate()
        .map(|(n, mut surfaces)| {
            // In UTF-16 order, as JavaScript compares strings.
            surfaces.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            // Keys of this shard, numbered in order of first use.
            let mut local: FxHashMap<u32, usize> = FxHashMap::default();
            let mut order = Vec::new();
            let mut out = String::from("{\"s\":[");
            for (i, (surface, key)) in surfaces.iter().enumerate() {
                let next = local.len();
                let k = *local.entry(*key).or_insert_with(|| {
                    order.push(*key);
                    next
                });
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "[{},{k}]", json(surface));
            }
            out.push_str("],\"k\":[");
            for (i, key) in order.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "[{},[", json(&index.keys[*key as usize]));
                for (j, n) in index.postings[*key as usize].iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "{n}");
                }
                out.push_str("]]");
            }
            out.push_str("]}");
            (format!("w/{n}.json"), out.into_bytes())
        })
        .collect()
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_hash_the_first_two_characters_or_one_han() {
        // Same values as static/search-engine.js computes (FNV-1a, UTF-16).
        assert_eq!(shard_of("chaine", 1 << 30), shard_of("chaines", 1 << 30));
        assert_ne!(shard_of("chaine", 1 << 30), shard_of("cx", 1 << 30));
        assert_eq!(shard_of("封送", 1 << 30), shard_of("封", 1 << 30));
        assert_eq!(shard_of("a", 1 << 30), 0xe40c292c % (1 << 30));
        assert_eq!(shard_of("anything", 1), 0);
    }

    fn page<'a>(url: &'a str, html: &str) -> Page<'a> {
        Page {
            url,
            title: url,
            fallback: url.starts_with('f'),
            text: Text::of(html, None),
        }
    }

    #[test]
    fn pages_list_their_keys_with_heading_words_weighing_more() {
        let files = build(
            "fr",
            [
                page("a.html", "<h1>Chaînes</h1><p>une chaîne</p>"),
                page("fb.html", "<p>Chaine &lt;C&gt;</p>"),
            ]
            .into_iter(),
        );
        let get = |name: &str| -> serde_json::Value {
            let (_, bytes) = files.iter().find(|(n, _)| n == name).unwrap();
            serde_json::from_slice(bytes).unwrap()
        };
        let pages = get("pages.json");
        assert_eq!(
            pages["pages"][1],
            serde_json::json!(["fb.html", "fb.html", 1, 2])
        );
        let shards = pages["shards"].as_u64().unwrap() as usize;
        let shard = get(&format!("w/{}.json", shard_of("chaine", shards)));
        let surfaces = shard["s"].as_array().unwrap();
        let at = |s: &str| {
            surfaces.iter().find(|e| e[0] == s).unwrap()[1]
                .as_u64()
                .unwrap()
        };
        assert_eq!(at("chaine"), at("chaines"), "one key");
        let key = &shard["k"][at("chaine") as usize];
        assert_eq!(key[0], "chain");
        // Page 0: the heading word (6) and the body word (1); page 1: once.
        assert_eq!(key[1], serde_json::json!([0, 7, 1, 1]));
        assert_eq!(
            get("t/0.json"),
            serde_json::json!(["Chaînes\nune chaîne", "Chaine <C>"])
        );
    }
}
