//! Lexical evidence for alignment: each segment becomes a bag of weighted
//! features (normalised numbers, months, names and acronyms, cognate keys,
//! telling punctuation, dictionary links), and two bags are compared by a
//! weighted Dice coefficient.

use std::collections::HashMap;

use crate::lang::Lang;
use crate::text::months::month;
use crate::text::numwords;
pub use crate::text::token::{fold, tokenize, Token};
use crate::text::token::{fold_into, scan, Scanned};

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

/// Key and weight of a feature.
type Keyed = (u32, f32);

/// Strings mapped to ids.
type Interner = HashMap<String, u32, FastBuild>;

/// Segments per chunk of [`Analyser::analyse_all`]: the unit of parallel
/// work, within which each distinct word is folded once.
const CHUNK: usize = 2048;

/// Turns segments into word ids and feature bags, sharing one vocabulary
/// between the two sides (so identical words get identical ids).
///
/// Ids are given in order of first occurrence, words and features each
/// counting from 0; a feature is a key string (`#` and a number, `p` and a
/// punctuation mark, `m` and a month number, `c` and a cognate key, `n`
/// and a name), interned as the analysis reaches it, or a lexicon link
/// (by target word), in the same id space.
#[derive(Debug, Default)]
pub struct Analyser {
    words: Interner,
    keys: Interner,
    /// Target word id → the feature id of links to it.
    links: HashMap<u32, u32, FastBuild>,
    /// Feature ids given so far.
    n_keys: u32,
    /// Per word id: its month, cognate or (for short words written with a
    /// capital) name feature.
    word_key: Vec<Option<Keyed>>,
    short_name: Vec<Option<Keyed>>,
    word_chars: Vec<usize>,
    buf: String,
}

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysed {
    /// Folded words, as ids.
    pub words: Vec<u32>,
    /// Features that do not depend on a lexicon, sorted.
    pub fixed: Bag,
}

/// The feature id of `key`, the next free one on first sight.
fn intern_key(keys: &mut Interner, next: &mut u32, key: &str) -> u32 {
    if let Some(&id) = keys.get(key) {
        return id;
    }
    let id = *next;
    *next += 1;
    keys.insert(key.to_owned(), id);
    id
}

// Token kinds of a [`Chunk`], in the two low bits of a token.
/// A word written in lower case.
const TAG_WORD: u32 = 0;
/// A word written with a capital.
const TAG_UPPER: u32 = 1;
/// A number (its key, `#` and the normalised number).
const TAG_NUMBER: u32 = 2;
/// Telling punctuation (its key, `p` and the mark).
const TAG_PUNCT: u32 = 3;

/// Kinds of first occurrence in [`Chunk::events`], in the low bit.
const EVENT_WORD: u32 = 0;
/// A feature key (number or punctuation).
const EVENT_KEY: u32 = 1;

/// The id of `s` in `map`, local to a chunk; on first sight the next
/// free one, recorded in `events` as `id << 1 | kind`.
fn local_id(map: &mut Interner, s: &str, kind: u32, events: &mut Vec<u32>) -> u32 {
    if let Some(&id) = map.get(s) {
        return id;
    }
    let id = map.len() as u32;
    // Tokens keep two tag bits beside the id.
    debug_assert!(id < 1 << 30, "over 2^30 distinct tokens in one chunk");
    map.insert(s.to_owned(), id);
    events.push(id << 1 | kind);
    id
}

/// `buf` set to the feature key `prefix` + `body`.
fn keyed<'b>(buf: &'b mut String, prefix: char, body: &str) -> &'b str {
    buf.clear();
    buf.push(prefix);
    buf.push_str(body);
    buf
}

/// A chunk of segments tokenised and folded, with ids local to the chunk
/// (the part of the analysis that needs no shared vocabulary, so chunks
/// are prepared in parallel).
#[derive(Debug, Default)]
struct Chunk {
    /// Tokens: `local id << 2 | tag`.
    toks: Vec<u32>,
    /// Per segment, the end of its tokens in `toks`.
    ends: Vec<usize>,
    /// Folded words by local id.
    words: Vec<String>,
    /// Feature keys (numbers, punctuation) by local id.
    keys: Vec<String>,
    /// First occurrences in the chunk, in order: `local id << 1`, plus 1
    /// for a key.
    events: Vec<u32>,
}

