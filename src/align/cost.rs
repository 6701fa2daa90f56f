//! The cost model of the alignment DP: what a bead costs. A two-sided bead
//! pays its shape's prior, the Gale–Church length cost (capped for a 1-1
//! bead at what two gaps cost), minus a lexical bonus that grows with bead
//! size, plus soft structure costs (paragraph breaks, headings, list
//! items); a one-sided bead pays [`Params::skip`].
//!
//! The cost is written twice, side by side: [`Grid::fill_row`], the fast
//! path the DP runs (all shapes of a cell at once, shared weights read from
//! the band), and [`Grid::cost`], the plain reference the tests hold it to,
//! bit for bit. The search itself (band, Viterbi, forward–backward) is in
//! `dp.rs`.

use super::dp::{Band, Grid, Round, Side, MAX_SIDE, NS, SHAPES};
use super::features::shared;

/// Cost parameters.
#[derive(Debug, Clone)]
pub struct Params {
    /// Expected target/source length ratio.
    pub ratio: f64,
    /// Gale–Church variance per character.
    pub s2: f64,
    /// Weight of the lexical bonus per unit of similarity and bead size.
    pub w_lex: f64,
    /// Cost of a 1-0 or 0-1 bead that opens a gap.
    pub skip: f64,
    /// Cost of a 1-0 (0-1) bead right after another 1-0 (0-1).
    pub skip_extend: f64,
    /// Prior cost of a 2-1 / 1-2 bead.
    pub c21: f64,
    /// Prior cost of a 2-2 bead.
    pub c22: f64,
    /// How many times a 2-2 bead's smaller cross pair (see
    /// [`Grid::cross_excess`]) is taken out of its shared weight.
    pub cross_22: f64,
    /// Most a 1-1 bead pays for its length: two gaps ([`Params::skip`]
    /// twice, the beads it replaces) and 0.5 more. A loosely translated
    /// pair whose lengths differ far more than translations do (an edition
    /// that adds a clause) is a 1-1 bead when the pair shares any evidence
    /// worth 0.5, not a 1-0 and a 0-1 bead side by side; two sentences
    /// that share nothing stay two gaps.
    pub length_cap_11: f64,
    /// Prior cost of a 3-1 / 1-3 bead.
    pub c31: f64,
    /// Prior cost of the larger shapes (3-2, 2-3, 4-1, 1-4).
    pub c_big: f64,
    /// Prior cost of a 5-1 / 1-5 bead (one long sentence against five
    /// short ones, as in the Bible's Bokmål 1930 against the WEB).
    pub c51: f64,
    /// Use the structure costs below.
    pub structure: bool,
    /// Cost per paragraph break inside a bead that crosses breaks on both
    /// sides (the editions paragraph differently).
    pub cross: f64,
    /// Cost per paragraph break inside a bead whose other side lies within
    /// one paragraph: above [`Params::skip`], so a paragraph present in one
    /// edition only becomes a gap, not part of its neighbour's bead.
    pub cross_one_sided: f64,
    /// Cost when a bead starts a paragraph on one side only.
    pub boundary: f64,
    /// Cost when a heading (or list item) meets something else.
    pub kind: f64,
    /// Temperature turning costs into probabilities for confidence.
    pub temperature: f64,
    /// Feature weight added to every segment when computing similarity.
    pub smooth: f64,
    /// Meaning evidence: sentence vectors of the spans the bead shapes
    /// need, at this level of the sides only (none on coarser copies).
    pub meaning: Option<std::sync::Arc<super::semantic::Meaning>>,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            ratio: 1.0,
            s2: 6.8,
            w_lex: 6.0,
            skip: 4.5,
            skip_extend: 1.5,
            c21: 2.8,
            c22: 4.75,
            cross_22: 1.5,
            length_cap_11: 9.5,
            c31: 5.0,
            c_big: 8.0,
            c51: 12.0,
            structure: false,
            cross: 3.0,
            cross_one_sided: 7.0,
            boundary: 1.5,
            kind: 4.0,
            temperature: 1.15,
            smooth: 3.0,
            meaning: None,
        }
    }
}

