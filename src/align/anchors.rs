//! Anchors: candidate moved blocks, found as a dot plot shows them. A block
//! that one edition places elsewhere is a short diagonal of similar segment
//! pairs away from the main diagonal (the monotone alignment). The
//! monotone alignment may have put the block's segments into two-sided
//! beads at one place or both, so the candidates do not start from runs of
//! one-sided beads: every segment is compared with the other side.
//!
//! 1. *Cells*: each segment's window (it and the next, [`WINDOW`]) is
//!    compared with the windows of the other side that lie off the path
//!    (at least [`MIN_CROSSED`] two-sided beads between them): the
//!    [`TOP_K`] most similar by the DP's smoothed weighted Dice of their
//!    pooled feature bags (found through postings, features held by more
//!    than a tenth of the side left out), and, with sentence vectors, by
//!    normalised cosine of the pooled vectors; a cell's similarity is the
//!    larger of the two.
//! 2. *Runs*: cells chained along the diagonal, each step one window on
//!    each side or a 1-2 / 2-1 step (one skipped on one side, or the same
//!    window matching two neighbours), best chains first; a cell extends
//!    a run only when it beats what a step of a random off-path run
//!    reaches ([`MU_QUANTILE`]).
//! 3. *Null*: runs of the same number of cells from cells drawn among
//!    those found (mostly chance matches), each step to its best
//!    neighbour, leaving out those that touch the run itself. A run is a
//!    candidate when its summed similarity exceeds their
//!    [`NULL_QUANTILE`] quantile and its mean step that quantile of the
//!    document's other runs ([`RUN_QUANTILE`]); it scores by how much it
//!    exceeds the null.
//!
//! At most [`MAX_CANDIDATES`] candidates, best first; the moves pass
//! judges each by what realigning it gains. A candidate's ranges take in
//! whole windows, so each may hold one segment more than the block at its
//! end.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::cost::Params;
use super::dp::Side;
use super::features::shared;
use super::semantic::{Embedder, Embedding};
use super::Bead;
use crate::segment::Segment;

/// A candidate move: source segments `src` and target segments `tgt`, an
/// off-path diagonal run whose summed similarity exceeds the document's
/// null by `score`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub score: f64,
}

/// Sentence vectors (unit length) of every source and every target
/// segment, in order; a zero vector for an empty segment.
pub type Vectors<'a> = (&'a [Embedding], &'a [Embedding]);

/// Partners kept per segment and per kind of evidence.
const TOP_K: usize = 8;
/// Segments per window: a cell compares a window of each side, so a
/// 2-1 or 2-2 translation is one cell.
const WINDOW: usize = 2;
/// Most candidates returned, best first.
const MAX_CANDIDATES: usize = 10;
/// Fewest two-sided beads between the two places of a cell or run, as the
/// moves pass requires of a moved pair (free translations reorder
/// locally).
const MIN_CROSSED: usize = 3;
/// Quantile of the mean step of the document's runs that a candidate's
/// must exceed.
const RUN_QUANTILE: f64 = 0.9;
/// Runs in each null.
const NULL_RUNS: usize = 400;
/// Cells of a null run.
const NULL_LEN: usize = 12;
/// Length of the null runs whose steps give the least similarity a cell
/// must exceed to extend a run ...
const MU_LEN: usize = 8;
/// ... their quantile.
const MU_QUANTILE: f64 = 0.9;
/// Quantile of the null a run must exceed.
const NULL_QUANTILE: f64 = 0.9;
/// Most cosines computed (source × target segments); longer documents get
/// lexical cells only.
const MAX_COSINES: usize = 4_000_000;
/// Segments of the other side each vector is compared with for the
/// normaliser of the cosine.
const SAMPLE: usize = 32;
/// The steps a run may take from a cell: diagonal, 1-2 / 2-1 with a skip,
/// and one segment matching two neighbours of the other side.
const STEPS: [(usize, usize); 5] = [(1, 1), (1, 2), (2, 1), (0, 1), (1, 0)];

