//! Reading a reviewed CSV back into [`Row`]s (`tolk convert`).
//!
//! A translator opens the CSV that `tolk align` wrote in a spreadsheet,
//! corrects it and saves it. What this reader accepts:
//!
//! - **encoding**: UTF-8 with or without a byte-order mark; UTF-16 with a
//!   BOM (Excel's "Unicode text"). Anything else is an error that says to
//!   save as "CSV UTF-8";
//! - **delimiter**: `,`, `;` or tab, sniffed from the header line (the one
//!   of the three that occurs most often there outside quotes; with none of
//!   them, the most frequent other punctuation or space, as written by
//!   `tolk align --delimiter '|'`);
//! - **line ends**: LF, CRLF or CR;
//! - **columns by name** (case-insensitive), in any order, extra columns
//!   ignored. `src_text` and `tgt_text` are required; `pair`, `src_ids`,
//!   `tgt_ids`, `confidence`, `status`, `note` are optional (`type` is
//!   recomputed from the ids). Without a `pair` column the rows are
//!   numbered 0, 1, 2 … in file order;
//! - **rows** deleted, texts edited, two rows merged by hand (put both ids in
//!   one cell: `3 4`, `3,4` or `[3, 4]`), empty rows (skipped);
//! - **status** (see [`Status::parse`]): `ok`/`approved`/`yes`/`done` →
//!   approved; `reject`/`rejected`/`x`/`no`/`delete` → the row is dropped;
//!   `check`/`review`/`?`/`todo`/`fix` → needs review; empty → no verdict;
//! - **confidence** with a decimal point or a decimal comma (`0,95`, as a
//!   Norwegian-locale spreadsheet saves it);
//! - **the formula guard**: a text (or note) that starts with an apostrophe
//!   followed by `=`, `+`, `-`, `@`, tab or CR (possibly after more
//!   apostrophes) loses that one apostrophe — the guard `tolk align --excel`
//!   added. Turn this off with `unguard = false` (`--keep-apostrophes`).
//!
//! Anything else malformed is an [`Error::Row`] naming the row as the
//! spreadsheet shows it (header = row 1) and the column: a cell that is not
//! a number where one is needed, a confidence outside [0, 1], an unknown
//! status word, a row with fewer cells than the header (a line break in an
//! unquoted cell), text in a cell beyond the last named column, an empty or
//! repeated `pair`.

use std::collections::HashMap;
use std::path::Path;

use super::guard::unguard as strip_guard;
use super::{Row, Status};
use crate::error::{Error, Result};

/// The rows read from a reviewed CSV, plus what was left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviewed {
    /// The rows kept, in file order.
    pub rows: Vec<Row>,
    /// Rows dropped because their status rejects them.
    pub rejected: usize,
    /// Rows skipped because every cell was empty.
    pub blank: usize,
    /// The delimiter found in the header line.
    pub delimiter: u8,
}

/// Read the reviewed CSV at `path`. `unguard`: remove the `--excel` formula
/// guard (see the module docs).
pub fn read_path(path: &Path, unguard: bool) -> Result<Reviewed> {
    let bytes = std::fs::read(path).map_err(|cause| Error::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    read_bytes(path, &bytes, unguard)
}

/// Decode the file to text: UTF-8 (BOM stripped) or UTF-16 with a BOM.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                return Err(Error::Input {
                    path: path.to_path_buf(),
                    message: "invalid UTF-16; save the sheet as \"CSV UTF-8\"".into(),
                });
            }
            return Ok(text.into_owned());
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "invalid UTF-8 at byte {}; save the sheet as \"CSV UTF-8 (comma delimited)\" (Excel) or with character set UTF-8 (LibreOffice)",
                e.valid_up_to() + (bytes.len() - body.len())
            ),
        }),
    }
}

/// The delimiter of the header line: the most frequent of `,` `;` tab
/// outside quotes (ties: tab, then `;`, then `,`); when there is none of
/// them, the most frequent other ASCII punctuation or space (what
/// `tolk align --delimiter '|'` writes), else `,`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let (mut comma, mut semi, mut tab) = (0usize, 0usize, 0usize);
    let mut other = [0usize; 128];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            c if !quoted && (c == ' ' || c.is_ascii_punctuation()) && !matches!(c, '_' | '\'') => {
                other[c as usize] += 1
            }
            _ => {}
        }
    }
    if comma + semi + tab == 0 {
        if let Some((b, _)) = other
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .max_by_key(|(b, &n)| (n, std::cmp::Reverse(*b)))
        {
            return b as u8;
        }
    }
    if tab >= semi && tab >= comma && tab > 0 {
        b'\t'
    } else if semi >= comma && semi > 0 {
        b';'
    } else {
        b','
    }
}

/// Parse an id cell: integers separated by space, comma or semicolon,
/// optionally in brackets.
fn parse_ids(cell: &str) -> std::result::Result<Vec<usize>, String> {
    let inner = cell.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>().map_err(|_| {
                format!("`{}` is not a segment number; write ids as numbers separated by spaces, e.g. `3 4`", cell.trim())
            })
        })
        .collect()
}

fn parse_confidence(cell: &str) -> std::result::Result<Option<f64>, String> {
    let v = cell.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let c: f64 = v.replace(',', ".").parse().map_err(|_| {
        format!("`{v}` is not a number; write a confidence between 0 and 1, or leave it empty")
    })?;
    if !(0.0..=1.0).contains(&c) {
        return Err(format!(
            "{v} is outside [0, 1]; write a confidence between 0 and 1, or leave it empty"
        ));
    }
    Ok(Some(c))
}

