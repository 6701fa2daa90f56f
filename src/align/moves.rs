//! Moved blocks: fact boxes, sidebars, figures with their captions, which
//! two editions place differently. The monotone alignment leaves such a
//! block as a run of one-sided beads at each place (1-0 where the source
//! has it, 0-1 where the target has it). This pass pairs those runs again.
//!
//! 1. The *places*: maximal runs of one-sided beads; each has the source
//!    segments and the target segments left unpaired there.
//! 2. *Candidates* (a source range and a target range): each run aligned
//!    with the whole other side, free to start and end anywhere, with the
//!    DP's bead costs, giving its best three windows that do not overlap
//!    ([`scan`]); the same again with up to [`GROW`] neighbours on each
//!    side free to join the run (a block's edges that the monotone
//!    alignment put into its neighbours' beads), each segment paying what
//!    leaving its place costs ([`leave_costs`]); windows seeded at the
//!    segments that share the most weight with the run ([`windows`]).
//!    And each run *put back* ([`unmove`]): the stretch of the other side
//!    around a run of that side nearby realigned by the DP with the run's
//!    segments inserted among its own, at every point in turn; where it
//!    costs least, the segments the run pairs with are the window. This
//!    finds a block whose place the DP shifted (it paired the block's
//!    sentences with their neighbours' partners and left the neighbours
//!    one-sided), which the scans, cut to the run, cannot.
//! 3. *Blocks*: each candidate aligned by the same dynamic programme as
//!    the document; its runs of two-sided beads whose lengths fit, each
//!    also with up to [`TRIM`] beads taken off either end.
//! 4. *The judge* ([`judge`]): a block's realignment gain is the cost of
//!    the beads from its first place to its second as they stand (with
//!    [`CONTEXT`] beads either side; a window around each place when they
//!    are far apart) minus the cost of that window realigned by the DP
//!    without the block's segments (corners fixed), minus the cost of the
//!    block's own beads, all in the DP's cost ([`dp::path_cost`]; with
//!    sentence vectors the block's beads get the meaning term too).
//!    Greedily, the block with the largest gain is moved when it reaches
//!    [`GAIN_MIN`] (above the largest gain of any block on the unmoved
//!    documents of the evaluation sets), or [`GAIN_MIN_DISTINCT`] when its
//!    pairs are distinctive: they cost [`MARGIN_MIN`] less than the same
//!    bead shapes laid 4-40 segments off ([`chance_cost`]), its windows
//!    replaced by their realignment, and every block whose judgement read
//!    a bead of those windows is judged again on the new alignment (the
//!    others' judgements still hold); a segment moves once. Before it moves, a block's
//!    edges are moved a few segments while that gains more ([`refine`]):
//!    the candidate it came from may have been cut a few segments off. A block must cross a two-sided
//!    bead, and a block of one pair needs a lexical similarity of
//!    [`SIM_MIN_ALONE`] (a verse of three sentences against its one
//!    Bokmål sentence too: judged by its gain, such pairs invent a move on
//!    Debian Edu).
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
/// Least lexical similarity of a moved pair that is the only pair of its
/// block.
const SIM_MIN_ALONE: f64 = 0.6;

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
    let post_s = postings(&s);
    let post_t = postings(&t);
    // Candidates (source range, target range): the windows that share the
    // most with each run, and the best window of each scan of a run (as it
    // stands, and with neighbours free to join it and the costs of taking
    // segments from where they stand).
    let mut candidates: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let (zs, zt) = (vec![0.0; s.n()], vec![0.0; t.n()]);
    let (os, ot) = leave_costs(&beads, &s, &t, &p);
    for x in &places {
        if !x.src.is_empty() {
            for (_, w) in windows(&s, &x.src, &t, &post_t, &p) {
                candidates.push((x.src.clone(), w));
            }
            for (ext, (a, b)) in [(0, (&zs, &zt)), (GROW, (&os, &ot))] {
                for h in scan(&s, (&x.src, ext), &t, &post_t, &p, true, (a, b)) {
                    candidates.push((h.x, h.y));
                }
            }
        }
        if !x.tgt.is_empty() {
            for (_, w) in windows(&t, &x.tgt, &s, &post_s, &p) {
                candidates.push((w, x.tgt.clone()));
            }
            for (ext, (a, b)) in [(0, (&zt, &zs)), (GROW, (&ot, &os))] {
                for h in scan(&t, (&x.tgt, ext), &s, &post_s, &p, false, (a, b)) {
                    candidates.push((h.y, h.x));
                }
            }
        }
    }
    // Candidates by undoing a move: each run put back into the stretch
    // around a run of the other side nearby.
    for x in &places {
        for y in &places {
            for (run, run_src, other) in [(&x.src, true, &y.tgt), (&x.tgt, false, &y.src)] {
                if run.is_empty() || other.is_empty() {
                    continue;
                }
                let (xp, yp) = if run_src {
                    (x.src.start, y.src.start)
                } else {
                    (x.tgt.start, y.tgt.start)
                };
                if xp.abs_diff(yp) > SPAN_MAX {
                    continue;
                }
                let r = run.len() + other.len() + UNMOVE_REACH;
                let n_other = if run_src { t.n() } else { s.n() };
                let area = other.start.saturating_sub(r)..(other.end + r).min(n_other);
                if let Some(w) = unmove(&beads, (&s, &t), run, run_src, area, &p) {
                    let (cs, ct) = if run_src {
                        (run.clone(), w)
                    } else {
                        (w, run.clone())
                    };
                    let e = UNMOVE_EXTRA;
                    candidates.push((
                        cs.start.saturating_sub(e)..(cs.end + e).min(s.n()),
                        ct.start.saturating_sub(e)..(ct.end + e).min(t.n()),
                    ));
                    candidates.push((cs, ct));
                }
            }
        }
    }
    candidates.sort_by_key(|(a, b)| (a.start, a.end, b.start, b.end));
    candidates.dedup();
    let meaning = embedder.map(|e| {
        let want_s: Vec<Range<usize>> = candidates.iter().map(|c| c.0.clone()).collect();
        let want_t: Vec<Range<usize>> = candidates.iter().map(|c| c.1.clone()).collect();
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
    // Each candidate aligned by the DP: its runs of two-sided beads whose
    // lengths fit are the blocks to judge.
    let mut blocks: Vec<Vec<Bead>> = Vec::new();
    for (cs, ct) in &candidates {
        if cs.len() * ct.len() > MAX_CELLS {
            continue;
        }
        let aligned = pair_runs(&s, &t, (cs.clone(), ct.clone()), &p);
        let mut run: Vec<Bead> = Vec::new();
        for b in aligned {
            if two_sided_bead(&b) && fits(&s, &t, &b, &p) {
                run.push(b);
            } else if !run.is_empty() {
                blocks.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            blocks.push(run);
        }
    }
    // A block's edges may be pairs of the DP's making beyond the moved
    // block (lengths that fit, nothing shared): each block is judged with
    // up to [`TRIM`] beads taken off either end as well.
    let blocks: Vec<Vec<Bead>> = blocks
        .iter()
        .flat_map(|b| {
            let k = b.len();
            (0..=TRIM.min(k - 1))
                .flat_map(move |x| (0..=TRIM.min(k - 1 - x)).map(move |y| b[x..k - y].to_vec()))
        })
        .collect();
    let mut blocks = blocks;
    blocks.sort_by_key(|b| (b[0].src.start, b[0].tgt.start, b.len()));
    blocks.dedup();
    // Greedily, the block whose move gains most, judged on the alignment
    // as the moves accepted so far left it; each segment moves once.
    let mut state = beads;
    let (mut used_s, mut used_t) = (vec![false; s.n()], vec![false; t.n()]);
    let mut moved: Vec<(usize, Bead)> = Vec::new();
    // Each block's judgements, kept until a move changes the beads they
    // read: a judgement reads only the beads of its reach, so after a move
    // only the blocks whose reach meets the realigned windows are judged
    // again (the others' reaches shift with the beads).
    let mut judged: Vec<Option<Vec<Judged>>> = vec![None; blocks.len()];
    loop {
        let (bead_of_s, bead_of_t) = bead_index(&state, (s.n(), t.n()));
        let at = (&bead_of_s[..], &bead_of_t[..]);
        // The best: (gain, block, its part's beads).
        let mut best: Option<(f64, usize, Range<usize>)> = None;
        for (k, block) in blocks.iter().enumerate() {
            let parts = judged[k].get_or_insert_with(|| {
                free_parts(block, &used_s, &used_t)
                    .into_iter()
                    .map(|part| {
                        let (reach, trial) =
                            judge_reach(&state, at, part, (&s, &t), &p, meaning.as_ref());
                        let first = part.as_ptr() as usize - block.as_ptr() as usize;
                        let first = first / std::mem::size_of::<Bead>();
                        Judged {
                            beads: first..first + part.len(),
                            reach,
                            gain: trial.filter(Trial::passes).map(|t| t.gain),
                        }
                    })
                    .collect()
            });
            for j in parts.iter() {
                if let Some(gain) = j.gain {
                    if best.as_ref().map_or(true, |b| gain > b.0) {
                        best = Some((gain, k, j.beads.clone()));
                    }
                }
            }
        }
        let Some((gain, k, part)) = best else {
            break;
        };
        // Judged again for its windows on the current beads. A kept
        // judgement always holds (checked in the tests' debug builds);
        // should one not, every block is judged afresh.
        let fresh = judge(&state, at, &blocks[k][part], (&s, &t), &p, meaning.as_ref());
        let Some(trial) = fresh.filter(|t| t.gain.to_bits() == gain.to_bits()) else {
            debug_assert!(false, "a kept judgement no longer holds");
            judged.iter_mut().for_each(|j| *j = None);
            continue;
        };
        let trial = refine(
            trial,
            &state,
            at,
            (&s, &t),
            &p,
            meaning.as_ref(),
            (&used_s, &used_t),
        );
        // The realigned windows' beads get their confidences (the same
        // beads: the same segments realigned).
        let mut trial = trial;
        for (_, new) in &mut trial.windows {
            let keep_s: Vec<usize> = new.iter().flat_map(|b| b.src.clone()).collect();
            let keep_t: Vec<usize> = new.iter().flat_map(|b| b.tgt.clone()).collect();
            if let Some((sure, _)) = realign((&s, &t), (&keep_s, &keep_t), &p, true) {
                debug_assert!(
                    new.len() == sure.len()
                        && new
                            .iter()
                            .zip(&sure)
                            .all(|(a, b)| a.src == b.src && a.tgt == b.tgt)
                );
                *new = sure;
            }
        }
        // Splice the realigned windows in, the later one first.
        let spliced: Vec<(Range<usize>, usize)> = trial
            .windows
            .iter()
            .map(|(w, new)| (w.clone(), new.len()))
            .collect();
        for (w, new) in trial.windows.into_iter().rev() {
            state.splice(w, new);
        }
        let group = moved.last().map_or(0, |m| m.0 + 1);
        for b in trial.block {
            used_s[b.src.clone()].iter_mut().for_each(|u| *u = true);
            used_t[b.tgt.clone()].iter_mut().for_each(|u| *u = true);
            moved.push((group, b));
        }
        // Judge again the blocks that read a realigned window (touching
        // counts) or hold a segment now moved; shift the others' reaches.
        for (k, entry) in judged.iter_mut().enumerate() {
            let Some(parts) = entry else {
                continue;
            };
            let stale = blocks[k]
                .iter()
                .any(|b| b.src.clone().any(|i| used_s[i]) || b.tgt.clone().any(|j| used_t[j]))
                || parts.iter().any(|j| {
                    spliced
                        .iter()
                        .any(|(w, _)| j.reach.start <= w.end && w.start <= j.reach.end)
                });
            if stale {
                *entry = None;
                continue;
            }
            for j in parts.iter_mut() {
                let shift: isize = spliced
                    .iter()
                    .filter(|(w, _)| w.end <= j.reach.start)
                    .map(|(w, n)| *n as isize - w.len() as isize)
                    .sum();
                j.reach = j.reach.start.wrapping_add_signed(shift)
                    ..j.reach.end.wrapping_add_signed(shift);
            }
        }
    }
    if moved.is_empty() {
        return (state, Vec::new());
    }
    settle(state, moved)
}

/// The bead of `beads` that holds each source and each target segment
/// (`usize::MAX` for none), for sides of `ns` and `nt` segments.
fn bead_index(beads: &[Bead], (ns, nt): (usize, usize)) -> (Vec<usize>, Vec<usize>) {
    let (mut of_s, mut of_t) = (vec![usize::MAX; ns], vec![usize::MAX; nt]);
    for (k, b) in beads.iter().enumerate() {
        b.src.clone().for_each(|i| of_s[i] = k);
        b.tgt.clone().for_each(|j| of_t[j] = k);
    }
    (of_s, of_t)
}

/// A move judged on the current alignment: the block's beads, its
/// realignment gain, and the windows of beads (index ranges of the current
/// alignment, in order) with the beads that replace them.
struct Trial {
    gain: f64,
    /// How much more the block's own beads cost when their shapes are laid
    /// over other segments nearby ([`chance_cost`]); measured only for a
    /// gain between [`GAIN_MIN_DISTINCT`] and [`GAIN_MIN`].
    margin: Option<f64>,
    block: Vec<Bead>,
    windows: Vec<(Range<usize>, Vec<Bead>)>,
}

/// A part of a block as [`find`] judged it: its beads (indices into the
/// block), the beads of the alignment the judgement read
/// ([`judge_reach`]), and its gain when the move passes.
#[derive(Clone)]
struct Judged {
    beads: Range<usize>,
    reach: Range<usize>,
    gain: Option<f64>,
}

/// Beads of the current alignment on each side of a place that its
/// realignment may change.
const CONTEXT: usize = 2;
/// Most segments on either side of one window spanning both places.
const SPAN_MAX: usize = 200;
/// Beads taken off either end of a block to judge it without them.
const TRIM: usize = 2;
/// Least realignment gain of a move, in the DP's cost. Measured: the
/// largest gain of any block on the unmoved documents of every evaluation
/// set is 13.2 (ParIce u_1, a free translation: two sentences said thirty
/// positions apart, sharing little); 14.0 with `--semantic` (ParIce and
/// Text+Berg). A true move of two or three sentences with good lexical
/// evidence reaches 15-16 (the sample's fact boxes).
const GAIN_MIN: f64 = 15.0;
/// Least realignment gain of a move whose pairs are distinctive: their
/// beads cost at least [`MARGIN_MIN`] less than the same shapes laid over
/// any other segments nearby. Measured on the unmoved documents of every
/// evaluation set: no block with a gain of 5 or more has a margin above
/// 0.64 (Debian Edu), none with a gain of 8 or more one above 0.44 (Job
/// with a lexicon from `tolk learn`); the free translation's decoy has
/// -0.8 (its sentences are as like their neighbours as each other).
/// Blocks of two or three verses with few shared words gain 10-14, most
/// with margins of 1-5.
const GAIN_MIN_DISTINCT: f64 = 8.0;
/// See [`GAIN_MIN_DISTINCT`].
const MARGIN_MIN: f64 = 1.0;

impl Trial {
    /// Whether the move is taken: a large gain, or a fair gain of pairs
    /// that match better than chance placements.
    fn passes(&self) -> bool {
        self.gain >= GAIN_MIN
            || (self.gain >= GAIN_MIN_DISTINCT && self.margin.is_some_and(|m| m >= MARGIN_MIN))
    }
}

/// How far beyond a run of the other side [`unmove`] looks: the two runs'
/// lengths (a place the DP shifted lies about a run's length off) and
/// this many segments more, on each side.
const UNMOVE_REACH: usize = 4;
/// Segments added on each side of both ranges that [`unmove`] found, as a
/// second candidate: a block's edges that the DP put into its neighbours'
/// beads (the blocks are then trimmed, see [`TRIM`]). Measured in
/// `scripts/eval-moves`: 306 moved segments of 374 paired without, 322
/// with.
const UNMOVE_EXTRA: usize = 2;

/// Where run `run` (of the source when `run_src`, else of the target) would
/// go in the stretch `area` of the other side: the beads of `state` over
/// `area` realigned with the run put back among their segments of the
/// run's side, at each point in turn; at the cheapest point, the segments
/// of `area` that the run pairs with. `None` when it pairs with none.
fn unmove(
    state: &[Bead],
    (s, t): (&Side, &Side),
    run: &Range<usize>,
    run_src: bool,
    area: Range<usize>,
    p: &Params,
) -> Option<Range<usize>> {
    let (mut mine, mut other): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for b in state {
        let (m, o) = if run_src {
            (&b.src, &b.tgt)
        } else {
            (&b.tgt, &b.src)
        };
        let inside = if o.is_empty() {
            area.start < o.start && o.start < area.end
        } else {
            o.start < area.end && area.start < o.end
        };
        if inside {
            mine.extend(m.clone().filter(|i| !run.contains(i)));
            other.extend(o.clone());
        }
    }
    if other.is_empty() {
        return None;
    }
    // (cost, insertion point, path) of the cheapest insertion.
    let (mut best, mut at, mut path) = (f64::INFINITY, 0, Vec::new());
    for k in 0..=mine.len() {
        let seq: Vec<usize> = mine[..k]
            .iter()
            .copied()
            .chain(run.clone())
            .chain(mine[k..].iter().copied())
            .collect();
        let (rs, rt) = if run_src {
            (gather(s, &seq), gather(t, &other))
        } else {
            (gather(s, &other), gather(t, &seq))
        };
        let mut scratch = dp::Scratch::new(rs.n(), rt.n());
        let (found, _) = dp::align_in(&rs, &rt, p, None, false, &mut scratch);
        let cost = dp::path_cost(&rs, &rt, p, &found);
        if cost < best {
            (best, at, path) = (cost, k, found);
        }
    }
    let held = at..at + run.len();
    let mut w: Option<Range<usize>> = None;
    for st in path.windows(2) {
        let (m, o) = if run_src {
            (st[0].0..st[1].0, st[0].1..st[1].1)
        } else {
            (st[0].1..st[1].1, st[0].0..st[1].0)
        };
        if m.start < held.end && held.start < m.end && !o.is_empty() {
            let (a, b) = (other[o.start], other[o.end - 1] + 1);
            w = Some(w.map_or(a..b, |w| w.start.min(a)..w.end.max(b)));
        }
    }
    w
}

/// How far [`refine`] moves a block's edges, in segments. Measured in
/// `scripts/eval-moves`: 322 moved segments of 374 paired without
/// refining, 326 with.
const REFINE_STEPS: [isize; 7] = [-3, -2, -1, 0, 1, 2, 3];
/// The pairs of edges [`refine`] moves together, as indices into the
/// source start and end and the target start and end: the two starts, the
/// two ends, the source's edges (a block whose source the DP paired one
/// or two sentences off, as Lamentations 3:38-41 with `--semantic`:
/// moving either source edge alone gains less than the block one off,
/// moving both gains more), the target's edges.
const REFINE_PAIRS: [(usize, usize); 4] = [(0, 2), (1, 3), (0, 1), (2, 3)];
/// Most rounds of [`refine`].
const REFINE_ROUNDS: usize = 8;

/// The move `trial` with its ranges' edges moved a few segments while that
/// gains more: the block's beads come from the candidate they were found
/// in, whose edges may be a few segments off the block's (a place the DP
/// shifted). Each round tries every pair of [`REFINE_PAIRS`] moved by
/// each of [`REFINE_STEPS`], the block the DP aligns in the new ranges judged as
/// any other (all its beads two-sided and fitting, none on a segment
/// already moved), and takes the best that passes.
#[allow(clippy::too_many_arguments)]
fn refine(
    mut trial: Trial,
    state: &[Bead],
    at: (&[usize], &[usize]),
    (s, t): (&Side, &Side),
    p: &Params,
    meaning: Option<&semantic::Meaning>,
    (used_s, used_t): (&[bool], &[bool]),
) -> Trial {
    for _ in 0..REFINE_ROUNDS {
        let b = &trial.block;
        let last = &b[b.len() - 1];
        let edges = [b[0].src.start, last.src.end, b[0].tgt.start, last.tgt.end];
        let mut better: Option<Trial> = None;
        // Two edges moved together: the two starts, the two ends, then
        // the source's two edges and the target's.
        let moves = REFINE_PAIRS.iter().flat_map(|&pair| {
            REFINE_STEPS
                .iter()
                .flat_map(move |&da| REFINE_STEPS.iter().map(move |&db| (pair, da, db)))
        });
        for ((ea, eb), da, db) in moves.filter(|&(_, da, db)| da != 0 || db != 0) {
            let mut x = edges.map(|v| v as isize);
            x[ea] += da;
            x[eb] += db;
            if x[0] < 0 || x[2] < 0 || x[0] >= x[1] || x[2] >= x[3] {
                continue;
            }
            let (sr, tr) = (x[0] as usize..x[1] as usize, x[2] as usize..x[3] as usize);
            if sr.end > s.n()
                || tr.end > t.n()
                || used_s[sr.clone()].contains(&true)
                || used_t[tr.clone()].contains(&true)
            {
                continue;
            }
            let block = pair_runs(s, t, (sr, tr), p);
            if !block.iter().all(|b| two_sided_bead(b) && fits(s, t, b, p)) {
                continue;
            }
            let Some(next) = judge(state, at, &block, (s, t), p, meaning) else {
                continue;
            };
            let top = better.as_ref().map_or(trial.gain, |b| b.gain);
            if next.passes() && next.gain > top {
                better = Some(next);
            }
        }
        match better {
            Some(b) => trial = b,
            None => break,
        }
    }
    trial
}

/// The runs of consecutive beads of `block` that touch no segment marked
/// used.
fn free_parts<'a>(block: &'a [Bead], used_s: &[bool], used_t: &[bool]) -> Vec<&'a [Bead]> {
    let free = |b: &Bead| b.src.clone().all(|i| !used_s[i]) && b.tgt.clone().all(|j| !used_t[j]);
    block
        .split(|b| !free(b))
        .filter(|part| !part.is_empty())
        .collect()
}

