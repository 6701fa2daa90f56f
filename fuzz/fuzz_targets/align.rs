//! The pipeline on two arbitrary texts (the input split at its first `|`;
//! without one, the text against itself): two editions aligned, then
//! checked. Invariants: beads are monotone and contiguous, cover every
//! segment of both sides exactly once, no bead is 0-0, every confidence is
//! in [0, 1]; the check sees one row per bead and does not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tolk::lang::Lang;
use tolk::pipeline::{self, AlignOptions, Edition, LangChoice, LoadOptions};
use tolk::read::{Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('|').unwrap_or((text, text));
    let edition = |name: &str, text: &str, lang: Lang| {
        let opts = LoadOptions {
            lang: LangChoice::Given(lang),
            input: InputFormat::Text,
        };
        Edition::from_document(Document::from_text(name, text), &opts)
    };
    let src_ed = edition("src.txt", a, Lang::Nb);
    let tgt_ed = edition("tgt.txt", b, Lang::En);
    let alignment = pipeline::align_editions(&src_ed, &tgt_ed, &AlignOptions::default());
    let (src, tgt) = (&src_ed.segments, &tgt_ed.segments);
    let (mut i, mut j) = (0, 0);
    for bead in &alignment.beads {
        assert_eq!(
            bead.src.start, i,
            "gap or overlap on the source side: {bead:?}"
        );
        assert_eq!(
            bead.tgt.start, j,
            "gap or overlap on the target side: {bead:?}"
        );
        assert!(!(bead.src.is_empty() && bead.tgt.is_empty()), "0-0 bead");
        assert!(
            (0.0..=1.0).contains(&bead.confidence),
            "confidence {}",
            bead.confidence
        );
        i = bead.src.end;
        j = bead.tgt.end;
    }
    assert_eq!(
        (i, j),
        (src.len(), tgt.len()),
        "not every segment is aligned"
    );
    let rows = pipeline::rows(&alignment, &src_ed, &tgt_ed);
    assert_eq!(rows.len(), alignment.beads.len());
    let opts = pipeline::check_options(&src_ed, &tgt_ed);
    let report = pipeline::check_editions(&src_ed, &tgt_ed, &alignment, &opts);
    assert_eq!(report.pairs, rows.len());
});
