//! Second look at doubtful gaps before `check` reports them.
//!
//! An aligner that meets a dropped sentence has to put the gap somewhere,
//! and when the neighbours look alike it often puts it one sentence off:
//! the dropped sentence is paired, at low confidence, with its neighbour's
//! translation, and the real neighbour is left as a 1-0. `check` would then
//! report the omission on the wrong sentence and compare names and numbers
//! across the wrong pairing.
//!
//! [`repair`] looks at each run of one-sided rows together with the
//! doubtful 1-1 rows next to it (confidence below [`DOUBTFUL`]) and asks
//! which pairing of those sentences the text itself supports best: words
//! linked by a small lexicon learnt from the document's own confident pairs,
//! shared numbers, names and cognates (the same first four letters), and a
//! length ratio near the document's. When a different pairing scores
//! clearly better, the rows are rewritten so; otherwise they are kept.
//! Rows without a confidence (an alignment CSV without that column) or
//! with a reviewer's status are never touched: a reviewer's pairing is not
//! second-guessed.

use std::collections::{BTreeSet, HashMap};

use crate::align::calibrate::Table;
use crate::lexicon::one_to_one_runs;
use crate::lexicon::{words, Lexicon};
use crate::pairs::Row;
use crate::text::fold;
use crate::text::similarity::cognate_stem;

/// A 1-1 row below this posterior (the confidence before calibration: see
/// [`crate::align::calibrate::level`]) may be re-paired with a neighbouring
/// one-sided row.
pub const DOUBTFUL: f64 = 0.75;

/// How much better (in summed [`Scorer::score`]) a new pairing must be.
const MARGIN: f64 = 0.15;

/// Most doubtful 1-1 rows taken on each side of a run of one-sided rows.
const REACH: usize = 2;

/// Scores how well a source sentence and a target sentence translate each
/// other, with what the document itself teaches.
#[derive(Debug)]
pub struct Scorer {
    links: HashMap<String, BTreeSet<String>>,
    median: f64,
    mad: f64,
}

fn content_words(text: &str) -> BTreeSet<String> {
    words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 || w.chars().any(|c| c.is_ascii_digit()))
        .map(|w| fold(&w))
        .collect()
}

/// Log length ratio of a pair (characters, smoothed for short texts).
pub(crate) fn log_ratio(src: &str, tgt: &str) -> f64 {
    ((tgt.chars().count() as f64 + 10.0) / (src.chars().count() as f64 + 10.0)).ln()
}

/// Median and robust spread (median absolute deviation scaled to a
/// standard deviation, at least 0.08) of `v`; `None` when it is empty.
pub(crate) fn median_mad(mut v: Vec<f64>) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let median = v[v.len() / 2];
    let mut dev: Vec<f64> = v.iter().map(|x| (x - median).abs()).collect();
    dev.sort_by(|a, b| a.total_cmp(b));
    Some((median, (dev[dev.len() / 2] * 1.4826).max(0.08)))
}

fn prefix(w: &str) -> Option<String> {
    cognate_stem(w).map(str::to_string)
}

impl Scorer {
    /// Learn from `rows`: a word lexicon from the 1-1 rows whose
    /// neighbours are 1-1 too, and the document's length ratio.
    pub fn new(rows: &[Row]) -> Scorer {
        let shapes: Vec<(usize, usize)> = rows.iter().map(|r| (r.src.len(), r.tgt.len())).collect();
        let sure: Vec<&Row> = one_to_one_runs(&shapes)
            .into_iter()
            .map(|k| &rows[k])
            .collect();
        let pairs: Vec<(Vec<String>, Vec<String>)> = sure
            .iter()
            .map(|r| (words(&r.src_text), words(&r.tgt_text)))
            .collect();
        let mut links: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (a, b) in Lexicon::learn_dice(&pairs, 2, 0.3, 3000).pairs() {
            links
                .entry(a.to_string())
                .or_default()
                .insert(b.to_string());
        }
        let v: Vec<f64> = sure
            .iter()
            .map(|r| log_ratio(&r.src_text, &r.tgt_text))
            .collect();
        let (median, mad) = median_mad(v).unwrap_or((0.0, 0.2));
        Scorer { links, median, mad }
    }