/// The realignment gain of moving `block` out of the current alignment
/// `state`: the cost of the window of beads from its first place to its
/// second (with [`CONTEXT`] beads either side) as they stand, minus the
/// cost of that window realigned without the block's segments (corners
/// fixed) and the cost of the block's own beads, all in the DP's costs.
/// The window spans both places because a block inserted at one place can
/// shift the pairs all the way to the other (the DP pairs the sentences
/// after it with its neighbours' partners, until the place it left); a
/// window of more than [`SPAN_MAX`] segments on a side is cut into one
/// window around each place.
/// `None` when no two-sided bead stands between the block's places, or a
/// realigned bead would span the block's segments.
fn judge(
    state: &[Bead],
    at: (&[usize], &[usize]),
    block: &[Bead],
    sides: (&Side, &Side),
    p: &Params,
    meaning: Option<&semantic::Meaning>,
) -> Option<Trial> {
    judge_reach(state, at, block, sides, p, meaning).1
}

/// [`judge`], and the beads of `state` it read: the same judgement holds
/// while they stand.
fn judge_reach(
    state: &[Bead],
    (bead_of_s, bead_of_t): (&[usize], &[usize]),
    block: &[Bead],
    (s, t): (&Side, &Side),
    p: &Params,
    meaning: Option<&semantic::Meaning>,
) -> (Range<usize>, Option<Trial>) {
    let sr = block[0].src.start..block[block.len() - 1].src.end;
    let tr = block[0].tgt.start..block[block.len() - 1].tgt.end;
    let (ks0, ks1) = (bead_of_s[sr.start], bead_of_s[sr.end - 1]);
    let (kt0, kt1) = (bead_of_t[tr.start], bead_of_t[tr.end - 1]);
    if [ks0, ks1, kt0, kt1].contains(&usize::MAX) {
        return (0..state.len(), None);
    }
    let (ks, kt) = (ks0..ks1 + 1, kt0..kt1 + 1);
    let hull = ks.start.min(kt.start)..ks.end.max(kt.end);
    // Out of order: a two-sided bead between the block's places. (A
    // sentence that a free translation says two places earlier or later
    // needed three before the gain judge: paired by moving it, it took the
    // place of its neighbours' partners on ParIce. Its realignment gain
    // stays below [`GAIN_MIN`]; measured, one bead or three give the same
    // figures in `scripts/eval-align` and `scripts/eval-moves`.)
    let (lo, hi) = if ks.end <= kt.start {
        (ks.end, kt.start)
    } else if kt.end <= ks.start {
        (kt.end, ks.start)
    } else {
        return (hull, None);
    };
    if !state[lo..hi].iter().any(two_sided_bead) {
        return (hull, None);
    }
    // A block of one pair is a move only on strong evidence of its own.
    if block.len() == 1 && similarity(s, t, &block[0], p) < SIM_MIN_ALONE {
        return (hull, None);
    }
    // A place with its whole run of one-sided beads and CONTEXT beads
    // either side.
    let around = |k: &Range<usize>| {
        let (mut lo, mut hi) = (k.start, k.end);
        while lo > 0 && !two_sided_bead(&state[lo - 1]) {
            lo -= 1;
        }
        while hi < state.len() && !two_sided_bead(&state[hi]) {
            hi += 1;
        }
        lo.saturating_sub(CONTEXT)..(hi + CONTEXT).min(state.len())
    };
    let (a, b) = (around(&ks), around(&kt));
    let (a, b) = if a.start <= b.start { (a, b) } else { (b, a) };
    let span = a.start..b.end.max(a.end);
    let reach = span.clone();
    let sides = |w: &Range<usize>| -> (usize, usize) {
        state[w.clone()]
            .iter()
            .fold((0, 0), |(x, y), b| (x + b.src.len(), y + b.tgt.len()))
    };
    let (ns, nt) = sides(&span);
    let wins: Vec<Range<usize>> = if a.end >= b.start || ns.max(nt) <= SPAN_MAX {
        vec![span]
    } else {
        vec![a, b]
    };
    // With sentence vectors the block's beads get the meaning term of the
    // DP's cost too.
    let plain_own = path_cost_of(block, (s, t), p);
    let own = plain_own
        + meaning.map_or(0.0, |m| {
            block
                .iter()
                .map(|b| m.cost(b.src.end, b.src.len(), b.tgt.end, b.tgt.len()))
                .sum()
        });
    let mut gain = -own;
    let mut windows = Vec::new();
    for w in wins {
        let beads = &state[w.clone()];
        gain += path_cost_of(beads, (s, t), p);
        let keep_s: Vec<usize> = beads
            .iter()
            .flat_map(|b| b.src.clone())
            .filter(|i| !sr.contains(i))
            .collect();
        let keep_t: Vec<usize> = beads
            .iter()
            .flat_map(|b| b.tgt.clone())
            .filter(|j| !tr.contains(j))
            .collect();
        let Some((new, cost)) = realign((s, t), (&keep_s, &keep_t), p, false) else {
            return (reach, None);
        };
        gain -= cost;
        windows.push((w, new));
    }
    // The margin decides only between the two least gains, and only for a
    // move within one window: it compares the pairs with placements up to
    // 40 segments off, while places farther apart than a window are found
    // among thousands of placements (the whole Bible as one pair: two
    // verses of I Samuel paired with two of Matthew, 23,661 segments off,
    // at a gain of 9.1 with a margin of 1.09).
    let near = windows.len() == 1;
    let margin = (near && (GAIN_MIN_DISTINCT..GAIN_MIN).contains(&gain))
        .then(|| chance_cost(block, (s, t), p) - plain_own);
    let trial = Trial {
        gain,
        margin,
        block: block.to_vec(),
        windows,
    };
    (reach, Some(trial))
}