/// Candidate moves of the alignment `beads` of sides `s` and `t` (see the
/// module): off-path diagonal runs, best first; deterministic.
pub fn candidates(
    s: &Side,
    t: &Side,
    beads: &[Bead],
    p: &Params,
    meaning: Option<Vectors>,
) -> Vec<Candidate> {
    let (n, m) = (s.n(), t.n());
    if n < 2 || m < 2 || beads.is_empty() {
        return Vec::new();
    }
    let w = WINDOW;
    let path = Path::new(beads, n, m, w);
    let pooled = meaning
        .filter(|(vs, vt)| vs.len() == n && vt.len() == m && n * m <= MAX_COSINES)
        .map(|(vs, vt)| (pool(vs, w), pool(vt, w)));
    let sem = pooled.as_ref().map(|(vs, vt)| Cosines::new(vs, vt));
    let (s, t) = (&windowed(s, w), &windowed(t, w));
    let sim = Sim {
        s,
        t,
        smooth: (p.smooth * w as f64) as f32,
        sem: sem.as_ref(),
    };
    let mut cells = lexical_cells(s, t, &path, &sim);
    if let Some(c) = &sem {
        cells.extend(semantic_cells(c, &path));
    }
    cells.sort_unstable();
    cells.dedup();
    let sims: Vec<f64> = cells.par_iter().map(|&(i, j)| sim.of(i, j)).collect();
    // What a step of a random off-path run reaches: cells that match no
    // better do not extend a run.
    let mut steps: Vec<f64> = null_walks(&sim, &random_off(n, m, &path), MU_LEN)
        .concat()
        .iter()
        .map(|x| x.1)
        .collect();
    let mu = quantile(&mut steps, MU_QUANTILE);
    let runs = chains(&cells, &sims, mu);
    // The document's chance matches chained: runs from cells drawn from
    // those found (mostly chance matches), each step to the best cell.
    let mut rng = Rng((n as u64) << 32 ^ m as u64 ^ cells.len() as u64);
    let starts: Vec<(usize, usize)> = (0..NULL_RUNS.min(cells.len() * 4))
        .map(|_| cells[rng.below(cells.len())])
        .collect();
    let null = null_walks(&sim, &starts, NULL_LEN);
    let runs: Vec<Run> = runs
        .into_iter()
        .filter(|r| r.src.len() + r.tgt.len() >= 3 && path.crossed(&r.src, &r.tgt) >= MIN_CROSSED)
        .collect();
    // The mean step of the document's other runs: a candidate's must
    // stand out.
    let mut means: Vec<f64> = runs.iter().map(|r| r.sum / r.cells as f64).collect();
    means.sort_by(|a, b| a.total_cmp(b));
    let typical = |x: f64| -> f64 {
        let others = means.len() - 1;
        if others == 0 {
            return 0.0;
        }
        let k = ((others as f64 * RUN_QUANTILE).ceil() as usize).clamp(1, others) - 1;
        // Skip `x` itself in the sorted list.
        if means.partition_point(|&y| y < x) <= k {
            means[k + 1]
        } else {
            means[k]
        }
    };
    let mut out = Vec::new();
    for run in &runs {
        let src = run.src.clone();
        let tgt = run.tgt.clone();
        let mean = run.sum / run.cells as f64;
        if mean <= typical(mean) {
            continue;
        }
        // Runs longer than the null's compare their mean step.
        let len = run.cells.min(NULL_LEN);
        let sum = run.sum * len as f64 / run.cells as f64;
        let inside = |&(i, j): &(usize, usize)| src.contains(&i) && tgt.contains(&j);
        let mut sums: Vec<f64> = null
            .iter()
            .filter(|w| !w.iter().take(len).any(|(c, _)| inside(c)))
            .map(|w| w.iter().take(len).map(|x| x.1).sum())
            .collect();
        let q = quantile(&mut sums, NULL_QUANTILE);
        if sum > q {
            out.push(Candidate {
                src,
                tgt,
                score: (sum - q) * run.cells as f64 / len as f64,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.src.start, a.tgt.start).cmp(&(b.src.start, b.tgt.start)))
            .then((a.src.end, a.tgt.end).cmp(&(b.src.end, b.tgt.end)))
    });
    out.truncate(MAX_CANDIDATES);
    out
}

