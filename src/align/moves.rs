//! Moved blocks: fact boxes, sidebars, figures with their captions, which
//! two editions place differently. The monotone alignment leaves such a
//! block as a run of one-sided beads at each place (1-0 where the source
//! has it, 0-1 where the target has it). This pass pairs those runs again.
//!
//! 1. The *places*: maximal runs of one-sided beads; each has the source
//!    segments and the target segments left unpaired there.
//! 2. Each run is aligned with the whole other side, free to start and end
//!    anywhere, with the DP's bead costs ([`scan`]). The best window is a
//!    candidate that needs no lexical evidence of its own when it beats
//!    every window that does not overlap it by [`GAP_MIN`] (a test against
//!    the document's own decoys: length profile and shared words of the
//!    whole block together), or when it lies on a run of one-sided beads
//!    too and beats the others by [`GAP_LONE`] or is found back from that
//!    run. Besides, windows seeded at the segments that share the most
//!    weight with the run (the aligner's own features, with the document's
//!    learned lexicon) are candidates when their pooled weighted Dice
//!    reaches [`PRE_MIN`]. Then each run is scanned again with up to
//!    [`GROW`] neighbours on each side free to join it (the block's edges
//!    that the monotone alignment put into its neighbours' beads), every
//!    segment paying what leaving its place costs ([`leave_costs`]); the
//!    best window is a candidate when it beats the others by
//!    [`TAKE_GAP_MIN`].
//! 3. From the most similar down, the two runs are aligned with the same
//!    dynamic programme as the document (same parameters, the runs' own
//!    segments), and each two-sided bead it makes is kept only when it
//!    passes a test of its own ([`accept`]): its length cost, and (unless
//!    the scan found the block significant) its lexical similarity or,
//!    with the sentence encoder, a normalised meaning distance well below
//!    that of unrelated sentences. A segment is paired at most once.
//!
//! The one-sided beads stay in the monotone alignment; the moved pairs are
//! listed beside it ([`super::Alignment::moved`]), and the rows written
//! for translators put each one where its source stands
//! ([`crate::pairs::rows`]). A genuinely omitted passage matches nothing
//! and stays an omission.

use std::collections::HashMap;
use std::ops::Range;

use super::cost::{self, Params};
use super::dp::{self, Side};
use super::features::shared;
use super::semantic::{self, Embedder};
use super::Bead;
use crate::segment::Segment;

/// Least pooled Dice of a source run and a target run for the two to be
/// aligned with each other.
const PRE_MIN: f32 = 0.2;
/// Least lexical similarity (the DP's smoothed weighted Dice) of a moved
/// bead.
const SIM_MIN: f64 = 0.35;
/// Least smoothed Dice of the moved beads of one block together for the
/// block to count as matching.
const BLOCK_MIN: f64 = 0.25;
/// Least lexical similarity of a moved bead inside a matching block.
const SIM_MIN_IN_BLOCK: f64 = 0.15;
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
/// Least share of a segment's feature weight (smoothed) shared with a run
/// for the segment to seed a window.
const SEED_MIN: f32 = 0.3;
/// Least such share for a neighbour to join the window.
const GROW_MIN: f32 = 0.15;
/// Windows tried per run.
const SEEDS: usize = 3;
/// Longest window.
const MAX_WINDOW: usize = 40;
/// How much more similar a moved bead must be than the two-sided bead it
/// takes a segment from.
const TAKE_MARGIN: f64 = 0.1;

/// Least lexical similarity of a moved pair that is the only pair of its
/// block.
const SIM_MIN_ALONE: f64 = 0.6;

/// Fewest two-sided beads a moved pair must cross. A sentence that a free
/// translation says two places earlier or later is left to the monotone
/// alignment: paired by moving it, it took the place of its neighbours'
/// partners on ParIce (measured: strict F1 0.912 → 0.907 with 1).
const MIN_CROSSED: usize = 3;

/// What [`scan`] found for one run.
struct Scanned {
    /// The source segments: the run, or the window found for a target run.
    src: Range<usize>,
    /// The target segments.
    tgt: Range<usize>,
    /// Margin over the best window that does not overlap this one.
    gap: f64,
    /// Cost of the alignment of the run with the window.
    cost: f64,
    /// The window lies mostly in one-sided beads.
    lone: bool,
    /// The run is on the source side.
    from_src: bool,
}

/// A pairing to try: evidence, source range, target range, significant,
/// pass (see [`find`]).
type Candidate = (f32, Range<usize>, Range<usize>, bool, u8);

/// A run of one-sided beads: the segments of each side left unpaired there.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    src: Range<usize>,
    tgt: Range<usize>,
}

/// The runs of one-sided beads of `beads`, in order: where a block may
/// have moved from or to. (A block the DP paired with sentences of equal
/// length at the wrong place is not found; treating runs of two-sided beads
/// that share nothing as places too recovered 2 more moved segments of 367
/// in `scripts/eval-moves` and invented 3 moved pairs on the unmoved
/// documents.)
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