/// The least cost of the block's bead shapes laid over other segments of
/// the same document: the block's target side shifted by 4 to 40 segments
/// either way with its source side in place, and the source side shifted
/// with the target in place. A block of formulaic sentences matches its
/// neighbours about as well as its partners; a true block stands out.
fn chance_cost(block: &[Bead], (s, t): (&Side, &Side), p: &Params) -> f64 {
    // `r` shifted by `d`, when it stays within `n` segments.
    let shift = |r: &Range<usize>, d: isize, n: usize| -> Option<Range<usize>> {
        let (a, b) = (r.start.checked_add_signed(d)?, r.end.checked_add_signed(d)?);
        (b <= n).then_some(a..b)
    };
    let last = &block[block.len() - 1];
    let span_s = block[0].src.start..last.src.end;
    let span_t = block[0].tgt.start..last.tgt.end;
    let mut best = f64::INFINITY;
    for d in (-40isize..=40).filter(|d| d.abs() >= 4) {
        for on_src in [false, true] {
            let fits = if on_src {
                shift(&span_s, d, s.n())
            } else {
                shift(&span_t, d, t.n())
            };
            if fits.is_none() {
                continue;
            }
            let laid: Vec<Bead> = block
                .iter()
                .map(|b| Bead {
                    src: if on_src {
                        shift(&b.src, d, s.n()).unwrap()
                    } else {
                        b.src.clone()
                    },
                    tgt: if on_src {
                        b.tgt.clone()
                    } else {
                        shift(&b.tgt, d, t.n()).unwrap()
                    },
                    confidence: 1.0,
                })
                .collect();
            best = best.min(path_cost_of(&laid, (s, t), p));
        }
    }
    best
}

