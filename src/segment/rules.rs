//! The sentence-boundary rules applied to the text of one block.
//!
//! Candidate boundaries come from UAX #29
//! (`split_sentence_bound_indices`), plus a few that UAX #29 cannot see
//! (a period with no space after it, "Hello world.Today"; list items run
//! together on one line, "1) first 2) second", "• a • b"; a spaced ellipsis
//! that opens the next sentence). Each UAX #29 candidate is then kept or
//! dropped by [`keep`], which looks at the word before the terminator and
//! the word after it:
//!
//! * a terminator followed by a lower-case word never ends a sentence
//!   ("bl.a. klimatiltak", "17. mai", "«Hva skjer nå?» og", "Yahoo! in");
//! * abbreviations by class ([`AbbrevClass`]): *never* ("f.eks.", "Dr."),
//!   *before a number* ("nr. 3", "s. 12"), *may end* ("osv. Neste");
//! * initials ("K. Nordmann"), except English "I" after a lower-case word;
//! * multi-period abbreviations not in the table ("U.S.", "a.m.") end a
//!   sentence only before a common sentence opener ("U.S. How" but
//!   "U.S. Government");
//! * numbers: "2024. Det" is a boundary, but not after a determiner ("Den
//!   2. FN-konferansen") or before an acronym compound ("2. FN-konferansen");
//!   decimals and times ("12,5", "3.2", "10.00") never produce candidates;
//! * a segment that so far is only a list marker, heading number or caption
//!   label ("1.", "2.)", "• 9.", "Figur 3.") continues;
//! * ellipses: "[...]" never ends a sentence; ". . ." (three spaced dots)
//!   does not; ". . . ." (four) and "...." do before a capital;
//! * a note reference after the terminator stays with its sentence:
//!   `tid.[^1]`, `martyr.[1]`, `år.¹`, and PDF-flattened `consultation.11`;
//! * "!" or "?" glued to the next word ("!Kung", "Y!J") ends nothing;
//! * a terminator inside a quotation that closes nearby ends nothing
//!   ("«Vi må handle nå! Det haster», sa hun.");
//! * an abbreviation before "(" ends nothing ("et al. (2020)");
//! * URLs and e-mail addresses produce no "no space" candidates, and UAX #29
//!   itself does not break inside them ("www.regjeringen.no").
//!
//! UAX #29 is evaluated only in small windows around terminators, with exact
//! ASCII shortcuts for the commonest contexts; a property test checks that
//! this gives the same boundaries as running the iterator over the text.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::{self, AbbrevClass};
use crate::lang::Lang;
use crate::text::markers::{
    caption_label, enumerator, is_bullet as is_bullet_char, is_superscript_digit,
};

/// Closing punctuation that may follow a terminator.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '\'' | '»' | '”' | '’' | '›' | '*' | '_'
    )
}

/// Opening punctuation that may precede a word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '«' | '“' | '‘' | '‹' | '„' | '¿' | '¡' | '*' | '_'
    )
}

/// Opening brackets and quotes that never close anything.
fn is_opener_only(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«' | '“' | '‘' | '‹' | '„' | '¿' | '¡')
}

/// `s` without a trailing footnote reference: Markdown `[^1]` or
/// superscript digits (`tid.[^1]` → `tid.`, `år.¹` → `år.`).
fn strip_note_ref(s: &str) -> &str {
    let t = s.trim_end_matches(is_superscript_digit);
    if t.len() != s.len() {
        return t;
    }
    // "[^1]", "[1]", "[7][8]"
    let mut t = s;
    for _ in 0..8 {
        if !t.ends_with(']') {
            break;
        }
        let window = tail(t);
        let base = t.len() - window.len();
        match window.rfind('[').map(|k| base + k) {
            Some(open) if is_note_label(&t[open + 1..t.len() - 1]) => t = &t[..open],
            _ => break,
        }
    }
    if t.len() != s.len() {
        return t;
    }
    // digits glued to the period, as PDF text shows superscripts:
    // "consultation.11 12", "(1987).1"
    let digits = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == ',');
    if digits.len() < s.len() && s[digits.len()..].starts_with(|c: char| c.is_ascii_digit()) {
        if let Some(before) = digits.strip_suffix('.') {
            if before.ends_with(|c: char| c.is_lowercase() || c == ')') {
                return digits;
            }
        }
    }
    s
}

/// A footnote label inside brackets: "^1", "^note", "1", "12", "3–5".
fn is_note_label(l: &str) -> bool {
    if let Some(rest) = l.strip_prefix('^') {
        return !rest.is_empty() && rest.len() <= 12 && !rest.contains(char::is_whitespace);
    }
    !l.is_empty()
        && l.len() <= 9
        && l.starts_with(|c: char| c.is_ascii_digit())
        && l.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–'))
}

/// Length of the note reference(s) at the start of `s` (`[^1]`, `[7][8]`;
/// glued digits "11 12" are handled by the caller), 0 when there is none.
fn note_refs_len(s: &str) -> usize {
    let mut n = 0;
    for _ in 0..8 {
        if !s[n..].starts_with('[') {
            break;
        }
        let rest = &s[n..];
        let window = &rest[..ceil_boundary(rest, rest.len().min(16))];
        match window.find(']') {
            Some(close) if is_note_label(&s[n + 1..n + close]) => n += close + 1,
            _ => break,
        }
    }
    n
}

/// Bullets that may separate items run together on one line.
fn is_inline_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣' | '●' | '■' | '►')
}

/// Split `text` (the joined text of one block) into sentences; pushes their
/// byte ranges, trimmed of white space and never empty, onto `out`.
pub fn split(text: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    let mut cands: Vec<(usize, bool)> = Vec::new();
    uax29_boundaries(text, &mut cands);
    let before = cands.len();
    extra_candidates(text, &mut cands);
    if cands.len() != before {
        // forced (true) sorts after unforced at the same position; keep it
        cands.sort_unstable();
        cands.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 |= later.1;
                true
            } else {
                false
            }
        });
    }
    let mut start = 0;
    for (p, forced) in cands {
        // closing markup glued to the terminator ("**Viktig.** Neste",
        // "*kursiv.* Slutt") belongs to the sentence it closes
        let p = if forced {
            p
        } else {
            past_glued_closers(text, p)
        };
        if p <= start || p >= text.len() {
            continue;
        }
        if forced || keep(text, start, p, lang) {
            push_trimmed(text, start..p, out);
            start = p;
        }
    }
    push_trimmed(text, start..text.len(), out);
}

/// Bytes that can begin a UAX #29 trigger character: the ASCII terminators
/// and separators, and lead bytes of multi-byte characters except C3
/// (U+00C0–U+00FF: letters, × and ÷, none of them a trigger).
const MAY_TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    let mut i = 0xC2;
    while i < 256 {
        t[i] = i != 0xC3;
        i += 1;
    }
    t
};