/// Pair the moved blocks of a monotone alignment: returns the beads
/// without the moved segments (realigned where a block was taken out of
/// two-sided beads) and the moved beads, ordered by source position.
/// `make_sides` gives the two sides as the last pass saw them (called only
/// when there is a one-sided run); `p` are that pass's parameters;
/// `embedder`, when given, adds meaning evidence to the acceptance test.
pub(super) fn find(
    beads: Vec<Bead>,
    (src, tgt): (&[Segment], &[Segment]),
    p: &Params,
    embedder: Option<&dyn Embedder>,
    make_sides: impl FnOnce() -> (Side, Side),
) -> (Vec<Bead>, Vec<Bead>) {
    let places = places(&beads);
    if places.is_empty() {
        return (beads, Vec::new());
    }
    let (s, t) = make_sides();
    let p = Params {
        meaning: None,
        ..p.clone()
    };
    // The bead each segment sits in.
    let mut bead_of_s = vec![0; s.n()];
    let mut bead_of_t = vec![0; t.n()];
    for (k, b) in beads.iter().enumerate() {
        b.src.clone().for_each(|i| bead_of_s[i] = k);
        b.tgt.clone().for_each(|j| bead_of_t[j] = k);
    }
    let post_s = postings(&s);
    let post_t = postings(&t);
    // (evidence, source range, target range, significant, pass): a
    // significant candidate stands out from every other window of its side,
    // or joins two runs of one-sided beads (see [`scan`]); the others have
    // pooled lexical evidence only. Significant candidates are tried first,
    // by pass, then by evidence.
    let mut candidates: Vec<Candidate> = Vec::new();
    // The runs aligned with the other side as it stands ([`scan`] without
    // leave costs): significant against every other window, or joining
    // two runs.
    let (zs, zt) = (vec![0.0; s.n()], vec![0.0; t.n()]);
    let mut scans: Vec<Scanned> = Vec::new();
    let lone = |w: &Range<usize>, bead_of: &[usize]| {
        let k = w
            .clone()
            .filter(|&i| !two_sided_bead(&beads[bead_of[i]]))
            .count();
        k >= 2 && 2 * k >= w.len()
    };
    for x in &places {
        if !x.src.is_empty() {
            for (d, w) in windows(&s, &x.src, &t, &post_t, &p) {
                candidates.push((d, x.src.clone(), w, false, 0));
            }
            if let Some(h) = scan(&s, (&x.src, 0), &t, &post_t, &p, true, (&zs, &zt)) {
                scans.push(Scanned {
                    lone: lone(&h.y, &bead_of_t),
                    src: x.src.clone(),
                    tgt: h.y,
                    gap: h.gap,
                    cost: h.cost,
                    from_src: true,
                });
            }
        }
        if !x.tgt.is_empty() {
            for (d, w) in windows(&t, &x.tgt, &s, &post_s, &p) {
                candidates.push((d, w, x.tgt.clone(), false, 0));
            }
            if let Some(h) = scan(&t, (&x.tgt, 0), &s, &post_s, &p, false, (&zt, &zs)) {
                scans.push(Scanned {
                    lone: lone(&h.y, &bead_of_s),
                    src: h.y,
                    tgt: x.tgt.clone(),
                    gap: h.gap,
                    cost: h.cost,
                    from_src: false,
                });
            }
        }
    }
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    for x in &scans {
        // The scan from the other run found this run back.
        let mutual = scans.iter().any(|y| {
            y.from_src != x.from_src && overlaps(&x.src, &y.src) && overlaps(&x.tgt, &y.tgt)
        });
        if x.cost < 0.0 && (x.gap >= GAP_MIN || (x.lone && (x.gap >= GAP_LONE || mutual))) {
            candidates.push((x.gap as f32, x.src.clone(), x.tgt.clone(), true, 0));
        }
    }
    // Then each run again, with up to [`GROW`] neighbours on each side and
    // the cost of taking segments from where they stand: this finds the
    // block whose edges the monotone alignment put into its neighbours'
    // beads, and the partner run among two-sided beads that match worse
    // than it does. Tried after the candidates above.
    let (os, ot) = leave_costs(&beads, &s, &t, &p);
    for x in &places {
        if !x.src.is_empty() {
            if let Some(h) = scan(&s, (&x.src, GROW), &t, &post_t, &p, true, (&os, &ot)) {
                if h.cost < TAKE_COST_MAX && h.gap >= TAKE_GAP_MIN {
                    candidates.push((h.gap as f32, h.x, h.y, true, 1));
                }
            }
        }
        if !x.tgt.is_empty() {
            if let Some(h) = scan(&t, (&x.tgt, GROW), &s, &post_s, &p, false, (&ot, &os)) {
                if h.cost < TAKE_COST_MAX && h.gap >= TAKE_GAP_MIN {
                    candidates.push((h.gap as f32, h.y, h.x, true, 1));
                }
            }
        }
    }
    if candidates.is_empty() {
        return (beads, Vec::new());
    }
    candidates.sort_by(|x, y| {
        y.3.cmp(&x.3)
            .then(x.4.cmp(&y.4))
            .then(y.0.total_cmp(&x.0))
            .then((x.1.start, x.2.start).cmp(&(y.1.start, y.2.start)))
    });
    let meaning = embedder.map(|e| {
        let want_s: Vec<Range<usize>> = candidates.iter().map(|c| c.1.clone()).collect();
        let want_t: Vec<Range<usize>> = candidates.iter().map(|c| c.2.clone()).collect();
        let texts =
            |segs: &[Segment]| -> Vec<String> { segs.iter().map(|s| s.text.clone()).collect() };
        let (st, tt) = (texts(src), texts(tgt));
        let sr: Vec<&str> = st.iter().map(String::as_str).collect();
        let tr: Vec<&str> = tt.iter().map(String::as_str).collect();
        semantic::Meaning::build(
            &sr,
            &tr,
            Some(&merged(want_s)),
            Some(&merged(want_t)),
            semantic::Weights::default(),
            e,
        )
    });
    let two_sided = |k: usize| two_sided_bead(&beads[k]);
    // True when at least `MIN_CROSSED` two-sided beads other than those
    // holding `sp` and `tp` lie between them: the pair would be out of
    // document order by more than a free translation's local reordering.
    let out_of_order = |sp: &Range<usize>, tp: &Range<usize>| {
        let mine: Vec<usize> = sp
            .clone()
            .map(|i| bead_of_s[i])
            .chain(tp.clone().map(|j| bead_of_t[j]))
            .collect();
        let lo = *mine.iter().min().unwrap_or(&0);
        let hi = *mine.iter().max().unwrap_or(&0);
        (lo + 1..hi)
            .filter(|&k| two_sided(k) && !mine.contains(&k))
            .count()
            >= MIN_CROSSED
    };
    // Segments paired so far: each is paired at most once.
    let mut paired_s = vec![false; s.n()];
    let mut paired_t = vec![false; t.n()];
    // Moved beads, with the pairing of runs they come from.
    let mut moved: Vec<(usize, Bead)> = Vec::new();
    let mut group = 0;
    for (_, cs, ct, significant, _) in &candidates {
        for sp in unused(cs, &paired_s) {
            for tp in unused(ct, &paired_t) {
                if sp.len() * tp.len() > MAX_CELLS
                    || sp.clone().any(|i| paired_s[i])
                    || tp.clone().any(|j| paired_t[j])
                    || !out_of_order(&sp, &tp)
                {
                    continue;
                }
                group += 1;
                let runs = (sp.clone(), tp.clone());
                for b in pair_runs(&s, &t, runs, &p, meaning.as_ref(), *significant) {
                    // A segment taken from a two-sided bead must match
                    // here clearly better than it does there.
                    let sim = similarity(&s, &t, &b, &p);
                    let held = b
                        .src
                        .clone()
                        .map(|i| bead_of_s[i])
                        .chain(b.tgt.clone().map(|j| bead_of_t[j]))
                        .filter(|&k| two_sided(k))
                        .any(|k| {
                            let margin = if *significant { 0.0 } else { TAKE_MARGIN };
                            similarity(&s, &t, &beads[k], &p) + margin > sim
                        });
                    if held {
                        continue;
                    }
                    paired_s[b.src.clone()].iter_mut().for_each(|u| *u = true);
                    paired_t[b.tgt.clone()].iter_mut().for_each(|u| *u = true);
                    moved.push((group, b));
                }
            }
        }
    }
    // A block moved alone as one pair is a move only on strong evidence of
    // its own; more pairs of one block vouch for each other.
    let sizes = moved.iter().fold(HashMap::new(), |mut m, (g, _)| {
        *m.entry(*g).or_insert(0usize) += 1;
        m
    });
    moved.retain(|(g, b)| sizes[g] > 1 || similarity(&s, &t, b, &p) >= SIM_MIN_ALONE);
    if moved.is_empty() {
        return (beads, Vec::new());
    }
    let (used_s, used_t) = marks(moved.iter().map(|(_, b)| b), s.n(), t.n());
    let taken = |b: &Bead, us: &[bool], ut: &[bool]| {
        b.src.clone().any(|i| us[i]) || b.tgt.clone().any(|j| ut[j])
    };
    if beads
        .iter()
        .all(|b| !two_sided_bead(b) || !taken(b, &used_s, &used_t))
    {
        let rest = beads
            .into_iter()
            .filter(|b| !taken(b, &used_s, &used_t))
            .collect();
        return settle(rest, moved);
    }
    if let Some(rest) = realign((src, tgt), &s, &t, (&used_s, &used_t), &p) {
        return settle(rest, moved);
    }
    // A bead of the realignment would span a moved block: keep the
    // monotone alignment and only the moves between one-sided runs.
    let from_runs: Vec<(usize, Bead)> = moved
        .into_iter()
        .filter(|(_, m)| {
            m.src.clone().all(|i| !two_sided(bead_of_s[i]))
                && m.tgt.clone().all(|j| !two_sided(bead_of_t[j]))
        })
        .collect();
    let (us, ut) = marks(from_runs.iter().map(|(_, b)| b), s.n(), t.n());
    let rest = beads.into_iter().filter(|b| !taken(b, &us, &ut)).collect();
    settle(rest, from_runs)
}