/// The DP's cost of `beads` (consecutive in the order of their segments,
/// with holes where segments moved), aligned as they stand: a bead whose
/// shape the DP does not have (joined from gaps) counts as the gaps it was.
fn path_cost_of(beads: &[Bead], (s, t): (&Side, &Side), p: &Params) -> f64 {
    let is: Vec<usize> = beads.iter().flat_map(|b| b.src.clone()).collect();
    let js: Vec<usize> = beads.iter().flat_map(|b| b.tgt.clone()).collect();
    let mut path = vec![(0, 0)];
    let (mut i, mut j) = (0, 0);
    for b in beads {
        let (a, c) = (b.src.len(), b.tgt.len());
        if dp::SHAPES.contains(&(a, c)) {
            i += a;
            j += c;
            path.push((i, j));
        } else {
            for _ in 0..a {
                i += 1;
                path.push((i, j));
            }
            for _ in 0..c {
                j += 1;
                path.push((i, j));
            }
        }
    }
    sides_cost((&gather(s, &is), &gather(t, &js)), &path, p)
}

/// [`dp::path_cost`], also where one side is empty (a run of gaps).
fn sides_cost((a, b): (&Side, &Side), path: &[(usize, usize)], p: &Params) -> f64 {
    let run = |k: usize| {
        if k == 0 {
            0.0
        } else {
            p.skip + (k - 1) as f64 * p.skip_extend
        }
    };
    if a.n() == 0 || b.n() == 0 {
        return run(a.n()) + run(b.n());
    }
    dp::path_cost(a, b, p, path)
}

