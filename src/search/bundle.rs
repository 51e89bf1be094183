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
    /// The article.
    pub html: &'a str,
    /// The article has no level-1 heading: the title stands for one.
    pub heading: bool,
}

/// A page's text and its distinct pieces, worked out on any thread.
struct Counted {
    /// The text as a JSON string, for its chunk.
    json: String,
    /// (start, end) in the text, kind and weight summed over occurrences.
    pieces: Vec<(usize, usize, Piece, u32)>,
    /// Pieces in all (a Han run counts its pairs).
    length: u32,
    text: Text,
}

impl Counted {
    fn of(page: &Page<'_>) -> Counted {
        let text = Text::of(page.html, page.heading.then_some(page.title));
        let plain = &text.plain;
        let mut at: FxHashMap<&str, usize> = FxHashMap::default();
        let mut pieces: Vec<(usize, usize, Piece, u32)> = Vec::new();
        let mut length = 0u32;
        let mut headings = text.headings.iter().peekable();
        let mut add = |start: usize, end: usize, kind: Piece, weight: u32| {
            length += 1;
            match at.get(&plain[start..end]) {
                Some(&i) => pieces[i].3 += weight,
                None => {
                    at.insert(&plain[start..end], pieces.len());
                    pieces.push((start, end, kind, weight));
                }
            }
        };
        for (start, end, kind) in words::pieces(plain) {
            while headings.next_if(|(range, _)| range.end <= start).is_some() {}
            let weight = headings
                .peek()
                .filter(|(range, _)| range.start <= start)
                .map_or(1, |(_, w)| *w);
            match kind {
                Piece::Word => add(start, end, kind, weight),
                Piece::Han => {
                    // Pairs one by one, so that each is looked up and kept
                    // once however long the run is.
                    let bounds: Vec<usize> = plain[start..end]
                        .char_indices()
                        .map(|(i, _)| start + i)
                        .chain([end])
                        .collect();
                    if bounds.len() == 2 {
                        add(start, end, kind, weight);
                    }
                    for w in bounds.windows(3) {
                        add(w[0], w[2], kind, weight);
                    }
                }
            }
        }
        Counted {
            json: json(plain),
            pieces,
            length,
            text,
        }
    }
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
    /// Piece as written -> its key ids in `ids`: each distinct word is
    /// analysed once.
    seen: FxHashMap<Box<str>, u32>,
    ids: Vec<Box<[u32]>>,
    surfaces: FxHashMap<Box<str>, u32>,
    key_ids: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
    /// Per key: page, weight, page, weight...
    postings: Vec<Vec<u32>>,
}

impl Index {
    fn key_ids(&mut self, analyzer: &Analyzer, piece: &str, kind: Piece) -> &[u32] {
        if let Some(&at) = self.seen.get(piece) {
            return &self.ids[at as usize];
        }
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
        self.seen.insert(piece.into(), self.ids.len() as u32);
        self.ids.push(ids.into());
        self.ids.last().map_or(&[], |ids| ids)
    }
}

/// The index files (name in the bundle, bytes) of `pages`, in order.
pub fn build(language: &str, pages: &[Page<'_>]) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    // Texts and their pieces on every core; the word table, which is one,
    // on this thread.
    let counted: Vec<Counted> = pages.par_iter().map(Counted::of).collect();
    let analyzer = Analyzer::new(language);
    let mut index = Index::default();
    let mut files = Vec::new();
    let mut listed = String::new();
    let mut chunk = String::from("[");
    let mut count = 0usize;
    let mut total_length = 0u64;
    let mut weights: FxHashMap<u32, u32> = FxHashMap::default();
    for (page, counted) in pages.iter().zip(counted) {
        let id = count as u32;
        let plain = &counted.text.plain;
        for &(start, end, kind, weight) in &counted.pieces {
            for &key in index.key_ids(&analyzer, &plain[start..end], kind).iter() {
                *weights.entry(key).or_default() += weight;
            }
        }
        let mut page_weights: Vec<(u32, u32)> = weights.drain().collect();
        page_weights.sort_unstable();
        for (key, weight) in page_weights {
            index.postings[key as usize].extend([id, weight]);
        }
        let length = counted.length;
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
        chunk.push_str(&counted.json);
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
            surfaces.sort_unstable_by(|a, b| utf16_order(a.0, b.0));
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
                let mut number = itoa::Buffer::new();
                for (j, n) in index.postings[*key as usize].iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str(number.format(*n));
                }
                out.push_str("]]");
            }
            out.push_str("]}");
            (format!("w/{n}.json"), out.into_bytes())
        })
        .collect()
}

/// Strings in UTF-16 order, as JavaScript compares them. It differs from
/// UTF-8 (code point) order only between characters above U+FFFF and those
/// from U+E000 to U+FFFF, whose UTF-8 starts with a byte from 0xEE.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let high = |s: &str| s.bytes().any(|b| b >= 0xEE);
    if !high(a) && !high(b) {
        return a.cmp(b);
    }
    // The first UTF-16 unit of a character, then the character.
    let unit = |c: char| match c as u32 {
        n if n >= 0x10000 => (0xD800 + ((n - 0x10000) >> 10), n),
        n => (n, n),
    };
    a.chars().map(unit).cmp(b.chars().map(unit))
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_sort_as_javascript_compares_them() {
        use std::cmp::Ordering::*;
        assert_eq!(utf16_order("chaine", "chaines"), Less);
        assert_eq!(utf16_order("b", "a"), Greater);
        // U+20000 is a surrogate pair in UTF-16 (0xD840...), below U+F900.
        assert_eq!(utf16_order("\u{20000}", "\u{F900}"), Less);
        assert_eq!("\u{20000}".cmp("\u{F900}"), Greater, "unlike UTF-8");
        assert_eq!(utf16_order("\u{20000}", "\u{20001}"), Less);
    }

    #[test]
    fn shards_hash_the_first_two_characters_or_one_han() {
        // Same values as static/search-engine.js computes (FNV-1a, UTF-16).
        assert_eq!(shard_of("chaine", 1 << 30), shard_of("chaines", 1 << 30));
        assert_ne!(shard_of("chaine", 1 << 30), shard_of("cx", 1 << 30));
        assert_eq!(shard_of("封送", 1 << 30), shard_of("封", 1 << 30));
        assert_eq!(shard_of("a", 1 << 30), 0xe40c292c % (1 << 30));
        assert_eq!(shard_of("anything", 1), 0);
    }

    fn page<'a>(url: &'a str, html: &'a str) -> Page<'a> {
        Page {
            url,
            title: url,
            fallback: url.starts_with('f'),
            html,
            heading: false,
        }
    }

    #[test]
    fn pages_list_their_keys_with_heading_words_weighing_more() {
        let files = build(
            "fr",
            &[
                page("a.html", "<h1>Chaînes</h1><p>une chaîne</p>"),
                page("fb.html", "<p>Chaine &lt;C&gt;</p>"),
            ],
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