/// Read a reviewed CSV held in memory (`path` names it in messages).
pub fn read_bytes(path: &Path, bytes: &[u8], unguard: bool) -> Result<Reviewed> {
    let text = decode(path, bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let input = |message: String| Error::Input {
        path: path.to_path_buf(),
        message,
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(input(format!("cannot read the header row: {e}"))),
        None => {
            return Err(input(
                "the file is empty; expected a header row with at least src_text and tgt_text"
                    .into(),
            ))
        }
    };
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{FEFF}').to_lowercase())
        .collect();
    let mut col: HashMap<&str, usize> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        if col.insert(n.as_str(), i).is_some() {
            return Err(input(format!(
                "the header names column `{n}` twice; rename or delete one"
            )));
        }
    }
    for required in ["src_text", "tgt_text"] {
        if !col.contains_key(required) {
            return Err(input(format!(
                "missing required column `{required}` (the header row has: {}); a reviewed CSV needs src_text and tgt_text",
                names.join(", ")
            )));
        }
    }
    let known = |n: &str| col.get(n).copied();
    let (c_pair, c_src_ids, c_tgt_ids, c_conf, c_status, c_note) = (
        known("pair"),
        known("src_ids"),
        known("tgt_ids"),
        known("confidence"),
        known("status"),
        known("note"),
    );
    let (c_src, c_tgt) = (col["src_text"], col["tgt_text"]);

    let mut out = Reviewed {
        delimiter,
        ..Reviewed::default()
    };
    let mut seen: HashMap<usize, u64> = HashMap::new();
    for (i, rec) in records.enumerate() {
        let row_no = i as u64 + 2;
        let rec = rec.map_err(|e| input(format!("row {row_no}: {e}")))?;
        let err = |column: &str, message: String| Error::Row {
            path: path.to_path_buf(),
            row: row_no,
            column: column.to_string(),
            message,
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            out.blank += 1;
            continue;
        }
        if rec.len() < names.len() {
            let missing = &names[rec.len()];
            return Err(err(
                missing,
                format!(
                    "the row has {} cells but the header has {}; is a line break in a cell that is not quoted?",
                    rec.len(),
                    names.len()
                ),
            ));
        }
        if let Some((k, _)) = rec
            .iter()
            .enumerate()
            .skip(names.len())
            .find(|(_, c)| !c.trim().is_empty())
        {
            return Err(err(
                &format!("#{} (no header)", k + 1),
                "text in a cell beyond the last named column; give the column a name or move the text".into(),
            ));
        }
        let cell = |c: Option<usize>| c.map(|c| &rec[c]).unwrap_or("");
        let text = |c: usize| {
            if unguard {
                strip_guard(&rec[c]).to_string()
            } else {
                rec[c].to_string()
            }
        };
        let status = Status::parse(cell(c_status)).map_err(|m| err("status", m))?;
        if status == Some(Status::Rejected) {
            out.rejected += 1;
            continue;
        }
        let pair = match c_pair {
            None => out.rows.len() + out.rejected,
            Some(c) => {
                let v = rec[c].trim();
                v.parse::<usize>().map_err(|_| {
                    err(
                        "pair",
                        if v.is_empty() {
                            "the pair number is empty; give the row an unused number".into()
                        } else {
                            format!("`{v}` is not a pair number (a whole number ≥ 0)")
                        },
                    )
                })?
            }
        };
        if let Some(first) = seen.insert(pair, row_no) {
            return Err(err(
                "pair",
                format!("pair {pair} is also used in row {first}; pair numbers must be unique"),
            ));
        }
        let src = parse_ids(cell(c_src_ids)).map_err(|m| err("src_ids", m))?;
        let tgt = parse_ids(cell(c_tgt_ids)).map_err(|m| err("tgt_ids", m))?;
        let confidence = parse_confidence(cell(c_conf)).map_err(|m| err("confidence", m))?;
        let note = c_note.map(text).filter(|n| !n.is_empty());
        out.rows.push(Row {
            pair,
            src,
            tgt,
            confidence,
            src_text: text(c_src),
            tgt_text: text(c_tgt),
            status,
            note,
            ..Row::default()
        });
    }
    Ok(out)
}

/// Read an aligned-pairs CSV file (`-` for standard input) for `check
/// --pairs` and `diff --pairs`: formula guards removed, rejected rows
/// dropped. Byte ranges are not in the CSV, so the rows have none.
pub fn read_pairs(path: &Path) -> Result<Vec<Row>> {
    let bytes = crate::read::read_bytes(path)?;
    let display = crate::read::display_path(path);
    Ok(read_bytes(&display, &bytes, true)?.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("a;b;\"x,y,z\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\r\n"), b'\t');
        assert_eq!(sniff_delimiter("pair|src_text|tgt_text\n1,2|x"), b'|');
        assert_eq!(sniff_delimiter("src_text tgt_text\n"), b' ');
        assert_eq!(sniff_delimiter("src_text\n"), b',');
    }

    #[test]
    fn ids() {
        assert_eq!(parse_ids("3 4"), Ok(vec![3, 4]));
        assert_eq!(parse_ids("[3, 4]"), Ok(vec![3, 4]));
        assert_eq!(parse_ids(" "), Ok(vec![]));
        assert!(parse_ids("3a").is_err());
    }

    #[test]
    fn confidence() {
        assert_eq!(parse_confidence("0,95"), Ok(Some(0.95)));
        assert_eq!(parse_confidence(""), Ok(None));
        assert!(parse_confidence("1.5").is_err());
        assert!(parse_confidence("high").is_err());
    }
}

#[cfg(test)]
mod read_pairs_tests {
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
