//! JSON Lines: one object per pair with the keys, in this order, `pair`,
//! `src`, `tgt`, `src_bytes`, `tgt_bytes` (`[start, end]` UTF-8 byte
//! offsets into the input files as stored, `[]` for an empty side — and for
//! rows read back from a reviewed CSV, which carries no offsets), `type`,
//! `confidence`, `src_text`, `tgt_text`; plus `src_marker` / `tgt_marker`
//! when the first segment of a side opens a list item or footnote (its
//! marker, "•", "1)", "¹", which the text leaves out), `"moved": true` and
//! `moved_before` (the pair before which the target text stands in the
//! target edition) for a moved pair, `status` and `note` when a reviewer
//! set them, and `src_offsets` / `tgt_offsets` (`extracted`,
//! `decoded-utf16`) when the offsets refer to text extracted from a PDF,
//! HTML or DOCX file (`tolk extract` prints it) or to a decoded UTF-16 file.

use std::io::{self, Write};

use serde::Serialize;

use super::{Options, Row, Summary};

#[derive(Serialize)]
struct Line<'a> {
    pair: usize,
    src: &'a [usize],
    tgt: &'a [usize],
    src_bytes: Vec<usize>,
    tgt_bytes: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    src_offsets: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tgt_offsets: Option<&'static str>,
    #[serde(rename = "type")]
    kind: String,
    confidence: Option<f64>,
    src_text: &'a str,
    tgt_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    src_marker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tgt_marker: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    moved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_before: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn bytes(r: &Option<std::ops::Range<usize>>) -> Vec<usize> {
    match r {
        Some(r) => vec![r.start, r.end],
        None => Vec::new(),
    }
}

/// Write `rows` as JSON Lines.
pub fn write(
    opts: &Options,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for row in rows {
        let line = Line {
            pair: row.pair,
            src: &row.src,
            tgt: &row.tgt,
            src_bytes: bytes(&row.src_bytes),
            tgt_bytes: bytes(&row.tgt_bytes),
            src_offsets: opts.src_offsets,
            tgt_offsets: opts.tgt_offsets,
            kind: row.kind(),
            confidence: row.confidence,
            src_text: &row.src_text,
            tgt_text: &row.tgt_text,
            src_marker: row.src_marker.as_deref(),
            tgt_marker: row.tgt_marker.as_deref(),
            moved: row.is_moved(),
            moved_before: row.moved,
            status: row.status.map(|s| s.as_str()),
            note: row.note.as_deref().filter(|n| !n.is_empty()),
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
        summary.written += 1;
    }
    Ok(summary)
}
