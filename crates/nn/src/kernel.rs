//! Quantised matrix products: int8 activations × 4-bit weights.
//!
//! Every matmul input row is cut into blocks of 32 values and each block is
//! quantised to int8 with its own scale (`max|x| / 127`, round half to even).
//! The weights stay as the model file's Q4_0 nibbles (0…15, weight = (n − 8) ×
//! scale), repacked for the kernels: outputs in groups of 16, and within a
//! block the 32 nibbles of the 16 outputs interleaved four at a time, so one
//! 512-bit byte dot product (AVX-512 VNNI `vpdpbusd`) covers 4 inputs of 16
//! outputs, and one 256-bit byte multiply-add (AVX2) 4 inputs of 8 outputs.
//!
//! The integer part of each block product, Σ n·q − 8·Σ q, is exact, so the
//! three kernels (AVX-512 VNNI, AVX2, portable) compute the same integers; the
//! float part is the same sequence of IEEE operations in all (per block:
//! `acc += (d_w·d_a)·sum`, then `+ bias`), so they give identical bits. Each
//! output element depends only on its own row, never on which rows share a
//! batch or a thread. The fastest kernel the CPU has is chosen at run time
//! ([`Kernel::detect`]); [`force_kernel`] caps the choice for tests.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::{f16_to_f32, Q4_BLOCK_BYTES, QK};

/// Outputs per group in the packed layout.
pub const GROUP: usize = 16;
/// Token rows per tile (rows are padded to a multiple of this).
pub const TILE: usize = 4;

/// A Q4_0 weight matrix `[out, inp]` repacked for the kernels, with its bias.
pub struct PackedQ4 {
    /// Outputs.
    pub out: usize,
    /// Inputs.
    pub inp: usize,
    /// Nibbles (0…15), one per byte: `[out/16][inp/32][8 quads][16 outputs][4]`.
    w: Vec<u8>,
    /// Block scales `[out/16][inp/32][16 outputs]`.
    d: Vec<f32>,
    /// Bias `[out]`.
    pub bias: Vec<f32>,
}

impl PackedQ4 {
    /// Repacks matrices stored row after row as Q4_0 blocks; several matrices
    /// with the same input size are stacked (e.g. query, key and value).
    pub fn new(parts: &[(&[u8], &[f32])], inp: usize) -> PackedQ4 {
        let nb = inp / QK;
        let out: usize = parts.iter().map(|(_, b)| b.len()).sum();
        assert!(out.is_multiple_of(GROUP) && inp.is_multiple_of(QK));
        let mut w = vec![0u8; out * inp];
        let mut d = vec![0f32; out * nb];
        let mut bias = Vec::with_capacity(out);
        let mut o = 0;
        for (bytes, b) in parts {
            for r in 0..b.len() {
                let row = &bytes[r * nb * Q4_BLOCK_BYTES..(r + 1) * nb * Q4_BLOCK_BYTES];
                let (g, i) = (o / GROUP, o % GROUP);
                for blk in 0..nb {
                    let src = &row[blk * Q4_BLOCK_BYTES..(blk + 1) * Q4_BLOCK_BYTES];
                    d[(g * nb + blk) * GROUP + i] =
                        f16_to_f32(u16::from_le_bytes([src[0], src[1]]));
                    let base = (g * nb + blk) * GROUP * QK;
                    for j in 0..QK {
                        let byte = src[2 + j % 16];
                        let nib = if j < 16 { byte & 0x0f } else { byte >> 4 };
                        w[base + (j / 4) * GROUP * 4 + i * 4 + j % 4] = nib;
                    }
                }
                o += 1;
            }
            bias.extend_from_slice(b);
        }
        PackedQ4 {
            out,
            inp,
            w,
            d,
            bias,
        }
    }
}

