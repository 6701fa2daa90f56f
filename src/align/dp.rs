//! The dynamic programme's search: the best path through the grid of bead
//! costs (`cost.rs` says what a bead costs), run inside a band around a
//! guide path, and the forward–backward posteriors that give each bead its
//! confidence. The guide comes from aligning a coarser version of both
//! sides (consecutive units merged in pairs), recursively, so time and
//! memory grow linearly with document length. Where the best path touches
//! the band's edge the band is widened and the pass repeated.

use rayon::prelude::*;

use super::cost::{spans, struct_spans, tail_table, weight_spans, Params, Span};
use super::features::Bag;

/// Bead shapes tried at every cell: (source segments, target segments).
pub const SHAPES: [(usize, usize); NS] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (3, 2),
    (2, 3),
    (4, 1),
    (1, 4),
    (5, 1),
    (1, 5),
];

/// Number of bead shapes.
pub(super) const NS: usize = 14;

/// Most units on one side of a bead: sizes the look-back tables.
pub(super) const MAX_SIDE: usize = {
    let mut s = 0;
    let mut m = 0;
    while s < NS {
        if SHAPES[s].0 > m {
            m = SHAPES[s].0;
        }
        if SHAPES[s].1 > m {
            m = SHAPES[s].1;
        }
        s += 1;
    }
    m
};

/// The DP state a shape leaves behind: 1 after a 1-0, 2 after a 0-1,
/// 0 after a two-sided bead.
const STATE: [usize; NS] = [0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/// Largest DP (cells) solved without a guide.
const FULL_LIMIT: usize = 150_000;
/// Initial half-width of the band around a guide path.
const BAND: usize = 12;
/// Most rounds of widening per level (each recomputes the band).
const MAX_WIDENINGS: usize = 2;
/// Widest half-width tried before accepting a path touching the band edge.
const BAND_MAX: usize = 800;

/// One side of the alignment, ready for the DP.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// Length of each unit in characters.
    pub len: Vec<f64>,
    /// Lexical features of each unit.
    pub bags: Vec<Bag>,
    /// Total feature weight of each unit.
    pub wsum: Vec<f32>,
    /// The unit starts a paragraph (block).
    pub para_start: Vec<bool>,
    /// The unit is a heading.
    pub heading: Vec<bool>,
    /// The unit is a list item.
    pub list: Vec<bool>,
}

impl Side {
    /// Number of units.
    pub fn n(&self) -> usize {
        self.len.len()
    }

    /// Merge consecutive units in pairs (the last one alone when odd).
    fn halve(&self) -> Side {
        let n = self.n();
        let mut out = Side {
            bags: self
                .bags
                .par_chunks(2)
                .map(|pair| {
                    let mut bag: Bag = pair.iter().flatten().copied().collect();
                    bag.sort_by_key(|&(id, _)| id);
                    // One entry per feature, weights summed: keeps coarse
                    // bags small.
                    bag.dedup_by(|b, a| {
                        if a.0 == b.0 {
                            a.1 += b.1;
                            true
                        } else {
                            false
                        }
                    });
                    bag
                })
                .collect(),
            ..Side::default()
        };
        let mut k = 0;
        while k < n {
            let e = (k + 2).min(n);
            out.len.push(self.len[k..e].iter().sum());
            out.wsum.push(self.wsum[k..e].iter().sum());
            out.para_start.push(self.para_start[k]);
            out.heading.push(false);
            out.list.push(false);
            k = e;
        }
        out
    }
}

/// Rows of a band: for row `i`, columns `lo[i]..=hi[i]`.
#[derive(Clone)]
pub(super) struct Band {
    pub(super) lo: Vec<usize>,
    pub(super) hi: Vec<usize>,
    pub(super) off: Vec<usize>,
    pub(super) cells: usize,
}

impl Band {
    fn new(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut off = Vec::with_capacity(lo.len());
        let mut cells = 0;
        for (l, h) in lo.iter().zip(&hi) {
            off.push(cells);
            cells += h + 1 - l;
        }
        Band { lo, hi, off, cells }
    }

    fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1])
    }

    /// Band around a monotone path from (0,0) to (n,m), of half-width
    /// `w[i]` at row `i`.
    fn around(path: &[(usize, usize)], n: usize, m: usize, w: &[usize]) -> Band {
        let mut pmin = vec![usize::MAX; n + 1];
        let mut pmax = vec![0; n + 1];
        for win in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (win[0], win[1]);
            for i in i0..=i1 {
                pmin[i] = pmin[i].min(j0);
                pmax[i] = pmax[i].max(j1);
            }
        }
        if path.len() == 1 {
            pmin[0] = 0;
        }
        let lo = (0..=n)
            .map(|i| pmin[i.saturating_sub(w[i])].saturating_sub(w[i]))
            .collect();
        let hi = (0..=n)
            .map(|i| (pmax[(i + w[i]).min(n)] + w[i]).min(m))
            .collect();
        Band::new(lo, hi)
    }

    #[inline]
    pub(super) fn idx(&self, i: usize, j: usize) -> Option<usize> {
        if j < self.lo[i] || j > self.hi[i] {
            None
        } else {
            Some(self.off[i] + j - self.lo[i])
        }
    }
}

/// Rows of band-shaped data (`per` values per cell) as one mutable slice
/// per row, for filling rows in parallel.
fn row_slices<'d, T>(band: &Band, data: &'d mut [T], per: usize) -> Vec<(usize, &'d mut [T])> {
    let mut out = Vec::with_capacity(band.lo.len());
    let mut rest = data;
    for i in 0..band.lo.len() {
        let w = (band.hi[i] + 1 - band.lo[i]) * per;
        let (row, r) = std::mem::take(&mut rest).split_at_mut(w);
        out.push((i, row));
        rest = r;
    }
    out
}

/// Largest band whose shared weights are kept for the next widening round.
const CACHE_CELLS: usize = 500_000;

