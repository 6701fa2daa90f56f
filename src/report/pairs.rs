//! Reading an aligned-pairs CSV (the `tolk align` CSV, possibly reviewed in
//! a spreadsheet) back into [`Row`]s, for `check --pairs` and
//! `diff --pairs`.
//!
//! Columns are found by name in the header: `pair`, `src_ids`, `tgt_ids`,
//! `confidence`, `src_text`, `tgt_text` (`type` and any others ignored).
//! Segment ids may be written `3 4`, `3,4`, `3-4` (a range) or `[3, 4]`.
//! Byte ranges are not in the CSV, so rows read here have none.

use std::path::Path;

use crate::error::{Error, Result};
use crate::output::Row;

fn parse_ids(s: &str) -> std::result::Result<Vec<usize>, String> {
    let t = s
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    // A range "3-5".
    if let Some((a, b)) = t.split_once('-') {
        if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
            if a <= b {
                return Ok((a..=b).collect());
            }
        }
    }
    t.split([',', ' ', ';'])
        .filter(|x| !x.is_empty())
        .map(|x| {
            x.parse::<usize>()
                .map_err(|_| format!("`{s}` is not a list of segment numbers (e.g. `3 4`)"))
        })
        .collect()
}

/// Read rows from CSV text that came from `path`.
pub fn rows_from_csv(path: &Path, text: &str) -> Result<Vec<Row>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let bad = |row: u64, column: &str, message: String| Error::Row {
        path: path.to_path_buf(),
        row,
        column: column.into(),
        message,
    };
    let headers = rdr
        .headers()
        .map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!("cannot read the CSV header: {e}"),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let need = |name: &str| {
        col(name).ok_or_else(|| Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "no `{name}` column; expected the `tolk align` CSV header pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text"
            ),
        })
    };
    let (c_src_ids, c_tgt_ids, c_src, c_tgt) = (
        need("src_ids")?,
        need("tgt_ids")?,
        need("src_text")?,
        need("tgt_text")?,
    );
    let (c_pair, c_conf) = (col("pair"), col("confidence"));
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rowno = i as u64 + 2;
        let rec = rec.map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!("row {rowno}: {e}; check the quoting"),
        })?;
        let get = |c: usize| rec.get(c).unwrap_or("");
        let pair = match c_pair {
            Some(c) if !get(c).trim().is_empty() => get(c)
                .trim()
                .parse::<usize>()
                .map_err(|_| bad(rowno, "pair", format!("`{}` is not a number", get(c))))?,
            _ => i,
        };
        let confidence = match c_conf {
            Some(c) if !get(c).trim().is_empty() => {
                Some(get(c).trim().parse::<f64>().map_err(|_| {
                    bad(rowno, "confidence", format!("`{}` is not a number", get(c)))
                })?)
            }
            _ => None,
        };
        out.push(Row {
            pair,
            src: parse_ids(get(c_src_ids)).map_err(|m| bad(rowno, "src_ids", m))?,
            tgt: parse_ids(get(c_tgt_ids)).map_err(|m| bad(rowno, "tgt_ids", m))?,
            src_bytes: None,
            tgt_bytes: None,
            confidence,
            src_text: get(c_src).to_string(),
            tgt_text: get(c_tgt).to_string(),
        });
    }
    Ok(out)
}

/// Read an aligned-pairs CSV file (`-` for standard input).
pub fn read_pairs(path: &Path) -> Result<Vec<Row>> {
    let bytes = crate::read::read_bytes(path)?;
    let display = crate::read::display_path(path);
    let (text, _) = crate::read::decode_text(&display, &bytes)?;
    rows_from_csv(&display, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_in_several_spellings() {
        assert_eq!(parse_ids("3 4").unwrap(), vec![3, 4]);
        assert_eq!(parse_ids("[3, 4]").unwrap(), vec![3, 4]);
        assert_eq!(parse_ids("3-5").unwrap(), vec![3, 4, 5]);
        assert_eq!(parse_ids("").unwrap(), Vec::<usize>::new());
        assert!(parse_ids("x").is_err());
    }

    #[test]
    fn bad_row_names_row_and_column() {
        let csv = "pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text\n0,0,0,1-1,0.9,a,b\n1,x,1,1-1,0.9,c,d\n";
        let err = rows_from_csv(Path::new("p.csv"), csv)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("p.csv") && err.contains("row 3") && err.contains("src_ids"),
            "{err}"
        );
    }
}