/// `-ln erfc(z)` for `z ≥ 0`, without underflow (Chebyshev fit, relative
/// error below 1.2e-7).
fn neg_ln_erfc(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    z * z - poly - t.ln()
}

/// Gale–Church length cost: `-ln P(|δ| ≥ observed)`.
pub fn length_cost(ls: f64, lt: f64, ratio: f64, s2: f64) -> f64 {
    length_cost_in(tail_table(), ls, lt, ratio, s2)
}

#[inline]
fn length_cost_in(table: &[f64], ls: f64, lt: f64, ratio: f64, s2: f64) -> f64 {
    length_cost_scaled(table, ls, lt / ratio, s2)
}

/// [`length_cost_in`] with the target length already divided by the ratio.
#[inline]
fn length_cost_scaled(table: &[f64], ls: f64, lt: f64, s2: f64) -> f64 {
    let mean = (ls + lt) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    let delta = ((lt - ls) / (s2 * mean).sqrt()).abs();
    tail_cost(table, delta)
}

/// Steps per unit of |δ| in the tail-cost table.
const TABLE_STEPS: f64 = 200.0;
/// |δ| covered by the table; beyond it the cost is computed directly.
const TABLE_MAX: f64 = 30.0;

/// The table of `-ln P(|Z| ≥ δ)` at `δ = k / TABLE_STEPS`.
pub(super) fn tail_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=(TABLE_MAX * TABLE_STEPS) as usize + 1)
            .map(|k| neg_ln_erfc(k as f64 / TABLE_STEPS / std::f64::consts::SQRT_2))
            .collect()
    })
}

/// `-ln P(|Z| ≥ δ)` for a standard normal `Z`, by linear interpolation in
/// the table (the DP asks for it millions of times).
#[inline]
fn tail_cost(table: &[f64], delta: f64) -> f64 {
    if delta >= TABLE_MAX {
        return neg_ln_erfc(delta / std::f64::consts::SQRT_2);
    }
    let x = delta * TABLE_STEPS;
    let k = x as usize;
    let f = x - k as f64;
    // `k + 1 < table.len()` here; the clamp only spares a bounds check.
    let k = k.min(table.len().saturating_sub(2));
    let pair = &table[k..k + 2];
    pair[0] * (1.0 - f) + pair[1] * f
}

/// Per end point `e`, the summed lengths of the 0..=MAX_SIDE units before
/// it (from cumulative lengths `cum`), divided by `ratio`.
pub(super) fn spans(cum: &[f64], ratio: f64) -> Vec<[f64; MAX_SIDE + 1]> {
    (0..cum.len())
        .map(|e| {
            std::array::from_fn(|a| {
                if a <= e {
                    (cum[e] - cum[e - a]) / ratio
                } else {
                    0.0
                }
            })
        })
        .collect()
}

/// Per end point `e`, the summed weights of the 0..=MAX_SIDE units before
/// it, each sum added left to right from its first unit (as a slice sum).
pub(super) fn weight_spans(w: &[f32]) -> Vec<[f32; MAX_SIDE + 1]> {
    (0..=w.len())
        .map(|e| {
            std::array::from_fn(|a| {
                if a <= e {
                    w[e - a..e].iter().sum()
                } else {
                    0.0
                }
            })
        })
        .collect()
}

/// What the structure costs need to know of the units `e-a..e` of one
/// side: paragraph starts after the first unit, whether the first starts
/// a paragraph, whether any is a heading, whether any is a list item.
#[derive(Clone, Copy, Default)]
pub(super) struct Span {
    breaks: u8,
    start: bool,
    heading: bool,
    list: bool,
}