impl Chunk {
    /// Tokenise and fold `texts` of language `lang`; a number word of
    /// `lang` is followed by the token of its number ([`crate::text::numwords`]).
    fn prepare<'t>(texts: impl Iterator<Item = &'t str>, lang: Lang) -> Chunk {
        let mut c = Chunk::default();
        // Word as written → its token (and its number's, for a number
        // word); folded word, key → local id.
        let mut raw: HashMap<&'t str, (u32, Option<u32>), FastBuild> = HashMap::default();
        let mut folded: Interner = HashMap::default();
        let mut keys: Interner = HashMap::default();
        let (mut num, mut buf) = (String::new(), String::new());
        for text in texts {
            scan(text, &mut num, |tok| match tok {
                Scanned::Word(w) => {
                    let (code, number) = match raw.get(w) {
                        Some(&cached) => cached,
                        None => {
                            buf.clear();
                            fold_into(w, &mut buf);
                            let lw = local_id(&mut folded, &buf, EVENT_WORD, &mut c.events);
                            let upper = w.chars().any(char::is_uppercase);
                            let code = lw << 2 | if upper { TAG_UPPER } else { TAG_WORD };
                            let number = numwords::value(lang, &buf).map(|v| {
                                let key = keyed(&mut buf, '#', &v.to_string());
                                local_id(&mut keys, key, EVENT_KEY, &mut c.events) << 2 | TAG_NUMBER
                            });
                            raw.insert(w, (code, number));
                            (code, number)
                        }
                    };
                    c.toks.push(code);
                    c.toks.extend(number);
                }
                Scanned::Number(n) => {
                    let id = local_id(&mut keys, keyed(&mut buf, '#', n), EVENT_KEY, &mut c.events);
                    c.toks.push(id << 2 | TAG_NUMBER);
                }
                Scanned::Punct(p) => {
                    let mut mark = [0; 4];
                    let key = keyed(&mut buf, 'p', p.encode_utf8(&mut mark));
                    let id = local_id(&mut keys, key, EVENT_KEY, &mut c.events);
                    c.toks.push(id << 2 | TAG_PUNCT);
                }
            });
            c.ends.push(c.toks.len());
        }
        let by_id = |map: Interner| {
            let mut v = vec![String::new(); map.len()];
            for (k, id) in map {
                v[id as usize] = k;
            }
            v
        };
        c.words = by_id(folded);
        c.keys = by_id(keys);
        c
    }
}

impl Analyser {
    fn key(&mut self, prefix: char, body: &str) -> u32 {
        let key = keyed(&mut self.buf, prefix, body);
        intern_key(&mut self.keys, &mut self.n_keys, key)
    }

    /// The id of the folded word `f`; on first sight also its features.
    fn word(&mut self, f: &str) -> u32 {
        if let Some(&id) = self.words.get(f) {
            return id;
        }
        let wid = self.word_key.len() as u32;
        self.words.insert(f.to_owned(), wid);
        let n = f.chars().count();
        let key = if let Some(m) = month(f) {
            Some((self.key('m', &m.to_string()), W_NUMBER))
        } else if n >= 4 {
            Some((self.key('c', crate::text::similarity::stem(f)), W_COGNATE))
        } else {
            None
        };
        self.word_key.push(key);
        self.word_chars.push(n);
        let name = (key.is_none() && n >= 2).then(|| (self.key('n', f), W_NAME));
        self.short_name.push(name);
        wid
    }

    /// The id of a folded word, if it occurs in any analysed text.
    pub fn word_id(&self, folded: &str) -> Option<u32> {
        self.words.get(folded).copied()
    }

    /// Length in characters of a word id's folded form (0 when unknown).
    pub fn word_len(&self, id: u32) -> usize {
        self.word_chars.get(id as usize).copied().unwrap_or(0)
    }

    /// The feature id of a lexicon link whose target word is `tgt_word`.
    pub fn link_key(&mut self, tgt_word: u32) -> u32 {
        if let Some(&id) = self.links.get(&tgt_word) {
            return id;
        }
        let id = self.n_keys;
        self.n_keys += 1;
        self.links.insert(tgt_word, id);
        id
    }

    /// Analyse one segment.
    #[cfg(test)]
    pub fn analyse(&mut self, text: &str) -> Analysed {
        self.analyse_all(&[text], |t| t, Lang::Other)
            .pop()
            .unwrap_or_default()
    }

