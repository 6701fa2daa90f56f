//! Bilingual word lists: a user dictionary (`--dict FILE`, TSV word pairs)
//! and lexicons learned from a document pair.
//!
//! Words are stored folded (lower case, common diacritics stripped; see
//! [`crate::text::fold`]), so look-ups ignore case and accents.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::text::{fold, tokenize, Token};

/// A set of word pairs, first word in one language, second in the other.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    pairs: BTreeSet<(String, String)>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Add a pair (both words are folded).
    pub fn insert(&mut self, a: &str, b: &str) {
        let (a, b) = (fold(a.trim()), fold(b.trim()));
        if !a.is_empty() && !b.is_empty() {
            self.pairs.insert((a, b));
        }
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs in sorted order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.pairs.iter().map(|(a, b)| (a.as_str(), b.as_str()))
    }

    /// The same pairs with the two sides swapped.
    pub fn reversed(&self) -> Lexicon {
        Lexicon {
            pairs: self
                .pairs
                .iter()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
        }
    }

    /// All pairs of `self` and `other`.
    pub fn merged(&self, other: &Lexicon) -> Lexicon {
        Lexicon {
            pairs: self.pairs.union(&other.pairs).cloned().collect(),
        }
    }

    /// Parse a dictionary file in TSV: `word <TAB> translation`. A first
    /// line naming the columns is allowed; with more than two columns the
    /// column whose header contains `translation` (else the second) holds
    /// the translations, several separated by `,` or `;`. Multi-word
    /// entries are kept only as single words; empty lines and lines
    /// starting with `#` are skipped.
    pub fn parse_tsv(path: &Path, text: &str) -> Result<Lexicon> {
        let mut lex = Lexicon::new();
        let mut col = 1;
        let mut lines = text.lines().enumerate().peekable();
        // Comment lines may precede the header (as `tolk learn` writes).
        while lines
            .peek()
            .is_some_and(|(_, l)| l.starts_with('#') || l.trim().is_empty())
        {
            lines.next();
        }
        if let Some((_, first)) = lines.peek() {
            let cells: Vec<&str> = first.split('\t').collect();
            if let Some(k) = cells
                .iter()
                .position(|c| c.to_lowercase().contains("translation"))
            {
                col = k;
                lines.next();
            }
        }
        let mut bad = 0usize;
        let mut first_bad = 0usize;
        for (no, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() <= col {
                bad += 1;
                if first_bad == 0 {
                    first_bad = no + 1;
                }
                continue;
            }
            let head = cells[0].trim();
            if head.contains(' ') {
                continue;
            }
            for t in cells[col].split([',', ';']) {
                let t = t.trim();
                if !t.is_empty() && !t.contains(' ') {
                    lex.insert(head, t);
                }
            }
        }
        if lex.is_empty() {
            let hint = if bad > 0 {
                format!(" (line {first_bad} has no tab-separated translation)")
            } else {
                String::new()
            };
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "no word pairs found{hint}; a dictionary is TSV: word <TAB> translation, one pair per line"
                ),
            });
        }
        Ok(lex)
    }

    /// Read a dictionary file (see [`Lexicon::parse_tsv`]).
    pub fn load(path: &Path) -> Result<Lexicon> {
        let bytes = crate::read::read_bytes(path)?;
        let (text, _) = crate::read::decode_text(path, &bytes)?;
        Lexicon::parse_tsv(path, text.trim_start_matches('\u{feff}'))
    }

    /// Orient the lexicon for a document pair: keep it as is when its first
    /// column matches the source vocabulary better than the target's, else
    /// reverse it. Vocabularies are folded words.
    pub fn oriented(&self, src_vocab: &BTreeSet<String>, tgt_vocab: &BTreeSet<String>) -> Lexicon {
        let (mut fwd, mut bwd) = (0usize, 0usize);
        for (a, b) in &self.pairs {
            if src_vocab.contains(a) && tgt_vocab.contains(b) {
                fwd += 1;
            }
            if tgt_vocab.contains(a) && src_vocab.contains(b) {
                bwd += 1;
            }
        }
        if bwd > fwd {
            self.reversed()
        } else {
            self.clone()
        }
    }

    /// Write the lexicon as a dictionary `--dict` reads back: a `#` comment
    /// line saying what it is, then `word <TAB> translation` per pair.
    pub fn write_tsv(&self, comment: &str, w: &mut dyn Write) -> io::Result<()> {
        for line in comment.lines() {
            writeln!(w, "# {line}")?;
        }
        for (a, b) in &self.pairs {
            writeln!(w, "{a}\t{b}")?;
        }
        Ok(())
    }

    /// Learn a small lexicon from sentence pairs by Dice co-occurrence:
    /// a pair of words is kept when it co-occurs in at least `min_count`
    /// pairs and `2·c(s,t) / (c(s) + c(t)) ≥ min_dice`; each source word
    /// keeps its best partners only (ties broken alphabetically, so the
    /// result is deterministic). Words are folded; words shorter than three
    /// characters and numbers are ignored.
    /// At most `max_pairs` sentence pairs, evenly spread, are counted.
    pub fn learn_dice(
        pairs: &[(Vec<String>, Vec<String>)],
        min_count: u32,
        min_dice: f64,
        max_pairs: usize,
    ) -> Lexicon {
        let folded: Vec<(Vec<String>, Vec<String>)> = pairs
            .iter()
            .map(|(s, t)| {
                let f = |v: &Vec<String>| -> Vec<String> {
                    v.iter().filter(|w| usable(w)).map(|w| fold(w)).collect()
                };
                (f(s), f(t))
            })
            .collect();
        let mut lex = Lexicon::new();
        for (a, b) in dice_pairs_upto(&folded, min_count, min_dice, max_pairs) {
            lex.pairs.insert((a, b));
        }
        lex
    }
}

