//! CSV and TSV: `pair,src_ids,tgt_ids,type,confidence,src_text,tgt_text,moved`.
//!
//! `moved` is empty for a pair in document order; for a moved pair (a block
//! the two editions place differently, paired across places) it is the
//! pair before which its target text stands in the target edition (see
//! [`Row::moved`]): rows are in source order.
//!
//! By default the output is RFC 4180, UTF-8 without a BOM, and never alters
//! a text: fields are quoted only when they hold the delimiter, a quote, or a
//! line break. TSV is the same with a tab as the delimiter (a field holding
//! a tab, quote or line break is quoted the same way).
//!
//! With [`Options::excel`] the file is made for Excel and LibreOffice:
//!
//! - a UTF-8 byte-order mark, so `æ ø å` survive a double-click open;
//! - the delimiter of your choice (`--delimiter ';'` for a Norwegian-locale
//!   Excel, where `,` is the decimal separator);
//! - the formula guard (OWASP "CSV injection"): a text cell that starts with
//!   `=`, `+`, `-`, `@`, a tab or a CR — or with apostrophes followed by one
//!   of those — gets one apostrophe in front, so a spreadsheet shows it as
//!   text instead of running it. **Guarded cells are altered**; `tolk
//!   convert` removes exactly one such apostrophe when it reads the file
//!   back, so the round trip gives the original text;
//! - two empty columns, `status` and `note`, for the reviewer;
//! - id lists joined by `+` (`107+108`), a form no spreadsheet locale reads
//!   as a number: `107 108` is the number 107108 in a Norwegian-locale
//!   LibreOffice (space groups thousands) and `107,108` is 107108 in an
//!   English one. A single id stays a plain number;
//! - with `--delimiter ';'` (the Norwegian spreadsheet convention) the
//!   confidence is written with a decimal comma (`0,9500`), which a
//!   Norwegian-locale spreadsheet reads as a number, so a "below 0,7"
//!   filter works. `tolk convert` reads both spellings back.

use std::io::{self, Write};

use super::{format_confidence, format_ids, Options, Row, Summary};
pub use crate::error::csv_io;
pub use crate::pairs::guard::{guard, needs_guard, unguard};

/// The columns, in order (without the review columns).
pub const COLUMNS: [&str; 8] = [
    "pair",
    "src_ids",
    "tgt_ids",
    "type",
    "confidence",
    "src_text",
    "tgt_text",
    "moved",
];

/// The reviewer's columns, written after [`COLUMNS`] with `--excel`.
pub const REVIEW_COLUMNS: [&str; 2] = ["status", "note"];

/// Write `rows` as CSV (or TSV with `delimiter` = tab).
pub fn write(
    opts: &Options,
    delimiter: u8,
    rows: impl Iterator<Item = Row>,
    w: &mut dyn Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    if opts.excel {
        w.write_all("\u{FEFF}".as_bytes())?;
    }
    let review = opts.review_columns || opts.excel;
    let mut csv = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if review {
        header.extend(REVIEW_COLUMNS);
    }
    csv.write_record(&header).map_err(csv_io)?;
    for row in rows {
        let mut cell = |t: &str| -> String {
            if opts.excel && needs_guard(t) {
                summary.guarded_cells += 1;
                guard(t).into_owned()
            } else {
                t.to_string()
            }
        };
        let src_text = cell(&row.src_text);
        let tgt_text = cell(&row.tgt_text);
        let note = cell(row.note.as_deref().unwrap_or(""));
        let (ids, confidence) = if opts.excel {
            let comma = delimiter == b';';
            (
                [excel_ids(&row.src), excel_ids(&row.tgt)],
                excel_confidence(row.confidence, comma),
            )
        } else {
            (
                [format_ids(&row.src), format_ids(&row.tgt)],
                format_confidence(row.confidence),
            )
        };
        let [src_ids, tgt_ids] = ids;
        let mut rec = vec![
            row.pair.to_string(),
            src_ids,
            tgt_ids,
            row.kind(),
            confidence,
            src_text,
            tgt_text,
            row.moved.map(|k| k.to_string()).unwrap_or_default(),
        ];
        if review {
            rec.push(row.status.map(|s| s.as_str()).unwrap_or("").to_string());
            rec.push(note);
        }
        csv.write_record(&rec).map_err(csv_io)?;
        summary.written += 1;
    }
    csv.flush()?;
    Ok(summary)
}

/// The spreadsheet conventions of a CSV (`--excel`, `--delimiter`), for the
/// CSVs written outside [`write`]: `tolk check`'s findings and `tolk diff`'s
/// update sheet. With `excel`: a BOM, CRLF line ends, id lists joined by
/// `+`, decimal numbers with a decimal comma when the delimiter is `;`, and
/// the formula guard on text cells (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sheet {
    /// Write for Excel and LibreOffice.
    pub excel: bool,
    /// The field delimiter.
    pub delimiter: u8,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet {
            excel: false,
            delimiter: b',',
        }
    }
}

impl Sheet {
    /// A CSV writer on `w` (the BOM already written with `excel`).
    pub fn writer<W: Write>(&self, mut w: W) -> io::Result<::csv::Writer<W>> {
        let mut b = ::csv::WriterBuilder::new();
        b.delimiter(self.delimiter);
        if self.excel {
            w.write_all("\u{FEFF}".as_bytes())?;
            b.terminator(::csv::Terminator::CRLF);
        }
        Ok(b.from_writer(w))
    }

    /// An id list: `3 4`, or `3+4` with `excel`.
    pub fn ids(&self, ids: &[usize]) -> String {
        if self.excel {
            excel_ids(ids)
        } else {
            format_ids(ids)
        }
    }

    /// A confidence (see [`excel_confidence`]).
    pub fn confidence(&self, c: Option<f64>) -> String {
        if self.excel {
            excel_confidence(c, self.delimiter == b';')
        } else {
            format_confidence(c)
        }
    }

    /// A text cell, guarded with `excel`.
    pub fn text<'a>(&self, t: &'a str) -> std::borrow::Cow<'a, str> {
        if self.excel {
            guard(t)
        } else {
            std::borrow::Cow::Borrowed(t)
        }
    }
}

/// Segment ids for a spreadsheet: joined by `+` (`107+108`), which no
/// locale reads as a number (see the module docs).
pub fn excel_ids(ids: &[usize]) -> String {
    crate::pairs::join_ids(ids, "+")
}

/// A confidence as written for a spreadsheet. With `comma` (a
/// `;`-delimited file, the Norwegian convention) it has a decimal comma
/// and four decimals (`0,9480`): a Norwegian-locale sheet reads it as a
/// number, and an English-locale one, where `1,000` would be a thousand,
/// keeps it as text instead of misreading it.
pub fn excel_confidence(c: Option<f64>, comma: bool) -> String {
    match c {
        Some(c) if comma => format!("{c:.4}").replace('.', ","),
        c => format_confidence(c),
    }
}