    /// Analyse segments `segs` (whose text `text` gives) in order: ids are
    /// those of analysing one segment after the other. Chunks of segments
    /// are tokenised and folded in parallel, their new words and features
    /// interned sequentially in order, and the segments' ids and bags
    /// filled in in parallel again.
    /// All segments are of language `lang` (for its number words).
    pub fn analyse_all<S: Sync>(
        &mut self,
        segs: &[S],
        text: fn(&S) -> &str,
        lang: Lang,
    ) -> Vec<Analysed> {
        self.analyse_chunked(segs, text, lang, CHUNK)
    }

    /// [`Analyser::analyse_all`] with chunks of `chunk` segments (small
    /// ones in tests, to cross chunk boundaries often). Every chunk's tokens
    /// are held until the end (about 4 bytes a token: 0.2 GB at 100,000
    /// Bible verses a side, within the measured peaks in the README).
    fn analyse_chunked<S: Sync>(
        &mut self,
        segs: &[S],
        text: fn(&S) -> &str,
        lang: Lang,
        chunk: usize,
    ) -> Vec<Analysed> {
        use rayon::prelude::*;
        let chunks: Vec<Chunk> = segs
            .par_chunks(chunk.max(1))
            .map(|c| Chunk::prepare(c.iter().map(text), lang))
            .collect();
        // Local id → global id, words and keys, per chunk.
        let maps: Vec<(Vec<u32>, Vec<u32>)> = chunks
            .iter()
            .map(|c| {
                let mut words = vec![0; c.words.len()];
                let mut keys = vec![0; c.keys.len()];
                for &ev in &c.events {
                    let id = (ev >> 1) as usize;
                    if ev & 1 == EVENT_KEY {
                        keys[id] = intern_key(&mut self.keys, &mut self.n_keys, &c.keys[id]);
                    } else {
                        words[id] = self.word(&c.words[id]);
                    }
                }
                (words, keys)
            })
            .collect();
        let this = &*self;
        let parts: Vec<Vec<Analysed>> = chunks
            .par_iter()
            .zip(&maps)
            .map(|(c, (words, keys))| this.finish(c, words, keys))
            .collect();
        let mut out = Vec::with_capacity(segs.len());
        for p in parts {
            out.extend(p);
        }
        out
    }

    /// The segments of chunk `c`, whose local ids map to `words` and `keys`.
    fn finish(&self, c: &Chunk, words: &[u32], keys: &[u32]) -> Vec<Analysed> {
        let mut out = Vec::with_capacity(c.ends.len());
        let mut fixed: Bag = Vec::new();
        let mut start = 0;
        for &end in &c.ends {
            let toks = &c.toks[start..end];
            start = end;
            fixed.clear();
            let mut ids = Vec::with_capacity(toks.iter().filter(|&&t| t & 3 <= TAG_UPPER).count());
            for &t in toks {
                let id = (t >> 2) as usize;
                match t & 3 {
                    TAG_NUMBER => fixed.push((keys[id], W_NUMBER)),
                    TAG_PUNCT => fixed.push((keys[id], W_PUNCT)),
                    tag => {
                        let wid = words[id];
                        ids.push(wid);
                        if let Some(k) = self.word_key[wid as usize] {
                            fixed.push(k);
                        } else if tag == TAG_UPPER {
                            // Short names and acronyms must match exactly.
                            if let Some(k) = self.short_name[wid as usize] {
                                fixed.push(k);
                            }
                        }
                    }
                }
            }
            fixed.sort_by_key(|&(id, _)| id);
            out.push(Analysed {
                words: ids,
                fixed: fixed.to_vec(),
            });
        }
        out
    }
}

/// The bag of one analysed segment: its fixed features plus the lexicon
/// link ids of its words (`links[word id]`, see [`Links`]).
pub fn bag(seg: &Analysed, links: Option<&LinkIds>) -> Bag {
    let Some(links) = links else {
        return seg.fixed.clone();
    };
    let n = seg.fixed.len()
        + seg
            .words
            .iter()
            .filter_map(|&w| links.get(w as usize))
            .map(Vec::len)
            .sum::<usize>();
    let mut out = Vec::with_capacity(n);
    out.extend_from_slice(&seg.fixed);
    for &w in &seg.words {
        if let Some(ids) = links.get(w as usize) {
            out.extend(ids.iter().map(|&id| (id, W_LEXICON)));
        }
    }
    // Entries with equal ids are equal (an id's kind fixes its weight):
    // an unstable sort gives the stable one's order.
    out.sort_unstable_by_key(|&(id, _)| id);
    out
}

