//! The network: a 12-layer post-LayerNorm BERT (hidden 384, 12 heads of 32,
//! feed-forward 1536, exact-erf GELU), mean pooling over all tokens and L2
//! normalisation.
//!
//! A batch is many sequences packed one after another into one matrix of token
//! rows: the matrix products run over all rows at once (each weight block is
//! reused across rows), attention runs per sequence. Nothing a row computes
//! depends on the other rows of the batch, so the result is the same however
//! sentences are batched or spread over threads.

use crate::kernel::{matmul, Kernel, PackedQ4, QuantRows};
use crate::{f16_to_f32, math, EMB_ROWS, FFN, H, HEADS, LAYERS, MAX_POS, Q4_BLOCK_BYTES, QK};

const HEAD_DIM: usize = H / HEADS;
const EPS: f32 = 1e-12;

struct Layer {
    qkv: PackedQ4,
    ao: PackedQ4,
    aln: (Vec<f32>, Vec<f32>),
    fi: PackedQ4,
    fo: PackedQ4,
    oln: (Vec<f32>, Vec<f32>),
}

/// Tensor types in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    /// Little-endian f32.
    F32,
    /// Q4_0 blocks of 32 weights.
    Q4,
}

/// The weights, repacked for the kernels (the word embeddings stay in the
/// caller's memory map and are passed to [`Network::embed_batch`]).
pub struct Network {
    emb_pos: Vec<f32>,
    emb_type0: Vec<f32>,
    emb_ln: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
}

/// Per-thread scratch buffers.
#[derive(Default)]
struct Scratch {
    xq: QuantRows,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    proj: Vec<f32>,
    ffn: Vec<f32>,
    scores: Vec<f32>,
    kt: Vec<f32>,
}

#[inline(always)]
fn layer_norm(x: &mut [f32], (g, b): &(Vec<f32>, Vec<f32>)) {
    for row in x.chunks_exact_mut(H) {
        let mean = sum(row) / H as f32;
        let mut var = [0f32; 8];
        for c in row.chunks_exact(8) {
            for k in 0..8 {
                let d = c[k] - mean;
                var[k] += d * d;
            }
        }
        let var = sum8(var) / H as f32;
        let inv = 1.0 / (var + EPS).sqrt();
        for ((v, g), b) in row.iter_mut().zip(g).zip(b) {
            *v = (*v - mean) * inv * g + b;
        }
    }
}

/// Sum with eight fixed lanes (vectorisable, same order everywhere).
#[inline(always)]
fn sum(x: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let mut chunks = x.chunks_exact(8);
    for c in &mut chunks {
        for k in 0..8 {
            acc[k] += c[k];
        }
    }
    for (k, v) in chunks.remainder().iter().enumerate() {
        acc[k] += v;
    }
    sum8(acc)
}

#[inline(always)]
fn sum8(a: [f32; 8]) -> f32 {
    ((a[0] + a[4]) + (a[1] + a[5])) + ((a[2] + a[6]) + (a[3] + a[7]))
}

