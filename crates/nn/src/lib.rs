//! The numeric core of tolk's sentence encoder (`tolk::encode`): int8 × 4-bit
//! matrix products ([`kernel`]), f32 elementary functions ([`math`]) and the
//! BERT forward pass of multilingual-e5-small ([`forward`]).
//!
//! It is a crate of its own for one reason: the workspace's `Cargo.toml`
//! builds it optimised even in debug and test builds, so tolk's tests, which
//! run the encoder on real sentences, take seconds rather than many minutes.
//! Reading and checking the model file and tokenizing stay in `tolk`.
#![warn(missing_docs)]

pub mod forward;
pub mod kernel;
pub mod math;

/// Hidden size.
pub const H: usize = 384;
/// Transformer layers.
pub const LAYERS: usize = 12;
/// Attention heads (of 32 dimensions each).
pub const HEADS: usize = 12;
/// Feed-forward size.
pub const FFN: usize = 1536;
/// Rows of the word-embedding matrix.
pub const EMB_ROWS: usize = 250_037;
/// Positions the model has embeddings for (510 content tokens + `<s>` + `</s>`).
pub const MAX_POS: usize = 512;
/// Weights per Q4_0 block.
pub const QK: usize = 32;
/// Bytes per Q4_0 block: an f16 scale and 16 bytes of nibbles.
pub const Q4_BLOCK_BYTES: usize = 18;

/// IEEE-754 binary16 to f32 (exact).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h as u32) & 0x8000) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, m) => {
            // Subnormal: m × 2^-24, exact in f32.
            let v = m as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, m) => sign | 0x7fc0_0000 | (m << 13),
        (e, m) => sign | ((e + 112) << 23) | (m << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_conversion_is_exact() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x8001), -5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
    }
}