/// Where the monotone alignment puts each segment: its bead, and the
/// number of two-sided beads before each bead.
struct Path {
    bead_of_s: Vec<usize>,
    bead_of_t: Vec<usize>,
    /// `two[k]`: two-sided beads among `beads[..k]`.
    two: Vec<usize>,
    /// Segments per window.
    w: usize,
}

impl Path {
    fn new(beads: &[Bead], n: usize, m: usize, w: usize) -> Path {
        let mut bead_of_s = vec![0; n];
        let mut bead_of_t = vec![0; m];
        let mut two = Vec::with_capacity(beads.len() + 1);
        two.push(0);
        for (k, b) in beads.iter().enumerate() {
            b.src.clone().for_each(|i| bead_of_s[i] = k);
            b.tgt.clone().for_each(|j| bead_of_t[j] = k);
            let both = !b.src.is_empty() && !b.tgt.is_empty();
            two.push(two[k] + usize::from(both));
        }
        Path {
            bead_of_s,
            bead_of_t,
            two,
            w,
        }
    }

    /// Two-sided beads strictly between the beads holding source
    /// segments `src` and those holding target segments `tgt` (0 when the
    /// two places overlap).
    fn crossed(&self, src: &Range<usize>, tgt: &Range<usize>) -> usize {
        let (a0, a1) = (self.bead_of_s[src.start], self.bead_of_s[src.end - 1]);
        let (b0, b1) = (self.bead_of_t[tgt.start], self.bead_of_t[tgt.end - 1]);
        if a1 < b0 {
            self.two[b0] - self.two[a1 + 1]
        } else if b1 < a0 {
            self.two[a0] - self.two[b1 + 1]
        } else {
            0
        }
    }

    /// The windows starting at source `i` and target `j` lie off the path.
    fn off(&self, i: usize, j: usize) -> bool {
        self.crossed(&self.src(i..i + 1), &self.tgt(j..j + 1)) >= MIN_CROSSED
    }

    /// The source segments of the windows starting in `r`.
    fn src(&self, r: Range<usize>) -> Range<usize> {
        r.start..(r.end - 1 + self.w).min(self.bead_of_s.len())
    }

    /// The target segments of the windows starting in `r`.
    fn tgt(&self, r: Range<usize>) -> Range<usize> {
        r.start..(r.end - 1 + self.w).min(self.bead_of_t.len())
    }
}

/// Each segment's window: the segment and the `w - 1` after it, their
/// bags pooled (duplicates kept), weights and lengths summed.
fn windowed(side: &Side, w: usize) -> Side {
    let n = side.n();
    let bags: Vec<_> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut b: Vec<(u32, f32)> = side.bags[i..(i + w).min(n)].concat();
            b.sort_by_key(|&(id, _)| id);
            b
        })
        .collect();
    Side {
        len: (0..n)
            .map(|i| side.len[i..(i + w).min(n)].iter().sum())
            .collect(),
        wsum: (0..n)
            .map(|i| side.wsum[i..(i + w).min(n)].iter().sum())
            .collect(),
        para_start: side.para_start.clone(),
        heading: side.heading.clone(),
        list: side.list.clone(),
        bags,
    }
}

/// Each segment's window of vectors: their sum, unit length.
fn pool(v: &[Embedding], w: usize) -> Vec<Embedding> {
    (0..v.len())
        .map(|i| {
            let mut x = [0f32; super::semantic::DIM];
            for y in &v[i..(i + w).min(v.len())] {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
            }
            let n = dot(&x, &x).sqrt().max(1e-12);
            x.iter_mut().for_each(|a| *a /= n);
            x
        })
        .collect()
}

/// Normalised cosines of sentence vectors.
struct Cosines<'a> {
    vs: &'a [Embedding],
    vt: &'a [Embedding],
    /// Mean `1 - cos` of each source vector to a sample of the target.
    norm_s: Vec<f32>,
    /// The same for each target vector.
    norm_t: Vec<f32>,
}