/// The big tables of the DP, kept from one level (and widening round) of
/// an alignment to the next: the finer levels reuse the pages the coarser
/// ones touched instead of faulting in fresh memory every time. Entries are
/// stale from the previous use; every entry that is read is written first.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Cells to allocate for when a table must grow: an estimate of the
    /// finest level's band, so that it need not grow again. Memory only
    /// reserved costs nothing; pages are touched as the levels use them.
    hint: usize,
    /// The cost table ([`Grid::costs`]).
    costs: Vec<f32>,
    /// Viterbi's best cost per cell and state, and the least of them.
    d: Vec<f64>,
    /// Viterbi's back pointers per cell and state, and the best state.
    back: Vec<u8>,
    /// The band whose Viterbi values `d` and `back` hold, when they are
    /// those of the previous round over the same sides.
    held: Option<Band>,
}

impl Scratch {
    /// Scratch for aligning sides of `n` and `m` units. A band of
    /// half-width [`BAND`] around a path holds about `(n + m) * BAND`
    /// cells; a little more is reserved (not touched), and not much more,
    /// so that the largest input that fits in memory stays as large.
    pub(crate) fn new(n: usize, m: usize) -> Scratch {
        Scratch {
            hint: (n + m + 2) * (2 * BAND + 6),
            ..Scratch::default()
        }
    }
}

/// The table `v` taken out, at least `len` entries long: reused when long
/// enough (stale entries), else allocated zeroed (untouched pages) for
/// `len` or `hint` entries, whichever is more.
fn table<T: Copy + Default>(v: &mut Vec<T>, len: usize, hint: usize) -> Vec<T> {
    let v = std::mem::take(v);
    if v.len() >= len {
        v
    } else {
        drop(v);
        crate::error::zeroed(len.max(hint))
    }
}

/// Entries per cell in Viterbi's tables: the best cost (back pointer) per
/// state, then the least of the three costs (the state that has it).
const VS: usize = 4;

/// Largest cost table (cells) kept for the next widening round to copy its
/// unchanged rows from.
const REUSE_CELLS: usize = 3_000_000;

/// A previous round over the same sides: its band and cost table.
pub(super) type Round = (Band, Vec<f32>);

/// An earlier grid over the same sides: its band and shared weights
/// (`Grid::pair`), reused where a new band overlaps it.
type PairCache = (Band, Vec<f32>);

/// Rows per block when cost filling and Viterbi run as a pipeline.
const PIPE_ROWS: usize = 1024;

/// Fewest rows one parallel task takes (a row is a few dozen cells).
const ROWS_PER_TASK: usize = 32;

/// One source bag spread into a table by feature id, so its shared weight
/// with a target bag costs one lookup per target entry instead of a merge.
/// The sums are those of [`super::features::shared`], added in the same order.
struct Scatter {
    /// `first[id]`: 1 + position of the first entry with `id` in the loaded
    /// bag; 0 when absent.
    first: Vec<u32>,
}

impl Scatter {
    fn new(vocab: usize) -> Scatter {
        Scatter {
            first: vec![0; vocab],
        }
    }

    fn load(&mut self, a: &Bag) {
        for (p, &(id, _)) in a.iter().enumerate().rev() {
            self.first[id as usize] = p as u32 + 1;
        }
    }

    fn unload(&mut self, a: &Bag) {
        for &(id, _) in a {
            self.first[id as usize] = 0;
        }
    }

    /// `shared(a, b)` for the loaded bag `a`: the k-th entry of an id in
    /// `b` meets the k-th entry of that id in `a`, as in the merge.
    #[inline]
    fn shared(&self, a: &Bag, b: &Bag) -> f32 {
        let mut s = 0.0;
        let (mut prev, mut occ) = (u32::MAX, 0);
        for &(id, w) in b {
            if id == prev {
                occ += 1;
            } else {
                prev = id;
                occ = 0;
            }
            let f = self.first[id as usize] as usize;
            if f != 0 {
                let p = f - 1 + occ;
                if p < a.len() && a[p].0 == id {
                    s += a[p].1.min(w);
                }
            }
        }
        s
    }
}

/// Shared weights of a band's cells (`pair[idx(i, j)]` for src `i-1`, tgt
/// `j-1`), copying those already known from `prev` (an earlier band over
/// the same sides).
fn pair_weights(src: &Side, tgt: &Side, band: &Band, prev: Option<&PairCache>) -> Vec<f32> {
    let vocab = src
        .bags
        .iter()
        .chain(&tgt.bags)
        .flat_map(|b| b.last())
        .map(|&(id, _)| id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut pair = crate::error::zeroed(band.cells);
    row_slices(band, &mut pair, 1)
        .into_par_iter()
        .with_min_len(ROWS_PER_TASK)
        .for_each_init(
            || Scatter::new(vocab),
            |sc, (i, row)| {
                if i == 0 {
                    return;
                }
                let lo = band.lo[i];
                let (mut known_lo, mut known_hi) = (1, 0);
                if let Some((pb, pp)) = prev {
                    let (a, b) = (pb.lo[i].max(lo), pb.hi[i].min(band.hi[i]));
                    if a <= b {
                        row[a - lo..=b - lo].copy_from_slice(
                            &pp[pb.off[i] + a - pb.lo[i]..=pb.off[i] + b - pb.lo[i]],
                        );
                        (known_lo, known_hi) = (a, b);
                    }
                }
                let a = &src.bags[i - 1];
                sc.load(a);
                for j in lo.max(1)..=band.hi[i] {
                    if j < known_lo || j > known_hi {
                        row[j - lo] = sc.shared(a, &tgt.bags[j - 1]);
                    }
                }
                sc.unload(a);
            },
        );
    pair
}

/// Most terms of one log-sum-exp in the forward–backward sweeps.
const MAX_TERMS: usize = 16;

/// The terms of one log-sum-exp, kept on the stack.
#[derive(Clone, Copy)]
struct Terms {
    v: [f64; MAX_TERMS],
    len: usize,
}

impl Default for Terms {
    fn default() -> Terms {
        Terms {
            v: [0.0; MAX_TERMS],
            len: 0,
        }
    }
}

impl Terms {
    fn clear(&mut self) {
        self.len = 0;
    }

    #[inline]
    fn push(&mut self, x: f64) {
        self.v[self.len] = x;
        self.len += 1;
    }

    fn as_slice(&self) -> &[f64] {
        &self.v[..self.len]
    }
}

/// The largest value, `-inf` when there is none.
#[inline]
fn max_of(xs: impl Iterator<Item = f64>) -> f64 {
    xs.fold(f64::NEG_INFINITY, f64::max)
}

/// The sum, added left to right.
#[inline]
fn sum_of(xs: impl Iterator<Item = f64>) -> f64 {
    xs.sum::<f64>()
}

/// Log-sum-exp: one exp per term but the largest, one ln.
#[inline]
fn lse(xs: &[f64]) -> f64 {
    let mx = max_of(xs.iter().copied());
    if mx == f64::NEG_INFINITY {
        return mx;
    }
    mx + sum_of(exps_below(xs, mx)).ln()
}

/// `exp(x - mx)` for every `x` of `xs`, whose largest finite value is
/// `mx`: at the first term equal to `mx` that is `exp(0) = 1` exactly, so
/// its exp is not computed. Summed left to right, the terms give the same
/// bits as computing every exp.
#[inline]
fn exps_below(xs: &[f64], mx: f64) -> impl Iterator<Item = f64> + '_ {
    let top = xs.iter().position(|&x| x == mx).unwrap_or(xs.len());
    let (before, after) = xs.split_at(top);
    let after = after.get(1..).unwrap_or(&[]);
    before
        .iter()
        .map(move |&x| (x - mx).exp())
        .chain((top < xs.len()).then_some(1.0))
        .chain(after.iter().map(move |&x| (x - mx).exp()))
}

