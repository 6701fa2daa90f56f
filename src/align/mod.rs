//! Sentence alignment: two segment lists become a monotone sequence of
//! [`Bead`]s, each with a confidence.
//!
//! The method (our own design, after Gale & Church 1993 and the lexical
//! aligners that followed):
//!
//! 1. Every segment gets a length (characters) and a bag of lexical
//!    features ([`features`]): numbers normalised across locales, month
//!    names, names and acronyms, cognate keys (4-character prefixes),
//!    telling punctuation and, when a dictionary is given, its links.
//! 2. A dynamic programme over fourteen bead shapes (1-1, 1-0, 0-1, 2-1,
//!    1-2, 2-2, 3-1, 1-3, 3-2, 2-3, 4-1, 1-4, 5-1, 1-5) scores each bead by a Gale–Church length cost, a prior
//!    per shape, a lexical bonus proportional to the bead's Dice similarity
//!    *times its size* (so big beads gain nothing by swallowing
//!    neighbours) and, for structured input, soft structure costs: a
//!    heading pairs with a heading, a list item with a list item, a bead
//!    starting a paragraph on one side should start one on the other, and
//!    crossing a paragraph break costs extra (but is allowed, for editions
//!    that paragraph differently).
//! 3. The programme runs in a band around a path found on a coarser copy of
//!    both sides (units merged in pairs, recursively), widened where the
//!    path touches its edge: linear time and memory.
//! 4. A second pass adds a lexicon learned from the confident 1-1 beads of
//!    the first (Dice co-occurrence), rescales the length variance to the
//!    spread of those beads' lengths (a robust, shrunk per-document
//!    estimate) and realigns in a band around the first path.
//! 5. Each bead's posterior probability under the model, by
//!    forward–backward in the final band, is turned into its confidence by
//!    a map fitted on the gold sets ([`calibrate`]).
//! 6. Gaps the programme had to leave for want of a bead shape (one
//!    sentence against eight) are joined into one bead where it would have
//!    preferred that bead ([`join_gap_runs`]).

pub mod calibrate;
mod cost;
mod dp;
mod features;
mod moves;
pub mod semantic;

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use crate::lang::Lang;
use crate::lexicon::{one_to_one_runs, words, Lexicon};
use crate::read::BlockKind;
use crate::segment::Segment;

pub use cost::length_cost;
pub use features::{fold, tokenize, Token};
pub use semantic::{Embedder, Embedding, DIM};

use cost::Params;
use dp::Side;
use features::{bag, weight, Analysed, Analyser, Links};
use rayon::prelude::*;

/// One aligned unit: consecutive source segments matched with consecutive
/// target segments. Either side may be empty (1-0, 0-1).
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Source segment indices.
    pub src: Range<usize>,
    /// Target segment indices.
    pub tgt: Range<usize>,
    /// How sure the aligner is, in [0, 1].
    pub confidence: f64,
}

impl Bead {
    /// The bead type as `"1-2"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// A complete alignment: beads in order and moved pairs, covering every
/// segment of both sides exactly once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// The beads, monotone in both sides.
    pub beads: Vec<Bead>,
    /// Moved pairs (see `moves`): two-sided beads pairing a block of
    /// source segments with a block of target segments that the other
    /// edition places elsewhere, ordered by source position. Their segments
    /// are in no bead of [`Alignment::beads`], which cover every other
    /// segment exactly once.
    pub moved: Vec<Bead>,
}

impl Alignment {
    /// The sentence pairs of an alignment worth learning words from, as word
    /// lists: the 1-1 beads whose neighbours are 1-1 too (runs of 1-1 beads
    /// are rarely wrong, whatever their confidence).
    pub fn training_pairs(
        &self,
        src: &[Segment],
        tgt: &[Segment],
    ) -> Vec<(Vec<String>, Vec<String>)> {
        let beads = &self.beads;
        let shapes: Vec<(usize, usize)> =
            beads.iter().map(|b| (b.src.len(), b.tgt.len())).collect();
        one_to_one_runs(&shapes)
            .into_iter()
            .filter_map(|k| {
                let b = &beads[k];
                Some((
                    words(&src.get(b.src.start)?.text),
                    words(&tgt.get(b.tgt.start)?.text),
                ))
            })
            .collect()
    }

    /// Merge consecutive beads into paragraph-level beads: a group closes
    /// where both sides are at a paragraph (block) boundary. Its confidence
    /// is the lowest of its members'.
    pub fn by_paragraph(&self, src: &[Segment], tgt: &[Segment]) -> Alignment {
        fn at_boundary(segs: &[Segment], k: usize) -> bool {
            k == 0 || k >= segs.len() || segs[k].para != segs[k - 1].para
        }
        let mut out: Vec<Bead> = Vec::new();
        let mut open: Option<Bead> = None;
        for b in &self.beads {
            // A moved pair's segments between two beads end the unit: a
            // range across them would hold them twice.
            if let Some(g) = open.take_if(|g| g.src.end != b.src.start || g.tgt.end != b.tgt.start)
            {
                out.push(g);
            }
            let g = match open.take() {
                None => b.clone(),
                Some(g) => Bead {
                    src: g.src.start.min(b.src.start)..b.src.end.max(g.src.end),
                    tgt: g.tgt.start.min(b.tgt.start)..b.tgt.end.max(g.tgt.end),
                    confidence: g.confidence.min(b.confidence),
                },
            };
            // An empty side takes its position from the other beads.
            let g = Bead {
                src: if g.src.is_empty() {
                    b.src.end..b.src.end
                } else {
                    g.src
                },
                tgt: if g.tgt.is_empty() {
                    b.tgt.end..b.tgt.end
                } else {
                    g.tgt
                },
                ..g
            };
            if at_boundary(src, g.src.end) && at_boundary(tgt, g.tgt.end) {
                out.push(g);
            } else {
                open = Some(g);
            }
        }
        out.extend(open);
        Alignment {
            beads: out,
            moved: self.moved.clone(),
        }
    }
}