    /// How well `src` and `tgt` match: the share of their words that have
    /// a counterpart on the other side (same word or number, lexicon link,
    /// same first four letters), less a penalty for an unusual length
    /// ratio. About 0.2–0.7 for a translation, near 0 for unrelated text.
    pub fn score(&self, src: &str, tgt: &str) -> f64 {
        let m = self.matches(src, tgt);
        if m.src_words == 0 || m.tgt_words == 0 {
            return 0.0;
        }
        let share = (m.src_hit.len() + m.tgt_hit.len()) as f64 / (m.src_words + m.tgt_words) as f64;
        let z = self.length_z(src, tgt);
        share - 0.05 * (z.abs() - 1.0).max(0.0).powi(2).min(10.0)
    }

    /// Which content words of `src` and of `tgt` have a counterpart on
    /// the other side (see [`Scorer::score`]).
    pub fn matches(&self, src: &str, tgt: &str) -> Matches {
        let s = content_words(src);
        let t = content_words(tgt);
        let t_prefix: BTreeSet<String> = t.iter().filter_map(|w| prefix(w)).collect();
        let mut hit_t: BTreeSet<&String> = BTreeSet::new();
        let mut hit_s: BTreeSet<&String> = BTreeSet::new();
        for w in &s {
            let mut hit = false;
            if t.contains(w) {
                hit_t.insert(t.get(w).unwrap_or(w));
                hit = true;
            }
            if let Some(ls) = self.links.get(w) {
                for l in ls {
                    if let Some(x) = t.get(l) {
                        hit_t.insert(x);
                        hit = true;
                    }
                }
            }
            if let Some(p) = prefix(w) {
                if t_prefix.contains(&p) {
                    hit = true;
                    for x in t.iter().filter(|x| x.starts_with(&p)) {
                        hit_t.insert(x);
                    }
                }
            }
            if hit {
                hit_s.insert(w);
            }
        }
        Matches {
            src_hit: hit_s.into_iter().cloned().collect(),
            src_words: s.len(),
            tgt_hit: hit_t.into_iter().cloned().collect(),
            tgt_words: t.len(),
        }
    }

    /// How many robust deviations the length ratio of `src` → `tgt` is
    /// from the document's usual one (negative: the target is short).
    pub fn length_z(&self, src: &str, tgt: &str) -> f64 {
        (log_ratio(src, tgt) - self.median) / self.mad
    }
}

/// Matched words from [`Scorer::matches`] (folded to lower case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// Source content words with a counterpart in the target.
    pub src_hit: BTreeSet<String>,
    /// Number of source content words.
    pub src_words: usize,
    /// Target content words with a counterpart in the source.
    pub tgt_hit: BTreeSet<String>,
    /// Number of target content words.
    pub tgt_words: usize,
}

fn is_doubtful_one_one(r: &Row, table: Table) -> bool {
    r.src.len() == 1
        && r.tgt.len() == 1
        && r.status.is_none()
        && r.moved.is_none()
        && r.confidence
            .is_some_and(|c| c < crate::align::calibrate::level(table, 1, 1, DOUBTFUL))
}

/// One side of a row: which side is empty.
fn one_sided(r: &Row) -> Option<bool> {
    match (r.src.is_empty(), r.tgt.is_empty()) {
        (false, true) => Some(true),
        (true, false) => Some(false),
        _ => None,
    }
}

/// Re-pair doubtful gaps in `rows` (see the module docs). Rows keep their
/// positions and pair ids; only which target goes with which source
/// changes inside a window, so ids stay monotone.
pub fn repair(rows: &[Row], table: Table) -> Vec<Row> {
    let mut out = rows.to_vec();
    if rows.iter().all(|r| r.confidence.is_none()) {
        return out;
    }
    let scorer = Scorer::new(rows);
    let mut k = 0;
    while k < rows.len() {
        let Some(side) = one_sided(&rows[k]) else {
            k += 1;
            continue;
        };
        if rows[k].confidence.is_none() || rows[k].status.is_some() {
            k += 1;
            continue;
        }
        // the run of one-sided rows of this side, and doubtful 1-1 rows
        // around it
        let mut end = k;
        while end + 1 < rows.len() && one_sided(&rows[end + 1]) == Some(side) {
            end += 1;
        }
        let mut lo = k;
        while lo > 0 && k - lo < REACH && is_doubtful_one_one(&rows[lo - 1], table) {
            lo -= 1;
        }
        let mut hi = end;
        while hi + 1 < rows.len() && hi - end < REACH && is_doubtful_one_one(&rows[hi + 1], table) {
            hi += 1;
        }
        if lo < k || hi > end {
            if let Some(new) = rearrange(&rows[lo..=hi], side, &scorer) {
                out.splice(lo..=hi, new);
            }
        }
        k = end + 1;
    }
    out
}