impl<'a> Cosines<'a> {
    fn new(vs: &'a [Embedding], vt: &'a [Embedding]) -> Cosines<'a> {
        let norm = |x: &[Embedding], y: &[Embedding]| -> Vec<f32> {
            let k = y.len().min(SAMPLE);
            let samp: Vec<&Embedding> = (0..k).map(|a| &y[a * y.len() / k]).collect();
            x.par_iter()
                .map(|v| {
                    let d: f32 = samp.iter().map(|o| 1.0 - dot(v, o)).sum();
                    (d / k.max(1) as f32).max(1e-3)
                })
                .collect()
        };
        Cosines {
            norm_s: norm(vs, vt),
            norm_t: norm(vt, vs),
            vs,
            vt,
        }
    }

    /// 1 minus the normalised distance of source `i` and target `j`
    /// (about 0 for unrelated segments, higher for translations), at
    /// least 0.
    fn of(&self, i: usize, j: usize) -> f64 {
        let d = 1.0 - dot(&self.vs[i], &self.vt[j]);
        let n = (self.norm_s[i] + self.norm_t[j]) / 2.0;
        (1.0 - d / n).max(0.0) as f64
    }
}

/// Dot product, summed in a fixed order.
fn dot(a: &Embedding, b: &Embedding) -> f32 {
    let mut acc = [0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    acc.iter().sum()
}

/// The similarity of a cell.
struct Sim<'a> {
    s: &'a Side,
    t: &'a Side,
    smooth: f32,
    sem: Option<&'a Cosines<'a>>,
}

impl Sim<'_> {
    /// The DP's smoothed weighted Dice of source `i` and target `j`.
    fn lexical(&self, i: usize, j: usize) -> f64 {
        let w = self.s.wsum[i] + self.t.wsum[j] + 2.0 * self.smooth;
        if w <= 0.0 {
            return 0.0;
        }
        let m = shared(&self.s.bags[i], &self.t.bags[j])
            .min(self.s.wsum[i])
            .min(self.t.wsum[j]);
        (2.0 * m / w) as f64
    }

    /// The larger of the lexical and the meaning similarity.
    fn of(&self, i: usize, j: usize) -> f64 {
        let lex = self.lexical(i, j);
        match self.sem {
            Some(c) => lex.max(c.of(i, j)),
            None => lex,
        }
    }
}

/// Keeps the best `TOP_K` of `(score, index)`, ties to the lower index.
fn push_top(top: &mut Vec<(f32, usize)>, x: (f32, usize)) {
    let better = |a: &(f32, usize), b: &(f32, usize)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    if top.len() == TOP_K && !better(&x, &top[TOP_K - 1]) {
        return;
    }
    let at = top.iter().position(|y| better(&x, y)).unwrap_or(top.len());
    top.insert(at, x);
    top.truncate(TOP_K);
}

/// One window's best partners (similarity, index) and every partner
/// scored (index, similarity).
type Row = (Vec<(f32, usize)>, Vec<(usize, f32)>);

/// Off-path cells among the `TOP_K` lexical partners of each source and
/// each target segment. Features held by more than a tenth of the target
/// are too common to find partners with.
fn lexical_cells(s: &Side, t: &Side, path: &Path, sim: &Sim) -> Vec<(usize, usize)> {
    let mut post: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (j, bag) in t.bags.iter().enumerate() {
        for &(id, w) in bag {
            post.entry(id).or_default().push((j, w));
        }
    }
    let common = t.n() / 10 + 20;
    let smooth = 2.0 * sim.smooth;
    // Per source segment: its best partners, and every partner scored (for
    // the targets' own best).
    let rows: Vec<Row> = (0..s.n())
        .into_par_iter()
        .map_init(
            || vec![0f32; t.n()],
            |acc, i| {
                let mut hit: Vec<usize> = Vec::new();
                for &(id, w) in &s.bags[i] {
                    let Some(list) = post.get(&id) else { continue };
                    if list.len() > common {
                        continue;
                    }
                    for &(j, wt) in list {
                        if acc[j] == 0.0 {
                            hit.push(j);
                        }
                        acc[j] += w.min(wt);
                    }
                }
                hit.sort_unstable();
                let mut top = Vec::new();
                let mut scored = Vec::new();
                for j in hit {
                    let a = std::mem::take(&mut acc[j]);
                    if a > 0.0 && path.off(i, j) {
                        let d = 2.0 * a / (s.wsum[i] + t.wsum[j] + smooth);
                        push_top(&mut top, (d, j));
                        scored.push((j, d));
                    }
                }
                (top, scored)
            },
        )
        .collect();
    let mut cols: Vec<Vec<(f32, usize)>> = vec![Vec::new(); t.n()];
    let mut out = Vec::new();
    for (i, (top, scored)) in rows.into_iter().enumerate() {
        out.extend(top.into_iter().map(|(_, j)| (i, j)));
        for (j, d) in scored {
            push_top(&mut cols[j], (d, i));
        }
    }
    for (j, top) in cols.into_iter().enumerate() {
        out.extend(top.into_iter().map(|(_, i)| (i, j)));
    }
    out
}

