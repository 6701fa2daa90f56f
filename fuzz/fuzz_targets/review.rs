//! The reviewed-CSV reader of `tolk convert` on any bytes, with and without
//! the formula-guard removal: rows or an error, never a panic; every kept
//! confidence is in [0, 1].
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for unguard in [true, false] {
        if let Ok(reviewed) = tolk::pairs::review::read_bytes(Path::new("review.csv"), data, unguard) {
            for row in &reviewed.rows {
                if let Some(c) = row.confidence {
                    assert!((0.0..=1.0).contains(&c), "confidence {c}");
                }
            }
        }
    }
});