/// Bytes where [`extra_candidates`] looks: '.', '[', and the lead bytes of
/// superscript digits and of the bullets (C2, E2).
const EXTRA_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'[' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// True when `c` can be followed by a UAX #29 sentence boundary: its
/// Sentence_Break property is STerm, ATerm, Sep, CR or LF. Asked of
/// unicode-segmentation itself ("a{c} B" splits exactly for these) and
/// cached for the Basic Multilingual Plane.
fn is_trigger(c: char) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static CACHE: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(0) }; 0x1_0000];
    let ask = |c: char| {
        let mut buf = [0u8; 8];
        let mut probe = String::with_capacity(8);
        probe.push('a');
        probe.push_str(c.encode_utf8(&mut buf));
        probe.push_str(" B");
        probe.split_sentence_bound_indices().nth(1).is_some()
    };
    let i = c as usize;
    if i >= CACHE.len() {
        return ask(c);
    }
    match CACHE[i].load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let yes = ask(c);
            CACHE[i].store(if yes { 2 } else { 1 }, Ordering::Relaxed);
            yes
        }
    }
}

/// The UAX #29 decision after the ASCII terminator at `i` when its context
/// is plain ASCII: `Some(Some(p))` a boundary at `p`, `Some(None)` none,
/// `None` when the window must be run. Implements SB6, SB7, SB8, SB8a and
/// SB11 for that restricted case.
fn ascii_shortcut(b: &[u8], i: usize) -> Option<Option<usize>> {
    let c = b[i];
    if c == b'\n' || c == b'\r' {
        return None;
    }
    let aterm = c == b'.';
    let mut j = i + 1;
    let first = *b.get(j)?;
    if aterm && first != b' ' {
        // no space: SB6 (digit), SB7 (letter . Upper), SB8 (Lower)
        if first.is_ascii_digit() || first.is_ascii_lowercase() {
            return Some(None);
        }
        if first.is_ascii_uppercase() {
            let prev = *b.get(i.checked_sub(1)?)?;
            if prev.is_ascii_alphabetic() {
                return Some(None);
            }
            if prev.is_ascii_digit() || prev == b' ' {
                return Some(Some(j));
            }
        }
        return None;
    }
    // Sp in UAX #29: space, tab, vertical tab, form feed (LF and CR are ParaSep)
    while matches!(b.get(j), Some(b' ' | b'\t' | b'\x0b' | b'\x0c')) {
        j += 1;
    }
    if j == i + 1 {
        return None; // STerm followed by something other than a space
    }
    let boundary = j;
    let next = *b.get(j)?;
    if !next.is_ascii() || matches!(next, b',' | b'-' | b':' | b';' | b'.' | b'!' | b'?') {
        return None; // SB8a, closers and the like: ask UAX #29
    }
    if !aterm {
        return if next.is_ascii_alphanumeric() || next == b'(' || next == b'"' {
            Some(Some(boundary))
        } else {
            None
        };
    }
    // SB8: skip everything but letters, separators and terminators
    while let Some(&n) = b.get(j) {
        if !n.is_ascii() || n == b'\n' || n == b'\r' {
            return None;
        }
        if matches!(n, b'.' | b'!' | b'?') {
            return Some(Some(boundary)); // SB8 fails; SB11
        }
        if n.is_ascii_lowercase() {
            return Some(None);
        }
        if n.is_ascii_uppercase() {
            return Some(Some(boundary));
        }
        j += 1;
    }
    None
}

/// The UAX #29 sentence boundaries of `text` (positions > 0), pushed as
/// unforced candidates.
///
/// UAX #29 places a sentence boundary only after a terminator (STerm,
/// ATerm) with its closing punctuation and spaces, or after a paragraph
/// separator, and decides it from at most a few characters before the
/// terminator and the characters up to the next letter after it. So instead
/// of running the (comparatively slow) UAX #29 iterator over the whole
/// text, it is run on a small window around each terminator: from a few
/// characters before it to the first letter after it. The result is the
/// same set of boundaries (tested against the full iterator).
fn uax29_boundaries(text: &str, out: &mut Vec<(usize, bool)>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut done = 0;
    while i < b.len() {
        // next byte that can start a trigger, skipping plain letters fast
        match b[i..].iter().position(|&c| MAY_TRIGGER[c as usize]) {
            Some(k) => i += k,
            None => break,
        }
        let c = b[i];
        let (t, tc) = if c < 0x80 {
            if !matches!(c, b'.' | b'!' | b'?' | b'\n' | b'\r') || !is_trigger(c as char) {
                i += 1;
                continue;
            }
            // exact UAX #29 decisions for the common all-ASCII contexts
            if let Some(decision) = ascii_shortcut(b, i) {
                done = done.max(i + 1);
                if let Some(p) = decision {
                    if p >= done {
                        out.push((p, false));
                        done = p + 1;
                    }
                }
                i += 1;
                continue;
            }
            (i, c as char)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if !is_trigger(ch) {
                i += ch.len_utf8();
                continue;
            }
            (i, ch)
        };
        // window start: back to the start of the word (at most 32 characters),
        // not across white space, so that SB7/SB8 see their left context
        let mut ws = t;
        for (k, ch) in text[..t].char_indices().rev().take(32) {
            if ch.is_whitespace() {
                break;
            }
            ws = k;
        }
        // window end: just after the first letter that follows the last
        // terminator of this run
        let mut e = t + tc.len_utf8();
        'window: while let Some(ch) = text[e..].chars().next() {
            e += ch.len_utf8();
            if !is_trigger(ch) && ch.is_alphabetic() {
                // the rest of that word (marks included); a terminator in it
                // ("U.S.A.") continues the window
                while let Some(ch) = text[e..].chars().next() {
                    if ch.is_whitespace() {
                        break 'window;
                    }
                    if is_trigger(ch) {
                        continue 'window;
                    }
                    e += ch.len_utf8();
                }
            }
        }
        // the window keeps its left context even where it overlaps the
        // previous one; only positions from `done` on are decided here
        let window = &text[ws..e];
        for (k, _) in window.split_sentence_bound_indices() {
            // earlier positions belong to the previous window
            if k > 0 && ws + k >= done {
                out.push((ws + k, false));
            }
        }
        done = e;
        i = e;
    }
}

/// When `p` directly follows a terminator and is followed by closers
/// (`*`, `_`, `)`, quotes) and then white space, the position after those
/// closers; else `p`.
fn past_glued_closers(text: &str, p: usize) -> usize {
    if !text[..p].ends_with(['.', '!', '?', '…']) {
        return p;
    }
    let rest = &text[p..];
    let run = rest.len() - rest.trim_start_matches(is_closer).len();
    if run > 0 && run <= 8 && rest[run..].starts_with(char::is_whitespace) {
        p + run
    } else {
        p
    }
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let t = s.trim_start();
    let start = r.start + (s.len() - t.len());
    let t = t.trim_end();
    if !t.is_empty() {
        out.push(start..start + t.len());
    }
}