/// Put back into the monotone beads `rest` the groups of `moved` that fit
/// there in document order (when block A moved past block B, both were
/// taken out; only the smaller stays moved), largest group first. Returns
/// the beads and the moved beads left, ordered by source position.
fn settle(mut rest: Vec<Bead>, moved: Vec<(usize, Bead)>) -> (Vec<Bead>, Vec<Bead>) {
    let mut groups: Vec<(usize, Vec<Bead>)> = Vec::new();
    for (g, b) in moved {
        match groups.last_mut() {
            Some((last, beads)) if *last == g => beads.push(b),
            _ => groups.push((g, vec![b])),
        }
    }
    // Largest first; among equals, the later pairing (a weaker match).
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(b.0.cmp(&a.0)));
    let crosses = |m: &Bead, b: &Bead| {
        two_sided_bead(b)
            && ((b.src.start < m.src.start && b.tgt.start > m.tgt.start)
                || (b.src.start > m.src.start && b.tgt.start < m.tgt.start))
    };
    let mut left: Vec<Bead> = Vec::new();
    for (_, g) in groups {
        if g.iter().all(|m| !rest.iter().any(|b| crosses(m, b))) {
            for m in g {
                let at = rest
                    .iter()
                    .position(|b| two_sided_bead(b) && b.src.start > m.src.start)
                    .unwrap_or(rest.len());
                rest.insert(at, m);
            }
        } else {
            left.extend(g);
        }
    }
    left.sort_by_key(|b| (b.src.start, b.tgt.start));
    (rest, left)
}