/// The DP over one pair of sides inside one band.
pub(super) struct Grid<'a> {
    pub(super) src: &'a Side,
    pub(super) tgt: &'a Side,
    pub(super) p: &'a Params,
    pub(super) band: Band,
    /// `pair[idx(i, j)]` = shared feature weight of src `i-1` and tgt `j-1`.
    pub(super) pair: Vec<f32>,
    /// `costs[NS * idx(i, j) + s]`: cost of the bead of shape `s` ending at
    /// (i, j), infinite when it would start outside the band (entries past
    /// the band's are unused).
    pub(super) costs: Vec<f32>,
    pub(super) table: &'static [f64],
    /// `len_s[i][a]`: length of src `i-a..i` (`a ≤ MAX_SIDE`, 0 past the start).
    pub(super) len_s: Vec<[f64; MAX_SIDE + 1]>,
    /// `len_t[j][b]`: length of tgt `j-b..j` divided by the length ratio.
    pub(super) len_t: Vec<[f64; MAX_SIDE + 1]>,
    /// `ws_s[i][a]`: summed feature weight of src `i-a..i`, added as
    /// [`Grid::similarity`] adds it (0 past the start).
    pub(super) ws_s: Vec<[f32; MAX_SIDE + 1]>,
    /// `wt_t[j][b]`: the same for tgt `j-b..j`.
    pub(super) wt_t: Vec<[f32; MAX_SIDE + 1]>,
    /// `st_s[i][a]`: the [`Span`] of src `i-a..i` (empty without
    /// structure costs).
    pub(super) st_s: Vec<[Span; MAX_SIDE + 1]>,
    /// `st_t[j][b]`: the same for tgt `j-b..j`.
    pub(super) st_t: Vec<[Span; MAX_SIDE + 1]>,
}

