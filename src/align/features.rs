//! Lexical evidence for alignment: each segment becomes a bag of weighted
//! features (normalised numbers, months, names and acronyms, cognate keys,
//! telling punctuation, dictionary links), and two bags are compared by a
//! weighted Dice coefficient.

use std::collections::HashMap;

/// Weight of a shared number.
const W_NUMBER: f32 = 2.0;
/// Weight of a shared name or acronym too short for a cognate key.
const W_NAME: f32 = 1.5;
/// Weight of a shared cognate key (4-character prefix).
const W_COGNATE: f32 = 1.0;
/// Weight of shared telling punctuation (`?`, `!`, `:`, quotes, `%`).
const W_PUNCT: f32 = 0.5;
/// Weight of a dictionary or learned-lexicon link.
const W_LEXICON: f32 = 1.0;

/// A fast, non-cryptographic hasher (the multiply–rotate scheme of
/// rustc's `FxHasher`) for the maps the aligner fills with millions of
/// words: only lookups, never iteration, so the choice cannot change
/// output.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.add(x as u64);
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.add(x as u64);
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

/// Interns feature strings as ids shared by both sides.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32, FastBuild>,
}

impl Interner {
    /// The id of `key`, allocated on first sight.
    pub fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(key.to_owned(), id);
        id
    }
}

/// A segment's features: `(id, weight)` sorted by id (duplicates kept, so
/// a number said twice counts twice).
pub type Bag = Vec<(u32, f32)>;

/// Total weight of a bag.
pub fn weight(bag: &Bag) -> f32 {
    bag.iter().map(|&(_, w)| w).sum()
}

/// Weight shared by two sorted bags (multiset intersection).
pub fn shared(a: &Bag, b: &Bag) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    s
}

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
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (num, next) = read_number(&chars, i);
            out.push(Token::Number(num));
            i = next;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || is_word_joiner(&chars, i)) {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            match c {
                '?' | '!' | ':' | '%' => out.push(Token::Punct(c)),
                '"' | '«' | '»' | '“' | '”' | '„' => out.push(Token::Punct('"')),
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// An apostrophe or hyphen inside a word ("don't", "NATO-land").
fn is_word_joiner(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '\'' | '’' | '-')
        && i + 1 < chars.len()
        && chars[i + 1].is_alphabetic()
        && i > 0
        && chars[i - 1].is_alphabetic()
}

/// Read a number starting at `start`; returns the normalised form and the
/// index after it.
fn read_number(chars: &[char], start: usize) -> (String, usize) {
    let mut groups: Vec<String> = Vec::new();
    let mut i = start;
    loop {
        let g0 = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        groups.push(chars[g0..i].iter().collect());
        // A separator followed by a digit continues the number.
        if i + 1 < chars.len()
            && matches!(chars[i], '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
            && chars[i + 1].is_ascii_digit()
        {
            // A space only groups thousands: exactly three digits follow.
            let run = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let is_space = matches!(chars[i], ' ' | '\u{a0}' | '\u{202f}' | '\'');
            if is_space && (run != 3 || groups.last().is_some_and(|g| g.len() > 3)) {
                break;
            }
            i += 1;
        } else {
            break;
        }
    }
    // A mark followed by exactly three digits after a short first group
    // groups thousands ("1,250", "1.250", "1 250"); otherwise it is the
    // decimal mark ("12,5", "3.14") and ends the number.
    let mut int = groups[0].clone();
    let mut frac: Option<String> = None;
    for g in &groups[1..] {
        if g.len() == 3 && groups[0].len() <= 3 {
            int.push_str(g);
        } else {
            frac = Some(g.clone());
            break;
        }
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let s = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int.to_string(),
    };
    (s, i)
}

/// Lower-case and strip common diacritics so cognates compare equal
/// ("Zürich" ~ "zurich", "Tromsø" ~ "tromso").
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
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
    s
}

/// The month number of a month name in the supported languages.
fn month(word: &str) -> Option<u8> {
    let m = match word {
        "januar" | "january" | "janvier" | "janúar" | "januari" => 1,
        "februar" | "february" | "février" | "febrúar" | "februari" => 2,
        "mars" | "march" | "märz" => 3,
        "april" | "avril" | "apríl" => 4,
        "mai" | "may" | "maí" | "maj" => 5,
        "juni" | "june" | "juin" | "júní" => 6,
        "juli" | "july" | "juillet" | "júlí" => 7,
        "august" | "août" | "ágúst" | "augusti" => 8,
        "september" | "septembre" => 9,
        "oktober" | "october" | "octobre" | "október" => 10,
        "november" | "novembre" | "nóvember" => 11,
        "desember" | "december" | "dezember" | "décembre" | "desembre" => 12,
        _ => return None,
    };
    Some(m)
}

/// Key and weight of a feature.
type Keyed = (u32, f32);

/// Turns segments into word ids and feature bags, sharing one vocabulary
/// between the two sides (so identical words get identical ids).
#[derive(Debug, Default)]
pub struct Analyser {
    words: Interner,
    keys: Interner,
    /// Per word id: its month, cognate or (for short words written with a
    /// capital) name feature.
    word_key: Vec<Option<Keyed>>,
    short_name: Vec<Option<Keyed>>,
    word_chars: Vec<usize>,
    buf: String,
}

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    /// Folded words, as ids.
    pub words: Vec<u32>,
    /// Features that do not depend on a lexicon, sorted.
    pub fixed: Bag,
}

