//! Confidence calibration: the dynamic programme's posterior of a bead
//! (see `dp`) turned into the probability that the bead is right.
//!
//! The posteriors order beads well but are under-confident: on the gold
//! sets, beads at posterior 0.5–0.7 are about 94 % right and those at
//! 0.7–0.9 about 99 %. A bead's confidence is therefore
//!
//! ```text
//! confidence = σ(a · logit(posterior) + b)
//! ```
//!
//! (Platt scaling) with one pair `(a, b)` per bead shape class
//! ([`Class`]): 1-1 beads, gaps (1-0, 0-1), 2-1 and 1-2, 2-2, and all
//! larger beads. Every `a` is positive, so within a class the map is
//! strictly increasing, sends 0 to 0 and 1 to 1, and keeps the order of
//! the posteriors; a threshold on the posterior of a class has an exact
//! counterpart on the confidence ([`level`]), which is how `check` and
//! `realign` keep the decisions they were tuned for ([`THRESHOLDS`]).
//!
//! There are two tables ([`Table`]): one fitted on the posteriors of the
//! aligner alone, one on those of `--semantic`, whose meaning evidence
//! makes a sharper model (at a lower temperature) with posteriors of
//! another scale. An alignment is calibrated with the table of its mode,
//! and whatever compares its confidences with a [`level`] must use the
//! same table: a confidence means a different posterior in each.
//!
//! The constants in [`PLAIN`] and [`SEMANTIC`] are fitted by
//! `scripts/fit-calibration` (maximum likelihood, per class) on the beads
//! of every gold set of `scripts/eval-align`, aligned without and with
//! `--semantic` — Text+Berg dev, ParIce, UDHR (nob, nno), FLORES (nob,
//! nno), Bible, Debian Edu — with correctness as there (a strict gold
//! bead, or consistent with the gold beads for the span sets). The script
//! also fits on half of the documents and reports the other half; its
//! output is recorded in `docs/evaluation.md`. They are re-fitted whenever
//! the cost model changes: `scripts/fit-calibration ../shared --write`
//! refreshes both.
//!
//! The posterior is rounded to three decimals before the map (as it was
//! written before calibration), and the confidence again after it. Where
//! that rounding would give a posterior just below one of [`THRESHOLDS`]
//! the same confidence as the threshold itself, the one below is written
//! a thousandth lower, so that the two stay apart.
//! Setting the environment variable `TOLK_RAW_CONFIDENCE` (any value)
//! writes the rounded posterior instead: that is what the fitting script
//! reads.

use super::Bead;

/// Bead shape classes with their own calibration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// One sentence against one.
    OneOne,
    /// A sentence on one side only (1-0, 0-1).
    Gap,
    /// Two against one (2-1, 1-2).
    TwoOne,
    /// Two against two.
    TwoTwo,
    /// Everything larger (3-1, 2-3, … and the beads joined from gaps).
    Larger,
}

impl Class {
    /// The class of a bead with `src` source and `tgt` target segments.
    pub fn of(src: usize, tgt: usize) -> Class {
        match (src, tgt) {
            (1, 1) => Class::OneOne,
            (0, _) | (_, 0) => Class::Gap,
            (2, 1) | (1, 2) => Class::TwoOne,
            (2, 2) => Class::TwoTwo,
            _ => Class::Larger,
        }
    }
}

/// Which posteriors a table of constants was fitted on (see the module
/// docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    /// The aligner alone.
    #[default]
    Plain,
    /// The aligner with meaning evidence (`--semantic`).
    Semantic,
}

impl Table {
    /// The table of an alignment with (`true`) or without `--semantic`.
    pub fn of(semantic: bool) -> Table {
        if semantic {
            Table::Semantic
        } else {
            Table::Plain
        }
    }

    fn params(self) -> &'static [(f64, f64); 5] {
        match self {
            Table::Plain => &PLAIN,
            Table::Semantic => &SEMANTIC,
        }
    }
}

/// `(a, b)` per class, in the order of [`Class`], for [`Table::Plain`];
/// fitted by `scripts/fit-calibration` (see the module docs).
const PLAIN: [(f64, f64); 5] = [
    (1.410394, 2.252854),  // 1-1
    (1.343726, -0.819253), // 1-0, 0-1
    (1.490722, 2.317521),  // 2-1, 1-2
    (0.980425, 1.304078),  // 2-2
    (0.885142, 1.286058),  // larger
];

/// The same for [`Table::Semantic`].
const SEMANTIC: [(f64, f64); 5] = [
    (0.631575, 2.104427),  // 1-1
    (0.564454, -1.462734), // 1-0, 0-1
    (0.858570, 1.588151),  // 2-1, 1-2
    (0.824286, 0.494250),  // 2-2
    (0.617387, 0.980936),  // larger
];

