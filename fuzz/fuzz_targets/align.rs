//! The aligner on two arbitrary texts (the input split at its first `|`;
//! without one, the text against itself). Invariants: beads are monotone and contiguous,
//! cover every segment of both sides exactly once, no bead is 0-0, and every
//! confidence is in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use tolk::align::Aligner;
use tolk::lang::Lang;
use tolk::read::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('|').unwrap_or((text, text));
    let src_doc = Document::from_text("src.txt", a);
    let tgt_doc = Document::from_text("tgt.txt", b);
    let src = tolk::segment::segment(&src_doc, Lang::Nb);
    let tgt = tolk::segment::segment(&tgt_doc, Lang::En);
    let alignment = Aligner::new().align(&src, &tgt, Lang::Nb, Lang::En);
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
    let rows: Vec<_> = tolk::output::rows(&alignment, &src, &tgt).collect();
    assert_eq!(rows.len(), alignment.beads.len());
});