/// Candidates UAX #29 does not produce. Pushes `(position, forced)`.
fn extra_candidates(text: &str, cands: &mut Vec<(usize, bool)>) {
    let b = text.as_bytes();
    // (a) "world.Today", "Tuesday.Mr." — checked by `keep` like any other;
    // (b) "compounds. . . . The" — the spaced ellipsis opens the next sentence;
    // (c) "• first item • second item" (every inline bullet is E2 xx xx).
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&c| EXTRA_START[c as usize]) {
        let i = from + k;
        let c = b[i];
        from = i + 1;
        if i == 0 {
            continue;
        }
        if c == b'.' {
            let prev = text[..i].chars().next_back().unwrap_or(' ');
            let mut next = text[i + 1..].chars();
            if let (Some(n1), Some(n2)) = (next.next(), next.next()) {
                if n1.is_uppercase()
                    && n2.is_lowercase()
                    && (prev.is_lowercase() || prev.is_ascii_digit())
                    && !in_url_or_email(text, i)
                {
                    cands.push((i + 1, false));
                }
            }
            if (prev.is_lowercase() || prev == ')') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                // "consultation.11 12 Take", "(1987).1 According": note numbers
                let rest = &text[i + 1..];
                let digits = rest
                    .bytes()
                    .take_while(|c| c.is_ascii_digit() || *c == b' ' || *c == b',')
                    .count();
                let tail = &rest[digits..];
                let glued = &rest[..digits];
                if glued.ends_with(' ')
                    && tail.starts_with(char::is_uppercase)
                    && glued.split([' ', ',']).all(|g| g.len() <= 3)
                {
                    cands.push((i + 1 + digits, false));
                }
            }
            if let Some(rest) = text[i + 1..].trim_start_matches(' ').strip_prefix('.') {
                // (e) "ordning. . Forskere": UAX #29 (SB8a) does not break
                // before the stray period; `keep` decides
                if b.get(i + 1) == Some(&b' ') && stray_period(&text[..=i], rest) {
                    cands.push((i + 1, false));
                }
            }
            if prev.is_alphanumeric() && b.get(i + 1) == Some(&b' ') {
                // (d) "av PTWC. 14 skoler", "i 2024. 15 personer": UAX #29 (SB8)
                // sees the lower-case word after the number and does not
                // break; `keep` decides (abbreviations before numbers,
                // ordinals and "kl. 10.00" stay joined)
                let rest = &text[i + 1..];
                let after = rest.trim_start_matches(' ');
                let num = after.bytes().take_while(u8::is_ascii_digit).count();
                // a unit glued to the number: "35mm formatet", "10% av"
                let unit: usize = after[num..]
                    .chars()
                    .take_while(|c| c.is_alphabetic() || *c == '%')
                    .take(5)
                    .map(char::len_utf8)
                    .sum();
                let unit = if after[num + unit..].starts_with(' ') {
                    unit
                } else {
                    0
                };
                if num > 0 && after[num + unit..].starts_with(' ') {
                    cands.push((i + 1 + (rest.len() - after.len()), false));
                }
            }
            if !prev.is_whitespace() && prev != '.' && b[i..].starts_with(b". . . .") {
                let rest = &text[i + 7..];
                let after = rest.trim_start();
                if after.len() < rest.len() && after.chars().next().is_some_and(char::is_uppercase)
                {
                    cands.push((i + 2, true));
                }
            }
        } else if c == b'[' {
            // "tid.[^1] Neste", "martyr.[1] The": a candidate after the reference
            let prev = text[..i].chars().next_back().unwrap_or(' ');
            let n = note_refs_len(&text[i..]);
            if n > 0 && (matches!(prev, '.' | '!' | '?' | '…') || is_closer(prev)) {
                let after = i + n;
                let rest = &text[after..];
                let ws = rest.len() - rest.trim_start().len();
                if ws > 0 && ws < rest.len() {
                    cands.push((after + ws, false));
                }
            }
        } else if c == 0xC2
            || c == 0xE2 && is_superscript_digit(text[i..].chars().next().unwrap_or(' '))
        {
            // "år.¹ Neste" (¹²³ are C2 xx, the others E2 81 xx)
            let prev = text[..i].chars().next_back().unwrap_or(' ');
            let sup = text[i..].chars().next().unwrap_or(' ');
            if is_superscript_digit(sup)
                && (matches!(prev, '.' | '!' | '?' | '…') || is_closer(prev))
            {
                let rest = text[i..].trim_start_matches(is_superscript_digit);
                let after = text.len() - rest.len();
                let ws = rest.len() - rest.trim_start().len();
                if ws > 0 && ws < rest.len() {
                    cands.push((after + ws, false));
                }
            }
        }
        if c == 0xE2 && i > 0 {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if is_inline_bullet(ch) {
                let head = &text[..i];
                if head.ends_with(char::is_whitespace) && !head.trim().is_empty() {
                    cands.push((i, true));
                }
            }
        }
    }
    // (d) "1) first 2) second", "a. The first b. The second"
    enumerated_run(text, cands);
}

