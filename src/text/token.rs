//! Tokens of running text: words, numbers normalised across locales
//! ("1 250", "1,250" and "1.250" are one number), and the punctuation
//! worth comparing; and folding, which makes cognates and spellings with
//! and without accents compare equal.

/// A token of running text.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A word, as written.
    Word(String),
    /// A number, normalised: no group separators, `.` as decimal mark.
    Number(String),
    /// One punctuation character worth comparing.
    Punct(char),
}

/// Split text into words, locale-normalised numbers and telling punctuation.
/// "1 250", "1,250" and "1.250" all give `1250`; "12,5" and "12.5" give `12.5`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut num = String::new();
    scan(text, &mut num, |tok| {
        out.push(match tok {
            Scanned::Word(w) => Token::Word(w.to_owned()),
            Scanned::Number(n) => Token::Number(n.to_owned()),
            Scanned::Punct(c) => Token::Punct(c),
        })
    });
    out
}

/// A token as [`scan`] finds it: a word as a slice of the text, a number
/// normalised into a buffer.
pub(crate) enum Scanned<'t, 'n> {
    Word(&'t str),
    Number(&'n str),
    Punct(char),
}

/// The character starting at byte `i` of `text` (a character boundary).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or('\0')
    }
}

/// The tokens of [`tokenize`], handed to `emit` one by one without
/// allocating: words as slices of `text`, numbers normalised into `num`.
pub(crate) fn scan<'t>(text: &'t str, num: &mut String, mut emit: impl FnMut(Scanned<'t, '_>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_ascii_digit() {
            i = read_number(text, i, num);
            emit(Scanned::Number(num));
        } else if c.is_alphabetic() {
            let start = i;
            let mut prev = c;
            i += c.len_utf8();
            while i < bytes.len() {
                let d = char_at(text, i);
                let next = i + d.len_utf8();
                // An apostrophe or hyphen inside a word ("don't",
                // "NATO-land") joins it; so does a combining accent
                // (decomposed text: "Zu\u{308}rich").
                let joins = d.is_alphanumeric()
                    || is_mark(d)
                    || (matches!(d, '\'' | '’' | '-')
                        && prev.is_alphabetic()
                        && next < bytes.len()
                        && char_at(text, next).is_alphabetic());
                if !joins {
                    break;
                }
                if !is_mark(d) {
                    prev = d;
                }
                i = next;
            }
            emit(Scanned::Word(&text[start..i]));
        } else {
            match c {
                '?' | '!' | ':' | '%' => emit(Scanned::Punct(c)),
                '"' | '«' | '»' | '“' | '”' | '„' => emit(Scanned::Punct('"')),
                _ => {}
            }
            i += c.len_utf8();
        }
    }
}

/// A combining diacritical mark (U+0300–U+036F), as decomposed text
/// writes accents: part of its word, and dropped by [`fold`].
#[inline]
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Read the number starting at byte `start` of `text` (an ASCII digit)
/// into `out`, normalised; returns the byte index after it.
fn read_number(text: &str, start: usize, out: &mut String) -> usize {
    let b = text.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    out.clear();
    let first = digits(start);
    out.push_str(&text[start..start + first]);
    let mut i = start + first;
    // Length of the last group of digits read.
    let mut last = first;
    let mut frac: Option<(usize, usize)> = None;
    loop {
        // A separator followed by a digit continues the number.
        let sep = match b.get(i) {
            Some(b'.' | b',' | b' ' | b'\'') => 1,
            Some(0xc2) if b.get(i + 1) == Some(&0xa0) => 2,
            Some(0xe2) if b.get(i + 1..i + 3) == Some(&[0x80, 0xaf][..]) => 3,
            _ => 0,
        };
        if sep == 0 || !b.get(i + sep).is_some_and(u8::is_ascii_digit) {
            break;
        }
        let run = digits(i + sep);
        // A space only groups thousands: exactly three digits follow.
        let is_space = !matches!(b[i], b'.' | b',');
        if is_space && (run != 3 || last > 3) {
            break;
        }
        i += sep;
        // A mark followed by exactly three digits after a short first
        // group groups thousands ("1,250", "1.250", "1 250"); otherwise
        // it is the decimal mark ("12,5", "3.14") and ends the number
        // (later groups are read but dropped).
        if frac.is_none() {
            if run == 3 && first <= 3 {
                out.push_str(&text[i..i + run]);
            } else {
                frac = Some((i, i + run));
            }
        }
        i += run;
        last = run;
    }
    let zeros = out.bytes().take_while(|&c| c == b'0').count();
    if zeros == out.len() {
        out.clear();
        out.push('0');
    } else {
        out.drain(..zeros);
    }
    if let Some((a, e)) = frac {
        out.push('.');
        out.push_str(&text[a..e]);
    }
    i
}

/// Lower-case and strip common diacritics so cognates compare equal
/// ("Zürich" ~ "zurich", "Tromsø" ~ "tromso"), combining accents too
/// ("Zu\u{308}rich" ~ "zurich").
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// [`fold`], appending to `s`.
pub(crate) fn fold_into(word: &str, s: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            s.push(c.to_ascii_lowercase());
            continue;
        }
        if is_mark(c) {
            continue;
        }
        for c in c.to_lowercase() {
            let r = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
                'æ' => "ae",
                'ç' | 'č' => "c",
                'è' | 'é' | 'ê' | 'ë' => "e",
                'ì' | 'í' | 'î' | 'ï' => "i",
                'ñ' => "n",
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
                'ù' | 'ú' | 'û' | 'ü' => "u",
                'ý' | 'ÿ' => "y",
                'ß' => "ss",
                'ð' => "d",
                'þ' => "th",
                '’' => "'",
                _ => {
                    s.push(c);
                    continue;
                }
            };
            s.push_str(r);
        }
    }
}