/// Per end point `e`, the [`Span`] of the 0..=MAX_SIDE units before it
/// (default past the start and for no units).
pub(super) fn struct_spans(side: &Side) -> Vec<[Span; MAX_SIDE + 1]> {
    (0..=side.n())
        .map(|e| {
            std::array::from_fn(|a| {
                if a == 0 || a > e {
                    return Span::default();
                }
                let s = e - a;
                Span {
                    breaks: side.para_start[s + 1..e].iter().filter(|&&x| x).count() as u8,
                    start: side.para_start[s],
                    heading: side.heading[s..e].iter().any(|&x| x),
                    list: side.list[s..e].iter().any(|&x| x),
                }
            })
        })
        .collect()
}

/// Prior cost of a two-sided bead of `a` source and `b` target units.
pub(crate) fn prior(p: &Params, a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.0,
        (2, 1) | (1, 2) => p.c21,
        (2, 2) => p.c22,
        (3, 1) | (1, 3) => p.c31,
        (5, 1) | (1, 5) => p.c51,
        _ => p.c_big,
    }
}

/// `c` plus the structure costs of a bead whose sides are the spans `s`
/// and `t` (the sums of [`Grid::structure_cost`], in its order).
#[inline]
fn structure_cost(p: &Params, mut c: f64, s: Span, t: Span) -> f64 {
    let per = if (s.breaks == 0) != (t.breaks == 0) {
        p.cross_one_sided
    } else {
        p.cross
    };
    c += per * (s.breaks as usize + t.breaks as usize) as f64;
    if s.start != t.start {
        c += p.boundary;
    }
    if s.heading != t.heading {
        c += p.kind;
    }
    if s.list != t.list {
        c += p.kind / 4.0;
    }
    c
}

/// How many times the diagonal pairs of a 2-2 bead one of its cross pairs
/// must outweigh for the bead to count as shifted (see
/// [`Grid::cross_excess`]).
const SHIFTED: f32 = 3.0;

/// The index of the 1-1 shape in [`SHAPES`].
const ONE_ONE: usize = 0;
const _: () = assert!(SHAPES[ONE_ONE].0 == 1 && SHAPES[ONE_ONE].1 == 1);

/// Shared weights around one cell, filled on first use: `win[du][dv]` is
/// the shared weight of src `i-1-du` and tgt `j-1-dv` for the cell (i, j).
pub(super) type Window = [[f32; MAX_SIDE]; MAX_SIDE];

/// `WINDOW[du]`: how many `dv` of a [`Window`]'s row `du` some shape uses
/// (`dv < b` for every shape `(a, b)` with `du < a`).
const WINDOW: [usize; MAX_SIDE] = {
    let mut w = [0; MAX_SIDE];
    let mut s = 0;
    while s < NS {
        let (a, b) = SHAPES[s];
        let mut du = 0;
        while du < a {
            if b > w[du] {
                w[du] = b;
            }
            du += 1;
        }
        s += 1;
    }
    w
};

