//! JSON Lines: one object per pair with the keys `pair`, `src`, `tgt`,
//! `src_bytes`, `tgt_bytes` (`[start, end]` UTF-8 byte offsets into the
//! input files as stored, `[]` for an empty side — and for rows read back
//! from a reviewed CSV, which carries no offsets), `type`, `confidence`,
//! `src_text`, `tgt_text`; plus `status` and `note` when a reviewer set them.

use std::io::{self, Write};

use super::{Row, Summary};

/// Write `rows` as JSON Lines.
pub fn write(rows: impl Iterator<Item = Row>, w: &mut dyn Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for row in rows {
        let bytes = |r: &Option<std::ops::Range<usize>>| match r {
            Some(r) => vec![r.start, r.end],
            None => Vec::new(),
        };
        let mut v = serde_json::json!({
            "pair": row.pair,
            "src": row.src,
            "tgt": row.tgt,
            "src_bytes": bytes(&row.src_bytes),
            "tgt_bytes": bytes(&row.tgt_bytes),
            "type": row.kind(),
            "confidence": row.confidence,
            "src_text": row.src_text,
            "tgt_text": row.tgt_text,
        });
        if let Some(s) = row.status {
            v["status"] = s.as_str().into();
        }
        if let Some(n) = row.note.as_deref().filter(|n| !n.is_empty()) {
            v["note"] = n.into();
        }
        serde_json::to_writer(&mut *w, &v)?;
        w.write_all(b"\n")?;
        summary.written += 1;
    }
    Ok(summary)
}