/// Dice co-occurrence over sentence pairs of any word type: the pairs
/// `(s, t)` that co-occur in at least `min_count` sentence pairs with
/// `2·c(s,t) / (c(s) + c(t)) ≥ min_dice`, at most the two best per `s`
/// (ties broken by order, so the result is deterministic). At most
/// 3,000 sentence pairs, evenly spread, are counted.
pub fn dice_pairs<T: Ord + Clone + std::hash::Hash>(
    pairs: &[(Vec<T>, Vec<T>)],
    min_count: u32,
    min_dice: f64,
) -> Vec<(T, T)> {
    dice_pairs_upto(pairs, min_count, min_dice, MAX_PAIRS)
}

/// [`dice_pairs`] counting at most `max_pairs` sentence pairs.
fn dice_pairs_upto<T: Ord + Clone + std::hash::Hash>(
    pairs: &[(Vec<T>, Vec<T>)],
    min_count: u32,
    min_dice: f64,
    max_pairs: usize,
) -> Vec<(T, T)> {
    let mut cs: HashMap<&T, u32> = HashMap::new();
    let mut ct: HashMap<&T, u32> = HashMap::new();
    let mut cst: HashMap<(&T, &T), u32> = HashMap::new();
    // Counting is quadratic in sentence length: a few thousand evenly
    // spread pairs are plenty for a small high-precision lexicon.
    let step = pairs.len().div_ceil(max_pairs.max(1)).max(1);
    for (s, t) in pairs.iter().step_by(step) {
        let s: BTreeSet<&T> = s.iter().collect();
        let t: BTreeSet<&T> = t.iter().collect();
        for &a in &s {
            *cs.entry(a).or_default() += 1;
        }
        for &b in &t {
            *ct.entry(b).or_default() += 1;
        }
        for &a in &s {
            for &b in &t {
                *cst.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut best: BTreeMap<&T, Vec<(f64, &T)>> = BTreeMap::new();
    for (&(a, b), &c) in &cst {
        if c < min_count {
            continue;
        }
        let dice = 2.0 * c as f64 / (cs[a] + ct[b]) as f64;
        if dice >= min_dice {
            best.entry(a).or_default().push((dice, b));
        }
    }
    let mut out = Vec::new();
    for (a, mut v) in best {
        v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
        out.extend(v.into_iter().take(2).map(|(_, b)| (a.clone(), b.clone())));
    }
    out
}

/// The positions of the 1-1 beads whose neighbours are 1-1 too, given
/// each bead's shape (source, target segment counts): runs of 1-1 beads
/// are rarely wrong, so lexicons are learned from them.
pub fn one_to_one_runs(shapes: &[(usize, usize)]) -> Vec<usize> {
    let one = |k: usize| shapes.get(k) == Some(&(1, 1));
    (0..shapes.len())
        .filter(|&k| one(k) && (k == 0 || one(k - 1)) && (k + 1 == shapes.len() || one(k + 1)))
        .collect()
}

/// The words of a text, as the aligner tokenises it.
pub fn words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            _ => None,
        })
        .collect()
}