impl<'a> Grid<'a> {
    /// The grid of `band`; `prev` is the band and shared weights of an
    /// earlier grid over the same sides, reused where the bands overlap.
    fn new(
        src: &'a Side,
        tgt: &'a Side,
        p: &'a Params,
        band: Band,
        prev: Option<&PairCache>,
    ) -> Grid<'a> {
        let pair = pair_weights(src, tgt, &band, prev);
        let cum = |v: &[f64]| {
            let mut c = Vec::with_capacity(v.len() + 1);
            c.push(0.0);
            let mut s = 0.0;
            for x in v {
                s += x;
                c.push(s);
            }
            c
        };
        let mut grid = Grid {
            len_s: spans(&cum(&src.len), 1.0),
            len_t: spans(&cum(&tgt.len), p.ratio),
            ws_s: weight_spans(&src.wsum),
            wt_t: weight_spans(&tgt.wsum),
            st_s: if p.structure {
                struct_spans(src)
            } else {
                Vec::new()
            },
            st_t: if p.structure {
                struct_spans(tgt)
            } else {
                Vec::new()
            },
            src,
            tgt,
            p,
            band,
            pair,
            costs: Vec::new(),
            table: tail_table(),
        };
        // Zeroed memory comes from the system untouched; every entry is
        // written by [`Grid::best_path`], by the threads that fill the rows.
        grid.costs = crate::error::zeroed(NS * grid.band.cells);
        grid
    }

    /// Fill the cost rows `rows` (their part `costs` of the cost table) in
    /// parallel.
    /// Rows marked in `copy` are copied from `prev` instead.
    fn fill_rows(
        &self,
        rows: std::ops::Range<usize>,
        costs: &mut [f32],
        prev: Option<&Round>,
        copy: &[bool],
    ) {
        let band = &self.band;
        let mut out = Vec::with_capacity(rows.len());
        let mut rest = costs;
        for i in rows {
            let w = (band.hi[i] + 1 - band.lo[i]) * NS;
            let (row, r) = std::mem::take(&mut rest).split_at_mut(w);
            out.push((i, row));
            rest = r;
        }
        out.into_par_iter()
            .with_min_len(ROWS_PER_TASK)
            .for_each(|(i, row)| match prev {
                Some((pb, pc)) if copy[i] => {
                    row.copy_from_slice(&pc[NS * pb.off[i]..NS * pb.off[i] + row.len()])
                }
                _ => self.fill_row(i, row, prev),
            });
    }

    /// Cost of bead shape `s` ending at cell `k` when the bead before it
    /// left state `q` (0: a two-sided bead, 1: a 1-0, 2: a 0-1): a skip
    /// continuing a run of skips on the same side costs only
    /// [`Params::skip_extend`], so one missing paragraph is one gap, not
    /// many scattered ones.
    #[inline]
    fn step_cost(&self, k: usize, s: usize, q: usize) -> f64 {
        let st = STATE[s];
        if st != 0 && st == q {
            self.p.skip_extend
        } else {
            self.costs[NS * k + s] as f64
        }
    }

    /// Fill the cost table and run Viterbi: the best path as cell corners
    /// from (0,0) to (n,m). The two are pipelined: while Viterbi runs over
    /// one block of rows, the other threads fill the costs of the next.
    /// The tables come from `scratch`; `d` and `back` go back to it.
    /// `prev`, an earlier round over the same sides, lends the rows whose
    /// costs it knows: a row's costs depend on the band only through the
    /// bounds of that row and of the [`MAX_SIDE`] rows before it (beads
    /// starting outside the band are infinite). Where all rows up to one
    /// have the bounds of the round whose Viterbi values `scratch` holds,
    /// those values stand.
    fn best_path(&mut self, scratch: &mut Scratch, prev: Option<&Round>) -> Vec<(usize, usize)> {
        let (n, m) = (self.src.n(), self.tgt.n());
        let cells = self.band.cells;
        let same_as = |b: &Band| -> Vec<bool> {
            (0..=n)
                .map(|i| b.lo[i] == self.band.lo[i] && b.hi[i] == self.band.hi[i])
                .collect()
        };
        let copy: Vec<bool> = match prev {
            Some((pb, _)) => {
                let same = same_as(pb);
                (0..=n)
                    .map(|i| same[i.saturating_sub(MAX_SIDE)..=i].iter().all(|&x| x))
                    .collect()
            }
            None => Vec::new(),
        };
        // Viterbi's values of the rows before `first` are those the tables
        // hold (unless a table is allocated anew).
        let held = scratch.held.take();
        let kept = scratch.d.len() >= VS * cells && scratch.back.len() >= VS * cells;
        let first = match &held {
            Some(hb) if kept => same_as(hb).iter().take_while(|&&x| x).count(),
            _ => 0,
        };
        // The table allocated by [`Grid::new`] was never touched: dropping
        // it costs no page faults.
        drop(std::mem::take(&mut self.costs));
        let mut costs = table(&mut scratch.costs, NS * cells, NS * scratch.hint);
        // Every cell but (0, 0) gets its entries written before they are
        // read; (0, 0)'s are set here but for its back pointers, never read.
        let mut d = table(&mut scratch.d, VS * cells, VS * scratch.hint);
        // (shape, previous state) packed as shape * 3 + state.
        let mut back = table(&mut scratch.back, VS * cells, VS * scratch.hint);
        d[..VS].copy_from_slice(&[0.0, f64::INFINITY, f64::INFINITY, 0.0]);
        back[VS - 1] = 0;
        {
            let g = &*self;
            let band = &g.band;
            // Blocks of rows and their parts of the cost table.
            let mut blocks: Vec<(std::ops::Range<usize>, &mut [f32])> = Vec::new();
            let mut rest = &mut costs[..];
            let mut start = 0;
            while start <= n {
                let end = (start + PIPE_ROWS).min(n + 1);
                let end_off = if end > n { cells } else { band.off[end] };
                let (part, r) =
                    std::mem::take(&mut rest).split_at_mut(NS * (end_off - band.off[start]));
                blocks.push((start..end, part));
                rest = r;
                start = end;
            }
            if let Some((rows, part)) = blocks.first_mut() {
                g.fill_rows(rows.clone(), part, prev, &copy);
            }
            for b in 0..blocks.len() {
                let (done, next) = blocks.split_at_mut(b + 1);
                let (rows, part) = &done[b];
                let mut run = || {
                    let from = rows.start.max(first);
                    if from < rows.end {
                        let part = &part[NS * (band.off[from] - band.off[rows.start])..];
                        g.viterbi_rows(from..rows.end, part, &mut d, &mut back);
                    }
                };
                match next.first_mut() {
                    Some((nrows, npart)) => {
                        rayon::join(run, || g.fill_rows(nrows.clone(), npart, prev, &copy));
                    }
                    None => run(),
                }
            }
        }
        self.costs = costs;
        // The length tables only serve the costs, which are done now.
        self.len_s = Vec::new();
        self.len_t = Vec::new();
        self.ws_s = Vec::new();
        self.wt_t = Vec::new();
        self.st_s = Vec::new();
        self.st_t = Vec::new();
        let band = &self.band;
        let mut path = vec![(n, m)];
        let (mut i, mut j) = (n, m);
        let Some(last) = band.idx(n, m) else {
            scratch.d = d;
            scratch.back = back;
            scratch.held = Some(self.band.clone());
            return path;
        };
        let mut st = (0..3)
            .min_by(|&x, &y| d[VS * last + x].total_cmp(&d[VS * last + y]))
            .unwrap_or(0);
        while i > 0 || j > 0 {
            let Some(k) = band.idx(i, j) else { break };
            let code = back[VS * k + st];
            if code == u8::MAX {
                break;
            }
            let (s, q) = (code as usize / 3, code as usize % 3);
            let (a, b) = SHAPES[s];
            i -= a;
            j -= b;
            st = q;
            path.push((i, j));
        }
        path.reverse();
        scratch.d = d;
        scratch.back = back;
        scratch.held = Some(self.band.clone());
        path
    }

    /// Viterbi over the rows `rows`, whose costs are `costs` (the part of
    /// the cost table from the first of them on), writing `d` and `back`.
    fn viterbi_rows(
        &self,
        rows_in: std::ops::Range<usize>,
        costs: &[f32],
        d: &mut [f64],
        back: &mut [u8],
    ) {
        let band = &self.band;
        let base = band.off[rows_in.start];
        let skip_extend = self.p.skip_extend;
        for i in rows_in {
            // Bounds and offset of row `i - a`; an empty range when a > i.
            let rows: [(usize, usize, usize); MAX_SIDE + 1] = std::array::from_fn(|a| {
                if a <= i {
                    (band.lo[i - a], band.hi[i - a], band.off[i - a])
                } else {
                    (1, 0, 0)
                }
            });
            for j in band.lo[i]..=band.hi[i] {
                let k = band.off[i] + j - band.lo[i];
                if i == 0 && j == 0 {
                    continue;
                }
                // Best cost and back pointer per state, kept in registers:
                // a start that cannot be reached has an infinite cost and
                // never wins the strict comparison.
                let mut best = [f64::INFINITY; 3];
                let mut code = [u8::MAX; 3];
                let cost = &costs[NS * (k - base)..NS * (k - base) + NS];
                for (s, &(a, b)) in SHAPES.iter().enumerate() {
                    if b > j {
                        continue;
                    }
                    let (plo, phi, poff) = rows[a];
                    let pj = j - b;
                    if pj < plo || pj > phi {
                        continue;
                    }
                    let pk = poff + pj - plo;
                    let pd = &d[VS * pk..VS * pk + VS];
                    let ns = STATE[s];
                    if ns == 0 {
                        // The cost does not depend on the previous state:
                        // the best one's, kept with the cell.
                        let q = back[VS * pk + 3] as usize;
                        let c = pd[3] + cost[s] as f64;
                        let better = c < best[0];
                        best[0] = if better { c } else { best[0] };
                        code[0] = if better { (s * 3 + q) as u8 } else { code[0] };
                        continue;
                    }
                    for (q, &prev) in pd[..3].iter().enumerate() {
                        // As `step_cost`.
                        let step = if ns == q { skip_extend } else { cost[s] as f64 };
                        let c = prev + step;
                        let better = c < best[ns];
                        best[ns] = if better { c } else { best[ns] };
                        code[ns] = if better { (s * 3 + q) as u8 } else { code[ns] };
                    }
                }
                // The best state (the first of equals) and its cost.
                let q = if best[0] <= best[1] && best[0] <= best[2] {
                    0
                } else if best[1] <= best[2] {
                    1
                } else {
                    2
                };
                d[VS * k..VS * k + VS].copy_from_slice(&[best[0], best[1], best[2], best[q]]);
                back[VS * k..VS * k + VS].copy_from_slice(&[code[0], code[1], code[2], q as u8]);
            }
        }
    }

    /// Rows where the path runs along the band's edge (a better path may
    /// lie outside it).
    fn edge_rows(&self, path: &[(usize, usize)]) -> Vec<usize> {
        let m = self.tgt.n();
        path.iter()
            .filter(|&&(i, j)| {
                (j == self.band.lo[i] && self.band.lo[i] > 0)
                    || (j == self.band.hi[i] && self.band.hi[i] < m)
            })
            .map(|&(i, _)| i)
            .collect()
    }

    /// Forward sweep, writing every entry of `fwd` and `fwd_any`: per
    /// cell and state the log-probability of reaching it (stored as f32 to
    /// halve memory; sums are done in f64), and per cell the same summed
    /// over states.
    fn forward(&self, fwd: &mut [f32], fwd_any: &mut [f32]) {
        let n = self.src.n();
        let band = &self.band;
        let t = self.p.temperature;
        // (0, 0) is reached by no bead: state 0 only.
        fwd[..3].copy_from_slice(&[0.0, f32::NEG_INFINITY, f32::NEG_INFINITY]);
        fwd_any[0] = 0.0;
        let mut xs = [Terms::default(), Terms::default(), Terms::default()];
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let k = band.off[i] + j - band.lo[i];
                xs.iter_mut().for_each(Terms::clear);
                for (s, &(a, b)) in SHAPES.iter().enumerate() {
                    if a > i || b > j {
                        continue;
                    }
                    if let Some(pk) = band.idx(i - a, j - b) {
                        if STATE[s] == 0 {
                            let prev = fwd_any[pk] as f64;
                            if prev > f64::NEG_INFINITY {
                                xs[0].push(prev - self.costs[NS * k + s] as f64 / t);
                            }
                            continue;
                        }
                        for q in 0..3 {
                            let prev = fwd[3 * pk + q] as f64;
                            if prev > f64::NEG_INFINITY {
                                xs[STATE[s]].push(prev - self.step_cost(k, s, q) / t);
                            }
                        }
                    }
                }
                for st in 0..3 {
                    fwd[3 * k + st] = lse(xs[st].as_slice()) as f32;
                }
                let f = &fwd[3 * k..3 * k + 3];
                fwd_any[k] = lse(&[f[0] as f64, f[1] as f64, f[2] as f64]) as f32;
            }
        }
    }

    /// Backward sweep, writing every entry of `bwd`: per cell and state
    /// (of the bead that reached it) the log-probability of going on to
    /// (n, m).
    fn backward(&self, bwd: &mut [f32]) {
        let (n, m) = (self.src.n(), self.tgt.n());
        let band = &self.band;
        let t = self.p.temperature;
        let last = band.idx(n, m).expect("band ends at (n, m)");
        for st in 0..3 {
            bwd[3 * last + st] = 0.0;
        }
        // The terms for state 0; states 1 and 2 differ from them in one
        // term at most (a skip continuing a run of skips).
        let mut xs = Terms::default();
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                if i == n && j == m {
                    continue;
                }
                let k = band.off[i] + j - band.lo[i];
                xs.clear();
                let mut alt: [Option<(usize, f64)>; 3] = [None; 3];
                for (s, &(a, b)) in SHAPES.iter().enumerate() {
                    if i + a > n || j + b > m {
                        continue;
                    }
                    if let Some(nk) = band.idx(i + a, j + b) {
                        let next = bwd[3 * nk + STATE[s]] as f64;
                        if next > f64::NEG_INFINITY {
                            let st = STATE[s];
                            if st != 0 {
                                alt[st] = Some((xs.len, next - self.step_cost(nk, s, st) / t));
                            }
                            xs.push(next - self.step_cost(nk, s, 0) / t);
                        }
                    }
                }
                let base = xs.as_slice();
                let mut exps = [0f64; MAX_TERMS];
                let mx0 = max_of(base.iter().copied());
                let v0 = if mx0 == f64::NEG_INFINITY {
                    mx0
                } else {
                    for (e, x) in exps.iter_mut().zip(exps_below(base, mx0)) {
                        *e = x;
                    }
                    mx0 + sum_of(exps[..base.len()].iter().copied()).ln()
                };
                bwd[3 * k] = v0 as f32;
                for q in 1..3 {
                    let v = match alt[q] {
                        None => v0,
                        Some((pos, val)) => {
                            let term = |p: usize, x: f64| if p == pos { val } else { x };
                            let mx = max_of(base.iter().enumerate().map(|(p, &x)| term(p, x)));
                            if mx == f64::NEG_INFINITY {
                                mx
                            } else if mx == mx0 {
                                // Same maximum: the other terms' exps are those above.
                                let e = (val - mx).exp();
                                let all =
                                    (0..base.len()).map(|p| if p == pos { e } else { exps[p] });
                                mx + sum_of(all).ln()
                            } else {
                                let all = base
                                    .iter()
                                    .enumerate()
                                    .map(|(p, &x)| (term(p, x) - mx).exp());
                                mx + sum_of(all).ln()
                            }
                        }
                    };
                    bwd[3 * k + q] = v as f32;
                }
            }
        }
    }

    /// Posterior probability of each bead of `path` under the model
    /// `P(path) ∝ exp(-cost / T)`, by forward–backward in the band.
    fn posteriors(&self, path: &[(usize, usize)]) -> Vec<f64> {
        let (n, m) = (self.src.n(), self.tgt.n());
        let band = &self.band;
        let t = self.p.temperature;
        // The two sweeps are independent: run them side by side.
        // Allocated here, not in the pool's threads, so that they reuse
        // memory this thread has freed instead of growing another arena.
        // The sweeps write every entry: zeroed memory needs no filling.
        let mut fwd = crate::error::zeroed(3 * band.cells);
        let mut fwd_any = crate::error::zeroed(band.cells);
        let mut bwd = crate::error::zeroed(3 * band.cells);
        rayon::join(
            || self.forward(&mut fwd, &mut fwd_any),
            || self.backward(&mut bwd),
        );
        drop(fwd_any);
        let last = band.idx(n, m).expect("band ends at (n, m)");
        let total: Vec<f64> = fwd[3 * last..3 * last + 3]
            .iter()
            .map(|&x| x as f64)
            .collect();
        let total = lse(&total);
        path.windows(2)
            .map(|w| {
                let ((i0, j0), (i1, j1)) = (w[0], w[1]);
                let (Some(a), Some(b)) = (band.idx(i0, j0), band.idx(i1, j1)) else {
                    return 0.0;
                };
                let s = SHAPES
                    .iter()
                    .position(|&x| x == (i1 - i0, j1 - j0))
                    .expect("path steps are bead shapes");
                let terms: Vec<f64> = (0..3)
                    .map(|q| {
                        fwd[3 * a + q] as f64 - self.step_cost(b, s, q) / t
                            + bwd[3 * b + STATE[s]] as f64
                    })
                    .collect();
                (lse(&terms) - total).exp().clamp(0.0, 1.0)
            })
            .collect()
    }
}