/// The best pairing of a window's sentences, when it beats the current
/// one by [`MARGIN`]. `side` is true when the one-sided rows are source
/// only (omissions). Every window row has exactly one sentence on the
/// full side.
fn rearrange(win: &[Row], side: bool, scorer: &Scorer) -> Option<Vec<Row>> {
    // "full" = the side every row has; "part" = the side some rows lack
    let full = |r: &Row| if side { r.src.len() } else { r.tgt.len() };
    if win.iter().any(|r| full(r) != 1) {
        return None;
    }
    let part_rows: Vec<&Row> = win
        .iter()
        .filter(|r| {
            if side {
                !r.tgt.is_empty()
            } else {
                !r.src.is_empty()
            }
        })
        .collect();
    let (m, n) = (win.len(), part_rows.len());
    if n == 0 || n >= m {
        return None;
    }
    let sc = |i: usize, j: usize| {
        let (a, b) = (&win[i], part_rows[j]);
        if side {
            scorer.score(&a.src_text, &b.tgt_text)
        } else {
            scorer.score(&b.src_text, &a.tgt_text)
        }
    };
    let current: f64 = (0..m)
        .filter_map(|i| {
            let j = part_rows.iter().position(|r| r.pair == win[i].pair)?;
            Some(sc(i, j))
        })
        .sum();
    // dp[i][j]: best score with the first i full-side sentences and the
    // first j part-side sentences, every one of those j paired
    let neg = f64::NEG_INFINITY;
    let mut dp = vec![vec![neg; n + 1]; m + 1];
    let mut take = vec![vec![false; n + 1]; m + 1];
    dp[0][0] = 0.0;
    for i in 1..=m {
        for j in 0..=n.min(i) {
            let skip = dp[i - 1][j];
            let pair = if j > 0 {
                dp[i - 1][j - 1] + sc(i - 1, j - 1)
            } else {
                neg
            };
            if pair > skip {
                dp[i][j] = pair;
                take[i][j] = true;
            } else {
                dp[i][j] = skip;
            }
        }
    }
    if dp[m][n] < current + MARGIN {
        return None;
    }
    let mut partner: Vec<Option<usize>> = vec![None; m];
    let (mut i, mut j) = (m, n);
    while i > 0 {
        if take[i][j] {
            partner[i - 1] = Some(j - 1);
            j -= 1;
        }
        i -= 1;
    }
    Some(
        win.iter()
            .zip(&partner)
            .map(|(r, p)| {
                let mut new = r.clone();
                let changed = p.map(|j| part_rows[j].pair) != Some(r.pair);
                if !changed {
                    return new;
                }
                let other = p.map(|j| part_rows[j]);
                if side {
                    new.tgt = other.map(|o| o.tgt.clone()).unwrap_or_default();
                    new.tgt_bytes = other.and_then(|o| o.tgt_bytes.clone());
                    new.tgt_text = other.map(|o| o.tgt_text.clone()).unwrap_or_default();
                    new.tgt_kind = other.and_then(|o| o.tgt_kind);
                } else {
                    new.src = other.map(|o| o.src.clone()).unwrap_or_default();
                    new.src_bytes = other.and_then(|o| o.src_bytes.clone());
                    new.src_text = other.map(|o| o.src_text.clone()).unwrap_or_default();
                    new.src_kind = other.and_then(|o| o.src_kind);
                }
                // the text chose this pairing over the aligner's: as
                // doubtful as the pairing it replaced
                new.confidence = other.and_then(|o| o.confidence).or(r.confidence);
                new
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pair: usize, src: Option<usize>, tgt: Option<usize>, st: &str, tt: &str, c: f64) -> Row {
        Row {
            pair,
            src: src.into_iter().collect(),
            tgt: tgt.into_iter().collect(),
            src_text: st.into(),
            tgt_text: tt.into(),
            // the confidence the aligner writes for posterior `c`
            confidence: Some(crate::align::calibrate::confidence(
                Table::Plain,
                src.iter().count(),
                tgt.iter().count(),
                c,
            )),
            ..Row::default()
        }
    }

    /// The aligner put the gap one sentence off: source 1 is the dropped
    /// sentence, yet source 1 got target 1 and source 2 was left alone.
    fn gap_one_off() -> Vec<Row> {
        vec![
            row(
                0,
                Some(0),
                Some(0),
                "Rapporten fra Oslo kom i 2021.",
                "The report from Oslo came in 2021.",
                0.9,
            ),
            row(
                1,
                Some(1),
                Some(1),
                "Været var fint hele uken.",
                "Tromsø measured the tides in 2004 with Hansen.",
                0.5,
            ),
            row(
                2,
                Some(2),
                None,
                "Tromsø målte tidevannet i 2004 sammen med Hansen.",
                "",
                0.3,
            ),
            row(
                3,
                Some(3),
                Some(2),
                "Budsjettet for 2023 ble vedtatt.",
                "The budget for 2023 was adopted.",
                0.9,
            ),
        ]
    }

    #[test]
    fn gap_moves_to_the_sentence_without_a_counterpart() {
        let out = repair(&gap_one_off(), Table::Plain);
        assert_eq!(out.len(), 4);
        assert_eq!((out[1].src.clone(), out[1].tgt.clone()), (vec![1], vec![]));
        assert_eq!((out[2].src.clone(), out[2].tgt.clone()), (vec![2], vec![1]));
        assert!(out[1].tgt_text.is_empty() && out[1].tgt_bytes.is_none());
        assert!(out[2].tgt_text.starts_with("Tromsø"));
        // pair ids and the confident rows are kept
        assert_eq!(
            out.iter().map(|r| r.pair).collect::<Vec<_>>(),
            vec![0, 1, 2, 3]
        );
        assert_eq!(out[0], gap_one_off()[0]);
        assert_eq!(out[3], gap_one_off()[3]);
    }

    #[test]
    fn addition_gap_moves_too() {
        // the same, with the sides swapped: an added target sentence
        let rows: Vec<Row> = gap_one_off()
            .into_iter()
            .map(|r| Row {
                src: r.tgt,
                tgt: r.src,
                src_text: r.tgt_text,
                tgt_text: r.src_text,
                ..r
            })
            .collect();
        let out = repair(&rows, Table::Plain);
        assert_eq!((out[1].src.clone(), out[1].tgt.clone()), (vec![], vec![1]));
        assert_eq!((out[2].src.clone(), out[2].tgt.clone()), (vec![1], vec![2]));
    }

    #[test]
    fn a_gap_where_the_text_agrees_stays() {
        let mut rows = gap_one_off();
        // now source 1 does translate target 1
        rows[1].src_text = "Tromsø målte tidevannet i 2004 med Hansen.".into();
        rows[2].src_text = "Været var fint hele uken.".into();
        assert_eq!(repair(&rows, Table::Plain), rows);
    }

    #[test]
    fn confident_reviewed_or_unscored_rows_are_not_touched() {
        // the neighbour is confident: nothing to re-pair
        let mut rows = gap_one_off();
        rows[1].confidence = Some(crate::align::calibrate::confidence(Table::Plain, 1, 1, 0.9));
        assert_eq!(repair(&rows, Table::Plain), rows);
        // a reviewer approved the pairing
        let mut rows = gap_one_off();
        rows[1].status = Some(crate::pairs::Status::Approved);
        assert_eq!(repair(&rows, Table::Plain), rows);
        // no confidence at all (a CSV without that column)
        let rows: Vec<Row> = gap_one_off()
            .into_iter()
            .map(|r| Row {
                confidence: None,
                ..r
            })
            .collect();
        assert_eq!(repair(&rows, Table::Plain), rows);
    }

    #[test]
    fn empty_and_one_sided_only_inputs() {
        assert!(repair(&[], Table::Plain).is_empty());
        let rows = vec![row(0, Some(0), None, "Bare kilde.", "", 0.2)];
        assert_eq!(repair(&rows, Table::Plain), rows);
    }

    #[test]
    fn score_prefers_the_translation() {
        let s = Scorer::new(&[]);
        let good = s.score(
            "Tromsø målte tidevannet i 2004.",
            "Tromsø measured the tides in 2004.",
        );
        let bad = s.score(
            "Været var fint hele uken.",
            "Tromsø measured the tides in 2004.",
        );
        assert!(good > bad + 0.3, "{good} {bad}");
        assert_eq!(s.score("", "Anything"), 0.0);
    }
}
