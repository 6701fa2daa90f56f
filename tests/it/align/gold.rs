//! The aligner against the gold alignment of our own sample report
//! (`corpora/utsyn-2026.*`), on the gold segmentation (one sentence per
//! line), through the library.

use crate::util::corpora;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use tolk::align::Aligner;
use tolk::lang::Lang;
use tolk::lexicon::Lexicon;
use tolk::read::{Document, InputFormat};
use tolk::segment::{presegmented, Segment};

type Beads = Vec<(Vec<usize>, Vec<usize>)>;

fn load(name: &str) -> Vec<Segment> {
    let doc = Document::load(&corpora().join(name), InputFormat::Presegmented).unwrap();
    presegmented(&doc)
}

fn gold() -> Beads {
    let text = fs::read_to_string(corpora().join("utsyn-2026.gold.beads")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once(':').unwrap();
            let side = |s: &str| -> Vec<usize> {
                s.trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| x.trim().parse().unwrap())
                    .collect()
            };
            (side(a), side(b))
        })
        .collect()
}

fn align(dict: Option<Lexicon>) -> Beads {
    let (src, tgt) = (
        load("utsyn-2026.nb.sentences.txt"),
        load("utsyn-2026.en.sentences.txt"),
    );
    let mut aligner = Aligner::new();
    if let Some(d) = dict {
        aligner.dictionary(d);
    }
    aligner
        .align(&src, &tgt, Lang::Nb, Lang::En)
        .beads
        .iter()
        .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
        .collect()
}

/// Without a dictionary the sample is aligned almost exactly: the misses
/// are two places where neighbouring sentences share no number, name or
/// cognate ("Svaret er ja." / "The answer is yes: …"; "gratis" / "free").
#[test]
fn sample_aligns_nearly_exactly_without_a_dictionary() {
    let gold: HashSet<_> = gold().into_iter().collect();
    let got = align(None);
    let hits = got.iter().filter(|b| gold.contains(*b)).count();
    let wrong: Vec<_> = got.iter().filter(|b| !gold.contains(*b)).collect();
    assert!(
        wrong.len() <= 4 && hits >= gold.len() - 4,
        "{} of {} gold beads found; wrong: {wrong:?}",
        hits,
        gold.len()
    );
}

/// With the evaluation dictionary (../shared/lexicon, or $TOLK_SHARED/lexicon)
/// the alignment is exact. Fails (never skips) when that file is absent.
#[test]
fn sample_aligns_exactly_with_the_evaluation_dictionary() {
    let shared = std::env::var_os("TOLK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = shared.join("lexicon/freedict-eng-nor.tsv");
    assert!(
        path.exists(),
        "{} not found: this test reads the shared data in place; set TOLK_SHARED to the shared directory",
        path.display()
    );
    let dict = Lexicon::load(&path).unwrap();
    assert_eq!(align(Some(dict)), gold());
}