/// Link ids by word id (see [`Links`]).
pub type LinkIds = Vec<Vec<u32>>;

/// Lexicon link ids for both sides, keyed by word id: a source word gets
/// the ids of the links it takes part in, a target word likewise, so
/// shared ids are translations.
#[derive(Debug, Default)]
pub struct Links {
    /// Source word id → link ids.
    pub src: LinkIds,
    /// Target word id → link ids.
    pub tgt: LinkIds,
}

impl Links {
    /// Links from word-id pairs (source, target).
    pub fn new(pairs: &[(u32, u32)], analyser: &mut Analyser) -> Links {
        let words = analyser.word_key.len();
        let mut links = Links {
            src: vec![Vec::new(); words],
            tgt: vec![Vec::new(); words],
        };
        for &(s, t) in pairs {
            // One id per target word: a source word linked to several
            // target words matches any of them.
            let id = analyser.link_key(t);
            let (s, t) = (s as usize, t as usize);
            // Pairs come from the analyser's own word ids.
            debug_assert!(s < words && t < words, "a link to a word never analysed");
            if s >= words || t >= words {
                continue;
            }
            for e in [&mut links.src[s], &mut links.tgt[t]] {
                if !e.contains(&id) {
                    e.push(id);
                }
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn a_number_word_matches_its_digits_in_its_own_language_only() {
        let shared_with = |(la, a): (Lang, &str), (lb, b): (Lang, &str)| {
            let mut an = Analyser::default();
            let a = an.analyse_all(&[a], |t| t, la).pop().unwrap();
            let b = an.analyse_all(&[b], |t| t, lb).pop().unwrap();
            shared(&a.fixed, &b.fixed)
        };
        let en = |t| (Lang::En, t);
        let four = en("They stayed four weeks, and four more.");
        assert!(shared_with(four, (Lang::Is, "Þeir dvöldu 4 vikur.")) > 0.0);
        assert!(shared_with(en("Six lessons a day."), (Lang::Nb, "Seks timer om dagen.")) > 0.0);
        // Norwegian "fire" is 4; English "fire" is not.
        assert!(shared_with((Lang::Nb, "fire hus"), en("4 houses")) > 0.0);
        assert_eq!(
            shared_with(en("The fire spread."), (Lang::Nb, "4 hus brant.")),
            0.0
        );
        // Without a language, words stay words.
        assert_eq!(
            shared_with((Lang::Other, "four weeks"), (Lang::Is, "4 vikur")),
            0.0
        );
    }

    #[test]
    fn a_repeated_number_word_counts_each_time() {
        let mut an = Analyser::default();
        let a = an
            .analyse_all(&["four and four"], |t| t, Lang::En)
            .pop()
            .unwrap();
        let b = an.analyse_all(&["4 og 4"], |t| t, Lang::Nb).pop().unwrap();
        // Both 4s match (2 × W_NUMBER), and the word ids are still there.
        assert_eq!(shared(&a.fixed, &b.fixed), 2.0 * W_NUMBER);
        assert_eq!(a.words.len(), 3);
    }

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
        // Names with diacritics are matched folded.
        for (x, y) in [
            ("im März", "en mars"),
            ("le 3 février", "am 3. Februar"),
            ("en août", "im August"),
            ("í ágúst", "in August"),
            ("en décembre", "im Dezember"),
        ] {
            let (a, b) = (an.analyse(x).fixed, an.analyse(y).fixed);
            assert!(shared(&a, &b) >= W_NUMBER, "{x} / {y}");
        }
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
    fn decomposed_accents_stay_in_their_word_and_fold_away() {
        // "Zürich" and "café" written with combining marks (NFD).
        let nfd = "Zu\u{308}rich cafe\u{301}-bar";
        assert_eq!(
            tokenize(nfd),
            vec![
                Token::Word("Zu\u{308}rich".into()),
                Token::Word("cafe\u{301}-bar".into())
            ]
        );
        assert_eq!(fold("Zu\u{308}rich"), "zurich");
        let mut an = Analyser::default();
        let (a, b) = (an.analyse("Zürich").fixed, an.analyse(nfd).fixed);
        assert!(shared(&a, &b) > 0.0);
    }

    #[test]
    fn fold_strips_diacritics() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("Ærø"), "aero");
    }

    /// The implementations the faster ones replaced, kept as references.
    mod reference {
        use super::super::*;

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
                    while i < chars.len()
                        && (chars[i].is_alphanumeric()
                            || is_mark(chars[i])
                            || is_word_joiner(&chars, i))
                    {
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

        fn is_mark(c: char) -> bool {
            ('\u{300}'..='\u{36f}').contains(&c)
        }

        /// An apostrophe or hyphen between letters (accents skipped
        /// looking back).
        fn is_word_joiner(chars: &[char], i: usize) -> bool {
            matches!(chars[i], '\'' | '’' | '-')
                && i + 1 < chars.len()
                && chars[i + 1].is_alphabetic()
                && chars[..i]
                    .iter()
                    .rev()
                    .find(|c| !is_mark(**c))
                    .is_some_and(|c| c.is_alphabetic())
        }

        fn read_number(chars: &[char], start: usize) -> (String, usize) {
            let mut groups: Vec<String> = Vec::new();
            let mut i = start;
            loop {
                let g0 = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                groups.push(chars[g0..i].iter().collect());
                if i + 1 < chars.len()
                    && matches!(chars[i], '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
                    && chars[i + 1].is_ascii_digit()
                {
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

        pub fn fold(word: &str) -> String {
            let mut s = String::with_capacity(word.len());
            for c in word
                .chars()
                .filter(|&c| !is_mark(c))
                .flat_map(char::to_lowercase)
            {
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

        /// The analyser one segment at a time, every feature a key string
        /// (links `L` and the target word id) in one interner.
        #[derive(Default)]
        pub struct Analyser {
            words: HashMap<String, u32>,
            keys: HashMap<String, u32>,
            word_key: Vec<Option<(u32, f32)>>,
            short_name: Vec<Option<(u32, f32)>>,
        }

        fn id(map: &mut HashMap<String, u32>, key: &str) -> u32 {
            let n = map.len() as u32;
            *map.entry(key.to_owned()).or_insert(n)
        }

        impl Analyser {
            fn key(&mut self, prefix: char, body: &str) -> u32 {
                id(&mut self.keys, &format!("{prefix}{body}"))
            }

            pub fn link_key(&mut self, tgt_word: u32) -> u32 {
                self.key('L', &tgt_word.to_string())
            }

            pub fn analyse(&mut self, text: &str, lang: Lang) -> Analysed {
                let mut out = Analysed::default();
                for tok in tokenize(text) {
                    match tok {
                        Token::Number(n) => out.fixed.push((self.key('#', &n), W_NUMBER)),
                        Token::Punct(c) => out.fixed.push((self.key('p', &c.to_string()), W_PUNCT)),
                        Token::Word(w) => {
                            let f = fold(&w);
                            let upper = w.chars().any(char::is_uppercase);
                            let before = self.word_key.len();
                            let wid = id(&mut self.words, &f);
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
                                let name =
                                    (key.is_none() && n >= 2).then(|| (self.key('n', &f), W_NAME));
                                self.short_name.push(name);
                            }
                            out.words.push(wid);
                            if let Some(k) = self.word_key[wid as usize] {
                                out.fixed.push(k);
                            } else if upper {
                                if let Some(k) = self.short_name[wid as usize] {
                                    out.fixed.push(k);
                                }
                            }
                            if let Some(v) = crate::text::numwords::value(lang, &f) {
                                out.fixed.push((self.key('#', &v.to_string()), W_NUMBER));
                            }
                        }
                    }
                }
                out.fixed.sort_by_key(|&(id, _)| id);
                out
            }
        }
    }

    /// The bag of the implementation [`bag`] replaced: links in a map, a
    /// stable sort.
    fn reference_bag(seg: &Analysed, links: &HashMap<u32, Vec<u32>>) -> Bag {
        let mut out = seg.fixed.clone();
        for w in &seg.words {
            if let Some(ids) = links.get(w) {
                out.extend(ids.iter().map(|&id| (id, W_LEXICON)));
            }
        }
        out.sort_by_key(|&(id, _)| id);
        out
    }

    /// Text rich in what the tokenizer treats specially, and any character.
    const TEXT: &str =
        "([a-cA-CøØåÅæÆßİKΣς0-9 .,'’\\-?!:%\"«»“”„\u{a0}\u{202f}\u{0301}\u{0663}]|\\PC){0,40}";

    /// Groups of digits joined by every kind of separator.
    fn number() -> impl Strategy<Value = String> {
        const SEPS: [&str; 9] = [".", ",", " ", "'", "\u{a0}", "\u{202f}", "", "a", " x "];
        proptest::collection::vec(("[0-9]{1,5}", proptest::sample::select(&SEPS[..])), 1..5)
            .prop_map(|g| g.into_iter().map(|(d, s)| d + s).collect())
    }

    /// Segments of words that recur, in several spellings.
    fn segment() -> impl Strategy<Value = String> {
        const WORDS: [&str; 25] = [
            "four",
            "Four",
            "fire",
            "to",
            "4",
            "Gud",
            "gud",
            "GUD",
            "Tromsø",
            "tromso",
            "TROMSØ",
            "mai",
            "May",
            "1 250",
            "12,5",
            "PST",
            "pst",
            "«",
            "?",
            "NATO-land",
            "don't",
            "ab",
            "Ab",
            "Zürich",
            "zurich",
        ];
        proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..8)
            .prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        #[test]
        fn tokenize_equals_reference(text in TEXT, num in number()) {
            proptest::prop_assert_eq!(tokenize(&text), reference::tokenize(&text));
            proptest::prop_assert_eq!(tokenize(&num), reference::tokenize(&num));
        }

        #[test]
        fn fold_equals_reference(text in TEXT) {
            proptest::prop_assert_eq!(fold(&text), reference::fold(&text));
        }

        /// Bags with links equal those of the map-and-stable-sort version.
        #[test]
        fn bags_equal_reference(
            texts in proptest::collection::vec(segment(), 1..10),
            pairs in proptest::collection::vec((0usize..40, 0usize..40), 0..30),
        ) {
            let mut an = Analyser::default();
            let segs = an.analyse_all(&texts, |t| t, Lang::Other);
            let n = an.word_key.len();
            // Links join analysed words only.
            let pairs: Vec<(u32, u32)> = if n == 0 {
                Vec::new()
            } else {
                pairs.iter().map(|&(a, b)| ((a % n) as u32, (b % n) as u32)).collect()
            };
            let links = Links::new(&pairs, &mut an);
            let as_map = |v: &LinkIds| -> HashMap<u32, Vec<u32>> {
                v.iter().enumerate().map(|(w, ids)| (w as u32, ids.clone())).collect()
            };
            let (src, tgt) = (as_map(&links.src), as_map(&links.tgt));
            for seg in &segs {
                proptest::prop_assert_eq!(bag(seg, None), seg.fixed.clone());
                proptest::prop_assert_eq!(bag(seg, Some(&links.src)), reference_bag(seg, &src));
                proptest::prop_assert_eq!(bag(seg, Some(&links.tgt)), reference_bag(seg, &tgt));
            }
        }

        /// Chunked analysis gives the ids of analysing one segment after
        /// the other, and links interleaved with analyses share their ids.
        #[test]
        fn chunked_analysis_equals_reference(
            first in proptest::collection::vec(segment(), 0..12),
            second in proptest::collection::vec(segment(), 0..12),
            noise in proptest::collection::vec(TEXT, 0..6),
            chunk in 1usize..5,
            links in proptest::collection::vec(0u32..30, 0..6),
            langs in proptest::sample::subsequence(vec![Lang::Other, Lang::En, Lang::Nb, Lang::Nb], 3),
        ) {
            let (l1, l2, l3) = (langs[0], langs[1], langs[2]);
            let mut an = Analyser::default();
            let mut re = reference::Analyser::default();
            let got = an.analyse_chunked(&first, |t| t, l1, chunk);
            let want: Vec<Analysed> = first.iter().map(|t| re.analyse(t, l1)).collect();
            proptest::prop_assert_eq!(got, want);
            for &w in &links {
                proptest::prop_assert_eq!(an.link_key(w), re.link_key(w));
            }
            let got = an.analyse_chunked(&noise, |t| t, l2, chunk);
            let want: Vec<Analysed> = noise.iter().map(|t| re.analyse(t, l2)).collect();
            proptest::prop_assert_eq!(got, want);
            let got = an.analyse_chunked(&second, |t| t, l3, chunk);
            let want: Vec<Analysed> = second.iter().map(|t| re.analyse(t, l3)).collect();
            proptest::prop_assert_eq!(got, want);
            for &w in links.iter().rev() {
                proptest::prop_assert_eq!(an.link_key(w + 1), re.link_key(w + 1));
            }
        }
    }
}