/// Align two sides: the best path (cell corners from (0,0) to (n,m)) and,
/// when `confidence` is set, the posterior of each of its beads. `guide`,
/// when given, is a path (at this resolution) to search around instead of
/// deriving one from a coarser alignment.
#[cfg(test)]
pub fn align(
    src: &Side,
    tgt: &Side,
    p: &Params,
    guide: Option<&[(usize, usize)]>,
    confidence: bool,
) -> (Vec<(usize, usize)>, Vec<f64>) {
    let mut scratch = Scratch::new(src.n(), tgt.n());
    align_in(src, tgt, p, guide, confidence, &mut scratch)
}

/// [`align`] with the tables of `scratch`, which get the last round's
/// cost table back. A later call over other sides of the same size (a
/// second pass) reuses them instead of faulting in fresh pages.
pub(crate) fn align_in(
    src: &Side,
    tgt: &Side,
    p: &Params,
    guide: Option<&[(usize, usize)]>,
    confidence: bool,
    scratch: &mut Scratch,
) -> (Vec<(usize, usize)>, Vec<f64>) {
    let (n, m) = (src.n(), tgt.n());
    let guide: Option<Vec<(usize, usize)>> = match guide {
        Some(g) => Some(g.to_vec()),
        None if (n + 1) * (m + 1) <= FULL_LIMIT => None,
        None => {
            let coarse = Params {
                structure: false,
                meaning: None,
                ..p.clone()
            };
            let (cs, ct) = (src.halve(), tgt.halve());
            let (cpath, _) = align_in(&cs, &ct, &coarse, None, false, scratch);
            Some(
                cpath
                    .into_iter()
                    .map(|(i, j)| ((2 * i).min(n), (2 * j).min(m)))
                    .collect(),
            )
        }
    };
    // Half-width per row. Where the best path touches the band's edge, the
    // band is recentred on that path and widened fourfold near the touching
    // rows only, so one hard spot does not widen the whole document.
    let mut w = vec![BAND; n + 1];
    let mut guide = guide;
    let mut rounds = 0;
    let mut cache: Option<PairCache> = None;
    let mut prev: Option<Round> = None;
    // Viterbi's values in `scratch` belong to another level.
    scratch.held = None;
    loop {
        rounds += 1;
        let band = match &guide {
            None => Band::full(n, m),
            Some(g) => Band::around(g, n, m, &w),
        };
        let mut grid = Grid::new(src, tgt, p, band, cache.as_ref());
        drop(cache.take());
        // Only a wider band needs the shared weights again, and they are
        // worth keeping where they are dear (coarse levels, big bags) and
        // the band is small; at the finest level they would add to the peak.
        let path = grid.best_path(scratch, prev.as_ref());
        let pair = std::mem::take(&mut grid.pair);
        let pair = (guide.is_some() && grid.band.cells <= CACHE_CELLS).then_some(pair);
        let edge = if guide.is_some() {
            grid.edge_rows(&path)
        } else {
            Vec::new()
        };
        let mut wider = vec![false; n + 1];
        for &i in &edge {
            let reach = 4 * w[i];
            for flag in &mut wider[i.saturating_sub(reach)..=(i + reach).min(n)] {
                *flag = true;
            }
        }
        let mut widened = false;
        for (wk, wide) in w.iter_mut().zip(&wider) {
            if *wide && *wk < BAND_MAX {
                *wk = (*wk * 4).min(BAND_MAX);
                widened = true;
            }
        }
        if !widened || rounds > MAX_WIDENINGS {
            drop(pair);
            drop(prev);
            let post = if confidence {
                // Viterbi's tables make room for the sweeps'.
                scratch.d = Vec::new();
                scratch.back = Vec::new();
                grid.posteriors(&path)
            } else {
                Vec::new()
            };
            scratch.costs = std::mem::take(&mut grid.costs);
            return (path, post);
        }
        // This round's costs serve the next one when small enough; the
        // previous round's table becomes the next one's buffer.
        let costs = std::mem::take(&mut grid.costs);
        let (keep, spare) = if grid.band.cells <= REUSE_CELLS {
            (
                Some((grid.band.clone(), costs)),
                prev.take().map(|(_, c)| c),
            )
        } else {
            (None, Some(costs))
        };
        drop(prev);
        prev = keep;
        if let Some(c) = spare {
            scratch.costs = c;
        }
        guide = Some(path);
        cache = pair.map(|pair| (grid.band, pair));
    }
}