/// Places the empty side of every one-sided bead of `beads` after the
/// moved segments that stand at its position, so that the beads step over
/// the moved pairs as a whole: a 0-1 bead that the monotone pass put at
/// source position 30, where a moved block now holds sources 30..35,
/// stands at 35. Only empty ranges change.
pub fn place_empty_sides(beads: &mut [Bead], moved: &[Bead]) {
    if moved.is_empty() {
        return;
    }
    let ns = beads
        .iter()
        .chain(moved)
        .map(|b| b.src.end)
        .max()
        .unwrap_or(0);
    let nt = beads
        .iter()
        .chain(moved)
        .map(|b| b.tgt.end)
        .max()
        .unwrap_or(0);
    let (ms, mt) = marks(moved, ns, nt);
    let skip = |mut k: usize, m: &[bool]| {
        while k < m.len() && m[k] {
            k += 1;
        }
        k
    };
    let (mut i, mut j) = (skip(0, &ms), skip(0, &mt));
    for b in beads.iter_mut() {
        if b.src.is_empty() {
            b.src = i..i;
        }
        if b.tgt.is_empty() {
            b.tgt = j..j;
        }
        i = skip(b.src.end, &ms);
        j = skip(b.tgt.end, &mt);
    }
}

/// The source and target segments (of `ns` and `nt`) that `moved` pairs.
fn marks<'a>(
    moved: impl IntoIterator<Item = &'a Bead>,
    ns: usize,
    nt: usize,
) -> (Vec<bool>, Vec<bool>) {
    let (mut us, mut ut) = (vec![false; ns], vec![false; nt]);
    for b in moved {
        us[b.src.clone()].iter_mut().for_each(|u| *u = true);
        ut[b.tgt.clone()].iter_mut().for_each(|u| *u = true);
    }
    (us, ut)
}

fn two_sided_bead(b: &Bead) -> bool {
    !b.src.is_empty() && !b.tgt.is_empty()
}

