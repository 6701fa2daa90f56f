//! Omissions and additions hidden inside merged beads.
//!
//! When a sentence is dropped from a translation, the aligner does not
//! always leave it alone as a 1-0: it may attach it to a neighbour and make
//! a 2-1 (or 3-1, 2-3 …) bead. The row's joined text then looks like an
//! ordinary merge, a little long on one side. [`inside`] looks at each
//! sentence of the longer side of such a bead on its own: a sentence that
//! shares nothing with the other side (no number, name, cognate or word
//! linked by the document's own lexicon, see [`Scorer`]) while its
//! siblings do, and without which the bead's length ratio falls back to
//! the document's usual one, is reported as an omission (or addition) of
//! that sentence, with its own byte range.
//!
//! A genuine merge (two Norwegian sentences translated as one English
//! sentence) is left alone: both sentences have counterparts, and the
//! length ratio is already normal.

use crate::output::Row;
use crate::segment::Segment;

use super::realign::Scorer;
use super::{Finding, Kind, Severity};

/// Beads the aligner is at least this sure of are not looked into.
const SURE: f64 = super::realign::DOUBTFUL;
/// A sentence with at most this share of its content words matched on the
/// other side has no counterpart there.
const NO_EVIDENCE: f64 = 0.2;
/// The rest of the bead must have at least this share matched.
const SIBLING_EVIDENCE: f64 = 0.25;
/// The whole bead's length ratio must be at least this many robust
/// deviations off the document's (the long side too long) …
const BEAD_Z: f64 = 1.5;
/// … and, without the sentence, within this many.
const REST_Z: f64 = 1.5;
/// Whether target sentences are looked at too. Off: on clean Bible books
/// (nob1930 against WEB), where the English often splits a verse into
/// short sentences with little lexical evidence, the same test found
/// additions in genuine 1-2 beads (6 in 5 books) and none that was real.
const ADDITIONS: bool = false;
/// Fewest content words a sentence needs for its lack of evidence to mean
/// something.
const MIN_WORDS: usize = 5;

/// The segments the rows were made from, so that the sentences of a merged
/// bead can be looked at one by one.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    /// Source segments, indexed by [`Row::src`].
    pub src: Vec<Segment>,
    /// Target segments, indexed by [`Row::tgt`].
    pub tgt: Vec<Segment>,
}

/// One sentence of a merged bead with no counterpart on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    /// Position of the row in the rows given to [`inside`].
    pub row: usize,
    /// True for a source sentence (an omission), false for a target one.
    pub src: bool,
    /// The segment id of the sentence.
    pub seg: usize,
}

/// The sentences hidden inside merged beads of `rows` (see the module
/// docs), at most one per row. Rows with a reviewer's status, without a
/// confidence or at a confidence of [`SURE`] or more are not looked into.
pub fn inside(rows: &[Row], segs: &Segments, scorer: &Scorer) -> Vec<Hidden> {
    let mut out = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        if r.src.is_empty() || r.tgt.is_empty() || r.src.len() == r.tgt.len() {
            continue;
        }
        if r.status.is_some() || !r.confidence.is_some_and(|c| c < SURE) {
            continue;
        }
        let src_long = r.src.len() > r.tgt.len();
        if !src_long && !ADDITIONS {
            continue;
        }
        let (ids, all) = if src_long {
            (&r.src, &segs.src)
        } else {
            (&r.tgt, &segs.tgt)
        };
        let Some(texts) = ids
            .iter()
            .map(|&i| all.get(i).map(|s| s.text.as_str()))
            .collect::<Option<Vec<&str>>>()
        else {
            continue;
        };
        let other = if src_long { &r.tgt_text } else { &r.src_text };
        let long = texts.join(" ");
        // How long the long side is against the other, in robust
        // deviations from the document's ratio: positive = too long.
        let excess = |text: &str| -> f64 {
            if src_long {
                -scorer.length_z(text, other)
            } else {
                scorer.length_z(other, text)
            }
        };
        let bead_z = excess(&long);
        if bead_z < BEAD_Z {
            continue;
        }
        // (words of `text` matched, words of `text`, words of `against` matched)
        let evidence = |text: &str, against: &str| {
            let m = if src_long {
                scorer.matches(text, against)
            } else {
                scorer.matches(against, text)
            };
            if src_long {
                (m.src_hit.len(), m.src_words, m.tgt_hit)
            } else {
                (m.tgt_hit.len(), m.tgt_words, m.src_hit)
            }
        };
        let share = |hit: usize, n: usize| if n == 0 { 0.0 } else { hit as f64 / n as f64 };
        let mut best: Option<(f64, f64, usize)> = None;
        for (i, t) in texts.iter().enumerate() {
            let (hit, n, covered) = evidence(t, other);
            let ev = share(hit, n);
            let rest: String = texts
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join(" ");
            let (rest_hit, rest_n, rest_covered) = evidence(&rest, other);
            let rest_ev = share(rest_hit, rest_n);
            // other-side words only this sentence accounts for
            let own = covered.difference(&rest_covered).count();
            let rest_z = excess(&rest);
            if n < MIN_WORDS
                || ev > NO_EVIDENCE
                || own * 10 > n
                || rest_ev < SIBLING_EVIDENCE
                || rest_z.abs() > REST_Z
            {
                continue;
            }
            if best.is_none_or(|(e, z, _)| (ev, rest_z.abs()) < (e, z)) {
                best = Some((ev, rest_z.abs(), ids[i]));
            }
        }
        if let Some((_, _, seg)) = best {
            out.push(Hidden {
                row: k,
                src: src_long,
                seg,
            });
        }
    }
    out
}

/// The finding for a hidden sentence `h` of `row`: the sentence's own id,
/// byte range and text on its side, the whole row on the other.
pub fn finding(row: &Row, h: &Hidden, segs: &Segments) -> Option<Finding> {
    let seg = if h.src {
        segs.src.get(h.seg)
    } else {
        segs.tgt.get(h.seg)
    }?;
    let n = if h.src { row.src.len() } else { row.tgt.len() };
    let (kind, msg) = if h.src {
        (
            Kind::Omission,
            format!(
                "a source sentence merged with {} other{} has no counterpart in the target: omitted?",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        )
    } else {
        (
            Kind::Addition,
            format!(
                "a target sentence merged with {} other{} has no counterpart in the source: added?",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        )
    };
    let mut f = Finding::at(row, kind, Severity::Warning, msg);
    if h.src {
        f.src_ids = vec![h.seg];
        f.src_bytes = Some(seg.bytes.clone());
        f.src_text = seg.text.clone();
    } else {
        f.tgt_ids = vec![h.seg];
        f.tgt_bytes = Some(seg.bytes.clone());
        f.tgt_text = seg.text.clone();
    }
    Some(f)
}
