//! Shapes of list markers, caption labels and line ends, shared by the
//! structure parser (`read`) and the sentence rules.

/// Bullets that open a list item.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '*'
            | '+'
            | '–'
            | '—'
            | '•'
            | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▶'
            | '➢'
            | '✓'
            | '·'
            | '\u{f0b7}'
    )
}

/// Bullets that need no space after them ("⁃9. item", "•item").
pub(crate) fn is_tight_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦' | '▪' | '‣' | '⁃' | '●' | '■' | '►' | '\u{f0b7}'
    )
}

/// Superscript digits used as footnote marks.
pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// An enumerator at the start of `s`: `1)`, `1.)`, `(1)`, `a)`, `(a)`,
/// `iv)`, `1.`, `a.`. Returns (length in bytes, true when it closes with a
/// parenthesis). The marker must be followed by white space (or the end).
pub(crate) fn enumerator(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let mut i = 0;
    let open = b.first() == Some(&b'(');
    if open {
        i += 1;
    }
    let body_start = i;
    while i < b.len() && b[i].is_ascii_digit() && i - body_start < 3 {
        i += 1;
    }
    let digits = i - body_start;
    if digits == 0 {
        // a letter or a short roman numeral
        while i < b.len() && b[i].is_ascii_alphabetic() && i - body_start < 4 {
            i += 1;
        }
        let word = &s[body_start..i];
        let ok = word.len() == 1
            || (!word.is_empty()
                && word.len() <= 4
                && word.bytes().all(|c| matches!(c, b'i' | b'v' | b'x')));
        if !ok {
            return None;
        }
    }
    let paren = if open {
        if b.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
        true
    } else {
        match b.get(i) {
            Some(b')') => {
                i += 1;
                true
            }
            Some(b'.') if b.get(i + 1) == Some(&b')') => {
                i += 2;
                true
            }
            Some(b'.') => {
                // "a." only for single letters; roman numerals need ")"
                if digits == 0 && i - body_start > 1 {
                    return None;
                }
                // "J. K. Hansen": a letter followed by another initial is a
                // name, not a lettered list
                if digits == 0 && !open && is_initial(s[i + 1..].trim_start()) {
                    return None;
                }
                i += 1;
                false
            }
            _ => return None,
        }
    };
    match s[i..].chars().next() {
        None => Some((i, paren)),
        Some(c) if c.is_whitespace() => Some((i, paren)),
        _ => None,
    }
}

/// True when `s` opens with a capital initial: one upper-case letter, a
/// period and white space ("K. Hansen").
fn is_initial(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some('.'), Some(w)) if c.is_uppercase() && w.is_whitespace()
    )
}

/// Words that open a caption when followed by a number (keep the initials
/// in [`caption_label`]'s quick check in step).
pub(crate) const CAPTION_WORDS: &[&str] = &[
    "Figur",
    "Figure",
    "Fig.",
    "Tabell",
    "Table",
    "Tab.",
    "Kart",
    "Map",
    "Boks",
    "Box",
    "Faktaboks",
    "Graf",
    "Diagram",
    "Chart",
    "Illustrasjon",
    "Bilete",
    "Bilde",
];

/// Length of a caption label ("Figur 1.1", "Table 2:") at the start of `s`.
pub(crate) fn caption_label(s: &str) -> Option<usize> {
    // every caption word starts with one of these
    if !matches!(
        s.as_bytes().first(),
        Some(b'F' | b'T' | b'K' | b'M' | b'B' | b'G' | b'D' | b'C' | b'I')
    ) {
        return None;
    }
    for word in CAPTION_WORDS {
        let Some(rest) = s.strip_prefix(word) else {
            continue;
        };
        let after_ws = rest.trim_start();
        if after_ws.len() == rest.len() {
            continue;
        }
        let n = number_prefix(after_ws);
        if n == 0 {
            continue;
        }
        let mut end = s.len() - after_ws.len() + n;
        if let Some(c @ ('.' | ':')) = s[end..].chars().next() {
            end += c.len_utf8();
        }
        return Some(end);
    }
    None
}

/// Length of a section number "1", "1.2", "2.3.1" at the start of `s`
/// (digits, optionally dot-separated groups, optionally a letter "4a").
pub(crate) fn number_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return if start == 0 { 0 } else { start - 1 };
        }
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        if b.get(i).is_some_and(|c| c.is_ascii_lowercase())
            && !b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            i += 1;
        }
        return i;
    }
}

/// True when `s` ends a sentence or a lead-in: final `.`, `!`, `?`, `:`,
/// `;`, `…`, possibly followed by closing quotes or brackets.
pub(crate) fn ends_with_terminal(s: &str) -> bool {
    let mut core = s.trim_end_matches(is_superscript_digit);
    // a Markdown footnote reference "[^1]" after the period
    if core.ends_with(']') {
        if let Some(open) = core.rfind("[^") {
            core = &core[..open];
        }
    }
    let core = core.trim_end_matches(|c: char| {
        matches!(
            c,
            ')' | ']' | '"' | '\'' | '»' | '”' | '’' | '›' | '*' | '_'
        )
    });
    core.ends_with(['.', '!', '?', ':', ';', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_quick_check_knows_every_initial() {
        for w in CAPTION_WORDS {
            assert!(caption_label(&format!("{w} 3 Tekst")).is_some(), "{w}");
        }
        assert_eq!(caption_label("Figur 1.1: Tekst"), Some(10));
        assert_eq!(caption_label("Figuren viser"), None);
    }

    #[test]
    fn initials_are_no_enumerator() {
        assert_eq!(enumerator("J. K. Hansen"), None);
        assert_eq!(enumerator("a. K. Hansen"), None);
        assert_eq!(enumerator("a. Mer penger"), Some((2, false)));
        assert_eq!(enumerator("A. Dette er punkt. B. Neste"), Some((2, false)));
        assert_eq!(enumerator("(a) K. Hansen"), Some((3, true)));
        // a lone period or bracket is no enumerator (". . .", "() x")
        assert_eq!(enumerator(". 0"), None);
        assert_eq!(enumerator("() x"), None);
    }
}