/// Ranges sorted and merged where they overlap or touch.
fn merged(mut rs: Vec<Range<usize>>) -> Vec<Range<usize>> {
    rs.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in rs {
        match out.last_mut() {
            Some(l) if l.end >= r.start => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Per feature id, the segments of `side` holding it, with the weight.
fn postings(side: &Side) -> HashMap<u32, Vec<(usize, f32)>> {
    let mut out: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (k, bag) in side.bags.iter().enumerate() {
        for &(id, w) in bag {
            out.entry(id).or_default().push((k, w));
        }
    }
    out
}

/// Windows of side `y` whose content matches run `r` of side `x`: seeded
/// at the segments sharing the most weight with the run (features held by
/// more than a tenth of the side are too common to seed anything), grown
/// over neighbours that share some, and kept when their pooled Dice with
/// the run reaches [`PRE_MIN`]. At most [`SEEDS`] windows, best first.
fn windows(
    x: &Side,
    r: &Range<usize>,
    y: &Side,
    post: &HashMap<u32, Vec<(usize, f32)>>,
    p: &Params,
) -> Vec<(f32, Range<usize>)> {
    let mut pooled: Vec<(u32, f32)> = x.bags[r.clone()].iter().flatten().copied().collect();
    pooled.sort_by_key(|&(id, _)| id);
    pooled.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    let common = y.n() / 10 + 20;
    let mut score: HashMap<usize, f32> = HashMap::new();
    for &(id, w) in &pooled {
        let Some(list) = post.get(&id) else { continue };
        if list.len() > common {
            continue;
        }
        for &(k, wy) in list {
            *score.entry(k).or_default() += w.min(wy);
        }
    }
    let smooth = p.smooth as f32;
    let cover = |k: usize| score.get(&k).copied().unwrap_or(0.0) / (y.wsum[k] + smooth);
    let mut seeds: Vec<(f32, usize)> = score
        .keys()
        .map(|&k| (cover(k), k))
        .filter(|&(c, _)| c >= SEED_MIN)
        .collect();
    seeds.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let run_w: f32 = x.wsum[r.clone()].iter().sum();
    let max_len = (2 * r.len() + 2).min(MAX_WINDOW);
    let mut out: Vec<(f32, Range<usize>)> = Vec::new();
    for &(_, k) in &seeds {
        if out.len() >= SEEDS {
            break;
        }
        if out.iter().any(|(_, w)| w.contains(&k)) {
            continue;
        }
        let (mut a, mut b) = (k, k + 1);
        while b - a < max_len {
            let left = (a > 0).then(|| cover(a - 1)).filter(|&c| c >= GROW_MIN);
            let right = (b < y.n()).then(|| cover(b)).filter(|&c| c >= GROW_MIN);
            match (left, right) {
                (Some(l), Some(rt)) if l >= rt => a -= 1,
                (_, Some(_)) => b += 1,
                (Some(_), None) => a -= 1,
                (None, None) => break,
            }
        }
        let shared_w: f32 = (a..b).map(|k| score.get(&k).copied().unwrap_or(0.0)).sum();
        let total = run_w + y.wsum[a..b].iter().sum::<f32>();
        let d = if total > 0.0 {
            2.0 * shared_w.min(run_w) / total
        } else {
            0.0
        };
        if d >= PRE_MIN {
            out.push((d, a..b));
        }
    }
    out
}

/// Bead shapes (run segments, other side's segments) of [`scan`].
const SCAN_SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (1, 0),
    (0, 1),
];

/// Neighbours of a run on each side that may join it in the second scan.
const GROW: usize = 2;
/// Least margin of the second scan (with the costs of taking segments from
/// where they stand). Measured: a free translation's two-sentence runs
/// (ParIce u_1) reach 10.8, so the margin is well above it; from 4 to 20
/// the recovery in `scripts/eval-moves` changes by 3 segments of 370.
const TAKE_GAP_MIN: f64 = 16.0;
/// Most cost of the second scan's alignment itself: the moved block's
/// beads may cost a little (their lexical evidence is weak when the
/// editions word the block apart), since their leaving one-sided beads is
/// what the margin measures.
const TAKE_COST_MAX: f64 = 3.0;

/// Least margin, in DP cost, by which the best window of [`scan`] must beat
/// every window that does not overlap it.
const GAP_MIN: f64 = 4.0;
/// The same margin when the window lies in one-sided beads too (a run
/// left without partner at each place), unless the scan from that run
/// finds this one back.
const GAP_LONE: f64 = 0.25;

/// What [`scan`] found: the best alignment of a run (with up to `ext`
/// neighbours on each side) with a window of the other side.
#[derive(Debug)]
struct Hit {
    /// Margin over the best alignment ending outside the window.
    gap: f64,
    /// Cost of the alignment itself (bead costs, without the cost of
    /// taking the segments from where they stand).
    cost: f64,
    /// The segments of the run's side aligned: the run and the neighbours
    /// taken with it.
    x: Range<usize>,
    /// The window of the other side.
    y: Range<usize>,
}

/// The window of side `y` that run `r` of side `x` aligns with best: how
/// much better it is than the best window that does not overlap it (a
/// significance test against the document itself), the cost of that
/// alignment, and the window. The run is aligned with all of `y` at once,
/// each window free to start and end anywhere (a semi-global alignment
/// with the DP's bead costs: shape prior, length cost, lexical bonus;
/// one-sided beads at [`Params::skip`]); the cost of the best alignment
/// ending at each segment of `y` is the distribution the best one is
/// judged against. Up to `ext` neighbours of the run on each side may join
/// it (the edges of a block that the monotone alignment put into its
/// neighbours' beads). Every segment taken into a two-sided bead pays its
/// cost of leaving where it stands (`ox`, `oy`: see [`leave_costs`]), so a
/// window of one-sided beads is taken before one that has partners of its
/// own. `x_src` says that `x` is the source.
#[allow(clippy::too_many_arguments)]
fn scan(
    x: &Side,
    (r, ext): (&Range<usize>, usize),
    y: &Side,
    post: &HashMap<u32, Vec<(usize, f32)>>,
    p: &Params,
    x_src: bool,
    (ox, oy): (&[f64], &[f64]),
) -> Option<Hit> {
    let lo = r.start.saturating_sub(ext);
    let hi = (r.end + ext).min(x.n());
    let xr = lo..hi;
    let (m, n) = (xr.len(), y.n());
    if r.is_empty() || n == 0 || r.len() > MAX_WINDOW {
        return None;
    }
    // Weight each segment of `xr` shares with each segment of `y`.
    let mut sh = vec![0f32; m * n];
    for (i, k) in xr.clone().enumerate() {
        for &(id, w) in &x.bags[k] {
            for &(l, wy) in post.get(&id).map_or(&[][..], |v| v) {
                sh[i * n + l] += w.min(wy);
            }
        }
    }
    let cum = |v: &[f64]| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(v.iter().scan(0.0, |acc, &l| {
                *acc += l;
                Some(*acc)
            }))
            .collect()
    };
    let (lx, ly) = (cum(&x.len[xr.clone()]), cum(&y.len));
    let wx = cum(&x.wsum[xr.clone()]
        .iter()
        .map(|&w| w as f64)
        .collect::<Vec<_>>());
    let wy = cum(&y.wsum.iter().map(|&w| w as f64).collect::<Vec<_>>());
    let (cx, cy) = (cum(&ox[xr.clone()]), cum(oy));
    // (cost of the bead, cost of taking its segments)
    let bead = |i: usize, j: usize, a: usize, b: usize| -> (f64, f64) {
        if a == 0 || b == 0 {
            return (p.skip, 0.0);
        }
        let (la, lb) = (lx[i] - lx[i - a], ly[j] - ly[j - b]);
        let (ls, lt, sa, sb) = if x_src {
            (la, lb, a, b)
        } else {
            (lb, la, b, a)
        };
        let mut shared_w = 0f64;
        for ii in i - a..i {
            for jj in j - b..j {
                shared_w += sh[ii * n + jj] as f64;
            }
        }
        let (ww, wv) = (wx[i] - wx[i - a], wy[j] - wy[j - b]);
        let shared_w = shared_w.min(ww).min(wv);
        let total = ww + wv + p.smooth * (a + b) as f64;
        let sim = if total > 0.0 {
            2.0 * shared_w / total
        } else {
            0.0
        };
        let c = cost::prior(p, sa, sb) + cost::length_cost(ls, lt, p.ratio, p.s2)
            - p.w_lex * sim * (a + b) as f64 / 2.0;
        (c, cx[i] - cx[i - a] + cy[j] - cy[j - b])
    };
    // The alignment may start before any neighbour before the run and end
    // after any neighbour after it.
    let (first, last) = (r.start - lo, r.end - lo);
    let w = n + 1;
    let cells = (m + 1) * w;
    let mut d = vec![f64::INFINITY; cells];
    let mut pure = vec![0f64; cells];
    let mut from = vec![(0usize, 0usize); cells];
    for i in 0..=first {
        for j in 0..=n {
            d[i * w + j] = 0.0;
            from[i * w + j] = (i, j);
        }
    }
    for i in 1..=m {
        for j in 0..=n {
            let at = i * w + j;
            let (mut best, mut best_pure, mut start) = (d[at], pure[at], from[at]);
            for &(a, b) in &SCAN_SHAPES {
                if a > i || b > j {
                    continue;
                }
                let prev = (i - a) * w + j - b;
                if d[prev].is_finite() {
                    let (c, take) = bead(i, j, a, b);
                    let total = d[prev] + c + take;
                    if total < best {
                        best = total;
                        best_pure = pure[prev] + c;
                        start = from[prev];
                    }
                }
            }
            d[at] = best;
            pure[at] = best_pure;
            from[at] = start;
        }
    }
    // The best alignment ending at each segment of `y`.
    let ends: Vec<(f64, usize)> = (0..=n)
        .map(|j| {
            (last..=m)
                .map(|i| (d[i * w + j], i))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap_or((f64::INFINITY, m))
        })
        .collect();
    let (end, &(best, i_end)) = ends
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0))?;
    let (i_start, start) = from[i_end * w + end];
    if start >= end {
        return None;
    }
    let decoy = (0..=n)
        .filter(|&j| j <= start || from[ends[j].1 * w + j].1 >= end)
        .map(|j| ends[j].0)
        .fold(f64::INFINITY, f64::min);
    Some(Hit {
        gap: decoy - best,
        cost: pure[i_end * w + end],
        x: lo + i_start..lo + i_end,
        y: start..end,
    })
}