/// Off-path cells among the `TOP_K` partners by normalised cosine of each
/// source and each target segment.
fn semantic_cells(c: &Cosines, path: &Path) -> Vec<(usize, usize)> {
    let (n, m) = (c.vs.len(), c.vt.len());
    let rows: Vec<Row> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut top = Vec::new();
            let mut all = Vec::new();
            for j in 0..m {
                if path.off(i, j) {
                    let x = c.of(i, j) as f32;
                    if x > 0.0 {
                        push_top(&mut top, (x, j));
                        all.push((j, x));
                    }
                }
            }
            (top, all)
        })
        .collect();
    let mut cols: Vec<Vec<(f32, usize)>> = vec![Vec::new(); m];
    let mut out = Vec::new();
    for (i, (top, all)) in rows.into_iter().enumerate() {
        out.extend(top.into_iter().map(|(_, j)| (i, j)));
        for (j, x) in all {
            push_top(&mut cols[j], (x, i));
        }
    }
    for (j, top) in cols.into_iter().enumerate() {
        out.extend(top.into_iter().map(|(_, i)| (i, j)));
    }
    out
}

/// A chain of cells.
#[derive(Debug)]
struct Run {
    src: Range<usize>,
    tgt: Range<usize>,
    cells: usize,
    sum: f64,
}

/// The cells (sorted, with their similarities) chained into runs: each
/// cell extends the best chain ending at a cell one [`STEPS`] step
/// before it; the best chains are taken first, each cell in one run.
fn chains(cells: &[(usize, usize)], sims: &[f64], mu: f64) -> Vec<Run> {
    let at: HashMap<(usize, usize), usize> =
        cells.iter().enumerate().map(|(k, &c)| (c, k)).collect();
    let mut best = vec![0f64; cells.len()];
    let mut back: Vec<Option<usize>> = vec![None; cells.len()];
    for (k, &(i, j)) in cells.iter().enumerate() {
        let mut from: Option<usize> = None;
        for &(di, dj) in &STEPS {
            if di > i || dj > j {
                continue;
            }
            if let Some(&q) = at.get(&(i - di, j - dj)) {
                if best[q] > 0.0 && from.map_or(true, |f| best[q] > best[f]) {
                    from = Some(q);
                }
            }
        }
        best[k] = sims[k] - mu + from.map_or(0.0, |f| best[f]);
        back[k] = from;
    }
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| best[b].total_cmp(&best[a]).then(a.cmp(&b)));
    let mut used = vec![false; cells.len()];
    let mut out = Vec::new();
    for k in order {
        if used[k] {
            continue;
        }
        let mut members = Vec::new();
        let mut c = Some(k);
        while let Some(x) = c {
            if used[x] {
                break;
            }
            used[x] = true;
            members.push(x);
            c = back[x];
        }
        if members.is_empty() {
            continue;
        }
        let (i0, i1) = members.iter().fold((usize::MAX, 0), |(a, b), &x| {
            (a.min(cells[x].0), b.max(cells[x].0))
        });
        let (j0, j1) = members.iter().fold((usize::MAX, 0), |(a, b), &x| {
            (a.min(cells[x].1), b.max(cells[x].1))
        });
        out.push(Run {
            src: i0..i1 + 1,
            tgt: j0..j1 + 1,
            cells: members.len(),
            sum: members.iter().map(|&x| sims[x]).sum(),
        });
    }
    out
}