impl Network {
    /// Reads and repacks all weights. `tensor(name, dtype, elements)` gives
    /// a tensor's bytes, or an error when the file has no such tensor of that
    /// type and size.
    pub fn new<'a, E>(
        tensor: impl Fn(&str, Dtype, usize) -> Result<&'a [u8], E>,
    ) -> Result<Network, E> {
        let f32s = |name: &str, len: usize| -> Result<Vec<f32>, E> {
            Ok(tensor(name, Dtype::F32, len)?
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect())
        };
        let ln = |name: &str| -> Result<(Vec<f32>, Vec<f32>), E> {
            Ok((
                f32s(&format!("{name}.w"), H)?,
                f32s(&format!("{name}.b"), H)?,
            ))
        };
        let mut layers = Vec::with_capacity(LAYERS);
        for l in 0..LAYERS {
            let q4 = |n: &str, rows: usize, cols: usize| {
                tensor(&format!("l{l}.{n}.w"), Dtype::Q4, rows * cols)
            };
            let f = |n: &str, len: usize| f32s(&format!("l{l}.{n}.b"), len);
            let (qb, kb, vb) = (f("q", H)?, f("k", H)?, f("v", H)?);
            let qkv = PackedQ4::new(
                &[
                    (q4("q", H, H)?, &qb),
                    (q4("k", H, H)?, &kb),
                    (q4("v", H, H)?, &vb),
                ],
                H,
            );
            layers.push(Layer {
                qkv,
                ao: PackedQ4::new(&[(q4("ao", H, H)?, &f("ao", H)?)], H),
                aln: ln(&format!("l{l}.aln"))?,
                fi: PackedQ4::new(&[(q4("fi", FFN, H)?, &f("fi", FFN)?)], H),
                fo: PackedQ4::new(&[(q4("fo", H, FFN)?, &f("fo", H)?)], FFN),
                oln: ln(&format!("l{l}.oln"))?,
            });
        }
        tensor("emb.word", Dtype::Q4, EMB_ROWS * H)?;
        Ok(Network {
            emb_pos: f32s("emb.pos", MAX_POS * H)?,
            emb_type0: f32s("emb.type", 2 * H)?[..H].to_vec(),
            emb_ln: ln("emb.ln")?,
            layers,
        })
    }

    /// Sentence vectors of `seqs` (each with `<s>` and `</s>`, at most 512
    /// ids, every id below the embedding row count): the L2-normalised mean of
    /// the final hidden states. `word` is the Q4_0 word-embedding tensor.
    pub fn embed_batch(&self, word: &[u8], seqs: &[Vec<u32>]) -> Vec<[f32; H]> {
        match crate::kernel::kernel() {
            // SAFETY: `kernel()` returns these only when the CPU has the features.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512Vnni => unsafe { self.embed_batch_avx512(word, seqs) },
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { self.embed_batch_avx2(word, seqs) },
            _ => self.embed_batch_impl(word, seqs),
        }
    }

    /// [`Network::embed_batch`] compiled for AVX2: the same operations in the
    /// same order (no fused multiply-add), so the same bits, on wider vectors.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn embed_batch_avx2(&self, word: &[u8], seqs: &[Vec<u32>]) -> Vec<[f32; H]> {
        self.embed_batch_impl(word, seqs)
    }

    /// The same compiled for AVX-512 (again no fused multiply-add).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,avx512f,avx512bw,avx512vl")]
    unsafe fn embed_batch_avx512(&self, word: &[u8], seqs: &[Vec<u32>]) -> Vec<[f32; H]> {
        self.embed_batch_impl(word, seqs)
    }

    #[inline(always)]
    fn embed_batch_impl(&self, word: &[u8], seqs: &[Vec<u32>]) -> Vec<[f32; H]> {
        assert_eq!(word.len(), EMB_ROWS * H / QK * Q4_BLOCK_BYTES);
        let total: usize = seqs.iter().map(Vec::len).sum();
        let mut x = vec![0f32; total * H];
        let row_bytes = H / QK * Q4_BLOCK_BYTES;
        let mut t = 0;
        for seq in seqs {
            assert!(seq.len() <= MAX_POS);
            for (pos, &id) in seq.iter().enumerate() {
                let row = &word[id as usize * row_bytes..(id as usize + 1) * row_bytes];
                let dst = &mut x[t * H..(t + 1) * H];
                for (blk, src) in row.chunks_exact(Q4_BLOCK_BYTES).enumerate() {
                    let d = f16_to_f32(u16::from_le_bytes([src[0], src[1]]));
                    for j in 0..QK {
                        let byte = src[2 + j % 16];
                        let n = if j < 16 { byte & 0x0f } else { byte >> 4 };
                        dst[blk * QK + j] = (n as i32 - 8) as f32 * d;
                    }
                }
                let p = &self.emb_pos[pos * H..(pos + 1) * H];
                for ((v, p), ty) in dst.iter_mut().zip(p).zip(&self.emb_type0) {
                    *v = (*v + p) + ty;
                }
                t += 1;
            }
        }
        layer_norm(&mut x, &self.emb_ln);

        let mut s = Scratch::default();
        for layer in &self.layers {
            self.layer(layer, &mut x, seqs, &mut s);
        }

        let mut out = Vec::with_capacity(seqs.len());
        let mut t = 0;
        for seq in seqs {
            let l = seq.len();
            let mut e = [0f32; H];
            for row in x[t * H..(t + l) * H].chunks_exact(H) {
                for (a, v) in e.iter_mut().zip(row) {
                    *a += v;
                }
            }
            let inv_l = 1.0 / l as f32;
            for v in e.iter_mut() {
                *v *= inv_l;
            }
            let mut sq = [0f32; 8];
            for c in e.chunks_exact(8) {
                for k in 0..8 {
                    sq[k] += c[k] * c[k];
                }
            }
            let inv = 1.0 / sum8(sq).max(1e-12).sqrt();
            for v in e.iter_mut() {
                *v *= inv;
            }
            out.push(e);
            t += l;
        }
        out
    }

    #[inline(always)]
    fn layer(&self, layer: &Layer, x: &mut [f32], seqs: &[Vec<u32>], s: &mut Scratch) {
        let rows = x.len() / H;
        s.xq.quantise(x, H);
        matmul(&s.xq, &layer.qkv, &mut s.qkv, rows);

        attention(seqs, s);

        s.xq.quantise(&s.ctx, H);
        matmul(&s.xq, &layer.ao, &mut s.proj, rows);
        for (v, a) in x.iter_mut().zip(&s.proj) {
            *v += a;
        }
        layer_norm(x, &layer.aln);

        s.xq.quantise(x, H);
        matmul(&s.xq, &layer.fi, &mut s.ffn, rows);
        gelu(&mut s.ffn);
        s.xq.quantise(&s.ffn, FFN);
        matmul(&s.xq, &layer.fo, &mut s.proj, rows);
        for (v, a) in x.iter_mut().zip(&s.proj) {
            *v += a;
        }
        layer_norm(x, &layer.oln);
    }
}