/// What taking each segment away from where it stands costs, per side: a
/// segment of a one-sided bead saves its share of the gap cost (negative);
/// a segment of a two-sided bead pays its share of the bead's cost plus the
/// gap its partners would be left in. With the costs of [`scan`].
fn leave_costs(beads: &[Bead], s: &Side, t: &Side, p: &Params) -> (Vec<f64>, Vec<f64>) {
    let (mut os, mut ot) = (vec![0.0; s.n()], vec![0.0; t.n()]);
    let gap = |k: usize| {
        if k == 0 {
            0.0
        } else {
            p.skip + (k - 1) as f64 * p.skip_extend
        }
    };
    let one = -(p.skip + p.skip_extend) / 2.0;
    for b in beads {
        if !two_sided_bead(b) {
            b.src.clone().for_each(|i| os[i] = one);
            b.tgt.clone().for_each(|j| ot[j] = one);
            continue;
        }
        let c = bead_cost(s, t, b, p);
        let for_s = (gap(b.tgt.len()) - c) / b.src.len() as f64;
        let for_t = (gap(b.src.len()) - c) / b.tgt.len() as f64;
        b.src.clone().for_each(|i| os[i] = for_s);
        b.tgt.clone().for_each(|j| ot[j] = for_t);
    }
    (os, ot)
}

/// The cost of two-sided bead `b` as [`scan`] counts it.
fn bead_cost(s: &Side, t: &Side, b: &Bead, p: &Params) -> f64 {
    let ls: f64 = s.len[b.src.clone()].iter().sum();
    let lt: f64 = t.len[b.tgt.clone()].iter().sum();
    cost::prior(p, b.src.len(), b.tgt.len()) + cost::length_cost(ls, lt, p.ratio, p.s2)
        - p.w_lex * similarity(s, t, b, p) * (b.src.len() + b.tgt.len()) as f64 / 2.0
}

/// The monotone alignment of the segments not marked in `used`, with their
/// document indices; `None` when a bead would span a moved segment.
fn realign(
    (src, tgt): (&[Segment], &[Segment]),
    s: &Side,
    t: &Side,
    (used_s, used_t): (&[bool], &[bool]),
    p: &Params,
) -> Option<Vec<Bead>> {
    let keep_s: Vec<usize> = (0..s.n()).filter(|&i| !used_s[i]).collect();
    let keep_t: Vec<usize> = (0..t.n()).filter(|&j| !used_t[j]).collect();
    let beads: Vec<Bead> = if keep_s.is_empty() || keep_t.is_empty() {
        (0..keep_s.len())
            .map(|i| Bead {
                src: i..i + 1,
                tgt: 0..0,
                confidence: 1.0,
            })
            .chain((0..keep_t.len()).map(|j| Bead {
                src: keep_s.len()..keep_s.len(),
                tgt: j..j + 1,
                confidence: 1.0,
            }))
            .collect()
    } else {
        let (rs, rt) = (gather(s, &keep_s), gather(t, &keep_t));
        let mut scratch = dp::Scratch::new(rs.n(), rt.n());
        let (path, post) = dp::align_in(&rs, &rt, p, None, true, &mut scratch);
        let beads = path
            .windows(2)
            .zip(post)
            .map(|(w, c)| Bead {
                src: w[0].0..w[1].0,
                tgt: w[0].1..w[1].1,
                confidence: (c * 1000.0).round() / 1000.0,
            })
            .collect();
        let segs = |all: &[Segment], keep: &[usize]| -> Vec<Segment> {
            keep.iter().map(|&i| all[i].clone()).collect()
        };
        super::join_gap_runs(
            beads,
            (&segs(src, &keep_s), &segs(tgt, &keep_t)),
            (&rs.len, &rt.len),
            p,
        )
    };
    let back = |r: &Range<usize>, keep: &[usize], n: usize| -> Option<Range<usize>> {
        if r.is_empty() {
            let at = keep.get(r.start).copied().unwrap_or(n);
            return Some(at..at);
        }
        let (a, b) = (keep[r.start], keep[r.end - 1] + 1);
        (b - a == r.len()).then_some(a..b)
    };
    beads
        .into_iter()
        .map(|b| {
            Some(Bead {
                src: back(&b.src, &keep_s, s.n())?,
                tgt: back(&b.tgt, &keep_t, t.n())?,
                confidence: b.confidence,
            })
        })
        .collect()
}

