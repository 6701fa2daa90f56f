//! The segmenter on any UTF-8 text, in every language it has rules for.
//! Invariants: segments are in order, do not overlap, lie in bounds on char
//! boundaries, and are non-empty after trimming.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tolk::lang::Lang;
use tolk::read::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::from_text("fuzz.txt", text);
    for lang in [Lang::Nb, Lang::Nn, Lang::En, Lang::Other] {
        let segments = tolk::segment::segment(&doc, lang);
        let mut prev_end = 0;
        for s in &segments {
            assert!(s.bytes.start <= s.bytes.end, "{s:?}");
            assert!(s.bytes.start >= prev_end, "overlap or disorder at {s:?}");
            assert!(s.bytes.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(s.bytes.start));
            assert!(doc.text.is_char_boundary(s.bytes.end));
            assert!(!s.text.trim().is_empty(), "empty segment {s:?}");
            assert!(s.para < doc.blocks.len());
            prev_end = s.bytes.end;
        }
    }
    let pre = tolk::segment::presegmented(&doc);
    assert_eq!(pre.len(), doc.blocks.len());
});