impl<'a> Grid<'a> {
    /// The costs of every shape at every cell of row `i` (`NS` per cell),
    /// equal bit for bit to [`Grid::cost`], infinite where the bead would
    /// start outside the band. The length terms of a cell are computed for
    /// all shapes at once (square roots and divisions side by side), and
    /// row-wide lookups are hoisted out of the cells.
    ///
    /// A cell that `prev`, an earlier round over the same sides, holds
    /// gets its costs from there when every shape starts inside both
    /// bands or outside both: a cell's costs depend on the band only
    /// through which of its beads start inside it.
    pub(super) fn fill_row(&self, i: usize, row: &mut [f32], prev: Option<&Round>) {
        let band = &self.band;
        let p = self.p;
        // Bounds and offset of row `i - a` of `band`; an empty range when
        // a > i.
        let bounds = |band: &Band| -> [(usize, usize, usize); MAX_SIDE + 1] {
            std::array::from_fn(|a| {
                if a <= i {
                    (band.lo[i - a], band.hi[i - a], band.off[i - a])
                } else {
                    (1, 0, 0)
                }
            })
        };
        let rows = bounds(band);
        let old = prev.map(|(pb, pc)| (bounds(pb), pc));
        // Which shapes start inside the band of `rows` at column `j`.
        let starts = |rows: &[(usize, usize, usize); MAX_SIDE + 1], j: usize| -> [bool; NS] {
            std::array::from_fn(|s| {
                let (a, b) = SHAPES[s];
                let (lo, hi, _) = rows[a];
                b <= j && j - b >= lo && j - b <= hi
            })
        };
        let prior: [f64; NS] = std::array::from_fn(|s| prior(p, SHAPES[s].0, SHAPES[s].1));
        // The most each shape's length cost can be.
        let cap: [f64; NS] = std::array::from_fn(|s| {
            if s == ONE_ONE {
                p.length_cap_11
            } else {
                f64::INFINITY
            }
        });
        let ls = &self.len_s[i];
        let ws = &self.ws_s[i];
        let s2 = p.s2;
        for (c, j) in row.chunks_exact_mut(NS).zip(band.lo[i]..) {
            if let Some((orows, pc)) = &old {
                let (olo, ohi, ooff) = orows[0];
                if j >= olo && j <= ohi && starts(&rows, j) == starts(orows, j) {
                    let k = NS * (ooff + j - olo);
                    c.copy_from_slice(&pc[k..k + NS]);
                    continue;
                }
            }
            let lt = &self.len_t[j];
            let mut mean = [0f64; NS];
            let mut delta = [0f64; NS];
            for s in 0..NS {
                let (x, y) = (ls[SHAPES[s].0], lt[SHAPES[s].1]);
                mean[s] = (x + y) / 2.0;
                delta[s] = ((y - x) / (s2 * mean[s]).sqrt()).abs();
            }
            // Where the shared weights every shape needs lie in the band
            // (most cells), they are read at once and the shapes sum them
            // without checks; elsewhere each is looked up on first use.
            let inner = (0..MAX_SIDE).all(|du| {
                let (lo, hi, _) = rows[du];
                du < i && WINDOW[du] <= j && j + 1 - WINDOW[du] >= lo && j <= hi
            });
            let mut win: Window = [[f32::NAN; MAX_SIDE]; MAX_SIDE];
            if inner {
                for (du, row) in win.iter_mut().enumerate() {
                    let (lo, _, off) = rows[du];
                    for (dv, w) in row.iter_mut().enumerate().take(WINDOW[du]) {
                        *w = self.pair[off + j - dv - lo];
                    }
                }
            }
            for (s, &(a, b)) in SHAPES.iter().enumerate() {
                let (plo, phi, _) = rows[a];
                if b > j || j - b < plo || j - b > phi {
                    c[s] = f32::INFINITY;
                    continue;
                }
                if a == 0 || b == 0 {
                    c[s] = p.skip as f32;
                    continue;
                }
                let length = if mean[s] <= 0.0 {
                    0.0
                } else {
                    tail_cost(self.table, delta[s]).min(cap[s])
                };
                let mut cost = prior[s] + length;
                let sim = if inner {
                    self.similarity_in(a, b, (ws[a], self.wt_t[j][b]), &win)
                } else {
                    self.similarity_with(
                        (i - a, i, j - b, j),
                        (ws[a], self.wt_t[j][b]),
                        &rows,
                        &mut win,
                    )
                };
                cost -= p.w_lex * sim * (a + b) as f64 / 2.0;
                if let Some(m) = &p.meaning {
                    cost += m.cost(i, a, j, b);
                }
                if p.structure {
                    cost = structure_cost(p, cost, self.st_s[i][a], self.st_t[j][b]);
                }
                c[s] = cost as f32;
            }
        }
    }

