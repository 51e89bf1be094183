//! Korean words carry their particles and endings: 마샬링은, 마샬링을,
//! 마샬링합니다 are one space-separated word each. The index lists such a word
//! under its stem, so that the stem is found wherever it occurs, and the
//! search box strips the same endings from a query (the list is handed to the
//! page), so 마샬링을 also finds 마샬링은.

/// Particles (조사) and the commonest 하다/되다 endings, longest first so that
/// 에서는 wins over 는. A stem must keep two syllables, or follow a non-Hangul
/// word (`CString을`), which keeps 아이, 하나 and 무한 whole.
pub const ENDINGS: &[&str] = &[
    // 하다, 되다: "X합니다" is the usual verb made from a noun in technical prose.
    "했습니다",
    "됐습니다",
    "하더라도",
    "되더라도",
    "합니다",
    "됩니다",
    "하지만",
    "되지만",
    "하므로",
    "되므로",
    "하려면",
    "되려면",
    "해야",
    "하는",
    "되는",
    "하고",
    "되고",
    "하며",
    "되며",
    "하면",
    "되면",
    "하지",
    "되지",
    "하여",
    "되어",
    "해서",
    "돼서",
    "했다",
    "됐다",
    "한다",
    "된다",
    "하기",
    "되기",
    "할",
    "될",
    "한",
    "된",
    // Connective endings of other verbs: 다르므로, 가지지만.
    "으므로",
    "므로",
    "지만",
    // Particles, compounds first.
    "에서부터",
    "으로부터",
    "로부터",
    "에게서",
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로도",
    "으로서",
    "으로써",
    "에게는",
    "이라는",
    "이라고",
    "이라면",
    "이란",
    "에는",
    "에도",
    "에의",
    "와는",
    "과는",
    "라는",
    "라고",
    "로는",
    "로도",
    "로서",
    "로써",
    "처럼",
    "까지",
    "부터",
    "보다",
    "마다",
    "조차",
    "에서",
    "에게",
    "한테",
    "으로",
    "이나",
    "이며",
    "이고",
    "이다",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
];

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Where the ending of `word` (one run of Hangul syllables) starts, if it has
/// one. `after_word` says the run directly follows a non-Hangul word, as in
/// `CString을`.
pub fn ending_start(word: &str, after_word: bool) -> Option<usize> {
    let syllables = word.chars().count();
    ENDINGS.iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?;
        let kept = syllables - ending.chars().count();
        (kept >= 2 || (kept == 0 && after_word)).then_some(stem.len())
    })
}

/// `word` without its ending, if it has one: the Hangul run that ends the word
/// loses a known ending when two syllables stay, or when it follows a Latin
/// word or number within the word (`CString을`).
pub fn stem(word: &str) -> Option<&str> {
    let run = word
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_hangul(*c))
        .last()
        .map(|(i, _)| i)?;
    let after_word = word[..run]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let cut = ending_start(&word[run..], after_word)?;
    Some(&word[..run + cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_and_endings_are_cut_off() {
        assert_eq!(stem("마샬링은"), Some("마샬링"));
        assert_eq!(stem("마샬링을"), Some("마샬링"));
        assert_eq!(stem("마샬링합니다"), Some("마샬링"));
        assert_eq!(stem("메모리에서는"), Some("메모리"));
        assert_eq!(stem("마샬링"), None);
    }

    #[test]
    fn short_words_stay_whole() {
        // One syllable left would be a guess, not a stem.
        for word in ["아이", "하나", "무한"] {
            assert_eq!(stem(word), None, "{word}");
        }
    }

    #[test]
    fn a_particle_after_a_latin_word_is_cut() {
        assert_eq!(stem("CString을"), Some("CString"));
        // Alone, there is no word to attach to.
        assert_eq!(stem("을"), None);
        assert_eq!(stem("x_을"), None);
    }

    #[test]
    fn endings_are_listed_longest_first_where_they_overlap() {
        for (i, long) in ENDINGS.iter().enumerate() {
            for short in &ENDINGS[..i] {
                assert!(
                    !(long.ends_with(short) && long.len() > short.len()),
                    "{long} must come before {short}"
                );
            }
        }
    }
}