/// Where the encoder is spent (see [`Aligner::semantic`]).
#[derive(Clone)]
struct Meaning {
    embedder: Arc<dyn Embedder>,
    everywhere: bool,
}

impl std::fmt::Debug for Meaning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meaning")
            .field("everywhere", &self.everywhere)
            .finish_non_exhaustive()
    }
}

/// Aligns two editions. Build with [`Aligner::new`], adjust with the setters.
#[derive(Debug, Clone)]
pub struct Aligner {
    dictionary: Option<Lexicon>,
    passes: usize,
    structure: Option<bool>,
    params: Params,
    meaning: Option<Meaning>,
}

impl Default for Aligner {
    fn default() -> Aligner {
        Aligner {
            dictionary: None,
            passes: 2,
            structure: None,
            params: Params::default(),
            meaning: None,
        }
    }
}

impl Aligner {
    /// An aligner with default settings.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Use a bilingual dictionary (either direction; it is oriented by the
    /// vocabulary of the two sides). By default, none.
    pub fn dictionary(&mut self, lexicon: Lexicon) -> &mut Self {
        self.dictionary = Some(lexicon);
        self
    }

    /// Number of passes: 1 aligns once; 2 or more realign with a lexicon
    /// learned from the previous pass. By default, 2.
    pub fn passes(&mut self, passes: usize) -> &mut Self {
        self.passes = passes.max(1);
        self
    }

    /// Force structure costs on or off. By default they are used when both
    /// sides have paragraphs of more than one segment (not for
    /// pre-segmented input, where every line is its own block).
    pub fn structure(&mut self, on: bool) -> &mut Self {
        self.structure = Some(on);
        self
    }

    /// Add meaning evidence from a sentence encoder: after the passes
    /// above, the beads the aligner is unsure of (posterior below
    /// [`DOUBTFUL`], before [`calibrate`]) or that join segments, and their neighbours are realigned with the similarity
    /// of their sentence vectors as one more cost ([`semantic`]). By
    /// default, no encoder.
    pub fn semantic(&mut self, embedder: Arc<dyn Embedder>) -> &mut Self {
        self.meaning = Some(Meaning {
            embedder,
            everywhere: false,
        });
        self
    }

    /// With [`Aligner::semantic`], embed every segment and overlap instead
    /// of only the windows around doubtful beads. By default, off.
    pub fn semantic_everywhere(&mut self, on: bool) -> &mut Self {
        if let Some(m) = &mut self.meaning {
            m.everywhere = on;
        }
        self
    }