impl Analyser {
    fn key(&mut self, prefix: char, body: &str) -> u32 {
        self.buf.clear();
        self.buf.push(prefix);
        self.buf.push_str(body);
        let k = std::mem::take(&mut self.buf);
        let id = self.keys.id(&k);
        self.buf = k;
        id
    }

    /// The id of a folded word, if it occurs in any analysed text.
    pub fn word_id(&self, folded: &str) -> Option<u32> {
        self.words.ids.get(folded).copied()
    }

    /// Length in characters of a word id's folded form (0 when unknown).
    pub fn word_len(&self, id: u32) -> usize {
        self.word_chars.get(id as usize).copied().unwrap_or(0)
    }

    /// The feature id of a lexicon link whose target word is `tgt_word`.
    pub fn link_key(&mut self, tgt_word: u32) -> u32 {
        self.key('L', &tgt_word.to_string())
    }

    /// Analyse one segment.
    #[cfg(test)]
    pub fn analyse(&mut self, text: &str) -> Analysed {
        self.analyse_prepared(prepare(text))
    }

    /// Analyse one segment prepared by [`prepare`] (the same result as
    /// [`Analyser::analyse`] on its text).
    pub fn analyse_prepared(&mut self, pre: Prepared) -> Analysed {
        let mut out = Analysed::default();
        for tok in pre.0 {
            match tok {
                Prep::Number(n) => {
                    let id = self.key('#', &n);
                    out.fixed.push((id, W_NUMBER));
                }
                Prep::Punct(c) => {
                    let id = self.key('p', c.encode_utf8(&mut [0; 4]));
                    out.fixed.push((id, W_PUNCT));
                }
                Prep::Word { folded: f, upper } => {
                    let before = self.word_key.len();
                    let wid = self.words.id(&f);
                    if wid as usize == before {
                        let n = f.chars().count();
                        let key = if let Some(m) = month(&f) {
                            Some((self.key('m', &m.to_string()), W_NUMBER))
                        } else if n >= 4 {
                            let k: String = f.chars().take(4).collect();
                            Some((self.key('c', &k), W_COGNATE))
                        } else {
                            None
                        };
                        self.word_key.push(key);
                        self.word_chars.push(n);
                        let name = (key.is_none() && n >= 2).then(|| (self.key('n', &f), W_NAME));
                        self.short_name.push(name);
                    }
                    out.words.push(wid);
                    if let Some(k) = self.word_key[wid as usize] {
                        out.fixed.push(k);
                    } else if upper {
                        // Short names and acronyms must match exactly.
                        if let Some(k) = self.short_name[wid as usize] {
                            out.fixed.push(k);
                        }
                    }
                }
            }
        }
        out.fixed.sort_by_key(|&(id, _)| id);
        out
    }
}

/// One token of a [`Prepared`] segment.
#[derive(Debug, Clone)]
enum Prep {
    Number(String),
    Punct(char),
    /// A word folded by [`fold`]; `upper`: written with a capital.
    Word {
        folded: String,
        upper: bool,
    },
}