/// The units `idx` of `side`, as a side of their own.
fn gather(side: &Side, idx: &[usize]) -> Side {
    let mut out = Side {
        len: idx.iter().map(|&i| side.len[i]).collect(),
        bags: idx.iter().map(|&i| side.bags[i].clone()).collect(),
        wsum: idx.iter().map(|&i| side.wsum[i]).collect(),
        para_start: idx.iter().map(|&i| side.para_start[i]).collect(),
        heading: idx.iter().map(|&i| side.heading[i]).collect(),
        list: idx.iter().map(|&i| side.list[i]).collect(),
    };
    if let Some(first) = out.para_start.first_mut() {
        *first = true;
    }
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

/// Align source run `sr` with target run `tr` and keep the two-sided beads
/// that pass [`accept`], in document indices. When the two-sided beads
/// together match well (a smoothed Dice of at least [`BLOCK_MIN`] over at
/// least two beads), each of them needs only [`SIM_MIN_IN_BLOCK`]: the
/// block is the evidence for its short lines (a heading, a caption). When
/// [`scan`] found the two runs `significant`, each bead needs only lengths
/// that fit.
fn pair_runs(
    s: &Side,
    t: &Side,
    (sr, tr): (Range<usize>, Range<usize>),
    p: &Params,
    meaning: Option<&semantic::Meaning>,
    significant: bool,
) -> Vec<Bead> {
    let (a, b) = (
        gather(s, &sr.clone().collect::<Vec<_>>()),
        gather(t, &tr.clone().collect::<Vec<_>>()),
    );
    let mut scratch = dp::Scratch::new(a.n(), b.n());
    let (path, post) = dp::align_in(&a, &b, p, None, true, &mut scratch);
    let beads: Vec<Bead> = path
        .windows(2)
        .zip(post)
        .map(|(w, c)| Bead {
            src: sr.start + w[0].0..sr.start + w[1].0,
            tgt: tr.start + w[0].1..tr.start + w[1].1,
            confidence: (c * 1000.0).round() / 1000.0,
        })
        .filter(two_sided_bead)
        .collect();
    let (mut shared_w, mut total) = (0f64, 0f64);
    for b in &beads {
        let (m, w) = overlap(s, t, b, p);
        shared_w += m;
        total += w;
    }
    let block = beads.len() >= 2 && total > 0.0 && 2.0 * shared_w / total >= BLOCK_MIN;
    let floor = if significant {
        0.0
    } else if block {
        SIM_MIN_IN_BLOCK
    } else {
        SIM_MIN
    };
    beads
        .into_iter()
        .filter(|b| accept(s, t, b, p, meaning, floor))
        .collect()
}

/// The evidence a moved bead must have: lengths that fit, and either a
/// lexical similarity of at least `sim_min` ([`SIM_MIN`], or
/// [`SIM_MIN_IN_BLOCK`] inside a matching block) or, with sentence vectors, a
/// meaning distance of at most [`MEANING_MAX`] and a similarity of at
/// least [`SIM_MIN_MEANING`].
fn accept(
    s: &Side,
    t: &Side,
    b: &Bead,
    p: &Params,
    meaning: Option<&semantic::Meaning>,
    sim_min: f64,
) -> bool {
    let ls: f64 = s.len[b.src.clone()].iter().sum();
    let lt: f64 = t.len[b.tgt.clone()].iter().sum();
    if cost::length_cost(ls, lt, p.ratio, p.s2) > LENGTH_MAX {
        return false;
    }
    let sim = similarity(s, t, b, p);
    if sim >= sim_min {
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
    let (m, w) = overlap(s, t, b, p);
    if w <= 0.0 {
        0.0
    } else {
        2.0 * m / w
    }
}

/// The weight bead `b`'s sides share, and their total weight with the
/// smoothing (see [`similarity`]).
fn overlap(s: &Side, t: &Side, b: &Bead, p: &Params) -> (f64, f64) {
    let ws: f32 = s.wsum[b.src.clone()].iter().sum();
    let wt: f32 = t.wsum[b.tgt.clone()].iter().sum();
    if ws + wt <= 0.0 {
        return (0.0, 0.0);
    }
    let mut m = 0f32;
    for i in b.src.clone() {
        for j in b.tgt.clone() {
            m += shared(&s.bags[i], &t.bags[j]);
        }
    }
    let m = m.min(ws).min(wt);
    let smooth = p.smooth as f32 * (b.src.len() + b.tgt.len()) as f32;
    (m as f64, (ws + wt + smooth) as f64)
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

    /// Twelve Bokmål sentences and their English translations.
    const NB: [&str; 12] = [
        "Rapporten for 2025 ble lagt fram i Oslo 12. februar.",
        "Trusselnivået mot Norge er fortsatt høyt.",
        "Russland er den største militære trusselen.",
        "Faktaboks 1.1: Nordflåten har 27 ubåter i Murmansk.",
        "I 2025 ble 214 flyginger registrert nær Bodø og Andøya.",
        "Antallet var 38 prosent høyere enn i 2024.",
        "Kina bruker lovlige kanaler for å skaffe teknologi.",
        "Iran har forsøkt å kartlegge 15 eksilmiljøer i Bergen.",
        "Terrortrusselen vurderes som moderat.",
        "Ekstrem islamisme er fortsatt den største trusselen.",
        "Høyreekstreme nettverk rekrutterer unge på TikTok og Telegram.",
        "Neste rapport kommer i februar 2027.",
    ];
    const EN: [&str; 12] = [
        "The report for 2025 was presented in Oslo on 12 February.",
        "The threat level against Norway remains high.",
        "Russia is the greatest military threat.",
        "Fact box 1.1: The Northern Fleet has 27 submarines in Murmansk.",
        "In 2025, 214 flights were registered near Bodø and Andøya.",
        "The number was 38 percent higher than in 2024.",
        "China uses legal channels to obtain technology.",
        "Iran has tried to map 15 exile communities in Bergen.",
        "The terrorist threat is assessed as moderate.",
        "Extreme Islamism remains the greatest threat.",
        "Right-wing extremist networks recruit young people on TikTok and Telegram.",
        "The next report is due in February 2027.",
    ];

    fn align(src: &[&str], tgt: &[&str]) -> crate::align::Alignment {
        let (s, t) = (
            crate::segment::one_per_paragraph(src),
            crate::segment::one_per_paragraph(tgt),
        );
        crate::align::Aligner::new().align(&s, &t, crate::lang::Lang::Nb, crate::lang::Lang::En)
    }

    #[test]
    fn an_omission_and_an_unmoved_edition_get_no_moved_pair() {
        assert!(align(&NB, &EN).moved.is_empty());
        // The English edition lacks sentences 3-5, and has an unrelated
        // sentence of its own further on: nothing to pair.
        let mut en: Vec<&str> = EN
            .iter()
            .enumerate()
            .filter(|(k, _)| !(3..6).contains(k))
            .map(|(_, t)| *t)
            .collect();
        en.insert(
            6,
            "Membership of the alliance brings obligations as well as security.",
        );
        let a = align(&NB, &en);
        assert!(a.moved.is_empty(), "{:?}", a.moved);
        assert!(a.beads.iter().any(|b| b.src == (3..4) && b.tgt.is_empty()));
    }

    /// A side of `len.len()` segments with these lengths, each with its
    /// own feature `ids[k]` of weight 1.
    fn toy(len: &[f64], ids: &[u32]) -> Side {
        Side {
            len: len.to_vec(),
            bags: ids.iter().map(|&id| vec![(id, 1.0)]).collect(),
            wsum: vec![1.0; len.len()],
            para_start: vec![false; len.len()],
            heading: vec![false; len.len()],
            list: vec![false; len.len()],
        }
    }

    #[test]
    fn scan_finds_a_block_by_its_length_profile_and_words_and_judges_it_against_decoys() {
        // 80 target segments of varied length, sharing nothing with the
        // source run except the block at 50..55, which has the run's
        // lengths and one shared word per segment.
        let run_len = [40.0, 160.0, 75.0, 120.0, 55.0];
        let mut len: Vec<f64> = (0..80).map(|k| 30.0 + ((k * 37) % 130) as f64).collect();
        let mut ids: Vec<u32> = (0..80).map(|k| 1000 + k).collect();
        for (i, &l) in run_len.iter().enumerate() {
            len[50 + i] = l;
            ids[50 + i] = i as u32;
        }
        let y = toy(&len, &ids);
        let post = postings(&y);
        let p = Params::default();
        let x = toy(&run_len, &[0, 1, 2, 3, 4]);
        let (zx, zy) = (vec![0.0; 5], vec![0.0; 80]);
        let h = scan(&x, (&(0..5), 0), &y, &post, &p, true, (&zx, &zy)).unwrap();
        assert_eq!((h.x.clone(), h.y.clone()), (0..5, 50..55));
        assert!(h.cost < 0.0 && h.gap >= GAP_MIN, "{h:?}");
        // A run of even lengths sharing no word fits many windows about
        // as well: no window stands out.
        let x = toy(&[100.0; 5], &[500, 501, 502, 503, 504]);
        let h = scan(&x, (&(0..5), 0), &y, &post, &p, true, (&zx, &zy)).unwrap();
        assert!(h.gap < GAP_MIN, "{h:?}");
    }

    #[test]
    fn scan_with_leave_costs_takes_the_one_sided_window_and_the_absorbed_edge() {
        // The block's five segments stand twice in `y` with the same
        // lengths and words: at 20..25 inside two-sided beads that match
        // well, and at 50..55 in one-sided beads. The run is `x` 1..6; `x`
        // 0 belongs to the block too (it matches `y` 49) but the monotone
        // alignment put it into a weak bead with a neighbour.
        let block_len = [70.0, 40.0, 160.0, 75.0, 120.0, 55.0];
        let mut len: Vec<f64> = (0..80).map(|k| 30.0 + ((k * 37) % 130) as f64).collect();
        let mut ids: Vec<u32> = (0..80).map(|k| 1000 + k).collect();
        for (i, &l) in block_len.iter().enumerate() {
            len[19 + i] = l;
            ids[19 + i] = i as u32;
            len[49 + i] = l;
            ids[49 + i] = i as u32;
        }
        let y = toy(&len, &ids);
        let post = postings(&y);
        let p = Params::default();
        let x = toy(&block_len, &[0, 1, 2, 3, 4, 5]);
        let mut oy = vec![7.0; 80];
        oy[49..55].iter_mut().for_each(|o| *o = -3.0);
        let mut ox = vec![-3.0; 6];
        ox[0] = 0.5;
        // As the segments stand, the two windows are alike: no margin.
        let (zx, zy) = (vec![0.0; 6], vec![0.0; 80]);
        let h = scan(&x, (&(1..6), 0), &y, &post, &p, true, (&zx, &zy)).unwrap();
        assert!(h.gap < 1.0, "{h:?}");
        // With the costs of leaving, the one-sided window stands out, and
        // the neighbour joins the run.
        let h = scan(&x, (&(1..6), GROW), &y, &post, &p, true, (&ox, &oy)).unwrap();
        assert_eq!((h.x.clone(), h.y.clone()), (0..6, 49..55), "{h:?}");
        assert!(h.gap >= TAKE_GAP_MIN && h.cost < TAKE_COST_MAX, "{h:?}");
        // Without leave to grow, the run alone.
        let h = scan(&x, (&(1..6), 0), &y, &post, &p, true, (&ox, &oy)).unwrap();
        assert_eq!((h.x, h.y), (1..6, 50..55));
    }

    #[test]
    fn unused_ranges_split_around_used_indices() {
        let used = [false, true, false, false, true, false];
        assert_eq!(unused(&(0..6), &used), vec![0..1, 2..4, 5..6]);
        assert!(unused(&(1..2), &used).is_empty());
    }
}