/// A deterministic pseudo-random sequence (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The `q` quantile of `xs` (infinite when empty).
fn quantile(xs: &mut [f64], q: f64) -> f64 {
    if xs.is_empty() {
        return f64::INFINITY;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let k = ((xs.len() as f64 * q).ceil() as usize).clamp(1, xs.len()) - 1;
    xs[k]
}

/// [`NULL_RUNS`] random off-path cells (fewer when they are rare).
fn random_off(n: usize, m: usize, path: &Path) -> Vec<(usize, usize)> {
    let mut rng = Rng((n as u64) << 32 ^ m as u64);
    let mut out = Vec::with_capacity(NULL_RUNS);
    for _ in 0..NULL_RUNS * 20 {
        if out.len() == NULL_RUNS {
            break;
        }
        let (i, j) = (rng.below(n), rng.below(m));
        if path.off(i, j) {
            out.push((i, j));
        }
    }
    out
}

/// Runs of `len` cells (shorter at the edges) from each of `starts`, each
/// step to the most similar cell one step on ([`STEPS`]): each cell with
/// its similarity.
fn null_walks(sim: &Sim, starts: &[(usize, usize)], len: usize) -> Vec<Vec<Cell>> {
    let (n, m) = (sim.s.n(), sim.t.n());
    starts
        .par_iter()
        .map(|&(mut i, mut j)| {
            let mut walk = vec![((i, j), sim.of(i, j))];
            for _ in 1..len {
                let next = STEPS
                    .iter()
                    .filter(|&&(di, dj)| i + di < n && j + dj < m)
                    .map(|&(di, dj)| (sim.of(i + di, j + dj), i + di, j + dj))
                    .max_by(|a, b| a.0.total_cmp(&b.0).then((b.1, b.2).cmp(&(a.1, a.2))));
                match next {
                    Some((x, a, b)) => {
                        walk.push(((a, b), x));
                        (i, j) = (a, b);
                    }
                    None => break,
                }
            }
            walk
        })
        .collect()
}

/// A cell and its similarity.
type Cell = ((usize, usize), f64);

/// Environment variable naming a file for [`dump`].
pub(super) const DUMP_VAR: &str = "TOLK_ANCHORS_DUMP";

/// A measuring aid (`scripts/eval-anchors`): when [`DUMP_VAR`] names a
/// file, the candidates of this alignment are written to it as JSON Lines
/// (segment ranges, byte ranges, score), with sentence vectors when
/// `embedder` is given. Does nothing otherwise.
pub(super) fn dump(
    beads: &[Bead],
    (src, tgt): (&[Segment], &[Segment]),
    p: &Params,
    embedder: Option<&dyn Embedder>,
    make_sides: impl FnOnce() -> (Side, Side),
) {
    let Some(path) = std::env::var_os(DUMP_VAR) else {
        return;
    };
    let (s, t) = make_sides();
    let embed = |segs: &[Segment], e: &dyn Embedder| -> Vec<Embedding> {
        let texts: Vec<&str> = segs
            .iter()
            .map(|x| x.text.trim())
            .filter(|x| !x.is_empty())
            .collect();
        let mut vecs = e.embed(&texts).into_iter();
        segs.iter()
            .map(|x| match x.text.trim().is_empty() {
                true => [0.0; super::semantic::DIM],
                false => vecs.next().unwrap_or([0.0; super::semantic::DIM]),
            })
            .collect()
    };
    let vecs = embedder.map(|e| (embed(src, e), embed(tgt, e)));
    let found = candidates(
        &s,
        &t,
        beads,
        p,
        vecs.as_ref().map(|(a, b)| (&a[..], &b[..])),
    );
    let bytes =
        |segs: &[Segment], r: &Range<usize>| [segs[r.start].bytes.start, segs[r.end - 1].bytes.end];
    let mut out = String::new();
    for c in &found {
        let line = serde_json::json!({
            "src": [c.src.start, c.src.end],
            "tgt": [c.tgt.start, c.tgt.end],
            "src_bytes": bytes(src, &c.src),
            "tgt_bytes": bytes(tgt, &c.tgt),
            "score": c.score,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("tolk: cannot write {}: {e}", path.to_string_lossy());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source segment `k` has a word of its own (id `1000 + k`, weight
    /// one) and two of thirty common words (weight 0.3): unrelated
    /// segments share a little by chance, as real ones do.
    fn bag(k: usize, rng: &mut Rng) -> Vec<(u32, f32)> {
        let mut b = vec![
            (rng.below(30) as u32, 0.3),
            (rng.below(30) as u32, 0.3),
            (1000 + k as u32, 1.0),
        ];
        b.sort_by_key(|&(id, _)| id);
        b
    }

    /// The sides of source segments `0..n` and a target holding the
    /// translations of the source segments `order` (same own words, the
    /// common words drawn anew).
    fn sides(n: usize, order: &[usize]) -> (Side, Side) {
        let mut rng = Rng(7);
        let side = |bags: Vec<Vec<(u32, f32)>>| Side {
            len: vec![40.0; bags.len()],
            wsum: bags.iter().map(|b| b.iter().map(|x| x.1).sum()).collect(),
            para_start: vec![false; bags.len()],
            heading: vec![false; bags.len()],
            list: vec![false; bags.len()],
            bags,
        };
        let s = side((0..n).map(|k| bag(k, &mut rng)).collect());
        let t = side(order.iter().map(|&k| bag(k, &mut rng)).collect());
        (s, t)
    }

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 1.0,
        }
    }

    /// The candidate holds the moved block (source 8..12, target 27..31)
    /// and at most one segment more at each edge (a window's width).
    fn assert_block(c: &Candidate) {
        let near = |r: &Range<usize>, a: usize, b: usize| {
            r.start <= a && a < r.start + WINDOW && b <= r.end && r.end < b + WINDOW
        };
        assert!(near(&c.src, 8, 12) && near(&c.tgt, 27, 31), "{c:?}");
        assert!(c.score > 0.0);
    }

    /// 40 segments; the target holds source 8..12 after source 30.
    fn moved_order() -> Vec<usize> {
        (0..8).chain(12..31).chain(8..12).chain(31..40).collect()
    }

    #[test]
    fn a_moved_block_left_one_sided_is_a_candidate() {
        let (s, t) = sides(40, &moved_order());
        // 1-1 to 7, the block 1-0 at its source place, 1-1 for 12..31
        // (targets 8..27), the block 0-1 at targets 27..31, 1-1 after.
        let mut beads: Vec<Bead> = (0..8).map(|k| bead(k..k + 1, k..k + 1)).collect();
        beads.extend((8..12).map(|k| bead(k..k + 1, 8..8)));
        beads.extend((12..31).map(|k| bead(k..k + 1, k - 4..k - 3)));
        beads.extend((27..31).map(|j| bead(31..31, j..j + 1)));
        beads.extend((31..40).map(|k| bead(k..k + 1, k..k + 1)));
        let c = candidates(&s, &t, &beads, &Params::default(), None);
        assert!(!c.is_empty());
        assert_block(&c[0]);
        assert!(c[0].score > 0.0);
    }

    #[test]
    fn a_moved_block_absorbed_into_two_sided_beads_is_a_candidate() {
        let (s, t) = sides(40, &moved_order());
        // The block's source segments in a 5-1 bead, its targets in a 1-5.
        let mut beads: Vec<Bead> = (0..7).map(|k| bead(k..k + 1, k..k + 1)).collect();
        beads.push(bead(7..12, 7..8));
        beads.extend((12..30).map(|k| bead(k..k + 1, k - 4..k - 3)));
        beads.push(bead(30..31, 26..31));
        beads.extend((31..40).map(|k| bead(k..k + 1, k..k + 1)));
        let c = candidates(&s, &t, &beads, &Params::default(), None);
        assert!(!c.is_empty());
        assert_block(&c[0]);
    }

    #[test]
    fn an_unmoved_document_has_only_weak_candidates() {
        // Chance runs may pass the null's 0.9 quantile (the moves pass
        // judges them), but score far below a moved block.
        let (s, t) = sides(40, &moved_order());
        let mut beads: Vec<Bead> = (0..8).map(|k| bead(k..k + 1, k..k + 1)).collect();
        beads.extend((8..12).map(|k| bead(k..k + 1, 8..8)));
        beads.extend((12..31).map(|k| bead(k..k + 1, k - 4..k - 3)));
        beads.extend((27..31).map(|j| bead(31..31, j..j + 1)));
        beads.extend((31..40).map(|k| bead(k..k + 1, k..k + 1)));
        let p = Params::default();
        let moved = candidates(&s, &t, &beads, &p, None)[0].score;
        let order: Vec<usize> = (0..40).collect();
        let (s, t) = sides(40, &order);
        let beads: Vec<Bead> = (0..40).map(|k| bead(k..k + 1, k..k + 1)).collect();
        let c = candidates(&s, &t, &beads, &p, None);
        assert!(
            c.iter().all(|c| c.score < moved / 10.0),
            "{c:?} against {moved}"
        );
    }

    #[test]
    fn a_block_on_the_path_is_no_candidate() {
        // The same move, but the alignment already pairs the block: the
        // diagonal of its cells is on the path.
        let order = moved_order();
        let (s, t) = sides(40, &order);
        let beads: Vec<Bead> = (0..40)
            .map(|j| bead(order[j]..order[j] + 1, j..j + 1))
            .collect();
        // (Not monotone, but every cell of the block lies in a bead.)
        let c = candidates(&s, &t, &beads, &Params::default(), None);
        let overlap =
            |r: &Range<usize>, a: usize, b: usize| r.end.min(b).saturating_sub(r.start.max(a));
        assert!(
            c.iter()
                .all(|c| overlap(&c.src, 8, 12) < 2 || overlap(&c.tgt, 27, 31) < 2),
            "{c:?}"
        );
    }

    /// A unit vector from a seed.
    fn unit(seed: u64) -> Embedding {
        let mut rng = Rng(seed);
        let mut v = [0f32; super::super::semantic::DIM];
        for x in v.iter_mut() {
            *x = (rng.below(2001) as f32 - 1000.0) / 1000.0;
        }
        let n = dot(&v, &v).sqrt();
        v.iter_mut().for_each(|x| *x /= n);
        v
    }

    #[test]
    fn meaning_finds_a_block_that_shares_no_words() {
        let order = moved_order();
        let (s, mut t) = sides(40, &order);
        // The moved block's translations share no word with their source.
        for j in 27..31 {
            t.bags[j].retain(|&(id, _)| id < 1000);
            t.wsum[j] = t.bags[j].iter().map(|x| x.1).sum();
        }
        let mut beads: Vec<Bead> = (0..8).map(|k| bead(k..k + 1, k..k + 1)).collect();
        beads.extend((8..12).map(|k| bead(k..k + 1, 8..8)));
        beads.extend((12..31).map(|k| bead(k..k + 1, k - 4..k - 3)));
        beads.extend((27..31).map(|j| bead(31..31, j..j + 1)));
        beads.extend((31..40).map(|k| bead(k..k + 1, k..k + 1)));
        let p = Params::default();
        let lexical = candidates(&s, &t, &beads, &p, None);
        assert!(lexical
            .iter()
            .all(|c| !(c.tgt.start < 31 && 27 < c.tgt.end)));
        // Each target vector near its source's.
        let vs: Vec<Embedding> = (0..40).map(|k| unit(k as u64)).collect();
        let vt: Vec<Embedding> = order
            .iter()
            .enumerate()
            .map(|(j, &k)| {
                let (a, b) = (unit(k as u64), unit(100 + j as u64));
                let mut v = [0f32; super::super::semantic::DIM];
                for d in 0..v.len() {
                    v[d] = 0.8 * a[d] + 0.6 * b[d];
                }
                let n = dot(&v, &v).sqrt();
                v.iter_mut().for_each(|x| *x /= n);
                v
            })
            .collect();
        let c = candidates(&s, &t, &beads, &p, Some((&vs, &vt)));
        assert!(!c.is_empty());
        assert_block(&c[0]);
    }

    #[test]
    fn the_same_candidates_whatever_the_thread_count() {
        let (s, t) = sides(40, &moved_order());
        let beads: Vec<Bead> = (0..40).map(|k| bead(k..k + 1, k..k + 1)).collect();
        let p = Params::default();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| candidates(&s, &t, &beads, &p, None));
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap()
            .install(|| candidates(&s, &t, &beads, &p, None));
        assert_eq!(one, four);
    }
}
