//! The `tolk batch` manifest parser (CSV or JSON Lines): an error or pairs
//! with unique, file-name-safe ids; never a panic.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pairs) = tolk::batch::parse_manifest(Path::new("m.csv"), data, Path::new("base")) {
        assert!(!pairs.is_empty());
        let mut ids = HashSet::new();
        for p in &pairs {
            assert!(ids.insert(p.id.clone()), "duplicate id {}", p.id);
            assert!(!p.id.contains('/') && !p.id.starts_with('.'));
            assert!(p.src.starts_with("base") || p.src.is_absolute());
        }
    }
});