/// Dice coefficient of two events seen `joint` times together and `a`,
/// `b` times in all: `2·joint / (a + b)` (0 when both are unseen).
pub fn dice(joint: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        2.0 * joint as f64 / (a + b) as f64
    }
}

/// Dunning's log-likelihood ratio G² of two events seen `joint` times
/// together, `a` and `b` times in all, over `n` trials (the 2×2
/// contingency table of presence and absence).
pub fn log_likelihood(joint: usize, a: usize, b: usize, n: usize) -> f64 {
    let (k11, k12, k21) = (
        joint as f64,
        (a - joint.min(a)) as f64,
        (b - joint.min(b)) as f64,
    );
    let n = n as f64;
    let k22 = (n - k11 - k12 - k21).max(0.0);
    let term = |k: f64, row: f64, col: f64| {
        if k > 0.0 && row > 0.0 && col > 0.0 {
            k * (k * n / (row * col)).ln()
        } else {
            0.0
        }
    };
    let (r1, r2, c1, c2) = (k11 + k12, k21 + k22, k11 + k21, k12 + k22);
    2.0 * (term(k11, r1, c1) + term(k12, r1, c2) + term(k21, r2, c1) + term(k22, r2, c2))
}

/// The sentence pairs `tolk learn` learns from, each distinct pair with how
/// often it was seen (words in lower case as written, no diacritics folded
/// away). Counts of several parts of a corpus add up exactly
/// ([`Counts::merge`]), so the aligning can be sharded and the learning done
/// once over all of it.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Sentence pairs counted.
    pairs: u64,
    /// Source words and target words, space-joined → times seen.
    units: BTreeMap<(String, String), u64>,
}

/// One learned word pair with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The source word (lower case).
    pub src: String,
    /// The target word (lower case).
    pub tgt: String,
    /// Distinct sentence pairs in which the two words are linked.
    pub count: u64,
    /// Dice coefficient of the links: `2·count / (pairs with the source
    /// word + pairs with the target word)`, over distinct pairs.
    pub dice: f64,
}

/// First line of a counts file (`tolk learn --counts-out`).
const COUNTS_MAGIC: &str = "# tolk learn counts v2";

impl Counts {
    /// No counts.
    pub fn new() -> Counts {
        Counts::default()
    }

    /// Sentence pairs counted.
    pub fn pairs(&self) -> u64 {
        self.pairs
    }

    /// Count one sentence pair (its words as tokenised).
    pub fn add(&mut self, src: &[String], tgt: &[String]) {
        self.pairs += 1;
        let side = |words: &[String]| words.join(" ").to_lowercase();
        let (s, t) = (side(src), side(tgt));
        if !s.is_empty() && !t.is_empty() {
            *self.units.entry((s, t)).or_default() += 1;
        }
    }

    /// Add the counts of `other` (another part of the corpus).
    pub fn merge(&mut self, other: &Counts) {
        self.pairs += other.pairs;
        for (k, &n) in &other.units {
            *self.units.entry(k.clone()).or_default() += n;
        }
    }