    /// What a 2-2 bead's shared weight loses for the features its
    /// neighbouring units repeat: [`Params::cross_22`] times the smaller of
    /// its two cross pairs (first source unit with second target unit,
    /// second with first), 0 for other shapes. The shared weight sums every
    /// source–target pair of a bead, so a feature that both units of each
    /// side carry ("Herren" in two neighbouring verses, "LORD" in their
    /// translations) counts four times in a 2-2 bead and twice in its two
    /// 1-1 beads: that excess sits in the cross pairs, and the 2-2 bead
    /// won over its split where nothing else favoured it. A true 2-2 bead,
    /// whose sentence boundaries cross, has translated content in one cross
    /// pair only; the other holds just such repeats.
    ///
    /// Nothing is taken out when one cross pair shares more than
    /// [`SHIFTED`] times what the two diagonal pairs (first with first,
    /// second with second) share together: the bead's evidence then lies
    /// across it, and its split into two 1-1 beads would pair the wrong
    /// sentences (a stretch where one side runs a sentence ahead), so the
    /// cross pairs are content, not repeats.
    /// `win` holds the bead's shared weights (`win[du][dv]` for src
    /// `i-1-du`, tgt `j-1-dv`).
    #[inline]
    fn cross_excess(&self, a: usize, b: usize, win: &Window) -> f32 {
        if (a, b) != (2, 2) {
            return 0.0;
        }
        let (c1, c2) = (win[1][0], win[0][1]);
        if c1.max(c2) > SHIFTED * (win[0][0] + win[1][1]) {
            0.0
        } else {
            self.p.cross_22 as f32 * c1.min(c2)
        }
    }

    /// [`Grid::similarity_with`] of an `a`-`b` bead when `win` holds all
    /// the shared weights it needs: the same sums in the same order.
    #[inline]
    fn similarity_in(&self, a: usize, b: usize, (ws, wt): (f32, f32), win: &Window) -> f64 {
        if ws + wt <= 0.0 {
            return 0.0;
        }
        let smooth = self.p.smooth as f32 * (a + b) as f32;
        let mut m = 0f32;
        for row in win[..a].iter().rev() {
            for &w in row[..b].iter().rev() {
                m += w;
            }
        }
        let m = (m - self.cross_excess(a, b, win)).max(0.0).min(ws).min(wt);
        (2.0 * m / (ws + wt + smooth)) as f64
    }

    /// [`Grid::similarity`] with the summed weights `(ws, wt)` given and
    /// the band rows `i1 - du` (`rows[du]`) for the shared weights.
    #[inline]
    fn similarity_with(
        &self,
        (i0, i1, j0, j1): (usize, usize, usize, usize),
        (ws, wt): (f32, f32),
        rows: &[(usize, usize, usize); MAX_SIDE + 1],
        win: &mut Window,
    ) -> f64 {
        if ws + wt <= 0.0 {
            return 0.0;
        }
        let smooth = self.p.smooth as f32 * (i1 - i0 + j1 - j0) as f32;
        let mut m = 0f32;
        for s in i0..i1 {
            let du = i1 - 1 - s;
            let (lo, hi, off) = rows[du];
            for t in j0..j1 {
                let dv = j1 - 1 - t;
                let w = &mut win[du][dv];
                if w.is_nan() {
                    // The cell (s + 1, t + 1) = (i1 - du, j1 - dv).
                    *w = if t + 1 >= lo && t < hi {
                        self.pair[off + t + 1 - lo]
                    } else {
                        shared(&self.src.bags[s], &self.tgt.bags[t])
                    };
                }
                m += *w;
            }
        }
        let m = (m - self.cross_excess(i1 - i0, j1 - j0, win))
            .max(0.0)
            .min(ws)
            .min(wt);
        (2.0 * m / (ws + wt + smooth)) as f64
    }

    /// `c` plus the structure costs of the bead `src[i0..i1]`,
    /// `tgt[j0..j1]`: the reference that [`structure_cost`] must equal.
    #[cfg(test)]
    fn structure_cost(&self, mut c: f64, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let p = self.p;
        let (s, t) = (self.src, self.tgt);
        let bs = (i0 + 1..i1).filter(|&k| s.para_start[k]).count();
        let bt = (j0 + 1..j1).filter(|&k| t.para_start[k]).count();
        let per = if (bs == 0) != (bt == 0) {
            p.cross_one_sided
        } else {
            p.cross
        };
        c += per * (bs + bt) as f64;
        if s.para_start[i0] != t.para_start[j0] {
            c += p.boundary;
        }
        let hs = s.heading[i0..i1].iter().any(|&x| x);
        let ht = t.heading[j0..j1].iter().any(|&x| x);
        if hs != ht {
            c += p.kind;
        }
        let ls_ = s.list[i0..i1].iter().any(|&x| x);
        let lt_ = t.list[j0..j1].iter().any(|&x| x);
        if ls_ != lt_ {
            c += p.kind / 4.0;
        }
        c
    }