/// The cost of `path` (cell corners from (0, 0) to (n, m)) as the search
/// adds it up, bead by bead with the skip-run state; infinite when a step
/// is not one of the [`SHAPES`]. Only the cells of the path's own rows
/// and columns are filled (a band of half-width 0 around it): the moves
/// pass compares alignments of local windows by it, many times over.
pub(crate) fn path_cost(src: &Side, tgt: &Side, p: &Params, path: &[(usize, usize)]) -> f64 {
    let (n, m) = (src.n(), tgt.n());
    if path.first() != Some(&(0, 0))
        || path.last() != Some(&(n, m))
        || path.windows(2).any(|w| w[1].0 < w[0].0 || w[1].1 < w[0].1)
    {
        return f64::INFINITY;
    }
    let band = Band::around(path, n, m, &vec![0; n + 1]);
    Grid::new(src, tgt, p, band, None).cost_along(path)
}

impl Grid<'_> {
    /// Fill every row of the band, then add up the cost of `path` bead by
    /// bead with the skip-run state; infinite when a step is not one of
    /// the [`SHAPES`] or leaves the band.
    fn cost_along(mut self, path: &[(usize, usize)]) -> f64 {
        let n = self.band.lo.len() - 1;
        let mut costs = std::mem::take(&mut self.costs);
        self.fill_rows(0..n + 1, &mut costs, None, &[]);
        self.costs = costs;
        let (mut q, mut total) = (0, 0.0);
        for w in path.windows(2) {
            let shape = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            let (Some(s), Some(k)) = (
                SHAPES.iter().position(|&x| x == shape),
                self.band.idx(w[1].0, w[1].1),
            ) else {
                return f64::INFINITY;
            };
            total += self.step_cost(k, s, q);
            q = STATE[s];
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::super::cost::Window;
    use super::super::features::shared;
    use super::*;

    #[test]
    fn band_around_a_path_contains_it() {
        let path = vec![(0, 0), (1, 1), (3, 2), (4, 4)];
        let b = Band::around(&path, 4, 4, &[1; 5]);
        for &(i, j) in &path {
            assert!(b.idx(i, j).is_some(), "({i},{j})");
        }
        assert_eq!(b.lo[0], 0);
        assert_eq!(b.hi[4], 4);
    }

    proptest::proptest! {
        // The scattered shared weight is the merge's, bit for bit, with
        // repeated features on either side.
        #[test]
        fn scatter_equals_merge(
            a in proptest::collection::vec((0u32..12, 0u8..4), 0..20),
            b in proptest::collection::vec((0u32..12, 0u8..4), 0..20),
        ) {
            let bag = |v: &[(u32, u8)]| -> Bag {
                let mut x: Bag = v.iter().map(|&(id, w)| (id, 0.5 + w as f32 * 0.7)).collect();
                x.sort_by_key(|&(id, _)| id);
                x
            };
            let (a, b) = (bag(&a), bag(&b));
            let mut sc = Scatter::new(12);
            sc.load(&a);
            proptest::prop_assert_eq!(sc.shared(&a, &b).to_bits(), shared(&a, &b).to_bits());
            sc.unload(&a);
            proptest::prop_assert!(sc.first.iter().all(|&f| f == 0));
        }
    }

    #[test]
    fn lse_of_nothing_is_minus_infinity() {
        assert_eq!(lse(&[]), f64::NEG_INFINITY);
        assert_eq!(lse(&[f64::NEG_INFINITY; 2]), f64::NEG_INFINITY);
        assert!((lse(&[0.0, 0.0]) - 2f64.ln()).abs() < 1e-12);
    }

    /// A small near-diagonal pair of sides with features.
    fn toy_side(n: usize, shift: usize) -> Side {
        let mut s = Side::default();
        for k in 0..n {
            let id = ((k + shift) % 7) as u32;
            let bag: Bag = vec![(id, 1.0), (id + 10, 0.5)];
            s.wsum.push(1.5);
            s.bags.push(bag);
            s.len.push(20.0 + ((k * 13) % 17) as f64);
            s.para_start.push(k % 3 == 0);
            s.heading.push(false);
            s.list.push(false);
        }
        s
    }

    proptest::proptest! {
        // The row fill equals the per-bead cost bit for bit, with structure
        // costs on and off, in narrow bands (beads whose windows leave the
        // band) and wide ones.
        #[test]
        fn fill_row_equals_cost(
            n in 1usize..30,
            m in 1usize..30,
            shift in 0usize..7,
            width in 0usize..6,
            structure: bool,
            zero_len in 0usize..30,
        ) {
            let (src, mut tgt) = (toy_side(n, 0), toy_side(m, shift));
            // A zero-length unit and an empty bag (no features).
            if zero_len < m {
                tgt.len[zero_len] = 0.0;
                tgt.bags[zero_len].clear();
                tgt.wsum[zero_len] = 0.0;
                tgt.heading[zero_len] = true;
            }
            let p = Params { structure, ratio: 1.1, ..Params::default() };
            let guide: Vec<(usize, usize)> = (0..=n.max(m))
                .map(|k| ((k * n) / n.max(m), (k * m) / n.max(m)))
                .collect();
            let band = Band::around(&guide, n, m, &vec![width; n + 1]);
            let mut g = Grid::new(&src, &tgt, &p, band, None);
            g.best_path(&mut Scratch::default(), None);
            let g = Grid {
                len_s: spans(&{
                    let mut c = vec![0.0];
                    for x in &src.len { c.push(c.last().unwrap() + x); }
                    c
                }, 1.0),
                len_t: spans(&{
                    let mut c = vec![0.0];
                    for x in &tgt.len { c.push(c.last().unwrap() + x); }
                    c
                }, p.ratio),
                ws_s: weight_spans(&src.wsum),
                wt_t: weight_spans(&tgt.wsum),
                st_s: Vec::new(),
                st_t: Vec::new(),
                ..g
            };
            for i in 0..=n {
                for j in g.band.lo[i]..=g.band.hi[i] {
                    let k = g.band.idx(i, j).unwrap();
                    let mut win: Window = [[f32::NAN; MAX_SIDE]; MAX_SIDE];
                    for (s, &(a, b)) in SHAPES.iter().enumerate() {
                        let want = if a <= i && b <= j && g.band.idx(i - a, j - b).is_some() {
                            g.cost(i - a, i, j - b, j, &mut win) as f32
                        } else {
                            f32::INFINITY
                        };
                        proptest::prop_assert_eq!(g.costs[NS * k + s].to_bits(), want.to_bits());
                    }
                }
            }
        }
    }

    proptest::proptest! {
        // The cost of a path over the band of its own cells equals its cost
        // over the whole grid, bit for bit.
        #[test]
        fn path_cost_equals_the_whole_grids(
            steps in proptest::collection::vec(0usize..NS, 1..30),
            shift in 0usize..7,
        ) {
            let mut path = vec![(0, 0)];
            for &s in &steps {
                let (i, j) = *path.last().unwrap();
                path.push((i + SHAPES[s].0, j + SHAPES[s].1));
            }
            let (n, m) = *path.last().unwrap();
            proptest::prop_assume!(n > 0 && m > 0);
            let (src, tgt) = (toy_side(n, 0), toy_side(m, shift));
            let p = Params::default();
            let whole = Grid::new(&src, &tgt, &p, Band::full(n, m), None).cost_along(&path);
            proptest::prop_assert_eq!(path_cost(&src, &tgt, &p, &path).to_bits(), whole.to_bits());
        }
    }

    proptest::proptest! {
        // A widening round that copies unchanged rows from the previous
        // round's costs and keeps its Viterbi values for the unchanged
        // leading rows gets the tables and path of a round from scratch.
        #[test]
        fn widening_round_reuse_equals_a_fresh_round(
            n in 1usize..40,
            m in 1usize..40,
            shift in 0usize..7,
            width in 0usize..5,
            wide_from in 0usize..40,
            wide_len in 0usize..10,
            structure: bool,
        ) {
            let (src, tgt) = (toy_side(n, 0), toy_side(m, shift));
            let p = Params { structure, ..Params::default() };
            let guide: Vec<(usize, usize)> = (0..=n.max(m))
                .map(|k| ((k * n) / n.max(m), (k * m) / n.max(m)))
                .collect();
            let b1 = Band::around(&guide, n, m, &vec![width; n + 1]);
            let mut scratch = Scratch::default();
            let mut g1 = Grid::new(&src, &tgt, &p, b1, None);
            let path1 = g1.best_path(&mut scratch, None);
            // The second band: around the first path, wider on some rows.
            let w2: Vec<usize> = (0..=n)
                .map(|i| if i >= wide_from && i < wide_from + wide_len { width * 4 + 1 } else { width })
                .collect();
            let b2 = Band::around(&path1, n, m, &w2);
            let prev = (g1.band.clone(), std::mem::take(&mut g1.costs));
            let mut g2 = Grid::new(&src, &tgt, &p, b2.clone(), None);
            let path2 = g2.best_path(&mut scratch, Some(&prev));
            let mut fresh_scratch = Scratch::default();
            let mut g3 = Grid::new(&src, &tgt, &p, b2, None);
            let path3 = g3.best_path(&mut fresh_scratch, None);
            let cells = g3.band.cells;
            proptest::prop_assert_eq!(path2, path3);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<u32>>();
            proptest::prop_assert_eq!(bits(&g2.costs[..NS * cells]), bits(&g3.costs[..NS * cells]));
            let dbits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            proptest::prop_assert_eq!(dbits(&scratch.d[..VS * cells]), dbits(&fresh_scratch.d[..VS * cells]));
            // (0, 0)'s back pointers are never written nor read.
            proptest::prop_assert_eq!(&scratch.back[3..VS * cells], &fresh_scratch.back[3..VS * cells]);
        }
    }

    #[test]
    fn repeats_in_neighbours_do_not_merge_two_pairs() {
        // Two translated pairs: each unit has its own linked feature (3),
        // a feature all four units repeat (4) and one of its own side (3);
        // the lengths fit 2-2 better than 1-1 + 1-1. Counting the repeat
        // once per pair, the 2-2 bead wins; with the cross-pair correction
        // the two 1-1 beads do.
        let side = |lens: [f64; 2], own: u32| -> Side {
            let mut s = Side::default();
            for (k, len) in lens.into_iter().enumerate() {
                let k = k as u32;
                let mut bag: Bag = vec![(k, 3.0), (9, 4.0), (own + k, 3.0)];
                bag.sort_by_key(|&(id, _)| id);
                s.wsum.push(10.0);
                s.bags.push(bag);
                s.len.push(len);
                s.para_start.push(k == 0);
                s.heading.push(false);
                s.list.push(false);
            }
            s
        };
        let (src, tgt) = (side([20.0, 36.0], 20), side([36.0, 20.0], 30));
        let p = Params::default();
        let (path, _) = align(&src, &tgt, &p, None, false);
        assert_eq!(path, vec![(0, 0), (1, 1), (2, 2)]);
        let p = Params {
            cross_22: 0.0,
            ..Params::default()
        };
        let (path, _) = align(&src, &tgt, &p, None, false);
        assert_eq!(path, vec![(0, 0), (2, 2)]);
    }

    #[test]
    fn posteriors_of_the_best_path_are_probabilities() {
        let (src, tgt) = (toy_side(40, 0), toy_side(43, 0));
        let p = Params::default();
        let (path, post) = align(&src, &tgt, &p, None, true);
        assert_eq!(post.len(), path.len() - 1);
        assert!(post.iter().all(|c| (0.0..=1.0).contains(c)));
        // Reusing shared weights from a narrower band changes nothing.
        let guide: Vec<(usize, usize)> = path.clone();
        let narrow = Band::around(&guide, 40, 43, &[2; 41]);
        let wide = Band::around(&guide, 40, 43, &[6; 41]);
        let cached = (narrow.clone(), pair_weights(&src, &tgt, &narrow, None));
        let a = pair_weights(&src, &tgt, &wide, Some(&cached));
        let b = pair_weights(&src, &tgt, &wide, None);
        assert_eq!(a, b);
    }
}