/// Rows of int8 activations with per-block scales.
#[derive(Default)]
pub struct QuantRows {
    /// Row count padded to a multiple of [`TILE`].
    rows: usize,
    inp: usize,
    q: Vec<i8>,
    /// Scale per block.
    d: Vec<f32>,
    /// 8 × Σ q per block.
    s8: Vec<i32>,
}

/// 1.5 × 2^23: adding it rounds |x| < 2^22 to an integer, half to even, and
/// leaves that integer in the low mantissa bits.
const MAGIC: f32 = 12_582_912.0;

/// Quantises one block: returns the scale and Σ q. Plain lane-wise f32 and
/// integer operations, so it vectorises and gives the same result on every
/// target.
#[inline(always)]
fn quantise_block(blk: &[f32], q: &mut [i8]) -> (f32, i32) {
    let mut m = [0f32; 8];
    for c in blk.chunks_exact(8) {
        for k in 0..8 {
            m[k] = m[k].max(c[k].abs());
        }
    }
    let amax = m.iter().fold(0f32, |a, &b| a.max(b));
    let d = amax / 127.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    let mut sum = [0i32; 8];
    for (qc, c) in q.chunks_exact_mut(8).zip(blk.chunks_exact(8)) {
        for k in 0..8 {
            let r = (c[k] * id).clamp(-128.0, 127.0) + MAGIC;
            let v = r.to_bits() as i32 - MAGIC.to_bits() as i32;
            qc[k] = v as i8;
            sum[k] += v;
        }
    }
    (d, sum.iter().sum())
}

impl QuantRows {
    /// Quantises `x` (`rows × inp`, row-major) into `self`, reusing its buffers.
    #[inline(always)]
    pub fn quantise(&mut self, x: &[f32], inp: usize) {
        let real = x.len() / inp;
        let rows = real.div_ceil(TILE) * TILE;
        let nb = inp / QK;
        self.rows = rows;
        self.inp = inp;
        // Every value of the real rows is written below; the padding rows
        // are zero.
        self.q.resize(rows * inp, 0);
        self.d.resize(rows * nb, 0.0);
        self.s8.resize(rows * nb, 0);
        self.q[real * inp..].fill(0);
        self.d[real * nb..].fill(0.0);
        self.s8[real * nb..].fill(0);
        let (q, d, s8) = (
            &mut self.q[..real * inp],
            &mut self.d[..real * nb],
            &mut self.s8[..real * nb],
        );
        #[cfg(target_arch = "x86_64")]
        {
            if kernel() == Kernel::Avx512Vnni {
                // SAFETY: the CPU has AVX-512 (`kernel()` checked it).
                unsafe { avx512::quantise(x, q, d, s8) };
                return;
            }
        }
        for (bi, blk) in x.chunks_exact(QK).enumerate() {
            let (scale, sum) = quantise_block(blk, &mut q[bi * QK..(bi + 1) * QK]);
            d[bi] = scale;
            s8[bi] = 8 * sum;
        }
    }
}

/// The kernels, slowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kernel {
    /// Plain Rust, any target.
    Portable,
    /// x86-64 AVX2: 256-bit byte multiply-adds, 8 outputs at a time.
    Avx2,
    /// x86-64 AVX-512 with VNNI: 512-bit byte dot products, 16 outputs at a
    /// time (the rest of the network compiled for AVX-512 as well).
    Avx512Vnni,
}

impl Kernel {
    /// The fastest kernel this CPU has.
    pub fn detect() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512vl")
                && std::arch::is_x86_feature_detected!("avx512vnni")
            {
                return Kernel::Avx512Vnni;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Kernel::Avx2;
            }
        }
        Kernel::Portable
    }
}

/// The cap set by [`force_kernel`] (`u8::MAX`: none).
static CAP: AtomicU8 = AtomicU8::new(u8::MAX);

/// Makes every later computation use at most `cap` (the portable path, say,
/// even where AVX2 is available), or the fastest again with `None`: for tests
/// that check every path gives the same bits.
pub fn force_kernel(cap: Option<Kernel>) {
    CAP.store(cap.map_or(u8::MAX, |k| k as u8), Ordering::Relaxed);
}

