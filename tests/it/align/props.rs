//! Invariants of every alignment, on random input: beads are monotone and
//! contiguous, every segment is in exactly one bead, confidences are in
//! [0, 1], and the result is deterministic.

use proptest::prelude::*;
use tolk::align::{Aligner, Alignment};
use tolk::lang::Lang;
use tolk::read::BlockKind;
use tolk::segment::Segment;

const WORDS: &[&str] = &[
    "regjeringen",
    "government",
    "2025",
    "PST",
    "trussel",
    "threat",
    "og",
    "and",
    "Oslo",
    "1 250",
    "12,5",
    "mai",
    "May",
    "?",
    "!",
    "rapport",
    "report",
    "er",
    "is",
    "the",
];

fn segs(spec: &[(u8, Vec<u8>)]) -> Vec<Segment> {
    let mut pos = 0;
    let mut para = 0;
    spec.iter()
        .map(|(brk, words)| {
            if brk % 3 == 0 {
                para += 1;
            }
            let text: Vec<&str> = words
                .iter()
                .map(|&w| WORDS[w as usize % WORDS.len()])
                .collect();
            let text = text.join(" ");
            let s = Segment {
                para,
                kind: if brk % 7 == 0 {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                },
                bytes: pos..pos + text.len(),
                text,
                marker: None,
            };
            pos += s.text.len() + 1;
            s
        })
        .collect()
}

fn check(a: &Alignment, n: usize, m: usize) {
    // Moved pairs take their segments out of the monotone beads: the beads
    // step over them, and beads and moved pairs together cover every
    // segment exactly once.
    let (mut in_moved_s, mut in_moved_t) = (vec![false; n], vec![false; m]);
    for b in &a.moved {
        assert!(
            !b.src.is_empty() && !b.tgt.is_empty(),
            "one-sided moved pair: {:?}",
            a.moved
        );
        b.src.clone().for_each(|i| in_moved_s[i] = true);
        b.tgt.clone().for_each(|j| in_moved_t[j] = true);
    }
    let skip = |mut k: usize, moved: &[bool]| {
        while k < moved.len() && moved[k] {
            k += 1;
        }
        k
    };
    let (mut i, mut j) = (skip(0, &in_moved_s), skip(0, &in_moved_t));
    for b in &a.beads {
        assert_eq!(b.src.start, i, "src not contiguous/monotone: {:?}", a);
        assert_eq!(b.tgt.start, j, "tgt not contiguous/monotone: {:?}", a);
        assert!(!(b.src.is_empty() && b.tgt.is_empty()), "empty bead");
        assert!(
            (0.0..=1.0).contains(&b.confidence),
            "confidence {}",
            b.confidence
        );
        assert!(
            b.src.clone().all(|k| !in_moved_s[k]) && b.tgt.clone().all(|k| !in_moved_t[k]),
            "a segment both in a bead and moved: {:?}",
            a
        );
        i = skip(b.src.end, &in_moved_s);
        j = skip(b.tgt.end, &in_moved_t);
    }
    assert_eq!((i, j), (n, m), "not every segment covered");
}

fn side() -> impl Strategy<Value = Vec<(u8, Vec<u8>)>> {
    prop::collection::vec(
        (any::<u8>(), prop::collection::vec(any::<u8>(), 0..12)),
        0..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn alignment_is_monotone_complete_and_deterministic(a in side(), b in side()) {
        let (src, tgt) = (segs(&a), segs(&b));
        let one = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
        check(&one, src.len(), tgt.len());
        let two = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
        prop_assert_eq!(&one, &two);
        let para = one.by_paragraph(&src, &tgt);
        check(&para, src.len(), tgt.len());
    }
}

/// Long inputs go through the coarse-to-fine band; the invariants hold
/// there too, and a clean 1-1 pair is found exactly.
#[test]
fn long_input_uses_the_band_and_stays_exact() {
    let spec: Vec<(u8, Vec<u8>)> = (0..3000u32)
        .map(|k| {
            let n = 3 + (k * 7919 % 11) as u8;
            (
                (k % 5) as u8,
                (0..n)
                    .map(|w| ((k * 31 + w as u32 * 17) % 251) as u8)
                    .collect(),
            )
        })
        .collect();
    let src = segs(&spec);
    let tgt = src.clone();
    let a = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
    check(&a, src.len(), tgt.len());
    let wrong = a.beads.iter().filter(|b| b.src != b.tgt).count();
    assert_eq!(wrong, 0);
}

/// A long document with a 400-segment section missing from the target:
/// the coarse pass finds the gap, the band follows it, and every other
/// segment keeps its partner.
#[test]
fn long_input_with_a_missing_section_is_recovered() {
    let spec: Vec<(u8, Vec<u8>)> = (0..3000u32)
        .map(|k| {
            let n = 3 + (k * 7919 % 11) as u8;
            (
                (k % 5) as u8,
                (0..n)
                    .map(|w| ((k * 31 + w as u32 * 17) % 251) as u8)
                    .collect(),
            )
        })
        .collect();
    // Distinct content per segment, as real sentences have: a number.
    let mut src = segs(&spec);
    for (k, s) in src.iter_mut().enumerate() {
        s.text = format!("{} {}", s.text, 10 * k + 7);
    }
    let mut tgt = src.clone();
    tgt.drain(1200..1600);
    let a = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
    check(&a, src.len(), tgt.len());
    for b in &a.beads {
        if b.src.start >= 1200 && b.src.end <= 1600 {
            assert!(b.tgt.is_empty(), "missing segment aligned: {b:?}");
        } else if !b.src.is_empty() {
            let shift = if b.src.start >= 1600 { 400 } else { 0 };
            assert_eq!(b.tgt.start + shift, b.src.start, "{b:?}");
            assert_eq!(b.src.len(), 1, "{b:?}");
            assert_eq!(b.tgt.len(), 1, "{b:?}");
        }
    }
}
