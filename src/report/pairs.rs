//! Reading an aligned-pairs CSV (the `tolk align` CSV, possibly reviewed in
//! a spreadsheet) back into [`Row`]s, for `check --pairs` and
//! `diff --pairs`. The parsing is [`crate::review`]'s: columns by name,
//! `,`/`;`/tab, UTF-8 or UTF-16, rejected rows dropped. Byte ranges are not
//! in the CSV, so rows read here have none.

use std::path::Path;

use crate::error::Result;
use crate::output::Row;

/// Read an aligned-pairs CSV file (`-` for standard input).
pub fn read_pairs(path: &Path) -> Result<Vec<Row>> {
    Ok(read_reviewed(path)?.rows)
}

/// [`read_pairs`], with what else the reader found (whether the file has
/// id columns, rows rejected …).
pub fn read_reviewed(path: &Path) -> Result<crate::review::Reviewed> {
    let bytes = crate::read::read_bytes(path)?;
    let display = crate::read::display_path(path);
    crate::review::read_bytes(&display, &bytes, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_row_names_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.csv");
        std::fs::write(
            &p,
            "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,0,0,1-1,0.9,a,b\n1,x,1,1-1,0.9,c,d\n",
        )
        .unwrap();
        let err = read_pairs(&p).unwrap_err().to_string();
        assert!(
            err.contains("p.csv") && err.contains("row 3") && err.contains("src_ids"),
            "{err}"
        );
    }

    #[test]
    fn ids_in_several_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.csv");
        std::fs::write(
            &p,
            "pair,src_ids,tgt_ids,src_text,tgt_text\n0,3 4,[5],a,b\n1,,6,,d\n",
        )
        .unwrap();
        let rows = read_pairs(&p).unwrap();
        assert_eq!(rows[0].src, vec![3, 4]);
        assert_eq!(rows[0].tgt, vec![5]);
        assert!(rows[1].src.is_empty());
    }
}