/// The monotone alignment of the segments `keep_s` and `keep_t` (document
/// indices, in order) with its cost; `None` when a bead would span a gap
/// between kept indices. The beads' confidences are the DP's posteriors
/// when `confidence` is set, else 0 (a judgement needs only the cost; the
/// path is the same either way).
fn realign(
    (s, t): (&Side, &Side),
    (keep_s, keep_t): (&[usize], &[usize]),
    p: &Params,
    confidence: bool,
) -> Option<(Vec<Bead>, f64)> {
    let (rs, rt) = (gather(s, keep_s), gather(t, keep_t));
    let (path, post) = if keep_s.is_empty() || keep_t.is_empty() {
        let mut path = vec![(0, 0)];
        path.extend((1..=keep_s.len()).map(|i| (i, 0)));
        path.extend((1..=keep_t.len()).map(|j| (keep_s.len(), j)));
        let post = vec![1.0; path.len() - 1];
        (path, post)
    } else {
        let mut scratch = dp::Scratch::new(rs.n(), rt.n());
        let (path, post) = dp::align_in(&rs, &rt, p, None, confidence, &mut scratch);
        let post = if confidence {
            post
        } else {
            vec![0.0; path.len() - 1]
        };
        (path, post)
    };
    let cost = sides_cost((&rs, &rt), &path, p);
    // Document range of the local range `r` of `keep`; an empty range
    // stands before the next kept index (or after the last).
    let back = |r: Range<usize>, keep: &[usize], last: usize| -> Option<Range<usize>> {
        if r.is_empty() {
            let at = keep.get(r.start).copied().unwrap_or(last);
            return Some(at..at);
        }
        let (a, b) = (keep[r.start], keep[r.end - 1] + 1);
        (b - a == r.len()).then_some(a..b)
    };
    let end_s = keep_s.last().map_or(0, |&i| i + 1);
    let end_t = keep_t.last().map_or(0, |&j| j + 1);
    let beads = path
        .windows(2)
        .zip(post)
        .map(|(w, c)| {
            Some(Bead {
                src: back(w[0].0..w[1].0, keep_s, end_s)?,
                tgt: back(w[0].1..w[1].1, keep_t, end_t)?,
                confidence: (c * 1000.0).round() / 1000.0,
            })
        })
        .collect::<Option<Vec<Bead>>>()?;
    Some((beads, cost))
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
/// What [`scan`] found: the best alignment of a run (with up to `ext`
/// neighbours on each side) with a window of the other side.
#[derive(Debug)]
struct Hit {
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
) -> Vec<Hit> {
    let lo = r.start.saturating_sub(ext);
    let hi = (r.end + ext).min(x.n());
    let xr = lo..hi;
    let (m, n) = (xr.len(), y.n());
    if r.is_empty() || n == 0 || r.len() > MAX_WINDOW {
        return Vec::new();
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
            let (mut best, mut start) = (d[at], from[at]);
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
                        start = from[prev];
                    }
                }
            }
            d[at] = best;
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
    // The best windows that do not overlap one another, best first.
    let mut out: Vec<Hit> = Vec::new();
    let mut by_cost: Vec<usize> = (0..=n).filter(|&j| ends[j].0.is_finite()).collect();
    by_cost.sort_by(|&a, &b| ends[a].0.total_cmp(&ends[b].0).then(a.cmp(&b)));
    for end in by_cost {
        if out.len() == SEEDS {
            break;
        }
        let i_end = ends[end].1;
        let (i_start, start) = from[i_end * w + end];
        if start >= end || out.iter().any(|h| start < h.y.end && h.y.start < end) {
            continue;
        }
        out.push(Hit {
            x: lo + i_start..lo + i_end,
            y: start..end,
        });
    }
    out
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