    /// Align `src` with `tgt`.
    pub fn align(
        &self,
        src: &[Segment],
        tgt: &[Segment],
        src_lang: Lang,
        tgt_lang: Lang,
    ) -> Alignment {
        let (n, m) = (src.len(), tgt.len());
        if n == 0 || m == 0 {
            let beads = (0..n)
                .map(|i| Bead {
                    src: i..i + 1,
                    tgt: 0..0,
                    confidence: 1.0,
                })
                .chain((0..m).map(|j| Bead {
                    src: n..n,
                    tgt: j..j + 1,
                    confidence: 1.0,
                }))
                .collect();
            return Alignment {
                beads,
                moved: Vec::new(),
            };
        }
        let mut params = self.params.clone();
        // Per-segment work that needs no shared state runs in parallel;
        // sums and interning stay sequential, in order.
        let src_len: Vec<f64> = src.par_iter().map(|s| chars(&s.text)).collect();
        let tgt_len: Vec<f64> = tgt.par_iter().map(|s| chars(&s.text)).collect();
        let ls: f64 = src_len.iter().sum();
        let lt: f64 = tgt_len.iter().sum();
        params.ratio = if ls > 0.0 && lt > 0.0 {
            (lt / ls).clamp(0.5, 2.0)
        } else {
            1.0
        };
        params.structure = self
            .structure
            .unwrap_or_else(|| has_structure(src) && has_structure(tgt));

        let mut analyser = Analyser::default();
        let src_an = analyse_all(src, src_lang, &mut analyser);
        let tgt_an = analyse_all(tgt, tgt_lang, &mut analyser);
        let lens = (&src_len[..], &tgt_len[..]);
        let dict_pairs: Vec<(u32, u32)> = match &self.dictionary {
            None => Vec::new(),
            Some(d) => dictionary_pairs(d, &analyser, &src_an, &tgt_an),
        };
        let (s0, t0) = sides(src, tgt, lens, &src_an, &tgt_an, &dict_pairs, &mut analyser);
        // The DP's tables serve every pass.
        let mut scratch = dp::Scratch::new(s0.n(), t0.n());
        let (mut path, mut post) =
            dp::align_in(&s0, &t0, &params, None, self.passes == 1, &mut scratch);
        drop((s0, t0));
        // The lexicon links of the last pass, for the meaning pass.
        let mut last_lex = dict_pairs.clone();
        for _ in 1..self.passes {
            let runs = path_runs(&path);
            params.s2 = self.params.s2 * spread_factor(&runs, src, tgt, params.ratio);
            let long = runs.len() >= DICE_SMALL;
            let pairs = first_pass_pairs(&path, &runs, long, &src_an, &tgt_an, &analyser);
            let min_dice = if long { DICE_MIN } else { DICE_MIN_SMALL };
            let mut lex = crate::lexicon::dice_pairs(&pairs, 2, min_dice);
            lex.extend_from_slice(&dict_pairs);
            let (s1, t1) = sides(src, tgt, lens, &src_an, &tgt_an, &lex, &mut analyser);
            let (p, q) = dp::align_in(&s1, &t1, &params, Some(&path), true, &mut scratch);
            path = p;
            post = q;
            last_lex = lex;
        }
        // The meaning pass and the moves embed many of the same spans.
        let remember = self
            .meaning
            .as_ref()
            .map(|m| semantic::Remember::new(&*m.embedder));
        let embedder = remember.as_ref().map(|r| r as &dyn Embedder);
        if let (Some(m), Some(embedder)) = (&self.meaning, embedder) {
            let windows = (!m.everywhere).then(|| doubtful_windows(&path, &post));
            if windows.as_ref().map_or(true, |w| !w.0.is_empty()) {
                let texts = |segs: &[Segment]| -> Vec<String> {
                    segs.iter().map(|s| s.text.clone()).collect()
                };
                let (st, tt) = (texts(src), texts(tgt));
                let (sr, tr): (Vec<&str>, Vec<&str>) = (
                    st.iter().map(String::as_str).collect(),
                    tt.iter().map(String::as_str).collect(),
                );
                let meaning = semantic::Meaning::build(
                    &sr,
                    &tr,
                    windows.as_ref().map(|w| &w.0[..]),
                    windows.as_ref().map(|w| &w.1[..]),
                    semantic::Weights::default(),
                    embedder,
                );
                let (s1, t1) = sides(src, tgt, lens, &src_an, &tgt_an, &last_lex, &mut analyser);
                params.meaning = Some(Arc::new(meaning));
                params.temperature = SEMANTIC_TEMPERATURE;
                let (p, q) = dp::align_in(&s1, &t1, &params, Some(&path), true, &mut scratch);
                path = p;
                post = q;
            }
        }
        let beads = path
            .windows(2)
            .zip(post)
            .map(|(w, c)| Bead {
                src: w[0].0..w[1].0,
                tgt: w[0].1..w[1].1,
                confidence: (c * 1000.0).round() / 1000.0,
            })
            .collect();
        let beads = join_gap_runs(beads, (src, tgt), (&src_len, &tgt_len), &params);
        let (mut beads, mut moved) = moves::find(beads, (src, tgt), &params, embedder, || {
            sides(src, tgt, lens, &src_an, &tgt_an, &last_lex, &mut analyser)
        });
        moves::place_empty_sides(&mut beads, &moved);
        let table = calibrate::Table::of(self.meaning.is_some());
        calibrate::beads(table, &mut beads);
        calibrate::beads(table, &mut moved);
        Alignment { beads, moved }
    }
}

