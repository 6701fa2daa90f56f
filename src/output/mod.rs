//! Output formats. Every format writes to any `io::Write` and does no I/O of
//! its own. The common currency is the [`Row`]: one aligned pair as a
//! translator sees it, built from an alignment or read back from a reviewed
//! CSV (`tolk convert`).

use std::io::{self, Write};
use std::ops::Range;

use crate::align::Alignment;
use crate::read::Document;
use crate::segment::Segment;

/// One aligned pair.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Row {
    /// Stable pair id (0-based position in the alignment).
    pub pair: usize,
    /// Source segment indices.
    pub src: Vec<usize>,
    /// Target segment indices.
    pub tgt: Vec<usize>,
    /// Source byte range, `None` for an empty side.
    pub src_bytes: Option<Range<usize>>,
    /// Target byte range, `None` for an empty side.
    pub tgt_bytes: Option<Range<usize>>,
    /// Confidence in [0, 1], when known.
    pub confidence: Option<f64>,
    /// Source text (segments joined by a space).
    pub src_text: String,
    /// Target text.
    pub tgt_text: String,
}

impl Row {
    /// The bead type as `"1-2"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// Rows of an alignment, in order.
pub fn rows<'a>(
    alignment: &'a Alignment,
    src: &'a [Segment],
    tgt: &'a [Segment],
) -> impl Iterator<Item = Row> + 'a {
    fn side(segs: &[Segment], r: &Range<usize>) -> (Option<Range<usize>>, String) {
        if r.is_empty() {
            return (None, String::new());
        }
        let bytes = segs[r.start].bytes.start..segs[r.end - 1].bytes.end;
        let text = segs[r.clone()]
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        (Some(bytes), text)
    }
    alignment.beads.iter().enumerate().map(move |(pair, b)| {
        let (src_bytes, src_text) = side(src, &b.src);
        let (tgt_bytes, tgt_text) = side(tgt, &b.tgt);
        Row {
            pair,
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
            src_bytes,
            tgt_bytes,
            confidence: Some(b.confidence),
            src_text,
            tgt_text,
        }
    })
}

/// Everything a format may want to know about the two editions.
pub struct Context<'a> {
    /// The source document.
    pub src_doc: &'a Document,
    /// The target document.
    pub tgt_doc: &'a Document,
    /// Source language code (e.g. `nb`).
    pub src_lang: &'a str,
    /// Target language code (e.g. `en`).
    pub tgt_lang: &'a str,
}

/// Alignment output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// JSON Lines.
    Jsonl,
    /// `[i, j]:[k]` bead lines (the gold format).
    Beads,
}

/// Write `rows` in `format`.
pub fn write_rows(
    format: Format,
    ctx: &Context<'_>,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let _ = ctx;
    for row in rows {
        match format {
            Format::Beads => writeln!(w, "{:?}:{:?}", row.src, row.tgt)?,
            _ => {
                let v = serde_json::json!({
                    "pair": row.pair, "src": row.src, "tgt": row.tgt,
                    "src_bytes": row.src_bytes.map(|r| vec![r.start, r.end]).unwrap_or_default(),
                    "tgt_bytes": row.tgt_bytes.map(|r| vec![r.start, r.end]).unwrap_or_default(),
                    "type": format!("{}-{}", row.src.len(), row.tgt.len()), "confidence": row.confidence,
                    "src_text": row.src_text, "tgt_text": row.tgt_text,
                });
                writeln!(w, "{v}")?
            }
        }
    }
    Ok(())
}
