//! Korean words carry their particles and endings: 마샬링은, 마샬링을,
//! 마샬링합니다 are one space-separated word each, and Pagefind splits Korean
//! on spaces only. Before indexing, a word is cut where a known ending starts,
//! with a character Pagefind treats as a compound-word boundary, so the stem is
//! indexed as a word of its own while the whole word stays searchable. The
//! search box strips the same endings from a query (the list is handed to the
//! page), so 마샬링을 also finds 마샬링은.

/// Inserted between a stem and its ending in the indexed text only. Pagefind
/// splits compound words on ASCII punctuation; the search script removes it
/// from excerpts before showing them.
pub const BOUNDARY: char = '`';

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

/// Marks the stem/ending boundary of every Korean word in the text of `html`
/// (tags and attributes are left alone).
pub fn mark_endings(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    // The last visible character, across tags: `<code>CString</code>을`.
    let mut previous = ' ';
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        previous = mark_text(&rest[..end], previous, &mut out);
        rest = &rest[end..];
    }
    out
}

/// Copies one text node into `out` with its boundaries marked; returns its last
/// character (or `previous` when it is empty).
fn mark_text(text: &str, mut previous: char, out: &mut String) -> char {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_hangul(c) {
            out.push(c);
            previous = c;
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if !is_hangul(next) {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        let after_word = previous.is_alphanumeric() && !is_hangul(previous);
        match ending_start(word, after_word) {
            Some(cut) => {
                out.push_str(&word[..cut]);
                out.push(BOUNDARY);
                out.push_str(&word[cut..]);
            }
            None => out.push_str(word),
        }
        previous = word.chars().next_back().unwrap_or(previous);
    }
    previous
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_and_endings_are_cut_off() {
        assert_eq!(mark_endings("마샬링은 마샬링을"), "마샬링`은 마샬링`을");
        assert_eq!(mark_endings("마샬링합니다."), "마샬링`합니다.");
        assert_eq!(mark_endings("메모리에서는"), "메모리`에서는");
        assert_eq!(mark_endings("마샬링"), "마샬링");
    }

    #[test]
    fn short_words_stay_whole() {
        // One syllable left would be a guess, not a stem.
        assert_eq!(mark_endings("아이 하나 무한"), "아이 하나 무한");
    }

    #[test]
    fn a_particle_after_a_latin_word_is_cut_across_tags() {
        assert_eq!(
            mark_endings("<code>CString</code>을 쓰고"),
            "<code>CString</code>`을 쓰고"
        );
        // Pagefind already splits at the parenthesis.
        assert_eq!(mark_endings("(포인터)가"), "(포인터)가");
        // After punctuation there is no word to attach to.
        assert_eq!(mark_endings("(을"), "(을");
    }

    #[test]
    fn tags_and_attributes_are_untouched() {
        let html = r#"<a title="마샬링은" href="a.html">마샬링은</a>"#;
        assert_eq!(
            mark_endings(html),
            r#"<a title="마샬링은" href="a.html">마샬링`은</a>"#
        );
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