/// Joins what the dynamic programme had to split into gaps for want of a
/// bead shape: one Bokmål sentence that joins sixty verses with semicolons
/// against sixty English sentences, or a 1-3 bead followed by three
/// unpaired target sentences where 1-6 was meant. A run of one-sided beads
/// becomes one bead — on its own when it holds segments of both sides, or
/// together with the two-sided bead before or after it — when the result
/// is a shape the DP does not have and it would have preferred that bead,
/// at the prior of the largest shapes, to what it had to use instead
/// (length and prior costs compared; the lexical bonus left out on both
/// sides), and, where structure counts, it does not cross a paragraph
/// break on one side only (a paragraph in one edition only stays a gap).
/// Its confidence is the lowest of the beads joined.
fn join_gap_runs(
    beads: Vec<Bead>,
    (src, tgt): (&[Segment], &[Segment]),
    (src_len, tgt_len): (&[f64], &[f64]),
    p: &Params,
) -> Vec<Bead> {
    let one_sided = |b: &Bead| b.src.is_empty() != b.tgt.is_empty();
    let span = |bs: &[&Bead]| {
        let src = bs[0].src.start..bs[bs.len() - 1].src.end;
        let tgt = bs[0].tgt.start..bs[bs.len() - 1].tgt.end;
        (src, tgt)
    };
    let length = |s: &Range<usize>, t: &Range<usize>| {
        let ls: f64 = src_len[s.clone()].iter().sum();
        let lt: f64 = tgt_len[t.clone()].iter().sum();
        cost::length_cost(ls, lt, p.ratio, p.s2)
    };
    // Paragraphs are in order: a range crosses a break when its first and
    // last segments lie in different paragraphs.
    let crosses = |segs: &[Segment], r: &Range<usize>| {
        p.structure && segs[r.start].para != segs[r.end - 1].para
    };
    // What the beads cost now (without the lexical bonus): gaps as the DP
    // counts them (a skip opens a run on one side, the next ones extend it).
    let cost_now = |bs: &[&Bead]| -> f64 {
        let mut c = 0.0;
        let mut prev: Option<bool> = None;
        for b in bs {
            if one_sided(b) {
                let side = b.src.is_empty();
                c += if prev == Some(side) {
                    p.skip_extend
                } else {
                    p.skip
                };
                prev = Some(side);
            } else {
                c += cost::prior(p, b.src.len(), b.tgt.len()) + length(&b.src, &b.tgt);
                prev = None;
            }
        }
        c
    };
    // The saving of joining `bs` into one bead, when that bead is one the
    // DP could not have made.
    let saving = |bs: &[&Bead]| -> Option<f64> {
        let (s, t) = span(bs);
        if s.is_empty() || t.is_empty() || dp::SHAPES.contains(&(s.len(), t.len())) {
            return None;
        }
        if crosses(src, &s) != crosses(tgt, &t) {
            return None;
        }
        let saved = cost_now(bs) - (p.c_big + length(&s, &t));
        (saved > 0.0).then_some(saved)
    };
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    let mut k = 0;
    while k < beads.len() {
        if !one_sided(&beads[k]) {
            out.push(beads[k].clone());
            k += 1;
            continue;
        }
        let mut e = k;
        while e < beads.len() && one_sided(&beads[e]) {
            e += 1;
        }
        let run = &beads[k..e];
        // A single gap beside a bead is what an omission looks like: it
        // stays, for `check` to report.
        let before = out
            .last()
            .filter(|b| run.len() >= 2 && !one_sided(b))
            .cloned();
        let after = beads.get(e).filter(|_| run.len() >= 2);
        // The run alone, with the bead before, with the one after (as
        // (beads, takes the bead before, takes the bead after)); the
        // largest saving wins, the first of equals.
        let mut candidates = vec![(run.iter().collect::<Vec<&Bead>>(), false, false)];
        if let Some(b) = &before {
            candidates.push((std::iter::once(b).chain(run).collect(), true, false));
        }
        if let Some(b) = after {
            candidates.push((run.iter().chain(std::iter::once(b)).collect(), false, true));
        }
        let mut best: Option<(f64, usize)> = None;
        for (c, (bs, _, _)) in candidates.iter().enumerate() {
            if let Some(s) = saving(bs) {
                if best.map_or(true, |(b, _)| s > b) {
                    best = Some((s, c));
                }
            }
        }
        match best {
            Some((_, c)) => {
                let (bs, takes_before, takes_after) = &candidates[c];
                let (s, t) = span(bs);
                let confidence = bs.iter().map(|b| b.confidence).fold(1.0, f64::min);
                if *takes_before {
                    out.pop();
                }
                out.push(Bead {
                    src: s,
                    tgt: t,
                    confidence,
                });
                k = e + usize::from(*takes_after);
            }
            None => {
                out.extend(run.iter().cloned());
                k = e;
            }
        }
    }
    out
}

/// Beads below this posterior (the uncalibrated confidence), after the
/// passes without meaning evidence, are realigned with it (with [`WINDOW_BEADS`] neighbours on
/// each side).
pub const DOUBTFUL: f64 = 0.9;
/// Beads on each side of a doubtful one realigned with it.
const WINDOW_BEADS: usize = 2;
/// Temperature of the confidences when meaning evidence is used (the
/// extra cost sharpens the posteriors).
const SEMANTIC_TEMPERATURE: f64 = 0.8;

/// The segments of both sides (as merged, sorted index ranges) covered by
/// the beads of `path` whose posterior `post` is below [`DOUBTFUL`] or that
/// hold more than one segment of a side (a merge the length and lexical
/// costs chose with confidence can still be a shifted pair of verses, as a
/// 2-1 bead followed by a 1-2), and [`WINDOW_BEADS`] beads on either side
/// of each.
fn doubtful_windows(
    path: &[(usize, usize)],
    post: &[f64],
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let beads = path.len().saturating_sub(1);
    let mut src: Vec<Range<usize>> = Vec::new();
    let mut tgt: Vec<Range<usize>> = Vec::new();
    for (k, &c) in post.iter().enumerate() {
        let merged = path[k + 1].0 - path[k].0 > 1 || path[k + 1].1 - path[k].1 > 1;
        if c >= DOUBTFUL && !merged {
            continue;
        }
        let a = k.saturating_sub(WINDOW_BEADS);
        let b = (k + 1 + WINDOW_BEADS).min(beads);
        for (out, r) in [
            (&mut src, path[a].0..path[b].0),
            (&mut tgt, path[a].1..path[b].1),
        ] {
            if r.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(l) if l.end >= r.start => l.end = l.end.max(r.end),
                _ => out.push(r),
            }
        }
    }
    (src, tgt)
}

