//! The plain-text/Markdown structure parser. Invariants: block lines are in
//! bounds, on char boundaries, in order and never overlap.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let blocks = tolk::read::parse_structure(text);
    let mut prev_end = 0;
    for block in &blocks {
        assert!(!block.lines.is_empty());
        for line in &block.lines {
            assert!(line.start <= line.end, "{line:?}");
            assert!(line.start >= prev_end, "{line:?} before {prev_end}");
            assert!(line.end <= text.len());
            assert!(text.is_char_boundary(line.start));
            assert!(text.is_char_boundary(line.end));
            prev_end = line.end;
        }
    }
});
