//! Beads: one `[i, j]:[k]` line per pair, the format of the gold
//! alignments in `../shared/eval` (`[4, 5]:[4]`, `[]:[7]`).

use std::io::{self, Write};

use super::{Row, Summary};

/// Write `rows` as bead lines.
pub fn write(rows: impl Iterator<Item = Row>, w: &mut dyn Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for row in rows {
        writeln!(w, "{:?}:{:?}", row.src, row.tgt)?;
        summary.written += 1;
    }
    Ok(summary)
}
