//! Synthetic perturbations of a parallel report, made by this test code,
//! must be recovered: a dropped paragraph, split and merged sentences, an
//! untranslated paragraph, a moved fact box.

use super::synthetic::{report, segments, Para};
use tolk::align::{Aligner, Alignment};
use tolk::lang::Lang;
use tolk::read::BlockKind;
use tolk::segment::Segment;

fn align(src: &[Segment], tgt: &[Segment]) -> Alignment {
    Aligner::new().align(src, tgt, Lang::Nb, Lang::En)
}

/// The beads as (src range, tgt range) pairs.
fn shape(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
    a.beads
        .iter()
        .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
        .collect()
}

/// Find the index of a segment by its text.
fn find(segs: &[Segment], text: &str) -> usize {
    segs.iter().position(|s| s.text == text).unwrap()
}

#[test]
fn unperturbed_report_aligns_one_to_one() {
    let r = report();
    let (src, tgt) = (segments(&r, true), segments(&r, false));
    let a = align(&src, &tgt);
    let want: Vec<_> = (0..src.len()).map(|k| (vec![k], vec![k])).collect();
    assert_eq!(shape(&a), want);
}

#[test]
fn dropped_paragraph_becomes_one_to_zero() {
    let r = report();
    let src = segments(&r, true);
    // The English edition lacks the paragraph on digital attacks.
    let mut r2: Vec<Para> = r.clone();
    r2.remove(4);
    let tgt = segments(&r2, false);
    let a = align(&src, &tgt);
    let dropped: Vec<usize> = (0..src.len()).filter(|&k| src[k].para == 4).collect();
    for (s, t) in shape(&a) {
        if s.iter().any(|k| dropped.contains(k)) {
            assert!(t.is_empty(), "dropped sentence {s:?} aligned with {t:?}");
        } else {
            assert_eq!(s.len(), 1, "{s:?} {t:?}");
            assert_eq!(t.len(), 1, "{s:?} {t:?}");
            // Same position in the original fixture.
            let orig_t = segments(&r, false);
            assert_eq!(
                tgt[t[0]].text, orig_t[s[0]].text,
                "wrong partner for {:?}",
                src[s[0]].text
            );
        }
    }
}

#[test]
fn split_and_merged_sentences_become_one_two_and_two_one() {
    let mut r = report();
    // English splits one sentence in two …
    r[3].2[1] = "In 2025, 14 people were expelled for espionage.";
    r[3].2.insert(2, "The year before, the number was 9.");
    // … and merges two others into one.
    r[12].2[0] = "Influence operations seek to weaken trust in the authorities, and fake websites imitate Norwegian newspapers.";
    r[12].2.remove(1);
    let (src, tgt) = (segments(&r, true), segments(&r, false));
    let a = align(&src, &tgt);
    let s_split = find(
        &src,
        "I 2025 ble 14 personer utvist for spionasje, mot 9 året før.",
    );
    let t_split = find(&tgt, "In 2025, 14 people were expelled for espionage.");
    let s_merge = find(
        &src,
        "Påvirkningsoperasjoner søker å svekke tilliten til myndighetene.",
    );
    let t_merge = find(&tgt, "Influence operations seek to weaken trust in the authorities, and fake websites imitate Norwegian newspapers.");
    let beads = shape(&a);
    assert!(
        beads.contains(&(vec![s_split], vec![t_split, t_split + 1])),
        "{beads:?}"
    );
    assert!(
        beads.contains(&(vec![s_merge, s_merge + 1], vec![t_merge])),
        "{beads:?}"
    );
    let others = beads
        .iter()
        .filter(|(s, _)| s[0] != s_split && s[0] != s_merge)
        .all(|(s, t)| s.len() == 1 && t.len() == 1);
    assert!(others, "{beads:?}");
}

#[test]
fn untranslated_paragraph_becomes_zero_to_one() {
    let r = report();
    let src = segments(&r, true);
    let mut r2 = r.clone();
    r2.insert(
        8,
        (
            BlockKind::Paragraph,
            vec![],
            vec![
                "This paragraph appears in the English edition only.",
                "It explains terms that Norwegian readers already know well.",
            ],
        ),
    );
    let tgt = segments(&r2, false);
    let a = align(&src, &tgt);
    let extra: Vec<usize> = (0..tgt.len()).filter(|&k| tgt[k].para == 8).collect();
    for (s, t) in shape(&a) {
        if t.iter().any(|k| extra.contains(k)) {
            assert!(s.is_empty(), "untranslated {t:?} aligned with {s:?}");
        } else {
            assert_eq!((s.len(), t.len()), (1, 1), "{s:?} {t:?}");
        }
    }
}

#[test]
fn moved_fact_box_costs_at_most_its_own_beads() {
    let r = report();
    let src = segments(&r, true);
    // The English edition moves the fact box (block 10) to the end.
    let mut r2 = r.clone();
    let fact = r2.remove(10);
    r2.push(fact);
    let tgt = segments(&r2, false);
    let a = align(&src, &tgt);
    let orig_t = segments(&r, false);
    let fact_src: Vec<usize> = (0..src.len()).filter(|&k| src[k].para == 10).collect();
    let fact_tgt: Vec<usize> = (0..tgt.len()).filter(|&k| tgt[k].para == 13).collect();
    for (s, t) in shape(&a) {
        let touches_fact =
            s.iter().any(|k| fact_src.contains(k)) || t.iter().any(|k| fact_tgt.contains(k));
        if touches_fact {
            // At worst 1-0 and 0-1 (or correctly paired, impossible here).
            assert!(s.is_empty() || t.is_empty(), "fact box bead {s:?} {t:?}");
        } else {
            assert_eq!((s.len(), t.len()), (1, 1), "{s:?} {t:?}");
            assert_eq!(tgt[t[0]].text, orig_t[s[0]].text);
        }
    }
}

#[test]
fn different_paragraphing_is_followed() {
    let r = report();
    let src = segments(&r, true);
    // The English edition joins two paragraphs into one block.
    let mut tgt = segments(&r, false);
    for s in tgt.iter_mut() {
        if s.para == 5 {
            s.para = 4;
        }
    }
    let a = align(&src, &tgt);
    let want: Vec<_> = (0..src.len()).map(|k| (vec![k], vec![k])).collect();
    assert_eq!(shape(&a), want);
}