    /// Write the counts as text (sorted, so equal counts give equal bytes):
    /// a first line naming the format, `pairs <TAB> n`, then one line
    /// `u <TAB> times <TAB> source words <TAB> target words` per distinct
    /// sentence pair.
    pub fn write(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "{COUNTS_MAGIC}")?;
        writeln!(w, "pairs\t{}", self.pairs)?;
        for ((s, t), n) in &self.units {
            writeln!(w, "u\t{n}\t{s}\t{t}")?;
        }
        Ok(())
    }

    /// Read counts written by [`Counts::write`]; `path` names the file in
    /// errors.
    pub fn parse(path: &Path, text: &str) -> Result<Counts> {
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l) != Some(COUNTS_MAGIC) {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "not a counts file of this tolk (the first line is not `{COUNTS_MAGIC}`); give files written by tolk learn --counts-out (write older ones again)"
                ),
            });
        }
        let mut c = Counts::new();
        for (i, line) in lines {
            let bad = || {
                Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "line {}: malformed counts line; the file is damaged, write it again with tolk learn --counts-out",
                    i + 1
                ),
            }
            };
            let cells: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| s.parse::<u64>().map_err(|_| bad());
            match cells.as_slice() {
                ["pairs", n] => c.pairs += num(n)?,
                ["u", n, s, t] if !s.is_empty() && !t.is_empty() => {
                    *c.units.entry((s.to_string(), t.to_string())).or_default() += num(n)?
                }
                _ => return Err(bad()),
            }
        }
        Ok(c)
    }

    /// The word pairs linked in at least `min_count` distinct sentence
    /// pairs with a Dice of the links ≥ `min_dice`, at most the two best per
    /// source word (ties broken alphabetically). The words of each pair are
    /// linked one to one, strongest association first, as
    /// [`crate::consistency`] links them ([`crate::consistency::word_links`]);
    /// a function word ([`crate::consistency::function_word`]) is counted
    /// where it occurs with the target word instead. With `mutual_best`, a pair is kept only when the source word is also
    /// among the two best partners of the target word. Sorted by source
    /// word, then target word.
    pub fn learn(&self, min_count: u64, min_dice: f64, mutual_best: bool) -> Vec<Entry> {
        let doc = crate::consistency::Doc {
            id: String::new(),
            rows: self
                .units
                .keys()
                .enumerate()
                .map(|(pair, (s, t))| crate::output::Row {
                    pair,
                    src_text: s.clone(),
                    tgt_text: t.clone(),
                    ..crate::output::Row::default()
                })
                .collect(),
        };
        let links = crate::consistency::word_links(&[doc]);
        // A function word is seldom linked on association (it is in too
        // many pairs for a small corpus to single out its partner), yet
        // its translations are what an aligner finds in nearly every pair:
        // it is learned from co-occurrence over the distinct pairs instead.
        let function = |w: &str| crate::consistency::function_word(w);
        let mut f_src: HashMap<&str, usize> = HashMap::new();
        let mut f_tgt: HashMap<&str, usize> = HashMap::new();
        let mut joint: HashMap<(&str, &str), usize> = HashMap::new();
        for (s, t) in self.units.keys() {
            fn set(x: &str) -> BTreeSet<&str> {
                x.split(' ').filter(|w| usable(w)).collect()
            }
            let (s, t) = (set(s), set(t));
            for &b in &t {
                *f_tgt.entry(b).or_default() += 1;
            }
            for &a in s.iter().filter(|a| function(a)) {
                *f_src.entry(a).or_default() += 1;
                for &b in &t {
                    *joint.entry((a, b)).or_default() += 1;
                }
            }
        }
        let cooc = joint
            .iter()
            .map(|(&(a, b), &n)| (a, b, n, f_src[a], f_tgt[b]));
        let linked = links.iter().filter(|l| !function(&l.src)).map(|l| {
            (
                l.src.as_str(),
                l.tgt.as_str(),
                l.links,
                l.src_pairs,
                l.tgt_pairs,
            )
        });
        let mut fwd: BTreeMap<&str, Vec<(f64, &str, u64)>> = BTreeMap::new();
        let mut bwd: BTreeMap<&str, Vec<(f64, &str)>> = BTreeMap::new();
        for (src, tgt, n, fs, ft) in linked.chain(cooc) {
            if (n as u64) < min_count || !usable(src) || !usable(tgt) {
                continue;
            }
            let d = dice(n, fs, ft);
            if d < min_dice {
                continue;
            }
            fwd.entry(src).or_default().push((d, tgt, n as u64));
            bwd.entry(tgt).or_default().push((d, src));
        }
        let best_of_target: HashMap<&str, Vec<&str>> = bwd
            .into_iter()
            .map(|(t, mut v)| {
                v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
                (t, v.into_iter().take(2).map(|x| x.1).collect())
            })
            .collect();
        let mut out = Vec::new();
        for (a, mut v) in fwd {
            v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
            for (d, b, n) in v.into_iter().take(2) {
                if mutual_best && !best_of_target[b].contains(&a) {
                    continue;
                }
                out.push(Entry {
                    src: a.to_string(),
                    tgt: b.to_string(),
                    count: n,
                    dice: d,
                });
            }
        }
        out.sort_by(|x, y| x.src.cmp(&y.src).then(x.tgt.cmp(&y.tgt)));
        out
    }
}