/// True when the period at `i` is inside a URL, an e-mail address or a
/// domain name.
fn in_url_or_email(text: &str, i: usize) -> bool {
    // look at most WORD_LIMIT bytes each way: a longer token is no address
    // anyone types, and the bound keeps pathological input linear
    let from = floor_boundary(text, i.saturating_sub(WORD_LIMIT));
    let to = ceil_boundary(text, (i + WORD_LIMIT).min(text.len()));
    let start = text[from..i].rfind(char::is_whitespace).map_or(from, |p| {
        from + p + text[from + p..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[i..to].find(char::is_whitespace).map_or(to, |p| i + p);
    let token = &text[start..end];
    token.contains('@')
        || token.contains("://")
        || token.starts_with("www.")
        || token.contains(".no/")
        || token.contains(".com/")
}

/// An enumerator value: a number or a letter.
#[derive(Clone, Copy)]
enum Enum {
    Num(u32),
    Letter(u8),
}

/// When `text` opens with an enumerator ("1)", "1.)", "1.", "a."), force a
/// boundary before each following enumerator in sequence ("2)", "3)" …).
fn enumerated_run(text: &str, cands: &mut Vec<(usize, bool)>) {
    let mut t = text;
    if let Some(c) = t.chars().next() {
        if is_bullet_char(c) {
            t = t[c.len_utf8()..].trim_start();
        }
    }
    let Some((len, paren)) = enumerator(t) else {
        return;
    };
    let marker = &t[..len];
    let (open, body, suffix) = {
        let open = marker.starts_with('(');
        let inner = marker.trim_start_matches('(');
        let body_len = inner
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        (open, &inner[..body_len], &inner[body_len..])
    };
    let mut value = if let Ok(n) = body.parse::<u32>() {
        Enum::Num(n)
    } else if body.len() == 1 && body.as_bytes()[0].is_ascii_alphabetic() {
        Enum::Letter(body.as_bytes()[0])
    } else {
        return; // roman numerals: not followed in sequence
    };
    let mut from = text.len() - t.len() + len;
    let mut next_marker = String::new();
    for _ in 0..200 {
        value = match value {
            Enum::Num(n) => Enum::Num(n + 1),
            Enum::Letter(c) if c.is_ascii_alphabetic() && c != b'z' && c != b'Z' => {
                Enum::Letter(c + 1)
            }
            Enum::Letter(_) => return,
        };
        next_marker.clear();
        if open {
            next_marker.push('(');
        }
        match value {
            Enum::Num(n) => next_marker.push_str(&n.to_string()),
            Enum::Letter(c) => next_marker.push(c as char),
        }
        next_marker.push_str(suffix);
        let mut found = None;
        let mut search = from;
        while let Some(off) = text[search..].find(next_marker.as_str()) {
            let at = search + off;
            let end = at + next_marker.len();
            let preceded = text[..at].ends_with(char::is_whitespace);
            let rest = &text[end..];
            let followed = rest.starts_with(char::is_whitespace);
            let first = rest.trim_start().chars().next();
            let ok = preceded
                && followed
                && (paren || first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
            if ok {
                found = Some(at);
                break;
            }
            search = end;
        }
        match found {
            Some(at) => {
                // a bullet right before the enumerator belongs to it
                let mut p = at;
                let head = text[..at].trim_end();
                if let Some(c) = head.chars().next_back() {
                    if is_bullet_char(c) && head[..head.len() - c.len_utf8()].ends_with(' ') {
                        p = head.len() - c.len_utf8();
                    }
                }
                cands.push((p, true));
                from = at + next_marker.len();
            }
            None => return,
        }
    }
}

/// The first word after `p`, without leading openers.
fn next_word(text: &str, p: usize) -> &str {
    let rest = text[p..].trim_start();
    let rest = &rest[..ceil_boundary(rest, WORD_LIMIT.min(rest.len()))];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].trim_start_matches(is_opener)
}

/// How far (in bytes) the rules look for the start or end of a word. A
/// longer "word" is no abbreviation; the bound keeps the work per candidate
/// constant, so pathological input (a megabyte without a space) stays linear.
const WORD_LIMIT: usize = 128;

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i` (`i <= s.len()`).
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The last at most [`WORD_LIMIT`] bytes of `s`.
fn tail(s: &str) -> &str {
    &s[floor_boundary(s, s.len().saturating_sub(WORD_LIMIT))..]
}

/// How far ahead (bytes) a quotation opened in the current sentence may
/// close for the sentence to run on through it.
const QUOTE_REACH: usize = 400;

/// Words on each side of a terminator inside a quotation from which the two
/// parts are sentences of their own: a quotation of two such sentences is
/// two segments even when a reporting clause follows it.
const QUOTED_SENTENCE_WORDS: usize = 8;

/// True when the sentence so far (`before`) has opened a quotation («, “ or
/// ") that closes within [`QUOTE_REACH`] bytes of `after`: the terminator is
/// inside the quotation ("«Vi må handle nå! Det haster», sa hun."). An
/// unclosed quotation (a typo) does not swallow the rest of the block, and
/// a quotation that holds two sentence-sized parts keeps the boundary
/// between them (`"They are cooler … at night. Their thermal behavior … in
/// the ground," said Glen Cushing`).
fn inside_quotation(before: &str, after: &str) -> bool {
    if !before.contains(['«', '“', '"']) {
        return false;
    }
    let ahead = &after[..ceil_boundary(after, after.len().min(QUOTE_REACH))];
    let count = |c: char| before.matches(c).count();
    let (close, open, k) = if count('«') > count('»') {
        ('»', before.rfind('«'), ahead.find('»'))
    } else if count('“') > count('”') {
        ('”', before.rfind('“'), ahead.find('”'))
    } else if let Some(at) = straight_quote_open(before) {
        ('"', Some(at), straight_closer(ahead))
    } else {
        return false;
    };
    // The sentence runs on through the quotation only when it goes on after
    // the closing mark ("«Vi må handle nå! Det haster», sa hun."). A
    // quotation that ends its sentence (“… alone. I will make him a helper.”
    // God said …) keeps its inner boundaries: both editions of a text then
    // segment alike whether or not one of them quotes.
    let (Some(open), Some(k)) = (open, k) else {
        return false;
    };
    let words = |s: &str| s.split_whitespace().take(QUOTED_SENTENCE_WORDS).count();
    if words(&before[open..]) >= QUOTED_SENTENCE_WORDS
        && words(&ahead[..k]) >= QUOTED_SENTENCE_WORDS
    {
        return false;
    }
    let rest = &ahead[k + close.len_utf8()..];
    let next = rest.trim_start_matches(is_closer).trim_start();
    rest.starts_with([',', ';', ':'])
        || next.starts_with([',', ';', ':', '('])
        || next.chars().next().is_some_and(char::is_lowercase)
}

/// Runs of straight double quotes in `s`: (start, length in bytes).
fn straight_quote_runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i] != b'"' {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && b[i] == b'"' {
            i += 1;
        }
        Some((start, i - start))
    })
}

/// Where the straight double quote opened in `before` stands, when it is
/// still open.
///
/// Straight quotes are ambiguous, and text that went through a CSV export
/// or a PDF extraction carries doubled (`""`), tripled and stray ones. So
/// a quote opens only where an opening quote stands (after white space, an
/// opening bracket or the start, before a non-space) and closes only where
/// a closing one stands (after a non-space); a run of two or more quotes
/// and a quote that fits neither place (`the Lakers" website` with nothing
/// open) count for nothing.
fn straight_quote_open(before: &str) -> Option<usize> {
    let b = before.as_bytes();
    let mut open = None;
    for (at, len) in straight_quote_runs(before) {
        if len != 1 {
            continue;
        }
        let prev_space = at == 0 || b[at - 1].is_ascii_whitespace() || b"([{-".contains(&b[at - 1]);
        let next_space = b.get(at + 1).map_or(true, u8::is_ascii_whitespace);
        if open.is_none() && prev_space && !next_space {
            open = Some(at);
        } else if open.is_some() && !prev_space {
            open = None;
        }
    }
    open
}

/// Byte offset of the first single straight quote in `ahead` that stands
/// where a quotation closes (after a non-space).
fn straight_closer(ahead: &str) -> Option<usize> {
    let b = ahead.as_bytes();
    straight_quote_runs(ahead)
        .find(|&(at, len)| len == 1 && at > 0 && !b[at - 1].is_ascii_whitespace())
        .map(|(at, _)| at)
}

