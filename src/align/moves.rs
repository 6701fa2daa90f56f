//! Moved blocks: fact boxes, sidebars, figures with their captions, which
//! two editions place differently. The monotone alignment leaves such a
//! block as a run of one-sided beads at each place (1-0 where the source
//! has it, 0-1 where the target has it). This pass pairs those runs again.
//!
//! 1. The *places*: maximal runs of one-sided beads; each has the source
//!    segments and the target segments left unpaired there.
//! 2. Every source place is compared with every target place at another
//!    place by the weighted Dice of their pooled feature bags (the
//!    aligner's own features, with the document's learned lexicon); pairs
//!    below [`PRE_MIN`] are not looked at further.
//! 3. From the most similar down, the two runs are aligned with the same
//!    dynamic programme as the document (same parameters, the runs' own
//!    segments), and each two-sided bead it makes is kept only when it
//!    passes a strict test of its own ([`accept`]): its lexical similarity
//!    and its length cost, or, with the sentence encoder, a normalised
//!    meaning distance well below that of unrelated sentences. A segment
//!    is paired at most once.
//!
//! The one-sided beads stay in the monotone alignment; the moved pairs are
//! listed beside it ([`super::Alignment::moved`]), and the rows written
//! for translators put each one where its source stands
//! ([`crate::pairs::rows`]). A genuinely omitted passage matches nothing
//! and stays an omission.

use std::ops::Range;

use super::cost::{self, Params};
use super::dp::{self, Side};
use super::features::{shared, Bag};
use super::semantic::{self, Embedder};
use super::Bead;
use crate::segment::Segment;

/// Least pooled Dice of a source run and a target run for the two to be
/// aligned with each other.
const PRE_MIN: f32 = 0.2;
/// Least lexical similarity (the DP's smoothed weighted Dice) of a moved
/// bead.
const SIM_MIN: f64 = 0.35;
/// Least lexical similarity of a moved bead with meaning evidence for it.
const SIM_MIN_MEANING: f64 = 0.15;
/// Most normalised meaning distance (about 1 for unrelated sentences) of
/// a moved bead judged by meaning.
const MEANING_MAX: f64 = 0.6;
/// Most length cost (`-ln` of the two-sided tail probability) of a moved
/// bead: about a 1-in-50 length difference.
const LENGTH_MAX: f64 = 4.0;
/// Largest run product (source × target segments) aligned.
const MAX_CELLS: usize = 4_000_000;

/// A run of one-sided beads: the segments of each side left unpaired there.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    src: Range<usize>,
    tgt: Range<usize>,
}