/// The kernel that runs: the fastest the CPU has, within [`force_kernel`]'s cap.
#[inline]
pub fn kernel() -> Kernel {
    let best = Kernel::detect();
    match CAP.load(Ordering::Relaxed) {
        0 => Kernel::Portable,
        1 => best.min(Kernel::Avx2),
        _ => best,
    }
}

/// `y = W·x + b` for every row of `x`; `y` is `rows × w.out` (rows as given to
/// [`QuantRows::quantise`], padding dropped).
pub fn matmul(x: &QuantRows, w: &PackedQ4, y: &mut Vec<f32>, real_rows: usize) {
    assert_eq!(x.inp, w.inp);
    // Every kernel writes every element: no need to clear.
    y.resize(x.rows * w.out, 0.0);
    match kernel() {
        // SAFETY: `kernel()` returns these only when the CPU has the features.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512Vnni => unsafe { avx512::matmul(x, w, y) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2::matmul(x, w, y) },
        _ => matmul_portable(x, w, y),
    }
    y.truncate(real_rows * w.out);
}

/// The reference kernel, plain Rust for any target.
pub fn matmul_portable(x: &QuantRows, w: &PackedQ4, y: &mut [f32]) {
    let nb = w.inp / QK;
    let groups = w.out / GROUP;
    for t in 0..x.rows {
        let qrow = &x.q[t * w.inp..(t + 1) * w.inp];
        for g in 0..groups {
            let mut acc = [0f32; GROUP];
            for b in 0..nb {
                let qb = &qrow[b * QK..(b + 1) * QK];
                let wb = &w.w[(g * nb + b) * GROUP * QK..(g * nb + b + 1) * GROUP * QK];
                let da = x.d[t * nb + b];
                let s8 = x.s8[t * nb + b];
                for (i, a) in acc.iter_mut().enumerate() {
                    let mut sum = 0i32;
                    for j in 0..QK {
                        sum += wb[(j / 4) * GROUP * 4 + i * 4 + j % 4] as i32 * qb[j] as i32;
                    }
                    let scale = w.d[(g * nb + b) * GROUP + i] * da;
                    *a += scale * (sum - s8) as f32;
                }
            }
            for (i, a) in acc.iter().enumerate() {
                let o = g * GROUP + i;
                y[t * w.out + o] = a + w.bias[o];
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::*;
    use std::arch::x86_64::*;

    /// Same arithmetic as [`matmul_portable`], four rows × eight outputs (half
    /// a group) at a time.
    #[target_feature(enable = "avx2")]
    pub unsafe fn matmul(x: &QuantRows, w: &PackedQ4, y: &mut [f32]) {
        const HALF: usize = GROUP / 2;
        let nb = w.inp / QK;
        let groups = w.out / GROUP;
        let ones = _mm256_set1_epi16(1);
        for g in 0..groups {
            for h in 0..2 {
                let wg = w.w.as_ptr().add(g * nb * GROUP * QK + h * HALF * 4);
                let dg = w.d.as_ptr().add(g * nb * GROUP + h * HALF);
                let o0 = g * GROUP + h * HALF;
                let bias = _mm256_loadu_ps(w.bias.as_ptr().add(o0));
                for t0 in (0..x.rows).step_by(TILE) {
                    let mut acc = [_mm256_setzero_ps(); TILE];
                    for b in 0..nb {
                        let wb = wg.add(b * GROUP * QK);
                        let mut s16 = [_mm256_setzero_si256(); TILE];
                        for quad in 0..8 {
                            let wv = _mm256_loadu_si256(wb.add(quad * GROUP * 4) as *const __m256i);
                            for (r, s) in s16.iter_mut().enumerate() {
                                let qp = x.q.as_ptr().add((t0 + r) * w.inp + b * QK + quad * 4);
                                let a = _mm256_set1_epi32((qp as *const i32).read_unaligned());
                                // |n·q + n·q| ≤ 2·15·128 and eight of them ≤ 30,720: no overflow.
                                *s = _mm256_add_epi16(*s, _mm256_maddubs_epi16(wv, a));
                            }
                        }
                        let dw = _mm256_loadu_ps(dg.add(b * GROUP));
                        for (r, a) in acc.iter_mut().enumerate() {
                            let i = (t0 + r) * nb + b;
                            let sum = _mm256_sub_epi32(
                                _mm256_madd_epi16(s16[r], ones),
                                _mm256_set1_epi32(*x.s8.get_unchecked(i)),
                            );
                            let scale = _mm256_mul_ps(dw, _mm256_set1_ps(*x.d.get_unchecked(i)));
                            *a = _mm256_add_ps(*a, _mm256_mul_ps(scale, _mm256_cvtepi32_ps(sum)));
                        }
                    }
                    for (r, a) in acc.iter().enumerate() {
                        let dst = y.as_mut_ptr().add((t0 + r) * w.out + o0);
                        _mm256_storeu_ps(dst, _mm256_add_ps(*a, bias));
                    }
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use std::arch::x86_64::*;

    /// Same arithmetic as [`matmul_portable`], four rows × sixteen outputs at
    /// a time, the block's integer sums by `vpdpbusd` (unsigned nibble × signed
    /// int8, four products added into each 32-bit lane, exact).
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vnni")]
    pub unsafe fn matmul(x: &QuantRows, w: &PackedQ4, y: &mut [f32]) {
        let nb = w.inp / QK;
        let groups = w.out / GROUP;
        for g in 0..groups {
            let wg = w.w.as_ptr().add(g * nb * GROUP * QK);
            let dg = w.d.as_ptr().add(g * nb * GROUP);
            let bias = _mm512_loadu_ps(w.bias.as_ptr().add(g * GROUP));
            for t0 in (0..x.rows).step_by(TILE) {
                let mut acc = [_mm512_setzero_ps(); TILE];
                for b in 0..nb {
                    let wb = wg.add(b * GROUP * QK);
                    let mut s32 = [_mm512_setzero_si512(); TILE];
                    for quad in 0..8 {
                        let wv = _mm512_loadu_si512(wb.add(quad * GROUP * 4) as *const _);
                        for (r, s) in s32.iter_mut().enumerate() {
                            let qp = x.q.as_ptr().add((t0 + r) * w.inp + b * QK + quad * 4);
                            let a = _mm512_set1_epi32((qp as *const i32).read_unaligned());
                            *s = _mm512_dpbusd_epi32(*s, wv, a);
                        }
                    }
                    let dw = _mm512_loadu_ps(dg.add(b * GROUP));
                    for (r, a) in acc.iter_mut().enumerate() {
                        let i = (t0 + r) * nb + b;
                        let sum =
                            _mm512_sub_epi32(s32[r], _mm512_set1_epi32(*x.s8.get_unchecked(i)));
                        let scale = _mm512_mul_ps(dw, _mm512_set1_ps(*x.d.get_unchecked(i)));
                        *a = _mm512_add_ps(*a, _mm512_mul_ps(scale, _mm512_cvtepi32_ps(sum)));
                    }
                }
                for (r, a) in acc.iter().enumerate() {
                    let dst = y.as_mut_ptr().add((t0 + r) * w.out + g * GROUP);
                    _mm512_storeu_ps(dst, _mm512_add_ps(*a, bias));
                }
            }
        }
    }

    /// [`quantise_block`] for every block of `x`: the same lane-wise IEEE
    /// operations (operands of `max`/`min` ordered so that a NaN is treated
    /// as Rust's `max` and `clamp` treat it), the same integers.
    #[target_feature(enable = "avx512f,avx512bw,avx512vl")]
    pub unsafe fn quantise(x: &[f32], q: &mut [i8], d: &mut [f32], s8: &mut [i32]) {
        assert!(q.len() == x.len() && d.len() * QK == x.len() && s8.len() == d.len());
        let lo = _mm512_set1_ps(-128.0);
        let hi = _mm512_set1_ps(127.0);
        let magic = _mm512_set1_ps(MAGIC);
        let magic_bits = _mm512_set1_epi32(MAGIC.to_bits() as i32);
        for bi in 0..d.len() {
            let p = x.as_ptr().add(bi * QK);
            let (a, b) = (_mm512_loadu_ps(p), _mm512_loadu_ps(p.add(16)));
            // MAXPS returns its second operand when either is NaN: a NaN
            // value is skipped, as by `f32::max`.
            let m = _mm512_max_ps(_mm512_abs_ps(a), _mm512_setzero_ps());
            let m = _mm512_max_ps(_mm512_abs_ps(b), m);
            let amax = _mm512_reduce_max_ps(m);
            let scale = amax / 127.0;
            let id = _mm512_set1_ps(if scale != 0.0 { 1.0 / scale } else { 0.0 });
            let mut sum = _mm512_setzero_si512();
            for (h, v) in [a, b].into_iter().enumerate() {
                // clamp: a NaN stays NaN (second operand), as in `f32::clamp`.
                let c = _mm512_min_ps(hi, _mm512_max_ps(lo, _mm512_mul_ps(v, id)));
                let n = _mm512_sub_epi32(_mm512_castps_si512(_mm512_add_ps(c, magic)), magic_bits);
                _mm_storeu_si128(
                    q.as_mut_ptr().add(bi * QK + h * 16) as *mut __m128i,
                    _mm512_cvtepi32_epi8(n),
                );
                sum = _mm512_add_epi32(sum, n);
            }
            d[bi] = scale;
            s8[bi] = 8 * _mm512_reduce_add_epi32(sum);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> u32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as u32
    }

    /// A random Q4_0 matrix `[out, inp]` and bias.
    fn random_q4(out: usize, inp: usize, seed: &mut u64) -> (Vec<u8>, Vec<f32>) {
        let mut bytes = Vec::new();
        for _ in 0..out * inp / QK {
            let scale = (lcg(seed) % 2000) as f32 / 1000.0 - 1.0 + 1e-3;
            bytes.extend_from_slice(&f32_to_f16_approx(scale).to_le_bytes());
            for _ in 0..16 {
                bytes.push(lcg(seed) as u8);
            }
        }
        let bias = (0..out)
            .map(|_| (lcg(seed) % 100) as f32 / 50.0 - 1.0)
            .collect();
        (bytes, bias)
    }

    fn f32_to_f16_approx(v: f32) -> u16 {
        // Good enough for test data: normal halves only.
        let bits = v.to_bits();
        let sign = ((bits >> 16) & 0x8000) as u16;
        let exp = ((bits >> 23) & 0xff) as i32 - 127 + 15;
        let man = ((bits >> 13) & 0x3ff) as u16;
        sign | ((exp.clamp(1, 30) as u16) << 10) | man
    }

    /// Plain dequantise-and-multiply reference in f64 with the same int8 step.
    fn reference(xq: &QuantRows, bytes: &[u8], bias: &[f32], rows: usize, inp: usize) -> Vec<f64> {
        let nb = inp / QK;
        let mut y = Vec::new();
        for t in 0..rows {
            for (o, b) in bias.iter().enumerate() {
                let mut acc = 0f64;
                for blk in 0..nb {
                    let src = &bytes[(o * nb + blk) * 18..(o * nb + blk + 1) * 18];
                    let dw = f16_to_f32(u16::from_le_bytes([src[0], src[1]])) as f64;
                    for j in 0..QK {
                        let byte = src[2 + j % 16];
                        let n = if j < 16 { byte & 15 } else { byte >> 4 } as f64 - 8.0;
                        let q = xq.q[t * inp + blk * QK + j] as f64 * xq.d[t * nb + blk] as f64;
                        acc += n * dw * q;
                    }
                }
                y.push(acc + *b as f64);
            }
        }
        y
    }

    #[test]
    fn kernels_agree_with_reference_and_each_other() {
        let mut seed = 7;
        for (out, inp, rows) in [(16, 64, 1), (48, 96, 5), (64, 384, 9)] {
            let (bytes, bias) = random_q4(out, inp, &mut seed);
            let w = PackedQ4::new(&[(&bytes, &bias)], inp);
            let x: Vec<f32> = (0..rows * inp)
                .map(|i| {
                    if i % 97 == 5 {
                        0.0
                    } else {
                        (lcg(&mut seed) % 20001) as f32 / 1000.0 - 10.0
                    }
                })
                .collect();
            let mut xq = QuantRows::default();
            xq.quantise(&x, inp);
            let mut slow = vec![0.0; xq.rows * out];
            matmul_portable(&xq, &w, &mut slow);
            slow.truncate(rows * out);
            let bits = |v: &[f32]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            let mut fast = Vec::new();
            for k in [Kernel::Avx512Vnni, Kernel::Avx2, Kernel::Portable] {
                force_kernel(Some(k));
                matmul(&xq, &w, &mut fast, rows);
                force_kernel(None);
                assert_eq!(
                    bits(&fast),
                    bits(&slow),
                    "{k:?} (this CPU: {:?})",
                    Kernel::detect()
                );
            }
            let want = reference(&xq, &bytes, &bias, rows, inp);
            for (a, b) in fast.iter().zip(&want) {
                assert!((*a as f64 - b).abs() < 1e-3 * (1.0 + b.abs()), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn every_quantisation_path_gives_the_same_integers_and_scales() {
        let mut seed = 11;
        let specials = [0.0, -0.0, f32::NAN, f32::INFINITY, 1e-40, -3.5, 2.5];
        let x: Vec<f32> = (0..7 * 384 + 5 * 32)
            .map(|i| match i % 101 {
                0..=6 if i % 3 == 0 => specials[i % 101],
                _ => (lcg(&mut seed) % 200_001) as f32 / 1000.0 - 100.0,
            })
            .collect();
        let mut all = Vec::new();
        for k in [Kernel::Avx512Vnni, Kernel::Avx2, Kernel::Portable] {
            force_kernel(Some(k));
            let mut q = QuantRows::default();
            // Dirty buffers first: reuse must not leak old values.
            q.quantise(&vec![9.0; 9 * 384], 384);
            q.quantise(&x[..7 * 384], 384);
            force_kernel(None);
            let d: Vec<u32> = q.d.iter().map(|v| v.to_bits()).collect();
            all.push((q.rows, q.q, d, q.s8));
        }
        assert_eq!(all[0], all[2], "this CPU: {:?}", Kernel::detect());
        assert_eq!(all[1], all[2]);
        assert_eq!(all[2].0, 8);
        assert!(all[2].1[7 * 384..].iter().all(|&v| v == 0));
    }

    #[test]
    fn quantisation_rounds_half_to_even_and_keeps_zero_blocks_zero() {
        let mut x = vec![0f32; 64];
        x[0] = 127.0;
        x[1] = 2.5;
        x[2] = 3.5;
        x[3] = -2.5;
        x[4] = -127.0;
        let mut q = QuantRows::default();
        q.quantise(&x, 64);
        assert_eq!(&q.q[..5], &[127, 2, 4, -2, -127]);
        assert_eq!(q.d[0], 1.0);
        assert_eq!(q.s8[0], 8 * (127 + 2 + 4 - 2 - 127));
        assert_eq!(q.d[1], 0.0);
        assert!(q.q[32..].iter().all(|&v| v == 0));
        assert_eq!(q.rows, TILE);
    }
}
