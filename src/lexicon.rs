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
