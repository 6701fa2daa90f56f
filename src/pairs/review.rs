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
//!   `tgt_ids`, `confidence`, `moved`, `status`, `note`, `src_marker`,
//!   `tgt_marker` are optional (`type` is
//!   recomputed from the ids). Without a `pair` column the rows are
//!   numbered 0, 1, 2 … in file order;
//! - **rows** deleted, texts edited, two rows merged by hand (put both ids in
//!   one cell: `3 4`, `3+4`, `3,4` or `[3, 4]`), empty rows (skipped);
//! - **status** (see [`Status::parse`]): `ok`/`approved`/`yes`/`done` →
//!   approved; `reject`/`rejected`/`x`/`no`/`delete` → the row is dropped;
//!   `check`/`review`/`?`/`todo`/`fix` → needs review; empty → no verdict;
//! - **confidence** with a decimal point or a decimal comma (`0,95`, as a
//!   Norwegian-locale spreadsheet saves it);
//! - **moved**: empty, or the pair before which a moved pair's target text
//!   stands in the target (see [`Row::moved`]); a moved row's target ids
//!   are out of document order by nature and are left out of the order
//!   check;
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
//! repeated `pair`. And the ids must fit the texts and the documents (see
//! [`check_ids`]): in document order on each side, no id far beyond the
//! file's size, no fewer ids than the `type` column says, no id without
//! text — what a spreadsheet leaves behind when it reads `107 108` as the
//! number 107108, when rows are sorted or shuffled, or when cells are
//! merged.

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
    /// Per kept row: its row number in the sheet (header = 1) and its
    /// `type` cell, when there is a `type` column.
    pub lines: Vec<(u64, Option<String>)>,
    /// True when the file has a `src_ids` or `tgt_ids` column.
    pub has_ids: bool,
}

impl Reviewed {
    /// Check that the ids fit the texts and the document order (see
    /// [`check_ids`]); `path` names the file in the error.
    pub fn check_ids(&self, path: &Path) -> Result<()> {
        if !self.has_ids {
            return Ok(());
        }
        let sheet_rows = self.rows.len() + self.rejected + self.blank;
        check_ids(path, &self.rows, &self.lines, sheet_rows)
    }
}

/// Read the reviewed CSV at `path` and check its ids ([`check_ids`]).
/// `unguard`: remove the `--excel` formula guard (see the module docs).
pub fn read_path(path: &Path, unguard: bool) -> Result<Reviewed> {
    let bytes = std::fs::read(path).map_err(|cause| Error::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    let reviewed = read_bytes(path, &bytes, unguard)?;
    reviewed.check_ids(path)?;
    Ok(reviewed)
}

/// Decode the file to text ([`crate::read::decode_sheet`]), the BOM
/// stripped.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let (text, _) = crate::read::decode_sheet(path, bytes)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
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
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '+'))
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
    const KNOWN: [&str; 10] = [
        "pair",
        "src_ids",
        "tgt_ids",
        "type",
        "confidence",
        "src_text",
        "tgt_text",
        "moved",
        "status",
        "note",
    ];
    if !names.iter().any(|n| KNOWN.contains(&n.as_str())) {
        return Err(Error::Row {
            path: path.to_path_buf(),
            row: 1,
            column: names.first().cloned().unwrap_or_default(),
            message: format!(
                "row 1 is not a header (it names none of the columns {}); was the header row \
                 deleted? Put it back: {}",
                KNOWN.join(", "),
                crate::output::csv::COLUMNS.join(",")
            ),
        });
    }
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
    // per kept row: its row number in the sheet and its `type` cell
    let mut lines: Vec<(u64, Option<String>)> = Vec::new();
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
        let moved = match cell(known("moved")).trim() {
            "" => None,
            v => Some(v.parse::<usize>().map_err(|_| {
                err(
                    "moved",
                    format!(
                        "`{v}` is not a pair number; `moved` is empty, or the pair before which                          a moved pair's target text stands"
                    ),
                )
            })?),
        };
        let kind = known("type").map(|c| rec[c].trim().to_string());
        let marker = |name: &str| {
            known(name)
                .map(|c| rec[c].trim().to_string())
                .filter(|m| !m.is_empty())
        };
        lines.push((row_no, kind));
        out.rows.push(Row {
            pair,
            src,
            tgt,
            confidence,
            src_text: text(c_src),
            tgt_text: text(c_tgt),
            status,
            note,
            moved,
            src_marker: marker("src_marker"),
            tgt_marker: marker("tgt_marker"),
            ..Row::default()
        });
    }
    out.lines = lines;
    out.has_ids = c_src_ids.is_some() || c_tgt_ids.is_some();
    Ok(out)
}