/// Least Dice coefficient for a learned lexicon pair.
const DICE_MIN: f64 = 0.5;
/// Least Dice coefficient when fewer than [`DICE_SMALL`] confident pairs
/// are available (short documents): a looser lexicon measured better there
/// (ParIce, Text+Berg dev) and equal on the long ones.
const DICE_MIN_SMALL: f64 = 0.3;
/// Confident 1-1 pairs below which a document counts as short. A long
/// document learns its lexicon from every two-sided bead of up to
/// [`LEARN_MAX_BEAD`] segments (more coverage, and the Dice threshold
/// keeps the noise out); a short one only from the runs of 1-1 beads,
/// where the precision of each pair matters more (measured: Bible +0.003
/// span F1 from the wider source on long books; used on the short ParIce
/// documents as well it cost 0.002 strict F1).
const DICE_SMALL: usize = 130;
/// Largest bead (source + target segments) a long document learns from.
const LEARN_MAX_BEAD: usize = 3;

/// Typical robust spread of the length deviations (see [`spread`]) over
/// the 1-1 beads of the gold sets; a document at this spread keeps the
/// default variance.
const SPREAD_TYPICAL: f64 = 2.0;
/// Weight, in beads, of [`SPREAD_TYPICAL`] against a document's own
/// estimate: short documents stay near the default.
const SPREAD_PRIOR_BEADS: f64 = 5.0;

/// How much noisier (above 1) or tighter (below 1) the lengths of this
/// document pair are than typical, from the 1-1 beads `runs` of a first
/// pass: the per-document scale of the Gale–Church variance. Translations
/// differ: subtitles keep to their lines (about half the typical spread),
/// freely rewritten prose can have three times as much.
fn spread_factor(runs: &[(usize, usize)], src: &[Segment], tgt: &[Segment], ratio: f64) -> f64 {
    let pairs: Vec<(f64, f64)> = runs
        .iter()
        .map(|&(i, j)| (chars(&src[i].text), chars(&tgt[j].text)))
        .collect();
    let own = spread(&pairs, ratio);
    let n = pairs.len() as f64;
    let est = (n * own + SPREAD_PRIOR_BEADS * SPREAD_TYPICAL) / (n + SPREAD_PRIOR_BEADS);
    (est / SPREAD_TYPICAL).clamp(0.5, 3.0)
}

/// A robust estimate of the variance per character of the length
/// difference over `(source, target)` lengths: the median of the squared
/// Gale–Church deviations `(t/ratio − s)² / mean`, divided by the median of
/// a χ² variable with one degree of freedom (0.455), so that a few
/// misaligned beads do not inflate it. [`SPREAD_TYPICAL`] when empty.
fn spread(pairs: &[(f64, f64)], ratio: f64) -> f64 {
    let mut d: Vec<f64> = pairs
        .iter()
        .filter_map(|&(s, t)| {
            let t = t / ratio;
            let mean = (s + t) / 2.0;
            (mean > 0.0).then(|| (t - s) * (t - s) / mean)
        })
        .collect();
    if d.is_empty() {
        return SPREAD_TYPICAL;
    }
    d.sort_by(f64::total_cmp);
    d[d.len() / 2] / 0.455
}

/// [`one_to_one_runs`] of a path of cell corners, as the (source index,
/// target index) where each of those beads starts.
fn path_runs(path: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let shapes: Vec<(usize, usize)> = path
        .windows(2)
        .map(|w| (w[1].0 - w[0].0, w[1].1 - w[0].1))
        .collect();
    one_to_one_runs(&shapes)
        .into_iter()
        .map(|k| path[k])
        .collect()
}

/// Analyse `segs` in order (see [`Analyser::analyse_all`]).
fn analyse_all(segs: &[Segment], lang: Lang, analyser: &mut Analyser) -> Vec<Analysed> {
    analyser.analyse_all(segs, |s| &s.text, lang)
}

/// Length in characters, white space excluded.
fn chars(text: &str) -> f64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// True when some paragraph holds more than one segment.
fn has_structure(segs: &[Segment]) -> bool {
    segs.windows(2).any(|w| w[0].para == w[1].para)
}

/// The word ids (without short words) of the beads a lexicon is learned
/// from: for a `long` document every two-sided bead of `path` of at most
/// [`LEARN_MAX_BEAD`] segments, otherwise the 1-1 `runs` (see
/// [`path_runs`]).
fn first_pass_pairs(
    path: &[(usize, usize)],
    runs: &[(usize, usize)],
    long: bool,
    src: &[Analysed],
    tgt: &[Analysed],
    analyser: &Analyser,
) -> Vec<(Vec<u32>, Vec<u32>)> {
    let usable = |segs: &[Analysed]| -> Vec<u32> {
        segs.iter()
            .flat_map(|a| a.words.iter().copied())
            .filter(|&w| analyser.word_len(w) >= 3)
            .collect()
    };
    if !long {
        return runs
            .iter()
            .map(|&(i, j)| (usable(&src[i..i + 1]), usable(&tgt[j..j + 1])))
            .collect();
    }
    path.windows(2)
        .filter(|w| {
            let (a, b) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            a > 0 && b > 0 && a + b <= LEARN_MAX_BEAD
        })
        .map(|w| (usable(&src[w[0].0..w[1].0]), usable(&tgt[w[0].1..w[1].1])))
        .collect()
}

