//! HTML input.
use std::path::Path;

use super::Document;
use crate::error::Result;

/// Read an HTML file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Document> {
    let _ = bytes;
    super::Builder::default().finish(path, "HTML")
}