/// True when `s` (trimmed) is only a list marker, a heading number or a
/// caption label: "1.", "2.)", "a.", "• 9.", "Figur 3.", "§ 5.", "Kapittel 2.".
fn is_marker_only(s: &str) -> bool {
    let mut t = s.trim();
    if let Some(c) = t.chars().next() {
        if is_bullet_char(c) {
            t = t[c.len_utf8()..].trim_start();
        }
    }
    if t.is_empty() {
        return true;
    }
    if t.len() > 24 {
        return false; // every marker is short
    }
    if let Some((len, _)) = enumerator(t) {
        if len == t.len() {
            return true;
        }
    }
    // section numbers "1.2." "2."
    let core = t.trim_end_matches(['.', ')']);
    if !core.is_empty()
        && core.len() + 2 >= t.len()
        && core
            .split('.')
            .all(|g| !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    if !t.starts_with(|c: char| c.is_uppercase() || c == '§') {
        return false;
    }
    if caption_label(t) == Some(t.len()) {
        return true;
    }
    for word in [
        "Kapittel", "Kapitel", "Chapter", "Del", "Part", "Vedlegg", "Appendix", "Annex", "§",
        "Section", "Seksjon",
    ] {
        if let Some(rest) = t.strip_prefix(word) {
            let rest = rest.trim_start().trim_end_matches(['.', ':']);
            if !rest.is_empty()
                && rest.len() <= 6
                && rest
                    .bytes()
                    .all(|c| c.is_ascii_digit() || c == b'.' || c == b'-')
            {
                return true;
            }
        }
    }
    false
}

/// True when `s` reads as a number: "2024", "1,000", "100.00", "$100.00",
/// "1026.253.553".
fn is_number(s: &str) -> bool {
    let s = s.trim_start_matches(['$', '€', '£', '¥']);
    s.bytes().next().is_some_and(|c| c.is_ascii_digit())
        && s.bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
}

/// "FN-konferansen", "NATO-toppmøtet": an acronym compound.
fn is_acronym_compound(w: &str) -> bool {
    let upper = w.chars().take_while(|c| c.is_uppercase()).count();
    upper >= 2 && w.chars().nth(upper) == Some('-')
}

/// Multi-period abbreviation not in a table: "U.S.", "E.U", "a.m", "P.M".
fn is_multi_period(stem: &str) -> bool {
    let mut parts = 0;
    for part in stem.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 3 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Decide whether the UAX #29 candidate boundary at `p` (the start of the
/// next sentence) is a sentence boundary, given that the current sentence
/// started at `start`.
pub fn keep(text: &str, start: usize, p: usize, lang: Lang) -> bool {
    if !keep_ignoring_quotes(text, start, p, lang) {
        return false;
    }
    // only the last few kilobytes: a quotation opened further back is not
    // followed (and the work per candidate stays bounded)
    let before = &text[start..p];
    let from = floor_boundary(before, before.len().saturating_sub(4 * QUOTE_REACH));
    !inside_quotation(&before[from..], &text[p..])
}

/// [`keep`] without the quotation check.
fn keep_ignoring_quotes(text: &str, start: usize, p: usize, lang: Lang) -> bool {
    let before = text[start..p].trim_end();
    if before.is_empty() {
        return false;
    }
    let gap = &text[start + before.len()..p];
    if gap.contains(['\u{2029}', '\u{2028}', '\u{85}', '\n', '\r']) {
        return true;
    }
    let after = &text[p..];
    if gap.is_empty() && after.starts_with(is_superscript_digit) {
        return false; // "år.¹": the note mark belongs to the sentence
    }
    if before.trim_start() == "." {
        return false; // a stray period alone is no sentence
    }
    if let Some(rest) = after.trim_start().strip_prefix('.') {
        // ". . ." continues the previous sentence; a stray period between
        // two sentences ("ordning. . Forskere") goes with the next one
        if !stray_period(before, rest) {
            return false;
        }
    }
    if is_marker_only(before) {
        return false;
    }
    if before.ends_with(is_opener_only) {
        return false; // "tid.[" of "tid.[^1]": no sentence ends on an opening bracket
    }
    let core = strip_note_ref(before).trim_end_matches(is_closer);
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    let nw = next_word(text, p);
    let f = nw.chars().next().unwrap_or(' ');
    if last.is_alphanumeric() {
        return false; // no terminator (UAX #29 broke after a closer alone)
    }
    if f.is_lowercase() {
        return false;
    }
    if last == '…' {
        return ellipsis(core, core.len() - '…'.len_utf8(), 3, false, f);
    }
    if last != '.' {
        // ? ! ‼ and other terminators: "Yahoo! in" was handled above;
        // "!Kung", "Y!J": a mark glued to the next word ends nothing
        return !(gap.is_empty() && core.len() == before.len() && f.is_alphanumeric());
    }
    // the run of dots at the end of `core`
    let cb = core.as_bytes();
    let mut j = cb.len();
    let mut dots = 0;
    let mut spaced = false;
    while j > 0 && cb[j - 1] == b'.' {
        dots += 1;
        j -= 1;
        if j >= 2 && cb[j - 1] == b' ' && cb[j - 2] == b'.' {
            spaced = true;
            j -= 1;
        }
    }
    if dots >= 2 {
        return ellipsis(core, j, dots, spaced, f);
    }
    let paren_next = after.trim_start().starts_with('(');
    period(core, lang, nw, f, paren_next)
}

/// Ellipsis starting at byte `run_start` of `core` with `dots` dots.
fn ellipsis(core: &str, run_start: usize, dots: usize, spaced: bool, f: char) -> bool {
    let prev = core[..run_start].chars().next_back();
    if matches!(prev, Some('[' | '(')) {
        return false; // "[...]" marks an omission
    }
    let attached = prev.is_some_and(|c| !c.is_whitespace());
    if spaced {
        dots >= 4 && !attached && (f.is_uppercase() || f.is_ascii_digit())
    } else {
        f.is_uppercase()
    }
}

/// A single period ending `core`; the next word is `nw` starting with `f`
/// (not lower case); `paren_next` when the text after it opens with "(".
fn period(core: &str, lang: Lang, nw: &str, f: char, paren_next: bool) -> bool {
    let core = tail(core);
    let tok_start = core.rfind(char::is_whitespace).map_or(0, |i| {
        i + core[i..].chars().next().map_or(1, char::len_utf8)
    });
    let w = core[tok_start..].trim_start_matches(is_opener);
    let stem = &w[..w.len() - 1];
    if stem.is_empty() {
        return true;
    }
    if stem.ends_with(is_closer) {
        return true; // "(NFD). Departementet"
    }
    let prev_word = core[..tok_start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let mut chars = stem.chars();
    let one_letter = match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    };
    if let Some(c) = one_letter {
        if c.is_uppercase() {
            // initials: "K. Nordmann"; English "you and I. Did"; a letter
            // naming a place or thing: "from A to B. Airlines"
            return (lang == Lang::En
                && c == 'I'
                && prev_word.chars().next().is_some_and(char::is_lowercase))
                || letter_as_name(&core[..tok_start]);
        }
    }
    if let Some(class) = abbrev::lookup(lang, stem) {
        if paren_next {
            return false; // "et al. (2020)", "Inc. (“Company A”)"
        }
        return match class {
            AbbrevClass::Never => false,
            AbbrevClass::BeforeNumber => !f.is_ascii_digit(),
            AbbrevClass::MayEnd => true,
        };
    }
    if let Some(c) = one_letter {
        // "p. 55", "f. eks." go on; "gå inn i. Noen" ends
        return abbrev::is_one_letter_word(lang, c) && f.is_uppercase();
    }
    if f.is_ascii_digit() {
        return true;
    }
    if is_multi_period(stem) {
        // "I'm", "It's" count as "I", "It"
        let word = nw.split(['\'', '’']).next().unwrap_or(nw);
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        return abbrev::is_sentence_starter(lang, word);
    }
    if is_number(stem) {
        // "2. FN-konferansen" is an ordinal; "i 2025. NATO-fly" is a year
        // ending its sentence (no one writes the 2025th)
        let year = stem.len() == 4 && stem.bytes().all(|c| c.is_ascii_digit());
        if abbrev::is_ordinal_determiner(lang, prev_word) || (is_acronym_compound(nw) && !year) {
            return false;
        }
        return true;
    }
    true
}

/// True when a sentence ending in one period (`before`, "ordning.") is
/// followed by one more period standing alone and then a capitalised word
/// (`rest`, what follows that period: " Forskere"): a stray period, not an
/// ellipsis.
fn stray_period(before: &str, rest: &str) -> bool {
    let mut back = before.chars().rev();
    back.next() == Some('.')
        && back.next().is_some_and(char::is_alphanumeric)
        && rest.starts_with(char::is_whitespace)
        && rest.trim_start().starts_with(char::is_uppercase)
}

/// True when the text before a capital letter and its period (`before`)
/// ends in a lower-case word after a capital letter standing alone: "from A
/// to B.", "mellom X og Y.". The letters name places or things; an initial
/// stands after a given name or another initial ("George W. Bush", "J. K.
/// Hansen"), never after a lone letter and a lower-case word.
fn letter_as_name(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(link), Some(letter)) = (words.next(), words.next()) else {
        return false;
    };
    let mut chars = letter.chars();
    link.chars().all(char::is_lowercase)
        && matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, lang: Lang) -> Vec<&str> {
        let mut out = Vec::new();
        split(text, lang, &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    fn nb(text: &str) -> Vec<&str> {
        seg(text, Lang::Nb)
    }

    fn en(text: &str) -> Vec<&str> {
        seg(text, Lang::En)
    }

    #[test]
    fn sentence_starting_with_a_number_and_unit() {
        assert_eq!(
            nb("Det har vorte arva av sensorformat. 35mm formatet er faktisk 36mm breitt."),
            [
                "Det har vorte arva av sensorformat.",
                "35mm formatet er faktisk 36mm breitt."
            ]
        );
        assert_eq!(
            nb("Dette gjaldt av PTWC. 14 skoler ble stengt."),
            ["Dette gjaldt av PTWC.", "14 skoler ble stengt."]
        );
        // a unit too long to be a unit, and abbreviations before numbers, stay joined
        assert_eq!(nb("Se s. 12mm bredde her."), ["Se s. 12mm bredde her."]);
        assert_eq!(
            nb("Dette er utgave nr. 5 av rapporten."),
            ["Dette er utgave nr. 5 av rapporten."]
        );
    }

    #[test]
    fn windowed_uax29_equals_full_uax29() {
        for text in [
            "Hello World. My name is Jonas.",
            "U.S.A. and e.g. 3.2 etc. (He said.) «Ja!» — 1,000.That's it... Next?! \u{3002}x",
            "a.b.c. D! e? \u{2029}F. \"G.\" h. [...] i . . . . J 24. februar 2022. Det",
            "",
            "...",
            "x\u{0301}. Y",
        ] {
            let full: Vec<usize> = text
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            let mut w = Vec::new();
            uax29_boundaries(text, &mut w);
            let w: Vec<usize> = w.into_iter().map(|(i, _)| i).collect();
            assert_eq!(w, full, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn windowed_uax29_equals_full_uax29_on_random_text(
            text in "[a-cA-CøÅ0-9 .!?,;:\"'()\\[\\]«»“”…\n\t\u{2029}\u{3002}\u{0301}\u{00a0}-]{0,40}"
        ) {
            let full: Vec<usize> = text
                .split_sentence_bound_indices()
                .map(|(i, _)| i)
                .filter(|&i| i > 0)
                .collect();
            let mut w = Vec::new();
            uax29_boundaries(&text, &mut w);
            let w: Vec<usize> = w.into_iter().map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(w, full);
        }
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            nb("Det regner. Vi blir hjemme."),
            ["Det regner.", "Vi blir hjemme."]
        );
        assert_eq!(en("What? Yes! No."), ["What?", "Yes!", "No."]);
    }

    #[test]
    fn never_class_abbreviations() {
        assert_eq!(
            nb("Vi har bl.a. sett på dette. Neste."),
            ["Vi har bl.a. sett på dette.", "Neste."]
        );
        assert_eq!(
            nb("Dr. Olsen kom. Han gikk."),
            ["Dr. Olsen kom.", "Han gikk."]
        );
        assert_eq!(nb("Kl. 12 starter det."), ["Kl. 12 starter det."]);
        assert_eq!(nb("Det er dvs. Oslo."), ["Det er dvs. Oslo."]);
        assert_eq!(
            en("Costs rose, e.g. For energy."),
            ["Costs rose, e.g. For energy."]
        );
    }

    #[test]
    fn spaced_and_compound_abbreviations() {
        assert_eq!(
            nb("Vi har f. eks. sett dette. Neste."),
            ["Vi har f. eks. sett dette.", "Neste."]
        );
        assert_eq!(
            nb("Ifølge St.meld. nr. 21 (2016–2017) skal innsatsen økes. Regjeringen følger opp."),
            [
                "Ifølge St.meld. nr. 21 (2016–2017) skal innsatsen økes.",
                "Regjeringen følger opp."
            ]
        );
        assert_eq!(
            nb("Han ble nr. 2. Det var bra."),
            ["Han ble nr. 2.", "Det var bra."]
        );
        assert_eq!(
            seg("Utvalet har m.a. sett på dette. Det kjem meir.", Lang::Nn),
            ["Utvalet har m.a. sett på dette.", "Det kjem meir."]
        );
    }

    #[test]
    fn abbreviation_before_a_parenthesis() {
        assert_eq!(
            en("Smith et al. (2020) found it. Next."),
            ["Smith et al. (2020) found it.", "Next."]
        );
        assert_eq!(
            en("Company A Inc. (“A”) signed."),
            ["Company A Inc. (“A”) signed."]
        );
    }

    #[test]
    fn government_document_references() {
        assert_eq!(
            nb("Se Prop. 1 S (2023–2024) og Meld. St. 9 (2023–2024). Neste."),
            [
                "Se Prop. 1 S (2023–2024) og Meld. St. 9 (2023–2024).",
                "Neste."
            ]
        );
        assert_eq!(
            en("See Prop. 1 S (2023–2024), Report No. 9. Next."),
            ["See Prop. 1 S (2023–2024), Report No. 9.", "Next."]
        );
    }

    #[test]
    fn before_number_class() {
        assert_eq!(nb("Se nr. 3 for detaljer."), ["Se nr. 3 for detaljer."]);
        assert_eq!(
            nb("Han ble nr. 2 i år. Det var bra."),
            ["Han ble nr. 2 i år.", "Det var bra."]
        );
        assert_eq!(en("Report No. 21 came."), ["Report No. 21 came."]);
        assert_eq!(
            en("I said no. Then I left."),
            ["I said no.", "Then I left."]
        );
    }

    #[test]
    fn may_end_class() {
        assert_eq!(
            nb("Energi, transport osv. Neste kapittel."),
            ["Energi, transport osv.", "Neste kapittel."]
        );
        assert_eq!(nb("Energi osv. som før."), ["Energi osv. som før."]);
        assert_eq!(
            en("Briggs & Co. It closed."),
            ["Briggs & Co.", "It closed."]
        );
    }

    #[test]
    fn ordinals_and_dates() {
        assert_eq!(
            nb("Feiringen av 17. mai er stor."),
            ["Feiringen av 17. mai er stor."]
        );
        assert_eq!(
            nb("Fristen er 1. juli 2024. Søknader kommer."),
            ["Fristen er 1. juli 2024.", "Søknader kommer."]
        );
        assert_eq!(
            nb("Den 2. FN-konferansen ble holdt."),
            ["Den 2. FN-konferansen ble holdt."]
        );
        assert_eq!(
            nb("Det skjedde i 2024. Det var ventet."),
            ["Det skjedde i 2024.", "Det var ventet."]
        );
        assert_eq!(
            nb("Under 2. verdenskrig og i 3. kvartal."),
            ["Under 2. verdenskrig og i 3. kvartal."]
        );
        assert_eq!(
            nb("Se tabell 2. Tabellen viser det."),
            ["Se tabell 2.", "Tabellen viser det."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            nb("Skrevet av K. Nordmann og O. Hansen. De er økonomer."),
            ["Skrevet av K. Nordmann og O. Hansen.", "De er økonomer."]
        );
        assert_eq!(
            en("You and I. Did you see Albert I. Jones?"),
            ["You and I.", "Did you see Albert I. Jones?"]
        );
    }

    #[test]
    fn a_letter_naming_a_place_is_no_initial() {
        assert_eq!(
            nb("Direktefly fra A til B. Flyselskaper vet det."),
            ["Direktefly fra A til B.", "Flyselskaper vet det."]
        );
        assert_eq!(
            en("Direct flights from A to B. Airlines know that."),
            ["Direct flights from A to B.", "Airlines know that."]
        );
        // initials after a given name or another initial stay joined
        assert_eq!(
            en("It was George W. Bush and J. K. Rowling. They met."),
            ["It was George W. Bush and J. K. Rowling.", "They met."]
        );
        assert_eq!(
            nb("Boka er skrevet av J. K. Hansen og A. B. Berg. De er økonomer."),
            [
                "Boka er skrevet av J. K. Hansen og A. B. Berg.",
                "De er økonomer."
            ]
        );
        // a capital letter after a lower-case word alone is still an initial
        assert_eq!(
            en("The report by J. Smith was read."),
            ["The report by J. Smith was read."]
        );
    }

    #[test]
    fn a_stray_period_opens_the_next_sentence() {
        assert_eq!(
            nb("De viser farger og ordning. . Forskere sier mer."),
            ["De viser farger og ordning.", ". Forskere sier mer."]
        );
        assert_eq!(
            en("It shows color and arrangement. . Scientists say more."),
            ["It shows color and arrangement.", ". Scientists say more."]
        );
        // ellipses stay as they were
        assert_eq!(
            en("He waited . . . Then he left."),
            ["He waited . . . Then he left."]
        );
        assert_eq!(
            en("He waited . . . . Then he left."),
            ["He waited . . . .", "Then he left."]
        );
    }

    #[test]
    fn one_letter_words_end_clauses() {
        assert_eq!(
            nb("Bare prestene kunne gå inn i. Noen ganger bygde de mer."),
            ["Bare prestene kunne gå inn i.", "Noen ganger bygde de mer."]
        );
        assert_eq!(
            seg(
                "Berre prestane kunne gå inn i. Nokre gonger bygde dei meir.",
                Lang::Nn
            ),
            [
                "Berre prestane kunne gå inn i.",
                "Nokre gonger bygde dei meir."
            ]
        );
        // one-letter abbreviations go on
        assert_eq!(nb("Se f. Eks. her."), ["Se f. Eks. her."]);
        assert_eq!(en("See p. 55 and i. Smith."), ["See p. 55 and i. Smith."]);
    }

    #[test]
    fn times_decimals_thousands() {
        assert_eq!(
            nb("Møtet starter kl. 10.00 i Oslo. Alle kom."),
            ["Møtet starter kl. 10.00 i Oslo.", "Alle kom."]
        );
        assert_eq!(
            nb("Veksten var 12,5 prosent og 1 250 personer. Det er 3.2 mer."),
            [
                "Veksten var 12,5 prosent og 1 250 personer.",
                "Det er 3.2 mer."
            ]
        );
    }

    #[test]
    fn quotes_with_question_or_exclamation_inside() {
        assert_eq!(
            nb("Hun spurte: «Hva skjer nå?» og så seg rundt."),
            ["Hun spurte: «Hva skjer nå?» og så seg rundt."]
        );
        assert_eq!(
            nb("«Dette er viktig.» Det sa hun."),
            ["«Dette er viktig.»", "Det sa hun."]
        );
        assert_eq!(
            en("He said “Stop!” and left."),
            ["He said “Stop!” and left."]
        );
        assert_eq!(
            en("She said, 'This is great.' she said."),
            ["She said, 'This is great.' she said."]
        );
    }

    #[test]
    fn terminators_inside_a_quotation() {
        assert_eq!(
            nb("«Vi må handle nå! Det haster», sa hun. Så gikk hun."),
            ["«Vi må handle nå! Det haster», sa hun.", "Så gikk hun."]
        );
        assert_eq!(
            en("\"Oh dear! I am late!\" he said. Then he ran."),
            ["\"Oh dear! I am late!\" he said.", "Then he ran."]
        );
        // a quotation that ends its sentence keeps its inner boundaries
        assert_eq!(
            en("He said, \"It is late. I will go.\" Then he ran."),
            ["He said, \"It is late.", "I will go.\"", "Then he ran."]
        );
        // a quotation of two sentence-sized parts is two sentences, even
        // with a reporting clause after it, with every kind of quote
        assert_eq!(
            en(
                "\"They are cooler than the surrounding surface in the day and warmer at night. \
                Their thermal behavior is not as steady as large caves on Earth,\" said Glen \
                Cushing of the survey."
            ),
            [
                "\"They are cooler than the surrounding surface in the day and warmer at night.",
                "Their thermal behavior is not as steady as large caves on Earth,\" said Glen \
                 Cushing of the survey."
            ]
        );
        assert_eq!(
            nb(
                "«Vi har ventet på dette svaret fra departementet i mange år. Nå må \
                kommunene få vite hva som skal skje med skolene», sa ordføreren."
            ),
            [
                "«Vi har ventet på dette svaret fra departementet i mange år.",
                "Nå må kommunene få vite hva som skal skje med skolene», sa ordføreren."
            ]
        );
        assert_eq!(
            en(
                "“We waited for this answer from the ministry for many years. Now the \
                towns must learn what happens to their schools,” the mayor said."
            ),
            [
                "“We waited for this answer from the ministry for many years.",
                "Now the towns must learn what happens to their schools,” the mayor said."
            ]
        );
        // ... but not when one part is short: the quotation stays whole
        assert_eq!(
            nb("«Nei! Vi har ventet på dette svaret fra departementet i mange år», sa hun."),
            ["«Nei! Vi har ventet på dette svaret fra departementet i mange år», sa hun."]
        );
        assert_eq!(
            en("\"We waited for this answer from the ministry for many years. No more,\" \
                she said."),
            ["\"We waited for this answer from the ministry for many years. No more,\" she said."]
        );
        // an unclosed quotation does not swallow what follows
        assert_eq!(
            nb("«Vi må handle nå. Det haster. Så gikk hun."),
            ["«Vi må handle nå.", "Det haster.", "Så gikk hun."]
        );
    }

    #[test]
    fn year_before_an_acronym_compound() {
        // a year ends its sentence even before "NATO-fly"; an ordinal does not
        assert_eq!(
            nb("Aktiviteten økte markert i 2025. NATO-fly ble sendt opp flere ganger."),
            [
                "Aktiviteten økte markert i 2025.",
                "NATO-fly ble sendt opp flere ganger."
            ]
        );
        assert_eq!(
            nb("Han deltok på 2. FN-konferansen i Genève."),
            ["Han deltok på 2. FN-konferansen i Genève."]
        );
    }

    #[test]
    fn doubled_and_stray_straight_quotes_swallow_no_boundary() {
        // CSV-style doubled quotes around a quotation, and a quote standing
        // for an apostrophe ("the club" website")
        assert_eq!(
            en("\"\"\"We need more than two and fewer than 30,\"\" said Berg on the club\"\" \
                website. Club reporter Ann Lie wrote that the team travels on Monday. \
                It leaves at nine, she said."),
            [
                "\"\"\"We need more than two and fewer than 30,\"\" said Berg on the club\"\" website.",
                "Club reporter Ann Lie wrote that the team travels on Monday.",
                "It leaves at nine, she said."
            ]
        );
        // a stray quote that opens nothing ("5" pipe") keeps the boundaries
        assert_eq!(
            en("They used a 5\" pipe. It held. Then \"a leak\" appeared, they said."),
            [
                "They used a 5\" pipe.",
                "It held.",
                "Then \"a leak\" appeared, they said."
            ]
        );
        // an unbalanced quote that never closes like a quotation
        assert_eq!(
            en("He wrote \"later. We met at noon. The \" sign was gone."),
            [
                "He wrote \"later.",
                "We met at noon.",
                "The \" sign was gone."
            ]
        );
        // a real straight quotation still holds its inner terminator
        assert_eq!(
            en("\"Stop! Wait here,\" she said. Then she left."),
            ["\"Stop! Wait here,\" she said.", "Then she left."]
        );
    }

    #[test]
    fn ellipsis() {
        assert_eq!(
            en("I never meant that.... She left."),
            ["I never meant that....", "She left."]
        );
        assert_eq!(en("It was … well, fine."), ["It was … well, fine."]);
        assert_eq!(
            en("It was thus . . . I knew it."),
            ["It was thus . . . I knew it."]
        );
        assert_eq!(en("Words [...] Here."), ["Words [...] Here."]);
        assert_eq!(en("Done. . . . The end."), ["Done.", ". . . The end."]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            nb("Se www.regjeringen.no for mer. Der står det."),
            ["Se www.regjeringen.no for mer.", "Der står det."]
        );
        assert_eq!(
            en("Mail Jane.Doe@example.com. I did."),
            ["Mail Jane.Doe@example.com.", "I did."]
        );
        assert_eq!(
            en("See https://example.com/A.Html today."),
            ["See https://example.com/A.Html today."]
        );
    }

    #[test]
    fn section_and_chapter_references() {
        assert_eq!(
            nb("Dette følger av § 3-1 første ledd. Den ble endret."),
            ["Dette følger av § 3-1 første ledd.", "Den ble endret."]
        );
        assert_eq!(
            nb("Se kap. 4 og s. 12 i rapporten."),
            ["Se kap. 4 og s. 12 i rapporten."]
        );
        assert_eq!(
            nb("§ 5. Forbud mot spionasje"),
            ["§ 5. Forbud mot spionasje"]
        );
    }

    #[test]
    fn numbered_headings_and_markers() {
        assert_eq!(nb("2. Bakgrunn"), ["2. Bakgrunn"]);
        assert_eq!(
            nb("Figur 3. Russlands budsjett"),
            ["Figur 3. Russlands budsjett"]
        );
        assert_eq!(
            en("1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            en("1) The first item 2) The second item"),
            ["1) The first item", "2) The second item"]
        );
        assert_eq!(
            nb("1) økt satsing 2) bedre koordinering"),
            ["1) økt satsing", "2) bedre koordinering"]
        );
        assert_eq!(
            en("a. The first b. The second"),
            ["a. The first", "b. The second"]
        );
        assert_eq!(
            en("• 9. The first • 10. The second"),
            ["• 9. The first", "• 10. The second"]
        );
        // a following ordinal is not an item
        assert_eq!(
            nb("1. Økt satsing i 2. kvartal"),
            ["1. Økt satsing i 2. kvartal"]
        );
    }

    #[test]
    fn footnote_references_after_the_period() {
        assert_eq!(
            nb("Det skjedde i går.[^1] Neste setning."),
            ["Det skjedde i går.[^1]", "Neste setning."]
        );
        assert_eq!(
            nb("Det skjedde i går.¹ Neste setning."),
            ["Det skjedde i går.¹", "Neste setning."]
        );
        assert_eq!(nb("Det skjedde i går.[^12]"), ["Det skjedde i går.[^12]"]);
        assert_eq!(
            en("He was a martyr.[1] The emperor ruled.[7][8] So it was."),
            [
                "He was a martyr.[1]",
                "The emperor ruled.[7][8]",
                "So it was."
            ]
        );
        // superscripts flattened by PDF extraction
        assert_eq!(
            en("A gap in a consultation.11 12 Take the example."),
            ["A gap in a consultation.11 12", "Take the example."]
        );
        assert_eq!(
            en("It is from the Journal (1987).1 According to it."),
            ["It is from the Journal (1987).1", "According to it."]
        );
        assert_eq!(nb("Versjon 2.0 Det er bra."), ["Versjon 2.0 Det er bra."]);
        assert_eq!(
            en("Omitted words [...] Here."),
            ["Omitted words [...] Here."]
        );
    }

    #[test]
    fn markdown_emphasis_closes_with_its_sentence() {
        assert_eq!(
            nb("**Viktig.** Neste setning. Dette er *kursiv.* Slutt."),
            [
                "**Viktig.**",
                "Neste setning.",
                "Dette er *kursiv.*",
                "Slutt."
            ]
        );
    }

    #[test]
    fn glued_exclamation_marks() {
        assert_eq!(
            en("He speaks !Kung and !Xun."),
            ["He speaks !Kung and !Xun."]
        );
        assert_eq!(
            en("He works at Y!J. Then he left."),
            ["He works at Y!J.", "Then he left."]
        );
    }

    #[test]
    fn multi_period_abbreviations() {
        assert_eq!(
            en("The game is at 10 p.m. I'm going."),
            ["The game is at 10 p.m.", "I'm going."]
        );
        assert_eq!(
            en("I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            en("I work for the U.S. Government here."),
            ["I work for the U.S. Government here."]
        );
    }

    #[test]
    fn no_space_after_period() {
        assert_eq!(
            en("Hello world.Today is Tuesday.Mr. Smith went."),
            ["Hello world.", "Today is Tuesday.", "Mr. Smith went."]
        );
    }
}