/// Dictionary pairs as word ids, oriented to the document pair; entries
/// whose words occur in neither text are dropped.
fn dictionary_pairs(
    dict: &Lexicon,
    analyser: &Analyser,
    src: &[Analysed],
    tgt: &[Analysed],
) -> Vec<(u32, u32)> {
    let sv: BTreeSet<u32> = src.iter().flat_map(|a| a.words.iter().copied()).collect();
    let tv: BTreeSet<u32> = tgt.iter().flat_map(|a| a.words.iter().copied()).collect();
    let ids: Vec<(u32, u32)> = dict
        .pairs()
        .filter_map(|(a, b)| Some((analyser.word_id(a)?, analyser.word_id(b)?)))
        .collect();
    let fwd = ids
        .iter()
        .filter(|(a, b)| sv.contains(a) && tv.contains(b))
        .count();
    let bwd = ids
        .iter()
        .filter(|(a, b)| tv.contains(a) && sv.contains(b))
        .count();
    ids.into_iter()
        .map(|(a, b)| if bwd > fwd { (b, a) } else { (a, b) })
        .filter(|(a, b)| sv.contains(a) && tv.contains(b))
        .collect()
}

/// Both sides ready for the DP, with lexicon links from `lex` (word-id
/// pairs, source → target).
fn sides(
    src: &[Segment],
    tgt: &[Segment],
    (src_len, tgt_len): (&[f64], &[f64]),
    src_an: &[Analysed],
    tgt_an: &[Analysed],
    lex: &[(u32, u32)],
    analyser: &mut Analyser,
) -> (Side, Side) {
    let links = Links::new(lex, analyser);
    let use_links = !lex.is_empty();
    let s = side(src, src_len, src_an, use_links.then_some(&links.src));
    let t = side(tgt, tgt_len, tgt_an, use_links.then_some(&links.tgt));
    matchable_only(s, t)
}

/// Drop features that never occur on the other side: they cannot match, and
/// would only dilute the similarity of the segments that carry them.
fn matchable_only(mut s: Side, mut t: Side) -> (Side, Side) {
    let ids = |side: &Side| -> std::collections::HashSet<u32, features::FastBuild> {
        side.bags.iter().flatten().map(|&(id, _)| id).collect()
    };
    let (in_s, in_t) = (ids(&s), ids(&t));
    for (side, other) in [(&mut s, &in_t), (&mut t, &in_s)] {
        side.bags
            .par_iter_mut()
            .zip(side.wsum.par_iter_mut())
            .for_each(|(bag, w)| {
                bag.retain(|(id, _)| other.contains(id));
                bag.shrink_to_fit();
                *w = weight(bag);
            });
    }
    (s, t)
}

