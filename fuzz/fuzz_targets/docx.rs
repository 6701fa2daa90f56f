//! The DOCX reader on any bytes: a document or an error, never a panic; a
//! document's block ranges are in bounds, on char boundaries and in order.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = tolk::read::docx::read(Path::new("fuzz.docx"), data) {
        let mut prev = 0;
        for block in &doc.blocks {
            for line in &block.lines {
                assert!(
                    line.start <= line.end && line.end <= doc.text.len(),
                    "{line:?}"
                );
                assert!(doc.text.is_char_boundary(line.start));
                assert!(doc.text.is_char_boundary(line.end));
                assert!(line.start >= prev, "{line:?} before {prev}");
                prev = line.end;
            }
        }
    }
});
