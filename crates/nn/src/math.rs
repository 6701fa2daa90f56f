//! Elementary functions in plain f32 arithmetic (no libm calls, no fused
//! multiply-add), so loops over them vectorise and give the same bits on every
//! x86-64 or other IEEE target.

/// 1.5 × 2^23: adding it rounds to an integer that then sits in the low
/// mantissa bits.
const MAGIC: f32 = 12_582_912.0;

/// e^x to about 2e-7 relative error; 0 below −87. Branch- and cast-free, so a
/// loop over it vectorises.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75; // ln 2 split in two for an exact n·ln2
    const LN2_LO: f32 = 1.428_606_8e-6;
    let low = x <= -87.0;
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + MAGIC;
    let n = t - MAGIC; // x·log2(e) rounded to an integer
    let ni = (t.to_bits() as i32).wrapping_sub(MAGIC.to_bits() as i32);
    let r = (x - n * LN2_HI) - n * LN2_LO; // |r| ≤ 0.35
                                           // Taylor series to r^7/7!: remainder < 3e-8 relative for |r| ≤ 0.35.
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    let scale = f32::from_bits((ni.wrapping_add(127) as u32) << 23);
    if low {
        0.0
    } else {
        p * scale
    }
}

/// erf(x), Abramowitz & Stegun 7.1.28: absolute error below 3e-7 (plus f32
/// rounding).
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    const A: [f32; 6] = [
        0.070_523_08,
        0.042_282_01,
        0.009_270_527,
        0.000_152_014_3,
        0.000_276_567_2,
        0.000_043_063_8,
    ];
    let a = x.abs().min(10.0);
    let p = 1.0 + a * (A[0] + a * (A[1] + a * (A[2] + a * (A[3] + a * (A[4] + a * A[5])))));
    let p2 = p * p;
    let p4 = p2 * p2;
    let p8 = p4 * p4;
    let p16 = p8 * p8;
    let e = 1.0 - 1.0 / p16;
    if x < 0.0 {
        -e
    } else {
        e
    }
}

/// GELU with the exact erf form: x/2 · (1 + erf(x/√2)).
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_close_to_libm() {
        let mut x = -90.0f32;
        while x < 20.0 {
            let (a, b) = (exp(x) as f64, (x as f64).exp());
            assert!(
                (a - b).abs() <= 4e-7 * b + 1e-37,
                "exp({x}) = {a}, want {b}"
            );
            x += 0.0137;
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-1000.0), 0.0);
    }

    #[test]
    fn erf_is_close_to_known_values() {
        // erf at a few points, to 9 digits.
        for (x, want) in [
            (0.0f32, 0.0f64),
            (0.1, 0.112_462_916),
            (0.5, 0.520_499_878),
            (1.0, 0.842_700_793),
            (2.0, 0.995_322_265),
            (3.5, 0.999_999_257),
            (-1.0, -0.842_700_793),
            (50.0, 1.0),
        ] {
            let got = erf(x) as f64;
            assert!((got - want).abs() < 5e-7, "erf({x}) = {got}, want {want}");
        }
        assert!((gelu(1.0) as f64 - 0.841_344_746).abs() < 1e-6);
        assert!((gelu(-3.0) as f64 - -0.004_049_646).abs() < 1e-6);
    }
}