fn side(segs: &[Segment], len: &[f64], an: &[Analysed], links: Option<&features::LinkIds>) -> Side {
    let mut out = Side {
        bags: an.par_iter().map(|a| bag(a, links)).collect(),
        len: len.to_vec(),
        ..Side::default()
    };
    out.wsum = out.bags.par_iter().map(weight).collect();
    for (k, s) in segs.iter().enumerate() {
        out.para_start.push(k == 0 || segs[k - 1].para != s.para);
        out.heading.push(s.kind == BlockKind::Heading);
        out.list.push(s.kind == BlockKind::ListItem);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::one_per_paragraph as segs;

    #[test]
    fn aligns_one_to_one_and_splits() {
        let src = segs(&[
            "Regjeringen la fram budsjettet for 2025 den 7. oktober.",
            "Det viser et underskudd på 12,5 milliarder kroner, og det er mer enn i fjor.",
            "PST vurderer trusselen som moderat.",
        ]);
        let tgt = segs(&[
            "The government presented the 2025 budget on 7 October.",
            "It shows a deficit of 12.5 billion kroner.",
            "That is more than last year.",
            "PST assesses the threat as moderate.",
        ]);
        let a = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
        assert_eq!(spans(&a), vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
        assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
    }

    #[test]
    fn meaning_evidence_keeps_a_clear_alignment_and_covers_every_segment() {
        let src = segs(&[
            "Regjeringen la fram budsjettet for 2025 den 7. oktober.",
            "Det viser et underskudd på 12,5 milliarder kroner, og det er mer enn i fjor.",
            "PST vurderer trusselen som moderat.",
        ]);
        let tgt = segs(&[
            "The government presented the 2025 budget on 7 October.",
            "It shows a deficit of 12.5 billion kroner.",
            "That is more than last year.",
            "PST assesses the threat as moderate.",
        ]);
        for everywhere in [false, true] {
            let a = Aligner::new()
                .semantic(Arc::new(semantic::tests::Trigrams))
                .semantic_everywhere(everywhere)
                .align(&src, &tgt, Lang::Nb, Lang::En);
            assert_eq!(spans(&a), vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
            assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
        }
    }

    #[test]
    fn doubtful_windows_cover_neighbours_and_merge() {
        // Six 1-1 beads; the second and the fifth are doubtful.
        let path: Vec<(usize, usize)> = (0..=6).map(|k| (k, k)).collect();
        let post = [0.99, 0.5, 0.99, 0.99, 0.6, 0.99];
        let (s, t) = doubtful_windows(&path, &post);
        assert_eq!(s, vec![0..6]);
        assert_eq!(t, vec![0..6]);
        let post = [0.99, 0.5, 0.99, 0.99, 0.99, 0.99];
        assert_eq!(doubtful_windows(&path, &post).0, vec![0..4]);
        assert!(doubtful_windows(&path, &[0.99; 6]).0.is_empty());
        // A confident 2-1 bead is realigned as well, with its neighbours.
        let path = [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4), (6, 5), (7, 6)];
        let (s, t) = doubtful_windows(&path, &[0.99; 6]);
        assert_eq!((s.len(), t.len()), (1, 1));
        assert_eq!((s[0].clone(), t[0].clone()), (0..6, 0..5));
    }

    fn spans(a: &Alignment) -> Vec<(Range<usize>, Range<usize>)> {
        a.beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    fn bead(src: Range<usize>, tgt: Range<usize>, confidence: f64) -> Bead {
        Bead {
            src,
            tgt,
            confidence,
        }
    }

    #[test]
    fn one_sentence_against_eight_is_one_bead_not_gaps() {
        let src = segs(&[
            "Rapporten ble lagt fram i Oslo i dag.",
            "Fylkene fikk dette: Agder, tolv stasjoner; Innlandet, ni stasjoner; Nordland, \
             sju stasjoner; Rogaland, elleve stasjoner; Troms, fem stasjoner; Vestland, \
             fjorten stasjoner; Viken, tjue stasjoner; Finnmark, tre stasjoner.",
            "Neste rapport kommer i mars.",
        ]);
        let tgt = segs(&[
            "The report was presented in Oslo today.",
            "Agder got twelve stations.",
            "Innlandet got nine stations.",
            "Nordland got seven stations.",
            "Rogaland got eleven stations.",
            "Troms got five stations.",
            "Vestland got fourteen stations.",
            "Viken got twenty stations.",
            "Finnmark got three stations.",
            "The next report is due in March.",
        ]);
        let a = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
        assert_eq!(spans(&a), vec![(0..1, 0..1), (1..2, 1..9), (2..3, 9..10)]);
    }

    /// Segments (text left empty) in the paragraphs `paras`.
    fn in_paras(paras: &[usize]) -> Vec<Segment> {
        paras
            .iter()
            .map(|&para| Segment {
                para,
                kind: BlockKind::Paragraph,
                bytes: 0..0,
                text: String::new(),
                marker: None,
            })
            .collect()
    }

    #[test]
    fn gap_runs_join_only_into_shapes_the_dp_lacks() {
        let p = Params {
            ratio: 1.0,
            structure: true,
            ..Params::default()
        };
        // One 120-character source sentence against six of 20: the DP has
        // no 1-6 shape, so it left 1-0 and six 0-1.
        let src_len = [120.0];
        let tgt_len = [20.0; 6];
        let mut gaps = vec![bead(0..1, 0..0, 0.4)];
        gaps.extend((0..6).map(|j| bead(1..1, j..j + 1, 0.3 + j as f64 / 100.0)));
        let (one_para, six_paras) = (in_paras(&[0]), in_paras(&[0; 6]));
        let flat = (one_para.as_slice(), six_paras.as_slice());
        let joined = join_gap_runs(gaps.clone(), flat, (&src_len, &tgt_len), &p);
        assert_eq!(joined, vec![bead(0..1, 0..6, 0.3)]);
        // Lengths that do not fit stay gaps.
        let joined = join_gap_runs(gaps.clone(), flat, (&[12.0], &tgt_len), &p);
        assert_eq!(joined.len(), 7);
        // So does a run that would cross a paragraph break on one side
        // only: the last target sentence is a paragraph of its own.
        let own = in_paras(&[0, 0, 0, 0, 0, 1]);
        let joined = join_gap_runs(gaps, (&one_para, &own), (&src_len, &tgt_len), &p);
        assert_eq!(joined.len(), 7);
        // 1-0 + 0-1 is a shape the DP has (1-1): its choice stands.
        let pair = vec![bead(0..1, 0..0, 0.4), bead(1..1, 0..1, 0.4)];
        assert_eq!(
            join_gap_runs(pair.clone(), (&one_para, &one_para), (&[20.0], &[20.0]), &p),
            pair
        );
        // A 1-3 bead and three unpaired target sentences become 1-6.
        let mut run = vec![bead(0..1, 0..3, 0.5)];
        run.extend((3..6).map(|j| bead(1..1, j..j + 1, 0.35)));
        let joined = join_gap_runs(run, flat, (&src_len, &tgt_len), &p);
        assert_eq!(joined, vec![bead(0..1, 0..6, 0.35)]);
        // A single gap beside a bead, the shape of an omission, stays even
        // where joining would fit the lengths (2-3 + 1-0 = 3-3).
        let omission = vec![bead(0..2, 0..3, 0.6), bead(2..3, 3..3, 0.5)];
        let three = in_paras(&[0; 3]);
        let joined = join_gap_runs(
            omission.clone(),
            (&three, &three),
            (&[20.0; 3], &[20.0; 3]),
            &p,
        );
        assert_eq!(joined, omission);
    }

    #[test]
    fn paragraph_in_one_edition_only_is_a_gap_not_a_merge() {
        let src = segs(&[
            "Det regner i dag.",
            "=SUM(A1) er en formel, sa hun.",
            "Et ekstra avsnitt.",
        ]);
        let tgt = segs(&["It is raining today.", "=SUM(A1) is a formula, she said."]);
        let with = Aligner::new()
            .structure(true)
            .align(&src, &tgt, Lang::Nb, Lang::En);
        assert_eq!(spans(&with), vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..2)]);
    }

    #[test]
    fn spread_is_robust_to_one_misaligned_bead() {
        // Deviations of 0, 0, 1 and 4 characters around 100; one wild pair.
        let pairs = [
            (100.0, 100.0),
            (100.0, 100.0),
            (100.0, 101.0),
            (100.0, 104.0),
            (10.0, 300.0),
        ];
        let v = spread(&pairs, 1.0);
        // The median squared deviation per character, 1/100.5 (over the
        // χ² median), not pulled up by the wild pair's ~580.
        assert!((v - 1.0 / 100.5 / 0.455).abs() < 1e-9, "{v}");
        assert_eq!(spread(&[], 1.0), SPREAD_TYPICAL);
    }

    #[test]
    fn spread_factor_shrinks_short_documents_and_is_bounded() {
        let src = segs(&["aaaaaaaaaa"; 40]);
        let long = segs(&["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; 40]);
        let runs: Vec<(usize, usize)> = (0..40).map(|k| (k, k)).collect();
        // Identical lengths: as tight as allowed.
        assert_eq!(spread_factor(&runs, &src, &src, 1.0), 0.5);
        // Wildly different lengths: as loose as allowed.
        assert_eq!(spread_factor(&runs, &src, &long, 1.0), 3.0);
        // No evidence: the default variance.
        assert_eq!(spread_factor(&[], &src, &long, 1.0), 1.0);
        // Somewhat loose lengths (10 against 14): two beads of evidence
        // move the factor less than forty do.
        let loose = segs(&["aaaaaaaaaaaaaa"; 40]);
        let two = spread_factor(&runs[..2], &src, &loose, 1.0);
        let forty = spread_factor(&runs, &src, &loose, 1.0);
        assert!(1.0 < two && two < forty && forty < 3.0, "{two} {forty}");
    }

    #[test]
    fn one_to_one_runs_skip_beads_next_to_other_shapes() {
        let path = [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4), (6, 5), (7, 6)];
        assert_eq!(path_runs(&path), vec![(0, 0), (5, 4), (6, 5)]);
    }

    #[test]
    fn long_documents_learn_from_small_beads_short_ones_from_runs() {
        let mut an = Analyser::default();
        let src: Vec<Analysed> = ["alpha", "beta", "gamma", "delta", "epsilon"]
            .iter()
            .map(|t| an.analyse(t))
            .collect();
        let tgt: Vec<Analysed> = ["one", "two", "three", "four", "five", "six"]
            .iter()
            .map(|t| an.analyse(t))
            .collect();
        // Beads: 1-1, 1-2, 2-2, 1-0, 0-1.
        let path = [(0, 0), (1, 1), (2, 3), (4, 5), (5, 5), (5, 6)];
        let runs = path_runs(&path);
        let w = |a: &Analysed| a.words[0];
        let long = first_pass_pairs(&path, &runs, true, &src, &tgt, &an);
        assert_eq!(
            long,
            vec![
                (vec![w(&src[0])], vec![w(&tgt[0])]),
                (vec![w(&src[1])], vec![w(&tgt[1]), w(&tgt[2])]),
            ]
        );
        // The 1-1 bead is followed by a 1-2: not a run, nothing to learn.
        assert!(first_pass_pairs(&path, &runs, false, &src, &tgt, &an).is_empty());
    }

    #[test]
    fn empty_side_gives_one_sided_beads() {
        let src = segs(&["En.", "To."]);
        let a = Aligner::new().align(&src, &[], Lang::Nb, Lang::En);
        assert_eq!(a.beads.len(), 2);
        assert!(a.beads.iter().all(|b| b.tgt.is_empty()));
    }

    #[test]
    fn by_paragraph_merges_to_block_boundaries() {
        let mut src = segs(&["a", "b", "c"]);
        src[1].para = 0;
        let tgt = segs(&["x", "y"]);
        let a = Alignment {
            beads: vec![
                Bead {
                    src: 0..1,
                    tgt: 0..1,
                    confidence: 0.9,
                },
                Bead {
                    src: 1..2,
                    tgt: 1..1,
                    confidence: 0.5,
                },
                Bead {
                    src: 2..3,
                    tgt: 1..2,
                    confidence: 0.8,
                },
            ],
            moved: Vec::new(),
        };
        let p = a.by_paragraph(&src, &tgt);
        let got: Vec<_> = p
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone(), b.confidence))
            .collect();
        assert_eq!(got, vec![(0..2, 0..1, 0.5), (2..3, 1..2, 0.8)]);
    }
}
