//! Invariants of the report building blocks, on arbitrary input.

use proptest::prelude::*;
use tolk::read::BlockKind;
use tolk::report::diff::{diff, tokens, word_edits, DiffKind};
use tolk::report::numbers;
use tolk::segment::Segment;

fn segs(texts: &[String]) -> Vec<Segment> {
    let mut off = 0;
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let s = Segment {
                para: i,
                kind: BlockKind::Paragraph,
                bytes: off..off + t.len(),
                text: t.clone(),
                marker: None,
            };
            off += t.len() + 1;
            s
        })
        .collect()
}

/// Sentences drawn from a small vocabulary, so that versions share some.
fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Kina",
            "øker",
            "1 097,3",
            "mill.",
            "trusselen",
            "i",
            "2026",
            "NATO",
            "vi",
            "ser",
        ]),
        1..6,
    )
    .prop_map(|w| w.join(" ") + ".")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn tokens_give_the_text_back(text in "\\PC{0,80}") {
        prop_assert_eq!(tokens(&text).concat(), text);
    }

    #[test]
    fn word_edits_rebuild_both_sides(a in "[a-z0-9 ,.]{0,40}", b in "[a-z0-9 ,.]{0,40}") {
        let (edits, sim) = word_edits(&a, &b);
        let old: String = edits.iter().filter(|e| e.op != "insert").map(|e| e.text.as_str()).collect();
        let new: String = edits.iter().filter(|e| e.op != "delete").map(|e| e.text.as_str()).collect();
        prop_assert_eq!(old, a);
        prop_assert_eq!(new, b);
        prop_assert!((0.0..=1.0).contains(&sim));
    }

    #[test]
    fn diff_uses_every_sentence_once(
        old in prop::collection::vec(sentence(), 0..12),
        new in prop::collection::vec(sentence(), 0..12),
    ) {
        let es = diff(&segs(&old), &segs(&new));
        let mut seen_old = vec![0; old.len()];
        let mut seen_new = vec![0; new.len()];
        for e in &es {
            for &i in &e.old { seen_old[i] += 1; }
            for &j in &e.new { seen_new[j] += 1; }
            match e.kind {
                DiffKind::Unchanged => prop_assert_eq!(&e.old_text, &e.new_text),
                DiffKind::Added => prop_assert!(e.old.is_empty()),
                DiffKind::Deleted => prop_assert!(e.new.is_empty()),
                _ => {}
            }
        }
        prop_assert!(seen_old.iter().all(|&n| n == 1));
        prop_assert!(seen_new.iter().all(|&n| n == 1));
    }

    #[test]
    fn number_ranges_are_in_bounds(text in "\\PC{0,80}") {
        for m in numbers::extract(&text).mentions {
            prop_assert!(text.is_char_boundary(m.bytes.start) && text.is_char_boundary(m.bytes.end));
            prop_assert_eq!(&text[m.bytes.clone()], m.text.as_str());
        }
    }

    #[test]
    fn a_text_agrees_with_itself(text in "\\PC{0,80}") {
        let (a, b) = numbers::mismatches(&text, &text);
        prop_assert!(a.is_empty() && b.is_empty(), "{:?} {:?}", a, b);
    }
}