/// The runs of one-sided beads of `beads`, in order.
fn places(beads: &[Bead]) -> Vec<Place> {
    let one_sided = |b: &Bead| b.src.is_empty() != b.tgt.is_empty();
    let mut out = Vec::new();
    let mut k = 0;
    while k < beads.len() {
        if !one_sided(&beads[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < beads.len() && one_sided(&beads[k]) {
            k += 1;
        }
        let (first, last) = (&beads[start], &beads[k - 1]);
        out.push(Place {
            src: first.src.start..last.src.end,
            tgt: first.tgt.start..last.tgt.end,
        });
    }
    out
}

/// The beads pairing segments of one-sided runs of `beads` at different
/// places, ordered by source position. `make_sides` gives the two sides as
/// the last pass saw them (called only when there is something to pair);
/// `p` are that pass's parameters; `embedder`, when given, adds meaning
/// evidence to the acceptance test.
pub(super) fn find(
    beads: &[Bead],
    (src, tgt): (&[Segment], &[Segment]),
    p: &Params,
    embedder: Option<&dyn Embedder>,
    make_sides: impl FnOnce() -> (Side, Side),
) -> Vec<Bead> {
    let places = places(beads);
    let has = |f: fn(&Place) -> bool| places.iter().filter(|x| f(x)).count();
    if has(|x| !x.src.is_empty()) == 0 || has(|x| !x.tgt.is_empty()) == 0 {
        return Vec::new();
    }
    let (s, t) = make_sides();
    let pooled = |side: &Side, r: &Range<usize>| -> Bag {
        let mut bag: Bag = side.bags[r.clone()].iter().flatten().copied().collect();
        bag.sort_by_key(|&(id, _)| id);
        bag
    };
    let dice = |a: &Bag, b: &Bag| -> f32 {
        let total: f32 = a.iter().chain(b).map(|&(_, w)| w).sum();
        if total <= 0.0 {
            0.0
        } else {
            2.0 * shared(a, b) / total
        }
    };
    let src_bags: Vec<Option<Bag>> = places
        .iter()
        .map(|x| (!x.src.is_empty()).then(|| pooled(&s, &x.src)))
        .collect();
    let tgt_bags: Vec<Option<Bag>> = places
        .iter()
        .map(|x| (!x.tgt.is_empty()).then(|| pooled(&t, &x.tgt)))
        .collect();
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for (k, a) in src_bags.iter().enumerate() {
        let Some(a) = a else { continue };
        for (l, b) in tgt_bags.iter().enumerate() {
            let Some(b) = b else { continue };
            if k == l {
                continue;
            }
            let d = dice(a, b);
            if d >= PRE_MIN {
                candidates.push((d, k, l));
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let p = Params {
        meaning: None,
        ..p.clone()
    };
    let meaning = embedder.map(|e| {
        let want_s: Vec<Range<usize>> = places.iter().map(|x| x.src.clone()).collect();
        let want_t: Vec<Range<usize>> = places.iter().map(|x| x.tgt.clone()).collect();
        let texts =
            |segs: &[Segment]| -> Vec<String> { segs.iter().map(|s| s.text.clone()).collect() };
        let (st, tt) = (texts(src), texts(tgt));
        let sr: Vec<&str> = st.iter().map(String::as_str).collect();
        let tr: Vec<&str> = tt.iter().map(String::as_str).collect();
        semantic::Meaning::build(
            &sr,
            &tr,
            Some(&want_s),
            Some(&want_t),
            semantic::Weights::default(),
            e,
        )
    });
    let mut used_s = vec![false; s.n()];
    let mut used_t = vec![false; t.n()];
    let mut out = Vec::new();
    for &(_, k, l) in &candidates {
        for sp in unused(&places[k].src, &used_s) {
            for tp in unused(&places[l].tgt, &used_t) {
                // An earlier pairing may have taken part of either run.
                if sp.len() * tp.len() > MAX_CELLS
                    || dice(&pooled(&s, &sp), &pooled(&t, &tp)) < PRE_MIN
                    || sp.clone().any(|i| used_s[i])
                    || tp.clone().any(|j| used_t[j])
                {
                    continue;
                }
                for b in pair_runs(&s, &t, sp.clone(), tp.clone(), &p, meaning.as_ref()) {
                    used_s[b.src.clone()].iter_mut().for_each(|u| *u = true);
                    used_t[b.tgt.clone()].iter_mut().for_each(|u| *u = true);
                    out.push(b);
                }
            }
        }
    }
    out.sort_by_key(|b| (b.src.start, b.tgt.start));
    out
}

/// The maximal ranges of `r` whose indices `used` does not mark.
fn unused(r: &Range<usize>, used: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in r.clone() {
        if used[i] {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == i => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The part of `side` in `r`, as a side of its own.
fn slice(side: &Side, r: Range<usize>) -> Side {
    let mut para_start = side.para_start[r.clone()].to_vec();
    para_start[0] = true;
    Side {
        len: side.len[r.clone()].to_vec(),
        bags: side.bags[r.clone()].to_vec(),
        wsum: side.wsum[r.clone()].to_vec(),
        para_start,
        heading: side.heading[r.clone()].to_vec(),
        list: side.list[r].to_vec(),
    }
}

/// Align source run `sr` with target run `tr` and keep the two-sided beads
/// that pass [`accept`], in document indices.
fn pair_runs(
    s: &Side,
    t: &Side,
    sr: Range<usize>,
    tr: Range<usize>,
    p: &Params,
    meaning: Option<&semantic::Meaning>,
) -> Vec<Bead> {
    let (a, b) = (slice(s, sr.clone()), slice(t, tr.clone()));
    let mut scratch = dp::Scratch::new(a.n(), b.n());
    let (path, post) = dp::align_in(&a, &b, p, None, true, &mut scratch);
    path.windows(2)
        .zip(post)
        .filter_map(|(w, c)| {
            let bead = Bead {
                src: sr.start + w[0].0..sr.start + w[1].0,
                tgt: tr.start + w[0].1..tr.start + w[1].1,
                confidence: (c * 1000.0).round() / 1000.0,
            };
            (!bead.src.is_empty() && !bead.tgt.is_empty() && accept(s, t, &bead, p, meaning))
                .then_some(bead)
        })
        .collect()
}

/// The evidence a moved bead must have: lengths that fit, and either a
/// lexical similarity of at least [`SIM_MIN`] or, with sentence vectors, a
/// meaning distance of at most [`MEANING_MAX`] and a similarity of at
/// least [`SIM_MIN_MEANING`].
fn accept(s: &Side, t: &Side, b: &Bead, p: &Params, meaning: Option<&semantic::Meaning>) -> bool {
    let ls: f64 = s.len[b.src.clone()].iter().sum();
    let lt: f64 = t.len[b.tgt.clone()].iter().sum();
    if cost::length_cost(ls, lt, p.ratio, p.s2) > LENGTH_MAX {
        return false;
    }
    let sim = similarity(s, t, b, p);
    if sim >= SIM_MIN {
        return true;
    }
    let near = meaning
        .and_then(|m| m.distance(b.src.end, b.src.len(), b.tgt.end, b.tgt.len()))
        .is_some_and(|d| d <= MEANING_MAX);
    near && sim >= SIM_MIN_MEANING
}

/// The DP's lexical similarity of bead `b`: weighted Dice of its two sides,
/// smoothed per segment.
fn similarity(s: &Side, t: &Side, b: &Bead, p: &Params) -> f64 {
    let ws: f32 = s.wsum[b.src.clone()].iter().sum();
    let wt: f32 = t.wsum[b.tgt.clone()].iter().sum();
    if ws + wt <= 0.0 {
        return 0.0;
    }
    let mut m = 0f32;
    for i in b.src.clone() {
        for j in b.tgt.clone() {
            m += shared(&s.bags[i], &t.bags[j]);
        }
    }
    let m = m.min(ws).min(wt);
    let smooth = p.smooth as f32 * (b.src.len() + b.tgt.len()) as f32;
    (2.0 * m / (ws + wt + smooth)) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 1.0,
        }
    }

    #[test]
    fn places_are_runs_of_one_sided_beads() {
        let beads = [
            bead(0..1, 0..1),
            bead(1..2, 1..1),
            bead(2..3, 1..1),
            bead(3..4, 1..2),
            bead(4..4, 2..3),
            bead(4..5, 3..3),
        ];
        assert_eq!(
            places(&beads),
            vec![
                Place {
                    src: 1..3,
                    tgt: 1..1
                },
                Place {
                    src: 4..5,
                    tgt: 2..3
                },
            ]
        );
    }

    #[test]
    fn unused_ranges_split_around_used_indices() {
        let used = [false, true, false, false, true, false];
        assert_eq!(unused(&(0..6), &used), vec![0..1, 2..4, 5..6]);
        assert!(unused(&(1..2), &used).is_empty());
    }
}