    /// Gale–Church length cost of the bead `src[i0..i1]`, `tgt[j0..j1]`
    /// (at most [`MAX_SIDE`] units a side), at most
    /// [`Params::length_cap_11`] for a 1-1 bead.
    #[cfg(test)]
    fn length_cost(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let ls = self.len_s[i1][i1 - i0];
        let lt = self.len_t[j1][j1 - j0];
        let c = length_cost_scaled(self.table, ls, lt, self.p.s2);
        if (i1 - i0, j1 - j0) == (1, 1) {
            c.min(self.p.length_cap_11)
        } else {
            c
        }
    }

    /// Shared weight of source unit `s` and target unit `t`.
    #[cfg(test)]
    fn shared(&self, s: usize, t: usize) -> f32 {
        match self.band.idx(s + 1, t + 1) {
            Some(k) => self.pair[k],
            None => shared(&self.src.bags[s], &self.tgt.bags[t]),
        }
    }

    /// Lexical similarity (weighted Dice) of a bead ending at (i1, j1);
    /// `win` caches the shared weights around that cell.
    #[cfg(test)]
    fn similarity(&self, i0: usize, i1: usize, j0: usize, j1: usize, win: &mut Window) -> f64 {
        let ws: f32 = self.src.wsum[i0..i1].iter().sum();
        let wt: f32 = self.tgt.wsum[j0..j1].iter().sum();
        if ws + wt <= 0.0 {
            return 0.0;
        }
        // Smoothing: a segment without features dilutes the bead's
        // similarity instead of riding along for free.
        let smooth = self.p.smooth as f32 * (i1 - i0 + j1 - j0) as f32;
        let mut m = 0f32;
        for s in i0..i1 {
            for t in j0..j1 {
                let w = &mut win[i1 - 1 - s][j1 - 1 - t];
                if w.is_nan() {
                    *w = self.shared(s, t);
                }
                m += *w;
            }
        }
        let m = (m - self.cross_excess(i1 - i0, j1 - j0, win))
            .max(0.0)
            .min(ws)
            .min(wt);
        (2.0 * m / (ws + wt + smooth)) as f64
    }