/// Posterior thresholds that decisions after the alignment were tuned on:
/// `check` trusts no name comparison across a pairing below 0.5 (0.6 for
/// a merged bead), `realign` re-pairs doubtful 1-1 rows below 0.75 and
/// `check` looks for a hidden sentence in merged beads below 0.75. They
/// compare confidences with [`level`] of these.
pub const THRESHOLDS: [f64; 3] = [0.5, 0.6, 0.75];

/// The calibrated confidence in `table` of a bead of class `class` whose
/// posterior is `posterior`, unrounded.
pub fn map(table: Table, class: Class, posterior: f64) -> f64 {
    if posterior <= 0.0 {
        return 0.0;
    }
    if posterior >= 1.0 {
        return 1.0;
    }
    let (a, b) = table.params()[class as usize];
    let z = a * (posterior / (1.0 - posterior)).ln() + b;
    1.0 / (1.0 + (-z).exp())
}

/// Round to three decimals, as posteriors are kept.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The confidence in `table` of a bead of `src` and `tgt` segments for a
/// posterior already rounded to three decimals, rounded to three decimals
/// and kept below the confidence of every threshold of [`THRESHOLDS`]
/// above it.
pub fn confidence(table: Table, src: usize, tgt: usize, posterior: f64) -> f64 {
    let class = Class::of(src, tgt);
    let mut c = round3(map(table, class, posterior));
    for t in THRESHOLDS {
        if posterior < t {
            c = c.min(round3(round3(map(table, class, t)) - 0.001));
        }
    }
    c
}

/// Replace the (rounded) posterior of every bead by its calibrated
/// confidence in `table`, unless `TOLK_RAW_CONFIDENCE` is set.
pub fn beads(table: Table, beads: &mut [Bead]) {
    if std::env::var_os("TOLK_RAW_CONFIDENCE").is_some() {
        return;
    }
    for b in beads {
        b.confidence = confidence(table, b.src.len(), b.tgt.len(), b.confidence);
    }
}

/// The confidence below which a bead of `src` and `tgt` segments
/// calibrated in `table` counts as below posterior `threshold`, one of
/// [`THRESHOLDS`]: the confidence at the threshold. A posterior (three
/// decimals) is below the threshold exactly when its confidence is below
/// this level.
pub fn level(table: Table, src: usize, tgt: usize, threshold: f64) -> f64 {
    debug_assert!(THRESHOLDS.contains(&threshold));
    confidence(table, src, tgt, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(Class::of(1, 1), Class::OneOne);
        assert_eq!(Class::of(0, 1), Class::Gap);
        assert_eq!(Class::of(3, 0), Class::Gap);
        assert_eq!(Class::of(1, 2), Class::TwoOne);
        assert_eq!(Class::of(2, 2), Class::TwoTwo);
        assert_eq!(Class::of(1, 6), Class::Larger);
    }

    const TABLES: [Table; 2] = [Table::Plain, Table::Semantic];

    #[test]
    fn maps_are_increasing_bijections_of_the_unit_interval() {
        for table in TABLES {
            for &(a, _) in table.params() {
                assert!(a > 0.0, "{table:?}");
            }
            for c in [
                Class::OneOne,
                Class::Gap,
                Class::TwoOne,
                Class::TwoTwo,
                Class::Larger,
            ] {
                assert_eq!(map(table, c, 0.0), 0.0);
                assert_eq!(map(table, c, 1.0), 1.0);
                let mut last = (0.0, 0.0);
                for k in 1..1000 {
                    let v = map(table, c, k as f64 / 1000.0);
                    assert!(v > last.0 && v < 1.0, "{table:?} {c:?} at {k}");
                    // rounding keeps the order
                    let (s, t) = match c {
                        Class::OneOne => (1, 1),
                        Class::Gap => (1, 0),
                        Class::TwoOne => (2, 1),
                        Class::TwoTwo => (2, 2),
                        Class::Larger => (3, 1),
                    };
                    let r = confidence(table, s, t, k as f64 / 1000.0);
                    assert!(r >= last.1, "{table:?} {c:?} at {k}");
                    last = (v, r);
                }
            }
        }
    }

    #[test]
    fn levels_separate_rounded_posteriors_like_the_threshold() {
        // Every rounded posterior below the threshold is below the level,
        // every one at or above it is not: in both tables, for every
        // posterior the aligner can write, so no decision of `check` or
        // `realign` depends on the calibration.
        for table in TABLES {
            for (s, t) in [(1, 1), (0, 1), (2, 1), (2, 2), (3, 1)] {
                for th in THRESHOLDS {
                    let lv = level(table, s, t, th);
                    for k in 0..=1000 {
                        let p = k as f64 / 1000.0;
                        let c = confidence(table, s, t, p);
                        if p < th {
                            assert!(c < lv, "{table:?} {s}-{t} {th} {p}");
                        } else {
                            assert!(c >= lv, "{table:?} {s}-{t} {th} {p}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_table_follows_the_mode() {
        assert_eq!(Table::of(false), Table::Plain);
        assert_eq!(Table::of(true), Table::Semantic);
        assert_eq!(Table::default(), Table::Plain);
    }
}