/// The DP's alignment of source run `sr` with target run `tr`, in
/// document indices.
fn pair_runs(s: &Side, t: &Side, (sr, tr): (Range<usize>, Range<usize>), p: &Params) -> Vec<Bead> {
    let (a, b) = (
        gather(s, &sr.clone().collect::<Vec<_>>()),
        gather(t, &tr.clone().collect::<Vec<_>>()),
    );
    let mut scratch = dp::Scratch::new(a.n(), b.n());
    let (path, post) = dp::align_in(&a, &b, p, None, true, &mut scratch);
    path.windows(2)
        .zip(post)
        .map(|(w, c)| Bead {
            src: sr.start + w[0].0..sr.start + w[1].0,
            tgt: tr.start + w[0].1..tr.start + w[1].1,
            confidence: (c * 1000.0).round() / 1000.0,
        })
        .collect()
}

/// The lengths of bead `b`'s sides fit: a length cost of at most
/// [`LENGTH_MAX`].
fn fits(s: &Side, t: &Side, b: &Bead, p: &Params) -> bool {
    let ls: f64 = s.len[b.src.clone()].iter().sum();
    let lt: f64 = t.len[b.tgt.clone()].iter().sum();
    cost::length_cost(ls, lt, p.ratio, p.s2) <= LENGTH_MAX
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

    /// Lengths of toy segment `i`.
    fn toy_len(i: usize) -> f64 {
        30.0 + ((i * 37) % 130) as f64
    }

    /// A toy source of 60 segments and its target edition, in which the
    /// partner of source segment `i` is target segment `tgt_of[i]`: the two
    /// share feature `i` alone and have the same length. Unpaired segments
    /// (`None`) get features of their own.
    fn toy_pair(tgt_of: &[Option<usize>], nt: usize) -> (Side, Side) {
        let ids: Vec<u32> = (0..tgt_of.len() as u32).collect();
        let len: Vec<f64> = (0..tgt_of.len()).map(toy_len).collect();
        let s = toy(&len, &ids);
        let mut t_len: Vec<f64> = (0..nt).map(|j| toy_len(j + 7)).collect();
        let mut t_ids: Vec<u32> = (0..nt as u32).map(|j| 10_000 + j).collect();
        for (i, j) in tgt_of.iter().enumerate() {
            if let Some(j) = *j {
                t_len[j] = len[i] * Params::default().ratio;
                t_ids[j] = i as u32;
            }
        }
        (s, toy(&t_len, &t_ids))
    }

    fn find_toy(beads: Vec<Bead>, (s, t): (Side, Side)) -> (Vec<Bead>, Vec<Bead>) {
        let texts = |n: usize| -> Vec<String> { (0..n).map(|k| format!("S{k}.")).collect() };
        let (ts, tt) = (texts(s.n()), texts(t.n()));
        let segs = |v: &[String]| {
            crate::segment::one_per_paragraph(&v.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let (src, tgt) = (segs(&ts), segs(&tt));
        find(beads, (&src, &tgt), &Params::default(), None, || (s, t))
    }

    #[test]
    fn a_block_absorbed_into_neighbouring_beads_at_both_places_is_paired() {
        // Source 20..25 stands in the target after the partner of source
        // 49: target 45..50. The monotone alignment left 21..24 one-sided
        // and put the block's edges 20 and 24 into 2-1 beads with their
        // neighbours' partners.
        let tgt_of: Vec<Option<usize>> = (0..60)
            .map(|i| {
                Some(match i {
                    0..=19 | 50.. => i,
                    20..=24 => 45 + i - 20,
                    _ => i - 5,
                })
            })
            .collect();
        let mut beads: Vec<Bead> = (0..19).map(|i| bead(i..i + 1, i..i + 1)).collect();
        beads.push(bead(19..21, 19..20));
        beads.extend((21..24).map(|i| bead(i..i + 1, 20..20)));
        beads.push(bead(24..26, 20..21));
        // At the new place the same: 45 and 49 went into 1-2 beads.
        beads.extend((26..49).map(|i| bead(i..i + 1, i - 5..i - 4)));
        beads.push(bead(49..50, 44..46));
        beads.extend((46..49).map(|j| bead(50..50, j..j + 1)));
        beads.push(bead(50..51, 49..51));
        beads.extend((51..60).map(|i| bead(i..i + 1, i..i + 1)));
        let (rest, moved) = find_toy(beads, toy_pair(&tgt_of, 60));
        let pairs = ranges(&moved);
        let want: Vec<(Range<usize>, Range<usize>)> =
            (20..25).map(|i| (i..i + 1, 25 + i..26 + i)).collect();
        assert_eq!(pairs, want, "{rest:?}");
        // The old place is realigned without the block: 19 and 25 paired
        // with their own partners again.
        assert!(rest.iter().any(|b| b.src == (19..20) && b.tgt == (19..20)));
        assert!(rest.iter().any(|b| b.src == (25..26) && b.tgt == (20..21)));
        assert!(rest.iter().any(|b| b.src == (49..50) && b.tgt == (44..45)));
        assert!(rest.iter().any(|b| b.src == (50..51) && b.tgt == (50..51)));
    }

    #[test]
    fn unmove_puts_a_run_back_where_its_lengths_fit_beside_a_shifted_place() {
        // Source 20..24 stands in the target at 46..50, after the partner
        // of source 49. The monotone alignment paired source 20..24 with
        // the partners of 24..28 and left 24..28 one-sided: the place is
        // four off the block. Nothing is shared; lengths alone tell.
        let tgt_of = |i: usize| match i {
            20..=23 => i + 26,
            24..=49 => i - 4,
            _ => i,
        };
        let len: Vec<f64> = (0..60).map(toy_len).collect();
        let s = toy(&len, &(0..60).collect::<Vec<u32>>());
        let mut t_len = vec![0.0; 60];
        (0..60).for_each(|i| t_len[tgt_of(i)] = len[i] * Params::default().ratio);
        let t = toy(&t_len, &(10_000..10_060).collect::<Vec<u32>>());
        let mut beads: Vec<Bead> = (0..24).map(|i| bead(i..i + 1, i..i + 1)).collect();
        beads.extend((24..28).map(|i| bead(i..i + 1, 24..24)));
        beads.extend((28..50).map(|i| bead(i..i + 1, i - 4..i - 3)));
        beads.extend((46..50).map(|j| bead(50..50, j..j + 1)));
        beads.extend((50..60).map(|i| bead(i..i + 1, i..i + 1)));
        let p = Params::default();
        // The target run put back among the sources around the place (and
        // the run's length again on either side of it).
        assert_eq!(
            unmove(&beads, (&s, &t), &(46..50), false, 14..38, &p),
            Some(20..24)
        );
    }

    /// Source 40..44 stands in the target at 10..14, before the partners
    /// of source 10..40 (target 14..44); the monotone alignment paired
    /// source 10..40 with target 10..40, four off, and left source 40..44
    /// and target 40..44 one-sided. The beads and the toy sides.
    fn shifted_block() -> (Vec<Bead>, (Side, Side)) {
        let tgt_of: Vec<Option<usize>> = (0..60)
            .map(|i| {
                Some(match i {
                    10..=39 => i + 4,
                    40..=43 => i - 30,
                    _ => i,
                })
            })
            .collect();
        let mut beads: Vec<Bead> = (0..40).map(|i| bead(i..i + 1, i..i + 1)).collect();
        beads.extend((40..44).map(|i| bead(i..i + 1, 40..40)));
        beads.extend((40..44).map(|j| bead(44..44, j..j + 1)));
        beads.extend((44..60).map(|i| bead(i..i + 1, i..i + 1)));
        (beads, toy_pair(&tgt_of, 60))
    }

    /// The moved pairs of [`shifted_block`]: source 40..44 with target
    /// 10..14.
    fn shifted_block_pairs() -> Vec<(Range<usize>, Range<usize>)> {
        (40..44).map(|i| (i..i + 1, i - 30..i - 29)).collect()
    }

    /// The source and target ranges of `beads`.
    fn ranges(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    /// The pairs `refine` makes of the move first judged on `first`, in
    /// [`shifted_block`].
    fn refined_in_shifted_block(first: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        let (beads, (s, t)) = shifted_block();
        let p = Params::default();
        let (of_s, of_t) = bead_index(&beads, (60, 60));
        let at = (&of_s[..], &of_t[..]);
        let first = judge(&beads, at, first, (&s, &t), &p, None).unwrap();
        let used = vec![false; 60];
        let done = refine(first, &beads, at, (&s, &t), &p, None, (&used, &used));
        ranges(&done.block)
    }

    #[test]
    fn refine_moves_a_blocks_edges_to_where_its_move_gains_most() {
        // Source 40..44 stands in the target at 10..14 (`shifted_block`); the
        // move is first judged on its part 42..44 (as when the candidate
        // it came from was cut short), which refining takes to the whole
        // block.
        let part = [bead(42..43, 12..13), bead(43..44, 13..14)];
        assert_eq!(refined_in_shifted_block(&part), shifted_block_pairs());
    }

    #[test]
    fn refine_moves_one_sides_edges_together() {
        // The move first judged pairs target 10..14 with source 41..45,
        // one off (as a decoy of like lengths would): the source's two
        // edges move back together to source 40..44, its partners.
        let first: Vec<Bead> = (41..45).map(|i| bead(i..i + 1, i - 31..i - 30)).collect();
        assert_eq!(refined_in_shifted_block(&first), shifted_block_pairs());
    }

    #[test]
    fn two_blocks_far_apart_both_move_and_the_later_keeps_its_judgement() {
        // `shifted_block` twice in one document of 400 segments: source
        // 40..44 stands in the target at 10..14 and source 340..344 at
        // 310..314. The second move is taken on the judgement made before
        // the first (its windows lie 270 segments off); in a debug build
        // `find` checks that judgement against a fresh one.
        let tgt_of: Vec<Option<usize>> = (0..400)
            .map(|i| {
                Some(match i {
                    10..=39 | 310..=339 => i + 4,
                    40..=43 | 340..=343 => i - 30,
                    _ => i,
                })
            })
            .collect();
        let mut beads: Vec<Bead> = Vec::new();
        for o in [0, 300] {
            beads.extend((o..o + 40).map(|i| bead(i..i + 1, i..i + 1)));
            beads.extend((o + 40..o + 44).map(|i| bead(i..i + 1, o + 40..o + 40)));
            beads.extend((o + 40..o + 44).map(|j| bead(o + 44..o + 44, j..j + 1)));
            let end = if o == 0 { 300 } else { 400 };
            beads.extend((o + 44..end).map(|i| bead(i..i + 1, i..i + 1)));
        }
        let (rest, moved) = find_toy(beads, toy_pair(&tgt_of, 400));
        let want: Vec<(Range<usize>, Range<usize>)> = (40..44)
            .chain(340..344)
            .map(|i| (i..i + 1, i - 30..i - 29))
            .collect();
        assert_eq!(ranges(&moved), want, "{rest:?}");
    }

    #[test]
    fn a_block_that_shifts_the_pairs_between_its_places_is_paired() {
        // Source 40..44 stands in the target at 10..14, before the
        // partners of source 10..40 (target 14..44). The monotone
        // alignment paired source 10..40 with target 10..40, four off,
        // and left source 40..44 and target 40..44 one-sided. Realigning
        // a few beads around each place cannot undo the shift; the stretch
        // between the places realigned without the block can.
        let (beads, sides) = shifted_block();
        let (rest, moved) = find_toy(beads, sides);
        assert_eq!(ranges(&moved), shifted_block_pairs(), "{rest:?}");
        for i in 10..40 {
            assert!(
                rest.iter()
                    .any(|b| b.src == (i..i + 1) && b.tgt == (i + 4..i + 5)),
                "{i} {rest:?}"
            );
        }
    }

    #[test]
    fn a_block_without_shared_words_moves_when_its_lengths_stand_out() {
        // Source 30..33 stands in the target at 10..13. The pairs share no
        // word; only their lengths fit, to a tenth (lengths unlike their
        // neighbours'), and fit better than any placement of the same
        // shapes nearby. Their realignment gain is below GAIN_MIN; their
        // margin over chance carries them.
        let tgt_of: Vec<Option<usize>> = (0..60)
            .map(|i| {
                Some(match i {
                    10..=29 => i + 3,
                    30..=32 => i - 20,
                    _ => i,
                })
            })
            .collect();
        let (mut s, mut t) = toy_pair(&tgt_of, 60);
        for (k, l) in [210.0, 18.0, 190.0].into_iter().enumerate() {
            s.len[30 + k] = l;
            t.len[10 + k] = l * Params::default().ratio * 1.1;
            t.bags[10 + k] = vec![(30_000 + k as u32, 1.0)];
        }
        let mut beads: Vec<Bead> = (0..10).map(|i| bead(i..i + 1, i..i + 1)).collect();
        beads.extend((10..13).map(|j| bead(10..10, j..j + 1)));
        beads.extend((10..30).map(|i| bead(i..i + 1, i + 3..i + 4)));
        beads.extend((30..33).map(|i| bead(i..i + 1, 33..33)));
        beads.extend((33..60).map(|i| bead(i..i + 1, i..i + 1)));
        let (sides, p) = ((&s, &t), Params::default());
        let block: Vec<Bead> = (30..33).map(|i| bead(i..i + 1, i - 20..i - 19)).collect();
        let (bead_of_s, bead_of_t) = bead_index(&beads, (60, 60));
        let trial = judge(&beads, (&bead_of_s, &bead_of_t), &block, sides, &p, None).unwrap();
        assert!(
            (GAIN_MIN_DISTINCT..GAIN_MIN).contains(&trial.gain)
                && trial.margin.is_some_and(|m| m >= MARGIN_MIN),
            "gain {} margin {:?}",
            trial.gain,
            trial.margin
        );
        let (_, moved) = find_toy(beads, (s.clone(), t.clone()));
        let pairs = ranges(&moved);
        assert_eq!(
            pairs,
            block
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_free_translation_is_not_turned_into_a_move() {
        // Source 10 and 11 have no partner where they stand; target 40
        // and 41, thirty positions later, say something like them in other
        // words: lengths that fit, one faint shared word each.
        let tgt_of: Vec<Option<usize>> = (0..60)
            .map(|i| match i {
                10 | 11 => None,
                12..=41 => Some(i - 2),
                _ => Some(i),
            })
            .collect();
        let (mut s, mut t) = toy_pair(&tgt_of, 60);
        for (i, j) in [(10, 40), (11, 41)] {
            t.len[j] = s.len[i];
            s.bags[i].push((20_000 + i as u32, 0.3));
            t.bags[j].push((20_000 + i as u32, 0.3));
            s.wsum[i] += 0.3;
            t.wsum[j] += 0.3;
        }
        let mut beads: Vec<Bead> = (0..10).map(|i| bead(i..i + 1, i..i + 1)).collect();
        beads.extend((10..12).map(|i| bead(i..i + 1, 10..10)));
        beads.extend((12..42).map(|i| bead(i..i + 1, i - 2..i - 1)));
        beads.extend((40..42).map(|j| bead(42..42, j..j + 1)));
        beads.extend((42..60).map(|i| bead(i..i + 1, i..i + 1)));
        let (rest, moved) = find_toy(beads.clone(), (s, t));
        assert!(moved.is_empty(), "{moved:?}");
        assert_eq!(rest, beads);
    }

    #[test]
    fn scan_finds_a_block_by_its_length_profile_and_words() {
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
        let hits = scan(&x, (&(0..5), 0), &y, &post, &p, true, (&zx, &zy));
        assert_eq!((hits[0].x.clone(), hits[0].y.clone()), (0..5, 50..55));
        // Up to SEEDS windows, none overlapping another.
        assert!(hits.len() <= SEEDS && hits.len() > 1, "{hits:?}");
        for (k, a) in hits.iter().enumerate() {
            for b in &hits[k + 1..] {
                assert!(a.y.end <= b.y.start || b.y.end <= a.y.start, "{hits:?}");
            }
        }
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
        // With the costs of leaving, the one-sided window is the best, and
        // the neighbour joins the run.
        let h = &scan(&x, (&(1..6), GROW), &y, &post, &p, true, (&ox, &oy))[0];
        assert_eq!((h.x.clone(), h.y.clone()), (0..6, 49..55), "{h:?}");
        // Without leave to grow, the run alone.
        let h = &scan(&x, (&(1..6), 0), &y, &post, &p, true, (&ox, &oy))[0];
        assert_eq!((h.x.clone(), h.y.clone()), (1..6, 50..55));
    }
}