/// Write learned entries as a dictionary `--dict` reads: `#` comment lines,
/// a header `word <TAB> translation <TAB> count <TAB> dice`, then one entry
/// per line (Dice with three decimals).
pub fn write_entries(entries: &[Entry], comment: &str, w: &mut dyn Write) -> io::Result<()> {
    for line in comment.lines() {
        writeln!(w, "# {line}")?;
    }
    writeln!(w, "word\ttranslation\tcount\tdice")?;
    for e in entries {
        writeln!(w, "{}\t{}\t{}\t{:.3}", e.src, e.tgt, e.count, e.dice)?;
    }
    Ok(())
}

/// Most sentence pairs [`dice_pairs`] counts.
const MAX_PAIRS: usize = 3000;

fn usable(w: &str) -> bool {
    w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_two_column_tsv() {
        let lex = Lexicon::parse_tsv(Path::new("d.tsv"), "hus\thouse\nBil\tcar\n\n# c\n").unwrap();
        assert_eq!(
            lex.pairs().collect::<Vec<_>>(),
            vec![("bil", "car"), ("hus", "house")]
        );
    }

    #[test]
    fn parses_freedict_style_columns() {
        let text = "en_headword\tpos\tno_translations\tgloss\nabate\tv\tforminske, redusere ; avta\tx\nhouse of cards\tn\tkorthus\t\n";
        let lex = Lexicon::parse_tsv(Path::new("d.tsv"), text).unwrap();
        assert_eq!(
            lex.pairs().collect::<Vec<_>>(),
            vec![
                ("abate", "avta"),
                ("abate", "forminske"),
                ("abate", "redusere")
            ]
        );
    }

    #[test]
    fn refuses_a_file_without_pairs() {
        let err = Lexicon::parse_tsv(Path::new("d.tsv"), "just words\nno tabs\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("d.tsv") && msg.contains("line 1"), "{msg}");
    }

    #[test]
    fn orients_by_vocabulary() {
        let mut lex = Lexicon::new();
        lex.insert("house", "hus");
        let nb: BTreeSet<String> = ["hus".to_string()].into();
        let en: BTreeSet<String> = ["house".to_string()].into();
        assert_eq!(
            lex.oriented(&nb, &en).pairs().next(),
            Some(("hus", "house"))
        );
        assert_eq!(
            lex.oriented(&en, &nb).pairs().next(),
            Some(("house", "hus"))
        );
    }

    #[test]
    fn learned_file_with_counts_reads_back_with_surface_forms() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let mut c = Counts::new();
        for (s, t) in [
            ("Aktører handler", "actors act"),
            ("Aktører venter", "actors wait"),
            ("Aktører snakker", "actors talk"),
            ("Været er fint", "the weather is fine"),
            ("Havet er blått", "the sea is blue"),
            ("Byen er stor", "the city is big"),
            ("Skogen er grønn", "the forest is green"),
            ("Fjellet er høyt", "the mountain is high"),
            ("Elva er kald", "the river is cold"),
            ("Dalen er bred", "the valley is wide"),
        ] {
            c.add(&w(s), &w(t));
        }
        let entries = c.learn(2, 0.3, true);
        assert!(entries.contains(&Entry {
            src: "aktører".into(),
            tgt: "actors".into(),
            count: 3,
            dice: 1.0
        }));
        let mut out = Vec::new();
        write_entries(&entries, "learned\nword <TAB> translation", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("aktører\tactors\t3\t1.000"), "{text}");
        let lex = Lexicon::parse_tsv(Path::new("l.tsv"), &text).unwrap();
        assert!(lex.pairs().any(|p| p == ("aktorer", "actors")));
    }

    #[test]
    fn counts_merge_exactly() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let data = [
            ("huset er stort", "the house is big"),
            ("huset brant", "the house burned"),
            ("bilen er stor", "the car is big"),
        ];
        let mut whole = Counts::new();
        let (mut a, mut b) = (Counts::new(), Counts::new());
        for (i, (s, t)) in data.iter().enumerate() {
            whole.add(&w(s), &w(t));
            if i % 2 == 0 { &mut a } else { &mut b }.add(&w(s), &w(t));
        }
        let bytes = |c: &Counts| {
            let mut v = Vec::new();
            c.write(&mut v).unwrap();
            v
        };
        let mut merged =
            Counts::parse(Path::new("a"), &String::from_utf8(bytes(&b)).unwrap()).unwrap();
        merged.merge(&a);
        assert_eq!(bytes(&merged), bytes(&whole));
        assert_eq!(merged.learn(1, 0.3, false), whole.learn(1, 0.3, false));
    }

    /// "øker" → "grows" in every pair with either; "trusselen" comes with
    /// "grows" in three of its four pairs. Linked one to one, "grows" goes
    /// to "øker", so it is no translation of "trusselen" (Dice over
    /// co-occurrence gave it 0.6, second best).
    #[test]
    fn learns_linked_words_not_words_that_accompany_them() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let data = [
            ("trusselen øker i nord", "the threat grows in the north"),
            ("trusselen øker i sør", "the threat grows in the south"),
            ("trusselen øker raskt", "the threat grows fast"),
            ("trusselen er høy", "the threat is high"),
            ("prisen øker", "the price grows"),
            ("lønnen øker", "the wage grows"),
            ("skatten øker", "the tax grows"),
            ("været er fint", "the weather is fine"),
            ("havet er blått", "the sea is blue"),
            ("byen er stor", "the city is big"),
            ("skogen er grønn", "the forest is green"),
            ("fjellet er høyt", "the mountain is high"),
        ];
        let mut c = Counts::new();
        for (s, t) in data {
            c.add(&w(s), &w(t));
        }
        let got: Vec<(String, String, u64)> = c
            .learn(2, 0.3, false)
            .into_iter()
            .map(|e| (e.src, e.tgt, e.count))
            .collect();
        assert!(got.contains(&("øker".into(), "grows".into(), 6)), "{got:?}");
        assert!(
            got.contains(&("trusselen".into(), "threat".into(), 4)),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|e| e.0 == "trusselen" && e.1 == "grows"),
            "{got:?}"
        );
    }

    /// "from" and "frá" in the same three of six pairs: too few pairs for
    /// the linking to single them out (G² 8.3 < 10.83), so nothing links
    /// them; a function word is learned from co-occurrence.
    #[test]
    fn learns_function_words_from_co_occurrence() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let mut c = Counts::new();
        for (s, t) in [
            ("letter from oslo", "bréf frá osló"),
            ("gift from bergen", "gjöf frá bergen"),
            ("word from home", "orð frá heima"),
            ("cold day", "kaldur dagur"),
            ("long night", "löng nótt"),
            ("big house", "stórt hús"),
        ] {
            c.add(&w(s), &w(t));
        }
        let got: Vec<(String, String, u64)> = c
            .learn(2, 0.3, false)
            .into_iter()
            .map(|e| (e.src, e.tgt, e.count))
            .collect();
        assert_eq!(got, vec![("from".into(), "frá".into(), 3)]);
    }

    #[test]
    fn old_counts_files_are_refused() {
        let err = Counts::parse(Path::new("c1.tsv"), "# tolk learn counts v1\npairs\t1\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("c1.tsv") && err.contains("write"), "{err}");
    }

    #[test]
    fn association_scores() {
        assert_eq!(dice(2, 2, 2), 1.0);
        assert_eq!(dice(0, 0, 0), 0.0);
        assert!(log_likelihood(10, 10, 10, 100) > log_likelihood(5, 10, 10, 100));
        assert!(log_likelihood(1, 10, 10, 100).abs() < 1.0);
    }

    #[test]
    fn dice_learns_consistent_pairs_only() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let pairs = vec![
            (w("regjeringen sier nei"), w("government says no")),
            (w("regjeringen vil"), w("government wants")),
            (w("hunden sier"), w("dog says")),
            (w("katten"), w("cat")),
        ];
        let lex = Lexicon::learn_dice(&pairs, 2, 0.6, 3000);
        let got: Vec<_> = lex.pairs().collect();
        assert!(got.contains(&("regjeringen", "government")));
        assert!(got.contains(&("sier", "says")));
        assert!(!got.iter().any(|p| p.0 == "katten"));
    }
}