/// Read an aligned-pairs CSV file (`-` for standard input) for `check
/// --pairs` and `diff --pairs`: formula guards removed, rejected rows
/// dropped. Byte ranges are not in the CSV, so the rows have none.
pub fn read_pairs(path: &Path) -> Result<Vec<Row>> {
    Ok(read_reviewed(path)?.rows)
}

/// [`read_pairs`], with what else the reader found (whether the file has
/// id columns, rows rejected …).
pub fn read_reviewed(path: &Path) -> Result<Reviewed> {
    let bytes = crate::read::read_bytes(path)?;
    let display = crate::read::display_path(path);
    read_bytes(&display, &bytes, true)
}

/// The ids of a reviewed CSV against its texts and the document order:
/// each side's ids rise from row to row; no id is far beyond the number of
/// rows (a merged id list such as 107108); a row holds no fewer ids than
/// its `type` says (`2-1` with one source id); a side with ids has text.
/// `lines`: per row, its row number in the sheet and its `type` cell.
fn check_ids(
    path: &Path,
    rows: &[Row],
    lines: &[(u64, Option<String>)],
    sheet_rows: usize,
) -> Result<()> {
    let err = |row: u64, column: &str, message: String| Error::Row {
        path: path.to_path_buf(),
        row,
        column: column.to_string(),
        message,
    };
    // An aligned document has at most a few segments per row on a side.
    let bound = 4 * sheet_rows + 10;
    let show = |ids: &[usize]| {
        ids.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("+")
    };
    for side in 0..2 {
        let (column, text_column) = if side == 0 {
            ("src_ids", "src_text")
        } else {
            ("tgt_ids", "tgt_text")
        };
        let mut last: Option<(usize, u64)> = None;
        for (row, (row_no, kind)) in rows.iter().zip(lines) {
            let (ids, text) = if side == 0 {
                (&row.src, &row.src_text)
            } else {
                (&row.tgt, &row.tgt_text)
            };
            if let Some(&id) = ids.iter().find(|&&id| id > bound) {
                return Err(err(
                    *row_no,
                    column,
                    format!(
                        "segment {id} does not exist in a sheet of {sheet_rows} rows; was an id list \
                         such as `107 108` read as one number by a spreadsheet? Restore the ids \
                         (write them as `107+108`, as `tolk align --excel` does)"
                    ),
                ));
            }
            if !ids.is_empty() && text.trim().is_empty() {
                return Err(err(
                    *row_no,
                    text_column,
                    format!(
                        "{column} is {} but {text_column} is empty; were cells merged? Unmerge \
                         them and give each row its own text, or clear {column}",
                        show(ids)
                    ),
                ));
            }
            let want = kind
                .as_deref()
                .and_then(|k| k.split_once('-'))
                .and_then(|(a, b)| if side == 0 { a } else { b }.parse::<usize>().ok());
            if let Some(n) = want.filter(|&n| ids.len() < n) {
                return Err(err(
                    *row_no,
                    column,
                    format!(
                        "type {} says {n} segment(s) but {column} holds {} (`{}`); was an id \
                         list read as one number by a spreadsheet? Restore the ids, or correct \
                         the type",
                        kind.as_deref().unwrap_or(""),
                        ids.len(),
                        show(ids)
                    ),
                ));
            }
            // A moved pair's target stands elsewhere in the target.
            if side == 1 && row.moved.is_some() {
                continue;
            }
            if let (Some(&first), Some((prev, prev_row))) = (ids.first(), last) {
                if first <= prev {
                    return Err(err(
                        *row_no,
                        column,
                        format!(
                            "segment {first} comes after segment {prev} (row {prev_row}): the rows \
                             are out of document order; sort the sheet by `pair` (or undo the \
                             sort) so the ids rise from row to row"
                        ),
                    ));
                }
            }
            if let Some(&id) = ids.last() {
                last = Some((id, *row_no));
            }
        }
    }
    Ok(())
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
