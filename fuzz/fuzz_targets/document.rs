//! Any bytes as a file: encoding detection (UTF-8, UTF-16 BOMs, binary,
//! invalid UTF-8) and, with format sniffing, every reader that exists. Must
//! return a document or an error, never panic; a document's block ranges
//! must be in bounds and on char boundaries.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolk::read::{Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    // PDF goes to an external program (pdftotext), not our code.
    if data.starts_with(b"%PDF") {
        return;
    }
    for format in [InputFormat::Auto, InputFormat::Presegmented] {
        if let Ok(doc) = Document::from_bytes(Path::new("fuzz.txt"), data, format) {
            for block in &doc.blocks {
                for line in &block.lines {
                    assert!(line.start <= line.end && line.end <= doc.text.len());
                    assert!(doc.text.is_char_boundary(line.start));
                    assert!(doc.text.is_char_boundary(line.end));
                }
            }
        }
    }
});
