//! Words as the index keeps them. A word in the text has a *surface*, what a
//! query is matched against (lowercase, accents removed: `chaîne` and `chaine`
//! are one surface), and a *key*, under which its pages are listed: its stem
//! where the language has a stemmer (`chaînes` and `chaîne` share `chain`),
//! its Korean stem without particle (`마샬링을` -> `마샬링`), else the surface.
//! Han and kana have no spaces between words: a run of them is indexed as its
//! overlapping pairs of characters, and a query for `封送處理` looks for
//! `封送`, `送處` and `處理`. The search script (static/search-engine.js)
//! folds queries the same way.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::korean;

/// One piece of text: a word, or a run of Han or kana.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece {
    Word,
    Han,
}

/// Characters written without spaces between words.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'       // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'     // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'     // compatibility ideographs
        | '\u{20000}'..='\u{3134F}') // extensions B to G
}

fn is_word(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_han(c)
}

/// The words and Han runs of `text`, as (byte range start, end, kind).
pub fn pieces(text: &str) -> impl Iterator<Item = (usize, usize, Piece)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = chars.next()?;
            let kind = if is_han(c) {
                Piece::Han
            } else if is_word(c) {
                Piece::Word
            } else {
                continue;
            };
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                let same = match kind {
                    Piece::Han => is_han(next),
                    Piece::Word => is_word(next),
                };
                if !same {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            return Some((start, end, kind));
        }
    })
}

/// Lowercase, without accents (the combining marks U+0300 to U+036F after
/// canonical decomposition), as `fold` in static/search-engine.js.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    // Han, kana and Hangul syllables never decompose into these marks:
    // decomposing them and composing them again would give the same text,
    // slowly. Every other script is folded as the search box folds a query.
    let plain = |c: char| c.is_ascii() || is_han(c) || ('\u{AC00}'..='\u{D7A3}').contains(&c);
    if lower.chars().all(plain) {
        return lower;
    }
    lower
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .nfc()
        .collect()
}

/// How one locale's words become surfaces and keys.
pub struct Analyzer {
    stemmer: Option<rust_stemmers::Stemmer>,
    korean: bool,
}

/// (surface, key) of one word; a word can give several (`as_ptr` is also `as`
/// and `ptr`; a Korean stem is a surface of its own).
pub type Terms = Vec<(String, String)>;

impl Analyzer {
    /// For a BCP 47 language subtag (`fr`, `pt`, `ko`).
    pub fn new(language: &str) -> Analyzer {
        use rust_stemmers::Algorithm::*;
        let algorithm = match language {
            "ar" => Some(Arabic),
            "da" => Some(Danish),
            "de" => Some(German),
            "el" => Some(Greek),
            "en" => Some(English),
            "es" => Some(Spanish),
            "fi" => Some(Finnish),
            "fr" => Some(French),
            "hu" => Some(Hungarian),
            "it" => Some(Italian),
            "nl" => Some(Dutch),
            "no" | "nb" | "nn" => Some(Norwegian),
            "pt" => Some(Portuguese),
            "ro" => Some(Romanian),
            "ru" => Some(Russian),
            "sv" => Some(Swedish),
            "ta" => Some(Tamil),
            "tr" => Some(Turkish),
            _ => None,
        };
        Analyzer {
            stemmer: algorithm.map(rust_stemmers::Stemmer::create),
            korean: language == "ko",
        }
    }

    /// The terms of one piece of text.
    pub fn terms(&self, piece: &str, kind: Piece) -> Terms {
        let mut out = Vec::new();
        match kind {
            Piece::Han => {
                let chars: Vec<(usize, char)> = piece.char_indices().collect();
                if chars.len() == 1 {
                    out.push((piece.to_string(), piece.to_string()));
                }
                for pair in chars.windows(2) {
                    let end = pair[1].0 + pair[1].1.len_utf8();
                    let bigram = &piece[pair[0].0..end];
                    out.push((bigram.to_string(), bigram.to_string()));
                }
            }
            Piece::Word => {
                self.word(piece, &mut out);
                if piece.contains('_') {
                    for part in piece.split('_').filter(|p| !p.is_empty()) {
                        self.word(part, &mut out);
                    }
                }
            }
        }
        out
    }

    fn word(&self, word: &str, out: &mut Terms) {
        let surface = fold(word);
        if self.korean
            && let Some(stem) = korean::stem(word).filter(|s| !s.is_empty())
        {
            let key = fold(stem);
            out.push((surface, key.clone()));
            out.push((key.clone(), key));
            return;
        }
        let key = match &self.stemmer {
            Some(stemmer) if word.chars().all(char::is_alphabetic) => {
                // Snowball stems the accented, lowercase word.
                let lower = word.to_lowercase();
                match stemmer.stem(&lower) {
                    Cow::Borrowed(s) if s == lower => surface.clone(),
                    stem => fold(&stem),
                }
            }
            _ => surface.clone(),
        };
        out.push((surface, key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: &str, text: &str) -> Vec<(String, String)> {
        let a = Analyzer::new(language);
        pieces(text)
            .flat_map(|(s, e, k)| a.terms(&text[s..e], k))
            .collect()
    }

    fn pair(s: &str, k: &str) -> (String, String) {
        (s.to_string(), k.to_string())
    }

    #[test]
    fn accents_fold_in_every_script_as_the_search_box_folds_them() {
        assert_eq!(fold("CHAÎNE"), "chaine");
        assert_eq!(fold("Tiếng"), "tieng");
        // Cyrillic й is и with a breve, Greek ά is α with an acute.
        assert_eq!(fold("Й"), "и");
        assert_eq!(fold("ά"), "α");
        assert_eq!(fold("마샬링"), "마샬링");
        assert_eq!(fold("封送"), "封送");
    }

    #[test]
    fn french_words_fold_accents_and_share_their_stem() {
        assert_eq!(
            terms("fr", "Chaînes chaîne"),
            [pair("chaines", "chain"), pair("chaine", "chain")]
        );
        assert_eq!(terms("fr", "l’interopérabilité")[1].0, "interoperabilite");
    }

    #[test]
    fn identifiers_keep_their_case_folded_whole_and_in_parts() {
        assert_eq!(
            terms("en", "as_ptr CString 42"),
            [
                pair("as_ptr", "as_ptr"),
                pair("as", "as"),
                pair("ptr", "ptr"),
                pair("cstring", "cstring"),
                pair("42", "42"),
            ]
        );
    }

    #[test]
    fn korean_words_are_listed_under_their_stem() {
        assert_eq!(
            terms("ko", "건전성이 CString을 아이"),
            [
                pair("건전성이", "건전성"),
                pair("건전성", "건전성"),
                pair("cstring을", "cstring"),
                pair("cstring", "cstring"),
                pair("아이", "아이"),
            ]
        );
    }

    #[test]
    fn han_runs_are_indexed_as_pairs() {
        assert_eq!(
            terms("zh", "封送處理 與 C"),
            [
                pair("封送", "封送"),
                pair("送處", "送處"),
                pair("處理", "處理"),
                pair("與", "與"),
                pair("c", "c"),
            ]
        );
    }

    #[test]
    fn pieces_split_at_punctuation_and_script_changes() {
        let text = "a-b 封送x";
        let found: Vec<&str> = pieces(text).map(|(s, e, _)| &text[s..e]).collect();
        assert_eq!(found, ["a", "b", "封送", "x"]);
    }
}