/// Self-attention of every sequence, from `s.qkv` into `s.ctx`.
#[inline(always)]
fn attention(seqs: &[Vec<u32>], s: &mut Scratch) {
    let rows = s.qkv.len() / (3 * H);
    // Every element is written below: no need to clear.
    s.ctx.resize(rows * H, 0.0);
    let scale = 1.0 / (HEAD_DIM as f32).sqrt();
    let w3 = 3 * H;
    let mut t0 = 0;
    for seq in seqs {
        let l = seq.len();
        // Keys are padded with zeros to a multiple of 16, so the score loop
        // runs over whole vectors; the padding's scores are never used.
        let lp = l.next_multiple_of(16);
        s.scores.clear();
        s.scores.resize(lp, 0.0);
        s.kt.clear();
        s.kt.resize(HEAD_DIM * lp, 0.0);
        for h in 0..HEADS {
            let (qo, ko, vo) = (h * HEAD_DIM, H + h * HEAD_DIM, 2 * H + h * HEAD_DIM);
            // This head's keys, transposed: the scores of one query against
            // all keys are then a loop over keys that vectorises.
            for j in 0..l {
                let k = &s.qkv[(t0 + j) * w3 + ko..(t0 + j) * w3 + ko + HEAD_DIM];
                for (d, &v) in k.iter().enumerate() {
                    s.kt[d * lp + j] = v;
                }
            }
            for i in 0..l {
                let q = &s.qkv[(t0 + i) * w3 + qo..(t0 + i) * w3 + qo + HEAD_DIM];
                // Sixteen keys at a time, summed over the head's dimensions
                // in a local array (registers, not the scores buffer).
                for (c, sc) in s.scores.chunks_exact_mut(16).enumerate() {
                    let mut acc = [0f32; 16];
                    for (d, &qd) in q.iter().enumerate() {
                        let k = &s.kt[d * lp + c * 16..d * lp + c * 16 + 16];
                        for (a, &k) in acc.iter_mut().zip(k) {
                            *a += qd * k;
                        }
                    }
                    sc.copy_from_slice(&acc);
                }
                let scores = &mut s.scores[..l];
                let mut max = f32::NEG_INFINITY;
                for v in scores.iter_mut() {
                    *v *= scale;
                    max = max.max(*v);
                }
                for v in scores.iter_mut() {
                    *v = math::exp(*v - max);
                }
                let inv = 1.0 / sum(scores);
                let mut c = [0f32; HEAD_DIM];
                for (j, p) in scores.iter().enumerate() {
                    let p = p * inv;
                    let v = &s.qkv[(t0 + j) * w3 + vo..(t0 + j) * w3 + vo + HEAD_DIM];
                    for (a, v) in c.iter_mut().zip(v) {
                        *a += p * v;
                    }
                }
                s.ctx[(t0 + i) * H + qo..(t0 + i) * H + qo + HEAD_DIM].copy_from_slice(&c);
            }
        }
        t0 += l;
    }
}

#[inline(always)]
fn gelu(x: &mut [f32]) {
    for v in x.iter_mut() {
        *v = math::gelu(*v);
    }
}