    /// Cost of the bead `src[i0..i1]`, `tgt[j0..j1]`: the reference that
    /// [`Grid::fill_row`] must equal.
    #[cfg(test)]
    pub(super) fn cost(&self, i0: usize, i1: usize, j0: usize, j1: usize, win: &mut Window) -> f64 {
        let p = self.p;
        let (a, b) = (i1 - i0, j1 - j0);
        if a == 0 || b == 0 {
            return p.skip;
        }
        let mut c = prior(p, a, b) + self.length_cost(i0, i1, j0, j1);
        let sim = self.similarity(i0, i1, j0, j1, win);
        c -= p.w_lex * sim * (a + b) as f64 / 2.0;
        if let Some(m) = &p.meaning {
            c += m.cost(i1, a, j1, b);
        }
        if p.structure {
            c = self.structure_cost(c, i0, i1, j0, j1);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_cost_is_zero_for_a_perfect_match_and_grows() {
        let c0 = length_cost(100.0, 100.0, 1.0, 6.8);
        let c1 = length_cost(100.0, 130.0, 1.0, 6.8);
        let c2 = length_cost(100.0, 200.0, 1.0, 6.8);
        assert!(c0.abs() < 1e-6, "{c0}");
        assert!(c0 < c1 && c1 < c2);
        // Far in the tail: finite, no underflow.
        assert!(length_cost(1.0, 5000.0, 1.0, 6.8).is_finite());
    }

    #[test]
    fn tail_table_matches_direct_computation() {
        for d in [0.0, 0.013, 0.5, 1.0, 2.7, 10.0, 29.99, 35.0] {
            let direct = neg_ln_erfc(d / std::f64::consts::SQRT_2);
            assert!(
                (tail_cost(tail_table(), d) - direct).abs() < 1e-3 * (1.0 + direct),
                "{d}"
            );
        }
    }

    use crate::align::dp::{align, Side};
    use crate::align::features::Bag;

    /// A side of units with the given lengths and feature bags.
    fn side_of(units: &[(f64, Bag)]) -> Side {
        let mut s = Side::default();
        for (len, bag) in units {
            let mut bag = bag.clone();
            bag.sort_by_key(|&(id, _)| id);
            s.wsum.push(bag.iter().map(|&(_, w)| w).sum());
            s.bags.push(bag);
            s.len.push(*len);
            s.para_start.push(false);
            s.heading.push(false);
            s.list.push(false);
        }
        s
    }

    #[test]
    fn loose_translation_with_shared_evidence_is_one_bead_not_two_gaps() {
        // Three pairs; the middle target sentence says four times as much
        // as its source (length cost about 12, above two gaps' 9) but
        // shares a feature with it.
        let anchor = |k: u32| (30.0, vec![(k, 2.0), (k + 10, 2.0)]);
        let src = side_of(&[anchor(0), (40.0, vec![(5, 1.0), (20, 1.0)]), anchor(1)]);
        let tgt = side_of(&[anchor(0), (160.0, vec![(5, 1.0), (21, 1.0)]), anchor(1)]);
        let p = Params::default();
        assert!(length_cost(40.0, 160.0, p.ratio, p.s2) > 2.0 * p.skip + 2.0);
        let (path, _) = align(&src, &tgt, &p, None, false);
        assert_eq!(path, vec![(0, 0), (1, 1), (2, 2), (3, 3)]);
        // Without the cap: a 1-0 and a 0-1 bead.
        let uncapped = Params {
            length_cap_11: f64::INFINITY,
            ..Params::default()
        };
        let (path, _) = align(&src, &tgt, &uncapped, None, false);
        assert_eq!(path.len(), 5, "{path:?}");
        // Sharing nothing, the two stay gaps.
        let tgt = side_of(&[anchor(0), (160.0, vec![(21, 1.0)]), anchor(1)]);
        let (path, _) = align(&src, &tgt, &p, None, false);
        assert_eq!(path.len(), 5, "{path:?}");
    }

    #[test]
    fn a_shifted_two_two_bead_keeps_its_cross_evidence() {
        // Between two anchors, the first middle source unit is translated
        // by the second middle target unit (features 5 and 6), the other
        // cross pair and both diagonal pairs share only a repeated feature
        // (9). The cross pair shares more than three times what the
        // diagonals share together, so the 2-2 bead keeps its full shared
        // weight and wins; taking the repeat out (as for two 1-1 pairs
        // merged) would split it into two 1-1 beads that pair the wrong
        // sentences.
        let anchor = |k: u32| (30.0, vec![(k, 3.0)]);
        let src = side_of(&[
            anchor(0),
            (27.0, vec![(5, 2.0), (6, 1.0), (9, 0.5)]),
            (33.0, vec![(9, 0.5), (7, 1.0)]),
            anchor(1),
        ]);
        let tgt = side_of(&[
            anchor(0),
            (33.0, vec![(9, 0.5), (8, 1.0)]),
            (27.0, vec![(5, 2.0), (6, 1.0), (9, 0.5)]),
            anchor(1),
        ]);
        let (path, _) = align(&src, &tgt, &Params::default(), None, false);
        assert_eq!(path, vec![(0, 0), (1, 1), (3, 3), (4, 4)]);
    }

    #[test]
    fn neg_ln_erfc_matches_known_values() {
        // erfc(1) = 0.157299207
        assert!((neg_ln_erfc(1.0) - (-(0.157_299_207f64).ln())).abs() < 1e-6);
        assert!(neg_ln_erfc(0.0).abs() < 1e-6);
    }
}