/// A segment tokenised with its words folded: the part of the analysis
/// that needs no shared vocabulary, so segments can be prepared in
/// parallel and then interned in order.
#[derive(Debug, Clone)]
pub struct Prepared(Vec<Prep>);

/// Tokenise and fold one segment for [`Analyser::analyse_prepared`].
pub fn prepare(text: &str) -> Prepared {
    Prepared(
        tokenize(text)
            .into_iter()
            .map(|tok| match tok {
                Token::Number(n) => Prep::Number(n),
                Token::Punct(c) => Prep::Punct(c),
                Token::Word(w) => Prep::Word {
                    folded: fold(&w),
                    upper: w.chars().any(char::is_uppercase),
                },
            })
            .collect(),
    )
}

/// The bag of one analysed segment: its fixed features plus the lexicon
/// link ids of its words (`links[word id]`, see [`Links`]).
pub fn bag(seg: &Analysed, links: Option<&std::collections::HashMap<u32, Vec<u32>>>) -> Bag {
    let mut out = seg.fixed.clone();
    if let Some(links) = links {
        for w in &seg.words {
            if let Some(ids) = links.get(w) {
                out.extend(ids.iter().map(|&id| (id, W_LEXICON)));
            }
        }
        out.sort_by_key(|&(id, _)| id);
    }
    out
}

/// Lexicon link ids for both sides, keyed by word id: a source word gets
/// the ids of the links it takes part in, a target word likewise, so
/// shared ids are translations.
#[derive(Debug, Default)]
pub struct Links {
    /// Source word id → link ids.
    pub src: std::collections::HashMap<u32, Vec<u32>>,
    /// Target word id → link ids.
    pub tgt: std::collections::HashMap<u32, Vec<u32>>,
}

impl Links {
    /// Links from word-id pairs (source, target).
    pub fn new(pairs: &[(u32, u32)], analyser: &mut Analyser) -> Links {
        let mut links = Links::default();
        for &(s, t) in pairs {
            // One id per target word: a source word linked to several
            // target words matches any of them.
            let id = analyser.link_key(t);
            let e = links.src.entry(s).or_default();
            if !e.contains(&id) {
                e.push(id);
            }
            let e = links.tgt.entry(t).or_default();
            if !e.contains(&id) {
                e.push(id);
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .filter_map(|t| match t {
                Token::Number(n) => Some(n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers_normalise_across_locales() {
        assert_eq!(numbers("1 250 kroner"), vec!["1250"]);
        assert_eq!(numbers("1,250 dollars"), vec!["1250"]);
        assert_eq!(numbers("12,5 prosent"), vec!["12.5"]);
        assert_eq!(numbers("12.5 per cent"), vec!["12.5"]);
        assert_eq!(numbers("1 234 567,89"), vec!["1234567.89"]);
        assert_eq!(numbers("1,234,567.89"), vec!["1234567.89"]);
        assert_eq!(numbers("i 2024 og 2025"), vec!["2024", "2025"]);
        assert_eq!(numbers("17. mai"), vec!["17"]);
    }

    #[test]
    fn months_match_across_languages() {
        let mut an = Analyser::default();
        let a = an.analyse("17. mai").fixed;
        let b = an.analyse("17 May").fixed;
        assert_eq!(shared(&a, &b), weight(&a));
    }

    #[test]
    fn cognates_and_names_share_features() {
        let mut an = Analyser::default();
        let a = an.analyse("Informasjonen fra PST om Tromsø?").fixed;
        let b = an.analyse("Information from PST about Tromso?").fixed;
        // info, PST, trom, ?
        assert!(shared(&a, &b) >= W_COGNATE * 2.0 + W_NAME + W_PUNCT - 1e-6);
        let c = an.analyse("Det regner i dag.").fixed;
        assert_eq!(shared(&a, &c), 0.0);
    }

    #[test]
    fn links_make_translations_match() {
        let mut an = Analyser::default();
        let a = an.analyse("regjeringen");
        let b = an.analyse("government");
        let links = Links::new(&[(a.words[0], b.words[0])], &mut an);
        let ba = bag(&a, Some(&links.src));
        let bb = bag(&b, Some(&links.tgt));
        assert!(shared(&ba, &bb) >= W_LEXICON);
    }

    #[test]
    fn fold_strips_diacritics() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("Ærø"), "aero");
    }
}
